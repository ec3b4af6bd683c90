# t2040-report-bestfit: best-fit reach areas (reach_areas with a share)
# give centres and clusters share x each LSOA's figures, rounded once,
# halves up (worked by hand in tests/fixtures/bestfit/EXPECTED.md); every
# output says the figures are best fit; the LA and LSOA reports are whole
. "$TOP/tests/cli/lib.sh"

BF="$FIX/bestfit"
ok r t.db init
for k in $KINDS; do
	f="$SMALL/$k.csv"
	[ "$k" = reach_areas ] && f="$BF/reach_areas.csv"
	ok r t.db import "$k" "$f"
done

report t.db centre.csv $P1 --by centre
expect_same_file "$BF/expected/centre-2025-26.csv" centre.csv
report t.db cluster.csv $P1 --by cluster
expect_same_file "$BF/expected/cluster-2025-26.csv" cluster.csv
# whole areas: byte for byte the small fixture's reports, no best_fit column
report t.db la.csv $P1 --by la
expect_same_file "$SMALL/expected/la-2025-26.csv" la.csv
report t.db lsoa.csv $P1 --by lsoa
expect_same_file "$SMALL/expected/lsoa-2025-26.csv" lsoa.csv

# the table marks each best-fit area and says what that means
ok r t.db report reach $P1 --by centre --format table
expect_grep '^CC02 \*  *all  *4  *1  *25.0' out
expect_grep_fixed "* Best fit: where a reach area was drawn on a map" out
ok r t.db report reach $P1 --by la --format table
expect_no_grep_fixed "Best fit" out

# JSON: a best_fit field on every row of a best-fit report
ok r t.db report reach $P1 --by cluster --format json
python3 - out <<'PY' || fail "report --format json has the wrong best_fit fields"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
assert rows[0]["area_code"] == "North" and rows[0]["best_fit"] is True, rows[0]
assert rows[0]["registered"] == 3 and rows[0]["population"] == 9, rows[0]
assert rows[-1]["area_type"] == "unknown" and rows[-1]["best_fit"] is False, rows[-1]
PY
ok r t.db report reach $P1 --by la --format json
expect_no_grep_fixed "best_fit" out

# the shares export as given (whole rows empty) and re-import to the same
ok r t.db export reach_areas -o ra.csv
expect_same_file "$BF/reach_areas.csv" ra.csv
ok r t.db import reach_areas ra.csv
ok r t.db export reach_areas
expect_same_file "$BF/reach_areas.csv" out
# a share of 1 is the whole LSOA: it exports as no share, and with no
# share left the file has the two columns it always had
printf 'centre_code,lsoa_code,share\nCC01,E01000002,1\n' >one.csv
ok r t2.db init
for k in lsoas centres; do ok r t2.db import $k "$SMALL/$k.csv"; done
ok r t2.db import reach_areas one.csv
ok r t2.db export reach_areas
printf 'centre_code,lsoa_code\nCC01,E01000002\n' >want.csv
expect_same_file want.csv out

# data packs say so too: on the cover, under the reach and deprivation
# tables, and their coverage section lists CC01's shared LSOA
ok r t.db pack --centre CC01 $P1 --format pdf -o cc01.pdf
pdftotext -layout cc01.pdf cc01.txt || fail "pdftotext"
expect_grep_fixed "Best-fit figures" cc01.txt
[ "$(grep -c '^ *Best fit: where a reach area was drawn' cc01.txt)" -ge 4 ] || fail "best-fit notes missing from the PDF"
expect_grep_fixed "This centre's LSOAs that other centres' reach areas hold too" cc01.txt
expect_grep 'E01000002  *Testham 001B  *E05000001 Riverside  *8  *0.25  *CC01 0.25;CC02 0.5;CC03' cc01.txt
ok r t.db pack --centre CC01 $P1 --format html -o cc01.html
expect_grep_fixed "Best-fit figures" cc01.html
[ "$(grep -c 'Best fit: where a reach area was drawn' cc01.html)" -ge 4 ] || fail "best-fit notes missing from the HTML"
expect_grep_fixed "This centre&#39;s LSOAs that other centres&#39; reach areas hold too" cc01.html
expect_grep_fixed "CC01 0.25;CC02 0.5;CC03" cc01.html
ok r t.db pack --la $P1 --format xlsx -o la.xlsx
unzip -p la.xlsx xl/workbook.xml | grep -q 'name="Coverage"' || fail "no Coverage sheet in the XLSX"
unzip -p la.xlsx xl/sharedStrings.xml >strings.xml
expect_grep_fixed "LSOAs in two or more reach areas" strings.xml
expect_grep_fixed "Best fit: where a reach area was drawn" strings.xml
