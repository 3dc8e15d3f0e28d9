/*
 * solve_completion.c - phases 3 and 4: the completion sum.
 *
 * At the overall makespan, the parts whose plan is above their bound,
 * largest gap first: LP bound, roundings, repair, moves; then windows of
 * the plans re-solved exactly (polish.c); then branch-and-bound in the
 * time left.
 */
#include <math.h>
#include <stdlib.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "clock.h"
#include "polish.h"
#include "solve_priv.h"

/* Stage 3 for one part: the least sum of completions by deadline D. */
static int stage_completion(struct run *r, struct part *pt, int32_t D)
{
	enum ro_lp_result res;
	double val;
	int err;

	pt->best.deadline = D;
	if (pt->w_floor > 0 && pt->w_floor < pt->w_star) {
		/* the bound for lighter plans of this part first (none
		 * needed for a floor of 0: the bound is 0) */
		if ((err = ro_part_solve_lp(r, pt, RO_LP_MIN_COMPLETION,
				    (double)pt->w_floor, D, FORM_COMPLETION, &res,
				    &val)))
			return err;
		if (res == RO_LP_OPTIMAL && ceil(val - 1e-6) > pt->c_bound)
			pt->c_bound = ceil(val - 1e-6);
	}
	if ((err = ro_part_solve_lp(r, pt, RO_LP_MIN_COMPLETION,
				    (double)pt->w_star, D, FORM_COMPLETION,
				    &res, &val)))
		return err;
	if (res == RO_LP_OPTIMAL) {
		if (pt->w_floor >= pt->w_star && ceil(val - 1e-6) > pt->c_bound)
			pt->c_bound = ceil(val - 1e-6);
		for (int timed = 0; timed < 2; timed++) {
			if ((err = ro_part_round(pt, D, pt->resU, timed)))
				return err;
			ro_place_improve(&pt->work, ro_run_stop_time(r));
			if (ro_place_weight(&pt->work) >= pt->w_star)
				ro_part_keep_if_better(r, pt);
		}
	}
	ro_place_improve(&pt->best, ro_run_stop_time(r));
	return RO_OK;
}

static bool completion_open(const struct part *pt)
{
	return (double)ro_place_completion_sum(&pt->best) > pt->c_bound;
}

/* Branch-and-bound on the completion program of a part in form f, for at
 * most budget seconds (0: no limit).  *closed: proven optimal. */
static int mip_completion(struct run *r, struct part *pt, int32_t D,
			  enum ro_lp_form f, double budget, bool *closed)
{
	enum ro_lp_result res;
	double obj, bound;
	int err;

	*closed = false;
	ro_part_drop_lp(pt);
	if ((err = ro_part_need_lp_form(r, pt, D, D, f)))
		return err;
	if (!ro_part_small_program(pt)) {
		pt->c_done = true;
		return RO_OK;
	}
	if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
	    (err = ro_lp_set_objective(pt->lp, RO_LP_MIN_COMPLETION,
				       (double)pt->w_star, r->d)))
		return err;
	ro_run_say(r, "completion: branch-and-bound for %.1f s", budget);
	err = ro_lp_mip(pt->lp, pt->best.cnt, budget, r->o->gap,
			r->o->interrupt, ro_run_mip_progress, r, &res, &obj,
			&bound, pt->y, r->d);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		ro_part_take_mip(r, pt, D);
	/* the bound is the MIP's, not our plan's: what the part can do
	 * alone with whole capacities may not fit beside the other parts;
	 * and only when lighter plans of the part do not count */
	if (res != RO_LP_TIMEOUT && res != RO_LP_INFEASIBLE &&
	    pt->w_floor >= pt->w_star && ceil(bound - 1e-6) > pt->c_bound)
		pt->c_bound = ceil(bound - 1e-6);
	*closed = res == RO_LP_OPTIMAL;
	return RO_OK;
}

/* Branch-and-bound on what gap stage 3 left in a part, for at most
 * `budget` seconds (0: no limit): a second (at most half the budget) in
 * the knapsack form, whose MIR cuts close the examples in a fraction of
 * it, then the rest in the pattern form, whose LP is closer to the integer
 * hull of the slow links and closes what the first left (docs/solver.md,
 * "Forms"). */
