/* reach.c: compute the reach report
 *
 * Two stages. reach_data_load() reads, once, everything a report needs, in
 * a few sequential scans and no SQL aggregation (the report runs on
 * millions of rows and must stay close to the cost of reading attendance):
 *   1. LSOAs, the areas of every type and which LSOAs each contains;
 *   2. population of each LSOA for each year;
 *   3. families: their LSOA (postcode -> LSOA) and household flags;
 *   4. people: carers fill in family facts (youngest mother, disabled
 *      carer), children and fathers are kept;
 *   5. attendance: the days of each person's sessions, sorted (the primary
 *      key makes each row a distinct session, and it is clustered by day,
 *      so a period is one range scan).
 * Step 5 runs on a second connection in a second thread while steps 1-4
 * run, since both are reads of a WAL database.
 *
 * reach_compute_data() then answers any period within the loaded
 * attendance in memory: each child and father is added to every area its
 * LSOA belongs to. The command line loads just its period; the web server
 * keeps one load of everything and answers each page from it.
 */
#include "reach.h"
#include "reach_data.h"
#include "../model/model.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/text.h"

#include <pthread.h>

static const char *const group_names[GROUP_COUNT] = {
	"all", "teenage_mother", "lone_parent", "workless",
	"minority_ethnic", "disabled_child", "disabled_parent", "fathers",
};

static const char *const area_names[] = { "la", "cluster", "centre", "lsoa", "unknown" };

const char *area_type_name(enum area_type t)
{
	return area_names[t];
}

int area_type_parse(const char *s, enum area_type *out)
{
	for (int i = AREA_LA; i <= AREA_LSOA; i++)
		if (!strcmp(s, area_names[i])) {
			*out = (enum area_type)i;
			return 0;
		}
	return -1;
}

const char *reach_group_name(enum reach_group g)
{
	return group_names[g];
}

void reach_opts_init(struct reach_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->by = AREA_LA;
	o->sustained = 3;
}

int64_t reach_pct_tenths(int64_t count, int64_t population)
{
	return (2000 * count + population) / (2 * population);
}

int64_t reach_pct_whole(int64_t count, int64_t population)
{
	return (200 * count + population) / (2 * population);
}

const char *ofsted_words(int64_t pct)
{
	if (pct >= 97)
		return "almost all";
	if (pct >= 80)
		return "most";
	if (pct >= 65)
		return "a large majority";
	if (pct >= 51)
		return "a majority";
	if (pct == 50)
		return "half";
	if (pct >= 35)
		return "a minority";
	if (pct >= 20)
		return "a small minority";
	if (pct >= 4)
		return "few";
	return "almost none";
}

/* ---- the loaded data ---- */

static int db_fail(struct db *db, const char *what)
{
	return error("reach report: %s: %s", what, db_errmsg(db));
}

/* add an owned string to the report and return it */
static const char *keep(struct reach_report *r, const char *s)
{
	XGROW(r->strings, r->strings_alloc, r->nstrings + 1);
	r->strings[r->nstrings] = xstrdup(s ? s : "");
	return r->strings[r->nstrings++];
}

static void add_area_rows(struct reach_report *r, enum area_type t, const char *code, const char *name)
{
	const char *c = keep(r, code), *n = keep(r, name);

	XGROW(r->rows, r->alloc, r->nrows + GROUP_COUNT);
	for (int g = 0; g < GROUP_COUNT; g++) {
		struct reach_row *row = &r->rows[r->nrows++];
		memset(row, 0, sizeof(*row));
		row->type = t;
		row->code = c;
		row->name = n;
		row->group = (enum reach_group)g;
	}
}

