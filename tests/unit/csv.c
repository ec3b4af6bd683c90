/* csv.c: unit tests for the streaming CSV reader and writer (src/csv/csv.c) */
#include "test.h"
#include "../../src/csv/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * Read all of `len` bytes of `text` and describe what the reader saw, one
 * line per record: "LINE:[field][field]...", then "ERR message" if the
 * reader stopped on an error. Checks on the way that csv_field_len agrees
 * with strlen and that fields past the end read as "".
 */
static char *dumpk(const char *text, size_t len, const unsigned char *keep, size_t nkeep)
{
	struct csv_reader r;
	struct buf out = BUF_INIT;
	FILE *fp = fmemopen((void *)text, len, "rb");
	int rc;

	ck_assert_ptr_nonnull(fp);
	csv_open_stream(&r, fp, "mem");
	csv_keep_fields(&r, keep, nkeep);
	while ((rc = csv_read(&r)) == 1) {
		ck_assert_uint_ge(r.nfields, 1);
		buf_addf(&out, "%zu:", r.line);
		for (size_t i = 0; i < r.nfields; i++) {
			ck_assert_uint_eq(csv_field_len(&r, i), strlen(csv_field(&r, i)));
			buf_addf(&out, "[%s]", csv_field(&r, i));
		}
		ck_assert_str_eq(csv_field(&r, r.nfields), "");
		ck_assert_uint_eq(csv_field_len(&r, r.nfields), 0);
		buf_addch(&out, '\n');
	}
	if (rc < 0)
		buf_addf(&out, "ERR %s", r.err);
	else
		ck_assert_uint_eq(r.consumed, len);
	csv_release(&r);
	fclose(fp);
	return buf_detach(&out, NULL);
}

static char *dumpn(const char *text, size_t len)
{
	return dumpk(text, len, NULL, 0);
}

static char *dump(const char *text)
{
	return dumpn(text, strlen(text));
}

#define ck_assert_dump(text, want)                  \
	do {                                        \
		char *got_ = dump(text);            \
		ck_assert_str_eq(got_, want);       \
		free(got_);                         \
	} while (0)

#define ck_assert_dumpn(text, len, want)            \
	do {                                        \
		char *got_ = dumpn(text, len);      \
		ck_assert_str_eq(got_, want);       \
		free(got_);                         \
	} while (0)

