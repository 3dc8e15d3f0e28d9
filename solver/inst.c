/*
 * inst.c - from site to classes of identical clients with candidate starts.
 *
 * Per record: transfer path, duration d and charge q (exact, 128-bit), its
 * start opportunities (model/expand.h), filtered to the starts that fit on
 * their own: the copy inside one on-window, a restart for its reboots by
 * the horizon end (model/reboot.h), and q within the usable capacity of
 * every link of the path in every transfer slot.  Records with equal (d,
 * q, r, path, CAP, weight, candidate list with reboot slots) share a
 * class (inst_class.c).  A record without candidates gets its reason
 * here.  The potentials, components and views of an instance are in
 * inst_potential.c, inst_components.c and inst_view.c (inst_priv.h).
 */
#include <assert.h>
#include <string.h>
#include <stdlib.h>

#include "../model/alloc.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "../model/plan.h"
#include "../model/reboot.h"
#include "inst_priv.h"

__extension__ typedef __int128 i128;

static int64_t ceil_div128(i128 a, i128 b)
{
	i128 q = a / b;
	if (a % b != 0)
		q++;
	return q > INT64_MAX ? INT64_MAX : (int64_t)q;
}

/* U(l,t) = floor(capacity_bps * (1e6 - bg) * share_ppm * 60 * L / (8e12)) */
static int64_t usable_bytes(const struct ro_link *l, uint32_t bg_ppm,
			    int32_t slot_min)
{
	i128 v = (i128)l->capacity_bps * (RO_PPM - (i128)bg_ppm);
	v = v * l->share_ppm * 60 * slot_min;
	v /= (i128)8 * RO_PPM * RO_PPM;
	return v > INT64_MAX ? INT64_MAX : (int64_t)v;
}

/* First slot >= s that is off (T if on to the end), for each s. */
static void run_ends(const uint64_t *on, int32_t T, int32_t *end)
{
	int32_t next = T;
	for (int32_t t = T - 1; t >= 0; t--) {
		if (!ro_bit(on, t))
			next = t;
		end[t] = next;
	}
}

/* What the presence of a (calendar, office) pair gives a start: the run
 * ends, and per reboot count r the block start of model/reboot.h for each
 * first allowed slot, filled when first asked for.  Records share few
 * pairs, so a start costs two lookups however far its reboots wait. */
struct presence {
	int32_t *end;       /* T + 1: first off slot >= t (T: on to the end) */
	uint64_t *on;       /* ro_bits_words(T) */
	int32_t *blk[RO_MAX_REBOOTS + 1];   /* T + 1 each, blk[r][T] = -1 */
};

struct runcache {
	struct presence *p; /* ncal * (ncal + 1) lazily filled */
	size_t ncal;
	const uint64_t *rb; /* reboot windows, NULL: none */
};

static void runcache_release(struct runcache *rc)
{
	for (size_t i = 0; rc->p && i < rc->ncal * (rc->ncal + 1) + 1; i++) {
		ro_free(rc->p[i].end);
		ro_free(rc->p[i].on);
		for (int r = 0; r <= RO_MAX_REBOOTS; r++)
			ro_free(rc->p[i].blk[r]);
	}
	ro_free(rc->p);
}

static struct presence *runcache_get(struct runcache *rc, struct ro_expand *x,
				     const struct ro_site *s, size_t r)
{
	const struct ro_client *c = &s->clients[r];
	const int32_t T = s->horizon.nslots;
	size_t office = c->conn == RO_CONN_RAS && c->office >= 0
				? (size_t)c->office : rc->ncal;
	struct presence *p = &rc->p[(size_t)c->calendar * (rc->ncal + 1) + office];
	int32_t reboots = c->reboots;

	if (!p->end) {
		p->on = ro_malloc(ro_bits_words(T) * sizeof *p->on);
		p->end = ro_malloc(((size_t)T + 1) * sizeof *p->end);
		if (!p->on || !p->end ||
		    ro_expand_client_on(x, r, true, p->on) != RO_OK) {
			ro_free(p->on);
			ro_free(p->end);
			p->on = NULL;
			p->end = NULL;
			return NULL;
		}
		run_ends(p->on, T, p->end);
		p->end[T] = T;
	}
	if (reboots > 0 && !p->blk[reboots]) {
		int32_t *b = ro_malloc(((size_t)T + 1) * sizeof *b);
		if (!b)
			return NULL;
		/* the block start at or after t is t itself when a block
		 * may start at t (the rule asked with room for no other),
		 * else the one after t + 1 */
		b[T] = -1;
		for (int32_t t = T - 1; t >= 0; t--)
			b[t] = t + reboots <= T &&
			       ro_reboot_block(p->on, rc->rb, t, reboots,
					       t + reboots) == t
				       ? t : b[t + 1];
		p->blk[reboots] = b;
	}
	return p;
}

