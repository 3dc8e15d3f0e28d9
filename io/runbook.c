/*
 * runbook.c - the administrator's runbook (docs/runbook.md): the actions
 * of a verified schedule day by day, each with when, what, for whom
 * (machines and users), how (the concrete step on an SMS 2.0 site), and
 * per day the forecast that follows (who upgrades, by which cause, the
 * busiest link and its peak).  Plain text for the terminal, or a
 * printable HTML page for the help desk.
 *
 * The actions are the schedule file's own, in file order (time order):
 * the verifier has checked that they give the forecast printed beside
 * them (export.h).
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "atomic.h"
#include "textbuf.h"
#include "version.h"

#define NAME_LEN 512

__extension__ typedef __int128 i128;

/* The concrete steps (KB 237543, ../shared/sms20-levers.md 5.4). */
#define HOW_GOTO_END "on every logon point, insert the line GOTO END at the " \
	"top of Smsls.bat, so that no logon starts the upgrade"
#define HOW_SCRIPTS_ALL "on every logon point, remove the line GOTO END " \
	"from the top of Smsls.bat"
#define HOW_EXPIRE "in the SMS Administrator console, give every active " \
	"advertisement an expiry time of now, so that no advertised program " \
	"runs while clients upgrade"
#define HOW_REENABLE "in the SMS Administrator console, remove the expiry " \
	"time given to the advertisements before the upgrade"
#define HOW_NT "net stop \"SMS Client Service\" && net start \"SMS Client " \
	"Service\" on the machine (or remotely from the Services console)"
#define HOW_9X "ask the user to restart the PC now"
#define HOW_RESTART "ask the user to restart the PC at the time given, 15 " \
	"minutes or more after the upgrade has finished"

struct rb {
	struct ro_tb b;
	const struct ro_xview *v;
	const struct ro_site *s;
	bool html;
};

static const char *clock_of(ro_time t, char *buf)
{
	ro_time_format(t, buf);
	return buf + 11;     /* "YYYY-MM-DDT" */
}

static void put(struct rb *o, const char *text)
{
	if (o->html)
		ro_tb_html(&o->b, text);
	else
		ro_tb_puts(&o->b, text);
}

static void action_open(struct rb *o, ro_time at, const char *title)
{
	char t[RO_TIME_BUFSZ];

	if (o->html) {
		ro_tb_printf(&o->b, "<tr><td class=\"when\">%s</td><td>"
			     "<b>", clock_of(at, t));
		ro_tb_html(&o->b, title);
		ro_tb_puts(&o->b, "</b>");
	} else {
		ro_tb_printf(&o->b, "%s  %s\n", clock_of(at, t), title);
	}
}

static void action_close(struct rb *o)
{
	if (o->html)
		ro_tb_puts(&o->b, "</td></tr>\n");
}

/* A labelled line of an action: "how: ...", "message: ...". */
static void field(struct rb *o, const char *label, const char *text)
{
	if (o->html) {
		ro_tb_printf(&o->b, "<div><i>%s:</i> ", label);
		ro_tb_html(&o->b, text);
		ro_tb_puts(&o->b, "</div>");
	} else {
		ro_tb_printf(&o->b, "       %s: %s\n", label, text);
	}
}

static void list_open(struct rb *o, const char *label)
{
	if (o->html)
		ro_tb_printf(&o->b, "<div><i>%s:</i></div><ul>", label);
	else
		ro_tb_printf(&o->b, "       %s:\n", label);
}

static void list_close(struct rb *o)
{
	if (o->html)
		ro_tb_puts(&o->b, "</ul>");
}

