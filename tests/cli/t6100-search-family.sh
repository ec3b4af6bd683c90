# t6100-search-family: the search page (surname, sounds-like, postcode,
# family and person IDs; nothing out of the user's scope) and the family
# record (members, attendance, changes over time after a re-import, 404 out
# of scope, every view in the audit trail), on the small fixture
. "$TOP/tests/cli/lib.sh"

REACH_PWHASH=fast
export REACH_PWHASH

load_small t.db
# admin1 sees every family; worker1 (CC01) sees F01, F02, F09, F10 (registered
# there) and F04, F08 (a member came to CC01), not F03, F05, F06, F07, F11
for spec in "admin1 --role admin" "worker1 --role worker --centre CC01" \
	"viewer1 --role viewer --centre CC01"; do
	# shellcheck disable=SC2086
	printf '%s\n' "$(echo "$spec" | cut -d' ' -f1)-demo-pass" | "$REACH" --db t.db user add $spec \
		>out 2>err || { cat err >&2; fail "user add $spec"; }
done
web_start t.db
web_login admin1
web_login worker1
web_login viewer1

# search USER QUERY: GET /search?q=QUERY (url-encoded) into page.html
search()
{
	_code=$(curl -s -b "jar-$1" -o page.html -w '%{http_code}' -G --data-urlencode "q=$2" "$WEB/search")
	[ "$_code" = 200 ] || fail "search '$2' as $1: status $_code"
}

# result_cards: the family IDs of the result cards on page.html, one a line
result_cards()
{
	sed -n 's/.*govuk-summary-card__title"><a class="govuk-link" href="\/families\/\([^"]*\)".*/\1/p' page.html
}

# expect_card ID [TAG]: page.html has a card for family ID (tagged TAG)
expect_card()
{
	result_cards | grep -qx "$1" || { result_cards >&2; fail "no result card for $1"; }
	if [ -n "${2:-}" ]; then
		grep -A1 "href=\"/families/$1\"" page.html | grep -q "govuk-tag[^>]*>$2<" ||
			fail "card $1 is not tagged '$2'"
	fi
}

# ---- the box: autofocus only when nothing was searched
search admin1 ""
expect_grep_fixed 'name="q" type="search"' page.html
expect_grep_fixed ' autofocus' page.html
expect_no_grep_fixed 'govuk-summary-card' page.html
search admin1 "   "
expect_grep_fixed ' autofocus' page.html
expect_no_grep_fixed 'No families match' page.html
search admin1 "Muhammad"
expect_no_grep_fixed ' autofocus' page.html
expect_grep_fixed 'value="Muhammad"' page.html

# ---- what is found, and why
search admin1 "Muhammad"
expect_card F01 Surname
expect_grep_fixed '1 result for ‘Muhammad’' page.html
expect_grep_fixed 'Yusuf Muhammad' page.html
expect_grep_fixed 'Child, born 1 April 2021' page.html
expect_grep_fixed 'Mother, born 10 January 1990' page.html
expect_grep_fixed 'AB1 1AA' page.html
search admin1 "mohammed"
expect_card F01 "Sounds like"
search admin1 "Kowalski"
expect_card F05
search admin1 "Amina Muhammad"
expect_card F01 Name
search admin1 "ab12ab"
expect_card F04 Postcode
expect_card F11 Postcode
[ "$(result_cards | wc -l | tr -d ' ')" = 2 ] || fail "postcode AB1 2AB: expected 2 families"
search admin1 "f07"
expect_card F07 "Family ID"
search admin1 "P0602"
expect_card F06 "Person ID"
# names in other scripts
search admin1 "বেগম"
expect_card F04

# ---- nothing found: the words and what to try
search admin1 "Zzyzzyx"
expect_grep_fixed 'No families match ‘Zzyzzyx’' page.html
expect_grep_fixed 'search for the postcode' page.html
expect_no_grep_fixed 'govuk-summary-card' page.html
# what was typed comes back escaped
search admin1 '<script>alert(1)</script>'
expect_no_grep_fixed '<script>alert(1)' page.html
expect_grep_fixed '&lt;script&gt;alert(1)&lt;/script&gt;' page.html

