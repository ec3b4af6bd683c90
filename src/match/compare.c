/* compare.c: string comparators and the comparison level of each field kind */
#include "match.h"
#include "../util/util.h"
#include "../util/date.h"

double match_jaro(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), window, m = 0, t = 0, k = 0;
	unsigned char fa[64], fb[64];
	const char *s = a, *l = b;
	size_t ls = la, ll = lb;
	double ret = 0.0;

	if (!la && !lb)
		return 1.0;
	if (!la || !lb)
		return 0.0;
	if (la > 64)
		la = 64;
	if (lb > 64)
		lb = 64;
	ls = la;
	ll = lb;
	window = (la > lb ? la : lb) / 2;
	window = window ? window - 1 : 0;
	memset(fa, 0, sizeof(fa));
	memset(fb, 0, sizeof(fb));
	for (size_t i = 0; i < ls; i++) {
		size_t lo = i > window ? i - window : 0;
		size_t hi = i + window + 1 < ll ? i + window + 1 : ll;
		for (size_t j = lo; j < hi; j++) {
			if (!fb[j] && s[i] == l[j]) {
				fa[i] = fb[j] = 1;
				m++;
				break;
			}
		}
	}
	if (!m)
		goto out;
	for (size_t i = 0; i < ls; i++) {
		if (!fa[i])
			continue;
		while (!fb[k])
			k++;
		if (s[i] != l[k])
			t++;
		k++;
	}
	ret = ((double)m / (double)ls + (double)m / (double)ll +
	       ((double)m - (double)t / 2.0) / (double)m) / 3.0;
out:
	return ret;
}

double match_jaro_winkler(const char *a, const char *b)
{
	double j = match_jaro(a, b);
	int prefix = 0;

	while (prefix < 4 && a[prefix] && a[prefix] == b[prefix])
		prefix++;
	return j + prefix * 0.1 * (1.0 - j);
}

int match_osa_distance(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b);
	int rows[3][66], *p2 = rows[0], *p1 = rows[1], *cur = rows[2];

	if (la > 64 || lb > 64)
		return strcmp(a, b) ? max + 1 : 0;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	for (size_t j = 0; j <= lb; j++)
		p1[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int best;
		cur[0] = (int)i;
		best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = p1[j - 1] + cost;
			if (p1[j] + 1 < v)
				v = p1[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    p2[j - 2] + 1 < v)
				v = p2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		{
			int *t = p2;
			p2 = p1;
			p1 = cur;
			cur = t;
		}
	}
	return p1[lb] > max ? max + 1 : p1[lb];
}

static const char *const level_names[MK_NKINDS][MATCH_MAX_LEVELS] = {
	[MK_FIRST] = { "missing", "exact", "one typo or variant", "sounds alike or JW>=0.9",
		       "JW>=0.8", "different" },
	[MK_SURNAME] = { "missing", "exact", "one typo or variant", "sounds alike or JW>=0.9",
			 "JW>=0.8", "different" },
	[MK_DOB] = { "missing", "exact", "day/month swapped", "one digit off", "within a month",
		     "year mistyped", "within a year", "different" },
	[MK_SEX] = { "missing", "same", "different" },
	[MK_POSTCODE] = { "missing", "exact", "same sector", "same district", "different" },
	[MK_CODE] = { "missing", "exact", "one edit", "two edits", "different" },
	[MK_TEXT] = { "missing", "exact", "JW>=0.9", "JW>=0.7", "different" },
	[MK_EMAIL] = { "missing", "exact", "same user", "JW>=0.88", "different" },
};

