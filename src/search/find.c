/* find.c: finding families by ID, postcode or name, best reason first
 *
 * The text is tried as each kind of thing it could be, in rank order:
 * family ID, person ID, postcode, postcode district or sector, exact
 * surname, exact surname with first name, sounds-like surname, sounds-like
 * surname with first name. Every query is driven by an index (the UNIQUE
 * ext_id indexes, families_postcode, people_last_name, people_name_key;
 * tests/unit/find.c checks the plans) and yields family row ids; the first
 * reason a family is seen for is its best, later ones are skipped. The
 * search stops at the first family past the limit, so a common surname
 * costs no more than the families shown. Then each family found is read
 * with its members.
 *
 * First names are compared here rather than in SQL (there is no index on
 * them, and the candidates are already few): folded prefix, or equal key.
 *
 * Then surnames one typing slip away (close spelling). Last, the words
 * are looked up in the address index (family_addresses,
 * full-text, each word a prefix: "12 stat" finds 12 Station Road).
 */
#include "search.h"
#include "../match/match.h"
#include "../store/db.h"
#include "../util/text.h"

#include <stdint.h>
#include <string.h>

enum find_sql_id {
	SQL_FAMILY_ID,
	SQL_PERSON_ID,
	SQL_POSTCODE,
	SQL_POSTCODE_RANGE,
	SQL_SURNAME,
	SQL_NAME_KEY,
	SQL_FAMILY,
	SQL_MEMBERS,
	SQL_ADDRESS,
	SQL_SURNAME_RANGE,
	SQL_COUNT
};

const char *const find_sql[] = {
	[SQL_FAMILY_ID] = "SELECT id FROM families WHERE ext_id IN (?, ?, ?)",
	[SQL_PERSON_ID] = "SELECT family_id FROM people WHERE ext_id IN (?, ?, ?)",
	[SQL_POSTCODE] = "SELECT id FROM families WHERE postcode = ?",
	/* a prefix as a range, so the binary index serves it */
	[SQL_POSTCODE_RANGE] = "SELECT id FROM families WHERE postcode >= ? AND postcode < ? "
			       "ORDER BY postcode",
	[SQL_SURNAME] = "SELECT family_id, first_name FROM people "
			"WHERE last_name = ? COLLATE NOCASE",
	[SQL_NAME_KEY] = "SELECT family_id, first_name FROM people WHERE name_key = ?",
	[SQL_FAMILY] = "SELECT ext_id, postcode FROM families WHERE id = ?",
	[SQL_MEMBERS] = "SELECT ext_id, role, relationship, first_name, last_name, date_of_birth "
			"FROM people WHERE family_id = ? "
			"ORDER BY role <> 'child', date_of_birth IS NULL, date_of_birth, ext_id",
	/* ranked by the index's relevance; the match expression is built below */
	[SQL_ADDRESS] = "SELECT rowid FROM family_addresses WHERE family_addresses MATCH ? ORDER BY rank",
	/* surnames starting with the query's first two letters, for close spellings */
	[SQL_SURNAME_RANGE] = "SELECT family_id, last_name FROM people "
			      "WHERE last_name >= ? COLLATE NOCASE AND last_name < ? COLLATE NOCASE LIMIT 20000",
	[SQL_COUNT] = NULL,
};

/* longest text searched; longer text matches nothing */
#define FIND_MAX_TEXT 200
/* most words tried as first and last name splits */
#define FIND_MAX_WORDS 8

/* a set of family row ids (open addressing) */
struct idset {
	int64_t *ids;        /* slots */
	unsigned char *used; /* 1 where a slot holds an id */
	size_t size;         /* slots, a power of two */
	size_t count;        /* ids held */
};

static size_t idset_slot(const struct idset *s, int64_t id)
{
	uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
	size_t i = (size_t)(h ^ (h >> 29)) & (s->size - 1);

	while (s->used[i] && s->ids[i] != id)
		i = (i + 1) & (s->size - 1);
	return i;
}

static int idset_has(const struct idset *s, int64_t id)
{
	return s->size && s->used[idset_slot(s, id)];
}

