/* cluster.c: pairs into people: joining groups on their strongest pair, guarded
 * against chaining by the other pairs between them */
#include "match.h"
#include "../util/util.h"

#include <math.h>

struct uf {
	uint32_t *parent, *size, *next, *last; /* union-find and member lists */
};

static uint32_t uf_find(struct uf *u, uint32_t x)
{
	while (u->parent[x] != x) {
		u->parent[x] = u->parent[u->parent[x]];
		x = u->parent[x];
	}
	return x;
}

/* the pairs each record is in: pair indexes adj[start[i] .. start[i+1]) */
struct adjacency {
	size_t *start;
	size_t *adj;
};

/* what the pairs between components ra and rb say */
struct link {
	size_t n;         /* pairs */
	double sum;       /* of their probabilities */
	double min;       /* the least likely pair some blocking rule brought */
};

/* records i and j scored with the model: a pair not in the list */
static double score_pair(const struct match_set *set, const struct match_model *mo, size_t i,
			 size_t j)
{
	uint8_t lv[MATCH_MAX_FIELDS];
	size_t a = i < j ? i : j, b = i < j ? j : i;

	match_compare(set, a, b, lv);
	return match_probability(match_pair_weight(set, mo, lv, a, b, NULL));
}

/* some blocking rule holds for records i and j (they were compared) */
static int blocked(const struct match_set *set, size_t i, size_t j)
{
	const struct match_spec *sp = set->spec;

	for (int r = 0; r < sp->nrules; r++) {
		uint64_t h = match_rule_hash(set, &sp->rules[r], i);
		if (h && h == match_rule_hash(set, &sp->rules[r], j))
			return 1;
	}
	return 0;
}

/* groups of up to this many pairs between them are weighed on every pair
 * (average linkage): the ones not in the list are scored when needed, up
 * to MATCH_SCORE_BUDGET of them a record in all: at the default threshold
 * fake_20000 needs 1 a record, the generated people 0.2, but a very low
 * threshold makes nearly every pair a join to weigh; past the budget, only
 * the pairs in the list count, as without a model */
#define MATCH_FULL_LINK 256
#define MATCH_SCORE_BUDGET 4

/*
 * The pairs in the list between ra and rb; with a model, and when the two
 * groups have at most MATCH_FULL_LINK pairs between them, the other pairs
 * too, scored now (stamp[y] == x + 1 marks y as listed with x). A pair
 * scored now counts towards the guard only if some blocking rule holds for
 * it: one that shares nothing was never compared, and its low score says
 * only that its details were typed differently.
 */
static struct link link_between(struct uf *u, const struct adjacency *g,
				const struct match_pair *pairs, uint32_t ra, uint32_t rb,
				const struct match_set *set, const struct match_model *mo,
				double guard, uint32_t *stamp, size_t *budget)
{
	struct link l = { 0, 0, 1 };
	size_t cross = (size_t)u->size[ra] * u->size[rb];
	int full = mo && cross <= MATCH_FULL_LINK && cross <= *budget;

	for (uint32_t x = ra; x != UINT32_MAX; x = u->next[x]) {
		for (size_t k = g->start[x]; k < g->start[x + 1]; k++) {
			const struct match_pair *p = &pairs[g->adj[k]];
			uint32_t o = p->a == x ? p->b : p->a;
			if (uf_find(u, o) != rb)
				continue;
			l.n++;
			l.sum += p->prob;
			if (p->prob < l.min)
				l.min = p->prob;
			if (full)
				stamp[o] = x + 1;
		}
		if (!full)
			continue;
		for (uint32_t y = rb; y != UINT32_MAX; y = u->next[y]) {
			double q;
			if (stamp[y] == x + 1)
				continue;
			if (set->spec->link && set->source[x] == set->source[y])
				continue;
			q = score_pair(set, mo, x, y);
			(*budget)--;
			l.n++;
			l.sum += q;
			if (q < guard && q < l.min && blocked(set, x, y))
				l.min = q;
		}
	}
	return l;
}

static void join(struct uf *u, uint32_t ra, uint32_t rb)
{
	u->parent[ra] = rb;
	u->size[rb] += u->size[ra];
	u->next[u->last[rb]] = ra;
	u->last[rb] = u->last[ra];
}

struct edge {
	float prob;
	size_t k;
};

/* strongest first, ties in the order given */
static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	if (x->prob != y->prob)
		return x->prob > y->prob ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* the weakest average that joins groups: below it, most compared pairs
 * between them say they are different people */
#define MATCH_MEAN_JOIN 0.5
/* the average of two or more pairs, none at the threshold, that joins
 * groups: well over even odds (at 0.5 the generated people, with their many
 * namesakes born days apart, lost more than Splink's fake persons gained) */
#define MATCH_MEAN_MERGE 0.7
/* duplicates expected of each record from which the averages are lowered */
#define MATCH_MANY_DUPLICATES 2.0

void match_cluster(const struct match_set *set, const struct match_pair *pairs, size_t npairs,
		   double threshold, double guard, uint32_t *cluster)
{
	match_cluster_model(set, NULL, pairs, npairs, threshold, guard, cluster);
}

