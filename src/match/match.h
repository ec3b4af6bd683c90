/* match.h: finding the same person twice (Fellegi-Sunter record matching)
 *
 * The engine compares records field by field, turns each comparison into a
 * level ("exact", "one typo", "sounds alike", ... "different"), learns from
 * the unlabelled data how likely each level is among true matches (m) and
 * among non-matches (u), and adds the evidence up into a match weight and
 * a match probability per candidate pair. Pairs above a threshold are
 * joined into clusters: one cluster is one person. docs/matching.md says
 * how to read the results.
 *
 * The steps, and the files that do them:
 *   config.c   the fields (struct match_spec), the config file of the
 *              generic mode, reading any CSV into a record set
 *   compare.c  string comparators (Jaro, Jaro-Winkler, Damerau-Levenshtein),
 *              the comparison level of each field kind, the memo of name
 *              levels for comparing many pairs
 *   variants.c the name-variant table (nicknames, transliterations)
 *   block.c    blocking rules: candidate pairs, several rules unioned, in
 *              parts for threads
 *   em.c       u by random sampling, m (and u, and the prior) by EM,
 *              term-frequency adjustment, the weight of each pair
 *   cluster.c  pairs into clusters, guarded against chaining
 *   run.c      the whole run (compare, then score, on every processor),
 *              one pair's evidence, one record's query
 *   dedupe.c   the people of the store, one person against the store,
 *              birth notifications against registered children
 *
 * Typical use (all of it in match_run()):
 *
 *   struct match_spec spec;  match_spec_init(&spec); ...fields, rules...
 *   struct match_set set;    match_set_init(&set, &spec);
 *   match_set_add(&set, id, values, source, truth) for every record
 *                                         (interns, counts, phonetic keys)
 *   struct match_result res; match_result_init(&res);
 *   match_run(&set, &res);                (blocks, trains, scores, clusters)
 *
 * Calling it from the web application:
 *   - the review queue (the whole store): match_store_load() then
 *     match_run(); res.pairs (sorted by probability, highest first) is the
 *     queue, match_explain() gives the evidence of one pair;
 *   - the registration form's duplicate warning (one new person): keep a
 *     trained set (match_store_load + match_run, once, refreshed when the
 *     store changes, or per request on a small store), then
 *     match_query(&set, &res.model, values, ...) blocks and scores the one
 *     new record against the set without adding it, and returns the
 *     likely existing people, best first.
 * No function here prints except the CLI helpers named match_print_*; the
 * library returns -1 with the reason printed by error().
 */
#ifndef REACH_MATCH_H
#define REACH_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include "../util/buf.h"
#include "../util/strmap.h"
#include "../util/u64map.h"

struct db;

/* ---- fields ---- */

/* what a field holds decides how it is compared (see compare.c) */
enum match_kind {
	MK_FIRST,    /* a first name: exact, typo/variant, sounds-alike, JW bands */
	MK_SURNAME,  /* a surname: the same levels */
	MK_DOB,      /* a date: exact, day/month swapped, one digit off, within a
		      * month, a digit of the year off (and within a month
		      * otherwise), within a year (or the same year) */
	MK_SEX,      /* exact or not */
	MK_POSTCODE, /* a UK postcode: full, sector, district (else like MK_CODE) */
	MK_CODE,     /* a plain code (4-digit postcode, ID number): exact, 1 edit, 2 edits */
	MK_TEXT,     /* free text (address, town): exact, JW >= 0.9, JW >= 0.7 */
	MK_EMAIL,    /* an e-mail address: exact, the same user part (another
		      * domain), JW >= 0.88, the user parts JW >= 0.88 */
	MK_NKINDS
};

#define MATCH_MAX_FIELDS 12
#define MATCH_MAX_LEVELS 8  /* level 0 (a value missing) included */
#define MATCH_MAX_RULES 24
#define MATCH_MAX_RULE_KEYS 4

