/* cmd_user.c: `reach user`: add, list, disable, enable and reset accounts; export the audit trail */
#include "cli.h"
#include "../auth/auth.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/text.h"

#include <errno.h>
#include <termios.h>
#include <unistd.h>

#define PASSWORD_READ_MAX 4096 /* bytes read for a password line, well past the limit */

/* a `struct cli` for the words after the subcommand */
static struct cli sub_cli(const struct cli *c)
{
	struct cli s = *c;

	s.argc = c->argc - 1;
	s.argv = c->argv + 1;
	return s;
}

/* one line from fp into b (without its \n or \r\n); 0, or -1 at EOF with nothing read */
static int read_line(FILE *fp, struct buf *b)
{
	int ch, any = 0;

	buf_reset(b);
	while ((ch = getc(fp)) != EOF) {
		any = 1;
		if (ch == '\n')
			break;
		buf_addch(b, (char)ch);
	}
	if (b->len && b->data[b->len - 1] == '\r')
		buf_setlen(b, b->len - 1);
	return any ? 0 : -1;
}

/* read a line from the terminal without echo, after a prompt on stderr */
static int read_hidden(const char *prompt, struct buf *b)
{
	struct termios old, quiet;
	int ret, restore = 0;

	fputs(prompt, stderr);
	fflush(stderr);
	if (!tcgetattr(STDIN_FILENO, &old)) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		restore = !tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ret = read_line(stdin, b);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	else
		fputc('\n', stderr);
	return ret;
}

static void wipe(struct buf *b)
{
	if (b->alloc)
		memset(b->data, 0, b->alloc);
	buf_release(b);
}

/*
 * The new password into pw: one line of standard input, or typed twice at
 * a terminal. ST_OK, else ST_BAD_INPUT with the reason printed.
 */
static int read_password(const char *username, struct buf *pw)
{
	struct buf again = BUF_INIT_CAP(PASSWORD_READ_MAX);
	struct buf prompt = BUF_INIT;
	int ret = ST_BAD_INPUT;

	buf_init(pw, PASSWORD_READ_MAX);
	if (isatty(STDIN_FILENO)) {
		buf_addf(&prompt, "new password for '%s': ", username);
		if (read_hidden(prompt.data, pw) || read_hidden("the same again: ", &again)) {
			error("no password given");
			goto out;
		}
		if (pw->len != again.len || memcmp(pw->data, again.data, pw->len)) {
			error("the passwords do not match");
			goto out;
		}
	} else if (read_line(stdin, pw)) {
		error("no password on standard input");
		goto out;
	}
	if (pw->overflow) {
		error("the password is longer than %d bytes", AUTH_PASSWORD_MAX);
		goto out;
	}
	ret = ST_OK;
out:
	wipe(&again);
	buf_release(&prompt);
	return ret;
}

static int user_add(struct cli *c)
{
	struct cli s = sub_cli(c);
	struct cli_args a;
	const char *arg, *name = NULL, *display = NULL, *role_name = NULL;
	const char **codes = NULL;
	char *lower = NULL;
	size_t ncodes = 0, codes_alloc = 0;
	int64_t *ids = NULL;
	struct buf pw = BUF_INIT;
	struct db *db = NULL;
	enum role role;
	int ret = ST_BAD_INPUT;

	cli_args_init(&a, &s, "user add");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--role")) {
			role_name = cli_value(&a, arg);
		} else if (!strcmp(arg, "--centre")) {
			XGROW(codes, codes_alloc, ncodes + 1);
			codes[ncodes++] = cli_value(&a, arg);
		} else if (!strcmp(arg, "--name")) {
			display = cli_value(&a, arg);
		} else if (arg[0] == '-' && arg[1]) {
			cli_usage_error("user add", "unknown option '%s'", arg);
		} else if (!name) {
			name = arg;
		} else {
			cli_usage_error("user add", "unexpected argument '%s'", arg);
		}
	}
	if (!name)
		cli_usage_error("user add", "needs a user NAME");
	if (!role_name)
		cli_usage_error("user add", "needs --role %s", auth_role_names());
	if (auth_role_parse(role_name, &role)) {
		error("'%s' is not a role (one of %s)", role_name, auth_role_names());
		goto out;
	}
	if (!auth_username_valid(name)) {
		error("'%s' is not a username (1-64 letters, digits, '.', '_', '-' or '@', "
		      "starting with a letter or digit)", name);
		goto out;
	}
	if (auth_init())
		goto out;
	db = cli_open_db(c);
	ids = xcalloc(ncodes ? ncodes : 1, sizeof(*ids));
	for (size_t i = 0; i < ncodes; i++)
		if (auth_centre_id(db, codes[i], &ids[i]) != ST_OK)
			goto out;
	if (auth_role_is_scoped(role) && !ncodes) {
		error("a %s needs at least one --centre", auth_role_name(role));
		goto out;
	}
	if (read_password(name, &pw) != ST_OK)
		goto out;
	if (auth_user_add(db, NULL, name, display, role, ids, ncodes, pw.data, NULL) != ST_OK)
		goto out;
	lower = xstrdup(name);
	str_lower(lower);
	fprintf(stderr, "added %s '%s'\n", auth_role_name(role), lower);
	ret = ST_OK;
