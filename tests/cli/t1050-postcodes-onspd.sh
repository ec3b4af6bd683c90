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

summary()
{
	tail -1 err | sed 's/ in [0-9.]* s;/;/'
}

ok r a.db init
ok r a.db import lsoas "$O/lsoas.csv"
ok r a.db import postcodes "$O/onspd-2023.csv"
expect_lines 1 err
got=$(summary)
want="imported 4 postcodes rows from '$O/onspd-2023.csv'; ONS Postcode Directory, LSOA from lsoa21: 13 rows read, 4 kept (1 terminated); left out: 3 outside the authority's LSOAs, 2 in Scotland or Northern Ireland, 4 without an LSOA"
[ "$got" = "$want" ] || fail "summary: $got"
ok r a.db export postcodes
printf 'postcode,lsoa_code\nM15 4AB,E01034001\nM15 4AD,E01006112\nM15 4AP,E01006112\nM16 0EQ,E01006114\n' >want.csv
expect_same_file want.csv out

# again: nothing changes
ok r a.db import postcodes "$O/onspd-2023.csv"
ok r a.db export postcodes
expect_same_file want.csv out

# --all-lsoas keeps every England and Wales LSOA
ok r b.db init
ok r b.db import lsoas "$O/lsoas.csv"
ok r b.db import postcodes --all-lsoas "$O/onspd-2023.csv"
expect_grep_fixed "13 rows read, 7 kept (2 terminated); left out: 0 outside the authority's LSOAs, 2 in Scotland or Northern Ireland, 4 without an LSOA (--all-lsoas" err
ok r b.db export postcodes
printf 'postcode,lsoa_code\nCF10 1AA,W01001858\nM14 4PX,E01005220\nM14 4QA,E01005220\nM15 4AB,E01034001\nM15 4AD,E01006112\nM15 4AP,E01006112\nM16 0EQ,E01006114\n' >want-all.csv
expect_same_file want-all.csv out

# with no lsoas in the store there is nothing to filter by: all are kept, and it says so
ok r c.db init
ok r c.db import postcodes "$O/onspd-2023.csv"
expect_grep_fixed "7 kept (2 terminated)" err
expect_grep_fixed "(no lsoas imported yet: every England and Wales LSOA kept)" err
ok r c.db export postcodes
expect_same_file want-all.csv out

# a 2011-LSOA release (lsoa11 only): the 2011 column is used, and named
ok r d.db init
ok r d.db import lsoas "$O/lsoas.csv"
ok r d.db import postcodes "$O/onspd-2011.csv"
expect_grep_fixed "LSOA from lsoa11: 4 rows read, 2 kept (1 terminated); left out: 1 outside the authority's LSOAs, 1 in Scotland or Northern Ireland, 0 without an LSOA" err
ok r d.db export postcodes
printf 'postcode,lsoa_code\nM15 4AD,E01006112\nM15 4AP,E01006112\n' >want-2011.csv
expect_same_file want-2011.csv out

# the names of the 2025 releases (pcd7, pcd8, lsoa21cd)
ok r e.db init
ok r e.db import lsoas "$O/lsoas.csv"
ok r e.db import postcodes "$O/onspd-2025.csv"
expect_grep_fixed "LSOA from lsoa21cd: 4 rows read, 2 kept (0 terminated); left out: 1 outside the authority's LSOAs, 0 in Scotland or Northern Ireland, 1 without an LSOA" err
ok r e.db export postcodes
printf 'postcode,lsoa_code\nM15 4AB,E01034001\nM16 0EQ,E01006114\n' >want-2025.csv
expect_same_file want-2025.csv out

# when both LSOA columns are there, 2021 wins over 2011 (the 2023 file has both)
# and 2021 before 2011 whatever their order: lsoa11 moved to the end
python3 - "$O/onspd-2023.csv" >swapped.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
i = rows[0].index("lsoa11")
w = csv.writer(sys.stdout, lineterminator="\n")
for r in rows:
    w.writerow(r[:i] + r[i + 1:] + [r[i]])
PY
ok r f.db init
ok r f.db import lsoas "$O/lsoas.csv"
ok r f.db import postcodes swapped.csv
expect_grep_fixed "LSOA from lsoa21: 13 rows read, 4 kept" err
ok r f.db export postcodes
expect_same_file want.csv out

# --all-lsoas is for postcodes only
expect_exit 2 r a.db import lsoas --all-lsoas "$O/lsoas.csv"
exit 0