/* what a blocking rule key takes from a field */
enum match_part {
	MP_VALUE,    /* the whole (folded) value */
	MP_KEY,      /* names: the sounds-like key (search.h name_key) */
	MP_INITIAL,  /* the first letter of the folded value */
	MP_YEAR,     /* dates: the year */
	MP_SECTOR,   /* UK postcodes: the sector ("W2 1") */
	MP_DISTRICT, /* UK postcodes: the district ("W2") */
	MP_NAMES,    /* rule word "names": the sounds-like keys of first name and
		      * surname in either order (so swapped names still meet) */
	MP_PREFIX,   /* the first three letters of the folded value */
	MP_USER,     /* e-mail addresses: the part before the '@' */
	MP_DOMAIN,   /* e-mail addresses: the part after the '@' */
	MP_NAMES_PREFIX, /* rule word "names.prefix": the first three letters of
			  * first name and surname, in either order */
};

struct match_rule_key {
	int field;          /* index into spec->fields */
	enum match_part part;
};

/* a blocking rule: records agreeing on every key are compared. In text,
 * words FIELD[.PART] separated by spaces: "dob", "surname.key
 * first_name.initial", "postcode first_name.key", "dob.year names",
 * "email.user", "names.prefix" */
struct match_rule {
	struct match_rule_key keys[MATCH_MAX_RULE_KEYS];
	int nkeys;
};

struct match_field {
	char *name;          /* as shown in --pairs headers ("first_name") */
	enum match_kind kind;
	int tf;              /* adjust exact matches by the value's frequency */
	/* generic mode: the input column(s) joined with a space; and for
	 * MK_DOB the date format, "YYYY-MM-DD" or "YYYYMMDD" or "DD/MM/YYYY" */
	char *columns[4];
	int ncolumns;
	char *date_format;
};

struct match_spec {
	struct match_field fields[MATCH_MAX_FIELDS];
	int nfields;
	struct match_rule rules[MATCH_MAX_RULES];
	int nrules;
	char *id_column;      /* generic mode: the ID column */
	char *truth_column;   /* generic mode: a column naming the true cluster (bench) */
	double threshold;     /* match probability to join a pair, default 0.9 */
	double guard;         /* pairs scored below this cannot be joined, default 0.001 */
	size_t max_block;     /* blocks larger than this are skipped, default 1000 */
	int link;             /* 1: pairs across sources only */
	int first_field, surname_field; /* -1 if none: for swapped names */
	int dob_field;        /* the first MK_DOB field, -1 if none: for twins */
	int postcode_field;   /* the first MK_POSTCODE field, -1 if none: households */
};

void match_spec_init(struct match_spec *s);
void match_spec_release(struct match_spec *s);
/* add a field; returns its index */
int match_spec_field(struct match_spec *s, const char *name, enum match_kind kind);
/* add a rule from text such as "surname.key first_name.initial"; 0 or -1 (printed) */
int match_spec_rule(struct match_spec *s, const char *text);
/* the default rules for the fields present (used when a spec has none) */
void match_spec_default_rules(struct match_spec *s);
/*
 * Read a config file (see docs/matching.md), one `key = value` a line,
 * `#` comments:
 *   id = rec_id                          the record ID column (required)
 *   first_name = given_name              a field: NAME = COLUMN... [(KIND or FORMAT)]
 *   surname = surname
 *   dob = date_of_birth (YYYYMMDD)
 *   postcode = postcode (plain)          (plain: MK_CODE; else a UK postcode)
 *   address = street_number address_1    (columns joined: MK_TEXT)
 *   sex = sex
 *   text email = email                   any other field: KIND NAME = COLUMN...
 *   block = dob                          a blocking rule (repeatable)
 *   threshold = 0.9
 *   truth = cluster                      optional, for benchmarks
 * 0, or -1 with "FILE:LINE: reason" printed.
 */
int match_config_read(struct match_spec *s, const char *path);
/* parse a probability in (0, 1); 0 or -1 */
int match_parse_probability(const char *text, double *out);

/* ---- records ---- */

/* interned strings of one field, with their counts (term frequencies) */
struct match_dict {
	char **str;         /* str[0] is "" (missing) */
	uint32_t *count;    /* records holding the value */
	uint32_t *key;      /* names: the sounds-like key id of each value */
	uint32_t *group;    /* names: the variant group of each value */
	size_t n, alloc;
	struct strmap map;  /* value -> index */
};

