/*
 * test_verify.c - the independent verifier (model/verify.c).
 *
 * Sites are built by hand: a horizon from Monday 2026-11-30T08:00 in slots
 * of 15 minutes, one LAN link "lan" of 8000 bit/s at share 1, so that
 * U = 8000 * 1e6 * 1e6 * 60 * 15 / 8e12 = 900,000 bytes per slot, and CAP
 * "cap1" on it.  A client of 450,000 bytes then takes d = 1 slot and charges
 * q = 450,000 bytes (two fit in a slot); one of 1,000,000 bytes takes d = 2
 * slots at q = 500,000.  Each test breaks one constraint and checks the
 * exact message.
 */
#include <check.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "fixture.h"


/* A site of nslots slots, one calendar "always", link "lan", CAP "cap1". */
static struct ro_site *site_new(int32_t nslots)
{
	struct ro_site *s = fx_site_new(nslots);

	s->policy.expire_adverts = true;
	return s;
}

static void add_exception(struct ro_site *s, int32_t cal, const char *from,
			  const char *to, bool on)
{
	struct ro_calendar *c = &s->calendars[cal];

	ck_assert(ro_grow((void **)&c->exc, c->nexc, sizeof *c->exc));
	c->exc[c->nexc].from = fx_time(from);
	c->exc[c->nexc].to = fx_time(to);
	c->exc[c->nexc].on = on;
	c->exc[c->nexc].line = 0;
	c->nexc++;
}

static struct ro_client *add_client(struct ro_site *s, const char *id,
				    int32_t count, int32_t cal,
				    uint8_t triggers, int64_t bytes)
{
	return fx_add_client(s, id, count, 0, cal, triggers, bytes);
}

/* The usual network: "always" calendar 0, link "lan" 0, CAP "cap1" 0. */
static struct ro_site *site_std(int32_t nslots, int32_t maxc)
{
	struct ro_site *s = site_new(nslots);

	fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	fx_add_link(s, "lan", -1, 8000, RO_PPM);
	fx_add_server(s, "cap1", 0, maxc);
	return s;
}

struct fix {
	struct ro_site *s;
	struct ro_expand *x;
	struct ro_plan *p;
	struct ro_eval *ev;
	struct ro_diag d;
	long n;
};

static void fix_plan(struct fix *f, struct ro_site *s)
{
	f->s = s;
	f->x = ro_expand_new(s);
	f->p = ro_plan_new(s);
	f->ev = NULL;
	ck_assert_ptr_nonnull(f->x);
	ck_assert_ptr_nonnull(f->p);
	ro_diag_init(&f->d);
}

static void place(struct fix *f, size_t i, int32_t start, unsigned trig)
{
	f->p->a[i].start = start;
	f->p->a[i].trigger = (uint8_t)trig;
	f->p->a[i].reason = RO_REASON_NONE;
}

static void unplace(struct fix *f, size_t i, enum ro_reason r)
{
	f->p->a[i].start = -1;
	f->p->a[i].reason = (uint8_t)r;
}

static long run(struct fix *f)
{
	ro_eval_free(f->ev);
	f->ev = NULL;
	ro_diag_release(&f->d);
	f->n = ro_verify(f->s, f->x, f->p, &f->ev, &f->d);
	return f->n;
}

static void fix_done(struct fix *f)
{
	ro_eval_free(f->ev);
	ro_plan_free(f->p);
	ro_expand_free(f->x);
	ro_site_free(f->s);
	ro_diag_release(&f->d);
}

/* Asserts exactly one violation, with text msg. */
static void one(struct fix *f, const char *msg)
{
	ck_assert_msg(run(f) == 1, "%ld violations: %s | %s", f->n,
		      f->d.n ? f->d.v[0].msg : "",
		      f->d.n > 1 ? f->d.v[1].msg : "");
	ck_assert_uint_eq(f->d.n, 1);
	ck_assert_str_eq(f->d.v[0].msg, msg);
}

START_TEST(feasible_exact_figures)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "pc", 4, 0, RO_TRIG_PUSH, 450000);
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	place(&f, 1, 0, RO_TRIG_PUSH);
	place(&f, 2, 1, RO_TRIG_PUSH);
	place(&f, 3, 1, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	ck_assert_uint_eq(f.d.n, 0);
	ck_assert_int_eq(f.ev->nslots, 4);
	ck_assert_int_eq(f.ev->dur[0], 1);
	ck_assert_int_eq(f.ev->charge[0], 450000);
	ck_assert_int_eq(f.ev->usable[0], 900000);
	ck_assert_int_eq(f.ev->usable[3], 900000);
	ck_assert_int_eq(f.ev->load[0], 900000);
	ck_assert_int_eq(f.ev->load[1], 900000);
	ck_assert_int_eq(f.ev->load[2], 0);
	ck_assert_int_eq(f.ev->server_use[0], 2);
	ck_assert_int_eq(f.ev->server_use[2], 0);
	ck_assert_int_eq(f.ev->end[0], 1);
	ck_assert_int_eq(f.ev->end[3], 2);
	ck_assert_int_eq(f.ev->makespan, 2);
	ck_assert_int_eq(f.ev->completion_sum, 6);
	ck_assert_int_eq(f.ev->placed, 4);
	ck_assert_int_eq(f.ev->placed_weight, 4);
	ck_assert(f.ev->peak_util == 1.0);
	ck_assert_int_eq(f.ev->reboot_delay_slots, 1);
	fix_done(&f);
}
END_TEST

START_TEST(usable_with_background_and_share)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	struct ro_profile *pr;

	/* 10 % background all week, share 0.8:
	 * 8000 * 900000 * 800000 * 900 / 8e12 = 648,000 */
	ck_assert(ro_grow((void **)&s->profiles, 0, sizeof *s->profiles));
	pr = &s->profiles[0];
	memset(pr, 0, sizeof *pr);
	pr->id = fx_str(s, "bg");
	pr->default_ppm = 100000;
	s->nprofiles = 1;
	s->links[0].profile = 0;
	s->links[0].share_ppm = 800000;
	/* d = ceil(8 * 648000e6 / (6.4e9 * 900)) = ceil(0.9) = 1 */
	add_client(s, "pc", 1, 0, RO_TRIG_PUSH, 648000);
	fix_plan(&f, s);
	place(&f, 0, 2, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->usable[0], 648000);
	ck_assert_int_eq(f.ev->load[2], 648000);
	ck_assert(f.ev->peak_util == 1.0);
	/* one byte more does not fit */
	s->clients[0].bytes = 648001;
	one(&f, "link 'lan' slot 2 (2026-11-30T08:30): 648001 bytes planned, "
		"648000 usable");
	fix_done(&f);
}
END_TEST

START_TEST(rate_and_path)
{
	struct fix f;
	struct ro_site *s = site_new(8);

	fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	fx_add_link(s, "hq", -1, 80000, RO_PPM);     /* 9,000,000 per slot */
	fx_add_link(s, "wan", 0, 8000, 500000);      /* 450,000 per slot */
	fx_add_link(s, "br", 1, 80000, RO_PPM);
	fx_add_server(s, "cap1", 0, 0);
	struct ro_client *c = add_client(s, "pc", 1, 0, RO_TRIG_PUSH, 900000);
	c->segment = 2;
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	/* R = min(8e10 * 1e6, 8e9 * 5e5...) = 8000 * 500000 = 4e9:
	 * d = ceil(7.2e12 / (4e9 * 900)) = 2, q = 450,000 on all three */
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->dur[0], 2);
	ck_assert_int_eq(f.ev->charge[0], 450000);
	for (int l = 0; l < 3; l++) {
		ck_assert_int_eq(f.ev->load[l * 8 + 0], 450000);
		ck_assert_int_eq(f.ev->load[l * 8 + 1], 450000);
		ck_assert_int_eq(f.ev->load[l * 8 + 2], 0);
	}
	/* a client rate of 1000 bit/s: d = ceil(7.2e12 / (1e9 * 900)) = 8 */
	s->clients[0].rate_bps = 1000;
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->dur[0], 8);
	ck_assert_int_eq(f.ev->charge[0], 112500);
	ck_assert_int_eq(f.ev->end[0], 8);
	fix_done(&f);
}
END_TEST

