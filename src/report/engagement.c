/* engagement.c: new families a month, and registered families not seen */
#include "engagement.h"
#include "reach_data.h"
#include "../util/date.h"
#include "../util/util.h"

static int in_filter(const struct centre_filter *cf, struct db_stmt *st, int col)
{
	int64_t c;

	if (!cf || !cf->ids)
		return 1;
	if (db_col_null(st, col))
		return 0;
	c = db_col_int(st, col);
	for (size_t i = 0; i < cf->n; i++)
		if (cf->ids[i] == c)
			return 1;
	return 0;
}

int32_t date_months_before(int32_t day, int months)
{
	int y, m, d, last;

	date_to_ymd(day, &y, &m, &d);
	m -= months;
	while (m < 1) {
		m += 12;
		y--;
	}
	/* clamp 31 March minus one month to 28/29 February */
	last = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > last ? last : d);
}

static int month_index(int32_t day, int y0, int m0)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return (y - y0) * 12 + (m - m0);
}

/* add each family row of `st` (centre, first registration, children's
 * registration dates) to the months it falls in */
static enum db_result tally_months(struct db_stmt *st, const struct centre_filter *cf, int32_t from,
				   int32_t to, int y0, int m0, struct month_count *v)
{
	enum db_result r;

	while ((r = db_step(st)) == DB_ROW) {
		const char *first = db_col_text(st, 1), *kids = db_col_text(st, 2);
		int32_t d;

		if (!in_filter(cf, st, 0))
			continue;
		if (first && !date_parse(first, &d) && d >= from && d <= to)
			v[month_index(d, y0, m0)].families++;
		/* children's registration dates, comma-separated ISO dates */
		for (const char *p = kids; p && *p;) {
			char one[11];
			size_t len = strcspn(p, ",");
			if (len == 10) {
				memcpy(one, p, 10);
				one[10] = '\0';
				if (!date_parse(one, &d) && d >= from && d <= to)
					v[month_index(d, y0, m0)].children++;
			}
			p += len + (p[len] == ',');
		}
	}
	return r;
}

int engagement_new_families(struct db *db, int32_t from, int32_t to, const struct centre_filter *cf,
			    struct month_count **out, size_t *n)
{
	struct db_stmt *st = NULL;
	struct month_count *v = NULL;
	int y0, m0, d0, nmonths, ret = -1;

	*out = NULL;
	*n = 0;
	date_to_ymd(from, &y0, &m0, &d0);
	nmonths = month_index(to, y0, m0) + 1;
	if (nmonths < 1)
		return 0;
	v = xcalloc((size_t)nmonths, sizeof(*v));
	for (int i = 0; i < nmonths; i++) {
		v[i].year = y0 + (m0 - 1 + i) / 12;
		v[i].month = (m0 - 1 + i) % 12 + 1;
	}
	/* a family's first registration, and each child's; for a few centres
	 * their families are found through the index on families.centre_id */
	st = db_prepare(db, cf && cf->ids
		? "SELECT f.centre_id, min(p.registered_on), "
		  "group_concat(CASE WHEN p.role = 'child' THEN p.registered_on END) "
		  "FROM families f JOIN people p ON p.family_id = f.id WHERE f.centre_id = ? GROUP BY f.id"
		: "SELECT f.centre_id, min(p.registered_on), "
		  "group_concat(CASE WHEN p.role = 'child' THEN p.registered_on END) "
		  "FROM people p JOIN families f ON f.id = p.family_id GROUP BY p.family_id");
	if (!st)
		goto out;
	for (size_t c = 0; c < (cf && cf->ids ? cf->n : 1); c++) {
		if (cf && cf->ids) {
			db_reset(st);
			db_bind_int(st, 1, cf->ids[c]);
		}
		if (tally_months(st, cf, from, to, y0, m0, v) == DB_ERROR) {
			error("new families: %s", db_errmsg(db));
			goto out;
		}
	}
	*out = v;
	*n = (size_t)nmonths;
	v = NULL;
	ret = 0;
out:
	free(v);
	db_finalize(&st);
	return ret;
}

struct fam_acc {
	int32_t registered; /* earliest registration, DATE_NONE before any */
	int under5;         /* children under 5 */
	int selected;       /* passes the centre filter */
	int seen;           /* a member attended in the window */
};

