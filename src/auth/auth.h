/* auth.h: accounts, roles and scope, logins and sessions, CSRF, the audit trail
 *
 * Accounts (table users) have a role and, for managers, workers and viewers,
 * the centres they work for (user_centres). Passwords are kept only as
 * libsodium crypto_pwhash_str strings (Argon2id). A login makes a session:
 * a random 32-byte token that lives only in the browser's cookie (as 64 hex
 * digits); the database keeps the token's BLAKE2b hash, so a copy of the
 * database does not let anyone sign in. Each session has its own CSRF token.
 *
 * Every change to an account, every login and logout, and whatever the web
 * layer reports with auth_audit() goes into the audit trail (table audit);
 * no password is ever written there.
 *
 * Times: the module reads the clock through auth_now(), which tests replace
 * with auth_set_clock(). Session and throttling times are Unix seconds;
 * audit and account times are ISO 8601 UTC text ("2025-06-01T09:30:00Z").
 *
 * Environment:
 *   REACH_IDLE_MINUTES  idle timeout of a session (1-1440, default 30;
 *                       else the setting 'session_idle_minutes')
 *   REACH_PWHASH=fast   FOR THE TEST SUITE ONLY: hash passwords with
 *                       libsodium's minimum limits so tests run quickly.
 *                       Never set it on a real installation: hashes made
 *                       with it are weak, and logins under it rehash
 *                       stronger hashes down to the weak limits.
 *
 * Functions that change or read the database return an enum status
 * (src/util/util.h): ST_OK; ST_BAD_INPUT with a one-line reason printed
 * (unknown user or centre, a name taken, a password too short ...);
 * ST_FAIL when the database failed (printed). Exceptions are noted.
 */
#ifndef REACH_AUTH_H
#define REACH_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../store/db.h"

/* call once before anything else here (thread-safe, idempotent); 0 or -1 */
int auth_init(void);

/* ---- clock ---- */

/* the current time in Unix seconds, from the clock set below */
int64_t auth_now(void);
/* tests: read the time from `now` instead of time(); NULL restores time() */
void auth_set_clock(int64_t (*now)(void));
/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) of Unix seconds t, with its NUL */
void auth_format_time(int64_t t, char out[21]);

/* ---- roles and what they may do ---- */

enum role {
	ROLE_ADMIN,   /* everything: accounts, settings, the audit trail */
	ROLE_ANALYST, /* every centre: view families, reports, exports; no edits */
	ROLE_MANAGER, /* own centres: view, edit, register, registers, visits, reports */
	ROLE_WORKER,  /* own centres: view, register, registers, visits, reach pages */
	ROLE_VIEWER,  /* own centres: read only (families and reach pages) */
	ROLE_COUNT
};

/* "admin", "analyst", "manager", "worker", "viewer" */
const char *auth_role_name(enum role r);
/* 0 and *out set if `s` names a role (exact, lower case), else -1 */
int auth_role_parse(const char *s, enum role *out);
/* "admin|analyst|manager|worker|viewer", for messages */
const char *auth_role_names(void);
/* 1 if the role sees only its own centres (manager, worker, viewer) */
int auth_role_is_scoped(enum role r);

enum action {
	ACT_VIEW_FAMILY,       /* open a family record, search */
	ACT_EDIT_FAMILY,       /* change a family or person already recorded */
	ACT_REGISTER_FAMILY,   /* register a new family or person */
	ACT_TAKE_REGISTER,     /* tick a session register, add a walk-in */
	ACT_RECORD_VISIT,      /* record an outreach visit */
	ACT_VIEW_REPORTS,      /* reach pages and reports (own centres if scoped) */
	ACT_EXPORT,            /* CSV exports such as the mail-merge list */
	ACT_REVIEW_DUPLICATES, /* look at and merge possible duplicates */
	ACT_MANAGE_USERS,      /* add, disable and reset accounts */
	ACT_MANAGE_SETTINGS,   /* settings such as the kinds of visit */
	ACT_VIEW_AUDIT,        /* read and export the audit trail */
	ACT_COUNT
};

/*
 * The capability table:
 *
 *                    admin analyst manager worker viewer
 *   VIEW_FAMILY        x      x       x      x      x
 *   EDIT_FAMILY        x              x
 *   REGISTER_FAMILY    x              x      x
 *   TAKE_REGISTER      x              x      x
 *   RECORD_VISIT       x              x      x
 *   VIEW_REPORTS       x      x       x      x      x
 *   EXPORT             x      x       x
 *   REVIEW_DUPLICATES  x      x       x
 *   MANAGE_USERS       x
 *   MANAGE_SETTINGS    x
 *   VIEW_AUDIT         x
 *
 * Managers, workers and viewers act only within their centres: the web
 * layer checks auth_family_in_scope() / auth_centre_in_scope() as well.
 */

