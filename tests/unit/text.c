/* text.c: unit tests for UTF-8, trimming, postcodes, IDs and flags (src/util/text.c) */
#include "test.h"
#include "../../src/util/text.h"

#include <string.h>

static int valid(const char *s)
{
	return utf8_valid(s, strlen(s));
}

START_TEST(test_utf8_valid)
{
	static const char *const good[] = {
		"",
		"plain ASCII, with punctuation!",
		"caf\xc3\xa9 na\xc3\xafve",                         /* Latin accents */
		"\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9",         /* Arabic: Aisha */
		"\xe0\xa6\xac\xe0\xa6\xbe\xe0\xa6\x82\xe0\xa6\xb2\xe0\xa6\xbe", /* Bengali: Bangla */
		"\xf0\x9f\x98\x80 \xf0\x9f\x91\xb6",                /* emoji */
		"\xc2\x80",                                         /* U+0080, smallest 2-byte */
		"\xdf\xbf",                                         /* U+07FF */
		"\xe0\xa0\x80",                                     /* U+0800, smallest 3-byte */
		"\xed\x9f\xbf",                                     /* U+D7FF, below surrogates */
		"\xee\x80\x80",                                     /* U+E000, above surrogates */
		"\xef\xbb\xbf",                                     /* U+FEFF */
		"\xef\xbf\xbf",                                     /* U+FFFF */
		"\xf0\x90\x80\x80",                                 /* U+10000, smallest 4-byte */
		"\xf4\x8f\xbf\xbf",                                 /* U+10FFFF, the last */
	};
	static const char *const bad[] = {
		"\xc0\x80",             /* overlong NUL */
		"\xc1\xbf",             /* overlong */
		"\xe0\x80\x80",         /* overlong 3-byte */
		"\xe0\x9f\xbf",         /* overlong U+07FF */
		"\xf0\x80\x80\x80",     /* overlong 4-byte */
		"\xf0\x8f\xbf\xbf",     /* overlong U+FFFF */
		"\xed\xa0\x80",         /* surrogate U+D800 */
		"\xed\xbf\xbf",         /* surrogate U+DFFF */
		"\xf4\x90\x80\x80",     /* U+110000 */
		"\xf5\x80\x80\x80",     /* F5 never appears */
		"\xf8\x88\x80\x80\x80", /* 5-byte form */
		"\xfe",
		"\xff",
		"\x80",                 /* lone continuation */
		"a\277b",
		"\xc3",                 /* truncated */
		"\xe0\xa6",
		"\xf0\x9f\x98",
		"\303a",             /* continuation missing */
		"\340\246a",
		"ok \xd8\xb9\xd8",      /* truncated at the end of valid text */
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(valid(good[i]), "good[%zu] rejected", i);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!valid(bad[i]), "bad[%zu] accepted", i);

	/* the length is what counts, not the NUL: a multi-byte cut short by n */
	ck_assert(utf8_valid("\xd8\xb9\xd8\xb1", 4));
	ck_assert(!utf8_valid("\xd8\xb9\xd8\xb1", 3));
	ck_assert(utf8_valid("\xd8\xb9\xd8\xb1", 2));
	ck_assert(utf8_valid("\xff", 0));
	/* an embedded NUL is valid UTF-8 (it is U+0000) */
	ck_assert(utf8_valid("a\0b", 3));
}
END_TEST

START_TEST(test_utf8_every_2_and_3_byte)
{
	/* every code point in U+0080..U+FFFF, encoded by hand: valid unless a surrogate */
	for (unsigned cp = 0x80; cp <= 0xFFFF; cp++) {
		char s[3];
		size_t n;
		int want = !(cp >= 0xD800 && cp <= 0xDFFF);

		if (cp < 0x800) {
			s[0] = (char)(0xC0 | cp >> 6);
			s[1] = (char)(0x80 | (cp & 0x3F));
			n = 2;
		} else {
			s[0] = (char)(0xE0 | cp >> 12);
			s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
			s[2] = (char)(0x80 | (cp & 0x3F));
			n = 3;
		}
		if (utf8_valid(s, n) != want)
			ck_abort_msg("U+%04X: got %d", cp, !want);
		if (utf8_valid(s, n - 1))
			ck_abort_msg("U+%04X cut short accepted", cp);
	}
}
END_TEST

