/* cmd_serve.c: `reach serve`: the web application */
#include "cli.h"
#include "../auth/auth.h"
#include "../web/app.h"
#include "../web/i18n.h"

#include <signal.h>

int cmd_serve(struct cli *c)
{
	struct cli_args a;
	struct app_config cfg;
	struct app *app = NULL;
	struct db *db;
	const char *arg;
	sigset_t stop;
	int sig;

	memset(&cfg, 0, sizeof(cfg));
	cfg.db_path = c->db_path;
	cfg.bind = "127.0.0.1";
	cfg.port = 8080;
	cfg.threads = 4;
	cli_args_init(&a, c, "serve");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--port"))
			cfg.port = (int)cli_long("serve", arg, cli_value(&a, arg), 0, 65535);
		else if (!strcmp(arg, "--bind"))
			cfg.bind = cli_value(&a, arg);
		else if (!strcmp(arg, "--threads"))
			cfg.threads = (int)cli_long("serve", arg, cli_value(&a, arg), 1, 64);
		else if (!strcmp(arg, "--secure-cookies"))
			cfg.secure_cookies = 1;
		else if (!strcmp(arg, "--log"))
			cfg.log = 1;
		else
			cli_usage_error("serve", "unknown argument '%s'", arg);
	}
	/* fail early, with the usual message, on a missing or old database */
	db = cli_open_db(c);
	db_close(&db);
	if (auth_init() || i18n_load_embedded())
		return ST_FAIL;
	/* the server's threads inherit this mask, so only sigwait sees the signals */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	if (app_start(&app, &cfg)) {
		i18n_release();
		return ST_BAD_INPUT;
	}
	fprintf(stderr, "reach: serving '%s' at http://%s%s%s:%d/ (stop with Ctrl-C)\n", c->db_path,
		strchr(cfg.bind, ':') ? "[" : "", cfg.bind, strchr(cfg.bind, ':') ? "]" : "", app_port(app));
	fflush(stderr);
	sigwait(&stop, &sig);
	fprintf(stderr, "reach: stopping\n");
	app_stop(&app);
	i18n_release();
	return ST_OK;
}