/* One machine of a list: "ID (user)", then detail. */
static void member(struct rb *o, size_t i, const char *detail)
{
	const struct ro_site *s = o->s;
	size_t r = ro_plan_record_of(o->v->p, i);
	const struct ro_client *c = &s->clients[r];
	char name[NAME_LEN];

	ro_client_name(s, r, (int32_t)(i - (size_t)o->v->p->first[r]), name,
		       sizeof name);
	ro_tb_puts(&o->b, o->html ? "<li><span class=\"box\"></span>" :
				    "         [ ] ");
	put(o, name);
	if (c->user) {
		put(o, " (");
		put(o, ro_site_str(s, c->user));
		put(o, ")");
	}
	if (detail && *detail) {
		put(o, ": ");
		put(o, detail);
	}
	ro_tb_puts(&o->b, o->html ? "</li>" : "\n");
}

static void client_of(const struct ro_xview *v, size_t i,
		      struct ro_xclient *c)
{
	size_t r = ro_plan_record_of(v->p, i);

	ro_xview_client_at(v, i, r, (int32_t)(i - (size_t)v->p->first[r]), c);
}

static const char *group_name(const struct ro_site *s, int32_t g)
{
	if (g >= 0 && (size_t)g < s->ngroups)
		return ro_site_str(s, s->groups[g].id);
	return NULL;
}

static void write_action(struct rb *o, const struct ro_stated_action *a)
{
	const struct ro_site *s = o->s;
	const struct ro_stated *st = o->v->p->stated;
	char title[NAME_LEN + 128], t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ];
	const char *g = group_name(s, a->group);
	struct ro_xclient c;

	switch (a->kind) {
	case RO_ACT_EXPIRE:
		action_open(o, a->at, "Expire the advertisements");
		field(o, "how", HOW_EXPIRE);
		break;
	case RO_ACT_REENABLE:
		action_open(o, a->at, "Re-enable the advertisements");
		field(o, "how", HOW_REENABLE);
		break;
	case RO_ACT_LOGON_OFF:
		action_open(o, a->at, "Disable the logon scripts (everyone)");
		field(o, "how", HOW_GOTO_END);
		break;
	case RO_ACT_APPLY:
		action_open(o, a->at, "Apply the service pack to the site "
			    "server");
		snprintf(title, sizeof title, "run the service pack's setup on "
			 "the site server; every CAP has the files by %s, and "
			 "each client then upgrades at its next CCIM cycle",
			 ro_time_format(a->ready, t1));
		field(o, "how", title);
		break;
	case RO_ACT_INSTRUCT:
		snprintf(title, sizeof title, "Tell the users of group %s to "
			 "leave their PCs on", g ? g : "?");
		action_open(o, a->at, title);
		snprintf(title, sizeof title, "Please leave your PC switched "
			 "on from %s to %s for the SMS client upgrade; on "
			 "Windows 95 and 98 stay logged on: lock the PC, do not "
			 "log off.", ro_time_format(a->from, t1),
			 ro_time_format(a->to, t2));
		field(o, "message", title);
		snprintf(title, sizeof title, "%.0f %% of the group is "
			 "expected to comply", (double)a->compliance4 / 100);
		field(o, "forecast", title);
		break;
	case RO_ACT_LOGON_ON:
		if (a->scope_all) {
			action_open(o, a->at, "Enable the logon scripts "
				    "(everyone)");
			field(o, "how", HOW_SCRIPTS_ALL);
			break;
		}
		if (a->group >= 0) {
			if (g)
				snprintf(title, sizeof title, "Enable the logon "
					 "script for group %s", g);
			else
				snprintf(title, sizeof title, "Enable the logon "
					 "script for the users in no group");
			action_open(o, a->at, title);
			field(o, "how", "on every logon point, let Smsls.bat "
			      "run past GOTO END for these users (put them in "
			      "the group the script runs for); the upgrade "
			      "starts at their next logon");
			break;
		}
		snprintf(title, sizeof title, "Enable the logon script for "
			 "%zu client%s", a->nclients, a->nclients == 1 ? "" : "s");
		action_open(o, a->at, title);
		field(o, "how", "on every logon point, let Smsls.bat run past "
		      "GOTO END for these users; the upgrade starts at their "
		      "next logon");
		list_open(o, "for");
		for (size_t q = 0; q < a->nclients; q++)
			member(o, (size_t)st->client_of[a->client0 + q], NULL);
		list_close(o);
		break;
	case RO_ACT_TRIGGER:
	case RO_ACT_PUSH:
		snprintf(title, sizeof title, "%s %zu client%s%s", a->kind ==
			 RO_ACT_PUSH ? "Push the upgrade to" : "Trigger",
			 a->nclients, a->nclients == 1 ? "" : "s",
			 a->kind == RO_ACT_PUSH ? "" : " early");
		action_open(o, a->at, title);
		list_open(o, "for, and how");
		for (size_t q = 0; q < a->nclients; q++) {
			size_t i = (size_t)st->client_of[a->client0 + q];
			client_of(o->v, i, &c);
			member(o, i, c.is_9x ? HOW_9X : HOW_NT);
		}
		list_close(o);
		break;
	case RO_ACT_RESTART:
		snprintf(title, sizeof title, "Remind %zu Windows 95/98 "
			 "user%s to restart", a->nclients,
			 a->nclients == 1 ? "" : "s");
		action_open(o, a->at, title);
		field(o, "how", HOW_RESTART);
		list_open(o, "for");
		for (size_t q = 0; q < a->nclients; q++) {
			size_t i = (size_t)st->client_of[a->client0 + q];
			client_of(o->v, i, &c);
			snprintf(title, sizeof title, "restart at %s",
				 c.reboot != RO_NO_SLOT
					 ? ro_time_format(ro_slot_time(s, c.reboot), t1)
					 : "-");
			member(o, i, title);
		}
		list_close(o);
		break;
	}
	action_close(o);
}

