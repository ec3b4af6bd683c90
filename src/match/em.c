/* em.c: the Fellegi-Sunter model: u by random sampling, m by EM, weights and probabilities */
#include "match.h"
#include "../util/util.h"

#include <math.h>

uint32_t match_pack(const struct match_set *set, const uint8_t *lv)
{
	uint32_t p = 0, s = 1;

	for (int f = 0; f < set->spec->nfields; f++) {
		p += lv[f] * s;
		s *= (uint32_t)match_kind_levels(set->spec->fields[f].kind);
	}
	return p;
}

void match_unpack(const struct match_set *set, uint32_t pattern, uint8_t *lv)
{
	for (int f = 0; f < set->spec->nfields; f++) {
		uint32_t n = (uint32_t)match_kind_levels(set->spec->fields[f].kind);
		lv[f] = (uint8_t)(pattern % n);
		pattern /= n;
	}
}

/* starting m and u per kind, levels 1..n-1 (level 0 carries no evidence) */
static const double default_m[MK_NKINDS][MATCH_MAX_LEVELS] = {
	[MK_FIRST] = { 0, 0.85, 0.07, 0.04, 0.02, 0.02 },
	[MK_SURNAME] = { 0, 0.85, 0.07, 0.04, 0.02, 0.02 },
	[MK_DOB] = { 0, 0.88, 0.03, 0.05, 0.015, 0.005, 0.01, 0.01 },
	[MK_SEX] = { 0, 0.97, 0.03 },
	[MK_POSTCODE] = { 0, 0.80, 0.05, 0.05, 0.10 },
	[MK_CODE] = { 0, 0.88, 0.06, 0.02, 0.04 },
	[MK_TEXT] = { 0, 0.80, 0.10, 0.05, 0.05 },
	[MK_EMAIL] = { 0, 0.75, 0.10, 0.10, 0.05 },
};

static const double default_u[MK_NKINDS][MATCH_MAX_LEVELS] = {
	[MK_FIRST] = { 0, 0.01, 0.005, 0.01, 0.02, 0.955 },
	[MK_SURNAME] = { 0, 0.01, 0.005, 0.01, 0.02, 0.955 },
	[MK_DOB] = { 0, 0.0005, 0.0001, 0.002, 0.003, 0.0005, 0.03, 0.9639 },
	[MK_SEX] = { 0, 0.5, 0.5 },
	[MK_POSTCODE] = { 0, 0.001, 0.005, 0.05, 0.944 },
	[MK_CODE] = { 0, 0.001, 0.002, 0.005, 0.992 },
	[MK_TEXT] = { 0, 0.01, 0.01, 0.05, 0.93 },
	[MK_EMAIL] = { 0, 0.0001, 0.0001, 0.001, 0.9988 },
};

void match_model_defaults(struct match_model *mo, const struct match_spec *spec)
{
	memset(mo, 0, sizeof(*mo));
	mo->nfields = spec->nfields;
	mo->lambda = 0.1;
	for (int f = 0; f < spec->nfields; f++) {
		enum match_kind k = spec->fields[f].kind;
		mo->nlevels[f] = match_kind_levels(k);
		for (int l = 0; l < mo->nlevels[f]; l++) {
			mo->m[f][l] = default_m[k][l];
			mo->u[f][l] = default_u[k][l];
			mo->u_random[f][l] = default_u[k][l];
		}
	}
}

