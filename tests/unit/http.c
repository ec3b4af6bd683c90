/* http.c: tests of the HTTP server core (src/web/http.c) through real sockets */
#include "test.h"
#include "../../src/web/http.h"
#include "../../src/util/buf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* route flags read by the before hook */
#define NEEDS_LOGIN 1u
#define FORBIDDEN 2u

static struct http_server *server;
static int port;
static atomic_int before_calls, after_calls, handler_calls, upload_calls;
static atomic_int last_error_status, error_page_calls;
static int server_ctx_marker;

/* ---- a tiny blocking HTTP/1.1 client ---- */

struct reply {
	int status;       /* from the status line, 0 if none came */
	struct buf head;  /* status line and headers, CRLF separated */
	struct buf body;  /* the body */
};

static void reply_init(struct reply *r)
{
	r->status = 0;
	buf_init(&r->head, 0);
	buf_init(&r->body, 0);
}

static void reply_release(struct reply *r)
{
	buf_release(&r->head);
	buf_release(&r->body);
}

static int dial(void)
{
	struct sockaddr_in sin;
	struct timeval tv = { 10, 0 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* send what we can: the server may answer and close before taking it all */
static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);

		if (k <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			return;
		}
		p += k;
		n -= (size_t)k;
	}
}

static void parse_reply(struct reply *r, const struct buf *raw)
{
	const char *end = strstr(raw->data, "\r\n\r\n");

	if (!end || strncmp(raw->data, "HTTP/1.1 ", 9))
		return;
	buf_add(&r->head, raw->data, (size_t)(end - raw->data) + 2);
	buf_add(&r->body, end + 4, raw->len - (size_t)(end + 4 - raw->data));
	if (raw->len >= 12) {
		char code[4];

		memcpy(code, raw->data + 9, 3);
		code[3] = '\0';
		if (parse_int(code, 100, 999, &r->status))
			r->status = 0;
	}
}

/* send a whole raw request and read the reply until the server closes */
static void exchange(const char *req, size_t len, struct reply *r)
{
	struct buf raw = BUF_INIT;
	char chunk[16384];
	int fd = dial();

	reply_init(r);
	if (fd < 0)
		return;
	send_all(fd, req, len);
	for (;;) {
		ssize_t k = recv(fd, chunk, sizeof(chunk), 0);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		buf_add(&raw, chunk, (size_t)k);
	}
	close(fd);
	parse_reply(r, &raw);
	buf_release(&raw);
}

