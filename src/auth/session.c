/* session.c: logins, throttling, sessions and CSRF tokens */
#include "auth.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/util.h"

#include <pthread.h>
#include <sodium.h>

#define TOKEN_BYTES 32
#define IDLE_DEFAULT 30      /* minutes */
#define IDLE_MAX (24 * 60)   /* minutes */
#define TOUCH_SECONDS 60     /* last_seen_at is written at most this often */
#define FAILURES_KEPT (24 * 3600) /* seconds a failed login is kept for throttling */
#define INVALID_NAME "(invalid)"  /* recorded in place of a name that is not a username */

static int db_fail(struct db *db)
{
	error("database '%s': %s", db_path(db), db_errmsg(db));
	return ST_FAIL;
}

/*
 * An unknown username is checked against this hash of a random password,
 * made once with the same limits as real ones, so that a login takes as
 * long whether or not the account exists.
 */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void make_dummy(void)
{
	unsigned char raw[16];
	char pw[2 * sizeof(raw) + 1];
	char *h;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(pw, sizeof(pw), raw, sizeof(raw));
	if ((h = auth_password_hash(pw))) {
		memcpy(dummy_hash, h, strlen(h) + 1);
		free(h);
	}
	sodium_memzero(pw, sizeof(pw));
}

/* the hex hash of a cookie token (64 hex digits) into out; -1 if malformed */
static int token_hash(const char *token_hex, char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char raw[TOKEN_BYTES], h[32];
	size_t len = 0;

	if (!token_hex || strlen(token_hex) != AUTH_TOKEN_HEX)
		return -1;
	if (sodium_hex2bin(raw, sizeof(raw), token_hex, AUTH_TOKEN_HEX, NULL, &len, NULL) ||
	    len != sizeof(raw))
		return -1;
	crypto_generichash(h, sizeof(h), raw, sizeof(raw), NULL, 0);
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, h, sizeof(h));
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

/* 32 random bytes as hex */
static void random_hex(char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char raw[TOKEN_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

int auth_csrf_ok(const char *expected, const char *given)
{
	size_t n;

	if (!expected || !given || !*expected || !*given)
		return 0;
	n = strlen(expected);
	if (strlen(given) != n)
		return 0;
	return sodium_memcmp(expected, given, n) == 0;
}

int auth_idle_minutes(struct db *db)
{
	const char *env = getenv("REACH_IDLE_MINUTES");
	int64_t v;
	int n;

	if (env && *env && !parse_int(env, 1, IDLE_MAX, &n))
		return n;
	if (db_setting_get_int(db, "session_idle_minutes", IDLE_DEFAULT, &v) || v < 1 ||
	    v > IDLE_MAX)
		return IDLE_DEFAULT;
	return (int)v;
}

/* run sql binding one integer; ST_OK or ST_FAIL */
static int exec_int(struct db *db, const char *sql, int64_t v)
{
	struct db_stmt *st = db_prepare(db, sql);
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	db_bind_int(st, 1, v);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	return ret;
}

int auth_sessions_end_user(struct db *db, int64_t user_id)
{
	return exec_int(db, "DELETE FROM login_sessions WHERE user_id = ?", user_id);
}

int auth_sessions_purge(struct db *db)
{
	int64_t now = auth_now();
	struct db_stmt *st = db_prepare(db,
		"DELETE FROM login_sessions WHERE expires_at <= ? OR last_seen_at < ?");
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, now - (int64_t)auth_idle_minutes(db) * 60);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	ret = exec_int(db, "DELETE FROM login_failures WHERE at < ?", now - FAILURES_KEPT);
out:
	db_finalize(&st);
	return ret;
}

/*
 * 1 if `key` (a username or an address) is locked out: `limit` failures
 * within the window ending at its latest failure, which was less than a
 * window ago. Failures are not recorded while locked, so the lock lasts one
 * window from the failure that set it. 0 if not, -1 on error (printed).
 */
static int locked(struct db *db, const char *sql_latest, const char *sql_count, const char *key,
		  int64_t now, int limit)
{
	const int64_t window = AUTH_THROTTLE_MINUTES * 60;
	struct db_stmt *st = db_prepare(db, sql_latest);
	int64_t latest;
	int ret = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now - window);
	if (db_step(st) != DB_ROW) {
		db_fail(db);
		goto out;
	}
	if (db_col_null(st, 0)) {
		ret = 0;
		goto out;
	}
	latest = db_col_int(st, 0);
	db_finalize(&st);
	if (!(st = db_prepare(db, sql_count)))
		goto out;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, latest - window);
	db_bind_int(st, 3, latest);
	if (db_step(st) != DB_ROW) {
		db_fail(db);
		goto out;
	}
	ret = db_col_int(st, 0) >= limit;
