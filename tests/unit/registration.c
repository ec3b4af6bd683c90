/* registration.c: tests of the registration form model (src/web/registration.c) */
#include "test.h"
#include "../../src/auth/auth.h"
#include "../../src/store/db.h"
#include "../../src/util/buf.h"
#include "../../src/util/date.h"
#include "../../src/web/i18n.h"
#include "../../src/web/registration.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAXP 64

static struct db *db;
static int64_t centre;
static int32_t today;
static struct http_param params[MAXP];
static size_t nparams;
static struct http_request req;

/* the POST: pairs of name, value, ending with NULL */
static void form(const char *first, ...)
{
	va_list ap;
	const char *n = first;

	nparams = 0;
	va_start(ap, first);
	while (n) {
		ck_assert_uint_lt(nparams, MAXP);
		params[nparams].name = n;
		params[nparams].value = va_arg(ap, const char *);
		nparams++;
		n = va_arg(ap, const char *);
	}
	va_end(ap);
	memset(&req, 0, sizeof(req));
	req.form = params;
	req.nform = nparams;
}

/* the valid family every test starts from (the values stay valid until the next call) */
#define GOOD_FAMILY "address_line1", "1 High Street", "postcode", "w21ab", "centre", "CC01", \
	"consent_contact", "yes", "consent_share", "no"
#define GOOD_PEOPLE "carer1_first_name", "Amina", "carer1_last_name", "Begum", \
	"child1_first_name", "Sara", "child1_last_name", "Begum", "child1_dob-day", "3", \
	"child1_dob-month", "4", "child1_dob-year", "2023"

/* the ids of the errors, joined by spaces */
static void ids(const struct kit_errors *e, struct buf *out)
{
	buf_reset(out);
	for (size_t i = 0; i < e->nr; i++)
		buf_addf(out, "%s%s", i ? " " : "", e->items[i].field_id);
}

static void setup(void)
{
	ck_assert_int_eq(i18n_load_dir("i18n"), 0);
	ck_assert_int_eq(auth_init(), 0);
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_exec(db, "INSERT INTO centres(code, name) VALUES ('CC01', 'One')"), 0);
	centre = db_last_id(db);
	today = date_from_ymd(2025, 6, 15);
}

static void teardown(void)
{
	db_close(&db);
	i18n_release();
}

START_TEST(test_good_form)
{
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_form f;

	form(GOOD_FAMILY, GOOD_PEOPLE, "carer1_lang", "ar", "carer1_lang", "EN",
	     "carer1_lang_other", "French; ti, ar", "child2_first_name", "  ", NULL);
	reg_form_init(&f);
	reg_form_read(&f, &req);
	ck_assert_uint_eq(reg_form_check(&f, "en", today, &e), 0);
	ck_assert_str_eq(f.family.postcode, "W2 1AB");
	ck_assert_int_eq(f.carers[0].nlangs, 4);
	ck_assert_str_eq(f.carers[0].langs[0], "ar");
	ck_assert_str_eq(f.carers[0].langs[1], "en");
	ck_assert_str_eq(f.carers[0].langs[2], "fr");
	ck_assert_str_eq(f.carers[0].langs[3], "ti");
	ck_assert_int_eq(f.children[0].dob, date_from_ymd(2023, 4, 3));
	/* white space alone is not a second child; neither is an empty carer 2 */
	ck_assert_int_eq(f.children[1].present, 0);
	ck_assert_int_eq(f.carers[1].present, 0);
	ck_assert_uint_eq(reg_form_nchildren(&f), 1);
	reg_form_release(&f);
	kit_errors_release(&e);
}
END_TEST

START_TEST(test_empty_form)
{
	struct kit_errors e = KIT_ERRORS_INIT;
	struct buf b = BUF_INIT;
	struct reg_form f;

	form("child2_first_name", "Bo", NULL);
	reg_form_init(&f);
	reg_form_read(&f, &req);
	reg_form_check(&f, "en", today, &e);
	reg_errors_order(&e);
	ids(&e, &b);
	ck_assert_str_eq(b.data, "address_line1 postcode carer1_first_name carer1_last_name "
				 "child1_first_name child1_last_name child1_dob-day child2_last_name "
				 "child2_dob-day centre consent_contact consent_share");
	ck_assert_str_eq(kit_errors_get(&e, "child1_dob-day"), "Enter a date of birth");
	ck_assert_str_eq(kit_errors_get(&e, "child2_last_name"), "Child 2: Enter the child’s last name");
	kit_errors_release(&e);
	reg_form_release(&f);

	/* the messages come in the page's language */
	form(NULL, NULL);
	reg_form_init(&f);
	reg_form_read(&f, &req);
	reg_form_check(&f, "ar", today, &e);
	ck_assert_str_eq(kit_errors_get(&e, "postcode"), i18n_get("ar", "error.postcode_missing"));
	ck_assert_str_ne(kit_errors_get(&e, "postcode"), i18n_get("en", "error.postcode_missing"));
	kit_errors_release(&e);
	reg_form_release(&f);
	buf_release(&b);
}
END_TEST

