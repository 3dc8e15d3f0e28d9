/*
 * solve_weight.c - phase 1: the placed weight.
 *
 * Every part starts from a greedy plan; where that leaves placeable
 * clients out, the weight LP gives a bound and roundings, and small
 * programs go to branch-and-bound.  The phase ends with the bounds that
 * need no LP (solve_bound.c).
 */
#include <math.h>
#include <stdlib.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

/* Stage 1 for a part the greedy plan did not fully place. */
static int stage_weight(struct run *r, struct part *pt)
{
	enum ro_lp_result res;
	double val, obj, bound;
	int err;

	if ((err = ro_part_solve_lp(r, pt, RO_LP_MAX_WEIGHT, 0, r->dmax,
				    FORM_WEIGHT, &res, &val)))
		return err;
	if (res == RO_LP_OPTIMAL) {
		pt->w_bound = floor(val + 1e-6);
		for (int timed = 0; timed < 2; timed++) {
			if ((err = ro_part_round(pt, r->dmax, pt->resU, timed)))
				return err;
			ro_part_keep_if_better(r, pt);
		}
	}
	if ((double)pt->w_star >= pt->w_bound || !ro_part_small_program(pt) ||
	    ro_run_must_stop(r) || ro_run_phase_over(r))
		return RO_OK;
	if ((err = ro_lp_set_deadline(pt->lp, r->dmax, r->d)) ||
	    (err = ro_lp_set_objective(pt->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
		return err;
	ro_run_say(r, "weight: branch-and-bound to close %.0f",
		   pt->w_bound - (double)pt->w_star);
	err = ro_lp_mip(pt->lp, pt->best.cnt, ro_run_remaining(r), 0,
			r->o->interrupt, ro_run_mip_progress, r, &res, &obj,
			&bound, pt->y, r->d);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		ro_part_take_mip(r, pt, r->dmax);
	if (res != RO_LP_TIMEOUT && res != RO_LP_INFEASIBLE)
		pt->w_bound = fmin(pt->w_bound, floor(bound + 1e-6));
	return RO_OK;
}

/* Phase 1: greedy plans, then the weight stage where they fall short. */
int ro_phase_weight(struct run *r)
{
	int err;

	if ((err = ro_parts_each(r, ro_part_greedy)))
		return err;
	ro_run_say_totals(r, "greedy");
	ro_run_set_phase(r, SHARE_WEIGHT);
	/* the largest shortfalls per candidate start first (open_parts) */
	struct gapped *g = ro_malloc(((size_t)r->nparts + 1) * sizeof *g);
	int32_t n = 0;
	if (!g)
		return RO_ENOMEM;
	for (int32_t k = 0; k < r->nparts; k++)
		if (!ro_part_full(&r->parts[k]))
			g[n++] = (struct gapped){
				(r->parts[k].w_bound - (double)r->parts[k].w_star) /
				((double)r->parts[k].in.ncand + 1000), k };
	qsort(g, (size_t)n, sizeof *g, ro_cmp_gapped);
	for (int32_t i = 0;
	     i < n && !ro_run_must_stop(r) && !ro_run_phase_over(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		r->cur = g[i].k;
		ro_part_checkout(r, pt);
		err = stage_weight(r, pt);
		ro_part_checkin(r, pt);
		ro_part_drop_lp(pt);
		if (err) {
			ro_free(g);
			return err;
		}
		if (ro_run_say_due(r))
			ro_run_say(r, "weight: placed %lld of bound %.0f",
				   (long long)pt->w_star, pt->w_bound);
	}
	ro_free(g);
	r->cur = -1;
	r->phase_end = 0;
	return ro_run_trivial_bounds(r);
}
