/*
 * lp_mip.h - a small general integer program in GLPK, for the SMS 2.0
 * planner (solver/sms.c), whose program has nothing of the per-client
 * model's structure that lp.c exploits: columns and rows are added one by
 * one, the objective is set per stage, and every GLPK call is guarded as
 * in lp.c (a GLPK failure becomes RO_ESOLVER with GLPK's words, never an
 * abort).
 *
 * Columns and rows are numbered from 0.  Bounds use -HUGE_VAL / HUGE_VAL
 * for "none".
 */
#ifndef RO_SOLVER_LP_MIP_H
#define RO_SOLVER_LP_MIP_H

#include <stdbool.h>

#include "../model/diag.h"
#include "lp.h"   /* enum ro_lp_result */

struct ro_mip;

int ro_mip_new(struct ro_mip **out, struct ro_diag *d);
void ro_mip_free(struct ro_mip *m);   /* accepts NULL */

/* Adds a column with bounds [lb, ub], integer or continuous, and the
 * coefficients val[k] in rows rows[k] (each row once); its index in *col. */
int ro_mip_add_col(struct ro_mip *m, double lb, double ub, bool integer,
		   int n, const int *rows, const double *val, int *col,
		   struct ro_diag *d);
/* Adds the row lb <= sum val[k] x[cols[k]] <= ub; its index in *row. */
int ro_mip_add_row(struct ro_mip *m, double lb, double ub, int n,
		   const int *cols, const double *val, int *row,
		   struct ro_diag *d);
int ro_mip_set_row_bounds(struct ro_mip *m, int row, double lb, double ub,
			  struct ro_diag *d);
int ro_mip_set_col_bounds(struct ro_mip *m, int col, double lb, double ub,
			  struct ro_diag *d);
/* The objective: minimise sum c[j] x[j] (ncols values). */
int ro_mip_set_objective(struct ro_mip *m, const double *c,
			 struct ro_diag *d);
int ro_mip_cols(const struct ro_mip *m);

/* The LP relaxation.  On RO_OK, *res; when optimal, *obj and x (ncols
 * values, may be NULL). */
int ro_mip_solve_lp(struct ro_mip *m, double time_limit,
		    enum ro_lp_result *res, double *obj, double *x,
		    struct ro_diag *d);

/* The duals of every row (nrows values) after an optimal LP. */
int ro_mip_row_duals(struct ro_mip *m, double *y, struct ro_diag *d);

/* The integer program from the feasible solution start (ncols values, may
 * be NULL; integer columns exactly integral), within time_limit seconds and
 * relative gap.  On RO_OK, *res is OPTIMAL, FEASIBLE, INFEASIBLE or
 * TIMEOUT; *obj the incumbent, *bound the best bound, x the incumbent. */
int ro_mip_solve(struct ro_mip *m, const double *start, double time_limit,
		 double gap, volatile int *interrupt, enum ro_lp_result *res,
		 double *obj, double *bound, double *x, struct ro_diag *d);

#endif
