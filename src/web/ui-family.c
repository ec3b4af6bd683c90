/* ui-family.c: the family record: details, members, changes over time, visits and attendance
 *
 * One page per family (/families/ID), for anyone who may see the family
 * (page_family() answers 404 otherwise, the same as for an unknown ID).
 * Every view is written to the audit trail. The page reads the family, its
 * members and their languages, the family's history (kept by triggers on
 * families, src/store/migrations.c step 4), the outreach visits and the
 * latest sessions attended by any member (last, as the longest part): a
 * handful of indexed queries, bounded by the size of one family.
 */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../util/date.h"
#include "../util/text.h"

#include <string.h>

/* sessions listed at most; the total counts them all */
#define FAMILY_SESSIONS_SHOWN 50

/* one member as read, strings owned by the request */
struct member {
	int64_t id;              /* people.id */
	const char *ext_id;      /* people.ext_id */
	const char *role;        /* "child" or "carer" */
	const char *relationship; /* "mother", "father", "other" or NULL */
	const char *first_name;  /* as stored */
	const char *last_name;   /* as stored */
	const char *dob;         /* YYYY-MM-DD or NULL */
	const char *sex;         /* "female", "male", "other" or NULL */
	const char *ethnicity;   /* DfE code or NULL */
	const char *disabled;    /* "0", "1" or NULL */
	const char *registered;  /* YYYY-MM-DD */
	const char *employment;  /* a code of the form (employment.*) or NULL */
	const char *sen;         /* "0", "1" or NULL */
	struct buf languages;    /* labels joined by ", " */
};

/* a copy that lives as long as the request; NULL stays NULL */
static const char *keep(struct page *p, const char *s)
{
	return s ? http_strdup(p->req, s) : NULL;
}

/* Yes, No or Not known of a 0/1 column read as text */
static const char *flag_words(const struct page *p, const char *v)
{
	if (v && !strcmp(v, "1"))
		return page_t(p, "answer.yes");
	if (v && !strcmp(v, "0"))
		return page_t(p, "answer.no");
	return page_t(p, "answer.not_known");
}

/* the label of a code under `prefix` ("ethnicity." + "BAFR"), else the code
 * itself; tmp only holds the key, so the result never points into it */
static const char *code_label(const struct page *p, const char *prefix, const char *code, struct buf *tmp)
{
	buf_reset(tmp);
	buf_adds(tmp, prefix);
	buf_adds(tmp, code);
	if (i18n_has("en", tmp->data))
		return page_t(p, tmp->data);
	return code;
}

/* ---- the family itself */

/* the family's row as read, strings owned by the request (NULL: not recorded) */
struct family {
	const char *ext_id;          /* families.ext_id */
	const char *postcode;        /* normalised */
	const char *lone_parent;     /* "0", "1" */
	const char *workless;        /* "0", "1" */
	const char *line1, *line2;   /* address lines */
	const char *town;            /* town or city */
	const char *phone, *email;   /* contact details */
	const char *heard_from;      /* a code of the form (heard.*) */
	const char *consent_contact; /* "0", "1" */
	const char *consent_share;   /* "0", "1" */
	const char *centre_code;     /* registering centre */
	const char *centre_name;     /* its name */
};

static int load_family(struct page *p, int64_t fid, struct family *f)
{
	struct db_stmt *st;
	int ret = -1;

	st = db_prepare(p->db,
		"SELECT f.ext_id, f.postcode, f.lone_parent, f.workless, f.address_line1, "
		"f.address_line2, f.town, f.phone, f.email, f.heard_from, f.consent_contact, "
		"f.consent_share, c.code, c.name "
		"FROM families f LEFT JOIN centres c ON c.id = f.centre_id WHERE f.id = ?");
	if (!st)
		goto out;
	db_bind_int(st, 1, fid);
	if (db_step(st) != DB_ROW)
		goto out;
	f->ext_id = keep(p, db_col_text(st, 0));
	f->postcode = keep(p, db_col_text(st, 1));
	f->lone_parent = keep(p, db_col_text(st, 2));
	f->workless = keep(p, db_col_text(st, 3));
	f->line1 = keep(p, db_col_text(st, 4));
	f->line2 = keep(p, db_col_text(st, 5));
	f->town = keep(p, db_col_text(st, 6));
	f->phone = keep(p, db_col_text(st, 7));
	f->email = keep(p, db_col_text(st, 8));
	f->heard_from = keep(p, db_col_text(st, 9));
	f->consent_contact = keep(p, db_col_text(st, 10));
	f->consent_share = keep(p, db_col_text(st, 11));
	f->centre_code = keep(p, db_col_text(st, 12));
	f->centre_name = keep(p, db_col_text(st, 13));
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	return ret;
}

