/* pack_xlsx.c: a data pack as a spreadsheet: one sheet per table, real numbers, sources beside them */
#include "pack.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/util.h"

#include <math.h>
#include <stdio.h>
#include <xlsxwriter.h>

struct xl {
	lxw_workbook *wb;      /* the file */
	const struct pack *p;  /* what is written */
	lxw_format *bold;      /* headers */
	lxw_format *title;     /* the first row */
	lxw_format *pct;       /* 0.0% */
	char period[64];       /* "2025-04-01 to 2026-03-31" */
	lxw_worksheet *ws;     /* the current sheet */
	lxw_row_t row;         /* its next row */
	int ncols;             /* columns of its table, the source after them */
	const char *source;    /* the current table's source */
};


/* a new sheet: title, period, a blank row, the header with "Source / notes" last */
static void sheet(struct xl *x, const char *name, const char *title, const char *const *headers, int ncols,
		  const char *source)
{
	char line[512];

	x->ws = workbook_add_worksheet(x->wb, name);
	x->row = 0;
	x->ncols = ncols;
	x->source = source;
	snprintf(line, sizeof(line), "%s %s: %s", x->p->code, x->p->name, title);
	worksheet_write_string(x->ws, x->row++, 0, line, x->title);
	worksheet_write_string(x->ws, x->row, 0, "Period", x->bold);
	worksheet_write_string(x->ws, x->row++, 1, x->period, NULL);
	if (x->p->published)
		worksheet_write_string(x->ws, x->row, 0, PACK_PUBLISH_NOTE, NULL);
	x->row++;
	for (int c = 0; c < ncols; c++)
		worksheet_write_string(x->ws, x->row, (lxw_col_t)c, headers[c], x->bold);
	worksheet_write_string(x->ws, x->row++, (lxw_col_t)ncols, "Source / notes", x->bold);
	worksheet_set_column(x->ws, 0, 0, 34, NULL);
	worksheet_set_column(x->ws, 1, (lxw_col_t)(ncols - 1), 14, NULL);
	worksheet_set_column(x->ws, (lxw_col_t)ncols, (lxw_col_t)ncols, 60, NULL);
	worksheet_freeze_panes(x->ws, x->row, 1);
}

static void cell_str(struct xl *x, int col, const char *s)
{
	worksheet_write_string(x->ws, x->row, (lxw_col_t)col, s ? s : "", NULL);
}

/* a count: a number, or the text "<5" or ".." when suppressed */
static void cell_num(struct xl *x, int col, int64_t v)
{
	if (v < 0) {
		char s[32];

		pack_num(s, v);
		worksheet_write_string(x->ws, x->row, (lxw_col_t)col, s, NULL);
		return;
	}
	worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)v, NULL);
}

/* a percentage as the reach report rounds it (one decimal), formatted 0.0%; blank with no denominator */
static void cell_pct(struct xl *x, int col, int64_t count, int64_t of)
{
	if (of == 0 || (of < 0 && of != PACK_SMALL && of != PACK_HIDDEN))
		return;
	if (count < 0 || of < 0) {
		worksheet_write_string(x->ws, x->row, (lxw_col_t)col, "..", NULL);
		return;
	}
	worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)reach_pct_tenths(count, of) / 1000.0,
			       x->pct);
}

static void end_row(struct xl *x)
{
	worksheet_write_string(x->ws, x->row++, (lxw_col_t)x->ncols, x->source, NULL);
}

/* under a table of best-fit figures: what best fit means */
static void best_fit_note(struct xl *x)
{
	if (x->p->best_fit)
		worksheet_write_string(x->ws, x->row++, 0, PACK_BEST_FIT_NOTE, NULL);
}

/* population, registered, %, engaged, %, sustained, % from column `col` on */
static void reach_cells(struct xl *x, int col, const struct pack_reach *r)
{
	int64_t pop = r->has_population ? r->population : 0;

	if (pop)
		cell_num(x, col, pop);
	cell_num(x, col + 1, r->registered);
	cell_pct(x, col + 2, r->registered, pop);
	cell_num(x, col + 3, r->engaged);
	cell_pct(x, col + 4, r->engaged, pop);
	cell_num(x, col + 5, r->sustained);
	cell_pct(x, col + 6, r->sustained, pop);
}

