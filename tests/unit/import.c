/* import.c: tests of importing interchange files: reach_areas shares, repeated attendance rows */
#include "test.h"
#include "../../src/import/import.h"
#include "../../src/store/db.h"
#include "../../src/util/buf.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct db *db;
static char dir[] = "/tmp/reach-import-XXXXXX";
static char path[64];

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/reach_areas.csv", dir);
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_exec(db,
		"INSERT INTO lsoas(code, ward_code, la_code) VALUES ('L1', 'W1', 'LA'), ('L2', 'W1', 'LA');"
		"INSERT INTO centres(id, code, name) VALUES (1, 'C1', 'One'), (2, 'C2', 'Two'), (3, 'C3', 'Three');"
		"INSERT INTO reach_areas VALUES (3, 'L2');"
		"INSERT INTO families(id, ext_id, centre_id) VALUES (1, 'F1', 1);"
		"INSERT INTO people(id, ext_id, family_id, role, first_name, last_name, registered_on, name_key)"
		" VALUES (1, 'P1', 1, 'child', 'a', 'x', '2025-01-01', 'x'),"
		" (2, 'P2', 1, 'child', 'b', 'x', '2025-01-01', 'x');"), 0);
}

static void teardown(void)
{
	db_close(&db);
	unlink(path);
	rmdir(dir);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

/* import `csv` as reach_areas; the status */
static enum status import_text(const char *csv)
{
	FILE *f = fopen(path, "w");
	struct import_opts o;

	ck_assert_ptr_nonnull(f);
	fputs(csv, f);
	fclose(f);
	import_opts_init(&o);
	o.quiet = 1;
	return import_file(db, kind_find("reach_areas"), path, &o, NULL);
}

/* "C1 L1 250000;..." for every stored row, share or "-" for whole */
static void stored(struct buf *out)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT c.code, r.lsoa_code, s.share_ppm FROM reach_areas r JOIN centres c ON c.id = r.centre_id "
		"LEFT JOIN reach_area_shares s ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code "
		"ORDER BY c.code, r.lsoa_code");

	ck_assert_ptr_nonnull(st);
	buf_reset(out);
	while (db_step(st) == DB_ROW)
		buf_addf(out, "%s %s %s;", db_col_text(st, 0), db_col_text(st, 1),
			 db_col_null(st, 2) ? "-" : db_col_text(st, 2));
	db_finalize(&st);
}

START_TEST(test_shares_stored_exactly)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(import_text("centre_code,lsoa_code,share\n"
				     "C1,L1,0.333333\nC2,L1,0.666667\nC1,L2,\n"), ST_OK);
	stored(&b);
	ck_assert_str_eq(b.data, "C1 L1 333333;C1 L2 -;C2 L1 666667;C3 L2 -;");
	/* a re-import replaces a share; 1 is the whole LSOA, kept as no share */
	ck_assert_int_eq(import_text("centre_code,lsoa_code,share\nC1,L1,1.000000\nC2,L1,\n"), ST_OK);
	stored(&b);
	ck_assert_str_eq(b.data, "C1 L1 -;C1 L2 -;C2 L1 -;C3 L2 -;");
	/* a file without the column is whole LSOAs, as before */
	ck_assert_int_eq(import_text("lsoa_code,centre_code\nL2,C2\n"), ST_OK);
	stored(&b);
	ck_assert_str_eq(b.data, "C1 L1 -;C1 L2 -;C2 L1 -;C2 L2 -;C3 L2 -;");
	buf_release(&b);
}
END_TEST

START_TEST(test_bad_shares_change_nothing)
{
	static const char *const bad[] = {
		"centre_code,lsoa_code,share\nC1,L1,0.5\nC2,L1,x\n",
		"centre_code,lsoa_code,share\nC1,L1,0\n",
		"centre_code,lsoa_code,share\nC1,L1,-0.1\n",
		"centre_code,lsoa_code,share\nC1,L1,1.000001\n",
		"centre_code,lsoa_code,share\nC1,L1,0.1234567\n",
		"centre_code,lsoa_code,share\nC1,L1,1e-1\n",
		/* two shares over 1 in the file */
		"centre_code,lsoa_code,share\nC1,L1,0.5\nC2,L1,0.500001\n",
		/* a share beside a whole row already stored (C3 holds L2 whole) */
		"centre_code,lsoa_code,share\nC1,L2,0.1\n",
		/* a whole row beside a share in the same file */
		"centre_code,lsoa_code,share\nC1,L1,\nC2,L1,0.2\n",
	};
	struct buf before = BUF_INIT, after = BUF_INIT;

	stored(&before);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(import_text(bad[i]) == ST_BAD_INPUT, "accepted: %s", bad[i]);
		stored(&after);
		ck_assert_str_eq(after.data, before.data);
	}
	/* exactly 1 over two centres is fine */
	ck_assert_int_eq(import_text("centre_code,lsoa_code,share\nC1,L1,0.5\nC2,L1,0.5\n"), ST_OK);
	buf_release(&before);
	buf_release(&after);
}
END_TEST

