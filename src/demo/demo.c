/* demo.c: writes a seeded synthetic local authority as interchange CSV files
 *
 * Design. The geography comes first and is small (one record per LSOA and
 * centre): wards, centres and clusters are contiguous runs of LSOAs, so a
 * reach area is a block of neighbouring LSOAs. Deprivation is a latent
 * score that is smooth across wards, turned into deciles by rank with an
 * inner-London spread. Each LSOA gets a quota of registered under-5
 * children and a population such that registration runs at 60-90% (a few
 * LSOAs are clearly under-reached).
 *
 * Families are then generated LSOA by LSOA until each quota is met. A
 * family draws its own generator from (seed, family number), builds its
 * people, writes its families/people/attendance/births rows and is
 * forgotten, so memory stays bounded however many children are asked for.
 * Children are born over the seven years up to `end` (ages 0-6), so the
 * two years of attendance history also have realistic under-5 counts at
 * earlier quarter ends. A child whose registration would fall after `end`
 * is not in the register but is in the birth feed if recently born: that
 * is the outreach list.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "../csv/csv.h"
#include "../model/model.h"
#include "../util/date.h"
#include "../util/text.h"

#define LA_CODE "E09000099"
#define LA_NAME "Riverside"
#define CHILDREN_PER_LSOA 90
#define FLUSH_AT (1u << 20)
#define MAXP 24 /* people of one family, duplicates included */

/* ---- the generator: xoshiro256** seeded through splitmix64 ---- */

struct rng {
	uint64_t s[4]; /* state */
};

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* an independent stream for each (seed, stream) pair */
static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1342543de82ef95ULL + 0x5851f42d4c957f2dULL);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* 0..n-1 (n >= 1) */
static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* lo..hi inclusive */
static int rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* roughly standard normal (Irwin-Hall), without libm so every platform agrees */
static double rng_normal(struct rng *r)
{
	double s = 0;

	for (int i = 0; i < 12; i++)
		s += rng_unit(r);
	return s - 6.0;
}

static const char *pick(struct rng *r, const struct demo_names *n)
{
	return n->v[rng_below(r, (uint32_t)n->n)];
}

/* ---- activities and timetables ---- */

enum who { FOR_CHILD, FOR_FATHER, FOR_CARER };

struct activity {
	const char *name; /* as written in the register */
	enum who who;     /* who the session is for */
	int min_months;   /* children's ages it suits */
	int max_months;
};

enum {
	A_STAY_PLAY, A_BABY_MASSAGE, A_HV_CLINIC, A_RHYME_TIME, A_TODDLER, A_MESSY_PLAY,
	A_SALT, A_MUSIC, A_STORY, A_BREASTFEEDING, A_BABY_GROUP, A_FAMILY_LEARNING,
	A_DADS, A_ESOL, A_JOBCENTRE, A_PARENTING, A_COUNT
};

static const struct activity activities[A_COUNT] = {
	[A_STAY_PLAY] = { "Stay and Play", FOR_CHILD, 0, 59 },
	[A_BABY_MASSAGE] = { "Baby Massage", FOR_CHILD, 0, 8 },
	[A_HV_CLINIC] = { "Health Visitor Clinic", FOR_CHILD, 0, 23 },
	[A_RHYME_TIME] = { "Rhyme Time", FOR_CHILD, 3, 59 },
	[A_TODDLER] = { "Toddler Time", FOR_CHILD, 12, 35 },
	[A_MESSY_PLAY] = { "Messy Play", FOR_CHILD, 12, 59 },
	[A_SALT] = { "Speech and Language Therapy", FOR_CHILD, 18, 59 },
	[A_MUSIC] = { "Music and Movement", FOR_CHILD, 6, 59 },
	[A_STORY] = { "Story Time", FOR_CHILD, 18, 59 },
	[A_BREASTFEEDING] = { "Breastfeeding Support", FOR_CHILD, 0, 6 },
	[A_BABY_GROUP] = { "Baby Group", FOR_CHILD, 0, 11 },
	[A_FAMILY_LEARNING] = { "Family Learning", FOR_CHILD, 30, 59 },
	[A_DADS] = { "Dads' Group", FOR_FATHER, 0, 59 },
	[A_ESOL] = { "ESOL", FOR_CARER, 0, 0 },
	[A_JOBCENTRE] = { "Jobcentre Plus Advice", FOR_CARER, 0, 0 },
	[A_PARENTING] = { "Parenting Course", FOR_CARER, 0, 0 },
};

#define MAX_SLOTS 16

struct slot {
	uint8_t act;     /* index into activities */
	uint8_t weekday; /* 0 = Monday, 5 = Saturday */
};

/* ---- geography ---- */

struct lsoa {
	int ward;          /* index into wards */
	int centre;        /* the centre whose reach area holds it */
	int district;      /* postcode district */
	int idaci, imd;    /* deciles, 1 = most deprived */
	double latent;     /* deprivation score, higher = more deprived */
	int pop[3][5];     /* population by year (end's year - 2 ..) and age */
	long quota;        /* registered under-5s to generate */
	double reg_rate;   /* registered / population */
	double engage;     /* how much its families use centres, around 1 */
	uint32_t pc_first; /* its postcodes in geo.pc */
	uint32_t pc_count;
};

struct ward {
	char name[48];    /* "Abbey Hill" */
	int dominant;     /* a community over-represented here, or -1 */
	double latent;    /* ward deprivation */
};

struct centre {
	char code[16];              /* CC01 */
	char name[96];              /* "Bluebell Children's Centre" */
	int cluster;                /* index into cluster names */
	int first_lsoa, nlsoa;      /* reach area: LSOAs first..first+n-1 */
	double engage;              /* how well it engages families, around 1 */
	double reg_effect;          /* its effect on registration */
	struct slot slot[MAX_SLOTS];/* weekly timetable */
	int nslot;
	int child_slot[MAX_SLOTS];  /* indexes of slots for children */
	int nchild_slot;
	int has_esol;               /* runs ESOL */
	char postcode[10];          /* its own postcode */
};

struct geo {
	struct lsoa *lsoa;
	int nlsoa;
	struct ward *ward;
	int nward;
	struct centre *centre;
	int ncentre;
	int ncluster;
	char (*cluster)[32];
	char (*pc)[10];   /* postcodes, grouped by LSOA */
	size_t npc;
	int ndistrict;
};

static const char *const district_areas[] = { "RV", "RW", "RX", "RY", "RZ" };
#define DISTRICTS_PER_AREA 99
/* inward unit letters: UK postcodes never use C I K M O V there */
static const char unit_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

static void district_name(int d, char *out, size_t n)
{
	snprintf(out, n, "%s%d", district_areas[d / DISTRICTS_PER_AREA], d % DISTRICTS_PER_AREA + 1);
}

static void make_postcode(int district, int sector, int unit, char out[10])
{
	char dist[8];

	district_name(district, dist, sizeof(dist));
	snprintf(out, 10, "%.4s %u%c%c", dist, (unsigned)sector % 10u, unit_letters[unit / 20 % 20],
		 unit_letters[unit % 20]);
}

/* the inner-London spread of deprivation deciles, cumulative, in tenths of a percent */
static const int idaci_cum[10] = { 170, 350, 510, 630, 730, 810, 880, 930, 970, 1000 };

struct rank {
	double v; /* the value ranked, higher first */
	int i;    /* index, to break ties so the order is stable */
};

static int rank_cmp(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->i - y->i;
}

static void assign_deciles(struct geo *g, const double *score, int is_imd)
{
	struct rank *r = xmalloc(sizeof(*r) * (size_t)g->nlsoa);

	for (int i = 0; i < g->nlsoa; i++) {
		r[i].v = score[i];
		r[i].i = i;
	}
	qsort(r, (size_t)g->nlsoa, sizeof(*r), rank_cmp);
	for (int k = 0; k < g->nlsoa; k++) {
		int pos = (int)((2000LL * k + 1000) / (2LL * g->nlsoa)), d = 0;
		while (d < 9 && pos >= idaci_cum[d])
			d++;
		if (is_imd)
			g->lsoa[r[k].i].imd = d + 1;
		else
			g->lsoa[r[k].i].idaci = d + 1;
	}
	free(r);
}

static const char *const ward_first[] = {
	"Abbey", "Bridge", "Canal", "Church", "Cross", "Dock", "Fair", "Hay", "High", "King's",
	"Lark", "Mill", "Oak", "Park", "Queen's", "Rose", "St Anne's", "St John's", "St Mary's",
	"St Peter's", "Spring", "Tower", "Vale", "Well", "Wharf", "Wood", "Ash", "Elm", "Holly",
	"Marsh",
};
static const char *const ward_second[] = {
	"Hill", "Park", "Green", "Town", "Fields", "Common", "Gate", "Vale", "Road", "Bank",
	"Heath", "End",
};
static const char *const ward_qualifier[] = {
	"North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Little", "Great",
};
static const char *const centre_words[] = {
	"Bluebell", "Rainbow", "Sunflower", "Acorn", "Little Oaks", "Kingfisher", "Treetops",
	"Butterfly", "Willow", "Maple", "Meadow", "Ladybird", "Harbour", "Lighthouse",
	"Cherry Tree", "Orchard", "Primrose", "Robin", "Heron", "Chestnut", "Jubilee",
	"Mulberry", "Foxglove", "Hazel", "Rowan", "Clover", "Beacon", "Compass",
	"Stepping Stones", "Windmill", "Moorings", "Honeycomb",
};
static const char *const cluster_words[] = {
	"North", "North East", "East", "Central", "South East", "South", "South West", "West",
	"North West",
};

