/*
 * api.c - accessors for the opaque handles of the public API
 * (include/rollout.h declares them).  Each one takes NULL and answers 0 (or "", or
 * RO_STATUS_NO_PLAN), so that a caller's error path needs no checks.
 */
#include <stddef.h>

#include "../include/rollout.h"
#include "plan.h"
#include "site.h"
#include "verify.h"

const char *ro_site_name(const struct ro_site *s)
{
	return s ? ro_site_str(s, s->name) : "";
}

int64_t ro_site_clients(const struct ro_site *s)
{
	return s ? s->nclients_total : 0;
}

int32_t ro_site_slot_minutes(const struct ro_site *s)
{
	return s ? s->horizon.slot_min : 0;
}

int32_t ro_site_slots(const struct ro_site *s)
{
	return s ? s->horizon.nslots : 0;
}

ro_time ro_site_slot_time(const struct ro_site *s, int32_t t)
{
	return s ? ro_slot_time(s, t) : 0;
}

int ro_plan_status(const struct ro_plan *p)
{
	return p ? (int)p->status : RO_STATUS_NO_PLAN;
}

int64_t ro_plan_clients(const struct ro_plan *p)
{
	return p ? (int64_t)p->n : 0;
}

int64_t ro_plan_unplaced(const struct ro_plan *p, int reason)
{
	int64_t k = 0;

	for (size_t i = 0; p && i < p->n; i++)
		if (p->a[i].start < 0 &&
		    (reason == RO_REASON_NONE || p->a[i].reason == reason))
			k++;
	return k;
}

int64_t ro_eval_placed(const struct ro_eval *ev)
{
	return ev ? ev->placed : 0;
}

int32_t ro_eval_makespan(const struct ro_eval *ev)
{
	return ev ? ev->makespan : 0;
}

double ro_eval_peak_utilisation(const struct ro_eval *ev)
{
	return ev ? ev->peak_util : 0;
}
