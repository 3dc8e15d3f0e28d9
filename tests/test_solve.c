/*
 * test_solve.c - the planner on hand-worked cases (issue: the planner).
 *
 * Every site below is small enough to work out by hand; the arithmetic is in
 * the comments.  Units: a 1 MB payload is S = 1,048,576 bytes; with share 1
 * and no background a link of c kbit/s carries U = c * 1000 * 900 / 8 =
 * 112,500 c bytes per 15-minute slot, and a transfer at c kbit/s lasts
 * d = ceil(8 S / (c * 1000 * 900)) slots.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/verify.h"
#include "../solver/solve.h"
#include "../solver/solve_priv.h"
#include "fixture.h"

#define HEAD(start, end)                                                   \
	"<?xml version=\"1.0\"?>\n<site version=\"1\" name=\"t\">\n"         \
	"<horizon start=\"" start "\" end=\"" end "\" slot-minutes=\"15\"/>\n"

struct fixture {
	struct ro_site *site;
	struct ro_expand *x;
	struct ro_plan *plan;
	struct ro_diag d;
};

static void diag_dump(const struct ro_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%ld: %s\n", d->v[i].file ? d->v[i].file : "-",
			d->v[i].line, d->v[i].msg);
}

/* Loads xml (with the scenario, may be NULL) and plans it. */
static void plan_xml(struct fixture *f, const char *xml, const char *scenario,
		     const struct ro_solve_opts *opts)
{
	struct ro_solve_opts o;
	int err;

	memset(f, 0, sizeof *f);
	ro_diag_init(&f->d);
	err = ro_site_load_memory(xml, strlen(xml), "t.xml", scenario,
				  &f->site, &f->d);
	if (err)
		diag_dump(&f->d);
	ck_assert_int_eq(err, 0);
	f->x = ro_expand_new(f->site);
	ck_assert_ptr_nonnull(f->x);
	if (!opts) {
		ro_solve_opts_init(&o);
		o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
		o.time_limit = 30;
		opts = &o;
	}
	err = ro_solve(f->site, f->x, opts, &f->plan, &f->d);
	if (err)
		diag_dump(&f->d);
	ck_assert_int_eq(err, 0);
	ck_assert_int_eq(ro_verify(f->site, f->x, f->plan, NULL, &f->d), 0);
}

static void fixture_release(struct fixture *f)
{
	ro_plan_free(f->plan);
	ro_expand_free(f->x);
	ro_site_free(f->site);
	ro_diag_release(&f->d);
}

static const struct ro_stage *stage(const struct ro_plan *p, const char *name)
{
	for (int i = 0; i < p->nstages; i++)
		if (strcmp(p->stages[i].name, name) == 0)
			return &p->stages[i];
	ck_abort_msg("no stage %s", name);
	return NULL;
}

/* Start slot of the client with id name. */
static int32_t start_of(const struct fixture *f, const char *name)
{
	char buf[128];
	for (size_t r = 0, i = 0; r < f->site->nclients; r++)
		for (int32_t k = 0; k < f->site->clients[r].count; k++, i++)
			if (strcmp(ro_client_name(f->site, r, k, buf, sizeof buf),
				   name) == 0)
				return f->plan->a[i].start;
	ck_abort_msg("no client %s", name);
	return -2;
}

static int reason_of(const struct fixture *f, const char *name)
{
	char buf[128];
	for (size_t r = 0, i = 0; r < f->site->nclients; r++)
		for (int32_t k = 0; k < f->site->clients[r].count; k++, i++)
			if (strcmp(ro_client_name(f->site, r, k, buf, sizeof buf),
				   name) == 0)
				return f->plan->a[i].reason;
	ck_abort_msg("no client %s", name);
	return -1;
}

/* 4 identical clients on a 20 kbit/s link: d = ceil(8388608 / 18e6) = 1,
 * U = 2,250,000 bytes, q = 1,048,576: two transfers fit a slot (2,097,152)
 * and three do not (3,145,728).  Starts 0,0,1,1: makespan 2, sum 1+1+2+2. */
