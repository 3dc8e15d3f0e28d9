/*
 * plan.c - lifecycle and names for struct ro_plan.
 */
#include "plan.h"

#include <math.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "forecast.h"
#include "site.h"

struct ro_plan *ro_plan_new(const struct ro_site *site)
{
	struct ro_plan *p = ro_calloc(1, sizeof *p);

	if (!p)
		return NULL;
	p->n = (size_t)site->nclients_total;
	p->nrecords = site->nclients;
	p->first = ro_calloc(site->nclients + 1, sizeof *p->first);
	p->a = ro_calloc(p->n ? p->n : 1, sizeof *p->a);
	if (!p->first || !p->a) {
		ro_plan_free(p);
		return NULL;
	}
	for (size_t r = 0; r < site->nclients; r++)
		p->first[r + 1] = p->first[r] + site->clients[r].count;
	for (size_t i = 0; i < p->n; i++)
		p->a[i].start = -1;
	p->status = RO_STATUS_NO_PLAN;
	strcpy(p->info.objective, "lexicographic");
	return p;
}

int ro_plan_set_sms20(struct ro_plan *p, const struct ro_site *site)
{
	size_t g = site->ngroups;

	p->control = RO_CONTROL_SMS20;
	p->lv.ngroups = g;
	p->lv.cohort = ro_reallocarray(NULL, g + 1, sizeof *p->lv.cohort);
	p->lv.instructed = ro_calloc(g + 1, sizeof *p->lv.instructed);
	p->lv.trigger = ro_reallocarray(NULL, p->n ? p->n : 1,
					sizeof *p->lv.trigger);
	if (!p->lv.cohort || !p->lv.instructed || !p->lv.trigger)
		return RO_ENOMEM;
	for (size_t i = 0; i <= g; i++)
		p->lv.cohort[i] = RO_NEVER;
	for (size_t i = 0; i < p->n; i++)
		p->lv.trigger[i] = RO_NO_SLOT;
	return RO_OK;
}

size_t ro_plan_record_of(const struct ro_plan *p, size_t i)
{
	size_t lo = 0, hi = p->nrecords;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if ((size_t)p->first[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

char *ro_plan_client_name(const struct ro_plan *p, const struct ro_site *s,
			  size_t i, char *buf, size_t n)
{
	size_t r = ro_plan_record_of(p, i);

	return ro_client_name(s, r, (int32_t)(i - (size_t)p->first[r]), buf, n);
}

void ro_plan_free(struct ro_plan *p)
{
	if (!p)
		return;
	ro_free(p->first);
	ro_free(p->a);
	ro_free(p->lv.cohort);
	ro_free(p->lv.instructed);
	ro_free(p->lv.trigger);
	ro_stated_free(p->stated);
	ro_free(p);
}

struct ro_stated *ro_stated_new(size_t n, size_t nlinks, int32_t nslots)
{
	struct ro_stated *st = ro_calloc(1, sizeof *st);
	size_t cells = nlinks * (size_t)(nslots > 0 ? nslots : 0);

	if (!st)
		return NULL;
	st->placed = st->unplaced = st->placed_weight = RO_UNSTATED;
	st->completion_sum = st->makespan_slots = RO_UNSTATED;
	st->makespan_at = st->peak4 = RO_UNSTATED;
	st->clients = st->after_horizon = st->overload = RO_UNSTATED;
	st->ras_bytes = st->triggers = RO_UNSTATED;
	st->client = ro_calloc(n ? n : 1, sizeof *st->client);
	st->load = ro_mallocarray(cells, sizeof *st->load);
	st->usable = ro_mallocarray(cells, sizeof *st->usable);
	st->util4 = ro_mallocarray(cells, sizeof *st->util4);
	st->slot_line = ro_calloc(cells ? cells : 1, sizeof *st->slot_line);
	if (!st->client || !st->load || !st->usable || !st->util4 ||
	    !st->slot_line) {
		ro_stated_free(st);
		return NULL;
	}
	for (size_t j = 0; j < cells; j++) {
		st->load[j] = st->usable[j] = RO_UNSTATED;
		st->util4[j] = -1;
	}
	return st;
}

void ro_stated_free(struct ro_stated *st)
{
	if (!st)
		return;
	ro_free(st->client);
	ro_free(st->reboot);
	ro_free(st->action);
	ro_free(st->client_of);
	ro_free(st->load);
	ro_free(st->usable);
	ro_free(st->util4);
	ro_free(st->slot_line);
	ro_free(st->lslot);
	ro_free(st);
}

double ro_stage_gap(const struct ro_stage *st)
{
	if (!st->has_bound)
		return -1;
	double d = fabs(st->value - st->bound);
	if (d == 0)
		return 0;
	double den = fabs(st->value);
	return d / (den > 1e-9 ? den : 1e-9);
}

static const char *const reasons[] = {
	"none", "no-opportunity", "ras-only", "window-too-short", "capacity",
	"horizon", "not-released", "not-enabled", "unfinished",
};

static const char *const statuses[] = {
	"optimal", "feasible", "time-limit", "interrupted", "no-plan",
};

const char *ro_reason_name(enum ro_reason r)
{
	return (unsigned)r < sizeof reasons / sizeof *reasons ? reasons[r] : "?";
}

int ro_reason_parse(const char *s)
{
	for (size_t i = 1; i < sizeof reasons / sizeof *reasons; i++)
		if (strcmp(s, reasons[i]) == 0)
			return (int)i;
	return -1;
}

const char *ro_status_name(enum ro_status s)
{
	return (unsigned)s < sizeof statuses / sizeof *statuses ? statuses[s]
								: "?";
}

int ro_status_parse(const char *s)
{
	for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
		if (strcmp(s, statuses[i]) == 0)
			return (int)i;
	return -1;
}

const char *ro_trigger_name(unsigned trig_bit)
{
	switch (trig_bit) {
	case RO_TRIG_CCIM: return "ccim";
	case RO_TRIG_LOGON: return "logon";
	case RO_TRIG_PUSH: return "push";
	default: return "?";
	}
}
