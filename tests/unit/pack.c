/* pack.c: tests of the data pack's figures (the same as the reach report's) and its writers */
#include "test.h"
#include "../../src/pack/pack.h"
#include "../../src/store/db.h"
#include "../../src/util/date.h"
#include "../../src/util/util.h"

#include <math.h>
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

/* figures by group equal the report's rows of the area */
static void expect_rows(const struct pack_reach *by_group, const struct reach_report *r, enum area_type t,
			const char *code)
{
	int found = 0;

	for (size_t i = 0; i < r->nrows; i++) {
		const struct reach_row *row = &r->rows[i];
		const struct pack_reach *pr = &by_group[row->group];

		if (row->type != t || strcmp(row->code, code))
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
}

/* the pack's reach figures are the reach report's rows for the area */
static void expect_same_as_report(enum area_type t, const char *code)
{
	struct reach_opts o;
	struct reach_report r;
	struct pack_basis *b = basis();
	struct pack p;

	opts(&o, t);
	ck_assert_int_eq(reach_compute(db, &o, &r), 0);
	ck_assert_int_eq(pack_build(db, b, t, code, day("2026-07-01"), &p), 0);
	expect_rows(p.reach, &r, t, p.code);
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

/* publication: a hand-made pack whose small counts need other figures hidden */
START_TEST(test_publish_secondary)
{
	struct pack p;
	struct pack_reach *all = &p.reach[GROUP_ALL];
	char s[32];

	memset(&p, 0, sizeof(p));
	/* ages: 3 is small; with the total shown the next smallest part goes */
	p.age_pop[0] = 10;
	p.age_pop[1] = 3;
	p.age_pop[2] = 12;
	p.age_pop[3] = 20;
	p.age_pop[4] = 8;
	p.age_total = 53;
	p.has_age_pop = 1;
	all->has_population = 1;
	all->population = 53;
	/* deciles: 3 registered in decile 1, 40 in decile 5; the 20% and 30%
	 * bands are small too, and the area's total would give decile 1 away */
	p.deciles[0].lsoas = 1;
	p.deciles[0].all.registered = 3;
	p.deciles[4].lsoas = 1;
	p.deciles[4].all.registered = 40;
	p.bands[0].all.registered = 3;
	p.bands[1].all.registered = 3;
	p.bands[2].all.registered = 40;
	all->registered = 43;
	p.children = 43;
	p.ethnic[0].count = 43;
	/* new families: two months of 4 and a total of 8 tell both */
	p.months = xcalloc(3, sizeof(*p.months));
	p.nmonths = 3;
	p.months[0].families = 4;
	p.months[1].families = 4;
	p.months[2].families = 0;
	p.months_families = 8;
	p.unseen = 2;
	pack_publish(&p);
	ck_assert_int_eq(p.published, 1);
	ck_assert_int_eq(p.age_pop[1], PACK_SMALL);
	ck_assert_int_eq(p.age_pop[4], PACK_HIDDEN);
	ck_assert_int_eq(p.age_pop[0], 10);
	ck_assert_int_eq(p.age_pop[2], 12);
	ck_assert_int_eq(p.age_pop[3], 20);
	ck_assert_int_eq(p.age_total, 53);
	ck_assert_int_eq(all->population, 53);
	ck_assert_int_eq(p.deciles[0].all.registered, PACK_SMALL);
	ck_assert_int_eq(p.bands[0].all.registered, PACK_SMALL);
	ck_assert_int_eq(p.bands[1].all.registered, PACK_SMALL);
	ck_assert_int_eq(p.deciles[4].all.registered, 40);
	ck_assert_int_eq(p.bands[2].all.registered, 40);
	ck_assert_int_eq(all->registered, PACK_HIDDEN);
	ck_assert_int_eq(p.children, PACK_HIDDEN);
	/* the ethnicity row is the hidden total again: hidden with it */
	ck_assert_int_eq(p.ethnic[0].count, PACK_HIDDEN);
	ck_assert_int_eq(p.months[0].families, PACK_SMALL);
	ck_assert_int_eq(p.months[1].families, PACK_SMALL);
	ck_assert_int_eq(p.months_families, PACK_HIDDEN);
	ck_assert_int_eq(p.unseen, PACK_SMALL);
	pack_num(s, p.unseen);
	ck_assert_str_eq(s, "<5");
	pack_num(s, all->registered);
	ck_assert_str_eq(s, "..");
	pack_pct(s, p.age_pop[1], p.age_total);
	ck_assert_str_eq(s, "..");
	pack_pct(s, 10, all->registered);
	ck_assert_str_eq(s, "..");
	pack_pct(s, p.age_pop[0], p.age_total);
	ck_assert_str_eq(s, "18.9%");
	pack_release(&p);
}
END_TEST

/* the text of a command's output */
static char *run(const char *cmd)
{
	FILE *f = popen(cmd, "r");
	char *s = NULL;
	size_t n = 0, len = 0, got;

	ck_assert_ptr_nonnull(f);
	do {
		s = xrealloc(s, n + 4097);
		got = fread(s + len, 1, 4096, f);
		len += got;
		n += 4096;
	} while (got);
	s[len] = '\0';
	ck_assert_int_eq(pclose(f), 0);
	return s;
}

/* a word of the PDF text that is a count of people from 1 to 4, not a day,
 * an age, a decile, a page or the number of LSOAs in a decile (its first
 * column, after the decile's label) */
static int small_word(const char *prev2, const char *prev, const char *w, const char *next)
{
	static const char *const ok_before[] = { "Age", "Decile", "Page", "of", "attended", "decile",
						 "deprived)", "1-2)", "1-3)", "none)", "recorded" };
	static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
					      "August", "September", "October", "November", "December" };

	if (strlen(w) != 1 || w[0] < '1' || w[0] > '4' || !strcmp(prev2, "Decile"))
		return 0;
	for (size_t i = 0; i < sizeof(ok_before) / sizeof(*ok_before); i++)
		if (!strcmp(prev, ok_before[i]))
			return 0;
	for (size_t i = 0; i < 12; i++)
		if (!strcmp(next, months[i]))
			return 0;
	return 1;
}

START_TEST(test_publish_files)
{
	struct pack_basis *b = basis();
	struct pack p;
	char path[] = "/tmp/reach-pack-XXXXXX", cmd[1024];
	int fd = mkstemp(path);
	char *txt, *save = NULL, *w, *end, prev2[64] = "", prev[64] = "", cur[64] = "";
	int bad = 0;

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	/* before: small counts everywhere (2 registered of 14, ages 6, 4, 0, 0, 4) */
	ck_assert_int_eq(p.reach[GROUP_ALL].registered, 2);
	pack_publish(&p);
	ck_assert_int_eq(p.reach[GROUP_ALL].registered, PACK_SMALL);
	ck_assert_int_eq(p.age_pop[1], PACK_SMALL);
	ck_assert_int_eq(p.age_pop[4], PACK_SMALL);
	/* 14 less 6 leaves 8 for two counts under 5: both 4, so the 6 goes */
	ck_assert_int_eq(p.age_pop[0], PACK_HIDDEN);
	/* L2's population of 4 is small: 14 less L1's 10 would tell it */
	ck_assert_int_eq(p.deciles[4].all.population, PACK_SMALL);
	ck_assert_int_eq(p.reach[GROUP_ALL].population, PACK_HIDDEN);
	ck_assert_int_eq(p.age_total, PACK_HIDDEN);

	ck_assert_int_eq(pack_write_pdf(&p, path), 0);
	snprintf(cmd, sizeof(cmd), "pdftotext -f 2 -layout '%s' -", path);
	txt = run(cmd);
	ck_assert_ptr_nonnull(strstr(txt, "<5"));
	/* the coverage section, last, counts LSOAs and leaves out every under-5 figure */
	end = strstr(txt, "Coverage of wards by reach areas\nWards and");
	ck_assert_ptr_nonnull(end);
	ck_assert_ptr_nonnull(strstr(end, "left out of a published pack"));
	ck_assert_ptr_null(strstr(end, " 14 "));
	ck_assert_ptr_null(strstr(end, " 10 "));
	*end = '\0';
	for (w = strtok_r(txt, " \t\n\f", &save); w; w = strtok_r(NULL, " \t\n\f", &save)) {
		if (cur[0] && small_word(prev2, prev, cur, w)) {
			fprintf(stderr, "count '%s' after '%s' before '%s' in the published PDF\n", cur, prev, w);
			bad++;
		}
		memcpy(prev2, prev, sizeof(prev2));
		memcpy(prev, cur, sizeof(prev));
		snprintf(cur, sizeof(cur), "%.63s", w);
	}
	ck_assert_int_eq(bad, 0);
	free(txt);
	snprintf(cmd, sizeof(cmd), "pdftotext -l 1 '%s' -", path);
	txt = run(cmd);
	ck_assert_ptr_nonnull(strstr(txt, "Counts from 1 to 4 are shown as <5"));
	free(txt);

	/* XLSX: no number cell from 1 to 4 on any sheet but the LSOA counts
	 * (column B of the deprivation sheets), months (column B of New
	 * families) and the Coverage sheet (LSOA counts; its people are "..") */
	ck_assert_int_eq(pack_write_xlsx(&p, path), 0);
	snprintf(cmd, sizeof(cmd), "f='%s'; cov=$(unzip -p \"$f\" xl/workbook.xml | sed 's/<sheet /\\n<sheet /g' | "
		 "grep '^<sheet ' | grep -n 'name=\"Coverage\"' | cut -d: -f1); n=1; "
		 "while unzip -l \"$f\" xl/worksheets/sheet$n.xml >/dev/null 2>&1; do "
		 "[ \"$n\" = \"$cov\" ] || unzip -p \"$f\" xl/worksheets/sheet$n.xml | "
		 "sed 's/<c /\\n<c /g' | grep -E '^<c r=\"[A-Z]+[0-9]+\"><v>[1-4]</v>' | "
		 "case $n in 7|8|9) grep -v '^<c r=\"B' ;; *) cat ;; esac; n=$((n + 1)); done; "
		 "[ -n \"$cov\" ] && [ $n -gt 14 ] || echo 'sheets missing'; true", path);
	txt = run(cmd);
	ck_assert_str_eq(txt, "");
	free(txt);
	snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/sharedStrings.xml", path);
	txt = run(cmd);
	ck_assert_ptr_nonnull(strstr(txt, "&lt;5"));
	ck_assert_ptr_nonnull(strstr(txt, "Counts from 1 to 4 are shown as &lt;5"));
	free(txt);
	remove(path);
	pack_release(&p);
	pack_pdf_shutdown();
	pack_basis_free(b);
}
END_TEST

/* every quarter of the trend is the reach report for that quarter (one load, many periods) */
static void expect_trend_same_as_report(struct pack_basis *b, enum area_type t, const char *code)
{
	struct pack p;

	ck_assert_int_eq(pack_build(db, b, t, code, day("2026-07-01"), &p), 0);
	/* the fixture's first session is on 2024-10-04: 2024 Q4 to 2026 Q2 */
	ck_assert_uint_eq(p.trend.n, 7);
	ck_assert_int_eq(p.trend.q[0].year, 2024);
	ck_assert_int_eq(p.trend.q[0].quarter, 4);
	ck_assert_int_eq(p.trend.q[0].from, day("2024-10-01"));
	ck_assert_int_eq(p.trend.q[0].to, day("2024-12-31"));
	ck_assert_int_eq(p.trend.q[6].quarter, 2);
	ck_assert_int_eq(p.trend.q[6].to, day("2026-06-30"));
	for (size_t k = 0; k < p.trend.n; k++) {
		struct reach_opts o;
		struct reach_report r;

		reach_opts_init(&o);
		o.from = p.trend.q[k].from;
		o.to = p.trend.q[k].to;
		o.by = t;
		ck_assert_int_eq(reach_compute(db, &o, &r), 0);
		expect_rows(p.trend.q[k].reach, &r, t, p.code);
		reach_report_release(&r);
	}
	/* the last quarter ends on TO: the same as the pack's own figures */
	ck_assert_int_eq(p.trend.q[6].reach[GROUP_ALL].registered, p.reach[GROUP_ALL].registered);
	pack_release(&p);
}

START_TEST(test_trend_same_as_reach_report)
{
	struct pack_basis *b = basis();
	struct pack p;

	expect_trend_same_as_report(b, AREA_CENTRE, "C1");
	expect_trend_same_as_report(b, AREA_CENTRE, "C2");
	expect_trend_same_as_report(b, AREA_CLUSTER, "South");
	expect_trend_same_as_report(b, AREA_LA, NULL);
	/* C2 (L1, L2), hand-counted. 2025 Q3: population of 2025 99 (L1, age 0); registered by
	 * 2025-09-30 K1 and K2 (F1, L1); nobody attended in the quarter */
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.trend.q[3].year, 2025);
	ck_assert_int_eq(p.trend.q[3].quarter, 3);
	ck_assert_int_eq(p.trend.q[3].reach[GROUP_ALL].population, 99);
	ck_assert_int_eq(p.trend.q[3].reach[GROUP_ALL].registered, 2);
	ck_assert_int_eq(p.trend.q[3].reach[GROUP_ALL].engaged, 0);
	/* 2026 Q1: population 14 (L1 6 + 4, L2 4); K1 at sessions 1, 2 (2026-01-01) and 3: engaged, sustained */
	ck_assert_int_eq(p.trend.q[5].reach[GROUP_ALL].population, 14);
	ck_assert_int_eq(p.trend.q[5].reach[GROUP_ALL].registered, 2);
	ck_assert_int_eq(p.trend.q[5].reach[GROUP_ALL].engaged, 1);
	ck_assert_int_eq(p.trend.q[5].reach[GROUP_ALL].sustained, 1);
	/* no population in 2024: no percentage */
	ck_assert(isnan(pack_trend_pct(p.trend.q[0].reach[GROUP_ALL].registered, &p.trend.q[0].reach[GROUP_ALL])));
	ck_assert_double_eq_tol(pack_trend_pct(1, &p.trend.q[5].reach[GROUP_ALL]), 7.1, 1e-9);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

START_TEST(test_forecast)
{
	double line[] = { 10, 12, 14, 16 }, ten[] = { 100, 100, 1, 2, 3, 4, 5, 6, 7, 8 };
	double gap[] = { 1, NAN, NAN, 4 }, top[] = { 90, 95, 100 };
	struct pack_forecast f;

	/* a straight line goes on straight */
	pack_forecast_fit(line, 4, &f);
	ck_assert(f.has);
	ck_assert_uint_eq(f.fitted, 4);
	ck_assert_double_eq_tol(f.c0, 10, 1e-9);
	ck_assert_double_eq_tol(f.c1, 2, 1e-9);
	ck_assert_double_eq_tol(f.v[0], 18, 1e-9);
	ck_assert_double_eq_tol(f.v[3], 24, 1e-9);
	/* only the last 8 count: 1..8 at quarters 2..9 */
	pack_forecast_fit(ten, 10, &f);
	ck_assert_uint_eq(f.fitted, 8);
	ck_assert_double_eq_tol(f.c1, 1, 1e-9);
	ck_assert_double_eq_tol(f.c0, -1, 1e-9);
	ck_assert_double_eq_tol(f.v[0], 9, 1e-9);
	/* fewer than 3 figures: no forecast */
	pack_forecast_fit(gap, 4, &f);
	ck_assert(!f.has);
	ck_assert_uint_eq(f.fitted, 2);
	/* a percentage stops at 100 */
	pack_forecast_fit(top, 3, &f);
	ck_assert(f.has);
	ck_assert_double_eq(f.v[0], 100);
}
END_TEST

START_TEST(test_trend_first_day)
{
	/* 12 quarters ending with the one holding TO */
	ck_assert_int_eq(pack_trend_first_day(day("2026-05-15"), DATE_NONE), day("2023-07-01"));
	ck_assert_int_eq(pack_trend_last_day(day("2026-05-15")), day("2026-06-30"));
	/* or from the quarter of the first session */
	ck_assert_int_eq(pack_trend_first_day(day("2026-05-15"), day("2024-10-04")), day("2024-10-01"));
	ck_assert_int_eq(pack_trend_first_day(day("2026-05-15"), day("2020-01-01")), day("2023-07-01"));
	ck_assert_int_eq(pack_trend_first_day(day("2026-12-31"), DATE_NONE), day("2024-01-01"));
}
END_TEST

START_TEST(test_indicator_trends)
{
	struct pack_basis *b;
	struct pack p;
	const struct pack_indicator_trend *t;

	exec("INSERT INTO indicators(indicator, area_type, area_code, period, value, numerator, denominator,"
	     " unit, source) VALUES"
	     " ('gld', 'la', 'LA', '2023/24', 60, NULL, NULL, '%', 'DfE'),"
	     " ('gld', 'la', 'LA', '2024/25', 65, NULL, NULL, '%', 'DfE'),"
	     " ('gld', 'national', 'E92000001', '2023/24', 67, NULL, NULL, '%', 'DfE'),"
	     " ('gld', 'national', 'E92000001', '2024/25', 68, NULL, NULL, '%', 'DfE'),"
	     " ('gld', 'lsoa', 'L1', '2023/24', 50, 5, 10, '%', 'DfE'),"
	     " ('gld', 'lsoa', 'L2', '2023/24', 70, 7, 10, '%', 'DfE'),"
	     " ('gld', 'lsoa', 'L1', '2024/25', 60, 6, 10, '%', 'DfE'),"
	     " ('gld', 'lsoa', 'L2', '2024/25', 80, 8, 10, '%', 'DfE'),"
	     " ('once', 'la', 'LA', '2024/25', 5, NULL, NULL, '%', 'X')");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_uint_eq(p.nind_trends, 1);
	t = &p.ind_trends[0];
	ck_assert_str_eq(t->indicator, "gld");
	ck_assert_uint_eq(t->n, 2);
	ck_assert_str_eq(t->periods[0], "2023/24");
	ck_assert_str_eq(t->periods[1], "2024/25");
	ck_assert_str_eq(t->area_label, "The area");
	/* C2's LSOAs L1 and L2 together: 12 of 20, then 14 of 20 */
	ck_assert_double_eq_tol(t->area[0], 60, 1e-9);
	ck_assert_double_eq_tol(t->area[1], 70, 1e-9);
	ck_assert_double_eq(t->la[0], 60);
	ck_assert_double_eq(t->la[1], 65);
	ck_assert_double_eq(t->national[0], 67);
	ck_assert_double_eq(t->national[1], 68);
	/* every centre ranked by its LSOAs together: C1 (L1) 5 of 10, C2 (L1, L2) 12 of 20;
	 * C3 has no LSOA, so no figure */
	ck_assert_uint_eq(p.narea_ranks, 2);
	ck_assert_str_eq(p.area_ranks[0].period, "2023/24");
	ck_assert_uint_eq(p.area_ranks[0].nbars, 2);
	ck_assert_str_eq(p.area_ranks[0].bars[0].label, "C1 One");
	ck_assert_double_eq_tol(p.area_ranks[0].bars[0].value, 50, 1e-9);
	ck_assert(!p.area_ranks[0].bars[0].highlight);
	ck_assert_str_eq(p.area_ranks[0].bars[1].label, "C2 Two");
	ck_assert_double_eq_tol(p.area_ranks[0].bars[1].value, 60, 1e-9);
	ck_assert_double_eq(p.area_ranks[0].numerator[1], 12);
	ck_assert_double_eq(p.area_ranks[0].denominator[1], 20);
	ck_assert(p.area_ranks[0].bars[1].highlight);
	ck_assert_double_eq_tol(p.area_ranks[1].bars[1].value, 70, 1e-9);
	pack_release(&p);
	/* clusters: North (C1) and South (C2) */
	ck_assert_int_eq(pack_build(db, b, AREA_CLUSTER, "South", day("2026-07-01"), &p), 0);
	ck_assert_uint_eq(p.narea_ranks, 2);
	ck_assert_str_eq(p.area_ranks[1].bars[0].label, "North");
	ck_assert_double_eq_tol(p.area_ranks[1].bars[0].value, 60, 1e-9);
	ck_assert(p.area_ranks[1].bars[1].highlight);
	pack_release(&p);
	/* C3 has no figure of its own: no ranking */
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C3", day("2026-07-01"), &p), 0);
	ck_assert_uint_eq(p.narea_ranks, 0);
	pack_release(&p);
	/* C1 has L1 only */
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C1", day("2026-07-01"), &p), 0);
	ck_assert_double_eq_tol(p.ind_trends[0].area[0], 50, 1e-9);
	ck_assert_double_eq_tol(p.ind_trends[0].area[1], 60, 1e-9);
	pack_release(&p);
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

/*
 * Best fit: C1 holds 0.75 of L1, C2 0.25 of L1 and L2 whole. C2 counts
 * 0.25 x L1 (pop 10: ages 0 6, 4 4; decile 1; K1 registered, engaged,
 * sustained, WBRI) + L2 (pop 4 at age 1; decile 5; K3 registered, engaged,
 * BAFR): population 2.5 + 4 = 6.5 -> 7, registered 1.25 -> 1, sustained
 * 0.25 -> 0; ages 0: 1.5 -> 2, 1: 4, 4: 1; decile 1: population 2.5 -> 3,
 * registered 0.25 -> 0; WBRI 0.25 -> 0. Indicator x: L1 10 of 20, L2 3 of
 * 4 give (2.5 + 3) / (5 + 4) = 61.1%.
 */
START_TEST(test_best_fit)
{
	struct pack_basis *b;
	struct pack p;
	const struct pack_indicator *sum = NULL;
	const struct pack_table *t;

	exec("INSERT INTO reach_area_shares VALUES (1, 'L1', 750000), (2, 'L1', 250000);"
	     "INSERT INTO indicators(indicator, area_type, area_code, period, value, numerator, denominator,"
	     " unit, source) VALUES ('x', 'lsoa', 'L1', '2025', 50, 10, 20, '%', 's'),"
	     " ('x', 'lsoa', 'L2', '2025', 75, 3, 4, '%', 's');");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.best_fit, 1);
	ck_assert_int_eq(p.reach[GROUP_ALL].population, 7);
	ck_assert_int_eq(p.reach[GROUP_ALL].registered, 1);
	ck_assert_int_eq(p.reach[GROUP_ALL].sustained, 0);
	ck_assert_int_eq(p.age_pop[0], 2);
	ck_assert_int_eq(p.age_pop[1], 4);
	ck_assert_int_eq(p.age_pop[4], 1);
	ck_assert_int_eq(p.age_total, 7);
	ck_assert_int_eq(p.deciles[0].lsoas, 1);
	ck_assert_int_eq(p.deciles[0].all.population, 3);
	ck_assert_int_eq(p.deciles[0].all.registered, 0);
	ck_assert_int_eq(p.deciles[4].all.population, 4);
	ck_assert_int_eq(p.deciles[4].all.registered, 1);
	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++)
		if (!strcmp(p.ethnic[e].code, "WBRI") || !strcmp(p.ethnic[e].code, "BAFR"))
			ck_assert_int_eq(p.ethnic[e].count, !strcmp(p.ethnic[e].code, "BAFR"));
	for (size_t i = 0; i < p.nindicators; i++)
		if (!strcmp(p.indicators[i].level, "LSOAs"))
			sum = &p.indicators[i];
	ck_assert_ptr_nonnull(sum);
	ck_assert(sum->numerator > 5.499 && sum->numerator < 5.501);
	ck_assert(sum->denominator > 8.999 && sum->denominator < 9.001);
	ck_assert(sum->value > 61.11 && sum->value < 61.12);
	ck_assert_ptr_nonnull(strstr(sum->area_name, "best fit"));
	/* every centre ranked by its LSOAs' figures, each LSOA by the centre's share
	 * of it: C1 holds 0.75 of L1 (7.5 of 15, 50%), C2 0.25 of L1 and L2 (61.1%) */
	ck_assert_uint_eq(p.narea_ranks, 1);
	for (size_t i = 0; i < p.area_ranks[0].nbars; i++) {
		const struct pack_area_rank *ar = &p.area_ranks[0];

		if (!strncmp(ar->bars[i].label, "C1 ", 3)) {
			ck_assert(ar->numerator[i] > 7.499 && ar->numerator[i] < 7.501);
			ck_assert(ar->denominator[i] > 14.999 && ar->denominator[i] < 15.001);
			ck_assert(ar->bars[i].value > 49.99 && ar->bars[i].value < 50.01);
		} else if (!strncmp(ar->bars[i].label, "C2 ", 3)) {
			ck_assert(ar->bars[i].value > 61.11 && ar->bars[i].value < 61.12);
			ck_assert_int_eq(ar->bars[i].highlight, 1);
		}
	}
	/* coverage: W1 wholly covered; L1 shared with C1 */
	ck_assert_uint_eq(p.ncoverage, 2);
	t = &p.coverage[0];
	ck_assert_uint_eq(t->nrows, 1);
	ck_assert_str_eq(t->cells[0], "W1");
	ck_assert_str_eq(t->cells[2], "2");
	ck_assert_str_eq(t->cells[5], "14");
	ck_assert_str_eq(t->cells[6], "14");
	ck_assert_str_eq(t->cells[7], "wholly");
	t = &p.coverage[1];
	ck_assert_uint_eq(t->nrows, 1);
	ck_assert_str_eq(t->cells[0], "L1");
	ck_assert_str_eq(t->cells[4], "0.25");
	ck_assert_str_eq(t->cells[5], "C1 0.75;C2 0.25");
	pack_release(&p);
	/* the LA's own figures are whole, but its centres' bars are best fit */
	ck_assert_int_eq(pack_build(db, b, AREA_LA, NULL, day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.best_fit, 1);
	ck_assert_int_eq(p.reach[GROUP_ALL].population, 14);
	ck_assert_uint_eq(p.ncoverage, 3);
	ck_assert_uint_eq(p.coverage[1].nrows, 0);
	ck_assert_uint_eq(p.coverage[2].nrows, 1);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

/* the HTML: the same figures as the struct, names escaped, a whole page or a fragment */
START_TEST(test_html)
{
	struct pack_basis *b;
	struct pack p;
	struct buf h = BUF_INIT;

	exec("UPDATE centres SET name = 'Two <b>& \"co\"' WHERE code = 'C2'");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	pack_write_html(&p, &h, PACK_HTML_DOCUMENT);
	ck_assert_ptr_nonnull(strstr(h.data, "<!DOCTYPE html>"));
	ck_assert_ptr_nonnull(strstr(h.data, "<style>"));
	ck_assert_ptr_nonnull(strstr(h.data, "C2 Two &lt;b&gt;&amp; &quot;co&quot;</h1>"));
	ck_assert_ptr_null(strstr(h.data, "<b>"));
	ck_assert_ptr_nonnull(strstr(h.data, "1 January 2026 to 30 June 2026"));
	/* all children: population 14, registered 2 (14.3%) */
	ck_assert_ptr_nonnull(strstr(h.data, "All children under 5</th>\n"
				 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">14</td>\n"
				 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">2</td>\n"
				 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">14.3%</td>"));
	/* data quality: 1 of 4 children with no date of birth */
	ck_assert_ptr_nonnull(strstr(h.data, "Children with no date of birth</th>\n"
				 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">1</td>\n"
				 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">4</td>\n"
				 "<td class=\"govuk-table__cell govuk-table__cell--numeric\">25.0%</td>"));
	ck_assert_ptr_nonnull(strstr(h.data, "<svg"));
	ck_assert_ptr_nonnull(strstr(h.data, "</html>\n"));
	buf_reset(&h);
	pack_publish(&p);
	pack_write_html(&p, &h, PACK_HTML_FRAGMENT);
	ck_assert_ptr_null(strstr(h.data, "<html"));
	ck_assert_ptr_null(strstr(h.data, "<style>"));
	ck_assert(!strncmp(h.data, "<div class=\"reach-pack\">", 24));
	ck_assert_ptr_nonnull(strstr(h.data, "shown as &lt;5"));
	buf_release(&h);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

/* possible duplicates come from the last duplicate check kept in the store:
 * of C2's people (K3, K5, D2, K6, K7), K3 and K5 are a likely pair, K6 is in
 * a pair with K1 (C1's), and K7's pair with K9 was reviewed as different
 * people: 3 people; the data changing after the check makes it stale */
START_TEST(test_dup_check)
{
	struct pack_basis *b;
	struct pack p;
	char note[512];

	exec("INSERT INTO match_check_pairs VALUES ('K3', 'K5', 0.9), ('K1', 'K6', 0.8), ('K7', 'K9', 0.7);"
	     "INSERT INTO match_decisions VALUES ('K7', 'K9', 'different', NULL, '2026-06-01');"
	     "INSERT INTO settings(key, value) VALUES ('match_check_day', '20600'),"
	     " ('match_check_generation', '0');");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.dup_checked, 1);
	ck_assert_int_eq(p.quality.dup_stale, 0);
	ck_assert_int_eq(p.quality.dup_day, 20600);
	ck_assert_int_eq(p.quality.people, 5);
	ck_assert_int_eq(p.quality.people_dup, 3);
	pack_dup_note(&p.quality, note, sizeof(note));
	ck_assert_ptr_nonnull(strstr(note, "From the duplicate check of 27 May 2026, on the data as they are now"));
	pack_release(&p);
	pack_basis_free(b);
	/* the LA: K1, K3, K5, K6 */
	exec("INSERT INTO settings(key, value) VALUES ('data_generation', 3);");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_LA, NULL, day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.people_dup, 4);
	ck_assert_int_eq(p.quality.dup_stale, 1);
	pack_dup_note(&p.quality, note, sizeof(note));
	ck_assert_ptr_nonnull(strstr(note, "the data have changed since"));
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

/* the later sections on the fixture: live births, activities, people, cautions */
START_TEST(test_sections)
{
	struct pack_basis *b;
	struct pack p;
	char y[64];

	/* births: in L1 (A1 1AA) and L2 (A1 1AB) from 2022 to the end of the
	 * period; B3 is after it, B4 before 2022, B5 outside, B7 has no postcode */
	exec("INSERT INTO births(ext_id, last_name, date_of_birth, postcode) VALUES"
	     " ('B1', 'x', '2026-02-01', 'A1 1AA'), ('B2', 'x', '2025-12-31', 'A1 1AB'),"
	     " ('B3', 'x', '2026-07-01', 'A1 1AA'), ('B4', 'x', '2021-12-31', 'A1 1AA'),"
	     " ('B5', 'x', '2022-01-01', 'A1 1AC'), ('B6', 'x', '2022-03-01', 'A1 1AB'),"
	     " ('B7', 'x', '2024-05-05', NULL)");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.births.any, 1);
	ck_assert_int_eq(p.births.year[0], 2022);
	ck_assert_int_eq(p.births.year[4], 2026);
	ck_assert_int_eq(p.births.count[0], 1); /* B6 */
	ck_assert_int_eq(p.births.count[1], 0);
	ck_assert_int_eq(p.births.count[2], 0);
	ck_assert_int_eq(p.births.count[3], 1); /* B2 */
	ck_assert_int_eq(p.births.count[4], 1); /* B1 */
	pack_birth_year_label(&p, 4, y, sizeof(y));
	ck_assert_str_eq(y, "2026 (to 30 June 2026)");
	pack_birth_year_label(&p, 3, y, sizeof(y));
	ck_assert_str_eq(y, "2025");
	/* activities in the period by residence: K1 (L1) at Play twice and Rhyme
	 * once, K3 (L2) at Play once; K4 lives outside, D2 is a carer, K5's
	 * session is before the period */
	ck_assert_uint_eq(p.nactivities, 2);
	ck_assert_str_eq(p.activities[0].name, "Play");
	ck_assert_int_eq(p.activities[0].children, 2);
	ck_assert_int_eq(p.activities[0].attendances, 3);
	ck_assert_str_eq(p.activities[1].name, "Rhyme");
	ck_assert_int_eq(p.activities[1].children, 1);
	ck_assert_int_eq(p.activities[1].attendances, 1);
	/* people of F2, F4, F5, F6: K3, K5, D2, K6, K7 */
	ck_assert_int_eq(p.quality.dup_checked, 0); /* no duplicate check saved yet */
	ck_assert_int_eq(p.quality.people, 5);
	ck_assert_int_eq(p.quality.people_dup, 0);
	/* cautions: 1 of 4 children without ethnicity, 1 without a date of
	 * birth, 2 of 4 families without a placed postcode; always the last */
	ck_assert_uint_ge(p.ncautions, 4);
	ck_assert(!strncmp(p.cautions[0], "Reach of minority ethnic children", 33));
	ck_assert(!strncmp(p.cautions[1], "Every reach figure", 18));
	ck_assert(!strncmp(p.cautions[2], "Reach by LSOA", 13));
	ck_assert(!strncmp(p.cautions[p.ncautions - 1], "Attendances:", 12));
	for (size_t i = 0; i < p.ncautions; i++)
		ck_assert_ptr_null(strstr(p.cautions[i], "Live births"));
	/* published: every count here is under 5 */
	pack_publish(&p);
	ck_assert_int_eq(p.births.count[0], PACK_SMALL);
	ck_assert_int_eq(p.births.count[1], 0);
	ck_assert_int_eq(p.activities[0].children, PACK_SMALL);
	ck_assert_int_eq(p.activities[0].attendances, PACK_HIDDEN);
	ck_assert_int_eq(p.activities[1].attendances, PACK_HIDDEN);
	ck_assert_int_eq(p.quality.people, 5);
	pack_release(&p);

	/* C1: L1 only; its one child is at Play (2) and Rhyme (1) */
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C1", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.births.count[0], 0);
	ck_assert_int_eq(p.births.count[4], 1);
	ck_assert_uint_eq(p.nactivities, 2);
	ck_assert_str_eq(p.activities[0].name, "Play");
	ck_assert_int_eq(p.activities[0].children, 1);
	ck_assert_int_eq(p.activities[0].attendances, 2);
	/* F1 (M1, D1, K1, K2) and F7 (K8) */
	ck_assert_int_eq(p.quality.people, 5);
	pack_release(&p);
	/* the LA: every person, those of F3 (no centre) too */
	ck_assert_int_eq(pack_build(db, b, AREA_LA, NULL, day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.people, 12);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

/* no birth imported: said, not shown as noughts */
START_TEST(test_no_births)
{
	struct pack_basis *b = basis();
	struct pack p;
	int said = 0;

	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C3", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.births.any, 0);
	ck_assert_uint_eq(p.nactivities, 0);
	for (size_t i = 0; i < p.ncautions; i++)
		said += !strncmp(p.cautions[i], "Live births", 11);
	ck_assert_int_eq(said, 1);
	pack_release(&p);
	pack_basis_free(b);
}
END_TEST

/* the caution that starts with `start`, or NULL */
static const char *caution_of(const struct pack *p, const char *start)
{
	for (size_t i = 0; i < p->ncautions; i++)
		if (!strncmp(p->cautions[i], start, strlen(start)))
			return p->cautions[i];
	return NULL;
}

/*
 * Repeated register rows from the import log, by the session's centre: C1
 * 1 of 200 over two imports (0.5%), C2 3 of 20 (15%), C3 none logged; a
 * re-import logs no centre rows; C9 is no centre of the store.
 */
START_TEST(test_repeated_rows)
{
	struct pack_basis *b;
	struct pack p;
	struct pack_quality_row rows[PACK_QUALITY_ROWS];

	/* no attendance import logged: not known, and said so */
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C1", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.repeats_known, 0);
	pack_quality_rows(&p.quality, rows);
	ck_assert_str_eq(rows[PACK_QUALITY_ROWS - 1].label, PACK_REPEATS_LABEL);
	ck_assert_int_eq(rows[PACK_QUALITY_ROWS - 1].unknown, 1);
	ck_assert_ptr_nonnull(strstr(caution_of(&p, "Attendances:"), "not known"));
	pack_release(&p);
	pack_basis_free(b);

	exec("INSERT INTO imports(id, kind, file_name, content_hash, rows, loaded, repeated_rows, reimport_of)"
	     " VALUES (1, 'attendance', '/a.csv', 'x', 170, 170, 8, NULL),"
	     " (2, 'attendance', '/b.csv', 'y', 55, 55, 1, NULL),"
	     " (3, 'attendance', '/a.csv', 'x', 170, 170, 0, 1), (4, 'people', '/p.csv', 'z', 9, 9, 0, NULL);"
	     "INSERT INTO import_centres VALUES (1, 'C1', 150, 1), (1, 'C2', 15, 2), (1, 'C9', 5, 5),"
	     " (2, 'C1', 50, 0), (2, 'C2', 5, 1);");
	b = basis();
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C1", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.repeats_known, 1);
	ck_assert_int_eq(p.quality.register_rows, 200);
	ck_assert_int_eq(p.quality.repeated_rows, 1);
	pack_quality_rows(&p.quality, rows);
	ck_assert_int_eq(rows[PACK_QUALITY_ROWS - 1].unknown, 0);
	ck_assert_int_eq(rows[PACK_QUALITY_ROWS - 1].n, 1);
	ck_assert_int_eq(rows[PACK_QUALITY_ROWS - 1].of, 200);
	ck_assert_str_eq(rows[PACK_QUALITY_ROWS - 1].note, PACK_REPEATS_NOTE);
	/* 0.5%: nothing to caution */
	ck_assert_ptr_null(caution_of(&p, "Attendances:"));
	/* rows, not people: publishing keeps a count under 5 */
	pack_publish(&p);
	ck_assert_int_eq(p.quality.repeated_rows, 1);
	ck_assert_int_eq(p.quality.register_rows, 200);
	pack_release(&p);
	/* C2: 3 of 20, over 1% */
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C2", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.register_rows, 20);
	ck_assert_int_eq(p.quality.repeated_rows, 3);
	ck_assert_ptr_nonnull(strstr(caution_of(&p, "Attendances:"), "more than 1%"));
	pack_release(&p);
	/* C3: known, none */
	ck_assert_int_eq(pack_build(db, b, AREA_CENTRE, "C3", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.repeats_known, 1);
	ck_assert_int_eq(p.quality.register_rows, 0);
	ck_assert_int_eq(p.quality.repeated_rows, 0);
	ck_assert_ptr_null(caution_of(&p, "Attendances:"));
	pack_release(&p);
	/* the North cluster is C1; the LA every centre of the store (not C9) */
	ck_assert_int_eq(pack_build(db, b, AREA_CLUSTER, "North", day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.register_rows, 200);
	ck_assert_int_eq(p.quality.repeated_rows, 1);
	pack_release(&p);
	ck_assert_int_eq(pack_build(db, b, AREA_LA, NULL, day("2026-07-01"), &p), 0);
	ck_assert_int_eq(p.quality.register_rows, 220);
	ck_assert_int_eq(p.quality.repeated_rows, 4);
	/* 4 of 220 = 1.8% */
	ck_assert_ptr_nonnull(caution_of(&p, "Attendances:"));
	pack_release(&p);
	pack_basis_free(b);
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
	tcase_add_test(tc, test_trend_same_as_reach_report);
	tcase_add_test(tc, test_forecast);
	tcase_add_test(tc, test_trend_first_day);
	tcase_add_test(tc, test_indicator_trends);
	tcase_add_test(tc, test_publish_secondary);
	tcase_add_test(tc, test_publish_files);
	tcase_add_test(tc, test_best_fit);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_dup_check);
	tcase_add_test(tc, test_no_births);
	tcase_add_test(tc, test_repeated_rows);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(pack_suite)
