/* i18n.c: unit tests for the translation files (src/web/i18n.c, i18n/NAME.txt) */
#include "test.h"
#include "../../src/web/i18n.h"
#include "../../src/web/assets.h"
#include "../../src/util/text.h"

#include <unistd.h>

/* tests run from the top of the tree (tests/run cds there) */
#define DIR "i18n"

static void load(void)
{
	ck_assert_int_eq(i18n_load_dir(DIR), 0);
}

/* load one language from a C string */
static int load_str(const char *code, const char *text, const char *origin)
{
	return i18n_load_text(code, text, strlen(text), origin);
}

static void unload(void)
{
	i18n_release();
}

START_TEST(test_load_dir)
{
	size_t n = 0;
	const struct i18n_lang *langs = i18n_langs(&n);

	ck_assert_uint_ge(n, 2);
	ck_assert_str_eq(langs[0].code, "en");
	ck_assert_str_eq(langs[0].name, "English");
	ck_assert_str_eq(langs[0].dir, "ltr");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(langs[i].code, "ar")) {
			ck_assert_str_eq(langs[i].name, "العربية");
			ck_assert_str_eq(langs[i].dir, "rtl");
		}
	ck_assert_str_eq(i18n_get("en", "field.postcode"), "Postcode");
	ck_assert_str_eq(i18n_get("ar", "field.postcode"), "الرمز البريدي");
	ck_assert_str_eq(i18n_get("en", "error.postcode_invalid"), "Enter a valid UK postcode");
}
END_TEST

START_TEST(test_fallback)
{
	/* unknown language: English; NULL language: English */
	ck_assert_str_eq(i18n_get("xx", "field.postcode"), "Postcode");
	ck_assert_str_eq(i18n_get(NULL, "field.postcode"), "Postcode");
	/* unknown key: the key itself */
	ck_assert_str_eq(i18n_get("ar", "no.such.key"), "no.such.key");
	ck_assert_str_eq(i18n_get("en", "no.such.key"), "no.such.key");
	/* a key only English has: English text */
	ck_assert_int_eq(load_str("zz", "lang.name = Test\nfield.postcode = PC\n", "zz"), 0);
	ck_assert_str_eq(i18n_get("zz", "field.postcode"), "PC");
	ck_assert_str_eq(i18n_get("zz", "field.sex"), "Sex");
	ck_assert_int_eq(i18n_has("zz", "field.sex"), 0);
	ck_assert_int_eq(i18n_has("en", "field.sex"), 1);
	/* codes are matched in any case; resolve gives the loaded code or en */
	ck_assert_str_eq(i18n_get("AR", "kit.back"), "رجوع");
	ck_assert_str_eq(i18n_resolve("AR"), "ar");
	ck_assert_str_eq(i18n_resolve("xx"), "en");
	ck_assert_str_eq(i18n_resolve(NULL), "en");
}
END_TEST

START_TEST(test_nothing_loaded)
{
	i18n_release();
	ck_assert_str_eq(i18n_get("en", "field.postcode"), "field.postcode");
	ck_assert_str_eq(i18n_dir("ar"), "ltr");
	ck_assert_str_eq(i18n_resolve("ar"), "en");
}
END_TEST

START_TEST(test_direction)
{
	ck_assert_str_eq(i18n_dir("ar"), "rtl");
	ck_assert_str_eq(i18n_dir("en"), "ltr");
	ck_assert_str_eq(i18n_dir("xx"), "ltr");
	ck_assert_str_eq(i18n_dir(NULL), "ltr");
}
END_TEST

/* every English key is in every other language, and every other key is in English */
START_TEST(test_every_key_translated)
{
	size_t n = 0, ne = i18n_count("en");
	const struct i18n_lang *langs = i18n_langs(&n);
	int missing = 0;

	ck_assert_uint_gt(ne, 300);
	for (size_t l = 1; l < n; l++) {
		for (size_t i = 0; i < ne; i++) {
			const char *k = i18n_key("en", i);
			if (!i18n_has(langs[l].code, k)) {
				fprintf(stderr, "i18n/%s.txt: missing key '%s'\n", langs[l].code, k);
				missing++;
			}
		}
		for (size_t i = 0; i < i18n_count(langs[l].code); i++) {
			const char *k = i18n_key(langs[l].code, i);
			if (!i18n_has("en", k)) {
				fprintf(stderr, "i18n/%s.txt: key '%s' is not in en.txt\n", langs[l].code, k);
				missing++;
			}
		}
	}
	ck_assert_int_eq(missing, 0);
}
END_TEST

/* placeholders: a translation keeps the ones English uses */
START_TEST(test_placeholders_kept)
{
	size_t n = 0, ne = i18n_count("en");
	const struct i18n_lang *langs = i18n_langs(&n);

	for (size_t l = 1; l < n; l++)
		for (size_t i = 0; i < ne; i++) {
			const char *k = i18n_key("en", i);
			const char *en = i18n_get("en", k), *tr = i18n_get(langs[l].code, k);
			char ph[4] = "{1}";
			for (char d = '1'; d <= '9'; d++) {
				ph[1] = d;
				if (strstr(en, ph) && !strstr(tr, ph))
					ck_abort_msg("%s: '%s' lacks %s", langs[l].code, k, ph);
			}
		}
}
END_TEST

