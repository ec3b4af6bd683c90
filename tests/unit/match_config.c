/* match_config.c: the config parser, its errors, reading a CSV with it, blocking */
#include "test.h"
#include "../../src/match/match.h"

#include <unistd.h>

static char dir[] = "/tmp/match_config_XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("REACH_NAME_VARIANTS", "data/name_variants.csv", 1);
}

static void teardown(void)
{
	remove_dir_files(dir);
	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
}

/* the last pair match_block_each handed over: a, b, rules */
static void note_pair(void *ctx, uint32_t a, uint32_t b, uint32_t rules)
{
	uint32_t *got = ctx;

	got[0] = a;
	got[1] = b;
	got[2] = rules;
}

START_TEST(parse_ok)
{
	struct match_spec s;
	const char *p = write_file("ok.conf",
		"# febrl\n"
		"id = rec_id\n"
		"first_name = given_name\n"
		"surname = surname   # trailing comment\n"
		"dob = date_of_birth (YYYYMMDD)\n"
		"postcode = postcode (plain)\n"
		"address = street_number address_1\n"
		"code ssn = soc_sec_id\n"
		"email = mail\n"
		"email work = work_mail\n"
		"block = dob first_name.initial\n"
		"block = names dob.year\n"
		"threshold = 0.8\n");

	match_spec_init(&s);
	ck_assert_int_eq(match_config_read(&s, p), 0);
	ck_assert_str_eq(s.id_column, "rec_id");
	ck_assert_int_eq(s.nfields, 8);
	/* "email" alone or as a kind: an e-mail address */
	ck_assert_int_eq(s.fields[6].kind, MK_EMAIL);
	ck_assert_int_eq(s.fields[7].kind, MK_EMAIL);
	ck_assert_str_eq(s.fields[7].name, "work");
	ck_assert_int_eq(s.fields[0].kind, MK_FIRST);
	ck_assert_int_eq(s.fields[2].kind, MK_DOB);
	ck_assert_str_eq(s.fields[2].date_format, "YYYYMMDD");
	ck_assert_int_eq(s.fields[3].kind, MK_CODE);
	ck_assert_int_eq(s.fields[4].kind, MK_TEXT);
	ck_assert_int_eq(s.fields[4].ncolumns, 2);
	ck_assert_str_eq(s.fields[4].columns[1], "address_1");
	ck_assert_int_eq(s.fields[5].kind, MK_CODE);
	ck_assert_str_eq(s.fields[5].name, "ssn");
	ck_assert_int_eq(s.nrules, 2);
	ck_assert_int_eq(s.rules[1].keys[0].part, MP_NAMES);
	ck_assert_int_eq(s.rules[1].keys[1].part, MP_YEAR);
	ck_assert_double_eq_tol(s.threshold, 0.8, 1e-12);
	match_spec_release(&s);
}
END_TEST

START_TEST(parse_errors)
{
	static const char *const bad[] = {
		"first_name = a\n",                              /* no id */
		"id = x\n",                                      /* no fields */
		"id = x\nfirst_name = a\nthreshold = 1.5\n",    /* bad threshold */
		"id = x\nfirst_name = a\nthreshold = high\n",
		"id = x\nfirst_name = a\nblock = nosuch\n",     /* rule on no field */
		"id = x\nfirst_name = a\nblock = first_name.year\n",
		"id = x\nfirst_name = a\nblock = first_name.user\n", /* user: e-mail only */
		"id = x\nfirst_name = a\nblock = names.prefix\n",    /* no surname */
		"id = x\nfirst_name = a\nblock = first_name.suffix\n",
		"id = x\ndob = d (MM/DD/YY)\n",                  /* unknown date format */
		"id = x\nfirst_name\n",                          /* no '=' */
		"id = x\nfirst_name = a\nfirst_name = b\n",     /* twice */
		"id = x\nshape s = a\n",                         /* unknown kind */
	};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct match_spec s;
		match_spec_init(&s);
		ck_assert_msg(match_config_read(&s, write_file("bad.conf", bad[i])) == -1,
			      "accepted: %s", bad[i]);
		match_spec_release(&s);
	}
	{
		struct match_spec s;
		match_spec_init(&s);
		ck_assert_int_eq(match_config_read(&s, "/nonexistent/x.conf"), -1);
		match_spec_release(&s);
	}
}
END_TEST

