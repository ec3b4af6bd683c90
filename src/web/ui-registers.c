/* ui-registers.c: session registers: pick a session, tick who came, add a walk-in */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../search/search.h"
#include "../util/date.h"
#include "../util/text.h"

#define ACTIVITY_MAX 100  /* characters of an activity's name */
#define NAME_MAX_CHARS 100 /* characters of a walk-in's name */
#define LOOKBACK_DAYS 56  /* who came in the last 8 weeks is expected */
#define FIND_LIMIT 20     /* families listed by "find and add someone" */
#define OTHER "_other"    /* the activity select's "another activity" */

/* a session as asked for: centre, activity and day, checked */
struct reg_session {
	int64_t centre_id;     /* centres.id */
	const char *centre;    /* its code, as given */
	char *centre_name;     /* its name (owned) */
	const char *activity;  /* the activity's name, trimmed */
	int32_t day;           /* the day of the session */
	char date[11];         /* the same as YYYY-MM-DD */
	int64_t activity_id;   /* activities.id, 0 if not known yet */
	int64_t session_id;    /* sessions.id, 0 if no session yet */
	/* as typed, for writing a form back */
	const char *activity_choice, *activity_other, *date_text;
};

static void reg_session_release(struct reg_session *s)
{
	free(s->centre_name);
	s->centre_name = NULL;
}

/* trimmed request value (query for GET, form for POST), never NULL */
static const char *param(struct page *p, const char *name)
{
	const char *v;
	char *copy;

	if (!strcmp(p->req->method, "POST"))
		return page_form(p, name);
	v = http_query(p->req, name);
	if (!v)
		return "";
	copy = http_strdup(p->req, v);
	return str_trim(copy);
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* the centres the user may take registers for: (id, code, name) rows */
struct centre_item {
	int64_t id;
	char *code, *name;
};

static void centres_release(struct centre_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].name);
	}
	free(v);
}

static int centres_of(struct page *p, struct centre_item **out, size_t *n)
{
	struct db_stmt *st = db_prepare(p->db, "SELECT id, code, name FROM centres ORDER BY code");
	size_t alloc = 0;
	enum db_result r;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((r = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);

		if (!page_centre_in_scope(p, id))
			continue;
		XGROW(*out, alloc, *n + 1);
		(*out)[*n].id = id;
		(*out)[*n].code = xstrdup(db_col_text(st, 1));
		(*out)[*n].name = xstrdup(db_col_text(st, 2));
		(*n)++;
	}
	db_finalize(&st);
	return r == DB_ERROR ? -1 : 0;
}

/*
 * Read and check centre, activity and date. A missing or bad value adds an
 * error; a centre that does not exist or is outside the user's centres
 * returns 1 (the caller answers 404). 0 when read (errors may have been
 * added), -1 on a database failure.
 */
static int read_session(struct page *p, struct reg_session *s, struct kit_errors *errs)
{
	struct db_stmt *st;
	const char *act;
	int ret = -1;

	memset(s, 0, sizeof(*s));
	s->centre = param(p, "centre");
	s->activity_choice = param(p, "activity");
	s->activity_other = param(p, "activity_other");
	s->date_text = param(p, "date");
	s->day = DATE_NONE;

	if (!*s->centre) {
		kit_errors_add(errs, "centre", page_t(p, "registers.error.centre"));
	} else {
		if (!(st = db_prepare(p->db, "SELECT id, name FROM centres WHERE code = ?")))
			return -1;
		db_bind_text(st, 1, s->centre);
		if (db_step(st) == DB_ROW) {
			s->centre_id = db_col_int(st, 0);
			s->centre_name = xstrdup(db_col_text(st, 1));
		}
		db_finalize(&st);
		if (!s->centre_id || !page_centre_in_scope(p, s->centre_id))
			return 1;
	}

	act = s->activity_choice;
	if (!*act || !strcmp(act, OTHER))
		act = s->activity_other;
	if (!*act)
		kit_errors_add(errs, !strcmp(s->activity_choice, OTHER) ? "activity_other" : "activity",
			       page_t(p, "registers.error.activity"));
	else if (utf8_len(act) > ACTIVITY_MAX || has_control(act))
		kit_errors_add(errs, *s->activity_other ? "activity_other" : "activity",
			       page_t(p, "registers.error.activity_long"));
	else
		s->activity = act;

	if (!*s->date_text)
		kit_errors_add(errs, "date", page_t(p, "registers.error.date_missing"));
	else if (date_parse(s->date_text, &s->day) || s->day < date_from_ymd(2000, 1, 1))
		kit_errors_add(errs, "date", page_t(p, "registers.error.date_invalid"));
	else if (s->day > date_today())
		kit_errors_add(errs, "date", page_t(p, "registers.error.date_future"));
	else
		date_format(s->day, s->date);
	if (!s->date[0])
		s->day = DATE_NONE;

	if (s->activity) {
		if (!(st = db_prepare(p->db, "SELECT id FROM activities WHERE name = ?")))
			goto out;
		db_bind_text(st, 1, s->activity);
		if (db_step(st) == DB_ROW)
			s->activity_id = db_col_int(st, 0);
		db_finalize(&st);
	}
	if (s->activity_id && s->day != DATE_NONE && s->centre_id) {
		if (!(st = db_prepare(p->db, "SELECT id FROM sessions WHERE centre_id = ? AND activity_id = ? AND day = ?")))
			goto out;
		db_bind_int(st, 1, s->centre_id);
		db_bind_int(st, 2, s->activity_id);
		db_bind_int(st, 3, s->day);
		if (db_step(st) == DB_ROW)
			s->session_id = db_col_int(st, 0);
		db_finalize(&st);
	}
	ret = 0;
out:
	return ret;
}

/* /registers/take?centre=..&activity=..&date=.. plus `extra` (already encoded) */
static void take_url(struct buf *u, const struct reg_session *s, const char *extra)
{
	buf_adds(u, "/registers/take?centre=");
	html_url_arg(u, s->centre);
	buf_adds(u, "&activity=");
	html_url_arg(u, s->activity);
	buf_adds(u, "&date=");
	html_url_arg(u, s->date);
	if (extra)
		buf_adds(u, extra);
}

