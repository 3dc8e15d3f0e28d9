/*
 * test_simulate.c - the fluid simulation (model/simulate.c).
 *
 * Sites are built by hand as in test_verify.c: a horizon from Monday
 * 2026-11-30T08:00 in slots of 15 minutes, calendar "always", link "lan" of
 * 8000 bit/s at share 1, so that U = 8000 * 900 / 8 = 900,000 bytes per slot
 * and a client's own rate R over that link is 900,000 bytes per slot too.
 * Every expected end below is worked out by hand in the comment above it.
 */
#include <check.h>
#include <string.h>

#include "../io/simulate_xml.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/simulate.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "../solver/sms.h"
#include "../solver/solve.h"
#include "fixture.h"

#define U1 900000   /* bytes per slot of 8000 bit/s */

static struct ro_site *site_new(int32_t nslots)
{
	struct ro_site *s = fx_site_new(nslots);

	s->policy.logon = RO_LOGON_ENABLED;
	return s;
}

static struct ro_client *add_client(struct ro_site *s, const char *id,
				    int32_t count, int32_t seg, int64_t bytes)
{
	return fx_add_client(s, id, count, seg, 0, RO_TRIG_PUSH, bytes);
}

/* "always" calendar 0, link "lan" 0, CAP "cap1" 0 with max-concurrent. */
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
	struct ro_sim *sim;
	struct ro_diag d;
};

static void fix_run(struct fix *f, struct ro_site *s, struct ro_plan *p)
{
	f->s = s;
	f->p = p;
	f->x = ro_expand_new(s);
	ck_assert_ptr_nonnull(f->x);
	ro_diag_init(&f->d);
	f->sim = NULL;
	ck_assert_int_eq(ro_simulate(s, f->x, p, &f->sim, &f->d), RO_OK);
	ck_assert_uint_eq(f->d.n, 0);
	ck_assert_ptr_nonnull(f->sim);
}

static void fix_done(struct fix *f)
{
	ro_sim_free(f->sim);
	ro_plan_free(f->p);
	ro_expand_free(f->x);
	ro_site_free(f->s);
	ro_diag_release(&f->d);
}

/* One transfer of U bytes alone moves at its rate U per slot: done in slot
 * 0, end 1.  Two together get U/2 each per slot: end 2.  Demand in slot 0
 * is 2U (each would take U), above U: one overloaded slot; in slot 1 each
 * wants only the U/2 it has left, 2 * U/2 = U, not above. */
START_TEST(two_share_a_link)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "one", 1, 0, U1);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->start[0], 0);
	ck_assert_int_eq(f.sim->xfer_end[0], 1);
	ck_assert_int_eq(f.sim->end[0], 1);
	ck_assert_int_eq(f.sim->finish, 1);
	ck_assert_int_eq(f.sim->links[0].peak_demand, U1);
	ck_assert_int_eq(f.sim->links[0].overload_slots, 0);
	fix_done(&f);

	s = site_std(4, 0);
	add_client(s, "two", 2, 0, U1);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->xfer_end[0], 2);
	ck_assert_int_eq(f.sim->xfer_end[1], 2);
	ck_assert_int_eq(f.sim->finish, 2);
	ck_assert_int_eq(f.sim->finished, 2);
	ck_assert_int_eq(f.sim->links[0].peak_demand, 2 * U1);
	ck_assert_int_eq(f.sim->links[0].peak_slot, 0);
	ck_assert_int_eq(f.sim->links[0].peak_usable, U1);
	ck_assert_int_eq(f.sim->demand[0], 2 * U1);
	ck_assert_int_eq(f.sim->demand[1], U1);
	ck_assert_int_eq(f.sim->demand[2], 0);
	ck_assert_int_eq(f.sim->links[0].overload_slots, 1);
	ck_assert_int_eq(f.sim->links[0].overload_minutes, 15);
	ck_assert_int_eq(f.sim->links[0].moved, 2 * U1);
	ck_assert_int_eq(f.sim->overload_links, 1);
	fix_done(&f);
}
END_TEST

