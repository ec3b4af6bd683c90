/* cluster.c: pairs into people: connected components with a guard against chaining */
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

/* records i has cannot-link partners adj[start[i] .. start[i+1]) */
struct cannot {
	size_t *start;
	uint32_t *adj;
};

/* does some member of component ra have a cannot-link partner in rb? */
static int conflict(struct uf *u, const struct cannot *c, uint32_t ra, uint32_t rb)
{
	for (uint32_t x = ra; x != UINT32_MAX; x = u->next[x])
		for (size_t k = c->start[x]; k < c->start[x + 1]; k++)
			if (uf_find(u, c->adj[k]) == rb)
				return 1;
	return 0;
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

void match_cluster(const struct match_set *set, const struct match_pair *pairs, size_t npairs,
		   double threshold, double guard, uint32_t *cluster)
{
	size_t n = set->n;
	struct uf u;
	struct cannot c;
	uint8_t *linked = xcalloc(n ? n : 1, 1);
	size_t *order = NULL, norder = 0, nadj = 0;

	u.parent = xmalloc((n ? n : 1) * sizeof(uint32_t));
	u.size = xmalloc((n ? n : 1) * sizeof(uint32_t));
	u.next = xmalloc((n ? n : 1) * sizeof(uint32_t));
	u.last = xmalloc((n ? n : 1) * sizeof(uint32_t));
	for (size_t i = 0; i < n; i++) {
		u.parent[i] = u.last[i] = (uint32_t)i;
		u.size[i] = 1;
		u.next[i] = UINT32_MAX;
	}
	/* the joining pairs, strongest first (ties: in the order given) */
	order = xmalloc((npairs ? npairs : 1) * sizeof(*order));
	for (size_t k = 0; k < npairs; k++)
		if (pairs[k].prob >= threshold) {
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
	/* cannot-link lists, only for records that some joining pair touches */
	c.start = xcalloc(n + 1, sizeof(size_t));
	for (size_t k = 0; k < npairs; k++)
		if (pairs[k].prob < guard && linked[pairs[k].a] && linked[pairs[k].b]) {
			c.start[pairs[k].a + 1]++;
			c.start[pairs[k].b + 1]++;
			nadj += 2;
		}
	for (size_t i = 0; i < n; i++)
		c.start[i + 1] += c.start[i];
	c.adj = xmalloc((nadj ? nadj : 1) * sizeof(uint32_t));
	{
		size_t *fill = xmalloc((n ? n : 1) * sizeof(size_t));
		memcpy(fill, c.start, n * sizeof(size_t));
		for (size_t k = 0; k < npairs; k++)
			if (pairs[k].prob < guard && linked[pairs[k].a] && linked[pairs[k].b]) {
				c.adj[fill[pairs[k].a]++] = pairs[k].b;
				c.adj[fill[pairs[k].b]++] = pairs[k].a;
			}
		free(fill);
	}
	for (size_t x = 0; x < norder; x++) {
		const struct match_pair *p = &pairs[order[x]];
		uint32_t ra = uf_find(&u, p->a), rb = uf_find(&u, p->b);
		if (ra == rb)
			continue;
		if (u.size[ra] > u.size[rb]) {
			uint32_t t = ra;
			ra = rb;
			rb = t;
		}
		if (u.size[ra] + u.size[rb] > 2 && conflict(&u, &c, ra, rb))
			continue;
		/* ra (the smaller) joins rb */
		u.parent[ra] = rb;
		u.size[rb] += u.size[ra];
		u.next[u.last[rb]] = ra;
		u.last[rb] = u.last[ra];
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
	free(c.start);
	free(c.adj);
	free(order);
	free(linked);
}
