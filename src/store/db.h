/* db.h: the store interface; the only way code reaches the database
 *
 * Callers hold constant SQL text with `?` placeholders and bind every
 * value; no function here takes SQL built from input. The SQL used is the
 * subset SQLite and PostgreSQL share (ON CONFLICT upserts, no backticks),
 * so a libpq backend can implement this header (translating `?` to `$n`)
 * without touching callers. db_sqlite.c is the embedded default.
 */
#ifndef REACH_DB_H
#define REACH_DB_H

#include <stdint.h>

struct db;      /* an open connection */
struct db_stmt; /* a prepared statement */

enum db_result {
	DB_ERROR = -1, /* message in db_errmsg() */
	DB_DONE = 0,   /* statement finished */
	DB_ROW = 1,    /* a row is ready */
};

/*
 * Open (creating if `create`) the database at `path`. Sets WAL, foreign
 * keys and a busy timeout. Returns 0, or -1 with the reason printed.
 * The schema is not touched: call db_migrate().
 */
int db_open(struct db **out, const char *path, int create);
void db_close(struct db **db);
const char *db_errmsg(struct db *db);
const char *db_path(struct db *db);

/* bring the schema to the newest version in one transaction per step;
 * refuses a database newer than this program. 0 or -1 (printed) */
int db_migrate(struct db *db);
/* the schema version of an open database, 0 for an empty one */
int db_schema_version(struct db *db);
/* the newest schema version this program knows */
int db_schema_latest(void);
/* -1 (printed) unless the database is at the newest version */
int db_require_current(struct db *db);

/* run constant SQL with no values (DDL, transactions); 0 or -1 */
int db_exec(struct db *db, const char *sql);
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);

/* prepare constant SQL; NULL on failure (message in db_errmsg) */
struct db_stmt *db_prepare(struct db *db, const char *sql);
/* placeholders count from 1; a NULL string binds SQL NULL */
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_textn(struct db_stmt *st, int idx, const char *s, int len);
void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_double(struct db_stmt *st, int idx, double v);
void db_bind_null(struct db_stmt *st, int idx);
enum db_result db_step(struct db_stmt *st);
/* columns count from 0; text is NULL for SQL NULL and valid until the next step */
int db_col_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
/* ready the statement for new bindings */
void db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt **st);
/* the rowid of the last insert */
int64_t db_last_id(struct db *db);
/* rows changed by the last statement */
int db_changes(struct db *db);

/* one integer from constant SQL with up to one text parameter (NULL: none);
 * returns `dflt` when there is no row */
int64_t db_query_int(struct db *db, const char *sql, const char *param, int64_t dflt);

/*
 * The data generation: a number bumped by every change to what reports
 * count (an import, a form saved on the web), so caches of computed
 * results know when to recompute. Sign-ins and the audit trail do not
 * bump it. db_generation() returns 0 before the first change.
 */
int db_bump_generation(struct db *db);
int64_t db_generation(struct db *db);

/* settings (key/value) kept in the database */
int db_setting_get_int(struct db *db, const char *key, int64_t dflt, int64_t *out);
int db_setting_set(struct db *db, const char *key, const char *value);

#endif
