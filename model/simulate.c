/*
 * simulate.c - the fluid simulation of transfers (simulate.h,
 * docs/simulate.md).
 *
 * Clients are first grouped into "protos": records whose transfers behave
 * the same (segment, CAP, size, rate, calendars).  Started clients are then
 * grouped by (start slot, proto) into flows with a multiplicity, the range
 * [lo, hi) of an array of client indices sorted by (start, proto, index).
 * Under max-min fairness the clients of a flow always get the same bytes,
 * so they stay one flow; only a CAP that can serve part of a flow splits it
 * (the lowest indices are served, the rest become a new flow).
 *
 * Each slot: the flows that have started, are not done and whose clients
 * are on are taken in FIFO order (start, then first client index); each CAP
 * serves as many as max-concurrent allows; the served flows then get bytes
 * by progressive filling over the links of their paths, each capped by
 * min(its rate per slot, what it has left).  Bytes are doubles: fair shares
 * are fractions, and a flow counts as done when less than a billionth of
 * its size is left, which absorbs the rounding of the additions.
 */
#include "simulate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "forecast.h"
#include "office.h"
#include "error.h"
#include "reboot.h"
#include "verify.h"

/* How an SMS 2.0 client is simulated (struct ctx, kind). */
enum {
	CL_PLAIN = 0,   /* its own calendar */
	CL_STAYS,       /* told to stay on and complying: the stay-on span
			 * added to its calendar, as the forecast has it */
	CL_DIALUP       /* its copy runs over its own dial-up line, which it
			 * shares with nobody: the forecast's figures */
};

/* What makes two records transfer alike. */
struct proto {
	int32_t rep;          /* the first record with this key */
	int32_t pres;         /* presence key index */
	int32_t path_off;     /* into ctx.paths */
	int32_t npath;
	int32_t server;
	double size;          /* S bytes */
	double rate;          /* R bytes per slot */
};

struct flow {
	int32_t start;
	int32_t proto;
	size_t lo, hi;        /* clients order[lo .. hi-1] */
	double rem;           /* bytes left per client */
	int32_t xfer_end;     /* -1 while running */
	/* per slot scratch */
	double cap, alloc;
	bool frozen;
};

struct ctx {
	const struct ro_site *s;
	struct ro_expand *x;
	const struct ro_plan *p;
	struct ro_sim *sim;
	struct ro_diag *d;
	int32_t T, L;
	size_t words;

	int32_t *proto_of;    /* nrecords */
	struct proto *protos;
	size_t nprotos;
	int32_t *paths;       /* nprotos * nlinks max, packed */
	uint64_t *pres_bits;  /* npres * words */
	size_t npres;

	/* SMS 2.0 (ro_simulate_sms20), else NULL: per client the forecast's
	 * start (-1: none), its CL_* kind and the forecast's transfer end
	 * and completion (-1: none); the protos from nbase on are the
	 * CL_STAYS copies of protos 0 .. nbase-1 */
	const int32_t *starts;
	const uint8_t *kind;
	const int32_t *fc_xfer_end, *fc_end;
	size_t nbase;
	const uint64_t *rb_ok;   /* reboot windows (NULL: any time) */

	uint32_t *order;      /* started clients, sorted */
	size_t norder;
	struct flow *flows;
	size_t nflows, flows_cap;

	/* per slot scratch */
	uint32_t *cand;       /* flow indices */
	uint32_t *byc;        /* flow indices by cap */
	int32_t *srv_used;    /* nservers */
	double *avail;        /* nlinks */
	int64_t *cnt;         /* nlinks: unfrozen multiplicity */
	bool *sat;            /* nlinks */
	double *moved;        /* nlinks */
};

/* Sorting helpers: qsort has no context argument, so the comparators read
 * this file-level pointer.  ro_simulate is not reentrant across threads for
 * that reason alone (documented in docs/simulate.md). */
static const struct ctx *sort_ctx;

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_proto_rec(const void *pa, const void *pb)
{
	const struct ro_client *cl = sort_ctx->s->clients;
	int32_t ia = *(const int32_t *)pa, ib = *(const int32_t *)pb;
	const struct ro_client *a = &cl[ia], *b = &cl[ib];
	int c;

	if ((c = cmp_i64(a->segment, b->segment)) ||
	    (c = cmp_i64(a->server, b->server)) ||
	    (c = cmp_i64(a->bytes, b->bytes)) ||
	    (c = cmp_i64(a->rate_bps, b->rate_bps)) ||
	    (c = cmp_i64(a->calendar, b->calendar)) ||
	    (c = cmp_i64(a->office, b->office)) ||
	    (c = cmp_i64(a->conn, b->conn)) ||
	    (sort_ctx->kind && (c = cmp_i64(a->group, b->group))))
		return c;
	return cmp_i64(ia, ib);
}

/* with_group: the user group too, whose stay-on span a CL_STAYS copy
 * adds */
static bool same_proto(const struct ro_client *a, const struct ro_client *b,
		       bool with_group)
{
	return a->segment == b->segment && a->server == b->server &&
	       a->bytes == b->bytes && a->rate_bps == b->rate_bps &&
	       a->calendar == b->calendar && a->office == b->office &&
	       a->conn == b->conn && (!with_group || a->group == b->group);
}

struct cl_key {
	int32_t start, proto;
	uint32_t idx;
};

