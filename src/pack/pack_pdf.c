/* pack_pdf.c: a data pack as an A4 PDF (cairo surfaces, pango text, vector charts) */
#include "pack.h"
#include "../chart/chart_cairo.h"
#include "../util/date.h"
#include "../util/util.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define PAGE_W 595.28   /* A4 in points */
#define PAGE_H 841.89
#define MARGIN 50.0
#define BODY_W (PAGE_W - 2 * MARGIN)
#define FOOT_Y (PAGE_H - 36.0)
#define BOTTOM (PAGE_H - 60.0) /* nothing of the body below this */
#define ROW_H 14.0
#define MAX_COLS 8
#define CHART_SCALE 0.55 /* points per chart unit: 14-unit labels are 7.7 pt */
#define CHART_W (BODY_W / CHART_SCALE)

enum section { SEC_REACH, SEC_TRENDS, SEC_DEMOGRAPHICS, SEC_DEPRIVATION, SEC_INDICATORS, SEC_ENGAGEMENT, SEC_QUALITY,
	       SEC_COVERAGE, SEC_COUNT };

static const char *const section_titles[SEC_COUNT] = {
	"Reach and engagement", "Trends: turning the curve", "Demographics", "Deprivation", "Area indicators",
	"New families and families not seen", "Data quality", "Coverage of wards by reach areas",
};

struct pdf {
	cairo_t *cr;                 /* drawing */
	cairo_surface_t *surface;    /* the PDF */
	const struct pack *p;        /* what is drawn */
	int page;                    /* current page, from 1 */
	int npages;                  /* pages in all (from the first pass; 0 unknown) */
	int section_page[SEC_COUNT]; /* where each section starts */
	double y;                    /* next free line */
	char period[96];             /* "1 April 2025 to 31 March 2026" */
	/* the current table, for repeating its header after a page break */
	int ncols;
	const char *const *headers;
	const double *widths;
	const int *right;
};


/* text in a box `width` wide at (x, y) (top); returns its height */
static double text(struct pdf *d, double x, double y, double width, const char *s, double size,
		   int bold, int align)
{
	PangoLayout *l = pango_cairo_create_layout(d->cr);
	PangoFontDescription *fd = pango_font_description_new();
	int w, h;

	pango_font_description_set_family(fd, "Sans");
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, align > 0 ? PANGO_ALIGN_RIGHT : align == 0 ? PANGO_ALIGN_CENTER
					   : PANGO_ALIGN_LEFT);
	}
	pango_layout_set_text(l, s, -1);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	return h;
}

static void footer(struct pdf *d)
{
	char line[512], num[48];

	cairo_set_source_rgb(d->cr, 0.69, 0.71, 0.71);
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, MARGIN, FOOT_Y - 4);
	cairo_line_to(d->cr, PAGE_W - MARGIN, FOOT_Y - 4);
	cairo_stroke(d->cr);
	cairo_set_source_rgb(d->cr, 0.31, 0.35, 0.37);
	snprintf(line, sizeof(line), "%s %s: %s. Sources: %s.", d->p->code, d->p->name, d->period,
		 d->p->sources);
	text(d, MARGIN, FOOT_Y, BODY_W - 70, line, 7, 0, -1);
	if (d->npages)
		snprintf(num, sizeof(num), "Page %d of %d", d->page, d->npages);
	else
		snprintf(num, sizeof(num), "Page %d", d->page);
	text(d, PAGE_W - MARGIN - 70, FOOT_Y, 70, num, 7, 0, 1);
	cairo_set_source_rgb(d->cr, 0.04, 0.05, 0.05);
}

static void next_page(struct pdf *d)
{
	footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = MARGIN;
}

/* start a new page unless `h` more points fit */
static void need(struct pdf *d, double h)
{
	if (d->y + h > BOTTOM)
		next_page(d);
}

static void heading(struct pdf *d, const char *s, double size)
{
	need(d, size * 3);
	d->y += text(d, MARGIN, d->y, BODY_W, s, size, 1, -1) + size * 0.5;
}

static void para(struct pdf *d, const char *s)
{
	double h;

	need(d, 24);
	h = text(d, MARGIN, d->y, BODY_W, s, 8.5, 0, -1);
	d->y += h + 6;
}

