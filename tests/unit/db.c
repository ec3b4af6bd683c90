/* db.c: unit tests for the store interface on SQLite (src/store/db_sqlite.c) */
#include "test.h"
#include "../../src/store/db.h"
#include "../../src/store/migrations.h"
#include "../../src/util/buf.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* each test gets its own directory and database path (checked fixture) */
static char tmpdir[256];
static char dbpath[300];

static void setup(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/reach-db-test-XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(dbpath, sizeof(dbpath), "%s/reach.db", tmpdir);
}

static void teardown(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char p[320];

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", dbpath, suffixes[i]);
		unlink(p);
	}
	rmdir(tmpdir);
}

/*
 * Capture what error() prints: stderr goes to a file between
 * capture_start() and capture_end(), which returns the text (caller frees).
 */
static int saved_stderr = -1;
static char capture_path[320];

static void capture_start(void)
{
	int fd;

	snprintf(capture_path, sizeof(capture_path), "%s/stderr.txt", tmpdir);
	fflush(stderr);
	saved_stderr = dup(2);
	fd = open(capture_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 2);
	close(fd);
}

static char *capture_end(void)
{
	struct buf b = BUF_INIT;
	char chunk[512];
	size_t n;
	FILE *fp;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	fp = fopen(capture_path, "r");
	ck_assert_ptr_nonnull(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	unlink(capture_path);
	return buf_detach(&b, NULL);
}

static struct db *open_new(void)
{
	struct db *db = NULL;

	ck_assert_int_eq(db_open(&db, dbpath, 1), 0);
	ck_assert_ptr_nonnull(db);
	return db;
}

static struct db *open_current(void)
{
	struct db *db = open_new();

	ck_assert_int_eq(db_migrate(db), 0);
	return db;
}

static int64_t count(struct db *db, const char *sql)
{
	return db_query_int(db, sql, NULL, -1);
}

/* add a family with this external id; returns its row id */
static int64_t add_family(struct db *db, const char *ext_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO families(ext_id, postcode) VALUES (?, ?)");

	ck_assert_ptr_nonnull(st);
	db_bind_text(st, 1, ext_id);
	db_bind_text(st, 2, "W2 1AB");
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(&st);
	ck_assert_ptr_null(st);
	return db_last_id(db);
}

static enum db_result add_person(struct db *db, const char *ext_id, int64_t family_id)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO people(ext_id, family_id, role, first_name, last_name, "
		"registered_on, name_key) VALUES (?, ?, 'child', ?, ?, '2025-01-06', ?)");
	enum db_result rc;

	ck_assert_ptr_nonnull(st);
	db_bind_text(st, 1, ext_id);
	db_bind_int(st, 2, family_id);
	db_bind_text(st, 3, "\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9");
	db_bind_text(st, 4, "Rahman");
	db_bind_text(st, 5, "rahman");
	rc = db_step(st);
	db_finalize(&st);
	return rc;
}

START_TEST(test_open_migrate)
{
	struct db *db = open_new();

	ck_assert_str_eq(db_path(db), dbpath);
	ck_assert_int_eq(db_schema_version(db), 0);
	ck_assert_int_ge(db_schema_latest(), 1);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_schema_version(db), db_schema_latest());
	ck_assert_int_eq(db_require_current(db), 0);
	/* the core tables are there */
	ck_assert_int_eq(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
				   "name IN ('settings', 'families', 'people', 'attendance')"), 4);
	db_close(&db);
	ck_assert_ptr_null(db);
	/* closing twice is harmless */
	db_close(&db);
}
END_TEST

START_TEST(test_migrate_again_is_noop)
{
	struct db *db = open_current();
	int64_t objects;

	objects = count(db, "SELECT count(*) FROM sqlite_master");
	add_family(db, "F1");
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_schema_version(db), db_schema_latest());
	ck_assert_int_eq(count(db, "SELECT count(*) FROM sqlite_master"), objects);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM families"), 1);
	db_close(&db);
}
END_TEST

