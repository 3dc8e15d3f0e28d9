/*
 * compare.h - what-if comparison: plan several scenarios of one site and
 * collect, for each, the figures an administrator weighs (issue "Trust and
 * what-if"; docs/cli.md, "rollout compare").
 *
 * Each scenario is planned in its site's control mode.  For an SMS 2.0
 * site (docs/semantics.md, "The SMS 2.0 mode") the scenario's per-client
 * plan follows it as a second column: the optimistic bound, what control
 * of every client's start would buy.
 *
 * The figures are computed from a plan and the verifier's recomputation of
 * it (struct ro_eval, or struct ro_sms_eval for an SMS 2.0 plan), never
 * from the solver's own bookkeeping, so they mean the same for every
 * column.  Nothing here prints; the program formats them
 * (cli/cmd_compare.c) and compare_xml.h writes them as XML.
 *
 * Ownership: a struct ro_compare owns its columns and every string and
 * array in them; ro_compare_free() releases it all.
 */
#ifndef RO_COMPARE_H
#define RO_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/office.h"
#include "../model/plan.h"
#include "../model/simulate.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "../solver/solve.h"

/* The scenario name that stands for the site without a scenario. */
#define RO_COMPARE_BASE "base"

/* Most columns a comparison holds (scenarios, their per-client bounds and
 * the baseline). */
#define RO_COMPARE_MAX 15

/* The name of the per-client column of scenario X is X followed by this. */
#define RO_COMPARE_BOUND_SUFFIX "/per-client"

/* Reasons counted per column: every enum ro_reason. */
#define RO_COMPARE_NREASONS (RO_REASON_UNFINISHED + 1)

/* What ro_compare_run adds to the scenarios' columns. */
enum {
	RO_COMPARE_BASELINE = 1u << 0,  /* the unplanned simulation, last */
	RO_COMPARE_NO_BOUND = 1u << 1   /* no per-client column after an
					 * SMS 2.0 scenario */
};

enum ro_figures_kind {
	RO_FIGURES_PLAN,        /* planned by ro_solve */
	RO_FIGURES_SIMULATION   /* the unplanned run (baseline) */
};

/* One WAN link: its highest utilisation load / usable over the slots (the
 * first slot where it is reached).  For the simulation, load is the demand
 * of the running transfers at their full rate, so it can exceed usable:
 * that is the overload an unplanned upgrade causes.  For an SMS 2.0 plan,
 * the forecast's load over the forecast's slots (before and after the
 * horizon too), which exceeds usable where the plan leaves overload. */
struct ro_wan_figure {
	char *id;               /* link id */
	int64_t peak_load;      /* bytes in the peak slot (0: carries nothing) */
	int64_t peak_usable;    /* U(l,t) in that slot (> 0) */
	int32_t peak_slot;      /* horizon slot (may be >= T for an SMS 2.0
				   plan); meaningless when peak_load is 0 */
};

/* Bytes over all WAN links in the slots that start on one calendar day.
 * For the simulation, per link and slot the demand capped at U(l,t): what
 * the links could carry of what was asked, an upper bound on what moved.
 * For an SMS 2.0 plan, the forecast's load, uncapped. */
struct ro_day_figure {
	ro_time day;            /* 00:00 of the date */
	int64_t bytes;
};

/* The figures of one column.  When err is not RO_OK the column could not
 * be planned (error says why) and only name, kind, err and error hold. */
struct ro_figures {
	char *name;             /* "base", a scenario, or "baseline" */
	enum ro_figures_kind kind;
	int err;                /* RO_OK, RO_ENOPLAN, RO_ETIMELIMIT, ... */
	char *error;            /* NULL when err == RO_OK */
	struct ro_horizon horizon;
	int64_t clients;
	int64_t placed;         /* SMS 2.0: upgraded (complete) in the
				   forecast, after the horizon included */
	int64_t unplaced[RO_COMPARE_NREASONS];   /* by enum ro_reason (plan;
						    SMS 2.0: not complete) */
	int64_t never;          /* simulation: clients that never start */
	int64_t unfinished;     /* simulation: started, not complete by the
				   horizon end (transfer or reboots) */
	int32_t makespan;       /* slots from the horizon start; 0: none placed
				   (SMS 2.0: may pass the horizon's T) */
	ro_time finish;         /* when the last client completes */
	struct ro_wan_figure *wan;
	size_t nwan;
	struct ro_day_figure *days;   /* every date of the horizon, in order;
					 SMS 2.0: and the dates after it up
					 to the last with WAN load */
	size_t ndays;
	int64_t reboots;        /* reboots (reboot slots), all clients */
	int64_t reboots_office; /* of them in office hours (model/office.h);
				   for the baseline, the simulation's own
				   figures (model/simulate.h) */
	int64_t ras_clients;
	int64_t ras_deferred;   /* placed after their first opportunity, or
				   not placed (not for SMS 2.0) */
	enum ro_status status;
	struct ro_stage stages[4];
	int nstages;
	double gap;             /* largest relative gap of a stage; -1: none */
	double seconds;         /* wall time of the solve (varies by run) */

