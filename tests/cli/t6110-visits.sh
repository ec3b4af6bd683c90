# t6110-visits: recording an outreach visit (the CSRF rule, bad input shown
# again with a GOV.UK error summary and the typed values, scope, roles), the
# visit on the family record and in the counts of /visits, and the kinds of
# visit kept by admins (add, stop, use again; 403 for others)
. "$TOP/tests/cli/lib.sh"

REACH_PWHASH=fast
export REACH_PWHASH

load_small t.db
for spec in "admin1 --role admin" "worker1 --role worker --centre CC01" \
	"worker2 --role worker --centre CC02" "viewer1 --role viewer --centre CC01" \
	"manager1 --role manager --centre CC01"; do
	# shellcheck disable=SC2086
	printf '%s\n' "$(echo "$spec" | cut -d' ' -f1)-demo-pass" | "$REACH" --db t.db user add $spec \
		>out 2>err || { cat err >&2; fail "user add $spec"; }
done
web_start t.db
for u in admin1 worker2 viewer1 manager1 worker1; do
	web_login "$u"
	eval "CSRF_$u=\$CSRF"
done

visits()
{
	sqlite3 t.db 'SELECT count(*) FROM visits'
}
sql()
{
	sqlite3 t.db "$1"
}
CC01=$(sql "SELECT id FROM centres WHERE code = 'CC01'")
CC03=$(sql "SELECT id FROM centres WHERE code = 'CC03'")
NEWBIRTH=$(sql "SELECT id FROM visit_kinds WHERE name = 'New birth visit'")
SUPPORT=$(sql "SELECT id FROM visit_kinds WHERE name = 'Support visit'")
TODAY=$(date +%Y-%m-%d)
D=$(date +%-d)
M=$(date +%-m)
Y=$(date +%Y)

# visit USER FAMILY KIND DAY MONTH YEAR CENTRE [NOTES]: POST the visit form
# with the user's CSRF token; prints the status (body in page.html)
visit()
{
	eval "_tok=\$CSRF_$1"
	web_post "$1" "/families/$2/visits/new" --data-urlencode "csrf_token=$_tok" \
		--data-urlencode "kind=$3" --data-urlencode "visit_date-day=$4" \
		--data-urlencode "visit_date-month=$5" --data-urlencode "visit_date-year=$6" \
		--data-urlencode "centre=$7" --data-urlencode "notes=${8:-}"
}

# count_of KIND: the count next to KIND in the counts table of page.html
count_of()
{
	grep -A1 "<th scope=\"row\" class=\"govuk-table__header\">$1</th>" page.html |
		sed -n 's/.*govuk-table__cell--numeric">\([0-9]*\)<.*/\1/p' | head -1
}

# ---- the form
expect_status 200 worker1 /families/F01/visits/new
expect_grep_fixed 'name="csrf_token"' page.html
expect_grep_fixed 'New birth visit' page.html
expect_grep_fixed 'Health visitor first visit' page.html
expect_grep_fixed "name=\"visit_date-day\" type=\"text\" value=\"$D\"" page.html
expect_grep_fixed "<option value=\"$CC01\" selected>" page.html
# a worker chooses only among their centres
expect_no_grep_fixed "<option value=\"$CC03\"" page.html
expect_status 404 worker1 /families/F06/visits/new
expect_status 403 viewer1 /families/F01/visits/new

# ---- the CSRF rule: without the session's token nothing is saved
code=$(web_post worker1 /families/F01/visits/new --data-urlencode "kind=$NEWBIRTH" \
	--data-urlencode "visit_date-day=$D" --data-urlencode "visit_date-month=$M" \
	--data-urlencode "visit_date-year=$Y" --data-urlencode "centre=$CC01")
[ "$code" = 403 ] || fail "a visit without csrf_token: status $code, expected 403"
code=$(web_post worker1 /families/F01/visits/new --data-urlencode "csrf_token=$CSRF_viewer1" \
	--data-urlencode "kind=$NEWBIRTH" --data-urlencode "visit_date-day=$D" \
	--data-urlencode "visit_date-month=$M" --data-urlencode "visit_date-year=$Y" \
	--data-urlencode "centre=$CC01")
[ "$code" = 403 ] || fail "a visit with another session's csrf_token: status $code, expected 403"
[ "$(visits)" = 0 ] || fail "a refused POST saved a visit"

