/*
 * inst.c - from site to classes of identical clients with candidate starts.
 *
 * Per record: transfer path, duration d and charge q (exact, 128-bit), its
 * start opportunities (model/expand.h), filtered to the starts that fit on
 * their own: the copy inside one on-window, a restart for its reboots by
 * the horizon end (model/reboot.h), and q within the usable capacity of
 * every link of the path in every transfer slot.  Records with equal (d,
 * q, r, path, CAP, weight, candidate list with reboot slots) share a
 * class.  A record without candidates gets its reason here.
 */
#include "inst.h"

#include <string.h>
#include <stdlib.h>

#include "../model/alloc.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "../model/plan.h"
#include "../model/reboot.h"

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

/* Open-addressing table of class indices keyed by a hash of the class. */
struct ctable {
	int32_t *slot;
	size_t cap;
};

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

static uint64_t class_hash(const struct ro_cls *c, const struct ro_cand *cd,
			   const int32_t *path)
{
	uint64_t h = 1469598103934665603ull;
	h = mix(h, (uint64_t)c->d);
	h = mix(h, (uint64_t)c->q);
	h = mix(h, (uint64_t)c->r);
	h = mix(h, (uint64_t)c->server);
	h = mix(h, (uint64_t)c->segment);
	h = mix(h, (uint64_t)c->w);
	h = mix(h, (uint64_t)c->path_len);
	for (int32_t i = 0; i < c->path_len; i++)
		h = mix(h, (uint64_t)path[i]);
	h = mix(h, (uint64_t)c->ncand);
	for (int32_t i = 0; i < c->ncand; i++)
		h = mix(mix(h, (uint64_t)cd[i].s << 8 | cd[i].trig),
			(uint64_t)cd[i].rb);
	return h;
}

static bool class_equal(const struct ro_inst *in, const struct ro_cls *a,
			const struct ro_cls *b, const struct ro_cand *bc,
			const int32_t *bpath)
{
	if (a->d != b->d || a->q != b->q || a->r != b->r ||
	    a->server != b->server || a->segment != b->segment ||
	    a->w != b->w || a->path_len != b->path_len ||
	    a->ncand != b->ncand)
		return false;
	if (memcmp(in->paths + a->path_off, bpath,
		   (size_t)a->path_len * sizeof *bpath) != 0)
		return false;
	for (int32_t i = 0; i < a->ncand; i++) {
		const struct ro_cand *x = &in->cand[a->cand_off + i];
		if (x->s != bc[i].s || x->trig != bc[i].trig ||
		    x->rb != bc[i].rb)
			return false;
	}
	return true;
}

static bool ctable_grow(struct ctable *t, const struct ro_inst *in,
			uint64_t *hashes)
{
	size_t cap = t->cap ? 2 * t->cap : 1024;
	int32_t *sl = ro_malloc(cap * sizeof *sl);

	if (!sl)
		return false;
	for (size_t i = 0; i < cap; i++)
		sl[i] = -1;
	for (size_t c = 0; c < in->ncls; c++) {
		size_t i = hashes[c] & (cap - 1);
		while (sl[i] >= 0)
			i = (i + 1) & (cap - 1);
		sl[i] = (int32_t)c;
	}
	ro_free(t->slot);
	t->slot = sl;
	t->cap = cap;
	return true;
}

/* Sorting client indices by name: a merge sort with the names as context. */
static void sort_by_name(int32_t *v, int32_t *tmp, size_t n, const char *names,
			 const uint32_t *off)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_by_name(v, tmp, h, names, off);
	sort_by_name(v + h, tmp, n - h, names, off);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = strcmp(names + off[v[j]], names + off[v[i]]) < 0
				   ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

/* Members of each class in id byte order (docs/semantics.md, "Handing a
 * plan to clients"). */
