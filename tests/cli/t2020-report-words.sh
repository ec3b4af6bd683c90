# t2020-report-words: percentages (one decimal, halves up) and Ofsted words
# (from the registered percentage rounded to a whole number, halves up)
#
# The words fixture has 4 registered under-5 children, 1 engaged, 0
# sustained, in one LSOA. Each case loads a population of P (one row, age 0,
# 2026) and checks the LA's `all` row for 2025-04-01..2026-03-31:
#   registered_pct = 100*4/P, engaged_pct = 100*1/P.
. "$TOP/tests/cli/lib.sh"

W="$FIX/words"
ok r t.db init
for k in lsoas postcodes centres reach_areas families people attendance; do
	ok r t.db import "$k" "$W/$k.csv"
done

# P   registered (4/P)        engaged (1/P)   words
# 3   133.33 -> 133.3         33.33 -> 33.3   133 -> almost all (above 100)
# 4   100.0                   25.0            almost all
# 5   80.0                    20.0            most
# 6   66.67 -> 66.7           16.67 -> 16.7   67 -> a large majority
# 7   57.14 -> 57.1           14.29 -> 14.3   57 -> a majority
# 8   50.0                    12.5            half
# 9   44.44 -> 44.4           11.11 -> 11.1   44 -> a minority
# 12  33.33 -> 33.3           8.33 -> 8.3     33 -> a small minority
# 16  25.0                    6.25 -> 6.3     a small minority
# 20  20.0                    5.0             a small minority
# 21  19.05 -> 19.0           4.76 -> 4.8     19 -> few
# 80  5.0                     1.25 -> 1.3     few
# 100 4.0                     1.0             few
# 130 3.08 -> 3.1             0.77 -> 0.8     3 -> almost none
# 400 1.0                     0.25 -> 0.3     almost none
# 0   population, percentages and words empty
while read -r pop rest; do
	printf 'lsoa_code,year,age,count\nE01000010,2026,0,%s\n' "$pop" >pop.csv
	ok r t.db import population pop.csv
	report t.db rep.csv $P1 --by la
	grep '^la,E06000098,all,' rep.csv >got || fail "population $pop: no la all row"
	printf 'la,E06000098,all,%s\n' "$rest" >want
	expect_same_file want got
done <<'CASES'
3 3,4,1,0,133.3,33.3,almost all
4 4,4,1,0,100.0,25.0,almost all
5 5,4,1,0,80.0,20.0,most
6 6,4,1,0,66.7,16.7,a large majority
7 7,4,1,0,57.1,14.3,a majority
8 8,4,1,0,50.0,12.5,half
9 9,4,1,0,44.4,11.1,a minority
12 12,4,1,0,33.3,8.3,a small minority
16 16,4,1,0,25.0,6.3,a small minority
20 20,4,1,0,20.0,5.0,a small minority
21 21,4,1,0,19.0,4.8,few
80 80,4,1,0,5.0,1.3,few
100 100,4,1,0,4.0,1.0,few
130 130,4,1,0,3.1,0.8,almost none
400 400,4,1,0,1.0,0.3,almost none
0 ,4,1,0,,,
CASES
exit 0
