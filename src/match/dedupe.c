/* dedupe.c: the people of the store, birth notifications, and printing results */
#include "match.h"
#include "../store/db.h"
#include "../csv/csv.h"
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
		if (fmt == MATCH_CSV) {
			csv_add_field(out, set->id[p->a], 1);
			csv_add_field(out, set->id[p->b], 0);
			buf_addf(out, ",%.6f,%.3f", p->prob, p->weight);
			for (int f = 0; f < sp->nfields; f++)
				buf_addf(out, ",%.3f",
					 match_field_weight(set, &res->model, f, lv[f], p->a, p->b));
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
				 match_level_name(sp->fields[f].kind, lv[f]),
				 match_field_weight(set, &res->model, f, lv[f], p->a, p->b));
		}
		buf_adds(out, "}}");
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
