/* ui-registration.c: registering a family, and changing its details
 *
 * GET /families/new shows the registration form; POST /families/new reads
 * it into a struct reg_form (registration.c), checks it and re-renders it
 * with a GOV.UK error summary and the values typed, or, when people who
 * may be registered already are found, shows them ("Is this the same
 * family?") with every answer carried in hidden fields, so that pressing
 * "No, register a new family" posts the form again with confirm_new=1.
 * Then the family is saved in one transaction and the browser goes to its
 * page.
 *
 * GET/POST /families/{id}/edit changes the family's address, contact
 * details, circumstances, consents and registering centre; the schema's
 * triggers keep the history of address, postcode, lone parent and workless,
 * and the audit trail gets each changed field.
 */
#include "app.h"
#include "html.h"
#include "i18n.h"
#include "registration.h"
#include "ui.h"
#include "../model/model.h"
#include "../util/date.h"
#include "../util/text.h"
#include "../util/util.h"

#include <string.h>

/* a copy that lives as long as the request */
static const char *keep(struct page *p, const char *s)
{
	return http_strdup(p->req, s ? s : "");
}

/* `key` with {1} filled, living as long as the request */
static const char *tsub1(struct page *p, const char *key, const char *arg)
{
	struct buf out = BUF_INIT;
	const char *r;

	i18n_subst(&out, page_t(p, key), &arg, 1);
	r = keep(p, out.data);
	buf_release(&out);
	return r;
}

/* "Label (optional)" */
static const char *optional(struct page *p, const char *key)
{
	struct buf out = BUF_INIT;
	const char *r;

	buf_addf(&out, "%s %s", page_t(p, key), page_t(p, "register.optional"));
	r = keep(p, out.data);
	buf_release(&out);
	return r;
}

/* prefix + suffix, living as long as the request */
static const char *fname(struct page *p, const char *prefix, const char *suffix)
{
	struct buf out = BUF_INIT;
	const char *r;

	buf_addf(&out, "%s%s", prefix, suffix);
	r = keep(p, out.data);
	buf_release(&out);
	return r;
}

/* items for a list of key suffixes: value = suffix, text = the words of prefix + suffix */
static struct kit_item *items_of(struct page *p, const char *prefix, const char *const *values, size_t n,
				 int choose)
{
	struct kit_item *items = http_alloc(p->req, (n + 1) * sizeof(*items));
	size_t k = 0;

	memset(items, 0, (n + 1) * sizeof(*items));
	if (choose)
		items[k++] = (struct kit_item){ .value = "", .text = page_t(p, "answer.choose") };
	for (size_t i = 0; i < n; i++) {
		items[k].value = values[i];
		items[k].text = page_t(p, fname(p, prefix, values[i]));
		k++;
	}
	return items;
}

/* ---------------------------------------------------------- choices */

/* the main DfE groups, in the order shown, and the first letter of their codes */
static const struct {
	char letter;     /* first letter of the main code; 0: the rest (refused, not obtained) */
	const char *key; /* the optgroup's words */
} eth_groups[] = {
	{ 'W', "ethnicity.group.white" }, { 'M', "ethnicity.group.mixed" },
	{ 'A', "ethnicity.group.asian" }, { 'B', "ethnicity.group.black" },
	{ 'C', "ethnicity.group.chinese" }, { 'O', "ethnicity.group.other" },
	{ 0, "ethnicity.group.not_given" },
};

static int eth_group_of(const char *code)
{
	char c = ethnicity_main(code)[0];

	for (size_t g = 0; g + 1 < ARRAY_LEN(eth_groups); g++)
		if (eth_groups[g].letter == c)
			return (int)g;
	return (int)ARRAY_LEN(eth_groups) - 1;
}

/*
 * Every DfE code, main and extended, grouped by main group: the codes are
 * the ethnicity.XXXX keys of the English file that the model knows, in the
 * file's order (main codes first, then the extended ones).
 */
static struct kit_item *ethnicity_items(struct page *p, size_t *n)
{
	size_t nkeys = i18n_count("en"), k = 0;
	struct kit_item *items = http_alloc(p->req, (nkeys + 1) * sizeof(*items));

