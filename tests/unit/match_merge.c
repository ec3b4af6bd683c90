/* match_merge.c: merging two people keeps every attendance row, and undoing it restores them exactly */
#include "test.h"
#include "../../src/match/match.h"
#include "../../src/store/db.h"
#include "../../src/util/util.h"

static struct db *db;

static void exec(const char *sql)
{
	ck_assert_msg(db_exec(db, sql) == 0, "%s: %s", sql, db_errmsg(db));
}

static int64_t num(const char *sql)
{
	return db_query_int(db, sql, NULL, -1);
}

/* every row of a query, one line each, columns separated by '|' */
static char *dump(const char *sql)
{
	struct db_stmt *st = db_prepare(db, sql);
	struct buf b = BUF_INIT;

	ck_assert_ptr_nonnull(st);
	while (db_step(st) == DB_ROW) {
		for (int c = 0; c < 16; c++) {
			const char *t = db_col_text(st, c);

			buf_adds(&b, t ? t : "NULL");
			buf_addch(&b, '|');
		}
		buf_addch(&b, '\n');
	}
	db_finalize(&st);
	buf_adds(&b, "");
	return buf_detach(&b, NULL);
}

#define PEOPLE_SQL "SELECT id, ext_id, family_id, role, relationship, first_name, last_name, " \
	"date_of_birth, sex, ethnicity, disabled, registered_on, name_key, employment, sen, " \
	"'' FROM people ORDER BY id"
#define ATT_SQL "SELECT day, person_id, session_id, '', '', '', '', '', '', '', '', '', '', '', '', '' " \
	"FROM attendance ORDER BY person_id, day, session_id"
#define LANG_SQL "SELECT person_id, position, code, '', '', '', '', '', '', '', '', '', '', '', '', '' " \
	"FROM person_languages ORDER BY person_id, position"

static void setup(void)
{
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	exec("INSERT INTO centres(id, code, name) VALUES (1, 'CC01', 'One');"
	     "INSERT INTO activities(id, name) VALUES (1, 'Stay and play');"
	     "INSERT INTO sessions(id, centre_id, activity_id, day) VALUES (1, 1, 1, 100), (2, 1, 1, 101), "
	     "(3, 1, 1, 102), (4, 1, 1, 103);"
	     "INSERT INTO families(id, ext_id, postcode, centre_id) VALUES (1, 'F1', 'W2 1AB', 1), "
	     "(2, 'F2', 'W2 1AB', 1);"
	     "INSERT INTO people(id, ext_id, family_id, role, first_name, last_name, date_of_birth, sex, "
	     "ethnicity, registered_on, name_key) VALUES "
	     "(1, 'P1', 1, 'child', 'Mohammed', 'Khan', '2022-03-04', 'male', 'ABAN', '2022-05-01', 'k'), "
	     "(2, 'P2', 1, 'carer', 'Amina', 'Khan', '1990-01-01', 'female', NULL, '2022-05-01', 'k'), "
	     "(3, 'P3', 2, 'child', 'Muhammad', 'Khan', '2022-04-03', 'male', NULL, '2022-06-01', 'k');"
	     "INSERT INTO person_languages(person_id, position, code) VALUES (1, 0, 'en'), (3, 0, 'bn'), "
	     "(3, 1, 'en');"
	     /* P1 and P3 both at session 2: counted once after the merge */
	     "INSERT INTO attendance(day, person_id, session_id) VALUES (100, 1, 1), (101, 1, 2), "
	     "(101, 3, 2), (102, 3, 3), (103, 3, 4), (100, 2, 1);");
}

static void teardown(void)
{
	db_close(&db);
}

