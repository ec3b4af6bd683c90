/* buf.c: unit tests for the growable buffer (src/util/buf.c) */
#include "test.h"
#include "../../src/util/buf.h"

#include <signal.h>

/* the invariants every buffer keeps, whatever was done to it */
static void check_invariants(const struct buf *b)
{
	ck_assert_ptr_nonnull(b->data);
	ck_assert_int_eq(b->data[b->len], '\0');
	if (b->alloc)
		ck_assert_uint_lt(b->len, b->alloc);
	else
		ck_assert_uint_eq(b->len, 0);
	if (b->cap)
		ck_assert_uint_le(b->len, b->cap);
}

START_TEST(test_init_empty)
{
	struct buf b = BUF_INIT;
	struct buf c;

	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.alloc, 0);
	ck_assert_uint_eq(b.cap, 0);
	ck_assert_int_eq(b.overflow, 0);
	check_invariants(&b);

	buf_init(&c, 10);
	ck_assert_ptr_nonnull(c.data);
	ck_assert_str_eq(c.data, "");
	ck_assert_uint_eq(c.cap, 10);
	check_invariants(&c);

	/* releasing a buffer that never allocated is fine, and it stays usable */
	buf_release(&b);
	buf_release(&c);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(c.cap, 10);
	buf_adds(&b, "x");
	ck_assert_str_eq(b.data, "x");
	buf_release(&b);
	ck_assert_str_eq(b.data, "");
	check_invariants(&b);
}
END_TEST

START_TEST(test_appends)
{
	struct buf b = BUF_INIT;
	static const char bin[] = { 'a', '\0', 'b' };

	buf_adds(&b, "hello");
	buf_addch(&b, ',');
	buf_addch(&b, ' ');
	buf_add(&b, "world!!", 5);
	ck_assert_str_eq(b.data, "hello, world");
	ck_assert_uint_eq(b.len, 12);
	check_invariants(&b);

	buf_adds(&b, "");
	buf_add(&b, "ignored", 0);
	ck_assert_uint_eq(b.len, 12);
	check_invariants(&b);

	/* bytes are bytes: an embedded NUL is kept and counted */
	buf_reset(&b);
	buf_add(&b, bin, sizeof(bin));
	ck_assert_uint_eq(b.len, 3);
	ck_assert_mem_eq(b.data, bin, 3);
	ck_assert_int_eq(b.data[3], '\0');

	/* UTF-8 passes through untouched */
	buf_reset(&b);
	buf_adds(&b, "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a");
	ck_assert_uint_eq(b.len, 8);
	ck_assert_str_eq(b.data, "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a");
	buf_release(&b);
}
END_TEST

START_TEST(test_add_many_bytes)
{
	struct buf b = BUF_INIT;

	/* grows through many reallocations and keeps every byte */
	for (int i = 0; i < 100000; i++)
		buf_addch(&b, (char)('a' + i % 26));
	ck_assert_uint_eq(b.len, 100000);
	check_invariants(&b);
	for (int i = 0; i < 100000; i++)
		if (b.data[i] != 'a' + i % 26)
			ck_abort_msg("byte %d is '%c'", i, b.data[i]);
	ck_assert_uint_eq(strlen(b.data), 100000);
	buf_release(&b);
}
END_TEST

START_TEST(test_addf_sizes)
{
	/*
	 * Format strings of every length from 0 to past a few allocations,
	 * onto buffers already holding every prefix length, so the formatted
	 * text sometimes fits, sometimes exactly fills and sometimes passes
	 * the current allocation.
	 */
	static char pad[5000];

	memset(pad, 'x', sizeof(pad) - 1);
	for (size_t pre = 0; pre < 140; pre += 7) {
		for (size_t n = 0; n < 4500; n += (n < 300 ? 1 : 97)) {
			struct buf b = BUF_INIT;

			buf_add(&b, pad, pre);
			buf_addf(&b, "%.*s|%d", (int)n, pad, 42);
			ck_assert_uint_eq(b.len, pre + n + 3);
			ck_assert_uint_eq(strlen(b.data), b.len);
			ck_assert_mem_eq(b.data + pre + n, "|42", 4);
			ck_assert_mem_eq(b.data, pad, pre + n);
			check_invariants(&b);
			buf_release(&b);
		}
	}
}
END_TEST