	items[k++] = (struct kit_item){ .value = "", .text = page_t(p, "answer.choose") };
	for (size_t g = 0; g < ARRAY_LEN(eth_groups); g++) {
		for (size_t i = 0; i < nkeys; i++) {
			const char *key = i18n_key("en", i), *code;

			if (strncmp(key, "ethnicity.", 10))
				continue;
			code = key + 10;
			if (!ethnicity_valid(code) || eth_group_of(code) != (int)g)
				continue;
			items[k++] = (struct kit_item){ .value = code, .text = page_t(p, key),
							.group = page_t(p, eth_groups[g].key) };
		}
	}
	*n = k;
	return items;
}

/* the centres this user may register at (all for admins), "Name (CODE)"; the current one too */
static struct kit_item *centre_items(struct page *p, const char *current, size_t *n)
{
	struct db_stmt *st = db_prepare(p->db, "SELECT id, code, name FROM centres ORDER BY name, code");
	struct kit_item *items = NULL;
	size_t alloc = 0, k = 0;

	XGROW(items, alloc, 1);
	items[k++] = (struct kit_item){ .value = "", .text = page_t(p, "answer.choose") };
	while (st && db_step(st) == DB_ROW) {
		const char *code = db_col_text(st, 1);
		struct buf text = BUF_INIT;

		if (!code || (!page_centre_in_scope(p, db_col_int(st, 0)) && strcmp(code, current)))
			continue;
		buf_addf(&text, "%s (%s)", db_col_text(st, 2) ? db_col_text(st, 2) : code, code);
		XGROW(items, alloc, k + 1);
		items[k++] = (struct kit_item){ .value = keep(p, code), .text = keep(p, text.data) };
		buf_release(&text);
	}
	db_finalize(&st);
	/* into request memory, so nothing needs freeing later */
	{
		struct kit_item *r = http_alloc(p->req, k * sizeof(*r));

		memcpy(r, items, k * sizeof(*r));
		free(items);
		*n = k;
		return r;
	}
}

/* yes, no, not known (the first two alone for a yes/no question) */
static struct kit_item *yes_no_items(struct page *p)
{
	struct kit_item *items = http_alloc(p->req, 3 * sizeof(*items));

	items[0] = (struct kit_item){ .value = "yes", .text = page_t(p, "answer.yes") };
	items[1] = (struct kit_item){ .value = "no", .text = page_t(p, "answer.no") };
	items[2] = (struct kit_item){ .value = "not_known", .text = page_t(p, "answer.not_known") };
	return items;
}

/* --------------------------------------------------------- the fields */

/* what the form needs built once per page */
struct choices {
	struct kit_item *ethnicity;  /* the DfE codes, grouped */
	size_t nethnicity;           /* entries */
	struct kit_item *langs;      /* the common languages */
	struct kit_item *employment; /* "Choose" then employment.* */
	struct kit_item *yes_no_nk;  /* yes, no, not known */
	struct kit_item *sexes;      /* female, male, other */
	struct kit_item *relations;  /* mother, father, other */
	struct kit_item *sen;        /* none, support, ehcp, not known */
};

static void choices_init(struct page *p, struct choices *c)
{
	static const char *const sexes[] = { "female", "male", "other" };
	static const char *const relations[] = { "mother", "father", "other" };
	static const char *const sen[] = { "none", "support", "ehcp", "not_known" };

	c->ethnicity = ethnicity_items(p, &c->nethnicity);
	c->langs = items_of(p, "language.", reg_common_langs, reg_ncommon_langs, 0);
	c->employment = items_of(p, "employment.", reg_employment, reg_nemployment, 1);
	c->yes_no_nk = yes_no_items(p);
	c->sexes = items_of(p, "sex.", sexes, ARRAY_LEN(sexes), 0);
	c->relations = items_of(p, "relationship.", relations, ARRAY_LEN(relations), 0);
	c->sen = items_of(p, "sen.", sen, ARRAY_LEN(sen), 0);
}

static const char *err(const struct kit_errors *e, struct page *p, const char *prefix, const char *suffix)
{
	return kit_errors_get(e, fname(p, prefix, suffix));
}

/* the error of a date input: whichever of its boxes the summary links to */
static const char *date_err(const struct kit_errors *e, struct page *p, const char *prefix)
{
	static const char *const boxes[] = { "_dob-day", "_dob-month", "_dob-year" };

	for (size_t i = 0; i < ARRAY_LEN(boxes); i++) {
		const char *m = err(e, p, prefix, boxes[i]);

		if (m)
			return m;
	}
	return NULL;
}