/* A tree: "root" of 4 units (3,600,000 bytes per slot) with children "a"
 * of 1 unit (900,000) and "b", "c" of 10 units.  Flows A over a, B over b,
 * C over c, all to the CAP on root.  Progressive filling: a fills at level
 * 900,000 (A frozen, also its own rate), root then has 3,600,000 - 900,000
 * = 2,700,000 for B and C: 1,350,000 each (their rate is 3,600,000).
 * So B and C of 1,350,000 bytes finish in slot 0 (an equal split of
 * 1,200,000 would need a second slot), and A of 1,000,000 needs two. */
START_TEST(max_min_tree)
{
	struct fix f;
	struct ro_site *s = site_new(4);
	int32_t root, a, b, c;

	fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	root = fx_add_link(s, "root", -1, 4 * 8000, RO_PPM);
	a = fx_add_link(s, "a", root, 8000, RO_PPM);
	b = fx_add_link(s, "b", root, 10 * 8000, RO_PPM);
	c = fx_add_link(s, "c", root, 10 * 8000, RO_PPM);
	fx_add_server(s, "cap1", root, 0);
	add_client(s, "A", 1, a, 1000000);
	add_client(s, "B", 1, b, 1350000);
	add_client(s, "C", 1, c, 1350000);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->xfer_end[0], 2);
	ck_assert_int_eq(f.sim->xfer_end[1], 1);
	ck_assert_int_eq(f.sim->xfer_end[2], 1);
	/* root: 900,000 + 2 * 1,350,000 in slot 0, 100,000 in slot 1 */
	ck_assert_int_eq(f.sim->links[root].moved, 3700000);
	ck_assert_int_eq(f.sim->links[a].moved, 1000000);
	/* demand on root in slot 0: 900,000 + 2 * 1,350,000 (what B and C
	 * have left is below their rate) = 3,600,000 = U: not above */
	ck_assert_int_eq(f.sim->demand[(size_t)root * 4], 3600000);
	ck_assert_int_eq(f.sim->links[root].overload_slots, 0);
	ck_assert_int_eq(f.sim->demand[(size_t)root * 4 + 1], 100000);
	fix_done(&f);
}
END_TEST

/* rate-kbps 4 (4000 bit/s) on the 8000 bit/s link: 450,000 bytes per slot,
 * so 900,000 bytes take 2 slots even alone; the link is half used. */
START_TEST(own_rate_cap)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "slow", 1, 0, U1)->rate_bps = 4000;
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->xfer_end[0], 2);
	ck_assert_int_eq(f.sim->links[0].peak_demand, U1 / 2);
	ck_assert_int_eq(f.sim->links[0].overload_slots, 0);
	fix_done(&f);
}
END_TEST

/* max-concurrent 1, three clients of U bytes starting together: served one
 * at a time in id order, ends 1, 2, 3; never two on the link, so no
 * overload. */
START_TEST(cap_queue)
{
	struct fix f;
	struct ro_site *s = site_std(4, 1);

	add_client(s, "pc", 3, 0, U1);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->start[2], 0);
	ck_assert_int_eq(f.sim->xfer_end[0], 1);
	ck_assert_int_eq(f.sim->xfer_end[1], 2);
	ck_assert_int_eq(f.sim->xfer_end[2], 3);
	ck_assert_int_eq(f.sim->links[0].peak_demand, U1);
	ck_assert_int_eq(f.sim->overload_links, 0);
	ck_assert_int_eq(f.sim->finish, 3);
	fix_done(&f);
}
END_TEST

/* FIFO by start, then id: with max-concurrent 1 and transfers of 2 slots,
 * "x" (first in site order) starts at slot 1, "y" and "z" at slot 0.  y
 * runs 0-1 (end 2), z 2-3 (end 4, it started before x), x 4-5 (end 6). */
