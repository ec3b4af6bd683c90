/* pack_html.c: a data pack as HTML: GOV.UK tables, inline SVG charts, a printable page */
#include "pack.h"
#include "../web/assets.h"
#include "../chart/chart.h"
#include "../web/html.h"
#include "../web/kit.h"
#include "../util/date.h"
#include "../util/util.h"

#include <errno.h>
#include <stdio.h>

/* the sections in the PDF's order, with the ids the contents link to */
static const struct {
	const char *id, *title;
} sections[] = {
	{ "pack-reach", "Reach and engagement" },
	{ "pack-trends", "Trends: turning the curve" },
	{ "pack-demographics", "Demographics" },
	{ "pack-deprivation", "Deprivation" },
	{ "pack-indicators", "Area indicators" },
	{ "pack-engagement", "New families and families not seen" },
	{ "pack-quality", "Data quality" },
	{ "pack-coverage", "Coverage of wards by reach areas" },
};
enum { SEC_REACH, SEC_TRENDS, SEC_DEMOGRAPHICS, SEC_DEPRIVATION, SEC_INDICATORS, SEC_ENGAGEMENT, SEC_QUALITY, SEC_COVERAGE };

struct html {
	struct buf *b;          /* where the page goes */
	const struct pack *p;   /* what is written */
	char period[96];        /* "1 April 2025 to 31 March 2026" */
};

/* markup (string literals only), text escaped, markup */
#define tag_text(b, open, text, close) \
	(html_raw_literal((b), open), html_text((b), (text)), html_raw_literal((b), close))

static void para(struct html *h, const char *s)
{
	tag_text(h->b, "<p class=\"govuk-body\">", s, "</p>\n");
}

/* under a table of best-fit figures: what best fit means */
static void best_fit_note(struct html *h)
{
	if (h->p->best_fit)
		tag_text(h->b, "<p class=\"govuk-body-s\">", PACK_BEST_FIT_NOTE, "</p>\n");
}

static void subheading(struct html *h, const char *s)
{
	tag_text(h->b, "<h3 class=\"govuk-heading-s\">", s, "</h3>\n");
}

static void section_begin(struct html *h, int s)
{
	html_raw_literal(h->b, "<section class=\"reach-pack__section\"");
	html_attr(h->b, "id", sections[s].id);
	html_raw_literal(h->b, ">\n");
	tag_text(h->b, "<h2 class=\"govuk-heading-l\">", sections[s].title, "</h2>\n");
}

static void section_end(struct html *h)
{
	html_raw_literal(h->b, "</section>\n");
}

static void table_begin(struct html *h, const char *caption, const struct kit_table_col *cols, size_t n)
{
	html_raw_literal(h->b, "<div class=\"reach-pack__table\">\n");
	kit_table_begin(h->b, &(struct kit_table){ .caption = caption, .caption_size = "s", .cols = cols,
						  .ncols = n, .first_cell_is_header = 1 });
}

static void table_end(struct html *h)
{
	kit_table_end(h->b);
	html_raw_literal(h->b, "</div>\n");
}

/* a row: the first cell its header, then `n` cells right-aligned where `numeric` says */
static void table_row(struct html *h, const char *const *cells, size_t n, const struct kit_table_col *cols)
{
	kit_table_row_begin(h->b);
	kit_table_row_header(h->b, cells[0]);
	for (size_t i = 1; i < n; i++)
		kit_table_cell(h->b, cells[i] ? cells[i] : "", cols[i].numeric);
	kit_table_row_end(h->b);
}

