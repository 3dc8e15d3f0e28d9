/*
 * test_forecast.c - the SMS 2.0 forecast (model/forecast.h) on sites
 * small enough to work out by hand.
 *
 * Every site starts on Monday 2026-11-30 08:00 (FX_H0) with 15-minute
 * slots over one week (672 slots, T ends Monday 2026-12-07 08:00); slot t
 * starts at 08:00 + 15 t minutes.  The CAPs are ready 60 minutes after the
 * release (the default propagation).  The CCIM period is 1380 minutes.
 */
#include <check.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "fixture.h"

#define WEEK 672

static struct ro_client *client(struct ro_site *s, const char *id,
				const char *os, int32_t cal, uint8_t trig,
				int64_t bytes)
{
	struct ro_client *c;

	ck_assert(ro_grow((void **)&s->clients, s->nclients,
			  sizeof *s->clients));
	c = &s->clients[s->nclients++];
	memset(c, 0, sizeof *c);
	c->id = fx_str(s, id);
	c->os = fx_str(s, os);
	c->count = 1;
	c->calendar = cal;
	c->office = -1;
	c->triggers = trig;
	c->bytes = bytes;
	c->priority = 1;
	c->reboots = strcmp(os, "winnt") == 0 ? 0 : 1;
	s->nclients_total += 1;
	return c;
}

/* The minutes of the week of a Monday-based time of day. */
#define AT(day, h, m) ((day) * RO_DAY_MIN + (h) * 60 + (m))

/* A site with one 10 Mbit/s LAN (every 8 MB copy takes one slot), a CAP
 * on it and calendar 0 "always". */
static struct ro_site *lan_site(void)
{
	struct ro_site *s = fx_site_new(WEEK);

	s->policy.control = RO_CONTROL_SMS20;
	fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	fx_add_link(s, "lan", -1, 10000000, RO_PPM);
	fx_add_server(s, "cap1", 0, 0);
	return s;
}

struct fix {
	struct ro_site *s;
	struct ro_forecast *fc;
	struct ro_levers lv;
	ro_time cohort[4];
	bool instructed[4];
};

static void fix_open(struct fix *f, struct ro_site *s, const char *release)
{
	memset(f, 0, sizeof *f);
	f->s = s;
	ck_assert_int_eq(ro_forecast_new(s, &f->fc), RO_OK);
	f->lv.released = release != NULL;
	if (release)
		f->lv.release = fx_time(release);
	for (int i = 0; i < 4; i++)
		f->cohort[i] = RO_NEVER;
	f->lv.cohort = f->cohort;
	f->lv.instructed = f->instructed;
}

static void fix_close(struct fix *f)
{
	ro_forecast_free(f->fc);
	ro_site_free(f->s);
}

static struct ro_fc_client one(struct fix *f, size_t r, int32_t trigger)
{
	struct ro_fc_client c;

	ck_assert_int_eq(ro_forecast_client(f->fc, &f->lv, r, 0, trigger, &c),
			 RO_OK);
	return c;
}

START_TEST(known_phases_at_one_release)
{
	struct ro_site *s = lan_site();
	struct fix f;
	struct ro_fc_client c;
	char buf[RO_TIME_BUFSZ];

	/* NT, always on: every tick is a run */
	client(s, "A", "winnt", 0, RO_TRIG_CCIM, 8 << 20)->has_phase = true;
	s->clients[0].phase = fx_time("2026-11-30T03:10");
	client(s, "B", "winnt", 0, RO_TRIG_CCIM, 8 << 20)->has_phase = true;
	s->clients[1].phase = fx_time("2026-11-30T12:00");
	/* released Monday 10:00: the CAPs are ready at 11:00 (slot 12) */
	fix_open(&f, s, "2026-11-30T10:00");
	ck_assert_int_eq(ro_forecast_ready_slot(f.fc, f.lv.release), 12);
	/* A ticked at 03:10, before the release; its next tick is 23 hours
	 * later, Tuesday 02:10: 18 h 10 min after 08:00 is minute 1090,
	 * slot 72 (02:00-02:15) */
	c = one(&f, 0, RO_NO_SLOT);
	ck_assert_int_eq(c.start, 72);
	ck_assert_str_eq(ro_time_format(c.start_at, buf), "2026-12-01T02:10");
	ck_assert_int_eq(c.cause, RO_CAUSE_TICK);
	ck_assert(!c.ras);
	ck_assert_int_eq(c.d, 1);
	ck_assert_int_eq(c.end, 73);
	/* B ticks at 12:00 on the day of the release: slot 16 */
	c = one(&f, 1, RO_NO_SLOT);
	ck_assert_int_eq(c.start, 16);
	ck_assert_int_eq(c.end, 17);
	ck_assert_int_eq(c.cause, RO_CAUSE_TICK);
	fix_close(&f);
}
END_TEST

