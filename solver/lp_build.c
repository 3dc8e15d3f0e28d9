/*
 * lp_build.c - the aggregated program in GLPK: rows by resource and slot
 * (count rows, pattern rows), the columns of the candidate starts, and the
 * setters that change bounds and objective between solves (lp.h).  Every
 * GLPK call runs under the guard of lp.c.
 */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glpk.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "lp_priv.h"

__extension__ typedef __int128 i128;

/* Rows that could bind: potential load above capacity. */
#define NCOUNT 4            /* count rows per link-slot, at most */

struct rowmap {
	int *link, *srv, *rb;   /* (index * T + t) -> row, 0: none */
	int64_t *rhs;           /* link rows: capacity, tightened */
	/* count rows of link-slot i: cg[i * NCOUNT + r] (0: none), with
	 * coefficients floor(q / cgdiv) and right side cgb */
	int *cg;
	int64_t *cgdiv, *cgb;
	int32_t *pat;           /* link-slot -> its pslot + 1, 0: none */
};

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The distinct charges of the classes on each link, sorted (CSR). */
static int link_charges(const struct ro_inst *in, int32_t **off_out,
			int64_t **q_out)
{
	size_t total = 0;
	int32_t *off = ro_calloc(in->nlinks + 2, sizeof *off), *fill;
	int64_t *q;

	for (size_t c = 0; c < in->ncls; c++)
		total += (size_t)in->cls[c].path_len;
	q = ro_malloc((total + 1) * sizeof *q);
	fill = ro_malloc((in->nlinks + 1) * sizeof *fill);
	if (!off || !q || !fill) {
		ro_free(off);
		ro_free(q);
		ro_free(fill);
		return RO_ENOMEM;
	}
	for (size_t c = 0; c < in->ncls; c++)
		for (int32_t p = 0; p < in->cls[c].path_len; p++)
			off[in->paths[in->cls[c].path_off + p] + 1]++;
	for (size_t l = 0; l < in->nlinks; l++)
		off[l + 1] += off[l];
	memcpy(fill, off, in->nlinks * sizeof *fill);
	for (size_t c = 0; c < in->ncls; c++)
		for (int32_t p = 0; p < in->cls[c].path_len; p++)
			q[fill[in->paths[in->cls[c].path_off + p]]++] = in->cls[c].q;
	/* sort and squeeze each link's list in place */
	int32_t w = 0;
	for (size_t l = 0; l < in->nlinks; l++) {
		int32_t b = off[l], e = off[l + 1], start = w;
		qsort(q + b, (size_t)(e - b), sizeof *q, cmp_i64);
		for (int32_t i = b; i < e; i++)
			if (i == b || q[i] != q[i - 1])
				q[w++] = q[i];
		off[l] = start;
	}
	off[in->nlinks] = w;
	ro_free(fill);
	*off_out = off;
	*q_out = q;
	return RO_OK;
}

/* Whether row (a1 = floor(q / l1), b1) implies row (floor(q / l2), b2)
 * for the charges q[0..n) from qmin on: a2 / b2 <= a1 / b1 for each. */
static bool count_implies(const int64_t *q, int32_t n, int64_t qmin,
			  int64_t l1, int64_t b1, int64_t l2, int64_t b2)
{
	for (int32_t i = 0; i < n; i++)
		if (q[i] >= qmin && (i128)(q[i] / l2) * b1 > (i128)(q[i] / l1) * b2)
			return false;
	return true;
}

/* The count rows.  On a slow link a transfer takes most of a slot's
 * capacity, so the knapsack row sum q y <= R lets the LP pack 1.7 clients
 * where only one fits.  For any lambda > 0, sum floor(q / lambda) y <=
 * floor(R / lambda) is valid for integer y (a Chvatal-Gomory rounding).
 * Two kinds of lambda are used: the least charge on the link-slot ("at
 * most floor(R / qmin) at a time", the integer hull when every charge is
 * below 2 qmin and R < 2 qmin), and floor(R / (k + 1)) + 1 for k = 1, 2,
 * ..., which says "at most k of the transfers larger than R / (k + 1)"
 * (the dual-feasible functions of bin packing).  A row is left out when
 * the knapsack row or an earlier count row implies it; the knapsack row
 * is left out when a count row implies it.  The checks run over every
 * charge the link sees at any time from qmin on, a superset of those in
 * the slot, so what is left out is implied. */