static void session_hidden(struct buf *b, const struct reg_session *s)
{
	kit_hidden(b, "centre", s->centre);
	kit_hidden(b, "activity", s->activity);
	kit_hidden(b, "date", s->date);
}

/* ------------------------------------------------------------ /registers */

static void activity_items(struct page *p, const struct centre_item *centres, size_t ncentres,
			   int64_t only_centre, struct kit_item **items, size_t *nitems, char ***names,
			   size_t *nnames)
{
	struct db_stmt *st = db_prepare(p->db,
		"SELECT DISTINCT a.name FROM sessions s JOIN activities a ON a.id = s.activity_id "
		"WHERE s.centre_id = ?");
	size_t alloc = 0, ialloc = 0;

	*names = NULL;
	*nnames = 0;
	for (size_t c = 0; st && c < ncentres; c++) {
		if (only_centre && centres[c].id != only_centre)
			continue;
		db_bind_int(st, 1, centres[c].id);
		while (db_step(st) == DB_ROW) {
			const char *n = db_col_text(st, 0);
			size_t i;

			for (i = 0; i < *nnames; i++)
				if (!strcmp((*names)[i], n))
					break;
			if (i < *nnames)
				continue;
			XGROW(*names, alloc, *nnames + 1);
			(*names)[(*nnames)++] = xstrdup(n);
		}
		db_reset(st);
	}
	db_finalize(&st);
	/* alphabetical (activities are few) */
	for (size_t i = 1; i < *nnames; i++)
		for (size_t j = i; j > 0 && strcmp((*names)[j - 1], (*names)[j]) > 0; j--) {
			char *t = (*names)[j];
			(*names)[j] = (*names)[j - 1];
			(*names)[j - 1] = t;
		}
	*items = NULL;
	*nitems = 0;
	XGROW(*items, ialloc, *nnames + 2);
	(*items)[(*nitems)++] = (struct kit_item){ .value = "", .text = page_t(p, "answer.choose") };
	for (size_t i = 0; i < *nnames; i++)
		(*items)[(*nitems)++] = (struct kit_item){ .value = (*names)[i], .text = (*names)[i] };
	(*items)[(*nitems)++] = (struct kit_item){ .value = OTHER, .text = page_t(p, "registers.another_activity") };
}

/* the recent registers of the user's centres, newest first */
static void recent_registers(struct page *p, const struct centre_item *centres, size_t ncentres)
{
	struct buf *b = &p->res->body;
	struct db_stmt *st = db_prepare(p->db,
		"SELECT s.day, a.name, c.code, c.name, s.centre_id, "
		"(SELECT count(*) FROM attendance t WHERE t.day = s.day AND t.session_id = s.id) "
		"FROM sessions s JOIN activities a ON a.id = s.activity_id JOIN centres c ON c.id = s.centre_id "
		"WHERE s.day <= ? ORDER BY s.day DESC, a.name LIMIT 200");
	struct kit_table_col cols[] = {
		{ page_t(p, "registers.date"), 0 },
		{ page_t(p, "registers.activity"), 0 },
		{ page_t(p, "registers.centre"), 0 },
		{ page_t(p, "registers.attended"), 1 },
	};
	struct buf url = BUF_INIT;
	int shown = 0;

	if (!st)
		return;
	db_bind_int(st, 1, date_today());
	while (shown < 10 && db_step(st) == DB_ROW) {
		int64_t cid = db_col_int(st, 4);
		char d[11];
		size_t c;

		for (c = 0; c < ncentres; c++)
			if (centres[c].id == cid)
				break;
		if (c == ncentres)
			continue;
		if (!shown++) {
			/* scrolls on its own on a phone, not the page */
			html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
			kit_table_begin(b, &(struct kit_table){ .caption = page_t(p, "registers.recent"),
								.caption_size = "m", .cols = cols, .ncols = 4 });
		}
		date_format((int32_t)db_col_int(st, 0), d);
		buf_reset(&url);
		buf_adds(&url, "/registers/take?centre=");
		html_url_arg(&url, db_col_text(st, 2));
		buf_adds(&url, "&activity=");
		html_url_arg(&url, db_col_text(st, 1));
		buf_adds(&url, "&date=");
		buf_adds(&url, d);
		kit_table_row_begin(b);
		kit_table_cell_link(b, url.data, d, 0);
		kit_table_cell(b, db_col_text(st, 1), 0);
		kit_table_cell(b, db_col_text(st, 3), 0);
		kit_table_cellf(b, 1, "%lld", (long long)db_col_int(st, 5));
		kit_table_row_end(b);
	}
	if (shown) {
		kit_table_end(b);
		html_raw_literal(b, "</div>\n");
	}
	db_finalize(&st);
	buf_release(&url);
}

