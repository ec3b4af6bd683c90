/* pack_sections.c: live births, engagement by activity, possible duplicates, and what a pack
 * cannot be trusted for */
#include "pack.h"
#include "../match/match.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/util.h"

#include <stdio.h>

/* the people of the families registered at one centre (-1: at none) */
struct centre_people {
	int64_t centre_id;
	int64_t people;  /* any role */
	int64_t dup;     /* in a likely-duplicate pair not yet reviewed */
};

/* people and likely duplicates by registering centre: the same for every period */
struct pack_dups {
	struct centre_people *cp;     /* per centre with people */
	size_t ncp, alloc;
	int checked;                  /* a duplicate check has been saved */
	int32_t day;                  /* the day it ran */
	int stale;                    /* the data have changed since */
};

struct pack_extra {
	size_t nlsoas;
	int any_births;               /* any birth record at all */
	int first_year;               /* the first of PACK_BIRTH_YEARS */
	int64_t *births;              /* nlsoas x PACK_BIRTH_YEARS */
	size_t nact;                  /* activities */
	int64_t *act_id;              /* activities.id */
	char **act_name;              /* activities.name */
	int64_t *act_children;        /* nact x nlsoas */
	int64_t *act_att;             /* nact x nlsoas */
	struct pack_dups dups;        /* a copy of the store's */
};

static int fail(struct db *db, const char *what)
{
	return error("pack: %s: %s", what, db_errmsg(db));
}

/* births by LSOA and calendar year: the PACK_BIRTH_YEARS years to TO */
static int load_births(struct db *db, struct pack_extra *x, const struct strmap *idx, int32_t to)
{
	struct db_stmt *st;
	enum db_result r;
	char from_s[11], to_s[11];

	x->first_year = date_year(to) - PACK_BIRTH_YEARS + 1;
	x->births = xcalloc(x->nlsoas * PACK_BIRTH_YEARS + 1, sizeof(*x->births));
	x->any_births = db_query_int(db, "SELECT EXISTS (SELECT 1 FROM births)", NULL, 0) > 0;
	date_format(date_from_ymd(x->first_year, 1, 1), from_s);
	date_format(to, to_s);
	st = db_prepare(db, "SELECT pc.lsoa_code, CAST(substr(b.date_of_birth, 1, 4) AS INTEGER), count(*) "
			    "FROM births b JOIN postcodes pc ON pc.postcode = b.postcode "
			    "WHERE b.date_of_birth >= ? AND b.date_of_birth <= ? GROUP BY 1, 2");
	if (!st)
		return fail(db, "reading births");
	db_bind_text(st, 1, from_s);
	db_bind_text(st, 2, to_s);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t li, y = db_col_int(st, 1) - x->first_year;

		if (!strmap_get(idx, db_col_text(st, 0), &li) || y < 0 || y >= PACK_BIRTH_YEARS)
			continue;
		x->births[(size_t)li * PACK_BIRTH_YEARS + (size_t)y] += db_col_int(st, 2);
	}
	db_finalize(&st);
	return r == DB_ERROR ? fail(db, "reading births") : 0;
}

static size_t activity_slot(const struct pack_extra *x, int64_t id)
{
	for (size_t i = 0; i < x->nact; i++)
		if (x->act_id[i] == id)
			return i;
	return SIZE_MAX;
}

/*
 * Engagement by activity, as reach counts engagement: registered children
 * under 5 on TO, by their family's LSOA, who attended a session of the
 * activity in the period. One query over the period's attendance, grouped
 * by person and activity.
 */
/*
 * Children and attendances by activity and LSOA: the registered under-5s
 * (on TO) living in an LSOA, read once, then the period's attendance rows
 * in the order they are kept (by day), each child counted once an
 * activity through a bit per person and activity. Grouping the rows in
 * SQL instead sorts every attendance of the period (minutes on a large
 * authority).
 */
