/* demo.c: tests of the demo local authority generator */
#include "test.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/demo/demo.h"
#include "../../src/csv/csv.h"
#include "../../src/util/date.h"
#include "../../src/util/text.h"

static const char *const files[] = {
	"lsoas.csv", "postcodes.csv", "population.csv", "centres.csv", "reach_areas.csv",
	"families.csv", "people.csv", "attendance.csv", "births.csv",
};

/* the headers of the interchange contract, written out independently of the generator */
static const char *const headers[] = {
	"lsoa_code,lsoa_name,ward_code,ward_name,la_code,la_name,idaci_decile,imd_decile",
	"postcode,lsoa_code",
	"lsoa_code,year,age,count",
	"centre_code,name,cluster,postcode",
	"centre_code,lsoa_code",
	"family_id,postcode,lone_parent,workless,centre_code",
	"person_id,family_id,role,relationship,first_name,last_name,date_of_birth,sex,"
	"ethnicity,languages,disabled,registered_on",
	"person_id,centre_code,activity,date",
	"birth_id,first_name,last_name,date_of_birth,sex,postcode,mother_first_name,"
	"mother_last_name,mother_date_of_birth",
};

static void make_tmpdir(char *out, size_t n)
{
	snprintf(out, n, "/tmp/reach-demo-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(out));
}

static char *slurp(const char *dir, const char *name, size_t *len)
{
	struct buf p = BUF_INIT, b = BUF_INIT;
	char chunk[65536];
	FILE *fp;
	size_t n;

	buf_addf(&p, "%s/%s", dir, name);
	fp = fopen(p.data, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", p.data);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	buf_release(&p);
	return buf_detach(&b, len);
}

static void write_demo(const char *dir, uint64_t seed, long children)
{
	struct demo_opts o;

	demo_opts_init(&o);
	o.seed = seed;
	o.children = children;
	ck_assert_int_eq(demo_write(&o, dir), 0);
}

START_TEST(test_same_seed_same_bytes)
{
	char a[64], b[64], c[64];

	make_tmpdir(a, sizeof(a));
	make_tmpdir(b, sizeof(b));
	make_tmpdir(c, sizeof(c));
	write_demo(a, 7, 500);
	write_demo(b, 7, 500);
	write_demo(c, 8, 500);
	for (size_t i = 0; i < ARRAY_LEN(files); i++) {
		size_t la, lb, lc;
		char *x = slurp(a, files[i], &la), *y = slurp(b, files[i], &lb);
		char *z = slurp(c, files[i], &lc);
		ck_assert_msg(la == lb && !memcmp(x, y, la), "%s differs with the same seed",
			      files[i]);
		if (!strcmp(files[i], "people.csv") || !strcmp(files[i], "attendance.csv"))
			ck_assert_msg(la != lc || memcmp(x, z, la),
				      "%s is the same with another seed", files[i]);
		free(x);
		free(y);
		free(z);
	}
	remove_dir_files(a);
	remove_dir_files(b);
	remove_dir_files(c);
}
END_TEST

/* ---- a small sorted set of strings, to check references ---- */

struct strset {
	char **v;     /* sorted after strset_seal() */
	size_t n;     /* entries */
	size_t alloc; /* allocated entries */
};

static void strset_add(struct strset *s, const char *x)
{
	XGROW(s->v, s->alloc, s->n + 1);
	s->v[s->n++] = xstrdup(x);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strset_seal(struct strset *s)
{
	qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

static int strset_has(const struct strset *s, const char *x)
{
	return s->n && bsearch(&x, s->v, s->n, sizeof(*s->v), cmp_str) != NULL;
}

/* number of distinct entries (after strset_seal) */
static size_t strset_distinct(const struct strset *s)
{
	size_t d = 0;

	for (size_t i = 0; i < s->n; i++)
		d += i == 0 || strcmp(s->v[i], s->v[i - 1]);
	return d;
}

static void strset_release(struct strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* open dir/name and check its header; the reader is left on the header */
static void open_checked(struct csv_reader *r, const char *dir, size_t which)
{
	struct buf p = BUF_INIT, h = BUF_INIT;

	buf_addf(&p, "%s/%s", dir, files[which]);
	ck_assert_int_eq(csv_open(r, p.data), 0);
	ck_assert_int_eq(csv_read(r), 1);
	for (size_t i = 0; i < r->nfields; i++) {
		if (i)
			buf_addch(&h, ',');
		buf_adds(&h, csv_field(r, i));
	}
	ck_assert_str_eq(h.data, headers[which]);
	buf_release(&p);
	buf_release(&h);
}

static int is_normalised_postcode(const char *s)
{
	struct buf b = BUF_INIT;
	int ok = !postcode_normalise(s, &b) && !strcmp(b.data, s);

	buf_release(&b);
	return ok;
}

static int valid_postcode(const char *s)
{
	struct buf b = BUF_INIT;
	int ok = !postcode_normalise(s, &b);

	buf_release(&b);
	return ok;
}

static int valid_date(const char *s)
{
	int32_t d;

	return !date_parse(s, &d);
}

static int valid_flag(const char *s)
{
	return !strcmp(s, "") || !strcmp(s, "y") || !strcmp(s, "n");
}

static int one_of(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, v[i]))
			return 1;
	return 0;
}

START_TEST(test_files_follow_the_contract)
{
	static const char *const roles[] = { "child", "carer" };
	static const char *const child_rel[] = { "" };
	static const char *const carer_rel[] = { "mother", "father", "other" };
	static const char *const sexes[] = { "", "female", "male", "other" };
	static const long n = 3000;
	struct strset lsoas = { 0 }, pcs = { 0 }, centres = { 0 }, fams = { 0 }, persons = { 0 };
	struct strset reach = { 0 }, rows = { 0 }, kids = { 0 };
	struct csv_reader r;
	char dir[64];
	int32_t end, dob;
	long under5 = 0, nodob = 0, nchild = 0, nfam = 0, nopc = 0, unknownpc = 0;
	long natt = 0, births = 0, matched = 0;

	make_tmpdir(dir, sizeof(dir));
	write_demo(dir, 11, n);
	end = date_from_ymd(2026, 9, 30);

	open_checked(&r, dir, 0);
	while (csv_read(&r) == 1) {
		int dec;
		ck_assert(id_valid(csv_field(&r, 0)));
		ck_assert(!parse_int(csv_field(&r, 6), 1, 10, &dec));
		ck_assert(!parse_int(csv_field(&r, 7), 1, 10, &dec));
		ck_assert_str_eq(csv_field(&r, 4), "E09000099");
		strset_add(&lsoas, csv_field(&r, 0));
	}
	csv_release(&r);
	strset_seal(&lsoas);
	ck_assert_uint_gt(lsoas.n, 20);

	open_checked(&r, dir, 1);
	while (csv_read(&r) == 1) {
		ck_assert_msg(is_normalised_postcode(csv_field(&r, 0)), "postcode '%s'",
			      csv_field(&r, 0));
		ck_assert(strset_has(&lsoas, csv_field(&r, 1)));
		strset_add(&pcs, csv_field(&r, 0));
	}
	csv_release(&r);
	strset_seal(&pcs);
	ck_assert_uint_eq(strset_distinct(&pcs), pcs.n);

	open_checked(&r, dir, 2);
	while (csv_read(&r) == 1) {
		int v;
		ck_assert(strset_has(&lsoas, csv_field(&r, 0)));
		ck_assert(!parse_int(csv_field(&r, 1), 2024, 2026, &v));
		ck_assert(!parse_int(csv_field(&r, 2), 0, 4, &v));
		ck_assert(!parse_int(csv_field(&r, 3), 0, 1000, &v));
	}
	csv_release(&r);

	open_checked(&r, dir, 3);
	while (csv_read(&r) == 1) {
		ck_assert(id_valid(csv_field(&r, 0)));
		ck_assert(strlen(csv_field(&r, 1)) > 0);
		ck_assert(strset_has(&pcs, csv_field(&r, 3)));
		strset_add(&centres, csv_field(&r, 0));
	}
	csv_release(&r);
	strset_seal(&centres);

	/* every LSOA is in exactly one reach area */
	open_checked(&r, dir, 4);
	while (csv_read(&r) == 1) {
		ck_assert(strset_has(&centres, csv_field(&r, 0)));
		ck_assert(strset_has(&lsoas, csv_field(&r, 1)));
		strset_add(&reach, csv_field(&r, 1));
	}
	csv_release(&r);
	strset_seal(&reach);
	ck_assert_uint_eq(reach.n, lsoas.n);
	ck_assert_uint_eq(strset_distinct(&reach), lsoas.n);

	open_checked(&r, dir, 5);
	while (csv_read(&r) == 1) {
		const char *pc = csv_field(&r, 1);
		ck_assert(id_valid(csv_field(&r, 0)));
		ck_assert(valid_flag(csv_field(&r, 2)));
		ck_assert(valid_flag(csv_field(&r, 3)));
		ck_assert(strset_has(&centres, csv_field(&r, 4)));
		nfam++;
		if (!*pc) {
			nopc++;
		} else {
			struct buf b = BUF_INIT;
			ck_assert_msg(valid_postcode(pc), "family postcode '%s'", pc);
			postcode_normalise(pc, &b);
			unknownpc += !strset_has(&pcs, b.data);
			buf_release(&b);
		}
		strset_add(&fams, csv_field(&r, 0));
	}
	csv_release(&r);
	strset_seal(&fams);
	ck_assert_uint_eq(strset_distinct(&fams), fams.n);

	open_checked(&r, dir, 6);
	while (csv_read(&r) == 1) {
		const char *role = csv_field(&r, 2), *rel = csv_field(&r, 3);
		const char *d = csv_field(&r, 6);
		ck_assert(id_valid(csv_field(&r, 0)));
		ck_assert(strset_has(&fams, csv_field(&r, 1)));
		ck_assert(one_of(role, roles, ARRAY_LEN(roles)));
		if (!strcmp(role, "child"))
			ck_assert(one_of(rel, child_rel, ARRAY_LEN(child_rel)));
		else
			ck_assert(one_of(rel, carer_rel, ARRAY_LEN(carer_rel)));
		ck_assert(strlen(csv_field(&r, 4)) > 0 && strlen(csv_field(&r, 5)) > 0);
		ck_assert(utf8_valid(csv_field(&r, 4), strlen(csv_field(&r, 4))));
		ck_assert(utf8_valid(csv_field(&r, 5), strlen(csv_field(&r, 5))));
		ck_assert(!*d || valid_date(d));
		ck_assert(one_of(csv_field(&r, 7), sexes, ARRAY_LEN(sexes)));
		ck_assert(valid_flag(csv_field(&r, 10)));
		ck_assert(valid_date(csv_field(&r, 11)));
		ck_assert(strcmp(csv_field(&r, 11), "2026-09-30") <= 0);
		if (!strcmp(role, "child")) {
			nchild++;
			if (!*d)
				nodob++;
			else if (!date_parse(d, &dob) && date_age(dob, end) < 5)
				under5++;
			if (*d) {
				struct buf k = BUF_INIT;
				buf_addf(&k, "%s|%s", csv_field(&r, 5), d);
				strset_add(&kids, k.data);
				buf_release(&k);
			}
		}
		strset_add(&persons, csv_field(&r, 0));
	}
	csv_release(&r);
	strset_seal(&persons);
	strset_seal(&kids);
	ck_assert_uint_eq(strset_distinct(&persons), persons.n);

	open_checked(&r, dir, 7);
	while (csv_read(&r) == 1) {
		struct buf k = BUF_INIT;
		ck_assert(strset_has(&persons, csv_field(&r, 0)));
		ck_assert(strset_has(&centres, csv_field(&r, 1)));
		ck_assert(strlen(csv_field(&r, 2)) > 0);
		ck_assert(valid_date(csv_field(&r, 3)));
		ck_assert(strcmp(csv_field(&r, 3), "2024-10-01") >= 0);
		ck_assert(strcmp(csv_field(&r, 3), "2026-09-30") <= 0);
		buf_addf(&k, "%s|%s|%s|%s", csv_field(&r, 0), csv_field(&r, 1), csv_field(&r, 2),
			 csv_field(&r, 3));
		strset_add(&rows, k.data);
		buf_release(&k);
		natt++;
	}
	csv_release(&r);
	strset_seal(&rows);

	open_checked(&r, dir, 8);
	while (csv_read(&r) == 1) {
		struct buf k = BUF_INIT;
		ck_assert(id_valid(csv_field(&r, 0)));
		ck_assert(strlen(csv_field(&r, 2)) > 0);
		ck_assert(!date_parse(csv_field(&r, 3), &dob));
		ck_assert(dob > end - 365 && dob <= end);
		ck_assert(valid_postcode(csv_field(&r, 5)));
		ck_assert(!*csv_field(&r, 8) || valid_date(csv_field(&r, 8)));
		buf_addf(&k, "%s|%s", csv_field(&r, 2), csv_field(&r, 3));
		matched += strset_has(&kids, k.data);
		buf_release(&k);
		births++;
	}
	csv_release(&r);

	/* sizes and the shares of faults, within loose bounds */
	ck_assert_msg(under5 + nodob >= n * 97 / 100 && under5 + nodob <= n * 106 / 100,
		      "%ld under-5s for %ld asked", under5 + nodob, n);
	ck_assert_msg(nodob * 1000 >= nchild * 3 && nodob * 1000 <= nchild * 25,
		      "%ld of %ld children without a date of birth", nodob, nchild);
	ck_assert_msg(nopc * 1000 >= nfam * 3 && nopc * 1000 <= nfam * 25,
		      "%ld of %ld families without a postcode", nopc, nfam);
	ck_assert_msg(unknownpc * 1000 >= nfam * 3 && unknownpc * 1000 <= nfam * 25,
		      "%ld of %ld families with an unknown postcode", unknownpc, nfam);
	ck_assert_msg(natt >= n * 10, "%ld attendance rows", natt);
	{
		long repeated = natt - (long)strset_distinct(&rows);
		ck_assert_msg(repeated * 1000 >= natt * 2 && repeated * 1000 <= natt * 10,
			      "%ld of %ld attendance rows repeated", repeated, natt);
	}
	ck_assert_msg(births > n / 10, "%ld births", births);
	ck_assert_msg(matched * 100 >= births * 60 && matched * 100 <= births * 90,
		      "%ld of %ld births match a registered child", matched, births);

	strset_release(&lsoas);
	strset_release(&pcs);
	strset_release(&centres);
	strset_release(&reach);
	strset_release(&fams);
	strset_release(&persons);
	strset_release(&rows);
	strset_release(&kids);
	remove_dir_files(dir);
}
END_TEST

/* about 2% of people registered twice: same family and date of birth, a name spelled another way */
START_TEST(test_duplicates)
{
	struct csv_reader r;
	struct strset keys = { 0 };
	char dir[64];
	long people = 0;

	make_tmpdir(dir, sizeof(dir));
	write_demo(dir, 3, 3000);
	open_checked(&r, dir, 6);
	while (csv_read(&r) == 1) {
		struct buf k = BUF_INIT;
		if (*csv_field(&r, 6)) {
			/* role, relationship and date of birth within the family */
			buf_addf(&k, "%s|%s|%s|%s", csv_field(&r, 1), csv_field(&r, 2),
				 csv_field(&r, 3), csv_field(&r, 6));
			strset_add(&keys, k.data);
		}
		buf_release(&k);
		people++;
	}
	csv_release(&r);
	strset_seal(&keys);
	{
		/* twins share a date of birth too, so the bound is loose above */
		long same = (long)(keys.n - strset_distinct(&keys));
		ck_assert_msg(same * 1000 >= people * 4 && same * 1000 <= people * 40,
			      "%ld of %ld look like duplicates", same, people);
	}
	strset_release(&keys);
	remove_dir_files(dir);
}
END_TEST

START_TEST(test_name_variants)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(demo_name_variant("Mohammed", 0, &b), 0);
	ck_assert_str_eq(b.data, "Muhammad");
	buf_reset(&b);
	ck_assert_int_eq(demo_name_variant("Begum", 0, &b), 0);
	ck_assert_str_eq(b.data, "Begom");
	buf_reset(&b);
	ck_assert_int_eq(demo_name_variant("Łukasz", 0, &b), 0);
	ck_assert_str_eq(b.data, "Lukasz");
	buf_reset(&b);
	ck_assert_int_eq(demo_name_variant("Cooper", 0, &b), 0);
	ck_assert_str_eq(b.data, "Coper");
	buf_reset(&b);
	ck_assert_int_eq(demo_name_variant("محمد", 0, &b), -1);
	ck_assert_str_eq(b.data, "");
	demo_surname_feminine("Kowalski", &b);
	ck_assert_str_eq(b.data, "Kowalska");
	buf_release(&b);
}
END_TEST

START_TEST(test_bad_options)
{
	struct demo_opts o;
	char dir[64];
	struct buf p = BUF_INIT;

	demo_opts_init(&o);
	ck_assert_int_eq((int)o.seed, 1);
	ck_assert_int_eq((int)o.children, 15000);
	ck_assert_int_eq(o.end, date_from_ymd(2026, 9, 30));
	make_tmpdir(dir, sizeof(dir));
	o.children = 0;
	ck_assert_int_eq(demo_write(&o, dir), -1);
	o.children = 100;
	buf_addf(&p, "%s/missing/deeper", dir);
	ck_assert_int_eq(demo_write(&o, p.data), -1);
	buf_release(&p);
	remove_dir_files(dir);
}
END_TEST

Suite *demo_suite(void)
{
	Suite *s = suite_create("demo");
	TCase *tc = tcase_create("demo");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_same_seed_same_bytes);
	tcase_add_test(tc, test_files_follow_the_contract);
	tcase_add_test(tc, test_duplicates);
	tcase_add_test(tc, test_name_variants);
	tcase_add_test(tc, test_bad_options);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(demo_suite)
