/* config.c: the fields to compare, the generic mode's config file, records from any CSV */
#include "match.h"
#include "../csv/csv.h"
#include "../search/search.h"
#include "../util/text.h"
#include "../util/util.h"

#include <ctype.h>

/* ---- the spec ---- */

void match_spec_init(struct match_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->threshold = 0.9;
	s->guard = 0.001;
	s->max_block = 1000;
	s->first_field = s->surname_field = s->dob_field = s->postcode_field = -1;
}

void match_spec_release(struct match_spec *s)
{
	for (int f = 0; f < s->nfields; f++) {
		free(s->fields[f].name);
		for (int c = 0; c < s->fields[f].ncolumns; c++)
			free(s->fields[f].columns[c]);
		free(s->fields[f].date_format);
	}
	free(s->id_column);
	free(s->truth_column);
	match_spec_init(s);
}

int match_spec_field(struct match_spec *s, const char *name, enum match_kind kind)
{
	struct match_field *fd;

	if (s->nfields >= MATCH_MAX_FIELDS)
		BUG("more than %d match fields", MATCH_MAX_FIELDS);
	fd = &s->fields[s->nfields];
	memset(fd, 0, sizeof(*fd));
	fd->name = xstrdup(name);
	fd->kind = kind;
	fd->tf = kind != MK_SEX && kind != MK_DOB;
	if (kind == MK_FIRST && s->first_field < 0)
		s->first_field = s->nfields;
	if (kind == MK_SURNAME && s->surname_field < 0)
		s->surname_field = s->nfields;
	if (kind == MK_DOB && s->dob_field < 0)
		s->dob_field = s->nfields;
	if (kind == MK_POSTCODE && s->postcode_field < 0)
		s->postcode_field = s->nfields;
	return s->nfields++;
}

static int field_by_name(const struct match_spec *s, const char *name, size_t len)
{
	for (int f = 0; f < s->nfields; f++)
		if (strlen(s->fields[f].name) == len && !strncmp(s->fields[f].name, name, len))
			return f;
	return -1;
}

static const struct {
	const char *name;
	enum match_part part;
} parts[] = {
	{ "key", MP_KEY }, { "initial", MP_INITIAL }, { "year", MP_YEAR },
	{ "sector", MP_SECTOR }, { "district", MP_DISTRICT }, { "value", MP_VALUE },
	{ "prefix", MP_PREFIX }, { "user", MP_USER }, { "domain", MP_DOMAIN },
};

/* may field kind k be blocked on part p? */
static int part_fits(enum match_kind k, enum match_part p)
{
	switch (p) {
	case MP_VALUE:
	case MP_INITIAL:
		return 1;
	case MP_KEY:
		return k == MK_FIRST || k == MK_SURNAME;
	case MP_YEAR:
		return k == MK_DOB;
	case MP_SECTOR:
	case MP_DISTRICT:
		return k == MK_POSTCODE;
	case MP_PREFIX:
		return k != MK_DOB && k != MK_SEX;
	case MP_USER:
	case MP_DOMAIN:
		return k == MK_TEXT || k == MK_EMAIL;
	case MP_NAMES:
	case MP_NAMES_PREFIX:
		return 0;
	}
	return 0;
}