static int map_count_rows(const struct ro_inst *in, const struct ro_potential *pot,
			  struct rowmap *m)
{
	const int32_t T = in->T;
	int32_t *off;
	int64_t *qs;
	int err = link_charges(in, &off, &qs);

	if (err)
		return err;
	for (size_t l = 0; l < in->nlinks; l++) {
		const int64_t *q = qs + off[l];
		int32_t nq = off[l + 1] - off[l];
		for (int32_t t = 0; t < T; t++) {
			size_t i = l * T + (size_t)t;
			int64_t R = m->rhs[i], qmin = pot->qmin[i];
			int64_t lam[NCOUNT + 1], bs[NCOUNT + 1];
			int nr = 0, ncand = 0;
			bool knap = true;

			if (!m->link[i] || qmin <= 0 || R / qmin < 1)
				continue;
			lam[ncand] = qmin;
			bs[ncand++] = R / qmin;
			for (int64_t k = 1; k < R / qmin && ncand < NCOUNT + 1; k++) {
				lam[ncand] = R / (k + 1) + 1;
				bs[ncand++] = k;
			}
			for (int x = 0; x < ncand && nr < NCOUNT; x++) {
				bool keep = false, dup = false;
				/* implied by the knapsack row: a R <= q b for all */
				for (int32_t j = 0; j < nq && !keep; j++)
					if (q[j] >= qmin && (i128)(q[j] / lam[x]) * R >
								(i128)q[j] * bs[x])
						keep = true;
				for (int y = 0; y < nr && keep && !dup; y++) {
					size_t o = i * NCOUNT + (size_t)y;
					dup = count_implies(q, nq, qmin, m->cgdiv[o],
							    m->cgb[o], lam[x], bs[x]);
				}
				if (!keep || dup)
					continue;
				size_t o = i * NCOUNT + (size_t)nr++;
				m->cg[o] = 1;
				m->cgdiv[o] = lam[x];
				m->cgb[o] = bs[x];
				/* the knapsack row is implied: q b <= R a */
				bool implies = true;
				for (int32_t j = 0; j < nq && implies; j++)
					if (q[j] >= qmin &&
					    (i128)q[j] * bs[x] > (i128)R * (q[j] / lam[x]))
						implies = false;
				if (implies)
					knap = false;
			}
			if (!knap)
				m->link[i] = 0;
		}
	}
	ro_free(off);
	ro_free(qs);
	return RO_OK;
}

/* Patterns for a link-slot where they stay few (else the knapsack and
 * count rows describe it).  Sets are shared by the slots of a link with
 * the same capacity. */
#define MAXPAT 64

static int pattern_set(struct ro_lp *lp, const int64_t *q, int32_t nq,
		       int64_t R, int32_t *set)
{
	struct ro_patset ps;
	int err;

	err = ro_patset_build(&ps, q, nq, R, MAXPAT);
	if (err == RO_ELIMIT) {
		*set = -1;
		return RO_OK;
	}
	if (err)
		return err;
	struct ro_patset *sets = ro_reallocarray(lp->sets, (size_t)lp->nsets + 1,
						 sizeof *sets);
	if (!sets) {
		ro_patset_release(&ps);
		return RO_ENOMEM;
	}
	lp->sets = sets;
	lp->sets[lp->nsets] = ps;
	*set = lp->nsets++;
	return RO_OK;
}

static int map_pattern_rows(struct ro_lp *lp, const struct ro_inst *in,
			    struct rowmap *m)
{
	const int32_t T = in->T;
	int32_t *off;
	int64_t *qs;
	int err = link_charges(in, &off, &qs);
	struct cache { int64_t R; int32_t set; } *cache = NULL;
	size_t ncache = 0, cache_cap = 0;

