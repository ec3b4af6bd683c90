/* buf.h: the one growable byte buffer used everywhere */
#ifndef REACH_BUF_H
#define REACH_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include "util.h"

/*
 * Invariants: `data` is never NULL and always NUL-terminated, so a buffer
 * can be used as a C string at any time. `len` excludes the NUL.
 *
 * `cap` (0 = none) bounds how large the contents may grow: an append that
 * would pass it leaves the buffer as it was and sets the sticky `overflow`
 * flag, so callers append freely and check once (request bodies, CSV lines).
 *
 * BUF_INIT allocates nothing; buf_release() frees and re-initialises;
 * buf_detach() is the only way to take ownership of the bytes.
 */
struct buf {
	char *data;   /* contents, NUL-terminated, never NULL */
	size_t len;   /* bytes used, excluding the NUL */
	size_t alloc; /* bytes allocated; 0 while data points at buf_empty */
	size_t cap;   /* largest len allowed, 0 for no limit */
	int overflow; /* set when an append would have passed cap */
};

extern char buf_empty[];
#define BUF_INIT { buf_empty, 0, 0, 0, 0 }
#define BUF_INIT_CAP(c) { buf_empty, 0, 0, (c), 0 }

void buf_init(struct buf *b, size_t cap);
void buf_release(struct buf *b);
/* empty the contents, keep the allocation and the cap; clears overflow */
void buf_reset(struct buf *b);
/* make room for `extra` more bytes; 0 on success, -1 if past cap */
int buf_grow(struct buf *b, size_t extra);
char *buf_detach(struct buf *b, size_t *len);

void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addch(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) ATTR_PRINTF(2, 3);
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
void buf_setlen(struct buf *b, size_t len);

#endif