START_TEST(test_survives_reopen)
{
	struct db *db = open_current();
	struct db_stmt *st;
	int64_t fid;

	fid = add_family(db, "F-reopen");
	ck_assert_int_eq(add_person(db, "P1", fid), DB_DONE);
	ck_assert_int_eq(db_setting_set(db, "seed", "7"), 0);
	db_close(&db);

	/* without create: the file must exist, and it does */
	ck_assert_int_eq(db_open(&db, dbpath, 0), 0);
	ck_assert_int_eq(db_require_current(db), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	st = db_prepare(db, "SELECT p.first_name, f.ext_id FROM people p "
			    "JOIN families f ON f.id = p.family_id WHERE p.ext_id = ?");
	ck_assert_ptr_nonnull(st);
	db_bind_text(st, 1, "P1");
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9");
	ck_assert_str_eq(db_col_text(st, 1), "F-reopen");
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(&st);
	{
		int64_t v = 0;
		ck_assert_int_eq(db_setting_get_int(db, "seed", 0, &v), 0);
		ck_assert_int_eq(v, 7);
	}
	db_close(&db);
}
END_TEST

START_TEST(test_open_missing_without_create)
{
	struct db *db = NULL;
	char *msg;

	capture_start();
	ck_assert_int_eq(db_open(&db, dbpath, 0), -1);
	msg = capture_end();
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(msg, "cannot open database"));
	ck_assert_ptr_nonnull(strstr(msg, dbpath));
	free(msg);
	ck_assert_int_eq(access(dbpath, F_OK), -1);
}
END_TEST

START_TEST(test_open_not_a_database)
{
	struct db *db = NULL;
	FILE *fp = fopen(dbpath, "w");
	char *msg;

	ck_assert_ptr_nonnull(fp);
	fputs("id,name\nthis is a CSV file, not a database\n", fp);
	for (int i = 0; i < 200; i++)
		fputs("padding padding padding padding\n", fp);
	fclose(fp);
	capture_start();
	ck_assert_int_eq(db_open(&db, dbpath, 1), -1);
	msg = capture_end();
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(msg, dbpath));
	free(msg);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
	struct db *db = open_new();
	char *msg;

	/* a database written by a newer program (1000 is beyond any step we have) */
	ck_assert_int_lt(db_schema_latest(), 1000);
	ck_assert_int_eq(db_exec(db, "PRAGMA user_version = 1000"), 0);
	ck_assert_int_eq(db_exec(db, "CREATE TABLE future_table (x)"), 0);
	db_close(&db);

	ck_assert_int_eq(db_open(&db, dbpath, 0), 0);
	ck_assert_int_eq(db_schema_version(db), 1000);
	capture_start();
	ck_assert_int_eq(db_migrate(db), -1);
	msg = capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "newer than this reach"));
	free(msg);
	capture_start();
	ck_assert_int_eq(db_require_current(db), -1);
	msg = capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "newer than this reach"));
	free(msg);
	/* left exactly as it was */
	ck_assert_int_eq(db_schema_version(db), 1000);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM sqlite_master"), 1);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'future_table'"), 1);
	db_close(&db);
}
END_TEST

static void *migrate_thread(void *arg)
{
	struct db *db = arg;

	return db_migrate(db) ? (void *)"failed" : NULL;
}

START_TEST(test_migrate_race)
{
	/*
	 * Two programs run init at once: A reads version 0, then waits for the
	 * write lock that B holds while B takes every step. When A gets the
	 * lock it must see that the work is done, not fail on CREATE TABLE.
	 * (If A is slow to start, it simply reads the new version: still a pass.)
	 */
	struct db *a = open_new(), *b = NULL;
	char pragma[64];
	pthread_t t;
	void *res = NULL;
	struct timespec pause = { 0, 300 * 1000 * 1000 };

	ck_assert_int_eq(db_open(&b, dbpath, 0), 0);
	ck_assert_int_eq(db_begin(b), 0);
	ck_assert_int_eq(pthread_create(&t, NULL, migrate_thread, a), 0);
	nanosleep(&pause, NULL);
	for (int i = 0; i < migrations_count; i++)
		ck_assert_int_eq(db_exec(b, migrations[i].sql), 0);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", db_schema_latest());
	ck_assert_int_eq(db_exec(b, pragma), 0);
	ck_assert_int_eq(db_commit(b), 0);
	ck_assert_int_eq(pthread_join(t, &res), 0);
	ck_assert_ptr_null(res);
	ck_assert_int_eq(db_schema_version(a), db_schema_latest());
	ck_assert_int_eq(db_require_current(a), 0);
	db_close(&a);
	db_close(&b);
}
END_TEST

START_TEST(test_require_current_empty)
{
	struct db *db = open_new();
	char *msg;

	capture_start();
	ck_assert_int_eq(db_require_current(db), -1);
	msg = capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "is empty: run 'reach init' first"));
	ck_assert_ptr_nonnull(strstr(msg, dbpath));
	free(msg);
	/* and checking changed nothing */
	ck_assert_int_eq(db_schema_version(db), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM sqlite_master"), 0);
	db_close(&db);
}
END_TEST

