#!/bin/sh
# t6500-packs.sh: data packs in the web application: the form, the pack as a page with the
# reach report's numbers, PDF and XLSX downloads (audited), roles and scope, bad input
. "$TOP/tests/cli/lib.sh"

command -v tidy >/dev/null || fail "'tidy' is needed (the tidy package)"
PERIOD="from=2025-04-01&to=2026-03-31"
ok r t.db demo --children 300
# a second centre in its own cluster, outside the demo accounts' centres
sqlite3 t.db "INSERT INTO centres(code, name, cluster) VALUES ('CC99', 'Far Away Centre', 'Far');" ||
	fail "cannot prepare the data"
report t.db rep.csv --from 2025-04-01 --to 2026-03-31 --by centre
registered=$(awk -F, '$1 == "centre" && $2 == "CC01" && $3 == "all" { print $5 }' rep.csv)
[ -n "$registered" ] || fail "no CC01 row in the reach report"

web_start t.db
for u in admin analyst manager worker viewer; do
	web_login $u
done

# tidy: only the warnings every page of the kit has, and those of SVG it does not know
tidy_ok()
{
	tidy -errors -q "$1" >tidy.out 2>&1
	grep -v -e 'proprietary attribute "\(aria-current\|inputmode\|focusable\|font-family\|font-size\|id\)"' \
		tidy.out >tidy.bad
	[ ! -s tidy.bad ] || { cat tidy.bad >&2; fail "tidy found problems in $1"; }
}

# ---- signed out: to the sign-in page
[ "$(curl -s -o /dev/null -w '%{http_code}' "$WEB/packs")" = 303 ] || fail "/packs signed out is not a redirect"

# ---- the form: every area for an analyst, the user's own centre for the others
expect_status 200 analyst /packs
expect_grep_fixed 'value="la"' page.html
expect_grep_fixed 'value="centre:CC99"' page.html
expect_grep_fixed 'value="cluster:North"' page.html
expect_grep_fixed 'href="/packs"' page.html
expect_grep_fixed 'action="/packs/view"' page.html
for u in manager worker viewer; do
	expect_status 200 $u /packs
	expect_grep_fixed 'value="centre:CC01"' page.html
	expect_no_grep_fixed 'value="centre:CC99"' page.html
	expect_no_grep_fixed 'value="la"' page.html
	expect_no_grep_fixed 'value="cluster:' page.html
done
cp page.html form.html
tidy_ok form.html

# ---- the pack as a page: the reach report's registered number, charts, the print stylesheet
expect_status 200 worker "/packs/view?area=centre:CC01&$PERIOD&publish=no"
cp page.html view.html
expect_grep_fixed '<h1 class="govuk-heading-xl">CC01 ' view.html
expect_grep_fixed '1 April 2025 to 31 March 2026' view.html
expect_grep_fixed 'href="/assets/pack.css"' view.html
expect_grep_fixed '<svg' view.html
expect_grep_fixed 'reach-pack-noprint' view.html
expect_grep_fixed 'Data quality</h2>' view.html
# the first row of the reach table: population, then registered
tr '\n' ' ' <view.html | sed 's/<tr/\n<tr/g' | grep -m1 'All children under 5' >row.html ||
	fail "no reach row on the pack page"
cells=$(sed 's/<t[dh][^>]*>\([^<]*\)<\/t[dh]>/[\1]/g; s/<[^>]*>//g' row.html | tr -d ' ')
case "$cells" in
"[Allchildrenunder5]["*"][$registered]"*) ;;
*) fail "the pack page's reach row is '$cells', expected registered $registered" ;;
esac
# the same figures as `reach pack --format html` (the server works the duplicates out once)
ok r t.db pack --centre CC01 --from 2025-04-01 --to 2026-03-31 --format html -o cli.html
for f in view.html cli.html; do
	tr '\n' ' ' <$f | sed 's/<tr/\n<tr/g; s/<\/tr>/<\/tr>\n/g' | grep '^<tr' |
		sed 's/<t[dh][^>]*>\([^<]*\)<\/t[dh]>/[\1]/g; s/<[^>]*>//g; s/ //g' >$f.rows
