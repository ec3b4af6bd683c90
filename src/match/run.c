/* run.c: the whole match (block, train, score, cluster), one pair's evidence, one record's query */
#include "match.h"
#include "../util/util.h"

#include <math.h>

void match_result_init(struct match_result *r)
{
	memset(r, 0, sizeof(*r));
}

void match_result_release(struct match_result *r)
{
	free(r->pairs);
	free(r->cluster);
	match_result_init(r);
}

/* highest probability first; ties by record order, so output is stable */
static int cmp_pair(const void *x, const void *y)
{
	const struct match_pair *a = x, *b = y;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* a candidate pair while blocking: records and levels (12 bytes: a large
 * set has hundreds of millions) */
struct cand {
	uint32_t a, b, pattern;
};

/* the candidates compared as blocking finds them, and their patterns
 * counted by rules (a hash table of pattern << 32 | rules) for EM */
struct gather {
	const struct match_set *set;
	struct match_memo *memo;
	struct cand *c;
	size_t n, alloc;
	uint64_t *key;      /* 0: an empty slot (a pattern of 0 is never a key: +1) */
	double *count;
	size_t cap, used;
	int bits;           /* cap is 1 << bits */
};

/* the slot of key k: the product's top bits, which every bit of k reaches */
static size_t slot_of(const struct gather *g, uint64_t k)
{
	size_t i = (size_t)((k * 0x9e3779b97f4a7c15ULL) >> (64 - g->bits));

	while (g->key[i] && g->key[i] != k)
		i = (i + 1) & (g->cap - 1);
	return i;
}

static void count_pattern(struct gather *g, uint64_t k, double c)
{
	size_t i;

	if (2 * (g->used + 1) > g->cap) {
		uint64_t *ok = g->key;
		double *oc = g->count;
		size_t ocap = g->cap;
		g->bits = ocap ? g->bits + 1 : 10;
		g->cap = (size_t)1 << g->bits;
		g->key = xcalloc(g->cap, sizeof(*g->key));
		g->count = xcalloc(g->cap, sizeof(*g->count));
		for (size_t j = 0; j < ocap; j++)
			if (ok[j]) {
				size_t s = slot_of(g, ok[j]);
				g->key[s] = ok[j];
				g->count[s] = oc[j];
			}
		free(ok);
		free(oc);
	}
	i = slot_of(g, k);
	if (!g->key[i]) {
		g->key[i] = k;
		g->used++;
	}
	g->count[i] += c;
}

static void gather_pair(void *ctx, uint32_t a, uint32_t b, uint32_t rules)
{
	struct gather *g = ctx;
	uint8_t lv[MATCH_MAX_FIELDS];
	uint32_t pattern;

	match_compare_memo(g->memo, a, b, lv);
	pattern = match_pack(g->set, lv);
	if (g->n + 1 > g->alloc)
		XGROW(g->c, g->alloc, g->n + 1);
	g->c[g->n].a = a;
	g->c[g->n].b = b;
	g->c[g->n].pattern = pattern;
	g->n++;
	count_pattern(g, ((uint64_t)pattern + 1) << 32 | rules, 1);
}

/* by pattern, then rules: EM is handed the counts in an order that does
 * not depend on the table's */
static int cmp_pattern_count(const void *x, const void *y)
{
	const struct match_pattern_count *a = x, *b = y;

	if (a->pattern != b->pattern)
		return a->pattern < b->pattern ? -1 : 1;
	return a->rules < b->rules ? -1 : a->rules > b->rules;
}

/* fewer candidate pairs than this: EM has too little to learn from, and
 * the default m and u (tuned on the public datasets) are kept */
#define MATCH_MIN_EM_PAIRS 200
#define MATCH_MIN_SAMPLE 1000

int match_run(const struct match_set *set, struct match_result *res)
{
	const struct match_spec *sp = set->spec;
	uint8_t lv[MATCH_MAX_FIELDS];
	double t = now_seconds(), keep = MATCH_KEEP_MIN_PROB, prior;
	size_t samples, alloc = 0;
	struct gather g;

	memset(&g, 0, sizeof(g));
	g.set = set;
	g.memo = match_memo_new(set);
	res->ncompared = match_block_each(set, &res->blocking, gather_pair, &g);
	match_memo_free(&g.memo);
	res->seconds[1] = now_seconds() - t;
	t = now_seconds();
	match_model_defaults(&res->model, sp);
	/* a small set says little about how often values agree by chance:
	 * below MATCH_MIN_SAMPLE records the default u are kept, without
	 * term-frequency adjustment, and the prior assumes one record in ten
	 * has a duplicate */
	res->model.use_tf = set->n >= MATCH_MIN_SAMPLE;
	if (set->n >= MATCH_MIN_SAMPLE) {
		/* enough random pairs to see the rare levels (a shared e-mail
		 * user, a date one digit off) a few times each */
		samples = set->n * 10 < 1000000 ? set->n * 10 : 1000000;
		if (samples < 20000)
			samples = 20000;
		match_estimate_u(set, &res->model, samples, 0x5eed);
	}
	/* u stays as sampled from random pairs; lambda counts every pair of
	 * the comparison space, the ones blocking left out as non-matches */
	res->model.fix_u = 1;
	{
		double n0 = 0, n1 = 0;
		for (size_t i = 0; i < set->n; i++) {
			if (set->source[i])
				n1++;
			else
				n0++;
		}
		res->model.all_pairs = sp->link ? n0 * n1 : (double)set->n * ((double)set->n - 1) / 2;
		if (res->model.all_pairs < 1)
			res->model.all_pairs = 1;
		res->model.lambda = 0.1 * (sp->link ? (n0 < n1 ? n0 : n1) : (double)set->n) /
				    res->model.all_pairs;
		if (res->model.lambda > 0.5)
			res->model.lambda = 0.5;
	}
	if (res->ncompared >= MATCH_MIN_EM_PAIRS && set->n >= MATCH_MIN_SAMPLE) {
		struct match_pattern_count *pc = xmalloc((g.used ? g.used : 1) * sizeof(*pc));
		size_t npc = 0;
		for (size_t i = 0; i < g.cap; i++)
			if (g.key[i]) {
				pc[npc].pattern = (uint32_t)((g.key[i] >> 32) - 1);
				pc[npc].rules = (uint32_t)g.key[i];
				pc[npc++].count = g.count[i];
			}
		qsort(pc, npc, sizeof(*pc), cmp_pattern_count);
		match_em_counts(set, &res->model, pc, npc, 200);
		free(pc);
	}
	free(g.key);
	free(g.count);
	res->seconds[2] = now_seconds() - t;
	t = now_seconds();
	/* score every candidate, keep the ones that can matter: first moved
	 * down in place (their weights beside them), so that the candidates
	 * and the pairs kept are not both held at full size */
	if (sp->threshold < keep)
		keep = sp->threshold;
	prior = log2(res->model.lambda / (1 - res->model.lambda));
	{
		float *wk = NULL;
		size_t m = 0;
		for (size_t k = 0; k < g.n; k++) {
			double w = prior;
			match_unpack(set, g.c[k].pattern, lv);
			for (int f = 0; f < res->model.nfields; f++)
				w += match_field_weight(set, &res->model, f, lv[f], g.c[k].a,
							g.c[k].b);
			if (match_probability(w) < keep)
				continue;
			if (m + 1 > alloc)
				XGROW(wk, alloc, m + 1);
			wk[m] = (float)w;
			g.c[m++] = g.c[k];
		}
		g.c = xrealloc(g.c, (m ? m : 1) * sizeof(*g.c));
		res->pairs = xmalloc((m ? m : 1) * sizeof(*res->pairs));
		for (size_t k = 0; k < m; k++) {
			memset(&res->pairs[k], 0, sizeof(res->pairs[k]));
			res->pairs[k].a = g.c[k].a;
			res->pairs[k].b = g.c[k].b;
			res->pairs[k].pattern = g.c[k].pattern;
			res->pairs[k].weight = wk[k];
			res->pairs[k].prob = (float)match_probability(wk[k]);
		}
		res->npairs = m;
		free(wk);
	}
	free(g.c);
	if (res->npairs)
		qsort(res->pairs, res->npairs, sizeof(*res->pairs), cmp_pair);
	res->cluster = xmalloc((set->n ? set->n : 1) * sizeof(*res->cluster));
	match_cluster_model(set, &res->model, res->pairs, res->npairs, sp->threshold, sp->guard,
			    res->cluster);
	res->seconds[3] = now_seconds() - t;
	return 0;
}

void match_explain(const struct match_set *set, const struct match_model *mo,
		   const struct match_pair *p, struct buf *out)
{
	uint8_t lv[MATCH_MAX_FIELDS];

	match_unpack(set, p->pattern, lv);
	buf_addf(out, "prior %+.2f", log2(mo->lambda / (1 - mo->lambda)));
	for (int f = 0; f < set->spec->nfields; f++) {
		const struct match_field *fd = &set->spec->fields[f];
		buf_addf(out, ", %s %s %+.2f", fd->name, match_level_name(fd->kind, lv[f]),
			 match_field_weight(set, mo, f, lv[f], p->a, p->b));
	}
	buf_addf(out, " = %+.2f (probability %.4f)", p->weight, p->prob);
}

static int cmp_hit(const void *x, const void *y)
{
	const struct match_hit *a = x, *b = y;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

size_t match_query(struct match_set *set, const struct match_model *mo, const char *const *values,
		   double min_prob, struct match_hit **hits)
{
	const struct match_spec *sp = set->spec;
	size_t q = set->n, nh = 0, alloc = 0;
	struct match_hit *h = NULL;
	uint8_t lv[MATCH_MAX_FIELDS];
	double prior = log2(mo->lambda / (1 - mo->lambda));
	uint64_t qh[MATCH_MAX_RULES];

	match_set_add(set, "", values, 1, NULL);
	/* the probe against every record: rules tested one record at a time */
	for (int r = 0; r < sp->nrules; r++)
		qh[r] = match_rule_hash(set, &sp->rules[r], q);
	for (size_t i = 0; i < q; i++) {
		int blocked = 0;
		for (int r = 0; r < sp->nrules && !blocked; r++)
			blocked = qh[r] && qh[r] == match_rule_hash(set, &sp->rules[r], i);
		if (!blocked)
			continue;
		match_compare(set, i, q, lv);
		{
			double w = prior, p, fw[MATCH_MAX_FIELDS];
			for (int f = 0; f < mo->nfields; f++) {
				fw[f] = match_field_weight(set, mo, f, lv[f], i, q);
				w += fw[f];
			}
			p = match_probability(w);
			if (p < min_prob)
				continue;
			if (nh + 1 > alloc)
				XGROW(h, alloc, nh + 1);
			memset(&h[nh], 0, sizeof(h[nh]));
			h[nh].index = i;
			h[nh].weight = w;
			h[nh].prob = p;
			for (int f = 0; f < mo->nfields; f++) {
				h[nh].level[f] = lv[f];
				h[nh].field_weight[f] = fw[f];
			}
			nh++;
		}
	}
	/* take the probe out again: its values stay interned, uncounted */
	for (int f = 0; f < sp->nfields; f++) {
		uint32_t v = set->val[f][q];
		if (v) {
			set->dict[f].count[v]--;
			set->nonnull[f]--;
			if (sp->fields[f].kind == MK_EMAIL && set->key[f][q])
				set->keys[f].count[set->key[f][q]]--;
		}
	}
	free(set->id[q]);
	if (set->truth)
		free(set->truth[q]);
	set->n--;
	if (nh)
		qsort(h, nh, sizeof(*h), cmp_hit);
	*hits = h;
	return nh;
}