static int by_last_seen(const void *a, const void *b)
{
	const struct unseen_family *x = a, *y = b;

	if (x->last_seen != y->last_seen)
		return x->last_seen < y->last_seen ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* mark the families of the filter's centres, with their earliest
 * registration and children under 5 on `on` (index lookups only) */
static int unseen_select_centres(struct db *db, const struct centre_filter *cf, struct fam_acc *acc,
				 int64_t max_family, int32_t on)
{
	struct db_stmt *fam = db_prepare(db, "SELECT id FROM families WHERE centre_id = ?");
	struct db_stmt *ppl = db_prepare(db,
		"SELECT role, date_of_birth, registered_on FROM people WHERE family_id = ?");
	enum db_result r = DB_ERROR;

	if (!fam || !ppl)
		goto out;
	for (size_t i = 0; i < cf->n; i++) {
		db_bind_int(fam, 1, cf->ids[i]);
		while ((r = db_step(fam)) == DB_ROW) {
			int64_t fid = db_col_int(fam, 0);
			struct fam_acc *a;

			if (fid < 0 || fid > max_family)
				continue;
			a = &acc[fid];
			a->selected = 1;
			a->registered = DATE_NONE;
			db_bind_int(ppl, 1, fid);
			while ((r = db_step(ppl)) == DB_ROW) {
				const char *dob_s = db_col_text(ppl, 1);
				int32_t reg, dob;

				if (!date_parse(db_col_text(ppl, 2), &reg) && reg <= on &&
				    (a->registered == DATE_NONE || reg < a->registered))
					a->registered = reg;
				if (!strcmp(db_col_text(ppl, 0), "child") && dob_s && !date_parse(dob_s, &dob) &&
				    dob <= on && date_age(dob, on) < 5)
					a->under5++;
			}
			db_reset(ppl);
			if (r == DB_ERROR)
				goto out;
		}
		db_reset(fam);
		if (r == DB_ERROR)
			goto out;
	}
	r = DB_DONE;
out:
	db_finalize(&fam);
	db_finalize(&ppl);
	return r == DB_ERROR ? -1 : 0;
}

int engagement_unseen(struct db *db, int32_t on, int months, const struct centre_filter *cf,
		      struct unseen_list *out)
{
	struct db_stmt *st = NULL, *last = NULL;
	struct fam_acc *acc = NULL;
	uint8_t *person_seen = NULL;
	int64_t max_family, max_person;
	int32_t window = date_months_before(on, months) + 1;
	int filtered = cf && cf->ids;
	enum db_result r;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	max_family = db_query_int(db, "SELECT max(id) FROM families", NULL, 0);
	max_person = db_query_int(db, "SELECT max(id) FROM people", NULL, 0);
	acc = xcalloc((size_t)max_family + 1, sizeof(*acc));
	person_seen = xcalloc((size_t)max_person + 1, 1);

	if (filtered) {
		/* a few centres: walk their families through the indexes rather
		 * than reading the whole authority */
		if (unseen_select_centres(db, cf, acc, max_family, on))
			goto db_error;
		goto assemble;
	}
	if (!(st = db_prepare(db, "SELECT id, centre_id FROM families")))
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		if (id >= 0 && id <= max_family) {
			acc[id].selected = in_filter(cf, st, 1);
			acc[id].registered = DATE_NONE;
		}
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		goto db_error;

	/* who attended in the window: one range scan of the clustered table */
	if (!(st = db_prepare(db, "SELECT DISTINCT person_id FROM attendance WHERE day BETWEEN ? AND ?")))
		goto out;
	db_bind_int(st, 1, window);
	db_bind_int(st, 2, on);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t p = db_col_int(st, 0);
		if (p >= 0 && p <= max_person)
			person_seen[p] = 1;
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		goto db_error;

	if (!(st = db_prepare(db, "SELECT id, family_id, role, date_of_birth, registered_on FROM people")))
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		int64_t pid = db_col_int(st, 0), fid = db_col_int(st, 1);
		const char *dob_s = db_col_text(st, 3);
		int32_t reg, dob;
		struct fam_acc *a;

		if (fid < 0 || fid > max_family || !acc[fid].selected)
			continue;
		a = &acc[fid];
		if (pid >= 0 && pid <= max_person && person_seen[pid])
			a->seen = 1;
		if (!date_parse(db_col_text(st, 4), &reg) && reg <= on &&
		    (a->registered == DATE_NONE || reg < a->registered))
			a->registered = reg;
		if (!strcmp(db_col_text(st, 2), "child") && dob_s && !date_parse(dob_s, &dob) &&
		    dob <= on && date_age(dob, on) < 5)
			a->under5++;
	}
	db_finalize(&st);
	if (r == DB_ERROR)
		goto db_error;

assemble:
	if (!(st = db_prepare(db,
		"SELECT f.ext_id, f.postcode, c.code FROM families f LEFT JOIN centres c ON c.id = f.centre_id "
		"WHERE f.id = ?")) ||
	    !(last = db_prepare(db,
		"SELECT max(a.day) FROM people p JOIN attendance a ON a.person_id = p.id "
		"WHERE p.family_id = ? AND a.day <= ?")))
		goto out;
	for (int64_t f = 0; f <= max_family; f++) {
		struct unseen_family *u;
		const struct fam_acc *a = &acc[f];

		if (!a->selected || a->seen || a->registered == DATE_NONE || !a->under5)
			continue;
		if (filtered) {
			int32_t seen = DATE_NONE;
			db_bind_int(last, 1, f);
			db_bind_int(last, 2, on);
			if (db_step(last) == DB_ROW && !db_col_null(last, 0))
				seen = (int32_t)db_col_int(last, 0);
			db_reset(last);
			if (seen >= window)
				continue;
		}
		XGROW(out->v, out->alloc, out->n + 1);
		u = &out->v[out->n++];
		memset(u, 0, sizeof(*u));
		u->id = f;
		u->registered = a->registered;
		u->children_under5 = a->under5;
		u->last_seen = DATE_NONE;
		db_bind_int(st, 1, f);
		if (db_step(st) == DB_ROW) {
			u->family_id = xstrdup(db_col_text(st, 0));
			u->postcode = db_col_null(st, 1) ? NULL : xstrdup(db_col_text(st, 1));
			u->centre_code = db_col_null(st, 2) ? NULL : xstrdup(db_col_text(st, 2));
		} else {
			u->family_id = xstrdup("");
		}
		db_reset(st);
		db_bind_int(last, 1, f);
		db_bind_int(last, 2, on);
		if (db_step(last) == DB_ROW && !db_col_null(last, 0))
			u->last_seen = (int32_t)db_col_int(last, 0);
		db_reset(last);
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_last_seen);
	ret = 0;
	goto out;
db_error:
	error("families not seen: %s", db_errmsg(db));
out:
	if (ret)
		unseen_list_release(out);
	db_finalize(&st);
	db_finalize(&last);
	free(acc);
	free(person_seen);
	return ret;
}