static void name_clusters(struct geo *g)
{
	static const char *const three[] = { "North", "Central", "South" };
	static const char *const four[] = { "North", "East", "South", "West" };

	g->cluster = xcalloc((size_t)g->ncluster, sizeof(*g->cluster));
	for (int i = 0; i < g->ncluster; i++) {
		const char *w = NULL;
		if (g->ncluster == 3)
			w = three[i];
		else if (g->ncluster == 4)
			w = four[i];
		else if (g->ncluster <= (int)ARRAY_LEN(cluster_words))
			w = cluster_words[i];
		if (w)
			snprintf(g->cluster[i], sizeof(g->cluster[i]), "%s", w);
		else
			snprintf(g->cluster[i], sizeof(g->cluster[i]), "Locality %d", i + 1);
	}
}

static void make_timetable(struct centre *c, struct rng *r)
{
	static const uint8_t optional[] = {
		A_TODDLER, A_MESSY_PLAY, A_SALT, A_MUSIC, A_STORY, A_BREASTFEEDING, A_BABY_GROUP,
		A_FAMILY_LEARNING, A_STAY_PLAY, A_JOBCENTRE, A_PARENTING,
	};
	uint8_t core[] = { A_STAY_PLAY, A_BABY_MASSAGE, A_HV_CLINIC, A_RHYME_TIME };
	int want = rng_range(r, 8, 15);

	c->nslot = 0;
	for (size_t i = 0; i < ARRAY_LEN(core); i++) {
		c->slot[c->nslot].act = core[i];
		c->slot[c->nslot++].weekday = (uint8_t)rng_below(r, 5);
	}
	c->slot[c->nslot].act = A_DADS;
	c->slot[c->nslot++].weekday = 5;
	c->has_esol = rng_chance(r, 0.75);
	if (c->has_esol) {
		c->slot[c->nslot].act = A_ESOL;
		c->slot[c->nslot++].weekday = (uint8_t)rng_below(r, 5);
	}
	while (c->nslot < want && c->nslot < MAX_SLOTS) {
		c->slot[c->nslot].act = optional[rng_below(r, ARRAY_LEN(optional))];
		c->slot[c->nslot++].weekday = (uint8_t)rng_below(r, 5);
	}
	c->nchild_slot = 0;
	for (int i = 0; i < c->nslot; i++)
		if (activities[c->slot[i].act].who == FOR_CHILD)
			c->child_slot[c->nchild_slot++] = i;
}

/* split n items into runs of lo..hi; returns the number of runs, run starts in *start */
static int split_runs(struct rng *r, int n, int lo, int hi, int **start)
{
	int cap = n / lo + 2, k = 0;
	int *s = xmalloc(sizeof(*s) * (size_t)cap);

	for (int at = 0; at < n; k++) {
		int len = rng_range(r, lo, hi);
		s[k] = at;
		at += len;
		if (n - at > 0 && n - at < lo)
			at = n; /* fold a short tail into this run */
	}
	*start = s;
	return k;
}

