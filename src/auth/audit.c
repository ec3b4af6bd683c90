/* audit.c: the audit trail: writing rows, reading them back, exporting CSV */
#include "auth.h"
#include "../csv/csv.h"
#include "../util/buf.h"
#include "../util/date.h"
#include "../util/text.h"
#include "../util/util.h"

#include <errno.h>

#define CLI_NAME "(cli)" /* who did what the command line did */

static int db_fail(struct db *db)
{
	error("database '%s': %s", db_path(db), db_errmsg(db));
	return ST_FAIL;
}

int auth_audit_as(struct db *db, int64_t user_id, const char *username, const char *action,
		  int64_t family_id, int64_t person_id, const char *detail)
{
	char now[21];
	/* the ext_ids are copied in, so the row still names the record after it goes */
	struct db_stmt *st = db_prepare(db,
		"INSERT INTO audit(at, user_id, username, action, family_id, family_ext_id, "
		"person_id, person_ext_id, detail) VALUES (?, ?, ?, ?, ?, "
		"(SELECT ext_id FROM families WHERE id = ?), ?, "
		"(SELECT ext_id FROM people WHERE id = ?), ?)");
	int ret = ST_FAIL;

	if (!st)
		return ST_FAIL;
	if (!action || !*action)
		BUG("audit without an action");
	auth_format_time(auth_now(), now);
	db_bind_text(st, 1, now);
	if (user_id > 0)
		db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, username ? username : CLI_NAME);
	db_bind_text(st, 4, action);
	if (family_id > 0) {
		db_bind_int(st, 5, family_id);
		db_bind_int(st, 6, family_id);
	}
	if (person_id > 0) {
		db_bind_int(st, 7, person_id);
		db_bind_int(st, 8, person_id);
	}
	db_bind_text(st, 9, detail && *detail ? detail : NULL);
	if (db_step(st) != DB_DONE) {
		db_fail(db);
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	return ret;
}

int auth_audit(struct db *db, const struct user *u, const char *action, int64_t family_id,
	       int64_t person_id, const char *detail)
{
	return auth_audit_as(db, u ? u->id : 0, u ? u->username : CLI_NAME, action, family_id,
			     person_id, detail);
}

void audit_filter_init(struct audit_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->from = DATE_NONE;
	f->to = DATE_NONE;
}

/*
 * Constant SQL, one statement for each way in (by family, by user, by
 * time) and each order, so the matching index serves it; the other
 * filters are checked as "(? IS NULL OR ...)", bound NULL when not wanted.
 */
#define AUDIT_SELECT \
	"SELECT id, at, user_id, username, action, family_id, family_ext_id, person_id, " \
	"person_ext_id, detail FROM audit WHERE "
#define AUDIT_FILTERS \
	"(? IS NULL OR username = ?) AND (? IS NULL OR family_id = ?) AND " \
	"(? IS NULL OR action = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) "
#define AUDIT_ASC "ORDER BY at, id LIMIT ? OFFSET ?"
#define AUDIT_DESC "ORDER BY at DESC, id DESC LIMIT ? OFFSET ?"

static const char *const audit_sql[3][2] = {
	{ AUDIT_SELECT "family_id = ? AND " AUDIT_FILTERS AUDIT_DESC,
	  AUDIT_SELECT "family_id = ? AND " AUDIT_FILTERS AUDIT_ASC },
	{ AUDIT_SELECT "username = ? AND " AUDIT_FILTERS AUDIT_DESC,
	  AUDIT_SELECT "username = ? AND " AUDIT_FILTERS AUDIT_ASC },
	{ AUDIT_SELECT "1 AND " AUDIT_FILTERS AUDIT_DESC,
	  AUDIT_SELECT "1 AND " AUDIT_FILTERS AUDIT_ASC },
};

/* bind v to two placeholders (NULL to both when absent) */
static void bind_text2(struct db_stmt *st, int i, const char *v)
{
	db_bind_text(st, i, v);
	db_bind_text(st, i + 1, v);
}