void unseen_list_release(struct unseen_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].family_id);
		free(l->v[i].postcode);
		free(l->v[i].centre_code);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int centre_selected(const struct centre_filter *cf, int64_t centre_id)
{
	if (!cf || !cf->ids)
		return 1;
	for (size_t i = 0; i < cf->n; i++)
		if (cf->ids[i] == centre_id)
			return 1;
	return 0;
}

int engagement_new_families_data(const struct reach_data *d, int32_t from, int32_t to,
				 const struct centre_filter *cf, struct month_count **out, size_t *n)
{
	struct month_count *v;
	int y0, m0, d0, nmonths;

	*out = NULL;
	*n = 0;
	date_to_ymd(from, &y0, &m0, &d0);
	nmonths = month_index(to, y0, m0) + 1;
	if (nmonths < 1)
		return 0;
	v = xcalloc((size_t)nmonths, sizeof(*v));
	for (int i = 0; i < nmonths; i++) {
		v[i].year = y0 + (m0 - 1 + i) / 12;
		v[i].month = (m0 - 1 + i) % 12 + 1;
	}
	for (int64_t f = 1; f <= d->max_family; f++) {
		int32_t r = d->fam[f].first_registered;
		if (r != DATE_NONE && r >= from && r <= to && centre_selected(cf, d->fam[f].centre_id))
			v[month_index(r, y0, m0)].families++;
	}
	for (size_t i = 0; i < d->nchildren; i++) {
		const struct child *c = &d->children[i];
		if (c->registered_on != DATE_NONE && c->registered_on >= from && c->registered_on <= to &&
		    centre_selected(cf, d->fam[c->family].centre_id))
			v[month_index(c->registered_on, y0, m0)].children++;
	}
	*out = v;
	*n = (size_t)nmonths;
	return 0;
}