/* the error of child 1's date of birth for the boxes given */
static const char *dob_error(const char *d, const char *m, const char *y, unsigned *parts, char *id, size_t idlen)
{
	static struct kit_errors e = KIT_ERRORS_INIT;
	static char msg[200];
	struct reg_form f;

	kit_errors_release(&e);
	form(GOOD_FAMILY, "carer1_first_name", "A", "carer1_last_name", "B", "child1_first_name", "C",
	     "child1_last_name", "D", "child1_dob-day", d, "child1_dob-month", m, "child1_dob-year", y, NULL);
	reg_form_init(&f);
	reg_form_read(&f, &req);
	reg_form_check(&f, "en", today, &e);
	*parts = f.children[0].dob_parts;
	reg_form_release(&f);
	if (!e.nr)
		return NULL;
	ck_assert_uint_eq(e.nr, 1);
	snprintf(id, idlen, "%s", e.items[0].field_id);
	snprintf(msg, sizeof(msg), "%s", e.items[0].message);
	kit_errors_release(&e);
	return msg;
}

START_TEST(test_dates)
{
	unsigned parts;
	char id[64];

	ck_assert_ptr_null(dob_error("15", "6", "2025", &parts, id, sizeof(id))); /* today */
	ck_assert_ptr_null(dob_error("29", "2", "2024", &parts, id, sizeof(id)));
	ck_assert_str_eq(dob_error("30", "2", "2024", &parts, id, sizeof(id)), "Date of birth must be a real date");
	ck_assert_str_eq(id, "child1_dob-day");
	ck_assert_uint_eq(parts, KIT_DATE_DAY);
	ck_assert_str_eq(dob_error("1", "13", "2024", &parts, id, sizeof(id)), "Date of birth must be a real date");
	ck_assert_str_eq(id, "child1_dob-month");
	ck_assert_str_eq(dob_error("1", "1", "24", &parts, id, sizeof(id)), "Date of birth must be a real date");
	ck_assert_str_eq(id, "child1_dob-year");
	ck_assert_str_eq(dob_error("x", "1", "2024", &parts, id, sizeof(id)), "Date of birth must be a real date");
	ck_assert_str_eq(dob_error("1", "", "2024", &parts, id, sizeof(id)),
			 "Date of birth must include a day, month and year");
	ck_assert_str_eq(id, "child1_dob-month");
	ck_assert_uint_eq(parts, KIT_DATE_MONTH);
	ck_assert_str_eq(dob_error("16", "6", "2025", &parts, id, sizeof(id)),
			 "Date of birth must be today or in the past");
	ck_assert_str_eq(dob_error("15", "6", "2017", &parts, id, sizeof(id)), "The child must be under 8 years old");
	ck_assert_ptr_null(dob_error("16", "6", "2017", &parts, id, sizeof(id)));
}
END_TEST