out:
	wipe(&pw);
	free(lower);
	free(codes);
	free(ids);
	db_close(&db);
	return ret;
}

/* the one NAME argument of disable, enable and reset */
static const char *only_name(struct cli *c, const char *cmd)
{
	struct cli s = sub_cli(c);
	struct cli_args a;
	const char *arg, *name = NULL;

	cli_args_init(&a, &s, cmd);
	while ((arg = cli_next(&a))) {
		if (arg[0] == '-' && arg[1])
			cli_usage_error(cmd, "unknown option '%s'", arg);
		else if (!name)
			name = arg;
		else
			cli_usage_error(cmd, "unexpected argument '%s'", arg);
	}
	if (!name)
		cli_usage_error(cmd, "needs a user NAME");
	return name;
}

/* find NAME or say there is none (ST_BAD_INPUT) */
static int find_user(struct db *db, const char *name, struct user *u)
{
	int ret = auth_user_find(db, name, u);

	if (ret == ST_BAD_INPUT)
		error("no user '%s'", name);
	return ret;
}

enum change { CHANGE_DISABLE, CHANGE_ENABLE, CHANGE_RESET };

static int user_change(struct cli *c, enum change what)
{
	static const char *const cmds[] = { "user disable", "user enable", "user reset" };
	const char *name = only_name(c, cmds[what]);
	struct user u = USER_INIT;
	struct buf pw = BUF_INIT;
	struct db *db = NULL;
	int ret = ST_BAD_INPUT;

	if (auth_init())
		goto out;
	db = cli_open_db(c);
	if (find_user(db, name, &u) != ST_OK)
		goto out;
	switch (what) {
	case CHANGE_DISABLE:
		if (auth_user_disable(db, NULL, u.id) != ST_OK)
			goto out;
		fprintf(stderr, "disabled '%s'; their sessions are ended\n", u.username);
		break;
	case CHANGE_ENABLE:
		if (auth_user_enable(db, NULL, u.id) != ST_OK)
			goto out;
		fprintf(stderr, "enabled '%s'\n", u.username);
		break;
	case CHANGE_RESET:
		if (read_password(u.username, &pw) != ST_OK ||
		    auth_user_set_password(db, NULL, u.id, pw.data) != ST_OK)
			goto out;
		fprintf(stderr, "new password set for '%s'; their sessions are ended\n", u.username);
		break;
	}
	ret = ST_OK;
out:
	wipe(&pw);
	user_release(&u);
	db_close(&db);
	return ret;
}

static int user_list(struct cli *c)
{
	static const char *const head[] = { "username", "role", "centres", "status", "last login" };
	struct user *list = NULL;
	struct buf *centres = NULL;
	size_t n = 0, w[4];
	struct db *db = NULL;
	int ret = ST_BAD_INPUT;

	if (c->argc > 1)
		cli_usage_error("user list", "unexpected argument '%s'", c->argv[1]);
	db = cli_open_db(c);
	if (auth_user_list(db, &list, &n) != ST_OK)
		goto out;
	centres = xcalloc(n ? n : 1, sizeof(*centres));
	for (size_t k = 0; k < 4; k++)
		w[k] = strlen(head[k]);
	for (size_t i = 0; i < n; i++) {
		buf_init(&centres[i], 0);
		if (!auth_role_is_scoped(list[i].role))
			buf_adds(&centres[i], "(all)");
		for (size_t j = 0; j < list[i].ncentres; j++)
			buf_addf(&centres[i], "%s%s", j ? "," : "", list[i].centre_codes[j]);
		if (strlen(list[i].username) > w[0])
			w[0] = strlen(list[i].username);
		if (strlen(auth_role_name(list[i].role)) > w[1])
			w[1] = strlen(auth_role_name(list[i].role));
		if (centres[i].len > w[2])
			w[2] = centres[i].len;
	}
	w[3] = strlen("disabled");
	printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], head[0], (int)w[1], head[1], (int)w[2],
	       head[2], (int)w[3], head[3], head[4]);
	for (size_t i = 0; i < n; i++)
		printf("%-*s  %-*s  %-*s  %-*s  %s\n", (int)w[0], list[i].username, (int)w[1],
		       auth_role_name(list[i].role), (int)w[2], centres[i].data, (int)w[3],
		       list[i].disabled ? "disabled" : "active",
		       list[i].last_login_at ? list[i].last_login_at : "never");
	if (!n)
		fprintf(stderr, "no users yet: add one with 'reach user add'\n");
	ret = ST_OK;
out:
	for (size_t i = 0; centres && i < n; i++)
		buf_release(&centres[i]);
	free(centres);
	auth_user_list_free(&list, n);
	db_close(&db);
	return ret;
}

