/*
 * verify.c - the independent check of a plan (docs/semantics.md).
 *
 * Written from the semantics alone, never from solver/: from each client's
 * start slot it recomputes duration, charge, end and reboot slots (the
 * restart rule is the model's, model/reboot.h), adds the charges onto the
 * links of the path, counts server concurrency and reboots per segment,
 * and compares everything with the limits in exact integer arithmetic
 * (128-bit where a product can pass 64 bits).
 *
 * Work is per record, not per client, where the result cannot differ: a
 * record's duration, charge, path and opportunities are computed once, and
 * consecutive records with the same calendars, triggers and CAP share their
 * expansion.  Per client there is only the check of its own start and the
 * additions of its charge, so 100,000 clients cost well under a second.
 */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "reboot.h"

__extension__ typedef unsigned __int128 u128;

#define NAME_MAX_LEN 256

struct ctx {
	const struct ro_site *s;
	struct ro_expand *x;
	const struct ro_plan *p;
	struct ro_eval *ev;
	struct ro_diag *v;
	long nviol;
	int32_t T, L, K;
	size_t words;
	const uint64_t *rb_ok;  /* reboot windows (expand.h), NULL: none */
	int32_t *path;          /* nlinks: scratch for one record's path */

	/* expansion of the record last looked at (lan_only = true) */
	long on_rec, opp_rec, pres_rec;
	uint64_t *on, *pres;
	struct ro_opp *opp;
	size_t nopp;
};

