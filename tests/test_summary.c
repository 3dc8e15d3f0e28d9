/*
 * test_summary.c - the figures of `rollout info`, on a two-link site built
 * by hand (not through the XML reader).
 *
 * The site: H0 = Mon 2026-11-30 00:00, 60-minute slots.
 *   hq   lan, 10,000 kbit/s, no background, share 1         (root)
 *   wan  wan, 256 kbit/s, background 50 % all week, share 0.8, parent hq
 *   cap1 on hq, ready H0 + 90 min: first ready slot ceil(90 / 60) = 2
 * Clients (7):
 *   HQ    group of 2, winnt, segment hq, ccim push, 8 MiB each
 *   NOOPP winnt, segment hq, calendar "never", push, 1 MiB (no opportunity)
 *   BR    group of 3, win98, segment wan, logon, workday, 100 MiB each
 *   LAP   win95, ras, segment wan, push, office "never", 1 MiB (ras-only)
 */
#include <check.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/site.h"
#include "../model/summary.h"
#include "fixture.h"

#define MIB 1048576

static int32_t add_cal(struct ro_site *s, unsigned days, int from, int to)
{
	struct ro_calendar *c;

	ck_assert(ro_grow((void **)&s->calendars, s->ncalendars,
			  sizeof *s->calendars));
	c = &s->calendars[s->ncalendars];
	memset(c, 0, sizeof *c);
	c->weekly = ro_malloc(7 * sizeof *c->weekly);
	ck_assert_ptr_nonnull(c->weekly);
	for (int d = 0; d < 7; d++)
		if (days & (1u << d))
			c->weekly[c->nweekly++] = (struct ro_wspan){
				d * RO_DAY_MIN + from, d * RO_DAY_MIN + to };
	return (int32_t)s->ncalendars++;
}

static size_t add_client(struct ro_site *s, const char *id, const char *os,
			 int32_t count, int32_t segment, int32_t cal,
			 uint8_t trig, int64_t bytes)
{
	fx_add_client(s, id, count, segment, cal, trig, bytes)->os =
		fx_str(s, os);
	return s->nclients - 1;
}

static struct ro_site *two_links(int32_t nslots, uint32_t wan_bg)
{
	struct ro_site *s = ro_site_new();
	int32_t always, never, workday;
	size_t lap;

	ck_assert_ptr_nonnull(s);
	ck_assert(ro_time_parse("2026-11-30T00:00", &s->horizon.start));
	s->horizon.slot_min = 60;
	s->horizon.nslots = nslots;
	s->horizon.end = s->horizon.start + 60 * nslots;

	ck_assert(ro_grow((void **)&s->profiles, 0, sizeof *s->profiles));
	s->profiles[0] = (struct ro_profile){ .default_ppm = wan_bg };
	s->nprofiles = 1;

	ck_assert(ro_grow((void **)&s->links, 0, sizeof *s->links));
	s->links[0] = (struct ro_link){ .parent = -1, .kind = RO_LINK_LAN,
		.capacity_bps = 10000000, .profile = -1, .share_ppm = RO_PPM };
	ck_assert(ro_grow((void **)&s->links, 1, sizeof *s->links));
	s->links[1] = (struct ro_link){ .parent = 0, .kind = RO_LINK_WAN,
		.capacity_bps = 256000, .profile = 0, .share_ppm = 800000 };
	s->nlinks = 2;

	ck_assert(ro_grow((void **)&s->servers, 0, sizeof *s->servers));
	s->servers[0] = (struct ro_server){ .kind = RO_SERVER_CAP, .link = 0,
		.ready = s->horizon.start + 90 };
	s->nservers = 1;

	always = add_cal(s, 0x7f, 0, RO_DAY_MIN);
	never = add_cal(s, 0, 0, 0);
	workday = add_cal(s, 0x1f, 8 * 60, 17 * 60);
	add_client(s, "HQ", "winnt", 2, 0, always, RO_TRIG_CCIM | RO_TRIG_PUSH,
		   8 * MIB);
	add_client(s, "NOOPP", "winnt", 1, 0, never, RO_TRIG_PUSH, MIB);
	add_client(s, "BR", "win98", 3, 1, workday, RO_TRIG_LOGON, 100 * MIB);
	lap = add_client(s, "LAP", "win95", 1, 1, always, RO_TRIG_PUSH, MIB);
	s->clients[lap].conn = RO_CONN_RAS;
	s->clients[lap].office = never;
	return s;
}

