/* ui-visits.c: outreach visits: recording one, the visits list with counts by kind, and the kinds
 *
 *   GET  /families/ID/visits/new   the form: kind, date, centre, notes
 *   POST /families/ID/visits/new   save it (one transaction with its audit
 *                                  row), then back to the family's page
 *   GET  /visits                   visits in the user's scope for a period
 *                                  (default: the last 3 months): each kind
 *                                  counted on its own, and the latest 100
 *   GET  /admin/visit-kinds        the kinds, for admins
 *   POST /admin/visit-kinds        add a kind, stop or restart using one
 *
 * A kind is never deleted (visits refer to it): it is deactivated, which
 * takes it off the form and keeps its counts. The kinds Reach starts with
 * are shown in the page's language; kinds added later as they were typed.
 */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../report/engagement.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/text.h"

#include <string.h>
#include <time.h>

#define VISIT_NOTES_MAX 2000 /* characters */
#define VISITS_RECENT 100    /* latest visits listed */
#define VISITS_MONTHS 3      /* default period, in months up to today */
#define KIND_NAME_MIN 2      /* characters */
#define KIND_NAME_MAX 80     /* characters */

/* ---- small helpers */

/* today where the server is (a visit at 00:30 in summer is on the local day) */
static int32_t local_today(void)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return date_today();
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* a copy of s with the CR of each CRLF (as browsers send a textarea's
 * line breaks) dropped, so a line break counts and is stored as one character */
static const char *lf_only(struct page *p, const char *s)
{
	char *out = http_strdup(p->req, s), *w = out;

	for (const char *r = s; *r; r++)
		if (!(r[0] == '\r' && r[1] == '\n'))
			*w++ = *r;
	*w = '\0';
	return out;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* ---- kinds and centres for the form */

/* a choice read from the database, strings owned by the request */
struct option {
	int64_t id;       /* the row id */
	const char *value; /* the id as text, for the form */
	const char *text;  /* what the user sees */
	const char *name;  /* as stored (kinds: for the audit trail) */
	int active;        /* kinds: 1 if offered on the form */
};

struct options {
	struct option *v; /* the options, in order */
	size_t n, alloc;  /* used, allocated */
};

static struct option *options_add(struct page *p, struct options *o, int64_t id, const char *text,
				  const char *name, int active)
{
	struct option *x;
	char num[24];

	XGROW(o->v, o->alloc, o->n + 1);
	x = &o->v[o->n++];
	snprintf(num, sizeof(num), "%lld", (long long)id);
	x->id = id;
	x->value = http_strdup(p->req, num);
	x->text = http_strdup(p->req, text);
	x->name = http_strdup(p->req, name);
	x->active = active;
	return x;
}

static const struct option *options_find(const struct options *o, const char *value)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].value, value))
			return &o->v[i];
	return NULL;
}

/* visit kinds in the order they were added; only_active: those offered */
static int load_kinds(struct page *p, int only_active, struct options *o)
{
	struct db_stmt *st;
	enum db_result r;
	int ret = -1;

	st = db_prepare(p->db, "SELECT id, name, active FROM visit_kinds ORDER BY id");
	if (!st)
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		const char *name = db_col_text(st, 1);
		int active = (int)db_col_int(st, 2);

		if (only_active && !active)
			continue;
		options_add(p, o, db_col_int(st, 0), page_visit_kind(p, name), name, active);
	}
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	return ret;
}

/* the centres the user works for (every centre for admins), by name */
static int load_centres(struct page *p, struct options *o)
{
	struct db_stmt *st;
	struct buf t = BUF_INIT;
	enum db_result r;
	int ret = -1;

	st = db_prepare(p->db, "SELECT id, code, name FROM centres ORDER BY name, code");
	if (!st)
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);

		if (!page_centre_in_scope(p, id))
			continue;
		buf_reset(&t);
		buf_addf(&t, "%s (%s)", db_col_text(st, 2), db_col_text(st, 1));
		options_add(p, o, id, t.data, db_col_text(st, 1), 1);
	}
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	buf_release(&t);
	return ret;
}

/* ---- the visit form */

/* what was typed (GET: the defaults) */
struct visit_input {
	const char *kind;              /* visit_kinds.id as text */
	const char *day, *month, *year; /* the date's boxes */
	const char *centre;            /* centres.id as text */
	const char *notes;             /* free text */
};