static void reach_sheets(struct xl *x)
{
	static const char *const hdr[] = { "Children", "Population", "Registered", "Registered %", "Engaged",
					   "Engaged %", "Sustained", "Sustained %", "Ofsted words" };
	static const char *const bhdr[] = { "Area", "Registered %" };
	const struct pack *p = x->p;

	sheet(x, "Reach", "reach and engagement", hdr, 9,
	      "Reach report (reach_compute): under-5s living in the area; population is ONS mid-year, ages 0-4");
	for (int g = 0; g < GROUP_COUNT; g++) {
		const struct pack_reach *r = &p->reach[g];
		int64_t pop = r->has_population ? r->population : 0;

		cell_str(x, 0, pack_group_label((enum reach_group)g));
		reach_cells(x, 1, r);
		if (pop > 0 && r->registered >= 0)
			cell_str(x, 8, ofsted_words(reach_pct_whole(r->registered, pop)));
		else if (pop)
			cell_str(x, 8, "..");
		end_row(x);
	}
	best_fit_note(x);
	sheet(x, "Registered by area", "registered % by area inside, and the area itself", bhdr, 2,
	      "Reach report rows of the areas inside (areas with a known population)");
	for (size_t i = 0; i < p->nbars; i++) {
		cell_str(x, 0, p->bars[i].label);
		if (p->bars[i].count < 0)
			cell_str(x, 1, "..");
		else
			worksheet_write_number(x->ws, x->row, 1, p->bars[i].value / 100.0, x->pct);
		end_row(x);
	}
}

static void count_sheet(struct xl *x, const char *name, const char *title, const char *first,
			const struct pack_count *v, size_t n, const char *source, int skip_zero)
{
	const char *hdr[4] = { first, "Code", "Children", "% of registered" };

	sheet(x, name, title, hdr, 4, source);
	for (size_t i = 0; i < n; i++) {
		if (skip_zero && !v[i].count)
			continue;
		cell_str(x, 0, v[i].label);
		cell_str(x, 1, v[i].code);
		cell_num(x, 2, v[i].count);
		cell_pct(x, 3, v[i].count, x->p->children);
		end_row(x);
	}
}

static void demographic_sheets(struct xl *x)
{
	static const char *const ahdr[] = { "Age", "Population", "% of under-5s" };
	static const char *const ghdr[] = { "Registered children", "Children", "% of registered" };
	const struct pack *p = x->p;
	int64_t total = p->age_total;
	char label[32], src[96];

	snprintf(src, sizeof(src), "ONS mid-year population estimates, %d, summed over the area's LSOAs",
		 date_year(p->to));
	sheet(x, "Population by age", "under-5 population by year of age", ahdr, 3, src);
	for (int i = 0; i <= 5; i++) {
		int64_t v = i < 5 ? p->age_pop[i] : total;

		snprintf(label, sizeof(label), i < 5 ? "Age %d" : "All ages 0-4", i);
		cell_str(x, 0, label);
		if (p->has_age_pop) {
			cell_num(x, 1, v);
			cell_pct(x, 2, v, total);
		}
		end_row(x);
	}
	sheet(x, "Circumstances", "registered under-5s by circumstance", ghdr, 3,
	      "Reach report target groups (registered); % of all registered under-5s living in the area");
	for (size_t i = 0; i < PACK_CIRCUMSTANCES; i++) {
		cell_str(x, 0, pack_circumstances[i].label);
		cell_num(x, 1, p->reach[pack_circumstances[i].group].registered);
		cell_pct(x, 2, p->reach[pack_circumstances[i].group].registered, p->children);
		end_row(x);
	}
	count_sheet(x, "Ethnicity", "registered under-5s by ethnicity (main DfE groups)", "Ethnicity",
		    p->ethnic, PACK_ETHNIC_GROUPS, "People register: ethnicity rolled up to the main DfE code", 1);
	count_sheet(x, "Languages", "registered under-5s by language of the family (top 10)", "Language",
		    p->languages, p->nlanguages,
		    "People register: languages of any family member; a child counts once per language", 0);
	cell_str(x, 0, "No language recorded");
	cell_num(x, 2, p->no_language);
	cell_pct(x, 3, p->no_language, p->children);
	end_row(x);
}