static int build_geo(struct geo *g, const struct demo_opts *o)
{
	struct rng r;
	int *ward_start = NULL, *centre_start = NULL, *cluster_start = NULL;
	double *score = NULL, *imd_score = NULL;
	int ret = -1, lsoa_per_district;
	double prev = 0, total_e = 0, cum = 0;
	long given = 0;

	rng_seed(&r, o->seed, 0);
	memset(g, 0, sizeof(*g));
	g->nlsoa = (int)((o->children + CHILDREN_PER_LSOA / 2) / CHILDREN_PER_LSOA);
	if (g->nlsoa < 6)
		g->nlsoa = 6;
	lsoa_per_district = (g->nlsoa + (int)ARRAY_LEN(district_areas) * DISTRICTS_PER_AREA - 1) /
			    ((int)ARRAY_LEN(district_areas) * DISTRICTS_PER_AREA);
	if (lsoa_per_district < 17)
		lsoa_per_district = 17;
	if (lsoa_per_district > 100) {
		error("demo: too many children for the postcode districts (at most %ld)",
		      DEMO_MAX_CHILDREN);
		goto out;
	}
	g->ndistrict = (g->nlsoa + lsoa_per_district - 1) / lsoa_per_district;
	g->lsoa = xcalloc((size_t)g->nlsoa, sizeof(*g->lsoa));

	/* wards of 5-10 LSOAs, centres of 10-18, clusters of 3-5 centres */
	g->nward = split_runs(&r, g->nlsoa, 5, 10, &ward_start);
	g->ward = xcalloc((size_t)g->nward, sizeof(*g->ward));
	g->ncentre = split_runs(&r, g->nlsoa, 10, 17, &centre_start);
	g->centre = xcalloc((size_t)g->ncentre, sizeof(*g->centre));
	g->ncluster = g->ncentre < 6 ? 1 : split_runs(&r, g->ncentre, 3, 5, &cluster_start);
	name_clusters(g);

	/*
	 * Ward names: pairs of words in a shuffled order ("Abbey Hill"); a
	 * large borough then uses "North Abbey Hill" and so on, then numbers.
	 */
	{
		size_t nf = ARRAY_LEN(ward_first), ns = ARRAY_LEN(ward_second), nc = 0;
		size_t nq = ARRAY_LEN(ward_qualifier);
		int *perm = xmalloc(sizeof(*perm) * nf * ns);
		for (size_t i = 0; i < nf * ns; i++)
			if (strcmp(ward_first[i / ns], ward_second[i % ns]))
				perm[nc++] = (int)i;
		for (size_t i = nc - 1; i > 0; i--) {
			size_t j = rng_below(&r, (uint32_t)(i + 1));
			int t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		for (int w = 0; w < g->nward; w++) {
			size_t round = (size_t)w / nc;
			int p = perm[(size_t)w % nc];
			const char *a = ward_first[p / (int)ns], *b = ward_second[p % (int)ns];
			char *out = g->ward[w].name;
			size_t n = sizeof(g->ward[w].name);
			if (round == 0)
				snprintf(out, n, "%s %s", a, b);
			else if (round <= nq)
				snprintf(out, n, "%s %s %s", ward_qualifier[round - 1], a, b);
			else
				snprintf(out, n, "%s %s %zu", a, b, round - nq + 1);
		}
		free(perm);
	}

	/* ward deprivation is smooth along the borough; LSOAs vary around their ward */
	for (int w = 0; w < g->nward; w++) {
		g->ward[w].latent = (w ? 0.6 * prev : 0) + 0.8 * rng_normal(&r);
		prev = g->ward[w].latent;
		g->ward[w].dominant = rng_chance(&r, 0.6) ?
			2 + (int)rng_below(&r, (uint32_t)demo_ncommunities - 2) : -1;
	}
	score = xmalloc(sizeof(*score) * (size_t)g->nlsoa);
	imd_score = xmalloc(sizeof(*imd_score) * (size_t)g->nlsoa);
	for (int l = 0, w = 0; l < g->nlsoa; l++) {
		while (w + 1 < g->nward && ward_start[w + 1] <= l)
			w++;
		g->lsoa[l].ward = w;
		score[l] = 0.75 * g->ward[w].latent + 0.55 * rng_normal(&r);
		imd_score[l] = 0.9 * score[l] + 0.4 * rng_normal(&r);
		g->lsoa[l].latent = score[l];
		g->lsoa[l].district = l / lsoa_per_district;
	}
	assign_deciles(g, score, 0);
	assign_deciles(g, imd_score, 1);

	/* centres, their reach areas, clusters and timetables */
	for (int c = 0, k = 0; c < g->ncentre; c++) {
		struct centre *ce = &g->centre[c];
		int end = c + 1 < g->ncentre ? centre_start[c + 1] : g->nlsoa;
		int width = g->ncentre >= 100 ? 3 : 2;
		size_t nw = ARRAY_LEN(centre_words);

		if (g->ncentre >= 1000)
			width = 4;
		while (cluster_start && k + 1 < g->ncluster && cluster_start[k + 1] <= c)
			k++;
		ce->cluster = k;
		ce->first_lsoa = centre_start[c];
		ce->nlsoa = end - centre_start[c];
		snprintf(ce->code, sizeof(ce->code), "CC%0*d", width, c + 1);
		if ((size_t)c < nw)
			snprintf(ce->name, sizeof(ce->name), "%s Children's Centre", centre_words[c]);
		else
			snprintf(ce->name, sizeof(ce->name), "%s Children's Centre",
				 g->ward[g->lsoa[ce->first_lsoa].ward].name);
		ce->engage = 0.6 + 0.9 * rng_unit(&r);
		ce->reg_effect = -0.08 + 0.16 * rng_unit(&r);
		make_timetable(ce, &r);
		for (int l = ce->first_lsoa; l < end; l++)
			g->lsoa[l].centre = c;
	}

	/* registration rates, populations and quotas */
	for (int l = 0; l < g->nlsoa; l++) {
		struct lsoa *ls = &g->lsoa[l];
		double rr = 0.77 + g->centre[ls->centre].reg_effect + 0.05 * rng_normal(&r);
		if (rng_chance(&r, 0.08))
			rr = 0.38 + 0.14 * rng_unit(&r); /* clearly under-reached */
		if (rr < 0.3)
			rr = 0.3;
		if (rr > 0.93)
			rr = 0.93;
		ls->reg_rate = rr;
		ls->engage = 0.7 + 0.6 * rng_unit(&r);
		/* larger, younger populations in deprived LSOAs */
		score[l] = (1.0 + 0.05 * (5.5 - ls->idaci) + 0.12 * rng_normal(&r));
		if (score[l] < 0.5)
			score[l] = 0.5;
		total_e += score[l] * rr;
	}
	for (int l = 0; l < g->nlsoa; l++) {
		struct lsoa *ls = &g->lsoa[l];
		long q, p;
		double share[5], ssum = 0, acc = 0, trend = -0.04 + 0.07 * rng_unit(&r);

		cum += score[l] * ls->reg_rate;
		q = (long)((double)o->children * cum / total_e + 0.5) - given;
		if (l == g->nlsoa - 1)
			q = o->children - given;
		if (q < 0)
			q = 0;
		given += q;
		ls->quota = q;
		p = (long)((double)q / ls->reg_rate + 0.5);
		for (int a = 0; a < 5; a++) {
			share[a] = 0.2 + 0.015 * rng_normal(&r);
			ssum += share[a];
		}
		for (int y = 0; y < 3; y++) {
			double py = (double)p * (1.0 + trend * (y - 2));
			long done = 0;
			acc = 0;
			for (int a = 0; a < 5; a++) {
				long upto;
				acc += share[a] / ssum;
				upto = (long)(py * acc + 0.5);
				ls->pop[y][a] = (int)(upto - done);
				done = upto;
			}
		}
	}

	/* 10-32 postcodes per LSOA, numbered within the district's sectors 1-8 */
	{
		uint32_t total = 0;
		int d0 = 0;
		for (int l = 0; l < g->nlsoa; l++) {
			g->lsoa[l].pc_first = total;
			g->lsoa[l].pc_count = (uint32_t)rng_range(&r, 10, 32);
			total += g->lsoa[l].pc_count;
		}
		g->npc = total;
		g->pc = xmalloc(sizeof(*g->pc) * total);
		for (int l = 0; l < g->nlsoa; l = d0) {
			int d = g->lsoa[l].district;
			uint32_t in_d = 0, per_sector, c = 0;
			for (d0 = l; d0 < g->nlsoa && g->lsoa[d0].district == d; d0++)
				in_d += g->lsoa[d0].pc_count;
			per_sector = (in_d + 7) / 8;
			if (per_sector > 400)
				BUG("postcode district overfull");
			for (int k = l; k < d0; k++)
				for (uint32_t i = 0; i < g->lsoa[k].pc_count; i++, c++)
					make_postcode(d, 1 + (int)(c / per_sector),
						      (int)((c % per_sector) * 173 + 29) % 400,
						      g->pc[g->lsoa[k].pc_first + i]);
		}
	}
	for (int c = 0; c < g->ncentre; c++) {
		const struct lsoa *ls = &g->lsoa[g->centre[c].first_lsoa + g->centre[c].nlsoa / 2];
		memcpy(g->centre[c].postcode, g->pc[ls->pc_first + rng_below(&r, ls->pc_count)], 10);
	}
	ret = 0;
out:
	free(ward_start);
	free(centre_start);
	free(cluster_start);
	free(score);
	free(imd_score);
	return ret;
}

static void geo_release(struct geo *g)
{
	free(g->lsoa);
	free(g->ward);
	free(g->centre);
	free(g->cluster);
	free(g->pc);
	memset(g, 0, sizeof(*g));
}

/* ---- output files ---- */

/* the files are the interchange kinds of model.h (all but indicators) */
enum {
	F_LSOAS = KIND_LSOAS, F_POSTCODES = KIND_POSTCODES, F_POPULATION = KIND_POPULATION,
	F_CENTRES = KIND_CENTRES, F_REACH = KIND_REACH_AREAS, F_FAMILIES = KIND_FAMILIES,
	F_PEOPLE = KIND_PEOPLE, F_ATTENDANCE = KIND_ATTENDANCE, F_BIRTHS = KIND_BIRTHS,
	F_COUNT
};

struct out {
	FILE *fp;        /* the open file */
	char *path;      /* for messages */
	struct buf b;    /* rows not yet written */
	int failed;      /* a write failed (reported once) */
	uint64_t rows;   /* data rows written */
};

static int out_flush(struct out *f)
{
	if (f->failed)
		return -1;
	if (f->b.len && fwrite(f->b.data, 1, f->b.len, f->fp) != f->b.len) {
		f->failed = 1;
		return error("cannot write '%s': %s", f->path, strerror(errno));
	}
	buf_reset(&f->b);
	return 0;
}

/* end of a row: count it and write out a full buffer */
static void out_row(struct out *f)
{
	buf_addch(&f->b, '\n');
	f->rows++;
	if (f->b.len >= FLUSH_AT)
		out_flush(f);
}

static void field(struct out *f, const char *s, int first)
{
	csv_add_field(&f->b, s, first);
}

/* ---- families and people ---- */

enum role { R_CHILD, R_CARER };
enum rel { REL_NONE, REL_MOTHER, REL_FATHER, REL_OTHER };
enum sex { SEX_FEMALE, SEX_MALE, SEX_OTHER, SEX_UNKNOWN };

struct person {
	char id[16];       /* P0000001, set when written */
	enum role role;    /* child or carer */
	enum rel rel;      /* carers only */
	char first[80];    /* first name as written */
	char last[80];     /* last name as written */
	int32_t dob;       /* true date of birth */
	int dob_missing;   /* written without a date of birth */
	int32_t dob_shown; /* date of birth as written (a duplicate may swap day and month) */
	enum sex sex;      /* as written */
	const char *eth;   /* ethnicity code, "" when not given */
	char langs[24];    /* "bn;en" */
	int disabled;      /* -1 not known, 0, 1 */
	int32_t reg;       /* registered_on, DATE_NONE when not registered */
	int dup_of;        /* index of the person this duplicates, -1 */
};

struct family {
	int lsoa, centre;         /* where it lives, where it registered */
	const struct demo_community *comm;    /* its community */
	const struct demo_community *partner; /* the father's, when different */
	char postcode[10];        /* true postcode */
	enum flag lone, workless; /* as written */
	int lone_true;            /* one carer at home */
	int engage;               /* attendance class of the family's children */
	double engage_factor;     /* centre and LSOA engagement, around 1 */
	int mother_comes;         /* the mother attends with the children */
	int father_comes;         /* the father sometimes does */
	struct person p[MAXP];    /* people, duplicates included */
	int np;
	int32_t reg;              /* first registration, DATE_NONE if none */
};

struct gen {
	const struct demo_opts *o;
	FILE *truth;         /* o->truth open, or NULL */
	struct geo geo;
	struct out f[F_COUNT];
	int32_t end;         /* last day */
	int32_t win0;        /* first day of attendance history */
	int32_t monday0;     /* Monday of the week holding win0 */
	int nweeks;          /* weeks from monday0 to end */
	float *season;       /* attendance factor for each day of the window */
	char (*datestr)[11]; /* each day of the window formatted */
	int fam_width, person_width, birth_width;
	uint64_t nfam, nperson, nbirth; /* last numbers given */
	uint64_t fam_seq;    /* families generated, registered or not */
	long under5;         /* registered under-5 children written (originals only) */
	double t0;           /* progress clock */
	struct { uint64_t key; uint32_t gen; } *seen; /* see seen_add() */
	uint32_t seen_gen;   /* current generation of seen */
	int tty;             /* progress goes to a terminal */
};

static int digits(uint64_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static const char *date_str(struct gen *g, int32_t day, char tmp[11])
{
	if (day >= g->win0 && day <= g->end)
		return g->datestr[day - g->win0];
	date_format(day, tmp);
	return tmp;
}

static double community_weight(const struct gen *g, const struct lsoa *ls, size_t i)
{
	const struct demo_community *c = &demo_communities[i];
	double w = c->weight;

	if (c->tilt > 0)
		w *= 1.35 - 0.07 * ls->idaci;
	else if (c->tilt < 0)
		w *= 0.45 + 0.11 * ls->idaci;
	if (g->geo.ward[ls->ward].dominant == (int)i)
		w *= 2.5;
	return w;
}

static const struct demo_community *pick_community(const struct gen *g, struct rng *r,
						   const struct lsoa *ls)
{
	double w[32], total = 0, x;
	size_t i;

	for (i = 0; i < demo_ncommunities; i++)
		total += (w[i] = community_weight(g, ls, i));
	x = rng_unit(r) * total;
	for (i = 0; i + 1 < demo_ncommunities; i++) {
		if (x < w[i])
			break;
		x -= w[i];
	}
	return &demo_communities[i];
}

static const struct demo_community *community(const char *key)
{
	for (size_t i = 0; i < demo_ncommunities; i++)
		if (!strcmp(demo_communities[i].key, key))
			return &demo_communities[i];
	BUG("no community '%s'", key);
}

static void set_name(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);

	if (len >= n)
		len = n - 1;
	memmove(dst, s, len);
	dst[len] = '\0';
}

static void set_langs(struct person *p, const char *a, const char *b, const char *c)
{
	const char *v[3] = { a, b, c };
	size_t len = 0;

	p->langs[0] = '\0';
	for (int i = 0; i < 3; i++) {
		if (!v[i] || (i > 0 && v[0] && !strcmp(v[i], v[0])) ||
		    (i == 2 && v[1] && !strcmp(v[2], v[1])))
			continue;
		len += (size_t)snprintf(p->langs + len, sizeof(p->langs) - len, "%s%s",
					len ? ";" : "", v[i]);
	}
}

static struct person *add_person(struct family *f, enum role role, enum rel rel)
{
	struct person *p = &f->p[f->np++];

	memset(p, 0, sizeof(*p));
	p->role = role;
	p->rel = rel;
	p->eth = "";
	p->reg = DATE_NONE;
	p->dup_of = -1;
	p->disabled = 0;
	return p;
}

static int32_t add_years(int32_t day, int years)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return date_from_ymd(y + years, m, d);
}

