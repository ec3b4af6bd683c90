/* chart.c: horizontal bar charts as inline SVG, written through the HTML writer */
#include "chart.h"
#include "html.h"
#include "../util/text.h"

#include <math.h>

#define ROW_H 28       /* px a bar's row takes */
#define BAR_H 18       /* px of the bar itself */
#define TOP 8          /* px above the first row */
#define AXIS_H 26      /* px below the rows for the axis labels */
#define VALUE_W 72     /* px kept after the longest bar for its value */
#define CHAR_W 7.5     /* a rough width of one character at 14 px */

#define BAR_FILL "#1d70b8"   /* GOV.UK blue: 5.2:1 on white */
#define MARK_FILL "#00703c"  /* GOV.UK green: 6.0:1 on white */
#define TEXT_FILL "#0b0c0c"
#define AXIS_STROKE "#505a5f"
#define GRID_STROKE "#b1b4b6"

double chart_nice_max(double v)
{
	static const double steps[] = { 1, 2, 2.5, 5, 10 };
	double quarter = v / 4, p;

	/* four equal steps of 1, 2, 2.5 or 5 times a power of ten (2.5 only
	 * where it stays whole), so every grid line has a round label */
	if (!(v > 0))
		return 1;
	p = pow(10, floor(log10(quarter)));
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (steps[i] == 2.5 && p < 10 && p >= 1)
			continue;
		if (steps[i] * p >= quarter * (1 - 1e-12))
			return 4 * steps[i] * p;
	}
	return 40 * p;
}

/* the label, cut to at most `max` code points with an ellipsis */
static void add_label(struct buf *b, const char *s, size_t max)
{
	size_t n = 0, i = 0;

	if (!s)
		s = "";
	if (utf8_len(s) <= max) {
		html_text(b, s);
		return;
	}
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max - 1)
			break;
	}
	html_text_n(b, s, i);
	html_raw_literal(b, "\xE2\x80\xA6"); /* … */
}

static void add_value(struct buf *out, double v, int decimals, const char *unit)
{
	buf_addf(out, "%.*f", decimals, v);
	if (unit)
		buf_adds(out, unit);
}

