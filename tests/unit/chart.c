/* chart.c: unit tests for the charts (src/chart): layout, SVG and cairo backends */
#include "test.h"
#include "../../src/chart/chart.h"
#include "../../src/chart/chart_cairo.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct buf out = BUF_INIT;

static void teardown(void)
{
	buf_release(&out);
}

/*
 * Fontconfig's caches live as long as the process. Freeing them at the end
 * of a test (chart_cairo_shutdown) races with pango's font loading thread
 * when the test draws little, so the leak checker is told of them instead.
 */
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libpango-1.0.so\nleak:libpangoft2-1.0.so\n";
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

/* the i-th primitive of a kind (and class, if given) */
static const struct chart_prim *nth(const struct chart_layout *l, enum chart_prim_kind kind, const char *cls,
				    size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && (!cls || !strcmp(l->v[i].cls, cls)) && !n--)
			return &l->v[i];
	return NULL;
}

static size_t count_prims(const struct chart_layout *l, enum chart_prim_kind kind, const char *cls)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && (!cls || !strcmp(l->v[i].cls, cls)))
			n++;
	return n;
}

START_TEST(test_layout_bars_exact)
{
	const char *labels[] = { "A", "B" };
	double values[] = { 50, 25 };
	unsigned char marks[] = { 0, 1 };
	struct chart_bars c = { .id = "x", .title = "T", .labels = labels, .values = values, .n = 2,
				.max = 100, .highlight = -1, .unit = "%", .marks = marks };
	struct chart_layout l;
	const struct chart_prim *p;

	chart_layout_bars(&l, &c);
	/* label column 60 (the least), plot 640 - 60 - 72 = 508, rows of 28 from 8 */
	ck_assert_double_eq(l.width, 640);
	ck_assert_double_eq(l.height, 8 + 2 * 28 + 26);
	ck_assert_uint_eq(l.n, 5 * 2 + 2 * 3);
	ck_assert(l.has_hatch);
	p = nth(&l, CHART_RECT, "reach-chart__bar", 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_double_eq(p->x, 60);
	ck_assert_double_eq(p->y, 13);
	ck_assert_double_eq(p->w, 254);
	ck_assert_double_eq(p->h, 18);
	ck_assert_int_eq(p->fill, CHART_BLUE);
	ck_assert(!p->hatch);
	p = nth(&l, CHART_RECT, "reach-chart__bar-highlight", 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_double_eq(p->y, 41);
	ck_assert_double_eq(p->w, 127);
	ck_assert(p->hatch);
	ck_assert_int_eq(p->stroke, CHART_GREEN);
	/* B's label is bold, right-aligned before the bar; its value after the bar */
	p = nth(&l, CHART_TEXT, "reach-chart__label", 6);
	ck_assert_str_eq(p->text, "B");
	ck_assert(p->bold);
	ck_assert_int_eq(p->anchor, CHART_END);
	ck_assert_double_eq(p->x, 52);
	ck_assert_double_eq(p->y, 55);
	p = nth(&l, CHART_TEXT, "reach-chart__value", 1);
	ck_assert_str_eq(p->text, "25%");
	ck_assert_double_eq(p->x, 60 + 127 + 6);
	/* the axis: 0 at 60, 100% at 568, below the rows */
	p = nth(&l, CHART_TEXT, "reach-chart__label", 4);
	ck_assert_str_eq(p->text, "100%");
	ck_assert_double_eq(p->x, 568);
	ck_assert_double_eq(p->y, 64 + 18);
	ck_assert_str_eq(l.desc, "A: 50%; B: 25%");
	chart_layout_release(&l);
}
END_TEST

START_TEST(test_layout_lines_exact)
{
	const char *x[] = { "2025 Q1", "2025 Q2", "2025 Q3" };
	double reg[] = { 10, 20, 30 }, la[] = { 15, 15, NAN };
	struct chart_series s[] = {
		{ .name = "Reg", .values = reg, .dash = CHART_SOLID, .marker = CHART_MARK_CIRCLE },
		{ .name = "LA", .values = la, .dash = CHART_DASHED, .marker = CHART_MARK_SQUARE, .colour = CHART_GREY },
	};
	struct chart_lines c = { .id = "tr", .title = "Trend", .xlabels = x, .n = 3, .nactual = 2, .series = s,
				 .nseries = 2, .unit = NULL, .decimals = 0 };
	struct chart_layout l;
	const struct chart_prim *p;
	double x0 = 2 * 6.6 + 10, pw = 640 - x0 - (3 * 6.6 + 30);

	chart_layout_lines(&l, &c);
	ck_assert_double_eq(l.height, 26 + 200 + 30);
	/* the actual part: solid through (Q1, 10) and (Q2, 20) on an axis 0-40 */
	p = nth(&l, CHART_LINE, "reach-chart__line", 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->npts, 2);
	ck_assert_double_eq_tol(p->pts[0], x0 + pw * 0.5 / 3, 1e-9);
	ck_assert_double_eq_tol(p->pts[1], 226 - 200 * 10 / 40.0, 1e-9);
	ck_assert_double_eq_tol(p->pts[3], 226 - 200 * 20 / 40.0, 1e-9);
	ck_assert_int_eq(p->dash, CHART_SOLID);
	ck_assert_int_eq(p->stroke, CHART_BLUE);
	/* the forecast: dotted from the last actual point on */
	p = nth(&l, CHART_LINE, "reach-chart__line-forecast", 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->npts, 2);
	ck_assert_double_eq_tol(p->pts[0], x0 + pw * 1.5 / 3, 1e-9);
	ck_assert_double_eq_tol(p->pts[3], 226 - 200 * 30 / 40.0, 1e-9);
	ck_assert_int_eq(p->dash, CHART_DOTTED);
	/* the LA line: dashed and grey, no forecast (NaN) */
	p = nth(&l, CHART_LINE, "reach-chart__line", 1);
	ck_assert_int_eq(p->dash, CHART_DASHED);
	ck_assert_int_eq(p->stroke, CHART_GREY);
	ck_assert_uint_eq(count_prims(&l, CHART_LINE, "reach-chart__line-forecast"), 1);
	/* markers on actual points only (2 + 2), and one beside each name */
	ck_assert_uint_eq(count_prims(&l, CHART_MARKER, NULL), 6);
	ck_assert_int_eq(nth(&l, CHART_MARKER, NULL, 2)->marker, CHART_MARK_SQUARE);
	/* names at the lines' ends, the higher line's first */
	p = nth(&l, CHART_TEXT, "reach-chart__series", 0);
	ck_assert_str_eq(p->text, "Reg");
	ck_assert_double_eq_tol(p->y, 226 - 200 * 30 / 40.0 + 4, 1e-9);
	ck_assert_double_eq_tol(p->x, x0 + pw + 20, 1e-9);
	p = nth(&l, CHART_TEXT, "reach-chart__series", 1);
	ck_assert_str_eq(p->text, "LA");
	ck_assert_ptr_nonnull(strstr(l.desc, "Reg: 2025 Q1 10, 2025 Q2 20; forecast: 2025 Q3 30. LA:"));
	ck_assert_ptr_nonnull(strstr(l.desc, "2025 Q3 no figure"));
	ck_assert_uint_eq(count_prims(&l, CHART_TEXT, NULL) >= 1, 1);
	/* the word Forecast over the forecast part */
	for (size_t i = 0, found = 0; i < l.n || !found; i++) {
		ck_assert_uint_lt(i, l.n);
		if (l.v[i].kind == CHART_TEXT && !strcmp(l.v[i].text, "Forecast"))
			found = 1;
	}
	chart_layout_release(&l);
}
END_TEST

START_TEST(test_contrast)
{
	ck_assert_double_eq_tol(chart_contrast(CHART_WHITE, 0x000000), 21, 1e-9);
	ck_assert_double_eq_tol(chart_contrast(CHART_WHITE, CHART_WHITE), 1, 1e-9);
	/* every colour a line, a bar or a text is drawn in: >= 4.5:1 on white */
	for (size_t i = 0; i < chart_palette_len; i++)
		ck_assert_msg(chart_contrast(chart_palette[i], CHART_WHITE) >= 4.5, "#%06x",
			      (unsigned)chart_palette[i]);
	ck_assert(chart_contrast(CHART_INK, CHART_WHITE) >= 4.5);
	ck_assert(chart_contrast(CHART_GREY, CHART_WHITE) >= 4.5);
	/* the GOV.UK blue is 5.17:1 */
	ck_assert_double_eq_tol(chart_contrast(CHART_BLUE, CHART_WHITE), 5.17, 0.01);
}
END_TEST

/* tidy -xml reads it back without a warning */
static void well_formed(const char *svg)
{
	char path[] = "/tmp/reach-chart-XXXXXX", cmd[128];
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(svg, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "tidy -xml -q -e %s 2>&1", path);
	ck_assert_msg(system(cmd) == 0, "not well-formed: %s", svg);
	unlink(path);
}

START_TEST(test_svg_well_formed)
{
	const char *labels[] = { "<A> & \"B\"", "C" };
	double values[] = { 3, NAN };
	const char *x[] = { "Q1 <x>", "Q2", "Q3", "Q4" };
	double v[] = { 1, 2, NAN, 4 };
	struct chart_series s = { .name = "a & b", .values = v, .marker = CHART_MARK_TRIANGLE };
	struct chart_bars c = { .id = "w", .title = "T & <t>", .labels = labels, .values = values, .n = 2,
				.highlight = 0 };
	struct chart_lines lc = { .id = "wl", .title = "L", .xlabels = x, .n = 4, .nactual = 3, .series = &s,
				  .nseries = 1, .unit = "%" };

	chart_bars_svg(&out, &c);
	ck_assert_ptr_null(strstr(out.data, "<A>"));
	well_formed(out.data);
	buf_reset(&out);
	chart_lines_svg(&out, &lc);
	ck_assert_ptr_null(strstr(out.data, "<x>"));
	ck_assert_ptr_nonnull(strstr(out.data, "a &amp; b"));
	ck_assert_ptr_nonnull(strstr(out.data, "<polygon"));
	ck_assert_ptr_nonnull(strstr(out.data, "stroke-dasharray=\"2 3\""));
	ck_assert_ptr_nonnull(strstr(out.data, "<title id=\"wl-title\">L</title>"));
	well_formed(out.data);
}
END_TEST

START_TEST(test_negative_nan_empty)
{
	const char *labels[] = { "neg", "nan", "pos" };
	double values[] = { -5, NAN, 10 };
	struct chart_bars c = { .labels = labels, .values = values, .n = 3, .highlight = -1, .max = 20 };
	const char *x[] = { "a", "b", "c", "d" };
	double v[] = { 1, NAN, 3, 4 };
	struct chart_series s = { .name = "s", .values = v, .marker = CHART_MARK_DIAMOND };
	struct chart_lines lc = { .xlabels = x, .n = 4, .nactual = 4, .series = &s, .nseries = 1 };
	struct chart_layout l;

	chart_layout_bars(&l, &c);
	/* no bar for NaN, a bar of no width for a negative value, both values written */
	ck_assert_uint_eq(count_prims(&l, CHART_RECT, NULL), 2);
	ck_assert_double_eq(nth(&l, CHART_RECT, NULL, 0)->w, 0);
	ck_assert_str_eq(nth(&l, CHART_TEXT, "reach-chart__value", 0)->text, "-5");
	ck_assert_str_eq(nth(&l, CHART_TEXT, "reach-chart__value", 1)->text, "no figure");
	ck_assert_str_eq(l.desc, "neg: -5; nan: no figure; pos: 10");
	chart_layout_release(&l);

	/* a gap: (a) alone has a marker and no line, c-d a line */
	chart_layout_lines(&l, &lc);
	ck_assert_uint_eq(count_prims(&l, CHART_LINE, "reach-chart__line"), 1);
	ck_assert_uint_eq(nth(&l, CHART_LINE, "reach-chart__line", 0)->npts, 2);
	ck_assert_uint_eq(count_prims(&l, CHART_MARKER, NULL), 3 + 1);
	ck_assert_uint_eq(count_prims(&l, CHART_LINE, "reach-chart__line-forecast"), 0);
	chart_layout_release(&l);

	/* negative values in a line chart: the axis goes below 0 */
	v[0] = -3;
	chart_layout_lines(&l, &lc);
	ck_assert_str_eq(nth(&l, CHART_TEXT, "reach-chart__label", 0)->text, "-4");
	chart_layout_release(&l);

	c.n = 0;
	chart_layout_bars(&l, &c);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_double_eq(l.height, 0);
	chart_svg(&out, &l);
	ck_assert_uint_eq(out.len, 0);
	chart_layout_release(&l);
	lc.n = 0;
	chart_lines_svg(&out, &lc);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

static unsigned pixel(cairo_surface_t *s, int x, int y)
{
	unsigned char *d = cairo_image_surface_get_data(s);
	uint32_t px;

	memcpy(&px, d + (size_t)y * (size_t)cairo_image_surface_get_stride(s) + (size_t)x * 4, 4);
	return px & 0xffffff;
}

START_TEST(test_cairo_draws_the_layout)
{
	const char *labels[] = { "A", "B" };
	double values[] = { 50, 25 };
	struct chart_bars c = { .labels = labels, .values = values, .n = 2, .max = 100, .highlight = 1 };
	struct chart_layout l;
	cairo_surface_t *s;
	cairo_t *cr;
	int green = 0, white = 0;
	double ex, ey, ew, eh;

	chart_layout_bars(&l, &c);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 640, 90);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chart_cairo_draw(cr, 0, 0, 1, &l);
	cairo_surface_flush(s);
	/* bar A: 60..314 x 13..31, plain blue; past its end, white */
	ck_assert_uint_eq(pixel(s, 150, 22), CHART_BLUE);
	ck_assert_uint_eq(pixel(s, 400, 22), CHART_WHITE);
	/* bar B: 60..187 x 41..59, hatched: green and white inside, green outline */
	for (int x = 70; x < 180; x++) {
		green += pixel(s, x, 50) == CHART_GREEN;
		white += pixel(s, x, 50) == CHART_WHITE;
	}
	ck_assert_int_gt(green, 15);
	ck_assert_int_gt(white, 10);
	ck_assert_uint_eq(pixel(s, 100, 41), CHART_GREEN);
	ck_assert_uint_eq(pixel(s, 250, 50), CHART_WHITE);
	cairo_destroy(cr);
	cairo_surface_destroy(s);

	/* scaled: everything inside the layout's box times the scale */
	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cr = cairo_create(s);
	chart_cairo_draw(cr, 10, 20, 0.5, &l);
	cairo_recording_surface_ink_extents(s, &ex, &ey, &ew, &eh);
	ck_assert(ex >= 10 && ey >= 20 - 1);
	ck_assert(ex + ew <= 10 + 320 + 1 && ey + eh <= 20 + 45 + 1);
	ck_assert(ew > 200);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	chart_layout_release(&l);

	/* an empty layout draws nothing */
	c.n = 0;
	chart_layout_bars(&l, &c);
	s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cr = cairo_create(s);
	chart_cairo_draw(cr, 0, 0, 1, &l);
	cairo_recording_surface_ink_extents(s, &ex, &ey, &ew, &eh);
	ck_assert_double_eq(ew, 0);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	chart_layout_release(&l);
}
END_TEST

START_TEST(test_cairo_lines)
{
	const char *x[] = { "a", "b", "c" };
	double v[] = { 0, 20, 40 };
	struct chart_series se = { .name = "s", .values = v, .marker = CHART_MARK_SQUARE };
	struct chart_lines c = { .xlabels = x, .n = 3, .nactual = 3, .series = &se, .nseries = 1, .max = 40 };
	struct chart_layout l;
	const struct chart_prim *m;
	cairo_surface_t *s;
	cairo_t *cr;

	chart_layout_lines(&l, &c);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 640, (int)l.height);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chart_cairo_draw(cr, 0, 0, 1, &l);
	cairo_surface_flush(s);
	/* the square marker of the middle point is blue at its centre */
	m = nth(&l, CHART_MARKER, NULL, 1);
	ck_assert_uint_eq(pixel(s, (int)m->x, (int)m->y), CHART_BLUE);
	ck_assert_uint_eq(pixel(s, (int)m->x + 2, (int)m->y + 2), CHART_BLUE);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	chart_layout_release(&l);
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
	tcase_add_test(tc, test_layout_bars_exact);
	tcase_add_test(tc, test_layout_lines_exact);
	tcase_add_test(tc, test_contrast);
	tcase_add_test(tc, test_svg_well_formed);
	tcase_add_test(tc, test_negative_nan_empty);
	tcase_add_test(tc, test_cairo_draws_the_layout);
	tcase_add_test(tc, test_cairo_lines);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(chart_suite)
