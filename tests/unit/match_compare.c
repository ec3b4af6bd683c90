/* match_compare.c: string comparators and comparison levels against published values */
#include "test.h"
#include "../../src/match/match.h"

#include <math.h>

/* Jaro and Jaro-Winkler (p = 0.1): Winkler (1990) and the values every
 * implementation is checked against */
START_TEST(jaro_winkler_reference)
{
	ck_assert_double_eq_tol(match_jaro("MARTHA", "MARHTA"), 0.944, 0.0005);
	ck_assert_double_eq_tol(match_jaro_winkler("MARTHA", "MARHTA"), 0.961, 0.0005);
	ck_assert_double_eq_tol(match_jaro("DWAYNE", "DUANE"), 0.822, 0.0005);
	ck_assert_double_eq_tol(match_jaro_winkler("DWAYNE", "DUANE"), 0.840, 0.0005);
	ck_assert_double_eq_tol(match_jaro("DIXON", "DICKSONX"), 0.767, 0.0005);
	ck_assert_double_eq_tol(match_jaro_winkler("DIXON", "DICKSONX"), 0.813, 0.0005);
	ck_assert_double_eq_tol(match_jaro_winkler("JELLYFISH", "SMELLYFISH"), 0.896, 0.0005);
	ck_assert_double_eq_tol(match_jaro_winkler("abc", "abc"), 1.0, 1e-12);
	ck_assert_double_eq_tol(match_jaro_winkler("abc", "xyz"), 0.0, 1e-12);
	ck_assert_double_eq_tol(match_jaro_winkler("", ""), 1.0, 1e-12);
	ck_assert_double_eq_tol(match_jaro_winkler("a", ""), 0.0, 1e-12);
}
END_TEST

/* optimal string alignment: a transposition is one edit, but a substring
 * is not edited twice ("ca" -> "abc" is 3; true Damerau-Levenshtein says 2) */
START_TEST(osa_distance)
{
	ck_assert_int_eq(match_osa_distance("kitten", "sitting", 5), 3);
	ck_assert_int_eq(match_osa_distance("martha", "marhta", 3), 1);
	ck_assert_int_eq(match_osa_distance("ca", "abc", 5), 3);
	ck_assert_int_eq(match_osa_distance("", "abc", 5), 3);
	ck_assert_int_eq(match_osa_distance("same", "same", 0), 0);
	/* stops early: at most max + 1 */
	ck_assert_int_eq(match_osa_distance("abcdefgh", "zyxwvuts", 1), 2);
	ck_assert_int_eq(match_osa_distance("a", "abcd", 1), 2);
}
END_TEST

START_TEST(date_levels)
{
	ck_assert_int_eq(match_compare_dates(20210403, 20210403), 1);
	ck_assert_int_eq(match_compare_dates(20210403, 20210304), 2); /* day/month swapped */
	ck_assert_int_eq(match_compare_dates(20210403, 20210408), 3); /* one digit */
	ck_assert_int_eq(match_compare_dates(20210403, 20120403), 3); /* digits transposed */
	ck_assert_int_eq(match_compare_dates(20210403, 20210426), 4); /* within a month */
	ck_assert_int_eq(match_compare_dates(20211220, 20220110), 4); /* across a new year */
	ck_assert_int_eq(match_compare_dates(20210403, 20211127), 6); /* same year */
	ck_assert_int_eq(match_compare_dates(19811029, 19821027), 6); /* within a year */
	ck_assert_int_eq(match_compare_dates(19811029, 19851027), 7); /* the last digit: a guess */
	ck_assert_int_eq(match_compare_dates(20191026, 20200901), 6); /* within a year */
	ck_assert_int_eq(match_compare_dates(20210403, 19990817), 7);
	ck_assert_int_eq(match_compare_dates(20210403, 20230403 + 70), 7);
	/* a digit of the year mistyped, and a few days off: 2016 / 2026 */
	ck_assert_int_eq(match_compare_dates(20161205, 20261203), 5);
	ck_assert_int_eq(match_compare_dates(19871026, 19971122), 5); /* 27 days */
	ck_assert_int_eq(match_compare_dates(19871026, 19971226), 7); /* two months */
	ck_assert_int_eq(match_compare_dates(19871026, 19771026), 3); /* one digit only */
	ck_assert_int_eq(match_compare_dates(20191026, 20201026), 6); /* two digits: a year */
	ck_assert_int_eq(match_compare_dates(0, 20210403), 0);
	ck_assert_int_eq(match_date_number("2021-04-03", NULL), 20210403);
	ck_assert_int_eq(match_date_number("20210403", "YYYYMMDD"), 20210403);
	ck_assert_int_eq(match_date_number("03/04/2021", "DD/MM/YYYY"), 20210403);
	ck_assert_int_eq(match_date_number("", NULL), 0);
	ck_assert_int_eq(match_date_number("soon", NULL), 0);
}
END_TEST

