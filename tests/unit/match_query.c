/* match_query.c: one typed person against the store (match_store_query): who the
 * indexed lookups and the blocking rules bring, and how they are scored */
#include "test.h"
#include "../../src/match/match.h"
#include "../../src/search/search.h"
#include "../../src/store/db.h"
#include "../../src/util/util.h"

static struct db *db;

static void exec(const char *sql)
{
	ck_assert_msg(db_exec(db, sql) == 0, "%s: %s", sql, db_errmsg(db));
}

/* a person with their surname's key, as the importer stores it */
static void person(int id, int family, const char *first, const char *last, const char *dob,
		   const char *sex)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO people(id, ext_id, family_id, role, "
					    "first_name, last_name, date_of_birth, sex, registered_on, "
					    "name_key) VALUES (?, ?, ?, 'child', ?, ?, ?, ?, '2024-01-01', ?)");
	struct buf key = BUF_INIT;
	char ext[16];

	ck_assert_ptr_nonnull(st);
	snprintf(ext, sizeof(ext), "P%d", id);
	name_key(last, &key);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, ext);
	db_bind_int(st, 3, family);
	db_bind_text(st, 4, first);
	db_bind_text(st, 5, last);
	db_bind_text(st, 6, dob);
	db_bind_text(st, 7, sex);
	db_bind_text(st, 8, key.data ? key.data : "");
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(&st);
	buf_release(&key);
}

static void setup(void)
{
	setenv("REACH_NAME_VARIANTS", "data/name_variants.csv", 1);
	match_variants_release();
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	exec("INSERT INTO centres(id, code, name) VALUES (1, 'CC01', 'One');"
	     "INSERT INTO families(id, ext_id, postcode, centre_id) VALUES (1, 'F1', 'W2 1AB', 1), "
	     "(2, 'F2', 'E1 6AN', 1), (3, 'F3', 'N1 9GU', 1);");
	person(1, 1, "Mohammed", "Khan", "2022-03-04", "male");  /* the same child */
	person(2, 2, "Muhammad", "Khan", "2022-04-03", "male");  /* day and month swapped, moved */
	person(3, 1, "Zara", "Smith", "1990-07-01", "female");   /* same home, nothing else */
	person(4, 3, "Mohammed", "Khan", "2019-11-30", "male");  /* a namesake, born years before */
	person(5, 3, "Aisha", "Begum", "2022-03-04", "female");  /* the same day, nothing else */
	/* a store of a realistic size around them (a thousand people in 200
	 * families elsewhere, no date of birth): sharing a surname and a
	 * postcode is then as rare as it is in a real store */
	exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199) "
	     "INSERT INTO families(id, ext_id, postcode, centre_id) "
	     "SELECT 10 + i, 'G' || i, 'SE1 ' || (i % 10) || char(65 + i / 10 % 26) || 'A', 1 FROM n;"
	     "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999) "
	     "INSERT INTO people(id, ext_id, family_id, role, first_name, last_name, sex, "
	     "registered_on, name_key) SELECT 100 + i, 'Q' || i, 10 + i / 5, 'child', 'Child', "
	     "'Other' || i, 'female', '2024-01-01', '' FROM n;");
}

static void teardown(void)
{
	db_close(&db);
	match_variants_release();
}

static int find(const struct match_store_hit *h, size_t n, const char *ext)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(h[i].ext_id, ext))
			return (int)i;
	return -1;
}