static void section(struct pdf *d, enum section s)
{
	char outline[16];

	if (d->y > MARGIN)
		next_page(d);
	d->section_page[s] = d->page;
	snprintf(outline, sizeof(outline), "page=%d", d->page);
	if (d->npages)
		cairo_pdf_surface_add_outline(d->surface, CAIRO_PDF_OUTLINE_ROOT, section_titles[s], outline, 0);
	heading(d, section_titles[s], 16);
}

static void table_row_cells(struct pdf *d, const char *const *cells, int bold)
{
	double x = MARGIN, h = ROW_H;

	for (int c = 0; c < d->ncols; c++) {
		double th = text(d, x + 2, d->y + 2, d->widths[c] - 4, cells[c] ? cells[c] : "", 8, bold,
				 d->right[c] ? 1 : -1);

		if (th + 4 > h)
			h = th + 4;
		x += d->widths[c];
	}
	d->y += h;
	cairo_set_source_rgb(d->cr, 0.69, 0.71, 0.71);
	cairo_set_line_width(d->cr, bold ? 0.9 : 0.4);
	cairo_move_to(d->cr, MARGIN, d->y);
	cairo_line_to(d->cr, x, d->y);
	cairo_stroke(d->cr);
	cairo_set_source_rgb(d->cr, 0.04, 0.05, 0.05);
}

static void table_begin(struct pdf *d, int ncols, const char *const *headers, const double *widths,
			const int *right)
{
	d->ncols = ncols;
	d->headers = headers;
	d->widths = widths;
	d->right = right;
	need(d, 3 * ROW_H);
	table_row_cells(d, headers, 1);
}

static void table_row(struct pdf *d, const char *const *cells)
{
	if (d->y + ROW_H > BOTTOM) {
		next_page(d);
		table_row_cells(d, d->headers, 1);
	}
	table_row_cells(d, cells, 0);
}

static void table_end(struct pdf *d)
{
	d->y += 10;
}

/* under a table of best-fit figures (and on the cover): what best fit means */
static void best_fit_note(struct pdf *d)
{
	if (d->p->best_fit)
		para(d, PACK_BEST_FIT_NOTE);
}

/* draw a laid out chart across the body, on this page if it fits, and free it */
static void draw_layout(struct pdf *d, struct chart_layout *l)
{
	if (l->n) {
		need(d, l->height * CHART_SCALE);
		chart_cairo_draw(d->cr, MARGIN, d->y, CHART_SCALE, l);
		d->y += l->height * CHART_SCALE + 10;
	}
	chart_layout_release(l);
}

static void draw_bars(struct pdf *d, struct chart_bars *c)
{
	struct chart_layout l;

	c->width = (int)CHART_W;
	chart_layout_bars(&l, c);
	draw_layout(d, &l);
}

static void draw_lines(struct pdf *d, struct chart_lines *c)
{
	struct chart_layout l;

	c->width = (int)CHART_W;
	chart_layout_lines(&l, c);
	draw_layout(d, &l);
}

static void num(char *out, size_t n, int64_t v)
{
	char s[32];
	size_t len;

	pack_num(s, v);
	len = strlen(s);
	if (len >= n)
		len = n - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}


/* engagement by activity, residence-based, most children first */
static void activity_table(struct pdf *d)
{
	static const char *const hdr[] = { "Activity", "Children", "% of engaged children", "Attendances" };
	static const double w[] = { 215, 65, 90, 75 };
	static const int right[] = { 0, 1, 1, 1 };
	const struct pack *p = d->p;
	char a[32], b[32], c[32];

	heading(d, PACK_ACTIVITY_TITLE, 10);
	para(d, PACK_ACTIVITY_NOTE);
	if (!p->nactivities) {
		para(d, PACK_ACTIVITY_NONE);
		return;
	}
	table_begin(d, 4, hdr, w, right);
	for (size_t i = 0; i < p->nactivities; i++) {
		const char *cells[4] = { p->activities[i].name, a, b, c };

		pack_num(a, p->activities[i].children);
		pack_pct(b, p->activities[i].children, p->reach[GROUP_ALL].engaged);
		pack_num(c, p->activities[i].attendances);
		table_row(d, cells);
	}
	table_end(d);
}

