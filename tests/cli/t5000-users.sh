# t5000-users: accounts from the command line: add (password on standard
# input), list, disable, enable, reset; the audit trail as CSV; exit 1 for
# an unknown role, centre or user and 2 for bad usage, the accounts unchanged
. "$TOP/tests/cli/lib.sh"

# the test suite's fast password hashing (never for a real installation)
REACH_PWHASH=fast
export REACH_PWHASH
PW=first-password-1
PW2=second-password-2

# pw_exit CODE PASSWORD CMD...: CMD with PASSWORD as one line on standard input
pw_exit()
{
	_want=$1
	_pw=$2
	shift 2
	printf '%s\n' "$_pw" | "$@" >out 2>err
	_got=$?
	if [ "$_got" != "$_want" ]; then
		printf 'command: %s\n' "$*" >&2
		show_output
		fail "exit status $_got, expected $_want"
	fi
}

users()
{
	sqlite3 t.db 'SELECT count(*) FROM users;'
}

load_small t.db

pw_exit 0 "$PW" r t.db user add Admin1 --role admin --name "Asha Admin"
pw_exit 0 "$PW" r t.db user add worker1 --role worker --centre CC01 --centre CC02
pw_exit 0 "$PW" r t.db user add analyst1 --role=analyst
pw_exit 0 "$PW" r t.db user add viewer1 --role viewer --centre CC03
[ "$(users)" = 4 ] || fail "expected 4 users, found $(users)"

# the list: name (lower case), role, centres, status, last login
ok r t.db user list
expect_grep '^admin1 .*admin .*(all) .*active .*never' out
expect_grep '^worker1 .*worker .*CC01,CC02 .*active' out
expect_grep '^analyst1 .*analyst .*(all)' out
expect_grep '^viewer1 .*viewer .*CC03' out
expect_lines 5 out

# passwords are stored as Argon2id hashes only
n=$(sqlite3 t.db "SELECT count(*) FROM users WHERE password_hash LIKE '\$argon2id\$%';")
[ "$n" = 4 ] || fail "$n of 4 password hashes are Argon2id"

# refused, with one line and status 1: a name taken (in any case), an
# unknown role, an unknown centre, a worker without a centre, a short
# password, no password at all
pw_exit 1 "$PW" r t.db user add ADMIN1 --role admin
expect_one_line_error
pw_exit 1 "$PW" r t.db user add boss1 --role boss
expect_one_line_error
expect_grep_fixed "boss" err
pw_exit 1 "$PW" r t.db user add w2 --role worker --centre CC99
expect_one_line_error
expect_grep_fixed "CC99" err
pw_exit 1 "$PW" r t.db user add w3 --role worker
expect_one_line_error
pw_exit 1 "short" r t.db user add w4 --role admin
expect_one_line_error
expect_exit 1 r t.db user add w5 --role admin
expect_one_line_error
pw_exit 1 "$PW" r t.db user add 'bad name' --role admin
expect_one_line_error
# bad usage: status 2
pw_exit 2 "$PW" r t.db user add w6
pw_exit 2 "$PW" r t.db user add --role admin
pw_exit 2 "$PW" r t.db user add w7 --role admin --frobnicate
pw_exit 2 "$PW" r t.db user add w8 w9 --role admin
pw_exit 2 "$PW" r t.db user add w10 --role
expect_exit 2 r t.db user
expect_exit 2 r t.db user frobnicate
expect_exit 2 r t.db user disable
expect_exit 2 r t.db user enable a b
expect_exit 2 r t.db user list extra
expect_exit 2 r t.db user audit --from 2025-02-30
expect_exit 2 r t.db user audit --frobnicate
[ "$(users)" = 4 ] || fail "a refused command changed the users: $(users)"

# disable, enable: unknown users are status 1
ok r t.db user disable worker1
ok r t.db user list
expect_grep '^worker1 .*disabled' out
expect_exit 1 r t.db user disable nobody
expect_one_line_error
ok r t.db user enable WORKER1
ok r t.db user list
expect_grep '^worker1 .*active' out
expect_exit 1 r t.db user enable nobody

# reset: a new password from standard input
before=$(sqlite3 t.db "SELECT password_hash FROM users WHERE username = 'worker1';")
pw_exit 1 "short" r t.db user reset worker1
pw_exit 1 "$PW2" r t.db user reset nobody
expect_one_line_error
pw_exit 0 "$PW2" r t.db user reset worker1
after=$(sqlite3 t.db "SELECT password_hash FROM users WHERE username = 'worker1';")
[ "$before" != "$after" ] || fail "reset did not change the password hash"

# the audit trail: every change, and never a password
ok r t.db user audit
head -1 out >header
printf 'at,username,action,family_id,person_id,detail\n' >want
expect_same_file want header
[ "$(csv_rows out)" = 7 ] || { cat out >&2; fail "expected 7 audit rows, got $(csv_rows out)"; }
expect_grep "^[0-9-]*T[0-9:]*Z,(cli),user_add,,,\"user 'admin1', role admin\"" out
expect_grep "^[^,]*,(cli),user_add,,,\"user 'worker1', role worker, centres CC01 CC02\"" out
expect_grep "^[^,]*,(cli),user_disable,,,user 'worker1'" out
expect_grep "^[^,]*,(cli),user_enable,,,user 'worker1'" out
expect_grep "^[^,]*,(cli),user_password,,,user 'worker1'" out
sqlite3 t.db .dump >dump.sql
expect_no_grep_fixed "$PW" dump.sql
expect_no_grep_fixed "$PW2" dump.sql
# reading the trail is recorded too
ok r t.db user audit
[ "$(csv_rows out)" = 8 ] || fail "the audit export was not recorded"
expect_grep '^[^,]*,(cli),export,,,audit trail$' out

# filters and a file
ok r t.db user audit --from 2000-01-01 --to 2000-12-31
[ "$(csv_rows out)" = 0 ] || fail "a period with no rows gave $(csv_rows out) rows"
ok r t.db user audit --user '(cli)' -o trail.csv
[ -s trail.csv ] || fail "-o did not write the file"
[ "$(csv_rows trail.csv)" -ge 10 ] || fail "the file has $(csv_rows trail.csv) rows"
[ ! -e trail.csv.tmp ] || fail "the temporary file was left behind"
expect_exit 1 r t.db user audit --user nobody
expect_one_line_error
expect_exit 1 r t.db user audit --family NOSUCH
expect_one_line_error
ok r t.db user audit --family F01
[ "$(csv_rows out)" = 0 ] || fail "family F01 has audit rows it should not"
exit 0
