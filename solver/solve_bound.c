/*
 * solve_bound.c - the bounds that need no LP.
 *
 * After phase 1 each part gets the least weight it has in any plan as
 * heavy as ours (its weight floor), and for that weight the makespan and
 * the completion sum that the clients' earliest ends alone impose.  The
 * later stages only raise them.
 */
#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

/* The least makespan of plans of weight w or more: some client ends no
 * earlier than its earliest candidate (candidates are in order of start,
 * so of end too), and the clients that end by the makespan carry the
 * weight; so the makespan is at least the least E such that the clients
 * whose earliest end is E or less weigh w.  With every client placed,
 * that is the largest earliest end. */
struct early {
	int32_t e;
	int64_t w;
};

static int cmp_early(const void *a, const void *b)
{
	const struct early *x = a, *y = b;
	return (x->e > y->e) - (x->e < y->e);
}

static int trivial_makespan(const struct ro_inst *in, int64_t w, int32_t *lb)
{
	struct early *v = ro_mallocarray(in->ncls, sizeof *v);
	int64_t sum = 0;

	if (!v)
		return RO_ENOMEM;
	for (size_t c = 0; c < in->ncls; c++)
		v[c] = (struct early){ in->cand[in->cls[c].cand_off].e,
				       in->cls[c].w * in->cls[c].n };
	qsort(v, in->ncls, sizeof *v, cmp_early);
	*lb = 0;
	for (size_t c = 0; c < in->ncls && sum < w; c++) {
		sum += v[c].w;
		*lb = v[c].e;
	}
	ro_free(v);
	return RO_OK;
}

/* The makespan that the links alone impose on plans of weight w or more
 * (a cumulative bound, strong where one shared link dominates: a one-CAP
 * site behind its head-office link).  Every slot a class transfers, it
 * charges q bytes on each link of its path, d slots long; so the bytes
 * that cross link l are the sum of n * d * q over the classes through it,
 * less those of the clients a plan of weight w can leave out.  Which ones
 * it leaves out is a knapsack; its fractional relaxation (the most bytes
 * per unit of weight first, weightless ones whole) leaves out at least as
 * many bytes as any plan can, so what remains must cross.  In slot t the
 * link carries at most U[l][t], rounded down to a multiple of the gcd of
 * the charges through it, and no more than the classes could ever put
 * on it then (their potential, ro_inst_potential: nothing in the slots
 * where none of them can transfer).  A transfer ends before its client completes, so the
 * makespan is at least the least E with the capacity of slots 0 .. E-1
 * covering those bytes.  (docs/solver.md, "Bounds".) */
struct heavy {
	double ratio;        /* bytes per unit of weight; INFINITY if none */
	int32_t c;
};

static int cmp_heavy(const void *a, const void *b)
{
	const struct heavy *x = a, *y = b;
	if (x->ratio != y->ratio)
		return x->ratio > y->ratio ? -1 : 1;
	return x->c - y->c;
}