static int cmp_cl_key(const void *pa, const void *pb)
{
	const struct cl_key *a = pa, *b = pb;
	int c;

	if ((c = cmp_i64(a->start, b->start)) ||
	    (c = cmp_i64(a->proto, b->proto)))
		return c;
	return cmp_i64(a->idx, b->idx);
}

/* FIFO order of the CAP queue: start slot, then the first client. */
static int cmp_fifo(const void *pa, const void *pb)
{
	const struct flow *f = sort_ctx->flows;
	const struct flow *a = &f[*(const uint32_t *)pa];
	const struct flow *b = &f[*(const uint32_t *)pb];
	int c;

	if ((c = cmp_i64(a->start, b->start)))
		return c;
	return cmp_i64(sort_ctx->order[a->lo], sort_ctx->order[b->lo]);
}

static int cmp_cap(const void *pa, const void *pb)
{
	const struct flow *f = sort_ctx->flows;
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;

	if (f[ia].cap != f[ib].cap)
		return f[ia].cap < f[ib].cap ? -1 : 1;
	return cmp_i64(ia, ib);
}

/* Whether slot t is not entirely inside a reboot window of the policy
 * (false when the policy has none: reboots are allowed any time). */
static bool outside_windows(const struct ro_site *s, int64_t t)
{
	const struct ro_policy *pol = &s->policy;
	const int32_t L = s->horizon.slot_min;
	const ro_time m0 = s->horizon.start + t * L;

	if (pol->nreboot_windows == 0)
		return false;
	for (int32_t i = 0; i < L; i++)
		if (!ro_wspans_contain(pol->reboot_windows, pol->nreboot_windows,
				       ro_time_week_minute(m0 + i)))
			return true;
	return false;
}

/* The slot of instant m: floor((m - H0) / L). */
static int64_t slot_floor(const struct ctx *c, ro_time m)
{
	int64_t d = m - c->s->horizon.start, q = d / c->L;

	return d % c->L != 0 && d < 0 ? q - 1 : q;
}

/* The presence (LAN view) of record r when its users stay on: its calendar
 * plus the slots entirely inside its group's stay-on span, as
 * model/forecast.c has it, intersected with the office calendar of a ras
 * client. */
static int stay_bits(struct ctx *c, size_t r, uint64_t *out)
{
	const struct ro_client *cl = &c->s->clients[r];
	int err = ro_expand_client_on(c->x, r, false, out);

	if (err)
		return err;
	if (cl->group && c->s->groups[cl->group - 1].has_stay_on) {
		const struct ro_user_group *g = &c->s->groups[cl->group - 1];
		int64_t a = slot_floor(c, g->stay_from + c->L - 1);
		int64_t b = slot_floor(c, g->stay_to);

		for (int64_t t = a < 0 ? 0 : a; t < b && t < c->T; t++)
			out[(t + 1) / 64] |= (uint64_t)1 << ((t + 1) % 64);
	}
	if (cl->conn == RO_CONN_RAS && cl->office >= 0) {
		const uint64_t *off = ro_expand_calendar(c->x, cl->office);

		if (!off)
			return RO_ENOMEM;
		for (size_t w = 0; w < c->words; w++)
			out[w] &= off[w];
	}
	return RO_OK;
}

/* The first reboot slot of a client of proto pr whose copy is done by
 * xend, with r >= 1 reboots: the restart rule of docs/semantics.md,
 * "Reboots" (model/reboot.h), as for a plan; when it finds none by the
 * horizon end, the client restarts after it, at the earliest in slot
 * max(xend + K, T). */
static int64_t first_reboot(const struct ctx *c, const struct proto *pr,
			    int64_t xend, int32_t r)
{
	int64_t from = xend + c->sim->reboot_delay_slots;
	int32_t b = -1;

	if (from < c->T)
		b = ro_reboot_block(c->pres_bits + (size_t)pr->pres * c->words,
				    c->rb_ok, (int32_t)from, r, c->T);
	if (b >= 0)
		return b;
	return from > c->T ? from : c->T;
}

