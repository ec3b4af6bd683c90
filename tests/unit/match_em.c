/* match_em.c: EM recovers known m, u and prior from a synthetic set; weights and probabilities */
#include "test.h"
#include "../../src/match/match.h"
#include "../../src/util/util.h"

#include <math.h>

/* three fields of three levels (1 agree, 2 partly, 3 disagree): draw pairs
 * from a known model, count the patterns exactly, and check EM finds it */
START_TEST(em_recovers_m_u)
{
	const double m[3][4] = { { 0, 0.90, 0.07, 0.03 }, { 0, 0.85, 0.10, 0.05 },
				 { 0, 0.80, 0.15, 0.05 } };
	const double u[3][4] = { { 0, 0.05, 0.15, 0.80 }, { 0, 0.02, 0.08, 0.90 },
				 { 0, 0.10, 0.20, 0.70 } };
	const double lambda = 0.2, total = 1e6;
	uint8_t levels[27 * 3];
	double count[27];
	struct match_model mo;
	size_t k = 0;

	for (int a = 1; a <= 3; a++)
		for (int b = 1; b <= 3; b++)
			for (int c = 1; c <= 3; c++, k++) {
				levels[k * 3] = (uint8_t)a;
				levels[k * 3 + 1] = (uint8_t)b;
				levels[k * 3 + 2] = (uint8_t)c;
				count[k] = total * (lambda * m[0][a] * m[1][b] * m[2][c] +
						    (1 - lambda) * u[0][a] * u[1][b] * u[2][c]);
			}
	memset(&mo, 0, sizeof(mo));
	mo.nfields = 3;
	mo.lambda = 0.5;
	for (int f = 0; f < 3; f++) {
		mo.nlevels[f] = 4;
		/* a rough start: agreement likelier among matches */
		mo.m[f][1] = 0.6, mo.m[f][2] = 0.2, mo.m[f][3] = 0.2;
		mo.u[f][1] = 0.2, mo.u[f][2] = 0.2, mo.u[f][3] = 0.6;
	}
	match_em_patterns(&mo, levels, count, 27, 2000, 7);
	ck_assert_double_eq_tol(mo.lambda, lambda, 0.01);
	for (int f = 0; f < 3; f++)
		for (int l = 1; l <= 3; l++) {
			ck_assert_double_eq_tol(mo.m[f][l], m[f][l], 0.02);
			ck_assert_double_eq_tol(mo.u[f][l], u[f][l], 0.02);
		}
	/* with m and u fixed, lambda alone over a space ten times larger
	 * whose other pairs are non-matches: near a tenth (a little under it,
	 * as the counted pairs' posteriors shrink with the prior) */
	mo.fix_u = 1;
	mo.all_pairs = total * 10;
	mo.lambda = 0.5;
	match_em_patterns(&mo, levels, count, 27, 2000, 0);
	ck_assert(mo.lambda > 0.8 * lambda / 10 && mo.lambda <= lambda / 10 + 1e-9);
}
END_TEST

START_TEST(probability)
{
	ck_assert_double_eq_tol(match_probability(0), 0.5, 1e-12);
	ck_assert_double_eq_tol(match_probability(10), 1024.0 / 1025.0, 1e-9);
	ck_assert_double_eq_tol(match_probability(-10), 1.0 / 1025.0, 1e-9);
}
END_TEST

/* pack and unpack are inverse; the whole run on a tiny set: the obvious
 * duplicate pair is found and the others are not */
