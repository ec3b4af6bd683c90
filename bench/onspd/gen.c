/* gen.c: a synthetic ONS Postcode Directory for the postcode import benchmark
 *
 * usage: bench-onspd-gen [-n ROWS] [-t TRAFFORD_CSV] [-l LSOAS_OUT] > onspd.csv
 *
 * Writes ROWS (default 2,600,000, about the size of the real UK file) rows
 * under the real ONSPD February 2023 header (53 columns), in postcode order,
 * with values of the real widths: quoted 9-character GSS codes, pseudo codes
 * (E99999999) where a geography does not apply, yyyymm dates, grid
 * references and unquoted latitude and longitude. The mix is the real
 * file's in kind: England, Wales, Scotland (data zones, or an empty 2021
 * LSOA), Northern Ireland and the Channel Islands and Isle of Man (pseudo
 * LSOAs), about one postcode in four terminated.
 *
 * With -t, the real Trafford postcodes (trafford_postcodes.csv of
 * ../shared/data/trafford_geography) are among the rows with their real
 * LSOA, ward and position; the made-up postcodes are in other postcode
 * areas and other LSOAs, so an authority holding Trafford's LSOAs keeps
 * exactly the Trafford rows. -l writes those LSOAs as an interchange
 * `lsoas` file. Counts go to stderr.
 */
#include "../../src/csv/csv.h"
#include "../../src/util/strmap.h"
#include "../../src/util/util.h"

#include <stdio.h>

static const char *const header =
	"pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,"
	"osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,"
	"park,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua11,buasd11,ru11ind,oac11,"
	"lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21";

/* the postcode areas of the UK in order, with their country: E, W, S, N
 * (Northern Ireland) or C (Channel Islands and Isle of Man); M and WA hold
 * the Trafford rows only */
static const struct area {
	const char *code;
	char country;
} areas[] = {
	{ "AB", 'S' }, { "AL", 'E' }, { "B", 'E' },  { "BA", 'E' }, { "BB", 'E' }, { "BD", 'E' },
	{ "BH", 'E' }, { "BL", 'E' }, { "BN", 'E' }, { "BR", 'E' }, { "BS", 'E' }, { "BT", 'N' },
	{ "CA", 'E' }, { "CB", 'E' }, { "CF", 'W' }, { "CH", 'E' }, { "CM", 'E' }, { "CO", 'E' },
	{ "CR", 'E' }, { "CT", 'E' }, { "CV", 'E' }, { "CW", 'E' }, { "DA", 'E' }, { "DD", 'S' },
	{ "DE", 'E' }, { "DG", 'S' }, { "DH", 'E' }, { "DL", 'E' }, { "DN", 'E' }, { "DT", 'E' },
	{ "DY", 'E' }, { "E", 'E' },  { "EC", 'E' }, { "EH", 'S' }, { "EN", 'E' }, { "EX", 'E' },
	{ "FK", 'S' }, { "FY", 'E' }, { "G", 'S' },  { "GL", 'E' }, { "GU", 'E' }, { "GY", 'C' },
	{ "HA", 'E' }, { "HD", 'E' }, { "HG", 'E' }, { "HP", 'E' }, { "HR", 'E' }, { "HS", 'S' },
	{ "HU", 'E' }, { "HX", 'E' }, { "IG", 'E' }, { "IM", 'C' }, { "IP", 'E' }, { "IV", 'S' },
	{ "JE", 'C' }, { "KA", 'S' }, { "KT", 'E' }, { "KW", 'S' }, { "KY", 'S' }, { "L", 'E' },
	{ "LA", 'E' }, { "LD", 'W' }, { "LE", 'E' }, { "LL", 'W' }, { "LN", 'E' }, { "LS", 'E' },
	{ "LU", 'E' }, { "M", 'T' },  { "ME", 'E' }, { "MK", 'E' }, { "ML", 'S' }, { "N", 'E' },
	{ "NE", 'E' }, { "NG", 'E' }, { "NN", 'E' }, { "NP", 'W' }, { "NR", 'E' }, { "NW", 'E' },
	{ "OL", 'E' }, { "OX", 'E' }, { "PA", 'S' }, { "PE", 'E' }, { "PH", 'S' }, { "PL", 'E' },
	{ "PO", 'E' }, { "PR", 'E' }, { "RG", 'E' }, { "RH", 'E' }, { "RM", 'E' }, { "S", 'E' },
	{ "SA", 'W' }, { "SE", 'E' }, { "SG", 'E' }, { "SK", 'E' }, { "SL", 'E' }, { "SM", 'E' },
	{ "SN", 'E' }, { "SO", 'E' }, { "SP", 'E' }, { "SR", 'E' }, { "SS", 'E' }, { "ST", 'E' },
	{ "SW", 'E' }, { "SY", 'W' }, { "TA", 'E' }, { "TD", 'S' }, { "TF", 'E' }, { "TN", 'E' },
	{ "TQ", 'E' }, { "TR", 'E' }, { "TS", 'E' }, { "TW", 'E' }, { "UB", 'E' }, { "W", 'E' },
	{ "WA", 'T' }, { "WC", 'E' }, { "WD", 'E' }, { "WF", 'E' }, { "WN", 'E' }, { "WR", 'E' },
	{ "WS", 'E' }, { "WV", 'E' }, { "YO", 'E' }, { "ZE", 'S' },
};

