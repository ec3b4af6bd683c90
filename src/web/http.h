/* http.h: the HTTP server core on libmicrohttpd: routes, parsed parameters, responses */
#ifndef REACH_HTTP_H
#define REACH_HTTP_H

#include <stddef.h>
#include "../util/buf.h"

/*
 * How a request flows
 * -------------------
 * libmicrohttpd (MHD) reads and parses the request line, the headers and
 * the cookies, and percent-decodes the path and the query string (also
 * turning '+' into a space there). Nothing here parses HTTP by hand. Then:
 *
 *  1. The headers are in. A Content-Length above `max_body` gets 413 at
 *     once: the body is never read and the handler never runs. A POST body
 *     of type application/x-www-form-urlencoded goes through MHD's post
 *     processor as it arrives; any other non-empty POST body gets 415. A
 *     chunked body that grows past `max_body` closes the connection (MHD
 *     cannot answer in the middle of an upload).
 *  2. The whole request is in. The path must start with '/', be UTF-8 and
 *     hold no control character and no "." or ".." segment (else 400).
 *     Every query and form parameter must be UTF-8 without NUL, at most
 *     `max_value` bytes, and there may be at most `max_params` of each
 *     (else 400).
 *  3. The route is the first row of the table whose method and pattern
 *     match. HEAD runs the GET route and MHD drops the body. A path that
 *     matches only rows of other methods gets 405 with an Allow header;
 *     no match at all gets 404.
 *  4. `before(req, res, route)`, then the route's handler (unless `before`
 *     returned 1), then, for any status >= 400 whose body is still empty,
 *     `error_page(req, res, status)`, then `after(req)`. A handler that
 *     returns non-zero, or that set a bad header, gets a fresh response
 *     with status 500 rendered by `error_page`.
 *  5. The response goes out with the security headers added (see
 *     http_set_header), and everything the request allocated is freed.
 *
 * Errors found before routing (400, 404, 405, 413, 415) skip `before` and
 * the handler, but still get `error_page` and `after`, with req->app
 * NULL and req->route NULL for 404 and the early errors.
 *
 * Threads: handlers run on the server's `threads` pool threads, several
 * at a time; everything reachable from a request is private to it.
 */

struct MHD_Connection;
struct http_server;
struct http_route;

/* a decoded name=value pair; both are valid UTF-8 without NUL */
struct http_param {
	const char *name;  /* never NULL */
	const char *value; /* never NULL; "" for `?flag` or `flag=` */
};

/*
 * One per request. Every pointer in it (and every string http_strdup and
 * http_alloc return) lives until the response has been sent, then is freed
 * at once with the request.
 */
struct http_request {
	const char *method;            /* "GET", "HEAD", "POST", ... as sent */
	int head;                      /* 1 for HEAD (routed as GET; the body is dropped) */
	const char *path;              /* percent-decoded path without the query */
	struct http_param *query;      /* query parameters, in order (a name may repeat) */
	size_t nquery;                 /* entries in query */
	struct http_param *form;       /* urlencoded POST fields, in order (a name may repeat) */
	size_t nform;                  /* entries in form */
	const char *path_args[4];      /* values of the route's {placeholders}, in order */
	size_t npath_args;             /* entries used in path_args */
	const struct http_route *route; /* the matched route; NULL before routing or on 404 */
	struct MHD_Connection *conn;   /* the MHD connection, for header and cookie lookups */
	void *ctx;                     /* http_config.ctx: the application's server-wide state */
	void *app;                     /* the application's per-request state, set by `before` */
	char client_ip[64];            /* peer address, "127.0.0.1" or "::1" */
};

/*
 * What a handler fills. It starts as status 200, content type
 * "text/html; charset=utf-8" and an empty body.
 */
struct http_response {
	int status;                   /* HTTP status, 200 unless set */
	const char *content_type;     /* a literal or a string of the request */
	struct buf body;              /* the body; sent as is (empty for HEAD) */
	struct http_param *headers;   /* extra headers: private, use http_set_header */
	size_t nheaders;              /* entries in headers */
	size_t alloc_headers;         /* slots allocated in headers */
	int failed;                   /* set by a refused header: the request ends in 500 */
};

/*
 * Parameters and headers of the request. http_query and http_form return
 * the first value of that name, NULL if there is none. http_form_all
 * stores up to `max` values of a repeated field (checkboxes) in `out`, in
 * order, and returns how many there are in all (which may exceed max).
 */
const char *http_query(const struct http_request *r, const char *name);
const char *http_form(const struct http_request *r, const char *name);
size_t http_form_all(const struct http_request *r, const char *name, const char **out, size_t max);
/* a request header (name in any case) or cookie, as sent; NULL if absent */
const char *http_header(const struct http_request *r, const char *name);
const char *http_cookie(const struct http_request *r, const char *name);

