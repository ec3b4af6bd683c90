/* reach.c: compute the reach report
 *
 * The work is a few sequential scans, each done once, and arithmetic in
 * memory; no SQL aggregation, because the report is run on millions of
 * rows and must stay close to the cost of reading the attendance table:
 *   1. LSOAs, the areas of the chosen type and which LSOAs each contains;
 *   2. population of each LSOA for the year of TO;
 *   3. families: their LSOA (postcode -> LSOA) and household flags;
 *   4. people: carers fill in family facts (youngest mother, disabled
 *      carer), children and fathers are kept;
 *   5. attendance in the period: distinct sessions per person (the primary
 *      key makes each row a distinct session, and it is clustered by day,
 *      so this reads only the period);
 *   6. each child and father is added to every area its LSOA belongs to.
 * Step 5 runs on a second connection in a second thread while steps 1-4
 * run, since both are reads of a WAL database.
 */
#include "reach.h"
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

/* ---- working state ---- */

struct family_facts {
	int32_t lsoa;          /* LSOA index, -1 unknown */
	int32_t mother_dob;    /* latest date of birth of a mother, DATE_NONE */
	uint8_t lone_parent;   /* flag = y */
	uint8_t workless;      /* flag = y */
	uint8_t disabled_carer;/* a carer has disabled = y */
	uint8_t has_under5;    /* a child under 5 on TO */
};

struct child {
	int64_t person;        /* people.id */
	int64_t family;        /* families.id */
	int32_t dob;           /* date of birth */
	int32_t registered_on; /* registration date */
	uint8_t minority;      /* minority ethnic */
	uint8_t disabled;      /* disabled = y */
};

struct father {
	int64_t person;        /* people.id */
	int64_t family;        /* families.id */
	int32_t registered_on; /* registration date */
};

struct work {
	struct db *db;                 /* the store */
	const struct reach_opts *o;    /* the question */
	struct strmap lsoa_index;      /* LSOA code -> index */
	size_t nlsoas;                 /* LSOAs */
	int64_t *lsoa_pop;             /* population per LSOA (-1: none) */
	/* areas of the chosen type and, per LSOA, the areas containing it (CSR) */
	size_t nareas;                 /* areas */
	size_t *member_start;          /* per LSOA, start in member_area; nlsoas+1 */
	size_t *member_area;           /* area indexes */
	struct family_facts *fam;      /* by families.id */
	int64_t max_family;            /* largest families.id */
	struct child *children;        /* children, any age */
	size_t nchildren, children_alloc;
	struct father *fathers;        /* carers with relationship father */
	size_t nfathers, fathers_alloc;
	uint16_t *sessions;            /* distinct sessions in the period, by people.id */
	int64_t max_person;            /* largest people.id */
	int attendance_failed;         /* the attendance thread failed */
	char *db_path;                 /* for the attendance thread's connection */
};

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

