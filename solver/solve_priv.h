/*
 * solve_priv.h - what the files of the per-client planner share
 * (solver/solve*.c): a run, its parts, and the functions one phase calls
 * in another's file.
 *
 * Not a public header.  Ownership: a run owns its instance and its parts
 * (ro_parts_make, ro_parts_release); a part owns its view of the instance,
 * its plans, its residual capacities and, only while a phase works on it,
 * its program (ro_part_drop_lp frees it).  Only one part is checked out at
 * a time, and a phase works only on the part it has checked out.
 */
#ifndef RO_SOLVE_PRIV_H
#define RO_SOLVE_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "inst.h"
#include "lp.h"
#include "place.h"
#include "solve.h"

/* Parts up to this many columns go to branch-and-bound (measured: the
 * examples' parts close in well under a second; see docs/solver.md). */
#define MIP_MAX_COLS 20000

/* Shares of the time limit at which phases 1, 2 and 3 give way to the
 * next (docs/solver.md, "Time"). */
#define SHARE_WEIGHT 0.25
#define SHARE_MAKESPAN 0.45
#define SHARE_COMPLETION 0.85

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
	bool out;                 /* checked out (ro_part_checkout) */
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
	int32_t nout;             /* parts checked out: 0 or 1 */
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

/* Totals over the parts, for progress and the schedule header. */
struct totals {
	double w, wb, c, cb;
	int32_t m, mb;
};

/* Parts in order of a gap, largest first (ro_cmp_gapped). */
struct gapped {
	double gap;
	int32_t k;
};

/* ---- options (solve_opts.c) ---------------------------------------------- */

/* RO_OK, or RO_EARG with a message in d: the options are input. */
int ro_solve_opts_check(const struct ro_site *s, const struct ro_solve_opts *o,
			struct ro_diag *d);

/* ---- the run's clock and progress (solve_run.c) -------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ro_run_say(struct run *r, const char *fmt, ...);
/* Whether a progress line is due (at most one a second in long loops). */
bool ro_run_say_due(const struct run *r);
void ro_run_say_totals(struct run *r, const char *phase);
/* The callback of ro_lp_mip: a progress line per report. */
void ro_run_mip_progress(void *ud, double inc, double bound, bool has);
/* The gap of value to bound in per cent (0 when value is as good). */
double ro_rel_gap(double value, double bound, bool maximise);
/* When the local moves must stop (0: never). */
double ro_run_stop_time(struct run *r);
/* Seconds left for the next LP: at least a millisecond, 0: no limit. */
double ro_run_remaining(struct run *r);
/* Whether the current phase has used its share of the time limit. */
bool ro_run_phase_over(struct run *r);
/* Whether the run must end (time limit or interrupt). */
bool ro_run_must_stop(struct run *r);
void ro_run_set_phase(struct run *r, double share);
void ro_run_totals(const struct run *r, struct totals *t);
/* Whether --gap is met: every stage within it of its bound. */
bool ro_run_gap_met(const struct run *r);
int ro_cmp_gapped(const void *a, const void *b);

/* ---- parts (solve_part.c) ------------------------------------------------ */

/* Splits the instance into parts and counts the parts that use each
 * resource; ro_parts_release frees them (also after a failure). */
int ro_parts_make(struct run *r);
void ro_parts_release(struct run *r);
/* Runs stage on every part in turn, each checked out meanwhile; stops at
 * the first error. */
int ro_parts_each(struct run *r, int (*stage)(struct run *, struct part *));
void ro_part_checkout(struct run *r, struct part *pt);
void ro_part_checkin(struct run *r, struct part *pt);
/* pt->work becomes pt->best if it is better. */
void ro_part_keep_if_better(struct run *r, struct part *pt);
/* Greedy start: repair from nothing, then move to earlier starts. */
int ro_part_greedy(struct run *r, struct part *pt);
/* Whether the part's plan places its bound. */
bool ro_part_full(const struct part *pt);

/* ---- a part's program (solve_program.c) ---------------------------------- */

int ro_part_need_lp_form(struct run *r, struct part *pt, int32_t deadline,
			 int32_t rows_dl, enum ro_lp_form form);
void ro_part_drop_lp(struct part *pt);
int ro_part_solve_lp(struct run *r, struct part *pt, enum ro_lp_obj obj,
		     double floor_w, int32_t D, enum ro_lp_form form,
		     enum ro_lp_result *res, double *val);
/* Integer plan into pt->work from the LP solution: round, then repair. */
int ro_part_round(struct part *pt, int32_t D, const int64_t *cap, bool timed);
/* Whether the part's program is small enough for branch-and-bound. */
bool ro_part_small_program(const struct part *pt);
/* An integer solution y of the MIP into pt->work, then kept if better. */
void ro_part_take_mip(struct run *r, struct part *pt, int32_t D);
/* Whether plan p of the part places no more of a class than it has
 * clients (the class rows), for asserts. */
bool ro_part_within_classes(const struct part *pt, const struct ro_place *p);

/* ---- the phases ---------------------------------------------------------- */

int ro_phase_weight(struct run *r);               /* solve_weight.c */
/* The makespan that the links alone impose on plans of weight w or more
 * in in: *lb raised to it (solve_bound.c).  RO_OK or RO_ENOMEM. */
int ro_bound_link_makespan(const struct ro_inst *in, int64_t w, int32_t *lb);
/* The bounds that need no LP, after phase 1 (solve_bound.c). */
int ro_run_trivial_bounds(struct run *r);
int ro_phase_makespan(struct run *r);             /* solve_makespan.c */
int ro_phase_completion(struct run *r, int32_t D);   /* solve_completion.c */
int ro_phase_peak(struct run *r);                 /* solve_peak.c */
/* The highest utilisation of a link in the part's plan. */
double ro_part_peak(const struct part *pt);

/* ---- after the phases ---------------------------------------------------- */

/* The plan of the run's parts (solve_plan.c); RO_ENOMEM. */
int ro_run_plan(struct run *r, struct ro_plan **out);
/* Writes the model (solve_export.c). */
int ro_run_export(struct run *r);

#endif