static int activity_counts(struct db *db, struct pack_extra *x, const struct strmap *idx,
			   const struct reach_opts *o)
{
	struct db_stmt *st;
	enum db_result r;
	int32_t *lsoa = NULL;      /* per people.id: LSOA index of a child counted, -1 */
	unsigned char *seen = NULL; /* per activity, per people.id: counted already */
	int64_t maxp = db_query_int(db, "SELECT coalesce(max(id), 0) FROM people", NULL, 0);
	size_t np = (size_t)maxp + 1, bytes = np / 8 + 1;
	int ret = -1;

	lsoa = xmalloc(np * sizeof(*lsoa));
	for (size_t i = 0; i < np; i++)
		lsoa[i] = -1;
	st = db_prepare(db, "SELECT p.id, p.date_of_birth, p.registered_on, pc.lsoa_code "
			    "FROM people p JOIN families f ON f.id = p.family_id "
			    "JOIN postcodes pc ON pc.postcode = f.postcode WHERE p.role = 'child'");
	if (!st) {
		fail(db, "reading children");
		goto out;
	}
	while ((r = db_step(st)) == DB_ROW) {
		const char *dob = db_col_text(st, 1), *reg = db_col_text(st, 2);
		int64_t id = db_col_int(st, 0), li;
		int32_t d, rd;

		if (id < 0 || id > maxp || !strmap_get(idx, db_col_text(st, 3), &li))
			continue;
		if (!dob || date_parse(dob, &d) || d > o->to || date_age(d, o->to) >= 5)
			continue;
		if (!reg || date_parse(reg, &rd) || rd > o->to)
			continue;
		lsoa[id] = (int32_t)li;
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading children");
		goto out;
	}
	seen = xcalloc(x->nact * bytes + 1, 1);
	st = db_prepare(db, "SELECT a.person_id, s.activity_id FROM attendance a "
			    "JOIN sessions s ON s.id = a.session_id WHERE a.day >= ? AND a.day <= ?");
	if (!st) {
		fail(db, "reading attendance by activity");
		goto out;
	}
	db_bind_int(st, 1, o->from);
	db_bind_int(st, 2, o->to);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		size_t a = activity_slot(x, db_col_int(st, 1)), cell;
		unsigned char *bit;

		if (a == SIZE_MAX || id < 0 || id > maxp || lsoa[id] < 0)
			continue;
		cell = a * x->nlsoas + (size_t)lsoa[id];
		x->act_att[cell]++;
		bit = &seen[a * bytes + (size_t)id / 8];
		if (!(*bit & (1u << (id % 8)))) {
			*bit |= (unsigned char)(1u << (id % 8));
			x->act_children[cell]++;
		}
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading attendance by activity");
		goto out;
	}
	ret = 0;
out:
	free(lsoa);
	free(seen);
	return ret;
}