/* an account as loaded; owns its strings and arrays */
struct user {
	int64_t id;            /* users.id */
	char *username;        /* lower case */
	char *display_name;    /* as given */
	enum role role;        /* what the account may do */
	int64_t *centres;      /* centres.id of the account's centres */
	char **centre_codes;   /* centres.code of each, in the same order */
	size_t ncentres;       /* entries of centres and centre_codes */
	int disabled;          /* 1: may not sign in; sessions refused */
	char *last_login_at;   /* ISO time of the last login, NULL if never */
};

#define USER_INIT { 0, NULL, NULL, ROLE_VIEWER, NULL, NULL, 0, 0, NULL }
void user_init(struct user *u);
/* free the contents and re-initialise; safe on an initialised user */
void user_release(struct user *u);

/* 1 if u (not NULL, not disabled) may do a; else 0 */
int auth_can(const struct user *u, enum action a);
/* 1 if u may see the centre: admins and analysts every centre, others their own */
int auth_centre_in_scope(const struct user *u, int64_t centre_id);
/*
 * 1 if u may see the family: admins and analysts every family; others a
 * family registered at one of their centres (families.centre_id) or with a
 * member who attended a session at one of their centres. 0 otherwise,
 * including for a disabled user and when the database fails (printed):
 * scope fails closed. The web layer answers 404 for 0.
 */
int auth_family_in_scope(struct db *db, const struct user *u, int64_t family_id);

/* ---- accounts ---- */

#define AUTH_USERNAME_MAX 64   /* bytes */
#define AUTH_PASSWORD_MIN 10   /* characters (UTF-8 code points) */
#define AUTH_PASSWORD_MAX 1000 /* bytes */

/* 1 if s is a username: 1-64 of a-z 0-9 . _ - @, starting with a letter or digit
 * (upper case is accepted and means the same: usernames are stored lower case) */
int auth_username_valid(const char *s);
/* NULL if the password is acceptable, else the reason, e.g. "is too short" */
const char *auth_password_problem(const char *password);
/* a crypto_pwhash_str string for password with the current limits
 * (caller frees); NULL if hashing failed (printed) */
char *auth_password_hash(const char *password);
/* 1 if password matches the crypto_pwhash_str string hash, else 0 */
int auth_password_verify(const char *hash, const char *password);
/* 1 if hash was made with other limits than auth_password_hash() uses now */
int auth_password_needs_rehash(const char *hash);

/* the id of the centre with this code; ST_BAD_INPUT (printed) if there is none */
int auth_centre_id(struct db *db, const char *code, int64_t *out);

/*
 * Add an account. `actor` is the signed-in admin doing it, NULL for the
 * command line; the addition is audited as 'user_add'. Managers, workers
 * and viewers need at least one centre. *id_out (if not NULL) gets the new
 * id. ST_BAD_INPUT (printed) for a bad or taken username, a bad password,
 * an unknown centre or a scoped role without centres.
 */
int auth_user_add(struct db *db, const struct user *actor, const char *username,
		  const char *display_name, enum role role, const int64_t *centre_ids,
		  size_t ncentres, const char *password, int64_t *id_out);
/*
 * Load an account by id or by username (any case) into *out (initialised
 * by the call; release it with user_release). ST_BAD_INPUT, printing
 * nothing, if there is no such account.
 */
int auth_user_load(struct db *db, int64_t id, struct user *out);
int auth_user_find(struct db *db, const char *username, struct user *out);
/* every account, by username: *out is an array of *n users (free with
 * auth_user_list_free) */
int auth_user_list(struct db *db, struct user **out, size_t *n);
void auth_user_list_free(struct user **list, size_t n);
/* disable (also ends the account's sessions) or enable again; audited as
 * 'user_disable' / 'user_enable'; ST_BAD_INPUT (printed) if no such account */
int auth_user_disable(struct db *db, const struct user *actor, int64_t user_id);
int auth_user_enable(struct db *db, const struct user *actor, int64_t user_id);
/* a new password (checked as for add); ends the account's sessions;
 * audited as 'user_password' */
int auth_user_set_password(struct db *db, const struct user *actor, int64_t user_id,
			   const char *password);

/* ---- logins and sessions ---- */

#define AUTH_TOKEN_HEX 64          /* hex digits of a session or CSRF token */
#define AUTH_SESSION_MAX_HOURS 12  /* absolute lifetime of a session */
#define AUTH_THROTTLE_USER 5       /* failures for one username ... */
#define AUTH_THROTTLE_IP 20        /* ... or from one address ... */
#define AUTH_THROTTLE_MINUTES 15   /* ... within this many minutes lock for as long */

enum auth_result {
	AUTH_OK,        /* signed in: *out filled */
	AUTH_BAD,       /* wrong username or password (which, is not said) */
	AUTH_DISABLED,  /* right password, but the account is disabled */
	AUTH_THROTTLED, /* too many failures lately: refused without checking */
	AUTH_ERROR,     /* the database or libsodium failed (printed) */
};

