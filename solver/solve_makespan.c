/*
 * solve_makespan.c - phase 2: the makespan.
 *
 * The parts that end last, longest first, bisect on their deadline: an LP
 * over the starts ending by D that cannot carry the part's weight proves
 * D + 1 a lower bound; one that can is rounded and repaired into a plan.
 * Small programs then try one slot shorter by branch-and-bound.
 */
#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

static int need_lp(struct run *r, struct part *pt, int32_t deadline)
{
	return ro_part_need_lp_form(r, pt, deadline, deadline, FORM_PROBE);
}

/* LP of part pt at deadline D with objective obj. */
static int lp_at(struct run *r, struct part *pt, int32_t D,
		 enum ro_lp_obj obj, double floor_w, enum ro_lp_result *res,
		 double *val)
{
	int err;

	if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
	    (err = ro_lp_set_objective(pt->lp, obj, floor_w, r->d)))
		return err;
	err = ro_lp_solve(pt->lp, ro_run_remaining(r), res, val, pt->y, r->d);
	if (!err && *res == RO_LP_TIMEOUT && !ro_run_must_stop(r))
		r->timed_out = true;   /* GLPK's own clock ran out first */
	return err;
}

/* Does some integer plan carry the part's weight by deadline D?  1: yes
 * (in work), 0: not found, -1: proven impossible by the LP. */
static int probe_deadline(struct run *r, struct part *pt, int32_t D, int *err)
{
	enum ro_lp_result res;
	double val;

	*err = lp_at(r, pt, D, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (*err || res == RO_LP_TIMEOUT)
		return 0;
	if (res == RO_LP_INFEASIBLE || val < (double)pt->w_floor - 1e-6)
		return -1;
	if (val < (double)pt->w_star - 1e-6)
		return 0;
	/* steer the rounding by the cheapest-completion solution at D */
	*err = lp_at(r, pt, D, RO_LP_MIN_COMPLETION, (double)pt->w_star, &res,
		     &val);
	if (!*err && res != RO_LP_OPTIMAL)
		*err = lp_at(r, pt, D, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (*err || (*err = ro_part_round(pt, D, pt->resU, true)))
		return 0;
	ro_place_improve(&pt->work, ro_run_stop_time(r));
	return ro_place_weight(&pt->work) >= pt->w_star ? 1 : 0;
}

/* Stage 2 for one part: bisection on the deadline, down to floor_d (a
 * makespan some other part needs anyway: going below it gains nothing). */
static int stage_makespan(struct run *r, struct part *pt, int32_t floor_d)
{
	int32_t hi = ro_place_makespan(&pt->best), lo;
	int err = RO_OK;

	if ((err = need_lp(r, pt, hi)))
		return err;
	lo = pt->d_lb > floor_d ? pt->d_lb : floor_d;
	while (lo < hi && !ro_run_must_stop(r) && !ro_run_phase_over(r)) {
		int32_t mid = lo + (hi - lo) / 2;
		int f = probe_deadline(r, pt, mid, &err);
		if (err)
			return err;
		if (f > 0) {
			hi = ro_place_makespan(&pt->work);
			ro_place_copy(&pt->best, &pt->work);
		} else {
			if (f < 0 && mid + 1 > pt->d_lb)
				pt->d_lb = mid + 1;
			lo = mid + 1;
		}
		ro_run_say(r, "makespan: %d slots found, bound %d", (int)hi,
			   (int)pt->d_lb);
	}
	/* small programs: is there a plan one slot shorter? */
	while (pt->d_lb < hi && hi > floor_d && ro_part_small_program(pt) &&
	       !ro_run_phase_over(r) && !ro_run_must_stop(r)) {
		int32_t D = hi - 1;
		enum ro_lp_result res;
		double obj, bound;
		double w = (double)pt->w_star - 1e-6;
		double wf = (double)pt->w_floor - 1e-6;

		if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
		    (err = ro_lp_set_objective(pt->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
			return err;
		ro_run_say(r, "makespan: branch-and-bound at %d slots", (int)D);
		err = ro_lp_mip(pt->lp, NULL, ro_run_remaining(r), 0,
				r->o->interrupt, ro_run_mip_progress, r, &res,
				&obj, &bound, pt->y, r->d);
		if (err)
			return err;
		if ((res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) && obj >= w) {
			ro_part_take_mip(r, pt, D);
			if (ro_place_makespan(&pt->best) >= hi)
				break;   /* it did not fit beside the others */
			hi = ro_place_makespan(&pt->best);
		} else if (res == RO_LP_INFEASIBLE ||
			   (res == RO_LP_OPTIMAL && obj < wf) || bound < wf) {
			pt->d_lb = D + 1;
		} else if (res == RO_LP_OPTIMAL) {
			break;   /* a lighter plan fits: no bound, no plan */
		} else {
			break;   /* time ran out */
		}
	}
	if (pt->d_lb > hi)
		pt->d_lb = hi;
	return RO_OK;
}

/* Phase 2: the parts that end last set the makespan: bisect those,
 * longest first, down to the bound another part has proven. */
int ro_phase_makespan(struct run *r)
{
	int err;

	ro_run_set_phase(r, SHARE_MAKESPAN);
	r->d_floor = 0;
	for (int32_t k = 0; k < r->nparts; k++)
		if (r->parts[k].d_lb > r->d_floor)
			r->d_floor = r->parts[k].d_lb;
	uint8_t *tried = ro_calloc((size_t)r->nparts + 1, 1);
	if (!tried)
		return RO_ENOMEM;
	while (!ro_run_must_stop(r) && !ro_run_phase_over(r)) {
		int32_t k = -1;
		for (int32_t i = 0; i < r->nparts; i++) {
			int32_t m = ro_place_makespan(&r->parts[i].best);
			if (!tried[i] && m > r->d_floor && m > r->parts[i].d_lb &&
			    (k < 0 || m > ro_place_makespan(&r->parts[k].best)))
				k = i;
		}
		if (k < 0)
			break;
		tried[k] = 1;
		r->cur = k;
		struct part *pt = &r->parts[k];
		ro_part_checkout(r, pt);
		err = stage_makespan(r, pt, r->d_floor);
		ro_part_checkin(r, pt);
		ro_part_drop_lp(pt);
		if (err) {
			ro_free(tried);
			return err;
		}
		if (pt->d_lb > r->d_floor)
			r->d_floor = pt->d_lb;
	}
	ro_free(tried);
	r->cur = -1;
	r->phase_end = 0;
	ro_run_say_totals(r, "makespan");
	return RO_OK;
}