/* Groups records into protos, with their paths, rates and presence. */
static int build_protos(struct ctx *c)
{
	const struct ro_site *s = c->s;
	size_t R = s->nclients, nl = s->nlinks ? s->nlinks : 1;
	int32_t *idx = ro_calloc(R ? R : 1, sizeof *idx);
	int32_t *pres_rep = ro_calloc(R ? R : 1, sizeof *pres_rep);
	int rc = RO_ENOMEM;

	c->proto_of = ro_calloc(R ? R : 1, sizeof *c->proto_of);
	c->protos = ro_calloc((R ? R : 1) * (c->kind ? 2 : 1),
			      sizeof *c->protos);
	if (!idx || !pres_rep || !c->proto_of || !c->protos)
		goto out;
	for (size_t r = 0; r < R; r++)
		idx[r] = (int32_t)r;
	sort_ctx = c;
	qsort(idx, R, sizeof *idx, cmp_proto_rec);
	for (size_t i = 0; i < R; i++) {
		const struct ro_client *cl = &s->clients[idx[i]];
		if (i == 0 || !same_proto(cl, &s->clients[idx[i - 1]],
					  c->kind != NULL))
			c->protos[c->nprotos++].rep = idx[i];
		c->proto_of[idx[i]] = (int32_t)c->nprotos - 1;
	}
	/* rep must be the smallest record of the proto: the sort put equal
	 * keys in record order, so the first one is */
	c->paths = ro_calloc(c->nprotos * nl + 1, sizeof *c->paths);
	if (!c->paths)
		goto out;
	for (size_t k = 0; k < c->nprotos; k++) {
		struct proto *pr = &c->protos[k];
		const struct ro_client *cl = &s->clients[pr->rep];
		int32_t *path = c->paths + k * nl;
		int n = ro_client_path(s, cl, path, (int)nl);

		if (n < 0) {
			char name[256];
			ro_diag_add(c->d, NULL, 0, "cannot simulate: client '%s' "
				    "has no path from its segment to the link of "
				    "its cap",
				    ro_client_name(s, (size_t)pr->rep, 0, name,
						   sizeof name));
			rc = RO_EARG;
			goto out;
		}
		pr->path_off = (int32_t)(k * nl);
		pr->npath = n;
		pr->server = cl->server;
		pr->size = (double)(cl->bytes > 0 ? cl->bytes : 0);
		/* bytes per slot = R[bit/s * 1e6] * 60 * L / (8 * 1e6) */
		pr->rate = ro_transfer_rate_ppm(s, cl, path, n) * 60.0 * c->L /
			   8e6;
		pr->pres = -1;
		for (size_t q = 0; q < c->npres; q++)
			if (ro_same_presence(cl, &s->clients[pres_rep[q]])) {
				pr->pres = (int32_t)q;
				break;
			}
		if (pr->pres < 0) {
			pres_rep[c->npres] = pr->rep;
			pr->pres = (int32_t)c->npres++;
		}
	}
	c->pres_bits = ro_calloc((c->npres + (c->kind ? c->nprotos : 0)) *
				 c->words + 1, sizeof *c->pres_bits);
	if (!c->pres_bits)
		goto out;
	for (size_t q = 0; q < c->npres; q++)
		if (ro_expand_client_on(c->x, (size_t)pres_rep[q], true,
					c->pres_bits + q * c->words) != RO_OK)
			goto out;
	if (c->kind) {
		/* the CL_STAYS copies, each with its own presence */
		c->nbase = c->nprotos;
		for (size_t k = 0; k < c->nbase; k++) {
			struct proto *pr = &c->protos[c->nbase + k];

			*pr = c->protos[k];
			pr->pres = (int32_t)(c->npres + k);
			if (stay_bits(c, (size_t)pr->rep, c->pres_bits +
				      (size_t)pr->pres * c->words) != RO_OK)
				goto out;
		}
		c->nprotos *= 2;
	}
	rc = RO_OK;
out:
	ro_free(idx);
	ro_free(pres_rep);
	return rc;
}

/* The start of every client, then the flows: one per (start, proto). */
static int build_flows(struct ctx *c)
{
	const struct ro_site *s = c->s;
	struct ro_sim *sim = c->sim;
	struct cl_key *keys = ro_calloc(sim->n ? sim->n : 1, sizeof *keys);
	struct ro_opp *opp = NULL;
	size_t nopp = 0, nk = 0, i0 = 0;
	long opp_rec = -1;
	int rc = RO_ENOMEM;

	if (!keys)
		return RO_ENOMEM;
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *cl = &s->clients[r];
		int32_t first_opp = -1;

		if (!c->p && !c->starts) {
			if (opp_rec < 0 ||
			    !ro_same_opportunities(cl, &s->clients[opp_rec])) {
				ro_free(opp);
				opp = NULL;
				opp_rec = -1;
				if (ro_expand_opportunities(c->x, r, true, &opp,
							    &nopp) != RO_OK)
					goto out;
				opp_rec = (long)r;
			}
			first_opp = nopp ? opp[0].slot : -1;
		}
		for (int32_t k = 0; k < cl->count; k++, i0++) {
			int32_t st = c->starts ? c->starts[i0]
				     : c->p ? c->p->a[i0].start : first_opp;

			if (st >= c->T) {
				char name[256];
				ro_diag_add(c->d, NULL, 0, "cannot simulate: "
					    "client '%s' starts at slot %d, after "
					    "the horizon (slots 0 to %d)",
					    ro_client_name(s, r, k, name,
							   sizeof name),
					    (int)st, (int)c->T - 1);
				rc = RO_EARG;
				goto out;
			}
			sim->start[i0] = st < 0 ? -1 : st;
			if (st < 0 || (c->kind && c->kind[i0] == CL_DIALUP))
				continue;
			keys[nk].start = st;
			keys[nk].proto = c->proto_of[r] +
				(c->kind && c->kind[i0] == CL_STAYS
					 ? (int32_t)c->nbase : 0);
			keys[nk].idx = (uint32_t)i0;
			nk++;
		}
	}
	qsort(keys, nk, sizeof *keys, cmp_cl_key);
	c->order = ro_calloc(nk ? nk : 1, sizeof *c->order);
	if (!c->order)
		goto out;
	c->norder = nk;
	for (size_t i = 0; i < nk; i++) {
		c->order[i] = keys[i].idx;
		if (i == 0 || keys[i].start != keys[i - 1].start ||
		    keys[i].proto != keys[i - 1].proto)
			c->nflows++;
	}
	/* room for the splits too: at most one per CAP per slot */
	c->flows_cap = c->nflows + 16;
	c->flows = ro_calloc(c->flows_cap, sizeof *c->flows);
	if (!c->flows)
		goto out;
	c->nflows = 0;
	for (size_t i = 0; i < nk; i++) {
		if (i == 0 || keys[i].start != keys[i - 1].start ||
		    keys[i].proto != keys[i - 1].proto) {
			struct flow *f = &c->flows[c->nflows++];
			f->start = keys[i].start;
			f->proto = keys[i].proto;
			f->lo = i;
			f->rem = c->protos[f->proto].size;
			f->xfer_end = -1;
		}
		c->flows[c->nflows - 1].hi = i + 1;
	}
	rc = RO_OK;
