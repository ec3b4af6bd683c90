/* pack.c: tests of the data pack's figures (the same as the reach report's) and its writers */
#include "test.h"
#include "../../src/pack/pack.h"
#include "../../src/store/db.h"
#include "../../src/util/date.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
 * The fixture of tests/unit/reach.c (see there), plus: L1 is IDACI decile
 * 1 and L2 decile 5; F1 registered at C1, F2 and F4 at C2; languages en
 * (M1) and so (K3); F5 has an unknown postcode and F6 none, both at C2;
 * K6 (F5) has no date of birth and no ethnicity. F6, F7 (C1) and F8 (C3)
 * have no postcode (so no reach figure changes) and a child never seen.
 */
static void setup(void)
{
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	exec("INSERT INTO lsoas(code, ward_code, la_code, la_name, idaci_decile) VALUES"
	     " ('L1', 'W1', 'LA', 'Testshire', 1), ('L2', 'W1', 'LA', 'Testshire', 5);"
	     "INSERT INTO postcodes VALUES ('A1 1AA', 'L1'), ('A1 1AB', 'L2'), ('A1 1AC', 'OUTSIDE');"
	     "INSERT INTO population VALUES ('L1', 2026, 0, 6), ('L1', 2026, 4, 4), ('L2', 2026, 1, 4),"
	     " ('L1', 2025, 0, 99), ('L1', 2026, 3, 0);"
	     "INSERT INTO centres(id, code, name, cluster) VALUES (1, 'C1', 'One', 'North'),"
	     " (2, 'C2', 'Two', 'South'), (3, 'C3', 'Three', NULL);"
	     "INSERT INTO reach_areas VALUES (1, 'L1'), (2, 'L1'), (2, 'L2');"
	     "INSERT INTO families(id, ext_id, postcode, lone_parent, workless, centre_id) VALUES"
	     " (1, 'F1', 'A1 1AA', 1, NULL, 1), (2, 'F2', 'A1 1AB', NULL, 0, 2),"
	     " (3, 'F3', 'A1 1AC', NULL, NULL, NULL), (4, 'F4', 'A1 1AB', 0, 1, 2),"
	     " (5, 'F5', 'Z9 9ZZ', NULL, NULL, 2), (6, 'F6', NULL, NULL, NULL, 2),"
	     " (7, 'F7', NULL, NULL, NULL, 1), (8, 'F8', NULL, NULL, NULL, 3);"
	     "INSERT INTO people(id, ext_id, family_id, role, relationship, first_name, last_name,"
	     " date_of_birth, ethnicity, disabled, registered_on, name_key) VALUES"
	     " (1, 'M1', 1, 'carer', 'mother', 'm', 'x', '2005-06-01', NULL, NULL, '2024-06-01', 'x'),"
	     " (2, 'D1', 1, 'carer', 'father', 'd', 'x', '2000-01-01', NULL, NULL, '2024-06-01', 'x'),"
	     " (3, 'K1', 1, 'child', NULL, 'k', 'x', '2024-06-01', 'WBRI', 0, '2024-06-02', 'x'),"
	     " (4, 'K2', 1, 'child', NULL, 'k', 'x', '2021-06-30', NULL, NULL, '2021-07-01', 'x'),"
	     " (5, 'K3', 2, 'child', NULL, 'k', 'x', '2026-06-30', 'BAFR', 1, '2026-06-30', 'x'),"
	     " (6, 'K4', 3, 'child', NULL, 'k', 'x', '2023-01-01', 'REFU', NULL, '2023-02-01', 'x'),"
	     " (7, 'K5', 4, 'child', NULL, 'k', 'x', '2025-01-01', 'WENG', NULL, '2026-07-01', 'x'),"
	     " (8, 'D2', 4, 'carer', 'father', 'd', 'x', NULL, NULL, 1, '2025-01-01', 'x'),"
	     " (9, 'K6', 5, 'child', NULL, 'k', 'x', NULL, NULL, NULL, '2026-02-01', 'x'),"
	     " (10, 'K7', 6, 'child', NULL, 'k', 'x', '2025-01-01', 'WBRI', NULL, '2025-03-01', 'x'),"
	     " (11, 'K8', 7, 'child', NULL, 'k', 'x', '2025-01-01', 'WBRI', NULL, '2025-03-01', 'x'),"
	     " (12, 'K9', 8, 'child', NULL, 'k', 'x', '2025-01-01', 'WBRI', NULL, '2025-03-01', 'x');"
	     "INSERT INTO person_languages VALUES (1, 1, 'en'), (5, 1, 'so');"
	     "INSERT INTO activities VALUES (1, 'Play'), (2, 'Rhyme');");
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

static void opts(struct reach_opts *o, enum area_type by)
{
	reach_opts_init(o);
	o->from = day("2026-01-01");
	o->to = day("2026-06-30");
	o->by = by;
}

static struct pack_basis *basis(void)
{
	struct reach_opts o;
	struct pack_basis *b;

	opts(&o, AREA_LA);
	b = pack_basis_compute(db, &o);
	ck_assert_ptr_nonnull(b);
	return b;
}

/* the pack's reach figures are the reach report's rows for the area */
static void expect_same_as_report(enum area_type t, const char *code)
{
	struct reach_opts o;
	struct reach_report r;
	struct pack_basis *b = basis();
	struct pack p;
	int found = 0;

	opts(&o, t);
	ck_assert_int_eq(reach_compute(db, &o, &r), 0);
	ck_assert_int_eq(pack_build(db, b, t, code, day("2026-07-01"), &p), 0);
	for (size_t i = 0; i < r.nrows; i++) {
		const struct reach_row *row = &r.rows[i];
		const struct pack_reach *pr = &p.reach[row->group];

		if (row->type != t || strcmp(row->code, p.code))
			continue;
		found++;
		ck_assert_int_eq(pr->registered, row->registered);
		ck_assert_int_eq(pr->engaged, row->engaged);
		ck_assert_int_eq(pr->sustained, row->sustained);
		ck_assert_int_eq(pr->has_population, row->has_population);
		if (row->has_population)
			ck_assert_int_eq(pr->population, row->population);
	}
	ck_assert_int_eq(found, GROUP_COUNT);
	reach_report_release(&r);
	pack_release(&p);
	pack_basis_free(b);
}

START_TEST(test_same_as_reach_report)
{
	expect_same_as_report(AREA_CENTRE, "C1");
	expect_same_as_report(AREA_CENTRE, "C2");
	expect_same_as_report(AREA_CENTRE, "C3");
	expect_same_as_report(AREA_CLUSTER, "North");
	expect_same_as_report(AREA_CLUSTER, "South");
	expect_same_as_report(AREA_LA, NULL);
}
END_TEST

START_TEST(test_centre_figures)
{
	struct pack_basis *b = basis();
	struct pack p;
	int64_t eth = 0;

	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_str_eq(p.code, "C2");
	ck_assert_str_eq(p.name, "Two");
	/* K1 (L1) and K3 (L2) */
	ck_assert_int_eq(p.children, 2);
	ck_assert_int_eq(p.reach[GROUP_ALL].registered, 2);
	ck_assert_int_eq(p.reach[GROUP_ALL].population, 14);
	/* population by age: L1 6 at 0, 4 at 4; L2 4 at 1 */
	ck_assert_int_eq(p.age_pop[0], 6);
	ck_assert_int_eq(p.age_pop[1], 4);
	ck_assert_int_eq(p.age_pop[4], 4);
	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++) {
		eth += p.ethnic[e].count;
		if (!strcmp(p.ethnic[e].code, "WBRI") || !strcmp(p.ethnic[e].code, "BAFR"))
			ck_assert_int_eq(p.ethnic[e].count, 1);
	}
	ck_assert_int_eq(eth, p.children);
	/* K1's family speaks en (M1), K3's so */
	ck_assert_uint_eq(p.nlanguages, 2);
	ck_assert_int_eq(p.languages[0].count, 1);
	ck_assert_int_eq(p.no_language, 0);
	/* deprivation: L1 decile 1 (K1), L2 decile 5 (K3) */
	ck_assert_int_eq(p.deciles[0].lsoas, 1);
	ck_assert_int_eq(p.deciles[0].all.registered, 1);
	ck_assert_int_eq(p.deciles[0].all.population, 10);
	ck_assert_int_eq(p.deciles[4].all.registered, 1);
	ck_assert_int_eq(p.bands[0].all.registered, 1);
	ck_assert_int_eq(p.bands[1].all.registered, 1);
	ck_assert_int_eq(p.bands[2].all.registered, 1);
	/* the 30% and the rest make the whole area */
	ck_assert_int_eq(p.bands[1].all.population + p.bands[2].all.population, p.reach[GROUP_ALL].population);
	ck_assert_int_eq(p.bands[1].all.engaged + p.bands[2].all.engaged, p.reach[GROUP_ALL].engaged);
	/* bars: L1 and L2, then the centre itself, highlighted */
	ck_assert_uint_eq(p.nbars, 3);
	ck_assert_int_eq(p.bars[2].highlight, 1);
	ck_assert(p.bars[2].value > 14.2 && p.bars[2].value < 14.4); /* 2 of 14 */
	/* data quality by registering centre: F2, F4, F5, F6; K3, K5, K6, K7 */
	ck_assert_int_eq(p.quality.families, 4);
	ck_assert_int_eq(p.quality.families_no_pc, 1);
	ck_assert_int_eq(p.quality.families_unknown_pc, 1);
	ck_assert_int_eq(p.quality.children, 4);
	ck_assert_int_eq(p.quality.children_no_dob, 1);
	ck_assert_int_eq(p.quality.children_no_eth, 1);
	/* F6 (K7) not seen; F2 and F4 seen, F5 has no child known to be under 5 */
	ck_assert_int_eq(p.unseen, 1);
	/* new families in the period's months (January to June): F5 in February */
	ck_assert_uint_eq(p.nmonths, 6);
	ck_assert_int_eq(p.months[1].families, 1);
	ck_assert_int_eq(p.months[5].families, 1); /* F2 on 2026-06-30 */
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

START_TEST(test_la_counts_every_family)
{
	struct pack_basis *b = basis();
	struct pack p;

	ck_assert_int_eq(pack_build(db, b, AREA_LA, NULL, day("2026-07-01"), &p), 0);
	ck_assert_str_eq(p.code, "LA");
	ck_assert_str_eq(p.name, "Testshire");
	ck_assert_int_eq(p.quality.families, 8);
	ck_assert_int_eq(p.unseen, 3);
	ck_assert_int_eq(p.reach[GROUP_ALL].registered, 2);
	/* the LA's bars are its centres with a population, and itself */
	ck_assert_uint_eq(p.nbars, 3);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

START_TEST(test_unknown_area)
{
	struct pack_basis *b = basis();
	struct pack p;

	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "NOPE", day("2026-07-01"), &p), 1);
	pack_release(&p);
	ck_assert_int_eq(pack_build(db, b, AREA_CLUSTER, "East", day("2026-07-01"), &p), 1);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

static void expect_file_starts(const char *path, const char *magic)
{
	char head[8] = { 0 };
	FILE *f = fopen(path, "rb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(head, 1, strlen(magic), f), strlen(magic));
	fclose(f);
	ck_assert_mem_eq(head, magic, strlen(magic));
}

START_TEST(test_writers)
{
	struct pack_basis *b = basis();
	struct pack p;
	char pdf[] = "/tmp/reach-pack-XXXXXX";
	int fd = mkstemp(pdf);

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(pack_build(db, b, AREA_CLUSTER, "South", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(pack_write_pdf(&p, pdf), 0);
	expect_file_starts(pdf, "%PDF");
	ck_assert_int_eq(pack_write_xlsx(&p, pdf), 0);
	expect_file_starts(pdf, "PK");
	remove(pdf);
	ck_assert_int_ne(pack_write_pdf(&p, "/nonexistent-dir/x.pdf"), 0);
	pack_release(&p);
	pack_pdf_shutdown();
	pack_basis_free(b);
}
END_TEST

START_TEST(test_pct)
{
	char s[32];

	pack_pct(s, 2, 3);
	ck_assert_str_eq(s, "66.7%");
	pack_pct(s, 1, 0);
	ck_assert_str_eq(s, "");
}
END_TEST

Suite *pack_suite(void)
{
	Suite *s = suite_create("pack");
	TCase *tc = tcase_create("pack");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_same_as_reach_report);
	tcase_add_test(tc, test_centre_figures);
	tcase_add_test(tc, test_la_counts_every_family);
	tcase_add_test(tc, test_unknown_area);
	tcase_add_test(tc, test_writers);
	tcase_add_test(tc, test_pct);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(pack_suite)