START_TEST(test_str_trim)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "   ", "" },
		{ "a", "a" },
		{ "  a", "a" },
		{ "a  ", "a" },
		{ " \t a b \r\n", "a b" },
		{ "\v\fx\f\v", "x" },
		{ "inner  space", "inner  space" },
		{ " \xd8\xb9\xd8\xa7 ", "\xd8\xb9\xd8\xa7" },
		{ "\xc2\xa0x\xc2\xa0", "\xc2\xa0x\xc2\xa0" }, /* ASCII only: NBSP stays */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char s[64];
		size_t n = strlen(cases[i].in);

		memcpy(s, cases[i].in, n + 1);
		ck_assert_ptr_eq(str_trim(s), s);
		ck_assert_str_eq(s, cases[i].out);
	}
}
END_TEST

START_TEST(test_case)
{
	char s[] = "MiXeD \xc3\x89t\xc3\xa9 123";

	ck_assert(str_ieq("abc", "ABC"));
	ck_assert(str_ieq("", ""));
	ck_assert(!str_ieq("abc", "abcd"));
	ck_assert(!str_ieq("abcd", "abc"));
	ck_assert(!str_ieq("abc", "abd"));
	ck_assert(!str_ieq("", "a"));
	str_lower(s);
	ck_assert_str_eq(s, "mixed \xc3\x89t\xc3\xa9 123");
	str_upper(s);
	ck_assert_str_eq(s, "MIXED \xc3\x89T\xc3\xa9 123");
}
END_TEST

START_TEST(test_postcode_valid)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "w2 1ab", "W2 1AB" },
		{ "W21AB", "W2 1AB" },
		{ "W2  1AB", "W2 1AB" },
		{ " sw1a 1aa ", "SW1A 1AA" },
		{ "EC1A1BB", "EC1A 1BB" },
		{ "M1 1AE", "M1 1AE" },
		{ "B33 8TH", "B33 8TH" },
		{ "CR2 6XH", "CR2 6XH" },
		{ "DN55 1PT", "DN55 1PT" },
		{ "GIR 0AA", "GIR 0AA" },
		{ "gir0aa", "GIR 0AA" },
		{ "W1A 0AX", "W1A 0AX" },
		{ "\tn1\t9gu\n", "N1 9GU" },
		{ "S W 1 A 1 A A", "SW1A 1AA" },
		{ "Q1 1AA", "Q1 1AA" }, /* a shape check, not a list of areas */
		{ "W2 1AB", "W2 1AB" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;

		ck_assert_msg(postcode_normalise(cases[i].in, &b) == 0, "'%s' rejected", cases[i].in);
		ck_assert_str_eq(b.data, cases[i].out);
		ck_assert_uint_eq(b.len, strlen(cases[i].out));
		buf_release(&b);
	}
}
END_TEST

START_TEST(test_postcode_invalid)
{
	static const char *const bad[] = {
		"",
		"   ",
		"W2",
		"1AB",
		"1AB W2",
		"W2 1A",
		"WW22 1ABX",
		"W2 1Ab!",
		"W2 1AB!",
		"W2! 1AB",
		"W2 AB1",
		"W2 11B",
		"W2 1A1",
		"22 1AB",  /* outward starts with a letter */
		"2W 1AB",
		"W 1AB",   /* outward has a digit */
		"WWW 1AB",
		"WW 1AB",
		"W2AA 1AB", /* A9AA is not a shape */
		"WWW2 1AB",
		"W222 1AB",
		"W2A2 1AB",
		"GIR 0AB", /* only GIR 0AA */
		"SW1A 1AA SW1A 1AA",
		"W2-1AB",
		"W2\302\2401AB", /* NBSP is not a space */
		"\xd8\xb9\xd8\xa7 1AB",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf b = BUF_INIT;

		buf_adds(&b, "keep");
		ck_assert_msg(postcode_normalise(bad[i], &b) == -1, "'%s' accepted", bad[i]);
		/* out unchanged on failure */
		ck_assert_str_eq(b.data, "keep");
		buf_release(&b);
	}
}
END_TEST

