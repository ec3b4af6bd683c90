/* ui-reach.c: the reach report as a page: table, bar charts, new families, families not seen */
#include "app.h"
#include "../chart/chart.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../report/engagement.h"
#include "../report/reach.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/text.h"

#define UNSEEN_MONTHS 6   /* "not seen in 6 months" */
#define UNSEEN_PAGE 50    /* families a page */

struct reach_q {
	const char *from_text, *to_text; /* as typed */
	int32_t from, to;                /* the period */
	char from_s[11], to_s[11];       /* the same as YYYY-MM-DD */
	enum area_type by;               /* areas */
	const char *by_text;             /* "centre" ... */
	enum reach_group group;          /* which children */
	const char *group_text;          /* "all" ... */
};

static void read_query(struct page *p, struct reach_q *q, struct kit_errors *errs)
{
	memset(q, 0, sizeof(*q));
	page_period(p, &q->from_text, &q->to_text, &q->from, &q->to, errs);
	q->by_text = page_query(p, "by");
	q->group_text = page_query(p, "group");
	if (!*q->by_text || area_type_parse(q->by_text, &q->by)) {
		q->by = AREA_CENTRE;
		q->by_text = "centre";
	}
	q->group = GROUP_ALL;
	for (int g = 0; g < GROUP_COUNT; g++)
		if (!strcmp(q->group_text, reach_group_name((enum reach_group)g)))
			q->group = (enum reach_group)g;
	q->group_text = reach_group_name(q->group);
	date_format(q->from, q->from_s);
	date_format(q->to, q->to_s);
	if (!*q->from_text)
		q->from_text = q->from_s;
	if (!*q->to_text)
		q->to_text = q->to_s;
}

/*
 * The areas a scoped user may see: their centres (by centre), the LSOAs of
 * their centres' reach areas (by lsoa), and the clusters and authorities
 * holding those LSOAs. 0, or -1 on a database failure.
 */
static int visible_areas(struct page *p, enum area_type by, struct strmap *m)
{
	static const char *const sql[] = {
		[AREA_LA] = "SELECT DISTINCT l.la_code FROM reach_areas r JOIN lsoas l ON l.code = r.lsoa_code "
			    "WHERE r.centre_id = ?",
		[AREA_CLUSTER] = "SELECT DISTINCT c.cluster FROM reach_areas r JOIN centres c ON c.id = r.centre_id "
				 "WHERE c.cluster IS NOT NULL AND r.lsoa_code IN "
				 "(SELECT lsoa_code FROM reach_areas WHERE centre_id = ?)",
		[AREA_CENTRE] = "SELECT code FROM centres WHERE id = ?",
		[AREA_LSOA] = "SELECT lsoa_code FROM reach_areas WHERE centre_id = ?",
	};
	struct db_stmt *st = db_prepare(p->db, sql[by]);
	enum db_result r = DB_DONE;

	if (!st)
		return -1;
	for (size_t i = 0; i < p->user.ncentres && r != DB_ERROR; i++) {
		db_bind_int(st, 1, p->user.centres[i]);
		while ((r = db_step(st)) == DB_ROW)
			if (!db_col_null(st, 0))
				strmap_put(m, db_col_text(st, 0), 1);
		db_reset(st);
	}
	db_finalize(&st);
	return r == DB_ERROR ? -1 : 0;
}

static const char *area_label(const struct reach_row *r)
{
	if (r->type == AREA_UNKNOWN)
		return NULL;
	return r->name && *r->name ? r->name : r->code;
}

static void pct_text(struct buf *out, int64_t count, int64_t pop)
{
	int64_t t = reach_pct_tenths(count, pop);

	buf_addf(out, "%lld.%lld%%", (long long)(t / 10), (long long)(t % 10));
}

static enum kit_colour words_colour(int64_t pct)
{
	if (pct >= 65)
		return KIT_TAG_GREEN;
	if (pct >= 35)
		return KIT_TAG_YELLOW;
	return KIT_TAG_RED;
}

