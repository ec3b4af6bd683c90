/* pack.h: quarterly data packs: the figures of one area's pack, then PDF and XLSX from them
 *
 * A pack is made in two steps, so every format shows the same numbers:
 *
 *   1. pack_basis_compute() reads the store once for a period: the reach
 *      report (reach_compute_data) by LA, cluster, centre and LSOA, the LSOAs'
 *      deprivation and under-5 population, the registered children's
 *      ethnicity and languages per LSOA, and data quality per registering
 *      centre. `reach pack --all` computes it once for every pack.
 *   2. pack_build() takes one area (a centre, a cluster or the LA) and
 *      fills a struct pack: plain numbers and owned strings, nothing that
 *      refers back to the store. Reach figures are copied from the reach
 *      report's rows, never counted again; deprivation figures are sums of
 *      its LSOA rows; new families and families not seen come from
 *      engagement.h.
 *
 * pack_write_pdf() and pack_write_xlsx() only format a struct pack.
 * Area indicators are read by pack_build too (pack_indicators.c);
 * --publish suppression is pack_publish(), a pass over a built struct
 * pack before any writer sees it (pack_publish.c). Trends by quarter
 * (pack_trends.c) and the areas ranked by an LSOA indicator
 * (pack_ranks.c) come from the same basis. Charts are src/chart's.
 *
 * The basis reads the store once: reach_data_load() from the first trend
 * quarter (or FROM) to the end of TO's quarter, then reach_compute_data()
 * for the period by LA, cluster, centre and LSOA and for every quarter by
 * LA, cluster and centre; new families and families not seen come from
 * the same data (engagement.h's _data variants, once for every centre);
 * a pack only adds rows up, so `reach pack --all` scans nothing per pack
 * (the indicators of an area are still read per pack: a small table).
 *
 * Residence and registration: reach, demographics and deprivation count
 * children living in the area's LSOAs (the reach definitions). New
 * families, families not seen and data quality follow the registering
 * centre (families.centre_id), since a family with no known postcode has
 * no LSOA; for the LA they cover every family. Each table says which.
 */
#ifndef REACH_PACK_H
#define REACH_PACK_H

#include <stddef.h>
#include <stdint.h>
#include "../report/reach.h"
#include "../report/engagement.h"
#include "../store/db.h"
#include "../util/buf.h"
#include "../chart/chart.h"

/* main DfE ethnicity codes (WBRI ... NOBT), then "not recorded" */
#define PACK_ETHNIC_GROUPS 21
#define PACK_TOP_LANGUAGES 10
#define PACK_UNSEEN_MONTHS 6

/* one figure of the reach report, without its area */
struct pack_reach {
	int has_population;  /* population known (group all) */
	int64_t population;  /* under-5s living in the area */
	int64_t registered;  /* registered by TO */
	int64_t engaged;     /* attended in the period */
	int64_t sustained;   /* attended >= the sustained number of sessions */
};

/* a labelled count (ethnicity, a language, an IDACI band) */
struct pack_count {
	char *code;      /* code ("WBRI", "en", "1") */
	char *label;     /* readable ("White British", "English", "Decile 1") */
	int64_t count;   /* children */
};

/* reach of a set of LSOAs (a decile, the most deprived 20%) */
struct pack_band {
	char *label;            /* "Decile 1 (most deprived)", "Most deprived 20%" */
	int64_t lsoas;          /* LSOAs in the band */
	struct pack_reach all;  /* sums of the LSOA rows (group all) */
};

/* a bar of the "registered %" chart */
struct pack_bar {
	char *label;    /* area code and name */
	double value;   /* registered %, one decimal */
	int64_t count;  /* registered children it is made from (PACK_SMALL, PACK_HIDDEN) */
	int highlight;  /* this pack's own area */
};

