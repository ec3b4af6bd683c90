/* auth.c: tests of accounts, roles, scope, logins, sessions, CSRF and the audit trail (src/auth/) */
#include "test.h"
#include "../../src/auth/auth.h"
#include "../../src/store/db.h"
#include "../../src/store/migrations.h"
#include "../../src/util/buf.h"
#include "../../src/util/date.h"

#include <stdio.h>
#include <string.h>

#define PW "correct horse battery"
#define T0 INT64_C(1750000000) /* 2025-06-15T15:06:40Z */

static struct db *db;
static int64_t fake_now;
static int64_t centre_a, centre_b, fam_a, fam_b, fam_c, person_c;

static int64_t fake_clock(void)
{
	return fake_now;
}

static int64_t q_int(const char *sql, const char *param)
{
	return db_query_int(db, sql, param, -1);
}

static void exec(const char *sql)
{
	ck_assert_int_eq(db_exec(db, sql), 0);
}

/* one text value (caller frees), NULL for none */
static char *q_text(const char *sql, int64_t param)
{
	struct db_stmt *st = db_prepare(db, sql);
	char *v = NULL;

	ck_assert_ptr_nonnull(st);
	db_bind_int(st, 1, param);
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		v = strdup(db_col_text(st, 0));
	db_finalize(&st);
	return v;
}

/*
 * Centres A (CA) and B (CB). Family FA registered at A, FB at B, FC at B
 * with a child (PC1) who attended a session at A.
 */
static void setup(void)
{
	setenv("REACH_PWHASH", "fast", 1);
	unsetenv("REACH_IDLE_MINUTES");
	ck_assert_int_eq(auth_init(), 0);
	fake_now = T0;
	auth_set_clock(fake_clock);
	ck_assert_int_eq(db_open(&db, ":memory:", 1), 0);
	ck_assert_int_eq(db_migrate(db), 0);
	exec("INSERT INTO centres(code, name) VALUES ('CA', 'Centre A'), ('CB', 'Centre B');"
	     "INSERT INTO families(ext_id, centre_id) VALUES "
	     "  ('FA', (SELECT id FROM centres WHERE code = 'CA')),"
	     "  ('FB', (SELECT id FROM centres WHERE code = 'CB')),"
	     "  ('FC', (SELECT id FROM centres WHERE code = 'CB'));"
	     "INSERT INTO people(ext_id, family_id, role, first_name, last_name, registered_on, name_key)"
	     "  VALUES ('PC1', (SELECT id FROM families WHERE ext_id = 'FC'), 'child', 'Ali', 'Khan',"
	     "  '2025-01-01', 'KN');"
	     "INSERT INTO activities(name) VALUES ('stay_play');"
	     "INSERT INTO sessions(centre_id, activity_id, day) VALUES "
	     "  ((SELECT id FROM centres WHERE code = 'CA'), 1, 20100);"
	     "INSERT INTO attendance(day, person_id, session_id) VALUES "
	     "  (20100, (SELECT id FROM people WHERE ext_id = 'PC1'), 1);");
	centre_a = q_int("SELECT id FROM centres WHERE code = ?", "CA");
	centre_b = q_int("SELECT id FROM centres WHERE code = ?", "CB");
	fam_a = q_int("SELECT id FROM families WHERE ext_id = ?", "FA");
	fam_b = q_int("SELECT id FROM families WHERE ext_id = ?", "FB");
	fam_c = q_int("SELECT id FROM families WHERE ext_id = ?", "FC");
	person_c = q_int("SELECT id FROM people WHERE ext_id = ?", "PC1");
}

static void teardown(void)
{
	db_close(&db);
	auth_set_clock(NULL);
}