static void person_fields(struct page *p, const struct reg_person *r, const struct choices *c,
			  const struct kit_errors *e, const char *heading)
{
	struct buf *b = &p->res->body;
	const char *pre = r->prefix, *l = p->lang;

	kit_heading(b, 2, "m", heading);
	kit_input(b, &(struct kit_input){ .lang = l, .name = fname(p, pre, "_first_name"),
		  .label = page_t(p, "field.first_name"), .hint = page_t(p, "field.name_hint"),
		  .error = err(e, p, pre, "_first_name"), .value = r->first_name, .width = 20,
		  .autocomplete = "off", .spellcheck_off = 1 });
	kit_input(b, &(struct kit_input){ .lang = l, .name = fname(p, pre, "_last_name"),
		  .label = page_t(p, "field.last_name"), .error = err(e, p, pre, "_last_name"),
		  .value = r->last_name, .width = 20, .autocomplete = "off", .spellcheck_off = 1 });
	if (!r->child)
		kit_radios(b, &(struct kit_choices){ .lang = l, .name = fname(p, pre, "_relationship"),
			   .legend = optional(p, "field.relationship"), .legend_size = "s",
			   .error = err(e, p, pre, "_relationship"), .items = c->relations, .nitems = 3,
			   .value = r->relationship });
	kit_date_input(b, &(struct kit_date){ .lang = l, .name = fname(p, pre, "_dob"),
		       .legend = r->child ? page_t(p, "field.date_of_birth") : optional(p, "field.date_of_birth"),
		       .legend_size = "s",
		       .hint = page_t(p, r->child ? "field.date_of_birth.hint" : "field.carer_date_of_birth.hint"),
		       .error = date_err(e, p, pre), .error_parts = r->dob_parts, .day = r->dob_day, .month = r->dob_month,
		       .year = r->dob_year, .birthday = 0 });
	kit_radios(b, &(struct kit_choices){ .lang = l, .name = fname(p, pre, "_sex"),
		   .legend = optional(p, "field.sex"), .legend_size = "s", .error = err(e, p, pre, "_sex"),
		   .items = c->sexes, .nitems = 3, .value = r->sex, .is_inline = 1 });
	kit_select(b, &(struct kit_select){ .lang = l, .name = fname(p, pre, "_ethnicity"),
		   .label = optional(p, "field.ethnicity"), .label_size = "s",
		   .hint = page_t(p, "field.ethnicity.hint"), .error = err(e, p, pre, "_ethnicity"),
		   .items = c->ethnicity, .nitems = c->nethnicity, .value = r->ethnicity });
	kit_checkboxes(b, &(struct kit_choices){ .lang = l, .name = fname(p, pre, "_lang"),
		       .legend = optional(p, "field.languages"), .legend_size = "s",
		       .hint = page_t(p, "register.languages_hint"), .error = err(e, p, pre, "_lang"),
		       .items = c->langs, .nitems = reg_ncommon_langs,
		       .values = (const char *const *)r->ticked, .nvalues = r->nticked, .small = 1 });
	kit_input(b, &(struct kit_input){ .lang = l, .name = fname(p, pre, "_lang_other"),
		  .label = page_t(p, "register.lang_other"), .hint = page_t(p, "register.lang_other_hint"),
		  .error = err(e, p, pre, "_lang_other"), .value = r->lang_other, .width = 20,
		  .autocomplete = "off", .spellcheck_off = 1 });
	if (!r->child)
		kit_select(b, &(struct kit_select){ .lang = l, .name = fname(p, pre, "_employment"),
			   .label = optional(p, "field.employment"), .label_size = "s",
			   .error = err(e, p, pre, "_employment"), .items = c->employment,
			   .nitems = reg_nemployment + 1, .value = r->employment });
	kit_radios(b, &(struct kit_choices){ .lang = l, .name = fname(p, pre, "_disabled"),
		   .legend = optional(p, "field.disabled"), .legend_size = "s",
		   .hint = page_t(p, "field.disabled.hint"), .error = err(e, p, pre, "_disabled"),
		   .items = c->yes_no_nk, .nitems = 3, .value = r->disabled, .is_inline = 1 });
	if (r->child)
		kit_radios(b, &(struct kit_choices){ .lang = l, .name = fname(p, pre, "_sen"),
			   .legend = optional(p, "field.sen"), .legend_size = "s",
			   .hint = page_t(p, "field.sen.hint"), .error = err(e, p, pre, "_sen"),
			   .items = c->sen, .nitems = 4, .value = r->sen });
}

