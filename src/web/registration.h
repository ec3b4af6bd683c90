/* registration.h: the registration form as data: read from a POST, checked, saved
 *
 * The web pages (ui-registration.c) read a `struct reg_form` from the
 * request, check it (each problem becomes a GOV.UK error with the field's
 * id and a message in the page's language), look for people who may be
 * registered already, and save it in one transaction. The family part
 * alone (`struct reg_family`) is also the form that changes a family's
 * details.
 *
 * Form field names. The family: address_line1, address_line2, town,
 * postcode, phone, email, centre (a centre code), lone_parent
 * (yes/no/not_known), workless (in_work/workless/not_known), heard_from
 * (a heard.* key without "heard."), consent_contact and consent_share
 * (yes/no). Each person has a prefix, "carer1", "carer2", "child1" ..
 * "child4", then: _first_name, _last_name, _relationship (carers:
 * mother/father/other), _dob-day, _dob-month, _dob-year, _sex
 * (female/male/other), _ethnicity (a DfE code), _lang (repeated: ticked
 * language codes), _lang_other (codes or English names, separated by
 * commas, semicolons or spaces), _employment (carers: an employment.* key
 * without "employment."), _disabled (yes/no/not_known), _sen (children:
 * none/support/ehcp/not_known).
 *
 * Every string of a form is its own copy (trimmed of surrounding white
 * space), never NULL; reg_form_release frees them.
 */
#ifndef REACH_REGISTRATION_H
#define REACH_REGISTRATION_H

#include <stddef.h>
#include <stdint.h>
#include "http.h"
#include "kit.h"
#include "../match/match.h"

struct db;
struct user;

#define REG_CARERS 2     /* parents or carers on the form */
#define REG_CHILDREN 4   /* children on the form */
#define REG_LANGS 12     /* languages kept per person */
#define REG_NAME_MAX 100 /* characters of a name */
#define REG_TEXT_MAX 200 /* characters of an address line or town */
#define REG_CHILD_AGE 8  /* a child must be younger than this */

/* the family's own answers */
struct reg_family {
	char *address_line1, *address_line2, *town; /* as typed */
	char *postcode;        /* as typed; normalised ("W2 1AB") by reg_family_check */
	char *phone, *email;   /* as typed */
	char *centre;          /* the registering centre's code */
	char *lone_parent;     /* "yes", "no", "not_known" or "" */
	char *workless;        /* "in_work", "workless", "not_known" or "" */
	char *heard_from;      /* "health_visitor" ... or "" */
	char *consent_contact; /* "yes", "no" or "" */
	char *consent_share;   /* "yes", "no" or "" */
};

struct reg_person {
	char prefix[8];        /* "carer1", "child3": the fields' name prefix */
	int child;             /* 1 for a child, 0 for a carer */
	int present;           /* something was typed (carer 1 and child 1 always count) */
	char *first_name, *last_name; /* as typed (trimmed) */
	char *relationship;    /* carers: "mother", "father", "other" or "" */
	char *dob_day, *dob_month, *dob_year; /* the date boxes as typed */
	int32_t dob;           /* after checking: the day number, or DATE_NONE */
	unsigned dob_parts;    /* after checking: KIT_DATE_* boxes in error (0: all, with an error) */
	char *sex;             /* "female", "male", "other" or "" */
	char *ethnicity;       /* a DfE code or "" */
	char *employment;      /* carers: "employed" ... or "" */
	char *disabled;        /* "yes", "no", "not_known" or "" */
	char *sen;             /* children: "none", "support", "ehcp", "not_known" or "" */
	char *ticked[REG_LANGS]; /* language boxes ticked, as sent */
	size_t nticked;        /* entries of ticked */
	char *lang_other;      /* other languages, as typed */
	char *langs[REG_LANGS]; /* after checking: the language codes, lower case, no repeats */
	size_t nlangs;         /* entries of langs */
};

struct reg_form {
	struct reg_family family;                  /* where and how the family lives */
	struct reg_person carers[REG_CARERS];      /* carer 1 is required */
	struct reg_person children[REG_CHILDREN];  /* child 1 is required */
};

/* the common languages offered as boxes to tick, in the order shown */
extern const char *const reg_common_langs[];
extern const size_t reg_ncommon_langs;

/* employment.* and heard.* answers (key suffixes), in the order shown */
extern const char *const reg_employment[];
extern const size_t reg_nemployment;
extern const char *const reg_heard[];
extern const size_t reg_nheard;

