/* ui-duplicates.c: the review queue of likely duplicate people, a pair side by side, merge and undo
 *
 *   GET  /duplicates              likely duplicate pairs in the user's scope,
 *                                 most likely first, 50 a page, pairs already
 *                                 decided left out
 *   GET  /duplicates/A/B          the two people side by side with the
 *                                 evidence, and the two decisions
 *   POST /duplicates/A/B          decision=same: merge B into A (match_merge);
 *                                 decision=different: record it
 *   POST /merges/ID/undo          undo a merge (match_merge_undo)
 *
 * The pairs come from the matching engine run over the whole store
 * (match_store_load + match_run), kept in the page cache until the data
 * changes. Scoped roles (managers) see pairs of people whose families are
 * registered at their centres.
 */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../match/match.h"
#include "../util/date.h"
#include "../util/strmap.h"

#include <string.h>

#define DUP_PAGE 50         /* pairs a page */

/* the engine's result over the store, cached */
struct dup_run {
	struct match_spec spec;
	struct match_set set;
	struct match_result res;
};

static void dup_run_free(void *v)
{
	struct dup_run *d = v;

	match_result_release(&d->res);
	match_set_release(&d->set);
	match_spec_release(&d->spec);
	free(d);
}

/* the engine's run, from the cache or computed now; NULL on failure (printed) */
static const struct dup_run *dup_run_get(struct page *p, struct cache_entry **h)
{
	const struct dup_run *c = page_cache_get(p, "duplicates", h);
	struct dup_run *d;

	if (c)
		return c;
	d = xcalloc(1, sizeof(*d));
	match_spec_init(&d->spec);
	match_spec_people(&d->spec);
	match_set_init(&d->set, &d->spec);
	match_result_init(&d->res);
	if (match_store_load(p->db, &d->set) || match_run(&d->set, &d->res)) {
		dup_run_free(d);
		return NULL;
	}
	/* kept as the last duplicate check, which data packs report; a
	 * failure to keep it does not stop the review */
	match_check_save(p->db, &d->set, &d->res, date_today());
	return page_cache_put(p, "duplicates", d, dup_run_free, h);
}

static size_t record_index(const struct match_set *set, const char *ext_id)
{
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->id[i], ext_id))
			return i;
	return (size_t)-1;
}

/* pairs already decided */
static int load_decided(struct page *p, struct strmap *m)
{
	struct db_stmt *st = db_prepare(p->db, "SELECT person_a, person_b FROM match_decisions");
	struct buf k = BUF_INIT;
	enum db_result r;

	if (!st)
		return page_db_failed(p);
	while ((r = db_step(st)) == DB_ROW) {
		match_pair_key(&k, db_col_text(st, 0), db_col_text(st, 1));
		strmap_put(m, k.data, 1);
	}
	db_finalize(&st);
	buf_release(&k);
	return r == DB_ERROR ? page_db_failed(p) : 0;
}

/* scoped roles: the people of families registered at the user's centres */
static int load_scope(struct page *p, struct strmap *m)
{
	struct db_stmt *st;
	enum db_result r;

	if (!auth_role_is_scoped(p->user.role))
		return 0;
	st = db_prepare(p->db, "SELECT p.ext_id FROM people p JOIN families f ON f.id = p.family_id "
			       "WHERE f.centre_id IN (SELECT centre_id FROM user_centres WHERE user_id = ?)");
	if (!st)
		return page_db_failed(p);
	db_bind_int(st, 1, p->user.id);
	while ((r = db_step(st)) == DB_ROW)
		strmap_put(m, db_col_text(st, 0), 1);
	db_finalize(&st);
	return r == DB_ERROR ? page_db_failed(p) : 0;
}

/* one person as the pages show them; strings owned by the request */
struct person {
	int64_t id, family_id;
	const char *ext_id, *first, *last, *dob, *sex, *family, *postcode, *centre, *ethnicity,
		*languages;
	int64_t sessions;
};

static const char *col(struct page *p, struct db_stmt *st, int c)
{
	const char *t = db_col_text(st, c);

	return http_strdup(p->req, t ? t : "");
}

