/* cmd_data.c: `reach init`, `reach import` and `reach export` */
#include "cli.h"
#include "../import/import.h"
#include "../util/buf.h"

#include <errno.h>
#include <unistd.h>

int cmd_init(struct cli *c)
{
	struct db *db = NULL;
	int before;

	if (c->argc)
		cli_usage_error("init", "unexpected argument '%s'", c->argv[0]);
	if (db_open(&db, c->db_path, 1))
		return ST_BAD_INPUT;
	before = db_schema_version(db);
	if (db_migrate(db)) {
		db_close(&db);
		return ST_BAD_INPUT;
	}
	if (before == db_schema_latest())
		fprintf(stderr, "database '%s' is up to date (schema %d)\n", c->db_path, before);
	else if (before == 0)
		fprintf(stderr, "created database '%s' (schema %d)\n", c->db_path, db_schema_latest());
	else
		fprintf(stderr, "upgraded database '%s' from schema %d to %d\n", c->db_path, before,
			db_schema_latest());
	db_close(&db);
	return ST_OK;
}

static const struct kind *kind_arg(const char *cmd, const char *name)
{
	const struct kind *k = kind_find(name);

	if (!k)
		cli_usage_error(cmd, "'%s' is not a kind of file (one of: %s)", name, kind_names());
	return k;
}

int cmd_import(struct cli *c)
{
	struct cli_args a;
	struct import_opts o;
	struct import_stats stats;
	struct buf sum = BUF_INIT;
	const char *arg, *kind = NULL, *file = NULL;
	const struct kind *k;
	struct db *db;
	enum status st;

	import_opts_init(&o);
	cli_args_init(&a, c, "import");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--skip-bad"))
			o.rejects = cli_value(&a, arg);
		else if (!strcmp(arg, "--quiet") || !strcmp(arg, "-q"))
			o.quiet = 1;
		else if (!strcmp(arg, "--all-lsoas"))
			o.all_lsoas = 1;
		else if (arg[0] == '-' && arg[1])
			cli_usage_error("import", "unknown option '%s'", arg);
		else if (!kind)
			kind = arg;
		else if (!file)
			file = arg;
		else
			cli_usage_error("import", "unexpected argument '%s'", arg);
	}
	if (!kind || !file)
		cli_usage_error("import", "needs a KIND and a FILE");
	k = kind_arg("import", kind);
	if (o.all_lsoas && k->id != KIND_POSTCODES)
		cli_usage_error("import", "--all-lsoas is for postcodes only");
	o.progress = isatty(STDERR_FILENO) && !o.quiet;
	db = cli_open_db(c);
	st = import_file(db, k, file, &o, &stats);
	if (st == ST_OK && !o.quiet) {
		fprintf(stderr, "imported %zu %s row%s from '%s' in %.1f s", stats.loaded, k->name,
			stats.loaded == 1 ? "" : "s", file, stats.seconds);
		if (o.rejects)
			fprintf(stderr, "; %zu bad row%s written to '%s'", stats.rejected,
				stats.rejected == 1 ? "" : "s", o.rejects);
		import_summary(&stats, &sum);
		if (sum.len)
			fprintf(stderr, "; %s", sum.data);
		fputc('\n', stderr);
	}
	buf_release(&sum);
	db_close(&db);
	return st == ST_FAIL ? ST_BAD_INPUT : (int)st;
}

int cmd_export(struct cli *c)
{
	struct cli_args a;
	const char *arg, *kind = NULL, *out_path = NULL;
	const struct kind *k;
	struct buf tmp = BUF_INIT;
	struct db *db;
	FILE *out = stdout;
	enum status st;

	cli_args_init(&a, c, "export");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "-o") || !strcmp(arg, "--output"))
			out_path = cli_value(&a, arg);
		else if (arg[0] == '-' && arg[1])
			cli_usage_error("export", "unknown option '%s'", arg);
		else if (!kind)
			kind = arg;
		else
			cli_usage_error("export", "unexpected argument '%s'", arg);
	}
	if (!kind)
		cli_usage_error("export", "needs a KIND");
	k = kind_arg("export", kind);
	db = cli_open_db(c);
	if (out_path) {
		/* written beside the target and renamed, so a failure leaves no half file */
		buf_addf(&tmp, "%s.tmp", out_path);
		if (!(out = fopen(tmp.data, "w"))) {
			error("cannot write '%s': %s", tmp.data, strerror(errno));
			buf_release(&tmp);
			db_close(&db);
			return ST_BAD_INPUT;
		}
	}
	st = export_kind(db, k, out);
	if (out_path) {
		if (fclose(out) && st == ST_OK)
			st = error("cannot write '%s': %s", tmp.data, strerror(errno)) ? ST_FAIL : ST_FAIL;
		if (st == ST_OK && rename(tmp.data, out_path)) {
			error("cannot write '%s': %s", out_path, strerror(errno));
			st = ST_FAIL;
		}
		if (st != ST_OK)
			unlink(tmp.data);
	}
	buf_release(&tmp);
	db_close(&db);
	return st == ST_OK ? ST_OK : ST_BAD_INPUT;
}
