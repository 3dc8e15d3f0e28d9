/*
 * solve.c - the planner's stages (docs/solver.md).
 *
 * The classes are split into parts that share no capacity that could bind
 * (inst.c, ro_inst_components); each part is planned on its own, which
 * keeps every LP small.  Per part:
 *   1. greedy plan (repair from nothing, then moves to earlier starts); if
 *      it places every placeable client, stage 1 is optimal already;
 *      otherwise the weight LP (bound), rounding, repair, and for small
 *      programs branch-and-bound;
 *   2. makespan: only for the parts that can set the overall makespan,
 *      bisection on the deadline D: an LP restricted to starts ending by D
 *      that cannot carry the part's weight proves D + 1 a lower bound; one
 *      that can is rounded and repaired into a plan;
 * then, at the overall makespan D*, per part:
 *   3. completion sum: LP bound, two roundings, repair, moves;
 *   4. small programs: branch-and-bound seeded with the plan.
 * With --objective peak, stage 2 and 3 give way to the least peak
 * utilisation (LP bound, then bisection on scaled capacities).
 * The plan is handed to clients by id and verified independently
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

/* Parts up to this many columns go to branch-and-bound (measured: the
 * examples' parts close in well under a second; see docs/solver.md). */
#define MIP_MAX_COLS 20000

void ro_solve_opts_init(struct ro_solve_opts *o)
{
	memset(o, 0, sizeof *o);
	o->objective = RO_OBJ_LEXICOGRAPHIC;
	o->gap = 0;
}

/* One independent part of the site. */
struct part {
	struct ro_inst in;        /* a view of the full instance */
	struct ro_lp *lp;
	int32_t lp_deadline;      /* columns end by this */
	double *y;                /* LP solution, ncand */
	struct ro_place best, work;
	int64_t w_star;           /* weight of best */
	double w_bound;
	int32_t d_lb;             /* proven makespan lower bound */
	double c_bound;           /* proven completion-sum lower bound */
	double z_bound;           /* proven peak lower bound */
	int64_t *scaled;          /* scaled capacities (peak) */
};

struct run {
	const struct ro_site *site;
	const struct ro_solve_opts *o;
	struct ro_diag *d;
	struct ro_inst in;        /* the whole site */
	struct part *parts;
	int32_t nparts;
	int32_t cur;              /* part being solved, for messages */
	double t0, stop_at;
	double phase_end;         /* end of the current phase's share, 0: none */
	bool timed_out, interrupted;
	int32_t dmax;             /* deadline from options and horizon */
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
	if (r->nparts > 1 && r->cur >= 0)
		n += snprintf(line + n, sizeof line - (size_t)n, "part %d/%d: ",
			      (int)r->cur + 1, (int)r->nparts);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	r->o->progress(r->o->progress_ud, line);
}

/* An interrupt ends the solve like a time limit that has just run out:
 * every stage still to come (LPs, rounding, local moves) then takes
 * moments, and the plan in hand is verified and handed back. */
static void notice_interrupt(struct run *r)
{
	if (r->o->interrupt && *r->o->interrupt && !r->interrupted) {
		r->interrupted = true;
		r->stop_at = ro_clock();
	}
}

/* When the local moves must stop (0: never). */
static double stop_time(struct run *r)
{
	notice_interrupt(r);
	return r->stop_at;
}

static double remaining(struct run *r)
{
	notice_interrupt(r);
	if (r->stop_at <= 0)
		return 0;
	double end = r->phase_end > 0 && r->phase_end < r->stop_at
			     ? r->phase_end : r->stop_at;
	double left = end - ro_clock();
	return left > 0.001 ? left : 0.001;
}

/* Whether the current phase has used its share of the time limit. */
static bool phase_over(struct run *r)
{
	return r->phase_end > 0 && ro_clock() >= r->phase_end;
}

static bool must_stop(struct run *r)
{
	notice_interrupt(r);
	if (r->interrupted)
		return true;
	if (r->stop_at > 0 && ro_clock() >= r->stop_at) {
		r->timed_out = true;
		return true;
	}
	return false;
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

/* LP of part pt at deadline D with objective obj. */
static int lp_at(struct run *r, struct part *pt, int32_t D,
		 enum ro_lp_obj obj, double floor, enum ro_lp_result *res,
		 double *val)
{
	int err;

	if (!pt->lp) {
		/* time ran out before this part had its program */
		*res = RO_LP_TIMEOUT;
		*val = 0;
		return RO_OK;
	}
	if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
	    (err = ro_lp_set_objective(pt->lp, obj, floor, r->d)))
		return err;
	err = ro_lp_solve(pt->lp, remaining(r), res, val, pt->y, r->d);
	if (!err && *res == RO_LP_TIMEOUT && !must_stop(r))
		r->timed_out = true;   /* GLPK's own clock ran out first */
	return err;
}

