/*
 * report_table.c - the report's tables: a schedule's summary, the
 * comparison of several, the actions (by day, or as an SMS 2.0 timeline),
 * overload per link, clients by cause, and the unplaced clients.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/plan.h"
#include "../model/rtime.h"
#include "report_priv.h"

static const char *const reason_help[NREASONS] = {
	"",
	"no trigger fires inside the horizon",
	"on only while on the RAS link",
	"its on-windows are too short for the transfer and reboots",
	"it could start, but the capacity was taken by others",
	"it would finish after the horizon ends",
	"the site is not released in this horizon",
	"a new install whose logon script stays off",
	"its copy or restarts are not done in the forecast",
};

static xmlNodePtr row(struct b *b, xmlNodePtr table, const char *key,
		      const char *value)
{
	xmlNodePtr tr = ro_rp_el(b, table, "tr", NULL);

	ro_rp_el(b, tr, "th", key);
	ro_rp_el(b, tr, "td", value);
	return tr;
}

/* The SMS 2.0 rows of the summary: the levers and what the forecast
 * makes of them. */
static void sms_summary(struct b *b, xmlNodePtr t, const struct rsched *s)
{
	const struct ro_schedule_head *h = &s->head;
	char buf[256], x[64], y[64], z[RO_TIME_BUFSZ];
	const struct ract *rel = NULL;
	char w[64];

	snprintf(buf, sizeof buf, "SMS 2.0: the administrator's actions "
		 "below, and the forecast of what SMS does after them, to %s "
		 "(a week after the horizon)", ro_time_format(s->end, z));
	row(b, t, "control", buf);
	for (size_t i = 0; i < s->nacts && !rel; i++)
		if (strcmp(s->acts[i].what, "apply-service-pack") == 0)
			rel = &s->acts[i];
	if (rel)
		snprintf(buf, sizeof buf, "%s (%s)", ro_time_format(rel->at, z),
			 ro_rp_fmt_when(rel->at, w, sizeof w));
	row(b, t, "release", rel ? buf : "not released in this horizon");
	row(b, t, "early triggers", ro_rp_fmt_count(h->triggers, x, sizeof x));
	snprintf(buf, sizeof buf, "%s of the clients start after the "
		 "horizon", ro_rp_fmt_count(h->after_horizon, x, sizeof x));
	row(b, t, "after the horizon", buf);
	snprintf(buf, sizeof buf, "%s above the usable capacity of the "
		 "links, %s over dial-up lines",
		 ro_rp_fmt_mb(h->overload_bytes > 0 ? h->overload_bytes : 0, x,
			      sizeof x),
		 ro_rp_fmt_mb(h->ras_bytes, y, sizeof y));
	row(b, t, "overload", buf);
}

/* "2 capacity, 1 horizon": the clients left out by reason, into buf (n
 * bytes, truncated); "none" when there are none. */
static const char *reasons_text(const struct rsched *s, char *buf, size_t n)
{
	char x[32];
	size_t o = 0;

	buf[0] = '\0';
	for (int r = 1; r < NREASONS && o < n; r++)
		if (s->by_reason[r])
			o += (size_t)snprintf(buf + o, n - o, "%s%s %s",
					      o ? ", " : "",
					      ro_rp_fmt_count(s->by_reason[r],
							      x, sizeof x),
					      ro_reason_name((enum ro_reason)r));
	return o ? buf : "none";
}