/* the rule parts for corrupted records: prefix, e-mail user, names.prefix */
START_TEST(rule_parts)
{
	struct match_spec s;
	struct match_set set;
	static const char *const rec[][3] = {
		{ "Amelia", "Allen", "ameliaallen84@kirby.com" },
		{ "Allen", "Amelai", "ameliaallen84@kirby.net" }, /* swapped, typo, domain */
		{ "Amos", "Bell", "ab@x.org" },
		{ "", "Bell", "@x.org" },
	};
	uint64_t h[4];

	match_spec_init(&s);
	match_spec_field(&s, "first_name", MK_FIRST);
	match_spec_field(&s, "surname", MK_SURNAME);
	match_spec_field(&s, "email", MK_TEXT);
	ck_assert_int_eq(match_spec_rule(&s, "names.prefix"), 0);
	ck_assert_int_eq(match_spec_rule(&s, "email.user"), 0);
	ck_assert_int_eq(match_spec_rule(&s, "first_name.prefix"), 0);
	ck_assert_int_eq(s.rules[0].keys[0].part, MP_NAMES_PREFIX);
	ck_assert_int_eq(match_spec_rule(&s, "email.year"), -1);
	match_set_init(&set, &s);
	for (size_t i = 0; i < ARRAY_LEN(rec); i++) {
		char id[8];
		snprintf(id, sizeof(id), "%zu", i);
		match_set_add(&set, id, rec[i], 0, NULL);
	}
	/* names.prefix: "ame"+"all" in either order */
	for (size_t i = 0; i < 4; i++)
		h[i] = match_rule_hash(&set, &s.rules[0], i);
	ck_assert(h[0] && h[0] == h[1]);
	ck_assert(h[2] && h[2] != h[0]);
	ck_assert(!h[3]); /* no first name */
	/* email.user: the part before '@'; nothing before it: no key */
	for (size_t i = 0; i < 4; i++)
		h[i] = match_rule_hash(&set, &s.rules[1], i);
	ck_assert(h[0] && h[0] == h[1]);
	ck_assert(h[2] && h[2] != h[0]);
	ck_assert(!h[3]);
	/* first_name.prefix: "ame" / "all" / "amo" */
	for (size_t i = 0; i < 4; i++)
		h[i] = match_rule_hash(&set, &s.rules[2], i);
	ck_assert(h[0] && h[0] != h[1] && h[0] != h[2]);
	ck_assert(!h[3]);
	{
		struct match_pair *pairs = NULL;
		struct match_blocking_stats st;
		uint32_t got[3] = { 9, 9, 9 };
		size_t n = match_block(&set, &pairs, &st);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(pairs[0].a, 0);
		ck_assert_uint_eq(pairs[0].b, 1);
		ck_assert_uint_eq(pairs[0].rules, 3); /* names.prefix and email.user */
		free(pairs);
		/* handed over one at a time: the same pair */
		ck_assert_uint_eq(match_block_each(&set, &st, note_pair, got), 1);
		ck_assert_uint_eq(got[0], 0);
		ck_assert_uint_eq(got[1], 1);
		ck_assert_uint_eq(got[2], 3);
	}
	/* email.domain: the part after '@'; none: no key; names have none */
	ck_assert_int_eq(match_spec_rule(&s, "first_name.domain"), -1);
	ck_assert_int_eq(match_spec_rule(&s, "email.domain"), 0);
	for (size_t i = 0; i < 4; i++)
		h[i] = match_rule_hash(&set, &s.rules[3], i);
	ck_assert(h[0] && h[1] && h[0] != h[1]); /* kirby.com, kirby.net */
	ck_assert(h[2] && h[2] == h[3]);         /* x.org */
	match_set_release(&set);
	match_spec_release(&s);
	match_variants_release();
}
END_TEST

START_TEST(read_csv)
{
	struct match_spec s;
	struct match_set set;
	const char *conf = write_file("c.conf", "id = id\nfirst_name = fn\nsurname = sn\n"
						"dob = dob (YYYYMMDD)\n");
	char csvp[256];

	match_spec_init(&s);
	ck_assert_int_eq(match_config_read(&s, conf), 0);
	ck_assert_int_gt(s.nrules, 0); /* the default rules */
	match_set_init(&set, &s);
	snprintf(csvp, sizeof(csvp), "%s", write_file("a.csv", "id, fn, sn, dob\n1, Ann, Lee, 20200101\n"
							       "2, Anne, Lee, 20200101\n"));
	ck_assert_int_eq(match_set_read_csv(&set, csvp, 0), 0);
	ck_assert_uint_eq(set.n, 2);
	ck_assert_int_eq(set.num[2][1], 20200101);
	/* empty file, header only, a missing column */
	ck_assert_int_eq(match_set_read_csv(&set, write_file("e.csv", ""), 0), -1);
	ck_assert_int_eq(match_set_read_csv(&set, write_file("h.csv", "id,fn,sn,dob\n"), 0), -1);
	ck_assert_int_eq(match_set_read_csv(&set, write_file("m.csv", "id,fn,dob\n1,a,b\n"), 0), -1);
	ck_assert_uint_eq(set.n, 2);
	{
		struct match_pair *pairs = NULL;
		struct match_blocking_stats st;
		size_t n = match_block(&set, &pairs, &st);
		ck_assert_uint_eq(n, 1); /* found by several rules, listed once */
		ck_assert_uint_eq(pairs[0].a, 0);
		ck_assert_uint_eq(pairs[0].b, 1);
		free(pairs);
	}
	match_set_release(&set);
	match_spec_release(&s);
	match_variants_release();
}
END_TEST

