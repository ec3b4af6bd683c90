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

int match_compare_dates(int32_t a, int32_t b)
{
	char sa[16], sb[16];
	int ya = a / 10000, ma = a / 100 % 100, da = a % 100;
	int yb = b / 10000, mb = b / 100 % 100, db = b % 100;

	if (!a || !b)
		return 0;
	if (a == b)
		return 1;
	if (ya == yb && ma == db && da == mb)
		return 2;
	snprintf(sa, sizeof(sa), "%08d", (int)a);
	snprintf(sb, sizeof(sb), "%08d", (int)b);
	if (match_osa_distance(sa, sb, 1) <= 1)
		return 3;
	/* days apart (a day that does not exist, 20210231, counts as 20210303) */
	{
		int32_t x = date_from_ymd(ya, ma, da), y = date_from_ymd(yb, mb, db);
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

int match_compare_field(const struct match_set *set, int f, size_t i, size_t j)
{
	const struct match_field *fd = &set->spec->fields[f];
	uint32_t va = set->val[f][i], vb = set->val[f][j];
	const char *sa, *sb;
	double jw;
	int d;

	if (fd->kind == MK_DOB)
		return match_compare_dates(set->num[f][i], set->num[f][j]);
	if (!va || !vb)
		return 0;
	sa = set->dict[f].str[va];
	sb = set->dict[f].str[vb];
	switch (fd->kind) {
	case MK_FIRST:
	case MK_SURNAME:
		return compare_names(sa, sb, va == vb,
				     set->key[f][i] && set->key[f][i] == set->key[f][j],
				     set->key2[f][i] && set->key2[f][i] == set->key2[f][j]);
	case MK_SEX:
		return va == vb ? 1 : 2;
	case MK_POSTCODE:
		if (va == vb)
			return 1;
		if (set->key[f][i] && set->key[f][i] == set->key[f][j])
			return 2;
		if (set->key2[f][i] && set->key2[f][i] == set->key2[f][j])
			return 3;
		return 4;
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

/* names level of record i's field fa against record j's field fb (two
 * dictionaries: compare the text) */
static int cross_names(const struct match_set *set, int fa, int fb, size_t i, size_t j)
{
	uint32_t va = set->val[fa][i], vb = set->val[fb][j];
	const char *sa, *sb, *ka, *kb;

	if (!va || !vb)
		return 0;
	sa = set->dict[fa].str[va];
	sb = set->dict[fb].str[vb];
	ka = set->keys[fa].str[set->key[fa][i]];
	kb = set->keys[fb].str[set->key[fb][j]];
	return compare_names(sa, sb, !strcmp(sa, sb), *ka && !strcmp(ka, kb),
			     set->key2[fa][i] && set->key2[fa][i] == set->key2[fb][j]);
}

void match_compare(const struct match_set *set, size_t i, size_t j, uint8_t *lv)
{
	const struct match_spec *sp = set->spec;
	int ff = sp->first_field, sf = sp->surname_field;

	for (int f = 0; f < sp->nfields; f++)
		lv[f] = (uint8_t)match_compare_field(set, f, i, j);
	/* names written the other way round (surname first): when neither name
	 * agrees (or one is missing), try them crossed, and keep the crossed
	 * levels if they agree where the straight ones did not */
	if (ff >= 0 && sf >= 0 && (lv[ff] >= 3 || !lv[ff]) && (lv[sf] >= 3 || !lv[sf]) &&
	    (lv[ff] || lv[sf])) {
		int a = cross_names(set, ff, sf, i, j), b = cross_names(set, sf, ff, i, j);
		if ((a || b) && a <= 2 && b <= 2) {
			lv[ff] = (uint8_t)(a == 1 ? 2 : a);
			lv[sf] = (uint8_t)(b == 1 ? 2 : b);
		}
	}
}
