/*
 * sms_triggers.c - the SMS 2.0 planner's early triggers: an integer
 * program whose columns are "n clients of a class triggered in slot t"
 * and whose rows are the link-slots that could be overloaded, solved stage
 * by stage (overload, makespan, actions, completion sum), its first LP
 * priced over every trigger slot (docs/solver.md, "The SMS 2.0 planner").
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/verify.h"
#include "clock.h"
#include "lp_mip.h"
#include "sms_priv.h"

/* ---- the early triggers --------------------------------------------------- */

/* A class: clients of one record with the same forecast and compliance,
 * triggered alike. */
struct cls {
	size_t r;
	int32_t k0;                  /* its first member */
	int32_t n;
	int64_t i0;                  /* expanded index of the first member */
	struct ro_fc_client nat;
	int64_t ras;                 /* natural bytes over dial-up, a client */
	int32_t npath;
	int32_t path_off;
	int32_t opt_off, nopt;       /* into opt */
};

struct opt {
	int32_t t, e;                /* trigger slot, completion */
	int32_t d;
	int64_t q;
	int col;                     /* -1: not in the program */
};

/* The rows and coefficients of option j of class c: +q in its copy's
 * slots, -q in the natural attempts' slots, on the path's link rows. */
struct coefs {
	int *row;
	double *val;
	int n, cap;
};

struct trig {
	struct cls *cls;            /* ro_grow arrays */
	size_t ncls;
	struct opt *opt;
	size_t nopt;
	int32_t *paths;
	size_t npaths, cappaths;
	int32_t *row_of;             /* nlinks * nslots: link row or -1 */
	int64_t *rhs;                /* per link row: U - L0 */
	int32_t *row_l, *row_e;      /* per link row */
	int nlrows;
	int *cls_row;                /* per class */
	int *ocol;                   /* per link row: its overload column */
	int64_t ras_const;           /* natural dial-up bytes, all clients */
	struct ro_mip *mip;
	double *x, *cnt;             /* per column: a start, the incumbent */
	struct coefs cf;             /* scratch of option_coefs */
};

static bool push_path(struct trig *tg, const int32_t *p, int n)
{
	if (tg->npaths + (size_t)n > tg->cappaths) {
		size_t cap = tg->cappaths ? tg->cappaths : 1024;
		while (tg->npaths + (size_t)n > cap)
			cap *= 2;
		int32_t *v = ro_reallocarray(tg->paths, cap, sizeof *v);
		if (!v)
			return false;
		tg->paths = v;
		tg->cappaths = cap;
	}
	memcpy(tg->paths + tg->npaths, p, (size_t)n * sizeof *p);
	tg->npaths += (size_t)n;
	return true;
}

static bool same_forecast(const struct ro_fc_client *a,
			  const struct ro_fc_client *b)
{
	if (a->start != b->start || a->end != b->end || a->ras != b->ras ||
	    a->nfailed != b->nfailed || a->reason != b->reason)
		return false;
	for (int f = 0; f < a->nfailed; f++)
		if (a->failed[f].s != b->failed[f].s ||
		    a->failed[f].stop != b->failed[f].stop ||
		    a->failed[f].ras != b->failed[f].ras)
			return false;
	return true;
}

/* The slot of the first natural attempt (forecast numbering), or the
 * forecast's end when there is none. */
static int32_t first_attempt(const struct sms *m, const struct ro_fc_client *f)
{
	if (f->nfailed)
		return f->failed[0].s;
	return f->start != RO_NO_SLOT ? f->start : m->first + m->nslots;
}

static int64_t ras_bytes_of(const struct ro_fc_client *f)
{
	int64_t b = 0;

	for (int i = 0; i < f->nfailed; i++)
		if (f->failed[i].ras)
			b += f->q * (f->failed[i].stop - f->failed[i].s);
	if (f->start != RO_NO_SLOT && f->ras)
		b += f->q * f->d;
	return b;
}

/* Classes and their trigger options under the chosen levers. */
static int build_classes(struct sms *m, const struct ro_levers *lv,
			 struct trig *tg)
{
	const struct ro_site *s = m->s;
	int32_t ready = ro_forecast_ready_slot(m->fc, lv->release);
	int32_t T = s->horizon.nslots;
	int32_t span = (TRIGGER_SPAN_MIN + s->horizon.slot_min - 1) /
		       s->horizon.slot_min;
	int32_t path[MAX_PATH];
	int64_t i = 0;
	int err;

	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		bool can = (c->triggers & RO_TRIG_PUSH) && !c->not_installed;
		int np = ro_client_path(s, c, path, MAX_PATH);