START_TEST(cap_queue_fifo_by_start)
{
	struct fix f;
	struct ro_site *s = site_std(8, 1);
	struct ro_plan *p;

	add_client(s, "x", 1, 0, 2 * U1);
	add_client(s, "y", 1, 0, 2 * U1);
	add_client(s, "z", 1, 0, 2 * U1);
	p = ro_plan_new(s);
	ck_assert_ptr_nonnull(p);
	p->a[0].start = 1;
	p->a[1].start = 0;
	p->a[2].start = 0;
	for (int i = 0; i < 3; i++)
		p->a[i].trigger = RO_TRIG_PUSH;
	fix_run(&f, s, p);
	ck_assert_int_eq(f.sim->xfer_end[1], 2);
	ck_assert_int_eq(f.sim->xfer_end[2], 4);
	ck_assert_int_eq(f.sim->xfer_end[0], 6);
	/* the plan says d = 2: ends 3, 2, 2; late: x by 3 and z by 2 */
	ck_assert(f.sim->with_plan);
	ck_assert_int_eq(f.sim->plan_end[0], 3);
	ck_assert_int_eq(f.sim->plan_end[2], 2);
	ck_assert_int_eq(f.sim->late, 2);
	ck_assert_int_eq(f.sim->max_diff, 3);
	ck_assert_int_eq(f.sim->max_diff_client, 0);
	fix_done(&f);
}
END_TEST

/* A client whose calendar is never on has no opportunity: it never starts
 * and is not counted in the finish. */
START_TEST(never_starts)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	int32_t off = fx_add_calendar(s, "weekend", 5 * RO_DAY_MIN,
				      7 * RO_DAY_MIN);

	add_client(s, "on", 1, 0, U1);
	add_client(s, "off", 1, 0, U1)->calendar = off;
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->start[1], -1);
	ck_assert_int_eq(f.sim->end[1], -1);
	ck_assert_uint_eq(f.sim->flags[1], RO_SIM_NEVER);
	ck_assert_uint_eq(f.sim->flags[0], 0);
	ck_assert_int_eq(f.sim->never, 1);
	ck_assert_int_eq(f.sim->started, 1);
	ck_assert_int_eq(f.sim->finish, 1);
	fix_done(&f);
}
END_TEST

/* 3 slots, 4 clients of U bytes on one link: the last one cannot finish
 * inside the horizon (3 slots hold 3U). */
START_TEST(unfinished_at_horizon)
{
	struct fix f;
	struct ro_site *s = site_std(3, 0);

	add_client(s, "pc", 4, 0, U1);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->unfinished, 4);
	ck_assert_int_eq(f.sim->finished, 0);
	ck_assert_int_eq(f.sim->xfer_end[0], -1);
	ck_assert_uint_eq(f.sim->flags[3], RO_SIM_UNFINISHED);
	ck_assert_int_eq(f.sim->finish, 0);
	fix_done(&f);
}
END_TEST

/* Reboots: delay 15 min so K = 1, and the restart rule of
 * docs/semantics.md, "Reboots".  Without reboot windows a client of U
 * bytes with one reboot sharing the link with another ends its transfer
 * at 2, reboots in slot 3 (08:45 Monday: office hours), completes at 4.
 * With a reboot window of the whole night (18:00-08:00) alone, on since
 * before its copy (done at 1), it waits for the night: no restart in the
 * 4 slots, none counted, and it completes at the earliest in slot
 * max(1 + 1, 4) + 1 = 5.  Switched off 08:15-08:30, its power-up at 08:30
 * (slot 2) restarts it: in office hours and outside the reboot windows, a
 * figure of its own; completion 3.  With a window Mon 08:00-09:00 the
 * reboot in slot 2 is inside one, and still in office hours: the reboot
 * windows do not change what office hours are. */
/* 4 slots, one Win95 client "w95" of U bytes, one reboot window from
 * week minute from to to. */
static struct ro_site *site_w95_window(int32_t from, int32_t to)
{
	struct ro_site *s = site_std(4, 0);
	struct ro_wspan *w = ro_malloc(sizeof *w);

	ck_assert_ptr_nonnull(w);
	add_client(s, "w95", 1, 0, U1)->reboots = 1;
	w->from = from;
	w->to = to;
	s->policy.reboot_windows = w;
	s->policy.nreboot_windows = 1;
	return s;
}

