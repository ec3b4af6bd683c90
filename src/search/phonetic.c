/* phonetic.c: folding names to ASCII and their sounds-like keys
 *
 * Two passes. fold() decodes UTF-8 and writes the name's letters as
 * lower-case ASCII, or reports that the name is in another script. The
 * key is then built from the folded letters: each letter or spelling
 * (ph, sch, ...) becomes one code, a vowel-like separator or a silent
 * mark; silent marks go, repeats collapse, separators go. The rules are
 * listed in search.h; the cases they were tuned on are tests/unit/phonetic.c.
 */
#include "search.h"

#include <string.h>

/* U+00C0..U+00FF; NULL: not a letter */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",  /* C0 */
	"e", "e", "e", "e", "i", "i", "i", "i",   /* C8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,  /* D0; D7 is × */
	"o", "u", "u", "u", "u", "y", "th", "ss", /* D8 */
	"a", "a", "a", "a", "a", "a", "ae", "c",  /* E0 */
	"e", "e", "e", "e", "i", "i", "i", "i",   /* E8 */
	"d", "n", "o", "o", "o", "o", "o", NULL,  /* F0; F7 is ÷ */
	"o", "u", "u", "u", "u", "y", "th", "y",  /* F8 */
};

/* U+0100..U+017F, one letter each; '2' marks the two-letter ones (ĳ, œ) */
static const char latin_ext_a[129] =
	"aaaaaacc" "ccccccdd" "ddeeeeee" "eeeegggg" /* 0100 */
	"gggghhhh" "iiiiiiii" "ii22jjkk" "klllllll" /* 0120 */
	"lllnnnnn" "nnnnoooo" "oo22rrrr" "rrssssss" /* 0140 */
	"sstttttt" "uuuuuuuu" "uuuuwwyy" "yzzzzzzs"; /* 0160 */

/*
 * Decode one UTF-8 character at s (not at the terminating NUL): its code
 * point in *cp and its length as the return value; a malformed byte is
 * returned as itself with length 1 and *cp = 0xFFFD.
 */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[k] & 0x3F);
	}
	*cp = v;
	return len;
}

static int is_ascii_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/*
 * The ASCII letters of one code point, appended to out. Returns 1 if it
 * is a Latin letter (written), 0 if it is not a letter at all (punctuation,
 * digits, symbols, combining accents: nothing written), -1 if it is a
 * letter of some other script (or not decodable).
 */
static int fold_cp(unsigned cp, struct buf *out)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (cp >= 'a' && cp <= 'z') {
			buf_addch(out, (char)cp);
			return 1;
		}
		return 0;
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		const char *l = latin1[cp - 0xC0];

		if (!l)
			return 0;
		buf_adds(out, l);
		return 1;
	}
	if (cp >= 0x100 && cp <= 0x17F) {
		char l = latin_ext_a[cp - 0x100];

		if (l == '2')
			buf_adds(out, cp < 0x140 ? "ij" : "oe");
		else
			buf_addch(out, l);
		return 1;
	}
	switch (cp) {
	case 0x218: case 0x219: /* Ș ș, Romanian */
		buf_addch(out, 's');
		return 1;
	case 0x21A: case 0x21B: /* Ț ț */
		buf_addch(out, 't');
		return 1;
	}
	/* NBSP and Latin-1 symbols, combining accents (a decomposed é),
	 * general punctuation (’ ‐ – and the zero-width joiners) */
	if ((cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x300 && cp <= 0x36F) ||
	    (cp >= 0x2000 && cp <= 0x206F))
		return 0;
	/* NEEDSWORK: Latin Extended-B and Extended Additional (Vietnamese
	 * ễ, scholarly ḥ ṣ) are taken as another script: exact match only */
	return -1;
}

/* the name as written: ASCII white space removed, ASCII letters lowered */
static void keep_as_written(const char *name, struct buf *out)
{
	for (const char *p = name; *p; p++) {
		char c = *p;

		if (is_ascii_space((unsigned char)c))
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		buf_addch(out, c);
	}
}

/* fold the name into out: 1 if it was Latin (out holds only [a-z],
 * at least one), 0 if kept as written */