static void band_rows(struct xl *x, const struct pack_band *v, size_t n, int skip_empty)
{
	for (size_t i = 0; i < n; i++) {
		const struct pack_band *b = &v[i];
		int64_t pop = b->all.has_population ? b->all.population : 0;

		if (skip_empty && !b->lsoas)
			continue;
		cell_str(x, 0, b->label);
		cell_num(x, 1, b->lsoas);
		if (pop)
			cell_num(x, 2, pop);
		cell_num(x, 3, b->all.registered);
		cell_pct(x, 4, b->all.registered, pop);
		cell_num(x, 5, b->all.engaged);
		cell_pct(x, 6, b->all.engaged, pop);
		cell_num(x, 7, b->all.sustained);
		end_row(x);
	}
}

static void deprivation_sheets(struct xl *x)
{
	static const char *const hdr[] = { "IDACI decile of the LSOA", "LSOAs", "Population", "Registered",
					   "Registered %", "Engaged", "Engaged %", "Sustained" };

	sheet(x, "Deprivation deciles", "reach by IDACI decile", hdr, 8,
	      "Sums of the reach report's LSOA rows; IDACI decile from the LSOA table (1 = most deprived)");
	band_rows(x, x->p->deciles, 11, 1);
	best_fit_note(x);
	sheet(x, "Deprivation bands", "the most deprived LSOAs beside the rest", hdr, 8,
	      "Sums of the reach report's LSOA rows; 20% = deciles 1-2, 30% = deciles 1-3");
	band_rows(x, x->p->bands, 3, 0);
	best_fit_note(x);
}

/* the coverage tables (pack_coverage.c), one after another on one sheet;
 * number columns as numbers */
static void coverage_sheet(struct xl *x)
{
	const struct pack *p = x->p;

	for (size_t i = 0; i < p->ncoverage; i++) {
		const struct pack_table *t = &p->coverage[i];

		if (i == 0) {
			sheet(x, "Coverage", t->title, t->headers, (int)t->ncols, t->note ? t->note : "");
		} else {
			x->row++;
			worksheet_write_string(x->ws, x->row++, 0, t->title, x->bold);
			if (t->note)
				worksheet_write_string(x->ws, x->row++, 0, t->note, NULL);
			for (size_t c = 0; c < t->ncols; c++)
				worksheet_write_string(x->ws, x->row, (lxw_col_t)c, t->headers[c], x->bold);
			x->row++;
		}
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < t->ncols; c++) {
				const char *v = t->cells[r * t->ncols + c];
				int64_t n;

				if (t->right[c] && *v && !parse_i64(v, INT64_MIN, INT64_MAX, &n))
					worksheet_write_number(x->ws, x->row, (lxw_col_t)c, (double)n, NULL);
				else if (t->right[c] && *v && !parse_millionths(v, &n))
					worksheet_write_number(x->ws, x->row, (lxw_col_t)c, (double)n / SHARE_WHOLE, NULL);
				else
					cell_str(x, (int)c, v);
			}
			x->row++;
		}
		if (!t->nrows) {
			cell_str(x, 0, "None");
			x->row++;
		}
	}
}

