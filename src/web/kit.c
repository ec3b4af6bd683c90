/* kit.c: GOV.UK Design System components, written through the HTML writer
 *
 * The markup follows govuk-frontend 6's Nunjucks templates
 * (node_modules/govuk-frontend/dist/govuk/components/NAME/template.njk):
 * the same elements, classes, ids and ARIA attributes, so its CSS and
 * JavaScript work unchanged. Indentation and blank lines are not copied.
 *
 * The GOV.UK crown, logo and Crown copyright are left out: Reach is a
 * local-authority service, not a GOV.UK one. The header is the service
 * navigation component (service name, navigation, and in its end slot the
 * signed-in user, the sign-out button and the language menu).
 */
#include "kit.h"

#include <stdarg.h>
#include "html.h"
#include "i18n.h"

static const struct {
	enum kit_nav bit; /* which item */
	const char *href; /* where it goes */
	const char *key;  /* its words */
} nav_items[] = {
	{ KIT_NAV_SEARCH, "/search", "nav.search" },
	{ KIT_NAV_REGISTER, "/families/new", "nav.register" },
	{ KIT_NAV_REGISTERS, "/registers", "nav.registers" },
	{ KIT_NAV_VISITS, "/visits", "nav.visits" },
	{ KIT_NAV_REACH, "/reach", "nav.reach" },
	{ KIT_NAV_PACKS, "/packs", "nav.packs" },
	{ KIT_NAV_EXPORT, "/export", "nav.export" },
	{ KIT_NAV_DUPLICATES, "/duplicates", "nav.duplicates" },
	{ KIT_NAV_ADMIN, "/admin", "nav.admin" },
};

static const char *T(const char *lang, const char *key)
{
	return i18n_get(lang, key);
}

/* a size from code: "s", "m", "l" or "xl" (anything else is a bug); NULL or "" gives dflt */
static const char *size_name(const char *size, const char *dflt)
{
	if (!size || !*size)
		return dflt;
	if (strcmp(size, "s") && strcmp(size, "m") && strcmp(size, "l") && strcmp(size, "xl"))
		BUG("bad size '%s'", size);
	return size;
}

/* " govuk-label--m" for size "m", nothing for no size */
static void size_class(struct buf *b, const char *prefix, const char *size)
{
	size = size_name(size, NULL);
	if (!size)
		return;
	buf_addch(b, ' ');
	buf_adds(b, prefix);
	buf_adds(b, size);
}

/* ------------------------------------------------------------------ page */

static void service_navigation(struct buf *b, const struct kit_page *p, const char *lang)
{
	size_t shown = 0, nlangs = 0;
	const struct i18n_lang *langs = i18n_langs(&nlangs);

	for (size_t i = 0; i < ARRAY_LEN(nav_items); i++)
		if (p->nav & nav_items[i].bit)
			shown++;

	html_raw_literal(b, "<section");
	html_attr(b, "aria-label", T(lang, "kit.service_information"));
	html_raw_literal(b, " class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">\n"
			    "<div class=\"govuk-width-container\">\n"
			    "<div class=\"govuk-service-navigation__container\">\n"
			    "<span class=\"govuk-service-navigation__service-name\">\n"
			    "<a href=\"/\" class=\"govuk-service-navigation__link\">");
	html_text(b, T(lang, "kit.service_name"));
	html_raw_literal(b, "</a>\n</span>\n");
	if (shown) {
		html_raw_literal(b, "<nav");
		html_attr(b, "aria-label", T(lang, "kit.menu"));
		html_raw_literal(b, " class=\"govuk-service-navigation__wrapper\">\n");
		if (shown > 1) {
			html_raw_literal(b, "<button type=\"button\" class=\"govuk-service-navigation__toggle "
					    "govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" "
					    "hidden aria-hidden=\"true\">");
			html_text(b, T(lang, "kit.menu"));
			html_raw_literal(b, "</button>\n");
		}
		html_raw_literal(b, "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n");
		for (size_t i = 0; i < ARRAY_LEN(nav_items); i++) {
			int current = p->nav_current & nav_items[i].bit;

			if (!(p->nav & nav_items[i].bit))
				continue;
			if (current)
				html_raw_literal(b, "<li class=\"govuk-service-navigation__item "
						    "govuk-service-navigation__item--active\">\n");
			else
				html_raw_literal(b, "<li class=\"govuk-service-navigation__item\">\n");
			html_raw_literal(b, "<a class=\"govuk-service-navigation__link\"");
			html_attr(b, "href", nav_items[i].href);
			if (current)
				html_raw_literal(b, " aria-current=\"page\"><strong "
						    "class=\"govuk-service-navigation__active-fallback\">");
			else
				html_raw_literal(b, ">");
			html_text(b, T(lang, nav_items[i].key));
			if (current)
				html_raw_literal(b, "</strong>");
			html_raw_literal(b, "</a>\n</li>\n");
		}
		html_raw_literal(b, "</ul>\n</nav>\n");
	}
	html_raw_literal(b, "</div>\n");

	/* end slot: who is signed in, sign out, other languages */
	if (p->user_name) {
		struct buf who = BUF_INIT;
		const char *args[1];

		args[0] = p->user_name;
		i18n_subst(&who, T(lang, "kit.signed_in_as"), args, 1);
		html_raw_literal(b, "<div class=\"reach-account\">\n<span class=\"reach-account__name\">");
		html_text(b, who.data);
		html_raw_literal(b, "</span>\n<form method=\"post\"");
		html_attr(b, "action", KIT_SIGN_OUT_PATH);
		html_raw_literal(b, " class=\"reach-account__form\" novalidate>\n");
		kit_csrf(b, p->csrf_token);
		html_raw_literal(b, "<button type=\"submit\" class=\"govuk-button govuk-button--secondary "
				    "reach-account__sign-out\" data-module=\"govuk-button\">");
		html_text(b, T(lang, "kit.sign_out"));
		html_raw_literal(b, "</button>\n</form>\n</div>\n");
		buf_release(&who);
	}
	if (p->lang_base && nlangs > 1) {
		html_raw_literal(b, "<nav class=\"govuk-language-navigation\"");
		html_attr(b, "aria-label", T(lang, "kit.language"));
		html_raw_literal(b, ">\n<ul class=\"govuk-language-navigation__list\">\n");
		for (size_t i = 0; i < nlangs; i++) {
			html_raw_literal(b, "<li class=\"govuk-language-navigation__list-item\">\n");
			if (!strcmp(langs[i].code, lang)) {
				html_raw_literal(b, "<span class=\"govuk-language-navigation__text\" aria-current=\"true\"");
				html_attr(b, "lang", langs[i].code);
				html_attr(b, "dir", langs[i].dir);
				html_raw_literal(b, ">");
				html_text(b, langs[i].name);
				html_raw_literal(b, "</span>\n");
			} else {
				struct buf href = BUF_INIT;

				buf_adds(&href, p->lang_base);
				html_url_arg(&href, langs[i].code);
				html_raw_literal(b, "<a class=\"govuk-language-navigation__link\"");
				html_attr(b, "href", href.data);
				html_raw_literal(b, " rel=\"alternate\"");
				html_attr(b, "lang", langs[i].code);
				html_attr(b, "hreflang", langs[i].code);
				html_attr(b, "dir", langs[i].dir);
				html_raw_literal(b, ">");
				html_text(b, langs[i].name);
				html_raw_literal(b, "</a>\n");
				buf_release(&href);
			}
			html_raw_literal(b, "</li>\n");
		}
		html_raw_literal(b, "</ul>\n</nav>\n");
	}
	html_raw_literal(b, "</div>\n</section>\n");
}

