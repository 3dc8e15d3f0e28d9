/*
 * sms.c - the SMS 2.0 planner (sms.h; docs/solver.md, "The SMS 2.0
 * planner").
 *
 * Two phases.  The discrete levers first: the release among its
 * candidates, the stay-on instructions (every subset when at most four
 * groups may be told, else greedily) and the day each group's logon
 * scripts go on (coordinate descent), each choice scored by the forecast
 * it implies with no early trigger.  Then, for the levers chosen, the
 * early triggers: an integer program whose columns are "n clients of a
 * class triggered in slot t", whose rows are the link-slots that could be
 * overloaded, solved stage by stage (overload, makespan, actions,
 * completion sum), its first LP priced over every trigger slot so that the
 * overload bound holds for all of them.
 *
 * Slots here are numbered from the forecast's first slot (e = t - first),
 * as the load array of ro_forecast_site is.  This file runs the planner
 * and hands out the plan; sms_levers.c and sms_triggers.c are the two
 * phases (sms_priv.h).
 */
#include "sms.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/verify.h"
#include "clock.h"
#include "lp_mip.h"
#include "sms_priv.h"

void ro_sms_say(struct sms *m, const char *fmt, ...)
{
	char line[400];
	int n;
	va_list ap;

	if (!m->o->progress)
		return;
	n = snprintf(line, sizeof line, "[%6.1fs] ", ro_clock() - m->t0);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	m->o->progress(m->o->progress_ud, line);
}

bool ro_sms_must_stop(struct sms *m)
{
	if (m->o->interrupt && *m->o->interrupt) {
		m->interrupted = true;
		return true;
	}
	if (m->stop_at > 0 && ro_clock() >= m->stop_at) {
		m->timed_out = true;
		return true;
	}
	return false;
}

/* Seconds left until the share-th fraction of the limit is used. */
double ro_sms_budget(const struct sms *m, double share)
{
	double lim = m->o->time_limit;

	if (lim <= 0)
		return 0;   /* none */
	double until = m->t0 + share * lim - ro_clock();
	return until > 0.05 ? until : 0.05;
}

/* Whether the share-th fraction of the time limit is used up (or the
 * solve must stop): a stage then keeps what it has. */
bool ro_sms_stage_over(struct sms *m, double share)
{
	if (ro_sms_must_stop(m))
		return true;
	return m->o->time_limit > 0 &&
	       ro_clock() >= m->t0 + share * m->o->time_limit;
}

/* ---- the plan ------------------------------------------------------------- */

static void set_stage(struct ro_plan *p, const char *name, double v,
		      bool has_bound, double b)
{
	struct ro_stage *st = &p->stages[p->nstages++];

	snprintf(st->name, sizeof st->name, "%s", name);
	st->maximise = false;
	st->value = v;
	st->has_bound = has_bound;
	st->bound = has_bound ? fmin(b, v) : 0;
	if (st->bound == 0)
		st->bound = 0;   /* not -0 */
}

int ro_sms_solve(const struct ro_site *s, const struct ro_solve_opts *o,
		 struct ro_plan **out, struct ro_diag *d)
{
	struct sms m = { 0 };
	struct ro_plan *p = NULL;
	struct stages sg = { 0 };
	struct ro_fc_client *fcl = NULL;
	struct ro_fc_totals tot;
	int err = RO_ENOMEM;

	*out = NULL;
	if (o->write_lp || o->write_mps) {
		ro_diag_add(d, NULL, 0, "--write-lp and --write-mps export the "
			    "per-client program; add --control per-client");
		return RO_EARG;
	}
	m.s = s;
	m.o = o;
	m.d = d;
	m.t0 = ro_clock();
	m.stop_at = o->time_limit > 0 ? m.t0 + o->time_limit : 0;
	m.ng = s->ngroups;
	if ((err = ro_forecast_new(s, &m.fc)))
		return err;
	err = RO_ENOMEM;
	m.first = ro_forecast_first(m.fc);
	m.nslots = ro_forecast_end(m.fc) - m.first;
	m.cohort = ro_reallocarray(NULL, m.ng + 1, sizeof *m.cohort);
	m.instr = ro_calloc(m.ng + 1, sizeof *m.instr);
	m.decides = ro_calloc(m.ng + 1, sizeof *m.decides);
	m.has_new = ro_calloc(m.ng + 1, sizeof *m.has_new);
	m.load = ro_reallocarray(NULL, s->nlinks * (size_t)m.nslots + 1,
				 sizeof *m.load);
	fcl = ro_reallocarray(NULL, (size_t)s->nclients_total + 1, sizeof *fcl);
	p = ro_plan_new(s);
	if (!m.cohort || !m.instr || !m.decides || !m.has_new || !m.load ||
	    !fcl || !p)
		goto out;
	if ((err = ro_plan_set_sms20(p, s)))
		goto out;
	if ((err = ro_sms_search_levers(&m)))
		goto out;