/* bars whose count is suppressed are left out, as in the PDF */
static void bar_chart(struct html *h, const char *id, const char *title, const struct pack_bar *bars,
		      size_t n, int skip_small, int percent, int mark_all)
{
	const char **labels = xcalloc(n + 1, sizeof(*labels));
	double *values = xcalloc(n + 1, sizeof(*values));
	struct buf *marked = xcalloc(n + 1, sizeof(*marked));
	long hl = -1;
	size_t m = 0, nmarked = 0;

	for (size_t i = 0; i < n; i++)
		nmarked += bars[i].highlight != 0;
	for (size_t i = 0; i < n; i++) {
		if (skip_small && bars[i].count < 0)
			continue;
		buf_init(&marked[m], 0);
		buf_adds(&marked[m], bars[i].label);
		/* one bar stands out by its hatch; several are named in their label */
		if (bars[i].highlight && mark_all && nmarked > 1)
			buf_adds(&marked[m], " (this area)");
		else if (bars[i].highlight)
			hl = (long)m;
		labels[m] = marked[m].data;
		values[m] = bars[i].value;
		m++;
	}
	if (m) {
		html_raw_literal(h->b, "<div class=\"reach-chart-scroll reach-pack__chart\">");
		chart_bars_svg(h->b, &(struct chart_bars){ .id = id, .title = title, .labels = labels,
							    .values = values, .n = m, .max = percent ? 100 : 0,
							    .highlight = hl, .unit = percent ? "%" : NULL,
							    .decimals = 1, .sort = 1, .width = 680 });
		html_raw_literal(h->b, "</div>\n");
	}
	for (size_t i = 0; i < m; i++)
		buf_release(&marked[i]);
	free(marked);
	free(labels);
	free(values);
}

/* engagement by activity, residence-based, most children first */
static void activity_table(struct html *h)
{
	static const struct kit_table_col cols[] = { { "Activity", 0 }, { "Children", 1 },
						     { "% of engaged children", 1 }, { "Attendances", 1 } };
	const struct pack *p = h->p;
	char a[32], b[32], c[32];

	subheading(h, PACK_ACTIVITY_TITLE);
	para(h, PACK_ACTIVITY_NOTE);
	if (!p->nactivities) {
		para(h, PACK_ACTIVITY_NONE);
		return;
	}
	table_begin(h, NULL, cols, 4);
	for (size_t i = 0; i < p->nactivities; i++) {
		const char *cells[4] = { p->activities[i].name, a, b, c };

		pack_num(a, p->activities[i].children);
		pack_pct(b, p->activities[i].children, p->reach[GROUP_ALL].engaged);
		pack_num(c, p->activities[i].attendances);
		table_row(h, cells, 4, cols);
	}
	table_end(h);
}

static void births_table(struct html *h)
{
	static const struct kit_table_col cols[] = { { "Year", 0 }, { "Live births", 1 } };
	const struct pack *p = h->p;
	char y[64], a[32];
	const char *cells[2] = { y, a };

	subheading(h, PACK_BIRTHS_TITLE);
	if (!p->births.any) {
		para(h, PACK_BIRTHS_NONE);
		return;
	}
	para(h, PACK_BIRTHS_NOTE);
	table_begin(h, NULL, cols, 2);
	for (int i = 0; i < PACK_BIRTH_YEARS; i++) {
		pack_birth_year_label(p, i, y, sizeof(y));
		pack_num(a, p->births.count[i]);
		table_row(h, cells, 2, cols);
	}
	table_end(h);
}

static void cautions_list(struct html *h)
{
	subheading(h, PACK_CAUTIONS_TITLE);
	html_raw_literal(h->b, "<ul class=\"govuk-list govuk-list--bullet\">\n");
	for (size_t i = 0; i < h->p->ncautions; i++)
		tag_text(h->b, "<li>", h->p->cautions[i], "</li>\n");
	html_raw_literal(h->b, "</ul>\n");
}