void kit_page_begin(struct buf *b, const struct kit_page *p)
{
	const char *lang = i18n_resolve(p->lang ? p->lang : "en");

	html_raw_literal(b, "<!DOCTYPE html>\n<html class=\"govuk-template\"");
	html_attr(b, "lang", lang);
	html_attr(b, "dir", i18n_dir(lang));
	html_raw_literal(b, ">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	if (p->has_errors) {
		html_text(b, T(lang, "kit.error"));
		html_raw_literal(b, ": ");
	}
	if (p->title && *p->title) {
		html_text(b, p->title);
		html_raw_literal(b, " - ");
	}
	html_text(b, T(lang, "kit.service_name"));
	html_raw_literal(b, "</title>\n"
			    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
			    "<meta name=\"theme-color\" content=\"#1d70b8\">\n"
			    "<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\">\n"
			    "<link rel=\"stylesheet\" href=\"/assets/reach.css\">\n");
	if (p->stylesheet) {
		html_raw_literal(b, "<link rel=\"stylesheet\"");
		html_attr(b, "href", p->stylesheet);
		html_raw_literal(b, ">\n");
	}
	html_raw_literal(b, "</head>\n"
			    "<body class=\"govuk-template__body\">\n"
			    "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">");
	html_text(b, T(lang, "kit.skip"));
	html_raw_literal(b, "</a>\n<header class=\"govuk-template__header\">\n");
	service_navigation(b, p, lang);
	html_raw_literal(b, "</header>\n<div class=\"govuk-width-container\">\n");
	if (p->back_href)
		kit_back_link(b, lang, p->back_href, NULL);
	html_raw_literal(b, "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n");
}

void kit_page_end(struct buf *b, const struct kit_page *p)
{
	const char *lang = i18n_resolve(p->lang ? p->lang : "en");

	html_raw_literal(b, "</main>\n</div>\n"
			    "<footer class=\"govuk-template__footer\">\n"
			    "<div class=\"govuk-footer\">\n"
			    "<div class=\"govuk-width-container\">\n"
			    "<div class=\"govuk-footer__meta\">\n"
			    "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">\n"
			    "<div class=\"govuk-footer__meta-custom\">");
	html_text(b, T(lang, "kit.footer"));
	html_raw_literal(b, "</div>\n</div>\n</div>\n</div>\n</div>\n</footer>\n"
			    "<script type=\"module\" src=\"/assets/govuk-frontend.min.js\"></script>\n"
			    "<script type=\"module\" src=\"/assets/reach.js\"></script>\n"
			    "</body>\n</html>\n");
}

/* ------------------------------------------------------- text and links */

void kit_heading(struct buf *b, int level, const char *size, const char *text)
{
	if (level < 1 || level > 6)
		BUG("bad heading level %d", level);
	buf_addf(b, "<h%d", level);
	html_attrf(b, "class", "govuk-heading-%s", size_name(size, "m"));
	html_raw_literal(b, ">");
	html_text(b, text);
	buf_addf(b, "</h%d>\n", level);
}

void kit_caption(struct buf *b, const char *size, const char *text)
{
	html_raw_literal(b, "<span");
	html_attrf(b, "class", "govuk-caption-%s", size_name(size, "m"));
	html_raw_literal(b, ">");
	html_text(b, text);
	html_raw_literal(b, "</span>\n");
}

void kit_p(struct buf *b, const char *text)
{
	html_raw_literal(b, "<p class=\"govuk-body\">");
	html_text(b, text);
	html_raw_literal(b, "</p>\n");
}

void kit_link(struct buf *b, const char *href, const char *text)
{
	html_raw_literal(b, "<a class=\"govuk-link\"");
	html_attr(b, "href", href);
	html_raw_literal(b, ">");
	html_text(b, text);
	html_raw_literal(b, "</a>");
}

void kit_back_link(struct buf *b, const char *lang, const char *href, const char *text)
{
	html_raw_literal(b, "<a");
	html_attr(b, "href", href);
	html_raw_literal(b, " class=\"govuk-back-link\">");
	html_text(b, text ? text : T(lang, "kit.back"));
	html_raw_literal(b, "</a>\n");
}

/* --------------------------------------------------------------- errors */

void kit_errors_add(struct kit_errors *e, const char *field_id, const char *message)
{
	XGROW(e->items, e->alloc, e->nr + 1);
	e->items[e->nr].field_id = xstrdup(field_id ? field_id : "");
	e->items[e->nr].message = xstrdup(message ? message : "");
	e->nr++;
}

const char *kit_errors_get(const struct kit_errors *e, const char *field_id)
{
	for (size_t i = 0; i < e->nr; i++)
		if (!strcmp(e->items[i].field_id, field_id))
			return e->items[i].message;
	return NULL;
}

void kit_errors_release(struct kit_errors *e)
{
	for (size_t i = 0; i < e->nr; i++) {
		free(e->items[i].field_id);
		free(e->items[i].message);
	}
	free(e->items);
	e->items = NULL;
	e->nr = e->alloc = 0;
}

void kit_error_summary(struct buf *b, const char *lang, const struct kit_errors *e)
{
	if (!e || !e->nr)
		return;
	html_raw_literal(b, "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n"
			    "<div role=\"alert\">\n<h2 class=\"govuk-error-summary__title\">");
	html_text(b, T(lang, "kit.error_summary_title"));
	html_raw_literal(b, "</h2>\n<div class=\"govuk-error-summary__body\">\n"
			    "<ul class=\"govuk-list govuk-error-summary__list\">\n");
	for (size_t i = 0; i < e->nr; i++) {
		if (*e->items[i].field_id) {
			html_raw_literal(b, "<li><a");
			html_attrf(b, "href", "#%s", e->items[i].field_id);
			html_raw_literal(b, ">");
			html_text(b, e->items[i].message);
			html_raw_literal(b, "</a></li>\n");
		} else {
			html_raw_literal(b, "<li>");
			html_text(b, e->items[i].message);
			html_raw_literal(b, "</li>\n");
		}
	}
	html_raw_literal(b, "</ul>\n</div>\n</div>\n</div>\n");
}

/* <p id="ID-error" class="govuk-error-message"><span ...>Error:</span> MSG</p> */
static void error_message(struct buf *b, const char *lang, const char *id, const char *msg)
{
	html_raw_literal(b, "<p");
	html_attrf(b, "id", "%s-error", id);
	html_raw_literal(b, " class=\"govuk-error-message\">\n<span class=\"govuk-visually-hidden\">");
	html_text(b, T(lang, "kit.error"));
	html_raw_literal(b, ":</span> ");
	html_text(b, msg);
	html_raw_literal(b, "\n</p>\n");
}

static void hint(struct buf *b, const char *id, const char *text, const char *extra_class)
{
	html_raw_literal(b, "<div");
	html_attrf(b, "id", "%s", id);
	if (extra_class)
		html_attrf(b, "class", "govuk-hint %s", extra_class);
	else
		html_raw_literal(b, " class=\"govuk-hint\"");
	html_raw_literal(b, ">");
	html_text(b, text);
	html_raw_literal(b, "</div>\n");
}

static void form_group_begin(struct buf *b, int has_error)
{
	if (has_error)
		html_raw_literal(b, "<div class=\"govuk-form-group govuk-form-group--error\">\n");
	else
		html_raw_literal(b, "<div class=\"govuk-form-group\">\n");
}

static void label(struct buf *b, const char *for_id, const char *text, const char *size, const char *extra)
{
	struct buf cls = BUF_INIT;

	buf_adds(&cls, "govuk-label");
	size_class(&cls, "govuk-label--", size);
	if (extra) {
		buf_addch(&cls, ' ');
		buf_adds(&cls, extra);
	}
	html_raw_literal(b, "<label");
	html_attr(b, "class", cls.data);
	html_attr(b, "for", for_id);
	html_raw_literal(b, ">");
	html_text(b, text);
	html_raw_literal(b, "</label>\n");
	buf_release(&cls);
}

/* writes hint and error, and returns in `describedby` the ids they add */
static void hint_and_error(struct buf *b, const char *lang, const char *id, const char *hint_text,
			   const char *error, struct buf *describedby)
{
	if (hint_text) {
		struct buf hid = BUF_INIT;

		buf_addf(&hid, "%s-hint", id);
		hint(b, hid.data, hint_text, NULL);
		buf_addf(describedby, "%s%s", describedby->len ? " " : "", hid.data);
		buf_release(&hid);
	}
	if (error) {
		error_message(b, lang, id, error);
		buf_addf(describedby, "%s%s-error", describedby->len ? " " : "", id);
	}
}

/* -------------------------------------------------------- summary lists */

void kit_summary_list(struct buf *b, const struct kit_summary_row *rows, size_t n)
{
	int any_actions = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].action_href)
			any_actions = 1;
	html_raw_literal(b, "<dl class=\"govuk-summary-list\">\n");
	for (size_t i = 0; i < n; i++) {
		const struct kit_summary_row *r = &rows[i];

		if (any_actions && !r->action_href)
			html_raw_literal(b, "<div class=\"govuk-summary-list__row govuk-summary-list__row--no-actions\">\n");
		else
			html_raw_literal(b, "<div class=\"govuk-summary-list__row\">\n");
		html_raw_literal(b, "<dt class=\"govuk-summary-list__key\">");
		html_text(b, r->key);
		html_raw_literal(b, "</dt>\n<dd class=\"govuk-summary-list__value\">");
		if (r->value_escaped)
			html_raw_escaped(b, r->value_escaped);
		else
			html_text(b, r->value);
		html_raw_literal(b, "</dd>\n");
		if (r->action_href) {
			html_raw_literal(b, "<dd class=\"govuk-summary-list__actions\">\n<a class=\"govuk-link\"");
			html_attr(b, "href", r->action_href);
			html_raw_literal(b, ">");
			html_text(b, r->action_text);
			if (r->action_hidden) {
				html_raw_literal(b, "<span class=\"govuk-visually-hidden\"> ");
				html_text(b, r->action_hidden);
				html_raw_literal(b, "</span>");
			}
			html_raw_literal(b, "</a>\n</dd>\n");
		}
		html_raw_literal(b, "</div>\n");
	}
	html_raw_literal(b, "</dl>\n");
}

