/* phonetic.c: tests of name folding and sounds-like keys (src/search/phonetic.c) */
#include "test.h"
#include "../../src/search/search.h"

#include <string.h>

static char *key_of(const char *name)
{
	struct buf b = BUF_INIT;

	name_key(name, &b);
	return buf_detach(&b, NULL);
}

static char *fold_of(const char *name)
{
	struct buf b = BUF_INIT;

	name_fold(name, &b);
	return buf_detach(&b, NULL);
}

static void check_key(const char *name, const char *want)
{
	char *k = key_of(name);

	ck_assert_msg(!strcmp(k, want), "key of '%s' is '%s', want '%s'", name, k, want);
	free(k);
}

static void check_same(const char *a, const char *b)
{
	char *ka = key_of(a), *kb = key_of(b);

	ck_assert_msg(!strcmp(ka, kb), "'%s' (%s) and '%s' (%s) should share a key", a, ka, b, kb);
	free(ka);
	free(kb);
}

static void check_differ(const char *a, const char *b)
{
	char *ka = key_of(a), *kb = key_of(b);

	ck_assert_msg(strcmp(ka, kb), "'%s' and '%s' should not share the key '%s'", a, b, ka);
	free(ka);
	free(kb);
}

static void check_fold(const char *name, const char *want)
{
	char *f = fold_of(name);

	ck_assert_msg(!strcmp(f, want), "fold of '%s' is '%s', want '%s'", name, f, want);
	free(f);
}

START_TEST(test_transliterations_match)
{
	static const char *const groups[][5] = {
		{ "Mohammed", "Muhammad", "Mohamed", "Mohammad", "MOHAMMED" },
		{ "Begum", "Begom", "BEGUM", NULL },
		{ "Fatima", "Fatimah", NULL },
		{ "Chowdhury", "Choudhury", "Chaudhry", "Chowdhry", NULL },
		{ "Hussain", "Hussein", "Husain", NULL },
		{ "Ahmed", "Ahmad", "Achmed", "Ahmet", NULL },
		{ "Abdi", "Abdy", NULL },
		{ "Nowak", "Novak", NULL },
		{ "Usman", "Osman", NULL },
		{ "Smith", "Smyth", NULL },
		{ "Rahman", "Rehman", NULL },
		{ "Akhtar", "Akter", "Akhter", NULL },
		{ "Siddiqui", "Siddique", "Siddiki", NULL },
		{ "Hoque", "Haque", "Huq", NULL },
		{ "Yusuf", "Yousuf", "Yousef", NULL },
		{ "Lewandowski", "Lewandovski", NULL },
		{ "Schwartz", "Schwarz", NULL },
		{ "Asante", "Ashanti", NULL },
		{ "McDonald", "MacDonald", "Mc Donald", NULL },
		{ "Khatun", "Khatoon", NULL },
		{ "Mensah", "Mensa", NULL },
	};

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		for (size_t i = 1; i < 5 && groups[g][i]; i++)
			check_same(groups[g][0], groups[g][i]);
}
END_TEST

START_TEST(test_keys)
{
	check_key("Mohammed", "mmt");
	check_key("Chowdhury", "cdr");
	check_key("Hussain", "hsn");
	check_key("Ahmed", "amt");
	check_key("Begum", "bgm");
	check_key("Nowak", "nvk");
	check_key("Usman", "asmn");
	/* no truncation to four */
	check_key("Wisniewski", "vsnsk");
	check_key("Oluwasegun", "alvsgn");
	check_key("Christie", "krst");
}
END_TEST