static int load_activities(struct db *db, struct pack_extra *x, const struct strmap *idx,
			   const struct reach_opts *o)
{
	struct db_stmt *st;
	enum db_result r;
	size_t alloc = 0;

	if (!(st = db_prepare(db, "SELECT id, name FROM activities ORDER BY name, id")))
		return fail(db, "reading activities");
	while ((r = db_step(st)) == DB_ROW) {
		XGROW(x->act_id, alloc, x->nact + 1);
		x->act_name = xrealloc(x->act_name, alloc * sizeof(*x->act_name));
		x->act_id[x->nact] = db_col_int(st, 0);
		x->act_name[x->nact++] = xstrdup(db_col_text(st, 1) ? db_col_text(st, 1) : "");
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		return fail(db, "reading activities");
	x->act_children = xcalloc(x->nact * x->nlsoas + 1, sizeof(*x->act_children));
	x->act_att = xcalloc(x->nact * x->nlsoas + 1, sizeof(*x->act_att));
	return activity_counts(db, x, idx, o);
}

static struct centre_people *centre_entry(struct pack_dups *x, int64_t centre_id)
{
	for (size_t i = 0; i < x->ncp; i++)
		if (x->cp[i].centre_id == centre_id)
			return &x->cp[i];
	XGROW(x->cp, x->alloc, x->ncp + 1);
	memset(&x->cp[x->ncp], 0, sizeof(*x->cp));
	x->cp[x->ncp].centre_id = centre_id;
	return &x->cp[x->ncp++];
}

/*
 * Possible duplicates: the people in pairs the review queue would list
 * (the matching engine over every person, pairs at least
 * MATCH_REVIEW_MIN_PROB likely that nobody has decided yet), counted with
 * every person by their family's registering centre.
 */
static int load_duplicates(struct db *db, struct pack_dups *x)
{
	struct match_check check;
	struct strmap decided = STRMAP_INIT, involved = STRMAP_INIT;
	struct buf k = BUF_INIT;
	struct db_stmt *st = NULL;
	enum db_result r;
	int64_t v;
	int ret = -1;

	/* the last duplicate check's pairs (reach dedupe, the review queue):
	 * the engine over every person takes minutes on a large authority */
	if (match_check_load(db, &check))
		return -1;
	x->checked = check.found;
	x->day = check.day;
	x->stale = check.found && check.generation != db_generation(db);
	if (!(st = db_prepare(db, "SELECT person_a, person_b FROM match_decisions"))) {
		fail(db, "reading review decisions");
		goto out;
	}
	while ((r = db_step(st)) == DB_ROW) {
		match_pair_key(&k, db_col_text(st, 0), db_col_text(st, 1));
		strmap_put(&decided, k.data, 1);
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading review decisions");
		goto out;
	}
	for (size_t i = 0; i < check.npairs; i++) {
		const char *a = check.ids[2 * i], *b = check.ids[2 * i + 1];

		match_pair_key(&k, a, b);
		if (strmap_get(&decided, k.data, &v))
			continue;
		strmap_put(&involved, a, 1);
		strmap_put(&involved, b, 1);
	}
	st = db_prepare(db, "SELECT p.ext_id, f.centre_id FROM people p JOIN families f ON f.id = p.family_id");
	if (!st) {
		fail(db, "reading people");
		goto out;
	}
	while ((r = db_step(st)) == DB_ROW) {
		struct centre_people *c = centre_entry(x, db_col_null(st, 1) ? -1 : db_col_int(st, 1));

		c->people++;
		if (strmap_get(&involved, db_col_text(st, 0), &v))
			c->dup++;
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		fail(db, "reading people");
		goto out;
	}
	ret = 0;
out:
	match_check_release(&check);
	strmap_release(&decided);
	strmap_release(&involved);
	buf_release(&k);
	return ret;
}

struct pack_dups *pack_dups_compute(struct db *db)
{
	struct pack_dups *d = xcalloc(1, sizeof(*d));

	if (load_duplicates(db, d)) {
		pack_dups_free(d);
		return NULL;
	}
	return d;
}

void pack_dups_free(struct pack_dups *d)
{
	if (!d)
		return;
	free(d->cp);
	free(d);
}

struct pack_extra *pack_extra_load(struct db *db, const struct reach_opts *o, const struct strmap *lsoa_index,
				   size_t nlsoas, const struct pack_dups *dups)
{
	struct pack_extra *x = xcalloc(1, sizeof(*x));

	x->nlsoas = nlsoas;
	if (load_births(db, x, lsoa_index, o->to) || load_activities(db, x, lsoa_index, o) ||
	    (!dups && load_duplicates(db, &x->dups))) {
		pack_extra_free(x);
		return NULL;
	}
	if (dups) {
		x->dups.ncp = x->dups.alloc = dups->ncp;
		x->dups.cp = xmalloc((dups->ncp + 1) * sizeof(*x->dups.cp));
		memcpy(x->dups.cp, dups->cp, dups->ncp * sizeof(*x->dups.cp));
		x->dups.checked = dups->checked;
		x->dups.day = dups->day;
		x->dups.stale = dups->stale;
	}
	return x;
}

void pack_extra_free(struct pack_extra *x)
{
	if (!x)
		return;
	free(x->births);
	for (size_t i = 0; i < x->nact; i++)
		free(x->act_name[i]);
	free(x->act_id);
	free(x->act_name);
	free(x->act_children);
	free(x->act_att);
	free(x->dups.cp);
	free(x);
}

static int cmp_activity(const void *a, const void *b)
{
	const struct pack_activity *x = a, *y = b;

	if (x->children != y->children)
		return x->children > y->children ? -1 : 1;
	if (x->attendances != y->attendances)
		return x->attendances > y->attendances ? -1 : 1;
	return strcmp(x->name, y->name);
}

void pack_extra_build(const struct pack_extra *x, struct pack *p, const int32_t *in)
{
	struct buf s = BUF_INIT;
	size_t n = 0;
	int64_t births[PACK_BIRTH_YEARS] = { 0 };

	buf_addf(&s, "%s%sbirth records as imported; likely duplicates found by the matching engine",
		 p->sources ? p->sources : "", p->sources && *p->sources ? "; " : "");
	free(p->sources);
	p->sources = buf_detach(&s, NULL);

	/* a best-fit area counts share x each LSOA (millionths), rounded once, as reach does */
	p->births.any = x->any_births;
	for (int y = 0; y < PACK_BIRTH_YEARS; y++)
		p->births.year[y] = x->first_year + y;
	p->activities = xcalloc(x->nact + 1, sizeof(*p->activities));
	for (size_t i = 0; i < x->nlsoas; i++) {
		if (!in[i])
			continue;
		for (int y = 0; y < PACK_BIRTH_YEARS; y++)
			births[y] += x->births[i * PACK_BIRTH_YEARS + (size_t)y] * in[i];
	}
	for (int y = 0; y < PACK_BIRTH_YEARS; y++)
		p->births.count[y] = (births[y] + SHARE_WHOLE / 2) / SHARE_WHOLE;
	for (size_t a = 0; a < x->nact; a++) {
		struct pack_activity *pa = &p->activities[n];
		int64_t children = 0, att = 0;

		for (size_t i = 0; i < x->nlsoas; i++) {
			if (!in[i])
				continue;
			children += x->act_children[a * x->nlsoas + i] * in[i];
			att += x->act_att[a * x->nlsoas + i] * in[i];
		}
		pa->children = (children + SHARE_WHOLE / 2) / SHARE_WHOLE;
		pa->attendances = (att + SHARE_WHOLE / 2) / SHARE_WHOLE;
		if (!pa->children)
			continue;
		pa->name = xstrdup(x->act_name[a]);
		n++;
	}
	p->nactivities = n;
	qsort(p->activities, n, sizeof(*p->activities), cmp_activity);
}

void pack_extra_quality(const struct pack_extra *x, int64_t centre_id, struct pack_quality *q)
{
	q->dup_checked = x->dups.checked;
	q->dup_day = x->dups.day;
	q->dup_stale = x->dups.stale;
	for (size_t i = 0; i < x->dups.ncp; i++)
		if (x->dups.cp[i].centre_id == centre_id) {
			q->people += x->dups.cp[i].people;
			q->people_dup += x->dups.cp[i].dup;
		}
}

/* more than pct percent of `of` (both real counts, not suppressed) */
static int over(int64_t n, int64_t of, int pct)
{
	return n > 0 && of > 0 && n * 100 > of * pct;
}

static void caution(struct pack *p, size_t *alloc, const char *s)
{
	XGROW(p->cautions, *alloc, p->ncautions + 1);
	p->cautions[p->ncautions++] = xstrdup(s);
}

/*
 * What the figures of this pack cannot be trusted for, from its own data
 * quality figures, before any suppression; each line says which figures
 * and why without giving a count, so it can be published as it is.
 */
void pack_cautions_build(struct pack *p)
{
	const struct pack_quality *q = &p->quality;
	size_t alloc = 0;
	char line[320];

	if (over(q->children_no_eth, q->children, 10))
		caution(p, &alloc, "Reach of minority ethnic children, and the ethnicity table: more than 10% of "
			"the children have no ethnicity recorded, so both are understated.");
	if (over(q->children_no_dob, q->children, 5))
		caution(p, &alloc, "Every reach figure: more than 5% of the children have no date of birth, so "
			"they cannot be counted as under 5 and the figures are understated.");
	if (over(q->families_no_pc + q->families_unknown_pc, q->families, 5))
		caution(p, &alloc, "Reach by LSOA, deprivation and the area's totals: more than 5% of the "
			"families have no postcode that places them in an LSOA, so they are left out.");
	if (over(q->people_dup, q->people, 1))
		caution(p, &alloc, "Registered and engaged counts: more than 1% of the people are in likely "
			"duplicate pairs not yet reviewed, so some children may be counted twice.");
	if (!q->dup_checked)
		caution(p, &alloc, "Registered counts: no duplicate check has been run (reach dedupe, or the "
			"review of duplicates), so children counted twice cannot be ruled out.");
	else if (q->dup_stale)
		caution(p, &alloc, "Registered counts: the data have changed since the last duplicate check, so "
			"duplicates entered since are not counted.");
	if (!p->reach[GROUP_ALL].has_population) {
		snprintf(line, sizeof(line), "Percentages of the population: there are no population estimates "
			 "for %d for this area.", date_year(p->to));
		caution(p, &alloc, line);
	}
	if (!p->births.any)
		caution(p, &alloc, "Live births: no birth records have been imported.");
	if (!q->repeats_known)
		caution(p, &alloc, "Attendances: a register row repeated for the same person and session counts "
			"once when it is imported; no attendance import is in the import log, so how many there "
			"were is not known.");
	else if (over(q->repeated_rows, q->register_rows, 1))
		caution(p, &alloc, "Attendances: more than 1% of the register rows imported for the area's "
			"centres repeated a person and session already recorded; each counts once, but "
			"registers kept twice may have other errors too.");
}

void pack_extra_release(struct pack *p)
{
	for (size_t i = 0; i < p->nactivities; i++)
		free(p->activities[i].name);
	free(p->activities);
	for (size_t i = 0; i < p->ncautions; i++)
		free(p->cautions[i]);
	free(p->cautions);
	p->activities = NULL;
	p->cautions = NULL;
	p->nactivities = p->ncautions = 0;
}