static void births_table(struct pdf *d)
{
	static const char *const hdr[] = { "Year", "Live births" };
	static const double w[] = { 250, 80 };
	static const int right[] = { 0, 1 };
	const struct pack *p = d->p;
	char y[64], a[32];
	const char *cells[2] = { y, a };

	heading(d, PACK_BIRTHS_TITLE, 11);
	if (!p->births.any) {
		para(d, PACK_BIRTHS_NONE);
		return;
	}
	para(d, PACK_BIRTHS_NOTE);
	table_begin(d, 2, hdr, w, right);
	for (int i = 0; i < PACK_BIRTH_YEARS; i++) {
		pack_birth_year_label(p, i, y, sizeof(y));
		pack_num(a, p->births.count[i]);
		table_row(d, cells);
	}
	table_end(d);
}

static void cautions_list(struct pdf *d)
{
	char line[400];

	heading(d, PACK_CAUTIONS_TITLE, 11);
	for (size_t i = 0; i < d->p->ncautions; i++) {
		snprintf(line, sizeof(line), "\xE2\x80\xA2 %s", d->p->cautions[i]);
		para(d, line);
	}
}

static void reach_section(struct pdf *d)
{
	static const char *const hdr[] = { "Children", "Population", "Registered", "Registered %",
					   "Engaged", "Engaged %", "Sustained", "Ofsted words" };
	static const double w[] = { 86, 56, 56, 62, 46, 52, 52, 85 };
	static const int right[] = { 0, 1, 1, 1, 1, 1, 1, 0 };
	const struct pack *p = d->p;
	char c[8][48], line[512];
	const char *cells[8];
	const char **labels;
	double *values;
	long hl = -1;
	size_t nb = 0;
	struct chart_bars ch;

	section(d, SEC_REACH);
	snprintf(line, sizeof(line), "Under-5s living in the area's LSOAs, %s. Registered: registered by the end "
		 "of the period; engaged: attended at least once in the period; sustained: attended %d or more "
		 "sessions. Percentages are of the under-5 population; Ofsted words describe the registered "
		 "percentage.", d->period, p->sustained_sessions);
	para(d, line);
	table_begin(d, 8, hdr, w, right);
	for (int g = 0; g < GROUP_COUNT; g++) {
		const struct pack_reach *r = &p->reach[g];
		int pop = r->has_population && r->population != 0;

		snprintf(c[0], sizeof(c[0]), "%s", pack_group_label((enum reach_group)g));
		if (pop)
			num(c[1], sizeof(c[1]), r->population);
		else
			c[1][0] = '\0';
		num(c[2], sizeof(c[2]), r->registered);
		pack_pct(c[3], r->registered, pop ? r->population : 0);
		num(c[4], sizeof(c[4]), r->engaged);
		pack_pct(c[5], r->engaged, pop ? r->population : 0);
		num(c[6], sizeof(c[6]), r->sustained);
		snprintf(c[7], sizeof(c[7]), "%s", pop ? pack_ofsted_words(r->registered, r->population) : "");
		for (int k = 0; k < 8; k++)
			cells[k] = c[k];
		table_row(d, cells);
	}
	table_end(d);
	best_fit_note(d);
	if (!p->nbars) {
		activity_table(d);
		return;
	}
	labels = xcalloc(p->nbars, sizeof(*labels));
	values = xcalloc(p->nbars, sizeof(*values));
	for (size_t i = 0; i < p->nbars; i++) {
		if (p->bars[i].count < 0)
			continue;
		labels[nb] = p->bars[i].label;
		values[nb] = p->bars[i].value;
		if (p->bars[i].highlight)
			hl = (long)nb;
		nb++;
	}
	memset(&ch, 0, sizeof(ch));
	ch.id = "reg";
	snprintf(line, sizeof(line), "Registered %% of under-5s in each %s of the area, and the area itself "
		 "(hatched, in bold)", p->bars_of);
	ch.title = line;
	ch.labels = labels;
	ch.values = values;
	ch.n = nb;
	ch.max = 100;
	ch.highlight = hl;
	ch.unit = "%";
	ch.decimals = 1;
	ch.sort = 1;
	heading(d, line, 10);
	if (nb < p->nbars)
		para(d, nb ? "Not shown, so that small counts cannot be worked out: the areas with fewer than 5 "
			"registered children, and those hidden with them."
		     : "Not shown: every bar would tell a count under 5, or be one from which such a count "
		       "could be worked out.");
	draw_bars(d, &ch);
	free(labels);
	free(values);
	activity_table(d);
}

