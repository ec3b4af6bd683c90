/* chart_cairo.c: horizontal bar charts drawn with cairo, text laid out by pango */
#include "chart_cairo.h"
#include "../util/util.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define ROW_H 15.0     /* pt a bar's row takes */
#define BAR_H 10.0     /* pt of the bar itself */
#define TOP 4.0        /* pt above the first row */
#define AXIS_H 16.0    /* pt below the rows for the axis labels */
#define VALUE_W 44.0   /* pt kept after the longest bar for its value */
#define FONT_SIZE 7.5  /* pt */

/* GOV.UK blue and green, as in chart.c */
static void set_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

#define BAR_FILL 0x1d70b8
#define MARK_FILL 0x00703c
#define TEXT_FILL 0x0b0c0c
#define AXIS_STROKE 0x505a5f
#define GRID_STROKE 0xb1b4b6

double chart_bars_cairo_height(size_t n)
{
	return n ? TOP + (double)n * ROW_H + AXIS_H : 0;
}

static PangoFontDescription *font(void)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, "Sans");
	pango_font_description_set_absolute_size(fd, FONT_SIZE * PANGO_SCALE);
	return fd;
}

/* the text at (x, y) (y is the middle of the line); align -1 left, 0 centre, 1 right;
 * cut with an ellipsis to max_w points if max_w > 0 */
static double text_at(cairo_t *cr, const char *s, double x, double y, int align, int bold, double max_w)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = font();
	int w, h;

	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	if (max_w > 0) {
		pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_text(l, s ? s : "", -1);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_move_to(cr, align < 0 ? x : align == 0 ? x - w / 2.0 : x - w, y - h / 2.0);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(fd);
	g_object_unref(l);
	return w;
}

static double text_width(cairo_t *cr, const char *s, int bold)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = font();
	int w, h;

	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_text(l, s ? s : "", -1);
	pango_layout_get_pixel_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return w;
}

static void value_text(char *out, size_t n, double v, int decimals, const char *unit)
{
	snprintf(out, n, "%.*f%s", decimals, v, unit ? unit : "");
}

/* stable descending order when asked (insertion sort: charts are small) */
static void order_of(const struct chart_bars *c, size_t *order)
{
	for (size_t i = 0; i < c->n; i++)
		order[i] = i;
	if (!c->sort)
		return;
	for (size_t i = 1; i < c->n; i++) {
		size_t v = order[i], j = i;

		while (j > 0 && c->values[order[j - 1]] < c->values[v]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
}

/* diagonal hatching inside the rectangle, white stripes over the green fill */
static void hatch(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	set_rgb(cr, MARK_FILL);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 1.6);
	for (double s = x - h; s < x + w; s += 4.5) {
		cairo_move_to(cr, s, y + h);
		cairo_line_to(cr, s + h, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static int marked(const struct chart_bars *c, const unsigned char *marks, size_t i)
{
	return marks ? marks[i] != 0 : c->highlight >= 0 && (size_t)c->highlight == i;
}

double chart_bars_cairo(cairo_t *cr, double x, double y, double width, const struct chart_bars *c)
{
	return chart_bars_cairo_marked(cr, x, y, width, c, NULL);
}

double chart_bars_cairo_marked(cairo_t *cr, double x, double y, double width, const struct chart_bars *c,
			       const unsigned char *marks)
{
	int decimals = c->decimals < 0 ? 0 : c->decimals > 3 ? 3 : c->decimals;
	double largest = 0, label_w = 40, max, x0, area, axis_y;
	size_t *order;
	char tmp[64];

	if (!c->n)
		return 0;
	order = xcalloc(c->n, sizeof(*order));
	order_of(c, order);
	for (size_t i = 0; i < c->n; i++) {
		double w = text_width(cr, c->labels[i], marked(c, marks, i)) + 8;

		if (w > label_w)
			label_w = w;
		if (c->values[i] > largest)
			largest = c->values[i];
	}
	if (label_w > width * 0.4)
		label_w = floor(width * 0.4);
	max = c->max > 0 ? c->max : chart_nice_max(largest);
	x0 = x + label_w;
	area = width - label_w - VALUE_W;
	if (area < 40)
		area = 40;
	axis_y = y + TOP + (double)c->n * ROW_H;

	cairo_save(cr);
	for (int q = 0; q <= 4; q++) {
		double gx = x0 + area * q / 4.0, v = max * q / 4.0;

		cairo_move_to(cr, gx, y + TOP - 2);
		cairo_line_to(cr, gx, axis_y);
		if (q) {
			static const double dash[] = { 1.5, 1.5 };

			set_rgb(cr, GRID_STROKE);
			cairo_set_dash(cr, dash, 2, 0);
		} else {
			set_rgb(cr, AXIS_STROKE);
		}
		cairo_set_line_width(cr, 0.6);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		value_text(tmp, sizeof(tmp), v, v == floor(v) ? 0 : 1, c->unit);
		set_rgb(cr, TEXT_FILL);
		text_at(cr, tmp, gx, axis_y + AXIS_H / 2.0, q == 0 ? -1 : q == 4 ? 1 : 0, 0, 0);
	}
	for (size_t k = 0; k < c->n; k++) {
		size_t i = order[k];
		int mark = marked(c, marks, i);
		double v = c->values[i] > 0 ? c->values[i] : 0;
		double w = v >= max ? area : area * v / max;
		double by = y + TOP + (double)k * ROW_H + (ROW_H - BAR_H) / 2.0;

		set_rgb(cr, TEXT_FILL);
		text_at(cr, c->labels[i], x0 - 4, by + BAR_H / 2.0, 1, mark, label_w - 6);
		if (mark) {
			hatch(cr, x0, by, w, BAR_H);
			set_rgb(cr, MARK_FILL);
			cairo_set_line_width(cr, 1.2);
			cairo_rectangle(cr, x0, by, w, BAR_H);
			cairo_stroke(cr);
		} else {
			set_rgb(cr, BAR_FILL);
			cairo_rectangle(cr, x0, by, w, BAR_H);
			cairo_fill(cr);
		}
		value_text(tmp, sizeof(tmp), c->values[i], decimals, c->unit);
		set_rgb(cr, TEXT_FILL);
		text_at(cr, tmp, x0 + w + 3, by + BAR_H / 2.0, -1, 1, 0);
	}
	cairo_restore(cr);
	free(order);
	return chart_bars_cairo_height(c->n);
}