/* What a start s means for a record (docs/semantics.md, "Unplaced clients
 * and their reasons"): it fits, with *rb the first of its reboot slots
 * (s + d without reboots), or fails by the horizon or by the window. */
enum fit { FIT_OK, FIT_HORIZON, FIT_WINDOW };

static enum fit start_fit(const struct ro_inst *in, const struct presence *p,
			  int32_t s, int32_t d, int32_t r, int32_t *rb)
{
	int64_t from = (int64_t)s + d + in->K;

	/* the copy needs the client on throughout; cut by the horizon only
	 * when it stays on to the end */
	if ((int64_t)s + d > p->end[s])
		return p->end[s] == in->T ? FIT_HORIZON : FIT_WINDOW;
	if (r == 0) {
		*rb = s + d;
		return FIT_OK;
	}
	/* no restart by the horizon end: it would restart later, at a
	 * window or power-up after it */
	*rb = from < in->T ? p->blk[r][from] : -1;
	return *rb >= 0 ? FIT_OK : FIT_HORIZON;
}

static bool charge_fits(const struct ro_inst *in, const int32_t *path, int plen,
			int32_t s, int32_t d, int64_t q)
{
	for (int i = 0; i < plen; i++) {
		const int64_t *u = in->U + (size_t)path[i] * in->T;
		for (int32_t t = s; t < s + d; t++)
			if (q > u[t])
				return false;
	}
	return true;
}

static unsigned first_trigger(unsigned bits)
{
	if (bits & RO_TRIG_CCIM)
		return RO_TRIG_CCIM;
	if (bits & RO_TRIG_LOGON)
		return RO_TRIG_LOGON;
	return RO_TRIG_PUSH;
}

static uint8_t no_candidate_reason(const struct ro_inst *in, struct ro_expand *x,
				   size_t r, const struct ro_opp *opp,
				   size_t nopp, const struct presence *p,
				   int32_t d, int *err)
{
	const struct ro_client *c = &in->site->clients[r];
	bool horizon = false, fits = false;

	if (nopp == 0) {
		struct ro_opp *pres = NULL;
		size_t np = 0;
		*err = ro_expand_opportunities(x, r, false, &pres, &np);
		ro_free(pres);
		if (*err != RO_OK)
			return 0;
		if (np == 0 || c->conn != RO_CONN_RAS)
			return RO_REASON_NO_OPPORTUNITY;
		return RO_REASON_RAS_ONLY;
	}
	for (size_t i = 0; i < nopp; i++) {
		int32_t rb;
		enum fit f = start_fit(in, p, opp[i].slot, d, c->reboots, &rb);
		/* fits the window, so only capacity (q above U) stopped it */
		if (f == FIT_OK)
			fits = true;
		else if (f == FIT_HORIZON)
			horizon = true;
	}
	if (fits)
		return RO_REASON_CAPACITY;
	return horizon ? RO_REASON_HORIZON : RO_REASON_WINDOW;
}

/* What ro_inst_build works with besides the instance. */
struct build {
	struct ro_inst *in;
	const struct ro_site *s;
	struct ro_expand *x;
	struct ro_diag *d;
	struct runcache rc;
	struct ro_clstab tab;
	struct ro_cand *cand;     /* the record's candidates, T + 1 */
	int32_t *path;            /* the record's path, nlinks + 1 */
};