		for (int32_t k = 0; k < c->count; k++, i++) {
			struct ro_fc_client f;
			bool comp = ro_forecast_complies(m->fc, r, k);
			if ((err = ro_forecast_client(m->fc, lv, r, k,
						      RO_NO_SLOT, &f)))
				return err;
			tg->ras_const += ras_bytes_of(&f);
			if (!can || np <= 0)
				continue;
			struct cls *last = tg->ncls ? &tg->cls[tg->ncls - 1] : NULL;
			if (last && last->r == r &&
			    last->k0 + last->n == k &&
			    ro_forecast_complies(m->fc, r, last->k0) == comp &&
			    same_forecast(&last->nat, &f)) {
				last->n++;
				continue;
			}
			int32_t a0 = first_attempt(m, &f);
			int32_t lo = ready > a0 - span ? ready : a0 - span;
			int32_t hi = a0 < T ? a0 : T;
			size_t o0 = tg->nopt;
			for (int32_t t = lo; t < hi; t++) {
				struct ro_fc_client g;
				if ((err = ro_forecast_trigger_option(m->fc, lv, r, k,
								      t, &g)))
					return err;
				if (g.start != t || g.end == RO_NO_SLOT)
					continue;
				if (!ro_grow((void **)&tg->opt, tg->nopt,
					     sizeof *tg->opt))
					return RO_ENOMEM;
				tg->opt[tg->nopt++] = (struct opt){ t, g.end, g.d,
								    g.q, -1 };
			}
			if (tg->nopt == o0)
				continue;   /* nothing to trigger */
			if (!ro_grow((void **)&tg->cls, tg->ncls, sizeof *tg->cls))
				return RO_ENOMEM;
			struct cls *nc = &tg->cls[tg->ncls++];
			memset(nc, 0, sizeof *nc);
			nc->r = r;
			nc->k0 = k;
			nc->n = 1;
			nc->i0 = i;
			nc->nat = f;
			nc->ras = ras_bytes_of(&f);
			nc->npath = np;
			nc->path_off = (int32_t)tg->npaths;
			nc->opt_off = (int32_t)o0;
			nc->nopt = (int32_t)(tg->nopt - o0);
			if (!push_path(tg, path, np))
				return RO_ENOMEM;
		}
	}
	return RO_OK;
}

/* The link rows: the link-slots whose load could exceed the usable
 * capacity under some choice of triggers. */
static int build_rows(struct sms *m, struct trig *tg)
{
	const struct ro_site *s = m->s;
	size_t cells = s->nlinks * (size_t)m->nslots;
	int64_t *pot = ro_reallocarray(NULL, cells ? cells : 1, sizeof *pot);
	uint8_t *cover = ro_calloc((size_t)m->nslots + 1, 1);
	int err = RO_ENOMEM;

	tg->row_of = ro_reallocarray(NULL, cells ? cells : 1,
				     sizeof *tg->row_of);
	if (!pot || !cover || !tg->row_of)
		goto out;
	memcpy(pot, m->load, cells * sizeof *pot);
	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *k = &tg->cls[c];
		memset(cover, 0, (size_t)m->nslots);
		for (int32_t j = 0; j < k->nopt; j++) {
			const struct opt *o = &tg->opt[k->opt_off + j];
			for (int32_t u = o->t; u < o->t + o->d; u++)
				if (u - m->first >= 0 && u - m->first < m->nslots)
					cover[u - m->first] = 1;
		}
		int64_t q = tg->opt[k->opt_off].q;
		for (int32_t p = 0; p < k->npath; p++) {
			int32_t l = tg->paths[k->path_off + p];
			for (int32_t e = 0; e < m->nslots; e++)
				if (cover[e])
					pot[(size_t)l * m->nslots + e] += q * k->n;
		}
	}
	tg->nlrows = 0;
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t e = 0; e < m->nslots; e++) {
			size_t at = l * (size_t)m->nslots + (size_t)e;
			tg->row_of[at] = -1;
			if (pot[at] == 0)
				continue;
			int64_t U = ro_forecast_usable(m->fc, (int32_t)l,
						       e + m->first);
			if (pot[at] > U)
				tg->row_of[at] = tg->nlrows++;
		}
	tg->rhs = ro_reallocarray(NULL, (size_t)tg->nlrows + 1, sizeof *tg->rhs);
	tg->row_l = ro_reallocarray(NULL, (size_t)tg->nlrows + 1,
				    sizeof *tg->row_l);
	tg->row_e = ro_reallocarray(NULL, (size_t)tg->nlrows + 1,
				    sizeof *tg->row_e);
	if (!tg->rhs || !tg->row_l || !tg->row_e)
		goto out;
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t e = 0; e < m->nslots; e++) {
			size_t at = l * (size_t)m->nslots + (size_t)e;
			int32_t row = tg->row_of[at];
			if (row < 0)
				continue;
			tg->row_l[row] = (int32_t)l;
			tg->row_e[row] = e;
			tg->rhs[row] = ro_forecast_usable(m->fc, (int32_t)l,
							  e + m->first) -
				       m->load[at];
		}
	err = RO_OK;
