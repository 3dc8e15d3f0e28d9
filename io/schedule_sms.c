/*
 * schedule_sms.c - the schedule of an SMS 2.0 plan (docs/schedule-format.md,
 * "The SMS 2.0 schedule"): the administrator's actions in time order (the
 * runbook), and the forecast that follows from them, per client and per
 * link and slot.
 *
 * The levers are written as actions, and only as actions: a reader
 * rebuilds them from <actions> alone, and the verifier recomputes every
 * forecast figure of the file from them.  Like the per-client writer, the
 * output is a function of its input only, built in memory and written
 * atomically.
 */
#include "schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "version.h"
#include "xmlwrite.h"

__extension__ typedef unsigned __int128 u128;

#define NAME_LEN 512

struct out {
	struct ro_xw x;
	const struct ro_site *s;
	const struct ro_plan *p;
	const struct ro_sms_eval *ev;
	ro_time last;              /* the last completion */
	bool show_time;
	double time_limit;         /* the header's */
};

static ro_time slot_time(const struct ro_site *s, int64_t t)
{
	return s->horizon.start + (ro_time)t * s->horizon.slot_min;
}

static bool is_9x(const struct ro_site *s, size_t r)
{
	const char *os = ro_site_str(s, s->clients[r].os);

	return strcmp(os, "win95") == 0 || strcmp(os, "win98") == 0;
}

static void write_header(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	const struct ro_sms_eval *ev = o->ev;
	const struct ro_fc_totals *t = &ev->tot;
	size_t cells = ev->nlinks * (size_t)ev->nslots;
	int64_t bl = 0, bu = 1;
	char buf[64];

	ro_schedule_emit_head(&o->x, s);
	ro_xw_start(&o->x, "options");
	ro_xw_attr(&o->x, "objective", "lexicographic");
	ro_xw_attr(&o->x, "control", "sms20");
	if (o->time_limit > 0)
		ro_xw_attr_double(&o->x, "time-limit", o->time_limit);
	ro_xw_attr_double(&o->x, "gap", p->info.gap);
	ro_xw_end(&o->x);
	ro_xw_start(&o->x, "solver");
	ro_xw_attr(&o->x, "status", ro_status_name(p->status));
	if (o->show_time) {
		snprintf(buf, sizeof buf, "%.3f", p->info.solve_seconds);
		ro_xw_attr(&o->x, "solve-seconds", buf);
	}
	ro_xw_end(&o->x);
	for (int i = 0; i < p->nstages && i < 4; i++) {
		const struct ro_stage *st = &p->stages[i];
		ro_xw_start(&o->x, "stage");
		ro_xw_attr(&o->x, "name", st->name);
		ro_xw_attr(&o->x, "sense", "minimise");
		ro_xw_attr_double(&o->x, "value", st->value);
		if (st->has_bound) {
			ro_xw_attr_double(&o->x, "bound", st->bound);
			ro_xw_attr_double(&o->x, "gap", ro_stage_gap(st));
		}
		ro_xw_end(&o->x);
	}
	for (size_t j = 0; j < cells; j++)
		if (ev->usable[j] > 0 && ev->load[j] > 0 &&
		    (u128)(uint64_t)ev->load[j] * (uint64_t)bu >
			    (u128)(uint64_t)bl * (uint64_t)ev->usable[j]) {
			bl = ev->load[j];
			bu = ev->usable[j];
		}
	ro_xw_start(&o->x, "summary");
	ro_xw_attr_ll(&o->x, "clients", t->clients);
	ro_xw_attr_ll(&o->x, "placed", t->complete);
	ro_xw_attr_ll(&o->x, "unplaced", t->clients - t->complete);
	ro_xw_attr_ll(&o->x, "after-horizon", t->after_horizon);
	ro_xw_attr_ll(&o->x, "overload-bytes", t->overload);
	ro_xw_attr_ll(&o->x, "ras-bytes", t->ras_bytes);
	ro_xw_attr_ll(&o->x, "makespan-slots", t->makespan);
	ro_xw_attr_time(&o->x, "makespan", slot_time(s, t->makespan));
	ro_xw_attr_ll(&o->x, "completion-sum", t->completion_sum);
	ro_xw_attr_ll(&o->x, "triggers", t->triggers);
	ro_xw_attr_ratio(&o->x, "peak-utilisation", bl, bu);
	ro_xw_end(&o->x);
	ro_xw_end(&o->x);
}

