/* model.c: interchange kinds, columns and code lists */
#include "model.h"
#include "../util/util.h"
#include "../util/text.h"

#define COLS(a) a, ARRAY_LEN(a)

static const struct column lsoa_cols[] = {
	{ "lsoa_code", COL_CODE, 1, 0, 0 },   { "lsoa_name", COL_TEXT, 0, 0, 0 },
	{ "ward_code", COL_CODE, 1, 0, 0 },   { "ward_name", COL_TEXT, 0, 0, 0 },
	{ "la_code", COL_CODE, 1, 0, 0 },     { "la_name", COL_TEXT, 0, 0, 0 },
	{ "idaci_decile", COL_INT, 0, 1, 10 }, { "imd_decile", COL_INT, 0, 1, 10 },
};
static const struct column postcode_cols[] = {
	{ "postcode", COL_POSTCODE, 1, 0, 0 },
	{ "lsoa_code", COL_CODE, 1, 0, 0 },
};
static const struct column population_cols[] = {
	{ "lsoa_code", COL_CODE, 1, 0, 0 },
	{ "year", COL_INT, 1, 1900, 2200 },
	{ "age", COL_INT, 1, 0, 4 },
	{ "count", COL_INT, 1, 0, 1000000 },
};
static const struct column centre_cols[] = {
	{ "centre_code", COL_CODE, 1, 0, 0 },
	{ "name", COL_TEXT, 1, 0, 0 },
	{ "cluster", COL_TEXT, 0, 0, 0 },
	{ "postcode", COL_POSTCODE, 0, 0, 0 },
};
static const struct column reach_area_cols[] = {
	{ "centre_code", COL_CODE, 1, 0, 0 },
	{ "lsoa_code", COL_CODE, 1, 0, 0 },
	/* best fit: the share of the LSOA's under-5s inside the area (empty = all) */
	{ "share", COL_SHARE, 0, 0, 0 },
};
static const struct column family_cols[] = {
	{ "family_id", COL_ID, 1, 0, 0 },   { "postcode", COL_POSTCODE, 0, 0, 0 },
	{ "lone_parent", COL_FLAG, 0, 0, 0 }, { "workless", COL_FLAG, 0, 0, 0 },
	{ "centre_code", COL_CODE, 0, 0, 0 },
};
static const struct column people_cols[] = {
	{ "person_id", COL_ID, 1, 0, 0 },
	{ "family_id", COL_ID, 1, 0, 0 },
	{ "role", COL_ROLE, 1, 0, 0 },
	{ "relationship", COL_RELATIONSHIP, 0, 0, 0 },
	{ "first_name", COL_TEXT, 1, 0, 0 },
	{ "last_name", COL_TEXT, 1, 0, 0 },
	{ "date_of_birth", COL_DATE, 0, 0, 0 },
	{ "sex", COL_SEX, 0, 0, 0 },
	{ "ethnicity", COL_ETHNICITY, 0, 0, 0 },
	{ "languages", COL_LANGUAGES, 0, 0, 0 },
	{ "disabled", COL_FLAG, 0, 0, 0 },
	{ "registered_on", COL_DATE, 1, 0, 0 },
};
static const struct column attendance_cols[] = {
	{ "person_id", COL_ID, 1, 0, 0 },
	{ "centre_code", COL_CODE, 1, 0, 0 },
	{ "activity", COL_ACTIVITY, 1, 0, 0 },
	{ "date", COL_DATE, 1, 0, 0 },
};
static const struct column birth_cols[] = {
	{ "birth_id", COL_ID, 1, 0, 0 },
	{ "first_name", COL_TEXT, 0, 0, 0 },
	{ "last_name", COL_TEXT, 1, 0, 0 },
	{ "date_of_birth", COL_DATE, 1, 0, 0 },
	{ "sex", COL_SEX, 0, 0, 0 },
	{ "postcode", COL_POSTCODE, 0, 0, 0 },
	{ "mother_first_name", COL_TEXT, 0, 0, 0 },
	{ "mother_last_name", COL_TEXT, 0, 0, 0 },
	{ "mother_date_of_birth", COL_DATE, 0, 0, 0 },
};

