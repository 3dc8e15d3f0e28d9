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
 * tag before it is written out.
 */
#include "schedule.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "atomic.h"
#include "version.h"

__extension__ typedef unsigned __int128 u128;

#define NAME_LEN 512

struct out {
	xmlTextWriterPtr w;
	const struct ro_site *s;
	const struct ro_plan *p;
	const struct ro_eval *ev;
	int failed;
};

/* --- writer helpers: each records failure and becomes a no-op after it --- */

static void start(struct out *o, const char *name)
{
	if (!o->failed && xmlTextWriterStartElement(o->w, BAD_CAST name) < 0)
		o->failed = 1;
}

static void end(struct out *o)
{
	if (!o->failed && xmlTextWriterEndElement(o->w) < 0)
		o->failed = 1;
}

static void attr(struct out *o, const char *name, const char *value)
{
	if (!o->failed &&
	    xmlTextWriterWriteAttribute(o->w, BAD_CAST name, BAD_CAST value) < 0)
		o->failed = 1;
}

static void attr_ll(struct out *o, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	attr(o, name, buf);
}

static void attr_time(struct out *o, const char *name, ro_time t)
{
	char buf[RO_TIME_BUFSZ];

	attr(o, name, ro_time_format(t, buf));
}

static void attr_slot(struct out *o, const char *name, int64_t slot)
{
	attr_time(o, name, o->s->horizon.start + slot * o->s->horizon.slot_min);
}

/* xs:double text; %.10g is plenty for solver figures and never locale
 * dependent for the C locale a library runs in by default. */
static void attr_double(struct out *o, const char *name, double v)
{
	char buf[40];

	if (isnan(v))
		strcpy(buf, "NaN");
	else if (isinf(v))
		strcpy(buf, v > 0 ? "INF" : "-INF");
	else
		snprintf(buf, sizeof buf, "%.10g", v);
	attr(o, name, buf);
}

/* num/den (num >= 0, den > 0) rounded half up to four decimals. */
static char *ratio4(int64_t num, int64_t den, char *buf, size_t n)
{
	u128 v = ((u128)(uint64_t)num * 20000u + (uint64_t)den) /
		 ((u128)(uint64_t)den * 2u);
	unsigned long long ip = (unsigned long long)(v / 10000);

	snprintf(buf, n, "%llu.%04u", ip, (unsigned)(v % 10000));
	return buf;
}