static void viol(struct ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void viol(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	c->nviol++;
	va_start(ap, fmt);
	ro_diag_vadd(c->v, NULL, 0, fmt, ap);
	va_end(ap);
}

/* A violation of a claim the schedule file makes on line (0: unknown). */
static void viol_at(struct ctx *c, long line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void viol_at(struct ctx *c, long line, const char *fmt, ...)
{
	va_list ap;

	c->nviol++;
	va_start(ap, fmt);
	ro_diag_vadd(c->v, NULL, line, fmt, ap);
	va_end(ap);
}

/* The start of slot t (any t: a claim may lie past the horizon). */
static ro_time slot_time(const struct ctx *c, int64_t t)
{
	return c->s->horizon.start + t * c->L;
}

static const char *slot_str(const struct ctx *c, int64_t t, char *buf)
{
	return ro_time_format(c->s->horizon.start + t * c->L, buf);
}

/* First slot in [from, to) that is off in bits, or to when all are on. */
static int32_t first_off(const uint64_t *b, int32_t from, int32_t to)
{
	int32_t t = from;

	while (t < to) {
		uint32_t i = (uint32_t)(t + 1);
		uint64_t w = ~b[i / 64] >> (i % 64);
		if (w) {
			int64_t f = (int64_t)t + __builtin_ctzll(w);
			return f < to ? (int32_t)f : to;
		}
		t += 64 - (int32_t)(i % 64);
	}
	return to;
}

bool ro_same_presence(const struct ro_client *a, const struct ro_client *b)
{
	return a->calendar == b->calendar && a->office == b->office &&
	       a->conn == b->conn;
}

bool ro_same_opportunities(const struct ro_client *a,
			   const struct ro_client *b)
{
	return ro_same_presence(a, b) && a->triggers == b->triggers &&
	       a->has_phase == b->has_phase &&
	       (!a->has_phase || a->phase == b->phase) && a->server == b->server;
}

static int load_on(struct ctx *c, size_t r)
{
	const struct ro_client *cl = c->s->clients;

	if (c->on_rec >= 0 && ro_same_presence(&cl[r], &cl[c->on_rec]))
		return RO_OK;
	c->on_rec = -1;
	if (ro_expand_client_on(c->x, r, true, c->on) != RO_OK)
		return RO_ENOMEM;
	c->on_rec = (long)r;
	return RO_OK;
}

static int load_presence(struct ctx *c, size_t r)
{
	const struct ro_client *cl = c->s->clients;

	if (c->pres_rec >= 0 && ro_same_presence(&cl[r], &cl[c->pres_rec]))
		return RO_OK;
	c->pres_rec = -1;
	if (ro_expand_client_on(c->x, r, false, c->pres) != RO_OK)
		return RO_ENOMEM;
	c->pres_rec = (long)r;
	return RO_OK;
}

static int load_opps(struct ctx *c, size_t r)
{
	const struct ro_client *cl = c->s->clients;

	if (c->opp_rec >= 0 && ro_same_opportunities(&cl[r], &cl[c->opp_rec]))
		return RO_OK;
	ro_free(c->opp);
	c->opp = NULL;
	c->nopp = 0;
	c->opp_rec = -1;
	if (ro_expand_opportunities(c->x, r, true, &c->opp, &c->nopp) != RO_OK)
		return RO_ENOMEM;
	c->opp_rec = (long)r;
	return RO_OK;
}

static const struct ro_opp *find_opp(const struct ctx *c, int32_t slot)
{
	size_t lo = 0, hi = c->nopp;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->opp[mid].slot < slot)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nopp && c->opp[lo].slot == slot ? &c->opp[lo] : NULL;
}

/* U(l,t) = floor(capacity * (1e6 - bg) * share * 60 * L / 8e12). */
static int64_t usable(int64_t cap, uint32_t bg, uint32_t share, int32_t L)
{
	u128 v;

	if (bg >= RO_PPM || cap <= 0)
		return 0;
	v = (u128)cap * (RO_PPM - bg) * share * 60u * (uint32_t)L;
	v /= (u128)8000000000000ull;
	return v > (u128)INT64_MAX ? INT64_MAX : (int64_t)v;
}

/* Rate R of a record as a u128 in bit/s * 1e6 (docs/semantics.md). */
static u128 rate_ppm(const struct ro_site *s, const struct ro_client *cl,
		     const int32_t *path, int npath)
{
	u128 R = 0;

	if (cl->rate_bps > 0)
		return (u128)cl->rate_bps * RO_PPM;
	for (int i = 0; i < npath; i++) {
		const struct ro_link *l = &s->links[path[i]];
		u128 v = (u128)(l->capacity_bps > 0 ? l->capacity_bps : 0) *
			 l->share_ppm;
		if (i == 0 || v < R)
			R = v;
	}
	return R;
}

double ro_transfer_rate_ppm(const struct ro_site *s,
			    const struct ro_client *cl, const int32_t *path,
			    int npath)
{
	return (double)rate_ppm(s, cl, path, npath);
}

int32_t ro_transfer_slots(const struct ro_site *s, const struct ro_client *cl,
			  const int32_t *path, int npath, int32_t L)
{
	u128 R = rate_ppm(s, cl, path, npath);
	u128 num = (u128)(cl->bytes > 0 ? cl->bytes : 0) * 8u * RO_PPM;
	u128 den = R * 60u * (uint32_t)L, dd;

	if (den == 0)
		return INT32_MAX;
	dd = (num + den - 1) / den;
	if (dd < 1)
		dd = 1;
	return dd > INT32_MAX ? INT32_MAX : (int32_t)dd;
}

/* d and q of record r (path in c->path, length n). */
static void transfer(const struct ctx *c, const struct ro_client *cl,
		     int npath, int32_t *d, int64_t *q)
{
	int64_t S = cl->bytes > 0 ? cl->bytes : 0;
	u128 dd = (u128)ro_transfer_slots(c->s, cl, c->path, npath, c->L);

	*d = (int32_t)dd;
	*q = (int64_t)(((u128)S + dd - 1) / dd);
}

/* The first reboot slot of a start, 64-bit so it cannot wrap (s + d
 * without reboots): the first restart at or after s + d + K by the rule of
 * docs/semantics.md, "Reboots" (model/reboot.h), which leaves the block
 * inside the horizon.  When there is none, the client restarts after the
 * horizon end, at the earliest in slot max(s + d + K, T): a slot >= T
 * says so.  c->on must hold the record's presence (load_on). */
static int64_t reboot_of(const struct ctx *c, const struct ro_client *cl,
			 int64_t s, int32_t d)
{
	int64_t from = s + d + c->K;
	int32_t b = -1;

	if (!cl->reboots)
		return s + d;
	if (from < c->T)
		b = ro_reboot_block(c->on, c->rb_ok, (int32_t)from,
				    cl->reboots, c->T);
	if (b >= 0)
		return b;
	return from > c->T ? from : c->T;
}

/* Completion slot of a start (exclusive end): after the reboots that
 * start at reboot_of. */
static int64_t end_of(const struct ctx *c, const struct ro_client *cl,
		      int64_t s, int32_t d)
{
	return reboot_of(c, cl, s, d) + cl->reboots;
}

/* The reason the semantics give to an unplaced client of record r; *fit
 * receives the first fitting start for RO_REASON_CAPACITY. */
static int recompute_reason(struct ctx *c, size_t r, int32_t d,
			    enum ro_reason *out, int32_t *fit)
{
	const struct ro_client *cl = &c->s->clients[r];
	struct ro_opp *v = NULL;
	size_t n = 0;
	bool by_horizon = false;

	if (load_opps(c, r) != RO_OK || load_on(c, r) != RO_OK)
		return RO_ENOMEM;
	if (c->nopp == 0) {
		/* none on the LAN: a ras client that has some when presence
		 * alone counts would upgrade over RAS */
		if (ro_expand_opportunities(c->x, r, false, &v, &n) != RO_OK)
			return RO_ENOMEM;
		ro_free(v);
		*out = n > 0 && cl->conn == RO_CONN_RAS ? RO_REASON_RAS_ONLY
						       : RO_REASON_NO_OPPORTUNITY;
		return RO_OK;
	}
	for (size_t i = 0; i < c->nopp; i++) {
		int32_t s = c->opp[i].slot;
		int64_t xend = (int64_t)s + d;

		if (xend <= c->T && first_off(c->on, s, (int32_t)xend) == xend) {
			/* the copy fits; without a restart by the horizon
			 * end the client restarts after it */
			if (end_of(c, cl, s, d) <= c->T) {
				*out = RO_REASON_CAPACITY;
				*fit = s;
				return RO_OK;
			}
			by_horizon = true;
		} else if (first_off(c->on, s, c->T) == c->T) {
			by_horizon = true;
		}
	}
	*out = by_horizon ? RO_REASON_HORIZON : RO_REASON_WINDOW;
	return RO_OK;
}

static const char *trig_names(unsigned bits, char *buf)
{
	buf[0] = '\0';
	for (unsigned b = RO_TRIG_CCIM; b <= RO_TRIG_PUSH; b <<= 1)
		if (bits & b) {
			if (buf[0])
				strcat(buf, " ");
			strcat(buf, ro_trigger_name(b));
		}
	return buf;
}

/* Checks the start of placed client i (record r, client k) against the
 * opportunities and calendars, and reports what is wrong.  Returns RO_OK or
 * RO_ENOMEM. */
static int check_start(struct ctx *c, size_t r, const char *name,
		       const struct ro_assign *a, int32_t d)
{
	const struct ro_client *cl = &c->s->clients[r];
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], tb[32];
	int32_t s = a->start;
	int64_t xend = (int64_t)s + d, e, rb;
	int32_t stop, off;
	const struct ro_opp *o;

	if (load_opps(c, r) != RO_OK || load_on(c, r) != RO_OK)
		return RO_ENOMEM;
	rb = reboot_of(c, cl, s, d);
	e = rb + cl->reboots;
	o = find_opp(c, s);
	if (!o && s < ro_expand_ready_slot(c->x, cl->server)) {
		/* say why: the CAP is not ready yet */
		viol(c, "client '%s' start slot %d (%s) is not a start "
			"opportunity: its CAP '%s' is ready only from slot %d",
			name, (int)s, slot_str(c, s, t1),
			ro_site_str(c->s, c->s->servers[cl->server].id),
			(int)ro_expand_ready_slot(c->x, cl->server));
	} else if (!o) {
		viol(c, "client '%s' start slot %d (%s) is not a start "
			"opportunity", name, (int)s, slot_str(c, s, t1));
	} else if (a->trigger != RO_TRIG_CCIM && a->trigger != RO_TRIG_LOGON &&
		   a->trigger != RO_TRIG_PUSH) {
		viol(c, "client '%s' start slot %d (%s): invalid trigger %u",
		     name, (int)s, slot_str(c, s, t1), (unsigned)a->trigger);
	} else if (!(o->triggers & a->trigger)) {
		viol(c, "client '%s' start slot %d (%s): trigger '%s' does not "
			"fire there (fires: %s)", name, (int)s,
		     slot_str(c, s, t1), ro_trigger_name(a->trigger),
		     trig_names(o->triggers, tb));
	}

	/* on for the copy; the client may be off before its restart, and
	 * the rule has it on for its reboots */
	stop = xend < c->T ? (int32_t)xend : c->T;
	off = first_off(c->on, s, stop);
	if (off < stop) {
		bool away = false;
		if (cl->conn == RO_CONN_RAS) {
			if (load_presence(c, r) != RO_OK)
				return RO_ENOMEM;
			away = ro_bit(c->pres, off);
		}
		if (away)
			viol(c, "client '%s' is away from the office (ras) in "
				"slot %d (%s)", name, (int)off,
			     slot_str(c, off, t1));
		else
			viol(c, "client '%s' is not available in slot %d (%s)",
			     name, (int)off, slot_str(c, off, t1));
	}
	if (cl->reboots && rb >= c->T && xend <= c->T)
		viol(c, "client '%s' cannot reboot by the horizon end at slot "
			"%d (%s): no reboot window or power-up leaves room "
			"for %d reboot%s from slot %lld (%s)", name, (int)c->T,
		     slot_str(c, c->T, t1), (int)cl->reboots,
		     cl->reboots == 1 ? "" : "s", (long long)(xend + c->K),
		     slot_str(c, xend + c->K, t2));
	else if (e > c->T)
		viol(c, "client '%s' ends at slot %lld (%s), after the horizon "
			"end at slot %d (%s)", name, (long long)e,
		     slot_str(c, e, t1), (int)c->T, slot_str(c, c->T, t2));
	if (c->p->info.has_deadline &&
	    c->s->horizon.start + e * c->L > c->p->info.deadline)
		viol(c, "client '%s' ends at slot %lld (%s), after the "
			"deadline %s", name, (long long)e, slot_str(c, e, t1),
		     ro_time_format(c->p->info.deadline, t2));
	return RO_OK;
}