out:
	db_finalize(&st);
	return ret;
}

static int throttled(struct db *db, const char *name, const char *ip, int64_t now)
{
	int r = locked(db,
		"SELECT max(at) FROM login_failures WHERE username = ? AND at > ?",
		"SELECT count(*) FROM login_failures WHERE username = ? AND at > ? AND at <= ?",
		name, now, AUTH_THROTTLE_USER);

	if (r || !ip)
		return r;
	return locked(db,
		"SELECT max(at) FROM login_failures WHERE ip = ? AND at > ?",
		"SELECT count(*) FROM login_failures WHERE ip = ? AND at > ? AND at <= ?",
		ip, now, AUTH_THROTTLE_IP);
}

static int record_failure(struct db *db, const char *name, const char *ip, int64_t now)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO login_failures(username, ip, at) VALUES (?, ?, ?)");
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, ip);
	db_bind_int(st, 3, now);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	return ret;
}

/* the account's id, hash and disabled flag; 1 found, 0 not, -1 error */
static int find_account(struct db *db, const char *name, int64_t *id, char **hash, int *disabled)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT id, password_hash, disabled FROM users WHERE username = ?");
	int ret = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, name);
	switch (db_step(st)) {
	case DB_ROW:
		*id = db_col_int(st, 0);
		*hash = xstrdup(db_col_text(st, 1));
		*disabled = db_col_int(st, 2) != 0;
		ret = 1;
		break;
	case DB_DONE:
		ret = 0;
		break;
	case DB_ERROR:
		db_fail(db);
		break;
	}
	db_finalize(&st);
	return ret;
}

/* the session row, last login, cleared failures, a rehash and the audit, in one transaction */
static int start_session(struct db *db, int64_t user_id, const char *name, const char *password,
			 const char *old_hash, const char *ip, int64_t now, struct session_out *out)
{
	char hash[AUTH_TOKEN_HEX + 1], when[21];
	struct buf detail = BUF_INIT;
	struct db_stmt *st = NULL;
	char *rehash = NULL;
	int ret = ST_FAIL, in_tx = 0;

	if (auth_password_needs_rehash(old_hash) && !(rehash = auth_password_hash(password)))
		goto out;
	random_hex(out->token);
	random_hex(out->csrf);
	if (token_hash(out->token, hash))
		BUG("a new token is malformed");
	out->user_id = user_id;
	out->expires_at = now + AUTH_SESSION_MAX_HOURS * 3600;
	if (db_begin(db))
		goto out;
	in_tx = 1;
	if (!(st = db_prepare(db,
		"INSERT INTO login_sessions(token_hash, user_id, csrf_token, created_at, "
		"last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")))
		goto out;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, out->csrf);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, out->expires_at);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	db_finalize(&st);
	auth_format_time(now, when);
	if (!(st = db_prepare(db, "UPDATE users SET last_login_at = ? WHERE id = ?")))
		goto out;
	db_bind_text(st, 1, when);
	db_bind_int(st, 2, user_id);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	db_finalize(&st);
	if (rehash) {
		if (!(st = db_prepare(db, "UPDATE users SET password_hash = ? WHERE id = ?")))
			goto out;
		db_bind_text(st, 1, rehash);
		db_bind_int(st, 2, user_id);
		if (db_step(st) != DB_DONE) {
			db_fail(db);
			goto out;
		}
		db_finalize(&st);
	}
	if (!(st = db_prepare(db, "DELETE FROM login_failures WHERE username = ?")))
		goto out;
	db_bind_text(st, 1, name);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	db_finalize(&st);
	if (ip)
		buf_addf(&detail, "from %s", ip);
	if (auth_audit_as(db, user_id, name, "login", 0, 0, ip ? detail.data : NULL) != ST_OK)
		goto out;
	if (db_commit(db))
		goto out;
	in_tx = 0;
	ret = ST_OK;