START_TEST(weekend_tick_catches_up_at_monday_logon)
{
	struct ro_site *s = lan_site();
	int32_t office;
	struct fix f;
	struct ro_fc_client c;
	struct ro_wspan w[5];
	char buf[RO_TIME_BUFSZ];

	/* a Win98 PC logged on Monday to Friday 08:00-18:00 */
	office = fx_add_calendar(s, "office", 0, 1);
	for (int d = 0; d < 5; d++) {
		w[d].from = AT(d, 8, 0);
		w[d].to = AT(d, 18, 0);
	}
	s->calendars[office].weekly = ro_realloc(s->calendars[office].weekly,
						 sizeof w);
	memcpy(s->calendars[office].weekly, w, sizeof w);
	s->calendars[office].nweekly = 5;
	/* restarts at lunch only */
	s->policy.reboot_windows = ro_malloc(5 * sizeof *w);
	for (int d = 0; d < 5; d++) {
		s->policy.reboot_windows[d].from = AT(d, 12, 0);
		s->policy.reboot_windows[d].to = AT(d, 14, 0);
	}
	s->policy.nreboot_windows = 5;
	client(s, "PC98", "win98", office, RO_TRIG_CCIM, 8 << 20)->has_phase =
		true;
	s->clients[0].phase = fx_time("2026-12-05T10:00");
	/*
	 * Released Friday 18:00, ready 19:00.  The phase, a Saturday tick,
	 * reached back a whole number of periods before the widened start
	 * (Monday 2026-11-23 08:00), is Sunday 2026-11-22 23:00; its next
	 * tick, Monday 22:00, is missed (off) and runs at Tuesday's 08:00
	 * logon.  From then on each tick falls at 07:00, before the logon,
	 * and runs at 08:00: Friday 2026-12-04 08:00 before the release,
	 * then the Saturday 07:00 tick, missed, runs at Monday 2026-12-07
	 * 08:00: slot 672, the first slot after the horizon.
	 */
	fix_open(&f, s, "2026-12-04T18:00");
	c = one(&f, 0, RO_NO_SLOT);
	ck_assert_int_eq(c.start, WEEK);
	ck_assert_str_eq(ro_time_format(c.start_at, buf), "2026-12-07T08:00");
	ck_assert_int_eq(c.cause, RO_CAUSE_LOGON);
	/* copy 08:00-08:15; 15 minutes later is 08:30; the first lunch
	 * window slot is 12:00, slot 672 + 16; done at 12:15 */
	ck_assert_int_eq(c.reboot, WEEK + 16);
	ck_assert_int_eq(c.end, WEEK + 17);
	/* the same PC told to stay on over the weekend, and complying: the
	 * Saturday 07:00 tick runs at once */
	s->groups = ro_calloc(1, sizeof *s->groups);
	s->ngroups = 1;
	s->groups[0].id = fx_str(s, "users");
	s->groups[0].compliance_ppm = RO_PPM;
	s->groups[0].has_stay_on = true;
	s->groups[0].stay_from = fx_time("2026-12-04T17:00");
	s->groups[0].stay_to = fx_time("2026-12-07T08:00");
	s->clients[0].group = 1;
	f.instructed[0] = true;
	c = one(&f, 0, RO_NO_SLOT);
	ck_assert_str_eq(ro_time_format(c.start_at, buf), "2026-12-05T07:00");
	ck_assert_int_eq(c.cause, RO_CAUSE_TICK);
	/* Saturday 07:00 is 4 days 23 hours (7,140 minutes) after the
	 * start: slot 476 */
	ck_assert_int_eq(c.start, 476);
	/* on all weekend, no window on Saturday: the restart waits for
	 * Monday's lunch, since the PC stays on through Monday 08:00 (the
	 * stay-on span ends as the office day starts: no power-up) */
	ck_assert_int_eq(c.reboot, WEEK + 16);
	fix_close(&f);
}
END_TEST