int auth_audit_query(struct db *db, const struct audit_filter *f, size_t limit, size_t offset,
		     int (*fn)(const struct audit_row *row, void *data), void *data)
{
	struct db_stmt *st = NULL;
	struct audit_row row;
	char from[11], to[11];
	char *user = NULL;
	int way = f->family_id > 0 ? 0 : f->username ? 1 : 2, i = 1, ret = ST_FAIL;
	enum db_result r;

	if (f->username) {
		user = xstrdup(f->username);
		str_lower(user);
	}
	if (f->from != DATE_NONE)
		date_format(f->from, from);
	if (f->to != DATE_NONE)
		date_format(f->to + 1, to);
	if (!(st = db_prepare(db, audit_sql[way][f->oldest_first ? 1 : 0])))
		goto out;
	if (way == 0)
		db_bind_int(st, i++, f->family_id);
	else if (way == 1)
		db_bind_text(st, i++, user);
	bind_text2(st, i, user);
	i += 2;
	if (f->family_id > 0) {
		db_bind_int(st, i, f->family_id);
		db_bind_int(st, i + 1, f->family_id);
	}
	i += 2;
	bind_text2(st, i, f->action);
	i += 2;
	bind_text2(st, i, f->from != DATE_NONE ? from : NULL);
	i += 2;
	/* "at < the day after": times are "YYYY-MM-DDT..." so the whole of `to` counts */
	bind_text2(st, i, f->to != DATE_NONE ? to : NULL);
	i += 2;
	db_bind_int(st, i++, limit && limit <= INT64_MAX ? (int64_t)limit : -1);
	db_bind_int(st, i++, offset <= INT64_MAX ? (int64_t)offset : 0);
	while ((r = db_step(st)) == DB_ROW) {
		row.id = db_col_int(st, 0);
		row.at = db_col_text(st, 1);
		row.user_id = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
		row.username = db_col_text(st, 3);
		row.action = db_col_text(st, 4);
		row.family_id = db_col_null(st, 5) ? 0 : db_col_int(st, 5);
		row.family_ext = db_col_text(st, 6);
		row.person_id = db_col_null(st, 7) ? 0 : db_col_int(st, 7);
		row.person_ext = db_col_text(st, 8);
		row.detail = db_col_text(st, 9);
		if (fn(&row, data))
			break;
	}
	if (r == DB_ERROR) {
		db_fail(db);
		goto out;
	}
	ret = ST_OK;
out:
	db_finalize(&st);
	free(user);
	return ret;
}

struct csv_out {
	FILE *out;       /* where rows go */
	struct buf line; /* the row being written */
	int failed;      /* a write failed */
};

/* a spreadsheet runs a cell starting with these as a formula */
static void add_cell(struct buf *line, const char *s, int first)
{
	struct buf safe = BUF_INIT;

	if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r')) {
		buf_addch(&safe, '\'');
		buf_adds(&safe, s);
		s = safe.data;
	}
	csv_add_field(line, s ? s : "", first);
	buf_release(&safe);
}

static int write_row(const struct audit_row *row, void *data)
{
	struct csv_out *c = data;

	buf_reset(&c->line);
	add_cell(&c->line, row->at, 1);
	add_cell(&c->line, row->username, 0);
	add_cell(&c->line, row->action, 0);
	add_cell(&c->line, row->family_ext, 0);
	add_cell(&c->line, row->person_ext, 0);
	add_cell(&c->line, row->detail, 0);
	buf_addch(&c->line, '\n');
	if (fwrite(c->line.data, 1, c->line.len, c->out) != c->line.len) {
		c->failed = 1;
		return 1;
	}
	return 0;
}

int auth_audit_export_csv(struct db *db, const struct audit_filter *f, FILE *out)
{
	struct csv_out c = { out, BUF_INIT, 0 };
	struct audit_filter ordered = *f;
	int ret;

	ordered.oldest_first = 1;
	if (fputs("at,username,action,family_id,person_id,detail\n", out) == EOF)
		c.failed = 1;
	ret = c.failed ? ST_FAIL : auth_audit_query(db, &ordered, 0, 0, write_row, &c);
	if (ret == ST_OK && (c.failed || fflush(out))) {
		error("cannot write the audit trail: %s", strerror(errno));
		ret = ST_FAIL;
	}
	buf_release(&c.line);
	return ret;
}
