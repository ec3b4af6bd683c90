/* cmd_report.c: `reach report reach` and `reach report coverage` */
#include "cli.h"
#include "../report/coverage.h"
#include "../report/reach.h"
#include "../util/buf.h"
#include "../util/date.h"

#include <errno.h>

enum format { FMT_TABLE, FMT_CSV, FMT_JSON };

/* write the report to out_path (through a temporary file) or stdout */
static int write_out(const struct buf *out, const char *out_path)
{
	if (out_path) {
		struct buf tmp = BUF_INIT;
		FILE *f;
		buf_addf(&tmp, "%s.tmp", out_path);
		f = fopen(tmp.data, "w");
		if (!f || fwrite(out->data, 1, out->len, f) != out->len || fclose(f) ||
		    rename(tmp.data, out_path)) {
			error("cannot write '%s': %s", out_path, strerror(errno));
			remove(tmp.data);
			buf_release(&tmp);
			return -1;
		}
		buf_release(&tmp);
	} else if (fwrite(out->data, 1, out->len, stdout) != out->len || fflush(stdout)) {
		return error("cannot write the report: %s", strerror(errno));
	}
	return 0;
}

/* `reach report coverage`: the population year is --year, the year of --to, else the latest */
static int report_coverage(struct cli *c, enum format fmt, int year, const char *out_path)
{
	struct coverage cov;
	struct buf out = BUF_INIT;
	struct db *db = cli_open_db(c);
	int ret = ST_BAD_INPUT;

	if (!year)
		year = coverage_latest_year(db, 0);
	if (coverage_compute(db, year, &cov))
		goto out;
	if (fmt == FMT_CSV)
		coverage_write_csv(&cov, &out);
	else if (fmt == FMT_JSON)
		coverage_write_json(&cov, &out);
	else
		coverage_write_table(&cov, &out);
	coverage_release(&cov);
	if (!write_out(&out, out_path))
		ret = ST_OK;
out:
	buf_release(&out);
	db_close(&db);
	return ret;
}

int cmd_report(struct cli *c)
{
	struct cli_args a;
	struct reach_opts o;
	struct reach_report r;
	struct buf out = BUF_INIT;
	const char *arg, *out_path = NULL, *what = NULL;
	int have_from = 0, have_to = 0, have_sustained = 0, have_by = 0, year = 0, ret = ST_BAD_INPUT;
	enum format fmt = FMT_TABLE;
	struct db *db;

	reach_opts_init(&o);
	cli_args_init(&a, c, "report");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--from")) {
			o.from = cli_date("report", arg, cli_value(&a, arg));
			have_from = 1;
		} else if (!strcmp(arg, "--to")) {
			o.to = cli_date("report", arg, cli_value(&a, arg));
			have_to = 1;
		} else if (!strcmp(arg, "--by")) {
			const char *v = cli_value(&a, arg);
			if (area_type_parse(v, &o.by))
				cli_usage_error("report", "option '--by': '%s' is not la, cluster, centre or lsoa", v);
			have_by = 1;
		} else if (!strcmp(arg, "--year")) {
			year = (int)cli_long("report", arg, cli_value(&a, arg), 1900, 2200);
		} else if (!strcmp(arg, "--format")) {
			const char *v = cli_value(&a, arg);
			if (!strcmp(v, "csv"))
				fmt = FMT_CSV;
			else if (!strcmp(v, "json"))
				fmt = FMT_JSON;
			else if (!strcmp(v, "table"))
				fmt = FMT_TABLE;
			else
				cli_usage_error("report", "option '--format': '%s' is not table, csv or json", v);
		} else if (!strcmp(arg, "--sustained")) {
			o.sustained = (int)cli_long("report", arg, cli_value(&a, arg), 1, 1000);
			have_sustained = 1;
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
			out_path = cli_value(&a, arg);
		} else if (arg[0] == '-' && arg[1]) {
			cli_usage_error("report", "unknown option '%s'", arg);
		} else if (!what) {
			what = arg;
		} else {
			cli_usage_error("report", "unexpected argument '%s'", arg);
		}
	}
	if (!what)
		cli_usage_error("report", "needs the report to make: 'reach report reach ...'");
	if (!strcmp(what, "coverage")) {
		if (have_from || have_by || have_sustained)
			cli_usage_error("report", "coverage takes --year Y or --to DATE, not --from, --by or --sustained");
		if (year && have_to)
			cli_usage_error("report", "coverage takes --year Y or --to DATE, not both");
		return report_coverage(c, fmt, have_to ? date_year(o.to) : year, out_path);
	}
	if (strcmp(what, "reach"))
		cli_usage_error("report", "'%s' is not a report (reports: reach, coverage)", what);
	if (year)
		cli_usage_error("report", "option '--year' is for 'reach report coverage'");
	if (!have_from || !have_to)
		cli_usage_error("report", "needs the period: --from DATE --to DATE");
	if (o.from > o.to)
		cli_usage_error("report", "the period ends before it starts");
	db = cli_open_db(c);
	if (!have_sustained) {
		int64_t n;
		if (db_setting_get_int(db, "sustained_sessions", 3, &n) || n < 1 || n > 1000) {
			error("setting 'sustained_sessions' must be a whole number from 1 to 1000");
			goto out_db;
		}
		o.sustained = (int)n;
	}
	if (reach_compute(db, &o, &r))
		goto out_db;
	if (fmt == FMT_CSV)
		reach_write_csv(&r, &out);
	else if (fmt == FMT_JSON)
		reach_write_json(&r, &out);
	else
		reach_write_table(&r, &out);
	reach_report_release(&r);
	if (write_out(&out, out_path))
		goto out_db;
	ret = ST_OK;
out_db:
	buf_release(&out);
	db_close(&db);
	return ret;
}