static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void match_estimate_u(const struct match_set *set, struct match_model *mo, size_t samples,
		      uint64_t seed)
{
	double count[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS];
	size_t n0 = 0, n1 = 0, *idx0 = NULL, *idx1 = NULL;
	uint8_t lv[MATCH_MAX_FIELDS];
	uint64_t s = seed;

	memset(count, 0, sizeof(count));
	if (set->n < 2)
		return;
	if (set->spec->link) {
		idx0 = xmalloc(set->n * sizeof(*idx0));
		idx1 = xmalloc(set->n * sizeof(*idx1));
		for (size_t i = 0; i < set->n; i++) {
			if (set->source[i])
				idx1[n1++] = i;
			else
				idx0[n0++] = i;
		}
		if (!n0 || !n1)
			goto out;
	}
	for (size_t k = 0; k < samples; k++) {
		size_t i, j;
		if (idx0) {
			i = idx0[rng_next(&s) % n0];
			j = idx1[rng_next(&s) % n1];
		} else {
			i = rng_next(&s) % set->n;
			j = rng_next(&s) % set->n;
			if (i == j)
				continue;
		}
		match_compare(set, i, j, lv);
		for (int f = 0; f < mo->nfields; f++)
			count[f][lv[f]] += 1;
	}
	for (int f = 0; f < mo->nfields; f++) {
		double total = 0;
		int nl = mo->nlevels[f];
		for (int l = 1; l < nl; l++)
			total += count[f][l];
		if (total < 100)
			continue; /* too little to go on: keep the defaults */
		for (int l = 1; l < nl; l++) {
			/* half a pair of pseudo-count keeps a level never seen above 0 */
			double u = (count[f][l] + 0.5) / (total + 0.5 * (nl - 1));
			mo->u[f][l] = mo->u_random[f][l] = u;
		}
	}
out:
	free(idx0);
	free(idx1);
}

#define PROB_FLOOR 1e-7

void match_em_patterns(struct match_model *mo, const uint8_t *levels, const double *count,
		       size_t npatterns, int max_iter, uint32_t train)
{
	int nf = mo->nfields, it;
	double mc[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS], uc[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS];

	for (it = 0; it < max_iter; it++) {
		double sum_p = 0, total = 0, change = 0;
		memset(mc, 0, sizeof(mc));
		memset(uc, 0, sizeof(uc));
		for (size_t k = 0; k < npatterns; k++) {
			const uint8_t *lv = levels + k * (size_t)nf;
			double lm = mo->lambda, lu = 1 - mo->lambda, post;
			for (int f = 0; f < nf; f++) {
				if (!lv[f])
					continue;
				lm *= mo->m[f][lv[f]];
				lu *= mo->u[f][lv[f]];
			}
			post = lm / (lm + lu);
			sum_p += post * count[k];
			total += count[k];
			for (int f = 0; f < nf; f++) {
				mc[f][lv[f]] += post * count[k];
				uc[f][lv[f]] += (1 - post) * count[k];
			}
		}
		if (total <= 0)
			break;
		/* lambda is the share of matches among all pairs when the
		 * pairs left out by blocking are counted (as non-matches) */
		if (mo->all_pairs > total)
			total = mo->all_pairs;
		change = fabs(mo->lambda - sum_p / total) / (mo->lambda > 1e-3 ? 1 : mo->lambda * 1e3);
		mo->lambda = sum_p / total;
		if (mo->lambda < PROB_FLOOR)
			mo->lambda = PROB_FLOOR;
		if (mo->lambda > 1 - PROB_FLOOR)
			mo->lambda = 1 - PROB_FLOOR;
		for (int f = 0; f < nf; f++) {
			double tm = 0, tu = 0;
			if (!(train & (1u << f)))
				continue;
			for (int l = 1; l < mo->nlevels[f]; l++) {
				tm += mc[f][l];
				tu += uc[f][l];
			}
			for (int l = 1; l < mo->nlevels[f]; l++) {
				double m = tm > 0 ? mc[f][l] / tm : mo->m[f][l];
				double u = tu > 0 ? uc[f][l] / tu : mo->u[f][l];
				if (m < PROB_FLOOR)
					m = PROB_FLOOR;
				if (u < PROB_FLOOR)
					u = PROB_FLOOR;
				change = fmax(change, fabs(m - mo->m[f][l]));
				mo->m[f][l] = m;
				if (!mo->fix_u) {
					change = fmax(change, fabs(u - mo->u[f][l]));
					mo->u[f][l] = u;
				}
			}
		}
		if (change < 1e-6)
			break;
	}
	mo->iterations = it;
}

/* by pattern, then rules */
static int cmp_pc(const void *a, const void *b)
{
	const struct match_pattern_count *x = a, *y = b;

	if (x->pattern != y->pattern)
		return x->pattern < y->pattern ? -1 : 1;
	return x->rules < y->rules ? -1 : x->rules > y->rules;
}

/* the distinct patterns of the counted pairs (those with any of the rules
 * in `rules`, levels of the fields in `drop` set to 0) and their counts */