done
[ "$(wc -l <view.html.rows)" -gt 40 ] || fail "too few table rows on the pack page"
expect_same_file cli.html.rows view.html.rows
expect_grep_fixed '[Peopleinlikelyduplicatepairsnotyetreviewed][' view.html.rows
# workers and viewers have no downloads
expect_no_grep_fixed '/packs/pack.pdf' view.html
tidy_ok view.html
expect_status 200 manager "/packs/view?area=centre:CC01&$PERIOD&publish=yes"
expect_grep_fixed 'Counts from 1 to 4 are shown as &lt;5' page.html
expect_grep_fixed 'href="/packs/pack.pdf?area=centre%3ACC01&amp;from=2025-04-01&amp;to=2026-03-31&amp;publish=yes"' page.html
expect_grep_fixed 'href="/packs/pack.xlsx?' page.html
expect_status 200 analyst "/packs/view?area=la&$PERIOD"
expect_grep_fixed 'Local authority data pack' page.html
expect_status 200 analyst "/packs/view?area=cluster:North&$PERIOD"
expect_grep_fixed 'Cluster profile' page.html
expect_status 200 admin "/packs/view?area=centre:CC99&$PERIOD"
# in Arabic: the application's words, the pack in English (said so)
expect_status 200 viewer "/packs/view?area=centre:CC01&$PERIOD&lang=ar"
expect_grep_fixed 'dir="rtl"' page.html
expect_grep_fixed 'الحزمة نفسها مكتوبة باللغة الإنجليزية' page.html
expect_grep_fixed 'Reach and engagement</h2>' page.html
expect_status 200 viewer "/packs?lang=en"

# ---- scope: another centre, a cluster or the LA is not found for scoped roles
for u in manager worker viewer; do
	expect_status 404 $u "/packs/view?area=centre:CC99&$PERIOD"
	expect_status 404 $u "/packs/view?area=la&$PERIOD"
	expect_status 404 $u "/packs/view?area=cluster:North&$PERIOD"
	expect_status 404 $u "/packs/view?area=centre:NOPE&$PERIOD"
done
expect_status 404 manager "/packs/pack.pdf?area=centre:CC99&$PERIOD"
expect_status 404 manager "/packs/pack.xlsx?area=la&$PERIOD"

# ---- downloads: for those who may export, audited
for u in worker viewer; do
	expect_status 403 $u "/packs/pack.pdf?area=centre:CC01&$PERIOD"
	expect_status 403 $u "/packs/pack.xlsx?area=centre:CC01&$PERIOD"
done
curl -s -b jar-manager -D head.txt -o pack.pdf "$WEB/packs/pack.pdf?area=centre:CC01&$PERIOD&publish=no"
expect_grep_fixed 'Content-Type: application/pdf' head.txt
expect_grep_fixed 'Content-Disposition: attachment; filename="pack-centre-CC01-2025-04-01-to-2026-03-31.pdf"' head.txt
[ "$(head -c 4 pack.pdf)" = "%PDF" ] || fail "the PDF download is not a PDF"
if command -v pdftotext >/dev/null; then
	pdftotext -layout pack.pdf pack.txt
	expect_grep "^ *All children under 5  *[0-9][0-9]*  *$registered " pack.txt
fi
curl -s -b jar-analyst -D head.txt -o pack.xlsx "$WEB/packs/pack.xlsx?area=cluster:North&$PERIOD&publish=yes"
expect_grep_fixed 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' head.txt
expect_grep_fixed 'filename="pack-cluster-North-2025-04-01-to-2026-03-31.xlsx"' head.txt
[ "$(head -c 2 pack.xlsx)" = "PK" ] || fail "the XLSX download is not a zip"
n=$(sqlite3 t.db "SELECT count(*) FROM audit WHERE action = 'export' AND detail LIKE 'data pack %'")
[ "$n" = 2 ] || fail "$n pack downloads audited, expected 2"
expect_grep_fixed 'data pack pdf: centre CC01, 2025-04-01 to 2026-03-31, not for publication' \
	"$(sqlite3 t.db "SELECT detail FROM audit WHERE username = 'manager' AND detail LIKE 'data pack%'" >audit.txt; echo audit.txt)"

# ---- bad input: the form again with the error summary and what was typed
expect_status 200 analyst "/packs/view?area=centre:CC01&from=2025-13-01&to=2026-03-31"
expect_grep_fixed 'govuk-error-summary' page.html
expect_grep_fixed 'value="2025-13-01"' page.html
expect_grep_fixed 'value="centre:CC01" selected' page.html
expect_status 200 analyst "/packs/view?area=centre:CC01&from=2026-04-01&to=2025-03-31"
expect_grep_fixed 'The end date must be the same as or after the start date' page.html
expect_status 200 analyst "/packs/view?area=centre:NOPE&$PERIOD"
expect_grep_fixed 'There is no such centre or cluster' page.html
expect_status 200 analyst "/packs/view?$PERIOD"
expect_grep_fixed 'Choose the centre, cluster or authority' page.html
expect_status 200 manager "/packs/pack.pdf?area=centre:CC01&from=bad&to=2026-03-31"
expect_grep_fixed 'govuk-error-summary' page.html
cp page.html errors.html
tidy_ok errors.html
web_stop
! grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' web.log ||
	{ cat web.log >&2; fail "the server reported a sanitizer error"; }
n=$(sqlite3 t.db "SELECT count(*) FROM audit WHERE detail LIKE 'data pack %'")
[ "$n" = 2 ] || fail "a refused download was audited"
exit 0
