/*
 * expand.c - calendars, background profiles, reboot windows and triggers
 * expanded onto the slots of the horizon (docs/semantics.md, "Calendars and
 * presence" and "Trigger occurrences").
 *
 * Everything is computed lazily and cached: a calendar's slot bit set once
 * per calendar, a profile's background once per profile, the reboot bit set
 * once, and the logon and push opportunities once per distinct key
 * (calendar, office in force, logon/push bits, first ready slot).  The ccim
 * occurrences depend on each record's phase, so they are laid over the
 * cached part per record: at most one instant per 23 h, a few hundred in a
 * year, where caching by phase would keep up to 1380 copies of a list as
 * long as the horizon.  A site of 100,000 client records sharing a few
 * calendars therefore costs a few expansions plus one hash lookup and one
 * merge per record.
 *
 * Calendars are expanded as interval lists, not minute by minute: the weekly
 * windows are laid over the weeks of [H0 - L, H0 + T*L), merged, then each
 * exception is cut out or merged in, in order.  A slot is on iff one merged
 * interval covers it entirely (merged intervals never touch, so a slot
 * covered by two touching windows is covered by their merge).
 */
#include "expand.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

__extension__ typedef __int128 i128;

struct ival {
	ro_time a, b;   /* [a, b) */
};

/* Logon and push opportunities depend on nothing else of a record (the
 * policy is global to the site). */
struct opp_key {
	int32_t cal;        /* presence calendar */
	int32_t office;     /* office calendar intersected, -1: none */
	int32_t ready;      /* first slot starting at or after CAP ready, 0..T */
	uint8_t triggers;   /* RO_TRIG_LOGON and RO_TRIG_PUSH bits only */
};

struct opp_entry {
	struct opp_key k;
	bool used;
	struct ro_opp *v;   /* NULL when n == 0 */
	size_t n;
};

struct ro_expand {
	const struct ro_site *s;
	ro_time h0;
	int32_t L, T;
	size_t words;

	uint64_t **cal;      /* per calendar, NULL until computed */
	uint32_t **bg;       /* per profile: T values, NULL until computed */
	uint64_t *reboot;    /* NULL until computed */

	struct opp_entry *tab;  /* open addressing, cap a power of two */
	size_t tab_cap, tab_n;
	uint64_t *on;        /* words of scratch: a record's on slots */
	uint8_t *trig;       /* T bytes of scratch, kept all zero between uses */
	int32_t *ccim;       /* scratch: a record's ccim slots */
	size_t nccim_max;
};

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t floormod(int64_t a, int64_t b)
{
	return a - floordiv(a, b) * b;
}

static int64_t ceildiv(int64_t a, int64_t b)
{
	return -floordiv(-a, b);
}

struct ro_expand *ro_expand_new(const struct ro_site *s)
{
	struct ro_expand *x;

	if (!s)
		return NULL;
	x = ro_calloc(1, sizeof *x);
	if (!x)
		return NULL;
	x->s = s;
	x->h0 = s->horizon.start;
	x->L = s->horizon.slot_min > 0 ? s->horizon.slot_min : 1;
	x->T = s->horizon.nslots > 0 ? s->horizon.nslots : 0;
	x->words = ro_bits_words(x->T);
	if (s->ncalendars) {
		x->cal = ro_calloc(s->ncalendars, sizeof *x->cal);
		if (!x->cal)
			goto out_free;
	}
	if (s->nprofiles) {
		x->bg = ro_calloc(s->nprofiles, sizeof *x->bg);
		if (!x->bg)
			goto out_free;
	}
	return x;

out_free:
	ro_expand_free(x);
	return NULL;
}

