/* reach.c: tests of the reach report computation and its formats */
#include "test.h"
#include "../../src/report/reach.h"
#include "../../src/report/reach_data.h"
#include "../../src/store/db.h"
#include "../../src/util/date.h"

static struct db *db;

static void exec(const char *sql)
{
	ck_assert_msg(db_exec(db, sql) == 0, "%s", sql);
}

static int32_t day(const char *s)
{
	int32_t d;

	ck_assert_msg(date_parse(s, &d) == 0, "%s", s);
	return d;
}

/*
 * Two LSOAs (L1 deprived, L2), centres C1 (L1) and C2 (L1, L2) in clusters
 * North and South; population 2026: L1 = 10, L2 = 4.
 *   F1 in L1, lone parent; mother M1 born 2005-06-01; father D1.
 *     K1 born 2024-06-01 (mother 19: teenage), registered, 3 sessions.
 *     K2 born 2021-06-30: exactly 5 on TO 2026-06-30, so not counted.
 *   F2 in L2, workless = n; K3 born 2026-06-30 (on TO), registered on TO,
 *     BAFR, disabled, one session on FROM.
 *   F3 postcode unknown: K4 registered, attended, and one repeated row.
 *   F4 in L2: K5 registered after TO; father D2 registered, 1 session.
 */
static void setup(void)
{
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	exec("INSERT INTO lsoas(code, ward_code, la_code) VALUES ('L1', 'W1', 'LA'), ('L2', 'W1', 'LA');"
	     "INSERT INTO postcodes VALUES ('A1 1AA', 'L1'), ('A1 1AB', 'L2'), ('A1 1AC', 'OUTSIDE');"
	     "INSERT INTO population VALUES ('L1', 2026, 0, 6), ('L1', 2026, 4, 4), ('L2', 2026, 1, 4),"
	     " ('L1', 2025, 0, 99), ('L1', 2026, 3, 0);"
	     "INSERT INTO centres(id, code, name, cluster) VALUES (1, 'C1', 'One', 'North'),"
	     " (2, 'C2', 'Two', 'South'), (3, 'C3', 'Three', NULL);"
	     "INSERT INTO reach_areas VALUES (1, 'L1'), (2, 'L1'), (2, 'L2');"
	     "INSERT INTO families(id, ext_id, postcode, lone_parent, workless) VALUES"
	     " (1, 'F1', 'A1 1AA', 1, NULL), (2, 'F2', 'A1 1AB', NULL, 0), (3, 'F3', 'A1 1AC', NULL, NULL),"
	     " (4, 'F4', 'A1 1AB', 0, 1);"
	     "INSERT INTO people(id, ext_id, family_id, role, relationship, first_name, last_name,"
	     " date_of_birth, ethnicity, disabled, registered_on, name_key) VALUES"
	     " (1, 'M1', 1, 'carer', 'mother', 'm', 'x', '2005-06-01', NULL, NULL, '2024-06-01', 'x'),"
	     " (2, 'D1', 1, 'carer', 'father', 'd', 'x', '2000-01-01', NULL, NULL, '2024-06-01', 'x'),"
	     " (3, 'K1', 1, 'child', NULL, 'k', 'x', '2024-06-01', 'WBRI', 0, '2024-06-02', 'x'),"
	     " (4, 'K2', 1, 'child', NULL, 'k', 'x', '2021-06-30', NULL, NULL, '2021-07-01', 'x'),"
	     " (5, 'K3', 2, 'child', NULL, 'k', 'x', '2026-06-30', 'BAFR', 1, '2026-06-30', 'x'),"
	     " (6, 'K4', 3, 'child', NULL, 'k', 'x', '2023-01-01', 'REFU', NULL, '2023-02-01', 'x'),"
	     " (7, 'K5', 4, 'child', NULL, 'k', 'x', '2025-01-01', 'WENG', NULL, '2026-07-01', 'x'),"
	     " (8, 'D2', 4, 'carer', 'father', 'd', 'x', NULL, NULL, 1, '2025-01-01', 'x');"
	     "INSERT INTO activities VALUES (1, 'Play'), (2, 'Rhyme');");
	/* sessions: day numbers of 2026-01-01 (20454), 2026-03-01, 2026-06-30 */
	exec("INSERT INTO sessions(id, centre_id, activity_id, day) VALUES"
	     " (1, 1, 1, 20454), (2, 1, 2, 20454), (3, 2, 1, 20513), (4, 1, 1, 20634), (5, 1, 1, 20000);"
	     "INSERT INTO attendance(day, person_id, session_id) VALUES"
	     " (20454, 3, 1), (20454, 3, 2), (20513, 3, 3),"
	     " (20454, 5, 1),"
	     " (20634, 6, 4), (20000, 6, 5),"
	     " (20634, 8, 4), (20000, 7, 5);");
}

