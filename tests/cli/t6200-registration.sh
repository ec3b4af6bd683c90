# t6200-registration: registering a family over HTTP (names in any script
# kept byte for byte, GOV.UK errors with the values kept, the duplicate
# warning and confirm_new, the CSRF rule, roles and scope, the Arabic form)
# and changing a family's details (history and audit trail)
. "$TOP/tests/cli/lib.sh"

REACH_PWHASH=fast ok "$REACH" --db t.db demo --children 300
# a family of another centre (out of scope for the demo's manager, worker
# and viewer, all of CC01)
printf 'centre_code,name,cluster,postcode\nCC99,Far Away Centre,,\n' >centres.csv
printf 'family_id,postcode,lone_parent,workless,centre_code\nX000001,RV9 9ZZ,n,n,CC99\n' >families.csv
printf '%s\n' 'person_id,family_id,role,relationship,first_name,last_name,date_of_birth,sex,ethnicity,languages,disabled,registered_on' \
	'XP000001,X000001,child,,Hamza,Qureshi,2022-05-05,male,,,,2024-01-01' >people.csv
for k in centres families people; do
	ok "$REACH" --db t.db import "$k" "$k.csv"
done
OUT=X000001
web_start t.db

families()
{
	sqlite3 t.db "SELECT count(*) FROM families"
}

# body NAME=VALUE...: the url-encoded form (csrf_token first when $TOKEN is set) into ./body
body()
{
	python3 -c 'import sys, urllib.parse
pairs = [tuple(a.split("=", 1)) for a in sys.argv[1:]]
sys.stdout.write(urllib.parse.urlencode(pairs))' ${TOKEN:+"csrf_token=$TOKEN"} "$@" >body
}

# register USER NAME=VALUE...: POST /families/new; prints the status (page in ./page.html, headers in ./headers)
register()
{
	_u=$1
	shift
	body "$@"
	web_post "$_u" /families/new -D headers --data-binary @body
}

# the summary's messages, one a line
summary()
{
	python3 -c 'import re, sys, html
s = open("page.html", encoding="utf-8").read()
m = re.search(r"govuk-error-summary__list\">(.*?)</ul>", s, re.S)
for a in re.findall(r"<a [^>]*>(.*?)</a>", m.group(1) if m else ""):
    print(html.unescape(a))'
}

FAMILY="address_line1=12 Station Road
town=Riverton
postcode=rv1 1ft
phone=07700 900 982
centre=CC01
lone_parent=yes
workless=workless
heard_from=health_visitor
consent_contact=yes
consent_share=no"

web_login worker
TOKEN=$CSRF
before=$(families)

# ---- the form
expect_status 200 worker /families/new
expect_grep_fixed 'name="child1_dob-day"' page.html
expect_grep_fixed '<optgroup label="Black or Black British">' page.html
expect_grep_fixed 'value="WPOL"' page.html
expect_grep_fixed 'Bluebell' page.html

# ---- a family with an Arabic carer name and two children
set -f
IFS='
'
code=$(register worker $FAMILY \
	"carer1_first_name=فاطمة" "carer1_last_name=الحسيني" carer1_relationship=mother \
	carer1_dob-day=3 carer1_dob-month=7 carer1_dob-year=1991 carer1_sex=female carer1_ethnicity=OARA \
	carer1_lang=ar carer1_lang=en "carer1_lang_other=French, ti" carer1_employment=not_working \
	"child1_first_name=يوسف" "child1_last_name=الحسيني" child1_dob-day=14 child1_dob-month=2 \
	child1_dob-year=2023 child1_sex=male child1_sen=support child1_lang=ar \
	"child2_first_name=Zoë" "child2_last_name=O'Brien-Smith" child2_dob-day=1 child2_dob-month=9 \
	child2_dob-year=2024 child2_ethnicity=WPOL)
unset IFS
set +f
[ "$code" = 303 ] || { summary >&2; fail "register: status $code, expected 303"; }
expect_grep_fixed 'Location: /families/W0000001?registered=1' headers
[ "$(families)" = $((before + 1)) ] || fail "one family expected to be added"
ok "$REACH" --db t.db export people
expect_grep_fixed ',W0000001,carer,mother,فاطمة,الحسيني,1991-07-03,female,OARA,ar;en;fr;ti,,' out
expect_grep_fixed ',W0000001,child,,يوسف,الحسيني,2023-02-14,male,,ar,,' out
expect_grep_fixed ",W0000001,child,,Zoë,O'Brien-Smith,2024-09-01,,WPOL,,," out
expect_grep '^WP00000001,W0000001,' out
ok "$REACH" --db t.db export families
expect_grep_fixed 'W0000001,RV1 1FT,y,y,CC01' out
[ "$(sqlite3 t.db "SELECT address_line1, phone, heard_from, consent_contact, consent_share, sen
	FROM families f JOIN people p ON p.family_id = f.id
	WHERE f.ext_id = 'W0000001' AND p.first_name = 'يوسف'")" = "12 Station Road|07700 900 982|health_visitor|1|0|1" ] ||
	fail "family details not stored"