void ro_expand_free(struct ro_expand *x)
{
	if (!x)
		return;
	if (x->cal)
		for (size_t i = 0; i < x->s->ncalendars; i++)
			ro_free(x->cal[i]);
	if (x->bg)
		for (size_t i = 0; i < x->s->nprofiles; i++)
			ro_free(x->bg[i]);
	for (size_t i = 0; i < x->tab_cap; i++)
		ro_free(x->tab[i].v);
	ro_free(x->cal);
	ro_free(x->bg);
	ro_free(x->reboot);
	ro_free(x->tab);
	ro_free(x->on);
	ro_free(x->trig);
	ro_free(x->ccim);
	ro_free(x);
}

bool ro_wspans_contain(const struct ro_wspan *w, size_t n, int wm)
{
	if (!w || wm < 0 || wm >= RO_WEEK_MIN)
		return false;
	for (size_t i = 0; i < n; i++) {
		/* a span may run past Sunday 24:00 into the next week */
		if ((wm >= w[i].from && wm < w[i].to) ||
		    (wm + RO_WEEK_MIN >= w[i].from && wm + RO_WEEK_MIN < w[i].to))
			return true;
	}
	return false;
}

bool ro_calendar_on_at(const struct ro_calendar *c, ro_time m)
{
	bool on;

	if (!c)
		return false;
	on = ro_wspans_contain(c->weekly, c->nweekly, ro_time_week_minute(m));
	for (size_t i = 0; i < c->nexc; i++)
		if (m >= c->exc[i].from && m < c->exc[i].to)
			on = c->exc[i].on;
	return on;
}

/* Sets bits of slots t0 .. t1 (inclusive, -1 <= t0, t1 <= T-1). */
static void set_slots(uint64_t *bits, int32_t t0, int32_t t1)
{
	for (uint32_t i = (uint32_t)(t0 + 1); i <= (uint32_t)(t1 + 1);) {
		if (i % 64 == 0 && i + 63 <= (uint32_t)(t1 + 1)) {
			bits[i / 64] = ~(uint64_t)0;
			i += 64;
		} else {
			bits[i / 64] |= (uint64_t)1 << (i % 64);
			i++;
		}
	}
}

static int cmp_ival(const void *pa, const void *pb)
{
	const struct ival *a = pa, *b = pb;

	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

/* Merges overlapping or touching intervals of a sorted list in place. */
static size_t merge_sorted(struct ival *v, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (k > 0 && v[i].a <= v[k - 1].b) {
			if (v[i].b > v[k - 1].b)
				v[k - 1].b = v[i].b;
		} else {
			v[k++] = v[i];
		}
	}
	return k;
}

/* The on-intervals of calendar c inside [A, B), sorted, merged. */
static int calendar_intervals(const struct ro_calendar *c, ro_time A,
			      ro_time B, struct ival **out, size_t *nout)
{
	/* weekly spans reach at most one week past their week's Monday, so
	 * starting a week before A's week covers every occurrence */
	ro_time base = A - ro_time_week_minute(A) - RO_WEEK_MIN;
	size_t nweeks = (size_t)((B - base) / RO_WEEK_MIN) + 1;
	size_t cap = nweeks * c->nweekly + c->nexc + 1, n = 0;
	struct ival *v, *w;

	v = ro_reallocarray(NULL, cap, sizeof *v);
	w = ro_reallocarray(NULL, cap, sizeof *w);
	if (!v || !w) {
		ro_free(v);
		ro_free(w);
		return RO_ENOMEM;
	}
	for (ro_time wk = base; wk < B; wk += RO_WEEK_MIN) {
		for (size_t i = 0; i < c->nweekly; i++) {
			ro_time a = wk + c->weekly[i].from, b = wk + c->weekly[i].to;
			if (a < A)
				a = A;
			if (b > B)
				b = B;
			if (a < b && n < cap)
				v[n++] = (struct ival){ a, b };
		}
	}
	qsort(v, n, sizeof *v, cmp_ival);
	n = merge_sorted(v, n);

	for (size_t e = 0; e < c->nexc; e++) {
		ro_time f = c->exc[e].from, t = c->exc[e].to;
		size_t m = 0, i = 0;

		if (f < A)
			f = A;
		if (t > B)
			t = B;
		if (f >= t)
			continue;
		/* pieces left of f, then the exception if on, then pieces right
		 * of t: the output stays sorted, only touching needs a merge */
		for (; i < n && v[i].a < f; i++)
			w[m++] = (struct ival){ v[i].a, v[i].b < f ? v[i].b : f };
		if (c->exc[e].on)
			w[m++] = (struct ival){ f, t };
		for (i = 0; i < n; i++) {
			if (v[i].b <= t)
				continue;
			w[m++] = (struct ival){ v[i].a > t ? v[i].a : t, v[i].b };
		}
		n = merge_sorted(w, m);
		struct ival *tmp = v;
		v = w;
		w = tmp;
	}
	ro_free(w);
	*out = v;
	*nout = n;
	return RO_OK;
}

