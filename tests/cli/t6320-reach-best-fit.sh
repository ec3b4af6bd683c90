# t6320-reach-best-fit: the reach page says in a GOV.UK inset that the
# figures are best fit when an area shown counts part of an LSOA, and only then
. "$TOP/tests/cli/lib.sh"

ok r t.db demo --children 200
web_start t.db
web_login analyst
Q="/reach?from=2025-04-01&to=2026-03-31&by=centre&group=all"
expect_status 200 analyst "$Q"
expect_no_grep_fixed "Best fit:" page.html
# give half of one of CC01's LSOAs to it (a map-drawn boundary); the new
# data generation makes the server read the store again, as an import does
sqlite3 t.db "INSERT INTO reach_area_shares SELECT centre_id, lsoa_code, 500000 FROM reach_areas
	WHERE centre_id = (SELECT id FROM centres WHERE code = 'CC01') LIMIT 1;
	INSERT INTO settings(key, value) VALUES ('data_generation', 1)
	ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1;" || fail "cannot add a share"
expect_status 200 analyst "$Q"
expect_grep_fixed '<div class="govuk-inset-text">' page.html
expect_grep_fixed "Best fit: some reach areas were drawn on a map" page.html
# the LA is whole: no note
expect_status 200 analyst "/reach?from=2025-04-01&to=2026-03-31&by=la&group=all"
expect_no_grep_fixed "Best fit:" page.html
