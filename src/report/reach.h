/* reach.h: the reach report (registration and engagement of under-5s by
 * area and target group), exactly as defined in the interchange contract
 *
 * This is a library computation: the CLI, the web pages and the data packs
 * all call reach_compute() and format its rows, so every output shows the
 * same numbers.
 */
#ifndef REACH_REACH_H
#define REACH_REACH_H

#include <stddef.h>
#include <stdint.h>
#include "../store/db.h"
#include "../util/buf.h"

/* a whole LSOA in millionths: best-fit reach areas hold less (reach_area_shares) */
#define SHARE_WHOLE 1000000

enum area_type {
	AREA_LA,
	AREA_CLUSTER,
	AREA_CENTRE,
	AREA_LSOA,
	AREA_UNKNOWN, /* children of no known LSOA */
};

enum reach_group {
	GROUP_ALL,
	GROUP_TEENAGE_MOTHER,
	GROUP_LONE_PARENT,
	GROUP_WORKLESS,
	GROUP_MINORITY_ETHNIC,
	GROUP_DISABLED_CHILD,
	GROUP_DISABLED_PARENT,
	GROUP_FATHERS,
	GROUP_COUNT
};

struct reach_opts {
	int32_t from;        /* first day of the period (day number) */
	int32_t to;          /* last day, inclusive */
	enum area_type by;   /* la, cluster, centre or lsoa */
	int sustained;       /* sessions that make engagement sustained (3) */
};

struct reach_row {
	enum area_type type;    /* area type */
	const char *code;       /* area code ("" for unknown) */
	const char *name;       /* area name, for readable output ("" if none) */
	enum reach_group group; /* which children (or fathers) */
	int has_population;     /* population known (all rows only) */
	int64_t population;     /* under-5s living in the area */
	int64_t registered;     /* registered by TO */
	int64_t engaged;        /* registered and attended in the period */
	int64_t sustained;      /* registered and attended >= N sessions */
	int best_fit;           /* the area counts parts of LSOAs (figures apportioned by share) */
};

struct reach_report {
	struct reach_opts opts;  /* what was asked */
	struct reach_row *rows;  /* areas in code order, GROUP_COUNT rows each, unknown last */
	size_t nrows;            /* rows used */
	size_t alloc;            /* rows allocated */
	char **strings;          /* owned area codes and names */
	size_t nstrings;         /* strings used */
	size_t strings_alloc;    /* strings allocated */
	int best_fit;            /* some row is best_fit */
};

void reach_opts_init(struct reach_opts *o);
/* compute the report; 0 on success, -1 on a store failure (printed) */
int reach_compute(struct db *db, const struct reach_opts *o, struct reach_report *out);

/*
 * The same in two steps, for a server that answers many questions from
 * one read of the store: reach_data_load() reads everything a report
 * needs, with the attendance of days from..to (DATE_MIN_DAY..DATE_MAX_DAY
 * for all); reach_compute_data() answers any period inside that, in
 * memory. The data is read-only once loaded, so threads may share it.
 */
struct reach_data;
int reach_data_load(struct db *db, int32_t from, int32_t to, struct reach_data **out);
void reach_data_free(struct reach_data **d);
int reach_compute_data(const struct reach_data *d, const struct reach_opts *o, struct reach_report *out);
void reach_report_release(struct reach_report *r);
/* a deep copy of src into dst (for caches) */
void reach_report_copy(struct reach_report *dst, const struct reach_report *src);

const char *area_type_name(enum area_type t);
/* parse "la", "cluster", "centre", "lsoa"; -1 if none */
int area_type_parse(const char *s, enum area_type *out);
const char *reach_group_name(enum reach_group g);

/* 100 * count / population in tenths, rounded half up (667 = 66.7%) */
int64_t reach_pct_tenths(int64_t count, int64_t population);
/* the same, rounded half up to a whole number */
int64_t reach_pct_whole(int64_t count, int64_t population);
/* the Ofsted word for a whole percentage ("a large majority") */
const char *ofsted_words(int64_t pct);

/* the note every output of best-fit figures carries */
#define REACH_BEST_FIT_NOTE "Best fit: where a reach area was drawn on a map rather than from LSOAs, " \
	"each LSOA counts by the share of its under-5s inside the area, so these figures are estimates."

/* the three output formats of `reach report reach`; a best-fit report
 * adds a best_fit column (CSV), field (JSON) or footnote (table) */
void reach_write_csv(const struct reach_report *r, struct buf *out);
void reach_write_json(const struct reach_report *r, struct buf *out);
void reach_write_table(const struct reach_report *r, struct buf *out);

/* shared by the report formats: a JSON string literal; the display width
 * of UTF-8 text (a column per code point); text padded to w columns */
void report_json_string(struct buf *out, const char *s);
size_t report_width(const char *s);
void report_pad(struct buf *out, const char *s, size_t w, int right);

#endif
