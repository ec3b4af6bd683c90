# t4010-demo: demo data loads, reports a row per centre, and the same seed
# gives the same people
. "$TOP/tests/cli/lib.sh"

ok r a.db init
ok r a.db demo --seed 7 --children 300 --out d1
ok r a.db export centres
cp out centres.csv
n=$(csv_rows centres.csv)
[ "$n" -gt 0 ] || fail "demo made no centres"

report a.db rep.csv $P1 --by centre
head -1 rep.csv >got-header
printf '%s\n' "$REPORT_HEADER" >want-header
expect_same_file want-header got-header
python3 - centres.csv rep.csv <<'PY' || fail "report by centre of the demo data is wrong"
import csv, sys
centres = [r["centre_code"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]
rows = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
alls = [r["area_code"] for r in rows if r["area_type"] == "centre" and r["group"] == "all"]
bad = 0
if sorted(alls) != sorted(centres):
    print("centre all rows %r, centres %r" % (alls, centres))
    bad = 1
if len(rows) != 8 * (len(centres) + 1):
    print("%d rows, expected 8 per centre and 8 unknown" % len(rows))
    bad = 1
if sum(int(r["registered"]) for r in rows if r["group"] == "all") == 0:
    print("no registered children at all")
    bad = 1
sys.exit(bad)
PY

ok r a.db export people
cp out people-a.csv
python3 - people-a.csv <<'PY' || fail "demo --children 300 made too few children"
import csv, sys
kids = sum(1 for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")) if r["role"] == "child")
if kids < 300:
    print("%d children" % kids)
    sys.exit(1)
PY

ok r b.db init
ok r b.db demo --seed 7 --children 300 --out d2
ok r b.db export people
cp out people-b.csv
expect_same_file people-a.csv people-b.csv

# --truth: every person once, each duplicate registration pointing at an
# original registration of the same date of birth (or day and month
# swapped) with a name alike, and the files as without it
ok r c.db init
ok r c.db demo --seed 7 --children 300 --out d3 --truth truth.csv
ok r c.db export people
cp out people-c.csv
expect_same_file people-a.csv people-c.csv
python3 - people-c.csv truth.csv <<'PY' || fail "demo --truth is wrong"
import csv, sys
people = {r["person_id"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
truth = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")))
bad = 0
if sorted(t["person_id"] for t in truth) != sorted(people):
    print("truth lists %d people, the store %d" % (len(truth), len(people)))
    bad = 1
dups = [t for t in truth if t["same_as"] != t["person_id"]]
if not dups:
    print("no duplicates in the truth")
    bad = 1
for t in dups:
    d, o = people[t["person_id"]], people.get(t["same_as"])
    if o is None or t["same_as"] in (x["person_id"] for x in dups):
        print("%s: same_as %s is not an original" % (t["person_id"], t["same_as"]))
        bad = 1
        continue
    names = {d["first_name"], d["last_name"]} & {o["first_name"], o["last_name"]}
    dob = d["date_of_birth"] in (o["date_of_birth"], "") or \
          d["date_of_birth"][5:7] == o["date_of_birth"][8:10]
    if not names or not dob or d["role"] != o["role"]:
        print("%s is not like %s: %r %r" % (d["person_id"], o["person_id"], d, o))
        bad = 1
sys.exit(bad)
PY
exit 0
