/* ui-export.c: the mail-merge export: families who agreed to be contacted, as CSV */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../csv/csv.h"
#include "../report/engagement.h"
#include "../util/date.h"
#include "../util/text.h"

#define NOT_SEEN_MAX 60 /* months */

struct export_q {
	const char *centre, *from_text, *to_text, *children, *not_seen_text; /* as typed */
	int64_t centre_id;  /* 0: every centre the user may see */
	int32_t from, to;   /* registered between (DATE_NONE: open) */
	int not_seen;       /* months, 0 for no filter */
};

/* read and check the filter: 0 (errors may be added), 1 for a centre out of scope, -1 */
static int read_filter(struct page *p, struct export_q *q, struct kit_errors *errs)
{
	memset(q, 0, sizeof(*q));
	q->centre = page_query(p, "centre");
	q->from_text = page_query(p, "registered_from");
	q->to_text = page_query(p, "registered_to");
	q->children = page_query(p, "children");
	q->not_seen_text = page_query(p, "not_seen");
	q->from = q->to = DATE_NONE;
	if (*q->centre) {
		q->centre_id = db_query_int(p->db, "SELECT id FROM centres WHERE code = ?", q->centre, 0);
		if (!q->centre_id || !page_centre_in_scope(p, q->centre_id))
			return 1;
	}
	if (*q->from_text && date_parse(q->from_text, &q->from)) {
		kit_errors_add(errs, "registered_from", page_t(p, "export.error.from"));
		q->from = DATE_NONE;
	}
	if (*q->to_text && date_parse(q->to_text, &q->to)) {
		kit_errors_add(errs, "registered_to", page_t(p, "export.error.to"));
		q->to = DATE_NONE;
	}
	if (q->from != DATE_NONE && q->to != DATE_NONE && q->from > q->to)
		kit_errors_add(errs, "registered_to", page_t(p, "export.error.order"));
	if (!*q->children)
		q->children = "any";
	if (strcmp(q->children, "any") && strcmp(q->children, "under5") && strcmp(q->children, "under2"))
		kit_errors_add(errs, "children", page_t(p, "export.error.children"));
	if (*q->not_seen_text && parse_int(q->not_seen_text, 1, NOT_SEEN_MAX, &q->not_seen))
		kit_errors_add(errs, "not_seen", page_t(p, "export.error.not_seen"));
	return 0;
}

static int form_page(struct page *p, const struct export_q *q, const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	struct db_stmt *st = db_prepare(p->db, "SELECT id, code, name FROM centres ORDER BY code");
	struct kit_item *items = NULL;
	char **texts = NULL; /* codes and names, two a centre */
	size_t n = 0, alloc = 0, talloc = 0, nt = 0;
	const struct kit_item children[] = {
		{ .value = "any", .text = page_t(p, "export.children.any") },
		{ .value = "under5", .text = page_t(p, "export.children.under5") },
		{ .value = "under2", .text = page_t(p, "export.children.under2") },
	};
	int scoped = auth_role_is_scoped(p->user.role);

	if (!st)
		return -1;
	while (db_step(st) == DB_ROW) {
		if (!page_centre_in_scope(p, db_col_int(st, 0)))
			continue;
		XGROW(texts, talloc, nt + 2);
		texts[nt++] = xstrdup(db_col_text(st, 1));
		texts[nt++] = xstrdup(db_col_text(st, 2));
	}
	db_finalize(&st);
	XGROW(items, alloc, nt / 2 + 1);
	items[n++] = (struct kit_item){ .value = "", .text = page_t(p, scoped ? "export.my_centres" : "export.all_centres") };
	for (size_t i = 0; i < nt; i += 2)
		items[n++] = (struct kit_item){ .value = texts[i], .text = texts[i + 1] };

	page_begin(p, page_t(p, "export.title"), KIT_NAV_EXPORT, errs && errs->nr);
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (errs)
		kit_error_summary(b, p->lang, errs);
	kit_heading(b, 1, "l", page_t(p, "export.title"));
	kit_p(b, page_t(p, "export.intro"));
	kit_inset_text(b, page_t(p, "export.consent_note"));
	html_raw_literal(b, "<form method=\"get\" action=\"/export/families.csv\" novalidate>\n");
	kit_select(b, &(struct kit_select){ .lang = p->lang, .name = "centre",
					    .label = page_t(p, "export.centre"), .label_size = "s",
					    .items = items, .nitems = n, .value = q ? q->centre : "" });
	kit_fieldset_begin(b, page_t(p, "export.registered_between"), "s", 0);
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "registered_from",
					  .label = page_t(p, "export.from"), .hint = page_t(p, "export.date_hint"),
					  .error = errs ? kit_errors_get(errs, "registered_from") : NULL,
					  .value = q ? q->from_text : NULL, .width = 10, .spellcheck_off = 1 });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "registered_to",
					  .label = page_t(p, "export.to"), .hint = page_t(p, "export.date_hint"),
					  .error = errs ? kit_errors_get(errs, "registered_to") : NULL,
					  .value = q ? q->to_text : NULL, .width = 10, .spellcheck_off = 1 });
	kit_fieldset_end(b);
	kit_radios(b, &(struct kit_choices){ .lang = p->lang, .name = "children",
					     .legend = page_t(p, "export.children"), .legend_size = "s",
					     .error = errs ? kit_errors_get(errs, "children") : NULL,
					     .items = children, .nitems = 3,
					     .value = q ? q->children : "any", .small = 1 });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "not_seen",
					  .label = page_t(p, "export.not_seen"), .label_size = "s",
					  .hint = page_t(p, "export.not_seen_hint"),
					  .error = errs ? kit_errors_get(errs, "not_seen") : NULL,
					  .value = q ? q->not_seen_text : NULL, .width = 3,
					  .inputmode = "numeric" });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.download_csv") });
	html_raw_literal(b, "</form>\n</div></div>\n");
	page_end(p);
	for (size_t i = 0; i < nt; i++)
		free(texts[i]);
	free(texts);
	free(items);
	return 0;
}