/* step 1: LSOAs, areas and membership */
static int load_areas(struct work *w, struct reach_report *r)
{
	static const char *const area_sql[] = {
		[AREA_LA] = "SELECT la_code, max(la_name) FROM lsoas GROUP BY la_code ORDER BY la_code",
		[AREA_CLUSTER] = ("SELECT DISTINCT cluster, cluster FROM centres "
				  "WHERE cluster IS NOT NULL AND cluster <> '' ORDER BY cluster"),
		[AREA_CENTRE] = "SELECT code, name FROM centres ORDER BY code",
		[AREA_LSOA] = "SELECT code, name FROM lsoas ORDER BY code",
	};
	/* (LSOA, area code) pairs, distinct */
	static const char *const member_sql[] = {
		[AREA_LA] = "SELECT code, la_code FROM lsoas",
		[AREA_CLUSTER] = ("SELECT DISTINCT r.lsoa_code, c.cluster FROM reach_areas r "
				  "JOIN centres c ON c.id = r.centre_id WHERE c.cluster IS NOT NULL AND c.cluster <> ''"),
		[AREA_CENTRE] = "SELECT r.lsoa_code, c.code FROM reach_areas r JOIN centres c ON c.id = r.centre_id",
		[AREA_LSOA] = "SELECT code, code FROM lsoas",
	};
	struct db_stmt *st = NULL;
	struct strmap area_index = STRMAP_INIT;
	size_t *pair_lsoa = NULL, *pair_area = NULL, npairs = 0, pairs_alloc = 0, alloc2 = 0;
	enum db_result res;
	int ret = -1;

	if (!(st = db_prepare(w->db, "SELECT code FROM lsoas ORDER BY code")))
		goto out;
	while ((res = db_step(st)) == DB_ROW)
		strmap_put(&w->lsoa_index, db_col_text(st, 0), (int64_t)w->nlsoas++);
	if (res == DB_ERROR) {
		db_fail(w->db, "reading LSOAs");
		goto out;
	}
	db_finalize(&st);

	if (!(st = db_prepare(w->db, area_sql[w->o->by])))
		goto out;
	while ((res = db_step(st)) == DB_ROW) {
		strmap_put(&area_index, db_col_text(st, 0), (int64_t)w->nareas++);
		add_area_rows(r, w->o->by, db_col_text(st, 0), db_col_text(st, 1));
	}
	if (res == DB_ERROR) {
		db_fail(w->db, "reading areas");
		goto out;
	}
	db_finalize(&st);

	if (!(st = db_prepare(w->db, member_sql[w->o->by])))
		goto out;
	while ((res = db_step(st)) == DB_ROW) {
		int64_t li, ai;
		if (!strmap_get(&w->lsoa_index, db_col_text(st, 0), &li) ||
		    !strmap_get(&area_index, db_col_text(st, 1), &ai))
			continue;
		XGROW(pair_lsoa, pairs_alloc, npairs + 1);
		XGROW(pair_area, alloc2, npairs + 1);
		pair_lsoa[npairs] = (size_t)li;
		pair_area[npairs++] = (size_t)ai;
	}
	if (res == DB_ERROR) {
		db_fail(w->db, "reading reach areas");
		goto out;
	}
	/* counting sort of the pairs by LSOA into CSR form */
	w->member_start = xcalloc(w->nlsoas + 1, sizeof(*w->member_start));
	w->member_area = xcalloc(npairs ? npairs : 1, sizeof(*w->member_area));
	for (size_t i = 0; i < npairs; i++)
		w->member_start[pair_lsoa[i] + 1]++;
	for (size_t l = 0; l < w->nlsoas; l++)
		w->member_start[l + 1] += w->member_start[l];
	{
		size_t *fill = xcalloc(w->nlsoas + 1, sizeof(*fill));
		for (size_t i = 0; i < npairs; i++) {
			size_t l = pair_lsoa[i];
			w->member_area[w->member_start[l] + fill[l]++] = pair_area[i];
		}
		free(fill);
	}
	ret = 0;
out:
	db_finalize(&st);
	strmap_release(&area_index);
	free(pair_lsoa);
	free(pair_area);
	return ret;
}

/* step 2: population of each LSOA for the year of TO */
static int load_population(struct work *w)
{
	struct db_stmt *st = db_prepare(w->db,
		"SELECT lsoa_code, sum(count) FROM population WHERE year = ? AND age BETWEEN 0 AND 4 "
		"GROUP BY lsoa_code");
	enum db_result res;

	if (!st)
		return -1;
	w->lsoa_pop = xmalloc((w->nlsoas ? w->nlsoas : 1) * sizeof(*w->lsoa_pop));
	for (size_t l = 0; l < w->nlsoas; l++)
		w->lsoa_pop[l] = -1;
	db_bind_int(st, 1, date_year(w->o->to));
	while ((res = db_step(st)) == DB_ROW) {
		int64_t li;
		if (strmap_get(&w->lsoa_index, db_col_text(st, 0), &li))
			w->lsoa_pop[li] = db_col_int(st, 1);
	}
	db_finalize(&st);
	return res == DB_ERROR ? db_fail(w->db, "reading population") : 0;
}