/* one figure of the indicators table shown in a pack */
struct pack_indicator {
	char *indicator;     /* code ("eyfsp_gld") */
	const char *level;   /* "England", "LA", "ward", "LSOA", "LSOAs" (the area's LSOAs summed) */
	char *area_code;     /* the area of the figure ("" for the area's LSOAs summed) */
	char *area_name;     /* its name, or "" */
	char *period;        /* as given ("2024/25") */
	double value;        /* the figure */
	int has_ratio;       /* numerator and denominator given; PACK_SMALL: numerator under 5 (--publish) */
	double numerator, denominator;
	char *unit;          /* "%", "per 10,000", "count" or "" */
	char *source;        /* where it comes from */
	char *published_on;  /* YYYY-MM-DD or "" */
};

/* every ward's figure of one indicator and period, ranked; the area's wards marked */
struct pack_ward_rank {
	char *indicator, *period, *unit, *source;
	struct pack_bar *bars;  /* label "CODE name", value, highlight = a ward of the area */
	size_t nbars;
};

struct pack_quality {
	int64_t children;          /* children (any age) of the families counted */
	int64_t children_no_dob;   /* with no date of birth */
	int64_t children_no_eth;   /* with no ethnicity recorded */
	int64_t families;          /* families counted */
	int64_t families_no_pc;    /* with no postcode */
	int64_t families_unknown_pc; /* postcode not in the postcodes table */
	int64_t people;            /* people (any role) of the families counted */
	int64_t people_dup;        /* of them, in a likely-duplicate pair not yet reviewed */
	int dup_checked;           /* a duplicate check was saved (people_dup is known) */
	int32_t dup_day;           /* the day it ran */
	int dup_stale;             /* the data have changed since */
	int64_t register_rows;     /* attendance register rows imported for the centres' sessions */
	int64_t repeated_rows;     /* of them, repeating a person and session already recorded */
	int repeats_known;         /* an attendance import was logged (the two above are known) */
};

/* live births by calendar year: births whose postcode lies in the area's LSOAs */
#define PACK_BIRTH_YEARS 5
struct pack_births {
	int any;                        /* any birth record imported at all */
	int year[PACK_BIRTH_YEARS];     /* the calendar years, oldest first, the last the year of TO */
	int64_t count[PACK_BIRTH_YEARS]; /* births (the last year up to TO only) */
};

/* one activity's engagement: under-5s living in the area who attended it in the period */
struct pack_activity {
	char *name;            /* activity name */
	int64_t children;      /* distinct registered under-5s resident in the area */
	int64_t attendances;   /* their attendances (one per person per session) */
};

/* a table of text the writers draw as it is (the coverage section) */
struct pack_table {
	char *title;                 /* heading above it */
	char *note;                  /* a line under the heading, or NULL */
	size_t ncols;                /* columns */
	const char *const *headers;  /* their headings (static) */
	const int *right;            /* per column: a number, right-aligned (static) */
	const int *people;           /* per column: counts people (".." when published) (static) */
	const double *widths;        /* per column: width in the PDF, points (static) */
	size_t nrows;                /* rows */
	char **cells;                /* nrows x ncols, owned */
};

/* ---- trends ("turning the curve"): pack_trends.c ---- */
#define PACK_TREND_QUARTERS 12    /* quarters shown, ending with the one holding TO */
#define PACK_FIT_QUARTERS 8       /* the forecast's straight line is fitted to the last 8 */
#define PACK_FORECAST_QUARTERS 4  /* and drawn for the next 4 */
#define PACK_FORECAST_NOTE "Forecast if nothing changes: a straight line fitted to the last 8 quarters " \
	"(least squares; fewer when fewer are known, none with fewer than three), drawn dotted for the next " \
	"four quarters."

/* one calendar quarter: the reach report for its first to its last day */
struct pack_quarter {
	int year, quarter;                    /* quarter 1 is January to March */
	int32_t from, to;                     /* its first and last day */
	struct pack_reach reach[GROUP_COUNT]; /* by reach_group */
};

