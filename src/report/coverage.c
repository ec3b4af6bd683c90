/* coverage.c: wards and LSOAs covered by the centres' reach areas, and the three formats */
#include "coverage.h"
#include "reach.h"
#include "../csv/csv.h"
#include "../util/strmap.h"
#include "../util/util.h"

static const char *const status_names[] = { "not", "partly", "wholly" };

const char *coverage_status_name(enum coverage_status s)
{
	return status_names[s];
}

static int fail(struct db *db, const char *what)
{
	return error("coverage: %s: %s", what, db_errmsg(db));
}

int coverage_latest_year(struct db *db, int dflt)
{
	int64_t y = db_query_int(db, "SELECT coalesce(max(year), 0) FROM population", NULL, 0);

	return y > 0 ? (int)y : dflt;
}

static int cmp_ward(const void *a, const void *b)
{
	const struct coverage_ward *x = a, *y = b;

	return strcmp(x->code, y->code);
}

/* millionths to whole, halves up */
static int64_t round_whole(int64_t v)
{
	return (v + SHARE_WHOLE / 2) / SHARE_WHOLE;
}

int coverage_compute(struct db *db, int year, struct coverage *c)
{
	struct strmap lsoa_index = STRMAP_INIT, ward_index = STRMAP_INIT;
	struct db_stmt *st = NULL;
	size_t alloc = 0, walloc = 0;
	enum db_result r;
	int64_t *covered = NULL;
	int ret = -1;

	memset(c, 0, sizeof(*c));
	c->year = year;
	if (!(st = db_prepare(db, "SELECT code, name, ward_code, ward_name FROM lsoas ORDER BY code")))
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		struct coverage_lsoa *l;
		const char *wc = db_col_text(st, 2), *wn = db_col_text(st, 3);
		int64_t w;

		XGROW(c->lsoas, alloc, c->nlsoas + 1);
		l = &c->lsoas[c->nlsoas];
		memset(l, 0, sizeof(*l));
		l->code = xstrdup(db_col_text(st, 0));
		l->name = xstrdup(db_col_text(st, 1) ? db_col_text(st, 1) : "");
		if (!strmap_get(&ward_index, wc, &w)) {
			w = (int64_t)c->nwards;
			XGROW(c->wards, walloc, c->nwards + 1);
			memset(&c->wards[w], 0, sizeof(c->wards[w]));
			c->wards[w].code = xstrdup(wc);
			c->wards[w].name = xstrdup("");
			c->nwards++;
			strmap_put(&ward_index, wc, w);
		}
		/* the wards view takes max(ward_name): so do we */
		if (wn && strcmp(wn, c->wards[w].name) > 0) {
			free(c->wards[w].name);
			c->wards[w].name = xstrdup(wn);
		}
		l->ward = (size_t)w;
		strmap_put(&lsoa_index, l->code, (int64_t)c->nlsoas);
		c->nlsoas++;
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading LSOAs");
		goto out;
	}

	if (!(st = db_prepare(db, "SELECT lsoa_code, sum(count) FROM population "
			      "WHERE year = ? AND age BETWEEN 0 AND 4 GROUP BY lsoa_code")))
		goto out;
	db_bind_int(st, 1, year);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t i;

		if (!strmap_get(&lsoa_index, db_col_text(st, 0), &i))
			continue;
		c->lsoas[i].has_population = 1;
		c->lsoas[i].population = db_col_int(st, 1);
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading population");
		goto out;
	}

	if (!(st = db_prepare(db, "SELECT r.lsoa_code, c.code, coalesce(s.share_ppm, 1000000) FROM reach_areas r "
			      "JOIN centres c ON c.id = r.centre_id LEFT JOIN reach_area_shares s "
			      "ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code ORDER BY r.lsoa_code, c.code")))
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		struct coverage_lsoa *l;
		int64_t i;

		if (!strmap_get(&lsoa_index, db_col_text(st, 0), &i))
			continue;
		l = &c->lsoas[i];
		l->centres = xrealloc(l->centres, (l->ncentres + 1) * sizeof(*l->centres));
		l->shares = xrealloc(l->shares, (l->ncentres + 1) * sizeof(*l->shares));
		l->centres[l->ncentres] = xstrdup(db_col_text(st, 1));
		l->shares[l->ncentres] = (int32_t)db_col_int(st, 2);
		l->share += l->shares[l->ncentres];
		if (l->shares[l->ncentres] < SHARE_WHOLE)
			c->best_fit = 1;
		l->ncentres++;
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading reach areas");
		goto out;
	}

	/* wards: sums over their LSOAs, the covered population in millionths */
	covered = xcalloc(c->nwards + 1, sizeof(*covered));
	for (size_t i = 0; i < c->nlsoas; i++) {
		struct coverage_lsoa *l = &c->lsoas[i];
		struct coverage_ward *w = &c->wards[l->ward];
		int64_t part = l->population * (l->share < SHARE_WHOLE ? l->share : SHARE_WHOLE);

		l->population_covered = round_whole(part);
		covered[l->ward] += part;
		w->lsoas++;
		if (l->ncentres)
			w->lsoas_covered++;
		if (l->has_population) {
			w->has_population = 1;
			w->population += l->population;
		}
		/* wholly while every LSOA so far is whole: PARTLY marks a gap */
		if (w->lsoas == 1)
			w->status = l->share >= SHARE_WHOLE ? COVERAGE_WHOLLY : l->ncentres ? COVERAGE_PARTLY : COVERAGE_NOT;
		else if (w->status == COVERAGE_WHOLLY && l->share < SHARE_WHOLE)
			w->status = COVERAGE_PARTLY;
		else if (w->status == COVERAGE_NOT && l->ncentres)
			w->status = COVERAGE_PARTLY;
	}
	for (size_t w = 0; w < c->nwards; w++)
		c->wards[w].population_covered = round_whole(covered[w]);
	/* wards in code order; each LSOA finds its ward again by code */
	{
		const char **code = xmalloc((c->nlsoas + 1) * sizeof(*code));
		struct strmap pos = STRMAP_INIT;

		for (size_t i = 0; i < c->nlsoas; i++)
			code[i] = c->wards[c->lsoas[i].ward].code;
		if (c->nwards)
			qsort(c->wards, c->nwards, sizeof(*c->wards), cmp_ward);
		for (size_t w = 0; w < c->nwards; w++)
			strmap_put(&pos, c->wards[w].code, (int64_t)w);
		for (size_t i = 0; i < c->nlsoas; i++) {
			int64_t w = 0;

			strmap_get(&pos, code[i], &w);
			c->lsoas[i].ward = (size_t)w;
		}
		free(code);
		strmap_release(&pos);
	}
	ret = 0;
