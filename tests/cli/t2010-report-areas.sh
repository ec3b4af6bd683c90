# t2010-report-areas: the small fixture's reach by cluster, centre and LSOA
# for 2025-04-01..2026-03-31, worked by hand in tests/fixtures/small/EXPECTED.md
# (an LSOA in two centres of one cluster counts once for the cluster; a
# centre with no reach area has a row of zeros; an LSOA whose population
# rows sum to 0 has no population and no percentages)
. "$TOP/tests/cli/lib.sh"

E="$SMALL/expected"
load_small t.db

for by in cluster centre lsoa; do
	report t.db "$by.csv" $P1 --by "$by"
	expect_same_file "$E/$by-2025-26.csv" "$by.csv"
done
exit 0
