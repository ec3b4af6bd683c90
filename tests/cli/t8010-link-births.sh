#!/bin/sh
# t8010-link-births: birth notifications matched to registered children; the outreach list
. "$TOP/tests/cli/lib.sh"
REACH_NAME_VARIANTS="$TOP/data/name_variants.csv"
export REACH_NAME_VARIANTS

load_small t.db
# two babies already registered (one spelled differently, one with the day
# and month swapped), one not yet, in CC01's reach area
cat >births.csv <<'CSV'
birth_id,first_name,last_name,date_of_birth,sex,postcode,mother_first_name,mother_last_name,mother_date_of_birth
N1,Oliver,Smith,2025-06-15,male,AB1 1AB,Chloe,Smith,2005-06-15
N2,Youssef,Muhammad,2021-01-04,male,AB1 1AA,Amina,Muhammad,1990-01-10
N3,Leila,Hassan,2026-05-02,female,ab1 1ab,Nadia,Hassan,1994-02-11
N4,,Kowalska,2026-05-20,female,ZZ9 9ZZ,Anna,Kowalska,1992-09-09
CSV
ok r t.db link births births.csv
expect_grep '^centre_code,centre_name,lsoa_code,birth_id,first_name,last_name,date_of_birth,sex,postcode,mother_first_name,mother_last_name,mother_date_of_birth$' out
expect_no_grep_fixed ',N1,' out
expect_no_grep_fixed ',N2,' out
expect_grep '^CC01,Riverside Children.s Centre,E01000001,N3,Leila,Hassan,2026-05-02' out
# a postcode in no centre's reach area is listed under "-"
expect_grep '^-,no reach area,,N4,' out
expect_lines 3 out

ok r t.db link births births.csv --format table
expect_grep_fixed 'CC01 Riverside Children' out
expect_grep_fixed '1 baby not registered' out
expect_grep_fixed 'N3' out

ok r t.db link births births.csv --pairs
expect_grep '^person_id,birth_id,match_probability' out
expect_grep '^P0202,N1,' out
expect_grep '^P0102,N2,' out

# the fixture's own births file, raw (Bengali names, a quoted comma)
ok r t.db link births "$SMALL/births.csv"
expect_grep_fixed 'B004' out

# bad input
: >empty.csv
expect_exit 1 r t.db link births empty.csv
expect_one_line_error
expect_exit 1 r t.db link births missing.csv
expect_one_line_error
printf 'birth_id,first_name\nB1,Ann\n' >short.csv
expect_exit 1 r t.db link births short.csv
expect_one_line_error
expect_exit 2 r t.db link people births.csv
expect_one_line_error
expect_exit 2 r t.db link births
expect_one_line_error
exit 0
