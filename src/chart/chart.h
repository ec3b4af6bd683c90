/* chart.h: the charts of Reach (web pages, PDF and HTML packs): one model, one layout, two backends
 *
 * A chart is described by a struct chart_bars (a horizontal bar chart) or a
 * struct chart_lines (values over time). chart_layout_bars() and
 * chart_layout_lines() turn it into a struct chart_layout: a list of drawing
 * primitives (rectangles, lines, markers, text) in abstract units, one unit
 * being one SVG pixel. The backends only draw that list:
 *
 *   chart_svg()         inline SVG through the HTML writer (html.h): every
 *                       label and title is text, never markup; role="img",
 *                       an aria-label, a <title> and a <desc> listing every
 *                       value, ids prefixed with the chart's id
 *   chart_cairo_draw()  cairo with pango text (vector, selectable), scaled
 *
 * so a page, a PDF and an HTML pack show the same picture. Colours are from
 * the GOV.UK palette with at least 4.5:1 contrast on white, and nothing relies
 * on colour alone: a marked bar is hatched, outlined and its label bold; each
 * line has its own dash and marker shape and is labelled at its end.
 */
#ifndef REACH_CHART_H
#define REACH_CHART_H

#include <stddef.h>
#include "../util/buf.h"

/* colours, 0xRRGGBB */
#define CHART_BLUE 0x1d70b8    /* GOV.UK blue: bars, the first line */
#define CHART_GREEN 0x00703c   /* GOV.UK green: marked bars, the second line */
#define CHART_PURPLE 0x4c2c92  /* GOV.UK purple */
#define CHART_RED 0xd4351c     /* GOV.UK red */
#define CHART_GREY 0x505a5f    /* GOV.UK dark grey: axis, reference lines */
#define CHART_INK 0x0b0c0c     /* GOV.UK text colour */
#define CHART_GRID 0xb1b4b6    /* GOV.UK mid grey: grid lines only (not text) */
#define CHART_WHITE 0xffffff
#define CHART_NONE (-1)        /* no fill / no stroke */

/* the colours lines and bars are drawn in, every one >= 4.5:1 on white */
extern const int chart_palette[];
extern const size_t chart_palette_len;
/* the WCAG 2 contrast ratio of two colours (1 to 21) */
double chart_contrast(int rgb1, int rgb2);

/*
 * A horizontal bar chart: one bar a row, its label at the start of the row
 * and its value written at the end of the bar, over an axis from 0 to `max`
 * with grid lines at quarters. Negative values draw as 0; NaN draws no bar
 * and reads "no figure".
 */
struct chart_bars {
	const char *id;                /* prefix of the SVG's ids, unique in the page ("reach-reg") */
	const char *title;             /* the chart's title: <title> and aria-label */
	const char *const *labels;     /* n labels */
	const double *values;          /* n values */
	size_t n;                      /* number of bars */
	double max;                    /* the axis end; 0 = the largest value, rounded up */
	long highlight;                /* index of the highlighted bar, -1 for none */
	const char *unit;              /* after each value ("%"), or NULL */
	int decimals;                  /* decimals of the value labels (0-3) */
	int sort;                      /* 1: bars in descending order of value (ties keep order) */
	int width;                     /* the drawing's width in units; 0 = 640 */
	const unsigned char *marks;    /* n flags: the marked bars (then `highlight` is ignored); or NULL */
};

enum chart_dash { CHART_SOLID, CHART_DASHED, CHART_DOTTED };
enum chart_marker { CHART_MARK_NONE, CHART_MARK_CIRCLE, CHART_MARK_SQUARE, CHART_MARK_TRIANGLE,
		    CHART_MARK_DIAMOND };

/* one line of a line chart */
struct chart_series {
	const char *name;          /* written at the line's end and in the description */
	const double *values;      /* one per x position; NaN = no figure (a gap) */
	enum chart_dash dash;      /* the line's dash */
	enum chart_marker marker;  /* the shape at each point */
	int colour;                /* 0xRRGGBB, or 0 for the palette's colour of its index */
};

/*
 * Values over time: x positions with labels (quarters, periods), several
 * series, each drawn with its own dash and markers and named at its end.
 * Positions from `nactual` on are a forecast: each series continues there
 * dotted, without markers, from its last actual point, under the word
 * "Forecast". Reference lines (the LA, England) are series like any other,
 * usually grey and dashed.
 */
struct chart_lines {
	const char *id;                  /* prefix of the SVG's ids */
	const char *title;               /* <title> and aria-label */
	const char *const *xlabels;      /* n labels of the x positions */
	size_t n;                        /* x positions */
	size_t nactual;                  /* positions with actual figures; the rest are forecast */
	const struct chart_series *series;
	size_t nseries;
	const char *unit;                /* after each value ("%"), or NULL */
	int decimals;                    /* decimals of the values (0-3) */
	double max;                      /* the axis end; 0 = from the values */
	int width;                       /* units; 0 = 640 */
};

/* the drawing primitives */
enum chart_prim_kind { CHART_RECT, CHART_LINE, CHART_MARKER, CHART_TEXT };
enum chart_anchor { CHART_START, CHART_MIDDLE, CHART_END };

struct chart_prim {
	enum chart_prim_kind kind;
	const char *cls;           /* its class in the SVG (a string literal) */
	double x, y, w, h;         /* rect: corner and size; marker: centre, w = size; text: anchor point, baseline */
	double *pts;               /* line: x0 y0 x1 y1 ... (owned) */
	size_t npts;               /* line: points */
	int fill;                  /* 0xRRGGBB or CHART_NONE */
	int hatch;                 /* rect: hatched in `fill` with white stripes */
	int stroke;                /* 0xRRGGBB or CHART_NONE */
	double stroke_width;
	enum chart_dash dash;
	enum chart_marker marker;  /* marker: the shape */
	char *text;                /* text: what is written (owned) */
	double size;               /* text: font size */
	int bold;                  /* text: bold */
	enum chart_anchor anchor;  /* text: which end is at x */
};

struct chart_layout {
	char *id;                  /* prefix of the ids */
	char *title;               /* the title */
	char *desc;                /* every value, in words */
	double width, height;      /* units */
	int has_hatch;             /* some rect is hatched */
	struct chart_prim *v;      /* the primitives, drawn in order */
	size_t n, alloc;
};

/* lay a chart out; an empty layout (n == 0, height 0) for no bars or no x positions */
void chart_layout_bars(struct chart_layout *l, const struct chart_bars *c);
void chart_layout_lines(struct chart_layout *l, const struct chart_lines *c);
void chart_layout_release(struct chart_layout *l);

/* append the layout as an <svg> element; nothing for an empty layout */
void chart_svg(struct buf *b, const struct chart_layout *l);

/* lay out and append as SVG in one call (nothing for n == 0) */
void chart_bars_svg(struct buf *b, const struct chart_bars *c);
void chart_lines_svg(struct buf *b, const struct chart_lines *c);

/* a round axis end at or above v: four steps of 1, 2, 2.5 or 5 times a power of ten (0 -> 1) */
double chart_nice_max(double v);

#endif