	if (err)
		return err;
	for (size_t l = 0; l < in->nlinks && !err; l++) {
		ncache = 0;
		for (int32_t t = 0; t < T; t++) {
			size_t i = l * T + (size_t)t;
			int64_t R = m->rhs[i];
			int32_t set = -2;
			if (!m->link[i])
				continue;
			for (size_t x = 0; x < ncache; x++)
				if (cache[x].R == R)
					set = cache[x].set;
			if (set == -2) {
				err = pattern_set(lp, qs + off[l],
						  off[l + 1] - off[l], R, &set);
				if (err)
					break;
				if (ncache == cache_cap) {
					size_t nc = cache_cap ? 2 * cache_cap : 8;
					void *c2 = ro_reallocarray(cache, nc, sizeof *cache);
					if (!c2) {
						err = RO_ENOMEM;
						break;
					}
					cache = c2;
					cache_cap = nc;
				}
				cache[ncache].R = R;
				cache[ncache++].set = set;
			}
			if (set < 0)
				continue;
			struct pslot *ps = ro_reallocarray(lp->ps, (size_t)lp->nps + 1,
							   sizeof *ps);
			if (!ps) {
				err = RO_ENOMEM;
				break;
			}
			lp->ps = ps;
			lp->ps[lp->nps] = (struct pslot){ (int32_t)l, t, set, 0, 0 };
			m->pat[i] = ++lp->nps;
			m->link[i] = 0;     /* the patterns say more */
		}
	}
	ro_free(cache);
	ro_free(off);
	ro_free(qs);
	return err;
}

/* The rows are valid for every candidate that ends by dl (their
 * potential decides which rows could bind, the gcd rounding and the count
 * and pattern rows), so that candidates beyond the program's columns can
 * be priced against them; but only slots before cols_dl, the last slot a
 * column of the program uses, get rows. */
static int map_rows(struct ro_lp *lp, const struct ro_inst *in,
		    const int64_t *cap, int32_t dl, int32_t cols_dl,
		    enum ro_lp_form form, struct rowmap *m, int *nrows)
{
	bool peak = form == RO_LP_PEAK;
	const int32_t T = in->T;
	size_t lt = (in->nlinks ? in->nlinks : 1) * (size_t)T;
	size_t st = (in->nservers ? in->nservers : 1) * (size_t)T;
	struct ro_potential pot;
	int row = *nrows, err;

	m->link = ro_calloc(lt, sizeof *m->link);
	m->srv = ro_calloc(st, sizeof *m->srv);
	m->rb = ro_calloc(lt, sizeof *m->rb);
	m->rhs = ro_calloc(lt, sizeof *m->rhs);
	m->cg = ro_calloc(lt * NCOUNT, sizeof *m->cg);
	m->cgdiv = ro_calloc(lt * NCOUNT, sizeof *m->cgdiv);
	m->cgb = ro_calloc(lt * NCOUNT, sizeof *m->cgb);
	m->pat = ro_calloc(lt, sizeof *m->pat);
	if (!m->link || !m->srv || !m->rb || !m->rhs || !m->cg || !m->cgdiv ||
	    !m->cgb || !m->pat ||
	    ro_inst_potential(in, dl, &pot) != RO_OK)
		return RO_ENOMEM;
	/* Every charge on a link-slot is a multiple of g, so is the load: the
	 * capacity can be rounded down to a multiple of g (a Chvatal-Gomory
	 * rounding).  With one kind of client on a link this turns the
	 * knapsack row into its integer hull: "at most floor(U / q)". */
	for (size_t i = 0; i < in->nlinks * (size_t)T; i++) {
		int64_t g = pot.gcd[i];
		m->rhs[i] = g > 0 && form != RO_LP_PLAIN ? cap[i] / g * g : cap[i];
		if ((int32_t)(i % (size_t)T) >= cols_dl)
			continue;
		if (peak ? pot.link[i] > 0 : pot.link[i] > (double)m->rhs[i])
			m->link[i] = 1;
	}
	/* the count rows need integral capacities: not for the peak form,
	 * whose rows scale with z */
	if (!peak && form != RO_LP_PLAIN && ((form == RO_LP_PATTERNS &&
		       (err = map_pattern_rows(lp, in, m))) ||
		      (err = map_count_rows(in, &pot, m)))) {
		ro_potential_release(&pot);
		return err;
	}
	for (size_t i = 0; i < in->nlinks * (size_t)T; i++) {
		if (m->link[i])
			m->link[i] = ++row;
		if (m->pat[i]) {
			struct pslot *ps = &lp->ps[m->pat[i] - 1];
			ps->row = ++row;
			row += lp->sets[ps->set].ntypes;
		}
		for (int x = 0; x < NCOUNT; x++)
			if (m->cg[i * NCOUNT + x])
				m->cg[i * NCOUNT + x] = ++row;
	}
	for (size_t i = 0; i < in->nservers * (size_t)T; i++)
		if (pot.srv[i] > in->M[i] && (int32_t)(i % (size_t)T) < cols_dl)
			m->srv[i] = ++row;
	for (size_t i = 0; i < in->nlinks * (size_t)T; i++)
		if (pot.rb[i] > in->R[i] && (int32_t)(i % (size_t)T) < cols_dl)
			m->rb[i] = ++row;
	*nrows = row;
	ro_potential_release(&pot);
	return RO_OK;
}

