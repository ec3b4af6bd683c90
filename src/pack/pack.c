/* pack.c: the figures of a data pack, from the reach report and the store */
#include "pack.h"
#include "../model/model.h"
#include "../report/coverage.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/util.h"

#include <stdio.h>

static const struct {
	const char *code;
	const char *label;
} ethnic_labels[PACK_ETHNIC_GROUPS] = {
	{ "WBRI", "White British" }, { "WIRI", "White Irish" },
	{ "WIRT", "Traveller of Irish heritage" }, { "WOTH", "Any other White background" },
	{ "WROM", "Gypsy/Roma" }, { "MWBC", "White and Black Caribbean" },
	{ "MWBA", "White and Black African" }, { "MWAS", "White and Asian" },
	{ "MOTH", "Any other mixed background" }, { "AIND", "Indian" }, { "APKN", "Pakistani" },
	{ "ABAN", "Bangladeshi" }, { "AOTH", "Any other Asian background" },
	{ "BCRB", "Black Caribbean" }, { "BAFR", "Black African" },
	{ "BOTH", "Any other Black background" }, { "CHNE", "Chinese" },
	{ "OOTH", "Any other ethnic group" }, { "REFU", "Refused" },
	{ "NOBT", "Information not obtained" }, { "", "Not recorded" },
};

static const struct {
	const char *code;
	const char *label;
} language_labels[] = {
	{ "ak", "Akan" }, { "am", "Amharic" }, { "ar", "Arabic" }, { "bg", "Bulgarian" }, { "bn", "Bengali" },
	{ "cy", "Welsh" }, { "de", "German" }, { "en", "English" }, { "es", "Spanish" },
	{ "fa", "Persian" }, { "fr", "French" }, { "ga", "Irish" }, { "gu", "Gujarati" },
	{ "hi", "Hindi" }, { "hu", "Hungarian" }, { "ig", "Igbo" }, { "it", "Italian" }, { "ku", "Kurdish" },
	{ "lt", "Lithuanian" }, { "lv", "Latvian" }, { "pa", "Panjabi" }, { "pl", "Polish" },
	{ "ps", "Pashto" }, { "pt", "Portuguese" }, { "ro", "Romanian" }, { "ru", "Russian" },
	{ "sk", "Slovak" }, { "so", "Somali" }, { "sq", "Albanian" }, { "ta", "Tamil" },
	{ "ti", "Tigrinya" }, { "tr", "Turkish" }, { "tw", "Twi" }, { "uk", "Ukrainian" },
	{ "ur", "Urdu" }, { "yo", "Yoruba" }, { "zh", "Chinese" },
};

struct centre_info {
	int64_t id;       /* centres.id */
	char *code;       /* centre code */
	char *name;       /* centre name */
	char *cluster;    /* cluster name or NULL */
};

struct pack_basis {
	struct reach_opts o;                 /* the period */
	struct reach_report rep[AREA_LSOA + 1]; /* by la, cluster, centre, lsoa */
	size_t nlsoas;                       /* LSOAs, in code order */
	char **lsoa_code;                    /* codes */
	int *decile;                         /* IDACI decile, 0 unknown */
	int64_t (*ages)[5];                  /* population by age, year of TO */
	int has_age_pop;                     /* any population row for the year */
	struct strmap lsoa_index;            /* code -> index */
	int64_t *eth;                        /* nlsoas x PACK_ETHNIC_GROUPS */
	int64_t *no_lang;                    /* per LSOA */
	struct strmap lang_index;            /* language code -> index */
	char **lang_code;                    /* per language */
	int64_t **lang_count;                /* per language, per LSOA */
	size_t nlangs, langs_alloc;
	struct centre_info *centres;         /* in code order */
	size_t ncentres;
	size_t *pair_centre, *pair_lsoa;     /* reach areas: (centre index, LSOA index) */
	int32_t *pair_share;                 /* and the share, millionths (best fit) */
	size_t npairs, pairs_alloc;
	const char **cluster_names;          /* distinct, in order */
	size_t nclusters;
	const char **centre_codes;           /* for pack_basis_areas */
	struct pack_quality *quality;        /* per centre index, then families of no centre */
	int repeats_known;                   /* an attendance import was logged */
	/* read once for every pack (no pack scans the store again) */
	struct reach_data *data;             /* attendance from the first trend quarter (or FROM) */
	const struct reach_row **lsoa_row;   /* per LSOA index: its row of rep[AREA_LSOA], or NULL */
	struct strmap centre_index;          /* centre code -> index */
	int64_t *unseen;                     /* families not seen, per centre index, then of no centre */
	struct pack_trend_basis *trend;      /* the quarters' reports */
	struct pack_rank_areas rank_areas[2]; /* centres, clusters with their LSOAs */
	char **rank_labels[2];               /* their labels */
	size_t *rank_start[2], *rank_lsoa[2]; /* their LSOAs (CSR) */
	int32_t *rank_share[2];              /* and the share of each, millionths */
	struct pack_rank_basis *ranks;       /* areas ranked by LSOA indicators */
	struct month_count *months;          /* new families: ncentres + 1 rows of nmonths */
	size_t nmonths;
	char **lsoa_ward;                    /* per LSOA index: its ward code */
	struct pack_ind_rows *ind_rows;      /* the indicators table */
	struct pack_extra *extra;            /* births, activities, duplicates (pack_sections.c) */
	struct coverage coverage;            /* wards and LSOAs covered, population of TO's year */
	int has_coverage;
};

static int fail(struct db *db, const char *what)
{
	return error("pack: %s: %s", what, db_errmsg(db));
}

