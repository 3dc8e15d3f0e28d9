/*
 * lp.c - building and solving the aggregated program with GLPK.
 *
 * GLPK aborts the process on misuse or internal failure unless an error
 * hook takes over (GLPK manual §2.1.2, §6.1.13).  Every public function
 * here arms a setjmp point first; the hook longjmps to it, then
 * glp_free_env() reclaims the environment, which destroys every GLPK
 * object: a generation counter marks all handles of the old environment
 * dead.  GLPK's terminal output is captured (never printed) so that its
 * last words can be reported.
 */
#include "lp.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glpk.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "clock.h"

struct ro_lp {
	glp_prob *P;
	unsigned gen;             /* GLPK environment generation */
	const struct ro_inst *in;
	bool peak;
	int *col;                 /* ncand: column (1-based) or 0 */
	int zcol;                 /* peak variable column, 0 if none */
	int wrow;                 /* weight row */
	int nrows, ncols;
	long nnz;
	bool has_basis;           /* the last LP ended optimal: warm start */
};

/* The guard: one at a time (GLPK is not thread-safe either). */
static jmp_buf *guard;
static unsigned generation = 1;
static char glpk_words[1024];

static int term_hook(void *info, const char *s)
{
	size_t have = strlen(glpk_words), add = strlen(s);

	(void)info;
	if (have + add >= sizeof glpk_words) {
		/* keep the tail: the error is in the last lines */
		size_t keep = sizeof glpk_words / 2;
		if (have > keep) {
			memmove(glpk_words, glpk_words + have - keep, keep);
			glpk_words[keep] = '\0';
			have = keep;
		}
		if (add >= sizeof glpk_words - have)
			add = sizeof glpk_words - have - 1;
	}
	memcpy(glpk_words + have, s, add);
	glpk_words[have + add] = '\0';
	return 1;   /* never print */
}

static void error_hook(void *info)
{
	(void)info;
	longjmp(*guard, 1);
}

static void arm(jmp_buf *jb)
{
	guard = jb;
	glpk_words[0] = '\0';
	glp_term_hook(term_hook, NULL);
	glp_error_hook(error_hook, NULL);
}

static void disarm(void)
{
	glp_error_hook(NULL, NULL);
	guard = NULL;
}