static void trend_chart(struct pdf *d)
{
	struct pack_trend_chart tc;

	pack_trend_chart_init(&tc, &d->p->trend);
	heading(d, tc.c.title, 10);
	draw_lines(d, &tc.c);
	pack_trend_chart_release(&tc);
}

static void indicator_trend_chart(struct pdf *d, const struct pack_indicator_trend *t)
{
	struct pack_ind_trend_chart ic;

	pack_ind_trend_chart_init(&ic, t);
	heading(d, ic.title, 10);
	draw_lines(d, &ic.c);
}

static void trends_section(struct pdf *d)
{
	static const char *const hdr[] = { "Quarter", "Population", "Registered", "Registered %", "Engaged",
					   "Engaged %" };
	static const double w[] = { 90, 70, 70, 80, 70, 80 };
	static const int right[] = { 0, 1, 1, 1, 1, 1 };
	const struct pack *p = d->p;
	const struct pack_trend *t = &p->trend;
	char line[700], c[6][32];

	section(d, SEC_TRENDS);
	pack_trend_intro(line, sizeof(line), t);
	para(d, line);
	if (!t->n)
		return;
	if (!t->registered.has)
		para(d, "No forecast: fewer than three quarters have figures.");
	trend_chart(d);
	table_begin(d, 6, hdr, w, right);
	for (size_t k = 0; k < t->n; k++) {
		const struct pack_reach *r = &t->q[k].reach[GROUP_ALL];
		int pop = r->has_population && r->population != 0;
		const char *cells[6] = { c[0], c[1], c[2], c[3], c[4], c[5] };

		pack_quarter_label(c[0], sizeof(c[0]), t->q[k].year, t->q[k].quarter);
		if (pop)
			num(c[1], sizeof(c[1]), r->population);
		else
			c[1][0] = '\0';
		num(c[2], sizeof(c[2]), r->registered);
		pack_pct(c[3], r->registered, pop ? r->population : 0);
		num(c[4], sizeof(c[4]), r->engaged);
		pack_pct(c[5], r->engaged, pop ? r->population : 0);
		table_row(d, cells);
	}
	table_end(d);
	best_fit_note(d);
	para(d, "The figures of every target group and of fathers, quarter by quarter, are in the spreadsheet "
		"version of this pack.");
	if (p->nind_trends) {
		heading(d, "Area indicators over time", 11);
		para(d, "Each indicator with figures for two or more periods: the area's (its LSOAs together, "
			"or its ward), the LA's and England's where given, as imported.");
		for (size_t i = 0; i < p->nind_trends; i++)
			indicator_trend_chart(d, &p->ind_trends[i]);
	}
}

static void count_table(struct pdf *d, const char *first, const struct pack_count *v, size_t n,
			int64_t total, int skip_zero)
{
	static const double w[] = { 250, 80, 80 };
	static const int right[] = { 0, 1, 1 };
	const char *hdr[3] = { first, "Children", "% of registered" };
	char a[16], b[32];
	const char *cells[3];

	table_begin(d, 3, hdr, w, right);
	for (size_t i = 0; i < n; i++) {
		if (skip_zero && !v[i].count)
			continue;
		num(a, sizeof(a), v[i].count);
		pack_pct(b, v[i].count, total);
		cells[0] = v[i].label;
		cells[1] = a;
		cells[2] = b;
		table_row(d, cells);
	}
	table_end(d);
}