START_TEST(test_postcode_district_sector)
{
	static const struct {
		const char *norm, *district, *sector;
	} cases[] = {
		{ "W2 1AB", "W2", "W2 1" },
		{ "SW1A 1AA", "SW1A", "SW1A 1" },
		{ "EC1A 1BB", "EC1A", "EC1A 1" },
		{ "DN55 1PT", "DN55", "DN55 1" },
		{ "B33 8TH", "B33", "B33 8" },
		{ "GIR 0AA", "GIR", "GIR 0" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf d = BUF_INIT, s = BUF_INIT;

		postcode_district(cases[i].norm, &d);
		postcode_sector(cases[i].norm, &s);
		ck_assert_str_eq(d.data, cases[i].district);
		ck_assert_str_eq(s.data, cases[i].sector);
		buf_release(&d);
		buf_release(&s);
	}
	/* from raw input through normalise */
	{
		struct buf n = BUF_INIT, d = BUF_INIT, s = BUF_INIT;

		ck_assert_int_eq(postcode_normalise("ec1a1bb", &n), 0);
		postcode_district(n.data, &d);
		postcode_sector(n.data, &s);
		ck_assert_str_eq(d.data, "EC1A");
		ck_assert_str_eq(s.data, "EC1A 1");
		buf_release(&n);
		buf_release(&d);
		buf_release(&s);
	}
}
END_TEST

START_TEST(test_id_valid)
{
	char id64[65], id65[66];

	memset(id64, 'a', 64);
	id64[64] = '\0';
	memset(id65, 'Z', 65);
	id65[65] = '\0';
	ck_assert(id_valid("F1"));
	ck_assert(id_valid("a"));
	ck_assert(id_valid("0"));
	ck_assert(id_valid("-"));
	ck_assert(id_valid("_"));
	ck_assert(id_valid("FAM-000123_b"));
	ck_assert(id_valid("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"));
	ck_assert(id_valid(id64));
	ck_assert(!id_valid(id65));
	ck_assert(!id_valid(""));
	ck_assert(!id_valid("F 1"));
	ck_assert(!id_valid(" F1"));
	ck_assert(!id_valid("F1 "));
	ck_assert(!id_valid("F1,F2"));
	ck_assert(!id_valid("F1\n"));
	ck_assert(!id_valid("F\"1"));
	ck_assert(!id_valid("F.1"));
	ck_assert(!id_valid("F/1"));
	ck_assert(!id_valid("caf\xc3\xa9"));
	ck_assert(!id_valid("\xd8\xb9"));
	ck_assert(!id_valid("F1'; DROP TABLE people; --"));
}
END_TEST

START_TEST(test_flag_parse)
{
	static const struct {
		const char *s;
		enum flag f;
	} cases[] = {
		{ "y", FLAG_YES }, { "Y", FLAG_YES }, { "yes", FLAG_YES }, { "YES", FLAG_YES },
		{ "Yes", FLAG_YES }, { "true", FLAG_YES }, { "TRUE", FLAG_YES }, { "1", FLAG_YES },
		{ "n", FLAG_NO }, { "N", FLAG_NO }, { "no", FLAG_NO }, { "No", FLAG_NO },
		{ "false", FLAG_NO }, { "False", FLAG_NO }, { "0", FLAG_NO },
		{ "", FLAG_UNKNOWN },
	};
	static const char *const bad[] = {
		"maybe", "ye", "yess", "t", "f", "2", "-1", "00", "01", "nope", " y", "y ", "on", "off",
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum flag f = (enum flag)42;

		ck_assert_msg(flag_parse(cases[i].s, &f) == 0, "'%s' rejected", cases[i].s);
		ck_assert_int_eq(f, cases[i].f);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		enum flag f = (enum flag)42;

		ck_assert_msg(flag_parse(bad[i], &f) == -1, "'%s' accepted", bad[i]);
		ck_assert_int_eq(f, 42);
	}
	ck_assert_str_eq(flag_name(FLAG_YES), "y");
	ck_assert_str_eq(flag_name(FLAG_NO), "n");
	ck_assert_str_eq(flag_name(FLAG_UNKNOWN), "");
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_utf8_every_2_and_3_byte);
	tcase_add_test(tc, test_str_trim);
	tcase_add_test(tc, test_case);
	tcase_add_test(tc, test_postcode_valid);
	tcase_add_test(tc, test_postcode_invalid);
	tcase_add_test(tc, test_postcode_district_sector);
	tcase_add_test(tc, test_id_valid);
	tcase_add_test(tc, test_flag_parse);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(text_suite)