int match_spec_rule(struct match_spec *s, const char *text)
{
	struct match_rule r;
	const char *p = text;

	memset(&r, 0, sizeof(r));
	if (s->nrules >= MATCH_MAX_RULES)
		return error("more than %d blocking rules", MATCH_MAX_RULES);
	while (*p) {
		const char *start, *dot = NULL;
		size_t len;
		int f;
		enum match_part part = MP_VALUE;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && !isspace((unsigned char)*p)) {
			if (*p == '.' && !dot)
				dot = p;
			p++;
		}
		len = (size_t)((dot ? dot : p) - start);
		if (len == 5 && !strncmp(start, "names", 5) &&
		    (!dot || (p - dot == 7 && !strncmp(dot, ".prefix", 7)))) {
			if (s->first_field < 0 || s->surname_field < 0)
				return error("blocking rule '%s': 'names' needs a first name and a "
					     "surname field", text);
			if (r.nkeys >= MATCH_MAX_RULE_KEYS)
				return error("blocking rule '%s': more than %d keys", text,
					     MATCH_MAX_RULE_KEYS);
			r.keys[r.nkeys].field = s->first_field;
			r.keys[r.nkeys].part = dot ? MP_NAMES_PREFIX : MP_NAMES;
			r.nkeys++;
			continue;
		}
		f = field_by_name(s, start, len);
		if (f < 0)
			return error("blocking rule '%s': no field '%.*s'", text, (int)len, start);
		if (dot) {
			size_t plen = (size_t)(p - dot - 1), k;
			for (k = 0; k < ARRAY_LEN(parts); k++)
				if (strlen(parts[k].name) == plen && !strncmp(parts[k].name, dot + 1, plen))
					break;
			if (k == ARRAY_LEN(parts))
				return error("blocking rule '%s': '%.*s' is not key, initial, year, "
					     "sector, district, prefix, user or value", text, (int)plen, dot + 1);
			part = parts[k].part;
		}
		if (!part_fits(s->fields[f].kind, part))
			return error("blocking rule '%s': field '%s' has no %s", text,
				     s->fields[f].name, dot + 1);
		if (r.nkeys >= MATCH_MAX_RULE_KEYS)
			return error("blocking rule '%s': more than %d keys", text,
				     MATCH_MAX_RULE_KEYS);
		r.keys[r.nkeys].field = f;
		r.keys[r.nkeys].part = part;
		r.nkeys++;
	}
	if (!r.nkeys)
		return error("blocking rule is empty");
	s->rules[s->nrules++] = r;
	return 0;
}

static int field_of_kind(const struct match_spec *s, enum match_kind k)
{
	for (int f = 0; f < s->nfields; f++)
		if (s->fields[f].kind == k)
			return f;
	return -1;
}

/* add a rule of up to three keys (a missing field: no rule) */
static void add_rule3(struct match_spec *s, int f1, enum match_part p1, int f2,
		      enum match_part p2, int f3, enum match_part p3)
{
	struct match_rule *r;
	int f[3] = { f1, f2, f3 };
	enum match_part p[3] = { p1, p2, p3 };

	if (s->nrules >= MATCH_MAX_RULES)
		return;
	for (int k = 0; k < 3; k++)
		if (f[k] < 0 && f[k] != -2)
			return;
	r = &s->rules[s->nrules++];
	memset(r, 0, sizeof(*r));
	for (int k = 0; k < 3; k++) {
		if (f[k] == -2)
			continue;
		r->keys[r->nkeys].field = f[k];
		r->keys[r->nkeys].part = p[k];
		r->nkeys++;
	}
}

void match_spec_default_rules(struct match_spec *s)
{
	int fn = s->first_field, sn = s->surname_field;
	int dob = field_of_kind(s, MK_DOB), pc = field_of_kind(s, MK_POSTCODE);
	int name = fn >= 0 ? fn : sn;

	if (pc < 0)
		pc = field_of_kind(s, MK_CODE);
	/* the same date of birth and a name starting alike (a typo in one name) */
	add_rule3(s, dob, MP_VALUE, name, MP_INITIAL, -2, MP_VALUE);
	add_rule3(s, dob, MP_VALUE, sn, MP_INITIAL, -2, MP_VALUE);
	/* the date mistyped: both names sound alike, in either order, same year */
	if (fn >= 0 && sn >= 0)
		add_rule3(s, fn, MP_NAMES, dob, MP_YEAR, -2, MP_VALUE);
	else
		add_rule3(s, name, MP_KEY, dob, MP_YEAR, -2, MP_VALUE);
	/* the date and one name mistyped */
	add_rule3(s, fn, MP_KEY, sn, MP_INITIAL, dob, MP_YEAR);
	add_rule3(s, sn, MP_KEY, fn, MP_INITIAL, dob, MP_YEAR);
	/* no date, or a wrong one: first name and where they live */
	add_rule3(s, pc, MP_VALUE, name, MP_KEY, -2, MP_VALUE);
	/* one household's address: the first name missing or mistyped and the
	 * date wrong, or the names given the other way round */
	if (fn >= 0 && sn >= 0) {
		add_rule3(s, pc, MP_VALUE, sn, MP_KEY, -2, MP_VALUE);
		add_rule3(s, pc, MP_VALUE, fn, MP_NAMES, -2, MP_VALUE);
	}
	/* both names changed (a new surname, a name given the other way) */
	add_rule3(s, dob, MP_VALUE, pc, MP_VALUE, -2, MP_VALUE);
	/* an ID number (any plain code but the postcode) alone */
	for (int f = 0; f < s->nfields; f++)
		if (s->fields[f].kind == MK_CODE && f != pc)
			add_rule3(s, f, MP_VALUE, -2, MP_VALUE, -2, MP_VALUE);
}