static void request(const char *method, const char *target, const char *extra,
		    const char *body, struct reply *r)
{
	struct buf q = BUF_INIT;

	buf_addf(&q, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", method, target);
	if (extra)
		buf_adds(&q, extra);
	if (body)
		buf_addf(&q, "Content-Type: application/x-www-form-urlencoded\r\n"
			     "Content-Length: %zu\r\n", strlen(body));
	buf_adds(&q, "\r\n");
	if (body)
		buf_adds(&q, body);
	exchange(q.data, q.len, r);
	buf_release(&q);
}

static void get(const char *target, struct reply *r)
{
	request("GET", target, NULL, NULL, r);
}

/* number of headers called `name`; the value of the first goes to out */
static int header(const struct reply *r, const char *name, struct buf *out)
{
	const char *p = r->head.data;
	size_t n = strlen(name);
	int found = 0;

	while ((p = strstr(p, "\r\n"))) {
		p += 2;
		if (!strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1, *e = strstr(v, "\r\n");

			while (*v == ' ')
				v++;
			if (!found && out)
				buf_add(out, v, (size_t)(e - v));
			found++;
		}
	}
	return found;
}

static void assert_header(const struct reply *r, const char *name, const char *want)
{
	struct buf v = BUF_INIT;

	ck_assert_msg(header(r, name, &v) >= 1, "no header '%s'", name);
	ck_assert_str_eq(v.data, want);
	buf_release(&v);
}

/* ---- the application under test ---- */

static void add_params(struct buf *b, const struct http_param *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf_addf(b, "%s=%s\n", p[i].name, p[i].value);
}

static int h_echo(struct http_request *req, struct http_response *res)
{
	res->content_type = "text/plain; charset=utf-8";
	add_params(&res->body, req->query, req->nquery);
	return 0;
}

static int h_form(struct http_request *req, struct http_response *res)
{
	const char *vals[2];
	size_t n = http_form_all(req, "c", vals, 2), i;

	res->content_type = "text/plain; charset=utf-8";
	add_params(&res->body, req->form, req->nform);
	buf_addf(&res->body, "c*%zu", n);
	for (i = 0; i < n && i < 2; i++)
		buf_addf(&res->body, " [%s]", vals[i]);
	buf_addf(&res->body, "\nfirst c=%s\n", http_form(req, "c") ? http_form(req, "c") : "(none)");
	return 0;
}

static int h_member(struct http_request *req, struct http_response *res)
{
	buf_addf(&res->body, "%zu:%s|%s", req->npath_args, req->path_args[0], req->path_args[1]);
	return 0;
}

static int h_asset(struct http_request *req, struct http_response *res)
{
	res->content_type = "text/css";
	http_set_header(res, "Cache-Control", "public, max-age=3600");
	buf_addf(&res->body, "asset:%s", req->path_args[0]);
	return 0;
}

static int h_plain(struct http_request *req, struct http_response *res)
{
	buf_adds(&res->body, "plain");
	return 0;
}

static int h_cookie(struct http_request *req, struct http_response *res)
{
	const char *secure = http_query(req, "secure");

	http_set_cookie(res, "session", "abc123", 3600, secure && !strcmp(secure, "1"));
	http_set_cookie(res, "lang", "ar", -1, 0);
	buf_adds(&res->body, "cookies");
	return 0;
}

static int h_redirect(struct http_request *req, struct http_response *res)
{
	http_redirect(res, "/echo?from=redirect");
	return 0;
}

static int h_fail(struct http_request *req, struct http_response *res)
{
	buf_adds(&res->body, "half a page");
	http_set_header(res, "X-Leak", "no");
	return -1;
}

static int h_notfound(struct http_request *req, struct http_response *res)
{
	res->status = 404;
	return 0;
}

static int h_badheader(struct http_request *req, struct http_response *res)
{
	http_set_header(res, "X-Split", "a\r\nSet-Cookie: evil=1");
	buf_adds(&res->body, "should not be seen");
	return 0;
}

static int h_offsite(struct http_request *req, struct http_response *res)
{
	http_redirect(res, "//evil.example/");
	return 0;
}

static int h_private(struct http_request *req, struct http_response *res)
{
	atomic_fetch_add(&handler_calls, 1);
	buf_adds(&res->body, "secret page");
	return 0;
}

static int h_upload(struct http_request *req, struct http_response *res)
{
	const char *data = http_form(req, "data");

	atomic_fetch_add(&upload_calls, 1);
	buf_addf(&res->body, "len=%zu", data ? strlen(data) : (size_t)0);
	return 0;
}

static int h_whoami(struct http_request *req, struct http_response *res)
{
	const char *x = http_header(req, "x-test");
	const char *s = http_cookie(req, "session");

	buf_addf(&res->body, "x=%s session=%s ip=%s ctx=%d app=%d", x ? x : "-", s ? s : "-",
		 req->client_ip, req->ctx == &server_ctx_marker, req->app != NULL);
	return 0;
}

static const struct http_route routes[] = {
	{ "GET", "/echo", h_echo, 0 },
	{ "POST", "/form", h_form, 0 },
	{ "GET", "/families/{id}/members/{mid}", h_member, 0 },
	{ "GET", "/assets/{*}", h_asset, 0 },
	{ "GET", "/both", h_plain, 0 },
	{ "POST", "/both", h_plain, 0 },
	{ "GET", "/cookie", h_cookie, 0 },
	{ "GET", "/redirect", h_redirect, 0 },
	{ "GET", "/fail", h_fail, 0 },
	{ "GET", "/gone", h_notfound, 0 },
	{ "GET", "/badheader", h_badheader, 0 },
	{ "GET", "/offsite", h_offsite, 0 },
	{ "GET", "/private", h_private, NEEDS_LOGIN },
	{ "GET", "/forbidden", h_private, FORBIDDEN },
	{ "POST", "/upload", h_upload, 0 },
	{ "GET", "/whoami", h_whoami, 0 },
};

static int before(struct http_request *req, struct http_response *res,
		  const struct http_route *route)
{
	const char *session = http_cookie(req, "session");

	atomic_fetch_add(&before_calls, 1);
	req->app = xstrdup("per-request state");
	if ((route->flags & NEEDS_LOGIN) && (!session || strcmp(session, "ok"))) {
		http_redirect(res, "/login");
		return 1;
	}
	if (route->flags & FORBIDDEN) {
		res->status = 403;
		return 1;
	}
	return 0;
}

static void after(struct http_request *req)
{
	atomic_fetch_add(&after_calls, 1);
	free(req->app);
	req->app = NULL;
}

static void error_page(struct http_request *req, struct http_response *res, int status)
{
	atomic_fetch_add(&error_page_calls, 1);
	atomic_store(&last_error_status, status);
	buf_addf(&res->body, "<h1>Error %d</h1>", status);
}

static void start(int log)
{
	struct http_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.bind = "127.0.0.1";
	cfg.port = 0;
	cfg.routes = routes;
	cfg.nroutes = ARRAY_LEN(routes);
	cfg.ctx = &server_ctx_marker;
	cfg.before = before;
	cfg.after = after;
	cfg.error_page = error_page;
	cfg.log = log;
	atomic_store(&before_calls, 0);
	atomic_store(&after_calls, 0);
	atomic_store(&handler_calls, 0);
	atomic_store(&upload_calls, 0);
	atomic_store(&error_page_calls, 0);
	atomic_store(&last_error_status, 0);
	ck_assert_int_eq(http_server_start(&server, &cfg), 0);
	port = http_server_port(server);
	ck_assert_int_gt(port, 0);
}

static void setup(void)
{
	start(0);
}

static void teardown(void)
{
	http_server_stop(&server);
	ck_assert_ptr_null(server);
}

/* ---- tests ---- */

START_TEST(test_get_query)
{
	struct reply r;

	get("/echo?q=a%20b+c&arabic=%D8%B3%D9%84%D8%A7%D9%85&plus=1%2B1&empty=&flag&&=x&q=2", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data,
			 "q=a b c\narabic=\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\nplus=1+1\nempty=\nflag=\nq=2\n");
	assert_header(&r, "Content-Type", "text/plain; charset=utf-8");
	reply_release(&r);
}
END_TEST

START_TEST(test_post_form)
{
	struct reply r;

	request("POST", "/form", NULL,
		"name=%D8%B9%D9%84%D9%8A+Hassan&c=one&c=two&c=three&empty=&sym=%26%3D%2B", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "name=\xd8\xb9\xd9\x84\xd9\x8a Hassan\nc=one\nc=two\nc=three\n"
				      "empty=\nsym=&=+\nc*3 [one] [two]\nfirst c=one\n");
	reply_release(&r);

	/* a POST without a body has no fields */
	request("POST", "/form", "Content-Length: 0\r\n", NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "c*0\nfirst c=(none)\n");
	reply_release(&r);
}
END_TEST

START_TEST(test_post_large_value)
{
	struct reply r;
	struct buf body = BUF_INIT;
	size_t i;

	/* 60 KiB arrives in several pieces: the value is put back together */
	buf_adds(&body, "data=");
	for (i = 0; i < 60 * 1024; i++)
		buf_addch(&body, (char)('a' + i % 26));
	request("POST", "/upload", NULL, body.data, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "len=61440");
	reply_release(&r);

	/* past the 64 KiB value limit: 400, handler not run */
	for (i = 0; i < 8 * 1024; i++)
		buf_addch(&body, 'z');
	request("POST", "/upload", NULL, body.data, &r);
	ck_assert_int_eq(r.status, 400);
	ck_assert_int_eq(atomic_load(&upload_calls), 1);
	reply_release(&r);
	buf_release(&body);
}
END_TEST

START_TEST(test_path_args)
{
	struct reply r;

	get("/families/F%2D1/members/%D8%B3", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "2:F-1|\xd8\xb3");
	reply_release(&r);

	get("/families//members/x", &r);
	ck_assert_int_eq(r.status, 404);
	reply_release(&r);

	get("/assets/css/govuk.css?v=1", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "asset:css/govuk.css");
	assert_header(&r, "Cache-Control", "public, max-age=3600");
	ck_assert_int_eq(header(&r, "Cache-Control", NULL), 1);
	assert_header(&r, "Content-Type", "text/css");
	reply_release(&r);

	get("/assets/../etc/passwd", &r);
	ck_assert_int_eq(r.status, 400);
	reply_release(&r);
	get("/assets/%2E%2E/x", &r);
	ck_assert_int_eq(r.status, 400);
	reply_release(&r);
	get("/assets/./x", &r);
	ck_assert_int_eq(r.status, 400);
	reply_release(&r);
	get("/assets/.well-known..x", &r);
	ck_assert_int_eq(r.status, 200);
	reply_release(&r);
}
END_TEST

START_TEST(test_not_found_and_method)
{
	struct reply r;

	get("/nowhere", &r);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(r.body.data, "<h1>Error 404</h1>");
	ck_assert_int_eq(atomic_load(&last_error_status), 404);
	reply_release(&r);

	request("POST", "/echo", NULL, "a=1", &r);
	ck_assert_int_eq(r.status, 405);
	assert_header(&r, "Allow", "GET, HEAD");
	ck_assert_int_eq(atomic_load(&last_error_status), 405);
	reply_release(&r);

	request("DELETE", "/both", NULL, NULL, &r);
	ck_assert_int_eq(r.status, 405);
	assert_header(&r, "Allow", "GET, HEAD, POST");
	reply_release(&r);

	/* neither reaches before, but after is called for each */
	ck_assert_int_eq(atomic_load(&before_calls), 0);
	ck_assert_int_eq(atomic_load(&after_calls), 3);
}
END_TEST

START_TEST(test_head)
{
	struct reply r, g;
	struct buf len = BUF_INIT;

	request("HEAD", "/echo?q=hello", NULL, NULL, &r);
	get("/echo?q=hello", &g);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "");
	ck_assert_int_eq(header(&r, "Content-Length", &len), 1);
	ck_assert_int_eq(g.status, 200);
	ck_assert_str_eq(g.body.data, "q=hello\n");
	ck_assert_str_eq(len.data, "8");
	buf_release(&len);
	reply_release(&r);
	reply_release(&g);
}
END_TEST

