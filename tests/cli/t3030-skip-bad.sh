# t3030-skip-bad: with --skip-bad REJECTS the good rows load, the bad ones
# go to REJECTS (the original header plus reject_line and reject_reason)
# and the exit status is 0
. "$TOP/tests/cli/lib.sh"

load_small t.db
PH=person_id,family_id,role,relationship,first_name,last_name,date_of_birth,sex,ethnicity,languages,disabled,registered_on
cat >mixed.csv <<CSV
$PH
P9001,F01,child,,Good,One,2024-01-01,female,WBRI,en,n,2024-02-01
P9002,F01,child,,Bad,Date,2025-02-30,male,WBRI,en,n,2024-02-01
P9003,F01,child,,"Good, Two",Smith,2024-03-01,male,,,,2024-04-01
P9004,F01,parent,,Bad,Role,2024-01-01,female,WBRI,en,n,2024-02-01
CSV

# without --skip-bad: nothing loads
expect_exit 1 r t.db import people mixed.csv
expect_grep_fixed "mixed.csv:3: column date_of_birth:" err

ok r t.db import people mixed.csv --skip-bad rejects.csv
[ -f rejects.csv ] || fail "--skip-bad wrote no rejects file"
head -1 rejects.csv | tr -d '\r' >got-header
printf '%s,reject_line,reject_reason\n' "$PH" >want-header
expect_same_file want-header got-header
python3 - mixed.csv rejects.csv <<'PY' || fail "rejects file is wrong"
import csv, sys
src = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
rej = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
bad = 0
if len(rej) != 3:
    print("rejects: %d records after the header, expected 2" % (len(rej) - 1))
    sys.exit(1)
for got, line, orig in ((rej[1], "3", src[2]), (rej[2], "5", src[4])):
    if got[:len(orig)] != orig:
        print("reject row %r does not start with the original %r" % (got, orig))
        bad = 1
    if len(got) != len(orig) + 2 or got[-2] != line or not got[-1]:
        print("reject row %r: expected reject_line %s and a reason" % (got, line))
        bad = 1
sys.exit(bad)
PY

ok r t.db export people
cp out people.csv
expect_grep '^P9001,' people.csv
expect_grep '^P9003,' people.csv
expect_no_grep_fixed 'P9002' people.csv
expect_no_grep_fixed 'P9004' people.csv

# the two new children are registered under-5s of F01 (L1, lone parent):
# registered 5 + 2 = 7 of 16: 43.75 -> 43.8, 44 -> a minority
report t.db la.csv $P1 --by la
expect_grep_fixed 'la,E06000099,all,16,7,3,1,43.8,18.8,a minority' la.csv
expect_grep_fixed 'la,E06000099,lone_parent,,3,1,1,,,' la.csv
exit 0