static size_t record_of(const struct ro_plan *p, size_t i)
{
	size_t lo = 0, hi = p->nrecords;

	/* last r with first[r] <= i */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if ((size_t)p->first[mid] <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static const char *name_of(const struct out *o, size_t i, char *buf)
{
	size_t r = record_of(o->p, i);

	return ro_client_name(o->s, r, (int32_t)(i - (size_t)o->p->first[r]),
			      buf, NAME_LEN);
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

	start(o, "header");
	attr(o, "rollout-version", RO_VERSION);

	start(o, "site");
	attr(o, "name", ro_site_str(s, s->name));
	if (s->scenario)
		attr(o, "scenario", ro_site_str(s, s->scenario));
	end(o);

	start(o, "horizon");
	attr_time(o, "start", s->horizon.start);
	attr_time(o, "end", s->horizon.end);
	attr_ll(o, "slot-minutes", s->horizon.slot_min);
	attr_ll(o, "slots", s->horizon.nslots);
	end(o);

	start(o, "options");
	attr(o, "objective",
	     strcmp(p->info.objective, "peak") == 0 ? "peak" : "lexicographic");
	if (p->info.has_deadline)
		attr_time(o, "deadline", p->info.deadline);
	if (p->info.time_limit > 0)
		attr_double(o, "time-limit", p->info.time_limit);
	attr_double(o, "gap", p->info.gap);
	end(o);

	start(o, "solver");
	attr(o, "status", ro_status_name(p->status));
	if (p->info.show_time) {
		snprintf(buf, sizeof buf, "%.3f", p->info.solve_seconds);
		attr(o, "solve-seconds", buf);
	}
	end(o);

	for (int i = 0; i < p->nstages && i < 4; i++) {
		const struct ro_stage *st = &p->stages[i];
		double gap = ro_stage_gap(st);
		start(o, "stage");
		attr(o, "name", st->name);
		attr(o, "sense", st->maximise ? "maximise" : "minimise");
		attr_double(o, "value", st->value);
		if (st->has_bound) {
			attr_double(o, "bound", st->bound);
			attr_double(o, "gap", gap);
		}
		end(o);
	}

	/* the peak as an exact ratio, compared by cross-multiplication */
	for (size_t j = 0; j < cells; j++)
		if (ev->usable[j] > 0 && ev->load[j] > 0 &&
		    (u128)(uint64_t)ev->load[j] * (uint64_t)bu >
			    (u128)(uint64_t)bl * (uint64_t)ev->usable[j]) {
			bl = ev->load[j];
			bu = ev->usable[j];
		}
	start(o, "summary");
	attr_ll(o, "placed", ev->placed);
	attr_ll(o, "unplaced", (long long)p->n - ev->placed);
	attr_ll(o, "placed-weight", ev->placed_weight);
	attr_ll(o, "makespan-slots", ev->makespan);
	attr_slot(o, "makespan", ev->makespan);
	attr_ll(o, "completion-sum", ev->completion_sum);
	attr(o, "peak-utilisation", ratio4(bl, bu, buf, sizeof buf));
	end(o);

	end(o);
}

static void write_clients(struct out *o)
{
	const struct ro_site *s = o->s;
	const struct ro_plan *p = o->p;
	const struct ro_eval *ev = o->ev;
	char name[NAME_LEN];

	start(o, "clients");
	for (size_t r = 0; r < s->nclients && !o->failed; r++) {
		const struct ro_client *cl = &s->clients[r];
		for (int32_t k = 0; k < cl->count; k++) {
			size_t i = (size_t)p->first[r] + (size_t)k;
			const struct ro_assign *a = &p->a[i];

			ro_client_name(s, r, k, name, sizeof name);
			if (a->start < 0) {
				start(o, "unplaced");
				attr(o, "id", name);
				attr(o, "reason", ro_reason_name(a->reason));
				end(o);
				continue;
			}
			int64_t rb = (int64_t)a->start + ev->dur[r] +
				     ev->reboot_delay_slots;
			start(o, "client");
			attr(o, "id", name);
			attr_slot(o, "start", a->start);
			attr_slot(o, "end", ev->end[i]);
			attr_ll(o, "start-slot", a->start);
			attr_ll(o, "slots", ev->dur[r]);
			attr(o, "trigger", ro_trigger_name(a->trigger));
			attr(o, "cap",
			     ro_site_str(s, s->servers[cl->server].id));
			attr_ll(o, "bytes", cl->bytes);
			for (int j = 0; j < cl->reboots; j++) {
				start(o, "reboot");
				attr_slot(o, "at", rb + j);
				end(o);
			}
			end(o);
		}
	}
	end(o);
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

	start(o, elem);
	attr_time(o, "at", at);
	if (scope)
		attr(o, "scope", scope);
	if (pos)
		for (size_t j = pos[key]; j < pos[key + 1] && !o->failed; j++) {
			start(o, "client");
			attr(o, "id", name_of(o, idx[j], name));
			end(o);
		}
	end(o);
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
	int32_t first = -1;
	int rc = RO_ENOMEM;

	for (size_t i = 0; i < p->n; i++)
		if (p->a[i].start >= 0 && (first < 0 || p->a[i].start < first))
			first = p->a[i].start;

	if (!group(o, RO_TRIG_PUSH, false, T, &ppos, &pidx))
		goto out_free;
	if (s->policy.logon == RO_LOGON_PHASED &&
	    !group(o, RO_TRIG_LOGON, true, ndays, &lpos, &lidx))
		goto out_free;
	acts = ro_calloc((size_t)T + (size_t)ndays + 4, sizeof *acts);
	if (!acts)
		goto out_free;

	if (s->policy.expire_adverts && first >= 0) {
		acts[nacts++] = (struct act){ ro_slot_time(s, first),
					      ACT_EXPIRE, 0 };
		acts[nacts++] = (struct act){ ro_slot_time(s, ev->makespan),
					      ACT_REENABLE, 0 };
	}
	switch (s->policy.logon) {
	case RO_LOGON_DISABLED:
		acts[nacts++] = (struct act){ H0, ACT_LOGON_DISABLE, 0 };
		break;
	case RO_LOGON_ENABLED:
		acts[nacts++] = (struct act){ H0, ACT_LOGON_ALL, 0 };
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

	start(o, "actions");
	for (size_t j = 0; j < nacts && !o->failed; j++) {
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
	end(o);
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
	char buf[48];

	start(o, "links");
	for (size_t l = 0; l < s->nlinks && !o->failed; l++) {
		start(o, "link");
		attr(o, "id", ro_site_str(s, s->links[l].id));
		for (int32_t t = 0; t < ev->nslots && !o->failed; t++) {
			size_t j = l * (size_t)ev->nslots + (size_t)t;
			start(o, "slot");
			attr_ll(o, "t", t);
			attr_slot(o, "at", t);
			attr_ll(o, "bytes", ev->load[j]);
			attr_ll(o, "usable", ev->usable[j]);
			if (ev->usable[j] > 0)
				attr(o, "utilisation",
				     ratio4(ev->load[j] > 0 ? ev->load[j] : 0,
					    ev->usable[j], buf, sizeof buf));
			end(o);
		}
		end(o);
	}
	end(o);
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

int ro_schedule_write(const struct ro_site *s, const struct ro_plan *p,
		      const struct ro_eval *ev, const char *path,
		      struct ro_diag *d)
{
	static const char tail[] = "</schedule>\n";
	struct out o = { NULL, s, p, ev, 0 };
	xmlBufferPtr buf;
	const char *text;
	size_t len;
	int rc;

	if (!s || !p || !ev || !path || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the schedule: "
				    "invalid argument");
		return RO_EARG;
	}
	if (!plan_writable(s, p, ev, d))
		return RO_EARG;

	buf = xmlBufferCreate();
	if (!buf)
		goto out_nomem;
	o.w = xmlNewTextWriterMemory(buf, 0);
	if (!o.w) {
		xmlBufferFree(buf);
		goto out_nomem;
	}
	if (xmlTextWriterSetIndent(o.w, 1) < 0 ||
	    xmlTextWriterSetIndentString(o.w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(o.w, NULL, "UTF-8", NULL) < 0)
		o.failed = 1;
	start(&o, "schedule");
	attr(&o, "version", "1");
	attr(&o, "generator", "rollout " RO_VERSION);
	write_header(&o);
	write_clients(&o);
	rc = o.failed ? RO_OK : write_actions(&o);
	write_links(&o);
	end(&o);
	if (!o.failed && xmlTextWriterEndDocument(o.w) < 0)
		o.failed = 1;
	/* freeing the writer flushes it into buf */
	xmlFreeTextWriter(o.w);

	text = (const char *)xmlBufferContent(buf);
	len = text ? (size_t)xmlBufferLength(buf) : 0;
	if (rc != RO_OK || o.failed || len < sizeof tail - 1 ||
	    memcmp(text + len - (sizeof tail - 1), tail, sizeof tail - 1) != 0) {
		xmlBufferFree(buf);
		goto out_nomem;
	}
	rc = ro_write_file_atomic(path, text, len, d);
	xmlBufferFree(buf);
	return rc;

out_nomem:
	ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory while "
		    "building the schedule", path);
	return RO_ENOMEM;
}
