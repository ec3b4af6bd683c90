/* i18n.c: translation files: load, look up with fallback to English */
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include "assets.h"
#include "../util/strmap.h"
#include "../util/text.h"

#define MAX_LANGS 32
#define MAX_FILE (1024 * 1024)

struct lang {
	char *code;          /* file name without .txt */
	struct entry {
		char *key;   /* "field.postcode" */
		char *text;  /* "Postcode" */
	} *entries;          /* in file order */
	size_t nr, alloc;    /* entries used, allocated */
	struct strmap index; /* key -> position */
	struct i18n_lang pub; /* what i18n_langs() shows */
};

static struct lang *langs[MAX_LANGS];
static size_t nlangs;
static struct i18n_lang pub_langs[MAX_LANGS];

static void lang_free(struct lang **lp)
{
	struct lang *l = *lp;

	if (!l)
		return;
	for (size_t i = 0; i < l->nr; i++) {
		free(l->entries[i].key);
		free(l->entries[i].text);
	}
	free(l->entries);
	strmap_release(&l->index);
	free(l->code);
	free(l);
	*lp = NULL;
}

void i18n_release(void)
{
	for (size_t i = 0; i < nlangs; i++)
		lang_free(&langs[i]);
	nlangs = 0;
}

static struct lang *find(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < nlangs; i++)
		if (str_ieq(langs[i]->code, code))
			return langs[i];
	return NULL;
}

static const char *lookup(const struct lang *l, const char *key)
{
	int64_t pos;

	if (l && key && strmap_get(&l->index, key, &pos))
		return l->entries[pos].text;
	return NULL;
}

static int code_valid(const char *code)
{
	size_t n = strlen(code);

	if (n < 2 || n > 15)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i >= 2 && c == '-')))
			return 0;
	}
	return 1;
}

