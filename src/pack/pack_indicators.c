/* pack_indicators.c: the area indicators of a pack: the LA's, its wards', its LSOAs' and every ward ranked */
#include "pack.h"
#include "../util/strmap.h"
#include "../util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct ind_row {
	const char *indicator, *type, *code, *period, *unit, *source, *published_on, *name;
	double value, numerator, denominator;
	int has_ratio;
};

/* the figures of one indicator and period, while they are read */
struct ind_group {
	struct pack_indicator *lsoa;  /* the area's LSOA rows */
	int32_t *lsoa_share;          /* each one's share in the area, millionths */
	size_t nlsoa, lsoa_alloc;
	int all_ratio;                /* every LSOA row has a numerator and denominator */
	struct pack_bar *bars;        /* every ward */
	size_t nbars, bars_alloc;
	int any_mark;                 /* a ward of the area among them */
	int best_fit;                 /* an LSOA counts only in part */
	char *indicator, *period, *unit, *source;
};

static void indicator_set(struct pack_indicator *to, const struct ind_row *r, const char *level)
{
	memset(to, 0, sizeof(*to));
	to->indicator = xstrdup(r->indicator);
	to->level = level;
	to->area_code = xstrdup(r->code);
	to->area_name = xstrdup(r->name);
	to->period = xstrdup(r->period);
	to->value = r->value;
	to->has_ratio = r->has_ratio;
	to->numerator = r->numerator;
	to->denominator = r->denominator;
	to->unit = xstrdup(r->unit);
	to->source = xstrdup(r->source);
	to->published_on = xstrdup(r->published_on);
}

void pack_indicator_release(struct pack_indicator *i)
{
	free(i->indicator);
	free(i->area_code);
	free(i->area_name);
	free(i->period);
	free(i->unit);
	free(i->source);
	free(i->published_on);
	memset(i, 0, sizeof(*i));
}

static void push(struct pack *p, size_t *alloc, struct pack_indicator *i)
{
	XGROW(p->indicators, *alloc, p->nindicators + 1);
	p->indicators[p->nindicators++] = *i;
	memset(i, 0, sizeof(*i));
}

/* the power of ten that makes numerator / denominator the value (100 for a %) */
static double scale_of(const struct pack_indicator *i)
{
	double r, best = 1;

	if (i->numerator <= 0 || i->denominator <= 0 || i->value <= 0)
		return 1;
	r = i->value * i->denominator / i->numerator;
	for (double s = 1; s <= 1e6; s *= 10)
		if (fabs(log10(r) - log10(s)) < fabs(log10(r) - log10(best)))
			best = s;
	return best;
}

/* the area's LSOA figures (summed when every one has a ratio), the ward ranking */
static void flush(struct pack *p, size_t *alloc, size_t *ranks_alloc, struct ind_group *g)
{
	if (g->nlsoa && g->all_ratio) {
		struct pack_indicator sum = g->lsoa[0];
		double scale = scale_of(&g->lsoa[0]);

		sum.numerator = 0;
		sum.denominator = 0;
		/* a best-fit area counts share x an LSOA's numerator and denominator */
		for (size_t i = 0; i < g->nlsoa; i++) {
			double w = (double)g->lsoa_share[i] / SHARE_WHOLE;

			sum.numerator += g->lsoa[i].numerator * w;
			sum.denominator += g->lsoa[i].denominator * w;
		}
		sum.value = sum.denominator > 0 ? sum.numerator / sum.denominator * scale : 0;
		sum.level = "LSOAs";
		free(sum.area_code);
		sum.area_code = xstrdup("");
		free(sum.area_name);
		{
			char name[64];

			snprintf(name, sizeof(name), "The area's %zu LSOAs together%s", g->nlsoa,
				 g->best_fit ? " (best fit: parts of LSOAs by share)" : "");
			sum.area_name = xstrdup(name);
		}
		push(p, alloc, &sum);
		for (size_t i = 1; i < g->nlsoa; i++)
			pack_indicator_release(&g->lsoa[i]);
	} else {
		for (size_t i = 0; i < g->nlsoa; i++)
			push(p, alloc, &g->lsoa[i]);
	}
	g->nlsoa = 0;
	g->all_ratio = 1;
	g->best_fit = 0;
	if (g->nbars && g->any_mark) {
		struct pack_ward_rank *w;

		XGROW(p->ward_ranks, *ranks_alloc, p->nward_ranks + 1);
		w = &p->ward_ranks[p->nward_ranks++];
		w->indicator = g->indicator;
		w->period = g->period;
		w->unit = g->unit;
		w->source = g->source;
		w->bars = g->bars;
		w->nbars = g->nbars;
		g->indicator = g->period = g->unit = g->source = NULL;
		g->bars = NULL;
		g->bars_alloc = 0;
	} else {
		for (size_t i = 0; i < g->nbars; i++)
			free(g->bars[i].label);
	}
	g->nbars = 0;
	g->any_mark = 0;
	free(g->indicator);
	free(g->period);
	free(g->unit);
	free(g->source);
	g->indicator = g->period = g->unit = g->source = NULL;
}

