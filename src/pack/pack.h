/* pack.h: quarterly data packs: the figures of one area's pack, then PDF and XLSX from them
 *
 * A pack is made in two steps, so every format shows the same numbers:
 *
 *   1. pack_basis_compute() reads the store once for a period: the reach
 *      report (reach_compute) by LA, cluster, centre and LSOA, the LSOAs'
 *      deprivation and under-5 population, the registered children's
 *      ethnicity and languages per LSOA, and data quality per registering
 *      centre. `reach pack --all` computes it once for every pack.
 *   2. pack_build() takes one area (a centre, a cluster or the LA) and
 *      fills a struct pack: plain numbers and owned strings, nothing that
 *      refers back to the store. Reach figures are copied from the reach
 *      report's rows, never counted again; deprivation figures are sums of
 *      its LSOA rows; new families and families not seen come from
 *      engagement.h.
 *
 * pack_write_pdf() and pack_write_xlsx() only format a struct pack. The
 * later parts of issue 4 add to struct pack (indicators, trends,
 * coverage, best-fit) and to the writers; --publish suppression will be a
 * pass over a built struct pack, before any writer sees it.
 *
 * Residence and registration: reach, demographics and deprivation count
 * children living in the area's LSOAs (the reach definitions). New
 * families, families not seen and data quality follow the registering
 * centre (families.centre_id), since a family with no known postcode has
 * no LSOA; for the LA they cover every family. Each table says which.
 */
#ifndef REACH_PACK_H
#define REACH_PACK_H

#include <stddef.h>
#include <stdint.h>
#include "../report/reach.h"
#include "../report/engagement.h"
#include "../store/db.h"

/* main DfE ethnicity codes (WBRI ... NOBT), then "not recorded" */
#define PACK_ETHNIC_GROUPS 21
#define PACK_TOP_LANGUAGES 10
#define PACK_UNSEEN_MONTHS 6

/* one figure of the reach report, without its area */
struct pack_reach {
	int has_population;  /* population known (group all) */
	int64_t population;  /* under-5s living in the area */
	int64_t registered;  /* registered by TO */
	int64_t engaged;     /* attended in the period */
	int64_t sustained;   /* attended >= the sustained number of sessions */
};

/* a labelled count (ethnicity, a language, an IDACI band) */
struct pack_count {
	char *code;      /* code ("WBRI", "en", "1") */
	char *label;     /* readable ("White British", "English", "Decile 1") */
	int64_t count;   /* children */
};

/* reach of a set of LSOAs (a decile, the most deprived 20%) */
struct pack_band {
	char *label;            /* "Decile 1 (most deprived)", "Most deprived 20%" */
	int64_t lsoas;          /* LSOAs in the band */
	struct pack_reach all;  /* sums of the LSOA rows (group all) */
};

/* a bar of the "registered %" chart */
struct pack_bar {
	char *label;    /* area code and name */
	double value;   /* registered %, one decimal */
	int highlight;  /* this pack's own area */
};

struct pack_quality {
	int64_t children;          /* children (any age) of the families counted */
	int64_t children_no_dob;   /* with no date of birth */
	int64_t children_no_eth;   /* with no ethnicity recorded */
	int64_t families;          /* families counted */
	int64_t families_no_pc;    /* with no postcode */
	int64_t families_unknown_pc; /* postcode not in the postcodes table */
};

struct pack {
	enum area_type type;     /* AREA_LA, AREA_CLUSTER or AREA_CENTRE */
	char *code;              /* area code (cluster: its name) */
	char *name;              /* area name */
	int32_t from, to;        /* the period, inclusive */
	int32_t made;            /* the day the pack was made */
	int sustained_sessions;  /* sessions that make engagement sustained */
	char *sources;           /* the "data sources" line */

	struct pack_reach reach[GROUP_COUNT]; /* by reach_group */

	/* registered % of the areas inside (a centre's LSOAs, a cluster's
	 * centres, the LA's clusters), then this area, highlighted */
	struct pack_bar *bars;
	size_t nbars;
	const char *bars_of;     /* "LSOA", "centre", "cluster" */

	int64_t age_pop[5];      /* population by year of age, year of TO */
	int has_age_pop;         /* any population row for the year */
	int64_t children;        /* registered under-5s living in the area */
	struct pack_count ethnic[PACK_ETHNIC_GROUPS]; /* fixed order */
	struct pack_count *languages; /* the top PACK_TOP_LANGUAGES, then "other" */
	size_t nlanguages;
	int64_t no_language;     /* children whose family has no language recorded */

	struct pack_band deciles[11]; /* IDACI deciles 1-10, then "no decile" */
	struct pack_band bands[3];    /* most deprived 20%, 30%, the rest (deciles 4-10 and none) */

	struct month_count *months;   /* new families each month (registering centre) */
	size_t nmonths;
	int64_t unseen;               /* registered families not seen for 6 months, on TO */

	struct pack_quality quality;  /* by registering centre */
};

struct pack_basis;  /* what every pack of one period is built from */

/* read the store for the period (opts as for reach_compute; `by` is
 * ignored). NULL and a printed message on a store failure. */
struct pack_basis *pack_basis_compute(struct db *db, const struct reach_opts *o);
void pack_basis_free(struct pack_basis *b);

/* the areas a basis knows: every centre code, every cluster name */
size_t pack_basis_areas(const struct pack_basis *b, enum area_type type, const char ***codes);

/*
 * Build the pack of one area: `code` is a centre code, a cluster name or
 * (for AREA_LA) ignored. Returns 0, 1 if there is no such area (message
 * printed), -1 on a store failure (printed).
 */
int pack_build(struct db *db, const struct pack_basis *b, enum area_type type, const char *code,
	       int32_t made, struct pack *out);
void pack_release(struct pack *p);

/* the readable word of a percentage "66.7%" or "" with no denominator */
void pack_pct(char out[32], int64_t count, int64_t of);

/* write the pack; 0, or -1 with a message printed */
int pack_write_pdf(const struct pack *p, const char *path);
int pack_write_xlsx(const struct pack *p, const char *path);
/* free the font caches PDF writing built (pango, cairo, fontconfig), at
 * exit, so a leak checker sees only real leaks; writing again rebuilds them */
void pack_pdf_shutdown(void);

#endif
