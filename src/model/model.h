/* model.h: the words of the domain: kinds of interchange file, their
 * columns, and the code lists values are checked against */
#ifndef REACH_MODEL_H
#define REACH_MODEL_H

#include <stddef.h>

/* what a column holds, and so how it is checked and stored */
enum col_type {
	COL_ID,           /* opaque id: letters, digits, - and _ */
	COL_CODE,         /* an area or centre code, same rules as an id */
	COL_TEXT,         /* any UTF-8 text, kept exactly */
	COL_DATE,         /* YYYY-MM-DD */
	COL_FLAG,         /* y, n or empty */
	COL_POSTCODE,     /* UK postcode, stored normalised */
	COL_INT,          /* whole number, range per column */
	COL_ROLE,         /* child or carer */
	COL_RELATIONSHIP, /* mother, father or other */
	COL_SEX,          /* female, male or other */
	COL_ETHNICITY,    /* DfE code */
	COL_LANGUAGES,    /* ;-separated ISO 639 codes */
	COL_ACTIVITY,     /* name of an activity, trimmed */
	COL_NUMBER,       /* a decimal number such as 67.5 */
	COL_AREA_TYPE,    /* la, ward or lsoa */
	COL_SHARE,        /* a share above 0 and at most 1, up to 6 decimals, kept in
			   * millionths; written (export, demo) only when a row has one */
};

struct column {
	const char *name;   /* header name, lower case */
	enum col_type type; /* how to check it */
	int required;       /* must be present in the header and not empty */
	int min, max;       /* range for COL_INT */
};

enum kind_id {
	KIND_LSOAS,
	KIND_POSTCODES,
	KIND_POPULATION,
	KIND_CENTRES,
	KIND_REACH_AREAS,
	KIND_FAMILIES,
	KIND_PEOPLE,
	KIND_ATTENDANCE,
	KIND_BIRTHS,
	KIND_INDICATORS,
	KIND_COUNT
};

struct kind {
	enum kind_id id;            /* index in kinds[] */
	const char *name;           /* as on the command line and the file name */
	const struct column *cols;  /* columns in interchange order */
	size_t ncols;               /* number of columns */
	const char *needs;          /* what must be imported first, for messages */
};

/* every kind, in an order in which a whole authority can be loaded */
extern const struct kind kinds[KIND_COUNT];
const struct kind *kind_find(const char *name);
/* "lsoas, postcodes, ..." for usage messages */
const char *kind_names(void);

/* DfE ethnicity: 1 if `code` (upper case) is a main or extended code */
int ethnicity_valid(const char *code);
/* the main code an extended one rolls up to (WENG -> WBRI); code itself otherwise */
const char *ethnicity_main(const char *code);
/* 1 if the code counts as a Black or minority ethnic child */
int ethnicity_minority(const char *code);
/* a language code: 2 or 3 ASCII letters (ISO 639-1 or -3), any case */
int language_valid(const char *code, size_t len);

#endif