/* a registration delay in days after birth; -1 for never */
static int reg_delay(struct rng *r, int known_family)
{
	double u = rng_unit(r);

	if (known_family) {
		if (u < 0.85)
			return rng_range(r, 0, 42);
		if (u < 0.95)
			return rng_range(r, 43, 365);
		return rng_range(r, 366, 1400);
	}
	if (u < 0.7)
		return rng_range(r, 0, 60);
	if (u < 0.85)
		return rng_range(r, 61, 730);
	if (u < 0.93)
		return rng_range(r, 731, 1600);
	return -1;
}

static double lone_rate(const struct lsoa *ls, const struct demo_community *c)
{
	return (0.27 - 0.017 * (ls->idaci - 1)) * c->lone_pct / 100.0;
}

static enum flag maybe_unknown(struct rng *r, int yes)
{
	if (rng_chance(r, 0.02))
		return FLAG_UNKNOWN;
	return yes ? FLAG_YES : FLAG_NO;
}

/*
 * Build one family: carers, children born over the seven years to `end`,
 * their registration, names, languages and circumstances. Children who
 * were never registered are kept (role child, reg DATE_NONE) for the birth
 * feed and are not written to the register.
 */
static void make_family(struct gen *g, struct rng *r, struct family *f, int lsoa)
{
	const struct lsoa *ls = &g->geo.lsoa[lsoa];
	const struct demo_community *c;
	const char *surname, *eth_family, *lang_extra = NULL;
	int script, has_mother, has_father, has_other, kids, teen, mixed = 0;
	int32_t span0 = add_years(g->end, -7) + 1, kid_dob[6], mother_dob;
	double u;

	memset(f, 0, sizeof(*f) - sizeof(f->p));
	f->np = 0;
	f->lsoa = lsoa;
	f->reg = DATE_NONE;
	f->comm = c = pick_community(g, r, ls);
	f->partner = c;
	if (!strcmp(c->key, "english") && rng_chance(r, 0.14)) {
		u = rng_unit(r);
		f->partner = community(u < 0.45 ? "caribbean" : u < 0.6 ? "yoruba" : u < 0.7 ? "akan" :
				       u < 0.8 ? "bengali" : u < 0.9 ? "chinese" : "polish");
		mixed = 1;
	}
	memcpy(f->postcode, g->geo.pc[ls->pc_first + rng_below(r, ls->pc_count)], 10);
	f->centre = ls->centre;
	if (rng_chance(r, 0.1)) {
		int d = rng_chance(r, 0.5) ? 1 : -1;
		if (f->centre + d >= 0 && f->centre + d < g->geo.ncentre)
			f->centre += d;
	}
	f->lone_true = rng_chance(r, lone_rate(ls, c));
	f->lone = maybe_unknown(r, f->lone_true);
	u = (0.22 - 0.017 * (ls->idaci - 1)) * (f->lone_true ? 1.9 : 0.7);
	f->workless = maybe_unknown(r, rng_chance(r, u));
	script = c->script_pct && rng_chance(r, c->script_pct / 100.0);
	if (c->lang_extra && rng_chance(r, c->extra_pct / 100.0))
		lang_extra = c->lang_extra;

	/* who looks after the children */
	has_mother = !(f->lone_true && rng_chance(r, 0.09));
	has_father = !has_mother || (!f->lone_true && rng_chance(r, 0.5));
	has_other = rng_chance(r, 0.05);

	/* children: 1-4 over seven years, 14-40 months apart, a few twins */
	u = rng_unit(r);
	kids = u < 0.52 ? 1 : u < 0.85 ? 2 : u < 0.97 ? 3 : 4;
	{
		int gaps[4] = { 0 }, span = 0, window = g->end - span0 + 1;
		for (int k = 1; k < kids; k++) {
			gaps[k] = rng_chance(r, 0.015) ? 0 : rng_range(r, 425, 1217);
			if (span + gaps[k] > window - 1) {
				kids = k;
				break;
			}
			span += gaps[k];
		}
		kid_dob[0] = span0 + (int32_t)rng_below(r, (uint32_t)(window - span));
		for (int k = 1; k < kids; k++)
			kid_dob[k] = kid_dob[k - 1] + gaps[k];
	}
	teen = rng_chance(r, 0.065);
	if (teen)
		mother_dob = kid_dob[0] - rng_range(r, 16 * 365 + 5, 20 * 365 + 3);
	else
		mother_dob = kid_dob[0] - (int32_t)((20.0 + 12.0 * (rng_unit(r) + rng_unit(r))) * 365.25);

	/* names */
	surname = script ? pick(r, &c->script_surname) : pick(r, &f->partner->surname);
	eth_family = c->alt_ethnicity && rng_chance(r, c->alt_pct / 100.0) ? c->alt_ethnicity :
										c->ethnicity;
	if (has_mother) {
		struct person *m = add_person(f, R_CARER, REL_MOTHER);
		const char *own = script ? pick(r, &c->script_surname) : pick(r, &c->surname);
		struct buf b = BUF_INIT;

		set_name(m->first, sizeof(m->first),
			 script ? pick(r, &c->script_female) : pick(r, &c->woman));
		if (c->title_surnames && !script && rng_chance(r, 0.5))
			own = rng_chance(r, 0.7) ? "Begum" : "Khatun";
		else if (!rng_chance(r, c->own_surname_pct / 100.0) && !(mixed && rng_chance(r, 0.3)))
			own = surname;
		if (c->gendered_surnames)
			demo_surname_feminine(own, &b);
		else
			buf_adds(&b, own);
		set_name(m->last, sizeof(m->last), b.data);
		buf_release(&b);
		m->dob = mother_dob;
		m->sex = SEX_FEMALE;
		m->eth = eth_family;
		set_langs(m, c->lang, rng_chance(r, 0.6) ? "en" : NULL, lang_extra);
	}
	if (has_father) {
		struct person *d = add_person(f, R_CARER, REL_FATHER);
		const struct demo_community *pc = f->partner;
		set_name(d->first, sizeof(d->first),
			 script ? pick(r, &c->script_male) : pick(r, &pc->man));
		set_name(d->last, sizeof(d->last), surname);
		d->dob = mother_dob - rng_range(r, -2 * 365, 9 * 365);
		if (d->dob > kid_dob[0] - 17 * 365)
			d->dob = kid_dob[0] - 17 * 365 - rng_range(r, 0, 3 * 365);
		d->sex = SEX_MALE;
		d->eth = mixed ? (pc->alt_ethnicity && rng_chance(r, 0.1) ? pc->alt_ethnicity :
								      pc->ethnicity) :
				 eth_family;
		set_langs(d, pc->lang, rng_chance(r, 0.75) ? "en" : NULL, mixed ? NULL : lang_extra);
	}
	if (has_other) {
		struct person *o = add_person(f, R_CARER, REL_OTHER);
		int female = rng_chance(r, 0.85);
		set_name(o->first, sizeof(o->first),
			 script ? pick(r, female ? &c->script_female : &c->script_male) :
				  pick(r, female ? &c->woman : &c->man));
		set_name(o->last, sizeof(o->last), rng_chance(r, 0.6) ? surname :
					 script ? pick(r, &c->script_surname) : pick(r, &c->surname));
		o->dob = mother_dob - rng_range(r, 20 * 365, 30 * 365);
		o->sex = female ? SEX_FEMALE : SEX_MALE;
		o->eth = eth_family;
		set_langs(o, c->lang, rng_chance(r, 0.3) ? "en" : NULL, lang_extra);
	}
	for (int k = 0; k < kids; k++) {
		struct person *ch = add_person(f, R_CHILD, REL_NONE);
		int boy = rng_chance(r, 0.51);
		const struct demo_community *nc = mixed && rng_chance(r, 0.4) ? f->partner : c;
		int delay;

		/* parents do not give two of their children one name */
		for (int tries = 0; tries < 8; tries++) {
			int same = 0;
			set_name(ch->first, sizeof(ch->first),
				 script ? pick(r, boy ? &c->script_male : &c->script_female) :
					  pick(r, boy ? &nc->boy : &nc->girl));
			for (int j = 0; j < f->np - 1; j++)
				same |= f->p[j].role == R_CHILD && !strcmp(f->p[j].first, ch->first);
			if (!same)
				break;
		}
		if (c->gendered_surnames && !boy) {
			struct buf b = BUF_INIT;
			demo_surname_feminine(surname, &b);
			set_name(ch->last, sizeof(ch->last), b.data);
			buf_release(&b);
		} else {
			set_name(ch->last, sizeof(ch->last), surname);
		}
		ch->dob = kid_dob[k];
		ch->sex = rng_chance(r, 0.003) ? SEX_UNKNOWN : boy ? SEX_MALE : SEX_FEMALE;
		if (mixed) {
			const char *k2 = f->partner->key;
			ch->eth = !strcmp(k2, "caribbean") ? "MWBC" :
				  (!strcmp(k2, "yoruba") || !strcmp(k2, "akan")) ? "MWBA" :
				  (!strcmp(k2, "bengali") || !strcmp(k2, "chinese")) ? "MWAS" : "WOTH";
		} else {
			ch->eth = eth_family;
		}
		if (!strcmp(c->lang, "en"))
			set_langs(ch, "en", mixed && strcmp(f->partner->lang, "en") &&
				  rng_chance(r, 0.4) ? f->partner->lang : NULL, NULL);
		else
			set_langs(ch, c->lang, rng_chance(r, 0.8) ? "en" : NULL, lang_extra);
		ch->disabled = rng_chance(r, 0.03);
		delay = reg_delay(r, f->reg != DATE_NONE && f->reg <= ch->dob);
		if (delay >= 0 && ch->dob + delay <= g->end &&
		    ch->dob + delay < add_years(ch->dob, 5)) {
			ch->reg = ch->dob + delay;
			if (f->reg == DATE_NONE || ch->reg < f->reg)
				f->reg = ch->reg;
		}
	}

	/* the family's registration dates its carers; a disabled carer in some */
	{
		int disabled_carer = rng_chance(r, 0.06), ncarer = 0;
		const char *fam_eth = NULL;
		u = rng_unit(r);
		if (u < 0.02)
			fam_eth = "REFU";
		else if (u < 0.04)
			fam_eth = "NOBT";
		else if (u < 0.06)
			fam_eth = "";
		for (int i = 0; i < f->np; i++) {
			struct person *p = &f->p[i];
			if (p->role == R_CARER) {
				ncarer++;
				if (f->reg != DATE_NONE)
					p->reg = p->rel == REL_FATHER && rng_chance(r, 0.2) ?
						f->reg + (int32_t)rng_below(r, (uint32_t)(g->end - f->reg + 1)) :
						f->reg;
			}
			if (fam_eth)
				p->eth = fam_eth;
			if (rng_chance(r, 0.03))
				p->langs[0] = '\0';
			if (rng_chance(r, 0.04))
				p->disabled = -1;
			p->dob_shown = p->dob;
		}
		if (disabled_carer && ncarer) {
			int want = (int)rng_below(r, (uint32_t)ncarer);
			for (int i = 0; i < f->np; i++)
				if (f->p[i].role == R_CARER && want-- == 0)
					f->p[i].disabled = 1;
		}
	}

	/* how the family uses centres */
	{
		double e = g->geo.centre[f->centre].engage * ls->engage;
		u = rng_unit(r);
		double never = 0.6 - 0.42 * e;
		if (never < 0.04)
			never = 0.04;
		if (never > 0.5)
			never = 0.5;
		f->engage = u < never ? 0 : u < never + 0.2 ? 1 : u < never + 0.45 ? 2 : 3;
		f->engage_factor = e;
		f->mother_comes = rng_chance(r, 0.6);
		f->father_comes = rng_chance(r, 0.25);
	}
}