static int cmp_desc(const double *values, size_t a, size_t b)
{
	if (values[a] != values[b])
		return values[a] > values[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* stable descending order of values (insertion sort: charts are small) */
static void order_of(const struct chart_bars *c, size_t *order)
{
	for (size_t i = 0; i < c->n; i++)
		order[i] = i;
	if (!c->sort)
		return;
	for (size_t i = 1; i < c->n; i++) {
		size_t v = order[i], j = i;

		while (j > 0 && cmp_desc(c->values, order[j - 1], v) > 0) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
}

void chart_bars_svg(struct buf *b, const struct chart_bars *c)
{
	const char *id = c->id && *c->id ? c->id : "chart";
	int width = c->width > 0 ? c->width : 640;
	int decimals = c->decimals < 0 ? 0 : c->decimals > 3 ? 3 : c->decimals;
	size_t *order, longest = 0, max_chars;
	double max, largest = 0, label_w, x0, area, axis_y, height;
	struct buf tmp = BUF_INIT;

	if (!c->n)
		return;
	order = xcalloc(c->n, sizeof(*order));
	order_of(c, order);
	for (size_t i = 0; i < c->n; i++) {
		size_t len = utf8_len(c->labels[i] ? c->labels[i] : "");

		if (len > longest)
			longest = len;
		if (c->values[i] > largest)
			largest = c->values[i];
	}
	max = c->max > 0 ? c->max : chart_nice_max(largest);
	label_w = longest * CHAR_W + 12;
	if (label_w < 60)
		label_w = 60;
	if (label_w > width * 0.4)
		label_w = floor(width * 0.4);
	max_chars = (size_t)((label_w - 12) / CHAR_W);
	if (max_chars < 4)
		max_chars = 4;
	x0 = label_w;
	area = width - label_w - VALUE_W;
	if (area < 40)
		area = 40;
	axis_y = TOP + (double)c->n * ROW_H;
	height = axis_y + AXIS_H;

	html_raw_literal(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"reach-chart\" role=\"img\"");
	html_attr(b, "aria-label", c->title);
	html_attrf(b, "aria-describedby", "%s-desc", id);
	html_attrf(b, "width", "%d", width);
	html_attrf(b, "height", "%.0f", height);
	html_attrf(b, "viewBox", "0 0 %d %.0f", width, height);
	html_raw_literal(b, " font-family=\"arial, sans-serif\" font-size=\"14\">\n<title");
	html_attrf(b, "id", "%s-title", id);
	html_raw_literal(b, ">");
	html_text(b, c->title);
	html_raw_literal(b, "</title>\n<desc");
	html_attrf(b, "id", "%s-desc", id);
	html_raw_literal(b, ">");
	for (size_t k = 0; k < c->n; k++) {
		size_t i = order[k];

		buf_reset(&tmp);
		buf_adds(&tmp, c->labels[i] ? c->labels[i] : "");
		buf_adds(&tmp, ": ");
		add_value(&tmp, c->values[i], decimals, c->unit);
		if (k + 1 < c->n)
			buf_adds(&tmp, "; ");
		html_text(b, tmp.data);
	}
	html_raw_literal(b, "</desc>\n");

	if (c->highlight >= 0 && (size_t)c->highlight < c->n) {
		html_raw_literal(b, "<defs><pattern");
		html_attrf(b, "id", "%s-hatch", id);
		html_raw_literal(b, " width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
				    "patternTransform=\"rotate(45)\">"
				    "<rect width=\"8\" height=\"8\" fill=\"" MARK_FILL "\"/>"
				    "<rect width=\"3\" height=\"8\" fill=\"#ffffff\"/>"
				    "</pattern></defs>\n");
	}

	/* grid lines and their labels at 0, 1/4, 1/2, 3/4 and the end */
	for (int q = 0; q <= 4; q++) {
		double x = x0 + area * q / 4.0;

		html_raw_literal(b, "<line");
		html_attr(b, "class", q ? "reach-chart__grid" : "reach-chart__axis");
		html_attrf(b, "x1", "%.1f", x);
		html_attrf(b, "x2", "%.1f", x);
		html_attrf(b, "y1", "%d", TOP - 4);
		html_attrf(b, "y2", "%.0f", axis_y);
		if (q)
			html_raw_literal(b, " stroke=\"" GRID_STROKE "\" stroke-dasharray=\"2 2\"/>\n");
		else
			html_raw_literal(b, " stroke=\"" AXIS_STROKE "\"/>\n");
		buf_reset(&tmp);
		add_value(&tmp, max * q / 4.0, max * q / 4.0 == floor(max * q / 4.0) ? 0 : 1, c->unit);
		html_raw_literal(b, "<text class=\"reach-chart__label\" fill=\"" TEXT_FILL "\" font-size=\"12\"");
		html_attrf(b, "x", "%.1f", x);
		html_attrf(b, "y", "%.0f", axis_y + 18);
		html_attr(b, "text-anchor", q == 0 ? "start" : q == 4 ? "end" : "middle");
		html_raw_literal(b, ">");
		html_text(b, tmp.data);
		html_raw_literal(b, "</text>\n");
	}

	for (size_t k = 0; k < c->n; k++) {
		size_t i = order[k];
		int mark = c->highlight >= 0 && (size_t)c->highlight == i;
		double v = c->values[i] > 0 ? c->values[i] : 0;
		double w = v >= max ? area : area * v / max;
		double y = TOP + (double)k * ROW_H + (ROW_H - BAR_H) / 2.0;

		html_raw_literal(b, "<g");
		html_attr(b, "class", mark ? "reach-chart__row reach-chart__row--highlight" : "reach-chart__row");
		html_raw_literal(b, ">\n<text class=\"reach-chart__label\" fill=\"" TEXT_FILL "\" text-anchor=\"end\"");
		html_attrf(b, "x", "%.1f", x0 - 8);
		html_attrf(b, "y", "%.1f", y + BAR_H / 2.0 + 5);
		if (mark)
			html_raw_literal(b, " font-weight=\"bold\"");
		html_raw_literal(b, ">");
		add_label(b, c->labels[i], max_chars);
		html_raw_literal(b, "</text>\n<rect");
		if (mark) {
			html_attr(b, "class", "reach-chart__bar-highlight");
			html_attrf(b, "fill", "url(#%s-hatch)", id);
			html_raw_literal(b, " stroke=\"" MARK_FILL "\" stroke-width=\"2\"");
		} else {
			html_raw_literal(b, " class=\"reach-chart__bar\" fill=\"" BAR_FILL "\"");
		}
		html_attrf(b, "x", "%.1f", x0);
		html_attrf(b, "y", "%.1f", y);
		html_attrf(b, "width", "%.1f", w);
		html_attrf(b, "height", "%d", BAR_H);
		html_raw_literal(b, "/>\n<text class=\"reach-chart__value\" fill=\"" TEXT_FILL "\" font-weight=\"bold\"");
		html_attrf(b, "x", "%.1f", x0 + w + 6);
		html_attrf(b, "y", "%.1f", y + BAR_H / 2.0 + 5);
		html_raw_literal(b, ">");
		buf_reset(&tmp);
		add_value(&tmp, c->values[i], decimals, c->unit);
		html_text(b, tmp.data);
		html_raw_literal(b, "</text>\n</g>\n");
	}
	html_raw_literal(b, "</svg>\n");
	buf_release(&tmp);
	free(order);
}