static int refine_completion(struct run *r, struct part *pt, int32_t D,
			     double budget)
{
	double t0 = ro_clock();
	bool closed;
	double first = budget > 0 && budget / 2 < 1 ? budget / 2 : 1;
	int err = mip_completion(r, pt, D, FORM_MIP, first, &closed);

	if (!err && !closed && !pt->c_done && completion_open(pt) &&
	    !ro_run_must_stop(r)) {
		double left = budget > 0 ? budget - (ro_clock() - t0) : 0;
		if (budget <= 0 || left > 0.01)
			err = mip_completion(r, pt, D, FORM_COMPLETION, left,
					     &closed);
	}
	if (!err && !closed && completion_open(pt) && !ro_run_must_stop(r) &&
	    r->stop_at > 0)
		r->timed_out = true;   /* its share of the time ran out */
	return err;
}

/* The parts with a completion gap, largest first; per_cost: per candidate
 * start, so that a part whose LP takes a minute does not hold up a
 * hundred that take a tenth of a second each. */
static int32_t open_parts(const struct run *r, struct gapped *g, bool per_cost)
{
	int32_t n = 0;
	for (int32_t k = 0; k < r->nparts; k++) {
		const struct part *pt = &r->parts[k];
		if (!completion_open(pt) || pt->c_done ||
		    ro_place_makespan(&pt->best) == 0)
			continue;
		double gap = (double)ro_place_completion_sum(&pt->best) - pt->c_bound;
		if (per_cost)
			gap /= (double)pt->in.ncand + 1000;
		g[n++] = (struct gapped){ gap, k };
	}
	qsort(g, (size_t)n, sizeof *g, ro_cmp_gapped);
	return n;
}

/* Phases 3 and 4 at the overall makespan D. */
int ro_phase_completion(struct run *r, int32_t D)
{
	struct gapped *g = ro_malloc(((size_t)r->nparts + 1) * sizeof *g);
	int32_t n;
	int err = RO_OK;

	if (!g)
		return RO_ENOMEM;
	r->d_floor = D;
	ro_run_set_phase(r, SHARE_COMPLETION);
	n = open_parts(r, g, true);
	for (int32_t i = 0; i < n && !ro_run_must_stop(r) &&
	     !ro_run_phase_over(r) && !ro_run_gap_met(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		r->cur = g[i].k;
		ro_part_checkout(r, pt);
		err = stage_completion(r, pt, D);
		ro_part_checkin(r, pt);
		/* a program too large for branch-and-bound is done here */
		pt->c_done = !ro_part_small_program(pt);
		ro_part_drop_lp(pt);
		if (err)
			goto out;
		if (ro_run_say_due(r))
			ro_run_say_totals(r, "completion");
	}
	r->cur = -1;
	r->phase_end = 0;
	ro_run_say_totals(r, "completion");
	/* polish: windows of the plans re-solved exactly, largest gap
	 * first */
	n = ro_run_gap_met(r) ? 0 : open_parts(r, g, false);
	for (int32_t i = 0;
	     i < n && !ro_run_must_stop(r) && !ro_run_gap_met(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		struct ro_polish_opts po = { 24, 0.25, ro_run_stop_time(r),
					     r->o->interrupt, r->o->mem_limit_mb };
		int64_t gain = 0;
		r->cur = g[i].k;
		ro_part_checkout(r, pt);
		err = ro_polish(&pt->in, &pt->best, &po, &gain, r->d);
		ro_part_checkin(r, pt);
		if (err)
			goto out;
		if (ro_run_say_due(r))
			ro_run_say_totals(r, "polish");
	}
	r->cur = -1;
	ro_run_say_totals(r, "polish");
	/* the time left goes to branch-and-bound, largest gap first */
	n = ro_run_gap_met(r) ? 0 : open_parts(r, g, false);
	for (int32_t i = 0;
	     i < n && !ro_run_must_stop(r) && !ro_run_gap_met(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		double budget = r->stop_at > 0 ? ro_run_remaining(r) / (n - i) : 0;
		r->cur = g[i].k;
		ro_part_checkout(r, pt);
		err = refine_completion(r, pt, D, budget);
		ro_part_checkin(r, pt);
		ro_part_drop_lp(pt);
		if (err)
			goto out;
	}
	r->cur = -1;
	ro_run_say_totals(r, "branch-and-bound");
out:
	ro_free(g);
	return err;
}