const uint64_t *ro_expand_calendar(struct ro_expand *x, int32_t cal)
{
	struct ival *iv;
	size_t n;
	uint64_t *bits;

	if (!x || cal < 0 || (size_t)cal >= x->s->ncalendars)
		return NULL;
	if (x->cal[cal])
		return x->cal[cal];
	bits = ro_calloc(x->words, sizeof *bits);
	if (!bits)
		return NULL;
	ro_time A = x->h0 - x->L, B = x->h0 + (ro_time)x->T * x->L;
	if (calendar_intervals(&x->s->calendars[cal], A, B, &iv, &n) != RO_OK) {
		ro_free(bits);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		int64_t t0 = ceildiv(iv[i].a - x->h0, x->L);
		int64_t t1 = floordiv(iv[i].b - x->h0, x->L) - 1;
		if (t0 < -1)
			t0 = -1;
		if (t1 > x->T - 1)
			t1 = x->T - 1;
		if (t0 <= t1)
			set_slots(bits, (int32_t)t0, (int32_t)t1);
	}
	ro_free(iv);
	x->cal[cal] = bits;
	return bits;
}

/* The office calendar in force for record c, or -1. */
static int32_t office_of(const struct ro_client *c, bool lan_only)
{
	return lan_only && c->conn == RO_CONN_RAS ? c->office : -1;
}

static int on_bits(struct ro_expand *x, int32_t cal, int32_t office,
		   uint64_t *out)
{
	const uint64_t *p = ro_expand_calendar(x, cal), *o = NULL;

	if (!p)
		return RO_ENOMEM;
	if (office >= 0) {
		o = ro_expand_calendar(x, office);
		if (!o)
			return RO_ENOMEM;
	}
	for (size_t i = 0; i < x->words; i++)
		out[i] = o ? p[i] & o[i] : p[i];
	return RO_OK;
}

static bool record_ok(const struct ro_expand *x, size_t r)
{
	const struct ro_site *s = x->s;
	const struct ro_client *c;

	if (r >= s->nclients)
		return false;
	c = &s->clients[r];
	if (c->calendar < 0 || (size_t)c->calendar >= s->ncalendars ||
	    c->server < 0 || (size_t)c->server >= s->nservers)
		return false;
	if (c->conn == RO_CONN_RAS && c->office >= 0 &&
	    (size_t)c->office >= s->ncalendars)
		return false;
	return true;
}

int ro_expand_client_on(struct ro_expand *x, size_t r, bool lan_only,
			uint64_t *out)
{
	if (!x || !out || !record_ok(x, r))
		return RO_EARG;
	const struct ro_client *c = &x->s->clients[r];
	return on_bits(x, c->calendar, office_of(c, lan_only), out);
}

int32_t ro_expand_ready_slot(const struct ro_expand *x, int32_t server)
{
	ro_time ready;
	int64_t t;

	if (!x || server < 0 || (size_t)server >= x->s->nservers)
		return -1;
	ready = x->s->servers[server].ready;
	t = ready <= x->h0 ? 0 : ceildiv(ready - x->h0, x->L);
	return t > x->T ? x->T : (int32_t)t;
}