static const struct column indicator_cols[] = {
	{ "indicator", COL_CODE, 1, 0, 0 },
	{ "area_type", COL_AREA_TYPE, 1, 0, 0 },
	{ "area_code", COL_CODE, 1, 0, 0 },
	{ "period", COL_TEXT, 1, 0, 0 },
	{ "value", COL_NUMBER, 1, 0, 0 },
	{ "numerator", COL_NUMBER, 0, 0, 0 },
	{ "denominator", COL_NUMBER, 0, 0, 0 },
	{ "unit", COL_TEXT, 0, 0, 0 },
	{ "source", COL_TEXT, 1, 0, 0 },
	{ "published_on", COL_DATE, 0, 0, 0 },
};

const struct kind kinds[KIND_COUNT] = {
	{ KIND_LSOAS, "lsoas", COLS(lsoa_cols), NULL },
	{ KIND_POSTCODES, "postcodes", COLS(postcode_cols), NULL },
	{ KIND_POPULATION, "population", COLS(population_cols), "lsoas" },
	{ KIND_CENTRES, "centres", COLS(centre_cols), NULL },
	{ KIND_REACH_AREAS, "reach_areas", COLS(reach_area_cols), "centres and lsoas" },
	{ KIND_FAMILIES, "families", COLS(family_cols), "centres" },
	{ KIND_PEOPLE, "people", COLS(people_cols), "families" },
	{ KIND_ATTENDANCE, "attendance", COLS(attendance_cols), "people and centres" },
	{ KIND_BIRTHS, "births", COLS(birth_cols), NULL },
	{ KIND_INDICATORS, "indicators", COLS(indicator_cols), "lsoas" },
};

const struct kind *kind_find(const char *name)
{
	for (size_t i = 0; i < KIND_COUNT; i++)
		if (!strcmp(kinds[i].name, name))
			return &kinds[i];
	return NULL;
}

const char *kind_names(void)
{
	return "lsoas, postcodes, population, centres, reach_areas, families, people, attendance, births, "
	       "indicators";
}

/*
 * DfE ethnicity codes (school census and early years census): the main
 * codes, then the extended codes with the main code each rolls up to.
 */