static void form_path(struct buf *out, const char *ext_id, const char *tail)
{
	buf_adds(out, "/families/");
	html_url_arg(out, ext_id);
	buf_adds(out, tail);
}

/* the id of the first date box marked (the day box when none or all are) */
static const char *date_box_id(unsigned parts)
{
	if (parts && !(parts & KIT_DATE_DAY))
		return parts & KIT_DATE_MONTH ? "visit_date-month" : "visit_date-year";
	return "visit_date-day";
}

/* the message of the date input, whichever box it is linked to */
static const char *date_error(const struct kit_errors *errs)
{
	const char *e = kit_errors_get(errs, "visit_date-day");

	if (!e)
		e = kit_errors_get(errs, "visit_date-month");
	if (!e)
		e = kit_errors_get(errs, "visit_date-year");
	return e;
}

static int visit_form_page(struct page *p, const char *ext_id, const struct visit_input *in,
			   const struct kit_errors *errs, unsigned date_parts)
{
	struct buf *b = &p->res->body;
	struct options kinds = { NULL, 0, 0 }, centres = { NULL, 0, 0 };
	struct kit_item *kitems = NULL, *citems = NULL;
	struct buf action = BUF_INIT, back = BUF_INIT, caption = BUF_INIT, hint = BUF_INIT;
	int ret = -1;

	if (load_kinds(p, 1, &kinds) || load_centres(p, &centres))
		goto out;
	kitems = xcalloc(kinds.n + 1, sizeof(*kitems));
	for (size_t i = 0; i < kinds.n; i++)
		kitems[i] = (struct kit_item){ .value = kinds.v[i].value, .text = kinds.v[i].text };
	citems = xcalloc(centres.n + 1, sizeof(*citems));
	citems[0] = (struct kit_item){ .value = "", .text = page_t(p, "answer.choose") };
	for (size_t i = 0; i < centres.n; i++)
		citems[i + 1] = (struct kit_item){ .value = centres.v[i].value, .text = centres.v[i].text };

	form_path(&action, ext_id, "/visits/new");
	form_path(&back, ext_id, "");
	page_tsub(p, &caption, "family.title", ext_id, NULL);
	{
		struct buf today = BUF_INIT;
		int y, m, d;

		date_to_ymd(local_today(), &y, &m, &d);
		buf_addf(&today, "%d %d %d", d, m, y);
		page_tsub(p, &hint, "visits.date_hint", today.data, NULL);
		buf_release(&today);
	}

	page_begin_back(p, page_t(p, "visits.record"), KIT_NAV_VISITS, errs->nr > 0, back.data);
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
	kit_error_summary(b, p->lang, errs);
	kit_caption(b, "l", caption.data);
	kit_heading(b, 1, "l", page_t(p, "visits.record"));
	html_raw_literal(b, "<form method=\"post\" novalidate");
	html_attr(b, "action", action.data);
	html_raw_literal(b, ">\n");
	kit_csrf(b, p->csrf);
	if (!kinds.n)
		kit_warning_text(b, p->lang, page_t(p, "visits.no_kinds"));
	kit_radios(b, &(struct kit_choices){
		.lang = p->lang, .name = "kind", .legend = page_t(p, "visits.kind"), .legend_size = "m",
		.error = kit_errors_get(errs, "kind"), .items = kitems, .nitems = kinds.n, .value = in->kind });
	kit_date_input(b, &(struct kit_date){
		.lang = p->lang, .name = "visit_date", .legend = page_t(p, "visits.date"), .legend_size = "m",
		.hint = hint.data, .error = date_error(errs), .error_parts = date_parts,
		.day = in->day, .month = in->month, .year = in->year });
	kit_select(b, &(struct kit_select){
		.lang = p->lang, .name = "centre", .label = page_t(p, "visits.centre"), .label_size = "m",
		.hint = page_t(p, "visits.centre_hint"), .error = kit_errors_get(errs, "centre"),
		.items = citems, .nitems = centres.n + 1, .value = in->centre });
	kit_textarea(b, &(struct kit_textarea){
		.lang = p->lang, .name = "notes", .label = page_t(p, "visits.notes"), .label_size = "m",
		.hint = page_t(p, "visits.notes_hint"), .error = kit_errors_get(errs, "notes"),
		.value = in->notes, .rows = 5 });
	kit_button_group_begin(b);
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.save_visit"), .prevent_double_click = 1 });
	html_raw_literal(b, "<a class=\"govuk-link\"");
	html_attr(b, "href", back.data);
	html_raw_literal(b, ">");
	html_text(b, page_t(p, "button.cancel"));
	html_raw_literal(b, "</a>\n");
	kit_button_group_end(b);
	html_raw_literal(b, "</form>\n</div>\n</div>\n");
	page_end(p);
	ret = 0;
out:
	free(kinds.v);
	free(centres.v);
	free(kitems);
	free(citems);
	buf_release(&action);
	buf_release(&back);
	buf_release(&caption);
	buf_release(&hint);
	return ret;
}

