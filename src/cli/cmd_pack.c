/* cmd_pack.c: `reach pack`: quarterly data packs of a centre, a cluster or the LA as PDF, XLSX or HTML */
#include "cli.h"
#include "../pack/pack.h"
#include "../util/buf.h"
#include "../util/date.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

enum pack_format { PACK_PDF, PACK_XLSX, PACK_HTML };

static const char *const format_ext[] = { "pdf", "xlsx", "html" };

/* write one pack to path through path.tmp, so a failed write leaves no half file */
static int write_one(struct db *db, const struct pack_basis *b, enum area_type type, const char *code,
		     enum pack_format fmt, int publish, const char *path)
{
	struct pack p;
	struct buf tmp = BUF_INIT;
	int ret;

	ret = pack_build(db, b, type, code, date_today(), &p);
	if (ret)
		return ret > 0 ? ST_BAD_INPUT : ST_FAIL;
	if (publish)
		pack_publish(&p);
	buf_addf(&tmp, "%s.tmp", path);
	ret = fmt == PACK_PDF ? pack_write_pdf(&p, tmp.data)
	      : fmt == PACK_XLSX ? pack_write_xlsx(&p, tmp.data) : pack_write_html_file(&p, tmp.data);
	if (!ret && rename(tmp.data, path))
		ret = error("cannot write '%s': %s", path, strerror(errno));
	if (ret)
		remove(tmp.data);
	buf_release(&tmp);
	pack_release(&p);
	return ret ? ST_BAD_INPUT : ST_OK;
}

/* DIR/KIND-NAME.EXT with anything but letters, digits, - and _ in NAME made '-' */
static void file_name(struct buf *out, const char *dir, const char *kind, const char *name, const char *ext)
{
	buf_reset(out);
	buf_addf(out, "%s/%s", dir, kind);
	if (name) {
		buf_addch(out, '-');
		for (const char *s = name; *s; s++) {
			char ch = *s;
			int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
				 ch == '-' || ch == '_';
			buf_addch(out, ok ? ch : '-');
		}
	}
	buf_addf(out, ".%s", ext);
}

/* one pack to write: its kind, its area, its file */
struct pack_job {
	enum area_type type;
	const char *code;
	char *path;
};

/* the packs of `reach pack --all`, shared by the writing threads */
struct pack_jobs {
	struct db *db;                 /* serialized: the threads may share it */
	const struct pack_basis *b;    /* read only */
	enum pack_format fmt;
	int publish;
	struct pack_job *v;
	size_t n;
	size_t next;                   /* the next job to take */
	int ret;                       /* ST_OK, or the first failure (then no new job starts) */
	pthread_mutex_t lock;
};

static void *write_jobs(void *arg)
{
	struct pack_jobs *j = arg;

	for (;;) {
		size_t i;
		int r;

		pthread_mutex_lock(&j->lock);
		i = j->ret == ST_OK ? j->next++ : j->n;
		pthread_mutex_unlock(&j->lock);
		if (i >= j->n)
			break;
		r = write_one(j->db, j->b, j->v[i].type, j->v[i].code, j->fmt, j->publish, j->v[i].path);
		if (r != ST_OK) {
			pthread_mutex_lock(&j->lock);
			if (j->ret == ST_OK)
				j->ret = r;
			pthread_mutex_unlock(&j->lock);
		}
	}
	return NULL;
}

/* every centre's, cluster's and the LA's pack, written by as many threads as
 * there are processors (at most 4): the basis is read only, and most of the
 * time goes to laying out and compressing the files */