/* where a percentage goes if nothing changes */
struct pack_forecast {
	int has;                              /* 3 or more points to fit */
	size_t fitted;                        /* points the line is fitted to */
	double c0, c1;                        /* value = c0 + c1 * quarter index (0 = the first shown) */
	double v[PACK_FORECAST_QUARTERS];     /* the next quarters, kept within 0-100 */
};

struct pack_trend {
	struct pack_quarter *q;               /* oldest first */
	size_t n;                             /* quarters (fewer than 12 when the data start later) */
	int32_t data_start;                   /* the first session day known, DATE_NONE if none */
	struct pack_forecast registered;      /* registered % of all under-5s */
	struct pack_forecast engaged;         /* engaged % of all under-5s */
};

/* an indicator with figures for two or more periods: the area's, the LA's, England's */
struct pack_indicator_trend {
	char *indicator, *unit, *source;
	char **periods;                       /* in the order of the indicators table */
	size_t n;
	double *area, *la, *national;         /* NaN where there is no figure */
	char *area_label;                     /* "The area's LSOAs", "Ward W1 Name" */
};

/* ---- the area ranked by an LSOA indicator: pack.c (pack_area_rank_build) ---- */
struct pack_area_rank {
	char *indicator, *period, *unit, *source;
	const char *of;                       /* "centre" or "cluster" */
	struct pack_bar *bars;                /* every centre or cluster, value = its LSOAs summed; this one highlighted */
	double *numerator, *denominator;      /* per bar: the sums */
	size_t nbars;
};

struct pack {
	enum area_type type;     /* AREA_LA, AREA_CLUSTER or AREA_CENTRE */
	char *code;              /* area code (cluster: its name) */
	char *name;              /* area name */
	int32_t from, to;        /* the period, inclusive */
	int32_t made;            /* the day the pack was made */
	int sustained_sessions;  /* sessions that make engagement sustained */
	char *sources;           /* the "data sources" line */

	struct pack_reach reach[GROUP_COUNT]; /* by reach_group */

	/* registered % of the areas inside (a centre's LSOAs, a cluster's
	 * centres, the LA's clusters), then this area, highlighted */
	struct pack_bar *bars;
	size_t nbars;
	const char *bars_of;     /* "LSOA", "centre", "cluster" */

	int64_t age_pop[5];      /* population by year of age, year of TO */
	int64_t age_total;       /* their sum */
	int has_age_pop;         /* any population row for the year */
	int64_t children;        /* registered under-5s living in the area */
	struct pack_count ethnic[PACK_ETHNIC_GROUPS]; /* fixed order */
	struct pack_count *languages; /* the top PACK_TOP_LANGUAGES, then "other" */
	size_t nlanguages;
	int64_t no_language;     /* children whose family has no language recorded */

	struct pack_band deciles[11]; /* IDACI deciles 1-10, then "no decile" */
	struct pack_band bands[3];    /* most deprived 20%, 30%, the rest (deciles 4-10 and none) */

	struct month_count *months;   /* new families each month (registering centre) */
	size_t nmonths;
	int64_t months_families;      /* the period's totals of months[] */
	int64_t months_children;
	int64_t unseen;               /* registered families not seen for 6 months, on TO */

	struct pack_quality quality;  /* by registering centre */
	struct pack_births births;    /* residence: the area's LSOAs */
	struct pack_activity *activities; /* residence, most children first */
	size_t nactivities;
	char **cautions;              /* what the pack cannot be trusted for, one sentence each */
	size_t ncautions;

	struct pack_indicator *indicators; /* the LA's, the area's wards', the area's LSOAs' */
	size_t nindicators;
	struct pack_ward_rank *ward_ranks; /* one per indicator and period with ward figures */
	size_t nward_ranks;

	int published;                /* pack_publish() has suppressed small counts */

