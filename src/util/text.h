/* text.h: small text rules shared by import, search and the forms */
#ifndef REACH_TEXT_H
#define REACH_TEXT_H

#include <stddef.h>
#include "buf.h"

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates) */
int utf8_valid(const char *s, size_t n);
/* the number of code points of UTF-8 text (what a user counts as characters) */
size_t utf8_len(const char *s);
/* trim ASCII white space at both ends, in place; returns s */
char *str_trim(char *s);
/* ASCII case-insensitive equality */
int str_ieq(const char *a, const char *b);
/* lower-case ASCII letters in place */
void str_lower(char *s);
void str_upper(char *s);

/*
 * A UK postcode in any spacing or case (`w2 1ab`, `W21AB`) is written to
 * `out` normalised: upper case, one space before the inward code (`W2 1AB`).
 * Returns 0 if it has the shape of a UK postcode, -1 otherwise (out unchanged).
 */
int postcode_normalise(const char *in, struct buf *out);
/* postcode district and sector of a normalised postcode: "W2" and "W2 1" */
void postcode_district(const char *norm, struct buf *out);
void postcode_sector(const char *norm, struct buf *out);

/* IDs are opaque: 1-64 letters, digits, '-' or '_' */
int id_valid(const char *s);

/* flags: `y`/`n` (also yes/no, true/false, 1/0, any case); empty = not known */
enum flag { FLAG_UNKNOWN = -1, FLAG_NO = 0, FLAG_YES = 1 };
/* 0 on success, -1 if not a flag */
int flag_parse(const char *s, enum flag *out);
const char *flag_name(enum flag f);

#endif