# ---- scope: a CC01 worker finds CC01's families and those who came to CC01, no others
search worker1 "Haddad"
expect_grep_fixed 'No families match ‘Haddad’' page.html
search worker1 "ab12ab"
expect_card F04
result_cards | grep -qx F11 && fail "worker1 sees F11 (CC02) in search results"
search worker1 "P0602"
expect_no_grep_fixed 'href="/families/F06"' page.html
search admin1 "Haddad"
expect_card F06

expect_status 200 worker1 /families/F01
expect_status 200 worker1 /families/F04
expect_status 404 worker1 /families/F06
expect_status 404 worker1 /families/F11
expect_status 404 worker1 /families/NOSUCH
expect_status 404 admin1 /families/NOSUCH
expect_status 200 admin1 /families/F06
expect_status 200 viewer1 /families/F01
expect_status 404 viewer1 /families/F05

# ---- the family record
expect_status 200 admin1 /families/F01
expect_grep_fixed 'Family F01' page.html
expect_grep_fixed 'Riverside Children&#39;s Centre (CC01)' page.html
for want in 'Amina Muhammad' 'Yusuf Muhammad' 'Maryam Muhammad' 'Black African (BAFR)' \
	'English, Arabic' '1 April 2021 (age' 'Lone-parent family' 'P0102' 'Sessions attended' \
	'baby_massage' 'Hilltop Children&#39;s Centre' 'Yusuf, Maryam'; do
	expect_grep_fixed "$want" page.html
done
# children first
[ "$(grep -n 'Yusuf Muhammad' page.html | head -1 | cut -d: -f1)" -lt \
  "$(grep -n 'Amina Muhammad' page.html | head -1 | cut -d: -f1)" ] || fail "children are not listed first"
expect_grep_fixed 'No changes recorded' page.html
expect_grep_fixed 'href="/families/F01/visits/new"' page.html
expect_grep_fixed 'href="/families/F01/edit"' page.html
# a worker may record visits, not change details; a viewer neither
expect_status 200 worker1 /families/F01
expect_grep_fixed 'href="/families/F01/visits/new"' page.html
expect_no_grep_fixed 'href="/families/F01/edit"' page.html
expect_status 200 viewer1 /families/F01
expect_no_grep_fixed '/visits/new' page.html
expect_no_grep_fixed '/edit"' page.html
# stored text is escaped: a name holding a newline and an apostrophe
expect_status 200 admin1 /families/F09
expect_grep_fixed 'O&#39;Brien' page.html
expect_grep_fixed 'Not known' page.html
expect_grep_fixed 'No sessions attended yet' page.html
# Arabic, right to left
curl -s -b jar-admin1 -o page.html "$WEB/families/F06?lang=ar"
expect_grep_fixed 'dir="rtl"' page.html
expect_grep_fixed 'سلمى' page.html
expect_grep_fixed 'الأسرة F06' page.html

# every view is in the audit trail (searches are not)
n=$(sqlite3 t.db "SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id
	WHERE u.username = 'admin1' AND a.action = 'view' AND a.family_ext_id = 'F01'")
[ "$n" -ge 1 ] || fail "no 'view' of F01 by admin1 in the audit trail"
n=$(sqlite3 t.db "SELECT count(*) FROM audit WHERE action = 'view' AND family_ext_id = 'F06'
	AND username = 'worker1'")
[ "$n" = 0 ] || fail "a refused view (404) was audited as a view"

# ---- changes over time: a re-import moves F01 and the lone parent finds a partner
sed 's/^F01,AB1 1AA,y,n,CC01$/F01,AB1 1AB,n,n,CC01/' "$SMALL/families.csv" >families2.csv
grep -q '^F01,AB1 1AB,n,n,CC01$' families2.csv || fail "fixture edit failed"
ok "$REACH" --db t.db import families families2.csv
expect_status 200 admin1 /families/F01
expect_no_grep_fixed 'No changes recorded' page.html
expect_grep_fixed 'Changes over time' page.html
grep -A4 '<td class="govuk-table__cell">Postcode</td>' page.html >hist.txt
expect_grep_fixed 'AB1 1AA' hist.txt
expect_grep_fixed 'AB1 1AB' hist.txt
grep -A4 '<td class="govuk-table__cell">Lone-parent family</td>' page.html >hist.txt
expect_grep_fixed '>Yes<' hist.txt
expect_grep_fixed '>No<' hist.txt
exit 0