static size_t count_patterns(const struct match_set *set, const struct match_pattern_count *pc,
			     size_t npc, uint32_t rules, uint32_t drop, uint8_t *levels,
			     double *count, struct match_pattern_count *scratch)
{
	int nf = set->spec->nfields;
	size_t m = 0, np = 0;
	uint8_t lv[MATCH_MAX_FIELDS];

	for (size_t k = 0; k < npc; k++) {
		if (!(pc[k].rules & rules))
			continue;
		match_unpack(set, pc[k].pattern, lv);
		for (int f = 0; f < nf; f++)
			if (drop & (1u << f))
				lv[f] = 0;
		scratch[m].pattern = match_pack(set, lv);
		scratch[m].rules = 0;
		scratch[m++].count = pc[k].count;
	}
	qsort(scratch, m, sizeof(*scratch), cmp_pc);
	for (size_t k = 0; k < m;) {
		size_t e = k;
		double c = 0;
		while (e < m && scratch[e].pattern == scratch[k].pattern)
			c += scratch[e++].count;
		match_unpack(set, scratch[k].pattern, levels + np * (size_t)nf);
		count[np++] = c;
		k = e;
	}
	return np;
}

void match_em(const struct match_set *set, struct match_model *mo, const struct match_pair *pairs,
	      size_t npairs, int max_iter)
{
	struct match_pattern_count *pc = xmalloc((npairs ? npairs : 1) * sizeof(*pc));
	size_t npc = 0;

	for (size_t k = 0; k < npairs; k++) {
		pc[k].pattern = pairs[k].pattern;
		pc[k].rules = pairs[k].rules;
		pc[k].count = 1;
	}
	if (npairs)
		qsort(pc, npairs, sizeof(*pc), cmp_pc);
	for (size_t k = 0; k < npairs; k++) {
		if (npc && pc[npc - 1].pattern == pc[k].pattern && pc[npc - 1].rules == pc[k].rules)
			pc[npc - 1].count += pc[k].count;
		else
			pc[npc++] = pc[k];
	}
	match_em_counts(set, mo, pc, npc, max_iter);
	free(pc);
}

void match_em_counts(const struct match_set *set, struct match_model *mo,
		     const struct match_pattern_count *pc, size_t npc, int max_iter)
{
	const struct match_spec *sp = set->spec;
	int nf = sp->nfields;
	size_t cap = npc ? npc : 1, np;
	struct match_pattern_count *scratch = xmalloc(cap * sizeof(*scratch));
	uint8_t *levels = xmalloc(cap * (size_t)nf);
	double *count = xmalloc(cap * sizeof(*count));
	double msum[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS];
	int nsess[MATCH_MAX_FIELDS];
	uint32_t all = (nf >= 32 ? 0 : (1u << nf)) - 1;
	double all_pairs = mo->all_pairs;

	memset(msum, 0, sizeof(msum));
	memset(nsess, 0, sizeof(nsess));
	for (int r = 0; r < sp->nrules; r++) {
		struct match_model s = *mo;
		uint32_t drop = 0;
		for (int k = 0; k < sp->rules[r].nkeys; k++) {
			drop |= 1u << sp->rules[r].keys[k].field;
			if (sp->rules[r].keys[k].part == MP_NAMES ||
			    sp->rules[r].keys[k].part == MP_NAMES_PREFIX)
				drop |= 1u << sp->surname_field;
		}
		/* two fields cannot tell matches from a second kind of pair
		 * (namesakes, a household): a mixture of two classes is only
		 * identified by three or more conditionally independent fields,
		 * so a rule that leaves fewer to train says nothing of m */
		if (nf - __builtin_popcount(drop) < 3)
			continue;
		np = count_patterns(set, pc, npc, 1u << r, drop, levels, count, scratch);
		if (np == 0)
			continue;
		s.all_pairs = 0;
		s.lambda = 0.3;
		/* inside a block the non-matches are not random pairs (a
		 * household shares a surname and an address): the session
		 * finds their u for itself, and only its m are kept */
		s.fix_u = 0;
		match_em_patterns(&s, levels, count, np, max_iter, all & ~drop);

		for (int f = 0; f < nf; f++) {
			if (drop & (1u << f))
				continue;
			for (int l = 1; l < mo->nlevels[f]; l++)
				msum[f][l] += s.m[f][l];
			nsess[f]++;
		}
		mo->iterations += s.iterations;
	}
	for (int f = 0; f < nf; f++)
		if (nsess[f])
			for (int l = 1; l < mo->nlevels[f]; l++)
				mo->m[f][l] = msum[f][l] / nsess[f];
	np = count_patterns(set, pc, npc, UINT32_MAX, 0, levels, count, scratch);
	/* the prior over the whole comparison space, m and u fixed */
	mo->all_pairs = all_pairs;
	match_em_patterns(mo, levels, count, np, max_iter, 0);
	mo->trained = 1;
	free(scratch);
	free(levels);
	free(count);
}
/* the term-frequency adjustment of an exact match on a value held by
 * `cnt` of `nonnull` records: how much rarer (or commoner) the value is
 * than the average exact match */
