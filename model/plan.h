/*
 * plan.h - a schedule in memory: one start slot (or a reason) per client.
 *
 * Clients are addressed by their expanded index: record r of the site
 * contributes clients first[r] .. first[r+1]-1, in the order of
 * ro_client_name(k) for k = 0 .. count-1.  The solver fills a plan, the
 * schedule reader fills one from XML, the verifier and the writer read it.
 *
 * Ownership: a plan owns its arrays; it refers to a site it does not own
 * (the site must outlive the plan).
 */
#ifndef RO_PLAN_H
#define RO_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../include/rollout.h"   /* enum ro_reason, enum ro_status */
#include "rtime.h"

struct ro_site;
struct ro_stated;

struct ro_assign {
	int32_t start;      /* start slot; -1 when unplaced */
	uint8_t trigger;    /* the RO_TRIG_* bit that starts it (placed);
			     * SMS 2.0: its enum ro_cause */
	uint8_t reason;     /* enum ro_reason (unplaced) */
};

/* The administrator's levers of an SMS 2.0 plan (model/forecast.h, struct
 * ro_levers, whose arrays these are): the release, per user group (and a
 * last entry for the clients in no group) when logon scripts go on, per
 * group whether it is told to stay on, per client its early trigger. */
struct ro_plan_levers {
	bool released;
	ro_time release;
	ro_time *cohort;        /* ngroups + 1 */
	bool *instructed;       /* ngroups */
	int32_t *trigger;       /* n, RO_NO_SLOT (forecast.h) for none */
	size_t ngroups;
};

/* One stage of the lexicographic objective, as the header reports it. */
struct ro_stage {
	char name[24];      /* "placed-weight", "makespan", "completion-sum",
			       "peak-utilisation" */
	bool maximise;
	double value;
	bool has_bound;
	double bound;       /* proven bound on value */
};

struct ro_plan_info {
	char objective[16];       /* "lexicographic" or "peak" */
	ro_time deadline;         /* 0 = none */
	bool has_deadline;
	double time_limit;        /* seconds, 0 = none */
	double gap;               /* relative gap target */
	bool show_time;           /* write solve_seconds in the header */
	double solve_seconds;
};

struct ro_plan {
	size_t n;                 /* clients (site->nclients_total) */
	size_t nrecords;
	int64_t *first;           /* nrecords + 1 */
	struct ro_assign *a;      /* n */
	enum ro_status status;
	struct ro_stage stages[4];
	int nstages;
	struct ro_plan_info info;

	/* RO_CONTROL_SMS20: the levers; a[i].start is then the forecast
	 * start (it may lie at or after the horizon end), a[i].trigger its
	 * cause, a[i].reason why it has none */
	int control;             /* enum ro_control (site.h) */
	struct ro_plan_levers lv;

	/* What a schedule file states beyond the plan itself, kept by the
	 * schedule reader for the verifier to compare with its own
	 * recomputation; NULL for a plan from the solver. */
	struct ro_stated *stated;
};

/* A figure a schedule file does not state. */
#define RO_UNSTATED INT64_MIN

/* The claims of one placed client's <client> element.  Times are minutes
 * (rtime.h), not slots, so that a claim off the slot grid is compared too. */
struct ro_stated_client {
	long line;              /* 0: the client is not placed in the file */
	ro_time end;            /* completion ("end") */
	ro_time xfer_end;       /* "transfer-end", RO_UNSTATED when absent */
	int64_t slots;          /* d */
	int64_t bytes;          /* S */
	int32_t server;         /* index of the "cap" in the site's servers */
	uint32_t nreboots;      /* its <reboot> elements: reboot[reboot0..] */
	size_t reboot0;
};

struct ro_stated_reboot {
	ro_time at;
	long line;
};

enum ro_action_kind {
	RO_ACT_EXPIRE,          /* expire-advertisements */
	RO_ACT_LOGON_OFF,       /* disable-logon-scripts (everyone) */
	RO_ACT_LOGON_ON,        /* enable-logon-scripts, scope all or listed */
	RO_ACT_PUSH,            /* push, listed clients */
	RO_ACT_REENABLE,        /* reenable-advertisements */
	/* the SMS 2.0 schedule */
	RO_ACT_APPLY,           /* apply-service-pack: the release */
	RO_ACT_INSTRUCT,        /* instruct-users: a group told to stay on */
	RO_ACT_TRIGGER,         /* trigger: listed clients, early */
	RO_ACT_RESTART          /* restart-reminder: listed 9x users */
};