/* an optional person: inside a details element, open when anything was typed */
static void optional_person(struct page *p, const struct reg_person *r, const struct choices *c,
			    const struct kit_errors *e, const char *summary, const char *heading)
{
	struct buf *b = &p->res->body;

	html_raw_literal(b, "<details class=\"govuk-details\"");
	if (r->present)
		html_raw_literal(b, " open");
	html_raw_literal(b, ">\n<summary class=\"govuk-details__summary\">"
			    "<span class=\"govuk-details__summary-text\">");
	html_text(b, summary);
	html_raw_literal(b, "</span></summary>\n<div class=\"govuk-details__text\">\n");
	person_fields(p, r, c, e, heading);
	html_raw_literal(b, "</div>\n</details>\n");
}

/* address and contact details (both forms) */
static void address_fields(struct page *p, const struct reg_family *f, const struct kit_errors *e)
{
	struct buf *b = &p->res->body;
	const char *l = p->lang;

	kit_input(b, &(struct kit_input){ .lang = l, .name = "address_line1",
		  .label = page_t(p, "field.address_line1"), .error = kit_errors_get(e, "address_line1"),
		  .value = f->address_line1, .autocomplete = "address-line1" });
	kit_input(b, &(struct kit_input){ .lang = l, .name = "address_line2",
		  .label = page_t(p, "field.address_line2"), .error = kit_errors_get(e, "address_line2"),
		  .value = f->address_line2, .autocomplete = "address-line2" });
	kit_input(b, &(struct kit_input){ .lang = l, .name = "town", .label = optional(p, "field.town"),
		  .error = kit_errors_get(e, "town"), .value = f->town, .width = 20,
		  .autocomplete = "address-level2" });
	kit_input(b, &(struct kit_input){ .lang = l, .name = "postcode", .label = page_t(p, "field.postcode"),
		  .error = kit_errors_get(e, "postcode"), .value = f->postcode, .width = 10,
		  .autocomplete = "postal-code", .spellcheck_off = 1, .autocapitalize = "characters" });
	kit_input(b, &(struct kit_input){ .lang = l, .name = "phone", .label = optional(p, "field.phone"),
		  .hint = page_t(p, "field.phone.hint"), .error = kit_errors_get(e, "phone"), .value = f->phone,
		  .type = "tel", .width = 20, .autocomplete = "tel", .inputmode = "tel" });
	kit_input(b, &(struct kit_input){ .lang = l, .name = "email", .label = page_t(p, "field.email"),
		  .error = kit_errors_get(e, "email"), .value = f->email, .type = "email",
		  .autocomplete = "email", .spellcheck_off = 1 });
}

/* registering centre, lone parent, work (and how they heard, when registering) */
static void circumstance_fields(struct page *p, const struct reg_family *f, const struct kit_errors *e,
				const struct choices *c, int registering)
{
	struct buf *b = &p->res->body;
	const char *l = p->lang;
	struct kit_item *centres, *heard, workless[3];
	size_t ncentres;

	centres = centre_items(p, f->centre, &ncentres);
	kit_select(b, &(struct kit_select){ .lang = l, .name = "centre", .label = page_t(p, "register.centre"),
		   .label_size = "s", .hint = page_t(p, "register.centre_hint"),
		   .error = kit_errors_get(e, "centre"), .items = centres, .nitems = ncentres,
		   .value = f->centre });
	kit_radios(b, &(struct kit_choices){ .lang = l, .name = "lone_parent",
		   .legend = optional(p, "field.lone_parent"), .legend_size = "s",
		   .hint = page_t(p, "field.lone_parent.hint"), .error = kit_errors_get(e, "lone_parent"),
		   .items = c->yes_no_nk, .nitems = 3, .value = f->lone_parent, .is_inline = 1 });
	workless[0] = (struct kit_item){ .value = "in_work", .text = page_t(p, "register.workless.in_work") };
	workless[1] = (struct kit_item){ .value = "workless", .text = page_t(p, "register.workless.none") };
	workless[2] = (struct kit_item){ .value = "not_known", .text = page_t(p, "answer.not_known") };
	kit_radios(b, &(struct kit_choices){ .lang = l, .name = "workless",
		   .legend = optional(p, "field.workless"), .legend_size = "s",
		   .error = kit_errors_get(e, "workless"), .items = workless, .nitems = 3, .value = f->workless });
	if (registering) {
		heard = items_of(p, "heard.", reg_heard, reg_nheard, 1);
		kit_select(b, &(struct kit_select){ .lang = l, .name = "heard_from",
			   .label = optional(p, "field.heard_from"), .label_size = "s",
			   .error = kit_errors_get(e, "heard_from"), .items = heard, .nitems = reg_nheard + 1,
			   .value = f->heard_from });
	}
}