START_TEST(link_capacity)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "pc", 3, 0, RO_TRIG_PUSH, 450000);
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	place(&f, 1, 0, RO_TRIG_PUSH);
	place(&f, 2, 0, RO_TRIG_PUSH);
	one(&f, "link 'lan' slot 0 (2026-11-30T08:00): 1350000 bytes planned, "
		"900000 usable");
	ck_assert_int_eq(f.ev->load[0], 1350000);
	ck_assert(f.ev->peak_util == 1.5);
	fix_done(&f);
}
END_TEST

START_TEST(cap_concurrency)
{
	struct fix f;
	struct ro_site *s = site_std(4, 1);

	add_client(s, "pc", 3, 0, RO_TRIG_PUSH, 450000);
	fix_plan(&f, s);
	place(&f, 0, 1, RO_TRIG_PUSH);
	place(&f, 1, 1, RO_TRIG_PUSH);
	unplace(&f, 2, RO_REASON_CAPACITY);
	one(&f, "server 'cap1' slot 1 (2026-11-30T08:15): 2 concurrent "
		"transfers, max-concurrent 1");
	ck_assert_int_eq(f.ev->server_use[1], 2);
	fix_done(&f);
}
END_TEST

/* Reboots only Mon 08:45-09:00 (slot 3) of the 8 slots 08:00-10:00. */
static void window_at_slot3(struct ro_site *s)
{
	s->policy.reboot_windows = ro_malloc(sizeof *s->policy.reboot_windows);
	ck_assert_ptr_nonnull(s->policy.reboot_windows);
	s->policy.reboot_windows[0].from = 8 * 60 + 45;
	s->policy.reboot_windows[0].to = 9 * 60;
	s->policy.nreboot_windows = 1;
}

START_TEST(reboot_window)
{
	struct fix f;
	struct ro_site *s = site_std(8, 0);

	window_at_slot3(s);
	add_client(s, "pc95", 1, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	fix_plan(&f, s);
	/* d = 1, K = 1: start 0 may restart from slot 2, but slot 2 is no
	 * window and the client has been on since before: it waits for the
	 * window, reboots in slot 3, e = 4 */
	place(&f, 0, 0, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->end[0], 4);
	ck_assert_int_eq(f.ev->reboots[2], 0);
	ck_assert_int_eq(f.ev->reboots[3], 1);
	place(&f, 0, 1, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->end[0], 4);
	/* start 2: from slot 4 on there is no window and no power-up until
	 * the horizon end; it would restart after it, at the earliest in
	 * slot max(4, 8) = 8: e = 9, and no reboot counted */
	place(&f, 0, 2, RO_TRIG_PUSH);
	one(&f, "client 'pc95' cannot reboot by the horizon end at slot 8 "
		"(2026-11-30T10:00): no reboot window or power-up leaves room "
		"for 1 reboot from slot 4 (2026-11-30T09:00)");
	ck_assert_int_eq(f.ev->end[0], 9);
	ck_assert_int_eq(f.ev->reboots[4], 0);
	fix_done(&f);
}
END_TEST

START_TEST(reboot_delay)
{
	struct fix f;
	struct ro_site *s = site_new(8);

	/* on Mon 08:00-08:45: slots 0..2 */
	fx_add_calendar(s, "morning", 8 * 60, 8 * 60 + 45);
	fx_add_link(s, "lan", -1, 8000, RO_PPM);
	fx_add_server(s, "cap1", 0, 0);
	add_client(s, "pc95", 1, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	/* delay 15: K = 1, reboot in slot 2 (no windows: any slot on), e = 3 */
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->end[0], 3);
	/* delay 16: K = 2, from slot 3 the client is off to the horizon
	 * end: no restart in it; e = max(3, 8) + 1 = 9 */
	s->policy.reboot_delay_min = 16;
	one(&f, "client 'pc95' cannot reboot by the horizon end at slot 8 "
		"(2026-11-30T10:00): no reboot window or power-up leaves room "
		"for 1 reboot from slot 3 (2026-11-30T08:45)");
	ck_assert_int_eq(f.ev->reboot_delay_slots, 2);
	ck_assert_int_eq(f.ev->end[0], 9);
	ck_assert_int_eq(f.ev->reboots[3], 0);
	fix_done(&f);
}
END_TEST

/* Switched off after the copy, the client restarts at its power-up, in
 * no reboot window.  On all day but 08:45-09:15 (slots 3 and 4); the
 * window is slot 3 only.  Start 0: d = 1, K = 1, from slot 2: slot 2 is
 * on but no window and no power-up, 3 and 4 are off, 5 is a power-up
 * (slot 4 off): reboot in 5, e = 6. */
START_TEST(reboot_power_up)
{
	struct fix f;
	struct ro_site *s = site_std(8, 0);

	window_at_slot3(s);
	add_exception(s, 0, "2026-11-30T08:45", "2026-11-30T09:15", false);
	add_client(s, "pc95", 1, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->end[0], 6);
	ck_assert_int_eq(f.ev->reboots[5], 1);
	/* two reboots: the power-up and the slot after, e = 7 */
	s->clients[0].reboots = 2;
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->end[0], 7);
	ck_assert_int_eq(f.ev->reboots[5], 1);
	ck_assert_int_eq(f.ev->reboots[6], 1);
	fix_done(&f);
}
END_TEST

START_TEST(reboot_cap)
{
	struct fix f;
	struct ro_site *s = site_std(8, 0);

	s->policy.reboot_cap = 1;
	add_client(s, "pc95", 2, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	place(&f, 1, 0, RO_TRIG_PUSH);
	one(&f, "link 'lan' slot 2 (2026-11-30T08:30): 2 reboots, "
		"reboot-cap 1");
	place(&f, 1, 1, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	/* with the window at slot 3 only, starts 0 and 1 both wait for it:
	 * the cap counts the rule's reboot slot, not s + d + K */
	window_at_slot3(s);
	one(&f, "link 'lan' slot 3 (2026-11-30T08:45): 2 reboots, "
		"reboot-cap 1");
	ck_assert_int_eq(f.ev->reboots[2], 0);
	fix_done(&f);
}
END_TEST

START_TEST(availability)
{
	struct fix f;
	struct ro_site *s = site_std(8, 0);

	add_exception(s, 0, "2026-11-30T08:20", "2026-11-30T08:25", false);
	add_client(s, "pc", 1, 0, RO_TRIG_PUSH, 1000000);
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	one(&f, "client 'pc' is not available in slot 1 (2026-11-30T08:15)");
	ck_assert_int_eq(f.ev->dur[0], 2);
	ck_assert_int_eq(f.ev->charge[0], 500000);
	place(&f, 0, 2, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	fix_done(&f);
}
END_TEST

START_TEST(horizon)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "pc", 1, 0, RO_TRIG_PUSH, 1000000);
	fix_plan(&f, s);
	place(&f, 0, 3, RO_TRIG_PUSH);
	one(&f, "client 'pc' ends at slot 5 (2026-11-30T09:15), after the "
		"horizon end at slot 4 (2026-11-30T09:00)");
	ck_assert_int_eq(f.ev->load[3], 500000);
	ck_assert_int_eq(f.ev->end[0], 5);
	place(&f, 0, 4, RO_TRIG_PUSH);
	one(&f, "client 'pc' start slot 4 is outside the horizon (slots 0 to "
		"3)");
	ck_assert_int_eq(f.ev->placed, 0);
	fix_done(&f);
}
END_TEST

START_TEST(deadline)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "pc", 1, 0, RO_TRIG_PUSH, 1000000);
	fix_plan(&f, s);
	place(&f, 0, 1, RO_TRIG_PUSH);
	f.p->info.has_deadline = true;
	f.p->info.deadline = fx_time("2026-11-30T08:40");
	one(&f, "client 'pc' ends at slot 3 (2026-11-30T08:45), after the "
		"deadline 2026-11-30T08:40");
	f.p->info.deadline = fx_time("2026-11-30T08:45");
	ck_assert_int_eq(run(&f), 0);
	fix_done(&f);
}
END_TEST

