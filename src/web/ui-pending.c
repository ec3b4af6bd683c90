/* ui-pending.c: pages not built yet answer 404 (NEEDSWORK: removed once every page of ui.h exists) */
#include "ui.h"

__attribute__((weak)) UI_HANDLER(ui_admin)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_audit)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_audit_csv)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_export_csv)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_export_form)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_family)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_family_edit_form)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_family_edit_submit)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_reach)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_register_form)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_register_save)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_register_submit)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_register_take)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_register_walkin)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_registers)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_search)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_visit_form)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_visit_kinds)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_visit_kinds_submit)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_visit_submit)
{
	(void)req;
	res->status = 404;
	return 0;
}

__attribute__((weak)) UI_HANDLER(ui_visits)
{
	(void)req;
	res->status = 404;
	return 0;
}