static void consent_fields(struct page *p, const struct reg_family *f, const struct kit_errors *e,
			   const struct choices *c)
{
	struct buf *b = &p->res->body;

	kit_radios(b, &(struct kit_choices){ .lang = p->lang, .name = "consent_contact",
		   .legend = page_t(p, "field.consent_contact"), .legend_size = "s",
		   .hint = page_t(p, "field.consent_contact.hint"), .error = kit_errors_get(e, "consent_contact"),
		   .items = c->yes_no_nk, .nitems = 2, .value = f->consent_contact, .is_inline = 1 });
	kit_radios(b, &(struct kit_choices){ .lang = p->lang, .name = "consent_share",
		   .legend = page_t(p, "field.consent_share"), .legend_size = "s",
		   .hint = page_t(p, "field.consent_share.hint"), .error = kit_errors_get(e, "consent_share"),
		   .items = c->yes_no_nk, .nitems = 2, .value = f->consent_share, .is_inline = 1 });
}

static void grid_begin(struct buf *b)
{
	html_raw_literal(b, "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-two-thirds\">\n");
}

static void grid_end(struct buf *b)
{
	html_raw_literal(b, "</div>\n</div>\n");
}

static void form_begin(struct buf *b, const char *action, const char *csrf)
{
	html_raw_literal(b, "<form method=\"post\" novalidate");
	html_attr(b, "action", action);
	html_raw_literal(b, ">\n");
	kit_csrf(b, csrf);
}

/* ------------------------------------------------------ registration */

static void render_form(struct page *p, const struct reg_form *f, const struct kit_errors *e)
{
	struct buf *b = &p->res->body;
	struct choices c;
	char n[4];

	choices_init(p, &c);
	page_begin(p, page_t(p, "register.title"), KIT_NAV_REGISTER, e->nr > 0);
	grid_begin(b);
	kit_error_summary(b, p->lang, e);
	kit_heading(b, 1, "l", page_t(p, "register.title"));
	kit_p(b, page_t(p, "register.intro"));
	form_begin(b, "/families/new", p->csrf);

	kit_heading(b, 2, "m", page_t(p, "register.section.address"));
	address_fields(p, &f->family, e);

	for (size_t i = 0; i < REG_CARERS; i++) {
		snprintf(n, sizeof(n), "%zu", i + 1);
		if (i == 0)
			person_fields(p, &f->carers[i], &c, e, tsub1(p, "register.section.carer_n", n));
		else
			optional_person(p, &f->carers[i], &c, e, tsub1(p, "register.add_carer_n", n),
					tsub1(p, "register.section.carer_n", n));
	}
	for (size_t i = 0; i < REG_CHILDREN; i++) {
		snprintf(n, sizeof(n), "%zu", i + 1);
		if (i == 0)
			person_fields(p, &f->children[i], &c, e, tsub1(p, "register.section.child_n", n));
		else
			optional_person(p, &f->children[i], &c, e, tsub1(p, "register.add_child_n", n),
					tsub1(p, "register.section.child_n", n));
	}

	kit_heading(b, 2, "m", page_t(p, "register.section.family"));
	circumstance_fields(p, &f->family, e, &c, 1);
	kit_heading(b, 2, "m", page_t(p, "register.section.consent"));
	consent_fields(p, &f->family, e, &c);

	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.save_family"), .prevent_double_click = 1 });
	html_raw_literal(b, "</form>\n");
	grid_end(b);
	page_end(p);
}

UI_HANDLER(ui_register_form)
{
	struct page *p = page_of(req);
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_form f;

	(void)res;
	reg_form_init(&f);
	/* a worker of one centre registers there */
	if (p->user.ncentres == 1 && p->user.role != ROLE_ADMIN) {
		free(f.family.centre);
		f.family.centre = xstrdup(p->user.centre_codes[0]);
	}
	render_form(p, &f, &e);
	reg_form_release(&f);
	return 0;
}