void ro_lp_rowmap_release(struct rowmap *m)
{
	ro_free(m->link);
	ro_free(m->srv);
	ro_free(m->rb);
	ro_free(m->rhs);
	ro_free(m->cg);
	ro_free(m->cgdiv);
	ro_free(m->cgb);
	ro_free(m->pat);
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
		long cap = tr->cap ? 2 * tr->cap : 4096;
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

/* The rows of candidate j of class c and its coefficients in them, into
 * rows/vals (room for ro_lp_col_room(lp, c) entries); rows that are not
 * in the program (rhs never reached, or beyond its deadline) are skipped.
 * Returns how many. */
int32_t ro_lp_col_room(const struct ro_lp *lp, size_t c)
{
	const struct ro_cls *k = &lp->in->cls[c];
	(void)lp;
	return 2 + k->path_len * k->d * (2 + NCOUNT) + k->d + k->r;
}

int32_t ro_lp_col_rows(const struct ro_lp *lp, size_t c, int32_t j,
		       int *rows, double *vals)
{
	const struct ro_inst *in = lp->in;
	const struct rowmap *m = lp->map;
	const struct ro_cls *k = &in->cls[c];
	const struct ro_cand *cd = &in->cand[j];
	const int32_t T = in->T;
	int32_t n = 0;

	rows[n] = (int)c + 1, vals[n++] = 1;
	rows[n] = lp->wrow, vals[n++] = (double)k->w;
	for (int32_t p = 0; p < k->path_len; p++) {
		size_t base = (size_t)in->paths[k->path_off + p] * T;
		for (int32_t t = cd->s; t < cd->s + k->d && t < T; t++) {
			size_t i = base + (size_t)t;
			if (m->link[i])
				rows[n] = m->link[i], vals[n++] = (double)k->q;
			if (m->pat[i]) {
				const struct pslot *ps = &lp->ps[m->pat[i] - 1];
				int32_t ty = ro_patset_type(&lp->sets[ps->set], k->q);
				if (ty >= 0)
					rows[n] = ps->row + 1 + ty, vals[n++] = 1;
			}
			for (size_t x = i * NCOUNT; x < (i + 1) * NCOUNT; x++)
				if (m->cg[x] && k->q / m->cgdiv[x] > 0)
					rows[n] = m->cg[x],
					vals[n++] = (double)(k->q / m->cgdiv[x]);
		}
	}
	for (int32_t t = cd->s; t < cd->s + k->d && t < T; t++) {
		int r = m->srv[(size_t)k->server * T + t];
		if (r)
			rows[n] = r, vals[n++] = 1;
	}
	for (int32_t t = cd->rb; t < cd->rb + k->r && t < T; t++) {
		int r = m->rb[(size_t)k->segment * T + t];
		if (r)
			rows[n] = r, vals[n++] = 1;
	}
	return n;
}

static int fill_triplets(struct ro_lp *lp, const int64_t *cap, struct trip *tr)
{
	const struct ro_inst *in = lp->in;
	const struct rowmap *m = lp->map;
	const int32_t T = in->T;
	int32_t room = 0;
	int *rows = NULL;
	double *vals = NULL;

	for (size_t c = 0; c < in->ncls; c++)
		room = ro_lp_col_room(lp, c) > room ? ro_lp_col_room(lp, c) : room;
	rows = ro_malloc((size_t)room * sizeof *rows);
	vals = ro_malloc((size_t)room * sizeof *vals);
	if (!rows || !vals)
		goto nomem;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			int col = lp->col[j];
			if (!col)
				continue;
			int32_t n = ro_lp_col_rows(lp, c, j, rows, vals);
			for (int32_t x = 0; x < n; x++)
				if (!trip_add(tr, rows[x], col, vals[x]))
					goto nomem;
		}
	}
	ro_free(rows);
	ro_free(vals);
	for (int32_t x = 0; x < lp->nps; x++) {
		const struct pslot *ps = &lp->ps[x];
		const struct ro_patset *set = &lp->sets[ps->set];
		for (int32_t p = 0; p < set->npat; p++) {
			const uint16_t *a = set->a + (size_t)p * (size_t)set->ntypes;
			if (!trip_add(tr, ps->row, ps->col + p, 1))
				return RO_ENOMEM;
			for (int32_t ty = 0; ty < set->ntypes; ty++)
				if (a[ty] && !trip_add(tr, ps->row + 1 + ty,
						       ps->col + p, -(double)a[ty]))
					return RO_ENOMEM;
		}
	}
	if (lp->zcol)
		for (size_t i = 0; i < in->nlinks * (size_t)T; i++)
			if (m->link[i] &&
			    !trip_add(tr, m->link[i], lp->zcol, -(double)cap[i]))
				return RO_ENOMEM;
	return RO_OK;