/* the words of each level on the web pages: i18n keys */
static const char *const level_keys[MK_NKINDS][MATCH_MAX_LEVELS] = {
	[MK_FIRST] = { "match.level.missing", "match.level.exact", "match.level.name_typo",
		       "match.level.name_sounds", "match.level.name_jw80", "match.level.different" },
	[MK_SURNAME] = { "match.level.missing", "match.level.exact", "match.level.name_typo",
			 "match.level.name_sounds", "match.level.name_jw80", "match.level.different" },
	[MK_DOB] = { "match.level.missing", "match.level.exact", "match.level.dob_swapped",
		     "match.level.dob_digit", "match.level.dob_month", "match.level.dob_year_digit",
		     "match.level.dob_year", "match.level.different" },
	[MK_SEX] = { "match.level.missing", "match.level.same", "match.level.different" },
	[MK_POSTCODE] = { "match.level.missing", "match.level.exact", "match.level.pc_sector",
			  "match.level.pc_district", "match.level.different" },
	[MK_CODE] = { "match.level.missing", "match.level.exact", "match.level.code_edit1",
		      "match.level.code_edit2", "match.level.different" },
	[MK_TEXT] = { "match.level.missing", "match.level.exact", "match.level.text_jw90",
		      "match.level.text_jw70", "match.level.different" },
	[MK_EMAIL] = { "match.level.missing", "match.level.exact", "match.level.email_user",
		       "match.level.email_jw88", "match.level.different" },
};

int match_kind_levels(enum match_kind k)
{
	switch (k) {
	case MK_DOB:
		return 8;
	case MK_FIRST:
	case MK_SURNAME:
		return 6;
	case MK_SEX:
		return 3;
	case MK_POSTCODE:
	case MK_CODE:
	case MK_TEXT:
	case MK_EMAIL:
		return 5;
	default:
		BUG("bad match kind %d", (int)k);
	}
}

const char *match_level_name(enum match_kind k, int l)
{
	if ((int)k < 0 || k >= MK_NKINDS || l < 0 || l >= match_kind_levels(k))
		return "?";
	return level_names[k][l];
}

/* two years differing in one digit, not the last (2016 / 2026, 1987 /
 * 1997): a slip of the keyboard rather than a guess of the year */
static int year_digit_slip(int a, int b)
{
	int diff = 0;

	if (a % 10 != b % 10)
		return 0;
	for (int k = 0; k < 4; k++, a /= 10, b /= 10)
		diff += a % 10 != b % 10;
	return diff == 1;
}

const char *match_level_key(enum match_kind k, int l)
{
	if ((int)k < 0 || k >= MK_NKINDS || l < 0 || l >= match_kind_levels(k))
		return "match.level.unknown";
	return level_keys[k][l];
}

/* what comparing a date needs of it: the number YYYYMMDD, its day number
 * (a day that does not exist, 20210231, counts as 20210303), and its eight
 * digits, four bits each, the last digit lowest (when it has at most 8) */
struct date_key {
	int32_t num, days;
	uint32_t digits;
};

static void date_key_of(int32_t n, struct date_key *k)
{
	k->num = n;
	k->days = date_from_ymd(n / 10000, n / 100 % 100, n % 100);
	k->digits = 0;
	if (n > 0 && n <= 99999999)
		for (int s = 0; s < 32; s += 4, n /= 10)
			k->digits |= (uint32_t)(n % 10) << s;
}

/* two different numbers of 8 digits (leading zeros counted) one edit apart
 * as strings: one digit changed, or two neighbours swapped. It is what
 * match_osa_distance() <= 1 says of the two "%08d" strings (of equal
 * length, an insertion costs a deletion too), without printing them */
static int digits_one_edit(uint32_t a, uint32_t b)
{
	uint32_t d = a ^ b, diff, low;
	int s;

	/* bit 4k set where digit k differs */
	diff = (d | d >> 1 | d >> 2 | d >> 3) & 0x11111111u;
	low = diff & (0u - diff);
	if (diff == low)
		return diff != 0;
	if (diff != (low | low << 4))
		return 0;
	s = __builtin_ctz(low);
	return (a >> s & 15) == (b >> (s + 4) & 15) && (a >> (s + 4) & 15) == (b >> s & 15);
}

