/*
 * inst.c - from site to classes of identical clients with candidate starts.
 *
 * Per record: transfer path, duration d and charge q (exact, 128-bit), its
 * start opportunities (model/expand.h), filtered to the starts that fit on
 * their own: inside one on-window and the horizon, reboots in reboot windows,
 * and q within the usable capacity of every link of the path in every
 * transfer slot.  Records with equal (d, q, r, path, CAP, weight, candidate
 * list) share a class.  A record without candidates gets its reason here.
 */
#include "inst.h"

#include <string.h>

#include "../model/alloc.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "../model/plan.h"

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

/* Cache of run ends per (calendar, office) pair: records share few. */
struct runcache {
	int32_t **ends;     /* ncal * (ncal + 1) lazily filled */
	size_t ncal;
	uint64_t *bits;
};

static const int32_t *runcache_get(struct runcache *rc, struct ro_expand *x,
				   const struct ro_site *s, size_t r)
{
	const struct ro_client *c = &s->clients[r];
	size_t office = c->conn == RO_CONN_RAS && c->office >= 0
				? (size_t)c->office : rc->ncal;
	size_t key = (size_t)c->calendar * (rc->ncal + 1) + office;

	if (!rc->ends[key]) {
		int32_t *e = ro_malloc(((size_t)s->horizon.nslots + 1) * sizeof *e);
		if (!e || ro_expand_client_on(x, r, true, rc->bits) != RO_OK) {
			ro_free(e);
			return NULL;
		}
		run_ends(rc->bits, s->horizon.nslots, e);
		e[s->horizon.nslots] = s->horizon.nslots;
		rc->ends[key] = e;
	}
	return rc->ends[key];
}

/* What a start s means for a record: fits, fails by horizon or by window. */
enum fit { FIT_OK, FIT_HORIZON, FIT_WINDOW };

