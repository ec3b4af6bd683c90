/* import.c: load interchange CSV files into the store
 *
 * A file is read one record at a time (csv.c), so its size does not matter.
 * Each record goes through three stages:
 *   1. shape: the header names the columns (any order, any case); a row
 *      must have as many fields as the header;
 *   2. values: every field is checked against its column's type and
 *      normalised into `norm` (postcodes, flags, codes); nothing is written;
 *   3. references and writes: ids of other kinds are looked up (a family
 *      for a person, a person for an attendance row) and then the row is
 *      upserted.
 * A bad row is found in stage 1, 2 or the lookups of stage 3, always before
 * any write, so --skip-bad can drop it cleanly. A write that fails after
 * that is a store failure and rolls the whole file back.
 */
#include "import.h"
#include "../csv/csv.h"
#include "../search/search.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/text.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_TEXT 1000      /* longest text field, in bytes */
#define CACHE_SLOTS 4096   /* direct-mapped lookup cache entries */

/* a fixed-size cache of key -> id, so hot lookups skip the store while
 * memory stays constant however long the file */
struct id_cache {
	struct {
		uint64_t hash; /* 0 = empty */
		char key[72];  /* the key, NUL-terminated */
		int64_t id;    /* its id */
	} slot[CACHE_SLOTS];
};

/* a reach_areas row as read, so shares that add to more than 1 can name their lines */
struct area_line {
	char *lsoa;        /* LSOA code */
	char *centre;      /* centre code */
	size_t line;       /* line in the file */
};

struct importer {
	struct db *db;                  /* the store */
	const struct kind *k;           /* what is being imported */
	const char *path;               /* file name for messages */
	const struct import_opts *o;    /* options */
	int colmap[32];                 /* kind column -> file field, -1 absent */
	size_t nheader;                 /* fields in the header */
	struct csv_reader csv;          /* the file */
	struct buf norm[32];            /* normalised value of each kind column */
	int present[32];                /* the value is not empty */
	int64_t ival[32];               /* parsed integer/flag/date value */
	const char *bad_col;            /* column of the current row's error */
	struct buf why;                 /* reason of the current row's error */
	size_t shown;                   /* errors printed */
	FILE *rejects;                  /* --skip-bad output */
	struct buf rejects_tmp;         /* its temporary name */
	struct db_stmt *st[8];          /* prepared statements of the kind */
	struct id_cache *cache[4];      /* lookups of the kind */
	double last_draw;               /* last progress bar time */
	const char *colname[32];        /* each kind column's name in messages: the file's */
	unsigned char *keep;            /* fields the CSV reader copies (the mapped ones) */
	/* postcodes from the ONS Postcode Directory (see onspd_header) */
	int onspd;                      /* the file is ONSPD-shaped */
	int f_doterm;                   /* its doterm field, -1 if none */
	int filter;                     /* keep only the LSOAs in `lsoas` */
	struct strmap lsoas;            /* the store's LSOA codes, when filtering */
	enum onspd_skip skip;           /* why the current row is left out */
	struct area_line *area_lines;   /* reach_areas: every row read, for the share check */
	size_t narea_lines, area_lines_alloc;
	uint64_t content_hash;          /* FNV-1a of the loaded rows' values: tells a re-import */
	/* attendance: register rows and repeated rows by the session's centre */
	struct strmap centre_slot;      /* centre code -> index in centre_counts */
	struct centre_count {
		char *code;
		size_t rows, repeated;
	} *centre_counts;
	size_t ncentre_counts, centre_counts_alloc;
};

void import_opts_init(struct import_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_shown = 20;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ? h : 1;
}

static int cache_get(struct id_cache *c, const char *key, int64_t *id)
{
	uint64_t h = hash_str(key);
	size_t i = h % CACHE_SLOTS;

	if (c->slot[i].hash == h && !strcmp(c->slot[i].key, key)) {
		*id = c->slot[i].id;
		return 1;
	}
	return 0;
}

static void cache_put(struct id_cache *c, const char *key, int64_t id)
{
	uint64_t h = hash_str(key);
	size_t i = h % CACHE_SLOTS;

	if (strlen(key) >= sizeof(c->slot[i].key))
		return;
	c->slot[i].hash = h;
	memcpy(c->slot[i].key, key, strlen(key) + 1);
	c->slot[i].id = id;
}

/* record why the current row is bad; the first reason wins */
static int bad(struct importer *im, const char *col, const char *fmt, ...) ATTR_PRINTF(3, 4);
static int bad(struct importer *im, const char *col, const char *fmt, ...)
{
	va_list ap;

	if (im->why.len)
		return -1;
	im->bad_col = col;
	va_start(ap, fmt);
	buf_vaddf(&im->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- stage 1: the header ---- */

/* the name of header field f as it is matched: trimmed, lower case */
static void header_name(struct importer *im, size_t f, struct buf *name)
{
	buf_reset(name);
	buf_adds(name, csv_field(&im->csv, f));
	str_trim(name->data);
	name->len = strlen(name->data);
	str_lower(name->data);
}

/*
 * The ONS Postcode Directory (ONSPD; the NSPL has the same names) names its
 * columns its own way. The postcode is pcds (also pcd, pcd7, pcd2, pcd8:
 * the same postcode in fixed-width forms); the 2021 LSOA is lsoa21
 * (lsoa21cd in the releases from 2025), the 2011 one lsoa11 (lsoa11cd);
 * doterm is the month a postcode was terminated, empty while it is live.
 * A postcodes file with no `postcode` column but one of these postcode
 * names is read as ONSPD: the best-placed names of each list are mapped
 * onto postcode and lsoa_code, and the other 50-odd columns are skipped
 * without a warning each.
 */
static const char *const onspd_postcode[] = { "pcds", "pcd", "pcd7", "pcd2", "pcd8" };
static const char *const onspd_lsoa[] = { "lsoa21", "lsoa21cd", "lsoa11", "lsoa11cd" };

/* if `name` is in names[] before *best, make it the pick: field f */
static void onspd_pick(const char *const *names, size_t n, const char *name, size_t f, int *best,
		       int *field)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name) && (*best < 0 || (int)i < *best)) {
			*best = (int)i;
			*field = (int)f;
			return;
		}
}

/* the store's LSOAs, unless --all-lsoas: when there are some, only they are kept */
static int onspd_load_lsoas(struct importer *im)
{
	struct db_stmt *st;
	enum db_result r;
	int ret = -1;

	if (im->o->all_lsoas)
		return 0;
	if (!(st = db_prepare(im->db, "SELECT code FROM lsoas")))
		return -1;
	while ((r = db_step(st)) == DB_ROW)
		strmap_put(&im->lsoas, db_col_text(st, 0), 1);
	if (r == DB_ERROR) {
		error("cannot read lsoas: %s", db_errmsg(im->db));
		goto out;
	}
	im->filter = im->lsoas.count > 0 ? 1 : -1;
	ret = 0;
out:
	db_finalize(&st);
	return ret;
}