static int64_t add(const char *name, enum role role, int64_t centre)
{
	int64_t id = 0;

	ck_assert_int_eq(auth_user_add(db, NULL, name, NULL, role, centre ? &centre : NULL,
				       centre ? 1 : 0, PW, &id), ST_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

static enum auth_result login(const char *name, const char *pw, const char *ip,
			      struct session_out *s)
{
	struct session_out tmp;

	return auth_login(db, name, pw, ip, s ? s : &tmp);
}

/* ---- schema ---- */

START_TEST(test_migration_on_top_of_two)
{
	struct db *old = NULL;

	ck_assert_int_ge(db_schema_latest(), 3);
	ck_assert_int_eq(migrations[2].version, 3);
	ck_assert_int_eq(db_open(&old, ":memory:", 1), 0);
	ck_assert_int_eq(db_exec(old, migrations[0].sql), 0);
	ck_assert_int_eq(db_exec(old, migrations[1].sql), 0);
	ck_assert_int_eq(db_exec(old, "PRAGMA user_version = 2"), 0);
	ck_assert_int_eq(db_exec(old, "INSERT INTO families(ext_id) VALUES ('KEEP')"), 0);
	ck_assert_int_eq(db_migrate(old), 0);
	ck_assert_int_ge(db_schema_version(old), 3);
	ck_assert_int_eq(db_query_int(old, "SELECT count(*) FROM families", NULL, -1), 1);
	ck_assert_int_eq(db_query_int(old, "SELECT count(*) FROM users", NULL, -1), 0);
	ck_assert_int_eq(db_query_int(old, "SELECT count(*) FROM login_sessions", NULL, -1), 0);
	ck_assert_int_eq(db_query_int(old, "SELECT count(*) FROM audit", NULL, -1), 0);
	/* the CHECKs hold */
	ck_assert_int_ne(db_exec(old, "INSERT INTO users(username, display_name, password_hash, role,"
				      " created_at, password_changed_at) VALUES ('x', 'x', 'h', 'boss',"
				      " 't', 't')"), 0);
	ck_assert_int_ne(db_exec(old, "INSERT INTO users(username, display_name, password_hash, role,"
				      " created_at, password_changed_at) VALUES ('Xy', 'x', 'h', 'admin',"
				      " 't', 't')"), 0);
	db_close(&old);
}
END_TEST

/* ---- passwords ---- */

START_TEST(test_password_rules)
{
	struct buf b = BUF_INIT;

	ck_assert_ptr_nonnull(auth_password_problem(NULL));
	ck_assert_ptr_nonnull(auth_password_problem(""));
	ck_assert_ptr_nonnull(auth_password_problem("123456789"));
	ck_assert_ptr_null(auth_password_problem("1234567890"));
	/* characters, not bytes: nine two-byte letters are too few */
	ck_assert_ptr_nonnull(auth_password_problem("ééééééééé"));
	ck_assert_ptr_null(auth_password_problem("éééééééééé"));
	ck_assert_ptr_nonnull(auth_password_problem("abcdefghij\xff"));
	for (int i = 0; i < 1000; i++)
		buf_addch(&b, 'a');
	ck_assert_ptr_null(auth_password_problem(b.data));
	buf_addch(&b, 'a');
	ck_assert_ptr_nonnull(auth_password_problem(b.data));
	buf_release(&b);
}
END_TEST

START_TEST(test_hash_verify)
{
	char *h = auth_password_hash(PW);

	ck_assert_ptr_nonnull(h);
	ck_assert_ptr_null(strstr(h, PW));
	ck_assert(!strncmp(h, "$argon2id$", 10));
	ck_assert_int_eq(auth_password_verify(h, PW), 1);
	ck_assert_int_eq(auth_password_verify(h, PW "x"), 0);
	ck_assert_int_eq(auth_password_verify(h, ""), 0);
	ck_assert_int_eq(auth_password_needs_rehash(h), 0);
	free(h);
}
END_TEST


START_TEST(test_rehash_on_login)
{
	char *before, *after;
	int64_t id;

	/* an account hashed with the real limits, then a login under the test limits */
	unsetenv("REACH_PWHASH");
	id = add("strong", ROLE_ADMIN, 0);
	setenv("REACH_PWHASH", "fast", 1);
	before = q_text("SELECT password_hash FROM users WHERE id = ?", id);
	ck_assert_int_eq(auth_password_needs_rehash(before), 1);
	ck_assert_int_eq(login("strong", PW, NULL, NULL), AUTH_OK);
	after = q_text("SELECT password_hash FROM users WHERE id = ?", id);
	ck_assert_str_ne(before, after);
	ck_assert_int_eq(auth_password_needs_rehash(after), 0);
	ck_assert_int_eq(login("strong", PW, NULL, NULL), AUTH_OK);
	free(before);
	free(after);
}
END_TEST

/* ---- accounts ---- */

START_TEST(test_user_add_load_list)
{
	struct user u = USER_INIT, *list = NULL;
	int64_t both[2] = { centre_a, centre_b }, none = 9999, id;
	size_t n = 0;

	ck_assert_int_eq(auth_user_add(db, NULL, "Jo.Smith", "Jo Smith", ROLE_MANAGER, both, 2, PW,
				       &id), ST_OK);
	ck_assert_int_eq(auth_user_load(db, id, &u), ST_OK);
	ck_assert_str_eq(u.username, "jo.smith");
	ck_assert_str_eq(u.display_name, "Jo Smith");
	ck_assert_int_eq(u.role, ROLE_MANAGER);
	ck_assert_int_eq(u.disabled, 0);
	ck_assert_ptr_null(u.last_login_at);
	ck_assert_uint_eq(u.ncentres, 2);
	ck_assert_str_eq(u.centre_codes[0], "CA");
	ck_assert_str_eq(u.centre_codes[1], "CB");
	ck_assert_int_eq(u.centres[0], centre_a);
	user_release(&u);
	ck_assert_int_eq(auth_user_find(db, "JO.SMITH", &u), ST_OK);
	ck_assert_int_eq(u.id, id);
	user_release(&u);
	ck_assert_int_eq(auth_user_find(db, "nobody", &u), ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_load(db, 12345, &u), ST_BAD_INPUT);
	ck_assert_ptr_null(u.username);

	/* refused: the same name in other case, bad names, weak passwords,
	 * unknown centres, a worker without a centre */
	ck_assert_int_eq(auth_user_add(db, NULL, "JO.smith", NULL, ROLE_ADMIN, NULL, 0, PW, NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, "jo smith", NULL, ROLE_ADMIN, NULL, 0, PW, NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, "", NULL, ROLE_ADMIN, NULL, 0, PW, NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, ".jo", NULL, ROLE_ADMIN, NULL, 0, PW, NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, "short", NULL, ROLE_ADMIN, NULL, 0, "short", NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, "w1", NULL, ROLE_WORKER, &none, 1, PW, NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, "w2", NULL, ROLE_WORKER, NULL, 0, PW, NULL),
			 ST_BAD_INPUT);
	ck_assert_int_eq(auth_user_add(db, NULL, "w3", "bad\nname", ROLE_WORKER, &centre_a, 1, PW,
				       NULL), ST_BAD_INPUT);
	ck_assert_int_eq(q_int("SELECT count(*) FROM users", NULL), 1);

	add("analyst1", ROLE_ANALYST, 0);
	add("admin1", ROLE_ADMIN, 0);
	ck_assert_int_eq(auth_user_list(db, &list, &n), ST_OK);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(list[0].username, "admin1");
	ck_assert_str_eq(list[0].display_name, "admin1");
	ck_assert_str_eq(list[1].username, "analyst1");
	ck_assert_str_eq(list[2].username, "jo.smith");
	ck_assert_uint_eq(list[2].ncentres, 2);
	auth_user_list_free(&list, n);
	ck_assert_ptr_null(list);

	/* each addition audited, without the password */
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'user_add'", NULL), 3);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE detail LIKE '%' || ? || '%'", PW),
			 0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE username = '(cli)' AND "
			       "detail = 'user ''jo.smith'', role manager, centres CA CB'", NULL), 1);
}
END_TEST