/* a temporary file holding `len` bytes; the caller unlinks and frees the name */
static char *temp_file(const void *data, size_t len)
{
	const char *dir = getenv("TMPDIR");
	struct buf name = BUF_INIT;
	FILE *fp;
	int fd;

	buf_addf(&name, "%s/reach-csv-test-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(name.data);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return buf_detach(&name, NULL);
}

START_TEST(test_simple)
{
	ck_assert_dump("a,b,c\n1,2,3\n", "1:[a][b][c]\n2:[1][2][3]\n");
	ck_assert_dump("one\n", "1:[one]\n");
	ck_assert_dump("", "");
	ck_assert_dump("x,y\nlonger field, with space \n", "1:[x][y]\n2:[longer field][ with space ]\n");
	/* rows may have different numbers of fields: that is for the caller to judge */
	ck_assert_dump("a\nb,c\nd,e,f\n", "1:[a]\n2:[b][c]\n3:[d][e][f]\n");
	/* UTF-8 passes through */
	ck_assert_dump("\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9,\xe0\xa6\xac\xe0\xa6\xbe,\xf0\x9f\x98\x80\n",
		       "1:[\xd8\xb9\xd8\xa7\xd8\xa6\xd8\xb4\xd8\xa9][\xe0\xa6\xac\xe0\xa6\xbe][\xf0\x9f\x98\x80]\n");
}
END_TEST

START_TEST(test_quoted)
{
	ck_assert_dump("\"a,b\",c\n", "1:[a,b][c]\n");
	ck_assert_dump("\"he said \"\"hi\"\"\",x\n", "1:[he said \"hi\"][x]\n");
	ck_assert_dump("\"\"\"\"\n", "1:[\"]\n");
	ck_assert_dump("\"\",\"\"\n", "1:[][]\n");
	ck_assert_dump("\"\"\n", "1:[]\n");
	ck_assert_dump("\"plain\"\n", "1:[plain]\n");
	ck_assert_dump("a,\"\"\n", "1:[a][]\n");
	/* a quote that does not open the field is an error (below); one that does is fine */
	ck_assert_dump("x,\"y\",z\n", "1:[x][y][z]\n");
	/* embedded newlines; the record's line is where it starts */
	ck_assert_dump("h1,h2\n\"multi\nline\",b\nnext,row\n",
		       "1:[h1][h2]\n2:[multi\nline][b]\n4:[next][row]\n");
	ck_assert_dump("\"a\r\nb\r\nc\",d\r\ne,f\r\n", "1:[a\r\nb\r\nc][d]\n4:[e][f]\n");
	ck_assert_dump("\"a\rb\",c\rd\r", "1:[a\rb][c]\n3:[d]\n");
	ck_assert_dump("\"\n\n\n\"\nz\n", "1:[\n\n\n]\n5:[z]\n");
	/* several quoted fields with newlines in one record */
	ck_assert_dump("\"1\n2\",\"3\n4\",\"5\n6\"\nlast\n", "1:[1\n2][3\n4][5\n6]\n5:[last]\n");
	/* a quoted field at the end of the file without a newline */
	ck_assert_dump("a,\"b\nc\"", "1:[a][b\nc]\n");
}
END_TEST

START_TEST(test_line_endings)
{
	ck_assert_dump("a,b\r\nc,d\r\n", "1:[a][b]\n2:[c][d]\n");
	ck_assert_dump("a,b\rc,d\r", "1:[a][b]\n2:[c][d]\n");
	ck_assert_dump("a\nb\r\nc\rd", "1:[a]\n2:[b]\n3:[c]\n4:[d]\n");
	/* \n\r is two line ends, with a blank line between */
	ck_assert_dump("a\n\rb\n", "1:[a]\n3:[b]\n");
	ck_assert_dump("a,\r\n", "1:[a][]\n");
}
END_TEST

START_TEST(test_bom)
{
	ck_assert_dump("\xEF\xBB\xBFid,name\nF1,x\n", "1:[id][name]\n2:[F1][x]\n");
	ck_assert_dump("\xEF\xBB\xBF", "");
	ck_assert_dump("\xEF\xBB\xBF\n\na\n", "3:[a]\n");
	ck_assert_dump("\xEF\xBB\xBF\"q\"\n", "1:[q]\n");
	/* only at the start: later it is data */
	ck_assert_dump("a\n\xEF\xBB\xBF" "b\n", "1:[a]\n2:[\xEF\xBB\xBF" "b]\n");
	ck_assert_dump("a,\xEF\xBB\xBF" "b\n", "1:[a][\xEF\xBB\xBF" "b]\n");
	/* two marks: the second is data */
	ck_assert_dump("\xEF\xBB\xBF\xEF\xBB\xBF" "a\n", "1:[\xEF\xBB\xBF" "a]\n");
	/* text that merely starts with the byte EF is data (U+FF01, U+FEFF's neighbours) */
	ck_assert_dump("\xEF\xBC\x81,x\n", "1:[\xEF\xBC\x81][x]\n");
	ck_assert_dump("\xEF\xBB\xBE\n", "1:[\xEF\xBB\xBE]\n");
	ck_assert_dump("\xEF\xBB", "1:[\xEF\xBB]\n");
	ck_assert_dump("\xEF", "1:[\xEF]\n");
}
END_TEST

START_TEST(test_blank_lines)
{
	ck_assert_dump("\n\na\n\n\nb\n\n", "3:[a]\n6:[b]\n");
	ck_assert_dump("\r\n\r\na\r\n\r\nb\r\n", "3:[a]\n5:[b]\n");
	ck_assert_dump("\r\ra\r\rb", "3:[a]\n5:[b]\n");
	ck_assert_dump("\n\n\n", "");
	/* a line of spaces is not blank: it is one field */
	ck_assert_dump(" \n", "1:[ ]\n");
}
END_TEST

START_TEST(test_last_line)
{
	ck_assert_dump("a,b\nc,d", "1:[a][b]\n2:[c][d]\n");
	ck_assert_dump("a", "1:[a]\n");
	ck_assert_dump("a,", "1:[a][]\n");
	ck_assert_dump(",", "1:[][]\n");
}
END_TEST

START_TEST(test_empty_fields)
{
	ck_assert_dump("a,b,\n", "1:[a][b][]\n");
	ck_assert_dump(",,\n", "1:[][][]\n");
	ck_assert_dump(",a\n", "1:[][a]\n");
	ck_assert_dump("a,,b\n", "1:[a][][b]\n");
	ck_assert_dump(",\n,\n", "1:[][]\n2:[][]\n");
	ck_assert_dump("\"\",,\"\"\n", "1:[][][]\n");
}
END_TEST

START_TEST(test_field_access)
{
	struct csv_reader r;
	const char text[] = "alpha,,\"g\"\"h\"\n";
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "rb");

	csv_open_stream(&r, fp, "mem");
	ck_assert_int_eq(csv_read(&r), 1);
	ck_assert_uint_eq(r.nfields, 3);
	ck_assert_str_eq(csv_field(&r, 0), "alpha");
	ck_assert_uint_eq(csv_field_len(&r, 0), 5);
	ck_assert_str_eq(csv_field(&r, 1), "");
	ck_assert_uint_eq(csv_field_len(&r, 1), 0);
	ck_assert_str_eq(csv_field(&r, 2), "g\"h");
	ck_assert_uint_eq(csv_field_len(&r, 2), 3);
	ck_assert_str_eq(csv_field(&r, 3), "");
	ck_assert_str_eq(csv_field(&r, 1000), "");
	ck_assert_str_eq(csv_field(&r, SIZE_MAX), "");
	ck_assert_uint_eq(csv_field_len(&r, 3), 0);
	ck_assert_uint_eq(csv_field_len(&r, SIZE_MAX), 0);
	ck_assert_int_eq(csv_read(&r), 0);
	/* at the end, every call says so again */
	ck_assert_int_eq(csv_read(&r), 0);
	ck_assert_str_eq(csv_field(&r, 0), "");
	ck_assert_uint_eq(r.consumed, sizeof(text) - 1);
	csv_release(&r);
	fclose(fp);
}
END_TEST

