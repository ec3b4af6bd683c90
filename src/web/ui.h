/* ui.h: the page handlers, one ui-<page>.c each, listed in routes.c */
#ifndef REACH_UI_H
#define REACH_UI_H

#include "http.h"

#define UI_HANDLER(name) int name(struct http_request *req, struct http_response *res)

/* ui-login.c: signing in and out, the home redirect, static assets */
UI_HANDLER(ui_login_form);
UI_HANDLER(ui_login_submit);
UI_HANDLER(ui_logout);
UI_HANDLER(ui_home);
UI_HANDLER(ui_asset);

/* ui-search.c and ui-family.c: finding a family and its record */
UI_HANDLER(ui_search);
UI_HANDLER(ui_family);

/* ui-visits.c: outreach visits and their kinds */
UI_HANDLER(ui_visit_form);
UI_HANDLER(ui_visit_submit);
UI_HANDLER(ui_visits);
UI_HANDLER(ui_visit_kinds);
UI_HANDLER(ui_visit_kinds_submit);

/* ui-registration.c: registering a family, and changing its details */
UI_HANDLER(ui_register_form);
UI_HANDLER(ui_register_submit);
UI_HANDLER(ui_family_edit_form);
UI_HANDLER(ui_family_edit_submit);

/* ui-registers.c: session registers */
UI_HANDLER(ui_registers);
UI_HANDLER(ui_register_take);
UI_HANDLER(ui_register_save);
UI_HANDLER(ui_register_walkin);

/* ui-reach.c: the reach report as a page */
UI_HANDLER(ui_reach);

/* compute what the reach page shows first, into the server's cache: run
 * in the background after the data changes, so the page is quick */
struct page;
void ui_reach_warm(struct page *p);

/* ui-packs.c: data packs: the form, the pack as a page, PDF and XLSX downloads */
UI_HANDLER(ui_packs);
UI_HANDLER(ui_pack_view);
UI_HANDLER(ui_pack_pdf);
UI_HANDLER(ui_pack_xlsx);

/* ui-export.c: the mail-merge export */
UI_HANDLER(ui_export_form);
UI_HANDLER(ui_export_csv);

/* ui-admin.c: users and the audit trail */
UI_HANDLER(ui_admin);
UI_HANDLER(ui_audit);
UI_HANDLER(ui_audit_csv);

/* ui-duplicates.c: the review queue of likely duplicate people, merge and undo */
UI_HANDLER(ui_duplicates);
UI_HANDLER(ui_duplicate_pair);
UI_HANDLER(ui_duplicate_decide);
UI_HANDLER(ui_merge_undo);

/* the route table (routes.c) */
extern const struct http_route ui_routes[];
extern const size_t ui_nroutes;

#endif