/* the letters of an inward code's unit (never C I K M O V) */
static const char unit_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

struct trafford {
	char pc[9], lsoa[10], ward[10], msoa[10];
	char lat[16], lon[16];
};

/* Knuth's MMIX linear congruential generator, high bits: plenty for made-up codes */
static uint64_t state = 20230201;

static unsigned next(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(state >> 32);
}

static unsigned below(unsigned n)
{
	return next() % n;
}

/* a GSS code: country letter, two-digit entity, six digits */
static void gss(char *out, char c, const char *entity, unsigned n)
{
	snprintf(out, 10, "%c%s%06u", c, entity, n % 1000000);
}

/* the 7- and 8-character forms of a postcode (pcd, pcd2) */
static void fixed_forms(const char *pcds, char *pcd, char *pcd2)
{
	const char *sp = strchr(pcds, ' ');
	size_t out = sp ? (size_t)(sp - pcds) : strlen(pcds) - 3;
	const char *in = pcds + out + (sp ? 1 : 0);

	snprintf(pcd, 8, "%.*s%*s%s", (int)out, pcds, out < 4 ? (int)(4 - out) : 0, "", in);
	snprintf(pcd2, 9, "%-4.*s %s", (int)out, pcds, in);
}

struct row {
	char pcds[9];
	char country;           /* E W S N C; T for a Trafford row */
	unsigned salt;          /* varies the made-up codes */
	const char *lsoa21;     /* as written */
	const char *lsoa11;
	const char *ward, *msoa; /* real ones for Trafford rows, else NULL */
	const char *lat, *lon;  /* real ones for Trafford rows, else NULL */
	int terminated;
};

/* entity codes of the other geographies: county, electoral division, parish, ... */
static const char *const entities[19] = { "10", "58", "43", "18", "40", "14", "15", "24", "30", "16",
					  "65", "33", "38", "34", "35", "37", "23", "56", "54" };