	/* best fit and coverage (pack_coverage.c) */
	int best_fit;                 /* a reach area counts part of an LSOA: say so beside the figures */
	struct pack_table *coverage;  /* the coverage section: wards, then LSOAs shared or in no area */
	size_t ncoverage;
	struct pack_trend trend;      /* registered and engaged % by quarter (pack_trends.c) */
	struct pack_indicator_trend *ind_trends; /* indicators with several periods */
	size_t nind_trends;
	struct pack_area_rank *area_ranks; /* centres or clusters ranked by an LSOA indicator */
	size_t narea_ranks;
};

struct pack_basis;  /* what every pack of one period is built from */

/* read the store for the period (opts as for reach_compute; `by` is
 * ignored). NULL and a printed message on a store failure. */
struct pack_basis *pack_basis_compute(struct db *db, const struct reach_opts *o);
void pack_basis_free(struct pack_basis *b);

/* the areas a basis knows: every centre code, every cluster name */
size_t pack_basis_areas(const struct pack_basis *b, enum area_type type, const char ***codes);

/*
 * Build the pack of one area: `code` is a centre code, a cluster name or
 * (for AREA_LA) ignored. Returns 0, 1 if there is no such area (message
 * printed), -1 on a store failure (printed).
 */
int pack_build(struct db *db, const struct pack_basis *b, enum area_type type, const char *code,
	       int32_t made, struct pack *out);
void pack_release(struct pack *p);

/*
 * Publication mode, for packs that leave the LA: one pass over a built
 * pack, before any writer sees it. Every count of people from 1 to 4
 * becomes PACK_SMALL (shown "<5"); then, table by table, any figure from
 * which a suppressed count could be worked out exactly (a total with all
 * its parts but one shown, a band of deciles beside the other bands and
 * deciles, a registered % of an area beside the others and the whole)
 * becomes PACK_HIDDEN (shown ".."): the smallest shown part that stops
 * it, else the total. A percentage of a suppressed count, or of a
 * suppressed denominator, is shown "..". Counts of LSOAs, years and
 * months are not counts of people and stay.
 */
#define PACK_SMALL (-1)
#define PACK_HIDDEN (-2)
#define PACK_PUBLISH_NOTE "Counts from 1 to 4 are shown as <5, so that no child or family can be " \
	"identified, and any figure from which such a count could be worked out (a total, another " \
	"part, a percentage) is shown as .. instead."
void pack_publish(struct pack *p);

/* the indexes of bars in descending order of value, ties in their order (as the
 * charts draw them); malloc'd */
size_t *pack_bar_order(const struct pack_bar *bars, size_t n);

/* add a reach report row's figures (population only where known) */
void pack_reach_add(struct pack_reach *to, const struct reach_row *row);

/* a count as text: the number, "<5" (PACK_SMALL) or ".." (PACK_HIDDEN) */
void pack_num(char out[32], int64_t v);

/* the readable word of a percentage "66.7%", "" with no denominator, ".."
 * when the count or the denominator is suppressed */
void pack_pct(char out[32], int64_t count, int64_t of);

/* every row of the indicators table with its area's name, read once for every pack */
struct pack_ind_rows;
struct pack_ind_rows *pack_indicator_rows_load(struct db *db); /* NULL on failure (printed) */
void pack_indicator_rows_free(struct pack_ind_rows *rows);
/* used by pack_build: the indicators of the area whose LSOAs are `lsoas` (in `wards`):
 * the LA's figures (and England's), its wards', its LSOAs' summed when each has a
 * numerator and denominator, else listed; and every ward ranked for each indicator
 * and period with a figure for one of its wards. shares (NULL: all whole) are each
 * LSOA's share in the area in millionths, by which its numerator and denominator
 * count in the sum */
void pack_indicators_build(const struct pack_ind_rows *rows, struct pack *p, const char *const *lsoas,
			   const int32_t *shares, const char *const *wards, size_t nlsoas);
