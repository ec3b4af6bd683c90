/* registration.c: the registration form as data: reading, checking, matching and saving */
#include "registration.h"

#include <string.h>
#include "i18n.h"
#include "../auth/auth.h"
#include "../model/model.h"
#include "../search/search.h"
#include "../store/db.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/text.h"
#include "../util/util.h"

const char *const reg_common_langs[] = {
	"en", "ar", "bn", "ur", "pa", "so", "pl", "ro", "pt", "tr", "fa", "ku",
};
const size_t reg_ncommon_langs = ARRAY_LEN(reg_common_langs);

const char *const reg_employment[] = {
	"employed", "self_employed", "unemployed", "not_working", "student", "parental_leave",
};
const size_t reg_nemployment = ARRAY_LEN(reg_employment);

const char *const reg_heard[] = {
	"health_visitor", "midwife", "gp", "friend_family", "outreach", "leaflet",
	"school_nursery", "social_care", "online", "walk_in", "other",
};
const size_t reg_nheard = ARRAY_LEN(reg_heard);

/* ------------------------------------------------------------ strings */

static char *dup_trim(const char *s)
{
	char *c = xstrdup(s ? s : "");
	char *t = str_trim(c);

	if (t != c)
		memmove(c, t, strlen(t) + 1);
	return c;
}

static void set(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/* the field `name` of the POST, trimmed, into *dst */
static void read_field(char **dst, const struct http_request *req, const char *name)
{
	set(dst, dup_trim(http_form(req, name)));
}

/* the field prefix + suffix of the POST */
static void read_pfield(char **dst, const struct http_request *req, const char *prefix,
			const char *suffix)
{
	struct buf name = BUF_INIT;

	buf_addf(&name, "%s%s", prefix, suffix);
	read_field(dst, req, name.data);
	buf_release(&name);
}

static int one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, list[i]))
			return 1;
	return 0;
}

static const char *const yes_no[] = { "yes", "no" };
static const char *const yes_no_nk[] = { "yes", "no", "not_known" };
static const char *const workless_values[] = { "in_work", "workless", "not_known" };
static const char *const relationships[] = { "mother", "father", "other" };
static const char *const sexes[] = { "female", "male", "other" };
static const char *const sen_values[] = { "none", "support", "ehcp", "not_known" };

/* an error for the field `prefix` + `suffix` */
static void add_error(struct kit_errors *errs, const char *prefix, const char *suffix, const char *lang,
		      const char *key)
{
	struct buf id = BUF_INIT;

	buf_addf(&id, "%s%s", prefix, suffix);
	kit_errors_add(errs, id.data, i18n_get(lang, key));
	buf_release(&id);
}

/* ------------------------------------------------------------- family */

void reg_family_init(struct reg_family *f)
{
	f->address_line1 = xstrdup("");
	f->address_line2 = xstrdup("");
	f->town = xstrdup("");
	f->postcode = xstrdup("");
	f->phone = xstrdup("");
	f->email = xstrdup("");
	f->centre = xstrdup("");
	f->lone_parent = xstrdup("");
	f->workless = xstrdup("");
	f->heard_from = xstrdup("");
	f->consent_contact = xstrdup("");
	f->consent_share = xstrdup("");
}

void reg_family_release(struct reg_family *f)
{
	free(f->address_line1);
	free(f->address_line2);
	free(f->town);
	free(f->postcode);
	free(f->phone);
	free(f->email);
	free(f->centre);
	free(f->lone_parent);
	free(f->workless);
	free(f->heard_from);
	free(f->consent_contact);
	free(f->consent_share);
	memset(f, 0, sizeof(*f));
}

void reg_family_read(struct reg_family *f, const struct http_request *req)
{
	read_field(&f->address_line1, req, "address_line1");
	read_field(&f->address_line2, req, "address_line2");
	read_field(&f->town, req, "town");
	read_field(&f->postcode, req, "postcode");
	read_field(&f->phone, req, "phone");
	read_field(&f->email, req, "email");
	read_field(&f->centre, req, "centre");
	read_field(&f->lone_parent, req, "lone_parent");
	read_field(&f->workless, req, "workless");
	read_field(&f->heard_from, req, "heard_from");
	read_field(&f->consent_contact, req, "consent_contact");
	read_field(&f->consent_share, req, "consent_share");
}

/* a phone number: digits, spaces and + - ( ) . with 10 to 15 digits */
static int phone_ok(const char *s)
{
	size_t digits = 0;

	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (!strchr(" +-().", *s))
			return 0;
	}
	return digits >= 10 && digits <= 15;
}

/* the shape of an email address: one @, something before it, a dot after it, no spaces */
static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	const char *dot;

	if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 254)
		return 0;
	for (const char *c = s; *c; c++)
		if ((unsigned char)*c <= ' ' || *c == ',' || *c == ';' || *c == '<' || *c == '>')
			return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1];
}

