# t6400-duplicates: the review queue of likely duplicate people: who may see
# it, the CSRF rule, a pair side by side, merging (every attendance row kept)
# and undoing it (the exports byte-identical again), "different people"
. "$TOP/tests/cli/lib.sh"

REACH_PWHASH=fast
export REACH_PWHASH

ok r t.db demo --children 300
ok r t.db export people -o people0.csv
ok r t.db export attendance -o att0.csv
web_start t.db
for u in analyst worker manager; do
	web_login "$u"
	eval "CSRF_$u=\$CSRF"
done
sql()
{
	sqlite3 t.db "$1"
}

# ---- the queue: the analyst sees pairs, a worker may not
expect_status 200 analyst /duplicates
expect_grep_fixed 'Possible duplicates' page.html
expect_grep_fixed 'href="/duplicates/' page.html
pair=$(sed -n 's/.*href="\/duplicates\/\([^"/]*\)\/\([^"]*\)".*/\1 \2/p' page.html | head -1)
A=${pair% *}
B=${pair#* }
[ -n "$A" ] && [ -n "$B" ] || fail "no pair in the queue"
expect_status 403 worker /duplicates
expect_status 403 worker "/duplicates/$A/$B"
expect_status 200 manager /duplicates

# ---- a pair side by side, with the evidence
expect_status 200 analyst "/duplicates/$A/$B"
expect_grep_fixed 'Evidence' page.html
expect_grep_fixed 'Date of birth' page.html
expect_grep_fixed 'These are the same person: merge' page.html
expect_grep_fixed 'Different people' page.html
expect_status 404 analyst "/duplicates/$A/NOBODY"
expect_status 404 analyst "/duplicates/$A/$A"

# ---- the CSRF rule: nothing changes without the session's token
people0=$(sql 'SELECT count(*) FROM people')
code=$(web_post analyst "/duplicates/$A/$B" --data-urlencode "decision=same")
[ "$code" = 403 ] || fail "a merge without csrf_token: status $code, expected 403"
code=$(web_post worker "/duplicates/$A/$B" --data-urlencode "csrf_token=$CSRF_worker" \
	--data-urlencode "decision=same")
[ "$code" = 403 ] || fail "a merge by a worker: status $code, expected 403"
[ "$(sql 'SELECT count(*) FROM people')" = "$people0" ] || fail "people changed without a merge"
# a decision that is neither
code=$(web_post analyst "/duplicates/$A/$B" --data-urlencode "csrf_token=$CSRF_analyst" \
	--data-urlencode "decision=maybe")
[ "$code" = 200 ] || fail "a bad decision: status $code"
expect_grep_fixed 'govuk-error-summary' page.html

# ---- merge: one fewer person, every attendance row kept (a session both attended counts once)
att0=$(sql 'SELECT count(*) FROM attendance')
both=$(sql "SELECT count(*) FROM attendance a JOIN people p ON p.id = a.person_id AND p.ext_id = '$A'
	JOIN attendance b ON b.day = a.day AND b.session_id = a.session_id
	JOIN people q ON q.id = b.person_id AND q.ext_id = '$B'")
code=$(web_post analyst "/duplicates/$A/$B" --data-urlencode "csrf_token=$CSRF_analyst" \
	--data-urlencode "decision=same")
[ "$code" = 303 ] || fail "merge: status $code, expected 303"
MID=$(sql 'SELECT max(id) FROM merges')
expect_status 200 analyst "/duplicates?merged=$MID"
expect_grep_fixed "$B has been merged into $A" page.html
expect_grep_fixed "action=\"/merges/$MID/undo\"" page.html
expect_no_grep_fixed "href=\"/duplicates/$A/$B\"" page.html
ok r t.db export people -o people1.csv
[ $(($(wc -l <people0.csv) - 1)) = "$(wc -l <people1.csv)" ] || fail "the export has not one fewer person"
[ "$(sql 'SELECT count(*) FROM attendance')" = $((att0 - both)) ] || fail "attendance rows lost in the merge"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'merge'")" = 2 ] || fail "no audit of the merge"

# ---- undo: without the token nothing; with it, the exports as they were
code=$(web_post analyst "/merges/$MID/undo")
[ "$code" = 403 ] || fail "an undo without csrf_token: status $code, expected 403"
code=$(web_post analyst "/merges/$MID/undo" --data-urlencode "csrf_token=$CSRF_analyst")
[ "$code" = 303 ] || fail "undo: status $code, expected 303"
ok r t.db export people -o people2.csv
ok r t.db export attendance -o att2.csv
expect_same_file people0.csv people2.csv
expect_same_file att0.csv att2.csv
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'undo merge'")" = 2 ] || fail "no audit of the undo"
# once only
code=$(web_post analyst "/merges/$MID/undo" --data-urlencode "csrf_token=$CSRF_analyst")
[ "$code" = 303 ] || fail "a second undo: status $code"
expect_status 404 analyst /duplicates/x
code=$(web_post analyst "/merges/999999/undo" --data-urlencode "csrf_token=$CSRF_analyst")
[ "$code" = 404 ] || fail "undo of an unknown merge: status $code, expected 404"

# ---- different people: recorded, and the pair leaves the queue
expect_status 200 analyst /duplicates
expect_grep_fixed "href=\"/duplicates/$A/$B\"" page.html
code=$(web_post analyst "/duplicates/$A/$B" --data-urlencode "csrf_token=$CSRF_analyst" \
	--data-urlencode "decision=different")
[ "$code" = 303 ] || fail "different people: status $code, expected 303"
expect_status 200 analyst /duplicates
expect_no_grep_fixed "href=\"/duplicates/$A/$B\"" page.html
[ "$(sql "SELECT decision FROM match_decisions")" = different ] || fail "the decision was not kept"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'not duplicates'")" = 2 ] || fail "no audit of the decision"
ok r t.db export people -o people3.csv
expect_same_file people0.csv people3.csv

# ---- the evidence in Arabic: the engine's level words are translated too
expect_status 200 analyst "/duplicates/$A/$B?lang=ar"
expect_grep_fixed 'الأدلة' page.html
grep -q -e 'متطابق</td>' -e 'مختلف</td>' -e 'غير معروف في أحدهما</td>' page.html ||
	fail "no level in Arabic on the pair page"
for w in 'exact</td>' 'different</td>' 'missing</td>' 'The same</td>'; do
	expect_no_grep_fixed "$w" page.html
done
