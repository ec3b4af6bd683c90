# t3010-bad-files: whole-file problems: an unterminated quote, a missing
# required column, a header with no rows (fine), a totally empty file, a
# missing file; each error exits 1 and changes nothing
. "$TOP/tests/cli/lib.sh"

load_small t.db
ok r t.db export people
cp out people-before.csv
PH=person_id,family_id,role,relationship,first_name,last_name,date_of_birth,sex,ethnicity,languages,disabled,registered_on

unchanged()
{
	ok r t.db export people
	expect_same_file people-before.csv out
}

# an unterminated quote: the record starting on line 3 never ends
cat >unterminated.csv <<CSV
$PH
P9001,F01,child,,New,Child,2024-01-01,female,WBRI,en,n,2024-02-01
P9002,F01,child,,"Open,Child,2024-01-01,female,WBRI,en,n,2024-02-01
P9003,F01,child,,Next,Child,2024-01-01,female,WBRI,en,n,2024-02-01
CSV
expect_exit 1 r t.db import people unterminated.csv
expect_grep_fixed "unterminated.csv:3:" err
unchanged

# a required column is missing: one line naming the file and the column
cat >no-last-name.csv <<CSV
person_id,family_id,role,relationship,first_name,date_of_birth,sex,ethnicity,languages,disabled,registered_on
P9001,F01,child,,New,2024-01-01,female,WBRI,en,n,2024-02-01
CSV
expect_exit 1 r t.db import people no-last-name.csv
expect_one_line_error
expect_grep_fixed "no-last-name.csv" err
expect_grep_fixed "last_name" err
unchanged

# a header and no rows: fine, nothing loaded
printf '%s\n' "$PH" >header-only.csv
ok r t.db import people header-only.csv
unchanged

# not even a header: an error
: >empty.csv
expect_exit 1 r t.db import people empty.csv
[ -s err ] || fail "an empty file failed without a message"
expect_grep_fixed "empty.csv" err
unchanged

# a file that is not there: one line naming it
expect_exit 1 r t.db import people no-such-file.csv
expect_one_line_error
expect_grep_fixed "no-such-file.csv" err
unchanged
exit 0
