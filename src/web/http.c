/* http.c: the HTTP server core on libmicrohttpd: routing, parameters, responses */

/*
 * MHD calls on_request() several times per request: once when the headers
 * are in (we set up a struct http_ctx, refuse an oversized Content-Length
 * and start the post processor), once per piece of body (fed to the post
 * processor), and once when all is in (respond(): parameters are checked,
 * the route found, the hooks and the handler run and the response is
 * queued). on_completed() frees the context whatever happened, so an
 * aborted connection leaks nothing. Everything a request allocates hangs
 * off its context: an arena for strings, two parameter arrays and the
 * response.
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <microhttpd.h>

#include "http.h"
#include "../util/text.h"

#define DEFAULT_MAX_BODY (1024 * 1024)
#define DEFAULT_MAX_PARAMS 1000
#define DEFAULT_MAX_VALUE (64 * 1024)
#define DEFAULT_CONN_MEMORY (64 * 1024)
#define DEFAULT_CONN_LIMIT 256
#define DEFAULT_TIMEOUT 30
#define DEFAULT_THREADS 4
#define ARENA_BLOCK 4096
#define POST_BUFFER 16384
#define MAX_PATH_ARGS 4

static const char default_type[] = "text/html; charset=utf-8";
static const char form_type[] = "application/x-www-form-urlencoded";

static const struct http_param security_headers[] = {
	{ "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
				     "script-src 'self'; frame-ancestors 'none'; form-action 'self'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "same-origin" },
	{ "Cache-Control", "no-store" },
};

struct http_server {
	struct MHD_Daemon *daemon; /* the running MHD daemon */
	struct http_config cfg;    /* the configuration, defaults filled in */
	int port;                  /* the port listened on */
};

/* a block of the per-request arena; allocations are carved from mem */
struct arena_block {
	struct arena_block *next; /* the block allocated before */
	size_t used;              /* bytes of mem handed out */
	size_t size;              /* bytes in mem */
	max_align_t mem[];        /* the memory */
};

/* everything about one request; req comes first so http_alloc finds the rest */
struct http_ctx {
	struct http_request req;     /* what handlers see */
	struct http_response res;    /* what handlers fill */
	struct http_server *srv;     /* the server */
	struct arena_block *arena;   /* strings and path arguments of the request */
	size_t alloc_query;          /* slots allocated in req.query */
	size_t alloc_form;           /* slots allocated in req.form */
	struct MHD_PostProcessor *pp; /* parser of an urlencoded body, or NULL */
	int is_post;                 /* the method is POST */
	int in_field;                /* a form field is being received */
	const char *field_name;      /* its name (in the arena) */
	struct buf field;            /* its value so far, capped at max_value */
	uint64_t body_len;           /* body bytes received */
	int early;                   /* status decided before routing (400, 413, 415), or 0 */
	double start;                /* when the headers were in, for the log */
};

static void on_mhd_log(void *cls, const char *fmt, va_list ap) ATTR_PRINTF(2, 0);

/* ---- memory of a request ---- */

void *http_alloc(struct http_request *r, size_t n)
{
	struct http_ctx *c = (struct http_ctx *)r;
	struct arena_block *b = c->arena;
	const size_t align = _Alignof(max_align_t);
	char *p;

	if (n > SIZE_MAX / 2)
		BUG("http_alloc of %zu bytes", n);
	n = n ? (n + align - 1) & ~(align - 1) : align;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = c->arena;
		c->arena = b;
	}
	p = (char *)b->mem + b->used;
	b->used += n;
	return p;
}

