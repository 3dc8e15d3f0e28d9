/*
 * test_compare.c - what-if comparison (solver/compare.h) and its XML
 * (io/compare_xml.h), on examples/small.xml and on hand-built sites.
 *
 * The figures of examples/small.xml, worked out by hand from
 * docs/semantics.md (and confirmed by rollout plan, which proves both plans
 * optimal: every stage's gap is 0):
 *
 * base (Mon 2026-11-30 08:00 to Mon 12-07 08:00, 672 slots of 15 min, the
 * CAP ready Mon 10:00, logon scripts "enabled": only the first logon at or
 * after 10:00):
 *   - HQ-95B (overnight calendar, logon only) logs on Mon 08:30, before the
 *     CAP is ready, and never again: 1 no-opportunity.
 *   - The workday-calendar logon clients (BR1-98-1..8, HQ-98C, BR1-95A) and
 *     the RAS laptop LAPTOP7 (office calendar workday) have one
 *     opportunity, the logon on Tue 08:30 = slot 98.  A Win9x transfer is
 *     1 slot; the reboot may follow from 09:00 (15-minute delay), but the
 *     client has been on since 08:30, so it waits for the first reboot
 *     window slot, Tue 12:00 = slot 112: e = 113, inside the window and
 *     the horizon.  Over wan-br1 in office hours (background 70 %) the
 *     usable U = 256,000 x 0.3 x 0.8 x 900 / 8 = 6,912,000 bytes is below
 *     the 8,388,608 of a 1-slot branch transfer: the 10 branch clients
 *     (LAPTOP7, BR1-98-1..8, BR1-95A) fit their window but no link: 10
 *     capacity.  HQ-98C crosses only hq and is placed.
 *   - The other 9 are placed.  HQ-NT03 (workday, ccim at 08:00 + k x 23 h,
 *     never inside its calendar this week) can only start with its logon,
 *     Tue 08:30 = slot 98, no reboot: e = 99.  HQ-98C, same logon, reboots
 *     at 12:00 (slot 112): e = 113, so the makespan is 113 slots =
 *     1 d 04:15, finishing 2026-12-01T12:15.
 *   - WAN: the two branch NT clients cross wan-br1 on Monday evening (their
 *     ccim phases, 20:00 and 22:30): 8 MB + 14 MB = 23,068,672 bytes on
 *     2026-11-30, nothing else.  Peak: BR1-NT02's 14,680,064 bytes in one
 *     slot at 22:30, where U = 256,000 x 0.9 x 0.8 x 900 / 8 = 20,736,000:
 *     0.7080.
 *   - Reboots: HQ-95A, HQ-98A and HQ-98D are pushed from Mon 10:00 and,
 *     on since 08:30, reboot at 12:00 (the lunch window, which is office
 *     hours); HQ-98C reboots Tue 12:00: 4 of 4.
 *   - RAS: LAPTOP7 is unplaced: 1 of 1 deferred.
 * weekend (Fri 12-04 18:00 to Mon 08:00, 248 slots, logon scripts
 * disabled, the workday calendar on all weekend, the CAP ready at once):
 *   - 12 logon-only clients and HQ-98A, HQ-98D (logon push, overnight
 *     calendar off at the weekend) have no opportunity: 14 no-opportunity;
 *     6 placed.
 *   - BR1-NT01's ccim (phase Mon 20:00, every 23 h) first fires in the
 *     horizon on Sat 15:00 = slot 84: makespan 85 = 0 d 21:15, finishing
 *     2026-12-05T15:15.
 *   - WAN: BR1-NT02 Fri 18:30 (14 MB), BR1-NT01 Sat 15:00 (8 MB); the
 *     peak is BR1-NT02 against U = 256,000 x 0.95 x 0.8 x 900 / 8 =
 *     21,888,000: 0.6707.  HQ-95A reboots Fri 18:30, after office hours:
 *     0 of 1.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../orch/compare_xml.h"
#include "../io/site_read.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/rtime.h"
#include "../orch/compare.h"
#include "../solver/sms.h"
#include "fixture.h"

#define SMALL RO_SRCDIR "/examples/small.xml"

static ro_time at(const char *s)
{
	ro_time t = 0;

	ck_assert_msg(ro_time_parse(s, &t), "bad time %s", s);
	return t;
}

static void diag_dump(const struct ro_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "%s:%ld: %s\n", d->v[i].file ? d->v[i].file : "-",
			d->v[i].line, d->v[i].msg);
}

static struct ro_compare *run(const char *path, const char *const *sc,
			      size_t n, bool baseline)
{
	struct ro_solve_opts o;
	struct ro_compare *c = NULL;
	struct ro_diag d;
	int err;

	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.time_limit = 10;
	ro_diag_init(&d);
	err = ro_compare_run(path, sc, n, &o, baseline, &c, &d);
	if (err)
		diag_dump(&d);
	ck_assert_int_eq(err, RO_OK);
	ck_assert_ptr_nonnull(c);
	ro_diag_release(&d);
	return c;
}

/* Parses and validates text against compare.xsd. */
static void assert_valid_xml(const char *text, size_t len)
{
	struct ro_diag d;
	xmlDocPtr doc = NULL;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_xml_parse(text, len, "compare.xml", &doc, &d),
			 RO_OK);
	if (ro_xml_validate(doc, "compare.xsd", "compare.xml", &d) != RO_OK)
		diag_dump(&d);
	ck_assert_uint_eq(ro_diag_count(&d), 0);
	xmlFreeDoc(doc);
	ro_diag_release(&d);
}

