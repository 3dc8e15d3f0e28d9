/*
 * inst_components.c - the classes split into parts that can be planned
 * apart: by the resources that could bind, and within those by minor
 * users (docs/solver.md, "Parts").
 */
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "inst_priv.h"

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

/* Three ways to tie classes: ex, every user of a binding resource (the
 * exact components); up, its major users at the default thresholds; fu,
 * its major users at thresholds of 1 (as far as the resource allows). */
enum { TIE_EXACT, TIE_MINOR, TIE_FORCED, NTIES };

/* Ties the users of resource top (a link, or a CAP's link when unit) in
 * every way, from the group potentials ro_capped_sum left in acc. */
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
	    (err = ro_forest_build(in, &f)) ||
	    (err = ro_byres_build(in, false, &bl)) ||
	    (err = ro_byres_build(in, true, &bs)))
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
			ro_capped_sum(in, &pot, &f, cl, n, (int32_t)l, deadline,
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
		ro_capped_sum(in, &pot, &f, cl, n, top, deadline, true, true, acc, on);
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
	ro_forest_release(&f);
	ro_byres_release(&bl);
	ro_byres_release(&bs);
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