/* Adds the charges, concurrency and reboots of client with start s, whose
 * completion is e (end_of). */
static void account(struct ctx *c, size_t r, int npath, int32_t s, int32_t d,
		    int64_t q, int64_t e)
{
	const struct ro_client *cl = &c->s->clients[r];
	struct ro_eval *ev = c->ev;
	int64_t stop = (int64_t)s + d;
	int64_t first = e - cl->reboots;

	if (stop > c->T)
		stop = c->T;
	for (int i = 0; i < npath; i++) {
		int64_t *row = ev->load + (size_t)c->path[i] * (size_t)c->T;
		for (int64_t t = s; t < stop; t++)
			row[t] += q;
	}
	if (cl->server >= 0 && (size_t)cl->server < c->s->nservers) {
		int32_t *row = ev->server_use + (size_t)cl->server * (size_t)c->T;
		for (int64_t t = s; t < stop; t++)
			row[t]++;
	}
	for (int64_t t = first; t < first + cl->reboots && t < c->T; t++)
		ev->reboots[(size_t)cl->segment * (size_t)c->T + (size_t)t]++;
}

static int check_record(struct ctx *c, size_t r, int64_t first)
{
	const struct ro_site *s = c->s;
	const struct ro_client *cl = &s->clients[r];
	struct ro_eval *ev = c->ev;
	char name[NAME_MAX_LEN], t1[RO_TIME_BUFSZ];
	int npath;
	int32_t d;
	int64_t q;
	bool have_reason = false;
	enum ro_reason reason = RO_REASON_NONE;
	int32_t fit = -1;
	/* the last placed start checked: clients of a record with the same
	 * start and trigger share the result */
	int32_t memo_start = -1;
	uint8_t memo_trig = 0;
	size_t memo_nviol = 0;

	/* a site reader lets none of these through; a hand-built site might */
	if (cl->calendar < 0 || (size_t)cl->calendar >= s->ncalendars ||
	    cl->server < 0 || (size_t)cl->server >= s->nservers ||
	    cl->segment < 0 || (size_t)cl->segment >= s->nlinks ||
	    (cl->conn == RO_CONN_RAS &&
	     (cl->office < 0 || (size_t)cl->office >= s->ncalendars))) {
		viol(c, "client '%s' refers to a calendar, link or cap the "
			"site does not have",
		     ro_client_name(s, r, 0, name, sizeof name));
		for (int32_t k = 0; k < cl->count; k++)
			ev->end[first + k] = -1;
		return RO_OK;
	}
	npath = ro_client_path(s, cl, c->path, (int)s->nlinks);
	if (npath < 0) {
		viol(c, "client '%s' has no path from its segment to the link "
			"of its cap", ro_client_name(s, r, 0, name, sizeof name));
		npath = 0;
	}
	transfer(c, cl, npath, &d, &q);
	ev->dur[r] = d;
	ev->charge[r] = q;

	for (int32_t k = 0; k < cl->count; k++) {
		size_t i = (size_t)(first + k);
		const struct ro_assign *a = &c->p->a[i];

		if (a->start < 0) {
			ev->end[i] = -1;
			if (a->reason == RO_REASON_NONE) {
				viol(c, "client '%s' is neither placed nor given "
					"a reason",
				     ro_client_name(s, r, k, name, sizeof name));
				continue;
			}
			if (!have_reason) {
				if (recompute_reason(c, r, d, &reason, &fit) !=
				    RO_OK)
					return RO_ENOMEM;
				have_reason = true;
			}
			if (a->reason == reason)
				continue;
			ro_client_name(s, r, k, name, sizeof name);
			if (reason == RO_REASON_CAPACITY)
				viol(c, "client '%s' is unplaced for '%s', but "
					"the semantics give 'capacity' (it fits "
					"at slot %d (%s))", name,
				     ro_reason_name(a->reason), (int)fit,
				     slot_str(c, fit, t1));
			else
				viol(c, "client '%s' is unplaced for '%s', but "
					"the semantics give '%s'", name,
				     ro_reason_name(a->reason),
				     ro_reason_name(reason));
			continue;
		}

		ro_client_name(s, r, k, name, sizeof name);
		if (a->start >= c->T) {
			ev->end[i] = -1;
			viol(c, "client '%s' start slot %d is outside the horizon "
				"(slots 0 to %d)", name, (int)a->start,
			     (int)c->T - 1);
			continue;
		}
		if (load_on(c, r) != RO_OK)
			return RO_ENOMEM;
		int64_t e = end_of(c, cl, a->start, d);
		ev->end[i] = e > INT32_MAX ? INT32_MAX : (int32_t)e;
		if (a->start == memo_start && a->trigger == memo_trig) {
			/* same outcome as the previous client: repeat its
			 * messages under this client's name only if it had
			 * any (rare), by checking again */
			if (memo_nviol && check_start(c, r, name, a, d) != RO_OK)
				return RO_ENOMEM;
		} else {
			long before = c->nviol;
			if (check_start(c, r, name, a, d) != RO_OK)
				return RO_ENOMEM;
			memo_start = a->start;
			memo_trig = a->trigger;
			memo_nviol = (size_t)(c->nviol - before);
		}
		account(c, r, npath, a->start, d, q, e);
		ev->placed++;
		ev->placed_weight += cl->priority;
		ev->completion_sum += e;
		if (e > ev->makespan)
			ev->makespan = ev->end[i];
	}
	return RO_OK;
}