out:
	ro_free(pot);
	ro_free(cover);
	return err;
}

static bool coef_add(struct coefs *cf, int row, double v)
{
	for (int i = 0; i < cf->n; i++)
		if (cf->row[i] == row) {
			cf->val[i] += v;
			return true;
		}
	if (cf->n == cf->cap) {
		int cap = cf->cap ? 2 * cf->cap : 64;
		int *r = ro_reallocarray(cf->row, (size_t)cap, sizeof *r);
		if (!r)
			return false;
		cf->row = r;
		double *v2 = ro_reallocarray(cf->val, (size_t)cap, sizeof *v2);
		if (!v2)
			return false;
		cf->val = v2;
		cf->cap = cap;
	}
	cf->row[cf->n] = row;
	cf->val[cf->n++] = v;
	return true;
}

static bool span_coefs(const struct sms *m, const struct trig *tg,
		       const struct cls *k, int32_t from, int32_t to,
		       double q, struct coefs *cf)
{
	for (int32_t p = 0; p < k->npath; p++) {
		int32_t l = tg->paths[k->path_off + p];
		for (int32_t u = from; u < to; u++) {
			int32_t e = u - m->first;
			if (e < 0 || e >= m->nslots)
				continue;
			int32_t row = tg->row_of[(size_t)l * m->nslots + e];
			if (row >= 0 && !coef_add(cf, row, q))
				return false;
		}
	}
	return true;
}

static bool option_coefs(const struct sms *m, const struct trig *tg,
			 size_t c, const struct opt *o, struct coefs *cf)
{
	const struct cls *k = &tg->cls[c];
	const struct ro_fc_client *f = &k->nat;

	cf->n = 0;
	if (!coef_add(cf, tg->nlrows + (int)c, 1))
		return false;
	if (!span_coefs(m, tg, k, o->t, o->t + o->d, (double)o->q, cf))
		return false;
	for (int i = 0; i < f->nfailed; i++)
		if (!f->failed[i].ras &&
		    !span_coefs(m, tg, k, f->failed[i].s, f->failed[i].stop,
				-(double)f->q, cf))
			return false;
	if (f->start != RO_NO_SLOT && !f->ras &&
	    !span_coefs(m, tg, k, f->start, f->start + f->d, -(double)f->q, cf))
		return false;
	return true;
}

static int add_option(struct sms *m, struct trig *tg, size_t c, int32_t j,
		      struct coefs *cf)
{
	struct opt *o = &tg->opt[tg->cls[c].opt_off + j];
	int err;

	if (o->col >= 0)
		return RO_OK;
	if (!option_coefs(m, tg, c, o, cf))
		return RO_ENOMEM;
	err = ro_mip_add_col(tg->mip, 0, tg->cls[c].n, true, cf->n, cf->row,
			     cf->val, &o->col, m->d);
	return err;
}

/* The objective of a stage over the program's columns. */
enum stage { ST_OVERLOAD, ST_NONE, ST_ACTIONS, ST_COMPLETION };

static int set_objective(struct sms *m, struct trig *tg, enum stage st)
{
	int n = ro_mip_cols(tg->mip);
	double *c = ro_calloc((size_t)n + 1, sizeof *c);
	int err;

	if (!c)
		return RO_ENOMEM;
	if (st == ST_OVERLOAD)
		for (int r = 0; r < tg->nlrows; r++)
			c[tg->ocol[r]] = 1;
	for (size_t k = 0; k < tg->ncls; k++) {
		const struct cls *cl = &tg->cls[k];
		for (int32_t j = 0; j < cl->nopt; j++) {
			const struct opt *o = &tg->opt[cl->opt_off + j];
			if (o->col < 0)
				continue;
			c[o->col] = st == ST_OVERLOAD ? -(double)cl->ras
				    : st == ST_ACTIONS ? 1
				    : st == ST_COMPLETION
					? (double)o->e - (cl->nat.end == RO_NO_SLOT
							  ? 0 : cl->nat.end)
					: 0;
		}
	}
	err = ro_mip_set_objective(tg->mip, c, m->d);
	ro_free(c);
	return err;
}

