# t6000-routes: every page for every role: who may see what (capabilities
# checked on the server), scope (another centre's family is 404), sign-in
# required, and the CSRF rule on POST
. "$TOP/tests/cli/lib.sh"

REACH_PWHASH=fast ok "$REACH" --db t.db demo --children 3000
# a family of the demo accounts' centre CC01, and one of another centre
# that never came to CC01 (out of scope for manager, worker and viewer)
IN=$(sqlite3 t.db "SELECT f.ext_id FROM families f JOIN centres c ON c.id = f.centre_id
	WHERE c.code = 'CC01' ORDER BY f.id LIMIT 1")
OUT=$(sqlite3 t.db "SELECT f.ext_id FROM families f JOIN centres c ON c.id = f.centre_id
	WHERE c.code <> 'CC01' AND NOT EXISTS (SELECT 1 FROM people p JOIN attendance a ON a.person_id = p.id
	JOIN sessions s ON s.id = a.session_id JOIN centres c2 ON c2.id = s.centre_id
	WHERE p.family_id = f.id AND c2.code = 'CC01') ORDER BY f.id LIMIT 1")
[ -n "$IN" ] && [ -n "$OUT" ] || fail "fixture families not found"
web_start t.db

# signed out: pages send to /login, a POST is refused
expect_status 303 nobody /search
expect_status 303 nobody "/families/$IN"
expect_status 200 nobody /login
expect_status 200 nobody /assets/govuk-frontend.min.css
expect_status 404 nobody /no-such-page
[ "$(web_post nobody /logout)" = 403 ] || fail "POST /logout without a session must be 403"

for u in admin analyst manager worker viewer; do
	web_login "$u"
done

# PATH then the status for admin analyst manager worker viewer
while read -r path a an m w v; do
	set -- "$a" "$an" "$m" "$w" "$v"
	for u in admin analyst manager worker viewer; do
		expect_status "$1" "$u" "$path"
		shift
	done
done <<TABLE
/search                        200 200 200 200 200
/families/new                  200 403 200 200 403
/families/$IN                  200 200 200 200 200
/families/$OUT                 200 200 404 404 404
/families/NOPE123              404 404 404 404 404
/families/$IN/edit             200 403 200 403 403
/families/$OUT/edit            200 403 404 403 403
/families/$IN/visits/new       200 403 200 200 403
/visits                        200 200 200 200 200
/registers                     200 403 200 200 403
/reach                         200 200 200 200 200
/export                        200 200 200 403 403
/admin                         200 403 403 403 403
/admin/audit                   200 403 403 403 403
/admin/visit-kinds             200 403 403 403 403
/                              303 303 303 303 303
TABLE

# the CSRF rule: a POST without the session's token changes nothing
web_login worker
[ "$(web_post worker /logout)" = 403 ] || fail "POST /logout without csrf_token must be 403"
[ "$(web_post worker /logout --data-urlencode csrf_token=0000)" = 403 ] || fail "a wrong csrf_token must be 403"
expect_status 200 worker /search
[ "$(web_post worker /logout --data-urlencode "csrf_token=$CSRF")" = 303 ] || fail "sign out with the token"
expect_status 303 worker /search

# viewing a family is in the audit trail
"$REACH" --db t.db user audit --family "$IN" >audit.csv 2>/dev/null || fail "user audit"
grep -q ",view," audit.csv || fail "no 'view' row for $IN in the audit trail"
exit 0
