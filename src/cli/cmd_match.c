/* cmd_match.c: reach dedupe, reach link births, reach match (the matching engine's commands) */
#include "cli.h"
#include "../util/date.h"
#include "../csv/csv.h"
#include "../match/match.h"
#include "../util/text.h"

static void write_out(struct buf *b)
{
	fwrite(b->data, 1, b->len, stdout);
	buf_reset(b);
}

static enum match_format parse_format(const char *cmd, const char *v, int *table)
{
	if (table)
		*table = 0;
	if (!strcmp(v, "csv"))
		return MATCH_CSV;
	if (!strcmp(v, "json"))
		return MATCH_JSON;
	if (table && !strcmp(v, "table")) {
		*table = 1;
		return MATCH_CSV;
	}
	cli_usage_error(cmd, "option '--format': '%s' is not %s", v,
			table ? "csv or table" : "csv or json");
}

static double parse_threshold(const char *cmd, const char *v)
{
	double t;

	if (match_parse_probability(v, &t))
		cli_usage_error(cmd, "option '--threshold': '%s' is not a probability between 0 and 1",
				v);
	return t;
}

/* timings and blocking figures on stderr (--stats) */
static void print_stats(const struct match_set *set, const struct match_result *res)
{
	const struct match_model *mo = &res->model;

	fprintf(stderr, "records %zu, candidate pairs %zu", set->n, res->ncompared);
	for (int r = 0; r < set->spec->nrules; r++)
		fprintf(stderr, "%s%zu", r ? "+" : " (", res->blocking.per_rule[r]);
	fprintf(stderr, "), kept %zu, blocks skipped %zu (%zu pairs)\n", res->npairs,
		res->blocking.skipped_blocks, res->blocking.skipped_pairs);
	fprintf(stderr, "seconds: read %.2f, block+compare %.2f, train %.2f, score+cluster %.2f\n",
		res->seconds[0], res->seconds[1], res->seconds[2], res->seconds[3]);
	fprintf(stderr, "lambda %.5f after %d EM iterations%s\n", mo->lambda, mo->iterations,
		mo->trained ? "" : " (defaults: too few pairs)");
	for (int f = 0; f < set->spec->nfields; f++) {
		const struct match_field *fd = &set->spec->fields[f];
		fprintf(stderr, "  %-18s", fd->name);
		for (int l = 1; l < mo->nlevels[f]; l++)
			fprintf(stderr, " %s m=%.4f u=%.5f;", match_level_name(fd->kind, l), mo->m[f][l],
				mo->u[f][l]);
		fputc('\n', stderr);
	}
}

int cmd_match(struct cli *c)
{
	struct cli_args a;
	const char *arg, *config = NULL, *in[2] = { NULL, NULL };
	double threshold = -1;
	int pairs = 0, stats = 0, nin = 0, ret = ST_BAD_INPUT;
	enum match_format fmt = MATCH_CSV;
	struct match_spec spec;
	struct match_set set;
	struct match_result res;
	struct buf out = BUF_INIT;
	double t;

	cli_args_init(&a, c, "match");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--config"))
			config = cli_value(&a, arg);
		else if (!strcmp(arg, "--threshold"))
			threshold = parse_threshold("match", cli_value(&a, arg));
		else if (!strcmp(arg, "--format"))
			fmt = parse_format("match", cli_value(&a, arg), NULL);
		else if (!strcmp(arg, "--pairs"))
			pairs = 1;
		else if (!strcmp(arg, "--stats"))
			stats = 1;
		else if (arg[0] == '-' && arg[1])
			cli_usage_error("match", "unknown option '%s'", arg);
		else if (nin < 2)
			in[nin++] = arg;
		else
			cli_usage_error("match", "at most two input files");
	}
	if (!config)
		cli_usage_error("match", "'--config FILE' is required");
	if (!nin)
		cli_usage_error("match", "no input file");
	match_spec_init(&spec);
	match_set_init(&set, &spec);
	match_result_init(&res);
	if (match_config_read(&spec, config))
		goto out;
	match_set_release(&set);
	match_set_init(&set, &spec);
	if (threshold > 0)
		spec.threshold = threshold;
	spec.link = nin == 2;
	t = now_seconds();
	for (int i = 0; i < nin; i++)
		if (match_set_read_csv(&set, in[i], i))
			goto out;
	res.seconds[0] = now_seconds() - t;
	if (match_run(&set, &res))
		goto out;
	if (pairs)
		match_print_pairs(&set, &res, spec.threshold, fmt, "id_a", "id_b", &out);
	else
		match_print_clusters(&set, &res, fmt, &out);
	write_out(&out);
	if (stats)
		print_stats(&set, &res);
	ret = ST_OK;
out:
	buf_release(&out);
	match_result_release(&res);
	match_set_release(&set);
	match_spec_release(&spec);
	return ret;
}

