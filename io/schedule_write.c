/*
 * schedule_write.c - the XML schedule (docs/schedule-format.md).
 *
 * The document is built in memory with libxml2's xmlTextWriter and written
 * with ro_write_file_atomic, so a failure leaves no partial file.  Output is
 * a function of the site, the plan and the verifier's recomputation only:
 * no clock, no host name, no hash order; numbers that the verifier computed
 * exactly are printed from integers (ratios with integer rounding), so the
 * same input gives the same bytes on every machine.
 *
 * xmlTextWriter reports most failures through return values but not all of
 * them (an output buffer that failed to grow can swallow data), so every
 * return value is checked and the finished buffer must end with the closing
 * tag before it is written out (xmlwrite.h).
 */
#include "schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "atomic.h"
#include "version.h"
#include "xmlwrite.h"

__extension__ typedef unsigned __int128 u128;

#define NAME_LEN 512

struct out {
	struct ro_xw x;
	const struct ro_site *s;
	const struct ro_plan *p;
	const struct ro_eval *ev;
};

static const char *name_of(const struct out *o, size_t i, char *buf)
{
	return ro_plan_client_name(o->p, o->s, i, buf, NAME_LEN);
}

/* ------------------------------ sections ------------------------------ */

static void write_header(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	const struct ro_eval *ev = o->ev;
	char buf[64];
	int64_t bl = 0, bu = 1;
	size_t cells = ev->nlinks * (size_t)ev->nslots;

	ro_schedule_emit_head(&o->x, s);

	ro_xw_start(&o->x, "options");
	ro_xw_attr(&o->x, "objective",
		   strcmp(p->info.objective, "peak") == 0 ? "peak"
							  : "lexicographic");
	if (p->info.has_deadline)
		ro_xw_attr_time(&o->x, "deadline", p->info.deadline);
	if (p->info.time_limit > 0)
		ro_xw_attr_double(&o->x, "time-limit", p->info.time_limit);
	ro_xw_attr_double(&o->x, "gap", p->info.gap);
	ro_xw_end(&o->x);

	ro_xw_start(&o->x, "solver");
	ro_xw_attr(&o->x, "status", ro_status_name(p->status));
	if (p->info.show_time) {
		snprintf(buf, sizeof buf, "%.3f", p->info.solve_seconds);
		ro_xw_attr(&o->x, "solve-seconds", buf);
	}
	ro_xw_end(&o->x);

	for (int i = 0; i < p->nstages && i < 4; i++) {
		const struct ro_stage *st = &p->stages[i];
		double gap = ro_stage_gap(st);
		ro_xw_start(&o->x, "stage");
		ro_xw_attr(&o->x, "name", st->name);
		ro_xw_attr(&o->x, "sense",
			   st->maximise ? "maximise" : "minimise");
		ro_xw_attr_double(&o->x, "value", st->value);
		if (st->has_bound) {
			ro_xw_attr_double(&o->x, "bound", st->bound);
			ro_xw_attr_double(&o->x, "gap", gap);
		}
		ro_xw_end(&o->x);
	}

	/* the peak as an exact ratio, compared by cross-multiplication */
	for (size_t j = 0; j < cells; j++)
		if (ev->usable[j] > 0 && ev->load[j] > 0 &&
		    (u128)(uint64_t)ev->load[j] * (uint64_t)bu >
			    (u128)(uint64_t)bl * (uint64_t)ev->usable[j]) {
			bl = ev->load[j];
			bu = ev->usable[j];
		}
	ro_xw_start(&o->x, "summary");
	ro_xw_attr_ll(&o->x, "placed", ev->placed);
	ro_xw_attr_ll(&o->x, "unplaced", (long long)p->n - ev->placed);
	ro_xw_attr_ll(&o->x, "placed-weight", ev->placed_weight);
	ro_xw_attr_ll(&o->x, "makespan-slots", ev->makespan);
	ro_xw_attr_slot(&o->x, "makespan", o->s, ev->makespan);
	ro_xw_attr_ll(&o->x, "completion-sum", ev->completion_sum);
	ro_xw_attr_ratio(&o->x, "peak-utilisation", bl, bu);
	ro_xw_end(&o->x);

	ro_xw_end(&o->x);
}