START_TEST(test_security_headers)
{
	static const char *targets[] = { "/echo", "/nowhere", "/fail", "/redirect" };
	size_t i;

	for (i = 0; i < ARRAY_LEN(targets); i++) {
		struct reply r;

		get(targets[i], &r);
		ck_assert_int_ne(r.status, 0);
		assert_header(&r, "Content-Security-Policy",
			      "default-src 'self'; img-src 'self' data:; style-src 'self'; "
			      "script-src 'self'; frame-ancestors 'none'; form-action 'self'");
		assert_header(&r, "X-Content-Type-Options", "nosniff");
		assert_header(&r, "X-Frame-Options", "DENY");
		assert_header(&r, "Referrer-Policy", "same-origin");
		assert_header(&r, "Cache-Control", "no-store");
		ck_assert_int_eq(header(&r, "Cache-Control", NULL), 1);
		reply_release(&r);
	}
}
END_TEST

START_TEST(test_cookies)
{
	struct reply r;
	struct buf v = BUF_INIT;

	get("/cookie", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(header(&r, "Set-Cookie", &v), 2);
	ck_assert_str_eq(v.data, "session=abc123; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600");
	ck_assert_ptr_nonnull(strstr(r.head.data, "lang=ar; Path=/; HttpOnly; SameSite=Strict\r\n"));
	buf_reset(&v);
	reply_release(&r);

	get("/cookie?secure=1", &r);
	header(&r, "Set-Cookie", &v);
	ck_assert_str_eq(v.data,
			 "session=abc123; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure");
	buf_release(&v);
	reply_release(&r);

	/* cookies and headers of the request */
	request("GET", "/whoami", "X-Test: yes\r\nCookie: theme=dark; session=s3cr3t\r\n", NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "x=yes session=s3cr3t ip=127.0.0.1 ctx=1 app=1");
	reply_release(&r);
}
END_TEST

START_TEST(test_redirect)
{
	struct reply r;

	get("/redirect", &r);
	ck_assert_int_eq(r.status, 303);
	assert_header(&r, "Location", "/echo?from=redirect");
	reply_release(&r);

	/* a redirect off the site is refused as a bug: 500 */
	get("/offsite", &r);
	ck_assert_int_eq(r.status, 500);
	ck_assert_int_eq(header(&r, "Location", NULL), 0);
	reply_release(&r);
}
END_TEST

START_TEST(test_body_too_large)
{
	struct reply r;
	struct buf q = BUF_INIT;
	size_t n = 2 * 1024 * 1024, i;

	buf_addf(&q, "POST /upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
		     "Content-Type: application/x-www-form-urlencoded\r\n"
		     "Content-Length: %zu\r\n\r\ndata=", n);
	for (i = 5; i < n; i++)
		buf_addch(&q, 'x');
	exchange(q.data, q.len, &r);
	ck_assert_int_eq(r.status, 413);
	ck_assert_str_eq(r.body.data, "<h1>Error 413</h1>");
	ck_assert_int_eq(atomic_load(&upload_calls), 0);
	ck_assert_int_eq(atomic_load(&before_calls), 0);
	reply_release(&r);
	buf_release(&q);

	/* chunked, past the limit: the connection is closed, the handler never runs */
	buf_adds(&q, "POST /upload HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
		     "Content-Type: application/x-www-form-urlencoded\r\n"
		     "Transfer-Encoding: chunked\r\n\r\n");
	for (i = 0; i < 40; i++) {
		size_t k;

		buf_addf(&q, "%x\r\n", 65536);
		for (k = 0; k < 65536; k++)
			buf_addch(&q, i == 0 && k < 5 ? "data="[k] : 'y');
		buf_adds(&q, "\r\n");
	}
	buf_adds(&q, "0\r\n\r\n");
	exchange(q.data, q.len, &r);
	ck_assert_int_ne(r.status, 200);
	ck_assert_int_eq(atomic_load(&upload_calls), 0);
	reply_release(&r);
	buf_release(&q);

	/* and the server goes on */
	request("POST", "/upload", NULL, "data=small", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "len=5");
	reply_release(&r);
}
END_TEST

START_TEST(test_header_too_large)
{
	struct reply r;
	struct buf q = BUF_INIT;
	size_t i;

	buf_adds(&q, "GET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Big: ");
	for (i = 0; i < 100 * 1024; i++)
		buf_addch(&q, 'h');
	buf_adds(&q, "\r\n\r\n");
	exchange(q.data, q.len, &r);
	ck_assert_msg(r.status == 0 || r.status == 431 || r.status == 413 || r.status == 400,
		      "status %d", r.status);
	ck_assert_int_eq(atomic_load(&after_calls), 0);
	reply_release(&r);
	buf_release(&q);

	get("/echo?after=big", &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "after=big\n");
	reply_release(&r);
}
END_TEST

START_TEST(test_bad_parameters)
{
	static const char *targets[] = {
		"/echo?q=%C3%28",       /* invalid UTF-8 */
		"/echo?q=%ED%A0%80",    /* a surrogate */
		"/echo?q=a%00b",        /* NUL */
		"/echo?%FF=1",          /* invalid name */
		"/echo%FF",             /* invalid path */
		"/echo%0Aevil",         /* control character in the path */
	};
	struct reply r;
	struct buf many = BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_LEN(targets); i++) {
		get(targets[i], &r);
		ck_assert_msg(r.status == 400, "%s: status %d", targets[i], r.status);
		ck_assert_int_eq(atomic_load(&last_error_status), 400);
		reply_release(&r);
	}
	request("POST", "/form", NULL, "name=%C3%28", &r);
	ck_assert_int_eq(r.status, 400);
	reply_release(&r);
	request("POST", "/form", NULL, "a=1&name=x%00y", &r);
	ck_assert_int_eq(r.status, 400);
	reply_release(&r);

	/* 1000 form fields are fine, 1001 are not */
	for (i = 0; i < 1000; i++)
		buf_addf(&many, "%sa=%zu", i ? "&" : "", i % 10);
	request("POST", "/upload", NULL, many.data, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_int_eq(atomic_load(&upload_calls), 1);
	reply_release(&r);
	buf_adds(&many, "&b=1");
	request("POST", "/upload", NULL, many.data, &r);
	ck_assert_int_eq(r.status, 400);
	ck_assert_int_eq(atomic_load(&upload_calls), 1);
	reply_release(&r);

	/* a query of 2000 parameters: refused by MHD (its memory) or by http */
	buf_reset(&many);
	buf_adds(&many, "/echo?");
	for (i = 0; i < 2000; i++)
		buf_addf(&many, "%sa=%zu", i ? "&" : "", i % 10);
	get(many.data, &r);
	ck_assert_int_ne(r.status, 200);
	reply_release(&r);
	buf_release(&many);
	/* the POST that passed reached before; nothing else did */
	ck_assert_int_eq(atomic_load(&before_calls), 1);
}
END_TEST

START_TEST(test_other_content_type)
{
	struct reply r;
	static const char req[] = "POST /form HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				  "Content-Type: multipart/form-data; boundary=x\r\n"
				  "Content-Length: 3\r\n\r\nabc";

	exchange(req, sizeof(req) - 1, &r);
	ck_assert_int_eq(r.status, 415);
	ck_assert_int_eq(atomic_load(&before_calls), 0);
	reply_release(&r);
}
END_TEST

START_TEST(test_hooks)
{
	struct reply r;

	/* before short-circuits: no session, redirected to the login page */
	get("/private", &r);
	ck_assert_int_eq(r.status, 303);
	assert_header(&r, "Location", "/login");
	ck_assert_int_eq(atomic_load(&handler_calls), 0);
	reply_release(&r);

	request("GET", "/private", "Cookie: session=ok\r\n", NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.body.data, "secret page");
	ck_assert_int_eq(atomic_load(&handler_calls), 1);
	reply_release(&r);

	/* a status set by before gets its error page */
	get("/forbidden", &r);
	ck_assert_int_eq(r.status, 403);
	ck_assert_str_eq(r.body.data, "<h1>Error 403</h1>");
	ck_assert_int_eq(atomic_load(&handler_calls), 1);
	reply_release(&r);

	ck_assert_int_eq(atomic_load(&before_calls), 3);
	ck_assert_int_eq(atomic_load(&after_calls), 3);
}
END_TEST

START_TEST(test_error_pages)
{
	struct reply r;

	/* a failing handler: its half page and headers are dropped */
	get("/fail", &r);
	ck_assert_int_eq(r.status, 500);
	ck_assert_str_eq(r.body.data, "<h1>Error 500</h1>");
	ck_assert_int_eq(header(&r, "X-Leak", NULL), 0);
	ck_assert_int_eq(atomic_load(&last_error_status), 500);
	reply_release(&r);

	/* a handler that only sets the status */
	get("/gone", &r);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(r.body.data, "<h1>Error 404</h1>");
	reply_release(&r);

	/* a header with CR LF is refused: 500, no split header */
	get("/badheader", &r);
	ck_assert_int_eq(r.status, 500);
	ck_assert_int_eq(header(&r, "X-Split", NULL), 0);
	ck_assert_ptr_null(strstr(r.head.data, "evil"));
	ck_assert_str_eq(r.body.data, "<h1>Error 500</h1>");
	reply_release(&r);

	ck_assert_int_eq(atomic_load(&error_page_calls), 3);
	ck_assert_int_eq(atomic_load(&before_calls), 3);
	ck_assert_int_eq(atomic_load(&after_calls), 3);
}
END_TEST

START_TEST(test_default_error_page)
{
	struct reply r;
	struct http_config cfg;
	struct http_server *s2 = NULL;
	int saved = port;

	memset(&cfg, 0, sizeof(cfg));
	cfg.routes = routes;
	cfg.nroutes = ARRAY_LEN(routes);
	ck_assert_int_eq(http_server_start(&s2, &cfg), 0);
	port = http_server_port(s2);
	get("/nowhere", &r);
	ck_assert_int_eq(r.status, 404);
	ck_assert_str_eq(r.body.data, "404 Not Found\n");
	assert_header(&r, "Content-Type", "text/plain; charset=utf-8");
	reply_release(&r);
	http_server_stop(&s2);
	port = saved;
}
END_TEST

START_TEST(test_bad_config)
{
	struct http_config cfg;
	struct http_server *s2 = (struct http_server *)&cfg;
	static const struct http_route bad[] = { { "GET", "/{a}/{b}/{c}/{d}/{e}", h_plain, 0 } };
	static const struct http_route star[] = { { "GET", "/x/{*}/y", h_plain, 0 } };

	memset(&cfg, 0, sizeof(cfg));
	cfg.bind = "not an address";
	ck_assert_int_eq(http_server_start(&s2, &cfg), -1);
	ck_assert_ptr_null(s2);
	cfg.bind = NULL;
	cfg.routes = bad;
	cfg.nroutes = 1;
	ck_assert_int_eq(http_server_start(&s2, &cfg), -1);
	cfg.routes = star;
	ck_assert_int_eq(http_server_start(&s2, &cfg), -1);
	/* the port of the running server is taken */
	cfg.routes = routes;
	cfg.port = port;
	ck_assert_int_eq(http_server_start(&s2, &cfg), -1);
	ck_assert_ptr_null(s2);
	http_server_stop(&s2);
}
END_TEST

START_TEST(test_log)
{
	char path[] = "/tmp/reach-http-log-XXXXXX";
	int fd = mkstemp(path), saved;
	struct reply r;
	char text[4096];
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	http_server_stop(&server);
	start(1);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	get("/echo?name=Fatima", &r);
	reply_release(&r);
	get("/nowhere", &r);
	reply_release(&r);
	http_server_stop(&server);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, text, sizeof(text) - 1, 0);
	ck_assert_int_gt(n, 0);
	text[n] = '\0';
	close(fd);
	unlink(path);
	ck_assert_ptr_nonnull(strstr(text, "http: GET /echo 200 "));
	ck_assert_ptr_nonnull(strstr(text, "http: GET /nowhere 404 "));
	ck_assert_ptr_null(strstr(text, "Fatima"));
	start(0);
}
END_TEST