static int under5(int32_t dob, int32_t to)
{
	return dob != DATE_NONE && dob <= to && date_age(dob, to) < 5;
}

static int eth_slot(const char *code)
{
	const char *m;

	if (!code || !*code)
		return PACK_ETHNIC_GROUPS - 1;
	m = ethnicity_main(code);
	for (int i = 0; i < PACK_ETHNIC_GROUPS - 1; i++)
		if (!strcmp(ethnic_labels[i].code, m))
			return i;
	return PACK_ETHNIC_GROUPS - 1;
}

static int64_t centre_slot(const struct pack_basis *b, int64_t id)
{
	for (size_t i = 0; i < b->ncentres; i++)
		if (b->centres[i].id == id)
			return (int64_t)i;
	return (int64_t)b->ncentres;
}

static int load_lsoas(struct db *db, struct pack_basis *b)
{
	struct db_stmt *st;
	enum db_result r;
	size_t alloc = 0;
	int year = date_year(b->o.to), ret = -1;

	if (!(st = db_prepare(db, "SELECT code, coalesce(idaci_decile, 0) FROM lsoas ORDER BY code")))
		return fail(db, "reading LSOAs");
	while ((r = db_step(st)) == DB_ROW) {
		XGROW(b->lsoa_code, alloc, b->nlsoas + 1);
		b->decile = xrealloc(b->decile, alloc * sizeof(*b->decile));
		b->lsoa_code[b->nlsoas] = xstrdup(db_col_text(st, 0));
		b->decile[b->nlsoas] = (int)db_col_int(st, 1);
		strmap_put(&b->lsoa_index, b->lsoa_code[b->nlsoas], (int64_t)b->nlsoas);
		b->nlsoas++;
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		return fail(db, "reading LSOAs");
	b->ages = xcalloc(b->nlsoas + 1, sizeof(*b->ages));
	b->eth = xcalloc((b->nlsoas + 1) * PACK_ETHNIC_GROUPS, sizeof(*b->eth));
	b->no_lang = xcalloc(b->nlsoas + 1, sizeof(*b->no_lang));
	if (!(st = db_prepare(db, "SELECT lsoa_code, age, count FROM population WHERE year = ?")))
		return fail(db, "reading population");
	db_bind_int(st, 1, year);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t i, age = db_col_int(st, 1);

		if (!strmap_get(&b->lsoa_index, db_col_text(st, 0), &i) || age < 0 || age > 4)
			continue;
		b->ages[i][age] += db_col_int(st, 2);
		b->has_age_pop = 1;
	}
	if (r == DB_ERROR)
		fail(db, "reading population");
	else
		ret = 0;
	db_finalize(&st);
	return ret;
}

