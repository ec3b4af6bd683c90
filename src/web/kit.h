/* kit.h: GOV.UK Design System components (govuk-frontend 6 markup) for the pages */
#ifndef REACH_KIT_H
#define REACH_KIT_H

#include <stddef.h>
#include "../util/buf.h"

/*
 * Each component appends its markup to a struct buf through the HTML writer
 * (html.h): every string passed in is text and is escaped inside, so a
 * caller never escapes. A field named *_escaped is the one exception: it
 * takes markup already written by the writer into another buffer.
 *
 * Options are small structs meant for designated initialisers; a field
 * left zero takes the default. `lang` (NULL = English) chooses the words
 * the component adds itself ("There is a problem", "Error:", "Day").
 *
 * Ids: a field's error-summary link is "#" + its id. Inputs, textareas and
 * selects take `id` (default `name`); radios and checkboxes give the first
 * item the id itself and later ones id-2, id-3; a date input's boxes are
 * id-day, id-month, id-year, and the summary should link to id-day (or to
 * the first box in error).
 */

/* the hidden form field every POST carries */
#define KIT_CSRF_FIELD "csrf_token"
/* where the header's sign-out button posts */
#define KIT_SIGN_OUT_PATH "/logout"

/* header navigation items: kit_page.nav is the set shown (by role) */
enum kit_nav {
	KIT_NAV_SEARCH = 1 << 0,    /* /search */
	KIT_NAV_REGISTER = 1 << 1,  /* /families/new: register a family */
	KIT_NAV_REGISTERS = 1 << 2, /* /registers: session registers */
	KIT_NAV_VISITS = 1 << 3,    /* /visits */
	KIT_NAV_REACH = 1 << 4,     /* /reach */
	KIT_NAV_ADMIN = 1 << 5,     /* /admin */
	KIT_NAV_EXPORT = 1 << 6,    /* /export: the mail-merge list */
	KIT_NAV_DUPLICATES = 1 << 7, /* /duplicates: the review queue */
	KIT_NAV_PACKS = 1 << 8,     /* /packs: data packs */
};
#define KIT_NAV_ALL 0x1ffu

struct kit_page {
	const char *lang;       /* <html lang>, dir from i18n_dir(); NULL = "en" */
	const char *title;      /* this page's title; " - Reach" is added */
	int has_errors;         /* a form with errors: the title starts "Error: " */
	unsigned nav;           /* KIT_NAV_* items to show; 0 = none */
	unsigned nav_current;   /* the KIT_NAV_* item this page is under, or 0 */
	const char *user_name;  /* signed-in user shown with a sign-out button, or NULL */
	const char *csrf_token; /* for the sign-out form (needed with user_name) */
	const char *back_href;  /* a back link above <main>, or NULL */
	const char *lang_base;  /* language links go to lang_base + code ("/search?q=x&lang="),
				   NULL for no language menu */
	const char *stylesheet; /* another stylesheet this page links after Reach's ("/assets/pack.css"), or NULL */
};

/* <!DOCTYPE html> to the opening of <main>; the page's content follows */
void kit_page_begin(struct buf *b, const struct kit_page *p);
/* closes <main>, writes the footer and the scripts, ends the document */
void kit_page_end(struct buf *b, const struct kit_page *p);

/* headings, paragraphs, links: size is "s", "m", "l" or "xl" */
void kit_heading(struct buf *b, int level, const char *size, const char *text);
void kit_caption(struct buf *b, const char *size, const char *text);
void kit_p(struct buf *b, const char *text);
void kit_link(struct buf *b, const char *href, const char *text);

void kit_back_link(struct buf *b, const char *lang, const char *href, const char *text);

/* errors of a form: collected while validating, shown in the summary and by each field */
struct kit_error {
	char *field_id; /* the id the summary links to */
	char *message;  /* "Enter a valid UK postcode" */
};
struct kit_errors {
	struct kit_error *items; /* in the order added (the form's order) */
	size_t nr, alloc;        /* used, allocated */
};
#define KIT_ERRORS_INIT { NULL, 0, 0 }
/* both strings are copied */
void kit_errors_add(struct kit_errors *e, const char *field_id, const char *message);
/* the first message for field_id, or NULL: pass it as a component's `error` */
const char *kit_errors_get(const struct kit_errors *e, const char *field_id);
void kit_errors_release(struct kit_errors *e);
/* the error summary; writes nothing when there are no errors */
void kit_error_summary(struct buf *b, const char *lang, const struct kit_errors *e);