nomem:
	ro_free(rows);
	ro_free(vals);
	return RO_ENOMEM;
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
			const char *id = ro_site_str(s,
				s->links[ro_inst_site_link(in, (int32_t)l)].id);
			if (m->link[l * T + t]) {
				snprintf(buf, sizeof buf, "link_%.200s_%d",
					 id, t);
				glp_set_row_name(P, m->link[l * T + t], buf);
			}
			for (int x = 0; x < NCOUNT; x++) {
				int row = m->cg[(l * T + t) * NCOUNT + x];
				if (!row)
					continue;
				snprintf(buf, sizeof buf, "count%d_%.200s_%d", x,
					 id, t);
				glp_set_row_name(P, row, buf);
			}
			if (m->rb[l * T + t]) {
				snprintf(buf, sizeof buf, "reboot_%.200s_%d",
					 id, t);
				glp_set_row_name(P, m->rb[l * T + t], buf);
			}
		}
	for (size_t k = 0; k < in->nservers; k++)
		for (int32_t t = 0; t < T; t++)
			if (m->srv[k * T + t]) {
				snprintf(buf, sizeof buf, "cap_%.200s_%d",
					 ro_site_str(s, s->servers[ro_inst_site_server(
						 in, (int32_t)k)].id), t);
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
		return ro_lp_glpk_failed(lp, d, "building the model");
	ro_lp_arm(&jb);
	if (mem_limit_mb > 0)
		glp_mem_limit(mem_limit_mb);
	lp->P = glp_create_prob();
	lp->gen = ro_lp_generation();
	glp_set_prob_name(lp->P, "rollout");
	glp_set_obj_name(lp->P, "obj");
	/* a deadline before every candidate leaves no column (GLPK refuses
	 * to add none) */
	if (lp->nrows > 0)
		glp_add_rows(lp->P, lp->nrows);
	if (lp->ncols > 0)
		glp_add_cols(lp->P, lp->ncols);
	for (size_t c = 0; c < in->ncls; c++)
		glp_set_row_bnds(lp->P, (int)c + 1, GLP_UP, 0, in->cls[c].n);
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (m->link[i])
			glp_set_row_bnds(lp->P, m->link[i], GLP_UP, 0,
					 lp->peak ? 0 : (double)m->rhs[i]);
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		for (int x = 0; x < NCOUNT; x++)
			if (m->cg[i * NCOUNT + x])
				glp_set_row_bnds(lp->P, m->cg[i * NCOUNT + x], GLP_UP,
						 0, (double)m->cgb[i * NCOUNT + x]);
	for (size_t i = 0; i < in->nservers * (size_t)in->T; i++)
		if (m->srv[i])
			glp_set_row_bnds(lp->P, m->srv[i], GLP_UP, 0, in->M[i]);
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (m->rb[i])
			glp_set_row_bnds(lp->P, m->rb[i], GLP_UP, 0, in->R[i]);
	glp_set_row_bnds(lp->P, lp->wrow, GLP_FR, 0, 0);
	name_rows(lp->P, in, m, lp->wrow);
	for (int32_t x = 0; x < lp->nps; x++) {
		const struct pslot *ps = &lp->ps[x];
		const struct ro_patset *set = &lp->sets[ps->set];
		const char *id = ro_site_str(in->site,
			in->site->links[ro_inst_site_link(in, ps->link)].id);
		char buf[320];
		snprintf(buf, sizeof buf, "slot_%.200s_%d", id, (int)ps->t);
		glp_set_row_name(lp->P, ps->row, buf);
		glp_set_row_bnds(lp->P, ps->row, GLP_UP, 0, 1);
		for (int32_t ty = 0; ty < set->ntypes; ty++) {
			snprintf(buf, sizeof buf, "size%d_%.200s_%d", (int)ty, id,
				 (int)ps->t);
			glp_set_row_name(lp->P, ps->row + 1 + ty, buf);
			glp_set_row_bnds(lp->P, ps->row + 1 + ty, GLP_UP, 0, 0);
		}
		for (int32_t p = 0; p < set->npat; p++) {
			snprintf(buf, sizeof buf, "pat_%.200s_%d_%d", id,
				 (int)ps->t, (int)p);
			glp_set_col_name(lp->P, ps->col + p, buf);
			glp_set_col_bnds(lp->P, ps->col + p, GLP_DB, 0, 1);
		}
	}
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
	ro_lp_disarm();
	return RO_OK;
}