static enum fit start_fit(const struct ro_inst *in, const int32_t *runend,
			  const uint8_t *rb_ok, int32_t s, int32_t d, int32_t r)
{
	int64_t e = (int64_t)s + d + (r ? in->K + r : 0);
	int64_t first_rb = (int64_t)s + d + in->K;
	bool rb = true;

	for (int64_t t = first_rb; t < first_rb + r && t < in->T; t++)
		rb = rb && rb_ok[t];
	if (e <= runend[s])
		return rb ? FIT_OK : FIT_WINDOW;
	if (runend[s] == in->T && rb)
		return FIT_HORIZON;
	return FIT_WINDOW;
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
		h = mix(h, (uint64_t)cd[i].s << 8 | cd[i].trig);
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
		if (x->s != bc[i].s || x->trig != bc[i].trig)
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
	uint32_t *off = ro_malloc((n ? n : 1) * sizeof *off);
	int32_t *order = ro_malloc((n ? n : 1) * sizeof *order);
	int32_t *tmp = ro_malloc((n ? n : 1) * sizeof *tmp);
	int32_t *fill = ro_calloc(in->ncls ? in->ncls : 1, sizeof *fill);
	char *names = NULL;
	int err = RO_ENOMEM;
	char buf[512];

	in->members = ro_malloc((n ? n : 1) * sizeof *in->members);
	if (!off || !order || !tmp || !fill || !in->members)
		goto out;
	for (size_t r = 0, i = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_client_name(s, r, k, buf, sizeof buf);
			len += strlen(buf) + 1;
		}
	names = ro_malloc(len ? len : 1);
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
				   size_t nopp, const int32_t *runend,
				   const uint8_t *rb_ok, int32_t d, int *err)
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
		enum fit f = start_fit(in, runend, rb_ok, opp[i].slot, d,
				       c->reboots);
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
	uint8_t *rb_ok = NULL;
	size_t cls_cap = 0, cand_cap = 0, path_cap = 0;
	int err = RO_ENOMEM;

	memset(in, 0, sizeof *in);
	in->site = s;
	in->T = T;
	in->K = (s->policy.reboot_delay_min + L - 1) / L;
	in->nlinks = s->nlinks;
	in->nservers = s->nservers;
	in->rcap = s->policy.reboot_cap;
	in->nclients = (size_t)s->nclients_total;

	in->U = ro_malloc((s->nlinks ? s->nlinks : 1) * (size_t)T * sizeof *in->U);
	in->M = ro_calloc(s->nservers ? s->nservers : 1, sizeof *in->M);
	in->client_cls = ro_malloc((in->nclients ? in->nclients : 1) *
				   sizeof *in->client_cls);
	in->client_reason = ro_calloc(in->nclients ? in->nclients : 1, 1);
	rc.ncal = s->ncalendars;
	rc.ends = ro_calloc(rc.ncal * (rc.ncal + 1) + 1, sizeof *rc.ends);
	rc.bits = ro_malloc(ro_bits_words(T) * sizeof *rc.bits);
	tmpc = ro_malloc(((size_t)T + 1) * sizeof *tmpc);
	path = ro_malloc((s->nlinks + 1) * sizeof *path);
	rb_ok = ro_malloc((size_t)T + 1);
	if (!in->U || !in->M || !in->client_cls || !in->client_reason ||
	    !rc.ends || !rc.bits || !tmpc || !path || !rb_ok)
		goto out;

	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t t = 0; t < T; t++)
			in->U[l * T + t] = usable_bytes(
				&s->links[l],
				ro_expand_background(x, (int32_t)l, t), L);
	for (size_t k = 0; k < s->nservers; k++)
		in->M[k] = s->servers[k].max_concurrent;
	for (int32_t t = 0; t < T; t++)
		rb_ok[t] = ro_expand_reboot_ok(x, t);

	for (size_t r = 0, ci = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		struct ro_opp *opp = NULL;
		size_t nopp = 0;
		int plen = ro_client_path(s, c, path, (int)s->nlinks + 1);
		const int32_t *runend;
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

		runend = runcache_get(&rc, x, s, r);
		if (!runend || ro_expand_opportunities(x, r, true, &opp, &nopp))
			goto out;
		for (size_t i = 0; i < nopp; i++) {
			int32_t st = opp[i].slot;
			if (start_fit(in, runend, rb_ok, st, k.d, k.r) != FIT_OK ||
			    !charge_fits(in, path, plen, st, k.d, k.q))
				continue;
			tmpc[k.ncand].s = st;
			tmpc[k.ncand].e = st + k.d + (k.r ? in->K + k.r : 0);
			tmpc[k.ncand].trig = (uint8_t)first_trigger(opp[i].triggers);
			k.ncand++;
		}
		in->weight_total += (int64_t)c->priority * c->count;
		if (k.ncand == 0) {
			int e2 = RO_OK;
			uint8_t why = no_candidate_reason(in, x, r, opp, nopp,
							  runend, rb_ok, k.d, &e2);
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
	if (rc.ends)
		for (size_t i = 0; i < rc.ncal * (rc.ncal + 1) + 1; i++)
			ro_free(rc.ends[i]);
	ro_free(rc.ends);
	ro_free(rc.bits);
	ro_free(tab.slot);
	ro_free(hashes);
	ro_free(tmpc);
	ro_free(path);
	ro_free(rb_ok);
	if (err != RO_OK) {
		if (err == RO_ENOMEM)
			ro_diag_add(d, NULL, 0, "out of memory while building the model");
		ro_inst_release(in);
	}
	return err;
}

void ro_inst_release(struct ro_inst *in)
{
	if (!in->view) {
		ro_free(in->U);
		ro_free(in->M);
		ro_free(in->paths);
		ro_free(in->members);
		ro_free(in->client_cls);
		ro_free(in->client_reason);
	}
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
	memset(pot, 0, sizeof *pot);
}

int ro_inst_potential(const struct ro_inst *in, int32_t deadline,
		      struct ro_potential *pot)
{
	const int32_t T = in->T;
	size_t lt = (in->nlinks ? in->nlinks : 1) * (size_t)T;
	size_t st = (in->nservers ? in->nservers : 1) * (size_t)T;
	uint32_t *mark = ro_calloc((size_t)T + 1, sizeof *mark);
	uint32_t *rmark = ro_calloc((size_t)T + 1, sizeof *rmark);

	memset(pot, 0, sizeof *pot);
	pot->link = ro_calloc(lt, sizeof *pot->link);
	pot->srv = ro_calloc(st, sizeof *pot->srv);
	pot->rb = ro_calloc(lt, sizeof *pot->rb);
	pot->gcd = ro_calloc(lt, sizeof *pot->gcd);
	if (!mark || !rmark || !pot->link || !pot->srv || !pot->rb || !pot->gcd) {
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
				}
				pot->srv[(size_t)k->server * T + t] += k->n;
			}
			int32_t f = ro_inst_reboot_first(in, k, cd->s);
			for (int32_t t = f; t < f + k->r; t++) {
				if (rmark[t] == stamp)
					continue;
				rmark[t] = stamp;
				pot->rb[(size_t)k->segment * T + t] += k->n;
			}
		}
	}
	ro_free(mark);
	ro_free(rmark);
	return RO_OK;
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

