/* app.c: the web application around the HTTP server: a pool of database
 * connections, sessions, the CSRF rule, capabilities, error pages and the
 * page layout shared by every handler */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../pack/pack.h"
#include "../report/reach.h"
#include "../util/date.h"
#include "../util/text.h"

#include <pthread.h>

#define SESSION_COOKIE "reach_session"
#define LANG_COOKIE "reach_lang"

#define CACHE_SIZE 32

/*
 * A result computed from the data (a reach report, a list of families not
 * seen) kept while the data has not changed. Readers share it read-only;
 * `refs` counts them, so replacing an entry never frees what a page is
 * still reading.
 */
struct cache_entry {
	char *key;              /* what was asked, e.g. "reach:20454:20544:2:3" */
	uint64_t generation;    /* app generation when computed */
	uint64_t last_used;     /* for replacing the least recently used */
	void *data;             /* the result */
	void (*free_fn)(void *);/* frees data */
	int refs;               /* pages reading it, plus one while cached */
};

/* connections are opened once and handed to one request at a time */
struct app {
	struct http_server *server;  /* the HTTP server */
	struct app_config cfg;       /* how it was started */
	struct db **pool;            /* open connections */
	int *busy;                   /* pool[i] is in use */
	int npool;                   /* connections */
	pthread_mutex_t lock;        /* guards busy */
	pthread_cond_t freed;        /* a connection came back */
	uint64_t tick;               /* use counter for the cache */
	struct cache_entry *cache[CACHE_SIZE]; /* recent results */
	pthread_mutex_t cache_lock;  /* guards tick, cache and the warmer's fields */
	pthread_t warmer;            /* recomputes the reach page's first view */
	int warmer_started;          /* warmer is running */
	int stopping;                /* asks the warmer to end */
	pthread_cond_t wake;         /* wakes the warmer early (to stop) */
};

static struct db *pool_take(struct app *a, int *slot)
{
	struct db *db = NULL;

	pthread_mutex_lock(&a->lock);
	for (;;) {
		for (int i = 0; i < a->npool; i++)
			if (!a->busy[i]) {
				a->busy[i] = 1;
				*slot = i;
				db = a->pool[i];
				break;
			}
		if (db)
			break;
		pthread_cond_wait(&a->freed, &a->lock);
	}
	pthread_mutex_unlock(&a->lock);
	return db;
}

static void pool_give(struct app *a, int slot)
{
	pthread_mutex_lock(&a->lock);
	a->busy[slot] = 0;
	pthread_cond_signal(&a->freed);
	pthread_mutex_unlock(&a->lock);
}

/* the per-request state: the page plus the pool slot to give back */
struct page_state {
	struct page page;    /* what handlers see */
	int slot;            /* pool slot, -1 if none */
	uint64_t generation; /* data generation at the last page_cache_get() */
};

struct page *page_of(struct http_request *req)
{
	return req->app;
}

const char *page_t(const struct page *p, const char *key)
{
	return i18n_get(p->lang, key);
}

void page_tsub(const struct page *p, struct buf *out, const char *key, const char *a1, const char *a2)
{
	const char *args[2] = { a1, a2 };

	buf_reset(out);
	i18n_subst(out, page_t(p, key), args, a2 ? 2 : a1 ? 1 : 0);
}

void page_format_day(const struct page *p, int32_t day, struct buf *out)
{
	int y, m, d;
	char key[24];

	date_to_ymd(day, &y, &m, &d);
	snprintf(key, sizeof(key), "family.month.%d", m);
	buf_addf(out, "%d %s %d", d, page_t(p, key), y);
}

void page_format_date(const struct page *p, const char *iso, struct buf *out)
{
	char day_text[11];
	int32_t day;

	if (iso && strlen(iso) >= 10) {
		memcpy(day_text, iso, 10);
		day_text[10] = '\0';
		if (!date_parse(day_text, &day)) {
			page_format_day(p, day, out);
			return;
		}
	}
	buf_adds(out, iso ? iso : "");
}

