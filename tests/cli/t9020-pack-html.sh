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
# engagement by activity, counted here again from the tables: registered under-5s living in
# the centre's LSOAs who attended in the period, and their attendances (most children first)
day()
{
	sqlite3 d.db "SELECT CAST(julianday('$1') - julianday('1970-01-01') AS INTEGER)"
}
in_area="pc.lsoa_code IN (SELECT r.lsoa_code FROM reach_areas r JOIN centres c ON c.id = r.centre_id
	WHERE c.code = '$centre')"
sqlite3 -separator '|' d.db "SELECT ac.name, count(DISTINCT p.id), count(*) FROM attendance a
	JOIN sessions s ON s.id = a.session_id JOIN activities ac ON ac.id = s.activity_id
	JOIN people p ON p.id = a.person_id JOIN families f ON f.id = p.family_id
	JOIN postcodes pc ON pc.postcode = f.postcode
	WHERE p.role = 'child' AND a.day BETWEEN $(day 2025-04-01) AND $(day 2026-03-31)
	AND p.date_of_birth > date('2026-03-31', '-5 years') AND p.date_of_birth <= '2026-03-31'
	AND p.registered_on <= '2026-03-31' AND $in_area
	GROUP BY ac.id ORDER BY 2 DESC, 3 DESC, 1" >activities.txt
[ -s activities.txt ] || fail "the demo has no attendance in the period"
# every table row on a line of its own, as [cell][cell]...
tr '\n' ' ' <pack.html | sed 's/<tr/\n<tr/g; s/<\/tr>/<\/tr>\n/g' | grep '^<tr' |
	sed 's/<t[dh][^>]*>\([^<]*\)<\/t[dh]>/[\1]/g; s/<[^>]*>//g; s/ //g' >rows.txt
last=0
while IFS='|' read -r name children att; do
	name=$(printf '%s' "$name" | sed "s/'/\&#39;/g; s/ //g")
	line=$(grep -n -F "[$name][$children][" rows.txt | grep -F "][$att]" | head -1 | cut -d: -f1)
	[ -n "$line" ] || fail "no activity row for $name: $children children, $att attendances"
	[ "$line" -gt "$last" ] || fail "the activity $name is out of order"
	last=$line
done <activities.txt
# live births of the centre's LSOAs in 2025
births=$(sqlite3 d.db "SELECT count(*) FROM births b JOIN postcodes pc ON pc.postcode = b.postcode
	WHERE b.date_of_birth BETWEEN '2025-01-01' AND '2025-12-31' AND $in_area")
grep -q -x -F "[2025][$births]" rows.txt || fail "live births of 2025 are not $births"
expect_grep_fixed 'What this pack cannot be trusted for' pack.html
expect_grep_fixed 'People in likely duplicate pairs not yet reviewed' pack.html

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