static void write_clients(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	char name[NAME_LEN];
	size_t i = 0;

	ro_xw_start(&o->x, "clients");
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		for (int32_t k = 0; k < c->count; k++, i++) {
			const struct ro_fc_client *f = &o->ev->fc[i];
			bool done = f->start != RO_NO_SLOT && f->end != RO_NO_SLOT;
			ro_client_name(s, r, k, name, sizeof name);
			ro_xw_start(&o->x, done ? "client" : "unplaced");
			ro_xw_attr(&o->x, "id", name);
			if (c->user)
				ro_xw_attr(&o->x, "user", ro_site_str(s, c->user));
			if (!done) {
				ro_xw_attr(&o->x, "reason",
					   ro_reason_name((enum ro_reason)
							  p->a[i].reason));
				ro_xw_end(&o->x);
				continue;
			}
			ro_xw_attr_time(&o->x, "start", slot_time(s, f->start));
			ro_xw_attr_time(&o->x, "transfer-end",
					slot_time(s, (int64_t)f->start + f->d));
			ro_xw_attr_time(&o->x, "end", slot_time(s, f->end));
			ro_xw_attr_ll(&o->x, "start-slot", f->start);
			ro_xw_attr_ll(&o->x, "slots", f->d);
			ro_xw_attr(&o->x, "cause", ro_cause_name(f->cause));
			ro_xw_attr_time(&o->x, "cause-at", f->start_at);
			ro_xw_attr(&o->x, "path", f->ras ? "ras" : "lan");
			ro_xw_attr(&o->x, "cap",
				   ro_site_str(s, s->servers[c->server].id));
			ro_xw_attr_ll(&o->x, "bytes", c->bytes);
			for (int a = 0; a < f->nfailed; a++) {
				ro_xw_start(&o->x, "interrupted");
				ro_xw_attr_time(&o->x, "start",
						slot_time(s, f->failed[a].s));
				ro_xw_attr_time(&o->x, "stop",
						slot_time(s, f->failed[a].stop));
				ro_xw_attr(&o->x, "path",
					   f->failed[a].ras ? "ras" : "lan");
				ro_xw_end(&o->x);
			}
			for (int b = 0; f->reboot != RO_NO_SLOT && b < c->reboots;
			     b++) {
				ro_xw_start(&o->x, "reboot");
				ro_xw_attr_time(&o->x, "at",
						slot_time(s, (int64_t)f->reboot + b));
				ro_xw_end(&o->x);
			}
			ro_xw_end(&o->x);
			if (slot_time(s, f->end) > o->last)
				o->last = slot_time(s, f->end);
		}
	}
	ro_xw_end(&o->x);
}

/* An action of the runbook, sorted by time, then kind. */
enum kind {
	K_EXPIRE, K_GOTO_END, K_INSTRUCT, K_APPLY, K_COHORT, K_TRIGGER,
	K_RESTART, K_REENABLE, K_SCRIPTS_ALL
};

struct act {
	ro_time at;
	enum kind kind;
	int64_t arg;      /* group, or the trigger / restart slot or day */
};

static int act_cmp(const void *a, const void *b)
{
	const struct act *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->arg < y->arg ? -1 : x->arg > y->arg;
}

/* The clients of a trigger at slot t, or restarting on day d. */
static void write_members(struct out *o, enum kind k, int64_t arg)
{
	const struct ro_site *s = o->s;
	char name[NAME_LEN];
	size_t i = 0;

	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t m = 0; m < s->clients[r].count; m++, i++) {
			const struct ro_fc_client *f = &o->ev->fc[i];
			bool in = k == K_TRIGGER
				  ? o->p->lv.trigger[i] == arg &&
					    f->cause == RO_CAUSE_TRIGGER
				  : f->reboot != RO_NO_SLOT && f->end != RO_NO_SLOT &&
					    ro_time_day_start(slot_time(s, f->reboot)) ==
						    arg;
			if (!in)
				continue;
			ro_client_name(s, r, m, name, sizeof name);
			ro_xw_start(&o->x, "client");
			ro_xw_attr(&o->x, "id", name);
			if (s->clients[r].user)
				ro_xw_attr(&o->x, "user",
					   ro_site_str(s, s->clients[r].user));
			if (k == K_TRIGGER)
				ro_xw_attr(&o->x, "how",
					   is_9x(s, r) ? "restart-computer"
						       : "restart-service");
			else
				ro_xw_attr_time(&o->x, "at",
						slot_time(s, f->reboot));
			ro_xw_end(&o->x);
		}
}