/* levels of each kind on a small set */
START_TEST(field_levels)
{
	struct match_spec sp;
	struct match_set set;
	const char *r0[] = { "Mohammed", "Begum", "2021-04-03", "f", "W2 1AB", "4011" };
	const char *r1[] = { "Muhammad", "Begom", "2021-03-04", "female", "w21ab", "4011" };
	const char *r2[] = { "Mohamed", "Bgeum", "2021-04-09", "m", "W2 1XY", "4012" };
	const char *r3[] = { "Begum", "Mohammed", "", "", "W2 9ZZ", "" };
	const char *r4[] = { "Bill", "Smith", "1990-01-01", "m", "E1 1AA", "9999" };
	const char *r5[] = { "William", "Smyth", "1990-01-01", "m", "E1 1AA", "9999" };
	uint8_t lv[8];

	/* the tests run from the top of the repository */
	setenv("REACH_NAME_VARIANTS", "data/name_variants.csv", 1);
	match_variants_release();
	match_spec_init(&sp);
	match_spec_field(&sp, "first_name", MK_FIRST);
	match_spec_field(&sp, "surname", MK_SURNAME);
	match_spec_field(&sp, "dob", MK_DOB);
	match_spec_field(&sp, "sex", MK_SEX);
	match_spec_field(&sp, "postcode", MK_POSTCODE);
	match_spec_field(&sp, "code", MK_CODE);
	match_set_init(&set, &sp);
	match_set_add(&set, "a", r0, 0, NULL);
	match_set_add(&set, "b", r1, 0, NULL);
	match_set_add(&set, "c", r2, 0, NULL);
	match_set_add(&set, "d", r3, 0, NULL);
	match_set_add(&set, "e", r4, 0, NULL);
	match_set_add(&set, "f", r5, 0, NULL);
	match_compare(&set, 0, 1, lv);
	ck_assert_int_eq(lv[0], 2); /* a transliteration in the table */
	ck_assert_int_eq(lv[1], 2); /* Begum/Begom */
	ck_assert_int_eq(lv[2], 2); /* swapped */
	ck_assert_int_eq(lv[3], 1);
	ck_assert_int_eq(lv[4], 1); /* the same postcode however written */
	ck_assert_int_eq(lv[5], 1);
	match_compare(&set, 0, 2, lv);
	ck_assert_int_eq(lv[0], 2); /* one edit */
	ck_assert_int_eq(lv[1], 2); /* a transposition */
	ck_assert_int_eq(lv[2], 3);
	ck_assert_int_eq(lv[3], 2);
	ck_assert_int_eq(lv[4], 2); /* same sector */
	ck_assert_int_eq(lv[5], 2);
	match_compare(&set, 0, 3, lv);
	ck_assert_int_eq(lv[0], 2); /* names given the other way round */
	ck_assert_int_eq(lv[1], 2);
	ck_assert_int_eq(lv[2], 0); /* missing */
	ck_assert_int_eq(lv[4], 3); /* same district */
	match_compare(&set, 4, 5, lv);
	ck_assert_int_eq(lv[0], 2); /* Bill is William */
	ck_assert_int_eq(lv[1], 2);
	ck_assert_str_eq(match_level_name(MK_DOB, 2), "day/month swapped");
	ck_assert_str_eq(match_level_name(MK_DOB, 4), "within a month");
	ck_assert_str_eq(match_level_name(MK_DOB, 5), "year mistyped");
	ck_assert_str_eq(match_level_name(MK_DOB, 7), "different");
	ck_assert_str_eq(match_level_name(MK_DOB, 8), "?");
	ck_assert_str_eq(match_level_name(MK_EMAIL, 2), "same user");
	match_set_release(&set);
	match_spec_release(&sp);
	match_variants_release();
}
END_TEST