void ro_rp_summary_table(struct b *b, xmlNodePtr parent,
			 const struct rsched *s)
{
	xmlNodePtr t = ro_rp_el(b, parent, "table", NULL);
	char buf[512], x[64], y[64], z[64];

	ro_rp_set(b, t, "class", "summary");
	row(b, t, "site", s->head.site);
	row(b, t, "scenario", s->head.scenario[0] ? s->head.scenario
						   : "none (the base site)");
	row(b, t, "schedule file", s->path);
	ro_time_format(s->start, x);
	ro_time_format(s->head.sms20 ? s->hend : s->end, y);
	snprintf(buf, sizeof buf, "%s to %s, %" PRId32 " slot%s of %" PRId32
		 " minutes", x, y, s->head.sms20 ? s->hslots : s->nslots,
		 (s->head.sms20 ? s->hslots : s->nslots) == 1 ? "" : "s",
		 s->slot_min);
	row(b, t, "horizon", buf);
	if (s->head.sms20)
		sms_summary(b, t, s);
	snprintf(buf, sizeof buf, "%s of %s",
		 ro_rp_fmt_count(s->head.placed, x, sizeof x),
		 ro_rp_fmt_count(s->head.placed + s->head.unplaced, y,
				 sizeof y));
	row(b, t, s->head.sms20 ? "clients upgraded" : "clients placed", buf);
	row(b, t, s->head.sms20 ? "not upgraded" : "unplaced",
	    reasons_text(s, buf, sizeof buf));
	if (s->head.placed > 0) {
		snprintf(buf, sizeof buf, "%s (%" PRId64 " slot%s), the last "
			 "client finishing %s (%s)",
			 ro_rp_fmt_duration(s->head.makespan_slots *
					    s->slot_min, x, sizeof x),
			 s->head.makespan_slots,
			 s->head.makespan_slots == 1 ? "" : "s",
			 ro_time_format(s->head.makespan, y),
			 ro_rp_fmt_when(s->head.makespan, z, sizeof z));
		row(b, t, "makespan", buf);
	}
	snprintf(buf, sizeof buf, "%s (objective %s)",
		 s->head.status, s->head.objective);
	row(b, t, "solver status", buf);
	for (int i = 0; i < s->head.nstages; i++) {
		const struct ro_schedule_head_stage *st = &s->head.stages[i];

		if (st->bound[0] && st->gap >= 0)
			snprintf(buf, sizeof buf, "%s (bound %s, gap %.2f %%)",
				 st->value, st->bound, 100 * st->gap);
		else
			snprintf(buf, sizeof buf, "%s", st->value);
		snprintf(x, sizeof x, "stage %s", st->name);
		row(b, t, x, buf);
	}
	if (s->head.peak >= 0) {
		snprintf(buf, sizeof buf, "%.1f %% (of the usable capacity, "
			 "highest over links and slots)", 100 * s->head.peak);
		row(b, t, "peak utilisation", buf);
	}
}

/* A table of class cls under parent with a header row of the n heads. */
static xmlNodePtr table_head(struct b *b, xmlNodePtr parent, const char *cls,
			     const char *const *heads, size_t n)
{
	xmlNodePtr t = ro_rp_el(b, parent, "table", NULL);
	xmlNodePtr tr;

	ro_rp_set(b, t, "class", cls);
	tr = ro_rp_el(b, t, "tr", NULL);
	for (size_t i = 0; i < n; i++)
		ro_rp_el(b, tr, "th", heads[i]);
	return t;
}