START_TEST(test_errors)
{
	/* a quote inside an unquoted field */
	ck_assert_dump("ab\"c\n", "ERR line 1: quote inside an unquoted field");
	ck_assert_dump("ok\nx,ab\"c\n", "1:[ok]\nERR line 2: quote inside an unquoted field");
	ck_assert_dump("a, \"b\"\n", "ERR line 1: quote inside an unquoted field");
	/* text after a closing quote */
	ck_assert_dump("\"ab\"c\n", "ERR line 1: unexpected character after a closing quote");
	ck_assert_dump("\"ab\" ,c\n", "ERR line 1: unexpected character after a closing quote");
	ck_assert_dump("a\n\"x\ny\"z\n", "1:[a]\nERR line 3: unexpected character after a closing quote");
	/* an unterminated quote names the line where it started */
	ck_assert_dump("\"abc", "ERR line 1: quoted field is not closed before the end of the file");
	ck_assert_dump("a\nb\n\"c\nd\ne\n",
		       "1:[a]\n2:[b]\nERR line 3: quoted field is not closed before the end of the file");
	ck_assert_dump("a\r\nb,\"c\r\nd\r\n", "1:[a]\nERR line 2: quoted field is not closed before the end of the file");
	ck_assert_dump("\"", "ERR line 1: quoted field is not closed before the end of the file");
	ck_assert_dump("x,\"\"\"", "ERR line 1: quoted field is not closed before the end of the file");
	/* NUL bytes, quoted or not */
	ck_assert_dumpn("a\0b\n", 4, "ERR line 1: NUL byte in field");
	ck_assert_dumpn("ok\n\"a\0b\"\n", 9, "1:[ok]\nERR line 2: NUL byte in field");
	ck_assert_dumpn("\"a\nb\0\"\n", 7, "ERR line 2: NUL byte in field");
	ck_assert_dumpn("\0", 1, "ERR line 1: NUL byte in field");
	ck_assert_dumpn("a,\0", 3, "ERR line 1: NUL byte in field");
}
END_TEST

