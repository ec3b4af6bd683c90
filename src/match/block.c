/* block.c: candidate pairs from several blocking rules, unioned, each pair once */
#include "match.h"
#include "../util/util.h"

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t hash_strn(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n-- && *s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static uint64_t hash_str(const char *s)
{
	return hash_strn(s, SIZE_MAX);
}

/* the two names of record i (folded values, or their keys), smaller first;
 * 0 when either is missing */
static int two_names(const struct match_set *set, size_t i, int keys, const char **a,
		     const char **b)
{
	int ff = set->spec->first_field, sf = set->spec->surname_field;

	if (ff < 0 || sf < 0 || !set->val[ff][i] || !set->val[sf][i])
		return 0;
	if (keys) {
		*a = set->keys[ff].str[set->key[ff][i]];
		*b = set->keys[sf].str[set->key[sf][i]];
	} else {
		*a = set->dict[ff].str[set->val[ff][i]];
		*b = set->dict[sf].str[set->val[sf][i]];
	}
	if (!**a || !**b)
		return 0;
	if (strcmp(*a, *b) > 0) {
		const char *t = *a;
		*a = *b;
		*b = t;
	}
	return 1;
}

/* the value a rule key takes for record i; 0 when the record has none */
static uint64_t key_value(const struct match_set *set, const struct match_rule_key *k, size_t i)
{
	int f = k->field;
	uint32_t v = set->val[f][i];
	const char *a, *b;

	if (!v)
		return 0;
	switch (k->part) {
	case MP_VALUE:
		return v;
	case MP_KEY:
	case MP_SECTOR:
		return set->key[f][i];
	case MP_DISTRICT:
		return set->key2[f][i];
	case MP_INITIAL:
		return (unsigned char)set->dict[f].str[v][0];
	case MP_YEAR:
		return (uint64_t)(set->num[f][i] / 10000);
	case MP_NAMES:
		if (!two_names(set, i, 1, &a, &b))
			return 0;
		return mix64(hash_str(a)) ^ hash_str(b) ^ 1;
	case MP_NAMES_PREFIX:
		if (!two_names(set, i, 0, &a, &b))
			return 0;
		/* compare the prefixes, not the whole names, for the order */
		if (strncmp(a, b, 3) > 0) {
			const char *t = a;
			a = b;
			b = t;
		}
		return mix64(hash_strn(a, 3)) ^ hash_strn(b, 3) ^ 2;
	case MP_PREFIX:
		return hash_strn(set->dict[f].str[v], 3) | 1;
	case MP_USER: {
		const char *s = set->dict[f].str[v], *at = strchr(s, '@');
		if (at == s)
			return 0;
		return hash_strn(s, at ? (size_t)(at - s) : SIZE_MAX) | 1;
	}
	case MP_DOMAIN: {
		const char *at = strchr(set->dict[f].str[v], '@');
		if (!at || !at[1])
			return 0;
		return hash_str(at + 1) | 1;
	}
	}
	return 0;
}

/* the rule's hash for record i, 0 when a key is missing */
uint64_t match_rule_hash(const struct match_set *set, const struct match_rule *r, size_t i)
{
	uint64_t h = 0x51ed270b27e5c3a1ULL;

	for (int k = 0; k < r->nkeys; k++) {
		uint64_t v = key_value(set, &r->keys[k], i);
		if (!v)
			return 0;
		h = mix64(h ^ mix64(v + ((uint64_t)k << 56)));
	}
	return h ? h : 1;
}

struct entry {
	uint64_t h;
	uint32_t i;
};

/* LSD radix sort of entries by h, 16 bits a pass */
static void radix_sort(struct entry *e, size_t n)
{
	struct entry *tmp = xmalloc(n * sizeof(*tmp)), *src = e, *dst = tmp;
	size_t *count = xmalloc(65536 * sizeof(*count));

	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65536 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(src[i].h >> shift) & 0xffff]++;
		for (size_t b = 0, sum = 0; b < 65536; b++) {
			size_t c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i].h >> shift) & 0xffff]++] = src[i];
		{
			struct entry *t = src;
			src = dst;
			dst = t;
		}
	}
	/* four passes: the sorted data is back in e */
	free(tmp);
	free(count);
}