void ro_rp_actions_table(struct b *b, xmlNodePtr parent,
			 const struct rsched *s)
{
	static const char *const heads[] = {
		"day", "advertisements", "logon scripts", "pushes",
	};
	xmlNodePtr t, tr;
	char buf[256], x[32], y[32], day[RO_TIME_BUFSZ];

	if (!s->ndays) {
		ro_rp_el(b, parent, "p", "No actions: the plan needs nothing "
			 "from the administrator.");
		return;
	}
	t = table_head(b, parent, "actions", heads, 4);
	for (size_t i = 0; i < s->ndays; i++) {
		const struct rday *dy = &s->days[i];
		size_t o = 0;

		tr = ro_rp_el(b, t, "tr", NULL);
		ro_rp_elf(b, tr, "td", "%s %s",
			  ro_dow_name(ro_time_dow(dy->day)),
			  ro_date_format(dy->day, day));
		buf[0] = '\0';
		if (dy->expire)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "expire");
		if (dy->reenable)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "%sre-enable", o ? ", " : "");
		ro_rp_el(b, tr, "td", buf);
		o = 0;
		buf[0] = '\0';
		if (dy->disable)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "disable");
		if (dy->enable_all)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "%senable for all",
					      o ? ", " : "");
		if (dy->cohorts)
			o += (size_t)snprintf(buf + o, sizeof buf - o,
					      "%senable for %s client%s",
					      o ? ", " : "",
					      ro_rp_fmt_count(dy->logon_clients,
							      x, sizeof x),
					      dy->logon_clients == 1 ? "" : "s");
		ro_rp_el(b, tr, "td", buf);
		buf[0] = '\0';
		if (dy->pushes)
			snprintf(buf, sizeof buf, "%s client%s in %s push%s",
				 ro_rp_fmt_count(dy->push_clients, x, sizeof x),
				 dy->push_clients == 1 ? "" : "s",
				 ro_rp_fmt_count(dy->pushes, y, sizeof y),
				 dy->pushes == 1 ? "" : "es");
		ro_rp_el(b, tr, "td", buf);
	}
}

/* SMS 2.0: per link the forecast's peak and overload, busiest first
 * (order), every link. */
void ro_rp_overload_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s, const size_t *order)
{
	static const char *const heads[] = {
		"link", "peak", "overload", "bytes",
	};
	xmlNodePtr t = table_head(b, parent, "overload", heads, 4), tr;
	char x[64];

	for (size_t i = 0; i < s->nlinks; i++) {
		const struct rlink *lk = &s->links[order[i]];

		tr = ro_rp_el(b, t, "tr", NULL);
		ro_rp_el(b, tr, "td", lk->id);
		ro_rp_el(b, tr, "td", ro_rp_fmt_pct(lk->peak, x, sizeof x));
		ro_rp_el(b, tr, "td", ro_rp_fmt_mb(lk->overload, x, sizeof x));
		ro_rp_el(b, tr, "td", ro_rp_fmt_mb(lk->total, x, sizeof x));
	}
}

/* SMS 2.0: the actions in time order, the release among them. */
void ro_rp_timeline_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s)
{
	static const char *const heads[] = { "when", "action", "what" };
	xmlNodePtr t, tr;
	char when[64];

	if (!s->nacts) {
		ro_rp_el(b, parent, "p", "No actions: the site is not released "
			 "in this horizon.");
		return;
	}
	t = table_head(b, parent, "timeline", heads, 3);
	for (size_t i = 0; i < s->nacts; i++) {
		const struct ract *a = &s->acts[i];

		tr = ro_rp_el(b, t, "tr", NULL);
		ro_rp_el(b, tr, "td", ro_rp_fmt_when(a->at, when, sizeof when));
		ro_rp_el(b, tr, "td", a->what);
		ro_rp_el(b, tr, "td", a->detail);
	}
}

/* SMS 2.0: the clients upgraded, by what starts their copy. */
void ro_rp_cause_table(struct b *b, xmlNodePtr parent,
		       const struct rsched *s)
{
	static const char *const help[NCAUSES] = {
		"",
		"a CCIM maintenance cycle (every 23 hours) while on",
		"a missed CCIM cycle caught up at power-up (NT)",
		"a missed CCIM cycle caught up at logon (Windows 9x)",
		"the administrator's early trigger",
		"the logon script, enabled for the user's group",
	};
	static const char *const heads[] = {
		"cause", "clients", "what starts the copy",
	};
	xmlNodePtr t = table_head(b, parent, "causes", heads, 3), tr;
	char x[32];

	for (int k = 1; k < NCAUSES; k++) {
		if (!s->by_cause[k])
			continue;
		tr = ro_rp_el(b, t, "tr", NULL);
		ro_rp_el(b, ro_rp_el(b, tr, "td", NULL), "code",
			 ro_cause_name((enum ro_cause)k));
		ro_rp_el(b, tr, "td",
			 ro_rp_fmt_count(s->by_cause[k], x, sizeof x));
		ro_rp_el(b, tr, "td", help[k]);
	}
}