/* ---- logins ---- */

START_TEST(test_login_ok_and_wrong)
{
	struct session_out s;
	struct user u = USER_INIT;
	int64_t id = add("worker1", ROLE_WORKER, centre_a);

	ck_assert_int_eq(login("worker1", PW, "10.0.0.1", &s), AUTH_OK);
	ck_assert_int_eq(s.user_id, id);
	ck_assert_uint_eq(strlen(s.token), AUTH_TOKEN_HEX);
	ck_assert_uint_eq(strlen(s.csrf), AUTH_TOKEN_HEX);
	ck_assert_str_ne(s.token, s.csrf);
	ck_assert_int_eq(s.expires_at, T0 + 12 * 3600);
	/* any case of the name */
	ck_assert_int_eq(login("Worker1", PW, NULL, NULL), AUTH_OK);
	ck_assert_int_eq(auth_user_load(db, id, &u), ST_OK);
	ck_assert_str_eq(u.last_login_at, "2025-06-15T15:06:40Z");
	user_release(&u);

	ck_assert_int_eq(login("worker1", PW "!", "10.0.0.1", NULL), AUTH_BAD);
	ck_assert_int_eq(login("worker1", "", NULL, NULL), AUTH_BAD);
	ck_assert_int_eq(login("worker1", NULL, NULL, NULL), AUTH_BAD);
	ck_assert_int_eq(login(NULL, PW, NULL, NULL), AUTH_BAD);

	/* the token itself is never stored, only its hash */
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions WHERE token_hash = ?", s.token), 0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 2);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'login' AND "
			       "username = 'worker1' AND detail = 'from 10.0.0.1'", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'login_failed'", NULL), 4);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE detail LIKE '%' || ? || '%'", PW),
			 0);
}
END_TEST

START_TEST(test_login_unknown_user)
{
	struct session_out s;

	add("worker1", ROLE_WORKER, centre_a);
	/* an unknown name is checked against the dummy hash: refused the same way */
	ck_assert_int_eq(login("nosuchuser", PW, "10.0.0.2", &s), AUTH_BAD);
	ck_assert_int_eq(s.user_id, 0);
	ck_assert_str_eq(s.token, "");
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'login_failed' AND "
			       "username = 'nosuchuser' AND user_id IS NULL", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_failures WHERE username = ?",
			       "nosuchuser"), 1);
	/* a name that cannot be a username is not recorded as typed */
	ck_assert_int_eq(login("<script>", PW, NULL, NULL), AUTH_BAD);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE username = '<script>'", NULL), 0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE username = '(invalid)'", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 0);
}
END_TEST

