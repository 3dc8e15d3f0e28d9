/*
 * lp_solve.c - solving the program of lp_build.c: the simplex with warm
 * starts, the duals and reduced costs for pricing, and branch-and-bound
 * from a feasible start with progress, time limit and interruption (lp.h).
 * Every GLPK call runs under the guard of lp.c.
 */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "clock.h"
#include "lp_priv.h"

static void get_solution(const struct ro_lp *lp, double *y, bool mip)
{
	for (size_t j = 0; j < lp->in->ncand; j++) {
		int col = lp->col[j];
		y[j] = !col ? 0 : mip ? glp_mip_col_val(lp->P, col)
				      : glp_get_col_prim(lp->P, col);
	}
}

static int tm_ms(double seconds)
{
	if (seconds <= 0)
		return INT32_MAX;
	return seconds * 1000 > INT32_MAX ? INT32_MAX : (int)(seconds * 1000) + 1;
}

int ro_lp_solve(struct ro_lp *lp, double time_limit, enum ro_lp_result *res,
		double *obj, double *y, struct ro_diag *d)
{
	glp_smcp p;
	int rc, st;
	jmp_buf jb;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "solving the LP relaxation");
	ro_lp_arm(&jb);
	glp_init_smcp(&p);
	p.msg_lev = GLP_MSG_OFF;
	p.tm_lim = tm_ms(time_limit);
	if (lp->has_basis) {
		/* after a deadline or objective change the last optimal basis
		 * is a good start: dual simplex (then primal if need be); a
		 * later deadline only frees columns, so the basis stays primal
		 * feasible and the primal simplex goes on from it */
		p.meth = lp->loosened ? GLP_PRIMAL : GLP_DUALP;
		p.presolve = GLP_OFF;
	} else {
		p.meth = GLP_PRIMAL;
		p.presolve = GLP_ON;
	}
	lp->has_basis = false;
	rc = glp_simplex(lp->P, &p);
	if (rc != 0 && rc != GLP_ENOPFS && rc != GLP_ENODFS &&
	    rc != GLP_ETMLIM) {
		/* numerical trouble: once more from an advanced basis without
		 * presolve, which is slower but more robust */
		p.presolve = GLP_OFF;
		glp_adv_basis(lp->P, 0);
		rc = glp_simplex(lp->P, &p);
	}
	ro_lp_disarm();
	*obj = 0;
	if (rc == GLP_ENOPFS || rc == GLP_ENODFS) {
		*res = RO_LP_INFEASIBLE;
		return RO_OK;
	}
	if (rc == GLP_ETMLIM) {
		*res = RO_LP_TIMEOUT;
		return RO_OK;
	}
	if (rc != 0) {
		ro_diag_add(d, NULL, 0, "GLPK simplex failed (code %d): %s", rc,
			    ro_lp_glpk_words());
		return RO_ESOLVER;
	}
	st = glp_get_status(lp->P);
	if (st == GLP_NOFEAS || st == GLP_INFEAS) {
		*res = RO_LP_INFEASIBLE;
		return RO_OK;
	}
	if (st != GLP_OPT) {
		ro_diag_add(d, NULL, 0, "GLPK simplex ended with status %d", st);
		return RO_ESOLVER;
	}
	*res = RO_LP_OPTIMAL;
	lp->has_basis = true;
	*obj = glp_get_obj_val(lp->P);
	if (y)
		get_solution(lp, y, false);
	return RO_OK;
}

/* The row duals of the last LP into pi[1..nrows]. */
static int read_duals(struct ro_lp *lp, double *pi, bool *max,
		      struct ro_diag *d)
{
	jmp_buf jb;

	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "reading the duals");
	ro_lp_arm(&jb);
	*max = glp_get_obj_dir(lp->P) == GLP_MAX;
	for (int i = 1; i <= lp->nrows; i++)
		pi[i] = glp_get_row_dual(lp->P, i);
	ro_lp_disarm();
	return RO_OK;
}

