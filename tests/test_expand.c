/*
 * test_expand.c - calendars, triggers, background and reboot windows on the
 * slots of a horizon (docs/semantics.md, "Calendars and presence" and
 * "Trigger occurrences").
 *
 * Sites are built by hand here (not through the XML reader), so each case
 * states exactly what it tests.  2026-11-30 is a Monday; with H0 at Monday
 * 00:00 and 60-minute slots, slot t is day t / 24, hour t % 24.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/site.h"
#include "fixture.h"

#define MON 0
#define DAY RO_DAY_MIN
#define H(h) ((h) * 60)

static ro_time at(const char *s)
{
	ro_time t = 0;
	ck_assert_msg(ro_time_parse(s, &t), "%s", s);
	return t;
}

static struct ro_site *site_make(const char *start, int32_t slot_min,
				 int32_t nslots)
{
	struct ro_site *s = ro_site_new();

	ck_assert_ptr_nonnull(s);
	s->horizon.start = at(start);
	s->horizon.slot_min = slot_min;
	s->horizon.nslots = nslots;
	s->horizon.end = s->horizon.start + (ro_time)slot_min * nslots;
	return s;
}

/* One span per day of mask: [d*1440 + from, d*1440 + to), overnight when
 * to <= from, as the reader builds <on days=".." from=".." to=".."/>. */
static size_t day_spans(unsigned mask, int from, int to, struct ro_wspan *w)
{
	size_t n = 0;

	for (int d = 0; d < 7; d++)
		if (mask & (1u << d))
			w[n++] = (struct ro_wspan){ d * DAY + from,
						    d * DAY + to + (to <= from ? DAY : 0) };
	return n;
}

static int32_t add_cal(struct ro_site *s, const struct ro_wspan *w, size_t n)
{
	struct ro_calendar *c;

	ck_assert(ro_grow((void **)&s->calendars, s->ncalendars,
			  sizeof *s->calendars));
	c = &s->calendars[s->ncalendars];
	memset(c, 0, sizeof *c);
	if (n) {
		c->weekly = ro_malloc(n * sizeof *c->weekly);
		ck_assert_ptr_nonnull(c->weekly);
		memcpy(c->weekly, w, n * sizeof *w);
	}
	c->nweekly = n;
	return (int32_t)s->ncalendars++;
}

static int32_t add_days_cal(struct ro_site *s, unsigned mask, int from, int to)
{
	struct ro_wspan w[7];
	return add_cal(s, w, day_spans(mask, from, to, w));
}

static void add_exc(struct ro_site *s, int32_t cal, const char *from,
		    const char *to, bool on)
{
	struct ro_calendar *c = &s->calendars[cal];

	ck_assert(ro_grow((void **)&c->exc, c->nexc, sizeof *c->exc));
	c->exc[c->nexc++] = (struct ro_exception){ at(from), at(to), on, 0 };
}

static int32_t add_link(struct ro_site *s, int32_t parent, int64_t bps,
			int32_t profile, uint32_t share)
{
	ck_assert(ro_grow((void **)&s->links, s->nlinks, sizeof *s->links));
	s->links[s->nlinks] = (struct ro_link){
		.parent = parent, .kind = RO_LINK_LAN, .capacity_bps = bps,
		.profile = profile, .share_ppm = share };
	return (int32_t)s->nlinks++;
}

static int32_t add_server(struct ro_site *s, int32_t link, ro_time ready)
{
	ck_assert(ro_grow((void **)&s->servers, s->nservers, sizeof *s->servers));
	s->servers[s->nservers] = (struct ro_server){
		.kind = RO_SERVER_CAP, .link = link, .ready = ready };
	return (int32_t)s->nservers++;
}

/* A lan client on link 0 / server 0 with calendar cal and triggers trig. */
static size_t add_client(struct ro_site *s, int32_t cal, uint8_t trig)
{
	fx_add_client(s, NULL, 1, 0, cal, trig, 1);
	return s->nclients - 1;
}

/* A site with one link, one CAP ready at H0 and nothing else. */
static struct ro_site *site_basic(const char *start, int32_t slot_min,
				  int32_t nslots)
{
	struct ro_site *s = site_make(start, slot_min, nslots);
	add_link(s, -1, 10000000, -1, RO_PPM);
	add_server(s, 0, s->horizon.start);
	return s;
}

static int count_on(const uint64_t *bits, int32_t T)
{
	int n = 0;
	for (int32_t t = 0; t < T; t++)
		n += ro_bit(bits, t);
	return n;
}

/* Opportunities of record r as "slot:bits" pairs, for compact asserts. */
static void opps_str(struct ro_expand *x, size_t r, bool lan_only, char *buf,
		     size_t len)
{
	struct ro_opp *v;
	size_t n, k = 0;

	ck_assert_int_eq(ro_expand_opportunities(x, r, lan_only, &v, &n), RO_OK);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%d:%u", i ? " " : "",
				      (int)v[i].slot, (unsigned)v[i].triggers);
	ro_free(v);
}

/* ---- calendars ---- */