static const char *words_text(struct page *p, int64_t pct, struct buf *key)
{
	buf_reset(key);
	buf_adds(key, "ofsted.");
	for (const char *w = ofsted_words(pct); *w; w++)
		buf_addch(key, *w == ' ' ? '_' : *w);
	return page_t(p, key->data);
}

static void reach_url(struct buf *u, const struct reach_q *q, const char *extra)
{
	buf_adds(u, "/reach?from=");
	buf_adds(u, q->from_s);
	buf_adds(u, "&to=");
	buf_adds(u, q->to_s);
	buf_adds(u, "&by=");
	html_url_arg(u, q->by_text);
	if (extra)
		buf_adds(u, extra);
}

static void filter_form(struct page *p, const struct reach_q *q, const struct kit_errors *errs)
{
	struct buf *b = &p->res->body;
	struct kit_item by_items[4], group_items[GROUP_COUNT];
	static const char *const by_keys[] = { "reach.by.centre", "reach.by.cluster", "reach.by.lsoa", "reach.by.la" };
	static const char *const by_values[] = { "centre", "cluster", "lsoa", "la" };
	struct buf key = BUF_INIT;
	char *gtexts[GROUP_COUNT];

	for (int i = 0; i < 4; i++)
		by_items[i] = (struct kit_item){ .value = by_values[i], .text = page_t(p, by_keys[i]) };
	for (int g = 0; g < GROUP_COUNT; g++) {
		buf_reset(&key);
		buf_addf(&key, "reach.group.%s", reach_group_name((enum reach_group)g));
		gtexts[g] = xstrdup(page_t(p, key.data));
		group_items[g] = (struct kit_item){ .value = reach_group_name((enum reach_group)g), .text = gtexts[g] };
	}
	html_raw_literal(b, "<form method=\"get\" action=\"/reach\" novalidate class=\"reach-filter\">\n");
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "from", .label = page_t(p, "reach.from"),
					  .hint = page_t(p, "reach.date_hint"), .error = kit_errors_get(errs, "from"),
					  .value = q->from_text, .width = 10, .spellcheck_off = 1 });
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_input(b, &(struct kit_input){ .lang = p->lang, .name = "to", .label = page_t(p, "reach.to"),
					  .hint = page_t(p, "reach.date_hint"), .error = kit_errors_get(errs, "to"),
					  .value = q->to_text, .width = 10, .spellcheck_off = 1 });
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_select(b, &(struct kit_select){ .lang = p->lang, .name = "by", .label = page_t(p, "reach.area"),
					    .items = by_items, .nitems = 4, .value = q->by_text });
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-one-quarter\">\n");
	kit_select(b, &(struct kit_select){ .lang = p->lang, .name = "group", .label = page_t(p, "reach.group"),
					    .items = group_items, .nitems = GROUP_COUNT, .value = q->group_text });
	html_raw_literal(b, "</div></div>\n");
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.show_report"), .kind = KIT_BUTTON_SECONDARY });
	html_raw_literal(b, "</form>\n");
	for (int g = 0; g < GROUP_COUNT; g++)
		free(gtexts[g]);
	buf_release(&key);
}

/* the rows to show: the group's rows of the areas the user may see */
static size_t pick_rows(struct page *p, const struct reach_report *r, const struct reach_q *q,
			const struct strmap *visible, const struct reach_row **out)
{
	int scoped = auth_role_is_scoped(p->user.role);
	size_t n = 0;
	int64_t dummy;

	for (size_t i = 0; i < r->nrows; i++) {
		const struct reach_row *row = &r->rows[i];

		if (row->group != q->group)
			continue;
		if (scoped && (row->type == AREA_UNKNOWN || !strmap_get(visible, row->code, &dummy)))
			continue;
		if (row->type == AREA_UNKNOWN && !row->registered)
			continue;
		out[n++] = row;
	}
	return n;
}