/* an answer that must be one of `list` (or empty when not required) */
static void check_choice(struct kit_errors *errs, const char *lang, const char *id, const char *v,
			 const char *const *list, size_t n, int required, const char *missing_key)
{
	if (!*v) {
		if (required)
			kit_errors_add(errs, id, i18n_get(lang, missing_key));
		return;
	}
	if (!one_of(v, list, n))
		kit_errors_add(errs, id, i18n_get(lang, "register.choice_invalid"));
}

static void check_text(struct kit_errors *errs, const char *lang, const char *id, const char *v, size_t max)
{
	if (utf8_len(v) > max)
		kit_errors_add(errs, id, i18n_get(lang, "error.too_long"));
}

size_t reg_family_check(struct reg_family *f, const char *lang, int registering, struct kit_errors *errs)
{
	size_t before = errs->nr;
	struct buf pc = BUF_INIT;

	if (!*f->address_line1) {
		if (registering)
			kit_errors_add(errs, "address_line1", i18n_get(lang, "error.address_line1"));
	} else {
		check_text(errs, lang, "address_line1", f->address_line1, REG_TEXT_MAX);
	}
	check_text(errs, lang, "address_line2", f->address_line2, REG_TEXT_MAX);
	check_text(errs, lang, "town", f->town, REG_TEXT_MAX);
	if (!*f->postcode) {
		if (registering)
			kit_errors_add(errs, "postcode", i18n_get(lang, "error.postcode_missing"));
	} else if (postcode_normalise(f->postcode, &pc)) {
		kit_errors_add(errs, "postcode", i18n_get(lang, "error.postcode_invalid"));
	} else {
		set(&f->postcode, buf_detach(&pc, NULL));
	}
	if (*f->phone && (strlen(f->phone) > 30 || !phone_ok(f->phone)))
		kit_errors_add(errs, "phone", i18n_get(lang, "error.phone_invalid"));
	if (*f->email && !email_ok(f->email))
		kit_errors_add(errs, "email", i18n_get(lang, "error.email_invalid"));
	if (registering && !*f->centre)
		kit_errors_add(errs, "centre", i18n_get(lang, "register.error_centre"));
	check_choice(errs, lang, "lone_parent", f->lone_parent, yes_no_nk, ARRAY_LEN(yes_no_nk), 0, NULL);
	check_choice(errs, lang, "workless", f->workless, workless_values, ARRAY_LEN(workless_values), 0,
		     NULL);
	check_choice(errs, lang, "heard_from", f->heard_from, reg_heard, reg_nheard, 0, NULL);
	check_choice(errs, lang, "consent_contact", f->consent_contact, yes_no, ARRAY_LEN(yes_no),
		     registering, "error.consent_contact");
	check_choice(errs, lang, "consent_share", f->consent_share, yes_no, ARRAY_LEN(yes_no), registering,
		     "error.consent_share");
	buf_release(&pc);
	return errs->nr - before;
}

/* ------------------------------------------------------------- people */

static void person_init(struct reg_person *p, const char *prefix, int child)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->prefix, sizeof(p->prefix), "%s", prefix);
	p->child = child;
	p->first_name = xstrdup("");
	p->last_name = xstrdup("");
	p->relationship = xstrdup("");
	p->dob_day = xstrdup("");
	p->dob_month = xstrdup("");
	p->dob_year = xstrdup("");
	p->dob = DATE_NONE;
	p->sex = xstrdup("");
	p->ethnicity = xstrdup("");
	p->employment = xstrdup("");
	p->disabled = xstrdup("");
	p->sen = xstrdup("");
	p->lang_other = xstrdup("");
}

static void person_clear_langs(struct reg_person *p)
{
	for (size_t i = 0; i < p->nticked; i++)
		free(p->ticked[i]);
	p->nticked = 0;
	for (size_t i = 0; i < p->nlangs; i++)
		free(p->langs[i]);
	p->nlangs = 0;
}

static void person_release(struct reg_person *p)
{
	free(p->first_name);
	free(p->last_name);
	free(p->relationship);
	free(p->dob_day);
	free(p->dob_month);
	free(p->dob_year);
	free(p->sex);
	free(p->ethnicity);
	free(p->employment);
	free(p->disabled);
	free(p->sen);
	free(p->lang_other);
	person_clear_langs(p);
	memset(p, 0, sizeof(*p));
}

static void person_read(struct reg_person *p, const struct http_request *req, int always)
{
	struct buf name = BUF_INIT;
	const char *ticked[REG_LANGS];
	size_t n;

	read_pfield(&p->first_name, req, p->prefix, "_first_name");
	read_pfield(&p->last_name, req, p->prefix, "_last_name");
	read_pfield(&p->dob_day, req, p->prefix, "_dob-day");
	read_pfield(&p->dob_month, req, p->prefix, "_dob-month");
	read_pfield(&p->dob_year, req, p->prefix, "_dob-year");
	read_pfield(&p->sex, req, p->prefix, "_sex");
	read_pfield(&p->ethnicity, req, p->prefix, "_ethnicity");
	read_pfield(&p->disabled, req, p->prefix, "_disabled");
	read_pfield(&p->lang_other, req, p->prefix, "_lang_other");
	if (p->child) {
		read_pfield(&p->sen, req, p->prefix, "_sen");
	} else {
		read_pfield(&p->relationship, req, p->prefix, "_relationship");
		read_pfield(&p->employment, req, p->prefix, "_employment");
	}
	person_clear_langs(p);
	buf_addf(&name, "%s_lang", p->prefix);
	n = http_form_all(req, name.data, ticked, REG_LANGS);
	if (n > REG_LANGS)
		n = REG_LANGS;
	for (size_t i = 0; i < n; i++)
		p->ticked[p->nticked++] = dup_trim(ticked[i]);
	buf_release(&name);

	p->present = always || *p->first_name || *p->last_name || *p->dob_day || *p->dob_month ||
		     *p->dob_year || *p->sex || *p->ethnicity || *p->disabled || *p->lang_other ||
		     *p->sen || *p->relationship || *p->employment || p->nticked;
}