/* the form that picks a session (GET /registers, or /registers/take with errors) */
static int pick_page(struct page *p, const struct reg_session *s, const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	struct centre_item *centres = NULL;
	size_t ncentres = 0, nitems = 0, nnames = 0;
	struct kit_item *items = NULL, *citems = NULL;
	char **names = NULL;
	char today[11];
	const char *centre = s ? s->centre : param(p, "centre");
	int64_t only = 0;
	int ret = -1;

	if (centres_of(p, &centres, &ncentres))
		goto out;
	for (size_t i = 0; i < ncentres; i++)
		if (!strcmp(centres[i].code, centre))
			only = centres[i].id;
	if (ncentres == 1) {
		only = centres[0].id;
		centre = centres[0].code;
	}
	activity_items(p, centres, ncentres, only, &items, &nitems, &names, &nnames);
	date_format(date_today(), today);

	page_begin(p, page_t(p, "registers.title"), KIT_NAV_REGISTERS, errs && errs->nr);
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	if (errs)
		kit_error_summary(b, p->lang, errs);
	kit_heading(b, 1, "l", page_t(p, "registers.title"));
	kit_p(b, page_t(p, "registers.intro"));
	if (!ncentres) {
		kit_inset_text(b, page_t(p, "registers.no_centres"));
		goto done;
	}
	html_raw_literal(b, "<form method=\"get\" action=\"/registers/take\" novalidate>\n");
	if (ncentres == 1) {
		kit_hidden(b, "centre", centres[0].code);
		kit_summary_list(b, &(struct kit_summary_row){ .key = page_t(p, "registers.centre"),
							      .value = centres[0].name }, 1);
	} else {
		citems = xcalloc(ncentres + 1, sizeof(*citems));
		citems[0] = (struct kit_item){ .value = "", .text = page_t(p, "answer.choose") };
		for (size_t i = 0; i < ncentres; i++)
			citems[i + 1] = (struct kit_item){ .value = centres[i].code, .text = centres[i].name };
		kit_select(b, &(struct kit_select){ .lang = p->lang, .name = "centre",
						    .label = page_t(p, "registers.centre"), .label_size = "s",
						    .error = errs ? kit_errors_get(errs, "centre") : NULL,
						    .items = citems, .nitems = ncentres + 1, .value = centre });
	}
	kit_select(b, &(struct kit_select){ .lang = p->lang, .name = "activity",
					    .label = page_t(p, "registers.activity"), .label_size = "s",
					    .hint = page_t(p, "registers.activity_hint"),
					    .error = errs ? kit_errors_get(errs, "activity") : NULL,
					    .items = items, .nitems = nitems,
					    .value = s ? s->activity_choice : param(p, "activity") });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "activity_other",
					  .label = page_t(p, "registers.another_activity_label"),
					  .hint = page_t(p, "registers.another_activity_hint"),
					  .error = errs ? kit_errors_get(errs, "activity_other") : NULL,
					  .value = s ? s->activity_other : param(p, "activity_other"),
					  .width = 30 });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "date", .label = page_t(p, "registers.date"),
					  .label_size = "s", .hint = page_t(p, "registers.date_hint"),
					  .error = errs ? kit_errors_get(errs, "date") : NULL,
					  .value = s ? s->date_text : today, .width = 10,
					  .spellcheck_off = 1 });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "registers.open") });
	html_raw_literal(b, "</form>\n");
	recent_registers(p, centres, ncentres);
done:
	html_raw_literal(b, "</div></div>\n");
	page_end(p);
	ret = 0;
out:
	centres_release(centres, ncentres);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(items);
	free(citems);
	return ret;
}

UI_HANDLER(ui_registers)
{
	struct page *p = page_of(req);

	(void)res;
	return pick_page(p, NULL, NULL) ? page_error(p, 500) : 0;
}

/* ------------------------------------------------------- /registers/take */

struct person_row {
	char *ext, *first, *last, *role, *dob, *family;
	int ticked;
};

struct person_list {
	struct person_row *v;
	size_t n, alloc;
};

static void person_list_release(struct person_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].ext);
		free(l->v[i].first);
		free(l->v[i].last);
		free(l->v[i].role);
		free(l->v[i].dob);
		free(l->v[i].family);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int person_listed(const struct person_list *l, const char *ext)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].ext, ext))
			return 1;
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* who came to this activity at this centre in the 8 weeks up to the day, and who is ticked */
static int expected(struct page *p, const struct reg_session *s, struct person_list *l)
{
	struct db_stmt *st;
	enum db_result r;

	if (!s->activity_id)
		return 0;
	st = db_prepare(p->db,
		"SELECT p.ext_id, p.first_name, p.last_name, p.role, p.date_of_birth, f.ext_id, "
		"max(s.day = ?3) FROM sessions s "
		"JOIN attendance t ON t.day = s.day AND t.session_id = s.id "
		"JOIN people p ON p.id = t.person_id JOIN families f ON f.id = p.family_id "
		"WHERE s.centre_id = ?1 AND s.activity_id = ?2 AND s.day BETWEEN ?4 AND ?3 "
		"GROUP BY p.id ORDER BY p.last_name COLLATE NOCASE, f.ext_id, p.role DESC, p.first_name");
	if (!st)
		return -1;
	db_bind_int(st, 1, s->centre_id);
	db_bind_int(st, 2, s->activity_id);
	db_bind_int(st, 3, s->day);
	db_bind_int(st, 4, s->day - LOOKBACK_DAYS);
	while ((r = db_step(st)) == DB_ROW) {
		struct person_row *row;

		XGROW(l->v, l->alloc, l->n + 1);
		row = &l->v[l->n++];
		row->ext = xstrdup(db_col_text(st, 0));
		row->first = xstrdup(db_col_text(st, 1));
		row->last = xstrdup(db_col_text(st, 2));
		row->role = xstrdup(db_col_text(st, 3));
		row->dob = dup_or_null(db_col_text(st, 4));
		row->family = xstrdup(db_col_text(st, 5));
		row->ticked = (int)db_col_int(st, 6);
	}
	db_finalize(&st);
	return r == DB_ERROR ? -1 : 0;
}

/* the families found for `q` that the user may see, as people not listed yet */
static int found(struct page *p, const char *q, const struct person_list *listed, struct person_list *l,
		 int *truncated)
{
	struct find_result fr = FIND_RESULT_INIT;
	int ret = -1;

	*truncated = 0;
	if (find_families(p->db, q, FIND_LIMIT, &fr))
		goto out;
	*truncated = fr.truncated;
	for (size_t i = 0; i < fr.nhits; i++) {
		const struct find_hit *h = &fr.hits[i];
		int64_t fid = db_query_int(p->db, "SELECT id FROM families WHERE ext_id = ?", h->family_id, -1);

		if (fid < 0 || !auth_family_in_scope(p->db, &p->user, fid))
			continue;
		for (size_t m = 0; m < h->nmembers; m++) {
			const struct find_member *fm = &h->members[m];
			struct person_row *row;

			if (person_listed(listed, fm->person_id))
				continue;
			XGROW(l->v, l->alloc, l->n + 1);
			row = &l->v[l->n++];
			row->ext = xstrdup(fm->person_id);
			row->first = xstrdup(fm->first_name);
			row->last = xstrdup(fm->last_name);
			row->role = xstrdup(fm->role);
			row->dob = dup_or_null(fm->date_of_birth);
			row->family = xstrdup(h->family_id);
			row->ticked = 0;
		}
	}
	ret = 0;
out:
	find_result_release(&fr);
	return ret;
}

