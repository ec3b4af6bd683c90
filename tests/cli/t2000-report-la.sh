# t2000-report-la: the small fixture's reach by LA, worked by hand in
# tests/fixtures/small/EXPECTED.md: 2025-04-01..2026-03-31, the same with
# --sustained 2, and 2024-03-01..2025-02-28 (a 29 February child turns 5
# on 1 March, so is under 5 on 2025-02-28)
. "$TOP/tests/cli/lib.sh"

E="$SMALL/expected"
load_small t.db

report t.db la.csv $P1 --by la
expect_same_file "$E/la-2025-26.csv" la.csv

report t.db la-s2.csv $P1 --by la --sustained 2
expect_same_file "$E/la-2025-26-sustained2.csv" la-s2.csv

# --sustained 3 is the default
report t.db la-s3.csv $P1 --by la --sustained 3
expect_same_file "$E/la-2025-26.csv" la-s3.csv

report t.db la-p2.csv $P2 --by la
expect_same_file "$E/la-2024-25.csv" la-p2.csv

# options in another order
ok r t.db report reach --by la --to 2026-03-31 --format csv --from 2025-04-01
expect_same_file "$E/la-2025-26.csv" out
exit 0