START_TEST(reboot_office_hours)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);
	struct ro_wspan *w;

	add_client(s, "w95", 1, 0, U1)->reboots = 1;
	add_client(s, "nt", 1, 0, U1);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->reboot_delay_slots, 1);
	ck_assert_int_eq(f.sim->xfer_end[0], 2);   /* shares with nt */
	ck_assert_int_eq(f.sim->end[0], 4);
	ck_assert_uint_eq(f.sim->flags[0], RO_SIM_REBOOT_OFFICE);
	ck_assert_uint_eq(f.sim->flags[1], 0);
	ck_assert_int_eq(f.sim->reboots, 1);
	ck_assert_int_eq(f.sim->reboots_office, 1);
	ck_assert_int_eq(f.sim->reboot_office_clients, 1);
	ck_assert_int_eq(f.sim->reboots_outside, 0);
	fix_done(&f);

	s = site_w95_window(18 * 60, 24 * 60 + 8 * 60);
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->xfer_end[0], 1);
	ck_assert_int_eq(f.sim->end[0], 5);
	ck_assert_uint_eq(f.sim->flags[0], 0);
	ck_assert_int_eq(f.sim->reboots, 0);
	fix_done(&f);

	s = site_w95_window(18 * 60, 24 * 60 + 8 * 60);
	/* on Mon 08:00-08:15 and from 08:30 (fx_add_calendar allocates
	 * one span, not through ro_grow: a new array of two) */
	w = ro_malloc(2 * sizeof *w);
	ck_assert_ptr_nonnull(w);
	w[0].from = 0;
	w[0].to = 8 * 60 + 15;
	w[1].from = 8 * 60 + 30;
	w[1].to = RO_WEEK_MIN;
	ro_free(s->calendars[0].weekly);
	s->calendars[0].weekly = w;
	s->calendars[0].nweekly = 2;
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->xfer_end[0], 1);
	ck_assert_int_eq(f.sim->end[0], 3);
	ck_assert_uint_eq(f.sim->flags[0],
			  RO_SIM_REBOOT_OFFICE | RO_SIM_REBOOT_OUTSIDE);
	ck_assert_int_eq(f.sim->reboots_office, 1);
	ck_assert_int_eq(f.sim->reboots_outside, 1);
	fix_done(&f);

	s = site_w95_window(8 * 60, 9 * 60);
	fix_run(&f, s, NULL);
	ck_assert_uint_eq(f.sim->flags[0], RO_SIM_REBOOT_OFFICE);
	ck_assert_int_eq(f.sim->reboots_office, 1);
	ck_assert_int_eq(f.sim->reboots_outside, 0);
	fix_done(&f);
}
END_TEST

/* A reboot after the horizon end is not counted (as for a plan, whose
 * reboots all lie inside): 4 slots, one transfer of 3 U ends at 3, its
 * reboot would be in slot 4. */
START_TEST(reboot_after_horizon)
{
	struct fix f;
	struct ro_site *s = site_std(4, 0);

	add_client(s, "w95", 1, 0, 3 * U1)->reboots = 1;
	fix_run(&f, s, NULL);
	ck_assert_int_eq(f.sim->xfer_end[0], 3);
	ck_assert_int_eq(f.sim->end[0], 5);
	ck_assert_int_eq(f.sim->reboots, 0);
	ck_assert_uint_eq(f.sim->flags[0], 0);
	fix_done(&f);
}
END_TEST

/* A plan from the solver: 4 clients of U bytes over one link, one per
 * slot (q = U = R, so a transfer alone takes the whole link): the
 * simulation shows no overload and the ends the plan states. */
START_TEST(solver_plan_matches)
{
	struct fix f;
	struct ro_site *s = site_std(6, 0);
	struct ro_solve_opts o;
	struct ro_plan *p = NULL;
	struct ro_expand *x;
	struct ro_diag d;

	add_client(s, "pc", 4, 0, U1);
	add_client(s, "nt", 1, 0, U1 / 2);
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	ro_diag_init(&d);
	ro_solve_opts_init(&o);
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_OK);
	ro_expand_free(x);
	ro_diag_release(&d);
	fix_run(&f, s, p);
	ck_assert_int_eq(f.sim->overload_links, 0);
	ck_assert_int_eq(f.sim->late, 0);
	ck_assert_int_eq(f.sim->max_diff, 0);
	ck_assert_int_eq(f.sim->max_diff_client, -1);
	ck_assert_int_eq(f.sim->finished, 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert_int_eq(f.sim->end[i], f.sim->plan_end[i]);
	fix_done(&f);
}
END_TEST