out:
	ro_free(opp);
	ro_free(keys);
	return rc;
}

static bool done_enough(double rem, double size)
{
	return rem <= 1e-9 * (size > 1 ? size : 1);
}

/* Splits flow k after its first m clients; the new flow gets the rest. */
static int split(struct ctx *c, uint32_t k, size_t m, uint32_t *out)
{
	if (c->nflows == c->flows_cap) {
		size_t cap = c->flows_cap * 2;
		struct flow *v = ro_reallocarray(c->flows, cap, sizeof *v);
		uint32_t *a = ro_reallocarray(c->cand, cap, sizeof *a);
		uint32_t *b;

		if (a)
			c->cand = a;
		b = ro_reallocarray(c->byc, cap, sizeof *b);
		if (b)
			c->byc = b;
		if (v)
			c->flows = v;
		if (!v || !a || !b)
			return RO_ENOMEM;
		c->flows_cap = cap;
	}
	c->flows[c->nflows] = c->flows[k];
	c->flows[c->nflows].lo = c->flows[k].lo + m;
	c->flows[k].hi = c->flows[k].lo + m;
	*out = (uint32_t)c->nflows++;
	return RO_OK;
}

static bool on_path(const struct ctx *c, const struct flow *f, int32_t l)
{
	const struct proto *pr = &c->protos[f->proto];
	const int32_t *path = c->paths + pr->path_off;

	for (int32_t i = 0; i < pr->npath; i++)
		if (path[i] == l)
			return true;
	return false;
}

static void freeze(struct ctx *c, struct flow *f, double alloc)
{
	const struct proto *pr = &c->protos[f->proto];
	const int32_t *path = c->paths + pr->path_off;
	int64_t m = (int64_t)(f->hi - f->lo);

	f->frozen = true;
	f->alloc = alloc;
	for (int32_t i = 0; i < pr->npath; i++)
		c->cnt[path[i]] -= m;
}

/* Max-min fair shares of slot t among the n served flows in c->cand:
 * progressive filling, every unfrozen flow at the common level lam. */
static void fill(struct ctx *c, int32_t t, size_t n)
{
	const struct ro_site *s = c->s;
	size_t nl = s->nlinks, next = 0, left = n;
	double lam = 0;

	for (size_t l = 0; l < nl; l++) {
		c->avail[l] = (double)c->sim->usable[l * (size_t)c->T +
						     (size_t)t];
		c->cnt[l] = 0;
		c->sat[l] = false;
	}
	for (size_t i = 0; i < n; i++) {
		struct flow *f = &c->flows[c->cand[i]];
		const struct proto *pr = &c->protos[f->proto];
		const int32_t *path = c->paths + pr->path_off;

		f->frozen = false;
		f->alloc = 0;
		for (int32_t j = 0; j < pr->npath; j++)
			c->cnt[path[j]] += (int64_t)(f->hi - f->lo);
		c->byc[i] = c->cand[i];
	}
	sort_ctx = c;
	qsort(c->byc, n, sizeof *c->byc, cmp_cap);
	while (left > 0) {
		double step = INFINITY, target;
		int32_t bott = -1;

		while (next < n && c->flows[c->byc[next]].frozen)
			next++;
		if (next < n)
			step = c->flows[c->byc[next]].cap - lam;
		for (size_t l = 0; l < nl; l++) {
			if (c->cnt[l] <= 0 || c->sat[l])
				continue;
			double st = c->avail[l] / (double)c->cnt[l];
			if (st < step) {
				step = st;
				bott = (int32_t)l;
			}
		}
		if (step < 0)
			step = 0;
		target = lam + step;
		for (size_t l = 0; l < nl; l++)
			if (c->cnt[l] > 0 && !c->sat[l])
				c->avail[l] -= step * (double)c->cnt[l];
		lam = target;
		if (bott < 0) {
			/* flows reaching their cap at this level */
			double tol = 1e-12 * (lam > 1 ? lam : 1);
			while (next < n) {
				struct flow *f = &c->flows[c->byc[next]];
				if (!f->frozen) {
					if (f->cap > lam + tol)
						break;
					freeze(c, f, f->cap);
					left--;
				}
				next++;
			}
			continue;
		}
		/* a link is full: every flow still growing across it stops */
		c->sat[bott] = true;
		for (size_t i = 0; i < n; i++) {
			struct flow *f = &c->flows[c->cand[i]];
			if (!f->frozen && on_path(c, f, bott)) {
				freeze(c, f, lam < f->cap ? lam : f->cap);
				left--;
			}
		}
	}
}

/* One slot: admission by the CAPs, demand, fair shares, progress.  Flows
 * 0 .. nstarted-1 have started; flows from base on are splits. */
