/* import.h: load interchange CSV files into the store, and write them back */
#ifndef REACH_IMPORT_H
#define REACH_IMPORT_H

#include <stddef.h>
#include <stdio.h>
#include "../model/model.h"
#include "../store/db.h"
#include "../util/buf.h"
#include "../util/util.h"

struct import_opts {
	const char *rejects;  /* --skip-bad: load good rows, write bad ones here */
	int progress;         /* draw a progress bar on stderr (a terminal) */
	int quiet;            /* no summary line on stderr */
	size_t max_shown;     /* bad rows printed before "and N more" (0: 20) */
	int all_lsoas;        /* ONSPD postcodes: keep every LSOA, not only the store's */
};

/* why an ONS Postcode Directory row was left out (not an error) */
enum onspd_skip {
	ONSPD_NO_LSOA,   /* empty, or a pseudo code such as E99999999 */
	ONSPD_NOT_EW,    /* a Scottish data zone or a Northern Irish area */
	ONSPD_OUTSIDE,   /* an LSOA that is not one of the store's */
	ONSPD_SKIP_COUNT
};

struct import_stats {
	size_t rows;     /* data rows read */
	size_t loaded;   /* rows written to the store */
	size_t rejected; /* bad rows */
	double seconds;  /* wall time */
	/* postcodes from the ONS Postcode Directory (onspd set), else all zero */
	int onspd;                      /* the file was read as ONSPD */
	const char *lsoa_column;        /* the header name of the LSOA column used */
	int lsoa_filter;                /* 1: only the store's LSOAs kept; 0: --all-lsoas;
					   -1: the store had no lsoas, so all kept */
	size_t skipped[ONSPD_SKIP_COUNT]; /* rows left out, by reason */
	size_t terminated;              /* loaded rows of terminated postcodes */
	/* attendance (attendance set), else all zero */
	int attendance;                 /* the file was attendance */
	size_t repeated;                /* rows repeating a person and session already
					   recorded, in the file or the store (counted once) */
	int reimport;                   /* the file was imported before: nothing counted */
	char reimport_at[32];           /* when it was first imported */
};

void import_opts_init(struct import_opts *o);

/*
 * Import one file of kind `k` in one transaction. Each bad row is reported
 * as `FILE:LINE: column NAME: reason`. Without o->rejects one bad row
 * rejects the whole file and the store is unchanged (ST_BAD_INPUT). Rows
 * are upserted by their ID, so importing a file twice changes nothing the
 * second time. Every file imported is logged (table imports); for
 * attendance the log keeps the rows repeating a person and session already
 * recorded, by centre, unless the file is a re-import (docs/interchange.md).
 * Returns ST_OK, ST_BAD_INPUT, or ST_FAIL (store failure).
 */
enum status import_file(struct db *db, const struct kind *k, const char *path,
			const struct import_opts *o, struct import_stats *stats);

/*
 * For attendance, one line (no newline) such as "12 repeated rows counted
 * once". Otherwise one line saying what an ONSPD import read, kept and left
 * out and why, such as "ONS Postcode Directory, LSOA from lsoa21: 2600000
 * rows read, 11264 kept (310 terminated); left out: ..."; empty otherwise.
 */
void import_summary(const struct import_stats *stats, struct buf *out);

/* import DIR/KIND.csv for every kind whose file exists, in dependency order */
enum status import_dir(struct db *db, const char *dir, const struct import_opts *o);

/* write every row of kind `k` as interchange CSV (header first) */
enum status export_kind(struct db *db, const struct kind *k, FILE *out);

#endif
