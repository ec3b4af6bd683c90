/* demo.h: a seeded, synthetic local authority written as interchange CSV files */
#ifndef REACH_DEMO_H
#define REACH_DEMO_H

#include <stddef.h>
#include <stdint.h>
#include "../util/buf.h"

/*
 * The demo authority is one fictional inner-London-like borough,
 * "Riverside" (E09000099): wards, LSOAs with deprivation deciles,
 * postcodes, population estimates, children's centres in clusters with
 * reach areas, families and people from the borough's communities, two
 * years of session attendance, and a health service birth feed. The
 * geography grows with the number of children (about 90 registered
 * under-5s per LSOA, about 13 LSOAs per centre), so a large demo keeps the
 * shape of a small one.
 *
 * The data carries the faults real exports have: duplicate registrations
 * with spelling variants, missing dates of birth, families with no or an
 * unknown postcode, and register rows written twice.
 *
 * Everything comes from one seeded generator, so the same options give
 * byte-identical files; families are generated and written one at a
 * time, so memory does not grow with the number of children.
 */
struct demo_opts {
	uint64_t seed;     /* same seed + same options => byte-identical files */
	long children;     /* registered children under 5 at `end` (default 15000) */
	int32_t end;       /* last day of generated history (day number, see date.h) */
	int progress;      /* print a progress line on stderr (only when stderr is a terminal) */
	const char *truth; /* if set: write this file, `person_id,same_as` for every person
			    * (same_as: the person a duplicate registration is of, else
			    * the person's own id), to measure the duplicate check */
};

#define DEMO_MAX_CHILDREN 4000000L /* the fictional postcode districts hold no more */

/* defaults: seed 1, 15000 children, end = 2026-09-30, no progress */
void demo_opts_init(struct demo_opts *o);

/*
 * Write lsoas.csv postcodes.csv population.csv centres.csv reach_areas.csv
 * families.csv people.csv attendance.csv births.csv into `dir` (created if
 * missing, its parent must exist); 0 on success, -1 with the reason
 * printed via error(). Columns are those of the interchange contract.
 */
int demo_write(const struct demo_opts *o, const char *dir);

/*
 * Internal to src/demo: the communities of the borough and their names
 * (names.c). Name lists are UTF-8 and kept exactly.
 */
struct demo_names {
	const char *const *v; /* the names */
	size_t n;             /* how many */
};

struct demo_community {
	const char *key;            /* short name, e.g. "bengali" */
	const char *ethnicity;      /* DfE code most families give (extended where one exists) */
	const char *alt_ethnicity;  /* a code some families give instead (WROM, WIRT), or NULL */
	int alt_pct;                /* percent of families giving alt_ethnicity */
	const char *lang;           /* home language, ISO 639-1 */
	const char *lang_extra;     /* a further language some families speak, or NULL */
	int extra_pct;              /* percent of families speaking lang_extra */
	struct demo_names girl;     /* children's first names */
	struct demo_names boy;
	struct demo_names woman;    /* adults' first names */
	struct demo_names man;
	struct demo_names surname;  /* family names (masculine form where it matters) */
	struct demo_names script_female; /* names in the community's own script, or empty */
	struct demo_names script_male;
	struct demo_names script_surname;
	int script_pct;             /* percent of families recorded in that script */
	int weight;                 /* families per 1000 in an average LSOA */
	int tilt;                   /* 1: more in deprived LSOAs, -1: more in affluent, 0: neither */
	int lone_pct;               /* lone-parent rate relative to the average, in percent */
	int own_surname_pct;        /* percent of mothers with a surname of their own */
	int gendered_surnames;      /* surnames take a feminine form (-ski => -ska) */
	int title_surnames;         /* mothers are often recorded as Begum/Khatun */
};

extern const struct demo_community demo_communities[];
extern const size_t demo_ncommunities;

/* the feminine form of a surname ("Kowalski" => "Kowalska"), appended to out */
void demo_surname_feminine(const char *surname, struct buf *out);
/*
 * A spelling variant of `name` as a second clerk might type it
 * (Mohammed => Muhammad, Begum => Begom, Łukasz => Lukasz, Hannah => Hana),
 * appended to out; `pick` chooses among several. Returns 0, or -1 (out
 * unchanged) when the name has no variant.
 */
int demo_name_variant(const char *name, unsigned pick, struct buf *out);

#endif