static char *arena_strndup(struct http_request *r, const char *s, size_t n)
{
	char *p = http_alloc(r, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *http_strdup(struct http_request *r, const char *s)
{
	return arena_strndup(r, s, strlen(s));
}

/* ---- responses ---- */

static void headers_release(struct http_response *res)
{
	size_t i;

	for (i = 0; i < res->nheaders; i++) {
		free((char *)res->headers[i].name);
		free((char *)res->headers[i].value);
	}
	free(res->headers);
	res->headers = NULL;
	res->nheaders = 0;
	res->alloc_headers = 0;
}

static void response_init(struct http_response *res)
{
	memset(res, 0, sizeof(*res));
	res->status = 200;
	res->content_type = default_type;
	buf_init(&res->body, 0);
}

static void response_release(struct http_response *res)
{
	headers_release(res);
	buf_release(&res->body);
}

/* start again from an empty response with this status */
static void response_reset(struct http_response *res, int status)
{
	response_release(res);
	response_init(res);
	res->status = status;
}

static int is_tchar(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

static int token_valid(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!is_tchar((unsigned char)*s))
			return 0;
	return 1;
}

/* no CR, LF or other control character (tab is fine) */
static int header_value_valid(const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return 0;
	}
	return 1;
}

/* RFC 6265 cookie-octet */
static int cookie_value_valid(const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x21 || ch > 0x7e || ch == '"' || ch == ',' || ch == ';' || ch == '\\')
			return 0;
	}
	return 1;
}

/* a refused header: a bug in the caller, answered with 500 rather than a crash */
static void header_refused(struct http_response *res, const char *what, const char *name)
{
	fprintf(stderr, "reach: BUG: http: refused %s for header '%s'\n", what, name);
	res->failed = 1;
}

static void header_append(struct http_response *res, const char *name, const char *value)
{
	XGROW(res->headers, res->alloc_headers, res->nheaders + 1);
	res->headers[res->nheaders].name = xstrdup(name);
	res->headers[res->nheaders].value = xstrdup(value);
	res->nheaders++;
}

static struct http_param *header_find(struct http_response *res, const char *name)
{
	size_t i;

	for (i = 0; i < res->nheaders; i++)
		if (str_ieq(res->headers[i].name, name))
			return &res->headers[i];
	return NULL;
}

void http_set_header(struct http_response *res, const char *name, const char *value)
{
	struct http_param *h;

	if (!token_valid(name)) {
		header_refused(res, "a bad name", "?");
		return;
	}
	if (!header_value_valid(value)) {
		header_refused(res, "a control character in the value", name);
		return;
	}
	h = header_find(res, name);
	if (h) {
		free((char *)h->value);
		h->value = xstrdup(value);
		return;
	}
	header_append(res, name, value);
}

void http_set_cookie(struct http_response *res, const char *name, const char *value,
		     int max_age_seconds, int secure)
{
	struct buf b = BUF_INIT;

	if (!token_valid(name)) {
		header_refused(res, "a bad cookie name", "Set-Cookie");
		goto out;
	}
	if (!cookie_value_valid(value)) {
		header_refused(res, "a bad cookie value", "Set-Cookie");
		goto out;
	}
	buf_addf(&b, "%s=%s; Path=/; HttpOnly; SameSite=Strict", name, value);
	if (max_age_seconds >= 0)
		buf_addf(&b, "; Max-Age=%d", max_age_seconds);
	if (secure)
		buf_adds(&b, "; Secure");
	header_append(res, "Set-Cookie", b.data);
out:
	buf_release(&b);
}

void http_redirect(struct http_response *res, const char *location)
{
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\') {
		header_refused(res, "a location off the site", "Location");
		return;
	}
	http_set_header(res, "Location", location);
	res->status = 303;
}

const char *http_status_text(int status)
{
	if (status < 100 || status > 999)
		return "Unknown";
	return MHD_get_reason_phrase_for((unsigned)status);
}

/* ---- request parameters ---- */

static const char *param_find(const struct http_param *p, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}

const char *http_query(const struct http_request *r, const char *name)
{
	return param_find(r->query, r->nquery, name);
}

const char *http_form(const struct http_request *r, const char *name)
{
	return param_find(r->form, r->nform, name);
}