static void idset_add(struct idset *s, int64_t id)
{
	size_t i;

	if ((s->count + 1) * 2 > s->size) {
		struct idset bigger = { NULL, NULL, s->size ? s->size * 2 : 64, 0 };

		bigger.ids = xcalloc(bigger.size, sizeof(*bigger.ids));
		bigger.used = xcalloc(bigger.size, 1);
		for (size_t k = 0; k < s->size; k++)
			if (s->used[k])
				idset_add(&bigger, s->ids[k]);
		free(s->ids);
		free(s->used);
		*s = bigger;
	}
	i = idset_slot(s, id);
	if (!s->used[i]) {
		s->used[i] = 1;
		s->ids[i] = id;
		s->count++;
	}
}

static void idset_release(struct idset *s)
{
	free(s->ids);
	free(s->used);
	memset(s, 0, sizeof(*s));
}

/* the state of one search */
struct finder {
	struct db *db;                 /* where to look */
	struct find_result *res;       /* hits so far */
	size_t limit;                  /* most hits, 0 for no limit */
	int64_t *ids;                  /* family row id of each hit */
	size_t ids_alloc;              /* entries allocated in ids */
	struct idset seen;             /* the same ids, to skip repeats */
	int done;                      /* past the limit: stop looking */
	struct db_stmt *st[SQL_COUNT]; /* statements, prepared on first use */
};

/* a first name to match stored first names against */
struct first_name {
	struct buf fold;    /* the query's first name folded */
	struct buf key;     /* its key */
	struct buf scratch; /* for each stored name */
};
#define FIRST_NAME_INIT { BUF_INIT, BUF_INIT, BUF_INIT }

static void first_name_set(struct first_name *fn, const char *s)
{
	buf_reset(&fn->fold);
	buf_reset(&fn->key);
	name_fold(s, &fn->fold);
	name_key(s, &fn->key);
}

static void first_name_release(struct first_name *fn)
{
	buf_release(&fn->fold);
	buf_release(&fn->key);
	buf_release(&fn->scratch);
}

/* does `stored` (s[0..n)) start with, or sound like, the query's first name? */
static int first_name_part_matches(struct first_name *fn, const char *s, size_t n)
{
	struct buf *b = &fn->scratch;
	char *part = xstrndup(s, n);
	int ok = 0;

	buf_reset(b);
	name_fold(part, b);
	if (fn->fold.len && b->len >= fn->fold.len && !memcmp(b->data, fn->fold.data, fn->fold.len)) {
		ok = 1;
		goto out;
	}
	buf_reset(b);
	name_key(part, b);
	ok = fn->key.len && b->len == fn->key.len && !memcmp(b->data, fn->key.data, b->len);
out:
	free(part);
	return ok;
}

/* the whole stored first name, or any of its words ("Nur Jahan", "Anna-Maria") */
static int first_name_matches(struct first_name *fn, const char *stored)
{
	const char *p = stored;

	if (!stored)
		return 0;
	if (first_name_part_matches(fn, stored, strlen(stored)))
		return 1;
	while (*p) {
		size_t n = strcspn(p, " -");

		if (n && p[n] == '\0' && p == stored)
			break; /* one word: done above */
		if (n && first_name_part_matches(fn, p, n))
			return 1;
		p += n;
		p += strspn(p, " -");
	}
	return 0;
}

static int db_fail(struct finder *f)
{
	return error("database '%s': %s", db_path(f->db), db_errmsg(f->db));
}

static struct db_stmt *stmt(struct finder *f, enum find_sql_id which)
{
	if (!f->st[which])
		f->st[which] = db_prepare(f->db, find_sql[which]);
	return f->st[which];
}

/* record a family found for `why`, unless already found; at the limit,
 * a new family marks the result truncated and ends the search */
static void finder_add(struct finder *f, int64_t family, const char *why)
{
	struct find_result *res = f->res;
	struct find_hit *hit;

	if (idset_has(&f->seen, family))
		return;
	if (f->limit && res->nhits >= f->limit) {
		res->truncated = 1;
		f->done = 1;
		return;
	}
	XGROW(res->hits, res->alloc, res->nhits + 1);
	XGROW(f->ids, f->ids_alloc, res->nhits + 1);
	hit = &res->hits[res->nhits];
	memset(hit, 0, sizeof(*hit));
	hit->why = why;
	f->ids[res->nhits++] = family;
	idset_add(&f->seen, family);
}

