/* i18n.h: the words of the pages, one translation file per language */
#ifndef REACH_I18N_H
#define REACH_I18N_H

#include <stddef.h>
#include "../util/buf.h"

/*
 * A language is a file i18n/CODE.txt (CODE as in "en", "ar", "bn"): UTF-8,
 * one `key = text` a line, `#` starts a comment line, blank lines ignored.
 * Two keys describe the language itself:
 *
 *   lang.name = العربية     its name in its own words (for a language menu)
 *   lang.dir = rtl          rtl or ltr (default ltr)
 *
 * en.txt must exist and is the fallback: i18n_get() gives the language's
 * text, else the English text, else the key itself (so a missing key shows
 * on the page instead of crashing it). A new language is a new file.
 *
 * Texts may hold placeholders {1} to {9}, filled by i18n_subst().
 *
 * The table is process-wide: load it once at startup, before threads start;
 * after that every call only reads, so any thread may call them.
 */

struct i18n_lang {
	const char *code; /* "ar" */
	const char *name; /* "العربية" */
	const char *dir;  /* "rtl" or "ltr" */
};

/* load every *.txt of `dir`, replacing what was loaded; 0, or -1 with error() */
int i18n_load_dir(const char *dir);
/* load the copies compiled into the program (src/web/assets.h) */
int i18n_load_embedded(void);
/* load (or replace) one language from memory; `origin` names it in errors */
int i18n_load_text(const char *code, const char *text, size_t len, const char *origin);
/* forget every language */
void i18n_release(void);

/* the text of `key` in `lang` (NULL = English), falling back as above */
const char *i18n_get(const char *lang, const char *key);
/* 1 if `lang` itself (no fallback) has `key` */
int i18n_has(const char *lang, const char *key);
/* "rtl" or "ltr" */
const char *i18n_dir(const char *lang);
/* the loaded code equal to `code` (any case), else "en": for ?lang= and cookies */
const char *i18n_resolve(const char *code);
/* the loaded languages, English first, then by code */
const struct i18n_lang *i18n_langs(size_t *count);
/* the keys of a language, in file order, for tests and tools */
size_t i18n_count(const char *lang);
const char *i18n_key(const char *lang, size_t i);

/* append `text` with {1}..{9} replaced by args[0..nargs); the result is text, not HTML */
void i18n_subst(struct buf *out, const char *text, const char *const *args, size_t nargs);

#endif