static void age_text(struct page *p, const char *dob_s, int32_t on, struct buf *out)
{
	int32_t dob;
	char n[16];
	const char *args[1] = { n };

	if (!dob_s || date_parse(dob_s, &dob) || dob > on)
		return;
	if (date_age(dob, on) >= 2) {
		snprintf(n, sizeof(n), "%d", date_age(dob, on));
		i18n_subst(out, page_t(p, "registers.age_years"), args, 1);
	} else {
		int y0, m0, d0, y1, m1, d1, months;

		date_to_ymd(dob, &y0, &m0, &d0);
		date_to_ymd(on, &y1, &m1, &d1);
		months = (y1 - y0) * 12 + (m1 - m0) - (d1 < d0);
		snprintf(n, sizeof(n), "%d", months);
		i18n_subst(out, page_t(p, "registers.age_months"), args, 1);
	}
}

/* rows of the register: a box to tick (labelled with the name), role, age, family */
static void person_rows(struct page *p, const struct reg_session *s, const struct person_list *l,
			size_t *counter)
{
	struct buf *b = &p->res->body;
	struct buf t = BUF_INIT;

	for (size_t i = 0; i < l->n; i++) {
		const struct person_row *r = &l->v[i];
		char id[32];

		snprintf(id, sizeof(id), "present-%zu", ++*counter);
		kit_table_row_begin(b);
		kit_table_cell_begin(b, 0);
		html_raw_literal(b, "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">"
				    "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\"");
		html_attr(b, "id", id);
		html_raw_literal(b, " name=\"present\" type=\"checkbox\"");
		html_attr(b, "value", r->ext);
		if (r->ticked)
			html_raw_literal(b, " checked");
		html_raw_literal(b, "><label class=\"govuk-label govuk-checkboxes__label\"");
		html_attr(b, "for", id);
		html_raw_literal(b, ">");
		buf_reset(&t);
		buf_addf(&t, "%s %s", r->first, r->last);
		html_text(b, t.data);
		html_raw_literal(b, "</label></div></div>");
		kit_hidden(b, "listed", r->ext);
		kit_table_cell_end(b);
		kit_table_cell(b, page_t(p, !strcmp(r->role, "child") ? "registers.child" : "registers.carer"), 0);
		buf_reset(&t);
		age_text(p, r->dob, s->day, &t);
		kit_table_cell(b, t.data, 0);
		buf_reset(&t);
		buf_adds(&t, "/families/");
		html_url_arg(&t, r->family);
		kit_table_cell_link(b, t.data, r->family, 0);
		kit_table_row_end(b);
	}
	buf_release(&t);
}

static int64_t session_count(struct page *p, int64_t session_id, int32_t day)
{
	struct db_stmt *st;
	int64_t n = 0;

	if (!session_id)
		return 0;
	if (!(st = db_prepare(p->db, "SELECT count(*) FROM attendance WHERE day = ? AND session_id = ?")))
		return 0;
	db_bind_int(st, 1, day);
	db_bind_int(st, 2, session_id);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(&st);
	return n;
}

/* the walk-in form's values and errors */
struct walkin {
	const char *carer_first, *carer_last, *child_first, *child_last;
	const char *dob_day, *dob_month, *dob_year, *postcode, *consent;
	unsigned dob_parts; /* KIT_DATE_* boxes in error */
};

static void walkin_form(struct page *p, const struct reg_session *s, const struct walkin *w,
			const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	const struct kit_item yesno[] = {
		{ .value = "yes", .text = page_t(p, "answer.yes") },
		{ .value = "no", .text = page_t(p, "answer.no") },
	};
	const char *e = NULL;

	html_raw_literal(b, "<h2 class=\"govuk-heading-m\" id=\"walk-in\">");
	html_text(b, page_t(p, "registers.walk_in"));
	html_raw_literal(b, "</h2>\n");
	kit_p(b, page_t(p, "registers.walk_in_intro"));
	html_raw_literal(b, "<form method=\"post\" action=\"/registers/walk-in\" novalidate>\n");
	kit_csrf(b, p->csrf);
	session_hidden(b, s);
#define ERR(id) (errs ? kit_errors_get(errs, id) : NULL)
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "carer_first_name",
					  .label = page_t(p, "registers.carer_first_name"),
					  .error = ERR("carer_first_name"), .value = w ? w->carer_first : NULL,
					  .width = 20, .spellcheck_off = 1, .autocomplete = "off" });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "carer_last_name",
					  .label = page_t(p, "registers.carer_last_name"),
					  .error = ERR("carer_last_name"), .value = w ? w->carer_last : NULL,
					  .width = 20, .spellcheck_off = 1, .autocomplete = "off" });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "child_first_name",
					  .label = page_t(p, "registers.child_first_name"),
					  .error = ERR("child_first_name"), .value = w ? w->child_first : NULL,
					  .width = 20, .spellcheck_off = 1, .autocomplete = "off" });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "child_last_name",
					  .label = page_t(p, "registers.child_last_name"),
					  .error = ERR("child_last_name"), .value = w ? w->child_last : NULL,
					  .width = 20, .spellcheck_off = 1, .autocomplete = "off" });
	if (errs)
		e = kit_errors_get(errs, "child_dob-day") ? kit_errors_get(errs, "child_dob-day")
		    : kit_errors_get(errs, "child_dob-month") ? kit_errors_get(errs, "child_dob-month")
							      : kit_errors_get(errs, "child_dob-year");
	kit_date_input(b, &(struct kit_date){ .lang = p->lang, .name = "child_dob",
					      .legend = page_t(p, "registers.child_dob"),
					      .hint = page_t(p, "registers.child_dob_hint"), .error = e,
					      .error_parts = w ? w->dob_parts : 0,
					      .day = w ? w->dob_day : NULL, .month = w ? w->dob_month : NULL,
					      .year = w ? w->dob_year : NULL });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "postcode",
					  .label = page_t(p, "registers.postcode"), .error = ERR("postcode"),
					  .value = w ? w->postcode : NULL, .width = 10,
					  .autocomplete = "postal-code", .spellcheck_off = 1,
					  .autocapitalize = "characters" });
	kit_radios(b, &(struct kit_choices){ .lang = p->lang, .name = "consent_contact",
					     .legend = page_t(p, "registers.consent_contact"), .legend_size = "s",
					     .hint = page_t(p, "field.consent_contact.hint"),
					     .error = ERR("consent_contact"), .items = yesno, .nitems = 2,
					     .value = w ? w->consent : NULL, .is_inline = 1 });
