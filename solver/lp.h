/*
 * lp.h - the aggregated integer program in GLPK, and the only code that
 * calls GLPK.
 *
 * Columns: one per candidate start of a class (y >= 0 integer, at most the
 * class size).  Rows: one per class (sum of its columns <= size), and one
 * per link-slot, server-slot and reboot-slot whose capacity could be
 * exceeded at all (rows that can never bind are left out).  Every GLPK call
 * is guarded: glp_error_hook jumps back, glp_free_env() cleans up, and the
 * failure becomes RO_ESOLVER with GLPK's own words in the diagnostics.  After
 * such a failure the handle is dead (every call returns RO_ESOLVER).
 */
#ifndef RO_SOLVER_LP_H
#define RO_SOLVER_LP_H

#include <stdbool.h>
#include <stdint.h>

#include "../model/diag.h"
#include "inst.h"

enum ro_lp_obj {
	RO_LP_MAX_WEIGHT,      /* max sum w y */
	RO_LP_MIN_COMPLETION,  /* min sum e y, with sum w y >= floor */
	RO_LP_MIN_PEAK         /* min z, with sum q y <= z U, sum w y >= floor */
};

enum ro_lp_result {
	RO_LP_OPTIMAL,
	RO_LP_INFEASIBLE,
	RO_LP_TIMEOUT,         /* time limit or interrupt, no answer */
	RO_LP_FEASIBLE         /* MIP stopped early with an incumbent */
};

struct ro_lp;

/* How the link rows are written.  PATTERNS: the busy slots of a link by
 * their patterns (pattern.h) where those stay few, the others by knapsack
 * and count rows; KNAPSACK: knapsack and count rows only (fewer columns,
 * what GLPK's MIR cuts work best on); PEAK: the min-peak form, rows
 * sum q y <= z U; PLAIN: the knapsack rows as the semantics state them,
 * sum q y <= U, nothing derived (for export, to compare solvers on the
 * natural model). */
enum ro_lp_form { RO_LP_PATTERNS, RO_LP_KNAPSACK, RO_LP_PEAK, RO_LP_PLAIN };

struct ro_lp_spec {
	const int64_t *cap;       /* link capacities (nlinks * T) */
	int32_t deadline;         /* columns: the candidates ending by this */
	int32_t rows_deadline;    /* rows valid for every candidate ending by
				   * this (at least deadline), so that those
				   * can be priced against the duals */
	enum ro_lp_form form;
	int mem_limit_mb;         /* GLPK's memory limit, 0 for none */
};

/* Builds the program for instance in (columns beyond spec->deadline are
 * left out entirely). */
int ro_lp_new(struct ro_lp **out, const struct ro_inst *in,
	      const struct ro_lp_spec *spec, struct ro_diag *d);
void ro_lp_free(struct ro_lp *lp);   /* accepts NULL */

/* Fixes to 0 the columns ending after deadline (others back to [0, n]). */
int ro_lp_set_deadline(struct ro_lp *lp, int32_t deadline, struct ro_diag *d);
/* Fixes to 0 the columns of the candidates j with !on[j] (ncand flags)
 * and frees the others (a restricted master for column generation). */
int ro_lp_set_columns(struct ro_lp *lp, const uint8_t *on, struct ro_diag *d);
/* Chooses the objective; weight_floor is the right side of the weight row
 * (ignored for RO_LP_MAX_WEIGHT, where the row is free). */
int ro_lp_set_objective(struct ro_lp *lp, enum ro_lp_obj obj,
			double weight_floor, struct ro_diag *d);

/* Solves the LP relaxation.  On RO_OK, *res says what happened; when
 * optimal, *obj is the objective and y (ncand values, may be NULL) the
 * solution. */
int ro_lp_solve(struct ro_lp *lp, double time_limit, enum ro_lp_result *res,
		double *obj, double *y, struct ro_diag *d);

/* rc[j] (ncand values) receives the reduced cost of every candidate under
 * the duals of the last optimal LP, in the sense of a minimum (< 0: the
 * column would improve the LP, whatever the objective's direction),
 * computed from the rows alone, so also for columns fixed or left out. */
int ro_lp_reduced_costs(struct ro_lp *lp, double *rc, struct ro_diag *d);

/* Progress callback of the branch-and-bound. */
typedef void (*ro_lp_progress)(void *ud, double incumbent, double bound,
			       bool has_incumbent);

/* Solves the integer program, started from the feasible integer solution
 * start (ncand counts, may be NULL), within time_limit seconds and until
 * the relative gap is at most gap.  On RO_OK, *res is OPTIMAL, FEASIBLE
 * (stopped with an incumbent), INFEASIBLE or TIMEOUT (nothing found); *obj
 * and *bound the incumbent value and the best bound, y the incumbent. */
int ro_lp_mip(struct ro_lp *lp, const int32_t *start, double time_limit,
	      double gap, volatile int *interrupt, ro_lp_progress cb, void *ud,
	      enum ro_lp_result *res, double *obj, double *bound, double *y,
	      struct ro_diag *d);

/* Exports the model (CPLEX LP or free MPS). */
int ro_lp_write(struct ro_lp *lp, const char *lp_path, const char *mps_path,
		struct ro_diag *d);

/* Rows and columns, for progress and documentation. */
void ro_lp_size(const struct ro_lp *lp, int *rows, int *cols, long *nnz);

#endif