static uint64_t key_hash(const struct opp_key *k)
{
	uint64_t h = 0x9e3779b97f4a7c15u;
	int64_t f[4] = { k->cal, k->office, k->ready, k->triggers };

	for (int i = 0; i < 4; i++) {
		h ^= (uint64_t)f[i] + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
		h *= 0xff51afd7ed558ccdu;
	}
	return h ^ (h >> 33);
}

static bool key_eq(const struct opp_key *a, const struct opp_key *b)
{
	return a->cal == b->cal && a->office == b->office &&
	       a->ready == b->ready &&
	       a->triggers == b->triggers;
}

/* The slot of key k in the table (used or the empty slot to fill). */
static struct opp_entry *tab_find(struct ro_expand *x, const struct opp_key *k)
{
	size_t mask = x->tab_cap - 1, i = (size_t)key_hash(k) & mask;

	while (x->tab[i].used && !key_eq(&x->tab[i].k, k))
		i = (i + 1) & mask;
	return &x->tab[i];
}

static int tab_grow(struct ro_expand *x)
{
	size_t cap = x->tab_cap ? 2 * x->tab_cap : 64;
	struct opp_entry *old = x->tab, *nt = ro_calloc(cap, sizeof *nt);
	size_t oldcap = x->tab_cap;

	if (!nt)
		return RO_ENOMEM;
	x->tab = nt;
	x->tab_cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used)
			*tab_find(x, &old[i].k) = old[i];
	ro_free(old);
	return RO_OK;
}

/* Fills e (key already set) with the opportunities of its key. */
static int compute_opps(struct ro_expand *x, struct opp_entry *e)
{
	const struct opp_key *k = &e->k;
	const struct ro_policy *pol = &x->s->policy;
	int32_t T = x->T, rs = k->ready;
	size_t n = 0;
	int rc;

	if (!x->on) {
		x->on = ro_calloc(x->words, sizeof *x->on);
		if (!x->on)
			return RO_ENOMEM;
	}
	if (!x->trig) {
		x->trig = ro_calloc((size_t)T + 1, 1);
		if (!x->trig)
			return RO_ENOMEM;
	}
	rc = on_bits(x, k->cal, k->office, x->on);
	if (rc != RO_OK)
		return rc;
	const uint64_t *on = x->on;
	uint8_t *trig = x->trig;

	if (k->triggers & RO_TRIG_PUSH)
		for (int32_t t = rs; t < T; t++)
			if (ro_bit(on, t))
				trig[t] |= RO_TRIG_PUSH;
	if ((k->triggers & RO_TRIG_LOGON) && pol->logon != RO_LOGON_DISABLED) {
		ro_time last_day = 0;
		bool any = false;
		for (int32_t t = rs; t < T; t++) {
			if (!ro_bit(on, t) || ro_bit(on, t - 1))
				continue;
			if (pol->logon == RO_LOGON_ENABLED) {
				trig[t] |= RO_TRIG_LOGON;
				break;
			}
			/* phased: the first of each calendar day */
			ro_time day = ro_time_day_start(x->h0 + (ro_time)t * x->L);
			if (!any || day != last_day) {
				trig[t] |= RO_TRIG_LOGON;
				last_day = day;
				any = true;
			}
		}
	}

	for (int32_t t = rs; t < T; t++)
		n += trig[t] != 0;
	e->n = n;
	e->v = NULL;
	if (n == 0)
		return RO_OK;
	e->v = ro_reallocarray(NULL, n, sizeof *e->v);
	if (!e->v) {
		memset(trig, 0, (size_t)T);
		return RO_ENOMEM;
	}
	n = 0;
	for (int32_t t = rs; t < T; t++) {
		if (trig[t]) {
			e->v[n++] = (struct ro_opp){ t, trig[t] };
			trig[t] = 0;
		}
	}
	return RO_OK;
}

