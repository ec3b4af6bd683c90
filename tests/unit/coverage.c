/* coverage.c: tests of ward and LSOA coverage by reach areas, on a made-up geography */
#include "test.h"
#include "../../src/report/coverage.h"
#include "../../src/store/db.h"

#include <string.h>

static struct db *db;

/*
 * Wards WA {A1, A2}, WB {B1, B2, B3}, WC {C1}, WD {D1}; under-5s in 2026:
 * A1 10, A2 20, B1 7, B2 3, B3 none, C1 5, D1 9 (and A1 99 in 2025).
 * Reach areas: X holds A1, A2 and 0.4 of D1; Y holds A2 and 0.5 of B1;
 * Z holds 0.25 of B1, 0.333333 of B2 and 0.6 of D1.
 *   WA: 2 LSOAs, 2 covered, 30 under-5s, 10 + 20 x min(1, 2) = 30 inside: wholly
 *   WB: 3 LSOAs, 2 covered, 10 under-5s, 7 x 0.75 + 3 x 0.333333 =
 *       6.249999 -> 6 inside: partly
 *   WC: 1 LSOA, none covered, 5 under-5s, 0 inside: not
 *   WD: 1 LSOA, covered 0.4 + 0.6 = 1: 9 inside, wholly
 *   in no reach area: B3, C1; in two or more: A2 (X, Y), B1 (Y, Z), D1 (X, Z)
 */
static void setup(void)
{
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_exec(db,
		"INSERT INTO lsoas(code, name, ward_code, ward_name, la_code) VALUES"
		" ('A1', 'a1', 'WA', 'Ward A', 'LA'), ('A2', 'a2', 'WA', 'Ward A', 'LA'),"
		" ('B1', 'b1', 'WB', 'Ward B', 'LA'), ('B2', 'b2', 'WB', 'Ward B', 'LA'),"
		" ('B3', 'b3', 'WB', NULL, 'LA'), ('C1', 'c1', 'WC', 'Ward C', 'LA'), ('D1', 'd1', 'WD', 'Ward D', 'LA');"
		"INSERT INTO population VALUES ('A1', 2026, 0, 4), ('A1', 2026, 3, 6), ('A2', 2026, 1, 20),"
		" ('B1', 2026, 2, 7), ('B2', 2026, 4, 3), ('C1', 2026, 0, 5), ('D1', 2026, 0, 9), ('A1', 2025, 0, 99);"
		"INSERT INTO centres(id, code, name) VALUES (1, 'X', 'x'), (2, 'Y', 'y'), (3, 'Z', 'z');"
		"INSERT INTO reach_areas VALUES (1, 'A1'), (1, 'A2'), (1, 'D1'), (2, 'A2'), (2, 'B1'),"
		" (3, 'B1'), (3, 'B2'), (3, 'D1');"
		"INSERT INTO reach_area_shares VALUES (1, 'D1', 400000), (2, 'B1', 500000), (3, 'B1', 250000),"
		" (3, 'B2', 333333), (3, 'D1', 600000);"), 0);
}

static void teardown(void)
{
	db_close(&db);
}

static void expect_ward(const struct coverage_ward *w, const char *code, size_t lsoas, size_t covered,
			long pop, long inside, enum coverage_status status)
{
	ck_assert_str_eq(w->code, code);
	ck_assert_int_eq(w->lsoas, lsoas);
	ck_assert_int_eq(w->lsoas_covered, covered);
	ck_assert_int_eq(w->population, pop);
	ck_assert_int_eq(w->population_covered, inside);
	ck_assert_int_eq(w->status, status);
}