struct match_set {
	const struct match_spec *spec;
	size_t n, alloc;           /* records */
	char **id;                 /* record IDs as given */
	char **truth;              /* truth labels, or NULL */
	uint8_t *source;           /* 0 or 1 (link mode) */
	/* per field, per record */
	uint32_t *val[MATCH_MAX_FIELDS];  /* value id in dict[f], 0 missing */
	uint32_t *key[MATCH_MAX_FIELDS];  /* names: key id; postcodes: sector id */
	uint32_t *key2[MATCH_MAX_FIELDS]; /* names: variant group; postcodes: district id */
	int32_t *num[MATCH_MAX_FIELDS];   /* dates: YYYYMMDD as a number, 0 missing */
	struct match_dict dict[MATCH_MAX_FIELDS];
	struct match_dict keys[MATCH_MAX_FIELDS];
	size_t nonnull[MATCH_MAX_FIELDS]; /* records with the field */
	/* whole names: first name id << 32 | surname id -> records holding
	 * both, for the term frequency of the name as a whole */
	struct u64map fullname;
	size_t nfullname;                 /* records with both names */
	/* names: field << 32 | variant group -> records holding a name of the
	 * group, for the term frequency of a variant */
	struct u64map groups;
	/* households: surname id << 32 | postcode id -> records holding both */
	struct u64map households;
};

void match_set_init(struct match_set *set, const struct match_spec *spec);
void match_set_release(struct match_set *set);
/* add one record: values[f] is the raw text of field f ("" or NULL: missing);
 * dates must already be YYYY-MM-DD or YYYYMMDD (see match_date_normalise) */
void match_set_add(struct match_set *set, const char *id, const char *const *values,
		   int source, const char *truth);
/* record i's whole name as a key of set->fullname, 0 without both names */
uint64_t match_fullname(const struct match_set *set, size_t i);
/* count record i's names (whole name, variant groups) by delta: +1 as it
 * is added, -1 to take a probe out again */
void match_set_count_names(struct match_set *set, size_t i, int delta);
/* names a and b of one field are one typo apart (or the same letters
 * jumbled): the straight comparison's "one typo" */
int match_names_typo(const char *a, const char *b);
/*
 * Read a CSV into the set with the spec's column mapping; `source` is 0 for
 * the first file and 1 for the second. 0, or -1 with a one-line reason
 * printed (missing file, empty file, a column the config names missing).
 */
int match_set_read_csv(struct match_set *set, const char *path, int source);
/* a date in the given format ("YYYYMMDD", "DD/MM/YYYY", default YYYY-MM-DD)
 * as the number YYYYMMDD; 0 when missing or not a date of that shape */
int32_t match_date_number(const char *text, const char *format);

/* ---- comparisons (compare.c) ---- */

double match_jaro(const char *a, const char *b);
/* Jaro-Winkler with prefix scale p = 0.1 and a prefix of at most 4 */
double match_jaro_winkler(const char *a, const char *b);
/* Damerau-Levenshtein distance in its optimal string alignment form (each
 * substring edited once: "ca" -> "abc" is 3, not 2), on bytes; the result
 * is at most `max` + 1 (computation stops early beyond it) */
int match_osa_distance(const char *a, const char *b, int max);
/* the number of levels of a field kind (level 0, missing, included) */
int match_kind_levels(enum match_kind k);
/* the name of level l of kind k ("exact", "day/month swapped", ...) */
const char *match_level_name(enum match_kind k, int l);
/* the i18n key of the words for level l of kind k on the web pages
 * ("match.level.dob_swapped"; i18n/en.txt has the words) */
const char *match_level_key(enum match_kind k, int l);
/* the comparison level of field f for records i and j of the set */
int match_compare_field(const struct match_set *set, int f, size_t i, size_t j);
/* the levels of every field for a pair (swapped first/surname handled):
 * writes lv[0..nfields) */
void match_compare(const struct match_set *set, size_t i, size_t j, uint8_t *lv);
/* date levels on YYYYMMDD numbers (0 = missing) */
int match_compare_dates(int32_t a, int32_t b);
/*
 * Comparing many pairs: a memo remembers the level of each pair of name
 * values (per name field, and first name against surname for names
 * written the other way round), so that where people share few names
 * (a demo authority: 1,358 first names among 2.66 million people) each
 * pair of names is compared once, not at every pair of people. The levels
 * are match_compare()'s. A memo belongs to one set, which must not change
 * while it is in use (values interned later are compared, not
 * remembered), and to one thread at a time.
 */