/* address lines, town and postcode, one a line */
static void address_lines(const struct page *p, const struct family *f, struct buf *out)
{
	const char *lines[4] = { f->line1, f->line2, f->town, f->postcode };
	int any = 0;

	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		if (!lines[i] || !*lines[i])
			continue;
		if (any)
			html_raw_literal(out, "<br>");
		html_text(out, lines[i]);
		any = 1;
	}
	if (!any)
		html_text(out, page_t(p, "answer.not_known"));
}

/* a phone number or email address, kept left to right on a right-to-left
 * page (else "07700 900982" shows as "900982 07700"); `none` when empty */
static void ltr_value(struct buf *out, const char *v, const char *none)
{
	if (!v || !*v) {
		html_text(out, none);
		return;
	}
	html_raw_literal(out, "<span dir=\"ltr\">");
	html_text(out, v);
	html_raw_literal(out, "</span>");
}

static void family_details(struct page *p, struct buf *b, const struct family *f)
{
	struct buf addr = BUF_INIT, centre = BUF_INIT, tmp = BUF_INIT, phone = BUF_INIT, email = BUF_INIT;
	struct kit_summary_row rows[12];
	const char *nk = page_t(p, "answer.not_known");
	size_t n = 0;

	memset(rows, 0, sizeof(rows));
	address_lines(p, f, &addr);
	if (f->centre_name) {
		buf_adds(&centre, f->centre_name);
		buf_addf(&centre, " (%s)", f->centre_code);
	}
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.id"), .value = f->ext_id };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.centre"),
					      .value = centre.len ? centre.data : nk };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.address"), .value_escaped = addr.data };
	ltr_value(&phone, f->phone, nk);
	ltr_value(&email, f->email, nk);
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.phone"), .value_escaped = phone.data };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.email"), .value_escaped = email.data };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.consent_contact"),
					      .value = flag_words(p, f->consent_contact) };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.consent_share"),
					      .value = flag_words(p, f->consent_share) };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.lone_parent"),
					      .value = flag_words(p, f->lone_parent) };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.workless"),
					      .value = flag_words(p, f->workless) };
	rows[n++] = (struct kit_summary_row){
		.key = page_t(p, "family.heard_from"),
		.value = f->heard_from && *f->heard_from ? code_label(p, "heard.", f->heard_from, &tmp) : nk
	};
	kit_heading(b, 2, "m", page_t(p, "family.about"));
	kit_summary_list(b, rows, n);
	buf_release(&addr);
	buf_release(&centre);
	buf_release(&tmp);
	buf_release(&phone);
	buf_release(&email);
}

/* ---- members */