/* After a longjmp out of GLPK: free the environment, report its words. */
static int glpk_failed(struct ro_lp *lp, struct ro_diag *d, const char *what)
{
	char msg[sizeof glpk_words];
	size_t n;

	snprintf(msg, sizeof msg, "%s", glpk_words);
	for (n = strlen(msg); n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ');)
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	glp_free_env();
	generation++;
	guard = NULL;
	if (lp)
		lp->P = NULL;
	ro_diag_add(d, NULL, 0, "GLPK failed while %s: %s", what,
		    *msg ? msg : "no message");
	return RO_ESOLVER;
}

static bool alive(const struct ro_lp *lp)
{
	return lp && lp->P && lp->gen == generation;
}

static int dead(struct ro_diag *d)
{
	ro_diag_add(d, NULL, 0, "GLPK is unusable after an earlier failure");
	return RO_ESOLVER;
}

void ro_lp_size(const struct ro_lp *lp, int *rows, int *cols, long *nnz)
{
	*rows = lp->nrows;
	*cols = lp->ncols;
	*nnz = lp->nnz;
}

/* Rows that could bind: potential load above capacity. */
struct rowmap {
	int *link, *srv, *rb;   /* (index * T + t) -> row, 0: none */
	int64_t *rhs;           /* link rows: capacity, tightened */
};


static int map_rows(const struct ro_inst *in, const int64_t *cap,
		    int32_t dl, bool peak, struct rowmap *m, int *nrows)
{
	const int32_t T = in->T;
	size_t lt = (in->nlinks ? in->nlinks : 1) * (size_t)T;
	size_t st = (in->nservers ? in->nservers : 1) * (size_t)T;
	struct ro_potential pot;
	int row = *nrows;

	m->link = ro_calloc(lt, sizeof *m->link);
	m->srv = ro_calloc(st, sizeof *m->srv);
	m->rb = ro_calloc(lt, sizeof *m->rb);
	m->rhs = ro_calloc(lt, sizeof *m->rhs);
	if (!m->link || !m->srv || !m->rb || !m->rhs ||
	    ro_inst_potential(in, dl, &pot) != RO_OK)
		return RO_ENOMEM;
	/* Every charge on a link-slot is a multiple of g, so is the load: the
	 * capacity can be rounded down to a multiple of g (a Chvatal-Gomory
	 * rounding).  With one kind of client on a link this turns the
	 * knapsack row into its integer hull: "at most floor(U / q)". */
	for (size_t i = 0; i < in->nlinks * (size_t)T; i++) {
		int64_t g = pot.gcd[i];
		m->rhs[i] = g > 0 ? cap[i] / g * g : cap[i];
		if (peak ? pot.link[i] > 0 : pot.link[i] > (double)m->rhs[i])
			m->link[i] = ++row;
	}
	for (size_t k = 0; k < in->nservers; k++)
		for (int32_t t = 0; t < T; t++)
			if (in->M[k] > 0 && pot.srv[k * T + t] > in->M[k])
				m->srv[k * T + t] = ++row;
	for (size_t i = 0; in->rcap > 0 && i < in->nlinks * (size_t)T; i++)
		if (pot.rb[i] > in->rcap)
			m->rb[i] = ++row;
	*nrows = row;
	ro_potential_release(&pot);
	return RO_OK;
}

static void rowmap_release(struct rowmap *m)
{
	ro_free(m->link);
	ro_free(m->srv);
	ro_free(m->rb);
	ro_free(m->rhs);
}

/* Triplets of the matrix (1-based, GLPK's glp_load_matrix layout). */
struct trip {
	int *ia, *ja;
	double *ar;
	long n, cap;
};

static bool trip_add(struct trip *tr, int i, int j, double v)
{
	if (tr->n + 1 >= tr->cap) {
		long cap = tr->cap ? 2 * tr->cap : 65536;
		int *ia = ro_reallocarray(tr->ia, (size_t)cap, sizeof *ia);
		if (ia)
			tr->ia = ia;
		int *ja = ia ? ro_reallocarray(tr->ja, (size_t)cap, sizeof *ja) : NULL;
		if (ja)
			tr->ja = ja;
		double *ar = ja ? ro_reallocarray(tr->ar, (size_t)cap, sizeof *ar) : NULL;
		if (!ar)
			return false;
		tr->ar = ar;
		tr->cap = cap;
	}
	tr->n++;
	tr->ia[tr->n] = i;
	tr->ja[tr->n] = j;
	tr->ar[tr->n] = v;
	return true;
}

static int fill_triplets(struct ro_lp *lp, const int64_t *cap,
			 const struct rowmap *m, struct trip *tr)
{
	const struct ro_inst *in = lp->in;
	const int32_t T = in->T;

	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			const struct ro_cand *cd = &in->cand[j];
			int col = lp->col[j];
			if (!col)
				continue;
			if (!trip_add(tr, (int)c + 1, col, 1) ||
			    !trip_add(tr, lp->wrow, col, (double)k->w))
				return RO_ENOMEM;
			for (int32_t p = 0; p < k->path_len; p++) {
				size_t base = (size_t)in->paths[k->path_off + p] * T;
				for (int32_t t = cd->s; t < cd->s + k->d; t++)
					if (m->link[base + t] &&
					    !trip_add(tr, m->link[base + t], col,
						      (double)k->q))
						return RO_ENOMEM;
			}
			for (int32_t t = cd->s; t < cd->s + k->d; t++) {
				int r = m->srv[(size_t)k->server * T + t];
				if (r && !trip_add(tr, r, col, 1))
					return RO_ENOMEM;
			}
			int32_t f = ro_inst_reboot_first(in, k, cd->s);
			for (int32_t t = f; t < f + k->r; t++) {
				int r = m->rb[(size_t)k->segment * T + t];
				if (r && !trip_add(tr, r, col, 1))
					return RO_ENOMEM;
			}
		}
	}
	if (lp->zcol)
		for (size_t i = 0; i < in->nlinks * (size_t)T; i++)
			if (m->link[i] &&
			    !trip_add(tr, m->link[i], lp->zcol, -(double)cap[i]))
				return RO_ENOMEM;
	return RO_OK;
}

