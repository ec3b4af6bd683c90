/* csv.h: streaming RFC 4180 reader and writer */
#ifndef REACH_CSV_H
#define REACH_CSV_H

#include <stdio.h>
#include <stdint.h>
#include "../util/buf.h"

/*
 * The reader holds one record at a time, so a file of any length is read
 * in constant memory; a record longer than CSV_MAX_RECORD bytes is an
 * error, not an allocation. A UTF-8 byte-order mark at the start is
 * skipped. Quoted fields may hold commas, quotes ("") and newlines. Line
 * endings may be \n, \r\n or \r. Blank lines are skipped.
 *
 * Fields are NUL-terminated and valid until the next csv_read().
 */
#define CSV_MAX_RECORD (1u << 20)

struct csv_reader {
	FILE *fp;           /* source */
	int own_fp;         /* close fp in csv_release() */
	char *path;         /* name for messages */
	char *in;           /* read-ahead block */
	size_t in_len;      /* bytes in the block */
	size_t in_pos;      /* next byte to consume */
	int eof;            /* fp is exhausted */
	int started;        /* BOM check done */
	uint64_t consumed;  /* bytes consumed, for progress */
	uint64_t size;      /* file size if known, else 0 */
	size_t line;        /* physical line the current record starts on */
	size_t next_line;   /* physical line the next record starts on */
	struct buf rec;     /* current record's fields, each NUL-terminated */
	size_t *off;        /* offset of each field in rec */
	size_t nfields;     /* fields in the current record */
	size_t off_alloc;   /* allocated entries of off */
	const unsigned char *keep; /* csv_keep_fields(): keep[i] != 0 to copy field i */
	size_t nkeep;       /* entries of keep; fields past it are not copied */
	char err[256];      /* last error, "line N: reason" */
};

/* 0 on success; -1 with a message in r->err if the file cannot be opened */
int csv_open(struct csv_reader *r, const char *path);
/* read from an open stream (not closed by csv_release) */
void csv_open_stream(struct csv_reader *r, FILE *fp, const char *name);
/*
 * Copy only the fields i < n with keep[i] != 0 from the next record on; the
 * others are still parsed (quotes, line breaks, errors) and counted in
 * nfields, but read as "". For wide files of which a few columns are used.
 * `keep` must outlive the reader's use of it; NULL keeps every field again.
 */
void csv_keep_fields(struct csv_reader *r, const unsigned char *keep, size_t n);
/* 1: a record was read; 0: end of file; -1: malformed (message in r->err) */
int csv_read(struct csv_reader *r);
void csv_release(struct csv_reader *r);

static inline const char *csv_field(const struct csv_reader *r, size_t i)
{
	return i < r->nfields ? r->rec.data + r->off[i] : "";
}

static inline size_t csv_field_len(const struct csv_reader *r, size_t i)
{
	if (i >= r->nfields)
		return 0;
	return (i + 1 < r->nfields ? r->off[i + 1] - 1 : r->rec.len - 1) - r->off[i];
}

/* append one field to a line being written, quoted only when it must be */
void csv_add_field(struct buf *line, const char *s, int first);
/* append fields and a \n */
void csv_add_row(struct buf *line, const char *const *fields, size_t n);

#endif
