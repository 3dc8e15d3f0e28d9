/*
 * test_office.c - office hours (model/office.h), the one definition
 * behind "reboots in office hours" in rollout simulate and compare.
 */
#include <check.h>

#include "../model/alloc.h"
#include "../model/office.h"
#include "../model/site.h"
#include "fixture.h"

static ro_time at(const char *s)
{
	return fx_time(s);
}

START_TEST(office_hours)
{
	/* 2026-11-30 is a Monday */
	ck_assert(!ro_office_hours_overlap(at("2026-11-30T07:45"),
					   at("2026-11-30T08:00")));
	ck_assert(ro_office_hours_overlap(at("2026-11-30T07:59"),
					  at("2026-11-30T08:01")));
	ck_assert(ro_office_hours_overlap(at("2026-11-30T17:45"),
					  at("2026-11-30T18:00")));
	ck_assert(!ro_office_hours_overlap(at("2026-11-30T18:00"),
					   at("2026-11-30T18:15")));
	ck_assert(ro_office_hours_overlap(at("2026-11-30T12:00"),
					  at("2026-11-30T12:15")));
	/* Friday evening to Monday 08:00: the weekend is not office hours */
	ck_assert(!ro_office_hours_overlap(at("2026-12-04T18:00"),
					   at("2026-12-07T08:00")));
	ck_assert(ro_office_hours_overlap(at("2026-12-04T18:00"),
					  at("2026-12-07T08:01")));
	ck_assert(!ro_office_hours_overlap(at("2026-12-05T10:00"),
					   at("2026-12-05T11:00")));
	/* a long slot from Sunday night covers Monday morning */
	ck_assert(ro_office_hours_overlap(at("2026-12-06T23:00"),
					  at("2026-12-07T09:00")));
	/* empty interval */
	ck_assert(!ro_office_hours_overlap(at("2026-11-30T10:00"),
					   at("2026-11-30T10:00")));
}
END_TEST

/* Slots of 15 minutes from Monday 08:00.  The policy's reboot windows do
 * not change office hours: that was the difference between simulate and
 * compare that office.h removed. */
START_TEST(office_slots)
{
	struct ro_site *s = fx_site_new(4);
	struct ro_wspan *w;

	/* slot 0 = Mon 08:00; slot -1 = Mon 07:45; 40 slots on = 18:00 */
	ck_assert(ro_office_slot(s, 0));
	ck_assert(!ro_office_slot(s, -1));
	ck_assert(ro_office_slot(s, 39));    /* 17:45-18:00 */
	ck_assert(!ro_office_slot(s, 40));   /* 18:00 */
	ck_assert(!ro_office_slot(s, 5 * 96 - 32)); /* Sat 00:00 */
	ck_assert(ro_office_slot(s, 7 * 96));       /* next Mon 08:00 */
	/* a reboot window Mon 12:00-14:00 */
	w = ro_malloc(sizeof *w);
	ck_assert_ptr_nonnull(w);
	w->from = 12 * 60;
	w->to = 14 * 60;
	s->policy.reboot_windows = w;
	s->policy.nreboot_windows = 1;
	ck_assert(ro_office_slot(s, 16));    /* 12:00, in the window */
	ck_assert(ro_office_slot(s, 0));
	ck_assert(!ro_office_slot(s, 40));
	ck_assert(!ro_office_slot(NULL, 0));
	ro_site_free(s);
}
END_TEST

Suite *suite_office(void)
{
	Suite *s = suite_create("office");
	TCase *tc = fx_tcase_create("hours");

	tcase_add_test(tc, office_hours);
	tcase_add_test(tc, office_slots);
	suite_add_tcase(s, tc);
	return s;
}
