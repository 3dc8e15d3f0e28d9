/*
 * export.c - planning with the model export written as every output of
 * rollout: the solver has GLPK write scratch files (it opens no file of its
 * own), and io/atomic.c copies each to its place after the solve.
 *
 * The export's shape: ro_solve takes the paths GLPK is to write to; this
 * caller owns them (ro_scratch_file, private, under $TMPDIR) and removes
 * them whatever happens.
 */
#include <assert.h>
#include <unistd.h>

#include "../io/atomic.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../solver/solve.h"   /* and ro_solve_export: rollout.h */

int ro_solve_export(const struct ro_site *s, struct ro_expand *x,
		    const struct ro_solve_opts *o, struct ro_plan **out,
		    struct ro_diag *d)
{
	struct ro_solve_opts so;
	char *lp = NULL, *mps = NULL;
	int rc;

	if (!o || !out || !d)
		return ro_solve(s, x, o, out, d);   /* its RO_EARG */
	so = *o;
	if (o->write_lp && (rc = ro_scratch_file(&lp, d)) != RO_OK)
		return rc;
	if (o->write_mps && (rc = ro_scratch_file(&mps, d)) != RO_OK)
		goto out_remove;
	so.write_lp = lp;
	so.write_mps = mps;
	rc = ro_solve(s, x, &so, out, d);
	if (rc != RO_OK)
		goto out_remove;
	assert(*out);
	/* the copies remove the scratch files, whatever happens */
	if (lp) {
		rc = ro_write_file_atomic_from(o->write_lp, lp, d);
		ro_free(lp);
		lp = NULL;
	}
	if (mps && rc == RO_OK) {
		rc = ro_write_file_atomic_from(o->write_mps, mps, d);
		ro_free(mps);
		mps = NULL;
	}
	if (rc != RO_OK) {
		ro_plan_free(*out);
		*out = NULL;
	}
out_remove:
	if (lp)
		unlink(lp);
	if (mps)
		unlink(mps);
	ro_free(lp);
	ro_free(mps);
	return rc;
}