/* 0 and *out, 1 if there is no such person, -1 on failure (printed) */
static int load_person(struct page *p, const char *ext_id, struct person *out)
{
	struct db_stmt *st = db_prepare(p->db,
		"SELECT p.id, p.family_id, p.ext_id, p.first_name, p.last_name, p.date_of_birth, p.sex, "
		"f.ext_id, f.postcode, c.name, p.ethnicity, "
		"(SELECT group_concat(code, ', ') FROM (SELECT code FROM person_languages l "
		"WHERE l.person_id = p.id ORDER BY position)), "
		"(SELECT count(*) FROM attendance a WHERE a.person_id = p.id) "
		"FROM people p JOIN families f ON f.id = p.family_id "
		"LEFT JOIN centres c ON c.id = f.centre_id WHERE p.ext_id = ?");
	enum db_result r;
	int ret = -1;

	if (!st)
		return page_db_failed(p);
	db_bind_text(st, 1, ext_id);
	r = db_step(st);
	if (r == DB_ROW) {
		*out = (struct person){
			.id = db_col_int(st, 0), .family_id = db_col_int(st, 1), .ext_id = col(p, st, 2),
			.first = col(p, st, 3), .last = col(p, st, 4), .dob = col(p, st, 5),
			.sex = col(p, st, 6), .family = col(p, st, 7), .postcode = col(p, st, 8),
			.centre = col(p, st, 9), .ethnicity = col(p, st, 10), .languages = col(p, st, 11),
			.sessions = db_col_int(st, 12) };
		ret = 0;
	} else if (r == DB_DONE) {
		ret = 1;
	}
	db_finalize(&st);
	if (ret < 0)
		page_db_failed(p);
	return ret;
}

static void pair_href(struct buf *b, const char *a, const char *bb)
{
	buf_adds(b, "/duplicates/");
	html_url_arg(b, a);
	buf_addch(b, '/');
	html_url_arg(b, bb);
}

/* ---- the queue */

/* the banner after a merge: who into whom, and the undo button */
static void merged_banner(struct page *p, struct buf *b, const char *merge)
{
	struct db_stmt *st;
	struct buf head = BUF_INIT, action = BUF_INIT;
	int64_t id;

	if (parse_i64(merge, 1, INT64_MAX, &id))
		return;
	st = db_prepare(p->db, "SELECT ext_id, kept_ext_id FROM merges WHERE id = ? AND undone_at IS NULL "
			       "AND user_id = ?");
	if (!st)
		return;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, p->user.id);
	if (db_step(st) == DB_ROW) {
		page_tsub(p, &head, "duplicates.merged", db_col_text(st, 0), db_col_text(st, 1));
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = head.data,
			.text = page_t(p, "duplicates.merged_hint") });
		buf_addf(&action, "/merges/%lld/undo", (long long)id);
		html_raw_literal(b, "<form method=\"post\"");
		html_attr(b, "action", action.data);
		html_raw_literal(b, ">\n");
		kit_csrf(b, p->csrf);
		kit_button(b, &(struct kit_button){ .text = page_t(p, "duplicates.undo"),
			.kind = KIT_BUTTON_SECONDARY, .prevent_double_click = 1 });
		html_raw_literal(b, "</form>\n");
	}
	db_finalize(&st);
	buf_release(&head);
	buf_release(&action);
}