struct match_memo;
struct match_memo *match_memo_new(const struct match_set *set);
void match_memo_free(struct match_memo **memo);
/* match_compare() through the memo */
void match_compare_memo(struct match_memo *memo, size_t i, size_t j, uint8_t *lv);
/* the records rec[0..n) copied side by side (a block: each record is
 * compared with the others, and reading its values from the whole set is
 * the cost); match_compare_block then compares rec[x] and rec[y] */
void match_memo_block(struct match_memo *memo, const uint32_t *rec, size_t n);
void match_compare_block(struct match_memo *memo, size_t x, size_t y, uint8_t *lv);

/* ---- name variants (variants.c) ---- */

/*
 * The table of names that are the same name (Mohammed/Muhammad,
 * Bill/William, Begum/Begom) is data: data/name_variants.csv, one group a
 * line, names separated by commas, `#` comments. It is read once, from the
 * first of: the file named by $REACH_NAME_VARIANTS; the copy compiled into
 * the program (assets_find("data/name_variants.csv"), when the Makefile
 * embeds it); data/name_variants.csv beside the program's folder
 * (build/reach -> data/name_variants.csv) or in the current folder. With
 * none, no names are variants (a warning says so once).
 * match_variant_group() returns the group number of a folded name, 0 if
 * it is in no group.
 */
uint32_t match_variant_group(const char *folded);
/* load a table now from `path` (tests); 0 or -1 (printed) */
int match_variants_load(const char *path);
void match_variants_release(void);

/* ---- blocking (block.c) ---- */

struct match_pair {
	uint32_t a, b;       /* record indexes, a < b */
	uint32_t pattern;    /* the comparison levels, packed (match_unpack) */
	float weight;        /* match weight, log2 odds */
	float prob;          /* match probability */
	uint32_t rules;      /* bit r: blocking rule r holds for the pair */
};

struct match_blocking_stats {
	size_t per_rule[MATCH_MAX_RULES]; /* new pairs each rule added */
	size_t skipped_blocks;            /* blocks over max_block */
	size_t skipped_pairs;             /* pairs in them */
};

/* the value of rule r for record i, hashed; 0 when a key is missing (records
 * with equal non-zero values are compared) */
uint64_t match_rule_hash(const struct match_set *set, const struct match_rule *r, size_t i);
/* every candidate pair of the set, each once, into *pairs (xmalloc'd) */
size_t match_block(const struct match_set *set, struct match_pair **pairs,
		   struct match_blocking_stats *st);
/* the same, each pair handed to emit (a < b, the bits of the rules that hold)
 * as it is found, so that a caller need not hold them all; the count */
size_t match_block_each(const struct match_set *set, struct match_blocking_stats *st,
			void (*emit)(void *ctx, uint32_t a, uint32_t b, uint32_t rules),
			void *ctx);

/*
 * Blocking in parts, for comparing on several threads: the rules' blocks
 * cut into parts of whole blocks of one rule, rule by rule. Each part hands
 * over its pairs as match_block_each() does, so handing over the parts in
 * order gives its pairs in its order. match_blocks_new fills the skipped
 * figures of *st (the per-rule counts are the caller's: the sum of its
 * parts'). The parts may be handed over from several threads at once.
 */
struct match_blocks;
struct match_blocks *match_blocks_new(const struct match_set *set, struct match_blocking_stats *st);
size_t match_blocks_parts(const struct match_blocks *blocks);
/* the rule whose blocks part k holds */
int match_blocks_part_rule(const struct match_blocks *blocks, size_t part);
/* where a part's pairs go: each block's records first (block, which may be
 * NULL; rec is valid until the next block), then the block's pairs (pair)
 * as places x, y in rec, the record rec[x] < rec[y], with the bits of the
 * rules that hold for the pair */
struct match_block_sink {
	void (*block)(void *ctx, const uint32_t *rec, size_t n);
	void (*pair)(void *ctx, uint32_t x, uint32_t y, uint32_t rules);
	void *ctx;
};
/* the pairs of one part, in match_block_each's order; their count */
size_t match_blocks_each(const struct match_blocks *blocks, size_t part,
			 const struct match_block_sink *sink);