START_TEST(test_bind_round_trip)
{
	struct db *db = open_new();
	struct db_stmt *st;
	static const char *const texts[] = {
		"",
		"plain",
		"O'Neil; DROP TABLE x; --",
		"\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9",                     /* Arabic */
		"\xe0\xa6\xac\xe0\xa6\xbe\xe0\xa6\x82\xe0\xa6\xb2\xe0\xa6\xbe", /* Bengali */
		"\xf0\x9f\x98\x80 Zo\xc3\xab",
		"quote \" and ? and ?1",
	};
	static const int64_t ints[] = { 0, 1, -1, 42, INT32_MAX, (int64_t)INT32_MAX + 1,
					INT64_MAX, INT64_MIN, -20781 };

	st = db_prepare(db, "SELECT ?, ?, ?, ?, typeof(?3)");
	ck_assert_ptr_nonnull(st);
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		db_bind_text(st, 1, texts[i]);
		db_bind_int(st, 2, ints[i % (sizeof(ints) / sizeof(ints[0]))]);
		db_bind_text(st, 3, NULL);
		db_bind_double(st, 4, 0.25 * (double)i - 1.5);
		ck_assert_int_eq(db_step(st), DB_ROW);
		ck_assert_str_eq(db_col_text(st, 0), texts[i]);
		ck_assert_int_eq(db_col_null(st, 0), 0);
		ck_assert(db_col_int(st, 1) == ints[i % (sizeof(ints) / sizeof(ints[0]))]);
		ck_assert_int_eq(db_col_null(st, 2), 1);
		ck_assert_ptr_null(db_col_text(st, 2));
		ck_assert(db_col_double(st, 3) == 0.25 * (double)i - 1.5);
		ck_assert_str_eq(db_col_text(st, 4), "null");
		ck_assert_int_eq(db_step(st), DB_DONE);
		db_reset(st);
	}
	/* every integer, through an int column */
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		db_bind_text(st, 1, "x");
		db_bind_int(st, 2, ints[i]);
		db_bind_null(st, 3);
		db_bind_null(st, 4);
		ck_assert_int_eq(db_step(st), DB_ROW);
		ck_assert(db_col_int(st, 1) == ints[i]);
		ck_assert_int_eq(db_col_null(st, 3), 1);
		db_reset(st);
	}
	/* db_reset clears bindings: unbound parameters are NULL */
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_int_eq(db_col_null(st, 0), 1);
	ck_assert_int_eq(db_col_null(st, 1), 1);
	db_finalize(&st);
	ck_assert_ptr_null(st);
	db_finalize(&st); /* finalizing NULL is fine */

	/* text with a length: only those bytes, and embedded NUL kept */
	st = db_prepare(db, "SELECT ?, length(CAST(?2 AS BLOB))");
	ck_assert_ptr_nonnull(st);
	db_bind_textn(st, 1, "W2 1AB trailing", 6);
	db_bind_textn(st, 2, "a\0b", 3);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "W2 1AB");
	ck_assert_int_eq(db_col_int(st, 1), 3);
	db_finalize(&st);

	/* UTF-8 survives a store and a load */
	ck_assert_int_eq(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INTEGER)"), 0);
	st = db_prepare(db, "INSERT INTO t(s, n) VALUES (?, ?)");
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		db_bind_text(st, 1, texts[i]);
		db_bind_int(st, 2, (int64_t)i);
		ck_assert_int_eq(db_step(st), DB_DONE);
		ck_assert_int_eq(db_changes(db), 1);
		ck_assert_int_eq(db_last_id(db), (int64_t)i + 1);
		db_reset(st);
	}
	db_finalize(&st);
	st = db_prepare(db, "SELECT s, n FROM t ORDER BY id");
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		ck_assert_int_eq(db_step(st), DB_ROW);
		ck_assert_str_eq(db_col_text(st, 0), texts[i]);
		ck_assert_int_eq(db_col_int(st, 1), (int64_t)i);
	}
	ck_assert_int_eq(db_step(st), DB_DONE);
	db_finalize(&st);
	ck_assert_int_eq(db_query_int(db, "SELECT n FROM t WHERE s = ?", texts[3], -1), 3);
	ck_assert_int_eq(db_query_int(db, "SELECT n FROM t WHERE s = ?", "absent", -7), -7);
	ck_assert_int_eq(db_query_int(db, "SELECT NULL", NULL, -8), -8);
	db_close(&db);
}
END_TEST

