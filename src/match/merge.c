/* merge.c: the review queue's decisions: merging two people into one, undoing it, "different people" */
#include "match.h"
#include "../auth/auth.h"
#include "../store/db.h"
#include "../util/util.h"

#include <string.h>

/* a person's id and family by ext_id; 0, or -1 when there is none */
static int person_lookup(struct db *db, const char *ext_id, int64_t *id, int64_t *family)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, family_id FROM people WHERE ext_id = ?");
	int ret = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, ext_id);
	if (db_step(st) == DB_ROW) {
		*id = db_col_int(st, 0);
		*family = db_col_int(st, 1);
		ret = 0;
	}
	db_finalize(&st);
	return ret;
}

/* run constant SQL with up to three integer parameters (0 ends them); 0 or -1 */
static int run3(struct db *db, const char *sql, int64_t a, int64_t b, int64_t c)
{
	struct db_stmt *st = db_prepare(db, sql);
	int ret = -1;

	if (!st)
		return -1;
	if (a)
		db_bind_int(st, 1, a);
	if (b)
		db_bind_int(st, 2, b);
	if (c)
		db_bind_int(st, 3, c);
	if (db_step(st) == DB_DONE)
		ret = 0;
	db_finalize(&st);
	return ret;
}

/* record the decision on a pair, a and b in text order */
static int decide(struct db *db, const struct user *u, const char *a, const char *b,
		  const char *decision)
{
	struct db_stmt *st = db_prepare(db, "INSERT OR REPLACE INTO match_decisions"
					"(person_a, person_b, decision, user_id, at) VALUES (?, ?, ?, ?, ?)");
	char now[21];
	int ret = -1;

	if (!st)
		return -1;
	if (strcmp(a, b) > 0) {
		const char *t = a;

		a = b;
		b = t;
	}
	auth_format_time(auth_now(), now);
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	db_bind_text(st, 3, decision);
	if (u && u->id > 0)
		db_bind_int(st, 4, u->id);
	db_bind_text(st, 5, now);
	if (db_step(st) == DB_DONE)
		ret = 0;
	db_finalize(&st);
	return ret;
}

/* add to `keep` the languages of the merge's removed person it lacks, after
 * its own, noting where each went */
static int merge_languages(struct db *db, int64_t merge_id, int64_t keep)
{
	struct db_stmt *sel = NULL, *has = NULL, *add = NULL, *note = NULL;
	int64_t next;
	enum db_result r;
	int ret = -1;

	next = 0;
	sel = db_prepare(db, "SELECT coalesce(max(position) + 1, 0) FROM person_languages WHERE person_id = ?");
	if (!sel)
		goto out;
	db_bind_int(sel, 1, keep);
	if (db_step(sel) != DB_ROW)
		goto out;
	next = db_col_int(sel, 0);
	db_finalize(&sel);
	sel = db_prepare(db, "SELECT position, code FROM merge_languages WHERE merge_id = ? ORDER BY position");
	has = db_prepare(db, "SELECT 1 FROM person_languages WHERE person_id = ? AND code = ?");
	add = db_prepare(db, "INSERT INTO person_languages(person_id, position, code) VALUES (?, ?, ?)");
	note = db_prepare(db, "UPDATE merge_languages SET kept_position = ? WHERE merge_id = ? AND position = ?");
	if (!sel || !has || !add || !note)
		goto out;
	db_bind_int(sel, 1, merge_id);
	while ((r = db_step(sel)) == DB_ROW) {
		int64_t pos = db_col_int(sel, 0);
		const char *code = db_col_text(sel, 1);

		db_reset(has);
		db_bind_int(has, 1, keep);
		db_bind_text(has, 2, code);
		r = db_step(has);
		if (r == DB_ERROR)
			goto out;
		if (r == DB_ROW)
			continue;
		db_reset(add);
		db_bind_int(add, 1, keep);
		db_bind_int(add, 2, next);
		db_bind_text(add, 3, code);
		if (db_step(add) != DB_DONE)
			goto out;
		db_reset(note);
		db_bind_int(note, 1, next);
		db_bind_int(note, 2, merge_id);
		db_bind_int(note, 3, pos);
		if (db_step(note) != DB_DONE)
			goto out;
		next++;
	}
	if (r == DB_ERROR)
		goto out;
	ret = 0;
out:
	db_finalize(&sel);
	db_finalize(&has);
	db_finalize(&add);
	db_finalize(&note);
	return ret;
}

