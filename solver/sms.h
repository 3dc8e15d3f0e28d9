/*
 * sms.h - the SMS 2.0 planner: the administrator's levers, not per-client
 * starts, are the decisions (docs/semantics.md, "The SMS 2.0 mode";
 * docs/solver.md, "The SMS 2.0 planner").
 *
 * It chooses the release among the candidates, the stay-on instructions
 * and the logon-script cohorts by evaluating the forecast each choice
 * implies, then the early triggers by an integer program over the chosen
 * levers' forecast, lexicographically: least overload (bytes above the
 * usable capacity, and bytes over dial-up lines), then the makespan, then
 * the fewest actions, then the completion sum.
 */
#ifndef RO_SOLVER_SMS_H
#define RO_SOLVER_SMS_H

#include "../model/diag.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "solve.h"

/* Plans site s in the SMS 2.0 mode.  Returns RO_OK with *out (status
 * inside), or RO_ENOMEM, RO_ESOLVER, RO_EARG.  Every returned plan has
 * passed the independent check of its forecast (ro_verify_sms20). */
int ro_sms_solve(const struct ro_site *s, const struct ro_solve_opts *o,
		 struct ro_plan **out, struct ro_diag *d);

#endif