static void demographics_section(struct pdf *d)
{
	static const char *const ahdr[] = { "Age", "Population", "% of under-5s" };
	static const double aw[] = { 250, 80, 80 };
	static const int aright[] = { 0, 1, 1 };
	static const char *const group_hdr[] = { "Registered children", "Children", "% of registered" };
	const struct pack *p = d->p;
	int64_t total = 0;
	char a[16], b[32], line[256];
	const char *cells[3];

	section(d, SEC_DEMOGRAPHICS);
	snprintf(line, sizeof(line), "Under-5 population by year of age (mid-%d estimates)", date_year(p->to));
	heading(d, line, 11);
	total = p->age_total;
	table_begin(d, 3, ahdr, aw, aright);
	for (int i = 0; i <= 5; i++) {
		snprintf(line, sizeof(line), i < 5 ? "Age %d" : "All ages 0-4", i);
		num(a, sizeof(a), i < 5 ? p->age_pop[i] : total);
		pack_pct(b, i < 5 ? p->age_pop[i] : total, total);
		cells[0] = line;
		cells[1] = p->has_age_pop ? a : "not known";
		cells[2] = b;
		table_row(d, cells);
	}
	table_end(d);

	num(a, sizeof(a), p->children);
	snprintf(line, sizeof(line), "Registered under-5s living in the area: %s. The percentages below are of them.",
		 a);
	para(d, line);
	heading(d, "Households and circumstances", 11);
	{
		static const double w[] = { 250, 80, 80 };
		static const int right[] = { 0, 1, 1 };

		table_begin(d, 3, group_hdr, w, right);
		for (size_t i = 0; i < PACK_CIRCUMSTANCES; i++) {
			num(a, sizeof(a), p->reach[pack_circumstances[i].group].registered);
			pack_pct(b, p->reach[pack_circumstances[i].group].registered, p->children);
			cells[0] = pack_circumstances[i].label;
			cells[1] = a;
			cells[2] = b;
			table_row(d, cells);
		}
		table_end(d);
	}
	heading(d, "Ethnicity (main DfE groups)", 11);
	count_table(d, "Ethnicity", p->ethnic, PACK_ETHNIC_GROUPS, p->children, 1);
	heading(d, "Languages spoken in the family (top 10)", 11);
	para(d, "A child counts once for each language recorded for any member of the family, so the "
		"percentages may add to more than 100.");
	count_table(d, "Language", p->languages, p->nlanguages, p->children, 0);
	num(a, sizeof(a), p->no_language);
	snprintf(line, sizeof(line), "No language recorded for the family: %s children.", a);
	para(d, line);
	births_table(d);
}

static void band_row(struct pdf *d, const struct pack_band *bd)
{
	char c[6][48];
	int pop = bd->all.has_population && bd->all.population != 0;
	const char *cells[7] = { bd->label, c[0], c[1], c[2], c[3], c[4], c[5] };

	num(c[0], sizeof(c[0]), bd->lsoas);
	if (pop)
		num(c[1], sizeof(c[1]), bd->all.population);
	else
		c[1][0] = '\0';
	num(c[2], sizeof(c[2]), bd->all.registered);
	pack_pct(c[3], bd->all.registered, pop ? bd->all.population : 0);
	num(c[4], sizeof(c[4]), bd->all.engaged);
	pack_pct(c[5], bd->all.engaged, pop ? bd->all.population : 0);
	table_row(d, cells);
}

static void deprivation_section(struct pdf *d)
{
	static const char *const hdr[] = { "IDACI decile of the LSOA", "LSOAs", "Population", "Registered",
					   "Registered %", "Engaged", "Engaged %" };
	static const double w[] = { 150, 40, 55, 55, 70, 50, 75 };
	static const int right[] = { 0, 1, 1, 1, 1, 1, 1 };
	const struct pack *p = d->p;

	section(d, SEC_DEPRIVATION);
	para(d, "Reach of the area's LSOAs grouped by their IDACI decile (Income Deprivation Affecting "
		"Children Index; decile 1 is the most deprived 10% nationally). The figures are sums of the "
		"reach report's LSOA rows.");
	table_begin(d, 7, hdr, w, right);
	for (int i = 0; i < 11; i++)
		if (p->deciles[i].lsoas)
			band_row(d, &p->deciles[i]);
	table_end(d);
	best_fit_note(d);
	heading(d, "The most deprived LSOAs beside the rest", 11);
	table_begin(d, 7, hdr, w, right);
	for (int i = 0; i < 3; i++)
		band_row(d, &p->bands[i]);
	table_end(d);
	best_fit_note(d);
}