UI_HANDLER(ui_export_form)
{
	struct page *p = page_of(req);

	(void)res;
	return form_page(p, NULL, NULL) ? page_error(p, 500) : 0;
}

/* a cell a spreadsheet will not run as a formula */
static void safe_field(struct buf *line, const char *s, int first)
{
	if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')) {
		struct buf t = BUF_INIT;

		buf_addch(&t, '\'');
		buf_adds(&t, s);
		csv_add_field(line, t.data, first);
		buf_release(&t);
	} else {
		csv_add_field(line, s ? s : "", first);
	}
}

static int in_user_centres(const struct page *p, int64_t centre_id)
{
	for (size_t i = 0; i < p->user.ncentres; i++)
		if (p->user.centres[i] == centre_id)
			return 1;
	return 0;
}

/* the CSV of the matching families into out; *rows counted */
static int write_csv(struct page *p, const struct export_q *q, struct buf *out, size_t *rows)
{
	static const char *const header[] = {
		"family_id", "carer_first_name", "carer_last_name", "address_line1", "address_line2",
		"town", "postcode", "phone", "email", "children_under_5",
	};
	struct db_stmt *st = NULL, *carer = NULL, *seen = NULL;
	int32_t today = date_today();
	int y, m, d;
	char five[11], two[11], today_s[11];
	int scoped = auth_role_is_scoped(p->user.role);
	enum db_result r;
	int ret = -1;

	*rows = 0;
	date_to_ymd(today, &y, &m, &d);
	date_format(today, today_s);
	/* born after these days: under 5, under 2 (29 February counts as 28th) */
	date_format(date_from_ymd(y - 5, m, m == 2 && d == 29 ? 28 : d), five);
	date_format(date_from_ymd(y - 2, m, m == 2 && d == 29 ? 28 : d), two);
	st = db_prepare(p->db,
		"SELECT f.id, f.ext_id, f.centre_id, f.address_line1, f.address_line2, f.town, f.postcode, "
		"f.phone, f.email, min(p.registered_on), "
		"sum(p.role = 'child' AND p.date_of_birth > ?1 AND p.date_of_birth <= ?3), "
		"sum(p.role = 'child' AND p.date_of_birth > ?2 AND p.date_of_birth <= ?3) "
		"FROM families f JOIN people p ON p.family_id = f.id "
		"WHERE f.consent_contact = 1 AND (?4 = 0 OR f.centre_id = ?4) "
		"GROUP BY f.id ORDER BY f.ext_id");
	carer = db_prepare(p->db,
		"SELECT first_name, last_name FROM people WHERE family_id = ? AND role = 'carer' "
		"ORDER BY relationship = 'mother' DESC, id LIMIT 1");
	seen = db_prepare(p->db,
		"SELECT 1 FROM people p JOIN attendance a ON a.person_id = p.id "
		"WHERE p.family_id = ? AND a.day > ? AND a.day <= ? LIMIT 1");
	if (!st || !carer || !seen)
		goto out;
	db_bind_text(st, 1, five);
	db_bind_text(st, 2, two);
	db_bind_text(st, 3, today_s);
	db_bind_int(st, 4, q->centre_id);
	csv_add_row(out, header, ARRAY_LEN(header));
	while ((r = db_step(st)) == DB_ROW) {
		int64_t fid = db_col_int(st, 0), under5 = db_col_int(st, 10), under2 = db_col_int(st, 11);
		const char *reg = db_col_text(st, 9);
		int32_t regd;
		char n[24];

		if (scoped && (db_col_null(st, 2) || !in_user_centres(p, db_col_int(st, 2))))
			continue;
		if (q->from != DATE_NONE || q->to != DATE_NONE) {
			if (!reg || date_parse(reg, &regd))
				continue;
			if ((q->from != DATE_NONE && regd < q->from) || (q->to != DATE_NONE && regd > q->to))
				continue;
		}
		if ((!strcmp(q->children, "under5") && !under5) || (!strcmp(q->children, "under2") && !under2))
			continue;
		if (q->not_seen) {
			int hit;

			db_bind_int(seen, 1, fid);
			db_bind_int(seen, 2, date_months_before(today, q->not_seen));
			db_bind_int(seen, 3, today);
			hit = db_step(seen) == DB_ROW;
			db_reset(seen);
			if (hit)
				continue;
		}
		safe_field(out, db_col_text(st, 1), 1);
		db_bind_int(carer, 1, fid);
		if (db_step(carer) == DB_ROW) {
			safe_field(out, db_col_text(carer, 0), 0);
			safe_field(out, db_col_text(carer, 1), 0);
		} else {
			safe_field(out, "", 0);
			safe_field(out, "", 0);
		}
		db_reset(carer);
		for (int c = 3; c <= 8; c++)
			safe_field(out, db_col_text(st, c), 0);
		snprintf(n, sizeof(n), "%lld", (long long)under5);
		safe_field(out, n, 0);
		buf_addch(out, '\n');
		(*rows)++;
	}
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	if (ret)
		error("export: %s", db_errmsg(p->db));
	db_finalize(&st);
	db_finalize(&carer);
	db_finalize(&seen);
	return ret;
}

