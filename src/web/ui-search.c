/* ui-search.c: the search page: find a family by name, sounds-like name, postcode or ID
 *
 * find_families() (src/search) does the finding through indexes; this page
 * drops the families the user may not see and renders the rest as GOV.UK
 * summary cards, each linking to the family record. A scoped user (manager,
 * worker, viewer) gets more hits asked for than are shown, so that families
 * of other centres filtered out do not empty the page. Searching is not a
 * view of a record, so nothing goes into the audit trail here: opening a
 * family does.
 */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "ui.h"
#include "../search/search.h"
#include "../util/date.h"
#include "../util/text.h"

#include <string.h>

/* families shown at most */
#define SEARCH_SHOW 50
/* hits asked for when some may be out of the user's scope */
#define SEARCH_ASK_SCOPED 200

/* the words and colour of find_hit.why */
static void why_tag(const struct page *p, struct buf *b, const char *why)
{
	static const struct {
		const char *why, *key;
		enum kit_colour colour;
	} tags[] = {
		{ "family ID", "search.why.family_id", KIT_TAG_GREEN },
		{ "person ID", "search.why.person_id", KIT_TAG_GREEN },
		{ "postcode", "search.why.postcode", KIT_TAG_DEFAULT },
		{ "surname", "search.why.surname", KIT_TAG_TURQUOISE },
		{ "name", "search.why.name", KIT_TAG_TURQUOISE },
		{ "sounds like", "search.why.sounds_like", KIT_TAG_YELLOW },
		{ "close spelling", "search.why.close_spelling", KIT_TAG_YELLOW },
		{ "address", "search.why.address", KIT_TAG_DEFAULT },
	};

	for (size_t i = 0; i < ARRAY_LEN(tags); i++)
		if (!strcmp(why, tags[i].why)) {
			kit_tag(b, page_t(p, tags[i].key), tags[i].colour);
			return;
		}
	kit_tag(b, why, KIT_TAG_GREY);
}

/* the search box: a GOV.UK text input whose label is the page heading;
 * autofocus only when nothing has been searched yet, so that a results
 * page does not jump back to the box (and screen readers start at the top) */
static void search_form(const struct page *p, struct buf *b, const char *q)
{
	html_raw_literal(b, "<form method=\"get\" action=\"/search\" role=\"search\" novalidate>\n"
			    "<div class=\"govuk-form-group\">\n"
			    "<h1 class=\"govuk-label-wrapper\"><label class=\"govuk-label govuk-label--l\" "
			    "for=\"q\">");
	html_text(b, page_t(p, "search.title"));
	html_raw_literal(b, "</label></h1>\n<div id=\"q-hint\" class=\"govuk-hint\">");
	html_text(b, page_t(p, "search.hint"));
	html_raw_literal(b, "</div>\n<input class=\"govuk-input govuk-!-width-two-thirds\" id=\"q\" "
			    "name=\"q\" type=\"search\" aria-describedby=\"q-hint\" spellcheck=\"false\" "
			    "autocomplete=\"off\" autocapitalize=\"none\"");
	html_attr(b, "value", q);
	if (!*q)
		html_raw_literal(b, " autofocus");
	html_raw_literal(b, ">\n</div>\n");
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.search") });
	html_raw_literal(b, "</form>\n");
}

/* one family as a summary card: its ID as a link, why it matched, its
 * postcode and members */
static void result_card(const struct page *p, struct buf *b, const struct find_hit *h, int32_t today)
{
	struct kit_summary_row *rows = xcalloc(h->nmembers + 1, sizeof(*rows));
	struct buf *vals = xcalloc(h->nmembers + 1, sizeof(*vals));
	struct buf href = BUF_INIT, title = BUF_INIT, names = BUF_INIT;
	size_t n = 0;

	buf_adds(&href, "/families/");
	html_url_arg(&href, h->family_id);
	page_tsub(p, &title, "family.title", h->family_id, NULL);

	html_raw_literal(b, "<div class=\"govuk-summary-card\">\n"
			    "<div class=\"govuk-summary-card__title-wrapper\">\n"
			    "<h3 class=\"govuk-summary-card__title\"><a class=\"govuk-link\"");
	html_attr(b, "href", href.data);
	html_raw_literal(b, ">");
	html_text(b, title.data);
	html_raw_literal(b, "</a></h3>\n<div>");
	why_tag(p, b, h->why);
	html_raw_literal(b, "</div>\n</div>\n<div class=\"govuk-summary-card__content\">\n");

	for (size_t i = 0; i <= h->nmembers; i++)
		buf_init(&vals[i], 0);
	rows[n].key = page_t(p, "field.postcode");
	rows[n].value = h->postcode ? h->postcode : page_t(p, "answer.not_known");
	n++;
	for (size_t i = 0; i < h->nmembers; i++) {
		const struct find_member *m = &h->members[i];
		struct buf *v = &vals[n];
		int32_t dob;

		buf_reset(&names);
		buf_adds(&names, m->first_name);
		buf_addch(&names, ' ');
		buf_adds(&names, m->last_name);
		rows[n].key = http_strdup(p->req, names.data);
		buf_adds(v, page_member_role(p, m->role, m->relationship));
		if (m->date_of_birth) {
			struct buf d = BUF_INIT, age = BUF_INIT, line = BUF_INIT;

			page_format_date(p, m->date_of_birth, &d);
			if (!date_parse(m->date_of_birth, &dob) && dob <= today)
				buf_addf(&age, "%d", date_age(dob, today));
			if (age.len)
				page_tsub(p, &line, "search.born_age", d.data, age.data);
			else
				page_tsub(p, &line, "search.born", d.data, NULL);
			buf_adds(v, ", ");
			buf_adds(v, line.data);
			buf_release(&d);
			buf_release(&age);
			buf_release(&line);
		}
		rows[n].value = v->data;
		n++;
	}
	kit_summary_list(b, rows, n);
	html_raw_literal(b, "</div>\n</div>\n");

	for (size_t i = 0; i <= h->nmembers; i++)
		buf_release(&vals[i]);
	free(vals);
	free(rows);
	buf_release(&href);
	buf_release(&title);
	buf_release(&names);
}

