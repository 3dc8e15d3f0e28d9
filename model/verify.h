/*
 * verify.h - independent check of a plan against a site.
 *
 * The verifier implements docs/semantics.md on its own: it shares the model
 * and the calendar expansion with the planner, but none of the planner's
 * formulation code.  It recomputes every client's duration, charge, end and
 * reboot slots, every link's load per slot and every server's concurrency
 * from the assignments alone, in exact integer arithmetic, and reports each
 * violated constraint.  For a plan read from a schedule file (plan->stated)
 * it also compares every claim of the file with that recomputation; those
 * violations carry the claim's line.  Every plan is verified before it is
 * written.
 */
#ifndef RO_VERIFY_H
#define RO_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "expand.h"
#include "forecast.h"
#include "plan.h"
#include "site.h"

/* What the verifier recomputed; the schedule writer prints from it. */
struct ro_eval {
	int32_t nslots;
	size_t nlinks, nservers, nrecords;
	int64_t *usable;      /* nlinks * nslots: U(l,t) bytes */
	int64_t *load;        /* nlinks * nslots: planned bytes */
	int32_t *server_use;  /* nservers * nslots: concurrent transfers */
	int32_t *reboots;     /* nlinks * nslots: reboots on segment links */
	int32_t *dur;         /* nrecords: d */
	int64_t *charge;      /* nrecords: q bytes per slot */
	int32_t *end;         /* plan->n: completion slot e, -1 unplaced */
	int32_t makespan;     /* max e, 0 when none placed */
	int64_t completion_sum;
	int64_t placed_weight;
	int64_t placed;       /* clients placed */
	double peak_util;     /* max load/usable over links and slots */
	int32_t reboot_delay_slots;   /* K */
};

/* ro_verify and ro_eval_free: include/rollout.h. */

/* What the SMS 2.0 verifier recomputed from the levers: every client's
 * forecast, and per link and forecast slot (first .. first + nslots - 1,
 * column t - first) the load and the usable bytes. */
struct ro_sms_eval {
	int32_t first, nslots;
	size_t nlinks;
	int64_t *load, *usable;
	struct ro_fc_client *fc;      /* per expanded client */
	struct ro_fc_totals tot;
};

void ro_sms_eval_free(struct ro_sms_eval *ev);   /* accepts NULL */

/*
 * Checks an SMS 2.0 plan (p->control == RO_CONTROL_SMS20) against site s
 * (docs/semantics.md, "The SMS 2.0 mode"): every early trigger is one the
 * administrator can pull, and every client's listed start, cause and
 * reason are what the forecast of the levers gives; for a plan read from
 * a schedule, also every figure the file states.  The forecast is
 * recomputed from the site and the levers alone.  Returns the number of
 * violations (each a message in d), or -1 when out of memory.  ev (may be
 * NULL) receives the recomputation, owned by the caller.
 */
long ro_verify_sms20(const struct ro_site *s, const struct ro_plan *p,
		     struct ro_sms_eval **ev, struct ro_diag *d);

/* The transfer of record cl over its path (npath link indices from
 * ro_client_path) as docs/semantics.md defines it, exported so the
 * simulator (simulate.h) uses the same figures.  The rate R in
 * bit/s * 1e6: the record's own rate, else the smallest capacity * share
 * along the path (0 for an empty path). */
double ro_transfer_rate_ppm(const struct ro_site *s,
			    const struct ro_client *cl, const int32_t *path,
			    int npath);

/* The duration d in slots of L minutes: ceil(S * 8 / (R * 60 * L)), at
 * least 1, INT32_MAX when R is 0. */
int32_t ro_transfer_slots(const struct ro_site *s, const struct ro_client *cl,
			  const int32_t *path, int npath, int32_t L);

/* Whether records a and b have the same calendar part: what
 * ro_expand_client_on depends on, so one expansion serves both. */
bool ro_same_presence(const struct ro_client *a, const struct ro_client *b);

/* Whether a and b have the same start opportunities: the calendar part and
 * everything else ro_expand_opportunities depends on (the policy and
 * horizon are the same for all records). */
bool ro_same_opportunities(const struct ro_client *a,
			   const struct ro_client *b);

#endif