static int build_members(struct ro_inst *in)
{
	const struct ro_site *s = in->site;
	size_t n = in->nclients, len = 0;
	uint32_t *off = ro_mallocarray(n, sizeof *off);
	int32_t *order = ro_mallocarray(n, sizeof *order);
	int32_t *tmp = ro_mallocarray(n, sizeof *tmp);
	int32_t *fill = ro_calloc(in->ncls, sizeof *fill);
	char *names = NULL;
	int err = RO_ENOMEM;
	char buf[512];

	in->members = ro_mallocarray(n, sizeof *in->members);
	if (!off || !order || !tmp || !fill || !in->members)
		goto out;
	for (size_t r = 0, i = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_client_name(s, r, k, buf, sizeof buf);
			len += strlen(buf) + 1;
		}
	names = ro_malloc(len);
	if (!names)
		goto out;
	len = 0;
	for (size_t r = 0, i = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_client_name(s, r, k, buf, sizeof buf);
			off[i] = (uint32_t)len;
			memcpy(names + len, buf, strlen(buf) + 1);
			len += strlen(buf) + 1;
			order[i] = (int32_t)i;
		}
	sort_by_name(order, tmp, n, names, off);
	for (size_t i = 0; i < n; i++) {
		int32_t c = in->client_cls[order[i]];
		if (c >= 0)
			in->members[in->cls[c].members_off + fill[c]++] = order[i];
	}
	err = RO_OK;
out:
	ro_free(off);
	ro_free(order);
	ro_free(tmp);
	ro_free(fill);
	ro_free(names);
	return err;
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

int ro_inst_build(struct ro_inst *in, const struct ro_site *s, struct ro_expand *x,
	       struct ro_diag *d)
{
	const int32_t T = s->horizon.nslots, L = s->horizon.slot_min;
	struct runcache rc = { 0 };
	struct ctable tab = { 0 };
	uint64_t *hashes = NULL;
	struct ro_cand *tmpc = NULL;
	int32_t *path = NULL;
	size_t cls_cap = 0, cand_cap = 0, path_cap = 0;
	int err = RO_ENOMEM;

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
	rc.ncal = s->ncalendars;
	rc.p = ro_calloc(rc.ncal * (rc.ncal + 1) + 1, sizeof *rc.p);
	tmpc = ro_malloc(((size_t)T + 1) * sizeof *tmpc);
	path = ro_malloc((s->nlinks + 1) * sizeof *path);
	if (!in->U || !in->M || !in->R || !in->parent || !in->srv_link ||
	    !in->client_cls || !in->client_reason ||
	    !rc.p || !tmpc || !path || ro_expand_reboot_bits(x, &rc.rb))
		goto out;

	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t t = 0; t < T; t++)
			in->U[l * T + t] = usable_bytes(
				&s->links[l],
				ro_expand_background(x, (int32_t)l, t), L);
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
	for (size_t r = 0, ci = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		struct ro_opp *opp = NULL;
		size_t nopp = 0;
		int plen = ro_client_path(s, c, path, (int)s->nlinks + 1);
		const struct presence *pres;
		struct ro_cls k = { 0 };

		if (plen <= 0) {
			ro_diag_add(d, NULL, 0, "client '%s' has no path to its CAP",
				    ro_site_str(s, c->id));
			err = RO_EINVAL;
			goto out;
		}
		/* R in bits/s times 1e6: the exact min of capacity x share */
		i128 rate = c->rate_bps ? (i128)c->rate_bps * RO_PPM : 0;
		for (int i = 0; !c->rate_bps && i < plen; i++) {
			const struct ro_link *l = &s->links[path[i]];
			i128 v = (i128)l->capacity_bps * l->share_ppm;
			if (i == 0 || v < rate)
				rate = v;
		}
		int64_t dur = ceil_div128((i128)8 * c->bytes * RO_PPM,
					  rate * 60 * L);
		if (dur < 1)
			dur = 1;
		k.d = dur > T ? T + 1 : (int32_t)dur;
		k.q = ceil_div128(c->bytes, dur);
		k.r = c->reboots;
		k.server = c->server;
		k.segment = c->segment;
		k.w = c->priority;
		k.path_len = plen;

		pres = runcache_get(&rc, x, s, r);
		if (!pres || ro_expand_opportunities(x, r, true, &opp, &nopp))
			goto out;
		for (size_t i = 0; i < nopp; i++) {
			int32_t st = opp[i].slot, rb;
			if (start_fit(in, pres, st, k.d, k.r, &rb) != FIT_OK ||
			    !charge_fits(in, path, plen, st, k.d, k.q))
				continue;
			tmpc[k.ncand].s = st;
			tmpc[k.ncand].rb = rb;
			tmpc[k.ncand].e = rb + k.r;
			tmpc[k.ncand].trig = (uint8_t)first_trigger(opp[i].triggers);
			k.ncand++;
		}
		in->weight_total += (int64_t)c->priority * c->count;
		if (k.ncand == 0) {
			int e2 = RO_OK;
			uint8_t why = no_candidate_reason(in, x, r, opp, nopp,
							  pres, k.d, &e2);
			ro_free(opp);
			if (e2 != RO_OK)
				goto out;
			for (int32_t j = 0; j < c->count; j++, ci++) {
				in->client_cls[ci] = -1;
				in->client_reason[ci] = why;
			}
			continue;
		}
		ro_free(opp);
		in->weight_placeable += (int64_t)c->priority * c->count;

		/* find or add the class */
		uint64_t h = class_hash(&k, tmpc, path);
		if (2 * (in->ncls + 1) > tab.cap) {
			if (!ctable_grow(&tab, in, hashes))
				goto out;
		}
		size_t i = h & (tab.cap - 1);
		int32_t found = -1;
		for (; tab.slot[i] >= 0; i = (i + 1) & (tab.cap - 1)) {
			struct ro_cls *o = &in->cls[tab.slot[i]];
			if (hashes[tab.slot[i]] == h &&
			    class_equal(in, o, &k, tmpc, path)) {
				found = tab.slot[i];
				break;
			}
		}
		if (found < 0) {
			if (in->ncls == cls_cap) {
				size_t nc = cls_cap ? 2 * cls_cap : 256;
				void *a = ro_reallocarray(in->cls, nc, sizeof *in->cls);
				void *b = a ? ro_reallocarray(hashes, nc, sizeof *hashes) : NULL;
				if (a)
					in->cls = a;
				if (!b)
					goto out;
				hashes = b;
				cls_cap = nc;
			}
			while (in->ncand + (size_t)k.ncand > cand_cap) {
				size_t nc = cand_cap ? 2 * cand_cap : 4096;
				void *a = ro_reallocarray(in->cand, nc, sizeof *in->cand);
				if (!a)
					goto out;
				in->cand = a;
				cand_cap = nc;
			}
			while (in->npaths + (size_t)plen > path_cap) {
				size_t nc = path_cap ? 2 * path_cap : 1024;
				void *a = ro_reallocarray(in->paths, nc, sizeof *in->paths);
				if (!a)
					goto out;
				in->paths = a;
				path_cap = nc;
			}
			k.cand_off = (int32_t)in->ncand;
			memcpy(in->cand + in->ncand, tmpc, (size_t)k.ncand * sizeof *tmpc);
			in->ncand += (size_t)k.ncand;
			k.path_off = (int32_t)in->npaths;
			memcpy(in->paths + in->npaths, path, (size_t)plen * sizeof *path);
			in->npaths += (size_t)plen;
			found = (int32_t)in->ncls;
			in->cls[in->ncls] = k;
			hashes[in->ncls++] = h;
			tab.slot[i] = found;
		}
		in->cls[found].n += c->count;
		for (int32_t j = 0; j < c->count; j++, ci++)
			in->client_cls[ci] = found;
	}
	for (size_t c = 0, off = 0; c < in->ncls; c++) {
		in->cls[c].members_off = (int32_t)off;
		off += (size_t)in->cls[c].n;
	}
	err = build_members(in);
out:
	runcache_release(&rc);
	ro_free(tab.slot);
	ro_free(hashes);
	ro_free(tmpc);
	ro_free(path);
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

static int64_t gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

void ro_potential_release(struct ro_potential *pot)
{
	ro_free(pot->link);
	ro_free(pot->srv);
	ro_free(pot->rb);
	ro_free(pot->gcd);
	ro_free(pot->qmin);
	memset(pot, 0, sizeof *pot);
}

void ro_inst_cover(const struct ro_inst *in, size_t c, int32_t deadline,
		   uint8_t *on)
{
	const struct ro_cls *k = &in->cls[c];

	memset(on, 0, (size_t)in->T);
	for (int32_t i = 0; i < k->ncand; i++) {
		const struct ro_cand *cd = &in->cand[k->cand_off + i];
		if (cd->e <= deadline)
			memset(on + cd->s, 1, (size_t)k->d);
	}
}

/* The link forest in post-order (children before parents), so that the
 * subtree of link v is the range first[v] .. pos[v] of post. */
struct forest {
	int32_t *post, *first, *pos;
};

static void forest_release(struct forest *f)
{
	ro_free(f->post);
	ro_free(f->first);
	ro_free(f->pos);
	memset(f, 0, sizeof *f);
}

static int forest_build(const struct ro_inst *in, struct forest *f)
{
	size_t n = in->nlinks;
	int32_t *kids = ro_malloc((n + 1) * sizeof *kids);
	int32_t *koff = ro_calloc(n + 2, sizeof *koff);
	int32_t *stack = ro_malloc((n + 1) * sizeof *stack);
	int32_t *next = ro_malloc((n + 1) * sizeof *next);
	int32_t np = 0, err = RO_ENOMEM;

	f->post = ro_malloc((n + 1) * sizeof *f->post);
	f->first = ro_malloc((n + 1) * sizeof *f->first);
	f->pos = ro_malloc((n + 1) * sizeof *f->pos);
	if (!kids || !koff || !stack || !next || !f->post || !f->first || !f->pos)
		goto out;
	for (size_t v = 0; v < n; v++)
		if (in->parent[v] >= 0)
			koff[in->parent[v] + 1]++;
	for (size_t v = 0; v < n; v++)
		koff[v + 1] += koff[v];
	for (size_t v = 0; v < n; v++)
		next[v] = koff[v];
	for (size_t v = 0; v < n; v++)
		if (in->parent[v] >= 0)
			kids[next[in->parent[v]]++] = (int32_t)v;
	/* iterative depth-first walk from every root */
	for (size_t root = 0; root < n; root++) {
		int32_t sp = 0;
		if (in->parent[root] >= 0)
			continue;
		stack[sp++] = (int32_t)root;
		f->first[root] = np;
		next[root] = koff[root];
		while (sp > 0) {
			int32_t v = stack[sp - 1];
			if (next[v] < koff[v + 1]) {
				int32_t w = kids[next[v]++];
				f->first[w] = np;
				next[w] = koff[w];
				stack[sp++] = w;
			} else {
				f->pos[v] = np;
				f->post[np++] = v;
				sp--;
			}
		}
	}
	err = np == (int32_t)n ? RO_OK : RO_EINVAL;   /* a cycle otherwise */
out:
	ro_free(kids);
	ro_free(koff);
	ro_free(stack);
	ro_free(next);
	if (err)
		forest_release(f);
	return err;
}

/* Classes by resource, as CSR lists: by each link of their path, and by
 * their CAP. */
struct byres {
	int32_t *off, *cls;
};

static int byres_build(const struct ro_inst *in, bool by_server,
		       struct byres *b)
{
	size_t n = by_server ? in->nservers : in->nlinks, total = 0;
	int32_t *fill;

	b->off = ro_calloc(n + 2, sizeof *b->off);
	for (size_t c = 0; c < in->ncls; c++)
		total += by_server ? 1 : (size_t)in->cls[c].path_len;
	b->cls = ro_malloc((total + 1) * sizeof *b->cls);
	fill = ro_malloc((n + 1) * sizeof *fill);
	if (!b->off || !b->cls || !fill) {
		ro_free(b->off);
		ro_free(b->cls);
		ro_free(fill);
		b->off = b->cls = NULL;
		return RO_ENOMEM;
	}
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		if (by_server)
			b->off[k->server + 1]++;
		else
			for (int32_t p = 0; p < k->path_len; p++)
				b->off[in->paths[k->path_off + p] + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		b->off[i + 1] += b->off[i];
	memcpy(fill, b->off, n * sizeof *fill);
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		if (by_server)
			b->cls[fill[k->server]++] = (int32_t)c;
		else
			for (int32_t p = 0; p < k->path_len; p++)
				b->cls[fill[in->paths[k->path_off + p]]++] = (int32_t)c;
	}
	ro_free(fill);
	return RO_OK;
}

static void byres_release(struct byres *b)
{
	ro_free(b->off);
	ro_free(b->cls);
	b->off = b->cls = NULL;
}

/* Transfers that fit side by side on link-slot i: at most U / qmin. */
static double count_cap(const struct ro_inst *in, const struct ro_potential *pot,
			size_t i)
{
	return pot->qmin[i] > 0 ? (double)(in->U[i] / pot->qmin[i]) : 0;
}

/* The most that classes cls (their segment at the bottom of their path,
 * top on it) can put on top in each slot when each link below carries at
 * most its capacity: acc gathers per link and slot, bottom-up through the
 * subtree of top, each link's sum capped by its capacity (unit: count
 * clients against how many transfers fit side by side; else bytes q
 * against U).  The total is left in acc[top * T ...]; with groups, the
 * children of top keep their capped sums instead of adding them to top,
 * which then holds only the classes right on it.  The caller clears what
 * is left (clear_groups). */
static void capped_sum(const struct ro_inst *in, const struct ro_potential *pot,
		       const struct forest *f, const int32_t *cls, int32_t ncls,
		       int32_t top, int32_t deadline, bool unit, bool groups,
		       double *acc, uint8_t *on)
{
	const int32_t T = in->T;

	for (int32_t i = 0; i < ncls; i++) {
		const struct ro_cls *k = &in->cls[cls[i]];
		double v = unit ? (double)k->n : (double)k->q * k->n;
		double *a = acc + (size_t)in->paths[k->path_off] * T;
		ro_inst_cover(in, (size_t)cls[i], deadline, on);
		for (int32_t t = 0; t < T; t++)
			if (on[t])
				a[t] += v;
	}
	for (int32_t x = f->first[top]; x < f->pos[top]; x++) {
		int32_t v = f->post[x], p = in->parent[v];
		double *a = acc + (size_t)v * T, *up = acc + (size_t)p * T;
		bool keep = groups && p == top;
		for (int32_t t = 0; t < T; t++) {
			if (a[t] == 0)
				continue;
			size_t i = (size_t)v * T + (size_t)t;
			double cap = unit ? count_cap(in, pot, i) : (double)in->U[i];
			double c = a[t] < cap ? a[t] : cap;
			if (keep) {
				a[t] = c;
			} else {
				up[t] += c;
				a[t] = 0;
			}
		}
	}
}

static void clear_groups(const struct ro_inst *in, int32_t top, double *acc,
			 uint8_t *major, uint8_t *major2)
{
	const int32_t T = in->T;

	memset(acc + (size_t)top * T, 0, (size_t)T * sizeof *acc);
	major[top] = major2[top] = 0;
	for (size_t v = 0; v < in->nlinks; v++)
		if (in->parent[v] == top) {
			memset(acc + v * T, 0, (size_t)T * sizeof *acc);
			major[v] = major2[v] = 0;
		}
}

/* Tightens the potentials by what the links can carry: the load a link
 * could see is capped by the capacity of the links below it, the clients
 * of a CAP in a slot by how many transfers fit side by side on the links
 * on their way, the reboots on a segment by how many of its transfers
 * could have ended before the delay.  A resource whose tightened potential
 * stays within its capacity can never bind. */
static int tighten(const struct ro_inst *in, int32_t deadline,
		   struct ro_potential *pot)
{
	const int32_t T = in->T;
	size_t lt = in->nlinks * (size_t)T;
	struct forest f = { 0 };
	struct byres bl = { 0 }, bs = { 0 };
	double *acc = ro_calloc(lt, sizeof *acc);
	uint8_t *on = ro_malloc((size_t)T + 1);
	uint8_t *rany = ro_calloc(in->nlinks + 1, 1);
	int err = RO_ENOMEM;

	if (!acc || !on || !rany)
		goto out;
	if ((err = forest_build(in, &f)) ||
	    (err = byres_build(in, false, &bl)) ||
	    (err = byres_build(in, true, &bs)))
		goto out;
	for (size_t l = 0; l < in->nlinks; l++) {
		bool over = false;
		for (int32_t t = 0; t < T && !over; t++)
			over = pot->link[l * T + t] > (double)in->U[l * T + t];
		if (!over)
			continue;
		capped_sum(in, pot, &f, bl.cls + bl.off[l], bl.off[l + 1] - bl.off[l],
			   (int32_t)l, deadline, false, false, acc, on);
		for (int32_t t = 0; t < T; t++) {
			size_t i = l * T + (size_t)t;
			if (acc[i] < pot->link[i])
				pot->link[i] = acc[i];
			acc[i] = 0;
		}
	}
	/* and top-down: a link whose clients all go on to its parent (it is
	 * no client's CAP link) carries no more than the parent can: a branch
	 * LAN under its WAN link */
	{
		uint8_t *is_top = ro_calloc(in->nlinks + 1, 1);
		if (!is_top)
			goto out;
		for (size_t c = 0; c < in->ncls; c++) {
			const struct ro_cls *k = &in->cls[c];
			is_top[in->paths[k->path_off + k->path_len - 1]] = 1;
		}
		for (int32_t x = (int32_t)in->nlinks - 1; x >= 0; x--) {
			int32_t l = f.post[x], p = in->parent[l];
			if (p < 0 || is_top[l])
				continue;
			/* the parent's capacity, never its tightened
			 * potential: that may have been capped by this very
			 * link's capacity, and the reasoning would go round */
			for (int32_t t = 0; t < T; t++) {
				size_t i = (size_t)l * T + (size_t)t;
				double up = (double)in->U[(size_t)p * T + (size_t)t];
				if (up < pot->link[i])
					pot->link[i] = up;
			}
		}
		ro_free(is_top);
	}
	for (size_t k = 0; k < in->nservers; k++) {
		int32_t top = in->srv_link[k];
		bool over = false;
		for (int32_t t = 0; t < T && !over; t++)
			over = pot->srv[k * T + t] > in->M[k * T + t];
		if (!over)
			continue;
		capped_sum(in, pot, &f, bs.cls + bs.off[k], bs.off[k + 1] - bs.off[k],
			   top, deadline, true, false, acc, on);
		for (int32_t t = 0; t < T; t++) {
			size_t i = (size_t)top * T + (size_t)t;
			double cap = count_cap(in, pot, i), v = acc[i];
			if (cap < v)
				v = cap;
			if (v < (double)pot->srv[k * T + t])
				pot->srv[k * T + t] = (int64_t)v;
			acc[i] = 0;
		}
	}
	/* a client rebooting in t ended its transfer K slots or more before
	 * its first reboot, but may have waited any time since for a window
	 * or a power-up: its last transfer slot is some u <= t - K - 1, and
	 * each client is counted in one such slot */
	for (size_t c = 0; c < in->ncls; c++)
		if (in->cls[c].r > 0)
			rany[in->cls[c].segment] = 1;
	for (size_t l = 0; l < in->nlinks; l++) {
		double sum = 0;
		for (int32_t t = 0; t < T && rany[l]; t++) {
			int32_t u = t - in->K - 1;
			if (u >= 0)
				sum += count_cap(in, pot, l * T + (size_t)u);
			if (sum < (double)pot->rb[l * T + t])
				pot->rb[l * T + t] = (int64_t)sum;
		}
	}
	err = RO_OK;
out:
	forest_release(&f);
	byres_release(&bl);
	byres_release(&bs);
	ro_free(acc);
	ro_free(on);
	ro_free(rany);
	return err;
}

int ro_inst_potential(const struct ro_inst *in, int32_t deadline,
		      struct ro_potential *pot)
{
	const int32_t T = in->T;
	size_t lt = in->nlinks * (size_t)T;
	size_t st = in->nservers * (size_t)T;
	uint32_t *mark = ro_calloc((size_t)T + 1, sizeof *mark);
	uint32_t *rmark = ro_calloc((size_t)T + 1, sizeof *rmark);
	int err;

	memset(pot, 0, sizeof *pot);
	pot->link = ro_calloc(lt, sizeof *pot->link);
	pot->srv = ro_calloc(st, sizeof *pot->srv);
	pot->rb = ro_calloc(lt, sizeof *pot->rb);
	pot->gcd = ro_calloc(lt, sizeof *pot->gcd);
	pot->qmin = ro_calloc(lt, sizeof *pot->qmin);
	if (!mark || !rmark || !pot->link || !pot->srv || !pot->rb || !pot->gcd ||
	    !pot->qmin) {
		ro_free(mark);
		ro_free(rmark);
		ro_potential_release(pot);
		return RO_ENOMEM;
	}
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		uint32_t stamp = (uint32_t)c + 1;
		for (int32_t i = 0; i < k->ncand; i++) {
			const struct ro_cand *cd = &in->cand[k->cand_off + i];
			if (cd->e > deadline)
				continue;
			for (int32_t t = cd->s; t < cd->s + k->d; t++) {
				if (mark[t] == stamp)
					continue;
				mark[t] = stamp;
				for (int32_t p = 0; p < k->path_len; p++) {
					size_t li = (size_t)in->paths[k->path_off + p] * T + t;
					pot->link[li] += (double)k->q * k->n;
					pot->gcd[li] = gcd64(pot->gcd[li], k->q);
					if (pot->qmin[li] == 0 || k->q < pot->qmin[li])
						pot->qmin[li] = k->q;
				}
				pot->srv[(size_t)k->server * T + t] += k->n;
			}
			for (int32_t t = cd->rb; t < cd->rb + k->r; t++) {
				if (rmark[t] == stamp)
					continue;
				rmark[t] = stamp;
				pot->rb[(size_t)k->segment * T + t] += k->n;
			}
		}
	}
	ro_free(mark);
	ro_free(rmark);
	if ((err = tighten(in, deadline, pot)))
		ro_potential_release(pot);
	return err;
}

