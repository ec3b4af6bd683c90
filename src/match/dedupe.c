/* dedupe.c: the people of the store, birth notifications, and printing results */
#include "match.h"
#include "../store/db.h"
#include "../csv/csv.h"
#include "../search/search.h"
#include "../util/text.h"
#include "../util/util.h"

/* ---- output ---- */

static void json_string(struct buf *out, const char *s)
{
	buf_addch(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			buf_addf(out, "\\%c", c);
		else if (c < 0x20)
			buf_addf(out, "\\u%04x", c);
		else
			buf_addch(out, (char)c);
	}
	buf_addch(out, '"');
}

void match_print_clusters(const struct match_set *set, const struct match_result *res,
			  enum match_format fmt, struct buf *out)
{
	if (fmt == MATCH_JSON) {
		buf_adds(out, "[");
		for (size_t i = 0; i < set->n; i++) {
			buf_adds(out, i ? ",\n {\"id\": " : "\n {\"id\": ");
			json_string(out, set->id[i]);
			buf_adds(out, ", \"cluster_id\": ");
			json_string(out, set->id[res->cluster[i]]);
			buf_adds(out, "}");
		}
		buf_adds(out, set->n ? "\n]\n" : "]\n");
		return;
	}
	for (size_t i = 0; i < set->n; i++) {
		csv_add_field(out, set->id[i], 1);
		csv_add_field(out, set->id[res->cluster[i]], 0);
		buf_addch(out, '\n');
	}
}

void match_print_pairs(const struct match_set *set, const struct match_result *res, double min_prob,
		       enum match_format fmt, const char *id_a, const char *id_b, struct buf *out)
{
	const struct match_spec *sp = set->spec;
	uint8_t lv[MATCH_MAX_FIELDS];
	double fw[MATCH_MAX_FIELDS];
	int first = 1;

	if (fmt == MATCH_CSV) {
		buf_addf(out, "%s,%s,match_probability,match_weight", id_a, id_b);
		for (int f = 0; f < sp->nfields; f++)
			buf_addf(out, ",%s_weight", sp->fields[f].name);
		buf_addch(out, '\n');
	} else {
		buf_adds(out, "[");
	}
	for (size_t k = 0; k < res->npairs; k++) {
		const struct match_pair *p = &res->pairs[k];
		if (p->prob < min_prob)
			continue;
		match_unpack(set, p->pattern, lv);
		match_pair_weight(set, &res->model, lv, p->a, p->b, fw);
		if (fmt == MATCH_CSV) {
			csv_add_field(out, set->id[p->a], 1);
			csv_add_field(out, set->id[p->b], 0);
			buf_addf(out, ",%.6f,%.3f", p->prob, p->weight);
			for (int f = 0; f < sp->nfields; f++)
				buf_addf(out, ",%.3f", fw[f]);
			buf_addch(out, '\n');
			continue;
		}
		buf_adds(out, first ? "\n {" : ",\n {");
		first = 0;
		json_string(out, id_a);
		buf_adds(out, ": ");
		json_string(out, set->id[p->a]);
		buf_adds(out, ", ");
		json_string(out, id_b);
		buf_adds(out, ": ");
		json_string(out, set->id[p->b]);
		buf_addf(out, ", \"match_probability\": %.6f, \"match_weight\": %.3f, \"fields\": {",
			 p->prob, p->weight);
		for (int f = 0; f < sp->nfields; f++) {
			buf_adds(out, f ? ", " : "");
			json_string(out, sp->fields[f].name);
			buf_addf(out, ": {\"level\": \"%s\", \"weight\": %.3f}",
				 match_level_name(sp->fields[f].kind, lv[f]), fw[f]);
		}
		buf_addf(out, "}, \"twins\": %s}", match_twins(sp, lv) ? "true" : "false");
	}
	if (fmt == MATCH_JSON)
		buf_adds(out, first ? "]\n" : "\n]\n");
}

/* ---- the store ---- */

