/* html.c: the HTML writer: text, attributes and URL arguments, escaped */
#include "html.h"

#include <stdarg.h>

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/*
 * Length of the well-formed UTF-8 sequence at s[0..n), or 0 if the bytes
 * there are not one (stray continuation, overlong, surrogate, too large,
 * truncated).
 */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned lo = 0x80, hi = 0xBF;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	/* the second byte's range rules out overlongs, surrogates and > U+10FFFF */
	if (s[0] == 0xE0)
		lo = 0xA0;
	else if (s[0] == 0xED)
		hi = 0x9F;
	else if (s[0] == 0xF0)
		lo = 0x90;
	else if (s[0] == 0xF4)
		hi = 0x8F;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

/* the escaping core: in_attr also drops tab, newline and carriage return */
static void escape(struct buf *b, const char *str, size_t n, int in_attr)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, start = 0, len;

	while (i < n) {
		unsigned char c = s[i];
		const char *ent = NULL;

		if (c >= 0x80) {
			len = utf8_seq(s + i, n - i);
			if (len) {
				i += len;
				continue;
			}
			buf_add(b, s + start, i - start);
			buf_add(b, replacement, 3);
			start = ++i;
			continue;
		}
		switch (c) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case '\t': case '\n': case '\r':
			ent = in_attr ? "" : NULL;
			break;
		default:
			if (c < 0x20 || c == 0x7F)
				ent = "";
			break;
		}
		if (ent) {
			buf_add(b, s + start, i - start);
			buf_adds(b, ent);
			start = i + 1;
		}
		i++;
	}
	buf_add(b, s + start, i - start);
}

void html_raw_escaped(struct buf *b, const char *s)
{
	if (s)
		buf_adds(b, s);
}

void html_text(struct buf *b, const char *s)
{
	if (s)
		escape(b, s, strlen(s), 0);
}

void html_text_n(struct buf *b, const char *s, size_t n)
{
	if (s)
		escape(b, s, n, 0);
}

void html_textf(struct buf *b, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	escape(b, tmp.data, tmp.len, 0);
	buf_release(&tmp);
}

static void attr_name(struct buf *b, const char *name)
{
	const char *p;

	if (!name || !*name)
		BUG("empty attribute name");
	for (p = name; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':'))
			BUG("bad attribute name '%s'", name);
	}
	buf_addch(b, ' ');
	buf_adds(b, name);
	html_raw_literal(b, "=\"");
}

void html_attr(struct buf *b, const char *name, const char *value)
{
	attr_name(b, name);
	if (value)
		escape(b, value, strlen(value), 1);
	buf_addch(b, '"');
}

void html_attrf(struct buf *b, const char *name, const char *fmt, ...)
{
	struct buf tmp = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	attr_name(b, name);
	escape(b, tmp.data, tmp.len, 1);
	buf_addch(b, '"');
	buf_release(&tmp);
}

void html_url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	if (!s)
		return;
	for (p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
			buf_addch(b, (char)c);
		} else {
			buf_addch(b, '%');
			buf_addch(b, hex[c >> 4]);
			buf_addch(b, hex[c & 15]);
		}
	}
}