/* -------------------------- examples/small.xml -------------------------- */

START_TEST(small_base_and_weekend)
{
	const char *sc[] = { "", "weekend" };
	struct ro_compare *c = run(SMALL, sc, 2, false);
	const struct ro_figures *b = &c->v[0], *w = &c->v[1];

	ck_assert_str_eq(c->site, "small-office");
	ck_assert_uint_eq(c->n, 2);
	ck_assert_int_eq(ro_compare_first_error(c), -1);

	ck_assert_str_eq(b->name, "base");
	ck_assert_int_eq(b->kind, RO_FIGURES_PLAN);
	ck_assert_int_eq(b->err, RO_OK);
	ck_assert_int_eq(b->clients, 20);
	ck_assert_int_eq(b->placed, 9);
	ck_assert_int_eq(b->unplaced[RO_REASON_NO_OPPORTUNITY], 1);
	ck_assert_int_eq(b->unplaced[RO_REASON_WINDOW], 0);
	ck_assert_int_eq(b->unplaced[RO_REASON_RAS_ONLY], 0);
	ck_assert_int_eq(b->unplaced[RO_REASON_CAPACITY], 10);
	ck_assert_int_eq(b->unplaced[RO_REASON_HORIZON], 0);
	ck_assert_int_eq(b->makespan, 113);
	ck_assert_int_eq(b->finish, at("2026-12-01T12:15"));
	ck_assert_uint_eq(b->nwan, 1);
	ck_assert_str_eq(b->wan[0].id, "wan-br1");
	ck_assert_int_eq(b->wan[0].peak_load, 14680064);
	ck_assert_int_eq(b->wan[0].peak_usable, 20736000);
	ck_assert_int_eq(b->wan[0].peak_slot, 58);   /* Mon 22:30 */
	ck_assert_uint_eq(b->ndays, 8);              /* Mon .. next Mon */
	ck_assert_int_eq(b->days[0].day, at("2026-11-30T00:00"));
	ck_assert_int_eq(b->days[0].bytes, 23068672);
	for (size_t i = 1; i < b->ndays; i++)
		ck_assert_int_eq(b->days[i].bytes, 0);
	ck_assert_int_eq(b->days[7].day, at("2026-12-07T00:00"));
	ck_assert_int_eq(b->reboots, 4);
	ck_assert_int_eq(b->reboots_office, 4);
	ck_assert_int_eq(b->ras_clients, 1);
	ck_assert_int_eq(b->ras_deferred, 1);
	ck_assert_int_eq(b->status, RO_STATUS_OPTIMAL);
	ck_assert(b->gap == 0);
	ck_assert_int_eq(b->nstages, 3);

	ck_assert_str_eq(w->name, "weekend");
	ck_assert_int_eq(w->err, RO_OK);
	ck_assert_int_eq(w->horizon.nslots, 248);
	ck_assert_int_eq(w->placed, 6);
	ck_assert_int_eq(w->unplaced[RO_REASON_NO_OPPORTUNITY], 14);
	ck_assert_int_eq(w->unplaced[RO_REASON_WINDOW], 0);
	ck_assert_int_eq(w->makespan, 85);
	ck_assert_int_eq(w->finish, at("2026-12-05T15:15"));
	ck_assert_int_eq(w->wan[0].peak_load, 14680064);
	ck_assert_int_eq(w->wan[0].peak_usable, 21888000);
	ck_assert_int_eq(w->wan[0].peak_slot, 2);    /* Fri 18:30 */
	ck_assert_uint_eq(w->ndays, 4);              /* Fri .. Mon */
	ck_assert_int_eq(w->days[0].bytes, 14680064);
	ck_assert_int_eq(w->days[1].bytes, 8388608);
	ck_assert_int_eq(w->days[2].bytes, 0);
	ck_assert_int_eq(w->days[3].bytes, 0);
	ck_assert_int_eq(w->reboots, 1);
	ck_assert_int_eq(w->reboots_office, 0);
	ck_assert_int_eq(w->ras_deferred, 1);
	ck_assert_int_eq(w->status, RO_STATUS_OPTIMAL);
	ck_assert(w->gap == 0);
	ro_compare_free(c);
}
END_TEST

