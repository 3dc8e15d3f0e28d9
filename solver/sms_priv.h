/*
 * sms_priv.h - what the files of the SMS 2.0 planner share (solver/sms*.c):
 * the run's state, its clock and progress, and the two phases.  sms.c runs
 * the planner and hands out the plan; sms_levers.c chooses the release,
 * the instructions and the cohorts; sms_triggers.c the early triggers.
 * Not a public header.
 */
#ifndef RO_SMS_PRIV_H
#define RO_SMS_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/forecast.h"
#include "../model/site.h"
#include "solve.h"

#define MAX_PATH 4096
/* Trigger slots offered to a class: at most two days of slots before its
 * natural start (an administrator triggers a client on the day or the
 * day before its natural run, not a week ahead). */
#define TRIGGER_SPAN_MIN (2 * RO_DAY_MIN)
/* Columns a class may gain in one pricing round. */
#define PRICE_PER_ROUND 4
/* Instruction subsets tried exhaustively up to this many groups. */
#define EXHAUSTIVE_GROUPS 4

/* The lexicographic score of a forecast.  unstarted comes first: a choice
 * that leaves clients without an upgrade in the forecast is worse than any
 * that upgrades them (a released client cannot be left out, so only the
 * levers decide it: a release after which a PC is never on, scripts that
 * never go on for new installs). */
struct key {
	int64_t unstarted, overload, makespan, actions, completion;
};

struct sms {
	const struct ro_site *s;
	const struct ro_solve_opts *o;
	struct ro_diag *d;
	struct ro_forecast *fc;
	double t0, stop_at;
	int32_t first, nslots;        /* forecast range */
	size_t ng;
	ro_time *cohort;              /* ng + 1, the levers being scored */
	bool *instr;                  /* ng */
	bool *decides, *has_new;      /* ng + 1 */
	int64_t *load;                /* nlinks * nslots */
	ro_time *rel;                 /* release candidates */
	size_t nrel;
	bool released;
	ro_time release;
	struct key best;
	long evals;
	bool timed_out, interrupted;
};

struct stages {
	double overload, overload_b;
	double makespan, makespan_b;
	double actions, actions_b;
	double completion, completion_b;
	bool overload_bounded, makespan_bounded, actions_bounded,
	     completion_bounded;
};

/* ---- the run (sms.c) ------------------------------------------------------ */

/* A progress line (time since the start, then fmt). */
void ro_sms_say(struct sms *m, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Whether the solve must stop: interrupted, or the time limit reached. */
bool ro_sms_must_stop(struct sms *m);
/* Seconds left until the share-th fraction of the limit (at least 0.05;
 * 0: no limit). */
double ro_sms_budget(const struct sms *m, double share);
/* Whether the share-th fraction of the limit is used up, or the solve
 * must stop: a stage then keeps what it has. */
bool ro_sms_stage_over(struct sms *m, double share);

/* ---- the phases ---------------------------------------------------------- */

/* The release candidates (m->rel), then the release, the instructions
 * and the cohorts chosen, into m (sms_levers.c). */
int ro_sms_search_levers(struct sms *m);
/* The early triggers for levers lv: trigger[i] per client (RO_NO_SLOT:
 * none) and the stages' values and bounds (sms_triggers.c). */
int ro_sms_triggers(struct sms *m, const struct ro_levers *lv,
		    int32_t *trigger, struct stages *sg);

#endif