size_t http_form_all(const struct http_request *r, const char *name, const char **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].name, name))
			continue;
		if (n < max)
			out[n] = r->form[i].value;
		n++;
	}
	return n;
}

const char *http_header(const struct http_request *r, const char *name)
{
	if (!r->conn)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(const struct http_request *r, const char *name)
{
	if (!r->conn)
		return NULL;
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

/* UTF-8 without NUL: `len` is the decoded length, which counts any NUL */
static int text_valid(const char *s, size_t len)
{
	return !memchr(s, '\0', len) && utf8_valid(s, len);
}

static enum MHD_Result query_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				  size_t key_size, const char *value, size_t value_size)
{
	struct http_ctx *c = cls;
	struct http_request *r = &c->req;
	struct http_param *p;

	if (!key || !key_size)
		return MHD_YES; /* "&&" or "=x": nothing a form sends */
	if (!value) {
		value = "";
		value_size = 0;
	}
	if (r->nquery >= c->srv->cfg.max_params || value_size > c->srv->cfg.max_value ||
	    key_size > c->srv->cfg.max_value || !text_valid(key, key_size) ||
	    !text_valid(value, value_size)) {
		c->early = 400;
		return MHD_NO;
	}
	XGROW(r->query, c->alloc_query, r->nquery + 1);
	p = &r->query[r->nquery++];
	p->name = arena_strndup(r, key, key_size);
	p->value = arena_strndup(r, value, value_size);
	return MHD_YES;
}

/* store the form field received so far; -1 (and 400) if it is not valid */
static int form_field_end(struct http_ctx *c)
{
	struct http_request *r = &c->req;
	struct http_param *p;

	if (!c->in_field)
		return 0;
	c->in_field = 0;
	if (c->field.overflow || !text_valid(c->field_name, strlen(c->field_name)) ||
	    !text_valid(c->field.data, c->field.len)) {
		c->early = 400;
		return -1;
	}
	XGROW(r->form, c->alloc_form, r->nform + 1);
	p = &r->form[r->nform++];
	p->name = c->field_name;
	p->value = arena_strndup(r, c->field.data, c->field.len);
	buf_reset(&c->field);
	return 0;
}

/* MHD's post processor hands over each value in pieces, `off` bytes into it */
static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *filename, const char *content_type,
				 const char *transfer_encoding, const char *data, uint64_t off,
				 size_t size)
{
	struct http_ctx *c = cls;

	if (c->early)
		return MHD_NO;
	if (off == 0 || !c->in_field) {
		if (form_field_end(c))
			return MHD_NO;
		if (c->req.nform >= c->srv->cfg.max_params ||
		    strlen(key) > c->srv->cfg.max_value) {
			c->early = 400;
			return MHD_NO;
		}
		c->field_name = http_strdup(&c->req, key);
		c->in_field = 1;
	}
	if (size)
		buf_add(&c->field, data, size);
	if (c->field.overflow) {
		c->early = 400;
		return MHD_NO;
	}
	return MHD_YES;
}

/* application/x-www-form-urlencoded, with or without parameters */
static int is_form_type(const char *type)
{
	size_t n = strlen(form_type);

	if (!type || strncasecmp(type, form_type, n))
		return 0;
	return type[n] == '\0' || type[n] == ';' || type[n] == ' ' || type[n] == '\t';
}

/* ---- routing ---- */