static void engagement_sheets(struct xl *x)
{
	static const char *const hdr[] = { "Year", "Month", "New families", "Children registered" };
	static const char *const uhdr[] = { "Measure", "Families" };
	static const char *const qhdr[] = { "Check", "Records", "Of", "Share" };
	const struct pack *p = x->p;
	const struct pack_quality *q = &p->quality;
	struct pack_quality_row rows[PACK_QUALITY_ROWS];

	sheet(x, "New families", "new families each month", hdr, 4,
	      "Families registered by the area's centres (LA: every family), by month of first registration");
	for (size_t i = 0; i < p->nmonths; i++) {
		cell_num(x, 0, p->months[i].year);
		cell_num(x, 1, p->months[i].month);
		cell_num(x, 2, p->months[i].families);
		cell_num(x, 3, p->months[i].children);
		end_row(x);
	}
	sheet(x, "Not seen", "registered families not seen", uhdr, 2,
	      "Families registered by the area's centres with a child under 5, no attendance in the 6 months to the end of the period");
	cell_str(x, 0, "Not seen for 6 months");
	cell_num(x, 1, p->unseen);
	end_row(x);
	pack_quality_rows(q, rows);
	sheet(x, "Data quality", "data quality", qhdr, 4,
	      "Records of families registered by the area's centres (LA: every family)");
	for (size_t i = 0; i < PACK_QUALITY_ROWS; i++) {
		cell_str(x, 0, rows[i].label);
		if (rows[i].unknown)
			cell_str(x, 1, "not checked");
		else
			cell_num(x, 1, rows[i].n);
		if (!rows[i].unknown || rows[i].of)
			cell_num(x, 2, rows[i].of);
		cell_pct(x, 3, rows[i].n, rows[i].of);
		if (rows[i].note)
			x->source = rows[i].note;
		end_row(x);
	}
	{
		char note[512];

		pack_dup_note(q, note, sizeof(note));
		worksheet_write_string(x->ws, x->row++, 0, note, NULL);
	}
}

/* the later sections: engagement by activity, live births, what the pack cannot be trusted for */
static void section_sheets(struct xl *x)
{
	static const char *const ahdr[] = { "Activity", "Children", "% of engaged children", "Attendances" };
	static const char *const bhdr[] = { "Year", "Live births" };
	static const char *const chdr[] = { PACK_CAUTIONS_TITLE };
	const struct pack *p = x->p;
	char y[64];

	sheet(x, "Activities", "engagement by activity (children living in the area)", ahdr, 4,
	      PACK_ACTIVITY_NOTE);
	for (size_t i = 0; i < p->nactivities; i++) {
		cell_str(x, 0, p->activities[i].name);
		cell_num(x, 1, p->activities[i].children);
		cell_pct(x, 2, p->activities[i].children, p->reach[GROUP_ALL].engaged);
		cell_num(x, 3, p->activities[i].attendances);
		end_row(x);
	}
	sheet(x, "Live births", "live births by year", bhdr, 2,
	      p->births.any ? PACK_BIRTHS_NOTE : PACK_BIRTHS_NONE);
	for (int i = 0; p->births.any && i < PACK_BIRTH_YEARS; i++) {
		pack_birth_year_label(p, i, y, sizeof(y));
		cell_str(x, 0, y);
		cell_num(x, 1, p->births.count[i]);
		end_row(x);
	}
	sheet(x, "Cautions", "what this pack cannot be trusted for", chdr, 1,
	      "From the data quality figures of the pack");
	for (size_t i = 0; i < p->ncautions; i++) {
		cell_str(x, 0, p->cautions[i]);
		end_row(x);
	}
}

