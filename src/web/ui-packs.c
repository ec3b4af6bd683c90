/* ui-packs.c: data packs in the web application: choose an area and a period, read the
 * pack as a page (printable), download the same pack as PDF or XLSX */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../pack/pack.h"
#include "../util/date.h"
#include "../util/text.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* what the form asks, as typed and as understood */
struct pack_q {
	const char *area_text, *from_text, *to_text, *publish_text; /* as typed */
	enum area_type type;          /* AREA_LA, AREA_CLUSTER or AREA_CENTRE */
	const char *code;             /* centre code or cluster name (NULL for the LA) */
	int32_t from, to;             /* the period */
	char from_s[11], to_s[11];    /* YYYY-MM-DD */
	int publish;                  /* suppress small counts */
};

/*
 * Whether the user may have a pack of this area: admins and analysts any
 * area; managers, workers and viewers the centres they work for, and no
 * cluster or LA pack (those cover other centres' families).
 */
static int area_allowed(struct page *p, enum area_type type, const char *code)
{
	if (!auth_role_is_scoped(p->user.role))
		return 1;
	if (type != AREA_CENTRE)
		return 0;
	for (size_t i = 0; i < p->user.ncentres; i++)
		if (!strcmp(p->user.centre_codes[i], code))
			return 1;
	return 0;
}

/* 1 if the area exists (a centre code, a cluster name), 0 if not, -1 on a database failure */
static int area_exists(struct page *p, enum area_type type, const char *code)
{
	int64_t n;

	if (type == AREA_LA)
		return 1;
	n = db_query_int(p->db, type == AREA_CENTRE ? "SELECT count(*) FROM centres WHERE code = ?"
			 : "SELECT count(*) FROM centres WHERE cluster = ?", code, -1);
	return n < 0 ? -1 : n > 0;
}

/*
 * Read the query: 0 (errors may have been added), 1 for an area the user
 * may not have or that does not exist where a scoped user asks (404: ids
 * cannot be probed), -1 on a database failure.
 */
static int read_query(struct page *p, struct pack_q *q, struct kit_errors *errs)
{
	int r;

	memset(q, 0, sizeof(*q));
	q->area_text = page_query(p, "area");
	q->publish_text = page_query(p, "publish");
	page_period(p, &q->from_text, &q->to_text, &q->from, &q->to, errs);
	date_format(q->from, q->from_s);
	date_format(q->to, q->to_s);
	if (!*q->from_text)
		q->from_text = q->from_s;
	if (!*q->to_text)
		q->to_text = q->to_s;
	q->publish = !strcmp(q->publish_text, "yes");
	if (!q->publish)
		q->publish_text = "no";

	if (!strcmp(q->area_text, "la")) {
		q->type = AREA_LA;
	} else if (!strncmp(q->area_text, "centre:", 7) && q->area_text[7]) {
		q->type = AREA_CENTRE;
		q->code = q->area_text + 7;
	} else if (!strncmp(q->area_text, "cluster:", 8) && q->area_text[8]) {
		q->type = AREA_CLUSTER;
		q->code = q->area_text + 8;
	} else {
		kit_errors_add(errs, "area", page_t(p, "packs.error.area"));
		return 0;
	}
	if (!area_allowed(p, q->type, q->code))
		return 1;
	if ((r = area_exists(p, q->type, q->code)) < 0)
		return -1;
	if (!r)
		kit_errors_add(errs, "area", page_t(p, "packs.error.no_area"));
	return 0;
}