static void write_clients(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	const struct ro_eval *ev = o->ev;
	char name[NAME_LEN];

	ro_xw_start(&o->x, "clients");
	for (size_t r = 0; r < s->nclients && !o->x.failed; r++) {
		const struct ro_client *cl = &s->clients[r];
		for (int32_t k = 0; k < cl->count; k++) {
			size_t i = (size_t)p->first[r] + (size_t)k;
			const struct ro_assign *a = &p->a[i];

			ro_client_name(s, r, k, name, sizeof name);
			if (a->start < 0) {
				ro_xw_start(&o->x, "unplaced");
				ro_xw_attr(&o->x, "id", name);
				if (cl->user)
					ro_xw_attr(&o->x, "user",
						   ro_site_str(s, cl->user));
				ro_xw_attr(&o->x, "reason",
					   ro_reason_name(a->reason));
				ro_xw_end(&o->x);
				continue;
			}
			/* the reboots are the last slots before completion
			 * (docs/semantics.md, "Reboots") */
			int64_t rb = (int64_t)ev->end[i] - cl->reboots;
			ro_xw_start(&o->x, "client");
			ro_xw_attr(&o->x, "id", name);
			/* logon scripts are switched per user account: the
			 * administrator needs the user beside the machine */
			if (cl->user)
				ro_xw_attr(&o->x, "user", ro_site_str(s, cl->user));
			ro_xw_attr_slot(&o->x, "start", o->s, a->start);
			ro_xw_attr_slot(&o->x, "transfer-end", o->s,
					(int64_t)a->start + ev->dur[r]);
			ro_xw_attr_slot(&o->x, "end", o->s, ev->end[i]);
			ro_xw_attr_ll(&o->x, "start-slot", a->start);
			ro_xw_attr_ll(&o->x, "slots", ev->dur[r]);
			ro_xw_attr(&o->x, "trigger",
				   ro_trigger_name(a->trigger));
			ro_xw_attr(&o->x, "cap",
				   ro_site_str(s, s->servers[cl->server].id));
			ro_xw_attr_ll(&o->x, "bytes", cl->bytes);
			for (int j = 0; j < cl->reboots; j++) {
				ro_xw_start(&o->x, "reboot");
				ro_xw_attr_slot(&o->x, "at", o->s, rb + j);
				ro_xw_end(&o->x);
			}
			ro_xw_end(&o->x);
		}
	}
	ro_xw_end(&o->x);
}

enum act_kind {
	ACT_EXPIRE, ACT_LOGON_DISABLE, ACT_LOGON_ALL, ACT_LOGON_DAY, ACT_PUSH,
	ACT_REENABLE
};

struct act {
	ro_time at;
	int kind;
	int32_t key;       /* day (ACT_LOGON_DAY) or slot (ACT_PUSH) */
};

static int act_cmp(const void *a, const void *b)
{
	const struct act *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->key > y->key) - (x->key < y->key);
}

/* Clients with the given trigger grouped by key (start slot, or the day of
 * the start): counting sort, so each group keeps expanded-index order.
 * *pos has nkeys + 1 entries, *idx the clients.  Returns false on
 * allocation failure. */
