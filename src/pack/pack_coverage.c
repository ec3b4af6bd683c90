/* pack_coverage.c: the coverage section of a data pack: the wards touching
 * the area and how much of each the reach areas cover, the LSOAs a centre
 * shares with other centres, and for the LA the LSOAs in no reach area and
 * in two or more. Built as text tables (struct pack_table) the PDF and
 * XLSX writers draw as they are. */
#include "pack.h"
#include "../report/coverage.h"
#include "../util/date.h"
#include "../util/strmap.h"
#include "../util/util.h"

#include <stdio.h>

static const char *const ward_headers[] = {
	"Ward", "Name", "LSOAs", "In this area", "In any reach area", "Under-5s", "Inside reach areas",
	"Covered",
};
static const int ward_right[] = { 0, 0, 1, 1, 1, 1, 1, 0 };
static const int ward_people[] = { 0, 0, 0, 0, 0, 1, 1, 0 };
static const double ward_widths[] = { 62, 118, 38, 48, 58, 50, 58, 63 };

static const char *const lsoa_headers[] = { "LSOA", "Name", "Ward", "Under-5s", "Share here", "Centres" };
static const int lsoa_right[] = { 0, 0, 0, 1, 1, 0 };
static const int lsoa_people[] = { 0, 0, 0, 1, 0, 0 };
static const double lsoa_widths[] = { 62, 90, 118, 50, 50, 125 };

void pack_table_release(struct pack_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->title);
	free(t->note);
	memset(t, 0, sizeof(*t));
}

static struct pack_table *add_table(struct pack *p, const char *title, const char *note, size_t ncols,
				    const char *const *headers, const int *right, const int *people,
				    const double *widths)
{
	struct pack_table *t;

	p->coverage = xrealloc(p->coverage, (p->ncoverage + 1) * sizeof(*p->coverage));
	t = &p->coverage[p->ncoverage++];
	memset(t, 0, sizeof(*t));
	t->title = xstrdup(title);
	t->note = note ? xstrdup(note) : NULL;
	t->ncols = ncols;
	t->headers = headers;
	t->right = right;
	t->people = people;
	t->widths = widths;
	return t;
}

/* append a row; cells are copied */
static void add_row(struct pack_table *t, const char *const *cells)
{
	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(*t->cells));
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

static void count(char out[32], int have, int64_t v)
{
	if (have)
		snprintf(out, 32, "%lld", (long long)v);
	else
		out[0] = '\0';
}

/* one row of an LSOA table: the LSOA, its ward, under-5s, the area's share, every centre */
static void lsoa_row(struct pack_table *t, const struct coverage *c, const struct coverage_lsoa *l,
		     int64_t share_here)
{
	const struct coverage_ward *w = &c->wards[l->ward];
	struct buf centres = BUF_INIT, ward = BUF_INIT;
	char pop[32], share[32];
	const char *cells[6];

	buf_addf(&ward, "%s%s%s", w->code, *w->name ? " " : "", w->name);
	count(pop, l->has_population, l->population);
	if (share_here >= SHARE_WHOLE)
		snprintf(share, sizeof(share), "whole");
	else if (share_here > 0)
		format_millionths(share_here, share);
	else
		share[0] = '\0';
	coverage_centres_text(l, 1, &centres);
	cells[0] = l->code;
	cells[1] = l->name;
	cells[2] = ward.data;
	cells[3] = pop;
	cells[4] = share;
	cells[5] = centres.data;
	add_row(t, cells);
	buf_release(&centres);
	buf_release(&ward);
}

