/* app.h: the web application: what every page handler gets, and the
 * helpers pages share (layout, scope checks, translations, audit)
 *
 * A request goes: http.c parses it and matches a route in routes.c; then
 * app.c's before-hook takes a database connection from the pool, finds the
 * session from its cookie, sends an unsigned-in visitor to /login, checks
 * the CSRF token of every POST and the role's capability for the route;
 * then the page handler (ui-*.c) runs with `struct page` in req->app; the
 * after-hook returns the connection and frees the page.
 *
 * A handler never escapes by hand (html.h and kit.h do), never builds SQL
 * from input (db.h binds), and answers 404 for a record outside the user's
 * centres (page_family()).
 */
#ifndef REACH_APP_H
#define REACH_APP_H

#include <stdint.h>
#include "http.h"
#include "kit.h"
#include "../auth/auth.h"
#include "../store/db.h"
#include "../util/buf.h"

/* route flags: a route is for signed-in users unless ROUTE_PUBLIC */
#define ROUTE_PUBLIC 0x1u
/* a route that needs the capability `act` (enum action of auth.h) */
#define ROUTE_NEEDS(act) ((unsigned)((act) + 1) << 8)
#define ROUTE_ACTION(flags) ((int)((flags) >> 8) - 1)

struct app_config {
	const char *db_path;  /* the database */
	const char *bind;     /* address, "127.0.0.1" */
	int port;             /* 0 = any free port */
	int secure_cookies;   /* behind TLS: cookies get Secure */
	int log;              /* one line per request on stderr */
	int threads;          /* request threads (and database connections) */
};

struct app;
/* start serving; 0 or -1 (printed). The translations must be loaded. */
int app_start(struct app **out, const struct app_config *cfg);
int app_port(struct app *a);
void app_stop(struct app **a);

/* what a page handler works with (req->app) */
struct page {
	struct http_request *req;  /* the request */
	struct http_response *res; /* the response being built */
	struct db *db;             /* a connection for this request */
	struct user user;          /* the signed-in user (user.id 0: none) */
	char csrf[65];             /* the session's CSRF token, for forms */
	const char *lang;          /* the interface language ("en", "ar") */
	int secure_cookies;        /* from the configuration */
	const char *stylesheet;    /* another stylesheet for page_begin() to link, or NULL */
};

struct page *page_of(struct http_request *req);
/* i18n_get() in the page's language */
const char *page_t(const struct page *p, const char *key);

/* the text of `key` with {1} and {2} filled, into out (emptied first) */
void page_tsub(const struct page *p, struct buf *out, const char *key, const char *a1, const char *a2);
/* "1 April 2021" in the page's language, appended */
void page_format_day(const struct page *p, int32_t day, struct buf *out);
/* the same from "YYYY-MM-DD" (or an ISO time's date); other text appended as it is */
void page_format_date(const struct page *p, const char *iso, struct buf *out);

/* "Child", "Mother", "Father", "Other carer", "Parent or carer" */
const char *page_member_role(const struct page *p, const char *role, const char *relationship);
/* the words for a visit kind: the starting kinds are translated, others shown as named */
const char *page_visit_kind(const struct page *p, const char *name);
/* report the connection's last error (printed); returns -1 */
int page_db_failed(struct page *p);

/* the GOV.UK layout, with the navigation the user's role allows */
void page_begin(struct page *p, const char *title, unsigned nav_current, int has_errors);
void page_begin_back(struct page *p, const char *title, unsigned nav_current, int has_errors,
		     const char *back_href);
void page_end(struct page *p);

/* finish the response as an error page (404, 403, 500 ...); returns 0 */
int page_error(struct page *p, int status);

/*
 * Look up a family by its interchange id and check the user may see it:
 * 0 with *id set, or -1 after writing a 404 page (unknown or out of scope
 * look the same, so ids cannot be probed).
 */
int page_family(struct page *p, const char *family_ext_id, int64_t *id);
/* the user's centres as a filter for engagement.h (NULL ids for all) */
int page_centre_in_scope(struct page *p, int64_t centre_id);

/*
 * The reach report for the page (reach_compute() through a cache: the
 * report reads millions of rows, and pages ask the same question often).
 * The cache is dropped whenever the data changes: after any successful
 * POST here, and when another process (an import) commits, which SQLite
 * tells each connection through PRAGMA data_version. 0, or -1 (printed).
 */
struct reach_opts;
struct reach_report;
int page_reach(struct page *p, const struct reach_opts *o, struct reach_report *out);
/* the store read once for reports (reach_data_load(), all of attendance),
 * shared read-only until page_cache_release(*h); NULL on failure (printed) */
struct reach_data;
struct cache_entry;
const struct reach_data *page_reach_data(struct page *p, struct cache_entry **h);

/*
 * The same cache for any result: page_cache_get() returns what was stored
 * under `key` while the data has not changed, or NULL; page_cache_put()
 * hands a computed result to the cache (free_fn frees it when replaced).
 * Both give a handle: the result stays valid, read-only, until
 * page_cache_release(); put follows a get that missed. Keys must name everything the result depends on
 * (period, centres...).
 */
struct cache_entry;
const void *page_cache_get(struct page *p, const char *key, struct cache_entry **handle);
const void *page_cache_put(struct page *p, const char *key, void *data, void (*free_fn)(void *),
			   struct cache_entry **handle);
void page_cache_release(struct page *p, struct cache_entry *handle);

/* record in the audit trail who did what to which family */
void page_audit(struct page *p, const char *action, int64_t family_id, int64_t person_id,
		const char *detail);

/* a form value, trimmed of surrounding white space, never NULL */
const char *page_form(struct page *p, const char *name);
/* a query-string value, the same way */
const char *page_query(struct page *p, const char *name);
/* the last full calendar quarter before today, the period report pages start with */
void page_last_quarter(int32_t *from, int32_t *to);
/*
 * The period of a report page from the query's `from` and `to` (each
 * YYYY-MM-DD; missing: the last full quarter): the texts as typed, so a
 * form shows them again, and the days. A bad date, FROM after TO or a
 * period over five years adds a GOV.UK error and sets the days to the
 * last full quarter.
 */
void page_period(struct page *p, const char **from_text, const char **to_text, int32_t *from, int32_t *to,
		 struct kit_errors *errs);

#endif