/* the family's registering centre if the user may record for it, else the
 * user's first centre, else none */
static const char *default_centre(struct page *p, int64_t fid)
{
	struct db_stmt *st = db_prepare(p->db, "SELECT centre_id FROM families WHERE id = ?");
	int64_t cid = 0;
	char num[24];

	if (st) {
		db_bind_int(st, 1, fid);
		if (db_step(st) == DB_ROW && !db_col_null(st, 0))
			cid = db_col_int(st, 0);
		db_finalize(&st);
	}
	if (cid <= 0 || !page_centre_in_scope(p, cid))
		cid = p->user.ncentres ? p->user.centres[0] : 0;
	if (cid <= 0)
		return "";
	snprintf(num, sizeof(num), "%lld", (long long)cid);
	return http_strdup(p->req, num);
}

UI_HANDLER(ui_visit_form)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct visit_input in;
	char d[12], m[12], y[12];
	int yy, mm, dd;
	int64_t fid;
	const char *ext_id = req->npath_args ? req->path_args[0] : NULL;

	if (page_family(p, ext_id, &fid))
		return 0;
	date_to_ymd(local_today(), &yy, &mm, &dd);
	snprintf(d, sizeof(d), "%d", dd);
	snprintf(m, sizeof(m), "%d", mm);
	snprintf(y, sizeof(y), "%d", yy);
	in = (struct visit_input){ .kind = "", .day = d, .month = m, .year = y,
				   .centre = default_centre(p, fid), .notes = "" };
	return visit_form_page(p, ext_id, &in, &errs, 0);
}

/*
 * The date from its three boxes, or DATE_NONE with an error added. The
 * error's id is the first box in error (or the day box when the whole date
 * is wrong), which the summary links to; *parts says which boxes to mark.
 */
static int32_t check_visit_date(const struct page *p, const struct visit_input *in, int32_t today,
				struct kit_errors *errs, unsigned *parts)
{
	static const unsigned bit[3] = { KIT_DATE_DAY, KIT_DATE_MONTH, KIT_DATE_YEAR };
	const char *box[3] = { in->day, in->month, in->year };
	unsigned missing = 0, bad = 0;
	const char *msg = NULL;
	int32_t day = DATE_NONE;
	int v[3];

	*parts = 0;
	for (int i = 0; i < 3; i++)
		if (!*box[i])
			missing |= bit[i];
	if (missing == (KIT_DATE_DAY | KIT_DATE_MONTH | KIT_DATE_YEAR)) {
		msg = "visits.error.date_missing";
		goto out;
	}
	if (missing) {
		msg = "visits.error.date_incomplete";
		*parts = missing;
		goto out;
	}
	if (parse_int(in->day, 1, 31, &v[0]))
		bad |= KIT_DATE_DAY;
	if (parse_int(in->month, 1, 12, &v[1]))
		bad |= KIT_DATE_MONTH;
	if (strlen(in->year) != 4 || parse_int(in->year, DATE_MIN_YEAR, DATE_MAX_YEAR, &v[2]))
		bad |= KIT_DATE_YEAR;
	if (!bad && v[0] > date_days_in_month(v[2], v[1]))
		bad = KIT_DATE_DAY; /* 30 February */
	if (bad) {
		msg = "visits.error.date_invalid";
		*parts = bad;
		goto out;
	}
	day = date_from_ymd(v[2], v[1], v[0]);
	if (day > today) {
		msg = "visits.error.date_future";
		day = DATE_NONE;
	}
out:
	if (msg)
		kit_errors_add(errs, date_box_id(*parts), page_t(p, msg));
	return day;
}

