/*
 * gen.c - a seeded, deterministic generator of synthetic enterprise sites in
 * the site format of docs/site-format.md, for benchmarks and scale tests.
 *
 * Build (standalone C11, no dependency on the library):
 *     make -C bench                      # builds ../build/bench/gen
 *     make -C bench B=../build-gen       # into another build directory
 *     cc -std=c11 -O2 -o gen bench/gen.c # by hand
 *
 * Run:
 *     gen --clients 100000 --links 500 --caps 20 --days 7 --seed 1 --groups \
 *         -o site.xml
 *     gen --clients 1000 --csv site-clients.csv -o site.xml
 *
 * Options (defaults in brackets):
 *     --clients N     clients in all [1000]
 *     --links N       WAN branch links [10]; each has a branch LAN under it
 *     --caps N        CAPs [2]; one on the hub, the others on regional hubs
 *                     (at most one region per 8 branches; the rest of the
 *                     CAPs stay on the hub)
 *     --days D        horizon length in days [7] (7 days = 672 slots)
 *     --seed S        seed [1]; the same options give the same bytes
 *     --groups        counted <group> elements of identical clients instead
 *                     of one <client> per client
 *     --csv FILE      write the clients to FILE as a CSV inventory and
 *                     reference it with <inventory file="basename(FILE)"/>:
 *                     keep FILE next to the XML file
 *     --start DT      horizon start, YYYY-MM-DDTHH:MM [2026-11-30T08:00, a
 *                     Monday]
 *     --phase-step M  ccim phases are rounded to M minutes [15]
 *     --name NAME     site name [synthetic]
 *     -o FILE         output file [stdout]
 *     -q              no summary on stderr
 *
 * The model of the site, and why it is plannable: see bench/README.md.  In
 * short, every client must be able to run its transfer alone in some slot it
 * is on: the transfer rate is capacity x share of its slowest link and takes
 * no account of the background load (docs/semantics.md, "Transfer"), so on a
 * slow WAN link a transfer of a whole slot does not fit beside office-hours
 * load.  The generator checks this with the exact integer formulas of
 * docs/semantics.md and keeps clients of slow branches on calendars that are
 * on at night, with ccim phases at night or a push trigger.  Branch links
 * are sized from the bytes their clients need against the night-time
 * capacity of the horizon, with a safety factor.
 *
 * Only integer arithmetic decides what is generated, so the output is the
 * same on every platform for a seed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MB 1048576LL
#define SHARE_PPM 800000LL
#define SLOT_MIN 15
#define FLOOR_CLIENTS 250       /* clients per hub floor segment */
#define BRANCHES_PER_REGION 8   /* a region needs at least this many */
#define SAFETY 3                /* branch link: capacity >= SAFETY x need */
#define NIGHT_HOURS 14          /* per day, outside office hours */

/* Background loads (ppm) of the profiles the generator writes; the fit
 * checks use the same numbers. */
#define WAN_DAY_PPM 600000     /* 60 % Mon-Fri 08:00-18:00 */
#define WAN_NIGHT_PPM 50000     /* 5 % otherwise */
/* LANs (30 % / 5 %) need no check: at 10 Mbit/s and more every transfer
 * takes one slot and fits with room to spare. */

typedef unsigned long long u64;
__extension__ typedef unsigned __int128 u128;

/* ---- random numbers: splitmix64 seeding xoshiro256** ---- */

static u64 rs[4];