/* read one record from a memory block; return csv_read's result */
static int read_block(const char *p, size_t n, struct csv_reader *r, FILE **fp)
{
	*fp = fmemopen((void *)p, n, "rb");
	ck_assert_ptr_nonnull(*fp);
	csv_open_stream(r, *fp, "big");
	return csv_read(r);
}

START_TEST(test_record_limit)
{
	/* 8 MiB of input: a field, a quoted field and many empty fields past the limit */
	size_t big = 8u << 20;
	char *p = xmalloc(big + 16);
	struct csv_reader r;
	FILE *fp;

	/* one unquoted field that just fits: its bytes and the NUL */
	memset(p, 'x', big);
	p[CSV_MAX_RECORD - 1] = '\n';
	ck_assert_int_eq(read_block(p, CSV_MAX_RECORD, &r, &fp), 1);
	ck_assert_uint_eq(csv_field_len(&r, 0), CSV_MAX_RECORD - 1);
	ck_assert_int_eq(csv_read(&r), 0);
	csv_release(&r);
	fclose(fp);

	/* one byte more is an error */
	p[CSV_MAX_RECORD - 1] = 'x';
	p[CSV_MAX_RECORD] = '\n';
	ck_assert_int_eq(read_block(p, CSV_MAX_RECORD + 1, &r, &fp), -1);
	ck_assert_str_eq(r.err, "line 1: record is longer than 1 MiB");
	csv_release(&r);
	fclose(fp);

	/* a huge field: an error, memory stays near the limit, reading stops early */
	p[CSV_MAX_RECORD] = 'x';
	memcpy(p, "ok\n", 3);
	p[big - 1] = '\n';
	ck_assert_int_eq(read_block(p, big, &r, &fp), 1);
	ck_assert_str_eq(csv_field(&r, 0), "ok");
	ck_assert_int_eq(csv_read(&r), -1);
	ck_assert_str_eq(r.err, "line 2: record is longer than 1 MiB");
	ck_assert_uint_le(r.rec.alloc, 2 * (size_t)CSV_MAX_RECORD + 2);
	ck_assert_uint_le(r.consumed, 2 * (uint64_t)CSV_MAX_RECORD);
	csv_release(&r);
	fclose(fp);

	/* the same inside quotes, with newlines in it */
	p[0] = '"';
	for (size_t i = 1000; i < big; i += 1000)
		p[i] = '\n';
	p[big - 2] = '"';
	p[big - 1] = '\n';
	ck_assert_int_eq(read_block(p, big, &r, &fp), -1);
	ck_assert_str_eq(r.err, "line 1: record is longer than 1 MiB");
	ck_assert_uint_le(r.rec.alloc, 2 * (size_t)CSV_MAX_RECORD + 2);
	ck_assert_uint_le(r.consumed, 2 * (uint64_t)CSV_MAX_RECORD);
	csv_release(&r);
	fclose(fp);

	/* millions of empty fields: each costs a NUL, so the same limit holds */
	memset(p, ',', big);
	p[big - 1] = '\n';
	ck_assert_int_eq(read_block(p, big, &r, &fp), -1);
	ck_assert_str_eq(r.err, "line 1: record is longer than 1 MiB");
	ck_assert_uint_le(r.rec.alloc, 2 * (size_t)CSV_MAX_RECORD + 2);
	ck_assert_uint_le(r.off_alloc, 2 * (size_t)CSV_MAX_RECORD + 2);
	csv_release(&r);
	fclose(fp);

	/* a long file of normal records is fine, and the buffer stays small */
	for (size_t i = 0; i + 10 <= big; i += 10)
		memcpy(p + i, "abc,de,fg\n", 10);
	{
		size_t n = 0;
		int rc;

		*p = 'a';
		fp = fmemopen(p, big / 10 * 10, "rb");
		csv_open_stream(&r, fp, "big");
		while ((rc = csv_read(&r)) == 1)
			n++;
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(n, big / 10);
		ck_assert_uint_le(r.rec.alloc, 64);
		ck_assert_uint_eq(r.line, big / 10 + 1);
		csv_release(&r);
		fclose(fp);
	}
	free(p);
}
END_TEST

