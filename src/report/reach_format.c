/* reach_format.c: the reach report as CSV, JSON and a terminal table */
#include "reach.h"
#include "../csv/csv.h"
#include "../util/date.h"

static const char *const header[] = {
	"area_type", "area_code", "group", "population", "registered", "engaged",
	"sustained", "registered_pct", "engaged_pct", "registered_words",
};

/* the text of each column of a row, as the CSV shows it ("" = empty) */
struct cells {
	char v[10][32]; /* numbers and words */
	const char *p[10];
};

static void fmt_pct(char *out, size_t n, int64_t count, int64_t pop)
{
	int64_t t = reach_pct_tenths(count, pop);

	snprintf(out, n, "%lld.%lld", (long long)(t / 10), (long long)(t % 10));
}

static void row_cells(const struct reach_row *row, struct cells *c)
{
	int full = row->group == GROUP_ALL && row->type != AREA_UNKNOWN && row->has_population;

	memset(c, 0, sizeof(*c));
	c->p[0] = area_type_name(row->type);
	c->p[1] = row->code;
	c->p[2] = reach_group_name(row->group);
	if (full)
		snprintf(c->v[3], sizeof(c->v[3]), "%lld", (long long)row->population);
	snprintf(c->v[4], sizeof(c->v[4]), "%lld", (long long)row->registered);
	snprintf(c->v[5], sizeof(c->v[5]), "%lld", (long long)row->engaged);
	snprintf(c->v[6], sizeof(c->v[6]), "%lld", (long long)row->sustained);
	if (full) {
		fmt_pct(c->v[7], sizeof(c->v[7]), row->registered, row->population);
		fmt_pct(c->v[8], sizeof(c->v[8]), row->engaged, row->population);
		snprintf(c->v[9], sizeof(c->v[9]), "%s",
			 ofsted_words(reach_pct_whole(row->registered, row->population)));
	}
	for (int i = 3; i < 10; i++)
		c->p[i] = c->v[i];
}

void reach_write_csv(const struct reach_report *r, struct buf *out)
{
	struct cells c;

	const char *head[ARRAY_LEN(header) + 1];
	size_t n = ARRAY_LEN(header);

	/* best_fit is a trailing column, there only when some area is best fit,
	 * so reports of whole LSOAs keep the contract's columns exactly */
	memcpy(head, header, sizeof(header));
	head[n] = "best_fit";
	csv_add_row(out, head, n + (r->best_fit ? 1 : 0));
	for (size_t i = 0; i < r->nrows; i++) {
		const char *p[ARRAY_LEN(header) + 1];

		row_cells(&r->rows[i], &c);
		memcpy(p, c.p, sizeof(c.p));
		p[n] = r->rows[i].best_fit ? "y" : "";
		csv_add_row(out, p, n + (r->best_fit ? 1 : 0));
	}
}

void report_json_string(struct buf *out, const char *s)
{
	buf_addch(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			buf_addf(out, "\\%c", ch);
		else if (ch < 0x20)
			buf_addf(out, "\\u%04x", ch);
		else
			buf_addch(out, (char)ch);
	}
	buf_addch(out, '"');
}

void reach_write_json(const struct reach_report *r, struct buf *out)
{
	struct cells c;

	buf_adds(out, "[");
	for (size_t i = 0; i < r->nrows; i++) {
		row_cells(&r->rows[i], &c);
		buf_adds(out, i ? ",\n {" : "\n {");
		for (size_t k = 0; k < ARRAY_LEN(header); k++) {
			if (k)
				buf_adds(out, ", ");
			report_json_string(out, header[k]);
			buf_adds(out, ": ");
			if (!*c.p[k])
				buf_adds(out, "null");
			else if (k >= 3 && k <= 8)
				buf_adds(out, c.p[k]);
			else
				report_json_string(out, c.p[k]);
		}
		if (r->best_fit)
			buf_adds(out, r->rows[i].best_fit ? ", \"best_fit\": true" : ", \"best_fit\": false");
		buf_adds(out, "}");
	}
	buf_adds(out, r->nrows ? "\n]\n" : "]\n");
}

/* display width of UTF-8 text: one column per code point */
size_t report_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void report_pad(struct buf *out, const char *s, size_t w, int right)
{
	size_t n = report_width(s);

	if (right)
		for (; n < w; n++)
			buf_addch(out, ' ');
	buf_adds(out, s);
	if (!right)
		for (; n < w; n++)
			buf_addch(out, ' ');
}

void reach_write_table(const struct reach_report *r, struct buf *out)
{
	static const char *const titles[] = {
		"area", "group", "under 5s", "registered", "%", "engaged", "%", "sustained", "registered in words",
	};
	size_t w[ARRAY_LEN(titles)];
	struct cells c;
	char from[11], to[11];

	for (size_t k = 0; k < ARRAY_LEN(titles); k++)
		w[k] = report_width(titles[k]);
	for (size_t i = 0; i < r->nrows; i++) {
		const struct reach_row *row = &r->rows[i];
		const char *area = row->type == AREA_UNKNOWN ? "unknown LSOA" : row->code;
		size_t cols[] = { 1, 2, 3, 4, 7, 5, 8, 6, 9 };
		row_cells(row, &c);
		if (report_width(area) + (row->best_fit ? 2 : 0) > w[0])
			w[0] = report_width(area) + (row->best_fit ? 2 : 0);
		for (size_t k = 1; k < ARRAY_LEN(titles); k++)
			if (report_width(c.p[cols[k]]) > w[k])
				w[k] = report_width(c.p[cols[k]]);
	}
	date_format(r->opts.from, from);
	date_format(r->opts.to, to);
	buf_addf(out, "Reach by %s, %s to %s (sustained: %d or more sessions)\n\n",
		 area_type_name(r->opts.by), from, to, r->opts.sustained);
	for (size_t k = 0; k < ARRAY_LEN(titles); k++) {
		if (k)
			buf_adds(out, "  ");
		report_pad(out, titles[k], w[k], k >= 2 && k <= 7);
	}
	buf_addch(out, '\n');
	for (size_t i = 0; i < r->nrows; i++) {
		const struct reach_row *row = &r->rows[i];
		size_t cols[] = { 1, 2, 3, 4, 7, 5, 8, 6, 9 };
		char marked[256];
		row_cells(row, &c);
		if (row->group == GROUP_ALL && i)
			buf_addch(out, '\n');
		snprintf(marked, sizeof(marked), "%s *", row->code);
		for (size_t k = 0; k < ARRAY_LEN(titles); k++) {
			const char *v = c.p[cols[k]];
			if (k == 0)
				v = row->group != GROUP_ALL ? "" : row->type == AREA_UNKNOWN ? "unknown LSOA"
				    : row->best_fit ? marked : row->code;
			if (k)
				buf_adds(out, "  ");
			report_pad(out, v, w[k], k >= 2 && k <= 7);
		}
		while (out->len && out->data[out->len - 1] == ' ')
			buf_setlen(out, out->len - 1);
		buf_addch(out, '\n');
	}
	if (r->best_fit)
		buf_addf(out, "\n* %s\n", REACH_BEST_FIT_NOTE);
}