/* ---- the config file ---- */

int match_parse_probability(const char *text, double *out)
{
	double v;

	if (parse_double(text, &v) || !(v > 0.0 && v < 1.0))
		return -1;
	*out = v;
	return 0;
}

static const struct {
	const char *name;
	enum match_kind kind;
} kinds[] = {
	{ "first", MK_FIRST }, { "first_name", MK_FIRST }, { "given_name", MK_FIRST },
	{ "surname", MK_SURNAME }, { "last_name", MK_SURNAME },
	{ "dob", MK_DOB }, { "date_of_birth", MK_DOB }, { "date", MK_DOB },
	{ "sex", MK_SEX }, { "postcode", MK_POSTCODE }, { "code", MK_CODE },
	{ "plain", MK_CODE }, { "text", MK_TEXT }, { "email", MK_EMAIL },
};

static int kind_by_name(const char *name, enum match_kind *k)
{
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i].name, name)) {
			*k = kinds[i].kind;
			return 0;
		}
	return -1;
}

/* one `NAME = COLUMN... [(OPTION)]` or `KIND NAME = ...` line */
static int config_field(struct match_spec *s, const char *path, size_t lineno, char *key,
			char *value)
{
	char *sp = strchr(key, ' '), *opt = strchr(value, '('), *tok, *next;
	enum match_kind kind = MK_TEXT;
	const char *name = key;
	int f;

	if (sp) {
		*sp = '\0';
		name = str_trim(sp + 1);
		if (kind_by_name(key, &kind))
			return error("%s:%zu: '%s' is not a field kind (first_name, surname, dob, "
				     "sex, postcode, code, text, email)", path, lineno, key);
	} else if (kind_by_name(key, &kind)) {
		kind = MK_TEXT;
	}
	if (opt) {
		char *close = strchr(opt, ')');
		if (!close)
			return error("%s:%zu: '(' without ')'", path, lineno);
		*close = '\0';
		*opt++ = '\0';
		opt = str_trim(opt);
		if (kind == MK_DOB) {
			if (strcmp(opt, "YYYYMMDD") && strcmp(opt, "YYYY-MM-DD") &&
			    strcmp(opt, "DD/MM/YYYY"))
				return error("%s:%zu: date format '%s' is not YYYYMMDD, YYYY-MM-DD "
					     "or DD/MM/YYYY", path, lineno, opt);
		} else if (!strcmp(opt, "plain")) {
			kind = MK_CODE;
		} else if (!strcmp(opt, "uk")) {
			kind = MK_POSTCODE;
		} else if (kind_by_name(opt, &kind)) {
			return error("%s:%zu: '%s' is not a field kind", path, lineno, opt);
		}
	}
	if (!*name || field_by_name(s, name, strlen(name)) >= 0)
		return error("%s:%zu: field '%s' given twice", path, lineno, name);
	if (s->nfields >= MATCH_MAX_FIELDS)
		return error("%s:%zu: more than %d fields", path, lineno, MATCH_MAX_FIELDS);
	f = match_spec_field(s, name, kind);
	if (kind == MK_DOB && opt)
		s->fields[f].date_format = xstrdup(opt);
	for (tok = value; tok; tok = next) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		next = strpbrk(tok, " \t");
		if (next)
			*next++ = '\0';
		if (!*tok)
			continue;
		if (s->fields[f].ncolumns >= 4)
			return error("%s:%zu: more than 4 columns for '%s'", path, lineno, name);
		s->fields[f].columns[s->fields[f].ncolumns++] = xstrdup(tok);
	}
	if (!s->fields[f].ncolumns)
		return error("%s:%zu: field '%s' names no column", path, lineno, name);
	return 0;
}