/* the pairs collected by match_block */
struct collect {
	struct match_pair *out;
	size_t n, alloc;
};

static void collect_pair(void *ctx, uint32_t a, uint32_t b, uint32_t rules)
{
	struct collect *c = ctx;

	if (c->n + 1 > c->alloc)
		XGROW(c->out, c->alloc, c->n + 1);
	memset(&c->out[c->n], 0, sizeof(c->out[c->n]));
	c->out[c->n].a = a;
	c->out[c->n].b = b;
	c->out[c->n].rules = rules;
	c->n++;
}

size_t match_block(const struct match_set *set, struct match_pair **pairs,
		   struct match_blocking_stats *st)
{
	struct collect c = { NULL, 0, 0 };

	match_block_each(set, st, collect_pair, &c);
	*pairs = c.out;
	return c.n;
}

/* a part of the blocking work: the blocks of one rule in idx[rule][from, to) */
struct block_part {
	int rule;
	size_t from, to;
};

struct match_blocks {
	const struct match_set *set;
	int nrules;
	size_t stride;                   /* hashes a record (a cache line for up to 8 rules) */
	uint64_t *hash;                  /* rule r's hash of record i at i * stride + r */
	uint32_t *idx[MATCH_MAX_RULES];  /* each rule's records sorted by hash, blocks over
					  * max_block and records without a key left out */
	struct block_part *part;
	size_t nparts;
};

/* a part is closed once its blocks make this many pairs (before the pairs
 * earlier rules found are left out): small enough to share out among
 * threads, large enough that handing parts out costs nothing */
#define PART_PAIRS ((size_t)1 << 20)

static void add_part(struct match_blocks *b, size_t *alloc, int rule, size_t from, size_t to)
{
	if (b->nparts + 1 > *alloc)
		XGROW(b->part, *alloc, b->nparts + 1);
	b->part[b->nparts].rule = rule;
	b->part[b->nparts].from = from;
	b->part[b->nparts].to = to;
	b->nparts++;
}

struct match_blocks *match_blocks_new(const struct match_set *set, struct match_blocking_stats *st)
{
	const struct match_spec *sp = set->spec;
	struct match_blocks *b = xcalloc(1, sizeof(*b));
	struct entry *e = xmalloc((set->n ? set->n : 1) * sizeof(*e));
	size_t alloc = 0;

	memset(st, 0, sizeof(*st));
	b->set = set;
	b->nrules = sp->nrules;
	b->stride = ((size_t)sp->nrules + 7) / 8 * 8;
	b->hash = xmalloc((set->n ? set->n : 1) * b->stride * sizeof(uint64_t));
	for (size_t i = 0; i < set->n; i++)
		for (int r = 0; r < sp->nrules; r++)
			b->hash[i * b->stride + (size_t)r] = match_rule_hash(set, &sp->rules[r], i);
	for (int r = 0; r < sp->nrules; r++) {
		size_t m = 0, k = 0, pairs = 0, from = 0;
		for (size_t i = 0; i < set->n; i++) {
			uint64_t h = b->hash[i * b->stride + (size_t)r];
			if (h) {
				e[m].h = h;
				e[m].i = (uint32_t)i;
				m++;
			}
		}
		radix_sort(e, m);
		b->idx[r] = xmalloc((m ? m : 1) * sizeof(uint32_t));
		for (size_t g = 0; g < m;) {
			size_t end = g + 1, len;
			while (end < m && e[end].h == e[g].h)
				end++;
			len = end - g;
			if (len > sp->max_block) {
				st->skipped_blocks++;
				st->skipped_pairs += len * (len - 1) / 2;
			}
			if (len > sp->max_block || len < 2) {
				g = end;
				continue;
			}
			for (size_t x = g; x < end; x++)
				b->idx[r][k++] = e[x].i;
			pairs += len * (len - 1) / 2;
			if (pairs >= PART_PAIRS || end == m) {
				add_part(b, &alloc, r, from, k);
				from = k;
				pairs = 0;
			}
			g = end;
		}
		/* the last blocks skipped (or single records): close the part before them */
		if (k > from)
			add_part(b, &alloc, r, from, k);
	}
	free(e);
	return b;
}

