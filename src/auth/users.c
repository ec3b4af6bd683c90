/* users.c: accounts: add, load, list, disable, enable, new passwords */
#include "auth.h"
#include "../util/buf.h"
#include "../util/text.h"
#include "../util/util.h"

#define DISPLAY_NAME_MAX 200 /* bytes */

static int db_fail(struct db *db)
{
	error("database '%s': %s", db_path(db), db_errmsg(db));
	return ST_FAIL;
}

void user_init(struct user *u)
{
	struct user blank = USER_INIT;

	*u = blank;
}

void user_release(struct user *u)
{
	free(u->username);
	free(u->display_name);
	free(u->centres);
	for (size_t i = 0; i < u->ncentres; i++)
		free(u->centre_codes[i]);
	free(u->centre_codes);
	free(u->last_login_at);
	user_init(u);
}

int auth_centre_id(struct db *db, const char *code, int64_t *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM centres WHERE code = ?");
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	db_bind_text(st, 1, code);
	switch (db_step(st)) {
	case DB_ROW:
		*out = db_col_int(st, 0);
		ret = ST_OK;
		break;
	case DB_DONE:
		error("no centre with code '%s'", code);
		ret = ST_BAD_INPUT;
		break;
	case DB_ERROR:
		ret = db_fail(db);
		break;
	}
	db_finalize(&st);
	return ret;
}

/* the centres of out->id into out */
static int load_centres(struct db *db, struct user *out)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT c.id, c.code FROM user_centres uc JOIN centres c ON c.id = uc.centre_id "
		"WHERE uc.user_id = ? ORDER BY c.code");
	size_t alloc = 0, calloc_n = 0;
	enum db_result r;
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	db_bind_int(st, 1, out->id);
	while ((r = db_step(st)) == DB_ROW) {
		XGROW(out->centres, alloc, out->ncentres + 1);
		XGROW(out->centre_codes, calloc_n, out->ncentres + 1);
		out->centres[out->ncentres] = db_col_int(st, 0);
		out->centre_codes[out->ncentres] = xstrdup(db_col_text(st, 1));
		out->ncentres++;
	}
	if (r == DB_ERROR) {
		db_fail(db);
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	return ret;
}

#define USER_COLS "SELECT id, username, display_name, role, disabled, last_login_at FROM users "

/* fill out from a row of USER_COLS */
static void user_from_row(struct db_stmt *st, struct user *out)
{
	const char *last = db_col_text(st, 5);
	enum role role = ROLE_VIEWER;

	out->id = db_col_int(st, 0);
	out->username = xstrdup(db_col_text(st, 1));
	out->display_name = xstrdup(db_col_text(st, 2));
	/* the schema allows only known roles; anything else gets the least */
	if (auth_role_parse(db_col_text(st, 3), &role))
		role = ROLE_VIEWER;
	out->role = role;
	out->disabled = db_col_int(st, 4) != 0;
	out->last_login_at = last ? xstrdup(last) : NULL;
}

/* load by id (name NULL) or by lower-case name */
static int user_load(struct db *db, int64_t id, const char *name, struct user *out)
{
	struct db_stmt *st;
	int ret = ST_FAIL;

	user_init(out);
	st = db_prepare(db, name ? USER_COLS "WHERE username = ?" : USER_COLS "WHERE id = ?");
	if (!st)
		return ST_FAIL;
	if (name)
		db_bind_text(st, 1, name);
	else
		db_bind_int(st, 1, id);
	switch (db_step(st)) {
	case DB_ROW:
		user_from_row(st, out);
		break;
	case DB_DONE:
		ret = ST_BAD_INPUT;
		goto out;
	case DB_ERROR:
		db_fail(db);
		goto out;
	}
	db_finalize(&st);
	ret = load_centres(db, out);
out:
	db_finalize(&st);
	if (ret != ST_OK)
		user_release(out);
	return ret;
}

int auth_user_load(struct db *db, int64_t id, struct user *out)
{
	return user_load(db, id, NULL, out);
}

int auth_user_find(struct db *db, const char *username, struct user *out)
{
	char *name;
	int ret;

	if (!auth_username_valid(username)) {
		user_init(out);
		return ST_BAD_INPUT;
	}
	name = xstrdup(username);
	str_lower(name);
	ret = user_load(db, 0, name, out);
	free(name);
	return ret;
}