void pack_coverage_build(const struct coverage *cov, struct pack *p, const char *const *centres, size_t ncentres)
{
	const struct coverage c = *cov;
	struct strmap mine = STRMAP_INIT;
	int64_t *here = NULL, v;
	size_t *in_area = NULL;
	struct pack_table *t;
	char note[512];
	int year = c.year;

	for (size_t i = 0; centres && i < ncentres; i++)
		strmap_put(&mine, centres[i], 1);
	/* the area's share of each LSOA (its centres' shares, at most whole), its LSOAs per ward */
	here = xcalloc(c.nlsoas + 1, sizeof(*here));
	in_area = xcalloc(c.nwards + 1, sizeof(*in_area));
	for (size_t i = 0; i < c.nlsoas; i++) {
		const struct coverage_lsoa *l = &c.lsoas[i];

		for (size_t k = 0; k < l->ncentres; k++)
			if (!centres || strmap_get(&mine, l->centres[k], &v))
				here[i] += l->shares[k];
		if (!centres && !l->ncentres)
			continue;
		if (here[i] > SHARE_WHOLE)
			here[i] = SHARE_WHOLE;
		if (here[i])
			in_area[l->ward]++;
	}

	snprintf(note, sizeof(note), "Every ward with an LSOA in %s, with its under-5s (ONS mid-%d) and how "
		 "many of them live inside any centre's reach area (an LSOA counts by the shares of it that "
		 "reach areas hold, at most whole). Wholly: every LSOA of the ward is covered in full; partly: "
		 "some of it is; not: none.", centres ? "this area's reach areas" : "the local authority", year);
	t = add_table(p, "Wards and their coverage by reach areas", note, 8, ward_headers, ward_right, ward_people, ward_widths);
	for (size_t w = 0; w < c.nwards; w++) {
		const struct coverage_ward *cw = &c.wards[w];
		char a[32], b[32], d[32], e[32], f[32];
		const char *cells[8] = { cw->code, cw->name, a, b, d, e, f, coverage_status_name(cw->status) };

		if (centres && !in_area[w])
			continue;
		count(a, 1, (int64_t)cw->lsoas);
		count(b, 1, centres ? (int64_t)in_area[w] : (int64_t)cw->lsoas);
		count(d, 1, (int64_t)cw->lsoas_covered);
		count(e, cw->has_population, cw->population);
		count(f, cw->has_population, cw->population_covered);
		add_row(t, cells);
	}

	if (p->type == AREA_CENTRE) {
		t = add_table(p, "This centre's LSOAs that other centres' reach areas hold too",
			      "Each LSOA of this centre's reach area that another centre's reach area also holds, "
			      "with every centre's share of it.",
			      6, lsoa_headers, lsoa_right, lsoa_people, lsoa_widths);
		for (size_t i = 0; i < c.nlsoas; i++)
			if (here[i] && c.lsoas[i].ncentres >= 2)
				lsoa_row(t, &c, &c.lsoas[i], here[i]);
	} else if (p->type == AREA_LA) {
		t = add_table(p, "LSOAs in no reach area", "No centre is accountable for the under-5s of these LSOAs.",
			      6, lsoa_headers, lsoa_right, lsoa_people, lsoa_widths);
		for (size_t i = 0; i < c.nlsoas; i++)
			if (!c.lsoas[i].ncentres)
				lsoa_row(t, &c, &c.lsoas[i], 0);
		t = add_table(p, "LSOAs in two or more reach areas",
			      "Each with every centre's share of it. A whole LSOA in two areas "
			      "counts in both centres' figures.", 6, lsoa_headers, lsoa_right, lsoa_people, lsoa_widths);
		for (size_t i = 0; i < c.nlsoas; i++)
			if (c.lsoas[i].ncentres >= 2)
				lsoa_row(t, &c, &c.lsoas[i], here[i]);
	}
	free(here);
	free(in_area);
	strmap_release(&mine);
}

void pack_coverage_publish(struct pack *p)
{
	for (size_t i = 0; i < p->ncoverage; i++) {
		struct pack_table *t = &p->coverage[i];
		struct buf note = BUF_INIT;

		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				char **cell = &t->cells[r * t->ncols + c];

				if (t->people[c] && **cell) {
					free(*cell);
					*cell = xstrdup("..");
				}
			}
		buf_addf(&note, "%s%sUnder-5 figures are left out of a published pack (shown ..), so that "
			 "no small count can be worked out from them.", t->note ? t->note : "", t->note ? " " : "");
		free(t->note);
		t->note = buf_detach(&note, NULL);
	}
}