/* One element of <actions>, in file order. */
struct ro_stated_action {
	enum ro_action_kind kind;
	bool scope_all;         /* enable-logon-scripts scope="all" */
	ro_time at;
	long line;
	size_t client0, nclients;   /* listed clients: client_of[client0..] */
	/* SMS 2.0: the group of a cohort or an instruction (its index; the
	 * number of groups for scope="ungrouped"; -1: none), and what the
	 * element states besides */
	int32_t group;
	ro_time ready, from, to;    /* apply: ready; instruct: from, to */
	int64_t compliance4;        /* instruct: x 10^4 */
};

/* SMS 2.0: one <slot> of a <link>, as the file states it. */
struct ro_stated_lslot {
	int32_t link, t;
	int64_t bytes, usable, overload, util4;   /* RO_UNSTATED, -1 */
	long line;
};

/*
 * Everything a schedule file states that the verifier checks: the summary,
 * each placed client's claims, the actions and the figures per link and
 * slot.  Counts are RO_UNSTATED when absent; per-slot arrays are nlinks *
 * nslots, row per link, with RO_UNSTATED (util4: -1) where the file lists
 * no such slot.  Owned by the plan (ro_plan_free).
 */
struct ro_stated {
	long summary_line;
	int64_t placed, unplaced, placed_weight, completion_sum;
	int64_t makespan_slots;
	ro_time makespan_at;
	int64_t peak4;          /* peak-utilisation x 10^4, exactly */

	struct ro_stated_client *client;    /* plan->n, by expanded index */
	struct ro_stated_reboot *reboot;
	size_t nreboot;

	struct ro_stated_action *action;
	size_t naction;
	int64_t *client_of;     /* expanded indices of listed clients */
	size_t nclient_of;

	int64_t *load, *usable;
	int64_t *util4;         /* utilisation x 10^4, -1 when absent */
	int32_t *slot_line;     /* line of each <slot>, 0 when absent */

	/* SMS 2.0: the summary's further figures, the link slots listed
	 * (in file order), and whether the file is an SMS 2.0 schedule */
	bool sms20;
	int64_t clients, after_horizon, overload, ras_bytes, triggers;
	struct ro_stated_lslot *lslot;
	size_t nlslot;
};

/* A stated struct for n clients and nlinks x nslots link slots with
 * nothing stated yet (no client listed, every figure RO_UNSTATED); NULL on
 * allocation failure. */
struct ro_stated *ro_stated_new(size_t n, size_t nlinks, int32_t nslots);
void ro_stated_free(struct ro_stated *st);   /* accepts NULL */

/* A plan for site with every client unplaced (reason NONE, start -1). */
struct ro_plan *ro_plan_new(const struct ro_site *site);

/* Makes p an SMS 2.0 plan: allocates its levers for the site's groups and
 * clients, nothing released, scripts never on, no instruction, no
 * trigger.  RO_OK or RO_ENOMEM. */
int ro_plan_set_sms20(struct ro_plan *p, const struct ro_site *site);

/* The record of expanded client i (0 <= i < p->n): the last r with
 * first[r] <= i, by binary search; and its id (ro_client_name) in buf of
 * size n. */
size_t ro_plan_record_of(const struct ro_plan *p, size_t i);
char *ro_plan_client_name(const struct ro_plan *p, const struct ro_site *s,
			  size_t i, char *buf, size_t n);

/* Relative gap of stage st: |value - bound| / max(|value|, 1e-9)
 * (0 when equal); returns -1 when the stage has no bound. */
double ro_stage_gap(const struct ro_stage *st);

int ro_reason_parse(const char *s);            /* -1 when unknown */
int ro_status_parse(const char *s);            /* -1 when unknown */
const char *ro_trigger_name(unsigned trig_bit); /* "ccim", "logon", "push" */

#endif
