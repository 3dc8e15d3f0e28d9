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

/* A summary figure the file states that differs from the recomputation. */
static long figure(struct ro_diag *d, const struct ro_stated *st,
		   const char *what, int64_t stated, int64_t want)
{
	if (stated == RO_UNSTATED || stated == want)
		return 0;
	ro_diag_add(d, NULL, st->summary_line,
		    "summary %s is %lld, but the actions give %lld", what,
		    (long long)stated, (long long)want);
	return 1;
}

/* The claims of one client's element against its forecast. */
static long client_claims(const struct ro_site *s, const struct ro_plan *p,
			  size_t i, const struct ro_fc_client *f,
			  struct ro_diag *d)
{
	const struct ro_stated *st = p->stated;
	const struct ro_stated_client *c = &st->client[i];
	const struct ro_client *cl = &s->clients[ro_plan_record_of(p, i)];
	ro_time L = s->horizon.slot_min, H0 = s->horizon.start;
	char name[256], a[RO_TIME_BUFSZ], b[RO_TIME_BUFSZ];
	long bad = 0;

	if (!c->line || f->start == RO_NO_SLOT || f->end == RO_NO_SLOT)
		return 0;
	ro_plan_client_name(p, s, i, name, sizeof name);
#define CLAIM(cond, ...)                                                  	do {                                                              		if (cond) {                                               			ro_diag_add(d, NULL, c->line, __VA_ARGS__);       			bad++;                                            		}                                                         	} while (0)
	CLAIM(c->end != RO_UNSTATED && c->end != H0 + f->end * L,
	      "client '%s' end %s, but the forecast completes it at %s", name,
	      ro_time_format(c->end, a), ro_time_format(H0 + f->end * L, b));
	CLAIM(c->xfer_end != RO_UNSTATED &&
		      c->xfer_end != H0 + ((ro_time)f->start + f->d) * L,
	      "client '%s' transfer-end %s, but its copy ends at %s", name,
	      ro_time_format(c->xfer_end, a),
	      ro_time_format(H0 + ((ro_time)f->start + f->d) * L, b));
	CLAIM(c->slots != RO_UNSTATED && c->slots != f->d,
	      "client '%s' slots %lld, but its copy takes %d", name,
	      (long long)c->slots, (int)f->d);
	CLAIM(c->bytes != RO_UNSTATED && c->bytes != cl->bytes,
	      "client '%s' bytes %lld, but it copies %lld", name,
	      (long long)c->bytes, (long long)cl->bytes);
	CLAIM(c->server >= 0 && c->server != cl->server,
	      "client '%s' cap '%s' is not its cap '%s'", name,
	      ro_site_str(s, s->servers[c->server].id),
	      ro_site_str(s, s->servers[cl->server].id));
	uint32_t want = f->reboot == RO_NO_SLOT ? 0 : cl->reboots;
	CLAIM(c->nreboots != want,
	      "client '%s' lists %u reboots, but it restarts %u times", name,
	      c->nreboots, want);
	for (uint32_t k = 0; k < c->nreboots && k < want; k++) {
		const struct ro_stated_reboot *r = &st->reboot[c->reboot0 + k];
		ro_time at = H0 + ((ro_time)f->reboot + k) * L;
		if (r->at != at) {
			ro_diag_add(d, NULL, r->line,
				    "client '%s' reboot at %s, but the forecast "
				    "restarts it at %s", name,
				    ro_time_format(r->at, a), ro_time_format(at, b));
			bad++;
		}
	}
#undef CLAIM
	return bad;
}

/* The link-slot claims: each against the recomputation, and every loaded
 * link-slot listed (of a link the file lists: a <slot> deleted by hand
 * would hide the load; of one it does not, the load itself is the news).
 * An unlisted slot is reported at the line of the listed slot of its link
 * before it (or after it, at the start of the link), else the summary's. */