START_TEST(test_open_missing)
{
	struct csv_reader r;

	ck_assert_int_eq(csv_open(&r, "/nonexistent/dir/families.csv"), -1);
	ck_assert_ptr_nonnull(strstr(r.err, "cannot open '/nonexistent/dir/families.csv'"));
	ck_assert_ptr_nonnull(strstr(r.err, "No such file"));
	/* releasing a reader that failed to open is safe */
	csv_release(&r);
}
END_TEST

START_TEST(test_open_file)
{
	static const char text[] = "\xEF\xBB\xBFid,name\r\nF1,\"Smith, \"\"Jo\"\"\r\nline 2\"\r\n\r\nF2,\xd8\xb9\xd8\xa7";
	char *path = temp_file(text, sizeof(text) - 1);
	struct csv_reader r;

	ck_assert_int_eq(csv_open(&r, path), 0);
	ck_assert_uint_eq(r.size, sizeof(text) - 1);
	ck_assert_int_eq(csv_read(&r), 1);
	ck_assert_uint_eq(r.line, 1);
	ck_assert_str_eq(csv_field(&r, 0), "id");
	ck_assert_str_eq(csv_field(&r, 1), "name");
	ck_assert_int_eq(csv_read(&r), 1);
	ck_assert_uint_eq(r.line, 2);
	ck_assert_uint_eq(r.nfields, 2);
	ck_assert_str_eq(csv_field(&r, 1), "Smith, \"Jo\"\r\nline 2");
	ck_assert_int_eq(csv_read(&r), 1);
	ck_assert_uint_eq(r.line, 5);
	ck_assert_str_eq(csv_field(&r, 1), "\xd8\xb9\xd8\xa7");
	ck_assert_int_eq(csv_read(&r), 0);
	ck_assert_uint_eq(r.consumed, r.size);
	csv_release(&r);
	ck_assert_int_eq(unlink(path), 0);
	free(path);
}
END_TEST

START_TEST(test_open_empty_file)
{
	char *path = temp_file("", 0);
	struct csv_reader r;

	ck_assert_int_eq(csv_open(&r, path), 0);
	ck_assert_uint_eq(r.size, 0);
	ck_assert_int_eq(csv_read(&r), 0);
	csv_release(&r);
	unlink(path);
	free(path);
}
END_TEST

