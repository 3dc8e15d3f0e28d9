/*
 * lp_mip.c - a general integer program in GLPK (lp_mip.h), guarded like lp.c.
 *
 * GLPK aborts the process on misuse or internal failure unless an error
 * hook takes over (GLPK manual §2.1.2, §6.1.13): every function here arms
 * a setjmp point, the hook jumps back to it, glp_free_env() reclaims the
 * environment and the failure becomes RO_ESOLVER.  The guard is lp.c's
 * (lp_priv.h), so that one generation counter marks every handle of the
 * freed environment dead, lp.c's and these alike.
 */
#include "lp_mip.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <glpk.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "clock.h"
#include "lp_priv.h"

struct ro_mip {
	glp_prob *P;
	unsigned gen;
	int nrows, ncols;
	bool scaled;             /* scaled since the last change of shape */
};

static void arm(jmp_buf *jb)
{
	ro_lp_arm(jb);
}

static void disarm(void)
{
	ro_lp_disarm();
}

/* After a longjmp out of GLPK: the shared guard frees the environment
 * (every handle of lp.c's and ours becomes dead) and reports its words. */
static int failed(struct ro_diag *d, const char *what)
{
	return ro_lp_glpk_failed(NULL, d, what);
}

static bool alive(const struct ro_mip *m)
{
	return m && m->P && m->gen == ro_lp_generation();
}

static int dead(struct ro_diag *d)
{
	ro_diag_add(d, NULL, 0, "GLPK is unusable after an earlier failure");
	return RO_ESOLVER;
}

static int tm_ms(double seconds)
{
	if (seconds <= 0)
		return INT32_MAX;
	return seconds * 1000 > INT32_MAX ? INT32_MAX : (int)(seconds * 1000) + 1;
}

/* GLPK's bound type for [lb, ub]. */
static int bnd_type(double lb, double ub)
{
	bool has_lb = lb > -HUGE_VAL, has_ub = ub < HUGE_VAL;

	if (has_lb && has_ub)
		return lb == ub ? GLP_FX : GLP_DB;
	return has_lb ? GLP_LO : has_ub ? GLP_UP : GLP_FR;
}

int ro_mip_new(struct ro_mip **out, struct ro_diag *d)
{
	struct ro_mip *m = ro_calloc(1, sizeof *m);
	jmp_buf jb;

	*out = NULL;
	if (!m)
		return RO_ENOMEM;
	if (setjmp(jb)) {
		ro_free(m);
		return failed(d, "creating the program");
	}
	arm(&jb);
	m->P = glp_create_prob();
	glp_set_obj_dir(m->P, GLP_MIN);
	disarm();
	m->gen = ro_lp_generation();
	*out = m;
	return RO_OK;
}

void ro_mip_free(struct ro_mip *m)
{
	jmp_buf jb;

	if (!m)
		return;
	if (alive(m)) {
		if (setjmp(jb) == 0) {
			arm(&jb);
			glp_delete_prob(m->P);
		}
		disarm();
	}
	ro_free(m);
}

/* 1-based copies of n indices (shifted) and values for GLPK. */
static bool one_based(int n, const int *idx, const double *val, int **ind,
		      double **v)
{
	*ind = ro_reallocarray(NULL, (size_t)n + 1, sizeof **ind);
	*v = ro_reallocarray(NULL, (size_t)n + 1, sizeof **v);
	if (!*ind || !*v) {
		ro_free(*ind);
		ro_free(*v);
		return false;
	}
	for (int k = 0; k < n; k++) {
		(*ind)[k + 1] = idx[k] + 1;
		(*v)[k + 1] = val[k];
	}
	return true;
}

int ro_mip_add_col(struct ro_mip *m, double lb, double ub, bool integer,
		   int n, const int *rows, const double *val, int *col,
		   struct ro_diag *d)
{
	jmp_buf jb;
	int *ind;
	double *v;
	int j;

	if (!alive(m))
		return dead(d);
	if (!one_based(n, rows, val, &ind, &v))
		return RO_ENOMEM;
	if (setjmp(jb)) {
		ro_free(ind);
		ro_free(v);
		return failed(d, "adding a column");
	}
	arm(&jb);
	j = glp_add_cols(m->P, 1);
	glp_set_col_bnds(m->P, j, bnd_type(lb, ub), lb, ub);
	if (integer)
		glp_set_col_kind(m->P, j, GLP_IV);
	if (n > 0)
		glp_set_mat_col(m->P, j, n, ind, v);
	disarm();
	ro_free(ind);
	ro_free(v);
	m->ncols = j;
	m->scaled = false;
	*col = j - 1;
	return RO_OK;
}

int ro_mip_add_row(struct ro_mip *m, double lb, double ub, int n,
		   const int *cols, const double *val, int *row,
		   struct ro_diag *d)
{
	jmp_buf jb;
	int *ind;
	double *v;
	int i;