/* --------------------------------------------------------------- tables */

void kit_table_begin(struct buf *b, const struct kit_table *t)
{
	html_raw_literal(b, "<table class=\"govuk-table\">\n");
	if (t->caption) {
		struct buf cls = BUF_INIT;

		buf_adds(&cls, "govuk-table__caption");
		size_class(&cls, "govuk-table__caption--", t->caption_size);
		html_raw_literal(b, "<caption");
		html_attr(b, "class", cls.data);
		html_raw_literal(b, ">");
		html_text(b, t->caption);
		html_raw_literal(b, "</caption>\n");
		buf_release(&cls);
	}
	if (t->ncols) {
		html_raw_literal(b, "<thead class=\"govuk-table__head\">\n<tr class=\"govuk-table__row\">\n");
		for (size_t i = 0; i < t->ncols; i++) {
			if (t->cols[i].numeric)
				html_raw_literal(b, "<th scope=\"col\" class=\"govuk-table__header govuk-table__header--numeric\">");
			else
				html_raw_literal(b, "<th scope=\"col\" class=\"govuk-table__header\">");
			html_text(b, t->cols[i].header);
			html_raw_literal(b, "</th>\n");
		}
		html_raw_literal(b, "</tr>\n</thead>\n");
	}
	html_raw_literal(b, "<tbody class=\"govuk-table__body\">\n");
}

