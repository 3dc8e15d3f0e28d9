/*
 * solve_export.c - the model of a run written for other solvers.
 *
 * GLPK writes the paths of --write-lp and --write-mps itself (lp_export.c);
 * this builds the one program to write, the whole site at the last stage.
 */
#include "../model/error.h"
#include "solve_priv.h"

/* The exported model (docs/solver.md, "Export"): the whole site as one
 * program, the last stage's: the least completion sum placing the weight
 * found and finishing by the makespan found (or the least peak placing the
 * weight found by the deadline); aggregated as solved, aggregated with the
 * plain knapsack rows only, or one binary per client and start. */
int ro_run_export(struct run *r)
{
	const struct ro_solve_opts *o = r->o;
	struct ro_inst split;
	const struct ro_inst *in = &r->in;
	struct ro_lp *lp = NULL;
	bool peak = o->objective == RO_OBJ_PEAK;
	int64_t w = 0;
	int err;

	for (int32_t k = 0; k < r->nparts; k++)
		w += r->parts[k].w_star;
	if (o->write_form == RO_EXPORT_CLIENTS) {
		if ((err = ro_inst_split(&r->in, &split))) {
			ro_diag_add(r->d, NULL, 0, err == RO_ELIMIT
				    ? "the per-client model is too large to write"
				    : "out of memory while building the model");
			return err;
		}
		in = &split;
	}
	int32_t D = r->dmax;
	if (!peak) {
		D = 0;
		for (int32_t k = 0; k < r->nparts; k++)
			if (r->parts[k].m_val > D)
				D = r->parts[k].m_val;
	}
	struct ro_lp_spec sp = {
		in->U, D, D,
		peak ? RO_LP_PEAK
		     : o->write_form == RO_EXPORT_AGGREGATED ? RO_LP_PATTERNS
							     : RO_LP_PLAIN,
		o->mem_limit_mb
	};
	err = ro_lp_new(&lp, in, &sp, r->d);
	if (!err)
		err = ro_lp_set_objective(lp, peak ? RO_LP_MIN_PEAK
						   : RO_LP_MIN_COMPLETION,
					  (double)w, r->d);
	if (!err)
		err = ro_lp_write(lp, o->write_lp, o->write_mps, r->d);
	ro_lp_free(lp);
	if (in == &split) {
		split.members = NULL;
		ro_inst_release(&split);
	}
	return err;
}