/* the families.id of a family ID, also of one since deleted that the trail names */
static int family_arg(struct db *db, const char *ext_id, int64_t *out)
{
	struct db_stmt *st = db_prepare(db,
		"SELECT id FROM families WHERE ext_id = ? "
		"UNION ALL SELECT family_id FROM audit WHERE family_ext_id = ? LIMIT 1");
	int ret = ST_BAD_INPUT;

	if (!st)
		return ST_BAD_INPUT;
	db_bind_text(st, 1, ext_id);
	db_bind_text(st, 2, ext_id);
	switch (db_step(st)) {
	case DB_ROW:
		*out = db_col_int(st, 0);
		ret = ST_OK;
		break;
	case DB_DONE:
		error("no family '%s'", ext_id);
		break;
	case DB_ERROR:
		error("database '%s': %s", db_path(db), db_errmsg(db));
		break;
	}
	db_finalize(&st);
	return ret;
}

/* a name is known if it is an account's or the trail has rows for it */
static int user_known(struct db *db, const char *name)
{
	struct user u = USER_INIT;
	char *lower = xstrdup(name);
	int known;

	str_lower(lower);
	known = auth_user_find(db, name, &u) == ST_OK ||
		db_query_int(db, "SELECT count(*) FROM audit WHERE username = ?", lower, 0) > 0;
	user_release(&u);
	free(lower);
	return known;
}

static int user_audit(struct cli *c)
{
	struct cli s = sub_cli(c);
	struct cli_args a;
	struct audit_filter f;
	const char *arg, *out_path = NULL, *family = NULL;
	struct buf tmp = BUF_INIT, detail = BUF_INIT;
	struct db *db = NULL;
	FILE *out = stdout;
	int ret = ST_BAD_INPUT;

	audit_filter_init(&f);
	cli_args_init(&a, &s, "user audit");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--user"))
			f.username = cli_value(&a, arg);
		else if (!strcmp(arg, "--family"))
			family = cli_value(&a, arg);
		else if (!strcmp(arg, "--action"))
			f.action = cli_value(&a, arg);
		else if (!strcmp(arg, "--from"))
			f.from = cli_date("user audit", arg, cli_value(&a, arg));
		else if (!strcmp(arg, "--to"))
			f.to = cli_date("user audit", arg, cli_value(&a, arg));
		else if (!strcmp(arg, "-o") || !strcmp(arg, "--output"))
			out_path = cli_value(&a, arg);
		else if (arg[0] == '-' && arg[1])
			cli_usage_error("user audit", "unknown option '%s'", arg);
		else
			cli_usage_error("user audit", "unexpected argument '%s'", arg);
	}
	if (f.from != DATE_NONE && f.to != DATE_NONE && f.from > f.to)
		cli_usage_error("user audit", "--from is after --to");
	db = cli_open_db(c);
	if (f.username && !user_known(db, f.username)) {
		error("no user '%s'", f.username);
		goto out;
	}
	if (family && family_arg(db, family, &f.family_id) != ST_OK)
		goto out;
	if (out_path) {
		/* written beside the target and renamed, so a failure leaves no half file */
		buf_addf(&tmp, "%s.tmp", out_path);
		if (!(out = fopen(tmp.data, "w"))) {
			error("cannot write '%s': %s", tmp.data, strerror(errno));
			goto out;
		}
	}
	if (auth_audit_export_csv(db, &f, out) != ST_OK)
		goto out;
	if (out_path) {
		FILE *fp = out;

		out = stdout;
		if (fclose(fp)) {
			error("cannot write '%s': %s", tmp.data, strerror(errno));
			goto out;
		}
		if (rename(tmp.data, out_path)) {
			error("cannot write '%s': %s", out_path, strerror(errno));
			goto out;
		}
		buf_reset(&tmp);
	}
	/* reading the trail is itself recorded */
	buf_adds(&detail, "audit trail");
	if (f.username)
		buf_addf(&detail, ", user %s", f.username);
	if (family)
		buf_addf(&detail, ", family %s", family);
	if (auth_audit(db, NULL, "export", 0, 0, detail.data) != ST_OK)
		goto out;
	ret = ST_OK;
out:
	if (out != stdout)
		fclose(out);
	if (tmp.len)
		unlink(tmp.data);
	buf_release(&tmp);
	buf_release(&detail);
	db_close(&db);
	return ret;
}

int cmd_user(struct cli *c)
{
	const char *sub = c->argc ? c->argv[0] : NULL;

	if (!sub)
		cli_usage_error("user", "needs add, list, disable, enable, reset or audit");
	if (!strcmp(sub, "add"))
		return user_add(c);
	if (!strcmp(sub, "list"))
		return user_list(c);
	if (!strcmp(sub, "disable"))
		return user_change(c, CHANGE_DISABLE);
	if (!strcmp(sub, "enable"))
		return user_change(c, CHANGE_ENABLE);
	if (!strcmp(sub, "reset"))
		return user_change(c, CHANGE_RESET);
	if (!strcmp(sub, "audit"))
		return user_audit(c);
	cli_usage_error("user", "'%s' is not a user command (add, list, disable, enable, reset, audit)",
			sub);
}