void match_spec_people(struct match_spec *s)
{
	match_spec_field(s, "first_name", MK_FIRST);
	match_spec_field(s, "surname", MK_SURNAME);
	match_spec_field(s, "dob", MK_DOB);
	match_spec_field(s, "sex", MK_SEX);
	match_spec_field(s, "postcode", MK_POSTCODE);
	match_spec_default_rules(s);
}

static const char people_sql[] =
	"SELECT p.ext_id, p.first_name, p.last_name, p.date_of_birth, p.sex, f.postcode\n"
	"FROM people p JOIN families f ON f.id = p.family_id ORDER BY p.id";

/* run constant SQL whose columns are: id, then one per field */
static int load_rows(struct db *db, const char *sql, struct match_set *set, int source)
{
	struct db_stmt *st = db_prepare(db, sql);
	const char *v[MATCH_MAX_FIELDS];
	enum db_result rc;

	if (!st)
		return error("cannot read people: %s", db_errmsg(db));
	while ((rc = db_step(st)) == DB_ROW) {
		for (int f = 0; f < set->spec->nfields; f++)
			v[f] = db_col_text(st, f + 1);
		match_set_add(set, db_col_text(st, 0), v, source, NULL);
	}
	db_finalize(&st);
	if (rc == DB_ERROR)
		return error("cannot read people: %s", db_errmsg(db));
	return 0;
}

int match_store_load(struct db *db, struct match_set *set)
{
	return load_rows(db, people_sql, set, 0);
}

/* ---- one person against the store ---- */

/* a person's id and the fields of match_spec_people */
#define PERSON_COLUMNS \
	"SELECT p.ext_id, p.first_name, p.last_name, p.date_of_birth, p.sex, f.postcode\n" \
	"FROM people p JOIN families f ON f.id = p.family_id\n"

/* the candidates: each lookup uses an index and brings the people some
 * default rules may hold for */
static const char *const query_sql[] = {
	/* the rules with the whole date of birth */
	PERSON_COLUMNS "WHERE p.date_of_birth = ?",
	/* the rules with a surname's key and the year (either name: "names"
	 * holds for names given the other way round) */
	PERSON_COLUMNS "WHERE p.name_key IN (?, ?) AND p.date_of_birth BETWEEN ? AND ?",
	/* the rules with the postcode */
	PERSON_COLUMNS "WHERE f.postcode = ?",
};

/* a name's sounds-like key, bound; NULL (matching nothing) when it has none */
static void bind_key(struct db_stmt *st, int idx, const char *name, struct buf *tmp)
{
	buf_reset(tmp);
	if (name)
		name_key(name, tmp);
	if (tmp->len)
		db_bind_text(st, idx, tmp->data);
	else
		db_bind_null(st, idx);
}

int match_store_query(struct db *db, const char *const *values, double min_prob,
		      struct match_store_hit **hits, size_t *nhits)
{
	struct match_spec spec;
	struct match_set set;
	struct match_model mo;
	struct strmap seen = STRMAP_INIT;
	struct match_hit *h = NULL;
	struct buf tmp = BUF_INIT, pc = BUF_INIT;
	int32_t dob = match_date_number(values[2] ? values[2] : "", NULL);
	const char *postcode = values[4] && *values[4] ? values[4] : NULL;
	char day[16], from[16], to[16];
	size_t n = 0;
	double people;
	int ret = -1;