int ro_lp_new(struct ro_lp **out, const struct ro_inst *in,
	      const struct ro_lp_spec *spec, struct ro_diag *d)
{
	const int64_t *cap = spec->cap;
	int32_t horizon_deadline = spec->deadline;
	int32_t rows_deadline = spec->rows_deadline;
	bool peak = spec->form == RO_LP_PEAK;
	struct ro_lp *lp = ro_calloc(1, sizeof *lp);
	struct trip tr = { 0 };
	int nrows = (int)in->ncls, err = RO_ENOMEM;

	*out = NULL;
	if (!lp || !(lp->col = ro_calloc(in->ncand ? in->ncand : 1,
					 sizeof *lp->col)) ||
	    !(lp->map = ro_calloc(1, sizeof *lp->map)))
		goto out;
	lp->in = in;
	lp->peak = peak;
	lp->deadline = horizon_deadline;
	for (size_t j = 0; j < in->ncand; j++)
		if (in->cand[j].e <= horizon_deadline)
			lp->col[j] = ++lp->ncols;
	if (peak)
		lp->zcol = ++lp->ncols;
	if (rows_deadline < horizon_deadline)
		rows_deadline = horizon_deadline;
	if ((err = map_rows(lp, in, cap, rows_deadline, horizon_deadline,
			    spec->form, lp->map, &nrows)))
		goto out;
	for (int32_t x = 0; x < lp->nps; x++) {
		lp->ps[x].col = lp->ncols + 1;
		lp->ncols += lp->sets[lp->ps[x].set].npat;
	}
	lp->wrow = ++nrows;
	lp->nrows = nrows;
	if ((err = fill_triplets(lp, cap, &tr)))
		goto out;
	lp->nnz = tr.n;
	err = glpk_load(lp, lp->map, &tr, spec->mem_limit_mb, d);
out:
	if (err == RO_ENOMEM)
		ro_diag_add(d, NULL, 0, "out of memory while building the program");
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
	if (ro_lp_alive(lp)) {
		jmp_buf jb;
		if (setjmp(jb) == 0) {
			ro_lp_arm(&jb);
			glp_delete_prob(lp->P);
			ro_lp_disarm();
		} else {
			ro_lp_env_reset();
		}
	}
	ro_free(lp->col);
	ro_free(lp->ps);
	for (int32_t i = 0; i < lp->nsets; i++)
		ro_patset_release(&lp->sets[i]);
	ro_free(lp->sets);
	if (lp->map)
		ro_lp_rowmap_release(lp->map);
	ro_free(lp->map);
	ro_free(lp);
}

/* The setters below change every candidate column the program has, one
 * at a time: each_col calls fn for class k's candidate j (column col),
 * inside the caller's GLPK guard. */
typedef void col_fn(struct ro_lp *lp, const struct ro_cls *k, int32_t j,
		    int col, void *arg);

static void each_col(struct ro_lp *lp, col_fn *fn, void *arg)
{
	const struct ro_inst *in = lp->in;

	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t j = k->cand_off; j < k->cand_off + k->ncand; j++)
			if (lp->col[j])
				fn(lp, k, j, lp->col[j], arg);
	}
}