static int key_valid(const char *k)
{
	if (!*k)
		return 0;
	for (; *k; k++) {
		char c = *k;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* English first, then by code; refresh the public list */
static void sort_langs(void)
{
	for (size_t i = 1; i < nlangs; i++) {
		struct lang *l = langs[i];
		size_t j = i;
		while (j > 0 && (strcmp(l->code, "en") == 0 ||
				 (strcmp(langs[j - 1]->code, "en") != 0 &&
				  strcmp(langs[j - 1]->code, l->code) > 0))) {
			langs[j] = langs[j - 1];
			j--;
		}
		langs[j] = l;
	}
	for (size_t i = 0; i < nlangs; i++)
		pub_langs[i] = langs[i]->pub;
}

int i18n_load_text(const char *code, const char *text, size_t len, const char *origin)
{
	struct lang *l = xcalloc(1, sizeof(*l));
	struct buf line = BUF_INIT;
	size_t pos = 0;
	int lineno = 0, ret = -1;
	const char *name, *dir;

	if (!code_valid(code)) {
		error("bad language code '%s' in '%s'", code, origin);
		goto out;
	}
	if (!utf8_valid(text, len) || memchr(text, '\0', len)) {
		error("'%s' is not UTF-8 text", origin);
		goto out;
	}
	l->code = xstrdup(code);
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		char *s, *eq, *key, *val;
		int64_t dup;

		lineno++;
		buf_reset(&line);
		buf_add(&line, text + pos, end - pos);
		pos = nl ? end + 1 : len;
		s = str_trim(line.data);
		/* a byte order mark on the first line is allowed */
		if (lineno == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
			s = str_trim(s + 3);
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			error("%s:%d: expected 'key = text'", origin, lineno);
			goto out;
		}
		*eq = '\0';
		key = str_trim(s);
		val = str_trim(eq + 1);
		if (!key_valid(key)) {
			error("%s:%d: bad key '%s'", origin, lineno, key);
			goto out;
		}
		if (strmap_get(&l->index, key, &dup)) {
			error("%s:%d: key '%s' given twice", origin, lineno, key);
			goto out;
		}
		XGROW(l->entries, l->alloc, l->nr + 1);
		l->entries[l->nr].key = xstrdup(key);
		l->entries[l->nr].text = xstrdup(val);
		strmap_put(&l->index, key, (int64_t)l->nr);
		l->nr++;
	}
	name = lookup(l, "lang.name");
	dir = lookup(l, "lang.dir");
	if (dir && strcmp(dir, "rtl") && strcmp(dir, "ltr")) {
		error("%s: lang.dir must be rtl or ltr, not '%s'", origin, dir);
		goto out;
	}
	l->pub.code = l->code;
	l->pub.name = name ? name : l->code;
	l->pub.dir = dir ? dir : "ltr";

	/* replace a language of the same code, or add it */
	for (size_t i = 0; i < nlangs; i++) {
		if (str_ieq(langs[i]->code, code)) {
			lang_free(&langs[i]);
			langs[i] = l;
			l = NULL;
			break;
		}
	}
	if (l) {
		if (nlangs == MAX_LANGS) {
			error("too many languages (at most %d)", MAX_LANGS);
			goto out;
		}
		langs[nlangs++] = l;
		l = NULL;
	}
	sort_langs();
	ret = 0;
out:
	lang_free(&l);
	buf_release(&line);
	return ret;
}

static int load_file(const char *dir, const char *fname)
{
	struct buf path = BUF_INIT, data = BUF_INIT, code = BUF_INIT;
	FILE *f = NULL;
	char chunk[8192];
	size_t n;
	int ret = -1;

	buf_addf(&path, "%s/%s", dir, fname);
	buf_add(&code, fname, strlen(fname) - 4);
	f = fopen(path.data, "rb");
	if (!f) {
		error("cannot open '%s': %s", path.data, strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (data.len + n > MAX_FILE) {
			error("'%s' is too large", path.data);
			goto out;
		}
		buf_add(&data, chunk, n);
	}
	if (ferror(f)) {
		error("cannot read '%s'", path.data);
		goto out;
	}
	ret = i18n_load_text(code.data, data.data, data.len, path.data);
out:
	if (f)
		fclose(f);
	buf_release(&path);
	buf_release(&data);
	buf_release(&code);
	return ret;
}

int i18n_load_dir(const char *dir)
{
	DIR *d;
	struct dirent *e;
	int ret = -1;

	i18n_release();
	d = opendir(dir);
	if (!d)
		return error("cannot open '%s': %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 5 || strcmp(e->d_name + n - 4, ".txt"))
			continue;
		if (load_file(dir, e->d_name) < 0)
			goto out;
	}
	if (!find("en")) {
		error("no en.txt in '%s'", dir);
		goto out;
	}
	ret = 0;
out:
	closedir(d);
	if (ret < 0)
		i18n_release();
	return ret;
}

int i18n_load_embedded(void)
{
	static const char prefix[] = "i18n/";
	int ret = -1;

	i18n_release();
	for (size_t i = 0; i < embedded_files_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		size_t n = strlen(f->path);
		struct buf code = BUF_INIT;
		int r;

		if (strncmp(f->path, prefix, sizeof(prefix) - 1) || n < sizeof(prefix) + 4 ||
		    strcmp(f->path + n - 4, ".txt"))
			continue;
		buf_add(&code, f->path + sizeof(prefix) - 1, n - (sizeof(prefix) - 1) - 4);
		r = i18n_load_text(code.data, (const char *)f->data, f->len, f->path);
		buf_release(&code);
		if (r < 0)
			goto out;
	}
	if (!find("en")) {
		error("no embedded i18n/en.txt");
		goto out;
	}
	ret = 0;
out:
	if (ret < 0)
		i18n_release();
	return ret;
}

const char *i18n_get(const char *lang, const char *key)
{
	const char *t = lookup(find(lang), key);

	if (!t)
		t = lookup(find("en"), key);
	return t ? t : key;
}

int i18n_has(const char *lang, const char *key)
{
	return lookup(find(lang), key) != NULL;
}

const char *i18n_dir(const char *lang)
{
	const struct lang *l = find(lang);

	return l ? l->pub.dir : "ltr";
}

const char *i18n_resolve(const char *code)
{
	const struct lang *l = find(code);

	return l ? l->code : "en";
}

const struct i18n_lang *i18n_langs(size_t *count)
{
	*count = nlangs;
	return pub_langs;
}

size_t i18n_count(const char *lang)
{
	const struct lang *l = find(lang);

	return l ? l->nr : 0;
}

const char *i18n_key(const char *lang, size_t i)
{
	const struct lang *l = find(lang);

	return l && i < l->nr ? l->entries[i].key : NULL;
}

void i18n_subst(struct buf *out, const char *text, const char *const *args, size_t nargs)
{
	const char *p;

	if (!text)
		return;
	for (p = text; *p; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			size_t i = (size_t)(p[1] - '1');
			if (i < nargs && args[i])
				buf_adds(out, args[i]);
			p += 2;
			continue;
		}
		buf_addch(out, *p);
	}
}