const char *page_member_role(const struct page *p, const char *role, const char *relationship)
{
	if (role && !strcmp(role, "child"))
		return page_t(p, "family.role.child");
	if (relationship && !strcmp(relationship, "mother"))
		return page_t(p, "family.role.mother");
	if (relationship && !strcmp(relationship, "father"))
		return page_t(p, "family.role.father");
	if (relationship && !strcmp(relationship, "other"))
		return page_t(p, "family.role.other");
	return page_t(p, "family.role.carer");
}

const char *page_visit_kind(const struct page *p, const char *name)
{
	static const struct {
		const char *name, *key;
	} kinds[] = {
		{ "New birth visit", "visit_kind.new_birth" },
		{ "Moving-in visit", "visit_kind.moving_in" },
		{ "Support visit", "visit_kind.support" },
		{ "CAF referral", "visit_kind.caf_referral" },
		{ "Health visitor first visit", "visit_kind.health_visitor_first" },
	};

	for (size_t i = 0; name && i < ARRAY_LEN(kinds); i++)
		if (!strcmp(name, kinds[i].name))
			return page_t(p, kinds[i].key);
	return name ? name : "";
}

int page_db_failed(struct page *p)
{
	return error("database '%s': %s", db_path(p->db), db_errmsg(p->db));
}

/* the interface language: ?lang= (remembered in a cookie), else the cookie */
static const char *choose_lang(struct http_request *req, struct http_response *res, int secure)
{
	const char *q = http_query(req, "lang"), *c = http_cookie(req, LANG_COOKIE);

	if (q && *q) {
		const char *l = i18n_resolve(q);
		http_set_cookie(res, LANG_COOKIE, l, 365 * 24 * 3600, secure);
		return l;
	}
	return i18n_resolve(c && *c ? c : "en");
}

static int before(struct http_request *req, struct http_response *res, const struct http_route *route)
{
	struct app *a = req->ctx;
	struct page_state *ps = xcalloc(1, sizeof(*ps));
	struct page *p = &ps->page;
	const char *token;
	int action;

	req->app = ps;
	ps->slot = -1;
	p->req = req;
	p->res = res;
	p->secure_cookies = a->cfg.secure_cookies;
	user_init(&p->user);
	p->lang = choose_lang(req, res, a->cfg.secure_cookies);
	if (route->fn == ui_asset)
		return 0; /* static files need neither the database nor a session */
	p->db = pool_take(a, &ps->slot);

	token = http_cookie(req, SESSION_COOKIE);
	if (token && *token && auth_session_check(p->db, token, &p->user, p->csrf) != ST_OK) {
		user_release(&p->user);
		p->csrf[0] = '\0';
	}
	if (route->flags & ROUTE_PUBLIC)
		return 0;
	if (!p->user.id) {
		if (!strcmp(req->method, "POST")) {
			res->status = 403;
			return 1;
		}
		{
			struct buf to = BUF_INIT;
			buf_adds(&to, "/login?next=");
			html_url_arg(&to, req->path);
			http_redirect(res, to.data);
			buf_release(&to);
		}
		return 1;
	}
	/* every POST of a signed-in user carries the session's token */
	if (!strcmp(req->method, "POST") && !auth_csrf_ok(p->csrf, http_form(req, KIT_CSRF_FIELD))) {
		res->status = 403;
		return 1;
	}
	action = ROUTE_ACTION(route->flags);
	if (action >= 0 && !auth_can(&p->user, (enum action)action)) {
		res->status = 403;
		return 1;
	}
	return 0;
}

static void after(struct http_request *req)
{
	struct app *a = req->ctx;
	struct page_state *ps = req->app;

	if (!ps)
		return;
	if (ps->slot >= 0) {
		db_rollback(ps->page.db); /* a handler that failed mid-transaction */
		/* a form that went through may have changed what reports count */
		if (!strcmp(req->method, "POST") && ps->page.res->status < 400 &&
		    req->route && req->route->fn != ui_login_submit && req->route->fn != ui_logout)
			db_bump_generation(ps->page.db);
		pool_give(a, ps->slot);
	}
	user_release(&ps->page.user);
	free(ps);
	req->app = NULL;
}