/* Names make --write-lp readable: y_<class>_<slot>, link_<id>_<slot>... */
static void name_rows(glp_prob *P, const struct ro_inst *in,
		      const struct rowmap *m, int wrow)
{
	const struct ro_site *s = in->site;
	const int32_t T = in->T;
	char buf[320];

	for (size_t c = 0; c < in->ncls; c++) {
		snprintf(buf, sizeof buf, "class_%zu", c);
		glp_set_row_name(P, (int)c + 1, buf);
	}
	for (size_t l = 0; l < in->nlinks; l++)
		for (int32_t t = 0; t < T; t++) {
			if (m->link[l * T + t]) {
				snprintf(buf, sizeof buf, "link_%.200s_%d",
					 ro_site_str(s, s->links[l].id), t);
				glp_set_row_name(P, m->link[l * T + t], buf);
			}
			if (m->rb[l * T + t]) {
				snprintf(buf, sizeof buf, "reboot_%.200s_%d",
					 ro_site_str(s, s->links[l].id), t);
				glp_set_row_name(P, m->rb[l * T + t], buf);
			}
		}
	for (size_t k = 0; k < in->nservers; k++)
		for (int32_t t = 0; t < T; t++)
			if (m->srv[k * T + t]) {
				snprintf(buf, sizeof buf, "cap_%.200s_%d",
					 ro_site_str(s, s->servers[k].id), t);
				glp_set_row_name(P, m->srv[k * T + t], buf);
			}
	glp_set_row_name(P, wrow, "weight");
}

/* Hands the prepared rows, columns and triplets to GLPK.  Kept apart from
 * the preparation so that nothing it changes lives across the setjmp. */
static int glpk_load(struct ro_lp *lp, const struct rowmap *m, const struct trip *tr,
		     int mem_limit_mb, struct ro_diag *d)
{
	const struct ro_inst *in = lp->in;
	jmp_buf jb;

	if (setjmp(jb))
		return glpk_failed(lp, d, "building the model");
	arm(&jb);
	if (mem_limit_mb > 0)
		glp_mem_limit(mem_limit_mb);
	lp->P = glp_create_prob();
	lp->gen = generation;
	glp_set_prob_name(lp->P, "rollout");
	glp_add_rows(lp->P, lp->nrows);
	glp_add_cols(lp->P, lp->ncols);
	for (size_t c = 0; c < in->ncls; c++)
		glp_set_row_bnds(lp->P, (int)c + 1, GLP_UP, 0, in->cls[c].n);
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (m->link[i])
			glp_set_row_bnds(lp->P, m->link[i], GLP_UP, 0,
					 lp->peak ? 0 : (double)m->rhs[i]);
	for (size_t k = 0; k < in->nservers; k++)
		for (int32_t t = 0; t < in->T; t++)
			if (m->srv[k * in->T + t])
				glp_set_row_bnds(lp->P, m->srv[k * in->T + t],
						 GLP_UP, 0, in->M[k]);
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (m->rb[i])
			glp_set_row_bnds(lp->P, m->rb[i], GLP_UP, 0, in->rcap);
	glp_set_row_bnds(lp->P, lp->wrow, GLP_FR, 0, 0);
	name_rows(lp->P, in, m, lp->wrow);
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int col = lp->col[k->cand_off + i];
			char buf[64];
			if (!col)
				continue;
			snprintf(buf, sizeof buf, "y_%zu_%d", c,
				 (int)in->cand[k->cand_off + i].s);
			glp_set_col_name(lp->P, col, buf);
			glp_set_col_kind(lp->P, col, GLP_IV);
			glp_set_col_bnds(lp->P, col, GLP_DB, 0, k->n);
		}
	}
	if (lp->zcol) {
		glp_set_col_name(lp->P, lp->zcol, "peak");
		glp_set_col_bnds(lp->P, lp->zcol, GLP_DB, 0, 1);
	}
	if (tr->n > 0)
		glp_load_matrix(lp->P, (int)tr->n, tr->ia, tr->ja, tr->ar);
	glp_scale_prob(lp->P, GLP_SF_AUTO);
	disarm();
	return RO_OK;
}