UI_HANDLER(ui_visit_submit)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct options kinds = { NULL, 0, 0 }, centres = { NULL, 0, 0 };
	const struct option *kind = NULL, *centre = NULL;
	struct visit_input in;
	struct buf detail = BUF_INIT, to = BUF_INIT;
	struct db_stmt *st = NULL;
	const char *ext_id = req->npath_args ? req->path_args[0] : NULL;
	char iso[11];
	unsigned parts = 0;
	int32_t day;
	int64_t fid;
	int ret = -1, began = 0;

	if (page_family(p, ext_id, &fid)) {
		ret = 0;
		goto out;
	}
	in = (struct visit_input){
		.kind = page_form(p, "kind"), .day = page_form(p, "visit_date-day"),
		.month = page_form(p, "visit_date-month"), .year = page_form(p, "visit_date-year"),
		.centre = page_form(p, "centre"), .notes = lf_only(p, page_form(p, "notes"))
	};
	if (load_kinds(p, 1, &kinds) || load_centres(p, &centres))
		goto out;

	kind = options_find(&kinds, in.kind);
	if (!kind)
		kit_errors_add(&errs, "kind", page_t(p, "visits.error.kind"));
	day = check_visit_date(p, &in, local_today(), &errs, &parts);
	centre = options_find(&centres, in.centre);
	if (!centre)
		kit_errors_add(&errs, "centre", page_t(p, "visits.error.centre"));
	if (utf8_len(in.notes) > VISIT_NOTES_MAX)
		kit_errors_add(&errs, "notes", page_t(p, "visits.error.notes_long"));
	if (errs.nr) {
		ret = visit_form_page(p, ext_id, &in, &errs, parts);
		goto out;
	}

	date_format(day, iso);
	if (db_begin(p->db))
		goto fail;
	began = 1;
	st = db_prepare(p->db, "INSERT INTO visits(family_id, kind_id, day, centre_id, user_id, notes) "
			       "VALUES (?, ?, ?, ?, ?, ?)");
	if (!st)
		goto fail;
	db_bind_int(st, 1, fid);
	db_bind_int(st, 2, kind->id);
	db_bind_text(st, 3, iso);
	db_bind_int(st, 4, centre->id);
	db_bind_int(st, 5, p->user.id);
	db_bind_text(st, 6, *in.notes ? in.notes : NULL);
	if (db_step(st) != DB_DONE)
		goto fail;
	buf_addf(&detail, "visit: %s on %s", kind->name, iso);
	if (auth_audit(p->db, &p->user, "create", fid, 0, detail.data) != ST_OK)
		goto out;
	if (db_commit(p->db))
		goto fail;
	began = 0;
	form_path(&to, ext_id, "?visit=added");
	http_redirect(res, to.data);
	ret = 0;
	goto out;
fail:
	page_db_failed(p);
out:
	if (began)
		db_rollback(p->db);
	db_finalize(&st);
	kit_errors_release(&errs);
	free(kinds.v);
	free(centres.v);
	buf_release(&detail);
	buf_release(&to);
	return ret;
}

/* ---- the visits list */

/*
 * Which visits a scoped user (manager, worker, viewer) counts: those made
 * for one of their centres, and those to a family registered at one of
 * them. Both are checked in SQL, so a quarter's counts cost one range scan
 * of visits_day. The statement using it binds the period, then whether
 * the user is scoped (0 for admins and analysts: every visit), then the
 * user twice (bind_scope).
 */
#define VISITS_SCOPE \
	"v.day >= ? AND v.day <= ? AND (? = 0 " \
	"OR v.centre_id IN (SELECT centre_id FROM user_centres WHERE user_id = ?) " \
	"OR f.centre_id IN (SELECT centre_id FROM user_centres WHERE user_id = ?))"

static void bind_scope(struct page *p, struct db_stmt *st, const char *from, const char *to)
{
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_int(st, 3, auth_role_is_scoped(p->user.role));
	db_bind_int(st, 4, p->user.id);
	db_bind_int(st, 5, p->user.id);
}

/* 1 if the user may open the visit's family (page_family()'s rule), so
 * that the list links to no page the user would get a 404 for; families
 * registered at the user's centres pass at once, the answers for others
 * are remembered for the request */
static int family_in_scope(struct page *p, struct strmap *seen, int64_t fid, int64_t family_centre)
{
	char key[24];
	int64_t v;

	if (!auth_role_is_scoped(p->user.role))
		return 1;
	if (family_centre > 0 && page_centre_in_scope(p, family_centre))
		return 1;
	snprintf(key, sizeof(key), "%lld", (long long)fid);
	if (strmap_get(seen, key, &v))
		return (int)v;
	v = auth_family_in_scope(p->db, &p->user, fid);
	strmap_put(seen, key, v);
	return (int)v;
}