/* A 64 kbit/s WAN between the clients and the CAP: 7,200,000 bytes a
 * slot; a 7,200,000-byte copy fills one slot. */
static struct ro_site *wan_site(void)
{
	struct ro_site *s = fx_site_new(WEEK);

	s->policy.control = RO_CONTROL_SMS20;
	fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	fx_add_link(s, "hq", -1, 10000000, RO_PPM);
	fx_add_link(s, "wan", 0, 64000, RO_PPM);
	fx_add_server(s, "cap1", 0, 0);
	return s;
}

START_TEST(overload_and_the_trigger_that_removes_it)
{
	struct ro_site *s = wan_site();
	struct fix f;
	struct ro_fc_totals tot;
	int32_t trig[2] = { RO_NO_SLOT, RO_NO_SLOT };
	int64_t *load;
	int32_t n;

	for (int i = 0; i < 2; i++) {
		struct ro_client *c = client(s, i ? "Y" : "X", "winnt", 0,
					     RO_TRIG_CCIM | RO_TRIG_PUSH,
					     7200000);
		c->segment = 1;
		c->has_phase = true;
		c->phase = fx_time("2026-11-30T12:00");
	}
	fix_open(&f, s, "2026-11-30T10:00");
	n = ro_forecast_end(f.fc) - ro_forecast_first(f.fc);
	load = ro_calloc((size_t)n * 2, sizeof *load);
	f.lv.trigger = trig;
	/* both tick at 12:00, slot 16: 14,400,000 bytes where the WAN
	 * carries 7,200,000 */
	ck_assert_int_eq(ro_forecast_usable(f.fc, 1, 16), 7200000);
	ck_assert_int_eq(ro_forecast_site(f.fc, &f.lv, NULL, load, &tot), RO_OK);
	ck_assert_int_eq(tot.overload, 7200000);
	ck_assert_int_eq(load[(size_t)n + 16 - ro_forecast_first(f.fc)],
			 14400000);
	ck_assert_int_eq(tot.makespan, 17);
	ck_assert_int_eq(tot.completion_sum, 34);
	ck_assert_int_eq(tot.triggers, 0);
	/* trigger Y at 11:00 (slot 12, the first the CAPs are ready in):
	 * one copy in slot 12, one in 16, no overload */
	trig[1] = 12;
	ck_assert_int_eq(ro_forecast_site(f.fc, &f.lv, NULL, load, &tot), RO_OK);
	ck_assert_int_eq(tot.overload, 0);
	ck_assert_int_eq(tot.triggers, 1);
	ck_assert_int_eq(tot.completion_sum, 13 + 17);
	/* triggers the administrator cannot pull */
	ck_assert_int_eq(one(&f, 1, 11).trigger_fault, RO_TRIGGER_BEFORE_READY);
	ck_assert_int_eq(one(&f, 1, 16).trigger_fault, RO_TRIGGER_NOT_EARLIER);
	ck_assert_int_eq(one(&f, 1, 15).trigger_fault, RO_TRIGGER_OK);
	ck_assert_int_eq(one(&f, 1, 15).start, 15);
	ck_assert_int_eq(one(&f, 1, 15).cause, RO_CAUSE_TRIGGER);
	s->clients[1].triggers = RO_TRIG_CCIM;
	ck_assert_int_eq(one(&f, 1, 12).trigger_fault, RO_TRIGGER_NOT_ALLOWED);
	ck_assert_int_eq(one(&f, 1, 12).start, 16);
	ro_free(load);
	fix_close(&f);
}
END_TEST