static void check_links(struct ctx *c)
{
	const struct ro_site *s = c->s;
	struct ro_eval *ev = c->ev;
	char t1[RO_TIME_BUFSZ];
	double peak = 0;

	for (size_t l = 0; l < s->nlinks; l++) {
		const char *id = ro_site_str(s, s->links[l].id);
		for (int32_t t = 0; t < c->T; t++) {
			size_t j = l * (size_t)c->T + (size_t)t;
			if (ev->load[j] > ev->usable[j])
				viol(c, "link '%s' slot %d (%s): %lld bytes "
					"planned, %lld usable", id, (int)t,
				     slot_str(c, t, t1), (long long)ev->load[j],
				     (long long)ev->usable[j]);
			if (ev->usable[j] > 0) {
				double u = (double)ev->load[j] /
					   (double)ev->usable[j];
				if (u > peak)
					peak = u;
			}
			if (s->policy.reboot_cap > 0 &&
			    ev->reboots[j] > s->policy.reboot_cap)
				viol(c, "link '%s' slot %d (%s): %d reboots, "
					"reboot-cap %d", id, (int)t,
				     slot_str(c, t, t1), (int)ev->reboots[j],
				     (int)s->policy.reboot_cap);
		}
	}
	ev->peak_util = peak;
	for (size_t v = 0; v < s->nservers; v++) {
		int32_t max = s->servers[v].max_concurrent;
		if (max <= 0)
			continue;
		for (int32_t t = 0; t < c->T; t++) {
			int32_t u = ev->server_use[v * (size_t)c->T + (size_t)t];
			if (u > max)
				viol(c, "server '%s' slot %d (%s): %d concurrent "
					"transfers, max-concurrent %d",
				     ro_site_str(s, s->servers[v].id), (int)t,
				     slot_str(c, t, t1), (int)u, (int)max);
		}
	}
}

/* load / usable x 10^4 rounded half up: the schedule's four decimals,
 * computed here again from the integers (usable > 0). */
static int64_t ratio4(int64_t load, int64_t usable)
{
	u128 v = ((u128)(uint64_t)(load > 0 ? load : 0) * 20000u +
		  (uint64_t)usable) / ((u128)(uint64_t)usable * 2u);

	return v > (u128)INT64_MAX ? INT64_MAX : (int64_t)v;
}

static const char *ratio_str(int64_t v4, char *buf, size_t n)
{
	snprintf(buf, n, "%lld.%04lld", (long long)(v4 / 10000),
		 (long long)(v4 % 10000));
	return buf;
}

/* The summary line of the file against the recomputation. */
static void check_summary(struct ctx *c, const struct ro_stated *st)
{
	const struct ro_eval *ev = c->ev;
	const long ln = st->summary_line;
	const int64_t unplaced = (int64_t)c->p->n - ev->placed;
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], r1[32], r2[32];
	int64_t peak4 = 0;

	if (st->placed != RO_UNSTATED && st->placed != ev->placed)
		viol_at(c, ln, "the schedule states %lld client%s placed, the "
			"plan places %lld", (long long)st->placed,
			st->placed == 1 ? "" : "s", (long long)ev->placed);
	if (st->unplaced != RO_UNSTATED && st->unplaced != unplaced)
		viol_at(c, ln, "the schedule states %lld client%s unplaced, the "
			"plan leaves %lld", (long long)st->unplaced,
			st->unplaced == 1 ? "" : "s", (long long)unplaced);
	if (st->placed_weight != RO_UNSTATED &&
	    st->placed_weight != ev->placed_weight)
		viol_at(c, ln, "the schedule states a placed weight of %lld, "
			"the plan gives %lld", (long long)st->placed_weight,
			(long long)ev->placed_weight);
	if (st->makespan_slots != RO_UNSTATED &&
	    st->makespan_slots != ev->makespan)
		viol_at(c, ln, "the schedule states a makespan of %lld slots "
			"(%s), the plan gives %d (%s)",
			(long long)st->makespan_slots,
			slot_str(c, st->makespan_slots, t1), (int)ev->makespan,
			slot_str(c, ev->makespan, t2));
	if (st->makespan_at != RO_UNSTATED &&
	    st->makespan_at != slot_time(c, ev->makespan))
		viol_at(c, ln, "the schedule states the last client completes "
			"at %s, the plan gives %s (slot %d)",
			ro_time_format(st->makespan_at, t1),
			slot_str(c, ev->makespan, t2), (int)ev->makespan);
	if (st->completion_sum != RO_UNSTATED &&
	    st->completion_sum != ev->completion_sum)
		viol_at(c, ln, "the schedule states a completion sum of %lld, "
			"the plan gives %lld", (long long)st->completion_sum,
			(long long)ev->completion_sum);
	if (st->peak4 == RO_UNSTATED)
		return;
	/* rounding is monotone: the peak of the rounded ratios is the
	 * rounded peak the file states */
	for (size_t j = 0; j < ev->nlinks * (size_t)c->T; j++)
		if (ev->usable[j] > 0) {
			int64_t u = ratio4(ev->load[j], ev->usable[j]);
			if (u > peak4)
				peak4 = u;
		}
	if (st->peak4 != peak4)
		viol_at(c, ln, "the schedule states a peak utilisation of %s, "
			"the plan gives %s", ratio_str(st->peak4, r1, sizeof r1),
			ratio_str(peak4, r2, sizeof r2));
}

