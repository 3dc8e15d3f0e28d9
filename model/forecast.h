/*
 * forecast.h - what SMS 2.0 does after the administrator's levers
 * (docs/semantics.md, "The SMS 2.0 mode").
 *
 * On an SMS 2.0 site nobody sets a client's start.  The site is released
 * (the service pack applied to the site server; every CAP has the files a
 * propagation delay later), and each client then upgrades at its own next
 * CCIM run, at a logon whose script upgrades it, or when the
 * administrator triggers it earlier.  Given the levers, every client's
 * copy, restarts and link load follow deterministically: that is the
 * forecast, which the planner optimises over and the verifier recomputes
 * from a schedule's actions alone.
 *
 * Slots are those of the horizon's grid (slot t starts at H0 + t * L), but
 * the forecast runs over a wider range: from a week before the horizon,
 * to settle each client's 23-hour count from its phase, to a week after
 * its end, so that a client that upgrades after the horizon (Monday
 * morning's catch-up storm after a weekend horizon) keeps its start and
 * its load.  ro_forecast_first() .. ro_forecast_end() - 1 are the slots
 * covered; t < 0 and t >= T are valid slot numbers here.
 *
 * Ownership: a forecast refers to the site, which must outlive it; the
 * levers are the caller's.
 */
#ifndef RO_FORECAST_H
#define RO_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rtime.h"
#include "site.h"

/* No slot: no trigger, no start, no restart. */
#define RO_NO_SLOT INT32_MIN
/* A lever not pulled within the forecast. */
#define RO_NEVER INT64_MAX

/* Why a client starts when it does. */
enum ro_cause {
	RO_CAUSE_NONE = 0,
	RO_CAUSE_TICK,          /* a CCIM tick (phase + k * 23 h) while on */
	RO_CAUSE_POWER_UP,      /* CCIM catching up a missed tick (NT) */
	RO_CAUSE_LOGON,         /* CCIM catching up a missed tick at logon (9x) */
	RO_CAUSE_TRIGGER,       /* the administrator's early trigger */
	RO_CAUSE_COHORT         /* the logon script, enabled for its group */
};

/* Why an early trigger is not one the administrator can pull. */
enum ro_trigger_fault {
	RO_TRIGGER_OK = 0,
	RO_TRIGGER_NOT_ALLOWED,   /* no push trigger, or not installed */
	RO_TRIGGER_NOT_RELEASED,  /* the site is not released */
	RO_TRIGGER_BEFORE_READY,  /* before the CAPs have the files */
	RO_TRIGGER_OFF,           /* the client is not on the LAN then */
	RO_TRIGGER_NOT_EARLIER    /* at or after the client's natural start */
};

/*
 * The levers, as a schedule's actions state them.  cohort has
 * site->ngroups + 1 entries, the last for the clients in no group: the
 * time logon scripts are switched on for the group (RO_NEVER: not in the
 * forecast).  instructed has site->ngroups entries: the group was told to
 * stay on (its stay-on span).  trigger, per expanded client (indexed like
 * ro_plan), the slot of its early trigger or RO_NO_SLOT; NULL: none.
 */
struct ro_levers {
	bool released;
	ro_time release;
	const ro_time *cohort;
	const bool *instructed;
	const int32_t *trigger;
};

/* The levers of a plan (model/plan.h), whose arrays lv then borrows. */
struct ro_plan_levers;
void ro_levers_of_plan(const struct ro_plan_levers *pl, struct ro_levers *lv);

/* An interrupted copy: it ran in slots s .. stop-1, then the client left. */
struct ro_fc_attempt {
	int32_t s, stop;
	bool ras;
};

#define RO_FC_MAX_FAILED 4

/* One client's forecast. */
struct ro_fc_client {
	int32_t start;          /* slot of the copy that completes, or
				 * RO_NO_SLOT (reason says why) */
	ro_time start_at;       /* the instant it starts (a tick falls inside
				 * its slot; the other causes at its start) */
	enum ro_cause cause;
	bool ras;               /* the copy runs over the dial-up line */
	int32_t d;              /* slots of the copy */
	int64_t q;              /* bytes per slot of the copy */
	int32_t reboot;         /* first restart slot (reboots > 0), else
				 * RO_NO_SLOT */
	int32_t end;            /* completion slot (exclusive), RO_NO_SLOT when
				 * not complete within the forecast */
	uint8_t reason;         /* enum ro_reason when start or end is none */
	uint8_t trigger_fault;  /* enum ro_trigger_fault of a given trigger */
	uint8_t nfailed;        /* interrupted copies before start */
	struct ro_fc_attempt failed[RO_FC_MAX_FAILED];
};

