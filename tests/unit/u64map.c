/* u64map.c: unit tests for the 64-bit key count map (src/util/u64map.c) */
#include "test.h"
#include "../../src/util/u64map.h"

START_TEST(test_u64map_counts)
{
	struct u64map m = U64MAP_INIT;

	ck_assert_int_eq(u64map_get(&m, 7), 0);
	ck_assert_int_eq(u64map_add(&m, 7, 1), 1);
	ck_assert_int_eq(u64map_add(&m, 7, 2), 3);
	ck_assert_int_eq(u64map_add(&m, (uint64_t)5 << 32 | 9, 1), 1);
	ck_assert_int_eq(u64map_add(&m, 7, -3), 0);
	ck_assert_int_eq(u64map_get(&m, 7), 0);
	ck_assert_int_eq(u64map_get(&m, (uint64_t)5 << 32 | 9), 1);
	ck_assert_int_eq(u64map_get(&m, (uint64_t)9 << 32 | 5), 0);
	u64map_release(&m);
	ck_assert_int_eq(u64map_get(&m, 7), 0);
}
END_TEST

/* many keys, with collisions on the low bits, survive the map's growth */
START_TEST(test_u64map_grows)
{
	struct u64map m = U64MAP_INIT;

	for (uint64_t k = 1; k <= 100000; k++)
		u64map_add(&m, k << 20, (int64_t)k);
	for (uint64_t k = 1; k <= 100000; k++)
		u64map_add(&m, k << 20, 1);
	ck_assert_uint_eq(m.count, 100000);
	for (uint64_t k = 1; k <= 100000; k += 997)
		ck_assert_int_eq(u64map_get(&m, k << 20), (int64_t)k + 1);
	ck_assert_int_eq(u64map_get(&m, 100001ull << 20), 0);
	u64map_release(&m);
}
END_TEST

static Suite *u64map_suite(void)
{
	Suite *s = suite_create("u64map");
	TCase *tc = tcase_create("u64map");

	tcase_add_test(tc, test_u64map_counts);
	tcase_add_test(tc, test_u64map_grows);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(u64map_suite)
