/*
 * solve.h - the planner: site -> integer program -> GLPK -> plan.
 *
 * The only module that calls GLPK.  Clients are aggregated into classes of
 * identical clients; one integer variable per (class, start opportunity).
 * The library never prints: progress goes to the callback.
 */
#ifndef RO_SOLVE_H
#define RO_SOLVE_H

#include <stdbool.h>

#include "../include/rollout.h"
#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"

/* The planning options, opaque in include/rollout.h (which has the enums,
 * ro_solve and the setters of solve_opts.c); the library's own callers
 * fill the struct directly after ro_solve_opts_init. */
struct ro_solve_opts {
	enum ro_objective objective;
	bool has_deadline;
	ro_time deadline;          /* completion at or before this time */
	double time_limit;         /* seconds of wall time; 0: none */
	double gap;                /* stop when the relative gap is below */
	int mem_limit_mb;          /* GLPK memory limit; 0: none */
	/* Export the model (CPLEX LP, free MPS), or NULL: GLPK opens these
	 * paths itself, so the solver opens no file of its own; callers
	 * that want atomic output hand it scratch files (ro_solve_export,
	 * orch/export.c). */
	const char *write_lp;
	const char *write_mps;
	enum ro_export_form write_form;
	/* Progress lines (phase, incumbent, bound, gap, elapsed), without a
	 * newline; NULL: silent. */
	void (*progress)(void *ud, const char *line);
	void *progress_ud;
	/* Set asynchronously (signal handler) to stop the solve cleanly. */
	volatile int *interrupt;
	/* The control mode (enum ro_control), -1: the site's policy's; and
	 * release candidates replacing the policy's (SMS 2.0 mode). */
	int control;
	const ro_time *releases;
	size_t nreleases;
	/* Tests only: split every component by its minor users as far as
	 * its resources allow (inst.h, ro_inst_components). */
	bool split_all;
};

/* The defaults, in place (ro_solve_opts_new allocates them). */
void ro_solve_opts_init(struct ro_solve_opts *o);

#endif