/*
 * The baseline column of examples/small.xml (base site, no plan: every
 * client at its first start opportunity, docs/simulate.md), by hand.
 *
 * Figures used: S = 8 MB = 8,388,608 bytes.  The WAN wan-br1 carries
 * U = 256,000 x (1 - bg) x 0.8 x 900 / 8 bytes per slot: 6,912,000 in
 * office hours (bg 70 %), 20,736,000 at night (10 %).  A branch transfer
 * runs at most at R = 256,000 x 0.8 = 204,800 bit/s, 23,040,000 bytes per
 * slot; an HQ one at 8 Mbit/s (900,000,000 per slot), so it always ends
 * in its first slot.  The CAP serves 6 transfers at once, earliest start
 * first, then site order.  K = 1 (15-minute delay).
 *
 * First opportunities (CAP ready Mon 10:00, logon scripts enabled):
 *   - Mon 10:00, slot 8: HQ-NT02, HQ-95A, HQ-98A, HQ-98D (push), all on hq:
 *     done at 9; the three Win9x may reboot from slot 10 (10:30), but on
 *     since 08:30 they wait for the lunch window: slot 16 (12:00).
 *   - Mon 20:00, slot 48: BR1-NT01 (ccim), 8 MB over the WAN at night;
 *     Mon 22:30, slot 58: BR1-NT02 (ccim), 14,680,064 bytes < 20,736,000:
 *     each in one slot.  Tue 02:10, slot 72: HQ-NT01 (ccim) on hq.
 *   - HQ-95B (overnight calendar, logon only) logs on Mon 08:30 only,
 *     before the CAP is ready: it never starts.
 *   - Tue 08:30, slot 98, the logon storm: HQ-NT03 (14 MB) and HQ-98C on
 *     hq; LAPTOP7, BR1-98-1..8 and BR1-95A (8 MB each) over the WAN.
 * The storm, slot by slot (rem = bytes left per transfer):
 *   98: served HQ-NT03 (done), LAPTOP7, BR1-98-1..4; the 5 WAN transfers
 *       share U: 1,382,400 each, rem 7,006,208.
 *   99: HQ-NT03's seat goes to BR1-98-5.  Demand: 5 x 7,006,208 +
 *       8,388,608 = 43,419,648 bytes, the peak: 43,419,648 / 6,912,000 =
 *       628.18 %.  Six share U: 1,152,000 each.
 *   100-104: the same six, 1,152,000 each: the five have 94,208 left,
 *       BR1-98-5 1,476,608.
 *   105: they take 5 x 94,208 + 1,476,608 = 1,947,648 < U: all six done
 *       at 106; their reboots (win98) wait from slot 107 for the window,
 *       slot 112 (Tue 12:00), the clients on since 08:30.
 *   106: BR1-98-6..8, HQ-98C and BR1-95A get seats; HQ-98C is done at 107
 *       and reboots in 112 too; the 4 WAN ones get 1,728,000 each.
 *   107-109: 1,728,000 each, 1,476,608 left.
 *   110: done at 111 (Tue 11:45); their reboots in slot 112 (12:00).
 *   Every Tuesday client completes at 113 = 2026-12-01T12:15 = 1 d 04:15:
 *   the makespan.
 * So: 19 placed (complete by the horizon end), 1 never starts, 0
 * unfinished.  WAN bytes (demand capped at U): Monday 8,388,608 +
 * 14,680,064 = 23,068,672 (22.0 MB); Tuesday 7 x 6,912,000 (98-104) +
 * 1,947,648 + 4 x 6,912,000 (106-109) + 4 x 1,476,608 = 83,886,080 (80.0
 * MB, the ten branch transfers); nothing on the other days.  Reboots: 3 +
 * 6 + 1 + 4 = 14, all in office hours (Mon-Fri 08:00-18:00; all at 12:00,
 * in the lunch reboot window, but still office hours): 14 of 14.
 * RAS: LAPTOP7 starts at its first opportunity (slot 98): 0 of 1 deferred.
 */