START_TEST(window_across_midnight)
{
	/* Mon-Fri 22:00-06:00: spans [d*1440+1320, d*1440+1800), d = 0..4 */
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 168);
	int32_t c = add_days_cal(s, 0x1f, H(22), H(6));
	struct ro_expand *x = ro_expand_new(s);
	const uint64_t *b = ro_expand_calendar(x, c);

	ck_assert_ptr_nonnull(b);
	/* slot -1 is Sun 23:00: no Sunday window, Friday's ended Sat 06:00 */
	ck_assert(!ro_bit(b, -1));
	ck_assert(!ro_bit(b, 0));      /* Mon 00:00: no window from Sunday */
	ck_assert(!ro_bit(b, 5));
	ck_assert(!ro_bit(b, 21));     /* Mon 21:00 */
	ck_assert(ro_bit(b, 22));      /* Mon 22:00 */
	ck_assert(ro_bit(b, 29));      /* Tue 05:00 */
	ck_assert(!ro_bit(b, 30));     /* Tue 06:00 */
	ck_assert(ro_bit(b, 118));     /* Fri 22:00 = 4*24+22 */
	ck_assert(ro_bit(b, 125));     /* Sat 05:00 */
	ck_assert(!ro_bit(b, 126));
	ck_assert(!ro_bit(b, 142));    /* Sat 22:00: no Saturday window */
	ck_assert_int_eq(count_on(b, 168), 5 * 8);
	/* the same pointer on the second call: cached */
	ck_assert_ptr_eq(ro_expand_calendar(x, c), b);
	ck_assert(ro_calendar_on_at(&s->calendars[c], at("2026-12-01T05:59")));
	ck_assert(!ro_calendar_on_at(&s->calendars[c], at("2026-12-01T06:00")));
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(partial_slots_are_off)
{
	/* 90-minute slots: a day is 16 slots.  The Mon 22:00 window starts
	 * inside slot 14 = [21:00, 22:30): not on.  Slots 15..19 =
	 * [22:30, 06:00) are on; slot 20 starts at 06:00. */
	struct ro_site *s = site_basic("2026-11-30T00:00", 90, 7 * 16);
	int32_t c = add_days_cal(s, 0x1f, H(22), H(6));
	struct ro_expand *x = ro_expand_new(s);
	const uint64_t *b = ro_expand_calendar(x, c);

	for (int d = 0; d < 5; d++) {
		ck_assert(!ro_bit(b, 16 * d + 14));
		for (int t = 15; t <= 19; t++)
			ck_assert(ro_bit(b, 16 * d + t));
		ck_assert(!ro_bit(b, 16 * d + 20));
	}
	ck_assert_int_eq(count_on(b, 7 * 16), 5 * 5);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(window_across_weekend)
{
	/* Fri 18:00 to Mon 08:00: one span [4*1440+1080, 7*1440+480) =
	 * [6840, 10560), wrapping past Sunday 24:00 */
	struct ro_wspan w = { 6840, 10560 };
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 168);
	int32_t c = add_cal(s, &w, 1);
	struct ro_expand *x = ro_expand_new(s);
	const uint64_t *b = ro_expand_calendar(x, c);

	ck_assert(ro_bit(b, -1));      /* Sun 23:00, last week's window */
	ck_assert(ro_bit(b, 0));
	ck_assert(ro_bit(b, 7));       /* Mon 07:00 */
	ck_assert(!ro_bit(b, 8));      /* Mon 08:00 */
	ck_assert(!ro_bit(b, 113));    /* Fri 17:00 */
	ck_assert(ro_bit(b, 114));     /* Fri 18:00 = 4*24+18 */
	ck_assert(ro_bit(b, 167));     /* Sun 23:00 */
	ck_assert_int_eq(count_on(b, 168), 8 + (168 - 114));

	ck_assert(ro_wspans_contain(&w, 1, 100));     /* Mon 01:40 */
	ck_assert(ro_wspans_contain(&w, 1, 479));
	ck_assert(!ro_wspans_contain(&w, 1, 480));
	ck_assert(!ro_wspans_contain(&w, 1, 6839));
	ck_assert(ro_wspans_contain(&w, 1, 6840));
	ck_assert(ro_wspans_contain(&w, 1, 10079));
	ck_assert(!ro_wspans_contain(&w, 1, -1));
	ck_assert(!ro_wspans_contain(&w, 1, 10080));
	ck_assert(!ro_wspans_contain(&w, 0, 100));
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(exceptions_in_order)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 168);
	/* always on, but Wednesday 2026-12-02 off, except 10:00-12:00 */
	int32_t all = add_days_cal(s, 0x7f, 0, DAY);
	/* workday 08:00-17:00 Mon-Fri */
	int32_t wd = add_days_cal(s, 0x1f, H(8), H(17));
	struct ro_expand *x;
	const uint64_t *b;

	add_exc(s, all, "2026-12-02T00:00", "2026-12-03T00:00", false);
	add_exc(s, all, "2026-12-02T10:00", "2026-12-02T12:00", true);
	/* Saturday on 10:00-14:00, then off 12:00-13:00 (later wins);
	 * Tuesday 08:30-09:00 off (slot 32 = Tue 08:00 only partly on);
	 * from before H0 to Mon 02:00 on (slot -1 and slots 0, 1) */
	add_exc(s, wd, "2026-12-05T10:00", "2026-12-05T14:00", true);
	add_exc(s, wd, "2026-12-05T12:00", "2026-12-05T13:00", false);
	add_exc(s, wd, "2026-12-01T08:30", "2026-12-01T09:00", false);
	add_exc(s, wd, "2026-11-29T00:00", "2026-11-30T02:00", true);
	x = ro_expand_new(s);

	b = ro_expand_calendar(x, all);
	ck_assert(ro_bit(b, 47));          /* Tue 23:00 */
	for (int t = 48; t <= 57; t++)     /* Wed 00:00 .. 09:00 */
		ck_assert(!ro_bit(b, t));
	ck_assert(ro_bit(b, 58));          /* Wed 10:00 */
	ck_assert(ro_bit(b, 59));
	for (int t = 60; t <= 71; t++)
		ck_assert(!ro_bit(b, t));
	ck_assert(ro_bit(b, 72));          /* Thu 00:00 */
	ck_assert_int_eq(count_on(b, 168), 168 - 22);
	ck_assert(!ro_calendar_on_at(&s->calendars[all], at("2026-12-02T09:59")));
	ck_assert(ro_calendar_on_at(&s->calendars[all], at("2026-12-02T10:00")));
	ck_assert(ro_calendar_on_at(&s->calendars[all], at("2026-12-02T11:59")));
	ck_assert(!ro_calendar_on_at(&s->calendars[all], at("2026-12-02T12:00")));

	b = ro_expand_calendar(x, wd);
	ck_assert(ro_bit(b, -1));          /* Sun 23:00 by the exception */
	ck_assert(ro_bit(b, 0));
	ck_assert(ro_bit(b, 1));
	ck_assert(!ro_bit(b, 2));
	ck_assert(ro_bit(b, 8));           /* Mon 08:00 */
	ck_assert(!ro_bit(b, 32));         /* Tue 08:00-09:00, 08:30 off */
	ck_assert(ro_bit(b, 33));
	ck_assert(!ro_bit(b, 129));        /* Sat 09:00 = 5*24+9 */
	ck_assert(ro_bit(b, 130));
	ck_assert(ro_bit(b, 131));
	ck_assert(!ro_bit(b, 132));        /* Sat 12:00, the later off */
	ck_assert(ro_bit(b, 133));
	ck_assert(!ro_bit(b, 134));
	/* 5 weekdays * 9 - 1 (slot 32) + 2 (slots 0, 1) + 3 on Saturday */
	ck_assert_int_eq(count_on(b, 168), 45 - 1 + 2 + 3);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(client_on_ras_intersects_office)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 48);
	int32_t all = add_days_cal(s, 0x7f, 0, DAY);
	int32_t wd = add_days_cal(s, 0x1f, H(8), H(17));
	size_t ras = add_client(s, all, RO_TRIG_PUSH);
	size_t lan = add_client(s, all, RO_TRIG_PUSH);
	uint64_t out[1];
	struct ro_expand *x;
	char buf[1024];

	s->clients[ras].conn = RO_CONN_RAS;
	s->clients[ras].office = wd;
	s->clients[lan].office = wd;   /* ignored: a lan client */
	x = ro_expand_new(s);
	ck_assert_uint_eq(ro_bits_words(48), 1);

	ck_assert_int_eq(ro_expand_client_on(x, ras, false, out), RO_OK);
	ck_assert(ro_bit(out, -1));
	ck_assert_int_eq(count_on(out, 48), 48);
	ck_assert_int_eq(ro_expand_client_on(x, ras, true, out), RO_OK);
	/* Mon 08..16 and Tue 32..40: 9 + 9 slots */
	ck_assert(!ro_bit(out, -1));
	ck_assert(!ro_bit(out, 7));
	ck_assert(ro_bit(out, 8));
	ck_assert(ro_bit(out, 16));
	ck_assert(!ro_bit(out, 17));
	ck_assert(ro_bit(out, 32));
	ck_assert_int_eq(count_on(out, 48), 18);
	ck_assert_int_eq(ro_expand_client_on(x, lan, true, out), RO_OK);
	ck_assert_int_eq(count_on(out, 48), 48);

	/* push: every on slot */
	opps_str(x, ras, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "8:4 9:4 10:4 11:4 12:4 13:4 14:4 15:4 16:4 "
			      "32:4 33:4 34:4 35:4 36:4 37:4 38:4 39:4 40:4");
	size_t n;
	ck_assert_int_eq(ro_expand_count_opportunities(x, ras, false, &n), RO_OK);
	ck_assert_uint_eq(n, 48);
	ck_assert_int_eq(ro_expand_count_opportunities(x, ras, true, &n), RO_OK);
	ck_assert_uint_eq(n, 18);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* ---- triggers ---- */

