# t1051-postcodes-trafford: the Trafford Data Lab extract of the ONS
# Postcode Directory (../shared/data/trafford_geography) imports as it is:
# it has the interchange names plus extra columns (warned about, ignored).
# Counted independently with Python's csv module: 11,264 postcodes in 139
# distinct 2021 LSOAs (SOURCE.md says 135, but its own GeoJSON lists 139
# Trafford LSOAs and every postcode's LSOA is among them).
. "$TOP/tests/cli/lib.sh"
# ../shared beside the main checkout, or two levels up from a worktree
T=
for d in "$TOP/../shared" "$TOP/../../shared"; do
	[ -f "$d/data/trafford_geography/trafford_postcodes.csv" ] &&
		T="$d/data/trafford_geography/trafford_postcodes.csv" && break
done
if [ -z "$T" ]; then
	echo "skip: no ../shared/data/trafford_geography"
	exit 0
fi

ok r t.db init
ok r t.db import postcodes "$T"
expect_grep_fixed "imported 11264 postcodes rows" err
expect_grep_fixed "column lon: not a column of 'postcodes', ignored" err
[ "$(sqlite3 t.db 'SELECT count(*) FROM postcodes')" = 11264 ] || fail "postcodes: $(sqlite3 t.db 'SELECT count(*) FROM postcodes')"
[ "$(sqlite3 t.db 'SELECT count(DISTINCT lsoa_code) FROM postcodes')" = 139 ] || fail "distinct LSOAs"
[ "$(sqlite3 t.db "SELECT count(*) FROM postcodes WHERE lsoa_code NOT LIKE 'E01______'")" = 0 ] || fail "a non-English LSOA"
# pairs read from the file by eye (its first two rows and its last)
for pair in "M15 4AB|E01034001" "M15 4AD|E01006112" "WA15 9ZW|E01006194"; do
	pc=${pair%|*}
	got=$(sqlite3 t.db "SELECT postcode || '|' || lsoa_code FROM postcodes WHERE postcode = '$pc'")
	[ "$got" = "$pair" ] || fail "$pc: got '$got', want '$pair'"
done
ok r t.db export postcodes
[ "$(csv_rows out)" = 11264 ] || fail "export rows"
exit 0
