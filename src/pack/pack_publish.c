/* pack_publish.c: publication mode: small counts shown as <5 and the figures that would reveal them hidden */
#include "pack.h"
#include "../util/util.h"

#include <math.h>
#include <string.h>

/*
 * A table of linked figures: `nbase` parts, then aggregates, each cell a
 * pointer into the pack and the set of parts it is the sum of (a part is
 * the set of itself). A figure is known when it is not negative.
 */
struct sup_table {
	size_t nbase;           /* parts */
	size_t ncells;          /* parts and aggregates */
	size_t alloc;
	int64_t **cells;        /* the figures */
	unsigned char *vec;     /* ncells rows of nbase: which parts each sums */
};

static void table_init(struct sup_table *t, size_t nbase)
{
	memset(t, 0, sizeof(*t));
	t->nbase = nbase;
}

static void table_release(struct sup_table *t)
{
	free(t->cells);
	free(t->vec);
	memset(t, 0, sizeof(*t));
}

/* add a cell; `parts` (nbase flags) NULL for the next part */
static void table_add(struct sup_table *t, int64_t *v, const unsigned char *parts)
{
	size_t c = t->ncells;

	if (!t->nbase)
		return;
	if (c == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 16;
		t->cells = xrealloc(t->cells, t->alloc * sizeof(*t->cells));
		t->vec = xrealloc(t->vec, t->alloc * t->nbase);
	}
	t->cells[c] = v;
	if (parts) {
		memcpy(t->vec + c * t->nbase, parts, t->nbase);
	} else {
		if (c >= t->nbase)
			BUG("part %zu added after the aggregates", c);
		memset(t->vec + c * t->nbase, 0, t->nbase);
		t->vec[c * t->nbase + c] = 1;
	}
	t->ncells++;
}

/* add the total of every part */
static void table_add_total(struct sup_table *t, int64_t *v)
{
	unsigned char *all = xmalloc(t->nbase ? t->nbase : 1);

	memset(all, 1, t->nbase);
	table_add(t, v, all);
	free(all);
}

/* the rank of `n` rows of m doubles (destroyed) */
static size_t rank(double *a, size_t n, size_t m)
{
	size_t r = 0;

	for (size_t col = 0; col < m && r < n; col++) {
		size_t piv = r;

		for (size_t i = r + 1; i < n; i++)
			if (fabs(a[i * m + col]) > fabs(a[piv * m + col]))
				piv = i;
		if (fabs(a[piv * m + col]) < 1e-9)
			continue;
		if (piv != r)
			for (size_t j = 0; j < m; j++) {
				double x = a[r * m + j];

				a[r * m + j] = a[piv * m + j];
				a[piv * m + j] = x;
			}
		for (size_t i = r + 1; i < n; i++) {
			double f = a[i * m + col] / a[r * m + col];

			if (f != 0)
				for (size_t j = col; j < m; j++)
					a[i * m + j] -= f * a[r * m + j];
		}
		r++;
	}
	return r;
}

/* can cell c be worked out exactly from the known cells of the table? */
static int recoverable(const struct sup_table *t, size_t c, double *a)
{
	size_t n = 0, m = t->nbase, r;

	for (size_t k = 0; k < t->ncells; k++) {
		if (k == c || *t->cells[k] < 0)
			continue;
		for (size_t j = 0; j < m; j++)
			a[n * m + j] = t->vec[k * m + j];
		n++;
	}
	if (!n)
		return 0;
	for (size_t j = 0; j < m; j++)
		a[n * m + j] = t->vec[c * m + j];
	r = rank(a, n, m);
	/* rank() destroyed the rows: rebuild them with c, compare the ranks */
	n = 0;
	for (size_t k = 0; k < t->ncells; k++) {
		if (k == c || *t->cells[k] < 0)
			continue;
		for (size_t j = 0; j < m; j++)
			a[n * m + j] = t->vec[k * m + j];
		n++;
	}
	for (size_t j = 0; j < m; j++)
		a[n * m + j] = t->vec[c * m + j];
	return rank(a, n + 1, m) == r;
}

/* is a better secondary cell than b (zeros last, then smallest, parts before totals)? */
static int better(const struct sup_table *t, size_t a, size_t b)
{
	int64_t va = *t->cells[a], vb = *t->cells[b];

	if ((va == 0) != (vb == 0))
		return vb == 0;
	if (va != vb)
		return va < vb;
	return a < b;
}

