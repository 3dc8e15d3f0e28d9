/*
 * inst_potential.c - what the classes could ever put on each resource.
 *
 * The potential of a link, CAP or segment in a slot counts each class once
 * at q n (or n), then is tightened by what the links can carry (inst.h,
 * struct ro_potential).  A resource whose potential stays within its
 * capacity cannot bind: the program leaves its rows out and the parts do
 * not share it.  Also the link forest and the classes by resource, which
 * ro_inst_components walks the same way.
 */
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "inst_priv.h"

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

void ro_forest_release(struct forest *f)
{
	ro_free(f->post);
	ro_free(f->first);
	ro_free(f->pos);
	memset(f, 0, sizeof *f);
}

int ro_forest_build(const struct ro_inst *in, struct forest *f)
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
		ro_forest_release(f);
	return err;
}

int ro_byres_build(const struct ro_inst *in, bool by_server, struct byres *b)
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

void ro_byres_release(struct byres *b)
{
	ro_free(b->off);
	ro_free(b->cls);
	b->off = b->cls = NULL;
}

double ro_count_cap(const struct ro_inst *in, const struct ro_potential *pot,
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
void ro_capped_sum(const struct ro_inst *in, const struct ro_potential *pot,
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
			double cap = unit ? ro_count_cap(in, pot, i) : (double)in->U[i];
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
	if ((err = ro_forest_build(in, &f)) ||
	    (err = ro_byres_build(in, false, &bl)) ||
	    (err = ro_byres_build(in, true, &bs)))
		goto out;
	for (size_t l = 0; l < in->nlinks; l++) {
		bool over = false;
		for (int32_t t = 0; t < T && !over; t++)
			over = pot->link[l * T + t] > (double)in->U[l * T + t];
		if (!over)
			continue;
		ro_capped_sum(in, pot, &f, bl.cls + bl.off[l], bl.off[l + 1] - bl.off[l],
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
		ro_capped_sum(in, pot, &f, bs.cls + bs.off[k], bs.off[k + 1] - bs.off[k],
			   top, deadline, true, false, acc, on);
		for (int32_t t = 0; t < T; t++) {
			size_t i = (size_t)top * T + (size_t)t;
			double cap = ro_count_cap(in, pot, i), v = acc[i];
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
				sum += ro_count_cap(in, pot, l * T + (size_t)u);
			if (sum < (double)pot->rb[l * T + t])
				pot->rb[l * T + t] = (int64_t)sum;
		}
	}
	err = RO_OK;
out:
	ro_forest_release(&f);
	ro_byres_release(&bl);
	ro_byres_release(&bs);
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
					pot->gcd[li] = ro_gcd64(pot->gcd[li], k->q);
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
