/* find.c: tests of family search (src/search/find.c) on a small database */
#include "test.h"
#include "../../src/search/search.h"
#include "../../src/store/db.h"

#include <string.h>

static struct db *db;

static void add_family(const char *id, const char *postcode)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO families(ext_id, postcode) VALUES (?, ?)");

	ck_assert_ptr_nonnull(st);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, postcode);
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(&st);
}

static void add_person(const char *id, const char *family, const char *role, const char *rel,
		       const char *first, const char *last, const char *dob)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO people(ext_id, family_id, role, relationship, first_name, last_name, "
		"date_of_birth, registered_on, name_key) "
		"VALUES (?, (SELECT id FROM families WHERE ext_id = ?), ?, ?, ?, ?, ?, '2024-01-01', ?)");
	struct buf key = BUF_INIT;

	ck_assert_ptr_nonnull(st);
	name_key(last, &key);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, family);
	db_bind_text(st, 3, role);
	db_bind_text(st, 4, rel);
	db_bind_text(st, 5, first);
	db_bind_text(st, 6, last);
	db_bind_text(st, 7, dob);
	db_bind_text(st, 8, key.data);
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(&st);
	buf_release(&key);
}

static void setup(void)
{
	char id[16], pid[16];

	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_begin(db), 0);

	add_family("F001", "RV3 4AB");
	add_person("P001", "F001", "carer", "mother", "Rahima", "Begum", "1990-07-12");
	add_person("P002", "F001", "child", NULL, "Aisha", "Begum", "2022-03-01");
	add_person("P003", "F001", "child", NULL, "Samir", "BEGUM", "2020-01-05");

	add_family("F900", "RV9 9ZZ");
	add_person("P900", "F900", "carer", "mother", "Ying", "Zhao", "1990-01-01");

	add_family("F002", "RV3 4AD");
	add_person("P004", "F002", "carer", "mother", "Amina", "Begom", NULL);
	add_person("P005", "F002", "child", NULL, "Yusuf", "Begom", "2023-05-05");

	add_family("F003", "RV3 5XY");
	add_person("P006", "F003", "carer", "father", "Mohammed", "Chowdhury", "1985-02-02");
	add_person("P007", "F003", "child", NULL, "Sara", "Choudhury", "2021-09-09");

	add_family("F004", "RV31 2AA");
	add_person("P008", "F004", "carer", "father", "Ali", "Hussain", "1980-01-01");
	add_person("P009", "F004", "child", NULL, "Zara", "Hussein", "2022-12-12");

	add_family("F005", "W2 1AB");
	add_person("P010", "F005", "carer", "mother", "Anna", "Nowak", "1992-04-04");
	add_person("P011", "F005", "child", NULL, "Jan", "Novak", "2023-01-01");

	add_family("F006", NULL);
	add_person("P012", "F006", "carer", "father", "Tom", "Newman", "1979-03-03");
	add_person("P013", "F006", "child", NULL, "Zoë", "Newman", "2021-06-06");

	add_family("F007", "RV9 9ZZ");
	add_person("P014", "F007", "carer", "mother", "Maria", "Da Silva", "1988-08-08");
	add_person("P015", "F007", "child", NULL, "Nur Jahan", "Patel", "2024-02-02");

	add_family("F008", "RV9 9ZY");
	add_person("P016", "F008", "carer", "mother", "فاطمة", "محمد", "1995-05-05");
	add_person("P017", "F008", "child", NULL, "Omar", "Mohammed", "2022-02-02");

	/* a family whose ID is also a surname, to rank IDs first */
	add_family("Khan", "RV8 1AA");
	add_person("P018", "Khan", "carer", "other", "Imran", "Powell", "1970-01-01");
	add_family("F009", "RV8 1AB");
	add_person("P019", "F009", "carer", "mother", "Sadia", "Khan", "1991-01-01");

	/* five families of one surname, for the limit */
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof(id), "G%03d", i);
		snprintf(pid, sizeof(pid), "Q%03d", i);
		add_family(id, "RV7 1AA");
		add_person(pid, id, "carer", "mother", "Ngozi", "Okafor", NULL);
	}
	ck_assert_int_eq(db_commit(db), 0);
}