static void write_row(FILE *out, const struct row *r)
{
	char pcd[8], pcd2[9], c = r->country == 'T' ? 'E' : r->country == 'C' ? 'L' : r->country;
	char la[10], ward[10], oa[10], msoa[10], pseudo[10], lat[16], lon[16], doterm[8] = "";
	char code[ARRAY_LEN(entities)][10];
	unsigned s = r->salt;
	int intr_y = 1980 + (int)(s % 40);
	int gb = c == 'E' || c == 'W';

	fixed_forms(r->pcds, pcd, pcd2);
	if (r->terminated)
		snprintf(doterm, sizeof(doterm), "%04d%02d", intr_y + 1 + (int)(s % 7), 1 + (int)(s / 12 % 12));
	snprintf(pseudo, sizeof(pseudo), "%c99999999", c);
	if (r->country == 'T')
		snprintf(la, sizeof(la), "E08000009");
	else
		gss(la, c, c == 'E' ? "06" : c == 'W' ? "06" : c == 'S' ? "12" : "09", 1 + s % 300);
	if (r->ward)
		snprintf(ward, sizeof(ward), "%s", r->ward);
	else
		gss(ward, c, "05", 1000 + s % 9000);
	if (r->msoa)
		snprintf(msoa, sizeof(msoa), "%s", r->msoa);
	else
		gss(msoa, c, "02", s % 7000);
	gss(oa, c, "00", 100000 + s % 90000);
	for (size_t i = 0; i < ARRAY_LEN(entities); i++)
		gss(code[i], c, entities[i], s * (unsigned)(i + 3));
	if (r->lat) {
		snprintf(lat, sizeof(lat), "%s", r->lat);
		snprintf(lon, sizeof(lon), "%s", r->lon);
	} else {
		snprintf(lat, sizeof(lat), "%.6f", 50.0 + (double)(s % 8000000) / 1000000.0);
		snprintf(lon, sizeof(lon), "%.6f", -5.7 + (double)(s % 7400000) / 1000000.0);
	}
	fprintf(out,
		"\"%s\",\"%s\",\"%s\",\"%04d%02d\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%d\","
		"\"%06u\",\"%07u\",\"1\",\"%s\",\"%s\",\"%c9%07d\",\"%s\",\"0\",\"%s\",\"%s\",\"%s\","
		"\"%s\",\"%s\",\"%s\",\"%02u%.2sGC\",\"%02u%.2sGC%04u\",\"%02u%.2sGC\",\"%s\",\"%s\","
		"\"%s\",\"%c\",\"%u%c%u\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%c%u\","
		"\"%u%c%u\",%s,%s,\"%s\",\"%s\",\"%s\",\"%u\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"\n",
		pcd, pcd2, r->pcds, intr_y, 1 + (int)(s % 12), doterm,
		gb ? code[0] : pseudo, gb ? code[1] : pseudo, la, ward, gb ? code[2] : pseudo,
		s % 10 == 0, 100000 + s % 555000, 1000000 + s % 220000, code[3], gb ? code[4] : pseudo,
		c, c == 'E' ? 2000001 : c == 'W' ? 2000004 : c == 'S' ? 2000003 : 2000002,
		c == 'E' ? "E12000002" : pseudo, code[5], code[6], code[7], code[8], code[9],
		gb ? "E06000009" : pseudo, s % 100, r->pcds, s % 100, r->pcds, s % 10000, s % 100,
		r->pcds, gb && s % 20 == 0 ? code[10] : pseudo, r->lsoa11, msoa, "ABCDE"[s % 5],
		1 + s % 7, 'A' + (char)(s % 4), 1 + s % 3, oa, r->lsoa11, msoa, code[11], code[12],
		gb ? code[13] : pseudo, gb ? code[14] : pseudo, "ABCDE"[s % 5], 1 + s % 6,
		1 + s % 8, 'A' + (char)(s % 3), 1 + s % 4, lat, lon, code[15],
		s % 3 == 0 ? code[15] : pseudo, code[16], 1 + s % 32844, code[17], code[18], oa,
		r->lsoa21, msoa);
}

/* rows of an area, in eighths: Northern Ireland's one area is big, the islands' small */
static unsigned weight(char country)
{
	return country == 'N' ? 16 : country == 'C' ? 1 : country == 'T' ? 0 : 8;
}

