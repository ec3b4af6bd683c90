/* db_sqlite.c: the store interface on SQLite (the embedded default) */
#include "db.h"
#include "migrations.h"
#include "../util/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db {
	sqlite3 *conn; /* the connection */
	char *path;    /* file name, for messages */
};

/* the statement handle is SQLite's own; the struct is never defined */
#define ST(s) ((sqlite3_stmt *)(void *)(s))

int db_open(struct db **out, const char *path, int create)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	static const char *const pragmas =
		"PRAGMA journal_mode = WAL;"
		"PRAGMA synchronous = NORMAL;"
		"PRAGMA foreign_keys = ON;"
		"PRAGMA cache_size = -131072;"
		"PRAGMA mmap_size = 1073741824;"
		"PRAGMA temp_store = MEMORY;";

	db->path = xstrdup(path);
	if (sqlite3_open_v2(path, &db->conn, flags, NULL) != SQLITE_OK) {
		error("cannot open database '%s': %s", path,
		      db->conn ? sqlite3_errmsg(db->conn) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->conn, 10000);
	sqlite3_extended_result_codes(db->conn, 1);
	if (sqlite3_exec(db->conn, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
		error("cannot use database '%s': %s", path, sqlite3_errmsg(db->conn));
		goto fail;
	}
	*out = db;
	return 0;
fail:
	db_close(&db);
	return -1;
}

void db_close(struct db **dbp)
{
	struct db *db = *dbp;

	if (!db)
		return;
	if (db->conn) {
		/* keep the WAL small for the next opener */
		sqlite3_exec(db->conn, "PRAGMA optimize;", NULL, NULL, NULL);
		sqlite3_close_v2(db->conn);
	}
	free(db->path);
	free(db);
	*dbp = NULL;
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->conn);
}

const char *db_path(struct db *db)
{
	return db->path;
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("database '%s': %s", db->path, msg ? msg : sqlite3_errmsg(db->conn));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_begin(struct db *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

int db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->conn))
		return 0;
	return db_exec(db, "ROLLBACK");
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		error("database '%s': %s", db->path, sqlite3_errmsg(db->conn));
		return NULL;
	}
	return (struct db_stmt *)(void *)st;
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s)
		sqlite3_bind_text(ST(st), idx, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(ST(st), idx);
}

void db_bind_textn(struct db_stmt *st, int idx, const char *s, int len)
{
	sqlite3_bind_text(ST(st), idx, s, len, SQLITE_TRANSIENT);
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	sqlite3_bind_int64(ST(st), idx, v);
}

void db_bind_double(struct db_stmt *st, int idx, double v)
{
	sqlite3_bind_double(ST(st), idx, v);
}

void db_bind_null(struct db_stmt *st, int idx)
{
	sqlite3_bind_null(ST(st), idx);
}

enum db_result db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(ST(st));

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return DB_ERROR;
}

int db_col_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(ST(st), col) == SQLITE_NULL;
}

int64_t db_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(ST(st), col);
}

double db_col_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(ST(st), col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(ST(st), col);
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(ST(st));
	sqlite3_clear_bindings(ST(st));
}

void db_finalize(struct db_stmt **st)
{
	if (*st)
		sqlite3_finalize(ST(*st));
	*st = NULL;
}

int64_t db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->conn);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->conn);
}

int64_t db_query_int(struct db *db, const char *sql, const char *param, int64_t dflt)
{
	struct db_stmt *st = db_prepare(db, sql);
	int64_t v = dflt;

	if (!st)
		return dflt;
	if (param)
		db_bind_text(st, 1, param);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0))
		v = db_col_int(st, 0);
	db_finalize(&st);
	return v;
}

int db_schema_version(struct db *db)
{
	return (int)db_query_int(db, "PRAGMA user_version", NULL, 0);
}

int db_schema_latest(void)
{
	return migrations[migrations_count - 1].version;
}

int db_require_current(struct db *db)
{
	int v = db_schema_version(db);

	if (v == db_schema_latest())
		return 0;
	if (v == 0)
		return error("database '%s' is empty: run 'reach init' first", db->path);
	if (v < db_schema_latest())
		return error("database '%s' is at schema %d, this reach needs %d: run 'reach init' to upgrade",
			     db->path, v, db_schema_latest());
	return error("database '%s' is at schema %d, newer than this reach (%d)", db->path, v,
		     db_schema_latest());
}

int db_migrate(struct db *db)
{
	int v = db_schema_version(db);

	if (v > db_schema_latest())
		return error("database '%s' is at schema %d, newer than this reach (%d): refusing to touch it",
			     db->path, v, db_schema_latest());
	for (int i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		char pragma[64];

		if (m->version <= v)
			continue;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", m->version);
		if (db_begin(db))
			return -1;
		/* another process may have taken this step while we waited for the lock */
		if (db_schema_version(db) >= m->version) {
			db_rollback(db);
			continue;
		}
		if (db_exec(db, m->sql) || db_exec(db, pragma)) {
			db_rollback(db);
			return error("schema step %d ('%s') failed; the database is unchanged", m->version,
				     m->description);
		}
		if (db_commit(db)) {
			db_rollback(db);
			return -1;
		}
	}
	return 0;
}

int db_setting_get_int(struct db *db, const char *key, int64_t dflt, int64_t *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT value FROM settings WHERE key = ?");
	int ret = -1;

	*out = dflt;
	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	switch (db_step(st)) {
	case DB_ROW:
		if (parse_i64(db_col_text(st, 0), INT64_MIN, INT64_MAX, out)) {
			error("setting '%s' is not a whole number", key);
			goto out;
		}
		break;
	case DB_DONE:
		break;
	case DB_ERROR:
		error("database '%s': %s", db->path, db_errmsg(db));
		goto out;
	}
	ret = 0;
out:
	db_finalize(&st);
	return ret;
}

int db_setting_set(struct db *db, const char *key, const char *value)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO settings(key, value) VALUES (?, ?) "
		"ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	int ret = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	if (db_step(st) != DB_DONE) {
		error("database '%s': %s", db->path, db_errmsg(db));
		goto out;
	}
	ret = 0;
out:
	db_finalize(&st);
	return ret;
}

int db_bump_generation(struct db *db)
{
	return db_exec(db, "INSERT INTO settings(key, value) VALUES ('data_generation', 1) "
			   "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1");
}

int64_t db_generation(struct db *db)
{
	return db_query_int(db, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'data_generation'",
			    NULL, 0);
}
