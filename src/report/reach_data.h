/* reach_data.h: what reach_data_load() reads, shared by the report and
 * the engagement lists that can be answered from the same read (private
 * to src/report) */
#ifndef REACH_REACH_DATA_H
#define REACH_REACH_DATA_H

#include "reach.h"
#include "../util/strmap.h"

struct family_facts {
	int32_t lsoa;          /* LSOA index, -1 unknown */
	int32_t first_registered; /* earliest registered_on of a member, DATE_NONE */
	int64_t centre_id;     /* registering centre, 0 if none */
	int32_t mother_dob;    /* latest date of birth of a mother, DATE_NONE */
	uint8_t lone_parent;   /* flag = y */
	uint8_t workless;      /* flag = y */
	uint8_t disabled_carer;/* a carer has disabled = y */
};

struct child {
	int64_t person;        /* people.id */
	int64_t family;        /* families.id */
	int32_t dob;           /* date of birth */
	int32_t registered_on; /* registration date */
	uint8_t minority;      /* minority ethnic */
	uint8_t disabled;      /* disabled = y */
};

struct father {
	int64_t person;        /* people.id */
	int64_t family;        /* families.id */
	int32_t registered_on; /* registration date */
};

/*
 * The areas of one type and, per LSOA, the areas containing it (CSR),
 * each with the share of the LSOA's under-5s it counts: SHARE_WHOLE, or
 * less for a best-fit reach area (a centre's share from reach_area_shares;
 * a cluster's is the sum of its centres' shares, at most whole).
 */
struct area_set {
	size_t n;              /* areas */
	char **codes;          /* area codes, in code order */
	char **names;          /* area names */
	uint8_t *best_fit;     /* per area: some LSOA counts less than whole */
	size_t *member_start;  /* per LSOA, start in member_area; nlsoas+1 */
	size_t *member_area;   /* area indexes */
	int32_t *member_share; /* the membership's share, in millionths */
};

struct pop_year {
	int year;              /* mid-year estimate */
	int64_t count;         /* under-5s */
};

struct reach_data {
	int32_t from, to;              /* attendance loaded for these days */
	struct strmap lsoa_index;      /* LSOA code -> index */
	size_t nlsoas;                 /* LSOAs */
	struct area_set areas[AREA_LSOA + 1]; /* by AREA_LA .. AREA_LSOA */
	struct pop_year *pops;         /* population, by LSOA (CSR) */
	size_t *pop_start;             /* per LSOA, start in pops; nlsoas+1 */
	struct family_facts *fam;      /* by families.id */
	int64_t max_family;            /* largest families.id */
	struct child *children;        /* children, any age */
	size_t nchildren, children_alloc;
	struct father *fathers;        /* carers with relationship father */
	size_t nfathers, fathers_alloc;
	int64_t max_person;            /* largest people.id */
	int64_t *person_family;        /* families.id of each people.id (0: none) */
	size_t *member_start;          /* per family, start in members; max_family+2 */
	int64_t *members;              /* people.id of each family's members */
	size_t *att_start;             /* per person, start in att_days; max_person+2 */
	int32_t *att_days;             /* each person's session days, ascending */
	char *db_path;                 /* for the attendance thread's connection */
	struct db *db;                 /* the store, while loading */
	int attendance_failed;         /* the attendance thread failed */
};

/* distinct sessions of a person in from..to */
unsigned reach_data_sessions(const struct reach_data *d, int64_t person, int32_t from, int32_t to);
/* the last session day of a person on or before `on`, DATE_NONE if none */
int32_t reach_data_last_seen(const struct reach_data *d, int64_t person, int32_t on);

#endif