static unsigned nav_of(const struct user *u)
{
	unsigned nav = 0;

	if (!u->id)
		return 0;
	if (auth_can(u, ACT_VIEW_FAMILY))
		nav |= KIT_NAV_SEARCH;
	if (auth_can(u, ACT_REGISTER_FAMILY))
		nav |= KIT_NAV_REGISTER;
	if (auth_can(u, ACT_TAKE_REGISTER))
		nav |= KIT_NAV_REGISTERS;
	if (auth_can(u, ACT_VIEW_FAMILY))
		nav |= KIT_NAV_VISITS;
	if (auth_can(u, ACT_VIEW_REPORTS))
		nav |= KIT_NAV_REACH | KIT_NAV_PACKS;
	if (auth_can(u, ACT_EXPORT))
		nav |= KIT_NAV_EXPORT;
	if (auth_can(u, ACT_REVIEW_DUPLICATES))
		nav |= KIT_NAV_DUPLICATES;
	if (auth_can(u, ACT_MANAGE_USERS) || auth_can(u, ACT_VIEW_AUDIT))
		nav |= KIT_NAV_ADMIN;
	return nav;
}

void page_begin_back(struct page *p, const char *title, unsigned nav_current, int has_errors,
		     const char *back_href)
{
	struct buf base = BUF_INIT;
	struct kit_page kp;

	/* the language menu links back to this page with its query */
	buf_adds(&base, p->req->path);
	buf_addch(&base, '?');
	for (size_t i = 0; i < p->req->nquery; i++) {
		if (!strcmp(p->req->query[i].name, "lang"))
			continue;
		html_url_arg(&base, p->req->query[i].name);
		buf_addch(&base, '=');
		html_url_arg(&base, p->req->query[i].value);
		buf_addch(&base, '&');
	}
	buf_adds(&base, "lang=");
	memset(&kp, 0, sizeof(kp));
	kp.lang = p->lang;
	kp.title = title;
	kp.has_errors = has_errors;
	kp.nav = nav_of(&p->user);
	kp.nav_current = nav_current;
	kp.user_name = p->user.id ? (p->user.display_name && *p->user.display_name ? p->user.display_name
										     : p->user.username)
				  : NULL;
	kp.csrf_token = p->csrf;
	kp.back_href = back_href;
	kp.lang_base = strcmp(p->req->method, "GET") ? NULL : base.data;
	kp.stylesheet = p->stylesheet;
	p->res->status = p->res->status ? p->res->status : 200;
	kit_page_begin(&p->res->body, &kp);
	buf_release(&base);
}

void page_begin(struct page *p, const char *title, unsigned nav_current, int has_errors)
{
	page_begin_back(p, title, nav_current, has_errors, NULL);
}

void page_end(struct page *p)
{
	struct kit_page kp;

	memset(&kp, 0, sizeof(kp));
	kp.lang = p->lang;
	kit_page_end(&p->res->body, &kp);
}

static void error_page(struct http_request *req, struct http_response *res, int status)
{
	struct page_state *ps = req->app;
	struct page local, *p;
	const char *title, *text;

	if (ps) {
		p = &ps->page;
	} else {
		/* before ran not (404, 405, 400 ...): a page without a user */
		memset(&local, 0, sizeof(local));
		user_init(&local.user);
		local.req = req;
		local.res = res;
		local.lang = i18n_resolve(http_cookie(req, LANG_COOKIE) ? http_cookie(req, LANG_COOKIE) : "en");
		p = &local;
	}
	buf_reset(&res->body);
	res->status = status;
	res->content_type = "text/html; charset=utf-8";
	if (status == 404 || status == 405) {
		title = "page.not_found";
		text = "page.not_found_text";
	} else if (status == 403) {
		title = "page.forbidden";
		text = "page.forbidden_text";
	} else if (status < 500) {
		title = "page.bad_request";
		text = "page.bad_request_text";
	} else {
		title = "page.server_error";
		text = "page.server_error_text";
	}
	page_begin(p, page_t(p, title), 0, 0);
	kit_heading(&res->body, 1, "l", page_t(p, title));
	kit_p(&res->body, page_t(p, text));
	if (status == 403 && !p->user.id)
		kit_link(&res->body, "/login", page_t(p, "login.title"));
	page_end(p);
	res->status = status;
}