/* the areas the user may choose, as select items; the strings live in *texts */
static int area_items(struct page *p, struct kit_item **items, size_t *n, char ***texts, size_t *nt)
{
	struct db_stmt *st;
	size_t alloc = 0, talloc = 0;
	int scoped = auth_role_is_scoped(p->user.role);
	enum db_result r;

	*items = NULL;
	*texts = NULL;
	*n = *nt = 0;
	XGROW(*items, alloc, 1);
	(*items)[(*n)++] = (struct kit_item){ .value = "", .text = page_t(p, "packs.choose_area") };
	if (!scoped) {
		XGROW(*items, alloc, *n + 1);
		(*items)[(*n)++] = (struct kit_item){ .value = "la", .text = page_t(p, "packs.area.la") };
	}
	/* values and labels first (the items point into them once all are read) */
	st = db_prepare(p->db, "SELECT 'centre:' || code, code || ' ' || coalesce(name, ''), id, 0 FROM centres "
			       "UNION ALL SELECT DISTINCT 'cluster:' || cluster, cluster, 0, 1 FROM centres "
			       "WHERE cluster IS NOT NULL AND cluster <> '' ORDER BY 4, 2");
	if (!st)
		return -1;
	while ((r = db_step(st)) == DB_ROW) {
		int is_cluster = (int)db_col_int(st, 3);

		if (scoped && (is_cluster || !page_centre_in_scope(p, db_col_int(st, 2))))
			continue;
		XGROW(*texts, talloc, *nt + 3);
		(*texts)[(*nt)++] = xstrdup(db_col_text(st, 0));
		(*texts)[(*nt)++] = xstrdup(db_col_text(st, 1));
		(*texts)[(*nt)++] = is_cluster ? (char *)"c" : NULL;
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		return -1;
	for (size_t i = 0; i < *nt; i += 3) {
		XGROW(*items, alloc, *n + 1);
		(*items)[(*n)++] = (struct kit_item){
			.value = (*texts)[i], .text = (*texts)[i + 1],
			.group = page_t(p, (*texts)[i + 2] ? "packs.group.clusters" : "packs.group.centres") };
	}
	return 0;
}

static void free_texts(char **texts, size_t nt)
{
	for (size_t i = 0; i < nt; i += 3) {
		free(texts[i]);
		free(texts[i + 1]);
	}
	free(texts);
}

static int form_page(struct page *p, const struct pack_q *q, const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	struct kit_item *items;
	char **texts;
	size_t n, nt;
	const struct kit_item publish[] = {
		{ .value = "no", .text = page_t(p, "packs.publish.no") },
		{ .value = "yes", .text = page_t(p, "packs.publish.yes") },
	};

	if (area_items(p, &items, &n, &texts, &nt)) {
		free(items);
		free_texts(texts, nt);
		return page_db_failed(p);
	}
	page_begin(p, page_t(p, "packs.title"), KIT_NAV_PACKS, errs->nr > 0);
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n");
	kit_error_summary(b, p->lang, errs);
	kit_heading(b, 1, "l", page_t(p, "packs.title"));
	kit_p(b, page_t(p, "packs.intro"));
	html_raw_literal(b, "<form method=\"get\" action=\"/packs/view\" novalidate>\n");
	kit_select(b, &(struct kit_select){ .lang = p->lang, .name = "area", .label = page_t(p, "packs.area"),
					    .label_size = "s", .error = kit_errors_get(errs, "area"),
					    .items = items, .nitems = n, .value = q->area_text });
	kit_fieldset_begin(b, page_t(p, "packs.period"), "s", 0);
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "from", .label = page_t(p, "reach.from"),
					  .hint = page_t(p, "reach.date_hint"), .error = kit_errors_get(errs, "from"),
					  .value = q->from_text, .width = 10, .spellcheck_off = 1 });
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "to", .label = page_t(p, "reach.to"),
					  .hint = page_t(p, "reach.date_hint"), .error = kit_errors_get(errs, "to"),
					  .value = q->to_text, .width = 10, .spellcheck_off = 1 });
	kit_fieldset_end(b);
	kit_radios(b, &(struct kit_choices){ .lang = p->lang, .name = "publish",
					     .legend = page_t(p, "packs.publish"), .legend_size = "s",
					     .hint = page_t(p, "packs.publish_hint"), .items = publish, .nitems = 2,
					     .value = q->publish_text, .small = 1 });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.show_pack") });
	html_raw_literal(b, "</form>\n</div></div>\n");
	page_end(p);
	free(items);
	free_texts(texts, nt);
	return 0;
}

static void free_basis(void *b)
{
	pack_basis_free(b);
}

static void free_dups(void *d)
{
	pack_dups_free(d);
}

