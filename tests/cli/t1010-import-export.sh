# t1010-import-export: every kind of the small fixture imports; export writes
# the import columns, header first, one row per record; -o and stdout agree
. "$TOP/tests/cli/lib.sh"

load_small t.db
mkdir e
for k in $KINDS; do
	ok r t.db export "$k"
	cp out "e/$k.stdout.csv"
	ok r t.db export "$k" -o "e/$k.csv"
	[ -s "e/$k.csv" ] || fail "export $k -o wrote nothing"
	expect_same_file "e/$k.csv" "e/$k.stdout.csv"
	# the header is the import header (the fixture files use the contract's order)
	head -1 "$SMALL/$k.csv" >want-header
	head -1 "e/$k.csv" | tr -d '\r' >got-header
	expect_same_file want-header got-header
done

# records: the fixture's rows; attendance has two repeated rows (same person
# and session), which are one attendance each: 31 rows, 29 attendances
for kc in lsoas:4 postcodes:7 population:30 centres:4 reach_areas:5 families:11 \
	people:29 attendance:29 births:4; do
	k=${kc%:*}
	want=${kc#*:}
	got=$(csv_rows "e/$k.csv")
	[ "$got" = "$want" ] || fail "export $k: $got rows, expected $want"
done

# flags: empty means not known and stays empty (never n)
python3 - e/families.csv <<'PY' || fail "family flags changed on import"
import csv, sys
rows = {r["family_id"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
want = {"F01": ("y", "n"), "F02": ("n", "y"), "F03": ("", ""), "F06": ("", "y"), "F08": ("n", ""), "F11": ("y", "")}
bad = 0
for fid, (lone, workless) in want.items():
    got = (rows[fid]["lone_parent"], rows[fid]["workless"])
    if got != (lone, workless):
        print("%s: lone_parent,workless = %r, expected %r" % (fid, got, (lone, workless)))
        bad = 1
sys.exit(bad)
PY
exit 0