static int fold(const char *name, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t start = out->len;
	int latin = 1;

	while (*s) {
		unsigned cp;

		s += utf8_next(s, &cp);
		if (fold_cp(cp, out) < 0) {
			latin = 0;
			break;
		}
	}
	if (latin && out->len > start)
		return 1;
	buf_setlen(out, start);
	keep_as_written(name, out);
	return 0;
}

void name_fold(const char *name, struct buf *out)
{
	fold(name, out);
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* codes between the passes: consonant classes are letters; these two are not */
#define SEP '*'    /* a vowel or a vowel-like w: separates repeats, then dropped */
#define SILENT '-' /* h and the like: dropped without separating */

/*
 * Code the folded letters s[0..n) into `codes` (one char each, n*2+1
 * bytes is enough: x writes two).
 */
static size_t code_letters(const char *s, size_t n, char *codes)
{
	size_t i = 0, nc = 0;
	int first = 1; /* no sounded code written yet */

	while (i < n) {
		char c = s[i];
		char nx = i + 1 < n ? s[i + 1] : '\0';
		char nx2 = i + 2 < n ? s[i + 2] : '\0';
		char code;
		size_t used = 1;

		switch (c) {
		case 'a': case 'e': case 'i': case 'o': case 'u':
			code = first ? 'a' : SEP;
			break;
		case 'y':
			code = first ? 'y' : SEP;
			break;
		case 'h':
			code = first ? 'h' : SILENT;
			break;
		case 'w': case 'v':
			/* the w of "ow", "ew" (and the v of "-ovski") is a vowel */
			code = (i > 0 && is_vowel(s[i - 1]) && !is_vowel(nx)) ? SEP : 'v';
			break;
		case 'c':
			if (nx == 'h') {
				used = 2;
				if (nx2 && !is_vowel(nx2))
					code = first ? 'k' : SILENT;
				else
					code = 'c';
			} else if (nx == 'z') {
				used = 2;
				code = 'c';
			} else if (nx == 'k') {
				used = 2;
				code = 'k';
			} else {
				code = (nx == 'e' || nx == 'i' || nx == 'y') ? 's' : 'k';
			}
			break;
		case 's':
			if (nx == 'c' && nx2 == 'h')
				used = 3;
			else if (nx == 'h' || nx == 'z')
				used = 2;
			code = 's';
			break;
		case 't':
			if (nx == 'c' && nx2 == 'h') {
				used = 3;
				code = 'c';
			} else if (nx == 'z') {
				used = 2;
				code = 's';
			} else {
				used = nx == 'h' ? 2 : 1;
				code = 't';
			}
			break;
		case 'p':
			used = nx == 'h' ? 2 : 1;
			code = nx == 'h' ? 'f' : 'p';
			break;
		case 'k': case 'g': case 'b':
			used = nx == 'h' ? 2 : 1;
			code = c;
			break;
		case 'd':
			if (nx == 'j') {
				used = 2;
				code = 'j';
			} else {
				used = nx == 'h' ? 2 : 1;
				code = 'd';
			}
			break;
		case 'q':
			code = 'k';
			break;
		case 'z':
			code = 's';
			break;
		case 'x':
			if (!first)
				codes[nc++] = 'k';
			code = 's';
			break;
		default: /* f j l m n r */
			code = c;
			break;
		}
		codes[nc++] = code;
		if (code != SILENT)
			first = 0;
		i += used;
	}
	return nc;
}

void name_key(const char *name, struct buf *out)
{
	struct buf folded = BUF_INIT;
	char *codes = NULL;
	size_t nc, start = out->len;
	char prev = '\0';

	if (!fold(name, &folded)) {
		/* another script, or no letters: the name as written */
		buf_add(out, folded.data, folded.len);
		goto out;
	}
	codes = xmalloc(folded.len * 2 + 1);
	nc = code_letters(folded.data, folded.len, codes);
	for (size_t i = 0; i < nc; i++) {
		char c = codes[i];

		if (c == SILENT || c == prev)
			continue;
		prev = c;
		if (c != SEP)
			buf_addch(out, c);
	}
	/* the first code is never silent, so the key is not empty */
	if (out->len > start + 1 && out->data[out->len - 1] == 'd')
		out->data[out->len - 1] = 't';
out:
	free(codes);
	buf_release(&folded);
}