/* step 1 for one area type */
static int load_area_set(struct reach_data *d, enum area_type t)
{
	static const char *const area_sql[] = {
		[AREA_LA] = "SELECT la_code, max(la_name) FROM lsoas GROUP BY la_code ORDER BY la_code",
		[AREA_CLUSTER] = ("SELECT DISTINCT cluster, cluster FROM centres "
				  "WHERE cluster IS NOT NULL AND cluster <> '' ORDER BY cluster"),
		[AREA_CENTRE] = "SELECT code, name FROM centres ORDER BY code",
		[AREA_LSOA] = "SELECT code, name FROM lsoas ORDER BY code",
	};
	/* (LSOA, area code, share in millionths), distinct pairs */
	static const char *const member_sql[] = {
		[AREA_LA] = "SELECT code, la_code, 1000000 FROM lsoas",
		[AREA_CLUSTER] = ("SELECT r.lsoa_code, c.cluster, min(1000000, sum(coalesce(s.share_ppm, 1000000))) "
				  "FROM reach_areas r JOIN centres c ON c.id = r.centre_id "
				  "LEFT JOIN reach_area_shares s ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code "
				  "WHERE c.cluster IS NOT NULL AND c.cluster <> '' GROUP BY r.lsoa_code, c.cluster"),
		[AREA_CENTRE] = ("SELECT r.lsoa_code, c.code, coalesce(s.share_ppm, 1000000) FROM reach_areas r "
				 "JOIN centres c ON c.id = r.centre_id LEFT JOIN reach_area_shares s "
				 "ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code"),
		[AREA_LSOA] = "SELECT code, code, 1000000 FROM lsoas",
	};
	struct area_set *a = &d->areas[t];
	struct db_stmt *st = NULL;
	struct strmap area_index = STRMAP_INIT;
	size_t *pair_lsoa = NULL, *pair_area = NULL, npairs = 0, alloc1 = 0, alloc2 = 0, alloc3 = 0;
	int32_t *pair_share = NULL;
	size_t alloc4 = 0;
	enum db_result res;
	int ret = -1;

	if (!(st = db_prepare(d->db, area_sql[t])))
		goto out;
	while ((res = db_step(st)) == DB_ROW) {
		XGROW(a->codes, alloc3, a->n + 1);
		a->names = xrealloc(a->names, alloc3 * sizeof(*a->names));
		a->codes[a->n] = xstrdup(db_col_text(st, 0) ? db_col_text(st, 0) : "");
		a->names[a->n] = xstrdup(db_col_text(st, 1) ? db_col_text(st, 1) : "");
		strmap_put(&area_index, a->codes[a->n], (int64_t)a->n);
		a->n++;
	}
	if (res == DB_ERROR) {
		db_fail(d->db, "reading areas");
		goto out;
	}
	db_finalize(&st);

	if (!(st = db_prepare(d->db, member_sql[t])))
		goto out;
	while ((res = db_step(st)) == DB_ROW) {
		int64_t li, ai;
		if (!strmap_get(&d->lsoa_index, db_col_text(st, 0), &li) ||
		    !strmap_get(&area_index, db_col_text(st, 1), &ai))
			continue;
		XGROW(pair_lsoa, alloc1, npairs + 1);
		XGROW(pair_area, alloc2, npairs + 1);
		XGROW(pair_share, alloc4, npairs + 1);
		pair_lsoa[npairs] = (size_t)li;
		pair_share[npairs] = (int32_t)db_col_int(st, 2);
		pair_area[npairs++] = (size_t)ai;
	}
	if (res == DB_ERROR) {
		db_fail(d->db, "reading reach areas");
		goto out;
	}
	/* counting sort of the pairs by LSOA into CSR form */
	a->member_start = xcalloc(d->nlsoas + 1, sizeof(*a->member_start));
	a->member_area = xcalloc(npairs ? npairs : 1, sizeof(*a->member_area));
	a->member_share = xcalloc(npairs ? npairs : 1, sizeof(*a->member_share));
	a->best_fit = xcalloc(a->n ? a->n : 1, sizeof(*a->best_fit));
	for (size_t i = 0; i < npairs; i++)
		a->member_start[pair_lsoa[i] + 1]++;
	for (size_t l = 0; l < d->nlsoas; l++)
		a->member_start[l + 1] += a->member_start[l];
	{
		size_t *fill = xcalloc(d->nlsoas + 1, sizeof(*fill));
		for (size_t i = 0; i < npairs; i++) {
			size_t l = pair_lsoa[i], k = a->member_start[l] + fill[l]++;
			a->member_area[k] = pair_area[i];
			a->member_share[k] = pair_share[i];
			if (pair_share[i] < SHARE_WHOLE)
				a->best_fit[pair_area[i]] = 1;
		}
		free(fill);
	}
	ret = 0;
out:
	db_finalize(&st);
	strmap_release(&area_index);
	free(pair_lsoa);
	free(pair_area);
	free(pair_share);
	return ret;
}