static void teardown(void)
{
	db_close(&db);
}

/* search, expecting success; the family IDs found, space separated */
static char *found(const char *text, size_t limit, struct find_result *res)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(find_families(db, text, limit, res), 0);
	for (size_t i = 0; i < res->nhits; i++) {
		if (i)
			buf_addch(&b, ' ');
		buf_adds(&b, res->hits[i].family_id);
	}
	return buf_detach(&b, NULL);
}

static void check_found(const char *text, const char *want, const char *why)
{
	struct find_result res = FIND_RESULT_INIT;
	char *got = found(text, 50, &res);

	ck_assert_msg(!strcmp(got, want), "'%s' found '%s', want '%s'", text, got, want);
	if (why && res.nhits)
		ck_assert_msg(!strcmp(res.hits[0].why, why), "'%s' found '%s' for '%s', want '%s'",
			      text, res.hits[0].family_id, res.hits[0].why, why);
	ck_assert_int_eq(res.truncated, 0);
	free(got);
	find_result_release(&res);
}

START_TEST(test_ids)
{
	check_found("F001", "F001", "family ID");
	check_found("  f001 ", "F001", "family ID");
	check_found("P002", "F001", "person ID");
	check_found("p013", "F006", "person ID");
	check_found("F999", "", NULL);
}
END_TEST

START_TEST(test_postcodes)
{
	check_found("RV3 4AB", "F001", "postcode");
	check_found("rv34ab", "F001", "postcode");
	check_found("W2  1ab", "F005", "postcode");
	/* district: RV3 but not RV31 */
	check_found("RV3", "F001 F002 F003", "postcode");
	check_found("rv31", "F004", "postcode");
	/* sector, and sector with half a unit */
	check_found("RV3 4", "F001 F002", "postcode");
	check_found("rv3 5x", "F003", "postcode");
	check_found("RV3 4AC", "", NULL);
	check_found("ZZ1", "", NULL);
}
END_TEST

START_TEST(test_surnames)
{
	/* exact (any case) before sounds-like; each family once */
	check_found("Begum", "F001 F002", "surname");
	check_found("begum", "F001 F002", "surname");
	check_found("Begom", "F002 F001", "surname");
	check_found("Chaudhry", "F003", "sounds like");
	check_found("Husain", "F004", "sounds like");
	check_found("Novak", "F005", "surname");
	check_found("Nowak", "F005", "surname");
	check_found("Da Silva", "F007", "surname");
	check_found("da  silva", "F007", "surname");
	check_found("DaSilva", "F007", "sounds like");
	check_found("Muhammad", "F008", "sounds like");
	check_found("محمد", "F008", "surname");
	/* clearly different names are not found */
	check_found("Bangura", "", NULL);
	check_found("Allen", "", NULL);
	check_found("Zzyzx", "", NULL);
}
END_TEST

START_TEST(test_reasons_of_each_hit)
{
	struct find_result res = FIND_RESULT_INIT;
	char *got = found("Begum", 50, &res);

	ck_assert_str_eq(got, "F001 F002");
	ck_assert_str_eq(res.hits[0].why, "surname");
	ck_assert_str_eq(res.hits[1].why, "sounds like");
	free(got);

	/* an ID outranks a surname */
	got = found("Khan", 50, &res);
	ck_assert_str_eq(got, "Khan F009");
	ck_assert_str_eq(res.hits[0].why, "family ID");
	ck_assert_str_eq(res.hits[1].why, "surname");
	free(got);
	find_result_release(&res);
}
END_TEST