void auth_user_list_free(struct user **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++)
		user_release(&(*list)[i]);
	free(*list);
	*list = NULL;
}

int auth_user_list(struct db *db, struct user **out, size_t *n)
{
	struct db_stmt *st = db_prepare(db, USER_COLS "ORDER BY username");
	struct user *list = NULL;
	size_t alloc = 0, count = 0;
	enum db_result r;
	int ret = ST_FAIL;

	*out = NULL;
	*n = 0;
	if (!st)
		return ST_FAIL;
	while ((r = db_step(st)) == DB_ROW) {
		XGROW(list, alloc, count + 1);
		user_init(&list[count]);
		user_from_row(st, &list[count]);
		count++;
	}
	if (r == DB_ERROR) {
		db_fail(db);
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		if (load_centres(db, &list[i]) != ST_OK)
			goto out;
	ret = ST_OK;
out:
	db_finalize(&st);
	if (ret != ST_OK)
		auth_user_list_free(&list, count);
	else {
		*out = list;
		*n = count;
	}
	return ret;
}

/* "CC01 CC02" for centre ids, checking each exists; ST_BAD_INPUT if one does not */
static int centre_codes(struct db *db, const int64_t *ids, size_t n, struct buf *codes)
{
	struct db_stmt *st = db_prepare(db, "SELECT code FROM centres WHERE id = ?");
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	for (size_t i = 0; i < n; i++) {
		db_reset(st);
		db_bind_int(st, 1, ids[i]);
		switch (db_step(st)) {
		case DB_ROW:
			if (codes->len)
				buf_addch(codes, ' ');
			buf_adds(codes, db_col_text(st, 0));
			break;
		case DB_DONE:
			error("no centre with id %lld", (long long)ids[i]);
			ret = ST_BAD_INPUT;
			goto out;
		case DB_ERROR:
			db_fail(db);
			goto out;
		}
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	return ret;
}

static int display_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > DISPLAY_NAME_MAX || !utf8_valid(s, n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

static int add_user_centre(struct db *db, int64_t user_id, int64_t centre_id)
{
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO user_centres(user_id, centre_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, centre_id);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	return ret;
}

int auth_user_add(struct db *db, const struct user *actor, const char *username,
		  const char *display_name, enum role role, const int64_t *centre_ids,
		  size_t ncentres, const char *password, int64_t *id_out)
{
	struct buf codes = BUF_INIT, detail = BUF_INIT;
	struct db_stmt *st = NULL;
	char *name = NULL, *hash = NULL;
	const char *problem;
	char now[21];
	int64_t id = 0;
	int ret = ST_BAD_INPUT, in_tx = 0;

	if (!auth_username_valid(username)) {
		error("'%s' is not a username (1-64 letters, digits, '.', '_', '-' or '@', "
		      "starting with a letter or digit)", username ? username : "");
		goto out;
	}
	name = xstrdup(username);
	str_lower(name);
	if (!display_name || !*display_name)
		display_name = name;
	if (!display_name_ok(display_name)) {
		error("the display name must be 1-200 characters of printable UTF-8");
		goto out;
	}
	if ((int)role < 0 || role >= ROLE_COUNT) {
		error("not a role (one of %s)", auth_role_names());
		goto out;
	}
	if ((problem = auth_password_problem(password))) {
		error("the password %s", problem);
		goto out;
	}
	if (auth_role_is_scoped(role) && !ncentres) {
		error("a %s needs at least one centre", auth_role_name(role));
		goto out;
	}
	if ((ret = centre_codes(db, centre_ids, ncentres, &codes)) != ST_OK)
		goto out;
	ret = ST_FAIL;
	/* hashing is slow: before the transaction, so it holds no lock meanwhile */
	if (!(hash = auth_password_hash(password)))
		goto out;
	if (db_begin(db))
		goto out;
	in_tx = 1;
	st = db_prepare(db, "SELECT 1 FROM users WHERE username = ?");
	if (!st)
		goto out;
	db_bind_text(st, 1, name);
	switch (db_step(st)) {
	case DB_ROW:
		error("there is already a user '%s'", name);
		ret = ST_BAD_INPUT;
		goto out;
	case DB_DONE:
		break;
	case DB_ERROR:
		db_fail(db);
		goto out;
	}
	db_finalize(&st);
	auth_format_time(auth_now(), now);
	st = db_prepare(db,
		"INSERT INTO users(username, display_name, password_hash, role, disabled, "
		"created_at, password_changed_at) VALUES (?, ?, ?, ?, 0, ?, ?)");
	if (!st)
		goto out;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, display_name);
	db_bind_text(st, 3, hash);
	db_bind_text(st, 4, auth_role_name(role));
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, now);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	id = db_last_id(db);
	for (size_t i = 0; i < ncentres; i++)
		if (add_user_centre(db, id, centre_ids[i]) != ST_OK)
			goto out;
	buf_addf(&detail, "user '%s', role %s", name, auth_role_name(role));
	if (codes.len)
		buf_addf(&detail, ", centres %s", codes.data);
	if (auth_audit(db, actor, "user_add", 0, 0, detail.data) != ST_OK)
		goto out;
	if (db_commit(db))
		goto out;
	in_tx = 0;
	if (id_out)
		*id_out = id;
	ret = ST_OK;
out:
	db_finalize(&st);
	if (in_tx)
		db_rollback(db);
	if (hash) {
		memset(hash, 0, strlen(hash));
		free(hash);
	}
	free(name);
	buf_release(&codes);
	buf_release(&detail);
	return ret;
}

/*
 * Change one account in a transaction: run `sql`, which binds t1 and t2
 * (if not NULL) and then the id, end its sessions if `end_sessions`, and
 * audit `action`.
 */
static int user_change(struct db *db, const struct user *actor, int64_t user_id,
		       const char *sql, const char *t1, const char *t2, int end_sessions,
		       const char *action)
{
	struct user u = USER_INIT;
	struct buf detail = BUF_INIT;
	struct db_stmt *st = NULL;
	int ret, in_tx = 0;

	if ((ret = auth_user_load(db, user_id, &u)) != ST_OK) {
		if (ret == ST_BAD_INPUT)
			error("no user with id %lld", (long long)user_id);
		goto out;
	}
	ret = ST_FAIL;
	if (db_begin(db))
		goto out;
	in_tx = 1;
	if (!(st = db_prepare(db, sql)))
		goto out;
	if (t1)
		db_bind_text(st, 1, t1);
	if (t2)
		db_bind_text(st, 2, t2);
	db_bind_int(st, 1 + !!t1 + !!t2, user_id);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	if (end_sessions && auth_sessions_end_user(db, user_id) != ST_OK)
		goto out;
	buf_addf(&detail, "user '%s'", u.username);
	if (auth_audit(db, actor, action, 0, 0, detail.data) != ST_OK)
		goto out;
	if (db_commit(db))
		goto out;
	in_tx = 0;
	ret = ST_OK;
out:
	db_finalize(&st);
	if (in_tx)
		db_rollback(db);
	user_release(&u);
	buf_release(&detail);
	return ret;
}

int auth_user_disable(struct db *db, const struct user *actor, int64_t user_id)
{
	return user_change(db, actor, user_id, "UPDATE users SET disabled = 1 WHERE id = ?", NULL,
			   NULL, 1, "user_disable");
}

int auth_user_enable(struct db *db, const struct user *actor, int64_t user_id)
{
	return user_change(db, actor, user_id, "UPDATE users SET disabled = 0 WHERE id = ?", NULL,
			   NULL, 0, "user_enable");
}

int auth_user_set_password(struct db *db, const struct user *actor, int64_t user_id,
			   const char *password)
{
	const char *problem = auth_password_problem(password);
	char *hash = NULL;
	char now[21];
	int ret = ST_BAD_INPUT;

	if (problem) {
		error("the password %s", problem);
		goto out;
	}
	ret = ST_FAIL;
	if (!(hash = auth_password_hash(password)))
		goto out;
	auth_format_time(auth_now(), now);
	ret = user_change(db, actor, user_id,
			  "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
			  hash, now, 1, "user_password");
out:
	if (hash) {
		memset(hash, 0, strlen(hash));
		free(hash);
	}
	return ret;
}