#undef ERR
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.add_walk_in"),
					    .kind = KIT_BUTTON_SECONDARY, .prevent_double_click = 1 });
	html_raw_literal(b, "</form>\n");
}

/* the register of a checked session, with the walk-in form's state */
static int take_page(struct page *p, const struct reg_session *s, const struct walkin *w,
		     const struct kit_errors *walk_errs)
{
	struct buf *b = &p->res->body;
	struct person_list listed = { 0 }, more = { 0 };
	struct buf t = BUF_INIT, back = BUF_INIT;
	const char *q = param(p, "q"), *saved = http_query(p->req, "saved");
	const char *walkin_id = http_query(p->req, "walkin");
	struct kit_table_col cols[] = {
		{ page_t(p, "registers.name"), 0 },
		{ page_t(p, "registers.child_or_carer"), 0 },
		{ page_t(p, "registers.age"), 0 },
		{ page_t(p, "registers.family"), 0 },
	};
	size_t counter = 0;
	int truncated = 0, ret = -1;
	char args_n[24];

	if (expected(p, s, &listed))
		goto out;
	if (*q && utf8_len(q) <= 200 && found(p, q, &listed, &more, &truncated))
		goto out;

	buf_adds(&t, s->activity);
	buf_adds(&back, "/registers?centre=");
	html_url_arg(&back, s->centre);
	page_begin_back(p, t.data, KIT_NAV_REGISTERS, walk_errs && walk_errs->nr, back.data);
	if (walk_errs && walk_errs->nr)
		kit_error_summary(b, p->lang, walk_errs);
	if (saved) {
		const char *args[1] = { args_n };

		snprintf(args_n, sizeof(args_n), "%lld", (long long)session_count(p, s->session_id, s->day));
		buf_reset(&t);
		i18n_subst(&t, page_t(p, "registers.saved_banner"), args, 1);
		kit_notification_banner(b, &(struct kit_notification){ .lang = p->lang, .success = 1,
									.heading = t.data });
	}
	if (walkin_id && id_valid(walkin_id)) {
		int64_t fid = db_query_int(p->db, "SELECT id FROM families WHERE ext_id = ?", walkin_id, -1);

		if (fid >= 0 && auth_family_in_scope(p->db, &p->user, fid)) {
			const char *args[1] = { walkin_id };

			buf_reset(&t);
			i18n_subst(&t, page_t(p, "registers.walk_in_saved"), args, 1);
			kit_notification_banner(b, &(struct kit_notification){ .lang = p->lang, .success = 1,
										.heading = t.data });
		}
	}
	buf_reset(&t);
	buf_addf(&t, "%s \xC2\xB7 %s", s->centre_name, s->date);
	kit_caption(b, "l", t.data);
	kit_heading(b, 1, "l", s->activity);

	/* the register itself */
	html_raw_literal(b, "<form method=\"post\" action=\"/registers/take\" novalidate>\n");
	kit_csrf(b, p->csrf);
	session_hidden(b, s);
	if (!listed.n && !more.n) {
		kit_inset_text(b, page_t(p, "registers.nobody_expected"));
	} else {
		html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
		kit_table_begin(b, &(struct kit_table){ .caption = page_t(p, "registers.expected"),
							.caption_size = "m", .cols = cols, .ncols = 4 });
		person_rows(p, s, &listed, &counter);
		kit_table_end(b);
		if (more.n) {
			const char *args[1] = { q };

			buf_reset(&t);
			i18n_subst(&t, page_t(p, "registers.found_for"), args, 1);
			kit_table_begin(b, &(struct kit_table){ .caption = t.data, .caption_size = "m",
								.cols = cols, .ncols = 4 });
			person_rows(p, s, &more, &counter);
			kit_table_end(b);
			if (truncated)
				kit_p(b, page_t(p, "registers.found_truncated"));
		}
		html_raw_literal(b, "</div>\n");
		kit_button(b, &(struct kit_button){ .text = page_t(p, "button.save_register"),
						    .prevent_double_click = 1 });
	}
	html_raw_literal(b, "</form>\n");
	if (*q && !more.n) {
		const char *args[1] = { q };

		buf_reset(&t);
		i18n_subst(&t, page_t(p, "registers.found_none"), args, 1);
		kit_inset_text(b, t.data);
	}

	/* find someone who is not listed */
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	html_raw_literal(b, "<form method=\"get\" action=\"/registers/take\" novalidate>\n");
	session_hidden(b, s);
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "q", .type = "search",
					  .label = page_t(p, "registers.find"), .label_size = "m",
					  .hint = page_t(p, "search.hint"), .value = q, .autocomplete = "off",
					  .spellcheck_off = 1 });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.search"), .kind = KIT_BUTTON_SECONDARY });
	html_raw_literal(b, "</form>\n");
	walkin_form(p, s, w, walk_errs);
	html_raw_literal(b, "</div></div>\n");
	page_end(p);
	ret = 0;