/* The day's forecast: who upgrades (start in the day), by cause, and the
 * busiest link (the highest load over usable bytes of a slot). */
static void write_forecast(struct rb *o, ro_time day)
{
	const struct ro_xview *v = o->v;
	const struct ro_site *s = o->s;
	static const char *const causes[] = {
		"tick", "power-up", "logon", "trigger", "cohort",
		"ccim", "push"
	};
	int64_t by[sizeof causes / sizeof *causes] = { 0 }, n = 0;
	int64_t bl = 0, bu = 1;
	int32_t blink = -1, bslot = 0;
	char line[NAME_LEN + 128], t[RO_TIME_BUFSZ];
	struct ro_xclient c;
	size_t i = 0;

	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_xview_client_at(v, i, r, k, &c);
			if (!c.done || ro_time_day_start(ro_slot_time(s, c.start)) != day)
				continue;
			n++;
			for (size_t q = 0; q < sizeof causes / sizeof *causes; q++)
				if (strcmp(c.cause, causes[q]) == 0)
					by[q]++;
		}
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t e = 0; e < v->nslots; e++) {
			size_t at = l * (size_t)v->nslots + (size_t)e;
			int32_t slot = e + v->first;
			int64_t ld = v->load[at], u = v->usable[at];
			if (ld <= 0 || u <= 0 ||
			    ro_time_day_start(ro_slot_time(s, slot)) != day)
				continue;
			/* ld/u > bl/bu, exactly: both below 2^40 * 2^31 */
			if ((i128)ld * bu > (i128)bl * u) {
				bl = ld;
				bu = u;
				blink = (int32_t)l;
				bslot = slot;
			}
		}
	if (o->html)
		ro_tb_puts(&o->b, "<tr class=\"fc\"><td class=\"when\">"
			   "</td><td><b>Forecast</b>");
	else
		ro_tb_puts(&o->b, "\n       Forecast of the day\n");
	if (n == 0) {
		snprintf(line, sizeof line, "no client upgrades");
	} else {
		int len = snprintf(line, sizeof line, "%lld client%s upgrade%s (",
				   (long long)n, n == 1 ? "" : "s",
				   n == 1 ? "s" : "");
		const char *sep = "";
		for (size_t q = 0; q < sizeof causes / sizeof *causes; q++)
			if (by[q] && len > 0 && (size_t)len < sizeof line) {
				len += snprintf(line + len, sizeof line - (size_t)len,
						"%s%s %lld", sep, causes[q],
						(long long)by[q]);
				sep = ", ";
			}
		if (len > 0 && (size_t)len < sizeof line)
			snprintf(line + len, sizeof line - (size_t)len, ")");
	}
	field(o, "upgrades", line);
	if (blink >= 0) {
		snprintf(line, sizeof line, "%s, %.1f %% of its usable "
			 "bytes at %s%s", ro_site_str(s, s->links[blink].id),
			 100.0 * (double)bl / (double)bu,
			 clock_of(ro_slot_time(s, bslot), t),
			 bl > bu ? " (overloaded)" : "");
		field(o, "busiest link", line);
	}
	if (n > 0) {
		list_open(o, "clients");
		i = 0;
		for (size_t r = 0; r < s->nclients; r++)
			for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
				char t2[RO_TIME_BUFSZ];
				ro_xview_client_at(v, i, r, k, &c);
				if (!c.done ||
				    ro_time_day_start(ro_slot_time(s, c.start)) != day)
					continue;
				snprintf(line, sizeof line, "%s to %s, %s%s",
					 clock_of(ro_slot_time(s, c.start), t),
					 ro_time_format(ro_slot_time(s, c.end), t2),
					 c.cause, c.ras ? ", over dial-up" : "");
				member(o, i, line);
			}
		list_close(o);
	}
	if (o->html)
		ro_tb_puts(&o->b, "</td></tr>\n");
}