START_TEST(small_baseline_column)
{
	const char *sc[] = { "base" };
	struct ro_compare *c = run(SMALL, sc, 1, true);
	const struct ro_figures *s = &c->v[1];

	ck_assert_uint_eq(c->n, 2);
	ck_assert_str_eq(s->name, "baseline");
	ck_assert_int_eq(s->kind, RO_FIGURES_SIMULATION);
	ck_assert_int_eq(s->err, RO_OK);
	ck_assert_int_eq(s->clients, 20);
	ck_assert_int_eq(s->placed, 19);
	ck_assert_int_eq(s->never, 1);
	ck_assert_int_eq(s->unfinished, 0);
	ck_assert_int_eq(s->makespan, 113);
	ck_assert_int_eq(s->finish, at("2026-12-01T12:15"));
	ck_assert_uint_eq(s->nwan, 1);
	ck_assert_str_eq(s->wan[0].id, "wan-br1");
	ck_assert_int_eq(s->wan[0].peak_load, 43419648);
	ck_assert_int_eq(s->wan[0].peak_usable, 6912000);
	ck_assert_int_eq(s->wan[0].peak_slot, 99);
	ck_assert_uint_eq(s->ndays, 8);
	ck_assert_int_eq(s->days[0].day, at("2026-11-30T00:00"));
	ck_assert_int_eq(s->days[0].bytes, 23068672);
	ck_assert_int_eq(s->days[1].bytes, 83886080);
	for (size_t k = 2; k < 8; k++)
		ck_assert_int_eq(s->days[k].bytes, 0);
	ck_assert_int_eq(s->reboots, 14);
	ck_assert_int_eq(s->reboots_office, 14);
	ck_assert_int_eq(s->ras_clients, 1);
	ck_assert_int_eq(s->ras_deferred, 0);
	ck_assert(s->gap < 0);
	ck_assert_int_eq(s->nstages, 0);
	ro_compare_free(c);
}
END_TEST

START_TEST(small_xml_validates)
{
	const char *sc[] = { "base", "weekend" };
	struct ro_compare *c = run(SMALL, sc, 2, true);
	struct ro_diag d;
	char *text = NULL, *again = NULL;
	size_t len = 0, len2 = 0;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_compare_xml(c, &text, &len, &d), RO_OK);
	assert_valid_xml(text, len);
	ck_assert_ptr_nonnull(strstr(text,
		"<wan-link id=\"wan-br1\" peak-utilisation=\"0.7080\" "
		"bytes=\"14680064\" usable=\"20736000\" at=\"2026-11-30T22:30\"/>"));
	ck_assert_ptr_nonnull(strstr(text,
		"<makespan slots=\"85\" minutes=\"1275\" end=\"2026-12-05T15:15\"/>"));
	ck_assert_ptr_nonnull(strstr(text,
		"<office-hours days=\"Mon-Fri\" from=\"08:00\" to=\"18:00\"/>"));
	ck_assert_ptr_nonnull(strstr(text, "kind=\"simulation\" status=\"simulated\""));
	/* deterministic: the same figures give the same bytes */
	ck_assert_int_eq(ro_compare_xml(c, &again, &len2, &d), RO_OK);
	ck_assert_uint_eq(len, len2);
	ck_assert_mem_eq(text, again, len);
	ro_free(text);
	ro_free(again);

	/* a column without figures keeps only its name, status and error */
	ro_figures_release(&c->v[1]);
	c->v[1].name = ro_strdup("weekend");
	c->v[1].err = RO_ETIMELIMIT;
	c->v[1].error = ro_strdup("time limit reached");
	ck_assert_int_eq(ro_compare_first_error(c), 1);
	ck_assert_str_eq(ro_figures_status(&c->v[1]), "failed");
	c->v[2].err = RO_ENOPLAN;
	ck_assert_str_eq(ro_figures_status(&c->v[2]), "no-plan");
	ck_assert_int_eq(ro_compare_xml(c, &text, &len, &d), RO_OK);
	assert_valid_xml(text, len);
	ck_assert_ptr_nonnull(strstr(text, "<column name=\"weekend\" kind=\"plan\" "
				     "status=\"failed\" error=\"time limit reached\"/>"));
	ro_free(text);
	ro_diag_release(&d);
	ro_compare_free(c);
	ro_xml_cleanup();
}
END_TEST