/* e-mail levels, letters jumbled, names crossed with one missing */
START_TEST(email_jumbled_crossed)
{
	struct match_spec sp;
	struct match_set set;
	const char *r[][3] = {
		{ "Oscar", "Marshall", "oscarm4@brown.net" },
		{ "rscaO", "Marshall", "oscarm4@green.org" },      /* jumbled; same user */
		{ "Oscar", "", "oscarm44@brown.net" },             /* JW >= 0.88 */
		{ "Lucas", "", "lucas@x.org" },
		{ "Walker", "Lucas", "walker@y.org" },             /* crossed, one missing */
		{ "Amy", "Stone", "" },
		{ "May", "Stone", "" },                            /* 3 letters: a typo too */
	};
	uint8_t lv[3];

	match_spec_init(&sp);
	match_spec_field(&sp, "first_name", MK_FIRST);
	match_spec_field(&sp, "surname", MK_SURNAME);
	match_spec_field(&sp, "email", MK_EMAIL);
	match_set_init(&set, &sp);
	for (size_t i = 0; i < ARRAY_LEN(r); i++)
		match_set_add(&set, r[i][0], r[i], 0, NULL);
	match_compare(&set, 0, 1, lv);
	ck_assert_int_eq(lv[0], 2); /* the same letters in another order */
	ck_assert_int_eq(lv[1], 1);
	ck_assert_int_eq(lv[2], 2); /* the same user, another domain */
	match_compare(&set, 0, 2, lv);
	ck_assert_int_eq(lv[1], 0);
	ck_assert_int_eq(lv[2], 3);
	ck_assert_int_eq(match_compare_field(&set, 2, 0, 3), 4); /* different */
	match_compare(&set, 3, 4, lv);
	ck_assert_int_eq(lv[0], 2); /* Lucas is Walker's surname: crossed */
	ck_assert_int_eq(lv[1], 0);
	match_compare(&set, 5, 6, lv);
	ck_assert_int_eq(lv[0], 2);
	ck_assert_int_eq(lv[2], 0);
	ck_assert_int_eq(match_kind_levels(MK_EMAIL), 5);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* every pair's levels through the memo (twice: the second time read from
 * it) and through a block's copy, against match_compare's */
static void check_memo_agrees(const struct match_set *set, struct match_memo *memo,
			      const uint32_t *rec, size_t n)
{
	uint8_t want[MATCH_MAX_FIELDS], got[MATCH_MAX_FIELDS];
	int nf = set->spec->nfields;

	match_memo_block(memo, rec, n);
	for (int round = 0; round < 2; round++)
		for (size_t x = 0; x < n; x++)
			for (size_t y = 0; y < n; y++) {
				if (x == y)
					continue;
				match_compare(set, rec[x], rec[y], want);
				match_compare_memo(memo, rec[x], rec[y], got);
				for (int f = 0; f < nf; f++)
					ck_assert_msg(got[f] == want[f], "memo: records %u, %u field %d: %d, not %d",
						      rec[x], rec[y], f, got[f], want[f]);
				match_compare_block(memo, x, y, got);
				for (int f = 0; f < nf; f++)
					ck_assert_msg(got[f] == want[f], "block: records %u, %u field %d: %d, not %d",
						      rec[x], rec[y], f, got[f], want[f]);
			}
}

static void people_spec(struct match_spec *sp)
{
	match_spec_init(sp);
	match_spec_field(sp, "first_name", MK_FIRST);
	match_spec_field(sp, "surname", MK_SURNAME);
	match_spec_field(sp, "dob", MK_DOB);
	match_spec_field(sp, "sex", MK_SEX);
	match_spec_field(sp, "postcode", MK_POSTCODE);
}

/* names in many scripts (folded to ASCII or kept as written), variants,
 * typos, names given the other way round, missing values */