/* The instance's arrays and the build's scratch space. */
static int build_start(struct build *b)
{
	const struct ro_site *s = b->s;
	struct ro_inst *in = b->in;
	const int32_t T = s->horizon.nslots, L = s->horizon.slot_min;

	memset(in, 0, sizeof *in);
	in->site = s;
	in->T = T;
	in->K = (s->policy.reboot_delay_min + L - 1) / L;
	in->nlinks = s->nlinks;
	in->nservers = s->nservers;
	in->nclients = (size_t)s->nclients_total;

	in->U = ro_mallocarray(s->nlinks * (size_t)T, sizeof *in->U);
	in->M = ro_mallocarray(s->nservers * (size_t)T, sizeof *in->M);
	in->R = ro_mallocarray(s->nlinks * (size_t)T, sizeof *in->R);
	in->parent = ro_mallocarray(s->nlinks, sizeof *in->parent);
	in->srv_link = ro_mallocarray(s->nservers, sizeof *in->srv_link);
	in->client_cls = ro_mallocarray(in->nclients, sizeof *in->client_cls);
	in->client_reason = ro_calloc(in->nclients, 1);
	b->rc.ncal = s->ncalendars;
	b->rc.p = ro_calloc(b->rc.ncal * (b->rc.ncal + 1) + 1, sizeof *b->rc.p);
	b->cand = ro_malloc(((size_t)T + 1) * sizeof *b->cand);
	b->path = ro_malloc((s->nlinks + 1) * sizeof *b->path);
	if (!in->U || !in->M || !in->R || !in->parent || !in->srv_link ||
	    !in->client_cls || !in->client_reason ||
	    !b->rc.p || !b->cand || !b->path ||
	    ro_expand_reboot_bits(b->x, &b->rc.rb))
		return RO_ENOMEM;
	return RO_OK;
}

/* Usable bytes of each link, concurrent transfers of each CAP and reboots
 * of each segment, per slot; the link tree. */
static void build_capacities(struct build *b)
{
	const struct ro_site *s = b->s;
	struct ro_inst *in = b->in;
	const int32_t T = in->T, L = s->horizon.slot_min;

	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t t = 0; t < T; t++)
			in->U[l * T + t] = usable_bytes(
				&s->links[l],
				ro_expand_background(b->x, (int32_t)l, t), L);
	for (size_t k = 0; k < s->nservers; k++) {
		int32_t m = s->servers[k].max_concurrent;
		for (int32_t t = 0; t < T; t++)
			in->M[k * T + t] = m > 0 ? m : RO_UNLIMITED;
		in->srv_link[k] = s->servers[k].link;
	}
	for (size_t l = 0; l < s->nlinks; l++) {
		int32_t cap = s->policy.reboot_cap;
		for (int32_t t = 0; t < T; t++)
			in->R[l * T + t] = cap > 0 ? cap : RO_UNLIMITED;
		in->parent[l] = s->links[l].parent;
	}
}

/* Record r's class without its candidates: path (into b->path), duration,
 * charge, reboots, CAP, segment, weight. */
static int record_shape(struct build *b, size_t r, struct ro_cls *k)
{
	const struct ro_site *s = b->s;
	const struct ro_client *c = &s->clients[r];
	const int32_t T = b->in->T, L = s->horizon.slot_min;
	int plen = ro_client_path(s, c, b->path, (int)s->nlinks + 1);

	if (plen <= 0) {
		ro_diag_add(b->d, NULL, 0, "client '%s' has no path to its CAP",
			    ro_site_str(s, c->id));
		return RO_EINVAL;
	}
	/* R in bits/s times 1e6: the exact min of capacity x share */
	i128 rate = c->rate_bps ? (i128)c->rate_bps * RO_PPM : 0;
	for (int i = 0; !c->rate_bps && i < plen; i++) {
		const struct ro_link *l = &s->links[b->path[i]];
		i128 v = (i128)l->capacity_bps * l->share_ppm;
		if (i == 0 || v < rate)
			rate = v;
	}
	int64_t dur = ceil_div128((i128)8 * c->bytes * RO_PPM, rate * 60 * L);
	if (dur < 1)
		dur = 1;
	memset(k, 0, sizeof *k);
	k->d = dur > T ? T + 1 : (int32_t)dur;
	k->q = ceil_div128(c->bytes, dur);
	k->r = c->reboots;
	k->server = c->server;
	k->segment = c->segment;
	k->w = c->priority;
	k->path_len = plen;
	return RO_OK;
}