/* 1 the header is ONSPD's and is mapped, 0 it is not ONSPD's, -1 bad header */
static int onspd_header(struct importer *im)
{
	struct buf name = BUF_INIT;
	int pc = -1, lsoa = -1, ret = 0;

	im->f_doterm = -1;
	for (size_t f = 0; f < im->nheader; f++) {
		header_name(im, f, &name);
		if (!strcmp(name.data, "postcode"))
			goto out;
		onspd_pick(onspd_postcode, ARRAY_LEN(onspd_postcode), name.data, f, &pc, &im->colmap[0]);
		onspd_pick(onspd_lsoa, ARRAY_LEN(onspd_lsoa), name.data, f, &lsoa, &im->colmap[1]);
		if (!strcmp(name.data, "doterm"))
			im->f_doterm = (int)f;
	}
	if (pc < 0)
		goto out;
	if (lsoa < 0) {
		ret = error("%s:%zu: column lsoa21: required column is missing from the header "
			    "(a postcode directory needs lsoa21, lsoa21cd, lsoa11 or lsoa11cd)",
			    im->path, im->csv.line);
		goto out;
	}
	im->onspd = 1;
	im->colname[0] = onspd_postcode[pc];
	im->colname[1] = onspd_lsoa[lsoa];
	ret = onspd_load_lsoas(im) ? -1 : 1;
out:
	if (ret <= 0) {
		im->colmap[0] = im->colmap[1] = -1;
		im->f_doterm = -1;
	}
	buf_release(&name);
	return ret;
}

/*
 * ONSPD rows whose LSOA field is not an England or Wales LSOA are left out
 * before any check: empty, a pseudo code (E99999999, L99999999 for the
 * Channel Islands), a Scottish data zone (S01...) or a Northern Irish area.
 * 1 and im->skip if the row is left out.
 */
static int onspd_left_out(struct importer *im)
{
	const char *l = csv_field(&im->csv, (size_t)im->colmap[1]);
	size_t n = csv_field_len(&im->csv, (size_t)im->colmap[1]);

	while (n && (*l == ' ' || *l == '\t'))
		l++, n--;
	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t'))
		n--;
	if (!n || (n == 9 && !memcmp(l + 1, "99999999", 8))) {
		im->skip = ONSPD_NO_LSOA;
		return 1;
	}
	if (n < 3 || !strchr("EeWw", l[0]) || l[1] != '0' || l[2] != '1') {
		im->skip = ONSPD_NOT_EW;
		return 1;
	}
	return 0;
}

/* after the value checks: 0 keep, 1 bad LSOA code, 2 left out (not the authority's) */
static int onspd_keep(struct importer *im)
{
	struct buf *l = &im->norm[1];
	int64_t unused;

	str_upper(l->data);
	if (l->len != 9 || strspn(l->data + 3, "0123456789") != 6)
		return bad(im, im->colname[1], "'%s' is not an LSOA code (E01 or W01 and 6 digits)",
			   l->data), 1;
	if (im->filter > 0 && !strmap_get(&im->lsoas, l->data, &unused)) {
		im->skip = ONSPD_OUTSIDE;
		return 2;
	}
	return 0;
}

/* the row's postcode is terminated: ONSPD's doterm is set */
static int onspd_terminated(struct importer *im)
{
	const char *t;

	if (im->f_doterm < 0)
		return 0;
	t = csv_field(&im->csv, (size_t)im->f_doterm);
	return t[strspn(t, " \t")] != '\0';
}

static int read_header(struct importer *im)
{
	const struct kind *k = im->k;
	struct buf name = BUF_INIT;
	int ret = -1;

	for (size_t c = 0; c < k->ncols; c++)
		im->colmap[c] = -1;
	switch (csv_read(&im->csv)) {
	case 0:
		return error("%s: the file is empty (expected a header row naming the columns of '%s')",
			     im->path, k->name);
	case -1:
		return error("%s:%s (malformed CSV)", im->path, im->csv.err + 5);
	default:
		break;
	}
	im->nheader = im->csv.nfields;
	if (k->id == KIND_POSTCODES) {
		int r = onspd_header(im);
		if (r)
			return r < 0 ? -1 : 0;
	}
	for (size_t f = 0; f < im->csv.nfields; f++) {
		size_t c;

		header_name(im, f, &name);
		for (c = 0; c < k->ncols; c++)
			if (!strcmp(k->cols[c].name, name.data))
				break;
		if (c == k->ncols) {
			if (!im->o->quiet)
				warning("%s:%zu: column %s: not a column of '%s', ignored", im->path,
					im->csv.line, name.len ? name.data : "(empty)", k->name);
		} else if (im->colmap[c] >= 0) {
			error("%s:%zu: column %s: appears twice in the header", im->path, im->csv.line,
			      name.data);
			goto out;
		} else {
			im->colmap[c] = (int)f;
		}
	}
	for (size_t c = 0; c < k->ncols; c++)
		if (k->cols[c].required && im->colmap[c] < 0) {
			error("%s:%zu: column %s: required column is missing from the header", im->path,
			      im->csv.line, k->cols[c].name);
			goto out;
		}
	ret = 0;
out:
	buf_release(&name);
	return ret;
}

/* ---- stage 2: values ---- */