out:
	free(covered);
	db_finalize(&st);
	strmap_release(&lsoa_index);
	strmap_release(&ward_index);
	if (ret)
		coverage_release(c);
	return ret;
}

void coverage_release(struct coverage *c)
{
	for (size_t i = 0; i < c->nlsoas; i++) {
		struct coverage_lsoa *l = &c->lsoas[i];

		free(l->code);
		free(l->name);
		for (size_t k = 0; k < l->ncentres; k++)
			free(l->centres[k]);
		free(l->centres);
		free(l->shares);
	}
	free(c->lsoas);
	for (size_t w = 0; w < c->nwards; w++) {
		free(c->wards[w].code);
		free(c->wards[w].name);
	}
	free(c->wards);
	memset(c, 0, sizeof(*c));
}

void coverage_centres_text(const struct coverage_lsoa *l, int words, struct buf *out)
{
	char num[32];

	for (size_t k = 0; k < l->ncentres; k++) {
		if (words && l->shares[k] >= SHARE_WHOLE)
			snprintf(num, sizeof(num), "whole");
		else
			format_millionths(l->shares[k], num);
		buf_addf(out, "%s%s %s", k ? ";" : "", l->centres[k], num);
	}
}

/* ---- formats ---- */

static const char *const header[] = {
	"section", "ward_code", "ward_name", "lsoas", "lsoas_covered", "population",
	"population_covered", "status", "lsoa_code", "centres",
};
#define NCOLS (sizeof(header) / sizeof(header[0]))

/* the cells of each row of the three sections, as the CSV shows them */
struct cov_row {
	char v[NCOLS][32];       /* numbers */
	const char *p[NCOLS];    /* every cell */
	struct buf centres;      /* the centres cell */
};

static void num_cell(struct cov_row *r, size_t k, int have, int64_t v)
{
	if (have)
		snprintf(r->v[k], sizeof(r->v[k]), "%lld", (long long)v);
	r->p[k] = r->v[k];
}

static void ward_row(const struct coverage_ward *w, struct cov_row *r)
{
	memset(r->v, 0, sizeof(r->v));
	r->p[0] = "ward";
	r->p[1] = w->code;
	r->p[2] = w->name;
	num_cell(r, 3, 1, (int64_t)w->lsoas);
	num_cell(r, 4, 1, (int64_t)w->lsoas_covered);
	num_cell(r, 5, w->has_population, w->population);
	num_cell(r, 6, w->has_population, w->population_covered);
	r->p[7] = coverage_status_name(w->status);
	r->p[8] = "";
	r->p[9] = "";
}

static void lsoa_row(const struct coverage *c, const struct coverage_lsoa *l, const char *section,
		     struct cov_row *r)
{
	const struct coverage_ward *w = &c->wards[l->ward];

	memset(r->v, 0, sizeof(r->v));
	r->p[0] = section;
	r->p[1] = w->code;
	r->p[2] = w->name;
	r->p[3] = r->p[4] = r->v[3];
	num_cell(r, 5, l->has_population, l->population);
	num_cell(r, 6, l->has_population, l->population_covered);
	r->p[7] = "";
	r->p[8] = l->code;
	buf_reset(&r->centres);
	coverage_centres_text(l, 0, &r->centres);
	r->p[9] = r->centres.data;
}

/*
 * Every row of the report in order: wards, then the LSOAs in no reach
 * area, then those in two or more. fn is called with each row's cells.
 */