START_TEST(write_file)
{
	const char *sc[] = { "weekend" };
	struct ro_compare *c = run(SMALL, sc, 1, false);
	char dir[] = "/tmp/ro-compare-XXXXXX", path[64], bad[80];
	struct ro_diag d;
	FILE *fp;
	char buf[64];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/c.xml", dir);
	snprintf(bad, sizeof bad, "%s/missing/c.xml", dir);
	ro_diag_init(&d);
	ck_assert_int_eq(ro_compare_write(c, path, &d), RO_OK);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_ptr_nonnull(fgets(buf, sizeof buf, fp));
	ck_assert_str_eq(buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fclose(fp);
	ck_assert_int_eq(ro_compare_write(c, bad, &d), RO_EIO);
	ck_assert_uint_ge(ro_diag_count(&d), 1);
	unlink(path);
	rmdir(dir);
	ro_diag_release(&d);
	ro_compare_free(c);
}
END_TEST

/* --------------------------- hand-built sites --------------------------- */

/* One LAN link, one CAP serving one transfer at a time, 4 slots of 15 min
 * from Monday 08:00.  A (lan) is on only in slot 0; R (ras, always on and
 * always in the office) could also start in slot 0, its first opportunity,
 * but the CAP is taken: R starts in slot 1 and is deferred.  Both push, NT,
 * no reboot, 1 slot each (8 MB at 10 Mbit/s). */
static const char ras_site[] =
	"<?xml version=\"1.0\"?>\n<site version=\"1\" name=\"ras\">\n"
	"<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T09:00\" "
	"slot-minutes=\"15\"/>\n"
	"<calendars>\n"
	"<calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>\n"
	"<calendar id=\"first\"><on days=\"Mon\" from=\"08:00\" to=\"08:15\"/>"
	"</calendar>\n"
	"</calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"10000\"/>"
	"</network>\n"
	"<servers><cap id=\"cap1\" link=\"lan\" max-concurrent=\"1\"/></servers>\n"
	"<payload base-mb=\"8\"/>\n"
	"<clients>\n"
	"<client id=\"A\" os=\"winnt\" segment=\"lan\" cap=\"cap1\" "
	"calendar=\"first\" triggers=\"push\"/>\n"
	"<client id=\"R\" os=\"winnt\" segment=\"lan\" cap=\"cap1\" "
	"calendar=\"always\" connection=\"ras\" office=\"always\" "
	"triggers=\"push\"/>\n"
	"</clients>\n</site>\n";

START_TEST(ras_deferred_by_capacity)
{
	struct ro_site *s = NULL;
	struct ro_expand *x;
	struct ro_plan *p = NULL;
	struct ro_eval *ev = NULL;
	struct ro_solve_opts o;
	struct ro_figures f;
	struct ro_diag d;
	int err;

	ro_diag_init(&d);
	err = ro_site_load_memory(ras_site, sizeof ras_site - 1, "ras.xml",
				  NULL, &s, &d);
	if (err)
		diag_dump(&d);
	ck_assert_int_eq(err, RO_OK);
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.time_limit = 10;
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_OK);
	ck_assert_int_eq(ro_verify(s, x, p, &ev, &d), 0);
	ck_assert_int_eq(p->a[0].start, 0);
	ck_assert_int_eq(p->a[1].start, 1);

	ck_assert_int_eq(ro_figures_compute(s, x, p, ev, &f), RO_OK);
	ck_assert_ptr_null(f.name);
	ck_assert_int_eq(f.placed, 2);
	ck_assert_int_eq(f.makespan, 2);
	ck_assert_int_eq(f.ras_clients, 1);
	ck_assert_int_eq(f.ras_deferred, 1);
	ck_assert_uint_eq(f.nwan, 0);
	ck_assert_uint_eq(f.ndays, 1);
	ck_assert_int_eq(f.days[0].bytes, 0);   /* no WAN link */
	ck_assert_int_eq(f.reboots, 0);
	ro_figures_release(&f);
	ro_figures_release(&f);   /* released twice: harmless */
	ro_figures_release(NULL);

	/* bad arguments */
	ck_assert_int_eq(ro_figures_compute(NULL, x, p, ev, &f), RO_EARG);
	ck_assert_int_eq(ro_figures_compute(s, NULL, p, ev, &f), RO_EARG);
	ck_assert_int_eq(ro_figures_compute(s, x, NULL, ev, &f), RO_EARG);
	ck_assert_int_eq(ro_figures_compute(s, x, p, NULL, &f), RO_EARG);
	ck_assert_int_eq(ro_figures_compute(s, x, p, ev, NULL), RO_EARG);
	ck_assert_int_eq(ro_figures_simulated(s, x, NULL, &f), RO_EARG);
	ck_assert_int_eq(ro_figures_simulated(NULL, x, NULL, NULL), RO_EARG);

	/* out of memory at every allocation: an error, never a leak */
	for (long n = 1;; n++) {
		long live = ro_alloc_live();

		ro_alloc_fail_at(n, 1);
		err = ro_figures_compute(s, x, p, ev, &f);
		ro_alloc_fail_at(0, 0);
		if (err == RO_OK) {
			ro_figures_release(&f);
			break;
		}
		ck_assert_int_eq(err, RO_ENOMEM);
		ck_assert_int_eq(ro_alloc_live(), live);
	}

	ro_eval_free(ev);
	ro_plan_free(p);
	ro_expand_free(x);
	ro_site_free(s);
	ro_diag_release(&d);
}
END_TEST


/* ------------------------- SMS 2.0, by hand ------------------------- */