/* ---- attendance ---- */

/* the week-day factor of attendance: school holidays, bank holidays */
static float season_of(int32_t day)
{
	int y, m, d, ey, em, ed, a, b, c, dd, e, ff, gg, h, i, k, l, mm;
	int32_t easter, mon_may1, last_may, last_aug;

	date_to_ymd(day, &y, &m, &d);
	/* Easter Sunday (anonymous Gregorian algorithm) */
	a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4;
	ff = (b + 8) / 25, gg = (b - ff + 1) / 3, h = (19 * a + b - dd - gg + 15) % 30;
	i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	mm = (a + 11 * h + 22 * l) / 451;
	em = (h + l - 7 * mm + 114) / 31, ed = (h + l - 7 * mm + 114) % 31 + 1, ey = y;
	easter = date_from_ymd(ey, em, ed);
	mon_may1 = date_from_ymd(y, 5, 1);
	mon_may1 += (7 - date_weekday(mon_may1)) % 7;
	last_may = date_from_ymd(y, 5, 31);
	last_may -= date_weekday(last_may);
	last_aug = date_from_ymd(y, 8, 31);
	last_aug -= date_weekday(last_aug);
	if (day == easter - 2 || day == easter + 1 || day == mon_may1 || day == last_may ||
	    day == last_aug || (m == 12 && (d == 25 || d == 26)) || (m == 1 && d == 1))
		return 0.0f;
	if ((m == 12 && d >= 21) || (m == 1 && d <= 3))
		return 0.06f;
	if (m == 8)
		return 0.25f;
	if ((m == 7 && d >= 22) || (m == 9 && d <= 5))
		return 0.55f;
	if (day >= easter - 9 && day <= easter + 8)
		return 0.45f;
	if ((m == 10 && d >= 24) || (m == 2 && d >= 12 && d <= 20) || (m == 5 && d >= 26) ||
	    (m == 6 && d <= 1))
		return 0.65f;
	return 1.0f;
}

/*
 * Sessions already written for the person being generated, so that a
 * repeated row is always a deliberate fault: a small open-addressing set,
 * emptied by bumping its generation.
 */
#define SEEN_SIZE 2048

static void seen_reset(struct gen *g)
{
	g->seen_gen++;
}

/* 1 if the key was already there */
static int seen_add(struct gen *g, uint64_t key)
{
	uint32_t h = (uint32_t)((key * 0x9e3779b97f4a7c15ULL) >> 53) & (SEEN_SIZE - 1);

	for (int n = 0; n < SEEN_SIZE; n++, h = (h + 1) & (SEEN_SIZE - 1)) {
		if (g->seen[h].gen != g->seen_gen) {
			g->seen[h].gen = g->seen_gen;
			g->seen[h].key = key;
			return 0;
		}
		if (g->seen[h].key == key)
			return 1;
	}
	return 1; /* full: treat as seen and write nothing more */
}

static void emit(struct gen *g, struct rng *r, const struct person *p, int centre, int act,
		 int32_t day)
{
	struct out *f = &g->f[F_ATTENDANCE];
	int times = rng_chance(r, 0.005) ? 2 : 1; /* a register typed in twice */
	uint64_t key = (uint64_t)(uint32_t)(day - g->win0) << 40 | (uint64_t)centre << 16 |
		       (uint64_t)act << 8 | (p->role == R_CARER);

	if (seen_add(g, key))
		return;

	for (int i = 0; i < times; i++) {
		field(f, p->id, 1);
		field(f, g->geo.centre[centre].code, 0);
		field(f, activities[act].name, 0);
		field(f, g->datestr[day - g->win0], 0);
		out_row(f);
	}
}

static int age_months(int32_t dob, int32_t day)
{
	return (int)((day - dob) * 12 / 365);
}

/* the week holding day, counted from the window's first Monday (negative before it) */
static int week_of(const struct gen *g, int32_t day)
{
	int32_t d = day - g->monday0;

	return (int)(d >= 0 ? d / 7 : -((-d + 6) / 7));
}

/*
 * A child's session in week `w` at centre `c`: a slot for the child's age.
 * Returns the day and sets *act, or -1 (no suitable slot, out of the
 * child's span, or a holiday thinned it out).
 */