static void teardown(void)
{
	db_close(&db);
}

static const struct reach_row *find_row(const struct reach_report *r, enum area_type t,
					const char *code, enum reach_group g)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (r->rows[i].type == t && !strcmp(r->rows[i].code, code) && r->rows[i].group == g)
			return &r->rows[i];
	ck_abort_msg("no row %s %s", code, reach_group_name(g));
	return NULL;
}

static void expect(const struct reach_row *row, long reg, long eng, long sus)
{
	ck_assert_int_eq(row->registered, reg);
	ck_assert_int_eq(row->engaged, eng);
	ck_assert_int_eq(row->sustained, sus);
}

static void compute(enum area_type by, struct reach_report *r)
{
	struct reach_opts o;

	reach_opts_init(&o);
	o.from = day("2026-01-01");
	o.to = day("2026-06-30");
	o.by = by;
	ck_assert_int_eq(reach_compute(db, &o, r), 0);
}

START_TEST(test_days_used_above)
{
	ck_assert_int_eq(day("2026-01-01"), 20454);
	ck_assert_int_eq(day("2026-03-01"), 20513);
	ck_assert_int_eq(day("2026-06-30"), 20634);
	ck_assert_int_lt(20000, day("2026-01-01"));
}
END_TEST

START_TEST(test_by_lsoa)
{
	struct reach_report r;

	compute(AREA_LSOA, &r);
	ck_assert_int_eq(r.nrows, 3 * GROUP_COUNT);
	/* L1: K1 registered and sustained (3 sessions), K2 is 5 on TO */
	expect(find_row(&r, AREA_LSOA, "L1", GROUP_ALL), 1, 1, 1);
	ck_assert_int_eq(find_row(&r, AREA_LSOA, "L1", GROUP_ALL)->population, 10);
	expect(find_row(&r, AREA_LSOA, "L1", GROUP_TEENAGE_MOTHER), 1, 1, 1);
	expect(find_row(&r, AREA_LSOA, "L1", GROUP_LONE_PARENT), 1, 1, 1);
	expect(find_row(&r, AREA_LSOA, "L1", GROUP_WORKLESS), 0, 0, 0);
	expect(find_row(&r, AREA_LSOA, "L1", GROUP_MINORITY_ETHNIC), 0, 0, 0);
	/* D1: registered, never attended */
	expect(find_row(&r, AREA_LSOA, "L1", GROUP_FATHERS), 1, 0, 0);
	/* L2: K3 born and registered on TO, one session; K5 registered after TO */
	expect(find_row(&r, AREA_LSOA, "L2", GROUP_ALL), 1, 1, 0);
	expect(find_row(&r, AREA_LSOA, "L2", GROUP_MINORITY_ETHNIC), 1, 1, 0);
	expect(find_row(&r, AREA_LSOA, "L2", GROUP_DISABLED_CHILD), 1, 1, 0);
	expect(find_row(&r, AREA_LSOA, "L2", GROUP_WORKLESS), 0, 0, 0);
	expect(find_row(&r, AREA_LSOA, "L2", GROUP_DISABLED_PARENT), 0, 0, 0);
	/* D2's family has K5 (under 5, unregistered): D2 counts, attended once */
	expect(find_row(&r, AREA_LSOA, "L2", GROUP_FATHERS), 1, 1, 0);
	/* K4 lives in an LSOA outside lsoas: unknown; REFU is not minority */
	expect(find_row(&r, AREA_UNKNOWN, "", GROUP_ALL), 1, 1, 0);
	expect(find_row(&r, AREA_UNKNOWN, "", GROUP_MINORITY_ETHNIC), 0, 0, 0);
	ck_assert_int_eq(r.rows[r.nrows - 1].type, AREA_UNKNOWN);
	reach_report_release(&r);
}
END_TEST