/* One stated time against the recomputed slot; reports a difference. */
static void check_time(struct ctx *c, long line, const char *name,
		       const char *attr, ro_time stated, int64_t slot)
{
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ];

	if (stated == RO_UNSTATED || stated == slot_time(c, slot))
		return;
	viol_at(c, line, "client '%s': the schedule states %s %s, the plan "
		"gives %s (slot %lld)", name, attr, ro_time_format(stated, t1),
		slot_str(c, slot, t2), (long long)slot);
}

/* The claims of placed client i (record r) against the recomputation:
 * transfer end, completion, length, bytes, CAP and every reboot. */
static void check_client_claims(struct ctx *c, const struct ro_stated *st,
				size_t r, int32_t k, size_t i)
{
	const struct ro_site *s = c->s;
	const struct ro_client *cl = &s->clients[r];
	const struct ro_stated_client *sc = &st->client[i];
	const struct ro_assign *a = &c->p->a[i];
	const int32_t d = c->ev->dur[r];
	const int64_t xend = (int64_t)a->start + d;
	const ro_time xend_at = slot_time(c, xend);
	/* the first reboot check_record computed: the completion less the
	 * reboots */
	const int64_t rb0 = (int64_t)c->ev->end[i] - cl->reboots;
	const int32_t delay = s->policy.reboot_delay_min > 0
		? s->policy.reboot_delay_min : 0;
	char name[NAME_MAX_LEN], t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ];
	uint32_t nr = sc->nreboots < (uint32_t)cl->reboots
		? sc->nreboots : (uint32_t)cl->reboots;
	bool ok = (sc->xfer_end == RO_UNSTATED ||
		   sc->xfer_end == xend_at) &&
		  (sc->end == RO_UNSTATED ||
		   sc->end == slot_time(c, c->ev->end[i])) &&
		  (sc->slots == RO_UNSTATED || sc->slots == d) &&
		  (sc->bytes == RO_UNSTATED || sc->bytes == cl->bytes) &&
		  (sc->server < 0 || sc->server == cl->server) &&
		  sc->nreboots == (uint32_t)cl->reboots;

	/* the common case, a claim that holds, without naming the client */
	for (uint32_t j = 0; ok && j < nr; j++)
		ok = st->reboot[sc->reboot0 + j].at == slot_time(c, rb0 + j);
	if (ok)
		return;
	ro_client_name(s, r, k, name, sizeof name);
	check_time(c, sc->line, name, "transfer-end", sc->xfer_end, xend);
	check_time(c, sc->line, name, "end", sc->end, c->ev->end[i]);
	if (sc->slots != RO_UNSTATED && sc->slots != d)
		viol_at(c, sc->line, "client '%s': the schedule states slots "
			"%lld, the plan gives %d", name, (long long)sc->slots,
			(int)d);
	if (sc->bytes != RO_UNSTATED && sc->bytes != cl->bytes)
		viol_at(c, sc->line, "client '%s': the schedule states bytes "
			"%lld, the site gives %lld", name, (long long)sc->bytes,
			(long long)cl->bytes);
	if (sc->server >= 0 && sc->server != cl->server)
		viol_at(c, sc->line, "client '%s': the schedule states cap "
			"'%s', the site gives '%s'", name,
			ro_site_str(s, s->servers[sc->server].id),
			ro_site_str(s, s->servers[cl->server].id));
	if (sc->nreboots != (uint32_t)cl->reboots)
		viol_at(c, sc->line, "client '%s': the schedule states %u "
			"reboot%s, the site gives %d", name,
			(unsigned)sc->nreboots, sc->nreboots == 1 ? "" : "s",
			(int)cl->reboots);
	for (uint32_t j = 0; j < nr; j++) {
		ro_time at = st->reboot[sc->reboot0 + j].at;
		long ln = st->reboot[sc->reboot0 + j].line;
		int64_t want = rb0 + j;

		if (at < xend_at + delay) {
			/* the one claim an administrator's settings must
			 * uphold: SMS waits the delay before rebooting */
			if (at >= xend_at)
				viol_at(c, ln, "client '%s' reboot at %s "
					"is %lld minutes after its transfer "
					"ends (%s), less than the reboot delay "
					"of %d minutes", name,
					ro_time_format(at, t1),
					(long long)(at - xend_at),
					ro_time_format(xend_at, t2), (int)delay);
			else
				viol_at(c, ln, "client '%s' reboot at %s "
					"is before its transfer ends (%s)", name,
					ro_time_format(at, t1),
					ro_time_format(xend_at, t2));
		} else if (at != slot_time(c, want)) {
			viol_at(c, ln, "client '%s': the schedule states "
				"reboot %u at %s, the plan gives %s (slot %lld)",
				name, (unsigned)j + 1, ro_time_format(at, t1),
				slot_str(c, want, t2), (long long)want);
		}
	}
}

/* Bytes, usable capacity and utilisation of every link slot the file
 * lists, against the recomputation. */
static void check_slots(struct ctx *c, const struct ro_stated *st)
{
	const struct ro_site *s = c->s;
	const struct ro_eval *ev = c->ev;
	char t1[RO_TIME_BUFSZ], r1[32], r2[32];

	for (size_t l = 0; l < s->nlinks; l++) {
		const char *id = ro_site_str(s, s->links[l].id);
		for (int32_t t = 0; t < c->T; t++) {
			size_t j = l * (size_t)c->T + (size_t)t;
			long ln = st->slot_line[j];

			if (st->load[j] != RO_UNSTATED &&
			    st->load[j] != ev->load[j])
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states %lld bytes, the plan "
					"gives %lld", id, (int)t,
					slot_str(c, t, t1),
					(long long)st->load[j],
					(long long)ev->load[j]);
			if (st->usable[j] != RO_UNSTATED &&
			    st->usable[j] != ev->usable[j])
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states %lld usable bytes, the "
					"site gives %lld", id, (int)t,
					slot_str(c, t, t1),
					(long long)st->usable[j],
					(long long)ev->usable[j]);
			if (st->util4[j] < 0)
				continue;
			if (ev->usable[j] <= 0)
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states a utilisation of %s, "
					"but nothing is usable there", id,
					(int)t, slot_str(c, t, t1),
					ratio_str(st->util4[j], r1, sizeof r1));
			else if (st->util4[j] !=
				 ratio4(ev->load[j], ev->usable[j]))
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states a utilisation of %s, "
					"the plan gives %s", id, (int)t,
					slot_str(c, t, t1),
					ratio_str(st->util4[j], r1, sizeof r1),
					ratio_str(ratio4(ev->load[j],
							 ev->usable[j]),
						  r2, sizeof r2));
		}
	}
}

