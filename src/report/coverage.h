/* coverage.h: which wards and LSOAs the centres' reach areas cover
 *
 * Per ward (from lsoas): its LSOAs, those in any reach area, its under-5
 * population and the part of it inside reach areas (population x the
 * LSOA's shares over every centre, at most 1), and whether it is wholly,
 * partly or not covered. Per LSOA: the centres whose reach areas hold it,
 * with their shares, so the LSOAs in no reach area and those in two or
 * more can be listed. The CLI (`reach report coverage`) and data packs
 * format the same struct coverage.
 */
#ifndef REACH_COVERAGE_H
#define REACH_COVERAGE_H

#include <stddef.h>
#include <stdint.h>
#include "../store/db.h"
#include "../util/buf.h"

enum coverage_status {
	COVERAGE_NOT,    /* no LSOA of the ward is in a reach area */
	COVERAGE_PARTLY, /* some are, or some only in part */
	COVERAGE_WHOLLY, /* every LSOA, each to a total share of 1 */
};

struct coverage_lsoa {
	char *code;                /* LSOA code */
	char *name;                /* its name ("" if none) */
	size_t ward;               /* index in coverage.wards */
	int has_population;        /* a population row for the year */
	int64_t population;        /* under-5s */
	int64_t population_covered;/* population x min(1, share), rounded half up */
	int64_t share;             /* sum of the centres' shares, millionths (not capped) */
	size_t ncentres;           /* reach areas holding it */
	char **centres;            /* their centre codes, in code order */
	int32_t *shares;           /* each one's share, millionths */
};

struct coverage_ward {
	char *code;                /* ward code */
	char *name;                /* ward name ("" if none) */
	size_t lsoas;              /* LSOAs of the ward */
	size_t lsoas_covered;      /* of them in any reach area */
	int has_population;        /* a population row for the year for one of them */
	int64_t population;        /* under-5s */
	int64_t population_covered;/* inside reach areas, rounded once, half up */
	enum coverage_status status;
};

struct coverage {
	int year;                      /* population year */
	struct coverage_ward *wards;   /* in code order */
	size_t nwards;
	struct coverage_lsoa *lsoas;   /* every LSOA, in code order */
	size_t nlsoas;
	int best_fit;                  /* some reach area holds part of an LSOA */
};

/* compute for population year `year`; 0, or -1 on a store failure (printed) */
int coverage_compute(struct db *db, int year, struct coverage *out);
void coverage_release(struct coverage *c);
/* the latest year of population, or `dflt` if there is none */
int coverage_latest_year(struct db *db, int dflt);

const char *coverage_status_name(enum coverage_status s);
/* an LSOA's centres as "CC01 1;CC03 0.25" into out (appended); words:
 * "CC01 whole" for a whole LSOA */
void coverage_centres_text(const struct coverage_lsoa *l, int words, struct buf *out);

/* `reach report coverage` in its three formats */
void coverage_write_csv(const struct coverage *c, struct buf *out);
void coverage_write_json(const struct coverage *c, struct buf *out);
void coverage_write_table(const struct coverage *c, struct buf *out);

#endif