static const struct {
	const char *code; /* as recorded */
	const char *main; /* main category */
} ethnicities[] = {
	{ "WBRI", "WBRI" }, { "WIRI", "WIRI" }, { "WIRT", "WIRT" }, { "WOTH", "WOTH" },
	{ "WROM", "WROM" }, { "MWBC", "MWBC" }, { "MWBA", "MWBA" }, { "MWAS", "MWAS" },
	{ "MOTH", "MOTH" }, { "AIND", "AIND" }, { "APKN", "APKN" }, { "ABAN", "ABAN" },
	{ "AOTH", "AOTH" }, { "BCRB", "BCRB" }, { "BAFR", "BAFR" }, { "BOTH", "BOTH" },
	{ "CHNE", "CHNE" }, { "OOTH", "OOTH" }, { "REFU", "REFU" }, { "NOBT", "NOBT" },
	/* White British */
	{ "WENG", "WBRI" }, { "WSCO", "WBRI" }, { "WWEL", "WBRI" }, { "WCOR", "WBRI" },
	{ "WOWB", "WBRI" },
	/* any other White background */
	{ "WALB", "WOTH" }, { "WBOS", "WOTH" }, { "WCRO", "WOTH" }, { "WGRE", "WOTH" },
	{ "WGRK", "WOTH" }, { "WGRC", "WOTH" }, { "WITA", "WOTH" }, { "WKOS", "WOTH" },
	{ "WPOR", "WOTH" }, { "WSER", "WOTH" }, { "WTUR", "WOTH" }, { "WTUK", "WOTH" },
	{ "WTUC", "WOTH" }, { "WEUR", "WOTH" }, { "WEEU", "WOTH" }, { "WWEU", "WOTH" },
	{ "WOTW", "WOTH" }, { "WPOL", "WOTH" }, { "WLIT", "WOTH" }, { "WLAT", "WOTH" },
	{ "WRUS", "WOTH" }, { "WUKR", "WOTH" }, { "WROU", "WOTH" }, { "WBUL", "WOTH" },
	{ "WSLO", "WOTH" }, { "WCZE", "WOTH" }, { "WHUN", "WOTH" },
	/* Gypsy / Roma */
	{ "WROG", "WROM" }, { "WROR", "WROM" }, { "WROO", "WROM" },
	/* Mixed */
	{ "MWCB", "MWBC" }, { "MWAF", "MWBA" }, { "MWAP", "MWAS" }, { "MWAI", "MWAS" },
	{ "MWAO", "MWAS" }, { "MABL", "MOTH" }, { "MACH", "MOTH" }, { "MAOE", "MOTH" },
	{ "MBOE", "MOTH" }, { "MCOE", "MOTH" }, { "MWOE", "MOTH" }, { "MOTM", "MOTH" },
	/* Asian */
	{ "AMPK", "APKN" }, { "AKPA", "APKN" }, { "AOPK", "APKN" }, { "ANEP", "AOTH" },
	{ "ASLT", "AOTH" }, { "ASNL", "AOTH" }, { "ASRO", "AOTH" }, { "AKAO", "AOTH" },
	{ "AAFR", "AOTH" }, { "AOTA", "AOTH" },
	/* Black */
	{ "BANN", "BAFR" }, { "BCON", "BAFR" }, { "BGHA", "BAFR" }, { "BNGN", "BAFR" },
	{ "BSLN", "BAFR" }, { "BSOM", "BAFR" }, { "BSUD", "BAFR" }, { "BAOF", "BAFR" },
	{ "BEUR", "BOTH" }, { "BNAM", "BOTH" }, { "BOTB", "BOTH" },
	/* Chinese */
	{ "CHKC", "CHNE" }, { "CMAL", "CHNE" }, { "CTWN", "CHNE" }, { "COCH", "CHNE" },
	/* any other ethnic group */
	{ "OAFG", "OOTH" }, { "OARA", "OOTH" }, { "OEGY", "OOTH" }, { "OFIL", "OOTH" },
	{ "OIRN", "OOTH" }, { "OIRQ", "OOTH" }, { "OJPN", "OOTH" }, { "OKOR", "OOTH" },
	{ "OKRD", "OOTH" }, { "OLAM", "OOTH" }, { "OLEB", "OOTH" }, { "OLIB", "OOTH" },
	{ "OMAL", "OOTH" }, { "OMRC", "OOTH" }, { "OPOL", "OOTH" }, { "OTHA", "OOTH" },
	{ "OVIE", "OOTH" }, { "OYEM", "OOTH" }, { "OOEG", "OOTH" }, { "OSYR", "OOTH" },
};

int ethnicity_valid(const char *code)
{
	for (size_t i = 0; i < ARRAY_LEN(ethnicities); i++)
		if (!strcmp(ethnicities[i].code, code))
			return 1;
	return 0;
}

const char *ethnicity_main(const char *code)
{
	for (size_t i = 0; i < ARRAY_LEN(ethnicities); i++)
		if (!strcmp(ethnicities[i].code, code))
			return ethnicities[i].main;
	return code;
}

int ethnicity_minority(const char *code)
{
	const char *m;

	if (!code || !*code)
		return 0;
	m = ethnicity_main(code);
	return strcmp(m, "WBRI") && strcmp(m, "REFU") && strcmp(m, "NOBT");
}

int language_valid(const char *code, size_t len)
{
	if (len < 2 || len > 3)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = code[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
	}
	return 1;
}