/*
 * A shown aggregate whose unknown parts are all "<5" tells them when what
 * is left of it is as small or as large as they can be (3 parts adding to
 * 3 are 1 each, to 12 are 4 each): hide its smallest shown part, or
 * itself. 1 if a figure was hidden.
 */
static int protect_bounds(struct sup_table *t)
{
	size_t m = t->nbase;

	for (size_t c = m; c < t->ncells; c++) {
		int64_t left = *t->cells[c], k = 0;
		size_t best = SIZE_MAX;
		int open = 0;

		if (left < 0)
			continue;
		for (size_t j = 0; j < m; j++) {
			int64_t v = *t->cells[j];

			if (!t->vec[c * m + j])
				continue;
			if (v == PACK_SMALL)
				k++;
			else if (v < 0)
				open = 1;
			else {
				left -= v;
				if (v > 0 && (best == SIZE_MAX || v < *t->cells[best]))
					best = j;
			}
		}
		if (open || !k || (left != k && left != 4 * k))
			continue;
		*t->cells[best != SIZE_MAX ? best : c] = PACK_HIDDEN;
		return 1;
	}
	return 0;
}

/* hide figures until no suppressed one can be worked out from the rest */
static void table_protect(struct sup_table *t)
{
	double *a;
	int again = 1;

	if (!t->ncells || !t->nbase)
		return;
	a = xcalloc((t->ncells + 1) * t->nbase, sizeof(*a));
	while (again) {
		again = protect_bounds(t);
		for (size_t c = 0; c < t->ncells && !again; c++) {
			size_t best = SIZE_MAX, any = SIZE_MAX;

			if (*t->cells[c] >= 0 || !recoverable(t, c, a))
				continue;
			for (size_t k = 0; k < t->ncells; k++) {
				int64_t keep = *t->cells[k];

				if (keep < 0)
					continue;
				if (any == SIZE_MAX || better(t, k, any))
					any = k;
				*t->cells[k] = PACK_HIDDEN;
				if (!recoverable(t, c, a)) {
					*t->cells[k] = keep;
					if (best == SIZE_MAX || better(t, k, best))
						best = k;
				}
				*t->cells[k] = keep;
			}
			if (best == SIZE_MAX)
				best = any;
			if (best == SIZE_MAX)
				BUG("cell %zu recoverable with nothing shown", c);
			*t->cells[best] = PACK_HIDDEN;
			again = 1;
		}
	}
	free(a);
}

static void small(int64_t *v)
{
	if (*v >= 1 && *v <= 4)
		*v = PACK_SMALL;
}

static void small_reach(struct pack_reach *r)
{
	small(&r->population);
	small(&r->registered);
	small(&r->engaged);
	small(&r->sustained);
}

/* one figure of the deciles: 11 parts, the three bands and the area */
static int64_t *reach_field(struct pack_reach *r, int f)
{
	return f == 0 ? &r->population : f == 1 ? &r->registered : f == 2 ? &r->engaged : &r->sustained;
}

static void protect_deprivation(struct pack *p, int f)
{
	struct sup_table t;
	unsigned char parts[11];

	table_init(&t, 11);
	for (int d = 0; d < 11; d++)
		table_add(&t, reach_field(&p->deciles[d].all, f), NULL);
	for (int k = 0; k < 3; k++) {
		for (int d = 0; d < 11; d++)
			parts[d] = k == 0 ? d <= 1 : k == 1 ? d <= 2 : d >= 3;
		table_add(&t, reach_field(&p->bands[k].all, f), parts);
	}
	table_add_total(&t, reach_field(&p->reach[GROUP_ALL], f));
	table_protect(&t);
	table_release(&t);
}

/* a suppressed one of two figures that are the same number makes the other suppressed too */
static void same(int64_t *a, int64_t *b, int was_same)
{
	if (!was_same)
		return;
	if (*a < 0 && *b >= 0)
		*b = *a;
	else if (*b < 0 && *a >= 0)
		*a = *b;
	else if (*a < 0 && *b < 0 && *a != *b)
		*a = *b = PACK_HIDDEN;
}