static void reach_section(struct html *h)
{
	static const struct kit_table_col cols[] = {
		{ "Children", 0 }, { "Population", 1 }, { "Registered", 1 }, { "Registered %", 1 },
		{ "Engaged", 1 }, { "Engaged %", 1 }, { "Sustained", 1 }, { "Ofsted words", 0 },
	};
	const struct pack *p = h->p;
	char c[8][48], line[512];
	const char *cells[8];
	size_t shown = 0;

	section_begin(h, SEC_REACH);
	snprintf(line, sizeof(line), "Under-5s living in the area's LSOAs, %s. Registered: registered by the end "
		 "of the period; engaged: attended at least once in the period; sustained: attended %d or more "
		 "sessions. Percentages are of the under-5 population; Ofsted words describe the registered "
		 "percentage.", h->period, p->sustained_sessions);
	para(h, line);
	table_begin(h, "Reach of each group of children", cols, ARRAY_LEN(cols));
	for (int g = 0; g < GROUP_COUNT; g++) {
		const struct pack_reach *r = &p->reach[g];
		int pop = r->has_population && r->population != 0;

		snprintf(c[0], sizeof(c[0]), "%s", pack_group_label((enum reach_group)g));
		c[1][0] = '\0';
		if (pop)
			pack_num(c[1], r->population);
		pack_num(c[2], r->registered);
		pack_pct(c[3], r->registered, pop ? r->population : 0);
		pack_num(c[4], r->engaged);
		pack_pct(c[5], r->engaged, pop ? r->population : 0);
		pack_num(c[6], r->sustained);
		snprintf(c[7], sizeof(c[7]), "%s", pop ? pack_ofsted_words(r->registered, r->population) : "");
		for (int k = 0; k < 8; k++)
			cells[k] = c[k];
		table_row(h, cells, 8, cols);
	}
	table_end(h);
	best_fit_note(h);
	if (!p->nbars) {
		activity_table(h);
		section_end(h);
		return;
	}
	for (size_t i = 0; i < p->nbars; i++)
		shown += p->bars[i].count >= 0;
	snprintf(line, sizeof(line), "Registered %% of under-5s in each %s of the area, and the area itself "
		 "(hatched, in bold)", p->bars_of);
	subheading(h, line);
	if (shown < p->nbars)
		para(h, shown ? "Not shown, so that small counts cannot be worked out: the areas with fewer than 5 "
			"registered children, and those hidden with them."
		     : "Not shown: every bar would tell a count under 5, or be one from which such a count "
		       "could be worked out.");
	bar_chart(h, "pack-reg", line, p->bars, p->nbars, 1, 1, 0);
	activity_table(h);
	section_end(h);
}

static void count_table(struct html *h, const char *caption, const char *first, const struct pack_count *v,
			size_t n, int64_t total, int skip_zero)
{
	const struct kit_table_col cols[] = { { first, 0 }, { "Children", 1 }, { "% of registered", 1 } };
	char a[32], b[32];

	table_begin(h, caption, cols, 3);
	for (size_t i = 0; i < n; i++) {
		const char *cells[3] = { v[i].label, a, b };

		if (skip_zero && !v[i].count)
			continue;
		pack_num(a, v[i].count);
		pack_pct(b, v[i].count, total);
		table_row(h, cells, 3, cols);
	}
	table_end(h);
}

static void demographics_section(struct html *h)
{
	static const struct kit_table_col acols[] = { { "Age", 0 }, { "Population", 1 }, { "% of under-5s", 1 } };
	static const struct kit_table_col gcols[] = { { "Registered children", 0 }, { "Children", 1 },
						      { "% of registered", 1 } };
	const struct pack *p = h->p;
	char a[32], b[32], label[32], line[256];

	section_begin(h, SEC_DEMOGRAPHICS);
	snprintf(line, sizeof(line), "Under-5 population by year of age (mid-%d estimates)", date_year(p->to));
	table_begin(h, line, acols, 3);
	for (int i = 0; i <= 5; i++) {
		const char *cells[3] = { label, p->has_age_pop ? a : "not known", b };

		snprintf(label, sizeof(label), i < 5 ? "Age %d" : "All ages 0-4", i);
		pack_num(a, i < 5 ? p->age_pop[i] : p->age_total);
		pack_pct(b, i < 5 ? p->age_pop[i] : p->age_total, p->age_total);
		table_row(h, cells, 3, acols);
	}
	table_end(h);
	pack_num(a, p->children);
	snprintf(line, sizeof(line), "Registered under-5s living in the area: %s. The percentages below are of them.",
		 a);
	para(h, line);
	table_begin(h, "Households and circumstances", gcols, 3);
	for (size_t i = 0; i < PACK_CIRCUMSTANCES; i++) {
		const char *cells[3] = { pack_circumstances[i].label, a, b };

		pack_num(a, p->reach[pack_circumstances[i].group].registered);
		pack_pct(b, p->reach[pack_circumstances[i].group].registered, p->children);
		table_row(h, cells, 3, gcols);
	}
	table_end(h);
	count_table(h, "Ethnicity (main DfE groups)", "Ethnicity", p->ethnic, PACK_ETHNIC_GROUPS, p->children, 1);
	para(h, "A child counts once for each language recorded for any member of the family, so the "
		"percentages may add to more than 100.");
	count_table(h, "Languages spoken in the family (top 10)", "Language", p->languages, p->nlanguages,
		    p->children, 0);
	pack_num(a, p->no_language);
	snprintf(line, sizeof(line), "No language recorded for the family: %s children.", a);
	para(h, line);
	births_table(h);
	section_end(h);
}

