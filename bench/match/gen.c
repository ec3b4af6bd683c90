/* gen.c: a labelled set of people for the matching benchmark, with FEBRL-style duplicates
 *
 * usage: gen N SEED [COPIES] > people.csv
 * Writes N records `id,first_name,surname,dob,sex,postcode,truth`: people
 * in households (shared surname and postcode, twins among the children),
 * with names from the demo authority's communities, and about one record
 * in five a duplicate of another person (truth = the person's number)
 * carrying one to three corruptions (COPIES: instead, every person
 * registered again a number of times drawn between 0 and 2 x COPIES, each
 * copy corrupted afresh: many records a person, like Splink's fake persons): a typo in a name (insertion,
 * deletion, substitution, transposition), a spelling variant, first name
 * and surname swapped, day and month swapped, one digit of the date
 * changed, a field missing, a new postcode (a move), a new surname.
 */
#include "../../src/demo/demo.h"
#include "../../src/util/util.h"

#include <stdio.h>

static uint64_t state;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(next() % n);
}

static int chance(double p)
{
	return (double)(next() >> 11) / 9007199254740992.0 < p;
}

struct person {
	char first[48], last[48], pc[12];
	int y, m, d, sex;
	long truth;
};

static const char *pick(const struct demo_names *n)
{
	return n->n ? n->v[below((unsigned)n->n)] : "Smith";
}

static void set(char *dst, const char *src)
{
	snprintf(dst, 48, "%s", src);
}

static void postcode(char *out)
{
	snprintf(out, 12, "RV%u %u%c%c", 1 + below(60), below(10), 'A' + below(26), 'A' + below(26));
}

static void typo(char *s)
{
	size_t n = strlen(s), i;
	char t;

	if (n < 3)
		return;
	i = 1 + below((unsigned)(n - 2));
	switch (below(4)) {
	case 0: /* delete */
		memmove(s + i, s + i + 1, n - i);
		break;
	case 1: /* insert */
		if (n + 2 < 48) {
			memmove(s + i + 1, s + i, n - i + 1);
			s[i] = (char)('a' + below(26));
		}
		break;
	case 2: /* substitute */
		s[i] = (char)('a' + below(26));
		break;
	default: /* transpose */
		t = s[i];
		s[i] = s[i + 1 < n ? i + 1 : i - 1];
		s[i + 1 < n ? i + 1 : i - 1] = t;
		break;
	}
}

static void print(const struct person *p, long id)
{
	printf("R%ld,", id);
	printf("%s,%s,", p->first, p->last);
	if (p->y)
		printf("%04d-%02d-%02d,", p->y, p->m, p->d);
	else
		printf(",");
	printf("%s,%s,%ld\n", p->sex == 0 ? "female" : p->sex == 1 ? "male" : "", p->pc, p->truth);
}

static void corrupt(struct person *p)
{
	struct buf b = BUF_INIT;
	int n = 1 + (int)below(3);

	for (int k = 0; k < n; k++) {
		switch (below(11)) {
		case 0:
		case 1:
			typo(chance(0.5) ? p->first : p->last);
			break;
		case 2:
		case 3: {
			char *s = chance(0.6) ? p->first : p->last;
			buf_reset(&b);
			if (!demo_name_variant(s, (unsigned)next(), &b))
				set(s, b.data);
			else
				typo(s);
			break;
		}
		case 4: {
			char t[48];
			set(t, p->first);
			set(p->first, p->last);
			set(p->last, t);
			break;
		}
		case 5:
			if (p->d <= 12 && p->d != p->m) {
				int t = p->d;
				p->d = p->m;
				p->m = t;
			} else if (p->d > 1) {
				p->d--;
			}
			break;
		case 6:
			if (p->y) {
				if (chance(0.5))
					p->d = p->d % 10 == 9 ? p->d - 1 : p->d + 1 > 28 ? p->d - 1 : p->d + 1;
				else
					p->y += chance(0.5) ? 1 : -1;
			}
			break;
		case 7:
			if (chance(0.5))
				p->y = p->m = p->d = 0;
			else
				p->first[0] = '\0';
			break;
		case 8:
			postcode(p->pc);
			break;
		case 9:
			if (chance(0.5))
				p->pc[0] = '\0';
			else
				p->sex = 2;
			break;
		default:
			typo(p->last);
			break;
		}
	}
	buf_release(&b);
}

int main(int argc, char **argv)
{
	long n, id = 0, truth = 0;
	struct person fam[8];
	int copies = 0;

	if (argc < 3 || (n = strtol(argv[1], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: gen N SEED [COPIES]\n");
		return 2;
	}
	if (argc > 3)
		copies = (int)strtol(argv[3], NULL, 10);
	state = (uint64_t)strtoull(argv[2], NULL, 10);
	printf("id,first_name,surname,dob,sex,postcode,truth\n");
	while (id < n) {
		const struct demo_community *c = &demo_communities[below((unsigned)demo_ncommunities)];
		int nf = 0, adults = 1 + (int)below(2), kids = 1 + (int)below(3);
		const char *surname = pick(&c->surname);
		char pc[12];

		postcode(pc);
		for (int a = 0; a < adults; a++) {
			struct person *p = &fam[nf++];
			memset(p, 0, sizeof(*p));
			p->sex = a == 0 ? 0 : 1;
			set(p->first, pick(p->sex ? &c->man : &c->woman));
			set(p->last, (a == 0 && chance(0.2)) ? pick(&c->surname) : surname);
			p->y = 1970 + (int)below(35);
			p->m = 1 + (int)below(12);
			p->d = 1 + (int)below(28);
			snprintf(p->pc, sizeof(p->pc), "%s", pc);
			p->truth = truth++;
		}
		for (int k = 0; k < kids; k++) {
			struct person *p = &fam[nf++];
			memset(p, 0, sizeof(*p));
			p->sex = (int)below(2);
			/* parents do not give two children one name */
			for (int tries = 0; tries < 8; tries++) {
				int same = 0;
				set(p->first, pick(p->sex ? &c->boy : &c->girl));
				for (int j = 0; j < nf - 1; j++)
					same |= !strcmp(fam[j].first, p->first);
				if (!same)
					break;
			}
			set(p->last, surname);
			if (k > 0 && chance(0.03)) { /* twins */
				p->y = fam[nf - 2].y;
				p->m = fam[nf - 2].m;
				p->d = fam[nf - 2].d;
			} else {
				p->y = 2019 + (int)below(7);
				p->m = 1 + (int)below(12);
				p->d = 1 + (int)below(28);
			}
			snprintf(p->pc, sizeof(p->pc), "%s", pc);
			p->truth = truth++;
		}
		for (int i = 0; i < nf && id < n; i++) {
			print(&fam[i], ++id);
			/* one in five people registered again, some of them twice */
			if (copies || chance(0.2)) {
				int dups = copies ? (int)below((unsigned)(2 * copies + 1))
						  : chance(0.8) ? 1 : 2;
				for (int d = 0; d < dups && id < n; d++) {
					struct person q = fam[i];
					corrupt(&q);
					print(&q, ++id);
				}
			}
		}
	}
	return 0;
}