/* step 1: LSOAs and the areas of every type */
static int load_areas(struct reach_data *d)
{
	struct db_stmt *st = db_prepare(d->db, "SELECT code FROM lsoas ORDER BY code");
	enum db_result res;

	if (!st)
		return -1;
	while ((res = db_step(st)) == DB_ROW)
		strmap_put(&d->lsoa_index, db_col_text(st, 0), (int64_t)d->nlsoas++);
	db_finalize(&st);
	if (res == DB_ERROR)
		return db_fail(d->db, "reading LSOAs");
	for (int t = AREA_LA; t <= AREA_LSOA; t++)
		if (load_area_set(d, (enum area_type)t))
			return -1;
	return 0;
}

/* step 2: population of each LSOA, every year (ordered by LSOA for the CSR) */
static int load_population(struct reach_data *d)
{
	struct db_stmt *st = db_prepare(d->db,
		"SELECT lsoa_code, year, sum(count) FROM population WHERE age BETWEEN 0 AND 4 "
		"GROUP BY lsoa_code, year");
	struct { size_t lsoa; struct pop_year p; } *rows = NULL;
	size_t n = 0, alloc = 0;
	enum db_result res;

	if (!st)
		return -1;
	while ((res = db_step(st)) == DB_ROW) {
		int64_t li;
		if (!strmap_get(&d->lsoa_index, db_col_text(st, 0), &li))
			continue;
		XGROW(rows, alloc, n + 1);
		rows[n].lsoa = (size_t)li;
		rows[n].p.year = (int)db_col_int(st, 1);
		rows[n].p.count = db_col_int(st, 2);
		n++;
	}
	db_finalize(&st);
	if (res == DB_ERROR) {
		free(rows);
		return db_fail(d->db, "reading population");
	}
	d->pop_start = xcalloc(d->nlsoas + 1, sizeof(*d->pop_start));
	d->pops = xcalloc(n ? n : 1, sizeof(*d->pops));
	for (size_t i = 0; i < n; i++)
		d->pop_start[rows[i].lsoa + 1]++;
	for (size_t l = 0; l < d->nlsoas; l++)
		d->pop_start[l + 1] += d->pop_start[l];
	{
		size_t *fill = xcalloc(d->nlsoas + 1, sizeof(*fill));
		for (size_t i = 0; i < n; i++)
			d->pops[d->pop_start[rows[i].lsoa] + fill[rows[i].lsoa]++] = rows[i].p;
		free(fill);
	}
	free(rows);
	return 0;
}

/* step 3: families, with the LSOA of their postcode */
static int load_families(struct reach_data *d)
{
	struct db_stmt *st;
	enum db_result res;

	d->max_family = db_query_int(d->db, "SELECT max(id) FROM families", NULL, 0);
	d->fam = xcalloc((size_t)d->max_family + 1, sizeof(*d->fam));
	for (int64_t f = 0; f <= d->max_family; f++) {
		d->fam[f].lsoa = -1;
		d->fam[f].mother_dob = DATE_NONE;
		d->fam[f].first_registered = DATE_NONE;
	}
	st = db_prepare(d->db,
		"SELECT f.id, pc.lsoa_code, f.lone_parent, f.workless, f.centre_id FROM families f "
		"LEFT JOIN postcodes pc ON pc.postcode = f.postcode");
	if (!st)
		return -1;
	while ((res = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), li;
		const char *lsoa = db_col_text(st, 1);
		struct family_facts *f;

		if (id < 0 || id > d->max_family)
			continue;
		f = &d->fam[id];
		if (lsoa && strmap_get(&d->lsoa_index, lsoa, &li))
			f->lsoa = (int32_t)li;
		f->lone_parent = !db_col_null(st, 2) && db_col_int(st, 2) == 1;
		f->workless = !db_col_null(st, 3) && db_col_int(st, 3) == 1;
		f->centre_id = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
	}
	db_finalize(&st);
	return res == DB_ERROR ? db_fail(d->db, "reading families") : 0;
}