static int32_t uf_find(int32_t *up, int32_t x)
{
	while (up[x] != x) {
		up[x] = up[up[x]];
		x = up[x];
	}
	return x;
}

static void uf_join(int32_t *up, int32_t a, int32_t b)
{
	a = uf_find(up, a);
	b = uf_find(up, b);
	if (a != b)
		up[a > b ? a : b] = a < b ? a : b;
}

/* Minor users.  Where a resource could bind, its users are split into
 * groups by the way they come to it: one group per child link of the
 * resource's link (a branch, a floor) and one for the clients right on it.
 * A group is minor when, in every slot where the resource could bind, it
 * could take at most MINOR_ONE of the capacity, and the minor groups
 * together at most MINOR_ALL: a branch of one-at-a-time WAN transfers
 * beside the floors that crowd a CAP.  Minor groups are not tied to the
 * others by that resource.  Their part's bound then ignores the resource
 * (it never binds the part alone) and the major part's bound counts it
 * whole, so both stay valid; the plans share it exactly. */
#define MINOR_ONE 0.05
#define MINOR_ALL 0.25

/* Thresholds of a way to split. */
struct minor {
	double one, all;
};

/* A part that stays larger than this (candidate starts) even by minor
 * users is split as far as its resources allow (thresholds 1 and 1): its
 * LPs would take most of a minute each (one CAP with 45,000 clients whose
 * concurrency binds at the Monday logon: 15 s for the weight LP alone).
 * The bounds stay valid; the plans share what the parts leave. */
