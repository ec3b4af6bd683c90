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

/* fewer candidate pairs than this: EM has too little to learn from, and
 * the default m and u (tuned on the public datasets) are kept */
#define MATCH_MIN_EM_PAIRS 200
#define MATCH_MIN_SAMPLE 1000

int match_run(const struct match_set *set, struct match_result *res)
{
	const struct match_spec *sp = set->spec;
	uint8_t lv[MATCH_MAX_FIELDS];
	double t = now_seconds();
	size_t samples;

	res->npairs = match_block(set, &res->pairs, &res->blocking);
	for (size_t k = 0; k < res->npairs; k++) {
		match_compare(set, res->pairs[k].a, res->pairs[k].b, lv);
		res->pairs[k].pattern = match_pack(set, lv);
	}
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
	if (res->npairs >= MATCH_MIN_EM_PAIRS && set->n >= MATCH_MIN_SAMPLE)
		match_em(set, &res->model, res->pairs, res->npairs, 200);
	res->seconds[2] = now_seconds() - t;
	t = now_seconds();
	match_score(set, &res->model, res->pairs, res->npairs);
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