static int check_value(struct importer *im, size_t c, const char *raw, size_t rawlen)
{
	const struct column *col = &im->k->cols[c];
	const char *name = im->colname[c];
	struct buf *n = &im->norm[c];
	int64_t v;

	buf_reset(n);
	im->present[c] = 0;
	im->ival[c] = 0;
	if (!utf8_valid(raw, rawlen))
		return bad(im, name, "is not valid UTF-8 (save the file as UTF-8)");
	if (rawlen > MAX_TEXT)
		return bad(im, name, "is longer than %d bytes", MAX_TEXT);
	buf_add(n, raw, rawlen);
	if (col->type != COL_TEXT) {
		str_trim(n->data);
		n->len = strlen(n->data);
	}
	if (!n->len || (col->type == COL_TEXT && !n->data[strspn(n->data, " \t")])) {
		if (col->required)
			return bad(im, name, "is empty but required");
		buf_reset(n);
		return 0;
	}
	im->present[c] = 1;
	switch (col->type) {
	case COL_ID:
	case COL_CODE:
		if (!id_valid(n->data))
			return bad(im, name, "'%s' is not a valid %s (1-64 letters, digits, '-' or '_')",
				   n->data, col->type == COL_ID ? "id" : "code");
		break;
	case COL_TEXT:
		break;
	case COL_ACTIVITY:
		break;
	case COL_DATE: {
		int32_t d;
		if (date_parse(n->data, &d))
			return bad(im, name, "'%s' is not a date (YYYY-MM-DD)", n->data);
		im->ival[c] = d;
		break;
	}
	case COL_FLAG: {
		enum flag f;
		if (flag_parse(n->data, &f))
			return bad(im, name, "'%s' is not a flag (y, n or empty)", n->data);
		im->ival[c] = f;
		buf_reset(n);
		buf_adds(n, flag_name(f));
		break;
	}
	case COL_POSTCODE: {
		struct buf pc = BUF_INIT;
		if (postcode_normalise(n->data, &pc)) {
			buf_release(&pc);
			return bad(im, name, "'%s' is not a UK postcode", n->data);
		}
		buf_reset(n);
		buf_add(n, pc.data, pc.len);
		buf_release(&pc);
		break;
	}
	case COL_INT:
		if (parse_i64(n->data, INT64_MIN, INT64_MAX, &v))
			return bad(im, name, "'%s' is not a whole number", n->data);
		if (v < col->min || v > col->max)
			return bad(im, name, "%s is out of range (%d to %d)", n->data, col->min,
				   col->max);
		im->ival[c] = v;
		break;
	case COL_NUMBER: {
		double d;
		if (parse_double(n->data, &d))
			return bad(im, name, "'%s' is not a number", n->data);
		break;
	}
	case COL_SHARE:
		switch (parse_millionths(n->data, &v)) {
		case -1:
			return bad(im, col->name, "'%s' is not a number (a share above 0 and at most 1, such as 0.25)",
				   n->data);
		case -2:
			return bad(im, col->name, "'%s' has more than 6 decimals", n->data);
		}
		if (v <= 0)
			return bad(im, col->name, "%s is not above 0 (a share is above 0 and at most 1; leave it "
				   "empty for a whole LSOA)", n->data);
		if (v > 1000000)
			return bad(im, col->name, "%s is more than 1 (a share is above 0 and at most 1)", n->data);
		im->ival[c] = v;
		break;
	case COL_AREA_TYPE:
		str_lower(n->data);
		/* national (or england): a documented extension, the figure for England */
		if (!strcmp(n->data, "england")) {
			buf_reset(n);
			buf_adds(n, "national");
		}
		if (strcmp(n->data, "la") && strcmp(n->data, "ward") && strcmp(n->data, "lsoa") &&
		    strcmp(n->data, "national"))
			return bad(im, name, "'%s' is not an area type (la, ward, lsoa or national)", raw);
		break;
	case COL_ROLE:
		str_lower(n->data);
		if (strcmp(n->data, "child") && strcmp(n->data, "carer"))
			return bad(im, name, "'%s' is not a role (child or carer)", raw);
		break;
	case COL_RELATIONSHIP:
		str_lower(n->data);
		if (strcmp(n->data, "mother") && strcmp(n->data, "father") && strcmp(n->data, "other"))
			return bad(im, name, "'%s' is not a relationship (mother, father or other)",
				   raw);
		break;
	case COL_SEX:
		str_lower(n->data);
		if (!strcmp(n->data, "f") || !strcmp(n->data, "m")) {
			const char *full = n->data[0] == 'f' ? "female" : "male";
			buf_reset(n);
			buf_adds(n, full);
		}
		if (strcmp(n->data, "female") && strcmp(n->data, "male") && strcmp(n->data, "other"))
			return bad(im, name, "'%s' is not a sex (female, male or other)", raw);
		break;
	case COL_ETHNICITY:
		str_upper(n->data);
		if (!ethnicity_valid(n->data))
			return bad(im, name, "'%s' is not a DfE ethnicity code (such as WBRI, BAFR, ABAN, REFU, NOBT)",
				   n->data);
		break;
	case COL_LANGUAGES: {
		struct buf out = BUF_INIT;
		const char *p = n->data;
		int ret = 0;
		while (*p) {
			const char *e = strchr(p, ';');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			while (len && (*p == ' ' || *p == '\t'))
				p++, len--;
			while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
				len--;
			if (len) {
				if (!language_valid(p, len)) {
					ret = bad(im, name,
						  "'%.*s' is not a language code (2 or 3 letters, such as en, ar, bn)",
						  (int)len, p);
					break;
				}
				if (out.len)
					buf_addch(&out, ';');
				buf_add(&out, p, len);
			}
			p += e ? (size_t)(e - p) + 1 : strlen(p);
		}
		str_lower(out.data);
		buf_reset(n);
		buf_add(n, out.data, out.len);
		buf_release(&out);
		im->present[c] = n->len > 0;
		return ret;
	}
	}
	return 0;
}

/* ---- stage 3: lookups and writes, per kind ---- */

static const char *val(struct importer *im, size_t c)
{
	return im->present[c] ? im->norm[c].data : NULL;
}

static void bind_val(struct db_stmt *st, int idx, struct importer *im, size_t c)
{
	db_bind_text(st, idx, val(im, c));
}

static void bind_flag(struct db_stmt *st, int idx, struct importer *im, size_t c)
{
	if (im->present[c] && im->ival[c] != FLAG_UNKNOWN)
		db_bind_int(st, idx, im->ival[c]);
	else
		db_bind_null(st, idx);
}

static void bind_int(struct db_stmt *st, int idx, struct importer *im, size_t c)
{
	if (im->present[c])
		db_bind_int(st, idx, im->ival[c]);
	else
		db_bind_null(st, idx);
}

/* run a statement that returns no rows; -1 on store failure */
static int run(struct importer *im, struct db_stmt *st)
{
	enum db_result r = db_step(st);

	db_reset(st);
	if (r == DB_ERROR)
		return error("%s:%zu: the store refused the row: %s", im->path, im->csv.line,
			     db_errmsg(im->db));
	return 0;
}

/*
 * Look up an id by one text key, through the cache. Returns 1 found,
 * 0 not found, -1 store failure.
 */