/* Candidates ending after the deadline are fixed at 0. */
static void deadline_col(struct ro_lp *lp, const struct ro_cls *k,
			 int32_t j, int col, void *arg)
{
	int32_t deadline = *(const int32_t *)arg;

	if (lp->in->cand[j].e > deadline)
		glp_set_col_bnds(lp->P, col, GLP_FX, 0, 0);
	else
		glp_set_col_bnds(lp->P, col, GLP_DB, 0, k->n);
}

/* Candidate j is free when on[j], else fixed at 0; turning one off means
 * the program is no longer a loosening of the last one solved. */
static void choose_col(struct ro_lp *lp, const struct ro_cls *k,
		       int32_t j, int col, void *arg)
{
	const uint8_t *on = arg;
	bool was = glp_get_col_type(lp->P, col) != GLP_FX;

	if (was && !on[j])
		lp->loosened = false;
	if (was != (bool)on[j])
		glp_set_col_bnds(lp->P, col, on[j] ? GLP_DB : GLP_FX,
				 0, on[j] ? k->n : 0);
}

/* A candidate's cost: its class's weight (placed weight), its end slot
 * (completion sum), nothing (makespan, peak). */
static void objective_col(struct ro_lp *lp, const struct ro_cls *k,
			  int32_t j, int col, void *arg)
{
	enum ro_lp_obj obj = *(const enum ro_lp_obj *)arg;
	double v = 0;

	if (obj == RO_LP_MAX_WEIGHT)
		v = (double)k->w;
	else if (obj == RO_LP_MIN_COMPLETION)
		v = lp->in->cand[j].e;
	glp_set_obj_coef(lp->P, col, v);
}

int ro_lp_set_deadline(struct ro_lp *lp, int32_t deadline, struct ro_diag *d)
{
	jmp_buf jb;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "setting a deadline");
	ro_lp_arm(&jb);
	lp->loosened = deadline >= lp->deadline;
	lp->deadline = deadline;
	each_col(lp, deadline_col, &deadline);
	ro_lp_disarm();
	return RO_OK;
}

int ro_lp_set_columns(struct ro_lp *lp, const uint8_t *on,
		      struct ro_diag *d)
{
	jmp_buf jb;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "choosing columns");
	ro_lp_arm(&jb);
	lp->loosened = true;
	each_col(lp, choose_col, (void *)on);
	ro_lp_disarm();
	return RO_OK;
}

int ro_lp_set_objective(struct ro_lp *lp, enum ro_lp_obj obj,
			double weight_floor, struct ro_diag *d)
{
	const struct ro_inst *in;
	jmp_buf jb;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	in = lp->in;
	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "setting the objective");
	ro_lp_arm(&jb);
	lp->obj = obj;
	lp->loosened = false;
	glp_set_obj_dir(lp->P, obj == RO_LP_MAX_WEIGHT ? GLP_MAX : GLP_MIN);
	each_col(lp, objective_col, &obj);
	if (lp->zcol)
		glp_set_obj_coef(lp->P, lp->zcol, obj == RO_LP_MIN_PEAK ? 1 : 0);
	/* A floor of every client's weight means every class is placed in
	 * full: then the class rows are equalities and the weight row is
	 * free.  Same program, but the duals come out well: with the weight
	 * row, a degenerate optimum can give every placement a reward that
	 * makes far later starts look profitable to pricing. */
	bool full = obj != RO_LP_MAX_WEIGHT;
	double total = 0;
	for (size_t c = 0; c < in->ncls && full; c++) {
		total += (double)in->cls[c].w * in->cls[c].n;
		full = in->cls[c].w > 0;
	}
	full = full && weight_floor >= total - 0.5;
	for (size_t c = 0; c < in->ncls; c++)
		glp_set_row_bnds(lp->P, (int)c + 1, full ? GLP_FX : GLP_UP,
				 full ? in->cls[c].n : 0, in->cls[c].n);
	if (obj == RO_LP_MAX_WEIGHT || full)
		glp_set_row_bnds(lp->P, lp->wrow, GLP_FR, 0, 0);
	else
		glp_set_row_bnds(lp->P, lp->wrow, GLP_LO, weight_floor, 0);
	ro_lp_disarm();
	return RO_OK;
}