out:
	person_list_release(&listed);
	person_list_release(&more);
	buf_release(&t);
	buf_release(&back);
	return ret;
}

UI_HANDLER(ui_register_take)
{
	struct page *p = page_of(req);
	struct reg_session s;
	struct kit_errors errs = KIT_ERRORS_INIT;
	int r;

	(void)res;
	r = read_session(p, &s, &errs);
	if (r < 0)
		r = page_error(p, 500);
	else if (r > 0)
		r = page_error(p, 404);
	else if (errs.nr)
		r = pick_page(p, &s, &errs) ? page_error(p, 500) : 0;
	else
		r = take_page(p, &s, NULL, NULL) ? page_error(p, 500) : 0;
	reg_session_release(&s);
	kit_errors_release(&errs);
	return r;
}

/* -------------------------------------------------------------- saving */

/* find or create the activity and the session (inside a transaction) */
static int ensure_session(struct page *p, struct reg_session *s)
{
	struct db_stmt *st;

	if (!s->activity_id) {
		if (!(st = db_prepare(p->db, "INSERT INTO activities(name) VALUES (?) ON CONFLICT (name) DO NOTHING")))
			return -1;
		db_bind_text(st, 1, s->activity);
		if (db_step(st) != DB_DONE) {
			db_finalize(&st);
			return -1;
		}
		db_finalize(&st);
		s->activity_id = db_query_int(p->db, "SELECT id FROM activities WHERE name = ?", s->activity, 0);
		if (!s->activity_id)
			return -1;
	}
	if (!s->session_id) {
		if (!(st = db_prepare(p->db,
			"INSERT INTO sessions(centre_id, activity_id, day) VALUES (?, ?, ?) "
			"ON CONFLICT (centre_id, activity_id, day) DO NOTHING")))
			return -1;
		db_bind_int(st, 1, s->centre_id);
		db_bind_int(st, 2, s->activity_id);
		db_bind_int(st, 3, s->day);
		if (db_step(st) != DB_DONE) {
			db_finalize(&st);
			return -1;
		}
		db_finalize(&st);
		if (!(st = db_prepare(p->db, "SELECT id FROM sessions WHERE centre_id = ? AND activity_id = ? AND day = ?")))
			return -1;
		db_bind_int(st, 1, s->centre_id);
		db_bind_int(st, 2, s->activity_id);
		db_bind_int(st, 3, s->day);
		if (db_step(st) == DB_ROW)
			s->session_id = db_col_int(st, 0);
		db_finalize(&st);
		if (!s->session_id)
			return -1;
	}
	return 0;
}

/* a person named on the register form: ids, and what to do */
struct tick {
	int64_t person, family;
	int present;   /* ticked */
	int changed;   /* 1 added, -1 removed, 0 as it was */
};

static int find_tick(struct tick *v, size_t n, int64_t person)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person == person)
			return (int)i;
	return -1;
}

/*
 * Read the people of the form (ticked and listed), checking each is known
 * and in the user's scope: 0, 1 for a person unknown or out of scope (the
 * caller answers 404, nothing changed), -1 on a database failure.
 */
static int read_ticks(struct page *p, struct tick **out, size_t *nout)
{
	size_t npresent = http_form_all(p->req, "present", NULL, 0);
	size_t nlisted = http_form_all(p->req, "listed", NULL, 0);
	const char **present = xcalloc(npresent + 1, sizeof(*present));
	const char **listed = xcalloc(nlisted + 1, sizeof(*listed));
	struct tick *v = xcalloc(npresent + nlisted + 1, sizeof(*v));
	int64_t *ok_families = xcalloc(npresent + nlisted + 1, sizeof(*ok_families));
	size_t n = 0, nok = 0;
	struct db_stmt *st = db_prepare(p->db, "SELECT id, family_id FROM people WHERE ext_id = ?");
	int ret = -1;

	if (!st)
		goto out;
	http_form_all(p->req, "present", present, npresent);
	http_form_all(p->req, "listed", listed, nlisted);
	for (size_t i = 0; i < npresent + nlisted; i++) {
		const char *ext = i < npresent ? present[i] : listed[i - npresent];
		int64_t person, family;
		size_t k;
		int at;

		if (!id_valid(ext)) {
			ret = 1;
			goto out;
		}
		db_bind_text(st, 1, ext);
		if (db_step(st) != DB_ROW) {
			ret = 1;
			goto out;
		}
		person = db_col_int(st, 0);
		family = db_col_int(st, 1);
		db_reset(st);
		for (k = 0; k < nok; k++)
			if (ok_families[k] == family)
				break;
		if (k == nok) {
			if (!auth_family_in_scope(p->db, &p->user, family)) {
				ret = 1;
				goto out;
			}
			ok_families[nok++] = family;
		}
		at = find_tick(v, n, person);
		if (at < 0) {
			v[n] = (struct tick){ .person = person, .family = family };
			at = (int)n++;
		}
		if (i < npresent)
			v[at].present = 1;
	}
	*out = v;
	*nout = n;
	v = NULL;
	ret = 0;
out:
	db_finalize(&st);
	free(present);
	free(listed);
	free(v);
	free(ok_families);
	return ret;
}