static int dates_level(const struct date_key *ka, const struct date_key *kb)
{
	char sa[16], sb[16];
	int32_t a = ka->num, b = kb->num;
	int ya = a / 10000, ma = a / 100 % 100, da = a % 100;
	int yb = b / 10000, mb = b / 100 % 100, db = b % 100;

	if (!a || !b)
		return 0;
	if (a == b)
		return 1;
	if (ya == yb && ma == db && da == mb)
		return 2;
	if (a > 0 && a <= 99999999 && b > 0 && b <= 99999999) {
		if (digits_one_edit(ka->digits, kb->digits))
			return 3;
	} else {
		snprintf(sa, sizeof(sa), "%08d", (int)a);
		snprintf(sb, sizeof(sb), "%08d", (int)b);
		if (match_osa_distance(sa, sb, 1) <= 1)
			return 3;
	}
	/* days apart */
	{
		int32_t x = ka->days, y = kb->days;
		int32_t d = x > y ? x - y : y - x;
		if (d <= 31)
			return 4;
		/* a digit of the year mistyped (2016 / 2026), the day and
		 * month within a month of each other */
		if (year_digit_slip(ya, yb)) {
			int32_t z = date_from_ymd(ya, mb, db);
			if ((z > x ? z - x : x - z) <= 31)
				return 5;
		}
		if (ya == yb || d <= 366)
			return 6;
	}
	return 7;
}

int match_compare_dates(int32_t a, int32_t b)
{
	struct date_key ka, kb;

	if (!a || !b)
		return 0;
	date_key_of(a, &ka);
	date_key_of(b, &kb);
	return dates_level(&ka, &kb);
}

/* the same letters in another order (Oscar/rscaO, Joseph/Jhsepo): letters
 * jumbled in typing, beyond what one transposition covers */
static int same_letters(const char *a, const char *b)
{
	unsigned char count[256];
	size_t la = strlen(a);

	if (la < 3 || la != strlen(b))
		return 0;
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < la; i++)
		count[(unsigned char)a[i]]++;
	for (size_t i = 0; i < la; i++)
		if (!count[(unsigned char)b[i]]--)
			return 0;
	return 1;
}

/* the level of two names, given whether they are the same value, share a
 * sounds-like key, or share a variant group */
int match_names_typo(const char *a, const char *b)
{
	return match_osa_distance(a, b, 1) <= 1 || same_letters(a, b);
}

static int compare_names(const char *sa, const char *sb, int same, int same_key, int same_group)
{
	double jw;

	if (same)
		return 1;
	if (same_group || match_names_typo(sa, sb))
		return 2;
	jw = match_jaro_winkler(sa, sb);
	if (same_key || jw >= 0.9)
		return 3;
	if (jw >= 0.8)
		return 4;
	return 5;
}

/* e-mail addresses: the user part (before the '@') says who, the domain
 * changes with a new provider or employer */
static int compare_emails(const char *sa, const char *sb, int same)
{
	const char *at_a = strchr(sa, '@'), *at_b = strchr(sb, '@');
	size_t la = at_a ? (size_t)(at_a - sa) : strlen(sa);
	size_t lb = at_b ? (size_t)(at_b - sb) : strlen(sb);

	if (same)
		return 1;
	if (la && la == lb && !memcmp(sa, sb, la))
		return 2;
	return match_jaro_winkler(sa, sb) >= 0.88 ? 3 : 4;
}

/* the level of value va of name field fa against value vb of name field fb:
 * the same field, or the first name and surname crossed (two
 * dictionaries: the text and the keys' text compared). A name's
 * sounds-like key and variant group belong to its value (match_set_add),
 * so the level of two records' names is the level of their two values. */
static int names_level(const struct match_set *set, int fa, int fb, uint32_t va, uint32_t vb)
{
	const struct match_dict *a = &set->dict[fa], *b = &set->dict[fb];
	const char *sa = a->str[va], *sb = b->str[vb], *ka, *kb;

	if (fa == fb)
		return compare_names(sa, sb, va == vb, a->key[va] && a->key[va] == b->key[vb],
				     a->group[va] && a->group[va] == b->group[vb]);
	ka = set->keys[fa].str[a->key[va]];
	kb = set->keys[fb].str[b->key[vb]];
	return compare_names(sa, sb, !strcmp(sa, sb), *ka && !strcmp(ka, kb),
			     a->group[va] && a->group[va] == b->group[vb]);
}

/* ---- name levels remembered (struct match_memo) ---- */

