/* cli.h: the command-line program: shared state, option parsing, commands */
#ifndef REACH_CLI_H
#define REACH_CLI_H

#include "../store/db.h"
#include "../util/util.h"

/* what every command gets */
struct cli {
	const char *db_path; /* --db, else REACH_DB, else reach.db */
	int argc;            /* arguments after the command name */
	char **argv;
};

/*
 * Options are read by walking argv with cli_next(): it returns the next
 * argument, and for `--name VALUE` or `--name=VALUE` sets *value. Anything
 * malformed dies with status 2 and a one-line reason.
 */
struct cli_args {
	int argc;       /* arguments */
	char **argv;
	int i;          /* next to read */
	const char *cmd;/* command, for messages */
	char *eq;       /* value after '=' of the current option */
};

void cli_args_init(struct cli_args *a, const struct cli *c, const char *cmd);
/* the next argument, or NULL at the end */
const char *cli_next(struct cli_args *a);
/* the value of the option just returned (dies if missing) */
const char *cli_value(struct cli_args *a, const char *opt);
/* die with status 2: "reach CMD: MSG" plus a hint */
void cli_usage_error(const char *cmd, const char *fmt, ...) ATTR_PRINTF(2, 3) ATTR_NORETURN;
/* parse a date option or die with status 2 */
int32_t cli_date(const char *cmd, const char *opt, const char *v);
long cli_long(const char *cmd, const char *opt, const char *v, long min, long max);

/* open the database and check its schema is current; dies with status 1 */
struct db *cli_open_db(const struct cli *c);

int cmd_init(struct cli *c);
int cmd_import(struct cli *c);
int cmd_export(struct cli *c);
int cmd_report(struct cli *c);
int cmd_find(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_user(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_dedupe(struct cli *c);
int cmd_link(struct cli *c);
int cmd_match(struct cli *c);
int cmd_pack(struct cli *c);

#endif
