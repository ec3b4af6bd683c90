/* csv.c: streaming RFC 4180 reader and writer
 *
 * The reader pulls blocks of the file into `in` and runs a small state
 * machine over them, appending field bytes to `rec`. Only the current
 * record is kept, so memory does not grow with the file. Runs of ordinary
 * bytes are scanned with a table and copied at once (take_run); only the
 * bytes that change state (comma, quote, line break, NUL) are handled one
 * by one. Fields the caller does not want (csv_keep_fields) are parsed but
 * not copied, which is what makes a 55-column file with 2 used columns cheap.
 */
#include "csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BLOCK (1u << 16)

static void reader_init(struct csv_reader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->path = xstrdup(name);
	r->in = xmalloc(BLOCK + 1); /* + a NUL after the bytes read, for take_run */
	r->in[0] = '\0';
	r->line = 1;
	r->next_line = 1;
	buf_init(&r->rec, CSV_MAX_RECORD);
}

int csv_open(struct csv_reader *r, const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;

	if (!fp) {
		memset(r, 0, sizeof(*r));
		buf_init(&r->rec, CSV_MAX_RECORD);
		snprintf(r->err, sizeof(r->err), "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	reader_init(r, fp, path);
	r->own_fp = 1;
	if (!fstat(fileno(fp), &st) && S_ISREG(st.st_mode))
		r->size = (uint64_t)st.st_size;
	return 0;
}

void csv_open_stream(struct csv_reader *r, FILE *fp, const char *name)
{
	reader_init(r, fp, name);
}

void csv_release(struct csv_reader *r)
{
	if (r->own_fp && r->fp)
		fclose(r->fp);
	free(r->path);
	free(r->in);
	free(r->off);
	buf_release(&r->rec);
	memset(r, 0, sizeof(*r));
}

/* next byte, or -1 at end of input: the block is used up, read the next */
static int next_byte_slow(struct csv_reader *r)
{
	if (r->in_pos == r->in_len) {
		if (r->eof)
			return -1;
		r->in_len = fread(r->in, 1, BLOCK, r->fp);
		r->in[r->in_len] = '\0';
		r->in_pos = 0;
		if (r->in_len < BLOCK)
			r->eof = 1;
		if (!r->in_len)
			return -1;
	}
	r->consumed++;
	return (unsigned char)r->in[r->in_pos++];
}

/* the common cases of next_byte() and peek_byte() take no call */
static inline int next_byte(struct csv_reader *r)
{
	if (r->in_pos < r->in_len) {
		r->consumed++;
		return (unsigned char)r->in[r->in_pos++];
	}
	return next_byte_slow(r);
}

static inline int peek_byte(struct csv_reader *r)
{
	int c;

	if (r->in_pos < r->in_len)
		return (unsigned char)r->in[r->in_pos];
	c = next_byte_slow(r);
	if (c >= 0) {
		r->in_pos--;
		r->consumed--;
	}
	return c;
}

static inline void start_field(struct csv_reader *r)
{
	if (r->nfields >= r->off_alloc)
		XGROW(r->off, r->off_alloc, r->nfields + 1);
	r->off[r->nfields++] = r->rec.len;
}

/* append a byte to the record; while it fits, without a call */
static inline void rec_addch(struct csv_reader *r, char c)
{
	struct buf *b = &r->rec;

	if (b->len + 2 <= b->alloc && (!b->cap || b->len < b->cap)) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else {
		buf_addch(b, c);
	}
}

static inline void end_field(struct csv_reader *r)
{
	rec_addch(r, '\0');
}

static int fail(struct csv_reader *r, size_t line, const char *why)
{
	snprintf(r->err, sizeof(r->err), "line %zu: %s", line, why);
	return -1;
}

void csv_keep_fields(struct csv_reader *r, const unsigned char *keep, size_t n)
{
	r->keep = keep;
	r->nkeep = keep ? n : 0;
}

/* bytes that end a run of field bytes: each is looked at on its own */
static const unsigned char stop_plain[256] = { [0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1 };
static const unsigned char stop_quoted[256] = { [0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1 };

/*
 * Consume the bytes of the current block up to the next one in `stop`,
 * appending them to the record if `keep`. Most bytes of a file go through
 * here, a run at a time, rather than through next_byte().
 */
static void take_run(struct csv_reader *r, const unsigned char *stop, int keep)
{
	const unsigned char *p = (const unsigned char *)r->in + r->in_pos;
	const unsigned char *q = p;

	/* the NUL after the block stops the scan at its end (a NUL byte inside
	 * it stops it too, and next_byte() then reports it) */
	while (!stop[*q])
		q++;
	if (keep && q > p)
		buf_add(&r->rec, p, (size_t)(q - p));
	r->in_pos += (size_t)(q - p);
	r->consumed += (uint64_t)(q - p);
}

int csv_read(struct csv_reader *r)
{
	int c;

	if (!r->started) {
		/* peeking fills the first block, which holds the whole mark if there is one */
		r->started = 1;
		if (peek_byte(r) == 0xEF && r->in_len - r->in_pos >= 3 &&
		    !memcmp(r->in + r->in_pos, "\xEF\xBB\xBF", 3)) {
			next_byte(r);
			next_byte(r);
			next_byte(r);
		}
	}
again:
	buf_reset(&r->rec);
	r->nfields = 0;
	r->line = r->next_line;
	c = next_byte(r);
	if (c < 0)
		return ferror(r->fp) ? fail(r, r->line, "read error") : 0;
	if (c == '\n' || c == '\r') {
		/* blank line */
		if (c == '\r' && peek_byte(r) == '\n')
			next_byte(r);
		r->next_line++;
		goto again;
	}
	start_field(r);
	for (;;) {
		size_t f = r->nfields - 1;
		int keep = !r->keep || (f < r->nkeep && r->keep[f]);

		if (c == '"') {
			/* quoted field */
			size_t qline = r->next_line;
			for (;;) {
				take_run(r, stop_quoted, keep);
				if (r->rec.overflow)
					return fail(r, r->line, "record is longer than 1 MiB");
				c = next_byte(r);
				if (c < 0)
					return fail(r, qline, "quoted field is not closed before the end of the file");
				if (c == 0)
					return fail(r, r->next_line, "NUL byte in field");
				if (c == '"') {
					if (peek_byte(r) == '"') {
						next_byte(r);
						if (keep)
							rec_addch(r, '"');
						continue;
					}
					break;
				}
				if (c == '\n')
					r->next_line++;
				else if (c == '\r' && peek_byte(r) != '\n')
					r->next_line++;
				if (keep)
					rec_addch(r, (char)c);
			}
			c = next_byte(r);
			if (c >= 0 && c != ',' && c != '\n' && c != '\r')
				return fail(r, r->next_line, "unexpected character after a closing quote");
		} else {
			while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
				if (c == '"')
					return fail(r, r->next_line, "quote inside an unquoted field");
				if (c == 0)
					return fail(r, r->next_line, "NUL byte in field");
				if (keep)
					rec_addch(r, (char)c);
				take_run(r, stop_plain, keep);
				if (r->rec.overflow)
					return fail(r, r->line, "record is longer than 1 MiB");
				c = next_byte(r);
			}
		}
		end_field(r);
		if (r->rec.overflow)
			return fail(r, r->line, "record is longer than 1 MiB");
		if (c == ',') {
			start_field(r);
			c = next_byte(r);
			continue;
		}
		if (c == '\r' && peek_byte(r) == '\n')
			next_byte(r);
		if (c >= 0)
			r->next_line++;
		return 1;
	}
}

void csv_add_field(struct buf *line, const char *s, int first)
{
	if (!first)
		buf_addch(line, ',');
	if (!s[strcspn(s, ",\"\r\n")]) {
		buf_adds(line, s);
		return;
	}
	buf_addch(line, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addch(line, '"');
		buf_addch(line, *s);
	}
	buf_addch(line, '"');
}

void csv_add_row(struct buf *line, const char *const *fields, size_t n)
{
	/* a lone empty field is quoted, or the reader would skip it as a blank line */
	if (n == 1 && (!fields[0] || !*fields[0]))
		buf_adds(line, "\"\"");
	else
		for (size_t i = 0; i < n; i++)
			csv_add_field(line, fields[i] ? fields[i] : "", i == 0);
	buf_addch(line, '\n');
}