int ro_lp_reduced_costs(struct ro_lp *lp, double *rc, struct ro_diag *d)
{
	const struct ro_inst *in;
	int32_t room = 0;
	int *rows = NULL;
	double *vals = NULL, *pi = NULL;
	bool max;
	int err = RO_ENOMEM;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	if (!lp->has_basis) {
		ro_diag_add(d, NULL, 0, "internal error: pricing without an "
			    "optimal LP");
		return RO_EARG;
	}
	in = lp->in;
	for (size_t c = 0; c < in->ncls; c++)
		room = ro_lp_col_room(lp, c) > room ? ro_lp_col_room(lp, c) : room;
	rows = ro_malloc((size_t)room * sizeof *rows);
	vals = ro_malloc((size_t)room * sizeof *vals);
	pi = ro_malloc(((size_t)lp->nrows + 1) * sizeof *pi);
	if (!rows || !vals || !pi)
		goto out;
	if ((err = read_duals(lp, pi, &max, d)))
		goto out;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			const struct ro_cand *cd = &in->cand[j];
			double dj = lp->obj == RO_LP_MAX_WEIGHT ? (double)k->w
				  : lp->obj == RO_LP_MIN_COMPLETION ? cd->e : 0;
			int32_t n = ro_lp_col_rows(lp, c, j, rows, vals);
			for (int32_t x = 0; x < n; x++)
				dj -= vals[x] * pi[rows[x]];
			rc[j] = max ? -dj : dj;
		}
	}
	err = RO_OK;
out:
	ro_free(rows);
	ro_free(vals);
	ro_free(pi);
	return err;
}

struct mipctx {
	struct ro_lp *lp;
	const int32_t *start;
	bool injected;
	double stop_at;
	volatile int *interrupt;
	ro_lp_progress cb;
	void *ud;
	double bound;
	double last_report;
	bool interrupted;
};

/* The columns of an integer plan (counts per candidate) in x (1-based):
 * for a pattern slot, the first pattern that holds the plan's transfers.
 * False when none does. */
static bool start_values(const struct ro_lp *lp, const int32_t *start,
			 double *x)
{
	const struct ro_inst *in = lp->in;
	const int32_t T = in->T;
	int32_t *slot = NULL, *use = NULL;
	int32_t width = 0;
	bool ok = true;

	for (size_t j = 0; j < in->ncand; j++)
		if (lp->col[j])
			x[lp->col[j]] = start[j];
	if (lp->nps == 0)
		return true;
	for (int32_t i = 0; i < lp->nsets; i++)
		width = lp->sets[i].ntypes > width ? lp->sets[i].ntypes : width;
	slot = ro_malloc(in->nlinks * (size_t)T * sizeof *slot);
	use = ro_calloc((size_t)lp->nps * (size_t)(width ? width : 1), sizeof *use);
	if (!slot || !use) {
		ok = false;
		goto out;
	}
	for (size_t i = 0; i < in->nlinks * (size_t)T; i++)
		slot[i] = -1;
	for (int32_t p = 0; p < lp->nps; p++)
		slot[(size_t)lp->ps[p].link * T + lp->ps[p].t] = p;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i, s0 = in->cand[j].s;
			if (!start[j])
				continue;
			for (int32_t p = 0; p < k->path_len; p++) {
				size_t base = (size_t)in->paths[k->path_off + p] * T;
				for (int32_t t = s0; t < s0 + k->d; t++) {
					int32_t q = slot[base + t];
					if (q < 0)
						continue;
					int32_t ty = ro_patset_type(
						&lp->sets[lp->ps[q].set], k->q);
					if (ty >= 0)
						use[(size_t)q * width + ty] += start[j];
				}
			}
		}
	}
	for (int32_t q = 0; q < lp->nps && ok; q++) {
		int32_t p = ro_patset_cover(&lp->sets[lp->ps[q].set],
					    use + (size_t)q * width);
		if (p < 0)
			ok = false;
		else
			x[lp->ps[q].col + p] = 1;
	}
out:
	ro_free(slot);
	ro_free(use);
	return ok;
}

static void mip_callback(glp_tree *tree, void *info)
{
	struct mipctx *m = info;
	int reason = glp_ios_reason(tree);
	int node = glp_ios_best_node(tree);

	if (node)
		m->bound = glp_ios_node_bound(tree, node);
	if (reason == GLP_IHEUR && !m->injected && m->start) {
		int n = m->lp->ncols;
		double *x = ro_calloc((size_t)n + 1, sizeof *x);
		m->injected = true;
		/* glp_ios_heur_sol checks nothing: a start that does not fit
		 * the patterns is not given at all */
		if (x && start_values(m->lp, m->start, x))
			glp_ios_heur_sol(tree, x);
		ro_free(x);
	}
	if ((m->interrupt && *m->interrupt) ||
	    (m->stop_at > 0 && ro_clock() > m->stop_at)) {
		m->interrupted = m->interrupt && *m->interrupt;
		glp_ios_terminate(tree);
		return;
	}
	if (m->cb && (reason == GLP_IBINGO || ro_clock() - m->last_report > 1)) {
		glp_prob *P = glp_ios_get_prob(tree);
		bool has = glp_mip_status(P) == GLP_FEAS ||
			   glp_mip_status(P) == GLP_OPT;
		m->last_report = ro_clock();
		m->cb(m->ud, has ? glp_mip_obj_val(P) : 0, m->bound, has);
	}
}