START_TEST(test_by_centre_and_cluster)
{
	struct reach_report r;

	compute(AREA_CENTRE, &r);
	ck_assert_int_eq(r.nrows, 4 * GROUP_COUNT);
	expect(find_row(&r, AREA_CENTRE, "C1", GROUP_ALL), 1, 1, 1);
	ck_assert_int_eq(find_row(&r, AREA_CENTRE, "C1", GROUP_ALL)->population, 10);
	expect(find_row(&r, AREA_CENTRE, "C2", GROUP_ALL), 2, 2, 1);
	ck_assert_int_eq(find_row(&r, AREA_CENTRE, "C2", GROUP_ALL)->population, 14);
	/* C3 has no reach area: listed, zero, no population */
	expect(find_row(&r, AREA_CENTRE, "C3", GROUP_ALL), 0, 0, 0);
	ck_assert_int_eq(find_row(&r, AREA_CENTRE, "C3", GROUP_ALL)->has_population, 0);
	reach_report_release(&r);

	compute(AREA_CLUSTER, &r);
	ck_assert_int_eq(r.nrows, 3 * GROUP_COUNT);
	ck_assert_str_eq(r.rows[0].code, "North");
	ck_assert_str_eq(r.rows[GROUP_COUNT].code, "South");
	expect(find_row(&r, AREA_CLUSTER, "South", GROUP_FATHERS), 2, 1, 0);
	reach_report_release(&r);

	compute(AREA_LA, &r);
	expect(find_row(&r, AREA_LA, "LA", GROUP_ALL), 2, 2, 1);
	ck_assert_int_eq(find_row(&r, AREA_LA, "LA", GROUP_ALL)->population, 14);
	reach_report_release(&r);
}
END_TEST

START_TEST(test_sustained_setting)
{
	struct reach_report r;
	struct reach_opts o;

	reach_opts_init(&o);
	o.from = day("2026-01-01");
	o.to = day("2026-06-30");
	o.by = AREA_LA;
	o.sustained = 1;
	ck_assert_int_eq(reach_compute(db, &o, &r), 0);
	expect(find_row(&r, AREA_LA, "LA", GROUP_ALL), 2, 2, 2);
	reach_report_release(&r);
}
END_TEST

START_TEST(test_percentages_and_words)
{
	ck_assert_int_eq(reach_pct_tenths(2, 3), 667);
	ck_assert_int_eq(reach_pct_tenths(1, 8), 125);
	ck_assert_int_eq(reach_pct_tenths(1, 16), 63);
	ck_assert_int_eq(reach_pct_tenths(0, 7), 0);
	ck_assert_int_eq(reach_pct_tenths(9, 8), 1125);
	ck_assert_int_eq(reach_pct_whole(1, 200), 1);  /* 0.5 rounds up */
	ck_assert_int_eq(reach_pct_whole(99, 200), 50); /* 49.5 rounds up */
	ck_assert_int_eq(reach_pct_whole(193, 200), 97);/* 96.5 */
	ck_assert_str_eq(ofsted_words(100), "almost all");
	ck_assert_str_eq(ofsted_words(130), "almost all");
	ck_assert_str_eq(ofsted_words(97), "almost all");
	ck_assert_str_eq(ofsted_words(96), "most");
	ck_assert_str_eq(ofsted_words(80), "most");
	ck_assert_str_eq(ofsted_words(79), "a large majority");
	ck_assert_str_eq(ofsted_words(65), "a large majority");
	ck_assert_str_eq(ofsted_words(64), "a majority");
	ck_assert_str_eq(ofsted_words(51), "a majority");
	ck_assert_str_eq(ofsted_words(50), "half");
	ck_assert_str_eq(ofsted_words(49), "a minority");
	ck_assert_str_eq(ofsted_words(35), "a minority");
	ck_assert_str_eq(ofsted_words(34), "a small minority");
	ck_assert_str_eq(ofsted_words(20), "a small minority");
	ck_assert_str_eq(ofsted_words(19), "few");
	ck_assert_str_eq(ofsted_words(4), "few");
	ck_assert_str_eq(ofsted_words(3), "almost none");
	ck_assert_str_eq(ofsted_words(0), "almost none");
}
END_TEST

