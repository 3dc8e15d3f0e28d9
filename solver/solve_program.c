/*
 * solve_program.c - a part's integer program and the plans rounded from it.
 *
 * The program is built on demand in the form its stage uses and dropped
 * after; its LP is solved over a restricted master by column generation;
 * an LP solution is rounded and repaired into an integer plan, and a
 * branch-and-bound solution taken into one.
 */
#include <assert.h>
#include <math.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

/* The part's LP with columns ending by deadline and rows valid for all
 * starts ending by rows_dl, built on demand. */
int ro_part_need_lp_form(struct run *r, struct part *pt, int32_t deadline,
			 int32_t rows_dl, enum ro_lp_form form)
{
	if (pt->lp)
		return RO_OK;
	struct ro_lp_spec sp = { pt->in.U, deadline, rows_dl, form,
				 r->o->mem_limit_mb };
	int e = ro_lp_new(&pt->lp, &pt->in, &sp, r->d);
	return e;
}

void ro_part_drop_lp(struct part *pt)
{
	ro_lp_free(pt->lp);
	pt->lp = NULL;
}

/* The LP of a part with objective obj over the starts ending by D, by
 * column generation: the program holds every row up to D, but only the
 * columns of a restricted master are free (the starts the part's plan
 * uses, and a sample of those ending by its makespan); after each LP the
 * reduced costs of all others (ro_lp_reduced_costs) tell which would
 * improve it, and those are freed, until none would: then the LP optimum
 * is the optimum over every start by D.  The time-indexed LPs use few of
 * their columns, and this keeps the simplex on those. */
int ro_part_solve_lp(struct run *r, struct part *pt, enum ro_lp_obj obj,
		     double floor_w, int32_t D, enum ro_lp_form form,
		     enum ro_lp_result *res, double *val)
{
	const struct ro_inst *in = &pt->in;
	int32_t dl = ro_place_makespan(&pt->best);
	uint8_t *on = ro_mallocarray(in->ncand, sizeof *on);
	double *rc = ro_mallocarray(in->ncand, sizeof *rc);
	int err = RO_ENOMEM;

	if (!on || !rc)
		goto out;
	int32_t own = dl;
	if (dl > D || dl == 0)
		dl = D;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			on[j] = pt->best.cnt[j] > 0 ||
				(in->cand[j].e <= own && (i < 4 || i % 4 == 0));
		}
	}
	for (;;) {
		ro_part_drop_lp(pt);
		if ((err = ro_part_need_lp_form(r, pt, dl, D, form)) ||
		    (err = ro_lp_set_objective(pt->lp, obj, floor_w, r->d)))
			goto out;
		int32_t later = 0;
		for (;;) {
			if ((err = ro_lp_set_columns(pt->lp, on, r->d)))
				goto out;
			err = ro_lp_solve(pt->lp, ro_run_remaining(r), res, val,
					  pt->y, r->d);
			if (err)
				goto out;
			if (*res == RO_LP_TIMEOUT && !ro_run_must_stop(r))
				r->timed_out = true;
			if (*res != RO_LP_OPTIMAL)
				goto done;
			if ((err = ro_lp_reduced_costs(pt->lp, rc, r->d)))
				goto out;
			size_t added = 0;
			for (size_t j = 0; j < in->ncand; j++) {
				if (on[j] || in->cand[j].e > D || rc[j] >= -1e-7)
					continue;
				on[j] = 1;
				added += in->cand[j].e <= dl;
			}
			if (!added)
				break;
		}
		/* chosen starts the program does not hold yet */
		for (size_t j = 0; j < in->ncand; j++)
			if (on[j] && in->cand[j].e > dl && in->cand[j].e > later)
				later = in->cand[j].e;
		if (!later)
			break;
		/* a start after the program's slots would help: a longer
		 * program, keeping the columns found so far */
		dl += dl / 8 + 4;
		if (dl < later)
			dl = later;
		if (dl > D)
			dl = D;
	}
done:
	err = RO_OK;
out:
	ro_free(on);
	ro_free(rc);
	return err;
}

/* Integer plan into pt->work from the LP solution: round, then repair. */
int ro_part_round(struct part *pt, int32_t D, const int64_t *cap, bool timed)
{
	int err;

	ro_place_clear(&pt->work);
	pt->work.deadline = D;
	pt->work.cap = cap;
	err = timed ? ro_place_round_timed(&pt->work, pt->y)
		    : ro_place_round(&pt->work, pt->y);
	if (!err)
		err = ro_place_repair(&pt->work, pt->y);
	assert(err || ro_part_within_classes(pt, &pt->work));
	return err;
}

bool ro_part_within_classes(const struct part *pt, const struct ro_place *p)
{
	for (size_t c = 0; c < pt->in.ncls; c++) {
		const struct ro_cls *k = &pt->in.cls[c];
		int64_t n = 0;
		for (int32_t i = 0; i < k->ncand; i++) {
			if (p->cnt[k->cand_off + i] < 0)
				return false;
			n += p->cnt[k->cand_off + i];
		}
		if (n > k->n)
			return false;
	}
	return true;
}

bool ro_part_small_program(const struct part *pt)
{
	int rows, cols;
	long nnz;
	if (!pt->lp)
		return false;
	ro_lp_size(pt->lp, &rows, &cols, &nnz);
	return cols <= MIP_MAX_COLS;
}

/* An integer solution y of the MIP into pt->work, then kept if better. */
void ro_part_take_mip(struct run *r, struct part *pt, int32_t D)
{
	ro_place_clear(&pt->work);
	pt->work.deadline = D;
	pt->work.cap = pt->resU;
	for (size_t c = 0; c < pt->in.ncls; c++) {
		const struct ro_cls *k = &pt->in.cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			int32_t v = (int32_t)llround(pt->y[j]);
			if (v <= 0)
				continue;
			int32_t room = ro_place_room(&pt->work, (int32_t)c, j);
			ro_place_add(&pt->work, (int32_t)c, j, v < room ? v : room);
		}
	}
	ro_place_repair(&pt->work, NULL);
	assert(ro_part_within_classes(pt, &pt->work));
	ro_part_keep_if_better(r, pt);
}