int match_merge(struct db *db, const struct user *u, const char *keep_ext_id,
		const char *remove_ext_id, int64_t *merge_id)
{
	struct db_stmt *st = NULL;
	struct buf detail = BUF_INIT;
	int64_t keep, keep_family, rm, rm_family, mid = 0, others;
	char now[21];
	int ret = ST_FAIL, began = 0;

	if (db_begin(db))
		goto fail;
	began = 1;
	if (person_lookup(db, keep_ext_id, &keep, &keep_family)) {
		error("no person '%s'", keep_ext_id);
		ret = ST_BAD_INPUT;
		goto out;
	}
	if (person_lookup(db, remove_ext_id, &rm, &rm_family)) {
		error("no person '%s'", remove_ext_id);
		ret = ST_BAD_INPUT;
		goto out;
	}
	if (keep == rm) {
		error("cannot merge '%s' with itself", keep_ext_id);
		ret = ST_BAD_INPUT;
		goto out;
	}
	others = -1;
	st = db_prepare(db, "SELECT count(*) FROM people WHERE family_id = ? AND id <> ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, rm_family);
	db_bind_int(st, 2, rm);
	if (db_step(st) == DB_ROW)
		others = db_col_int(st, 0);
	db_finalize(&st);
	if (others < 0)
		goto fail;

	/* the removed person's row, languages and attendance, for the undo */
	auth_format_time(auth_now(), now);
	st = db_prepare(db,
		"INSERT INTO merges(kept_person_id, kept_ext_id, removed_person_id, ext_id, family_id, "
		"role, relationship, first_name, last_name, date_of_birth, sex, ethnicity, disabled, "
		"registered_on, name_key, employment, sen, family_left_empty, user_id, at) "
		"SELECT ?, ?, id, ext_id, family_id, role, relationship, first_name, last_name, "
		"date_of_birth, sex, ethnicity, disabled, registered_on, name_key, employment, sen, ?, ?, ? "
		"FROM people WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, keep);
	db_bind_text(st, 2, keep_ext_id);
	db_bind_int(st, 3, others == 0 && rm_family != keep_family);
	if (u && u->id > 0)
		db_bind_int(st, 4, u->id);
	db_bind_text(st, 5, now);
	db_bind_int(st, 6, rm);
	if (db_step(st) != DB_DONE)
		goto fail;
	db_finalize(&st);
	mid = db_last_id(db);
	if (run3(db, "INSERT INTO merge_languages(merge_id, position, code) "
		     "SELECT ?, position, code FROM person_languages WHERE person_id = ?", mid, rm, 0) ||
	    run3(db, "INSERT INTO merge_attendance(merge_id, day, session_id, moved) "
		     "SELECT ?, a.day, a.session_id, NOT EXISTS (SELECT 1 FROM attendance x "
		     "WHERE x.day = a.day AND x.person_id = ? AND x.session_id = a.session_id) "
		     "FROM attendance a WHERE a.person_id = ?", mid, keep, rm))
		goto fail;

	/* move, then remove */
	if (run3(db, "INSERT OR IGNORE INTO attendance(day, person_id, session_id) "
		     "SELECT day, ?, session_id FROM attendance WHERE person_id = ?", keep, rm, 0) ||
	    run3(db, "DELETE FROM attendance WHERE person_id = ?", rm, 0, 0) ||
	    merge_languages(db, mid, keep))
		goto fail;

	buf_addf(&detail, "merge %lld: %s kept, %s removed", (long long)mid, keep_ext_id, remove_ext_id);
	if (others == 0 && rm_family != keep_family)
		buf_adds(&detail, " (its family is left with no members)");
	/* audit while the removed person still exists, so the row names it */
	if (auth_audit(db, u, "merge", keep_family, keep, detail.data) != ST_OK ||
	    auth_audit(db, u, "merge", rm_family, rm, detail.data) != ST_OK)
		goto out;
	if (run3(db, "DELETE FROM person_languages WHERE person_id = ?", rm, 0, 0) ||
	    run3(db, "DELETE FROM people WHERE id = ?", rm, 0, 0) ||
	    decide(db, u, keep_ext_id, remove_ext_id, "same"))
		goto fail;
	if (db_commit(db))
		goto fail;
	began = 0;
	if (merge_id)
		*merge_id = mid;
	ret = ST_OK;
	goto out;
fail:
	error("cannot merge '%s' into '%s': %s", remove_ext_id, keep_ext_id, db_errmsg(db));
	ret = ST_FAIL;
out:
	if (began)
		db_rollback(db);
	db_finalize(&st);
	buf_release(&detail);
	return ret;
}

int match_merge_undo(struct db *db, const struct user *u, int64_t merge_id)
{
	struct db_stmt *st = NULL;
	struct buf detail = BUF_INIT;
	char *ext = NULL, *kept_ext = NULL;
	int64_t keep = 0, family = 0, keep_family = 0, other_family, rm;
	char now[21];
	int ret = ST_FAIL, began = 0, undone = 1;

	if (db_begin(db))
		goto fail;
	began = 1;
	st = db_prepare(db, "SELECT kept_person_id, kept_ext_id, ext_id, family_id, "
			    "undone_at IS NOT NULL FROM merges WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, merge_id);
	if (db_step(st) == DB_ROW) {
		keep = db_col_int(st, 0);
		kept_ext = xstrdup(db_col_text(st, 1));
		ext = xstrdup(db_col_text(st, 2));
		family = db_col_int(st, 3);
		undone = (int)db_col_int(st, 4);
	}
	db_finalize(&st);
	if (!ext || undone) {
		error("no merge %lld to undo", (long long)merge_id);
		ret = ST_BAD_INPUT;
		goto out;
	}
	if (person_lookup(db, kept_ext, &rm, &keep_family) || rm != keep) {
		error("cannot undo merge %lld: '%s' is no longer there (undo its later merge first)",
			    (long long)merge_id, kept_ext);
		ret = ST_BAD_INPUT;
		goto out;
	}
	if (!person_lookup(db, ext, &rm, &other_family)) {
		error("cannot undo merge %lld: '%s' is in use again", (long long)merge_id, ext);
		ret = ST_BAD_INPUT;
		goto out;
	}
	/* the person again, with the same id when it is free */
	st = db_prepare(db,
		"INSERT INTO people(id, ext_id, family_id, role, relationship, first_name, last_name, "
		"date_of_birth, sex, ethnicity, disabled, registered_on, name_key, employment, sen) "
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM people p WHERE p.id = m.removed_person_id) "
		"THEN NULL ELSE m.removed_person_id END, m.ext_id, m.family_id, m.role, m.relationship, "
		"m.first_name, m.last_name, m.date_of_birth, m.sex, m.ethnicity, m.disabled, "
		"m.registered_on, m.name_key, m.employment, m.sen FROM merges m WHERE m.id = ?");
	if (!st)
		goto fail;
	db_bind_int(st, 1, merge_id);
	if (db_step(st) != DB_DONE)
		goto fail;
	db_finalize(&st);
	rm = db_last_id(db);
	if (run3(db, "INSERT INTO person_languages(person_id, position, code) "
		     "SELECT ?, position, code FROM merge_languages WHERE merge_id = ?", rm, merge_id, 0) ||
	    run3(db, "DELETE FROM person_languages WHERE person_id = ? AND position IN "
		     "(SELECT kept_position FROM merge_languages WHERE merge_id = ? "
		     "AND kept_position IS NOT NULL)", keep, merge_id, 0) ||
	    run3(db, "INSERT OR IGNORE INTO attendance(day, person_id, session_id) "
		     "SELECT day, ?, session_id FROM merge_attendance WHERE merge_id = ?", rm, merge_id, 0) ||
	    run3(db, "DELETE FROM attendance WHERE person_id = ? AND EXISTS (SELECT 1 FROM "
		     "merge_attendance m WHERE m.merge_id = ? AND m.moved = 1 AND m.day = attendance.day "
		     "AND m.session_id = attendance.session_id)", keep, merge_id, 0))
		goto fail;

	auth_format_time(auth_now(), now);
	st = db_prepare(db, "UPDATE merges SET undone_at = ?, undone_by = ? WHERE id = ?");
	if (!st)
		goto fail;
	db_bind_text(st, 1, now);
	if (u && u->id > 0)
		db_bind_int(st, 2, u->id);
	db_bind_int(st, 3, merge_id);
	if (db_step(st) != DB_DONE)
		goto fail;
	db_finalize(&st);
	st = db_prepare(db, "DELETE FROM match_decisions WHERE person_a = ? AND person_b = ?");
	if (!st)
		goto fail;
	db_bind_text(st, 1, strcmp(kept_ext, ext) < 0 ? kept_ext : ext);
	db_bind_text(st, 2, strcmp(kept_ext, ext) < 0 ? ext : kept_ext);
	if (db_step(st) != DB_DONE)
		goto fail;
	db_finalize(&st);

	buf_addf(&detail, "merge %lld undone: %s restored beside %s", (long long)merge_id, ext, kept_ext);
	if (auth_audit(db, u, "undo merge", keep_family, keep, detail.data) != ST_OK ||
	    auth_audit(db, u, "undo merge", family, rm, detail.data) != ST_OK)
		goto out;
	if (db_commit(db))
		goto fail;
	began = 0;
	ret = ST_OK;
	goto out;
fail:
	error("cannot undo merge %lld: %s", (long long)merge_id, db_errmsg(db));
	ret = ST_FAIL;
out:
	if (began)
		db_rollback(db);
	db_finalize(&st);
	buf_release(&detail);
	free(ext);
	free(kept_ext);
	return ret;
}

void match_pair_key(struct buf *k, const char *a, const char *b)
{
	buf_reset(k);
	if (strcmp(a, b) > 0) {
		const char *t = a;

		a = b;
		b = t;
	}
	buf_addf(k, "%s\x1f%s", a, b);
}

int match_decide_different(struct db *db, const struct user *u, const char *a_ext_id,
			   const char *b_ext_id)
{
	struct buf detail = BUF_INIT;
	int64_t a, fa, b, fb;
	int ret = ST_FAIL, began = 0;

	if (db_begin(db))
		goto fail;
	began = 1;
	if (person_lookup(db, a_ext_id, &a, &fa) || person_lookup(db, b_ext_id, &b, &fb) || a == b) {
		error("no pair '%s', '%s'", a_ext_id, b_ext_id);
		ret = ST_BAD_INPUT;
		goto out;
	}
	buf_addf(&detail, "%s and %s are different people", a_ext_id, b_ext_id);
	if (decide(db, u, a_ext_id, b_ext_id, "different"))
		goto fail;
	if (auth_audit(db, u, "not duplicates", fa, a, detail.data) != ST_OK ||
	    auth_audit(db, u, "not duplicates", fb, b, detail.data) != ST_OK)
		goto out;
	if (db_commit(db))
		goto fail;
	began = 0;
	ret = ST_OK;
	goto out;
fail:
	error("cannot record a decision: %s", db_errmsg(db));
	ret = ST_FAIL;
out:
	if (began)
		db_rollback(db);
	buf_release(&detail);
	return ret;
}
