/*
 * solve.c - the planner's stages (docs/solver.md).
 *
 * The classes are split into parts that share no capacity that could bind,
 * or share it only with minor users (inst.c, ro_inst_components).  Each
 * part is planned on its own against what the other parts leave of the
 * resources they share (checkout / checkin below), which keeps every LP
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
 */
#include "solve.h"
#include "sms.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/verify.h"
#include "clock.h"
#include "inst.h"
#include "lp.h"
#include "place.h"
#include "polish.h"

/* Parts up to this many columns go to branch-and-bound (measured: the
 * examples' parts close in well under a second; see docs/solver.md). */
#define MIP_MAX_COLS 20000

/* Components up to this many candidate starts are planned whole, not
 * split by minor users (inst.h): the examples keep their exact optimum,
 * and such a program still solves in a second or two. */
#define SPLIT_MIN 20000

/* Shares of the time limit at which phases 1, 2 and 3 give way to the
 * next (docs/solver.md, "Time"). */
#define SHARE_WEIGHT 0.25
#define SHARE_MAKESPAN 0.45
#define SHARE_COMPLETION 0.85

void ro_solve_opts_init(struct ro_solve_opts *o)
{
	memset(o, 0, sizeof *o);
	o->objective = RO_OBJ_LEXICOGRAPHIC;
	o->gap = 0;
	o->control = -1;
}

/* One part of the site. */
struct part {
	struct ro_inst in;        /* a view: its classes, links and CAPs */
	struct ro_lp *lp;         /* only while a phase works on the part */
	double *y;                /* LP solution, ncand */
	struct ro_place best, work;
	/* what the other parts leave: link, CAP and reboot capacities */
	int64_t *resU;
	int32_t *resM, *resR;
	int64_t w_star;           /* weight of best */
	/* the least weight this part has in any plan as heavy as ours: its
	 * bound less the whole shortfall of the site (set after phase 1).
	 * The bounds of the later stages hold for plans of this weight, so
	 * for every plan of our weight, however the parts share it. */
	int64_t w_floor;
	int64_t c_val;            /* completion sum of best (at checkin) */
	int32_t m_val;            /* makespan of best (at checkin) */
	double w_bound;
	int32_t d_lb;             /* proven makespan lower bound */
	double c_bound;           /* proven completion-sum lower bound */
	double z_bound;           /* proven peak lower bound */
	bool c_done;              /* completion stage closed or given up */
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
	int32_t d_floor;          /* a makespan some part needs anyway */
	double last_say;
	/* what the parts' best plans use of the resources that several parts
	 * share (site indices): links, CAPs, reboots by segment */
	int32_t *nuse_link, *nuse_srv;
	int64_t *gload;
	int32_t *gsrv, *grb;
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
	r->last_say = ro_clock();
	n = snprintf(line, sizeof line, "[%7.2fs] ", r->last_say - r->t0);
	if (r->nparts > 1 && r->cur >= 0)
		n += snprintf(line + n, sizeof line - (size_t)n, "part %d/%d: ",
			      (int)r->cur + 1, (int)r->nparts);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	r->o->progress(r->o->progress_ud, line);
}

/* Whether a progress line is due (at most one a second in long loops). */
static bool say_due(const struct run *r)
{
	return r->o->progress && ro_clock() - r->last_say >= 1.0;
}

static double rel_gap(double value, double bound, bool maximise)
{
	double diff = maximise ? bound - value : value - bound;
	double base = fabs(maximise ? bound : value);
	if (diff <= 0 || base == 0)
		return 0;
	return 100.0 * diff / base;
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
	if (r->phase_end > 0 && (r->stop_at <= 0 || r->phase_end < r->stop_at))
		return r->phase_end;
	return r->stop_at;
}

static double remaining(struct run *r)
{
	double end = stop_time(r);
	if (end <= 0)
		return 0;
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

static void set_phase(struct run *r, double share)
{
	r->phase_end = r->stop_at > 0 ? r->t0 + (r->stop_at - r->t0) * share : 0;
}

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
		}
	}
	for (size_t k = 0; k < in->nservers; k++) {
		size_t g = (size_t)in->server_of[k];
		if (r->nuse_srv[g] < 2)
			continue;
		for (int32_t t = 0; t < T; t++)
			r->gsrv[g * T + t] += sign * pt->best.srv[k * T + t];
	}
}