/* ------------------------------ actions ------------------------------ */

static const char *const act_elem[] = {
	"expire-advertisements", "disable-logon-scripts", "enable-logon-scripts",
	"push", "reenable-advertisements",
};

static const char *client_name(const struct ctx *c, size_t i, char *buf)
{
	return ro_plan_client_name(c->p, c->s, i, buf, NAME_MAX_LEN);
}

/* Per client: how the actions list it. */
struct listed {
	int32_t n;          /* lists of the matching kind that name it */
	ro_time at;         /* the first of them */
	long line;
};

/* The placed client with the earliest start (trigger trig, or any when
 * trig is 0), -1 when none; the lowest index among equal starts. */
static int64_t earliest(const struct ctx *c, unsigned trig)
{
	int64_t best = -1;

	for (size_t i = 0; i < c->p->n; i++) {
		const struct ro_assign *a = &c->p->a[i];
		if (a->start < 0 || c->ev->end[i] < 0 ||
		    (trig && a->trigger != trig))
			continue;
		if (best < 0 || a->start < c->p->a[best].start)
			best = (int64_t)i;
	}
	return best;
}

/* What the plan does with client i, for a message: "leaves it unplaced"
 * or "starts it by push at 2026-...". */
static const char *plan_of(const struct ctx *c, size_t i, char *buf,
			   size_t n)
{
	const struct ro_assign *a = &c->p->a[i];
	char t1[RO_TIME_BUFSZ];

	if (a->start < 0 || c->ev->end[i] < 0)
		snprintf(buf, n, "leaves it unplaced");
	else
		snprintf(buf, n, "starts it by %s at %s",
			 ro_trigger_name(a->trigger), slot_str(c, a->start, t1));
	return buf;
}

/* Time order, and the advertisements: docs/schedule-format.md, "What the
 * actions mean", rules 1 and 2. */
static void check_adverts(struct ctx *c, const struct ro_stated *st,
			  int64_t fst)
{
	const struct ro_site *s = c->s;
	const struct ro_stated_action *ex = NULL, *re = NULL;
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], name[NAME_MAX_LEN];
	bool want = s->policy.expire_adverts && fst >= 0;

	for (size_t j = 1; j < st->naction; j++)
		if (st->action[j].at < st->action[j - 1].at)
			viol_at(c, st->action[j].line, "<%s> at %s comes after "
				"<%s> at %s; actions are in time order",
				act_elem[st->action[j].kind],
				ro_time_format(st->action[j].at, t1),
				act_elem[st->action[j - 1].kind],
				ro_time_format(st->action[j - 1].at, t2));

	for (size_t j = 0; j < st->naction; j++) {
		const struct ro_stated_action *a = &st->action[j];
		const struct ro_stated_action **seen;
		if (a->kind == RO_ACT_EXPIRE)
			seen = &ex;
		else if (a->kind == RO_ACT_REENABLE)
			seen = &re;
		else
			continue;
		if (!want)
			viol_at(c, a->line, "<%s> at %s, but %s", act_elem[a->kind],
				ro_time_format(a->at, t1),
				s->policy.expire_adverts ? "no client is placed"
				: "the policy keeps advertisements");
		else if (*seen)
			viol_at(c, a->line, "a second <%s> at %s (the first is "
				"at line %ld)", act_elem[a->kind],
				ro_time_format(a->at, t1), (*seen)->line);
		else
			*seen = a;
	}
	if (!want)
		return;
	client_name(c, (size_t)fst, name);
	if (!ex)
		viol(c, "the policy expires advertisements, but no "
		     "<expire-advertisements> precedes the first start at %s "
		     "(client '%s')", slot_str(c, c->p->a[fst].start, t1), name);
	else if (ex->at > slot_time(c, c->p->a[fst].start))
		viol_at(c, ex->line, "<expire-advertisements> at %s is after "
			"the first start at %s (client '%s')",
			ro_time_format(ex->at, t1),
			slot_str(c, c->p->a[fst].start, t2), name);
	if (!re)
		viol(c, "the policy expires advertisements, but no "
		     "<reenable-advertisements> follows the last completion at "
		     "%s", slot_str(c, c->ev->makespan, t1));
	else if (re->at < slot_time(c, c->ev->makespan))
		viol_at(c, re->line, "<reenable-advertisements> at %s is before "
			"the last completion at %s", ro_time_format(re->at, t1),
			slot_str(c, c->ev->makespan, t2));
}

/* Rule 3: logon scripts, by policy.  lst receives, per client, the listed
 * enables that name a client the plan starts by logon. */