START_TEST(test_login_disabled)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];
	int64_t id = add("worker1", ROLE_WORKER, centre_a);

	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	ck_assert_int_eq(auth_user_disable(db, NULL, id), ST_OK);
	/* disabling ends the sessions */
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_DISABLED);
	ck_assert_int_eq(login("worker1", "wrong password", NULL, NULL), AUTH_BAD);
	ck_assert_int_eq(auth_user_enable(db, NULL, id), ST_OK);
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_OK);
	ck_assert_int_eq(auth_user_disable(db, NULL, 999), ST_BAD_INPUT);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'user_disable' AND "
			       "detail = 'user ''worker1'''", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'user_enable'", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'login_failed' AND "
			       "detail = 'account disabled'", NULL), 1);
}
END_TEST

START_TEST(test_session_of_disabled_refused)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];

	add("worker1", ROLE_WORKER, centre_a);
	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	/* disabled behind the library's back: the session is refused all the same */
	exec("UPDATE users SET disabled = 1");
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	ck_assert_ptr_null(u.username);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 0);
}
END_TEST

START_TEST(test_set_password)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];
	int64_t id = add("worker1", ROLE_WORKER, centre_a);

	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	ck_assert_int_eq(auth_user_set_password(db, NULL, id, "short"), ST_BAD_INPUT);
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
	user_release(&u);
	fake_now += 100;
	ck_assert_int_eq(auth_user_set_password(db, NULL, id, "a new password"), ST_OK);
	/* the change ends the sessions */
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_BAD);
	ck_assert_int_eq(login("worker1", "a new password", NULL, NULL), AUTH_OK);
	ck_assert_int_eq(q_int("SELECT count(*) FROM users WHERE password_changed_at = "
			       "'2025-06-15T15:08:20Z'", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'user_password'", NULL), 1);
	ck_assert_int_eq(auth_user_set_password(db, NULL, 4242, "a new password"), ST_BAD_INPUT);
}
END_TEST

START_TEST(test_throttle_username)
{
	add("worker1", ROLE_WORKER, centre_a);
	add("worker2", ROLE_WORKER, centre_a);
	for (int i = 0; i < AUTH_THROTTLE_USER; i++) {
		ck_assert_int_eq(login("worker1", "wrong password", "10.0.0.1", NULL), AUTH_BAD);
		fake_now += 10;
	}
	/* locked: even the right password is refused, unchecked and not counted */
	ck_assert_int_eq(login("worker1", PW, "10.0.0.1", NULL), AUTH_THROTTLED);
	ck_assert_int_eq(login("WORKER1", PW, "10.9.9.9", NULL), AUTH_THROTTLED);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_failures", NULL), AUTH_THROTTLE_USER);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'login_throttled'", NULL), 2);
	/* others are not locked out */
	ck_assert_int_eq(login("worker2", PW, "10.0.0.1", NULL), AUTH_OK);
	/* the last failure was at T0 + 40: locked until 15 minutes after it */
	fake_now = T0 + 40 + 15 * 60 - 1;
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_THROTTLED);
	fake_now = T0 + 40 + 15 * 60;
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_OK);
	/* a success clears the count */
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_failures WHERE username = 'worker1'", NULL),
			 0);
	for (int i = 0; i < AUTH_THROTTLE_USER - 1; i++)
		ck_assert_int_eq(login("worker1", "wrong password", NULL, NULL), AUTH_BAD);
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_OK);
}
END_TEST

START_TEST(test_throttle_spread_out)
{
	/* failures more than 15 minutes apart never lock */
	add("worker1", ROLE_WORKER, centre_a);
	for (int i = 0; i < 3 * AUTH_THROTTLE_USER; i++) {
		ck_assert_int_eq(login("worker1", "wrong password", NULL, NULL), AUTH_BAD);
		fake_now += 4 * 60;
	}
	ck_assert_int_eq(login("worker1", PW, NULL, NULL), AUTH_OK);
}
END_TEST

START_TEST(test_throttle_ip)
{
	char name[32];

	add("worker1", ROLE_WORKER, centre_a);
	for (int i = 0; i < AUTH_THROTTLE_IP; i++) {
		snprintf(name, sizeof(name), "guess%d", i);
		ck_assert_int_eq(login(name, "wrong password", "192.0.2.7", NULL), AUTH_BAD);
	}
	ck_assert_int_eq(login("worker1", PW, "192.0.2.7", NULL), AUTH_THROTTLED);
	ck_assert_int_eq(login("worker1", PW, "192.0.2.8", NULL), AUTH_OK);
	fake_now += 15 * 60;
	ck_assert_int_eq(login("worker1", PW, "192.0.2.7", NULL), AUTH_OK);
}
END_TEST

/* ---- sessions ---- */