int ro_lp_mip(struct ro_lp *lp, const int32_t *start, double time_limit,
	      double gap, volatile int *interrupt, ro_lp_progress cb, void *ud,
	      enum ro_lp_result *res, double *obj, double *bound, double *y,
	      struct ro_diag *d)
{
	struct mipctx m = { 0 };
	double t0 = ro_clock();
	glp_smcp sp;
	glp_iocp io;
	int rc, st;
	jmp_buf jb;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	m.lp = lp;
	m.start = start;
	m.interrupt = interrupt;
	m.cb = cb;
	m.ud = ud;
	m.stop_at = time_limit > 0 ? t0 + time_limit : 0;
	m.last_report = t0;
	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "solving the integer program");
	ro_lp_arm(&jb);
	/* presolve off, so that the tree's problem is ours and a plan can be
	 * injected (glp_ios_heur_sol); then an optimal basis must exist */
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	sp.meth = GLP_PRIMAL;
	sp.tm_lim = tm_ms(time_limit);
	rc = glp_simplex(lp->P, &sp);
	if (rc == 0 && glp_get_status(lp->P) != GLP_OPT)
		rc = glp_get_status(lp->P) == GLP_NOFEAS ? GLP_ENOPFS : -1;
	if (rc != 0) {
		ro_lp_disarm();
		*res = rc == GLP_ENOPFS ? RO_LP_INFEASIBLE : RO_LP_TIMEOUT;
		if (rc != GLP_ENOPFS && rc != GLP_ETMLIM) {
			ro_diag_add(d, NULL, 0, "GLPK simplex failed before the "
				    "branch-and-bound (code %d)", rc);
			return RO_ESOLVER;
		}
		return RO_OK;
	}
	m.bound = glp_get_obj_val(lp->P);
	glp_init_iocp(&io);
	io.msg_lev = GLP_MSG_OFF;
	io.presolve = GLP_OFF;
	io.mip_gap = gap;
	io.cb_func = mip_callback;
	io.cb_info = &m;
	io.tm_lim = tm_ms(time_limit > 0 ? time_limit - (ro_clock() - t0) : 0);
	io.br_tech = GLP_BR_DTH;
	io.bt_tech = GLP_BT_BLB;
	/* Cuts chosen by measurement on examples/midsize.xml, completion
	 * stage, 30 s limit (docs/solver.md): none 0.77 % gap at the limit;
	 * MIR alone optimal in 1.25 s; Gomory or cover alone no better than
	 * none; MIR + Gomory optimal in 0.40 s (weekday 0.27 s); all four
	 * 0.84 s.  The feasibility pump and proximity search found nothing
	 * better than the injected plan. */
	io.mir_cuts = GLP_ON;
	io.gmi_cuts = GLP_ON;
	rc = glp_intopt(lp->P, &io);
	st = glp_mip_status(lp->P);
	lp->has_basis = false;
	ro_lp_disarm();
	*obj = 0;
	*bound = m.bound;
	if (st == GLP_OPT) {
		*res = rc == 0 ? RO_LP_OPTIMAL : RO_LP_FEASIBLE;
		if (rc == 0 && gap <= 0)
			*bound = glp_mip_obj_val(lp->P);
	} else if (st == GLP_FEAS) {
		*res = RO_LP_FEASIBLE;
	} else if (st == GLP_NOFEAS) {
		*res = RO_LP_INFEASIBLE;
		return RO_OK;
	} else {
		*res = RO_LP_TIMEOUT;
		return RO_OK;
	}
	*obj = glp_mip_obj_val(lp->P);
	if (y)
		get_solution(lp, y, true);
	(void)m.interrupted;
	return RO_OK;
}