/* memory that lives as long as the request (never NULL; aligned for any type) */
void *http_alloc(struct http_request *r, size_t n);
char *http_strdup(struct http_request *r, const char *s);

/*
 * Set a response header, replacing any earlier value of the same name
 * (names compare in any case). The strings are copied. A Content-Type set
 * here wins over res->content_type.
 *
 * A name that is not an HTTP token, or a value holding CR, LF or another
 * control character but tab, is a bug in the caller: it is refused with a
 * message on stderr and the request ends in 500 (res->failed), instead of
 * letting a header be split or the server stop.
 *
 * Every response also carries, unless the handler set the same header:
 *   Content-Security-Policy: default-src 'self'; img-src 'self' data:;
 *     style-src 'self'; script-src 'self'; frame-ancestors 'none';
 *     form-action 'self'
 *   X-Content-Type-Options: nosniff
 *   X-Frame-Options: DENY
 *   Referrer-Policy: same-origin
 *   Cache-Control: no-store   (static assets set their own)
 */
void http_set_header(struct http_response *res, const char *name, const char *value);

/*
 * Add a Set-Cookie header (several may be set): always HttpOnly,
 * SameSite=Strict and Path=/, plus Secure when `secure` is non-zero.
 * max_age_seconds > 0 sets Max-Age; 0 deletes the cookie (Max-Age=0);
 * < 0 makes a session cookie. The name must be a token and the value
 * cookie-octets (no space, '"', ',', ';', '\\' or control), else the
 * header is refused as in http_set_header.
 */
void http_set_cookie(struct http_response *res, const char *name, const char *value,
		     int max_age_seconds, int secure);

/*
 * 303 See Other to a path of this site. `location` must start with a
 * single '/' (not "//" or "/\\": no redirects off the site), else it is
 * refused as in http_set_header.
 */
void http_redirect(struct http_response *res, const char *location);

/* the reason phrase of a status ("Not Found"), "Unknown" if unknown */
const char *http_status_text(int status);

/*
 * A row of the route table.
 *
 * A pattern is a path whose segments are literal or placeholders:
 * "{name}" matches one non-empty segment (no '/'), and "{*}", which must
 * end the pattern, matches the rest of the path (possibly empty, slashes
 * included). Placeholder values land in req->path_args in order, at most
 * 4. The name between the braces is documentation only.
 */
struct http_route {
	const char *method;  /* "GET" (also serves HEAD) or "POST" */
	const char *pattern; /* "/families/{id}", "/search", "/assets/{*}" */
	int (*fn)(struct http_request *req, struct http_response *res); /* 0, or non-zero for 500 */
	unsigned flags;      /* application-defined bits (login needed, roles); read by the hooks */
};

struct http_config {
	const char *bind;       /* address to listen on, IPv4 or IPv6; NULL = "127.0.0.1" */
	int port;               /* 0 picks a free port (see http_server_port) */
	const struct http_route *routes; /* the route table; must outlive the server */
	size_t nroutes;         /* rows in routes */
	void *ctx;              /* handed to every request as req->ctx */
	/*
	 * Called before a matched route's handler: return 0 to go on, or fill
	 * res (a redirect to /login, a 403) and return 1 to skip the handler,
	 * or return -1 on failure (the request ends in 500).
	 * The place to open the per-thread database, check the session and the
	 * CSRF token, and set req->app. May be NULL.
	 */
	int (*before)(struct http_request *req, struct http_response *res,
		      const struct http_route *route);
	/* called once for every request http answers, last, to release req->app (may be NULL) */
	void (*after)(struct http_request *req);
	/*
	 * Renders the page of an error status (400, 403, 404, 405, 413, 415,
	 * 500 ...) into res->body, escaping through the HTML writer; it may set
	 * content_type. It must not change the status. NULL = a plain-text page.
	 */
	void (*error_page)(struct http_request *req, struct http_response *res, int status);
	size_t max_body;        /* largest request body in bytes; 0 = 1 MiB */
	size_t max_params;      /* most query (and, apart, form) parameters; 0 = 1000 */
	size_t max_value;       /* longest parameter value in bytes; 0 = 64 KiB */
	size_t conn_memory;     /* MHD memory per connection, which caps the headers; 0 = 64 KiB */
	unsigned conn_limit;    /* most open connections; 0 = 256 */
	unsigned timeout;       /* seconds a connection may idle; 0 = 30 */
	int threads;            /* pool threads; 0 = 4 */
	int log;                /* 1: one line per request on stderr (method, path, status, ms; never the query) */
};

/*
 * Start serving in background threads. Returns 0 and sets *out, or prints
 * why and returns -1 (bad address, port in use).
 */
int http_server_start(struct http_server **out, const struct http_config *cfg);
/* the port listened on (the chosen one when cfg->port was 0) */
int http_server_port(struct http_server *s);
/* stop serving (waits for requests in progress), free, and set *s to NULL; NULL is fine */
void http_server_stop(struct http_server **s);

#endif
