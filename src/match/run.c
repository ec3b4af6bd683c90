/* run.c: the whole match (block, train, score, cluster), one pair's evidence, one record's query */
#include "match.h"
#include "../util/util.h"

#include <math.h>
#include <pthread.h>
#include <unistd.h>

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

/*
 * The candidate pairs are gone through twice, part by part (see
 * match_blocks_new), on as many threads as there are processors: first
 * compared, each pair's level pattern kept (2 or 4 bytes, in the order
 * blocking hands the pairs over) and counted with its rules for EM; then,
 * with the model trained, formed again (blocking without comparing costs
 * little), scored from the pattern kept, and kept when likely enough.
 * Each part's results are its own, so the pairs kept come out in the same
 * order however many threads there are and whichever took which part; the
 * pattern counts are whole numbers, the same in any order.
 */

/* a pair kept after scoring */
struct kept {
	uint32_t a, b, pattern;
	float weight;
};

/* level patterns counted by rules: a hash table of pattern << 32 | rules */
struct pattern_counts {
	uint64_t *key;      /* 0: an empty slot (a pattern of 0 is never a key: +1) */
	double *count;
	size_t cap, used;
	int bits;           /* cap is 1 << bits */
};

/* one part's results */
struct part_out {
	void *pattern;      /* pass 1: each pair's pattern, 2 or 4 bytes */
	size_t n, alloc;
	struct kept *kept;  /* pass 2 */
	size_t nkept, kalloc;
};

struct work {
	const struct match_set *set;
	struct match_blocks *blocks;
	size_t nparts;
	struct part_out *out;
	int wide;                  /* patterns in 4 bytes, else 2 */
	int pass;                  /* 1: compare and count, 2: score and keep */
	/* pass 2: the model, and the weights that need no probability worked
	 * out to know whether the pair is kept */
	const struct match_model *model;
	const uint8_t *levels;     /* each pattern's levels, if the patterns are few */
	double keep, keep_below, keep_from;
	pthread_mutex_t lock;
	size_t next;               /* the next part to take */
};

/* one thread's side of the work: what changes at every pair is here, on
 * cache lines of its own (two threads writing one line slow both), and
 * goes to the part's part_out when the part is done */
struct worker {
	_Alignas(64) struct work *w;
	struct match_memo *memo;
	struct pattern_counts pc;
	struct part_out cur;       /* the part being worked on */
	size_t k;                  /* pass 2: the pair's place in the part */
	const uint32_t *rec;       /* the block's records */
};