START_TEST(test_writer_quoting)
{
	struct buf b = BUF_INIT;

	csv_add_field(&b, "plain", 1);
	csv_add_field(&b, "with space", 0);
	csv_add_field(&b, "", 0);
	csv_add_field(&b, "a,b", 0);
	csv_add_field(&b, "say \"hi\"", 0);
	csv_add_field(&b, "two\nlines", 0);
	csv_add_field(&b, "cr\rhere", 0);
	csv_add_field(&b, "crlf\r\n", 0);
	csv_add_field(&b, "\"", 0);
	csv_add_field(&b, "\xd8\xb9\xd8\xa7", 0);
	ck_assert_str_eq(b.data, "plain,with space,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
			 "\"cr\rhere\",\"crlf\r\n\",\"\"\"\",\xd8\xb9\xd8\xa7");

	buf_reset(&b);
	{
		const char *row[] = { "F1", NULL, "x,y" };
		csv_add_row(&b, row, 3);
	}
	ck_assert_str_eq(b.data, "F1,,\"x,y\"\n");

	/* a row of one empty field must not read back as a blank line */
	buf_reset(&b);
	{
		const char *one[] = { "" };
		const char *none[] = { NULL };
		const char *two[] = { "", "" };
		csv_add_row(&b, one, 1);
		csv_add_row(&b, none, 1);
		csv_add_row(&b, two, 2);
	}
	ck_assert_str_eq(b.data, "\"\"\n\"\"\n,\n");
	{
		char *got = dump(b.data);
		ck_assert_str_eq(got, "1:[]\n2:[]\n3:[][]\n");
		free(got);
	}
	buf_release(&b);
}
END_TEST

/* a small fixed-seed PRNG (xorshift64*), so failures repeat */
static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

/* a random field of pieces that stress the quoting rules */
static void random_field(struct buf *f)
{
	static const char *const pieces[] = {
		"a", "Z", "7", " ", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\t", "'",
		"\xd8\xb9", "\xe0\xa6\xac", "\xf0\x9f\x98\x80", "\xc3\xa9", "\xEF\xBB\xBF",
		"=1+2", "Smith", "O'Neil", "-", "\\",
	};
	size_t n = rng() % 8;

	buf_reset(f);
	if (rng() % 6 == 0)
		return; /* empty */
	if (rng() % 50 == 0)
		n = 200 + rng() % 3000; /* long ones too */
	for (size_t i = 0; i < n; i++)
		buf_adds(f, pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))]);
}

START_TEST(test_round_trip)
{
	enum { ROWS = 3000, MAX_FIELDS = 9 };
	struct buf text = BUF_INIT;
	struct buf *cells = xcalloc(ROWS * MAX_FIELDS, sizeof(*cells));
	size_t *nf = xcalloc(ROWS, sizeof(*nf));
	size_t *lines = xcalloc(ROWS, sizeof(*lines));
	size_t line = 1;
	struct csv_reader r;
	FILE *fp;
	char *path;
	int pass;

	for (size_t i = 0; i < ROWS * MAX_FIELDS; i++)
		buf_init(&cells[i], 0);
	rng_state = 0x9E3779B97F4A7C15ULL;
	for (size_t i = 0; i < ROWS; i++) {
		const char *row[MAX_FIELDS];

		nf[i] = 1 + rng() % MAX_FIELDS;
		for (size_t j = 0; j < nf[i]; j++) {
			struct buf *c = &cells[i * MAX_FIELDS + j];
			/* no byte-order mark at the very start of the file */
			do
				random_field(c);
			while (i == 0 && j == 0 && !strncmp(c->data, "\xEF\xBB\xBF", 3));
			row[j] = c->data;
		}
		lines[i] = line;
		{
			size_t start = text.len;
			csv_add_row(&text, row, nf[i]);
			/* count the physical lines this record takes: \n, \r\n and \r each end one */
			for (size_t k = start; k < text.len; k++)
				if (text.data[k] == '\n' ||
				    (text.data[k] == '\r' && text.data[k + 1] != '\n'))
					line++;
		}
		/* vary line endings between records: the writer uses \n */
		if (rng() % 4 == 0) {
			buf_setlen(&text, text.len - 1);
			buf_adds(&text, rng() % 2 ? "\r\n" : "\r");
		}
	}
	/* more than a few read-ahead blocks, so records straddle block edges */
	ck_assert_uint_gt(text.len, 4 * 65536);

	/* pass 0 reads from memory, pass 1 from a file */
	path = temp_file(text.data, text.len);
	for (pass = 0; pass < 2; pass++) {
		size_t i = 0;
		int rc;

		if (pass == 0) {
			fp = fmemopen(text.data, text.len, "rb");
			csv_open_stream(&r, fp, "mem");
		} else {
			fp = NULL;
			ck_assert_int_eq(csv_open(&r, path), 0);
		}
		while ((rc = csv_read(&r)) == 1) {
			ck_assert_uint_lt(i, ROWS);
			ck_assert_uint_eq(r.nfields, nf[i]);
			ck_assert_uint_eq(r.line, lines[i]);
			for (size_t j = 0; j < nf[i]; j++) {
				const struct buf *c = &cells[i * MAX_FIELDS + j];

				ck_assert_uint_eq(csv_field_len(&r, j), c->len);
				if (memcmp(csv_field(&r, j), c->data, c->len))
					ck_abort_msg("row %zu field %zu differs", i, j);
			}
			i++;
		}
		ck_assert_msg(rc == 0, "pass %d: %s", pass, r.err);
		ck_assert_uint_eq(i, ROWS);
		ck_assert_uint_eq(r.consumed, text.len);
		csv_release(&r);
		if (fp)
			fclose(fp);
	}
	unlink(path);
	free(path);
	for (size_t i = 0; i < ROWS * MAX_FIELDS; i++)
		buf_release(&cells[i]);
	free(cells);
	free(nf);
	free(lines);
	buf_release(&text);
}
END_TEST

