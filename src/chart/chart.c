/* chart.c: the layout of bar and line charts as drawing primitives (chart.h) */
#include "chart.h"
#include "../util/text.h"
#include "../util/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* bar charts */
#define ROW_H 28       /* units a bar's row takes */
#define BAR_H 18       /* units of the bar itself */
#define TOP 8          /* units above the first row */
#define AXIS_H 26      /* units below the rows for the axis labels */
#define VALUE_W 72     /* units kept after the longest bar for its value */
#define CHAR_W 7.5     /* a rough width of one character at 14 units */
#define FONT 14        /* labels and values */
#define SMALL 12       /* axis labels */

/* line charts */
#define LINE_TOP 26    /* units above the plot: room for "Forecast" */
#define PLOT_H 200     /* units of the plot's height */
#define SMALL_W 6.6    /* a rough width of one character at 12 units */
#define END_GAP 15     /* least distance between two end labels */

const int chart_palette[] = { CHART_BLUE, CHART_GREEN, CHART_PURPLE, CHART_RED, CHART_GREY };
const size_t chart_palette_len = sizeof(chart_palette) / sizeof(chart_palette[0]);

static double channel(int v)
{
	double c = v / 255.0;

	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(int rgb)
{
	return 0.2126 * channel((rgb >> 16) & 255) + 0.7152 * channel((rgb >> 8) & 255) +
	       0.0722 * channel(rgb & 255);
}

double chart_contrast(int rgb1, int rgb2)
{
	double a = luminance(rgb1), b = luminance(rgb2);

	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

double chart_nice_max(double v)
{
	static const double steps[] = { 1, 2, 2.5, 5, 10 };
	double quarter = v / 4, p;

	/* four equal steps of 1, 2, 2.5 or 5 times a power of ten (2.5 only
	 * where it stays whole), so every grid line has a round label */
	if (!(v > 0) || !isfinite(v))
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

static struct chart_prim *add(struct chart_layout *l, enum chart_prim_kind kind, const char *cls)
{
	struct chart_prim *p;

	XGROW(l->v, l->alloc, l->n + 1);
	p = &l->v[l->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->cls = cls;
	p->fill = CHART_NONE;
	p->stroke = CHART_NONE;
	return p;
}

static void add_text(struct chart_layout *l, const char *cls, double x, double y, const char *s, double size,
		     int bold, enum chart_anchor anchor, int fill)
{
	struct chart_prim *p = add(l, CHART_TEXT, cls);

	p->x = x;
	p->y = y;
	p->text = xstrdup(s ? s : "");
	p->size = size;
	p->bold = bold;
	p->anchor = anchor;
	p->fill = fill;
}

static struct chart_prim *add_rect(struct chart_layout *l, const char *cls, double x, double y, double w,
				   double h, int fill)
{
	struct chart_prim *p = add(l, CHART_RECT, cls);

	p->x = x;
	p->y = y;
	p->w = w;
	p->h = h;
	p->fill = fill;
	return p;
}

static struct chart_prim *add_line(struct chart_layout *l, const char *cls, const double *pts, size_t npts,
				   int stroke, double width, enum chart_dash dash)
{
	struct chart_prim *p = add(l, CHART_LINE, cls);

	p->pts = xcalloc(2 * npts, sizeof(*p->pts));
	memcpy(p->pts, pts, 2 * npts * sizeof(*p->pts));
	p->npts = npts;
	p->stroke = stroke;
	p->stroke_width = width;
	p->dash = dash;
	return p;
}

static void add_segment(struct chart_layout *l, const char *cls, double x1, double y1, double x2, double y2,
			int stroke, double width, enum chart_dash dash)
{
	double pts[4] = { x1, y1, x2, y2 };

	add_line(l, cls, pts, 2, stroke, width, dash);
}

static void add_marker(struct chart_layout *l, const char *cls, double x, double y, double size,
		       enum chart_marker shape, int fill)
{
	struct chart_prim *p = add(l, CHART_MARKER, cls);

	p->x = x;
	p->y = y;
	p->w = size;
	p->marker = shape;
	p->fill = fill;
}

void chart_layout_release(struct chart_layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].pts);
		free(l->v[i].text);
	}
	free(l->v);
	free(l->id);
	free(l->title);
	free(l->desc);
	memset(l, 0, sizeof(*l));
}

static void layout_begin(struct chart_layout *l, const char *id, const char *title, double width)
{
	memset(l, 0, sizeof(*l));
	l->id = xstrdup(id && *id ? id : "chart");
	l->title = xstrdup(title ? title : "");
	l->width = width;
}

/* "12.5%", or "no figure" for NaN */
static void value_text(struct buf *out, double v, int decimals, const char *unit)
{
	if (!isfinite(v)) {
		buf_adds(out, "no figure");
		return;
	}
	buf_addf(out, "%.*f", decimals, v);
	if (unit)
		buf_adds(out, unit);
}

/* s cut to at most `max` code points, the last an ellipsis */
static char *cut(const char *s, size_t max)
{
	size_t n = 0, i = 0;
	struct buf b = BUF_INIT;

	if (!s)
		s = "";
	if (max < 2)
		max = 2;
	if (utf8_len(s) <= max)
		return xstrdup(s);
	for (; s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == max - 1)
			break;
	buf_add(&b, s, i);
	buf_adds(&b, "\xE2\x80\xA6"); /* … */
	return buf_detach(&b, NULL);
}

static int clamp_decimals(int d)
{
	return d < 0 ? 0 : d > 3 ? 3 : d;
}

/* NaN sorts last; ties keep their order */
static int cmp_desc(const double *values, size_t a, size_t b)
{
	int na = !isfinite(values[a]), nb = !isfinite(values[b]);

	if (na != nb)
		return na ? 1 : -1;
	if (!na && values[a] != values[b])
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

static int bar_marked(const struct chart_bars *c, size_t i)
{
	return c->marks ? c->marks[i] != 0 : c->highlight >= 0 && (size_t)c->highlight == i;
}

void chart_layout_bars(struct chart_layout *l, const struct chart_bars *c)
{
	double width = c->width > 0 ? c->width : 640;
	int decimals = clamp_decimals(c->decimals);
	size_t *order, longest = 0, max_chars;
	double max, largest = 0, label_w, x0, area, axis_y;
	struct buf tmp = BUF_INIT, desc = BUF_INIT;

	layout_begin(l, c->id, c->title, width);
	if (!c->n)
		return;
	order = xcalloc(c->n, sizeof(*order));
	order_of(c, order);
	for (size_t i = 0; i < c->n; i++) {
		size_t len = utf8_len(c->labels[i] ? c->labels[i] : "");

		if (len > longest)
			longest = len;
		if (isfinite(c->values[i]) && c->values[i] > largest)
			largest = c->values[i];
		if (bar_marked(c, i))
			l->has_hatch = 1;
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
	l->height = axis_y + AXIS_H;

	for (size_t k = 0; k < c->n; k++) {
		size_t i = order[k];

		buf_adds(&desc, c->labels[i] ? c->labels[i] : "");
		buf_adds(&desc, ": ");
		value_text(&desc, c->values[i], decimals, c->unit);
		if (k + 1 < c->n)
			buf_adds(&desc, "; ");
	}
	l->desc = buf_detach(&desc, NULL);

	/* grid lines and their labels at 0, 1/4, 1/2, 3/4 and the end */
	for (int q = 0; q <= 4; q++) {
		double x = x0 + area * q / 4.0, v = max * q / 4.0;

		if (q)
			add_segment(l, "reach-chart__grid", x, TOP - 4, x, axis_y, CHART_GRID, 1, CHART_DOTTED);
		else
			add_segment(l, "reach-chart__axis", x, TOP - 4, x, axis_y, CHART_GREY, 1, CHART_SOLID);
		buf_reset(&tmp);
		value_text(&tmp, v, v == floor(v) ? 0 : 1, c->unit);
		add_text(l, "reach-chart__label", x, axis_y + 18, tmp.data, SMALL, 0,
			 q == 0 ? CHART_START : q == 4 ? CHART_END : CHART_MIDDLE, CHART_INK);
	}

	for (size_t k = 0; k < c->n; k++) {
		size_t i = order[k];
		int mark = bar_marked(c, i);
		double v = isfinite(c->values[i]) && c->values[i] > 0 ? c->values[i] : 0;
		double w = v >= max ? area : area * v / max;
		double y = TOP + (double)k * ROW_H + (ROW_H - BAR_H) / 2.0;
		char *label = cut(c->labels[i], max_chars);

		add_text(l, "reach-chart__label", x0 - 8, y + BAR_H / 2.0 + 5, label, FONT, mark, CHART_END,
			 CHART_INK);
		free(label);
		if (isfinite(c->values[i])) {
			struct chart_prim *r;

			if (mark) {
				r = add_rect(l, "reach-chart__bar-highlight", x0, y, w, BAR_H, CHART_GREEN);
				r->hatch = 1;
				r->stroke = CHART_GREEN;
				r->stroke_width = 2;
			} else {
				add_rect(l, "reach-chart__bar", x0, y, w, BAR_H, CHART_BLUE);
			}
		}
		buf_reset(&tmp);
		value_text(&tmp, c->values[i], decimals, c->unit);
		add_text(l, "reach-chart__value", x0 + w + 6, y + BAR_H / 2.0 + 5, tmp.data, FONT, 1, CHART_START,
			 CHART_INK);
	}
	buf_release(&tmp);
	free(order);
}

/* the range of the y axis: from 0 (or a round negative) to a round maximum */
static void lines_range(const struct chart_lines *c, double *ymin, double *ymax)
{
	double lo = 0, hi = 0;

	for (size_t s = 0; s < c->nseries; s++)
		for (size_t i = 0; i < c->n; i++) {
			double v = c->series[s].values[i];

			if (!isfinite(v))
				continue;
			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
		}
	*ymax = c->max > 0 ? c->max : chart_nice_max(hi);
	*ymin = lo < 0 ? -chart_nice_max(-lo) : 0;
}

struct end_label {
	size_t series;
	double y;
};

/* push end labels apart so none overlaps the next (they are sorted by y) */
static void spread(struct end_label *e, size_t n, double top, double bottom)
{
	for (size_t i = 1; i < n; i++)
		if (e[i].y < e[i - 1].y + END_GAP)
			e[i].y = e[i - 1].y + END_GAP;
	if (n && e[n - 1].y > bottom) {
		e[n - 1].y = bottom;
		for (size_t i = n - 1; i-- > 0;)
			if (e[i].y > e[i + 1].y - END_GAP)
				e[i].y = e[i + 1].y - END_GAP;
	}
	for (size_t i = 0; i < n && e[i].y < top; i++)
		e[i].y = top;
}

/* the series' points from..to (positions), one polyline per run without a gap */
static void series_runs(struct chart_layout *l, const char *cls, const double *px, const double *py,
			const double *vals, size_t from, size_t to, int colour, double width, enum chart_dash dash)
{
	double *pts = xcalloc(2 * (to - from + 1), sizeof(*pts));
	size_t np = 0;

	for (size_t i = from; i <= to; i++) {
		if (isfinite(vals[i])) {
			pts[2 * np] = px[i];
			pts[2 * np + 1] = py[i];
			np++;
		}
		if ((!isfinite(vals[i]) || i == to) && np) {
			if (np > 1)
				add_line(l, cls, pts, np, colour, width, dash);
			np = 0;
		}
	}
	free(pts);
}

static int series_colour(const struct chart_lines *c, size_t s)
{
	return c->series[s].colour ? c->series[s].colour : chart_palette[s % chart_palette_len];
}

static void lines_desc(struct chart_layout *l, const struct chart_lines *c, int decimals)
{
	struct buf d = BUF_INIT;

	for (size_t s = 0; s < c->nseries; s++) {
		buf_adds(&d, c->series[s].name ? c->series[s].name : "");
		buf_adds(&d, ":");
		for (size_t i = 0; i < c->n; i++) {
			if (i == c->nactual)
				buf_adds(&d, "; forecast:");
			buf_addf(&d, " %s ", c->xlabels[i] ? c->xlabels[i] : "");
			value_text(&d, c->series[s].values[i], decimals, c->unit);
			if (i + 1 < c->n && i + 1 != c->nactual)
				buf_adds(&d, ",");
		}
		if (s + 1 < c->nseries)
			buf_adds(&d, ". ");
	}
	l->desc = buf_detach(&d, NULL);
}

void chart_layout_lines(struct chart_layout *l, const struct chart_lines *c)
{
	double width = c->width > 0 ? c->width : 640;
	int decimals = clamp_decimals(c->decimals);
	size_t nactual = c->nactual < c->n ? c->nactual : c->n, longest = 0, xlong = 0, ychars = 0, step;
	double ymin, ymax, x0, pw, right, axis_y = LINE_TOP + PLOT_H, *px = NULL, *py = NULL;
	struct end_label *ends = NULL;
	size_t nends = 0, name_chars;
	struct buf tmp = BUF_INIT;

	layout_begin(l, c->id, c->title, width);
	if (!c->n)
		return;
	lines_range(c, &ymin, &ymax);
	lines_desc(l, c, decimals);
	for (int q = 0; q <= 4; q++) {
		double v = ymin + (ymax - ymin) * q / 4.0;

		buf_reset(&tmp);
		value_text(&tmp, v, v == floor(v) ? 0 : 1, c->unit);
		if (utf8_len(tmp.data) > ychars)
			ychars = utf8_len(tmp.data);
	}
	for (size_t s = 0; s < c->nseries; s++) {
		size_t len = utf8_len(c->series[s].name ? c->series[s].name : "");

		if (len > longest)
			longest = len;
	}
	for (size_t i = 0; i < c->n; i++) {
		size_t len = utf8_len(c->xlabels[i] ? c->xlabels[i] : "");

		if (len > xlong)
			xlong = len;
	}
	x0 = ychars * SMALL_W + 10;
	right = longest * SMALL_W + 30;
	if (right > width * 0.35)
		right = floor(width * 0.35);
	name_chars = (size_t)((right - 30) / SMALL_W + 1e-9);
	pw = width - x0 - right;
	if (pw < 40)
		pw = 40;
	l->height = axis_y + 30;

	/* horizontal grid lines with their values */
	for (int q = 0; q <= 4; q++) {
		double v = ymin + (ymax - ymin) * q / 4.0, y = axis_y - PLOT_H * q / 4.0;

		add_segment(l, q ? "reach-chart__grid" : "reach-chart__axis", x0, y, x0 + pw, y,
			    q ? CHART_GRID : CHART_GREY, 1, q ? CHART_DOTTED : CHART_SOLID);
		buf_reset(&tmp);
		value_text(&tmp, v, v == floor(v) ? 0 : 1, c->unit);
		add_text(l, "reach-chart__label", x0 - 6, y + 4, tmp.data, SMALL, 0, CHART_END, CHART_INK);
	}
	px = xcalloc(c->n, sizeof(*px));
	py = xcalloc(c->n, sizeof(*py));
	for (size_t i = 0; i < c->n; i++)
		px[i] = x0 + pw * (i + 0.5) / (double)c->n;
	/* x labels: every step-th, so they do not run into each other */
	step = (size_t)ceil((xlong * SMALL_W + 8) * c->n / pw);
	if (step < 1)
		step = 1;
	for (size_t i = 0; i < c->n; i += step)
		add_text(l, "reach-chart__label", px[i], axis_y + 18, c->xlabels[i], SMALL, 0, CHART_MIDDLE,
			 CHART_INK);
	if (nactual < c->n) {
		double bx = nactual ? (px[nactual - 1] + px[nactual]) / 2 : x0;

		add_segment(l, "reach-chart__forecast-edge", bx, LINE_TOP - 16, bx, axis_y, CHART_GREY, 1,
			    CHART_DASHED);
		add_text(l, "reach-chart__label", bx + 4, LINE_TOP - 8, "Forecast", SMALL, 0, CHART_START,
			 CHART_GREY);
	}

	ends = xcalloc(c->nseries + 1, sizeof(*ends));
	for (size_t s = 0; s < c->nseries; s++) {
		const struct chart_series *se = &c->series[s];
		int colour = series_colour(c, s);
		size_t last = c->n;

		for (size_t i = 0; i < c->n; i++) {
			double v = se->values[i];

			py[i] = isfinite(v) ? axis_y - PLOT_H * (v - ymin) / (ymax - ymin) : 0;
			if (isfinite(v)) {
				if (py[i] < LINE_TOP - 4)
					py[i] = LINE_TOP - 4;
				last = i;
			}
		}
		if (nactual)
			series_runs(l, "reach-chart__line", px, py, se->values, 0, nactual - 1, colour, 2.5, se->dash);
		if (nactual < c->n)
			series_runs(l, "reach-chart__line-forecast", px, py, se->values, nactual ? nactual - 1 : 0,
				    c->n - 1, colour, 2, CHART_DOTTED);
		for (size_t i = 0; i < nactual; i++)
			if (isfinite(se->values[i]) && se->marker != CHART_MARK_NONE)
				add_marker(l, "reach-chart__marker", px[i], py[i], 8, se->marker, colour);
		if (last < c->n) {
			ends[nends].series = s;
			ends[nends++].y = py[last] + 4;
		}
	}
	/* the names at the lines' ends, in order of height */
	for (size_t i = 1; i < nends; i++) {
		struct end_label e = ends[i];
		size_t j = i;

		while (j > 0 && ends[j - 1].y > e.y) {
			ends[j] = ends[j - 1];
			j--;
		}
		ends[j] = e;
	}
	spread(ends, nends, LINE_TOP, axis_y + 4);
	for (size_t k = 0; k < nends; k++) {
		const struct chart_series *se = &c->series[ends[k].series];
		int colour = series_colour(c, ends[k].series);
		char *name = cut(se->name, name_chars);

		if (se->marker != CHART_MARK_NONE)
			add_marker(l, "reach-chart__marker", x0 + pw + 12, ends[k].y - 4, 8, se->marker, colour);
		add_text(l, "reach-chart__series", x0 + pw + 20, ends[k].y, name, SMALL, 1, CHART_START, colour);
		free(name);
	}
	free(ends);
	free(px);
	free(py);
	buf_release(&tmp);
}

void chart_bars_svg(struct buf *b, const struct chart_bars *c)
{
	struct chart_layout l;

	chart_layout_bars(&l, c);
	chart_svg(b, &l);
	chart_layout_release(&l);
}

void chart_lines_svg(struct buf *b, const struct chart_lines *c)
{
	struct chart_layout l;

	chart_layout_lines(&l, c);
	chart_svg(b, &l);
	chart_layout_release(&l);
}
