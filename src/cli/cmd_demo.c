/* cmd_demo.c: `reach demo`: write a demo authority's files and import them */
#include "cli.h"
#include "../demo/demo.h"
#include "../auth/auth.h"
#include "../import/import.h"
#include "../util/buf.h"

#include <errno.h>
#include <unistd.h>

/*
 * One account for each role, with passwords printed here: for the demo
 * only. A real installation starts with `reach user add`.
 */
static int add_demo_users(struct db *db)
{
	static const char *const roles[] = { "admin", "analyst", "manager", "worker", "viewer" };
	/* the staff's centre: the first (CC01, or CC001 with 100 centres or more) */
	struct db_stmt *st = db_prepare(db, "SELECT id, code FROM centres ORDER BY code LIMIT 1");
	int64_t centre;
	char code[64];

	if (!st)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_finalize(&st);
		return error("the demo authority has no centre");
	}
	centre = db_col_int(st, 0);
	snprintf(code, sizeof(code), "centre %s", db_col_text(st, 1));
	db_finalize(&st);
	if (auth_init())
		return -1;
	fprintf(stderr, "demo accounts (demo only; a real install starts with 'reach user add'):\n");
	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		char password[64];
		enum role r;
		int scoped;

		snprintf(password, sizeof(password), "%s-demo-pass", roles[i]);
		if (auth_role_parse(roles[i], &r))
			return -1;
		scoped = auth_role_is_scoped(r);
		if (auth_user_add(db, NULL, roles[i], NULL, r, scoped ? &centre : NULL, scoped ? 1 : 0,
				  password, NULL) != ST_OK)
			return -1;
		fprintf(stderr, "  %-8s password %-20s (%s)\n", roles[i], password, scoped ? code : "all centres");
	}
	return 0;
}

int cmd_demo(struct cli *c)
{
	struct cli_args a;
	struct demo_opts o;
	struct import_opts io;
	const char *arg, *out_dir = NULL;
	int files_only = 0;
	char tmpl[] = "/tmp/reach-demo-XXXXXX";
	const char *dir;
	struct db *db = NULL;
	int ret = ST_BAD_INPUT, before;

	demo_opts_init(&o);
	cli_args_init(&a, c, "demo");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--seed"))
			o.seed = (uint64_t)cli_long("demo", arg, cli_value(&a, arg), 0, 2147483647L);
		else if (!strcmp(arg, "--children"))
			o.children = cli_long("demo", arg, cli_value(&a, arg), 1, DEMO_MAX_CHILDREN);
		else if (!strcmp(arg, "--out"))
			out_dir = cli_value(&a, arg);
		else if (!strcmp(arg, "--files-only"))
			files_only = 1;
		else if (!strcmp(arg, "--truth"))
			o.truth = cli_value(&a, arg);
		else
			cli_usage_error("demo", "unknown argument '%s'", arg);
	}
	o.progress = isatty(STDERR_FILENO);
	if (files_only) {
		if (!out_dir)
			cli_usage_error("demo", "'--files-only' needs '--out DIR'");
		fprintf(stderr, "writing a demo authority of %ld children (seed %llu) to '%s'\n",
			o.children, (unsigned long long)o.seed, out_dir);
		return demo_write(&o, out_dir) ? ST_BAD_INPUT : ST_OK;
	}
	if (db_open(&db, c->db_path, 1))
		return ST_BAD_INPUT;
	before = db_schema_version(db);
	if (db_migrate(db))
		goto out;
	if (before && db_query_int(db, "SELECT count(*) FROM families", NULL, 0) > 0) {
		error("database '%s' already holds families: load the demo into a new database "
		      "(for example --db demo.db)", c->db_path);
		goto out;
	}
	if (out_dir) {
		dir = out_dir;
	} else if (!(dir = mkdtemp(tmpl))) {
		error("cannot make a temporary folder: %s", strerror(errno));
		goto out;
	}
	fprintf(stderr, "writing a demo authority of %ld children (seed %llu) to '%s'\n", o.children,
		(unsigned long long)o.seed, dir);
	if (demo_write(&o, dir))
		goto out_files;
	import_opts_init(&io);
	io.progress = o.progress;
	if (import_dir(db, dir, &io) != ST_OK)
		goto out_files;
	if (add_demo_users(db))
		goto out_files;
	fprintf(stderr, "demo authority loaded into '%s'\n", c->db_path);
	ret = ST_OK;
out_files:
	if (!out_dir)
		remove_dir_files(dir);
out:
	db_close(&db);
	return ret;
}