START_TEST(run_small)
{
	struct match_spec sp;
	struct match_set set;
	struct match_result res;
	const char *rows[][5] = {
		{ "Aisha", "Khan", "2021-04-03", "female", "W2 1AB" },
		{ "Ayesha", "Khan", "2021-04-03", "female", "W2 1AB" },
		{ "Omar", "Khan", "2019-01-20", "male", "W2 1AB" },
		{ "John", "Smith", "1985-07-01", "male", "E1 6AN" },
		{ "Maria", "Nowak", "1990-12-12", "female", "N1 1AA" },
	};
	char id[8];
	uint8_t lv[5] = { 1, 2, 3, 1, 4 }, back[5];

	setenv("REACH_NAME_VARIANTS", "data/name_variants.csv", 1);
	match_spec_init(&sp);
	match_spec_people(&sp);
	match_set_init(&set, &sp);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		snprintf(id, sizeof(id), "P%zu", i + 1);
		match_set_add(&set, id, rows[i], 0, NULL);
	}
	match_unpack(&set, match_pack(&set, lv), back);
	ck_assert_mem_eq(lv, back, 5);
	match_result_init(&res);
	ck_assert_int_eq(match_run(&set, &res), 0);
	ck_assert_uint_eq(res.cluster[0], 0);
	ck_assert_uint_eq(res.cluster[1], 0);
	ck_assert_uint_eq(res.cluster[2], 2);
	ck_assert_uint_eq(res.cluster[3], 3);
	ck_assert_uint_eq(res.cluster[4], 4);
	ck_assert_uint_ge(res.npairs, 1);
	ck_assert_uint_eq(res.pairs[0].a, 0);
	ck_assert_uint_eq(res.pairs[0].b, 1);
	/* the pairs kept are the likely enough among those compared */
	ck_assert_uint_ge(res.ncompared, res.npairs);
	for (size_t k = 0; k < res.npairs; k++)
		ck_assert(res.pairs[k].prob >= MATCH_KEEP_MIN_PROB);
	{
		/* EM from pattern counts (entries repeated, in any order) is
		 * EM from the pairs */
		struct match_pair *pairs = NULL;
		struct match_blocking_stats st;
		size_t n = match_block(&set, &pairs, &st);
		struct match_pattern_count *pc = xmalloc((2 * n + 1) * sizeof(*pc));
		struct match_model a, b;
		uint8_t l2[MATCH_MAX_FIELDS];
		ck_assert_uint_eq(n, res.ncompared);
		for (size_t k = 0; k < n; k++) {
			match_compare(&set, pairs[k].a, pairs[k].b, l2);
			pairs[k].pattern = match_pack(&set, l2);
			pc[2 * k].pattern = pc[2 * k + 1].pattern = pairs[k].pattern;
			pc[2 * k].rules = pc[2 * k + 1].rules = pairs[k].rules;
			pc[2 * k].count = 0.25;
			pc[2 * k + 1].count = 0.75;
		}
		match_model_defaults(&a, &sp);
		a.all_pairs = 10;
		a.lambda = 0.1;
		b = a;
		match_em(&set, &a, pairs, n, 50);
		match_em_counts(&set, &b, pc, 2 * n, 50);
		ck_assert_double_eq_tol(a.lambda, b.lambda, 1e-12);
		for (int f = 0; f < a.nfields; f++)
			for (int l = 1; l < a.nlevels[f]; l++)
				ck_assert_double_eq_tol(a.m[f][l], b.m[f][l], 1e-12);
		free(pc);
		free(pairs);
	}
	{
		/* one new person against the set: the registration warning */
		const char *probe[5] = { "Aysha", "Khan", "2021-04-03", "f", "W2 1AB" };
		struct match_hit *hits = NULL;
		size_t n = match_query(&set, &res.model, probe, 0.5, &hits);
		ck_assert_uint_ge(n, 2);
		ck_assert(hits[0].index == 0 || hits[0].index == 1);
		ck_assert_uint_eq(set.n, 5);
		free(hits);
	}
	match_result_release(&res);
	match_set_release(&set);
	match_spec_release(&sp);
	match_variants_release();
}
END_TEST

/* term frequency: an exact e-mail, or the same user part at another
 * domain, says less when many records share it (info@...) */
