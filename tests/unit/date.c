/* date.c: unit tests for calendar dates as day numbers (src/util/date.c) */
#include "test.h"
#include "../../src/util/date.h"

#include <stdio.h>
#include <string.h>

/* a date the tests know is valid, as a day number */
static int32_t day(const char *s)
{
	int32_t d = DATE_NONE;

	if (date_parse(s, &d))
		ck_abort_msg("'%s' did not parse", s);
	return d;
}

START_TEST(test_parse_valid)
{
	static const struct {
		const char *s;
		int32_t days;
	} cases[] = {
		{ "1970-01-01", 0 },
		{ "1970-01-02", 1 },
		{ "1969-12-31", -1 },
		{ "2000-01-01", 10957 },
		{ "2024-02-29", 19782 },
		{ "2000-02-29", 11016 },
		{ "2026-11-24", 20781 },
		{ "1850-01-01", -43829 },
		{ "2200-12-31", 84370 },
		{ "2025-12-31", 20453 },
		{ "2025-04-30", 20208 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int32_t d = 12345;
		char out[11];

		ck_assert_msg(date_parse(cases[i].s, &d) == 0, "'%s' rejected", cases[i].s);
		ck_assert_int_eq(d, cases[i].days);
		date_format(d, out);
		ck_assert_str_eq(out, cases[i].s);
	}
}
END_TEST

START_TEST(test_parse_invalid)
{
	static const char *const bad[] = {
		"2025-02-30",  /* no such day */
		"2023-02-29",  /* 2023 is not a leap year */
		"1900-02-29",  /* century, not a leap year */
		"2100-02-29",
		"2025-04-31",
		"2025-06-31",
		"2025-09-31",
		"2025-11-31",
		"2025-01-32",
		"2025-00-10",
		"2025-13-01",
		"2025-01-00",
		"2025-1-01",   /* one-digit month */
		"2025-01-1",
		"25-01-01",
		"02025-01-01",
		"2025-01-01x", /* trailing text */
		"2025-01-01 ",
		" 2025-01-01", /* leading space */
		"",
		"2025",
		"2025-01",
		"2025-01-",
		"2025/01/01",
		"2025.01.01",
		"20250101",
		"01-01-2025",
		"2025-+1-01",
		"2025- 1-01",
		"-025-01-01",
		"+2025-01-01",
		"2025-01-01\n",
		"1849-12-31",  /* years outside 1850..2200 */
		"0000-01-01",
		"2201-01-01",
		"9999-12-31",
		"abcd-ef-gh",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int32_t d = 777;

		ck_assert_msg(date_parse(bad[i], &d) == -1, "'%s' accepted", bad[i]);
		ck_assert_int_eq(d, 777);
	}
	{
		int32_t d = 777;
		ck_assert_int_eq(date_parse(NULL, &d), -1);
		ck_assert_int_eq(d, 777);
	}
}
END_TEST

START_TEST(test_leap_years)
{
	int32_t d;

	ck_assert_int_eq(date_parse("2024-02-29", &d), 0);
	ck_assert_int_eq(date_parse("2000-02-29", &d), 0);
	ck_assert_int_eq(date_parse("2004-02-29", &d), 0);
	ck_assert_int_eq(date_parse("1852-02-29", &d), 0);
	ck_assert_int_eq(date_parse("2196-02-29", &d), 0);
	ck_assert_int_eq(date_parse("1900-02-29", &d), -1);
	ck_assert_int_eq(date_parse("2100-02-29", &d), -1);
	ck_assert_int_eq(date_parse("2023-02-29", &d), -1);
	ck_assert_int_eq(date_parse("2024-02-30", &d), -1);
	/* the day after 28 Feb is 29 Feb or 1 Mar */
	ck_assert_int_eq(day("2024-02-28") + 1, day("2024-02-29"));
	ck_assert_int_eq(day("2024-02-29") + 1, day("2024-03-01"));
	ck_assert_int_eq(day("2023-02-28") + 1, day("2023-03-01"));
	ck_assert_int_eq(day("1900-02-28") + 1, day("1900-03-01"));
	ck_assert_int_eq(day("2001-01-01") - day("2000-01-01"), 366);
	ck_assert_int_eq(day("1901-01-01") - day("1900-01-01"), 365);
}
END_TEST

/* every day from 1850 to 2200: ymd and day numbers agree, days are consecutive */
START_TEST(test_round_trip_every_day)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int32_t expect = date_from_ymd(DATE_MIN_YEAR, 1, 1);
	int32_t first = expect;
	int bad = 0;
	char text[48], out[11];

	ck_assert_int_eq(expect, -43829);
	for (int y = DATE_MIN_YEAR; y <= DATE_MAX_YEAR; y++) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		for (int m = 1; m <= 12; m++) {
			int n = mdays[m - 1] + (m == 2 && leap);

			for (int d = 1; d <= n; d++) {
				int32_t days = date_from_ymd(y, m, d), parsed = DATE_NONE;
				int yy, mm, dd;

				date_to_ymd(days, &yy, &mm, &dd);
				snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
				date_format(days, out);
				if (days != expect || yy != y || mm != m || dd != d ||
				    date_year(days) != y || date_parse(text, &parsed) ||
				    parsed != days || strcmp(out, text) ||
				    date_weekday(days) != ((days - first) % 7 + 1) % 7)
					bad++;
				if (bad == 1) {
					ck_abort_msg("%s: day %d (expected %d), back %d-%d-%d, "
						     "formatted %s, weekday %d", text, (int)days,
						     (int)expect, yy, mm, dd, out, date_weekday(days));
				}
				expect++;
			}
		}
	}
	ck_assert_int_eq(bad, 0);
	ck_assert_int_eq(expect - 1, 84370);
	/* and the day numbers just outside the parse range still convert */
	{
		int yy, mm, dd;
		date_to_ymd(first - 1, &yy, &mm, &dd);
		ck_assert_int_eq(yy, 1849);
		ck_assert_int_eq(mm, 12);
		ck_assert_int_eq(dd, 31);
	}
}
END_TEST