static void each_row(const struct coverage *c, void (*fn)(const struct cov_row *, void *), void *arg)
{
	struct cov_row r;

	buf_init(&r.centres, 0);
	for (size_t w = 0; w < c->nwards; w++) {
		ward_row(&c->wards[w], &r);
		fn(&r, arg);
	}
	for (size_t i = 0; i < c->nlsoas; i++)
		if (!c->lsoas[i].ncentres) {
			lsoa_row(c, &c->lsoas[i], "uncovered", &r);
			fn(&r, arg);
		}
	for (size_t i = 0; i < c->nlsoas; i++)
		if (c->lsoas[i].ncentres >= 2) {
			lsoa_row(c, &c->lsoas[i], "overlap", &r);
			fn(&r, arg);
		}
	buf_release(&r.centres);
}

static void csv_row(const struct cov_row *r, void *arg)
{
	csv_add_row(arg, r->p, NCOLS);
}

void coverage_write_csv(const struct coverage *c, struct buf *out)
{
	csv_add_row(out, header, NCOLS);
	each_row(c, csv_row, out);
}

struct json_state {
	struct buf *out;
	const char *section;  /* of the last row written */
};

static void json_row(const struct cov_row *r, void *arg)
{
	struct json_state *js = arg;
	int first = !js->section || strcmp(js->section, r->p[0]);

	if (first) {
		buf_adds(js->out, js->section ? "\n ],\n " : "{\n ");
		report_json_string(js->out, !strcmp(r->p[0], "ward") ? "wards" : r->p[0]);
		buf_adds(js->out, ": [");
		js->section = r->p[0];
	}
	buf_adds(js->out, first ? "\n  {" : ",\n  {");
	for (size_t k = 1; k < NCOLS; k++) {
		int number = k >= 3 && k <= 6;

		if (k > 1)
			buf_adds(js->out, ", ");
		report_json_string(js->out, header[k]);
		buf_adds(js->out, ": ");
		if (!*r->p[k])
			buf_adds(js->out, "null");
		else if (number)
			buf_adds(js->out, r->p[k]);
		else
			report_json_string(js->out, r->p[k]);
	}
	buf_adds(js->out, "}");
}

void coverage_write_json(const struct coverage *c, struct buf *out)
{
	struct json_state js = { out, NULL };

	each_row(c, json_row, &js);
	buf_adds(out, js.section ? "\n ]" : "{");
	buf_addf(out, "%s\"year\": %d, \"best_fit\": %s\n}\n", js.section ? ",\n " : " ", c->year,
		 c->best_fit ? "true" : "false");
}

/* the table: column widths first, then the rows */
struct table_state {
	size_t w[NCOLS];      /* widths */
	struct buf *out;      /* NULL while measuring */
	const char *section;  /* of the last row written */
};

static void table_row(const struct cov_row *r, void *arg)
{
	static const char *const titles[] = {
		"The LSOAs in no reach area", "The LSOAs in two or more reach areas",
	};
	struct table_state *ts = arg;

	if (!ts->out) {
		for (size_t k = 1; k < NCOLS; k++)
			if (report_width(r->p[k]) > ts->w[k])
				ts->w[k] = report_width(r->p[k]);
		return;
	}
	if (!ts->section || strcmp(ts->section, r->p[0])) {
		if (ts->section)
			buf_adds(ts->out, "\n");
		if (strcmp(r->p[0], "ward"))
			buf_addf(ts->out, "%s\n", titles[!strcmp(r->p[0], "overlap")]);
		ts->section = r->p[0];
	}
	for (size_t k = 1; k < NCOLS; k++) {
		if (!ts->w[k])
			continue;
		if (k > 1)
			buf_adds(ts->out, "  ");
		report_pad(ts->out, r->p[k], ts->w[k], k >= 3 && k <= 6);
	}
	while (ts->out->len && ts->out->data[ts->out->len - 1] == ' ')
		buf_setlen(ts->out, ts->out->len - 1);
	buf_addch(ts->out, '\n');
}

void coverage_write_table(const struct coverage *c, struct buf *out)
{
	static const char *const titles[NCOLS] = {
		"", "ward", "name", "LSOAs", "covered", "under 5s", "inside", "status", "LSOA", "centres",
	};
	struct table_state ts;
	struct cov_row head;

	memset(&ts, 0, sizeof(ts));
	for (size_t k = 1; k < NCOLS; k++)
		ts.w[k] = report_width(titles[k]);
	each_row(c, table_row, &ts);
	ts.out = out;
	buf_addf(out, "Coverage of the wards by the centres' reach areas (under-5 population %d)\n\n",
		 c->year);
	memset(&head, 0, sizeof(head));
	head.p[0] = "ward";
	for (size_t k = 1; k < NCOLS; k++)
		head.p[k] = titles[k];
	ts.section = "ward";
	table_row(&head, &ts);
	each_row(c, table_row, &ts);
	if (c->best_fit)
		buf_addf(out, "\n%s\n", REACH_BEST_FIT_NOTE);
}