/* the coverage tables (pack_coverage.c), drawn as they are */
static void coverage_section(struct pdf *d)
{
	const struct pack *p = d->p;

	section(d, SEC_COVERAGE);
	for (size_t i = 0; i < p->ncoverage; i++) {
		const struct pack_table *t = &p->coverage[i];

		heading(d, t->title, 11);
		if (t->note)
			para(d, t->note);
		if (!t->nrows) {
			para(d, "None.");
			continue;
		}
		table_begin(d, (int)t->ncols, t->headers, t->widths, t->right);
		for (size_t r = 0; r < t->nrows; r++)
			table_row(d, (const char *const *)&t->cells[r * t->ncols]);
		table_end(d);
	}
}

/* a ranking's bars (those suppressed left out), the marked ones hatched and bold */
static void rank_chart(struct pdf *d, const char *id, const char *title, const struct pack_bar *bars, size_t n,
		       const char *unit)
{
	const char **labels = xcalloc(n + 1, sizeof(*labels));
	double *values = xcalloc(n + 1, sizeof(*values));
	unsigned char *marks = xcalloc(n + 1, 1);
	struct chart_bars ch;
	size_t nb = 0;

	for (size_t i = 0; i < n; i++) {
		if (bars[i].count < 0)
			continue;
		labels[nb] = bars[i].label;
		values[nb] = bars[i].value;
		marks[nb++] = (unsigned char)bars[i].highlight;
	}
	memset(&ch, 0, sizeof(ch));
	ch.id = id;
	ch.title = title;
	ch.labels = labels;
	ch.values = values;
	ch.n = nb;
	ch.highlight = -1;
	ch.marks = marks;
	ch.unit = !strcmp(unit, "%") ? "%" : NULL;
	ch.decimals = 1;
	ch.sort = 1;
	heading(d, title, 10);
	draw_bars(d, &ch);
	free(labels);
	free(values);
	free(marks);
}

static void area_ranks(struct pdf *d);

static void indicators_section(struct pdf *d)
{
	static const char *const hdr[] = { "Indicator", "Level", "Area", "Period", "Value", "Number",
					   "Source" };
	static const double w[] = { 78, 38, 92, 45, 62, 62, 118 };
	static const int right[] = { 0, 0, 0, 0, 1, 1, 0 };
	const struct pack *p = d->p;
	char line[512];

	section(d, SEC_INDICATORS);
	if (!p->nindicators) {
		para(d, "No indicator has a figure for this area, its wards or its LSOAs (reach import indicators).");
		return;
	}
	para(d, "Each figure with its level, period and source, as imported: the LA's figure, the figures "
		"of the wards that contain the area's LSOAs, and the area's LSOAs' figures, added up from "
		"their numerators and denominators when every one has them, else listed one by one. "
		"Number: the numerator of the denominator.");
	table_begin(d, 7, hdr, w, right);
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct pack_indicator *ind = &p->indicators[i];
		struct pack_indicator_text t;
		const char *cells[7] = { ind->indicator, ind->level, t.area, ind->period, t.value, t.number,
					 t.source };

		pack_indicator_text(ind, &t);
		table_row(d, cells);
	}
	table_end(d);
	for (size_t r = 0; r < p->nward_ranks; r++) {
		const struct pack_ward_rank *wr = &p->ward_ranks[r];

		pack_ward_rank_title(line, sizeof(line), wr);
		rank_chart(d, "ward", line, wr->bars, wr->nbars, wr->unit);
	}
	area_ranks(d);
}