#define SPLIT_MAX 400000


struct group {
	int32_t link;        /* the child link, or the resource's own */
	double worst;        /* highest share of the capacity it could take */
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->worst != y->worst)
		return x->worst < y->worst ? -1 : 1;
	return x->link - y->link;
}

/* The groups of resource top (a link, or the link of a CAP when unit) and
 * which of them are minor: major[v] = 1 for a major group's link v.  acc
 * holds the per-group potential as capped_groups left it. */
static int mark_majors(const struct ro_inst *in, int32_t top, const double *acc,
		       const double *load, const double *cap,
		       const struct minor *mn, uint8_t *major, double *sum,
		       struct group *gr)
{
	const int32_t T = in->T;
	int32_t ng = 0;

	gr[ng++] = (struct group){ top, 0 };
	for (size_t v = 0; v < in->nlinks; v++)
		if (in->parent[v] == top)
			gr[ng++] = (struct group){ (int32_t)v, 0 };
	for (int32_t g = 0; g < ng; g++) {
		const double *a = acc + (size_t)gr[g].link * T;
		for (int32_t t = 0; t < T; t++) {
			if (load[t] <= cap[t] || a[t] <= 0)
				continue;
			double share = cap[t] > 0 ? a[t] / cap[t] : 1e300;
			if (share > gr[g].worst)
				gr[g].worst = share;
		}
	}
	qsort(gr, (size_t)ng, sizeof *gr, cmp_group);
	memset(sum, 0, (size_t)T * sizeof *sum);
	for (int32_t g = 0; g < ng; g++) {
		const double *a = acc + (size_t)gr[g].link * T;
		bool minor = gr[g].worst <= mn->one;
		for (int32_t t = 0; t < T && minor; t++)
			minor = load[t] <= cap[t] || sum[t] + a[t] <= mn->all * cap[t];
		if (!minor) {
			/* the rest is larger still */
			for (; g < ng; g++)
				major[gr[g].link] = 1;
			break;
		}
		for (int32_t t = 0; t < T; t++)
			sum[t] += a[t];
	}
	return RO_OK;
}