START_TEST(typed_against_store)
{
	const char *typed[] = { "Muhammad", "Khan", "2022-03-04", "male", "W2 1AB" };
	struct match_store_hit *h = NULL;
	size_t n = 0;
	int a, b;
	double mid;

	ck_assert_int_eq(match_store_query(db, typed, 1e-9, &h, &n), 0);
	a = find(h, n, "P1");
	b = find(h, n, "P2");
	/* P1 (the same day, home and a variant of the name) first, then P2 */
	ck_assert_int_eq(a, 0);
	ck_assert_int_eq(b, 1);
	ck_assert_uint_eq(h[a].hit.level[0], 2); /* Mohammed/Muhammad: a variant */
	ck_assert_uint_eq(h[a].hit.level[1], 1);
	ck_assert_uint_eq(h[a].hit.level[2], 1);
	ck_assert_uint_eq(h[a].hit.level[3], 1);
	ck_assert_uint_eq(h[a].hit.level[4], 1);
	ck_assert(h[a].hit.prob > 0.99);
	ck_assert_uint_eq(h[b].hit.level[1], 1);
	ck_assert_uint_eq(h[b].hit.level[2], 2); /* day and month swapped */
	ck_assert_uint_eq(h[b].hit.level[4], 4); /* another postcode */
	ck_assert(h[b].hit.prob < h[a].hit.prob);
	/* the evidence adds up to the weight (with the prior) */
	{
		double w = 0;
		for (int f = 0; f < 5; f++)
			w += h[a].hit.field_weight[f];
		ck_assert(h[a].hit.weight < w); /* the prior is negative */
	}
	/* the same home but no name or date alike, the same day but no name
	 * alike, a namesake born in another year: no rule holds for them */
	ck_assert_int_eq(find(h, n, "P3"), -1);
	ck_assert_int_eq(find(h, n, "P5"), -1);
	ck_assert_int_eq(find(h, n, "P4"), -1);
	mid = (h[a].hit.prob + h[b].hit.prob) / 2;
	match_store_hits_release(h, n);
	/* a higher floor keeps the likelier only */
	ck_assert_int_eq(match_store_query(db, typed, mid, &h, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].ext_id, "P1");
	match_store_hits_release(h, n);
}
END_TEST

START_TEST(partial_and_reversed)
{
	/* no date of birth: the postcode (in any spacing) and the first name's key */
	const char *nodob[] = { "Mohamed", "", "", "", "w21ab" };
	/* names the other way round: "names" finds them in either order */
	const char *reversed[] = { "Khan", "Muhammad", "2022-04-03", "male", "" };
	/* nothing to look up by */
	const char *none[] = { "Mohammed", "Khan", "", "", "" };
	struct match_store_hit *h = NULL;
	size_t n = 0;

	ck_assert_int_eq(match_store_query(db, nodob, 1e-9, &h, &n), 0);
	ck_assert_int_eq(find(h, n, "P1"), 0);
	ck_assert_int_eq(find(h, n, "P3"), -1);
	ck_assert_uint_eq(h[0].hit.level[2], 0); /* no date: no evidence */
	match_store_hits_release(h, n);

	ck_assert_int_eq(match_store_query(db, reversed, 1e-9, &h, &n), 0);
	ck_assert_int_ge(find(h, n, "P2"), 0);
	ck_assert_uint_eq(h[find(h, n, "P2")].hit.level[0], 2); /* crossed */
	ck_assert_uint_eq(h[find(h, n, "P2")].hit.level[1], 2);
	match_store_hits_release(h, n);

	ck_assert_int_eq(match_store_query(db, none, 1e-9, &h, &n), 0);
	ck_assert_uint_eq(n, 0);
	match_store_hits_release(h, n);
}
END_TEST

/* the lookups use the indexes, not a scan of the people */
START_TEST(indexed)
{
	static const char *const plans[] = {
		"EXPLAIN QUERY PLAN SELECT 1 FROM people p WHERE p.date_of_birth = '2022-03-04'",
		"EXPLAIN QUERY PLAN SELECT 1 FROM people p WHERE p.name_key IN ('k', 'm') "
		"AND p.date_of_birth BETWEEN '2022-01-01' AND '2022-12-31'",
	};

	for (size_t i = 0; i < ARRAY_LEN(plans); i++) {
		struct db_stmt *st = db_prepare(db, plans[i]);
		struct buf all = BUF_INIT;

		ck_assert_ptr_nonnull(st);
		while (db_step(st) == DB_ROW)
			buf_adds(&all, db_col_text(st, 3));
		db_finalize(&st);
		ck_assert_msg(strstr(all.data ? all.data : "", "USING"), "plan: %s", all.data);
		ck_assert_msg(!strstr(all.data ? all.data : "", "SCAN"), "plan: %s", all.data);
		buf_release(&all);
	}
}
END_TEST

Suite *match_query_suite(void);
Suite *match_query_suite(void)
{
	Suite *s = suite_create("match_query");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, typed_against_store);
	tcase_add_test(tc, partial_and_reversed);
	tcase_add_test(tc, indexed);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(match_query_suite)