START_TEST(test_session_check)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1], bad[AUTH_TOKEN_HEX + 1];
	int64_t id = add("worker1", ROLE_WORKER, centre_a);
	char *h;

	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
	ck_assert_int_eq(u.id, id);
	ck_assert_str_eq(u.username, "worker1");
	ck_assert_int_eq(u.role, ROLE_WORKER);
	ck_assert_str_eq(csrf, s.csrf);
	user_release(&u);

	/* wrong and malformed tokens */
	memcpy(bad, s.token, sizeof(bad));
	bad[0] = bad[0] == 'a' ? 'b' : 'a';
	ck_assert_int_eq(auth_session_check(db, bad, &u, csrf), ST_BAD_INPUT);
	ck_assert_str_eq(csrf, "");
	ck_assert_ptr_null(u.username);
	bad[AUTH_TOKEN_HEX - 1] = '\0';
	ck_assert_int_eq(auth_session_check(db, bad, &u, csrf), ST_BAD_INPUT);
	memcpy(bad, s.token, sizeof(bad));
	bad[5] = 'g';
	ck_assert_int_eq(auth_session_check(db, bad, &u, csrf), ST_BAD_INPUT);
	ck_assert_int_eq(auth_session_check(db, "", &u, csrf), ST_BAD_INPUT);
	ck_assert_int_eq(auth_session_check(db, NULL, &u, csrf), ST_BAD_INPUT);
	/* the hash stored is not a token that works */
	h = q_text("SELECT token_hash FROM login_sessions WHERE user_id = ?", id);
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(auth_session_check(db, h, &u, csrf), ST_BAD_INPUT);
	free(h);

	/* logout ends it */
	ck_assert_int_eq(auth_logout(db, s.token), ST_OK);
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	ck_assert_int_eq(auth_logout(db, s.token), ST_OK);
	ck_assert_int_eq(auth_logout(db, "nonsense"), ST_OK);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE action = 'logout' AND "
			       "username = 'worker1'", NULL), 1);
}
END_TEST

START_TEST(test_session_idle)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];

	add("worker1", ROLE_WORKER, centre_a);
	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	/* in use every 20 minutes, it lives on past 30 */
	for (int i = 0; i < 5; i++) {
		fake_now += 20 * 60;
		ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
		user_release(&u);
	}
	/* 30 minutes idle is still fine, a second more is not */
	fake_now += 30 * 60;
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
	user_release(&u);
	fake_now += 30 * 60 + 1;
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	/* and is gone */
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 0);
}
END_TEST

START_TEST(test_session_touch_once_a_minute)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];

	add("worker1", ROLE_WORKER, centre_a);
	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	fake_now += 30;
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
	user_release(&u);
	ck_assert_int_eq(q_int("SELECT last_seen_at FROM login_sessions", NULL), T0);
	fake_now += 30;
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
	user_release(&u);
	ck_assert_int_eq(q_int("SELECT last_seen_at FROM login_sessions", NULL), T0 + 60);
}
END_TEST

START_TEST(test_session_idle_setting)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];

	add("worker1", ROLE_WORKER, centre_a);
	ck_assert_int_eq(auth_idle_minutes(db), 30);
	ck_assert_int_eq(db_setting_set(db, "session_idle_minutes", "10"), 0);
	ck_assert_int_eq(auth_idle_minutes(db), 10);
	setenv("REACH_IDLE_MINUTES", "5", 1);
	ck_assert_int_eq(auth_idle_minutes(db), 5);
	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	fake_now += 5 * 60 + 1;
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	/* nonsense values fall back */
	setenv("REACH_IDLE_MINUTES", "0", 1);
	ck_assert_int_eq(auth_idle_minutes(db), 10);
	unsetenv("REACH_IDLE_MINUTES");
	ck_assert_int_eq(db_setting_set(db, "session_idle_minutes", "-3"), 0);
	ck_assert_int_eq(auth_idle_minutes(db), 30);
}
END_TEST

START_TEST(test_session_absolute_expiry)
{
	struct session_out s;
	struct user u = USER_INIT;
	char csrf[AUTH_TOKEN_HEX + 1];

	add("worker1", ROLE_WORKER, centre_a);
	ck_assert_int_eq(login("worker1", PW, NULL, &s), AUTH_OK);
	/* busy all day: every 10 minutes until just before 12 hours */
	while (fake_now + 600 < T0 + 12 * 3600) {
		fake_now += 600;
		ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_OK);
		user_release(&u);
	}
	fake_now = T0 + 12 * 3600;
	ck_assert_int_eq(auth_session_check(db, s.token, &u, csrf), ST_BAD_INPUT);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 0);
}
END_TEST

START_TEST(test_purge)
{
	struct session_out s1, s2;

	add("worker1", ROLE_WORKER, centre_a);
	ck_assert_int_eq(login("worker1", PW, NULL, &s1), AUTH_OK);
	fake_now += 31 * 60;
	/* the next login sweeps the idle session */
	ck_assert_int_eq(login("worker1", PW, NULL, &s2), AUTH_OK);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 1);
	ck_assert_int_eq(auth_sessions_purge(db), ST_OK);
	ck_assert_int_eq(q_int("SELECT count(*) FROM login_sessions", NULL), 1);
}
END_TEST

