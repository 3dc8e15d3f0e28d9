/*
 * lp_export.c - the program as CPLEX LP or free MPS text, for other
 * solvers (rollout plan --write-lp, --write-mps; docs/solver.md).  Every
 * GLPK call runs under the guard of lp.c.
 */
#include <setjmp.h>
#include <stdbool.h>

#include <glpk.h>

#include "../model/error.h"
#include "lp_priv.h"

/* GLPK opens path itself, and the solver opens no file of its own: a
 * caller that wants the output atomic, or on "-", hands it a scratch file
 * and copies that to its place (ro_solve_export, orch/export.c). */
static int write_one(struct ro_lp *lp, const char *path, bool mps,
		     struct ro_diag *d)
{
	int rc;
	jmp_buf jb;

	if (setjmp(jb))
		return ro_lp_glpk_failed(lp, d, "writing the model");
	ro_lp_arm(&jb);
	/* GLPK leaves the objective out of an MPS file when any row is free
	 * (the reader would take that row for it): the weight row, free when
	 * it is not a floor, gets the bound it always meets */
	if (mps && glp_get_row_type(lp->P, lp->wrow) == GLP_FR)
		glp_set_row_bnds(lp->P, lp->wrow, GLP_LO, 0, 0);
	rc = mps ? glp_write_mps(lp->P, GLP_MPS_FILE, NULL, path)
		 : glp_write_lp(lp->P, NULL, path);
	ro_lp_disarm();
	if (rc != 0) {
		ro_diag_add(d, NULL, 0, "cannot write '%s': GLPK could not "
			    "write the model there (is the disk full?)", path);
		return RO_EIO;
	}
	return RO_OK;
}

int ro_lp_write(struct ro_lp *lp, const char *lp_path, const char *mps_path,
		struct ro_diag *d)
{
	int err = RO_OK;

	if (!ro_lp_alive(lp))
		return ro_lp_dead(d);
	if (lp_path)
		err = write_one(lp, lp_path, false, d);
	if (!err && mps_path)
		err = write_one(lp, mps_path, true, d);
	return err;
}
