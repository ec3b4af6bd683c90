/* search.h: finding a family however its name was spelled
 *
 * Two halves. name_key() turns a surname into a "sounds-like" key, which
 * the importer stores in people.name_key (indexed). find_families() takes
 * whatever a member of staff typed (an ID, a postcode, a name) and returns
 * the matching families, best first, with their members; find_print()
 * renders that result for the terminal. The result is plain data so the
 * web application's search page can render it its own way.
 */
#ifndef REACH_SEARCH_H
#define REACH_SEARCH_H

#include <stddef.h>
#include "../util/buf.h"

struct db;

/*
 * name_fold: the comparable form of a name, appended to `out`.
 * A name written in Latin letters is folded to ASCII: accents removed
 * (é→e, ł→l, ş→s, ö→o, ñ→n, ç→c, ă/â→a, ț/ţ→t, ș→s; ß→ss, æ→ae, œ→oe,
 * þ→th), lower case, everything but letters dropped ("O'Brien-Smith" →
 * "obriensmith"). Decoded here: ASCII, Latin-1 Supplement, Latin
 * Extended-A, Romanian ș/ț, combining accents (dropped), punctuation.
 * A name holding any other letter (Arabic, Bengali, Vietnamese ễ ...) or no
 * letter at all is kept as written, with ASCII white space removed and
 * ASCII letters lower-cased: it matches only itself.
 *
 * name_key: the sounds-like key of one name (a surname, or a first name),
 * appended to `out`: the folded name reduced to a consonant skeleton, so
 * transliterations of the same name share a key:
 *   Mohammed Muhammad Mohamed Mohammad Mehmet → mmt
 *   Chowdhury Choudhury Chaudhry → cdr     Hussain Hussein Husain → hsn
 *   Ahmed Ahmad Achmed Ahmet → amt          Usman Osman → asmn
 *   Begum Begom → bgm   Fatima Fatimah → ftm   Nowak Novak → nvk
 * Rules, on the folded letters, left to right:
 *   1. spellings of one sound become one code: ph→f, kh→k, gh→g, th→t,
 *      dh→d, bh→b, dj→j, q→k, ck→k, x→ks (s at the start), z→s,
 *      sh/sch/sz→s, ch/cz/tch→c (the "ch" sound; but "ch" before a
 *      consonant is a guttural: k at the start as in Christie, silent
 *      inside as in Achmed), tz→s, c before e/i/y→s, any other c→k;
 *      w and v are one letter v, silent after a vowel when no vowel
 *      follows (Chowdhury, Lewandowski = Lewandovski, Newman);
 *   2. the first letter keeps its class: every initial vowel is "a", an
 *      initial h or y is kept; after it, vowels, h and y are dropped;
 *   3. a letter repeated with nothing or only h between counts once
 *      (Hussain = Husain); a vowel between keeps both (Mohammed = mmt);
 *   4. a final d of the key is written t (Turkish Ahmet = Ahmed).
 * No truncation. Clearly different names keep different keys (Begum /
 * Bangura, Ali / Allen, Nowak / Newman, Patel / Powell, Oluwaseun /
 * Oluwasegun). Vowels are ignored, so some distinct names share a key
 * (Hassan / Hussain, Islam / Aslam): search lists exact surnames first.
 * A name that name_fold keeps as written is its own key, so the key is
 * never empty for a name with anything but white space in it; the empty
 * name has the empty key. A key of Latin letters is only [a-z].
 *
 * Changing these rules changes stored keys: the importer must re-key.
 */
void name_fold(const char *name, struct buf *out);
void name_key(const char *name, struct buf *out);

/* one person of a family found, as stored */
struct find_member {
	char *person_id;     /* people.ext_id */
	char *role;          /* "child" or "carer" */
	char *relationship;  /* "mother", "father", "other", or NULL */
	char *first_name;    /* as stored */
	char *last_name;     /* as stored */
	char *date_of_birth; /* YYYY-MM-DD, or NULL when not known */
};

/* one family found */
struct find_hit {
	char *family_id;            /* families.ext_id */
	char *postcode;             /* normalised, or NULL when not known */
	const char *why;            /* the best reason it matched: "family ID",
				     * "person ID", "postcode", "surname",
				     * "name", "sounds like" (static text) */
	struct find_member *members; /* children first, then carers, each by
				      * date of birth (unknown last) */
	size_t nmembers;            /* entries in members */
};

struct find_result {
	struct find_hit *hits; /* best first */
	size_t nhits;          /* entries in hits */
	size_t alloc;          /* entries allocated */
	int truncated;         /* 1 if more families matched than the limit */
	char *query;           /* the text searched for, trimmed */
};
#define FIND_RESULT_INIT { NULL, 0, 0, 0, NULL }

/*
 * find_families: the families matching `text`, at most `limit` of them
 * (0: no limit), into `res` (initialised with FIND_RESULT_INIT; earlier
 * contents are released). `text` may be, and is tried as, each of:
 *   - a family ID or a person ID (exact; also in upper or lower case):
 *     the family, or the person's family ("family ID", "person ID");
 *   - a full UK postcode in any spacing or case: families at exactly that
 *     postcode; a district ("RV3") or sector ("RV3 4"): families whose
 *     postcode starts with it ("postcode");
 *   - a surname: people whose last name is the text, ignoring ASCII case
 *     ("surname"), then whose name_key is the text's ("sounds like");
 *   - "first last", "last first" or "last, first": a person whose surname
 *     is exactly ("name") or sounds like ("sounds like") the one word and
 *     whose first name starts with, or sounds like, the other. With more
 *     than two words every split is tried ("Da Silva Maria").
 * Text with a digit is not tried as a name. Ranking: IDs, postcode,
 * exact surname, exact surname with first name, sounds-like; within one
 * reason, in index order. Each family appears once, with its best reason.
 * Returns 0 (also when nothing matches) or -1 on a database error
 * (printed); `res` is to be released in both cases.
 */
int find_families(struct db *db, const char *text, size_t limit, struct find_result *res);
void find_result_release(struct find_result *res);

/*
 * find_print: the terminal listing used by `reach find`, appended to out:
 *
 *   F000123  RV3 4AB  (surname)
 *     child  Aisha Begum   2022-03-01  P0000456
 *     carer  Rahima Begum  1990-07-12  P0000455  mother
 *
 * one block per family, a blank line between blocks, columns aligned by
 * characters (not bytes) so names in any script line up; control
 * characters in stored names are shown as '?'. Ends with
 * "(showing the first N)" when truncated; an empty result is the line
 * "no families match 'TEXT'".
 */
void find_print(const struct find_result *res, struct buf *out);

/* for tests: the constant SQL statements find_families uses, NULL-terminated
 * (so each can be checked with EXPLAIN QUERY PLAN) */
extern const char *const find_sql[];

#endif