START_TEST(ccim_phase_before_horizon)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 168);
	int32_t all = add_days_cal(s, 0x7f, 0, DAY);
	int32_t wd = add_days_cal(s, 0x1f, H(8), H(17));
	size_t a = add_client(s, all, RO_TRIG_CCIM);
	size_t w = add_client(s, wd, RO_TRIG_CCIM);
	size_t d = add_client(s, all, RO_TRIG_CCIM);
	struct ro_expand *x;
	char buf[1024];

	/* phase = H0 - 3 days + 25 min = H0 - 4295.  -4295 + 4 * 1380 = 1225:
	 * instants H0 + 1225 + 1380k for k = 0..6 (1225 + 6*1380 = 9505 <
	 * 10080 = 168 slots * 60), in slots floor(i / 60) =
	 * 20, 43, 66, 89, 112, 135, 158 */
	s->clients[a].has_phase = true;
	s->clients[a].phase = at("2026-11-27T00:25");
	s->clients[w].has_phase = true;
	s->clients[w].phase = at("2026-11-27T00:25");
	/* no phase: the horizon start, instants 0, 1380, .. 9660 -> slots
	 * 0, 23, 46, 69, 92, 115, 138, 161 */
	s->clients[d].has_phase = false;
	s->clients[d].phase = 0;
	x = ro_expand_new(s);

	opps_str(x, a, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "20:1 43:1 66:1 89:1 112:1 135:1 158:1");
	/* on a workday calendar only slot 112 = Fri 16:00 is on (89 = Thu
	 * 17:00 is just after the window, 20 = Mon 20:00 ...) */
	opps_str(x, w, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "112:1");
	opps_str(x, d, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:1 23:1 46:1 69:1 92:1 115:1 138:1 161:1");
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(logon_at_horizon_start)
{
	/* H0 Mon 08:00, 60-minute slots, 2 days: slot t starts at 08:00 + t h */
	struct ro_site *s = site_basic("2026-11-30T08:00", 60, 48);
	int32_t open = add_days_cal(s, 0x1f, H(7), H(17));   /* open at H0 */
	int32_t opens = add_days_cal(s, 0x1f, H(8), H(17));  /* opens at H0 */
	size_t a = add_client(s, open, RO_TRIG_LOGON);
	size_t b = add_client(s, opens, RO_TRIG_LOGON);
	struct ro_expand *x;
	char buf[1024];

	x = ro_expand_new(s);
	/* enabled: the first logon.  Slot -1 (07:00-08:00) is on for a: no
	 * logon in slot 0; the next window opens Tue 07:00 = slot 23 */
	opps_str(x, a, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "23:2");
	opps_str(x, b, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:2");
	ro_expand_free(x);

	/* phased: one per day; a also opens Wed 07:00 = slot 47 */
	s->policy.logon = RO_LOGON_PHASED;
	x = ro_expand_new(s);
	opps_str(x, a, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "23:2 47:2");
	opps_str(x, b, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:2 24:2");
	ro_expand_free(x);

	s->policy.logon = RO_LOGON_DISABLED;
	x = ro_expand_new(s);
	opps_str(x, a, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	opps_str(x, b, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "");
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(logon_policies_and_ready)
{
	/* two windows a day, 08:00-10:00 and 12:00-17:00: logons in slots 0
	 * and 4 (Mon 08:00, 12:00), 24 and 28 (Tue) with H0 Mon 08:00 */
	struct ro_site *s = site_basic("2026-11-30T08:00", 60, 48);
	struct ro_wspan w[10];
	size_t nw = day_spans(0x1f, H(8), H(10), w);
	nw += day_spans(0x1f, H(12), H(17), w + nw);
	int32_t c = add_cal(s, w, nw);
	size_t r = add_client(s, c, RO_TRIG_LOGON);
	size_t p = add_client(s, c, RO_TRIG_LOGON | RO_TRIG_PUSH);
	struct ro_expand *x;
	char buf[1024];

	x = ro_expand_new(s);
	opps_str(x, r, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:2");
	/* logon and push together: bits 2|4 = 6 in slot 0, push alone after:
	 * slots 0,1 then 4..8 on Monday, 24,25 and 28..32 on Tuesday */
	opps_str(x, p, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:6 1:4 4:4 5:4 6:4 7:4 8:4 "
			      "24:4 25:4 28:4 29:4 30:4 31:4 32:4");
	ro_expand_free(x);

	s->policy.logon = RO_LOGON_PHASED;
	x = ro_expand_new(s);
	opps_str(x, r, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:2 24:2");
	ro_expand_free(x);

	/* CAP ready Mon 08:30: the first slot starting at or after it is
	 * ceil(30 / 60) = 1; Monday's first logon at or after it is slot 4 */
	s->servers[0].ready = at("2026-11-30T08:30");
	x = ro_expand_new(s);
	ck_assert_int_eq(ro_expand_ready_slot(x, 0), 1);
	opps_str(x, r, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "4:2 24:2");
	ro_expand_free(x);

	s->policy.logon = RO_LOGON_ENABLED;
	x = ro_expand_new(s);
	opps_str(x, r, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "4:2");
	ro_expand_free(x);

	/* ready Tue 12:00 = slot 28: Tuesday's 08:00 logon is too early */
	s->servers[0].ready = at("2026-12-01T12:00");
	s->policy.logon = RO_LOGON_PHASED;
	x = ro_expand_new(s);
	opps_str(x, r, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "28:2");
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(cap_ready_filters)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 48);
	int32_t all = add_days_cal(s, 0x7f, 0, DAY);
	size_t p = add_client(s, all, RO_TRIG_PUSH);
	size_t c = add_client(s, all, RO_TRIG_CCIM);
	struct ro_expand *x;
	char buf[2048];
	size_t n;

	/* ready H0 + 150 min: first slot ceil(150 / 60) = 3 */
	s->servers[0].ready = s->horizon.start + 150;
	x = ro_expand_new(s);
	ck_assert_int_eq(ro_expand_ready_slot(x, 0), 3);
	ck_assert_int_eq(ro_expand_count_opportunities(x, p, true, &n), RO_OK);
	ck_assert_uint_eq(n, 45);
	/* ccim from H0: slots 0, 23, 46; slot 0 starts before ready */
	opps_str(x, c, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "23:1 46:1");
	ro_expand_free(x);

	/* ready exactly at a slot start: that slot counts */
	s->servers[0].ready = s->horizon.start + 120;
	x = ro_expand_new(s);
	ck_assert_int_eq(ro_expand_ready_slot(x, 0), 2);
	ck_assert_int_eq(ro_expand_count_opportunities(x, p, true, &n), RO_OK);
	ck_assert_uint_eq(n, 46);
	ro_expand_free(x);

	/* ready before H0: everything; after the last slot starts: nothing */
	s->servers[0].ready = s->horizon.start - 600;
	x = ro_expand_new(s);
	ck_assert_int_eq(ro_expand_ready_slot(x, 0), 0);
	ck_assert_int_eq(ro_expand_count_opportunities(x, p, true, &n), RO_OK);
	ck_assert_uint_eq(n, 48);
	ro_expand_free(x);
	s->servers[0].ready = s->horizon.start + 47 * 60 + 1;
	x = ro_expand_new(s);
	ck_assert_int_eq(ro_expand_ready_slot(x, 0), 48);
	ck_assert_int_eq(ro_expand_count_opportunities(x, p, true, &n), RO_OK);
	ck_assert_uint_eq(n, 0);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(ccim_merges_with_push)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 48);
	int32_t all = add_days_cal(s, 0x7f, 0, DAY);
	size_t r = add_client(s, all, RO_TRIG_PUSH | RO_TRIG_CCIM);
	struct ro_expand *x = ro_expand_new(s);
	struct ro_opp *v;
	size_t n;
	char buf[256];

	/* ccim at 0, 1380, 2760 min = slots 0, 23, 46: bits 1|4 = 5 there */
	ck_assert_int_eq(ro_expand_opportunities(x, r, true, &v, &n), RO_OK);
	ck_assert_uint_eq(n, 48);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].slot, (int)i);
		ck_assert_uint_eq(v[i].triggers,
				  i == 0 || i == 23 || i == 46 ? 5 : 4);
	}
	ro_free(v);
	ro_expand_free(x);
	ro_site_free(s);

	/* day-long slots: instants 0 and 1380 both fall in slot 0, then
	 * 2760 (1), 4140 (2), 5520 (3), 6900 (4), 8280 (5), 9660 (6) */
	s = site_basic("2026-11-30T00:00", DAY, 7);
	all = add_days_cal(s, 0x7f, 0, DAY);
	r = add_client(s, all, RO_TRIG_CCIM);
	x = ro_expand_new(s);
	opps_str(x, r, true, buf, sizeof buf);
	ck_assert_str_eq(buf, "0:1 1:1 2:1 3:1 4:1 5:1 6:1");
	ck_assert_int_eq(ro_expand_count_opportunities(x, r, true, &n), RO_OK);
	ck_assert_uint_eq(n, 7);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* ---- background, usable capacity, reboot windows ---- */

START_TEST(background_max_over_slot)
{
	/* H0 Mon 00:30: slot t = [00:30 + t h, 01:30 + t h) */
	struct ro_site *s = site_make("2026-11-30T00:30", 60, 168);
	struct ro_profile *p;
	struct ro_wspan w[7];
	size_t n;
	int32_t l, bare;
	struct ro_expand *x;

	ck_assert(ro_grow((void **)&s->profiles, 0, sizeof *s->profiles));
	p = &s->profiles[0];
	memset(p, 0, sizeof *p);
	s->nprofiles = 1;
	p->default_ppm = 100000;   /* 10 % */
	p->levels = ro_malloc(12 * sizeof *p->levels);
	ck_assert_ptr_nonnull(p->levels);
	n = day_spans(0x1f, H(8), H(18), w);         /* Mon-Fri 70 % */
	for (size_t i = 0; i < n; i++)
		p->levels[p->nlevels++] = (struct ro_level){ w[i], 700000 };
	/* a later, lower level wins where it applies: Mon 12:00-14:00 20 % */
	p->levels[p->nlevels++] =
		(struct ro_level){ { MON * DAY + H(12), MON * DAY + H(14) }, 200000 };
	n = day_spans(0x60, 0, DAY, w);              /* Sat, Sun 5 % */
	for (size_t i = 0; i < n; i++)
		p->levels[p->nlevels++] = (struct ro_level){ w[i], 50000 };
	l = add_link(s, -1, 256000, 0, 800000);
	bare = add_link(s, -1, 256000, -1, 800000);
	x = ro_expand_new(s);

	ck_assert_uint_eq(ro_expand_background(x, l, 6), 100000);   /* 06:30 */
	ck_assert_uint_eq(ro_expand_background(x, l, 7), 700000);   /* 07:30-08:30 */
	ck_assert_uint_eq(ro_expand_background(x, l, 11), 700000);  /* 11:30-12:30 */
	ck_assert_uint_eq(ro_expand_background(x, l, 12), 200000);  /* 12:30-13:30 */
	ck_assert_uint_eq(ro_expand_background(x, l, 13), 700000);  /* 13:30-14:30 */
	ck_assert_uint_eq(ro_expand_background(x, l, 17), 700000);  /* 17:30-18:30 */
	ck_assert_uint_eq(ro_expand_background(x, l, 18), 100000);
	ck_assert_uint_eq(ro_expand_background(x, l, 36), 700000);  /* Tue 12:30 */
	/* slot 119 = Fri 23:30 - Sat 00:30: max(10 %, 5 %) */
	ck_assert_uint_eq(ro_expand_background(x, l, 119), 100000);
	ck_assert_uint_eq(ro_expand_background(x, l, 120), 50000);
	ck_assert_uint_eq(ro_expand_background(x, bare, 7), 0);

	/* U = floor(256000 * (1e6 - bg) * 800000 * 60 * 60 / 8e12):
	 * bg 20 %: 256000 * 0.8 * 0.8 * 450 = 73,728,000
	 * bg 70 %: 256000 * 0.3 * 0.8 * 450 = 27,648,000
	 * bg 0:    256000 * 1.0 * 0.8 * 450 = 92,160,000 */
	ck_assert_int_eq(ro_expand_usable(x, l, 12), 73728000);
	ck_assert_int_eq(ro_expand_usable(x, l, 7), 27648000);
	ck_assert_int_eq(ro_expand_usable(x, bare, 7), 92160000);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(usable_exact_at_the_limits)
{
	/* 1 Tbit/s, share 1, no background, one slot of 366 days:
	 * 1e12 / 8 * 60 * 527040 = 125e9 * 31,622,400 = 3,952,800,000,000,000,000
	 * (the intermediate product 3.2e31 needs 128 bits) */
	struct ro_site *s = site_make("2026-01-01T00:00", 366 * DAY, 1);
	int32_t l = add_link(s, -1, RO_MAX_CAPACITY_BPS, -1, RO_PPM);
	int32_t odd = add_link(s, -1, 28800, -1, 800000);
	struct ro_expand *x = ro_expand_new(s);

	ck_assert_int_eq(ro_expand_usable(x, l, 0), INT64_C(3952800000000000000));
	/* 28.8 kbit/s, share 0.8, one slot of 527040 min:
	 * 28800 * 0.8 * 60 * 527040 / 8 = 91,072,512,000 (exact) */
	ck_assert_int_eq(ro_expand_usable(x, odd, 0), INT64_C(91072512000));
	ro_expand_free(x);
	ro_site_free(s);

	/* a remainder: 1 bit/s, 15-min slots: 900 / 8 = 112.5 -> 112 */
	s = site_make("2026-01-01T00:00", 15, 4);
	l = add_link(s, -1, 1, -1, RO_PPM);
	x = ro_expand_new(s);
	ck_assert_int_eq(ro_expand_usable(x, l, 3), 112);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

START_TEST(reboot_windows)
{
	struct ro_site *s = site_basic("2026-11-30T00:30", 60, 168);
	struct ro_policy *pol = &s->policy;
	struct ro_expand *x = ro_expand_new(s);

	/* no windows: any slot */
	ck_assert(ro_expand_reboot_ok(x, 0));
	ck_assert(ro_expand_reboot_ok(x, 167));
	ro_expand_free(x);

	/* Mon-Fri 12:00-14:00, Mon 10:00-11:00 and Mon 11:00-12:00 (touching),
	 * Sun 22:00 - Mon 02:00 (wrapping) */
	pol->reboot_windows = ro_malloc(8 * sizeof *pol->reboot_windows);
	ck_assert_ptr_nonnull(pol->reboot_windows);
	pol->nreboot_windows = day_spans(0x1f, H(12), H(14), pol->reboot_windows);
	pol->reboot_windows[pol->nreboot_windows++] = (struct ro_wspan){ H(10), H(11) };
	pol->reboot_windows[pol->nreboot_windows++] = (struct ro_wspan){ H(11), H(12) };
	pol->reboot_windows[pol->nreboot_windows++] =
		(struct ro_wspan){ 6 * DAY + H(22), 7 * DAY + H(2) };
	x = ro_expand_new(s);
	ck_assert(ro_expand_reboot_ok(x, -1));   /* Sun 23:30 - Mon 00:30 */
	ck_assert(ro_expand_reboot_ok(x, 0));    /* 00:30 - 01:30 */
	ck_assert(!ro_expand_reboot_ok(x, 1));   /* 01:30 - 02:30 */
	ck_assert(!ro_expand_reboot_ok(x, 9));   /* 09:30 - 10:30 */
	ck_assert(ro_expand_reboot_ok(x, 10));   /* 10:30 - 11:30, two windows */
	ck_assert(ro_expand_reboot_ok(x, 11));   /* 11:30 - 12:30 */
	ck_assert(ro_expand_reboot_ok(x, 12));
	ck_assert(!ro_expand_reboot_ok(x, 13));  /* 13:30 - 14:30 */
	ck_assert(!ro_expand_reboot_ok(x, 35));  /* Tue 11:30 */
	ck_assert(ro_expand_reboot_ok(x, 36));   /* Tue 12:30 */
	ck_assert(!ro_expand_reboot_ok(x, 132)); /* Sat 12:30 */
	ck_assert(ro_expand_reboot_ok(x, 167));  /* Sun 23:30 */
	ck_assert(!ro_expand_reboot_ok(x, 168));
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* ---- against a minute-by-minute reference ---- */

static uint32_t rnd(uint32_t *seed, uint32_t n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) % n;
}

/* The contract read literally, minute by minute: a slot is on iff the
 * calendar(s) are on at each of its minutes; occurrences as listed in
 * docs/semantics.md. */
static bool ref_on(const struct ro_site *s, const struct ro_client *c,
		   int32_t t)
{
	for (ro_time m = ro_slot_time(s, t); m < ro_slot_time(s, t + 1); m++) {
		if (!ro_calendar_on_at(&s->calendars[c->calendar], m))
			return false;
		if (c->conn == RO_CONN_RAS &&
		    !ro_calendar_on_at(&s->calendars[c->office], m))
			return false;
	}
	return true;
}

static size_t ref_opps(const struct ro_site *s, const struct ro_client *c,
		       uint8_t *trig)
{
	int32_t T = s->horizon.nslots;
	ro_time ready = s->servers[c->server].ready, last_day = -1;
	bool first = true;
	size_t n = 0;

	memset(trig, 0, (size_t)T);
	for (int32_t t = 0; t < T; t++) {
		ro_time st = ro_slot_time(s, t);
		bool on = ref_on(s, c, t);
		if (st < ready || !on)
			continue;
		if (c->triggers & RO_TRIG_PUSH)
			trig[t] |= RO_TRIG_PUSH;
		for (ro_time i = c->phase - 1000 * RO_CCIM_PERIOD_MIN;
		     i < ro_slot_time(s, t + 1); i += RO_CCIM_PERIOD_MIN)
			if (i >= st && (c->triggers & RO_TRIG_CCIM))
				trig[t] |= RO_TRIG_CCIM;
		if ((c->triggers & RO_TRIG_LOGON) && !ref_on(s, c, t - 1)) {
			ro_time day = ro_time_day_start(st);
			if ((s->policy.logon == RO_LOGON_ENABLED && first) ||
			    (s->policy.logon == RO_LOGON_PHASED && day != last_day))
				trig[t] |= RO_TRIG_LOGON;
			first = false;
			last_day = day;
		}
	}
	for (int32_t t = 0; t < T; t++)
		n += trig[t] != 0;
	return n;
}

START_TEST(matches_minute_by_minute)
{
	uint32_t seed = 777 + (uint32_t)_i;
	/* mostly short slots, sometimes longer than the 23 h ccim period */
	int32_t L = 1 + (int32_t)rnd(&seed, _i % 5 == 4 ? 3000 : 180);
	int32_t T = 1 + (int32_t)rnd(&seed, 2 * RO_WEEK_MIN / L);
	char start[32];
	struct ro_site *s;
	struct ro_expand *x;
	uint8_t *trig = ro_malloc((size_t)T);
	uint64_t *bits = ro_calloc(ro_bits_words(T), sizeof *bits);

	snprintf(start, sizeof start, "2026-11-%02uT%02u:%02u",
		 23 + rnd(&seed, 7), rnd(&seed, 24), rnd(&seed, 60));
	s = site_basic(start, L, T);
	s->policy.logon = (enum ro_logon_policy)rnd(&seed, 3);
	s->servers[0].ready = s->horizon.start - 200 + rnd(&seed, (uint32_t)T * L);
	for (int k = 0; k < 3; k++) {
		struct ro_wspan w[4];
		size_t n = rnd(&seed, 4);
		for (size_t i = 0; i < n; i++) {
			w[i].from = (int32_t)rnd(&seed, RO_WEEK_MIN);
			w[i].to = w[i].from + 1 + (int32_t)rnd(&seed, 3000);
		}
		int32_t c = add_cal(s, w, n);
		for (uint32_t e = rnd(&seed, 4); e > 0; e--) {
			ro_time f = s->horizon.start - 300 +
				    rnd(&seed, (uint32_t)T * L + 600);
			struct ro_calendar *cc = &s->calendars[c];
			ck_assert(ro_grow((void **)&cc->exc, cc->nexc, sizeof *cc->exc));
			cc->exc[cc->nexc++] = (struct ro_exception){
				f, f + 1 + rnd(&seed, 2000), rnd(&seed, 2), 0 };
		}
	}
	for (int k = 0; k < 6; k++) {
		size_t r = add_client(s, (int32_t)rnd(&seed, 3),
				      (uint8_t)(1 + rnd(&seed, 7)));
		s->clients[r].has_phase = true;
		s->clients[r].phase = s->horizon.start - 5000 + rnd(&seed, 10000);
		if (rnd(&seed, 2)) {
			s->clients[r].conn = RO_CONN_RAS;
			s->clients[r].office = (int32_t)rnd(&seed, 3);
		}
	}
	s->policy.reboot_windows = ro_malloc(2 * sizeof *s->policy.reboot_windows);
	ck_assert_ptr_nonnull(s->policy.reboot_windows);
	for (int i = 0; i < 2; i++) {
		int32_t f = (int32_t)rnd(&seed, RO_WEEK_MIN);
		s->policy.reboot_windows[i] =
			(struct ro_wspan){ f, f + 1 + (int32_t)rnd(&seed, 2000) };
	}
	s->policy.nreboot_windows = 2;
	x = ro_expand_new(s);

	for (int32_t c = 0; c < 3; c++) {
		const uint64_t *b = ro_expand_calendar(x, c);
		for (int32_t t = -1; t < T; t++) {
			bool on = true;
			for (ro_time m = ro_slot_time(s, t);
			     m < ro_slot_time(s, t + 1); m++)
				on = on && ro_calendar_on_at(&s->calendars[c], m);
			ck_assert_msg(ro_bit(b, t) == on, "cal %d slot %d", c, t);
		}
	}
	for (int32_t t = -1; t < T; t++) {
		bool ok = true;
		for (ro_time m = ro_slot_time(s, t); m < ro_slot_time(s, t + 1); m++)
			ok = ok && ro_wspans_contain(s->policy.reboot_windows, 2,
						     ro_time_week_minute(m));
		ck_assert_msg(ro_expand_reboot_ok(x, t) == ok, "reboot slot %d", t);
	}
	for (size_t r = 0; r < s->nclients; r++) {
		struct ro_opp *v;
		size_t n, nc, k = 0;
		size_t nref = ref_opps(s, &s->clients[r], trig);

		ck_assert_int_eq(ro_expand_client_on(x, r, true, bits), RO_OK);
		for (int32_t t = -1; t < T; t++)
			ck_assert(ro_bit(bits, t) == ref_on(s, &s->clients[r], t));
		ck_assert_int_eq(ro_expand_opportunities(x, r, true, &v, &n), RO_OK);
		ck_assert_int_eq(ro_expand_count_opportunities(x, r, true, &nc),
				 RO_OK);
		ck_assert_uint_eq(n, nref);
		ck_assert_uint_eq(nc, nref);
		for (int32_t t = 0; t < T; t++) {
			if (!trig[t])
				continue;
			ck_assert_int_eq(v[k].slot, t);
			ck_assert_uint_eq(v[k].triggers, trig[t]);
			k++;
		}
		ro_free(v);
	}
	ro_free(trig);
	ro_free(bits);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* ---- arguments, allocation failure, scale ---- */

START_TEST(bad_arguments)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 48);
	int32_t c = add_days_cal(s, 0x7f, 0, DAY);
	size_t r = add_client(s, c, RO_TRIG_PUSH);
	struct ro_expand *x;
	struct ro_opp *v = NULL;
	size_t n = 7;
	uint64_t out[1];

	ck_assert_ptr_null(ro_expand_new(NULL));
	ro_expand_free(NULL);
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_null(ro_expand_calendar(x, -1));
	ck_assert_ptr_null(ro_expand_calendar(x, 1));
	ck_assert_ptr_null(ro_expand_calendar(NULL, 0));
	ck_assert_int_eq(ro_expand_client_on(x, r + 1, true, out), RO_EARG);
	ck_assert_int_eq(ro_expand_client_on(x, r, true, NULL), RO_EARG);
	ck_assert_int_eq(ro_expand_client_on(NULL, r, true, out), RO_EARG);
	ck_assert_int_eq(ro_expand_opportunities(x, r + 1, true, &v, &n), RO_EARG);
	ck_assert_int_eq(ro_expand_opportunities(x, r, true, NULL, &n), RO_EARG);
	ck_assert_int_eq(ro_expand_opportunities(x, r, true, &v, NULL), RO_EARG);
	ck_assert_int_eq(ro_expand_opportunities(NULL, r, true, &v, &n), RO_EARG);
	ck_assert_int_eq(ro_expand_count_opportunities(x, r, true, NULL), RO_EARG);
	ck_assert_uint_eq(n, 7);
	s->clients[r].calendar = 5;   /* a broken record */
	ck_assert_int_eq(ro_expand_client_on(x, r, true, out), RO_EARG);
	s->clients[r].calendar = c;
	s->clients[r].server = 3;
	ck_assert_int_eq(ro_expand_count_opportunities(x, r, true, &n), RO_EARG);
	s->clients[r].server = 0;
	ck_assert_uint_eq(ro_expand_background(x, -1, 0), 0);
	ck_assert_uint_eq(ro_expand_background(x, 0, 48), 0);
	ck_assert_uint_eq(ro_expand_background(NULL, 0, 0), 0);
	ck_assert_int_eq(ro_expand_usable(x, 1, 0), 0);
	ck_assert_int_eq(ro_expand_usable(x, 0, -1), 0);
	ck_assert(!ro_expand_reboot_ok(x, -2));
	ck_assert(!ro_expand_reboot_ok(x, 48));
	ck_assert(!ro_expand_reboot_ok(NULL, 0));
	ck_assert_int_eq(ro_expand_ready_slot(x, 1), -1);
	ck_assert_int_eq(ro_expand_ready_slot(NULL, 0), -1);
	ck_assert(!ro_calendar_on_at(NULL, 0));
	ck_assert(!ro_wspans_contain(NULL, 3, 0));
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* Every allocation of a full expansion fails in turn: each call reports
 * RO_ENOMEM (or a NULL / fallback value) and nothing leaks. */
START_TEST(allocation_failures)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 60, 168);
	int32_t wd = add_days_cal(s, 0x1f, H(8), H(17));
	int32_t all = add_days_cal(s, 0x7f, 0, DAY);
	size_t r = add_client(s, all, RO_TRIG_PUSH | RO_TRIG_CCIM | RO_TRIG_LOGON);
	long live = ro_alloc_live();
	bool done = false;

	add_exc(s, wd, "2026-12-02T00:00", "2026-12-03T00:00", false);
	s->clients[r].conn = RO_CONN_RAS;
	s->clients[r].office = wd;
	s->policy.reboot_windows = ro_malloc(sizeof *s->policy.reboot_windows);
	ck_assert_ptr_nonnull(s->policy.reboot_windows);
	s->policy.reboot_windows[0] = (struct ro_wspan){ H(1), H(5) };
	s->policy.nreboot_windows = 1;
	live = ro_alloc_live();

	for (long k = 1; !done && k < 200; k++) {
		struct ro_expand *x;
		struct ro_opp *v = NULL;
		size_t n = 0;
		uint64_t out[3];
		int rc1, rc2;

		ro_alloc_fail_at(k, 1);
		x = ro_expand_new(s);
		if (!x) {
			ro_alloc_fail_at(0, 0);
			ck_assert_int_eq(ro_alloc_live(), live);
			continue;
		}
		rc1 = ro_expand_client_on(x, r, true, out);
		rc2 = ro_expand_opportunities(x, r, true, &v, &n);
		ck_assert(rc1 == RO_OK || rc1 == RO_ENOMEM);
		ck_assert(rc2 == RO_OK || rc2 == RO_ENOMEM);
		/* the answers do not depend on allocation */
		ck_assert(ro_expand_reboot_ok(x, 2));
		ck_assert(!ro_expand_reboot_ok(x, 5));
		ro_alloc_fail_at(0, 0);
		if (rc2 == RO_OK) {
			/* ccim 0 (Mon 00:00, off), logon 8 (Mon 08:00 on LAN),
			 * push 8..16, 32..40, Wed off, ... */
			ck_assert_uint_eq(n, 9 * 4);
			ck_assert_int_eq(v[0].slot, 8);
			ck_assert_uint_eq(v[0].triggers, RO_TRIG_LOGON | RO_TRIG_PUSH);
			done = rc1 == RO_OK;
		}
		ro_free(v);
		ro_expand_free(x);
		ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert(done);
	ro_site_free(s);
}
END_TEST

/* 100,000 records (10,000 under valgrind: fx_valgrind) sharing three
 * calendars with phases spread over the 23 h cycle: the logon/push cache
 * holds a handful of keys and ccim is laid over per record (about 0.02 s,
 * measured by hand).  Counting agrees with the lists, and the answers
 * equal a fresh expansion's. */
START_TEST(many_records_share_the_cache)
{
	struct ro_site *s = site_basic("2026-11-30T00:00", 15, 7 * 96);
	int32_t cal[3];
	struct ro_expand *x, *y;
	uint32_t seed = 12345;
	size_t total = 0;

	cal[0] = add_days_cal(s, 0x1f, H(8), H(17));
	cal[1] = add_days_cal(s, 0x7f, 0, DAY);
	cal[2] = add_days_cal(s, 0x1f, H(22), H(6));
	int nrec = fx_valgrind() ? 10000 : 100000;

	for (int i = 0; i < nrec; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t r = add_client(s, cal[(seed >> 8) % 3],
				      (uint8_t)(1 + (seed >> 12) % 7));
		s->clients[r].has_phase = true;
		s->clients[r].phase = s->horizon.start - (seed >> 16) % 5000;
	}
	x = ro_expand_new(s);
	for (size_t r = 0; r < s->nclients; r++) {
		struct ro_opp *v;
		size_t n;
		size_t nc;
		ck_assert_int_eq(ro_expand_opportunities(x, r, true, &v, &n), RO_OK);
		ck_assert_int_eq(ro_expand_count_opportunities(x, r, true, &nc),
				 RO_OK);
		ck_assert_uint_eq(nc, n);
		total += n;
		ro_free(v);
	}
	ck_assert_uint_gt(total, 0);
	/* a few records against a fresh expansion without a warm cache */
	for (size_t r = 0; r < s->nclients; r += 9973) {
		struct ro_opp *a, *b;
		size_t na, nb;
		y = ro_expand_new(s);
		ck_assert_int_eq(ro_expand_opportunities(x, r, true, &a, &na), RO_OK);
		ck_assert_int_eq(ro_expand_opportunities(y, r, true, &b, &nb), RO_OK);
		ck_assert_uint_eq(na, nb);
		for (size_t i = 0; i < na; i++) {
			ck_assert_int_eq(a[i].slot, b[i].slot);
			ck_assert_uint_eq(a[i].triggers, b[i].triggers);
		}
		ro_free(a);
		ro_free(b);
		ro_expand_free(y);
	}
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

Suite *suite_expand(void)
{
	Suite *s = suite_create("expand");
	TCase *cal = fx_tcase_create("calendars");
	TCase *trig = fx_tcase_create("triggers");
	TCase *cap = fx_tcase_create("capacity");
	TCase *lim = fx_tcase_create("limits");

	tcase_add_test(cal, window_across_midnight);
	tcase_add_test(cal, partial_slots_are_off);
	tcase_add_test(cal, window_across_weekend);
	tcase_add_test(cal, exceptions_in_order);
	tcase_add_test(cal, client_on_ras_intersects_office);
	tcase_add_test(trig, ccim_phase_before_horizon);
	tcase_add_test(trig, logon_at_horizon_start);
	tcase_add_test(trig, logon_policies_and_ready);
	tcase_add_test(trig, cap_ready_filters);
	tcase_add_test(trig, ccim_merges_with_push);
	tcase_add_test(cap, background_max_over_slot);
	tcase_add_test(cap, usable_exact_at_the_limits);
	tcase_add_test(cap, reboot_windows);
	tcase_add_loop_test(lim, matches_minute_by_minute, 0, 40);
	tcase_add_test(lim, bad_arguments);
	tcase_add_test(lim, allocation_failures);
	tcase_add_test(lim, many_records_share_the_cache);
	tcase_set_timeout(lim, 60);
	suite_add_tcase(s, cal);
	suite_add_tcase(s, trig);
	suite_add_tcase(s, cap);
	suite_add_tcase(s, lim);
	return s;
}