/* an empty family (every string "") */
void reg_family_init(struct reg_family *f);
void reg_family_release(struct reg_family *f);
/* read the family's fields from a POST (replacing what f held) */
void reg_family_read(struct reg_family *f, const struct http_request *req);
/*
 * Check the family's answers, adding an error (field id and a message in
 * `lang`) for each problem; normalises the postcode. `registering`: the
 * registration form, where address line 1, postcode, centre and both
 * consents are required; 0 for the change-details form, where only the
 * shapes are checked. Returns the number of errors added.
 */
size_t reg_family_check(struct reg_family *f, const char *lang, int registering,
			struct kit_errors *errs);

void reg_form_init(struct reg_form *f);
void reg_form_release(struct reg_form *f);
void reg_form_read(struct reg_form *f, const struct http_request *req);
/* check everything (the family as registering); `today` is a day number; returns the errors added */
size_t reg_form_check(struct reg_form *f, const char *lang, int32_t today, struct kit_errors *errs);
/* put the errors in the order of the form's fields (the summary lists them so) */
void reg_errors_order(struct kit_errors *e);
/* the i-th person present on the form, carers first, or NULL past the last */
const struct reg_person *reg_form_person(const struct reg_form *f, size_t i);
/* the number of children present */
size_t reg_form_nchildren(const struct reg_form *f);

/* someone already stored who may be one of the people being registered */
struct reg_match {
	char *person_ext;     /* people.ext_id */
	char *first_name, *last_name; /* as stored */
	char *date_of_birth;  /* YYYY-MM-DD or NULL */
	int64_t family_id;    /* families.id */
	char *family_ext;     /* families.ext_id */
	char *postcode;       /* the family's, or NULL */
	size_t person;        /* the person of the form it may be (0: first carer,
			       * in the order of the form's people present) */
	struct match_hit hit; /* the probability and the evidence, fields in the
			       * order of match_spec_people */
};
struct reg_matches {
	struct reg_match *items; /* most likely first */
	size_t nr, alloc;        /* used, allocated */
};
#define REG_MATCHES_INIT { NULL, 0, 0 }
void reg_matches_release(struct reg_matches *m);

#define REG_MATCHES_MAX 30 /* most matches listed */
/* the probability from which a stored person is shown: a warning costs a
 * glance, a person registered twice costs a merge later */
#define REG_MATCH_MIN_PROB 0.2
/*
 * The people who may already be registered (a checked form): each person
 * of the form (names, date of birth, sex and the family's postcode) scored
 * by the matching engine against the people of the store
 * (match_store_query: indexed lookups, the engine's blocking rules and
 * model), those at REG_MATCH_MIN_PROB or more, each stored person once
 * (with their likeliest person of the form), most likely first, at most
 * REG_MATCHES_MAX. 0, or -1 on a database error (printed).
 */
int reg_find_matches(struct db *db, const struct reg_form *f, struct reg_matches *out);

/*
 * Save a checked form in one transaction: the family (ids "W" + 7 digits)
 * at centre_id, its people ("WP" + 8 digits) registered on `today`, their
 * languages, and an audit row "create" by u. *family_id and ext_id (the
 * new family's) are set. 0, or -1 (printed, nothing saved).
 */
int reg_form_save(struct db *db, const struct user *u, const struct reg_form *f, int64_t centre_id,
		  int32_t today, int64_t *family_id, char ext_id[16]);

/* the id of the centre with this code, 0 if there is none (-1 on a database error) */
int64_t reg_centre_id(struct db *db, const char *code);

/*
 * Load a family's details into f (initialised by the caller) as the
 * change-details form shows them. 0, or -1 (printed) if the database
 * failed or there is no such family.
 */
int reg_family_load(struct db *db, int64_t family_id, struct reg_family *f);
/*
 * Write the checked new details of a family and audit "update" with the
 * fields changed ("postcode: W2 1AB -> W2 1AC; lone_parent: yes -> no") in
 * one transaction; the schema's triggers keep the history of address,
 * postcode, lone parent and workless. *changed is the number of fields
 * changed (nothing is written when 0). 0, or -1 (printed, nothing saved).
 */
int reg_family_update(struct db *db, const struct user *u, int64_t family_id,
		      const struct reg_family *old, const struct reg_family *new_, int64_t centre_id,
		      size_t *changed);

#endif