static int write_actions(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	const struct ro_plan_levers *lv = &p->lv;
	size_t n = 0;
	struct act *v = NULL;

#define ADD(at_, k_, arg_)                                                \
	do {                                                              \
		if (!ro_grow((void **)&v, n, sizeof *v)) {                \
			ro_free(v);                                       \
			return RO_ENOMEM;                                 \
		}                                                         \
		v[n++] = (struct act){ (at_), (k_), (arg_) };             \
	} while (0)
	if (lv->released) {
		ro_time R = lv->release;
		if (s->policy.expire_adverts)
			ADD(R, K_EXPIRE, 0);
		ADD(R, K_GOTO_END, 0);
		ADD(R, K_APPLY, 0);
		for (size_t g = 0; g <= s->ngroups; g++)
			if (lv->cohort[g] != RO_NEVER)
				ADD(lv->cohort[g], K_COHORT, (int64_t)g);
		for (size_t i = 0; i < p->n; i++) {
			int32_t t = lv->trigger[i];
			if (t == RO_NO_SLOT ||
			    o->ev->fc[i].cause != RO_CAUSE_TRIGGER)
				continue;
			bool dup = false;
			for (size_t j = 0; j < n && !dup; j++)
				dup = v[j].kind == K_TRIGGER && v[j].arg == t;
			if (!dup)
				ADD(slot_time(s, t), K_TRIGGER, t);
		}
		for (size_t i = 0; i < p->n; i++) {
			const struct ro_fc_client *f = &o->ev->fc[i];
			if (f->reboot == RO_NO_SLOT || f->end == RO_NO_SLOT)
				continue;
			ro_time day = ro_time_day_start(slot_time(s, f->reboot));
			bool dup = false;
			for (size_t j = 0; j < n && !dup; j++)
				dup = v[j].kind == K_RESTART && v[j].arg == day;
			if (!dup)
				ADD(day < R ? R : day, K_RESTART, day);
		}
		ro_time end = o->last > R ? o->last : R;
		if (s->policy.expire_adverts)
			ADD(end, K_REENABLE, 0);
		ADD(end, K_SCRIPTS_ALL, 0);
	}
	for (size_t g = 0; g < s->ngroups; g++)
		if (lv->instructed[g])
			ADD(s->groups[g].stay_from, K_INSTRUCT, (int64_t)g);
#undef ADD
	if (n)
		qsort(v, n, sizeof *v, act_cmp);

	ro_xw_start(&o->x, "actions");
	for (size_t j = 0; j < n; j++) {
		const struct act *a = &v[j];
		switch (a->kind) {
		case K_EXPIRE:
			ro_xw_start(&o->x, "expire-advertisements");
			ro_xw_attr_time(&o->x, "at", a->at);
			break;
		case K_GOTO_END:
			ro_xw_start(&o->x, "disable-logon-scripts");
			ro_xw_attr_time(&o->x, "at", a->at);
			break;
		case K_INSTRUCT: {
			const struct ro_user_group *g = &s->groups[a->arg];
			ro_xw_start(&o->x, "instruct-users");
			ro_xw_attr_time(&o->x, "at", a->at);
			ro_xw_attr(&o->x, "group", ro_site_str(s, g->id));
			ro_xw_attr_time(&o->x, "from", g->stay_from);
			ro_xw_attr_time(&o->x, "to", g->stay_to);
			ro_xw_attr_ratio(&o->x, "compliance", g->compliance_ppm,
					 RO_PPM);
			break;
		}
		case K_APPLY:
			ro_xw_start(&o->x, "apply-service-pack");
			ro_xw_attr_time(&o->x, "at", a->at);
			ro_xw_attr_time(&o->x, "ready",
					a->at + s->policy.propagation_min);
			break;
		case K_COHORT:
			ro_xw_start(&o->x, "enable-logon-scripts");
			ro_xw_attr_time(&o->x, "at", a->at);
			if ((size_t)a->arg < s->ngroups) {
				ro_xw_attr(&o->x, "scope", "group");
				ro_xw_attr(&o->x, "group",
					   ro_site_str(s, s->groups[a->arg].id));
			} else {
				ro_xw_attr(&o->x, "scope", "ungrouped");
			}
			break;
		case K_TRIGGER:
			ro_xw_start(&o->x, "trigger");
			ro_xw_attr_time(&o->x, "at", a->at);
			write_members(o, K_TRIGGER, a->arg);
			break;
		case K_RESTART:
			ro_xw_start(&o->x, "restart-reminder");
			ro_xw_attr_time(&o->x, "at", a->at);
			write_members(o, K_RESTART, a->arg);
			break;
		case K_REENABLE:
			ro_xw_start(&o->x, "reenable-advertisements");
			ro_xw_attr_time(&o->x, "at", a->at);
			break;
		case K_SCRIPTS_ALL:
			ro_xw_start(&o->x, "enable-logon-scripts");
			ro_xw_attr_time(&o->x, "at", a->at);
			ro_xw_attr(&o->x, "scope", "all");
			break;
		}
		ro_xw_end(&o->x);
	}
	ro_xw_end(&o->x);
	ro_free(v);
	return RO_OK;
}