START_TEST(test_age)
{
	int32_t dob = day("2020-06-15");

	/* exactly 5 on the fifth birthday, 4 the day before */
	ck_assert_int_eq(date_age(dob, day("2025-06-15")), 5);
	ck_assert_int_eq(date_age(dob, day("2025-06-14")), 4);
	ck_assert_int_eq(date_age(dob, day("2025-06-16")), 5);
	ck_assert_int_eq(date_age(dob, day("2025-05-31")), 4);
	ck_assert_int_eq(date_age(dob, day("2025-07-01")), 5);
	/* newborn and day of birth */
	ck_assert_int_eq(date_age(dob, dob), 0);
	ck_assert_int_eq(date_age(dob, dob + 1), 0);
	ck_assert_int_eq(date_age(dob, day("2021-06-14")), 0);
	ck_assert_int_eq(date_age(dob, day("2021-06-15")), 1);
	/* born on 31 Dec, 1 Jan next day */
	ck_assert_int_eq(date_age(day("2019-12-31"), day("2020-01-01")), 0);
	ck_assert_int_eq(date_age(day("2019-12-31"), day("2024-12-30")), 4);
	ck_assert_int_eq(date_age(day("2019-12-31"), day("2024-12-31")), 5);
	ck_assert_int_eq(date_age(day("2020-01-01"), day("2024-12-31")), 4);
	ck_assert_int_eq(date_age(day("2020-01-01"), day("2025-01-01")), 5);
	/* before birth: negative */
	ck_assert_int_lt(date_age(dob, dob - 1), 0);
	/* long spans across centuries */
	ck_assert_int_eq(date_age(day("1850-01-01"), day("2200-12-31")), 350);
	ck_assert_int_eq(date_age(day("1899-03-01"), day("1900-02-28")), 0);
	ck_assert_int_eq(date_age(day("1899-03-01"), day("1900-03-01")), 1);
}
END_TEST

START_TEST(test_age_29_feb)
{
	int32_t dob = day("2020-02-29");

	/* in common years the birthday counts from 1 Mar */
	ck_assert_int_eq(date_age(dob, day("2021-02-28")), 0);
	ck_assert_int_eq(date_age(dob, day("2021-03-01")), 1);
	ck_assert_int_eq(date_age(dob, day("2023-02-28")), 2);
	ck_assert_int_eq(date_age(dob, day("2023-03-01")), 3);
	ck_assert_int_eq(date_age(dob, day("2025-02-28")), 4);
	ck_assert_int_eq(date_age(dob, day("2025-03-01")), 5);
	/* in leap years on 29 Feb itself */
	ck_assert_int_eq(date_age(dob, day("2024-02-28")), 3);
	ck_assert_int_eq(date_age(dob, day("2024-02-29")), 4);
	ck_assert_int_eq(date_age(dob, day("2024-03-01")), 4);
	/* 2100 is not a leap year */
	ck_assert_int_eq(date_age(day("2096-02-29"), day("2100-02-28")), 3);
	ck_assert_int_eq(date_age(day("2096-02-29"), day("2100-03-01")), 4);
	/* 2000 is */
	ck_assert_int_eq(date_age(day("1996-02-29"), day("2000-02-28")), 3);
	ck_assert_int_eq(date_age(day("1996-02-29"), day("2000-02-29")), 4);
	/* someone born on 28 Feb or 1 Mar is unaffected */
	ck_assert_int_eq(date_age(day("2020-02-28"), day("2021-02-28")), 1);
	ck_assert_int_eq(date_age(day("2020-03-01"), day("2021-02-28")), 0);
	ck_assert_int_eq(date_age(day("2020-03-01"), day("2021-03-01")), 1);
	ck_assert_int_eq(date_age(day("2019-03-01"), day("2020-02-29")), 0);
	ck_assert_int_eq(date_age(day("2019-03-01"), day("2020-03-01")), 1);
}
END_TEST

