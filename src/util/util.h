/* util.h: allocation that never fails, the error vocabulary, bounded number parsing */
#ifndef REACH_UTIL_H
#define REACH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
/* system headers come before banned.h, which must be last */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ATTR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define ATTR_NORETURN __attribute__((noreturn))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Out of memory aborts: these never return NULL, so callers do not check.
 */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* grow *p (of *alloc elements of size sz) so that it holds at least need elements */
void xgrow(void **p, size_t *alloc, size_t need, size_t sz);
#define XGROW(p, alloc, need) xgrow((void **)&(p), &(alloc), (need), sizeof(*(p)))

/*
 * Exit statuses of the program, also the status vocabulary of fallible
 * library calls: OK, bad input (the data was wrong), bad usage (the call
 * was wrong), and internal failure (disk, database).
 */
enum status {
	ST_OK = 0,
	ST_BAD_INPUT = 1,
	ST_USAGE = 2,
	ST_FAIL = 3,
};

/* print "reach: MSG" on stderr and return -1, for `return error(...)` */
int error(const char *fmt, ...) ATTR_PRINTF(1, 2);
void warning(const char *fmt, ...) ATTR_PRINTF(1, 2);
/* CLI only: print and exit with status */
void die(int status, const char *fmt, ...) ATTR_PRINTF(2, 3) ATTR_NORETURN;
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
void bug_at(const char *file, int line, const char *fmt, ...) ATTR_PRINTF(3, 4) ATTR_NORETURN;

/*
 * Bounded parsers: the whole string must be a number in [min, max].
 * Return 0 on success, -1 otherwise (leaving *out untouched).
 */
int parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
int parse_int(const char *s, int min, int max, int *out);
/* a decimal number such as 12, -3.5 or 0.25 (no exponent, no inf/nan) */
int parse_double(const char *s, double *out);
/*
 * A decimal such as 0.25, 1 or -0.5 with at most 6 decimals, as an exact
 * number of millionths (0.25 -> 250000). 0 on success; -1 not such a
 * number (or more than 12 whole digits); -2 more than 6 decimals.
 */
int parse_millionths(const char *s, int64_t *out);
/* millionths as the shortest decimal that reads back the same (250000 -> "0.25") */
void format_millionths(int64_t v, char out[32]);

/* remove the files of a folder (one level, as the demo writes) and the folder */
void remove_dir_files(const char *dir);

/* monotonic seconds, for progress and timings */
double now_seconds(void);

#include "banned.h"
#endif