static void check_logon(struct ctx *c, const struct ro_stated *st,
			int64_t fst, struct listed *lst)
{
	const struct ro_site *s = c->s;
	const enum ro_logon_policy pol = s->policy.logon;
	const struct ro_stated_action *off = NULL, *all = NULL;
	const int64_t fl = earliest(c, RO_TRIG_LOGON);
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], name[NAME_MAX_LEN];
	char what[NAME_MAX_LEN + 64];

	for (size_t j = 0; j < st->naction; j++) {
		const struct ro_stated_action *a = &st->action[j];

		if (a->kind == RO_ACT_LOGON_OFF) {
			if (off)
				viol_at(c, a->line, "a second "
					"<disable-logon-scripts> at %s (the "
					"first is at line %ld)",
					ro_time_format(a->at, t1), off->line);
			else
				off = a;
			continue;
		}
		if (a->kind != RO_ACT_LOGON_ON)
			continue;
		if (!off)
			viol_at(c, a->line, "<enable-logon-scripts> at %s comes "
				"before the <disable-logon-scripts> that switches "
				"the scripts off for everyone",
				ro_time_format(a->at, t1));
		if (pol == RO_LOGON_DISABLED) {
			viol_at(c, a->line, "<enable-logon-scripts> at %s, but "
				"the policy disables logon scripts",
				ro_time_format(a->at, t1));
		} else if (pol == RO_LOGON_ENABLED && !a->scope_all) {
			viol_at(c, a->line, "<enable-logon-scripts> at %s lists "
				"clients, but the policy enables logon scripts "
				"for all (scope=\"all\")",
				ro_time_format(a->at, t1));
		} else if (pol == RO_LOGON_ENABLED) {
			if (all)
				viol_at(c, a->line, "a second "
					"<enable-logon-scripts scope=\"all\"> at "
					"%s (the first is at line %ld)",
					ro_time_format(a->at, t1), all->line);
			else
				all = a;
		} else if (a->scope_all) {
			viol_at(c, a->line, "<enable-logon-scripts scope=\"all\"> "
				"at %s would start every logon client at once; "
				"the policy is phased: list the clients of each "
				"day", ro_time_format(a->at, t1));
		} else {
			for (size_t k = 0; k < a->nclients; k++) {
				size_t i = (size_t)st->client_of[a->client0 + k];
				const struct ro_assign *pa = &c->p->a[i];
				if (pa->start < 0 || c->ev->end[i] < 0 ||
				    pa->trigger != RO_TRIG_LOGON) {
					viol_at(c, a->line, "client '%s' is "
						"listed in <enable-logon-scripts> "
						"at %s, but the plan %s",
						client_name(c, i, name),
						ro_time_format(a->at, t1),
						plan_of(c, i, what, sizeof what));
					continue;
				}
				if (lst[i].n++ == 0) {
					lst[i].at = a->at;
					lst[i].line = a->line;
				}
			}
		}
	}
	if (!off && fst < 0)
		viol(c, "no <disable-logon-scripts> switches the logon scripts "
		     "off for everyone");
	else if (!off)
		viol(c, "no <disable-logon-scripts> switches the logon scripts "
		     "off for everyone before the first start at %s (client "
		     "'%s')", slot_str(c, c->p->a[fst].start, t1),
		     client_name(c, (size_t)fst, name));
	else if (fst >= 0 && off->at > slot_time(c, c->p->a[fst].start))
		viol_at(c, off->line, "<disable-logon-scripts> at %s is after "
			"the first start at %s (client '%s')",
			ro_time_format(off->at, t1),
			slot_str(c, c->p->a[fst].start, t2),
			client_name(c, (size_t)fst, name));
	if (pol == RO_LOGON_ENABLED) {
		if (fl >= 0 && !all)
			viol_at(c, st->client[fl].line, "client '%s' starts by "
				"logon at %s, but no <enable-logon-scripts "
				"scope=\"all\"> switches the scripts on",
				client_name(c, (size_t)fl, name),
				slot_str(c, c->p->a[fl].start, t1));
		else if (fl >= 0 &&
			 all->at > slot_time(c, c->p->a[fl].start))
			viol_at(c, all->line, "<enable-logon-scripts "
				"scope=\"all\"> at %s is after the first start "
				"by logon at %s (client '%s')",
				ro_time_format(all->at, t1),
				slot_str(c, c->p->a[fl].start, t2),
				client_name(c, (size_t)fl, name));
		else if (fl < 0 && all)
			viol_at(c, all->line, "<enable-logon-scripts "
				"scope=\"all\"> at %s, but no client starts by "
				"logon", ro_time_format(all->at, t1));
	}
	if (pol != RO_LOGON_PHASED)
		return;
	for (size_t i = 0; i < c->p->n; i++) {
		const struct ro_assign *pa = &c->p->a[i];
		ro_time at;

		if (pa->start < 0 || c->ev->end[i] < 0 ||
		    pa->trigger != RO_TRIG_LOGON)
			continue;
		at = slot_time(c, pa->start);
		client_name(c, i, name);
		if (lst[i].n == 0)
			viol_at(c, st->client[i].line, "client '%s' starts by "
				"logon at %s, but no <enable-logon-scripts> "
				"lists it", name, ro_time_format(at, t1));
		else if (lst[i].n > 1)
			viol_at(c, st->client[i].line, "client '%s' is listed %d "
				"times in <enable-logon-scripts>; list it once, "
				"on the day of its start", name, (int)lst[i].n);
		else if (ro_time_day_start(lst[i].at) != ro_time_day_start(at))
			viol_at(c, lst[i].line, "client '%s' starts by logon at "
				"%s, but <enable-logon-scripts> at %s lists it on "
				"another day", name, ro_time_format(at, t1),
				ro_time_format(lst[i].at, t2));
		else if (lst[i].at > at)
			viol_at(c, lst[i].line, "client '%s' starts by logon at "
				"%s, but <enable-logon-scripts> at %s lists it "
				"only after its start", name,
				ro_time_format(at, t1),
				ro_time_format(lst[i].at, t2));
	}
}

/* Rule 4: pushes. */
static void check_pushes(struct ctx *c, const struct ro_stated *st,
			 struct listed *lst)
{
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], name[NAME_MAX_LEN];
	char what[NAME_MAX_LEN + 64];

	for (size_t j = 0; j < st->naction; j++) {
		const struct ro_stated_action *a = &st->action[j];

		if (a->kind != RO_ACT_PUSH)
			continue;
		for (size_t k = 0; k < a->nclients; k++) {
			size_t i = (size_t)st->client_of[a->client0 + k];
			const struct ro_assign *pa = &c->p->a[i];

			if (pa->start < 0 || c->ev->end[i] < 0 ||
			    pa->trigger != RO_TRIG_PUSH) {
				viol_at(c, a->line, "client '%s' is pushed at "
					"%s, but the plan %s",
					client_name(c, i, name),
					ro_time_format(a->at, t1),
					plan_of(c, i, what, sizeof what));
				continue;
			}
			if (a->at != slot_time(c, pa->start))
				viol_at(c, a->line, "client '%s' is pushed at "
					"%s, but the plan starts it at %s",
					client_name(c, i, name),
					ro_time_format(a->at, t1),
					slot_str(c, pa->start, t2));
			lst[i].n++;
		}
	}
	for (size_t i = 0; i < c->p->n; i++) {
		const struct ro_assign *pa = &c->p->a[i];

		if (pa->start < 0 || c->ev->end[i] < 0 ||
		    pa->trigger != RO_TRIG_PUSH)
			continue;
		if (lst[i].n == 0)
			viol_at(c, st->client[i].line, "client '%s' starts by "
				"push at %s, but no <push> lists it",
				client_name(c, i, name),
				slot_str(c, pa->start, t1));
		else if (lst[i].n > 1)
			viol_at(c, st->client[i].line, "client '%s' is pushed %d "
				"times; push it once, at its start",
				client_name(c, i, name), (int)lst[i].n);
	}
}