/* The group of class k at resource link top: the link below top on its
 * path, or top itself. */
static int32_t group_of(const struct ro_inst *in, const struct ro_cls *k,
			int32_t top)
{
	for (int32_t p = 0; p < k->path_len; p++)
		if (in->paths[k->path_off + p] == top)
			return p > 0 ? in->paths[k->path_off + p - 1] : top;
	return top;
}

/* Ties the major users of a resource (all of them when major is NULL)
 * in uf. */
static void join_users(const struct ro_inst *in, const int32_t *cls,
		       int32_t n, int32_t top, const uint8_t *major, int32_t *uf)
{
	int32_t rep = -1;

	for (int32_t i = 0; i < n; i++) {
		if (major && !major[group_of(in, &in->cls[cls[i]], top)])
			continue;
		if (rep < 0)
			rep = cls[i];
		else
			uf_join(uf, cls[i], rep);
	}
}

/* Three ways to tie classes: ex, every user of a binding resource (the
 * exact components); up, its major users at the default thresholds; fu,
 * its major users at thresholds of 1 (as far as the resource allows). */
enum { TIE_EXACT, TIE_MINOR, TIE_FORCED, NTIES };

/* Ties the users of resource top (a link, or a CAP's link when unit) in
 * every way, from the group potentials capped_sum left in acc. */