START_TEST(ras_laptop_dialled_in_at_its_tick)
{
	struct ro_site *s = lan_site();
	int32_t office = fx_add_calendar(s, "office", AT(0, 8, 0), AT(0, 18, 0));
	struct ro_client *c;
	struct fix f;
	struct ro_fc_totals tot;
	struct ro_fc_client fcl;
	int32_t trig[1] = { RO_NO_SLOT };

	/* connected all the time, in the office on Monday 08:00-18:00 */
	c = client(s, "LAP", "winnt", 0, RO_TRIG_CCIM | RO_TRIG_PUSH, 8 << 20);
	c->conn = RO_CONN_RAS;
	c->office = office;
	c->has_phase = true;
	c->phase = fx_time("2026-11-30T20:00");
	fix_open(&f, s, "2026-11-30T10:00");
	f.lv.trigger = trig;
	/* Monday 20:00 (slot 48) it is dialled in: 8,388,608 bytes at
	 * 28,800 bit/s is 2,330 s, 3 slots of ceil(8388608 / 3) = 2,796,203 */
	fcl = one(&f, 0, RO_NO_SLOT);
	ck_assert_int_eq(fcl.start, 48);
	ck_assert(fcl.ras);
	ck_assert_int_eq(fcl.d, 3);
	ck_assert_int_eq(fcl.q, 2796203);
	ck_assert_int_eq(fcl.end, 51);
	ck_assert_int_eq(ro_forecast_site(f.fc, &f.lv, NULL, NULL, &tot), RO_OK);
	ck_assert_int_eq(tot.ras_bytes, 3 * 2796203);
	ck_assert_int_eq(tot.overload, 0);
	/* triggered in the office at 14:00 (slot 24), it copies on the LAN */
	trig[0] = 24;
	ck_assert_int_eq(ro_forecast_site(f.fc, &f.lv, NULL, NULL, &tot), RO_OK);
	ck_assert_int_eq(tot.ras_bytes, 0);
	/* a trigger while it is out of the office cannot be pulled */
	ck_assert_int_eq(one(&f, 0, 42).trigger_fault, RO_TRIGGER_OFF);
	fix_close(&f);
}
END_TEST

START_TEST(copy_interrupted_by_switch_off)
{
	struct ro_site *s = lan_site();
	int32_t day = fx_add_calendar(s, "day", AT(0, 8, 0), AT(0, 8, 20));
	struct ro_client *c;
	struct fix f;
	struct ro_fc_client fcl;

	/* on Monday 08:00-08:20 and Tuesday 08:00-12:00 */
	s->calendars[day].weekly = ro_realloc(s->calendars[day].weekly,
					      2 * sizeof (struct ro_wspan));
	s->calendars[day].weekly[1].from = AT(1, 8, 0);
	s->calendars[day].weekly[1].to = AT(1, 12, 0);
	s->calendars[day].nweekly = 2;
	/* 56 kbit/s: 8,388,608 bytes take 1,198 s, two slots */
	c = client(s, "SLOW", "winnt", day, RO_TRIG_CCIM, 8 << 20);
	c->rate_bps = 56000;
	c->has_phase = true;
	c->phase = fx_time("2026-11-30T11:50");
	/*
	 * Released Monday 07:00, ready 08:00.  The phase reached back before
	 * the widened start is Sunday 2026-11-22 19:50; the Monday 18:50
	 * tick is missed, and so is every later one, until the power-up of
	 * Monday 2026-11-30 08:00 (slot 0).  Its copy needs slots 0 and 1,
	 * but slot 1 (08:15-08:30) is not whole on: interrupted.  The count
	 * restarts at 08:00; the Tuesday 07:00 tick is missed and runs at
	 * Tuesday's power-up, 08:00, slot 96, where the copy fits.
	 */
	fix_open(&f, s, "2026-11-30T07:00");
	fcl = one(&f, 0, RO_NO_SLOT);
	ck_assert_int_eq(fcl.nfailed, 1);
	ck_assert_int_eq(fcl.failed[0].s, 0);
	ck_assert_int_eq(fcl.failed[0].stop, 1);
	ck_assert_int_eq(fcl.start, 96);
	ck_assert_int_eq(fcl.cause, RO_CAUSE_POWER_UP);
	ck_assert_int_eq(fcl.d, 2);
	ck_assert_int_eq(fcl.end, 98);
	/* Mondays only: every attempt breaks off; after the forecast's
	 * last Monday nothing is left: unfinished */
	s->calendars[day].nweekly = 1;
	ro_forecast_free(f.fc);   /* it caches the expanded calendars */
	ck_assert_int_eq(ro_forecast_new(s, &f.fc), RO_OK);
	fcl = one(&f, 0, RO_NO_SLOT);
	ck_assert_int_eq(fcl.start, RO_NO_SLOT);
	ck_assert_int_eq(fcl.reason, RO_REASON_UNFINISHED);
	ck_assert_int_eq(fcl.nfailed, 2);
	ck_assert_int_eq(fcl.failed[1].s, WEEK);
	fix_close(&f);
}
END_TEST

