/*
 * solve_part.c - the parts of the site and the capacities they share.
 *
 * The classes are split into parts (ro_inst_components) planned one at a
 * time against what the others leave: a part is checked out (its plan
 * leaves the shared usage, its residual capacities become what the others
 * leave) while a phase works on it, and checked in after.  Plans are so
 * always feasible together.  Here too the part's lifetime and its greedy
 * start, and which of two plans of a part is better.
 */
#include <assert.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

/* Components up to this many candidate starts are planned whole, not
 * split by minor users (inst.h): the examples keep their exact optimum,
 * and such a program still solves in a second or two. */
#define SPLIT_MIN 20000

/* Lexicographic comparison of two plans of one part; a makespan below
 * floor counts as floor (another part needs that long anyway). */
static bool better(const struct ro_place *a, const struct ro_place *b,
		   int32_t floor_d)
{
	int64_t wa = ro_place_weight(a), wb = ro_place_weight(b);
	if (wa != wb)
		return wa > wb;
	int32_t ma = ro_place_makespan(a), mb = ro_place_makespan(b);
	ma = ma < floor_d ? floor_d : ma;
	mb = mb < floor_d ? floor_d : mb;
	if (ma != mb)
		return ma < mb;
	return ro_place_completion_sum(a) < ro_place_completion_sum(b);
}

/* Checking a part out: its best plan leaves the shared usage, and its
 * residual capacities become what the other parts leave.  Checking it in
 * puts its (new) best plan back.  Only one part is out at a time. */
static void part_usage(struct run *r, const struct part *pt, int sign)
{
	const struct ro_inst *in = &pt->in;
	const int32_t T = in->T;

	for (size_t v = 0; v < in->nlinks; v++) {
		size_t g = (size_t)in->link_of[v];
		if (r->nuse_link[g] < 2)
			continue;
		for (int32_t t = 0; t < T; t++) {
			r->gload[g * T + t] += sign * pt->best.load[v * T + t];
			r->grb[g * T + t] += sign * pt->best.rb[v * T + t];
			/* the shared usage is the sum of the plans checked
			 * in, this one's included when taken out */
			assert(r->gload[g * T + t] >= 0 && r->grb[g * T + t] >= 0);
		}
	}
	for (size_t k = 0; k < in->nservers; k++) {
		size_t g = (size_t)in->server_of[k];
		if (r->nuse_srv[g] < 2)
			continue;
		for (int32_t t = 0; t < T; t++) {
			r->gsrv[g * T + t] += sign * pt->best.srv[k * T + t];
			assert(r->gsrv[g * T + t] >= 0);
		}
	}
}

static int32_t left_over(int32_t cap, int32_t used)
{
	if (cap == RO_UNLIMITED)
		return cap;
	return cap > used ? cap - used : 0;
}

void ro_part_checkout(struct run *r, struct part *pt)
{
	const struct ro_inst *in = &pt->in;
	const int32_t T = in->T;

	assert(!pt->out && r->nout == 0);   /* one part out at a time */
	pt->out = true;
	r->nout++;
	part_usage(r, pt, -1);
	for (size_t v = 0; v < in->nlinks; v++) {
		size_t g = (size_t)in->link_of[v];
		if (r->nuse_link[g] < 2)
			continue;
		for (int32_t t = 0; t < T; t++) {
			int64_t u = in->U[v * T + t], o = r->gload[g * T + t];
			pt->resU[v * T + t] = u > o ? u - o : 0;
			pt->resR[v * T + t] = left_over(in->R[v * T + t],
							r->grb[g * T + t]);
			assert(pt->resU[v * T + t] >= 0 &&
			       pt->resR[v * T + t] >= 0);
		}
	}
	for (size_t k = 0; k < in->nservers; k++) {
		size_t g = (size_t)in->server_of[k];
		if (r->nuse_srv[g] < 2)
			continue;
		for (int32_t t = 0; t < T; t++) {
			pt->resM[k * T + t] = left_over(in->M[k * T + t],
							r->gsrv[g * T + t]);
			assert(pt->resM[k * T + t] >= 0);
		}
	}
}

void ro_part_checkin(struct run *r, struct part *pt)
{
	assert(pt->out && r->nout == 1);
	assert(ro_part_within_classes(pt, &pt->best));
	pt->out = false;
	r->nout--;
	part_usage(r, pt, +1);
	pt->w_star = ro_place_weight(&pt->best);
	pt->c_val = ro_place_completion_sum(&pt->best);
	pt->m_val = ro_place_makespan(&pt->best);
}

static void use_residual(struct part *pt, struct ro_place *p)
{
	p->cap = pt->resU;
	p->mcap = pt->resM;
	p->rcap = pt->resR;
}

void ro_part_keep_if_better(struct run *r, struct part *pt)
{
	if (better(&pt->work, &pt->best, r->d_floor))
		ro_place_copy(&pt->best, &pt->work);
	pt->w_star = ro_place_weight(&pt->best);
}