static void tie(const struct ro_inst *in, const int32_t *cl, int32_t n,
		int32_t top, const double *acc, const double *load,
		const double *cap, uint8_t *major[NTIES], double *sum,
		struct group *gr, int32_t *uf[NTIES])
{
	static const struct minor th[NTIES] = {
		{ 0, 0 }, { MINOR_ONE, MINOR_ALL }, { 1, 1 }
	};

	join_users(in, cl, n, top, NULL, uf[TIE_EXACT]);
	for (int w = TIE_MINOR; w < NTIES; w++) {
		mark_majors(in, top, acc, load, cap, &th[w], major[w], sum, gr);
		join_users(in, cl, n, top, major[w], uf[w]);
	}
}

int ro_inst_components(const struct ro_inst *in, int32_t deadline,
		       size_t split_min, int32_t *comp, int32_t *ncomp)
{
	const int32_t T = in->T;
	size_t nl = in->nlinks, ns = in->nservers;
	size_t lt = nl * (size_t)T;
	struct ro_potential pot;
	struct forest f = { 0 };
	struct byres bl = { 0 }, bs = { 0 };
	double *acc = ro_calloc(lt, sizeof *acc);
	double *load = ro_malloc(((size_t)T + 1) * sizeof *load);
	double *cap = ro_malloc(((size_t)T + 1) * sizeof *cap);
	double *sum = ro_malloc(((size_t)T + 1) * sizeof *sum);
	uint8_t *major[NTIES] = { NULL, ro_calloc(nl + 1, 1), ro_calloc(nl + 1, 1) };
	uint8_t *on = ro_malloc((size_t)T + 1);
	struct group *gr = ro_malloc((nl + 1) * sizeof *gr);
	int32_t *uf[NTIES];
	size_t *size[NTIES];
	int32_t *num = ro_malloc((in->ncls + 1) * sizeof *num);
	int err = RO_ENOMEM;
	bool ok = acc && load && cap && sum && major[1] && major[2] && on && gr &&
		  num;

	memset(&pot, 0, sizeof pot);
	for (int w = 0; w < NTIES; w++) {
		uf[w] = ro_malloc((in->ncls + 1) * sizeof *uf[w]);
		size[w] = ro_calloc(in->ncls + 1, sizeof *size[w]);
		ok = ok && uf[w] && size[w];
	}
	if (!ok)
		goto out;
	if ((err = ro_inst_potential(in, deadline, &pot)) ||
	    (err = forest_build(in, &f)) ||
	    (err = byres_build(in, false, &bl)) ||
	    (err = byres_build(in, true, &bs)))
		goto out;
	for (int w = 0; w < NTIES; w++)
		for (size_t c = 0; c < in->ncls; c++)
			uf[w][c] = (int32_t)c;
	for (size_t l = 0; l < nl; l++) {
		const int32_t *cl = bl.cls + bl.off[l];
		int32_t n = bl.off[l + 1] - bl.off[l];
		bool over = false, rover = false;
		for (int32_t t = 0; t < T; t++) {
			size_t i = l * T + (size_t)t;
			load[t] = pot.link[i];
			cap[t] = (double)in->U[i];
			over = over || load[t] > cap[t];
			rover = rover || pot.rb[i] > in->R[i];
		}
		if (over) {
			capped_sum(in, &pot, &f, cl, n, (int32_t)l, deadline,
				   false, true, acc, on);
			tie(in, cl, n, (int32_t)l, acc, load, cap, major, sum, gr,
			    uf);
			clear_groups(in, (int32_t)l, acc, major[1], major[2]);
		}
		if (rover) {
			/* reboots are counted per segment: one group, tied in
			 * every way */
			int32_t rep = -1;
			for (int32_t i = 0; i < n; i++) {
				const struct ro_cls *k = &in->cls[cl[i]];
				if (k->segment != (int32_t)l || k->r == 0)
					continue;
				if (rep < 0)
					rep = cl[i];
				else
					for (int w = 0; w < NTIES; w++)
						uf_join(uf[w], cl[i], rep);
			}
		}
	}
	for (size_t k = 0; k < ns; k++) {
		const int32_t *cl = bs.cls + bs.off[k];
		int32_t n = bs.off[k + 1] - bs.off[k], top = in->srv_link[k];
		bool over = false;
		for (int32_t t = 0; t < T; t++) {
			load[t] = (double)pot.srv[k * T + t];
			cap[t] = (double)in->M[k * T + t];
			over = over || load[t] > cap[t];
		}
		if (!over)
			continue;
		capped_sum(in, &pot, &f, cl, n, top, deadline, true, true, acc, on);
		tie(in, cl, n, top, acc, load, cap, major, sum, gr, uf);
		clear_groups(in, top, acc, major[1], major[2]);
	}
	/* exact components that stay small are planned whole, the others by
	 * minor users, and those that stay too large even so as far as their
	 * resources allow */
	for (int w = 0; w < NTIES; w++)
		for (size_t c = 0; c < in->ncls; c++)
			size[w][uf_find(uf[w], (int32_t)c)] +=
				(size_t)in->cls[c].ncand;
	*ncomp = 0;
	for (size_t c = 0; c < in->ncls; c++)
		num[c] = -1;
	for (size_t c = 0; c < in->ncls; c++) {
		int32_t xr = uf_find(uf[TIE_EXACT], (int32_t)c);
		int32_t mr = uf_find(uf[TIE_MINOR], (int32_t)c);
		int32_t root = split_min > 0 && size[TIE_EXACT][xr] <= split_min ? xr
			       : split_min > 0 && size[TIE_MINOR][mr] <= SPLIT_MAX
				 ? mr
				 : uf_find(uf[TIE_FORCED], (int32_t)c);
		/* one numbering serves the three ways: each finer way splits
		 * the sets of the coarser one, and a root is the least class
		 * of its set, so the roots of different sets never meet */
		if (num[root] < 0)
			num[root] = (*ncomp)++;
		comp[c] = num[root];
	}
	err = RO_OK;
out:
	ro_potential_release(&pot);
	forest_release(&f);
	byres_release(&bl);
	byres_release(&bs);
	ro_free(acc);
	ro_free(load);
	ro_free(cap);
	ro_free(sum);
	ro_free(major[1]);
	ro_free(major[2]);
	ro_free(on);
	ro_free(gr);
	for (int w = 0; w < NTIES; w++) {
		ro_free(uf[w]);
		ro_free(size[w]);
	}
	ro_free(num);
	return err;
}