int cmd_dedupe(struct cli *c)
{
	struct cli_args a;
	const char *arg;
	double threshold = -1;
	int pairs = 0, stats = 0, ret = ST_BAD_INPUT;
	enum match_format fmt = MATCH_CSV;
	struct match_spec spec;
	struct match_set set;
	struct match_result res;
	struct buf out = BUF_INIT;
	struct db *db;
	double t;

	cli_args_init(&a, c, "dedupe");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--threshold"))
			threshold = parse_threshold("dedupe", cli_value(&a, arg));
		else if (!strcmp(arg, "--format"))
			fmt = parse_format("dedupe", cli_value(&a, arg), NULL);
		else if (!strcmp(arg, "--pairs"))
			pairs = 1;
		else if (!strcmp(arg, "--stats"))
			stats = 1;
		else
			cli_usage_error("dedupe", "unexpected argument '%s'", arg);
	}
	db = cli_open_db(c);
	match_spec_init(&spec);
	match_spec_people(&spec);
	if (threshold > 0)
		spec.threshold = threshold;
	match_set_init(&set, &spec);
	match_result_init(&res);
	t = now_seconds();
	if (match_store_load(db, &set))
		goto out;
	res.seconds[0] = now_seconds() - t;
	if (match_run(&set, &res))
		goto out;
	/* the duplicate check data packs report (with the default threshold's pairs) */
	if (match_check_save(db, &set, &res, date_today()))
		goto out;
	if (pairs) {
		match_print_pairs(&set, &res, spec.threshold, fmt, "person_id_a", "person_id_b", &out);
	} else {
		if (fmt == MATCH_CSV)
			buf_adds(&out, "person_id,cluster_id\n");
		match_print_clusters(&set, &res, fmt, &out);
	}
	write_out(&out);
	if (stats)
		print_stats(&set, &res);
	ret = ST_OK;
out:
	buf_release(&out);
	match_result_release(&res);
	match_set_release(&set);
	match_spec_release(&spec);
	db_close(&db);
	return ret;
}

/* ---- reach link births ---- */

/* one birth to reach, with where it belongs */
struct outreach {
	char *centre_code, *centre_name, *lsoa;
	char *row[9]; /* the births row as given */
};

static int cmp_outreach(const void *x, const void *y)
{
	const struct outreach *a = x, *b = y;
	int c = strcmp(a->centre_code, b->centre_code);

	if (c)
		return c;
	if ((c = strcmp(a->row[3], b->row[3])))
		return c;
	return strcmp(a->row[0], b->row[0]);
}

static const char *const births_header[9] = {
	"birth_id", "first_name", "last_name", "date_of_birth", "sex", "postcode",
	"mother_first_name", "mother_last_name", "mother_date_of_birth",
};

static const char area_sql[] =
	"SELECT c.code, c.name, p.lsoa_code FROM postcodes p\n"
	"JOIN reach_areas ra ON ra.lsoa_code = p.lsoa_code\n"
	"JOIN centres c ON c.id = ra.centre_id WHERE p.postcode = ? ORDER BY c.code";

/* the births not matched, each under every centre whose reach area holds
 * its postcode (or under "-" when none does) */
static int outreach_list(struct db *db, const char *path, const struct strmap *matched,
			 struct outreach **list, size_t *nlist)
{
	struct csv_reader r;
	struct db_stmt *st = db_prepare(db, area_sql);
	struct buf pc = BUF_INIT;
	int col[9], rc, ret = -1;
	size_t alloc = 0;

	if (!st)
		return error("cannot read reach areas: %s", db_errmsg(db));
	if (csv_open(&r, path)) {
		error("%s", r.err);
		goto out;
	}
	if (csv_read(&r) <= 0)
		goto out;
	for (int k = 0; k < 9; k++) {
		col[k] = -1;
		for (size_t i = 0; i < r.nfields; i++)
			if (!strcmp(csv_field(&r, i), births_header[k]))
				col[k] = (int)i;
	}
	while ((rc = csv_read(&r)) > 0) {
		const char *id = col[0] >= 0 ? csv_field(&r, (size_t)col[0]) : "";
		int64_t dummy;
		int found = 0;
		enum db_result dr;
		if (strmap_get(matched, id, &dummy))
			continue;
		buf_reset(&pc);
		if (col[5] >= 0 && !postcode_normalise(csv_field(&r, (size_t)col[5]), &pc)) {
			db_reset(st);
			db_bind_text(st, 1, pc.data);
		} else {
			buf_reset(&pc);
		}
		do {
			struct outreach *o;
			dr = pc.len ? db_step(st) : DB_DONE;
			if (dr == DB_ERROR) {
				error("cannot read reach areas: %s", db_errmsg(db));
				goto out;
			}
			if (dr != DB_ROW && found)
				break;
			XGROW(*list, alloc, *nlist + 1);
			o = &(*list)[(*nlist)++];
			o->centre_code = xstrdup(dr == DB_ROW ? db_col_text(st, 0) : "-");
			o->centre_name = xstrdup(dr == DB_ROW ? db_col_text(st, 1) : "no reach area");
			o->lsoa = xstrdup(dr == DB_ROW ? db_col_text(st, 2) : "");
			for (int k = 0; k < 9; k++)
				o->row[k] = xstrdup(col[k] >= 0 ? csv_field(&r, (size_t)col[k]) : "");
			found = 1;
		} while (dr == DB_ROW);
	}
	if (rc < 0) {
		error("'%s': %s", path, r.err);
		goto out;
	}
	ret = 0;
out:
	csv_release(&r);
	db_finalize(&st);
	buf_release(&pc);
	return ret;
}