int match_config_read(struct match_spec *s, const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	size_t lineno = 0;
	struct buf rules = BUF_INIT; /* rule lines, NUL-separated: fields come first */
	int ret = -1;

	if (!fp)
		return error("cannot open config '%s'", path);
	while (fgets(line, sizeof(line), fp)) {
		char *eq, *key, *value, *hash = strchr(line, '#');
		lineno++;
		if (hash)
			*hash = '\0';
		key = str_trim(line);
		if (!*key)
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			error("%s:%zu: expected 'name = value'", path, lineno);
			goto out;
		}
		*eq = '\0';
		key = str_trim(key);
		value = str_trim(eq + 1);
		if (!*value) {
			error("%s:%zu: '%s' has no value", path, lineno, key);
			goto out;
		}
		if (!strcmp(key, "id")) {
			free(s->id_column);
			s->id_column = xstrdup(value);
		} else if (!strcmp(key, "truth")) {
			free(s->truth_column);
			s->truth_column = xstrdup(value);
		} else if (!strcmp(key, "threshold")) {
			if (match_parse_probability(value, &s->threshold)) {
				error("%s:%zu: threshold '%s' is not a probability between 0 and 1",
				      path, lineno, value);
				goto out;
			}
		} else if (!strcmp(key, "max_block")) {
			int n;
			if (parse_int(value, 2, 1000000, &n)) {
				error("%s:%zu: max_block '%s' is not a number from 2 to 1000000",
				      path, lineno, value);
				goto out;
			}
			s->max_block = (size_t)n;
		} else if (!strcmp(key, "block")) {
			buf_addf(&rules, "%zu:", lineno);
			buf_add(&rules, value, strlen(value) + 1);
		} else if (config_field(s, path, lineno, key, value)) {
			goto out;
		}
	}
	if (!s->id_column) {
		error("%s: no 'id = COLUMN' line", path);
		goto out;
	}
	if (!s->nfields) {
		error("%s: no fields to compare", path);
		goto out;
	}
	for (size_t off = 0; off < rules.len; off += strlen(rules.data + off) + 1) {
		const char *r = strchr(rules.data + off, ':') + 1;
		if (match_spec_rule(s, r)) {
			fprintf(stderr, "reach: (in %s, line %.*s)\n", path,
				(int)(r - 1 - (rules.data + off)), rules.data + off);
			goto out;
		}
	}
	if (!s->nrules)
		match_spec_default_rules(s);
	if (!s->nrules) {
		error("%s: no blocking rule (add 'block = FIELD')", path);
		goto out;
	}
	ret = 0;
out:
	fclose(fp);
	buf_release(&rules);
	return ret;
}

/* ---- interned values ---- */

static void dict_init(struct match_dict *d)
{
	memset(d, 0, sizeof(*d));
	XGROW(d->str, d->alloc, 1);
	d->count = xcalloc(d->alloc, sizeof(*d->count));
	d->key = xcalloc(d->alloc, sizeof(*d->key));
	d->group = xcalloc(d->alloc, sizeof(*d->group));
	d->str[0] = xstrdup("");
	d->n = 1;
}

static void dict_release(struct match_dict *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->str[i]);
	free(d->str);
	free(d->count);
	free(d->key);
	free(d->group);
	strmap_release(&d->map);
	memset(d, 0, sizeof(*d));
}