static double tf_adjust_within(double u_exact, uint64_t cnt, size_t nonnull, double lo, double hi)
{
	double tf, adj;

	if (!cnt || !nonnull)
		return 0;
	tf = (double)cnt / (double)nonnull;
	adj = log2(u_exact / tf);
	if (adj > hi)
		adj = hi;
	if (adj < lo)
		adj = lo;
	return adj;
}

static double tf_adjust(double u_exact, uint32_t cnt, size_t nonnull)
{
	return tf_adjust_within(u_exact, cnt, nonnull, -6, 4);
}

/*
 * Both names the same: names run in communities (a Bangladeshi first name
 * comes with a Bangladeshi surname) and some whole names are common
 * (Mohammed Khan), so the two adjustments made apart understate how often
 * strangers share the whole name. The whole name's frequency replaces
 * them; the difference, split between the two fields, is returned.
 */
static double fullname_adjust(const struct match_set *set, const struct match_model *mo,
			      const uint8_t *lv, size_t i, size_t j)
{
	const struct match_spec *sp = set->spec;
	int ff = sp->first_field, sf = sp->surname_field;
	uint64_t key;
	int64_t cnt;
	double apart, whole;

	if (!mo->use_tf || ff < 0 || sf < 0 || !sp->fields[ff].tf || !sp->fields[sf].tf ||
	    lv[ff] != 1 || lv[sf] != 1)
		return 0;
	key = match_fullname(set, i);
	if (!key || key != match_fullname(set, j))
		return 0;
	apart = tf_adjust(mo->u_random[ff][1], set->dict[ff].count[set->val[ff][i]],
			  set->nonnull[ff]) +
		tf_adjust(mo->u_random[sf][1], set->dict[sf].count[set->val[sf][i]],
			  set->nonnull[sf]);
	/* how many others hold the name, record i left out: a rare name's
	 * count is mostly the person's own records */
	cnt = u64map_get(&set->fullname, key);
	whole = tf_adjust_within(mo->u_random[ff][1] * mo->u_random[sf][1],
				 (uint64_t)(cnt > 1 ? cnt - 1 : 1), set->nfullname, -12, 8);
	return whole - apart;
}