START_TEST(not_an_opportunity)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	struct ro_client *c = add_client(s, "nt", 1, 0, RO_TRIG_CCIM, 450000);

	c->has_phase = true;
	c->phase = fx_time("2026-11-29T09:00");   /* + 23 h = 08:00, slot 0 */
	fix_plan(&f, s);
	place(&f, 0, 2, RO_TRIG_CCIM);
	one(&f, "client 'nt' start slot 2 (2026-11-30T08:30) is not a start "
		"opportunity");
	place(&f, 0, 0, RO_TRIG_CCIM);
	ck_assert_int_eq(run(&f), 0);
	fix_done(&f);
}
END_TEST

START_TEST(wrong_trigger)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	struct ro_client *c = add_client(s, "nt", 1, 0,
					 RO_TRIG_CCIM | RO_TRIG_PUSH, 450000);

	c->has_phase = true;
	c->phase = fx_time("2026-11-30T08:20");   /* slot 1 */
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_CCIM);
	one(&f, "client 'nt' start slot 0 (2026-11-30T08:00): trigger 'ccim' "
		"does not fire there (fires: push)");
	place(&f, 0, 0, RO_TRIG_LOGON);
	one(&f, "client 'nt' start slot 0 (2026-11-30T08:00): trigger 'logon' "
		"does not fire there (fires: push)");
	place(&f, 0, 0, 0);
	one(&f, "client 'nt' start slot 0 (2026-11-30T08:00): invalid "
		"trigger 0");
	place(&f, 0, 1, RO_TRIG_CCIM);
	ck_assert_int_eq(run(&f), 0);
	/* both fire in slot 1: the schedule names the first, ccim
	 * (docs/semantics.md, "Trigger occurrences") */
	place(&f, 0, 1, RO_TRIG_PUSH);
	one(&f, "client 'nt' start slot 1 (2026-11-30T08:15): trigger 'push' "
		"is not the first that fires there (fires: ccim push); name "
		"'ccim'");
	fix_done(&f);
}
END_TEST

START_TEST(ras_outside_office)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	/* in the office Mon 08:30-17:00: slots 2 and 3 */
	int32_t office = fx_add_calendar(s, "office", 8 * 60 + 30, 17 * 60);
	struct ro_client *c = add_client(s, "lap", 1, 0, RO_TRIG_PUSH, 450000);

	c->conn = RO_CONN_RAS;
	c->office = office;
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 2);
	ck_assert_str_eq(f.d.v[0].msg, "client 'lap' start slot 0 "
		"(2026-11-30T08:00) is not a start opportunity");
	ck_assert_str_eq(f.d.v[1].msg, "client 'lap' is away from the office "
		"(ras) in slot 0 (2026-11-30T08:00)");
	place(&f, 0, 2, RO_TRIG_PUSH);
	ck_assert_int_eq(run(&f), 0);
	fix_done(&f);
}
END_TEST

START_TEST(unplaced_reasons)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	int32_t never = fx_add_calendar(s, "office", 12 * 60, 13 * 60);
	int32_t brief = fx_add_calendar(s, "brief", 8 * 60, 8 * 60 + 15);
	struct ro_client *c;

	/* 0: fits: capacity */
	add_client(s, "fits", 1, 0, RO_TRIG_PUSH, 450000);
	/* 1: ccim only, next cycle at 10:00: no-opportunity */
	c = add_client(s, "noopp", 1, 0, RO_TRIG_CCIM, 450000);
	c->has_phase = true;
	c->phase = fx_time("2026-11-30T10:00");
	/* 2: ras, never in the office during the horizon: ras-only */
	c = add_client(s, "ras", 1, 0, RO_TRIG_PUSH, 450000);
	c->conn = RO_CONN_RAS;
	c->office = never;
	/* 3: d = 5 > T: horizon */
	add_client(s, "big", 1, 0, RO_TRIG_PUSH, 4000000);
	/* 4: on only in slot 0, d = 2: window-too-short */
	add_client(s, "short", 1, brief, RO_TRIG_PUSH, 1000000);
	/* 5: on only in slot 0, d = 1: the copy fits, but the restart (from
	 * slot 2) finds it off to the horizon end: horizon */
	add_client(s, "late95", 1, brief, RO_TRIG_PUSH, 450000)->reboots = 1;
	fix_plan(&f, s);
	unplace(&f, 0, RO_REASON_CAPACITY);
	unplace(&f, 1, RO_REASON_NO_OPPORTUNITY);
	unplace(&f, 2, RO_REASON_RAS_ONLY);
	unplace(&f, 3, RO_REASON_HORIZON);
	unplace(&f, 4, RO_REASON_WINDOW);
	unplace(&f, 5, RO_REASON_HORIZON);
	ck_assert_int_eq(run(&f), 0);
	ck_assert_int_eq(f.ev->dur[3], 5);
	ck_assert_int_eq(f.ev->end[0], -1);
	ck_assert_int_eq(f.ev->makespan, 0);

	unplace(&f, 0, RO_REASON_HORIZON);
	unplace(&f, 1, RO_REASON_CAPACITY);
	unplace(&f, 2, RO_REASON_NO_OPPORTUNITY);
	unplace(&f, 3, RO_REASON_WINDOW);
	unplace(&f, 4, RO_REASON_HORIZON);
	unplace(&f, 5, RO_REASON_WINDOW);
	ck_assert_int_eq(run(&f), 6);
	ck_assert_str_eq(f.d.v[0].msg, "client 'fits' is unplaced for "
		"'horizon', but the semantics give 'capacity' (it fits at slot "
		"0 (2026-11-30T08:00))");
	ck_assert_str_eq(f.d.v[1].msg, "client 'noopp' is unplaced for "
		"'capacity', but the semantics give 'no-opportunity'");
	ck_assert_str_eq(f.d.v[2].msg, "client 'ras' is unplaced for "
		"'no-opportunity', but the semantics give 'ras-only'");
	ck_assert_str_eq(f.d.v[3].msg, "client 'big' is unplaced for "
		"'window-too-short', but the semantics give 'horizon'");
	ck_assert_str_eq(f.d.v[4].msg, "client 'short' is unplaced for "
		"'horizon', but the semantics give 'window-too-short'");
	ck_assert_str_eq(f.d.v[5].msg, "client 'late95' is unplaced for "
		"'window-too-short', but the semantics give 'horizon'");

	unplace(&f, 0, RO_REASON_NONE);
	unplace(&f, 1, RO_REASON_NO_OPPORTUNITY);
	unplace(&f, 2, RO_REASON_RAS_ONLY);
	unplace(&f, 3, RO_REASON_HORIZON);
	unplace(&f, 4, RO_REASON_WINDOW);
	unplace(&f, 5, RO_REASON_HORIZON);
	one(&f, "client 'fits' is neither placed nor given a reason");
	fix_done(&f);
}
END_TEST