START_TEST(test_block_edges)
{
	/*
	 * Put a \r\n, a doubled quote and a closing quote at every position
	 * around the 64 KiB read-ahead edge.
	 */
	static const char *const tails[] = { "\r\n", "\"\"", "\",x\n", "\r" };

	for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
		for (size_t pad = 65530; pad < 65540; pad++) {
			struct buf in = BUF_INIT;
			char *got;
			size_t quoted = t == 1 || t == 2;

			if (quoted)
				buf_addch(&in, '"');
			while (in.len < pad)
				buf_addch(&in, 'p');
			buf_adds(&in, tails[t]);
			if (t == 1)
				buf_adds(&in, "\"\n");
			buf_adds(&in, "end\n");
			got = dumpn(in.data, in.len);
			switch (t) {
			case 0:
			case 3:
				ck_assert_uint_eq(strlen(got), 2 + (pad) + 3 + 8);
				ck_assert_str_eq(got + strlen(got) - 8, "2:[end]\n");
				break;
			case 1:
				ck_assert_str_eq(got + strlen(got) - 11, "\"]\n2:[end]\n");
				break;
			case 2:
				ck_assert_str_eq(got + strlen(got) - 14, "p][x]\n2:[end]\n");
				break;
			}
			free(got);
			buf_release(&in);
		}
	}
}
END_TEST

/* reading only some fields: the others are parsed, counted and read as "" */
#define ck_assert_dumpk(text, keep, want)                                      \
	do {                                                                   \
		char *got_ = dumpk(text, strlen(text), keep, sizeof(keep));    \
		ck_assert_str_eq(got_, want);                                  \
		free(got_);                                                    \
	} while (0)

