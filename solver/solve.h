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

#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"

/* The form of the model --write-lp / --write-mps export. */
enum ro_export_form {
	RO_EXPORT_AGGREGATED,   /* as solved: classes, count and pattern rows */
	RO_EXPORT_PLAIN,        /* classes, the knapsack rows only */
	RO_EXPORT_CLIENTS       /* one binary per client and start, plain rows */
};

enum ro_objective {
	RO_OBJ_LEXICOGRAPHIC,   /* weight placed, makespan, completion sum */
	RO_OBJ_PEAK             /* weight placed, then peak utilisation */
};

struct ro_solve_opts {
	enum ro_objective objective;
	bool has_deadline;
	ro_time deadline;          /* completion at or before this time */
	double time_limit;         /* seconds of wall time; 0: none */
	double gap;                /* stop when the relative gap is below */
	int mem_limit_mb;          /* GLPK memory limit; 0: none */
	const char *write_lp;      /* export the model (CPLEX LP), or NULL */
	const char *write_mps;     /* export the model (free MPS), or NULL */
	enum ro_export_form write_form;
	/* Progress lines (phase, incumbent, bound, gap, elapsed), without a
	 * newline; NULL: silent. */
	void (*progress)(void *ud, const char *line);
	void *progress_ud;
	/* Set asynchronously (signal handler) to stop the solve cleanly. */
	volatile int *interrupt;
	/* Tests only: split every component by its minor users as far as
	 * its resources allow (inst.h, ro_inst_components). */
	bool split_all;
};

void ro_solve_opts_init(struct ro_solve_opts *o);

/* Plans site s.  Returns RO_OK with *out set (status inside: optimal,
 * feasible, time-limit, interrupted), or an error: RO_ENOPLAN, RO_ESOLVER
 * (GLPK failed: message in d), RO_ENOMEM, RO_EARG.  Every returned plan has
 * passed ro_verify. */
int ro_solve(const struct ro_site *s, struct ro_expand *x,
	     const struct ro_solve_opts *o, struct ro_plan **out,
	     struct ro_diag *d);

#endif