UI_HANDLER(ui_duplicates)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct cache_entry *h = NULL;
	const struct dup_run *d;
	struct strmap decided = STRMAP_INIT, scope = STRMAP_INIT;
	struct buf k = BUF_INIT, href = BUF_INIT, t = BUF_INIT, prev = BUF_INIT, next = BUF_INIT;
	const char *q;
	size_t shown = 0, total = 0;
	int page_no = 1, scoped = auth_role_is_scoped(p->user.role), ret = -1;
	struct kit_table_col c[5];

	q = http_query(req, "page");
	if (q && parse_int(q, 1, 1000000, &page_no))
		page_no = 1;
	d = dup_run_get(p, &h);
	if (!d || load_decided(p, &decided) || load_scope(p, &scope))
		goto out;

	page_begin(p, page_t(p, "duplicates.title"), KIT_NAV_DUPLICATES, 0);
	q = http_query(req, "merged");
	if (q)
		merged_banner(p, b, q);
	q = http_query(req, "done");
	if (q && !strcmp(q, "undone"))
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = page_t(p, "duplicates.undone") });
	else if (q && !strcmp(q, "different"))
		kit_notification_banner(b, &(struct kit_notification){
			.lang = p->lang, .success = 1, .heading = page_t(p, "duplicates.rejected") });
	else if (q && !strcmp(q, "undo_failed"))
		kit_warning_text(b, p->lang, page_t(p, "duplicates.undo_failed"));
	kit_heading(b, 1, "l", page_t(p, "duplicates.title"));
	kit_p(b, page_t(p, "duplicates.intro"));

	c[0] = (struct kit_table_col){ page_t(p, "duplicates.col_names"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "duplicates.col_dobs"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "duplicates.col_families"), 0 };
	c[3] = (struct kit_table_col){ page_t(p, "duplicates.col_probability"), 1 };
	c[4] = (struct kit_table_col){ page_t(p, "duplicates.col_review"), 0 };
	for (size_t i = 0; i < d->res.npairs; i++) {
		const struct match_pair *mp = &d->res.pairs[i];
		const char *a = d->set.id[mp->a], *bb = d->set.id[mp->b];
		struct person pa, pb;
		int64_t v;
		int ra, rb;

		if (mp->prob < MATCH_REVIEW_MIN_PROB)
			break;
		match_pair_key(&k, a, bb);
		if (strmap_get(&decided, k.data, &v))
			continue;
		if (scoped && (!strmap_get(&scope, a, &v) || !strmap_get(&scope, bb, &v)))
			continue;
		total++;
		if (total <= (size_t)(page_no - 1) * DUP_PAGE || shown >= DUP_PAGE)
			continue;
		ra = load_person(p, a, &pa);
		rb = ra ? ra : load_person(p, bb, &pb);
		if (ra < 0 || rb < 0)
			goto out;
		if (ra || rb)
			continue;
		if (!shown++)
			kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = 5 });
		kit_table_row_begin(b);
		buf_reset(&t);
		buf_addf(&t, "%s %s / %s %s", pa.first, pa.last, pb.first, pb.last);
		kit_table_cell(b, t.data, 0);
		buf_reset(&t);
		page_format_date(p, pa.dob, &t);
		buf_adds(&t, " / ");
		page_format_date(p, pb.dob, &t);
		kit_table_cell(b, t.data, 0);
		buf_reset(&t);
		buf_addf(&t, "%s / %s", pa.family, pb.family);
		kit_table_cell(b, t.data, 0);
		kit_table_cellf(b, 1, "%.1f%%", 100.0 * mp->prob);
		buf_reset(&href);
		pair_href(&href, a, bb);
		buf_reset(&t);
		page_tsub(p, &t, "duplicates.review", pa.ext_id, pb.ext_id);
		kit_table_cell_link(b, href.data, t.data, 0);
		kit_table_row_end(b);
	}
	if (shown)
		kit_table_end(b);
	else
		kit_inset_text(b, page_t(p, "duplicates.none"));
	if (page_no > 1)
		buf_addf(&prev, "/duplicates?page=%d", page_no - 1);
	if (total > (size_t)page_no * DUP_PAGE)
		buf_addf(&next, "/duplicates?page=%d", page_no + 1);
	kit_pagination(b, &(struct kit_pagination){ .lang = p->lang,
		.prev_href = prev.len ? prev.data : NULL, .next_href = next.len ? next.data : NULL });
	page_end(p);
	ret = 0;
out:
	if (h)
		page_cache_release(p, h);
	strmap_release(&decided);
	strmap_release(&scope);
	buf_release(&k);
	buf_release(&href);
	buf_release(&t);
	buf_release(&prev);
	buf_release(&next);
	if (ret)
		page_error(p, 500);
	return 0;
}

/* ---- one pair */

/* the two people of the URL, both in the user's scope: 0, or -1 after an
 * error page (404 for unknown or out of scope) */
static int load_pair(struct page *p, struct person *a, struct person *b)
{
	const char *ea = p->req->npath_args > 1 ? p->req->path_args[0] : NULL;
	const char *eb = p->req->npath_args > 1 ? p->req->path_args[1] : NULL;
	int r;

	if (!ea || !eb || !strcmp(ea, eb)) {
		page_error(p, 404);
		return -1;
	}
	r = load_person(p, ea, a);
	if (!r)
		r = load_person(p, eb, b);
	if (r < 0) {
		page_error(p, 500);
		return -1;
	}
	if (r || !auth_family_in_scope(p->db, &p->user, a->family_id) ||
	    !auth_family_in_scope(p->db, &p->user, b->family_id)) {
		page_error(p, 404);
		return -1;
	}
	return 0;
}

static const char *field_word(const struct page *p, const char *name)
{
	static const char *const known[][2] = {
		{ "first_name", "duplicates.f.first_name" }, { "surname", "duplicates.f.surname" },
		{ "dob", "duplicates.f.dob" }, { "sex", "duplicates.f.sex" },
		{ "postcode", "duplicates.f.postcode" },
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(name, known[i][0]))
			return page_t(p, known[i][1]);
	return name;
}