/* ethnicity_minority() without the table walk for the common codes */
static int is_minority(const char *code)
{
	if (!code || !*code || !strcmp(code, "WBRI") || !strcmp(code, "REFU") || !strcmp(code, "NOBT"))
		return 0;
	if (code[0] != 'W')
		return 1;
	return ethnicity_minority(code);
}

/* step 4: people */
static int load_people(struct reach_data *d)
{
	struct db_stmt *st = db_prepare(d->db,
		"SELECT id, family_id, role, relationship, date_of_birth, ethnicity, disabled, registered_on "
		"FROM people");
	enum db_result res;

	if (!st)
		return -1;
	while ((res = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), fid = db_col_int(st, 1);
		const char *role = db_col_text(st, 2), *rel = db_col_text(st, 3);
		const char *dob_s = db_col_text(st, 4);
		int32_t dob = DATE_NONE, reg = DATE_NONE;
		int disabled = !db_col_null(st, 6) && db_col_int(st, 6) == 1;

		if (fid < 0 || fid > d->max_family)
			continue;
		if (dob_s && date_parse(dob_s, &dob))
			dob = DATE_NONE;
		if (date_parse(db_col_text(st, 7), &reg))
			reg = DATE_NONE;
		if (id >= 0 && id <= d->max_person)
			d->person_family[id] = fid;
		if (reg != DATE_NONE &&
		    (d->fam[fid].first_registered == DATE_NONE || reg < d->fam[fid].first_registered))
			d->fam[fid].first_registered = reg;
		if (role[0] == 'c' && role[1] == 'h') {
			struct child *c;
			XGROW(d->children, d->children_alloc, d->nchildren + 1);
			c = &d->children[d->nchildren++];
			c->person = id;
			c->family = fid;
			c->dob = dob;
			c->registered_on = reg;
			c->minority = (uint8_t)is_minority(db_col_text(st, 5));
			c->disabled = (uint8_t)disabled;
			continue;
		}
		if (disabled)
			d->fam[fid].disabled_carer = 1;
		if (rel && !strcmp(rel, "mother") && dob != DATE_NONE &&
		    (d->fam[fid].mother_dob == DATE_NONE || dob > d->fam[fid].mother_dob))
			d->fam[fid].mother_dob = dob;
		if (rel && !strcmp(rel, "father")) {
			struct father *f;
			XGROW(d->fathers, d->fathers_alloc, d->nfathers + 1);
			f = &d->fathers[d->nfathers++];
			f->person = id;
			f->family = fid;
			f->registered_on = reg;
		}
	}
	db_finalize(&st);
	if (res == DB_ERROR)
		return db_fail(d->db, "reading people");
	/* each family's members, for the lists of families not seen */
	d->member_start = xcalloc((size_t)d->max_family + 2, sizeof(*d->member_start));
	for (int64_t p = 0; p <= d->max_person; p++)
		if (d->person_family[p] > 0)
			d->member_start[d->person_family[p] + 1]++;
	for (int64_t f = 0; f <= d->max_family; f++)
		d->member_start[f + 1] += d->member_start[f];
	d->members = xmalloc((d->member_start[d->max_family + 1] + 1) * sizeof(*d->members));
	{
		size_t *fill = xcalloc((size_t)d->max_family + 1, sizeof(*fill));
		for (int64_t p = 0; p <= d->max_person; p++) {
			int64_t f = d->person_family[p];
			if (f > 0)
				d->members[d->member_start[f] + fill[f]++] = p;
		}
		free(fill);
	}
	return 0;
}

/*
 * Step 5: each person's session days in the loaded period. The scan comes
 * in day order (the primary key), so a stable counting sort by person
 * leaves every person's days ascending.
 */