int ro_lp_new(struct ro_lp **out, const struct ro_inst *in, const int64_t *cap,
	      int32_t horizon_deadline, bool peak, int mem_limit_mb,
	      struct ro_diag *d)
{
	struct ro_lp *lp = ro_calloc(1, sizeof *lp);
	struct rowmap m = { 0 };
	struct trip tr = { 0 };
	int nrows = (int)in->ncls, err = RO_ENOMEM;

	*out = NULL;
	if (!lp || !(lp->col = ro_calloc(in->ncand ? in->ncand : 1,
					 sizeof *lp->col)))
		goto out;
	lp->in = in;
	lp->peak = peak;
	for (size_t j = 0; j < in->ncand; j++)
		if (in->cand[j].e <= horizon_deadline)
			lp->col[j] = ++lp->ncols;
	if (peak)
		lp->zcol = ++lp->ncols;
	if ((err = map_rows(in, cap, horizon_deadline, peak, &m, &nrows)))
		goto out;
	lp->wrow = ++nrows;
	lp->nrows = nrows;
	if ((err = fill_triplets(lp, cap, &m, &tr)))
		goto out;
	lp->nnz = tr.n;
	err = glpk_load(lp, &m, &tr, mem_limit_mb, d);
out:
	if (err == RO_ENOMEM)
		ro_diag_add(d, NULL, 0, "out of memory while building the program");
	rowmap_release(&m);
	ro_free(tr.ia);
	ro_free(tr.ja);
	ro_free(tr.ar);
	if (err) {
		ro_lp_free(lp);
		return err;
	}
	*out = lp;
	return RO_OK;
}

void ro_lp_free(struct ro_lp *lp)
{
	if (!lp)
		return;
	if (alive(lp)) {
		jmp_buf jb;
		if (setjmp(jb) == 0) {
			arm(&jb);
			glp_delete_prob(lp->P);
			disarm();
		} else {
			glp_free_env();
			generation++;
			guard = NULL;
		}
	}
	ro_free(lp->col);
	ro_free(lp);
}

int ro_lp_set_deadline(struct ro_lp *lp, int32_t deadline, struct ro_diag *d)
{
	const struct ro_inst *in;
	jmp_buf jb;

	if (!alive(lp))
		return dead(d);
	in = lp->in;
	if (setjmp(jb))
		return glpk_failed(lp, d, "setting a deadline");
	arm(&jb);
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int col = lp->col[k->cand_off + i];
			if (!col)
				continue;
			if (in->cand[k->cand_off + i].e > deadline)
				glp_set_col_bnds(lp->P, col, GLP_FX, 0, 0);
			else
				glp_set_col_bnds(lp->P, col, GLP_DB, 0, k->n);
		}
	}
	disarm();
	return RO_OK;
}