[ "$(sqlite3 t.db "SELECT detail FROM audit WHERE action = 'create' AND family_ext_id = 'W0000001'")" = \
	"registered family with 2 children" ] || fail "no 'create' row in the audit trail"

# ---- an empty form: every missing answer, and what was typed kept
before=$(families)
code=$(register worker "carer1_first_name=Zoë" "town=Ríverton")
[ "$code" = 200 ] || fail "empty form: status $code"
expect_grep_fixed '<title>Error: Register a family' page.html
summary >messages
cat >expected <<'EOF'
Enter the first line of the address
Enter a postcode
Enter the parent or carer’s last name
Enter the child’s first name
Enter the child’s last name
Enter a date of birth
Select the centre the family is registering with
Select yes if we can contact the family
Select yes if we can share the family’s details
EOF
expect_same_file expected messages
expect_grep_fixed 'value="Zoë"' page.html
expect_grep_fixed 'value="Ríverton"' page.html
expect_grep_fixed 'href="#child1_dob-day"' page.html
[ "$(families)" = "$before" ] || fail "a bad form added a family"

# ---- bad postcode, 30 February, a birthday in the future, a child too old
CHILD="carer1_first_name=Sam
carer1_last_name=Jones
child1_first_name=Ava
child1_last_name=Jones"
set -f
IFS='
'
code=$(register worker $(printf '%s\n' "$FAMILY" | grep -v '^postcode=') $CHILD postcode=NOT-A-POSTCODE child1_dob-day=30 child1_dob-month=2 child1_dob-year=2024 \
	child2_first_name=Max child2_last_name=Jones child2_dob-day=1 child2_dob-month=1 child2_dob-year=2099 \
	child3_first_name=Eve child3_last_name=Jones child3_dob-day=1 child3_dob-month=1 child3_dob-year=2001 \
	child4_first_name=Kit child4_last_name=Jones child4_dob-month=5 \
	email=not-an-email carer1_lang_other=Klingon)
unset IFS
set +f
[ "$code" = 200 ] || fail "bad values: status $code"
summary >messages
cat >expected <<'EOF'
Enter a valid UK postcode
Enter an email address in the correct format, like name@example.com
Enter languages by name or code, separated by commas, like Tigrinya, fr
Date of birth must be a real date
Child 2: Date of birth must be today or in the past
Child 3: The child must be under 8 years old
Child 4: Date of birth must include a day, month and year
EOF
expect_same_file expected messages
expect_grep_fixed 'value="NOT-A-POSTCODE"' page.html
expect_grep_fixed 'value="2099"' page.html
[ "$(families)" = "$before" ] || fail "a bad form added a family"

# ---- the same child again: "Is this the same family?", then confirm_new=1
set -f
IFS='
'
AGAIN="address_line1=1 New Street
postcode=RV2 3AB
centre=CC01
consent_contact=no
consent_share=no
carer1_first_name=Ali
carer1_last_name=Hussaini
child1_first_name=يوسف
child1_last_name=الحسيني
child1_dob-day=14
child1_dob-month=2
child1_dob-year=2023"
code=$(register worker $AGAIN)
[ "$code" = 200 ] || fail "duplicate: status $code"
expect_grep_fixed 'Is this the same family?' page.html
expect_grep_fixed 'href="/families/W0000001"' page.html
expect_grep_fixed 'name="confirm_new"' page.html
expect_grep_fixed '<input type="hidden" name="child1_first_name" value="يوسف">' page.html
[ "$(families)" = "$before" ] || fail "the duplicate warning added a family"
sqlite3 t.db "SELECT detail FROM audit WHERE action = 'view' AND family_ext_id = 'W0000001'" >views
expect_grep_fixed 'shown as a possible duplicate' views
code=$(register worker $AGAIN confirm_new=1)
[ "$code" = 303 ] || { summary >&2; fail "confirm_new: status $code"; }
expect_grep_fixed 'Location: /families/W0000002?registered=1' headers
[ "$(families)" = $((before + 1)) ] || fail "confirm_new did not add the family"

