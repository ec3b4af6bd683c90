# lib.sh: helpers shared by the CLI tests (sourced, POSIX sh)
#
# tests/run starts each tests/cli/tNNNN-*.sh with sh in a fresh empty
# directory, with REACH (the binary) and TOP (the repository root) set.
# A test exits 0 to pass; `fail` prints why and exits 1.

set -u
: "${REACH:?REACH must name the reach binary}"
: "${TOP:?TOP must name the repository root}"
unset REACH_DB
FIX="$TOP/tests/fixtures"
SMALL="$FIX/small"
# every kind but indicators (see t1040), in an order in which each file's
# references already exist
KINDS="lsoas postcodes population centres reach_areas families people attendance births"
# the two periods the small fixture is worked for (see tests/fixtures/small/EXPECTED.md)
P1="--from 2025-04-01 --to 2026-03-31"
P2="--from 2024-03-01 --to 2025-02-28"
REPORT_HEADER="area_type,area_code,group,population,registered,engaged,sustained,registered_pct,engaged_pct,registered_words"

fail()
{
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# show the last command's output (stdout in ./out, stderr in ./err)
show_output()
{
	printf -- '--- stdout (first 30 lines):\n' >&2
	head -30 out >&2
	printf -- '--- stderr (first 30 lines):\n' >&2
	head -30 err >&2
}

# expect_exit CODE CMD...: run CMD (stdout to ./out, stderr to ./err) and
# fail unless it exits with CODE
expect_exit()
{
	_want=$1
	shift
	"$@" >out 2>err </dev/null
	_got=$?
	if [ "$_got" != "$_want" ]; then
		printf 'command: %s\n' "$*" >&2
		show_output
		fail "exit status $_got, expected $_want"
	fi
}

# ok CMD...: CMD must succeed
ok()
{
	expect_exit 0 "$@"
}

# expect_fail CMD...: CMD must exit non-zero (any status)
expect_fail()
{
	"$@" >out 2>err </dev/null
	_got=$?
	if [ "$_got" = 0 ]; then
		printf 'command: %s\n' "$*" >&2
		show_output
		fail "exit status 0, expected a failure"
	fi
}

# expect_same_file EXPECTED ACTUAL
expect_same_file()
{
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -80 >&2
		fail "'$2' differs from '$1'"
	fi
}

# expect_same_dir EXPECTED_DIR ACTUAL_DIR: same files with the same bytes
expect_same_dir()
{
	if ! diff -r "$1" "$2" >/dev/null 2>&1; then
		diff -ru "$1" "$2" | head -80 >&2
		fail "'$2' differs from '$1'"
	fi
}

# expect_grep PATTERN FILE: a basic regular expression must match a line
expect_grep()
{
	if ! grep -q -e "$1" "$2"; then
		printf -- '--- %s:\n' "$2" >&2
		head -30 "$2" >&2
		fail "no line of '$2' matches '$1'"
	fi
}

# expect_grep_fixed STRING FILE: a fixed string must appear
expect_grep_fixed()
{
	if ! grep -q -F -e "$1" "$2"; then
		printf -- '--- %s:\n' "$2" >&2
		head -30 "$2" >&2
		fail "'$2' does not contain '$1'"
	fi
}

# expect_no_grep_fixed STRING FILE
expect_no_grep_fixed()
{
	if grep -q -F -e "$1" "$2"; then
		grep -n -F -e "$1" "$2" | head -5 >&2
		fail "'$2' contains '$1'"
	fi
}

# expect_lines N FILE: FILE has exactly N lines
expect_lines()
{
	_n=$(wc -l <"$2" | tr -d ' ')
	if [ "$_n" != "$1" ]; then
		head -30 "$2" >&2
		fail "'$2' has $_n lines, expected $1"
	fi
}

# expect_one_line_error: the last command wrote one non-empty line on stderr
expect_one_line_error()
{
	expect_lines 1 err
	[ -s err ] || fail "no message on stderr"
}

# csv_rows FILE: number of CSV records after the header (quoted newlines
# inside a field do not start a record)
csv_rows()
{
	python3 -c 'import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    print(max(0, sum(1 for _ in csv.reader(f)) - 1))' "$1"
}

# r DB ARGS...: reach on database DB
r()
{
	_db=$1
	shift
	"$REACH" --db "$_db" "$@"
}

# load_small DB [DIR]: a new database with every kind of the small fixture
# (DIR defaults to the plain files)
load_small()
{
	_db=$1
	_dir=${2:-$SMALL}
	ok r "$_db" init
	for _k in $KINDS; do
		ok r "$_db" import "$_k" "$_dir/$_k.csv"
	done
}

# export_all DB DIR: every kind exported to DIR/KIND.csv
export_all()
{
	mkdir -p "$2"
	for _k in $KINDS; do
		ok r "$1" export "$_k" -o "$2/$_k.csv"
	done
}

# report DB OUTFILE ARGS...: `report reach --format csv ARGS` into OUTFILE
report()
{
	_db=$1
	_of=$2
	shift 2
	ok r "$_db" report reach --format csv "$@"
	cp out "$_of"
}

# ---- the web application (tests t6xxx): a server on a free port, curl with
# a cookie jar per user. REACH_PWHASH=fast keeps sign-ins quick.

# web_start DB: serve DB in the background; sets WEB (the base URL)
web_start()
{
	REACH_PWHASH=fast "$REACH" --db "$1" serve --port 0 2>web.log &
	WEB_PID=$!
	_i=0
	while [ $_i -lt 100 ]; do
		WEB=$(sed -n 's/.* at \(http:[^ ]*\)\/ .*/\1/p' web.log)
		[ -n "$WEB" ] && break
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -n "$WEB" ] || { cat web.log >&2; fail "the server did not start"; }
	trap 'web_stop' EXIT
}

web_stop()
{
	[ -n "${WEB_PID:-}" ] && kill "$WEB_PID" 2>/dev/null && wait "$WEB_PID" 2>/dev/null
	WEB_PID=
}

# web_login USER [PASSWORD]: sign in with cookie jar ./jar-USER (the demo's
# passwords are USER-demo-pass); sets CSRF to the session's token
web_login()
{
	_jar=jar-$1
	rm -f "$_jar"
	curl -s -c "$_jar" -b "$_jar" "$WEB/login" -o login.html
	_tok=$(sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' login.html | head -1)
	_code=$(curl -s -c "$_jar" -b "$_jar" -o /dev/null -w '%{http_code}' \
		--data-urlencode "username=$1" --data-urlencode "password=${2:-$1-demo-pass}" \
		--data-urlencode "csrf_token=$_tok" "$WEB/login")
	[ "$_code" = 303 ] || fail "sign in as $1: status $_code"
	curl -s -b "$_jar" "$WEB/search" -o page.html
	CSRF=$(sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' page.html | head -1)
	[ -n "$CSRF" ] || fail "no CSRF token on /search for $1"
}

# web_status USER PATH: print the status of GET PATH as USER (body in ./page.html)
web_status()
{
	curl -s -b "jar-$1" -o page.html -w '%{http_code}' "$WEB$2"
}

# web_post USER PATH [curl --data-urlencode args...]: POST as USER, print the status
web_post()
{
	_u=$1
	_p=$2
	shift 2
	curl -s -X POST -b "jar-$_u" -c "jar-$_u" -o page.html -w '%{http_code}' "$@" "$WEB$_p"
}

# expect_status WANT USER PATH
expect_status()
{
	_got=$(web_status "$2" "$3")
	[ "$_got" = "$1" ] || fail "GET $3 as $2: status $_got, expected $1"
}