/* The shared transfer figures over "lan" (8000 bit/s at share 1): R =
 * 8000 * 1e6 = 8e9 bit/s * 1e6; U1 = 900,000 bytes take
 * ceil(900,000 * 8 * 1e6 / (8e9 * 60 * 15)) = 1 slot, one byte more takes
 * 2; without a path and without an own rate R = 0 and d = INT32_MAX.  The
 * expanded index names the client: 0 "pc-1", 1 "pc-2", 2 "one", 3 "?". */
START_TEST(transfer_and_names)
{
	struct ro_site *s = site_std(4, 0);
	const int32_t path[1] = { 0 };
	char buf[64];

	add_client(s, "pc", 2, 0, U1);
	add_client(s, "one", 1, 0, U1 + 1);
	ck_assert(ro_transfer_rate_ppm(s, &s->clients[0], path, 1) == 8e9);
	ck_assert_int_eq(ro_transfer_slots(s, &s->clients[0], path, 1, 15), 1);
	ck_assert_int_eq(ro_transfer_slots(s, &s->clients[1], path, 1, 15), 2);
	ck_assert_int_eq(ro_transfer_slots(s, &s->clients[1], path, 0, 15),
			 INT32_MAX);
	ck_assert_str_eq(ro_sim_client_name(s, 0, buf, sizeof buf), "pc-1");
	ck_assert_str_eq(ro_sim_client_name(s, 1, buf, sizeof buf), "pc-2");
	ck_assert_str_eq(ro_sim_client_name(s, 2, buf, sizeof buf), "one");
	ck_assert_str_eq(ro_sim_client_name(s, 3, buf, sizeof buf), "?");
	ro_site_free(s);
}
END_TEST

