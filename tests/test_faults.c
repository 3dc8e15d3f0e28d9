/*
 * test_faults.c - allocation failure everywhere (model/alloc.h's hooks).
 *
 * The whole of `rollout plan` on a small site - load, expand, solve,
 * verify, write - is run again and again with allocation N failing, for
 * N = 1, 2, ... until a run gets through without reaching its Nth
 * allocation.  Every run must end in RO_ENOMEM or in success, never crash,
 * leave no block behind (ro_alloc_live) and leave no file behind unless it
 * succeeded.  Once with only the Nth allocation failing (the code after it
 * must cope with the rest succeeding), once with every allocation from the
 * Nth on failing.  libxml2's and GLPK's own allocations are not counted:
 * they do not go through ro_malloc.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/verify.h"
#include "../solver/solve.h"

/* Two links, a group and a ras client, components, a reboot window and a
 * scenario: most of the reader's and the planner's paths. */
static const char site_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<site version=\"1\" name=\"faults\">\n"
	"  <horizon start=\"2026-11-30T08:00\" end=\"2026-12-01T08:00\" "
	"slot-minutes=\"30\"/>\n"
	"  <policy reboot-cap=\"2\">\n"
	"    <reboot-window days=\"Mon-Sun\" from=\"12:00\" to=\"14:00\"/>\n"
	"  </policy>\n"
	"  <profiles><profile id=\"busy\" default=\"10%\">\n"
	"    <level days=\"Mon-Fri\" from=\"08:00\" to=\"18:00\" value=\"60%\"/>\n"
	"  </profile></profiles>\n"
	"  <calendars>\n"
	"    <calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>\n"
	"    <calendar id=\"work\"><on days=\"Mon-Fri\" from=\"09:00\" "
	"to=\"17:00\"/>\n"
	"      <exception from=\"2026-11-30T12:00\" to=\"2026-11-30T13:00\" "
	"state=\"off\"/></calendar>\n"
	"  </calendars>\n"
	"  <network>\n"
	"    <link id=\"hq\" kind=\"lan\" capacity-kbps=\"10000\" "
	"background=\"busy\"/>\n"
	"    <link id=\"wan\" kind=\"wan\" capacity-kbps=\"256\" parent=\"hq\"/>\n"
	"  </network>\n"
	"  <servers><cap id=\"cap1\" link=\"hq\" max-concurrent=\"3\"/></servers>\n"
	"  <payload base-mb=\"2\"><component id=\"rc\" size-mb=\"1\"/></payload>\n"
	"  <clients>\n"
	"    <client id=\"A\" os=\"winnt\" segment=\"hq\" cap=\"cap1\" "
	"calendar=\"always\" triggers=\"ccim push\" components=\"rc\"/>\n"
	"    <client id=\"L\" os=\"win98\" segment=\"wan\" cap=\"cap1\" "
	"calendar=\"always\" connection=\"ras\" office=\"work\" "
	"triggers=\"logon\"/>\n"
	"    <group id=\"g\" count=\"4\" os=\"win95\" segment=\"wan\" cap=\"cap1\" "
	"calendar=\"work\" triggers=\"logon push\"/>\n"
	"  </clients>\n"
	"  <scenarios><scenario id=\"w\"><policy logon-scripts=\"phased\"/>"
	"</scenario></scenarios>\n"
	"</site>\n";

static char dir[64], out[128];

static void setup(void)
{
	strcpy(dir, "/tmp/ro-faults-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(out, sizeof out, "%s/schedule.xml", dir);
}

static void teardown(void)
{
	ro_alloc_fail_at(0, 0);
	unlink(out);
	rmdir(dir);
	ro_xml_cleanup();
}

/* One load-plan-verify-write run; returns its error code. */
static int run_once(const char *scenario)
{
	struct ro_site *s = NULL;
	struct ro_expand *x = NULL;
	struct ro_plan *p = NULL;
	struct ro_eval *ev = NULL;
	struct ro_solve_opts o;
	struct ro_diag d;
	long bad;
	int rc;

	ro_diag_init(&d);
	rc = ro_site_load_memory(site_xml, sizeof site_xml - 1, "f.xml", scenario,
				 &s, &d);
	if (rc)
		goto out;
	x = ro_expand_new(s);
	if (!x) {
		rc = RO_ENOMEM;
		goto out;
	}
	ro_solve_opts_init(&o);
	rc = ro_solve(s, x, &o, &p, &d);
	if (rc)
		goto out;
	bad = ro_verify(s, x, p, &ev, &d);
	if (bad) {
		rc = bad < 0 ? RO_ENOMEM : RO_EVERIFY;
		goto out;
	}
	rc = ro_schedule_write(s, p, ev, out, &d);
out:
	ro_eval_free(ev);
	ro_plan_free(p);
	ro_expand_free(x);
	ro_site_free(s);
	ro_diag_release(&d);
	return rc;
}

static void sweep(const char *scenario, int sticky)
{
	long base = ro_alloc_live(), total, n;
	struct stat st;
	int rc;

	/* a clean run first: how many allocations a whole run takes, and the
	 * schema compiled into xmlsafe's cache so that runs are alike */
	ck_assert_int_eq(run_once(scenario), RO_OK);
	unlink(out);
	n = ro_alloc_count();
	ck_assert_int_eq(run_once(scenario), RO_OK);
	total = ro_alloc_count() - n;
	unlink(out);
	ck_assert_int_eq(ro_alloc_live(), base);
	ck_assert_int_gt(total, 100);

	for (n = 1;; n++) {
		long before = ro_alloc_count();

		ro_alloc_fail_at(n, sticky);
		rc = run_once(scenario);
		ro_alloc_fail_at(0, 0);
		if (rc != RO_OK && rc != RO_ENOMEM)
			fprintf(stderr, "allocation %ld of %ld (sticky %d): error %d\n",
				n, total, sticky, rc);
		ck_assert(rc == RO_OK || rc == RO_ENOMEM);
		ck_assert_int_eq(ro_alloc_live(), base);
		if (rc == RO_OK) {
			ck_assert_int_eq(stat(out, &st), 0);
			ck_assert_int_gt(st.st_size, 0);
			unlink(out);
		} else {
			ck_assert_int_ne(stat(out, &st), 0);
		}
		/* the run never reached its nth allocation: all covered */
		if (ro_alloc_count() - before < n)
			break;
	}
	fprintf(stderr, "faults: %s sticky %d: %ld runs, %ld allocations in a whole run\n",
		scenario ? scenario : "base", sticky, n, total);
	ck_assert_int_ge(n, total);
}

START_TEST(every_allocation_once)
{
	sweep(NULL, 0);
}
END_TEST

START_TEST(every_allocation_from_n_on)
{
	sweep(NULL, 1);
}
END_TEST

START_TEST(scenario_every_allocation_from_n_on)
{
	sweep("w", 1);
}
END_TEST

Suite *suite_faults(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("alloc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_allocation_once);
	tcase_add_test(tc, every_allocation_from_n_on);
	tcase_add_test(tc, scenario_every_allocation_from_n_on);
	suite_add_tcase(s, tc);
	return s;
}