static int load_members(struct page *p, int64_t fid, struct member **out, size_t *nout)
{
	struct db_stmt *st = NULL, *lst = NULL;
	struct member *v = NULL;
	size_t n = 0, alloc = 0;
	struct buf tmp = BUF_INIT;
	enum db_result r;
	int ret = -1;

	st = db_prepare(p->db,
		"SELECT id, ext_id, role, relationship, first_name, last_name, date_of_birth, sex, "
		"ethnicity, disabled, registered_on, employment, sen FROM people WHERE family_id = ? "
		"ORDER BY role <> 'child', date_of_birth IS NULL, date_of_birth, ext_id");
	lst = db_prepare(p->db, "SELECT code FROM person_languages WHERE person_id = ? ORDER BY position");
	if (!st || !lst)
		goto out;
	db_bind_int(st, 1, fid);
	while ((r = db_step(st)) == DB_ROW) {
		struct member *m;

		XGROW(v, alloc, n + 1);
		m = &v[n++];
		memset(m, 0, sizeof(*m));
		buf_init(&m->languages, 0);
		m->id = db_col_int(st, 0);
		m->ext_id = keep(p, db_col_text(st, 1));
		m->role = keep(p, db_col_text(st, 2));
		m->relationship = keep(p, db_col_text(st, 3));
		m->first_name = keep(p, db_col_text(st, 4));
		m->last_name = keep(p, db_col_text(st, 5));
		m->dob = keep(p, db_col_text(st, 6));
		m->sex = keep(p, db_col_text(st, 7));
		m->ethnicity = keep(p, db_col_text(st, 8));
		m->disabled = keep(p, db_col_text(st, 9));
		m->registered = keep(p, db_col_text(st, 10));
		m->employment = keep(p, db_col_text(st, 11));
		m->sen = keep(p, db_col_text(st, 12));

		db_reset(lst);
		db_bind_int(lst, 1, m->id);
		while ((r = db_step(lst)) == DB_ROW) {
			if (m->languages.len)
				buf_adds(&m->languages, ", ");
			buf_adds(&m->languages, code_label(p, "language.", db_col_text(lst, 0), &tmp));
		}
		if (r == DB_ERROR)
			goto out;
	}
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	db_finalize(&lst);
	buf_release(&tmp);
	*out = v;
	*nout = n;
	return ret;
}

static void members_release(struct member *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_release(&v[i].languages);
	free(v);
}

static void member_card(struct page *p, struct buf *b, const struct member *m, int32_t today)
{
	struct kit_summary_row rows[12];
	struct buf name = BUF_INIT, dob = BUF_INIT, reg = BUF_INIT, tmp = BUF_INIT;
	struct buf eth = BUF_INIT;
	const char *nk = page_t(p, "answer.not_known");
	int child = !strcmp(m->role, "child");
	size_t n = 0;
	int32_t day;

	memset(rows, 0, sizeof(rows));
	buf_adds(&name, m->first_name);
	buf_addch(&name, ' ');
	buf_adds(&name, m->last_name);
	if (m->dob && !date_parse(m->dob, &day)) {
		struct buf d = BUF_INIT, age = BUF_INIT;

		page_format_day(p, day, &d);
		if (day <= today) {
			buf_addf(&age, "%d", date_age(day, today));
			page_tsub(p, &dob, "family.dob_age", d.data, age.data);
		} else {
			buf_adds(&dob, d.data);
		}
		buf_release(&d);
		buf_release(&age);
	} else {
		buf_adds(&dob, m->dob ? m->dob : nk);
	}
	page_format_date(p, m->registered, &reg);
	if (m->ethnicity && *m->ethnicity) {
		buf_adds(&eth, code_label(p, "ethnicity.", m->ethnicity, &tmp));
		buf_addf(&eth, " (%s)", m->ethnicity);
	}

	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "field.date_of_birth"), .value = dob.data };
	rows[n++] = (struct kit_summary_row){
		.key = page_t(p, "field.sex"),
		.value = m->sex ? code_label(p, "sex.", m->sex, &tmp) : nk
	};
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "field.ethnicity"),
					      .value = eth.len ? eth.data : nk };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.languages"),
					      .value = m->languages.len ? m->languages.data : nk };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.disabled"),
					      .value = flag_words(p, m->disabled) };
	if (child) {
		rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.sen"),
						      .value = flag_words(p, m->sen) };
	} else {
		rows[n++] = (struct kit_summary_row){
			.key = page_t(p, "family.employment"),
			.value = m->employment && *m->employment ? code_label(p, "employment.", m->employment, &tmp) : nk
		};
	}
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.registered_on"), .value = reg.data };
	rows[n++] = (struct kit_summary_row){ .key = page_t(p, "family.person_id"), .value = m->ext_id };

	html_raw_literal(b, "<div class=\"govuk-summary-card\">\n"
			    "<div class=\"govuk-summary-card__title-wrapper\">\n"
			    "<h3 class=\"govuk-summary-card__title\">");
	html_text(b, name.data);
	html_raw_literal(b, "</h3>\n<div>");
	kit_tag(b, page_member_role(p, m->role, m->relationship), child ? KIT_TAG_TURQUOISE : KIT_TAG_GREY);
	html_raw_literal(b, "</div>\n</div>\n<div class=\"govuk-summary-card__content\">\n");
	kit_summary_list(b, rows, n);
	html_raw_literal(b, "</div>\n</div>\n");

	buf_release(&name);
	buf_release(&dob);
	buf_release(&reg);
	buf_release(&tmp);
	buf_release(&eth);
}