# a possible match in a centre out of scope is shown without its details
MATCH=$(sqlite3 -separator "$(printf '\t')" t.db "SELECT p.first_name, p.last_name,
	CAST(substr(p.date_of_birth, 9, 2) AS INTEGER), CAST(substr(p.date_of_birth, 6, 2) AS INTEGER),
	substr(p.date_of_birth, 1, 4) FROM people p JOIN families f ON f.id = p.family_id
	WHERE f.ext_id = '$OUT' AND p.role = 'child' AND p.date_of_birth IS NOT NULL LIMIT 1")
first=$(printf '%s\n' "$MATCH" | cut -f1)
last=$(printf '%s\n' "$MATCH" | cut -f2)
code=$(register worker $FAMILY carer1_first_name=Pat "carer1_last_name=$last" "child1_first_name=$first" \
	"child1_last_name=$last" "child1_dob-day=$(printf '%s\n' "$MATCH" | cut -f3)" \
	"child1_dob-month=$(printf '%s\n' "$MATCH" | cut -f4)" "child1_dob-year=$(printf '%s\n' "$MATCH" | cut -f5)")
unset IFS
set +f
[ "$code" = 200 ] || fail "out-of-scope duplicate: status $code"
expect_grep_fixed 'A possible match in another centre' page.html
expect_no_grep_fixed "$OUT" page.html

# a centre that is not the worker's
set -f
IFS='
'
code=$(register worker $(printf '%s\n' "$FAMILY" | grep -v '^centre=') $CHILD centre=CC99 child1_dob-day=1 child1_dob-month=1 child1_dob-year=2024)
unset IFS
set +f
[ "$code" = 200 ] || fail "other centre: status $code"
expect_grep_fixed 'Select the centre the family is registering with' page.html

# ---- the CSRF rule and roles
before=$(families)
TOKEN=
set -f
IFS='
'
code=$(register worker $FAMILY $CHILD child1_dob-day=1 child1_dob-month=1 child1_dob-year=2024 confirm_new=1)
[ "$code" = 403 ] || fail "POST without csrf_token: status $code, expected 403"
TOKEN=0000
code=$(register worker $FAMILY $CHILD child1_dob-day=1 child1_dob-month=1 child1_dob-year=2024 confirm_new=1)
[ "$code" = 403 ] || fail "POST with a wrong csrf_token: status $code, expected 403"
unset IFS
set +f
[ "$(families)" = "$before" ] || fail "a POST refused for its token added a family"
web_login viewer
expect_status 403 viewer /families/new
TOKEN=$CSRF
set -f
IFS='
'
code=$(register viewer $FAMILY $CHILD child1_dob-day=1 child1_dob-month=1 child1_dob-year=2024 confirm_new=1)
unset IFS
set +f
[ "$code" = 403 ] || fail "viewer POST: status $code, expected 403"
[ "$(families)" = "$before" ] || fail "a viewer added a family"

# ---- the Arabic form
expect_status 200 worker "/families/new?lang=ar"
expect_grep_fixed 'lang="ar" dir="rtl"' page.html
expect_grep_fixed 'الاسم الأول' page.html
expect_grep_fixed 'تسجيل أسرة' page.html
# the language is remembered for the next page
expect_status 200 worker /families/new
expect_grep_fixed 'dir="rtl"' page.html
expect_status 200 worker "/families/new?lang=en"

# ---- changing a family's details: history and audit trail
expect_status 403 worker /families/W0000001/edit
web_login manager
expect_status 200 manager /families/W0000001/edit
expect_grep_fixed 'value="RV1 1FT"' page.html
expect_grep_fixed 'value="12 Station Road"' page.html
expect_status 404 manager "/families/$OUT/edit"
TOKEN=$CSRF
body address_line1="12 Station Road" town=Riverton postcode="rv1 2yu" phone="07700 900 982" \
	centre=CC01 lone_parent=no workless=workless consent_contact=yes consent_share=no
code=$(web_post manager /families/W0000001/edit -D headers --data-binary @body)
[ "$code" = 303 ] || { summary >&2; fail "edit: status $code, expected 303"; }
expect_grep_fixed 'Location: /families/W0000001' headers
sqlite3 t.db "SELECT h.field, h.old_value, h.new_value FROM family_history h
	JOIN families f ON f.id = h.family_id WHERE f.ext_id = 'W0000001' ORDER BY h.field" >history
printf 'lone_parent|1|0\npostcode|RV1 1FT|RV1 2YU\n' >expected
expect_same_file expected history
[ "$(sqlite3 t.db "SELECT detail FROM audit WHERE action = 'update' AND family_ext_id = 'W0000001'")" = \
	"postcode: RV1 1FT -> RV1 2YU; lone_parent: yes -> no" ] || fail "no 'update' row in the audit trail"
# heard_from is not on the form and stays
[ "$(sqlite3 t.db "SELECT heard_from FROM families WHERE ext_id = 'W0000001'")" = health_visitor ] ||
	fail "heard_from lost by the edit"

# bad values re-render with the errors; a centre not the manager's is refused
body postcode=ZZ email=x centre=CC99
code=$(web_post manager /families/W0000001/edit --data-binary @body)
[ "$code" = 200 ] || fail "bad edit: status $code"
summary >messages
printf '%s\n' "Enter a valid UK postcode" \
	"Enter an email address in the correct format, like name@example.com" \
	"Select the centre the family is registering with" >expected
expect_same_file expected messages
expect_grep_fixed 'value="ZZ"' page.html
# without the token nothing changes
TOKEN=
body postcode="RV1 3AA" centre=CC01
[ "$(web_post manager /families/W0000001/edit --data-binary @body)" = 403 ] || fail "edit without csrf_token"
[ "$(sqlite3 t.db "SELECT postcode FROM families WHERE ext_id = 'W0000001'")" = "RV1 2YU" ] ||
	fail "an edit refused for its token changed the family"
exit 0