/* the id of s (added if new); *is_new says whether it was */
static uint32_t dict_intern(struct match_dict *d, const char *s, int *is_new)
{
	int64_t v;

	if (is_new)
		*is_new = 0;
	if (!*s)
		return 0;
	if (strmap_get(&d->map, s, &v))
		return (uint32_t)v;
	if (d->n + 1 > d->alloc) {
		size_t old = d->alloc;
		XGROW(d->str, d->alloc, d->n + 1);
		d->count = xrealloc(d->count, d->alloc * sizeof(*d->count));
		d->key = xrealloc(d->key, d->alloc * sizeof(*d->key));
		d->group = xrealloc(d->group, d->alloc * sizeof(*d->group));
		memset(d->count + old, 0, (d->alloc - old) * sizeof(*d->count));
		memset(d->key + old, 0, (d->alloc - old) * sizeof(*d->key));
		memset(d->group + old, 0, (d->alloc - old) * sizeof(*d->group));
	}
	d->str[d->n] = xstrdup(s);
	strmap_put(&d->map, s, (int64_t)d->n);
	if (is_new)
		*is_new = 1;
	return (uint32_t)d->n++;
}

void match_set_init(struct match_set *set, const struct match_spec *spec)
{
	memset(set, 0, sizeof(*set));
	set->spec = spec;
	for (int f = 0; f < spec->nfields; f++) {
		dict_init(&set->dict[f]);
		dict_init(&set->keys[f]);
	}
}

void match_set_release(struct match_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->id[i]);
		if (set->truth)
			free(set->truth[i]);
	}
	free(set->id);
	free(set->truth);
	free(set->source);
	for (int f = 0; f < MATCH_MAX_FIELDS; f++) {
		free(set->val[f]);
		free(set->key[f]);
		free(set->key2[f]);
		free(set->num[f]);
		if (set->spec && f < set->spec->nfields) {
			dict_release(&set->dict[f]);
			dict_release(&set->keys[f]);
		}
	}
	u64map_release(&set->fullname);
	u64map_release(&set->groups);
	u64map_release(&set->households);
	memset(set, 0, sizeof(*set));
}

int32_t match_date_number(const char *text, const char *format)
{
	char d[9];
	size_t n = 0;
	int64_t v;

	if (!text)
		return 0;
	while (*text == ' ')
		text++;
	if (format && !strcmp(format, "DD/MM/YYYY")) {
		/* DD/MM/YYYY: reorder */
		if (strlen(text) < 10 || text[2] != '/' || text[5] != '/')
			return 0;
		memcpy(d, text + 6, 4);
		memcpy(d + 4, text + 3, 2);
		memcpy(d + 6, text, 2);
		n = 8;
	} else {
		for (const char *p = text; *p && n < 9; p++) {
			if (isdigit((unsigned char)*p))
				d[n++] = *p;
			else if (*p != '-' && *p != '/' && *p != ' ')
				return 0;
		}
	}
	if (n != 8)
		return 0;
	d[8] = '\0';
	if (parse_i64(d, 1, 99991231, &v))
		return 0;
	return (int32_t)v;
}

/* the comparable text of a raw value of kind k, into out */
static void normalise(enum match_kind k, const char *raw, struct buf *out)
{
	const char *p;

	buf_reset(out);
	switch (k) {
	case MK_FIRST:
	case MK_SURNAME:
		name_fold(raw, out);
		break;
	case MK_SEX:
		while (*raw == ' ')
			raw++;
		if (*raw == 'f' || *raw == 'F')
			buf_addch(out, 'f');
		else if (*raw == 'm' || *raw == 'M')
			buf_addch(out, 'm');
		else if (*raw)
			buf_addch(out, 'o');
		break;
	case MK_POSTCODE:
		/* not a UK postcode: compared as a code */
		if (!postcode_normalise(raw, out))
			break;
		/* fall through */
	case MK_CODE:
	case MK_EMAIL:
		for (p = raw; *p; p++)
			if (!isspace((unsigned char)*p))
				buf_addch(out, (char)tolower((unsigned char)*p));
		break;
	case MK_TEXT:
	default:
		for (p = raw; *p; p++) {
			if (isspace((unsigned char)*p)) {
				if (out->len && out->data[out->len - 1] != ' ')
					buf_addch(out, ' ');
			} else {
				buf_addch(out, (char)tolower((unsigned char)*p));
			}
		}
		if (out->len && out->data[out->len - 1] == ' ')
			buf_setlen(out, out->len - 1);
		break;
	}
}

