/*
 * solve_peak.c - the peak objective: the least highest link utilisation.
 *
 * Replaces phases 2 to 4 with --objective peak: per part an LP bound,
 * bisection on capacities scaled to floor(z U) with a rounded plan each,
 * and branch-and-bound on the min-peak program for small programs.
 */
#include <math.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

static double peak_of_place(const struct ro_inst *in, const struct ro_place *p)
{
	double m = 0;
	for (size_t i = 0; i < in->nlinks * (size_t)in->T; i++)
		if (p->load[i] > 0 && in->U[i] > 0 &&
		    (double)p->load[i] / (double)in->U[i] > m)
			m = (double)p->load[i] / (double)in->U[i];
	return m;
}

double ro_part_peak(const struct part *pt)
{
	return peak_of_place(&pt->in, &pt->best);
}

/* The min-peak LP of a part placing weight w: its value, y its solution. */
static int peak_lp(struct run *r, struct part *pt, int64_t w, double *val,
		   bool *ok)
{
	struct ro_lp *plp = NULL;
	enum ro_lp_result res;
	struct ro_lp_spec sp = { pt->in.U, r->dmax, r->dmax, RO_LP_PEAK,
				 r->o->mem_limit_mb };
	int err = ro_lp_new(&plp, &pt->in, &sp, r->d);

	if (!err)
		err = ro_lp_set_objective(plp, RO_LP_MIN_PEAK, (double)w, r->d);
	if (!err)
		err = ro_lp_solve(plp, ro_run_remaining(r), &res, val, pt->y,
				  r->d);
	ro_lp_free(plp);
	*ok = !err && res == RO_LP_OPTIMAL;
	return err;
}

/* Peak objective for a part: the least highest utilisation.  LP bound;
 * bisection on capacities scaled to floor(z U), each rounded from the LP;
 * and for small programs branch-and-bound on the min-peak program. */
static int stage_peak(struct run *r, struct part *pt)
{
	double val, lo = 0, hi = ro_part_peak(pt);
	size_t lt = pt->in.nlinks * (size_t)pt->in.T;
	bool ok;
	int err;

	pt->scaled = ro_mallocarray(lt, sizeof *pt->scaled);
	if (!pt->scaled)
		return RO_ENOMEM;
	if (pt->w_floor < pt->w_star) {
		if ((err = peak_lp(r, pt, pt->w_floor, &val, &ok)))
			return err;
		pt->z_bound = ok ? val : 0;
	}
	if ((err = peak_lp(r, pt, pt->w_star, &val, &ok)))
		return err;
	if (ok)
		lo = val;
	if (ok && pt->w_floor >= pt->w_star)
		pt->z_bound = val;
	/* bisection on capacities scaled to floor(z U), less what the other
	 * parts use */
	for (int it = 0; it < 20 && hi - lo > 1e-4 && !ro_run_must_stop(r);
	     it++) {
		double z = it == 0 ? lo : (lo + hi) / 2;
		for (size_t i = 0; i < lt; i++) {
			int64_t u = pt->in.U[i];
			int64_t zu = (int64_t)floor(z * (double)u);
			int64_t others = u - pt->resU[i];
			pt->scaled[i] = zu > others ? zu - others : 0;
		}
		if ((err = ro_part_round(pt, r->dmax, pt->scaled, false)))
			return err;
		ro_place_improve(&pt->work, ro_run_stop_time(r));
		if (ro_place_weight(&pt->work) >= pt->w_star &&
		    peak_of_place(&pt->in, &pt->work) < ro_part_peak(pt)) {
			ro_place_copy(&pt->best, &pt->work);
			hi = z;
			if (it == 0)
				break;
		} else {
			lo = z;
		}
	}
	pt->best.cap = pt->resU;
	pt->work.cap = pt->resU;
	/* small programs: branch-and-bound on min z */
	if (ro_part_peak(pt) - pt->z_bound > 1e-9 && !ro_run_must_stop(r)) {
		struct ro_lp_spec sp = { pt->in.U, r->dmax, r->dmax, RO_LP_PEAK,
					 r->o->mem_limit_mb };
		struct ro_lp *plp = NULL;
		enum ro_lp_result res;
		double obj, bound;
		int rows, cols;
		long nnz;

		if ((err = ro_lp_new(&plp, &pt->in, &sp, r->d)))
			return err;
		ro_lp_size(plp, &rows, &cols, &nnz);
		if (cols <= MIP_MAX_COLS &&
		    !(err = ro_lp_set_objective(plp, RO_LP_MIN_PEAK,
						(double)pt->w_star, r->d)))
			err = ro_lp_mip(plp, NULL, ro_run_remaining(r), r->o->gap,
					r->o->interrupt, ro_run_mip_progress, r, &res,
					&obj, &bound, pt->y, r->d);
		ro_lp_free(plp);
		if (err || cols > MIP_MAX_COLS)
			return err;
		if (res == RO_LP_OPTIMAL || res == RO_LP_FEASIBLE) {
			ro_place_clear(&pt->work);
			for (size_t c = 0; c < pt->in.ncls; c++) {
				const struct ro_cls *k = &pt->in.cls[c];
				for (int32_t i = 0; i < k->ncand; i++) {
					int32_t j = k->cand_off + i;
					int32_t v = (int32_t)llround(pt->y[j]);
					int32_t room = v > 0 ? ro_place_room(&pt->work,
								(int32_t)c, j) : 0;
					if (v > 0)
						ro_place_add(&pt->work, (int32_t)c, j,
							     v < room ? v : room);
				}
			}
			if (ro_place_weight(&pt->work) >= pt->w_star &&
			    peak_of_place(&pt->in, &pt->work) < ro_part_peak(pt))
				ro_place_copy(&pt->best, &pt->work);
		}
		if (res != RO_LP_TIMEOUT && res != RO_LP_INFEASIBLE &&
		    pt->w_floor >= pt->w_star && bound > pt->z_bound)
			pt->z_bound = bound;
	}
	return RO_OK;
}

/* The peak objective in place of phases 2 to 4, part by part. */
int ro_phase_peak(struct run *r)
{
	return ro_parts_each(r, stage_peak);
}