void match_blocks_free(struct match_blocks **blocks);

/* ---- the model (em.c) ---- */

struct match_model {
	int nfields;
	int nlevels[MATCH_MAX_FIELDS];
	double m[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS];
	double u[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS];
	double u_random[MATCH_MAX_FIELDS][MATCH_MAX_LEVELS]; /* from random pairs */
	double lambda;       /* share of the candidate pairs that match */
	int iterations;      /* EM iterations run */
	int trained;         /* 0: defaults only (too few pairs) */
	int fix_u;           /* EM keeps u as sampled */
	int use_tf;          /* term-frequency adjustment on (not for small sets) */
	double all_pairs;    /* pairs in the whole comparison space (lambda's
			      * denominator with fix_u), 0: the candidates */
	double population;   /* records the set stands for, when it holds only
			      * some of them (a query's candidates); 0: the set */
};

uint32_t match_pack(const struct match_set *set, const uint8_t *lv);
void match_unpack(const struct match_set *set, uint32_t pattern, uint8_t *lv);
/* default m and u for each kind, the starting point of EM */
void match_model_defaults(struct match_model *mo, const struct match_spec *spec);
/* u by comparing `samples` random pairs (across sources when linking) */
void match_estimate_u(const struct match_set *set, struct match_model *mo, size_t samples,
		      uint64_t seed);
/*
 * Training on the candidate pairs (unlabelled), much as Splink does it: u
 * stays as sampled from random pairs; m comes from one EM session per
 * blocking rule, each on the pairs that rule found, leaving out the fields
 * the rule blocked on (they agree by construction, so they say nothing
 * there), and each field's m is the mean of the sessions that estimated it.
 * Two differences: a session finds the u of its own pairs as well (inside
 * a block the non-matches are not random pairs: a household shares a
 * surname and an address) and keeps only m; and a rule that leaves fewer
 * than three fields to train has no session (two fields cannot tell
 * matches from namesakes or households). Last, with m and u fixed, EM
 * finds the prior lambda over the whole comparison space (pairs left out
 * by blocking counted as non-matches). Patterns are counted first, so an
 * iteration costs the number of distinct level patterns.
 */
void match_em(const struct match_set *set, struct match_model *mo, const struct match_pair *pairs,
	      size_t npairs, int max_iter);
/* how many candidate pairs have one level pattern and set of rules */
struct match_pattern_count {
	uint32_t pattern, rules;
	double count;
};
/* match_em from the pairs' patterns counted (what match_run keeps) */
void match_em_counts(const struct match_set *set, struct match_model *mo,
		     const struct match_pattern_count *pc, size_t npc, int max_iter);
/*
 * One EM on pattern counts: levels[k * nfields + f] with count[k]. The m of
 * the fields in `train` (bit f) are estimated, and u too unless mo->fix_u;
 * lambda always (over mo->all_pairs when that is larger than the count).
 */
void match_em_patterns(struct match_model *mo, const uint8_t *levels, const double *count,
		       size_t npatterns, int max_iter, uint32_t train);
/* the weight of field f at level l for records i, j (tf adjustment included) */
double match_field_weight(const struct match_set *set, const struct match_model *mo, int f,
			  int level, size_t i, size_t j);
/*
 * Twins: first names both given and different (the lowest level), the
 * surnames the same (exact, or one typo or variant) and the dates of birth
 * exactly the same. Independent evidence would count the shared date of
 * birth strongly for one person, but a household's twins share it too:
 * for such a pair the date of birth is not counted (weight 0), and the
 * first names decide. 1 when the rule holds for the levels lv.
 */
int match_twins(const struct match_spec *sp, const uint8_t *lv);
/*
 * The weight of a pair with levels lv (records i, j): the prior plus every
 * field's weight, each written to fw[f] when fw is not NULL; the one
 * place a pair is weighed. Beyond the fields one at a time: the twins rule;
 * a whole name's frequency; and a household: when the surname and the
 * postcode both agree, the two weigh together log2(m_surname m_postcode /
 * u) where u is the share of the records (mo->population, else the set)
 * holding that surname at that postcode, the record itself left out (a
 * household shares both, so the two agreements are one piece of evidence,
 * far commoner than the product of each alone), never more than apart.
 * Not when linking two files.
 */