void pack_indicator_release(struct pack_indicator *i);
void pack_ward_rank_release(struct pack_ward_rank *w);

/* ---- trends (pack_trends.c) ---- */
struct reach_data;
struct pack_trend_basis;  /* the reach report of every quarter, by LA, cluster and centre */
/* the first day of the first trend quarter: 11 quarters before TO's, or the
 * quarter of data_start (the first session day) when that is later */
int32_t pack_trend_first_day(int32_t to, int32_t data_start);
/* the last day of the quarter holding `to` */
int32_t pack_trend_last_day(int32_t to);
/* the quarters' reports from data loaded for first_day..pack_trend_last_day(o->to); NULL on failure (printed) */
struct pack_trend_basis *pack_trend_basis_compute(const struct reach_data *d, const struct reach_opts *o,
						  int32_t first_day, int32_t data_start);
void pack_trend_basis_free(struct pack_trend_basis *tb);
/* fill p->trend for one area (as pack_build names it) */
void pack_trend_build(const struct pack_trend_basis *tb, enum area_type type, const char *code, struct pack *p);
/* the percentage of a quarter's figure, NaN with no population or a suppressed count */
double pack_trend_pct(int64_t count, const struct pack_reach *r);
/* fit a straight line to the last PACK_FIT_QUARTERS finite values of y[0..n) (gsl_fit_linear) */
void pack_forecast_fit(const double *y, size_t n, struct pack_forecast *f);
/* p->ind_trends from p->indicators: every indicator with figures for 2 or more periods */
void pack_indicator_trends_build(struct pack *p);
/* counts of 1-4 in the trend become PACK_SMALL (called by pack_publish) */
void pack_trend_publish(struct pack *p);
void pack_trend_release(struct pack *p);

/* ---- areas ranked by an LSOA indicator (pack_ranks.c) ---- */
struct strmap;
/* the areas a ranking compares: each with its LSOAs (indexes into the basis' LSOAs, CSR) */
struct pack_rank_areas {
	size_t n;
	const char *const *codes;   /* centre codes or cluster names */
	const char *const *labels;  /* "CODE name" */
	const size_t *lsoa_start;   /* n + 1 */
	const size_t *lsoa;         /* LSOA indexes, each once per area */
	const int32_t *share;       /* per entry of lsoa: the area's share of it, millionths (NULL: whole) */
};
struct pack_rank_basis;
/* read every LSOA figure with a numerator and denominator once and sum them for every
 * centre and cluster (an area counts only when each of its LSOAs has one); NULL on failure (printed) */
struct pack_rank_basis *pack_rank_basis_compute(struct db *db, const struct strmap *lsoa_index, size_t nlsoas,
						const struct pack_rank_areas *centres,
						const struct pack_rank_areas *clusters);
void pack_rank_basis_free(struct pack_rank_basis *rb);
/* p->area_ranks for a centre or cluster pack: one per indicator and period where its own figure exists */
void pack_area_ranks_build(const struct pack_rank_basis *rb, enum area_type type, const char *code,
			   struct pack *p);
void pack_area_ranks_publish(struct pack *p);
void pack_area_ranks_release(struct pack *p);

/*
 * Used by pack_build: the coverage section (pack_coverage.c). The wards
 * touching the area (any of whose LSOAs the area holds; the LA: every
 * ward), with their under-5s inside reach areas; for a centre, its LSOAs
 * that other centres hold too; for the LA, the LSOAs in no reach area and
 * in two or more. `centres` are the area's centre codes (NULL: the LA).
 * 0 or -1 (printed).
 */
