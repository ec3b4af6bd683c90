/* cmd_find.c: `reach find TEXT` */
#include "cli.h"
#include "../search/search.h"
#include "../util/buf.h"

int cmd_find(struct cli *c)
{
	struct buf text = BUF_INIT, out = BUF_INIT;
	struct find_result res;
	struct db *db;
	int ret = ST_BAD_INPUT;

	memset(&res, 0, sizeof(res));
	for (int i = 0; i < c->argc; i++) {
		if (i)
			buf_addch(&text, ' ');
		buf_adds(&text, c->argv[i]);
	}
	if (!text.len)
		cli_usage_error("find", "needs something to look for: a surname, postcode or family ID");
	db = cli_open_db(c);
	if (find_families(db, text.data, 50, &res))
		goto out;
	find_print(&res, &out);
	fwrite(out.data, 1, out.len, stdout);
	ret = ST_OK;
out:
	find_result_release(&res);
	buf_release(&text);
	buf_release(&out);
	db_close(&db);
	return ret;
}