static long link_claims(const struct ro_site *s, const struct ro_stated *st,
			const struct ro_sms_eval *ev, struct ro_diag *d)
{
	size_t cells = ev->nlinks * (size_t)ev->nslots;
	long *seen = ro_calloc(cells + 1, sizeof *seen);   /* line, 0: not */
	char a[RO_TIME_BUFSZ];
	long bad = 0;

	if (!seen)
		return -1;
	for (size_t k = 0; k < st->nlslot; k++) {
		const struct ro_stated_lslot *ls = &st->lslot[k];
		int64_t e = (int64_t)ls->t - ev->first;
		const char *id = ro_site_str(s, s->links[ls->link].id);
		if (e < 0 || e >= ev->nslots) {
			ro_diag_add(d, NULL, ls->line, "link '%s' slot %d is "
				    "outside the forecast", id, (int)ls->t);
			bad++;
			continue;
		}
		size_t j = (size_t)ls->link * (size_t)ev->nslots + (size_t)e;
		int64_t b = ev->load[j], u = ev->usable[j];
		if (seen[j]) {
			ro_diag_add(d, NULL, ls->line, "link '%s' slot %d is "
				    "listed twice", id, (int)ls->t);
			bad++;
			continue;
		}
		seen[j] = ls->line;
		if ((ls->bytes != RO_UNSTATED && ls->bytes != b) ||
		    (ls->usable != RO_UNSTATED && ls->usable != u) ||
		    (ls->overload != RO_UNSTATED &&
		     ls->overload != (b > u ? b - u : 0))) {
			ro_diag_add(d, NULL, ls->line,
				    "link '%s' slot %d: the file states %lld "
				    "bytes (usable %lld), the forecast %lld "
				    "(usable %lld)", id, (int)ls->t,
				    (long long)ls->bytes, (long long)ls->usable,
				    (long long)b, (long long)u);
			bad++;
		}
	}
	for (size_t l = 0; l < ev->nlinks; l++) {
		const long *line = seen + l * (size_t)ev->nslots;
		const int64_t *load = ev->load + l * (size_t)ev->nslots;
		long near = 0;

		for (int32_t e = 0; e < ev->nslots && !near; e++)
			near = line[e];
		if (!near)
			near = st->summary_line;
		for (int32_t e = 0; e < ev->nslots; e++) {
			int32_t t = e + ev->first;
			if (line[e]) {
				near = line[e];
				continue;
			}
			if (load[e] <= 0)
				continue;
			ro_diag_add(d, NULL, near,
				    "link '%s' carries %lld bytes in slot %d "
				    "(%s), which the schedule does not list; "
				    "restore its <slot> or plan again",
				    ro_site_str(s, s->links[l].id),
				    (long long)load[e], (int)t,
				    ro_time_format(s->horizon.start +
						   (ro_time)t * s->horizon.slot_min,
						   a));
			bad++;
		}
	}
	ro_free(seen);
	return bad;
}

/* The rules of the runbook (docs/schedule-format.md, "The SMS 2.0
 * schedule"): time order, one release with its ready time, scripts and
 * advertisements around it, instructions as the site defines them. */
