# t2050-report-coverage: `reach report coverage`: per ward the LSOAs and
# under-5s inside reach areas and wholly/partly/not covered, then the LSOAs
# in no reach area and in two or more (tests/fixtures/small: L2 is in three
# centres' areas, L4 in none; bestfit: shares); then Trafford's real wards
. "$TOP/tests/cli/lib.sh"

H=section,ward_code,ward_name,lsoas,lsoas_covered,population,population_covered,status,lsoa_code,centres
load_small t.db

# the latest population year (2026) by default: L1 3, L2 8, L3 5, L4 0
ok r t.db report coverage --format csv
cat >want.csv <<CSV
$H
ward,E05000001,Riverside,2,2,11,11,wholly,,
ward,E05000002,Hilltop,2,1,5,5,partly,,
uncovered,E05000002,Hilltop,,,0,0,,E01000004,
overlap,E05000001,Riverside,,,8,8,,E01000002,CC01 1;CC02 1;CC03 1
CSV
expect_same_file want.csv out
# 2025 (the year of --to): L1 5, L2 7, no rows for L3 and L4
ok r t.db report coverage --format csv --to 2025-12-31
cat >want.csv <<CSV
$H
ward,E05000001,Riverside,2,2,12,12,wholly,,
ward,E05000002,Hilltop,2,1,,,partly,,
uncovered,E05000002,Hilltop,,,,,,E01000004,
overlap,E05000001,Riverside,,,7,7,,E01000002,CC01 1;CC02 1;CC03 1
CSV
expect_same_file want.csv out
ok r t.db report coverage --format csv --year 2025 -o y.csv
expect_same_file want.csv y.csv
ok r t.db report coverage
expect_grep '^E05000002  Hilltop  *2  *1  *5  *5  partly$' out
expect_grep_fixed "The LSOAs in no reach area" out
expect_no_grep_fixed "Best fit" out
ok r t.db report coverage --format json
python3 -c 'import json,sys; d=json.load(open("out")); assert d["year"] == 2026 and not d["best_fit"]; assert [w["status"] for w in d["wards"]] == ["wholly", "partly"]; assert d["overlap"][0]["lsoa_code"] == "E01000002"' || fail "coverage JSON"
expect_exit 2 r t.db report coverage --year 2025 --to 2025-12-31
expect_exit 2 r t.db report coverage --from 2025-01-01

# best fit: L3 given out 0.6 + 0.4, L2 0.25 + 0.5 + 0.25
ok r b.db init
for k in lsoas population centres; do ok r b.db import $k "$SMALL/$k.csv"; done
ok r b.db import reach_areas "$FIX/bestfit/reach_areas.csv"
ok r b.db report coverage --format csv
expect_grep_fixed "overlap,E05000002,Hilltop,,,5,5,,E01000003,CC03 0.6;CC04 0.4" out
expect_grep_fixed "ward,E05000002,Hilltop,2,1,5,5,partly,," out
ok r b.db report coverage
expect_grep_fixed "Best fit:" out

# Trafford's 2021 LSOAs and 2022 wards (best-fit lookup): two centres hold
# every LSOA of the first two wards; those are wholly covered, the rest not
G=/work/shared/data/trafford_geography/gm_lsoa21_to_ward22_best_fit.csv
if [ ! -r "$G" ]; then
	echo "skip: Trafford part: /work/shared is absent"
	exit 0
fi
python3 - "$G" <<'PY' || fail "cannot make the Trafford files"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")) if r["lad22cd"] == "E08000009"]
wards = sorted({r["wd22cd"] for r in rows})
with open("lsoas.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["lsoa_code", "lsoa_name", "ward_code", "ward_name", "la_code", "la_name"])
    for r in rows:
        w.writerow([r["lsoa21cd"], r["lsoa21nm"], r["wd22cd"], r["wd22nm"], r["lad22cd"], r["lad22nm"]])
with open("centres.csv", "w") as f:
    f.write("centre_code,name\nT1,One\nT2,Two\n")
with open("reach_areas.csv", "w") as f:
    f.write("centre_code,lsoa_code\n")
    for r in rows:
        if r["wd22cd"] == wards[0]:
            f.write("T1,%s\n" % r["lsoa21cd"])
        if r["wd22cd"] == wards[1]:
            f.write("T2,%s\n" % r["lsoa21cd"])
n1 = sum(1 for r in rows if r["wd22cd"] in wards[:2])
with open("want.txt", "w") as f:
    f.write("%d %d %d %d\n" % (len(wards), len(rows), n1, len(rows) - n1))
PY
ok r g.db init
for k in lsoas centres reach_areas; do ok r g.db import $k $k.csv; done
ok r g.db report coverage --format csv --year 2022
python3 - out want.txt <<'PY' || fail "Trafford coverage"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
nwards, nlsoas, ncov, nunc = map(int, open(sys.argv[2]).read().split())
wards = [r for r in rows if r["section"] == "ward"]
assert len(wards) == nwards, (len(wards), nwards)
assert sum(int(w["lsoas"]) for w in wards) == nlsoas
assert [w["status"] for w in wards[:2]] == ["wholly", "wholly"], wards[:2]
assert all(w["status"] == "not" for w in wards[2:])
assert sum(int(w["lsoas_covered"]) for w in wards) == ncov
assert sum(1 for r in rows if r["section"] == "uncovered") == nunc
assert not any(r["section"] == "overlap" for r in rows)
print("trafford: %d wards, %d LSOAs" % (nwards, nlsoas))
PY