	*hits = NULL;
	*nhits = 0;
	match_spec_init(&spec);
	match_spec_people(&spec);
	match_set_init(&set, &spec);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", (int)(dob / 10000), (int)(dob / 100 % 100),
		 (int)(dob % 100));
	snprintf(from, sizeof(from), "%04d-01-01", (int)(dob / 10000));
	snprintf(to, sizeof(to), "%04d-12-31", (int)(dob / 10000));
	for (size_t q = 0; q < ARRAY_LEN(query_sql); q++) {
		struct db_stmt *st;
		enum db_result rc;

		if ((q < 2 && !dob) || (q == 2 && !postcode))
			continue;
		st = db_prepare(db, query_sql[q]);
		if (!st) {
			error("cannot look people up: %s", db_errmsg(db));
			goto out;
		}
		if (q == 0) {
			db_bind_text(st, 1, day);
		} else if (q == 1) {
			bind_key(st, 1, values[1], &tmp);
			bind_key(st, 2, values[0], &tmp);
			db_bind_text(st, 3, from);
			db_bind_text(st, 4, to);
		} else {
			/* stored as the form writes it: "W2 1AB" */
			buf_reset(&pc);
			db_bind_text(st, 1, postcode_normalise(postcode, &pc) ? postcode : pc.data);
		}
		while ((rc = db_step(st)) == DB_ROW) {
			const char *id = db_col_text(st, 0), *v[MATCH_MAX_FIELDS];
			int64_t dummy;
			if (!id || strmap_get(&seen, id, &dummy))
				continue;
			strmap_put(&seen, id, 1);
			for (int f = 0; f < spec.nfields; f++)
				v[f] = db_col_text(st, f + 1);
			match_set_add(&set, id, v, 0, NULL);
		}
		db_finalize(&st);
		if (rc == DB_ERROR) {
			error("cannot look people up: %s", db_errmsg(db));
			goto out;
		}
	}
	/* the prior: one registration in ten is someone stored already, any
	 * one of the store's people (max(id) is their number near enough,
	 * read from the index without counting) */
	people = (double)db_query_int(db, "SELECT coalesce(max(id), 0) FROM people", NULL, 0);
	match_model_defaults(&mo, &spec);
	mo.lambda = 0.1 / (people > 1 ? people : 1);
	/* the candidates include everyone at the postcode, so a surname
	 * shared there is counted among them, against the whole store */
	mo.population = people;
	if (set.n)
		n = match_query(&set, &mo, values, min_prob, &h);
	*hits = xmalloc((n ? n : 1) * sizeof(**hits));
	for (size_t i = 0; i < n; i++) {
		(*hits)[i].ext_id = xstrdup(set.id[h[i].index]);
		(*hits)[i].hit = h[i];
	}
	*nhits = n;
	ret = 0;
out:
	free(h);
	buf_release(&tmp);
	buf_release(&pc);
	strmap_release(&seen);
	match_set_release(&set);
	match_spec_release(&spec);
	return ret;
}

void match_store_hits_release(struct match_store_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(hits[i].ext_id);
	free(hits);
}

/* births: the child's fields, then the mother's */
static const char *const birth_columns[][2] = {
	{ "first_name", "first_name" }, { "surname", "last_name" },
	{ "dob", "date_of_birth" }, { "sex", "sex" }, { "postcode", "postcode" },
	{ "mother_first_name", "mother_first_name" },
	{ "mother_surname", "mother_last_name" },
	{ "mother_dob", "mother_date_of_birth" },
};

void match_spec_births(struct match_spec *s)
{
	static const enum match_kind k[] = { MK_FIRST, MK_SURNAME, MK_DOB, MK_SEX, MK_POSTCODE,
					     MK_FIRST, MK_SURNAME, MK_DOB };

	for (size_t i = 0; i < ARRAY_LEN(k); i++) {
		int f = match_spec_field(s, birth_columns[i][0], k[i]);
		s->fields[f].columns[0] = xstrdup(birth_columns[i][1]);
		s->fields[f].ncolumns = 1;
	}
	s->id_column = xstrdup("birth_id");
	s->link = 1;
	/* a baby may not be named yet: the date of birth and the mother carry it */
	match_spec_rule(s, "dob sex");
	match_spec_rule(s, "dob surname.initial");
	match_spec_rule(s, "dob postcode");
	match_spec_rule(s, "mother_dob mother_first_name.key");
	match_spec_rule(s, "postcode surname.key");
}

/* each child with the family's postcode and its mother (else a female
 * carer, else any carer) */