/* outcome of reading a date from its three boxes */
enum date_check { DATE_OK, DATE_EMPTY, DATE_INCOMPLETE, DATE_BAD };

static enum date_check check_date(const char *d, const char *m, const char *y, int32_t *out,
				  unsigned *parts)
{
	int dd, mm, yy;

	*parts = 0;
	if (!*d && !*m && !*y)
		return DATE_EMPTY;
	if (!*d)
		*parts |= KIT_DATE_DAY;
	if (!*m)
		*parts |= KIT_DATE_MONTH;
	if (!*y)
		*parts |= KIT_DATE_YEAR;
	if (*parts)
		return DATE_INCOMPLETE;
	if (parse_int(d, 1, 31, &dd))
		*parts |= KIT_DATE_DAY;
	if (parse_int(m, 1, 12, &mm))
		*parts |= KIT_DATE_MONTH;
	if (strlen(y) != 4 || parse_int(y, DATE_MIN_YEAR, DATE_MAX_YEAR, &yy))
		*parts |= KIT_DATE_YEAR;
	if (*parts)
		return DATE_BAD;
	if (dd > date_days_in_month(yy, mm)) {
		*parts = KIT_DATE_DAY;
		return DATE_BAD;
	}
	*out = date_from_ymd(yy, mm, dd);
	return DATE_OK;
}

/* the error of a date, linked to the first box in error */
static void date_error(struct kit_errors *errs, struct reg_person *p, unsigned parts, const char *msg)
{
	const char *prefix = p->prefix;
	struct buf id = BUF_INIT;
	const char *box = "day";

	p->dob_parts = parts;

	if (parts && !(parts & KIT_DATE_DAY))
		box = (parts & KIT_DATE_MONTH) ? "month" : "year";
	buf_addf(&id, "%s_dob-%s", prefix, box);
	kit_errors_add(errs, id.data, msg);
	buf_release(&id);
}

/* a language code for a name as typed: a 2 or 3 letter code, or an English or `lang` name */
static int language_lookup(const char *word, const char *lang, struct buf *code)
{
	const char *langs[2] = { "en", lang };

	if (language_valid(word, strlen(word))) {
		buf_adds(code, word);
		str_lower(code->data);
		return 0;
	}
	for (size_t l = 0; l < 2; l++) {
		size_t n = langs[l] ? i18n_count(langs[l]) : 0;

		for (size_t i = 0; i < n; i++) {
			const char *key = i18n_key(langs[l], i);
			const char *c;

			if (strncmp(key, "language.", 9))
				continue;
			c = key + 9;
			if (!language_valid(c, strlen(c)))
				continue;
			if (str_ieq(i18n_get(langs[l], key), word)) {
				buf_adds(code, c);
				return 0;
			}
		}
	}
	return -1;
}

static void add_lang(struct reg_person *p, const char *code)
{
	for (size_t i = 0; i < p->nlangs; i++)
		if (!strcmp(p->langs[i], code))
			return;
	if (p->nlangs < REG_LANGS)
		p->langs[p->nlangs++] = xstrdup(code);
}

static void person_check_langs(struct reg_person *p, const char *lang, struct kit_errors *errs)
{
	struct buf code = BUF_INIT, word = BUF_INIT, list = BUF_INIT;
	int bad = 0;

	for (size_t i = 0; i < p->nlangs; i++)
		free(p->langs[i]);
	p->nlangs = 0;
	for (size_t i = 0; i < p->nticked; i++) {
		buf_reset(&code);
		if (!language_valid(p->ticked[i], strlen(p->ticked[i]))) {
			bad = 1;
			continue;
		}
		buf_adds(&code, p->ticked[i]);
		str_lower(code.data);
		add_lang(p, code.data);
	}
	if (bad)
		add_error(errs, p->prefix, "_lang", lang, "error.language_invalid");
	/* the other languages: words separated by commas (also Arabic ones), semicolons or white space */
	buf_adds(&list, p->lang_other);
	for (char *c = list.data; (c = strstr(c, "\xd8\x8c")); c += 2)
		memcpy(c, " ,", 2);
	for (const char *s = list.data;;) {
		size_t n = strcspn(s, ",; \t\r\n");

		if (n) {
			buf_reset(&word);
			buf_reset(&code);
			buf_add(&word, s, n);
			if (language_lookup(word.data, lang, &code)) {
				add_error(errs, p->prefix, "_lang_other", lang, "register.error_lang_other");
				break;
			}
			add_lang(p, code.data);
		}
		s += n;
		if (!*s)
			break;
		s++;
	}
	buf_release(&code);
	buf_release(&word);
	buf_release(&list);
}