static const char four_on_a_link[] =
	HEAD("2026-11-30T00:00", "2026-11-30T04:00")
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"20\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><group id=\"pc\" count=\"4\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"always\" triggers=\"push\"/></clients>\n</site>\n";

START_TEST(four_clients_two_per_slot)
{
	struct fixture f;

	plan_xml(&f, four_on_a_link, NULL, NULL);
	ck_assert_int_eq(f.plan->status, RO_STATUS_OPTIMAL);
	ck_assert_double_eq(stage(f.plan, "placed-weight")->value, 4);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 2);
	ck_assert_double_eq(stage(f.plan, "makespan")->bound, 2);
	ck_assert_double_eq(stage(f.plan, "completion-sum")->value, 6);
	/* handed out by id: the earliest starts to the first ids */
	ck_assert_int_eq(start_of(&f, "pc-1"), 0);
	ck_assert_int_eq(start_of(&f, "pc-2"), 0);
	ck_assert_int_eq(start_of(&f, "pc-3"), 1);
	ck_assert_int_eq(start_of(&f, "pc-4"), 1);
	fixture_release(&f);
}
END_TEST

/* The links' cumulative makespan bound (solve_bound.c), by hand.  At
 * 1000 kbit/s and share 1, U = 10^6 * 10^6 * 10^6 * 900 / (8 * 10^12) =
 * 112,500,000 bytes a slot; 200 MB (209,715,200 bytes) take d =
 * ceil(8 * 209,715,200 / 9e8) = 2 slots at q = 104,857,600 bytes a slot,
 * so one transfer a slot.  A is on 08:00-08:30 (slots 32, 33), B and C
 * 10:00-11:00 (slots 40-43).  All three need 6 slots of the link; the
 * link can carry them only in slots 32, 33 and 40-43 (nothing else can
 * transfer at other times), so the makespan is at least 44, which is the
 * optimum (A 32, B 40, C 42).  The earliest ends alone say 42; counting
 * every slot of the link (no windows), 6.  With one client left out
 * (weight 2), 4 slots: at least 42. */
static const char three_in_windows[] =
	HEAD("2026-11-30T00:00", "2026-12-01T00:00")
	"<calendars><calendar id=\"a\"><on days=\"Mon\" from=\"08:00\" to=\"08:30\"/></calendar>\n"
	"<calendar id=\"bc\"><on days=\"Mon\" from=\"10:00\" to=\"11:00\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"200\"/>\n"
	"<clients><client id=\"A\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"a\" triggers=\"push\"/>\n"
	"<group id=\"B\" count=\"2\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"bc\" triggers=\"push\"/></clients>\n</site>\n";

START_TEST(link_bound_counts_only_usable_slots)
{
	struct fixture f;
	struct ro_inst in;
	int32_t lb;

	plan_xml(&f, three_in_windows, NULL, NULL);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 44);
	ck_assert_int_eq(ro_inst_build(&in, f.site, f.x, &f.d), 0);
	lb = 0;
	ck_assert_int_eq(ro_bound_link_makespan(&in, 3, &lb), 0);
	ck_assert_int_eq(lb, 44);
	lb = 0;
	ck_assert_int_eq(ro_bound_link_makespan(&in, 2, &lb), 0);
	ck_assert_int_eq(lb, 42);
	lb = 43;   /* only ever raised */
	ck_assert_int_eq(ro_bound_link_makespan(&in, 2, &lb), 0);
	ck_assert_int_eq(lb, 43);
	ro_inst_release(&in);
	fixture_release(&f);
}
END_TEST

