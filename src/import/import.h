/* import.h: load interchange CSV files into the store, and write them back */
#ifndef REACH_IMPORT_H
#define REACH_IMPORT_H

#include <stddef.h>
#include <stdio.h>
#include "../model/model.h"
#include "../store/db.h"
#include "../util/util.h"

struct import_opts {
	const char *rejects;  /* --skip-bad: load good rows, write bad ones here */
	int progress;         /* draw a progress bar on stderr (a terminal) */
	int quiet;            /* no summary line on stderr */
	size_t max_shown;     /* bad rows printed before "and N more" (0: 20) */
};

struct import_stats {
	size_t rows;     /* data rows read */
	size_t loaded;   /* rows written to the store */
	size_t rejected; /* bad rows */
	double seconds;  /* wall time */
};

void import_opts_init(struct import_opts *o);

/*
 * Import one file of kind `k` in one transaction. Each bad row is reported
 * as `FILE:LINE: column NAME: reason`. Without o->rejects one bad row
 * rejects the whole file and the store is unchanged (ST_BAD_INPUT). Rows
 * are upserted by their ID, so importing a file twice changes nothing the
 * second time. Returns ST_OK, ST_BAD_INPUT, or ST_FAIL (store failure).
 */
enum status import_file(struct db *db, const struct kind *k, const char *path,
			const struct import_opts *o, struct import_stats *stats);

/* import DIR/KIND.csv for every kind whose file exists, in dependency order */
enum status import_dir(struct db *db, const char *dir, const struct import_opts *o);

/* write every row of kind `k` as interchange CSV (header first) */
enum status export_kind(struct db *db, const struct kind *k, FILE *out);

#endif