void match_set_add(struct match_set *set, const char *id, const char *const *values, int source,
		   const char *truth)
{
	const struct match_spec *sp = set->spec;
	struct buf norm = BUF_INIT, tmp = BUF_INIT;
	size_t i = set->n;

	if (set->n + 1 > set->alloc) {
		size_t old = set->alloc;
		XGROW(set->id, set->alloc, set->n + 1);
		set->source = xrealloc(set->source, set->alloc);
		if (truth || set->truth) {
			set->truth = xrealloc(set->truth, set->alloc * sizeof(*set->truth));
			if (!old)
				memset(set->truth, 0, set->alloc * sizeof(*set->truth));
		}
		for (int f = 0; f < sp->nfields; f++) {
			set->val[f] = xrealloc(set->val[f], set->alloc * sizeof(uint32_t));
			set->key[f] = xrealloc(set->key[f], set->alloc * sizeof(uint32_t));
			set->key2[f] = xrealloc(set->key2[f], set->alloc * sizeof(uint32_t));
			set->num[f] = xrealloc(set->num[f], set->alloc * sizeof(int32_t));
		}
	}
	set->id[i] = xstrdup(id);
	set->source[i] = (uint8_t)source;
	if (set->truth)
		set->truth[i] = truth ? xstrdup(truth) : NULL;
	for (int f = 0; f < sp->nfields; f++) {
		const char *raw = values[f] ? values[f] : "";
		enum match_kind k = sp->fields[f].kind;
		struct match_dict *d = &set->dict[f];
		uint32_t v;
		int is_new;

		set->key[f][i] = set->key2[f][i] = 0;
		set->num[f][i] = 0;
		if (k == MK_DOB) {
			int32_t n = match_date_number(raw, sp->fields[f].date_format);
			set->num[f][i] = n;
			buf_reset(&norm);
			if (n)
				buf_addf(&norm, "%08d", (int)n);
		} else {
			normalise(k, raw, &norm);
		}
		v = dict_intern(d, norm.data, &is_new);
		set->val[f][i] = v;
		if (!v)
			continue;
		d->count[v]++;
		set->nonnull[f]++;
		if (is_new && (k == MK_FIRST || k == MK_SURNAME)) {
			buf_reset(&tmp);
			name_key(raw, &tmp);
			d->key[v] = dict_intern(&set->keys[f], tmp.data, NULL);
			d->group[v] = match_variant_group(norm.data);
		} else if (is_new && k == MK_EMAIL) {
			/* the user part, counted for its term frequency */
			const char *at = strchr(norm.data, '@');
			buf_reset(&tmp);
			buf_add(&tmp, norm.data, at ? (size_t)(at - norm.data) : norm.len);
			d->key[v] = dict_intern(&set->keys[f], tmp.len ? tmp.data : "", NULL);
		} else if (is_new && k == MK_POSTCODE && strchr(norm.data, ' ')) {
			buf_reset(&tmp);
			postcode_sector(norm.data, &tmp);
			d->key[v] = dict_intern(&set->keys[f], tmp.data, NULL);
			buf_reset(&tmp);
			postcode_district(norm.data, &tmp);
			d->group[v] = dict_intern(&set->keys[f], tmp.data, NULL);
		}
		set->key[f][i] = d->key[v];
		set->key2[f][i] = d->group[v];
		if (k == MK_EMAIL && d->key[v])
			set->keys[f].count[d->key[v]]++;
	}
	match_set_count_names(set, i, 1);
	set->n++;
	buf_release(&norm);
	buf_release(&tmp);
}

uint64_t match_fullname(const struct match_set *set, size_t i)
{
	int ff = set->spec->first_field, sf = set->spec->surname_field;
	uint32_t a, b;

	if (ff < 0 || sf < 0)
		return 0;
	a = set->val[ff][i];
	b = set->val[sf][i];
	return a && b ? (uint64_t)a << 32 | b : 0;
}