static void reach_table(struct page *p, const struct reach_q *q, const struct reach_row **rows, size_t n)
{
	struct buf *b = &p->res->body;
	struct buf t = BUF_INIT, key = BUF_INIT;
	int all = q->group == GROUP_ALL;
	struct kit_table_col cols_all[] = {
		{ page_t(p, "reach.area"), 0 },
		{ page_t(p, "reach.under5"), 1 },
		{ page_t(p, "reach.registered"), 1 },
		{ page_t(p, "reach.engaged"), 1 },
		{ page_t(p, "reach.sustained"), 1 },
		{ page_t(p, "reach.words"), 0 },
	};
	struct kit_table_col cols_group[] = {
		{ page_t(p, "reach.area"), 0 },
		{ page_t(p, "reach.registered"), 1 },
		{ page_t(p, "reach.engaged"), 1 },
		{ page_t(p, "reach.sustained"), 1 },
	};

	html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
	kit_table_begin(b, &(struct kit_table){ .caption = page_t(p, "reach.table_caption"), .caption_size = "m",
						.cols = all ? cols_all : cols_group,
						.ncols = all ? ARRAY_LEN(cols_all) : ARRAY_LEN(cols_group),
						.first_cell_is_header = 1 });
	for (size_t i = 0; i < n; i++) {
		const struct reach_row *r = rows[i];
		int full = all && r->has_population && r->population > 0 && r->type != AREA_UNKNOWN;
		const char *label = area_label(r);

		kit_table_row_begin(b);
		buf_reset(&t);
		if (label) {
			buf_adds(&t, label);
			if (r->name && *r->name && strcmp(r->name, r->code))
				buf_addf(&t, " (%s)", r->code);
		} else {
			buf_adds(&t, page_t(p, "reach.unknown_area"));
		}
		kit_table_row_header(b, t.data);
		if (all) {
			if (full)
				kit_table_cellf(b, 1, "%lld", (long long)r->population);
			else
				kit_table_cell(b, "\xE2\x80\x93", 1);
		}
		buf_reset(&t);
		buf_addf(&t, "%lld", (long long)r->registered);
		if (full) {
			buf_adds(&t, " (");
			pct_text(&t, r->registered, r->population);
			buf_adds(&t, ")");
		}
		kit_table_cell(b, t.data, 1);
		buf_reset(&t);
		buf_addf(&t, "%lld", (long long)r->engaged);
		if (full) {
			buf_adds(&t, " (");
			pct_text(&t, r->engaged, r->population);
			buf_adds(&t, ")");
		}
		kit_table_cell(b, t.data, 1);
		kit_table_cellf(b, 1, "%lld", (long long)r->sustained);
		if (all) {
			kit_table_cell_begin(b, 0);
			if (full) {
				int64_t pct = reach_pct_whole(r->registered, r->population);

				kit_tag(b, words_text(p, pct, &key), words_colour(pct));
			}
			kit_table_cell_end(b);
		}
		kit_table_row_end(b);
	}
	if (!n) {
		kit_table_row_begin(b);
		kit_table_cell(b, page_t(p, "reach.no_rows"), 0);
		kit_table_row_end(b);
	}
	kit_table_end(b);
	html_raw_literal(b, "</div>\n");
	buf_release(&t);
	buf_release(&key);
}