/* each kind's visits in from..to; counts[i] for kinds.v[i] */
static int count_kinds(struct page *p, const char *from, const char *to, const struct options *kinds,
		       int64_t *counts)
{
	struct db_stmt *st;
	enum db_result r;
	int ret = -1;

	st = db_prepare(p->db, "SELECT v.kind_id, count(*) FROM visits v "
			       "JOIN families f ON f.id = v.family_id "
			       "WHERE " VISITS_SCOPE " GROUP BY v.kind_id");
	if (!st)
		goto out;
	bind_scope(p, st, from, to);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t kid = db_col_int(st, 0);

		for (size_t i = 0; i < kinds->n; i++)
			if (kinds->v[i].id == kid) {
				counts[i] = db_col_int(st, 1);
				break;
			}
	}
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	return ret;
}

static void counts_table(struct page *p, struct buf *b, const struct options *kinds, const int64_t *counts)
{
	struct kit_table_col c[2] = {
		{ page_t(p, "visits.col_kind"), 0 },
		{ page_t(p, "visits.col_count"), 1 },
	};
	int64_t total = 0;

	kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = 2, .first_cell_is_header = 1 });
	for (size_t i = 0; i < kinds->n; i++) {
		if (!kinds->v[i].active && !counts[i])
			continue;
		kit_table_row_begin(b);
		if (kinds->v[i].active) {
			kit_table_row_header(b, kinds->v[i].text);
		} else {
			struct buf t = BUF_INIT;

			page_tsub(p, &t, "visits.kind_inactive", kinds->v[i].text, NULL);
			kit_table_row_header(b, t.data);
			buf_release(&t);
		}
		kit_table_cellf(b, 1, "%lld", (long long)counts[i]);
		kit_table_row_end(b);
		total += counts[i];
	}
	kit_table_row_begin(b);
	kit_table_row_header(b, page_t(p, "visits.total"));
	kit_table_cellf(b, 1, "%lld", (long long)total);
	kit_table_row_end(b);
	kit_table_end(b);
}

static int recent_table(struct page *p, struct buf *b, struct strmap *seen, const char *from, const char *to)
{
	struct kit_table_col c[5];
	struct db_stmt *st;
	struct buf day = BUF_INIT, href = BUF_INIT;
	enum db_result r = DB_DONE;
	int ret = -1, rows = 0;

	c[0] = (struct kit_table_col){ page_t(p, "family.visit_date"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "family.visit_kind"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "visits.col_family"), 0 };
	c[3] = (struct kit_table_col){ page_t(p, "family.visit_centre"), 0 };
	c[4] = (struct kit_table_col){ page_t(p, "family.visit_by"), 0 };
	st = db_prepare(p->db,
		"SELECT v.day, k.name, f.ext_id, v.family_id, f.centre_id, c.name, "
		"coalesce(u.display_name, u.username) "
		"FROM visits v JOIN visit_kinds k ON k.id = v.kind_id "
		"JOIN families f ON f.id = v.family_id "
		"LEFT JOIN centres c ON c.id = v.centre_id LEFT JOIN users u ON u.id = v.user_id "
		"WHERE " VISITS_SCOPE " ORDER BY v.day DESC, v.id DESC");
	if (!st)
		goto out;
	bind_scope(p, st, from, to);
	while (rows < VISITS_RECENT && (r = db_step(st)) == DB_ROW) {
		if (!family_in_scope(p, seen, db_col_int(st, 3), db_col_int(st, 4)))
			continue;
		if (!rows++) {
			html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
			kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = ARRAY_LEN(c) });
		}
		buf_reset(&day);
		page_format_date(p, db_col_text(st, 0), &day);
		buf_reset(&href);
		form_path(&href, db_col_text(st, 2), "");
		kit_table_row_begin(b);
		kit_table_cell(b, day.data, 0);
		kit_table_cell(b, page_visit_kind(p, db_col_text(st, 1)), 0);
		kit_table_cell_link(b, href.data, db_col_text(st, 2), 0);
		kit_table_cell(b, db_col_text(st, 5) ? db_col_text(st, 5) : "", 0);
		kit_table_cell(b, db_col_text(st, 6) ? db_col_text(st, 6) : "", 0);
		kit_table_row_end(b);
	}
	if (r == DB_ERROR)
		goto out;
	if (rows) {
		kit_table_end(b);
		html_raw_literal(b, "</div>\n");
	} else {
		kit_p(b, page_t(p, "visits.none"));
	}
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	buf_release(&day);
	buf_release(&href);
	return ret;
}