double match_pair_weight(const struct match_set *set, const struct match_model *mo,
			 const uint8_t *lv, size_t i, size_t j, double *fw);
/* weight and probability of every pair */
void match_score(const struct match_set *set, const struct match_model *mo,
		 struct match_pair *pairs, size_t npairs);
double match_probability(double weight);

/* ---- clustering (cluster.c) ---- */

/*
 * Join pairs with prob >= threshold, strongest first, into clusters; two
 * clusters are not joined when some pair between them was scored below
 * `guard` (the records were compared and are clearly different people), or
 * when the pairs compared between them average under one half: so A-B,
 * B-C above the threshold with A-C far below it gives {A,B} and {C}
 * rather than a chain. Two clusters with two or more pairs between them
 * averaging at least 0.7 are joined although none of them reaches the
 * threshold. cluster[i] is the index of the cluster's representative:
 * its member with the smallest ID (strcmp order).
 */
void match_cluster(const struct match_set *set, const struct match_pair *pairs, size_t npairs,
		   double threshold, double guard, uint32_t *cluster);
/*
 * The same with the model (match_run uses it): two groups with at most 256
 * pairs between them are weighed on all those pairs (average linkage), the
 * ones blocking did not bring scored now, so a pair missing from the list
 * (never compared, or dropped as too unlikely) counts as what it scores;
 * and where the model expects d >= 2 duplicates of each record, the
 * averages a join needs (0.5, 0.7) are divided by d.
 */
void match_cluster_model(const struct match_set *set, const struct match_model *mo,
			 const struct match_pair *pairs, size_t npairs, double threshold,
			 double guard, uint32_t *cluster);

/* ---- running it all ---- */

/* pairs at least this likely go to the review queue of possible duplicates */
#define MATCH_REVIEW_MIN_PROB 0.5
/* a pair's key in either order ("A\x1fB", the smaller id first), for sets of decided pairs */
void match_pair_key(struct buf *k, const char *a, const char *b);

/* match_run keeps the candidate pairs at least this likely (or at the
 * threshold if lower): the others are most of them on a large set, say
 * only that two people differ, and clustering scores again any it needs */
#define MATCH_KEEP_MIN_PROB 0.0001

struct match_result {
	struct match_pair *pairs;   /* the candidate pairs kept, highest probability first */
	size_t npairs;
	size_t ncompared;           /* the candidate pairs compared */
	uint32_t *cluster;          /* per record: the representative's index */
	struct match_model model;
	struct match_blocking_stats blocking;
	double seconds[4];          /* read (set by callers), block, train, score+cluster */
};

void match_result_init(struct match_result *r);
void match_result_release(struct match_result *r);
/* block, estimate u, EM, score, sort, cluster; 0 or -1 (printed) */
int match_run(const struct match_set *set, struct match_result *res);

/* the evidence of one pair: "first_name exact +7.1, dob swapped +3.0, ..." */
void match_explain(const struct match_set *set, const struct match_model *mo,
		   const struct match_pair *p, struct buf *out);

/* a hit of match_query */
struct match_hit {
	size_t index;   /* record index in the set */
	double weight, prob;
	uint8_t level[MATCH_MAX_FIELDS];       /* the evidence: each field's level */
	double field_weight[MATCH_MAX_FIELDS]; /* and its weight */
};
/*
 * Score one record (raw values, as for match_set_add) against every record
 * of the set that shares a blocking key with it; hits with prob >= min_prob,
 * best first, into *hits (xmalloc'd, count returned). The record is added
 * for the time of the call and taken out again (the set is otherwise
 * unchanged, so one trained set serves many queries, one at a time).
 */
size_t match_query(struct match_set *set, const struct match_model *mo,
		   const char *const *values, double min_prob, struct match_hit **hits);

/* ---- output (dedupe.c) ---- */

enum match_format { MATCH_CSV, MATCH_JSON };
/* `id,cluster_id` for every record (or a JSON array) */
void match_print_clusters(const struct match_set *set, const struct match_result *res,
			  enum match_format fmt, struct buf *out);