/* Win98 clients: d = 1 (1 MB at 1000 kbit/s), K = 1 (15 minutes), r = 1;
 * no reboot windows, so a restart may be in any slot the client is on.
 * W1 is on 08:00-08:30 (slots 32, 33): its copy fits (slot 32 or 33), but
 * the restart, from slot 34 on, finds the client off until the horizon
 * end: unplaced, horizon (it would restart at its next power-up, Tuesday,
 * after the horizon).  W2 is on 08:00-08:45: starts at 08:00 = slot 32 and
 * reboots in slot 34 (08:30), e = 35; from 33 the restart would be in 35,
 * off.  W3 copies at 5 kbit/s: d = ceil(8,388,608 / 4,500,000) = 2 slots,
 * more than its one slot 08:00-08:15: window-too-short. */
static const char short_window[] =
	HEAD("2026-11-30T00:00", "2026-12-01T00:00")
	"<calendars><calendar id=\"short\"><on days=\"Mon\" from=\"08:00\" to=\"08:30\"/></calendar>\n"
	"<calendar id=\"longer\"><on days=\"Mon\" from=\"08:00\" to=\"08:45\"/></calendar>\n"
	"<calendar id=\"one\"><on days=\"Mon\" from=\"08:00\" to=\"08:15\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><client id=\"W1\" os=\"win98\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"short\" triggers=\"push\"/>\n"
	"<client id=\"W2\" os=\"win98\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"longer\" triggers=\"push\"/>\n"
	"<client id=\"W3\" os=\"win98\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"one\" triggers=\"push\" rate-kbps=\"5\"/></clients>\n</site>\n";

START_TEST(win98_window_too_short)
{
	struct fixture f;

	plan_xml(&f, short_window, NULL, NULL);
	ck_assert_int_eq(start_of(&f, "W1"), -1);
	ck_assert_int_eq(reason_of(&f, "W1"), RO_REASON_HORIZON);
	ck_assert_int_eq(start_of(&f, "W2"), 32);
	ck_assert_int_eq(start_of(&f, "W3"), -1);
	ck_assert_int_eq(reason_of(&f, "W3"), RO_REASON_WINDOW);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 35);
	ck_assert_int_eq(f.plan->status, RO_STATUS_OPTIMAL);
	fixture_release(&f);
}
END_TEST

/* The completion slot the verifier recomputes for client name. */
static int32_t end_of(struct fixture *f, const char *name)
{
	struct ro_eval *ev = NULL;
	char buf[128];
	int32_t e = -2;

	ck_assert_int_eq(ro_verify(f->site, f->x, f->plan, &ev, &f->d), 0);
	for (size_t r = 0, i = 0; r < f->site->nclients; r++)
		for (int32_t k = 0; k < f->site->clients[r].count; k++, i++)
			if (strcmp(ro_client_name(f->site, r, k, buf, sizeof buf),
				   name) == 0)
				e = ev->end[i];
	ro_eval_free(ev);
	ck_assert_int_ne(e, -2);
	return e;
}

/* The reboots the verifier counts on link lan (the only one) are those
 * of the slots in rb[0 .. n), one for each entry. */
static void reboots_in(struct fixture *f, const int32_t *rb, int n)
{
	struct ro_eval *ev = NULL;

	ck_assert_int_eq(ro_verify(f->site, f->x, f->plan, &ev, &f->d), 0);
	for (int32_t t = 0; t < ev->nslots; t++) {
		int32_t want = 0;
		for (int i = 0; i < n; i++)
			want += rb[i] == t;
		ck_assert_msg(ev->reboots[t] == want, "slot %d: %d reboots, "
			      "expected %d", t, ev->reboots[t], want);
	}
	ro_eval_free(ev);
}

/* Plans xml, whose one client name starts at start, reboots in slot rb
 * alone and completes at e, optimally. */
static void one_restart(const char *xml, const char *name, int32_t start,
			int32_t rb, int32_t e)
{
	struct fixture f;

	plan_xml(&f, xml, NULL, NULL);
	ck_assert_int_eq(start_of(&f, name), start);
	ck_assert_int_eq(end_of(&f, name), e);
	reboots_in(&f, &rb, 1);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, e);
	ck_assert_int_eq(f.plan->status, RO_STATUS_OPTIMAL);
	fixture_release(&f);
}

