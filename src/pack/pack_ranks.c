/* pack_ranks.c: every centre (or cluster) ranked by an LSOA indicator, its LSOAs' figures summed */
#include "pack.h"
#include "../util/strmap.h"
#include "../util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* one indicator and period with numerators and denominators by LSOA, summed for every area */
struct rank_group {
	char *indicator, *period, *unit, *source;
	double scale;              /* 100 for a percentage: value = numerator / denominator * scale */
	double *num[2], *den[2];   /* [0] centres, [1] clusters: the sums */
	unsigned char *complete[2]; /* every LSOA of the area has a figure */
};

struct pack_rank_basis {
	const struct pack_rank_areas *areas[2]; /* centres, clusters (the caller's, outliving this) */
	struct rank_group *g;
	size_t n, alloc;
};

/* the power of ten that makes numerator / denominator the value (100 for a %) */
static double scale_of(double value, double num, double den)
{
	double r, best = 1;

	if (num <= 0 || den <= 0 || value <= 0)
		return 1;
	r = value * den / num;
	for (double s = 1; s <= 1e6; s *= 10)
		if (fabs(log10(r) - log10(s)) < fabs(log10(r) - log10(best)))
			best = s;
	return best;
}

/* sum the LSOA figures of one group for every area of both kinds */
static void sum_group(struct pack_rank_basis *rb, struct rank_group *g, const double *num, const double *den,
		      const unsigned char *has)
{
	for (int k = 0; k < 2; k++) {
		const struct pack_rank_areas *a = rb->areas[k];

		g->num[k] = xcalloc(a->n + 1, sizeof(double));
		g->den[k] = xcalloc(a->n + 1, sizeof(double));
		g->complete[k] = xcalloc(a->n + 1, 1);
		for (size_t i = 0; i < a->n; i++) {
			int all = a->lsoa_start[i + 1] > a->lsoa_start[i];

			for (size_t j = a->lsoa_start[i]; j < a->lsoa_start[i + 1]; j++) {
				size_t l = a->lsoa[j];

				if (!has[l]) {
					all = 0;
					break;
				}
				/* a best-fit area counts share x an LSOA's figures, as its indicators do */
				double w = a->share ? (double)a->share[j] / SHARE_WHOLE : 1;

				g->num[k][i] += num[l] * w;
				g->den[k][i] += den[l] * w;
			}
			g->complete[k][i] = (unsigned char)(all && g->den[k][i] > 0);
		}
	}
}

static void group_free(struct rank_group *g)
{
	free(g->indicator);
	free(g->period);
	free(g->unit);
	free(g->source);
	for (int k = 0; k < 2; k++) {
		free(g->num[k]);
		free(g->den[k]);
		free(g->complete[k]);
	}
}

void pack_rank_basis_free(struct pack_rank_basis *rb)
{
	if (!rb)
		return;
	for (size_t i = 0; i < rb->n; i++)
		group_free(&rb->g[i]);
	free(rb->g);
	free(rb);
}

struct pack_rank_basis *pack_rank_basis_compute(struct db *db, const struct strmap *lsoa_index, size_t nlsoas,
						const struct pack_rank_areas *centres,
						const struct pack_rank_areas *clusters)
{
	struct pack_rank_basis *rb = xcalloc(1, sizeof(*rb));
	double *num = xcalloc(nlsoas + 1, sizeof(*num)), *den = xcalloc(nlsoas + 1, sizeof(*den));
	unsigned char *has = xcalloc(nlsoas + 1, 1);
	struct rank_group *cur = NULL;
	struct db_stmt *st;
	enum db_result r = DB_DONE;

	rb->areas[0] = centres;
	rb->areas[1] = clusters;
	st = db_prepare(db, "SELECT indicator, period, area_code, value, numerator, denominator, coalesce(unit, ''),"
			" source FROM indicators WHERE area_type = 'lsoa' AND numerator IS NOT NULL"
			" AND denominator IS NOT NULL AND denominator > 0 ORDER BY indicator, period");
	if (!st)
		goto fail;
	while ((r = db_step(st)) == DB_ROW) {
		const char *ind = db_col_text(st, 0), *period = db_col_text(st, 1);
		int64_t li;

		if (!cur || strcmp(cur->indicator, ind) || strcmp(cur->period, period)) {
			if (cur)
				sum_group(rb, cur, num, den, has);
			memset(has, 0, nlsoas + 1);
			XGROW(rb->g, rb->alloc, rb->n + 1);
			cur = &rb->g[rb->n++];
			memset(cur, 0, sizeof(*cur));
			cur->indicator = xstrdup(ind);
			cur->period = xstrdup(period);
			cur->unit = xstrdup(db_col_text(st, 6));
			cur->source = xstrdup(db_col_text(st, 7) ? db_col_text(st, 7) : "");
			cur->scale = scale_of(db_col_double(st, 3), db_col_double(st, 4), db_col_double(st, 5));
		}
		if (!strmap_get(lsoa_index, db_col_text(st, 2), &li))
			continue;
		num[li] = db_col_double(st, 4);
		den[li] = db_col_double(st, 5);
		has[li] = 1;
	}
	if (cur)
		sum_group(rb, cur, num, den, has);
	db_finalize(&st);
	if (r == DB_ERROR)
		goto fail;
	free(num);
	free(den);
	free(has);
	return rb;
fail:
	error("pack: reading indicators: %s", db_errmsg(db));
	free(num);
	free(den);
	free(has);
	pack_rank_basis_free(rb);
	return NULL;
}

