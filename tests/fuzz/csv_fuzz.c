/* csv_fuzz.c: libFuzzer target for the CSV reader and writer (see README.md) */
#include "../../src/csv/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* stop at the first broken invariant, with a message libFuzzer keeps */
#define CHECK(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "csv_fuzz: %s:%d: invariant '%s' broken\n", \
				__FILE__, __LINE__, #cond);                      \
			abort();                                                 \
		}                                                                \
	} while (0)

/* check one record and append it, re-encoded, to `out` */
static void check_record(struct csv_reader *r, struct buf *out, size_t *prev_line)
{
	const char **fields;
	size_t total = 0;

	CHECK(r->nfields >= 1);
	CHECK(r->line >= 1 && r->line >= *prev_line && r->line < r->next_line + 1);
	*prev_line = r->line;
	CHECK(!strcmp(csv_field(r, r->nfields), ""));
	CHECK(csv_field_len(r, r->nfields) == 0);
	fields = malloc(r->nfields * sizeof(*fields));
	CHECK(fields != NULL);
	for (size_t i = 0; i < r->nfields; i++) {
		const char *f = csv_field(r, i);
		size_t n = csv_field_len(r, i);

		CHECK(n == strlen(f));
		total += n + 1;
		fields[i] = f;
	}
	CHECK(total == r->rec.len);
	CHECK(total <= CSV_MAX_RECORD);
	csv_add_row(out, fields, r->nfields);
	free(fields);
}

/*
 * Read every record. Returns the number read, with *status the last
 * csv_read() result (0 or -1).
 */
static size_t read_all(const uint8_t *data, size_t size, struct buf *out, int *status,
		       struct buf *flat)
{
	struct csv_reader r;
	FILE *fp;
	size_t nrec = 0, prev_line = 1;
	int rc;

	*status = 0;
	fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return 0;
	csv_open_stream(&r, fp, "fuzz");
	while ((rc = csv_read(&r)) == 1) {
		nrec++;
		if (out)
			check_record(&r, out, &prev_line);
		if (flat) {
			/* every field, length-prefixed, for comparing two parses */
			for (size_t i = 0; i < r.nfields; i++) {
				buf_addf(flat, "%zu:", csv_field_len(&r, i));
				buf_add(flat, csv_field(&r, i), csv_field_len(&r, i));
			}
			buf_addch(flat, '\n');
		}
	}
	if (rc < 0)
		CHECK(r.err[0] != '\0' && !strncmp(r.err, "line ", 5));
	*status = rc;
	csv_release(&r);
	fclose(fp);
	return nrec;
}

/* the re-encoded text opens with a byte-order mark, quoted or not */
static int bom_first(const struct buf *b)
{
	const char *p = b->data[0] == '"' ? b->data + 1 : b->data;

	return !strncmp(p, "\xEF\xBB\xBF", 3);
}

/*
 * The first input byte picks a mode. Usually the rest is the file. When
 * its low four bits are all set, the rest follows a padding record that
 * ends just before the reader's 64 KiB block edge (the high four bits say
 * how near), so short inputs still test records, quotes and line ends that
 * straddle two blocks. That mode is slow (64 KiB a run), hence rare.
 */
#define EDGE 65536

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT, flat1 = BUF_INIT, flat2 = BUF_INIT;
	uint8_t *padded = NULL;
	int status, status2;
	size_t n1, n2;

	if (!size)
		return 0;
	if ((data[0] & 15) == 15) {
		size_t pad = EDGE - 1 - (size_t)(data[0] >> 4);

		padded = malloc(pad + size);
		CHECK(padded != NULL);
		memset(padded, 'p', pad - 1);
		padded[pad - 1] = '\n';
		memcpy(padded + pad, data + 1, size - 1);
		data = padded;
		size = pad + size - 1;
	} else {
		data++;
		size--;
	}
	if (!size)
		goto out;
	n1 = read_all(data, size, &out, &status, &flat1);
	/*
	 * What was read, written back with the writer, reads back the same:
	 * the writer quotes whatever needs it. Only when the whole input
	 * parsed, and not when the first field begins with a byte-order mark
	 * (the reader drops one at the start of a file, by design).
	 */
	if (status == 0 && out.len && !bom_first(&out)) {
		n2 = read_all((const uint8_t *)out.data, out.len, NULL, &status2, &flat2);
		CHECK(status2 == 0);
		CHECK(n2 == n1);
		CHECK(flat1.len == flat2.len && !memcmp(flat1.data, flat2.data, flat1.len));
	}
out:
	free(padded);
	buf_release(&out);
	buf_release(&flat1);
	buf_release(&flat2);
	return 0;
}
