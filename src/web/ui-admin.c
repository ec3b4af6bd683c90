/* ui-admin.c: the admin pages: the accounts (read only) and the audit trail */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../util/date.h"
#include "../util/text.h"

#include <stdio.h>

#define AUDIT_PAGE 50 /* rows a page */

UI_HANDLER(ui_admin)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct user *users = NULL;
	size_t n = 0;
	struct buf t = BUF_INIT;
	struct kit_table_col cols[] = {
		{ page_t(p, "admin.username"), 0 },
		{ page_t(p, "admin.display_name"), 0 },
		{ page_t(p, "admin.role"), 0 },
		{ page_t(p, "admin.centres"), 0 },
		{ page_t(p, "admin.status"), 0 },
		{ page_t(p, "admin.last_login"), 0 },
	};

	if (auth_user_list(p->db, &users, &n) != ST_OK)
		return page_error(p, 500);
	page_begin(p, page_t(p, "admin.title"), KIT_NAV_ADMIN, 0);
	kit_heading(b, 1, "l", page_t(p, "admin.title"));
	html_raw_literal(b, "<ul class=\"govuk-list\">\n<li>");
	kit_link(b, "/admin/audit", page_t(p, "admin.audit_link"));
	html_raw_literal(b, "</li>\n<li>");
	kit_link(b, "/admin/visit-kinds", page_t(p, "admin.visit_kinds_link"));
	html_raw_literal(b, "</li>\n<li>");
	kit_link(b, "/export", page_t(p, "admin.export_link"));
	html_raw_literal(b, "</li>\n<li>");
	kit_link(b, "/duplicates", page_t(p, "duplicates.admin_link"));
	html_raw_literal(b, "</li>\n</ul>\n");
	kit_heading(b, 2, "m", page_t(p, "admin.users"));
	kit_inset_text(b, page_t(p, "admin.users_note"));
	html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
	kit_table_begin(b, &(struct kit_table){ .cols = cols, .ncols = ARRAY_LEN(cols), .first_cell_is_header = 1 });
	for (size_t i = 0; i < n; i++) {
		const struct user *u = &users[i];
		char key[32];

		kit_table_row_begin(b);
		kit_table_row_header(b, u->username);
		kit_table_cell(b, u->display_name, 0);
		snprintf(key, sizeof(key), "admin.role.%s", auth_role_name(u->role));
		kit_table_cell(b, page_t(p, key), 0);
		buf_reset(&t);
		for (size_t c = 0; c < u->ncentres; c++)
			buf_addf(&t, "%s%s", c ? ", " : "", u->centre_codes[c]);
		if (!auth_role_is_scoped(u->role))
			buf_adds(&t, page_t(p, "admin.all_centres"));
		kit_table_cell(b, t.data, 0);
		kit_table_cell_begin(b, 0);
		kit_tag(b, page_t(p, u->disabled ? "admin.disabled" : "admin.active"),
			u->disabled ? KIT_TAG_GREY : KIT_TAG_GREEN);
		kit_table_cell_end(b);
		kit_table_cell(b, u->last_login_at ? u->last_login_at : page_t(p, "admin.never"), 0);
		kit_table_row_end(b);
	}
	kit_table_end(b);
	html_raw_literal(b, "</div>\n");
	page_end(p);
	auth_user_list_free(&users, n);
	buf_release(&t);
	return 0;
}

/* ------------------------------------------------------------ the trail */

struct audit_q {
	const char *user, *family, *from_text, *to_text; /* as typed */
	struct audit_filter f;                           /* checked */
};