static int load_attendance(struct reach_data *d, struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT person_id, day FROM attendance WHERE day BETWEEN ? AND ?");
	struct { int32_t person, day; } *rows = NULL;
	size_t n = 0, alloc = 0, np = (size_t)d->max_person + 1;
	enum db_result res;

	if (!st)
		return -1;
	db_bind_int(st, 1, d->from);
	db_bind_int(st, 2, d->to);
	while ((res = db_step(st)) == DB_ROW) {
		int64_t p = db_col_int(st, 0);
		if (p < 0 || p > d->max_person)
			continue;
		XGROW(rows, alloc, n + 1);
		rows[n].person = (int32_t)p;
		rows[n].day = (int32_t)db_col_int(st, 1);
		n++;
	}
	db_finalize(&st);
	if (res == DB_ERROR) {
		free(rows);
		return db_fail(db, "reading attendance");
	}
	d->att_start = xcalloc(np + 1, sizeof(*d->att_start));
	d->att_days = xmalloc((n ? n : 1) * sizeof(*d->att_days));
	for (size_t i = 0; i < n; i++)
		d->att_start[rows[i].person + 1]++;
	for (size_t p = 0; p < np; p++)
		d->att_start[p + 1] += d->att_start[p];
	{
		size_t *fill = xcalloc(np, sizeof(*fill));
		for (size_t i = 0; i < n; i++) {
			size_t p = (size_t)rows[i].person;
			d->att_days[d->att_start[p] + fill[p]++] = rows[i].day;
		}
		free(fill);
	}
	free(rows);
	return 0;
}

/* step 5 in a thread, on a connection of its own */
static void *load_attendance_thread(void *arg)
{
	struct reach_data *d = arg;
	struct db *db = NULL;

	d->attendance_failed = 1;
	if (db_open(&db, d->db_path, 0))
		return NULL;
	d->attendance_failed = load_attendance(d, db) != 0;
	db_close(&db);
	return NULL;
}

int reach_data_load(struct db *db, int32_t from, int32_t to, struct reach_data **out)
{
	struct reach_data *d = xcalloc(1, sizeof(*d));
	pthread_t thread;
	int started = 0, ret = -1;

	*out = NULL;
	d->from = from;
	d->to = to;
	d->db = db;
	d->db_path = xstrdup(db_path(db));
	d->max_person = db_query_int(db, "SELECT max(id) FROM people", NULL, 0);
	d->person_family = xcalloc((size_t)d->max_person + 1, sizeof(*d->person_family));
	/* an in-memory database cannot be shared with a second connection */
	if (strcmp(d->db_path, ":memory:") && strcmp(d->db_path, "")) {
		if (pthread_create(&thread, NULL, load_attendance_thread, d))
			BUG("cannot start a thread");
		started = 1;
	}
	if (load_areas(d) || load_population(d) || load_families(d) || load_people(d))
		goto out;
	if (started) {
		pthread_join(thread, NULL);
		started = 0;
	} else {
		d->attendance_failed = load_attendance(d, db) != 0;
	}
	if (d->attendance_failed)
		goto out;
	ret = 0;
out:
	if (started)
		pthread_join(thread, NULL);
	d->db = NULL;
	if (ret)
		reach_data_free(&d);
	*out = d;
	return ret;
}

void reach_data_free(struct reach_data **dp)
{
	struct reach_data *d = *dp;

	if (!d)
		return;
	strmap_release(&d->lsoa_index);
	for (int t = AREA_LA; t <= AREA_LSOA; t++) {
		struct area_set *a = &d->areas[t];
		for (size_t i = 0; i < a->n; i++) {
			free(a->codes[i]);
			free(a->names[i]);
		}
		free(a->codes);
		free(a->names);
		free(a->member_start);
		free(a->member_area);
		free(a->member_share);
		free(a->best_fit);
	}
	free(d->pops);
	free(d->pop_start);
	free(d->fam);
	free(d->children);
	free(d->fathers);
	free(d->person_family);
	free(d->member_start);
	free(d->members);
	free(d->att_start);
	free(d->att_days);
	free(d->db_path);
	free(d);
	*dp = NULL;
}

/* ---- one report from the loaded data ---- */

/*
 * The counts of a report while it is added up, in millionths of a child
 * (a best-fit area counts share x each child), so the only rounding is
 * once, at the end: a report of whole LSOAs is exact.
 */
struct tally {
	int64_t population, registered, engaged, sustained;
};