static int lookup(struct importer *im, struct db_stmt *st, struct id_cache *c, const char *key,
		  int64_t *id)
{
	enum db_result r;

	if (c && cache_get(c, key, id))
		return 1;
	db_bind_text(st, 1, key);
	r = db_step(st);
	if (r == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	if (r == DB_ERROR)
		return error("%s:%zu: store lookup failed: %s", im->path, im->csv.line,
			     db_errmsg(im->db));
	if (r == DB_ROW && c)
		cache_put(c, key, *id);
	return r == DB_ROW;
}

/* statements per kind, in the order the row functions use them */
static const char *const kind_sql[KIND_COUNT][8] = {
	[KIND_LSOAS] = {
		"INSERT INTO lsoas(code, name, ward_code, ward_name, la_code, la_name, idaci_decile, imd_decile) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
		"ward_code = excluded.ward_code, ward_name = excluded.ward_name, la_code = excluded.la_code, "
		"la_name = excluded.la_name, idaci_decile = excluded.idaci_decile, imd_decile = excluded.imd_decile" },
	[KIND_POSTCODES] = {
		"INSERT INTO postcodes(postcode, lsoa_code) VALUES (?, ?) "
		"ON CONFLICT(postcode) DO UPDATE SET lsoa_code = excluded.lsoa_code" },
	[KIND_POPULATION] = {
		"SELECT 1 FROM lsoas WHERE code = ?",
		"INSERT INTO population(lsoa_code, year, age, count) VALUES (?, ?, ?, ?) "
		"ON CONFLICT(lsoa_code, year, age) DO UPDATE SET count = excluded.count" },
	[KIND_CENTRES] = {
		"INSERT INTO centres(code, name, cluster, postcode) VALUES (?, ?, ?, ?) "
		"ON CONFLICT(code) DO UPDATE SET name = excluded.name, cluster = excluded.cluster, "
		"postcode = excluded.postcode" },
	[KIND_REACH_AREAS] = {
		"SELECT id FROM centres WHERE code = ?",
		"SELECT 1 FROM lsoas WHERE code = ?",
		"INSERT INTO reach_areas(centre_id, lsoa_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
		"INSERT INTO reach_area_shares(centre_id, lsoa_code, share_ppm) VALUES (?, ?, ?) "
		"ON CONFLICT(centre_id, lsoa_code) DO UPDATE SET share_ppm = excluded.share_ppm",
		"DELETE FROM reach_area_shares WHERE centre_id = ? AND lsoa_code = ?" },
	[KIND_FAMILIES] = {
		"SELECT id FROM centres WHERE code = ?",
		"INSERT INTO families(ext_id, postcode, lone_parent, workless, centre_id) VALUES (?, ?, ?, ?, ?) "
		"ON CONFLICT(ext_id) DO UPDATE SET postcode = excluded.postcode, lone_parent = excluded.lone_parent, "
		"workless = excluded.workless, centre_id = excluded.centre_id" },
	[KIND_PEOPLE] = {
		"SELECT id FROM families WHERE ext_id = ?",
		"INSERT INTO people(ext_id, family_id, role, relationship, first_name, last_name, date_of_birth, "
		"sex, ethnicity, disabled, registered_on, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT(ext_id) DO UPDATE SET family_id = excluded.family_id, role = excluded.role, "
		"relationship = excluded.relationship, first_name = excluded.first_name, "
		"last_name = excluded.last_name, date_of_birth = excluded.date_of_birth, sex = excluded.sex, "
		"ethnicity = excluded.ethnicity, disabled = excluded.disabled, "
		"registered_on = excluded.registered_on, name_key = excluded.name_key",
		"DELETE FROM person_languages WHERE person_id = ? AND position >= ?",
		"INSERT INTO person_languages(person_id, position, code) VALUES (?, ?, ?) "
		"ON CONFLICT(person_id, position) DO UPDATE SET code = excluded.code",
		"SELECT id FROM people WHERE ext_id = ?",
		"SELECT max(position) FROM person_languages WHERE person_id = ?" },
	[KIND_ATTENDANCE] = {
		"SELECT id FROM people WHERE ext_id = ?",
		"SELECT id FROM centres WHERE code = ?",
		"SELECT id FROM activities WHERE name = ?",
		"INSERT INTO activities(name) VALUES (?) RETURNING id",
		"INSERT INTO sessions(centre_id, activity_id, day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		"SELECT id FROM sessions WHERE centre_id = ? AND activity_id = ? AND day = ?",
		"INSERT INTO attendance(day, person_id, session_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING" },
	[KIND_BIRTHS] = {
		"INSERT INTO births(ext_id, first_name, last_name, date_of_birth, sex, postcode, mother_first_name, "
		"mother_last_name, mother_date_of_birth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT(ext_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, "
		"date_of_birth = excluded.date_of_birth, sex = excluded.sex, postcode = excluded.postcode, "
		"mother_first_name = excluded.mother_first_name, mother_last_name = excluded.mother_last_name, "
		"mother_date_of_birth = excluded.mother_date_of_birth" },
	[KIND_INDICATORS] = {
		"SELECT 1 FROM lsoas WHERE la_code = ? LIMIT 1",
		"SELECT 1 FROM lsoas WHERE ward_code = ? LIMIT 1",
		"SELECT 1 FROM lsoas WHERE code = ?",
		"INSERT INTO indicators(indicator, area_type, area_code, period, value, numerator, denominator, "
		"unit, source, published_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		"ON CONFLICT(indicator, area_type, area_code, period) DO UPDATE SET value = excluded.value, "
		"numerator = excluded.numerator, denominator = excluded.denominator, unit = excluded.unit, "
		"source = excluded.source, published_on = excluded.published_on" },
};

/* bind kind columns [0, n) to placeholders 1..n in order */
static void bind_all(struct importer *im, struct db_stmt *st, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		switch (im->k->cols[c].type) {
		case COL_FLAG:
			bind_flag(st, (int)c + 1, im, c);
			break;
		case COL_INT:
			bind_int(st, (int)c + 1, im, c);
			break;
		default:
			bind_val(st, (int)c + 1, im, c);
			break;
		}
	}
}

/* one attendance row at `centre`'s session; repeated: it was recorded already */
static void count_attendance(struct importer *im, const char *centre, int repeated)
{
	struct centre_count *cc;
	int64_t i;

	if (!strmap_get(&im->centre_slot, centre, &i)) {
		XGROW(im->centre_counts, im->centre_counts_alloc, im->ncentre_counts + 1);
		i = (int64_t)im->ncentre_counts++;
		im->centre_counts[i].code = xstrdup(centre);
		im->centre_counts[i].rows = im->centre_counts[i].repeated = 0;
		strmap_put(&im->centre_slot, centre, i);
	}
	cc = &im->centre_counts[i];
	cc->rows++;
	cc->repeated += repeated != 0;
}

/* fold a loaded row's values into the content hash: the same rows give the
 * same hash whatever the column order, quoting or header spelling */
static void hash_row(struct importer *im)
{
	uint64_t h = im->content_hash ? im->content_hash : 1469598103934665603ULL;

	for (size_t c = 0; c < im->k->ncols; c++) {
		const unsigned char *p = (const unsigned char *)im->norm[c].data;

		for (size_t i = 0; i < im->norm[c].len; i++)
			h = (h ^ p[i]) * 1099511628211ULL;
		h = (h ^ 0x1f) * 1099511628211ULL;
	}
	im->content_hash = (h ^ 0x1e) * 1099511628211ULL;
}

