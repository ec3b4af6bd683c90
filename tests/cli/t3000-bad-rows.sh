# t3000-bad-rows: one bad row rejects the whole file: exit 1, a message
# `FILE:LINE: column NAME: reason` (FILE as given, LINE the physical line
# the record starts on), and nothing changes, not even the good rows
. "$TOP/tests/cli/lib.sh"

load_small t.db

# bad_row KIND FILE LINE COLUMN
bad_row()
{
	ok r t.db export "$1"
	cp out before.csv
	expect_exit 1 r t.db import "$1" "$2"
	expect_grep_fixed "$2:$3: column $4:" err
	ok r t.db export "$1"
	expect_same_file before.csv out
}

PH=person_id,family_id,role,relationship,first_name,last_name,date_of_birth,sex,ethnicity,languages,disabled,registered_on
FH=family_id,postcode,lone_parent,workless,centre_code

# a date that is not a calendar day, after an update and a new row
cat >bad-date.csv <<CSV
$PH
P0102,F01,child,,Yusuf,Changed,2021-04-01,male,BAFR,en;ar,n,2022-01-10
P9001,F01,child,,New,Child,2024-01-01,female,WBRI,en,n,2024-02-01
P9002,F01,child,,Bad,Date,2025-02-30,female,WBRI,en,n,2024-02-01
CSV
bad_row people bad-date.csv 4 date_of_birth

cat >bad-registered.csv <<CSV
$PH
P9001,F01,child,,New,Child,2024-01-01,female,WBRI,en,n,2024-1-5
CSV
bad_row people bad-registered.csv 2 registered_on

cat >bad-attendance-date.csv <<CSV
person_id,centre_code,activity,date
P0102,CC02,stay_play,2025-07-01
P0102,CC01,stay_play,2025-13-01
CSV
bad_row attendance bad-attendance-date.csv 3 date

# flags
cat >bad-flag.csv <<CSV
$FH
F90,AB1 1AA,n,n,CC01
F91,AB1 1AA,maybe,n,CC01
CSV
bad_row families bad-flag.csv 3 lone_parent

cat >bad-disabled.csv <<CSV
$PH
P9001,F01,child,,New,Child,2024-01-01,female,WBRI,en,sometimes,2024-02-01
CSV
bad_row people bad-disabled.csv 2 disabled

# roles and relationships
cat >bad-role.csv <<CSV
$PH
P9001,F01,parent,mother,New,Carer,1990-01-01,female,WBRI,en,n,2024-02-01
CSV
bad_row people bad-role.csv 2 role

cat >bad-relationship.csv <<CSV
$PH
P9001,F01,carer,mother,New,Carer,1990-01-01,female,WBRI,en,n,2024-02-01
P9002,F01,carer,uncle,Other,Carer,1990-01-01,male,WBRI,en,n,2024-02-01
CSV
bad_row people bad-relationship.csv 3 relationship

# a postcode without the shape of a UK postcode
cat >bad-postcode.csv <<CSV
$FH
F92,NOT A POSTCODE,n,n,CC01
CSV
bad_row families bad-postcode.csv 2 postcode

# references that do not exist
cat >bad-family.csv <<CSV
$PH
P9001,F01,child,,New,Child,2024-01-01,female,WBRI,en,n,2024-02-01
P9002,F99,child,,No,Family,2024-01-01,female,WBRI,en,n,2024-02-01
CSV
bad_row people bad-family.csv 3 family_id

cat >bad-person.csv <<CSV
person_id,centre_code,activity,date
P0102,CC02,stay_play,2025-07-01
P9999,CC02,stay_play,2025-07-01
CSV
bad_row attendance bad-person.csv 3 person_id

# an empty required field
cat >empty-required.csv <<CSV
$PH
P9001,F01,child,,New,,2024-01-01,female,WBRI,en,n,2024-02-01
CSV
bad_row people empty-required.csv 2 last_name

# population: ages are 0-4, counts are not negative
cat >pop-age.csv <<CSV
lsoa_code,year,age,count
E01000001,2026,7,3
CSV
bad_row population pop-age.csv 2 age

cat >pop-negative.csv <<CSV
lsoa_code,year,age,count
E01000001,2026,0,9
E01000001,2026,1,-1
CSV
bad_row population pop-negative.csv 3 count

# a name that is not UTF-8 (byte 0xFF)
printf '%s\nP9001,F01,child,,Ma\377rk,Child,2024-01-01,male,WBRI,en,n,2024-02-01\n' "$PH" >non-utf8.csv
bad_row people non-utf8.csv 2 first_name

# LINE counts physical lines: the good record on lines 2-3 holds a newline
cat >multiline.csv <<CSV
$PH
P9001,F01,child,,"Two
Lines",Child,2024-01-01,female,WBRI,en,n,2024-02-01
P9002,F01,child,,Bad,Date,2025-02-30,female,WBRI,en,n,2024-02-01
CSV
bad_row people multiline.csv 4 date_of_birth

# and with a BOM and CRLF line endings
printf '\357\273\277%s\r\nP9001,F01,child,,New,Child,2024-01-01,female,WBRI,en,n,2024-02-01\r\nP9002,F01,child,,Bad,Date,2024-1-5,female,WBRI,en,n,2024-02-01\r\n' "$PH" >crlf.csv
bad_row people crlf.csv 3 date_of_birth

# nothing above changed the figures
report t.db la.csv $P1 --by la
expect_same_file "$SMALL/expected/la-2025-26.csv" la.csv
exit 0