static void read_audit_q(struct page *p, struct audit_q *q, struct kit_errors *errs)
{
	memset(q, 0, sizeof(*q));
	audit_filter_init(&q->f);
	q->user = page_query(p, "user");
	q->family = page_query(p, "family");
	q->from_text = page_query(p, "from");
	q->to_text = page_query(p, "to");
	if (*q->user) {
		if (!auth_username_valid(q->user))
			kit_errors_add(errs, "user", page_t(p, "audit.error.user"));
		else
			q->f.username = q->user;
	}
	if (*q->family) {
		if (!id_valid(q->family))
			kit_errors_add(errs, "family", page_t(p, "audit.error.family"));
		else /* an unknown family has no rows: -1 matches none */
			q->f.family_id = db_query_int(p->db, "SELECT id FROM families WHERE ext_id = ?", q->family, -1);
	}
	if (*q->from_text && date_parse(q->from_text, &q->f.from))
		kit_errors_add(errs, "from", page_t(p, "audit.error.from")), q->f.from = DATE_NONE;
	if (*q->to_text && date_parse(q->to_text, &q->f.to))
		kit_errors_add(errs, "to", page_t(p, "audit.error.to")), q->f.to = DATE_NONE;
	if (errs->nr) /* show nothing rather than more than asked for */
		q->f.family_id = -1;
}

static void audit_url(struct buf *u, const char *path, const struct audit_q *q)
{
	buf_adds(u, path);
	buf_adds(u, "?user=");
	html_url_arg(u, q->user);
	buf_adds(u, "&family=");
	html_url_arg(u, q->family);
	buf_adds(u, "&from=");
	html_url_arg(u, q->from_text);
	buf_adds(u, "&to=");
	html_url_arg(u, q->to_text);
}

struct audit_rows {
	struct page *p;
	size_t n;       /* rows written */
	struct buf t;   /* scratch */
};

static int audit_row(const struct audit_row *row, void *data)
{
	struct audit_rows *ar = data;
	struct buf *b = &ar->p->res->body;

	if (ar->n++ == AUDIT_PAGE)
		return 1; /* the one past the page: there is a next page */
	kit_table_row_begin(b);
	kit_table_cell(b, row->at, 0);
	kit_table_cell(b, row->username, 0);
	kit_table_cell(b, row->action, 0);
	if (row->family_ext) {
		buf_reset(&ar->t);
		buf_adds(&ar->t, "/families/");
		html_url_arg(&ar->t, row->family_ext);
		kit_table_cell_link(b, ar->t.data, row->family_ext, 0);
	} else {
		kit_table_cell(b, "", 0);
	}
	kit_table_cell(b, row->person_ext ? row->person_ext : "", 0);
	kit_table_cell(b, row->detail ? row->detail : "", 0);
	kit_table_row_end(b);
	return 0;
}