int ro_inst_subset(const struct ro_inst *in, const int32_t *cls, size_t n,
		   struct ro_inst *out)
{
	const int32_t T = in->T;
	size_t ncand = 0, npaths = 0, nl = 0, ns = 0;
	int32_t *lmap = ro_malloc((in->nlinks + 1) * sizeof *lmap);
	int32_t *smap = ro_malloc((in->nservers + 1) * sizeof *smap);
	int err = RO_ENOMEM;

	memset(out, 0, sizeof *out);
	out->view = true;
	out->site = in->site;
	out->T = T;
	out->K = in->K;
	out->members = in->members;
	if (!lmap || !smap)
		goto out;
	for (size_t l = 0; l < in->nlinks; l++)
		lmap[l] = -1;
	for (size_t k = 0; k < in->nservers; k++)
		smap[k] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct ro_cls *k = &in->cls[cls[i]];
		ncand += (size_t)k->ncand;
		npaths += (size_t)k->path_len;
		for (int32_t p = 0; p < k->path_len; p++)
			if (lmap[in->paths[k->path_off + p]] < 0)
				lmap[in->paths[k->path_off + p]] = 0;
		smap[k->server] = 0;
	}
	/* keep the instance's order of links and CAPs */
	for (size_t l = 0; l < in->nlinks; l++)
		if (lmap[l] == 0)
			lmap[l] = (int32_t)nl++;
		else
			lmap[l] = -1;
	for (size_t k = 0; k < in->nservers; k++)
		smap[k] = smap[k] == 0 ? (int32_t)ns++ : -1;
	out->nlinks = nl;
	out->nservers = ns;
	out->ncls = n;
	out->U = ro_mallocarray(nl * (size_t)T, sizeof *out->U);
	out->R = ro_mallocarray(nl * (size_t)T, sizeof *out->R);
	out->M = ro_mallocarray(ns * (size_t)T, sizeof *out->M);
	out->parent = ro_mallocarray(nl, sizeof *out->parent);
	out->srv_link = ro_mallocarray(ns, sizeof *out->srv_link);
	out->link_of = ro_mallocarray(nl, sizeof *out->link_of);
	out->server_of = ro_mallocarray(ns, sizeof *out->server_of);
	out->cls_of = ro_mallocarray(n, sizeof *out->cls_of);
	out->cls = ro_mallocarray(n, sizeof *out->cls);
	out->cand = ro_mallocarray(ncand, sizeof *out->cand);
	out->paths = ro_mallocarray(npaths, sizeof *out->paths);
	if (!out->U || !out->R || !out->M || !out->parent || !out->srv_link ||
	    !out->link_of || !out->server_of || !out->cls_of || !out->cls ||
	    !out->cand || !out->paths)
		goto out;
	for (size_t l = 0; l < in->nlinks; l++) {
		int32_t v = lmap[l];
		if (v < 0)
			continue;
		out->link_of[v] = (int32_t)l;
		out->parent[v] = in->parent[l] >= 0 ? lmap[in->parent[l]] : -1;
		memcpy(out->U + (size_t)v * T, in->U + l * T, (size_t)T * sizeof *out->U);
		memcpy(out->R + (size_t)v * T, in->R + l * T, (size_t)T * sizeof *out->R);
	}
	for (size_t k = 0; k < in->nservers; k++) {
		int32_t v = smap[k];
		if (v < 0)
			continue;
		out->server_of[v] = (int32_t)k;
		out->srv_link[v] = lmap[in->srv_link[k]];
		memcpy(out->M + (size_t)v * T, in->M + k * T, (size_t)T * sizeof *out->M);
	}
	for (size_t i = 0; i < n; i++) {
		const struct ro_cls *k = &in->cls[cls[i]];
		struct ro_cls *o = &out->cls[i];
		*o = *k;
		o->segment = lmap[k->segment];
		o->server = smap[k->server];
		o->cand_off = (int32_t)out->ncand;
		memcpy(out->cand + out->ncand, in->cand + k->cand_off,
		       (size_t)k->ncand * sizeof *out->cand);
		out->ncand += (size_t)k->ncand;
		o->path_off = (int32_t)out->npaths;
		for (int32_t p = 0; p < k->path_len; p++)
			out->paths[out->npaths++] = lmap[in->paths[k->path_off + p]];
		out->cls_of[i] = cls[i];
		out->weight_placeable += k->w * k->n;
	}
	out->weight_total = out->weight_placeable;
	err = RO_OK;