static int write_all(struct db *db, const struct pack_basis *b, enum pack_format fmt, int publish,
		     const char *dir)
{
	static const enum area_type types[] = { AREA_CENTRE, AREA_CLUSTER };
	const char *ext = format_ext[fmt];
	struct buf path = BUF_INIT;
	struct pack_jobs j;
	pthread_t threads[4];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthreads = ncpu < 1 ? 1 : ncpu > 4 ? 4 : (size_t)ncpu, started = 0, alloc = 0;

	memset(&j, 0, sizeof(j));
	if (mkdir(dir, 0777) && errno != EEXIST) {
		error("cannot make the folder '%s': %s", dir, strerror(errno));
		return ST_BAD_INPUT;
	}
	for (size_t t = 0; t <= ARRAY_LEN(types); t++) {
		const char **codes = NULL;
		size_t n = t < ARRAY_LEN(types) ? pack_basis_areas(b, types[t], &codes) : 1;

		for (size_t i = 0; i < n; i++) {
			XGROW(j.v, alloc, j.n + 1);
			j.v[j.n].type = t < ARRAY_LEN(types) ? types[t] : AREA_LA;
			j.v[j.n].code = codes ? codes[i] : NULL;
			file_name(&path, dir, t == 0 ? "centre" : t == 1 ? "cluster" : "la", codes ? codes[i] : NULL, ext);
			j.v[j.n++].path = xstrdup(path.data);
		}
	}
	j.db = db;
	j.b = b;
	j.fmt = fmt;
	j.publish = publish;
	j.ret = ST_OK;
	pthread_mutex_init(&j.lock, NULL);
	for (; started < nthreads - 1; started++)
		if (pthread_create(&threads[started], NULL, write_jobs, &j))
			break;
	write_jobs(&j);
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&j.lock);
	for (size_t i = 0; i < j.n; i++)
		free(j.v[i].path);
	free(j.v);
	buf_release(&path);
	return j.ret;
}

int cmd_pack(struct cli *c)
{
	struct cli_args a;
	struct reach_opts o;
	struct pack_basis *b = NULL;
	const char *arg, *out_path = NULL, *code = NULL;
	int have_from = 0, have_to = 0, have_format = 0, all = 0, publish = 0, nareas = 0, ret = ST_BAD_INPUT;
	enum area_type type = AREA_LA;
	enum pack_format fmt = PACK_PDF;
	struct db *db;
	int64_t n;

	reach_opts_init(&o);
	cli_args_init(&a, c, "pack");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--from")) {
			o.from = cli_date("pack", arg, cli_value(&a, arg));
			have_from = 1;
		} else if (!strcmp(arg, "--to")) {
			o.to = cli_date("pack", arg, cli_value(&a, arg));
			have_to = 1;
		} else if (!strcmp(arg, "--centre")) {
			type = AREA_CENTRE;
			code = cli_value(&a, arg);
			nareas++;
		} else if (!strcmp(arg, "--cluster")) {
			type = AREA_CLUSTER;
			code = cli_value(&a, arg);
			nareas++;
		} else if (!strcmp(arg, "--la")) {
			type = AREA_LA;
			nareas++;
		} else if (!strcmp(arg, "--all")) {
			all = 1;
		} else if (!strcmp(arg, "--publish")) {
			publish = 1;
		} else if (!strcmp(arg, "--format")) {
			const char *v = cli_value(&a, arg);
			if (!strcmp(v, "pdf"))
				fmt = PACK_PDF;
			else if (!strcmp(v, "xlsx"))
				fmt = PACK_XLSX;
			else if (!strcmp(v, "html"))
				fmt = PACK_HTML;
			else
				cli_usage_error("pack", "option '--format': '%s' is not pdf, xlsx or html", v);
			have_format = 1;
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
			out_path = cli_value(&a, arg);
		} else if (arg[0] == '-' && arg[1]) {
			cli_usage_error("pack", "unknown option '%s'", arg);
		} else {
			cli_usage_error("pack", "unexpected argument '%s'", arg);
		}
	}
	if (!have_from || !have_to)
		cli_usage_error("pack", "needs the period: --from DATE --to DATE");
	if (o.from > o.to)
		cli_usage_error("pack", "the period ends before it starts");
	if (all ? nareas > 1 || (nareas == 1 && type != AREA_LA) : nareas != 1)
		cli_usage_error("pack", "needs one of --centre CODE, --cluster NAME, --la (or --la --all)");
	if (!have_format)
		cli_usage_error("pack", "needs --format pdf, xlsx or html");
	if (!out_path)
		cli_usage_error("pack", "needs -o %s", all ? "FOLDER" : "FILE");
	db = cli_open_db(c);
	if (db_setting_get_int(db, "sustained_sessions", 3, &n) || n < 1 || n > 1000) {
		error("setting 'sustained_sessions' must be a whole number from 1 to 1000");
		goto out;
	}
	o.sustained = (int)n;
	if (!(b = pack_basis_compute(db, &o))) {
		ret = ST_FAIL;
		goto out;
	}
	ret = all ? write_all(db, b, fmt, publish, out_path)
		  : write_one(db, b, type, code, fmt, publish, out_path);
out:
	if (fmt == PACK_PDF)
		pack_pdf_shutdown();
	pack_basis_free(b);
	db_close(&db);
	return ret;
}