static const struct kit_table_col band_cols[] = {
	{ "IDACI decile of the LSOA", 0 }, { "LSOAs", 1 }, { "Population", 1 }, { "Registered", 1 },
	{ "Registered %", 1 }, { "Engaged", 1 }, { "Engaged %", 1 },
};

static void band_row(struct html *h, const struct pack_band *bd)
{
	char c[6][32];
	int pop = bd->all.has_population && bd->all.population != 0;
	const char *cells[7] = { bd->label, c[0], c[1], c[2], c[3], c[4], c[5] };

	pack_num(c[0], bd->lsoas);
	c[1][0] = '\0';
	if (pop)
		pack_num(c[1], bd->all.population);
	pack_num(c[2], bd->all.registered);
	pack_pct(c[3], bd->all.registered, pop ? bd->all.population : 0);
	pack_num(c[4], bd->all.engaged);
	pack_pct(c[5], bd->all.engaged, pop ? bd->all.population : 0);
	table_row(h, cells, 7, band_cols);
}

static void deprivation_section(struct html *h)
{
	const struct pack *p = h->p;

	section_begin(h, SEC_DEPRIVATION);
	para(h, "Reach of the area's LSOAs grouped by their IDACI decile (Income Deprivation Affecting "
		"Children Index; decile 1 is the most deprived 10% nationally). The figures are sums of the "
		"reach report's LSOA rows.");
	table_begin(h, "Reach by IDACI decile", band_cols, ARRAY_LEN(band_cols));
	for (int i = 0; i < 11; i++)
		if (p->deciles[i].lsoas)
			band_row(h, &p->deciles[i]);
	table_end(h);
	best_fit_note(h);
	table_begin(h, "The most deprived LSOAs beside the rest", band_cols, ARRAY_LEN(band_cols));
	for (int i = 0; i < 3; i++)
		band_row(h, &p->bands[i]);
	table_end(h);
	best_fit_note(h);
	section_end(h);
}

/* the coverage tables (pack_coverage.c), written as they are */
static void coverage_section(struct html *h)
{
	const struct pack *p = h->p;

	section_begin(h, SEC_COVERAGE);
	for (size_t i = 0; i < p->ncoverage; i++) {
		const struct pack_table *t = &p->coverage[i];
		struct kit_table_col *cols;

		subheading(h, t->title);
		if (t->note)
			para(h, t->note);
		if (!t->nrows || !t->ncols) {
			para(h, "None.");
			continue;
		}
		cols = xcalloc(t->ncols, sizeof(*cols));
		for (size_t c = 0; c < t->ncols; c++) {
			cols[c].header = t->headers[c];
			cols[c].numeric = t->right[c];
		}
		table_begin(h, t->title, cols, t->ncols);
		for (size_t r = 0; r < t->nrows; r++)
			table_row(h, (const char *const *)&t->cells[r * t->ncols], t->ncols, cols);
		table_end(h);
		free(cols);
	}
	section_end(h);
}

/* a line chart of the shared model, its ids unique in the page */
static void line_chart(struct html *h, const struct chart_lines *c, const char *id)
{
	struct chart_lines copy = *c;

	copy.id = id;
	copy.width = 680;
	html_raw_literal(h->b, "<div class=\"reach-chart-scroll reach-pack__chart\">");
	chart_lines_svg(h->b, &copy);
	html_raw_literal(h->b, "</div>\n");
}