START_TEST(test_addf_repeated)
{
	struct buf b = BUF_INIT;
	struct buf want = BUF_INIT;
	char num[32];

	for (int i = 0; i < 5000; i++) {
		buf_addf(&b, "%d:%s;", i, i % 3 ? "ab" : "");
		snprintf(num, sizeof(num), "%d:%s;", i, i % 3 ? "ab" : "");
		buf_adds(&want, num);
	}
	ck_assert_uint_eq(b.len, want.len);
	ck_assert_str_eq(b.data, want.data);
	check_invariants(&b);

	/* an empty format changes nothing */
	buf_addf(&b, "%s", "");
	ck_assert_uint_eq(b.len, want.len);

	/* a long first format on a buffer that never allocated */
	buf_release(&b);
	buf_addf(&b, "%0300d", 7);
	ck_assert_uint_eq(b.len, 300);
	ck_assert_int_eq(b.data[298], '0');
	ck_assert_int_eq(b.data[299], '7');
	check_invariants(&b);
	buf_release(&b);
	buf_release(&want);
}
END_TEST

START_TEST(test_cap_and_overflow)
{
	struct buf b = BUF_INIT_CAP(8);

	buf_adds(&b, "abcde");
	ck_assert_int_eq(b.overflow, 0);
	/* past the cap: unchanged, flagged */
	buf_adds(&b, "fghi");
	ck_assert_int_eq(b.overflow, 1);
	ck_assert_str_eq(b.data, "abcde");
	ck_assert_uint_eq(b.len, 5);
	check_invariants(&b);

	/* the flag is sticky: a later append that fits still works, flag stays */
	buf_adds(&b, "fgh");
	ck_assert_str_eq(b.data, "abcdefgh");
	ck_assert_uint_eq(b.len, 8);
	ck_assert_int_eq(b.overflow, 1);

	/* exactly at the cap, nothing more fits, not even one byte */
	buf_addch(&b, 'z');
	ck_assert_str_eq(b.data, "abcdefgh");
	buf_add(&b, "", 0);
	ck_assert_str_eq(b.data, "abcdefgh");
	check_invariants(&b);

	/* reset clears the flag and keeps the cap */
	buf_reset(&b);
	ck_assert_int_eq(b.overflow, 0);
	ck_assert_uint_eq(b.cap, 8);
	ck_assert_str_eq(b.data, "");

	/* buf_addf past the cap, on the fast path (the text fits the allocation) */
	buf_adds(&b, "12");
	ck_assert_uint_ge(b.alloc, 20);
	buf_addf(&b, "%s", "3456789");
	ck_assert_int_eq(b.overflow, 1);
	ck_assert_str_eq(b.data, "12");
	ck_assert_uint_eq(b.len, 2);
	check_invariants(&b);

	/* and on the slow path (the text does not fit the allocation) */
	buf_reset(&b);
	buf_addf(&b, "%0200d", 1);
	ck_assert_int_eq(b.overflow, 1);
	ck_assert_str_eq(b.data, "");
	check_invariants(&b);

	/* buf_addf that exactly reaches the cap is fine */
	buf_reset(&b);
	buf_addf(&b, "%08d", 5);
	ck_assert_int_eq(b.overflow, 0);
	ck_assert_str_eq(b.data, "00000005");

	/* buf_grow reports the cap too */
	buf_reset(&b);
	ck_assert_int_eq(buf_grow(&b, 8), 0);
	ck_assert_int_eq(b.overflow, 0);
	ck_assert_int_eq(buf_grow(&b, 9), -1);
	ck_assert_int_eq(b.overflow, 1);
	ck_assert_int_eq(buf_grow(&b, SIZE_MAX), -1);
	buf_release(&b);
	ck_assert_uint_eq(b.cap, 8);
	ck_assert_int_eq(b.overflow, 0);
}
END_TEST

START_TEST(test_cap_never_allocated)
{
	/* overflow on a buffer that never allocated leaves it pointing at "" */
	struct buf b = BUF_INIT_CAP(3);

	buf_adds(&b, "abcd");
	ck_assert_int_eq(b.overflow, 1);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.len, 0);
	buf_addf(&b, "%s", "wxyz");
	ck_assert_str_eq(b.data, "");
	check_invariants(&b);
	buf_release(&b);
}
END_TEST