/* '/' first, UTF-8, no control character, no "." or ".." segment */
static int path_valid(const char *path)
{
	const char *p;

	if (path[0] != '/' || !utf8_valid(path, strlen(path)))
		return 0;
	for (p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	for (p = path; p; p = strchr(p + 1, '/')) {
		const char *seg = p + 1;
		size_t n = strcspn(seg, "/");

		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
	}
	return 1;
}

/*
 * Match `path` against `pattern`; on a match return 1 and, if `args` is not
 * NULL, fill args[i] (start) and lens[i] for each placeholder.
 */
static int pattern_match(const char *pattern, const char *path, const char **args, size_t *lens,
			 size_t *nargs)
{
	const char *p = pattern, *s = path;
	size_t n = 0;

	while (*p) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len;

			if (!close || n >= MAX_PATH_ARGS)
				return 0;
			if (close - p == 2 && p[1] == '*') {
				len = strlen(s);
				p = close + 1;
				if (*p)
					return 0;
			} else {
				len = strcspn(s, "/");
				if (!len)
					return 0;
				p = close + 1;
			}
			if (args) {
				args[n] = s;
				lens[n] = len;
			}
			n++;
			s += len;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s)
		return 0;
	if (nargs)
		*nargs = n;
	return 1;
}

static int method_matches(const struct http_request *r, const char *route_method)
{
	if (r->head)
		return !strcmp(route_method, "GET");
	return !strcmp(route_method, r->method);
}