struct coverage;
/* from the coverage of the pack's year, computed once for every pack (coverage_compute) */
void pack_coverage_build(const struct coverage *c, struct pack *p, const char *const *centres, size_t ncentres);
void pack_table_release(struct pack_table *t);
/* for pack_publish(): the coverage tables' counts of people become ".." */
void pack_coverage_publish(struct pack *p);
/* the note each best-fit table carries */
#define PACK_BEST_FIT_NOTE REACH_BEST_FIT_NOTE
/*
 * The later sections (pack_sections.c): live births, engagement by
 * activity, possible duplicates, and what a pack cannot be trusted for.
 * pack_basis_compute() reads their figures once with pack_extra_load()
 * (one grouped query each: births by LSOA and year, attendance by person
 * and activity; the matching engine over every person once); pack_build()
 * adds an area's with pack_extra_build() and pack_extra_quality(), then
 * pack_cautions_build() once every figure is in.
 */
struct pack_extra;
/* people and likely duplicates by registering centre, the same for every
 * period: a server works them out once per data generation */
struct pack_dups;
struct pack_dups *pack_dups_compute(struct db *db); /* NULL on failure (printed) */
void pack_dups_free(struct pack_dups *d);
/* pack_basis_compute() with the duplicates worked out already (copied) */
struct pack_basis *pack_basis_compute_dups(struct db *db, const struct reach_opts *o,
					   const struct pack_dups *dups);
/* `dups` NULL: work them out */
struct pack_extra *pack_extra_load(struct db *db, const struct reach_opts *o, const struct strmap *lsoa_index,
				   size_t nlsoas, const struct pack_dups *dups);
void pack_extra_free(struct pack_extra *x);
/* births and activities of the LSOAs with a share in `in` (millionths, 0: not in the area) */
void pack_extra_build(const struct pack_extra *x, struct pack *p, const int32_t *in);
/* people and possible duplicates of the families registered at a centre (-1: at none) */
void pack_extra_quality(const struct pack_extra *x, int64_t centre_id, struct pack_quality *q);
void pack_cautions_build(struct pack *p);
void pack_extra_release(struct pack *p);

/* the later sections' words, the same in every format */
#define PACK_ACTIVITY_TITLE "Engagement by activity (children living in the area)"
#define PACK_ACTIVITY_NOTE "Registered under-5s living in the area's LSOAs (by residence, as reach " \
	"counts them) who attended a session of each activity in the period at any centre, and their " \
	"attendances. A child who went to several activities counts once in each, so the column does " \
	"not add up to the engaged children."
#define PACK_ACTIVITY_NONE "No child living in the area attended a session in the period."
#define PACK_BIRTHS_TITLE "Live births by year"
#define PACK_BIRTHS_NOTE "Birth records (reach import births) whose postcode lies in the area's LSOAs, " \
	"by calendar year of birth."
#define PACK_BIRTHS_NONE "No birth records have been imported, so live births cannot be shown."
#define PACK_DUP_LABEL "People in likely duplicate pairs not yet reviewed"
#define PACK_DUP_NOTE "Likely duplicates are the pairs the review queue lists (the matching engine over " \
	"every person); people are counted by their family's registering centre."
/* PACK_DUP_NOTE with the day of the duplicate check it comes from */
void pack_dup_note(const struct pack_quality *q, char *out, size_t n);
#define PACK_REPEATS_LABEL "Repeated attendance register rows"
#define PACK_REPEATS_NOTE "A repeated register row names a person and session already recorded, and " \
	"counts once. They are counted as attendance files are imported, by the session's centre, over " \
	"every date in those files (not only the period); a file imported again counts nothing."
#define PACK_CAUTIONS_TITLE "What this pack cannot be trusted for"
/* a year of the births table: "2026", or "2026 (to 31 March)" when the period ends before the year */
void pack_birth_year_label(const struct pack *p, int i, char *out, size_t n);