static void trends_section(struct html *h)
{
	static const struct kit_table_col cols[] = {
		{ "Quarter", 0 }, { "Population", 1 }, { "Registered", 1 }, { "Registered %", 1 },
		{ "Engaged", 1 }, { "Engaged %", 1 },
	};
	const struct pack *p = h->p;
	const struct pack_trend *t = &p->trend;
	struct pack_trend_chart tc;
	char line[700], c[6][32], id[48];

	section_begin(h, SEC_TRENDS);
	pack_trend_intro(line, sizeof(line), t);
	para(h, line);
	if (!t->n) {
		section_end(h);
		return;
	}
	if (!t->registered.has)
		para(h, "No forecast: fewer than three quarters have figures.");
	pack_trend_chart_init(&tc, t);
	subheading(h, tc.c.title);
	line_chart(h, &tc.c, "pack-trend");
	pack_trend_chart_release(&tc);
	table_begin(h, "Registered and engaged by quarter", cols, ARRAY_LEN(cols));
	for (size_t k = 0; k < t->n; k++) {
		const struct pack_reach *r = &t->q[k].reach[GROUP_ALL];
		int pop = r->has_population && r->population != 0;
		const char *cells[6] = { c[0], c[1], c[2], c[3], c[4], c[5] };

		pack_quarter_label(c[0], sizeof(c[0]), t->q[k].year, t->q[k].quarter);
		if (pop)
			pack_num(c[1], r->population);
		else
			c[1][0] = '\0';
		pack_num(c[2], r->registered);
		pack_pct(c[3], r->registered, pop ? r->population : 0);
		pack_num(c[4], r->engaged);
		pack_pct(c[5], r->engaged, pop ? r->population : 0);
		table_row(h, cells, 6, cols);
	}
	table_end(h);
	best_fit_note(h);
	para(h, "The figures of every target group and of fathers, quarter by quarter, are in the spreadsheet "
		"version of this pack.");
	if (p->nind_trends) {
		subheading(h, "Area indicators over time");
		para(h, "Each indicator with figures for two or more periods: the area's (its LSOAs together, "
			"or its ward), the LA's and England's where given, as imported.");
		for (size_t i = 0; i < p->nind_trends; i++) {
			struct pack_ind_trend_chart ic;

			pack_ind_trend_chart_init(&ic, &p->ind_trends[i]);
			subheading(h, ic.title);
			snprintf(id, sizeof(id), "pack-indtrend-%zu", i);
			line_chart(h, &ic.c, id);
		}
	}
	section_end(h);
}

/* every centre or cluster ranked by its LSOAs' figures together: chart and table */
static void area_ranks(struct html *h)
{
	static const struct kit_table_col cols[] = { { "Area", 0 }, { "Value", 1 }, { "Number", 1 } };
	const struct pack *p = h->p;
	char line[512], value[64], number[96], id[48];

	for (size_t r = 0; r < p->narea_ranks; r++) {
		const struct pack_area_rank *ar = &p->area_ranks[r];
		size_t *order = pack_bar_order(ar->bars, ar->nbars);

		pack_area_rank_title(line, sizeof(line), ar);
		snprintf(id, sizeof(id), "pack-arearank-%zu", r);
		subheading(h, line);
		bar_chart(h, id, line, ar->bars, ar->nbars, 1, 0, 0);
		table_begin(h, line, cols, ARRAY_LEN(cols));
		for (size_t k = 0; k < ar->nbars; k++) {
			size_t i = order[k];
			const char *cells[3] = { ar->bars[i].label, value, number };

			pack_area_rank_cells(ar, i, value, number);
			table_row(h, cells, 3, cols);
		}
		table_end(h);
		free(order);
	}
}

static void indicators_section(struct html *h)
{
	static const struct kit_table_col cols[] = {
		{ "Indicator", 0 }, { "Level", 0 }, { "Area", 0 }, { "Period", 0 }, { "Value", 1 },
		{ "Number", 1 }, { "Source", 0 },
	};
	const struct pack *p = h->p;
	char line[512], id[32];

	section_begin(h, SEC_INDICATORS);
	if (!p->nindicators) {
		para(h, "No indicator has a figure for this area, its wards or its LSOAs (reach import indicators).");
		section_end(h);
		return;
	}
	para(h, "Each figure with its level, period and source, as imported: the LA's figure, the figures "
		"of the wards that contain the area's LSOAs, and the area's LSOAs' figures, added up from "
		"their numerators and denominators when every one has them, else listed one by one. "
		"Number: the numerator of the denominator.");
	table_begin(h, "Indicators of the area", cols, ARRAY_LEN(cols));
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct pack_indicator *ind = &p->indicators[i];
		struct pack_indicator_text t;
		const char *cells[7] = { ind->indicator, ind->level, t.area, ind->period, t.value, t.number,
					 t.source };

		pack_indicator_text(ind, &t);
		table_row(h, cells, 7, cols);
	}
	table_end(h);
	for (size_t r = 0; r < p->nward_ranks; r++) {
		const struct pack_ward_rank *wr = &p->ward_ranks[r];

		pack_ward_rank_title(line, sizeof(line), wr);
		snprintf(id, sizeof(id), "pack-ward-%zu", r);
		subheading(h, line);
		bar_chart(h, id, line, wr->bars, wr->nbars, 0, 0, 1);
	}
	area_ranks(h);
	section_end(h);
}