static void allow_add(struct buf *allow, const char *method)
{
	const char *p = allow->data;
	size_t n = strlen(method);

	while ((p = strstr(p, method))) {
		if ((p == allow->data || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return;
		p += n;
	}
	if (allow->len)
		buf_adds(allow, ", ");
	buf_adds(allow, method);
}

/*
 * The route for the request, or NULL with the methods that the path does
 * accept in `allow` (empty when no pattern matches: 404).
 */
static const struct http_route *route_find(struct http_ctx *c, struct buf *allow)
{
	const struct http_config *cfg = &c->srv->cfg;
	struct http_request *r = &c->req;
	const char *args[MAX_PATH_ARGS];
	size_t lens[MAX_PATH_ARGS], nargs = 0, i;

	for (i = 0; i < cfg->nroutes; i++) {
		const struct http_route *rt = &cfg->routes[i];

		if (!pattern_match(rt->pattern, r->path, args, lens, &nargs))
			continue;
		if (method_matches(r, rt->method)) {
			size_t k;

			for (k = 0; k < nargs; k++)
				r->path_args[k] = arena_strndup(r, args[k], lens[k]);
			r->npath_args = nargs;
			return rt;
		}
		allow_add(allow, rt->method);
		if (!strcmp(rt->method, "GET"))
			allow_add(allow, "HEAD");
	}
	return NULL;
}

/* ---- the request cycle ---- */

static struct http_ctx *ctx_new(struct http_server *s, struct MHD_Connection *conn,
				const char *url, const char *method)
{
	struct http_ctx *c = xcalloc(1, sizeof(*c));
	const union MHD_ConnectionInfo *ci;

	c->srv = s;
	c->start = now_seconds();
	c->req.conn = conn;
	c->req.ctx = s->cfg.ctx;
	c->req.method = http_strdup(&c->req, method);
	c->req.head = !strcmp(method, MHD_HTTP_METHOD_HEAD);
	c->req.path = http_strdup(&c->req, url);
	c->is_post = !strcmp(method, MHD_HTTP_METHOD_POST);
	buf_init(&c->field, s->cfg.max_value);
	response_init(&c->res);
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  c->req.client_ip, sizeof(c->req.client_ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
				  c->req.client_ip, sizeof(c->req.client_ip));
	}
	return c;
}

static void ctx_free(struct http_ctx *c)
{
	struct arena_block *b, *next;

	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	response_release(&c->res);
	buf_release(&c->field);
	free(c->req.query);
	free(c->req.form);
	for (b = c->arena; b; b = next) {
		next = b->next;
		free(b);
	}
	free(c);
}

/* the error page of the status in res, unless the body is already written */
static void render_error(struct http_ctx *c)
{
	struct http_response *res = &c->res;
	int status = res->status;

	if (status < 400 || res->body.len)
		return;
	if (c->srv->cfg.error_page) {
		c->srv->cfg.error_page(&c->req, res, status);
		if (res->failed)
			response_reset(res, status);
		res->status = status;
		if (res->body.len)
			return;
	}
	res->status = status;
	res->content_type = "text/plain; charset=utf-8";
	buf_addf(&res->body, "%d %s\n", status, http_status_text(status));
}

static void log_request(struct http_ctx *c)
{
	char path[256];
	size_t i;

	for (i = 0; c->req.path[i] && i < sizeof(path) - 1; i++) {
		unsigned char ch = (unsigned char)c->req.path[i];

		path[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	path[i] = '\0';
	fprintf(stderr, "http: %s %s %d %.1f ms\n", c->req.method, path, c->res.status,
		(now_seconds() - c->start) * 1000.0);
}

static enum MHD_Result send_response(struct http_ctx *c)
{
	struct http_response *res = &c->res;
	struct MHD_Response *mr;
	enum MHD_Result ret = MHD_NO;
	size_t len, i;
	char *body = buf_detach(&res->body, &len);

	mr = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!mr) {
		free(body);
		warning("http: cannot create a response");
		goto out;
	}
	if (!header_find(res, MHD_HTTP_HEADER_CONTENT_TYPE) &&
	    MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE,
				    res->content_type ? res->content_type : default_type) != MHD_YES)
		warning("http: refused content type '%s'", res->content_type);
	for (i = 0; i < res->nheaders; i++)
		if (MHD_add_response_header(mr, res->headers[i].name, res->headers[i].value) != MHD_YES)
			warning("http: refused header '%s'", res->headers[i].name);
	for (i = 0; i < ARRAY_LEN(security_headers); i++)
		if (!header_find(res, security_headers[i].name))
			MHD_add_response_header(mr, security_headers[i].name, security_headers[i].value);
	ret = MHD_queue_response(c->req.conn, (unsigned)res->status, mr);
	MHD_destroy_response(mr);
out:
	return ret;
}

/* parse what is left, route, run the hooks and the handler, and answer */
static enum MHD_Result respond(struct http_ctx *c)
{
	const struct http_config *cfg = &c->srv->cfg;
	struct http_request *r = &c->req;
	struct http_response *res = &c->res;
	struct buf allow = BUF_INIT;
	const struct http_route *route = NULL;
	enum MHD_Result ret;

	if (!c->early && c->pp) {
		if (MHD_destroy_post_processor(c->pp) != MHD_YES && !c->early)
			c->early = 400;
		c->pp = NULL;
	}
	if (!c->early)
		form_field_end(c);
	if (!c->early && !path_valid(r->path))
		c->early = 400;
	if (!c->early)
		MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, query_iter, c);

	if (c->early) {
		res->status = c->early;
	} else if (!(route = route_find(c, &allow))) {
		if (allow.len) {
			res->status = 405;
			http_set_header(res, "Allow", allow.data);
		} else {
			res->status = 404;
		}
	} else {
		int stop = 0;

		r->route = route;
		if (cfg->before)
			stop = cfg->before(r, res, route);
		if (stop < 0 || (!stop && route->fn(r, res)))
			response_reset(res, 500);
	}
	if (res->failed)
		response_reset(res, 500);
	render_error(c);
	if (cfg->after)
		cfg->after(r);
	r->app = NULL;
	ret = send_response(c);
	if (cfg->log)
		log_request(c);
	buf_release(&allow);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct http_server *s = cls;
	struct http_ctx *c = *con_cls;

	if (!c) {
		const char *length;
		int64_t n;

		c = ctx_new(s, conn, url, method);
		*con_cls = c;
		length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (length && (parse_i64(length, 0, INT64_MAX, &n) || (uint64_t)n > s->cfg.max_body)) {
			/* answered before the body is read: MHD then closes the connection */
			c->early = 413;
			return respond(c);
		}
		if (c->is_post && is_form_type(MHD_lookup_connection_value(
						  conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE))) {
			c->pp = MHD_create_post_processor(conn, POST_BUFFER, form_iter, c);
			if (!c->pp)
				c->early = 400;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		c->body_len += *upload_size;
		if (c->body_len > s->cfg.max_body)
			return MHD_NO; /* a chunked body past the limit: close */
		if (!c->early && c->pp) {
			if (MHD_post_process(c->pp, upload, *upload_size) != MHD_YES && !c->early)
				c->early = 400;
		} else if (!c->early && c->is_post) {
			c->early = 415;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return respond(c);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_ctx *c = *con_cls;

	if (c)
		ctx_free(c);
	*con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	warning("http: %s", msg);
}

/* ---- the server ---- */

static int routes_valid(const struct http_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nroutes; i++) {
		const struct http_route *rt = &cfg->routes[i];
		const char *p = rt->pattern, *star;
		size_t n = 0;

		if (!rt->method || !rt->pattern || !rt->fn || rt->pattern[0] != '/')
			return error("http: route %zu is incomplete", i);
		for (p = strchr(p, '{'); p; p = strchr(p + 1, '{'))
			n++;
		star = strstr(rt->pattern, "{*}");
		if (n > MAX_PATH_ARGS || (star && star[3]))
			return error("http: bad route pattern '%s'", rt->pattern);
	}
	return 0;
}

int http_server_start(struct http_server **out, const struct http_config *cfg)
{
	struct http_server *s = xcalloc(1, sizeof(*s));
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	struct sockaddr *sa;
	/*
	 * poll() rather than epoll or select: with those, MHD 0.9.75 leaves a
	 * connection hanging until its timeout when a query string has more
	 * arguments than the connection's memory holds, instead of closing it.
	 */
	unsigned flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *di;
	const char *bind;
	int ret = -1;

	*out = NULL;
	s->cfg = *cfg;
	if (!s->cfg.max_body)
		s->cfg.max_body = DEFAULT_MAX_BODY;
	if (!s->cfg.max_params)
		s->cfg.max_params = DEFAULT_MAX_PARAMS;
	if (!s->cfg.max_value)
		s->cfg.max_value = DEFAULT_MAX_VALUE;
	if (!s->cfg.conn_memory)
		s->cfg.conn_memory = DEFAULT_CONN_MEMORY;
	if (!s->cfg.conn_limit)
		s->cfg.conn_limit = DEFAULT_CONN_LIMIT;
	if (!s->cfg.timeout)
		s->cfg.timeout = DEFAULT_TIMEOUT;
	if (s->cfg.threads <= 0)
		s->cfg.threads = DEFAULT_THREADS;
	bind = s->cfg.bind ? s->cfg.bind : "127.0.0.1";
	if (cfg->port < 0 || cfg->port > 65535) {
		error("http: bad port %d", cfg->port);
		goto out;
	}
	if (routes_valid(&s->cfg))
		goto out;

	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, bind, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)cfg->port);
		sa = (struct sockaddr *)&sin;
	} else if (inet_pton(AF_INET6, bind, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)cfg->port);
		sa = (struct sockaddr *)&sin6;
		flags |= MHD_USE_IPv6;
	} else {
		error("http: bad address '%s'", bind);
		goto out;
	}

	s->daemon = MHD_start_daemon(
		flags, (uint16_t)cfg->port, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s, /* first, to catch every message */
		MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)s->cfg.threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)s->cfg.conn_memory,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)s->cfg.conn_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)s->cfg.timeout,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
		MHD_OPTION_END);
	if (!s->daemon) {
		error("http: cannot listen on '%s' port %d", bind, cfg->port);
		goto out;
	}
	di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di && di->port ? di->port : cfg->port;
	*out = s;
	s = NULL;
	ret = 0;
out:
	free(s);
	return ret;
}

int http_server_port(struct http_server *s)
{
	return s->port;
}

void http_server_stop(struct http_server **s)
{
	if (!*s)
		return;
	MHD_stop_daemon((*s)->daemon);
	free(*s);
	*s = NULL;
}