/* every answer of the POST again, as hidden fields (not the token or the buttons) */
static void hidden_answers(struct page *p)
{
	struct buf *b = &p->res->body;

	for (size_t i = 0; i < p->req->nform; i++) {
		const struct http_param *f = &p->req->form[i];

		if (!strcmp(f->name, KIT_CSRF_FIELD) || !strcmp(f->name, "confirm_new") ||
		    !strcmp(f->name, "review"))
			continue;
		html_raw_literal(b, "<input type=\"hidden\"");
		html_attr(b, "name", f->name);
		html_attr(b, "value", f->value);
		html_raw_literal(b, ">\n");
	}
}

/* a link that opens in a new tab */
static void new_tab_link(struct buf *b, const char *href, const char *text, const char *hidden)
{
	html_raw_literal(b, "<a class=\"govuk-link\" target=\"_blank\" rel=\"noopener noreferrer\"");
	html_attr(b, "href", href);
	html_raw_literal(b, ">");
	html_text(b, text);
	if (hidden) {
		html_raw_literal(b, "<span class=\"govuk-visually-hidden\"> ");
		html_text(b, hidden);
		html_raw_literal(b, "</span>");
	}
	html_raw_literal(b, "</a>");
}

/* the fields of match_spec_people, in its order, as the duplicates page names them */
static const char *const match_field_words[] = {
	"duplicates.f.first_name", "duplicates.f.surname", "duplicates.f.dob", "duplicates.f.sex",
	"duplicates.f.postcode",
};

/* how likely a stored person is the one on the form, and why: the
 * engine's probability and each known field's level */
static void match_evidence(struct page *p, struct buf *b, const struct reg_form *f,
			   const struct reg_match *x)
{
	static const enum match_kind field_kinds[] = { MK_FIRST, MK_SURNAME, MK_DOB, MK_SEX,
							MK_POSTCODE };
	const struct reg_person *who = reg_form_person(f, x->person);
	struct buf pct = BUF_INIT, name = BUF_INIT, line = BUF_INIT;

	/* never "100%" for what is a likelihood */
	buf_addf(&pct, "%.0f%%", x->hit.prob < 0.99 ? 100.0 * x->hit.prob : 99.0);
	if (who)
		buf_addf(&name, "%s %s", who->first_name, who->last_name);
	page_tsub(p, &line, "register.dup_likely", pct.data, name.data);
	html_raw_literal(b, "<p class=\"govuk-body govuk-!-margin-bottom-1\"><strong>");
	html_text(b, line.data);
	html_raw_literal(b, "</strong></p><ul class=\"govuk-list govuk-body-s\">");
	for (size_t k = 0; k < ARRAY_LEN(field_kinds); k++) {
		/* a field not known on one side says nothing: left out */
		if (!x->hit.level[k])
			continue;
		html_raw_literal(b, "<li>");
		html_text(b, page_t(p, match_field_words[k]));
		html_raw_literal(b, ": ");
		html_text(b, page_t(p, match_level_key(field_kinds[k], x->hit.level[k])));
		html_raw_literal(b, "</li>");
	}
	html_raw_literal(b, "</ul>");
	buf_release(&pct);
	buf_release(&name);
	buf_release(&line);
}