static void entry_unref(struct cache_entry *e)
{
	if (--e->refs)
		return;
	e->free_fn(e->data);
	free(e->key);
	free(e);
}

/* the data generation kept in the database (imports and forms bump it),
 * remembered in the page so a result computed after a miss is filed under
 * the generation it was computed from, not a later one */
static uint64_t current_generation(struct page *p)
{
	struct page_state *ps = p->req->app;

	ps->generation = (uint64_t)db_generation(p->db);
	return ps->generation;
}

const void *page_cache_get(struct page *p, const char *key, struct cache_entry **handle)
{
	struct app *a = p->req->ctx;
	const void *data = NULL;
	uint64_t gen;

	*handle = NULL;
	pthread_mutex_lock(&a->cache_lock);
	gen = current_generation(p);
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct cache_entry *e = a->cache[i];
		if (e && e->generation == gen && !strcmp(e->key, key)) {
			e->last_used = ++a->tick;
			e->refs++;
			*handle = e;
			data = e->data;
			break;
		}
	}
	pthread_mutex_unlock(&a->cache_lock);
	return data;
}

const void *page_cache_put(struct page *p, const char *key, void *data, void (*free_fn)(void *),
			   struct cache_entry **handle)
{
	struct app *a = p->req->ctx;
	struct cache_entry *e = xcalloc(1, sizeof(*e)), **slot = NULL;

	e->key = xstrdup(key);
	e->data = data;
	e->free_fn = free_fn;
	e->refs = 2; /* the cache and the caller */
	pthread_mutex_lock(&a->cache_lock);
	e->generation = ((struct page_state *)p->req->app)->generation;
	e->last_used = ++a->tick;
	/* results of older data are never asked for again: free them now */
	for (int i = 0; i < CACHE_SIZE; i++)
		if (a->cache[i] && a->cache[i]->generation != e->generation) {
			entry_unref(a->cache[i]);
			a->cache[i] = NULL;
		}
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct cache_entry **c = &a->cache[i];
		if (!*c || (*c)->generation != e->generation) {
			slot = c;
			break;
		}
		if (!slot || (*c)->last_used < (*slot)->last_used)
			slot = c;
	}
	if (*slot)
		entry_unref(*slot);
	*slot = e;
	pthread_mutex_unlock(&a->cache_lock);
	*handle = e;
	return data;
}

void page_cache_release(struct page *p, struct cache_entry *handle)
{
	struct app *a = p->req->ctx;

	if (!handle)
		return;
	pthread_mutex_lock(&a->cache_lock);
	entry_unref(handle);
	pthread_mutex_unlock(&a->cache_lock);
}

static void free_report(void *r)
{
	reach_report_release(r);
	free(r);
}

static void free_data(void *d)
{
	struct reach_data *x = d;

	reach_data_free(&x);
}

const struct reach_data *page_reach_data(struct page *p, struct cache_entry **h)
{
	const struct reach_data *data;
	struct reach_data *loaded;

	/* one read of the whole store answers every period until the data changes */
	if ((data = page_cache_get(p, "reach-data", h)))
		return data;
	if (reach_data_load(p->db, date_from_ymd(DATE_MIN_YEAR, 1, 1), date_from_ymd(DATE_MAX_YEAR, 12, 31),
			    &loaded))
		return NULL;
	return page_cache_put(p, "reach-data", loaded, free_data, h);
}