/* every centre or cluster ranked by its LSOAs' figures together: chart and table */
static void area_ranks(struct pdf *d)
{
	static const char *const hdr[] = { "Area", "Value", "Number" };
	static const double w[] = { 260, 90, 140 };
	static const int right[] = { 0, 1, 1 };
	const struct pack *p = d->p;
	char line[512], value[64], number[96];

	for (size_t r = 0; r < p->narea_ranks; r++) {
		const struct pack_area_rank *ar = &p->area_ranks[r];

		pack_area_rank_title(line, sizeof(line), ar);
		rank_chart(d, "arearank", line, ar->bars, ar->nbars, ar->unit);
		table_begin(d, 3, hdr, w, right);
		{
			size_t *order = pack_bar_order(ar->bars, ar->nbars);

			for (size_t k = 0; k < ar->nbars; k++) {
				size_t i = order[k];
				const char *cells[3] = { ar->bars[i].label, value, number };

				pack_area_rank_cells(ar, i, value, number);
				table_row(d, cells);
			}
			free(order);
		}
		table_end(d);
	}
}

static void engagement_section(struct pdf *d)
{
	static const char *const hdr[] = { "Month", "New families", "Children registered" };
	static const double w[] = { 200, 100, 100 };
	static const int right[] = { 0, 1, 1 };
	const struct pack *p = d->p;
	char m[48], a[16], b[16], line[320];

	section(d, SEC_ENGAGEMENT);
	para(d, "Families registered by the area's centres (the registering centre; for the LA every "
		"family). A family is new in the month of its first registration.");
	table_begin(d, 3, hdr, w, right);
	for (size_t i = 0; i < p->nmonths; i++) {
		const char *cells[3] = { m, a, b };

		snprintf(m, sizeof(m), "%s %d", pack_month_name(p->months[i].month), p->months[i].year);
		num(a, sizeof(a), p->months[i].families);
		num(b, sizeof(b), p->months[i].children);
		table_row(d, cells);
	}
	{
		const char *cells[3] = { "Period total", a, b };

		num(a, sizeof(a), p->months_families);
		num(b, sizeof(b), p->months_children);
		table_row(d, cells);
	}
	table_end(d);
	pack_long_date(m, sizeof(m), p->to);
	num(a, sizeof(a), p->unseen);
	snprintf(line, sizeof(line), "Registered families with a child under 5 not seen at any session in the %d months "
		 "to %s: %s.", PACK_UNSEEN_MONTHS, m, a);
	heading(d, "Families not seen", 11);
	para(d, line);
}

static void quality_section(struct pdf *d)
{
	static const char *const hdr[] = { "Check", "Records", "Of", "Share" };
	static const double w[] = { 250, 60, 60, 60 };
	static const int right[] = { 0, 1, 1, 1 };
	const struct pack_quality *q = &d->p->quality;
	struct pack_quality_row rows[PACK_QUALITY_ROWS];
	char a[16], b[16], c[32];

	section(d, SEC_QUALITY);
	para(d, "Records of the families registered by the area's centres (for the LA every family). "
		"Children with no date of birth cannot be counted as under 5, and families with no known "
		"postcode belong to no LSOA: neither appears in the reach figures.");
	pack_quality_rows(q, rows);
	table_begin(d, 4, hdr, w, right);
	for (size_t i = 0; i < PACK_QUALITY_ROWS; i++) {
		const char *cells[4] = { rows[i].label, a, b, c };

		num(a, sizeof(a), rows[i].n);
		num(b, sizeof(b), rows[i].of);
		pack_pct(c, rows[i].n, rows[i].of);
		if (rows[i].unknown)
			snprintf(a, sizeof(a), "not checked");
		if (rows[i].unknown && !rows[i].of)
			b[0] = '\0';
		table_row(d, cells);
	}
	table_end(d);
	{
		char note[512];

		pack_dup_note(&d->p->quality, note, sizeof(note));
		para(d, note);
	}
	para(d, PACK_REPEATS_NOTE);
	cautions_list(d);
}