static void print_outreach(const struct outreach *o, size_t n, int table, struct buf *out)
{
	if (!table) {
		buf_adds(out, "centre_code,centre_name,lsoa_code");
		for (int k = 0; k < 9; k++)
			buf_addf(out, ",%s", births_header[k]);
		buf_addch(out, '\n');
		for (size_t i = 0; i < n; i++) {
			csv_add_field(out, o[i].centre_code, 1);
			csv_add_field(out, o[i].centre_name, 0);
			csv_add_field(out, o[i].lsoa, 0);
			for (int k = 0; k < 9; k++)
				csv_add_field(out, o[i].row[k], 0);
			buf_addch(out, '\n');
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t count = 0;
		if (i == 0 || strcmp(o[i].centre_code, o[i - 1].centre_code)) {
			for (size_t j = i; j < n && !strcmp(o[j].centre_code, o[i].centre_code); j++)
				count++;
			buf_addf(out, "%s%s %s: %zu %s not registered\n", i ? "\n" : "",
				 o[i].centre_code, o[i].centre_name, count,
				 count == 1 ? "baby" : "babies");
		}
		buf_addf(out, "  %s  born %s  %s %s  %s %s  mother: %s %s\n", o[i].row[0],
			 o[i].row[3], *o[i].row[1] ? o[i].row[1] : "(no first name)", o[i].row[2],
			 *o[i].row[5] ? o[i].row[5] : "(no postcode)", o[i].lsoa, o[i].row[6],
			 o[i].row[7]);
	}
	if (!n)
		buf_adds(out, "every baby notified is registered\n");
}

int cmd_link(struct cli *c)
{
	struct cli_args a;
	const char *arg, *kind = NULL, *path = NULL;
	double threshold = -1;
	int pairs = 0, stats = 0, table = 0, ret = ST_BAD_INPUT;
	struct match_spec spec;
	struct match_set set;
	struct match_result res;
	struct buf out = BUF_INIT;
	struct strmap matched = STRMAP_INIT;
	struct outreach *list = NULL;
	size_t nlist = 0;
	struct db *db;

	cli_args_init(&a, c, "link");
	while ((arg = cli_next(&a))) {
		if (!strcmp(arg, "--threshold"))
			threshold = parse_threshold("link", cli_value(&a, arg));
		else if (!strcmp(arg, "--format"))
			parse_format("link", cli_value(&a, arg), &table);
		else if (!strcmp(arg, "--pairs"))
			pairs = 1;
		else if (!strcmp(arg, "--stats"))
			stats = 1;
		else if (arg[0] == '-' && arg[1])
			cli_usage_error("link", "unknown option '%s'", arg);
		else if (!kind)
			kind = arg;
		else if (!path)
			path = arg;
		else
			cli_usage_error("link", "unexpected argument '%s'", arg);
	}
	if (!kind || strcmp(kind, "births"))
		cli_usage_error("link", "usage: reach link births FILE");
	if (!path)
		cli_usage_error("link", "no births file");
	db = cli_open_db(c);
	match_spec_init(&spec);
	match_spec_births(&spec);
	if (threshold > 0)
		spec.threshold = threshold;
	match_set_init(&set, &spec);
	match_result_init(&res);
	if (match_store_children(db, &set) || match_births_read(&set, path))
		goto out;
	if (match_run(&set, &res))
		goto out;
	for (size_t k = 0; k < res.npairs; k++)
		if (res.pairs[k].prob >= spec.threshold)
			strmap_put(&matched, set.id[res.pairs[k].b], 1);
	if (pairs) {
		match_print_pairs(&set, &res, spec.threshold, MATCH_CSV, "person_id", "birth_id", &out);
	} else {
		if (outreach_list(db, path, &matched, &list, &nlist))
			goto out;
		qsort(list, nlist, sizeof(*list), cmp_outreach);
		print_outreach(list, nlist, table, &out);
	}
	write_out(&out);
	if (stats)
		print_stats(&set, &res);
	ret = ST_OK;
out:
	for (size_t i = 0; i < nlist; i++) {
		free(list[i].centre_code);
		free(list[i].centre_name);
		free(list[i].lsoa);
		for (int k = 0; k < 9; k++)
			free(list[i].row[k]);
	}
	free(list);
	strmap_release(&matched);
	buf_release(&out);
	match_result_release(&res);
	match_set_release(&set);
	match_spec_release(&spec);
	db_close(&db);
	return ret;
}
