/*
 * schedule.h - the XML schedule: writing and reading (io/schema/schedule.xsd).
 *
 * The writer takes a plan and the verifier's recomputation of it (loads,
 * ends, reboots) and writes the document atomically; the same site, plan and
 * options give byte-identical output.  The reader loads any schedule that
 * follows the XSD into a plan against a site, keeping what the file states
 * (makespan, per-link loads) for the verifier to compare.
 */
#ifndef RO_SCHEDULE_H
#define RO_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "../model/verify.h"

/* ro_schedule_write, ro_schedule_read (what the file states is kept in
 * (*out)->stated) and ro_schedule_scenario (from the header, through
 * ro_schedule_read_head below): include/rollout.h. */

/* Options of the schedule writer, apart from the plan: what the program
 * chooses to write, not what the solver found. */
struct ro_schedule_wopts {
	bool show_time;   /* write solve-seconds (the file is then not
			   * reproducible byte for byte) */
	double time_limit;   /* > 0: the header's time-limit, what the user
			      * asked (the solver got less: loading and
			      * writing take their share) */
};

/* ro_schedule_write with options wo (NULL: the defaults, all off). */
int ro_schedule_write_opts(const struct ro_site *s, const struct ro_plan *p,
			   const struct ro_eval *ev, const char *path,
			   const struct ro_schedule_wopts *wo,
			   struct ro_diag *d);

/* The schedule of an SMS 2.0 plan (p->control == RO_CONTROL_SMS20) from
 * the verifier's recomputation ev (ro_verify_sms20): the actions in time
 * order, the forecast per client and per loaded link-slot
 * (docs/schedule-format.md, "The SMS 2.0 schedule").  Written atomically;
 * RO_OK, RO_EARG, RO_ENOMEM or RO_EIO with a message in d. */
int ro_schedule_write_sms20(const struct ro_site *s, const struct ro_plan *p,
			    const struct ro_sms_eval *ev, const char *path,
			    const struct ro_schedule_wopts *wo,
			    struct ro_diag *d);

/* One <stage> of a schedule's header, its numbers as the file states
 * them (for a report that prints them). */
struct ro_schedule_head_stage {
	char name[24];            /* <stage name> */
	char value[32];           /* <stage value> */
	char bound[32];           /* <stage bound>; "": absent */
	double gap;               /* <stage gap>; -1: absent */
};

/* The frame both schedule writers share: <schedule version generator>
 * around what body(ctx) writes into x (RO_OK or RO_ENOMEM), built in
 * memory and written atomically to path; nothing is written when any
 * step failed.  RO_OK, RO_ENOMEM or RO_EIO with a message in d. */
struct ro_xw;
int ro_schedule_emit(struct ro_xw *x, const char *path,
		     int (*body)(void *ctx), void *ctx, struct ro_diag *d);
/* Opens the <header> both writers start with and writes its <site> and
 * <horizon>; the caller goes on with <options> and closes it. */
void ro_schedule_emit_head(struct ro_xw *x, const struct ro_site *s);

/* The figures of a schedule's <header> (docs/schedule-format.md), for a
 * table of many runs (rollout batch) or a report (io/report_read.c), read
 * without the site.  A text that does not fit its array is read as "". */
struct ro_schedule_head {
	char status[16];          /* <solver status=...> */
	int64_t slot_min;         /* <horizon slot-minutes=...>; 0: absent */
	int64_t placed, unplaced, makespan_slots;   /* <summary> */
	bool sms20;               /* <options control="sms20">: placed is
				   * then the clients the forecast upgrades */
	int64_t overload_bytes;   /* <summary overload-bytes>; -1: absent
				   * (a per-client schedule) */
	double gap;               /* the largest stage gap; -1: none */
	char scenario[512];       /* <site scenario>; "": the base site (or
				   * a name of 512 bytes or more) */
	char site[512];           /* <site name> */
	ro_time start, end;       /* <horizon>; 0: absent */
	int64_t slots;            /* <horizon slots>; 0: absent */
	char objective[16];       /* <options objective> */
	struct ro_schedule_head_stage stages[4];   /* in file order */
	int nstages;
	ro_time makespan;         /* <summary makespan>; 0: absent */
	double peak;              /* <summary peak-utilisation>; -1: absent */
	/* <summary> of an SMS 2.0 schedule; 0: absent */
	int64_t clients, after_horizon, ras_bytes, triggers;
};

/* The header of the schedule at path.  Only its first
 * RO_SCHEDULE_HEAD_MAX bytes are read, through the safe reader
 * (io/xmlsafe.h: no DTD, no compressed file, errors collected), and the
 * read stops after </header>, so that a large schedule costs only its
 * first lines.  Returns RO_OK with *h filled, or RO_EIO, RO_EPARSE,
 * RO_ESCHEMA (no <solver status> or <summary> in a <header>), RO_EINVAL
 * (a time that is not a date-time, slot-minutes or slots out of range),
 * RO_ELIMIT or RO_ENOMEM with messages (file:line) in d. */
#define RO_SCHEDULE_HEAD_MAX (1024 * 1024)
int ro_schedule_read_head(const char *path, struct ro_schedule_head *h,
			  struct ro_diag *d);

#endif
