/*
 * verify_plan.c - the plan recomputed from its start slots (verify_priv.h).
 *
 * Work is per record, not per client, where the result cannot differ: a
 * record's duration, charge, path and opportunities are computed once, and
 * consecutive records with the same calendars, triggers and CAP share their
 * expansion.  Per client there is only the check of its own start and the
 * additions of its charge, so 100,000 clients cost well under a second.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "reboot.h"
#include "verify_priv.h"

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

static int load_on(struct ro_verifier *c, size_t r)
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

static int load_presence(struct ro_verifier *c, size_t r)
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

static int load_opps(struct ro_verifier *c, size_t r)
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

static const struct ro_opp *find_opp(const struct ro_verifier *c, int32_t slot)
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
int64_t ro_vf_usable(int64_t cap, uint32_t bg, uint32_t share, int32_t L)
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
static void transfer(const struct ro_verifier *c, const struct ro_client *cl,
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
static int64_t reboot_of(const struct ro_verifier *c,
			 const struct ro_client *cl, int64_t s, int32_t d)
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
static int64_t end_of(const struct ro_verifier *c, const struct ro_client *cl,
		      int64_t s, int32_t d)
{
	return reboot_of(c, cl, s, d) + cl->reboots;
}

/* The reason the semantics give to an unplaced client of record r; *fit
 * receives the first fitting start for RO_REASON_CAPACITY. */
static int recompute_reason(struct ro_verifier *c, size_t r, int32_t d,
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
static int check_start(struct ro_verifier *c, size_t r, size_t i,
		       const char *name, const struct ro_assign *a, int32_t d)
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
	} else if (o->triggers & (a->trigger - 1u)) {
		/* the bits are in the order ccim, logon, push: a lower one
		 * firing too is the trigger the schedule must name (least
		 * administrator effort first, docs/semantics.md) */
		unsigned first = o->triggers & -o->triggers;
		viol_at(c, c->p->stated ? c->p->stated->client[i].line : 0,
			"client '%s' start slot %d (%s): trigger '%s' is not "
			"the first that fires there (fires: %s); name '%s'",
			name, (int)s, slot_str(c, s, t1),
			ro_trigger_name(a->trigger),
			trig_names(o->triggers, tb), ro_trigger_name(first));
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
static void account(struct ro_verifier *c, size_t r, int npath, int32_t s,
		    int32_t d, int64_t q, int64_t e)
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

int ro_vf_check_record(struct ro_verifier *c, size_t r, int64_t first)
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
			if (memo_nviol && check_start(c, r, i, name, a, d) != RO_OK)
				return RO_ENOMEM;
		} else {
			long before = c->nviol;
			if (check_start(c, r, i, name, a, d) != RO_OK)
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

void ro_vf_check_links(struct ro_verifier *c)
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
