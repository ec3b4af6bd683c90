/* engagement.c: tests of new families a month and families not seen */
#include "test.h"
#include "../../src/report/engagement.h"
#include "../../src/report/reach.h"
#include "../../src/util/date.h"

static struct db *db;

static int32_t day(const char *s)
{
	int32_t d;

	ck_assert_msg(date_parse(s, &d) == 0, "%s", s);
	return d;
}

/*
 * F1 (centre 1): carer registered 2026-01-10, child born 2024-05-01
 *     registered 2026-02-03; the child attended on 2026-05-01.
 * F2 (centre 2): child born 2023-01-01 registered 2026-01-31; last seen
 *     2025-10-01 (more than 6 months before 2026-06-30).
 * F3 (centre 1): child registered 2025-12-31 (before the period); never seen.
 * F4 (centre 1): only a child of 6 (not under 5); never seen.
 * F5 (no centre): child registered 2026-07-01, after `on`.
 */
static void setup(void)
{
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_exec(db,
		"INSERT INTO centres(id, code, name) VALUES (1, 'C1', 'One'), (2, 'C2', 'Two');"
		"INSERT INTO families(id, ext_id, postcode, centre_id) VALUES (1, 'F1', 'A1 1AA', 1),"
		" (2, 'F2', NULL, 2), (3, 'F3', 'A1 1AB', 1), (4, 'F4', NULL, 1), (5, 'F5', NULL, NULL);"
		"INSERT INTO people(id, ext_id, family_id, role, relationship, first_name, last_name,"
		" date_of_birth, registered_on, name_key) VALUES"
		" (1, 'M1', 1, 'carer', 'mother', 'a', 'b', '1990-01-01', '2026-01-10', 'b'),"
		" (2, 'K1', 1, 'child', NULL, 'a', 'b', '2024-05-01', '2026-02-03', 'b'),"
		" (3, 'K2', 2, 'child', NULL, 'a', 'b', '2023-01-01', '2026-01-31', 'b'),"
		" (4, 'K3', 3, 'child', NULL, 'a', 'b', '2024-01-01', '2025-12-31', 'b'),"
		" (5, 'K4', 4, 'child', NULL, 'a', 'b', '2020-01-01', '2021-01-01', 'b'),"
		" (6, 'K5', 5, 'child', NULL, 'a', 'b', '2025-01-01', '2026-07-01', 'b');"
		"INSERT INTO activities VALUES (1, 'Play');"
		"INSERT INTO sessions VALUES (1, 1, 1, 20574), (2, 2, 1, 20362);"
		"INSERT INTO attendance VALUES (20574, 2, 1), (20362, 3, 2);"), 0);
}

static void teardown(void)
{
	db_close(&db);
}

START_TEST(test_session_days)
{
	ck_assert_int_eq(day("2026-05-01"), 20574);
	ck_assert_int_eq(day("2025-10-01"), 20362);
}
END_TEST

START_TEST(test_months_before)
{
	ck_assert_int_eq(date_months_before(day("2026-06-30"), 6), day("2025-12-30"));
	ck_assert_int_eq(date_months_before(day("2026-03-31"), 1), day("2026-02-28"));
	ck_assert_int_eq(date_months_before(day("2024-03-31"), 1), day("2024-02-29"));
	ck_assert_int_eq(date_months_before(day("2026-01-15"), 13), day("2024-12-15"));
}
END_TEST

START_TEST(test_new_families)
{
	struct month_count *v;
	size_t n;
	int64_t ids[] = { 1 };
	struct centre_filter c1 = { ids, 1 };

	ck_assert_int_eq(engagement_new_families(db, day("2026-01-01"), day("2026-03-31"), NULL, &v, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(v[0].year, 2026);
	ck_assert_int_eq(v[0].month, 1);
	ck_assert_int_eq(v[0].families, 2); /* F1 (10 Jan), F2 (31 Jan) */
	ck_assert_int_eq(v[0].children, 1); /* K2 */
	ck_assert_int_eq(v[1].families, 0);
	ck_assert_int_eq(v[1].children, 1); /* K1 on 3 Feb */
	ck_assert_int_eq(v[2].month, 3);
	ck_assert_int_eq(v[2].families, 0);
	free(v);

	ck_assert_int_eq(engagement_new_families(db, day("2025-12-15"), day("2026-01-31"), &c1, &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0].month, 12);
	ck_assert_int_eq(v[0].families, 1); /* F3 */
	ck_assert_int_eq(v[1].families, 1); /* F1; F2 is centre 2 */
	free(v);
}
END_TEST

START_TEST(test_unseen)
{
	struct unseen_list l;
	int64_t ids[] = { 2 };
	struct centre_filter c2 = { ids, 1 };

	ck_assert_int_eq(engagement_unseen(db, day("2026-06-30"), 6, NULL, &l), 0);
	/* F3 never seen first, then F2 last seen 2025-10-01; F1 seen, F4 no
	 * under-5, F5 registered after `on` */
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0].family_id, "F3");
	ck_assert_int_eq(l.v[0].last_seen, DATE_NONE);
	ck_assert_str_eq(l.v[0].centre_code, "C1");
	ck_assert_str_eq(l.v[0].postcode, "A1 1AB");
	ck_assert_str_eq(l.v[1].family_id, "F2");
	ck_assert_int_eq(l.v[1].last_seen, day("2025-10-01"));
	ck_assert_ptr_null(l.v[1].postcode);
	ck_assert_int_eq(l.v[1].children_under5, 1);
	unseen_list_release(&l);

	ck_assert_int_eq(engagement_unseen(db, day("2026-06-30"), 6, &c2, &l), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].family_id, "F2");
	unseen_list_release(&l);

	/* with a 9-month window F2's visit of 1 October counts */
	ck_assert_int_eq(engagement_unseen(db, day("2026-06-30"), 9, NULL, &l), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].family_id, "F3");
	unseen_list_release(&l);
}
END_TEST