static void cover(struct pdf *d)
{
	const struct pack *p = d->p;
	char line[512], made[40];

	cairo_set_source_rgb(d->cr, 0.11, 0.44, 0.72);
	cairo_rectangle(d->cr, 0, 0, PAGE_W, 12);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0.04, 0.05, 0.05);
	d->y = 150;
	d->y += text(d, MARGIN, d->y, BODY_W, pack_type_title(p->type), 26, 1, -1) + 12;
	snprintf(line, sizeof(line), "%s %s", p->code, p->name);
	if (!strcmp(p->code, p->name))
		snprintf(line, sizeof(line), "%s", p->code);
	d->y += text(d, MARGIN, d->y, BODY_W, line, 18, 0, -1) + 20;
	d->y += text(d, MARGIN, d->y, BODY_W, d->period, 14, 0, -1) + 8;
	pack_long_date(made, sizeof(made), p->made);
	snprintf(line, sizeof(line), "Made on %s", made);
	d->y += text(d, MARGIN, d->y, BODY_W, line, 10, 0, -1) + 30;
	snprintf(line, sizeof(line), "Data sources: %s.", p->sources);
	d->y += text(d, MARGIN, d->y, BODY_W, line, 9, 0, -1) + 30;
	if (p->published) {
		d->y += text(d, MARGIN, d->y, BODY_W, "For publication", 12, 1, -1) + 4;
		d->y += text(d, MARGIN, d->y, BODY_W, PACK_PUBLISH_NOTE, 10, 0, -1) + 30;
	}
	if (p->best_fit) {
		d->y += text(d, MARGIN, d->y, BODY_W, "Best-fit figures", 12, 1, -1) + 4;
		d->y += text(d, MARGIN, d->y, BODY_W, PACK_BEST_FIT_NOTE, 10, 0, -1) + 30;
	}

	d->y += text(d, MARGIN, d->y, BODY_W, "Contents", 14, 1, -1) + 8;
	for (int s = 0; s < SEC_COUNT; s++) {
		char pg[16];
		double h;

		snprintf(pg, sizeof(pg), "%d", d->section_page[s]);
		h = text(d, MARGIN, d->y, BODY_W - 40, section_titles[s], 10, 0, -1);
		text(d, PAGE_W - MARGIN - 40, d->y, 40, d->section_page[s] ? pg : "", 10, 0, 1);
		d->y += h + 5;
	}
}

/* draw the whole pack onto d->surface */
static int render(struct pdf *d)
{
	cairo_font_options_t *fo = cairo_font_options_create();

	d->cr = cairo_create(d->surface);
	/* text measured the same on the counting pass's recording surface as in the PDF */
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(d->cr, fo);
	cairo_font_options_destroy(fo);
	d->page = 1;
	cover(d);
	reach_section(d);
	trends_section(d);
	demographics_section(d);
	deprivation_section(d);
	indicators_section(d);
	engagement_section(d);
	quality_section(d);
	coverage_section(d);
	footer(d);
	cairo_show_page(d->cr);
	cairo_destroy(d->cr);
	d->cr = NULL;
	return d->page;
}

int pack_write_pdf(const struct pack *p, const char *path)
{
	struct pdf d;
	char a[40], b[40], title[300];
	cairo_status_t st;
	int ret = -1;

	memset(&d, 0, sizeof(d));
	d.p = p;
	pack_long_date(a, sizeof(a), p->from);
	pack_long_date(b, sizeof(b), p->to);
	snprintf(d.period, sizeof(d.period), "%s to %s", a, b);
	/* first pass: where the sections start and how many pages there are,
	 * drawn on a recording surface (nothing compressed, no fonts embedded) */
	d.surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA,
						   &(cairo_rectangle_t){ 0, 0, PAGE_W, PAGE_H });
	d.npages = render(&d);
	cairo_surface_destroy(d.surface);

	d.surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if ((st = cairo_surface_status(d.surface)) != CAIRO_STATUS_SUCCESS) {
		error("cannot write '%s': %s", path, cairo_status_to_string(st));
		goto out;
	}
	snprintf(title, sizeof(title), "%s: %s %s, %s", pack_type_title(p->type), p->code, p->name, d.period);
	cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATOR, "Reach");
	render(&d);
	cairo_surface_finish(d.surface);
	if ((st = cairo_surface_status(d.surface)) != CAIRO_STATUS_SUCCESS) {
		error("cannot write '%s': %s", path, cairo_status_to_string(st));
		goto out;
	}
	ret = 0;
out:
	cairo_surface_destroy(d.surface);
	return ret;
}

void pack_pdf_shutdown(void)
{
	chart_cairo_shutdown();
}
