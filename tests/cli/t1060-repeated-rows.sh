#!/bin/sh
# t1060-repeated-rows.sh: an attendance import counts the rows repeating a person and
# session (in the file or the store) in its summary line; a re-import counts nothing;
# a PDF pack shows the count of its centres in the data quality table
. "$TOP/tests/cli/lib.sh"

if ! "$REACH" help 2>/dev/null | grep -q 'reach pack'; then
	echo "skip: this build has no 'reach pack' command"
	exit 0
fi
command -v pdftotext >/dev/null || fail "'pdftotext' is needed (poppler-utils)"

ok r d.db init
for k in $KINDS; do
	[ "$k" = attendance ] || ok r d.db import "$k" "$SMALL/$k.csv"
done

# the fixture: P0203 at CC02 and P0602 at CC03 each have one row twice (31 rows)
ok r d.db import attendance "$SMALL/attendance.csv"
expect_lines 1 err
expect_grep "^imported 31 attendance rows from '.*attendance.csv' in [0-9.]* s; 2 repeated rows counted once\$" err

# the same file again, and a copy of it under another name: re-imports
ok r d.db import attendance "$SMALL/attendance.csv"
expect_grep "; a re-import of a file imported at 20[0-9-]*T[0-9:]*Z: its rows already in the store are not counted as repeated\$" err
cp "$SMALL/attendance.csv" copy.csv
ok r d.db import attendance copy.csv
expect_grep_fixed "; a re-import of a file imported at " err

# another file at CC01: row 1 repeats a stored row, row 3 repeats row 2
cat >more.csv <<'CSV'
person_id,centre_code,activity,date
P0102,CC01,stay_play,2025-05-06
P0801,CC01,stay_play,2025-06-03
P0801,CC01,stay_play,2025-06-03
P0801,CC01,baby_massage,2025-06-03
CSV
ok r d.db import attendance more.csv
expect_grep "^imported 4 attendance rows from 'more.csv' in [0-9.]* s; 2 repeated rows counted once\$" err
# a file without a repeat
printf 'person_id,centre_code,activity,date\nP0801,CC01,stay_play,2025-06-10\n' >one.csv
ok r d.db import attendance one.csv
expect_grep "; no repeated rows\$" err

# CC01: 11 fixture rows + 4 + 1, 2 repeated (12.5%); CC02: 1 of 8; the LA: 4 of 36
PERIOD="--from 2025-04-01 --to 2026-03-31"
ok r d.db pack --centre CC01 $PERIOD --format pdf -o cc01.pdf
pdftotext -layout cc01.pdf cc01.txt || fail "pdftotext cannot read the pack"
expect_grep "^Repeated attendance register rows  *2  *16  *12.5%\$" cc01.txt
expect_grep_fixed "more than 1% of the register rows imported for the area's" cc01.txt
expect_no_grep_fixed "how many there were is not known" cc01.txt
ok r d.db pack --centre CC02 $PERIOD --format pdf -o cc02.pdf
pdftotext -layout cc02.pdf cc02.txt || fail "pdftotext cannot read the pack"
expect_grep "^Repeated attendance register rows  *1  *8  *12.5%\$" cc02.txt
# published: rows, not people, so a count under 5 is shown
ok r d.db pack --la --publish $PERIOD --format pdf -o la.pdf
pdftotext -layout la.pdf la.txt || fail "pdftotext cannot read the pack"
expect_grep "^Repeated attendance register rows  *4  *36  *11.1%\$" la.txt

# a store with no attendance import logged: not known, and said
ok r e.db init
ok r e.db import centres "$SMALL/centres.csv"
ok r e.db pack --la $PERIOD --format pdf -o none.pdf
pdftotext -layout none.pdf none.txt || fail "pdftotext cannot read the pack"
expect_grep "^Repeated attendance register rows  *not checked *$" none.txt
expect_grep_fixed "how many there were is not known" none.txt