START_TEST(test_no_overflow_without_cap)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_grow(&b, SIZE_MAX), -1);
	ck_assert_int_eq(b.overflow, 1);
	ck_assert_str_eq(b.data, "");
	buf_release(&b);
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, "0123456789");
	ck_assert_int_eq(b.overflow, 0);
	ck_assert_uint_eq(b.len, 10000);
	buf_release(&b);
}
END_TEST

START_TEST(test_detach)
{
	struct buf b = BUF_INIT_CAP(100);
	size_t len = 99;
	char *s;

	buf_adds(&b, "owned");
	s = buf_detach(&b, &len);
	ck_assert_str_eq(s, "owned");
	ck_assert_uint_eq(len, 5);
	/* the buffer is re-initialised, keeps its cap, and is usable */
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.alloc, 0);
	ck_assert_uint_eq(b.cap, 100);
	ck_assert_ptr_ne(b.data, s);
	buf_adds(&b, "again");
	ck_assert_str_eq(b.data, "again");
	ck_assert_str_eq(s, "owned");
	free(s);

	/* detaching a buffer that never allocated still gives a freeable "" */
	buf_release(&b);
	s = buf_detach(&b, NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	ck_assert_ptr_ne(s, buf_empty);
	free(s);

	/* emptied with reset, but allocated: detaches the allocation */
	buf_adds(&b, "x");
	buf_reset(&b);
	s = buf_detach(&b, &len);
	ck_assert_str_eq(s, "");
	ck_assert_uint_eq(len, 0);
	free(s);
	buf_release(&b);
}
END_TEST

START_TEST(test_reset)
{
	struct buf b = BUF_INIT;
	size_t alloc;
	char *data;

	buf_reset(&b);
	ck_assert_str_eq(b.data, "");
	buf_adds(&b, "some text that needs an allocation");
	alloc = b.alloc;
	data = b.data;
	buf_reset(&b);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.alloc, alloc);
	ck_assert_ptr_eq(b.data, data);
	buf_adds(&b, "new");
	ck_assert_str_eq(b.data, "new");
	check_invariants(&b);
	buf_release(&b);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.alloc, 0);
}
END_TEST

START_TEST(test_setlen)
{
	struct buf b = BUF_INIT;

	buf_setlen(&b, 0);
	ck_assert_str_eq(b.data, "");
	buf_adds(&b, "hello world");
	buf_setlen(&b, 5);
	ck_assert_str_eq(b.data, "hello");
	ck_assert_uint_eq(b.len, 5);
	buf_setlen(&b, 5);
	ck_assert_str_eq(b.data, "hello");
	buf_adds(&b, "!");
	ck_assert_str_eq(b.data, "hello!");
	buf_setlen(&b, 0);
	ck_assert_str_eq(b.data, "");
	check_invariants(&b);
	buf_release(&b);
}
END_TEST

START_TEST(test_setlen_past_end)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "abc");
	buf_setlen(&b, 4); /* BUG() aborts */
}
END_TEST

START_TEST(test_self_append_via_grow)
{
	/* buf_grow then writing into the room directly, as readers do */
	struct buf b = BUF_INIT;

	ck_assert_int_eq(buf_grow(&b, 100), 0);
	ck_assert_uint_ge(b.alloc, 101);
	memset(b.data, 'q', 100);
	b.len = 100;
	b.data[100] = '\0';
	check_invariants(&b);
	buf_adds(&b, "r");
	ck_assert_uint_eq(strlen(b.data), 101);
	buf_release(&b);
}
END_TEST

static Suite *buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_init_empty);
	tcase_add_test(tc, test_appends);
	tcase_add_test(tc, test_add_many_bytes);
	tcase_add_test(tc, test_addf_sizes);
	tcase_add_test(tc, test_addf_repeated);
	tcase_add_test(tc, test_cap_and_overflow);
	tcase_add_test(tc, test_cap_never_allocated);
	tcase_add_test(tc, test_no_overflow_without_cap);
	tcase_add_test(tc, test_detach);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_setlen);
	tcase_add_test_raise_signal(tc, test_setlen_past_end, SIGABRT);
	tcase_add_test(tc, test_self_append_via_grow);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(buf_suite)