START_TEST(test_wards)
{
	struct coverage c;

	ck_assert_int_eq(coverage_latest_year(db, 0), 2026);
	ck_assert_int_eq(coverage_compute(db, 2026, &c), 0);
	ck_assert_int_eq(c.nwards, 4);
	ck_assert_int_eq(c.nlsoas, 7);
	ck_assert_int_eq(c.best_fit, 1);
	expect_ward(&c.wards[0], "WA", 2, 2, 30, 30, COVERAGE_WHOLLY);
	expect_ward(&c.wards[1], "WB", 3, 2, 10, 6, COVERAGE_PARTLY);
	expect_ward(&c.wards[2], "WC", 1, 0, 5, 0, COVERAGE_NOT);
	expect_ward(&c.wards[3], "WD", 1, 1, 9, 9, COVERAGE_WHOLLY);
	ck_assert_str_eq(c.wards[1].name, "Ward B");
	/* B3 has no population row; B1's own covered part is 5.25 -> 5 */
	ck_assert_int_eq(c.lsoas[4].has_population, 0);
	ck_assert_str_eq(c.lsoas[2].code, "B1");
	ck_assert_int_eq(c.lsoas[2].share, 750000);
	ck_assert_int_eq(c.lsoas[2].population_covered, 5);
	ck_assert_int_eq(c.lsoas[2].ward, 1);
	ck_assert_int_eq(c.lsoas[6].ward, 3);
	coverage_release(&c);
	/* another year: A1's 2025 row only */
	ck_assert_int_eq(coverage_compute(db, 2025, &c), 0);
	expect_ward(&c.wards[0], "WA", 2, 2, 99, 99, COVERAGE_WHOLLY);
	ck_assert_int_eq(c.wards[1].has_population, 0);
	coverage_release(&c);
}
END_TEST

START_TEST(test_csv)
{
	struct coverage c;
	struct buf out = BUF_INIT;

	ck_assert_int_eq(coverage_compute(db, 2026, &c), 0);
	coverage_write_csv(&c, &out);
	ck_assert_str_eq(out.data,
		"section,ward_code,ward_name,lsoas,lsoas_covered,population,population_covered,status,lsoa_code,centres\n"
		"ward,WA,Ward A,2,2,30,30,wholly,,\n"
		"ward,WB,Ward B,3,2,10,6,partly,,\n"
		"ward,WC,Ward C,1,0,5,0,not,,\n"
		"ward,WD,Ward D,1,1,9,9,wholly,,\n"
		"uncovered,WB,Ward B,,,,,,B3,\n"
		"uncovered,WC,Ward C,,,5,0,,C1,\n"
		"overlap,WA,Ward A,,,20,20,,A2,X 1;Y 1\n"
		"overlap,WB,Ward B,,,7,5,,B1,Y 0.5;Z 0.25\n"
		"overlap,WD,Ward D,,,9,9,,D1,X 0.4;Z 0.6\n");
	buf_reset(&out);
	coverage_write_json(&c, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "{\n \"wards\": [\n  {\"ward_code\": \"WA\", \"ward_name\": \"Ward A\", "
					       "\"lsoas\": 2, \"lsoas_covered\": 2, \"population\": 30"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"uncovered\": ["));
	ck_assert_ptr_nonnull(strstr(out.data, "\"centres\": \"Y 0.5;Z 0.25\"}"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"year\": 2026, \"best_fit\": true\n}\n"));
	buf_reset(&out);
	coverage_write_table(&c, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "The LSOAs in two or more reach areas\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "Best fit:"));
	buf_release(&out);
	coverage_release(&c);
}
END_TEST

START_TEST(test_empty)
{
	struct db *empty = NULL;
	struct coverage c;
	struct buf out = BUF_INIT;

	ck_assert_int_eq(db_open(&empty, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(empty), 0);
	ck_assert_int_eq(coverage_latest_year(empty, 2020), 2020);
	ck_assert_int_eq(coverage_compute(empty, 2026, &c), 0);
	ck_assert_int_eq(c.nwards, 0);
	coverage_write_json(&c, &out);
	ck_assert_str_eq(out.data, "{ \"year\": 2026, \"best_fit\": false\n}\n");
	buf_release(&out);
	coverage_release(&c);
	db_close(&empty);
}
END_TEST

static Suite *coverage_suite(void)
{
	Suite *s = suite_create("coverage");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_wards);
	tcase_add_test(tc, test_csv);
	tcase_add_test(tc, test_empty);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(coverage_suite)