static int step_slot(struct ctx *c, int32_t t, size_t nstarted, size_t base)
{
	const struct ro_site *s = c->s;
	struct ro_sim *sim = c->sim;
	size_t n = 0, served = 0, nl = s->nlinks;

	for (size_t i = 0; i < nstarted; i++) {
		const struct flow *f = &c->flows[i];
		if (f->xfer_end >= 0)
			continue;
		if (!ro_bit(c->pres_bits + (size_t)c->protos[f->proto].pres *
					   c->words, t))
			continue;
		c->cand[n++] = (uint32_t)i;
	}
	/* splits made in earlier slots sit past nstarted */
	for (size_t i = base; i < c->nflows; i++) {
		const struct flow *f = &c->flows[i];
		if (f->xfer_end < 0 &&
		    ro_bit(c->pres_bits + (size_t)c->protos[f->proto].pres *
					  c->words, t))
			c->cand[n++] = (uint32_t)i;
	}
	sort_ctx = c;
	qsort(c->cand, n, sizeof *c->cand, cmp_fifo);
	memset(c->srv_used, 0, s->nservers * sizeof *c->srv_used);
	for (size_t i = 0; i < n; i++) {
		uint32_t k = c->cand[i];
		int32_t v = c->protos[c->flows[k].proto].server;
		int32_t maxc = s->servers[v].max_concurrent;
		size_t m = c->flows[k].hi - c->flows[k].lo;

		if (maxc > 0) {
			size_t room = maxc > c->srv_used[v]
				? (size_t)(maxc - c->srv_used[v]) : 0;
			if (room == 0)
				continue;
			if (room < m) {
				uint32_t rest;
				if (split(c, k, room, &rest) != RO_OK)
					return RO_ENOMEM;
				m = room;
			}
			c->srv_used[v] += (int32_t)m;
		}
		c->cand[served++] = k;
	}
	for (size_t i = 0; i < served; i++) {
		struct flow *f = &c->flows[c->cand[i]];
		const struct proto *pr = &c->protos[f->proto];

		f->cap = pr->rate < f->rem ? pr->rate : f->rem;
	}
	/* demand per link: what the served flows would move at full rate */
	for (size_t l = 0; l < nl; l++)
		c->avail[l] = 0;
	for (size_t i = 0; i < served; i++) {
		const struct flow *f = &c->flows[c->cand[i]];
		const struct proto *pr = &c->protos[f->proto];
		const int32_t *path = c->paths + pr->path_off;
		for (int32_t j = 0; j < pr->npath; j++)
			c->avail[path[j]] += f->cap * (double)(f->hi - f->lo);
	}
	for (size_t l = 0; l < nl; l++) {
		size_t j = l * (size_t)c->T + (size_t)t;
		double dm = c->avail[l];
		int64_t dv = dm > 0 ? (int64_t)ceil(dm - 1e-6) : 0;
		struct ro_sim_link *lk = &sim->links[l];

		sim->demand[j] = dv;
		if (dv > lk->peak_demand) {
			lk->peak_demand = dv;
			lk->peak_slot = t;
			lk->peak_usable = sim->usable[j];
		}
		if (dv > sim->usable[j])
			lk->overload_slots++;
	}
	fill(c, t, served);
	for (size_t i = 0; i < served; i++) {
		struct flow *f = &c->flows[c->cand[i]];
		const struct proto *pr = &c->protos[f->proto];
		const int32_t *path = c->paths + pr->path_off;
		double m = (double)(f->hi - f->lo);

		f->rem -= f->alloc;
		for (int32_t j = 0; j < pr->npath; j++)
			c->moved[path[j]] += f->alloc * m;
		if (done_enough(f->rem, pr->size))
			f->xfer_end = t + 1;
	}
	return RO_OK;
}