/* the answers from data read once equal the answers from the store */
START_TEST(test_from_loaded_data)
{
	struct reach_data *d = NULL;
	int64_t ids[] = { 1 };
	struct centre_filter filters[] = { { NULL, 0 }, { ids, 1 } };

	ck_assert_int_eq(reach_data_load(db, day("2000-01-01"), day("2030-12-31"), &d), 0);
	for (size_t k = 0; k < 2; k++) {
		const struct centre_filter *cf = k ? &filters[k] : NULL;
		struct month_count *a, *b;
		size_t na, nb;
		struct unseen_list la, lb;

		ck_assert_int_eq(engagement_new_families(db, day("2025-12-01"), day("2026-03-31"), cf, &a, &na), 0);
		ck_assert_int_eq(engagement_new_families_data(d, day("2025-12-01"), day("2026-03-31"), cf, &b, &nb), 0);
		ck_assert_uint_eq(na, nb);
		ck_assert_int_eq(memcmp(a, b, na * sizeof(*a)), 0);
		free(a);
		free(b);
		for (int months = 6; months <= 9; months += 3) {
			ck_assert_int_eq(engagement_unseen(db, day("2026-06-30"), months, cf, &la), 0);
			ck_assert_int_eq(engagement_unseen_data(db, d, day("2026-06-30"), months, cf, &lb), 0);
			ck_assert_uint_eq(la.n, lb.n);
			for (size_t i = 0; i < la.n; i++) {
				ck_assert_str_eq(la.v[i].family_id, lb.v[i].family_id);
				ck_assert_int_eq(la.v[i].last_seen, lb.v[i].last_seen);
				ck_assert_int_eq(la.v[i].registered, lb.v[i].registered);
				ck_assert_int_eq(la.v[i].children_under5, lb.v[i].children_under5);
			}
			unseen_list_release(&la);
			unseen_list_release(&lb);
		}
	}
	reach_data_free(&d);
}
END_TEST

/* new families by centre in one pass: each row is the answer for that centre, all rows the whole */
START_TEST(test_new_families_by_centre)
{
	struct reach_data *d = NULL;
	int64_t ids[] = { 2, 1 }, one[1];
	struct centre_filter cf = { one, 1 };
	struct month_count *all, *v;
	size_t nm, n;

	ck_assert_int_eq(reach_data_load(db, day("2000-01-01"), day("2030-12-31"), &d), 0);
	ck_assert_int_eq(engagement_new_families_by_centre_data(d, day("2025-12-01"), day("2026-07-31"), ids, 2,
								&all, &nm), 0);
	ck_assert_uint_eq(nm, 8);
	/* hand-counted: C2 (row 0) F2 in January with K2; C1 (row 1) F3 in December, F1 in
	 * January, K1 in February; no centre (row 2) F5 and K5 in July */
	ck_assert_int_eq(all[0 * nm + 1].families, 1);
	ck_assert_int_eq(all[0 * nm + 1].children, 1);
	ck_assert_int_eq(all[1 * nm + 0].families, 1);
	ck_assert_int_eq(all[1 * nm + 1].families, 1);
	ck_assert_int_eq(all[1 * nm + 2].children, 1);
	ck_assert_int_eq(all[2 * nm + 7].families, 1);
	ck_assert_int_eq(all[2 * nm + 7].month, 7);
	for (size_t r = 0; r < 2; r++) {
		one[0] = ids[r];
		ck_assert_int_eq(engagement_new_families_data(d, day("2025-12-01"), day("2026-07-31"), &cf, &v, &n), 0);
		ck_assert_uint_eq(n, nm);
		ck_assert_int_eq(memcmp(v, &all[r * nm], n * sizeof(*v)), 0);
		free(v);
	}
	ck_assert_int_eq(engagement_new_families_data(d, day("2025-12-01"), day("2026-07-31"), NULL, &v, &n), 0);
	for (size_t m = 0; m < n; m++) {
		ck_assert_int_eq(v[m].families, all[m].families + all[nm + m].families + all[2 * nm + m].families);
		ck_assert_int_eq(v[m].children, all[m].children + all[nm + m].children + all[2 * nm + m].children);
	}
	free(v);
	free(all);
	reach_data_free(&d);
}
END_TEST

static Suite *engagement_suite(void)
{
	Suite *s = suite_create("engagement");
	TCase *tc = tcase_create("engagement");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_session_days);
	tcase_add_test(tc, test_months_before);
	tcase_add_test(tc, test_new_families);
	tcase_add_test(tc, test_unseen);
	tcase_add_test(tc, test_from_loaded_data);
	tcase_add_test(tc, test_new_families_by_centre);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(engagement_suite)