# ---- roles and scope: a viewer may not record, nobody records for a family out of scope
[ "$(visit viewer1 F01 "$NEWBIRTH" "$D" "$M" "$Y" "$CC01")" = 403 ] || fail "a viewer recorded a visit"
[ "$(visit worker1 F06 "$NEWBIRTH" "$D" "$M" "$Y" "$CC01")" = 404 ] || fail "a visit to a family out of scope"
[ "$(visits)" = 0 ] || fail "a refused visit was saved"

# ---- bad input: the form again, with the error summary and what was typed
code=$(visit worker1 F01 "" 30 2 2026 "$CC01" "Mum asked about <stay and play>")
[ "$code" = 200 ] || fail "bad visit: status $code, expected 200"
expect_grep_fixed 'govuk-error-summary' page.html
expect_grep_fixed '<title>Error: ' page.html
expect_grep_fixed '<a href="#kind">Select the kind of visit</a>' page.html
expect_grep_fixed '<a href="#visit_date-day">Date of the visit must be a real date</a>' page.html
expect_grep_fixed 'name="visit_date-day" type="text" value="30"' page.html
expect_grep_fixed 'name="visit_date-month" type="text" value="2"' page.html
expect_grep_fixed 'Mum asked about &lt;stay and play&gt;' page.html
expect_grep_fixed 'govuk-input--error' page.html

code=$(visit worker1 F01 "$NEWBIRTH" "$(date -d tomorrow +%-d)" "$(date -d tomorrow +%-m)" \
	"$(date -d tomorrow +%Y)" "$CC01")
[ "$code" = 200 ] || fail "a visit tomorrow: status $code"
expect_grep_fixed 'Date of the visit must be today or in the past' page.html
expect_grep_fixed "value=\"$NEWBIRTH\" checked" page.html

visit worker1 F01 "$NEWBIRTH" 3 "" "$Y" "$CC01" >/dev/null
expect_grep_fixed '<a href="#visit_date-month">Date of the visit must include a day, month and year</a>' page.html
visit worker1 F01 "$NEWBIRTH" "" "" "" "$CC01" >/dev/null
expect_grep_fixed 'Enter the date of the visit' page.html
visit worker1 F01 "$NEWBIRTH" 1 13 "$Y" "$CC01" >/dev/null
expect_grep_fixed '<a href="#visit_date-month">Date of the visit must be a real date</a>' page.html
visit worker1 F01 "$NEWBIRTH" 1 1 26 "$CC01" >/dev/null
expect_grep_fixed '<a href="#visit_date-year">Date of the visit must be a real date</a>' page.html
visit worker1 F01 999 "$D" "$M" "$Y" "$CC01" >/dev/null
expect_grep_fixed 'Select the kind of visit' page.html
# a centre that is not the worker's
visit worker1 F01 "$NEWBIRTH" "$D" "$M" "$Y" "$CC03" >/dev/null
expect_grep_fixed '<a href="#centre">Select the centre</a>' page.html
long=$(printf '%2001s' '' | tr ' ' 'x')
visit worker1 F01 "$NEWBIRTH" "$D" "$M" "$Y" "$CC01" "$long" >/dev/null
expect_grep_fixed 'Notes must be 2,000 characters or fewer' page.html
[ "$(visits)" = 0 ] || fail "bad input saved a visit"

# ---- a good visit: 303 to the family record, saved with who made it, audited
code=$(visit worker1 F01 "$NEWBIRTH" "$D" "$M" "$Y" "$CC01" "Baby well. Mum asked about <b>groups</b>")
[ "$code" = 303 ] || fail "a good visit: status $code, expected 303"
loc=$(curl -s -b jar-worker1 -o /dev/null -w '%{redirect_url}' -X POST "$WEB/families/F01/visits/new" \
	--data-urlencode "csrf_token=$CSRF_worker1" --data-urlencode "kind=$NEWBIRTH" \
	--data-urlencode "visit_date-day=$(date -d '10 days ago' +%-d)" \
	--data-urlencode "visit_date-month=$(date -d '10 days ago' +%-m)" \
	--data-urlencode "visit_date-year=$(date -d '10 days ago' +%Y)" --data-urlencode "centre=$CC01")