static int day_cmp(const void *a, const void *b)
{
	ro_time x = *(const ro_time *)a, y = *(const ro_time *)b;

	return x < y ? -1 : x > y;
}

/* The days with an action or an upgrade, sorted, without repeats. */
static ro_time *days_of(const struct ro_xview *v, size_t *nd)
{
	const struct ro_stated *st = v->p->stated;
	size_t n = 0, cap = st->naction + v->p->n + 1;
	ro_time *d = ro_mallocarray(cap, sizeof *d);
	struct ro_xclient c;
	size_t i = 0;

	if (!d)
		return NULL;
	for (size_t j = 0; j < st->naction; j++)
		d[n++] = ro_time_day_start(st->action[j].at);
	for (size_t r = 0; r < v->s->nclients; r++)
		for (int32_t k = 0; k < v->s->clients[r].count; k++, i++) {
			ro_xview_client_at(v, i, r, k, &c);
			if (c.done)
				d[n++] = ro_time_day_start(ro_slot_time(v->s, c.start));
		}
	qsort(d, n, sizeof *d, day_cmp);
	*nd = 0;
	for (size_t j = 0; j < n; j++)
		if (*nd == 0 || d[*nd - 1] != d[j])
			d[(*nd)++] = d[j];
	return d;
}

static const char css[] =
	"body{font-family:sans-serif;margin:2em;color:#111}"
	"h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #888;"
	"margin-top:1.5em}table{border-collapse:collapse;width:100%}"
	"td{vertical-align:top;padding:.3em .5em;border-bottom:1px solid #ddd}"
	"td.when{width:4em;font-weight:bold}ul{margin:.2em 0 .2em 1em;"
	"padding:0;list-style:none}.box{display:inline-block;width:.8em;"
	"height:.8em;border:1px solid #333;margin-right:.4em}"
	"tr.fc td{background:#f4f4f4}"
	"@media print{body{margin:0;font-size:10pt}section{break-before:page}"
	"section:first-of-type{break-before:auto}tr{break-inside:avoid}"
	"tr.fc td{background:none}}";