/* Per client results from the flows, and the totals. */
static int results(struct ctx *c)
{
	const struct ro_site *s = c->s;
	struct ro_sim *sim = c->sim;
	int32_t *rec_of = NULL;
	int32_t K = sim->reboot_delay_slots;

	/* the record of each client, for its reboots */
	rec_of = ro_calloc(sim->n ? sim->n : 1, sizeof *rec_of);
	if (!rec_of)
		return RO_ENOMEM;
	{
		size_t i = 0;
		for (size_t r = 0; r < s->nclients; r++)
			for (int32_t k = 0; k < s->clients[r].count; k++)
				rec_of[i++] = (int32_t)r;
	}
	for (size_t i = 0; i < sim->n; i++) {
		sim->xfer_end[i] = -1;
		sim->end[i] = -1;
		if (sim->start[i] < 0) {
			sim->flags[i] |= RO_SIM_NEVER;
			sim->never++;
		}
	}
	for (size_t k = 0; k < c->nflows; k++) {
		const struct flow *f = &c->flows[k];
		/* memo: consecutive clients with the same reboots share the
		 * answers (the flow has one transfer end) */
		int32_t memo_r = -1;
		int64_t memo_n = 0, memo_office = 0, memo_outside = 0;
		int64_t memo_first = 0;

		for (size_t j = f->lo; j < f->hi; j++) {
			uint32_t i = c->order[j];
			int32_t r = s->clients[rec_of[i]].reboots;
			int64_t e;

			sim->started++;
			if (r != memo_r) {
				memo_first = (int64_t)f->xfer_end + K;
				/* the restart rule (model/reboot.h): SMS 2.0
				 * over the forecast's range, none found is
				 * unfinished; per client as for a plan, a
				 * restart after the horizon at the earliest
				 * at its end */
				if (c->kind && r > 0 && f->xfer_end >= 0)
					memo_first = ro_reboot_block(
						c->pres_bits + (size_t)c->protos[
							f->proto].pres * c->words,
						c->rb_ok, (int32_t)memo_first, r,
						c->T);
				else if (r > 0 && f->xfer_end >= 0)
					memo_first = first_reboot(c,
						&c->protos[f->proto], f->xfer_end,
						r);
			}
			if (f->xfer_end < 0 || memo_first < 0) {
				sim->flags[i] |= RO_SIM_UNFINISHED;
				sim->unfinished++;
				memo_r = -1;
				continue;
			}
			sim->finished++;
			sim->xfer_end[i] = f->xfer_end;
			e = r ? memo_first + r : f->xfer_end;
			sim->end[i] = e > INT32_MAX ? INT32_MAX : (int32_t)e;
			if (sim->end[i] > sim->finish)
				sim->finish = sim->end[i];
			if (r != memo_r) {
				/* the reboot slots inside the horizon, as the
				 * verifier counts a plan's */
				int64_t first = memo_first;
				memo_n = memo_office = memo_outside = 0;
				for (int64_t t = first; t < first + r &&
				     t < c->T; t++) {
					memo_n++;
					memo_office += ro_office_slot(s, t);
					memo_outside += outside_windows(s, t);
				}
				memo_r = r;
			}
			sim->reboots += memo_n;
			sim->reboots_office += memo_office;
			sim->reboots_outside += memo_outside;
			if (memo_office) {
				sim->flags[i] |= RO_SIM_REBOOT_OFFICE;
				sim->reboot_office_clients++;
			}
			if (memo_outside)
				sim->flags[i] |= RO_SIM_REBOOT_OUTSIDE;
		}
	}
	/* SMS 2.0 copies over a dial-up line: the forecast's ends */
	for (size_t i = 0; c->kind && i < sim->n; i++) {
		if (c->kind[i] != CL_DIALUP || sim->start[i] < 0)
			continue;
		sim->started++;
		if (c->fc_end[i] < 0) {
			sim->flags[i] |= RO_SIM_UNFINISHED;
			sim->unfinished++;
			continue;
		}
		sim->finished++;
		sim->xfer_end[i] = c->fc_xfer_end[i];
		sim->end[i] = c->fc_end[i];
		if (sim->end[i] > sim->finish)
			sim->finish = sim->end[i];
		/* its restarts are the forecast's last r slots */
		for (int64_t t = (int64_t)sim->end[i] -
				 s->clients[rec_of[i]].reboots;
		     t < sim->end[i] && t < c->T; t++) {
			bool office = ro_office_slot(s, t);

			sim->reboots++;
			sim->reboots_office += office;
			sim->reboots_outside += outside_windows(s, t);
			if (office && !(sim->flags[i] & RO_SIM_REBOOT_OFFICE)) {
				sim->flags[i] |= RO_SIM_REBOOT_OFFICE;
				sim->reboot_office_clients++;
			}
			if (outside_windows(s, t))
				sim->flags[i] |= RO_SIM_REBOOT_OUTSIDE;
		}
	}
	for (size_t l = 0; l < s->nlinks; l++) {
		struct ro_sim_link *lk = &sim->links[l];
		lk->overload_minutes = (int64_t)lk->overload_slots * c->L;
		if (lk->overload_slots > 0)
			sim->overload_links++;
	}
	ro_free(rec_of);
	return RO_OK;
}

/* The plan's own completion slots, compared with the simulated ones. */
static void compare_plan(struct ctx *c)
{
	const struct ro_site *s = c->s;
	struct ro_sim *sim = c->sim;
	size_t i = 0;

	sim->with_plan = true;
	sim->max_diff_client = -1;
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *cl = &s->clients[r];
		const struct proto *pr = &c->protos[c->proto_of[r]];
		int32_t d = ro_transfer_slots(s, cl, c->paths + pr->path_off,
					      pr->npath, c->L);

		for (int32_t k = 0; k < cl->count; k++, i++) {
			int32_t st = sim->start[i];
			int64_t e, diff;

			if (st < 0 || (c->fc_end && c->fc_end[i] < 0)) {
				sim->plan_end[i] = -1;
				continue;
			}
			e = (int64_t)st + d;
			if (cl->reboots)
				e = first_reboot(c, pr, e, cl->reboots) +
				    cl->reboots;
			/* an SMS 2.0 forecast's restarts wait for a reboot
			 * window: its own end is the one to compare with */
			if (c->fc_end)
				e = c->fc_end[i];
			sim->plan_end[i] = e > INT32_MAX ? INT32_MAX : (int32_t)e;
			if (sim->end[i] < 0) {
				sim->late++;
				continue;
			}
			if (sim->end[i] > sim->plan_end[i])
				sim->late++;
			diff = (int64_t)sim->end[i] - sim->plan_end[i];
			if (diff < 0)
				diff = -diff;
			if (diff > sim->max_diff) {
				sim->max_diff = (int32_t)diff;
				sim->max_diff_client = (int64_t)i;
			}
		}
	}
}