START_TEST(test_bad_values)
{
	struct kit_errors e = KIT_ERRORS_INIT;
	struct buf b = BUF_INIT;
	struct reg_form f;

	form("address_line1", "1 High Street", "postcode", "W2 1A", "centre", "CC01", "consent_contact", "maybe",
	     "consent_share", "no", "phone", "12345", "email", "a@b", "lone_parent", "perhaps",
	     "carer1_first_name", "Amina", "carer1_last_name", "Begum", "carer1_sex", "x",
	     "carer1_ethnicity", "XXXX", "carer1_lang", "english", "carer1_lang_other", "Klingon",
	     "child1_first_name", "Sara", "child1_last_name", "Begum", "child1_dob-day", "3",
	     "child1_dob-month", "4", "child1_dob-year", "2023", "child1_sen", "lots", NULL);
	reg_form_init(&f);
	reg_form_read(&f, &req);
	reg_form_check(&f, "en", today, &e);
	reg_errors_order(&e);
	ids(&e, &b);
	ck_assert_str_eq(b.data, "postcode phone email carer1_sex carer1_ethnicity carer1_lang carer1_lang_other "
				 "child1_sen lone_parent consent_contact");
	/* what was typed is kept */
	ck_assert_str_eq(f.family.postcode, "W2 1A");
	ck_assert_str_eq(f.carers[0].lang_other, "Klingon");
	kit_errors_release(&e);
	reg_form_release(&f);
	buf_release(&b);

	/* names in any script up to 100 characters */
	{
		struct buf name = BUF_INIT;

		for (int i = 0; i < 100; i++)
			buf_adds(&name, "ب");
		form(GOOD_FAMILY, GOOD_PEOPLE, "child2_first_name", name.data, "child2_last_name", "x",
		     "child2_dob-day", "1", "child2_dob-month", "1", "child2_dob-year", "2024", NULL);
		reg_form_init(&f);
		reg_form_read(&f, &req);
		ck_assert_uint_eq(reg_form_check(&f, "en", today, &e), 0);
		reg_form_release(&f);
		buf_adds(&name, "ب");
		form(GOOD_FAMILY, GOOD_PEOPLE, "child2_first_name", name.data, "child2_last_name", "x",
		     "child2_dob-day", "1", "child2_dob-month", "1", "child2_dob-year", "2024", NULL);
		reg_form_init(&f);
		reg_form_read(&f, &req);
		ck_assert_uint_eq(reg_form_check(&f, "en", today, &e), 1);
		ck_assert_ptr_nonnull(kit_errors_get(&e, "child2_first_name"));
		reg_form_release(&f);
		kit_errors_release(&e);
		buf_release(&name);
	}
}
END_TEST

START_TEST(test_languages_by_name)
{
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_form f;

	form(GOOD_FAMILY, GOOD_PEOPLE, "child1_lang_other", "العربية، Lingala, SYL", NULL);
	reg_form_init(&f);
	reg_form_read(&f, &req);
	ck_assert_uint_eq(reg_form_check(&f, "ar", today, &e), 0);
	ck_assert_int_eq(f.children[0].nlangs, 3);
	ck_assert_str_eq(f.children[0].langs[0], "ar");
	ck_assert_str_eq(f.children[0].langs[1], "ln");
	ck_assert_str_eq(f.children[0].langs[2], "syl");
	reg_form_release(&f);
	kit_errors_release(&e);
}
END_TEST

/* register the form of the POST set up; returns the family's ext_id (static) */
static const char *save(void)
{
	static char ext[16];
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_form f;
	int64_t id;

	reg_form_init(&f);
	reg_form_read(&f, &req);
	ck_assert_uint_eq(reg_form_check(&f, "en", today, &e), 0);
	ck_assert_int_eq(reg_form_save(db, NULL, &f, centre, today, &id, ext), 0);
	ck_assert_int_gt(id, 0);
	reg_form_release(&f);
	return ext;
}

static char *text(const char *sql, const char *param)
{
	struct db_stmt *st = db_prepare(db, sql);
	char *v = NULL;

	ck_assert_ptr_nonnull(st);
	db_bind_text(st, 1, param);
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		v = strdup(db_col_text(st, 0));
	db_finalize(&st);
	return v;
}