static bool group(const struct out *o, unsigned trig, bool by_day,
		  int32_t nkeys, size_t **pos, size_t **idx)
{
	const struct ro_plan *p = o->p;
	const struct ro_site *s = o->s;
	ro_time day0 = ro_time_day_start(s->horizon.start);
	size_t *cnt = ro_calloc((size_t)nkeys + 1, sizeof *cnt);
	size_t *v, total = 0;

	if (!cnt)
		return false;
	for (size_t i = 0; i < p->n; i++) {
		const struct ro_assign *a = &p->a[i];
		if (a->start < 0 || a->trigger != trig)
			continue;
		int32_t key = by_day
			? (int32_t)((ro_time_day_start(ro_slot_time(s, a->start)) -
				     day0) / RO_DAY_MIN)
			: a->start;
		cnt[key + 1]++;
		total++;
	}
	for (int32_t k = 0; k < nkeys; k++)
		cnt[k + 1] += cnt[k];
	v = ro_calloc(total ? total : 1, sizeof *v);
	size_t *fill = ro_calloc((size_t)nkeys + 1, sizeof *fill);
	if (!v || !fill) {
		ro_free(cnt);
		ro_free(v);
		ro_free(fill);
		return false;
	}
	memcpy(fill, cnt, ((size_t)nkeys + 1) * sizeof *fill);
	for (size_t i = 0; i < p->n; i++) {
		const struct ro_assign *a = &p->a[i];
		if (a->start < 0 || a->trigger != trig)
			continue;
		int32_t key = by_day
			? (int32_t)((ro_time_day_start(ro_slot_time(s, a->start)) -
				     day0) / RO_DAY_MIN)
			: a->start;
		v[fill[key]++] = i;
	}
	ro_free(fill);
	*pos = cnt;
	*idx = v;
	return true;
}

static void write_list(struct out *o, const char *elem, ro_time at,
		       const char *scope, const size_t *pos,
		       const size_t *idx, int32_t key)
{
	char name[NAME_LEN];

	ro_xw_start(&o->x, elem);
	ro_xw_attr_time(&o->x, "at", at);
	if (scope)
		ro_xw_attr(&o->x, "scope", scope);
	if (pos)
		for (size_t j = pos[key]; j < pos[key + 1] && !o->x.failed;
		     j++) {
			const struct ro_client *cl =
				&o->s->clients[ro_plan_record_of(o->p, idx[j])];
			ro_xw_start(&o->x, "client");
			ro_xw_attr(&o->x, "id", name_of(o, idx[j], name));
			if (cl->user)
				ro_xw_attr(&o->x, "user",
					   ro_site_str(o->s, cl->user));
			ro_xw_end(&o->x);
		}
	ro_xw_end(&o->x);
}