/* registered % and took part % per area, with all the areas shown together highlighted */
static void reach_charts(struct page *p, const struct reach_row **rows, size_t n)
{
	struct buf *b = &p->res->body;
	const char **labels = xcalloc(n + 1, sizeof(*labels));
	double *reg = xcalloc(n + 1, sizeof(*reg)), *eng = xcalloc(n + 1, sizeof(*eng));
	int64_t pop = 0, nreg = 0, neng = 0;
	size_t m = 0;
	long highlight = -1;

	for (size_t i = 0; i < n; i++) {
		const struct reach_row *r = rows[i];

		if (!r->has_population || r->population <= 0 || r->type == AREA_UNKNOWN)
			continue;
		labels[m] = area_label(r);
		reg[m] = reach_pct_tenths(r->registered, r->population) / 10.0;
		eng[m] = reach_pct_tenths(r->engaged, r->population) / 10.0;
		pop += r->population;
		nreg += r->registered;
		neng += r->engaged;
		m++;
	}
	if (m > 1) {
		labels[m] = page_t(p, "reach.all_areas");
		reg[m] = reach_pct_tenths(nreg, pop) / 10.0;
		eng[m] = reach_pct_tenths(neng, pop) / 10.0;
		highlight = (long)m++;
	}
	if (m) {
		html_raw_literal(b, "<h2 class=\"govuk-heading-m\">");
		html_text(b, page_t(p, "reach.chart_title"));
		html_raw_literal(b, "</h2>\n");
		if (highlight >= 0)
			kit_p(b, page_t(p, "reach.chart_hint"));
		html_raw_literal(b, "<h3 class=\"govuk-heading-s\">");
		html_text(b, page_t(p, "reach.chart_registered"));
		html_raw_literal(b, "</h3>\n");
		html_raw_literal(b, "<div class=\"reach-chart-scroll\">");
		chart_bars_svg(b, &(struct chart_bars){ .id = "chart-registered",
							 .title = page_t(p, "reach.chart_registered"),
							 .labels = labels, .values = reg, .n = m, .max = 100,
							 .highlight = highlight, .unit = "%", .decimals = 1,
							 .sort = 1, .width = 760 });
		html_raw_literal(b, "</div>");
		html_raw_literal(b, "<h3 class=\"govuk-heading-s\">");
		html_text(b, page_t(p, "reach.chart_engaged"));
		html_raw_literal(b, "</h3>\n");
		html_raw_literal(b, "<div class=\"reach-chart-scroll\">");
		chart_bars_svg(b, &(struct chart_bars){ .id = "chart-engaged",
							 .title = page_t(p, "reach.chart_engaged"),
							 .labels = labels, .values = eng, .n = m, .max = 100,
							 .highlight = highlight, .unit = "%", .decimals = 1,
							 .sort = 1, .width = 760 });
		html_raw_literal(b, "</div>");
	}
	free(labels);
	free(reg);
	free(eng);
}

static void month_label(struct page *p, int y, int m, struct buf *out)
{
	char key[32];

	snprintf(key, sizeof(key), "reach.month.%d", m);
	buf_addf(out, "%s %d", page_t(p, key), y);
}

/* the cache key part naming the centres a result is limited to */
static void filter_key(struct buf *key, const struct centre_filter *cf)
{
	if (!cf || !cf->ids) {
		buf_adds(key, ":all");
		return;
	}
	for (size_t i = 0; i < cf->n; i++)
		buf_addf(key, ":%lld", (long long)cf->ids[i]);
}

struct month_counts {
	struct month_count *v; /* months */
	size_t n;              /* how many */
};

static void free_month_counts(void *d)
{
	struct month_counts *m = d;

	free(m->v);
	free(m);
}

static void free_unseen(void *d)
{
	unseen_list_release(d);
	free(d);
}

/* engagement_new_families() through the server's cache; *v is the caller's copy */
static int cached_new_families(struct page *p, int32_t from, int32_t to, const struct centre_filter *cf,
			       struct month_count **v, size_t *n)
{
	struct buf key = BUF_INIT;
	struct cache_entry *h;
	const struct month_counts *m;
	int ret = -1;

	buf_addf(&key, "new_families:%d:%d", (int)from, (int)to);
	filter_key(&key, cf);
	if (!(m = page_cache_get(p, key.data, &h))) {
		struct month_counts *fresh = xcalloc(1, sizeof(*fresh));
		struct cache_entry *hd;
		const struct reach_data *d = page_reach_data(p, &hd);
		if (!d || engagement_new_families_data(d, from, to, cf, &fresh->v, &fresh->n)) {
			page_cache_release(p, hd);
			free(fresh);
			goto out;
		}
		page_cache_release(p, hd);
		m = page_cache_put(p, key.data, fresh, free_month_counts, &h);
	}
	*n = m->n;
	*v = xmalloc((m->n ? m->n : 1) * sizeof(**v));
	memcpy(*v, m->v, m->n * sizeof(**v));
	page_cache_release(p, h);
	ret = 0;
out:
	buf_release(&key);
	return ret;
}

