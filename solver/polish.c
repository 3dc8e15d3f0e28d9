/*
 * polish.c - windows of a plan re-solved exactly (polish.h).
 *
 * A window is an instance of its own that shares the part's links, paths
 * and maps but holds its own classes (only those with clients starting in
 * the window, each as many clients as start there), its own candidates
 * (the starts inside the window) and its own capacities (what the clients
 * outside the window leave).  Its program is the usual one (lp.h), so the
 * window gets the count and pattern rows too.
 */
#include "polish.h"

#include <math.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "clock.h"
#include "lp.h"

struct window {
	struct ro_inst w;        /* the window as an instance */
	int32_t *cls_in;         /* window class -> class of the part */
	int32_t *cand_in;        /* window candidate -> candidate of the part */
	int32_t *start;          /* window candidate -> clients there now */
	double *y;               /* the program's solution */
};

static void window_release(struct window *wd)
{
	struct ro_inst *w = &wd->w;

	/* shared with the part: not ours to free */
	w->paths = NULL;
	w->parent = NULL;
	w->srv_link = NULL;
	w->link_of = NULL;
	w->server_of = NULL;
	w->cls_of = NULL;
	w->members = NULL;
	ro_inst_release(w);
	ro_free(wd->cls_in);
	ro_free(wd->cand_in);
	ro_free(wd->start);
	ro_free(wd->y);
	memset(wd, 0, sizeof *wd);
}

/* The window [a, b) of plan p: takes its clients out of p and describes
 * them as an instance.  *cost receives their sum of completions.  Returns
 * RO_OK with wd->w.ncls == 0 when no client starts in the window. */
static int window_build(const struct ro_inst *in, struct ro_place *p,
			int32_t a, int32_t b, struct window *wd, int64_t *cost)
{
	const int32_t T = in->T;
	struct ro_inst *w = &wd->w;
	size_t ncls = 0, ncand = 0;

	memset(wd, 0, sizeof *wd);
	*cost = 0;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		bool any = false;
		for (int32_t i = 0; i < k->ncand; i++) {
			const struct ro_cand *cd = &in->cand[k->cand_off + i];
			if (cd->s < a || cd->s >= b || cd->e > p->deadline)
				continue;
			ncand++;
			any = any || p->cnt[k->cand_off + i] > 0;
		}
		ncls += any;
	}
	*w = *in;
	w->view = true;
	w->ncls = w->ncand = 0;
	w->cls = NULL;
	w->cand = NULL;
	w->U = NULL;
	w->M = NULL;
	w->R = NULL;
	w->client_cls = NULL;
	w->client_reason = NULL;
	if (ncls == 0)
		return RO_OK;
	w->cls = ro_malloc(ncls * sizeof *w->cls);
	w->cand = ro_malloc(ncand * sizeof *w->cand);
	wd->cls_in = ro_malloc(ncls * sizeof *wd->cls_in);
	wd->cand_in = ro_malloc(ncand * sizeof *wd->cand_in);
	wd->start = ro_calloc(ncand, sizeof *wd->start);
	wd->y = ro_calloc(ncand, sizeof *wd->y);
	w->U = ro_mallocarray(in->nlinks, (size_t)T * sizeof *w->U);
	w->R = ro_mallocarray(in->nlinks, (size_t)T * sizeof *w->R);
	w->M = ro_mallocarray(in->nservers, (size_t)T * sizeof *w->M);
	if (!w->cls || !w->cand || !wd->cls_in || !wd->cand_in || !wd->start ||
	    !wd->y || !w->U || !w->R || !w->M)
		return RO_ENOMEM;
	w->weight_total = w->weight_placeable = 0;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		struct ro_cls *o = &w->cls[w->ncls];
		int32_t first = (int32_t)w->ncand, n = 0;
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			const struct ro_cand *cd = &in->cand[j];
			if (cd->s < a || cd->s >= b || cd->e > p->deadline)
				continue;
			wd->cand_in[w->ncand] = j;
			wd->start[w->ncand] = p->cnt[j];
			w->cand[w->ncand++] = *cd;
			n += p->cnt[j];
		}
		if (n == 0) {
			w->ncand = (size_t)first;
			continue;
		}
		*o = *k;
		o->n = n;
		o->cand_off = first;
		o->ncand = (int32_t)w->ncand - first;
		wd->cls_in[w->ncls++] = (int32_t)c;
		w->weight_placeable += k->w * n;
		/* out of the plan: what stays is what the window must fit
		 * beside */
		for (int32_t i = 0; i < o->ncand; i++) {
			int32_t j = wd->cand_in[first + i];
			*cost += (int64_t)p->cnt[j] * in->cand[j].e;
			if (p->cnt[j])
				ro_place_add(p, (int32_t)c, j, -p->cnt[j]);
		}
	}
	w->weight_total = w->weight_placeable;
	for (size_t i = 0; i < in->nlinks * (size_t)T; i++) {
		int64_t left = p->cap[i] - p->load[i];
		w->U[i] = left > 0 ? left : 0;
		w->R[i] = p->rcap[i] == RO_UNLIMITED ? RO_UNLIMITED
			  : p->rcap[i] > p->rb[i] ? p->rcap[i] - p->rb[i] : 0;
	}
	for (size_t i = 0; i < in->nservers * (size_t)T; i++)
		w->M[i] = p->mcap[i] == RO_UNLIMITED ? RO_UNLIMITED
			  : p->mcap[i] > p->srv[i] ? p->mcap[i] - p->srv[i] : 0;
	return RO_OK;
}