static void engagement_section(struct html *h)
{
	static const struct kit_table_col cols[] = { { "Month", 0 }, { "New families", 1 },
						     { "Children registered", 1 } };
	const struct pack *p = h->p;
	char m[48], a[32], b[32], line[320];
	const char *cells[3] = { m, a, b };

	section_begin(h, SEC_ENGAGEMENT);
	para(h, "Families registered by the area's centres (the registering centre; for the LA every "
		"family). A family is new in the month of its first registration.");
	table_begin(h, "New families each month", cols, 3);
	for (size_t i = 0; i < p->nmonths; i++) {
		snprintf(m, sizeof(m), "%s %d", pack_month_name(p->months[i].month), p->months[i].year);
		pack_num(a, p->months[i].families);
		pack_num(b, p->months[i].children);
		table_row(h, cells, 3, cols);
	}
	snprintf(m, sizeof(m), "Period total");
	pack_num(a, p->months_families);
	pack_num(b, p->months_children);
	table_row(h, cells, 3, cols);
	table_end(h);
	pack_long_date(m, sizeof(m), p->to);
	pack_num(a, p->unseen);
	snprintf(line, sizeof(line), "Registered families with a child under 5 not seen at any session in the %d months "
		 "to %s: %s.", PACK_UNSEEN_MONTHS, m, a);
	subheading(h, "Families not seen");
	para(h, line);
	section_end(h);
}

static void quality_section(struct html *h)
{
	static const struct kit_table_col cols[] = { { "Check", 0 }, { "Records", 1 }, { "Of", 1 }, { "Share", 1 } };
	const struct pack_quality *q = &h->p->quality;
	struct pack_quality_row rows[PACK_QUALITY_ROWS];
	char a[32], b[32], c[32];

	section_begin(h, SEC_QUALITY);
	para(h, "Records of the families registered by the area's centres (for the LA every family). "
		"Children with no date of birth cannot be counted as under 5, and families with no known "
		"postcode belong to no LSOA: neither appears in the reach figures.");
	pack_quality_rows(q, rows);
	table_begin(h, "Records missing what reach needs", cols, 4);
	for (size_t i = 0; i < PACK_QUALITY_ROWS; i++) {
		const char *cells[4] = { rows[i].label, a, b, c };

		pack_num(a, rows[i].n);
		pack_num(b, rows[i].of);
		pack_pct(c, rows[i].n, rows[i].of);
		if (rows[i].unknown)
			snprintf(a, sizeof(a), "not checked");
		if (rows[i].unknown && !rows[i].of)
			b[0] = '\0';
		table_row(h, cells, 4, cols);
	}
	table_end(h);
	{
		char note[512];

		pack_dup_note(&h->p->quality, note, sizeof(note));
		para(h, note);
	}
	para(h, PACK_REPEATS_NOTE);
	cautions_list(h);
	section_end(h);
}

