/*
 * export_ics.c - the actions and each day's upgrades as iCalendar events
 * (RFC 5545) for a change calendar (docs/export.md), written with
 * libical.
 *
 * Times are floating (no time zone): the site's times are the wall clock
 * of the site, as in the schedule.  UIDs are built from the site's name
 * and the event's position, and DTSTAMP is the horizon start, not the
 * time of the export, so that the same schedule gives the same file and
 * a re-import updates events instead of duplicating them.
 */
#include "export_priv.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/error.h"
#include "../model/forecast.h"
#include "textbuf.h"
#include "version.h"

#define NAME_LEN 512

struct ic {
	const struct ro_xview *v;
	icalcomponent *cal;
	bool oom;
};

static struct icaltimetype ical_time(ro_time t)
{
	struct icaltimetype it = icaltime_null_time();
	char buf[RO_TIME_BUFSZ];
	int y, mo, d, h, mi;

	ro_time_format(t, buf);
	if (sscanf(buf, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) == 5) {
		it.year = y;
		it.month = mo;
		it.day = d;
		it.hour = h;
		it.minute = mi;
	}
	it.is_date = 0;
	return it;
}

static void prop(struct ic *c, icalcomponent *ev, icalproperty *p)
{
	if (!p) {
		c->oom = true;
		return;
	}
	icalcomponent_add_property(ev, p);
}

/* One VEVENT from from to to, with its summary, description (may be
 * empty) and category. */
static void event(struct ic *c, const char *uid, ro_time from, ro_time to,
		  const char *summary, const char *desc, const char *cat)
{
	const struct ro_site *s = c->v->s;
	icalcomponent *ev = icalcomponent_new_vevent();
	struct icaltimetype stamp = ical_time(s->horizon.start);

	if (!ev) {
		c->oom = true;
		return;
	}
	prop(c, ev, icalproperty_new_uid(uid));
	/* RFC 5545 wants DTSTAMP in UTC */
	stamp.zone = icaltimezone_get_utc_timezone();
	prop(c, ev, icalproperty_new_dtstamp(stamp));
	prop(c, ev, icalproperty_new_dtstart(ical_time(from)));
	prop(c, ev, icalproperty_new_dtend(ical_time(to)));
	prop(c, ev, icalproperty_new_summary(summary));
	if (desc && *desc)
		prop(c, ev, icalproperty_new_description(desc));
	prop(c, ev, icalproperty_new_categories(cat));
	icalcomponent_add_component(c->cal, ev);
}

/* "ID (user)" of each client, one a line. */
static void names(struct ro_tb *b, const struct ro_xview *v, size_t i)
{
	const struct ro_site *s = v->s;
	size_t r = ro_plan_record_of(v->p, i);
	char name[NAME_LEN];

	if (b->n > 0)
		ro_tb_puts(b, "\n");
	ro_tb_puts(b, ro_plan_client_name(v->p, s, i, name, sizeof name));
	if (s->clients[r].user)
		ro_tb_printf(b, " (%s)", ro_site_str(s, s->clients[r].user));
}

static void action_events(struct ic *c)
{
	const struct ro_xview *v = c->v;
	const struct ro_site *s = v->s;
	const struct ro_stated *st = v->p->stated;
	char uid[NAME_LEN + 64], summary[NAME_LEN + 64];

	for (size_t q = 0; q < st->naction && !c->oom; q++) {
		const struct ro_stated_action *a = &st->action[q];
		const char *scope = ro_xaction_scope(v, a);
		struct ro_tb b = { NULL, 0, 0, false };
		int len;

		snprintf(uid, sizeof uid, "rollout-%s-action-%zu",
			 ro_site_str(s, s->name), q + 1);
		len = snprintf(summary, sizeof summary, "SMS upgrade: %s",
			       ro_xaction_name(a));
		if (a->group >= 0 && (size_t)a->group < s->ngroups)
			snprintf(summary + len, sizeof summary - (size_t)len,
				 " (group %s)",
				 ro_site_str(s, s->groups[a->group].id));
		else if (scope)
			snprintf(summary + len, sizeof summary - (size_t)len,
				 " (%s)", scope);
		else if (a->nclients > 0)
			snprintf(summary + len, sizeof summary - (size_t)len,
				 " (%zu client%s)", a->nclients,
				 a->nclients == 1 ? "" : "s");
		for (size_t m = 0; m < a->nclients; m++)
			names(&b, v, (size_t)st->client_of[a->client0 + m]);
		if (b.oom)
			c->oom = true;
		event(c, uid, a->at, a->at + s->horizon.slot_min, summary,
		      b.p, "ACTION");
		ro_tb_release(&b);
	}
}