/*
 * Name the person in the errors added since `from` when there may be more
 * than one of its kind ("Child 2: Enter the child's first name"), so the
 * summary tells them apart; carer 1 and child 1 keep the plain message.
 */
static void label_errors(struct kit_errors *errs, size_t from, const struct reg_person *p, const char *lang)
{
	const char *number = p->prefix + strlen(p->prefix) - 1;
	struct buf heading = BUF_INIT, msg = BUF_INIT;

	if (!strcmp(number, "1"))
		return;
	i18n_subst(&heading, i18n_get(lang, p->child ? "register.section.child_n" : "register.section.carer_n"),
		   &number, 1);
	for (size_t i = from; i < errs->nr; i++) {
		const char *args[2] = { heading.data, errs->items[i].message };

		buf_reset(&msg);
		i18n_subst(&msg, i18n_get(lang, "register.error_in"), args, 2);
		free(errs->items[i].message);
		errs->items[i].message = xstrdup(msg.data);
	}
	buf_release(&heading);
	buf_release(&msg);
}

static void person_check(struct reg_person *p, const char *lang, int32_t today, struct kit_errors *errs)
{
	size_t before = errs->nr;

	unsigned parts;
	enum date_check dc;

	p->dob = DATE_NONE;
	p->dob_parts = 0;
	if (!*p->first_name)
		add_error(errs, p->prefix, "_first_name", lang,
			  p->child ? "error.child_first_name" : "error.carer_first_name");
	else if (utf8_len(p->first_name) > REG_NAME_MAX)
		add_error(errs, p->prefix, "_first_name", lang, "error.name_too_long");
	if (!*p->last_name)
		add_error(errs, p->prefix, "_last_name", lang,
			  p->child ? "error.child_last_name" : "error.carer_last_name");
	else if (utf8_len(p->last_name) > REG_NAME_MAX)
		add_error(errs, p->prefix, "_last_name", lang, "error.name_too_long");
	if (!p->child) {
		struct buf id = BUF_INIT;

		buf_addf(&id, "%s_relationship", p->prefix);
		check_choice(errs, lang, id.data, p->relationship, relationships, ARRAY_LEN(relationships), 0,
			     NULL);
		buf_release(&id);
	}

	dc = check_date(p->dob_day, p->dob_month, p->dob_year, &p->dob, &parts);
	if (dc == DATE_EMPTY && p->child)
		date_error(errs, p, 0, i18n_get(lang, "error.dob_missing"));
	else if (dc == DATE_INCOMPLETE)
		date_error(errs, p, parts, i18n_get(lang, "error.dob_incomplete"));
	else if (dc == DATE_BAD)
		date_error(errs, p, parts, i18n_get(lang, "error.dob_invalid"));
	else if (dc == DATE_OK && p->dob > today)
		date_error(errs, p, 0, i18n_get(lang, "error.dob_future"));
	else if (dc == DATE_OK && p->child && date_age(p->dob, today) >= REG_CHILD_AGE)
		date_error(errs, p, KIT_DATE_YEAR, i18n_get(lang, "register.error_child_age"));
	if (dc != DATE_OK)
		p->dob = DATE_NONE;

	{
		struct buf id = BUF_INIT;

		buf_addf(&id, "%s_sex", p->prefix);
		check_choice(errs, lang, id.data, p->sex, sexes, ARRAY_LEN(sexes), 0, NULL);
		if (*p->ethnicity && !ethnicity_valid(p->ethnicity)) {
			buf_reset(&id);
			buf_addf(&id, "%s_ethnicity", p->prefix);
			kit_errors_add(errs, id.data, i18n_get(lang, "error.ethnicity_invalid"));
		}
		buf_release(&id);
	}
	person_check_langs(p, lang, errs);
	{
		struct buf id = BUF_INIT;

		if (!p->child) {
			buf_addf(&id, "%s_employment", p->prefix);
			check_choice(errs, lang, id.data, p->employment, reg_employment, reg_nemployment, 0, NULL);
			buf_reset(&id);
		}
		buf_addf(&id, "%s_disabled", p->prefix);
		check_choice(errs, lang, id.data, p->disabled, yes_no_nk, ARRAY_LEN(yes_no_nk), 0, NULL);
		if (p->child) {
			buf_reset(&id);
			buf_addf(&id, "%s_sen", p->prefix);
			check_choice(errs, lang, id.data, p->sen, sen_values, ARRAY_LEN(sen_values), 0, NULL);
		}
		buf_release(&id);
	}
	label_errors(errs, before, p, lang);
}

/* --------------------------------------------------------------- form */