/*
 * Check the references of a row and write it. 0 written, 1 bad row (reason
 * recorded), -1 store failure.
 */
static int write_row(struct importer *im)
{
	struct db_stmt **st = im->st;
	int64_t id = 0, id2 = 0, id3 = 0;
	int r;

	switch (im->k->id) {
	case KIND_LSOAS:
	case KIND_POSTCODES:
	case KIND_CENTRES:
	case KIND_BIRTHS:
		bind_all(im, st[0], im->k->ncols);
		return run(im, st[0]);
	case KIND_POPULATION:
		if ((r = lookup(im, st[0], im->cache[0], val(im, 0), &id)) <= 0)
			return r < 0 ? -1 : (bad(im, "lsoa_code", "LSOA '%s' is not in lsoas (import lsoas first)",
						 val(im, 0)), 1);
		bind_all(im, st[1], 4);
		return run(im, st[1]);
	case KIND_REACH_AREAS:
		if ((r = lookup(im, st[0], im->cache[0], val(im, 0), &id)) <= 0)
			return r < 0 ? -1 : (bad(im, "centre_code", "centre '%s' is not in centres (import centres first)",
						 val(im, 0)), 1);
		if ((r = lookup(im, st[1], im->cache[1], val(im, 1), &id2)) <= 0)
			return r < 0 ? -1 : (bad(im, "lsoa_code", "LSOA '%s' is not in lsoas (import lsoas first)",
						 val(im, 1)), 1);
		db_bind_int(st[2], 1, id);
		bind_val(st[2], 2, im, 1);
		if (run(im, st[2]))
			return -1;
		/* a share of 1 is the whole LSOA, kept as no share; a row replaces the share it had */
		if (im->present[2] && im->ival[2] < 1000000) {
			db_bind_int(st[3], 1, id);
			bind_val(st[3], 2, im, 1);
			db_bind_int(st[3], 3, im->ival[2]);
			r = run(im, st[3]);
		} else {
			db_bind_int(st[4], 1, id);
			bind_val(st[4], 2, im, 1);
			r = run(im, st[4]);
		}
		if (!r) {
			struct area_line *al;

			XGROW(im->area_lines, im->area_lines_alloc, im->narea_lines + 1);
			al = &im->area_lines[im->narea_lines++];
			al->lsoa = xstrdup(val(im, 1));
			al->centre = xstrdup(val(im, 0));
			al->line = im->csv.line;
		}
		return r;
	case KIND_FAMILIES:
		if (im->present[4] && (r = lookup(im, st[0], im->cache[0], val(im, 4), &id)) <= 0)
			return r < 0 ? -1 : (bad(im, "centre_code", "centre '%s' is not in centres (import centres first)",
						 val(im, 4)), 1);
		bind_all(im, st[1], 4);
		if (im->present[4])
			db_bind_int(st[1], 5, id);
		else
			db_bind_null(st[1], 5);
		return run(im, st[1]);
	case KIND_PEOPLE: {
		struct buf key = BUF_INIT;
		const char *p;
		int pos = 0;

		if ((r = lookup(im, st[0], im->cache[0], val(im, 1), &id)) <= 0)
			return r < 0 ? -1 : (bad(im, "family_id", "family '%s' is not in families (import families first)",
						 val(im, 1)), 1);
		bind_val(st[1], 1, im, 0);
		db_bind_int(st[1], 2, id);
		for (int c = 2; c <= 8; c++)
			bind_val(st[1], c + 1, im, (size_t)c);
		bind_flag(st[1], 10, im, 10);
		bind_val(st[1], 11, im, 11);
		name_key(val(im, 5), &key);
		db_bind_text(st[1], 12, key.data);
		buf_release(&key);
		if (run(im, st[1]))
			return -1;
		/* a new row's id is the last rowid; an updated one's must be looked up */
		if ((r = lookup(im, st[4], NULL, val(im, 0), &id2)) <= 0)
			return r < 0 ? -1 : error("%s:%zu: person '%s' vanished on insert", im->path,
						  im->csv.line, val(im, 0));
		for (p = im->norm[9].data; im->present[9] && *p;) {
			const char *e = strchr(p, ';');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			db_bind_int(st[3], 1, id2);
			db_bind_int(st[3], 2, pos++);
			db_bind_textn(st[3], 3, p, (int)len);
			if (run(im, st[3]))
				return -1;
			p += len + (e ? 1 : 0);
		}
		/* drop languages a re-import no longer lists; deleting is dear, so only when needed */
		db_bind_int(st[5], 1, id2);
		if (db_step(st[5]) == DB_ROW && !db_col_null(st[5], 0) && db_col_int(st[5], 0) >= pos) {
			db_reset(st[5]);
			db_bind_int(st[2], 1, id2);
			db_bind_int(st[2], 2, pos);
			return run(im, st[2]);
		}
		db_reset(st[5]);
		return 0;
	}
	case KIND_ATTENDANCE: {
		enum db_result dr;
		int64_t session = 0;
		char skey[72];

		if ((r = lookup(im, st[0], im->cache[0], val(im, 0), &id)) <= 0)
			return r < 0 ? -1 : (bad(im, "person_id", "person '%s' is not in people (import people first)",
						 val(im, 0)), 1);
		if ((r = lookup(im, st[1], im->cache[1], val(im, 1), &id2)) <= 0)
			return r < 0 ? -1 : (bad(im, "centre_code", "centre '%s' is not in centres (import centres first)",
						 val(im, 1)), 1);
		if ((r = lookup(im, st[2], im->cache[2], val(im, 2), &id3)) < 0)
			return -1;
		if (!r) {
			db_bind_text(st[3], 1, val(im, 2));
			dr = db_step(st[3]);
			if (dr == DB_ROW)
				id3 = db_col_int(st[3], 0);
			db_reset(st[3]);
			if (dr != DB_ROW)
				return error("%s:%zu: the store refused the activity: %s", im->path,
					     im->csv.line, db_errmsg(im->db));
			cache_put(im->cache[2], val(im, 2), id3);
		}
		snprintf(skey, sizeof(skey), "%lld:%lld:%lld", (long long)id2, (long long)id3,
			 (long long)im->ival[3]);
		if (cache_get(im->cache[3], skey, &session))
			goto attend;
		db_bind_int(st[5], 1, id2);
		db_bind_int(st[5], 2, id3);
		db_bind_int(st[5], 3, im->ival[3]);
		dr = db_step(st[5]);
		if (dr == DB_ROW)
			session = db_col_int(st[5], 0);
		db_reset(st[5]);
		if (dr == DB_ERROR)
			return error("%s:%zu: store lookup failed: %s", im->path, im->csv.line,
				     db_errmsg(im->db));
		if (dr == DB_DONE) {
			db_bind_int(st[4], 1, id2);
			db_bind_int(st[4], 2, id3);
			db_bind_int(st[4], 3, im->ival[3]);
			if (run(im, st[4]))
				return -1;
			session = db_last_id(im->db);
		}
		cache_put(im->cache[3], skey, session);
attend:
		db_bind_int(st[6], 1, im->ival[3]);
		db_bind_int(st[6], 2, id);
		db_bind_int(st[6], 3, session);
		if (run(im, st[6]))
			return -1;
		/* nothing inserted: the person and session were recorded already */
		count_attendance(im, val(im, 1), db_changes(im->db) == 0);
		return 0;
	}
	case KIND_INDICATORS: {
		const char *type = val(im, 1);
		int which = !strcmp(type, "la") ? 0 : !strcmp(type, "ward") ? 1 : 2;
		/* a national figure refers to no area of the LA's */
		if (strcmp(type, "national") && (r = lookup(im, st[which], im->cache[which], val(im, 2), &id)) <= 0)
			return r < 0 ? -1 : (bad(im, "area_code", "%s '%s' is not in lsoas (import lsoas first)",
						 which == 0 ? "LA" : which == 1 ? "ward" : "LSOA", val(im, 2)), 1);
		bind_all(im, st[3], im->k->ncols);
		return run(im, st[3]);
	}
	case KIND_COUNT:
		break;
	}
	BUG("unknown kind %d", (int)im->k->id);
}

