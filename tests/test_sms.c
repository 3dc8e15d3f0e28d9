/*
 * test_sms.c - the SMS 2.0 planner (solver/sms.h) on sites worked out by
 * hand: the levers it pulls and the figures of its stages.
 *
 * Sites start on Monday 2026-11-30 08:00 with 15-minute slots over one
 * week; CAPs are ready 60 minutes after the release.
 */
#include <check.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "../solver/sms.h"
#include "fixture.h"

#define WEEK 672

static struct ro_client *nt(struct ro_site *s, const char *id, int32_t seg,
			    uint8_t trig, int64_t bytes, const char *phase)
{
	struct ro_client *c;

	ck_assert(ro_grow((void **)&s->clients, s->nclients,
			  sizeof *s->clients));
	c = &s->clients[s->nclients++];
	memset(c, 0, sizeof *c);
	c->id = fx_str(s, id);
	c->os = fx_str(s, "winnt");
	c->count = 1;
	c->segment = seg;
	c->office = -1;
	c->triggers = trig;
	c->bytes = bytes;
	c->priority = 1;
	c->has_phase = phase != NULL;
	if (phase)
		c->phase = fx_time(phase);
	s->nclients_total++;
	return c;
}

/* hq (10 Mbit/s) with the CAP, and a 64 kbit/s WAN to a branch: 7,200,000
 * bytes a slot; every client copies 7,200,000 bytes, one slot. */
static struct ro_site *wan_site(void)
{
	struct ro_site *s = fx_site_new(WEEK);

	s->policy.control = RO_CONTROL_SMS20;
	fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	fx_add_link(s, "hq", -1, 10000000, RO_PPM);
	fx_add_link(s, "wan", 0, 64000, RO_PPM);
	fx_add_server(s, "cap1", 0, 0);
	s->policy.releases = ro_calloc(1, sizeof *s->policy.releases);
	s->policy.nreleases = 1;
	s->policy.releases[0].from = s->policy.releases[0].to =
		fx_time("2026-11-30T10:00");
	return s;
}

static struct ro_plan *plan(struct ro_site *s, double tlim)
{
	struct ro_solve_opts o;
	struct ro_plan *p = NULL;
	struct ro_diag d;

	ro_solve_opts_init(&o);
	o.time_limit = tlim;
	ro_diag_init(&d);
	ck_assert_int_eq(ro_sms_solve(s, &o, &p, &d), RO_OK);
	ro_diag_release(&d);
	return p;
}

START_TEST(early_trigger_removes_the_overload)
{
	struct ro_site *s = wan_site();
	struct ro_plan *p;

	/* both tick at 12:00 (slot 16) behind the WAN, which carries one
	 * copy a slot: 7,200,000 bytes of overload unless one of them is
	 * triggered between 11:00 (slot 12, the CAPs ready) and 11:45 */
	nt(s, "X", 1, RO_TRIG_CCIM | RO_TRIG_PUSH, 7200000, "2026-11-30T12:00");
	nt(s, "Y", 1, RO_TRIG_CCIM | RO_TRIG_PUSH, 7200000, "2026-11-30T12:00");
	p = plan(s, 10);
	ck_assert_int_eq(p->control, RO_CONTROL_SMS20);
	ck_assert(p->lv.released);
	ck_assert_int_eq(p->lv.release, fx_time("2026-11-30T10:00"));
	ck_assert_str_eq(p->stages[0].name, "overload");
	ck_assert_int_eq((int64_t)p->stages[0].value, 0);
	/* then the makespan: both triggered, one at 11:00 and one at 11:15
	 * (slots 12 and 13; together they would overload slot 12), ending
	 * at 13 and 14: the makespan is 14, where both at their 12:00 run
	 * would end at 17; two triggers; completion sum 13 + 14 = 27 */
	ck_assert_str_eq(p->stages[1].name, "makespan");
	ck_assert_int_eq((int64_t)p->stages[1].value, 14);
	ck_assert_int_eq((int64_t)p->stages[2].value, 2);
	ck_assert_int_eq((int64_t)p->stages[3].value, 27);
	ck_assert_int_eq(p->status, RO_STATUS_OPTIMAL);
	ck_assert_int_eq(p->lv.trigger[0] + p->lv.trigger[1], 12 + 13);
	ck_assert_int_eq(p->a[0].start, p->lv.trigger[0]);
	ck_assert_int_eq(p->a[0].trigger, RO_CAUSE_TRIGGER);
	ck_assert_int_eq(p->a[1].trigger, RO_CAUSE_TRIGGER);
	ro_plan_free(p);
	ro_site_free(s);
}
END_TEST

START_TEST(no_trigger_leaves_the_overload_shown)
{
	struct ro_site *s = wan_site();
	struct ro_plan *p;

	/* the same two, but nobody can trigger them: the forecast keeps the
	 * overload, and the plan says so with a bound equal to it */
	nt(s, "X", 1, RO_TRIG_CCIM, 7200000, "2026-11-30T12:00");
	nt(s, "Y", 1, RO_TRIG_CCIM, 7200000, "2026-11-30T12:00");
	p = plan(s, 10);
	ck_assert_int_eq((int64_t)p->stages[0].value, 7200000);
	ck_assert(p->stages[0].has_bound);
	ck_assert_int_eq((int64_t)p->stages[0].bound, 7200000);
	ck_assert_int_eq(p->a[0].start, 16);
	ck_assert_int_eq(p->a[1].start, 16);
	ro_plan_free(p);
	ro_site_free(s);
}
END_TEST

START_TEST(release_chosen_among_candidates)
{
	struct ro_site *s = wan_site();
	struct ro_plan *p;

	/* candidates 10:00 and 12:00: released at 12:00 the CAPs are ready
	 * at 13:00, after both 12:00 ticks, so both run at Tuesday 11:00
	 * together (23 hours later) - overloaded; at 10:00 they overload at
	 * 12:00 the same way.  A third client, Z, ticks at 11:00 on the hq
	 * LAN alone.  Both releases overload equally; the earlier finishes
	 * sooner: 10:00 */
	s->policy.releases = ro_realloc(s->policy.releases,
					2 * sizeof *s->policy.releases);
	s->policy.nreleases = 2;
	memset(&s->policy.releases[1], 0, sizeof s->policy.releases[1]);
	s->policy.releases[1].from = s->policy.releases[1].to =
		fx_time("2026-11-30T12:00");
	nt(s, "X", 1, RO_TRIG_CCIM, 7200000, "2026-11-30T12:00");
	nt(s, "Y", 1, RO_TRIG_CCIM, 7200000, "2026-11-30T12:00");
	p = plan(s, 10);
	ck_assert_int_eq(p->lv.release, fx_time("2026-11-30T10:00"));
	ck_assert_int_eq((int64_t)p->stages[1].value, 17);
	ro_plan_free(p);
	ro_site_free(s);
}
END_TEST

Suite *suite_sms(void)
{
	Suite *s = suite_create("sms");
	TCase *tc = tcase_create("hand-worked");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, early_trigger_removes_the_overload);
	tcase_add_test(tc, no_trigger_leaves_the_overload_shown);
	tcase_add_test(tc, release_chosen_among_candidates);
	suite_add_tcase(s, tc);
	return s;
}
