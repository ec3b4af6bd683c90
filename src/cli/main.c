/* main.c: the `reach` program: global options and the command table */
#include "cli.h"
#include "../util/date.h"

#include <unistd.h>

static int cmd_help(struct cli *c);

static const struct command {
	const char *name;          /* as typed */
	int (*fn)(struct cli *c);  /* returns the exit status */
	const char *usage;         /* one line for `reach help` */
} commands[] = {
	{ "init", cmd_init, "init                                   create or upgrade the database" },
	{ "import", cmd_import, "import KIND FILE [--skip-bad REJECTS]  load an interchange CSV file\n"
				"              (postcodes: also the ONS Postcode Directory, [--all-lsoas])" },
	{ "export", cmd_export, "export KIND [-o FILE]                  write a kind as interchange CSV" },
	{ "report", cmd_report, "report reach --from DATE --to DATE [--by la|cluster|centre|lsoa]\n"
				"              [--format table|csv|json] [--sustained N] [-o FILE]\n"
				"       report coverage [--year Y | --to DATE] [--format table|csv|json] [-o FILE]\n"
				"                                       wards and LSOAs the reach areas cover" },
	{ "find", cmd_find, "find TEXT                              find families by name, postcode or ID" },
	{ "demo", cmd_demo, "demo [--seed N] [--children N] [--out DIR [--files-only]] [--truth FILE]\n"
			    "                                       load a demo authority (and write its files)" },
	{ "dedupe", cmd_dedupe, "dedupe [--threshold P] [--format csv|json] [--pairs]\n"
				"                                       people in the store who are the same person" },
	{ "link", cmd_link, "link births FILE [--threshold P] [--format csv|table] [--pairs]\n"
			    "                                       babies notified but not registered, per centre" },
	{ "match", cmd_match, "match --config FILE INPUT.csv [INPUT2.csv] [--threshold P] [--pairs] [--format csv|json]\n"
			      "                                       de-duplicate or link any CSV" },
	{ "pack", cmd_pack, "pack --centre CODE | --cluster NAME | --la [--all] --from DATE --to DATE\n"
			    "              --format pdf|xlsx|html [--publish] -o FILE    a quarterly data pack (--all: FOLDER)" },
	{ "serve", cmd_serve, "serve [--port N] [--bind ADDR] [--secure-cookies] [--log]\n"
			      "                                       the web application (default 127.0.0.1:8080)" },
	{ "user", cmd_user, "user add NAME --role ROLE [--centre CODE ...] [--name TEXT]\n"
			    "              user list | disable NAME | enable NAME | reset NAME\n"
			    "              user audit [--user NAME] [--family ID] [--from DATE] [--to DATE] [-o FILE]" },
	{ "help", cmd_help, "help                                   this list" },
};

static int cmd_help(struct cli *c)
{
	printf("usage: reach [--db PATH] COMMAND [ARGS]\n\n"
	       "The database is --db PATH, else $REACH_DB, else ./reach.db.\n\ncommands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		printf("  reach %s\n", commands[i].usage);
	printf("\nKIND is one of: lsoas postcodes population centres reach_areas families people\n"
	       "attendance births indicators. Exit status: 0 success, 1 bad input, 2 bad usage.\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	char **rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	const char *cmd = NULL;
	int n = 0, ret;

	memset(&c, 0, sizeof(c));
	c.db_path = getenv("REACH_DB");
	/* --db may stand before or after the command */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db")) {
			if (i + 1 >= argc)
				die(ST_USAGE, "option '--db' needs a path");
			c.db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			c.db_path = argv[i] + 5;
		} else if (!cmd && (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))) {
			cmd = "help";
		} else if (!cmd && !strcmp(argv[i], "--version")) {
			printf("reach (schema %d)\n", db_schema_latest());
			free(rest);
			return 0;
		} else if (!cmd) {
			cmd = argv[i];
		} else {
			rest[n++] = argv[i];
		}
	}
	if (!c.db_path || !*c.db_path)
		c.db_path = "reach.db";
	c.argc = n;
	c.argv = rest;
	if (!cmd) {
		cmd_help(&c);
		free(rest);
		return ST_USAGE;
	}
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (!strcmp(commands[i].name, cmd)) {
			ret = commands[i].fn(&c);
			free(rest);
			return ret;
		}
	free(rest);
	die(ST_USAGE, "'%s' is not a reach command (see 'reach help')", cmd);
}

void cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "reach %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'reach help')\n");
	exit(ST_USAGE);
}

void cli_args_init(struct cli_args *a, const struct cli *c, const char *cmd)
{
	a->argc = c->argc;
	a->argv = c->argv;
	a->i = 0;
	a->cmd = cmd;
	a->eq = NULL;
}

const char *cli_next(struct cli_args *a)
{
	char *arg;

	if (a->i >= a->argc)
		return NULL;
	arg = a->argv[a->i++];
	a->eq = NULL;
	if (arg[0] == '-' && arg[1] == '-') {
		char *eq = strchr(arg, '=');
		if (eq) {
			*eq = '\0';
			a->eq = eq + 1;
		}
	}
	return arg;
}

const char *cli_value(struct cli_args *a, const char *opt)
{
	if (a->eq)
		return a->eq;
	if (a->i >= a->argc)
		cli_usage_error(a->cmd, "option '%s' needs a value", opt);
	return a->argv[a->i++];
}

int32_t cli_date(const char *cmd, const char *opt, const char *v)
{
	int32_t d;

	if (date_parse(v, &d))
		cli_usage_error(cmd, "option '%s': '%s' is not a date (YYYY-MM-DD)", opt, v);
	return d;
}

long cli_long(const char *cmd, const char *opt, const char *v, long min, long max)
{
	int64_t n;

	if (parse_i64(v, min, max, &n))
		cli_usage_error(cmd, "option '%s': '%s' is not a whole number from %ld to %ld", opt, v,
				min, max);
	return (long)n;
}

struct db *cli_open_db(const struct cli *c)
{
	struct db *db = NULL;

	if (access(c->db_path, F_OK))
		die(ST_BAD_INPUT, "database '%s' does not exist: run 'reach init' first", c->db_path);
	if (db_open(&db, c->db_path, 0))
		exit(ST_BAD_INPUT);
	if (db_require_current(db)) {
		db_close(&db);
		exit(ST_BAD_INPUT);
	}
	return db;
}