/* Stage 1's LP, priced over every trigger option: returns its value. */
static int price_overload(struct sms *m, struct trig *tg, double *lp_obj,
			  bool *priced)
{
	int nrows = tg->nlrows + (int)tg->ncls;
	double *y = ro_reallocarray(NULL, (size_t)nrows + 1, sizeof *y);
	struct coefs cf = { 0 };
	int err = RO_ENOMEM;

	*priced = false;
	if (!y)
		goto out;
	for (int round = 0; round < 50; round++) {
		enum ro_lp_result res;
		int added = 0;
		if (ro_sms_stage_over(m, 0.5))
			break;
		if ((err = set_objective(m, tg, ST_OVERLOAD)))
			goto out;
		if ((err = ro_mip_solve_lp(tg->mip, ro_sms_budget(m, 0.55), &res, lp_obj,
					   NULL, m->d)))
			goto out;
		if (res != RO_LP_OPTIMAL)
			break;
		if ((err = ro_mip_row_duals(tg->mip, y, m->d)))
			goto out;
		for (size_t c = 0; c < tg->ncls; c++) {
			const struct cls *cl = &tg->cls[c];
			/* the PRICE_PER_ROUND most negative reduced costs */
			int best[PRICE_PER_ROUND];
			double brc[PRICE_PER_ROUND];
			int nb = 0;
			double floor_rc = -1e-6 * (1 + (double)cl->ras);
			if (c % 256 == 255 && ro_sms_stage_over(m, 0.5))
				break;
			for (int32_t j = 0; j < cl->nopt; j++) {
				const struct opt *o = &tg->opt[cl->opt_off + j];
				if (o->col >= 0)
					continue;
				if (!option_coefs(m, tg, c, o, &cf))
					goto out;
				double rc = -(double)cl->ras;
				for (int i = 0; i < cf.n; i++)
					rc -= y[cf.row[i]] * cf.val[i];
				if (rc >= floor_rc)
					continue;
				int at;
				if (nb == PRICE_PER_ROUND) {
					/* full: replace the worst, if better */
					if (rc >= brc[nb - 1])
						continue;
					at = nb - 1;
				} else {
					at = nb++;
				}
				while (at > 0 && brc[at - 1] > rc) {
					best[at] = best[at - 1];
					brc[at] = brc[at - 1];
					at--;
				}
				best[at] = j;
				brc[at] = rc;
			}
			for (int b = 0; b < nb; b++) {
				if ((err = add_option(m, tg, c, best[b], &cf)))
					goto out;
				added++;
			}
		}
		if (added == 0 && !ro_sms_stage_over(m, 0.5)) {
			*priced = true;
			break;
		}
		if (added == 0)
			break;
		if (ro_sms_must_stop(m))
			break;
	}
	err = RO_OK;
out:
	ro_free(y);
	ro_free(cf.row);
	ro_free(cf.val);
	return err;
}

/* The incumbent's overload (bytes above usable in the link rows) and its
 * start vector x (option counts and overload columns). */
static int incumbent_start(struct sms *m, struct trig *tg, const double *cnt,
			   double *x)
{
	int n = ro_mip_cols(tg->mip);
	double *load = ro_calloc((size_t)tg->nlrows + 1, sizeof *load);
	struct coefs cf = { 0 };

	if (!load)
		return RO_ENOMEM;
	memset(x, 0, (size_t)n * sizeof *x);
	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *cl = &tg->cls[c];
		for (int32_t j = 0; j < cl->nopt; j++) {
			const struct opt *o = &tg->opt[cl->opt_off + j];
			if (o->col < 0 || !cnt || cnt[o->col] < 0.5)
				continue;
			x[o->col] = cnt[o->col];
			if (!option_coefs(m, tg, c, o, &cf)) {
				ro_free(load);
				ro_free(cf.row);
				ro_free(cf.val);
				return RO_ENOMEM;
			}
			for (int i = 0; i < cf.n; i++)
				if (cf.row[i] < tg->nlrows)
					load[cf.row[i]] += cf.val[i] * x[o->col];
		}
	}
	for (int r = 0; r < tg->nlrows; r++) {
		double over = load[r] - (double)tg->rhs[r];
		x[tg->ocol[r]] = over > 0 ? over : 0;
	}
	ro_free(load);
	ro_free(cf.row);
	ro_free(cf.val);
	return RO_OK;
}


/* Classes' ends under counts cnt: the latest completion. */
static int32_t makespan_of(const struct sms *m, const struct trig *tg,
			   const double *cnt, int32_t fixed)
{
	int32_t ms = fixed;

	(void)m;
	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *cl = &tg->cls[c];
		double left = cl->n;
		for (int32_t j = 0; j < cl->nopt; j++) {
			const struct opt *o = &tg->opt[cl->opt_off + j];
			if (o->col < 0 || !cnt || cnt[o->col] < 0.5)
				continue;
			left -= cnt[o->col];
			if (o->e > ms)
				ms = o->e;
		}
		if (left > 0.5 && cl->nat.end != RO_NO_SLOT && cl->nat.end > ms)
			ms = cl->nat.end;
	}
	return ms;
}

