/* pack_charts.c: the chart models of a pack's trends and rankings, and
 * their words, so the PDF and HTML writers draw the same charts */
#include "pack.h"
#include "../util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void pack_quarter_label(char *out, size_t n, int year, int quarter)
{
	snprintf(out, n, "%d Q%d", year, quarter);
}

void pack_trend_intro(char *out, size_t n, const struct pack_trend *t)
{
	char first[16];

	if (!t->n) {
		snprintf(out, n, "No quarter to show.");
		return;
	}
	pack_quarter_label(first, sizeof(first), t->q[0].year, t->q[0].quarter);
	snprintf(out, n, "Registered and engaged percentages of under-5s living in the area in each "
		 "calendar quarter, each quarter's figures being the reach report from its first to its last day. "
		 "%zu quarters from %s%s. %s",
		 t->n, first, t->n < PACK_TREND_QUARTERS ? " (fewer than 12: the attendance data start in that quarter)"
		 : "", PACK_FORECAST_NOTE);
}

void pack_trend_chart_init(struct pack_trend_chart *tc, const struct pack_trend *t)
{
	size_t n = t->n + PACK_FORECAST_QUARTERS;

	memset(tc, 0, sizeof(*tc));
	tc->labels = xcalloc(n, sizeof(*tc->labels));
	tc->xl = xcalloc(n, sizeof(*tc->xl));
	tc->reg = xcalloc(n, sizeof(*tc->reg));
	tc->eng = xcalloc(n, sizeof(*tc->eng));
	for (size_t k = 0; k < n && t->n; k++) {
		int qi = k < t->n ? 4 * t->q[k].year + t->q[k].quarter - 1
			 : 4 * t->q[t->n - 1].year + t->q[t->n - 1].quarter - 1 + (int)(k - t->n + 1);

		pack_quarter_label(tc->labels[k], sizeof(tc->labels[k]), qi / 4, qi % 4 + 1);
		tc->xl[k] = tc->labels[k];
		if (k < t->n) {
			tc->reg[k] = pack_trend_pct(t->q[k].reach[GROUP_ALL].registered, &t->q[k].reach[GROUP_ALL]);
			tc->eng[k] = pack_trend_pct(t->q[k].reach[GROUP_ALL].engaged, &t->q[k].reach[GROUP_ALL]);
		} else {
			tc->reg[k] = t->registered.has ? t->registered.v[k - t->n] : NAN;
			tc->eng[k] = t->engaged.has ? t->engaged.v[k - t->n] : NAN;
		}
	}
	tc->s[0] = (struct chart_series){ .name = "Registered %", .values = tc->reg, .dash = CHART_SOLID,
					  .marker = CHART_MARK_CIRCLE, .colour = CHART_BLUE };
	tc->s[1] = (struct chart_series){ .name = "Engaged %", .values = tc->eng, .dash = CHART_DASHED,
					  .marker = CHART_MARK_SQUARE, .colour = CHART_GREEN };
	tc->c.id = "trend";
	tc->c.title = "Registered and engaged % of under-5s by quarter, with the forecast dotted";
	tc->c.xlabels = tc->xl;
	tc->c.n = t->n ? n : 0;
	tc->c.nactual = t->n;
	tc->c.series = tc->s;
	tc->c.nseries = 2;
	tc->c.unit = "%";
	tc->c.decimals = 1;
}

void pack_trend_chart_release(struct pack_trend_chart *tc)
{
	free(tc->labels);
	free(tc->xl);
	free(tc->reg);
	free(tc->eng);
	memset(tc, 0, sizeof(*tc));
}

void pack_ind_trend_chart_init(struct pack_ind_trend_chart *ic, const struct pack_indicator_trend *t)
{
	size_t ns = 0;
	int has_la = 0, has_nat = 0, has_area = 0;

	memset(ic, 0, sizeof(*ic));
	for (size_t i = 0; i < t->n; i++) {
		has_area |= isfinite(t->area[i]);
		has_la |= isfinite(t->la[i]);
		has_nat |= isfinite(t->national[i]);
	}
	if (has_area)
		ic->s[ns++] = (struct chart_series){ .name = t->area_label ? t->area_label : "The area",
						     .values = t->area, .dash = CHART_SOLID,
						     .marker = CHART_MARK_CIRCLE, .colour = CHART_BLUE };
	if (has_la)
		ic->s[ns++] = (struct chart_series){ .name = "LA", .values = t->la, .dash = CHART_DASHED,
						     .marker = CHART_MARK_SQUARE, .colour = CHART_GREY };
	if (has_nat)
		ic->s[ns++] = (struct chart_series){ .name = "England", .values = t->national, .dash = CHART_DASHED,
						     .marker = CHART_MARK_DIAMOND, .colour = CHART_PURPLE };
	snprintf(ic->title, sizeof(ic->title), "%s by period%s%s%s (source: %s)", t->indicator,
		 has_area ? ": the area" : "", has_la ? ", the LA" : "", has_nat ? ", England" : "", t->source);
	ic->c.id = "indtrend";
	ic->c.title = ic->title;
	ic->c.xlabels = (const char *const *)t->periods;
	ic->c.n = t->n;
	ic->c.nactual = t->n;
	ic->c.series = ic->s;
	ic->c.nseries = ns;
	ic->c.unit = !strcmp(t->unit, "%") ? "%" : NULL;
	ic->c.decimals = 1;
}

void pack_ward_rank_title(char *out, size_t n, const struct pack_ward_rank *wr)
{
	snprintf(out, n, "%s, %s: every ward ranked, the area's wards hatched and in bold (source: %s)",
		 wr->indicator, wr->period, wr->source);
}

void pack_area_rank_title(char *out, size_t n, const struct pack_area_rank *ar)
{
	snprintf(out, n, "%s, %s: every %s ranked by its LSOAs' figures added up, this %s "
		 "hatched and in bold (source: %s)", ar->indicator, ar->period, ar->of, ar->of, ar->source);
}

void pack_area_rank_cells(const struct pack_area_rank *ar, size_t i, char value[64], char number[96])
{
	if (ar->bars[i].count < 0) {
		snprintf(value, 64, "..");
		snprintf(number, 96, "<5 of %.15g", ar->denominator[i]);
	} else {
		pack_indicator_value(value, 64, ar->bars[i].value, ar->unit);
		snprintf(number, 96, "%.15g of %.15g", ar->numerator[i], ar->denominator[i]);
	}
}