void kit_table_row_begin(struct buf *b)
{
	html_raw_literal(b, "<tr class=\"govuk-table__row\">\n");
}

void kit_table_cell_begin(struct buf *b, int numeric)
{
	if (numeric)
		html_raw_literal(b, "<td class=\"govuk-table__cell govuk-table__cell--numeric\">");
	else
		html_raw_literal(b, "<td class=\"govuk-table__cell\">");
}

void kit_table_cell_end(struct buf *b)
{
	html_raw_literal(b, "</td>\n");
}

void kit_table_cell(struct buf *b, const char *text, int numeric)
{
	kit_table_cell_begin(b, numeric);
	html_text(b, text);
	kit_table_cell_end(b);
}

void kit_table_cellf(struct buf *b, int numeric, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	kit_table_cell(b, tmp.data, numeric);
	buf_release(&tmp);
}

void kit_table_cell_link(struct buf *b, const char *href, const char *text, int numeric)
{
	kit_table_cell_begin(b, numeric);
	kit_link(b, href, text);
	kit_table_cell_end(b);
}

void kit_table_row_header(struct buf *b, const char *text)
{
	html_raw_literal(b, "<th scope=\"row\" class=\"govuk-table__header\">");
	html_text(b, text);
	html_raw_literal(b, "</th>\n");
}