/*
 * Run statement `which` with text parameters params[0..n); column 0 of
 * each row is a family row id, column 1 (with `first`) a first name that
 * must match. 0, or -1 on a database error (printed).
 */
static int run(struct finder *f, enum find_sql_id which, const char *const *params, int n,
	       const char *why, struct first_name *first)
{
	struct db_stmt *st;
	int ret = -1;

	if (f->done)
		return 0;
	st = stmt(f, which);
	if (!st)
		return -1;
	for (int i = 0; i < n; i++)
		db_bind_text(st, i + 1, params[i]);
	for (;;) {
		enum db_result r = db_step(st);
		int64_t family;

		if (r == DB_DONE)
			break;
		if (r == DB_ERROR) {
			db_fail(f);
			goto out;
		}
		family = db_col_int(st, 0);
		if (idset_has(&f->seen, family))
			continue;
		if (first && !first_name_matches(first, db_col_text(st, 1)))
			continue;
		finder_add(f, family, why);
		if (f->done)
			break;
	}
	ret = 0;
out:
	db_reset(st);
	return ret;
}

static int find_ids(struct finder *f, const char *text)
{
	char *upper = xstrdup(text), *lower = xstrdup(text);
	const char *params[3];
	int ret = -1;

	str_upper(upper);
	str_lower(lower);
	params[0] = text;
	params[1] = upper;
	params[2] = lower;
	if (run(f, SQL_FAMILY_ID, params, 3, "family ID", NULL) ||
	    run(f, SQL_PERSON_ID, params, 3, "person ID", NULL))
		goto out;
	ret = 0;
out:
	free(upper);
	free(lower);
	return ret;
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* outward codes: A9, A99, AA9, AA99, A9A, AA9A (upper case) */
static int outward_shape(const char *o, size_t n)
{
	if (n < 2 || n > 4 || !is_upper(o[0]))
		return 0;
	if (n == 2)
		return is_digit(o[1]);
	if (n == 3)
		return (is_digit(o[1]) && (is_digit(o[2]) || is_upper(o[2]))) ||
		       (is_upper(o[1]) && is_digit(o[2]));
	return is_upper(o[1]) && is_digit(o[2]) && (is_digit(o[3]) || is_upper(o[3]));
}

/*
 * A district ("rv3"), sector ("RV3 4") or sector and half a unit
 * ("RV3 4A"): the prefix of the normalised postcodes it covers ("RV3 ",
 * "RV3 4", "RV3 4A") into out, and 1; 0 if text is none of those.
 */
static int postcode_prefix(const char *text, struct buf *out)
{
	char *s = xstrdup(text);
	char *in;
	size_t on, inn;
	int ret = 0;

	str_upper(s);
	on = strcspn(s, " \t");
	in = s + on;
	in += strspn(in, " \t");
	inn = strlen(in);
	if (!outward_shape(s, on))
		goto out;
	if (inn > 2 || (inn >= 1 && !is_digit(in[0])) || (inn == 2 && !is_upper(in[1])))
		goto out;
	buf_add(out, s, on);
	buf_addch(out, ' ');
	buf_add(out, in, inn);
	ret = 1;
out:
	free(s);
	return ret;
}

static int find_postcode(struct finder *f, const char *text, int *is_postcode)
{
	struct buf pc = BUF_INIT, hi = BUF_INIT;
	const char *params[2];
	int ret = -1;

	*is_postcode = 0;
	if (!postcode_normalise(text, &pc)) {
		*is_postcode = 1;
		params[0] = pc.data;
		if (run(f, SQL_POSTCODE, params, 1, "postcode", NULL))
			goto out;
	} else if (postcode_prefix(text, &pc)) {
		*is_postcode = 1;
		/* every string starting with the prefix sorts below hi */
		buf_add(&hi, pc.data, pc.len);
		hi.data[hi.len - 1]++;
		params[0] = pc.data;
		params[1] = hi.data;
		if (run(f, SQL_POSTCODE_RANGE, params, 2, "postcode", NULL))
			goto out;
	}
	ret = 0;
out:
	buf_release(&pc);
	buf_release(&hi);
	return ret;
}

/* the words of a name, as offsets into one string */
struct words {
	const char *text;                /* the text split */
	size_t start[FIND_MAX_WORDS];    /* where each word begins */
	size_t len[FIND_MAX_WORDS];      /* its length */
	size_t n;                        /* words */
	int more;                        /* there were more than FIND_MAX_WORDS */
};

static void words_split(const char *text, struct words *w)
{
	size_t i = 0;

	memset(w, 0, sizeof(*w));
	w->text = text;
	for (;;) {
		size_t n;

		i += strspn(text + i, " \t");
		n = strcspn(text + i, " \t");
		if (!n)
			break;
		if (w->n == FIND_MAX_WORDS) {
			w->more = 1;
			break;
		}
		w->start[w->n] = i;
		w->len[w->n++] = n;
		i += n;
	}
}

/* words [from, to) joined by single spaces, into out */
static void words_join(const struct words *w, size_t from, size_t to, struct buf *out)
{
	buf_reset(out);
	for (size_t i = from; i < to; i++) {
		if (i > from)
			buf_addch(out, ' ');
		buf_add(out, w->text + w->start[i], w->len[i]);
	}
}

/* one way of reading the text as a first name and a surname */
struct split {
	struct buf first; /* the first name */
	struct buf last;  /* the surname */
	struct buf key;   /* name_key of the surname */
};

/*
 * The first-and-last readings of the text: "last, first" with a comma;
 * otherwise every split point of the words, "first last" then
 * "last first". Returns how many were made (into splits[0..max)).
 */
static size_t make_splits(const char *text, struct split *splits, size_t max)
{
	const char *comma = strchr(text, ',');
	struct words w;
	size_t n = 0;

	if (comma) {
		char *last = xstrndup(text, (size_t)(comma - text));
		char *first = xstrdup(comma + 1);

		str_trim(last);
		str_trim(first);
		/* commas in the first part are noise: "Begum, Aisha," */
		for (char *p = first; *p; p++)
			if (*p == ',')
				*p = ' ';
		if (*last && *first) {
			buf_adds(&splits[0].last, last);
			buf_adds(&splits[0].first, first);
			n = 1;
		}
		free(last);
		free(first);
		goto keys;
	}
	words_split(text, &w);
	if (w.more)
		goto keys;
	for (size_t k = 1; k < w.n && n + 2 <= max; k++) {
		words_join(&w, 0, k, &splits[n].first);
		words_join(&w, k, w.n, &splits[n].last);
		n++;
		words_join(&w, 0, k, &splits[n].last);
		words_join(&w, k, w.n, &splits[n].first);
		n++;
	}
keys:
	for (size_t i = 0; i < n; i++)
		name_key(splits[i].last.data, &splits[i].key);
	return n;
}

/*
 * Small typos the sounds-like key cannot absorb ("Begun" for Begum):
 * surnames that start with the same two letters and are one edit away
 * (two for long names), in the Latin-letter fold. The first two letters
 * must be right, which keeps this a short range of the surname index.
 */
static int find_close_spellings(struct finder *f, const char *surname)
{
	struct buf fold = BUF_INIT, other = BUF_INIT;
	char lo[3], hi[3];
	struct db_stmt *st;
	int maxd, ret = -1;

	name_fold(surname, &fold);
	/* a typed surname: letters, and the hyphens and apostrophes of names */
	if (surname[strspn(surname, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-'")] || fold.len < 4 || fold.data[strspn(fold.data, "abcdefghijklmnopqrstuvwxyz")] ||
	    !(surname[0] >= 'A' && surname[0] <= 'z') || !(surname[1] >= 'A' && surname[1] <= 'z')) {
		ret = 0;
		goto out;
	}
	maxd = fold.len >= 8 ? 2 : 1;
	lo[0] = fold.data[0];
	lo[1] = fold.data[1];
	lo[2] = '\0';
	memcpy(hi, lo, sizeof(hi));
	hi[1]++; /* the next two-letter prefix, as NOCASE compares */
	if (!(st = stmt(f, SQL_SURNAME_RANGE)))
		goto out;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	for (;;) {
		enum db_result r = db_step(st);
		int64_t family;

		if (r == DB_DONE)
			break;
		if (r == DB_ERROR) {
			db_fail(f);
			db_reset(st);
			goto out;
		}
		family = db_col_int(st, 0);
		if (idset_has(&f->seen, family))
			continue;
		buf_reset(&other);
		name_fold(db_col_text(st, 1), &other);
		if (match_osa_distance(fold.data, other.data, maxd) <= maxd)
			finder_add(f, family, "close spelling");
		if (f->done)
			break;
	}
	db_reset(st);
	ret = 0;
out:
	buf_release(&fold);
	buf_release(&other);
	return ret;
}

static int find_names(struct finder *f, const char *text)
{
	struct split splits[2 * FIND_MAX_WORDS];
	struct first_name first = FIRST_NAME_INIT;
	struct buf whole = BUF_INIT, key = BUF_INIT;
	const char *params[1];
	const char *comma = strchr(text, ',');
	char *bare = NULL;
	size_t nsplits;
	int whole_ok;
	int ret = -1;

	/* "Begum," is a surname alone */
	if (comma && !comma[strspn(comma, ", \t")]) {
		bare = xstrndup(text, (size_t)(comma - text));
		text = str_trim(bare);
	}
	whole_ok = *text && !strchr(text, ',');
	for (size_t i = 0; i < ARRAY_LEN(splits); i++) {
		buf_init(&splits[i].first, 0);
		buf_init(&splits[i].last, 0);
		buf_init(&splits[i].key, 0);
	}
	nsplits = make_splits(text, splits, ARRAY_LEN(splits));
	if (whole_ok) {
		struct words w;

		words_split(text, &w);
		if (w.more)
			buf_adds(&whole, text);
		else
			words_join(&w, 0, w.n, &whole);
		name_key(whole.data, &key);
	}

	/* exact surname, then exact surname with a first name */
	params[0] = whole.data;
	if (whole_ok && run(f, SQL_SURNAME, params, 1, "surname", NULL))
		goto out;
	for (size_t i = 0; i < nsplits; i++) {
		params[0] = splits[i].last.data;
		first_name_set(&first, splits[i].first.data);
		if (run(f, SQL_SURNAME, params, 1, "name", &first))
			goto out;
	}
	/* then sounds-like, the same two ways; a one-letter key alone (Wu, Li,
	 * Zhao, or "zzzz") is too loose to mean anything without a first name */
	params[0] = key.data;
	if (whole_ok && key.len >= 2 && run(f, SQL_NAME_KEY, params, 1, "sounds like", NULL))
		goto out;
	for (size_t i = 0; i < nsplits; i++) {
		if (!splits[i].key.len)
			continue;
		params[0] = splits[i].key.data;
		first_name_set(&first, splits[i].first.data);
		if (run(f, SQL_NAME_KEY, params, 1, "sounds like", &first))
			goto out;
	}
	/* last, a surname alone one typing slip away */
	if (whole_ok && !strchr(whole.data, ' ') && find_close_spellings(f, whole.data))
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < ARRAY_LEN(splits); i++) {
		buf_release(&splits[i].first);
		buf_release(&splits[i].last);
		buf_release(&splits[i].key);
	}
	first_name_release(&first);
	buf_release(&whole);
	buf_release(&key);
	free(bare);
	return ret;
}

static char *col_dup(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);

	return s ? xstrdup(s) : NULL;
}

static void hit_release(struct find_hit *hit)
{
	for (size_t i = 0; i < hit->nmembers; i++) {
		struct find_member *m = &hit->members[i];

		free(m->person_id);
		free(m->role);
		free(m->relationship);
		free(m->first_name);
		free(m->last_name);
		free(m->date_of_birth);
	}
	free(hit->members);
	free(hit->family_id);
	free(hit->postcode);
	memset(hit, 0, sizeof(*hit));
}

/* read the family of hit i and its members; *gone = 1 if it no longer exists */
static int read_hit(struct finder *f, size_t i, int *gone)
{
	struct find_hit *hit = &f->res->hits[i];
	struct db_stmt *fam = stmt(f, SQL_FAMILY), *mem = stmt(f, SQL_MEMBERS);
	size_t alloc = 0;
	enum db_result r;
	int ret = -1;

	*gone = 0;
	if (!fam || !mem)
		return -1;
	db_bind_int(fam, 1, f->ids[i]);
	r = db_step(fam);
	if (r == DB_ERROR) {
		db_fail(f);
		goto out;
	}
	if (r == DB_DONE) {
		*gone = 1; /* deleted since it was found */
		ret = 0;
		goto out;
	}
	hit->family_id = col_dup(fam, 0);
	hit->postcode = col_dup(fam, 1);
	db_bind_int(mem, 1, f->ids[i]);
	while ((r = db_step(mem)) == DB_ROW) {
		struct find_member *m;

		XGROW(hit->members, alloc, hit->nmembers + 1);
		m = &hit->members[hit->nmembers++];
		m->person_id = col_dup(mem, 0);
		m->role = col_dup(mem, 1);
		m->relationship = col_dup(mem, 2);
		m->first_name = col_dup(mem, 3);
		m->last_name = col_dup(mem, 4);
		m->date_of_birth = col_dup(mem, 5);
	}
	if (r == DB_ERROR) {
		db_fail(f);
		goto out;
	}
	ret = 0;
out:
	db_reset(fam);
	db_reset(mem);
	return ret;
}

static int has_digit(const char *s)
{
	for (; *s; s++)
		if (is_digit(*s))
			return 1;
	return 0;
}

/* runs of white space become one space ("da  silva" is "da silva") */
static void squeeze_space(char *s)
{
	char *w = s;
	int space = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\v' || *s == '\f') {
			space = 1;
			continue;
		}
		if (space)
			*w++ = ' '; /* w < s: a space was skipped */
		space = 0;
		*w++ = *s;
	}
	*w = '\0';
}