int page_reach(struct page *p, const struct reach_opts *o, struct reach_report *out)
{
	struct cache_entry *h, *hd;
	const struct reach_report *r;
	const struct reach_data *data;
	struct reach_report *fresh;
	char key[96];

	snprintf(key, sizeof(key), "reach:%d:%d:%d:%d", (int)o->from, (int)o->to, (int)o->by, o->sustained);
	r = page_cache_get(p, key, &h);
	if (!r) {
		if (!(data = page_reach_data(p, &hd)))
			return -1;
		fresh = xmalloc(sizeof(*fresh));
		reach_compute_data(data, o, fresh);
		page_cache_release(p, hd);
		/* filed under the generation the data was read at (the last get) */
		r = page_cache_put(p, key, fresh, free_report, &h);
	}
	reach_report_copy(out, r);
	page_cache_release(p, h);
	return 0;
}

int page_error(struct page *p, int status)
{
	buf_reset(&p->res->body);
	p->res->status = status;
	return 0;
}

int page_family(struct page *p, const char *ext_id, int64_t *id)
{
	int64_t fid;

	if (!ext_id || !id_valid(ext_id))
		return page_error(p, 404), -1;
	fid = db_query_int(p->db, "SELECT id FROM families WHERE ext_id = ?", ext_id, -1);
	if (fid < 0 || !auth_family_in_scope(p->db, &p->user, fid))
		return page_error(p, 404), -1;
	*id = fid;
	return 0;
}

int page_centre_in_scope(struct page *p, int64_t centre_id)
{
	return auth_centre_in_scope(&p->user, centre_id);
}

void page_audit(struct page *p, const char *action, int64_t family_id, int64_t person_id,
		const char *detail)
{
	if (auth_audit(p->db, &p->user, action, family_id, person_id, detail) != ST_OK)
		warning("audit: could not record '%s'", action);
}

const char *page_form(struct page *p, const char *name)
{
	const char *v = http_form(p->req, name);
	char *copy;

	if (!v)
		return "";
	copy = http_strdup(p->req, v);
	return str_trim(copy);
}

const char *page_query(struct page *p, const char *name)
{
	const char *v = http_query(p->req, name);

	return v ? str_trim(http_strdup(p->req, v)) : "";
}

void page_last_quarter(int32_t *from, int32_t *to)
{
	int y, m, d, q0;

	date_to_ymd(date_today(), &y, &m, &d);
	q0 = (m - 1) / 3 * 3 + 1; /* first month of this quarter */
	*to = date_from_ymd(y, q0, 1) - 1;
	date_to_ymd(*to, &y, &m, &d);
	*from = date_from_ymd(y, m - 2, 1);
}

void page_period(struct page *p, const char **from_text, const char **to_text, int32_t *from, int32_t *to,
		 struct kit_errors *errs)
{
	int32_t dfrom, dto;
	size_t before = errs->nr;

	page_last_quarter(&dfrom, &dto);
	*from_text = page_query(p, "from");
	*to_text = page_query(p, "to");
	*from = dfrom;
	*to = dto;
	if (**from_text && date_parse(*from_text, from))
		kit_errors_add(errs, "from", page_t(p, "reach.error.from"));
	if (**to_text && date_parse(*to_text, to))
		kit_errors_add(errs, "to", page_t(p, "reach.error.to"));
	if (errs->nr == before && *from > *to)
		kit_errors_add(errs, "to", page_t(p, "reach.error.order"));
	if (errs->nr == before && *to - *from > 366 * 5)
		kit_errors_add(errs, "from", page_t(p, "reach.error.too_long"));
	if (errs->nr != before) { /* the default period beside the errors */
		*from = dfrom;
		*to = dto;
	}
}

