# t1001-newer-schema: a database written by a newer Reach is refused, untouched
. "$TOP/tests/cli/lib.sh"

ok r t.db init
ok r t.db import lsoas "$SMALL/lsoas.csv"
sqlite3 t.db 'PRAGMA user_version=999;' || fail "sqlite3 could not set user_version"
cp t.db before.db

expect_fail r t.db init
[ -s err ] || fail "init on a newer database failed without a message"
cmp -s t.db before.db || fail "init changed a database from a newer schema"

expect_fail r t.db import postcodes "$SMALL/postcodes.csv"
[ -s err ] || fail "import into a newer database failed without a message"
cmp -s t.db before.db || fail "import changed a database from a newer schema"

v=$(sqlite3 t.db 'PRAGMA user_version;')
[ "$v" = 999 ] || fail "user_version is now $v"
exit 0
