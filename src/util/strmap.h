/* strmap.h: a hash map from strings to integers (open addressing) */
#ifndef REACH_STRMAP_H
#define REACH_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys;    /* owned copies; NULL = empty slot */
	int64_t *vals;  /* value of each slot */
	size_t cap;     /* slots, a power of two */
	size_t count;   /* keys present */
};

#define STRMAP_INIT { NULL, NULL, 0, 0 }

/* set key to val (replacing any value) */
void strmap_put(struct strmap *m, const char *key, int64_t val);
/* 1 and *val if present, else 0 */
int strmap_get(const struct strmap *m, const char *key, int64_t *val);
void strmap_release(struct strmap *m);

#endif