UI_HANDLER(ui_visits)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct options kinds = { NULL, 0, 0 };
	struct strmap seen = STRMAP_INIT;
	struct buf t = BUF_INIT, d1 = BUF_INIT, d2 = BUF_INIT;
	int64_t *counts = NULL;
	const char *qfrom = http_query(req, "from"), *qto = http_query(req, "to");
	char *sfrom = http_strdup(req, qfrom ? qfrom : ""), *sto = http_strdup(req, qto ? qto : "");
	char from[11], to[11];
	int32_t today = local_today(), dfrom, dto;
	int ret = -1;

	str_trim(sfrom);
	str_trim(sto);
	dto = today;
	dfrom = date_months_before(today, VISITS_MONTHS);
	if (*sto && date_parse(sto, &dto))
		kit_errors_add(&errs, "to", page_t(p, "visits.error.to"));
	if (*sfrom && date_parse(sfrom, &dfrom))
		kit_errors_add(&errs, "from", page_t(p, "visits.error.from"));
	if (!errs.nr && dfrom > dto)
		kit_errors_add(&errs, "from", page_t(p, "visits.error.order"));
	date_format(dfrom, from);
	date_format(dto, to);

	page_begin(p, page_t(p, "visits.title"), KIT_NAV_VISITS, errs.nr > 0);
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
	kit_error_summary(b, p->lang, &errs);
	kit_heading(b, 1, "l", page_t(p, "visits.title"));
	kit_p(b, page_t(p, "visits.intro"));

	html_raw_literal(b, "<form method=\"get\" action=\"/visits\" novalidate>\n");
	kit_fieldset_begin(b, page_t(p, "visits.period"), "m", 0);
	kit_input(b, &(struct kit_input){
		.lang = p->lang, .name = "from", .label = page_t(p, "visits.from"), .type = "date",
		.error = kit_errors_get(&errs, "from"),
		.value = *sfrom || errs.nr ? sfrom : from, .width = 10 });
	kit_input(b, &(struct kit_input){
		.lang = p->lang, .name = "to", .label = page_t(p, "visits.to"), .type = "date",
		.error = kit_errors_get(&errs, "to"), .value = *sto || errs.nr ? sto : to, .width = 10 });
	kit_fieldset_end(b);
	kit_button(b, &(struct kit_button){ .text = page_t(p, "visits.show"), .kind = KIT_BUTTON_SECONDARY });
	html_raw_literal(b, "</form>\n");

	if (!errs.nr) {
		if (load_kinds(p, 0, &kinds))
			goto out;
		counts = xcalloc(kinds.n + 1, sizeof(*counts));
		if (count_kinds(p, from, to, &kinds, counts))
			goto out;
		page_format_day(p, dfrom, &d1);
		page_format_day(p, dto, &d2);
		page_tsub(p, &t, "visits.counts_title", d1.data, d2.data);
		kit_heading(b, 2, "m", t.data);
		counts_table(p, b, &kinds, counts);

		kit_heading(b, 2, "m", page_t(p, "visits.recent"));
		{
			char n[12];

			snprintf(n, sizeof(n), "%d", VISITS_RECENT);
			page_tsub(p, &t, "visits.recent_hint", n, NULL);
			kit_p(b, t.data);
		}
		if (recent_table(p, b, &seen, from, to))
			goto out;
	}
	html_raw_literal(b, "<p class=\"govuk-body\">");
	html_text(b, page_t(p, "visits.how_to_record"));
	html_raw_literal(b, " ");
	kit_link(b, "/search", page_t(p, "visits.find_family"));
	html_raw_literal(b, "</p>\n");
	if (auth_can(&p->user, ACT_MANAGE_SETTINGS)) {
		html_raw_literal(b, "<p class=\"govuk-body\">");
		kit_link(b, "/admin/visit-kinds", page_t(p, "visitkinds.title"));
		html_raw_literal(b, "</p>\n");
	}
	html_raw_literal(b, "</div>\n</div>\n");
	page_end(p);
	ret = 0;