/* what to try when nothing matched */
static void no_results(const struct page *p, struct buf *b, const char *q)
{
	struct buf t = BUF_INIT;

	page_tsub(p, &t, "search.none", q, NULL);
	kit_heading(b, 2, "m", t.data);
	kit_p(b, page_t(p, "search.none_try"));
	html_raw_literal(b, "<ul class=\"govuk-list govuk-list--bullet\">\n<li>");
	html_text(b, page_t(p, "search.try_spelling"));
	html_raw_literal(b, "</li>\n<li>");
	html_text(b, page_t(p, "search.try_surname"));
	html_raw_literal(b, "</li>\n<li>");
	html_text(b, page_t(p, "search.try_postcode"));
	html_raw_literal(b, "</li>\n<li>");
	html_text(b, page_t(p, "search.try_id"));
	html_raw_literal(b, "</li>\n</ul>\n");
	if (auth_can(&p->user, ACT_REGISTER_FAMILY)) {
		html_raw_literal(b, "<p class=\"govuk-body\">");
		kit_link(b, "/families/new", page_t(p, "search.register_new"));
		html_raw_literal(b, "</p>\n");
	}
	buf_release(&t);
}

UI_HANDLER(ui_search)
{
	struct page *p = page_of(req);
	struct buf *b = &res->body;
	struct find_result fr = FIND_RESULT_INIT;
	struct buf t = BUF_INIT, count = BUF_INIT;
	const struct find_hit **shown = NULL;
	const char *raw = http_query(req, "q");
	char *q = http_strdup(req, raw ? raw : "");
	int scoped = auth_role_is_scoped(p->user.role);
	size_t nshown = 0;
	int more = 0, ret = -1;
	int32_t today = date_today();

	str_trim(q);

	if (*q) {
		if (find_families(p->db, q, scoped ? SEARCH_ASK_SCOPED : SEARCH_SHOW + 1, &fr))
			goto out;
		shown = xcalloc(SEARCH_SHOW, sizeof(*shown));
		for (size_t i = 0; i < fr.nhits; i++) {
			const struct find_hit *h = &fr.hits[i];

			if (scoped) {
				int64_t fid = db_query_int(p->db, "SELECT id FROM families WHERE ext_id = ?",
							   h->family_id, -1);

				if (fid < 0 || !auth_family_in_scope(p->db, &p->user, fid))
					continue;
			}
			if (nshown == SEARCH_SHOW) {
				more = 1;
				break;
			}
			shown[nshown++] = h;
		}
		/* families past the limit were not looked at: some may be in scope */
		if (fr.truncated)
			more = 1;
	}

	page_begin(p, page_t(p, "search.title"), KIT_NAV_SEARCH, 0);
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-full\">\n");
	search_form(p, b, q);
	if (*q && !nshown) {
		no_results(p, b, q);
	} else if (*q) {
		buf_addf(&count, "%zu", nshown);
		if (nshown == 1)
			page_tsub(p, &t, "search.result_one", q, NULL);
		else
			page_tsub(p, &t, "search.results", count.data, q);
		kit_heading(b, 2, "m", t.data);
		if (more)
			kit_inset_text(b, page_t(p, "search.more"));
		for (size_t i = 0; i < nshown; i++)
			result_card(p, b, shown[i], today);
	}
	html_raw_literal(b, "</div>\n</div>\n");
	page_end(p);
	ret = 0;
out:
	free(shown);
	find_result_release(&fr);
	buf_release(&t);
	buf_release(&count);
	return ret;
}