void match_cluster_model(const struct match_set *set, const struct match_model *mo,
			 const struct match_pair *pairs, size_t npairs, double threshold,
			 double guard, uint32_t *cluster)
{
	size_t n = set->n;
	double mean_join = MATCH_MEAN_JOIN, mean_merge = MATCH_MEAN_MERGE;
	uint32_t *stamp = mo ? xcalloc(n ? n : 1, sizeof(uint32_t)) : NULL;
	size_t budget = MATCH_SCORE_BUDGET * n;
	struct uf u;
	struct adjacency g;
	uint8_t *linked = xcalloc(n ? n : 1, 1);
	size_t *order = NULL, norder = 0;

	/*
	 * The averages a join needs are for a record expected to have about
	 * one duplicate. Where the model expects d >= MATCH_MANY_DUPLICATES
	 * duplicates of each record (lambda over all pairs), a person's
	 * records are many and each copy is typed differently, so the pairs
	 * between two parts of one person are weaker on average: the averages
	 * are divided by d. Only from 2: the estimate errs (the generated
	 * million, 0.45 duplicates a record, gives 1.5).
	 */
	if (mo && n > 1) {
		double d = 2 * mo->lambda * mo->all_pairs / (double)n;
		if (d >= MATCH_MANY_DUPLICATES) {
			mean_join /= d;
			mean_merge /= d;
		}
	}
	u.parent = xmalloc((n ? n : 1) * sizeof(uint32_t));
	u.size = xmalloc((n ? n : 1) * sizeof(uint32_t));
	u.next = xmalloc((n ? n : 1) * sizeof(uint32_t));
	u.last = xmalloc((n ? n : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++) {
		u.parent[i] = u.last[i] = (uint32_t)i;
		u.size[i] = 1;
		u.next[i] = UINT32_MAX;
	}
	/* the pairs that may join, strongest first (ties: in the order given);
	 * below MATCH_MEAN_MERGE a pair cannot be the strongest of pairs whose
	 * average reaches it */
	order = xmalloc((npairs ? npairs : 1) * sizeof(*order));
	for (size_t k = 0; k < npairs; k++)
		if (pairs[k].prob >= threshold || pairs[k].prob >= mean_merge) {
			order[norder++] = k;
			linked[pairs[k].a] = linked[pairs[k].b] = 1;
		}
	{
		struct edge *e = xmalloc((norder ? norder : 1) * sizeof(*e));
		for (size_t x = 0; x < norder; x++) {
			e[x].prob = pairs[order[x]].prob;
			e[x].k = order[x];
		}
		qsort(e, norder, sizeof(*e), cmp_edge);
		for (size_t x = 0; x < norder; x++)
			order[x] = e[x].k;
		free(e);
	}
	/* the pairs of each record, for records some joining pair touches
	 * (only they are ever in a group of more than one) */
	g.start = xcalloc(n + 1, sizeof(size_t));
	for (size_t k = 0; k < npairs; k++)
		if (linked[pairs[k].a] && linked[pairs[k].b]) {
			g.start[pairs[k].a + 1]++;
			g.start[pairs[k].b + 1]++;
		}
	for (size_t i = 0; i < n; i++)
		g.start[i + 1] += g.start[i];
	g.adj = xmalloc((g.start[n] ? g.start[n] : 1) * sizeof(size_t));
	{
		size_t *fill = xmalloc((n ? n : 1) * sizeof(size_t));
		memcpy(fill, g.start, n * sizeof(size_t));
		for (size_t k = 0; k < npairs; k++)
			if (linked[pairs[k].a] && linked[pairs[k].b]) {
				g.adj[fill[pairs[k].a]++] = k;
				g.adj[fill[pairs[k].b]++] = k;
			}
		free(fill);
	}
	/*
	 * A pair at or above the threshold joins its two groups unless some
	 * pair between them was scored below the guard (clearly different
	 * people) or the pairs between them are on average unlikely (one
	 * strong link against several weak ones). A pair below the threshold
	 * joins them only with more than one pair between them, none below
	 * the guard, and their average at least MATCH_MEAN_MERGE: several
	 * records of one group that each look like the other group, none of
	 * them enough alone.
	 */
	for (size_t x = 0; x < norder; x++) {
		const struct match_pair *p = &pairs[order[x]];
		uint32_t ra = uf_find(&u, p->a), rb = uf_find(&u, p->b);
		struct link l;
		if (ra == rb)
			continue;
		if (u.size[ra] > u.size[rb]) {
			uint32_t t = ra;
			ra = rb;
			rb = t;
		}
		if (u.size[ra] + u.size[rb] > 2 || p->prob < threshold) {
			l = link_between(&u, &g, pairs, ra, rb, set, mo, guard, stamp, &budget);
			if (l.min < guard)
				continue;
			if (p->prob >= threshold ? l.sum < mean_join * (double)l.n
						 : l.n < 2 || l.sum < mean_merge * (double)l.n)
				continue;
		}
		/* ra (the smaller) joins rb */
		join(&u, ra, rb);
	}
	/* the representative: the member with the smallest ID */
	for (size_t i = 0; i < n; i++) {
		uint32_t r = uf_find(&u, (uint32_t)i), best = r;
		if (r != i)
			continue;
		for (uint32_t x = r; x != UINT32_MAX; x = u.next[x])
			if (strcmp(set->id[x], set->id[best]) < 0)
				best = x;
		for (uint32_t x = r; x != UINT32_MAX; x = u.next[x])
			cluster[x] = best;
	}
	free(u.parent);
	free(u.size);
	free(u.next);
	free(u.last);
	free(g.start);
	free(g.adj);
	free(order);
	free(linked);
	free(stamp);
}