void ro_sim_free(struct ro_sim *sim)
{
	if (!sim)
		return;
	ro_free(sim->links);
	ro_free(sim->demand);
	ro_free(sim->usable);
	ro_free(sim->start);
	ro_free(sim->xfer_end);
	ro_free(sim->end);
	ro_free(sim->flags);
	ro_free(sim->plan_end);
	ro_free(sim);
}

static struct ro_sim *sim_new(const struct ro_site *s, bool plan)
{
	struct ro_sim *sim = ro_calloc(1, sizeof *sim);
	size_t T = (size_t)s->horizon.nslots, n = (size_t)s->nclients_total;
	size_t nl = s->nlinks;

	if (!sim)
		return NULL;
	sim->nslots = s->horizon.nslots;
	sim->slot_min = s->horizon.slot_min;
	sim->nlinks = nl;
	sim->n = n;
	sim->links = ro_calloc(nl ? nl : 1, sizeof *sim->links);
	sim->demand = ro_calloc(nl * T + 1, sizeof *sim->demand);
	sim->usable = ro_calloc(nl * T + 1, sizeof *sim->usable);
	sim->start = ro_calloc(n + 1, sizeof *sim->start);
	sim->xfer_end = ro_calloc(n + 1, sizeof *sim->xfer_end);
	sim->end = ro_calloc(n + 1, sizeof *sim->end);
	sim->flags = ro_calloc(n + 1, sizeof *sim->flags);
	if (plan)
		sim->plan_end = ro_calloc(n + 1, sizeof *sim->plan_end);
	if (!sim->links || !sim->demand || !sim->usable || !sim->start ||
	    !sim->xfer_end || !sim->end || !sim->flags ||
	    (plan && !sim->plan_end)) {
		ro_sim_free(sim);
		return NULL;
	}
	for (size_t l = 0; l < nl; l++)
		sim->links[l].peak_slot = -1;
	sim->max_diff_client = -1;
	return sim;
}

static void ctx_release(struct ctx *c)
{
	ro_free(c->proto_of);
	ro_free(c->protos);
	ro_free(c->paths);
	ro_free(c->pres_bits);
	ro_free(c->order);
	ro_free(c->flows);
	ro_free(c->cand);
	ro_free(c->byc);
	ro_free(c->srv_used);
	ro_free(c->avail);
	ro_free(c->cnt);
	ro_free(c->sat);
	ro_free(c->moved);
}

/* Runs the simulation of the prepared context c (site, expansion, starts
 * and the range set) into *out; frees what c holds. */
static int run(struct ctx *c, bool plan, struct ro_sim **out)
{
	const struct ro_site *s = c->s;
	size_t nl = s->nlinks, started = 0;
	int rc;

	c->T = s->horizon.nslots;
	c->L = s->horizon.slot_min;
	c->words = ro_bits_words(c->T);
	c->sim = sim_new(s, plan);
	if (!c->sim) {
		rc = RO_ENOMEM;
		goto out_free;
	}
	c->sim->reboot_delay_slots = (int32_t)(((int64_t)(
		s->policy.reboot_delay_min > 0 ? s->policy.reboot_delay_min : 0) +
		c->L - 1) / c->L);
	for (size_t l = 0; l < nl; l++)
		for (int32_t t = 0; t < c->T; t++)
			c->sim->usable[l * (size_t)c->T + (size_t)t] =
				ro_expand_usable(c->x, (int32_t)l, t);

	rc = build_protos(c);
	if (rc == RO_OK)
		rc = build_flows(c);
	if (rc == RO_OK)
		rc = ro_expand_reboot_bits(c->x, &c->rb_ok);
	if (rc != RO_OK)
		goto out_free;
	rc = RO_ENOMEM;
	c->cand = ro_calloc(c->flows_cap, sizeof *c->cand);
	c->byc = ro_calloc(c->flows_cap, sizeof *c->byc);
	c->srv_used = ro_calloc(s->nservers + 1, sizeof *c->srv_used);
	c->avail = ro_calloc(nl + 1, sizeof *c->avail);
	c->cnt = ro_calloc(nl + 1, sizeof *c->cnt);
	c->sat = ro_calloc(nl + 1, sizeof *c->sat);
	c->moved = ro_calloc(nl + 1, sizeof *c->moved);
	if (!c->cand || !c->byc || !c->srv_used || !c->avail || !c->cnt ||
	    !c->sat || !c->moved)
		goto out_free;
	{
		/* flows are in start order; the first `started` have begun */
		size_t base = c->nflows;
		for (int32_t t = 0; t < c->T; t++) {
			while (started < base && c->flows[started].start <= t)
				started++;
			if (step_slot(c, t, started, base) != RO_OK)
				goto out_free;
		}
	}
	for (size_t l = 0; l < nl; l++)
		c->sim->links[l].moved = (int64_t)llround(c->moved[l]);
	if (results(c) != RO_OK)
		goto out_free;
	if (plan)
		compare_plan(c);
	*out = c->sim;
	c->sim = NULL;
	rc = RO_OK;
out_free:
	if (rc == RO_ENOMEM)
		ro_diag_add(c->d, NULL, 0, "cannot simulate: out of memory");
	ro_sim_free(c->sim);
	ctx_release(c);
	return rc;
}