void kit_table_row_end(struct buf *b)
{
	html_raw_literal(b, "</tr>\n");
}

void kit_table_end(struct buf *b)
{
	html_raw_literal(b, "</tbody>\n</table>\n");
}

/* ------------------------------------------------ tags, text and panels */

void kit_tag(struct buf *b, const char *text, enum kit_colour colour)
{
	static const char *const names[] = {
		[KIT_TAG_DEFAULT] = NULL, [KIT_TAG_GREY] = "grey", [KIT_TAG_GREEN] = "green",
		[KIT_TAG_TURQUOISE] = "turquoise", [KIT_TAG_TEAL] = "teal",
		[KIT_TAG_PURPLE] = "purple", [KIT_TAG_MAGENTA] = "magenta", [KIT_TAG_PINK] = "pink",
		[KIT_TAG_RED] = "red", [KIT_TAG_ORANGE] = "orange", [KIT_TAG_YELLOW] = "yellow",
	};

	if ((size_t)colour >= ARRAY_LEN(names))
		BUG("bad tag colour %d", (int)colour);
	if (names[colour])
		buf_addf(b, "<strong class=\"govuk-tag govuk-tag--%s\">", names[colour]);
	else
		html_raw_literal(b, "<strong class=\"govuk-tag\">");
	html_text(b, text);
	html_raw_literal(b, "</strong>");
}

void kit_inset_text(struct buf *b, const char *text)
{
	html_raw_literal(b, "<div class=\"govuk-inset-text\">");
	html_text(b, text);
	html_raw_literal(b, "</div>\n");
}

void kit_warning_text(struct buf *b, const char *lang, const char *text)
{
	html_raw_literal(b, "<div class=\"govuk-warning-text\">\n"
			    "<span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span>\n"
			    "<strong class=\"govuk-warning-text__text\">\n"
			    "<span class=\"govuk-visually-hidden\">");
	html_text(b, T(lang, "kit.warning"));
	html_raw_literal(b, "</span>\n");
	html_text(b, text);
	html_raw_literal(b, "\n</strong>\n</div>\n");
}

void kit_panel(struct buf *b, const char *title, const char *body)
{
	html_raw_literal(b, "<div class=\"govuk-panel govuk-panel--confirmation\">\n"
			    "<h1 class=\"govuk-panel__title\">");
	html_text(b, title);
	html_raw_literal(b, "</h1>\n");
	if (body) {
		html_raw_literal(b, "<div class=\"govuk-panel__body\">");
		html_text(b, body);
		html_raw_literal(b, "</div>\n");
	}
	html_raw_literal(b, "</div>\n");
}

void kit_notification_banner(struct buf *b, const struct kit_notification *n)
{
	const char *title = n->title ? n->title : T(n->lang, n->success ? "kit.success" : "kit.important");

	if (n->success)
		html_raw_literal(b, "<div class=\"govuk-notification-banner govuk-notification-banner--success\" "
				    "role=\"alert\"");
	else
		html_raw_literal(b, "<div class=\"govuk-notification-banner\" role=\"region\"");
	html_raw_literal(b, " aria-labelledby=\"govuk-notification-banner-title\" "
			    "data-module=\"govuk-notification-banner\">\n"
			    "<div class=\"govuk-notification-banner__header\">\n"
			    "<h2 class=\"govuk-notification-banner__title\" id=\"govuk-notification-banner-title\">");
	html_text(b, title);
	html_raw_literal(b, "</h2>\n</div>\n<div class=\"govuk-notification-banner__content\">\n");
	if (n->heading) {
		html_raw_literal(b, "<p class=\"govuk-notification-banner__heading\">");
		html_text(b, n->heading);
		html_raw_literal(b, "</p>\n");
	}
	if (n->text) {
		html_raw_literal(b, "<p class=\"govuk-body\">");
		html_text(b, n->text);
		html_raw_literal(b, "</p>\n");
	}
	html_raw_literal(b, "</div>\n</div>\n");
}

/* -------------------------------------------------------------- buttons */

void kit_button(struct buf *b, const struct kit_button *o)
{
	const char *cls;

	switch (o->kind) {
	case KIT_BUTTON_SECONDARY: cls = "govuk-button govuk-button--secondary"; break;
	case KIT_BUTTON_WARNING: cls = "govuk-button govuk-button--warning"; break;
	default: cls = "govuk-button"; break;
	}
	if (o->href) {
		html_raw_literal(b, "<a");
		html_attr(b, "href", o->href);
		html_raw_literal(b, " role=\"button\" draggable=\"false\"");
	} else {
		html_raw_literal(b, "<button type=\"submit\"");
		if (o->value)
			html_attr(b, "value", o->value);
		if (o->name)
			html_attr(b, "name", o->name);
		if (o->prevent_double_click)
			html_raw_literal(b, " data-prevent-double-click=\"true\"");
	}
	html_attr(b, "class", cls);
	html_raw_literal(b, " data-module=\"govuk-button\"");
	if (o->id)
		html_attr(b, "id", o->id);
	html_raw_literal(b, ">");
	html_text(b, o->text);
	if (o->href)
		html_raw_literal(b, "</a>\n");
	else
		html_raw_literal(b, "</button>\n");
}