	if (!alive(m))
		return dead(d);
	/* GLPK's arrays are 1-based and refuse a column twice: the caller
	 * names each column once per row */
	if (!one_based(n, cols, val, &ind, &v))
		return RO_ENOMEM;
	if (setjmp(jb)) {
		ro_free(ind);
		ro_free(v);
		return failed(d, "adding a row");
	}
	arm(&jb);
	i = glp_add_rows(m->P, 1);
	glp_set_row_bnds(m->P, i, bnd_type(lb, ub), lb, ub);
	if (n > 0)
		glp_set_mat_row(m->P, i, n, ind, v);
	disarm();
	ro_free(ind);
	ro_free(v);
	m->nrows = i;
	m->scaled = false;
	*row = i - 1;
	return RO_OK;
}

int ro_mip_set_row_bounds(struct ro_mip *m, int row, double lb, double ub,
			  struct ro_diag *d)
{
	jmp_buf jb;

	if (!alive(m))
		return dead(d);
	if (setjmp(jb))
		return failed(d, "setting a row's bounds");
	arm(&jb);
	glp_set_row_bnds(m->P, row + 1, bnd_type(lb, ub), lb, ub);
	disarm();
	return RO_OK;
}

int ro_mip_set_col_bounds(struct ro_mip *m, int col, double lb, double ub,
			  struct ro_diag *d)
{
	jmp_buf jb;

	if (!alive(m))
		return dead(d);
	if (setjmp(jb))
		return failed(d, "setting a column's bounds");
	arm(&jb);
	glp_set_col_bnds(m->P, col + 1, bnd_type(lb, ub), lb, ub);
	disarm();
	return RO_OK;
}

int ro_mip_set_objective(struct ro_mip *m, const double *c, struct ro_diag *d)
{
	jmp_buf jb;

	if (!alive(m))
		return dead(d);
	if (setjmp(jb))
		return failed(d, "setting the objective");
	arm(&jb);
	for (int j = 0; j < m->ncols; j++)
		glp_set_obj_coef(m->P, j + 1, c[j]);
	disarm();
	return RO_OK;
}

int ro_mip_cols(const struct ro_mip *m)
{
	return m->ncols;
}

/* The simplex, primal then (on failure) without presolve; GLPK's status. */
static int simplex(struct ro_mip *m, double time_limit)
{
	glp_smcp p;
	int rc;

	/* bytes in the rows, up to 1e9 a link-slot, beside counts of
	 * clients: scaled, or the simplex loses its way (GLPK 5.0's primal
	 * simplex then fails an assertion, caught by the guard) */
	if (!m->scaled) {
		glp_scale_prob(m->P, GLP_SF_AUTO);
		m->scaled = true;
	}
	glp_init_smcp(&p);
	p.msg_lev = GLP_MSG_OFF;
	p.meth = GLP_PRIMAL;
	p.tm_lim = tm_ms(time_limit);
	rc = glp_simplex(m->P, &p);
	if (rc == GLP_ESING || rc == GLP_ECOND || rc == GLP_EFAIL) {
		/* a bad basis after changed bounds: start from the standard
		 * basis again */
		glp_std_basis(m->P);
		rc = glp_simplex(m->P, &p);
	}
	return rc;
}

int ro_mip_solve_lp(struct ro_mip *m, double time_limit,
		    enum ro_lp_result *res, double *obj, double *x,
		    struct ro_diag *d)
{
	jmp_buf jb;
	int rc, st;

	if (!alive(m))
		return dead(d);
	if (setjmp(jb))
		return failed(d, "solving the linear program");
	arm(&jb);
	rc = simplex(m, time_limit);
	st = glp_get_status(m->P);
	*obj = 0;
	if (rc == 0 && st == GLP_OPT) {
		*res = RO_LP_OPTIMAL;
		*obj = glp_get_obj_val(m->P);
		if (x)
			for (int j = 0; j < m->ncols; j++)
				x[j] = glp_get_col_prim(m->P, j + 1);
	} else if (rc == 0 && (st == GLP_NOFEAS || st == GLP_INFEAS)) {
		*res = RO_LP_INFEASIBLE;
	} else if (rc == GLP_ETMLIM || rc == GLP_EITLIM) {
		*res = RO_LP_TIMEOUT;
	} else if (rc == 0 && st == GLP_UNBND) {
		disarm();
		ro_diag_add(d, NULL, 0, "the linear program is unbounded");
		return RO_ESOLVER;
	} else {
		disarm();
		ro_diag_add(d, NULL, 0, "GLPK simplex failed (code %d, status %d)",
			    rc, st);
		return RO_ESOLVER;
	}
	disarm();
	return RO_OK;
}

