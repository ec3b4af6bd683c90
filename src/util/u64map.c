/* u64map.c: 64-bit key -> count hash map, linear probing, grows at 1/2 full */
#include "u64map.h"
#include "util.h"

static size_t find_slot(const uint64_t *keys, size_t cap, uint64_t key)
{
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 17) & (cap - 1);

	while (keys[i] && keys[i] != key)
		i = (i + 1) & (cap - 1);
	return i;
}

static void grow(struct u64map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	uint64_t *nkeys = xcalloc(ncap, sizeof(*nkeys));
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

int64_t u64map_add(struct u64map *m, uint64_t key, int64_t delta)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	i = find_slot(m->keys, m->cap, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->count++;
	}
	return m->vals[i] += delta;
}

int64_t u64map_get(const struct u64map *m, uint64_t key)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = find_slot(m->keys, m->cap, key);
	return m->keys[i] ? m->vals[i] : 0;
}

void u64map_release(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = m->count = 0;
}