static int32_t child_session(struct gen *g, struct rng *r, int c, int w, int32_t dob,
			     int32_t lo, int32_t hi, int *slot_io, int *act)
{
	const struct centre *ce = &g->geo.centre[c];
	int32_t day;

	for (int tries = 0; tries < 4; tries++) {
		int s = *slot_io >= 0 && tries == 0 ? *slot_io :
			ce->child_slot[rng_below(r, (uint32_t)ce->nchild_slot)];
		const struct activity *a = &activities[ce->slot[s].act];
		int months;

		day = g->monday0 + 7 * w + ce->slot[s].weekday;
		months = age_months(dob, day);
		if (months < a->min_months || months > a->max_months)
			continue;
		if (day < lo || day > hi || !rng_chance(r, g->season[day - g->win0]))
			return -1;
		*slot_io = s;
		*act = ce->slot[s].act;
		return day;
	}
	return -1;
}

/* a session day for a carer's activity at centre c in week w, or -1 */
static int32_t carer_session(struct gen *g, struct rng *r, int c, int act, int w, int32_t lo,
			     int32_t hi)
{
	const struct centre *ce = &g->geo.centre[c];

	for (int s = 0; s < ce->nslot; s++) {
		int32_t day;
		if (ce->slot[s].act != act)
			continue;
		day = g->monday0 + 7 * w + ce->slot[s].weekday;
		if (day < lo || day > hi || !rng_chance(r, g->season[day - g->win0]))
			return -1;
		return day;
	}
	return -1;
}

static int other_centre(const struct gen *g, struct rng *r, int c)
{
	int d = rng_chance(r, 0.5) ? 1 : -1;

	if (c + d < 0 || c + d >= g->geo.ncentre)
		d = -d;
	return c + d >= 0 && c + d < g->geo.ncentre ? c + d : c;
}

/* the days a child can attend: registered, under school age, in the window */
static int child_span(const struct gen *g, const struct person *ch, int32_t *lo, int32_t *hi)
{
	int y, m, d;

	date_to_ymd(ch->dob, &y, &m, &d);
	*lo = ch->reg > g->win0 ? ch->reg : g->win0;
	*hi = date_from_ymd(y + 4 + (m >= 9), 9, 1) - 1; /* starts school in September */
	if (*hi > g->end)
		*hi = g->end;
	return *lo <= *hi;
}

/*
 * A child's attendance over the whole time it could use a centre (from
 * registration to starting school), kept where it falls in the window:
 * that keeps the rate of sessions even over the window's quarters.
 * Classes: 0 never, 1 a few times, 2 a busy year, 3 regular.
 */
/* the carer, if any, written in the register with the child */
static void with_carer(struct gen *g, struct rng *r, const struct family *f,
		       const struct person *mother, const struct person *father, int c, int act,
		       int32_t day)
{
	if (mother && f->mother_comes && rng_chance(r, 0.4))
		emit(g, r, mother, c, act, day);
	else if (father && f->father_comes && rng_chance(r, 0.3))
		emit(g, r, father, c, act, day);
}

static void child_attendance(struct gen *g, struct rng *r, struct family *f, struct person *ch,
			     const struct person *mother, const struct person *father)
{
	int32_t lo, hi;
	int cls = f->engage, n = 0, w0, w1, fw0, fw1;

	if (!child_span(g, ch, &lo, &hi))
		return;
	seen_reset(g);
	if (rng_chance(r, 0.2)) /* siblings mostly share the family's habit */
		cls = (int)rng_below(r, 4);
	if (cls == 0)
		return;
	w0 = week_of(g, lo);
	w1 = week_of(g, hi);
	{
		int y, m, d;
		date_to_ymd(ch->dob, &y, &m, &d);
		fw0 = week_of(g, ch->reg);
		fw1 = week_of(g, date_from_ymd(y + 4 + (m >= 9), 9, 1) - 1);
	}
	if (cls == 1 || cls == 2) {
		int want = (int)((cls == 1 ? rng_range(r, 4, 12) : rng_range(r, 8, 40)) *
				 (0.5 + 0.5 * f->engage_factor) + 0.5);
		int s0 = fw0, s1 = fw1;
		if (cls == 2 && s1 - s0 > 52) { /* a busy year */
			s0 += (int)rng_below(r, (uint32_t)(s1 - s0 - 51));
			s1 = s0 + 52;
		}
		for (int tries = 0; n < want && tries < want * 4; tries++) {
			int act, slot = -1, c = rng_chance(r, 0.85) ? f->centre : other_centre(g, r, f->centre);
			int w = s0 + (int)rng_below(r, (uint32_t)(s1 - s0 + 1));
			int32_t day;
			if (w < w0 || w > w1) { /* outside the window: it happened, unrecorded here */
				n++;
				continue;
			}
			day = child_session(g, r, c, w, ch->dob, lo, hi, &slot, &act);
			if (day < 0)
				continue;
			emit(g, r, ch, c, act, day);
			with_carer(g, r, f, mother, father, c, act, day);
			n++;
		}
		return;
	}
	/* regular: one or two weekly sessions over a spell of one and a half to four years */
	{
		int len = rng_range(r, 78, 210), slot_a = -1, slot_b = -1, c = f->centre, s0 = fw0;
		double p_main = 0.68 * (0.6 + 0.4 * f->engage_factor);
		if (fw1 - fw0 + 1 > len)
			s0 += (int)rng_below(r, (uint32_t)(fw1 - fw0 + 2 - len));
		for (int w = s0 > w0 ? s0 : w0; w <= w1 && w < s0 + len; w++) {
			int act;
			int32_t day;
			if (rng_chance(r, p_main)) {
				day = child_session(g, r, c, w, ch->dob, lo, hi, &slot_a, &act);
				if (day >= 0) {
					emit(g, r, ch, c, act, day);
					with_carer(g, r, f, mother, father, c, act, day);
				}
			}
			if (rng_chance(r, 0.15)) {
				int c2 = rng_chance(r, 0.8) ? c : other_centre(g, r, c);
				if (c2 != c)
					slot_b = -1;
				day = child_session(g, r, c2, w, ch->dob, lo, hi, &slot_b, &act);
				if (day >= 0)
					emit(g, r, ch, c2, act, day);
				if (c2 != c)
					slot_b = -1;
			}
		}
	}
}

/* a run of weekly carer sessions: `len` weeks from a random start, each attended with prob */
static void carer_course(struct gen *g, struct rng *r, const struct person *p, int c, int act,
			 int len, double prob, const struct person *child)
{
	int32_t lo = p->reg > g->win0 ? p->reg : g->win0, clo = 0, chi = -1;
	int w0 = week_of(g, lo), w1 = g->nweeks - 1, s0;

	if (lo > g->end)
		return;
	seen_reset(g);
	if (child && !child_span(g, child, &clo, &chi))
		child = NULL;
	/* it starts at some time in the four years after registration */
	s0 = week_of(g, p->reg) + (int)rng_below(r, 4 * 52);
	for (int w = s0 > w0 ? s0 : w0; w <= w1 && w < s0 + len; w++) {
		int32_t day;
		if (!rng_chance(r, prob))
			continue;
		day = carer_session(g, r, c, act, w, lo, g->end);
		if (day < 0)
			continue;
		emit(g, r, p, c, act, day);
		if (child && day >= clo && day <= chi && rng_chance(r, 0.8))
			emit(g, r, child, c, act, day);
	}
}

static void family_attendance(struct gen *g, struct rng *r, struct family *f, int norig)
{
	const struct person *mother = NULL, *father = NULL, *youngest = NULL;
	int first_child = 1;
	double e = f->engage_factor;

	for (int i = 0; i < norig; i++) {
		struct person *p = &f->p[i];
		if (p->reg == DATE_NONE)
			continue;
		if (p->rel == REL_MOTHER)
			mother = p;
		if (p->rel == REL_FATHER)
			father = p;
		if (p->role == R_CHILD)
			youngest = p;
	}
	for (int i = 0; i < norig; i++) {
		struct person *p = &f->p[i];
		if (p->role != R_CHILD || p->reg == DATE_NONE)
			continue;
		child_attendance(g, r, f, p, first_child ? mother : NULL, first_child ? father : NULL);
		first_child = 0;
	}
	for (int i = 0; i < norig; i++) {
		struct person *p = &f->p[i];
		int c = f->centre;
		if (p->role != R_CARER || p->reg == DATE_NONE)
			continue;
		if (p->rel == REL_FATHER && rng_chance(r, 0.4 * e)) {
			if (rng_chance(r, 0.55))
				carer_course(g, r, p, c, A_DADS, rng_range(r, 1, 3), 0.3, youngest);
			else
				carer_course(g, r, p, c, A_DADS, rng_range(r, 8, 40), 0.6, youngest);
		}
		if (!strstr(p->langs, "en") && p->langs[0] && rng_chance(r, 0.4)) {
			if (!g->geo.centre[c].has_esol)
				c = other_centre(g, r, c);
			if (g->geo.centre[c].has_esol)
				carer_course(g, r, p, c, A_ESOL, rng_range(r, 10, 12), 0.8, NULL);
			c = f->centre;
		}
		if (f->workless == FLAG_YES && rng_chance(r, 0.25))
			carer_course(g, r, p, c, A_JOBCENTRE, rng_range(r, 1, 6), 0.5, NULL);
		if (rng_chance(r, 0.06))
			carer_course(g, r, p, c, A_PARENTING, 8, 0.8, NULL);
	}
}