static int part_init(struct run *r, struct part *pt)
{
	const struct ro_inst *in = &pt->in;
	size_t lt = in->nlinks * (size_t)in->T;
	size_t st = in->nservers * (size_t)in->T;
	int err;

	pt->resU = ro_mallocarray(lt, sizeof *pt->resU);
	pt->resR = ro_mallocarray(lt, sizeof *pt->resR);
	pt->resM = ro_mallocarray(st, sizeof *pt->resM);
	pt->y = ro_calloc(in->ncand, sizeof *pt->y);
	if (!pt->resU || !pt->resR || !pt->resM || !pt->y)
		return RO_ENOMEM;
	memcpy(pt->resU, in->U, lt * sizeof *pt->resU);
	memcpy(pt->resR, in->R, lt * sizeof *pt->resR);
	memcpy(pt->resM, in->M, st * sizeof *pt->resM);
	if ((err = ro_place_init(&pt->best, in, pt->resU, r->dmax)) ||
	    (err = ro_place_init(&pt->work, in, pt->resU, r->dmax)))
		return err;
	use_residual(pt, &pt->best);
	use_residual(pt, &pt->work);
	return RO_OK;
}

/* Greedy start: repair from nothing, then move to earlier starts. */
int ro_part_greedy(struct run *r, struct part *pt)
{
	int err;

	if ((err = ro_place_repair(&pt->best, NULL)))
		return err;
	ro_place_improve(&pt->best, ro_run_stop_time(r));
	pt->w_star = ro_place_weight(&pt->best);
	pt->w_bound = (double)pt->in.weight_placeable;
	return RO_OK;
}

bool ro_part_full(const struct part *pt)
{
	return (double)pt->w_star >= pt->w_bound;
}

static void part_release(struct part *pt)
{
	ro_lp_free(pt->lp);
	ro_place_release(&pt->best);
	ro_place_release(&pt->work);
	ro_free(pt->y);
	ro_free(pt->scaled);
	ro_free(pt->resU);
	ro_free(pt->resM);
	ro_free(pt->resR);
	ro_inst_release(&pt->in);
}

/* Splits the instance into parts, and counts the parts that use each
 * resource. */
int ro_parts_make(struct run *r)
{
	const struct ro_inst *in = &r->in;
	size_t lt = in->nlinks * (size_t)in->T;
	size_t st = in->nservers * (size_t)in->T;
	int32_t *comp = ro_mallocarray(in->ncls, sizeof *comp);
	int32_t *off = NULL, *list = NULL;
	int32_t n = 0;
	int err = RO_ENOMEM;

	r->nuse_link = ro_calloc(in->nlinks + 1, sizeof *r->nuse_link);
	r->nuse_srv = ro_calloc(in->nservers + 1, sizeof *r->nuse_srv);
	r->gload = ro_calloc(lt, sizeof *r->gload);
	r->grb = ro_calloc(lt, sizeof *r->grb);
	r->gsrv = ro_calloc(st, sizeof *r->gsrv);
	if (!comp || !r->nuse_link || !r->nuse_srv || !r->gload || !r->grb ||
	    !r->gsrv)
		goto out;
	if ((err = ro_inst_components(in, r->dmax,
				      r->o->split_all ? 0 : SPLIT_MIN, comp, &n)))
		goto out;
	err = RO_ENOMEM;
	/* the classes of each part, by counting sort */
	off = ro_calloc((size_t)n + 2, sizeof *off);
	list = ro_mallocarray(in->ncls, sizeof *list);
	r->parts = ro_calloc((size_t)n, sizeof *r->parts);
	if (!off || !list || !r->parts)
		goto out;
	for (size_t c = 0; c < in->ncls; c++)
		off[comp[c] + 1]++;
	for (int32_t k = 0; k < n; k++)
		off[k + 1] += off[k];
	for (size_t c = 0; c < in->ncls; c++)
		list[off[comp[c]]++] = (int32_t)c;
	for (int32_t k = n; k > 0; k--)
		off[k] = off[k - 1];
	off[0] = 0;
	assert(off[n] == (int32_t)in->ncls);   /* every class in one part */
	r->nparts = n;
	for (int32_t k = 0; k < n; k++) {
		struct part *pt = &r->parts[k];
		if ((err = ro_inst_subset(in, list + off[k],
					  (size_t)(off[k + 1] - off[k]), &pt->in)))
			goto out;
		for (size_t v = 0; v < pt->in.nlinks; v++)
			r->nuse_link[pt->in.link_of[v]]++;
		for (size_t v = 0; v < pt->in.nservers; v++)
			r->nuse_srv[pt->in.server_of[v]]++;
	}
	for (int32_t k = 0; k < n; k++)
		if ((err = part_init(r, &r->parts[k])))
			goto out;
	err = RO_OK;
out:
	ro_free(comp);
	ro_free(off);
	ro_free(list);
	return err;
}

int ro_parts_each(struct run *r, int (*stage)(struct run *, struct part *))
{
	int err;

	for (r->cur = 0; r->cur < r->nparts; r->cur++) {
		struct part *pt = &r->parts[r->cur];
		ro_part_checkout(r, pt);
		err = stage(r, pt);
		ro_part_checkin(r, pt);
		if (err)
			return err;
	}
	r->cur = -1;
	return RO_OK;
}

void ro_parts_release(struct run *r)
{
	for (int32_t k = 0; k < r->nparts; k++)
		part_release(&r->parts[k]);
	ro_free(r->parts);
	ro_free(r->nuse_link);
	ro_free(r->nuse_srv);
	ro_free(r->gload);
	ro_free(r->gsrv);
	ro_free(r->grb);
	r->parts = NULL;
	r->nparts = 0;
	r->nuse_link = r->nuse_srv = r->gsrv = r->grb = NULL;
	r->gload = NULL;
}
