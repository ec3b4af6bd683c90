/* pack_text.c: the words every pack writer shares (group names, dates, titles), so formats agree */
#include "pack.h"
#include "../util/date.h"

#include <stdio.h>
#include <string.h>

static const char *const group_labels[GROUP_COUNT] = {
	"All children under 5", "Teenage mothers", "Lone parents", "Workless households",
	"Minority ethnic", "Disabled children", "Disabled parents", "Fathers",
};

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

const char *pack_group_label(enum reach_group g)
{
	return g >= 0 && g < GROUP_COUNT ? group_labels[g] : "";
}

const char *pack_month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month - 1] : "";
}

void pack_long_date(char *out, size_t n, int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, n, "%d %s %d", d, pack_month_name(m), y);
}

const char *pack_type_title(enum area_type t)
{
	return t == AREA_CENTRE ? "Children's centre data pack"
	       : t == AREA_CLUSTER ? "Cluster profile" : "Local authority data pack";
}

void pack_indicator_value(char *out, size_t n, double v, const char *unit)
{
	if (!strcmp(unit, "%"))
		snprintf(out, n, "%.1f%%", v);
	else if (*unit && strcmp(unit, "count"))
		snprintf(out, n, "%.1f %s", v, unit);
	else
		snprintf(out, n, "%.15g", v);
}

const char *pack_ofsted_words(int64_t registered, int64_t population)
{
	if (registered < 0 || population < 0)
		return "..";
	return ofsted_words(reach_pct_whole(registered, population));
}

void pack_birth_year_label(const struct pack *p, int i, char *out, size_t n)
{
	char day[40];
	int y, m, d;

	date_to_ymd(p->to, &y, &m, &d);
	if (i == PACK_BIRTH_YEARS - 1 && !(m == 12 && d == 31)) {
		pack_long_date(day, sizeof(day), p->to);
		snprintf(out, n, "%d (to %s)", p->births.year[i], day);
	} else {
		snprintf(out, n, "%d", p->births.year[i]);
	}
}
