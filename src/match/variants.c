/* variants.c: the name-variant table (nicknames, transliterations), kept as data */
#include "match.h"
#include "../search/search.h"
#include "../util/util.h"
#include "../web/assets.h"

#include <pthread.h>
#include <unistd.h>

static struct strmap variants = STRMAP_INIT;
static int loaded;
/* the web server's threads look names up at once (the registration form's
 * duplicate check): the first loads the table, the others wait for it */
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t ngroups;

/* add the groups of a table's text; a name in an earlier group keeps it,
 * and a line naming it joins that group */
static void variants_parse(const char *text)
{
	struct buf line = BUF_INIT, fold = BUF_INIT;
	const char *p = text;
	char **names = NULL;
	size_t nnames, alloc = 0;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		uint32_t group = 0;
		char *tok, *next;

		buf_reset(&line);
		buf_add(&line, p, len);
		p += len + (e ? 1 : 0);
		if (line.data[0] == '#')
			continue;
		nnames = 0;
		for (tok = line.data; tok; tok = next) {
			int64_t g;
			next = strchr(tok, ',');
			if (next)
				*next++ = '\0';
			buf_reset(&fold);
			name_fold(tok, &fold);
			if (!fold.len)
				continue;
			if (!group && strmap_get(&variants, fold.data, &g))
				group = (uint32_t)g;
			XGROW(names, alloc, nnames + 1);
			names[nnames++] = buf_detach(&fold, NULL);
		}
		if (nnames && !group)
			group = ++ngroups;
		for (size_t i = 0; i < nnames; i++) {
			int64_t g;
			if (!strmap_get(&variants, names[i], &g))
				strmap_put(&variants, names[i], group);
			free(names[i]);
		}
	}
	free(names);
	buf_release(&line);
	buf_release(&fold);
}

static int read_file(const char *path, struct buf *out)
{
	FILE *fp = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (!fp)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(out, chunk, n);
	fclose(fp);
	return 0;
}

int match_variants_load(const char *path)
{
	struct buf text = BUF_INIT;
	int ret = -1;

	if (read_file(path, &text)) {
		error("cannot read name variants '%s'", path);
		goto out;
	}
	match_variants_release();
	variants_parse(text.data);
	loaded = 1;
	ret = 0;
out:
	buf_release(&text);
	return ret;
}

/* the folder of the running program, from /proc/self/exe */
static int program_dir(struct buf *out)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	buf_adds(out, path);
	return 0;
}

static void variants_find(void)
{
	const char *env = getenv("REACH_NAME_VARIANTS");
	const struct embedded_file *ef;
	struct buf path = BUF_INIT, text = BUF_INIT;

	loaded = 1;
	if (env && *env) {
		if (read_file(env, &text))
			warning("cannot read name variants '%s'", env);
		goto parse;
	}
	ef = assets_find("data/name_variants.csv");
	if (ef) {
		buf_add(&text, ef->data, ef->len);
		goto parse;
	}
	if (!program_dir(&path)) {
		size_t base = path.len;
		buf_adds(&path, "/../data/name_variants.csv");
		if (!read_file(path.data, &text))
			goto parse;
		buf_setlen(&path, base);
		buf_adds(&path, "/../../data/name_variants.csv");
		if (!read_file(path.data, &text))
			goto parse;
		buf_setlen(&path, base);
		buf_adds(&path, "/data/name_variants.csv");
		if (!read_file(path.data, &text))
			goto parse;
	}
	if (!read_file("data/name_variants.csv", &text))
		goto parse;
	warning("no name variants table found: names are compared without it");
parse:
	variants_parse(text.data);
	buf_release(&path);
	buf_release(&text);
}

uint32_t match_variant_group(const char *folded)
{
	int64_t g;

	pthread_mutex_lock(&load_lock);
	if (!loaded)
		variants_find();
	pthread_mutex_unlock(&load_lock);
	if (!*folded || !strmap_get(&variants, folded, &g))
		return 0;
	return (uint32_t)g;
}

void match_variants_release(void)
{
	strmap_release(&variants);
	loaded = 0;
	ngroups = 0;
}