/* The reboot waits for the window (docs/semantics.md, "Reboots").  W is
 * on 09:45-18:00 and starts by its (enabled) logon at 09:45 = slot 39:
 * d = 1, the copy ends at 10:00 (slot 40); the delay (K = 1) lets it
 * restart from 10:15 (slot 41), but the only reboot window is 12:00-14:00
 * and the client stays on from 09:45, so no slot before is a power-up: it
 * reboots at 12:00 (slot 48) and completes at 12:15, e = 49.  Under the
 * old rule it would have rebooted at 10:15, outside the window. */
static const char reboot_window_wait[] =
	HEAD("2026-11-30T00:00", "2026-12-01T00:00")
	"<policy logon-scripts=\"enabled\" reboot-delay-minutes=\"15\">"
	"<reboot-window days=\"Mon-Fri\" from=\"12:00\" to=\"14:00\"/></policy>\n"
	"<calendars><calendar id=\"day\"><on days=\"Mon\" from=\"09:45\" to=\"18:00\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><client id=\"W\" os=\"win98\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"day\" triggers=\"logon\"/></clients>\n</site>\n";

START_TEST(reboot_waits_for_the_window)
{
	one_restart(reboot_window_wait, "W", 39, 48, 49);
}
END_TEST

/* A power-up is a restart.  P is on 08:00-17:00 on weekdays, its CAP is
 * ready on Monday at 16:30 (slot 66), and it copies at 5 kbit/s: d =
 * ceil(8,388,608 / 4,500,000) = 2 slots, so only 16:30 fits (16:30-17:00,
 * slots 66 and 67; from 16:45 the copy would run into 17:00, off).  The
 * delay ends at slot 69; the client is off from 17:00 until Tuesday 08:00
 * (slot 96 + 32 = 128), and that power-up restarts it, outside the reboot
 * window 12:00-14:00: reboot in 128, e = 129 (Tuesday 08:15). */
static const char power_up[] =
	HEAD("2026-11-30T00:00", "2026-12-02T00:00")
	"<policy reboot-delay-minutes=\"15\">"
	"<reboot-window days=\"Mon-Fri\" from=\"12:00\" to=\"14:00\"/></policy>\n"
	"<calendars><calendar id=\"work\"><on days=\"Mon-Fri\" from=\"08:00\" to=\"17:00\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\" ready=\"2026-11-30T16:30\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><client id=\"P\" os=\"win95\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"work\" triggers=\"push\" rate-kbps=\"5\"/></clients>\n</site>\n";

START_TEST(power_up_restarts_the_next_morning)
{
	one_restart(power_up, "P", 66, 128, 129);
}
END_TEST

/* The reboot cap counts the reboot slots the rule gives, not s + d + K.
 * Two win98 clients on 09:45-18:00, push, reboot window 12:00-14:00 (slots
 * 48 to 55), reboot-cap 1.  d = 1, K = 1: a start s in 39 .. 46 reboots at
 * 12:00 (slot 48, e = 49), whatever s; a start of 47 (11:45) at 12:15
 * (slot 49, e = 50).  Only one may reboot at 12:00: completions 49 and 50,
 * makespan 50, sum 99; G-2 starts at 47 (starts go to ids earliest
 * first).  Counting s + d + K instead would let both end at 49. */
static const char reboot_cap[] =
	HEAD("2026-11-30T00:00", "2026-12-01T00:00")
	"<policy reboot-delay-minutes=\"15\" reboot-cap=\"1\">"
	"<reboot-window days=\"Mon-Fri\" from=\"12:00\" to=\"14:00\"/></policy>\n"
	"<calendars><calendar id=\"day\"><on days=\"Mon\" from=\"09:45\" to=\"18:00\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><group id=\"G\" count=\"2\" os=\"win98\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"day\" triggers=\"push\"/></clients>\n</site>\n";