/* Bounds on columns and class rows for deadline D (INT32_MAX: none). */
static int apply_deadline(struct sms *m, struct trig *tg, int32_t D)
{
	int err;

	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *cl = &tg->cls[c];
		bool must = cl->nat.end != RO_NO_SLOT && cl->nat.end > D;
		if ((err = ro_mip_set_row_bounds(tg->mip, tg->nlrows + (int)c,
						 must ? cl->n : -HUGE_VAL, cl->n,
						 m->d)))
			return err;
		for (int32_t j = 0; j < cl->nopt; j++) {
			const struct opt *o = &tg->opt[cl->opt_off + j];
			if (o->col >= 0 &&
			    (err = ro_mip_set_col_bounds(tg->mip, o->col, 0,
							 o->e > D ? 0 : cl->n,
							 m->d)))
				return err;
		}
	}
	return RO_OK;
}

/* Keeps a stage's value as a row over the program: with overload, stage
 * 1's objective (the overload columns less the dial-up bytes a trigger
 * saves) at most rhs; without, the number of triggered clients. */
static int stage_row(struct sms *m, struct trig *tg, bool overload,
		     double rhs)
{
	int n = ro_mip_cols(tg->mip), k = 0, row, err;
	int *cols = ro_calloc((size_t)n + 1, sizeof *cols);
	double *val = ro_calloc((size_t)n + 1, sizeof *val);

	if (!cols || !val) {
		ro_free(cols);
		ro_free(val);
		return RO_ENOMEM;
	}
	for (int r = 0; overload && r < tg->nlrows; r++) {
		cols[k] = tg->ocol[r];
		val[k++] = 1;
	}
	for (size_t c = 0; c < tg->ncls; c++)
		for (int32_t j = 0; j < tg->cls[c].nopt; j++) {
			const struct opt *o = &tg->opt[tg->cls[c].opt_off + j];
			if (o->col < 0 || (overload && !tg->cls[c].ras))
				continue;
			cols[k] = o->col;
			val[k++] = overload ? -(double)tg->cls[c].ras : 1;
		}
	err = ro_mip_add_row(tg->mip, -HUGE_VAL, rhs, k, cols, val, &row, m->d);
	ro_free(cols);
	ro_free(val);
	return err;
}

/* The program: the link rows (empty until options come), the class rows,
 * an overload column per link row, and each class's earliest option. */
static int setup(struct sms *m, struct trig *tg)
{
	int row, err;

	if ((err = ro_mip_new(&tg->mip, m->d)))
		return err;
	tg->cls_row = ro_calloc(tg->ncls, sizeof *tg->cls_row);
	tg->ocol = ro_calloc((size_t)tg->nlrows + 1, sizeof *tg->ocol);
	if (!tg->cls_row || !tg->ocol)
		return RO_ENOMEM;
	for (int r = 0; r < tg->nlrows; r++)
		if ((err = ro_mip_add_row(tg->mip, -HUGE_VAL, (double)tg->rhs[r],
					  0, NULL, NULL, &row, m->d)))
			return err;
	for (size_t c = 0; c < tg->ncls; c++)
		if ((err = ro_mip_add_row(tg->mip, -HUGE_VAL, tg->cls[c].n, 0,
					  NULL, NULL, &tg->cls_row[c], m->d)))
			return err;
	for (int r = 0; r < tg->nlrows; r++) {
		double v = -1;
		if ((err = ro_mip_add_col(tg->mip, 0, HUGE_VAL, false, 1, &r, &v,
					  &tg->ocol[r], m->d)))
			return err;
	}
	for (size_t c = 0; c < tg->ncls; c++)
		if ((err = add_option(m, tg, c, 0, &tg->cf)))
			return err;
	return RO_OK;
}

/* Stage 1's objective of start x: the overload columns, the dial-up
 * bytes left, less what the triggers save. */
static double overload_of(const struct trig *tg, const double *x)
{
	double v = (double)tg->ras_const;

	for (int r = 0; r < tg->nlrows; r++)
		v += x[tg->ocol[r]];
	for (size_t c = 0; c < tg->ncls; c++)
		for (int32_t j = 0; j < tg->cls[c].nopt; j++) {
			const struct opt *o = &tg->opt[tg->cls[c].opt_off + j];
			if (o->col >= 0)
				v -= x[o->col] * (double)tg->cls[c].ras;
		}
	return v;
}

