/* auth.c: libsodium set-up, the clock, roles and capabilities, scope, password rules */
#include "auth.h"
#include "../util/text.h"
#include "../util/util.h"

#include <pthread.h>
#include <sodium.h>

/* ---- set-up and clock ---- */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_result = -1;

static void init_sodium(void)
{
	init_result = sodium_init() < 0 ? -1 : 0;
}

int auth_init(void)
{
	pthread_once(&init_once, init_sodium);
	if (init_result)
		return error("cannot initialise libsodium");
	return 0;
}

static int64_t clock_time(void)
{
	return (int64_t)time(NULL);
}

static int64_t (*clock_fn)(void) = clock_time;

int64_t auth_now(void)
{
	return clock_fn();
}

void auth_set_clock(int64_t (*now)(void))
{
	clock_fn = now ? now : clock_time;
}

void auth_format_time(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

/* ---- roles ---- */

static const char *const role_names[ROLE_COUNT] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_ANALYST] = "analyst",
	[ROLE_MANAGER] = "manager",
	[ROLE_WORKER] = "worker",
	[ROLE_VIEWER] = "viewer",
};

const char *auth_role_name(enum role r)
{
	if ((int)r < 0 || r >= ROLE_COUNT)
		return "unknown";
	return role_names[r];
}

int auth_role_parse(const char *s, enum role *out)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		if (s && !strcmp(s, role_names[r])) {
			*out = (enum role)r;
			return 0;
		}
	return -1;
}

const char *auth_role_names(void)
{
	return "admin|analyst|manager|worker|viewer";
}

int auth_role_is_scoped(enum role r)
{
	return r != ROLE_ADMIN && r != ROLE_ANALYST;
}

/* the table in auth.h, one bit per action */
#define CAN(a) (1u << (a))
static const unsigned caps[ROLE_COUNT] = {
	[ROLE_ADMIN] = (1u << ACT_COUNT) - 1,
	[ROLE_ANALYST] = CAN(ACT_VIEW_FAMILY) | CAN(ACT_VIEW_REPORTS) | CAN(ACT_EXPORT) |
			 CAN(ACT_REVIEW_DUPLICATES),
	[ROLE_MANAGER] = CAN(ACT_VIEW_FAMILY) | CAN(ACT_EDIT_FAMILY) | CAN(ACT_REGISTER_FAMILY) |
			 CAN(ACT_TAKE_REGISTER) | CAN(ACT_RECORD_VISIT) | CAN(ACT_VIEW_REPORTS) |
			 CAN(ACT_EXPORT) | CAN(ACT_REVIEW_DUPLICATES),
	[ROLE_WORKER] = CAN(ACT_VIEW_FAMILY) | CAN(ACT_REGISTER_FAMILY) | CAN(ACT_TAKE_REGISTER) |
			CAN(ACT_RECORD_VISIT) | CAN(ACT_VIEW_REPORTS),
	[ROLE_VIEWER] = CAN(ACT_VIEW_FAMILY) | CAN(ACT_VIEW_REPORTS),
};

int auth_can(const struct user *u, enum action a)
{
	if (!u || u->disabled || (int)u->role < 0 || u->role >= ROLE_COUNT)
		return 0;
	if ((int)a < 0 || a >= ACT_COUNT)
		return 0;
	return (caps[u->role] & CAN(a)) != 0;
}

/* ---- scope ---- */

int auth_centre_in_scope(const struct user *u, int64_t centre_id)
{
	if (!u || u->disabled)
		return 0;
	if (!auth_role_is_scoped(u->role))
		return 1;
	for (size_t i = 0; i < u->ncentres; i++)
		if (u->centres[i] == centre_id)
			return 1;
	return 0;
}

int auth_family_in_scope(struct db *db, const struct user *u, int64_t family_id)
{
	struct db_stmt *st = NULL;
	int ret = 0;

	if (!u || u->disabled || family_id <= 0)
		goto out;
	if (!auth_role_is_scoped(u->role)) {
		ret = 1;
		goto out;
	}
	if (!u->ncentres)
		goto out;
	/* registered at one of the user's centres, or a member attended a session there */
	st = db_prepare(db,
		"SELECT 1 FROM families f JOIN user_centres uc ON uc.centre_id = f.centre_id "
		"WHERE f.id = ? AND uc.user_id = ? "
		"UNION ALL "
		"SELECT 1 FROM people p "
		"JOIN attendance a ON a.person_id = p.id "
		"JOIN sessions s ON s.id = a.session_id "
		"JOIN user_centres uc ON uc.centre_id = s.centre_id "
		"WHERE p.family_id = ? AND uc.user_id = ? "
		"LIMIT 1");
	if (!st)
		goto out;
	db_bind_int(st, 1, family_id);
	db_bind_int(st, 2, u->id);
	db_bind_int(st, 3, family_id);
	db_bind_int(st, 4, u->id);
	switch (db_step(st)) {
	case DB_ROW:
		ret = 1;
		break;
	case DB_DONE:
		break;
	case DB_ERROR:
		error("database '%s': %s", db_path(db), db_errmsg(db));
		break;
	}
out:
	db_finalize(&st);
	return ret;
}

/* ---- usernames and passwords ---- */

int auth_username_valid(const char *s)
{
	size_t n;

	if (!s)
		return 0;
	n = strlen(s);
	if (!n || n > AUTH_USERNAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-' && c != '@')))
			return 0;
	}
	return 1;
}

const char *auth_password_problem(const char *password)
{
	size_t n, chars = 0;

	if (!password)
		return "is missing";
	n = strlen(password);
	if (n > AUTH_PASSWORD_MAX)
		return "is longer than 1000 bytes";
	if (!utf8_valid(password, n))
		return "is not valid UTF-8";
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)password[i] & 0xC0) != 0x80)
			chars++;
	if (chars < AUTH_PASSWORD_MIN)
		return "is shorter than 10 characters";
	return NULL;
}

/* the hashing limits: libsodium's interactive ones, or its minimum for tests */
static int pwhash_fast(void)
{
	const char *v = getenv("REACH_PWHASH");

	return v && !strcmp(v, "fast");
}

char *auth_password_hash(const char *password)
{
	char *out = xmalloc(crypto_pwhash_STRBYTES);
	int fast = pwhash_fast();
	unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;

	if (auth_init())
		goto fail;
	if (crypto_pwhash_str(out, password, strlen(password), ops, mem)) {
		error("cannot hash a password (out of memory?)");
		goto fail;
	}
	return out;
fail:
	free(out);
	return NULL;
}

int auth_password_needs_rehash(const char *hash)
{
	int fast = pwhash_fast();
	unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;

	return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}

int auth_password_verify(const char *hash, const char *password)
{
	if (!hash || !password || auth_init())
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