START_TEST(reboot_cap_counts_the_block)
{
	struct fixture f;
	static const int32_t rb[] = { 48, 49 };

	plan_xml(&f, reboot_cap, NULL, NULL);
	ck_assert_int_ge(start_of(&f, "G-1"), 39);
	ck_assert_int_le(start_of(&f, "G-1"), 46);
	ck_assert_int_eq(start_of(&f, "G-2"), 47);
	ck_assert_int_eq(end_of(&f, "G-1"), 49);
	ck_assert_int_eq(end_of(&f, "G-2"), 50);
	reboots_in(&f, rb, 2);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 50);
	ck_assert_double_eq(stage(f.plan, "completion-sum")->value, 99);
	ck_assert_int_eq(f.plan->status, RO_STATUS_OPTIMAL);
	fixture_release(&f);
}
END_TEST

/* A RAS laptop present all the time but in the office only on Tuesday
 * 09:00-17:00: its first start is Tuesday 09:00 = slot 96 + 36 = 132.  A
 * second laptop is in the office only on Thursday, outside the horizon:
 * ras-only. */
static const char ras_office[] =
	HEAD("2026-11-30T00:00", "2026-12-02T00:00")
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>\n"
	"<calendar id=\"tue\"><on days=\"Tue\" from=\"09:00\" to=\"17:00\"/></calendar>\n"
	"<calendar id=\"thu\"><on days=\"Thu\" from=\"09:00\" to=\"17:00\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><client id=\"LAP1\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"always\" connection=\"ras\" office=\"tue\" triggers=\"push\"/>\n"
	"<client id=\"LAP2\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"always\" connection=\"ras\" office=\"thu\" triggers=\"push\"/>\n"
	"</clients>\n</site>\n";

START_TEST(ras_client_waits_for_the_office)
{
	struct fixture f;

	plan_xml(&f, ras_office, NULL, NULL);
	ck_assert_int_eq(start_of(&f, "LAP1"), 132);
	ck_assert_int_eq(start_of(&f, "LAP2"), -1);
	ck_assert_int_eq(reason_of(&f, "LAP2"), RO_REASON_RAS_ONLY);
	fixture_release(&f);
}
END_TEST

/* The link (1000 kbit/s: U = 112.5 MB a slot) would carry all four at
 * once, but the CAP serves one at a time: starts 0,1,2,3, makespan 4,
 * completion sum 1+2+3+4 = 10. */
static const char cap_limit[] =
	HEAD("2026-11-30T00:00", "2026-11-30T04:00")
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\" max-concurrent=\"1\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><group id=\"pc\" count=\"4\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"always\" triggers=\"push\"/></clients>\n</site>\n";

START_TEST(cap_limit_tighter_than_link)
{
	struct fixture f;

	plan_xml(&f, cap_limit, NULL, NULL);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 4);
	ck_assert_double_eq(stage(f.plan, "completion-sum")->value, 10);
	ck_assert_int_eq(start_of(&f, "pc-1"), 0);
	ck_assert_int_eq(start_of(&f, "pc-4"), 3);
	ck_assert_int_eq(f.plan->status, RO_STATUS_OPTIMAL);
	fixture_release(&f);
}
END_TEST

/* 8 clients on a 40 kbit/s link: d = 1 (8388608 / 36e6 < 1), q = 1,048,576.
 * Weekdays at 50 % background: U = 40 * 112500 / 2 = 2,250,000, two a slot,
 * makespan 4.  The weekend scenario starts on Saturday at 0 %: U =
 * 4,500,000, four a slot (4,194,304), makespan 2. */