static long action_rules(const struct ro_site *s, const struct ro_plan *p,
			 const struct ro_sms_eval *ev, struct ro_diag *d)
{
	const struct ro_stated *st = p->stated;
	const struct ro_policy *pol = &s->policy;
	ro_time last = s->horizon.start, R = p->lv.release, prev = INT64_MIN;
	char a[RO_TIME_BUFSZ], b[RO_TIME_BUFSZ];
	int nexpire = 0, nreenable = 0, noff = 0;
	long bad = 0;

	for (size_t i = 0; i < p->n; i++)
		if (ev->fc[i].end != RO_NO_SLOT && ev->fc[i].start != RO_NO_SLOT) {
			ro_time e = s->horizon.start +
				    (ro_time)ev->fc[i].end * s->horizon.slot_min;
			if (e > last)
				last = e;
		}
	for (size_t k = 0; k < st->naction; k++) {
		const struct ro_stated_action *x = &st->action[k];
		if (x->at < prev) {
			ro_diag_add(d, NULL, x->line, "actions out of time "
				    "order: %s comes after %s",
				    ro_time_format(x->at, a),
				    ro_time_format(prev, b));
			bad++;
		}
		prev = x->at;
		switch (x->kind) {
		case RO_ACT_APPLY:
			if (x->ready != RO_UNSTATED &&
			    x->ready != x->at + pol->propagation_min) {
				ro_diag_add(d, NULL, x->line,
					    "the CAPs are ready %d minutes after "
					    "the service pack is applied, at %s, "
					    "not %s", (int)pol->propagation_min,
					    ro_time_format(x->at +
							   pol->propagation_min, a),
					    ro_time_format(x->ready, b));
				bad++;
			}
			break;
		case RO_ACT_EXPIRE:
			nexpire++;
			if (p->lv.released && x->at > R) {
				ro_diag_add(d, NULL, x->line,
					    "advertisements expire at %s, after "
					    "the service pack is applied (%s); "
					    "expire them before",
					    ro_time_format(x->at, a),
					    ro_time_format(R, b));
				bad++;
			}
			break;
		case RO_ACT_REENABLE:
			nreenable++;
			if (x->at < last) {
				ro_diag_add(d, NULL, x->line,
					    "advertisements are re-enabled at "
					    "%s, before the last client completes "
					    "(%s)", ro_time_format(x->at, a),
					    ro_time_format(last, b));
				bad++;
			}
			break;
		case RO_ACT_LOGON_OFF:
			noff++;
			if (p->lv.released && x->at > R) {
				ro_diag_add(d, NULL, x->line,
					    "logon scripts are switched off at "
					    "%s, after the release (%s)",
					    ro_time_format(x->at, a),
					    ro_time_format(R, b));
				bad++;
			}
			break;
		case RO_ACT_INSTRUCT:
			if (x->group >= 0 && (size_t)x->group < s->ngroups) {
				const struct ro_user_group *g =
					&s->groups[x->group];
				if (!g->has_stay_on || x->from != g->stay_from ||
				    x->to != g->stay_to ||
				    (x->compliance4 != RO_UNSTATED &&
				     x->compliance4 !=
					     ((int64_t)g->compliance_ppm + 50) / 100)) {
					ro_diag_add(d, NULL, x->line,
						    "group '%s' is told to stay on "
						    "otherwise than the site's "
						    "stay-on defines",
						    ro_site_str(s, g->id));
					bad++;
				} else if (g->stay_use == RO_USE_NO) {
					ro_diag_add(d, NULL, x->line,
						    "group '%s' must not be told to "
						    "stay on (use=\"no\")",
						    ro_site_str(s, g->id));
					bad++;
				}
			}
			break;
		default:
			break;
		}
	}
	if (p->lv.released && pol->expire_adverts &&
	    (nexpire != 1 || nreenable != 1)) {
		ro_diag_add(d, NULL, st->summary_line,
			    "the policy expires advertisements: give one "
			    "<expire-advertisements> before the release and "
			    "one <reenable-advertisements> after the last "
			    "completion (the file has %d and %d)", nexpire,
			    nreenable);
		bad++;
	}
	if (p->lv.released && noff != 1) {
		ro_diag_add(d, NULL, st->summary_line,
			    "give one <disable-logon-scripts> (GOTO END in "
			    "SMSLS) at or before the release (the file has %d)",
			    noff);
		bad++;
	}
	for (size_t g = 0; g < s->ngroups; g++)
		if (s->groups[g].has_stay_on &&
		    s->groups[g].stay_use == RO_USE_YES &&
		    !p->lv.instructed[g]) {
			ro_diag_add(d, NULL, st->summary_line,
				    "group '%s' must be told to stay on "
				    "(use=\"yes\"); add its <instruct-users>",
				    ro_site_str(s, s->groups[g].id));
			bad++;
		}
	return bad;
}

