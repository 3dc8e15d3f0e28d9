/*
 * solve_opts.c - the planning options as the public API sees them: an
 * opaque struct ro_solve_opts made by ro_solve_opts_new and changed by one
 * setter per option, so that options can be added without breaking
 * programs built against an older library (include/rollout.h).  Each
 * setter checks its value, which is input: no assert.  Also the defaults
 * and the check of the options against the site that ro_solve makes.
 */
#include <math.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "solve_priv.h"

struct ro_solve_opts *ro_solve_opts_new(void)
{
	struct ro_solve_opts *o = ro_malloc(sizeof *o);

	if (o)
		ro_solve_opts_init(o);
	return o;
}

void ro_solve_opts_free(struct ro_solve_opts *o)
{
	ro_free(o);
}

int ro_solve_opts_set_objective(struct ro_solve_opts *o,
				enum ro_objective objective)
{
	if (!o || (objective != RO_OBJ_LEXICOGRAPHIC && objective != RO_OBJ_PEAK))
		return RO_EARG;
	o->objective = objective;
	return RO_OK;
}

int ro_solve_opts_set_deadline(struct ro_solve_opts *o, ro_time deadline)
{
	if (!o)
		return RO_EARG;
	o->has_deadline = true;
	o->deadline = deadline;
	return RO_OK;
}

int ro_solve_opts_set_time_limit(struct ro_solve_opts *o, double seconds)
{
	if (!o || !isfinite(seconds) || seconds < 0)
		return RO_EARG;
	o->time_limit = seconds;
	return RO_OK;
}

int ro_solve_opts_set_gap(struct ro_solve_opts *o, double gap)
{
	if (!o || !(gap >= 0 && gap <= 1))
		return RO_EARG;
	o->gap = gap;
	return RO_OK;
}

int ro_solve_opts_set_mem_limit(struct ro_solve_opts *o, int mb)
{
	if (!o || mb < 0)
		return RO_EARG;
	o->mem_limit_mb = mb;
	return RO_OK;
}

int ro_solve_opts_set_control(struct ro_solve_opts *o, int control)
{
	if (!o || (control != -1 && control != RO_CONTROL_PER_CLIENT &&
		   control != RO_CONTROL_SMS20))
		return RO_EARG;
	o->control = control;
	return RO_OK;
}

int ro_solve_opts_set_releases(struct ro_solve_opts *o, const ro_time *at,
			       size_t n)
{
	if (!o || (n && !at))
		return RO_EARG;
	o->releases = at;
	o->nreleases = n;
	return RO_OK;
}

int ro_solve_opts_set_progress(struct ro_solve_opts *o,
			       void (*cb)(void *ud, const char *line),
			       void *ud)
{
	if (!o)
		return RO_EARG;
	o->progress = cb;
	o->progress_ud = ud;
	return RO_OK;
}

int ro_solve_opts_set_interrupt(struct ro_solve_opts *o, volatile int *flag)
{
	if (!o)
		return RO_EARG;
	o->interrupt = flag;
	return RO_OK;
}

int ro_solve_opts_set_export(struct ro_solve_opts *o, const char *lp_path,
			     const char *mps_path, enum ro_export_form form)
{
	if (!o || (form != RO_EXPORT_AGGREGATED && form != RO_EXPORT_PLAIN &&
		   form != RO_EXPORT_CLIENTS))
		return RO_EARG;
	o->write_lp = lp_path;
	o->write_mps = mps_path;
	o->write_form = form;
	return RO_OK;
}

void ro_solve_opts_init(struct ro_solve_opts *o)
{
	memset(o, 0, sizeof *o);
	o->objective = RO_OBJ_LEXICOGRAPHIC;
	o->gap = 0;
	o->control = -1;
}

/* The options against the site, before any planning. */
int ro_solve_opts_check(const struct ro_site *s, const struct ro_solve_opts *o,
			struct ro_diag *d)
{
	if (!isfinite(o->time_limit) || o->time_limit < 0 ||
	    o->time_limit > 1e7) {
		ro_diag_add(d, NULL, 0, "time limit must be between 0 and 1e7 seconds");
		return RO_EARG;
	}
	if (!isfinite(o->gap) || o->gap < 0 || o->gap > 1) {
		ro_diag_add(d, NULL, 0, "gap must be a fraction between 0 and 1");
		return RO_EARG;
	}
	if (o->has_deadline && o->deadline < s->horizon.start) {
		ro_diag_add(d, NULL, 0, "deadline is before the horizon start");
		return RO_EARG;
	}
	if (o->mem_limit_mb < 0) {
		ro_diag_add(d, NULL, 0, "memory limit must not be negative");
		return RO_EARG;
	}
	return RO_OK;
}