/* Per day, the clients whose upgrade starts that day: from the first
 * start to the last end among them. */
static void day_events(struct ic *c)
{
	const struct ro_xview *v = c->v;
	const struct ro_site *s = v->s;
	char uid[NAME_LEN + 64], summary[128], date[RO_TIME_BUFSZ];
	struct ro_xclient x;
	ro_time day = 0;
	bool any = true;

	/* days in order: each pass takes the earliest day after the last */
	for (bool first = true; any && !c->oom; first = false) {
		ro_time next = 0, from = 0, to = 0;
		struct ro_tb b = { NULL, 0, 0, false };
		size_t i = 0, n = 0;
		any = false;
		for (size_t r = 0; r < s->nclients; r++)
			for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
				ro_time dd;
				ro_xview_client_at(v, i, r, k, &x);
				if (!x.done)
					continue;
				dd = ro_time_day_start(ro_slot_time(s, x.start));
				if ((first || dd > day) && (!any || dd < next)) {
					next = dd;
					any = true;
				}
			}
		if (!any)
			break;
		day = next;
		i = 0;
		for (size_t r = 0; r < s->nclients; r++)
			for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
				ro_time st, en;
				ro_xview_client_at(v, i, r, k, &x);
				if (!x.done)
					continue;
				st = ro_slot_time(s, x.start);
				if (ro_time_day_start(st) != day)
					continue;
				en = ro_slot_time(s, x.end);
				if (n == 0 || st < from)
					from = st;
				if (n == 0 || en > to)
					to = en;
				n++;
				names(&b, v, i);
			}
		ro_date_format(day, date);
		snprintf(uid, sizeof uid, "rollout-%s-day-%s",
			 ro_site_str(s, s->name), date);
		snprintf(summary, sizeof summary, "SMS upgrade: %zu client%s "
			 "upgrade%s", n, n == 1 ? "" : "s", n == 1 ? "s" : "");
		if (b.oom)
			c->oom = true;
		event(c, uid, from, to, summary, b.p, "FORECAST");
		ro_tb_release(&b);
	}
}

int ro_export_ics(const struct ro_xview *v, const char *path,
		  struct ro_diag *d)
{
	struct ic c = { v, icalcomponent_new_vcalendar(), false };
	struct ro_tb b = { NULL, 0, 0, false };
	char *text;

	if (!c.cal)
		goto out_nomem;
	prop(&c, c.cal, icalproperty_new_version("2.0"));
	prop(&c, c.cal, icalproperty_new_prodid("-//rollout//rollout "
						RO_VERSION "//EN"));
	action_events(&c);
	day_events(&c);
	text = c.oom ? NULL : icalcomponent_as_ical_string_r(c.cal);
	icalcomponent_free(c.cal);
	c.cal = NULL;
	if (!text)
		goto out_nomem;
	ro_tb_puts(&b, text);
	free(text);
	return ro_export_finish(&b, "iCalendar export", path, d);
out_nomem:
	if (c.cal)
		icalcomponent_free(c.cal);
	ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory while "
		    "building the iCalendar export", path);
	return RO_ENOMEM;
}
