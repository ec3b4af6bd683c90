/* chart.c: unit tests for the SVG bar chart writer (src/web/chart.c) */
#include "test.h"
#include "../../src/web/chart.h"

#include <stdio.h>
#include <string.h>

static struct buf out = BUF_INIT;

static void teardown(void)
{
	buf_release(&out);
}

/* the number after `attr="` in the n-th (0-based) element starting with `tag` */
static double attr_of(const char *svg, const char *tag, size_t n, const char *attr)
{
	const char *p = svg, *end;
	char key[64];
	double v = -1;

	for (;;) {
		p = strstr(p, tag);
		ck_assert_ptr_nonnull(p);
		if (!n--)
			break;
		p++;
	}
	end = strchr(p, '>');
	snprintf(key, sizeof(key), " %s=\"", attr);
	p = strstr(p, key);
	ck_assert_ptr_nonnull(p);
	ck_assert(p < end);
	ck_assert_int_eq(sscanf(p + strlen(key), "%lf", &v), 1);
	return v;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

START_TEST(test_labels_escaped)
{
	const char *labels[] = { "<b>bold</b>", "Tom & Jerry's \"centre\"" };
	double values[] = { 10, 20 };
	struct chart_bars c = { .id = "t", .title = "<script>x</script>", .labels = labels,
				.values = values, .n = 2, .max = 100, .highlight = -1, .unit = "%" };

	chart_bars_svg(&out, &c);
	ck_assert_ptr_null(strstr(out.data, "<b>"));
	ck_assert_ptr_null(strstr(out.data, "<script"));
	ck_assert_ptr_nonnull(strstr(out.data, "&lt;b&gt;bold&lt;/b&gt;"));
	ck_assert_ptr_nonnull(strstr(out.data, "Tom &amp; Jerry&#39;s &quot;centre&quot;"));
	ck_assert_ptr_nonnull(strstr(out.data, "aria-label=\"&lt;script&gt;x&lt;/script&gt;\""));
	ck_assert_ptr_nonnull(strstr(out.data, "<title id=\"t-title\">&lt;script&gt;"));
	/* accessible: an image with a title and the values in words */
	ck_assert_ptr_nonnull(strstr(out.data, "role=\"img\""));
	ck_assert_ptr_nonnull(strstr(out.data, "<desc id=\"t-desc\">"));
	ck_assert_ptr_nonnull(strstr(out.data, "10%; "));
	ck_assert_ptr_eq(strstr(out.data, "<svg"), out.data);
	ck_assert_ptr_nonnull(strstr(out.data, "</svg>\n"));
}
END_TEST

START_TEST(test_highlight_has_pattern)
{
	const char *labels[] = { "A", "B", "C" };
	double values[] = { 30, 60, 45 };
	struct chart_bars c = { .id = "h", .title = "T", .labels = labels, .values = values,
				.n = 3, .max = 100, .highlight = 2, .unit = "%" };

	chart_bars_svg(&out, &c);
	ck_assert_ptr_nonnull(strstr(out.data, "<pattern id=\"h-hatch\""));
	ck_assert_uint_eq(count(out.data, "fill=\"url(#h-hatch)\""), 1);
	/* the hatched bar is the third (C), and its label is bold */
	ck_assert_uint_eq(count(out.data, "class=\"reach-chart__bar\""), 2);
	ck_assert_ptr_nonnull(strstr(out.data, "font-weight=\"bold\">C</text>"));
	buf_reset(&out);

	/* no highlight: no pattern at all */
	c.highlight = -1;
	chart_bars_svg(&out, &c);
	ck_assert_ptr_null(strstr(out.data, "<pattern"));
	ck_assert_ptr_null(strstr(out.data, "url(#"));
	ck_assert_uint_eq(count(out.data, "class=\"reach-chart__bar\""), 3);
}
END_TEST

START_TEST(test_widths_proportional)
{
	const char *labels[] = { "quarter", "half", "full", "over" };
	double values[] = { 25, 50, 100, 150 };
	struct chart_bars c = { .title = "T", .labels = labels, .values = values, .n = 4,
				.max = 100, .highlight = -1, .width = 600 };
	double w0, w1, w2, w3;

	chart_bars_svg(&out, &c);
	w0 = attr_of(out.data, "<rect class=\"reach-chart__bar\"", 0, "width");
	w1 = attr_of(out.data, "<rect class=\"reach-chart__bar\"", 1, "width");
	w2 = attr_of(out.data, "<rect class=\"reach-chart__bar\"", 2, "width");
	w3 = attr_of(out.data, "<rect class=\"reach-chart__bar\"", 3, "width");
	ck_assert(w0 > 0);
	ck_assert_double_eq_tol(w1, 2 * w0, 0.2);
	ck_assert_double_eq_tol(w2, 4 * w0, 0.2);
	/* past the axis end the bar stops at the end */
	ck_assert_double_eq_tol(w3, w2, 0.01);
	ck_assert_double_eq(attr_of(out.data, "<svg", 0, "width"), 600);
	/* the value is written at the bar's end */
	ck_assert_ptr_nonnull(strstr(out.data, ">50</text>"));
}
END_TEST

START_TEST(test_sorted_descending)
{
	const char *labels[] = { "low", "high", "mid" };
	double values[] = { 1, 3, 2 };
	struct chart_bars c = { .title = "T", .labels = labels, .values = values, .n = 3,
				.highlight = 0, .sort = 1, .decimals = 1 };
	const char *hi, *mid, *lo;

	chart_bars_svg(&out, &c);
	hi = strstr(out.data, ">high</text>");
	mid = strstr(out.data, ">mid</text>");
	lo = strstr(out.data, ">low</text>");
	ck_assert(hi && mid && lo);
	ck_assert(hi < mid && mid < lo);
	/* the highlight follows its bar, not its position */
	ck_assert_ptr_nonnull(strstr(out.data, "font-weight=\"bold\">low</text>"));
	ck_assert_ptr_nonnull(strstr(out.data, ">3.0</text>"));
	/* the axis ends at a round number above the largest value */
	ck_assert_ptr_nonnull(strstr(out.data, ">4</text>"));
}
END_TEST

START_TEST(test_long_label_cut_and_empty)
{
	const char *labels[] = { "مركز الأطفال في الحي الشرقي الكبير جدا جدا جدا جدا جدا جدا جدا جدا" };
	double values[] = { 5 };
	struct chart_bars c = { .title = "T", .labels = labels, .values = values, .n = 1,
				.highlight = -1, .width = 300 };

	chart_bars_svg(&out, &c);
	ck_assert_ptr_nonnull(strstr(out.data, "\xE2\x80\xA6</text>"));
	/* the whole label is still in the description */
	ck_assert_ptr_nonnull(strstr(out.data, labels[0]));
	buf_reset(&out);
	c.n = 0;
	chart_bars_svg(&out, &c);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(test_nice_max)
{
	/* four whole steps: every grid label is round */
	ck_assert_double_eq(chart_nice_max(0), 1);
	ck_assert_double_eq(chart_nice_max(3), 4);
	ck_assert_double_eq(chart_nice_max(4), 4);
	ck_assert_double_eq(chart_nice_max(10), 20);
	ck_assert_double_eq(chart_nice_max(21), 40);
	ck_assert_double_eq(chart_nice_max(100), 100);
	ck_assert_double_eq(chart_nice_max(730), 800);
	ck_assert_double_eq_tol(chart_nice_max(0.07), 0.08, 1e-12);
}
END_TEST

Suite *chart_suite(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("chart");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_labels_escaped);
	tcase_add_test(tc, test_highlight_has_pattern);
	tcase_add_test(tc, test_widths_proportional);
	tcase_add_test(tc, test_sorted_descending);
	tcase_add_test(tc, test_long_label_cut_and_empty);
	tcase_add_test(tc, test_nice_max);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(chart_suite)