out:
	db_finalize(&st);
	if (in_tx)
		db_rollback(db);
	if (rehash) {
		sodium_memzero(rehash, strlen(rehash));
		free(rehash);
	}
	buf_release(&detail);
	if (ret != ST_OK)
		sodium_memzero(out, sizeof(*out));
	return ret;
}

/* an address fit to record: printable ASCII, at most 64 bytes, else NULL */
static const char *clean_ip(const char *ip)
{
	size_t n;

	if (!ip || !*ip)
		return NULL;
	n = strlen(ip);
	if (n > 64)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (ip[i] <= ' ' || ip[i] > '~')
			return NULL;
	return ip;
}

enum auth_result auth_login(struct db *db, const char *username, const char *password,
			    const char *client_ip, struct session_out *out)
{
	enum auth_result res = AUTH_ERROR;
	struct buf detail = BUF_INIT;
	const char *ip = clean_ip(client_ip), *name;
	char *lower = NULL, *hash = NULL;
	int64_t now = auth_now(), id = 0;
	int found = 0, disabled = 0, ok, r;

	memset(out, 0, sizeof(*out));
	if (auth_init())
		goto out;
	pthread_once(&dummy_once, make_dummy);
	if (!dummy_hash[0]) {
		error("cannot hash a password (out of memory?)");
		goto out;
	}
	if (auth_username_valid(username)) {
		lower = xstrdup(username);
		str_lower(lower);
		name = lower;
	} else {
		name = INVALID_NAME;
	}
	if (ip)
		buf_addf(&detail, "from %s", ip);
	if ((r = throttled(db, name, ip, now)) < 0)
		goto out;
	if (r) {
		if (auth_audit_as(db, 0, name, "login_throttled", 0, 0,
				  ip ? detail.data : NULL) != ST_OK)
			goto out;
		res = AUTH_THROTTLED;
		goto out;
	}
	if (lower && (found = find_account(db, lower, &id, &hash, &disabled)) < 0)
		goto out;
	/* always one verification, against the dummy when there is no account */
	ok = auth_password_verify(found ? hash : dummy_hash,
				  password && strlen(password) <= AUTH_PASSWORD_MAX ? password : "");
	ok = ok && found && password && strlen(password) <= AUTH_PASSWORD_MAX;
	if (!ok) {
		if (record_failure(db, name, ip, now) != ST_OK ||
		    auth_audit_as(db, id, name, "login_failed", 0, 0, ip ? detail.data : NULL) != ST_OK)
			goto out;
		res = AUTH_BAD;
		goto out;
	}
	if (disabled) {
		buf_adds(&detail, ip ? "; account disabled" : "account disabled");
		if (auth_audit_as(db, id, name, "login_failed", 0, 0, detail.data) != ST_OK)
			goto out;
		res = AUTH_DISABLED;
		goto out;
	}
	if (start_session(db, id, name, password, hash, ip, now, out) != ST_OK)
		goto out;
	/* opportunistic: sweep sessions and failures that have run out */
	auth_sessions_purge(db);
	res = AUTH_OK;
out:
	free(lower);
	free(hash);
	buf_release(&detail);
	return res;
}

