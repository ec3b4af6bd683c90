# t6300-registers.sh: session registers over HTTP: pick, tick, untick, walk-ins, CSRF and scope
. "$TOP/tests/cli/lib.sh"

export REACH_PWHASH=fast
port=$((20000 + $$ % 20000))
base="http://127.0.0.1:$port"
day=2026-10-15 # after the demo's history, so nobody is ticked yet

ok r t.db demo --children 300
# a second centre with a family of its own, outside the CC01 accounts' scope
sqlite3 t.db "INSERT INTO centres(code, name) VALUES ('CC99', 'Far Away Centre');
	INSERT INTO families(ext_id, postcode, centre_id) VALUES ('FAR01', 'RV1 1BN', (SELECT id FROM centres WHERE code = 'CC99'));
	INSERT INTO people(ext_id, family_id, role, first_name, last_name, date_of_birth, registered_on, name_key)
	  VALUES ('PFAR01', (SELECT id FROM families WHERE ext_id = 'FAR01'), 'child', 'Faraway', 'Child', '2024-01-01', '2024-02-01', 'frv');" ||
	fail "cannot add the second centre"

"$REACH" --db t.db serve --port "$port" >server.out 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
i=0
until curl -s -o /dev/null "$base/login"; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "the server did not start"
	sleep 0.1
done

