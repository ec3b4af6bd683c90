/* pack_trends.c: "turning the curve": registered and engaged % by calendar quarter, a
 * straight-line forecast, and the indicators that have figures for several periods */
#include "pack.h"
#include "../util/date.h"
#include "../util/util.h"

#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

struct pack_trend_basis {
	size_t n;                                   /* quarters */
	int32_t data_start;                         /* first session day, DATE_NONE if none */
	struct pack_quarter *q;                     /* their periods (reach left empty) */
	struct reach_report (*rep)[AREA_CENTRE + 1]; /* per quarter: by LA, cluster, centre */
};

/* quarters since year 0: 4 * year + quarter - 1 */
static int quarter_of(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return 4 * y + (m - 1) / 3;
}

static int32_t quarter_first(int qi)
{
	return date_from_ymd(qi / 4, 3 * (qi % 4) + 1, 1);
}

static int32_t quarter_last(int qi)
{
	return quarter_first(qi + 1) - 1;
}

int32_t pack_trend_first_day(int32_t to, int32_t data_start)
{
	int last = quarter_of(to), first = last - (PACK_TREND_QUARTERS - 1);

	if (data_start != DATE_NONE && data_start <= to && quarter_of(data_start) > first)
		first = quarter_of(data_start);
	return quarter_first(first);
}

int32_t pack_trend_last_day(int32_t to)
{
	return quarter_last(quarter_of(to));
}

struct pack_trend_basis *pack_trend_basis_compute(const struct reach_data *d, const struct reach_opts *o,
						  int32_t first_day, int32_t data_start)
{
	struct pack_trend_basis *tb = xcalloc(1, sizeof(*tb));
	int q0 = quarter_of(first_day), q1 = quarter_of(o->to);

	tb->data_start = data_start;
	tb->n = (size_t)(q1 - q0 + 1);
	tb->q = xcalloc(tb->n, sizeof(*tb->q));
	tb->rep = xcalloc(tb->n, sizeof(*tb->rep));
	for (size_t k = 0; k < tb->n; k++) {
		int qi = q0 + (int)k;
		struct reach_opts ro = *o;

		tb->q[k].year = qi / 4;
		tb->q[k].quarter = qi % 4 + 1;
		tb->q[k].from = ro.from = quarter_first(qi);
		tb->q[k].to = ro.to = quarter_last(qi);
		for (int t = AREA_LA; t <= AREA_CENTRE; t++) {
			ro.by = (enum area_type)t;
			if (reach_compute_data(d, &ro, &tb->rep[k][t])) {
				pack_trend_basis_free(tb);
				return NULL;
			}
		}
	}
	return tb;
}

void pack_trend_basis_free(struct pack_trend_basis *tb)
{
	if (!tb)
		return;
	for (size_t k = 0; k < tb->n; k++)
		for (int t = AREA_LA; t <= AREA_CENTRE; t++)
			reach_report_release(&tb->rep[k][t]);
	free(tb->rep);
	free(tb->q);
	free(tb);
}

double pack_trend_pct(int64_t count, const struct pack_reach *r)
{
	if (!r->has_population || r->population <= 0 || count < 0)
		return NAN;
	return (double)reach_pct_tenths(count, r->population) / 10.0;
}

void pack_forecast_fit(const double *y, size_t n, struct pack_forecast *f)
{
	double x[PACK_FIT_QUARTERS], v[PACK_FIT_QUARTERS], cov00, cov01, cov11, sumsq;
	size_t m = 0;

	memset(f, 0, sizeof(*f));
	for (size_t i = n > PACK_FIT_QUARTERS ? n - PACK_FIT_QUARTERS : 0; i < n; i++) {
		if (!isfinite(y[i]))
			continue;
		x[m] = (double)i;
		v[m++] = y[i];
	}
	f->fitted = m;
	if (m < 3)
		return;
	if (gsl_fit_linear(x, 1, v, 1, m, &f->c0, &f->c1, &cov00, &cov01, &cov11, &sumsq))
		return;
	f->has = 1;
	/* a percentage: the line stops at 0 and 100 */
	for (size_t j = 0; j < PACK_FORECAST_QUARTERS; j++) {
		double p = f->c0 + f->c1 * (double)(n + j);

		f->v[j] = p < 0 ? 0 : p > 100 ? 100 : p;
	}
}

static void forecasts(struct pack_trend *t)
{
	double *reg = xcalloc(t->n + 1, sizeof(*reg)), *eng = xcalloc(t->n + 1, sizeof(*eng));

	for (size_t k = 0; k < t->n; k++) {
		const struct pack_reach *r = &t->q[k].reach[GROUP_ALL];

		reg[k] = pack_trend_pct(r->registered, r);
		eng[k] = pack_trend_pct(r->engaged, r);
	}
	pack_forecast_fit(reg, t->n, &t->registered);
	pack_forecast_fit(eng, t->n, &t->engaged);
	free(reg);
	free(eng);
}