/* Stage 1, the overload: the priced LP rounded down is a first plan
 * (capacity is soft, so any counts are one; flooring keeps the class
 * rows), then branch-and-bound from it.  lp is the priced LP's value. */
static int stage_overload(struct sms *m, struct trig *tg, double lp,
			  bool priced, struct stages *sg)
{
	int n = ro_mip_cols(tg->mip), err;
	double *lpx = ro_calloc((size_t)n + 1, sizeof *lpx);
	double *mx = ro_calloc((size_t)n + 1, sizeof *mx);
	double obj = 0, bound = 0;
	enum ro_lp_result res;

	if (!lpx || !mx) {
		err = RO_ENOMEM;
		goto out;
	}
	if ((err = set_objective(m, tg, ST_OVERLOAD)))
		goto out;
	err = ro_mip_solve_lp(tg->mip, ro_sms_budget(m, 0.6), &res, &obj, lpx,
			      m->d);
	if (err)
		goto out;
	if (res == RO_LP_OPTIMAL) {
		for (size_t c = 0; c < tg->ncls; c++)
			for (int32_t j = 0; j < tg->cls[c].nopt; j++) {
				const struct opt *o = &tg->opt[tg->cls[c].opt_off + j];
				if (o->col >= 0)
					lpx[o->col] = floor(lpx[o->col] + 1e-6);
			}
		if ((err = incumbent_start(m, tg, lpx, tg->x)))
			goto out;
		double v = overload_of(tg, tg->x);
		if (v < sg->overload - 0.5) {
			sg->overload = floor(v + 0.5);
			memcpy(tg->cnt, tg->x, (size_t)n * sizeof *tg->cnt);
		}
	}
	if ((err = incumbent_start(m, tg, tg->cnt, tg->x)))
		goto out;
	err = ro_mip_solve(tg->mip, tg->x, ro_sms_budget(m, 0.65), 0,
			   m->o->interrupt, &res, &obj, &bound, mx, m->d);
	if (err)
		goto out;
	if ((res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) &&
	    obj + (double)tg->ras_const < sg->overload - 0.5) {
		sg->overload = floor(obj + (double)tg->ras_const + 0.5);
		memcpy(tg->cnt, mx, (size_t)n * sizeof *tg->cnt);
	}
	sg->overload_b = ceil(fmax(priced ? lp : -HUGE_VAL,
				   res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE
					   ? bound : -HUGE_VAL) +
			      (double)tg->ras_const - 1e-6);
	sg->overload_bounded = priced || res == RO_LP_OPTIMAL;
	if (sg->overload_b > sg->overload)
		sg->overload_b = sg->overload;
	ro_sms_say(m, "overload: %.0f bytes, bound %.0f", sg->overload,
		   sg->overload_bounded ? sg->overload_b : 0);
	/* keep the overload: stage 1's objective as a row */
	err = stage_row(m, tg, true, sg->overload - (double)tg->ras_const + 0.5);
out:
	ro_free(lpx);
	ro_free(mx);
	return err;
}

/* The latest completion no trigger can change: the clients outside every
 * class, into *fixed. */
static int fixed_end(struct sms *m, const struct ro_levers *lv,
		     const struct trig *tg, int32_t *fixed)
{
	const struct ro_site *s = m->s;
	int64_t i = 0;
	size_t c = 0;
	int err;

	*fixed = 0;
	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			struct ro_fc_client f;
			while (c < tg->ncls && tg->cls[c].i0 + tg->cls[c].n <= i)
				c++;
			if (c < tg->ncls && tg->cls[c].i0 <= i)
				continue;
			if ((err = ro_forecast_client(m->fc, lv, r, k, RO_NO_SLOT,
						      &f)))
				return err;
			if (f.end != RO_NO_SLOT && f.end > *fixed)
				*fixed = f.end;
		}
	return RO_OK;
}

/* Stage 2, the makespan: bisection on a deadline over every option of
 * the classes that could end later than the others; an LP that cannot
 * meet a deadline proves the next slot a bound. */
static int stage_makespan(struct sms *m, const struct ro_levers *lv,
			  struct trig *tg, struct stages *sg)
{
	int32_t fixed, lo, D;
	double obj, bound;
	enum ro_lp_result res;
	int n0 = ro_mip_cols(tg->mip), n, err;