/* engagement_unseen() through the server's cache: read-only until released */
static const struct unseen_list *cached_unseen(struct page *p, int32_t on, const struct centre_filter *cf,
					       struct cache_entry **h)
{
	struct buf key = BUF_INIT;
	const struct unseen_list *l;

	buf_addf(&key, "unseen:%d:%d", (int)on, UNSEEN_MONTHS);
	filter_key(&key, cf);
	if (!(l = page_cache_get(p, key.data, h))) {
		struct unseen_list *fresh = xcalloc(1, sizeof(*fresh));
		struct cache_entry *hd;
		const struct reach_data *d = page_reach_data(p, &hd);
		if (!d || engagement_unseen_data(p->db, d, on, UNSEEN_MONTHS, cf, fresh)) {
			page_cache_release(p, hd);
			free(fresh);
			buf_release(&key);
			return NULL;
		}
		page_cache_release(p, hd);
		l = page_cache_put(p, key.data, fresh, free_unseen, h);
	}
	buf_release(&key);
	return l;
}

static int new_families(struct page *p, const struct reach_q *q, const struct centre_filter *cf)
{
	struct buf *b = &p->res->body;
	struct month_count *v = NULL;
	size_t n = 0;
	struct kit_table_col cols[] = {
		{ page_t(p, "reach.month"), 0 },
		{ page_t(p, "reach.families"), 1 },
		{ page_t(p, "reach.children"), 1 },
	};
	struct buf *labels_buf = NULL;
	const char **labels = NULL;
	double *values = NULL;
	int ret = -1;

	if (cached_new_families(p, q->from, q->to, cf, &v, &n))
		goto out;
	html_raw_literal(b, "<h2 class=\"govuk-heading-m\">");
	html_text(b, page_t(p, "reach.new_families"));
	html_raw_literal(b, "</h2>\n");
	labels_buf = xcalloc(n + 1, sizeof(*labels_buf));
	labels = xcalloc(n + 1, sizeof(*labels));
	values = xcalloc(n + 1, sizeof(*values));
	html_raw_literal(b, "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-one-third\">\n");
	kit_table_begin(b, &(struct kit_table){ .cols = cols, .ncols = 3, .first_cell_is_header = 1 });
	for (size_t i = 0; i < n; i++) {
		buf_init(&labels_buf[i], 0);
		month_label(p, v[i].year, v[i].month, &labels_buf[i]);
		labels[i] = labels_buf[i].data;
		values[i] = (double)v[i].families;
		kit_table_row_begin(b);
		kit_table_row_header(b, labels[i]);
		kit_table_cellf(b, 1, "%lld", (long long)v[i].families);
		kit_table_cellf(b, 1, "%lld", (long long)v[i].children);
		kit_table_row_end(b);
	}
	kit_table_end(b);
	html_raw_literal(b, "</div><div class=\"govuk-grid-column-two-thirds\">\n");
	if (n <= 24) {
		html_raw_literal(b, "<div class=\"reach-chart-scroll\">");
		chart_bars_svg(b, &(struct chart_bars){ .id = "chart-new", .title = page_t(p, "reach.new_families"),
							 .labels = labels, .values = values, .n = n,
							 .highlight = -1, .width = 560 });
		html_raw_literal(b, "</div>");
	}
	html_raw_literal(b, "</div></div>\n");
	ret = 0;
out:
	for (size_t i = 0; labels_buf && i < n; i++)
		buf_release(&labels_buf[i]);
	free(labels_buf);
	free(labels);
	free(values);
	free(v);
	return ret;
}