/* every DfE ethnicity code the model accepts has a label */
START_TEST(test_ethnicity_labels)
{
	static const char *const codes[] = {
		"WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
		"APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
		"WENG", "WSCO", "WWEL", "WCOR", "WOWB", "WALB", "WBOS", "WCRO", "WGRE", "WGRK",
		"WGRC", "WITA", "WKOS", "WPOR", "WSER", "WTUR", "WTUK", "WTUC", "WEUR", "WEEU",
		"WWEU", "WOTW", "WPOL", "WLIT", "WLAT", "WRUS", "WUKR", "WROU", "WBUL", "WSLO",
		"WCZE", "WHUN", "WROG", "WROR", "WROO", "MWCB", "MWAF", "MWAP", "MWAI", "MWAO",
		"MABL", "MACH", "MAOE", "MBOE", "MCOE", "MWOE", "MOTM", "AMPK", "AKPA", "AOPK",
		"ANEP", "ASLT", "ASNL", "ASRO", "AKAO", "AAFR", "AOTA", "BANN", "BCON", "BGHA",
		"BNGN", "BSLN", "BSOM", "BSUD", "BAOF", "BEUR", "BNAM", "BOTB", "CHKC", "CMAL",
		"CTWN", "COCH", "OAFG", "OARA", "OEGY", "OFIL", "OIRN", "OIRQ", "OJPN", "OKOR",
		"OKRD", "OLAM", "OLEB", "OLIB", "OMAL", "OMRC", "OPOL", "OTHA", "OVIE", "OYEM",
		"OOEG", "OSYR",
	};
	char key[32];

	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		snprintf(key, sizeof(key), "ethnicity.%s", codes[i]);
		ck_assert_msg(i18n_has("en", key), "no label for %s", codes[i]);
	}
}
END_TEST

START_TEST(test_subst)
{
	struct buf b = BUF_INIT;
	const char *args[] = { "12", "Ahmed" };

	i18n_subst(&b, i18n_get("en", "search.results"), args, 2);
	ck_assert_str_eq(b.data, "12 results for ‘Ahmed’");
	buf_reset(&b);
	i18n_subst(&b, i18n_get("ar", "search.results"), args, 2);
	ck_assert_str_eq(b.data, "12 نتيجة للبحث عن «Ahmed»");
	buf_reset(&b);
	/* a missing argument is left empty; braces that are not placeholders stay */
	i18n_subst(&b, "{1}-{2}-{x}-{0}", args, 1);
	ck_assert_str_eq(b.data, "12--{x}-{0}");
	buf_release(&b);
}
END_TEST

START_TEST(test_bad_files)
{
	/* bad lines are refused with the file and line; nothing is half-loaded */
	ck_assert_int_eq(load_str("qq", "a = b\nno equals sign\n", "qq.txt"), -1);
	ck_assert_int_eq(i18n_has("qq", "a"), 0);
	ck_assert_int_eq(load_str("qq", "a = b\na = c\n", "qq.txt"), -1);
	ck_assert_int_eq(load_str("qq", "bad key = b\n", "qq.txt"), -1);
	ck_assert_int_eq(load_str("qq", "a = \xC3\n", "qq.txt"), -1);
	ck_assert_int_eq(load_str("qq", "lang.dir = up\n", "qq.txt"), -1);
	ck_assert_int_eq(load_str("../x", "a = b\n", "x.txt"), -1);
	/* comments, blank lines, spaces, CRLF and a byte order mark are fine */
	ck_assert_int_eq(load_str("qq", "\xEF\xBB\xBF# c\r\n\r\n  a  =  b c \r\n", "qq.txt"), 0);
	ck_assert_str_eq(i18n_get("qq", "a"), "b c");
	/* the text may contain '=' */
	ck_assert_int_eq(load_str("qq", "a = x = y\n", "qq.txt"), 0);
	ck_assert_str_eq(i18n_get("qq", "a"), "x = y");
	/* a folder without en.txt is refused */
	ck_assert_int_eq(i18n_load_dir("tests"), -1);
	ck_assert_int_eq(i18n_load_dir("no-such-dir"), -1);
}
END_TEST

START_TEST(test_files_are_clean)
{
	/* every translation is UTF-8 and not empty */
	size_t n = 0;
	const struct i18n_lang *langs = i18n_langs(&n);

	for (size_t l = 0; l < n; l++)
		for (size_t i = 0; i < i18n_count(langs[l].code); i++) {
			const char *k = i18n_key(langs[l].code, i);
			const char *t = i18n_get(langs[l].code, k);
			ck_assert_msg(*t, "%s: '%s' is empty", langs[l].code, k);
			ck_assert(utf8_valid(t, strlen(t)));
		}
}
END_TEST

START_TEST(test_embedded_copy)
{
	/* the program's own copy matches the files (the build embeds every i18n file) */
	const struct embedded_file *f = assets_find("i18n/en.txt");

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(assets_find("/assets/govuk-frontend.min.css"));
	ck_assert_ptr_nonnull(assets_find("/assets/reach.js"));
	ck_assert_ptr_null(assets_find("/assets/nothing.css"));
	ck_assert_int_eq(i18n_load_embedded(), 0);
	ck_assert_str_eq(i18n_get("en", "field.postcode"), "Postcode");
	ck_assert_str_eq(i18n_dir("ar"), "rtl");
	ck_assert_str_eq(i18n_get("ar", "kit.back"), "رجوع");
}
END_TEST

Suite *i18n_suite(void)
{
	Suite *s = suite_create("i18n");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, load, unload);
	tcase_add_test(tc, test_load_dir);
	tcase_add_test(tc, test_fallback);
	tcase_add_test(tc, test_nothing_loaded);
	tcase_add_test(tc, test_direction);
	tcase_add_test(tc, test_every_key_translated);
	tcase_add_test(tc, test_placeholders_kept);
	tcase_add_test(tc, test_ethnicity_labels);
	tcase_add_test(tc, test_subst);
	tcase_add_test(tc, test_bad_files);
	tcase_add_test(tc, test_files_are_clean);
	tcase_add_test(tc, test_embedded_copy);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(i18n_suite)