/* `id_a,id_b,match_probability,match_weight,<field>_weight...` for pairs >= min_prob */
void match_print_pairs(const struct match_set *set, const struct match_result *res, double min_prob,
		       enum match_format fmt, const char *id_a, const char *id_b, struct buf *out);

/* ---- the store (dedupe.c) ---- */

/* the fields of a person in the store: first_name, surname, dob, sex, postcode */
void match_spec_people(struct match_spec *s);
/* every person of the store into `set` (spec from match_spec_people); 0 or -1 */
int match_store_load(struct db *db, struct match_set *set);

/* a person of the store who may be the one typed */
struct match_store_hit {
	char *ext_id;          /* people.ext_id */
	struct match_hit hit;  /* levels of the fields of match_spec_people */
};
/*
 * One person typed in (values in the order of match_spec_people:
 * first_name, surname, dob as YYYY-MM-DD, sex, postcode; "" or NULL when
 * not known) against the people of the store, without reading them all:
 * the candidates are the people born the same day (index people_dob),
 * those whose surname sounds like either typed name born the same year
 * (people_name_key_dob) and those living at the same postcode
 * (families_postcode); of these, the ones some default blocking rule
 * holds for are scored with the built-in m and u and a prior of one
 * duplicate in ten registrations among the store's people, as
 * match_query() does. (The rule "first_name.key surname.initial
 * dob.year" finds only what the three lookups bring: the store has no
 * index of first-name keys.) Hits with prob >= min_prob, best first, into
 * *hits (xmalloc'd; match_store_hits_release). 0, or -1 on a database
 * error (printed).
 */
int match_store_query(struct db *db, const char *const *values, double min_prob,
		      struct match_store_hit **hits, size_t *nhits);
void match_store_hits_release(struct match_store_hit *hits, size_t n);

/*
 * The last duplicate check over the whole store (`reach dedupe`, the
 * review queue): its likely pairs (prob >= MATCH_REVIEW_MIN_PROB) kept in
 * the store with the data generation and the day it ran on, so a data
 * pack reports possible duplicates without running the engine (minutes
 * on a large authority). Saving replaces the last check in one
 * transaction and does not change the data generation.
 */
int match_check_save(struct db *db, const struct match_set *set, const struct match_result *res, int32_t day);
struct match_check {
	int found;            /* a check has been saved */
	int64_t generation;   /* the data generation it ran on */
	int32_t day;          /* the day it ran */
	char **ids;           /* person ext_ids, two a pair */
	size_t npairs;
};
/* 0 (c->found 0 when no check was saved), or -1 on a database error (printed) */
int match_check_load(struct db *db, struct match_check *c);
void match_check_release(struct match_check *c);

/*
 * Birth notifications against registered children: the spec has the
 * child's fields plus the mother's first name, surname and date of birth
 * (compared with the family's mother, or a female carer).
 */
void match_spec_births(struct match_spec *s);
/* the store's children (source 0) with their mother's details; 0 or -1 */
int match_store_children(struct db *db, struct match_set *set);
/* the births file's rows (source 1), raw; 0 or -1 (printed) */
int match_births_read(struct match_set *set, const char *path);

/* ---- review decisions and merges (merge.c) ----
 *
 * What the review queue of the web application does with a pair of people
 * (by ext_id). A merge moves everything of the removed person to the kept
 * one in one transaction (attendance re-pointed, a session both attended
 * counted once; languages the kept person lacks added) and deletes the
 * removed person, keeping in table merges all it takes to undo it. The
 * removed person's family stays even when it is left empty. Each records
 * the decision and writes the audit trail ("merge", "undo merge", "not
 * duplicates") for both families as `u` (NULL: the command line).
 * They return ST_OK, ST_BAD_INPUT (printed: an unknown person, a person
 * with itself, a merge unknown or undone already, a removed person's id
 * taken again) or ST_FAIL (printed).
 */
struct user;
int match_merge(struct db *db, const struct user *u, const char *keep_ext_id,
		const char *remove_ext_id, int64_t *merge_id);
int match_merge_undo(struct db *db, const struct user *u, int64_t merge_id);
/* record that the two are different people */
int match_decide_different(struct db *db, const struct user *u, const char *a_ext_id,
			   const char *b_ext_id);

#endif