/*
 * Build the pack asked for, the store read once per period and data
 * generation (pack_basis_compute reads every child: seconds on a large
 * authority), then the area's figures. 0, or -1 (printed).
 */
static int build(struct page *p, const struct pack_q *q, struct pack *out)
{
	struct reach_opts o;
	struct cache_entry *h = NULL;
	const struct pack_basis *b;
	char key[96];
	int64_t n;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	reach_opts_init(&o);
	if (db_setting_get_int(p->db, "sustained_sessions", 3, &n) || n < 1 || n > 1000)
		return error("setting 'sustained_sessions' must be a whole number from 1 to 1000");
	o.from = q->from;
	o.to = q->to;
	o.sustained = (int)n;
	snprintf(key, sizeof(key), "pack-basis:%d:%d:%d", (int)o.from, (int)o.to, o.sustained);
	if (!(b = page_cache_get(p, key, &h))) {
		/* the duplicates (the matching engine over every person: the
		 * longest part) are the same for every period */
		struct cache_entry *hd;
		const struct pack_dups *dups = page_cache_get(p, "pack-dups", &hd);
		struct pack_basis *fresh;

		if (!dups) {
			struct pack_dups *d = pack_dups_compute(p->db);

			if (!d)
				return -1;
			dups = page_cache_put(p, "pack-dups", d, free_dups, &hd);
		}
		fresh = pack_basis_compute_dups(p->db, &o, dups);
		page_cache_release(p, hd);
		if (!fresh)
			return -1;
		b = page_cache_put(p, key, fresh, free_basis, &h);
	}
	if (pack_build(p->db, b, q->type, q->code, date_today(), out))
		goto out;
	if (q->publish)
		pack_publish(out);
	ret = 0;
out:
	page_cache_release(p, h);
	return ret;
}

/* the query string of this pack, for the links between its pages */
static void pack_args(struct buf *u, const struct pack_q *q)
{
	buf_adds(u, "area=");
	html_url_arg(u, q->area_text);
	buf_addf(u, "&from=%s&to=%s&publish=%s", q->from_s, q->to_s, q->publish ? "yes" : "no");
}

/* read the query for a pack page; 0 to go on, else the response is written */
static int checked_query(struct page *p, struct pack_q *q, struct kit_errors *errs, int *done)
{
	int r = read_query(p, q, errs);

	*done = 1;
	if (r)
		return page_error(p, r > 0 ? 404 : 500);
	if (errs->nr)
		return form_page(p, q, errs) ? page_error(p, 500) : 0;
	*done = 0;
	return 0;
}

UI_HANDLER(ui_packs)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct pack_q q;
	int ret = 0;

	(void)res;
	/* the form, filled from the query (the back link of a pack); no errors
	 * shown: nothing has been asked for yet */
	if (read_query(p, &q, &errs) < 0) {
		ret = page_error(p, 500);
	} else {
		kit_errors_release(&errs);
		ret = form_page(p, &q, &errs) ? page_error(p, 500) : 0;
	}
	kit_errors_release(&errs);
	return ret;
}

UI_HANDLER(ui_pack_view)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct buf t = BUF_INIT, back = BUF_INIT;
	struct pack pk;
	struct pack_q q;
	int done, ret;

	memset(&pk, 0, sizeof(pk));
	ret = checked_query(p, &q, &errs, &done);
	if (done)
		goto out;
	if (build(p, &q, &pk)) {
		ret = page_error(p, 500);
		goto out;
	}
	buf_adds(&back, "/packs?");
	pack_args(&back, &q);
	buf_addf(&t, "%s %s", pk.code, pk.name);
	p->stylesheet = "/assets/pack.css";
	page_begin_back(p, t.data, KIT_NAV_PACKS, 0, back.data);
	html_raw_literal(b, "<div class=\"reach-pack-noprint\">\n");
	kit_inset_text(b, page_t(p, "packs.print_hint"));
	if (strcmp(p->lang, "en"))
		kit_p(b, page_t(p, "packs.english_only"));
	if (auth_can(&p->user, ACT_EXPORT)) {
		html_raw_literal(b, "<ul class=\"govuk-list\">\n<li>");
		buf_reset(&t);
		buf_adds(&t, "/packs/pack.pdf?");
		pack_args(&t, &q);
		kit_link(b, t.data, page_t(p, "packs.download_pdf"));
		html_raw_literal(b, "</li>\n<li>");
		buf_reset(&t);
		buf_adds(&t, "/packs/pack.xlsx?");
		pack_args(&t, &q);
		kit_link(b, t.data, page_t(p, "packs.download_xlsx"));
		html_raw_literal(b, "</li>\n</ul>\n");
	}
	html_raw_literal(b, "</div>\n");
	pack_write_html(&pk, b, PACK_HTML_FRAGMENT);
	page_end(p);