	/* Plans: the control mode (enum ro_control), and whether the column
	 * is the per-client bound of the SMS 2.0 column before it. */
	int control;
	bool bound;
	/* SMS 2.0 plans only, from the verifier's forecast (struct
	 * ro_sms_eval) and the plan's levers: */
	bool released;
	ro_time release;        /* when the service pack is applied */
	int64_t instructed;     /* user groups told to stay on */
	int64_t cohorts;        /* logon-script cohorts switched on (groups,
				   the clients in no group counting as one) */
	int64_t triggers;       /* clients triggered early */
	int64_t after_horizon;  /* clients starting at or after the horizon
				   end */
	int64_t overload;       /* bytes above usable, all links and slots */
	int64_t ras_bytes;      /* bytes over dial-up lines */
	int64_t ras_dialup;     /* clients whose copy runs over dial-up */
	/* Where overload remains: the forecast's starts simulated with fair
	 * sharing (model/simulate.h, ro_simulate_sms20); sim_makespan 0 when
	 * no client completes in the simulation. */
	bool simulated;
	int32_t sim_makespan;   /* slots from the horizon start */
	ro_time sim_finish;
	int64_t sim_unfinished; /* started, not complete in the simulated
				   range */
	int32_t sim_nslots;     /* the simulated range: horizon slots 0 ..
				   sim_nslots - 1 */
};

struct ro_compare {
	char *site;             /* the site's name */
	char *path;             /* the site file as given */
	struct ro_figures *v;   /* columns in the order asked, baseline last */
	size_t n;
};

/* Fills f (zeroed first) with the figures of plan p of site s, which the
 * verifier checked into ev.  f->name is left NULL for the caller.  Returns
 * RO_OK, RO_EARG or RO_ENOMEM (f is then released). */
int ro_figures_compute(const struct ro_site *s, struct ro_expand *x,
		       const struct ro_plan *p, const struct ro_eval *ev,
		       struct ro_figures *f);
/* The same for SMS 2.0 plan p of site s, which ro_verify_sms20 checked
 * into ev; without the fair-sharing figures (ro_compare_run adds them). */
int ro_figures_sms20(const struct ro_site *s, const struct ro_plan *p,
		     const struct ro_sms_eval *ev, struct ro_figures *f);
/* The same for the unplanned simulation sim of site s (model/simulate.h):
 * placed are the clients complete by the horizon end; WAN figures from the
 * simulated demand (see above); status "simulated" has no stages. */
int ro_figures_simulated(const struct ro_site *s, struct ro_expand *x,
			 const struct ro_sim *sim, struct ro_figures *f);

/* Frees what f owns and zeroes it; accepts NULL. */
void ro_figures_release(struct ro_figures *f);

/* Plans the site at path under each of the n scenarios (NULL, "" or
 * "base": the site without a scenario) with options o, in the control mode
 * of o, else of the scenario's site; after each SMS 2.0 column, unless
 * flags has RO_COMPARE_NO_BOUND, the scenario planned per client (named
 * with RO_COMPARE_BOUND_SUFFIX); with RO_COMPARE_BASELINE, the unplanned
 * simulation of the site without a scenario as the last column.  Every scenario is loaded before any is planned, so a bad name
 * fails at once: RO_EIO, RO_EPARSE, RO_ESCHEMA, RO_EINVAL, RO_ELIMIT with
 * the reader's messages in d.  A scenario the solver cannot plan (no plan,
 * time limit, solver failure, failed verification) is a column with err
 * set, not a failure of the call; after an interrupt the remaining columns
 * are left unplanned with RO_EINTR.  Returns RO_OK with *out set, or an
 * error (also RO_EARG: n is 0 or the columns exceed RO_COMPARE_MAX;
 * RO_ENOMEM) with *out NULL.  o->progress, when set, also receives one line
 * per column. */
int ro_compare_run(const char *path, const char *const *scenarios, size_t n,
		   const struct ro_solve_opts *o, unsigned flags,
		   struct ro_compare **out, struct ro_diag *d);

void ro_compare_free(struct ro_compare *c);   /* accepts NULL */

/* The first column whose err is not RO_OK, or -1. */
int ro_compare_first_error(const struct ro_compare *c);

#endif