/*
 * A site in the SMS 2.0 mode, worked out by hand (docs/semantics.md, "The
 * SMS 2.0 mode"): Monday 2026-11-30 08:00, 24 slots of 15 minutes (to
 * 14:00); hq (10 Mbit/s) holds the CAP, a 64 kbit/s WAN link leads to the
 * branch: U = 64,000 x 900 / 8 = 7,200,000 bytes a slot (share 1, no
 * background), and a copy of 7,200,000 bytes takes one slot.  One release
 * candidate, 10:00; the CAPs have the files an hour later (slot 12).
 * Three NT clients behind the WAN, CCIM only (nobody can trigger them):
 *   - X and Y tick at 12:00 (slot 16): 14,400,000 bytes in slot 16, 200 %
 *     of U, overload 7,200,000; both end at 17 (12:15).
 *   - Z's phase is 09:00: its run before the release does nothing, its
 *     next tick is Tuesday 08:00, slot 96, after the horizon: it ends at
 *     97 (Tue 08:15), the makespan.  Its 7,200,000 bytes fill slot 96.
 * So 3 upgraded, 1 after the horizon, overload 7,200,000 bytes, makespan
 * 97 slots; WAN bytes 14,400,000 on Monday and 7,200,000 on Tuesday, a
 * day after the horizon's one date.  The planner has nothing to choose but
 * the one release: optimal, no trigger, no instruction.
 * With fair sharing, X and Y get 3,600,000 bytes each in slot 16 and the
 * rest in 17: both end at 18 (12:30), Z at 97 as forecast.
 */
static struct ro_site *sms_site(void)
{
	struct ro_site *s = fx_sms_site(24, "2026-11-30T10:00");
	int32_t cal = fx_add_calendar(s, "always", 0, RO_WEEK_MIN);
	const char *id[] = { "X", "Y", "Z" };
	const char *phase[] = { "2026-11-30T12:00", "2026-11-30T12:00",
				"2026-11-30T09:00" };

	for (int i = 0; i < 3; i++) {
		struct ro_client *c = fx_add_client(s, id[i], 1, 1, cal,
						    RO_TRIG_CCIM, 7200000);

		c->has_phase = true;
		c->phase = at(phase[i]);
	}
	return s;
}

START_TEST(sms20_column_by_hand)
{
	struct ro_site *s = sms_site();
	struct ro_solve_opts o;
	struct ro_plan *p = NULL;
	struct ro_sms_eval *ev = NULL;
	struct ro_figures f;
	struct ro_diag d;

	ro_solve_opts_init(&o);
	o.time_limit = 10;
	ro_diag_init(&d);
	ck_assert_int_eq(ro_sms_solve(s, &o, &p, &d), RO_OK);
	ck_assert_int_eq(ro_verify_sms20(s, p, &ev, &d), 0);
	ck_assert_int_eq(ro_figures_sms20(s, p, ev, &f), RO_OK);

	ck_assert_int_eq(f.kind, RO_FIGURES_PLAN);
	ck_assert_int_eq(f.control, RO_CONTROL_SMS20);
	ck_assert(!f.bound);
	ck_assert(f.released);
	ck_assert_int_eq(f.release, at("2026-11-30T10:00"));
	ck_assert_int_eq(f.instructed, 0);
	ck_assert_int_eq(f.triggers, 0);
	ck_assert_int_eq(f.clients, 3);
	ck_assert_int_eq(f.placed, 3);
	ck_assert_int_eq(f.after_horizon, 1);
	for (int r = 0; r < RO_COMPARE_NREASONS; r++)
		ck_assert_int_eq(f.unplaced[r], 0);
	ck_assert_int_eq(f.overload, 7200000);
	ck_assert_int_eq(f.ras_bytes, 0);
	ck_assert_int_eq(f.makespan, 97);
	ck_assert_int_eq(f.finish, at("2026-12-01T08:15"));
	ck_assert_uint_eq(f.nwan, 1);
	ck_assert_str_eq(f.wan[0].id, "wan");
	ck_assert_int_eq(f.wan[0].peak_load, 14400000);
	ck_assert_int_eq(f.wan[0].peak_usable, 7200000);
	ck_assert_int_eq(f.wan[0].peak_slot, 16);
	ck_assert_uint_eq(f.ndays, 2);   /* the horizon's Monday, Tuesday */
	ck_assert_int_eq(f.days[0].day, at("2026-11-30T00:00"));
	ck_assert_int_eq(f.days[0].bytes, 14400000);
	ck_assert_int_eq(f.days[1].day, at("2026-12-01T00:00"));
	ck_assert_int_eq(f.days[1].bytes, 7200000);
	ck_assert_int_eq(f.reboots, 0);
	ck_assert_int_eq(f.status, RO_STATUS_OPTIMAL);
	ck_assert(f.gap == 0);
	ck_assert(!f.simulated);   /* ro_compare_run adds it */

	/* bad arguments: a per-client plan, no eval */
	ro_figures_release(&f);
	ck_assert_int_eq(ro_figures_sms20(s, p, NULL, &f), RO_EARG);
	ck_assert_int_eq(ro_figures_sms20(s, p, ev, NULL), RO_EARG);
	p->control = RO_CONTROL_PER_CLIENT;
	ck_assert_int_eq(ro_figures_sms20(s, p, ev, &f), RO_EARG);
	ro_sms_eval_free(ev);
	ro_plan_free(p);
	ro_site_free(s);
	ro_diag_release(&d);
}
END_TEST

