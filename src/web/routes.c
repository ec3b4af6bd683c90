/* routes.c: every URL of the web application, its method, handler and
 * who may use it (checked in app.c before the handler runs) */
#include "app.h"
#include "ui.h"

#define NEEDS ROUTE_NEEDS

const struct http_route ui_routes[] = {
	{ "GET", "/", ui_home, 0 },
	{ "GET", "/login", ui_login_form, ROUTE_PUBLIC },
	{ "POST", "/login", ui_login_submit, ROUTE_PUBLIC },
	{ "POST", "/logout", ui_logout, 0 },
	{ "GET", "/assets/{*}", ui_asset, ROUTE_PUBLIC },

	{ "GET", "/search", ui_search, NEEDS(ACT_VIEW_FAMILY) },
	{ "GET", "/families/new", ui_register_form, NEEDS(ACT_REGISTER_FAMILY) },
	{ "POST", "/families/new", ui_register_submit, NEEDS(ACT_REGISTER_FAMILY) },
	{ "GET", "/families/{id}", ui_family, NEEDS(ACT_VIEW_FAMILY) },
	{ "GET", "/families/{id}/edit", ui_family_edit_form, NEEDS(ACT_EDIT_FAMILY) },
	{ "POST", "/families/{id}/edit", ui_family_edit_submit, NEEDS(ACT_EDIT_FAMILY) },
	{ "GET", "/families/{id}/visits/new", ui_visit_form, NEEDS(ACT_RECORD_VISIT) },
	{ "POST", "/families/{id}/visits/new", ui_visit_submit, NEEDS(ACT_RECORD_VISIT) },

	{ "GET", "/visits", ui_visits, NEEDS(ACT_VIEW_FAMILY) },
	{ "GET", "/registers", ui_registers, NEEDS(ACT_TAKE_REGISTER) },
	{ "GET", "/registers/take", ui_register_take, NEEDS(ACT_TAKE_REGISTER) },
	{ "POST", "/registers/take", ui_register_save, NEEDS(ACT_TAKE_REGISTER) },
	{ "POST", "/registers/walk-in", ui_register_walkin, NEEDS(ACT_TAKE_REGISTER) },

	{ "GET", "/reach", ui_reach, NEEDS(ACT_VIEW_REPORTS) },
	/* data packs: anyone who sees reach pages reads packs as pages (scoped
	 * roles: a centre they work for only, any other area 404); the PDF and
	 * XLSX files are exports, audited, for those who may export */
	{ "GET", "/packs", ui_packs, NEEDS(ACT_VIEW_REPORTS) },
	{ "GET", "/packs/view", ui_pack_view, NEEDS(ACT_VIEW_REPORTS) },
	{ "GET", "/packs/pack.pdf", ui_pack_pdf, NEEDS(ACT_EXPORT) },
	{ "GET", "/packs/pack.xlsx", ui_pack_xlsx, NEEDS(ACT_EXPORT) },
	{ "GET", "/export", ui_export_form, NEEDS(ACT_EXPORT) },
	{ "GET", "/export/families.csv", ui_export_csv, NEEDS(ACT_EXPORT) },

	{ "GET", "/duplicates", ui_duplicates, NEEDS(ACT_REVIEW_DUPLICATES) },
	{ "GET", "/duplicates/{a}/{b}", ui_duplicate_pair, NEEDS(ACT_REVIEW_DUPLICATES) },
	{ "POST", "/duplicates/{a}/{b}", ui_duplicate_decide, NEEDS(ACT_REVIEW_DUPLICATES) },
	{ "POST", "/merges/{id}/undo", ui_merge_undo, NEEDS(ACT_REVIEW_DUPLICATES) },

	{ "GET", "/admin", ui_admin, NEEDS(ACT_MANAGE_USERS) },
	{ "GET", "/admin/audit", ui_audit, NEEDS(ACT_VIEW_AUDIT) },
	{ "GET", "/admin/audit.csv", ui_audit_csv, NEEDS(ACT_VIEW_AUDIT) },
	{ "GET", "/admin/visit-kinds", ui_visit_kinds, NEEDS(ACT_MANAGE_SETTINGS) },
	{ "POST", "/admin/visit-kinds", ui_visit_kinds_submit, NEEDS(ACT_MANAGE_SETTINGS) },
};

const size_t ui_nroutes = sizeof(ui_routes) / sizeof(ui_routes[0]);
