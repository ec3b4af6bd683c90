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

size_t match_block_each(const struct match_set *set, struct match_blocking_stats *st,
			void (*emit)(void *ctx, uint32_t a, uint32_t b, uint32_t rules),
			void *ctx)
{
	const struct match_spec *sp = set->spec;
	uint64_t *hash[MATCH_MAX_RULES];
	struct entry *e = xmalloc((set->n ? set->n : 1) * sizeof(*e));
	size_t n = 0;

	memset(st, 0, sizeof(*st));
	for (int r = 0; r < sp->nrules; r++) {
		hash[r] = xmalloc((set->n ? set->n : 1) * sizeof(uint64_t));
		for (size_t i = 0; i < set->n; i++)
			hash[r][i] = match_rule_hash(set, &sp->rules[r], i);
	}
	for (int r = 0; r < sp->nrules; r++) {
		size_t m = 0, before = n;
		for (size_t i = 0; i < set->n; i++)
			if (hash[r][i]) {
				e[m].h = hash[r][i];
				e[m].i = (uint32_t)i;
				m++;
			}
		radix_sort(e, m);
		for (size_t g = 0; g < m;) {
			size_t end = g + 1;
			while (end < m && e[end].h == e[g].h)
				end++;
			if (end - g > sp->max_block) {
				st->skipped_blocks++;
				st->skipped_pairs += (end - g) * (end - g - 1) / 2;
				g = end;
				continue;
			}
			for (size_t x = g; x < end; x++) {
				for (size_t y = x + 1; y < end; y++) {
					uint32_t a = e[x].i, b = e[y].i, rules;
					int seen = 0;
					if (sp->link && set->source[a] == set->source[b])
						continue;
					/* a pair an earlier rule found is not added again */
					for (int q = 0; q < r && !seen; q++)
						seen = hash[q][a] && hash[q][a] == hash[q][b];
					if (seen)
						continue;
					rules = 0;
					for (int q = r; q < sp->nrules; q++)
						if (hash[q][a] && hash[q][a] == hash[q][b])
							rules |= 1u << q;
					emit(ctx, a < b ? a : b, a < b ? b : a, rules);
					n++;
				}
			}
			g = end;
		}
		st->per_rule[r] = n - before;
	}
	for (int r = 0; r < sp->nrules; r++)
		free(hash[r]);
	free(e);
	return n;
}
