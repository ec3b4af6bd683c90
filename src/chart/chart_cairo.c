/* chart_cairo.c: a chart layout drawn with cairo, its text laid out by pango */
#include "chart_cairo.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

static void set_rgb(cairo_t *cr, int rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 255) / 255.0, ((rgb >> 8) & 255) / 255.0, (rgb & 255) / 255.0);
}

/* the dashes of chart_svg.c, in units (the cairo matrix is scaled) */
static void set_dash(cairo_t *cr, enum chart_dash d)
{
	static const double dashed[] = { 6, 4 }, dotted[] = { 2, 3 };

	if (d == CHART_DASHED)
		cairo_set_dash(cr, dashed, 2, 0);
	else if (d == CHART_DOTTED)
		cairo_set_dash(cr, dotted, 2, 0);
	else
		cairo_set_dash(cr, NULL, 0, 0);
}

/* diagonal white stripes over the fill, inside the rectangle (the SVG's hatch pattern) */
static void hatch(cairo_t *cr, const struct chart_prim *p)
{
	cairo_save(cr);
	cairo_rectangle(cr, p->x, p->y, p->w, p->h);
	cairo_clip(cr);
	set_rgb(cr, p->fill);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, 3);
	/* stripes 3 wide every 8 across, as the SVG pattern */
	for (double s = p->x - p->h; s < p->x + p->w; s += 8 * G_SQRT2) {
		cairo_move_to(cr, s, p->y + p->h);
		cairo_line_to(cr, s + p->h, p->y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void rect(cairo_t *cr, const struct chart_prim *p)
{
	if (p->hatch) {
		hatch(cr, p);
	} else if (p->fill != CHART_NONE) {
		set_rgb(cr, p->fill);
		cairo_rectangle(cr, p->x, p->y, p->w, p->h);
		cairo_fill(cr);
	}
	if (p->stroke != CHART_NONE) {
		set_rgb(cr, p->stroke);
		cairo_set_line_width(cr, p->stroke_width);
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_rectangle(cr, p->x, p->y, p->w, p->h);
		cairo_stroke(cr);
	}
}

static void line(cairo_t *cr, const struct chart_prim *p)
{
	if (p->npts < 2 || p->stroke == CHART_NONE)
		return;
	set_rgb(cr, p->stroke);
	cairo_set_line_width(cr, p->stroke_width);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, p->dash == CHART_DOTTED && p->stroke_width > 1 ? CAIRO_LINE_CAP_ROUND
			   : CAIRO_LINE_CAP_BUTT);
	set_dash(cr, p->dash);
	cairo_move_to(cr, p->pts[0], p->pts[1]);
	for (size_t i = 1; i < p->npts; i++)
		cairo_line_to(cr, p->pts[2 * i], p->pts[2 * i + 1]);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

static void marker(cairo_t *cr, const struct chart_prim *p)
{
	double r = p->w / 2;

	switch (p->marker) {
	case CHART_MARK_SQUARE:
		cairo_rectangle(cr, p->x - r, p->y - r, p->w, p->w);
		break;
	case CHART_MARK_TRIANGLE:
		cairo_move_to(cr, p->x, p->y - r * 1.15);
		cairo_line_to(cr, p->x + r * 1.15, p->y + r);
		cairo_line_to(cr, p->x - r * 1.15, p->y + r);
		cairo_close_path(cr);
		break;
	case CHART_MARK_DIAMOND:
		cairo_move_to(cr, p->x, p->y - r * 1.3);
		cairo_line_to(cr, p->x + r * 1.3, p->y);
		cairo_line_to(cr, p->x, p->y + r * 1.3);
		cairo_line_to(cr, p->x - r * 1.3, p->y);
		cairo_close_path(cr);
		break;
	default:
		cairo_new_sub_path(cr);
		cairo_arc(cr, p->x, p->y, r, 0, 2 * G_PI);
		break;
	}
	set_rgb(cr, p->fill == CHART_NONE ? CHART_INK : p->fill);
	cairo_fill(cr);
}

/* the text with its baseline at p->y, as SVG places it */
static void text(cairo_t *cr, const struct chart_prim *p)
{
	PangoLayout *pl = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	int w, h;
	double base, x;

	pango_font_description_set_family(fd, "Sans");
	pango_font_description_set_absolute_size(fd, p->size * PANGO_SCALE);
	if (p->bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(pl, fd);
	pango_layout_set_text(pl, p->text ? p->text : "", -1);
	pango_layout_get_pixel_size(pl, &w, &h);
	base = pango_layout_get_baseline(pl) / (double)PANGO_SCALE;
	x = p->anchor == CHART_START ? p->x : p->anchor == CHART_MIDDLE ? p->x - w / 2.0 : p->x - w;
	set_rgb(cr, p->fill == CHART_NONE ? CHART_INK : p->fill);
	cairo_move_to(cr, x, p->y - base);
	pango_cairo_show_layout(cr, pl);
	pango_font_description_free(fd);
	g_object_unref(pl);
}

/* built with AddressSanitizer (gcc says so with a macro, clang with __has_feature) */
#if defined(__SANITIZE_ADDRESS__)
#define LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_CHECKED 1
#endif
#endif

void chart_cairo_shutdown(void)
{
	/*
	 * Only where a leak checker runs: cairo asserts that no font is still
	 * alive, and pango may hold one a little longer (its fontconfig thread),
	 * which would abort a program that has done its work. At exit the
	 * memory goes back anyway.
	 */
#ifdef LEAK_CHECKED
	/* the font map holds fontconfig's configuration and caches */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
#endif
}

void chart_cairo_draw(cairo_t *cr, double x, double y, double scale, const struct chart_layout *l)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, scale, scale);
	for (size_t i = 0; i < l->n; i++) {
		const struct chart_prim *p = &l->v[i];

		switch (p->kind) {
		case CHART_RECT:
			rect(cr, p);
			break;
		case CHART_LINE:
			line(cr, p);
			break;
		case CHART_MARKER:
			marker(cr, p);
			break;
		case CHART_TEXT:
			text(cr, p);
			break;
		}
	}
	cairo_restore(cr);
}