out:
	kit_errors_release(&errs);
	free(kinds.v);
	free(counts);
	strmap_release(&seen);
	buf_release(&t);
	buf_release(&d1);
	buf_release(&d2);
	return ret;
}

/* ---- the kinds, for admins */

static int kinds_page(struct page *p, const char *typed, const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	struct options kinds = { NULL, 0, 0 };
	struct db_stmt *st = NULL;
	struct kit_table_col c[4];
	const char *done = http_query(p->req, "done");
	enum db_result r;
	int ret = -1;

	c[0] = (struct kit_table_col){ page_t(p, "visits.col_kind"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "visitkinds.col_status"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "visitkinds.col_used"), 1 };
	c[3] = (struct kit_table_col){ page_t(p, "visitkinds.col_action"), 0 };
	if (load_kinds(p, 0, &kinds))
		goto out;
	st = db_prepare(p->db, "SELECT count(*) FROM visits WHERE kind_id = ?");
	if (!st)
		goto fail;

	page_begin_back(p, page_t(p, "visitkinds.title"), KIT_NAV_ADMIN, errs->nr > 0, "/admin");
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
	kit_error_summary(b, p->lang, errs);
	if (done && (!strcmp(done, "added") || !strcmp(done, "deactivated") || !strcmp(done, "activated"))) {
		char key[32];

		snprintf(key, sizeof(key), "visitkinds.done_%s", done);
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = page_t(p, key) });
	}
	kit_heading(b, 1, "l", page_t(p, "visitkinds.title"));
	kit_p(b, page_t(p, "visitkinds.intro"));

	html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
	kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = 4, .first_cell_is_header = 1 });
	for (size_t i = 0; i < kinds.n; i++) {
		const struct option *k = &kinds.v[i];
		int64_t used = 0;

		db_reset(st);
		db_bind_int(st, 1, k->id);
		r = db_step(st);
		if (r == DB_ERROR)
			goto fail;
		if (r == DB_ROW)
			used = db_col_int(st, 0);
		kit_table_row_begin(b);
		kit_table_row_header(b, k->name);
		kit_table_cell_begin(b, 0);
		if (k->active)
			kit_tag(b, page_t(p, "visitkinds.active"), KIT_TAG_GREEN);
		else
			kit_tag(b, page_t(p, "visitkinds.inactive"), KIT_TAG_GREY);
		kit_table_cell_end(b);
		kit_table_cellf(b, 1, "%lld", (long long)used);
		kit_table_cell_begin(b, 0);
		html_raw_literal(b, "<form method=\"post\" action=\"/admin/visit-kinds\" class=\"govuk-!-margin-0\">\n");
		kit_csrf(b, p->csrf);
		kit_hidden(b, "action", k->active ? "deactivate" : "activate");
		kit_hidden(b, "id", k->value);
		html_raw_literal(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
				    "govuk-!-margin-bottom-0\" data-module=\"govuk-button\">");
		html_text(b, page_t(p, k->active ? "visitkinds.deactivate" : "visitkinds.activate"));
		html_raw_literal(b, "<span class=\"govuk-visually-hidden\"> ");
		html_text(b, k->name);
		html_raw_literal(b, "</span></button>\n</form>\n");
		kit_table_cell_end(b);
		kit_table_row_end(b);
	}
	kit_table_end(b);
	html_raw_literal(b, "</div>\n");

	html_raw_literal(b, "<form method=\"post\" action=\"/admin/visit-kinds\" novalidate>\n");
	kit_csrf(b, p->csrf);
	kit_hidden(b, "action", "add");
	kit_input(b, &(struct kit_input){
		.lang = p->lang, .name = "name", .label = page_t(p, "visitkinds.add"), .label_size = "m",
		.hint = page_t(p, "visitkinds.add_hint"), .error = kit_errors_get(errs, "name"),
		.value = typed, .width = 30 });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "visitkinds.add_button"), .prevent_double_click = 1 });
	html_raw_literal(b, "</form>\n</div>\n</div>\n");
	page_end(p);
	ret = 0;
	goto out;
fail:
	page_db_failed(p);
out:
	db_finalize(&st);
	free(kinds.v);
	return ret;
}

UI_HANDLER(ui_visit_kinds)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;

	return kinds_page(p, "", &errs);
}