/* ---- duplicates: the same person registered again under another id ---- */

static void swap_day_month(int32_t dob, int32_t *out)
{
	int y, m, d;

	date_to_ymd(dob, &y, &m, &d);
	if (d <= 12 && d != m)
		*out = date_from_ymd(y, d, m);
}

static void make_duplicate(struct gen *g, struct rng *r, struct family *f, int of)
{
	struct person *o = &f->p[of], *p;
	struct buf b = BUF_INIT;
	double u = rng_unit(r);

	if (f->np >= MAXP)
		return;
	p = &f->p[f->np++];
	*p = *o;
	p->dup_of = of;
	p->reg = o->reg + (int32_t)rng_below(r, (uint32_t)(g->end - o->reg + 1));
	if (u < 0.6) {
		/* a spelling variant of the first or the last name, else of the other */
		int last = rng_chance(r, 0.4);
		if (!demo_name_variant(last ? o->last : o->first, (unsigned)rng_next(r), &b)) {
			set_name(last ? p->last : p->first, sizeof(p->first), b.data);
		} else if (!demo_name_variant(last ? o->first : o->last, (unsigned)rng_next(r), &b)) {
			set_name(last ? p->first : p->last, sizeof(p->first), b.data);
		} else {
			set_name(p->first, sizeof(p->first), o->last);
			set_name(p->last, sizeof(p->last), o->first);
		}
	} else if (u < 0.75) {
		set_name(p->first, sizeof(p->first), o->last);
		set_name(p->last, sizeof(p->last), o->first);
	} else if (u < 0.9) {
		swap_day_month(o->dob, &p->dob_shown);
		if (p->dob_shown > g->end)
			p->dob_shown = o->dob_shown;
	}
	if (p->reg < p->dob_shown)
		p->reg = p->dob_shown;
	buf_release(&b);
}

/* ---- writing a family ---- */

static void format_id(char *out, size_t n, char prefix, int width, uint64_t num)
{
	snprintf(out, n, "%c%0*llu", prefix, width, (unsigned long long)num);
}

