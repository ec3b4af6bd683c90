#!/bin/sh
# t9030-pack-trends.sh: a pack's trends: quarters as the reach report counts them, the dotted
# forecast, and indicators over time with the LA's and England's figures (area_type national)
. "$TOP/tests/cli/lib.sh"

if ! "$REACH" help 2>/dev/null | grep -q 'reach pack'; then
	echo "skip: this build has no 'reach pack' command"
	exit 0
fi
for tool in pdftotext unzip; do
	command -v $tool >/dev/null || fail "'$tool' is needed (poppler-utils, unzip)"
done

ok r d.db demo --children 300
# the demo's attendance starts in October 2024: 2024 Q4 to 2026 Q1 is 6 quarters, not 12
ok r d.db pack --la --from 2025-04-01 --to 2026-03-31 --format pdf -o la.pdf
[ ! -s err ] || { cat err >&2; fail "pack wrote to stderr"; }
pdftotext -layout la.pdf la.txt || fail "pdftotext cannot read the pack"
expect_grep_fixed "Trends: turning the curve" la.txt
expect_grep_fixed "6 quarters from 2024 Q4 (fewer than 12" la.txt
expect_grep_fixed "Forecast if nothing changes: a straight line fitted to the last 8 quarters" la.txt
# each quarter's row is the reach report for that quarter, for every quarter
for q in 2024-10-01:2024-12-31:"2024 Q4" 2025-07-01:2025-09-30:"2025 Q3" 2026-01-01:2026-03-31:"2026 Q1"; do
	from=${q%%:*} rest=${q#*:}
	to=${rest%%:*} label=${rest#*:}
	ok r d.db report reach --by la --from "$from" --to "$to" --format csv
	# area_type,area_code,group,population,registered,engaged,sustained,registered_pct,engaged_pct,...
	line=$(awk -F, '$1 == "la" && $3 == "all" {printf "%s  *%s  *%s%%  *%s  *%s%%", $4, $5, $8, $6, $9}' out)
	[ -n "$line" ] || fail "no 'all' row in the report for $label"
	expect_grep "^ *$label  *$line *\$" la.txt
done
# the forecast quarters follow the last one on the chart's axis
expect_grep "2026 Q1 *2026 Q2 *2026 Q3 *2026 Q4 *2027 Q1" la.txt

# the spreadsheet: every group by quarter, and the forecast
ok r d.db pack --la --from 2025-04-01 --to 2026-03-31 --format xlsx -o la.xlsx
unzip -p la.xlsx xl/workbook.xml >wb.xml
expect_grep_fixed 'name="Trends"' wb.xml
expect_grep_fixed 'name="Forecast"' wb.xml
unzip -p la.xlsx xl/sharedStrings.xml >ss.xml
expect_grep_fixed "2024 Q4" ss.xml
expect_grep_fixed "Fathers" ss.xml

# an LSOA indicator with numerators for every LSOA: every centre ranked by its LSOAs together
command -v sqlite3 >/dev/null || fail "'sqlite3' is needed"
ok r rk.db demo --children 5000
{
	echo "indicator,area_type,area_code,period,value,numerator,denominator,unit,source,published_on"
	sqlite3 rk.db "SELECT code FROM lsoas ORDER BY code" | awk '{ n = (NR * NR) % 9 + 1; printf "ready,lsoa,%s,2024/25,%s,%d,10,%%,Test source,\n", $1, n * 10, n }'
} >ready.csv
ok r rk.db import indicators ready.csv
# the same sums in SQL: CC01's LSOAs, and the number of centres with LSOAs
sums=$(sqlite3 rk.db "SELECT sum(numerator) || ' of ' || sum(denominator) FROM indicators i JOIN reach_areas ra
	ON ra.lsoa_code = i.area_code JOIN centres c ON c.id = ra.centre_id WHERE c.code = 'CC01' AND i.indicator = 'ready'")
pct=$(sqlite3 rk.db "SELECT printf('%.1f', 100.0 * sum(numerator) / sum(denominator)) FROM indicators i JOIN reach_areas ra
	ON ra.lsoa_code = i.area_code JOIN centres c ON c.id = ra.centre_id WHERE c.code = 'CC01' AND i.indicator = 'ready'")
ncentres=$(sqlite3 rk.db "SELECT count(DISTINCT centre_id) FROM reach_areas")
[ "$ncentres" -gt 2 ] || fail "the demo of 5000 children has $ncentres centres with LSOAs"
ok r rk.db pack --centre CC01 --from 2025-04-01 --to 2026-03-31 --format pdf -o cc01.pdf
pdftotext -layout cc01.pdf cc01.txt || fail "pdftotext cannot read the pack"
expect_grep_fixed "ready, 2024/25: every centre ranked by its LSOAs' figures added up, this centre" cc01.txt
expect_grep "^ *CC01 .* $pct% *$sums *\$" cc01.txt
[ "$(grep -c "^ *CC[0-9][0-9] .*% *[0-9]* of [0-9]* *\$" cc01.txt)" = "$ncentres" ] || fail "not every centre ranked"
ok r rk.db pack --centre CC01 --from 2025-04-01 --to 2026-03-31 --format xlsx -o cc01.xlsx
unzip -p cc01.xlsx xl/workbook.xml >wb.xml
expect_grep_fixed 'name="Indicators by area"' wb.xml

# area_type national (or england): a documented extension, shown beside the LA's figures
cat >bad.csv <<'CSV'
indicator,area_type,area_code,period,value,numerator,denominator,unit,source,published_on
eyfsp_gld,country,E92000001,2018/19,71.8,,,%,DfE,
CSV
expect_fail r d.db import indicators bad.csv
expect_grep_fixed "column area_type: 'country' is not an area type (la, ward, lsoa or national)" err

data=${TOP}/../shared/data/eyfsp_gld_by_la/nesta_dfe_eyfsp_APS_GLD_ELG_EXP_2013_2019.csv
[ -f "$data" ] || data=/work/shared/data/eyfsp_gld_by_la/nesta_dfe_eyfsp_APS_GLD_ELG_EXP_2013_2019.csv
if [ ! -f "$data" ]; then
	echo "skip: no shared data (eyfsp_gld_by_la): the realistic indicator trend is not tested"
	exit 0
fi
# Trafford's (E08000009) good level of development 2012/13-2018/19 as the demo LA's, and
# England's: half as area_type national, half as england
{
	echo "indicator,area_type,area_code,period,value,numerator,denominator,unit,source,published_on"
	awk -F, '$11 == "Total" && ($9 == "E08000009" || $3 == "National") {
		y = substr($2, 1, 4); p = y "/" substr($2, 5, 2)
		if ($3 == "National")
			printf "eyfsp_gld,%s,E92000001,%s,%s,%s,%s,%%,DfE EYFSP,\n", (y % 2 ? "national" : "England"), p, $18, $17, $12
		else
			printf "eyfsp_gld,la,E09000099,%s,%s,%s,%s,%%,DfE EYFSP,\n", p, $18, $17, $12
	}' "$data"
} >gld.csv
[ "$(wc -l <gld.csv)" = 15 ] || { cat gld.csv >&2; fail "expected 14 figures from $data"; }
ok r d.db import indicators gld.csv
ok r d.db pack --la --from 2025-04-01 --to 2026-03-31 --format xlsx -o gld.xlsx
unzip -p gld.xlsx xl/workbook.xml >wb.xml
expect_grep_fixed 'name="Indicator trends"' wb.xml
# the sheet of the indicator trends: 2018/19 with Trafford's 74.7 and England's 71.8, 2012/13 61.2 and 51.7
n=$(grep -o '<sheet name="[^"]*"' wb.xml | grep -n 'Indicator trends' | cut -d: -f1)
unzip -p gld.xlsx "xl/worksheets/sheet$n.xml" >it.xml
unzip -p gld.xlsx xl/sharedStrings.xml >ss.xml
expect_grep_fixed "2018/19" ss.xml
expect_grep_fixed "<v>74.7</v>" it.xml
expect_grep_fixed "<v>71.8</v>" it.xml
expect_grep_fixed "<v>61.2</v>" it.xml
expect_grep_fixed "<v>51.7</v>" it.xml
ok r d.db pack --la --from 2025-04-01 --to 2026-03-31 --format pdf -o gld.pdf
pdftotext -layout gld.pdf gld.txt || fail "pdftotext cannot read the pack"
expect_grep_fixed "Area indicators over time" gld.txt
expect_grep_fixed "eyfsp_gld by period, the LA, England (source: DfE EYFSP)" gld.txt
expect_grep "England  *E92000001 England  *2018/19  *71.8%  *458847 of" gld.txt
echo "ok"