START_TEST(test_different_names_differ)
{
	static const char *const pairs[][2] = {
		{ "Begum", "Bangura" },
		{ "Ali", "Allen" },
		{ "Nowak", "Newman" },
		{ "Patel", "Powell" },
		{ "Oluwaseun", "Oluwasegun" },
		{ "Khan", "Kaur" },
		{ "Jones", "James" },
		{ "Ahmed", "Mohammed" },
		{ "Begum", "Bibi" },
		{ "Islam", "Salam" },
		{ "Uddin", "Din" },
		{ "Kowalski", "Kowalczyk" },
		{ "Yilmaz", "Yildiz" },
		{ "Demir", "Demirci" },
		{ "Mensah", "Mendes" },
		{ "Adeyemi", "Adebayo" },
		{ "Popescu", "Popa" },
		{ "Smith", "Smart" },
		{ "Khan", "Khanum" },
		{ "Miah", "Mir" },
		{ "Ali", "Alam" },
		{ "Warsame", "Farah" },
		{ "Okafor", "Okonkwo" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		check_differ(pairs[i][0], pairs[i][1]);
}
END_TEST

START_TEST(test_accents)
{
	check_fold("Wiśniewski", "wisniewski");
	check_fold("Łukasz", "lukasz");
	check_fold("Öztürk", "ozturk");
	check_fold("Şahin", "sahin");
	check_fold("Muñoz", "munoz");
	check_fold("Gonçalves", "goncalves");
	check_fold("Ștefănescu", "stefanescu");   /* comma below, Latin Extended-B */
	check_fold("Ţăranu", "taranu");           /* cedilla, Latin Extended-A */
	check_fold("Țîrcă", "tirca");
	check_fold("Strauß", "strauss");
	check_fold("Ærø", "aero");
	check_fold("Yılmaz", "yilmaz");           /* dotless i */
	check_fold("O'Brien-Smith", "obriensmith");
	check_fold("O\xe2\x80\x99" "Brien", "obrien"); /* right single quote */
	check_fold("Jose\xcc\x81", "jose");        /* e + combining acute */
	check_fold("DE  LA  CRUZ", "delacruz");
	check_same("Wiśniewski", "Wisniewski");
	check_same("Öztürk", "Ozturk");
	check_same("Şahin", "Shahin");
	check_same("Müller", "Mueller");
	check_same("Ștefan", "Stefan");
	check_same("José", "Jose\xcc\x81");
	check_same("ŁUKASZ", "Lukasz");
	check_same("Gonçalves", "Goncalves");
}
END_TEST

START_TEST(test_other_scripts)
{
	/* Arabic and Bengali: as written, spaces removed; exact only */
	check_key("محمد", "محمد");
	check_key("عبد الله", "عبدالله");
	check_key("বেগম", "বেগম");
	check_differ("محمد", "محمود");
	check_differ("محمد", "Mohammed");
	check_fold("عبد الله", "عبدالله");
	/* mixed scripts are kept as written, ASCII lowered */
	check_key("Ali علي", "aliعلي");
	/* a Latin letter outside the folded ranges: as written */
	check_key("Nguyễn", "nguyễn");
	/* no letters at all: as written, never empty */
	check_key("123", "123");
	check_key("%", "%");
	check_key("-", "-");
	/* malformed UTF-8 is kept too, never empty */
	{
		char *k = key_of("Ahm\xff" "ed");

		ck_assert_str_eq(k, "ahm\xff" "ed");
		free(k);
	}
}
END_TEST

START_TEST(test_empty)
{
	check_key("", "");
	check_key("   ", "");
	check_fold("", "");
	check_key("h", "h");
	check_key("A", "a");
	check_key("Ed", "at");
	check_key("D", "d");
}
END_TEST

START_TEST(test_appends)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "x:");
	name_key("Begum", &b);
	ck_assert_str_eq(b.data, "x:bgm");
	name_key("Ed", &b);
	ck_assert_str_eq(b.data, "x:bgmat");
	buf_release(&b);
}
END_TEST

START_TEST(test_latin_keys_are_letters)
{
	static const char *const names[] = {
		"Mohammed", "Xavier", "Chowdhury", "Öztürk", "Ăâîșț", "ĳssel", "Œuvre", "Þór",
		"Aaaa", "hhhh", "wwww", "Schschsch", "ckckck", "Ylli",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *k = key_of(names[i]);

		ck_assert_msg(*k, "key of '%s' is empty", names[i]);
		for (const char *p = k; *p; p++)
			ck_assert_msg(*p >= 'a' && *p <= 'z', "key of '%s' is '%s'", names[i], k);
		free(k);
	}
}
END_TEST

Suite *phonetic_suite(void)
{
	Suite *s = suite_create("phonetic");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_transliterations_match);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_different_names_differ);
	tcase_add_test(tc, test_accents);
	tcase_add_test(tc, test_other_scripts);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_appends);
	tcase_add_test(tc, test_latin_keys_are_letters);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(phonetic_suite)