START_TEST(test_csv_format)
{
	struct reach_report r;
	struct buf out = BUF_INIT;

	compute(AREA_LSOA, &r);
	reach_write_csv(&r, &out);
	ck_assert_ptr_nonnull(strstr(out.data,
		"area_type,area_code,group,population,registered,engaged,sustained,registered_pct,"
		"engaged_pct,registered_words\n"
		"lsoa,L1,all,10,1,1,1,10.0,10.0,few\n"
		"lsoa,L1,teenage_mother,,1,1,1,,,\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "lsoa,L2,all,4,1,1,0,25.0,25.0,a small minority\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "unknown,,all,,1,1,0,,,\nunknown,,teenage_mother,,0,0,0,,,\n"));
	buf_reset(&out);
	reach_write_json(&r, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "\"population\": 10, \"registered\": 1"));
	ck_assert_ptr_nonnull(strstr(out.data, "\"registered_words\": null"));
	buf_reset(&out);
	reach_write_table(&r, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "a small minority"));
	buf_release(&out);
	reach_report_release(&r);
}
END_TEST

START_TEST(test_empty_database)
{
	struct reach_report r;
	struct db *empty = NULL;
	struct reach_opts o;

	ck_assert_int_eq(db_open(&empty, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(empty), 0);
	reach_opts_init(&o);
	o.from = o.to = day("2026-01-01");
	ck_assert_int_eq(reach_compute(empty, &o, &r), 0);
	ck_assert_int_eq(r.nrows, GROUP_COUNT);
	ck_assert_int_eq(r.rows[0].type, AREA_UNKNOWN);
	reach_report_release(&r);
	db_close(&empty);
}
END_TEST

/*
 * Best fit: C1 holds 0.3 of L1, C2 0.45 of L1 and L2 whole, C3 (moved to
 * South) 0.25 of L1. Worked by hand from the LSOA figures above
 * (L1: pop 10, all 1/1/1, teenage 1/1/1, lone 1/1/1, fathers 1/0/0;
 * L2: pop 4, all 1/1/0, minority 1/1/0, disabled child 1/1/0, fathers 1/1/0):
 *   C1 = 0.3 L1: pop 3, all 0.3 -> 0/0/0, fathers 0.3 -> 0
 *   C2 = 0.45 L1 + L2: pop 4.5 + 4 = 8.5 -> 9 (half up), all 1.45/1.45/0.45
 *     -> 1/1/0, teenage 0.45 -> 0, minority 1/1/0, fathers 1.45/1/0 -> 1/1/0
 *   C3 = 0.25 L1: pop 2.5 -> 3, all 0.25 -> 0
 *   South = min(1, 0.45 + 0.25) = 0.7 L1 + L2: pop 11, all 1.7/1.7/0.7 ->
 *     2/2/1, teenage 0.7 -> 1/1/1, fathers 1.7/1/0 -> 2/1/0
 *   LA and LSOA rows are whole and not best fit.
 */
static void add_shares(void)
{
	exec("UPDATE centres SET cluster = 'South' WHERE id = 3;"
	     "INSERT INTO reach_areas VALUES (3, 'L1');"
	     "INSERT INTO reach_area_shares VALUES (1, 'L1', 300000), (2, 'L1', 450000), (3, 'L1', 250000);");
}

START_TEST(test_best_fit)
{
	struct reach_report r;
	const struct reach_row *row;
	struct buf out = BUF_INIT;

	add_shares();
	compute(AREA_CENTRE, &r);
	ck_assert_int_eq(r.best_fit, 1);
	row = find_row(&r, AREA_CENTRE, "C1", GROUP_ALL);
	expect(row, 0, 0, 0);
	ck_assert_int_eq(row->population, 3);
	ck_assert_int_eq(row->best_fit, 1);
	expect(find_row(&r, AREA_CENTRE, "C1", GROUP_FATHERS), 0, 0, 0);
	row = find_row(&r, AREA_CENTRE, "C2", GROUP_ALL);
	expect(row, 1, 1, 0);
	ck_assert_int_eq(row->population, 9);
	expect(find_row(&r, AREA_CENTRE, "C2", GROUP_TEENAGE_MOTHER), 0, 0, 0);
	expect(find_row(&r, AREA_CENTRE, "C2", GROUP_MINORITY_ETHNIC), 1, 1, 0);
	expect(find_row(&r, AREA_CENTRE, "C2", GROUP_FATHERS), 1, 1, 0);
	ck_assert_int_eq(find_row(&r, AREA_CENTRE, "C2", GROUP_FATHERS)->best_fit, 1);
	row = find_row(&r, AREA_CENTRE, "C3", GROUP_ALL);
	expect(row, 0, 0, 0);
	ck_assert_int_eq(row->population, 3);
	ck_assert_int_eq(find_row(&r, AREA_UNKNOWN, "", GROUP_ALL)->best_fit, 0);
	reach_write_csv(&r, &out);
	ck_assert_ptr_nonnull(strstr(out.data, "registered_words,best_fit\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "centre,C2,all,9,1,1,0,11.1,11.1,few,y\n"));
	ck_assert_ptr_nonnull(strstr(out.data, "unknown,,all,,1,1,0,,,,\n"));
	reach_report_release(&r);

	compute(AREA_CLUSTER, &r);
	row = find_row(&r, AREA_CLUSTER, "South", GROUP_ALL);
	expect(row, 2, 2, 1);
	ck_assert_int_eq(row->population, 11);
	expect(find_row(&r, AREA_CLUSTER, "South", GROUP_TEENAGE_MOTHER), 1, 1, 1);
	expect(find_row(&r, AREA_CLUSTER, "South", GROUP_FATHERS), 2, 1, 0);
	row = find_row(&r, AREA_CLUSTER, "North", GROUP_ALL);
	expect(row, 0, 0, 0);
	ck_assert_int_eq(row->population, 3);
	reach_report_release(&r);

	compute(AREA_LA, &r);
	ck_assert_int_eq(r.best_fit, 0);
	expect(find_row(&r, AREA_LA, "LA", GROUP_ALL), 2, 2, 1);
	ck_assert_int_eq(find_row(&r, AREA_LA, "LA", GROUP_ALL)->population, 14);
	buf_reset(&out);
	reach_write_csv(&r, &out);
	ck_assert_ptr_null(strstr(out.data, "best_fit"));
	reach_report_release(&r);
	buf_release(&out);
}
END_TEST

/* reach_compute (a load of its own period) and reach_compute_data on a
 * load of every day give the same rows, shares or not */
START_TEST(test_both_paths_agree)
{
	struct reach_data *d = NULL;

	for (int shares = 0; shares < 2; shares++) {
		if (shares)
			add_shares();
		ck_assert_int_eq(reach_data_load(db, day("1990-01-01"), day("2040-12-31"), &d), 0);
		for (int t = AREA_LA; t <= AREA_LSOA; t++) {
			struct reach_report a, b;
			struct reach_opts o;

			compute((enum area_type)t, &a);
			reach_opts_init(&o);
			o.from = day("2026-01-01");
			o.to = day("2026-06-30");
			o.by = (enum area_type)t;
			ck_assert_int_eq(reach_compute_data(d, &o, &b), 0);
			ck_assert_int_eq(a.nrows, b.nrows);
			ck_assert_int_eq(a.best_fit, b.best_fit);
			ck_assert_int_eq(a.best_fit, shares && (t == AREA_CENTRE || t == AREA_CLUSTER));
			for (size_t i = 0; i < a.nrows; i++) {
				ck_assert_str_eq(a.rows[i].code, b.rows[i].code);
				ck_assert_int_eq(a.rows[i].group, b.rows[i].group);
				ck_assert_int_eq(a.rows[i].population, b.rows[i].population);
				ck_assert_int_eq(a.rows[i].has_population, b.rows[i].has_population);
				ck_assert_int_eq(a.rows[i].registered, b.rows[i].registered);
				ck_assert_int_eq(a.rows[i].engaged, b.rows[i].engaged);
				ck_assert_int_eq(a.rows[i].sustained, b.rows[i].sustained);
				ck_assert_int_eq(a.rows[i].best_fit, b.rows[i].best_fit);
			}
			reach_report_release(&a);
			reach_report_release(&b);
		}
		reach_data_free(&d);
	}
}
END_TEST

static Suite *reach_suite(void)
{
	Suite *s = suite_create("reach");
	TCase *tc = tcase_create("report");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_days_used_above);
	tcase_add_test(tc, test_by_lsoa);
	tcase_add_test(tc, test_by_centre_and_cluster);
	tcase_add_test(tc, test_sustained_setting);
	tcase_add_test(tc, test_percentages_and_words);
	tcase_add_test(tc, test_csv_format);
	tcase_add_test(tc, test_empty_database);
	tcase_add_test(tc, test_best_fit);
	tcase_add_test(tc, test_both_paths_agree);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(reach_suite)
