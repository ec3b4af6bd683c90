/* text.c: UTF-8 checks, trimming, postcodes, IDs and flags */
#include "text.h"

#include <string.h>

int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

size_t utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

char *str_trim(char *s)
{
	size_t n = strlen(s), start = 0;

	while (n && is_space(s[n - 1]))
		n--;
	while (start < n && is_space(s[start]))
		start++;
	if (start)
		memmove(s, s + start, n - start);
	s[n - start] = '\0';
	return s;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

int str_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (lower(*a) != lower(*b))
			return 0;
	return *a == *b;
}

void str_lower(char *s)
{
	for (; *s; s++)
		*s = lower(*s);
}

void str_upper(char *s)
{
	for (; *s; s++)
		*s = upper(*s);
}

static int is_alpha(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* outward codes: A9, A99, AA9, AA99, A9A, AA9A */
static int outward_valid(const char *o, size_t n)
{
	if (n < 2 || n > 4 || !is_alpha(o[0]))
		return 0;
	if (n == 2)
		return is_digit(o[1]);
	if (n == 3)
		return (is_digit(o[1]) && (is_digit(o[2]) || is_alpha(o[2]))) ||
		       (is_alpha(o[1]) && is_digit(o[2]));
	return is_alpha(o[1]) && is_digit(o[2]) && (is_digit(o[3]) || is_alpha(o[3]));
}

int postcode_normalise(const char *in, struct buf *out)
{
	char c[16];
	size_t n = 0;

	for (; *in; in++) {
		if (is_space(*in))
			continue;
		if (n == 7)
			return -1;
		c[n++] = upper(*in);
	}
	if (n < 5)
		return -1;
	if (!is_digit(c[n - 3]) || !is_alpha(c[n - 2]) || !is_alpha(c[n - 1]))
		return -1;
	if (!outward_valid(c, n - 3) && !(n == 6 && !memcmp(c, "GIR0AA", 6)))
		return -1;
	buf_add(out, c, n - 3);
	buf_addch(out, ' ');
	buf_add(out, c + n - 3, 3);
	return 0;
}

void postcode_district(const char *norm, struct buf *out)
{
	const char *sp = strchr(norm, ' ');

	buf_add(out, norm, sp ? (size_t)(sp - norm) : strlen(norm));
}

void postcode_sector(const char *norm, struct buf *out)
{
	const char *sp = strchr(norm, ' ');

	buf_add(out, norm, sp && sp[1] ? (size_t)(sp - norm) + 2 : strlen(norm));
}

int id_valid(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		char c = *s;
		if (!(is_digit(c) || is_alpha(upper(c)) || c == '-' || c == '_'))
			return 0;
	}
	return n >= 1 && n <= 64;
}

int flag_parse(const char *s, enum flag *out)
{
	static const struct {
		const char *word;
		enum flag f;
	} words[] = {
		{ "", FLAG_UNKNOWN }, { "y", FLAG_YES }, { "yes", FLAG_YES }, { "true", FLAG_YES },
		{ "1", FLAG_YES }, { "n", FLAG_NO }, { "no", FLAG_NO }, { "false", FLAG_NO },
		{ "0", FLAG_NO },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (str_ieq(s, words[i].word)) {
			*out = words[i].f;
			return 0;
		}
	return -1;
}

const char *flag_name(enum flag f)
{
	return f == FLAG_YES ? "y" : f == FLAG_NO ? "n" : "";
}