/* a byte per pair of values while the two dictionaries make at most this
 * many pairs (16 MB, touched only where compared), and at most
 * MEMO_DENSE_RECORDS a record of the set: a small set compares too few
 * pairs to touch a table of every pair in few places */
#define MEMO_DENSE_MAX ((size_t)1 << 24)
#define MEMO_DENSE_RECORDS 8
/* else a hash table of the pairs met, up to this many slots (36 MB) and
 * MEMO_HASH_RECORDS a record of the set; once it is half full, pairs not
 * in it are compared every time */
#define MEMO_HASH_MAX ((size_t)1 << 22)
#define MEMO_HASH_RECORDS 4

/* the levels of pairs of values of one name field, or of the first name
 * against the surname */
struct memo_table {
	size_t na, nb;    /* the dictionaries' sizes when the memo was made */
	size_t max;       /* the hash table's largest size */
	uint8_t *dense;   /* level + 1 of (va, vb) at va * nb + vb; 0: not yet */
	uint64_t *key;    /* or a hash table: va << 32 | vb (0: an empty slot) */
	uint8_t *level;
	size_t cap, used;
};

/* where records' values are read from: the set's own arrays, or the copy
 * of a block's (match_memo_block) */
struct values {
	uint32_t *const *val, *const *key, *const *key2;
	int32_t *const *num;
	struct date_key *const *date; /* a block's dates ready to compare (else NULL) */
};

struct match_memo {
	const struct match_set *set;
	/* per field (names only), then first name/surname and surname/first name */
	struct memo_table t[MATCH_MAX_FIELDS + 2];
	/* the block's values: only those field_level reads of each kind */
	uint32_t *val[MATCH_MAX_FIELDS], *key[MATCH_MAX_FIELDS], *key2[MATCH_MAX_FIELDS];
	struct date_key *date[MATCH_MAX_FIELDS];
	size_t alloc;
	struct values block;
};

static void memo_table_init(struct memo_table *t, size_t na, size_t nb, size_t records)
{
	memset(t, 0, sizeof(*t));
	t->na = na;
	t->nb = nb;
	if (na && nb <= MEMO_DENSE_MAX / na && na * nb <= MEMO_DENSE_RECORDS * records)
		t->dense = xcalloc(na * nb, 1);
	for (t->max = 4096; t->max < MEMO_HASH_MAX && t->max < MEMO_HASH_RECORDS * records;)
		t->max *= 2;
}