static const char *const memo_people[][5] = {
	{ "Zoë", "Brontë", "2021-04-03", "f", "W2 1AB" },
	{ "Zoe", "Bronte", "2021-03-04", "f", "W2 1AB" },
	{ "Zoey", "Brontee", "2021-04-13", "f", "W2 1AX" },
	{ "Łukasz", "Wiśniewski", "2019-12-01", "m", "E1 6AN" },
	{ "Lukasz", "Wisniewski", "2019-12-01", "m", "E1 6AN" },
	{ "Wiśniewski", "Łukasz", "2019-12-10", "m", "E1 6AN" },
	{ "Иван", "Петров", "2020-01-02", "m", "N1 9GU" },
	{ "Ивана", "Петрова", "2020-01-02", "f", "N1 9GU" },
	{ "Петров", "Иван", "2020-02-01", "m", "N1 9GX" },
	{ "محمد", "حسين", "2018-07-07", "m", "B1 1AA" },
	{ "محمد", "حسن", "2018-07-17", "m", "B1 1AA" },
	{ "Nguyễn", "Thị", "2022-05-05", "f", "M1 1AE" },
	{ "Nguyen", "Thi", "2022-05-05", "f", "M1 1AE" },
	{ "Siobhán", "Ó Briain", "2017-11-30", "f", "L1 8JQ" },
	{ "Siobhan", "O'Brien", "2017-11-03", "f", "L1 8JQ" },
	{ "Søren", "Kierkegård", "2016-02-29", "m", "" },
	{ "Soren", "", "2016-03-01", "", "SW1A 1AA" },
	{ "Mohammed", "Begum", "2021-04-03", "m", "W2 1AB" },
	{ "Muhammad", "Begom", "2021-04-03", "m", "W2 1AB" },
	{ "Mohamed", "Bgeum", "2012-04-03", "m", "W2 9ZZ" },
	{ "Begum", "Mohammed", "", "", "W2 9ZZ" },
	{ "Chloé", "Dupont-Smith", "2023-06-15", "f", "E2 7DJ" },
	{ "Chloe", "Dupontsmith", "2023-06-15", "f", "E2 7DJ" },
	{ "Ana", "Lee", "2023-06-15", "f", "E2 7DJ" },
	{ "Anna", "Leigh", "2032-06-15", "f", "E2 7DJ" },
	{ "", "Lee", "2023-06-16", "f", "" },
	{ "Bill", "Smith", "1990-01-01", "m", "E1 1AA" },
	{ "William", "Smyth", "1990-01-01", "m", "E1 1AA" },
	{ "王", "芳", "2020-08-08", "f", "E14 5AB" },
	{ "芳", "王", "2020-08-08", "f", "E14 5AB" },
};

/* the set of memo_people (the variants table read from data/) */
static void memo_people_set(struct match_spec *sp, struct match_set *set)
{
	setenv("REACH_NAME_VARIANTS", "data/name_variants.csv", 1);
	match_variants_release();
	people_spec(sp);
	match_set_init(set, sp);
	for (size_t i = 0; i < ARRAY_LEN(memo_people); i++)
		match_set_add(set, memo_people[i][0], memo_people[i], 0, NULL);
}

START_TEST(memo_agrees)
{
	struct match_spec sp;
	struct match_set set;
	struct match_memo *memo;
	uint32_t rec[ARRAY_LEN(memo_people) + 1];
	uint8_t lv[MATCH_MAX_FIELDS], want[MATCH_MAX_FIELDS];
	size_t n = ARRAY_LEN(memo_people);

	memo_people_set(&sp, &set);
	memo = match_memo_new(&set);
	/* the block in another order than the set's */
	for (size_t x = 0; x < n; x++)
		rec[x] = (uint32_t)(n - 1 - x);
	check_memo_agrees(&set, memo, rec, n);
	/* levels worked out by hand, read from the memo */
	match_compare_memo(memo, 0, 1, lv);
	ck_assert_int_eq(lv[0], 1); /* Zoë is Zoe folded */
	ck_assert_int_eq(lv[1], 1);
	ck_assert_int_eq(lv[2], 2); /* day and month swapped */
	match_compare_memo(memo, 6, 7, lv);
	/* Иван / Ивана, kept as written: the letter added is two bytes (two
	 * edits), JW (8 of 8 and 10 bytes, prefix 4) 0.96 */
	ck_assert_int_eq(lv[0], 3);
	match_compare_memo(memo, 6, 8, lv);
	ck_assert_int_eq(lv[0], 2); /* crossed: exact both ways counts as a typo */
	ck_assert_int_eq(lv[1], 2);
	match_compare_memo(memo, 9, 10, lv);
	ck_assert_int_eq(lv[0], 1); /* kept as written, the same */
	match_compare_memo(memo, 17, 18, lv);
	ck_assert_int_eq(lv[0], 2); /* variants */
	ck_assert_int_eq(lv[1], 2);
	match_compare_memo(memo, 28, 29, lv);
	ck_assert_int_eq(lv[0], 2); /* 王 芳 / 芳 王: crossed */
	ck_assert_int_eq(lv[1], 2);
	/* a record added after the memo was made: its new values are
	 * compared, not looked up beyond the tables */
	{
		const char *late[] = { "Zoëy", "Brontë", "2021-04-03", "f", "W2 1AB" };
		match_set_add(&set, "late", late, 0, NULL);
		for (size_t i = 0; i < n; i++) {
			match_compare(&set, i, n, want);
			match_compare_memo(memo, i, n, lv);
			for (int f = 0; f < sp.nfields; f++)
				ck_assert_int_eq(lv[f], want[f]);
		}
	}
	match_memo_free(&memo);
	ck_assert_ptr_null(memo);
	match_set_release(&set);
	match_spec_release(&sp);
	match_variants_release();
}
END_TEST

