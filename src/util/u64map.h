/* u64map.h: a hash map from non-zero 64-bit keys to counts (open addressing) */
#ifndef REACH_U64MAP_H
#define REACH_U64MAP_H

#include <stddef.h>
#include <stdint.h>

struct u64map {
	uint64_t *keys; /* 0 = empty slot, so 0 is never a key */
	int64_t *vals;
	size_t cap;     /* slots, a power of two */
	size_t count;   /* keys present */
};

#define U64MAP_INIT { NULL, NULL, 0, 0 }

/* add delta to key's value (a missing key counts as 0); the new value */
int64_t u64map_add(struct u64map *m, uint64_t key, int64_t delta);
/* key's value, 0 when absent */
int64_t u64map_get(const struct u64map *m, uint64_t key);
void u64map_release(struct u64map *m);

#endif
