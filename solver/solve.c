/*
 * solve.c - the planner's stages (docs/solver.md).
 *
 * The classes are split into parts that share no capacity that could bind,
 * or share it only with minor users (ro_inst_components).  Each part is
 * planned on its own against what the other parts leave of the resources
 * they share (checkout / checkin, solve_part.c), which keeps every LP
 * small; the bounds of the parts add up (weight, completion sum) or take
 * the maximum (makespan).  Phases, over all parts:
 *   1. greedy plan (repair from nothing, then moves to earlier starts);
 *      where it places every placeable client, stage 1 is optimal;
 *      elsewhere the weight LP (bound), rounding, repair, and for small
 *      programs branch-and-bound;
 *   2. makespan: the parts that end last, longest first, bisect on their
 *      deadline D: an LP restricted to starts ending by D that cannot carry
 *      the part's weight proves D + 1 a lower bound; one that can is
 *      rounded and repaired into a plan;
 *   3. completion sum at the overall makespan D*: the parts whose plan is
 *      above the trivial bound (every client at its earliest end), largest
 *      gap first: LP bound, roundings, repair, moves;
 *   4. branch-and-bound seeded with the plan, on the small parts that still
 *      have a gap, largest first, in the time left.
 * With --objective peak, phases 2 to 4 give way to the least peak
 * utilisation (LP bound, then bisection on scaled capacities).  The plan is
 * handed to clients by id and verified independently (model/verify.c)
 * before it is returned.
 *
 * This file is the entry; the run's clock and progress are in
 * solve_run.c, the parts in solve_part.c, their programs in
 * solve_program.c, each phase in a file of its own, the hand-out in
 * solve_plan.c and the export in solve_export.c (solve_priv.h).
 */
#include "solve_priv.h"
#include "sms.h"

#include "../model/error.h"
#include "../model/verify.h"
#include "clock.h"

static int plan_parts(struct run *r)
{
	int32_t d_star = 0;
	int err;

	if ((err = ro_phase_weight(r)))
		return err;
	if (r->o->objective == RO_OBJ_PEAK)
		return ro_phase_peak(r);
	if ((err = ro_phase_makespan(r)))
		return err;
	for (int32_t i = 0; i < r->nparts; i++)
		if (ro_place_makespan(&r->parts[i].best) > d_star)
			d_star = ro_place_makespan(&r->parts[i].best);
	return ro_phase_completion(r, d_star);
}

/* The SMS 2.0 mode, when the options or the site's policy ask for it. */
static bool sms_mode(const struct ro_site *s, const struct ro_solve_opts *o)
{
	return (o->control >= 0 ? o->control : (int)s->policy.control) ==
	       RO_CONTROL_SMS20;
}

/* The run before any planning: its clock, the instance, the deadline. */
static int run_start(struct run *r, const struct ro_site *s,
		     struct ro_expand *x, const struct ro_solve_opts *o,
		     struct ro_diag *d)
{
	int err;

	r->site = s;
	r->o = o;
	r->d = d;
	r->cur = -1;
	r->t0 = ro_clock();
	r->stop_at = o->time_limit > 0 ? r->t0 + o->time_limit : 0;
	if ((err = ro_inst_build(&r->in, s, x, d)))
		return err;
	r->dmax = r->in.T;
	if (o->has_deadline) {
		int64_t dl = (o->deadline - s->horizon.start) / s->horizon.slot_min;
		if (dl < r->dmax)
			r->dmax = (int32_t)dl;
	}
	return RO_OK;
}

static void say_model(struct run *r)
{
	size_t none = 0;

	for (size_t i = 0; i < r->in.nclients; i++)
		none += r->in.client_cls[i] < 0;
	ro_run_say(r, "model: %lld clients in %zu classes, %zu candidate "
		   "starts, %zu clients without any; %d parts",
		   (long long)r->site->nclients_total, r->in.ncls, r->in.ncand,
		   none, (int)r->nparts);
}

int ro_solve(const struct ro_site *s, struct ro_expand *x,
	     const struct ro_solve_opts *o, struct ro_plan **out,
	     struct ro_diag *d)
{
	struct run r = { 0 };
	struct ro_plan *p = NULL;
	int err;

	if (out)
		*out = NULL;
	if (!s || !x || !o || !d || !out)
		return RO_EARG;
	if ((err = ro_solve_opts_check(s, o, d)))
		return err;
	if (sms_mode(s, o)) {
		if (o->objective != RO_OBJ_LEXICOGRAPHIC || o->has_deadline) {
			ro_diag_add(d, NULL, 0, "the SMS 2.0 mode has one "
				    "objective and no deadline: a released "
				    "client cannot be held to one; plan with "
				    "--control per-client for them");
			return RO_EARG;
		}
		return ro_sms_solve(s, o, out, d);
	}

	if ((err = run_start(&r, s, x, o, d)))
		return err;
	if ((err = ro_parts_make(&r)))
		goto out;
	say_model(&r);
	if ((err = plan_parts(&r)))
		goto out;
	if ((o->write_lp || o->write_mps) && (err = ro_run_export(&r)))
		goto out;
	if ((err = ro_run_plan(&r, &p)))
		goto out;

	/* never hand out a plan the independent check rejects */
	long bad = ro_verify(s, x, p, NULL, d);
	if (bad != 0) {
		if (bad > 0)
			ro_diag_add(d, NULL, 0, "internal error: the plan failed "
				    "verification (%ld violations)", bad);
		err = bad > 0 ? RO_EVERIFY : RO_ENOMEM;
		ro_plan_free(p);
		goto out;
	}
	ro_run_say(&r, "done: %s", ro_status_name(p->status));
	*out = p;
	err = RO_OK;
out:
	ro_parts_release(&r);
	ro_inst_release(&r.in);
	return err;
}