void match_set_count_names(struct match_set *set, size_t i, int delta)
{
	const struct match_spec *sp = set->spec;
	uint64_t fn = match_fullname(set, i);

	if (fn) {
		u64map_add(&set->fullname, fn, delta);
		set->nfullname += (size_t)(ptrdiff_t)delta;
	}
	if (sp->surname_field >= 0 && sp->postcode_field >= 0 && set->val[sp->surname_field][i] &&
	    set->val[sp->postcode_field][i])
		u64map_add(&set->households,
			   (uint64_t)set->val[sp->surname_field][i] << 32 |
				   set->val[sp->postcode_field][i],
			   delta);
	for (int f = 0; f < sp->nfields; f++) {
		uint32_t v = set->val[f][i], g;
		if (!v || (sp->fields[f].kind != MK_FIRST && sp->fields[f].kind != MK_SURNAME))
			continue;
		g = set->dict[f].group[v];
		if (g)
			u64map_add(&set->groups, (uint64_t)f << 32 | g, delta);
	}
}

/* ---- reading a CSV with the spec's columns ---- */

static int column_index(struct csv_reader *r, const char *name)
{
	for (size_t c = 0; c < r->nfields; c++) {
		char *h = (char *)csv_field(r, c);
		if (!strcmp(str_trim(h), name))
			return (int)c;
	}
	return -1;
}

int match_set_read_csv(struct match_set *set, const char *path, int source)
{
	const struct match_spec *sp = set->spec;
	struct csv_reader r;
	int cols[MATCH_MAX_FIELDS][4], idc, truthc = -1, rc, ret = -1;
	struct buf vals[MATCH_MAX_FIELDS];
	const char *v[MATCH_MAX_FIELDS];
	size_t before = set->n;

	for (int f = 0; f < MATCH_MAX_FIELDS; f++)
		buf_init(&vals[f], 0);
	if (csv_open(&r, path)) {
		error("%s", r.err);
		csv_release(&r);
		goto done;
	}
	rc = csv_read(&r);
	if (rc <= 0) {
		if (rc < 0)
			error("'%s': %s", path, r.err);
		else
			error("'%s' is empty", path);
		goto out;
	}
	idc = column_index(&r, sp->id_column ? sp->id_column : "id");
	if (idc < 0) {
		error("'%s' has no column '%s'", path, sp->id_column ? sp->id_column : "id");
		goto out;
	}
	if (sp->truth_column && (truthc = column_index(&r, sp->truth_column)) < 0) {
		error("'%s' has no column '%s'", path, sp->truth_column);
		goto out;
	}
	for (int f = 0; f < sp->nfields; f++)
		for (int c = 0; c < sp->fields[f].ncolumns; c++)
			if ((cols[f][c] = column_index(&r, sp->fields[f].columns[c])) < 0) {
				error("'%s' has no column '%s' (field '%s')", path,
				      sp->fields[f].columns[c], sp->fields[f].name);
				goto out;
			}
	while ((rc = csv_read(&r)) > 0) {
		char *id = str_trim((char *)csv_field(&r, (size_t)idc));
		for (int f = 0; f < sp->nfields; f++) {
			buf_reset(&vals[f]);
			for (int c = 0; c < sp->fields[f].ncolumns; c++) {
				char *x = str_trim((char *)csv_field(&r, (size_t)cols[f][c]));
				if (!*x)
					continue;
				if (vals[f].len)
					buf_addch(&vals[f], ' ');
				buf_adds(&vals[f], x);
			}
			v[f] = vals[f].data;
		}
		match_set_add(set, id, v, source,
			      truthc >= 0 ? str_trim((char *)csv_field(&r, (size_t)truthc)) : NULL);
	}
	if (rc < 0) {
		error("'%s': %s", path, r.err);
		goto out;
	}
	if (set->n == before) {
		error("'%s' has no records", path);
		goto out;
	}
	ret = 0;
out:
	csv_release(&r);
done:
	for (int f = 0; f < MATCH_MAX_FIELDS; f++)
		buf_release(&vals[f]);
	return ret;
}