/* ---- reach areas: shares of one LSOA over all centres ---- */

static int cmp_area_line(const void *a, const void *b)
{
	const struct area_line *x = a, *y = b;
	int c = strcmp(x->lsoa, y->lsoa);

	return c ? c : x->line < y->line ? -1 : x->line > y->line;
}

/* 1 if the file has a row for centre in the run lines[0..n) (one LSOA) */
static int in_file(const struct area_line *lines, size_t n, const char *centre)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(lines[i].centre, centre))
			return 1;
	return 0;
}

/*
 * After a reach_areas file is written (inside its transaction), the store
 * holds the file's rows and the rows it did not replace. An LSOA given
 * out in shares must not be given out more than once over: its shares
 * (a row with no share counting as 1) may add to at most 1. Each LSOA
 * that does is one line naming the file's lines and the rows already in
 * the store. Returns the number of such LSOAs, -1 on a store failure.
 */
static int check_shares(struct importer *im)
{
	struct db_stmt *over = NULL, *rows = NULL;
	enum db_result r;
	int found = 0, ret = -1;

	if (!im->narea_lines)
		return 0;
	qsort(im->area_lines, im->narea_lines, sizeof(*im->area_lines), cmp_area_line);
	over = db_prepare(im->db,
		"SELECT sum(coalesce(s.share_ppm, 1000000)), count(s.share_ppm) FROM reach_areas r "
		"LEFT JOIN reach_area_shares s ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code "
		"WHERE r.lsoa_code = ?");
	rows = db_prepare(im->db,
		"SELECT c.code, s.share_ppm FROM reach_areas r JOIN centres c ON c.id = r.centre_id "
		"LEFT JOIN reach_area_shares s ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code "
		"WHERE r.lsoa_code = ? ORDER BY c.code");
	if (!over || !rows)
		goto out;
	for (size_t i = 0, j; i < im->narea_lines; i = j) {
		const struct area_line *first = &im->area_lines[i];
		struct buf why = BUF_INIT, stored = BUF_INIT;
		int64_t sum = 0, nshares = 0;
		char num[32];

		for (j = i; j < im->narea_lines && !strcmp(im->area_lines[j].lsoa, first->lsoa); j++)
			;
		db_bind_text(over, 1, first->lsoa);
		if ((r = db_step(over)) == DB_ROW) {
			sum = db_col_int(over, 0);
			nshares = db_col_int(over, 1);
		}
		db_reset(over);
		if (r == DB_ERROR)
			goto store_fail;
		if (!nshares || sum <= 1000000)
			continue;
		db_bind_text(rows, 1, first->lsoa);
		while ((r = db_step(rows)) == DB_ROW) {
			const char *centre = db_col_text(rows, 0);

			if (in_file(first, j - i, centre))
				continue;
			if (db_col_null(rows, 1))
				snprintf(num, sizeof(num), "whole");
			else
				format_millionths(db_col_int(rows, 1), num);
			buf_addf(&stored, "%s%s %s", stored.len ? ", " : "", centre, num);
		}
		db_reset(rows);
		if (r == DB_ERROR) {
			buf_release(&stored);
			goto store_fail;
		}
		format_millionths(sum, num);
		buf_addf(&why, "column share: the shares of LSOA '%s' add up to %s, more than 1 (line%s ",
			 first->lsoa, num, j - i > 1 ? "s" : "");
		for (size_t k = i; k < j; k++)
			buf_addf(&why, "%s%zu", k == i ? "" : ", ", im->area_lines[k].line);
		if (stored.len)
			buf_addf(&why, "; already imported: %s", stored.data);
		buf_adds(&why, "; a row without a share counts as 1)");
		if (!im->o->quiet)
			fprintf(stderr, "%s:%zu: %s\n", im->path, first->line, why.data);
		buf_release(&why);
		buf_release(&stored);
		found++;
	}
	ret = found;
	goto out;
store_fail:
	error("%s: store lookup failed: %s", im->path, db_errmsg(im->db));
out:
	db_finalize(&over);
	db_finalize(&rows);
	return ret;
}

/* ---- the file ---- */

static void draw_progress(struct importer *im, size_t rows, int done)
{
	double now;
	uint64_t size = im->csv.size;

	if (!im->o->progress)
		return;
	now = now_seconds();
	if (!done && now - im->last_draw < 0.2)
		return;
	im->last_draw = now;
	if (size) {
		int pct = (int)(100.0 * (double)im->csv.consumed / (double)size);
		int bar = pct / 4;
		fprintf(stderr, "\r%-12s [%.*s%*s] %3d%% %zu rows", im->k->name, bar,
			"=========================", 25 - bar, "", pct, rows);
	} else {
		fprintf(stderr, "\r%-12s %zu rows", im->k->name, rows);
	}
	if (done)
		fputc('\n', stderr);
	fflush(stderr);
}

static int open_rejects(struct importer *im)
{
	struct buf line = BUF_INIT;

	buf_addf(&im->rejects_tmp, "%s.tmp", im->o->rejects);
	im->rejects = fopen(im->rejects_tmp.data, "w");
	if (!im->rejects)
		return error("cannot write rejects to '%s': %s", im->rejects_tmp.data, strerror(errno));
	for (size_t f = 0; f < im->nheader; f++)
		csv_add_field(&line, csv_field(&im->csv, f), f == 0);
	csv_add_field(&line, "reject_line", im->nheader == 0);
	csv_add_field(&line, "reject_reason", 0);
	buf_addch(&line, '\n');
	fwrite(line.data, 1, line.len, im->rejects);
	buf_release(&line);
	return 0;
}