/* The cached logon and push opportunities of record r (computed on first
 * use). */
static int lookup_opps(struct ro_expand *x, size_t r, bool lan_only,
		       const struct opp_entry **out)
{
	const struct ro_client *c;
	struct opp_key k;
	struct opp_entry *e;
	int rc;

	if (!x || !record_ok(x, r))
		return RO_EARG;
	c = &x->s->clients[r];
	memset(&k, 0, sizeof k);
	k.cal = c->calendar;
	k.office = office_of(c, lan_only);
	k.ready = ro_expand_ready_slot(x, c->server);
	k.triggers = c->triggers & (RO_TRIG_LOGON | RO_TRIG_PUSH);
	if (2 * (x->tab_n + 1) > x->tab_cap) {
		rc = tab_grow(x);
		if (rc != RO_OK)
			return rc;
	}
	e = tab_find(x, &k);
	if (!e->used) {
		e->k = k;
		rc = compute_opps(x, e);
		if (rc != RO_OK)
			return rc;
		e->used = true;
		x->tab_n++;
	}
	*out = e;
	return RO_OK;
}

/* The ccim occurrences of record r (sorted, distinct slots, at or after the
 * ready slot, on) into x->ccim; *n receives their number. */
static int ccim_slots(struct ro_expand *x, size_t r, bool lan_only, size_t *n)
{
	const struct ro_client *c = &x->s->clients[r];
	const uint64_t *p, *o = NULL;
	int32_t rs = ro_expand_ready_slot(x, c->server), office;
	int64_t end = (int64_t)x->T * x->L;
	ro_time phase = c->has_phase ? c->phase : x->h0;
	size_t k = 0;

	*n = 0;
	if (!(c->triggers & RO_TRIG_CCIM))
		return RO_OK;
	if (!x->ccim) {
		x->nccim_max = (size_t)(end / RO_CCIM_PERIOD_MIN) + 1;
		x->ccim = ro_reallocarray(NULL, x->nccim_max, sizeof *x->ccim);
		if (!x->ccim)
			return RO_ENOMEM;
	}
	p = ro_expand_calendar(x, c->calendar);
	if (!p)
		return RO_ENOMEM;
	office = office_of(c, lan_only);
	if (office >= 0) {
		o = ro_expand_calendar(x, office);
		if (!o)
			return RO_ENOMEM;
	}
	/* the first instant phase + k * 1380 at or after H0 */
	for (int64_t i = floormod(phase - x->h0, RO_CCIM_PERIOD_MIN); i < end;
	     i += RO_CCIM_PERIOD_MIN) {
		int32_t t = (int32_t)(i / x->L);
		if (t < rs || !ro_bit(p, t) || (o && !ro_bit(o, t)))
			continue;
		/* slots longer than 23 h can hold two instants */
		if (k > 0 && x->ccim[k - 1] == t)
			continue;
		if (k < x->nccim_max)
			x->ccim[k++] = t;
	}
	*n = k;
	return RO_OK;
}

int ro_expand_opportunities(struct ro_expand *x, size_t r, bool lan_only,
			    struct ro_opp **v, size_t *n)
{
	const struct opp_entry *e;
	struct ro_opp *out;
	size_t nc, i = 0, j = 0, k = 0;
	int rc;

	if (!v || !n)
		return RO_EARG;
	rc = lookup_opps(x, r, lan_only, &e);
	if (rc == RO_OK)
		rc = ccim_slots(x, r, lan_only, &nc);
	if (rc != RO_OK)
		return rc;
	*v = NULL;
	*n = 0;
	if (e->n + nc == 0)
		return RO_OK;
	out = ro_reallocarray(NULL, e->n + nc, sizeof *out);
	if (!out)
		return RO_ENOMEM;
	/* merge two sorted lists; a ccim slot that logon or push also has
	 * adds its bit to that opportunity */
	while (i < e->n || j < nc) {
		if (j == nc || (i < e->n && e->v[i].slot < x->ccim[j])) {
			out[k++] = e->v[i++];
		} else if (i == e->n || x->ccim[j] < e->v[i].slot) {
			out[k++] = (struct ro_opp){ x->ccim[j++], RO_TRIG_CCIM };
		} else {
			out[k] = e->v[i++];
			out[k++].triggers |= RO_TRIG_CCIM;
			j++;
		}
	}
	*v = out;
	*n = k;
	return RO_OK;
}

