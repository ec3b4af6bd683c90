/* ui-login.c: signing in and out, the home page redirect, static assets */
#include "app.h"
#include "assets.h"
#include "html.h"
#include "ui.h"

#include <sodium.h>

#define SESSION_COOKIE "reach_session"
#define LOGIN_CSRF_COOKIE "reach_login_csrf"

/* where to go after signing in: only a path of this site */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/search";
	return next;
}

/*
 * The sign-in form has no session yet, so its CSRF token is a random value
 * in a cookie that the form must echo (double submit): another site can
 * neither read the cookie nor set it.
 */
static void login_page(struct page *p, const char *username, const char *error, const char *notice)
{
	struct buf *b = &p->res->body;
	struct kit_errors errs = KIT_ERRORS_INIT;
	unsigned char raw[32];
	char token[65];
	const char *next = http_query(p->req, "next");
	struct buf action = BUF_INIT;

	if (!next)
		next = http_form(p->req, "next");
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
	http_set_cookie(p->res, LOGIN_CSRF_COOKIE, token, 3600, p->secure_cookies);
	if (error)
		kit_errors_add(&errs, "username", error);
	page_begin(p, page_t(p, "login.title"), 0, error != NULL);
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
	if (error)
		kit_error_summary(b, p->lang, &errs);
	if (notice)
		kit_notification_banner(b, &(struct kit_notification){ .lang = p->lang, .heading = notice });
	kit_heading(b, 1, "l", page_t(p, "login.title"));
	buf_adds(&action, "/login");
	html_raw_literal(b, "<form method=\"post\" novalidate");
	html_attr(b, "action", action.data);
	html_raw_literal(b, ">");
	kit_csrf(b, token);
	if (next) {
		html_raw_literal(b, "<input type=\"hidden\" name=\"next\"");
		html_attr(b, "value", safe_next(next));
		html_raw_literal(b, ">");
	}
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "username", .label = page_t(p, "login.username"),
					  .value = username, .error = error, .width = 20,
					  .autocomplete = "username", .spellcheck_off = 1,
					  .autocapitalize = "none" });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "password", .type = "password",
					  .label = page_t(p, "login.password"), .width = 20,
					  .autocomplete = "current-password" });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "login.continue"), .prevent_double_click = 1 });
	html_raw_literal(b, "</form></div></div>");
	page_end(p);
	kit_errors_release(&errs);
	buf_release(&action);
}

UI_HANDLER(ui_login_form)
{
	struct page *p = page_of(req);
	const char *notice = NULL;

	(void)res;
	if (p->user.id) {
		http_redirect(p->res, safe_next(http_query(req, "next")));
		return 0;
	}
	if (http_query(req, "signed_out"))
		notice = page_t(p, "login.signed_out");
	login_page(p, NULL, NULL, notice);
	return 0;
}

UI_HANDLER(ui_login_submit)
{
	struct page *p = page_of(req);
	const char *username = page_form(p, "username");
	const char *password = http_form(req, "password");
	const char *cookie = http_cookie(req, LOGIN_CSRF_COOKIE);
	struct session_out s;
	enum auth_result r;

	(void)res;
	if (!cookie || !auth_csrf_ok(cookie, http_form(req, KIT_CSRF_FIELD))) {
		login_page(p, username, page_t(p, "login.expired_form"), NULL);
		return 0;
	}
	r = auth_login(p->db, username, password ? password : "", req->client_ip, &s);
	if (r == AUTH_OK) {
		http_set_cookie(p->res, SESSION_COOKIE, s.token, -1, p->secure_cookies);
		http_set_cookie(p->res, LOGIN_CSRF_COOKIE, "", 0, p->secure_cookies);
		http_redirect(p->res, safe_next(http_form(req, "next")));
		sodium_memzero(&s, sizeof(s));
		return 0;
	}
	if (r == AUTH_ERROR)
		return page_error(p, 500);
	login_page(p, username, page_t(p, r == AUTH_THROTTLED ? "login.throttled" : "login.error"), NULL);
	return 0;
}

UI_HANDLER(ui_logout)
{
	struct page *p = page_of(req);
	const char *token = http_cookie(req, SESSION_COOKIE);

	if (token)
		auth_logout(p->db, token);
	http_set_cookie(res, SESSION_COOKIE, "", 0, p->secure_cookies);
	http_redirect(res, "/login?signed_out=1");
	return 0;
}

UI_HANDLER(ui_home)
{
	(void)req;
	http_redirect(res, "/search");
	return 0;
}

UI_HANDLER(ui_asset)
{
	const struct embedded_file *f = assets_find(req->path);

	if (!f || strncmp(req->path, "/assets/", 8)) {
		res->status = 404;
		return 0;
	}
	res->content_type = f->type;
	buf_add(&res->body, f->data, f->len);
	/* the files change only with the program */
	http_set_header(res, "Cache-Control", "public, max-age=86400");
	return 0;
}
