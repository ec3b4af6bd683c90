/* strmap.c: string -> integer hash map, linear probing, grows at 1/2 full */
#include "strmap.h"
#include "util.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ^ (h >> 29);
}

static size_t find_slot(char **keys, size_t cap, const char *key)
{
	size_t i = hash(key) & (cap - 1);

	while (keys[i] && strcmp(keys[i], key))
		i = (i + 1) & (cap - 1);
	return i;
}

static void grow(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	char **nkeys = xcalloc(ncap, sizeof(*nkeys));
	int64_t *nvals = xcalloc(ncap, sizeof(*nvals));

	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = find_slot(nkeys, ncap, m->keys[i]);
		nkeys[j] = m->keys[i];
		nvals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = nkeys;
	m->vals = nvals;
	m->cap = ncap;
}

void strmap_put(struct strmap *m, const char *key, int64_t val)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	i = find_slot(m->keys, m->cap, key);
	if (!m->keys[i]) {
		m->keys[i] = xstrdup(key);
		m->count++;
	}
	m->vals[i] = val;
}

int strmap_get(const struct strmap *m, const char *key, int64_t *val)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = find_slot(m->keys, m->cap, key);
	if (!m->keys[i])
		return 0;
	*val = m->vals[i];
	return 1;
}

void strmap_release(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->count = 0;
}
