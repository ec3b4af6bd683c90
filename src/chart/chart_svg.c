/* chart_svg.c: a chart layout as inline SVG, written through the HTML writer */
#include "chart.h"
#include "../web/html.h"

/* dash patterns in units, as the cairo backend draws them */
static const char *dash_array(enum chart_dash d)
{
	return d == CHART_DASHED ? "6 4" : d == CHART_DOTTED ? "2 3" : NULL;
}

static void colour_attr(struct buf *b, const char *name, int rgb)
{
	if (rgb == CHART_NONE)
		html_attr(b, name, "none");
	else
		html_attrf(b, name, "#%06x", (unsigned)rgb);
}

static void rect(struct buf *b, const struct chart_layout *l, const struct chart_prim *p)
{
	html_raw_literal(b, "<rect");
	html_attr(b, "class", p->cls);
	if (p->hatch)
		html_attrf(b, "fill", "url(#%s-hatch)", l->id);
	else
		colour_attr(b, "fill", p->fill);
	if (p->stroke != CHART_NONE) {
		colour_attr(b, "stroke", p->stroke);
		html_attrf(b, "stroke-width", "%g", p->stroke_width);
	}
	html_attrf(b, "x", "%.1f", p->x);
	html_attrf(b, "y", "%.1f", p->y);
	html_attrf(b, "width", "%.1f", p->w);
	html_attrf(b, "height", "%.1f", p->h);
	html_raw_literal(b, "/>\n");
}

static void line(struct buf *b, const struct chart_prim *p)
{
	const char *dash = dash_array(p->dash);
	struct buf pts = BUF_INIT;

	if (p->npts == 2) {
		html_raw_literal(b, "<line");
		html_attr(b, "class", p->cls);
		html_attrf(b, "x1", "%.1f", p->pts[0]);
		html_attrf(b, "x2", "%.1f", p->pts[2]);
		html_attrf(b, "y1", "%.1f", p->pts[1]);
		html_attrf(b, "y2", "%.1f", p->pts[3]);
	} else {
		for (size_t i = 0; i < p->npts; i++)
			buf_addf(&pts, "%s%.1f,%.1f", i ? " " : "", p->pts[2 * i], p->pts[2 * i + 1]);
		html_raw_literal(b, "<polyline");
		html_attr(b, "class", p->cls);
		html_attr(b, "points", pts.data);
		html_raw_literal(b, " fill=\"none\" stroke-linejoin=\"round\"");
	}
	colour_attr(b, "stroke", p->stroke);
	if (p->stroke_width != 1)
		html_attrf(b, "stroke-width", "%g", p->stroke_width);
	if (dash)
		html_attr(b, "stroke-dasharray", dash);
	if (p->dash == CHART_DOTTED && p->stroke_width > 1)
		html_raw_literal(b, " stroke-linecap=\"round\"");
	html_raw_literal(b, "/>\n");
	buf_release(&pts);
}

static void marker(struct buf *b, const struct chart_prim *p)
{
	double r = p->w / 2;

	switch (p->marker) {
	case CHART_MARK_SQUARE:
		html_raw_literal(b, "<rect");
		html_attr(b, "class", p->cls);
		html_attrf(b, "x", "%.1f", p->x - r);
		html_attrf(b, "y", "%.1f", p->y - r);
		html_attrf(b, "width", "%.1f", p->w);
		html_attrf(b, "height", "%.1f", p->w);
		break;
	case CHART_MARK_TRIANGLE:
		html_raw_literal(b, "<polygon");
		html_attr(b, "class", p->cls);
		html_attrf(b, "points", "%.1f,%.1f %.1f,%.1f %.1f,%.1f", p->x, p->y - r * 1.15, p->x + r * 1.15,
			   p->y + r, p->x - r * 1.15, p->y + r);
		break;
	case CHART_MARK_DIAMOND:
		html_raw_literal(b, "<polygon");
		html_attr(b, "class", p->cls);
		html_attrf(b, "points", "%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f", p->x, p->y - r * 1.3,
			   p->x + r * 1.3, p->y, p->x, p->y + r * 1.3, p->x - r * 1.3, p->y);
		break;
	default:
		html_raw_literal(b, "<circle");
		html_attr(b, "class", p->cls);
		html_attrf(b, "cx", "%.1f", p->x);
		html_attrf(b, "cy", "%.1f", p->y);
		html_attrf(b, "r", "%.1f", r);
		break;
	}
	colour_attr(b, "fill", p->fill);
	html_raw_literal(b, "/>\n");
}

static void text(struct buf *b, const struct chart_prim *p)
{
	html_raw_literal(b, "<text");
	html_attr(b, "class", p->cls);
	colour_attr(b, "fill", p->fill);
	if (p->size != 14)
		html_attrf(b, "font-size", "%g", p->size);
	html_attrf(b, "x", "%.1f", p->x);
	html_attrf(b, "y", "%.1f", p->y);
	if (p->anchor != CHART_START)
		html_attr(b, "text-anchor", p->anchor == CHART_END ? "end" : "middle");
	if (p->bold)
		html_raw_literal(b, " font-weight=\"bold\"");
	html_raw_literal(b, ">");
	html_text(b, p->text);
	html_raw_literal(b, "</text>\n");
}

void chart_svg(struct buf *b, const struct chart_layout *l)
{
	if (!l->n)
		return;
	html_raw_literal(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"reach-chart\" role=\"img\"");
	html_attr(b, "aria-label", l->title);
	html_attrf(b, "aria-describedby", "%s-desc", l->id);
	html_attrf(b, "width", "%.0f", l->width);
	html_attrf(b, "height", "%.0f", l->height);
	html_attrf(b, "viewBox", "0 0 %.0f %.0f", l->width, l->height);
	html_raw_literal(b, " font-family=\"arial, sans-serif\" font-size=\"14\">\n<title");
	html_attrf(b, "id", "%s-title", l->id);
	html_raw_literal(b, ">");
	html_text(b, l->title);
	html_raw_literal(b, "</title>\n<desc");
	html_attrf(b, "id", "%s-desc", l->id);
	html_raw_literal(b, ">");
	html_text(b, l->desc ? l->desc : "");
	html_raw_literal(b, "</desc>\n");
	if (l->has_hatch) {
		/* the marked bars' fill: white stripes over green, so they differ by more than colour */
		html_raw_literal(b, "<defs><pattern");
		html_attrf(b, "id", "%s-hatch", l->id);
		html_raw_literal(b, " width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
				    "patternTransform=\"rotate(45)\">"
				    "<rect width=\"8\" height=\"8\" fill=\"#00703c\"/>"
				    "<rect width=\"3\" height=\"8\" fill=\"#ffffff\"/>"
				    "</pattern></defs>\n");
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct chart_prim *p = &l->v[i];

		switch (p->kind) {
		case CHART_RECT:
			rect(b, l, p);
			break;
		case CHART_LINE:
			line(b, p);
			break;
		case CHART_MARKER:
			marker(b, p);
			break;
		case CHART_TEXT:
			text(b, p);
			break;
		}
	}
	html_raw_literal(b, "</svg>\n");
}
