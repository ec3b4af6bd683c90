/* chart.h: bar charts drawn on the server as inline SVG (reach pages, data packs) */
#ifndef REACH_CHART_H
#define REACH_CHART_H

#include <stddef.h>
#include "../util/buf.h"

/*
 * A horizontal bar chart: one bar a row, its label at the start of the row
 * and its value written at the end of the bar, over an axis from 0 to
 * `max` with grid lines at quarters.
 *
 * Everything is written through the HTML writer (html.h), so labels and
 * titles are text, never markup. The SVG has role="img", an aria-label and
 * a <title> (the title), and a <desc> listing every label with its value,
 * so a screen reader gets the numbers and not only the picture.
 *
 * One bar may be highlighted (the authority's average, this centre): it
 * is filled with a hatch pattern in another colour and its label is bold,
 * so it stands out without relying on colour. Colours are the GOV.UK blue
 * and green with at least 4.5:1 contrast on white; the page's reach.css
 * may restyle the classes (reach-chart, reach-chart__bar ...), but the
 * SVG carries its own presentation attributes and reads correctly
 * without any stylesheet (a PDF, a saved file).
 */

struct chart_bars {
	const char *id;                /* prefix of the SVG's ids, unique in the page ("reach-reg") */
	const char *title;             /* the chart's title: <title> and aria-label */
	const char *const *labels;     /* n labels */
	const double *values;          /* n values (negative values draw as 0) */
	size_t n;                      /* number of bars */
	double max;                    /* the axis end; 0 = the largest value, rounded up */
	long highlight;                /* index of the highlighted bar, -1 for none */
	const char *unit;              /* after each value ("%"), or NULL */
	int decimals;                  /* decimals of the value labels (0-3) */
	int sort;                      /* 1: bars in descending order of value (ties keep order) */
	int width;                     /* the drawing's width in px; 0 = 640 */
};

/* append the chart as an <svg> element; nothing for n == 0 */
void chart_bars_svg(struct buf *b, const struct chart_bars *c);

/* a round axis end at or above v: four steps of 1, 2, 2.5 or 5 times a power of ten (0 -> 1) */
double chart_nice_max(double v);

#endif
