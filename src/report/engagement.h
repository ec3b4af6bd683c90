/* engagement.h: who is new and who has drifted away: new families a
 * month, and registered families not seen for months (the outreach lists)
 *
 * Both take an optional set of centres (a centre manager's own, or one
 * centre's page): a family belongs to the centre that registered it.
 */
#ifndef REACH_ENGAGEMENT_H
#define REACH_ENGAGEMENT_H

#include <stddef.h>
#include <stdint.h>
#include "../store/db.h"

struct centre_filter {
	const int64_t *ids; /* centres.id values; NULL = every centre */
	size_t n;           /* how many */
};

struct month_count {
	int year;            /* calendar year */
	int month;           /* 1-12 */
	int64_t families;    /* families first registered in the month */
	int64_t children;    /* children registered in the month */
};

/*
 * Families whose first registration (the earliest registered_on of any
 * member) falls in each month from the month of `from` to the month of
 * `to`; every month is listed, zero or not. *out is malloc'd.
 * 0 on success, -1 on a store failure (printed).
 */
int engagement_new_families(struct db *db, int32_t from, int32_t to, const struct centre_filter *cf,
			    struct month_count **out, size_t *n);

struct unseen_family {
	int64_t id;          /* families.id */
	char *family_id;     /* its interchange id */
	char *postcode;      /* normalised, or NULL */
	char *centre_code;   /* registering centre, or NULL */
	int32_t registered;  /* earliest registration of a member */
	int32_t last_seen;   /* last attendance of any member, DATE_NONE if never */
	int children_under5; /* children under 5 on `on` */
};

struct unseen_list {
	struct unseen_family *v; /* families, longest unseen first */
	size_t n;                /* used */
	size_t alloc;            /* allocated */
};

/*
 * Registered families (a member registered on or before `on`) with a child
 * under 5 on `on`, and no attendance by any member in the `months` months
 * up to and including `on`. Listed never-seen first, then by last visit.
 */
int engagement_unseen(struct db *db, int32_t on, int months, const struct centre_filter *cf,
		      struct unseen_list *out);
void unseen_list_release(struct unseen_list *l);

/*
 * The same two answers from data read once by reach_data_load() (its
 * attendance must cover what is asked), for a server that answers many
 * pages from one read. Names and postcodes of the families not seen are
 * still read from the store.
 */
struct reach_data;
int engagement_new_families_data(const struct reach_data *d, int32_t from, int32_t to,
				 const struct centre_filter *cf, struct month_count **out, size_t *n);
int engagement_unseen_data(struct db *db, const struct reach_data *d, int32_t on, int months,
			   const struct centre_filter *cf, struct unseen_list *out);

/*
 * engagement_new_families_data() for many centres in one pass: out is
 * (n + 1) rows of *nmonths months, row i for the families registered by
 * centre ids[i], row n for every other family (no centre, or one not
 * listed). The rows of a set of centres added up are its answer; all rows
 * are the answer with no filter. *out is malloc'd.
 */
int engagement_new_families_by_centre_data(const struct reach_data *d, int32_t from, int32_t to,
					   const int64_t *ids, size_t n, struct month_count **out,
					   size_t *nmonths);

/* the day `months` calendar months before `day` (clamped to month ends) */
int32_t date_months_before(int32_t day, int months);

#endif
