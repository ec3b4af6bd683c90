# t2030-report-formats: --format json (an array of objects with the CSV's
# keys, numbers as numbers, empty as null) and --format table (readable text)
. "$TOP/tests/cli/lib.sh"

load_small t.db

ok r t.db report reach $P1 --by la --format json
cp out la.json
python3 -m json.tool la.json >/dev/null || fail "report --format json is not JSON"
python3 - la.json <<'PY' || fail "report --format json has the wrong content"
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
keys = ["area_type", "area_code", "group", "population", "registered", "engaged",
        "sustained", "registered_pct", "engaged_pct", "registered_words"]
bad = 0
def check(what, got, want):
    global bad
    if got != want or type(got) != type(want):
        print("%s: %r, expected %r" % (what, got, want))
        bad = 1
check("type", type(rows).__name__, "list")
check("rows", len(rows), 16)
for r in rows:
    check("keys", sorted(r), sorted(keys))
a = rows[0]
check("area_type", a["area_type"], "la")
check("area_code", a["area_code"], "E06000099")
check("group", a["group"], "all")
check("population", a["population"], 16)
check("registered", a["registered"], 5)
check("engaged", a["engaged"], 3)
check("registered_pct", a["registered_pct"], 31.3)
check("engaged_pct", a["engaged_pct"], 18.8)
check("registered_words", a["registered_words"], "a small minority")
check("fathers row", (rows[7]["group"], rows[7]["registered"], rows[7]["population"]), ("fathers", 3, None))
u = rows[8]
check("unknown", (u["area_type"], u["area_code"], u["group"], u["population"], u["registered"],
                  u["registered_pct"], u["registered_words"]),
      ("unknown", None, "all", None, 3, None, None))
sys.exit(bad)
PY

ok r t.db report reach $P1 --by centre --format table
cp out centre.txt
for s in CC01 CC02 CC03 CC04 "a small minority" few unknown fathers; do
	expect_grep_fixed "$s" centre.txt
done
exit 0