START_TEST(counts_and_bounds)
{
	struct ro_site *s = two_links(48, 500000);
	struct ro_summary *sm = NULL;
	const struct ro_summary_link *hq, *wan;

	ck_assert_int_eq(ro_summary_compute(s, NULL, &sm), RO_OK);
	ck_assert_ptr_nonnull(sm);
	ck_assert_int_eq(sm->clients, 7);
	ck_assert_uint_eq(sm->records, 4);
	/* by os, sorted by name */
	ck_assert_uint_eq(sm->nos, 3);
	ck_assert_str_eq(ro_site_str(s, sm->os[0].name), "win95");
	ck_assert_int_eq(sm->os[0].clients, 1);
	ck_assert_str_eq(ro_site_str(s, sm->os[1].name), "win98");
	ck_assert_int_eq(sm->os[1].clients, 3);
	ck_assert_str_eq(ro_site_str(s, sm->os[2].name), "winnt");
	ck_assert_int_eq(sm->os[2].clients, 3);
	/* ccim: HQ 2; logon: BR 3; push: HQ 2 + NOOPP 1 + LAP 1 */
	ck_assert_int_eq(sm->by_trigger[0], 2);
	ck_assert_int_eq(sm->by_trigger[1], 3);
	ck_assert_int_eq(sm->by_trigger[2], 4);
	ck_assert_int_eq(sm->by_conn[RO_CONN_LAN], 6);
	ck_assert_int_eq(sm->by_conn[RO_CONN_RAS], 1);
	ck_assert_int_eq(sm->no_opportunity, 1);
	ck_assert_int_eq(sm->ras_only, 1);

	ck_assert_uint_eq(sm->nlinks, 2);
	hq = &sm->links[0];
	wan = &sm->links[1];
	ck_assert_int_eq(hq->segment_clients, 3);
	ck_assert_int_eq(wan->segment_clients, 4);
	ck_assert_int_eq(hq->clients, 7);
	ck_assert_int_eq(wan->clients, 4);
	/* wan: 3 * 104,857,600 + 1,048,576 = 315,621,376
	 * hq:  2 * 8,388,608 + 1,048,576 + 315,621,376 = 333,447,168 */
	ck_assert_uint_eq(wan->bytes, 315621376u);
	ck_assert_uint_eq(hq->bytes, 333447168u);
	ck_assert_int_eq(hq->ready_slot, 2);
	ck_assert_int_eq(wan->ready_slot, 2);

	/* U(wan) = 256000 * 500000 * 800000 * 60 * 60 / 8e12 = 46,080,000 per
	 * slot, 48 slots: 2,211,840,000.  Bound: ceil(315,621,376 /
	 * 46,080,000) = 7 (6 slots give 276,480,000, 7 give 322,560,000) */
	ck_assert_int_eq(wan->usable, INT64_C(2211840000));
	ck_assert(wan->fits);
	ck_assert_int_eq(wan->bound_slots, 7);
	/* U(hq) = 10,000,000 * 1e6 * 1e6 * 3600 / 8e12 = 4,500,000,000 per
	 * slot, * 48 = 216,000,000,000; one slot holds all of hq's bytes */
	ck_assert_int_eq(hq->usable, INT64_C(216000000000));
	ck_assert(hq->fits);
	ck_assert_int_eq(hq->bound_slots, 1);
	ro_summary_free(sm);
	ro_site_free(s);
}
END_TEST