/* "Is this the same family?": the people found, and the way on either way */
static void render_matches(struct page *p, const struct reg_form *f, const struct reg_matches *m)
{
	struct kit_table_col tc[3];
	struct buf *b = &p->res->body, href = BUF_INIT, name = BUF_INIT;
	int *in_scope = http_alloc(p->req, (m->nr + 1) * sizeof(int));
	const char *only_family = NULL;
	size_t nin = 0, nout = 0, nfam = 0;

	/* one scope check per family */
	for (size_t i = 0; i < m->nr; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (m->items[j].family_id == m->items[i].family_id)
				break;
		if (j < i) {
			in_scope[i] = in_scope[j];
			continue;
		}
		in_scope[i] = auth_family_in_scope(p->db, &p->user, m->items[i].family_id);
		if (in_scope[i]) {
			page_audit(p, "view", m->items[i].family_id, 0, "shown as a possible duplicate");
			nfam++;
			only_family = m->items[i].family_ext;
		} else {
			nout++;
		}
	}
	for (size_t i = 0; i < m->nr; i++)
		nin += in_scope[i] != 0;

	memset(tc, 0, sizeof(tc));
	tc[0].header = page_t(p, "search.col_name");
	tc[1].header = page_t(p, "search.col_dob");
	tc[2].header = page_t(p, "register.dup_col_alike");

	page_begin(p, page_t(p, "dup.title"), KIT_NAV_REGISTER, 0);
	grid_begin(b);
	kit_heading(b, 1, "l", page_t(p, "dup.title"));
	kit_p(b, page_t(p, "dup.intro"));
	if (nin) {
		kit_table_begin(b, &(struct kit_table){ .cols = tc, .ncols = 3 });
		for (size_t i = 0; i < m->nr; i++) {
			const struct reg_match *x = &m->items[i];

			if (!in_scope[i])
				continue;
			buf_reset(&name);
			buf_addf(&name, "%s %s", x->first_name ? x->first_name : "", x->last_name ? x->last_name : "");
			buf_reset(&href);
			buf_adds(&href, "/families/");
			html_url_arg(&href, x->family_ext);
			/* three columns, so the table fits a phone: the family ID and
			 * postcode go under the name */
			kit_table_row_begin(b);
			kit_table_cell_begin(b, 0);
			new_tab_link(b, href.data, name.data, page_t(p, "register.dup_new_tab"));
			html_raw_literal(b, "<br>");
			html_text(b, x->family_ext);
			if (x->postcode && *x->postcode) {
				html_raw_literal(b, "<br>");
				html_text(b, x->postcode);
			}
			kit_table_cell_end(b);
			buf_reset(&name);
			page_format_date(p, x->date_of_birth, &name);
			kit_table_cell(b, name.data, 0);
			kit_table_cell_begin(b, 0);
			match_evidence(p, b, f, x);
			kit_table_cell_end(b);
			kit_table_row_end(b);
		}
		kit_table_end(b);
	}
	for (size_t i = 0; i < nout; i++)
		kit_inset_text(b, page_t(p, "register.dup_other_centre"));

	kit_heading(b, 2, "m", page_t(p, "dup.question"));
	form_begin(b, "/families/new", p->csrf);
	hidden_answers(p);
	kit_button_group_begin(b);
	buf_reset(&href);
	if (nfam == 1) {
		buf_adds(&href, "/families/");
		html_url_arg(&href, only_family);
	} else {
		buf_adds(&href, "/search?q=");
		html_url_arg(&href, f->children[0].last_name);
	}
	kit_button(b, &(struct kit_button){ .text = page_t(p, "register.dup_same"), .href = href.data,
		   .id = "dup-same" });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "register.dup_new"), .name = "confirm_new",
		   .value = "1", .kind = KIT_BUTTON_SECONDARY, .id = "dup-new", .prevent_double_click = 1 });
	kit_button(b, &(struct kit_button){ .text = page_t(p, "register.dup_review"), .name = "review",
		   .value = "1", .kind = KIT_BUTTON_SECONDARY, .id = "dup-review" });
	kit_button_group_end(b);
	html_raw_literal(b, "</form>\n");
	grid_end(b);
	page_end(p);
	buf_release(&href);
	buf_release(&name);
}

UI_HANDLER(ui_register_submit)
{
	struct page *p = page_of(req);
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_matches m = REG_MATCHES_INIT;
	struct reg_form f;
	int32_t today = date_today();
	int64_t centre_id = 0, family_id = 0;
	char ext[16];
	const char *confirm = http_form(req, "confirm_new");
	const char *review = http_form(req, "review");

	reg_form_init(&f);
	reg_form_read(&f, req);
	if (review && !strcmp(review, "1")) {
		/* back from "Is this the same family?" to change the answers */
		render_form(p, &f, &e);
		goto out;
	}
	reg_form_check(&f, p->lang, today, &e);
	if (*f.family.centre) {
		centre_id = reg_centre_id(p->db, f.family.centre);
		if (centre_id < 0) {
			page_error(p, 500);
			goto out;
		}
		if (!centre_id || !page_centre_in_scope(p, centre_id))
			kit_errors_add(&e, "centre", page_t(p, "register.error_centre"));
	}
	reg_errors_order(&e);
	if (e.nr) {
		render_form(p, &f, &e);
		goto out;
	}
	if (!confirm || strcmp(confirm, "1")) {
		if (reg_find_matches(p->db, &f, &m)) {
			page_error(p, 500);
			goto out;
		}
		if (m.nr) {
			render_matches(p, &f, &m);
			goto out;
		}
	}
	if (reg_form_save(p->db, &p->user, &f, centre_id, today, &family_id, ext)) {
		page_error(p, 500);
		goto out;
	}
	{
		struct buf to = BUF_INIT;

		buf_adds(&to, "/families/");
		html_url_arg(&to, ext);
		buf_adds(&to, "?registered=1");
		http_redirect(res, to.data);
		buf_release(&to);
	}
out:
	reg_matches_release(&m);
	kit_errors_release(&e);
	reg_form_release(&f);
	return 0;
}