static void reject_row(struct importer *im, const char *reason)
{
	struct buf line = BUF_INIT;
	char num[32];

	if (!im->rejects)
		return;
	for (size_t f = 0; f < im->csv.nfields; f++)
		csv_add_field(&line, csv_field(&im->csv, f), f == 0);
	snprintf(num, sizeof(num), "%zu", im->csv.line);
	csv_add_field(&line, num, im->csv.nfields == 0);
	csv_add_field(&line, reason, 0);
	buf_addch(&line, '\n');
	fwrite(line.data, 1, line.len, im->rejects);
	buf_release(&line);
}

/* check the shape and values of the current record; 0 good, 1 bad, 2 left out (im->skip) */
static int check_row(struct importer *im)
{
	const struct kind *k = im->k;

	buf_reset(&im->why);
	im->bad_col = NULL;
	if (im->csv.nfields != im->nheader) {
		if (im->csv.nfields < im->nheader) {
			const char *missing = "?";
			for (size_t c = 0; c < k->ncols; c++)
				if (im->colmap[c] >= (int)im->csv.nfields) {
					missing = k->cols[c].name;
					break;
				}
			bad(im, missing, "missing: the row has %zu fields but the header has %zu",
			    im->csv.nfields, im->nheader);
		} else {
			bad(im, "?", "the row has %zu fields but the header has %zu", im->csv.nfields,
			    im->nheader);
		}
		return 1;
	}
	if (im->onspd && onspd_left_out(im))
		return 2;
	for (size_t c = 0; c < k->ncols; c++) {
		int f = im->colmap[c];
		if (f < 0) {
			buf_reset(&im->norm[c]);
			im->present[c] = 0;
			continue;
		}
		if (check_value(im, c, csv_field(&im->csv, (size_t)f), csv_field_len(&im->csv, (size_t)f)))
			return 1;
	}
	return im->onspd ? onspd_keep(im) : 0;
}

static void report_bad(struct importer *im, struct import_stats *stats)
{
	struct buf reason = BUF_INIT;

	stats->rejected++;
	buf_addf(&reason, "column %s: %s", im->bad_col ? im->bad_col : "?", im->why.data);
	if (im->shown < im->o->max_shown && !im->o->quiet) {
		fprintf(stderr, "%s:%zu: %s\n", im->path, im->csv.line, reason.data);
		im->shown++;
	}
	reject_row(im, reason.data);
	buf_release(&reason);
}

/*
 * Write the file to the import log (imports) and, for attendance, its
 * register rows and repeated rows by centre (import_centres). A file whose
 * name (made absolute) or whose rows are those of an earlier import of the
 * same kind is a re-import: its rows already in the store are the earlier
 * import's, not repeats, so it adds no count. 0 or -1 (store failure).
 */
static int log_import(struct importer *im, struct import_stats *stats)
{
	struct db_stmt *st = NULL;
	enum db_result r;
	char hash[17], *abs = realpath(im->path, NULL);
	const char *name = abs ? abs : im->path;
	int64_t earlier = 0, id;
	int ret = -1;

	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)im->content_hash);
	if (!(st = db_prepare(im->db, "SELECT id, imported_at FROM imports WHERE kind = ? "
			      "AND (file_name = ? OR (content_hash = ? AND loaded > 0)) ORDER BY id LIMIT 1")))
		goto out;
	db_bind_text(st, 1, im->k->name);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, hash);
	r = db_step(st);
	if (r == DB_ERROR)
		goto out;
	if (r == DB_ROW) {
		earlier = db_col_int(st, 0);
		stats->reimport = 1;
		snprintf(stats->reimport_at, sizeof(stats->reimport_at), "%s", db_col_text(st, 1));
		stats->repeated = 0;
	}
	db_finalize(&st);
	if (!(st = db_prepare(im->db, "INSERT INTO imports(kind, file_name, content_hash, rows, loaded, "
			      "repeated_rows, reimport_of) VALUES (?, ?, ?, ?, ?, ?, ?)")))
		goto out;
	db_bind_text(st, 1, im->k->name);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, hash);
	db_bind_int(st, 4, (int64_t)stats->rows);
	db_bind_int(st, 5, (int64_t)stats->loaded);
	db_bind_int(st, 6, (int64_t)stats->repeated);
	if (earlier)
		db_bind_int(st, 7, earlier);
	else
		db_bind_null(st, 7);
	if (db_step(st) != DB_DONE)
		goto out;
	db_finalize(&st);
	id = db_last_id(im->db);
	if (earlier || !im->ncentre_counts) {
		ret = 0;
		goto out;
	}
	if (!(st = db_prepare(im->db, "INSERT INTO import_centres(import_id, centre_code, rows, repeated_rows) "
			      "VALUES (?, ?, ?, ?)")))
		goto out;
	for (size_t i = 0; i < im->ncentre_counts; i++) {
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, im->centre_counts[i].code);
		db_bind_int(st, 3, (int64_t)im->centre_counts[i].rows);
		db_bind_int(st, 4, (int64_t)im->centre_counts[i].repeated);
		r = db_step(st);
		db_reset(st);
		if (r != DB_DONE)
			goto out;
	}
	ret = 0;
out:
	if (ret)
		error("%s: cannot write the import log: %s", im->path, db_errmsg(im->db));
	db_finalize(&st);
	free(abs);
	return ret;
}

static void importer_release(struct importer *im)
{
	for (size_t i = 0; i < ARRAY_LEN(im->st); i++)
		db_finalize(&im->st[i]);
	for (size_t i = 0; i < ARRAY_LEN(im->cache); i++)
		free(im->cache[i]);
	for (size_t i = 0; i < ARRAY_LEN(im->norm); i++)
		buf_release(&im->norm[i]);
	buf_release(&im->why);
	for (size_t i = 0; i < im->narea_lines; i++) {
		free(im->area_lines[i].lsoa);
		free(im->area_lines[i].centre);
	}
	for (size_t i = 0; i < im->ncentre_counts; i++)
		free(im->centre_counts[i].code);
	free(im->centre_counts);
	strmap_release(&im->centre_slot);
	free(im->area_lines);
	if (im->rejects) {
		fclose(im->rejects);
		unlink(im->rejects_tmp.data);
	}
	buf_release(&im->rejects_tmp);
	strmap_release(&im->lsoas);
	free(im->keep);
	csv_release(&im->csv);
}

