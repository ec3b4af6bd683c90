# t3041-bad-shares: a reach_areas share must be a number above 0 and at
# most 1 with at most 6 decimals, and the shares of one LSOA over every
# centre (the file's rows and the stored rows it does not replace) may not
# add to more than 1; each is one line `FILE:LINE: column share: reason`
# and nothing changes
. "$TOP/tests/cli/lib.sh"

load_small t.db
ok r t.db export reach_areas
cp out before.csv

# bad_share FILE EXACT-LINE: the import fails with that line and changes nothing
bad_share()
{
	expect_exit 1 r t.db import reach_areas "$1"
	if ! grep -q -x -F -e "$2" err; then
		cat err >&2
		fail "no line of err is exactly '$2'"
	fi
	cp err last-err
	ok r t.db export reach_areas
	expect_same_file before.csv out
}

H=centre_code,lsoa_code,share
printf '%s\nCC04,E01000004,0.5\nCC04,E01000003,abc\n' $H >nan.csv
bad_share nan.csv "nan.csv:3: column share: 'abc' is not a number (a share above 0 and at most 1, such as 0.25)"
printf '%s\nCC04,E01000004,0\n' $H >zero.csv
bad_share zero.csv "zero.csv:2: column share: 0 is not above 0 (a share is above 0 and at most 1; leave it empty for a whole LSOA)"
printf '%s\nCC04,E01000004,-0.25\n' $H >neg.csv
bad_share neg.csv "neg.csv:2: column share: -0.25 is not above 0 (a share is above 0 and at most 1; leave it empty for a whole LSOA)"
printf '%s\nCC04,E01000004,1.01\n' $H >over.csv
bad_share over.csv "over.csv:2: column share: 1.01 is more than 1 (a share is above 0 and at most 1)"
printf '%s\nCC04,E01000004,0.1234567\n' $H >long.csv
bad_share long.csv "long.csv:2: column share: '0.1234567' has more than 6 decimals"

# L4 is in no reach area: two shares of it adding to 1.1 in one file
printf '%s\nCC04,E01000004,0.6\nCC01,E01000001,\nCC03,E01000004,0.5\n' $H >sum.csv
bad_share sum.csv "sum.csv:2: column share: the shares of LSOA 'E01000004' add up to 1.1, more than 1 (lines 2, 4; a row without a share counts as 1)"
expect_lines 2 last-err
expect_grep_fixed "reach: sum.csv: 1 LSOA given out in shares adding up to more than 1, nothing imported" last-err

# L3 is whole in CC03 already: any share of it beside that is too much
printf '%s\nCC04,E01000003,0.25\n' $H >stored.csv
bad_share stored.csv "stored.csv:2: column share: the shares of LSOA 'E01000003' add up to 1.25, more than 1 (line 2; already imported: CC03 whole; a row without a share counts as 1)"

# ... but a file that gives CC03 a share of L3 replaces its whole row
printf '%s\nCC03,E01000003,0.75\nCC04,E01000003,0.25\n' $H >replace.csv
ok r t.db import reach_areas replace.csv
ok r t.db export reach_areas
expect_grep_fixed "CC03,E01000003,0.75" out
expect_grep_fixed "CC04,E01000003,0.25" out
# and the shares stored count against a later file
cp out before.csv
printf '%s\nCC01,E01000003,0.000001\n' $H >tiny.csv
bad_share tiny.csv "tiny.csv:2: column share: the shares of LSOA 'E01000003' add up to 1.000001, more than 1 (line 2; already imported: CC03 0.75, CC04 0.25; a row without a share counts as 1)"
# whole rows of LSOAs without shares may still overlap, as before
printf '%s\nCC04,E01000002,\n' $H >whole.csv
ok r t.db import reach_areas whole.csv
# --skip-bad cannot drop part of an LSOA's shares: the file is still rejected
ok r t.db export reach_areas
cp out before.csv
expect_exit 1 r t.db import reach_areas tiny.csv --skip-bad rejects.csv
expect_grep_fixed "tiny.csv:2: column share: the shares of LSOA 'E01000003' add up to 1.000001" err
[ ! -e rejects.csv ] || fail "rejects written for a rejected file"
ok r t.db export reach_areas
expect_same_file before.csv out