/* Integer plan into pt->work from the LP solution: round, then repair. */
static int round_into_work(struct part *pt, int32_t D, const int64_t *cap,
			   bool timed)
{
	int err;

	ro_place_clear(&pt->work);
	pt->work.deadline = D;
	pt->work.cap = cap;
	err = timed ? ro_place_round_timed(&pt->work, pt->y)
		    : ro_place_round(&pt->work, pt->y);
	return err ? err : ro_place_repair(&pt->work, pt->y);
}

static void keep_if_better(struct part *pt)
{
	if (better(&pt->work, &pt->best))
		ro_place_copy(&pt->best, &pt->work);
	pt->w_star = ro_place_weight(&pt->best);
}

static void mip_progress(void *ud, double inc, double bound, bool has)
{
	struct run *r = ud;
	if (has)
		say(r, "branch-and-bound: incumbent %.0f, bound %.2f", inc, bound);
	else
		say(r, "branch-and-bound: no incumbent yet, bound %.2f", bound);
}

static bool small_program(const struct part *pt)
{
	int rows, cols;
	long nnz;
	if (!pt->lp)
		return false;
	ro_lp_size(pt->lp, &rows, &cols, &nnz);
	return cols <= MIP_MAX_COLS;
}

/* An integer solution y of the MIP into pt->work, then kept if better. */
static void take_mip_solution(struct part *pt, int32_t D)
{
	ro_place_clear(&pt->work);
	pt->work.deadline = D;
	pt->work.cap = pt->in.U;
	for (size_t c = 0; c < pt->in.ncls; c++) {
		const struct ro_cls *k = &pt->in.cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			int32_t v = (int32_t)llround(pt->y[j]);
			if (v <= 0)
				continue;
			int32_t room = ro_place_room(&pt->work, (int32_t)c, j);
			ro_place_add(&pt->work, (int32_t)c, j, v < room ? v : room);
		}
	}
	ro_place_repair(&pt->work, NULL);
	keep_if_better(pt);
}

