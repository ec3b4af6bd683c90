# t3020-bad-usage: an unknown kind, command or option, a missing argument,
# a report with a bad date or without --from: exit 2, a message, and the
# database unchanged
. "$TOP/tests/cli/lib.sh"

load_small t.db
export_all t.db before
cp "$SMALL/lsoas.csv" lsoas.csv

expect_exit 2 r t.db import widgets lsoas.csv
expect_one_line_error
expect_exit 2 r t.db export widgets
[ -s err ] || fail "export of an unknown kind: no message"
expect_exit 2 r t.db frobnicate
[ -s err ] || fail "unknown command: no message"
expect_exit 2 r t.db import lsoas lsoas.csv --frobnicate
expect_one_line_error
expect_exit 2 r t.db export lsoas --frobnicate
expect_one_line_error
expect_exit 2 r t.db import lsoas
[ -s err ] || fail "import without a file: no message"
expect_exit 2 r t.db import
[ -s err ] || fail "import without a kind: no message"
expect_exit 2 r t.db import people lsoas.csv --skip-bad
[ -s err ] || fail "--skip-bad without a file: no message"

# report reach
expect_exit 2 r t.db report reach --from 2025-02-30 --to 2026-03-31 --by la --format csv
[ -s err ] || fail "report with a bad date: no message"
expect_exit 2 r t.db report reach --from 2025-04-01 --to 31/03/2026 --by la --format csv
[ -s err ] || fail "report with a bad date: no message"
expect_exit 2 r t.db report reach --to 2026-03-31 --by la --format csv
[ -s err ] || fail "report without --from: no message"
expect_exit 2 r t.db report reach --from 2025-04-01 --to 2026-03-31 --by planet --format csv
[ -s err ] || fail "report --by planet: no message"
expect_exit 2 r t.db report reach --from 2025-04-01 --to 2026-03-31 --by la --format xml
[ -s err ] || fail "report --format xml: no message"
expect_exit 2 r t.db report reach --from 2025-04-01 --to 2026-03-31 --by la --format csv --sustained many
[ -s err ] || fail "report --sustained many: no message"
expect_exit 2 r t.db report widgets --from 2025-04-01 --to 2026-03-31 --by la --format csv
[ -s err ] || fail "report widgets: no message"

export_all t.db after
expect_same_dir before after
exit 0