static void indicator_sheets(struct xl *x)
{
	static const char *const hdr[] = { "Indicator", "Level", "Area code", "Area", "Period", "Value", "Unit",
					   "Numerator", "Denominator", "Published on" };
	static const char *const rhdr[] = { "Indicator", "Period", "Rank", "Ward", "Value", "A ward of this area" };
	const struct pack *p = x->p;
	struct buf src = BUF_INIT;

	sheet(x, "Indicators", "area indicators: the LA's, the area's wards', the area's LSOAs'", hdr, 10, "");
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct pack_indicator *ind = &p->indicators[i];

		cell_str(x, 0, ind->indicator);
		cell_str(x, 1, ind->level);
		cell_str(x, 2, ind->area_code);
		cell_str(x, 3, ind->area_name);
		cell_str(x, 4, ind->period);
		if (ind->has_ratio == PACK_SMALL) {
			cell_str(x, 5, "..");
			cell_str(x, 7, "<5");
		} else {
			worksheet_write_number(x->ws, x->row, 5, ind->value, NULL);
			if (ind->has_ratio)
				worksheet_write_number(x->ws, x->row, 7, ind->numerator, NULL);
		}
		cell_str(x, 6, ind->unit);
		if (ind->has_ratio)
			worksheet_write_number(x->ws, x->row, 8, ind->denominator, NULL);
		cell_str(x, 9, ind->published_on);
		x->source = ind->source;
		end_row(x);
	}
	sheet(x, "Indicators by ward", "every ward ranked for each indicator", rhdr, 6, "");
	for (size_t r = 0; r < p->nward_ranks; r++) {
		const struct pack_ward_rank *w = &p->ward_ranks[r];
		/* descending value, ties in code order, as the chart */
		size_t *order = pack_bar_order(w->bars, w->nbars);

		buf_reset(&src);
		buf_adds(&src, w->source);
		for (size_t k = 0; k < w->nbars; k++) {
			const struct pack_bar *bar = &w->bars[order[k]];

			cell_str(x, 0, w->indicator);
			cell_str(x, 1, w->period);
			cell_num(x, 2, (int64_t)k + 1);
			cell_str(x, 3, bar->label);
			worksheet_write_number(x->ws, x->row, 4, bar->value, NULL);
			cell_str(x, 5, bar->highlight ? "yes" : "");
			x->source = src.data;
			end_row(x);
		}
		free(order);
	}
	buf_release(&src);
}

static void area_rank_sheet(struct xl *x)
{
	static const char *const hdr[] = { "Indicator", "Period", "Area", "Value", "Numerator", "Denominator",
					   "This area" };
	const struct pack *p = x->p;

	if (!p->narea_ranks)
		return;
	sheet(x, "Indicators by area", p->type == AREA_CENTRE ? "every centre ranked by its LSOAs' figures together"
	      : "every cluster ranked by its LSOAs' figures together", hdr, 7, "");
	for (size_t r = 0; r < p->narea_ranks; r++) {
		const struct pack_area_rank *ar = &p->area_ranks[r];
		size_t *order = pack_bar_order(ar->bars, ar->nbars);

		for (size_t k = 0; k < ar->nbars; k++) {
			size_t i = order[k];

			cell_str(x, 0, ar->indicator);
			cell_str(x, 1, ar->period);
			cell_str(x, 2, ar->bars[i].label);
			if (ar->bars[i].count == PACK_SMALL) {
				cell_str(x, 3, "..");
				cell_str(x, 4, "<5");
			} else {
				worksheet_write_number(x->ws, x->row, 3, ar->bars[i].value, NULL);
				worksheet_write_number(x->ws, x->row, 4, ar->numerator[i], NULL);
			}
			worksheet_write_number(x->ws, x->row, 5, ar->denominator[i], NULL);
			cell_str(x, 6, ar->bars[i].highlight ? "yes" : "");
			x->source = ar->source;
			end_row(x);
		}
		free(order);
	}
}

static void quarter_text(char *out, size_t n, int year, int quarter)
{
	snprintf(out, n, "%d Q%d", year, quarter);
}

