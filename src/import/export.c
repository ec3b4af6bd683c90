/* export.c: write the store back out as interchange CSV, the same columns
 * import reads, so an export re-imports to the same store */
#include "import.h"
#include "../csv/csv.h"
#include "../util/buf.h"
#include "../util/date.h"

#include <errno.h>

/* one query per kind: its columns in interchange order, as text, sorted by id */
static const char *const export_sql[KIND_COUNT] = {
	[KIND_LSOAS] = "SELECT code, name, ward_code, ward_name, la_code, la_name, idaci_decile, imd_decile "
		       "FROM lsoas ORDER BY code",
	[KIND_POSTCODES] = "SELECT postcode, lsoa_code FROM postcodes ORDER BY postcode",
	[KIND_POPULATION] = "SELECT lsoa_code, year, age, count FROM population ORDER BY lsoa_code, year, age",
	[KIND_CENTRES] = "SELECT code, name, cluster, postcode FROM centres ORDER BY code",
	/* the share is in millionths: column 2 is formatted below */
	[KIND_REACH_AREAS] = "SELECT c.code, r.lsoa_code, s.share_ppm FROM reach_areas r "
			     "JOIN centres c ON c.id = r.centre_id LEFT JOIN reach_area_shares s "
			     "ON s.centre_id = r.centre_id AND s.lsoa_code = r.lsoa_code "
			     "ORDER BY c.code, r.lsoa_code",
	[KIND_FAMILIES] = "SELECT f.ext_id, f.postcode, CASE f.lone_parent WHEN 1 THEN 'y' WHEN 0 THEN 'n' END, "
			  "CASE f.workless WHEN 1 THEN 'y' WHEN 0 THEN 'n' END, c.code "
			  "FROM families f LEFT JOIN centres c ON c.id = f.centre_id ORDER BY f.ext_id",
	[KIND_PEOPLE] = "SELECT p.ext_id, f.ext_id, p.role, p.relationship, p.first_name, p.last_name, "
			"p.date_of_birth, p.sex, p.ethnicity, "
			"(SELECT group_concat(code, ';') FROM (SELECT code FROM person_languages l "
			" WHERE l.person_id = p.id ORDER BY position)), "
			"CASE p.disabled WHEN 1 THEN 'y' WHEN 0 THEN 'n' END, p.registered_on "
			"FROM people p JOIN families f ON f.id = p.family_id ORDER BY p.ext_id",
	/* the day is a day number: column 3 is formatted below */
	[KIND_ATTENDANCE] = "SELECT p.ext_id, c.code, a.name, t.day "
			    "FROM attendance t JOIN people p ON p.id = t.person_id "
			    "JOIN sessions s ON s.id = t.session_id JOIN centres c ON c.id = s.centre_id "
			    "JOIN activities a ON a.id = s.activity_id ORDER BY t.day, p.ext_id, c.code, a.name",
	[KIND_BIRTHS] = "SELECT ext_id, first_name, last_name, date_of_birth, sex, postcode, mother_first_name, "
			"mother_last_name, mother_date_of_birth FROM births ORDER BY ext_id",
	[KIND_INDICATORS] = "SELECT indicator, area_type, area_code, period, value, numerator, denominator, unit, "
			    "source, published_on FROM indicators ORDER BY indicator, area_type, area_code, period",
};

enum status export_kind(struct db *db, const struct kind *k, FILE *out)
{
	struct db_stmt *st = db_prepare(db, export_sql[k->id]);
	struct buf line = BUF_INIT;
	enum status ret = ST_FAIL;
	enum db_result r;
	const char *fields[32];
	char day[11], share[32];
	size_t ncols = k->ncols;

	if (!st)
		goto out;
	/* a share column is written only when some row has a share, so a store
	 * of whole LSOAs exports the same file as before shares existed */
	if (ncols && k->cols[ncols - 1].type == COL_SHARE &&
	    !db_query_int(db, "SELECT count(*) FROM reach_area_shares", NULL, 0))
		ncols--;
	for (size_t c = 0; c < ncols; c++)
		fields[c] = k->cols[c].name;
	csv_add_row(&line, fields, ncols);
	while ((r = db_step(st)) == DB_ROW) {
		for (size_t c = 0; c < ncols; c++) {
			const char *v = db_col_text(st, (int)c);
			fields[c] = v ? v : "";
		}
		if (k->id == KIND_ATTENDANCE) {
			date_format((int32_t)db_col_int(st, 3), day);
			fields[3] = day;
		}
		if (k->id == KIND_REACH_AREAS && ncols == 3 && !db_col_null(st, 2)) {
			format_millionths(db_col_int(st, 2), share);
			fields[2] = share;
		}
		csv_add_row(&line, fields, ncols);
		if (line.len > (1u << 16)) {
			if (fwrite(line.data, 1, line.len, out) != line.len)
				goto write_error;
			buf_reset(&line);
		}
	}
	if (r == DB_ERROR) {
		error("export '%s': %s", k->name, db_errmsg(db));
		goto out;
	}
	if (fwrite(line.data, 1, line.len, out) != line.len || fflush(out))
		goto write_error;
	ret = ST_OK;
	goto out;
write_error:
	error("export '%s': cannot write: %s", k->name, strerror(errno));
out:
	buf_release(&line);
	db_finalize(&st);
	return ret;
}