/* ---- changes over time */

/* a value of family_history in words: flags as Yes/No, nothing as "None" */
static const char *history_value(const struct page *p, const char *field, const char *v)
{
	if (!strcmp(field, "lone_parent") || !strcmp(field, "workless"))
		return flag_words(p, v);
	if (!v || !*v)
		return page_t(p, "family.history_none");
	return v;
}

static int history(struct page *p, struct buf *b, int64_t fid)
{
	struct kit_table_col c[4];
	struct db_stmt *st;
	struct buf tmp = BUF_INIT, when = BUF_INIT;
	enum db_result r;
	int ret = -1, rows = 0;

	c[0] = (struct kit_table_col){ page_t(p, "family.history_date"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "family.history_what"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "family.history_from"), 0 };
	c[3] = (struct kit_table_col){ page_t(p, "family.history_to"), 0 };
	kit_heading(b, 2, "m", page_t(p, "family.history"));
	st = db_prepare(p->db, "SELECT field, old_value, new_value, changed_at FROM family_history "
			       "WHERE family_id = ? ORDER BY changed_at DESC, id DESC");
	if (!st)
		goto out;
	db_bind_int(st, 1, fid);
	while ((r = db_step(st)) == DB_ROW) {
		const char *field = db_col_text(st, 0);

		if (!rows++) {
			html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
			kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = ARRAY_LEN(c) });
		}
		buf_reset(&when);
		page_format_date(p, db_col_text(st, 3), &when);
		kit_table_row_begin(b);
		kit_table_cell(b, when.data, 0);
		kit_table_cell(b, code_label(p, "family.field.", field, &tmp), 0);
		kit_table_cell(b, history_value(p, field, db_col_text(st, 1)), 0);
		kit_table_cell(b, history_value(p, field, db_col_text(st, 2)), 0);
		kit_table_row_end(b);
	}
	if (r == DB_ERROR)
		goto out;
	if (rows) {
		kit_table_end(b);
		html_raw_literal(b, "</div>\n");
	} else {
		kit_p(b, page_t(p, "family.no_history"));
	}
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	buf_release(&tmp);
	buf_release(&when);
	return ret;
}

/* ---- sessions attended */

