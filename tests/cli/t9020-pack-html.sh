#!/bin/sh
# t9020-pack-html.sh: `reach pack --format html`: a standalone page with the reach report's
# numbers, valid HTML, nothing fetched from elsewhere; --all writes one file per area
. "$TOP/tests/cli/lib.sh"

command -v tidy >/dev/null || fail "'tidy' is needed (the tidy package)"
PERIOD="--from 2025-04-01 --to 2026-03-31"
ok r d.db demo --children 300
report d.db rep.csv $PERIOD --by centre
centre=$(awk -F, '$1 == "centre" && $3 == "all" { print $2; exit }' rep.csv)
registered=$(awk -F, -v c="$centre" '$1 == "centre" && $2 == c && $3 == "all" { print $5 }' rep.csv)
population=$(awk -F, -v c="$centre" '$1 == "centre" && $2 == c && $3 == "all" { print $4 }' rep.csv)
[ -n "$centre" ] && [ -n "$registered" ] || fail "no centre in the reach report"

ok r d.db pack --centre "$centre" $PERIOD --format html -o pack.html
[ ! -s err ] || { cat err >&2; fail "pack wrote to stderr"; }
[ ! -e pack.html.tmp ] || fail "the temporary file was left"
expect_grep_fixed '<!DOCTYPE html>' pack.html
expect_grep_fixed '<style>' pack.html
expect_grep_fixed '@page' pack.html
expect_grep_fixed '1 April 2025 to 31 March 2026' pack.html
expect_grep_fixed 'Children&#39;s centre data pack' pack.html
expect_grep_fixed 'Data sources:' pack.html
for s in pack-reach pack-demographics pack-deprivation pack-indicators pack-engagement pack-quality; do
	expect_grep_fixed "id=\"$s\"" pack.html
	expect_grep_fixed "href=\"#$s\"" pack.html
done
# the reach row: the report's population and registered, right-aligned
tr '\n' ' ' <pack.html | sed 's/<tr/\n<tr/g' | grep -m1 'All children under 5' >row.html ||
	fail "no reach row"
cells=$(sed 's/<t[dh][^>]*>\([^<]*\)<\/t[dh]>/[\1]/g; s/<[^>]*>//g' row.html | tr -d ' ')
case "$cells" in
"[Allchildrenunder5][$population][$registered]"*) ;;
*) fail "the reach row is '$cells', expected population $population, registered $registered" ;;
esac
expect_grep_fixed 'govuk-table__cell govuk-table__cell--numeric' row.html
# standalone: no script, no stylesheet, image or link to anywhere else
expect_no_grep_fixed '<script' pack.html
expect_no_grep_fixed '<link' pack.html
expect_no_grep_fixed 'src=' pack.html
grep 'url(' pack.html | grep -v 'url(#' >urls.txt
[ ! -s urls.txt ] || { cat urls.txt >&2; fail "the pack refers to a file"; }
grep -o 'href="[^"]*"' pack.html | grep -v '^href="#' >hrefs.txt
[ ! -s hrefs.txt ] || { cat hrefs.txt >&2; fail "the pack links outside itself"; }
# valid HTML: the only warnings are the SVG attributes tidy does not know
tidy -errors -q pack.html >tidy.out 2>&1
grep -v -e 'proprietary attribute "\(font-family\|font-size\|id\)"' tidy.out >tidy.bad
[ ! -s tidy.bad ] || { cat tidy.bad >&2; fail "tidy found problems"; }

# --publish: said on the cover, small counts as <5
ok r d.db pack --centre "$centre" $PERIOD --format html --publish -o pub.html
expect_grep_fixed 'Counts from 1 to 4 are shown as &lt;5' pub.html
expect_grep_fixed '>&lt;5<' pub.html

# --all: one file per centre and cluster, and the LA
ok r d.db pack --la --all $PERIOD --format html -o all
[ -s "all/centre-$centre.html" ] || fail "--all wrote no centre pack"
[ -s all/la.html ] || fail "--all wrote no LA pack"
ls all/cluster-*.html >/dev/null 2>&1 || fail "--all wrote no cluster pack"
expect_grep_fixed 'Local authority data pack' all/la.html

# bad format or unknown area: one line, no file
expect_exit 2 r d.db pack --centre "$centre" $PERIOD --format htm -o x.html
expect_one_line_error
expect_exit 1 r d.db pack --centre NOPE $PERIOD --format html -o x.html
expect_one_line_error
[ ! -e x.html ] && [ ! -e x.html.tmp ] || fail "a file was left for an unknown centre"

# as a person sees it: a screenshot and Chromium's A4 print (not kept in git)
if command -v node >/dev/null && [ -x "${CHROMIUM:-/usr/bin/chromium}" ] && [ -d "$TOP/node_modules/playwright-core" ]; then
	art="$TOP/test-artifacts/t9020"
	mkdir -p "$art"
	node "$TOP/tests/e2e/pack-print.mjs" pack.html "$art/centre" || fail "chromium could not print the pack"
	[ -s "$art/centre.pdf" ] || fail "no printed pack"
	if command -v pdfinfo >/dev/null; then
		pages=$(pdfinfo "$art/centre.pdf" | sed -n 's/^Pages: *//p')
		[ "$pages" -ge 7 ] || fail "the printed pack has $pages pages: each section should start a page"
	fi
fi
exit 0