void reg_form_init(struct reg_form *f)
{
	char prefix[8];

	reg_family_init(&f->family);
	for (size_t i = 0; i < REG_CARERS; i++) {
		snprintf(prefix, sizeof(prefix), "carer%zu", i + 1);
		person_init(&f->carers[i], prefix, 0);
	}
	for (size_t i = 0; i < REG_CHILDREN; i++) {
		snprintf(prefix, sizeof(prefix), "child%zu", i + 1);
		person_init(&f->children[i], prefix, 1);
	}
	f->carers[0].present = 1;
	f->children[0].present = 1;
}

void reg_form_release(struct reg_form *f)
{
	reg_family_release(&f->family);
	for (size_t i = 0; i < REG_CARERS; i++)
		person_release(&f->carers[i]);
	for (size_t i = 0; i < REG_CHILDREN; i++)
		person_release(&f->children[i]);
}

void reg_form_read(struct reg_form *f, const struct http_request *req)
{
	reg_family_read(&f->family, req);
	for (size_t i = 0; i < REG_CARERS; i++)
		person_read(&f->carers[i], req, i == 0);
	for (size_t i = 0; i < REG_CHILDREN; i++)
		person_read(&f->children[i], req, i == 0);
}

size_t reg_form_check(struct reg_form *f, const char *lang, int32_t today, struct kit_errors *errs)
{
	size_t before = errs->nr;

	reg_family_check(&f->family, lang, 1, errs);
	for (size_t i = 0; i < REG_CARERS; i++)
		if (f->carers[i].present)
			person_check(&f->carers[i], lang, today, errs);
	for (size_t i = 0; i < REG_CHILDREN; i++)
		if (f->children[i].present)
			person_check(&f->children[i], lang, today, errs);
	return errs->nr - before;
}

/* where a field comes on the form: the address, the people, then the rest */
static int field_rank(const char *id)
{
	static const char *const order[] = {
		"address_line1", "address_line2", "town", "postcode", "phone", "email",
		"carer1", "carer2", "child1", "child2", "child3", "child4",
		"centre", "lone_parent", "workless", "heard_from", "consent_contact", "consent_share",
	};

	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		size_t n = strlen(order[i]);

		if (!strncmp(id, order[i], n) && (id[n] == '\0' || id[n] == '_'))
			return (int)i;
	}
	return (int)ARRAY_LEN(order);
}

void reg_errors_order(struct kit_errors *e)
{
	/* insertion sort: stable, and the lists are short */
	for (size_t i = 1; i < e->nr; i++) {
		struct kit_error x = e->items[i];
		int r = field_rank(x.field_id);
		size_t j = i;

		for (; j > 0 && field_rank(e->items[j - 1].field_id) > r; j--)
			e->items[j] = e->items[j - 1];
		e->items[j] = x;
	}
}

size_t reg_form_nchildren(const struct reg_form *f)
{
	size_t n = 0;

	for (size_t i = 0; i < REG_CHILDREN; i++)
		n += f->children[i].present != 0;
	return n;
}

/* every person present, carers first: the i-th, or NULL past the end */
const struct reg_person *reg_form_person(const struct reg_form *f, size_t i)
{
	for (size_t k = 0; k < REG_CARERS; k++)
		if (f->carers[k].present && i-- == 0)
			return &f->carers[k];
	for (size_t k = 0; k < REG_CHILDREN; k++)
		if (f->children[k].present && i-- == 0)
			return &f->children[k];
	return NULL;
}

/* ------------------------------------------------------------ matches */