static void postcode_written(struct rng *r, const char *pc, char out[12])
{
	double u = rng_unit(r);
	size_t j = 0;

	if (u < 0.02) { /* typed without the space */
		for (const char *s = pc; *s; s++)
			if (*s != ' ')
				out[j++] = *s;
		out[j] = '\0';
	} else if (u < 0.04) { /* typed in lower case */
		for (const char *s = pc; *s; s++)
			out[j++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
		out[j] = '\0';
	} else {
		snprintf(out, 12, "%s", pc);
	}
}

static void write_family_row(struct gen *g, struct rng *r, const struct family *f,
			     const char *fid, int pc_fault)
{
	struct out *o = &g->f[F_FAMILIES];
	char pc[12];

	if (pc_fault == 1) {
		pc[0] = '\0';
	} else if (pc_fault == 2) { /* a new-build postcode the directory does not know yet */
		char tmp[10];
		make_postcode(g->geo.lsoa[f->lsoa].district, 9, (int)rng_below(r, 400), tmp);
		snprintf(pc, sizeof(pc), "%s", tmp);
	} else {
		postcode_written(r, f->postcode, pc);
	}
	field(o, fid, 1);
	field(o, pc, 0);
	field(o, flag_name(f->lone), 0);
	field(o, flag_name(f->workless), 0);
	field(o, g->geo.centre[f->centre].code, 0);
	out_row(o);
}

static const char *const rel_names[] = { "", "mother", "father", "other" };
static const char *const sex_names[] = { "female", "male", "other", "" };

static void write_person(struct gen *g, struct person *p, const char *fid)
{
	struct out *o = &g->f[F_PEOPLE];
	char d1[11], d2[11], of[sizeof(p->id)];

	/* a duplicate is a copy of its person, whose id it holds until now */
	snprintf(of, sizeof(of), "%s", p->id);
	format_id(p->id, sizeof(p->id), 'P', g->person_width, ++g->nperson);
	if (g->truth)
		fprintf(g->truth, "%s,%s\n", p->id, p->dup_of >= 0 ? of : p->id);
	field(o, p->id, 1);
	field(o, fid, 0);
	field(o, p->role == R_CHILD ? "child" : "carer", 0);
	field(o, rel_names[p->rel], 0);
	field(o, p->first, 0);
	field(o, p->last, 0);
	field(o, p->dob_missing ? "" : date_str(g, p->dob_shown, d1), 0);
	field(o, sex_names[p->sex], 0);
	field(o, p->eth, 0);
	field(o, p->langs, 0);
	field(o, p->disabled < 0 ? "" : p->disabled ? "y" : "n", 0);
	field(o, date_str(g, p->reg, d2), 0);
	out_row(o);
}

static void write_birth(struct gen *g, struct rng *r, const struct family *f,
			const struct person *ch, const struct person *mother)
{
	struct out *o = &g->f[F_BIRTHS];
	struct buf first = BUF_INIT, last = BUF_INIT;
	char id[24], d1[11], d2[11];

	buf_adds(&first, ch->first);
	buf_adds(&last, ch->last);
	if (rng_chance(r, 0.04)) {
		buf_reset(&first); /* not named yet when the health visitor was told */
	} else if (rng_chance(r, 0.08)) {
		buf_reset(&first);
		if (demo_name_variant(ch->first, (unsigned)rng_next(r), &first))
			buf_adds(&first, ch->first);
	}
	if (rng_chance(r, 0.04)) {
		buf_reset(&last);
		if (demo_name_variant(ch->last, (unsigned)rng_next(r), &last))
			buf_adds(&last, ch->last);
	}
	format_id(id, sizeof(id), 'B', g->birth_width, ++g->nbirth);
	field(o, id, 1);
	field(o, first.data, 0);
	field(o, last.data, 0);
	field(o, date_str(g, ch->dob, d1), 0);
	field(o, ch->sex == SEX_UNKNOWN ? "" : sex_names[ch->sex], 0);
	field(o, f->postcode, 0);
	field(o, mother ? mother->first : "", 0);
	field(o, mother ? mother->last : "", 0);
	field(o, mother ? date_str(g, mother->dob, d2) : "", 0);
	out_row(o);
	buf_release(&first);
	buf_release(&last);
}

/* write a registered family, its duplicates, its attendance and its births */
static void emit_family(struct gen *g, struct rng *r, struct family *f)
{
	char fid[24], fid2[24];
	int norig = f->np, pc_fault, registered = f->reg != DATE_NONE;
	const struct person *mother = NULL;
	double u;

	for (int i = 0; i < norig; i++)
		if (f->p[i].rel == REL_MOTHER)
			mother = &f->p[i];
	/* births in the last year, registered or not: the health feed */
	for (int i = 0; i < norig; i++) {
		const struct person *ch = &f->p[i];
		if (ch->role == R_CHILD && ch->dob > g->end - 365 && ch->dob <= g->end)
			write_birth(g, r, f, ch, mother);
	}
	if (!registered)
		return;

	u = rng_unit(r);
	pc_fault = u < 0.01 ? 1 : u < 0.02 ? 2 : 0;
	format_id(fid, sizeof(fid), 'F', g->fam_width, ++g->nfam);
	write_family_row(g, r, f, fid, pc_fault);
	for (int i = 0; i < norig; i++) {
		struct person *p = &f->p[i];
		if (p->reg == DATE_NONE)
			continue;
		if (p->role == R_CHILD && rng_chance(r, 0.01))
			p->dob_missing = 1;
		write_person(g, p, fid);
		if (p->role == R_CHILD && date_age(p->dob, g->end) < 5)
			g->under5++;
	}
	family_attendance(g, r, f, norig);

	/* duplicate registrations: in the same family, or as a new family */
	for (int i = 0; i < norig; i++) {
		struct person *p = &f->p[i], *d;
		int sep;
		if (p->reg == DATE_NONE || !rng_chance(r, 0.02) || f->np >= MAXP)
			continue;
		make_duplicate(g, r, f, i);
		d = &f->p[f->np - 1];
		sep = p->role == R_CHILD && rng_chance(r, 0.4);
		if (sep) {
			struct family copy_hdr;
			memcpy(&copy_hdr, f, sizeof(copy_hdr) - sizeof(copy_hdr.p));
			if (rng_chance(r, 0.3))
				copy_hdr.centre = other_centre(g, r, f->centre);
			copy_hdr.lone = rng_chance(r, 0.5) ? FLAG_UNKNOWN : f->lone;
			copy_hdr.workless = rng_chance(r, 0.5) ? FLAG_UNKNOWN : f->workless;
			format_id(fid2, sizeof(fid2), 'F', g->fam_width, ++g->nfam);
			write_family_row(g, r, &copy_hdr, fid2, 0);
			write_person(g, d, fid2);
			if (mother && mother->reg != DATE_NONE && rng_chance(r, 0.5) && f->np < MAXP) {
				int mi = (int)(mother - f->p);
				make_duplicate(g, r, f, mi);
				f->p[f->np - 1].reg = d->reg;
				write_person(g, &f->p[f->np - 1], fid2);
			}
		} else {
			write_person(g, d, fid);
		}
		if (rng_chance(r, 0.3)) { /* the duplicate was used at a session or two */
			int32_t lo, hi;
			if (d->role == R_CHILD && child_span(g, d, &lo, &hi)) {
				seen_reset(g);
				int n = rng_range(r, 1, 3), slot = -1, act;
				for (int k = 0; k < n * 3 && n > 0; k++) {
					int c = rng_chance(r, 0.5) ? f->centre : other_centre(g, r, f->centre);
					int32_t day = child_session(g, r, c, week_of(g, lo) +
							(int)rng_below(r, (uint32_t)(week_of(g, hi) - week_of(g, lo) + 1)),
							d->dob, lo, hi, &slot, &act);
					slot = -1;
					if (day >= 0) {
						emit(g, r, d, c, act, day);
						n--;
					}
				}
			}
		}
	}
}

/* ---- the geography files ---- */

static void lsoa_code(int l, char out[16])
{
	snprintf(out, 16, "E01%06d", 99001 + l);
}

static void write_geography(struct gen *g)
{
	const struct geo *geo = &g->geo;
	char code[16], code2[16], name[64], num[16], num2[16], num3[16];
	int year = date_year(g->end);

	for (int l = 0; l < geo->nlsoa; l++) {
		struct out *o = &g->f[F_LSOAS];
		const struct lsoa *ls = &geo->lsoa[l];
		lsoa_code(l, code);
		snprintf(name, sizeof(name), "%s %03d%c", LA_NAME, l / 5 + 1, 'A' + l % 5);
		snprintf(code2, sizeof(code2), "E05%06d", 99001 + ls->ward);
		snprintf(num, sizeof(num), "%d", ls->idaci);
		snprintf(num2, sizeof(num2), "%d", ls->imd);
		field(o, code, 1);
		field(o, name, 0);
		field(o, code2, 0);
		field(o, geo->ward[ls->ward].name, 0);
		field(o, LA_CODE, 0);
		field(o, LA_NAME, 0);
		field(o, num, 0);
		field(o, num2, 0);
		out_row(o);

		for (uint32_t i = 0; i < ls->pc_count; i++) {
			o = &g->f[F_POSTCODES];
			field(o, geo->pc[ls->pc_first + i], 1);
			field(o, code, 0);
			out_row(o);
		}
		for (int y = 0; y < 3; y++) {
			for (int a = 0; a < 5; a++) {
				o = &g->f[F_POPULATION];
				snprintf(num, sizeof(num), "%d", year - 2 + y);
				snprintf(num2, sizeof(num2), "%d", a);
				snprintf(num3, sizeof(num3), "%d", ls->pop[y][a]);
				field(o, code, 1);
				field(o, num, 0);
				field(o, num2, 0);
				field(o, num3, 0);
				out_row(o);
			}
		}
	}
	for (int c = 0; c < geo->ncentre; c++) {
		const struct centre *ce = &geo->centre[c];
		struct out *o = &g->f[F_CENTRES];
		field(o, ce->code, 1);
		field(o, ce->name, 0);
		field(o, geo->cluster[ce->cluster], 0);
		field(o, ce->postcode, 0);
		out_row(o);
		for (int l = ce->first_lsoa; l < ce->first_lsoa + ce->nlsoa; l++) {
			o = &g->f[F_REACH];
			lsoa_code(l, code);
			field(o, ce->code, 1);
			field(o, code, 0);
			out_row(o);
		}
	}
}

static int any_failed(const struct gen *g)
{
	for (int i = 0; i < F_COUNT; i++)
		if (g->f[i].failed)
			return 1;
	return 0;
}

static void progress(struct gen *g, int done)
{
	if (!g->tty)
		return;
	fprintf(stderr, "\rdemo: %ld of %ld children (%.0f s)%s", g->under5, g->o->children,
		now_seconds() - g->t0, done ? "\n" : "");
}

/* families LSOA by LSOA until each LSOA's quota of registered under-5s is met */
static int generate(struct gen *g)
{
	struct family *f = xmalloc(sizeof(*f));
	int ret = -1;

	for (int l = 0; l < g->geo.nlsoa; l++) {
		long got = 0;
		while (got < g->geo.lsoa[l].quota) {
			struct rng r;
			long before = g->under5;

			rng_seed(&r, g->o->seed, 1 + ++g->fam_seq);
			make_family(g, &r, f, l);
			emit_family(g, &r, f);
			got += g->under5 - before;
			if ((g->fam_seq & 4095) == 0) {
				if (any_failed(g))
					goto out;
				progress(g, 0);
			}
		}
	}
	progress(g, 1);
	ret = any_failed(g) ? -1 : 0;
out:
	free(f);
	return ret;
}

void demo_opts_init(struct demo_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->children = 15000;
	o->end = date_from_ymd(2026, 9, 30);
}

static int open_outputs(struct gen *g, const char *dir)
{
	for (int i = 0; i < F_COUNT; i++) {
		struct buf path = BUF_INIT;
		struct out *o = &g->f[i];

		buf_addf(&path, "%s/%s.csv", dir, kinds[i].name);
		o->path = buf_detach(&path, NULL);
		o->fp = fopen(o->path, "wb");
		if (!o->fp)
			return error("cannot create '%s': %s", o->path, strerror(errno));
		for (size_t c = 0; c < kinds[i].ncols; c++)
			if (kinds[i].cols[c].type != COL_SHARE)
				csv_add_field(&o->b, kinds[i].cols[c].name, c == 0);
		buf_addch(&o->b, '\n');
	}
	return 0;
}

static int close_outputs(struct gen *g, int ok)
{
	int ret = ok ? 0 : -1;

	for (int i = 0; i < F_COUNT; i++) {
		struct out *o = &g->f[i];
		if (o->fp) {
			if (ok && out_flush(o))
				ret = -1;
			if (fclose(o->fp) && ok && !o->failed)
				ret = error("cannot write '%s': %s", o->path, strerror(errno));
			o->fp = NULL;
		}
		free(o->path);
		o->path = NULL;
		buf_release(&o->b);
	}
	return ret;
}

int demo_write(const struct demo_opts *o, const char *dir)
{
	struct gen g;
	struct stat st;
	int ret = -1, y, m, d, opened = 0;

	memset(&g, 0, sizeof(g));
	g.o = o;
	if (o->children < 1 || o->children > DEMO_MAX_CHILDREN)
		return error("demo: the number of children must be 1 to %ld, not %ld",
			     DEMO_MAX_CHILDREN, o->children);
	date_to_ymd(o->end, &y, &m, &d);
	if (o->end == DATE_NONE || y < 1960 || y > 2190)
		return error("demo: the end date must be between 1960 and 2190");
	if (mkdir(dir, 0777) && errno != EEXIST)
		return error("cannot create '%s': %s", dir, strerror(errno));
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return error("'%s' is not a directory", dir);

	g.end = o->end;
	g.win0 = g.end - 729;
	g.monday0 = g.win0 - date_weekday(g.win0);
	g.nweeks = (g.end - g.monday0) / 7 + 1;
	g.season = xmalloc(sizeof(*g.season) * 730);
	g.datestr = xmalloc(sizeof(*g.datestr) * 730);
	g.seen = xcalloc(SEEN_SIZE, sizeof(*g.seen));
	g.seen_gen = 1;
	for (int i = 0; i < 730; i++) {
		g.season[i] = season_of(g.win0 + i);
		date_format(g.win0 + i, g.datestr[i]);
	}
	g.fam_width = digits(2 * (uint64_t)o->children + 100);
	if (g.fam_width < 6)
		g.fam_width = 6;
	g.person_width = digits(12 * (uint64_t)o->children + 100);
	if (g.person_width < 7)
		g.person_width = 7;
	g.birth_width = digits((uint64_t)o->children + 100);
	if (g.birth_width < 6)
		g.birth_width = 6;
	g.tty = o->progress && isatty(2);
	g.t0 = now_seconds();

	if (build_geo(&g.geo, o))
		goto out;
	opened = 1;
	if (o->truth) {
		if (!(g.truth = fopen(o->truth, "w"))) {
			error("cannot write '%s': %s", o->truth, strerror(errno));
			goto out;
		}
		fputs("person_id,same_as\n", g.truth);
	}
	if (open_outputs(&g, dir))
		goto out;
	write_geography(&g);
	if (generate(&g))
		goto out;
	ret = 0;
out:
	if (opened && close_outputs(&g, ret == 0))
		ret = -1;
	if (g.truth && (ferror(g.truth) | fclose(g.truth)) && ret == 0)
		ret = error("cannot write '%s'", o->truth);
	geo_release(&g.geo);
	free(g.season);
	free(g.datestr);
	free(g.seen);
	return ret;
}