void pack_area_ranks_build(const struct pack_rank_basis *rb, enum area_type type, const char *code,
			   struct pack *p)
{
	int k = type == AREA_CENTRE ? 0 : 1;
	const struct pack_rank_areas *a;
	size_t self = SIZE_MAX, alloc = 0;

	if (!rb || (type != AREA_CENTRE && type != AREA_CLUSTER))
		return;
	a = rb->areas[k];
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->codes[i], code))
			self = i;
	if (self == SIZE_MAX)
		return;
	for (size_t gi = 0; gi < rb->n; gi++) {
		const struct rank_group *g = &rb->g[gi];
		struct pack_area_rank *ar;
		size_t n = 0;

		/* only where this area's figures exist */
		if (!g->complete[k][self])
			continue;
		XGROW(p->area_ranks, alloc, p->narea_ranks + 1);
		ar = &p->area_ranks[p->narea_ranks++];
		memset(ar, 0, sizeof(*ar));
		ar->indicator = xstrdup(g->indicator);
		ar->period = xstrdup(g->period);
		ar->unit = xstrdup(g->unit);
		ar->source = xstrdup(g->source);
		ar->of = k ? "cluster" : "centre";
		ar->bars = xcalloc(a->n + 1, sizeof(*ar->bars));
		ar->numerator = xcalloc(a->n + 1, sizeof(double));
		ar->denominator = xcalloc(a->n + 1, sizeof(double));
		for (size_t i = 0; i < a->n; i++) {
			if (!g->complete[k][i])
				continue;
			ar->bars[n].label = xstrdup(a->labels[i]);
			ar->bars[n].value = g->num[k][i] / g->den[k][i] * g->scale;
			ar->bars[n].count = (int64_t)llround(g->num[k][i]);
			ar->bars[n].highlight = i == self;
			ar->numerator[n] = g->num[k][i];
			ar->denominator[n] = g->den[k][i];
			n++;
		}
		ar->nbars = n;
	}
}

void pack_area_ranks_publish(struct pack *p)
{
	/* a numerator of 1 to 4 is a count of people: it and its value are not shown */
	for (size_t r = 0; r < p->narea_ranks; r++)
		for (size_t i = 0; i < p->area_ranks[r].nbars; i++)
			if (p->area_ranks[r].bars[i].count >= 1 && p->area_ranks[r].bars[i].count <= 4)
				p->area_ranks[r].bars[i].count = PACK_SMALL;
}

void pack_area_ranks_release(struct pack *p)
{
	for (size_t r = 0; r < p->narea_ranks; r++) {
		struct pack_area_rank *ar = &p->area_ranks[r];

		free(ar->indicator);
		free(ar->period);
		free(ar->unit);
		free(ar->source);
		for (size_t i = 0; i < ar->nbars; i++)
			free(ar->bars[i].label);
		free(ar->bars);
		free(ar->numerator);
		free(ar->denominator);
	}
	free(p->area_ranks);
	p->area_ranks = NULL;
	p->narea_ranks = 0;
}