/* Puts window candidates' counts (x, rounded) back into p; false, with p
 * unchanged, when some do not fit (never expected: the program respects
 * the same capacities). */
static bool window_apply(const struct window *wd, struct ro_place *p,
			 const double *x)
{
	const struct ro_inst *w = &wd->w;
	size_t done = 0;
	bool ok = true;

	for (size_t c = 0; c < w->ncls && ok; c++) {
		const struct ro_cls *k = &w->cls[c];
		for (int32_t i = 0; i < k->ncand && ok; i++) {
			size_t wj = (size_t)(k->cand_off + i);
			int32_t v = (int32_t)llround(x[wj]);
			done = wj + 1;
			if (v <= 0)
				continue;
			if (ro_place_room(p, wd->cls_in[c], wd->cand_in[wj]) < v) {
				ok = false;
				done = wj;
				break;
			}
			ro_place_add(p, wd->cls_in[c], wd->cand_in[wj], v);
		}
	}
	if (ok)
		return true;
	/* take back what went in */
	for (size_t c = 0; c < w->ncls; c++) {
		const struct ro_cls *k = &w->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			size_t wj = (size_t)(k->cand_off + i);
			int32_t v = (int32_t)llround(x[wj]);
			if (wj < done && v > 0)
				ro_place_add(p, wd->cls_in[c], wd->cand_in[wj], -v);
		}
	}
	return false;
}

static int polish_window(const struct ro_inst *in, struct ro_place *p,
			 int32_t a, int32_t b, const struct ro_polish_opts *o,
			 int64_t *gain, struct ro_diag *d)
{
	struct window wd;
	struct ro_lp *lp = NULL;
	enum ro_lp_result res;
	double obj = 0, bound;
	int64_t cost;
	int err = window_build(in, p, a, b, &wd, &cost);
	bool better = false;

	if (err || wd.w.ncls == 0)
		goto out;
	struct ro_lp_spec sp = { wd.w.U, p->deadline, p->deadline,
				 RO_LP_PATTERNS, o->mem_limit_mb };
	double left = o->window_seconds;
	if (o->stop_at > 0 && o->stop_at - ro_clock() < left)
		left = o->stop_at - ro_clock();
	if (left <= 0.001)
		goto out;
	if ((err = ro_lp_new(&lp, &wd.w, &sp, d)) ||
	    (err = ro_lp_set_objective(lp, RO_LP_MIN_COMPLETION,
				       (double)wd.w.weight_total, d)) ||
	    (err = ro_lp_mip(lp, wd.start, left, 0, o->interrupt, NULL, NULL,
			     &res, &obj, &bound, wd.y, d)))
		goto out;
	better = (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) &&
		 obj < (double)cost - 0.5;
out:
	if (wd.w.ncls > 0) {
		if (!(better && window_apply(&wd, p, wd.y))) {
			double *back = wd.y;
			for (size_t j = 0; j < wd.w.ncand; j++)
				back[j] = wd.start[j];
			window_apply(&wd, p, back);
			better = false;
		}
	}
	if (better)
		*gain += cost - (int64_t)llround(obj);
	ro_lp_free(lp);
	window_release(&wd);
	return err;
}

int ro_polish(const struct ro_inst *in, struct ro_place *p,
	      const struct ro_polish_opts *o, int64_t *gain, struct ro_diag *d)
{
	int32_t W = o->window > 1 ? o->window : 2;
	int32_t end = ro_place_makespan(p);
	int err = RO_OK;

	*gain = 0;
	for (int32_t a = 0; a < end && !err; a += W / 2) {
		if ((o->stop_at > 0 && ro_clock() >= o->stop_at) ||
		    (o->interrupt && *o->interrupt))
			break;
		err = polish_window(in, p, a, a + W, o, gain, d);
	}
	return err;
}