/*
 * The words of an address as a full-text query: each word quoted (so no
 * character of it is query syntax) and a prefix. Words are runs of letters
 * and digits (any script); a query whose words are all one character long
 * would match too much and is not run.
 */
static int find_address(struct finder *f, const char *text)
{
	struct buf q = BUF_INIT;
	const char *params[1];
	int longest = 0, ret = 0;

	for (const char *p = text; *p;) {
		size_t n = 0;
		while (p[n] && ((unsigned char)p[n] >= 0x80 || (p[n] >= '0' && p[n] <= '9') ||
				(p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z')))
			n++;
		if (n) {
			if (q.len)
				buf_addch(&q, ' ');
			buf_addch(&q, '"');
			buf_add(&q, p, n);
			buf_adds(&q, "\"*");
			if ((int)n > longest)
				longest = (int)n;
			p += n;
		} else {
			p++;
		}
	}
	if (longest >= 2) {
		params[0] = q.data;
		ret = run(f, SQL_ADDRESS, params, 1, "address", NULL);
	}
	buf_release(&q);
	return ret;
}

int find_families(struct db *db, const char *text, size_t limit, struct find_result *res)
{
	struct finder f;
	char *q = xstrdup(text ? text : "");
	size_t kept = 0;
	int is_postcode = 0;
	int ret = -1;

	find_result_release(res);
	memset(&f, 0, sizeof(f));
	f.db = db;
	f.res = res;
	f.limit = limit;
	str_trim(q);
	squeeze_space(q);
	res->query = xstrdup(q);
	if (!*q || strlen(q) > FIND_MAX_TEXT || !utf8_valid(q, strlen(q))) {
		ret = 0; /* nothing such text could match */
		goto out;
	}
	if (id_valid(q) && find_ids(&f, q))
		goto out;
	if (find_postcode(&f, q, &is_postcode))
		goto out;
	/* names have no digits: "W2" or "F000123" as a name would only be noise */
	if (!is_postcode && !has_digit(q) && find_names(&f, q))
		goto out;
	if (!is_postcode && find_address(&f, q))
		goto out;

	for (size_t i = 0; i < res->nhits; i++) {
		int gone;

		if (read_hit(&f, i, &gone))
			goto out;
		if (gone) {
			hit_release(&res->hits[i]);
			continue;
		}
		if (kept != i)
			res->hits[kept] = res->hits[i];
		kept++;
	}
	res->nhits = kept;
	ret = 0;
out:
	for (int i = 0; i < SQL_COUNT; i++)
		db_finalize(&f.st[i]);
	if (ret) {
		/* a failed search returns nothing half-read */
		char *query = res->query;

		res->query = NULL;
		find_result_release(res);
		res->query = query;
	}
	idset_release(&f.seen);
	free(f.ids);
	free(q);
	return ret;
}

void find_result_release(struct find_result *res)
{
	for (size_t i = 0; i < res->nhits; i++)
		hit_release(&res->hits[i]);
	free(res->hits);
	free(res->query);
	memset(res, 0, sizeof(*res));
}

/* code points of U+0300.. that take no column of their own: combining
 * accents, Arabic vowel marks, Bengali signs, zero-width spaces/joiners */
static const struct {
	unsigned lo, hi;
} zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0670, 0x0670 },
	{ 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED },
	{ 0x0981, 0x0981 }, { 0x09BC, 0x09BC }, { 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD },
	{ 0x09E2, 0x09E3 }, { 0x200B, 0x200F }, { 0xFE00, 0xFE0F },
};

/* the columns a UTF-8 string takes: one per character but the marks above */
static size_t text_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;

	while (*s) {
		unsigned cp = *s;
		size_t len = 1;

		if (cp >= 0xC0) {
			len = cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : 2;
			cp &= 0x3F >> (len - 1);
			for (size_t k = 1; k < len; k++) {
				if ((s[k] & 0xC0) != 0x80) {
					len = k;
					break;
				}
				cp = (cp << 6) | (s[k] & 0x3F);
			}
		}
		s += len;
		w++; /* a stray byte too: terminals show one replacement mark */
		for (size_t i = 0; i < ARRAY_LEN(zero_width); i++)
			if (cp >= zero_width[i].lo && cp <= zero_width[i].hi) {
				w--;
				break;
			}
	}
	return w;
}