/* The starts of opp that fit on their own, into b->cand, in the order of
 * opp (by start); their number in k->ncand. */
static void record_candidates(struct build *b, const struct presence *pres,
			      const struct ro_opp *opp, size_t nopp,
			      struct ro_cls *k)
{
	for (size_t i = 0; i < nopp; i++) {
		int32_t st = opp[i].slot, rb;
		if (start_fit(b->in, pres, st, k->d, k->r, &rb) != FIT_OK ||
		    !charge_fits(b->in, b->path, k->path_len, st, k->d, k->q))
			continue;
		struct ro_cand *cd = &b->cand[k->ncand++];
		cd->s = st;
		cd->rb = rb;
		cd->e = rb + k->r;
		cd->trig = (uint8_t)first_trigger(opp[i].triggers);
		/* candidates in order of start, so of end too: the
		 * trivial bounds read the first as the earliest end */
		assert(k->ncand == 1 || cd[-1].s < cd->s);
		assert(cd->e > cd->s && cd->e <= b->in->T);
	}
}

/* Record r into the instance: its clients get a class, or no class and
 * the reason.  *ci is the expanded index of its first client, moved past
 * its last. */
static int add_record(struct build *b, size_t r, size_t *ci)
{
	struct ro_inst *in = b->in;
	const struct ro_client *c = &b->s->clients[r];
	struct ro_opp *opp = NULL;
	size_t nopp = 0;
	const struct presence *pres;
	struct ro_cls k;
	int32_t found;
	int err;

	if ((err = record_shape(b, r, &k)))
		return err;
	pres = runcache_get(&b->rc, b->x, b->s, r);
	if (!pres || ro_expand_opportunities(b->x, r, true, &opp, &nopp))
		return RO_ENOMEM;
	record_candidates(b, pres, opp, nopp, &k);
	in->weight_total += (int64_t)c->priority * c->count;
	if (k.ncand == 0) {
		uint8_t why = no_candidate_reason(in, b->x, r, opp, nopp, pres,
						  k.d, &err);
		ro_free(opp);
		if (err != RO_OK)
			return err;
		for (int32_t j = 0; j < c->count; j++, (*ci)++) {
			in->client_cls[*ci] = -1;
			in->client_reason[*ci] = why;
		}
		return RO_OK;
	}
	ro_free(opp);
	in->weight_placeable += (int64_t)c->priority * c->count;
	if ((err = ro_clstab_add(&b->tab, in, &k, b->cand, b->path, &found)))
		return err;
	in->cls[found].n += c->count;
	for (int32_t j = 0; j < c->count; j++, (*ci)++)
		in->client_cls[*ci] = found;
	return RO_OK;
}

int ro_inst_build(struct ro_inst *in, const struct ro_site *s,
		  struct ro_expand *x, struct ro_diag *d)
{
	struct build b = { .in = in, .s = s, .x = x, .d = d };
	size_t ci = 0;
	int err;

	if ((err = build_start(&b)))
		goto out;
	build_capacities(&b);
	for (size_t r = 0; r < s->nclients; r++)
		if ((err = add_record(&b, r, &ci)))
			goto out;
	assert(ci == in->nclients);
	err = ro_inst_members(in);
out:
	runcache_release(&b.rc);
	ro_clstab_release(&b.tab);
	ro_free(b.cand);
	ro_free(b.path);
	if (err != RO_OK) {
		if (err == RO_ENOMEM)
			ro_diag_add(d, NULL, 0, "out of memory while building the model");
		ro_inst_release(in);
	}
	return err;
}

void ro_inst_release(struct ro_inst *in)
{
	ro_free(in->U);
	ro_free(in->M);
	ro_free(in->R);
	ro_free(in->parent);
	ro_free(in->srv_link);
	ro_free(in->paths);
	if (!in->view)
		ro_free(in->members);
	ro_free(in->client_cls);
	ro_free(in->client_reason);
	ro_free(in->link_of);
	ro_free(in->server_of);
	ro_free(in->cls_of);
	ro_free(in->cls);
	ro_free(in->cand);
	memset(in, 0, sizeof *in);
}