/* Per link, the slots that carry load: the forecast covers a week on
 * each side of the horizon, and most link-slots carry nothing. */
static void write_links(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_sms_eval *ev = o->ev;

	ro_xw_start(&o->x, "links");
	for (size_t l = 0; l < s->nlinks; l++) {
		ro_xw_start(&o->x, "link");
		ro_xw_attr(&o->x, "id", ro_site_str(s, s->links[l].id));
		for (int32_t e = 0; e < ev->nslots; e++) {
			size_t at = l * (size_t)ev->nslots + (size_t)e;
			int64_t b = ev->load[at], u = ev->usable[at];
			int64_t t = (int64_t)e + ev->first;
			if (b == 0)
				continue;
			ro_xw_start(&o->x, "slot");
			ro_xw_attr_ll(&o->x, "t", t);
			ro_xw_attr_time(&o->x, "at", slot_time(s, t));
			ro_xw_attr_ll(&o->x, "bytes", b);
			ro_xw_attr_ll(&o->x, "usable", u);
			if (u > 0)
				ro_xw_attr_ratio(&o->x, "utilisation", b, u);
			ro_xw_attr_ll(&o->x, "overload", b > u ? b - u : 0);
			ro_xw_end(&o->x);
		}
		ro_xw_end(&o->x);
	}
	ro_xw_end(&o->x);
}

/* The document's body: its four sections. */
static int body(void *ctx)
{
	struct out *o = ctx;
	int rc;

	write_header(o);
	write_clients(o);
	rc = o->x.failed ? RO_OK : write_actions(o);
	write_links(o);
	return rc;
}

int ro_schedule_write_sms20(const struct ro_site *s, const struct ro_plan *p,
			    const struct ro_sms_eval *ev, const char *path,
			    const struct ro_schedule_wopts *wo,
			    struct ro_diag *d)
{
	struct out o = { { NULL, NULL, 0, 0 }, s, p, ev, 0, wo && wo->show_time,
			 0 };

	if (!s || !p || !ev || !path || p->control != RO_CONTROL_SMS20 ||
	    p->n != (size_t)s->nclients_total || ev->nlinks != s->nlinks) {
		ro_diag_add(d, NULL, 0, "cannot write the schedule: the plan "
			    "or its evaluation does not belong to the site");
		return RO_EARG;
	}
	o.last = s->horizon.start;
	o.time_limit = wo && wo->time_limit > 0 ? wo->time_limit
						: p->info.time_limit;
	return ro_schedule_emit(&o.x, path, body, &o, d);
}