START_TEST(test_parse_millionths)
{
	int64_t v = 7;
	char out[32];

	ck_assert_int_eq(parse_millionths("0.25", &v), 0);
	ck_assert_int_eq(v, 250000);
	ck_assert_int_eq(parse_millionths("1", &v), 0);
	ck_assert_int_eq(v, 1000000);
	ck_assert_int_eq(parse_millionths(".5", &v), 0);
	ck_assert_int_eq(v, 500000);
	ck_assert_int_eq(parse_millionths("-0.000001", &v), 0);
	ck_assert_int_eq(v, -1);
	ck_assert_int_eq(parse_millionths("2.", &v), 0);
	ck_assert_int_eq(v, 2000000);
	v = 7;
	ck_assert_int_eq(parse_millionths("0.1234567", &v), -2);
	ck_assert_int_eq(parse_millionths("", &v), -1);
	ck_assert_int_eq(parse_millionths(".", &v), -1);
	ck_assert_int_eq(parse_millionths("1e3", &v), -1);
	ck_assert_int_eq(parse_millionths("0,5", &v), -1);
	ck_assert_int_eq(parse_millionths("1234567890123", &v), -1);
	ck_assert_int_eq(v, 7);
	format_millionths(250000, out);
	ck_assert_str_eq(out, "0.25");
	format_millionths(1000000, out);
	ck_assert_str_eq(out, "1");
	format_millionths(1, out);
	ck_assert_str_eq(out, "0.000001");
	format_millionths(-1500000, out);
	ck_assert_str_eq(out, "-1.5");
	format_millionths(0, out);
	ck_assert_str_eq(out, "0");
}
END_TEST

/* import `csv` as attendance from DIR/name; the status, stats in *st */
static enum status import_attendance(const char *name, const char *csv, struct import_stats *st)
{
	char p[96];
	FILE *f;
	struct import_opts o;
	enum status ret;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fputs(csv, f);
	fclose(f);
	import_opts_init(&o);
	o.quiet = 1;
	ret = import_file(db, kind_find("attendance"), p, &o, st);
	unlink(p);
	return ret;
}

/* "C1 5 1;..." for every centre's register rows and repeated rows, over the import log */
static void repeats(struct buf *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT centre_code, sum(rows), sum(repeated_rows) "
					"FROM import_centres GROUP BY centre_code ORDER BY centre_code");

	ck_assert_ptr_nonnull(st);
	buf_reset(out);
	while (db_step(st) == DB_ROW)
		buf_addf(out, "%s %lld %lld;", db_col_text(st, 0), (long long)db_col_int(st, 1),
			 (long long)db_col_int(st, 2));
	db_finalize(&st);
}

static int64_t count(const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t n;

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(db_step(st), DB_ROW);
	n = db_col_int(st, 0);
	db_finalize(&st);
	return n;
}

/*
 * A row repeating a person and session (centre + activity + date) earlier
 * in the file, or stored by another file, is counted by the session's
 * centre; the same file imported again, under its name or another, counts
 * nothing.
 */