void kit_button_group_begin(struct buf *b)
{
	html_raw_literal(b, "<div class=\"govuk-button-group\">\n");
}

void kit_button_group_end(struct buf *b)
{
	html_raw_literal(b, "</div>\n");
}

void kit_csrf(struct buf *b, const char *token)
{
	html_raw_literal(b, "<input type=\"hidden\"");
	html_attr(b, "name", KIT_CSRF_FIELD);
	html_attr(b, "value", token ? token : "");
	html_raw_literal(b, ">\n");
}

/* ------------------------------------------------------------ text input */

void kit_input(struct buf *b, const struct kit_input *o)
{
	const char *id = o->id ? o->id : o->name;
	struct buf cls = BUF_INIT, described = BUF_INIT;

	form_group_begin(b, o->error != NULL);
	label(b, id, o->label, o->label_size, NULL);
	hint_and_error(b, o->lang, id, o->hint, o->error, &described);

	buf_adds(&cls, "govuk-input");
	switch (o->width) {
	case 0: break;
	case 2: case 3: case 4: case 5: case 10: case 20: case 30:
		buf_addf(&cls, " govuk-input--width-%d", o->width);
		break;
	default:
		BUG("bad input width %d", o->width);
	}
	if (o->error)
		buf_adds(&cls, " govuk-input--error");
	html_raw_literal(b, "<input");
	html_attr(b, "class", cls.data);
	html_attr(b, "id", id);
	html_attr(b, "name", o->name);
	html_attr(b, "type", o->type ? o->type : "text");
	if (o->spellcheck_off)
		html_raw_literal(b, " spellcheck=\"false\"");
	if (o->value && *o->value)
		html_attr(b, "value", o->value);
	if (described.len)
		html_attr(b, "aria-describedby", described.data);
	if (o->autocomplete)
		html_attr(b, "autocomplete", o->autocomplete);
	if (o->autocapitalize)
		html_attr(b, "autocapitalize", o->autocapitalize);
	if (o->inputmode)
		html_attr(b, "inputmode", o->inputmode);
	html_raw_literal(b, ">\n</div>\n");
	buf_release(&cls);
	buf_release(&described);
}

void kit_textarea(struct buf *b, const struct kit_textarea *o)
{
	const char *id = o->id ? o->id : o->name;
	struct buf described = BUF_INIT;

	form_group_begin(b, o->error != NULL);
	label(b, id, o->label, o->label_size, NULL);
	hint_and_error(b, o->lang, id, o->hint, o->error, &described);
	html_raw_literal(b, "<textarea");
	html_attr(b, "class", o->error ? "govuk-textarea govuk-textarea--error" : "govuk-textarea");
	html_attr(b, "id", id);
	html_attr(b, "name", o->name);
	html_attrf(b, "rows", "%d", o->rows > 0 ? o->rows : 5);
	if (o->spellcheck_off)
		html_raw_literal(b, " spellcheck=\"false\"");
	if (described.len)
		html_attr(b, "aria-describedby", described.data);
	/* a newline right after <textarea> would be eaten by the parser: keep the first one */
	html_raw_literal(b, ">\n");
	html_text(b, o->value);
	html_raw_literal(b, "</textarea>\n</div>\n");
	buf_release(&described);
}

/* ---------------------------------------------------------- fieldsets */

static void legend(struct buf *b, const char *text, const char *size, int page_heading)
{
	struct buf cls = BUF_INIT;

	if (!text)
		return;
	buf_adds(&cls, "govuk-fieldset__legend");
	size_class(&cls, "govuk-fieldset__legend--", size);
	html_raw_literal(b, "<legend");
	html_attr(b, "class", cls.data);
	html_raw_literal(b, ">");
	if (page_heading)
		html_raw_literal(b, "<h1 class=\"govuk-fieldset__heading\">");
	html_text(b, text);
	if (page_heading)
		html_raw_literal(b, "</h1>");
	html_raw_literal(b, "</legend>\n");
	buf_release(&cls);
}

void kit_fieldset_begin(struct buf *b, const char *legend_text, const char *size, int page_heading)
{
	html_raw_literal(b, "<fieldset class=\"govuk-fieldset\">\n");
	legend(b, legend_text, size, page_heading);
}

void kit_fieldset_end(struct buf *b)
{
	html_raw_literal(b, "</fieldset>\n");
}

/* ----------------------------------------------------------- date input */

static void date_part(struct buf *b, const struct kit_date *o, const char *id, const char *part,
		      const char *key, const char *value, int width, int in_error)
{
	const char *lang = o->lang;

	html_raw_literal(b, "<div class=\"govuk-date-input__item\">\n<div class=\"govuk-form-group\">\n"
			    "<label class=\"govuk-label govuk-date-input__label\"");
	html_attrf(b, "for", "%s-%s", id, part);
	html_raw_literal(b, ">");
	html_text(b, T(lang, key));
	html_raw_literal(b, "</label>\n<input");
	html_attrf(b, "class", "govuk-input govuk-date-input__input%s govuk-input--width-%d",
		   in_error ? " govuk-input--error" : "", width);
	html_attrf(b, "id", "%s-%s", id, part);
	html_attrf(b, "name", "%s-%s", o->name, part);
	html_raw_literal(b, " type=\"text\"");
	if (value && *value)
		html_attr(b, "value", value);
	if (o->birthday)
		html_attrf(b, "autocomplete", "bday-%s", part);
	html_raw_literal(b, " inputmode=\"numeric\">\n</div>\n</div>\n");
}