static const char weekend_profile[] =
	HEAD("2026-11-30T00:00", "2026-11-30T04:00")
	"<profiles><profile id=\"bg\" default=\"50%\">"
	"<level days=\"Sat,Sun\" value=\"0%\"/></profile></profiles>\n"
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"40\" share=\"1\" background=\"bg\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><group id=\"pc\" count=\"8\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"always\" triggers=\"push\"/></clients>\n"
	"<scenarios><scenario id=\"weekend\">"
	"<horizon start=\"2026-12-05T00:00\" end=\"2026-12-05T04:00\"/>"
	"</scenario></scenarios>\n</site>\n";

START_TEST(weekend_background_shortens_makespan)
{
	struct fixture f;

	plan_xml(&f, weekend_profile, NULL, NULL);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 4);
	fixture_release(&f);
	plan_xml(&f, weekend_profile, "weekend", NULL);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 2);
	ck_assert_double_eq(stage(f.plan, "completion-sum")->value, 4 * 1 + 4 * 2);
	fixture_release(&f);
}
END_TEST

/* One slot of horizon and room for two transfers (20 kbit/s as above):
 * of A (priority 1), B (5) and C (3), B and C go, A stays out for capacity;
 * placed weight 8 of 8 possible. */
static const char priorities[] =
	HEAD("2026-11-30T00:00", "2026-11-30T00:15")
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"20\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients>"
	"<client id=\"A\" os=\"winnt\" segment=\"lan\" cap=\"cap\" calendar=\"always\" triggers=\"push\" priority=\"1\"/>\n"
	"<client id=\"B\" os=\"winnt\" segment=\"lan\" cap=\"cap\" calendar=\"always\" triggers=\"push\" priority=\"5\"/>\n"
	"<client id=\"C\" os=\"winnt\" segment=\"lan\" cap=\"cap\" calendar=\"always\" triggers=\"push\" priority=\"3\"/>\n"
	"</clients>\n</site>\n";

START_TEST(priorities_decide_who_waits)
{
	struct fixture f;

	plan_xml(&f, priorities, NULL, NULL);
	ck_assert_int_eq(start_of(&f, "A"), -1);
	ck_assert_int_eq(reason_of(&f, "A"), RO_REASON_CAPACITY);
	ck_assert_int_eq(start_of(&f, "B"), 0);
	ck_assert_int_eq(start_of(&f, "C"), 0);
	ck_assert_double_eq(stage(f.plan, "placed-weight")->value, 8);
	ck_assert_double_eq(stage(f.plan, "placed-weight")->bound, 8);
	ck_assert_int_eq(f.plan->status, RO_STATUS_OPTIMAL);
	fixture_release(&f);
}
END_TEST

/* Phased logon scripts: three clients, on 08:00-17:00 on weekdays, logon
 * only, a CAP serving one at a time.  Each can start only at 08:00 (slot
 * 32 + 96 k), one a day: P1 Monday, P2 Tuesday, P3 Wednesday; makespan
 * 2 * 96 + 33 = 225. */
static const char phased[] =
	HEAD("2026-11-30T00:00", "2026-12-05T00:00")
	"<policy logon-scripts=\"phased\"/>\n"
	"<calendars><calendar id=\"work\"><on days=\"Mon-Fri\" from=\"08:00\" to=\"17:00\"/></calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"1000\" share=\"1\"/></network>\n"
	"<servers><cap id=\"cap\" link=\"lan\" max-concurrent=\"1\"/></servers>\n"
	"<payload base-mb=\"1\"/>\n"
	"<clients><group id=\"P\" count=\"3\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
	"calendar=\"work\" triggers=\"logon\"/></clients>\n</site>\n";

START_TEST(phased_logon_one_day_each)
{
	struct fixture f;

	plan_xml(&f, phased, NULL, NULL);
	ck_assert_int_eq(start_of(&f, "P-1"), 32);
	ck_assert_int_eq(start_of(&f, "P-2"), 32 + 96);
	ck_assert_int_eq(start_of(&f, "P-3"), 32 + 192);
	ck_assert_double_eq(stage(f.plan, "makespan")->value, 225);
	fixture_release(&f);
}
END_TEST