int engagement_new_families_by_centre_data(const struct reach_data *d, int32_t from, int32_t to,
					   const int64_t *ids, size_t n, struct month_count **out,
					   size_t *nmonths)
{
	struct month_count *v;
	size_t *row;
	int64_t max_id = 0;
	int y0, m0, d0, nm;

	*out = NULL;
	*nmonths = 0;
	date_to_ymd(from, &y0, &m0, &d0);
	nm = month_index(to, y0, m0) + 1;
	if (nm < 1)
		return 0;
	/* centres.id to its row, through an array as long as the largest id (0: no centre) */
	for (size_t i = 0; i < n; i++)
		if (ids[i] > max_id)
			max_id = ids[i];
	row = xmalloc(((size_t)max_id + 1) * sizeof(*row));
	for (int64_t c = 0; c <= max_id; c++)
		row[c] = n;
	for (size_t i = 0; i < n; i++)
		if (ids[i] > 0)
			row[ids[i]] = i;
	v = xcalloc((n + 1) * (size_t)nm, sizeof(*v));
	for (size_t i = 0; i <= n; i++)
		for (int k = 0; k < nm; k++) {
			v[i * (size_t)nm + (size_t)k].year = y0 + (m0 - 1 + k) / 12;
			v[i * (size_t)nm + (size_t)k].month = (m0 - 1 + k) % 12 + 1;
		}
#define ROW_OF(centre) ((centre) > 0 && (centre) <= max_id ? row[(centre)] : n)
	for (int64_t f = 1; f <= d->max_family; f++) {
		int32_t r = d->fam[f].first_registered;
		if (r != DATE_NONE && r >= from && r <= to)
			v[ROW_OF(d->fam[f].centre_id) * (size_t)nm + (size_t)month_index(r, y0, m0)].families++;
	}
	for (size_t i = 0; i < d->nchildren; i++) {
		const struct child *c = &d->children[i];
		if (c->registered_on != DATE_NONE && c->registered_on >= from && c->registered_on <= to)
			v[ROW_OF(d->fam[c->family].centre_id) * (size_t)nm +
			  (size_t)month_index(c->registered_on, y0, m0)].children++;
	}
#undef ROW_OF
	free(row);
	*out = v;
	*nmonths = (size_t)nm;
	return 0;
}

int engagement_unseen_data(struct db *db, const struct reach_data *d, int32_t on, int months,
			   const struct centre_filter *cf, struct unseen_list *out)
{
	int32_t window = date_months_before(on, months) + 1;
	int *under5 = NULL;
	int64_t *index = NULL;
	struct db_stmt *st = NULL;
	enum db_result r;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	under5 = xcalloc((size_t)d->max_family + 1, sizeof(*under5));
	/* children under 5 on `on`, by family */
	for (size_t i = 0; i < d->nchildren; i++) {
		const struct child *c = &d->children[i];
		if (c->dob != DATE_NONE && c->dob <= on && date_age(c->dob, on) < 5)
			under5[c->family]++;
	}
	for (int64_t f = 1; f <= d->max_family; f++) {
		const struct family_facts *fa = &d->fam[f];
		int32_t last = DATE_NONE;
		struct unseen_family *u;

		if (!under5[f] || fa->first_registered == DATE_NONE || fa->first_registered > on ||
		    !centre_selected(cf, fa->centre_id))
			continue;
		for (size_t k = d->member_start[f]; k < d->member_start[f + 1]; k++) {
			int32_t s = reach_data_last_seen(d, d->members[k], on);
			if (s != DATE_NONE && (last == DATE_NONE || s > last))
				last = s;
		}
		if (last != DATE_NONE && last >= window)
			continue;
		XGROW(out->v, out->alloc, out->n + 1);
		u = &out->v[out->n++];
		memset(u, 0, sizeof(*u));
		u->id = f;
		u->registered = fa->first_registered;
		u->children_under5 = under5[f];
		u->last_seen = last;
	}
	/* the families' ids, postcodes and centres, in one pass of the table */
	index = xmalloc(((size_t)d->max_family + 1) * sizeof(*index));
	for (int64_t f = 0; f <= d->max_family; f++)
		index[f] = -1;
	for (size_t i = 0; i < out->n; i++)
		index[out->v[i].id] = (int64_t)i;
	if (!(st = db_prepare(db, "SELECT f.id, f.ext_id, f.postcode, c.code FROM families f "
				  "LEFT JOIN centres c ON c.id = f.centre_id")))
		goto out;
	while ((r = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		struct unseen_family *u;

		if (id < 0 || id > d->max_family || index[id] < 0)
			continue;
		u = &out->v[index[id]];
		u->family_id = xstrdup(db_col_text(st, 1));
		u->postcode = db_col_null(st, 2) ? NULL : xstrdup(db_col_text(st, 2));
		u->centre_code = db_col_null(st, 3) ? NULL : xstrdup(db_col_text(st, 3));
	}
	if (r == DB_ERROR) {
		error("families not seen: %s", db_errmsg(db));
		goto out;
	}
	for (size_t i = 0; i < out->n; i++)
		if (!out->v[i].family_id)
			out->v[i].family_id = xstrdup("");
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_last_seen);
	ret = 0;
out:
	if (ret)
		unseen_list_release(out);
	db_finalize(&st);
	free(under5);
	free(index);
	return ret;
}