START_TEST(group_names)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "solo", 1, 0, RO_TRIG_PUSH, 450000);
	add_client(s, "br", 12, 0, RO_TRIG_PUSH, 100);
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	for (int i = 1; i <= 12; i++)
		place(&f, (size_t)i, 1, RO_TRIG_PUSH);
	place(&f, 12, 1, RO_TRIG_LOGON);
	one(&f, "client 'br-12' start slot 1 (2026-11-30T08:15): trigger "
		"'logon' does not fire there (fires: push)");
	ck_assert_int_eq(f.ev->load[1], 1200);
	ck_assert_int_eq(f.ev->placed, 13);
	ck_assert_int_eq(f.ev->completion_sum, 1 + 12 * 2);
	fix_done(&f);
}
END_TEST

/*
 * What a schedule file states, filled in as the writer would from the
 * verifier's own figures, with made-up lines: client i on line 10 + i, its
 * reboots on line 50 + i, the summary on line 5, link slot j on line
 * 100 + j, the actions from line 200.  Each test below then
 * breaks one claim.
 */
static void state_actions(struct fix *f);

static void state_all(struct fix *f)
{
	const struct ro_site *s = f->s;
	struct ro_stated *st;
	int32_t T = s->horizon.nslots;
	size_t i = 0;

	ro_stated_free(f->p->stated);
	f->p->stated = NULL;
	ck_assert_int_eq(run(f), 0);
	st = f->p->stated = ro_stated_new(f->p->n, s->nlinks, T);
	ck_assert_ptr_nonnull(st);
	st->summary_line = 5;
	st->placed = f->ev->placed;
	st->unplaced = (int64_t)f->p->n - f->ev->placed;
	st->placed_weight = f->ev->placed_weight;
	st->makespan_slots = f->ev->makespan;
	st->makespan_at = ro_slot_time(s, f->ev->makespan);
	st->completion_sum = f->ev->completion_sum;
	st->peak4 = 0;
	for (size_t j = 0; j < s->nlinks * (size_t)T; j++) {
		st->load[j] = f->ev->load[j];
		st->usable[j] = f->ev->usable[j];
		st->slot_line[j] = (int32_t)(100 + j);
		if (st->usable[j] > 0) {
			/* rounded half up to four decimals, as written */
			st->util4[j] = (st->load[j] * 20000 + st->usable[j]) /
				       (2 * st->usable[j]);
			if (st->util4[j] > st->peak4)
				st->peak4 = st->util4[j];
		}
	}
	st->reboot = ro_malloc((f->p->n + 1) * 4 * sizeof *st->reboot);
	ck_assert_ptr_nonnull(st->reboot);
	for (size_t r = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			struct ro_stated_client *c = &st->client[i];
			const struct ro_assign *a = &f->p->a[i];
			int64_t xend = (int64_t)a->start + f->ev->dur[r];

			if (a->start < 0)
				continue;
			c->line = (long)(10 + i);
			c->xfer_end = ro_slot_time(s, xend);
			c->end = ro_slot_time(s, f->ev->end[i]);
			c->slots = f->ev->dur[r];
			c->bytes = s->clients[r].bytes;
			c->server = s->clients[r].server;
			c->reboot0 = st->nreboot;
			ck_assert_int_le(s->clients[r].reboots, 4);
			/* the block ends at the completion */
			for (int j = 0; j < s->clients[r].reboots; j++) {
				st->reboot[st->nreboot].line = (long)(50 + i);
				st->reboot[st->nreboot++].at = ro_slot_time(
					s, (int64_t)f->ev->end[i] -
					   s->clients[r].reboots + j);
			}
			c->nreboots = (uint32_t)s->clients[r].reboots;
		}
	state_actions(f);
	ck_assert_msg(run(f) == 0, "%ld violations, the first: %s", f->n,
		      f->d.n ? f->d.v[0].msg : "");
}

/* Appends an action to st (arrays sized by state_all); returns it. */
static struct ro_stated_action *act(struct ro_stated *st,
				    enum ro_action_kind kind, ro_time at,
				    long line)
{
	struct ro_stated_action *a = &st->action[st->naction++];

	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->at = at;
	a->line = line;
	a->client0 = st->nclient_of;
	return a;
}

/* Lists client i in a, which must be the last action given clients. */
static void act_client(struct ro_stated *st, struct ro_stated_action *a,
		       size_t i)
{
	st->client_of[st->nclient_of++] = (int64_t)i;
	a->nclients++;
}

/* The actions docs/schedule-format.md asks for, in time order, on lines
 * 200, 201, ...: logon scripts off at the horizon start, expiry at the
 * first start, the logon step of the policy, one push per start slot,
 * re-enabling at the last completion. */
static void state_actions(struct fix *f)
{
	const struct ro_site *s = f->s;
	struct ro_stated *st = f->p->stated;
	int32_t T = s->horizon.nslots, first = -1, first_logon = -1;
	ro_time H0 = s->horizon.start;
	long ln = 200;

	st->action = ro_calloc((size_t)T + 8, sizeof *st->action);
	st->client_of = ro_calloc(f->p->n + 1, sizeof *st->client_of);
	ck_assert(st->action && st->client_of);
	for (size_t i = 0; i < f->p->n; i++) {
		int32_t t = f->p->a[i].start;
		if (t < 0)
			continue;
		if (first < 0 || t < first)
			first = t;
		if (f->p->a[i].trigger == RO_TRIG_LOGON &&
		    (first_logon < 0 || t < first_logon))
			first_logon = t;
	}
	act(st, RO_ACT_LOGON_OFF, H0, ln++);
	if (s->policy.expire_adverts && first >= 0)
		act(st, RO_ACT_EXPIRE, ro_slot_time(s, first), ln++);
	/* the tests' horizons lie within one day: one list */
	if (s->policy.logon == RO_LOGON_PHASED && first_logon >= 0) {
		struct ro_stated_action *l = act(st, RO_ACT_LOGON_ON, H0, ln++);
		for (size_t i = 0; i < f->p->n; i++)
			if (f->p->a[i].start >= 0 &&
			    f->p->a[i].trigger == RO_TRIG_LOGON)
				act_client(st, l, i);
	}
	for (int32_t t = 0; t < T; t++) {
		struct ro_stated_action *a = NULL;
		if (t == first_logon && s->policy.logon == RO_LOGON_ENABLED)
			act(st, RO_ACT_LOGON_ON, ro_slot_time(s, t), ln++)
				->scope_all = true;
		for (size_t i = 0; i < f->p->n; i++)
			if (f->p->a[i].start == t &&
			    f->p->a[i].trigger == RO_TRIG_PUSH) {
				if (!a)
					a = act(st, RO_ACT_PUSH,
						ro_slot_time(s, t), ln++);
				act_client(st, a, i);
			}
	}
	if (s->policy.expire_adverts && first >= 0)
		act(st, RO_ACT_REENABLE, ro_slot_time(s, f->ev->makespan), ln++);
}

/* Asserts exactly one violation, with text msg, on line ln. */
static void one_at(struct fix *f, long ln, const char *msg)
{
	one(f, msg);
	ck_assert_int_eq(f->d.v[0].line, ln);
}