/* Returns RO_OK or RO_ENOMEM. */
static int write_actions(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	const struct ro_eval *ev = o->ev;
	const ro_time H0 = s->horizon.start;
	const int32_t T = s->horizon.nslots;
	ro_time day0 = ro_time_day_start(H0);
	int32_t ndays = (int32_t)((ro_time_day_start(ro_slot_time(s, T - 1)) -
				   day0) / RO_DAY_MIN) + 1;
	size_t *ppos = NULL, *pidx = NULL, *lpos = NULL, *lidx = NULL;
	struct act *acts = NULL;
	size_t nacts = 0;
	int32_t first = -1, first_logon = -1;
	int rc = RO_ENOMEM;

	for (size_t i = 0; i < p->n; i++) {
		const struct ro_assign *a = &p->a[i];
		if (a->start < 0)
			continue;
		if (first < 0 || a->start < first)
			first = a->start;
		if (a->trigger == RO_TRIG_LOGON &&
		    (first_logon < 0 || a->start < first_logon))
			first_logon = a->start;
	}

	if (!group(o, RO_TRIG_PUSH, false, T, &ppos, &pidx))
		goto out_free;
	if (s->policy.logon == RO_LOGON_PHASED &&
	    !group(o, RO_TRIG_LOGON, true, ndays, &lpos, &lidx))
		goto out_free;
	acts = ro_calloc((size_t)T + (size_t)ndays + 5, sizeof *acts);
	if (!acts)
		goto out_free;

	if (s->policy.expire_adverts && first >= 0) {
		acts[nacts++] = (struct act){ ro_slot_time(s, first),
					      ACT_EXPIRE, 0 };
		acts[nacts++] = (struct act){ ro_slot_time(s, ev->makespan),
					      ACT_REENABLE, 0 };
	}
	/* Logon scripts go off for everyone first, whatever the policy: a
	 * script that is on starts its client at the next logon, whatever the
	 * plan says (docs/schedule-format.md, "What the actions mean"). */
	acts[nacts++] = (struct act){ H0, ACT_LOGON_DISABLE, 0 };
	switch (s->policy.logon) {
	case RO_LOGON_DISABLED:
		break;
	case RO_LOGON_ENABLED:
		/* on for all at the first start by logon: no later, or that
		 * start would not happen; no earlier, or a logon before the
		 * CAP is ready would start a client */
		if (first_logon >= 0)
			acts[nacts++] = (struct act){
				ro_slot_time(s, first_logon), ACT_LOGON_ALL, 0 };
		break;
	case RO_LOGON_PHASED:
		for (int32_t dd = 0; dd < ndays; dd++) {
			ro_time at = day0 + (ro_time)dd * RO_DAY_MIN;
			if (lpos[dd] == lpos[dd + 1])
				continue;
			acts[nacts++] = (struct act){ at < H0 ? H0 : at,
						      ACT_LOGON_DAY, dd };
		}
		break;
	}
	for (int32_t t = 0; t < T; t++)
		if (ppos[t] != ppos[t + 1])
			acts[nacts++] = (struct act){ ro_slot_time(s, t),
						      ACT_PUSH, t };
	qsort(acts, nacts, sizeof *acts, act_cmp);

	ro_xw_start(&o->x, "actions");
	for (size_t j = 0; j < nacts && !o->x.failed; j++) {
		const struct act *a = &acts[j];
		switch (a->kind) {
		case ACT_EXPIRE:
			write_list(o, "expire-advertisements", a->at, NULL,
				   NULL, NULL, 0);
			break;
		case ACT_LOGON_DISABLE:
			write_list(o, "disable-logon-scripts", a->at, NULL,
				   NULL, NULL, 0);
			break;
		case ACT_LOGON_ALL:
			write_list(o, "enable-logon-scripts", a->at, "all",
				   NULL, NULL, 0);
			break;
		case ACT_LOGON_DAY:
			write_list(o, "enable-logon-scripts", a->at, "listed",
				   lpos, lidx, a->key);
			break;
		case ACT_PUSH:
			write_list(o, "push", a->at, NULL, ppos, pidx, a->key);
			break;
		case ACT_REENABLE:
			write_list(o, "reenable-advertisements", a->at, NULL,
				   NULL, NULL, 0);
			break;
		}
	}
	ro_xw_end(&o->x);
	rc = RO_OK;
out_free:
	ro_free(ppos);
	ro_free(pidx);
	ro_free(lpos);
	ro_free(lidx);
	ro_free(acts);
	return rc;
}

static void write_links(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_eval *ev = o->ev;

	ro_xw_start(&o->x, "links");
	for (size_t l = 0; l < s->nlinks && !o->x.failed; l++) {
		ro_xw_start(&o->x, "link");
		ro_xw_attr(&o->x, "id", ro_site_str(s, s->links[l].id));
		for (int32_t t = 0; t < ev->nslots && !o->x.failed; t++) {
			size_t j = l * (size_t)ev->nslots + (size_t)t;
			ro_xw_start(&o->x, "slot");
			ro_xw_attr_ll(&o->x, "t", t);
			ro_xw_attr_slot(&o->x, "at", o->s, t);
			ro_xw_attr_ll(&o->x, "bytes", ev->load[j]);
			ro_xw_attr_ll(&o->x, "usable", ev->usable[j]);
			if (ev->usable[j] > 0)
				ro_xw_attr_ratio(&o->x, "utilisation",
						 ev->load[j] > 0 ? ev->load[j]
								 : 0,
						 ev->usable[j]);
			ro_xw_end(&o->x);
		}
		ro_xw_end(&o->x);
	}
	ro_xw_end(&o->x);
}