START_TEST(test_first_and_last)
{
	check_found("Aisha Begum", "F001", "name");
	check_found("Begum Aisha", "F001", "name");
	check_found("Begum, Aisha", "F001", "name");
	check_found("begum ,aisha", "F001", "name");
	check_found("Aisha Begom", "F001", "sounds like");
	check_found("Yusuf Begum", "F002", "sounds like");
	check_found("Yousuf Begum", "F002", "sounds like");
	/* a first name prefix, then by sound */
	check_found("A Begum", "F001 F002", "name");
	check_found("Sam Begum", "F001", "name");
	check_found("Mohamed Chowdhury", "F003", "name");
	check_found("Mohamed Choudhury", "F003", "sounds like");
	/* accents folded, and one word of a double first name */
	check_found("Zoe Newman", "F006", "name");
	check_found("Jahan Patel", "F007", "name");
	check_found("Maria Da Silva", "F007", "name");
	check_found("Da Silva, Maria", "F007", "name");
	check_found("da \t silva ,  maria", "F007", "name");
	/* both words must match */
	check_found("Zara Begum", "", NULL);
	check_found("Aisha Nowak", "", NULL);
	check_found("Tom Nowak", "", NULL);
	/* a comma with no first name after it */
	check_found("Begum,", "F001 F002", "surname");
	check_found(", Aisha", "", NULL);
	check_found(",", "", NULL);
	check_found(" , ,", "", NULL);
}
END_TEST

START_TEST(test_members)
{
	struct find_result res = FIND_RESULT_INIT;
	char *got = found("F001", 50, &res);
	const struct find_member *m;

	ck_assert_str_eq(got, "F001");
	ck_assert_str_eq(res.hits[0].postcode, "RV3 4AB");
	ck_assert_uint_eq(res.hits[0].nmembers, 3);
	m = res.hits[0].members;
	/* children first, oldest first; then carers */
	ck_assert_str_eq(m[0].person_id, "P003");
	ck_assert_str_eq(m[1].person_id, "P002");
	ck_assert_str_eq(m[2].person_id, "P001");
	ck_assert_str_eq(m[1].role, "child");
	ck_assert_ptr_null(m[1].relationship);
	ck_assert_str_eq(m[1].first_name, "Aisha");
	ck_assert_str_eq(m[1].last_name, "Begum");
	ck_assert_str_eq(m[1].date_of_birth, "2022-03-01");
	ck_assert_str_eq(m[2].relationship, "mother");
	free(got);

	/* no date of birth sorts last; no postcode is NULL */
	got = found("F002", 50, &res);
	ck_assert_str_eq(res.hits[0].members[1].person_id, "P004");
	ck_assert_ptr_null(res.hits[0].members[1].date_of_birth);
	free(got);
	got = found("F006", 50, &res);
	ck_assert_ptr_null(res.hits[0].postcode);
	free(got);
	find_result_release(&res);
}
END_TEST

START_TEST(test_no_wildcards)
{
	check_found("%", "", NULL);
	check_found("_", "", NULL);
	check_found("%%", "", NULL);
	check_found("Beg%", "", NULL);
	check_found("Be_um", "", NULL);
	check_found("B%", "", NULL);
	/* punctuation in a name is ignored, as in O'Brien: found by sound only */
	check_found("B_gum", "F001 F002", "sounds like");
	check_found("% Begum", "F001 F002", "sounds like");
	check_found("Begum, %", "", NULL);
	check_found("RV3%", "", NULL);
	check_found("*", "", NULL);
	check_found("' OR 1=1 --", "", NULL);
}
END_TEST

START_TEST(test_address)
{
	ck_assert_int_eq(db_exec(db, "UPDATE families SET address_line1 = '12 Station Road', town = 'Lewisham' "
				 "WHERE ext_id = 'F002'"), 0);
	check_found("12 Station", "F002", NULL);
	check_found("station rd", "", NULL);
	check_found("Lewish", "F002", NULL);
	/* quotes and query syntax are only text */
	check_found("\"station\" *", "F002", "address");
	check_found("station OR nowhere", "", NULL);
	check_found("x", "", NULL);
}
END_TEST