int ro_bound_link_makespan(const struct ro_inst *in, int64_t w, int32_t *lb)
{
	struct heavy *v = ro_mallocarray(in->ncls, sizeof *v);
	double *need = ro_calloc(in->nlinks ? in->nlinks : 1, sizeof *need);
	double *slack = ro_mallocarray(in->nlinks, sizeof *slack);
	int64_t *g = ro_calloc(in->nlinks ? in->nlinks : 1, sizeof *g);
	struct ro_potential pot = { 0 };
	double total = 0;
	int err = RO_ENOMEM;

	if (!v || !need || !slack || !g)
		goto out;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		double bytes = (double)k->d * (double)k->q;
		v[c] = (struct heavy){ k->w > 0 ? bytes / (double)k->w : INFINITY,
				       (int32_t)c };
		total += (double)k->n * (double)k->w;
		for (int32_t i = 0; i < k->path_len; i++) {
			int32_t l = in->paths[k->path_off + i];
			need[l] += (double)k->n * bytes;
			g[l] = ro_gcd64(g[l], k->q);
		}
	}
	/* the weight a plan of weight w may leave out, on every link */
	for (size_t l = 0; l < in->nlinks; l++)
		slack[l] = total - (double)w;
	qsort(v, in->ncls, sizeof *v, cmp_heavy);
	for (size_t i = 0; i < in->ncls; i++) {
		const struct ro_cls *k = &in->cls[v[i].c];
		double bytes = (double)k->d * (double)k->q;
		for (int32_t j = 0; j < k->path_len; j++) {
			int32_t l = in->paths[k->path_off + j];
			double out = k->n;
			if (k->w > 0 && out * (double)k->w > slack[l])
				out = slack[l] > 0 ? slack[l] / (double)k->w : 0;
			need[l] -= out * bytes;
			slack[l] -= out * (double)k->w;
		}
	}
	if ((err = ro_inst_potential(in, in->T, &pot)))
		goto out;
	for (size_t l = 0; l < in->nlinks; l++) {
		/* a little under: rounding must never lift the bound */
		double left = need[l] * (1 - 1e-9) - 1;
		const int64_t *U = in->U + l * (size_t)in->T;
		const double *P = pot.link + l * (size_t)in->T;
		int32_t t = 0;

		if (left <= 0 || g[l] <= 0)
			continue;
		for (; t < in->T && left > 0; t++) {
			double u = (double)(U[t] / g[l] * g[l]);
			left -= P[t] < u ? P[t] : u;
		}
		if (left <= 0 && t > *lb)
			*lb = t;
	}
	err = RO_OK;
out:
	ro_potential_release(&pot);
	ro_free(v);
	ro_free(need);
	ro_free(slack);
	ro_free(g);
	return err;
}

/* The least completion sum of plans of weight w or more: the clients with
 * the earliest ends per unit of weight first (a fractional knapsack; with
 * every client placed, each at its earliest end). */
struct cheap {
	double ratio;
	int32_t c;
};

static int cmp_cheap(const void *a, const void *b)
{
	const struct cheap *x = a, *y = b;
	if (x->ratio != y->ratio)
		return x->ratio < y->ratio ? -1 : 1;
	return x->c - y->c;
}

static int trivial_completion(const struct ro_inst *in, int64_t w,
			      double *bound)
{
	struct cheap *v = ro_mallocarray(in->ncls, sizeof *v);
	double need = (double)w, sum = 0;

	if (!v)
		return RO_ENOMEM;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		double e = in->cand[k->cand_off].e;
		v[c] = (struct cheap){ k->w > 0 ? e / (double)k->w : 0, (int32_t)c };
	}
	qsort(v, in->ncls, sizeof *v, cmp_cheap);
	for (size_t i = 0; i < in->ncls && need > 0; i++) {
		const struct ro_cls *k = &in->cls[v[i].c];
		double e = in->cand[k->cand_off].e;
		if (k->w <= 0)
			continue;
		double take = (double)k->n * (double)k->w;
		if (take > need)
			take = need;
		sum += take / (double)k->w * e;
		need -= take;
	}
	ro_free(v);
	*bound = ceil(sum - 1e-6);
	return RO_OK;
}

/* Each part's weight floor, then the makespan and completion sum that
 * plans of that weight need: the bounds of the later stages start here. */
int ro_run_trivial_bounds(struct run *r)
{
	int err;

	/* a plan as heavy as ours may have any part lighter than ours, but
	 * by no more than the others can make up: the site's shortfall */
	double short_by = 0;
	for (int32_t k = 0; k < r->nparts; k++)
		short_by += r->parts[k].w_bound - (double)r->parts[k].w_star;
	for (int32_t k = 0; k < r->nparts; k++) {
		struct part *pt = &r->parts[k];
		double f = pt->w_bound - short_by;
		pt->w_floor = f > 0 ? (int64_t)ceil(f - 1e-6) : 0;
		if (pt->w_floor > pt->w_star)
			pt->w_floor = pt->w_star;
		assert(pt->w_floor >= 0 && pt->w_floor <= pt->w_star);
		if ((err = trivial_makespan(&pt->in, pt->w_floor, &pt->d_lb)) ||
		    (err = ro_bound_link_makespan(&pt->in, pt->w_floor, &pt->d_lb)) ||
		    (err = trivial_completion(&pt->in, pt->w_floor, &pt->c_bound)))
			return err;
	}
	return RO_OK;
}