size_t match_blocks_parts(const struct match_blocks *b)
{
	return b->nparts;
}

int match_blocks_part_rule(const struct match_blocks *b, size_t part)
{
	return b->part[part].rule;
}

size_t match_blocks_each(const struct match_blocks *b, size_t part,
			 const struct match_block_sink *sink)
{
	const struct match_set *set = b->set;
	const struct block_part *p = &b->part[part];
	const uint32_t *idx = b->idx[p->rule];
	size_t st = b->stride, n = 0, alloc = 0;
	int r = p->rule, nr = b->nrules;
	uint64_t *local = NULL;

	for (size_t g = p->from; g < p->to;) {
		uint64_t h = b->hash[(size_t)idx[g] * st + (size_t)r];
		size_t end = g + 1, len;
		while (end < p->to && b->hash[(size_t)idx[end] * st + (size_t)r] == h)
			end++;
		len = end - g;
		/* the block's hashes side by side: each record's are read once
		 * from the whole set, then once for each pair from here */
		if (len * st > alloc)
			XGROW(local, alloc, len * st);
		for (size_t x = 0; x < len; x++)
			memcpy(local + x * st, b->hash + (size_t)idx[g + x] * st, st * sizeof(*local));
		if (sink->block)
			sink->block(sink->ctx, idx + g, len);
		for (size_t x = 0; x < len; x++) {
			const uint64_t *hx = local + x * st;
			for (size_t y = x + 1; y < len; y++) {
				const uint64_t *hy = local + y * st;
				uint32_t a = idx[g + x], c = idx[g + y], rules = 0;
				int seen = 0;
				if (set->spec->link && set->source[a] == set->source[c])
					continue;
				/* a pair an earlier rule found is not added again */
				for (int q = 0; q < r && !seen; q++)
					seen = hx[q] && hx[q] == hy[q];
				if (seen)
					continue;
				for (int q = r; q < nr; q++)
					if (hx[q] && hx[q] == hy[q])
						rules |= 1u << q;
				if (a < c)
					sink->pair(sink->ctx, (uint32_t)x, (uint32_t)y, rules);
				else
					sink->pair(sink->ctx, (uint32_t)y, (uint32_t)x, rules);
				n++;
			}
		}
		g = end;
	}
	free(local);
	return n;
}

void match_blocks_free(struct match_blocks **bp)
{
	struct match_blocks *b = *bp;

	if (!b)
		return;
	for (int r = 0; r < b->nrules; r++)
		free(b->idx[r]);
	free(b->hash);
	free(b->part);
	free(b);
	*bp = NULL;
}

/* match_block_each's emit, handed records rather than places in a block */
struct each {
	const uint32_t *rec;
	void (*emit)(void *ctx, uint32_t a, uint32_t b, uint32_t rules);
	void *ctx;
};

static void each_block(void *ctx, const uint32_t *rec, size_t n)
{
	struct each *e = ctx;

	e->rec = rec;
	(void)n;
}

static void each_pair(void *ctx, uint32_t x, uint32_t y, uint32_t rules)
{
	struct each *e = ctx;

	e->emit(e->ctx, e->rec[x], e->rec[y], rules);
}

size_t match_block_each(const struct match_set *set, struct match_blocking_stats *st,
			void (*emit)(void *ctx, uint32_t a, uint32_t b, uint32_t rules),
			void *ctx)
{
	struct match_blocks *b = match_blocks_new(set, st);
	struct each e = { NULL, emit, ctx };
	struct match_block_sink sink = { each_block, each_pair, &e };
	size_t n = 0;

	for (size_t k = 0; k < b->nparts; k++) {
		size_t c = match_blocks_each(b, k, &sink);
		st->per_rule[b->part[k].rule] += c;
		n += c;
	}
	match_blocks_free(&b);
	return n;
}