/* the slot of key k: the product's top bits, which every bit of k reaches */
static size_t slot_of(const struct pattern_counts *t, uint64_t k)
{
	size_t i = (size_t)((k * 0x9e3779b97f4a7c15ULL) >> (64 - t->bits));

	while (t->key[i] && t->key[i] != k)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static void count_pattern(struct pattern_counts *t, uint64_t k, double c)
{
	size_t i;

	if (2 * (t->used + 1) > t->cap) {
		uint64_t *ok = t->key;
		double *oc = t->count;
		size_t ocap = t->cap;
		t->bits = ocap ? t->bits + 1 : 10;
		t->cap = (size_t)1 << t->bits;
		t->key = xcalloc(t->cap, sizeof(*t->key));
		t->count = xcalloc(t->cap, sizeof(*t->count));
		for (size_t j = 0; j < ocap; j++)
			if (ok[j]) {
				size_t s = slot_of(t, ok[j]);
				t->key[s] = ok[j];
				t->count[s] = oc[j];
			}
		free(ok);
		free(oc);
	}
	i = slot_of(t, k);
	if (!t->key[i]) {
		t->key[i] = k;
		t->used++;
	}
	t->count[i] += c;
}

static void compare_block(void *ctx, const uint32_t *rec, size_t n)
{
	struct worker *wk = ctx;

	wk->rec = rec;
	match_memo_block(wk->memo, rec, n);
}

static void compare_pair(void *ctx, uint32_t x, uint32_t y, uint32_t rules)
{
	struct worker *wk = ctx;
	struct part_out *o = &wk->cur;
	uint8_t lv[MATCH_MAX_FIELDS];
	uint32_t pattern;

	match_compare_block(wk->memo, x, y, lv);
	pattern = match_pack(wk->w->set, lv);
	if (o->n + 1 > o->alloc) {
		size_t sz = wk->w->wide ? sizeof(uint32_t) : sizeof(uint16_t);
		size_t n = o->alloc ? 2 * o->alloc : 1024;
		o->pattern = xrealloc(o->pattern, n * sz);
		o->alloc = n;
	}
	if (wk->w->wide)
		((uint32_t *)o->pattern)[o->n++] = pattern;
	else
		((uint16_t *)o->pattern)[o->n++] = (uint16_t)pattern;
	count_pattern(&wk->pc, ((uint64_t)pattern + 1) << 32 | rules, 1);
}

/* scoring reads the records' values where the set holds them (the
 * weights' term frequencies: the values of fields with tf, e-mails' user
 * parts): asked for together, ahead of the block's pairs, they come in at
 * once rather than one after another */
static void score_block(void *ctx, const uint32_t *rec, size_t n)
{
	struct worker *wk = ctx;
	const struct match_set *set = wk->w->set;

	wk->rec = rec;
	for (int f = 0; f < set->spec->nfields; f++) {
		if (!set->spec->fields[f].tf)
			continue;
		for (size_t x = 0; x < n; x++)
			__builtin_prefetch(&set->val[f][rec[x]]);
		if (set->spec->fields[f].kind == MK_EMAIL)
			for (size_t x = 0; x < n; x++)
				__builtin_prefetch(&set->key[f][rec[x]]);
	}
}

static void score_pair(void *ctx, uint32_t x, uint32_t y, uint32_t rules)
{
	struct worker *wk = ctx;
	const struct work *w = wk->w;
	struct part_out *o = &wk->cur;
	const struct match_model *mo = w->model;
	uint8_t buf[MATCH_MAX_FIELDS];
	const uint8_t *lv = buf;
	uint32_t pattern, a = wk->rec[x], b = wk->rec[y];
	double sum;

	pattern = w->wide ? ((const uint32_t *)o->pattern)[wk->k] : ((const uint16_t *)o->pattern)[wk->k];
	wk->k++;
	if (w->levels)
		lv = w->levels + (size_t)pattern * (size_t)mo->nfields;
	else
		match_unpack(w->set, pattern, buf);
	sum = match_pair_weight(w->set, mo, lv, a, b, NULL);
	if (sum < w->keep_below || (sum < w->keep_from && match_probability(sum) < w->keep))
		return;
	if (o->nkept + 1 > o->kalloc)
		XGROW(o->kept, o->kalloc, o->nkept + 1);
	o->kept[o->nkept].a = a;
	o->kept[o->nkept].b = b;
	o->kept[o->nkept].pattern = pattern;
	o->kept[o->nkept].weight = (float)sum;
	o->nkept++;
	(void)rules;
}

static void *work_parts(void *arg)
{
	struct worker *wk = arg;
	struct work *w = wk->w;

	for (;;) {
		size_t k;
		pthread_mutex_lock(&w->lock);
		k = w->next++;
		pthread_mutex_unlock(&w->lock);
		if (k >= w->nparts)
			break;
		wk->cur = w->out[k];
		if (w->pass == 1) {
			struct match_block_sink sink = { compare_block, compare_pair, wk };
			match_blocks_each(w->blocks, k, &sink);
		} else {
			struct match_block_sink sink = { score_block, score_pair, wk };
			wk->k = 0;
			match_blocks_each(w->blocks, k, &sink);
			/* the patterns are not needed again */
			free(wk->cur.pattern);
			wk->cur.pattern = NULL;
		}
		w->out[k] = wk->cur;
	}
	return NULL;
}

/* the threads to work on: one a processor, at most 8 */
static int work_threads(size_t nparts)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n > 8)
		n = 8;
	if (n > (long)nparts)
		n = (long)nparts;
	return n < 1 ? 1 : (int)n;
}