/* Four clients of 450,000 bytes, two per slot in slots 0 and 1 (makespan
 * 2, completion sum 1 + 1 + 2 + 2 = 6, both slots full: peak 1.0000), and
 * a Win95 "pc95" of 450,000 bytes from slot 2: transfer end 08:45 (slot
 * 3), reboot delay 15 minutes so K = 1 and, with no reboot windows, the
 * reboot is in slot 4 (09:00), completion slot 5 (09:15).  Makespan 5,
 * sum 6 + 5 = 11.  With window, the only reboot window is 09:15-09:30
 * (slot 5): pc95, on since 08:00, waits for it: reboot at 09:15,
 * completion slot 6 (09:30), makespan 6, sum 12. */
static void fix_stated_with(struct fix *f, bool window)
{
	struct ro_site *s = site_std(8, 0);

	if (window) {
		s->policy.reboot_windows =
			ro_malloc(sizeof *s->policy.reboot_windows);
		ck_assert_ptr_nonnull(s->policy.reboot_windows);
		s->policy.reboot_windows[0].from = 9 * 60 + 15;
		s->policy.reboot_windows[0].to = 9 * 60 + 30;
		s->policy.nreboot_windows = 1;
	}
	add_client(s, "pc", 4, 0, RO_TRIG_PUSH, 450000);
	add_client(s, "pc95", 1, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	fix_plan(f, s);
	place(f, 0, 0, RO_TRIG_PUSH);
	place(f, 1, 0, RO_TRIG_PUSH);
	place(f, 2, 1, RO_TRIG_PUSH);
	place(f, 3, 1, RO_TRIG_PUSH);
	place(f, 4, 2, RO_TRIG_PUSH);
	state_all(f);
	ck_assert_int_eq(f->ev->makespan, window ? 6 : 5);
	ck_assert_int_eq(f->ev->completion_sum, window ? 12 : 11);
	ck_assert_int_eq(f->p->stated->reboot[0].at,
			 fx_time(window ? "2026-11-30T09:15" : "2026-11-30T09:00"));
}

static void fix_stated(struct fix *f)
{
	fix_stated_with(f, false);
}

START_TEST(stated_transfer_end)
{
	struct fix f;

	fix_stated(&f);
	f.p->stated->client[4].xfer_end = fx_time("2026-11-30T09:00");
	one_at(&f, 14, "client 'pc95': the schedule states transfer-end "
	       "2026-11-30T09:00, the plan gives 2026-11-30T08:45 (slot 3)");
	/* absent (a schedule from before the attribute): not checked */
	f.p->stated->client[4].xfer_end = RO_UNSTATED;
	ck_assert_int_eq(run(&f), 0);
	fix_done(&f);
}
END_TEST

START_TEST(stated_end)
{
	struct fix f;

	fix_stated(&f);
	f.p->stated->client[4].end = fx_time("2026-11-30T09:00");
	one_at(&f, 14, "client 'pc95': the schedule states end "
	       "2026-11-30T09:00, the plan gives 2026-11-30T09:15 (slot 5)");
	fix_done(&f);
}
END_TEST

START_TEST(stated_slots_bytes_cap)
{
	struct fix f;

	fix_stated(&f);
	fx_add_server(f.s, "cap2", 0, 0);
	f.p->stated->client[1].slots = 7;
	one_at(&f, 11, "client 'pc-2': the schedule states slots 7, the plan "
	       "gives 1");
	f.p->stated->client[1].slots = 1;
	f.p->stated->client[1].bytes = 1;
	one_at(&f, 11, "client 'pc-2': the schedule states bytes 1, the site "
	       "gives 450000");
	f.p->stated->client[1].bytes = 450000;
	f.p->stated->client[1].server = 1;
	one_at(&f, 11, "client 'pc-2': the schedule states cap 'cap2', the "
	       "site gives 'cap1'");
	fix_done(&f);
}
END_TEST

START_TEST(stated_reboot_delay)
{
	struct fix f;

	fix_stated(&f);
	/* the reboot moved onto the end of the copy: 0 minutes of delay */
	f.p->stated->reboot[0].at = fx_time("2026-11-30T08:45");
	one_at(&f, 54, "client 'pc95' reboot at 2026-11-30T08:45 is 0 minutes "
	       "after its transfer ends (2026-11-30T08:45), less than the "
	       "reboot delay of 15 minutes");
	/* 10 minutes after, off the slot grid */
	f.p->stated->reboot[0].at = fx_time("2026-11-30T08:55");
	one_at(&f, 54, "client 'pc95' reboot at 2026-11-30T08:55 is 10 minutes "
	       "after its transfer ends (2026-11-30T08:45), less than the "
	       "reboot delay of 15 minutes");
	f.p->stated->reboot[0].at = fx_time("2026-11-30T08:30");
	one_at(&f, 54, "client 'pc95' reboot at 2026-11-30T08:30 is before its "
	       "transfer ends (2026-11-30T08:45)");
	fix_done(&f);
}
END_TEST

START_TEST(stated_reboot_time)
{
	struct fix f;

	fix_stated(&f);
	/* late rather than early: not the delay, but not the plan either */
	f.p->stated->reboot[0].at = fx_time("2026-11-30T09:30");
	one_at(&f, 54, "client 'pc95': the schedule states reboot 1 at "
	       "2026-11-30T09:30, the plan gives 2026-11-30T09:00 (slot 4)");
	fix_done(&f);
}
END_TEST

/* A schedule written by the old rule (first reboot at s + d + K, here
 * 09:00) where the rule gives a later one (the window at 09:15). */
START_TEST(stated_old_rule_reboot)
{
	struct fix f;

	fix_stated_with(&f, true);
	f.p->stated->reboot[0].at = fx_time("2026-11-30T09:00");
	one_at(&f, 54, "client 'pc95': the schedule states reboot 1 at "
	       "2026-11-30T09:00, the plan gives 2026-11-30T09:15 (slot 5)");
	/* and its completion, one slot after that reboot */
	f.p->stated->client[4].end = fx_time("2026-11-30T09:15");
	ck_assert_int_eq(run(&f), 2);
	ck_assert_str_eq(f.d.v[0].msg, "client 'pc95': the schedule states end "
			 "2026-11-30T09:15, the plan gives 2026-11-30T09:30 "
			 "(slot 6)");
	ck_assert_int_eq(f.d.v[0].line, 14);
	ck_assert_int_eq(f.d.v[1].line, 54);
	/* 15 minutes after the copy is still no breach of the delay */
	ck_assert_ptr_null(strstr(f.d.v[1].msg, "reboot delay"));
	fix_done(&f);
}
END_TEST

START_TEST(stated_reboot_count)
{
	struct fix f;

	fix_stated(&f);
	f.p->stated->client[4].nreboots = 0;
	one_at(&f, 14, "client 'pc95': the schedule states 0 reboots, the site "
	       "gives 1");
	f.p->stated->client[4].nreboots = 1;
	f.p->stated->client[0].nreboots = 1;   /* pc-1: winnt, none */
	f.p->stated->client[0].reboot0 = 0;
	one_at(&f, 10, "client 'pc-1': the schedule states 1 reboot, the site "
	       "gives 0");
	fix_done(&f);
}
END_TEST

START_TEST(stated_summary_counts)
{
	struct fix f;

	fix_stated(&f);
	f.p->stated->placed = 4;
	one_at(&f, 5, "the schedule states 4 clients placed, the plan places "
	       "5");
	f.p->stated->placed = 5;
	f.p->stated->unplaced = 1;
	one_at(&f, 5, "the schedule states 1 client unplaced, the plan leaves "
	       "0");
	f.p->stated->unplaced = 0;
	f.p->stated->placed_weight = 9;
	one_at(&f, 5, "the schedule states a placed weight of 9, the plan "
	       "gives 5");
	f.p->stated->placed_weight = 5;
	f.p->stated->completion_sum = 1;
	one_at(&f, 5, "the schedule states a completion sum of 1, the plan "
	       "gives 11");
	fix_done(&f);
}
END_TEST

START_TEST(stated_makespan)
{
	struct fix f;

	fix_stated(&f);
	f.p->stated->makespan_slots = 3;
	one_at(&f, 5, "the schedule states a makespan of 3 slots "
	       "(2026-11-30T08:45), the plan gives 5 (2026-11-30T09:15)");
	f.p->stated->makespan_slots = 5;
	f.p->stated->makespan_at = fx_time("2026-11-30T09:00");
	one_at(&f, 5, "the schedule states the last client completes at "
	       "2026-11-30T09:00, the plan gives 2026-11-30T09:15 (slot 5)");
	fix_done(&f);
}
END_TEST

START_TEST(stated_peak)
{
	struct fix f;

	fix_stated(&f);
	ck_assert_int_eq(f.p->stated->peak4, 10000);
	f.p->stated->peak4 = 5000;
	one_at(&f, 5, "the schedule states a peak utilisation of 0.5000, the "
	       "plan gives 1.0000");
	fix_done(&f);
}
END_TEST

START_TEST(stated_slot_figures)
{
	struct fix f;
	struct ro_stated *st;

	fix_stated(&f);
	st = f.p->stated;
	/* slot 2 (08:30): pc95's 450,000 of 900,000 usable: 0.5000 */
	ck_assert_int_eq(st->util4[2], 5000);
	st->load[2] = 5;
	one_at(&f, 102, "link 'lan' slot 2 (2026-11-30T08:30): the schedule "
	       "states 5 bytes, the plan gives 450000");
	st->load[2] = RO_UNSTATED;   /* a slot the file does not list */
	ck_assert_int_eq(run(&f), 0);
	st->usable[2] = 1000000;
	one_at(&f, 102, "link 'lan' slot 2 (2026-11-30T08:30): the schedule "
	       "states 1000000 usable bytes, the site gives 900000");
	st->usable[2] = 900000;
	st->util4[2] = 4999;
	one_at(&f, 102, "link 'lan' slot 2 (2026-11-30T08:30): the schedule "
	       "states a utilisation of 0.4999, the plan gives 0.5000");
	fix_done(&f);
}
END_TEST

START_TEST(stated_utilisation_nothing_usable)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	struct ro_profile *pr;

	/* background 100 % in the whole week: U = 0 everywhere */
	ck_assert(ro_grow((void **)&s->profiles, 0, sizeof *s->profiles));
	pr = &s->profiles[0];
	memset(pr, 0, sizeof *pr);
	pr->id = fx_str(s, "full");
	pr->default_ppm = RO_PPM;
	s->nprofiles = 1;
	s->links[0].profile = 0;
	fix_plan(&f, s);
	state_all(&f);
	ck_assert_int_eq(f.p->stated->util4[1], -1);
	f.p->stated->util4[1] = 0;
	one_at(&f, 101, "link 'lan' slot 1 (2026-11-30T08:15): the schedule "
	       "states a utilisation of 0.0000, but nothing is usable there");
	fix_done(&f);
}
END_TEST


