/* html.h: the HTML (and SVG) writer that escapes by default */
#ifndef REACH_HTML_H
#define REACH_HTML_H

#include <stddef.h>
#include "../util/buf.h"

/*
 * Every byte of a page goes through one of these calls, each of which
 * appends to a struct buf. The normal calls escape:
 *
 *   html_text(b, s)          body text: & < > " ' become entities
 *   html_attr(b, name, v)    ` name="v"`, v escaped, control characters dropped
 *   html_textf / html_attrf  printf, then the *result* is escaped
 *   html_url_arg(b, s)       percent-encoded query-string value
 *
 * Text is UTF-8: an invalid sequence (bad byte, overlong, surrogate, past
 * U+10FFFF) is written as U+FFFD, never passed through. Control characters
 * other than tab, newline and carriage return are dropped from text.
 *
 * Raw output has long names so that reviewers can grep for it:
 *
 *   html_raw_literal(b, "<p>")  a string literal only: the "" before `lit`
 *                               makes a variable fail to compile
 *   html_raw_escaped(b, s)      markup that this writer already produced
 *                               (a buffer filled by these calls)
 *
 * SVG is XML and uses the same calls: the same escapes suffice.
 */

#define html_raw_literal(b, lit) buf_add((b), "" lit, sizeof(lit) - 1)
void html_raw_escaped(struct buf *b, const char *s);

/* body text; NULL writes nothing */
void html_text(struct buf *b, const char *s);
/* the first n bytes of s (NUL bytes are dropped) */
void html_text_n(struct buf *b, const char *s, size_t n);
void html_textf(struct buf *b, const char *fmt, ...) ATTR_PRINTF(2, 3);

/*
 * ` name="value"` with a leading space. `name` is chosen by the code, not
 * the user: it must be letters, digits, '-', '_' or ':' (else BUG()).
 * A NULL value writes the attribute with an empty value.
 */
void html_attr(struct buf *b, const char *name, const char *value);
void html_attrf(struct buf *b, const char *name, const char *fmt, ...) ATTR_PRINTF(3, 4);

/*
 * Percent-encode s for a query-string value (or a path segment): every byte
 * but A-Z a-z 0-9 - _ . ~ becomes %XX (space is %20). The result holds no
 * character that needs escaping in HTML either.
 */
void html_url_arg(struct buf *b, const char *s);

#endif