static bool has_slot(const struct ro_opp *v, size_t n, int32_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].slot < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].slot == t;
}

int ro_expand_count_opportunities(struct ro_expand *x, size_t r,
				  bool lan_only, size_t *n)
{
	const struct opp_entry *e;
	size_t nc;
	int rc;

	if (!n)
		return RO_EARG;
	rc = lookup_opps(x, r, lan_only, &e);
	if (rc != RO_OK)
		return rc;
	/* push fires in every on slot from the ready slot: a ccim occurrence
	 * can only add a bit to one of those */
	if (x->s->clients[r].triggers & RO_TRIG_PUSH) {
		*n = e->n;
		return RO_OK;
	}
	rc = ccim_slots(x, r, lan_only, &nc);
	if (rc != RO_OK)
		return rc;
	*n = e->n;
	for (size_t j = 0; j < nc; j++)
		*n += !has_slot(e->v, e->n, x->ccim[j]);
	return RO_OK;
}

/* Profile p over one week, minute by minute: default, then levels in
 * order, later ones win. */
static void profile_week(const struct ro_profile *p, uint32_t *wk)
{
	for (int m = 0; m < RO_WEEK_MIN; m++)
		wk[m] = p->default_ppm;
	for (size_t i = 0; i < p->nlevels; i++) {
		const struct ro_wspan *sp = &p->levels[i].span;
		for (int32_t m = sp->from; m < sp->to; m++)
			if (m >= 0)
				wk[m % RO_WEEK_MIN] = p->levels[i].ppm;
	}
}

/* The highest value of a weekly minute array over the minutes of slot t;
 * a slot longer than a week sees every minute of the week. */
static uint32_t slot_max(const struct ro_expand *x, const uint32_t *wk,
			 int32_t t)
{
	int wm = ro_time_week_minute(x->h0 + (ro_time)t * x->L);
	int len = x->L < RO_WEEK_MIN ? x->L : RO_WEEK_MIN;
	uint32_t best = 0;

	for (int i = 0; i < len; i++) {
		if (wk[wm] > best)
			best = wk[wm];
		if (++wm == RO_WEEK_MIN)
			wm = 0;
	}
	return best;
}

/* Without a cache (allocation failed): the profile value at a minute. */
static uint32_t profile_at(const struct ro_profile *p, int wm)
{
	uint32_t v = p->default_ppm;

	for (size_t i = 0; i < p->nlevels; i++)
		if (ro_wspans_contain(&p->levels[i].span, 1, wm))
			v = p->levels[i].ppm;
	return v;
}

uint32_t ro_expand_background(struct ro_expand *x, int32_t l, int32_t t)
{
	int32_t p;

	if (!x || l < 0 || (size_t)l >= x->s->nlinks || t < 0 || t >= x->T)
		return 0;
	p = x->s->links[l].profile;
	if (p < 0 || (size_t)p >= x->s->nprofiles)
		return 0;
	if (!x->bg[p]) {
		uint32_t *wk = ro_malloc(RO_WEEK_MIN * sizeof *wk);
		uint32_t *v = ro_reallocarray(NULL, (size_t)x->T, sizeof *v);
		if (!wk || !v) {
			ro_free(wk);
			ro_free(v);
			goto uncached;
		}
		profile_week(&x->s->profiles[p], wk);
		for (int32_t i = 0; i < x->T; i++)
			v[i] = slot_max(x, wk, i);
		ro_free(wk);
		x->bg[p] = v;
	}
	return x->bg[p][t];

uncached: {
		/* correct, only slower: the result needs no allocation */
		int wm = ro_time_week_minute(x->h0 + (ro_time)t * x->L);
		int len = x->L < RO_WEEK_MIN ? x->L : RO_WEEK_MIN;
		uint32_t best = 0;
		for (int i = 0; i < len; i++) {
			uint32_t v = profile_at(&x->s->profiles[p], wm);
			if (v > best)
				best = v;
			if (++wm == RO_WEEK_MIN)
				wm = 0;
		}
		return best;
	}
}

