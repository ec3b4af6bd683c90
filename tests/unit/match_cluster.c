/* match_cluster.c: clustering on hand-made graphs, the chaining guard, stable ids */
#include "test.h"
#include "../../src/match/match.h"

static void make_set(struct match_spec *sp, struct match_set *set, const char *const *ids, size_t n)
{
	const char *v[1] = { "x" };

	match_spec_init(sp);
	match_spec_field(sp, "name", MK_TEXT);
	match_set_init(set, sp);
	for (size_t i = 0; i < n; i++)
		match_set_add(set, ids[i], v, 0, NULL);
}

static struct match_pair pair(uint32_t a, uint32_t b, float p)
{
	struct match_pair x;

	memset(&x, 0, sizeof(x));
	x.a = a;
	x.b = b;
	x.prob = p;
	return x;
}

/* two components and a singleton; the id is the smallest member's */
START_TEST(components)
{
	const char *ids[] = { "P5", "P2", "P9", "P3", "P7" };
	struct match_spec sp;
	struct match_set set;
	struct match_pair p[] = { pair(0, 1, 0.99f), pair(1, 2, 0.95f), pair(3, 4, 0.97f),
				  pair(0, 3, 0.5f) };
	uint32_t c[5];

	make_set(&sp, &set, ids, 5);
	match_cluster(&set, p, 4, 0.9, 0.001, c);
	ck_assert_uint_eq(c[0], 1);
	ck_assert_uint_eq(c[1], 1);
	ck_assert_uint_eq(c[2], 1);
	ck_assert_uint_eq(c[3], 3);
	ck_assert_uint_eq(c[4], 3);
	/* a higher threshold splits the weaker link */
	match_cluster(&set, p, 4, 0.96, 0.001, c);
	ck_assert_uint_eq(c[2], 2);
	ck_assert_uint_eq(c[0], 1);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* A-B and B-C above the threshold, A-C compared and far below: the
 * stronger link wins and C stays apart instead of chaining */
START_TEST(chaining_guard)
{
	const char *ids[] = { "A", "B", "C", "D" };
	struct match_spec sp;
	struct match_set set;
	struct match_pair p[] = { pair(0, 1, 0.99f), pair(1, 2, 0.95f), pair(0, 2, 0.00001f),
				  pair(2, 3, 0.98f) };
	uint32_t c[4];

	make_set(&sp, &set, ids, 4);
	match_cluster(&set, p, 4, 0.9, 0.001, c);
	ck_assert_uint_eq(c[0], 0);
	ck_assert_uint_eq(c[1], 0);
	ck_assert_uint_eq(c[2], 2);
	ck_assert_uint_eq(c[3], 2);
	/* without the evidence against A-C, the chain joins all four */
	p[2].prob = 0.5f;
	match_cluster(&set, p, 4, 0.9, 0.001, c);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(c[i], 0);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* one strong pair does not join two groups when the other pairs between
 * them say otherwise on average; several fairly likely pairs between two
 * groups join them although none reaches the threshold alone */
START_TEST(average_linkage)
{
	const char *ids[] = { "A", "B", "C", "D" };
	struct match_spec sp;
	struct match_set set;
	struct match_pair p[] = { pair(0, 1, 0.99f), pair(0, 2, 0.95f), pair(1, 2, 0.02f) };
	struct match_pair q[] = { pair(0, 1, 0.99f), pair(2, 3, 0.98f), pair(0, 2, 0.85f),
				  pair(1, 3, 0.6f) };
	uint32_t c[4];

	make_set(&sp, &set, ids, 4);
	/* C-A 0.95 but C-B 0.02: an average of 0.485, C stays apart */
	match_cluster(&set, p, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[0], 0);
	ck_assert_uint_eq(c[1], 0);
	ck_assert_uint_eq(c[2], 2);
	/* C-B 0.1: an average of 0.525, one person */
	p[2].prob = 0.1f;
	match_cluster(&set, p, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[2], 0);
	/* {A,B} and {C,D}: A-C 0.85 and B-D 0.6 (0.725 on average) join them */
	match_cluster(&set, q, 4, 0.9, 0.001, c);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(c[i], 0);
	/* one such pair alone does not */
	match_cluster(&set, q, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[1], 0);
	ck_assert_uint_eq(c[2], 2);
	ck_assert_uint_eq(c[3], 2);
	/* nor an average under 0.7 */
	q[3].prob = 0.5f;
	match_cluster(&set, q, 4, 0.9, 0.001, c);
	ck_assert_uint_eq(c[2], 2);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* with the model, the pairs between two groups that blocking did not bring
 * are scored and weighed too: A-B and B-C are listed, A-C is not, and A
 * and C share nothing */
START_TEST(unlisted_pairs_scored)
{
	const char *ids[] = { "A", "B", "C" };
	const char *vals[] = { "rosemary cottage", "rosemary cottage", "flat 12 tower" };
	struct match_spec sp;
	struct match_set set;
	struct match_model mo;
	struct match_pair p[] = { pair(0, 1, 0.99f), pair(1, 2, 0.95f) };
	uint32_t c[3];

	match_spec_init(&sp);
	match_spec_field(&sp, "address", MK_TEXT);
	match_set_init(&set, &sp);
	for (size_t i = 0; i < 3; i++)
		match_set_add(&set, ids[i], &vals[i], 0, NULL);
	match_model_defaults(&mo, &sp);
	mo.lambda = 0.0001;
	mo.all_pairs = 3;
	/* the listed pairs alone: B-C 0.95 is all there is between {A,B} and C */
	match_cluster(&set, p, 2, 0.9, 0.001, c);
	ck_assert_uint_eq(c[2], 0);
	/* A-C scored now is far under 0.001 (not a guard: no rule brought it)
	 * and the average of B-C and A-C is under one half */
	match_cluster_model(&set, &mo, p, 2, 0.9, 0.001, c);
	ck_assert_uint_eq(c[0], 0);
	ck_assert_uint_eq(c[1], 0);
	ck_assert_uint_eq(c[2], 2);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* where the model expects d = 4 duplicates of each record, the average a
 * strong pair needs is 0.5 / 4 */
START_TEST(expected_duplicates)
{
	const char *ids[] = { "A", "B", "C" };
	struct match_spec sp;
	struct match_set set;
	struct match_model mo;
	struct match_pair p[] = { pair(0, 1, 0.99f), pair(0, 2, 0.95f), pair(1, 2, 0.02f) };
	uint32_t c[3];

	make_set(&sp, &set, ids, 3);
	match_model_defaults(&mo, &sp);
	mo.all_pairs = 3000;
	/* 2 * 0.0001 * 3000 / 3 = 0.2 duplicates a record: C-A 0.95, C-B 0.02
	 * average 0.485, under 0.5 */
	mo.lambda = 0.0001;
	match_cluster_model(&set, &mo, p, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[1], 0);
	ck_assert_uint_eq(c[2], 2);
	/* 1.5 (under 2, an estimate that may be too high): unchanged */
	mo.lambda = 0.00075;
	match_cluster_model(&set, &mo, p, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[2], 2);
	/* 2 * 0.002 * 3000 / 3 = 4: 0.485 is over 0.125 */
	mo.lambda = 0.002;
	match_cluster_model(&set, &mo, p, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[2], 0);
	/* 0.0001 apart (under the guard, and compared): still refused */
	p[2].prob = 0.0001f;
	match_cluster_model(&set, &mo, p, 3, 0.9, 0.001, c);
	ck_assert_uint_eq(c[2], 2);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

/* the input order of pairs does not change the clusters */
START_TEST(order_independent)
{
	const char *ids[] = { "A", "B", "C" };
	struct match_spec sp;
	struct match_set set;
	struct match_pair p1[] = { pair(1, 2, 0.95f), pair(0, 1, 0.99f) };
	struct match_pair p2[] = { pair(0, 1, 0.99f), pair(1, 2, 0.95f) };
	uint32_t c1[3], c2[3];

	make_set(&sp, &set, ids, 3);
	match_cluster(&set, p1, 2, 0.9, 0.001, c1);
	match_cluster(&set, p2, 2, 0.9, 0.001, c2);
	ck_assert_mem_eq(c1, c2, sizeof(c1));
	ck_assert_uint_eq(c1[2], 0);
	match_set_release(&set);
	match_spec_release(&sp);
}
END_TEST

Suite *match_cluster_suite(void)
{
	Suite *s = suite_create("match_cluster");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, components);
	tcase_add_test(tc, chaining_guard);
	tcase_add_test(tc, average_linkage);
	tcase_add_test(tc, order_independent);
	tcase_add_test(tc, unlisted_pairs_scored);
	tcase_add_test(tc, expected_duplicates);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(match_cluster_suite)