START_TEST(test_save)
{
	char *v;

	form(GOOD_FAMILY, "lone_parent", "no", "workless", "in_work", "heard_from", "gp",
	     "carer1_first_name", "فاطمة", "carer1_last_name", "الحسيني", "carer1_relationship", "mother",
	     "carer1_employment", "student", "carer1_disabled", "yes", "carer1_lang", "ar",
	     "child1_first_name", "Zoë", "child1_last_name", "O'Brien", "child1_dob-day", "1",
	     "child1_dob-month", "2", "child1_dob-year", "2024", "child1_sen", "ehcp", "child1_lang", "en",
	     "child1_lang", "ar", NULL);
	ck_assert_str_eq(save(), "W0000001");
	v = text("SELECT group_concat(ext_id || ':' || role || ':' || first_name || ':' || last_name || ':' || "
		 "ifnull(date_of_birth, '-') || ':' || name_key || ':' || registered_on || ':' || "
		 "ifnull(employment, '-') || ':' || ifnull(sen, '-') || ':' || ifnull(disabled, '-'), ' ') "
		 "FROM (SELECT * FROM people ORDER BY ext_id) WHERE ? IS NULL", NULL);
	ck_assert_str_eq(v, "WP00000001:carer:فاطمة:الحسيني:-:الحسيني:2025-06-15:student:-:1 "
			    "WP00000002:child:Zoë:O'Brien:2024-02-01:abrn:2025-06-15:-:1:-");
	free(v);
	v = text("SELECT group_concat(code, ';') FROM (SELECT code FROM person_languages l "
		 "JOIN people p ON p.id = l.person_id WHERE p.ext_id = ? ORDER BY position)", "WP00000002");
	ck_assert_str_eq(v, "en;ar");
	free(v);
	v = text("SELECT postcode || '|' || lone_parent || '|' || workless || '|' || heard_from || '|' || "
		 "consent_contact || '|' || consent_share FROM families WHERE ext_id = ?", "W0000001");
	ck_assert_str_eq(v, "W2 1AB|0|0|gp|1|0");
	free(v);
	v = text("SELECT action || ':' || detail FROM audit WHERE family_ext_id = ?", "W0000001");
	ck_assert_str_eq(v, "create:registered family with 1 child");
	free(v);

	/* numbers carry on from the highest W id, whatever was imported */
	ck_assert_int_eq(db_exec(db, "INSERT INTO families(ext_id) VALUES ('W0000041'), ('W12'), ('F0000099')"), 0);
	form(GOOD_FAMILY, GOOD_PEOPLE, NULL);
	ck_assert_str_eq(save(), "W0000042");
	v = text("SELECT max(ext_id) FROM people WHERE ext_id LIKE ?", "WP%");
	ck_assert_str_eq(v, "WP00000004");
	free(v);
}
END_TEST

/* the person ids of the matches of the POST set up, joined by spaces */
static void matches(struct buf *out)
{
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_matches m = REG_MATCHES_INIT;
	struct reg_form f;

	reg_form_init(&f);
	reg_form_read(&f, &req);
	ck_assert_uint_eq(reg_form_check(&f, "en", today, &e), 0);
	ck_assert_int_eq(reg_find_matches(db, &f, &m), 0);
	buf_reset(out);
	for (size_t i = 0; i < m.nr; i++)
		buf_addf(out, "%s%s", i ? " " : "", m.items[i].person_ext);
	reg_matches_release(&m);
	reg_form_release(&f);
}

START_TEST(test_matches)
{
	struct buf b = BUF_INIT;

	/* Sara Begum 2023-04-03 (WP00000002) with Amina Begum, at W2 1AB */
	form(GOOD_FAMILY, GOOD_PEOPLE, NULL);
	save();

	/* same day, surname that sounds the same */
	form("address_line1", "x", "postcode", "E1 6AN", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "X", "carer1_last_name", "Y", "child1_first_name", "Zara",
	     "child1_last_name", "Begom", "child1_dob-day", "3", "child1_dob-month", "4", "child1_dob-year", "2023",
	     NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "WP00000002");
	/* same day, same surname, same home, a first name nothing like hers:
	 * her twin, not her typed again */
	form("address_line1", "x", "postcode", "W2 1AB", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "X", "carer1_last_name", "Y", "child1_first_name", "Zainab",
	     "child1_last_name", "Begum", "child1_dob-day", "3", "child1_dob-month", "4", "child1_dob-year", "2023",
	     NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "");
	/* same day, same first name folded, another surname */
	form("address_line1", "x", "postcode", "E1 6AN", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "X", "carer1_last_name", "Y", "child1_first_name", "SARA",
	     "child1_last_name", "Khan", "child1_dob-day", "3", "child1_dob-month", "4", "child1_dob-year", "2023",
	     NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "WP00000002");
	/* the same postcode and names alike, no date of birth (the postcode
	 * and the first name's sounds-like key bring her) */
	form("address_line1", "x", "postcode", "W2 1AB", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "Ameena", "carer1_last_name", "Begum",
	     "child1_first_name", "Y", "child1_last_name", "Smith", "child1_dob-day", "1",
	     "child1_dob-month", "1", "child1_dob-year", "2024", NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "WP00000001");
	/* the same postcode and surname but nothing else alike: a new member
	 * of the family, not a person registered twice */
	form("address_line1", "x", "postcode", "W2 1AB", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "Tariq", "carer1_last_name", "Begum",
	     "child1_first_name", "Y", "child1_last_name", "Smith", "child1_dob-day", "1",
	     "child1_dob-month", "1", "child1_dob-year", "2024", NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "");
	/* the same names a day apart elsewhere: likely the date mistyped */
	form("address_line1", "x", "postcode", "E1 6AN", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "Amina", "carer1_last_name", "Begum",
	     "child1_first_name", "Sara", "child1_last_name", "Begum", "child1_dob-day", "4", "child1_dob-month", "4",
	     "child1_dob-year", "2023", NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "WP00000002");
	/* other names, another day, another postcode: nobody */
	form("address_line1", "x", "postcode", "E1 6AN", "centre", "CC01", "consent_contact", "no",
	     "consent_share", "no", "carer1_first_name", "Omar", "carer1_last_name", "Farouk",
	     "child1_first_name", "Lina", "child1_last_name", "Farouk", "child1_dob-day", "9",
	     "child1_dob-month", "8", "child1_dob-year", "2021", NULL);
	matches(&b);
	ck_assert_str_eq(b.data, "");
	buf_release(&b);
}
END_TEST