/* one pass over every part on nw workers (the calling thread is the first) */
static void work_pass(struct work *w, struct worker *wk, int nw, int pass)
{
	pthread_t th[8];
	int started = 0;

	w->pass = pass;
	w->next = 0;
	for (int t = 1; t < nw; t++) {
		if (pthread_create(&th[t], NULL, work_parts, &wk[t]))
			break; /* no thread: the others do the work */
		started = t;
	}
	work_parts(&wk[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
}

/* by pattern, then rules: EM is handed the counts in an order that does
 * not depend on the tables' */
static int cmp_pattern_count(const void *x, const void *y)
{
	const struct match_pattern_count *a = x, *b = y;

	if (a->pattern != b->pattern)
		return a->pattern < b->pattern ? -1 : 1;
	return a->rules < b->rules ? -1 : a->rules > b->rules;
}

/* the workers' pattern counts together, sorted; the count of them */
static size_t merge_counts(struct worker *wk, int nw, struct match_pattern_count **out)
{
	struct pattern_counts all;
	struct match_pattern_count *pc;
	size_t n = 0;

	memset(&all, 0, sizeof(all));
	for (int t = 0; t < nw; t++) {
		for (size_t i = 0; i < wk[t].pc.cap; i++)
			if (wk[t].pc.key[i])
				count_pattern(&all, wk[t].pc.key[i], wk[t].pc.count[i]);
		free(wk[t].pc.key);
		free(wk[t].pc.count);
		memset(&wk[t].pc, 0, sizeof(wk[t].pc));
	}
	pc = xmalloc((all.used ? all.used : 1) * sizeof(*pc));
	for (size_t i = 0; i < all.cap; i++)
		if (all.key[i]) {
			pc[n].pattern = (uint32_t)((all.key[i] >> 32) - 1);
			pc[n].rules = (uint32_t)all.key[i];
			pc[n++].count = all.count[i];
		}
	qsort(pc, n, sizeof(*pc), cmp_pattern_count);
	free(all.key);
	free(all.count);
	*out = pc;
	return n;
}

/* the order of the pairs kept: highest probability first, ties by record
 * order, so output is stable */
static int cmp_kept(const void *x, const void *y)
{
	const struct kept *a = x, *b = y;

	if (a->weight != b->weight)
		return a->weight > b->weight ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

struct sort_chunk {
	struct kept *k;
	size_t n;
};

static void *sort_chunk(void *arg)
{
	struct sort_chunk *c = arg;

	if (c->n)
		qsort(c->k, c->n, sizeof(*c->k), cmp_kept);
	return NULL;
}

/* the pairs kept into out in that order: a chunk sorted on each
 * thread, then the chunks merged (the order is total: pairs are unique) */
static void sort_kept(struct kept *k, size_t n, int nw, struct match_pair *out)
{
	struct sort_chunk c[8];
	pthread_t th[8];
	size_t pos[8];
	int nc = n < 65536 ? 1 : nw, started = 0;

	for (int t = 0; t < nc; t++) {
		c[t].k = k + n / (size_t)nc * (size_t)t;
		c[t].n = t == nc - 1 ? n - n / (size_t)nc * (size_t)t : n / (size_t)nc;
		pos[t] = 0;
	}
	for (int t = 1; t < nc; t++) {
		if (pthread_create(&th[t], NULL, sort_chunk, &c[t]))
			break;
		started = t;
	}
	for (int t = 0; t < nc; t++)
		if (t == 0 || t > started)
			sort_chunk(&c[t]);
	for (int t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
	for (size_t x = 0; x < n; x++) {
		const struct kept *best = NULL;
		int bt = 0;
		for (int t = 0; t < nc; t++)
			if (pos[t] < c[t].n && (!best || cmp_kept(&c[t].k[pos[t]], best) < 0)) {
				best = &c[t].k[pos[t]];
				bt = t;
			}
		pos[bt]++;
		memset(&out[x], 0, sizeof(out[x]));
		out[x].a = best->a;
		out[x].b = best->b;
		out[x].pattern = best->pattern;
		out[x].weight = best->weight;
		out[x].prob = (float)match_probability(best->weight);
	}
}

/* the level patterns a set's fields make */
static uint64_t pattern_space(const struct match_set *set)
{
	uint64_t n = 1;

	for (int f = 0; f < set->spec->nfields; f++)
		n *= (uint64_t)match_kind_levels(set->spec->fields[f].kind);
	return n;
}

/* fewer candidate pairs than this: EM has too little to learn from, and
 * the default m and u (tuned on the public datasets) are kept */
#define MATCH_MIN_EM_PAIRS 200
#define MATCH_MIN_SAMPLE 1000

int match_run(const struct match_set *set, struct match_result *res)
{
	const struct match_spec *sp = set->spec;
	double t = now_seconds(), keep = MATCH_KEEP_MIN_PROB;
	size_t samples, npc, kept = 0;
	uint64_t npatterns = pattern_space(set);
	uint8_t *levels = NULL;
	struct match_pattern_count *pc;
	struct worker wk[8];
	struct work w;
	int nw;

	memset(&w, 0, sizeof(w));
	memset(wk, 0, sizeof(wk));
	w.set = set;
	w.blocks = match_blocks_new(set, &res->blocking);
	w.nparts = match_blocks_parts(w.blocks);
	w.out = xcalloc(w.nparts ? w.nparts : 1, sizeof(*w.out));
	w.wide = npatterns > 65536;
	pthread_mutex_init(&w.lock, NULL);
	nw = work_threads(w.nparts);
	for (int k = 0; k < nw; k++) {
		wk[k].w = &w;
		wk[k].memo = match_memo_new(set);
	}
	work_pass(&w, wk, nw, 1);
	for (int k = 0; k < nw; k++)
		match_memo_free(&wk[k].memo);
	res->ncompared = 0;
	for (size_t k = 0; k < w.nparts; k++) {
		res->blocking.per_rule[match_blocks_part_rule(w.blocks, k)] += w.out[k].n;
		res->ncompared += w.out[k].n;
	}
	npc = merge_counts(wk, nw, &pc);
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
	if (res->ncompared >= MATCH_MIN_EM_PAIRS && set->n >= MATCH_MIN_SAMPLE)
		match_em_counts(set, &res->model, pc, npc, 200);
	free(pc);
	res->seconds[2] = now_seconds() - t;
	t = now_seconds();
	/* score every candidate, keep the ones that can matter */
	if (sp->threshold < keep)
		keep = sp->threshold;
	w.model = &res->model;
	w.keep = keep;
	/* weights clearly under or over the one at probability `keep`: the
	 * probability need not be worked out to know */
	{
		double cut = log2(keep / (1 - keep));
		w.keep_below = cut - 1e-6;
		w.keep_from = cut + 1e-6;
		if (match_probability(w.keep_below) >= keep)
			w.keep_below = -INFINITY;
		if (match_probability(w.keep_from) < keep)
			w.keep_from = INFINITY;
	}
	if (npatterns <= 65536) {
		levels = xmalloc(npatterns * (size_t)sp->nfields);
		for (uint64_t p = 0; p < npatterns; p++)
			match_unpack(set, (uint32_t)p, levels + p * (uint64_t)sp->nfields);
		w.levels = levels;
	}
	work_pass(&w, wk, nw, 2);
	free(levels);
	match_blocks_free(&w.blocks);
	pthread_mutex_destroy(&w.lock);
	{
		struct kept *all;
		for (size_t k = 0; k < w.nparts; k++)
			kept += w.out[k].nkept;
		all = xmalloc((kept ? kept : 1) * sizeof(*all));
		kept = 0;
		for (size_t k = 0; k < w.nparts; k++) {
			if (w.out[k].nkept)
				memcpy(all + kept, w.out[k].kept, w.out[k].nkept * sizeof(*all));
			kept += w.out[k].nkept;
			free(w.out[k].kept);
		}
		free(w.out);
		res->pairs = xmalloc((kept ? kept : 1) * sizeof(*res->pairs));
		res->npairs = kept;
		sort_kept(all, kept, nw, res->pairs);
		free(all);
	}
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
	double fw[MATCH_MAX_FIELDS];

	match_unpack(set, p->pattern, lv);
	match_pair_weight(set, mo, lv, p->a, p->b, fw);
	buf_addf(out, "prior %+.2f", log2(mo->lambda / (1 - mo->lambda)));
	for (int f = 0; f < set->spec->nfields; f++) {
		const struct match_field *fd = &set->spec->fields[f];
		buf_addf(out, ", %s %s %+.2f", fd->name, match_level_name(fd->kind, lv[f]), fw[f]);
	}
	if (match_twins(set->spec, lv))
		buf_adds(out, " (twins? the same date of birth is not counted)");
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
			double fw[MATCH_MAX_FIELDS];
			double w = match_pair_weight(set, mo, lv, i, q, fw);
			double p = match_probability(w);
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
	match_set_count_names(set, q, -1);
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