/* The XML writer refuses missing arguments before it builds anything. */
START_TEST(xml_bad_arguments)
{
	struct ro_site *s = site_std(4, 0);
	struct ro_sim sim;
	struct ro_diag d;

	memset(&sim, 0, sizeof sim);
	ro_diag_init(&d);
	ck_assert_int_eq(ro_sim_write_xml(NULL, &sim, NULL, "x.xml", &d),
			 RO_EARG);
	ck_assert_int_eq(ro_diag_count(&d), 1);
	ck_assert_str_eq(d.v[0].msg, "cannot write the simulation: invalid "
			 "argument");
	ck_assert_int_eq(ro_sim_write_xml(s, NULL, NULL, "x.xml", &d),
			 RO_EARG);
	ck_assert_int_eq(ro_sim_write_xml(s, &sim, NULL, NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_sim_write_xml(s, &sim, NULL, "x.xml", NULL),
			 RO_EARG);
	ck_assert_int_eq(ro_diag_count(&d), 3);   /* none without d */
	ro_diag_release(&d);
	ro_site_free(s);
}
END_TEST

START_TEST(bad_arguments)
{
	struct ro_site *s = site_std(4, 0), *other = site_std(4, 0);
	struct ro_expand *x;
	struct ro_plan *p;
	struct ro_sim *sim = (struct ro_sim *)1;
	struct ro_diag d;

	add_client(s, "pc", 2, 0, U1);
	add_client(other, "pc", 1, 0, U1);
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	ro_diag_init(&d);
	ck_assert_int_eq(ro_simulate(NULL, x, NULL, &sim, &d), RO_EARG);
	ck_assert_ptr_null(sim);
	ck_assert_int_eq(ro_simulate(s, NULL, NULL, &sim, &d), RO_EARG);
	ck_assert_int_eq(ro_simulate(s, x, NULL, NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_simulate(s, x, NULL, &sim, NULL), RO_EARG);
	ro_diag_release(&d);
	ro_diag_init(&d);
	p = ro_plan_new(other);
	ck_assert_int_eq(ro_simulate(s, x, p, &sim, &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "cannot simulate: the plan does not "
			 "belong to the site");
	ro_plan_free(p);
	ro_diag_release(&d);
	ro_diag_init(&d);
	p = ro_plan_new(s);
	p->a[1].start = 4;
	ck_assert_int_eq(ro_simulate(s, x, p, &sim, &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "cannot simulate: client 'pc-2' starts "
			 "at slot 4, after the horizon (slots 0 to 3)");
	ck_assert_ptr_null(sim);
	ro_plan_free(p);
	ro_diag_release(&d);
	ro_sim_free(NULL);
	ro_expand_free(x);
	ro_site_free(s);
	ro_site_free(other);
}
END_TEST

/* Every allocation failing in turn: RO_ENOMEM and nothing leaked, until
 * the run succeeds. */
START_TEST(alloc_failures)
{
	struct ro_site *s = site_std(4, 1);
	struct ro_expand *x;
	struct ro_diag d;
	int rc = RO_ENOMEM;

	add_client(s, "pc", 3, 0, U1);
	add_client(s, "nt", 2, 0, U1 / 2);
	for (long n = 1; rc != RO_OK && n < 1000; n++) {
		struct ro_sim *sim = NULL;
		long live;

		live = ro_alloc_live();
		x = ro_expand_new(s);
		ck_assert_ptr_nonnull(x);
		ro_diag_init(&d);
		ro_alloc_fail_at(n, 1);
		rc = ro_simulate(s, x, NULL, &sim, &d);
		ro_alloc_fail_at(0, 0);
		ck_assert(rc == RO_OK || rc == RO_ENOMEM);
		ck_assert(rc == RO_OK ? sim != NULL : sim == NULL);
		ro_sim_free(sim);
		ro_diag_release(&d);
		ro_expand_free(x);
		ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert_int_eq(rc, RO_OK);
	ro_site_free(s);
}
END_TEST

/* 100,000 clients in a few classes simulate in well under a second: the
 * storm of one group over one link with a CAP of 50 at once. */
START_TEST(many_clients)
{
	struct fix f;
	struct ro_site *s = site_std(96, 50);

	add_client(s, "pc", 100000, 0, 1000);
	add_client(s, "nt", 1, 0, 1000);
	fix_run(&f, s, NULL);
	/* 50 transfers per slot at 1000 bytes = 50,000 <= U: 2000 slots
	 * would be needed; only 96 exist, so 96 * 50 = 4800 finish */
	ck_assert_int_eq(f.sim->finished, 4800);
	ck_assert_int_eq(f.sim->unfinished, 100001 - 4800);
	ck_assert_int_eq(f.sim->xfer_end[49], 1);
	ck_assert_int_eq(f.sim->xfer_end[50], 2);
	ck_assert_int_eq(f.sim->finish, 96);
	fix_done(&f);
}
END_TEST


/*
 * An SMS 2.0 plan, by hand: 24 slots from Monday 08:00 (to 14:00), a
 * 64 kbit/s WAN behind hq (U = 7,200,000 bytes a slot, a copy of that size
 * in one slot), the release at 10:00, the CAP ready at 11:00.  X and Y tick
 * at 12:00 (slot 16): the forecast has both end at 17, 7,200,000 bytes of
 * overload.  Fair sharing gives each 3,600,000 in slot 16 and in 17: both
 * end at 18, one slot later than forecast.  Z's calendar is Monday
 * 08:00-14:00 only, so its 23-hour count restarts at Monday 08:00 (the
 * power-up catching up the ticks missed the week before), before the
 * release; its next tick is Tuesday 07:00, slot 92, after the horizon.  Z
 * is in a group told to stay on from Monday 13:00 to Tuesday 09:00, with
 * 100 % compliance: it is on then because it stays on, as in the
 * forecast.  The simulation runs on to a week after the horizon end (24 +
 * 672 slots) and Z ends at 93 as forecast.
 */
START_TEST(sms20_forecast_starts)
{
	struct ro_site *s = fx_sms_site(24, "2026-11-30T10:00");
	int32_t always = fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	int32_t mon = fx_add_calendar(s, "mon", 8 * 60, 14 * 60);
	const char *id[] = { "X", "Y", "Z" };
	const char *phase[] = { "2026-11-30T12:00", "2026-11-30T12:00",
				"2026-11-30T09:00" };
	struct ro_solve_opts o;
	struct ro_plan *p = NULL;
	struct ro_sim *sim = NULL;
	struct ro_expand *x;
	struct ro_diag d;

	s->groups = ro_calloc(1, sizeof *s->groups);
	ck_assert_ptr_nonnull(s->groups);
	s->ngroups = 1;
	s->groups[0].id = fx_str(s, "night");
	s->groups[0].compliance_ppm = RO_PPM;
	s->groups[0].has_stay_on = true;
	s->groups[0].stay_from = fx_time("2026-11-30T13:00");
	s->groups[0].stay_to = fx_time("2026-12-01T09:00");
	s->groups[0].stay_use = RO_USE_YES;
	for (int i = 0; i < 3; i++) {
		struct ro_client *c = fx_add_client(s, id[i], 1, 1,
						    i == 2 ? mon : always,
						    RO_TRIG_CCIM, 7200000);

		c->has_phase = true;
		c->phase = fx_time(phase[i]);
		c->group = i == 2 ? 1 : 0;
	}
	ro_solve_opts_init(&o);
	o.time_limit = 10;
	ro_diag_init(&d);
	ck_assert_int_eq(ro_sms_solve(s, &o, &p, &d), RO_OK);
	ck_assert(p->lv.instructed[0]);
	ck_assert_int_eq(p->a[2].start, 92);

	/* the per-client simulator refuses it: its starts pass the horizon */
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	ck_assert_int_eq(ro_simulate(s, x, p, &sim, &d), RO_EARG);
	ck_assert_ptr_nonnull(strstr(d.v[d.n - 1].msg, "ro_simulate_sms20"));
	ro_expand_free(x);

	ck_assert_int_eq(ro_simulate_sms20(s, p, &sim, &d), RO_OK);
	ck_assert_int_eq(sim->nslots, 24 + 672);
	ck_assert_int_eq(sim->start[0], 16);
	ck_assert_int_eq(sim->start[1], 16);
	ck_assert_int_eq(sim->start[2], 92);
	ck_assert_int_eq(sim->end[0], 18);
	ck_assert_int_eq(sim->end[1], 18);
	ck_assert_int_eq(sim->end[2], 93);
	ck_assert_int_eq(sim->finished, 3);
	ck_assert_int_eq(sim->finish, 93);
	ck_assert_int_eq(sim->links[1].peak_demand, 14400000);
	ck_assert_int_eq(sim->links[1].peak_slot, 16);
	ck_assert_int_eq(sim->links[1].overload_slots, 1);
	ck_assert(sim->with_plan);
	ck_assert_int_eq(sim->plan_end[0], 17);
	ck_assert_int_eq(sim->plan_end[2], 93);
	ck_assert_int_eq(sim->late, 2);
	ck_assert_int_eq(sim->max_diff, 1);
	ck_assert_int_eq(sim->max_diff_client, 0);
	ro_sim_free(sim);

	/* bad arguments: not an SMS 2.0 plan, no site */
	p->control = RO_CONTROL_PER_CLIENT;
	ck_assert_int_eq(ro_simulate_sms20(s, p, &sim, &d), RO_EARG);
	ck_assert_ptr_null(sim);
	ck_assert_int_eq(ro_simulate_sms20(NULL, p, &sim, &d), RO_EARG);
	ro_plan_free(p);
	ro_site_free(s);
	ro_diag_release(&d);
}
END_TEST

Suite *suite_simulate(void)
{
	Suite *s = suite_create("simulate");
	TCase *tc = fx_tcase_create("fluid");

	tcase_add_test(tc, two_share_a_link);
	tcase_add_test(tc, max_min_tree);
	tcase_add_test(tc, own_rate_cap);
	tcase_add_test(tc, cap_queue);
	tcase_add_test(tc, cap_queue_fifo_by_start);
	tcase_add_test(tc, never_starts);
	tcase_add_test(tc, unfinished_at_horizon);
	tcase_add_test(tc, reboot_office_hours);
	tcase_add_test(tc, reboot_after_horizon);
	tcase_add_test(tc, solver_plan_matches);
	tcase_add_test(tc, sms20_forecast_starts);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("limits");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, xml_bad_arguments);
	tcase_add_test(tc, transfer_and_names);
	tcase_add_test(tc, alloc_failures);
	tcase_add_test(tc, many_clients);
	suite_add_tcase(s, tc);
	return s;
}
