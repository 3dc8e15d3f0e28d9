/*
 * verify_sms.c - the independent check of an SMS 2.0 plan (verify.h,
 * ro_verify_sms20).
 *
 * An SMS 2.0 plan states levers, and starts that follow from them.  The
 * check recomputes every client's forecast from the site and the levers
 * alone (model/forecast.c: the semantics, not the planner's program) and
 * reports each start the levers do not give, each trigger nobody can
 * pull, and, for a schedule file, each stated figure that differs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "verify.h"

static const char *const faults[] = {
	[RO_TRIGGER_OK] = "",
	[RO_TRIGGER_NOT_ALLOWED] = "it has no push trigger or no SMS client "
				   "to restart",
	[RO_TRIGGER_NOT_RELEASED] = "the site is not released",
	[RO_TRIGGER_BEFORE_READY] = "the CAPs do not have the files yet (the "
				    "release plus the propagation delay)",
	[RO_TRIGGER_OFF] = "the client is not on the LAN then",
	[RO_TRIGGER_NOT_EARLIER] = "it is not earlier than the client's own "
				   "upgrade, which no action can hold back",
};

void ro_sms_eval_free(struct ro_sms_eval *ev)
{
	if (!ev)
		return;
	ro_free(ev->load);
	ro_free(ev->usable);
	ro_free(ev->fc);
	ro_free(ev);
}

static void slot_text(const struct ro_site *s, int32_t t, char *buf)
{
	ro_time_format(s->horizon.start + (ro_time)t * s->horizon.slot_min, buf);
}

long ro_verify_sms20(const struct ro_site *s, const struct ro_plan *p,
		     struct ro_sms_eval **evp, struct ro_diag *d)
{
	struct ro_forecast *fc = NULL;
	struct ro_sms_eval *ev;
	struct ro_levers lv;
	long bad = 0;
	char name[256], a[RO_TIME_BUFSZ], b[RO_TIME_BUFSZ];

	if (evp)
		*evp = NULL;
	if (p->control != RO_CONTROL_SMS20 || !p->lv.trigger || !p->lv.cohort) {
		ro_diag_add(d, NULL, 0, "the plan has no SMS 2.0 levers");
		return 1;
	}
	ev = ro_calloc(1, sizeof *ev);
	if (!ev || ro_forecast_new(s, &fc) != RO_OK)
		goto out_oom;
	ev->first = ro_forecast_first(fc);
	ev->nslots = ro_forecast_end(fc) - ev->first;
	ev->nlinks = s->nlinks;
	ev->load = ro_reallocarray(NULL, s->nlinks * (size_t)ev->nslots + 1,
				   sizeof *ev->load);
	ev->usable = ro_reallocarray(NULL, s->nlinks * (size_t)ev->nslots + 1,
				     sizeof *ev->usable);
	ev->fc = ro_reallocarray(NULL, p->n + 1, sizeof *ev->fc);
	if (!ev->load || !ev->usable || !ev->fc)
		goto out_oom;
	lv.released = p->lv.released;
	lv.release = p->lv.release;
	lv.cohort = p->lv.cohort;
	lv.instructed = p->lv.instructed;
	lv.trigger = p->lv.trigger;
	if (ro_forecast_site(fc, &lv, ev->fc, ev->load, &ev->tot) != RO_OK)
		goto out_oom;
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t e = 0; e < ev->nslots; e++)
			ev->usable[l * (size_t)ev->nslots + (size_t)e] =
				ro_forecast_usable(fc, (int32_t)l, e + ev->first);
	for (size_t i = 0; i < p->n; i++) {
		const struct ro_fc_client *f = &ev->fc[i];
		const struct ro_assign *as = &p->a[i];
		int32_t want = f->start == RO_NO_SLOT ? -1 : f->start;
		uint8_t reason = f->start == RO_NO_SLOT || f->end == RO_NO_SLOT
				 ? f->reason : RO_REASON_NONE;

		if (p->lv.trigger[i] != RO_NO_SLOT &&
		    f->trigger_fault != RO_TRIGGER_OK) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			slot_text(s, p->lv.trigger[i], a);
			ro_diag_add(d, NULL, 0,
				    "client '%s': the early trigger at %s cannot "
				    "be pulled: %s", name, a,
				    faults[f->trigger_fault]);
			bad++;
			continue;
		}
		if (as->start != want) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			if (want < 0)
				ro_diag_add(d, NULL, 0,
					    "client '%s' is listed to start, but "
					    "the actions give it no upgrade (%s)",
					    name, ro_reason_name(f->reason));
			else if (as->start < 0)
				ro_diag_add(d, NULL, 0,
					    "client '%s' is listed without a start, "
					    "but the actions make it start at %s "
					    "(%s)", name,
					    ro_time_format(f->start_at, a),
					    ro_cause_name(f->cause));
			else {
				slot_text(s, as->start, b);
				ro_diag_add(d, NULL, 0,
					    "client '%s' is listed to start at %s, "
					    "but the actions make it start at %s "
					    "(%s): a released client cannot be "
					    "held back, nor started before its "
					    "trigger or run", name, b,
					    ro_time_format(f->start_at, a),
					    ro_cause_name(f->cause));
			}
			bad++;
			continue;
		}
		if (want >= 0 && as->trigger != (uint8_t)f->cause) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			ro_diag_add(d, NULL, 0,
				    "client '%s': its start is caused by %s, not "
				    "%s", name, ro_cause_name(f->cause),
				    ro_cause_name((enum ro_cause)as->trigger));
			bad++;
		} else if (want < 0 && as->reason != reason) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			ro_diag_add(d, NULL, 0,
				    "client '%s': its reason is %s, not %s", name,
				    ro_reason_name(reason),
				    ro_reason_name(as->reason));
			bad++;
		}
	}
	ro_forecast_free(fc);
	if (evp)
		*evp = ev;
	else
		ro_sms_eval_free(ev);
	return bad;
out_oom:
	ro_forecast_free(fc);
	ro_sms_eval_free(ev);
	return -1;
}
