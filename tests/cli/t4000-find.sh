# t4000-find: find families by surname, by a sounds-like spelling, by
# postcode in any case and spacing, by family ID; the output lists the
# family's members; no match is not an error
. "$TOP/tests/cli/lib.sh"

load_small t.db

# find TEXT NAME...: `find TEXT` succeeds and mentions every NAME
find_has()
{
	_q=$1
	shift
	ok r t.db find "$_q"
	for _n; do
		grep -q -F -e "$_n" out || { show_output; fail "find '$_q': output does not mention '$_n'"; }
	done
}

# by surname: F02, the Smiths, all three members
find_has Smith Chloe Oliver Jack
find_has smith Chloe Oliver Jack
# sounds like: Begom finds Begum (F04: Fatima, Ayaan and Muhammad Uddin)
find_has Begom Fatima Ayaan Uddin
# sounds like: Mohammed finds the Muhammad family (F01)
find_has Mohammed Amina Yusuf
# by postcode, any case and spacing: AB1 2AB is F04 (Begum) and F11 (Rossi)
find_has 'AB1 2AB' Fatima Luca
find_has 'ab12ab' Fatima Luca
find_has 'Ab1  2aB' Fatima Luca
# a family stored from an unspaced lower-case postcode (F02 wrote ab11ab)
find_has 'AB1 1AB' Oliver
# by family ID
find_has F05 Zofia Jan Lena

# no match: status 0 and a word to say so
ok r t.db find Zzyzxqw
cat out err >all
grep -q -i -E 'no (match|famil|result|one|people|person|record)|not found|nothing|0 (famil|match|result|record)' all ||
	{ show_output; fail "find with no match does not say so"; }
exit 0