void pack_trend_build(const struct pack_trend_basis *tb, enum area_type type, const char *code, struct pack *p)
{
	struct pack_trend *t = &p->trend;

	memset(t, 0, sizeof(*t));
	t->data_start = tb->data_start;
	t->n = tb->n;
	t->q = xcalloc(tb->n + 1, sizeof(*t->q));
	for (size_t k = 0; k < tb->n; k++) {
		const struct reach_report *r = &tb->rep[k][type == AREA_LA ? AREA_LA : type];

		t->q[k] = tb->q[k];
		for (size_t i = 0; i + GROUP_COUNT <= r->nrows; i += GROUP_COUNT) {
			if (r->rows[i].type != type || (type != AREA_LA && strcmp(r->rows[i].code, code)))
				continue;
			for (int g = 0; g < GROUP_COUNT; g++)
				pack_reach_add(&t->q[k].reach[g], &r->rows[i + (size_t)g]);
			if (type != AREA_LA)
				break;
		}
	}
	forecasts(t);
}

static void small(int64_t *v)
{
	if (*v >= 1 && *v <= 4)
		*v = PACK_SMALL;
}

void pack_trend_publish(struct pack *p)
{
	for (size_t k = 0; k < p->trend.n; k++)
		for (int g = 0; g < GROUP_COUNT; g++) {
			struct pack_reach *r = &p->trend.q[k].reach[g];

			small(&r->population);
			small(&r->registered);
			small(&r->engaged);
			small(&r->sustained);
		}
	/* a forecast from suppressed points would hint at them: fit again without them */
	forecasts(&p->trend);
}

/* ---- indicators with several periods ---- */

static size_t period_index(struct pack_indicator_trend *t, const char *period)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->periods[i], period))
			return i;
	t->periods = xrealloc(t->periods, (t->n + 1) * sizeof(*t->periods));
	t->area = xrealloc(t->area, (t->n + 1) * sizeof(*t->area));
	t->la = xrealloc(t->la, (t->n + 1) * sizeof(*t->la));
	t->national = xrealloc(t->national, (t->n + 1) * sizeof(*t->national));
	t->periods[t->n] = xstrdup(period);
	t->area[t->n] = t->la[t->n] = t->national[t->n] = NAN;
	return t->n++;
}

static void ind_trend_release(struct pack_indicator_trend *t)
{
	free(t->indicator);
	free(t->unit);
	free(t->source);
	for (size_t i = 0; i < t->n; i++)
		free(t->periods[i]);
	free(t->periods);
	free(t->area);
	free(t->la);
	free(t->national);
	free(t->area_label);
	memset(t, 0, sizeof(*t));
}

void pack_indicator_trends_build(struct pack *p)
{
	size_t alloc = 0;

	for (size_t i = 0; i < p->nindicators;) {
		const char *code = p->indicators[i].indicator;
		struct pack_indicator_trend t;
		size_t j;

		const char *ward = NULL;
		int has_lsoas = 0;

		/* the area's own line: its LSOAs together, else its first ward */
		for (j = i; j < p->nindicators && !strcmp(p->indicators[j].indicator, code); j++) {
			if (!strcmp(p->indicators[j].level, "LSOAs"))
				has_lsoas = 1;
			else if (!strcmp(p->indicators[j].level, "ward") && !ward)
				ward = p->indicators[j].area_code;
		}
		memset(&t, 0, sizeof(t));
		t.indicator = xstrdup(code);
		t.unit = xstrdup(p->indicators[i].unit);
		t.source = xstrdup(p->indicators[i].source);
		for (j = i; j < p->nindicators && !strcmp(p->indicators[j].indicator, code); j++) {
			const struct pack_indicator *ind = &p->indicators[j];
			size_t k = period_index(&t, ind->period);
			double v = ind->has_ratio == PACK_SMALL ? NAN : ind->value;

			if (!strcmp(ind->level, "LA")) {
				t.la[k] = v;
			} else if (!strcmp(ind->level, "England")) {
				t.national[k] = v;
			} else if (has_lsoas ? !strcmp(ind->level, "LSOAs")
				   : ward && !strcmp(ind->level, "ward") && !strcmp(ind->area_code, ward)) {
				t.area[k] = v;
				if (!t.area_label) {
					char label[256];

					if (has_lsoas)
						snprintf(label, sizeof(label), "The area");
					else
						snprintf(label, sizeof(label), "Ward %s", *ind->area_name ? ind->area_name
							 : ind->area_code);
					t.area_label = xstrdup(label);
				}
			}
		}
		if (t.n >= 2) {
			XGROW(p->ind_trends, alloc, p->nind_trends + 1);
			p->ind_trends[p->nind_trends++] = t;
		} else {
			ind_trend_release(&t);
		}
		i = j;
	}
}

void pack_trend_release(struct pack *p)
{
	free(p->trend.q);
	memset(&p->trend, 0, sizeof(p->trend));
	for (size_t i = 0; i < p->nind_trends; i++)
		ind_trend_release(&p->ind_trends[i]);
	free(p->ind_trends);
	p->ind_trends = NULL;
	p->nind_trends = 0;
}
