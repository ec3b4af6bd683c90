/* scan.c: the baseline the reach report is measured against: one plain
 * full scan of the attendance table through the same store interface,
 * reading every column of every row */
#include "../src/store/db.h"
#include "../src/util/util.h"

int main(int argc, char **argv)
{
	struct db *db = NULL;
	struct db_stmt *st;
	int64_t rows = 0, sum = 0;
	double t0;

	if (argc != 2)
		die(ST_USAGE, "usage: bench-scan DB");
	if (db_open(&db, argv[1], 0))
		return 1;
	t0 = now_seconds();
	st = db_prepare(db, "SELECT day, person_id, session_id FROM attendance");
	if (!st)
		return 1;
	while (db_step(st) == DB_ROW) {
		sum += db_col_int(st, 0) + db_col_int(st, 1) + db_col_int(st, 2);
		rows++;
	}
	db_finalize(&st);
	printf("{\"rows\": %lld, \"seconds\": %.3f, \"checksum\": %lld}\n", (long long)rows,
	       now_seconds() - t0, (long long)sum);
	db_close(&db);
	return 0;
}