/* The actions of the file against the plan and the site's policy
 * (docs/schedule-format.md, "What the actions mean").  RO_OK or
 * RO_ENOMEM. */
static int check_actions(struct ctx *c, const struct ro_stated *st)
{
	const int64_t fst = earliest(c, 0);
	struct listed *lst = ro_calloc(c->p->n, sizeof *lst);

	if (!lst)
		return RO_ENOMEM;
	check_adverts(c, st, fst);
	check_logon(c, st, fst, lst);
	memset(lst, 0, (c->p->n ? c->p->n : 1) * sizeof *lst);
	check_pushes(c, st, lst);
	ro_free(lst);
	return RO_OK;
}

/* Everything a schedule file states, when the plan came from one.
 * RO_OK or RO_ENOMEM. */
static int check_stated(struct ctx *c)
{
	const struct ro_stated *st = c->p->stated;
	const struct ro_site *s = c->s;
	int64_t first = 0;

	if (!st)
		return RO_OK;
	check_summary(c, st);
	for (size_t r = 0; r < s->nclients; r++) {
		for (int32_t k = 0; k < s->clients[r].count; k++) {
			size_t i = (size_t)(first + k);
			/* end < 0: a start outside the horizon or a record
			 * the site cannot hold, reported already */
			if (c->p->a[i].start >= 0 && c->ev->end[i] >= 0 &&
			    st->client[i].line > 0)
				check_client_claims(c, st, r, k, i);
		}
		first += s->clients[r].count;
	}
	check_slots(c, st);
	return check_actions(c, st);
}

void ro_eval_free(struct ro_eval *ev)
{
	if (!ev)
		return;
	ro_free(ev->usable);
	ro_free(ev->load);
	ro_free(ev->server_use);
	ro_free(ev->reboots);
	ro_free(ev->dur);
	ro_free(ev->charge);
	ro_free(ev->end);
	ro_free(ev);
}

static struct ro_eval *eval_new(const struct ro_site *s, size_t n)
{
	struct ro_eval *ev = ro_calloc(1, sizeof *ev);
	size_t T = (size_t)s->horizon.nslots;

	if (!ev)
		return NULL;
	ev->nslots = s->horizon.nslots;
	ev->nlinks = s->nlinks;
	ev->nservers = s->nservers;
	ev->nrecords = s->nclients;
	ev->usable = ro_calloc(s->nlinks * T, sizeof *ev->usable);
	ev->load = ro_calloc(s->nlinks * T, sizeof *ev->load);
	ev->server_use = ro_calloc(s->nservers * T, sizeof *ev->server_use);
	ev->reboots = ro_calloc(s->nlinks * T, sizeof *ev->reboots);
	ev->dur = ro_calloc(s->nclients, sizeof *ev->dur);
	ev->charge = ro_calloc(s->nclients, sizeof *ev->charge);
	ev->end = ro_calloc(n, sizeof *ev->end);
	if (!ev->usable || !ev->load || !ev->server_use || !ev->reboots ||
	    !ev->dur || !ev->charge || !ev->end) {
		ro_eval_free(ev);
		return NULL;
	}
	return ev;
}

long ro_verify(const struct ro_site *s, struct ro_expand *x,
	       const struct ro_plan *p, struct ro_eval **evp,
	       struct ro_diag *v)
{
	struct ctx c;
	long rc = -1;

	if (evp)
		*evp = NULL;
	if (!s || !x || !p || !v || p->n != (size_t)s->nclients_total ||
	    p->nrecords != s->nclients || s->horizon.nslots < 1 ||
	    s->horizon.slot_min < 1) {
		if (v)
			ro_diag_add(v, NULL, 0, "cannot verify: the plan does "
				    "not belong to the site");
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.s = s;
	c.x = x;
	c.p = p;
	c.v = v;
	c.T = s->horizon.nslots;
	c.L = s->horizon.slot_min;
	c.K = (int32_t)(((int64_t)(s->policy.reboot_delay_min > 0
					  ? s->policy.reboot_delay_min : 0) +
			 c.L - 1) / c.L);
	c.words = ro_bits_words(c.T);
	c.on_rec = c.opp_rec = c.pres_rec = -1;
	if (ro_expand_reboot_bits(x, &c.rb_ok) != RO_OK)
		goto out_free;
	c.ev = eval_new(s, p->n);
	c.path = ro_calloc(s->nlinks, sizeof *c.path);
	c.on = ro_calloc(c.words, sizeof *c.on);
	c.pres = ro_calloc(c.words, sizeof *c.pres);
	if (!c.ev || !c.path || !c.on || !c.pres)
		goto out_free;
	c.ev->reboot_delay_slots = c.K;

	for (size_t l = 0; l < s->nlinks; l++) {
		const struct ro_link *lk = &s->links[l];
		for (int32_t t = 0; t < c.T; t++) {
			uint32_t bg = lk->profile >= 0
				? ro_expand_background(x, (int32_t)l, t) : 0;
			c.ev->usable[l * (size_t)c.T + (size_t)t] =
				usable(lk->capacity_bps, bg, lk->share_ppm, c.L);
		}
	}

	int64_t first = 0;
	for (size_t r = 0; r < s->nclients; r++) {
		if (check_record(&c, r, first) != RO_OK)
			goto out_free;
		first += s->clients[r].count;
	}
	check_links(&c);
	if (check_stated(&c) != RO_OK)
		goto out_free;
	rc = c.nviol;
	if (evp) {
		*evp = c.ev;
		c.ev = NULL;
	}
out_free:
	if (rc < 0)
		ro_diag_add(v, NULL, 0, "cannot verify: out of memory");
	ro_eval_free(c.ev);
	ro_free(c.path);
	ro_free(c.on);
	ro_free(c.pres);
	ro_free(c.opp);
	return rc;
}