START_TEST(test_csrf)
{
	const char *a = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	const char *b = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdee";

	ck_assert_int_eq(auth_csrf_ok(a, a), 1);
	ck_assert_int_eq(auth_csrf_ok(a, b), 0);
	ck_assert_int_eq(auth_csrf_ok(a, NULL), 0);
	ck_assert_int_eq(auth_csrf_ok(NULL, a), 0);
	ck_assert_int_eq(auth_csrf_ok(NULL, NULL), 0);
	ck_assert_int_eq(auth_csrf_ok("", ""), 0);
	ck_assert_int_eq(auth_csrf_ok(a, ""), 0);
	ck_assert_int_eq(auth_csrf_ok(a, "0123456789abcdef"), 0);
	ck_assert_int_eq(auth_csrf_ok("0123456789abcdef", a), 0);
}
END_TEST

/* ---- roles and scope ---- */

START_TEST(test_roles)
{
	enum role r;

	for (int i = 0; i < ROLE_COUNT; i++) {
		ck_assert_int_eq(auth_role_parse(auth_role_name((enum role)i), &r), 0);
		ck_assert_int_eq(r, i);
	}
	ck_assert_int_eq(auth_role_parse("Admin", &r), -1);
	ck_assert_int_eq(auth_role_parse("boss", &r), -1);
	ck_assert_int_eq(auth_role_parse(NULL, &r), -1);
	ck_assert_str_eq(auth_role_name(ROLE_VIEWER), "viewer");
}
END_TEST

START_TEST(test_capabilities)
{
	/* rows: actions; columns: admin analyst manager worker viewer */
	static const char *const table[ACT_COUNT] = {
		[ACT_VIEW_FAMILY] = "xxxxx",
		[ACT_EDIT_FAMILY] = "x.x..",
		[ACT_REGISTER_FAMILY] = "x.xx.",
		[ACT_TAKE_REGISTER] = "x.xx.",
		[ACT_RECORD_VISIT] = "x.xx.",
		[ACT_VIEW_REPORTS] = "xxxxx",
		[ACT_EXPORT] = "xxx..",
		[ACT_REVIEW_DUPLICATES] = "xxx..",
		[ACT_MANAGE_USERS] = "x....",
		[ACT_MANAGE_SETTINGS] = "x....",
		[ACT_VIEW_AUDIT] = "x....",
	};
	struct user u = USER_INIT;

	for (int a = 0; a < ACT_COUNT; a++)
		for (int r = 0; r < ROLE_COUNT; r++) {
			u.role = (enum role)r;
			u.disabled = 0;
			ck_assert_msg(auth_can(&u, (enum action)a) == (table[a][r] == 'x'),
				      "role %s action %d", auth_role_name(u.role), a);
			u.disabled = 1;
			ck_assert_int_eq(auth_can(&u, (enum action)a), 0);
		}
	ck_assert_int_eq(auth_can(NULL, ACT_VIEW_FAMILY), 0);
	u.disabled = 0;
	u.role = ROLE_ADMIN;
	ck_assert_int_eq(auth_can(&u, ACT_COUNT), 0);
}
END_TEST

/* load a user added with one centre (0 for none) */
static void load_new(const char *name, enum role role, int64_t centre, struct user *u)
{
	ck_assert_int_eq(auth_user_load(db, add(name, role, centre), u), ST_OK);
}

START_TEST(test_scope)
{
	struct user admin, analyst, mgr_b, worker_a, viewer_a, worker_b;

	load_new("admin1", ROLE_ADMIN, 0, &admin);
	load_new("analyst1", ROLE_ANALYST, 0, &analyst);
	load_new("manager_b", ROLE_MANAGER, centre_b, &mgr_b);
	load_new("worker_a", ROLE_WORKER, centre_a, &worker_a);
	load_new("viewer_a", ROLE_VIEWER, centre_a, &viewer_a);
	load_new("worker_b", ROLE_WORKER, centre_b, &worker_b);

	/* admin and analyst: every family and centre */
	ck_assert_int_eq(auth_family_in_scope(db, &admin, fam_a), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &admin, fam_b), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &analyst, fam_b), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &analyst, fam_c), 1);
	ck_assert_int_eq(auth_centre_in_scope(&analyst, centre_a), 1);
	/* a worker of A: A's family, and B's family that came to a session at A; not FB */
	ck_assert_int_eq(auth_family_in_scope(db, &worker_a, fam_a), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &worker_a, fam_b), 0);
	ck_assert_int_eq(auth_family_in_scope(db, &worker_a, fam_c), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &worker_a, 9999), 0);
	ck_assert_int_eq(auth_centre_in_scope(&worker_a, centre_a), 1);
	ck_assert_int_eq(auth_centre_in_scope(&worker_a, centre_b), 0);
	/* viewer of A: the same reach, read only */
	ck_assert_int_eq(auth_family_in_scope(db, &viewer_a, fam_a), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &viewer_a, fam_b), 0);
	ck_assert_int_eq(auth_can(&viewer_a, ACT_EDIT_FAMILY), 0);
	/* manager and worker of B: B's families, not A's */
	ck_assert_int_eq(auth_family_in_scope(db, &mgr_b, fam_a), 0);
	ck_assert_int_eq(auth_family_in_scope(db, &mgr_b, fam_b), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &mgr_b, fam_c), 1);
	ck_assert_int_eq(auth_family_in_scope(db, &worker_b, fam_a), 0);
	ck_assert_int_eq(auth_centre_in_scope(&mgr_b, centre_a), 0);
	/* disabled: nothing */
	worker_a.disabled = 1;
	ck_assert_int_eq(auth_family_in_scope(db, &worker_a, fam_a), 0);
	ck_assert_int_eq(auth_centre_in_scope(&worker_a, centre_a), 0);
	ck_assert_int_eq(auth_family_in_scope(db, NULL, fam_a), 0);

	user_release(&admin);
	user_release(&analyst);
	user_release(&mgr_b);
	user_release(&worker_a);
	user_release(&viewer_a);
	user_release(&worker_b);
}
END_TEST