	if ((err = fixed_end(m, lv, tg, &fixed)))
		return err;
	lo = fixed;
	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *cl = &tg->cls[c];
		int32_t best = cl->nat.end == RO_NO_SLOT ? INT32_MAX : cl->nat.end;
		for (int32_t j = 0; j < cl->nopt; j++)
			if (tg->opt[cl->opt_off + j].e < best)
				best = tg->opt[cl->opt_off + j].e;
		if (best != INT32_MAX && best > lo)
			lo = best;
	}
	D = makespan_of(m, tg, tg->cnt, fixed);
	sg->makespan = D;
	for (size_t c = 0; c < tg->ncls; c++)
		if (tg->cls[c].nat.end != RO_NO_SLOT && tg->cls[c].nat.end > lo)
			for (int32_t j = 0; j < tg->cls[c].nopt; j++)
				if ((err = add_option(m, tg, c, j, &tg->cf)))
					return err;
	n = ro_mip_cols(tg->mip);
	double *nx = ro_reallocarray(tg->x, (size_t)n + 1, sizeof *nx);
	if (!nx)
		return RO_ENOMEM;
	tg->x = nx;
	double *nc = ro_reallocarray(tg->cnt, (size_t)n + 1, sizeof *nc);
	if (!nc)
		return RO_ENOMEM;
	tg->cnt = nc;
	for (int j = n0; j < n; j++)   /* new columns: 0 in the incumbent */
		tg->cnt[j] = 0;
	if ((err = set_objective(m, tg, ST_NONE)))
		return err;
	while (lo < D && !ro_sms_must_stop(m)) {
		int32_t mid = lo + (D - lo) / 2;
		if ((err = apply_deadline(m, tg, mid)))
			return err;
		if ((err = ro_mip_solve_lp(tg->mip, ro_sms_budget(m, 0.8), &res,
					   &obj, NULL, m->d)))
			return err;
		if (res == RO_LP_INFEASIBLE) {
			lo = mid + 1;
			continue;
		}
		if (res != RO_LP_OPTIMAL)
			break;
		if ((err = ro_mip_solve(tg->mip, NULL, ro_sms_budget(m, 0.8), 0,
					m->o->interrupt, &res, &obj, &bound,
					tg->x, m->d)))
			return err;
		if (res == RO_LP_INFEASIBLE) {
			lo = mid + 1;
		} else if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) {
			memcpy(tg->cnt, tg->x, (size_t)n * sizeof *tg->cnt);
			D = makespan_of(m, tg, tg->cnt, fixed);
		} else {
			break;   /* out of time: D stands unproven */
		}
	}
	sg->makespan = D;
	sg->makespan_b = lo < D ? lo : D;
	sg->makespan_bounded = true;
	ro_sms_say(m, "makespan: %d slots, bound %d", (int)D,
		   (int)sg->makespan_b);
	return apply_deadline(m, tg, D);
}

/* The triggered clients of the incumbent. */
static double triggers_of(const struct trig *tg)
{
	double a = 0;

	for (size_t c = 0; c < tg->ncls; c++)
		for (int32_t j = 0; j < tg->cls[c].nopt; j++) {
			const struct opt *o = &tg->opt[tg->cls[c].opt_off + j];
			if (o->col >= 0)
				a += floor(tg->cnt[o->col] + 0.5);
		}
	return a;
}

/* Stages 3 and 4: the fewest triggers for that overload and makespan,
 * then the least completion sum with no more triggers.  base is the
 * natural forecast's completion sum. */
static int stage_actions_completion(struct sms *m, struct trig *tg,
				    double base, struct stages *sg)
{
	int n = ro_mip_cols(tg->mip), err;
	double obj, bound, a, delta = 0;
	enum ro_lp_result res;

	if ((err = set_objective(m, tg, ST_ACTIONS)) ||
	    (err = incumbent_start(m, tg, tg->cnt, tg->x)))
		return err;
	if ((err = ro_mip_solve(tg->mip, tg->x, ro_sms_budget(m, 0.8), 0,
				m->o->interrupt, &res, &obj, &bound, tg->x,
				m->d)))
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		memcpy(tg->cnt, tg->x, (size_t)n * sizeof *tg->cnt);
	a = triggers_of(tg);
	sg->actions = a;
	sg->actions_b = res == RO_LP_OPTIMAL ? a
			: res == RO_LP_FEASIBLE ? fmin(a, ceil(bound - 1e-6)) : 0;
	sg->actions_bounded = res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE;
	ro_sms_say(m, "actions: %.0f early triggers, bound %.0f", a,
		   sg->actions_b);
	if ((err = stage_row(m, tg, false, a + 0.5)) ||
	    (err = set_objective(m, tg, ST_COMPLETION)) ||
	    (err = incumbent_start(m, tg, tg->cnt, tg->x)))
		return err;
	if ((err = ro_mip_solve(tg->mip, tg->x, ro_sms_budget(m, 0.9), 0,
				m->o->interrupt, &res, &obj, &bound, tg->x,
				m->d)))
		return err;
	if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE)
		memcpy(tg->cnt, tg->x, (size_t)n * sizeof *tg->cnt);
	/* the natural completions plus what the triggers change */
	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *cl = &tg->cls[c];
		for (int32_t j = 0; j < cl->nopt; j++) {
			const struct opt *o = &tg->opt[cl->opt_off + j];
			if (o->col >= 0)
				delta += floor(tg->cnt[o->col] + 0.5) *
					 ((double)o->e - (cl->nat.end == RO_NO_SLOT
							  ? 0 : cl->nat.end));
		}
	}
	sg->completion_b = res == RO_LP_OPTIMAL ? base + delta
			   : res == RO_LP_FEASIBLE ? base + ceil(bound - 1e-6) : 0;
	sg->completion_bounded = res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE;
	ro_sms_say(m, "completion sum: bound %.0f", sg->completion_b);
	return RO_OK;
}