void kit_date_input(struct buf *b, const struct kit_date *o)
{
	const char *id = o->id ? o->id : o->name;
	unsigned parts = o->error ? (o->error_parts ? o->error_parts : 7u) : 0;
	struct buf described = BUF_INIT, inner = BUF_INIT;

	form_group_begin(b, o->error != NULL);
	/* the hint and error come after the legend but feed the fieldset's aria-describedby */
	hint_and_error(&inner, o->lang, id, o->hint, o->error, &described);
	html_raw_literal(b, "<fieldset class=\"govuk-fieldset\" role=\"group\"");
	if (described.len)
		html_attr(b, "aria-describedby", described.data);
	html_raw_literal(b, ">\n");
	legend(b, o->legend, o->legend_size, 0);
	html_raw_escaped(b, inner.data);
	html_raw_literal(b, "<div class=\"govuk-date-input\"");
	html_attr(b, "id", id);
	html_raw_literal(b, ">\n");
	date_part(b, o, id, "day", "kit.day", o->day, 2, parts & KIT_DATE_DAY);
	date_part(b, o, id, "month", "kit.month", o->month, 2, parts & KIT_DATE_MONTH);
	date_part(b, o, id, "year", "kit.year", o->year, 4, parts & KIT_DATE_YEAR);
	html_raw_literal(b, "</div>\n</fieldset>\n</div>\n");
	buf_release(&described);
	buf_release(&inner);
}

/* ------------------------------------------------ radios and checkboxes */

static int is_chosen(const struct kit_choices *o, const char *value, int checkbox)
{
	if (!checkbox)
		return o->value && !strcmp(o->value, value);
	for (size_t i = 0; i < o->nvalues; i++)
		if (o->values[i] && !strcmp(o->values[i], value))
			return 1;
	return 0;
}

static void choices(struct buf *b, const struct kit_choices *o, int checkbox)
{
	const char *id = o->id ? o->id : o->name;
	const char *kind = checkbox ? "checkboxes" : "radios";
	struct buf described = BUF_INIT, inner = BUF_INIT, itemid = BUF_INIT;
	size_t n = 0;

	form_group_begin(b, o->error != NULL);
	hint_and_error(&inner, o->lang, id, o->hint, o->error, &described);
	html_raw_literal(b, "<fieldset class=\"govuk-fieldset\"");
	if (described.len)
		html_attr(b, "aria-describedby", described.data);
	html_raw_literal(b, ">\n");
	legend(b, o->legend, o->legend_size, 0);
	html_raw_escaped(b, inner.data);
	html_raw_literal(b, "<div");
	html_attrf(b, "class", "govuk-%s%s%s", kind,
		   o->is_inline && !checkbox ? " govuk-radios--inline" : "",
		   o->small ? (checkbox ? " govuk-checkboxes--small" : " govuk-radios--small") : "");
	html_attrf(b, "data-module", "govuk-%s", kind);
	html_raw_literal(b, ">\n");
	for (size_t i = 0; i < o->nitems; i++) {
		const struct kit_item *it = &o->items[i];

		if (!it->value) {
			buf_addf(b, "<div class=\"govuk-%s__divider\">", kind);
			html_text(b, it->text);
			html_raw_literal(b, "</div>\n");
			continue;
		}
		/* like the template, dividers count: the fifth item is id-5 */
		n = i + 1;
		buf_reset(&itemid);
		if (n == 1)
			buf_adds(&itemid, id);
		else
			buf_addf(&itemid, "%s-%zu", id, n);
		buf_addf(b, "<div class=\"govuk-%s__item\">\n<input class=\"govuk-%s__input\"", kind, kind);
		html_attr(b, "id", itemid.data);
		html_attr(b, "name", o->name);
		html_attr(b, "type", checkbox ? "checkbox" : "radio");
		html_attr(b, "value", it->value);
		if (is_chosen(o, it->value, checkbox))
			html_raw_literal(b, " checked");
		if (checkbox && it->exclusive)
			html_raw_literal(b, " data-behaviour=\"exclusive\"");
		if (it->hint)
			html_attrf(b, "aria-describedby", "%s-item-hint", itemid.data);
		html_raw_literal(b, ">\n");
		label(b, itemid.data, it->text, NULL, checkbox ? "govuk-checkboxes__label" : "govuk-radios__label");
		if (it->hint) {
			struct buf hid = BUF_INIT;

			buf_addf(&hid, "%s-item-hint", itemid.data);
			hint(b, hid.data, it->hint, checkbox ? "govuk-checkboxes__hint" : "govuk-radios__hint");
			buf_release(&hid);
		}
		html_raw_literal(b, "</div>\n");
	}
	html_raw_literal(b, "</div>\n</fieldset>\n</div>\n");
	buf_release(&described);
	buf_release(&inner);
	buf_release(&itemid);
}

