# t1040-indicators: area indicators import (any header spelling), export with
# the import columns, survive a round trip, re-import idempotently, and a
# bad value rejects the file
. "$TOP/tests/cli/lib.sh"

I="$SMALL/indicators.csv"
load_small a.db
ok r a.db import indicators "$I"
ok r a.db export indicators -o e1.csv
head -1 "$I" >want-header
head -1 e1.csv | tr -d '\r' >got-header
expect_same_file want-header got-header
[ "$(csv_rows e1.csv)" = 3 ] || fail "export indicators: $(csv_rows e1.csv) rows, expected 3"
# "per 10,000" holds a comma and must come back whole
python3 - e1.csv <<'PY' || fail "indicator fields changed"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
units = sorted(r["unit"] for r in rows)
if units != ["%", "%", "per 10,000"]:
    print("units %r" % units)
    sys.exit(1)
PY

# again: idempotent
ok r a.db import indicators "$I"
ok r a.db export indicators -o e1b.csv
expect_same_file e1.csv e1b.csv

# the variant (BOM, CRLF, mixed-case headers in another order, an extra column)
load_small b.db
ok r b.db import indicators "$SMALL/variants/indicators.csv"
grep -qi comment err || { cat err >&2; fail "no warning naming the unknown column 'Comment'"; }
ok r b.db export indicators -o e2.csv
expect_same_file e1.csv e2.csv

# round trip through a new database
load_small c.db
ok r c.db import indicators e1.csv
ok r c.db export indicators -o e3.csv
expect_same_file e1.csv e3.csv

# a value that is not a number: the whole file is rejected
cat >bad.csv <<CSV
indicator,area_type,area_code,period,value,numerator,denominator,unit,source,published_on
obesity_reception,la,E06000099,2024/25,9.1,,,%,NCMP,
obesity_reception,ward,E05000001,2024/25,lots,,,%,NCMP,
CSV
expect_exit 1 r a.db import indicators bad.csv
expect_grep_fixed "bad.csv:3: column value:" err
ok r a.db export indicators -o e4.csv
expect_same_file e1.csv e4.csv
exit 0