START_TEST(test_repeated_attendance)
{
	struct import_stats st;
	struct buf b = BUF_INIT;

	/* rows 2, 8 and 9 repeat row 1, 7 and 7; rows 3-6 differ from row 1 in
	 * one of person, centre, activity, date */
	ck_assert_int_eq(import_attendance("a1.csv", "person_id,centre_code,activity,date\n"
					   "P1,C1,Play,2026-01-05\n"
					   "P1,C1,Play,2026-01-05\n"
					   "P2,C1,Play,2026-01-05\n"
					   "P1,C2,Play,2026-01-05\n"
					   "P1,C1,Rhyme,2026-01-05\n"
					   "P1,C1,Play,2026-01-12\n"
					   "P2,C2,Play,2026-01-05\n"
					   "P2,C2,Play,2026-01-05\n"
					   "P2,C2,Play,2026-01-05\n", &st), ST_OK);
	ck_assert_uint_eq(st.rows, 9);
	ck_assert_uint_eq(st.loaded, 9);
	ck_assert_uint_eq(st.repeated, 3);
	ck_assert_int_eq(st.reimport, 0);
	ck_assert_int_eq(count("SELECT count(*) FROM attendance"), 6);
	repeats(&b);
	ck_assert_str_eq(b.data, "C1 5 1;C2 4 2;");
	buf_reset(&b);
	import_summary(&st, &b);
	ck_assert_str_eq(b.data, "3 repeated rows counted once");

	/* the same file again: a re-import, nothing counted, the store unchanged */
	ck_assert_int_eq(import_attendance("a1.csv", "person_id,centre_code,activity,date\n"
					   "P1,C1,Play,2026-01-05\n"
					   "P1,C1,Play,2026-01-05\n", &st), ST_OK);
	ck_assert_int_eq(st.reimport, 1);
	ck_assert_uint_eq(st.repeated, 0);
	buf_reset(&b);
	import_summary(&st, &b);
	ck_assert_msg(!strncmp(b.data, "a re-import of a file imported at ", 34), "%s", b.data);
	repeats(&b);
	ck_assert_str_eq(b.data, "C1 5 1;C2 4 2;");
	/* the same rows under another name, columns in another order, quoted: a re-import */
	ck_assert_int_eq(import_attendance("copy.csv", "date,activity,person_id,centre_code\n"
					   "2026-01-05,Play,P1,C1\n2026-01-05,Play,P1,C1\n"
					   "2026-01-05,Play,\"P2\",C1\n2026-01-05,Play,P1,C2\n"
					   "2026-01-05,Rhyme,P1,C1\n2026-01-12,Play,P1,C1\n"
					   "2026-01-05,Play,P2,C2\n2026-01-05,Play,P2,C2\n"
					   "2026-01-05,Play,P2,C2\n", &st), ST_OK);
	ck_assert_int_eq(st.reimport, 1);
	repeats(&b);
	ck_assert_str_eq(b.data, "C1 5 1;C2 4 2;");
	ck_assert_int_eq(count("SELECT count(*) FROM imports WHERE kind = 'attendance' AND reimport_of = "
			       "(SELECT min(id) FROM imports)"), 2);

	/* another file: row 1 repeats a stored row, row 3 repeats row 2 */
	ck_assert_int_eq(import_attendance("a2.csv", "person_id,centre_code,activity,date\n"
					   "P1,C1,Play,2026-01-05\n"
					   "P2,C2,Play,2026-01-19\n"
					   "P2,C2,Play,2026-01-19\n"
					   "P2,C3,Play,2026-01-19\n", &st), ST_OK);
	ck_assert_int_eq(st.reimport, 0);
	ck_assert_uint_eq(st.repeated, 2);
	ck_assert_int_eq(count("SELECT count(*) FROM attendance"), 8);
	repeats(&b);
	ck_assert_str_eq(b.data, "C1 6 2;C2 6 3;C3 1 0;");
	ck_assert_int_eq(count("SELECT repeated_rows FROM imports ORDER BY id DESC LIMIT 1"), 2);

	/* a file with no repeat says so; a bad file logs nothing */
	ck_assert_int_eq(import_attendance("a3.csv", "person_id,centre_code,activity,date\n"
					   "P2,C3,Play,2026-02-02\n", &st), ST_OK);
	buf_reset(&b);
	import_summary(&st, &b);
	ck_assert_str_eq(b.data, "no repeated rows");
	ck_assert_int_eq(import_attendance("a4.csv", "person_id,centre_code,activity,date\n"
					   "P2,C3,Play,2026-02-02\nP9,C3,Play,2026-02-02\n", &st),
			 ST_BAD_INPUT);
	ck_assert_int_eq(count("SELECT count(*) FROM imports"), 5);
	repeats(&b);
	ck_assert_str_eq(b.data, "C1 6 2;C2 6 3;C3 2 0;");
	buf_release(&b);
}
END_TEST

static Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("reach_areas");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_shares_stored_exactly);
	tcase_add_test(tc, test_bad_shares_change_nothing);
	tcase_add_test(tc, test_parse_millionths);
	suite_add_tcase(s, tc);
	tc = tcase_create("attendance");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_repeated_attendance);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(import_suite)