START_TEST(unknown_phases_spread_and_compliance)
{
	struct ro_site *s = lan_site();
	struct fix f;

	/* four phaseless clients of one segment and calendar */
	client(s, "G", "winnt", 0, RO_TRIG_CCIM, 8 << 20)->count = 4;
	s->nclients_total = 4;
	s->groups = ro_calloc(1, sizeof *s->groups);
	s->ngroups = 1;
	s->groups[0].compliance_ppm = RO_PPM / 2;
	s->clients[0].group = 1;
	fix_open(&f, s, "2026-11-30T10:00");
	/* j * 1380 / 4 minutes after the horizon start */
	for (int k = 0; k < 4; k++)
		ck_assert_int_eq(ro_forecast_phase(f.fc, 0, k),
				 s->horizon.start + k * 345);
	/* half comply, evenly: members 2 and 4 (k = 1, 3) */
	ck_assert(!ro_forecast_complies(f.fc, 0, 0));
	ck_assert(ro_forecast_complies(f.fc, 0, 1));
	ck_assert(!ro_forecast_complies(f.fc, 0, 2));
	ck_assert(ro_forecast_complies(f.fc, 0, 3));
	/* not released: nobody starts */
	f.lv.released = false;
	ck_assert_int_eq(one(&f, 0, RO_NO_SLOT).reason, RO_REASON_NOT_RELEASED);
	fix_close(&f);
}
END_TEST

START_TEST(new_install_waits_for_its_cohort)
{
	struct ro_site *s = lan_site();
	int32_t day = fx_add_calendar(s, "day", AT(0, 8, 0), AT(0, 17, 0));
	struct ro_client *c;
	struct fix f;
	struct ro_fc_client fcl;

	/* Monday 08:00-17:00 every week: the logons are Mondays 08:00 */
	c = client(s, "NEW", "winnt", day, RO_TRIG_LOGON, 8 << 20);
	c->not_installed = true;
	s->policy.logon_path = RO_LOGON_PATH_SP2;
	fix_open(&f, s, "2026-11-30T07:00");
	/* scripts off: a new install never starts */
	ck_assert_int_eq(one(&f, 0, RO_NO_SLOT).reason, RO_REASON_NOT_ENABLED);
	/* scripts on for the clients in no group from Monday 07:30: the
	 * Monday 08:00 logon of this week (slot 0) installs it */
	f.cohort[0] = fx_time("2026-11-30T07:30");
	fcl = one(&f, 0, RO_NO_SLOT);
	ck_assert_int_eq(fcl.start, 0);
	ck_assert_int_eq(fcl.cause, RO_CAUSE_COHORT);
	/* from Tuesday: the next Monday */
	f.cohort[0] = fx_time("2026-12-01T00:00");
	ck_assert_int_eq(one(&f, 0, RO_NO_SLOT).start, WEEK);
	fix_close(&f);
}
END_TEST

Suite *suite_forecast(void)
{
	Suite *s = suite_create("forecast");
	TCase *tc = tcase_create("hand-worked");

	tcase_add_test(tc, known_phases_at_one_release);
	tcase_add_test(tc, weekend_tick_catches_up_at_monday_logon);
	tcase_add_test(tc, overload_and_the_trigger_that_removes_it);
	tcase_add_test(tc, ras_laptop_dialled_in_at_its_tick);
	tcase_add_test(tc, copy_interrupted_by_switch_off);
	tcase_add_test(tc, unknown_phases_spread_and_compliance);
	tcase_add_test(tc, new_install_waits_for_its_cohort);
	suite_add_tcase(s, tc);
	return s;
}