/* What the writer relies on; anything else is a caller bug, reported. */
static bool plan_writable(const struct ro_site *s, const struct ro_plan *p,
			  const struct ro_eval *ev, struct ro_diag *d)
{
	char name[NAME_LEN];

	if (p->n != (size_t)s->nclients_total || p->nrecords != s->nclients ||
	    ev->nslots != s->horizon.nslots || ev->nlinks != s->nlinks ||
	    ev->nrecords != s->nclients) {
		ro_diag_add(d, NULL, 0, "cannot write the schedule: the plan "
			    "or its evaluation does not belong to the site");
		return false;
	}
	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++) {
			size_t i = (size_t)p->first[r] + (size_t)k;
			const struct ro_assign *a = &p->a[i];
			bool bad = a->start < 0
				? a->reason == RO_REASON_NONE ||
					  a->reason > RO_REASON_HORIZON
				: a->start >= s->horizon.nslots ||
					  ev->end[i] < 0 ||
					  (a->trigger != RO_TRIG_CCIM &&
					   a->trigger != RO_TRIG_LOGON &&
					   a->trigger != RO_TRIG_PUSH);
			if (bad) {
				ro_diag_add(d, NULL, 0, "cannot write the "
					    "schedule: client '%s' has neither a "
					    "valid start nor a reason",
					    ro_client_name(s, r, k, name,
							   sizeof name));
				return false;
			}
		}
	return true;
}

void ro_schedule_emit_head(struct ro_xw *x, const struct ro_site *s)
{
	ro_xw_start(x, "header");
	ro_xw_attr(x, "rollout-version", RO_VERSION);
	ro_xw_start(x, "site");
	ro_xw_attr(x, "name", ro_site_str(s, s->name));
	if (s->scenario)
		ro_xw_attr(x, "scenario", ro_site_str(s, s->scenario));
	ro_xw_end(x);
	ro_xw_start(x, "horizon");
	ro_xw_attr_time(x, "start", s->horizon.start);
	ro_xw_attr_time(x, "end", s->horizon.end);
	ro_xw_attr_ll(x, "slot-minutes", s->horizon.slot_min);
	ro_xw_attr_ll(x, "slots", s->horizon.nslots);
	ro_xw_end(x);
}

int ro_schedule_emit(struct ro_xw *x, const char *path,
		     int (*body)(void *ctx), void *ctx, struct ro_diag *d)
{
	static const char tail[] = "</schedule>\n";
	const char *text;
	size_t len;
	int rc;

	if (ro_xw_open(x) != RO_OK)
		goto out_nomem;
	ro_xw_start(x, "schedule");
	ro_xw_attr(x, "version", "1");
	ro_xw_attr(x, "generator", "rollout " RO_VERSION);
	rc = body(ctx);
	ro_xw_end(x);
	text = ro_xw_finish(x, tail, &len);
	if (rc != RO_OK || !text) {
		ro_xw_close(x);
		goto out_nomem;
	}
	rc = ro_write_file_atomic(path, text, len, d);
	ro_xw_close(x);
	return rc;

out_nomem:
	ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory while "
		    "building the schedule", path);
	return RO_ENOMEM;
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

int ro_schedule_write(const struct ro_site *s, const struct ro_plan *p,
		      const struct ro_eval *ev, const char *path,
		      struct ro_diag *d)
{
	struct out o = { { NULL, NULL, 0, 0 }, s, p, ev };
	int rc;

	if (!s || !p || !ev || !path || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the schedule: "
				    "invalid argument");
		return RO_EARG;
	}
	if (p->control == RO_CONTROL_SMS20) {
		/* an SMS 2.0 plan's schedule states its forecast, which
		 * only its own verifier recomputes (ev is not needed) */
		struct ro_sms_eval *sev = NULL;
		long bad = ro_verify_sms20(s, p, &sev, d);

		rc = bad < 0 ? RO_ENOMEM : bad > 0 ? RO_EVERIFY
			: ro_schedule_write_sms20(s, p, sev, path, NULL, d);
		ro_sms_eval_free(sev);
		return rc;
	}
	if (!plan_writable(s, p, ev, d))
		return RO_EARG;

	return ro_schedule_emit(&o.x, path, body, &o, d);
}
