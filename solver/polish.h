/*
 * polish.h - improving a plan by solving windows of it exactly.
 *
 * The clients of a part that start inside a window of slots are taken out
 * and placed again by a small integer program (GLPK branch-and-bound) over
 * the starts inside that window, against the capacity the rest of the plan
 * leaves; the window then slides on.  Rounding an LP leaves a few clients
 * a slot or two from where an exact solution would put them, and
 * branch-and-bound over a whole part is slow to find that last bit: small
 * windows find it in milliseconds (a relaxation-induced neighbourhood in
 * time, in the spirit of local branching).
 */
#ifndef RO_SOLVER_POLISH_H
#define RO_SOLVER_POLISH_H

#include <stdint.h>

#include "../model/diag.h"
#include "inst.h"
#include "place.h"

struct ro_polish_opts {
	int32_t window;          /* slots per window */
	double window_seconds;   /* branch-and-bound time of one window */
	double stop_at;          /* ro_clock() time to stop at, 0: none */
	volatile int *interrupt; /* stop when it becomes non-zero */
	int mem_limit_mb;        /* GLPK's memory limit, 0: none */
};

/* Slides windows over the plan p of instance in (a part), from slot 0 to
 * the plan's makespan, keeping every change that lowers the sum of
 * completions; the weight placed and the makespan never get worse.
 * *gain receives how much the sum went down.  Returns RO_OK, RO_ENOMEM or
 * RO_ESOLVER (GLPK failed; p is left as it was before the window). */
int ro_polish(const struct ro_inst *in, struct ro_place *p,
	      const struct ro_polish_opts *o, int64_t *gain, struct ro_diag *d);

#endif