/* Everything a schedule file states, against the recomputation. */
static long stated_claims(const struct ro_site *s, const struct ro_plan *p,
			  const struct ro_sms_eval *ev, struct ro_diag *d)
{
	const struct ro_stated *st = p->stated;
	const struct ro_fc_totals *t = &ev->tot;
	long bad = 0, lb;
	char a[RO_TIME_BUFSZ], b[RO_TIME_BUFSZ];

	bad += figure(d, st, "clients", st->clients, t->clients);
	bad += figure(d, st, "placed", st->placed, t->complete);
	bad += figure(d, st, "unplaced", st->unplaced, t->clients - t->complete);
	bad += figure(d, st, "after-horizon", st->after_horizon,
		      t->after_horizon);
	bad += figure(d, st, "overload-bytes", st->overload, t->overload);
	bad += figure(d, st, "ras-bytes", st->ras_bytes, t->ras_bytes);
	bad += figure(d, st, "makespan-slots", st->makespan_slots, t->makespan);
	bad += figure(d, st, "completion-sum", st->completion_sum,
		      t->completion_sum);
	bad += figure(d, st, "triggers", st->triggers, t->triggers);
	if (st->makespan_at != RO_UNSTATED &&
	    st->makespan_at != s->horizon.start +
				       (ro_time)t->makespan * s->horizon.slot_min) {
		ro_diag_add(d, NULL, st->summary_line,
			    "summary makespan is %s, but the actions give %s",
			    ro_time_format(st->makespan_at, a),
			    ro_time_format(s->horizon.start +
						   (ro_time)t->makespan *
							   s->horizon.slot_min,
					   b));
		bad++;
	}
	for (size_t i = 0; i < p->n; i++)
		bad += client_claims(s, p, i, &ev->fc[i], d);
	if ((lb = link_claims(s, st, ev, d)) < 0)
		return -1;
	bad += lb;
	bad += action_rules(s, p, ev, d);
	return bad;
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
	ro_levers_of_plan(&p->lv, &lv);
	if (ro_forecast_site(fc, &lv, ev->fc, ev->load, &ev->tot) != RO_OK)
		goto out_oom;
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t e = 0; e < ev->nslots; e++)
			ev->usable[l * (size_t)ev->nslots + (size_t)e] =
				ro_forecast_usable(fc, (int32_t)l, e + ev->first);
	for (size_t i = 0; i < p->n; i++) {
		const struct ro_fc_client *f = &ev->fc[i];
		const struct ro_assign *as = &p->a[i];
		/* the line of the client's element, when read from a file */
		long ln = p->stated ? p->stated->client[i].line : 0;
		/* a client is listed with a start when the forecast
		 * completes it */
		int32_t want = f->start == RO_NO_SLOT || f->end == RO_NO_SLOT
			       ? -1 : f->start;
		uint8_t reason = f->start == RO_NO_SLOT || f->end == RO_NO_SLOT
				 ? f->reason : RO_REASON_NONE;

		if (p->lv.trigger[i] != RO_NO_SLOT &&
		    f->trigger_fault != RO_TRIGGER_OK) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			slot_text(s, p->lv.trigger[i], a);
			ro_diag_add(d, NULL, ln,
				    "client '%s': the early trigger at %s cannot "
				    "be pulled: %s", name, a,
				    faults[f->trigger_fault]);
			bad++;
			continue;
		}
		if (as->start != want) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			if (want < 0)
				ro_diag_add(d, NULL, ln,
					    "client '%s' is listed to start, but "
					    "the actions give it no upgrade (%s)",
					    name, ro_reason_name(f->reason));
			else if (as->start < 0)
				ro_diag_add(d, NULL, ln,
					    "client '%s' is listed without a start, "
					    "but the actions make it start at %s "
					    "(%s)", name,
					    ro_time_format(f->start_at, a),
					    ro_cause_name(f->cause));
			else {
				slot_text(s, as->start, b);
				ro_diag_add(d, NULL, ln,
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
			ro_diag_add(d, NULL, ln,
				    "client '%s': its start is caused by %s, not "
				    "%s", name, ro_cause_name(f->cause),
				    ro_cause_name((enum ro_cause)as->trigger));
			bad++;
		} else if (want < 0 && as->reason != reason) {
			ro_plan_client_name(p, s, i, name, sizeof name);
			ro_diag_add(d, NULL, ln,
				    "client '%s': its reason is %s, not %s", name,
				    ro_reason_name(reason),
				    ro_reason_name(as->reason));
			bad++;
		}
	}
	if (p->stated) {
		long sb = stated_claims(s, p, ev, d);
		if (sb < 0)
			goto out_oom;
		bad += sb;
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