static size_t memo_slot(const struct memo_table *t, uint64_t k)
{
	size_t i = (size_t)((k * 0x9e3779b97f4a7c15ULL) >> 32) & (t->cap - 1);

	while (t->key[i] && t->key[i] != k)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* room for one more pair; 0 when the table is at its largest and half full */
static int memo_room(struct memo_table *t)
{
	uint64_t *ok = t->key;
	uint8_t *ol = t->level;
	size_t ocap = t->cap;

	if (2 * (t->used + 1) <= t->cap)
		return 1;
	if (t->cap >= t->max)
		return 0;
	t->cap = ocap ? 2 * ocap : 4096;
	t->key = xcalloc(t->cap, sizeof(*t->key));
	t->level = xmalloc(t->cap);
	for (size_t j = 0; j < ocap; j++)
		if (ok[j]) {
			size_t s = memo_slot(t, ok[j]);
			t->key[s] = ok[j];
			t->level[s] = ol[j];
		}
	free(ok);
	free(ol);
	return 1;
}

/* names_level() through the table: each pair of values compared once */
static int memo_names(struct match_memo *m, int slot, int fa, int fb, uint32_t va, uint32_t vb)
{
	struct memo_table *t = &m->t[slot];
	uint64_t k;
	size_t i;
	int l;

	/* a value interned after the memo was made (match_query) */
	if (va >= t->na || vb >= t->nb)
		return names_level(m->set, fa, fb, va, vb);
	if (t->dense) {
		uint8_t *p = &t->dense[(size_t)va * t->nb + vb];
		if (!*p)
			*p = (uint8_t)(names_level(m->set, fa, fb, va, vb) + 1);
		return *p - 1;
	}
	k = (uint64_t)va << 32 | vb;
	if (t->cap) {
		i = memo_slot(t, k);
		if (t->key[i])
			return t->level[i];
	}
	l = names_level(m->set, fa, fb, va, vb);
	if (memo_room(t)) {
		i = memo_slot(t, k);
		t->key[i] = k;
		t->level[i] = (uint8_t)l;
		t->used++;
	}
	return l;
}

struct match_memo *match_memo_new(const struct match_set *set)
{
	const struct match_spec *sp = set->spec;
	struct match_memo *m = xcalloc(1, sizeof(*m));
	int ff = sp->first_field, sf = sp->surname_field;

	m->set = set;
	m->block.val = m->val;
	m->block.key = m->key;
	m->block.key2 = m->key2;
	m->block.date = m->date;
	for (int f = 0; f < sp->nfields; f++)
		if (sp->fields[f].kind == MK_FIRST || sp->fields[f].kind == MK_SURNAME)
			memo_table_init(&m->t[f], set->dict[f].n, set->dict[f].n, set->n);
	if (ff >= 0 && sf >= 0) {
		memo_table_init(&m->t[MATCH_MAX_FIELDS], set->dict[ff].n, set->dict[sf].n, set->n);
		memo_table_init(&m->t[MATCH_MAX_FIELDS + 1], set->dict[sf].n, set->dict[ff].n, set->n);
	}
	return m;
}

void match_memo_free(struct match_memo **mp)
{
	struct match_memo *m = *mp;

	if (!m)
		return;
	for (size_t s = 0; s < ARRAY_LEN(m->t); s++) {
		free(m->t[s].dense);
		free(m->t[s].key);
		free(m->t[s].level);
	}
	for (int f = 0; f < MATCH_MAX_FIELDS; f++) {
		free(m->val[f]);
		free(m->key[f]);
		free(m->key2[f]);
		free(m->date[f]);
	}
	free(m);
	*mp = NULL;
}

/* ---- the levels of a pair ---- */

/* the level of field f for records i and j of v, names through the memo
 * when there is one. What it reads of each kind is what match_memo_block
 * copies: the date of MK_DOB, val of the others, and key and key2 of
 * MK_POSTCODE. */
static int field_level(const struct match_set *set, const struct values *v,
		       struct match_memo *memo, int f, size_t i, size_t j)
{
	const struct match_field *fd = &set->spec->fields[f];
	uint32_t va, vb;
	const char *sa, *sb;
	double jw;
	int d;

	if (fd->kind == MK_DOB)
		return v->date ? dates_level(&v->date[f][i], &v->date[f][j])
			       : match_compare_dates(v->num[f][i], v->num[f][j]);
	va = v->val[f][i];
	vb = v->val[f][j];
	if (!va || !vb)
		return 0;
	switch (fd->kind) {
	case MK_FIRST:
	case MK_SURNAME:
		return memo ? memo_names(memo, f, f, f, va, vb) : names_level(set, f, f, va, vb);
	case MK_SEX:
		return va == vb ? 1 : 2;
	case MK_POSTCODE:
		if (va == vb)
			return 1;
		if (v->key[f][i] && v->key[f][i] == v->key[f][j])
			return 2;
		if (v->key2[f][i] && v->key2[f][i] == v->key2[f][j])
			return 3;
		return 4;
	default:
		break;
	}
	sa = set->dict[f].str[va];
	sb = set->dict[f].str[vb];
	switch (fd->kind) {
	case MK_CODE:
		if (va == vb)
			return 1;
		d = match_osa_distance(sa, sb, 2);
		return d <= 1 ? 2 : d == 2 ? 3 : 4;
	case MK_TEXT:
		if (va == vb)
			return 1;
		jw = match_jaro_winkler(sa, sb);
		return jw >= 0.9 ? 2 : jw >= 0.7 ? 3 : 4;
	case MK_EMAIL:
		return compare_emails(sa, sb, va == vb);
	default:
		BUG("bad match kind %d", (int)fd->kind);
	}
}

void match_memo_block(struct match_memo *m, const uint32_t *rec, size_t n)
{
	const struct match_set *set = m->set;
	const struct match_spec *sp = set->spec;

	if (n > m->alloc) {
		size_t a = m->alloc ? m->alloc : 64;
		while (a < n)
			a *= 2;
		for (int f = 0; f < sp->nfields; f++) {
			enum match_kind k = sp->fields[f].kind;
			if (k == MK_DOB) {
				m->date[f] = xrealloc(m->date[f], a * sizeof(*m->date[f]));
				continue;
			}
			m->val[f] = xrealloc(m->val[f], a * sizeof(uint32_t));
			if (k == MK_POSTCODE) {
				m->key[f] = xrealloc(m->key[f], a * sizeof(uint32_t));
				m->key2[f] = xrealloc(m->key2[f], a * sizeof(uint32_t));
			}
		}
		m->alloc = a;
	}
	for (int f = 0; f < sp->nfields; f++) {
		enum match_kind k = sp->fields[f].kind;
		if (k == MK_DOB) {
			for (size_t x = 0; x < n; x++)
				date_key_of(set->num[f][rec[x]], &m->date[f][x]);
			continue;
		}
		for (size_t x = 0; x < n; x++)
			m->val[f][x] = set->val[f][rec[x]];
		if (k == MK_POSTCODE)
			for (size_t x = 0; x < n; x++) {
				m->key[f][x] = set->key[f][rec[x]];
				m->key2[f][x] = set->key2[f][rec[x]];
			}
	}
}

int match_compare_field(const struct match_set *set, int f, size_t i, size_t j)
{
	struct values v = { set->val, set->key, set->key2, set->num, NULL };

	return field_level(set, &v, NULL, f, i, j);
}

/* names level of record i's field fa against record j's field fb */
static int cross_names(const struct match_set *set, const struct values *v,
		       struct match_memo *memo, int slot, int fa, int fb, size_t i, size_t j)
{
	uint32_t va = v->val[fa][i], vb = v->val[fb][j];

	if (!va || !vb)
		return 0;
	return memo ? memo_names(memo, slot, fa, fb, va, vb) : names_level(set, fa, fb, va, vb);
}

static void compare_pair(const struct match_set *set, const struct values *v,
			 struct match_memo *memo, size_t i, size_t j, uint8_t *lv)
{
	const struct match_spec *sp = set->spec;
	int ff = sp->first_field, sf = sp->surname_field;

	for (int f = 0; f < sp->nfields; f++)
		lv[f] = (uint8_t)field_level(set, v, memo, f, i, j);
	/* names written the other way round (surname first): when neither name
	 * agrees (or one is missing), try them crossed, and keep the crossed
	 * levels if they agree where the straight ones did not */
	if (ff >= 0 && sf >= 0 && (lv[ff] >= 3 || !lv[ff]) && (lv[sf] >= 3 || !lv[sf]) &&
	    (lv[ff] || lv[sf])) {
		int a = cross_names(set, v, memo, MATCH_MAX_FIELDS, ff, sf, i, j);
		int b = cross_names(set, v, memo, MATCH_MAX_FIELDS + 1, sf, ff, i, j);
		if ((a || b) && a <= 2 && b <= 2) {
			lv[ff] = (uint8_t)(a == 1 ? 2 : a);
			lv[sf] = (uint8_t)(b == 1 ? 2 : b);
		}
	}
}

void match_compare(const struct match_set *set, size_t i, size_t j, uint8_t *lv)
{
	struct values v = { set->val, set->key, set->key2, set->num, NULL };

	compare_pair(set, &v, NULL, i, j, lv);
}

void match_compare_memo(struct match_memo *memo, size_t i, size_t j, uint8_t *lv)
{
	const struct match_set *set = memo->set;
	struct values v = { set->val, set->key, set->key2, set->num, NULL };

	compare_pair(set, &v, memo, i, j, lv);
}

void match_compare_block(struct match_memo *memo, size_t x, size_t y, uint8_t *lv)
{
	compare_pair(memo->set, &memo->block, memo, x, y, lv);
}
