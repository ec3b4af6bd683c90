/* chart_cairo.h: the bar charts of chart.h drawn with cairo and pango (PDF packs) */
#ifndef REACH_CHART_CAIRO_H
#define REACH_CHART_CAIRO_H

#include <cairo.h>
#include "../web/chart.h"

/*
 * Draw the chart described by `c` (the same struct chart_bars the web
 * pages draw as SVG, so both read one model) at (x, y), `width` points
 * wide, in vector form with selectable text. The layout follows
 * chart_bars_svg: a label column, bars over an axis from 0 to a round
 * maximum (chart_nice_max) with grid lines at quarters, the value after
 * each bar; the highlighted bar is hatched in green with a green outline
 * and its label is bold, so it does not rely on colour. c->width is
 * ignored. Returns the height used, in points.
 */
double chart_bars_cairo(cairo_t *cr, double x, double y, double width, const struct chart_bars *c);

/* the same with any number of highlighted bars: marks[i] for bar i (c->highlight ignored) */
double chart_bars_cairo_marked(cairo_t *cr, double x, double y, double width, const struct chart_bars *c,
			       const unsigned char *marks);

/* the height chart_bars_cairo will use for n bars */
double chart_bars_cairo_height(size_t n);

#endif