UI_HANDLER(ui_export_csv)
{
	struct page *p = page_of(req);
	struct export_q q;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct buf csv = BUF_INIT, detail = BUF_INIT;
	size_t rows = 0;
	char today[11], disp[80];
	int r, ret = 0;

	r = read_filter(p, &q, &errs);
	if (r) {
		ret = page_error(p, r > 0 ? 404 : 500);
		goto out;
	}
	if (errs.nr) {
		ret = form_page(p, &q, &errs) ? page_error(p, 500) : 0;
		goto out;
	}
	if (write_csv(p, &q, &csv, &rows)) {
		ret = page_error(p, 500);
		goto out;
	}
	buf_addf(&detail, "mail-merge families: centre=%s registered_from=%s registered_to=%s children=%s "
			  "not_seen_months=%d; %zu rows",
		 *q.centre ? q.centre : (auth_role_is_scoped(p->user.role) ? "(own centres)" : "(all)"),
		 *q.from_text ? q.from_text : "-", *q.to_text ? q.to_text : "-", q.children, q.not_seen, rows);
	page_audit(p, "export", 0, 0, detail.data);
	date_format(date_today(), today);
	snprintf(disp, sizeof(disp), "attachment; filename=\"families-%s.csv\"", today);
	res->content_type = "text/csv; charset=utf-8";
	http_set_header(res, "Content-Disposition", disp);
	buf_reset(&res->body);
	buf_add(&res->body, csv.data, csv.len);
out:
	buf_release(&csv);
	buf_release(&detail);
	kit_errors_release(&errs);
	return ret;
}