static int load_centres(struct db *db, struct pack_basis *b)
{
	struct db_stmt *st;
	enum db_result r;
	size_t alloc = 0, calloc_ = 0;
	int ret = -1;

	if (!(st = db_prepare(db, "SELECT id, code, name, cluster FROM centres ORDER BY code")))
		return fail(db, "reading centres");
	while ((r = db_step(st)) == DB_ROW) {
		struct centre_info *c;
		const char *cl = db_col_text(st, 3);

		XGROW(b->centres, alloc, b->ncentres + 1);
		c = &b->centres[b->ncentres++];
		c->id = db_col_int(st, 0);
		c->code = xstrdup(db_col_text(st, 1));
		c->name = xstrdup(db_col_text(st, 2) ? db_col_text(st, 2) : "");
		c->cluster = cl && *cl ? xstrdup(cl) : NULL;
		strmap_put(&b->centre_index, c->code, (int64_t)(b->ncentres - 1));
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		return fail(db, "reading centres");
	b->centre_codes = xcalloc(b->ncentres + 1, sizeof(*b->centre_codes));
	for (size_t i = 0; i < b->ncentres; i++)
		b->centre_codes[i] = b->centres[i].code;
	/* the cluster names, from the reach report (already distinct and ordered) */
	for (size_t i = 0; i < b->rep[AREA_CLUSTER].nrows; i += GROUP_COUNT) {
		const struct reach_row *row = &b->rep[AREA_CLUSTER].rows[i];

		if (row->type != AREA_CLUSTER)
			continue;
		XGROW(b->cluster_names, calloc_, b->nclusters + 1);
		b->cluster_names[b->nclusters++] = row->code;
	}
	if (!(st = db_prepare(db, "SELECT r.centre_id, r.lsoa_code, coalesce(s.share_ppm, 1000000) FROM reach_areas r "
			      "LEFT JOIN reach_area_shares s ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code")))
		return fail(db, "reading reach areas");
	while ((r = db_step(st)) == DB_ROW) {
		int64_t li, ci = centre_slot(b, db_col_int(st, 0));

		if (!strmap_get(&b->lsoa_index, db_col_text(st, 1), &li) || ci >= (int64_t)b->ncentres)
			continue;
		XGROW(b->pair_centre, b->pairs_alloc, b->npairs + 1);
		b->pair_lsoa = xrealloc(b->pair_lsoa, b->pairs_alloc * sizeof(*b->pair_lsoa));
		b->pair_share = xrealloc(b->pair_share, b->pairs_alloc * sizeof(*b->pair_share));
		b->pair_share[b->npairs] = (int32_t)db_col_int(st, 2);
		b->pair_centre[b->npairs] = (size_t)ci;
		b->pair_lsoa[b->npairs++] = (size_t)li;
	}
	if (r == DB_ERROR)
		fail(db, "reading reach areas");
	else
		ret = 0;
	db_finalize(&st);
	return ret;
}

static void add_language(struct pack_basis *b, size_t lsoa, const char *code, size_t len)
{
	char key[8];
	int64_t li;

	if (len == 0 || len >= sizeof(key))
		return;
	for (size_t i = 0; i < len; i++)
		key[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	key[len] = '\0';
	if (!strmap_get(&b->lang_index, key, &li)) {
		li = (int64_t)b->nlangs;
		XGROW(b->lang_code, b->langs_alloc, b->nlangs + 1);
		b->lang_count = xrealloc(b->lang_count, b->langs_alloc * sizeof(*b->lang_count));
		b->lang_code[b->nlangs] = xstrdup(key);
		b->lang_count[b->nlangs] = xcalloc(b->nlsoas + 1, sizeof(int64_t));
		b->nlangs++;
		strmap_put(&b->lang_index, key, li);
	}
	b->lang_count[li][lsoa]++;
}

/* registered under-5s by LSOA: ethnicity and their family's languages */
static int load_children(struct db *db, struct pack_basis *b)
{
	struct db_stmt *st;
	enum db_result r;

	st = db_prepare(db,
		"SELECT pc.lsoa_code, p.date_of_birth, p.registered_on, p.ethnicity, "
		"(SELECT group_concat(DISTINCT l.code) FROM people q JOIN person_languages l "
		"ON l.person_id = q.id WHERE q.family_id = p.family_id) "
		"FROM people p JOIN families f ON f.id = p.family_id "
		"JOIN postcodes pc ON pc.postcode = f.postcode WHERE p.role = 'child'");
	if (!st)
		return fail(db, "reading children");
	while ((r = db_step(st)) == DB_ROW) {
		const char *dob = db_col_text(st, 1), *reg = db_col_text(st, 2), *langs;
		int32_t d, rd;
		int64_t li;
		size_t lsoa;

		if (!strmap_get(&b->lsoa_index, db_col_text(st, 0), &li))
			continue;
		if (!dob || date_parse(dob, &d) || !under5(d, b->o.to))
			continue;
		if (!reg || date_parse(reg, &rd) || rd > b->o.to)
			continue;
		lsoa = (size_t)li;
		b->eth[lsoa * PACK_ETHNIC_GROUPS + (size_t)eth_slot(db_col_text(st, 3))]++;
		langs = db_col_text(st, 4);
		if (!langs || !*langs) {
			b->no_lang[lsoa]++;
			continue;
		}
		while (*langs) {
			size_t n = strcspn(langs, ",");

			add_language(b, lsoa, langs, n);
			langs += n;
			if (*langs == ',')
				langs++;
		}
	}
	db_finalize(&st);
	return r == DB_ERROR ? fail(db, "reading children") : 0;
}

/* register rows and repeated rows by the session's centre, from the import log */
static int load_repeats(struct db *db, struct pack_basis *b)
{
	struct db_stmt *st;
	enum db_result r;

	st = db_prepare(db, "SELECT c.id, sum(i.rows), sum(i.repeated_rows) FROM import_centres i "
			"JOIN centres c ON c.code = i.centre_code GROUP BY c.id");
	if (!st)
		return fail(db, "reading repeated register rows");
	while ((r = db_step(st)) == DB_ROW) {
		struct pack_quality *q = &b->quality[centre_slot(b, db_col_int(st, 0))];

		q->register_rows += db_col_int(st, 1);
		q->repeated_rows += db_col_int(st, 2);
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		return fail(db, "reading repeated register rows");
	st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM imports WHERE kind = 'attendance')");
	if (!st)
		return fail(db, "reading the import log");
	if ((r = db_step(st)) == DB_ROW)
		b->repeats_known = db_col_int(st, 0) != 0;
	db_finalize(&st);
	return r == DB_ROW ? 0 : fail(db, "reading the import log");
}

static int load_quality(struct db *db, struct pack_basis *b)
{
	struct db_stmt *st;
	enum db_result r;

	b->quality = xcalloc(b->ncentres + 1, sizeof(*b->quality));
	st = db_prepare(db,
		"SELECT f.centre_id, count(*), sum(p.date_of_birth IS NULL OR p.date_of_birth = ''), "
		"sum(p.ethnicity IS NULL OR p.ethnicity = '') FROM people p "
		"JOIN families f ON f.id = p.family_id WHERE p.role = 'child' GROUP BY f.centre_id");
	if (!st)
		return fail(db, "reading data quality");
	while ((r = db_step(st)) == DB_ROW) {
		struct pack_quality *q = &b->quality[db_col_null(st, 0) ? (int64_t)b->ncentres
					  : centre_slot(b, db_col_int(st, 0))];

		q->children += db_col_int(st, 1);
		q->children_no_dob += db_col_int(st, 2);
		q->children_no_eth += db_col_int(st, 3);
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		return fail(db, "reading data quality");
	st = db_prepare(db,
		"SELECT f.centre_id, count(*), sum(f.postcode IS NULL OR f.postcode = ''), "
		"sum(f.postcode IS NOT NULL AND f.postcode <> '' AND NOT EXISTS "
		"(SELECT 1 FROM postcodes pc WHERE pc.postcode = f.postcode)) "
		"FROM families f GROUP BY f.centre_id");
	if (!st)
		return fail(db, "reading data quality");
	while ((r = db_step(st)) == DB_ROW) {
		struct pack_quality *q = &b->quality[db_col_null(st, 0) ? (int64_t)b->ncentres
					  : centre_slot(b, db_col_int(st, 0))];

		q->families += db_col_int(st, 1);
		q->families_no_pc += db_col_int(st, 2);
		q->families_unknown_pc += db_col_int(st, 3);
	}
	db_finalize(&st);
	return r == DB_ERROR ? fail(db, "reading data quality") : 0;
}

/* each LSOA's row of the LSOA report, so no pack looks one up by name */
static void index_lsoa_rows(struct pack_basis *b)
{
	const struct reach_report *r = &b->rep[AREA_LSOA];

	b->lsoa_row = xcalloc(b->nlsoas + 1, sizeof(*b->lsoa_row));
	for (size_t i = 0; i + GROUP_COUNT <= r->nrows; i += GROUP_COUNT) {
		int64_t li;

		if (r->rows[i].type == AREA_LSOA && strmap_get(&b->lsoa_index, r->rows[i].code, &li))
			b->lsoa_row[li] = &r->rows[i];
	}
}

/* families not seen for PACK_UNSEEN_MONTHS on TO, counted by registering centre, in one pass */
static int count_unseen(struct db *db, struct pack_basis *b)
{
	struct unseen_list ul = { NULL, 0, 0 };

	b->unseen = xcalloc(b->ncentres + 1, sizeof(*b->unseen));
	if (engagement_unseen_data(db, b->data, b->o.to, PACK_UNSEEN_MONTHS, NULL, &ul))
		return -1;
	for (size_t i = 0; i < ul.n; i++) {
		int64_t ci;

		if (ul.v[i].centre_code && strmap_get(&b->centre_index, ul.v[i].centre_code, &ci))
			b->unseen[ci]++;
		else
			b->unseen[b->ncentres]++;
	}
	unseen_list_release(&ul);
	return 0;
}

/* the centres and the clusters with their LSOAs and shares of them (a
 * cluster's share of an LSOA: its centres' added, at most whole), for the
 * rankings by LSOA indicators */
static void rank_areas(struct pack_basis *b)
{
	size_t *pos = xcalloc(b->nlsoas + 1, sizeof(*pos)); /* LSOA -> its place in the area + 1 */

	for (int k = 0; k < 2; k++) {
		size_t n = k ? b->nclusters : b->ncentres, used = 0, alloc = 0;

		b->rank_labels[k] = xcalloc(n + 1, sizeof(char *));
		b->rank_start[k] = xcalloc(n + 1, sizeof(size_t));
		for (size_t i = 0; i < n; i++) {
			struct buf label = BUF_INIT;

			b->rank_start[k][i] = used;
			memset(pos, 0, (b->nlsoas + 1) * sizeof(*pos));
			for (size_t j = 0; j < b->npairs; j++) {
				const struct centre_info *c = &b->centres[b->pair_centre[j]];
				size_t l = b->pair_lsoa[j];

				if (k ? !c->cluster || strcmp(c->cluster, b->cluster_names[i]) : b->pair_centre[j] != i)
					continue;
				if (pos[l]) {
					int32_t *w = &b->rank_share[k][pos[l] - 1];

					*w = *w + b->pair_share[j] > SHARE_WHOLE ? SHARE_WHOLE : *w + b->pair_share[j];
					continue;
				}
				XGROW(b->rank_lsoa[k], alloc, used + 1);
				b->rank_share[k] = xrealloc(b->rank_share[k], alloc * sizeof(*b->rank_share[k]));
				b->rank_share[k][used] = b->pair_share[j];
				b->rank_lsoa[k][used++] = l;
				pos[l] = used;
			}
			if (k)
				buf_adds(&label, b->cluster_names[i]);
			else
				buf_addf(&label, "%s %s", b->centres[i].code, b->centres[i].name);
			b->rank_labels[k][i] = buf_detach(&label, NULL);
		}
		b->rank_start[k][n] = used;
		b->rank_areas[k].n = n;
		b->rank_areas[k].codes = k ? b->cluster_names : b->centre_codes;
		b->rank_areas[k].labels = (const char *const *)b->rank_labels[k];
		b->rank_areas[k].lsoa_start = b->rank_start[k];
		b->rank_areas[k].lsoa = b->rank_lsoa[k];
		b->rank_areas[k].share = b->rank_share[k];
	}
	free(pos);
}

/* new families each month by registering centre, in one pass */
static int new_families(struct pack_basis *b)
{
	int64_t *ids = xcalloc(b->ncentres + 1, sizeof(*ids));
	int ret;

	for (size_t c = 0; c < b->ncentres; c++)
		ids[c] = b->centres[c].id;
	ret = engagement_new_families_by_centre_data(b->data, b->o.from, b->o.to, ids, b->ncentres, &b->months,
						     &b->nmonths);
	free(ids);
	return ret;
}

/* each LSOA's ward, so that no pack reads the LSOAs again for its wards */
static int load_wards(struct db *db, struct pack_basis *b)
{
	struct db_stmt *st;
	enum db_result r;

	b->lsoa_ward = xcalloc(b->nlsoas + 1, sizeof(*b->lsoa_ward));
	if (!(st = db_prepare(db, "SELECT code, coalesce(ward_code, '') FROM lsoas")))
		return fail(db, "reading LSOAs");
	while ((r = db_step(st)) == DB_ROW) {
		int64_t li;

		if (strmap_get(&b->lsoa_index, db_col_text(st, 0), &li) && !b->lsoa_ward[li])
			b->lsoa_ward[li] = xstrdup(db_col_text(st, 1));
	}
	db_finalize(&st);
	return r == DB_ERROR ? fail(db, "reading LSOAs") : 0;
}

/* the first session day, DATE_NONE if none */
static int first_session_day(struct db *db, int32_t *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT min(day) FROM sessions");
	enum db_result r;

	*out = DATE_NONE;
	if (!st)
		return fail(db, "reading sessions");
	if ((r = db_step(st)) == DB_ROW && !db_col_null(st, 0))
		*out = (int32_t)db_col_int(st, 0);
	db_finalize(&st);
	return r == DB_ERROR ? fail(db, "reading sessions") : 0;
}

struct pack_basis *pack_basis_compute(struct db *db, const struct reach_opts *o)
{
	return pack_basis_compute_dups(db, o, NULL);
}

struct pack_basis *pack_basis_compute_dups(struct db *db, const struct reach_opts *o, const struct pack_dups *dups)
{
	struct pack_basis *b = xcalloc(1, sizeof(*b));
	struct strmap init = STRMAP_INIT;
	int32_t data_start, first, last;

	b->o = *o;
	b->lsoa_index = init;
	b->lang_index = init;
	b->centre_index = init;
	/* one read of the store for the period, the trend's quarters and the
	 * engagement lists: from the first trend quarter (or FROM) to the end
	 * of the quarter holding TO */
	if (first_session_day(db, &data_start))
		goto fail;
	first = pack_trend_first_day(o->to, data_start);
	last = pack_trend_last_day(o->to);
	if (reach_data_load(db, first < o->from ? first : o->from, last > o->to ? last : o->to, &b->data))
		goto fail;
	for (int t = AREA_LA; t <= AREA_LSOA; t++) {
		struct reach_opts ro = *o;

		ro.by = (enum area_type)t;
		if (reach_compute_data(b->data, &ro, &b->rep[t]))
			goto fail;
	}
	if (!(b->trend = pack_trend_basis_compute(b->data, o, first, data_start)))
		goto fail;
	if (load_lsoas(db, b) || load_centres(db, b) || load_children(db, b) || load_quality(db, b) ||
	    load_repeats(db, b) || count_unseen(db, b) || new_families(b) || load_wards(db, b))
		goto fail;
	index_lsoa_rows(b);
	rank_areas(b);
	if (!(b->ind_rows = pack_indicator_rows_load(db)))
		goto fail;
	if (!(b->ranks = pack_rank_basis_compute(db, &b->lsoa_index, b->nlsoas, &b->rank_areas[0],
						 &b->rank_areas[1])))
		goto fail;
	if (!(b->extra = pack_extra_load(db, o, &b->lsoa_index, b->nlsoas, dups)))
		goto fail;
	if (coverage_compute(db, date_year(o->to), &b->coverage))
		goto fail;
	b->has_coverage = 1;
	return b;
fail:
	pack_basis_free(b);
	return NULL;
}

void pack_basis_free(struct pack_basis *b)
{
	if (!b)
		return;
	for (int t = AREA_LA; t <= AREA_LSOA; t++)
		reach_report_release(&b->rep[t]);
	for (size_t i = 0; i < b->nlsoas; i++)
		free(b->lsoa_code[i]);
	free(b->lsoa_code);
	free(b->decile);
	free(b->ages);
	strmap_release(&b->lsoa_index);
	free(b->eth);
	free(b->no_lang);
	strmap_release(&b->lang_index);
	for (size_t i = 0; i < b->nlangs; i++) {
		free(b->lang_code[i]);
		free(b->lang_count[i]);
	}
	free(b->lang_code);
	free(b->lang_count);
	for (size_t i = 0; i < b->ncentres; i++) {
		free(b->centres[i].code);
		free(b->centres[i].name);
		free(b->centres[i].cluster);
	}
	free(b->centres);
	free(b->pair_centre);
	free(b->pair_lsoa);
	free(b->pair_share);
	free(b->cluster_names);
	free(b->centre_codes);
	free(b->quality);
	reach_data_free(&b->data);
	free(b->lsoa_row);
	strmap_release(&b->centre_index);
	free(b->unseen);
	pack_trend_basis_free(b->trend);
	pack_rank_basis_free(b->ranks);
	pack_indicator_rows_free(b->ind_rows);
	pack_extra_free(b->extra);
	if (b->has_coverage)
		coverage_release(&b->coverage);
	free(b->months);
	for (size_t i = 0; b->lsoa_ward && i < b->nlsoas; i++)
		free(b->lsoa_ward[i]);
	free(b->lsoa_ward);
	for (int k = 0; k < 2; k++) {
		size_t n = k ? b->nclusters : b->ncentres;

		for (size_t i = 0; b->rank_labels[k] && i < n; i++)
			free(b->rank_labels[k][i]);
		free(b->rank_labels[k]);
		free(b->rank_start[k]);
		free(b->rank_lsoa[k]);
		free(b->rank_share[k]);
	}
	free(b);
}

size_t pack_basis_areas(const struct pack_basis *b, enum area_type type, const char ***codes)
{
	if (type == AREA_CENTRE) {
		*codes = b->centre_codes;
		return b->ncentres;
	}
	if (type == AREA_CLUSTER) {
		*codes = b->cluster_names;
		return b->nclusters;
	}
	*codes = NULL;
	return 0;
}

void pack_pct(char out[32], int64_t count, int64_t of)
{
	int64_t t;

	if (of == 0 || (of < 0 && of != PACK_SMALL && of != PACK_HIDDEN)) {
		out[0] = '\0';
		return;
	}
	if (count < 0 || of < 0) {
		snprintf(out, 32, "..");
		return;
	}
	t = reach_pct_tenths(count, of);
	snprintf(out, 32, "%lld.%lld%%", (long long)(t / 10), (long long)(t % 10));
}

void pack_num(char out[32], int64_t v)
{
	if (v == PACK_SMALL)
		snprintf(out, 32, "<5");
	else if (v == PACK_HIDDEN)
		snprintf(out, 32, "..");
	else
		snprintf(out, 32, "%lld", (long long)v);
}

struct bar_key {
	double value;
	size_t index;
};

static int cmp_bar_key(const void *a, const void *b)
{
	const struct bar_key *x = a, *y = b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

size_t *pack_bar_order(const struct pack_bar *bars, size_t n)
{
	struct bar_key *k = xcalloc(n + 1, sizeof(*k));
	size_t *order = xcalloc(n + 1, sizeof(*order));

	/* the index breaks ties, so the order is stable (a ranking may have every ward) */
	for (size_t i = 0; i < n; i++) {
		k[i].value = bars[i].value;
		k[i].index = i;
	}
	qsort(k, n, sizeof(*k), cmp_bar_key);
	for (size_t i = 0; i < n; i++)
		order[i] = k[i].index;
	free(k);
	return order;
}

void pack_reach_add(struct pack_reach *to, const struct reach_row *row)
{
	if (row->has_population) {
		to->has_population = 1;
		to->population += row->population;
	}
	to->registered += row->registered;
	to->engaged += row->engaged;
	to->sustained += row->sustained;
}

/* the GROUP_ALL row of an area in a report, or NULL */
static const struct reach_row *find_area(const struct reach_report *r, enum area_type t, const char *code)
{
	for (size_t i = 0; i + GROUP_COUNT <= r->nrows; i += GROUP_COUNT)
		if (r->rows[i].type == t && !strcmp(r->rows[i].code, code))
			return &r->rows[i];
	return NULL;
}

static double reg_pct(const struct reach_row *row)
{
	if (!row->has_population || row->population <= 0)
		return 0;
	return (double)reach_pct_tenths(row->registered, row->population) / 10.0;
}

static void add_bar(struct pack *p, const struct reach_row *row, int highlight, size_t *alloc)
{
	char label[256];

	if (!row->has_population || row->population <= 0)
		return;
	if (row->name && *row->name && strcmp(row->name, row->code))
		snprintf(label, sizeof(label), "%s %s", row->code, row->name);
	else
		snprintf(label, sizeof(label), "%s", row->code);
	XGROW(p->bars, *alloc, p->nbars + 1);
	p->bars[p->nbars].label = xstrdup(highlight ? "" : label);
	if (highlight) {
		free(p->bars[p->nbars].label);
		if (p->type == AREA_LA)
			snprintf(label, sizeof(label), "The local authority");
		else
			snprintf(label, sizeof(label), "This %s: %s", area_type_name(p->type), row->code);
		p->bars[p->nbars].label = xstrdup(label);
	}
	p->bars[p->nbars].value = reg_pct(row);
	p->bars[p->nbars].count = row->registered;
	p->bars[p->nbars].highlight = highlight;
	p->nbars++;
}

static int cmp_lang(const void *a, const void *b)
{
	const struct pack_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->code, y->code);
}

static const char *language_label(const char *code)
{
	for (size_t i = 0; i < ARRAY_LEN(language_labels); i++)
		if (!strcmp(language_labels[i].code, code))
			return language_labels[i].label;
	return code;
}

/* millionths to whole, halves up: a best-fit area counts share x each LSOA, rounded once */
static int64_t round_share(int64_t v)
{
	return (v + SHARE_WHOLE / 2) / SHARE_WHOLE;
}

static void build_demographics(const struct pack_basis *b, struct pack *p, const int32_t *in)
{
	struct pack_count *all = xcalloc(b->nlangs + 1, sizeof(*all));
	size_t n = 0;
	int64_t other = 0, eth[PACK_ETHNIC_GROUPS] = { 0 }, ages[5] = { 0 }, no_lang = 0;

	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++) {
		p->ethnic[e].code = xstrdup(ethnic_labels[e].code);
		p->ethnic[e].label = xstrdup(ethnic_labels[e].label);
	}
	for (size_t l = 0; l < b->nlangs; l++) {
		all[l].code = b->lang_code[l];
		all[l].count = 0;
	}
	for (size_t i = 0; i < b->nlsoas; i++) {
		int64_t w = in[i];

		if (!w)
			continue;
		for (int a = 0; a < 5; a++)
			ages[a] += b->ages[i][a] * w;
		for (int e = 0; e < PACK_ETHNIC_GROUPS; e++)
			eth[e] += b->eth[i * PACK_ETHNIC_GROUPS + (size_t)e] * w;
		no_lang += b->no_lang[i] * w;
		for (size_t l = 0; l < b->nlangs; l++)
			all[l].count += b->lang_count[l][i] * w;
	}
	for (int a = 0; a < 5; a++) {
		p->age_pop[a] = round_share(ages[a]);
		p->age_total += p->age_pop[a];
	}
	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++)
		p->ethnic[e].count = round_share(eth[e]);
	p->no_language = round_share(no_lang);
	for (size_t l = 0; l < b->nlangs; l++)
		all[l].count = round_share(all[l].count);
	p->has_age_pop = b->has_age_pop;
	qsort(all, b->nlangs, sizeof(*all), cmp_lang);
	p->languages = xcalloc(PACK_TOP_LANGUAGES + 1, sizeof(*p->languages));
	for (size_t l = 0; l < b->nlangs; l++) {
		if (!all[l].count)
			continue;
		if (n < PACK_TOP_LANGUAGES) {
			p->languages[n].code = xstrdup(all[l].code);
			p->languages[n].label = xstrdup(language_label(all[l].code));
			p->languages[n++].count = all[l].count;
		} else {
			other += all[l].count;
		}
	}
	if (other) {
		p->languages[n].code = xstrdup("other");
		p->languages[n].label = xstrdup("Other languages");
		p->languages[n++].count = other;
	}
	p->nlanguages = n;
	free(all);
}

/* a band's reach while it is added up, in millionths */
struct band_sum {
	int has_population;
	int64_t population, registered, engaged, sustained;
};

static void band_add(struct band_sum *to, const struct reach_row *row, int64_t w)
{
	if (row->has_population) {
		to->has_population = 1;
		to->population += row->population * w;
	}
	to->registered += row->registered * w;
	to->engaged += row->engaged * w;
	to->sustained += row->sustained * w;
}

static void band_round(struct pack_reach *to, const struct band_sum *from)
{
	to->has_population = from->has_population;
	to->population = round_share(from->population);
	to->registered = round_share(from->registered);
	to->engaged = round_share(from->engaged);
	to->sustained = round_share(from->sustained);
}

static void build_deprivation(const struct pack_basis *b, struct pack *p, const int32_t *in)
{
	struct band_sum dec[11], bands[3];
	static const char *const band_labels[3] = {
		"Most deprived 20% (deciles 1-2)", "Most deprived 30% (deciles 1-3)",
		"The rest (deciles 4-10 and none)",
	};
	char label[64];

	for (int d = 0; d < 10; d++) {
		snprintf(label, sizeof(label), "Decile %d%s", d + 1,
			 d == 0 ? " (most deprived)" : d == 9 ? " (least deprived)" : "");
		p->deciles[d].label = xstrdup(label);
	}
	p->deciles[10].label = xstrdup("No decile recorded");
	for (int k = 0; k < 3; k++)
		p->bands[k].label = xstrdup(band_labels[k]);
	memset(dec, 0, sizeof(dec));
	memset(bands, 0, sizeof(bands));
	for (size_t i = 0; i < b->nlsoas; i++) {
		const struct reach_row *row;
		int d = b->decile[i];
		struct pack_band *band;

		if (!in[i] || !(row = b->lsoa_row[i]))
			continue;
		band = &p->deciles[d >= 1 && d <= 10 ? d - 1 : 10];
		band->lsoas++;
		band_add(&dec[d >= 1 && d <= 10 ? d - 1 : 10], row, in[i]);
		for (int k = 0; k < 3; k++) {
			int member = k == 0 ? d >= 1 && d <= 2 : k == 1 ? d >= 1 && d <= 3 : !(d >= 1 && d <= 3);

			if (member) {
				p->bands[k].lsoas++;
				band_add(&bands[k], row, in[i]);
			}
		}
	}
	for (int k = 0; k < 11; k++)
		band_round(&p->deciles[k].all, &dec[k]);
	for (int k = 0; k < 3; k++)
		band_round(&p->bands[k].all, &bands[k]);
}

int pack_build(struct db *db, const struct pack_basis *b, enum area_type type, const char *code,
	       int32_t made, struct pack *out)
{
	/* in: each LSOA's share in the area, millionths (0: not in it) */
	int32_t *in = xcalloc(b->nlsoas + 1, sizeof(*in));
	unsigned char *cin = xcalloc(b->ncentres + 1, 1);
	size_t bars_alloc = 0;
	char buf[64];
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->type = type;
	out->from = b->o.from;
	out->to = b->o.to;
	out->made = made;
	out->sustained_sessions = b->o.sustained;
	/* which centres and LSOAs the area holds */
	if (type == AREA_LA) {
		const struct reach_report *r = &b->rep[AREA_LA];

		out->code = xstrdup(r->nrows && r->rows[0].type == AREA_LA ? r->rows[0].code : "LA");
		out->name = xstrdup(r->nrows && r->rows[0].type == AREA_LA && *r->rows[0].name
				    ? r->rows[0].name : "The local authority");
		for (size_t i = 0; i < b->nlsoas; i++)
			in[i] = SHARE_WHOLE;
		memset(cin, 1, b->ncentres + 1);
		for (size_t i = 0; i < r->nrows; i++)
			if (r->rows[i].type == AREA_LA)
				pack_reach_add(&out->reach[r->rows[i].group], &r->rows[i]);
	} else {
		const struct reach_row *row = find_area(&b->rep[type], type, code);

		if (!row) {
			error("no %s '%s'", type == AREA_CENTRE ? "centre" : "cluster", code);
			ret = 1;
			goto out;
		}
		out->code = xstrdup(row->code);
		out->name = xstrdup(*row->name ? row->name : row->code);
		for (int g = 0; g < GROUP_COUNT; g++)
			pack_reach_add(&out->reach[g], row + g);
		for (size_t c = 0; c < b->ncentres; c++)
			if (type == AREA_CENTRE ? !strcmp(b->centres[c].code, code)
			    : b->centres[c].cluster && !strcmp(b->centres[c].cluster, code))
				cin[c] = 1;
		/* a cluster's share of an LSOA is its centres' shares added, at most whole */
		for (size_t k = 0; k < b->npairs; k++)
			if (cin[b->pair_centre[k]]) {
				int32_t *w = &in[b->pair_lsoa[k]];

				*w = *w + b->pair_share[k] > SHARE_WHOLE ? SHARE_WHOLE : *w + b->pair_share[k];
			}
		out->best_fit = row->best_fit;
	}
	snprintf(buf, sizeof(buf), "%d", date_year(b->o.to));
	out->sources = xstrdup("");
	{
		struct buf s = BUF_INIT;

		buf_addf(&s, "Reach registers and attendance; ONS population estimates (mid-%s, ages 0-4); "
			 "IDACI deciles as imported with the LSOAs", buf);
		free(out->sources);
		out->sources = buf_detach(&s, NULL);
	}

	/* registered % of the areas inside, then this area */
	if (type == AREA_CENTRE) {
		out->bars_of = "LSOA";
		for (size_t i = 0; i < b->nlsoas; i++) {
			const struct reach_row *row;

			if (in[i] && (row = b->lsoa_row[i]))
				add_bar(out, row, 0, &bars_alloc);
		}
	} else {
		out->bars_of = "centre";
		for (size_t c = 0; c < b->ncentres; c++) {
			const struct reach_row *row;

			if (cin[c] && (row = find_area(&b->rep[AREA_CENTRE], AREA_CENTRE, b->centres[c].code))) {
				add_bar(out, row, 0, &bars_alloc);
				/* a best-fit centre among the bars: the pack says so too */
				if (row->has_population && row->population > 0 && row->best_fit)
					out->best_fit = 1;
			}
		}
	}
	{
		struct reach_row self;

		memset(&self, 0, sizeof(self));
		self.code = out->code;
		self.name = out->name;
		self.has_population = out->reach[GROUP_ALL].has_population;
		self.population = out->reach[GROUP_ALL].population;
		self.registered = out->reach[GROUP_ALL].registered;
		add_bar(out, &self, 1, &bars_alloc);
	}

	build_demographics(b, out, in);
	out->children = out->reach[GROUP_ALL].registered;
	build_deprivation(b, out, in);

	/* by registering centre (repeated register rows: by the session's centre) */
	out->quality.repeats_known = b->repeats_known;
	for (size_t c = 0; c <= b->ncentres; c++) {
		const struct pack_quality *q = &b->quality[c];

		if (!cin[c])
			continue;
		out->quality.children += q->children;
		out->quality.children_no_dob += q->children_no_dob;
		out->quality.children_no_eth += q->children_no_eth;
		out->quality.families += q->families;
		out->quality.families_no_pc += q->families_no_pc;
		out->quality.families_unknown_pc += q->families_unknown_pc;
		out->quality.register_rows += q->register_rows;
		out->quality.repeated_rows += q->repeated_rows;
		pack_extra_quality(b->extra, c < b->ncentres ? b->centres[c].id : -1, &out->quality);
	}
	pack_extra_build(b->extra, out, in);
	{
		const char **codes = xcalloc(b->nlsoas + 1, sizeof(*codes));
		const char **wards = xcalloc(b->nlsoas + 1, sizeof(*wards));
		int32_t *shares = xcalloc(b->nlsoas + 1, sizeof(*shares));
		size_t n = 0;

		for (size_t i = 0; i < b->nlsoas; i++)
			if (in[i]) {
				wards[n] = b->lsoa_ward[i] ? b->lsoa_ward[i] : "";
				shares[n] = in[i];
				codes[n++] = b->lsoa_code[i];
			}
		pack_indicators_build(b->ind_rows, out, codes, shares, wards, n);
		free(codes);
		free(wards);
		free(shares);
	}
	{
		const char **codes = xcalloc(b->ncentres + 1, sizeof(*codes));
		size_t n = 0;

		for (size_t c = 0; c < b->ncentres; c++)
			if (cin[c])
				codes[n++] = b->centres[c].code;
		pack_coverage_build(&b->coverage, out, type == AREA_LA ? NULL : codes, n);
		free(codes);
	}
	pack_indicator_trends_build(out);
	/* the rows of the area's centres (for the LA every row) */
	out->months = xcalloc(b->nmonths + 1, sizeof(*out->months));
	out->nmonths = b->nmonths;
	for (size_t m = 0; m < b->nmonths; m++) {
		out->months[m].year = b->months[m].year;
		out->months[m].month = b->months[m].month;
	}
	for (size_t c = 0; c <= b->ncentres; c++)
		for (size_t m = 0; cin[c] && m < b->nmonths; m++) {
			out->months[m].families += b->months[c * b->nmonths + m].families;
			out->months[m].children += b->months[c * b->nmonths + m].children;
		}
	for (size_t c = 0; c <= b->ncentres; c++)
		if (cin[c])
			out->unseen += b->unseen[c];
	pack_trend_build(b->trend, type, code, out);
	pack_area_ranks_build(b->ranks, type, code, out);
	for (size_t i = 0; i < out->nmonths; i++) {
		out->months_families += out->months[i].families;
		out->months_children += out->months[i].children;
	}
	pack_cautions_build(out);
	ret = 0;
out:
	free(in);
	free(cin);
	return ret;
}

static void count_release(struct pack_count *c)
{
	free(c->code);
	free(c->label);
}

void pack_release(struct pack *p)
{
	free(p->code);
	free(p->name);
	free(p->sources);
	for (size_t i = 0; i < p->nbars; i++)
		free(p->bars[i].label);
	free(p->bars);
	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++)
		count_release(&p->ethnic[e]);
	for (size_t i = 0; i < p->nlanguages; i++)
		count_release(&p->languages[i]);
	free(p->languages);
	for (int d = 0; d < 11; d++)
		free(p->deciles[d].label);
	for (int k = 0; k < 3; k++)
		free(p->bands[k].label);
	free(p->months);
	for (size_t i = 0; i < p->nindicators; i++)
		pack_indicator_release(&p->indicators[i]);
	free(p->indicators);
	for (size_t i = 0; i < p->nward_ranks; i++)
		pack_ward_rank_release(&p->ward_ranks[i]);
	free(p->ward_ranks);
	for (size_t i = 0; i < p->ncoverage; i++)
		pack_table_release(&p->coverage[i]);
	free(p->coverage);
	pack_extra_release(p);
	pack_trend_release(p);
	pack_area_ranks_release(p);
	memset(p, 0, sizeof(*p));
}