struct session_out {
	char token[AUTH_TOKEN_HEX + 1]; /* for the cookie; not stored anywhere */
	char csrf[AUTH_TOKEN_HEX + 1];  /* the session's CSRF token */
	int64_t user_id;                /* who signed in */
	int64_t expires_at;             /* absolute end, Unix seconds (Max-Age) */
};

/*
 * Check a username and password and start a session. The password is
 * verified whether or not the account exists (an unknown name is checked
 * against a dummy hash), so the time taken does not tell names apart.
 * After AUTH_THROTTLE_USER failures for a username, or AUTH_THROTTLE_IP
 * from one client_ip (may be NULL), within AUTH_THROTTLE_MINUTES, attempts
 * are refused for AUTH_THROTTLE_MINUTES from the last failure without
 * checking the password. A successful login clears the username's failures
 * and rehashes the password if the hashing limits have changed. Audited as
 * 'login', 'login_failed' or 'login_throttled'.
 */
enum auth_result auth_login(struct db *db, const char *username, const char *password,
			    const char *client_ip, struct session_out *out);

/* the idle timeout in minutes: REACH_IDLE_MINUTES, else the setting
 * 'session_idle_minutes', else 30 (each 1-1440) */
int auth_idle_minutes(struct db *db);

/*
 * The session of a cookie's token. ST_OK: *out is the signed-in user (release
 * it) and csrf_out its CSRF token. ST_BAD_INPUT, printing nothing, when the
 * token is malformed or unknown, the session idle past the timeout or older
 * than AUTH_SESSION_MAX_HOURS (such sessions are deleted), or the account is
 * disabled. last_seen_at is written at most once a minute.
 */
int auth_session_check(struct db *db, const char *token_hex, struct user *out,
		       char csrf_out[AUTH_TOKEN_HEX + 1]);
/* end the session of this token (audited as 'logout'); ST_OK also if there was none */
int auth_logout(struct db *db, const char *token_hex);
/* end every session of an account */
int auth_sessions_end_user(struct db *db, int64_t user_id);
/* delete sessions past their idle or absolute end, and old login failures */
int auth_sessions_purge(struct db *db);
/* 1 if the CSRF token given with a POST matches the session's (constant
 * time); 0 if either is NULL or empty or their lengths differ */
int auth_csrf_ok(const char *expected, const char *given);

/* ---- the audit trail ---- */

/*
 * Record that u (NULL: the command line, recorded as "(cli)") did `action`:
 * view, create, update, delete, export, login, login_failed, logout,
 * user_add, user_disable ... family_id and person_id are ids in families
 * and people, 0 for none; their ext_ids are recorded too, so call this
 * before deleting a record. detail says what changed ("postcode: W2 1AB ->
 * W2 1AC"), never a password; NULL for none.
 */
int auth_audit(struct db *db, const struct user *u, const char *action, int64_t family_id,
	       int64_t person_id, const char *detail);
/* the same with the user given by id (0: none) and name, for callers
 * without a loaded user (a failed login) */
int auth_audit_as(struct db *db, int64_t user_id, const char *username, const char *action,
		  int64_t family_id, int64_t person_id, const char *detail);

struct audit_filter {
	const char *username; /* only this user's rows (any case), NULL for all */
	int64_t family_id;    /* only this family (families.id), 0 for all */
	const char *action;   /* only this action, NULL for all */
	int32_t from, to;     /* day numbers, inclusive (UTC); DATE_NONE for open */
	int oldest_first;     /* 0: newest first (the web page), 1: in order */
};

/* every row (DATE_NONE for dates, newest first) */
void audit_filter_init(struct audit_filter *f);

/* one row of the trail; strings valid only during the callback */
struct audit_row {
	int64_t id;             /* audit.id, increasing */
	const char *at;         /* ISO time, UTC */
	int64_t user_id;        /* users.id, 0 for none */
	const char *username;   /* as recorded */
	const char *action;     /* what was done */
	int64_t family_id;      /* families.id, 0 for none */
	const char *family_ext; /* the family's ext_id, NULL for none */
	int64_t person_id;      /* people.id, 0 for none */
	const char *person_ext; /* the person's ext_id, NULL for none */
	const char *detail;     /* what changed, NULL for none */
};

/*
 * Call fn for each row matching f, skipping `offset` rows and giving at most
 * `limit` (0: no limit). fn returns 0 to go on, non-zero to stop early
 * (that is not an error). ST_OK or ST_FAIL.
 */
int auth_audit_query(struct db *db, const struct audit_filter *f, size_t limit, size_t offset,
		     int (*fn)(const struct audit_row *row, void *data), void *data);
/*
 * Write the matching rows, oldest first, as CSV with the header
 * at,username,action,family_id,person_id,detail (family_id and person_id as
 * ext_ids). A detail starting with = + - @ or a tab is written with a leading
 * apostrophe, so spreadsheets do not run it as a formula. The caller
 * records the export itself: auth_audit(db, u, "export", 0, 0, "audit trail").
 */
int auth_audit_export_csv(struct db *db, const struct audit_filter *f, FILE *out);

#endif
