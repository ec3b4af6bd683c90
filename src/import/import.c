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
#include "../util/text.h"

#include <errno.h>
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

static int read_header(struct importer *im)
{
	const struct kind *k = im->k;
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
	for (size_t f = 0; f < im->csv.nfields; f++) {
		struct buf name = BUF_INIT;
		size_t c;

		buf_adds(&name, csv_field(&im->csv, f));
		str_trim(name.data);
		name.len = strlen(name.data);
		str_lower(name.data);
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
			buf_release(&name);
			goto out;
		} else {
			im->colmap[c] = (int)f;
		}
		buf_release(&name);
	}
	for (size_t c = 0; c < k->ncols; c++)
		if (k->cols[c].required && im->colmap[c] < 0) {
			error("%s:%zu: column %s: required column is missing from the header", im->path,
			      im->csv.line, k->cols[c].name);
			goto out;
		}
	ret = 0;
out:
	return ret;
}

/* ---- stage 2: values ---- */

static int check_value(struct importer *im, size_t c, const char *raw, size_t rawlen)
{
	const struct column *col = &im->k->cols[c];
	struct buf *n = &im->norm[c];
	int64_t v;

	buf_reset(n);
	im->present[c] = 0;
	im->ival[c] = 0;
	if (!utf8_valid(raw, rawlen))
		return bad(im, col->name, "is not valid UTF-8 (save the file as UTF-8)");
	if (rawlen > MAX_TEXT)
		return bad(im, col->name, "is longer than %d bytes", MAX_TEXT);
	buf_add(n, raw, rawlen);
	if (col->type != COL_TEXT) {
		str_trim(n->data);
		n->len = strlen(n->data);
	}
	if (!n->len || (col->type == COL_TEXT && !n->data[strspn(n->data, " \t")])) {
		if (col->required)
			return bad(im, col->name, "is empty but required");
		buf_reset(n);
		return 0;
	}
	im->present[c] = 1;
	switch (col->type) {
	case COL_ID:
	case COL_CODE:
		if (!id_valid(n->data))
			return bad(im, col->name, "'%s' is not a valid %s (1-64 letters, digits, '-' or '_')",
				   n->data, col->type == COL_ID ? "id" : "code");
		break;
	case COL_TEXT:
		break;
	case COL_ACTIVITY:
		break;
	case COL_DATE: {
		int32_t d;
		if (date_parse(n->data, &d))
			return bad(im, col->name, "'%s' is not a date (YYYY-MM-DD)", n->data);
		im->ival[c] = d;
		break;
	}
	case COL_FLAG: {
		enum flag f;
		if (flag_parse(n->data, &f))
			return bad(im, col->name, "'%s' is not a flag (y, n or empty)", n->data);
		im->ival[c] = f;
		buf_reset(n);
		buf_adds(n, flag_name(f));
		break;
	}
	case COL_POSTCODE: {
		struct buf pc = BUF_INIT;
		if (postcode_normalise(n->data, &pc)) {
			buf_release(&pc);
			return bad(im, col->name, "'%s' is not a UK postcode", n->data);
		}
		buf_reset(n);
		buf_add(n, pc.data, pc.len);
		buf_release(&pc);
		break;
	}
	case COL_INT:
		if (parse_i64(n->data, INT64_MIN, INT64_MAX, &v))
			return bad(im, col->name, "'%s' is not a whole number", n->data);
		if (v < col->min || v > col->max)
			return bad(im, col->name, "%s is out of range (%d to %d)", n->data, col->min,
				   col->max);
		im->ival[c] = v;
		break;
	case COL_NUMBER: {
		double d;
		if (parse_double(n->data, &d))
			return bad(im, col->name, "'%s' is not a number", n->data);
		break;
	}
	case COL_AREA_TYPE:
		str_lower(n->data);
		/* national (or england): a documented extension, the figure for England */
		if (!strcmp(n->data, "england")) {
			buf_reset(n);
			buf_adds(n, "national");
		}
		if (strcmp(n->data, "la") && strcmp(n->data, "ward") && strcmp(n->data, "lsoa") &&
		    strcmp(n->data, "national"))
			return bad(im, col->name, "'%s' is not an area type (la, ward, lsoa or national)", raw);
		break;
	case COL_ROLE:
		str_lower(n->data);
		if (strcmp(n->data, "child") && strcmp(n->data, "carer"))
			return bad(im, col->name, "'%s' is not a role (child or carer)", raw);
		break;
	case COL_RELATIONSHIP:
		str_lower(n->data);
		if (strcmp(n->data, "mother") && strcmp(n->data, "father") && strcmp(n->data, "other"))
			return bad(im, col->name, "'%s' is not a relationship (mother, father or other)",
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
			return bad(im, col->name, "'%s' is not a sex (female, male or other)", raw);
		break;
	case COL_ETHNICITY:
		str_upper(n->data);
		if (!ethnicity_valid(n->data))
			return bad(im, col->name, "'%s' is not a DfE ethnicity code (such as WBRI, BAFR, ABAN, REFU, NOBT)",
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
					ret = bad(im, col->name,
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
		"INSERT INTO reach_areas(centre_id, lsoa_code) VALUES (?, ?) ON CONFLICT DO NOTHING" },
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
		return run(im, st[2]);
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
		return run(im, st[6]);
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

/* ---- the file ---- */

static void draw_progress(struct importer *im, size_t rows, int done)
{
	double now = now_seconds();
	uint64_t size = im->csv.size;

	if (!im->o->progress || (!done && now - im->last_draw < 0.2))
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

/* check the shape and values of the current record; 0 good, 1 bad */
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
	return 0;
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

static void importer_release(struct importer *im)
{
	for (size_t i = 0; i < ARRAY_LEN(im->st); i++)
		db_finalize(&im->st[i]);
	for (size_t i = 0; i < ARRAY_LEN(im->cache); i++)
		free(im->cache[i]);
	for (size_t i = 0; i < ARRAY_LEN(im->norm); i++)
		buf_release(&im->norm[i]);
	buf_release(&im->why);
	if (im->rejects) {
		fclose(im->rejects);
		unlink(im->rejects_tmp.data);
	}
	buf_release(&im->rejects_tmp);
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
		if (check_row(&im)) {
			report_bad(&im, stats);
		} else {
			r = write_row(&im);
			if (r < 0)
				goto out;
			if (r > 0)
				report_bad(&im, stats);
			else
				stats->loaded++;
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
	if (im.rejects) {
		int bad_close = fclose(im.rejects);
		im.rejects = NULL;
		if (bad_close || rename(im.rejects_tmp.data, o->rejects)) {
			error("cannot write rejects to '%s': %s", o->rejects, strerror(errno));
			unlink(im.rejects_tmp.data);
			goto out;
		}
	}
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
		if (st == ST_OK && !o->quiet)
			fprintf(stderr, "imported %-12s %9zu rows in %.1f s\n", kinds[i].name, stats.loaded,
				stats.seconds);
		buf_release(&path);
		if (st != ST_OK)
			return st;
	}
	return ST_OK;
}