/* Deadline: with --deadline at slot 1 only two of the four fit. */
START_TEST(deadline_leaves_clients_out)
{
	struct fixture f;
	struct ro_solve_opts o;

	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.has_deadline = true;
	ck_assert(ro_time_parse("2026-11-30T00:15", &o.deadline));
	plan_xml(&f, four_on_a_link, NULL, &o);
	ck_assert_double_eq(stage(f.plan, "placed-weight")->value, 2);
	ck_assert_int_eq(reason_of(&f, "pc-4"), RO_REASON_CAPACITY);
	fixture_release(&f);
}
END_TEST

/* Peak: four clients over four slots of a 20 kbit/s link, deadline 4
 * slots: one a slot, peak 1048576 / 2250000 = 0.466. */
START_TEST(peak_objective_spreads_load)
{
	struct fixture f;
	struct ro_solve_opts o;

	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.objective = RO_OBJ_PEAK;
	o.has_deadline = true;
	ck_assert(ro_time_parse("2026-11-30T01:00", &o.deadline));
	plan_xml(&f, four_on_a_link, NULL, &o);
	ck_assert_double_eq(stage(f.plan, "placed-weight")->value, 4);
	ck_assert_double_eq_tol(stage(f.plan, "peak-utilisation")->value,
				1048576.0 / 2250000.0, 1e-9);
	ck_assert_double_eq_tol(stage(f.plan, "peak-utilisation")->bound,
				1048576.0 / 2250000.0, 1e-6);
	fixture_release(&f);
}
END_TEST

/* The schedule of a plan validates against schedule.xsd and two runs give
 * the same bytes. */
START_TEST(schedule_is_deterministic)
{
	char *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;

	for (int run = 0; run < 2; run++) {
		struct fixture f;
		struct ro_eval *ev = NULL;
		char path[] = "out/plan-XXXXXX";
		FILE *fp;

		plan_xml(&f, phased, NULL, NULL);
		ck_assert_int_eq(ro_verify(f.site, f.x, f.plan, &ev, &f.d), 0);
		ck_assert_int_eq(system("mkdir -p out"), 0);
		ck_assert_int_ne(mkstemp(path), -1);
		ck_assert_int_eq(ro_schedule_write(f.site, f.plan, ev, path, &f.d), 0);
		fp = fopen(path, "rb");
		ck_assert_ptr_nonnull(fp);
		fseek(fp, 0, SEEK_END);
		size_t n = (size_t)ftell(fp);
		rewind(fp);
		char *buf = malloc(n + 1);
		ck_assert_uint_eq(fread(buf, 1, n, fp), n);
		fclose(fp);
		remove(path);
		if (run == 0) {
			a = buf;
			na = n;
		} else {
			b = buf;
			nb = n;
		}
		/* the schedule reads back to the same starts */
		{
			struct ro_plan *back = NULL;
			ck_assert_int_eq(ro_schedule_write(f.site, f.plan, ev, "out/p.xml", &f.d), 0);
			ck_assert_int_eq(ro_schedule_read(f.site, "out/p.xml", &back, &f.d), 0);
			for (size_t i = 0; i < f.plan->n; i++)
				ck_assert_int_eq(back->a[i].start, f.plan->a[i].start);
			ck_assert_int_eq(ro_verify(f.site, f.x, back, NULL, &f.d), 0);
			ro_plan_free(back);
			remove("out/p.xml");
		}
		ro_eval_free(ev);
		fixture_release(&f);
	}
	ck_assert_uint_eq(na, nb);
	ck_assert(memcmp(a, b, na) == 0);
	ck_assert_ptr_nonnull(strstr(a, "enable-logon-scripts"));
	free(a);
	free(b);
}
END_TEST