/* Two of those clients through ro_compare_run, from a file, copying 7 MB
 * (7,340,032 bytes): 2 slots at 64 kbit/s, 3,670,016 bytes a slot.  Both
 * tick at 12:00: 7,340,032 bytes in slots 16 and 17 against 7,200,000,
 * overload 2 x 140,032 = 280,064; forecast ends 18 (12:30).  With fair
 * sharing each gets 3,600,000 in 16 and in 17 and its last 140,032 in 18:
 * both end at 19 (12:45).  Per client (the bound), the two cannot share
 * slots 16-17, and neither has another start before the horizon end
 * (the next tick is Tuesday): 1 placed, 1 unplaced for capacity. */
START_TEST(sms20_compare_run)
{
	static const char site[] =
		"<?xml version=\"1.0\"?>\n"
		"<site version=\"1\" name=\"t-sms\">\n"
		"  <horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T14:00\" slot-minutes=\"15\"/>\n"
		"  <policy control=\"sms20\" propagation-minutes=\"60\">\n"
		"    <release at=\"2026-11-30T10:00\"/>\n"
		"  </policy>\n"
		"  <calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
		"  <network>\n"
		"    <link id=\"hq\" kind=\"lan\" capacity-kbps=\"10000\"/>\n"
		"    <link id=\"wan\" kind=\"wan\" capacity-kbps=\"64\" parent=\"hq\" share=\"1\"/>\n"
		"  </network>\n"
		"  <servers><cap id=\"cap1\" link=\"hq\"/></servers>\n"
		"  <payload base-mb=\"7\"/>\n"
		"  <clients>\n"
		"    <client id=\"X\" os=\"winnt\" segment=\"wan\" cap=\"cap1\" calendar=\"always\" triggers=\"ccim\" phase=\"2026-11-30T12:00\"/>\n"
		"    <client id=\"Y\" os=\"winnt\" segment=\"wan\" cap=\"cap1\" calendar=\"always\" triggers=\"ccim\" phase=\"2026-11-30T12:00\"/>\n"
		"  </clients>\n"
		"</site>\n";
	char path[] = "/tmp/rollout-sms-XXXXXX";
	const char *sc[] = { "base" };
	struct ro_compare *c;
	struct ro_diag d;
	char *text = NULL;
	size_t len = 0;
	int fd = mkstemp(path);
	struct ro_solve_opts o;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, site, sizeof site - 1), (ssize_t)(sizeof site - 1));
	close(fd);
	ro_solve_opts_init(&o);
	o.time_limit = 10;
	ro_diag_init(&d);
	ck_assert_int_eq(ro_compare_run(path, sc, 1, &o, RO_COMPARE_BASELINE,
					&c, &d), RO_OK);
	ck_assert_uint_eq(c->n, 3);
	ck_assert_str_eq(c->v[0].name, "base");
	ck_assert_int_eq(c->v[0].control, RO_CONTROL_SMS20);
	ck_assert_str_eq(c->v[1].name, "base" RO_COMPARE_BOUND_SUFFIX);
	ck_assert(c->v[1].bound);
	ck_assert_int_eq(c->v[1].control, RO_CONTROL_PER_CLIENT);
	ck_assert_str_eq(c->v[2].name, "baseline");
	ck_assert_int_eq(c->v[0].placed, 2);
	ck_assert_int_eq(c->v[0].overload, 280064);
	ck_assert_int_eq(c->v[0].makespan, 18);
	ck_assert_int_eq(c->v[0].finish, at("2026-11-30T12:30"));
	ck_assert(c->v[0].simulated);
	ck_assert_int_eq(c->v[0].sim_makespan, 19);
	ck_assert_int_eq(c->v[0].sim_finish, at("2026-11-30T12:45"));
	ck_assert_int_eq(c->v[0].sim_unfinished, 0);
	ck_assert_int_eq(c->v[0].sim_nslots, 24 + 672);
	ck_assert_int_eq(c->v[0].wan[0].peak_load, 7340032);
	ck_assert_int_eq(c->v[1].placed, 1);
	ck_assert_int_eq(c->v[1].unplaced[RO_REASON_CAPACITY], 1);
	ck_assert_int_eq(c->v[1].makespan, 18);
	ck_assert_int_eq(ro_compare_xml(c, &text, &len, &d), RO_OK);
	assert_valid_xml(text, len);
	ck_assert_ptr_nonnull(strstr(text, "<column name=\"base/per-client\" "
				     "kind=\"plan\" status=\"optimal\" "
				     "control=\"per-client\" bound=\"per-client\""));
	ro_free(text);
	ro_compare_free(c);

	/* without the bound */
	ck_assert_int_eq(ro_compare_run(path, sc, 1, &o, RO_COMPARE_NO_BOUND,
					&c, &d), RO_OK);
	ck_assert_uint_eq(c->n, 1);
	ro_compare_free(c);
	unlink(path);
	ro_diag_release(&d);
}
END_TEST