/* the evidence: each field's level and weight, and the probability */
static void evidence(struct page *p, struct buf *b, const struct dup_run *d, const char *ea,
		     const char *eb)
{
	size_t i = record_index(&d->set, ea), j = record_index(&d->set, eb);
	struct kit_table_col c[3];
	struct match_pair mp;
	uint8_t lv[MATCH_MAX_FIELDS];
	double fw[MATCH_MAX_FIELDS];
	struct buf t = BUF_INIT;

	if (i == (size_t)-1 || j == (size_t)-1)
		return;
	memset(&mp, 0, sizeof(mp));
	mp.a = (uint32_t)(i < j ? i : j);
	mp.b = (uint32_t)(i < j ? j : i);
	match_compare(&d->set, mp.a, mp.b, lv);
	mp.pattern = match_pack(&d->set, lv);
	match_score(&d->set, &d->res.model, &mp, 1);
	match_pair_weight(&d->set, &d->res.model, lv, mp.a, mp.b, fw);

	kit_heading(b, 2, "m", page_t(p, "duplicates.evidence"));
	buf_addf(&t, "%.1f%%", 100.0 * mp.prob);
	{
		struct buf s = BUF_INIT;

		page_tsub(p, &s, "duplicates.probability", t.data, NULL);
		kit_p(b, s.data);
		buf_release(&s);
	}
	c[0] = (struct kit_table_col){ page_t(p, "duplicates.col_field"), 0 };
	c[1] = (struct kit_table_col){ page_t(p, "duplicates.col_level"), 0 };
	c[2] = (struct kit_table_col){ page_t(p, "duplicates.col_weight"), 1 };
	kit_table_begin(b, &(struct kit_table){ .cols = c, .ncols = 3, .first_cell_is_header = 1 });
	for (int f = 0; f < d->spec.nfields; f++) {
		double w = fw[f];

		kit_table_row_begin(b);
		kit_table_row_header(b, field_word(p, d->spec.fields[f].name));
		kit_table_cell(b, page_t(p, match_level_key(d->spec.fields[f].kind, lv[f])), 0);
		kit_table_cellf(b, 1, "%+.1f", w);
		kit_table_row_end(b);
	}
	kit_table_end(b);
	if (match_twins(&d->spec, lv))
		kit_p(b, page_t(p, "duplicates.twins_hint"));
	kit_p(b, page_t(p, "duplicates.weights_hint"));
	buf_release(&t);
}

static void side(struct page *p, struct buf *b, const struct person *x, const char *caption)
{
	struct buf dob = BUF_INIT, n = BUF_INIT, href = BUF_INIT, name = BUF_INIT;
	struct kit_summary_row rows[10];

	page_format_date(p, x->dob, &dob);
	buf_addf(&n, "%lld", (long long)x->sessions);
	buf_addf(&name, "%s %s", x->first, x->last);
	rows[0] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.name"), .value = name.data };
	rows[1] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.dob"), .value = dob.data };
	rows[2] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.sex"), .value = x->sex };
	rows[3] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.family"), .value = x->family };
	rows[4] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.postcode"), .value = x->postcode };
	rows[5] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.centre"), .value = x->centre };
	rows[6] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.ethnicity"), .value = x->ethnicity };
	rows[7] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.languages"), .value = x->languages };
	rows[8] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.sessions"), .value = n.data };
	rows[9] = (struct kit_summary_row){ .key = page_t(p, "duplicates.f.person"), .value = x->ext_id };
	html_raw_literal(b, "<div class=\"govuk-grid-column-one-half\">\n");
	kit_heading(b, 2, "m", caption);
	kit_summary_list(b, rows, 10);
	buf_adds(&href, "/families/");
	html_url_arg(&href, x->family);
	html_raw_literal(b, "<p class=\"govuk-body\">");
	kit_link(b, href.data, page_t(p, "duplicates.open_family"));
	html_raw_literal(b, "</p>\n</div>\n");
	buf_release(&dob);
	buf_release(&n);
	buf_release(&href);
	buf_release(&name);
}