void ro_rp_unplaced_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s)
{
	xmlNodePtr t, tr, ul;
	char x[32];

	if (!s->head.unplaced) {
		ro_rp_el(b, parent, "p", s->head.sms20
			 ? "The forecast upgrades every client."
			 : "Every client is placed.");
		return;
	}
	ul = ro_rp_el(b, parent, "ul", NULL);
	ro_rp_set(b, ul, "class", "reasons");
	for (int r = 1; r < NREASONS; r++)
		if (s->by_reason[r]) {
			xmlNodePtr li = ro_rp_el(b, ul, "li", NULL);

			ro_rp_el(b, li, "code",
				 ro_reason_name((enum ro_reason)r));
			ro_rp_text(b, li, " (");
			ro_rp_text(b, li, ro_rp_fmt_count(s->by_reason[r], x,
							  sizeof x));
			ro_rp_text(b, li, "): ");
			ro_rp_text(b, li, reason_help[r]);
		}
	t = ro_rp_el(b, parent, "table", NULL);
	ro_rp_set(b, t, "class", "unplaced");
	tr = ro_rp_el(b, t, "tr", NULL);
	ro_rp_el(b, tr, "th", "client");
	ro_rp_el(b, tr, "th", "reason");
	for (size_t i = 0; i < s->nup; i++) {
		tr = ro_rp_el(b, t, "tr", NULL);
		ro_rp_el(b, tr, "td", s->up[i].id);
		ro_rp_el(b, tr, "td",
			 ro_reason_name((enum ro_reason)s->up[i].reason));
	}
	if (s->head.unplaced > (int64_t)s->nup)
		ro_rp_elf(b, parent, "p", "... and %s more unplaced clients, "
			  "not listed (the first %zu are).",
			  ro_rp_fmt_count(s->head.unplaced - (int64_t)s->nup,
					  x, sizeof x),
			  s->nup);
}

void ro_rp_comparison_table(struct b *b, xmlNodePtr parent,
			    const struct rsched *v, size_t n)
{
	static const char *const head[] = {
		"schedule", "site", "status", "placed", "unplaced", "makespan",
		"last client finishes", "peak utilisation"
	};
	xmlNodePtr t = ro_rp_el(b, parent, "table", NULL), tr, td, a;
	char x[64], ref[32];

	ro_rp_set(b, t, "class", "compare");
	tr = ro_rp_el(b, t, "tr", NULL);
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		ro_rp_el(b, tr, "th", head[i]);
	for (size_t i = 0; i < n; i++) {
		const struct rsched *s = &v[i];

		tr = ro_rp_el(b, t, "tr", NULL);
		td = ro_rp_el(b, tr, "td", NULL);
		a = ro_rp_el(b, td, "a", ro_rp_sched_label(s));
		snprintf(ref, sizeof ref, "#schedule-%zu", i + 1);
		ro_rp_set(b, a, "href", ref);
		ro_rp_el(b, tr, "td", s->head.site);
		ro_rp_el(b, tr, "td", s->head.status);
		ro_rp_el(b, tr, "td",
			 ro_rp_fmt_count(s->head.placed, x, sizeof x));
		ro_rp_el(b, tr, "td",
			 ro_rp_fmt_count(s->head.unplaced, x, sizeof x));
		ro_rp_el(b, tr, "td", s->head.placed
			 ? ro_rp_fmt_duration(s->head.makespan_slots *
					      s->slot_min, x, sizeof x)
			 : "-");
		ro_rp_el(b, tr, "td", s->head.placed
			 ? ro_rp_fmt_when(s->head.makespan, x, sizeof x) : "-");
		snprintf(x, sizeof x, "%.1f %%",
			 s->head.peak >= 0 ? 100 * s->head.peak : 0.0);
		ro_rp_el(b, tr, "td", x);
	}
}