/* ------------------------------ actions ------------------------------ */

/* Removes action j of st, keeping the order of the others. */
static void drop(struct ro_stated *st, size_t j)
{
	memmove(&st->action[j], &st->action[j + 1],
		(st->naction - j - 1) * sizeof *st->action);
	st->naction--;
}

static void swap_actions(struct ro_stated *st, size_t a, size_t b)
{
	struct ro_stated_action t = st->action[a];

	st->action[a] = st->action[b];
	st->action[b] = t;
}

/* fix_stated's actions (policy enabled, advertisements expire, nothing by
 * logon): 200 logon scripts off 08:00, 201 expire 08:00, 202 push 08:00
 * pc-1 pc-2, 203 push 08:15 pc-3 pc-4, 204 push 08:30 pc95, 205 re-enable
 * 09:15 (pc95's completion). */
START_TEST(actions_as_written)
{
	struct fix f;
	struct ro_stated *st;

	fix_stated(&f);
	st = f.p->stated;
	ck_assert_uint_eq(st->naction, 6);
	ck_assert_int_eq(st->action[0].kind, RO_ACT_LOGON_OFF);
	ck_assert_int_eq(st->action[4].kind, RO_ACT_PUSH);
	ck_assert_int_eq(st->action[4].at, fx_time("2026-11-30T08:30"));
	ck_assert_int_eq(st->action[5].at, fx_time("2026-11-30T09:15"));
	fix_done(&f);
}
END_TEST

START_TEST(actions_time_order)
{
	struct fix f;

	fix_stated(&f);
	swap_actions(f.p->stated, 2, 3);
	one_at(&f, 202, "<push> at 2026-11-30T08:00 comes after <push> at "
	       "2026-11-30T08:15; actions are in time order");
	fix_done(&f);
}
END_TEST

START_TEST(actions_advertisements)
{
	struct fix f;
	struct ro_stated *st;

	fix_stated(&f);
	st = f.p->stated;
	/* expired after the first start (moved behind the first push) */
	st->action[1].at = fx_time("2026-11-30T08:15");
	swap_actions(st, 1, 2);
	one_at(&f, 201, "<expire-advertisements> at 2026-11-30T08:15 is after "
	       "the first start at 2026-11-30T08:00 (client 'pc-1')");
	swap_actions(st, 1, 2);
	st->action[1].at = fx_time("2026-11-30T08:00");
	/* re-enabled before pc95 completes */
	st->action[5].at = fx_time("2026-11-30T09:00");
	one_at(&f, 205, "<reenable-advertisements> at 2026-11-30T09:00 is "
	       "before the last completion at 2026-11-30T09:15");
	st->action[5].at = fx_time("2026-11-30T09:15");
	ck_assert_int_eq(run(&f), 0);
	/* a second expiry instead of the re-enabling */
	st->action[5].kind = RO_ACT_EXPIRE;
	ck_assert_int_eq(run(&f), 2);
	ck_assert_str_eq(f.d.v[0].msg, "a second <expire-advertisements> at "
			 "2026-11-30T09:15 (the first is at line 201)");
	ck_assert_int_eq(f.d.v[0].line, 205);
	ck_assert_str_eq(f.d.v[1].msg, "the policy expires advertisements, but "
			 "no <reenable-advertisements> follows the last "
			 "completion at 2026-11-30T09:15");
	ck_assert_int_eq(f.d.v[1].line, 0);
	st->action[5].kind = RO_ACT_REENABLE;
	/* no expiry at all */
	drop(st, 1);
	one_at(&f, 0, "the policy expires advertisements, but no "
	       "<expire-advertisements> precedes the first start at "
	       "2026-11-30T08:00 (client 'pc-1')");
	/* a policy that keeps them: the re-enabling is one too many */
	f.s->policy.expire_adverts = false;
	one_at(&f, 205, "<reenable-advertisements> at 2026-11-30T09:15, but the "
	       "policy keeps advertisements");
	fix_done(&f);
}
END_TEST

