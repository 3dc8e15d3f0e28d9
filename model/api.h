/*
 * api.h - the accessors the public API (include/rollout.h) adds for its
 * opaque handles: what a program outside the library reads from a site, a
 * plan and the verifier's figures without seeing their structs.
 *
 * Declared here for the library's own build (and kept identical to
 * rollout.h: tests/cli/t0403-report-api.sh compiles the two together);
 * programs include rollout.h instead.
 */
#ifndef RO_API_H
#define RO_API_H

#include <stdint.h>

#include "rtime.h"

struct ro_site;
struct ro_plan;
struct ro_eval;

const char *ro_site_name(const struct ro_site *s);
int64_t ro_site_clients(const struct ro_site *s);
int32_t ro_site_slot_minutes(const struct ro_site *s);
int32_t ro_site_slots(const struct ro_site *s);
ro_time ro_site_slot_time(const struct ro_site *s, int32_t t);

int ro_plan_status(const struct ro_plan *p);
int64_t ro_plan_clients(const struct ro_plan *p);
int64_t ro_plan_unplaced(const struct ro_plan *p, int reason);

int64_t ro_eval_placed(const struct ro_eval *ev);
int32_t ro_eval_makespan(const struct ro_eval *ev);
double ro_eval_peak_utilisation(const struct ro_eval *ev);

#endif