out:
	ro_free(lmap);
	ro_free(smap);
	if (err) {
		out->members = NULL;
		ro_inst_release(out);
	}
	return err;
}

int ro_inst_split(const struct ro_inst *in, struct ro_inst *out)
{
	size_t ncls = 0, ncand = 0;
	int32_t *all = ro_mallocarray(in->ncls, sizeof *all);
	int err;

	if (!all)
		return RO_ENOMEM;
	for (size_t c = 0; c < in->ncls; c++) {
		all[c] = (int32_t)c;
		ncls += (size_t)in->cls[c].n;
		ncand += (size_t)in->cls[c].n * (size_t)in->cls[c].ncand;
	}
	if (ncls > INT32_MAX || ncand > INT32_MAX) {
		ro_free(all);
		return RO_ELIMIT;
	}
	/* a view of every class, then each class n times over */
	err = ro_inst_subset(in, all, in->ncls, out);
	ro_free(all);
	if (err)
		return err;
	struct ro_cls *cls = ro_mallocarray(ncls, sizeof *cls);
	struct ro_cand *cand = ro_mallocarray(ncand, sizeof *cand);
	int32_t *cls_of = ro_mallocarray(ncls, sizeof *cls_of);
	if (!cls || !cand || !cls_of) {
		ro_free(cls);
		ro_free(cand);
		ro_free(cls_of);
		out->members = NULL;
		ro_inst_release(out);
		return RO_ENOMEM;
	}
	size_t nc = 0, nj = 0;
	for (size_t c = 0; c < out->ncls; c++) {
		const struct ro_cls *k = &out->cls[c];
		for (int32_t u = 0; u < k->n; u++, nc++) {
			cls[nc] = *k;
			cls[nc].n = 1;
			cls[nc].members_off = k->members_off + u;
			cls[nc].cand_off = (int32_t)nj;
			memcpy(cand + nj, out->cand + k->cand_off,
			       (size_t)k->ncand * sizeof *cand);
			nj += (size_t)k->ncand;
			cls_of[nc] = out->cls_of[c];
		}
	}
	ro_free(out->cls);
	ro_free(out->cand);
	ro_free(out->cls_of);
	out->cls = cls;
	out->cand = cand;
	out->cls_of = cls_of;
	out->ncls = nc;
	out->ncand = nj;
	return RO_OK;
}