	p->lv.released = m.released;
	p->lv.release = m.release;
	memcpy(p->lv.cohort, m.cohort, (m.ng + 1) * sizeof *m.cohort);
	memcpy(p->lv.instructed, m.instr, (m.ng + 1) * sizeof *m.instr);
	{
		struct ro_levers lv = { m.released, m.release, m.cohort, m.instr,
					NULL };
		if (m.released) {
			if ((err = ro_sms_triggers(&m, &lv, p->lv.trigger, &sg)))
				goto out;
		} else {
			struct ro_fc_totals t0;
			if ((err = ro_forecast_site(m.fc, &lv, NULL, m.load, &t0)))
				goto out;
			sg.overload_bounded = sg.makespan_bounded =
				sg.actions_bounded = sg.completion_bounded = true;
		}
		lv.trigger = p->lv.trigger;
		if ((err = ro_forecast_site(m.fc, &lv, fcl, m.load, &tot)))
			goto out;
	}
	for (size_t i = 0; i < p->n; i++) {
		bool done = fcl[i].start != RO_NO_SLOT &&
			    fcl[i].end != RO_NO_SLOT;
		p->a[i].start = done ? fcl[i].start : -1;
		p->a[i].trigger = (uint8_t)fcl[i].cause;
		p->a[i].reason = fcl[i].start == RO_NO_SLOT || fcl[i].end == RO_NO_SLOT
				 ? fcl[i].reason : RO_REASON_NONE;
	}
	{
		double actions = (double)tot.triggers;
		for (size_t g = 0; g < m.ng; g++)
			actions += m.instr[g];
		for (size_t g = 0; g <= m.ng; g++)
			actions += m.decides[g] && m.cohort[g] != RO_NEVER;
		double lever_actions = actions - (double)tot.triggers;
		set_stage(p, "overload", (double)(tot.overload + tot.ras_bytes),
			  sg.overload_bounded, sg.overload_b);
		set_stage(p, "makespan", (double)tot.makespan, sg.makespan_bounded,
			  sg.makespan_b);
		set_stage(p, "actions", actions, sg.actions_bounded,
			  sg.actions_b + lever_actions);
		set_stage(p, "completion-sum", (double)tot.completion_sum,
			  sg.completion_bounded, sg.completion_b);
	}
	p->info.time_limit = o->time_limit;
	p->info.gap = o->gap;
	p->info.solve_seconds = ro_clock() - m.t0;
	p->status = RO_STATUS_OPTIMAL;
	for (int i = 0; i < p->nstages; i++)
		if (!p->stages[i].has_bound ||
		    ro_stage_gap(&p->stages[i]) > 1e-9)
			p->status = RO_STATUS_FEASIBLE;
	if (m.interrupted)
		p->status = RO_STATUS_INTERRUPTED;
	else if (m.timed_out && p->status != RO_STATUS_OPTIMAL)
		p->status = RO_STATUS_TIME_LIMIT;

	/* never hand out a plan the independent check rejects */
	{
		long bad = ro_verify_sms20(s, p, NULL, d);
		if (bad != 0) {
			if (bad > 0)
				ro_diag_add(d, NULL, 0, "internal error: the plan "
					    "failed verification (%ld violations)",
					    bad);
			err = bad > 0 ? RO_EVERIFY : RO_ENOMEM;
			goto out;
		}
	}
	ro_sms_say(&m, "done: %s", ro_status_name(p->status));
	*out = p;
	p = NULL;
	err = RO_OK;
out:
	ro_plan_free(p);
	ro_free(fcl);
	ro_free(m.cohort);
	ro_free(m.instr);
	ro_free(m.decides);
	ro_free(m.has_new);
	ro_free(m.load);
	ro_free(m.rel);
	ro_forecast_free(m.fc);
	return err;
}