static int attendance(struct page *p, struct buf *b, int64_t fid)
{
	struct kit_table_col c[4];
	struct db_stmt *st = NULL;
	struct buf t = BUF_INIT, n1 = BUF_INIT, day = BUF_INIT;
	int64_t sessions = 0;
	enum db_result r;
	int ret = -1;

	kit_heading(b, 2, "m", page_t(p, "family.attendance"));
	st = db_prepare(p->db, "SELECT count(DISTINCT a.session_id) FROM people p "
			       "JOIN attendance a ON a.person_id = p.id WHERE p.family_id = ?");
	if (!st)
		goto out;
	db_bind_int(st, 1, fid);
	if (db_step(st) != DB_ROW)
		goto out;
	sessions = db_col_int(st, 0);
	db_finalize(&st);
	if (!sessions) {
		kit_p(b, page_t(p, "family.no_attendance"));
		ret = 0;
		goto out;
	}
	buf_addf(&n1, "%lld", (long long)sessions);
	page_tsub(p, &t, sessions == 1 ? "family.attendance_total_one" : "family.attendance_total", n1.data, NULL);
	kit_p(b, t.data);
	if (sessions > FAMILY_SESSIONS_SHOWN) {
		buf_reset(&n1);
		buf_addf(&n1, "%d", FAMILY_SESSIONS_SHOWN);
		page_tsub(p, &t, "family.attendance_latest", n1.data, NULL);
		kit_p(b, t.data);
	}

	c[0] = (struct kit_table_col){ page_t(p, "family.session_date"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "family.session_centre"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "family.session_activity"), 0 };
	c[3] = (struct kit_table_col){ page_t(p, "family.session_who"), 0 };
	/* one row per session, naming the members who came */
	st = db_prepare(p->db,
		"SELECT a.day, c.name, act.name, group_concat(p.first_name, ', ') "
		"FROM people p JOIN attendance a ON a.person_id = p.id "
		"JOIN sessions s ON s.id = a.session_id "
		"JOIN centres c ON c.id = s.centre_id "
		"JOIN activities act ON act.id = s.activity_id "
		"WHERE p.family_id = ? GROUP BY a.session_id "
		"ORDER BY a.day DESC, c.name, act.name LIMIT ?");
	if (!st)
		goto out;
	db_bind_int(st, 1, fid);
	db_bind_int(st, 2, FAMILY_SESSIONS_SHOWN);
	html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
	kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = ARRAY_LEN(c) });
	while ((r = db_step(st)) == DB_ROW) {
		buf_reset(&day);
		page_format_day(p, (int32_t)db_col_int(st, 0), &day);
		kit_table_row_begin(b);
		kit_table_cell(b, day.data, 0);
		kit_table_cell(b, db_col_text(st, 1), 0);
		kit_table_cell(b, db_col_text(st, 2), 0);
		kit_table_cell(b, db_col_text(st, 3), 0);
		kit_table_row_end(b);
	}
	kit_table_end(b);
	html_raw_literal(b, "</div>\n");
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	buf_release(&t);
	buf_release(&n1);
	buf_release(&day);
	return ret;
}

/* ---- outreach visits */

/* the kind's words in the page's language: the kinds Reach starts with are
 * translated, kinds added by an admin are shown as they were typed */
/* text with its line breaks kept */
static void text_lines(struct buf *b, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);

		if (n && s[n - 1] == '\r')
			html_text_n(b, s, n - 1);
		else
			html_text_n(b, s, n);
		if (!nl)
			break;
		html_raw_literal(b, "<br>");
		s = nl + 1;
	}
}

static int visits(struct page *p, struct buf *b, int64_t fid)
{
	struct kit_table_col c[5];
	struct db_stmt *st;
	struct buf day = BUF_INIT;
	enum db_result r;
	int ret = -1, rows = 0;

	c[0] = (struct kit_table_col){ page_t(p, "family.visit_date"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "family.visit_kind"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "family.visit_centre"), 0 };
	c[3] = (struct kit_table_col){ page_t(p, "family.visit_notes"), 0 };
	c[4] = (struct kit_table_col){ page_t(p, "family.visit_by"), 0 };
	kit_heading(b, 2, "m", page_t(p, "family.visits"));
	st = db_prepare(p->db,
		"SELECT v.day, k.name, c.name, v.notes, coalesce(u.display_name, u.username) "
		"FROM visits v JOIN visit_kinds k ON k.id = v.kind_id "
		"LEFT JOIN centres c ON c.id = v.centre_id LEFT JOIN users u ON u.id = v.user_id "
		"WHERE v.family_id = ? ORDER BY v.day DESC, v.id DESC");
	if (!st)
		goto out;
	db_bind_int(st, 1, fid);
	while ((r = db_step(st)) == DB_ROW) {
		if (!rows++) {
			html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
			kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = ARRAY_LEN(c) });
		}
		buf_reset(&day);
		page_format_date(p, db_col_text(st, 0), &day);
		kit_table_row_begin(b);
		kit_table_cell(b, day.data, 0);
		kit_table_cell(b, page_visit_kind(p, db_col_text(st, 1)), 0);
		kit_table_cell(b, db_col_text(st, 2) ? db_col_text(st, 2) : "", 0);
		kit_table_cell_begin(b, 0);
		text_lines(b, db_col_text(st, 3));
		kit_table_cell_end(b);
		kit_table_cell(b, db_col_text(st, 4) ? db_col_text(st, 4) : "", 0);
		kit_table_row_end(b);
	}
	if (r == DB_ERROR)
		goto out;
	if (rows) {
		kit_table_end(b);
		html_raw_literal(b, "</div>\n");
	} else {
		kit_p(b, page_t(p, "family.no_visits"));
	}
	ret = 0;