int ro_simulate(const struct ro_site *s, struct ro_expand *x,
		const struct ro_plan *starts, struct ro_sim **out,
		struct ro_diag *d)
{
	struct ctx c;

	if (out)
		*out = NULL;
	if (!s || !x || !out || !d || s->horizon.nslots < 1 ||
	    s->horizon.slot_min < 1) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot simulate: missing site, "
				    "expansion or result");
		return RO_EARG;
	}
	if (starts && (starts->n != (size_t)s->nclients_total ||
		       starts->nrecords != s->nclients)) {
		ro_diag_add(d, NULL, 0, "cannot simulate: the plan does not "
			    "belong to the site");
		return RO_EARG;
	}
	if (starts && starts->control == RO_CONTROL_SMS20) {
		ro_diag_add(d, NULL, 0, "cannot simulate: an SMS 2.0 plan's "
			    "starts are a forecast that may pass the horizon; "
			    "simulate it with ro_simulate_sms20");
		return RO_EARG;
	}
	memset(&c, 0, sizeof c);
	c.s = s;
	c.x = x;
	c.p = starts;
	c.d = d;
	return run(&c, starts != NULL, out);
}

int ro_simulate_sms20(const struct ro_site *s, const struct ro_plan *p,
		      struct ro_sim **out, struct ro_diag *d)
{
	struct ro_forecast *fc = NULL;
	struct ro_site ext;
	struct ctx c;
	struct ro_levers lv;
	int32_t *starts = NULL, *xend = NULL, *end = NULL, E;
	uint8_t *kind = NULL;
	size_t n, i = 0;
	int rc;

	if (out)
		*out = NULL;
	if (!s || !p || !out || !d || s->horizon.nslots < 1 ||
	    s->horizon.slot_min < 1 || p->control != RO_CONTROL_SMS20 ||
	    p->n != (size_t)s->nclients_total || p->nrecords != s->nclients) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot simulate: %s",
				    p && s && p->control != RO_CONTROL_SMS20
					    ? "not an SMS 2.0 plan"
					    : "missing site, plan or result, "
					      "or a plan of another site");
		return RO_EARG;
	}
	rc = ro_forecast_new(s, &fc);
	if (rc) {
		ro_diag_add(d, NULL, 0, "cannot simulate: %s",
			    rc == RO_ENOMEM ? "out of memory"
					    : "the forecast's range is too long");
		return rc;
	}
	n = (size_t)s->nclients_total;
	starts = ro_mallocarray(n + 1, sizeof *starts);
	xend = ro_mallocarray(n + 1, sizeof *xend);
	end = ro_mallocarray(n + 1, sizeof *end);
	kind = ro_calloc(n + 1, sizeof *kind);
	rc = RO_ENOMEM;
	if (!starts || !xend || !end || !kind)
		goto out_nomem;
	ro_levers_of_plan(&p->lv, &lv);
	/* the starts as the levers give them, recomputed (a verified plan
	 * states the same), with what each client's copy runs over */
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *cl = &s->clients[r];

		for (int32_t k = 0; k < cl->count; k++, i++) {
			struct ro_fc_client one;
			int32_t trig = lv.trigger ? lv.trigger[i] : RO_NO_SLOT;

			if ((rc = ro_forecast_client(fc, &lv, r, k, trig, &one)))
				goto out_nomem;
			starts[i] = one.start == RO_NO_SLOT ? -1 : one.start;
			end[i] = one.end == RO_NO_SLOT ? -1 : one.end;
			xend[i] = one.start == RO_NO_SLOT ? -1
							  : one.start + one.d;
			if (one.start != RO_NO_SLOT && one.ras)
				kind[i] = CL_DIALUP;
			else if (cl->group && lv.instructed &&
				 lv.instructed[cl->group - 1] &&
				 s->groups[cl->group - 1].has_stay_on &&
				 ro_forecast_complies(fc, r, k))
				kind[i] = CL_STAYS;
			if (one.start != RO_NO_SLOT && one.start < 0) {
				ro_diag_add(d, NULL, 0, "cannot simulate: the "
					    "forecast starts a client before "
					    "the horizon");
				rc = RO_EARG;
				goto out_free;
			}
		}
	}
	/* the simulated range: from the horizon start to the end of the
	 * forecast's, a week past the horizon, on the same grid; the
	 * calendars and profiles are weekly, so a shallow copy of the site
	 * with the longer horizon expands them there (as forecast.c does) */
	E = ro_forecast_end(fc);
	ext = *s;
	ext.horizon.nslots = E;
	ext.horizon.end = s->horizon.start + (ro_time)E * s->horizon.slot_min;
	memset(&c, 0, sizeof c);
	c.s = &ext;
	c.d = d;
	c.starts = starts;
	c.kind = kind;
	c.fc_xfer_end = xend;
	c.fc_end = end;
	c.x = ro_expand_new(&ext);
	if (!c.x) {
		rc = RO_ENOMEM;
		goto out_nomem;
	}
	/* run() reports its own failures */
	rc = run(&c, true, out);
	ro_expand_free(c.x);
	goto out_free;
out_nomem:
	ro_diag_add(d, NULL, 0, "cannot simulate: out of memory");
out_free:
	ro_free(starts);
	ro_free(xend);
	ro_free(end);
	ro_free(kind);
	ro_forecast_free(fc);
	return rc;
}