static int db_fail(struct db *db)
{
	return error("database '%s': %s", db_path(db), db_errmsg(db));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void match_free(struct reg_match *x)
{
	free(x->person_ext);
	free(x->first_name);
	free(x->last_name);
	free(x->date_of_birth);
	free(x->family_ext);
	free(x->postcode);
}

void reg_matches_release(struct reg_matches *m)
{
	for (size_t i = 0; i < m->nr; i++)
		match_free(&m->items[i]);
	free(m->items);
	memset(m, 0, sizeof(*m));
}

/* the stored person of the row (person ext, first, last, dob, family id,
 * family ext, postcode), as a match of form person `person` */
static void match_add(struct reg_matches *m, struct db_stmt *st, size_t person,
		      const struct match_hit *hit)
{
	const char *ext = db_col_text(st, 0);
	struct reg_match *x;

	if (!ext)
		return;
	XGROW(m->items, m->alloc, m->nr + 1);
	x = &m->items[m->nr++];
	x->person_ext = xstrdup(ext);
	x->first_name = dup_or_null(db_col_text(st, 1));
	x->last_name = dup_or_null(db_col_text(st, 2));
	x->date_of_birth = dup_or_null(db_col_text(st, 3));
	x->family_id = db_col_int(st, 4);
	x->family_ext = dup_or_null(db_col_text(st, 5));
	x->postcode = dup_or_null(db_col_text(st, 6));
	x->person = person;
	x->hit = *hit;
}

static int cmp_match(const void *a, const void *b)
{
	const struct reg_match *x = a, *y = b;

	if (x->hit.prob != y->hit.prob)
		return x->hit.prob > y->hit.prob ? -1 : 1;
	return strcmp(x->person_ext, y->person_ext);
}

#define MATCH_COLS \
	"SELECT p.ext_id, p.first_name, p.last_name, p.date_of_birth, f.id, f.ext_id, f.postcode " \
	"FROM people p JOIN families f ON f.id = p.family_id "

int reg_find_matches(struct db *db, const struct reg_form *f, struct reg_matches *out)
{
	struct db_stmt *by_ext = db_prepare(db, MATCH_COLS "WHERE p.ext_id = ?");
	const struct reg_person *p;
	int ret = -1;

	if (!by_ext) {
		db_fail(db);
		goto out;
	}
	for (size_t i = 0; (p = reg_form_person(f, i)); i++) {
		char dob[11] = "";
		const char *v[5];
		struct match_store_hit *hits = NULL;
		size_t nh = 0;

		if (p->dob != DATE_NONE)
			date_format(p->dob, dob);
		/* the fields of match_spec_people */
		v[0] = p->first_name;
		v[1] = p->last_name;
		v[2] = dob;
		v[3] = p->sex;
		v[4] = f->family.postcode;
		if (match_store_query(db, v, REG_MATCH_MIN_PROB, &hits, &nh))
			goto out;
		for (size_t k = 0; k < nh; k++) {
			size_t j;
			enum db_result r;

			/* each stored person once, as the likeliest of the form's people */
			for (j = 0; j < out->nr; j++)
				if (!strcmp(out->items[j].person_ext, hits[k].ext_id))
					break;
			if (j < out->nr) {
				if (hits[k].hit.prob > out->items[j].hit.prob) {
					out->items[j].hit = hits[k].hit;
					out->items[j].person = i;
				}
				continue;
			}
			db_reset(by_ext);
			db_bind_text(by_ext, 1, hits[k].ext_id);
			r = db_step(by_ext);
			if (r == DB_ROW)
				match_add(out, by_ext, i, &hits[k].hit);
			else if (r == DB_ERROR) {
				match_store_hits_release(hits, nh);
				db_fail(db);
				goto out;
			}
		}
		match_store_hits_release(hits, nh);
	}
	if (out->nr)
		qsort(out->items, out->nr, sizeof(*out->items), cmp_match);
	while (out->nr > REG_MATCHES_MAX)
		match_free(&out->items[--out->nr]);
	ret = 0;
out:
	db_finalize(&by_ext);
	return ret;
}

/* --------------------------------------------------------------- save */

int64_t reg_centre_id(struct db *db, const char *code)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM centres WHERE code = ?");
	int64_t id = -1;
	enum db_result r;

	if (!st) {
		db_fail(db);
		return -1;
	}
	db_bind_text(st, 1, code);
	r = db_step(st);
	if (r == DB_ROW)
		id = db_col_int(st, 0);
	else if (r == DB_DONE)
		id = 0;
	else
		db_fail(db);
	db_finalize(&st);
	return id;
}

/* one more than the number of the id `sql` finds (its digits after prefix_len), 1 if none */
static int next_number(struct db *db, const char *sql, size_t prefix_len, int64_t max, int64_t *out)
{
	struct db_stmt *st = db_prepare(db, sql);
	enum db_result r;
	int64_t n = 0;
	int ret = -1;

	if (!st) {
		db_fail(db);
		return -1;
	}
	r = db_step(st);
	if (r == DB_ERROR) {
		db_fail(db);
		goto out;
	}
	if (r == DB_ROW && parse_i64(db_col_text(st, 0) + prefix_len, 0, max, &n)) {
		error("bad id '%s'", db_col_text(st, 0));
		goto out;
	}
	if (n >= max) {
		error("no more ids after '%s'", db_col_text(st, 0));
		goto out;
	}
	*out = n + 1;
	ret = 0;
out:
	db_finalize(&st);
	return ret;
}

/* bind a text that may be empty (NULL then) */
static void bind_opt(struct db_stmt *st, int idx, const char *s)
{
	if (s && *s)
		db_bind_text(st, idx, s);
	else
		db_bind_null(st, idx);
}

/* bind "yes"/"no" as 1/0, anything else as NULL */
static void bind_yes_no(struct db_stmt *st, int idx, const char *v)
{
	if (!strcmp(v, "yes"))
		db_bind_int(st, idx, 1);
	else if (!strcmp(v, "no"))
		db_bind_int(st, idx, 0);
	else
		db_bind_null(st, idx);
}

/* the families columns of the form's answers, bound from idx on (11 values) */
static void bind_family(struct db_stmt *st, int idx, const struct reg_family *f)
{
	bind_opt(st, idx, f->postcode);
	bind_yes_no(st, idx + 1, f->lone_parent);
	if (!strcmp(f->workless, "workless"))
		db_bind_int(st, idx + 2, 1);
	else if (!strcmp(f->workless, "in_work"))
		db_bind_int(st, idx + 2, 0);
	else
		db_bind_null(st, idx + 2);
	bind_opt(st, idx + 3, f->address_line1);
	bind_opt(st, idx + 4, f->address_line2);
	bind_opt(st, idx + 5, f->town);
	bind_opt(st, idx + 6, f->phone);
	bind_opt(st, idx + 7, f->email);
	bind_opt(st, idx + 8, f->heard_from);
	bind_yes_no(st, idx + 9, f->consent_contact);
	bind_yes_no(st, idx + 10, f->consent_share);
}