void pack_publish(struct pack *p)
{
	struct sup_table t;
	struct pack_reach *all = &p->reach[GROUP_ALL];
	int children_same = p->children == all->registered;
	int pop_same = p->age_total == all->population;
	size_t self = SIZE_MAX;

	if (p->published)
		return;
	pack_coverage_publish(p);
	/* every count of people from 1 to 4 */
	for (int g = 0; g < GROUP_COUNT; g++)
		small_reach(&p->reach[g]);
	for (size_t i = 0; i < p->nbars; i++)
		small(&p->bars[i].count);
	for (int a = 0; a < 5; a++)
		small(&p->age_pop[a]);
	small(&p->age_total);
	small(&p->children);
	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++)
		small(&p->ethnic[e].count);
	for (size_t i = 0; i < p->nlanguages; i++)
		small(&p->languages[i].count);
	small(&p->no_language);
	for (int d = 0; d < 11; d++)
		small_reach(&p->deciles[d].all);
	for (int k = 0; k < 3; k++)
		small_reach(&p->bands[k].all);
	for (size_t i = 0; i < p->nmonths; i++) {
		small(&p->months[i].families);
		small(&p->months[i].children);
	}
	small(&p->months_families);
	small(&p->months_children);
	small(&p->unseen);
	small(&p->quality.children);
	small(&p->quality.children_no_dob);
	small(&p->quality.children_no_eth);
	small(&p->quality.families);
	small(&p->quality.families_no_pc);
	small(&p->quality.families_unknown_pc);
	small(&p->quality.people);
	small(&p->quality.people_dup);
	/* register_rows and repeated_rows stay as they are: they count rows of
	 * register files, not people, over every activity and every file
	 * imported, so a small number tells nothing about who attended */
	for (int y = 0; y < PACK_BIRTH_YEARS; y++)
		small(&p->births.count[y]);
	/* an activity's attendances would tell its few children */
	for (size_t i = 0; i < p->nactivities; i++) {
		small(&p->activities[i].children);
		if (p->activities[i].children < 0)
			p->activities[i].attendances = PACK_HIDDEN;
	}
	/* an indicator's numerator under 5 (its value with the denominator would tell it) */
	for (size_t i = 0; i < p->nindicators; i++)
		if (p->indicators[i].has_ratio > 0 && p->indicators[i].numerator > 0 &&
		    p->indicators[i].numerator < 5)
			p->indicators[i].has_ratio = PACK_SMALL;

	/* then whatever would give them away, table by table */
	for (int f = 0; f < 4; f++)
		protect_deprivation(p, f);

	table_init(&t, 5);
	for (int a = 0; a < 5; a++)
		table_add(&t, &p->age_pop[a], NULL);
	table_add_total(&t, &p->age_total);
	table_protect(&t);
	table_release(&t);
	same(&p->age_total, &all->population, pop_same);

	same(&p->children, &all->registered, children_same);
	table_init(&t, PACK_ETHNIC_GROUPS);
	for (int e = 0; e < PACK_ETHNIC_GROUPS; e++)
		table_add(&t, &p->ethnic[e].count, NULL);
	table_add_total(&t, &p->children);
	table_protect(&t);
	table_release(&t);
	same(&p->children, &all->registered, children_same);

	for (int f = 0; f < 2; f++) {
		table_init(&t, p->nmonths);
		for (size_t i = 0; i < p->nmonths; i++)
			table_add(&t, f ? &p->months[i].children : &p->months[i].families, NULL);
		table_add_total(&t, f ? &p->months_children : &p->months_families);
		table_protect(&t);
		table_release(&t);
	}

	/* registered % of the areas inside beside the area's own: the
	 * population of each is published, so a percentage tells its count */
	for (size_t i = 0; i < p->nbars; i++)
		if (p->bars[i].highlight)
			self = i;
	if (self != SIZE_MAX) {
		p->bars[self].count = all->registered;
		table_init(&t, p->nbars - 1);
		for (size_t i = 0; i < p->nbars; i++)
			if (i != self)
				table_add(&t, &p->bars[i].count, NULL);
		table_add_total(&t, &p->bars[self].count);
		table_protect(&t);
		table_release(&t);
		same(&p->bars[self].count, &all->registered, 1);
	}
	/* a population hidden by the deciles or ages hides the registered % of
	 * the area's own bar too */
	if (self != SIZE_MAX && all->population < 0 && p->bars[self].count >= 0)
		p->bars[self].count = PACK_HIDDEN;
	same(&p->children, &all->registered, children_same);
	same(&p->age_total, &all->population, pop_same);
	pack_trend_publish(p);
	pack_area_ranks_publish(p);
	p->published = 1;
}
