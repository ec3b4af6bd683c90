/* query.c: the registration form's duplicate check (match_store_query) timed on a store
 *
 *   query DB [N]
 *
 * Takes N people of the store at random (default 200), types each again
 * with one slip (a letter of the first name changed, the day and month of
 * the date of birth swapped, or the surname written first), looks them up
 * with match_store_query and prints one line: the store's people, the
 * median, 95th percentile and slowest time of a query in milliseconds, and
 * how often the person typed was the likeliest hit.
 */
#include "../../src/match/match.h"
#include "../../src/store/db.h"
#include "../../src/util/util.h"

#include <time.h>

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct db *db = NULL;
	struct db_stmt *st;
	int64_t people, n = 200;
	double *ms;
	size_t found = 0, done = 0;
	uint64_t seed = 12345;

	if (argc < 2 || db_open(&db, argv[1], 0)) {
		fprintf(stderr, "usage: query DB [N]\n");
		return 2;
	}
	if (argc > 2 && parse_i64(argv[2], 1, 100000, &n))
		return 2;
	people = db_query_int(db, "SELECT count(*) FROM people", NULL, 0);
	ms = xmalloc((size_t)n * sizeof(*ms));
	st = db_prepare(db, "SELECT p.ext_id, p.first_name, p.last_name, p.date_of_birth, p.sex, "
			    "f.postcode FROM people p JOIN families f ON f.id = p.family_id WHERE p.id >= ? "
			    "ORDER BY p.id LIMIT 1");
	if (!st || people < 1)
		return 1;
	while ((int64_t)done < n) {
		char first[128], dob[16], ext[32];
		const char *v[5];
		struct match_store_hit *h = NULL;
		size_t nh = 0;
		double t;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		db_reset(st);
		db_bind_int(st, 1, (int64_t)(seed >> 33) % people + 1);
		if (db_step(st) != DB_ROW)
			continue;
		snprintf(ext, sizeof(ext), "%s", db_col_text(st, 0));
		snprintf(first, sizeof(first), "%s", db_col_text(st, 1));
		snprintf(dob, sizeof(dob), "%s", db_col_text(st, 3) ? db_col_text(st, 3) : "");
		v[0] = first;
		v[1] = db_col_text(st, 2);
		v[2] = dob;
		v[3] = db_col_text(st, 4);
		v[4] = db_col_text(st, 5);
		switch (done % 3) {
		case 0: /* a letter of the first name */
			if (strlen(first) > 2)
				first[strlen(first) - 2] = first[strlen(first) - 2] == 'a' ? 'e' : 'a';
			break;
		case 1: /* day and month swapped, where both can be a month */
			if (strlen(dob) == 10 && dob[8] <= '1') {
				char d0 = dob[8], d1 = dob[9];
				dob[8] = dob[5];
				dob[9] = dob[6];
				dob[5] = d0;
				dob[6] = d1;
			}
			break;
		default: /* the surname written first */
			v[0] = v[1];
			v[1] = first;
			break;
		}
		t = now_ms();
		if (match_store_query(db, v, 0.2, &h, &nh))
			return 1;
		ms[done] = now_ms() - t;
		found += nh && !strcmp(h[0].ext_id, ext);
		match_store_hits_release(h, nh);
		done++;
	}
	db_finalize(&st);
	qsort(ms, done, sizeof(*ms), cmp_double);
	printf("%lld people, %zu queries: median %.1f ms, 95%% %.1f ms, slowest %.1f ms; "
	       "the person typed was the likeliest hit %zu times in %zu\n",
	       (long long)people, done, ms[done / 2], ms[done * 95 / 100], ms[done - 1], found, done);
	free(ms);
	db_close(&db);
	return 0;
}