/* first names too many for a table of every pair (4,200 values: a hash
 * table of the pairs met instead) */
START_TEST(memo_hashed)
{
	struct match_spec sp;
	struct match_set set;
	struct match_memo *memo;
	size_t n = ARRAY_LEN(memo_people), nfill = 4200;
	uint32_t *rec = malloc((n + 40) * sizeof(*rec));

	memo_people_set(&sp, &set);
	for (size_t i = 0; i < nfill; i++) {
		char first[32], id[16];
		const char *v[] = { first, i % 2 ? "Smith" : "Smyth", "1990-01-01", "m", "E1 1AA" };
		/* Ann, Anna, Annb... and a few thousand more */
		snprintf(first, sizeof(first), "Ann%c%c%c", 'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
			 'a' + (int)(i / 676));
		snprintf(id, sizeof(id), "f%zu", i);
		match_set_add(&set, id, v, 0, NULL);
	}
	ck_assert_uint_gt(set.dict[0].n, 4096);
	memo = match_memo_new(&set);
	for (size_t x = 0; x < n; x++)
		rec[x] = (uint32_t)x;
	for (size_t x = 0; x < 40; x++)
		rec[n + x] = (uint32_t)(n + x * 97 % nfill);
	check_memo_agrees(&set, memo, rec, n + 40);
	/* and a block of fillers only */
	for (size_t x = 0; x < 200; x++)
		rec[x % (n + 40)] = (uint32_t)(n + x * 13 % nfill);
	check_memo_agrees(&set, memo, rec, n + 40);
	match_memo_free(&memo);
	free(rec);
	match_set_release(&set);
	match_spec_release(&sp);
	match_variants_release();
}
END_TEST

/* a small set with many names: a hash table of at most 4,096 pairs, full
 * half way through (the pairs after it compared every time) */
START_TEST(memo_full)
{
	struct match_spec sp;
	struct match_set set;
	struct match_memo *memo;
	uint32_t rec[120];

	setenv("REACH_NAME_VARIANTS", "data/name_variants.csv", 1);
	match_variants_release();
	people_spec(&sp);
	match_set_init(&set, &sp);
	for (size_t i = 0; i < ARRAY_LEN(rec); i++) {
		char first[16], last[16], id[16];
		const char *v[] = { first, last, i % 3 ? "2020-02-03" : "2020-03-02", "f", "" };
		snprintf(first, sizeof(first), "Mar%ci%c", 'a' + (int)(i % 7), 'a' + (int)(i / 7));
		snprintf(last, sizeof(last), "%c%cson", 'a' + (int)(i / 5 % 26), 'a' + (int)(i % 5));
		snprintf(id, sizeof(id), "%zu", i);
		match_set_add(&set, id, v, 0, NULL);
		rec[i] = (uint32_t)i;
	}
	memo = match_memo_new(&set);
	check_memo_agrees(&set, memo, rec, ARRAY_LEN(rec));
	match_memo_free(&memo);
	match_set_release(&set);
	match_spec_release(&sp);
	match_variants_release();
}
END_TEST

Suite *match_compare_suite(void)
{
	Suite *s = suite_create("match_compare");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, jaro_winkler_reference);
	tcase_add_test(tc, osa_distance);
	tcase_add_test(tc, date_levels);
	tcase_add_test(tc, email_jumbled_crossed);
	tcase_add_test(tc, field_levels);
	tcase_add_test(tc, memo_agrees);
	tcase_add_test(tc, memo_hashed);
	tcase_add_test(tc, memo_full);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(match_compare_suite)