static const char *text_col(struct db_stmt *st, int col)
{
	const char *s = db_col_null(st, col) ? NULL : db_col_text(st, col);

	return s ? s : "";
}

struct pack_ind_rows {
	struct ind_row *v;   /* in the order pack_indicators_build reads them; strings owned */
	size_t n, alloc;
};

static void row_free(struct ind_row *r)
{
	free((char *)r->indicator);
	free((char *)r->type);
	free((char *)r->code);
	free((char *)r->period);
	free((char *)r->unit);
	free((char *)r->source);
	free((char *)r->published_on);
	free((char *)r->name);
}

void pack_indicator_rows_free(struct pack_ind_rows *rows)
{
	if (!rows)
		return;
	for (size_t i = 0; i < rows->n; i++)
		row_free(&rows->v[i]);
	free(rows->v);
	free(rows);
}

struct pack_ind_rows *pack_indicator_rows_load(struct db *db)
{
	struct pack_ind_rows *rows = xcalloc(1, sizeof(*rows));
	struct db_stmt *st;
	enum db_result r;

	/* the names of wards and LAs from one grouped pass of the LSOAs each, not a scan per row */
	st = db_prepare(db,
			"SELECT i.indicator, i.area_type, i.area_code, i.period, i.value, i.numerator,"
			" i.denominator, i.unit, i.source, i.published_on,"
			" CASE i.area_type WHEN 'ward' THEN w.name WHEN 'lsoa' THEN l.name ELSE a.name END"
			" FROM indicators i"
			" LEFT JOIN (SELECT ward_code, max(ward_name) AS name FROM lsoas GROUP BY ward_code) w"
			"  ON i.area_type = 'ward' AND w.ward_code = i.area_code"
			" LEFT JOIN lsoas l ON i.area_type = 'lsoa' AND l.code = i.area_code"
			" LEFT JOIN (SELECT la_code, max(la_name) AS name FROM lsoas GROUP BY la_code) a"
			"  ON i.area_type = 'la' AND a.la_code = i.area_code"
			" ORDER BY i.indicator, i.period,"
			" CASE i.area_type WHEN 'national' THEN -1 WHEN 'la' THEN 0 WHEN 'ward' THEN 1 ELSE 2 END, i.area_code");
	if (!st)
		goto fail;
	while ((r = db_step(st)) == DB_ROW) {
		struct ind_row *row;

		XGROW(rows->v, rows->alloc, rows->n + 1);
		row = &rows->v[rows->n++];
		row->indicator = xstrdup(text_col(st, 0));
		row->type = xstrdup(text_col(st, 1));
		row->code = xstrdup(text_col(st, 2));
		row->period = xstrdup(text_col(st, 3));
		row->value = db_col_double(st, 4);
		row->has_ratio = !db_col_null(st, 5) && !db_col_null(st, 6) && db_col_double(st, 6) > 0;
		row->numerator = row->has_ratio ? db_col_double(st, 5) : 0;
		row->denominator = row->has_ratio ? db_col_double(st, 6) : 0;
		row->unit = xstrdup(text_col(st, 7));
		row->source = xstrdup(text_col(st, 8));
		row->published_on = xstrdup(text_col(st, 9));
		row->name = xstrdup(!strcmp(row->type, "national") ? "England" : text_col(st, 10));
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		goto fail;
	return rows;
fail:
	error("pack: reading indicators: %s", db_errmsg(db));
	pack_indicator_rows_free(rows);
	return NULL;
}

void pack_indicators_build(const struct pack_ind_rows *rows, struct pack *p, const char *const *lsoas,
			   const int32_t *shares, const char *const *wards, size_t nlsoas)
{
	struct strmap area_lsoas = STRMAP_INIT, area_wards = STRMAP_INIT;
	struct ind_group g;
	size_t alloc = 0, ranks_alloc = 0;
	int64_t v;

	memset(&g, 0, sizeof(g));
	g.all_ratio = 1;
	for (size_t i = 0; i < nlsoas; i++) {
		strmap_put(&area_lsoas, lsoas[i], shares ? shares[i] : SHARE_WHOLE);
		strmap_put(&area_wards, wards[i], 1);
	}
	for (size_t k = 0; k < rows->n; k++) {
		const struct ind_row *row = &rows->v[k];
		struct pack_indicator ind;

		if (g.indicator && (strcmp(g.indicator, row->indicator) || strcmp(g.period, row->period)))
			flush(p, &alloc, &ranks_alloc, &g);
		if (!g.indicator) {
			g.indicator = xstrdup(row->indicator);
			g.period = xstrdup(row->period);
			g.unit = xstrdup(row->unit);
			g.source = xstrdup(row->source);
		}
		if (!strcmp(row->type, "la")) {
			indicator_set(&ind, row, "LA");
			push(p, &alloc, &ind);
		} else if (!strcmp(row->type, "national")) {
			indicator_set(&ind, row, "England");
			push(p, &alloc, &ind);
		} else if (!strcmp(row->type, "ward")) {
			int mine = strmap_get(&area_wards, row->code, &v);
			char label[256];

			if (mine) {
				indicator_set(&ind, row, "ward");
				push(p, &alloc, &ind);
				g.any_mark = 1;
			}
			XGROW(g.bars, g.bars_alloc, g.nbars + 1);
			snprintf(label, sizeof(label), "%s%s%s", row->code, *row->name ? " " : "", row->name);
			g.bars[g.nbars].label = xstrdup(label);
			g.bars[g.nbars].value = row->value;
			g.bars[g.nbars].count = 0;
			g.bars[g.nbars].highlight = mine;
			g.nbars++;
		} else if (strmap_get(&area_lsoas, row->code, &v)) {
			XGROW(g.lsoa, g.lsoa_alloc, g.nlsoa + 1);
			g.lsoa_share = xrealloc(g.lsoa_share, g.lsoa_alloc * sizeof(*g.lsoa_share));
			g.lsoa_share[g.nlsoa] = (int32_t)v;
			if (v < SHARE_WHOLE)
				g.best_fit = 1;
			indicator_set(&g.lsoa[g.nlsoa++], row, "LSOA");
			if (!row->has_ratio)
				g.all_ratio = 0;
		}
	}
	if (g.indicator)
		flush(p, &alloc, &ranks_alloc, &g);
	free(g.lsoa);
	free(g.lsoa_share);
	free(g.bars);
	strmap_release(&area_lsoas);
	strmap_release(&area_wards);
}

void pack_ward_rank_release(struct pack_ward_rank *w)
{
	free(w->indicator);
	free(w->period);
	free(w->unit);
	free(w->source);
	for (size_t i = 0; i < w->nbars; i++)
		free(w->bars[i].label);
	free(w->bars);
	memset(w, 0, sizeof(*w));
}