/* Bad options are refused before any GLPK call. */
START_TEST(bad_options)
{
	struct ro_site *s = NULL;
	struct ro_expand *x;
	struct ro_plan *p = (struct ro_plan *)1;
	struct ro_solve_opts o;
	struct ro_diag d;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_site_load_memory(four_on_a_link, strlen(four_on_a_link),
					     "t.xml", NULL, &s, &d), 0);
	x = ro_expand_new(s);
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.gap = -1;
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_EARG);
	ck_assert_ptr_null(p);
	o.gap = 0;
	o.time_limit = 1.0 / 0.0;
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_EARG);
	o.time_limit = 0;
	ck_assert_int_eq(ro_solve(NULL, x, &o, &p, &d), RO_EARG);
	ck_assert_uint_ge(ro_diag_count(&d), 2);
	ro_expand_free(x);
	ro_site_free(s);
	ro_diag_release(&d);
}
END_TEST

/* A GLPK failure (its memory limit) becomes an error, not an abort, and
 * GLPK works again afterwards. */
START_TEST(glpk_failure_is_an_error)
{
	struct ro_site *s = NULL;
	struct ro_expand *x;
	struct ro_plan *p = NULL;
	struct ro_solve_opts o;
	struct ro_diag d;
	/* 400 clients with distinct priorities: 400 classes x 16 starts */
	size_t cap = 64 * 1024, n = 0;
	char *xml = malloc(cap);

	n += (size_t)snprintf(xml + n, cap - n, "%s",
		HEAD("2026-11-30T00:00", "2026-11-30T04:00")
		"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
		"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"20\" share=\"1\"/></network>\n"
		"<servers><cap id=\"cap\" link=\"lan\"/></servers>\n"
		"<payload base-mb=\"1\"/>\n<clients>");
	for (int i = 0; i < 400; i++)
		n += (size_t)snprintf(xml + n, cap - n,
			"<client id=\"c%d\" os=\"winnt\" segment=\"lan\" cap=\"cap\" "
			"calendar=\"always\" triggers=\"push\" priority=\"%d\"/>\n", i, i + 1);
	n += (size_t)snprintf(xml + n, cap - n, "</clients></site>\n");
	ro_diag_init(&d);
	ck_assert_int_eq(ro_site_load_memory(xml, n, "t.xml", NULL, &s, &d), 0);
	x = ro_expand_new(s);
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.mem_limit_mb = 1;
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_ESOLVER);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(d.v[d.n - 1].msg, "GLPK failed"));
	o.mem_limit_mb = 0;
	o.time_limit = 30;
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), 0);
	ck_assert_double_eq(stage(p, "placed-weight")->value,
			    (double)(400 + 369) * 32 / 2);   /* the top 32 */
	ro_plan_free(p);
	ro_expand_free(x);
	ro_site_free(s);
	ro_diag_release(&d);
	free(xml);
}
END_TEST

Suite *suite_solve(void)
{
	Suite *s = suite_create("solve");
	TCase *tc = fx_tcase_create("semantics");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, four_clients_two_per_slot);
	tcase_add_test(tc, link_bound_counts_only_usable_slots);
	tcase_add_test(tc, win98_window_too_short);
	tcase_add_test(tc, reboot_waits_for_the_window);
	tcase_add_test(tc, power_up_restarts_the_next_morning);
	tcase_add_test(tc, reboot_cap_counts_the_block);
	tcase_add_test(tc, ras_client_waits_for_the_office);
	tcase_add_test(tc, cap_limit_tighter_than_link);
	tcase_add_test(tc, weekend_background_shortens_makespan);
	tcase_add_test(tc, priorities_decide_who_waits);
	tcase_add_test(tc, phased_logon_one_day_each);
	tcase_add_test(tc, deadline_leaves_clients_out);
	tcase_add_test(tc, peak_objective_spreads_load);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("output");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, schedule_is_deterministic);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bad_options);
	tcase_add_test(tc, glpk_failure_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}