static const char children_sql[] =
	"SELECT c.ext_id, c.first_name, c.last_name, c.date_of_birth, c.sex, f.postcode,\n"
	"  m.first_name, m.last_name, m.date_of_birth\n"
	"FROM people c JOIN families f ON f.id = c.family_id\n"
	"LEFT JOIN people m ON m.id = (SELECT x.id FROM people x\n"
	"  WHERE x.family_id = c.family_id AND x.role = 'carer'\n"
	"  ORDER BY x.relationship = 'mother' DESC, x.sex = 'female' DESC, x.id LIMIT 1)\n"
	"WHERE c.role = 'child' ORDER BY c.id";

int match_store_children(struct db *db, struct match_set *set)
{
	return load_rows(db, children_sql, set, 0);
}

int match_births_read(struct match_set *set, const char *path)
{
	return match_set_read_csv(set, path, 1);
}

/* ---- the last duplicate check, kept in the store ---- */

int match_check_save(struct db *db, const struct match_set *set, const struct match_result *res, int32_t day)
{
	struct db_stmt *st = NULL;
	char num[32];
	int ret = -1, began = 0;

	if (db_begin(db))
		goto out;
	began = 1;
	if (db_exec(db, "DELETE FROM match_check_pairs"))
		goto out;
	if (!(st = db_prepare(db, "INSERT OR REPLACE INTO match_check_pairs(person_a, person_b, prob) VALUES (?, ?, ?)")))
		goto out;
	/* pairs come best first: stop at the first below the review queue's floor */
	for (size_t i = 0; i < res->npairs && res->pairs[i].prob >= MATCH_REVIEW_MIN_PROB; i++) {
		const char *a = set->id[res->pairs[i].a], *b = set->id[res->pairs[i].b];

		db_reset(st);
		db_bind_text(st, 1, strcmp(a, b) < 0 ? a : b);
		db_bind_text(st, 2, strcmp(a, b) < 0 ? b : a);
		db_bind_double(st, 3, res->pairs[i].prob);
		if (db_step(st) != DB_DONE)
			goto out;
	}
	db_finalize(&st);
	snprintf(num, sizeof(num), "%lld", (long long)db_generation(db));
	if (db_setting_set(db, "match_check_generation", num))
		goto out;
	snprintf(num, sizeof(num), "%ld", (long)day);
	if (db_setting_set(db, "match_check_day", num) || db_commit(db))
		goto out;
	began = 0;
	ret = 0;
out:
	if (ret)
		error("saving the duplicate check: %s", db_errmsg(db));
	db_finalize(&st);
	if (began)
		db_rollback(db);
	return ret;
}

int match_check_load(struct db *db, struct match_check *c)
{
	struct db_stmt *st = NULL;
	enum db_result r;
	size_t alloc = 0;
	int64_t v;

	memset(c, 0, sizeof(*c));
	if (db_setting_get_int(db, "match_check_day", -1, &v))
		return -1;
	if (v < 0)
		return 0;
	c->found = 1;
	c->day = (int32_t)v;
	if (db_setting_get_int(db, "match_check_generation", -1, &c->generation))
		return -1;
	if (!(st = db_prepare(db, "SELECT person_a, person_b FROM match_check_pairs")))
		return error("reading the duplicate check: %s", db_errmsg(db));
	while ((r = db_step(st)) == DB_ROW) {
		XGROW(c->ids, alloc, 2 * c->npairs + 2);
		c->ids[2 * c->npairs] = xstrdup(db_col_text(st, 0));
		c->ids[2 * c->npairs + 1] = xstrdup(db_col_text(st, 1));
		c->npairs++;
	}
	db_finalize(&st);
	if (r == DB_ERROR) {
		match_check_release(c);
		return error("reading the duplicate check: %s", db_errmsg(db));
	}
	return 0;
}

void match_check_release(struct match_check *c)
{
	for (size_t i = 0; i < 2 * c->npairs; i++)
		free(c->ids[i]);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}