/* summary list: rows of key and value, with an optional "Change" link */
struct kit_summary_row {
	const char *key;           /* "Date of birth" */
	const char *value;         /* text, or */
	const char *value_escaped; /* markup written by the writer (e.g. lines joined by <br>) */
	const char *action_href;   /* NULL for no action */
	const char *action_text;   /* "Change" */
	const char *action_hidden; /* visually hidden end of the action: " date of birth" */
};
void kit_summary_list(struct buf *b, const struct kit_summary_row *rows, size_t n);

/* tables, written row by row */
struct kit_table_col {
	const char *header; /* column heading */
	int numeric;        /* right-aligned (govuk-table__header--numeric) */
};
struct kit_table {
	const char *caption;             /* NULL for none */
	const char *caption_size;        /* "s", "m", "l", "xl", or NULL */
	const struct kit_table_col *cols; /* the header row */
	size_t ncols;                    /* number of columns */
	int first_cell_is_header;        /* write the rows' first cell as <th scope="row"> */
};
void kit_table_begin(struct buf *b, const struct kit_table *t);
void kit_table_row_begin(struct buf *b);
void kit_table_cell(struct buf *b, const char *text, int numeric);
void kit_table_cellf(struct buf *b, int numeric, const char *fmt, ...) ATTR_PRINTF(3, 4);
void kit_table_cell_link(struct buf *b, const char *href, const char *text, int numeric);
void kit_table_row_header(struct buf *b, const char *text); /* <th scope="row"> */
/* a cell for other components (a tag, a checkbox): write its content between */
void kit_table_cell_begin(struct buf *b, int numeric);
void kit_table_cell_end(struct buf *b);
void kit_table_row_end(struct buf *b);
void kit_table_end(struct buf *b);

enum kit_colour {
	KIT_TAG_DEFAULT = 0, /* blue */
	KIT_TAG_GREY,
	KIT_TAG_GREEN,
	KIT_TAG_TURQUOISE,
	KIT_TAG_TEAL,
	KIT_TAG_PURPLE,
	KIT_TAG_MAGENTA,
	KIT_TAG_PINK,
	KIT_TAG_RED,
	KIT_TAG_ORANGE,
	KIT_TAG_YELLOW,
};
void kit_tag(struct buf *b, const char *text, enum kit_colour colour);

void kit_inset_text(struct buf *b, const char *text);
void kit_warning_text(struct buf *b, const char *lang, const char *text);
/* confirmation panel: a title and an optional body (NULL) */
void kit_panel(struct buf *b, const char *title, const char *body);

struct kit_notification {
	const char *lang;    /* for the default title */
	int success;         /* green "Success" banner (role alert), else blue "Important" */
	const char *title;   /* NULL for the default */
	const char *heading; /* the bold line */
	const char *text;    /* a paragraph under it, or NULL */
};
void kit_notification_banner(struct buf *b, const struct kit_notification *n);

enum kit_button_kind {
	KIT_BUTTON_PRIMARY = 0,
	KIT_BUTTON_SECONDARY,
	KIT_BUTTON_WARNING,
};
struct kit_button {
	const char *text;          /* "Save and continue" */
	enum kit_button_kind kind; /* colour */
	const char *href;          /* a link that looks like a button, instead of <button> */
	const char *name, *value;  /* submitted with the form (which button was pressed) */
	const char *id;            /* NULL for none */
	int prevent_double_click;  /* data-prevent-double-click */
};
void kit_button(struct buf *b, const struct kit_button *o);
void kit_button_group_begin(struct buf *b);
void kit_button_group_end(struct buf *b);

/* <input type="hidden" name="csrf_token" value="..."> */
void kit_csrf(struct buf *b, const char *token);
/* <input type="hidden" name="..." value="..."> */
void kit_hidden(struct buf *b, const char *name, const char *value);

struct kit_input {
	const char *lang;           /* for "Error:" */
	const char *name;           /* form field name */
	const char *id;             /* default: name */
	const char *label;          /* the label text */
	const char *label_size;     /* "s", "m", "l", "xl" or NULL */
	const char *hint;           /* NULL for none */
	const char *error;          /* the message, NULL when valid */
	const char *value;          /* what was typed, written back */
	const char *type;           /* "text" (default), "email", "tel", "password", "search" */
	int width;                  /* 2, 3, 4, 5, 10, 20 or 30 characters; 0 = full width */
	const char *autocomplete;   /* "given-name", "postal-code", "off" or NULL */
	const char *inputmode;      /* "numeric", "tel", "email" or NULL */
	int spellcheck_off;         /* names, postcodes, ids: spellcheck="false" */
	const char *autocapitalize; /* "characters" for postcodes, "none"; NULL to leave */
};
void kit_input(struct buf *b, const struct kit_input *o);

