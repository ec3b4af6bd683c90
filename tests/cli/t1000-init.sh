# t1000-init: init creates the database and may be re-run; the database is
# named by --db before or after the command, else REACH_DB, else ./reach.db
. "$TOP/tests/cli/lib.sh"

ok "$REACH" --db ./t.db init
[ -s t.db ] || fail "init did not create t.db"
v1=$(sqlite3 t.db 'PRAGMA user_version;')
[ "$v1" -gt 0 ] 2>/dev/null || fail "user_version is '$v1' after init"

# a second init is harmless and leaves the schema version alone
ok "$REACH" --db ./t.db init
v2=$(sqlite3 t.db 'PRAGMA user_version;')
[ "$v1" = "$v2" ] || fail "user_version went from $v1 to $v2 on a second init"

# --db after the command
ok "$REACH" init --db ./after.db
[ -s after.db ] || fail "--db after the command was not used"

# REACH_DB
ok env REACH_DB=./env.db "$REACH" init
[ -s env.db ] || fail "REACH_DB was not used"

# --db wins over REACH_DB
ok env REACH_DB=./env2.db "$REACH" --db ./flag.db init
[ -s flag.db ] || fail "--db was not used when REACH_DB was set"
[ ! -e env2.db ] || fail "REACH_DB was used although --db was given"

# neither: ./reach.db
ok "$REACH" init
[ -s reach.db ] || fail "init without --db or REACH_DB did not create ./reach.db"

# the three spellings reach the same database
ok "$REACH" import lsoas "$SMALL/lsoas.csv" --db ./t.db
ok env REACH_DB=./t.db "$REACH" export lsoas
cp out via-env.csv
ok "$REACH" --db ./t.db export lsoas
expect_same_file via-env.csv out
[ "$(csv_rows out)" = 4 ] || fail "export lsoas: expected 4 rows, got $(csv_rows out)"
# reach.db was not touched by the import into t.db
ok "$REACH" export lsoas
[ "$(csv_rows out)" = 0 ] || fail "./reach.db has lsoas it was never given"
exit 0
