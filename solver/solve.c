/*
 * solve.c - the planner's stages.
 *
 * 1. Build classes and candidate starts (inst.c).
 * 2. Weight: LP relaxation (bound), round down, repair greedily.
 * 3. Makespan (lexicographic) : bisection on the deadline D.  A probe at D
 *    solves the LP restricted to candidates ending by D: if it cannot carry
 *    the stage-1 weight, no plan can (a proven lower bound); otherwise round
 *    and repair for an integer plan.  Or, with --objective peak, the least
 *    peak utilisation z (LP bound), then bisection on scaled capacities.
 * 4. Completion sum at the best deadline: LP bound, round, repair, move to
 *    earlier starts.
 * 5. Small programs only: GLPK's branch-and-bound, seeded with our plan, to
 *    close what gap remains within the time limit.
 * The integer plan is handed to clients by id and verified independently
 * (model/verify.c) before it is returned.
 */
#include "solve.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/verify.h"
#include "clock.h"
#include "inst.h"
#include "lp.h"
#include "place.h"

/* Programs up to this many columns go to branch-and-bound (measured: the
 * examples' programs close in well under a second; see docs/solver.md). */
#define MIP_MAX_COLS 20000

void ro_solve_opts_init(struct ro_solve_opts *o)
{
	memset(o, 0, sizeof *o);
	o->objective = RO_OBJ_LEXICOGRAPHIC;
	o->gap = 0;
}

struct run {
	const struct ro_site *site;
	const struct ro_solve_opts *o;
	struct ro_inst in;
	struct ro_diag *d;
	double t0, stop_at;
	bool timed_out, interrupted;
	int32_t dmax;             /* deadline from options and horizon */
	struct ro_lp *lp;
	double *y;                /* LP solution, ncand */
	struct ro_place best;     /* best plan so far */
	struct ro_place work;     /* scratch */
	int64_t w_star;           /* stage-1 weight of the best plan */
	double w_bound;
	int32_t d_lb;             /* proven makespan lower bound */
	double c_bound;
	double z_bound;           /* peak objective */
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void say(struct run *r, const char *fmt, ...)
{
	char line[512];
	int n;
	va_list ap;

	if (!r->o->progress)
		return;
	n = snprintf(line, sizeof line, "[%7.2fs] ", ro_clock() - r->t0);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	r->o->progress(r->o->progress_ud, line);
}

static double remaining(struct run *r)
{
	if (r->stop_at <= 0)
		return 0;
	double left = r->stop_at - ro_clock();
	return left > 0.001 ? left : 0.001;
}

static bool must_stop(struct run *r)
{
	if (r->o->interrupt && *r->o->interrupt) {
		r->interrupted = true;
		return true;
	}
	if (r->stop_at > 0 && ro_clock() >= r->stop_at) {
		r->timed_out = true;
		return true;
	}
	return false;
}

/* LP at deadline D with objective obj; *res and *obj as ro_lp_solve. */
static int lp_at(struct run *r, int32_t D, enum ro_lp_obj obj, double floor,
		 enum ro_lp_result *res, double *val)
{
	int err;