struct kit_textarea {
	const char *lang;       /* for "Error:" */
	const char *name;       /* form field name */
	const char *id;         /* default: name */
	const char *label;      /* the label text */
	const char *label_size; /* "s", "m", "l", "xl" or NULL */
	const char *hint;       /* NULL for none */
	const char *error;      /* NULL when valid */
	const char *value;      /* what was typed */
	int rows;               /* default 5 */
	int spellcheck_off;     /* spellcheck="false" */
};
void kit_textarea(struct buf *b, const struct kit_textarea *o);

/* which boxes of a date input are in error */
#define KIT_DATE_DAY 1u
#define KIT_DATE_MONTH 2u
#define KIT_DATE_YEAR 4u
struct kit_date {
	const char *lang;              /* "Day", "Month", "Year", "Error:" */
	const char *name;              /* the boxes are name-day, name-month, name-year */
	const char *id;                /* default: name; boxes id-day, id-month, id-year */
	const char *legend;            /* "Date of birth" */
	const char *legend_size;       /* "s", "m", "l", "xl" or NULL */
	const char *hint;              /* "For example, 27 3 2023" */
	const char *error;             /* NULL when valid */
	unsigned error_parts;          /* KIT_DATE_*: boxes to mark; 0 with an error = all */
	const char *day, *month, *year; /* what was typed */
	int birthday;                  /* autocomplete bday-day, bday-month, bday-year */
};
void kit_date_input(struct buf *b, const struct kit_date *o);

/* an item of radios, checkboxes or a select */
struct kit_item {
	const char *value; /* submitted; NULL makes a divider showing `text` ("or") */
	const char *text;  /* the label */
	const char *hint;  /* radios and checkboxes: a hint under the item, or NULL */
	int exclusive;     /* checkboxes: "None of these" unticks the others */
	const char *group; /* select: an <optgroup> label, shared by neighbouring items */
};

struct kit_choices {
	const char *lang;                 /* for "Error:" */
	const char *name;                 /* form field name */
	const char *id;                   /* default: name; items id, id-2, id-3... */
	const char *legend;               /* the question */
	const char *legend_size;          /* "s", "m", "l", "xl" or NULL */
	const char *hint;                 /* NULL for none */
	const char *error;                /* NULL when valid */
	const struct kit_item *items;     /* the choices */
	size_t nitems;                    /* number of items */
	const char *value;                /* radios: the chosen value */
	const char *const *values;        /* checkboxes: the ticked values */
	size_t nvalues;                   /* number of values */
	int is_inline;                    /* side by side (yes/no radios) */
	int small;                        /* the small variant (filters, registers) */
};
void kit_radios(struct buf *b, const struct kit_choices *o);
void kit_checkboxes(struct buf *b, const struct kit_choices *o);

struct kit_select {
	const char *lang;             /* for "Error:" */
	const char *name;             /* form field name */
	const char *id;               /* default: name */
	const char *label;            /* the label text */
	const char *label_size;       /* "s", "m", "l", "xl" or NULL */
	const char *hint;             /* NULL for none */
	const char *error;            /* NULL when valid */
	const struct kit_item *items; /* options; a leading {"", "Choose..."} is the caller's */
	size_t nitems;                /* number of items */
	const char *value;            /* the chosen value */
	const char *autocomplete;     /* NULL to leave */
};
void kit_select(struct buf *b, const struct kit_select *o);

/* a fieldset grouping other components; size "s".."xl" or NULL; page_heading puts the legend in <h1> */
void kit_fieldset_begin(struct buf *b, const char *legend, const char *size, int page_heading);
void kit_fieldset_end(struct buf *b);

struct kit_pagination {
	const char *lang;       /* "Previous", "Next", "page" */
	const char *prev_href;  /* NULL on the first page */
	const char *next_href;  /* NULL on the last page */
	const char *prev_label; /* text under "Previous" ("1 of 5"), or NULL */
	const char *next_label; /* text under "Next", or NULL */
};
/* previous and next links (block style); nothing when both are NULL */
void kit_pagination(struct buf *b, const struct kit_pagination *p);

#endif