UI_HANDLER(ui_audit)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct audit_q q;
	struct audit_rows ar = { p, 0, BUF_INIT };
	struct buf prev = BUF_INIT, next = BUF_INIT, csv = BUF_INIT, pl = BUF_INIT, nl = BUF_INIT;
	const char *pg = http_query(req, "page");
	int page = 1, ret = 0;
	struct kit_table_col cols[] = {
		{ page_t(p, "audit.at"), 0 },
		{ page_t(p, "audit.user"), 0 },
		{ page_t(p, "audit.action"), 0 },
		{ page_t(p, "audit.family"), 0 },
		{ page_t(p, "audit.person"), 0 },
		{ page_t(p, "audit.detail"), 0 },
	};

	read_audit_q(p, &q, &errs);
	if (pg && parse_int(pg, 1, 1000000, &page))
		page = 1;
	page_begin_back(p, page_t(p, "audit.title"), KIT_NAV_ADMIN, errs.nr > 0, "/admin");
	kit_error_summary(b, p->lang, &errs);
	kit_heading(b, 1, "l", page_t(p, "audit.title"));
	html_raw_literal(b, "<form method=\"get\" action=\"/admin/audit\" novalidate>\n"
			    "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "user", .label = page_t(p, "audit.user"),
					  .error = kit_errors_get(&errs, "user"), .value = q.user,
					  .spellcheck_off = 1, .autocapitalize = "none" });
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "family", .label = page_t(p, "audit.family"),
					  .error = kit_errors_get(&errs, "family"), .value = q.family,
					  .spellcheck_off = 1 });
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "from", .label = page_t(p, "audit.from"),
					  .hint = page_t(p, "reach.date_hint"), .error = kit_errors_get(&errs, "from"),
					  .value = q.from_text, .spellcheck_off = 1 });
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "to", .label = page_t(p, "audit.to"),
					  .hint = page_t(p, "reach.date_hint"), .error = kit_errors_get(&errs, "to"),
					  .value = q.to_text, .spellcheck_off = 1 });
	html_raw_literal(b, "</div></div>\n");
	kit_button_group_begin(b);
	kit_button(b, &(struct kit_button){ .text = page_t(p, "audit.filter"), .kind = KIT_BUTTON_SECONDARY });
	audit_url(&csv, "/admin/audit.csv", &q);
	kit_link(b, csv.data, page_t(p, "audit.download"));
	kit_button_group_end(b);
	html_raw_literal(b, "</form>\n<div class=\"reach-table-wrap\">\n");
	kit_table_begin(b, &(struct kit_table){ .cols = cols, .ncols = ARRAY_LEN(cols) });
	if (auth_audit_query(p->db, &q.f, AUDIT_PAGE + 1, (size_t)(page - 1) * AUDIT_PAGE, audit_row, &ar) != ST_OK) {
		ret = page_error(p, 500);
		goto out;
	}
	kit_table_end(b);
	html_raw_literal(b, "</div>\n");
	if (!ar.n)
		kit_p(b, page_t(p, "audit.none"));
	if (page > 1) {
		audit_url(&prev, "/admin/audit", &q);
		buf_addf(&prev, "&page=%d", page - 1);
		buf_addf(&pl, "%d", page - 1);
	}
	if (ar.n > AUDIT_PAGE) {
		audit_url(&next, "/admin/audit", &q);
		buf_addf(&next, "&page=%d", page + 1);
		buf_addf(&nl, "%d", page + 1);
	}
	kit_pagination(b, &(struct kit_pagination){ .lang = p->lang, .prev_href = prev.len ? prev.data : NULL,
						    .next_href = next.len ? next.data : NULL,
						    .prev_label = pl.len ? pl.data : NULL,
						    .next_label = nl.len ? nl.data : NULL });
	page_end(p);
out:
	kit_errors_release(&errs);
	buf_release(&ar.t);
	buf_release(&prev);
	buf_release(&next);
	buf_release(&csv);
	buf_release(&pl);
	buf_release(&nl);
	return ret;
}

UI_HANDLER(ui_audit_csv)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct audit_q q;
	struct buf detail = BUF_INIT;
	char *data = NULL;
	size_t len = 0;
	FILE *f;
	int ret = 0;

	read_audit_q(p, &q, &errs);
	if (errs.nr) {
		ret = page_error(p, 400);
		goto out;
	}
	q.f.oldest_first = 1;
	if (!(f = open_memstream(&data, &len))) {
		ret = page_error(p, 500);
		goto out;
	}
	if (auth_audit_export_csv(p->db, &q.f, f) != ST_OK) {
		fclose(f);
		ret = page_error(p, 500);
		goto out;
	}
	if (fclose(f)) {
		ret = page_error(p, 500);
		goto out;
	}
	buf_addf(&detail, "audit trail: user=%s family=%s from=%s to=%s", *q.user ? q.user : "-",
		 *q.family ? q.family : "-", *q.from_text ? q.from_text : "-", *q.to_text ? q.to_text : "-");
	page_audit(p, "export", 0, 0, detail.data);
	res->content_type = "text/csv; charset=utf-8";
	http_set_header(res, "Content-Disposition", "attachment; filename=\"audit.csv\"");
	buf_reset(&res->body);
	buf_add(&res->body, data, len);
out:
	free(data);
	buf_release(&detail);
	kit_errors_release(&errs);
	return ret;
}