START_TEST(horizon_not_enough)
{
	/* 5 slots: wan can use slots 2, 3, 4 = 3 * 46,080,000 = 138,240,000 <
	 * 315,621,376.  Average usable rate: 5 * 46,080,000 bytes / 5 h, so
	 * 315,621,376 / 46,080,000 = 6.8494... hours */
	struct ro_site *s = two_links(5, 500000);
	struct ro_expand *x = ro_expand_new(s);
	struct ro_summary *sm = NULL;

	ck_assert_int_eq(ro_summary_compute(s, x, &sm), RO_OK);
	ck_assert(!sm->links[1].fits);
	ck_assert_int_eq(sm->links[1].bound_slots, -1);
	ck_assert_int_eq(sm->links[1].usable, INT64_C(230400000));
	ck_assert_double_eq_tol(sm->links[1].hours_needed,
				315621376.0 / 46080000.0, 1e-9);
	ck_assert(sm->links[0].fits);
	ck_assert_int_eq(sm->links[0].bound_slots, 1);
	ro_summary_free(sm);
	ro_expand_free(x);
	ro_site_free(s);

	/* a wan fully taken by its background: no usable bytes at all */
	s = two_links(5, RO_PPM);
	ck_assert_int_eq(ro_summary_compute(s, NULL, &sm), RO_OK);
	ck_assert_int_eq(sm->links[1].usable, 0);
	ck_assert(!sm->links[1].fits);
	ck_assert_double_eq(sm->links[1].hours_needed, -1);
	ro_summary_free(sm);

	/* CAP ready after the last slot starts: nothing can be moved */
	s->servers[0].ready = s->horizon.end;
	s->profiles[0].default_ppm = 0;
	ck_assert_int_eq(ro_summary_compute(s, NULL, &sm), RO_OK);
	ck_assert_int_eq(sm->links[0].ready_slot, 5);
	ck_assert(!sm->links[0].fits);
	/* 333,447,168 bytes at 4.5e9 bytes an hour */
	ck_assert_double_eq_tol(sm->links[0].hours_needed,
				333447168.0 / 4.5e9, 1e-12);
	ro_summary_free(sm);
	ro_site_free(s);
}
END_TEST

START_TEST(bad_arguments)
{
	struct ro_site *s = two_links(48, 0);
	struct ro_summary *sm = (struct ro_summary *)&sm;

	ck_assert_int_eq(ro_summary_compute(NULL, NULL, &sm), RO_EARG);
	ck_assert_ptr_null(sm);
	ck_assert_int_eq(ro_summary_compute(s, NULL, NULL), RO_EARG);
	/* a segment below the CAP's link: hq does not reach wan going up */
	s->servers[0].link = 1;
	sm = (struct ro_summary *)&sm;
	ck_assert_int_eq(ro_summary_compute(s, NULL, &sm), RO_EINVAL);
	ck_assert_ptr_null(sm);
	s->servers[0].link = 0;
	s->clients[0].segment = 9;
	ck_assert_int_eq(ro_summary_compute(s, NULL, &sm), RO_EINVAL);
	ro_summary_free(NULL);
	ro_site_free(s);
}
END_TEST

START_TEST(allocation_failures)
{
	struct ro_site *s = two_links(48, 500000);
	long live = ro_alloc_live();
	bool done = false;

	for (long k = 1; !done && k < 200; k++) {
		struct ro_summary *sm = NULL;
		int rc;

		ro_alloc_fail_at(k, 1);
		rc = ro_summary_compute(s, NULL, &sm);
		ro_alloc_fail_at(0, 0);
		ck_assert(rc == RO_OK || rc == RO_ENOMEM);
		if (rc == RO_OK) {
			ck_assert_int_eq(sm->links[1].bound_slots, 7);
			done = true;
		} else {
			ck_assert_ptr_null(sm);
		}
		ro_summary_free(sm);
		ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert(done);
	ro_site_free(s);
}
END_TEST

Suite *suite_summary(void)
{
	Suite *s = suite_create("summary");
	TCase *core = fx_tcase_create("core");
	TCase *lim = fx_tcase_create("limits");

	tcase_add_test(core, counts_and_bounds);
	tcase_add_test(core, horizon_not_enough);
	tcase_add_test(lim, bad_arguments);
	tcase_add_test(lim, allocation_failures);
	suite_add_tcase(s, core);
	suite_add_tcase(s, lim);
	return s;
}