int auth_session_check(struct db *db, const char *token_hex, struct user *out,
		       char csrf_out[AUTH_TOKEN_HEX + 1])
{
	char hash[AUTH_TOKEN_HEX + 1];
	struct db_stmt *st = NULL;
	int64_t now = auth_now(), user_id, last_seen, expires;
	int ret = ST_BAD_INPUT, gone = 0;

	user_init(out);
	csrf_out[0] = '\0';
	if (token_hash(token_hex, hash))
		goto out;
	if (!(st = db_prepare(db,
		"SELECT user_id, csrf_token, last_seen_at, expires_at FROM login_sessions "
		"WHERE token_hash = ?"))) {
		ret = ST_FAIL;
		goto out;
	}
	db_bind_text(st, 1, hash);
	switch (db_step(st)) {
	case DB_ROW:
		break;
	case DB_DONE:
		goto out;
	case DB_ERROR:
		ret = db_fail(db);
		goto out;
	}
	user_id = db_col_int(st, 0);
	last_seen = db_col_int(st, 2);
	expires = db_col_int(st, 3);
	if (strlen(db_col_text(st, 1)) != AUTH_TOKEN_HEX) {
		gone = 1;
		goto out;
	}
	memcpy(csrf_out, db_col_text(st, 1), AUTH_TOKEN_HEX + 1);
	db_finalize(&st);
	if (now >= expires || now - last_seen > (int64_t)auth_idle_minutes(db) * 60) {
		gone = 1;
		goto out;
	}
	if (now - last_seen >= TOUCH_SECONDS) {
		if (!(st = db_prepare(db, "UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?"))) {
			ret = ST_FAIL;
			goto out;
		}
		db_bind_int(st, 1, now);
		db_bind_text(st, 2, hash);
		if (db_step(st) != DB_DONE) {
			ret = db_fail(db);
			goto out;
		}
		db_finalize(&st);
	}
	if ((ret = auth_user_load(db, user_id, out)) != ST_OK)
		goto out;
	if (out->disabled) {
		ret = ST_BAD_INPUT;
		gone = 1;
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	if (ret != ST_OK) {
		user_release(out);
		sodium_memzero(csrf_out, AUTH_TOKEN_HEX + 1);
	}
	if (gone) {
		if (!(st = db_prepare(db, "DELETE FROM login_sessions WHERE token_hash = ?")))
			return ret;
		db_bind_text(st, 1, hash);
		if (db_step(st) != DB_DONE)
			db_fail(db);
		db_finalize(&st);
		auth_sessions_purge(db);
	}
	return ret;
}

int auth_logout(struct db *db, const char *token_hex)
{
	char hash[AUTH_TOKEN_HEX + 1];
	struct user u = USER_INIT;
	struct db_stmt *st = NULL;
	int64_t user_id = 0;
	int ret = ST_OK;

	if (token_hash(token_hex, hash))
		goto out;
	ret = ST_FAIL;
	if (!(st = db_prepare(db, "SELECT user_id FROM login_sessions WHERE token_hash = ?")))
		goto out;
	db_bind_text(st, 1, hash);
	switch (db_step(st)) {
	case DB_ROW:
		user_id = db_col_int(st, 0);
		break;
	case DB_DONE:
		ret = ST_OK;
		goto out;
	case DB_ERROR:
		db_fail(db);
		goto out;
	}
	db_finalize(&st);
	if (!(st = db_prepare(db, "DELETE FROM login_sessions WHERE token_hash = ?")))
		goto out;
	db_bind_text(st, 1, hash);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	if (auth_user_load(db, user_id, &u) == ST_OK)
		ret = auth_audit(db, &u, "logout", 0, 0, NULL);
	else
		ret = auth_audit_as(db, user_id, "(unknown)", "logout", 0, 0, NULL);
out:
	db_finalize(&st);
	user_release(&u);
	return ret;
}