START_TEST(actions_logon_off)
{
	struct fix f;
	struct ro_stated *st;

	fix_stated(&f);
	st = f.p->stated;
	/* a second one, after everything */
	act(st, RO_ACT_LOGON_OFF, fx_time("2026-11-30T09:30"), 206);
	one_at(&f, 206, "a second <disable-logon-scripts> at 2026-11-30T09:30 "
	       "(the first is at line 200)");
	/* only that one: too late */
	drop(st, 0);
	one_at(&f, 206, "<disable-logon-scripts> at 2026-11-30T09:30 is after "
	       "the first start at 2026-11-30T08:00 (client 'pc-1')");
	/* none */
	drop(st, st->naction - 1);
	one_at(&f, 0, "no <disable-logon-scripts> switches the logon scripts "
	       "off for everyone before the first start at 2026-11-30T08:00 "
	       "(client 'pc-1')");
	fix_done(&f);
}
END_TEST

START_TEST(actions_logon_disabled_policy)
{
	struct fix f;

	fix_stated(&f);
	f.s->policy.logon = RO_LOGON_DISABLED;
	ck_assert_int_eq(run(&f), 0);
	act(f.p->stated, RO_ACT_LOGON_ON, fx_time("2026-11-30T09:30"), 206)
		->scope_all = true;
	one_at(&f, 206, "<enable-logon-scripts> at 2026-11-30T09:30, but the "
	       "policy disables logon scripts");
	fix_done(&f);
}
END_TEST

/* Push client "pc" at slot 0 and two logon clients "lg" whose calendar
 * opens at 08:15: their logon (the first of the day, ready at the horizon
 * start) is slot 1, completion slot 2 (08:30).  Actions with policy
 * enabled: 200 off 08:00, 201 expire 08:00, 202 push 08:00 pc, 203 on for
 * all 08:15, 204 re-enable 08:30; phased: 200 off, 201 expire, 202 list
 * lg-1 lg-2 at 08:00, 203 push pc, 204 re-enable. */
static void fix_logon(struct fix *f, enum ro_logon_policy pol)
{
	struct ro_site *s = site_std(8, 0);
	int32_t day = fx_add_calendar(s, "day", 8 * 60 + 15, 17 * 60);

	s->policy.logon = pol;
	add_client(s, "pc", 1, 0, RO_TRIG_PUSH, 450000);
	add_client(s, "lg", 2, day, RO_TRIG_LOGON, 450000);
	fix_plan(f, s);
	place(f, 0, 0, RO_TRIG_PUSH);
	place(f, 1, 1, RO_TRIG_LOGON);
	place(f, 2, 1, RO_TRIG_LOGON);
	state_all(f);
	ck_assert_uint_eq(f->p->stated->naction, 5);
}

START_TEST(actions_logon_enabled)
{
	struct fix f;
	struct ro_stated *st;

	fix_logon(&f, RO_LOGON_ENABLED);
	st = f.p->stated;
	ck_assert(st->action[3].scope_all);
	ck_assert_int_eq(st->action[3].at, fx_time("2026-11-30T08:15"));
	/* on for all too late */
	st->action[3].at = fx_time("2026-11-30T08:30");
	one_at(&f, 203, "<enable-logon-scripts scope=\"all\"> at "
	       "2026-11-30T08:30 is after the first start by logon at "
	       "2026-11-30T08:15 (client 'lg-1')");
	st->action[3].at = fx_time("2026-11-30T08:15");
	/* twice */
	act(st, RO_ACT_LOGON_ON, fx_time("2026-11-30T09:00"), 205)
		->scope_all = true;
	one_at(&f, 205, "a second <enable-logon-scripts scope=\"all\"> at "
	       "2026-11-30T09:00 (the first is at line 203)");
	drop(st, 5);
	/* a list instead of all */
	st->action[3].scope_all = false;
	ck_assert_int_eq(run(&f), 2);
	ck_assert_str_eq(f.d.v[0].msg, "<enable-logon-scripts> at "
			 "2026-11-30T08:15 lists clients, but the policy enables "
			 "logon scripts for all (scope=\"all\")");
	ck_assert_str_eq(f.d.v[1].msg, "client 'lg-1' starts by logon at "
			 "2026-11-30T08:15, but no <enable-logon-scripts "
			 "scope=\"all\"> switches the scripts on");
	ck_assert_int_eq(f.d.v[1].line, 11);
	st->action[3].scope_all = true;
	/* before the scripts are switched off */
	swap_actions(st, 0, 3);
	st->action[3].at = st->action[0].at;
	st->action[0].at = fx_time("2026-11-30T08:00");
	st->action[3].at = fx_time("2026-11-30T08:15");
	ck_assert_int_eq(run(&f), 2);
	ck_assert_str_eq(f.d.v[0].msg, "<enable-logon-scripts> at "
			 "2026-11-30T08:00 comes before the "
			 "<disable-logon-scripts> that switches the scripts off "
			 "for everyone");
	ck_assert_str_eq(f.d.v[1].msg, "<disable-logon-scripts> at "
			 "2026-11-30T08:15 is after the first start at "
			 "2026-11-30T08:00 (client 'pc')");
	fix_done(&f);

	/* nothing starts by logon: switching the scripts on for all would
	 * start the logon clients the plan leaves out */
	fix_logon(&f, RO_LOGON_ENABLED);
	unplace(&f, 1, RO_REASON_CAPACITY);
	unplace(&f, 2, RO_REASON_CAPACITY);
	state_all(&f);
	act(f.p->stated, RO_ACT_LOGON_ON, fx_time("2026-11-30T08:15"), 205)
		->scope_all = true;
	one_at(&f, 205, "<enable-logon-scripts scope=\"all\"> at "
	       "2026-11-30T08:15, but no client starts by logon");
	fix_done(&f);
}
END_TEST

START_TEST(actions_logon_phased)
{
	struct fix f;
	struct ro_stated *st;
	struct ro_stated_action *a;

	fix_logon(&f, RO_LOGON_PHASED);
	st = f.p->stated;
	ck_assert_int_eq(st->action[2].kind, RO_ACT_LOGON_ON);
	ck_assert_uint_eq(st->action[2].nclients, 2);
	/* lg-2 left off the day's list */
	st->action[2].nclients = 1;
	one_at(&f, 12, "client 'lg-2' starts by logon at 2026-11-30T08:15, but "
	       "no <enable-logon-scripts> lists it");
	st->action[2].nclients = 2;
	/* lg-1 listed again, later */
	a = act(st, RO_ACT_LOGON_ON, fx_time("2026-11-30T09:00"), 205);
	act_client(st, a, 1);
	one_at(&f, 11, "client 'lg-1' is listed 2 times in "
	       "<enable-logon-scripts>; list it once, on the day of its start");
	/* ... or only there: after its start; or on another day */
	st->client_of[st->action[2].client0] = 2;   /* the list: lg-2, lg-2 */
	st->action[2].nclients = 1;
	one_at(&f, 205, "client 'lg-1' starts by logon at 2026-11-30T08:15, but "
	       "<enable-logon-scripts> at 2026-11-30T09:00 lists it only after "
	       "its start");
	st->action[5].at = fx_time("2026-12-01T00:00");
	one_at(&f, 205, "client 'lg-1' starts by logon at 2026-11-30T08:15, but "
	       "<enable-logon-scripts> at 2026-12-01T00:00 lists it on another "
	       "day");
	/* a client the plan pushes in a list */
	st->action[5].at = fx_time("2026-11-30T09:00");
	st->client_of[st->action[5].client0] = 0;
	st->client_of[st->action[2].client0] = 1;
	st->action[2].nclients = 2;
	one_at(&f, 205, "client 'pc' is listed in <enable-logon-scripts> at "
	       "2026-11-30T09:00, but the plan starts it by push at "
	       "2026-11-30T08:00");
	drop(st, 5);
	ck_assert_int_eq(run(&f), 0);
	/* everyone at once */
	st->action[2].scope_all = true;
	st->action[2].nclients = 0;
	ck_assert_int_eq(run(&f), 3);
	ck_assert_str_eq(f.d.v[0].msg, "<enable-logon-scripts scope=\"all\"> "
			 "at 2026-11-30T08:00 would start every logon client at "
			 "once; the policy is phased: list the clients of each "
			 "day");
	ck_assert_int_eq(f.d.v[0].line, 202);
	fix_done(&f);

	/* a client the plan leaves out (capacity) in a list of its own */
	fix_logon(&f, RO_LOGON_PHASED);
	unplace(&f, 2, RO_REASON_CAPACITY);
	state_all(&f);
	a = act(f.p->stated, RO_ACT_LOGON_ON, fx_time("2026-11-30T09:00"), 205);
	act_client(f.p->stated, a, 2);
	one_at(&f, 205, "client 'lg-2' is listed in <enable-logon-scripts> at "
	       "2026-11-30T09:00, but the plan leaves it unplaced");
	fix_done(&f);
}
END_TEST