START_TEST(test_nothing)
{
	struct find_result res = FIND_RESULT_INIT;
	char *got = found("", 50, &res);

	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(res.nhits, 0);
	free(got);
	got = found("   ", 50, &res);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_int_eq(find_families(db, NULL, 50, &res), 0);
	ck_assert_uint_eq(res.nhits, 0);
	/* names have no digits */
	check_found("Begum1", "", NULL);
	/* malformed UTF-8 matches nothing */
	check_found("Beg\xff" "um", "", NULL);
	/* one typing slip from Begum/Begom's key: found as a close spelling */
	check_found("Begun", "F001", "close spelling");
	check_found("Bxgum", "", NULL);
	/* a one-letter sounds-like key ("s") alone matches nothing */
	check_found("zzzz", "", NULL);
	check_found("Zhao", "F900", NULL);
	find_result_release(&res);
}
END_TEST

START_TEST(test_limit)
{
	struct find_result res = FIND_RESULT_INIT;
	char *got = found("Okafor", 3, &res);

	ck_assert_str_eq(got, "G000 G001 G002");
	ck_assert_int_eq(res.truncated, 1);
	free(got);
	/* exactly at the limit is not truncated */
	got = found("Okafor", 5, &res);
	ck_assert_uint_eq(res.nhits, 5);
	ck_assert_int_eq(res.truncated, 0);
	free(got);
	got = found("Okafor", 0, &res);
	ck_assert_uint_eq(res.nhits, 5);
	ck_assert_int_eq(res.truncated, 0);
	free(got);
	/* the limit counts families, not people */
	got = found("Begum", 1, &res);
	ck_assert_str_eq(got, "F001");
	ck_assert_int_eq(res.truncated, 1);
	free(got);
	got = found("F001", 1, &res);
	ck_assert_int_eq(res.truncated, 0);
	free(got);
	find_result_release(&res);
}
END_TEST

START_TEST(test_print)
{
	struct find_result res = FIND_RESULT_INIT;
	struct buf out = BUF_INIT;
	char *got = found("F001", 50, &res);

	find_print(&res, &out);
	ck_assert_str_eq(out.data,
			 "F001  RV3 4AB  (family ID)\n"
			 "  child  Samir BEGUM   2020-01-05  P003\n"
			 "  child  Aisha Begum   2022-03-01  P002\n"
			 "  carer  Rahima Begum  1990-07-12  P001  mother\n");
	free(got);

	buf_reset(&out);
	got = found("Zzyzx", 50, &res);
	find_print(&res, &out);
	ck_assert_str_eq(out.data, "no families match 'Zzyzx'\n");
	free(got);

	buf_reset(&out);
	got = found("Okafor", 2, &res);
	find_print(&res, &out);
	ck_assert_str_eq(out.data,
			 "G000  RV7 1AA  (surname)\n"
			 "  carer  Ngozi Okafor              Q000  mother\n"
			 "\n"
			 "G001  RV7 1AA  (surname)\n"
			 "  carer  Ngozi Okafor              Q001  mother\n"
			 "(showing the first 2)\n");
	free(got);

	buf_reset(&out);
	got = found("F006", 50, &res);
	find_print(&res, &out);
	ck_assert_str_eq(out.data,
			 "F006  no postcode  (family ID)\n"
			 "  child  Zoë Newman  2021-06-06  P013\n"
			 "  carer  Tom Newman  1979-03-03  P012  father\n");
	free(got);
	buf_release(&out);
	find_result_release(&res);
}
END_TEST