START_TEST(test_prepare_error)
{
	struct db *db = open_new();
	struct db_stmt *st;
	char *msg;

	capture_start();
	st = db_prepare(db, "SELEKT nothing");
	msg = capture_end();
	ck_assert_ptr_null(st);
	ck_assert_ptr_nonnull(strstr(msg, "syntax error"));
	ck_assert_ptr_nonnull(strstr(db_errmsg(db), "syntax error"));
	free(msg);
	capture_start();
	ck_assert_int_eq(db_exec(db, "INSERT INTO no_such_table VALUES (1)"), -1);
	msg = capture_end();
	ck_assert_ptr_nonnull(strstr(msg, "no_such_table"));
	free(msg);
	/* a failed prepare in db_query_int gives the default */
	capture_start();
	ck_assert_int_eq(db_query_int(db, "SELECT x FROM no_such_table", NULL, 5), 5);
	free(capture_end());
	db_close(&db);
}
END_TEST

START_TEST(test_foreign_keys)
{
	struct db *db = open_current();
	int64_t fid;

	ck_assert_int_eq(count(db, "PRAGMA foreign_keys"), 1);
	/* a person whose family does not exist is refused */
	ck_assert_int_eq(add_person(db, "P-orphan", 999), DB_ERROR);
	ck_assert_ptr_nonnull(strstr(db_errmsg(db), "FOREIGN KEY"));
	ck_assert_int_eq(count(db, "SELECT count(*) FROM people"), 0);
	/* with the family, accepted */
	fid = add_family(db, "F1");
	ck_assert_int_eq(add_person(db, "P1", fid), DB_DONE);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM people"), 1);
	/* and the family cannot be deleted from under the person */
	capture_start();
	ck_assert_int_eq(db_exec(db, "DELETE FROM families"), -1);
	free(capture_end());
	ck_assert_int_eq(count(db, "SELECT count(*) FROM families"), 1);
	/* CHECK constraints hold too */
	{
		struct db_stmt *st = db_prepare(db, "UPDATE families SET lone_parent = ? WHERE id = ?");
		db_bind_int(st, 1, 2);
		db_bind_int(st, 2, fid);
		ck_assert_int_eq(db_step(st), DB_ERROR);
		db_reset(st);
		db_bind_int(st, 1, 1);
		db_bind_int(st, 2, fid);
		ck_assert_int_eq(db_step(st), DB_DONE);
		db_finalize(&st);
	}
	db_close(&db);
}
END_TEST

START_TEST(test_wal)
{
	struct db *db = open_new();
	struct db_stmt *st = db_prepare(db, "PRAGMA journal_mode");

	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "wal");
	db_finalize(&st);
	db_close(&db);
	/* it is a property of the file, so a reopen keeps it */
	ck_assert_int_eq(db_open(&db, dbpath, 0), 0);
	st = db_prepare(db, "PRAGMA journal_mode");
	ck_assert_int_eq(db_step(st), DB_ROW);
	ck_assert_str_eq(db_col_text(st, 0), "wal");
	db_finalize(&st);
	db_close(&db);
}
END_TEST

START_TEST(test_two_connections)
{
	/* a reader on a second connection sees committed data, not uncommitted */
	struct db *w = open_current();
	struct db *r = NULL;

	ck_assert_int_eq(db_open(&r, dbpath, 0), 0);
	ck_assert_int_eq(db_begin(w), 0);
	add_family(w, "F1");
	ck_assert_int_eq(count(r, "SELECT count(*) FROM families"), 0);
	ck_assert_int_eq(db_commit(w), 0);
	ck_assert_int_eq(count(r, "SELECT count(*) FROM families"), 1);
	db_close(&r);
	db_close(&w);
}
END_TEST

START_TEST(test_settings)
{
	struct db *db = open_current();
	int64_t v = 0;
	char *msg;

	ck_assert_int_eq(db_setting_get_int(db, "absent", 12, &v), 0);
	ck_assert_int_eq(v, 12);
	ck_assert_int_eq(db_setting_set(db, "threshold", "42"), 0);
	ck_assert_int_eq(db_setting_get_int(db, "threshold", 0, &v), 0);
	ck_assert_int_eq(v, 42);
	/* set again overwrites */
	ck_assert_int_eq(db_setting_set(db, "threshold", "-9223372036854775808"), 0);
	ck_assert_int_eq(db_setting_get_int(db, "threshold", 0, &v), 0);
	ck_assert(v == INT64_MIN);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM settings"), 1);
	/* a value that is not a whole number is an error, and out is the default */
	ck_assert_int_eq(db_setting_set(db, "name", "Westminster"), 0);
	capture_start();
	ck_assert_int_eq(db_setting_get_int(db, "name", 3, &v), -1);
	msg = capture_end();
	ck_assert_int_eq(v, 3);
	ck_assert_ptr_nonnull(strstr(msg, "setting 'name' is not a whole number"));
	free(msg);
	ck_assert_int_eq(db_setting_set(db, "empty", ""), 0);
	capture_start();
	ck_assert_int_eq(db_setting_get_int(db, "empty", 4, &v), -1);
	free(capture_end());
	ck_assert_int_eq(v, 4);
	/* settings need the schema: on an empty database they fail cleanly */
	db_close(&db);
	teardown();
	setup();
	db = open_new();
	capture_start();
	ck_assert_int_eq(db_setting_set(db, "k", "1"), -1);
	ck_assert_int_eq(db_setting_get_int(db, "k", 5, &v), -1);
	free(capture_end());
	ck_assert_int_eq(v, 5);
	db_close(&db);
}
END_TEST

