/* cluster.c: pairs into people: joining groups on their strongest pair, guarded
 * against chaining by the other pairs between them */
#include "match.h"
#include "../util/util.h"

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

/* what the compared pairs between components ra and rb say */
struct link {
	size_t n;         /* pairs compared */
	double sum, min;  /* of their probabilities */
};

static struct link link_between(struct uf *u, const struct adjacency *g,
				const struct match_pair *pairs, uint32_t ra, uint32_t rb)
{
	struct link l = { 0, 0, 1 };

	for (uint32_t x = ra; x != UINT32_MAX; x = u->next[x])
		for (size_t k = g->start[x]; k < g->start[x + 1]; k++) {
			const struct match_pair *p = &pairs[g->adj[k]];
			if (uf_find(u, p->a == x ? p->b : p->a) != rb)
				continue;
			l.n++;
			l.sum += p->prob;
			if (p->prob < l.min)
				l.min = p->prob;
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

void match_cluster(const struct match_set *set, const struct match_pair *pairs, size_t npairs,
		   double threshold, double guard, uint32_t *cluster)
{
	size_t n = set->n;
	struct uf u;
	struct adjacency g;
	uint8_t *linked = xcalloc(n ? n : 1, 1);
	size_t *order = NULL, norder = 0;

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
		if (pairs[k].prob >= threshold || pairs[k].prob >= MATCH_MEAN_MERGE) {
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
			l = link_between(&u, &g, pairs, ra, rb);
			if (l.min < guard)
				continue;
			if (p->prob >= threshold ? l.sum < MATCH_MEAN_JOIN * (double)l.n
						 : l.n < 2 || l.sum < MATCH_MEAN_MERGE * (double)l.n)
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
}
