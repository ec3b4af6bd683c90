/* date.h: calendar dates as day numbers (days since 1970-01-01) */
#ifndef REACH_DATE_H
#define REACH_DATE_H

#include <stdint.h>

#define DATE_NONE INT32_MIN /* "not known" */
#define DATE_MIN_YEAR 1850
#define DATE_MAX_YEAR 2200

/* strict YYYY-MM-DD of a real calendar day; 0 on success, -1 otherwise */
int date_parse(const char *s, int32_t *days);
/* writes "YYYY-MM-DD" and a NUL into out */
void date_format(int32_t days, char out[11]);
int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);
/* age in whole years on `on` of someone born on `dob` (birthday on 29 Feb counts from 1 Mar) */
int date_age(int32_t dob, int32_t on);
int date_year(int32_t days);
/* days in month m (1-12) of year y */
int date_days_in_month(int y, int m);
/* day of the week, 0 = Monday */
int date_weekday(int32_t days);
int32_t date_today(void);

#endif