static int32_t left_over(int32_t cap, int32_t used)
{
	if (cap == RO_UNLIMITED)
		return cap;
	return cap > used ? cap - used : 0;
}

static void checkout(struct run *r, struct part *pt)
{
	const struct ro_inst *in = &pt->in;
	const int32_t T = in->T;

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
		}
	}
	for (size_t k = 0; k < in->nservers; k++) {
		size_t g = (size_t)in->server_of[k];
		if (r->nuse_srv[g] < 2)
			continue;
		for (int32_t t = 0; t < T; t++)
			pt->resM[k * T + t] = left_over(in->M[k * T + t],
							r->gsrv[g * T + t]);
	}
}

static void checkin(struct run *r, struct part *pt)
{
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

/* The part's LP with columns ending by deadline and rows valid for all
 * starts ending by rows_dl, built on demand. */
static int need_lp_form(struct run *r, struct part *pt, int32_t deadline,
			int32_t rows_dl, enum ro_lp_form form)
{
	if (pt->lp)
		return RO_OK;
	struct ro_lp_spec sp = { pt->in.U, deadline, rows_dl, form,
				 r->o->mem_limit_mb };
	int e = ro_lp_new(&pt->lp, &pt->in, &sp, r->d);
	return e;
}

/* Which program each stage uses (measured on the examples and the bench
 * ladder, docs/solver.md "Forms"): the pattern rows pay for themselves in
 * the completion LP, whose bound and rounding they make (10k clients:
 * gap 1.6 % with knapsack and count rows, 0.24 % with patterns); the
 * weight and makespan LPs only need feasibility and do not; and GLPK's MIR
 * cuts close the knapsack form faster in branch-and-bound (examples/
 * midsize.xml: 0.9 s against 2.8 s to optimality). */
#define FORM_PROBE RO_LP_KNAPSACK
#define FORM_WEIGHT RO_LP_KNAPSACK
#define FORM_COMPLETION RO_LP_PATTERNS
#define FORM_MIP RO_LP_KNAPSACK

static int need_lp(struct run *r, struct part *pt, int32_t deadline)
{
	return need_lp_form(r, pt, deadline, deadline, FORM_PROBE);
}

static void drop_lp(struct part *pt)
{
	ro_lp_free(pt->lp);
	pt->lp = NULL;
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
	err = ro_lp_solve(pt->lp, remaining(r), res, val, pt->y, r->d);
	if (!err && *res == RO_LP_TIMEOUT && !must_stop(r))
		r->timed_out = true;   /* GLPK's own clock ran out first */
	return err;
}

/* The LP of a part with objective obj over the starts ending by D, by
 * column generation: the program holds every row up to D, but only the
 * columns of a restricted master are free (the starts the part's plan
 * uses, and a sample of those ending by its makespan); after each LP the
 * reduced costs of all others (ro_lp_reduced_costs) tell which would
 * improve it, and those are freed, until none would: then the LP optimum
 * is the optimum over every start by D.  The time-indexed LPs use few of
 * their columns, and this keeps the simplex on those. */
static int solve_lp(struct run *r, struct part *pt, enum ro_lp_obj obj,
		    double floor_w, int32_t D, enum ro_lp_form form,
		    enum ro_lp_result *res, double *val)
{
	const struct ro_inst *in = &pt->in;
	int32_t dl = ro_place_makespan(&pt->best);
	uint8_t *on = ro_mallocarray(in->ncand, sizeof *on);
	double *rc = ro_mallocarray(in->ncand, sizeof *rc);
	int err = RO_ENOMEM;

	if (!on || !rc)
		goto out;
	int32_t own = dl;
	if (dl > D || dl == 0)
		dl = D;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			on[j] = pt->best.cnt[j] > 0 ||
				(in->cand[j].e <= own && (i < 4 || i % 4 == 0));
		}
	}
	for (;;) {
		drop_lp(pt);
		if ((err = need_lp_form(r, pt, dl, D, form)) ||
		    (err = ro_lp_set_objective(pt->lp, obj, floor_w, r->d)))
			goto out;
		int32_t later = 0;
		for (;;) {
			if ((err = ro_lp_set_columns(pt->lp, on, r->d)))
				goto out;
			err = ro_lp_solve(pt->lp, remaining(r), res, val, pt->y, r->d);
			if (err)
				goto out;
			if (*res == RO_LP_TIMEOUT && !must_stop(r))
				r->timed_out = true;
			if (*res != RO_LP_OPTIMAL)
				goto done;
			if ((err = ro_lp_reduced_costs(pt->lp, rc, r->d)))
				goto out;
			size_t added = 0;
			for (size_t j = 0; j < in->ncand; j++) {
				if (on[j] || in->cand[j].e > D || rc[j] >= -1e-7)
					continue;
				on[j] = 1;
				added += in->cand[j].e <= dl;
			}
			if (!added)
				break;
		}
		/* chosen starts the program does not hold yet */
		for (size_t j = 0; j < in->ncand; j++)
			if (on[j] && in->cand[j].e > dl && in->cand[j].e > later)
				later = in->cand[j].e;
		if (!later)
			break;
		/* a start after the program's slots would help: a longer
		 * program, keeping the columns found so far */
		dl += dl / 8 + 4;
		if (dl < later)
			dl = later;
		if (dl > D)
			dl = D;
	}