int64_t ro_expand_usable(struct ro_expand *x, int32_t l, int32_t t)
{
	const struct ro_link *k;
	uint32_t bg;
	i128 u;

	if (!x || l < 0 || (size_t)l >= x->s->nlinks || t < 0 || t >= x->T)
		return 0;
	k = &x->s->links[l];
	bg = ro_expand_background(x, l, t);
	if (bg >= RO_PPM || k->capacity_bps <= 0)
		return 0;
	/* at most 1e12 * 1e6 * 1e6 * 60 * 527040 ~ 3.2e31: fits 128 bits;
	 * the quotient is at most ~4e18: fits 64 */
	u = (i128)k->capacity_bps * (RO_PPM - bg) * k->share_ppm * 60 * x->L;
	return (int64_t)(u / ((i128)8 * 1000000 * 1000000));
}

/* Whether each minute of slot t is inside some reboot window: the windows
 * are a union, so a slot that runs from one window into a touching or
 * overlapping one is allowed (docs/semantics.md reads "inside a reboot
 * window"; overnight windows given per day overlap at midnight). */
static bool reboot_slot_ok(const struct ro_expand *x, const uint8_t *cover,
			   int32_t t)
{
	const struct ro_policy *pol = &x->s->policy;
	int wm = ro_time_week_minute(x->h0 + (ro_time)t * x->L);
	int len = x->L < RO_WEEK_MIN ? x->L : RO_WEEK_MIN;

	for (int i = 0; i < len; i++) {
		bool in = cover ? cover[wm] != 0
				: ro_wspans_contain(pol->reboot_windows,
						    pol->nreboot_windows, wm);
		if (!in)
			return false;
		if (++wm == RO_WEEK_MIN)
			wm = 0;
	}
	return true;
}

int ro_expand_reboot_bits(struct ro_expand *x, const uint64_t **out)
{
	const struct ro_policy *pol = &x->s->policy;

	*out = NULL;
	if (pol->nreboot_windows == 0)
		return RO_OK;
	if (!x->reboot) {
		uint8_t *cover = ro_calloc(RO_WEEK_MIN, 1);
		uint64_t *bits = ro_calloc(x->words, sizeof *bits);
		if (!cover || !bits) {
			ro_free(cover);
			ro_free(bits);
			return RO_ENOMEM;
		}
		for (size_t i = 0; i < pol->nreboot_windows; i++)
			for (int32_t m = pol->reboot_windows[i].from;
			     m < pol->reboot_windows[i].to; m++)
				if (m >= 0)
					cover[m % RO_WEEK_MIN] = 1;
		for (int32_t i = -1; i < x->T; i++)
			if (reboot_slot_ok(x, cover, i))
				set_slots(bits, i, i);
		ro_free(cover);
		x->reboot = bits;
	}
	*out = x->reboot;
	return RO_OK;
}

bool ro_expand_reboot_ok(struct ro_expand *x, int32_t t)
{
	const uint64_t *bits;

	if (!x || t < -1 || t >= x->T)
		return false;
	if (ro_expand_reboot_bits(x, &bits) != RO_OK)
		return reboot_slot_ok(x, NULL, t);
	return !bits || ro_bit(bits, t);
}