START_TEST(test_keep_fields)
{
	static const unsigned char mid[] = { 0, 1, 0 };
	static const unsigned char last[] = { 0, 0, 1 };
	static const unsigned char first[] = { 1 };
	struct buf in = BUF_INIT, want = BUF_INIT;
	char *got;

	ck_assert_dumpk("a,b,c\n1,2,3\n", mid, "1:[][b][]\n2:[][2][]\n");
	/* fields past the mask are not copied */
	ck_assert_dumpk("a,b,c\n", first, "1:[a][][]\n");
	/* a skipped quoted field still spans lines, and its quotes still pair */
	ck_assert_dumpk("\"x\ny\",\"q\"\"\",z\nw,v,u\r\n", last, "1:[][][z]\n3:[][][u]\n");
	ck_assert_dumpk("\"1,2\",\"3\",\"4\"\"5\"\n", mid, "1:[][3][]\n");
	/* bad CSV in a skipped field is still bad */
	ck_assert_dumpk("a,b\"c,d\n", first, "ERR line 1: quote inside an unquoted field");
	ck_assert_dumpk("a,\"b\"c\n", first, "ERR line 1: unexpected character after a closing quote");
	ck_assert_dumpk("a,\"b\n", first, "ERR line 1: quoted field is not closed before the end of the file");
	/* records across many blocks: the kept field of each, on its own line */
	for (int i = 0; i < 20000; i++) {
		buf_addf(&in, "r%d,\"long, quoted \"\"%d\"\"\n text\",%d\n", i, i, i * 7);
		buf_addf(&want, "%d:[][][%d]\n", 2 * i + 1, i * 7);
	}
	got = dumpk(in.data, in.len, last, sizeof(last));
	ck_assert_str_eq(got, want.data);
	free(got);
	buf_reset(&want);
	for (int i = 0; i < 20000; i++)
		buf_addf(&want, "%d:[][long, quoted \"%d\"\n text][]\n", 2 * i + 1, i);
	got = dumpk(in.data, in.len, mid, sizeof(mid));
	ck_assert_str_eq(got, want.data);
	free(got);
	buf_release(&in);
	buf_release(&want);
}
END_TEST

/*
 * Random text of commas, quotes, line ends and letters, read whole and read
 * keeping every other field: the same records, lines, errors and bytes
 * consumed, and the kept fields equal.
 */
START_TEST(test_keep_fields_random)
{
	static const unsigned char odd[] = { 0, 1, 0, 1, 0, 1, 0, 1 };
	static const char alphabet[] = "ab,,\"\"\n\r";
	uint64_t seed = 12345;

	for (int round = 0; round < 3000; round++) {
		char text[300];
		size_t len = 1 + round % (sizeof(text) - 1);
		struct csv_reader a, b;
		FILE *fa, *fb;
		int ra, rb;

		for (size_t i = 0; i < len; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			text[i] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
		}
		fa = fmemopen(text, len, "rb");
		fb = fmemopen(text, len, "rb");
		csv_open_stream(&a, fa, "a");
		csv_open_stream(&b, fb, "b");
		csv_keep_fields(&b, odd, sizeof(odd));
		do {
			ra = csv_read(&a);
			rb = csv_read(&b);
			ck_assert_int_eq(ra, rb);
			if (ra < 0)
				ck_assert_str_eq(a.err, b.err);
			if (ra != 1)
				break;
			ck_assert_uint_eq(a.nfields, b.nfields);
			ck_assert_uint_eq(a.line, b.line);
			for (size_t f = 0; f < a.nfields; f++)
				ck_assert_str_eq(f < sizeof(odd) && odd[f] ? csv_field(&a, f) : "",
						 csv_field(&b, f));
		} while (1);
		ck_assert_uint_eq(a.consumed, b.consumed);
		csv_release(&a);
		csv_release(&b);
		fclose(fa);
		fclose(fb);
	}
}
END_TEST

static Suite *csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("reader");
	TCase *tw = tcase_create("writer");

	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_quoted);
	tcase_add_test(tc, test_line_endings);
	tcase_add_test(tc, test_bom);
	tcase_add_test(tc, test_blank_lines);
	tcase_add_test(tc, test_last_line);
	tcase_add_test(tc, test_empty_fields);
	tcase_add_test(tc, test_field_access);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_record_limit);
	tcase_add_test(tc, test_open_missing);
	tcase_add_test(tc, test_open_file);
	tcase_add_test(tc, test_open_empty_file);
	tcase_add_test(tc, test_block_edges);
	tcase_add_test(tc, test_keep_fields);
	tcase_add_test(tc, test_keep_fields_random);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	tcase_add_test(tw, test_writer_quoting);
	tcase_add_test(tw, test_round_trip);
	tcase_set_timeout(tw, 120);
	suite_add_tcase(s, tw);
	return s;
}

TEST_MAIN(csv_suite)