START_TEST(test_update)
{
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_family old, f;
	int64_t id;
	size_t changed;
	char *v;

	form(GOOD_FAMILY, "lone_parent", "yes", GOOD_PEOPLE, NULL);
	save();
	id = db_query_int(db, "SELECT id FROM families WHERE ext_id = ?", "W0000001", -1);
	reg_family_init(&old);
	reg_family_init(&f);
	ck_assert_int_eq(reg_family_load(db, id, &old), 0);
	ck_assert_str_eq(old.lone_parent, "yes");
	ck_assert_str_eq(old.workless, "not_known");
	ck_assert_str_eq(old.postcode, "W2 1AB");

	/* nothing changed: nothing written */
	form("address_line1", "1 High Street", "postcode", "w2 1ab", "centre", "CC01", "consent_contact", "yes",
	     "consent_share", "no", "lone_parent", "yes", "workless", "not_known", NULL);
	reg_family_read(&f, &req);
	ck_assert_uint_eq(reg_family_check(&f, "en", 0, &e), 0);
	ck_assert_int_eq(reg_family_update(db, NULL, id, &old, &f, centre, &changed), 0);
	ck_assert_uint_eq(changed, 0);

	form("address_line1", "1 High Street", "postcode", "W2 1AC", "centre", "CC01", "consent_contact", "yes",
	     "consent_share", "no", "lone_parent", "no", "workless", "workless", "phone", "07700 900 982", NULL);
	reg_family_read(&f, &req);
	ck_assert_uint_eq(reg_family_check(&f, "en", 0, &e), 0);
	ck_assert_int_eq(reg_family_update(db, NULL, id, &old, &f, centre, &changed), 0);
	ck_assert_uint_eq(changed, 4);
	v = text("SELECT detail FROM audit WHERE action = ?", "update");
	ck_assert_str_eq(v, "postcode: W2 1AB -> W2 1AC; phone: (none) -> 07700 900 982; lone_parent: yes -> no; "
			    "workless: not known -> workless");
	free(v);
	v = text("SELECT group_concat(field || ':' || ifnull(old_value, '-') || ':' || new_value, ' ') FROM "
		 "(SELECT * FROM family_history ORDER BY field) WHERE ? IS NULL", NULL);
	ck_assert_str_eq(v, "lone_parent:1:0 postcode:W2 1AB:W2 1AC workless:-:1");
	free(v);

	/* on the change-details form nothing is required, but shapes are checked */
	form("postcode", "nope", NULL);
	reg_family_read(&f, &req);
	ck_assert_uint_eq(reg_family_check(&f, "en", 0, &e), 1);
	ck_assert_ptr_nonnull(kit_errors_get(&e, "postcode"));
	kit_errors_release(&e);
	reg_family_release(&old);
	reg_family_release(&f);
}
END_TEST

Suite *registration_suite(void)
{
	Suite *s = suite_create("registration");
	TCase *tc = tcase_create("form");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good_form);
	tcase_add_test(tc, test_empty_form);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_languages_by_name);
	tcase_add_test(tc, test_save);
	tcase_add_test(tc, test_matches);
	tcase_add_test(tc, test_update);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(registration_suite)