/* the character column where `needle` starts in `line` */
static long char_column(const char *line, const char *needle)
{
	const char *at = strstr(line, needle);
	long col = 0;

	ck_assert_ptr_nonnull(at);
	for (const char *p = line; p < at; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			col++;
	return col;
}

START_TEST(test_print_aligns_characters)
{
	struct find_result res = FIND_RESULT_INIT;
	struct buf out = BUF_INIT;
	char *got = found("F008", 50, &res);
	char *child, *carer;

	find_print(&res, &out);
	/* header, the child (Latin), the carer (Arabic: 10 characters, 19 bytes) */
	child = strchr(out.data, '\n');
	ck_assert_ptr_nonnull(child);
	*child++ = '\0';
	carer = strchr(child, '\n');
	ck_assert_ptr_nonnull(carer);
	*carer++ = '\0';
	ck_assert_msg(strstr(carer, "فاطمة محمد"), "carer line '%s'", carer);
	ck_assert_int_eq(char_column(child, "2022-02-02"), char_column(carer, "1995-05-05"));
	ck_assert_int_eq(char_column(child, "P017"), char_column(carer, "P016"));
	free(got);
	buf_release(&out);
	find_result_release(&res);
}
END_TEST

START_TEST(test_control_characters_shown)
{
	struct find_result res = FIND_RESULT_INIT;
	struct buf out = BUF_INIT;
	char *got;

	ck_assert_int_eq(db_begin(db), 0);
	add_family("F100", "RV6 1AA");
	add_person("P100", "F100", "carer", NULL, "Evil\x1b[2J", "Name\nX", "1999-09-09");
	ck_assert_int_eq(db_commit(db), 0);
	got = found("F100", 50, &res);
	find_print(&res, &out);
	ck_assert_str_eq(out.data,
			 "F100  RV6 1AA  (family ID)\n"
			 "  carer  Evil?[2J Name?X  1999-09-09  P100\n");
	free(got);
	buf_release(&out);
	find_result_release(&res);
}
END_TEST

/* every statement is served by an index: no plan step scans a table (a
 * full-text MATCH is a lookup in the word index, shown as a virtual table) */
START_TEST(test_query_plans)
{
	for (size_t i = 0; find_sql[i]; i++) {
		struct buf sql = BUF_INIT;
		struct db_stmt *st;
		int rows = 0;

		buf_adds(&sql, "EXPLAIN QUERY PLAN ");
		buf_adds(&sql, find_sql[i]);
		st = db_prepare(db, sql.data);
		ck_assert_ptr_nonnull(st);
		while (db_step(st) == DB_ROW) {
			const char *detail = db_col_text(st, 3);

			rows++;
			ck_assert_msg(strncmp(detail, "SCAN", 4) || (strstr(detail, "VIRTUAL TABLE INDEX") &&
								  strstr(detail, ":M")),
				      "'%s' plans '%s'", find_sql[i], detail);
		}
		ck_assert_int_gt(rows, 0);
		db_finalize(&st);
		buf_release(&sql);
	}
}
END_TEST

START_TEST(test_database_error)
{
	struct db *empty;
	struct find_result res = FIND_RESULT_INIT;

	/* no schema: the first query fails, and is reported */
	ck_assert_int_eq(db_open(&empty, ":memory:", 1), 0);
	ck_assert_int_eq(find_families(empty, "Begum", 50, &res), -1);
	ck_assert_uint_eq(res.nhits, 0);
	find_result_release(&res);
	db_close(&empty);
}
END_TEST

Suite *find_suite(void)
{
	Suite *s = suite_create("find");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ids);
	tcase_add_test(tc, test_postcodes);
	tcase_add_test(tc, test_surnames);
	tcase_add_test(tc, test_reasons_of_each_hit);
	tcase_add_test(tc, test_first_and_last);
	tcase_add_test(tc, test_members);
	tcase_add_test(tc, test_no_wildcards);
	tcase_add_test(tc, test_nothing);
	tcase_add_test(tc, test_address);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_print);
	tcase_add_test(tc, test_print_aligns_characters);
	tcase_add_test(tc, test_control_characters_shown);
	tcase_add_test(tc, test_query_plans);
	tcase_add_test(tc, test_database_error);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(find_suite)
