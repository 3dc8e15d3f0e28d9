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

#include "rtime.h"

struct ro_site;

enum ro_reason {
	RO_REASON_NONE = 0,          /* placed */
	RO_REASON_NO_OPPORTUNITY,    /* no trigger fires inside the horizon */
	RO_REASON_RAS_ONLY,          /* on only while on the RAS link */
	RO_REASON_WINDOW,            /* on-window too short (or reboot window) */
	RO_REASON_CAPACITY,          /* could start, but capacity is taken */
	RO_REASON_HORIZON            /* would finish after the horizon end */
};

enum ro_status {
	RO_STATUS_OPTIMAL,       /* every stage proven optimal */
	RO_STATUS_FEASIBLE,      /* a verified plan, gap > 0 or target reached */
	RO_STATUS_TIME_LIMIT,    /* stopped by the time limit, best plan kept */
	RO_STATUS_INTERRUPTED,   /* stopped by a signal, best plan kept */
	RO_STATUS_NO_PLAN        /* nothing to write */
};

struct ro_assign {
	int32_t start;      /* start slot; -1 when unplaced */
	uint8_t trigger;    /* the RO_TRIG_* bit that starts it (placed) */
	uint8_t reason;     /* enum ro_reason (unplaced) */
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

	/* What a schedule file states, kept by the schedule reader so that the
	 * verifier can compare it with what it recomputes; the solver leaves
	 * them empty.  stated_load is nlinks * nslots bytes (row per link) or
	 * NULL; stated_makespan is in slots, -1 when not stated. */
	int64_t *stated_load;
	int32_t stated_makespan;
	/* The summary's peak-utilisation (four decimals), when stated. */
	bool has_stated_peak;
	double stated_peak_util;
};

/* A plan for site with every client unplaced (reason NONE, start -1). */
struct ro_plan *ro_plan_new(const struct ro_site *site);
void ro_plan_free(struct ro_plan *p);   /* accepts NULL */

/* Relative gap of stage st: |value - bound| / max(|value|, 1e-9)
 * (0 when equal); returns -1 when the stage has no bound. */
double ro_stage_gap(const struct ro_stage *st);

const char *ro_reason_name(enum ro_reason r);  /* "capacity", ... */
int ro_reason_parse(const char *s);            /* -1 when unknown */
const char *ro_status_name(enum ro_status s);  /* "optimal", ... */
int ro_status_parse(const char *s);            /* -1 when unknown */
const char *ro_trigger_name(unsigned trig_bit); /* "ccim", "logon", "push" */

#endif