/* The incumbent's counts handed to the members, earliest trigger first. */
static void hand_out(const struct trig *tg, int32_t *trigger)
{
	for (size_t c = 0; c < tg->ncls; c++) {
		const struct cls *cl = &tg->cls[c];
		int64_t next = cl->i0, end = cl->i0 + cl->n;
		for (int32_t j = 0; j < cl->nopt && next < end; j++) {
			const struct opt *o = &tg->opt[cl->opt_off + j];
			if (o->col < 0)
				continue;
			int64_t n = (int64_t)floor(tg->cnt[o->col] + 0.5);
			for (; n > 0 && next < end; n--)
				trigger[next++] = o->t;
		}
	}
}

static void trig_release(struct trig *tg)
{
	ro_mip_free(tg->mip);
	ro_free(tg->cls);
	ro_free(tg->opt);
	ro_free(tg->paths);
	ro_free(tg->row_of);
	ro_free(tg->rhs);
	ro_free(tg->row_l);
	ro_free(tg->row_e);
	ro_free(tg->cls_row);
	ro_free(tg->ocol);
	ro_free(tg->cf.row);
	ro_free(tg->cf.val);
	ro_free(tg->x);
	ro_free(tg->cnt);
}

int ro_sms_triggers(struct sms *m, const struct ro_levers *lv,
		    int32_t *trigger, struct stages *sg)
{
	struct trig tg = { 0 };
	struct ro_fc_totals tot;
	double lp = 0;
	bool priced;
	int err;

	if ((err = ro_forecast_site(m->fc, lv, NULL, m->load, &tot)))
		return err;
	sg->overload = (double)(tot.overload + tot.ras_bytes);
	sg->makespan = (double)tot.makespan;
	sg->completion = (double)tot.completion_sum;
	sg->actions = 0;
	if ((err = build_classes(m, lv, &tg)))
		goto out;
	ro_sms_say(m, "triggers: %zu classes with %zu trigger slots", tg.ncls,
		   tg.nopt);
	if (tg.ncls == 0) {
		/* nothing can be triggered: the natural forecast is the plan,
		 * and every stage is what it is */
		sg->overload_b = sg->overload;
		sg->makespan_b = sg->makespan;
		sg->completion_b = sg->completion;
		sg->overload_bounded = sg->makespan_bounded =
			sg->actions_bounded = sg->completion_bounded = true;
		goto out;
	}
	if ((err = build_rows(m, &tg)) || (err = setup(m, &tg)) ||
	    (err = price_overload(m, &tg, &lp, &priced)))
		goto out;
	tg.x = ro_calloc((size_t)ro_mip_cols(tg.mip) + 1, sizeof *tg.x);
	tg.cnt = ro_calloc((size_t)ro_mip_cols(tg.mip) + 1, sizeof *tg.cnt);
	if (!tg.x || !tg.cnt) {
		err = RO_ENOMEM;
		goto out;
	}
	err = stage_overload(m, &tg, lp, priced, sg);
	if (!err)
		err = stage_makespan(m, lv, &tg, sg);
	if (!err)
		err = stage_actions_completion(m, &tg, (double)tot.completion_sum,
					       sg);
	if (err == RO_ESOLVER) {
		/* GLPK failed (its words are in d): keep the best counts
		 * found, which are always a plan, and no bound past them */
		ro_diag_add(m->d, NULL, 0, "note: the early triggers are the "
			    "best found before GLPK failed");
		sg->makespan_bounded &= sg->makespan_b > 0;
		sg->actions_bounded = sg->completion_bounded = false;
		err = RO_OK;
	}
	if (!err)
		hand_out(&tg, trigger);
out:
	trig_release(&tg);
	return err;
}