/* the pairs of blocking in parts: a checksum of (a, b, rules) in order, and
 * the places a block sink is handed checked against its records */
struct sum {
	uint64_t h;
	size_t n, nrec, bad;
	const uint32_t *rec;
};

static void sum_add(struct sum *s, uint32_t a, uint32_t b, uint32_t rules)
{
	uint64_t v[3] = { a, b, rules };

	for (int k = 0; k < 3; k++)
		s->h = (s->h ^ v[k]) * 1099511628211ULL;
	s->n++;
}

static void sum_pair(void *ctx, uint32_t a, uint32_t b, uint32_t rules)
{
	sum_add(ctx, a, b, rules);
}

static void sum_block(void *ctx, const uint32_t *rec, size_t n)
{
	struct sum *s = ctx;

	s->rec = rec;
	s->nrec = n;
}

static void sum_place(void *ctx, uint32_t x, uint32_t y, uint32_t rules)
{
	struct sum *s = ctx;

	/* counted, not asserted: millions of passing assertions are slow */
	if (x >= s->nrec || y >= s->nrec || s->rec[x] >= s->rec[y]) {
		s->bad++;
		return;
	}
	sum_add(s, s->rec[x], s->rec[y], rules);
}

/* six days of birth with 800 records each and one with 1,001 (over
 * max_block), ten first names across them: the blocks cut into parts, the
 * parts' pairs in match_block_each's order */
START_TEST(blocks_in_parts)
{
	struct match_spec s;
	struct match_set set;
	struct match_blocks *b;
	struct match_blocking_stats st, st2;
	struct sum whole = { 1469598103934665603ULL, 0, 0, 0, NULL }, parts = whole;
	struct match_block_sink sink = { sum_block, sum_place, &parts };
	size_t per_rule[2] = { 0, 0 }, n;

	match_spec_init(&s);
	match_spec_field(&s, "first_name", MK_FIRST);
	match_spec_field(&s, "dob", MK_DOB);
	ck_assert_int_eq(match_spec_rule(&s, "dob"), 0);
	ck_assert_int_eq(match_spec_rule(&s, "first_name"), 0);
	match_set_init(&set, &s);
	for (size_t i = 0; i < 5801; i++) {
		char first[8], dob[16], id[16];
		const char *v[] = { first, dob };
		snprintf(first, sizeof(first), "N%c", 'a' + (int)(i % 10));
		snprintf(dob, sizeof(dob), "2020-01-%02d", i < 4800 ? (int)(i / 800) + 1 : 20);
		snprintf(id, sizeof(id), "%zu", i);
		match_set_add(&set, id, v, 0, NULL);
	}
	n = match_block_each(&set, &st, sum_pair, &whole);
	/* dob: 6 x 800 x 799 / 2; first name: the same name born another day,
	 * the 1,001 born the same day (rule 1 skipped them) left out:
	 * 9 x (C(580, 2) - 6 C(80, 2) - C(100, 2)) + C(581, 2) - 6 C(80, 2) - C(101, 2) */
	ck_assert_uint_eq(st.per_rule[0], 1917600);
	ck_assert_uint_eq(st.per_rule[1], 1440480);
	ck_assert_uint_eq(n, 1917600 + 1440480);
	ck_assert_uint_eq(st.skipped_blocks, 1);
	ck_assert_uint_eq(st.skipped_pairs, 1001 * 1000 / 2);
	b = match_blocks_new(&set, &st2);
	ck_assert_uint_eq(st2.skipped_blocks, 1);
	ck_assert_uint_eq(st2.per_rule[0], 0); /* the parts' counts are the caller's */
	/* a part closes at 2^20 pairs: 4 + 2 blocks of dob, 7 + 3 of names */
	ck_assert_uint_eq(match_blocks_parts(b), 4);
	ck_assert_int_eq(match_blocks_part_rule(b, 0), 0);
	ck_assert_int_eq(match_blocks_part_rule(b, 1), 0);
	ck_assert_int_eq(match_blocks_part_rule(b, 2), 1);
	ck_assert_int_eq(match_blocks_part_rule(b, 3), 1);
	for (size_t k = 0; k < match_blocks_parts(b); k++)
		per_rule[match_blocks_part_rule(b, k)] += match_blocks_each(b, k, &sink);
	ck_assert_uint_eq(per_rule[0], 1917600);
	ck_assert_uint_eq(per_rule[1], 1440480);
	ck_assert_uint_eq(parts.bad, 0);
	ck_assert_uint_eq(parts.n, n);
	ck_assert(parts.h == whole.h);
	match_blocks_free(&b);
	ck_assert_ptr_null(b);
	match_set_release(&set);
	match_spec_release(&s);
}
END_TEST

Suite *match_config_suite(void)
{
	Suite *s = suite_create("match_config");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parse_ok);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, rule_parts);
	tcase_add_test(tc, read_csv);
	tcase_add_test(tc, blocks_in_parts);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(match_config_suite)