static int pair_page(struct page *p, const struct person *a, const struct person *pb,
		     const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	struct cache_entry *h = NULL;
	const struct dup_run *d = dup_run_get(p, &h);
	struct buf action = BUF_INIT, title = BUF_INIT;

	if (!d) {
		page_error(p, 500);
		goto out;
	}
	pair_href(&action, a->ext_id, pb->ext_id);
	page_begin_back(p, page_t(p, "duplicates.pair_title"), KIT_NAV_DUPLICATES, errs->nr > 0, "/duplicates");
	kit_error_summary(b, p->lang, errs);
	kit_heading(b, 1, "l", page_t(p, "duplicates.pair_title"));
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n");
	side(p, b, a, page_t(p, "duplicates.record_a"));
	side(p, b, pb, page_t(p, "duplicates.record_b"));
	html_raw_literal(b, "</div>\n");
	evidence(p, b, d, a->ext_id, pb->ext_id);
	page_tsub(p, &title, "duplicates.merge_note", pb->ext_id, a->ext_id);
	kit_inset_text(b, title.data);
	html_raw_literal(b, "<form method=\"post\" novalidate");
	html_attr(b, "action", action.data);
	html_raw_literal(b, ">\n");
	kit_csrf(b, p->csrf);
	kit_button_group_begin(b);
	kit_button(b, &(struct kit_button){ .text = page_t(p, "duplicates.same"), .name = "decision",
		.value = "same", .kind = KIT_BUTTON_WARNING, .prevent_double_click = 1 });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "duplicates.different"), .name = "decision",
		.value = "different", .kind = KIT_BUTTON_SECONDARY, .prevent_double_click = 1 });
	kit_button_group_end(b);
	html_raw_literal(b, "</form>\n");
	page_end(p);
out:
	if (h)
		page_cache_release(p, h);
	buf_release(&action);
	buf_release(&title);
	return 0;
}

UI_HANDLER(ui_duplicate_pair)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct person a, b;

	if (!load_pair(p, &a, &b)) {
		page_audit(p, "view", a.family_id, a.id, "duplicate review");
		page_audit(p, "view", b.family_id, b.id, "duplicate review");
		pair_page(p, &a, &b, &errs);
	}
	kit_errors_release(&errs);
	(void)res;
	return 0;
}

UI_HANDLER(ui_duplicate_decide)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct person a, b;
	struct buf to = BUF_INIT;
	const char *decision;
	int64_t mid = 0;
	int st;

	if (load_pair(p, &a, &b))
		goto out;
	decision = page_form(p, "decision");
	if (!strcmp(decision, "same")) {
		st = match_merge(p->db, &p->user, a.ext_id, b.ext_id, &mid);
		if (st == ST_OK)
			buf_addf(&to, "/duplicates?merged=%lld", (long long)mid);
	} else if (!strcmp(decision, "different")) {
		st = match_decide_different(p->db, &p->user, a.ext_id, b.ext_id);
		if (st == ST_OK)
			buf_adds(&to, "/duplicates?done=different");
	} else {
		kit_errors_add(&errs, "decision", page_t(p, "duplicates.error.decision"));
		pair_page(p, &a, &b, &errs);
		goto out;
	}
	if (st == ST_OK)
		http_redirect(res, to.data);
	else
		page_error(p, st == ST_BAD_INPUT ? 404 : 500);
out:
	kit_errors_release(&errs);
	buf_release(&to);
	return 0;
}

UI_HANDLER(ui_merge_undo)
{
	struct page *p = page_of(req);
	struct db_stmt *st = NULL;
	const char *arg = req->npath_args ? req->path_args[0] : NULL;
	int64_t id, fam = 0;
	int r;

	if (!arg || parse_i64(arg, 1, INT64_MAX, &id)) {
		page_error(p, 404);
		goto out;
	}
	/* the kept person's family must be in scope */
	st = db_prepare(p->db, "SELECT p.family_id FROM merges m JOIN people p ON p.id = m.kept_person_id "
			       "WHERE m.id = ?");
	if (!st) {
		page_error(p, 500);
		goto out;
	}
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW)
		fam = db_col_int(st, 0);
	db_finalize(&st);
	if (!fam || !auth_family_in_scope(p->db, &p->user, fam)) {
		page_error(p, 404);
		goto out;
	}
	r = match_merge_undo(p->db, &p->user, id);
	if (r == ST_OK)
		http_redirect(res, "/duplicates?done=undone");
	else if (r == ST_BAD_INPUT)
		http_redirect(res, "/duplicates?done=undo_failed");
	else
		page_error(p, 500);
out:
	db_finalize(&st);
	return 0;
}