int ro_inst_components(const struct ro_inst *in, int32_t deadline,
		       int32_t *comp, int32_t *ncomp)
{
	const int32_t T = in->T;
	struct ro_potential pot;
	size_t nl = in->nlinks, ns = in->nservers;
	/* per resource: does it bind somewhere, and a class that uses it */
	uint8_t *lbind = ro_calloc(nl + 1, 1), *sbind = ro_calloc(ns + 1, 1);
	uint8_t *rbind = ro_calloc(nl + 1, 1);
	int32_t *lrep = ro_malloc((nl + 1) * sizeof *lrep);
	int32_t *srep = ro_malloc((ns + 1) * sizeof *srep);
	int32_t *rrep = ro_malloc((nl + 1) * sizeof *rrep);
	int32_t *up = ro_malloc((in->ncls + 1) * sizeof *up);
	int32_t *num = ro_malloc((in->ncls + 1) * sizeof *num);
	int err = RO_ENOMEM;

	if (!lbind || !sbind || !rbind || !lrep || !srep || !rrep || !up || !num ||
	    ro_inst_potential(in, deadline, &pot) != RO_OK)
		goto out;
	for (size_t l = 0; l < nl; l++)
		for (int32_t t = 0; t < T; t++) {
			if (pot.link[l * T + t] > (double)in->U[l * T + t])
				lbind[l] = 1;
			if (in->rcap > 0 && pot.rb[l * T + t] > in->rcap)
				rbind[l] = 1;
		}
	for (size_t k = 0; k < ns; k++)
		for (int32_t t = 0; t < T && in->M[k] > 0; t++)
			if (pot.srv[k * T + t] > in->M[k])
				sbind[k] = 1;
	ro_potential_release(&pot);
	for (size_t i = 0; i <= nl; i++)
		lrep[i] = rrep[i] = -1;
	for (size_t i = 0; i <= ns; i++)
		srep[i] = -1;
	for (size_t c = 0; c < in->ncls; c++)
		up[c] = (int32_t)c;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t p = 0; p < k->path_len; p++) {
			int32_t l = in->paths[k->path_off + p];
			if (!lbind[l])
				continue;
			if (lrep[l] < 0)
				lrep[l] = (int32_t)c;
			else
				uf_join(up, (int32_t)c, lrep[l]);
		}
		if (sbind[k->server]) {
			if (srep[k->server] < 0)
				srep[k->server] = (int32_t)c;
			else
				uf_join(up, (int32_t)c, srep[k->server]);
		}
		if (k->r > 0 && rbind[k->segment]) {
			if (rrep[k->segment] < 0)
				rrep[k->segment] = (int32_t)c;
			else
				uf_join(up, (int32_t)c, rrep[k->segment]);
		}
	}
	*ncomp = 0;
	for (size_t c = 0; c < in->ncls; c++)
		num[c] = -1;
	for (size_t c = 0; c < in->ncls; c++) {
		int32_t root = uf_find(up, (int32_t)c);
		if (num[root] < 0)
			num[root] = (*ncomp)++;
		comp[c] = num[root];
	}
	err = RO_OK;
out:
	ro_free(lbind);
	ro_free(sbind);
	ro_free(rbind);
	ro_free(lrep);
	ro_free(srep);
	ro_free(rrep);
	ro_free(up);
	ro_free(num);
	return err;
}

int ro_inst_subset(const struct ro_inst *in, const int32_t *cls, size_t n,
		   struct ro_inst *out)
{
	size_t ncand = 0;

	*out = *in;
	out->view = true;
	out->client_cls = NULL;
	out->client_reason = NULL;
	out->weight_total = out->weight_placeable = 0;
	for (size_t i = 0; i < n; i++)
		ncand += (size_t)in->cls[cls[i]].ncand;
	out->cls = ro_malloc((n ? n : 1) * sizeof *out->cls);
	out->cand = ro_malloc((ncand ? ncand : 1) * sizeof *out->cand);
	if (!out->cls || !out->cand) {
		ro_free(out->cls);
		ro_free(out->cand);
		memset(out, 0, sizeof *out);
		return RO_ENOMEM;
	}
	out->ncls = n;
	out->ncand = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ro_cls *k = &in->cls[cls[i]];
		out->cls[i] = *k;
		out->cls[i].cand_off = (int32_t)out->ncand;
		memcpy(out->cand + out->ncand, in->cand + k->cand_off,
		       (size_t)k->ncand * sizeof *out->cand);
		out->ncand += (size_t)k->ncand;
		out->weight_placeable += k->w * k->n;
	}
	out->weight_total = out->weight_placeable;
	return RO_OK;
}