out:
	pack_release(&pk);
	kit_errors_release(&errs);
	buf_release(&t);
	buf_release(&back);
	return ret;
}

/* the file's contents into out; 0 or -1 (printed) */
static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t got;
	int ret = 0;

	if (!f)
		return error("cannot read '%s': %s", path, strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, got);
	if (ferror(f))
		ret = error("cannot read '%s': %s", path, strerror(errno));
	fclose(f);
	return ret;
}

/* pango and fontconfig are shared by the server's threads: one PDF at a time */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

/* the pack as a file through a temporary file (the writers write to paths), audited */
static int download(struct http_request *req, struct http_response *res, int pdf)
{
	struct page *p = page_of(req);
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct buf file = BUF_INIT, detail = BUF_INIT;
	struct pack pk;
	struct pack_q q;
	char tmp[64], disp[200];
	const char *tmpdir = getenv("TMPDIR");
	int fd = -1, done, ret, w;

	memset(&pk, 0, sizeof(pk));
	tmp[0] = '\0';
	ret = checked_query(p, &q, &errs, &done);
	if (done)
		goto out;
	if (build(p, &q, &pk))
		goto fail;
	snprintf(tmp, sizeof(tmp), "%s/reach-pack-XXXXXX", tmpdir && *tmpdir && strlen(tmpdir) < 40 ? tmpdir
										 : "/tmp");
	if ((fd = mkstemp(tmp)) < 0) {
		error("cannot make a temporary file: %s", strerror(errno));
		tmp[0] = '\0';
		goto fail;
	}
	close(fd);
	if (pdf) {
		pthread_mutex_lock(&pdf_lock);
		w = pack_write_pdf(&pk, tmp);
		pthread_mutex_unlock(&pdf_lock);
	} else {
		w = pack_write_xlsx(&pk, tmp);
	}
	if (w || read_file(tmp, &file))
		goto fail;
	buf_addf(&detail, "data pack %s: %s %s, %s to %s, %s", pdf ? "pdf" : "xlsx", area_type_name(q.type),
		 q.type == AREA_LA ? "" : q.code, q.from_s, q.to_s, q.publish ? "for publication" : "not for publication");
	page_audit(p, "export", 0, 0, detail.data);
	/* a file name of letters, digits and dashes only */
	buf_reset(&detail);
	buf_addf(&detail, "pack-%s-%s-%s-to-%s", area_type_name(q.type), q.type == AREA_LA ? "la" : q.code,
		 q.from_s, q.to_s);
	for (size_t i = 0; i < detail.len; i++) {
		char c = detail.data[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
			detail.data[i] = '-';
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"%.150s.%s\"", detail.data, pdf ? "pdf" : "xlsx");
	res->content_type = pdf ? "application/pdf" : XLSX_TYPE;
	http_set_header(res, "Content-Disposition", disp);
	buf_reset(&res->body);
	buf_add(&res->body, file.data, file.len);
	ret = 0;
	goto out;
fail:
	ret = page_error(p, 500);
out:
	if (tmp[0])
		remove(tmp);
	pack_release(&pk);
	kit_errors_release(&errs);
	buf_release(&file);
	buf_release(&detail);
	return ret;
}

UI_HANDLER(ui_pack_pdf)
{
	return download(req, res, 1);
}

UI_HANDLER(ui_pack_xlsx)
{
	return download(req, res, 0);
}