static int unseen_page(struct page *p, const struct reach_q *q, const struct centre_filter *cf)
{
	struct buf *b = &p->res->body;
	const struct unseen_list *lp;
	struct cache_entry *h = NULL;
	struct buf t = BUF_INIT, back = BUF_INIT, prev = BUF_INIT, next = BUF_INIT;
	struct kit_table_col cols[] = {
		{ page_t(p, "reach.family"), 0 },
		{ page_t(p, "reach.postcode"), 0 },
		{ page_t(p, "reach.centre"), 0 },
		{ page_t(p, "reach.first_registered"), 0 },
		{ page_t(p, "reach.last_seen"), 0 },
		{ page_t(p, "reach.children_under5"), 1 },
	};
	const char *pg = http_query(p->req, "page");
	int page = 1, npages;
	char d[11], n1[24], n2[24], n3[24];
	const char *args[3] = { n1, n2, n3 };
	size_t first, last;

	if (!(lp = cached_unseen(p, q->to, cf, &h)))
		return -1;
	npages = (int)((lp->n + UNSEEN_PAGE - 1) / UNSEEN_PAGE);
	if (npages < 1)
		npages = 1;
	if (pg && parse_int(pg, 1, 1000000, &page))
		page = 1;
	if (page > npages)
		page = npages;
	first = (size_t)(page - 1) * UNSEEN_PAGE;
	last = first + UNSEEN_PAGE < lp->n ? first + UNSEEN_PAGE : lp->n;

	reach_url(&back, q, NULL);
	page_begin_back(p, page_t(p, "reach.not_seen"), KIT_NAV_REACH, 0, back.data);
	kit_heading(b, 1, "l", page_t(p, "reach.not_seen"));
	snprintf(n1, sizeof(n1), "%zu", lp->n);
	snprintf(n2, sizeof(n2), "%s", q->to_s);
	snprintf(n3, sizeof(n3), "%d", UNSEEN_MONTHS);
	i18n_subst(&t, page_t(p, "reach.not_seen_count"), args, 3);
	kit_p(b, t.data);
	if (lp->n) {
		html_raw_literal(b, "<div class=\"reach-table-wrap\">\n");
		kit_table_begin(b, &(struct kit_table){ .cols = cols, .ncols = ARRAY_LEN(cols) });
		for (size_t i = first; i < last; i++) {
			const struct unseen_family *u = &lp->v[i];

			kit_table_row_begin(b);
			buf_reset(&t);
			buf_adds(&t, "/families/");
			html_url_arg(&t, u->family_id);
			kit_table_cell_link(b, t.data, u->family_id, 0);
			kit_table_cell(b, u->postcode ? u->postcode : "", 0);
			kit_table_cell(b, u->centre_code ? u->centre_code : "", 0);
			date_format(u->registered, d);
			kit_table_cell(b, d, 0);
			if (u->last_seen == DATE_NONE) {
				kit_table_cell(b, page_t(p, "reach.never"), 0);
			} else {
				date_format(u->last_seen, d);
				kit_table_cell(b, d, 0);
			}
			kit_table_cellf(b, 1, "%d", u->children_under5);
			kit_table_row_end(b);
		}
		kit_table_end(b);
		html_raw_literal(b, "</div>\n");
	}
	if (page > 1) {
		reach_url(&prev, q, NULL);
		buf_addf(&prev, "&view=unseen&page=%d", page - 1);
	}
	if (page < npages) {
		reach_url(&next, q, NULL);
		buf_addf(&next, "&view=unseen&page=%d", page + 1);
	}
	{
		struct buf nt = BUF_INIT;

		snprintf(n2, sizeof(n2), "%d", npages);
		snprintf(n1, sizeof(n1), "%d", page - 1);
		buf_reset(&t);
		i18n_subst(&t, page_t(p, "reach.page_of"), args, 2);
		snprintf(n1, sizeof(n1), "%d", page + 1);
		i18n_subst(&nt, page_t(p, "reach.page_of"), args, 2);
		kit_pagination(b, &(struct kit_pagination){ .lang = p->lang,
							    .prev_href = prev.len ? prev.data : NULL,
							    .next_href = next.len ? next.data : NULL,
							    .prev_label = t.data, .next_label = nt.data });
		buf_release(&nt);
	}
	page_end(p);
	page_cache_release(p, h);
	buf_release(&t);
	buf_release(&back);
	buf_release(&prev);
	buf_release(&next);
	return 0;
}