int ro_mip_row_duals(struct ro_mip *m, double *y, struct ro_diag *d)
{
	jmp_buf jb;

	if (!alive(m))
		return dead(d);
	if (setjmp(jb))
		return failed(d, "reading the duals");
	arm(&jb);
	for (int i = 0; i < m->nrows; i++)
		y[i] = glp_get_row_dual(m->P, i + 1);
	disarm();
	return RO_OK;
}

struct mipctx {
	struct ro_mip *m;
	const double *start;
	bool injected;
	double bound;
	double stop_at;
	volatile int *interrupt;
};

static void callback(glp_tree *tree, void *info)
{
	struct mipctx *c = info;
	int reason = glp_ios_reason(tree);
	int node = glp_ios_best_node(tree);

	if (node)
		c->bound = glp_ios_node_bound(tree, node);
	if (reason == GLP_IHEUR && !c->injected && c->start) {
		double *x = ro_calloc((size_t)c->m->ncols + 1, sizeof *x);
		c->injected = true;
		if (x) {
			memcpy(x + 1, c->start, (size_t)c->m->ncols * sizeof *x);
			glp_ios_heur_sol(tree, x);
		}
		ro_free(x);
	}
	if ((c->interrupt && *c->interrupt) ||
	    (c->stop_at > 0 && ro_clock() > c->stop_at))
		glp_ios_terminate(tree);
}

int ro_mip_solve(struct ro_mip *m, const double *start, double time_limit,
		 double gap, volatile int *interrupt, enum ro_lp_result *res,
		 double *obj, double *bound, double *x, struct ro_diag *d)
{
	struct mipctx c = { 0 };
	double t0 = ro_clock();
	glp_iocp io;
	jmp_buf jb;
	int rc, st;

	if (!alive(m))
		return dead(d);
	c.m = m;
	c.start = start;
	c.interrupt = interrupt;
	c.stop_at = time_limit > 0 ? t0 + time_limit : 0;
	if (setjmp(jb))
		return failed(d, "solving the integer program");
	arm(&jb);
	/* presolve off, so that the tree's problem is ours and the start can
	 * be injected; then an optimal basis must exist first */
	rc = simplex(m, time_limit);
	if (rc != 0 || glp_get_status(m->P) != GLP_OPT) {
		st = glp_get_status(m->P);
		disarm();
		*obj = *bound = 0;
		if (rc == 0 && (st == GLP_NOFEAS || st == GLP_INFEAS)) {
			*res = RO_LP_INFEASIBLE;
			return RO_OK;
		}
		if (rc == GLP_ETMLIM || rc == GLP_EITLIM) {
			*res = RO_LP_TIMEOUT;
			return RO_OK;
		}
		ro_diag_add(d, NULL, 0, "GLPK simplex failed before the "
			    "branch-and-bound (code %d, status %d)", rc, st);
		return RO_ESOLVER;
	}
	c.bound = glp_get_obj_val(m->P);
	if (time_limit > 0 && ro_clock() - t0 >= time_limit) {
		/* the LP took the time: no branch-and-bound at all, since
		 * tm_lim 0 would mean none */
		disarm();
		*obj = 0;
		*bound = c.bound;
		*res = RO_LP_TIMEOUT;
		return RO_OK;
	}
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_OFF;
	io.mip_gap = gap;
	io.cb_func = callback;
	io.cb_info = &c;
	io.tm_lim = tm_ms(time_limit > 0 ? time_limit - (ro_clock() - t0) : 0);
	/* cuts help small programs and cost large ones more than the
	 * limit: GLPK generates them at the root with no callback in
	 * between (measured on a 10,000-client site: 30 s over a 5 s limit
	 * with 16,735 rows and 99,023 columns) */
	if ((long)m->nrows * m->ncols <= 20000000L) {
		io.mir_cuts = GLP_ON;
		io.gmi_cuts = GLP_ON;
	}
	/* Driebeck-Tomlin branching prices every fractional column at every
	 * node, with no callback in between: on large programs a single
	 * node outlasts the limit; most-fractional there */
	io.br_tech = (long)m->nrows * m->ncols <= 20000000L ? GLP_BR_DTH
							     : GLP_BR_MFV;
	io.bt_tech = GLP_BT_BLB;
	rc = glp_intopt(m->P, &io);
	st = glp_mip_status(m->P);
	*obj = 0;
	*bound = c.bound;
	if (st == GLP_OPT || st == GLP_FEAS) {
		*res = st == GLP_OPT && rc == 0 ? RO_LP_OPTIMAL : RO_LP_FEASIBLE;
		*obj = glp_mip_obj_val(m->P);
		if (*res == RO_LP_OPTIMAL && gap <= 0)
			*bound = *obj;
		if (x)
			for (int j = 0; j < m->ncols; j++)
				x[j] = glp_mip_col_val(m->P, j + 1);
	} else if (st == GLP_NOFEAS) {
		*res = RO_LP_INFEASIBLE;
	} else {
		*res = RO_LP_TIMEOUT;
	}
	disarm();
	return RO_OK;
}