/* ---- the audit trail ---- */

struct collected {
	struct buf text; /* "user action family person;" per row */
	int rows;        /* rows seen */
	int stop_after;  /* stop after this many (0: never) */
};

static int collect(const struct audit_row *row, void *data)
{
	struct collected *c = data;

	buf_addf(&c->text, "%s %s %s %s;", row->username, row->action,
		 row->family_ext ? row->family_ext : "-", row->person_ext ? row->person_ext : "-");
	c->rows++;
	return c->stop_after && c->rows >= c->stop_after;
}

static char *query(const struct audit_filter *f, size_t limit, size_t offset, int stop_after)
{
	struct collected c = { BUF_INIT, 0, stop_after };

	ck_assert_int_eq(auth_audit_query(db, f, limit, offset, collect, &c), ST_OK);
	return buf_detach(&c.text, NULL);
}

static void expect_query(const struct audit_filter *f, size_t limit, size_t offset,
			 const char *want)
{
	char *got = query(f, limit, offset, 0);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_audit_rows_and_filters)
{
	struct user a = USER_INIT, w = USER_INIT;
	struct audit_filter f;
	char *got;

	load_new("admin1", ROLE_ADMIN, 0, &a);
	load_new("worker1", ROLE_WORKER, centre_a, &w);
	exec("DELETE FROM audit");
	fake_now = T0;                 /* 2025-06-15 */
	ck_assert_int_eq(auth_audit(db, &w, "view", fam_a, 0, NULL), ST_OK);
	fake_now = T0 + 86400;         /* 2025-06-16 */
	ck_assert_int_eq(auth_audit(db, &w, "update", fam_c, person_c, "postcode: W2 1AB -> W2 1AC"),
			 ST_OK);
	fake_now = T0 + 2 * 86400;     /* 2025-06-17 */
	ck_assert_int_eq(auth_audit(db, &a, "view", fam_c, 0, NULL), ST_OK);
	ck_assert_int_eq(auth_audit(db, NULL, "export", 0, 0, "audit trail"), ST_OK);

	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE at = '2025-06-16T15:06:40Z' AND "
			       "family_ext_id = 'FC' AND person_ext_id = 'PC1' AND "
			       "detail = 'postcode: W2 1AB -> W2 1AC'", NULL), 1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM audit WHERE user_id IS NULL", NULL), 1);

	audit_filter_init(&f);
	expect_query(&f, 0, 0, "(cli) export - -;admin1 view FC -;worker1 update FC PC1;"
			       "worker1 view FA -;");
	f.oldest_first = 1;
	expect_query(&f, 0, 0, "worker1 view FA -;worker1 update FC PC1;admin1 view FC -;"
			       "(cli) export - -;");
	expect_query(&f, 2, 1, "worker1 update FC PC1;admin1 view FC -;");
	got = query(&f, 0, 0, 2);
	ck_assert_str_eq(got, "worker1 view FA -;worker1 update FC PC1;");
	free(got);

	f.username = "WORKER1";
	expect_query(&f, 0, 0, "worker1 view FA -;worker1 update FC PC1;");
	f.action = "view";
	expect_query(&f, 0, 0, "worker1 view FA -;");
	f.username = NULL;
	expect_query(&f, 0, 0, "worker1 view FA -;admin1 view FC -;");
	f.action = NULL;
	f.family_id = fam_c;
	expect_query(&f, 0, 0, "worker1 update FC PC1;admin1 view FC -;");
	f.username = "admin1";
	expect_query(&f, 0, 0, "admin1 view FC -;");
	audit_filter_init(&f);
	f.oldest_first = 1;
	ck_assert_int_eq(date_parse("2025-06-16", &f.from), 0);
	ck_assert_int_eq(date_parse("2025-06-16", &f.to), 0);
	expect_query(&f, 0, 0, "worker1 update FC PC1;");
	f.to = DATE_NONE;
	expect_query(&f, 0, 0, "worker1 update FC PC1;admin1 view FC -;(cli) export - -;");
	f.from = DATE_NONE;
	ck_assert_int_eq(date_parse("2025-06-15", &f.to), 0);
	expect_query(&f, 0, 0, "worker1 view FA -;");
	f.username = "nobody";
	expect_query(&f, 0, 0, "");

	/* the ext_id outlives the record */
	exec("DELETE FROM attendance; DELETE FROM people; DELETE FROM families WHERE ext_id = 'FC'");
	audit_filter_init(&f);
	f.family_id = fam_c;
	expect_query(&f, 0, 0, "admin1 view FC -;worker1 update FC PC1;");

	user_release(&a);
	user_release(&w);
}
END_TEST

