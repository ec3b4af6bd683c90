/* import.c: tests of importing interchange files: reach_areas shares */
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
		"INSERT INTO reach_areas VALUES (3, 'L2');"), 0);
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

static Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("reach_areas");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_shares_stored_exactly);
	tcase_add_test(tc, test_bad_shares_change_nothing);
	tcase_add_test(tc, test_parse_millionths);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(import_suite)
