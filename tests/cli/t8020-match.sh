#!/bin/sh
# t8020-match: reach match with a config, one file (dedupe) or two (link); bad input
. "$TOP/tests/cli/lib.sh"
REACH_NAME_VARIANTS="$TOP/data/name_variants.csv"
export REACH_NAME_VARIANTS

cat >m.conf <<'CONF'
# a small mapping
id = rec
first_name = given
surname = family
dob = born (YYYYMMDD)
postcode = pc (plain)
threshold = 0.9
CONF
cat >a.csv <<'CSV'
rec, given, family, born, pc
a1, Mohammed, Khan, 19800101, 4011
a2, Sarah, Jones, 19910512, 2600
a3, Peter, Brown, 19750303, 3000
CSV
cat >b.csv <<'CSV'
rec, given, family, born, pc
b1, Muhammad, Khan, 19800101, 4011
b2, Sara, Jones, 19911205, 2600
b3, Ann, White, 19600606, 5000
CSV
ok r x.db match --config m.conf a.csv b.csv --pairs
expect_grep '^id_a,id_b,match_probability,match_weight,first_name_weight' out
expect_grep '^a1,b1,' out
expect_grep '^a2,b2,' out
expect_lines 3 out
ok r x.db match --config m.conf a.csv b.csv
expect_grep_fixed 'b1,a1' out
expect_grep_fixed 'b3,b3' out
# one file: de-duplication of the two files' rows together
cat a.csv >ab.csv
sed 1d b.csv >>ab.csv
ok r x.db match --config m.conf ab.csv
expect_grep_fixed 'b1,a1' out
expect_lines 6 out

# names and date both corrupted: found by the e-mail's user part and by
# the first letters of both names in either order
cat >e.conf <<'CONF'
id = rec
first_name = given
surname = family
dob = born
email = mail
block = dob
block = email.user
block = names.prefix
CONF
cat >e.csv <<'CSV'
rec,given,family,born,mail
e1,Amelia,Allen,2018-11-04,ameliaallen84@kirby.com
e2,Allen,Amelai,2017-11-06,ameliaallen84@kirby.net
e3,Oscar,Richards,2012-02-07,or@copeland.com
e4,Oscra,,2021-02-06,or@copeland.com
e5,Zara,Begum,1990-01-01,
CSV
ok r x.db match --config e.conf e.csv --pairs --threshold 0.000001 --format json
expect_grep_fixed '"id_a": "e1", "id_b": "e2"' out
expect_grep_fixed '"id_a": "e3", "id_b": "e4"' out
expect_grep_fixed '"within a year"' out
expect_no_grep_fixed '"e5"' out
printf 'id = rec\nfirst_name = given\nblock = first_name.user\n' >bad3.conf
expect_exit 1 r x.db match --config bad3.conf e.csv
expect_grep_fixed "field 'first_name' has no user" err

# the public datasets, when present
D=$TOP/../shared/data
if [ -d "$D/febrl" ]; then
	ok r x.db match --config "$TOP/bench/match/febrl.conf" "$D/febrl/dataset4a.csv" "$D/febrl/dataset4b.csv" --pairs
	n=$(awk -F, 'NR > 1 { split($1, a, "-"); split($2, b, "-"); if (a[2] == b[2]) t++ } END { print t + 0 }' out)
	[ "$n" -ge 4950 ] || fail "febrl4: only $n true links found"
else
	echo "skipped: ../shared absent"
fi

# bad input: one line each
: >empty.csv
expect_exit 1 r x.db match --config m.conf empty.csv
expect_one_line_error
expect_grep_fixed "'empty.csv' is empty" err
printf 'rec, given, family, born\nz1, A, B, 20000101\n' >nopc.csv
expect_exit 1 r x.db match --config m.conf nopc.csv
expect_one_line_error
expect_grep_fixed "no column 'pc'" err
printf 'id = rec\nfirst_name = given\nthreshold = 2\n' >bad.conf
expect_exit 1 r x.db match --config bad.conf a.csv
expect_one_line_error
printf 'id = rec\nfirst_name = given\nblock = nosuch\n' >bad2.conf
expect_exit 1 r x.db match --config bad2.conf a.csv
expect_grep_fixed "no field 'nosuch'" err
expect_exit 1 r x.db match --config none.conf a.csv
expect_one_line_error
expect_exit 2 r x.db match a.csv
expect_one_line_error
expect_exit 2 r x.db match --config m.conf a.csv b.csv ab.csv
expect_one_line_error
expect_exit 2 r x.db match --config m.conf a.csv --threshold 0
expect_one_line_error
exit 0