/*
 * The warmer: when the data generation moves (an import, a saved form), it
 * computes in the background what the reach page shows first, on a
 * connection of its own, so that page is served from the cache even on a
 * large authority. Other periods are computed when first asked.
 */
static void *warm_loop(void *arg)
{
	struct app *a = arg;
	struct db *db = NULL;
	uint64_t warmed = UINT64_MAX;

	if (db_open(&db, a->cfg.db_path, 0))
		return NULL;
	pthread_mutex_lock(&a->cache_lock);
	while (!a->stopping) {
		uint64_t gen;
		struct timespec until;

		pthread_mutex_unlock(&a->cache_lock);
		gen = (uint64_t)db_generation(db);
		if (gen != warmed) {
			struct http_request req;
			struct http_response res;
			struct page_state ps;

			memset(&req, 0, sizeof(req));
			memset(&res, 0, sizeof(res));
			memset(&ps, 0, sizeof(ps));
			buf_init(&res.body, 0);
			req.ctx = a;
			req.app = &ps;
			req.method = "GET";
			req.path = "/reach";
			ps.slot = -1;
			ps.page.req = &req;
			ps.page.res = &res;
			ps.page.db = db;
			ps.page.lang = "en";
			user_init(&ps.page.user);
			ui_reach_warm(&ps.page);
			buf_release(&res.body);
			warmed = gen;
		}
		pthread_mutex_lock(&a->cache_lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		if (!a->stopping)
			pthread_cond_timedwait(&a->wake, &a->cache_lock, &until);
	}
	pthread_mutex_unlock(&a->cache_lock);
	db_close(&db);
	return NULL;
}

int app_start(struct app **out, const struct app_config *cfg)
{
	struct app *a = xcalloc(1, sizeof(*a));
	struct http_config hc;

	a->cfg = *cfg;
	a->npool = cfg->threads > 0 ? cfg->threads : 4;
	a->pool = xcalloc((size_t)a->npool, sizeof(*a->pool));
	a->busy = xcalloc((size_t)a->npool, sizeof(*a->busy));
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->freed, NULL);
	pthread_mutex_init(&a->cache_lock, NULL);
	pthread_cond_init(&a->wake, NULL);
	for (int i = 0; i < a->npool; i++) {
		if (db_open(&a->pool[i], cfg->db_path, 0) || db_require_current(a->pool[i]))
			goto fail;
	}
	memset(&hc, 0, sizeof(hc));
	hc.bind = cfg->bind;
	hc.port = cfg->port;
	hc.routes = ui_routes;
	hc.nroutes = ui_nroutes;
	hc.ctx = a;
	hc.before = before;
	hc.after = after;
	hc.error_page = error_page;
	hc.threads = a->npool;
	hc.log = cfg->log;
	if (http_server_start(&a->server, &hc))
		goto fail;
	if (!pthread_create(&a->warmer, NULL, warm_loop, a))
		a->warmer_started = 1;
	*out = a;
	return 0;
fail:
	app_stop(&a);
	return -1;
}

int app_port(struct app *a)
{
	return http_server_port(a->server);
}

void app_stop(struct app **ap)
{
	struct app *a = *ap;

	if (!a)
		return;
	http_server_stop(&a->server);
	if (a->warmer_started) {
		pthread_mutex_lock(&a->cache_lock);
		a->stopping = 1;
		pthread_cond_signal(&a->wake);
		pthread_mutex_unlock(&a->cache_lock);
		pthread_join(a->warmer, NULL);
	}
	for (int i = 0; i < a->npool; i++)
		db_close(&a->pool[i]);
	/* the font caches of PDF downloads, so a leak checker sees only real leaks */
	pack_pdf_shutdown();
	for (int i = 0; i < CACHE_SIZE; i++)
		if (a->cache[i])
			entry_unref(a->cache[i]);
	free(a->pool);
	free(a->busy);
	pthread_cond_destroy(&a->wake);
	pthread_mutex_destroy(&a->cache_lock);
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->freed);
	free(a);
	*ap = NULL;
}
