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

const struct pack_circumstance pack_circumstances[PACK_CIRCUMSTANCES] = {
	{ GROUP_LONE_PARENT, "In lone-parent households" },
	{ GROUP_WORKLESS, "In workless households" },
	{ GROUP_TEENAGE_MOTHER, "Of teenage mothers" },
	{ GROUP_DISABLED_CHILD, "Disabled children" },
	{ GROUP_DISABLED_PARENT, "With a disabled parent" },
};

void pack_quality_rows(const struct pack_quality *q, struct pack_quality_row rows[PACK_QUALITY_ROWS])
{
	const struct pack_quality_row r[PACK_QUALITY_ROWS] = {
		{ "Children with no date of birth", q->children_no_dob, q->children, 0, NULL },
		{ "Children with no ethnicity recorded", q->children_no_eth, q->children, 0, NULL },
		{ "Families with no postcode", q->families_no_pc, q->families, 0, NULL },
		{ "Families whose postcode is not in the postcode table", q->families_unknown_pc, q->families, 0,
		  NULL },
		{ PACK_DUP_LABEL, q->people_dup, q->people, !q->dup_checked, NULL },
		{ PACK_REPEATS_LABEL, q->repeated_rows, q->register_rows, !q->repeats_known, PACK_REPEATS_NOTE },
	};

	memcpy(rows, r, sizeof(r));
}

void pack_indicator_text(const struct pack_indicator *ind, struct pack_indicator_text *t)
{
	snprintf(t->area, sizeof(t->area), "%s%s%s", ind->area_code,
		 *ind->area_code && *ind->area_name ? " " : "", ind->area_name);
	t->number[0] = '\0';
	if (ind->has_ratio == PACK_SMALL) {
		snprintf(t->value, sizeof(t->value), "..");
		snprintf(t->number, sizeof(t->number), "<5 of %.15g", ind->denominator);
	} else {
		pack_indicator_value(t->value, sizeof(t->value), ind->value, ind->unit);
		if (ind->has_ratio)
			snprintf(t->number, sizeof(t->number), "%.15g of %.15g", ind->numerator, ind->denominator);
	}
	snprintf(t->source, sizeof(t->source), "%s%s%s%s", ind->source, *ind->published_on ? " (published " : "",
		 ind->published_on, *ind->published_on ? ")" : "");
}

void pack_dup_note(const struct pack_quality *q, char *out, size_t n)
{
	char day[40];

	if (!q->dup_checked) {
		snprintf(out, n, "%s No duplicate check has been run yet (reach dedupe, or the review of "
			 "duplicates), so the figure is not known.", PACK_DUP_NOTE);
		return;
	}
	pack_long_date(day, sizeof(day), q->dup_day);
	snprintf(out, n, "%s From the duplicate check of %s%s.", PACK_DUP_NOTE, day,
		 q->dup_stale ? "; the data have changed since" : ", on the data as they are now");
}
