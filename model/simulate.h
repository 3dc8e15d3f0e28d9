/*
 * simulate.h - what the network does with a set of transfer starts: a fluid
 * simulation of the upgrade (docs/simulate.md).
 *
 * Without a plan every client starts at its first start opportunity (the
 * Monday-morning logon storm the KB note warns about); with a plan, at the
 * plan's start slots.  Transfers then move their bytes slot by slot: in each
 * slot the running transfers share the usable bytes U(l,t) of the links of
 * their paths max-min fairly (progressive filling), each one also capped by
 * its own rate R (docs/semantics.md, "Transfer") and by what it has left.
 * Where the links are overloaded, transfers stretch.  A transfer moves only
 * in slots where its client is on (the LAN view); a CAP with max-concurrent
 * serves at most that many running transfers per slot, earliest start first,
 * then site order; the others wait that slot.
 *
 * Identical clients (same path, CAP, size, rate, calendars and start) behave
 * identically under max-min fairness, so the simulation works on classes of
 * them with a multiplicity: 100,000 clients cost what their classes cost.
 * The result is deterministic (no hash order, no clock).
 *
 * Times are slots of the site's horizon (0 .. T-1); an end is exclusive: the
 * slot at whose start the thing is done, as in docs/semantics.md.  Nothing is
 * simulated past the horizon end: a transfer still running at slot T is
 * unfinished.
 *
 * Ownership: a struct ro_sim owns all its arrays; ro_sim_free() releases
 * them.  It does not refer to the site, expansion or plan it came from.
 */
#ifndef RO_SIMULATE_H
#define RO_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "expand.h"
#include "plan.h"
#include "site.h"

/* Per-client flags (struct ro_sim.flags). */
enum {
	RO_SIM_NEVER = 1u << 0,       /* never starts: no opportunity (no
					 plan) or unplaced (plan) */
	RO_SIM_UNFINISHED = 1u << 1,  /* started, still transferring at T */
	RO_SIM_REBOOT_OFFICE = 1u << 2, /* a reboot slot inside the horizon
					  is in office hours (model/office.h,
					  docs/simulate.md) */
	RO_SIM_REBOOT_OUTSIDE = 1u << 3 /* a reboot slot inside the horizon
					  is not inside a reboot window of
					  the policy */
};

/* Per link, in site order. */
struct ro_sim_link {
	/* demand: the bytes the transfers running in a slot on this link
	 * would move at their full rate R (each at most what it has left);
	 * peak: its highest value over the horizon, the first slot where it
	 * is reached (-1: never any demand) and U(l,t) in that slot */
	int64_t peak_demand;
	int32_t peak_slot;
	int64_t peak_usable;
	int32_t overload_slots;    /* slots with demand > U(l,t) */
	int64_t overload_minutes;  /* overload_slots * slot minutes */
	int64_t moved;             /* bytes that crossed the link, rounded */
};

struct ro_sim {
	int32_t nslots;            /* T */
	int32_t slot_min;          /* L */
	int32_t reboot_delay_slots;/* K = ceil(reboot delay / L) */
	size_t nlinks;
	size_t n;                  /* clients (site->nclients_total) */

	struct ro_sim_link *links; /* nlinks */
	int64_t *demand;           /* nlinks * nslots, row per link, bytes
				      (rounded up) */
	int64_t *usable;           /* nlinks * nslots: U(l,t) */

	/* Per client, by expanded index (model/plan.h): */
	int32_t *start;            /* start slot, -1: never starts */
	int32_t *xfer_end;         /* slot the transfer is done by
				      (exclusive), -1: never or unfinished */
	int32_t *end;              /* completion: xfer_end, or with reboots
				      xfer_end + K + r (may pass T); -1 */
	uint8_t *flags;            /* RO_SIM_* */

	/* Totals */
	int64_t started, finished, never, unfinished;
	/* Reboots: the reboot slots inside the horizon of the clients whose
	 * transfer finishes (a client with r reboots reboots r times), the
	 * same count as rollout compare's for a plan */
	int64_t reboots;
	int64_t reboots_office;    /* of them in office hours (office.h) */
	int64_t reboots_outside;   /* of them outside the reboot windows (0
				      when the policy has none) */
	int64_t reboot_office_clients; /* clients with RO_SIM_REBOOT_OFFICE */
	int32_t finish;            /* max end over finished clients, 0 when
				      none; unfinished ones are not in it */
	int32_t overload_links;    /* links with overload_slots > 0 */

	/* Only when a plan was simulated (otherwise NULL, 0, false, and
	 * max_diff_client -1): */
	bool with_plan;
	int32_t *plan_end;         /* per client: the completion slot the plan
				      states by docs/semantics.md, -1 when
				      unplaced */
	int32_t max_diff;          /* largest |end - plan_end| over the
				      clients the plan places that finish */
	int64_t max_diff_client;   /* expanded index of the first client
				      with it, -1 when max_diff is 0 */
	int64_t late;              /* placed clients that end after plan_end
				      or do not finish */
};

/* Simulates site s (expanded by x).  starts: a plan whose placed clients
 * start at their start slot (unplaced ones never start); NULL: every client
 * starts at its first start opportunity with lan_only (whether it fits or
 * not; a client with none never starts).  Returns RO_OK with *out set (free
 * with ro_sim_free), RO_EARG (NULL argument, a plan of another site or an
 * SMS 2.0 plan, a start outside the horizon) with a message in d, or
 * RO_ENOMEM. */
int ro_simulate(const struct ro_site *s, struct ro_expand *x,
		const struct ro_plan *starts, struct ro_sim **out,
		struct ro_diag *d);

/*
 * Simulates the forecast of SMS 2.0 plan p of site s (p->control ==
 * RO_CONTROL_SMS20; docs/simulate.md, "An SMS 2.0 schedule"): every client
 * starts where the forecast of p's levers starts it (model/forecast.h,
 * recomputed, not read from p->a), then shares the links max-min fairly as
 * above, so that a plan that leaves overload shows when its clients really
 * complete.  The forecast runs past the horizon, so the simulation does
 * too: its slots are the horizon's from 0 to a week after the horizon end
 * (sim->nslots is that count, ro_forecast_end()); U(l,t) and the
 * calendars there come from the same weekly profiles and calendars.  A
 * client told to stay on that complies is on over its group's stay-on
 * span, as in the forecast.  A copy over a dial-up line shares nothing
 * and keeps the forecast's transfer end and completion.  The planned end
 * of each client (sim->plan_end) is the forecast's completion.  Returns
 * RO_OK with *out set, RO_EARG (not an SMS 2.0 plan of s) or RO_ENOMEM
 * with a message in d.
 */
int ro_simulate_sms20(const struct ro_site *s, const struct ro_plan *p,
		      struct ro_sim **out, struct ro_diag *d);

void ro_sim_free(struct ro_sim *sim);   /* accepts NULL */

#endif