static u64 splitmix(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(u64 seed)
{
	for (int i = 0; i < 4; i++)
		rs[i] = splitmix(&seed);
}

static u64 rotl(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static u64 rng(void)
{
	u64 r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
	rs[2] ^= rs[0];
	rs[3] ^= rs[1];
	rs[1] ^= rs[2];
	rs[0] ^= rs[3];
	rs[2] ^= t;
	rs[3] = rotl(rs[3], 45);
	return r;
}

/* Uniform in [0, n), n >= 1; the multiply-shift bias is below 2^-32. */
static unsigned below(unsigned n)
{
	return (unsigned)(((rng() >> 32) * (u64)n) >> 32);
}

/* An index drawn with integer weights w[0..n-1] (sum > 0). */
static int pick(const unsigned *w, int n)
{
	unsigned sum = 0, r;
	for (int i = 0; i < n; i++)
		sum += w[i];
	r = below(sum);
	for (int i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

/* ---- dates: days since 1970-01-01 (H. Hinnant's algorithms) ---- */

static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, long long *y, unsigned *m,
			    unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* Minutes since 1970-01-01T00:00 from "YYYY-MM-DDTHH:MM"; -1 if malformed. */
static long long parse_dt(const char *s)
{
	int y, mo, d, h, mi, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5
	    || s[n] != '\0' || y < 1900 || y > 9999 || mo < 1 || mo > 12
	    || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || h < 0
	    || mi < 0)
		return -1;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	return days_from_civil(y, (unsigned)mo, (unsigned)d) * 1440 + h * 60
	       + mi;
}

static char *fmt_dt(long long t, char *buf)
{
	long long y, z = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	unsigned m, d;
	int mod = (int)(t - z * 1440);
	civil_from_days(z, &y, &m, &d);
	sprintf(buf, "%04lld-%02u-%02uT%02d:%02d", y, m, d, mod / 60, mod % 60);
	return buf;
}

/* 0 = Monday; 1970-01-01 was a Thursday. */
static int dow(long long t)
{
	long long z = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	return (int)(((z % 7) + 7 + 3) % 7);
}

/* ---- exact fit check of docs/semantics.md ---- */

/* True if a transfer of bytes whose rate is set by a link of kbps (with the
 * generator's share) fits that link beside a background of bg_ppm. */
static int fits(long long bytes, long long kbps, long long bg_ppm)
{
	u64 bps = (u64)kbps * 1000, r = bps * SHARE_PPM;
	u64 num = 8ULL * (u64)bytes * 1000000ULL, den = r * 60 * SLOT_MIN;
	u64 d = (num + den - 1) / den, q;
	u128 u;
	if (d == 0)
		d = 1;
	q = ((u64)bytes + d - 1) / d;
	u = (u128)bps * (u64)(1000000 - bg_ppm) * SHARE_PPM * 60 * SLOT_MIN
	    / ((u128)8 * 1000000000000ULL);
	return (u128)q <= u;
}

/* ---- the site model ---- */

enum { OS_NT, OS_95, OS_98, NOS };
static const char *const os_name[NOS] = { "winnt", "win95", "win98" };
static const unsigned os_w[NOS] = { 50, 25, 25 };

enum { CAL_ALWAYS, CAL_WORKDAY, CAL_OVERNIGHT, CAL_LAPTOP, NCAL };
static const char *const cal_name[NCAL] = { "always", "workday", "overnight",
					    "laptop" };

enum { T_CCIM = 1, T_LOGON = 2, T_PUSH = 4 };
static const char *const trig_name[8] = { "", "ccim", "logon", "ccim logon",
					  "push", "ccim push", "logon push",
					  "ccim logon push" };

/* Trigger mixes: the sets, and weights per situation.  Chosen so that
 * nearly every client has an opportunity it can use: a logon trigger alone
 * fires once (first logon after the CAP is ready), so clients that rely on
 * it mostly have ccim or push as well; an always-on client never logs on. */
#define NTRIG 7
static const unsigned trig_set[NTRIG] = { T_CCIM, T_CCIM | T_LOGON, T_LOGON,
					  T_PUSH, T_CCIM | T_PUSH,
					  T_LOGON | T_PUSH,
					  T_CCIM | T_LOGON | T_PUSH };
static const unsigned trig_always[NTRIG] = { 50, 0, 0, 20, 30, 0, 0 };
static const unsigned trig_overnight[NTRIG] = { 30, 0, 0, 30, 40, 0, 0 };
static const unsigned trig_workday[NTRIG] = { 0, 15, 10, 0, 0, 50, 25 };
static const unsigned trig_laptop[NTRIG] = { 0, 40, 20, 0, 0, 40, 0 };
/* On a WAN branch a slot carries one or two transfers, so clients with a
 * few fixed opportunities (logon alone fires once) would crowd them out:
 * branch administrators push. */
static const unsigned trig_br_overnight[NTRIG] = { 20, 0, 0, 30, 50, 0, 0 };
static const unsigned trig_br_workday[NTRIG] = { 0, 10, 0, 0, 0, 55, 35 };
/* On a branch whose WAN link cannot carry a transfer beside office load:
 * mostly pushed at night, or ccim with a night-time phase. */
static const unsigned trig_night[NTRIG] = { 10, 0, 0, 40, 50, 0, 0 };

/* Component sets: index -> ids and size.  Base 8 MB, at most 24 MB. */
#define NCOMP 4
static const char *const comp_id[NCOMP] = { "remote-control", "hw-inventory",
					    "sw-metering", "help-desk" };
static const int comp_mb[NCOMP] = { 6, 4, 3, 3 };
#define NSET 4
static const char *const set_ids[NSET] = {
	"", "hw-inventory", "remote-control hw-inventory",
	"remote-control hw-inventory sw-metering help-desk" };
static const int set_mb[NSET] = { 8, 12, 18, 24 };
static const unsigned set_w[NSET] = { 30, 30, 25, 15 };

static const int wan_kbps[] = { 56, 64, 128, 256, 512, 1024, 1544, 2048 };
#define NWAN ((int)(sizeof wan_kbps / sizeof wan_kbps[0]))

struct link {
	char id[32];
	const char *kind;
	long long kbps;
	const char *profile;
	int parent;              /* -1: root */
};

/* A segment: a LAN link clients sit on, with its CAP. */
struct seg {
	int link;
	int cap;
	int wan;                 /* index of its WAN link, -1 on a hub */
	int hub;
	long long nclients;
	int night;               /* clients must be on at night */
	int day_ok[NSET];        /* a transfer of set s fits at office load */
	int night_ok[NSET];      /* ... at night-time load */
};

struct cap {
	char id[40];
	int link;
	int hub;
	long long ready;
	long long nclients;
};

/* One client as a packed key, so identical clients sort together:
 * bits 0-1 os, 2-4 calendar, 5-7 triggers, 8-9 component set, 10 ras,
 * 11-21 phase in minutes of the day + 1 (0: no phase). */
#define K_OS(k) ((k) & 3u)
#define K_CAL(k) (((k) >> 2) & 7u)
#define K_TRIG(k) (((k) >> 5) & 7u)
#define K_SET(k) (((k) >> 8) & 3u)
#define K_RAS(k) (((k) >> 10) & 1u)
#define K_PHASE(k) ((int)((k) >> 11) - 1)

struct opts {
	long long clients, links, caps, days, seed, phase_step;
	int groups, quiet;
	const char *csv, *out, *name, *start_s;
	long long start;
};

static struct link *links;
static int nlinks, caplinks;
static struct seg *segs;
static int nsegs;
static struct cap *caps;
static int ncaps;

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);
	if (!p) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	return p;
}

static int add_link(const char *id, const char *kind, long long kbps,
		    const char *profile, int parent)
{
	struct link *l = &links[nlinks];
	size_t n = strlen(id);
	if (n >= sizeof l->id)
		n = sizeof l->id - 1;
	memcpy(l->id, id, n);
	l->id[n] = '\0';
	l->kind = kind;
	l->kbps = kbps;
	l->profile = profile;
	l->parent = parent;
	return nlinks++;
}

static int ndigits(long long n)
{
	int d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* Draws one client of segment g.  Returns its key. */
static unsigned draw_client(const struct seg *g, const struct opts *o)
{
	unsigned os = (unsigned)pick(os_w, NOS);
	unsigned set = (unsigned)pick(set_w, NSET);
	unsigned cal, trig, ras = 0;
	int phase = -1, night_only;
	unsigned r = below(100);

	/* A client whose transfer does not fit beside the night-time load of
	 * its WAN link drops components until it does (never needed with the
	 * shipped speeds and loads, kept as a guard). */
	while (set > 0 && !g->night_ok[set])
		set--;
	night_only = !g->day_ok[set];

	if (r < 5 && !night_only) {
		cal = CAL_LAPTOP;
		ras = 1;
		trig = trig_set[pick(trig_laptop, NTRIG)];
	} else if (night_only) {
		/* Slow branch: users leave computers on (always / overnight),
		 * admins push at night or ccim runs at night. */
		cal = below(100) < 40 ? CAL_ALWAYS : CAL_OVERNIGHT;
		trig = trig_set[pick(trig_night, NTRIG)];
	} else {
		unsigned c = below(100);
		cal = c < 20 ? CAL_ALWAYS : c < 65 ? CAL_WORKDAY : CAL_OVERNIGHT;
		int br = g->wan >= 0;
		trig = trig_set[pick(cal == CAL_ALWAYS ? trig_always
				     : cal == CAL_WORKDAY
				     ? (br ? trig_br_workday : trig_workday)
				     : br ? trig_br_overnight : trig_overnight,
				     NTRIG)];
	}
	if (trig & T_CCIM) {
		int steps = (int)(1440 / o->phase_step);
		if (night_only) {
			/* 18:00 .. 06:59: 13 hours from 18:00. */
			int n = (int)(13 * 60 / o->phase_step);
			phase = (int)((1080 + below((unsigned)n) * o->phase_step)
				      % 1440);
		} else {
			phase = (int)(below((unsigned)steps) * o->phase_step);
		}
	}
	return os | cal << 2 | trig << 5 | set << 8 | ras << 10
	       | (unsigned)(phase + 1) << 11;
}

static int cmp_u32(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

/* ---- output ---- */

static FILE *out;

static void client_attrs(FILE *f, unsigned k, const struct seg *g,
			 const struct opts *o)
{
	char buf[32];
	fprintf(f, " os=\"%s\" segment=\"%s\" cap=\"%s\" calendar=\"%s\"",
		os_name[K_OS(k)], links[g->link].id, caps[g->cap].id,
		cal_name[K_CAL(k)]);
	if (K_RAS(k))
		fputs(" connection=\"ras\" office=\"office\"", f);
	fprintf(f, " triggers=\"%s\"", trig_name[K_TRIG(k)]);
	if (K_PHASE(k) >= 0)
		fprintf(f, " phase=\"%s\"",
			fmt_dt(o->start - o->start % 1440 + K_PHASE(k), buf));
	if (K_SET(k))
		fprintf(f, " components=\"%s\"", set_ids[K_SET(k)]);
}

static void csv_row(FILE *f, const char *id, long long count, unsigned k,
		    const struct seg *g, const struct opts *o)
{
	char buf[32];
	fputs(id, f);
	if (o->groups)
		fprintf(f, ",%lld", count);
	fprintf(f, ",%s,%s,%s,%s,%s,%s,%s,%s,%s\n", os_name[K_OS(k)],
		links[g->link].id, caps[g->cap].id, cal_name[K_CAL(k)],
		trig_name[K_TRIG(k)],
		K_PHASE(k) >= 0
			? fmt_dt(o->start - o->start % 1440 + K_PHASE(k), buf)
			: "",
		set_ids[K_SET(k)], K_RAS(k) ? "ras" : "",
		K_RAS(k) ? "office" : "");
}

static void usage(FILE *f)
{
	fputs("usage: gen [--clients N] [--links N] [--caps N] [--days D] "
	      "[--seed S]\n"
	      "           [--groups] [--csv FILE] [--start YYYY-MM-DDTHH:MM]\n"
	      "           [--phase-step M] [--name NAME] [-o FILE] [-q]\n", f);
}

static long long num_arg(const char *opt, const char *v, long long lo,
			 long long hi)
{
	char *end;
	long long n;
	errno = 0;
	n = v ? strtoll(v, &end, 10) : 0;
	if (!v || errno || *end || end == v || n < lo || n > hi) {
		fprintf(stderr, "gen: '%s' needs an integer from %lld to %lld\n",
			opt, lo, hi);
		exit(2);
	}
	return n;
}

static void parse_opts(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->clients = 1000;
	o->links = 10;
	o->caps = 2;
	o->days = 7;
	o->seed = 1;
	o->phase_step = 15;
	o->name = "synthetic";
	o->start_s = "2026-11-30T08:00";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--clients"))
			o->clients = num_arg(a, v, 0, 10000000), i++;
		else if (!strcmp(a, "--links"))
			o->links = num_arg(a, v, 0, 100000), i++;
		else if (!strcmp(a, "--caps"))
			o->caps = num_arg(a, v, 1, 10000), i++;
		else if (!strcmp(a, "--days"))
			o->days = num_arg(a, v, 1, 366), i++;
		else if (!strcmp(a, "--seed"))
			o->seed = num_arg(a, v, 0, 0x7fffffffffffffffLL), i++;
		else if (!strcmp(a, "--phase-step"))
			o->phase_step = num_arg(a, v, 1, 1440), i++;
		else if (!strcmp(a, "--groups"))
			o->groups = 1;
		else if (!strcmp(a, "-q"))
			o->quiet = 1;
		else if (!strcmp(a, "--csv") && v)
			o->csv = v, i++;
		else if (!strcmp(a, "-o") && v)
			o->out = v, i++;
		else if (!strcmp(a, "--name") && v)
			o->name = v, i++;
		else if (!strcmp(a, "--start") && v)
			o->start_s = v, i++;
		else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else {
			fprintf(stderr, "gen: unknown option or missing value "
				"'%s'\n", a);
			usage(stderr);
			exit(2);
		}
	}
	if (1440 % o->phase_step) {
		fprintf(stderr, "gen: '--phase-step' must divide 1440\n");
		exit(2);
	}
	for (const char *p = o->name; *p; p++)
		if (*p == '"' || *p == '<' || *p == '&') {
			fprintf(stderr, "gen: '--name' must not hold \" < &\n");
			exit(2);
		}
	o->start = parse_dt(o->start_s);
	if (o->start < 0) {
		fprintf(stderr, "gen: '--start' needs YYYY-MM-DDTHH:MM\n");
		exit(2);
	}
}

/* ---- building the network ---- */

static void build(const struct opts *o)
{
	long long nb = o->links, C = o->caps, N = o->clients;
	long long R = C >= 2 ? (C - 1 < nb / BRANCHES_PER_REGION
				? C - 1 : nb / BRANCHES_PER_REGION) : 0;
	long long H = R + 1, hub_caps = C - R;
	long long hub_clients = nb ? N * 40 / 100 : N, branch_clients =
		N - hub_clients;
	long long *hubn = xcalloc((size_t)H, sizeof *hubn);
	long long *bn = xcalloc((size_t)nb, sizeof *bn);
	int *hub_link = xcalloc((size_t)H, sizeof *hub_link);
	unsigned *w = xcalloc((size_t)nb, sizeof *w);
	long long nfloors = 0, wsum = 0;
	char id[96];

	/* Clients per hub and per branch, before the links, so the counts
	 * of links are known. */
	for (long long h = 0; h < H; h++) {
		hubn[h] = hub_clients / H + (h < hub_clients % H);
		nfloors += (hubn[h] + FLOOR_CLIENTS - 1) / FLOOR_CLIENTS;
		if (hubn[h] == 0)
			nfloors++;
	}
	/* Branch sizes: a skewed mix of small offices and a few large ones. */
	for (long long b = 0; b < nb; b++) {
		w[b] = 2 + below(12) + (below(5) == 0 ? below(60) : 0);
		wsum += w[b];
	}
	{
		long long given = 0;
		for (long long b = 0; b < nb; b++) {
			bn[b] = branch_clients * w[b] / wsum;
			given += bn[b];
		}
		for (long long b = 0; given < branch_clients; b = (b + 1) % nb)
			bn[b]++, given++;
	}

	links = xcalloc((size_t)(1 + 2 * R + nfloors + 2 * nb), sizeof *links);
	segs = xcalloc((size_t)(nfloors + nb), sizeof *segs);
	caps = xcalloc((size_t)C, sizeof *caps);

	hub_link[0] = add_link("hq", "lan", 100000, "lan-office", -1);
	for (long long r = 1; r <= R; r++) {
		int t;
		snprintf(id, sizeof id, "rg%02lld-trunk", r);
		t = add_link(id, "wan", 2048, "wan-office", 0);
		snprintf(id, sizeof id, "rg%02lld", r);
		hub_link[r] = add_link(id, "lan", 100000, "lan-office", t);
	}
	caplinks = nlinks;
	for (long long c = 0; c < C; c++) {
		struct cap *p = &caps[ncaps++];
		if (c < hub_caps) {
			snprintf(p->id, sizeof p->id, hub_caps > 1
				 ? "cap-hq%lld" : "cap-hq", c + 1);
			p->hub = 0;
			p->ready = o->start + 120 + 60 * c;
		} else {
			snprintf(p->id, sizeof p->id, "cap-rg%02lld",
				 c - hub_caps + 1);
			p->hub = (int)(c - hub_caps + 1);
			p->ready = o->start + 60 * (2 + below(10));
		}
		p->link = hub_link[p->hub];
	}

	/* Hub floors: 10 Mbit/s LAN segments under each hub LAN.  On the hub
	 * with several CAPs the floors take them in turn. */
	for (long long h = 0; h < H; h++) {
		long long nf = hubn[h] ? (hubn[h] + FLOOR_CLIENTS - 1)
					 / FLOOR_CLIENTS : 1;
		for (long long f = 0; f < nf; f++) {
			struct seg *g = &segs[nsegs++];
			snprintf(id, sizeof id, "%s-fl%02lld",
				 links[hub_link[h]].id, f + 1);
			g->link = add_link(id, "lan", 10000, "lan-office",
					   hub_link[h]);
			g->hub = (int)h;
			g->wan = -1;
			g->nclients = hubn[h] / nf + (f < hubn[h] % nf);
			g->cap = h == 0 ? (int)(f % hub_caps)
					: (int)(hub_caps + h - 1);
		}
	}
	/* Branches: a WAN link to a hub, a 10 Mbit/s LAN under it. */
	for (long long b = 0; b < nb; b++) {
		struct seg *g = &segs[nsegs++];
		long long h = b % H, need, night_s, day_need, day_s;
		int s = 0;
		/* Need: SAFETY x the bytes of the branch at 16 MB a client;
		 * capacity: share of the link over the night hours of the
		 * horizon. */
		need = SAFETY * bn[b] * 16 * MB;
		night_s = o->days * NIGHT_HOURS * 3600;
		while (s < NWAN - 1
		       && wan_kbps[s] * 1000LL * SHARE_PPM / 1000000 / 8
			  * night_s < need)
			s++;
		if (s < NWAN - 1 && below(4) == 0)
			s++;    /* some branches have more than they need */
		/* About half the clients of a branch that can take transfers
		 * beside office load are on only in office hours; if the link
		 * does not carry them in the weekdays' office hours, the
		 * branch leaves its computers on at night instead. */
		day_need = SAFETY * bn[b] * 16 * MB / 2;
		day_s = o->days * 5 / 7 * 9 * 3600;
		if (wan_kbps[s] * 1000LL * (1000000 - WAN_DAY_PPM) / 1000000
		    * SHARE_PPM / 1000000 / 8 * day_s < day_need)
			g->night = 1;
		snprintf(id, sizeof id, "br%03lld-wan", b + 1);
		g->wan = add_link(id, "wan", wan_kbps[s], "wan-office",
				  hub_link[h]);
		snprintf(id, sizeof id, "br%03lld-lan", b + 1);
		g->link = add_link(id, "lan", 10000, "lan-office", g->wan);
		g->hub = (int)h;
		g->nclients = bn[b];
		g->cap = h == 0 ? (int)(b / H % hub_caps)
				: (int)(hub_caps + h - 1);
	}
	for (int i = 0; i < nsegs; i++) {
		struct seg *g = &segs[i];
		caps[g->cap].nclients += g->nclients;
		for (int s = 0; s < NSET; s++) {
			long long bytes = set_mb[s] * MB;
			/* The slowest link of the path sets the rate; the
			 * 10 Mbit/s LANs always fit (one slot, slack). */
			g->day_ok[s] = g->wan < 0
				|| (!g->night && fits(bytes, links[g->wan].kbps,
						      WAN_DAY_PPM));
			g->night_ok[s] = g->wan < 0
				|| fits(bytes, links[g->wan].kbps,
					WAN_NIGHT_PPM);
		}
	}
	free(hubn);
	free(bn);
	free(hub_link);
	free(w);
}

/* ---- the fixed parts of the file ---- */

static void write_head(FILE *f, const struct opts *o)
{
	char a[32], b[32];
	/* The parameters, so the file can be made again; no timestamp, the
	 * output is a function of the options.  (No "--" inside a comment.) */
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- Generated by bench/gen: clients=%lld links=%lld caps=%lld"
		" days=%lld seed=%lld phase-step=%lld start=%s%s%s -->\n",
		o->clients, o->links, o->caps, o->days, o->seed, o->phase_step,
		fmt_dt(o->start, a), o->groups ? " groups" : "",
		o->csv ? " csv" : "");
	fprintf(f, "<site version=\"1\" name=\"%s\">\n", o->name);
	fprintf(f, "  <horizon start=\"%s\" end=\"%s\" slot-minutes=\"%d\"/>\n",
		fmt_dt(o->start, a), fmt_dt(o->start + o->days * 1440, b),
		SLOT_MIN);
	fputs("  <policy logon-scripts=\"enabled\" reboot-delay-minutes=\"15\""
	      " reboot-cap=\"25\" advertisements=\"expire\">\n"
	      "    <reboot-window days=\"Mon-Fri\" from=\"12:00\" to=\"14:00\"/>\n"
	      "    <reboot-window days=\"Mon-Fri\" from=\"17:00\" to=\"10:00\"/>\n"
	      "    <reboot-window from=\"Sat 00:00\" to=\"Mon 00:00\"/>\n"
	      "  </policy>\n"
	      "  <profiles>\n"
	      "    <profile id=\"wan-office\" default=\"5%\">\n"
	      "      <level days=\"Mon-Fri\" from=\"08:00\" to=\"18:00\""
	      " value=\"60%\"/>\n"
	      "    </profile>\n"
	      "    <profile id=\"lan-office\" default=\"5%\">\n"
	      "      <level days=\"Mon-Fri\" from=\"08:00\" to=\"18:00\""
	      " value=\"30%\"/>\n"
	      "    </profile>\n"
	      "  </profiles>\n"
	      "  <calendars>\n"
	      "    <calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>\n"
	      "    <calendar id=\"workday\"><on days=\"Mon-Fri\" from=\"08:30\""
	      " to=\"17:30\"/></calendar>\n"
	      "    <calendar id=\"overnight\"><on from=\"Mon 08:30\""
	      " to=\"Fri 17:30\"/></calendar>\n"
	      "    <calendar id=\"laptop\"><on days=\"Mon-Fri\" from=\"07:00\""
	      " to=\"21:00\"/></calendar>\n"
	      "    <calendar id=\"office\"><on days=\"Tue,Thu\" from=\"09:00\""
	      " to=\"16:00\"/></calendar>\n"
	      "  </calendars>\n"
	      "  <network>\n", f);
	for (int i = 0; i < nlinks; i++) {
		const struct link *l = &links[i];
		fprintf(f, "    <link id=\"%s\" kind=\"%s\" capacity-kbps=\"%lld\""
			" background=\"%s\"", l->id, l->kind, l->kbps,
			l->profile);
		if (l->parent >= 0)
			fprintf(f, " parent=\"%s\"", links[l->parent].id);
		fputs("/>\n", f);
	}
	fputs("  </network>\n  <servers>\n", f);
	for (int c = 0; c < ncaps; c++) {
		const struct cap *p = &caps[c];
		/* Enough concurrency for the CAP's clients to pass in a
		 * fraction of the horizon's night slots. */
		long long mc = (p->nclients + 9) / 10;
		mc = mc < 10 ? 10 : (mc + 9) / 10 * 10;
		fprintf(f, "    <cap id=\"%s\" link=\"%s\" ready=\"%s\""
			" max-concurrent=\"%lld\"/>\n", p->id, links[p->link].id,
			fmt_dt(p->ready, a), mc);
	}
	for (int i = 0; i < caplinks; i++)
		if (!strcmp(links[i].kind, "lan"))
			fprintf(f, "    <logon-point id=\"lp-%s\" link=\"%s\"/>\n",
				links[i].id, links[i].id);
	fputs("  </servers>\n  <payload base-mb=\"8\">\n", f);
	for (int i = 0; i < NCOMP; i++)
		fprintf(f, "    <component id=\"%s\" size-mb=\"%d\"/>\n",
			comp_id[i], comp_mb[i]);
	fputs("  </payload>\n  <clients>\n", f);
}

static void write_scenarios(FILE *f, const struct opts *o)
{
	char a[32], b[32];
	long long day = o->start - o->start % 1440;
	long long fri = day + (long long)((4 - dow(o->start) + 7) % 7) * 1440
			+ 18 * 60;
	if (fri < o->start)
		fri += 7 * 1440;
	fputs("  </clients>\n  <scenarios>\n", f);
	fprintf(f, "    <scenario id=\"weekday\">\n"
		"      <horizon start=\"%s\" end=\"%s\"/>\n"
		"      <policy logon-scripts=\"phased\"/>\n"
		"    </scenario>\n", fmt_dt(o->start, a),
		fmt_dt(o->start + 5 * 1440, b));
	fprintf(f, "    <scenario id=\"weekend\">\n"
		"      <horizon start=\"%s\" end=\"%s\"/>\n"
		"      <policy logon-scripts=\"disabled\"/>\n"
		"      <profile id=\"wan-office\" default=\"2%%\"/>\n"
		"      <profile id=\"lan-office\" default=\"2%%\"/>\n",
		fmt_dt(fri, a), fmt_dt(fri + (2 * 24 + 14) * 60, b));
	fprintf(f, "      <exception calendar=\"workday\" from=\"%s\" to=\"%s\""
		" state=\"on\"/>\n", fmt_dt(fri - 30, a),
		fmt_dt(fri + (2 * 24 + 14) * 60 + 30, b));
	fprintf(f, "      <exception calendar=\"overnight\" from=\"%s\""
		" to=\"%s\" state=\"on\"/>\n", fmt_dt(fri - 30, a),
		fmt_dt(fri + (2 * 24 + 14) * 60 + 30, b));
	for (int c = 0; c < ncaps; c++)
		fprintf(f, "      <cap id=\"%s\" ready=\"%s\"/>\n", caps[c].id,
			fmt_dt(fri, a));
	fputs("    </scenario>\n  </scenarios>\n</site>\n", f);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
	struct opts o;
	FILE *csv = NULL;
	unsigned *keys;
	long long maxseg = 0, nrec = 0, serial = 0;
	int width;
	static char obuf[1 << 20], cbuf[1 << 20];

	parse_opts(argc, argv, &o);
	rng_seed((u64)o.seed);
	build(&o);

	out = o.out ? fopen(o.out, "w") : stdout;
	if (!out) {
		fprintf(stderr, "gen: cannot write '%s': %s\n", o.out,
			strerror(errno));
		return 1;
	}
	setvbuf(out, obuf, _IOFBF, sizeof obuf);
	if (o.csv) {
		csv = fopen(o.csv, "w");
		if (!csv) {
			fprintf(stderr, "gen: cannot write '%s': %s\n", o.csv,
				strerror(errno));
			return 1;
		}
		setvbuf(csv, cbuf, _IOFBF, sizeof cbuf);
		fprintf(csv, "id,%sos,segment,cap,calendar,triggers,phase,"
			"components,connection,office\n",
			o.groups ? "count," : "");
	}
	write_head(out, &o);
	if (csv)
		fprintf(out, "    <inventory file=\"%s\"/>\n", base_name(o.csv));

	for (int i = 0; i < nsegs; i++)
		if (segs[i].nclients > maxseg)
			maxseg = segs[i].nclients;
	keys = xcalloc((size_t)maxseg, sizeof *keys);
	width = ndigits(o.clients);
	for (int i = 0; i < nsegs; i++) {
		const struct seg *g = &segs[i];
		long long n = g->nclients;
		char id[96];
		/* Clients come in batches of identical machines (one
		 * department, one install day, so one ccim phase); batches
		 * keep the number of distinct classes, and groups, small. */
		long long avg = n / 8 < 1 ? 1 : n / 8 > 12 ? 12 : n / 8;
		for (long long k = 0; k < n;) {
			unsigned key = draw_client(g, &o);
			/* Laptops are bought one by one.  On a branch, a
			 * batch that shares its few opportunities (no push)
			 * would crowd them: those come a few at a time. */
			int few = K_RAS(key) || (g->wan >= 0
						 && !(K_TRIG(key) & T_PUSH));
			long long m = few ? 1 + below(3)
				      : 1 + below((unsigned)(2 * avg - 1));
			for (; m > 0 && k < n; m--)
				keys[k++] = key;
		}
		if (!o.groups) {
			for (long long k = 0; k < n; k++) {
				snprintf(id, sizeof id, "pc%0*lld", width & 15,
					 ++serial);
				nrec++;
				if (csv) {
					csv_row(csv, id, 1, keys[k], g, &o);
					continue;
				}
				fprintf(out, "    <client id=\"%s\"", id);
				client_attrs(out, keys[k], g, &o);
				fputs("/>\n", out);
			}
			continue;
		}
		/* Groups: identical clients of a segment, in key order. */
		qsort(keys, (size_t)n, sizeof *keys, cmp_u32);
		for (long long k = 0, j = 0; k < n; k = j) {
			while (j < n && keys[j] == keys[k])
				j++;
			snprintf(id, sizeof id, "%s.g%lld", links[g->link].id,
				 ++nrec);
			if (csv) {
				csv_row(csv, id, j - k, keys[k], g, &o);
				continue;
			}
			fprintf(out, "    <group id=\"%s\" count=\"%lld\"", id,
				j - k);
			client_attrs(out, keys[k], g, &o);
			fputs("/>\n", out);
		}
	}
	write_scenarios(out, &o);

	if (csv && (fflush(csv) || ferror(csv) || fclose(csv))) {
		fprintf(stderr, "gen: write error on '%s'\n", o.csv);
		return 1;
	}
	if (fflush(out) || ferror(out) || (o.out && fclose(out))) {
		fprintf(stderr, "gen: write error on '%s'\n",
			o.out ? o.out : "stdout");
		return 1;
	}
	if (!o.quiet) {
		int speed[NWAN] = { 0 };
		for (int i = 0; i < nsegs; i++)
			for (int s = 0; s < NWAN && segs[i].wan >= 0; s++)
				if (links[segs[i].wan].kbps == wan_kbps[s])
					speed[s]++;
		fprintf(stderr, "gen: %lld clients in %lld %s, %d links, "
			"%d segments, %d caps\ngen: branch links by kbit/s:",
			o.clients, nrec, o.groups ? "groups" : "records",
			nlinks, nsegs, ncaps);
		for (int s = 0; s < NWAN; s++)
			fprintf(stderr, " %d:%d", wan_kbps[s], speed[s]);
		fputc('\n', stderr);
	}
	free(keys);
	free(links);
	free(segs);
	free(caps);
	return 0;
}
