/* cmd_report.c: `reach report reach` */
#include "cli.h"
#include "../report/reach.h"
#include "../util/buf.h"
#include "../util/date.h"

#include <errno.h>

enum format { FMT_TABLE, FMT_CSV, FMT_JSON };

int cmd_report(struct cli *c)
{
	struct cli_args a;
	struct reach_opts o;
	struct reach_report r;
	struct buf out = BUF_INIT;
	const char *arg, *out_path = NULL, *what = NULL;
	int have_from = 0, have_to = 0, have_sustained = 0, ret = ST_BAD_INPUT;
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
	if (strcmp(what, "reach"))
		cli_usage_error("report", "'%s' is not a report (reports: reach)", what);
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
	if (out_path) {
		struct buf tmp = BUF_INIT;
		FILE *f;
		buf_addf(&tmp, "%s.tmp", out_path);
		f = fopen(tmp.data, "w");
		if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) ||
		    rename(tmp.data, out_path)) {
			error("cannot write '%s': %s", out_path, strerror(errno));
			remove(tmp.data);
			buf_release(&tmp);
			goto out_db;
		}
		buf_release(&tmp);
	} else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
		error("cannot write the report: %s", strerror(errno));
		goto out_db;
	}
	ret = ST_OK;
out_db:
	buf_release(&out);
	db_close(&db);
	return ret;
}