/* ---- the charts of trends and rankings, the same in every format (pack_charts.c) ---- */
void pack_quarter_label(char *out, size_t n, int year, int quarter); /* "2025 Q3" */
/* the words above the trend chart: how many quarters, the forecast */
void pack_trend_intro(char *out, size_t n, const struct pack_trend *t);
struct pack_trend_chart {
	struct chart_lines c;        /* registered and engaged %, the forecast dotted */
	struct chart_series s[2];
	char (*labels)[16];
	const char **xl;
	double *reg, *eng;
};
void pack_trend_chart_init(struct pack_trend_chart *tc, const struct pack_trend *t);
void pack_trend_chart_release(struct pack_trend_chart *tc);
struct pack_ind_trend_chart {
	struct chart_lines c;        /* the area's, the LA's and England's lines (no allocation) */
	struct chart_series s[3];
	char title[512];
};
void pack_ind_trend_chart_init(struct pack_ind_trend_chart *ic, const struct pack_indicator_trend *t);
void pack_ward_rank_title(char *out, size_t n, const struct pack_ward_rank *wr);
void pack_area_rank_title(char *out, size_t n, const struct pack_area_rank *ar);
/* bar i of a ranking as table cells: "67.5%" and "27 of 40" ("..", "<5 of 40" when suppressed) */
void pack_area_rank_cells(const struct pack_area_rank *ar, size_t i, char value[64], char number[96]);

/* write the pack; 0, or -1 with a message printed */
int pack_write_pdf(const struct pack *p, const char *path);
int pack_write_xlsx(const struct pack *p, const char *path);

/*
 * The pack as HTML, appended to `out` through the escaping writer
 * (src/web/html.h): every section of the PDF in the same order with the
 * same numbers, tables as GOV.UK tables, charts as inline SVG.
 * PACK_HTML_DOCUMENT writes a whole printable page with its stylesheet
 * inline (the embedded /assets/pack.css: A4, each section on a new page),
 * needing nothing else; PACK_HTML_FRAGMENT writes the pack alone, for a
 * page of the web application that links the stylesheet itself.
 */
enum pack_html_mode { PACK_HTML_DOCUMENT, PACK_HTML_FRAGMENT };
void pack_write_html(const struct pack *p, struct buf *out, enum pack_html_mode mode);
/* the document to a file; 0, or -1 with a message printed */
int pack_write_html_file(const struct pack *p, const char *path);

/* words the writers share (pack_text.c) */
const char *pack_group_label(enum reach_group g);   /* "All children under 5" ... */
const char *pack_month_name(int month);             /* 1-12: "January" ... */
void pack_long_date(char *out, size_t n, int32_t day); /* "1 April 2025" */
const char *pack_type_title(enum area_type t);      /* "Children's centre data pack" ... */
/* an indicator's figure with its unit: "67.5%", "12.3 per 10,000", "540" */
void pack_indicator_value(char *out, size_t n, double v, const char *unit);
/* the Ofsted words of a registered %, ".." when either count is suppressed */
const char *pack_ofsted_words(int64_t registered, int64_t population);
/* the rows of the "households and circumstances" table */
#define PACK_CIRCUMSTANCES 5
struct pack_circumstance {
	enum reach_group group;
	const char *label;   /* "In lone-parent households" */
};
extern const struct pack_circumstance pack_circumstances[PACK_CIRCUMSTANCES];
/* the rows of the data quality table */
#define PACK_QUALITY_ROWS 6
struct pack_quality_row {
	const char *label;   /* "Children with no date of birth" */
	int64_t n, of;       /* records, of how many */
	int unknown;         /* not checked: no figure */
	const char *note;    /* what the row counts, when the table's words do not say; or NULL */
};
void pack_quality_rows(const struct pack_quality *q, struct pack_quality_row rows[PACK_QUALITY_ROWS]);
/* an indicator's cells as text: its area, value, "numerator of denominator" and source */
struct pack_indicator_text {
	char area[200], value[64], number[80], source[300];
};
void pack_indicator_text(const struct pack_indicator *ind, struct pack_indicator_text *t);
/* free the font caches PDF writing built (pango, cairo, fontconfig), at
 * exit, so a leak checker sees only real leaks; writing again rebuilds them */
void pack_pdf_shutdown(void);

#endif