static void add_to(struct tally *t, size_t nrows, const struct area_set *a, int32_t lsoa, enum reach_group g,
		   int registered, int engaged, int sustained)
{
	if (lsoa < 0) {
		struct tally *u = &t[nrows - GROUP_COUNT + g];
		u->registered += registered * SHARE_WHOLE;
		u->engaged += engaged * SHARE_WHOLE;
		u->sustained += sustained * SHARE_WHOLE;
		return;
	}
	for (size_t i = a->member_start[lsoa]; i < a->member_start[lsoa + 1]; i++) {
		struct tally *u = &t[a->member_area[i] * GROUP_COUNT + g];
		int64_t w = a->member_share[i];
		u->registered += registered * w;
		u->engaged += engaged * w;
		u->sustained += sustained * w;
	}
}

/* millionths to a whole number, halves up (counts are never negative) */
static int64_t round_share(int64_t v)
{
	return (v + SHARE_WHOLE / 2) / SHARE_WHOLE;
}

static int under5(int32_t dob, int32_t to)
{
	return dob != DATE_NONE && dob <= to && date_age(dob, to) < 5;
}

unsigned reach_data_sessions(const struct reach_data *d, int64_t person, int32_t from, int32_t to)
{
	size_t lo, hi, a, b;

	if (person < 0 || person > d->max_person)
		return 0;
	lo = d->att_start[person];
	hi = d->att_start[person + 1];
	/* first day >= from */
	for (a = lo, b = hi; a < b;) {
		size_t m = a + (b - a) / 2;
		if (d->att_days[m] < from)
			a = m + 1;
		else
			b = m;
	}
	lo = a;
	/* first day > to */
	for (b = hi; a < b;) {
		size_t m = a + (b - a) / 2;
		if (d->att_days[m] <= to)
			a = m + 1;
		else
			b = m;
	}
	return (unsigned)(a - lo);
}

int32_t reach_data_last_seen(const struct reach_data *d, int64_t person, int32_t on)
{
	size_t lo, a, b;

	if (person < 0 || person > d->max_person)
		return DATE_NONE;
	lo = d->att_start[person];
	/* first day > on; the one before it is the last seen */
	for (a = lo, b = d->att_start[person + 1]; a < b;) {
		size_t m = a + (b - a) / 2;
		if (d->att_days[m] <= on)
			a = m + 1;
		else
			b = m;
	}
	return a > lo ? d->att_days[a - 1] : DATE_NONE;
}