START_TEST(test_audit_export_csv)
{
	struct user w = USER_INIT;
	struct audit_filter f;
	struct buf b = BUF_INIT;
	char chunk[256];
	size_t n;
	FILE *fp = tmpfile();

	ck_assert_ptr_nonnull(fp);
	load_new("worker1", ROLE_WORKER, centre_a, &w);
	exec("DELETE FROM audit");
	ck_assert_int_eq(auth_audit(db, &w, "update", fam_c, person_c,
				    "last name: \"Khan\", Ali -> Khan"), ST_OK);
	fake_now += 1;
	ck_assert_int_eq(auth_audit(db, &w, "update", fam_a, 0, "=HYPERLINK(\"x\")"), ST_OK);
	fake_now += 1;
	ck_assert_int_eq(auth_audit(db, &w, "view", 0, 0, NULL), ST_OK);
	audit_filter_init(&f);
	ck_assert_int_eq(auth_audit_export_csv(db, &f, fp), ST_OK);
	rewind(fp);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	ck_assert_str_eq(b.data,
		"at,username,action,family_id,person_id,detail\n"
		"2025-06-15T15:06:40Z,worker1,update,FC,PC1,\"last name: \"\"Khan\"\", Ali -> Khan\"\n"
		"2025-06-15T15:06:41Z,worker1,update,FA,,\"'=HYPERLINK(\"\"x\"\")\"\n"
		"2025-06-15T15:06:42Z,worker1,view,,,\n");
	buf_release(&b);
	user_release(&w);
}
END_TEST

START_TEST(test_format_time)
{
	char t[21];

	auth_format_time(0, t);
	ck_assert_str_eq(t, "1970-01-01T00:00:00Z");
	auth_format_time(T0, t);
	ck_assert_str_eq(t, "2025-06-15T15:06:40Z");
	ck_assert_int_eq(auth_now(), T0);
	auth_set_clock(NULL);
	ck_assert_int_gt(auth_now(), T0);
}
END_TEST

START_TEST(test_username_rules)
{
	ck_assert_int_eq(auth_username_valid("jo"), 1);
	ck_assert_int_eq(auth_username_valid("Jo.Smith-2@la.gov.uk"), 1);
	ck_assert_int_eq(auth_username_valid("a"), 1);
	ck_assert_int_eq(auth_username_valid(""), 0);
	ck_assert_int_eq(auth_username_valid(NULL), 0);
	ck_assert_int_eq(auth_username_valid("-jo"), 0);
	ck_assert_int_eq(auth_username_valid("jo smith"), 0);
	ck_assert_int_eq(auth_username_valid("j\xc3\xb6"), 0);
	ck_assert_int_eq(auth_username_valid("(cli)"), 0);
	ck_assert_int_eq(auth_username_valid(
		"a123456789012345678901234567890123456789012345678901234567890123"), 1);
	ck_assert_int_eq(auth_username_valid(
		"a1234567890123456789012345678901234567890123456789012345678901234"), 0);
}
END_TEST

Suite *auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("auth");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_migration_on_top_of_two);
	tcase_add_test(tc, test_password_rules);
	tcase_add_test(tc, test_hash_verify);
	tcase_add_test(tc, test_rehash_on_login);
	tcase_add_test(tc, test_user_add_load_list);
	tcase_add_test(tc, test_login_ok_and_wrong);
	tcase_add_test(tc, test_login_unknown_user);
	tcase_add_test(tc, test_login_disabled);
	tcase_add_test(tc, test_session_of_disabled_refused);
	tcase_add_test(tc, test_set_password);
	tcase_add_test(tc, test_throttle_username);
	tcase_add_test(tc, test_throttle_spread_out);
	tcase_add_test(tc, test_throttle_ip);
	tcase_add_test(tc, test_session_check);
	tcase_add_test(tc, test_session_idle);
	tcase_add_test(tc, test_session_touch_once_a_minute);
	tcase_add_test(tc, test_session_idle_setting);
	tcase_add_test(tc, test_session_absolute_expiry);
	tcase_add_test(tc, test_purge);
	tcase_add_test(tc, test_csrf);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_capabilities);
	tcase_add_test(tc, test_scope);
	tcase_add_test(tc, test_audit_rows_and_filters);
	tcase_add_test(tc, test_audit_export_csv);
	tcase_add_test(tc, test_format_time);
	tcase_add_test(tc, test_username_rules);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(auth_suite)