static void trend_sheets(struct xl *x)
{
	static const char *const hdr[] = { "Quarter", "First day", "Last day", "Children", "Population",
					   "Registered", "Registered %", "Engaged", "Engaged %", "Sustained",
					   "Sustained %" };
	static const char *const fhdr[] = { "Quarter", "Registered % (forecast)", "Engaged % (forecast)" };
	static const char *const ihdr[] = { "Indicator", "Period", "The area", "Which", "LA", "England", "Unit" };
	const struct pack_trend *t = &x->p->trend;
	char src[600], q[16], a[11], b[11];

	snprintf(src, sizeof(src), "Reach report for each calendar quarter (from its first to its last day)%s",
		 t->n < PACK_TREND_QUARTERS ? "; fewer than 12 quarters: the attendance data start in the first" : "");
	sheet(x, "Trends", "registered and engaged by quarter", hdr, 11, src);
	for (size_t k = 0; k < t->n; k++)
		for (int g = 0; g < GROUP_COUNT; g++) {
			quarter_text(q, sizeof(q), t->q[k].year, t->q[k].quarter);
			date_format(t->q[k].from, a);
			date_format(t->q[k].to, b);
			cell_str(x, 0, q);
			cell_str(x, 1, a);
			cell_str(x, 2, b);
			cell_str(x, 3, pack_group_label((enum reach_group)g));
			reach_cells(x, 4, &t->q[k].reach[g]);
			end_row(x);
		}
	snprintf(src, sizeof(src), "%s Fitted to %zu quarters.", PACK_FORECAST_NOTE, t->registered.fitted);
	sheet(x, "Forecast", "registered and engaged % of all under-5s if nothing changes", fhdr, 3,
	      t->registered.has || t->engaged.has ? src : "No forecast: fewer than 3 quarters have figures.");
	for (int j = 0; t->n && j < PACK_FORECAST_QUARTERS; j++) {
		int qi = 4 * t->q[t->n - 1].year + t->q[t->n - 1].quarter + j;

		quarter_text(q, sizeof(q), qi / 4, qi % 4 + 1);
		cell_str(x, 0, q);
		if (t->registered.has)
			worksheet_write_number(x->ws, x->row, 1, t->registered.v[j] / 100.0, x->pct);
		if (t->engaged.has)
			worksheet_write_number(x->ws, x->row, 2, t->engaged.v[j] / 100.0, x->pct);
		end_row(x);
	}
	if (!x->p->nind_trends)
		return;
	sheet(x, "Indicator trends", "indicators with figures for several periods", ihdr, 7,
	      "As imported (reach import indicators)");
	for (size_t i = 0; i < x->p->nind_trends; i++) {
		const struct pack_indicator_trend *it = &x->p->ind_trends[i];

		for (size_t k = 0; k < it->n; k++) {
			cell_str(x, 0, it->indicator);
			cell_str(x, 1, it->periods[k]);
			if (isfinite(it->area[k]))
				worksheet_write_number(x->ws, x->row, 2, it->area[k], NULL);
			cell_str(x, 3, it->area_label ? it->area_label : "");
			if (isfinite(it->la[k]))
				worksheet_write_number(x->ws, x->row, 4, it->la[k], NULL);
			if (isfinite(it->national[k]))
				worksheet_write_number(x->ws, x->row, 5, it->national[k], NULL);
			cell_str(x, 6, it->unit);
			worksheet_write_string(x->ws, x->row++, 7, it->source, NULL);
		}
	}
}

int pack_write_xlsx(const struct pack *p, const char *path)
{
	struct xl x;
	char a[11], b[11];
	lxw_error e;
	lxw_doc_properties props;
	char title[300];

	memset(&x, 0, sizeof(x));
	x.p = p;
	date_format(p->from, a);
	date_format(p->to, b);
	snprintf(x.period, sizeof(x.period), "%s to %s", a, b);
	x.wb = workbook_new(path);
	if (!x.wb)
		return error("cannot write '%s'", path);
	memset(&props, 0, sizeof(props));
	snprintf(title, sizeof(title), "Data pack: %s %s, %s", p->code, p->name, x.period);
	props.title = title;
	props.author = "Reach";
	if (p->published)
		props.comments = PACK_PUBLISH_NOTE;
	else if (p->best_fit)
		props.comments = PACK_BEST_FIT_NOTE;
	workbook_set_properties(x.wb, &props);
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.title = workbook_add_format(x.wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 13);
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0.0%");
	reach_sheets(&x);
	demographic_sheets(&x);
	deprivation_sheets(&x);
	engagement_sheets(&x);
	indicator_sheets(&x);
	coverage_sheet(&x);
	section_sheets(&x);
	trend_sheets(&x);
	area_rank_sheet(&x);
	e = workbook_close(x.wb);
	if (e != LXW_NO_ERROR)
		return error("cannot write '%s': %s", path, lxw_strerror(e));
	return 0;
}