enum status import_file(struct db *db, const struct kind *k, const char *path,
			const struct import_opts *o, struct import_stats *stats)
{
	struct importer im;
	struct import_stats local;
	enum status ret = ST_FAIL;
	int in_tx = 0;
	double t0 = now_seconds();

	memset(&im, 0, sizeof(im));
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof(*stats));
	im.db = db;
	im.k = k;
	im.path = path;
	im.o = o;
	for (size_t i = 0; i < ARRAY_LEN(im.norm); i++)
		buf_init(&im.norm[i], 0);
	for (size_t c = 0; c < k->ncols && c < ARRAY_LEN(im.colname); c++)
		im.colname[c] = k->cols[c].name;
	im.f_doterm = -1;
	buf_init(&im.why, 0);
	buf_init(&im.rejects_tmp, 0);
	if (csv_open(&im.csv, path)) {
		error("%s", im.csv.err);
		ret = ST_BAD_INPUT;
		goto out;
	}
	if (read_header(&im)) {
		ret = ST_BAD_INPUT;
		goto out;
	}
	stats->onspd = im.onspd;
	stats->attendance = k->id == KIND_ATTENDANCE;
	stats->lsoa_column = im.onspd ? im.colname[1] : NULL;
	stats->lsoa_filter = im.filter;
	if (!o->rejects) {
		/* only the mapped fields are copied; a rejects file needs them all */
		im.keep = xcalloc(im.nheader + 1, 1);
		for (size_t c = 0; c < k->ncols; c++)
			if (im.colmap[c] >= 0)
				im.keep[im.colmap[c]] = 1;
		if (im.f_doterm >= 0)
			im.keep[im.f_doterm] = 1;
		csv_keep_fields(&im.csv, im.keep, im.nheader);
	}
	for (size_t i = 0; i < ARRAY_LEN(im.st) && kind_sql[k->id][i]; i++)
		if (!(im.st[i] = db_prepare(db, kind_sql[k->id][i])))
			goto out;
	for (size_t i = 0; i < ARRAY_LEN(im.cache); i++)
		im.cache[i] = xcalloc(1, sizeof(*im.cache[i]));
	if (o->rejects && open_rejects(&im))
		goto out;
	if (db_begin(db))
		goto out;
	in_tx = 1;
	for (;;) {
		int r = csv_read(&im.csv);
		if (r == 0)
			break;
		if (r < 0) {
			error("%s:%s (malformed CSV), nothing imported", path, im.csv.err + 5);
			ret = ST_BAD_INPUT;
			goto out;
		}
		stats->rows++;
		r = check_row(&im);
		if (r == 1) {
			report_bad(&im, stats);
		} else if (r == 2) {
			stats->skipped[im.skip]++;
		} else {
			r = write_row(&im);
			if (r < 0)
				goto out;
			if (r > 0) {
				report_bad(&im, stats);
			} else {
				stats->loaded++;
				hash_row(&im);
				if (im.onspd && onspd_terminated(&im))
					stats->terminated++;
			}
		}
		draw_progress(&im, stats->rows, 0);
	}
	draw_progress(&im, stats->rows, 1);
	if (stats->rejected && !o->rejects) {
		if (stats->rejected > im.shown && !o->quiet)
			fprintf(stderr, "%s: ... and %zu more bad rows\n", path, stats->rejected - im.shown);
		error("%s: %zu bad row%s, nothing imported (fix them, or use --skip-bad FILE to load the rest)",
		      path, stats->rejected, stats->rejected == 1 ? "" : "s");
		stats->loaded = 0;
		ret = ST_BAD_INPUT;
		goto out;
	}
	if (k->id == KIND_REACH_AREAS) {
		int over = check_shares(&im);

		if (over < 0)
			goto out;
		if (over) {
			error("%s: %d LSOA%s given out in shares adding up to more than 1, nothing imported",
			      path, over, over == 1 ? "" : "s");
			stats->loaded = 0;
			ret = ST_BAD_INPUT;
			goto out;
		}
	}
	if (im.rejects) {
		int bad_close = fclose(im.rejects);
		im.rejects = NULL;
		if (bad_close || rename(im.rejects_tmp.data, o->rejects)) {
			error("cannot write rejects to '%s': %s", o->rejects, strerror(errno));
			unlink(im.rejects_tmp.data);
			goto out;
		}
	}
	for (size_t i = 0; i < im.ncentre_counts; i++)
		stats->repeated += im.centre_counts[i].repeated;
	if (log_import(&im, stats))
		goto out;
	if ((stats->loaded && db_bump_generation(db)) || db_commit(db))
		goto out;
	in_tx = 0;
	ret = ST_OK;
out:
	if (in_tx)
		db_rollback(db);
	stats->seconds = now_seconds() - t0;
	importer_release(&im);
	return ret;
}

void import_summary(const struct import_stats *s, struct buf *out)
{
	if (s->attendance) {
		if (s->reimport)
			buf_addf(out, "a re-import of a file imported at %s: its rows already in the store "
				 "are not counted as repeated", s->reimport_at);
		else if (s->repeated)
			buf_addf(out, "%zu repeated row%s counted once", s->repeated, s->repeated == 1 ? "" : "s");
		else
			buf_adds(out, "no repeated rows");
		return;
	}
	if (!s->onspd)
		return;
	buf_addf(out, "ONS Postcode Directory, LSOA from %s: %zu rows read, %zu kept (%zu terminated); "
		 "left out: %zu outside the authority's LSOAs, %zu in Scotland or Northern Ireland, "
		 "%zu without an LSOA", s->lsoa_column, s->rows, s->loaded, s->terminated,
		 s->skipped[ONSPD_OUTSIDE], s->skipped[ONSPD_NOT_EW], s->skipped[ONSPD_NO_LSOA]);
	if (s->lsoa_filter == 0)
		buf_adds(out, " (--all-lsoas: every England and Wales LSOA kept)");
	else if (s->lsoa_filter < 0)
		buf_adds(out, " (no lsoas imported yet: every England and Wales LSOA kept)");
}

enum status import_dir(struct db *db, const char *dir, const struct import_opts *o)
{
	for (size_t i = 0; i < KIND_COUNT; i++) {
		struct buf path = BUF_INIT;
		struct import_stats stats;
		enum status st;

		buf_addf(&path, "%s/%s.csv", dir, kinds[i].name);
		if (access(path.data, R_OK)) {
			buf_release(&path);
			continue;
		}
		st = import_file(db, &kinds[i], path.data, o, &stats);
		if (st == ST_OK && !o->quiet) {
			struct buf sum = BUF_INIT;
			import_summary(&stats, &sum);
			fprintf(stderr, "imported %-12s %9zu rows in %.1f s%s%s\n", kinds[i].name,
				stats.loaded, stats.seconds, sum.len ? "; " : "", sum.data);
			buf_release(&sum);
		}
		buf_release(&path);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}