double match_field_weight(const struct match_set *set, const struct match_model *mo, int f,
			  int level, size_t i, size_t j)
{
	double w;

	if (!level)
		return 0;
	w = log2(mo->m[f][level] / mo->u[f][level]);
	if (level == 1 && mo->use_tf && set->spec->fields[f].tf) {
		uint32_t v = set->val[f][i];
		/* swapped names: the values may differ although the level is exact */
		if (v && v == set->val[f][j])
			w += tf_adjust(mo->u_random[f][1], set->dict[f].count[v], set->nonnull[f]);
	}
	/* names one typo apart or variants of each other: as with an exact
	 * match, a common name says less (Hussain/Hossain, Mitchell/Mithell
	 * meet among strangers often); the frequency is the variant group's,
	 * or the commoner spelling's. Names crossed (written the other way
	 * round) are left as they are */
	if (level == 2 && mo->use_tf && set->spec->fields[f].tf &&
	    (set->spec->fields[f].kind == MK_FIRST || set->spec->fields[f].kind == MK_SURNAME)) {
		const struct match_dict *d = &set->dict[f];
		uint32_t va = set->val[f][i], vb = set->val[f][j];
		uint64_t cnt = 0;
		if (va && vb && va != vb) {
			if (d->group[va] && d->group[va] == d->group[vb])
				cnt = (uint64_t)u64map_get(&set->groups,
							   (uint64_t)f << 32 | d->group[va]);
			else if (match_names_typo(d->str[va], d->str[vb]))
				cnt = d->count[va] > d->count[vb] ? d->count[va] : d->count[vb];
		}
		if (cnt)
			w += tf_adjust_within(mo->u_random[f][2], cnt, set->nonnull[f], -6, 4);
	}
	/* e-mails at two domains: a common user part (info, j.smith) says
	 * less; against how often random pairs share a user part at all */
	if (level == 2 && mo->use_tf && set->spec->fields[f].tf &&
	    set->spec->fields[f].kind == MK_EMAIL) {
		uint32_t k = set->key[f][i];
		if (k && k == set->key[f][j])
			w += tf_adjust(mo->u_random[f][1] + mo->u_random[f][2],
				       set->keys[f].count[k], set->nonnull[f]);
	}
	return w;
}

double match_probability(double weight)
{
	return 1.0 / (1.0 + exp2(-weight));
}

int match_twins(const struct match_spec *sp, const uint8_t *lv)
{
	int ff = sp->first_field, sf = sp->surname_field, df = sp->dob_field;

	if (ff < 0 || sf < 0 || df < 0)
		return 0;
	return lv[ff] == match_kind_levels(MK_FIRST) - 1 && (lv[sf] == 1 || lv[sf] == 2) &&
	       lv[df] == 1;
}

double match_pair_weight(const struct match_set *set, const struct match_model *mo,
			 const uint8_t *lv, size_t i, size_t j, double *fw)
{
	const struct match_spec *sp = set->spec;
	int sf = sp->surname_field, pf = sp->postcode_field;
	double w = log2(mo->lambda / (1 - mo->lambda)), x[MATCH_MAX_FIELDS];
	double whole = fullname_adjust(set, mo, lv, i, j);
	int twins = match_twins(sp, lv);

	for (int f = 0; f < mo->nfields; f++) {
		x[f] = twins && f == sp->dob_field ? 0 : match_field_weight(set, mo, f, lv[f], i, j);
		if (whole != 0 && (f == sp->first_field || f == sp->surname_field))
			x[f] += whole / 2;
	}
	/* one household: the surname and the postcode together weigh what
	 * sharing both says, no more (each keeps its share of it) */
	if (!sp->link && sf >= 0 && pf >= 0 && lv[sf] == 1 && lv[pf] == 1 &&
	    set->val[sf][i] == set->val[sf][j] && set->val[pf][i] == set->val[pf][j] &&
	    x[sf] > 0 && x[pf] > 0) {
		int64_t cnt = u64map_get(&set->households,
					 (uint64_t)set->val[sf][i] << 32 | set->val[pf][i]);
		double all = mo->population > 0 ? mo->population : (double)set->n;
		double u = (double)(cnt > 1 ? cnt - 1 : 1) / (all > 1 ? all : 1);
		double both = log2(mo->m[sf][1] * mo->m[pf][1] / u);
		double apart = x[sf] + x[pf];
		if (both < apart) {
			x[sf] *= both > 0 ? both / apart : 0;
			x[pf] *= both > 0 ? both / apart : 0;
			if (both < 0)
				x[sf] = both;
		}
	}
	for (int f = 0; f < mo->nfields; f++) {
		if (fw)
			fw[f] = x[f];
		w += x[f];
	}
	return w;
}

void match_score(const struct match_set *set, const struct match_model *mo,
		 struct match_pair *pairs, size_t npairs)
{
	uint8_t lv[MATCH_MAX_FIELDS];

	for (size_t k = 0; k < npairs; k++) {
		double w;
		match_unpack(set, pairs[k].pattern, lv);
		w = match_pair_weight(set, mo, lv, pairs[k].a, pairs[k].b, NULL);
		pairs[k].weight = (float)w;
		pairs[k].prob = (float)match_probability(w);
	}
}