/* add a kind: 0 done, 1 refused (errors added), -1 failed */
static int kind_add(struct page *p, const char *name, struct kit_errors *errs)
{
	struct db_stmt *st = NULL;
	struct buf detail = BUF_INIT;
	size_t n = utf8_len(name);
	int ret = -1, began = 0;

	if (!*name) {
		kit_errors_add(errs, "name", page_t(p, "visitkinds.error.empty"));
		ret = 1;
		goto out;
	}
	if (n < KIND_NAME_MIN || n > KIND_NAME_MAX || has_control(name)) {
		kit_errors_add(errs, "name", page_t(p, "visitkinds.error.length"));
		ret = 1;
		goto out;
	}
	if (db_begin(p->db))
		goto fail;
	began = 1;
	/* the same name in other letter case, or one of the translated words of a kind */
	if (db_query_int(p->db, "SELECT count(*) FROM visit_kinds WHERE name = ? COLLATE NOCASE", name, 0) > 0) {
		struct buf t = BUF_INIT;

		page_tsub(p, &t, "visitkinds.error.taken", name, NULL);
		kit_errors_add(errs, "name", t.data);
		buf_release(&t);
		ret = 1;
		goto out;
	}
	st = db_prepare(p->db, "INSERT INTO visit_kinds(name) VALUES (?)");
	if (!st)
		goto fail;
	db_bind_text(st, 1, name);
	if (db_step(st) != DB_DONE)
		goto fail;
	buf_addf(&detail, "visit kind added: %s", name);
	if (auth_audit(p->db, &p->user, "visit_kind_add", 0, 0, detail.data) != ST_OK)
		goto out;
	if (db_commit(p->db))
		goto fail;
	began = 0;
	ret = 0;
	goto out;
fail:
	page_db_failed(p);
out:
	if (began)
		db_rollback(p->db);
	db_finalize(&st);
	buf_release(&detail);
	return ret;
}

/* stop or restart offering a kind: 0 done, 1 no such kind, -1 failed */
static int kind_set_active(struct page *p, const char *id_text, int active)
{
	struct db_stmt *st = NULL;
	struct buf detail = BUF_INIT;
	int64_t id;
	int ret = -1, began = 0;

	if (parse_i64(id_text, 1, INT64_MAX, &id)) {
		ret = 1;
		goto out;
	}
	if (db_begin(p->db))
		goto fail;
	began = 1;
	st = db_prepare(p->db, "SELECT name, active FROM visit_kinds WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, id);
	switch (db_step(st)) {
	case DB_ROW:
		break;
	case DB_DONE:
		ret = 1;
		goto out;
	default:
		goto fail;
	}
	if (db_col_int(st, 1) == active) {
		ret = 0; /* already so: nothing changes, nothing to audit */
		goto out;
	}
	buf_addf(&detail, "visit kind %s: %s", active ? "reactivated" : "deactivated", db_col_text(st, 0));
	db_finalize(&st);
	st = db_prepare(p->db, "UPDATE visit_kinds SET active = ? WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, active);
	db_bind_int(st, 2, id);
	if (db_step(st) != DB_DONE)
		goto fail;
	if (auth_audit(p->db, &p->user, active ? "visit_kind_activate" : "visit_kind_deactivate", 0, 0,
		       detail.data) != ST_OK)
		goto out;
	if (db_commit(p->db))
		goto fail;
	began = 0;
	ret = 0;
	goto out;
fail:
	page_db_failed(p);
out:
	if (began)
		db_rollback(p->db);
	db_finalize(&st);
	buf_release(&detail);
	return ret;
}

UI_HANDLER(ui_visit_kinds_submit)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	const char *action = page_form(p, "action");
	int rc, ret = -1;

	if (!strcmp(action, "add")) {
		const char *name = page_form(p, "name");

		rc = kind_add(p, name, &errs);
		if (rc > 0)
			ret = kinds_page(p, name, &errs);
		else if (rc == 0)
			http_redirect(res, "/admin/visit-kinds?done=added");
		if (rc == 0)
			ret = 0;
	} else if (!strcmp(action, "deactivate") || !strcmp(action, "activate")) {
		int active = !strcmp(action, "activate");

		rc = kind_set_active(p, page_form(p, "id"), active);
		if (rc > 0)
			ret = page_error(p, 404);
		else if (rc == 0)
			http_redirect(res, active ? "/admin/visit-kinds?done=activated"
						  : "/admin/visit-kinds?done=deactivated");
		if (rc == 0)
			ret = 0;
	} else {
		ret = page_error(p, 400);
	}
	kit_errors_release(&errs);
	return ret;
}