static void cover(struct html *h)
{
	const struct pack *p = h->p;
	struct buf *b = h->b;
	char line[512], made[40];

	html_raw_literal(b, "<section class=\"reach-pack__cover\" id=\"pack-cover\">\n");
	tag_text(b, "<span class=\"govuk-caption-l\">", pack_type_title(p->type), "</span>\n");
	if (!strcmp(p->code, p->name))
		snprintf(line, sizeof(line), "%s", p->code);
	else
		snprintf(line, sizeof(line), "%s %s", p->code, p->name);
	tag_text(b, "<h1 class=\"govuk-heading-xl\">", line, "</h1>\n");
	tag_text(b, "<p class=\"govuk-body-l\">", h->period, "</p>\n");
	pack_long_date(made, sizeof(made), p->made);
	snprintf(line, sizeof(line), "Made on %s", made);
	para(h, line);
	snprintf(line, sizeof(line), "Data sources: %s.", p->sources);
	para(h, line);
	if (p->published) {
		html_raw_literal(b, "<div class=\"govuk-inset-text\">");
		tag_text(b, "<p class=\"govuk-body govuk-!-font-weight-bold\">", "For publication", "</p>");
		tag_text(b, "<p class=\"govuk-body\">", PACK_PUBLISH_NOTE, "</p>");
		html_raw_literal(b, "</div>\n");
	}
	if (p->best_fit) {
		html_raw_literal(b, "<div class=\"govuk-inset-text\">");
		tag_text(b, "<p class=\"govuk-body govuk-!-font-weight-bold\">", "Best-fit figures", "</p>");
		tag_text(b, "<p class=\"govuk-body\">", PACK_BEST_FIT_NOTE, "</p>");
		html_raw_literal(b, "</div>\n");
	}
	tag_text(b, "<h2 class=\"govuk-heading-m\">", "Contents", "</h2>\n");
	html_raw_literal(b, "<ol class=\"govuk-list govuk-list--number reach-pack__contents\">\n");
	for (size_t s = 0; s < ARRAY_LEN(sections); s++) {
		html_raw_literal(b, "<li><a class=\"govuk-link\"");
		html_attrf(b, "href", "#%s", sections[s].id);
		html_raw_literal(b, ">");
		html_text(b, sections[s].title);
		html_raw_literal(b, "</a></li>\n");
	}
	html_raw_literal(b, "</ol>\n</section>\n");
}

static void footer(struct html *h)
{
	char line[512];

	snprintf(line, sizeof(line), "%s %s: %s. Sources: %s.", h->p->code, h->p->name, h->period, h->p->sources);
	tag_text(h->b, "<p class=\"govuk-body-s reach-pack__footer\">", line, "</p>\n");
}

void pack_write_html(const struct pack *p, struct buf *out, enum pack_html_mode mode)
{
	struct html h;
	char a[40], b[40];

	memset(&h, 0, sizeof(h));
	h.b = out;
	h.p = p;
	pack_long_date(a, sizeof(a), p->from);
	pack_long_date(b, sizeof(b), p->to);
	snprintf(h.period, sizeof(h.period), "%s to %s", a, b);
	if (mode == PACK_HTML_DOCUMENT) {
		const struct embedded_file *css = assets_find("/assets/pack.css");

		html_raw_literal(out, "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\">\n<head>\n"
			 "<meta charset=\"utf-8\">\n<title>");
		html_textf(out, "%s: %s %s, %s", pack_type_title(p->type), p->code, p->name, h.period);
		html_raw_literal(out, "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<style>\n");
		/* our own stylesheet, compiled in: no request leaves the page */
		if (css)
			buf_add(out, css->data, css->len);
		html_raw_literal(out, "</style>\n</head>\n<body class=\"reach-pack-document\">\n<main class=\"reach-pack\">\n");
	} else {
		html_raw_literal(out, "<div class=\"reach-pack\">\n");
	}
	cover(&h);
	reach_section(&h);
	trends_section(&h);
	demographics_section(&h);
	deprivation_section(&h);
	indicators_section(&h);
	engagement_section(&h);
	quality_section(&h);
	coverage_section(&h);
	footer(&h);
	if (mode == PACK_HTML_DOCUMENT)
		html_raw_literal(out, "</main>\n</body>\n</html>\n");
	else
		html_raw_literal(out, "</div>\n");
}

int pack_write_html_file(const struct pack *p, const char *path)
{
	struct buf b = BUF_INIT;
	FILE *f;
	int ret = -1;

	pack_write_html(p, &b, PACK_HTML_DOCUMENT);
	if (!(f = fopen(path, "wb"))) {
		error("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	if (fwrite(b.data, 1, b.len, f) != b.len) {
		error("cannot write '%s': %s", path, strerror(errno));
		fclose(f);
		goto out;
	}
	if (fclose(f)) {
		error("cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	ret = 0;
out:
	buf_release(&b);
	return ret;
}