/* s with control characters shown as '?', then spaces up to `width` columns */
static void add_cell(struct buf *out, const char *s, size_t width)
{
	size_t w = text_width(s);

	for (; *s; s++)
		buf_addch(out, ((unsigned char)*s < 0x20 || *s == 0x7F) ? '?' : *s);
	for (; w < width; w++)
		buf_addch(out, ' ');
}

static void add_full_name(struct buf *b, const struct find_member *m)
{
	buf_reset(b);
	buf_adds(b, m->first_name ? m->first_name : "");
	buf_addch(b, ' ');
	buf_adds(b, m->last_name ? m->last_name : "");
}

static void end_line(struct buf *out)
{
	while (out->len && out->data[out->len - 1] == ' ')
		buf_setlen(out, out->len - 1);
	buf_addch(out, '\n');
}

void find_print(const struct find_result *res, struct buf *out)
{
	struct buf name = BUF_INIT;
	size_t w_role = 0, w_name = 0, w_id = 0;

	if (!res->nhits) {
		buf_adds(out, "no families match '");
		add_cell(out, res->query ? res->query : "", 0);
		buf_adds(out, "'\n");
		return;
	}
	for (size_t i = 0; i < res->nhits; i++)
		for (size_t k = 0; k < res->hits[i].nmembers; k++) {
			const struct find_member *m = &res->hits[i].members[k];
			size_t w;

			add_full_name(&name, m);
			w = text_width(name.data);
			w_name = w > w_name ? w : w_name;
			w = text_width(m->role ? m->role : "");
			w_role = w > w_role ? w : w_role;
			w = text_width(m->person_id ? m->person_id : "");
			w_id = w > w_id ? w : w_id;
		}
	for (size_t i = 0; i < res->nhits; i++) {
		const struct find_hit *hit = &res->hits[i];

		if (i)
			buf_addch(out, '\n');
		add_cell(out, hit->family_id ? hit->family_id : "", 0);
		buf_adds(out, "  ");
		add_cell(out, hit->postcode ? hit->postcode : "no postcode", 0);
		buf_addf(out, "  (%s)", hit->why ? hit->why : "");
		end_line(out);
		for (size_t k = 0; k < hit->nmembers; k++) {
			const struct find_member *m = &hit->members[k];

			buf_adds(out, "  ");
			add_cell(out, m->role ? m->role : "", w_role);
			buf_adds(out, "  ");
			add_full_name(&name, m);
			add_cell(out, name.data, w_name);
			buf_adds(out, "  ");
			add_cell(out, m->date_of_birth ? m->date_of_birth : "", 10);
			buf_adds(out, "  ");
			add_cell(out, m->person_id ? m->person_id : "", w_id);
			buf_adds(out, "  ");
			add_cell(out, m->relationship ? m->relationship : "", 0);
			end_line(out);
		}
	}
	if (res->truncated)
		buf_addf(out, "(showing the first %zu)\n", res->nhits);
	buf_release(&name);
}