done:
	err = RO_OK;
out:
	ro_free(on);
	ro_free(rc);
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

static void keep_if_better(struct run *r, struct part *pt)
{
	if (better(&pt->work, &pt->best, r->d_floor))
		ro_place_copy(&pt->best, &pt->work);
	pt->w_star = ro_place_weight(&pt->best);
}

static void mip_progress(void *ud, double inc, double bound, bool has)
{
	struct run *r = ud;
	if (has)
		say(r, "branch-and-bound: incumbent %.0f, bound %.2f, gap %.2f %%",
		    inc, bound, rel_gap(inc, bound, false));
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
static void take_mip_solution(struct run *r, struct part *pt, int32_t D)
{
	ro_place_clear(&pt->work);
	pt->work.deadline = D;
	pt->work.cap = pt->resU;
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
	keep_if_better(r, pt);
}

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

/* Stage 1 for a part the greedy plan did not fully place. */
static int stage_weight(struct run *r, struct part *pt)
{
	enum ro_lp_result res;
	double val, obj, bound;
	int err;

	if ((err = solve_lp(r, pt, RO_LP_MAX_WEIGHT, 0, r->dmax, FORM_WEIGHT, &res, &val)))
		return err;
	if (res == RO_LP_OPTIMAL) {
		pt->w_bound = floor(val + 1e-6);
		for (int timed = 0; timed < 2; timed++) {
			if ((err = round_into_work(pt, r->dmax, pt->resU, timed)))
				return err;
			keep_if_better(r, pt);
		}
	}
	if ((double)pt->w_star >= pt->w_bound || !small_program(pt) ||
	    must_stop(r) || phase_over(r))
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
		take_mip_solution(r, pt, r->dmax);
	if (res != RO_LP_TIMEOUT && res != RO_LP_INFEASIBLE)
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
	if (res == RO_LP_INFEASIBLE || val < (double)pt->w_floor - 1e-6)
		return -1;
	if (val < (double)pt->w_star - 1e-6)
		return 0;
	/* steer the rounding by the cheapest-completion solution at D */
	*err = lp_at(r, pt, D, RO_LP_MIN_COMPLETION, (double)pt->w_star, &res,
		     &val);
	if (!*err && res != RO_LP_OPTIMAL)
		*err = lp_at(r, pt, D, RO_LP_MAX_WEIGHT, 0, &res, &val);
	if (*err || (*err = round_into_work(pt, D, pt->resU, true)))
		return 0;
	ro_place_improve(&pt->work, stop_time(r));
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
		double wf = (double)pt->w_floor - 1e-6;

		if ((err = ro_lp_set_deadline(pt->lp, D, r->d)) ||
		    (err = ro_lp_set_objective(pt->lp, RO_LP_MAX_WEIGHT, 0, r->d)))
			return err;
		say(r, "makespan: branch-and-bound at %d slots", (int)D);
		err = ro_lp_mip(pt->lp, NULL, remaining(r), 0, r->o->interrupt,
				mip_progress, r, &res, &obj, &bound, pt->y, r->d);
		if (err)
			return err;
		if ((res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) && obj >= w) {
			take_mip_solution(r, pt, D);
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
		if ((err = solve_lp(r, pt, RO_LP_MIN_COMPLETION,
				    (double)pt->w_floor, D, FORM_COMPLETION, &res,
				    &val)))
			return err;
		if (res == RO_LP_OPTIMAL && ceil(val - 1e-6) > pt->c_bound)
			pt->c_bound = ceil(val - 1e-6);
	}
	if ((err = solve_lp(r, pt, RO_LP_MIN_COMPLETION, (double)pt->w_star, D,
			    FORM_COMPLETION, &res, &val)))
		return err;
	if (res == RO_LP_OPTIMAL) {
		if (pt->w_floor >= pt->w_star && ceil(val - 1e-6) > pt->c_bound)
			pt->c_bound = ceil(val - 1e-6);
		for (int timed = 0; timed < 2; timed++) {
			if ((err = round_into_work(pt, D, pt->resU, timed)))
				return err;
			ro_place_improve(&pt->work, stop_time(r));
			if (ro_place_weight(&pt->work) >= pt->w_star)
				keep_if_better(r, pt);
		}
	}
	ro_place_improve(&pt->best, stop_time(r));
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
	drop_lp(pt);
	if ((err = need_lp_form(r, pt, D, D, f)))
		return err;
	if (!small_program(pt)) {
		pt->c_done = true;
		return RO_OK;
	}
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
		take_mip_solution(r, pt, D);
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
	    !must_stop(r)) {
		double left = budget > 0 ? budget - (ro_clock() - t0) : 0;
		if (budget <= 0 || left > 0.01)
			err = mip_completion(r, pt, D, FORM_COMPLETION, left,
					     &closed);
	}
	if (!err && !closed && completion_open(pt) && !must_stop(r) &&
	    r->stop_at > 0)
		r->timed_out = true;   /* its share of the time ran out */
	return err;
}