case "$loc" in
*/families/F01\?visit=added) ;;
*) fail "the visit redirects to '$loc'" ;;
esac
[ "$(visits)" = 2 ] || fail "expected 2 visits, found $(visits)"
row=$(sql "SELECT k.name, v.day, c.code, u.username, v.notes FROM visits v JOIN visit_kinds k ON k.id = v.kind_id
	JOIN centres c ON c.id = v.centre_id JOIN users u ON u.id = v.user_id ORDER BY v.id LIMIT 1")
[ "$row" = "New birth visit|$TODAY|CC01|worker1|Baby well. Mum asked about <b>groups</b>" ] ||
	fail "visit saved as '$row'"
n=$(sql "SELECT count(*) FROM audit WHERE username = 'worker1' AND action = 'create'
	AND family_ext_id = 'F01' AND detail = 'visit: New birth visit on $TODAY'")
[ "$n" = 1 ] || fail "the visit is not in the audit trail"

# on the family record, with the success banner
expect_status 200 worker1 "/families/F01?visit=added"
expect_grep_fixed 'govuk-notification-banner--success' page.html
expect_grep_fixed 'Visit recorded' page.html
expect_grep_fixed 'Baby well. Mum asked about &lt;b&gt;groups&lt;/b&gt;' page.html
expect_grep_fixed "$(LC_ALL=C date -d '10 days ago' '+%-d %B %Y')" page.html
expect_grep_fixed 'worker1' page.html
expect_status 200 worker1 /families/F01
expect_no_grep_fixed 'govuk-notification-banner' page.html

# ---- /visits: each kind counted on its own, the latest visits, in scope only
expect_status 200 worker1 /visits
[ "$(count_of 'New birth visit')" = 2 ] || fail "New birth visit counted $(count_of 'New birth visit'), expected 2"
[ "$(count_of 'Support visit')" = 0 ] || fail "Support visit counted $(count_of 'Support visit')"
[ "$(count_of 'Total')" = 2 ] || fail "total $(count_of 'Total')"
expect_grep_fixed '<a class="govuk-link" href="/families/F01">F01</a>' page.html
# a period before the visits
curl -s -b jar-worker1 -o page.html "$WEB/visits?from=2020-01-01&to=2020-12-31"
[ "$(count_of 'New birth visit')" = 0 ] || fail "visits counted outside the period"
expect_grep_fixed 'No visits recorded in this period' page.html
curl -s -b jar-worker1 -o page.html "$WEB/visits?from=2026-02-30&to=$TODAY"
expect_grep_fixed 'govuk-error-summary' page.html
expect_grep_fixed 'value="2026-02-30"' page.html
curl -s -b jar-worker1 -o page.html "$WEB/visits?from=$TODAY&to=2020-01-01"
expect_grep_fixed 'The start of the period must be on or before its end' page.html
# F01 is not a CC02 family and none of it came to CC02
expect_status 200 worker2 /visits
[ "$(count_of 'New birth visit')" = 0 ] || fail "worker2 (CC02) counts a visit to F01"
expect_no_grep_fixed 'href="/families/F01"' page.html
expect_status 200 viewer1 /visits
[ "$(count_of 'New birth visit')" = 2 ] || fail "viewer1 (CC01) does not see F01's visits"
expect_status 200 admin1 /visits
[ "$(count_of 'Total')" = 2 ] || fail "admin1 total $(count_of 'Total')"

# ---- kinds of visit: admins only
expect_status 200 admin1 /admin/visit-kinds
expect_grep_fixed 'Health visitor first visit' page.html
for u in worker1 manager1 viewer1; do
	expect_status 403 "$u" /admin/visit-kinds
done
code=$(web_post manager1 /admin/visit-kinds --data-urlencode "csrf_token=$CSRF_manager1" \
	--data-urlencode action=add --data-urlencode "name=Garden visit")
[ "$code" = 403 ] || fail "a manager added a kind: status $code"
code=$(web_post admin1 /admin/visit-kinds --data-urlencode action=add --data-urlencode "name=Garden visit")
[ "$code" = 403 ] || fail "a kind added without csrf_token: status $code"
[ "$(sql "SELECT count(*) FROM visit_kinds")" = 5 ] || fail "a refused POST added a kind"

# kind ARGS...: POST /admin/visit-kinds as admin1 with the token; prints the status
kind()
{
	web_post admin1 /admin/visit-kinds --data-urlencode "csrf_token=$CSRF_admin1" "$@"
}
[ "$(kind --data-urlencode action=add --data-urlencode "name=  Two-year-old offer visit ")" = 303 ] ||
	fail "add a kind"
[ "$(sql "SELECT active FROM visit_kinds WHERE name = 'Two-year-old offer visit'")" = 1 ] ||
	fail "the new kind is not saved (trimmed) and in use"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'visit_kind_add' AND username = 'admin1'")" = 1 ] ||
	fail "adding a kind is not audited"
curl -s -b jar-admin1 -o page.html "$WEB/admin/visit-kinds?done=added"
expect_grep_fixed 'Kind of visit added' page.html
[ "$(kind --data-urlencode action=add --data-urlencode "name=two-YEAR-old offer visit")" = 200 ] ||
	fail "a name taken in other letter case"
expect_grep_fixed 'govuk-error-summary' page.html
expect_grep_fixed 'There is already a kind of visit called ‘two-YEAR-old offer visit’' page.html
expect_grep_fixed 'value="two-YEAR-old offer visit"' page.html
kind --data-urlencode action=add --data-urlencode "name=x" >/dev/null
expect_grep_fixed 'Name must be between 2 and 80 characters' page.html
kind --data-urlencode action=add --data-urlencode "name=$(printf '%81s' '' | tr ' ' 'v')" >/dev/null
expect_grep_fixed 'Name must be between 2 and 80 characters' page.html
kind --data-urlencode action=add --data-urlencode "name=" >/dev/null
expect_grep_fixed 'Enter the name of the kind of visit' page.html
[ "$(sql "SELECT count(*) FROM visit_kinds")" = 6 ] || fail "a refused name was added"

# stop using a kind: off the form, refused if posted, kept with its visits
[ "$(kind --data-urlencode action=deactivate --data-urlencode "id=$SUPPORT")" = 303 ] || fail "deactivate"
[ "$(sql "SELECT active FROM visit_kinds WHERE id = $SUPPORT")" = 0 ] || fail "not deactivated"
expect_status 200 worker1 /families/F01/visits/new
expect_no_grep_fixed 'Support visit' page.html
expect_grep_fixed 'Two-year-old offer visit' page.html
[ "$(visit worker1 F01 "$SUPPORT" "$D" "$M" "$Y" "$CC01")" = 200 ] || fail "a visit of a stopped kind"
expect_grep_fixed 'Select the kind of visit' page.html
[ "$(kind --data-urlencode action=deactivate --data-urlencode "id=$NEWBIRTH")" = 303 ] || fail "deactivate in use"
[ "$(sql "SELECT count(*) FROM visits WHERE kind_id = $NEWBIRTH")" = 2 ] || fail "visits of a stopped kind lost"
expect_status 200 admin1 /visits
[ "$(count_of 'New birth visit (no longer used)')" = 2 ] || fail "a stopped kind's visits are not counted"
expect_status 200 admin1 /admin/visit-kinds
expect_grep_fixed 'Stopped' page.html
[ "$(kind --data-urlencode action=activate --data-urlencode "id=$SUPPORT")" = 303 ] || fail "activate"
[ "$(sql "SELECT active FROM visit_kinds WHERE id = $SUPPORT")" = 1 ] || fail "not active again"
n=$(sql "SELECT count(*) FROM audit WHERE action IN ('visit_kind_deactivate', 'visit_kind_activate')")
[ "$n" = 3 ] || fail "$n kind changes audited, expected 3"
[ "$(kind --data-urlencode action=deactivate --data-urlencode "id=999")" = 404 ] || fail "an unknown kind"
[ "$(kind --data-urlencode action=delete --data-urlencode "id=$SUPPORT")" = 400 ] || fail "an unknown action"
[ "$(sql "SELECT count(*) FROM visit_kinds")" = 6 ] || fail "a kind was deleted"

# notes are counted in characters, not bytes: 2,000 Arabic letters are fine
arabic=$(printf 'ب%.0s' $(seq 2000))
[ "$(visit manager1 F02 "$SUPPORT" "$D" "$M" "$Y" "$CC01" "$arabic")" = 303 ] ||
	fail "2,000 characters of Arabic notes refused"
exit 0