/* ------------------------------------------------------ family details */

static void render_edit(struct page *p, const char *ext, const struct reg_family *f, const struct kit_errors *e)
{
	struct buf *b = &p->res->body, href = BUF_INIT, action = BUF_INIT;
	struct choices c;

	choices_init(p, &c);
	buf_adds(&href, "/families/");
	html_url_arg(&href, ext);
	buf_addf(&action, "%s/edit", href.data);
	page_begin_back(p, page_t(p, "register.edit_title"), KIT_NAV_SEARCH, e->nr > 0, href.data);
	grid_begin(b);
	kit_error_summary(b, p->lang, e);
	kit_caption(b, "l", tsub1(p, "register.edit_caption", ext));
	kit_heading(b, 1, "l", page_t(p, "register.edit_title"));
	kit_p(b, page_t(p, "register.edit_intro"));
	form_begin(b, action.data, p->csrf);
	kit_heading(b, 2, "m", page_t(p, "register.section.address"));
	address_fields(p, f, e);
	kit_heading(b, 2, "m", page_t(p, "register.section.family"));
	circumstance_fields(p, f, e, &c, 0);
	kit_heading(b, 2, "m", page_t(p, "register.section.consent"));
	consent_fields(p, f, e, &c);
	kit_button_group_begin(b);
	kit_button(b, &(struct kit_button){ .text = page_t(p, "button.save"), .prevent_double_click = 1 });
	html_raw_literal(b, "<a class=\"govuk-link\"");
	html_attr(b, "href", href.data);
	html_raw_literal(b, ">");
	html_text(b, page_t(p, "button.cancel"));
	html_raw_literal(b, "</a>\n");
	kit_button_group_end(b);
	html_raw_literal(b, "</form>\n");
	grid_end(b);
	page_end(p);
	buf_release(&href);
	buf_release(&action);
}

UI_HANDLER(ui_family_edit_form)
{
	struct page *p = page_of(req);
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_family f;
	int64_t id;

	(void)res;
	if (page_family(p, req->path_args[0], &id))
		return 0;
	reg_family_init(&f);
	if (reg_family_load(p->db, id, &f)) {
		page_error(p, 500);
		goto out;
	}
	page_audit(p, "view", id, 0, "change details form");
	render_edit(p, req->path_args[0], &f, &e);
out:
	reg_family_release(&f);
	return 0;
}

UI_HANDLER(ui_family_edit_submit)
{
	struct page *p = page_of(req);
	struct kit_errors e = KIT_ERRORS_INIT;
	struct reg_family old, f;
	int64_t id, centre_id = 0;
	size_t changed = 0;

	if (page_family(p, req->path_args[0], &id))
		return 0;
	reg_family_init(&old);
	reg_family_init(&f);
	if (reg_family_load(p->db, id, &old)) {
		page_error(p, 500);
		goto out;
	}
	reg_family_read(&f, req);
	/* not on this form: kept as it was */
	free(f.heard_from);
	f.heard_from = xstrdup(old.heard_from);
	reg_family_check(&f, p->lang, 0, &e);
	if (*f.centre) {
		centre_id = reg_centre_id(p->db, f.centre);
		if (centre_id < 0) {
			page_error(p, 500);
			goto out;
		}
		/* the family's own centre stays allowed; another must be one of the user's */
		if (!centre_id || (strcmp(f.centre, old.centre) && !page_centre_in_scope(p, centre_id)))
			kit_errors_add(&e, "centre", page_t(p, "register.error_centre"));
	} else if (*old.centre) {
		kit_errors_add(&e, "centre", page_t(p, "register.error_centre"));
	}
	reg_errors_order(&e);
	if (e.nr) {
		render_edit(p, req->path_args[0], &f, &e);
		goto out;
	}
	if (reg_family_update(p->db, &p->user, id, &old, &f, centre_id, &changed)) {
		page_error(p, 500);
		goto out;
	}
	{
		struct buf to = BUF_INIT;

		buf_adds(&to, "/families/");
		html_url_arg(&to, req->path_args[0]);
		if (changed)
			buf_adds(&to, "?updated=1");
		http_redirect(res, to.data);
		buf_release(&to);
	}
out:
	kit_errors_release(&e);
	reg_family_release(&old);
	reg_family_release(&f);
	return 0;
}