int reach_compute_data(const struct reach_data *d, const struct reach_opts *o, struct reach_report *r)
{
	const struct area_set *a = &d->areas[o->by];
	uint8_t *has_under5;
	struct tally *t;
	int year = date_year(o->to);

	if (o->sustained < 1 || o->from > o->to || o->by < AREA_LA || o->by > AREA_LSOA)
		BUG("reach_compute_data called with a bad period, threshold or area type");
	if (o->from < d->from || o->to > d->to)
		BUG("reach_compute_data: the period is outside the loaded attendance");
	memset(r, 0, sizeof(*r));
	r->opts = *o;
	for (size_t i = 0; i < a->n; i++)
		add_area_rows(r, o->by, a->codes[i], a->names[i]);
	add_area_rows(r, AREA_UNKNOWN, "", "unknown");
	has_under5 = xcalloc((size_t)d->max_family + 1, 1);
	t = xcalloc(r->nrows, sizeof(*t));

	for (size_t i = 0; i < d->nchildren; i++) {
		const struct child *c = &d->children[i];
		const struct family_facts *f = &d->fam[c->family];
		unsigned n;
		int reg, eng, sus;

		if (!under5(c->dob, o->to))
			continue;
		has_under5[c->family] = 1;
		reg = c->registered_on != DATE_NONE && c->registered_on <= o->to;
		n = reg ? reach_data_sessions(d, c->person, o->from, o->to) : 0;
		eng = reg && n >= 1;
		sus = reg && n >= (unsigned)o->sustained;
		add_to(t, r->nrows, a, f->lsoa, GROUP_ALL, reg, eng, sus);
		if (f->mother_dob != DATE_NONE && date_age(f->mother_dob, c->dob) < 20)
			add_to(t, r->nrows, a, f->lsoa, GROUP_TEENAGE_MOTHER, reg, eng, sus);
		if (f->lone_parent)
			add_to(t, r->nrows, a, f->lsoa, GROUP_LONE_PARENT, reg, eng, sus);
		if (f->workless)
			add_to(t, r->nrows, a, f->lsoa, GROUP_WORKLESS, reg, eng, sus);
		if (c->minority)
			add_to(t, r->nrows, a, f->lsoa, GROUP_MINORITY_ETHNIC, reg, eng, sus);
		if (c->disabled)
			add_to(t, r->nrows, a, f->lsoa, GROUP_DISABLED_CHILD, reg, eng, sus);
		if (f->disabled_carer)
			add_to(t, r->nrows, a, f->lsoa, GROUP_DISABLED_PARENT, reg, eng, sus);
	}
	for (size_t i = 0; i < d->nfathers; i++) {
		const struct father *fa = &d->fathers[i];
		const struct family_facts *f = &d->fam[fa->family];
		unsigned n;
		int reg;

		if (!has_under5[fa->family])
			continue;
		reg = fa->registered_on != DATE_NONE && fa->registered_on <= o->to;
		n = reg ? reach_data_sessions(d, fa->person, o->from, o->to) : 0;
		add_to(t, r->nrows, a, f->lsoa, GROUP_FATHERS, reg, reg && n >= 1, reg && n >= (unsigned)o->sustained);
	}
	free(has_under5);
	/* population of the year of TO on the all rows of known areas */
	for (size_t l = 0; l < d->nlsoas; l++) {
		int64_t pop = -1;
		for (size_t k = d->pop_start[l]; k < d->pop_start[l + 1]; k++)
			if (d->pops[k].year == year)
				pop = d->pops[k].count;
		if (pop < 0)
			continue;
		for (size_t i = a->member_start[l]; i < a->member_start[l + 1]; i++)
			t[a->member_area[i] * GROUP_COUNT].population += pop * a->member_share[i];
	}
	for (size_t i = 0; i < r->nrows; i++) {
		struct reach_row *row = &r->rows[i];
		row->population = round_share(t[i].population);
		row->registered = round_share(t[i].registered);
		row->engaged = round_share(t[i].engaged);
		row->sustained = round_share(t[i].sustained);
	}
	free(t);
	for (size_t i = 0; i < a->n; i++) {
		struct reach_row *row = &r->rows[i * GROUP_COUNT];
		row->has_population = row->population > 0;
		if (a->best_fit[i]) {
			for (int g = 0; g < GROUP_COUNT; g++)
				row[g].best_fit = 1;
			r->best_fit = 1;
		}
	}
	return 0;
}

int reach_compute(struct db *db, const struct reach_opts *o, struct reach_report *r)
{
	struct reach_data *d = NULL;
	int ret;

	memset(r, 0, sizeof(*r));
	if (o->sustained < 1 || o->from > o->to)
		BUG("reach_compute called with a bad period or threshold");
	if (reach_data_load(db, o->from, o->to, &d))
		return -1;
	ret = reach_compute_data(d, o, r);
	reach_data_free(&d);
	return ret;
}

void reach_report_release(struct reach_report *r)
{
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

void reach_report_copy(struct reach_report *dst, const struct reach_report *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->opts = src->opts;
	dst->best_fit = src->best_fit;
	dst->rows = xmalloc((src->nrows ? src->nrows : 1) * sizeof(*dst->rows));
	dst->nrows = dst->alloc = src->nrows;
	memcpy(dst->rows, src->rows, src->nrows * sizeof(*dst->rows));
	dst->strings = xmalloc((src->nstrings ? src->nstrings : 1) * sizeof(*dst->strings));
	dst->nstrings = dst->strings_alloc = src->nstrings;
	for (size_t i = 0; i < src->nstrings; i++)
		dst->strings[i] = xstrdup(src->strings[i]);
	/* add_area_rows() keeps an area's code and name, then its GROUP_COUNT rows */
	for (size_t i = 0; i < dst->nrows; i++) {
		size_t k = 2 * (i / GROUP_COUNT);
		if (k + 1 >= src->nstrings || src->rows[i].code != src->strings[k] ||
		    src->rows[i].name != src->strings[k + 1])
			BUG("reach report rows and strings out of step");
		dst->rows[i].code = dst->strings[k];
		dst->rows[i].name = dst->strings[k + 1];
	}
}