START_TEST(email_term_frequency)
{
	struct match_spec sp;
	struct match_set set;
	struct match_model mo;
	char id[16], mail[64];
	const char *v[1];
	double common, rare;

	match_spec_init(&sp);
	match_spec_field(&sp, "email", MK_EMAIL);
	match_set_init(&set, &sp);
	v[0] = mail;
	/* 0-19: info@d0 ... info@d19; 20, 21: anna.k@x.org, anna.k@y.org; 22-99: unique */
	for (int i = 0; i < 100; i++) {
		if (i < 20)
			snprintf(mail, sizeof(mail), "info@d%d.org", i);
		else if (i < 22)
			snprintf(mail, sizeof(mail), "anna.k@%c.org", i == 20 ? 'x' : 'y');
		else
			snprintf(mail, sizeof(mail), "p%d@z.org", i);
		snprintf(id, sizeof(id), "%d", i);
		match_set_add(&set, id, v, 0, NULL);
	}
	match_model_defaults(&mo, &sp);
	mo.use_tf = 1;
	/* random pairs share a user part 2% of the time: exactly, or at
	 * another domain */
	mo.u_random[0][1] = 0.01;
	mo.u_random[0][2] = 0.01;
	ck_assert_int_eq(match_compare_field(&set, 0, 0, 1), 2);
	ck_assert_int_eq(match_compare_field(&set, 0, 20, 21), 2);
	common = match_field_weight(&set, &mo, 0, 2, 0, 1);
	rare = match_field_weight(&set, &mo, 0, 2, 20, 21);
	/* "info": 20 records in 100, log2(0.02 / 0.2) = -3.32; anna.k: 2 in
	 * 100, as often as the average, no change */
	ck_assert_double_eq_tol(common, log2(mo.m[0][2] / mo.u[0][2]) + log2(0.1), 1e-9);
	ck_assert_double_eq_tol(rare, log2(mo.m[0][2] / mo.u[0][2]), 1e-9);
	/* without term frequencies the level alone */
	mo.use_tf = 0;
	ck_assert_double_eq_tol(match_field_weight(&set, &mo, 0, 2, 0, 1),
				log2(mo.m[0][2] / mo.u[0][2]), 1e-9);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* a household: twins (same surname, date of birth and postcode, other
 * first names) do not get the date of birth as evidence, and a shared
 * surname and postcode weigh what sharing both does among the set */
START_TEST(households_and_twins)
{
	struct match_spec sp;
	struct match_set set;
	struct match_model mo;
	const char *rows[][5] = {
		{ "Adam", "Ali", "2021-05-05", "male", "AB1 1AA" },   /* twins */
		{ "Zayd", "Ali", "2021-05-05", "male", "AB1 1AA" },
		{ "Idris", "Ali", "2019-01-01", "male", "AB1 1AA" },  /* their brother */
		{ "Sara", "Jones", "1990-02-02", "female", "CD2 2BB" }, /* twice */
		{ "Sara", "Jones", "1990-02-02", "female", "CD2 2BB" },
		{ "Tom", "Brown", "1985-03-03", "male", "EF3 3CC" },
	};
	uint8_t lv[MATCH_MAX_FIELDS];
	double fw[MATCH_MAX_FIELDS], w, sum;
	char id[8];

	match_spec_init(&sp);
	match_spec_people(&sp);
	match_set_init(&set, &sp);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		snprintf(id, sizeof(id), "P%zu", i);
		match_set_add(&set, id, rows[i], 0, NULL);
	}
	match_model_defaults(&mo, &sp);
	mo.lambda = 0.01;
	match_compare(&set, 0, 1, lv);
	ck_assert_int_eq(lv[0], match_kind_levels(MK_FIRST) - 1);
	ck_assert_int_eq(lv[2], 1);
	ck_assert_int_eq(match_twins(&sp, lv), 1);
	w = match_pair_weight(&set, &mo, lv, 0, 1, fw);
	ck_assert_double_eq_tol(fw[2], 0, 1e-12);
	ck_assert(match_probability(w) < 0.01);

	/* Sara twice: not twins; surname and postcode together
	 * log2(0.85 * 0.80 / u), u = 1 other record of 6 holding both (Sara
	 * herself left out), not 6.4 + 9.6 bits */
	match_compare(&set, 3, 4, lv);
	ck_assert_int_eq(match_twins(&sp, lv), 0);
	w = match_pair_weight(&set, &mo, lv, 3, 4, fw);
	ck_assert_double_eq_tol(fw[1] + fw[4], log2(0.85 * 0.80 / (1.0 / 6)), 1e-9);
	ck_assert_double_eq_tol(fw[2], log2(mo.m[2][1] / mo.u[2][1]), 1e-9);
	sum = log2(mo.lambda / (1 - mo.lambda));
	for (int f = 0; f < sp.nfields; f++)
		sum += fw[f];
	ck_assert_double_eq_tol(w, sum, 1e-9);
	ck_assert(match_probability(w) > 0.99);

	/* the brother: no date, no first name, only the household (2 others
	 * of 6 are Alis at AB1 1AA) */
	match_compare(&set, 0, 2, lv);
	ck_assert_int_eq(match_twins(&sp, lv), 0);
	match_pair_weight(&set, &mo, lv, 0, 2, fw);
	ck_assert_double_eq_tol(fw[1] + fw[4], log2(0.85 * 0.80 / (2.0 / 6)), 1e-9);
	ck_assert(match_probability(match_pair_weight(&set, &mo, lv, 0, 2, NULL)) < 0.001);
	/* standing for a store of 6,000: sharing both is rarer, worth more */
	mo.population = 6000;
	match_compare(&set, 3, 4, lv);
	match_pair_weight(&set, &mo, lv, 3, 4, fw);
	ck_assert_double_eq_tol(fw[1] + fw[4], log2(0.85 * 0.80 / (1.0 / 6000)), 1e-9);
	/* but never more than apart (6.4 + 9.6 bits) */
	mo.population = 6e9;
	match_pair_weight(&set, &mo, lv, 3, 4, fw);
	ck_assert_double_eq_tol(fw[1] + fw[4], log2(0.85 / 0.01) + log2(0.80 / 0.001), 1e-9);
	/* linking two files: apart */
	mo.population = 0;
	sp.link = 1;
	match_pair_weight(&set, &mo, lv, 3, 4, fw);
	ck_assert_double_eq_tol(fw[1] + fw[4], log2(0.85 / 0.01) + log2(0.80 / 0.001), 1e-9);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* a whole name's frequency: Ali and Khan each in 20 records of 101, but
 * "Ali Khan" in 10; and a typo of a common name says less */
START_TEST(whole_name_frequency)
{
	struct match_spec sp;
	struct match_set set;
	struct match_model mo;
	char first[8], last[8], id[16];
	const char *v[2] = { first, last };
	uint8_t lv[2];
	double fw[2], base, adj;

	match_spec_init(&sp);
	match_spec_field(&sp, "first_name", MK_FIRST);
	match_spec_field(&sp, "surname", MK_SURNAME);
	match_set_init(&set, &sp);
	for (int i = 0; i < 101; i++) {
		/* 0-9 Ali Khan; 10-19 Ali + other surnames; 20-29 other first
		 * names + Khan; 30-99 names of their own; 100 Alj (a typo) */
		snprintf(first, sizeof(first), "%s",
			 i < 20 ? "Ali" : i == 100 ? "Alj" : "");
		snprintf(last, sizeof(last), "%s", i < 10 || (i >= 20 && i < 30) ? "Khan" : "");
		if (!*first)
			snprintf(first, sizeof(first), "F%c%c", 'a' + i / 26, 'a' + i % 26);
		if (!*last)
			snprintf(last, sizeof(last), "S%c%c", 'a' + i / 26, 'a' + i % 26);
		snprintf(id, sizeof(id), "%d", i);
		match_set_add(&set, id, v, 0, NULL);
	}
	match_model_defaults(&mo, &sp);
	mo.use_tf = 1;
	mo.lambda = 0.01;
	for (int f = 0; f < 2; f++)
		mo.u_random[f][1] = mo.u_random[f][2] = 0.01;
	match_compare(&set, 0, 1, lv);
	ck_assert_int_eq(lv[0], 1);
	ck_assert_int_eq(lv[1], 1);
	match_pair_weight(&set, &mo, lv, 0, 1, fw);
	/* apart: log2(0.01 / (20/101)) each; whole: log2(0.0001 / (9/101))
	 * (the others holding it, record 0 left out); the difference shared */
	base = log2(mo.m[0][1] / mo.u[0][1]);
	adj = log2(0.0001 / (9.0 / 101)) - 2 * log2(0.01 / (20.0 / 101));
	ck_assert_double_eq_tol(fw[0], base + log2(0.01 / (20.0 / 101)) + adj / 2, 1e-9);
	ck_assert_double_eq_tol(fw[0] + fw[1],
				2 * base + log2(0.0001 / (9.0 / 101)), 1e-9);
	/* Alj (once) against Ali (20 times): a typo of a common name, as
	 * common as the name */
	match_compare(&set, 10, 100, lv);
	ck_assert_int_eq(lv[0], 2);
	match_pair_weight(&set, &mo, lv, 10, 100, fw);
	ck_assert_double_eq_tol(fw[0], log2(mo.m[0][2] / mo.u[0][2]) + log2(0.01 / (20.0 / 101)),
				1e-9);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

Suite *match_em_suite(void)
{
	Suite *s = suite_create("match_em");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, em_recovers_m_u);
	tcase_add_test(tc, probability);
	tcase_add_test(tc, run_small);
	tcase_add_test(tc, email_term_frequency);
	tcase_add_test(tc, households_and_twins);
	tcase_add_test(tc, whole_name_frequency);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(match_em_suite)