out:
	if (ret)
		page_db_failed(p);
	db_finalize(&st);
	buf_release(&day);
	return ret;
}

UI_HANDLER(ui_family)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct family f;
	struct member *members = NULL;
	size_t nmembers = 0;
	struct buf title = BUF_INIT, href = BUF_INIT;
	const char *done = http_query(req, "visit");
	const char *registered = http_query(req, "registered");
	int32_t today = date_today();
	int64_t fid;
	int ret = -1;

	memset(&f, 0, sizeof(f));
	if (page_family(p, req->npath_args ? req->path_args[0] : NULL, &fid)) {
		ret = 0; /* the 404 page is written */
		goto out;
	}
	if (load_family(p, fid, &f) || load_members(p, fid, &members, &nmembers))
		goto out;
	page_audit(p, "view", fid, 0, NULL);

	page_tsub(p, &title, "family.title", f.ext_id, NULL);
	page_begin_back(p, title.data, KIT_NAV_SEARCH, 0, "/search");
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
	if (done && !strcmp(done, "added"))
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = page_t(p, "visits.saved") });
	if (registered && !strcmp(registered, "1")) {
		/* back from the registration form (ui_register_submit) */
		struct buf text = BUF_INIT;

		page_tsub(p, &text, "register.saved_text", f.ext_id, NULL);
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = page_t(p, "register.saved"), .text = text.data });
		buf_release(&text);
	}
	if (http_query(req, "updated"))
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = page_t(p, "family.updated") });
	kit_caption(b, "l", page_t(p, "family.caption"));
	kit_heading(b, 1, "l", title.data);

	kit_button_group_begin(b);
	if (auth_can(&p->user, ACT_RECORD_VISIT)) {
		buf_adds(&href, "/families/");
		html_url_arg(&href, f.ext_id);
		buf_adds(&href, "/visits/new");
		kit_button(b, &(struct kit_button){ .text = page_t(p, "visits.record"), .href = href.data });
	}
	if (auth_can(&p->user, ACT_EDIT_FAMILY)) {
		buf_reset(&href);
		buf_adds(&href, "/families/");
		html_url_arg(&href, f.ext_id);
		buf_adds(&href, "/edit");
		kit_button(b, &(struct kit_button){ .text = page_t(p, "family.change"),
						    .kind = KIT_BUTTON_SECONDARY, .href = href.data });
	}
	kit_button_group_end(b);

	family_details(p, b, &f);

	kit_heading(b, 2, "m", page_t(p, "family.members"));
	if (!nmembers)
		kit_p(b, page_t(p, "family.no_members"));
	for (size_t i = 0; i < nmembers; i++)
		member_card(p, b, &members[i], today);

	if (history(p, b, fid) || visits(p, b, fid) || attendance(p, b, fid))
		goto out;

	html_raw_literal(b, "</div>\n</div>\n");
	page_end(p);
	ret = 0;
out:
	members_release(members, nmembers);
	buf_release(&title);
	buf_release(&href);
	return ret;
}