static void write_head(struct rb *o)
{
	const struct ro_xview *v = o->v;
	const struct ro_site *s = o->s;
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], line[NAME_LEN * 3];
	int64_t done = 0, last = RO_NO_SLOT;
	struct ro_xclient c;
	size_t i = 0;

	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_xview_client_at(v, i, r, k, &c);
			if (c.done) {
				done++;
				if (c.end > last)
					last = c.end;
			}
		}
	snprintf(line, sizeof line, "Runbook: site %s%s%s, schedule %s (%s)",
		 ro_site_str(s, s->name), s->scenario ? ", scenario " : "",
		 s->scenario ? ro_site_str(s, s->scenario) : "", v->name,
		 v->sms20 ? "SMS 2.0" : "per-client");
	if (o->html) {
		ro_tb_puts(&o->b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
			   "<meta charset=\"utf-8\"><title>");
		ro_tb_html(&o->b, line);
		ro_tb_printf(&o->b, "</title><meta name=\"generator\" "
			     "content=\"rollout %s\"><style>%s</style></head>\n"
			     "<body><h1>", RO_VERSION, css);
		ro_tb_html(&o->b, line);
		ro_tb_puts(&o->b, "</h1>\n<p>");
	} else {
		ro_tb_printf(&o->b, "%s\n", line);
	}
	snprintf(line, sizeof line, "Horizon %s to %s. %lld of %lld clients "
		 "upgrade", ro_time_format(s->horizon.start, t1),
		 ro_time_format(s->horizon.end, t2), (long long)done,
		 (long long)v->p->n);
	put(o, line);
	if (done > 0) {
		snprintf(line, sizeof line, ", the last by %s",
			 ro_time_format(ro_slot_time(s, (int32_t)last), t1));
		put(o, line);
	}
	put(o, ". Tick each box when done.");
	ro_tb_puts(&o->b, o->html ? "</p>\n" : "\n");
}

/* The clients with no upgrade, by reason, after the days. */
static void write_unplaced(struct rb *o)
{
	const struct ro_xview *v = o->v;
	const struct ro_site *s = o->s;
	struct ro_xclient c;
	size_t i = 0, n = 0;

	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_xview_client_at(v, i, r, k, &c);
			if (c.done)
				continue;
			if (n++ == 0) {
				if (o->html)
					ro_tb_puts(&o->b, "<section><h2>Not "
						   "upgraded in the forecast"
						   "</h2><ul>");
				else
					ro_tb_puts(&o->b, "\nNot upgraded in "
						   "the forecast\n");
			}
			member(o, i, c.reason);
		}
	if (n > 0 && o->html)
		ro_tb_puts(&o->b, "</ul></section>\n");
}

int ro_runbook_write(const struct ro_xview *v, bool html, const char *path,
		     struct ro_diag *d)
{
	struct rb o = { { NULL, 0, 0, false }, v, NULL, html };
	const struct ro_stated *st;
	ro_time *days;
	size_t nd = 0;
	int rc;

	if (!v || !v->s || !v->p || !v->p->stated || !path) {
		ro_diag_add(d, NULL, 0, "cannot write the runbook: no "
			    "verified schedule");
		return RO_EARG;
	}
	o.s = v->s;
	st = v->p->stated;
	if (!(days = days_of(v, &nd)))
		goto out_nomem;
	write_head(&o);
	for (size_t j = 0; j < nd; j++) {
		char date[RO_TIME_BUFSZ];
		const char *dow = ro_dow_name(ro_time_dow(days[j]));
		ro_date_format(days[j], date);
		if (html)
			ro_tb_printf(&o.b, "<section><h2>%s %s</h2><table>\n",
				     dow, date);
		else
			ro_tb_printf(&o.b, "\n== %s %s ==\n", dow, date);
		for (size_t k = 0; k < st->naction; k++)
			if (ro_time_day_start(st->action[k].at) == days[j])
				write_action(&o, &st->action[k]);
		write_forecast(&o, days[j]);
		if (html)
			ro_tb_puts(&o.b, "</table></section>\n");
	}
	write_unplaced(&o);
	if (html)
		ro_tb_puts(&o.b, "</body></html>\n");
	ro_free(days);
	if (o.b.oom)
		goto out_nomem;
	rc = ro_write_file_atomic(path, o.b.p, o.b.n, d);
	ro_tb_release(&o.b);
	return rc;
out_nomem:
	ro_tb_release(&o.b);
	ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory while "
		    "building the runbook", path);
	return RO_ENOMEM;
}
