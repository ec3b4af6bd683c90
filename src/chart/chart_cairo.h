/* chart_cairo.h: a chart layout (chart.h) drawn with cairo and pango (PDF packs) */
#ifndef REACH_CHART_CAIRO_H
#define REACH_CHART_CAIRO_H

#include <cairo.h>
#include "chart.h"

/*
 * Draw the primitives of `l` with the layout's top left corner at (x, y),
 * each unit `scale` points (a layout 900 units wide at 0.55 fills 495 pt).
 * Vector shapes and pango text, so the text stays selectable.
 */
void chart_cairo_draw(cairo_t *cr, double x, double y, double scale, const struct chart_layout *l);

/* free the font caches drawing text built (pango, cairo, fontconfig), at exit,
 * so a leak checker sees only real leaks (in AddressSanitizer builds only);
 * drawing again rebuilds them */
void chart_cairo_shutdown(void);

#endif
