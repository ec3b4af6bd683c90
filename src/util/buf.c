/* buf.c: the growable byte buffer */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty[1];

void buf_init(struct buf *b, size_t cap)
{
	b->data = buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->cap = cap;
	b->overflow = 0;
}

void buf_release(struct buf *b)
{
	size_t cap = b->cap;

	if (b->alloc)
		free(b->data);
	buf_init(b, cap);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->overflow = 0;
	if (b->alloc)
		b->data[0] = '\0';
}

int buf_grow(struct buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1 || (b->cap && b->len + extra > b->cap)) {
		b->overflow = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	if (!b->alloc) {
		size_t n = need < 64 ? 64 : need;
		b->data = xmalloc(n);
		b->data[0] = '\0';
		b->alloc = n;
		return 0;
	}
	{
		size_t n = b->alloc;
		while (n < need)
			n = n < SIZE_MAX / 2 ? n * 2 : need;
		b->data = xrealloc(b->data, n);
		b->alloc = n;
	}
	return 0;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *r;

	if (len)
		*len = b->len;
	r = b->alloc ? b->data : xstrdup("");
	buf_init(b, b->cap);
	return r;
}

void buf_add(struct buf *b, const void *data, size_t len)
{
	if (buf_grow(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addch(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(b->data + b->len, b->alloc ? b->alloc - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		BUG("vsnprintf failed for '%s'", fmt);
	if (b->alloc && (size_t)n < b->alloc - b->len) {
		if (b->cap && b->len + (size_t)n > b->cap) {
			b->data[b->len] = '\0';
			b->overflow = 1;
			return;
		}
		b->len += (size_t)n;
		return;
	}
	if (buf_grow(b, (size_t)n)) {
		if (b->alloc)
			b->data[b->len] = '\0';
		return;
	}
	vsnprintf(b->data + b->len, b->alloc - b->len, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void buf_setlen(struct buf *b, size_t len)
{
	if (len > b->len)
		BUG("buf_setlen past the end (%zu > %zu)", len, b->len);
	b->len = len;
	if (b->alloc)
		b->data[len] = '\0';
}
