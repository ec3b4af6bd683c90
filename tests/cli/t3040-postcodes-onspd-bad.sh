# t3040-postcodes-onspd-bad: bad input in an ONS Postcode Directory file is
# reported as `FILE:LINE: column NAME: reason` with the file's own column
# name, and nothing changes. Rows left out for their LSOA (Scotland,
# Northern Ireland, no LSOA) are not checked further, so a bad postcode
# there is no error; England and Wales rows are checked before the
# authority filter, so one there is.
. "$TOP/tests/cli/lib.sh"
O="$TOP/tests/fixtures/onspd"

# edit FIELD_NAME POSTCODE VALUE OUT: the 2023 fixture with one field of the
# row of POSTCODE (pcds) set to VALUE
edit()
{
	python3 - "$O/onspd-2023.csv" "$@" <<'PY'
import csv, sys
src, name, pc, value, out = sys.argv[1:]
rows = list(csv.reader(open(src, newline="")))
i, p = rows[0].index(name), rows[0].index("pcds")
for r in rows[1:]:
    if r[p] == pc:
        r[i] = value
csv.writer(open(out, "w", newline=""), quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
PY
}

ok r t.db init
ok r t.db import lsoas "$O/lsoas.csv"
ok r t.db import postcodes "$O/onspd-2011.csv"
ok r t.db export postcodes
cp out before.csv
[ "$(csv_rows before.csv)" = 2 ] || fail "setup"

# bad_file FILE LINE COLUMN REASON: exit 1, the row named, nothing changed
bad_file()
{
	expect_exit 1 r t.db import postcodes "$1"
	expect_grep_fixed "$1:$2: column $3: $4" err
	expect_grep_fixed "1 bad row, nothing imported" err
	ok r t.db export postcodes
	expect_same_file before.csv out
}

# a malformed postcode in a kept row (line 3: M15 4AD, E01006112)
edit pcds "M15 4AD" "M15 4A" bad-pc.csv
bad_file bad-pc.csv 3 pcds "'M15 4A' is not a UK postcode"
# ... and in an England row outside the authority (line 6: M14 4PX)
edit pcds "M14 4PX" "M14-4PX" bad-pc-outside.csv
bad_file bad-pc-outside.csv 6 pcds "'M14-4PX' is not a UK postcode"
# an England LSOA that is not a code
edit lsoa21 "M16 0EQ" "E01ABC123" bad-lsoa.csv
bad_file bad-lsoa.csv 5 lsoa21 "'E01ABC123' is not an LSOA code (E01 or W01 and 6 digits)"
edit lsoa21 "M16 0EQ" "E0100611" short-lsoa.csv
bad_file short-lsoa.csv 5 lsoa21 "'E0100611' is not an LSOA code"
# an empty postcode in a kept row
edit pcds "M15 4AB" "" empty-pc.csv
bad_file empty-pc.csv 2 pcds "is empty but required"

# a bad postcode in a Scottish row is not looked at: 4 kept as usual
edit pcds "EH1 1AD" "NOT A POSTCODE" scot.csv
ok r s.db init
ok r s.db import lsoas "$O/lsoas.csv"
ok r s.db import postcodes scot.csv
expect_grep_fixed "13 rows read, 4 kept (1 terminated)" err

# a row with a field missing
head -2 "$O/onspd-2023.csv" >short.csv
sed -n 3p "$O/onspd-2023.csv" | sed 's/,"E02006901"//' >>short.csv
expect_exit 1 r t.db import postcodes short.csv
expect_grep_fixed "short.csv:3: column ?: missing: the row has 52 fields but the header has 53" err
ok r t.db export postcodes
expect_same_file before.csv out

# no LSOA column: one line naming it, exit 1
python3 - "$O/onspd-2023.csv" >no-lsoa.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
drop = {rows[0].index("lsoa11"), rows[0].index("lsoa21")}
csv.writer(sys.stdout, lineterminator="\n").writerows([[v for i, v in enumerate(r) if i not in drop] for r in rows])
PY
expect_exit 1 r t.db import postcodes no-lsoa.csv
expect_one_line_error
expect_grep_fixed "no-lsoa.csv:1: column lsoa21: required column is missing from the header" err

# --skip-bad: the bad row goes to the rejects file with all its columns,
# the good ones are loaded
ok r t.db import postcodes bad-pc.csv --skip-bad rejects.csv
expect_grep_fixed "1 bad row written to 'rejects.csv'" err
expect_grep_fixed "13 rows read, 3 kept (1 terminated)" err
[ "$(csv_rows rejects.csv)" = 1 ] || fail "rejects rows"
expect_grep_fixed "column pcds: 'M15 4A' is not a UK postcode" rejects.csv
expect_grep_fixed "M15  4AD" rejects.csv
exit 0