static double peak_of_place(const struct ro_inst *in, const struct ro_place *p)
{
	double m = 0;
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (p->load[i] > 0 && in->U[i] > 0 &&
		    (double)p->load[i] / (double)in->U[i] > m)
			m = (double)p->load[i] / (double)in->U[i];
	return m;
}

static double peak_of(const struct part *pt)
{
	return peak_of_place(&pt->in, &pt->best);
}

/* The min-peak LP of a part placing weight w: its value, y its solution. */
static int peak_lp(struct run *r, struct part *pt, int64_t w, double *val,
		   bool *ok)
{
	struct ro_lp *plp = NULL;
	enum ro_lp_result res;
	struct ro_lp_spec sp = { pt->in.U, r->dmax, r->dmax, RO_LP_PEAK,
				 r->o->mem_limit_mb };
	int err = ro_lp_new(&plp, &pt->in, &sp, r->d);

	if (!err)
		err = ro_lp_set_objective(plp, RO_LP_MIN_PEAK, (double)w, r->d);
	if (!err)
		err = ro_lp_solve(plp, remaining(r), &res, val, pt->y, r->d);
	ro_lp_free(plp);
	*ok = !err && res == RO_LP_OPTIMAL;
	return err;
}

/* Peak objective for a part: the least highest utilisation.  LP bound;
 * bisection on capacities scaled to floor(z U), each rounded from the LP;
 * and for small programs branch-and-bound on the min-peak program. */