int ro_lp_set_objective(struct ro_lp *lp, enum ro_lp_obj obj,
			double weight_floor, struct ro_diag *d)
{
	const struct ro_inst *in;
	jmp_buf jb;

	if (!alive(lp))
		return dead(d);
	in = lp->in;
	if (setjmp(jb))
		return glpk_failed(lp, d, "setting the objective");
	arm(&jb);
	glp_set_obj_dir(lp->P, obj == RO_LP_MAX_WEIGHT ? GLP_MAX : GLP_MIN);
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int col = lp->col[k->cand_off + i];
			double v = 0;
			if (!col)
				continue;
			if (obj == RO_LP_MAX_WEIGHT)
				v = (double)k->w;
			else if (obj == RO_LP_MIN_COMPLETION)
				v = in->cand[k->cand_off + i].e;
			glp_set_obj_coef(lp->P, col, v);
		}
	}
	if (lp->zcol)
		glp_set_obj_coef(lp->P, lp->zcol, obj == RO_LP_MIN_PEAK ? 1 : 0);
	if (obj == RO_LP_MAX_WEIGHT)
		glp_set_row_bnds(lp->P, lp->wrow, GLP_FR, 0, 0);
	else
		glp_set_row_bnds(lp->P, lp->wrow, GLP_LO, weight_floor, 0);
	disarm();
	return RO_OK;
}

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

	if (!alive(lp))
		return dead(d);
	if (setjmp(jb))
		return glpk_failed(lp, d, "solving the LP relaxation");
	arm(&jb);
	glp_init_smcp(&p);
	p.msg_lev = GLP_MSG_OFF;
	p.tm_lim = tm_ms(time_limit);
	if (lp->has_basis) {
		/* after a deadline or objective change the last optimal basis
		 * is a good start: dual simplex (then primal if need be) */
		p.meth = GLP_DUALP;
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
	disarm();
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
			    glpk_words[0] ? glpk_words : "no message");
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

static void mip_callback(glp_tree *tree, void *info)
{
	struct mipctx *m = info;
	int reason = glp_ios_reason(tree);
	int node = glp_ios_best_node(tree);

	if (node)
		m->bound = glp_ios_node_bound(tree, node);
	if (reason == GLP_IHEUR && !m->injected && m->start) {
		const struct ro_inst *in = m->lp->in;
		int n = m->lp->ncols;
		double *x = ro_calloc((size_t)n + 1, sizeof *x);
		m->injected = true;
		if (x) {
			for (size_t j = 0; j < in->ncand; j++)
				if (m->lp->col[j])
					x[m->lp->col[j]] = m->start[j];
			glp_ios_heur_sol(tree, x);
			ro_free(x);
		}
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

	if (!alive(lp))
		return dead(d);
	m.lp = lp;
	m.start = start;
	m.interrupt = interrupt;
	m.cb = cb;
	m.ud = ud;
	m.stop_at = time_limit > 0 ? t0 + time_limit : 0;
	m.last_report = t0;
	if (setjmp(jb))
		return glpk_failed(lp, d, "solving the integer program");
	arm(&jb);
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
		disarm();
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
	disarm();
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

/* GLPK writes to a path: give it a temporary one beside the target and
 * rename, so a failed export leaves nothing behind. */
static int write_one(struct ro_lp *lp, const char *path, bool mps,
		     struct ro_diag *d)
{
	size_t n = strlen(path) + 16;
	char *tmp = ro_malloc(n);
	int fd, rc;
	jmp_buf jb;

	if (!tmp)
		return RO_ENOMEM;
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ro_diag_add(d, NULL, 0, "cannot write '%s': %s", path,
			    strerror(errno));
		ro_free(tmp);
		return RO_EIO;
	}
	close(fd);
	if (setjmp(jb)) {
		unlink(tmp);
		ro_free(tmp);
		return glpk_failed(lp, d, "writing the model");
	}
	arm(&jb);
	rc = mps ? glp_write_mps(lp->P, GLP_MPS_FILE, NULL, tmp)
		 : glp_write_lp(lp->P, NULL, tmp);
	disarm();
	if (rc != 0 || rename(tmp, path) != 0) {
		ro_diag_add(d, NULL, 0, "cannot write '%s': %s", path,
			    rc ? "GLPK could not write the model" : strerror(errno));
		unlink(tmp);
		ro_free(tmp);
		return RO_EIO;
	}
	ro_free(tmp);
	return RO_OK;
}

int ro_lp_write(struct ro_lp *lp, const char *lp_path, const char *mps_path,
		struct ro_diag *d)
{
	int err = RO_OK;

	if (!alive(lp))
		return dead(d);
	if (lp_path)
		err = write_one(lp, lp_path, false, d);
	if (!err && mps_path)
		err = write_one(lp, mps_path, true, d);
	return err;
}