/* 4 client threads, 50 requests each, some of them POSTs */
static void *client(void *arg)
{
	intptr_t id = (intptr_t)arg;
	intptr_t failures = 0;
	int i;

	for (i = 0; i < 50; i++) {
		struct reply r;
		struct buf target = BUF_INIT, want = BUF_INIT;

		if (i % 5 == 4) {
			buf_addf(&target, "t=%ld&c=%d", (long)id, i);
			request("POST", "/form", NULL, target.data, &r);
			buf_addf(&want, "t=%ld\nc=%d\nc*1 [%d]\nfirst c=%d\n", (long)id, i, i, i);
		} else {
			buf_addf(&target, "/echo?t=%ld&i=%d", (long)id, i);
			get(target.data, &r);
			buf_addf(&want, "t=%ld\ni=%d\n", (long)id, i);
		}
		if (r.status != 200 || strcmp(r.body.data, want.data))
			failures++;
		reply_release(&r);
		buf_release(&target);
		buf_release(&want);
	}
	return (void *)failures;
}

START_TEST(test_concurrent)
{
	pthread_t t[4];
	intptr_t i, failures = 0;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, client, (void *)i), 0);
	for (i = 0; i < 4; i++) {
		void *f;

		pthread_join(t[i], &f);
		failures += (intptr_t)f;
	}
	ck_assert_int_eq(failures, 0);
	ck_assert_int_eq(atomic_load(&before_calls), 200);
	ck_assert_int_eq(atomic_load(&after_calls), 200);
}
END_TEST

Suite *http_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("server");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_get_query);
	tcase_add_test(tc, test_post_form);
	tcase_add_test(tc, test_post_large_value);
	tcase_add_test(tc, test_path_args);
	tcase_add_test(tc, test_not_found_and_method);
	tcase_add_test(tc, test_head);
	tcase_add_test(tc, test_security_headers);
	tcase_add_test(tc, test_cookies);
	tcase_add_test(tc, test_redirect);
	tcase_add_test(tc, test_body_too_large);
	tcase_add_test(tc, test_header_too_large);
	tcase_add_test(tc, test_bad_parameters);
	tcase_add_test(tc, test_other_content_type);
	tcase_add_test(tc, test_hooks);
	tcase_add_test(tc, test_error_pages);
	tcase_add_test(tc, test_default_error_page);
	tcase_add_test(tc, test_bad_config);
	tcase_add_test(tc, test_log);
	tcase_add_test(tc, test_concurrent);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(http_suite)