/* apply the ticks in the open transaction and audit each family changed; the number attended */
static int save_ticks(struct page *p, struct reg_session *s, struct tick *v, size_t n)
{
	struct db_stmt *add = NULL, *del = NULL;
	struct buf detail = BUF_INIT;
	int any_present = 0, ret = -1;

	for (size_t i = 0; i < n; i++)
		any_present |= v[i].present;
	if (any_present && ensure_session(p, s))
		goto out;
	if (!s->session_id) {
		ret = 0; /* nobody ticked and no session: nothing to remove */
		goto out;
	}
	if (!(add = db_prepare(p->db, "INSERT INTO attendance(day, person_id, session_id) VALUES (?, ?, ?) "
				      "ON CONFLICT DO NOTHING")) ||
	    !(del = db_prepare(p->db, "DELETE FROM attendance WHERE day = ? AND person_id = ? AND session_id = ?")))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st = v[i].present ? add : del;

		db_bind_int(st, 1, s->day);
		db_bind_int(st, 2, v[i].person);
		db_bind_int(st, 3, s->session_id);
		if (db_step(st) != DB_DONE)
			goto out;
		if (db_changes(p->db) > 0)
			v[i].changed = v[i].present ? 1 : -1;
		db_reset(st);
	}
	/* one audit row per family changed */
	for (size_t i = 0; i < n; i++) {
		int added = 0, removed = 0, first = 1;

		for (size_t j = 0; j < i; j++)
			if (v[j].family == v[i].family)
				first = 0;
		if (!first)
			continue;
		for (size_t j = i; j < n; j++)
			if (v[j].family == v[i].family) {
				added += v[j].changed > 0;
				removed += v[j].changed < 0;
			}
		if (!added && !removed)
			continue;
		buf_reset(&detail);
		if (added)
			buf_addf(&detail, "attended %s on %s", s->activity, s->date);
		if (removed)
			buf_addf(&detail, "%sremoved from the register of %s on %s", added ? "; " : "",
				 s->activity, s->date);
		page_audit(p, "update", v[i].family, 0, detail.data);
	}
	ret = 0;
out:
	db_finalize(&add);
	db_finalize(&del);
	buf_release(&detail);
	return ret;
}

UI_HANDLER(ui_register_save)
{
	struct page *p = page_of(req);
	struct reg_session s;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct tick *v = NULL;
	size_t n = 0;
	struct buf url = BUF_INIT;
	int r, ret = 0;

	r = read_session(p, &s, &errs);
	if (r < 0) {
		ret = page_error(p, 500);
		goto out;
	}
	if (r > 0) {
		ret = page_error(p, 404);
		goto out;
	}
	if (errs.nr) {
		ret = page_error(p, 400);
		goto out;
	}
	r = read_ticks(p, &v, &n);
	if (r) {
		ret = page_error(p, r > 0 ? 404 : 500);
		goto out;
	}
	if (db_begin(p->db)) {
		ret = page_error(p, 500);
		goto out;
	}
	if (save_ticks(p, &s, v, n) || db_commit(p->db)) {
		error("register: %s", db_errmsg(p->db));
		db_rollback(p->db);
		ret = page_error(p, 500);
		goto out;
	}
	take_url(&url, &s, "&saved=1");
	http_redirect(res, url.data);
out:
	free(v);
	buf_release(&url);
	reg_session_release(&s);
	kit_errors_release(&errs);
	return ret;
}

/* -------------------------------------------------------------- walk-in */

static void check_name(struct page *p, const char *id, const char *v, const char *missing_key,
		       struct kit_errors *errs)
{
	if (!*v)
		kit_errors_add(errs, id, page_t(p, missing_key));
	else if (utf8_len(v) > NAME_MAX_CHARS || has_control(v))
		kit_errors_add(errs, id, page_t(p, "error.name_too_long"));
}

static int32_t check_walkin(struct page *p, const struct reg_session *s, struct walkin *w,
			    struct buf *postcode, struct kit_errors *errs)
{
	int32_t dob = DATE_NONE;
	int d = 0, m = 0, y = 0;

	check_name(p, "carer_first_name", w->carer_first, "error.carer_first_name", errs);
	check_name(p, "carer_last_name", w->carer_last, "error.carer_last_name", errs);
	check_name(p, "child_first_name", w->child_first, "error.child_first_name", errs);
	check_name(p, "child_last_name", w->child_last, "error.child_last_name", errs);
	if (!*w->dob_day && !*w->dob_month && !*w->dob_year) {
		kit_errors_add(errs, "child_dob-day", page_t(p, "error.dob_missing"));
	} else if (!*w->dob_day || !*w->dob_month || !*w->dob_year) {
		w->dob_parts = (*w->dob_day ? 0 : KIT_DATE_DAY) | (*w->dob_month ? 0 : KIT_DATE_MONTH) |
			       (*w->dob_year ? 0 : KIT_DATE_YEAR);
		kit_errors_add(errs, !*w->dob_day ? "child_dob-day" : !*w->dob_month ? "child_dob-month"
										  : "child_dob-year",
			       page_t(p, "error.dob_incomplete"));
	} else if (parse_int(w->dob_day, 1, 31, &d) || parse_int(w->dob_month, 1, 12, &m) ||
		   parse_int(w->dob_year, DATE_MIN_YEAR, DATE_MAX_YEAR, &y) ||
		   d > date_days_in_month(y, m)) {
		kit_errors_add(errs, "child_dob-day", page_t(p, "error.dob_invalid"));
	} else {
		dob = date_from_ymd(y, m, d);
		if (dob > s->day) {
			kit_errors_add(errs, "child_dob-day", page_t(p, "error.dob_future"));
			dob = DATE_NONE;
		} else if (date_age(dob, s->day) >= 5) {
			kit_errors_add(errs, "child_dob-day", page_t(p, "error.child_too_old"));
			dob = DATE_NONE;
		}
	}
	if (!*w->postcode)
		kit_errors_add(errs, "postcode", page_t(p, "error.postcode_missing"));
	else if (postcode_normalise(w->postcode, postcode))
		kit_errors_add(errs, "postcode", page_t(p, "error.postcode_invalid"));
	if (strcmp(w->consent, "yes") && strcmp(w->consent, "no"))
		kit_errors_add(errs, "consent_contact", page_t(p, "error.consent_contact"));
	return dob;
}