static int stage_peak(struct run *r, struct part *pt)
{
	double val, lo = 0, hi = peak_of(pt);
	size_t lt = pt->in.nlinks * (size_t)pt->in.T;
	bool ok;
	int err;

	pt->scaled = ro_mallocarray(lt, sizeof *pt->scaled);
	if (!pt->scaled)
		return RO_ENOMEM;
	if (pt->w_floor < pt->w_star) {
		if ((err = peak_lp(r, pt, pt->w_floor, &val, &ok)))
			return err;
		pt->z_bound = ok ? val : 0;
	}
	if ((err = peak_lp(r, pt, pt->w_star, &val, &ok)))
		return err;
	if (ok)
		lo = val;
	if (ok && pt->w_floor >= pt->w_star)
		pt->z_bound = val;
	/* bisection on capacities scaled to floor(z U), less what the other
	 * parts use */
	for (int it = 0; it < 20 && hi - lo > 1e-4 && !must_stop(r); it++) {
		double z = it == 0 ? lo : (lo + hi) / 2;
		for (size_t i = 0; i < lt; i++) {
			int64_t u = pt->in.U[i];
			int64_t zu = (int64_t)floor(z * (double)u);
			int64_t others = u - pt->resU[i];
			pt->scaled[i] = zu > others ? zu - others : 0;
		}
		if ((err = round_into_work(pt, r->dmax, pt->scaled, false)))
			return err;
		ro_place_improve(&pt->work, stop_time(r));
		if (ro_place_weight(&pt->work) >= pt->w_star &&
		    peak_of_place(&pt->in, &pt->work) < peak_of(pt)) {
			ro_place_copy(&pt->best, &pt->work);
			hi = z;
			if (it == 0)
				break;
		} else {
			lo = z;
		}
	}
	pt->best.cap = pt->resU;
	pt->work.cap = pt->resU;
	/* small programs: branch-and-bound on min z */
	if (peak_of(pt) - pt->z_bound > 1e-9 && !must_stop(r)) {
		struct ro_lp_spec sp = { pt->in.U, r->dmax, r->dmax, RO_LP_PEAK,
					 r->o->mem_limit_mb };
		struct ro_lp *plp = NULL;
		enum ro_lp_result res;
		double obj, bound;
		int rows, cols;
		long nnz;

		if ((err = ro_lp_new(&plp, &pt->in, &sp, r->d)))
			return err;
		ro_lp_size(plp, &rows, &cols, &nnz);
		if (cols <= MIP_MAX_COLS &&
		    !(err = ro_lp_set_objective(plp, RO_LP_MIN_PEAK,
						(double)pt->w_star, r->d)))
			err = ro_lp_mip(plp, NULL, remaining(r), r->o->gap,
					r->o->interrupt, mip_progress, r, &res,
					&obj, &bound, pt->y, r->d);
		ro_lp_free(plp);
		if (err || cols > MIP_MAX_COLS)
			return err;
		if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) {
			ro_place_clear(&pt->work);
			for (size_t c = 0; c < pt->in.ncls; c++) {
				const struct ro_cls *k = &pt->in.cls[c];
				for (int32_t i = 0; i < k->ncand; i++) {
					int32_t j = k->cand_off + i;
					int32_t v = (int32_t)llround(pt->y[j]);
					int32_t room = v > 0 ? ro_place_room(&pt->work,
								(int32_t)c, j) : 0;
					if (v > 0)
						ro_place_add(&pt->work, (int32_t)c, j,
							     v < room ? v : room);
				}
			}
			if (ro_place_weight(&pt->work) >= pt->w_star &&
			    peak_of_place(&pt->in, &pt->work) < peak_of(pt))
				ro_place_copy(&pt->best, &pt->work);
		}
		if (res != RO_LP_TIMEOUT && res != RO_LP_INFEASIBLE &&
		    pt->w_floor >= pt->w_star && bound > pt->z_bound)
			pt->z_bound = bound;
	}
	return RO_OK;
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
static int part_greedy(struct run *r, struct part *pt)
{
	int err;

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
static int make_parts(struct run *r)
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

/* Totals over the parts, for progress and the schedule header. */
struct totals {
	double w, wb, c, cb;
	int32_t m, mb;
};

static void totals_of(const struct run *r, struct totals *t)
{
	memset(t, 0, sizeof *t);
	for (int32_t k = 0; k < r->nparts; k++) {
		const struct part *pt = &r->parts[k];
		int32_t pm = pt->m_val;
		t->w += (double)pt->w_star;
		t->wb += pt->w_bound;
		t->c += (double)pt->c_val;
		t->cb += pt->c_bound;
		t->m = pm > t->m ? pm : t->m;
		t->mb = pt->d_lb > t->mb ? pt->d_lb : t->mb;
	}
}

/* Whether --gap is met: every stage within it of its bound. */
static bool gap_met(const struct run *r)
{
	struct totals t;
	double g = 100 * r->o->gap;

	if (r->o->gap <= 0)
		return false;
	totals_of(r, &t);
	return rel_gap(t.w, t.wb, true) <= g && rel_gap(t.m, t.mb, false) <= g &&
	       rel_gap(t.c, t.cb, false) <= g;
}

static void say_totals(struct run *r, const char *phase)
{
	struct totals t;
	int32_t cur = r->cur;

	totals_of(r, &t);
	r->cur = -1;
	say(r, "%s: placed weight %.0f (bound %.0f), makespan %d (bound %d, "
	    "gap %.2f %%), completion sum %.0f (bound %.0f, gap %.2f %%)",
	    phase, t.w, t.wb, (int)t.m, (int)t.mb,
	    rel_gap(t.m, t.mb, false), t.c, t.cb, rel_gap(t.c, t.cb, false));
	r->cur = cur;
}

/* Parts in order of a gap, largest first. */
struct gapped {
	double gap;
	int32_t k;
};

static int cmp_gapped(const void *a, const void *b)
{
	const struct gapped *x = a, *y = b;
	if (x->gap != y->gap)
		return x->gap > y->gap ? -1 : 1;
	return x->k - y->k;
}

/* Phase 1: greedy plans, then the weight stage where they fall short. */
static int phase_weight(struct run *r)
{
	int err;

	for (r->cur = 0; r->cur < r->nparts; r->cur++) {
		struct part *pt = &r->parts[r->cur];
		checkout(r, pt);
		err = part_greedy(r, pt);
		checkin(r, pt);
		if (err)
			return err;
	}
	r->cur = -1;
	say_totals(r, "greedy");
	set_phase(r, SHARE_WEIGHT);
	/* the largest shortfalls per candidate start first (open_parts) */
	struct gapped *g = ro_malloc(((size_t)r->nparts + 1) * sizeof *g);
	int32_t n = 0;
	if (!g)
		return RO_ENOMEM;
	for (int32_t k = 0; k < r->nparts; k++)
		if (!part_full(&r->parts[k]))
			g[n++] = (struct gapped){
				(r->parts[k].w_bound - (double)r->parts[k].w_star) /
				((double)r->parts[k].in.ncand + 1000), k };
	qsort(g, (size_t)n, sizeof *g, cmp_gapped);
	for (int32_t i = 0; i < n && !must_stop(r) && !phase_over(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		r->cur = g[i].k;
		checkout(r, pt);
		err = stage_weight(r, pt);
		checkin(r, pt);
		drop_lp(pt);
		if (err) {
			ro_free(g);
			return err;
		}
		if (say_due(r))
			say(r, "weight: placed %lld of bound %.0f",
			    (long long)pt->w_star, pt->w_bound);
	}
	ro_free(g);
	r->cur = -1;
	r->phase_end = 0;
	/* the bounds that need no LP */
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
		if ((err = trivial_makespan(&pt->in, pt->w_floor, &pt->d_lb)) ||
		    (err = trivial_completion(&pt->in, pt->w_floor, &pt->c_bound)))
			return err;
	}
	return RO_OK;
}

/* Phase 2: the parts that end last set the makespan: bisect those,
 * longest first, down to the bound another part has proven. */
static int phase_makespan(struct run *r)
{
	int err;

	set_phase(r, SHARE_MAKESPAN);
	r->d_floor = 0;
	for (int32_t k = 0; k < r->nparts; k++)
		if (r->parts[k].d_lb > r->d_floor)
			r->d_floor = r->parts[k].d_lb;
	uint8_t *tried = ro_calloc((size_t)r->nparts + 1, 1);
	if (!tried)
		return RO_ENOMEM;
	while (!must_stop(r) && !phase_over(r)) {
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
		checkout(r, pt);
		err = stage_makespan(r, pt, r->d_floor);
		checkin(r, pt);
		drop_lp(pt);
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
	say_totals(r, "makespan");
	return RO_OK;
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
	qsort(g, (size_t)n, sizeof *g, cmp_gapped);
	return n;
}

/* Phases 3 and 4 at the overall makespan D. */
static int phase_completion(struct run *r, int32_t D)
{
	struct gapped *g = ro_malloc(((size_t)r->nparts + 1) * sizeof *g);
	int32_t n;
	int err = RO_OK;

	if (!g)
		return RO_ENOMEM;
	r->d_floor = D;
	set_phase(r, SHARE_COMPLETION);
	n = open_parts(r, g, true);
	for (int32_t i = 0; i < n && !must_stop(r) && !phase_over(r) &&
	     !gap_met(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		r->cur = g[i].k;
		checkout(r, pt);
		err = stage_completion(r, pt, D);
		checkin(r, pt);
		/* a program too large for branch-and-bound is done here */
		pt->c_done = !small_program(pt);
		drop_lp(pt);
		if (err)
			goto out;
		if (say_due(r))
			say_totals(r, "completion");
	}
	r->cur = -1;
	r->phase_end = 0;
	say_totals(r, "completion");
	/* polish: windows of the plans re-solved exactly, largest gap
	 * first */
	n = gap_met(r) ? 0 : open_parts(r, g, false);
	for (int32_t i = 0; i < n && !must_stop(r) && !gap_met(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		struct ro_polish_opts po = { 24, 0.25, stop_time(r),
					     r->o->interrupt, r->o->mem_limit_mb };
		int64_t gain = 0;
		r->cur = g[i].k;
		checkout(r, pt);
		err = ro_polish(&pt->in, &pt->best, &po, &gain, r->d);
		checkin(r, pt);
		if (err)
			goto out;
		if (say_due(r))
			say_totals(r, "polish");
	}
	r->cur = -1;
	say_totals(r, "polish");
	/* the time left goes to branch-and-bound, largest gap first */
	n = gap_met(r) ? 0 : open_parts(r, g, false);
	for (int32_t i = 0; i < n && !must_stop(r) && !gap_met(r); i++) {
		struct part *pt = &r->parts[g[i].k];
		double budget = r->stop_at > 0 ? remaining(r) / (n - i) : 0;
		r->cur = g[i].k;
		checkout(r, pt);
		err = refine_completion(r, pt, D, budget);
		checkin(r, pt);
		drop_lp(pt);
		if (err)
			goto out;
	}
	r->cur = -1;
	say_totals(r, "branch-and-bound");
out:
	ro_free(g);
	return err;
}

static int plan_parts(struct run *r)
{
	int32_t d_star = 0;
	int err;

	if ((err = phase_weight(r)))
		return err;
	if (r->o->objective == RO_OBJ_PEAK) {
		for (r->cur = 0; r->cur < r->nparts; r->cur++) {
			struct part *pt = &r->parts[r->cur];
			checkout(r, pt);
			err = stage_peak(r, pt);
			checkin(r, pt);
			if (err)
				return err;
		}
		r->cur = -1;
		return RO_OK;
	}
	if ((err = phase_makespan(r)))
		return err;
	for (int32_t i = 0; i < r->nparts; i++)
		if (ro_place_makespan(&r->parts[i].best) > d_star)
			d_star = ro_place_makespan(&r->parts[i].best);
	return phase_completion(r, d_star);
}

/* The exported model (docs/solver.md, "Export"): the whole site as one
 * program, the last stage's: the least completion sum placing the weight
 * found and finishing by the makespan found (or the least peak placing the
 * weight found by the deadline); aggregated as solved, aggregated with the
 * plain knapsack rows only, or one binary per client and start. */
static int export_model(struct run *r)
{
	const struct ro_solve_opts *o = r->o;
	struct ro_inst split;
	const struct ro_inst *in = &r->in;
	struct ro_lp *lp = NULL;
	bool peak = o->objective == RO_OBJ_PEAK;
	int64_t w = 0;
	int err;

	for (int32_t k = 0; k < r->nparts; k++)
		w += r->parts[k].w_star;
	if (o->write_form == RO_EXPORT_CLIENTS) {
		if ((err = ro_inst_split(&r->in, &split))) {
			ro_diag_add(r->d, NULL, 0, err == RO_ELIMIT
				    ? "the per-client model is too large to write"
				    : "out of memory while building the model");
			return err;
		}
		in = &split;
	}
	int32_t D = r->dmax;
	if (!peak) {
		D = 0;
		for (int32_t k = 0; k < r->nparts; k++)
			if (r->parts[k].m_val > D)
				D = r->parts[k].m_val;
	}
	struct ro_lp_spec sp = {
		in->U, D, D,
		peak ? RO_LP_PEAK
		     : o->write_form == RO_EXPORT_AGGREGATED ? RO_LP_PATTERNS
							     : RO_LP_PLAIN,
		o->mem_limit_mb
	};
	err = ro_lp_new(&lp, in, &sp, r->d);
	if (!err)
		err = ro_lp_set_objective(lp, peak ? RO_LP_MIN_PEAK
						   : RO_LP_MIN_COMPLETION,
					  (double)w, r->d);
	if (!err)
		err = ro_lp_write(lp, o->write_lp, o->write_mps, r->d);
	ro_lp_free(lp);
	if (in == &split) {
		split.members = NULL;
		ro_inst_release(&split);
	}
	return err;
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
	if ((o->control >= 0 ? o->control : (int)s->policy.control) ==
	    RO_CONTROL_SMS20) {
		if (o->objective != RO_OBJ_LEXICOGRAPHIC || o->has_deadline) {
			ro_diag_add(d, NULL, 0, "the SMS 2.0 mode has one "
				    "objective and no deadline: a released "
				    "client cannot be held to one; plan with "
				    "--control per-client for them");
			return RO_EARG;
		}
		return ro_sms_solve(s, o, out, d);
	}

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
	if ((err = make_parts(&r)))
		goto out;
	{
		size_t none = 0;
		for (size_t i = 0; i < r.in.nclients; i++)
			none += r.in.client_cls[i] < 0;
		say(&r, "model: %lld clients in %zu classes, %zu candidate "
		    "starts, %zu clients without any; %d parts",
		    (long long)s->nclients_total, r.in.ncls, r.in.ncand, none,
		    (int)r.nparts);
	}
	if ((err = plan_parts(&r)))
		goto out;
	if ((o->write_lp || o->write_mps) && (err = export_model(&r)))
		goto out;

	err = RO_ENOMEM;
	if (!(p = ro_plan_new(s)))
		goto out;
	hand_out(&r, p);
	{
		struct totals t;
		double zb = 0, z = 0;
		totals_of(&r, &t);
		for (int32_t k = 0; k < r.nparts; k++) {
			zb = fmax(zb, r.parts[k].z_bound);
			z = fmax(z, peak_of(&r.parts[k]));
		}
		set_stage(p, "placed-weight", true, t.w, t.wb);
		if (o->objective == RO_OBJ_PEAK) {
			set_stage(p, "peak-utilisation", false, z, zb);
			snprintf(p->info.objective, sizeof p->info.objective,
				 "peak");
		} else {
			set_stage(p, "makespan", false, t.m, t.mb);
			set_stage(p, "completion-sum", false, t.c, t.cb);
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
	ro_free(r.nuse_link);
	ro_free(r.nuse_srv);
	ro_free(r.gload);
	ro_free(r.gsrv);
	ro_free(r.grb);
	ro_inst_release(&r.in);
	return err;
}
