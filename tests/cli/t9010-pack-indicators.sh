#!/bin/sh
# t9010-pack-indicators.sh: a pack's area indicators: the LA's, its wards', its LSOAs' (summed or listed), wards ranked
. "$TOP/tests/cli/lib.sh"

if ! "$REACH" help 2>/dev/null | grep -q 'reach pack'; then
	echo "skip: this build has no 'reach pack' command"
	exit 0
fi
for tool in pdftotext unzip; do
	command -v $tool >/dev/null || fail "'$tool' is needed (poppler-utils, unzip)"
done

PERIOD="--from 2025-04-01 --to 2026-03-31"
ok r d.db demo --children 300
# CC01's LSOAs are E01099001-6 in ward E05099001; two more wards outside it
cat >lsoas.csv <<'CSV'
lsoa_code,lsoa_name,ward_code,ward_name,la_code,la_name,idaci_decile,imd_decile
E01099901,Riverside 009A,E05099002,Hill Top,E09000099,Riverside,5,5
E01099902,Riverside 009B,E05099003,Marsh Lane,E09000099,Riverside,8,8
CSV
ok r d.db import lsoas lsoas.csv
cat >ind.csv <<'CSV'
indicator,area_type,area_code,period,value,numerator,denominator,unit,source,published_on
eyfsp_gld,la,E09000099,2024/25,67.5,540,800,%,DfE EYFSP statistics,2025-11-20
eyfsp_gld,ward,E05099001,2024/25,61.2,,,%,DfE EYFSP statistics,2025-11-20
eyfsp_gld,ward,E05099002,2024/25,70.4,,,%,DfE EYFSP statistics,2025-11-20
eyfsp_gld,ward,E05099003,2024/25,58.0,,,%,DfE EYFSP statistics,2025-11-20
eyfsp_gld,lsoa,E01099001,2024/25,50,10,20,%,DfE EYFSP statistics,2025-11-20
eyfsp_gld,lsoa,E01099002,2024/25,75,3,4,%,DfE EYFSP statistics,2025-11-20
eyfsp_gld,lsoa,E01099901,2024/25,90,9,10,%,DfE EYFSP statistics,2025-11-20
obesity_reception,lsoa,E01099001,2023/24,9.1,,,%,NCMP,2024-11-01
obesity_reception,lsoa,E01099002,2023/24,11.0,,,%,NCMP,2024-11-01
breastfeeding_6_8wk,lsoa,E01099001,2024/25,75,3,4,%,OHID,2025-06-01
breastfeeding_6_8wk,lsoa,E01099002,2024/25,48.0,,,%,OHID,2025-06-01
CSV
ok r d.db import indicators ind.csv

ok r d.db pack --centre CC01 $PERIOD --format pdf -o pack.pdf
[ ! -s err ] || { cat err >&2; fail "pack wrote to stderr"; }
pdftotext -layout pack.pdf pack.txt || fail "pdftotext cannot read the pack"
expect_grep_fixed "Area indicators" pack.txt
# the LA's figure with its numbers, the area's ward (not the others), its period and source
expect_grep "eyfsp_gld  *LA  *E09000099 .*2024/25  *67.5%  *540 of 800 DfE EYFSP" pack.txt
expect_grep "eyfsp_gld  *ward  *E05099001 .*61.2%" pack.txt
expect_no_grep_fixed "ward       E05099002" pack.txt
# the area's LSOAs with numerators added up: 13 of 24 (E01099901 is not the area's)
expect_grep "eyfsp_gld  *LSOAs .*54.2%  *13 of 24" pack.txt
# without numerators they are listed, each with its period
expect_grep "obesity_reception *LSOA  *E01099001 .*2023/24  *9.1%" pack.txt
expect_grep "obesity_reception *LSOA  *E01099002 .*2023/24  *11.0%" pack.txt
# every ward ranked: Hill Top, King's End, Marsh Lane in that order
expect_grep_fixed "every ward ranked" pack.txt
grep -o 'E0509900[123] [A-Z][a-z]*' pack.txt | sed -n '/E05099002/,$p' | head -3 | tr '\n' ' ' >order.txt
expect_grep_fixed "E05099002 Hill E05099001 King E05099003 Marsh" order.txt

expect_grep "breastfeeding_6_8[wk]* *LSOA  *E01099001 .*75.0%  *3 of 4" pack.txt

# --publish: a listed numerator under 5 is <5 and its value, which would tell it, ..
ok r d.db pack --centre CC01 $PERIOD --format pdf --publish -o pub.pdf
pdftotext -layout pub.pdf pub.txt || fail "pdftotext cannot read the published pack"
expect_grep "eyfsp_gld  *LSOAs .*13 of 24" pub.txt
expect_grep "breastfeeding_6_8[wk]* *LSOA  *E01099001 .*\.\.  *<5 of 4" pub.txt
expect_no_grep_fixed "3 of 4" pub.txt

# XLSX: the indicators and the ranking as sheets with numbers
ok r d.db pack --centre CC01 $PERIOD --format xlsx -o pack.xlsx
unzip -p pack.xlsx xl/workbook.xml >wb.xml || fail "no workbook"
expect_grep_fixed 'name="Indicators"' wb.xml
expect_grep_fixed 'name="Indicators by ward"' wb.xml
unzip -p pack.xlsx xl/sharedStrings.xml >strings.xml
expect_grep_fixed "DfE EYFSP statistics" strings.xml
expect_grep_fixed "E05099002 Hill Top" strings.xml
exit 0