START_TEST(merge_and_undo)
{
	char *people0 = dump(PEOPLE_SQL), *att0 = dump(ATT_SQL), *lang0 = dump(LANG_SQL);
	int64_t before = num("SELECT count(*) FROM attendance"), mid = 0;

	ck_assert_int_eq(match_merge(db, NULL, "P1", "P3", &mid), ST_OK);
	ck_assert_int_gt(mid, 0);
	/* P3 gone; its family kept, noted as left empty */
	ck_assert_int_eq(num("SELECT count(*) FROM people WHERE ext_id = 'P3'"), 0);
	ck_assert_int_eq(num("SELECT count(*) FROM families WHERE id = 2"), 1);
	ck_assert_int_eq(num("SELECT family_left_empty FROM merges"), 1);
	/* every attendance row kept, the shared session once */
	ck_assert_int_eq(num("SELECT count(*) FROM attendance"), before - 1);
	ck_assert_int_eq(num("SELECT count(*) FROM attendance WHERE person_id = 1"), 4);
	ck_assert_int_eq(num("SELECT count(*) FROM attendance WHERE person_id = 3"), 0);
	/* languages: bn added after en, en not twice */
	ck_assert_int_eq(num("SELECT count(*) FROM person_languages WHERE person_id = 1"), 2);
	ck_assert_int_eq(num("SELECT position FROM person_languages WHERE person_id = 1 AND code = 'bn'"), 1);
	ck_assert_int_eq(num("SELECT count(*) FROM person_languages WHERE person_id = 3"), 0);
	/* the trail, for both families, and the decision */
	ck_assert_int_eq(num("SELECT count(*) FROM audit WHERE action = 'merge'"), 2);
	ck_assert_int_eq(num("SELECT count(*) FROM audit WHERE action = 'merge' AND family_ext_id = 'F2' "
			     "AND person_ext_id = 'P3'"), 1);
	ck_assert_int_eq(num("SELECT count(*) FROM match_decisions WHERE person_a = 'P1' AND "
			     "person_b = 'P3' AND decision = 'same'"), 1);

	ck_assert_int_eq(match_merge_undo(db, NULL, mid), ST_OK);
	{
		char *people1 = dump(PEOPLE_SQL), *att1 = dump(ATT_SQL), *lang1 = dump(LANG_SQL);

		ck_assert_str_eq(people1, people0);
		ck_assert_str_eq(att1, att0);
		ck_assert_str_eq(lang1, lang0);
		free(people1);
		free(att1);
		free(lang1);
	}
	ck_assert_int_eq(num("SELECT count(*) FROM audit WHERE action = 'undo merge'"), 2);
	ck_assert_int_eq(num("SELECT count(*) FROM merges WHERE undone_at IS NOT NULL"), 1);
	ck_assert_int_eq(num("SELECT count(*) FROM match_decisions"), 0);
	/* once only */
	ck_assert_int_eq(match_merge_undo(db, NULL, mid), ST_BAD_INPUT);
	ck_assert_int_eq(match_merge_undo(db, NULL, 999), ST_BAD_INPUT);
	free(people0);
	free(att0);
	free(lang0);
}
END_TEST

/* a merge within one family leaves the family as it is; bad pairs are refused */
START_TEST(same_family_and_bad_input)
{
	int64_t mid = 0, before = num("SELECT count(*) FROM attendance");

	ck_assert_int_eq(match_merge(db, NULL, "P1", "P1", &mid), ST_BAD_INPUT);
	ck_assert_int_eq(match_merge(db, NULL, "P1", "P9", &mid), ST_BAD_INPUT);
	ck_assert_int_eq(match_merge(db, NULL, "P9", "P1", &mid), ST_BAD_INPUT);
	ck_assert_int_eq(num("SELECT count(*) FROM merges"), 0);
	ck_assert_int_eq(match_merge(db, NULL, "P1", "P2", &mid), ST_OK);
	ck_assert_int_eq(num("SELECT family_left_empty FROM merges"), 0);
	ck_assert_int_eq(num("SELECT count(*) FROM attendance"), before - 1); /* both at session 1 */
	/* the removed ext_id taken again: the undo is refused, nothing changed */
	exec("INSERT INTO people(ext_id, family_id, role, first_name, last_name, registered_on, name_key) "
	     "VALUES ('P2', 1, 'carer', 'X', 'Y', '2023-01-01', 'y')");
	ck_assert_int_eq(match_merge_undo(db, NULL, mid), ST_BAD_INPUT);
	ck_assert_int_eq(num("SELECT count(*) FROM attendance"), before - 1);
	exec("DELETE FROM people WHERE ext_id = 'P2'");
	ck_assert_int_eq(match_merge_undo(db, NULL, mid), ST_OK);
	ck_assert_int_eq(num("SELECT count(*) FROM attendance"), before);
}
END_TEST

START_TEST(different_people)
{
	ck_assert_int_eq(match_decide_different(db, NULL, "P3", "P1"), ST_OK);
	ck_assert_int_eq(num("SELECT count(*) FROM match_decisions WHERE person_a = 'P1' AND "
			     "person_b = 'P3' AND decision = 'different'"), 1);
	ck_assert_int_eq(num("SELECT count(*) FROM audit WHERE action = 'not duplicates'"), 2);
	ck_assert_int_eq(match_decide_different(db, NULL, "P1", "P1"), ST_BAD_INPUT);
	ck_assert_int_eq(match_decide_different(db, NULL, "P1", "nobody"), ST_BAD_INPUT);
	ck_assert_int_eq(num("SELECT count(*) FROM people"), 3);
}
END_TEST

Suite *match_merge_suite(void);
Suite *match_merge_suite(void)
{
	Suite *s = suite_create("match_merge");
	TCase *tc = tcase_create("merge");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, merge_and_undo);
	tcase_add_test(tc, same_family_and_bad_input);
	tcase_add_test(tc, different_people);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(match_merge_suite)