/* step 3: families, with the LSOA of their postcode */
static int load_families(struct work *w)
{
	struct db_stmt *st;
	enum db_result res;

	w->max_family = db_query_int(w->db, "SELECT max(id) FROM families", NULL, 0);
	w->fam = xcalloc((size_t)w->max_family + 1, sizeof(*w->fam));
	for (int64_t f = 0; f <= w->max_family; f++) {
		w->fam[f].lsoa = -1;
		w->fam[f].mother_dob = DATE_NONE;
	}
	st = db_prepare(w->db,
		"SELECT f.id, pc.lsoa_code, f.lone_parent, f.workless FROM families f "
		"LEFT JOIN postcodes pc ON pc.postcode = f.postcode");
	if (!st)
		return -1;
	while ((res = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0), li;
		const char *lsoa = db_col_text(st, 1);
		struct family_facts *f;

		if (id < 0 || id > w->max_family)
			continue;
		f = &w->fam[id];
		if (lsoa && strmap_get(&w->lsoa_index, lsoa, &li))
			f->lsoa = (int32_t)li;
		f->lone_parent = !db_col_null(st, 2) && db_col_int(st, 2) == 1;
		f->workless = !db_col_null(st, 3) && db_col_int(st, 3) == 1;
	}
	db_finalize(&st);
	return res == DB_ERROR ? db_fail(w->db, "reading families") : 0;
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
static int load_people(struct work *w)
{
	struct db_stmt *st = db_prepare(w->db,
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

		if (fid < 0 || fid > w->max_family)
			continue;
		if (dob_s && date_parse(dob_s, &dob))
			dob = DATE_NONE;
		if (date_parse(db_col_text(st, 7), &reg))
			reg = DATE_NONE;
		if (role[0] == 'c' && role[1] == 'h') {
			struct child *c;
			XGROW(w->children, w->children_alloc, w->nchildren + 1);
			c = &w->children[w->nchildren++];
			c->person = id;
			c->family = fid;
			c->dob = dob;
			c->registered_on = reg;
			c->minority = (uint8_t)is_minority(db_col_text(st, 5));
			c->disabled = (uint8_t)disabled;
			continue;
		}
		if (disabled)
			w->fam[fid].disabled_carer = 1;
		if (rel && !strcmp(rel, "mother") && dob != DATE_NONE &&
		    (w->fam[fid].mother_dob == DATE_NONE || dob > w->fam[fid].mother_dob))
			w->fam[fid].mother_dob = dob;
		if (rel && !strcmp(rel, "father")) {
			struct father *f;
			XGROW(w->fathers, w->fathers_alloc, w->nfathers + 1);
			f = &w->fathers[w->nfathers++];
			f->person = id;
			f->family = fid;
			f->registered_on = reg;
		}
	}
	db_finalize(&st);
	return res == DB_ERROR ? db_fail(w->db, "reading people") : 0;
}

/* step 5: distinct sessions per person in the period */
static int count_sessions(struct work *w, struct db *db)
{
	struct db_stmt *st = db_prepare(db, "SELECT person_id FROM attendance WHERE day BETWEEN ? AND ?");
	enum db_result res;

	if (!st)
		return -1;
	db_bind_int(st, 1, w->o->from);
	db_bind_int(st, 2, w->o->to);
	while ((res = db_step(st)) == DB_ROW) {
		int64_t p = db_col_int(st, 0);
		if (p >= 0 && p <= w->max_person && w->sessions[p] < UINT16_MAX)
			w->sessions[p]++;
	}
	if (res == DB_ERROR)
		db_fail(db, "reading attendance");
	db_finalize(&st);
	return res == DB_ERROR ? -1 : 0;
}

/* step 5 in a thread, on a connection of its own */
static void *count_sessions_thread(void *arg)
{
	struct work *w = arg;
	struct db *db = NULL;

	w->attendance_failed = 1;
	if (db_open(&db, w->db_path, 0))
		return NULL;
	w->attendance_failed = count_sessions(w, db) != 0;
	db_close(&db);
	return NULL;
}

/* step 6: add each child and father to its areas */
static void add_to(struct reach_report *r, struct work *w, int32_t lsoa, enum reach_group g,
		   int registered, int engaged, int sustained)
{
	size_t unknown = r->nrows - GROUP_COUNT;

	if (lsoa < 0) {
		struct reach_row *row = &r->rows[unknown + g];
		row->registered += registered;
		row->engaged += engaged;
		row->sustained += sustained;
		return;
	}
	for (size_t i = w->member_start[lsoa]; i < w->member_start[lsoa + 1]; i++) {
		struct reach_row *row = &r->rows[w->member_area[i] * GROUP_COUNT + g];
		row->registered += registered;
		row->engaged += engaged;
		row->sustained += sustained;
	}
}

static int under5(int32_t dob, int32_t to)
{
	return dob != DATE_NONE && dob <= to && date_age(dob, to) < 5;
}

static void tally(struct work *w, struct reach_report *r)
{
	const struct reach_opts *o = w->o;

	for (size_t i = 0; i < w->nchildren; i++) {
		const struct child *c = &w->children[i];
		struct family_facts *f = &w->fam[c->family];
		unsigned n;
		int reg, eng, sus;

		if (!under5(c->dob, o->to))
			continue;
		f->has_under5 = 1;
		reg = c->registered_on != DATE_NONE && c->registered_on <= o->to;
		n = c->person <= w->max_person ? w->sessions[c->person] : 0;
		eng = reg && n >= 1;
		sus = reg && n >= (unsigned)o->sustained;
		add_to(r, w, f->lsoa, GROUP_ALL, reg, eng, sus);
		if (f->mother_dob != DATE_NONE && date_age(f->mother_dob, c->dob) < 20)
			add_to(r, w, f->lsoa, GROUP_TEENAGE_MOTHER, reg, eng, sus);
		if (f->lone_parent)
			add_to(r, w, f->lsoa, GROUP_LONE_PARENT, reg, eng, sus);
		if (f->workless)
			add_to(r, w, f->lsoa, GROUP_WORKLESS, reg, eng, sus);
		if (c->minority)
			add_to(r, w, f->lsoa, GROUP_MINORITY_ETHNIC, reg, eng, sus);
		if (c->disabled)
			add_to(r, w, f->lsoa, GROUP_DISABLED_CHILD, reg, eng, sus);
		if (f->disabled_carer)
			add_to(r, w, f->lsoa, GROUP_DISABLED_PARENT, reg, eng, sus);
	}
	for (size_t i = 0; i < w->nfathers; i++) {
		const struct father *d = &w->fathers[i];
		const struct family_facts *f = &w->fam[d->family];
		unsigned n;
		int reg;

		if (!f->has_under5)
			continue;
		reg = d->registered_on != DATE_NONE && d->registered_on <= o->to;
		n = d->person <= w->max_person ? w->sessions[d->person] : 0;
		add_to(r, w, f->lsoa, GROUP_FATHERS, reg, reg && n >= 1, reg && n >= (unsigned)o->sustained);
	}
	/* population on the all rows of known areas */
	for (size_t l = 0; l < w->nlsoas; l++) {
		if (w->lsoa_pop[l] < 0)
			continue;
		for (size_t i = w->member_start[l]; i < w->member_start[l + 1]; i++) {
			struct reach_row *row = &r->rows[w->member_area[i] * GROUP_COUNT];
			row->population += w->lsoa_pop[l];
		}
	}
	for (size_t a = 0; a < w->nareas; a++) {
		struct reach_row *row = &r->rows[a * GROUP_COUNT];
		row->has_population = row->population > 0;
	}
}

int reach_compute(struct db *db, const struct reach_opts *o, struct reach_report *r)
{
	struct work w;
	pthread_t thread;
	int started = 0, ret = -1;

	memset(r, 0, sizeof(*r));
	memset(&w, 0, sizeof(w));
	r->opts = *o;
	w.db = db;
	w.o = o;
	w.db_path = xstrdup(db_path(db));
	if (o->sustained < 1 || o->from > o->to)
		BUG("reach_compute called with a bad period or threshold");

	w.max_person = db_query_int(db, "SELECT max(id) FROM people", NULL, 0);
	w.sessions = xcalloc((size_t)w.max_person + 1, sizeof(*w.sessions));
	/* an in-memory database cannot be shared with a second connection */
	if (strcmp(w.db_path, ":memory:") && strcmp(w.db_path, "")) {
		if (pthread_create(&thread, NULL, count_sessions_thread, &w))
			BUG("cannot start a thread");
		started = 1;
	}
	if (load_areas(&w, r) || load_population(&w) || load_families(&w) || load_people(&w))
		goto out;
	if (started) {
		pthread_join(thread, NULL);
		started = 0;
	} else {
		w.attendance_failed = count_sessions(&w, db) != 0;
	}
	if (w.attendance_failed)
		goto out;
	add_area_rows(r, AREA_UNKNOWN, "", "unknown");
	tally(&w, r);
	ret = 0;
out:
	if (started)
		pthread_join(thread, NULL);
	strmap_release(&w.lsoa_index);
	free(w.lsoa_pop);
	free(w.member_start);
	free(w.member_area);
	free(w.fam);
	free(w.children);
	free(w.fathers);
	free(w.sessions);
	free(w.db_path);
	if (ret)
		reach_report_release(r);
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