UI_HANDLER(ui_reach)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct kit_errors errs = KIT_ERRORS_INIT;
	struct reach_q q;
	struct reach_opts o;
	struct reach_report rep;
	struct strmap visible = STRMAP_INIT;
	struct centre_filter cf = { NULL, 0 };
	const struct reach_row **rows = NULL;
	struct buf t = BUF_INIT;
	const char *view = http_query(req, "view");
	static const int64_t no_centre = 0;
	size_t n;
	int ret = 0;

	memset(&rep, 0, sizeof(rep));
	read_query(p, &q, &errs);
	if (auth_role_is_scoped(p->user.role)) {
		cf.ids = p->user.centres;
		cf.n = p->user.ncentres;
		if (!cf.n) {
			cf.ids = &no_centre; /* no centre: nothing */
			cf.n = 1;
		}
	}
	if (view && !strcmp(view, "unseen") && !errs.nr) {
		if (unseen_page(p, &q, &cf))
			ret = page_error(p, 500);
		goto out;
	}
	reach_opts_init(&o);
	o.from = q.from;
	o.to = q.to;
	o.by = q.by;
	if (page_reach(p, &o, &rep) ||
	    (auth_role_is_scoped(p->user.role) && visible_areas(p, q.by, &visible))) {
		ret = page_error(p, 500);
		goto out;
	}
	rows = xcalloc(rep.nrows + 1, sizeof(*rows));
	n = pick_rows(p, &rep, &q, &visible, rows);

	page_begin(p, page_t(p, "reach.title"), KIT_NAV_REACH, errs.nr > 0);
	kit_error_summary(b, p->lang, &errs);
	kit_heading(b, 1, "l", page_t(p, "reach.title"));
	{
		const char *args[2] = { q.from_s, q.to_s };

		i18n_subst(&t, page_t(p, "reach.period_text"), args, 2);
		kit_p(b, t.data);
	}
	filter_form(p, &q, &errs);
	/* figures of a best-fit reach area are estimates: say so above them */
	for (size_t i = 0; i < n; i++)
		if (rows[i]->best_fit) {
			kit_inset_text(b, page_t(p, "reach.best_fit"));
			break;
		}
	reach_table(p, &q, rows, n);
	if (q.group == GROUP_ALL)
		reach_charts(p, rows, n);
	if (new_families(p, &q, &cf)) {
		ret = page_error(p, 500);
		goto out;
	}
	html_raw_literal(b, "<h2 class=\"govuk-heading-m\">");
	html_text(b, page_t(p, "reach.not_seen"));
	html_raw_literal(b, "</h2>\n");
	buf_reset(&t);
	reach_url(&t, &q, "&view=unseen");
	kit_p(b, page_t(p, "reach.not_seen_intro"));
	html_raw_literal(b, "<p class=\"govuk-body\">");
	kit_link(b, t.data, page_t(p, "reach.not_seen_link"));
	html_raw_literal(b, "</p>\n");
	if (auth_can(&p->user, ACT_EXPORT)) {
		html_raw_literal(b, "<p class=\"govuk-body\">");
		kit_link(b, "/export", page_t(p, "export.title"));
		html_raw_literal(b, "</p>\n");
	}
	page_end(p);
out:
	free(rows);
	reach_report_release(&rep);
	strmap_release(&visible);
	kit_errors_release(&errs);
	buf_release(&t);
	return ret;
}

void ui_reach_warm(struct page *p)
{
	struct reach_opts o;
	struct reach_report rep;
	struct cache_entry *h = NULL;
	struct month_count *v = NULL;
	size_t n;

	/* what the reach page shows first: the last quarter by centre, with the
	 * authority's new families and families not seen (analysts, admins) */
	reach_opts_init(&o);
	page_last_quarter(&o.from, &o.to);
	o.by = AREA_CENTRE;
	if (!page_reach(p, &o, &rep))
		reach_report_release(&rep);
	if (!cached_new_families(p, o.from, o.to, NULL, &v, &n))
		free(v);
	if (cached_unseen(p, o.to, NULL, &h))
		page_cache_release(p, h);
}