struct ro_forecast;

/* Prepares the forecast of site s.  Returns RO_OK, RO_ENOMEM, or RO_ELIMIT
 * when the widened range would not fit 32-bit slot numbers. */
int ro_forecast_new(const struct ro_site *s, struct ro_forecast **out);
void ro_forecast_free(struct ro_forecast *fc);   /* accepts NULL */

/* The slots covered: first (negative) .. end - 1. */
int32_t ro_forecast_first(const struct ro_forecast *fc);
int32_t ro_forecast_end(const struct ro_forecast *fc);

/* The first slot whose start is at or after the instant every CAP has the
 * files after a release at `release`; ro_forecast_end() when none. */
int32_t ro_forecast_ready_slot(const struct ro_forecast *fc, ro_time release);

/* The CCIM phase the forecast uses for client k of record r: its own, or,
 * when unknown, one spread evenly over the 23 hours across the clients of
 * its segment and presence calendar (docs/semantics.md). */
ro_time ro_forecast_phase(const struct ro_forecast *fc, size_t r, int32_t k);

/* Whether client k of record r follows an instruction given to its group
 * (the group's compliance, spread evenly over its members). */
bool ro_forecast_complies(const struct ro_forecast *fc, size_t r, int32_t k);

/* The forecast of client k of record r under levers lv, with an early
 * trigger in slot trigger (RO_NO_SLOT: none; lv->trigger is not read).
 * A trigger the administrator cannot pull is reported in trigger_fault and
 * ignored.  Returns RO_OK or RO_ENOMEM. */
int ro_forecast_client(struct ro_forecast *fc, const struct ro_levers *lv,
		       size_t r, int32_t k, int32_t trigger,
		       struct ro_fc_client *out);

/* An early trigger in slot t as the planner weighs it, without checking
 * that t is at or after the CAPs' ready time and before the client's
 * natural start (the caller knows both): out->start is t when the client
 * is on the LAN then and its copy holds, with its restarts and end; else
 * RO_NO_SLOT. */
int ro_forecast_trigger_option(struct ro_forecast *fc,
				const struct ro_levers *lv, size_t r, int32_t k,
				int32_t t, struct ro_fc_client *out);

/* Usable bytes of link l in slot t of the forecast range
 * (docs/semantics.md, "Capacity"); 0 outside it. */
int64_t ro_forecast_usable(struct ro_forecast *fc, int32_t l, int32_t t);

/*
 * The whole site under levers lv: every client's forecast (clients, per
 * expanded index, may be NULL) and the figures of the SMS 2.0 objective.
 * load is nlinks x (end - first) bytes, row per link, slot t at column
 * t - first (may be NULL).
 */
struct ro_fc_totals {
	int64_t clients, complete, started;
	int64_t overload;        /* bytes above usable, all links and slots */
	int64_t ras_bytes;       /* bytes copied over dial-up lines */
	int64_t makespan;        /* latest completion slot (0: none) */
	int64_t completion_sum;
	int64_t triggers;        /* clients triggered early */
	int64_t after_horizon;   /* clients that start at or after T */
	int64_t unplaced[16];    /* by enum ro_reason: not started or not
				  * complete within the forecast */
};

int ro_forecast_site(struct ro_forecast *fc, const struct ro_levers *lv,
		     struct ro_fc_client *clients, int64_t *load,
		     struct ro_fc_totals *tot);

/* Whether the logon script upgrades client c: it logs on through SMSLS
 * and either has no SMS client yet or the logon path is SP1's. */
bool ro_forecast_script_upgrades(const struct ro_site *s,
				  const struct ro_client *c);

const char *ro_cause_name(enum ro_cause c);   /* "tick", ... */
int ro_cause_parse(const char *s);            /* -1 when unknown */

#endif