void kit_radios(struct buf *b, const struct kit_choices *o)
{
	choices(b, o, 0);
}

void kit_checkboxes(struct buf *b, const struct kit_choices *o)
{
	choices(b, o, 1);
}

/* --------------------------------------------------------------- select */

void kit_select(struct buf *b, const struct kit_select *o)
{
	const char *id = o->id ? o->id : o->name;
	const char *group = NULL;
	struct buf described = BUF_INIT;

	form_group_begin(b, o->error != NULL);
	label(b, id, o->label, o->label_size, NULL);
	hint_and_error(b, o->lang, id, o->hint, o->error, &described);
	html_raw_literal(b, "<select");
	html_attr(b, "class", o->error ? "govuk-select govuk-select--error" : "govuk-select");
	html_attr(b, "id", id);
	html_attr(b, "name", o->name);
	if (described.len)
		html_attr(b, "aria-describedby", described.data);
	if (o->autocomplete)
		html_attr(b, "autocomplete", o->autocomplete);
	html_raw_literal(b, ">\n");
	for (size_t i = 0; i < o->nitems; i++) {
		const struct kit_item *it = &o->items[i];
		const char *v = it->value ? it->value : "";

		if (group && (!it->group || strcmp(group, it->group))) {
			html_raw_literal(b, "</optgroup>\n");
			group = NULL;
		}
		if (it->group && !group) {
			group = it->group;
			html_raw_literal(b, "<optgroup");
			html_attr(b, "label", group);
			html_raw_literal(b, ">\n");
		}
		html_raw_literal(b, "<option");
		html_attr(b, "value", v);
		if (o->value && !strcmp(o->value, v))
			html_raw_literal(b, " selected");
		html_raw_literal(b, ">");
		html_text(b, it->text);
		html_raw_literal(b, "</option>\n");
	}
	if (group)
		html_raw_literal(b, "</optgroup>\n");
	html_raw_literal(b, "</select>\n</div>\n");
	buf_release(&described);
}

/* ----------------------------------------------------------- pagination */

static void pagination_link(struct buf *b, const char *lang, int next, const char *href, const char *sub)
{
	buf_addf(b, "<div class=\"govuk-pagination__%s\">\n<a class=\"govuk-link govuk-pagination__link\"",
		 next ? "next" : "prev");
	html_attr(b, "href", href);
	html_attr(b, "rel", next ? "next" : "prev");
	html_raw_literal(b, ">\n");
	if (next)
		html_raw_literal(b, "<svg class=\"govuk-pagination__icon govuk-pagination__icon--next\" "
				    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "
				    "focusable=\"false\" viewBox=\"0 0 15 13\">\n<path d=\"m8.107-0.0078125-1.4136 "
				    "1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062"
				    "-6.7246-6.7266z\"></path>\n</svg>\n");
	else
		html_raw_literal(b, "<svg class=\"govuk-pagination__icon govuk-pagination__icon--prev\" "
				    "xmlns=\"http://www.w3.org/2000/svg\" height=\"13\" width=\"15\" aria-hidden=\"true\" "
				    "focusable=\"false\" viewBox=\"0 0 15 13\">\n<path d=\"m6.5938-0.0078125-6.7266 "
				    "6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293"
				    "-1.414-1.414z\"></path>\n</svg>\n");
	html_raw_literal(b, "<span class=\"govuk-pagination__link-title");
	if (!sub)
		html_raw_literal(b, " govuk-pagination__link-title--decorated");
	html_raw_literal(b, "\">");
	html_text(b, T(lang, next ? "kit.next" : "kit.previous"));
	html_raw_literal(b, "<span class=\"govuk-visually-hidden\"> ");
	html_text(b, T(lang, "kit.page"));
	html_raw_literal(b, "</span></span>\n");
	if (sub) {
		html_raw_literal(b, "<span class=\"govuk-visually-hidden\">:</span>\n"
				    "<span class=\"govuk-pagination__link-label\">");
		html_text(b, sub);
		html_raw_literal(b, "</span>\n");
	}
	html_raw_literal(b, "</a>\n</div>\n");
}

void kit_pagination(struct buf *b, const struct kit_pagination *p)
{
	if (!p->prev_href && !p->next_href)
		return;
	html_raw_literal(b, "<nav class=\"govuk-pagination govuk-pagination--block\"");
	html_attr(b, "aria-label", T(p->lang, "kit.pagination"));
	html_raw_literal(b, ">\n");
	if (p->prev_href)
		pagination_link(b, p->lang, 0, p->prev_href, p->prev_label);
	if (p->next_href)
		pagination_link(b, p->lang, 1, p->next_href, p->next_label);
	html_raw_literal(b, "</nav>\n");
}

void kit_hidden(struct buf *b, const char *name, const char *value)
{
	html_raw_literal(b, "<input type=\"hidden\"");
	html_attr(b, "name", name);
	html_attr(b, "value", value);
	html_raw_literal(b, ">\n");
}