	if ((err = ro_lp_set_deadline(r->lp, D, r->d)) ||
	    (err = ro_lp_set_objective(r->lp, obj, floor, r->d)))
		return err;
	err = ro_lp_solve(r->lp, remaining(r), res, val, r->y, r->d);
	if (!err && *res == RO_LP_TIMEOUT && !must_stop(r))
		r->timed_out = true;   /* GLPK's own clock ran out first */
	return err;
}

/* Integer plan from the current LP solution into r->work, deadline D. */
static int round_into_work(struct run *r, int32_t D, const int64_t *cap)
{
	ro_place_clear(&r->work);
	r->work.deadline = D;
	r->work.cap = cap;
	int err = ro_place_round(&r->work, r->y);
	return err ? err : ro_place_repair(&r->work, r->y);
}

static bool better(const struct ro_place *a, const struct ro_place *b)
{
	int64_t wa = ro_place_weight(a), wb = ro_place_weight(b);
	if (wa != wb)
		return wa > wb;
	int32_t ma = ro_place_makespan(a), mb = ro_place_makespan(b);
	if (ma != mb)
		return ma < mb;
	return ro_place_completion_sum(a) < ro_place_completion_sum(b);
}

/* Stage 1: the most weight placed. */
static int stage_weight(struct run *r)
{
	enum ro_lp_result res;
	double val;
	int err;

	err = lp_at(r, r->dmax, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (err)
		return err;
	r->w_bound = (double)r->in.weight_placeable;
	if (res == RO_LP_OPTIMAL) {
		r->w_bound = floor(val + 1e-6);
		if ((err = round_into_work(r, r->dmax, r->in.U)))
			return err;
	} else {
		ro_place_clear(&r->work);
		r->work.deadline = r->dmax;
		if ((err = ro_place_repair(&r->work, NULL)))
			return err;
	}
	ro_place_copy(&r->best, &r->work);
	r->w_star = ro_place_weight(&r->best);
	say(r, "weight: placed %lld of bound %.0f", (long long)r->w_star,
	    r->w_bound);
	return RO_OK;
}

/* Replaces best by an integer MIP solution y if it is better. */
static void take_mip_solution(struct run *r, int32_t D)
{
	ro_place_clear(&r->work);
	r->work.deadline = D;
	r->work.cap = r->in.U;
	for (size_t c = 0; c < r->in.ncls; c++) {
		const struct ro_cls *k = &r->in.cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			int32_t v = (int32_t)llround(r->y[j]);
			int32_t room = v > 0 ? ro_place_room(&r->work, (int32_t)c, j) : 0;
			if (v > 0)
				ro_place_add(&r->work, (int32_t)c, j, v < room ? v : room);
		}
	}
	ro_place_repair(&r->work, NULL);
	if (better(&r->work, &r->best))
		ro_place_copy(&r->best, &r->work);
}

static void mip_progress(void *ud, double inc, double bound, bool has)
{
	struct run *r = ud;
	if (has)
		say(r, "branch-and-bound: incumbent %.0f, bound %.2f", inc, bound);
	else
		say(r, "branch-and-bound: no incumbent yet, bound %.2f", bound);
}

static bool small_program(const struct run *r)
{
	int rows, cols;
	long nnz;
	ro_lp_size(r->lp, &rows, &cols, &nnz);
	return cols <= MIP_MAX_COLS;
}

/* Stage 1 closed with branch-and-bound when rounding left weight out. */
static int refine_weight(struct run *r)
{
	enum ro_lp_result res;
	double obj, bound;
	int err;

	if ((double)r->w_star >= r->w_bound || !small_program(r) || must_stop(r))
		return RO_OK;
	if ((err = ro_lp_set_deadline(r->lp, r->dmax, r->d)) ||
	    (err = ro_lp_set_objective(r->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
		return err;
	say(r, "weight: branch-and-bound to close %.0f", r->w_bound - r->w_star);
	err = ro_lp_mip(r->lp, r->best.cnt, remaining(r), 0, r->o->interrupt,
			mip_progress, r, &res, &obj, &bound, r->y, r->d);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) {
		take_mip_solution(r, r->dmax);
		r->w_star = ro_place_weight(&r->best);
	}
	if (res == RO_LP_OPTIMAL)
		r->w_bound = (double)r->w_star;
	else
		r->w_bound = fmin(r->w_bound, floor(bound + 1e-6));
	return RO_OK;
}

/* Does some integer plan carry w_star by deadline D?  1: yes (in work),
 * 0: not found, -1: proven impossible (LP), or an error (< -1). */
static int probe_deadline(struct run *r, int32_t D, int *err)
{
	enum ro_lp_result res;
	double val;

	*err = lp_at(r, D, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (*err || res == RO_LP_TIMEOUT)
		return 0;
	if (res == RO_LP_INFEASIBLE || val < (double)r->w_star - 1e-6)
		return -1;
	/* steer the rounding by the cheapest-completion solution at D */
	*err = lp_at(r, D, RO_LP_MIN_COMPLETION, (double)r->w_star, &res, &val);
	if (*err)
		return 0;
	if (res != RO_LP_OPTIMAL)
		*err = lp_at(r, D, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (*err || (*err = round_into_work(r, D, r->in.U)))
		return 0;
	ro_place_improve(&r->work, r->stop_at);
	return ro_place_weight(&r->work) >= r->w_star ? 1 : 0;
}

/* Stage 2: the least makespan, by bisection on the deadline. */
static int stage_makespan(struct run *r)
{
	int32_t hi = ro_place_makespan(&r->best), lo = 1;
	int err = RO_OK;

	r->d_lb = hi == 0 ? 0 : 1;
	if (hi == 0)
		return RO_OK;
	/* nothing ends before the earliest candidate end of any class */
	lo = hi;
	for (size_t j = 0; j < r->in.ncand; j++)
		if (r->in.cand[j].e < lo)
			lo = r->in.cand[j].e;
	r->d_lb = lo;
	while (lo < hi && !must_stop(r)) {
		int32_t mid = lo + (hi - lo) / 2;
		int f = probe_deadline(r, mid, &err);
		if (err)
			return err;
		if (f > 0) {
			hi = ro_place_makespan(&r->work);
			ro_place_copy(&r->best, &r->work);
		} else {
			if (f < 0)
				r->d_lb = mid + 1;
			lo = mid + 1;
		}
		say(r, "makespan: %d slots found, bound %d", (int)hi, (int)r->d_lb);
	}
	if (r->d_lb > hi)
		r->d_lb = hi;
	return RO_OK;
}

/* Small programs: prove the makespan bound with branch-and-bound. */
static int refine_makespan(struct run *r)
{
	while (r->d_lb < ro_place_makespan(&r->best) && small_program(r) &&
	       !must_stop(r)) {
		int32_t D = ro_place_makespan(&r->best) - 1;
		enum ro_lp_result res;
		double obj, bound;
		int err;

		if ((err = ro_lp_set_deadline(r->lp, D, r->d)) ||
		    (err = ro_lp_set_objective(r->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
			return err;
		say(r, "makespan: branch-and-bound at %d slots", (int)D);
		err = ro_lp_mip(r->lp, NULL, remaining(r), 0, r->o->interrupt,
				mip_progress, r, &res, &obj, &bound, r->y, r->d);
		if (err)
			return err;
		if ((res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) &&
		    obj >= (double)r->w_star - 1e-6) {
			take_mip_solution(r, D);
			continue;
		}
		if (res == RO_LP_INFEASIBLE ||
		    (res == RO_LP_OPTIMAL && obj < (double)r->w_star - 1e-6) ||
		    bound < (double)r->w_star - 1e-6) {
			r->d_lb = D + 1;
			continue;
		}
		break;   /* time ran out */
	}
	return RO_OK;
}

/* Stage 3: the least sum of completions at the best makespan. */
static int stage_completion(struct run *r)
{
	int32_t D = ro_place_makespan(&r->best);
	enum ro_lp_result res;
	double val;
	int err;

	if (D == 0) {
		r->c_bound = 0;
		return RO_OK;
	}
	err = lp_at(r, D, RO_LP_MIN_COMPLETION, (double)r->w_star, &res, &val);
	if (err)
		return err;
	r->c_bound = 0;
	if (res == RO_LP_OPTIMAL) {
		r->c_bound = ceil(val - 1e-6);
		if ((err = round_into_work(r, D, r->in.U)))
			return err;
		ro_place_improve(&r->work, r->stop_at);
		if (ro_place_weight(&r->work) >= r->w_star &&
		    ro_place_makespan(&r->work) <= D && better(&r->work, &r->best))
			ro_place_copy(&r->best, &r->work);
	}
	r->best.deadline = D;
	ro_place_improve(&r->best, r->stop_at);
	say(r, "completion: %lld, bound %.0f",
	    (long long)ro_place_completion_sum(&r->best), r->c_bound);

	if ((double)ro_place_completion_sum(&r->best) <= r->c_bound ||
	    !small_program(r) || must_stop(r))
		return RO_OK;
	double bound, obj;
	say(r, "completion: branch-and-bound");
	err = ro_lp_mip(r->lp, r->best.cnt, remaining(r), r->o->gap,
			r->o->interrupt, mip_progress, r, &res, &obj, &bound,
			r->y, r->d);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		take_mip_solution(r, D);
	if (res == RO_LP_OPTIMAL && r->o->gap <= 0)
		r->c_bound = (double)ro_place_completion_sum(&r->best);
	else if (bound > r->c_bound)
		r->c_bound = ceil(bound - 1e-6);
	if (res != RO_LP_OPTIMAL)
		must_stop(r);
	return RO_OK;
}

/* Peak objective: the least highest utilisation by the deadline. */
static int stage_peak(struct run *r, int64_t *scaled)
{
	struct ro_lp *plp = NULL;
	enum ro_lp_result res;
	double val, lo, hi = 1;
	int err;
	size_t lt = r->in.nlinks * (size_t)r->in.T;

	err = ro_lp_new(&plp, &r->in, r->in.U, r->dmax, true,
			r->o->mem_limit_mb, r->d);
	if (err)
		return err;
	err = ro_lp_set_objective(plp, RO_LP_MIN_PEAK, (double)r->w_star, r->d);
	if (!err)
		err = ro_lp_solve(plp, remaining(r), &res, &val, r->y, r->d);
	if (err) {
		ro_lp_free(plp);
		return err;
	}
	lo = res == RO_LP_OPTIMAL ? val : 0;
	r->z_bound = lo;
	say(r, "peak: LP bound %.4f", lo);
	/* bisection on scaled capacities floor(z * U) */
	for (int it = 0; it < 20 && hi - lo > 1e-4 && !must_stop(r); it++) {
		double z = it == 0 ? lo : (lo + hi) / 2;
		for (size_t i = 0; i < lt; i++)
			scaled[i] = (int64_t)floor(z * (double)r->in.U[i]);
		if (round_into_work(r, r->dmax, scaled)) {
			ro_lp_free(plp);
			return RO_ENOMEM;
		}
		ro_place_improve(&r->work, r->stop_at);
		if (ro_place_weight(&r->work) >= r->w_star) {
			ro_place_copy(&r->best, &r->work);
			hi = z;
			if (it == 0)
				break;
		} else {
			lo = z;
		}
		say(r, "peak: %.4f found, bound %.4f", hi, r->z_bound);
	}
	ro_lp_free(plp);
	/* keep the found plan's capacities while the rest improves it */
	r->best.cap = r->in.U;
	return RO_OK;
}

static double peak_of(const struct run *r, const struct ro_place *p)
{
	double m = 0;
	for (size_t i = 0; i < r->in.nlinks * (size_t)r->in.T; i++)
		if (r->in.U[i] > 0 && (double)p->load[i] / (double)r->in.U[i] > m)
			m = (double)p->load[i] / (double)r->in.U[i];
	return m;
}

/* Hands the class counts to clients, in id order, earliest start first. */
static void hand_out(const struct run *r, struct ro_plan *p)
{
	const struct ro_inst *in = &r->in;

	for (size_t i = 0; i < p->n; i++) {
		p->a[i].start = -1;
		p->a[i].trigger = 0;
		p->a[i].reason = in->client_cls[i] < 0 ? in->client_reason[i]
						       : RO_REASON_CAPACITY;
	}
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		int32_t m = 0;
		for (int32_t i = 0; i < k->ncand; i++) {
			const struct ro_cand *cd = &in->cand[k->cand_off + i];
			for (int32_t u = 0; u < r->best.cnt[k->cand_off + i]; u++) {
				struct ro_assign *a =
					&p->a[in->members[k->members_off + m++]];
				a->start = cd->s;
				a->trigger = cd->trig;
				a->reason = RO_REASON_NONE;
			}
		}
	}
}

static void set_stage(struct ro_plan *p, const char *name, bool max,
		      double value, double bound)
{
	struct ro_stage *st = &p->stages[p->nstages++];
	snprintf(st->name, sizeof st->name, "%s", name);
	st->maximise = max;
	st->value = value;
	st->has_bound = true;
	st->bound = bound;
}

static int check_opts(const struct ro_site *s, const struct ro_solve_opts *o,
		      struct ro_diag *d)
{
	if (!isfinite(o->time_limit) || o->time_limit < 0 ||
	    o->time_limit > 1e7) {
		ro_diag_add(d, NULL, 0, "time limit must be between 0 and 1e7 seconds");
		return RO_EARG;
	}
	if (!isfinite(o->gap) || o->gap < 0 || o->gap > 1) {
		ro_diag_add(d, NULL, 0, "gap must be a fraction between 0 and 1");
		return RO_EARG;
	}
	if (o->has_deadline && o->deadline < s->horizon.start) {
		ro_diag_add(d, NULL, 0, "deadline is before the horizon start");
		return RO_EARG;
	}
	if (o->mem_limit_mb < 0) {
		ro_diag_add(d, NULL, 0, "memory limit must not be negative");
		return RO_EARG;
	}
	return RO_OK;
}

int ro_solve(const struct ro_site *s, struct ro_expand *x,
	     const struct ro_solve_opts *o, struct ro_plan **out,
	     struct ro_diag *d)
{
	struct run r = { 0 };
	struct ro_plan *p = NULL;
	int64_t *scaled = NULL;
	int err;

	*out = NULL;
	if (!s || !x || !o || !d)
		return RO_EARG;
	if ((err = check_opts(s, o, d)))
		return err;
	r.site = s;
	r.o = o;
	r.d = d;
	r.t0 = ro_clock();
	r.stop_at = o->time_limit > 0 ? r.t0 + o->time_limit : 0;
	if ((err = ro_inst_build(&r.in, s, x, d)))
		return err;
	r.dmax = r.in.T;
	if (o->has_deadline) {
		int64_t dl = (o->deadline - s->horizon.start) / s->horizon.slot_min;
		if (dl < r.dmax)
			r.dmax = (int32_t)dl;
	}
	{
		size_t none = 0;
		for (size_t i = 0; i < r.in.nclients; i++)
			none += r.in.client_cls[i] < 0;
		say(&r, "model: %lld clients in %zu classes, %zu candidate "
		    "starts, %zu clients without any",
		    (long long)s->nclients_total, r.in.ncls, r.in.ncand, none);
	}
	err = RO_ENOMEM;
	r.y = ro_calloc(r.in.ncand ? r.in.ncand : 1, sizeof *r.y);
	scaled = ro_malloc((r.in.nlinks ? r.in.nlinks : 1) * (size_t)r.in.T *
			   sizeof *scaled);
	if (!r.y || !scaled ||
	    ro_place_init(&r.best, &r.in, r.in.U, r.dmax) ||
	    ro_place_init(&r.work, &r.in, r.in.U, r.dmax)) {
		ro_diag_add(d, NULL, 0, "out of memory");
		goto out;
	}
	if ((err = ro_lp_new(&r.lp, &r.in, r.in.U, r.dmax, false,
			     o->mem_limit_mb, d)))
		goto out;
	{
		int rows, cols;
		long nnz;
		ro_lp_size(r.lp, &rows, &cols, &nnz);
		say(&r, "program: %d rows, %d columns, %ld nonzeros", rows,
		    cols, nnz);
	}
	if ((err = stage_weight(&r)) || (err = refine_weight(&r)))
		goto out;
	if (o->write_lp || o->write_mps) {
		/* the exported model: least completion sum placing the weight
		 * found, by the deadline */
		if ((err = ro_lp_set_deadline(r.lp, r.dmax, d)) ||
		    (err = ro_lp_set_objective(r.lp, RO_LP_MIN_COMPLETION,
					       (double)r.w_star, d)) ||
		    (err = ro_lp_write(r.lp, o->write_lp, o->write_mps, d)))
			goto out;
	}
	if (o->objective == RO_OBJ_PEAK) {
		if ((err = stage_peak(&r, scaled)))
			goto out;
	} else {
		if ((err = stage_makespan(&r)) || (err = refine_makespan(&r)) ||
		    (err = stage_completion(&r)))
			goto out;
	}

	err = RO_ENOMEM;
	if (!(p = ro_plan_new(s)))
		goto out;
	hand_out(&r, p);
	set_stage(p, "placed-weight", true, (double)ro_place_weight(&r.best),
		  r.w_bound);
	if (o->objective == RO_OBJ_PEAK) {
		set_stage(p, "peak-utilisation", false, peak_of(&r, &r.best),
			  r.z_bound);
		snprintf(p->info.objective, sizeof p->info.objective, "peak");
	} else {
		set_stage(p, "makespan", false, ro_place_makespan(&r.best), r.d_lb);
		set_stage(p, "completion-sum", false,
			  (double)ro_place_completion_sum(&r.best), r.c_bound);
	}
	p->info.has_deadline = o->has_deadline;
	p->info.deadline = o->deadline;
	p->info.time_limit = o->time_limit;
	p->info.gap = o->gap;
	p->info.solve_seconds = ro_clock() - r.t0;
	p->status = RO_STATUS_OPTIMAL;
	for (int i = 0; i < p->nstages; i++) {
		double g = ro_stage_gap(&p->stages[i]);
		if (g > 1e-9)
			p->status = RO_STATUS_FEASIBLE;
	}
	if (r.interrupted)
		p->status = RO_STATUS_INTERRUPTED;
	else if (r.timed_out && p->status != RO_STATUS_OPTIMAL)
		p->status = RO_STATUS_TIME_LIMIT;

	/* never hand out a plan the independent check rejects */
	long bad = ro_verify(s, x, p, NULL, d);
	if (bad != 0) {
		if (bad > 0)
			ro_diag_add(d, NULL, 0, "internal error: the plan failed "
				    "verification (%ld violations)", bad);
		err = bad > 0 ? RO_EVERIFY : RO_ENOMEM;
		ro_plan_free(p);
		p = NULL;
		goto out;
	}
	say(&r, "done: %s", ro_status_name(p->status));
	*out = p;
	err = RO_OK;
out:
	ro_lp_free(r.lp);
	ro_place_release(&r.best);
	ro_place_release(&r.work);
	ro_free(r.y);
	ro_free(scaled);
	ro_inst_release(&r.in);
	return err;
}
