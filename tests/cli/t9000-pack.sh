#!/bin/sh
# t9000-pack.sh: `reach pack` writes a centre's pack as PDF and XLSX with the reach report's numbers
. "$TOP/tests/cli/lib.sh"

# the command joins the program's command table with the pack module
if ! "$REACH" help 2>/dev/null | grep -q 'reach pack'; then
	echo "skip: this build has no 'reach pack' command"
	exit 0
fi
for tool in pdftotext pdftoppm unzip; do
	command -v $tool >/dev/null || fail "'$tool' is needed (poppler-utils, unzip)"
done

PERIOD="--from 2025-04-01 --to 2026-03-31"
ok r d.db demo --children 300
report d.db rep.csv $PERIOD --by centre
centre=$(awk -F, '$1 == "centre" && $3 == "all" { print $2; exit }' rep.csv)
registered=$(awk -F, -v c="$centre" '$1 == "centre" && $2 == c && $3 == "all" { print $5 }' rep.csv)
[ -n "$centre" ] && [ -n "$registered" ] || fail "no centre in the reach report"

# PDF: text that can be read back, with the centre, the period and the number
ok r d.db pack --centre "$centre" $PERIOD --format pdf -o pack.pdf
[ ! -s err ] || { cat err >&2; fail "pack wrote to stderr"; }
pdftotext -layout pack.pdf pack.txt || fail "pdftotext cannot read the pack"
expect_grep_fixed "$centre" pack.txt
expect_grep_fixed "1 April 2025 to 31 March 2026" pack.txt
expect_grep "^ *All children under 5  *[0-9][0-9]*  *$registered " pack.txt
expect_grep_fixed "Contents" pack.txt
expect_grep_fixed "Page 2 of" pack.txt
expect_grep_fixed "Data sources:" pack.txt
pages=$(grep -c 'Page [0-9]* of' pack.txt)
[ "$pages" -ge 5 ] || fail "$pages pages with a footer, expected 5 or more"

# the first pages as pictures for a person to look at (not kept in git)
art="$TOP/test-artifacts/t9000"
mkdir -p "$art"
rm -f "$art"/centre-*.png
pdftoppm -r 70 -png -f 1 -l 3 pack.pdf "$art/centre" || fail "pdftoppm cannot render the pack"
# pdftoppm pads page numbers to the digits of the last page (centre-01.png from 10 pages)
[ -s "$art/centre-1.png" ] || [ -s "$art/centre-01.png" ] || fail "no picture of page 1"

# XLSX: the registered number is a number cell (no t="s"/"str") on the Reach sheet
ok r d.db pack --centre "$centre" $PERIOD --format xlsx -o pack.xlsx
unzip -p pack.xlsx xl/worksheets/sheet1.xml >sheet1.xml || fail "no first sheet"
cell=$(sed -n 's/.*<c r="C5"\([^>]*\)><v>\([^<]*\)<.*/\1|\2/p' sheet1.xml)
case "$cell" in
*t=*) fail "cell C5 of the Reach sheet is not a number: $cell" ;;
*"|$registered") ;;
*) fail "cell C5 of the Reach sheet is '$cell', expected the number $registered" ;;
esac
unzip -p pack.xlsx xl/sharedStrings.xml >strings.xml || fail "no shared strings"
expect_grep_fixed "2025-04-01 to 2026-03-31" strings.xml
expect_grep_fixed "Source / notes" strings.xml
unzip -l pack.xlsx >list.txt
expect_grep_fixed "xl/worksheets/sheet10.xml" list.txt

# --publish: counts from 1 to 4 as <5, said on the cover; the demo centre's
# disabled children and some ethnic groups are that small
ok r d.db pack --centre "$centre" $PERIOD --format pdf --publish -o pub.pdf
[ ! -s err ] || { cat err >&2; fail "pack --publish wrote to stderr"; }
pdftotext -layout pub.pdf pub.txt || fail "pdftotext cannot read the published pack"
expect_grep_fixed "Counts from 1 to 4 are shown as <5" pub.txt
expect_grep_fixed "<5" pub.txt
expect_grep "^ *All children under 5  *[0-9][0-9]*  *$registered " pub.txt
ok r d.db pack --centre "$centre" $PERIOD --format xlsx --publish -o pub.xlsx
unzip -p pub.xlsx xl/sharedStrings.xml >pubstrings.xml || fail "no shared strings in the published pack"
expect_grep_fixed "Counts from 1 to 4 are shown as &lt;5" pubstrings.xml
expect_grep_fixed ">&lt;5<" pubstrings.xml
ok r d.db pack --la --all --publish $PERIOD --format pdf -o pub
[ -s pub/la.pdf ] || fail "--all --publish wrote no LA pack"

# cluster and LA packs, and --all into a folder
ok r d.db pack --la $PERIOD --format pdf -o la.pdf
ok r d.db pack --la --all $PERIOD --format xlsx -o all
[ -s "all/centre-$centre.xlsx" ] || fail "--all wrote no centre pack"
[ -s all/la.xlsx ] || fail "--all wrote no LA pack"

# bad input: one line on stderr, status 1 (unknown area) or 2 (usage)
expect_exit 1 r d.db pack --centre NOPE $PERIOD --format pdf -o x.pdf
expect_one_line_error
expect_grep_fixed "NOPE" err
[ ! -e x.pdf ] && [ ! -e x.pdf.tmp ] || fail "a file was left for an unknown centre"
expect_exit 1 r d.db pack --cluster Nowhere $PERIOD --format xlsx -o x.xlsx
expect_one_line_error
expect_exit 2 r d.db pack --centre "$centre" --from 2025-13-01 --to 2026-03-31 --format pdf -o x.pdf
expect_one_line_error
expect_exit 2 r d.db pack --centre "$centre" --from 2026-04-01 --to 2025-03-31 --format pdf -o x.pdf
expect_one_line_error
expect_exit 2 r d.db pack --centre "$centre" $PERIOD --format docx -o x.docx
expect_one_line_error
expect_exit 2 r d.db pack --centre "$centre" --la $PERIOD --format pdf -o x.pdf
expect_one_line_error
expect_exit 2 r d.db pack --centre "$centre" $PERIOD --format pdf
expect_one_line_error
expect_exit 1 r nothere.db pack --la $PERIOD --format pdf -o x.pdf
expect_one_line_error
exit 0