START_TEST(bad_arguments)
{
	const char *sc[] = { "base" };
	const char *many[RO_COMPARE_MAX + 1];
	struct ro_solve_opts o;
	struct ro_compare *c = (struct ro_compare *)&c;
	struct ro_diag d;
	char *text = (char *)"x";
	size_t len = 7;

	for (size_t i = 0; i < RO_COMPARE_MAX + 1; i++)
		many[i] = "base";
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	ro_diag_init(&d);
	ck_assert_int_eq(ro_compare_run(NULL, sc, 1, &o, false, &c, &d),
			 RO_EARG);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(ro_compare_run(SMALL, sc, 0, &o, false, &c, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_compare_run(SMALL, many, RO_COMPARE_MAX, &o, true,
					&c, &d), RO_EARG);
	ck_assert_int_eq(ro_compare_run(SMALL, sc, 1, NULL, false, &c, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_compare_run(SMALL, sc, 1, &o, false, NULL, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_compare_run(SMALL, sc, 1, &o, false, &c, NULL),
			 RO_EARG);
	ck_assert_uint_eq(ro_diag_count(&d), 5);

	ck_assert_int_eq(ro_compare_xml(NULL, &text, &len, &d), RO_EARG);
	ck_assert_ptr_null(text);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(ro_compare_xml(NULL, NULL, NULL, NULL), RO_EARG);
	ck_assert_int_eq(ro_compare_write(NULL, "x.xml", &d), RO_EARG);
	ck_assert_int_eq(ro_compare_write(NULL, NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_compare_first_error(NULL), -1);
	ro_compare_free(NULL);
	ro_diag_release(&d);
}
END_TEST

START_TEST(unknown_scenario)
{
	const char *sc[] = { "weekend", "holiday" };
	struct ro_solve_opts o;
	struct ro_compare *c = NULL;
	struct ro_diag d;

	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	ro_diag_init(&d);
	ck_assert_int_eq(ro_compare_run(SMALL, sc, 2, &o, false, &c, &d),
			 RO_EINVAL);
	ck_assert_ptr_null(c);
	ck_assert_uint_ge(ro_diag_count(&d), 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "holiday"));
	ro_diag_release(&d);

	/* a file that does not exist */
	ro_diag_init(&d);
	ck_assert_int_eq(ro_compare_run("/nonexistent/site.xml", sc, 1, &o,
					false, &c, &d), RO_EIO);
	ro_diag_release(&d);
}
END_TEST

START_TEST(out_of_memory)
{
	const char *sc[] = { "weekend" };
	struct ro_solve_opts o;
	struct ro_compare *c;
	struct ro_diag d;
	int err;

	/* ro_compare_run fails cleanly at every allocation up to the first
	 * few hundred (loading, planning, figures); nothing leaks */
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.time_limit = 10;
	for (long n = 1; n < 400; n += 7) {
		long live = ro_alloc_live();

		ro_diag_init(&d);
		c = NULL;
		ro_alloc_fail_at(n, 1);
		err = ro_compare_run(SMALL, sc, 1, &o, false, &c, &d);
		ro_alloc_fail_at(0, 0);
		ro_diag_release(&d);
		if (err == RO_OK) {
			ro_compare_free(c);
			break;
		}
		ck_assert_ptr_null(c);
		ck_assert_int_eq(ro_alloc_live(), live);
	}
}
END_TEST

Suite *suite_compare(void)
{
	Suite *s = suite_create("compare");
	TCase *core = fx_tcase_create("core");
	TCase *limits = fx_tcase_create("limits");

	tcase_set_timeout(core, 60);
	tcase_set_timeout(limits, 120);
	tcase_add_test(core, small_base_and_weekend);
	tcase_add_test(core, small_baseline_column);
	tcase_add_test(core, small_xml_validates);
	tcase_add_test(core, write_file);
	tcase_add_test(core, ras_deferred_by_capacity);
	tcase_add_test(core, sms20_column_by_hand);
	tcase_add_test(core, sms20_compare_run);
	tcase_add_test(limits, bad_arguments);
	tcase_add_test(limits, unknown_scenario);
	tcase_add_test(limits, out_of_memory);
	suite_add_tcase(s, core);
	suite_add_tcase(s, limits);
	return s;
}