# login USER JAR: sign in; the session's CSRF token goes in JAR.csrf
login()
{
	rm -f "$2"
	_t=$(curl -s -c "$2" -b "$2" "$base/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1)
	[ -n "$_t" ] || fail "no login form token"
	_s=$(curl -s -o /dev/null -w '%{http_code}' -c "$2" -b "$2" --data-urlencode "username=$1" \
		--data-urlencode "password=$1-demo-pass" --data-urlencode "csrf_token=$_t" "$base/login")
	[ "$_s" = 303 ] || fail "login of $1 gave $_s"
	curl -s -b "$2" "$base/registers" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1 >"$2.csrf"
	[ -s "$2.csrf" ] || fail "no session token for $1"
}

# get JAR PATH: the page in ./page, the status in $status
get()
{
	status=$(curl -s -o page -w '%{http_code}' -b "$1" "$base$2")
}

# post JAR PATH ARGS...: curl --data-urlencode ARGS; the page in ./page, status in $status
post()
{
	_jar=$1
	_path=$2
	shift 2
	status=$(curl -s -o page -D headers -w '%{http_code}' -b "$_jar" "$@" "$base$_path")
}

attended()
{
	r t.db export attendance -o att.csv >/dev/null 2>&1 || fail "export attendance failed"
	grep -c "^$1,CC01,$2,$3\$" att.csv
}

login worker w
csrf=$(cat w.csrf)

# ---- the picker lists the centre's activities, partner services among them
get w /registers
[ "$status" = 200 ] || fail "/registers gave $status"
expect_grep_fixed 'value="Stay and Play"' page
expect_grep_fixed 'value="Health Visitor Clinic"' page
expect_grep_fixed 'action="/registers/take"' page

# ---- a bad date re-renders the picker with the error summary and what was typed
get w "/registers/take?centre=CC01&activity=Stay%20and%20Play&date=2026-02-31"
[ "$status" = 200 ] || fail "bad date gave $status"
expect_grep_fixed 'govuk-error-summary' page
expect_grep_fixed 'value="2026-02-31"' page
get w "/registers/take?centre=CC01&activity=Stay%20and%20Play&date=2099-01-01"
expect_grep_fixed 'govuk-error-summary' page
get w "/registers/take?centre=CC01&activity=&date=$day"
expect_grep_fixed 'href="#activity"' page

# ---- the register of a session in the demo's history lists who came then
get w "/registers/take?centre=CC01&activity=Stay%20and%20Play&date=2026-09-24"
[ "$status" = 200 ] || fail "take gave $status"
expect_grep_fixed 'name="present" type="checkbox"' page
grep -q 'type="checkbox" value="P[0-9]*" checked' page || fail "nobody ticked on a past session"

# ---- a child of CC01's reach area who is under 5 and registered, and a carer of another family
child=$(sqlite3 t.db "SELECT p.ext_id FROM people p JOIN families f ON f.id = p.family_id
	JOIN postcodes pc ON pc.postcode = f.postcode JOIN reach_areas ra ON ra.lsoa_code = pc.lsoa_code
	JOIN centres c ON c.id = ra.centre_id WHERE c.code = 'CC01' AND p.role = 'child'
	AND p.date_of_birth > '2022-01-01' AND p.registered_on <= '$day' ORDER BY p.id LIMIT 1")
carer=$(sqlite3 t.db "SELECT p.ext_id FROM people p JOIN families f ON f.id = p.family_id
	WHERE f.centre_id = (SELECT id FROM centres WHERE code = 'CC01') AND p.role = 'carer'
	AND p.family_id <> (SELECT family_id FROM people WHERE ext_id = '$child') ORDER BY p.id LIMIT 1")
[ -n "$child" ] && [ -n "$carer" ] || fail "no people to tick"

# the page's engaged count for CC01 in the session's month (python reads the table row)
engaged()
{
	get "$1" "/reach?from=2026-10-01&to=2026-10-31&by=centre"
	[ "$status" = 200 ] || fail "/reach gave $status"
	python3 -c 'import re, sys
html = open("page", encoding="utf-8").read()
row = html.split("(CC01)</th>", 1)[1].split("</tr>", 1)[0]
cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
print(cells[2].split()[0])'
}
before=$(engaged w)

# ---- the CSRF rule: no token, or a wrong one, changes nothing
post w /registers/take --data-urlencode centre=CC01 --data-urlencode "activity=Stay and Play" \
	--data-urlencode "date=$day" --data-urlencode "listed=$child" --data-urlencode "present=$child"
[ "$status" = 403 ] || fail "a POST without csrf_token gave $status"
post w /registers/take --data-urlencode csrf_token=0000 --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" --data-urlencode "present=$child"
[ "$status" = 403 ] || fail "a POST with a wrong csrf_token gave $status"
[ "$(attended "$child" "Stay and Play" "$day")" = 0 ] || fail "a refused POST ticked someone"
[ "$(sqlite3 t.db "SELECT count(*) FROM sessions WHERE day = (julianday('$day') - 2440587.5)")" = 0 ] ||
	fail "a refused POST made a session"

# ---- tick two people: both attended, one audit row per family, back to the register with a banner
post w /registers/take --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" \
	--data-urlencode "listed=$child" --data-urlencode "present=$child" \
	--data-urlencode "listed=$carer" --data-urlencode "present=$carer"
[ "$status" = 303 ] || fail "saving the register gave $status"
grep -qi '^location: /registers/take?centre=CC01&activity=Stay%20and%20Play&date=2026-10-15&saved=1' headers ||
	fail "saving did not redirect back: $(grep -i location headers)"
[ "$(attended "$child" "Stay and Play" "$day")" = 1 ] || fail "the child was not recorded"
[ "$(attended "$carer" "Stay and Play" "$day")" = 1 ] || fail "the carer was not recorded"
[ "$(sqlite3 t.db "SELECT count(*) FROM audit WHERE action = 'update' AND username = 'worker'
	AND detail = 'attended Stay and Play on $day'")" = 2 ] || fail "not one audit row per family"
get w "/registers/take?centre=CC01&activity=Stay%20and%20Play&date=$day&saved=1"
expect_grep_fixed 'Register saved: 2 attended' page
grep -q "value=\"$child\" checked" page || fail "the child is not ticked on the register"

# the reach page counts the child as taking part in October
after=$(engaged w)
[ "$after" = $((before + 1)) ] || fail "engaged for CC01 went from $before to $after, expected +1"
ok r t.db report reach --by centre --from 2026-10-01 --to 2026-10-31 --format csv
grep -q "^centre,CC01,all,[0-9]*,[0-9]*,$after," out || fail "the page and the report disagree ($after)"

# ---- untick the carer (listed, not present): only that row goes; saving again changes nothing
post w /registers/take --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" \
	--data-urlencode "listed=$child" --data-urlencode "present=$child" --data-urlencode "listed=$carer"
[ "$status" = 303 ] || fail "saving the untick gave $status"
[ "$(attended "$carer" "Stay and Play" "$day")" = 0 ] || fail "the unticked carer is still recorded"
[ "$(attended "$child" "Stay and Play" "$day")" = 1 ] || fail "the child went with the carer"
[ "$(sqlite3 t.db "SELECT count(*) FROM audit WHERE detail LIKE 'removed from the register of Stay and Play on $day'")" = 1 ] ||
	fail "the untick was not audited"

# ---- another activity (a partner service) is created on first use
post w /registers/take --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=_other" --data-urlencode "activity_other=Speech therapy drop-in" \
	--data-urlencode "date=$day" --data-urlencode "listed=$child" --data-urlencode "present=$child"
[ "$status" = 303 ] || fail "a new activity gave $status"
[ "$(attended "$child" "Speech therapy drop-in" "$day")" = 1 ] || fail "the new activity was not recorded"

# ---- scope: another centre's register, or a person of another centre, is 404 and changes nothing
get w "/registers/take?centre=CC99&activity=Stay%20and%20Play&date=$day"
[ "$status" = 404 ] || fail "a worker of CC01 opened a CC99 register ($status)"
get w "/registers/take?centre=NOPE&activity=Stay%20and%20Play&date=$day"
[ "$status" = 404 ] || fail "an unknown centre gave $status"
post w /registers/take --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC99 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" --data-urlencode "present=$child"
[ "$status" = 404 ] || fail "a worker of CC01 saved a CC99 register ($status)"
post w /registers/take --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" \
	--data-urlencode "present=PFAR01" --data-urlencode "present=$carer"
[ "$status" = 404 ] || fail "a person of another centre was ticked ($status)"
[ "$(attended "$carer" "Stay and Play" "$day")" = 0 ] || fail "a refused register changed something"
[ "$(sqlite3 t.db "SELECT count(*) FROM attendance a JOIN people p ON p.id = a.person_id WHERE p.ext_id = 'PFAR01'")" = 0 ] ||
	fail "the out-of-scope child was ticked"
# the search box finds only families in scope
get w "/registers/take?centre=CC01&activity=Stay%20and%20Play&date=$day&q=FAR01"
[ "$status" = 200 ] || fail "search on the register gave $status"
expect_no_grep_fixed 'PFAR01' page
# a viewer may not take registers at all
login viewer v
get v /registers
[ "$status" = 403 ] || fail "a viewer opened /registers ($status)"
post v /registers/take --data-urlencode "csrf_token=$(cat v.csrf)" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" --data-urlencode "present=$carer"
[ "$status" = 403 ] || fail "a viewer saved a register ($status)"

# ---- a walk-in: bad input re-renders the register with the errors and what was typed
families=$(sqlite3 t.db "SELECT count(*) FROM families")
post w /registers/walk-in --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" \
	--data-urlencode "carer_first_name=سارة" --data-urlencode "carer_last_name=" \
	--data-urlencode "child_first_name=Yusuf" --data-urlencode "child_last_name=Ahmed" \
	--data-urlencode "child_dob-day=31" --data-urlencode "child_dob-month=2" --data-urlencode "child_dob-year=2025" \
	--data-urlencode "postcode=NOT A POSTCODE" --data-urlencode "consent_contact=yes"
[ "$status" = 200 ] || fail "a bad walk-in gave $status"
expect_grep_fixed 'govuk-error-summary' page
expect_grep_fixed 'href="#carer_last_name"' page
expect_grep_fixed 'href="#child_dob-day"' page
expect_grep_fixed 'href="#postcode"' page
expect_grep_fixed 'value="سارة"' page
expect_grep_fixed 'value="NOT A POSTCODE"' page
[ "$(sqlite3 t.db "SELECT count(*) FROM families")" = "$families" ] || fail "a bad walk-in was saved"
# without the token: refused
post w /registers/walk-in --data-urlencode centre=CC01 --data-urlencode "activity=Stay and Play" \
	--data-urlencode "date=$day" --data-urlencode "carer_first_name=A" --data-urlencode "carer_last_name=B" \
	--data-urlencode "child_first_name=C" --data-urlencode "child_last_name=D" \
	--data-urlencode "child_dob-day=1" --data-urlencode "child_dob-month=2" --data-urlencode "child_dob-year=2025" \
	--data-urlencode "postcode=RV1 1BN" --data-urlencode "consent_contact=yes"
[ "$status" = 403 ] || fail "a walk-in without csrf_token gave $status"
[ "$(sqlite3 t.db "SELECT count(*) FROM families")" = "$families" ] || fail "a refused walk-in was saved"

# ---- a good walk-in registers the family and ticks carer and child
post w /registers/walk-in --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" \
	--data-urlencode "carer_first_name=سارة" --data-urlencode "carer_last_name=أحمد" \
	--data-urlencode "child_first_name=Yusuf" --data-urlencode "child_last_name=Ahmed" \
	--data-urlencode "child_dob-day=1" --data-urlencode "child_dob-month=2" --data-urlencode "child_dob-year=2025" \
	--data-urlencode "postcode=rv11bn" --data-urlencode "consent_contact=yes"
[ "$status" = 303 ] || fail "a walk-in gave $status"
grep -qi '^location: /registers/take?.*&saved=1&walkin=W0000001' headers || fail "walk-in redirect: $(grep -i location headers)"
[ "$(sqlite3 t.db "SELECT postcode || '|' || consent_contact || '|' || (SELECT code FROM centres WHERE id = centre_id) FROM families WHERE ext_id = 'W0000001'")" = "RV1 1BN|1|CC01" ] ||
	fail "the walk-in family is wrong"
[ "$(sqlite3 t.db "SELECT group_concat(ext_id || ':' || role || ':' || first_name, ' ') FROM people WHERE family_id = (SELECT id FROM families WHERE ext_id = 'W0000001') ORDER BY id")" = "WP00000001:carer:سارة WP00000002:child:Yusuf" ] ||
	fail "the walk-in people are wrong"
[ "$(attended WP00000001 "Stay and Play" "$day")" = 1 ] || fail "the walk-in carer was not ticked"
[ "$(attended WP00000002 "Stay and Play" "$day")" = 1 ] || fail "the walk-in child was not ticked"
[ "$(sqlite3 t.db "SELECT count(*) FROM audit WHERE action = 'create' AND family_ext_id = 'W0000001'")" = 1 ] ||
	fail "the walk-in was not audited"
get w "/registers/take?centre=CC01&activity=Stay%20and%20Play&date=$day&saved=1&walkin=W0000001"
expect_grep_fixed 'Family W0000001 registered' page
expect_grep_fixed 'Register saved: 3 attended' page
# the next walk-in takes the next ids
post w /registers/walk-in --data-urlencode "csrf_token=$csrf" --data-urlencode centre=CC01 \
	--data-urlencode "activity=Stay and Play" --data-urlencode "date=$day" \
	--data-urlencode "carer_first_name=Ana" --data-urlencode "carer_last_name=Silva" \
	--data-urlencode "child_first_name=Leo" --data-urlencode "child_last_name=Silva" \
	--data-urlencode "child_dob-day=3" --data-urlencode "child_dob-month=4" --data-urlencode "child_dob-year=2024" \
	--data-urlencode "postcode=RV1 1DA" --data-urlencode "consent_contact=no"
[ "$status" = 303 ] || fail "a second walk-in gave $status"
[ "$(sqlite3 t.db "SELECT count(*) FROM people WHERE ext_id IN ('WP00000003', 'WP00000004') AND family_id = (SELECT id FROM families WHERE ext_id = 'W0000002')")" = 2 ] ||
	fail "the second walk-in did not take the next ids"

kill $server
wait $server 2>/dev/null
trap - EXIT
if grep -q 'ERROR: AddressSanitizer\|runtime error' server.out; then
	cat server.out >&2
	fail "the server reported memory errors"
fi
exit 0