static int save_person(struct db *db, struct db_stmt *ins, struct db_stmt *lang, const struct reg_person *p,
		       int64_t family_id, int64_t number, const char *today)
{
	struct buf key = BUF_INIT;
	char ext[16], dob[11];
	int64_t id;
	int ret = -1;

	snprintf(ext, sizeof(ext), "WP%08lld", (long long)number);
	name_key(p->last_name, &key);
	db_reset(ins);
	db_bind_text(ins, 1, ext);
	db_bind_int(ins, 2, family_id);
	db_bind_text(ins, 3, p->child ? "child" : "carer");
	bind_opt(ins, 4, p->child ? NULL : p->relationship);
	db_bind_text(ins, 5, p->first_name);
	db_bind_text(ins, 6, p->last_name);
	if (p->dob != DATE_NONE) {
		date_format(p->dob, dob);
		db_bind_text(ins, 7, dob);
	} else {
		db_bind_null(ins, 7);
	}
	bind_opt(ins, 8, p->sex);
	bind_opt(ins, 9, p->ethnicity);
	bind_yes_no(ins, 10, p->disabled);
	db_bind_text(ins, 11, today);
	db_bind_text(ins, 12, key.data);
	bind_opt(ins, 13, p->child ? NULL : p->employment);
	if (p->child && (!strcmp(p->sen, "support") || !strcmp(p->sen, "ehcp")))
		db_bind_int(ins, 14, 1);
	else if (p->child && !strcmp(p->sen, "none"))
		db_bind_int(ins, 14, 0);
	else
		db_bind_null(ins, 14);
	if (db_step(ins) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	id = db_last_id(db);
	for (size_t i = 0; i < p->nlangs; i++) {
		db_reset(lang);
		db_bind_int(lang, 1, id);
		db_bind_int(lang, 2, (int64_t)i + 1);
		db_bind_text(lang, 3, p->langs[i]);
		if (db_step(lang) != DB_DONE) {
			db_fail(db);
			goto out;
		}
	}
	ret = 0;
out:
	buf_release(&key);
	return ret;
}

int reg_form_save(struct db *db, const struct user *u, const struct reg_form *f, int64_t centre_id,
		  int32_t today, int64_t *family_id, char ext_id[16])
{
	struct db_stmt *fam = NULL, *ins = NULL, *lang = NULL;
	struct buf detail = BUF_INIT;
	const struct reg_person *p;
	int64_t fnum, pnum;
	char day[11];
	int began = 0, ret = -1;

	date_format(today, day);
	if (db_begin(db)) {
		db_fail(db);
		goto out;
	}
	began = 1;
	/* fixed-width numbers sort as text, so the last id in the index is the highest */
	if (next_number(db, "SELECT ext_id FROM families WHERE ext_id GLOB "
			    "'W[0-9][0-9][0-9][0-9][0-9][0-9][0-9]' ORDER BY ext_id DESC LIMIT 1",
			1, 9999999, &fnum) ||
	    next_number(db, "SELECT ext_id FROM people WHERE ext_id GLOB "
			    "'WP[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' ORDER BY ext_id DESC LIMIT 1",
			2, 99999999, &pnum))
		goto out;
	fam = db_prepare(db, "INSERT INTO families(ext_id, centre_id, postcode, lone_parent, workless, "
			     "address_line1, address_line2, town, phone, email, heard_from, consent_contact, "
			     "consent_share) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	ins = db_prepare(db, "INSERT INTO people(ext_id, family_id, role, relationship, first_name, "
			     "last_name, date_of_birth, sex, ethnicity, disabled, registered_on, name_key, "
			     "employment, sen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	lang = db_prepare(db, "INSERT INTO person_languages(person_id, position, code) VALUES (?, ?, ?)");
	if (!fam || !ins || !lang) {
		db_fail(db);
		goto out;
	}
	snprintf(ext_id, 16, "W%07lld", (long long)fnum);
	db_bind_text(fam, 1, ext_id);
	db_bind_int(fam, 2, centre_id);
	bind_family(fam, 3, &f->family);
	if (db_step(fam) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	*family_id = db_last_id(db);
	for (size_t i = 0; (p = reg_form_person(f, i)); i++)
		if (save_person(db, ins, lang, p, *family_id, pnum++, day))
			goto out;
	buf_addf(&detail, "registered family with %zu %s", reg_form_nchildren(f),
		 reg_form_nchildren(f) == 1 ? "child" : "children");
	if (auth_audit(db, u, "create", *family_id, 0, detail.data) != ST_OK)
		goto out;
	if (db_commit(db)) {
		db_fail(db);
		goto out;
	}
	began = 0;
	ret = 0;
out:
	if (began)
		db_rollback(db);
	db_finalize(&fam);
	db_finalize(&ins);
	db_finalize(&lang);
	buf_release(&detail);
	return ret;
}

/* ------------------------------------------------------- family details */

static char *col_dup(struct db_stmt *st, int col)
{
	const char *s = db_col_text(st, col);

	return xstrdup(s ? s : "");
}

/* a 0/1 column as "no"/"yes", NULL as `null_value` */
static char *col_flag(struct db_stmt *st, int col, const char *yes, const char *no, const char *null_value)
{
	if (db_col_null(st, col))
		return xstrdup(null_value);
	return xstrdup(db_col_int(st, col) ? yes : no);
}

int reg_family_load(struct db *db, int64_t family_id, struct reg_family *f)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT f.address_line1, f.address_line2, f.town, f.postcode, f.phone, f.email, c.code, "
		"f.lone_parent, f.workless, f.heard_from, f.consent_contact, f.consent_share "
		"FROM families f LEFT JOIN centres c ON c.id = f.centre_id WHERE f.id = ?");
	enum db_result r;
	int ret = -1;

	if (!st)
		return db_fail(db);
	db_bind_int(st, 1, family_id);
	r = db_step(st);
	if (r == DB_ERROR) {
		db_fail(db);
		goto out;
	}
	if (r != DB_ROW) {
		error("no family with id %lld", (long long)family_id);
		goto out;
	}
	set(&f->address_line1, col_dup(st, 0));
	set(&f->address_line2, col_dup(st, 1));
	set(&f->town, col_dup(st, 2));
	set(&f->postcode, col_dup(st, 3));
	set(&f->phone, col_dup(st, 4));
	set(&f->email, col_dup(st, 5));
	set(&f->centre, col_dup(st, 6));
	set(&f->lone_parent, col_flag(st, 7, "yes", "no", "not_known"));
	set(&f->workless, col_flag(st, 8, "workless", "in_work", "not_known"));
	set(&f->heard_from, col_dup(st, 9));
	set(&f->consent_contact, col_flag(st, 10, "yes", "no", ""));
	set(&f->consent_share, col_flag(st, 11, "yes", "no", ""));
	ret = 0;
out:
	db_finalize(&st);
	return ret;
}

/* "not known" is what an unanswered question means */
static const char *answer_of(const char *v)
{
	return *v && strcmp(v, "not_known") ? v : "not known";
}

/* "; field: old -> new" when the value changed */
static void diff(struct buf *detail, size_t *n, const char *field, const char *old, const char *new_,
		 int answer)
{
	if (answer) {
		old = answer_of(old);
		new_ = answer_of(new_);
	}
	if (!strcmp(old, new_))
		return;
	buf_addf(detail, "%s%s: %s -> %s", *n ? "; " : "", field, *old ? old : "(none)",
		 *new_ ? new_ : "(none)");
	(*n)++;
}

int reg_family_update(struct db *db, const struct user *u, int64_t family_id,
		      const struct reg_family *old, const struct reg_family *new_, int64_t centre_id,
		      size_t *changed)
{
	struct buf detail = BUF_INIT;
	struct db_stmt *st = NULL;
	int began = 0, ret = -1;
	size_t n = 0;

	diff(&detail, &n, "address_line1", old->address_line1, new_->address_line1, 0);
	diff(&detail, &n, "address_line2", old->address_line2, new_->address_line2, 0);
	diff(&detail, &n, "town", old->town, new_->town, 0);
	diff(&detail, &n, "postcode", old->postcode, new_->postcode, 0);
	diff(&detail, &n, "phone", old->phone, new_->phone, 0);
	diff(&detail, &n, "email", old->email, new_->email, 0);
	diff(&detail, &n, "centre", old->centre, new_->centre, 0);
	diff(&detail, &n, "lone_parent", old->lone_parent, new_->lone_parent, 1);
	diff(&detail, &n, "workless", old->workless, new_->workless, 1);
	diff(&detail, &n, "heard_from", old->heard_from, new_->heard_from, 0);
	diff(&detail, &n, "consent_contact", old->consent_contact, new_->consent_contact, 1);
	diff(&detail, &n, "consent_share", old->consent_share, new_->consent_share, 1);
	*changed = n;
	if (!n) {
		ret = 0;
		goto out;
	}
	if (db_begin(db)) {
		db_fail(db);
		goto out;
	}
	began = 1;
	st = db_prepare(db, "UPDATE families SET postcode = ?, lone_parent = ?, workless = ?, "
			    "address_line1 = ?, address_line2 = ?, town = ?, phone = ?, email = ?, "
			    "heard_from = ?, consent_contact = ?, consent_share = ?, centre_id = ? WHERE id = ?");
	if (!st) {
		db_fail(db);
		goto out;
	}
	bind_family(st, 1, new_);
	if (centre_id > 0)
		db_bind_int(st, 12, centre_id);
	else
		db_bind_null(st, 12);
	db_bind_int(st, 13, family_id);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	if (auth_audit(db, u, "update", family_id, 0, detail.data) != ST_OK)
		goto out;
	if (db_commit(db)) {
		db_fail(db);
		goto out;
	}
	began = 0;
	ret = 0;
out:
	if (began)
		db_rollback(db);
	db_finalize(&st);
	buf_release(&detail);
	return ret;
}
