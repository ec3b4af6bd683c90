#!/bin/sh
# t8000-dedupe: reach dedupe on the small fixture plus an obvious duplicate
. "$TOP/tests/cli/lib.sh"
REACH_NAME_VARIANTS="$TOP/data/name_variants.csv"
export REACH_NAME_VARIANTS

load_small t.db
# Yusuf Muhammad (P0102) registered again as Yousef, same family and date
cat >dup.csv <<'CSV'
person_id,family_id,role,relationship,first_name,last_name,date_of_birth,sex,ethnicity,languages,disabled,registered_on
P9001,F01,child,,Yousef,Muhammad,2021-04-01,male,BAFR,en,n,2025-01-10
CSV
ok r t.db import people dup.csv

ok r t.db dedupe
expect_grep '^person_id,cluster_id$' out
# every person once, the duplicate in the original's cluster (smallest id)
people=$(($(csv_rows "$SMALL/people.csv") + 1))
[ "$(csv_rows out)" = "$people" ] || fail "dedupe printed $(csv_rows out) people, expected $people"
expect_grep_fixed 'P9001,P0102' out
expect_grep_fixed 'P0102,P0102' out
# twins and siblings are not merged: Maryam stays herself
expect_grep_fixed 'P0103,P0103' out
# nobody else joined anyone
[ "$(awk -F, 'NR > 1 && $1 != $2' out | wc -l)" = 1 ] || fail "unexpected clusters"

# the check is kept for data packs: the likely pair, the day and the data generation
[ "$(sqlite3 t.db "SELECT person_a || ',' || person_b FROM match_check_pairs")" = "P0102,P9001" ] ||
	fail "the duplicate check's pairs were not kept"
[ "$(sqlite3 t.db "SELECT value FROM settings WHERE key = 'match_check_generation'")" = \
  "$(sqlite3 t.db "SELECT value FROM settings WHERE key = 'data_generation'")" ] || fail "check generation"
ok r t.db pack --la --from 2025-04-01 --to 2026-03-31 --format pdf -o la.pdf
pdftotext -layout la.pdf la.txt || fail "pdftotext"
expect_grep 'People in likely duplicate pairs not yet reviewed  *2 ' la.txt
expect_grep_fixed 'on the data as they are now' la.txt

ok r t.db dedupe --pairs
expect_grep '^person_id_a,person_id_b,match_probability,match_weight,first_name_weight,surname_weight,dob_weight,sex_weight,postcode_weight$' out
expect_grep '^P0102,P9001,\(0\.9\|1\.0\)' out
expect_lines 2 out

ok r t.db dedupe --format json
expect_grep_fixed '{"id": "P9001", "cluster_id": "P0102"}' out
python3 -c 'import json, sys; json.load(open("out"))' || fail "dedupe --format json is not JSON"
ok r t.db dedupe --pairs --format json
expect_grep_fixed '"dob": {"level": "exact"' out

# a lower threshold lists more pairs, never fewer
ok r t.db dedupe --pairs --threshold 0.01
[ "$(wc -l <out)" -ge 2 ] || fail "a lower threshold lost pairs"

# bad usage: one line, status 2
expect_exit 2 r t.db dedupe --threshold 1.5
expect_one_line_error
expect_exit 2 r t.db dedupe --threshold high
expect_one_line_error
expect_exit 2 r t.db dedupe --format xml
expect_one_line_error
expect_exit 2 r t.db dedupe extra
expect_one_line_error
# no database: status 1
expect_exit 1 r none.db dedupe
expect_one_line_error
exit 0