/* Stage 1 for a part the greedy plan did not fully place. */
static int stage_weight(struct run *r, struct part *pt)
{
	enum ro_lp_result res;
	double val, obj, bound;
	int err;

	err = lp_at(r, pt, r->dmax, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL) {
		pt->w_bound = floor(val + 1e-6);
		for (int timed = 0; timed < 2; timed++) {
			if ((err = round_into_work(pt, r->dmax, pt->in.U, timed)))
				return err;
			keep_if_better(pt);
		}
	}
	say(r, "weight: placed %lld of bound %.0f", (long long)pt->w_star,
	    pt->w_bound);
	if ((double)pt->w_star >= pt->w_bound || !small_program(pt) ||
	    must_stop(r))
		return RO_OK;
	if ((err = ro_lp_set_deadline(pt->lp, r->dmax, r->d)) ||
	    (err = ro_lp_set_objective(pt->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
		return err;
	say(r, "weight: branch-and-bound to close %.0f",
	    pt->w_bound - (double)pt->w_star);
	err = ro_lp_mip(pt->lp, pt->best.cnt, remaining(r), 0, r->o->interrupt,
			mip_progress, r, &res, &obj, &bound, pt->y, r->d);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		take_mip_solution(pt, r->dmax);
	if (res == RO_LP_OPTIMAL)
		pt->w_bound = (double)pt->w_star;
	else
		pt->w_bound = fmin(pt->w_bound, floor(bound + 1e-6));
	return RO_OK;
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
	if (res == RO_LP_INFEASIBLE || val < (double)pt->w_star - 1e-6)
		return -1;
	/* steer the rounding by the cheapest-completion solution at D */
	*err = lp_at(r, pt, D, RO_LP_MIN_COMPLETION, (double)pt->w_star, &res,
		     &val);
	if (!*err && res != RO_LP_OPTIMAL)
		*err = lp_at(r, pt, D, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (*err || (*err = round_into_work(pt, D, pt->in.U, true)))
		return 0;
	ro_place_improve(&pt->work, stop_time(r));
	return ro_place_weight(&pt->work) >= pt->w_star ? 1 : 0;
}

/* Stage 2: bisection on the deadline, down to `floor` (a makespan some
 * other part needs anyway: going below it gains nothing). */
static int stage_makespan(struct run *r, struct part *pt, int32_t floor_d)
{
	int32_t hi = ro_place_makespan(&pt->best), lo = hi;
	int err = RO_OK;

	if (hi == 0) {
		pt->d_lb = 0;
		return RO_OK;
	}
	/* nothing ends before the earliest candidate end */
	for (size_t j = 0; j < pt->in.ncand; j++)
		if (pt->in.cand[j].e < lo)
			lo = pt->in.cand[j].e;
	pt->d_lb = lo;
	if (lo < floor_d)
		lo = floor_d;
	while (lo < hi && !must_stop(r) && !phase_over(r)) {
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
		say(r, "makespan: %d slots found, bound %d", (int)hi,
		    (int)pt->d_lb);
	}
	/* small programs: is there a plan one slot shorter? */
	while (pt->d_lb < hi && hi > floor_d && small_program(pt) &&
	       !phase_over(r) && !must_stop(r)) {
		int32_t D = hi - 1;
		enum ro_lp_result res;
		double obj, bound;
		double w = (double)pt->w_star - 1e-6;

		if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
		    (err = ro_lp_set_objective(pt->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
			return err;
		say(r, "makespan: branch-and-bound at %d slots", (int)D);
		err = ro_lp_mip(pt->lp, NULL, remaining(r), 0, r->o->interrupt,
				mip_progress, r, &res, &obj, &bound, pt->y, r->d);
		if (err)
			return err;
		if ((res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) && obj >= w) {
			take_mip_solution(pt, D);
			hi = ro_place_makespan(&pt->best);
		} else if (res == RO_LP_INFEASIBLE ||
			   (res == RO_LP_OPTIMAL && obj < w) || bound < w) {
			pt->d_lb = D + 1;
		} else {
			break;   /* time ran out */
		}
	}
	if (pt->d_lb > hi)
		pt->d_lb = hi;
	return RO_OK;
}

/* Stage 3: the least sum of completions by the overall makespan D. */
static int stage_completion(struct run *r, struct part *pt, int32_t D)
{
	enum ro_lp_result res;
	double val;
	int err;

	pt->c_bound = 0;
	if (ro_place_makespan(&pt->best) == 0)
		return RO_OK;
	pt->best.deadline = D;
	err = lp_at(r, pt, D, RO_LP_MIN_COMPLETION, (double)pt->w_star, &res,
		    &val);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL) {
		pt->c_bound = ceil(val - 1e-6);
		for (int timed = 0; timed < 2; timed++) {
			if ((err = round_into_work(pt, D, pt->in.U, timed)))
				return err;
			ro_place_improve(&pt->work, stop_time(r));
			if (ro_place_weight(&pt->work) >= pt->w_star)
				keep_if_better(pt);
		}
	}
	ro_place_improve(&pt->best, stop_time(r));
	say(r, "completion: %lld, bound %.0f",
	    (long long)ro_place_completion_sum(&pt->best), pt->c_bound);
	return RO_OK;
}

/* Branch-and-bound on what gap stage 3 left in a part, for at most
 * `budget` seconds (0: no limit). */
static int refine_completion(struct run *r, struct part *pt, int32_t D,
			     double budget)
{
	enum ro_lp_result res;
	double obj, bound;
	int err;

	if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
	    (err = ro_lp_set_objective(pt->lp, RO_LP_MIN_COMPLETION,
				       (double)pt->w_star, r->d)))
		return err;
	say(r, "completion: branch-and-bound for %.1f s", budget);
	err = ro_lp_mip(pt->lp, pt->best.cnt, budget, r->o->gap,
			r->o->interrupt, mip_progress, r, &res, &obj, &bound,
			pt->y, r->d);
	if (err)
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		take_mip_solution(pt, D);
	if (res == RO_LP_OPTIMAL && r->o->gap <= 0)
		pt->c_bound = (double)ro_place_completion_sum(&pt->best);
	else if (bound > pt->c_bound)
		pt->c_bound = ceil(bound - 1e-6);
	if (res != RO_LP_OPTIMAL && !must_stop(r) && r->stop_at > 0)
		r->timed_out = true;   /* its share of the time ran out */
	return RO_OK;
}

static bool completion_open(const struct part *pt)
{
	return (double)ro_place_completion_sum(&pt->best) > pt->c_bound &&
	       small_program(pt);
}

/* Peak objective for a part: the least highest utilisation. */
static int stage_peak(struct run *r, struct part *pt)
{
	struct ro_lp *plp = NULL;
	enum ro_lp_result res;
	double val, lo, hi = 1;
	size_t lt = pt->in.nlinks * (size_t)pt->in.T;
	int err;

	pt->scaled = ro_malloc((lt ? lt : 1) * sizeof *pt->scaled);
	if (!pt->scaled)
		return RO_ENOMEM;
	err = ro_lp_new(&plp, &pt->in, pt->in.U, r->dmax, true,
			r->o->mem_limit_mb, r->d);
	if (err)
		return err;
	err = ro_lp_set_objective(plp, RO_LP_MIN_PEAK, (double)pt->w_star, r->d);
	if (!err)
		err = ro_lp_solve(plp, remaining(r), &res, &val, pt->y, r->d);
	ro_lp_free(plp);
	if (err)
		return err;
	lo = res == RO_LP_OPTIMAL ? val : 0;
	pt->z_bound = lo;
	say(r, "peak: LP bound %.4f", lo);
	/* bisection on capacities scaled to floor(z U) */
	for (int it = 0; it < 20 && hi - lo > 1e-4 && !must_stop(r); it++) {
		double z = it == 0 ? lo : (lo + hi) / 2;
		for (size_t i = 0; i < lt; i++)
			pt->scaled[i] = (int64_t)floor(z * (double)pt->in.U[i]);
		if ((err = round_into_work(pt, r->dmax, pt->scaled, false)))
			return err;
		ro_place_improve(&pt->work, stop_time(r));
		if (ro_place_weight(&pt->work) >= pt->w_star) {
			ro_place_copy(&pt->best, &pt->work);
			hi = z;
			if (it == 0)
				break;
		} else {
			lo = z;
		}
		say(r, "peak: %.4f found, bound %.4f", hi, pt->z_bound);
	}
	pt->best.cap = pt->in.U;
	return RO_OK;
}

static double peak_of(const struct part *pt)
{
	const struct ro_inst *in = &pt->in;
	double m = 0;
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (pt->best.load[i] > 0 && in->U[i] > 0 &&
		    (double)pt->best.load[i] / (double)in->U[i] > m)
			m = (double)pt->best.load[i] / (double)in->U[i];
	return m;
}

/* Greedy start: repair from nothing, then move to earlier starts. */
static int part_greedy(struct run *r, struct part *pt)
{
	int err;

	if ((err = ro_place_init(&pt->best, &pt->in, pt->in.U, r->dmax)) ||
	    (err = ro_place_init(&pt->work, &pt->in, pt->in.U, r->dmax)))
		return err;
	pt->y = ro_calloc(pt->in.ncand ? pt->in.ncand : 1, sizeof *pt->y);
	if (!pt->y)
		return RO_ENOMEM;
	if ((err = ro_place_repair(&pt->best, NULL)))
		return err;
	ro_place_improve(&pt->best, stop_time(r));
	pt->w_star = ro_place_weight(&pt->best);
	pt->w_bound = (double)pt->in.weight_placeable;
	return RO_OK;
}

static bool part_full(const struct part *pt)
{
	return (double)pt->w_star >= pt->w_bound;
}

static int32_t full_parts(const struct run *r)
{
	int32_t n = 0;
	for (int32_t i = 0; i < r->nparts; i++)
		n += part_full(&r->parts[i]);
	return n;
}

static void part_release(struct part *pt)
{
	ro_lp_free(pt->lp);
	ro_place_release(&pt->best);
	ro_place_release(&pt->work);
	ro_free(pt->y);
	ro_free(pt->scaled);
	ro_inst_release(&pt->in);
}

/* Splits the instance into parts. */
static int make_parts(struct run *r)
{
	const struct ro_inst *in = &r->in;
	int32_t *comp = ro_malloc((in->ncls ? in->ncls : 1) * sizeof *comp);
	int32_t *list = ro_malloc((in->ncls ? in->ncls : 1) * sizeof *list);
	int32_t n = 0;
	int err = RO_ENOMEM;

	if (!comp || !list)
		goto out;
	if ((err = ro_inst_components(in, r->dmax, comp, &n)))
		goto out;
	err = RO_ENOMEM;
	r->parts = ro_calloc(n ? (size_t)n : 1, sizeof *r->parts);
	if (!r->parts)
		goto out;
	r->nparts = n;
	for (int32_t k = 0; k < n; k++) {
		size_t m = 0;
		for (size_t c = 0; c < in->ncls; c++)
			if (comp[c] == k)
				list[m++] = (int32_t)c;
		if ((err = ro_inst_subset(in, list, m, &r->parts[k].in)))
			goto out;
	}
	err = RO_OK;
out:
	ro_free(comp);
	ro_free(list);
	return err;
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
	for (int32_t k = 0; k < r->nparts; k++) {
		const struct part *pt = &r->parts[k];
		for (size_t c = 0; c < pt->in.ncls; c++) {
			const struct ro_cls *cl = &pt->in.cls[c];
			int32_t m = 0;
			for (int32_t i = 0; i < cl->ncand; i++) {
				const struct ro_cand *cd = &pt->in.cand[cl->cand_off + i];
				for (int32_t u = 0; u < pt->best.cnt[cl->cand_off + i]; u++) {
					struct ro_assign *a =
						&p->a[in->members[cl->members_off + m++]];
					a->start = cd->s;
					a->trigger = cd->trig;
					a->reason = RO_REASON_NONE;
				}
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

/* Stages 1 and 2 of every part, then stage 3 at the overall makespan. */
static int plan_parts(struct run *r)
{
	int32_t d_ub = 0, d_star = 0, lb = 0;
	int err;

	for (r->cur = 0; r->cur < r->nparts; r->cur++) {
		struct part *pt = &r->parts[r->cur];
		if ((err = part_greedy(r, pt)))
			return err;
		if (part_full(pt) && ro_place_makespan(&pt->best) > d_ub)
			d_ub = ro_place_makespan(&pt->best);
	}
	r->cur = -1;
	if (d_ub > 0)
		say(r, "greedy: %d parts, every client placed in %d of them, "
		    "makespan at most %d slots", (int)r->nparts,
		    (int)full_parts(r), (int)d_ub);
	else
		say(r, "greedy: %d parts, none fully placed yet",
		    (int)r->nparts);
	for (r->cur = 0; r->cur < r->nparts; r->cur++) {
		struct part *pt = &r->parts[r->cur];
		/* a fully placed part never needs a start ending after the
		 * greedy makespan of the whole site */
		pt->lp_deadline = part_full(pt) ? d_ub : r->dmax;
		/* out of time: the part keeps its greedy plan and the bounds
		 * that need no LP (building one takes seconds at scale) */
		if (must_stop(r))
			continue;
		if ((err = ro_lp_new(&pt->lp, &pt->in, pt->in.U, pt->lp_deadline,
				     false, r->o->mem_limit_mb, r->d)))
			return err;
		if (!part_full(pt) && (err = stage_weight(r, pt)))
			return err;
		if (ro_place_makespan(&pt->best) > d_ub)
			d_ub = ro_place_makespan(&pt->best);
	}
	if (r->o->objective == RO_OBJ_PEAK) {
		for (r->cur = 0; r->cur < r->nparts; r->cur++)
			if ((err = stage_peak(r, &r->parts[r->cur])))
				return err;
		r->cur = -1;
		return RO_OK;
	}
	/* the parts that end last set the makespan: bisect those, longest
	 * first; a part already within the proven bound needs no more */
	for (int32_t pass = 0; pass < r->nparts; pass++) {
		int32_t k = -1;
		for (int32_t i = 0; i < r->nparts; i++) {
			struct part *pt = &r->parts[i];
			if (pt->d_lb == 0 && ro_place_makespan(&pt->best) > 0 &&
			    (k < 0 || ro_place_makespan(&pt->best) >
					      ro_place_makespan(&r->parts[k].best)))
				k = i;
		}
		if (k < 0)
			break;
		r->cur = k;
		struct part *pt = &r->parts[k];
		if (ro_place_makespan(&pt->best) <= lb) {
			pt->d_lb = -1;   /* not needed: below the bound */
			continue;
		}
		/* the makespan gets at most half of the time limit, so that
		 * the completion stage always has its LP */
		if (r->stop_at > 0)
			r->phase_end = r->t0 + (r->stop_at - r->t0) / 2;
		err = stage_makespan(r, pt, lb);
		r->phase_end = 0;
		if (err)
			return err;
		if (pt->d_lb > lb)
			lb = pt->d_lb;
	}
	for (int32_t i = 0; i < r->nparts; i++)
		if (ro_place_makespan(&r->parts[i].best) > d_star)
			d_star = ro_place_makespan(&r->parts[i].best);
	for (r->cur = 0; r->cur < r->nparts; r->cur++) {
		struct part *pt = &r->parts[r->cur];
		if (pt->d_lb < 0)
			pt->d_lb = 0;
		if ((err = stage_completion(r, pt, d_star)))
			return err;
	}
	/* the time left goes to branch-and-bound, shared evenly by the parts
	 * that still have a gap */
	int32_t open = 0;
	for (int32_t i = 0; i < r->nparts; i++)
		open += completion_open(&r->parts[i]);
	for (r->cur = 0; r->cur < r->nparts && !must_stop(r); r->cur++) {
		struct part *pt = &r->parts[r->cur];
		if (!completion_open(pt))
			continue;
		double budget = r->stop_at > 0 ? remaining(r) / open : 0;
		open--;
		if ((err = refine_completion(r, pt, d_star, budget)))
			return err;
	}
	r->cur = -1;
	return RO_OK;
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
	if ((err = check_opts(s, o, d)))
		return err;
	r.site = s;
	r.o = o;
	r.d = d;
	r.cur = -1;
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
	if ((err = make_parts(&r)) || (err = plan_parts(&r)))
		goto out;
	if (o->write_lp || o->write_mps) {
		/* the exported model: the whole site as one program, least
		 * completion sum placing the weight found, by the deadline */
		struct ro_lp *lp = NULL;
		int64_t w = 0;
		for (int32_t k = 0; k < r.nparts; k++)
			w += r.parts[k].w_star;
		err = ro_lp_new(&lp, &r.in, r.in.U, r.dmax, false,
				o->mem_limit_mb, d);
		if (!err)
			err = ro_lp_set_objective(lp, RO_LP_MIN_COMPLETION,
						  (double)w, d);
		if (!err)
			err = ro_lp_write(lp, o->write_lp, o->write_mps, d);
		ro_lp_free(lp);
		if (err)
			goto out;
	}

	err = RO_ENOMEM;
	if (!(p = ro_plan_new(s)))
		goto out;
	hand_out(&r, p);
	{
		double w = 0, wb = 0, c = 0, cb = 0, zb = 0, z = 0;
		int32_t m = 0, mb = 0;
		for (int32_t k = 0; k < r.nparts; k++) {
			const struct part *pt = &r.parts[k];
			int32_t pm = ro_place_makespan(&pt->best);
			w += (double)ro_place_weight(&pt->best);
			wb += pt->w_bound;
			c += (double)ro_place_completion_sum(&pt->best);
			cb += pt->c_bound;
			m = pm > m ? pm : m;
			mb = pt->d_lb > mb ? pt->d_lb : mb;
			zb = fmax(zb, pt->z_bound);
			z = fmax(z, peak_of(pt));
		}
		set_stage(p, "placed-weight", true, w, wb);
		if (o->objective == RO_OBJ_PEAK) {
			set_stage(p, "peak-utilisation", false, z, zb);
			snprintf(p->info.objective, sizeof p->info.objective,
				 "peak");
		} else {
			set_stage(p, "makespan", false, m, mb);
			set_stage(p, "completion-sum", false, c, cb);
		}
	}
	p->info.has_deadline = o->has_deadline;
	p->info.deadline = o->deadline;
	p->info.time_limit = o->time_limit;
	p->info.gap = o->gap;
	p->info.solve_seconds = ro_clock() - r.t0;
	p->status = RO_STATUS_OPTIMAL;
	for (int i = 0; i < p->nstages; i++)
		if (ro_stage_gap(&p->stages[i]) > 1e-9)
			p->status = RO_STATUS_FEASIBLE;
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
	for (int32_t k = 0; k < r.nparts; k++)
		part_release(&r.parts[k]);
	ro_free(r.parts);
	ro_inst_release(&r.in);
	return err;
}