START_TEST(test_weekday)
{
	/* 0 = Monday */
	ck_assert_int_eq(date_weekday(day("2026-11-24")), 1); /* Tuesday */
	ck_assert_int_eq(date_weekday(day("2026-11-23")), 0); /* Monday */
	ck_assert_int_eq(date_weekday(day("2026-11-29")), 6); /* Sunday */
	ck_assert_int_eq(date_weekday(day("1970-01-01")), 3); /* Thursday */
	ck_assert_int_eq(date_weekday(day("1969-12-29")), 0); /* Monday, before day 0 */
	ck_assert_int_eq(date_weekday(day("1969-12-28")), 6); /* Sunday */
	ck_assert_int_eq(date_weekday(day("2000-02-29")), 1); /* Tuesday */
	ck_assert_int_eq(date_weekday(day("1850-01-01")), 1); /* Tuesday */
	ck_assert_int_eq(date_weekday(day("2200-12-31")), 2); /* Wednesday */
	ck_assert_int_eq(date_weekday(day("2024-01-01")), 0); /* Monday */
	for (int32_t d = -50000; d < 90000; d++) {
		int w = date_weekday(d);
		if (w < 0 || w > 6 || w != (date_weekday(d - 1) + 1) % 7)
			ck_abort_msg("weekday of day %d is %d", (int)d, w);
	}
}
END_TEST

START_TEST(test_extremes)
{
	/* any day number converts and formats without overflow (run under UBSan) */
	static const int32_t extremes[] = { DATE_NONE, INT32_MIN + 1, -719469, -719468, -1,
					    INT32_MAX - 719468, INT32_MAX - 719467, INT32_MAX };
	char out[11];

	for (size_t i = 0; i < sizeof(extremes) / sizeof(extremes[0]); i++) {
		int y, m, d;

		date_to_ymd(extremes[i], &y, &m, &d);
		ck_assert_int_ge(m, 1);
		ck_assert_int_le(m, 12);
		ck_assert_int_ge(d, 1);
		ck_assert_int_le(d, 31);
		date_format(extremes[i], out);
		ck_assert_uint_eq(strlen(out), 10);
		ck_assert_int_ge(date_weekday(extremes[i]), 0);
		ck_assert_int_le(date_weekday(extremes[i]), 6);
	}
	/* day -719468 is 0000-03-01, the start of the algorithm's era */
	{
		int y, m, d;
		date_to_ymd(-719468, &y, &m, &d);
		ck_assert_int_eq(y, 0);
		ck_assert_int_eq(m, 3);
		ck_assert_int_eq(d, 1);
		date_to_ymd(INT32_MAX, &y, &m, &d);
		ck_assert_int_eq(y, 5881580); /* 5881580-07-11 */
		ck_assert_int_eq(m, 7);
		ck_assert_int_eq(d, 11);
	}
}
END_TEST

START_TEST(test_year_and_today)
{
	int32_t t = date_today();
	char out[11];
	int32_t back;

	ck_assert_int_eq(date_year(day("2024-12-31")), 2024);
	ck_assert_int_eq(date_year(day("2025-01-01")), 2025);
	ck_assert_int_eq(date_year(-1), 1969);
	/* today is a real date in range and formats back to itself */
	ck_assert_int_ge(date_year(t), 2020);
	ck_assert_int_le(date_year(t), DATE_MAX_YEAR);
	date_format(t, out);
	ck_assert_int_eq(date_parse(out, &back), 0);
	ck_assert_int_eq(back, t);
}
END_TEST

static Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_parse_valid);
	tcase_add_test(tc, test_parse_invalid);
	tcase_add_test(tc, test_leap_years);
	tcase_add_test(tc, test_round_trip_every_day);
	tcase_add_test(tc, test_age);
	tcase_add_test(tc, test_age_29_feb);
	tcase_add_test(tc, test_weekday);
	tcase_add_test(tc, test_extremes);
	tcase_add_test(tc, test_year_and_today);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(date_suite)
