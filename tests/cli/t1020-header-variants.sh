# t1020-header-variants: columns in another order, header names in mixed
# case, a UTF-8 BOM, CRLF line endings, every field quoted, quoted commas,
# quotes and newlines, an unknown extra column (a warning): the variants in
# tests/fixtures/small/variants hold the same records as the plain files
# and must give the same database and the same report
. "$TOP/tests/cli/lib.sh"

load_small plain.db
export_all plain.db plain

V="$SMALL/variants"
ok r var.db init
for k in $KINDS; do
	ok r var.db import "$k" "$V/$k.csv"
	case $k in
	population) extra=source ;;
	families) extra=notes ;;
	people) extra=comments ;;
	*) extra= ;;
	esac
	if [ -n "$extra" ]; then
		grep -qi -e "$extra" err || { cat err >&2; fail "import $k: no warning naming the unknown column '$extra'"; }
	fi
done
export_all var.db var
expect_same_dir plain var

report plain.db plain-la.csv $P1 --by la
report var.db var-la.csv $P1 --by la
expect_same_file plain-la.csv var-la.csv
expect_same_file "$SMALL/expected/la-2025-26.csv" var-la.csv
exit 0