int main(int argc, char **argv)
{
	size_t nrows = 2600000, ntraf = 0, talloc = 0, written = 0, by[6] = { 0 };
	const char *tpath = NULL, *lpath = NULL;
	struct trafford *traf = NULL;
	struct strmap tlsoa = STRMAP_INIT;
	size_t nareas = ARRAY_LEN(areas), made, wsum = 0, wdone = 0;

	for (int i = 1; i < argc; i++) {
		int64_t v;
		if (!strcmp(argv[i], "-n") && i + 1 < argc && !parse_i64(argv[i + 1], 1000, 100000000, &v))
			nrows = (size_t)v, i++;
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			tpath = argv[++i];
		else if (!strcmp(argv[i], "-l") && i + 1 < argc)
			lpath = argv[++i];
		else
			die(ST_USAGE, "usage: bench-onspd-gen [-n ROWS] [-t TRAFFORD_CSV] [-l LSOAS_OUT]");
	}
	if (tpath) {
		struct csv_reader csv;
		FILE *lf = NULL;
		int r;

		if (csv_open(&csv, tpath))
			die(ST_BAD_INPUT, "%s", csv.err);
		if (lpath && !(lf = fopen(lpath, "w")))
			die(ST_BAD_INPUT, "cannot write '%s'", lpath);
		if (lf)
			fputs("lsoa_code,lsoa_name,ward_code,ward_name,la_code,la_name\n", lf);
		csv_read(&csv); /* the header: postcode,ward_code,ward_name,msoa_code,msoa_hcl_name,lsoa_code,lsoa_name,... */
		while ((r = csv_read(&csv)) == 1) {
			struct trafford *t;
			int64_t seen;
			if (csv.nfields < 12)
				continue;
			XGROW(traf, talloc, ntraf + 1);
			t = &traf[ntraf++];
			snprintf(t->pc, sizeof(t->pc), "%s", csv_field(&csv, 0));
			snprintf(t->ward, sizeof(t->ward), "%s", csv_field(&csv, 1));
			snprintf(t->msoa, sizeof(t->msoa), "%s", csv_field(&csv, 3));
			snprintf(t->lsoa, sizeof(t->lsoa), "%s", csv_field(&csv, 5));
			snprintf(t->lon, sizeof(t->lon), "%s", csv_field(&csv, 10));
			snprintf(t->lat, sizeof(t->lat), "%s", csv_field(&csv, 11));
			if (!strmap_get(&tlsoa, t->lsoa, &seen)) {
				strmap_put(&tlsoa, t->lsoa, 1);
				if (lf) {
					struct buf line = BUF_INIT;
					const char *f[6] = { t->lsoa, csv_field(&csv, 6), t->ward,
							     csv_field(&csv, 2), csv_field(&csv, 8),
							     csv_field(&csv, 9) };
					csv_add_row(&line, f, 6);
					fputs(line.data, lf);
					buf_release(&line);
				}
			}
		}
		if (r < 0)
			die(ST_BAD_INPUT, "%s: %s", tpath, csv.err);
		csv_release(&csv);
		if (lf && fclose(lf))
			die(ST_BAD_INPUT, "cannot write '%s'", lpath);
	}
	made = nrows > ntraf ? nrows - ntraf : 0;
	for (size_t a = 0; a < nareas; a++)
		wsum += weight(areas[a].country);
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	puts(header);
	for (size_t a = 0; a < nareas; a++) {
		const struct area *ar = &areas[a];
		size_t quota;

		wdone += weight(ar->country);
		quota = made * wdone / wsum - written;

		if (ar->country == 'T') {
			size_t alen = strlen(ar->code);
			for (size_t i = 0; i < ntraf; i++) {
				const struct trafford *t = &traf[i];
				struct row r;
				if (strncmp(t->pc, ar->code, alen) || !(t->pc[alen] >= '0' && t->pc[alen] <= '9'))
					continue;
				memset(&r, 0, sizeof(r));
				snprintf(r.pcds, sizeof(r.pcds), "%s", t->pc);
				r.country = 'T';
				r.salt = next();
				r.lsoa21 = t->lsoa;
				r.lsoa11 = t->lsoa;
				r.ward = t->ward;
				r.msoa = t->msoa;
				r.lat = t->lat;
				r.lon = t->lon;
				write_row(stdout, &r);
				by[5]++;
			}
			continue;
		}
		for (unsigned d = 1; quota; d++)
			for (unsigned sec = 0; sec < 10 && quota; sec++) {
				/* one LSOA (or data zone) per sector: a few hundred postcodes */
				char l21[10], l11[10];
				unsigned base = below(33000) + 1;
				int64_t unused;

				if (ar->country == 'E') {
					do
						gss(l21, 'E', "01", base++);
					while (strmap_get(&tlsoa, l21, &unused));
				} else if (ar->country == 'W') {
					gss(l21, 'W', "01", base % 1950 + 1);
				} else if (ar->country == 'S') {
					gss(l21, 'S', "01", 6506 + base % 6976);
				} else {
					snprintf(l21, sizeof(l21), "%c99999999", ar->country == 'N' ? 'N' : 'L');
				}
				snprintf(l11, sizeof(l11), "%s", l21);
				for (unsigned u = 0; u < 400 && quota; u++) {
					struct row r;
					char dz[10];
					memset(&r, 0, sizeof(r));
					snprintf(r.pcds, sizeof(r.pcds), "%s%u %u%c%c", ar->code, d, sec,
						 unit_letters[u / 20], unit_letters[u % 20]);
					r.country = ar->country;
					r.salt = next();
					r.terminated = below(4) == 0;
					r.lsoa21 = l21;
					r.lsoa11 = l11;
					if (ar->country == 'S' && r.salt % 2) {
						r.lsoa21 = "";
					} else if (ar->country == 'E' && r.salt % 500 == 0) {
						r.lsoa21 = "E99999999";
					} else if (ar->country == 'N') {
						snprintf(dz, sizeof(dz), "95%c%c%02uS%u", 'A' + (char)(d % 26),
							 'A' + (char)(sec % 26), u % 100, 1 + u % 3);
						r.lsoa11 = dz;
					}
					write_row(stdout, &r);
					quota--;
					written++;
					by[ar->country == 'E' ? 0 : ar->country == 'W' ? 1 : ar->country == 'S' ? 2 : ar->country == 'N' ? 3 : 4]++;
				}
			}
	}
	if (fflush(stdout) || ferror(stdout))
		die(ST_FAIL, "cannot write the file");
	fprintf(stderr, "rows %zu: England %zu, Wales %zu, Scotland %zu, Northern Ireland %zu, islands %zu, Trafford %zu\n",
		written + by[5], by[0], by[1], by[2], by[3], by[4], by[5]);
	strmap_release(&tlsoa);
	free(traf);
	return 0;
}