START_TEST(test_transactions)
{
	struct db *db = open_current();
	int64_t fid;

	/* rolled back: nothing is left */
	ck_assert_int_eq(db_begin(db), 0);
	fid = add_family(db, "F1");
	ck_assert_int_eq(add_person(db, "P1", fid), DB_DONE);
	ck_assert_int_eq(db_setting_set(db, "k", "1"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM people"), 1);
	ck_assert_int_eq(db_rollback(db), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM families"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM people"), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM settings"), 0);
	/* rollback outside a transaction is a no-op */
	ck_assert_int_eq(db_rollback(db), 0);
	/* committed: kept, and still there after a reopen */
	ck_assert_int_eq(db_begin(db), 0);
	add_family(db, "F2");
	ck_assert_int_eq(db_commit(db), 0);
	db_close(&db);
	ck_assert_int_eq(db_open(&db, dbpath, 0), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM families"), 1);
	ck_assert_int_eq(db_query_int(db, "SELECT count(*) FROM families WHERE ext_id = ?", "F2", -1), 1);
	/* a transaction left open at close is rolled back */
	ck_assert_int_eq(db_begin(db), 0);
	add_family(db, "F3");
	db_close(&db);
	ck_assert_int_eq(db_open(&db, dbpath, 0), 0);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM families"), 1);
	/* a begin inside a transaction is an error */
	ck_assert_int_eq(db_begin(db), 0);
	capture_start();
	ck_assert_int_eq(db_begin(db), -1);
	free(capture_end());
	ck_assert_int_eq(db_rollback(db), 0);
	db_close(&db);
}
END_TEST

/* a database made by an older reach, with data, is upgraded step by step and keeps its data */
START_TEST(test_upgrade_keeps_data)
{
	struct db *db = NULL;

	ck_assert_int_ge(migrations_count, 2);
	ck_assert_int_eq(db_open(&db, dbpath, 1), 0);
	ck_assert_int_eq(db_exec(db, migrations[0].sql), 0);
	ck_assert_int_eq(db_exec(db, "PRAGMA user_version = 1"), 0);
	ck_assert_int_eq(db_exec(db, "INSERT INTO families(ext_id, postcode) VALUES ('F1', 'W2 1AB');"
				 "INSERT INTO people(ext_id, family_id, role, first_name, last_name, "
				 "registered_on, name_key) VALUES ('P1', 1, 'child', 'A', 'B', '2024-01-01', 'b')"),
			 0);
	db_close(&db);

	ck_assert_int_eq(db_open(&db, dbpath, 0), 0);
	ck_assert_int_eq(db_schema_version(db), 1);
	ck_assert_int_eq(db_require_current(db), -1);
	ck_assert_int_eq(db_migrate(db), 0);
	ck_assert_int_eq(db_schema_version(db), db_schema_latest());
	ck_assert_int_eq(db_query_int(db, "SELECT count(*) FROM people WHERE ext_id = 'P1'", NULL, 0), 1);
	ck_assert_int_eq(db_query_int(db, "SELECT count(*) FROM indicators", NULL, -1), 0);
	db_close(&db);
}
END_TEST

static Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("sqlite");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_migrate);
	tcase_add_test(tc, test_migrate_again_is_noop);
	tcase_add_test(tc, test_survives_reopen);
	tcase_add_test(tc, test_open_missing_without_create);
	tcase_add_test(tc, test_open_not_a_database);
	tcase_add_test(tc, test_newer_schema_refused);
	tcase_add_test(tc, test_migrate_race);
	tcase_add_test(tc, test_require_current_empty);
	tcase_add_test(tc, test_bind_round_trip);
	tcase_add_test(tc, test_prepare_error);
	tcase_add_test(tc, test_foreign_keys);
	tcase_add_test(tc, test_wal);
	tcase_add_test(tc, test_two_connections);
	tcase_add_test(tc, test_settings);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_upgrade_keeps_data);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(db_suite)
