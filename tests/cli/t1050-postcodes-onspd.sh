# t1050-postcodes-onspd: `import postcodes` reads the ONS Postcode Directory
# as ONS publishes it (tests/fixtures/onspd: made-up rows under the real
# headers). Worked by hand for onspd-2023.csv (13 rows, February 2023
# header, CRLF) against lsoas.csv (E01006112, E01034001, E01006114):
#   kept 4: M15 4AB, M15 4AD, M15 4AP (terminated 2018), M16 0EQ
#   outside the authority 3: M14 4PX, CF10 1AA (Wales), M14 4QA (terminated)
#   Scotland or Northern Ireland 2: EH1 1AD, EH1 1AG (S01 data zones)
#   without an LSOA 4: EH1 1AF (empty), BT1 1AA (N99999999),
#     GY1 1AA (L99999999), M33 7ZZ (E99999999)
# With --all-lsoas the 3 outside rows are kept too (7, 2 terminated).
. "$TOP/tests/cli/lib.sh"
O="$TOP/tests/fixtures/onspd"

# load DB FILE [--all-lsoas]: a new database holding lsoas.csv (unless DB
# is c.db), then FILE imported into it; the summary line is in ./err
load()
{
	ok r "$1" init
	[ "$1" = c.db ] || ok r "$1" import lsoas "$O/lsoas.csv"
	ok r "$1" import postcodes "$2" ${3:-}
	expect_lines 1 err
}

# expect_postcodes DB ROWS: exactly these postcodes are stored (ROWS:
# "postcode,lsoa_code" lines)
expect_postcodes()
{
	printf 'postcode,lsoa_code\n%s\n' "$2" >want.csv
	ok r "$1" export postcodes
	expect_same_file want.csv out
}

KEPT="M15 4AB,E01034001
M15 4AD,E01006112
M15 4AP,E01006112
M16 0EQ,E01006114"
ALL="CF10 1AA,W01001858
M14 4PX,E01005220
M14 4QA,E01005220
$KEPT"

load a.db "$O/onspd-2023.csv"
got=$(sed 's/ in [0-9.]* s;/;/' err)
want="imported 4 postcodes rows from '$O/onspd-2023.csv'; ONS Postcode Directory, LSOA from lsoa21: 13 rows read, 4 kept (1 terminated); left out: 3 outside the authority's LSOAs, 2 in Scotland or Northern Ireland, 4 without an LSOA"
[ "$got" = "$want" ] || fail "summary: $got"
expect_postcodes a.db "$KEPT"

# again: nothing changes
ok r a.db import postcodes "$O/onspd-2023.csv"
expect_postcodes a.db "$KEPT"

# --all-lsoas keeps every England and Wales LSOA
load b.db "$O/onspd-2023.csv" --all-lsoas
expect_grep_fixed "13 rows read, 7 kept (2 terminated); left out: 0 outside the authority's LSOAs, 2 in Scotland or Northern Ireland, 4 without an LSOA (--all-lsoas" err
expect_postcodes b.db "$ALL"

# with no lsoas in the store there is nothing to filter by: all are kept, and it says so
load c.db "$O/onspd-2023.csv"
expect_grep_fixed "7 kept (2 terminated); left out: 0 outside the authority's LSOAs, 2 in Scotland or Northern Ireland, 4 without an LSOA (no lsoas imported yet: every England and Wales LSOA kept)" err
expect_postcodes c.db "$ALL"

# a 2011-LSOA release (lsoa11 only): the 2011 column is used, and named
load d.db "$O/onspd-2011.csv"
expect_grep_fixed "LSOA from lsoa11: 4 rows read, 2 kept (1 terminated); left out: 1 outside the authority's LSOAs, 1 in Scotland or Northern Ireland, 0 without an LSOA" err
expect_postcodes d.db "M15 4AD,E01006112
M15 4AP,E01006112"

# the names of the 2025 releases (pcd7, pcd8, lsoa21cd)
load e.db "$O/onspd-2025.csv"
expect_grep_fixed "LSOA from lsoa21cd: 4 rows read, 2 kept (0 terminated); left out: 1 outside the authority's LSOAs, 0 in Scotland or Northern Ireland, 1 without an LSOA" err
expect_postcodes e.db "M15 4AB,E01034001
M16 0EQ,E01006114"

# the 2023 file has both LSOA columns and 2021 wins, whatever their order:
# here lsoa11 is moved to the end
python3 - "$O/onspd-2023.csv" >swapped.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
i = rows[0].index("lsoa11")
w = csv.writer(sys.stdout, lineterminator="\n")
for r in rows:
    w.writerow(r[:i] + r[i + 1:] + [r[i]])
PY
load f.db swapped.csv
expect_grep_fixed "LSOA from lsoa21: 13 rows read, 4 kept" err
expect_postcodes f.db "$KEPT"

# --all-lsoas is for postcodes only
expect_exit 2 r a.db import lsoas --all-lsoas "$O/lsoas.csv"
exit 0