START_TEST(actions_push)
{
	struct fix f;
	struct ro_stated *st;

	fix_stated(&f);
	st = f.p->stated;
	/* pc95 left out of its push */
	st->action[4].nclients = 0;
	one_at(&f, 14, "client 'pc95' starts by push at 2026-11-30T08:30, but "
	       "no <push> lists it");
	st->action[4].nclients = 1;
	/* pushed at the wrong time */
	st->action[4].at = fx_time("2026-11-30T08:45");
	one_at(&f, 204, "client 'pc95' is pushed at 2026-11-30T08:45, but the "
	       "plan starts it at 2026-11-30T08:30");
	st->action[4].at = fx_time("2026-11-30T08:30");
	/* pushed twice */
	act_client(st, &st->action[4], 4);
	one_at(&f, 14, "client 'pc95' is pushed 2 times; push it once, at its "
	       "start");
	fix_done(&f);

	/* a pushed client that the plan leaves out (it fits: capacity),
	 * added to the last push (08:15) */
	fix_stated(&f);
	unplace(&f, 4, RO_REASON_CAPACITY);
	state_all(&f);
	ck_assert_int_eq(f.p->stated->action[3].at, fx_time("2026-11-30T08:15"));
	act_client(f.p->stated, &f.p->stated->action[3], 4);
	one_at(&f, 203, "client 'pc95' is pushed at 2026-11-30T08:15, but the "
	       "plan leaves it unplaced");
	fix_done(&f);
}
END_TEST

START_TEST(bad_arguments)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	struct ro_site *other = site_std(4, 0);
	struct ro_plan *p2;

	add_client(s, "pc", 2, 0, RO_TRIG_PUSH, 450000);
	add_client(other, "pc", 3, 0, RO_TRIG_PUSH, 450000);
	fix_plan(&f, s);
	ck_assert_int_eq(ro_verify(NULL, f.x, f.p, &f.ev, &f.d), -1);
	ck_assert_ptr_null(f.ev);
	ck_assert_int_eq(ro_verify(s, NULL, f.p, NULL, &f.d), -1);
	ck_assert_int_eq(ro_verify(s, f.x, NULL, NULL, &f.d), -1);
	ck_assert_int_eq(ro_verify(s, f.x, f.p, NULL, NULL), -1);
	p2 = ro_plan_new(other);
	ck_assert_ptr_nonnull(p2);
	ck_assert_int_eq(ro_verify(s, f.x, p2, NULL, &f.d), -1);
	ck_assert_str_eq(f.d.v[f.d.n - 1].msg, "cannot verify: the plan does "
			 "not belong to the site");
	ro_plan_free(p2);
	ro_site_free(other);
	ro_eval_free(NULL);
	fix_done(&f);
}
END_TEST

START_TEST(allocation_failures)
{
	struct fix f;
	struct ro_site *s = site_std(8, 0);
	long live, rc = -1;

	add_client(s, "pc", 3, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	add_client(s, "x", 1, 0, RO_TRIG_PUSH, 450000);
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	place(&f, 1, 0, RO_TRIG_PUSH);
	place(&f, 2, 1, RO_TRIG_PUSH);
	unplace(&f, 3, RO_REASON_CAPACITY);
	for (long n = 1; n < 300 && rc < 0; n++) {
		live = ro_alloc_live();
		struct ro_expand *x = ro_expand_new(s);
		ck_assert_ptr_nonnull(x);
		ro_alloc_fail_at(n, 1);
		rc = ro_verify(s, x, f.p, &f.ev, &f.d);
		ro_alloc_fail_at(0, 0);
		if (rc < 0)
			ck_assert_ptr_null(f.ev);
		ro_expand_free(x);
		ro_diag_release(&f.d);
		if (rc < 0)
			ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert_int_eq(rc, 0);
	fix_done(&f);
}
END_TEST

START_TEST(bad_record)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "pc", 2, 0, RO_TRIG_PUSH, 450000)->calendar = 7;
	fix_plan(&f, s);
	place(&f, 0, 0, RO_TRIG_PUSH);
	one(&f, "client 'pc-1' refers to a calendar, link or cap the site does "
		"not have");
	ck_assert_int_eq(f.ev->end[0], -1);
	ck_assert_int_eq(f.ev->placed, 0);
	fix_done(&f);
}
END_TEST

Suite *suite_verify(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = fx_tcase_create("figures");

	tcase_add_test(tc, feasible_exact_figures);
	tcase_add_test(tc, usable_with_background_and_share);
	tcase_add_test(tc, rate_and_path);
	tcase_add_test(tc, group_names);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("violations");
	tcase_add_test(tc, link_capacity);
	tcase_add_test(tc, cap_concurrency);
	tcase_add_test(tc, reboot_window);
	tcase_add_test(tc, reboot_power_up);
	tcase_add_test(tc, reboot_delay);
	tcase_add_test(tc, reboot_cap);
	tcase_add_test(tc, availability);
	tcase_add_test(tc, horizon);
	tcase_add_test(tc, deadline);
	tcase_add_test(tc, not_an_opportunity);
	tcase_add_test(tc, wrong_trigger);
	tcase_add_test(tc, ras_outside_office);
	tcase_add_test(tc, unplaced_reasons);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("stated");
	tcase_add_test(tc, stated_transfer_end);
	tcase_add_test(tc, stated_end);
	tcase_add_test(tc, stated_slots_bytes_cap);
	tcase_add_test(tc, stated_reboot_delay);
	tcase_add_test(tc, stated_reboot_time);
	tcase_add_test(tc, stated_old_rule_reboot);
	tcase_add_test(tc, stated_reboot_count);
	tcase_add_test(tc, stated_summary_counts);
	tcase_add_test(tc, stated_makespan);
	tcase_add_test(tc, stated_peak);
	tcase_add_test(tc, stated_slot_figures);
	tcase_add_test(tc, stated_utilisation_nothing_usable);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("actions");
	tcase_add_test(tc, actions_as_written);
	tcase_add_test(tc, actions_time_order);
	tcase_add_test(tc, actions_advertisements);
	tcase_add_test(tc, actions_logon_off);
	tcase_add_test(tc, actions_logon_disabled_policy);
	tcase_add_test(tc, actions_logon_enabled);
	tcase_add_test(tc, actions_logon_phased);
	tcase_add_test(tc, actions_push);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("limits");
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, bad_record);
	tcase_add_test(tc, allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}