/* the next id "PREFIX" + digits after the largest of that shape; 0 or -1 */
static int next_id(struct page *p, const char *sql, const char *prefix, int digits, char *out, size_t size)
{
	struct db_stmt *st = db_prepare(p->db, sql);
	int64_t n = 0;
	size_t plen = strlen(prefix);

	if (!st)
		return -1;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		const char *v = db_col_text(st, 0);

		if (parse_i64(v + plen, 0, INT64_MAX, &n))
			n = 0;
	}
	db_finalize(&st);
	snprintf(out, size, "%s%0*lld", prefix, digits, (long long)(n + 1));
	return 0;
}

static int add_person(struct page *p, int64_t family, const char *ext, const char *role, const char *first,
		      const char *last, const char *dob, const char *registered, int64_t *id)
{
	struct db_stmt *st = db_prepare(p->db,
		"INSERT INTO people(ext_id, family_id, role, first_name, last_name, date_of_birth, "
		"registered_on, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	struct buf key = BUF_INIT;
	int ret = -1;

	if (!st)
		goto out;
	name_key(last, &key);
	db_bind_text(st, 1, ext);
	db_bind_int(st, 2, family);
	db_bind_text(st, 3, role);
	db_bind_text(st, 4, first);
	db_bind_text(st, 5, last);
	db_bind_text(st, 6, dob);
	db_bind_text(st, 7, registered);
	db_bind_text(st, 8, key.data);
	if (db_step(st) != DB_DONE)
		goto out;
	*id = db_last_id(p->db);
	ret = 0;
out:
	db_finalize(&st);
	buf_release(&key);
	return ret;
}

/* register the walk-in family and tick both (inside a transaction) */
static int save_walkin(struct page *p, struct reg_session *s, const struct walkin *w, const char *postcode,
		       int32_t dob, char family_ext[32])
{
	struct db_stmt *st = NULL;
	char carer_ext[32], child_ext[32], dob_s[11];
	int64_t family, carer, child;
	struct buf detail = BUF_INIT;
	int ret = -1;

	if (next_id(p, "SELECT max(ext_id) FROM families WHERE ext_id GLOB 'W[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'",
		    "W", 7, family_ext, 32) ||
	    next_id(p, "SELECT max(ext_id) FROM people WHERE ext_id GLOB 'WP[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'",
		    "WP", 8, carer_ext, sizeof(carer_ext)))
		goto out;
	{
		int64_t n = 0;

		if (parse_i64(carer_ext + 2, 0, INT64_MAX, &n))
			goto out;
		snprintf(child_ext, sizeof(child_ext), "WP%08lld", (long long)(n + 1));
	}
	if (!(st = db_prepare(p->db, "INSERT INTO families(ext_id, postcode, centre_id, consent_contact) "
				     "VALUES (?, ?, ?, ?)")))
		goto out;
	db_bind_text(st, 1, family_ext);
	db_bind_text(st, 2, postcode);
	db_bind_int(st, 3, s->centre_id);
	db_bind_int(st, 4, !strcmp(w->consent, "yes"));
	if (db_step(st) != DB_DONE)
		goto out;
	family = db_last_id(p->db);
	date_format(dob, dob_s);
	if (add_person(p, family, carer_ext, "carer", w->carer_first, w->carer_last, NULL, s->date, &carer) ||
	    add_person(p, family, child_ext, "child", w->child_first, w->child_last, dob_s, s->date, &child))
		goto out;
	if (ensure_session(p, s))
		goto out;
	db_finalize(&st);
	if (!(st = db_prepare(p->db, "INSERT INTO attendance(day, person_id, session_id) VALUES (?, ?, ?) "
				     "ON CONFLICT DO NOTHING")))
		goto out;
	for (int i = 0; i < 2; i++) {
		db_bind_int(st, 1, s->day);
		db_bind_int(st, 2, i ? child : carer);
		db_bind_int(st, 3, s->session_id);
		if (db_step(st) != DB_DONE)
			goto out;
		db_reset(st);
	}
	buf_addf(&detail, "registered as a walk-in; attended %s on %s", s->activity, s->date);
	page_audit(p, "create", family, 0, detail.data);
	ret = 0;
out:
	db_finalize(&st);
	buf_release(&detail);
	return ret;
}

UI_HANDLER(ui_register_walkin)
{
	struct page *p = page_of(req);
	struct reg_session s;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct walkin w;
	struct buf postcode = BUF_INIT, url = BUF_INIT;
	char family_ext[32];
	int32_t dob;
	int r, ret = 0;

	r = read_session(p, &s, &errs);
	if (r) {
		ret = page_error(p, r > 0 ? 404 : 500);
		goto out;
	}
	if (errs.nr) {
		ret = page_error(p, 400);
		goto out;
	}
	memset(&w, 0, sizeof(w));
	w.carer_first = page_form(p, "carer_first_name");
	w.carer_last = page_form(p, "carer_last_name");
	w.child_first = page_form(p, "child_first_name");
	w.child_last = page_form(p, "child_last_name");
	w.dob_day = page_form(p, "child_dob-day");
	w.dob_month = page_form(p, "child_dob-month");
	w.dob_year = page_form(p, "child_dob-year");
	w.postcode = page_form(p, "postcode");
	w.consent = page_form(p, "consent_contact");
	dob = check_walkin(p, &s, &w, &postcode, &errs);
	if (errs.nr) {
		ret = take_page(p, &s, &w, &errs) ? page_error(p, 500) : 0;
		goto out;
	}
	if (db_begin(p->db)) {
		ret = page_error(p, 500);
		goto out;
	}
	if (save_walkin(p, &s, &w, postcode.data, dob, family_ext) || db_commit(p->db)) {
		error("walk-in: %s", db_errmsg(p->db));
		db_rollback(p->db);
		ret = page_error(p, 500);
		goto out;
	}
	buf_adds(&url, "&saved=1&walkin=");
	html_url_arg(&url, family_ext);
	{
		struct buf to = BUF_INIT;

		take_url(&to, &s, url.data);
		http_redirect(res, to.data);
		buf_release(&to);
	}
out:
	buf_release(&postcode);
	buf_release(&url);
	reg_session_release(&s);
	kit_errors_release(&errs);
	return ret;
}
