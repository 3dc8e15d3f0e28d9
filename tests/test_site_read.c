/*
 * test_site_read.c - the site reader: the bundled example, scenarios, CSV
 * inventories, and one case per class of bad input, each with its exact
 * message and line.
 *
 * Inline documents keep one element per line so that the expected lines
 * can be read off the source.
 */
#include <check.h>
#include <string.h>

#include "../io/site_read.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/rtime.h"
#include "fixture.h"

static struct ro_diag d;
static struct ro_site *s;

static void setup(void)
{
	ro_diag_init(&d);
	s = NULL;
}

static void teardown(void)
{
	ro_site_free(s);
	ro_diag_release(&d);
	ro_xml_cleanup();
}

static int load(const char *xml, const char *scenario)
{
	ro_site_free(s);
	s = NULL;
	ro_diag_release(&d);
	return ro_site_load_memory(xml, strlen(xml), "t.xml", scenario, &s, &d);
}

static ro_time T(const char *text)
{
	ro_time t = 0;
	ck_assert_msg(ro_time_parse(text, &t), "%s", text);
	return t;
}

/* Diagnostic i is file:line: msg. */
#define EXPECT(i, fl, ln, m)                                              \
	do {                                                              \
		ck_assert_uint_gt(d.n, (i));                              \
		ck_assert_str_eq(d.v[(i)].file ? d.v[(i)].file : "-", (fl)); \
		ck_assert_int_eq(d.v[(i)].line, (ln));                    \
		ck_assert_str_eq(d.v[(i)].msg, (m));                      \
	} while (0)

#define L1 "<site version=\"1\" name=\"t\">\n"
#define L2 "<horizon start=\"2026-11-30T08:00\" end=\"2026-12-07T08:00\"/>\n"
#define L3 "<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
#define L4 "<network><link id=\"hq\" kind=\"lan\" capacity-kbps=\"10000\"/></network>\n"
#define L5 "<servers><cap id=\"cap1\" link=\"hq\"/></servers>\n"
#define L6 "<payload base-mb=\"8\"/>\n"
#define HEAD L1 L2 L3 L4 L5 L6   /* lines 1-6 */
#define ATTRS " os=\"winnt\" segment=\"hq\" cap=\"cap1\" calendar=\"always\" triggers=\"push\""
#define CLIENT(id) "<client id=\"" id "\"" ATTRS "/>\n"
#define GROUP(id, n) "<group id=\"" id "\" count=\"" n "\"" ATTRS "/>\n"

/* ---- the bundled example ------------------------------------------------------ */

START_TEST(example_small)
{
	char buf[64];

	ck_assert_int_eq(ro_site_load("../examples/small.xml", NULL, &s, &d), RO_OK);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_str_eq(ro_site_str(s, s->name), "small-office");
	ck_assert_str_eq(ro_site_str(s, s->file), "../examples/small.xml");
	ck_assert_uint_eq(s->scenario, 0);
	ck_assert_int_eq(s->horizon.start, T("2026-11-30T08:00"));
	ck_assert_int_eq(s->horizon.end, T("2026-12-07T08:00"));
	ck_assert_int_eq(s->horizon.slot_min, 15);
	ck_assert_int_eq(s->horizon.nslots, 672);

	ck_assert_int_eq(s->policy.logon, RO_LOGON_ENABLED);
	ck_assert_int_eq(s->policy.reboot_delay_min, 15);
	ck_assert_int_eq(s->policy.reboot_cap, 4);
	ck_assert(s->policy.expire_adverts);
	/* Mon-Fri 12-14 (5), Mon-Fri 18-08 (5), Sat 00:00 to Mon 00:00 */
	ck_assert_uint_eq(s->policy.nreboot_windows, 11);
	ck_assert_int_eq(s->policy.reboot_windows[0].from, 720);
	ck_assert_int_eq(s->policy.reboot_windows[0].to, 840);
	ck_assert_int_eq(s->policy.reboot_windows[9].from, 4 * 1440 + 1080);
	ck_assert_int_eq(s->policy.reboot_windows[9].to, 5 * 1440 + 480);
	ck_assert_int_eq(s->policy.reboot_windows[10].from, 5 * 1440);
	ck_assert_int_eq(s->policy.reboot_windows[10].to, RO_WEEK_MIN);

	ck_assert_uint_eq(s->nprofiles, 1);
	ck_assert_uint_eq(s->profiles[0].default_ppm, 100000);
	ck_assert_uint_eq(s->profiles[0].nlevels, 7);
	ck_assert_int_eq(s->profiles[0].levels[0].span.from, 480);
	ck_assert_int_eq(s->profiles[0].levels[0].span.to, 1080);
	ck_assert_uint_eq(s->profiles[0].levels[0].ppm, 700000);
	ck_assert_int_eq(s->profiles[0].levels[6].span.from, 6 * 1440);
	ck_assert_int_eq(s->profiles[0].levels[6].span.to, 7 * 1440);
	ck_assert_uint_eq(s->profiles[0].levels[6].ppm, 50000);

	ck_assert_uint_eq(s->ncalendars, 3);
	ck_assert_uint_eq(s->calendars[0].nweekly, 7);
	ck_assert_uint_eq(s->calendars[1].nweekly, 5);
	ck_assert_int_eq(s->calendars[1].weekly[1].from, 1440 + 510);
	ck_assert_int_eq(s->calendars[1].weekly[1].to, 1440 + 1050);
	ck_assert_uint_eq(s->calendars[1].nexc, 1);
	ck_assert_int_eq(s->calendars[1].exc[0].from, T("2026-12-03T00:00"));
	ck_assert(!s->calendars[1].exc[0].on);
	ck_assert_uint_eq(s->calendars[2].nweekly, 1);
	ck_assert_int_eq(s->calendars[2].weekly[0].from, 510);
	ck_assert_int_eq(s->calendars[2].weekly[0].to, 4 * 1440 + 1050);

	ck_assert_uint_eq(s->nlinks, 3);
	ck_assert_int_eq(s->links[0].parent, -1);
	ck_assert_int_eq(s->links[0].capacity_bps, 10000000);
	ck_assert_int_eq(s->links[1].parent, 0);
	ck_assert_int_eq(s->links[1].kind, RO_LINK_WAN);
	ck_assert_int_eq(s->links[1].capacity_bps, 256000);
	ck_assert_int_eq(s->links[1].profile, 0);
	ck_assert_uint_eq(s->links[1].share_ppm, 800000);
	ck_assert_int_eq(s->links[2].parent, 1);
	ck_assert_int_eq(s->links[2].profile, -1);

	ck_assert_uint_eq(s->nservers, 2);
	ck_assert_int_eq(s->servers[0].kind, RO_SERVER_CAP);
	ck_assert_int_eq(s->servers[0].ready, T("2026-11-30T10:00"));
	ck_assert_int_eq(s->servers[0].max_concurrent, 6);
	ck_assert_int_eq(s->servers[1].kind, RO_SERVER_LOGON);
	ck_assert_int_eq(s->servers[1].ready, s->horizon.start);

	ck_assert_int_eq(s->base_bytes, 8 * 1048576);
	ck_assert_uint_eq(s->ncomponents, 2);
	ck_assert_int_eq(s->components[0].bytes, 10 * 1048576);
	ck_assert_int_eq(s->components[1].bytes, 6 * 1048576);

	ck_assert_uint_eq(s->nclients, 13);
	ck_assert_int_eq(s->nclients_total, 20);
	/* HQ-NT01: both components, its own phase, no reboot */
	ck_assert_str_eq(ro_site_str(s, s->clients[0].id), "HQ-NT01");
	ck_assert_str_eq(ro_site_str(s, s->clients[0].user), "alice");
	ck_assert_uint_eq(s->clients[0].components, 3);
	ck_assert_int_eq(s->clients[0].bytes, 24 * 1048576);
	ck_assert(s->clients[0].has_phase);
	ck_assert_int_eq(s->clients[0].phase, T("2026-11-30T03:10"));
	ck_assert_uint_eq(s->clients[0].reboots, 0);
	ck_assert_uint_eq(s->clients[0].triggers, RO_TRIG_CCIM);
	ck_assert_int_eq(s->clients[0].line, 78);   /* where the start tag ends */
	/* HQ-95A: defaults */
	ck_assert_str_eq(ro_site_str(s, s->clients[3].id), "HQ-95A");
	ck_assert_int_eq(s->clients[3].priority, 3);
	ck_assert_uint_eq(s->clients[3].reboots, 1);
	ck_assert_uint_eq(s->clients[3].triggers, RO_TRIG_LOGON | RO_TRIG_PUSH);
	ck_assert(!s->clients[3].has_phase);
	ck_assert_int_eq(s->clients[3].phase, s->horizon.start);
	ck_assert_int_eq(s->clients[3].rate_bps, 0);
	/* the laptop */
	ck_assert_str_eq(ro_site_str(s, s->clients[6].id), "LAPTOP7");
	ck_assert_int_eq(s->clients[6].conn, RO_CONN_RAS);
	ck_assert_int_eq(s->clients[6].calendar, 0);
	ck_assert_int_eq(s->clients[6].office, 1);
	ck_assert_int_eq(s->clients[6].segment, 2);
	ck_assert_int_eq(s->clients[6].server, 0);
	/* the group */
	ck_assert_int_eq(s->clients[7].count, 8);
	ck_assert_str_eq(ro_client_name(s, 7, 6, buf, sizeof buf), "BR1-98-7");
	ck_assert_int_eq(s->clients[7].office, -1);
	/* from the CSV */
	ck_assert_str_eq(ro_site_str(s, s->clients[9].id), "HQ-98C");
	ck_assert_str_eq(ro_site_str(s, s->clients[9].user), "Hughes, Ivy");
	ck_assert_str_eq(ro_site_str(s, s->clients[9].file),
			 "../examples/small-extra.csv");
	ck_assert_int_eq(s->clients[9].line, 2);
	ck_assert_int_eq(s->clients[10].priority, 2);
	ck_assert_uint_eq(s->clients[10].components, 1);
	ck_assert_str_eq(ro_site_str(s, s->clients[12].id), "BR1-NT02");
	ck_assert_str_eq(ro_site_str(s, s->clients[12].user), "Lee \"LJ\" Jones");
	ck_assert_int_eq(s->clients[12].line, 5);
	ck_assert_int_eq(s->clients[12].phase, T("2026-11-30T22:30"));
	ck_assert_int_eq(s->clients[12].bytes, 14 * 1048576);

	ck_assert_uint_eq(s->nscenarios, 2);
	ck_assert_str_eq(ro_site_str(s, s->scenario_names[0]), "weekday");
	ck_assert_str_eq(ro_site_str(s, s->scenario_names[1]), "weekend");
}
END_TEST

START_TEST(scenario_weekend)
{
	ck_assert_int_eq(ro_site_load("../examples/small.xml", "weekend", &s, &d),
			 RO_OK);
	ck_assert_str_eq(ro_site_str(s, s->scenario), "weekend");
	ck_assert_int_eq(s->horizon.start, T("2026-12-04T18:00"));
	ck_assert_int_eq(s->horizon.end, T("2026-12-07T08:00"));
	ck_assert_int_eq(s->horizon.nslots, 62 * 4);
	ck_assert_int_eq(s->policy.logon, RO_LOGON_DISABLED);
	ck_assert_uint_eq(s->policy.nreboot_windows, 11);   /* kept */
	/* profile replaced: 5 %, no levels */
	ck_assert_uint_eq(s->profiles[0].default_ppm, 50000);
	ck_assert_uint_eq(s->profiles[0].nlevels, 0);
	/* exception appended after the calendar's own */
	ck_assert_uint_eq(s->calendars[1].nexc, 2);
	ck_assert(!s->calendars[1].exc[0].on);
	ck_assert(s->calendars[1].exc[1].on);
	ck_assert_int_eq(s->calendars[1].exc[1].from, T("2026-12-04T17:30"));
	ck_assert_int_eq(s->calendars[1].exc[1].to, T("2026-12-07T08:30"));
	/* cap ready replaced; the logon point's default follows the horizon */
	ck_assert_int_eq(s->servers[0].ready, T("2026-12-04T18:00"));
	ck_assert_int_eq(s->servers[0].max_concurrent, 6);
	ck_assert_int_eq(s->servers[1].ready, T("2026-12-04T18:00"));
	/* phases: the default follows the new horizon, given ones stay */
	ck_assert_int_eq(s->clients[3].phase, T("2026-12-04T18:00"));
	ck_assert_int_eq(s->clients[0].phase, T("2026-11-30T03:10"));
}
END_TEST

START_TEST(scenario_weekday)
{
	ck_assert_int_eq(ro_site_load("../examples/small.xml", "weekday", &s, &d),
			 RO_OK);
	ck_assert_int_eq(s->horizon.nslots, 5 * 96);
	ck_assert_int_eq(s->policy.logon, RO_LOGON_PHASED);
	ck_assert_int_eq(s->policy.reboot_cap, 4);
	ck_assert_int_eq(s->servers[0].ready, T("2026-11-30T10:00"));
	ck_assert_uint_eq(s->profiles[0].nlevels, 7);
	ck_assert_uint_eq(s->calendars[1].nexc, 1);
}
END_TEST

START_TEST(scenario_unknown)
{
	ck_assert_int_eq(ro_site_load("../examples/small.xml", "holiday", &s, &d),
			 RO_EINVAL);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "../examples/small.xml", 0,
	       "unknown scenario 'holiday'; the site defines: weekday, weekend");
	ck_assert_int_eq(load(HEAD "<clients/>\n</site>\n", "x"), RO_EINVAL);
	EXPECT(0, "t.xml", 0, "unknown scenario 'x'; the site defines no scenarios");
}
END_TEST

START_TEST(scenario_overlays)
{
	static const char xml[] =
		L1 L2
		"<policy reboot-cap=\"2\"><reboot-window days=\"Mon\"/></policy>\n"
		"<profiles><profile id=\"p\" default=\"0.25\"/><profile id=\"q\"/></profiles>\n"
		"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>\n"
		"<calendar id=\"w\"><on days=\"Mon-Fri\"/>"
		"<exception from=\"2026-12-01T00:00\" to=\"2026-12-02T00:00\" state=\"off\"/></calendar></calendars>\n"
		"<network><link id=\"hq\" kind=\"lan\" capacity-kbps=\"10000\" background=\"p\"/></network>\n"
		"<servers><cap id=\"cap1\" link=\"hq\" max-concurrent=\"3\"/></servers>\n"
		L6 "<clients>" CLIENT("a") "</clients>\n"
		"<scenarios><scenario id=\"s\">\n"
		"<exception calendar=\"w\" from=\"2026-12-05T00:00\" to=\"2026-12-06T00:00\" state=\"on\"/>\n"
		"<calendar id=\"w\"><on days=\"Sat\"/><exception from=\"2026-12-03T00:00\" to=\"2026-12-04T00:00\" state=\"off\"/></calendar>\n"
		"<horizon slot-minutes=\"30\"/>\n"
		"<policy advertisements=\"keep\"><reboot-window days=\"Tue\"/><reboot-window days=\"Wed\"/></policy>\n"
		"<link id=\"hq\" capacity-kbps=\"28.8\" share=\"50%\" background=\"q\"/>\n"
		"<cap id=\"cap1\" max-concurrent=\"0\"/>\n"
		"</scenario></scenarios>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_OK);
	ck_assert_int_eq(s->policy.reboot_cap, 2);
	ck_assert_uint_eq(s->policy.nreboot_windows, 1);
	ck_assert_int_eq(s->links[0].profile, 0);
	ck_assert_uint_eq(s->profiles[0].default_ppm, 250000);

	ck_assert_int_eq(load(xml, "s"), RO_OK);
	ck_assert_int_eq(s->horizon.slot_min, 30);
	ck_assert_int_eq(s->horizon.nslots, 7 * 48);
	ck_assert(!s->policy.expire_adverts);
	ck_assert_int_eq(s->policy.reboot_cap, 2);
	ck_assert_uint_eq(s->policy.nreboot_windows, 2);
	ck_assert_int_eq(s->policy.reboot_windows[0].from, 1440);
	ck_assert_int_eq(s->policy.reboot_windows[1].from, 2880);
	/* replaced calendar, then the scenario's exception after its own */
	ck_assert_uint_eq(s->calendars[1].nweekly, 1);
	ck_assert_int_eq(s->calendars[1].weekly[0].from, 5 * 1440);
	ck_assert_uint_eq(s->calendars[1].nexc, 2);
	ck_assert_int_eq(s->calendars[1].exc[0].from, T("2026-12-03T00:00"));
	ck_assert_int_eq(s->calendars[1].exc[1].from, T("2026-12-05T00:00"));
	ck_assert_int_eq(s->links[0].capacity_bps, 28800);
	ck_assert_uint_eq(s->links[0].share_ppm, 500000);
	ck_assert_int_eq(s->links[0].profile, 1);
	ck_assert_int_eq(s->servers[0].max_concurrent, 0);
}
END_TEST

/* ---- ids ------------------------------------------------------------------------ */

START_TEST(group_expansion_duplicates)
{
	static const char xml[] =
		HEAD "<clients>\n"              /* 7 */
		GROUP("br1", "3")                /* 8 */
		CLIENT("br1-2")                  /* 9: member 2 of br1 */
		CLIENT("br1-4")                  /* 10: beyond the count */
		CLIENT("br1-02")                 /* 11: not the width of 3 */
		CLIENT("a")                      /* 12 */
		CLIENT("a")                      /* 13 */
		GROUP("g", "12")                 /* 14 */
		GROUP("g", "12")                 /* 15 */
		CLIENT("br1")                    /* 16 */
		CLIENT("h-1")                    /* 17 */
		GROUP("h", "2")                  /* 18 */
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 5);
	EXPECT(0, "t.xml", 9, "client 'br1-2' is defined twice (also member 2 of "
	       "group 'br1' at line 8); rename one");
	EXPECT(1, "t.xml", 13, "client 'a' is defined twice (first at line 12); "
	       "rename one");
	EXPECT(2, "t.xml", 15, "group 'g' is defined twice (first at line 14); "
	       "rename one");
	EXPECT(3, "t.xml", 16, "client 'br1' has the id of group 'br1' (line 8); "
	       "rename one");
	EXPECT(4, "t.xml", 18, "group 'h' member 1 is 'h-1', already defined (at "
	       "line 17); rename one");
}
END_TEST

START_TEST(duplicate_definitions)
{
	static const char xml[] =
		L1 L2
		"<profiles>\n<profile id=\"p\"/>\n<profile id=\"p\"/>\n</profiles>\n" /* 4,5 */
		"<calendars>\n<calendar id=\"c\"/>\n<calendar id=\"c\"/>\n</calendars>\n" /* 8,9 */
		"<network>\n<link id=\"hq\" kind=\"lan\" capacity-kbps=\"1\"/>\n"  /* 12 */
		"<link id=\"hq\" kind=\"lan\" capacity-kbps=\"1\"/>\n</network>\n" /* 13 */
		"<servers>\n<cap id=\"s\" link=\"hq\"/>\n<logon-point id=\"s\" link=\"hq\"/>\n</servers>\n" /* 16,17 */
		"<payload base-mb=\"1\">\n<component id=\"x\" size-mb=\"1\"/>\n"   /* 20 */
		"<component id=\"x\" size-mb=\"1\"/>\n</payload>\n"                /* 21 */
		"<clients/>\n"
		"<scenarios>\n<scenario id=\"n\"/>\n<scenario id=\"n\"/>\n</scenarios>\n" /* 25,26 */
		"</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 6);
	EXPECT(0, "t.xml", 5, "profile 'p' is defined twice (first at line 4); rename one");
	EXPECT(1, "t.xml", 9, "calendar 'c' is defined twice (first at line 8); rename one");
	EXPECT(2, "t.xml", 13, "link 'hq' is defined twice (first at line 12); rename one");
	EXPECT(3, "t.xml", 17, "server 's' is defined twice (first at line 16); rename one");
	EXPECT(4, "t.xml", 21, "component 'x' is defined twice (first at line 20); rename one");
	EXPECT(5, "t.xml", 26, "scenario 'n' is defined twice (first at line 25); rename one");
}
END_TEST

/* ---- references and the tree ---------------------------------------------------- */

START_TEST(unknown_references)
{
	static const char xml[] =
		L1 L2
		"<profiles><profile id=\"p\"/></profiles>\n"                                  /* 3 */
		"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar></calendars>\n"
		"<network>\n"                                                                  /* 5 */
		"<link id=\"hq\" kind=\"lan\" capacity-kbps=\"10000\" background=\"nope\"/>\n" /* 6 */
		"<link id=\"br\" kind=\"lan\" capacity-kbps=\"10000\" parent=\"hqq\"/>\n"     /* 7 */
		"</network>\n"
		"<servers><cap id=\"cap1\" link=\"hq\"/><logon-point id=\"lp1\" link=\"lan9\"/></servers>\n" /* 9 */
		L6 "<clients>\n"                                                               /* 11 */
		"<client id=\"a\" os=\"win95\" segment=\"seg\" cap=\"lp1\" calendar=\"cal\" triggers=\"push\" components=\"x\"/>\n"
		"<client id=\"b\" os=\"win95\" segment=\"hq\" cap=\"capx\" calendar=\"always\" connection=\"ras\" office=\"off\" triggers=\"push\"/>\n"
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 9);
	EXPECT(0, "t.xml", 6, "link 'hq': background=\"nope\" names no profile; "
	       "define it or fix the name");
	EXPECT(1, "t.xml", 7, "link 'br': parent=\"hqq\" names no link; define it "
	       "or fix the name");
	EXPECT(2, "t.xml", 9, "logon-point 'lp1': link=\"lan9\" names no link; "
	       "define it or fix the name");
	EXPECT(3, "t.xml", 12, "client 'a': segment=\"seg\" names no link; define "
	       "it or fix the name");
	EXPECT(4, "t.xml", 12, "client 'a': cap=\"lp1\" is a logon point, not a "
	       "CAP; name a <cap>");
	EXPECT(5, "t.xml", 12, "client 'a': calendar=\"cal\" names no calendar; "
	       "define it or fix the name");
	EXPECT(6, "t.xml", 12, "client 'a': component \"x\" is not in the payload; "
	       "define it or fix the name");
	EXPECT(7, "t.xml", 13, "client 'b': cap=\"capx\" names no server; define "
	       "it or fix the name");
	EXPECT(8, "t.xml", 13, "client 'b': office=\"off\" names no calendar; "
	       "define it or fix the name");
}
END_TEST

START_TEST(link_cycle)
{
	static const char xml[] =
		L1 L2 L3 "<network>\n"                                             /* 4 */
		"<link id=\"a\" kind=\"lan\" capacity-kbps=\"10\" parent=\"b\"/>\n" /* 5 */
		"<link id=\"b\" kind=\"lan\" capacity-kbps=\"10\" parent=\"a\"/>\n" /* 6 */
		"<link id=\"hq\" kind=\"lan\" capacity-kbps=\"10\" parent=\"hq\"/>\n" /* 7 */
		"</network>\n" L5 L6 "<clients>" CLIENT("c") "</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 2);
	EXPECT(0, "t.xml", 5, "link 'a' is in a cycle of parents (a -> b -> a); "
	       "make one of them a root (no parent=)");
	EXPECT(1, "t.xml", 7, "link 'hq' is in a cycle of parents (hq -> hq); "
	       "make one of them a root (no parent=)");
}
END_TEST

START_TEST(segment_not_reaching_cap)
{
	static const char xml[] =
		L1 L2 L3
		"<network><link id=\"hq\" kind=\"lan\" capacity-kbps=\"10\"/>"
		"<link id=\"x\" kind=\"lan\" capacity-kbps=\"10\"/>"
		"<link id=\"y\" kind=\"lan\" capacity-kbps=\"10\" parent=\"hq\"/></network>\n"
		L5 L6 "<clients>\n"                                                      /* 7 */
		"<client id=\"c\" os=\"winnt\" segment=\"x\" cap=\"cap1\" calendar=\"always\" triggers=\"push\"/>\n"
		"<client id=\"d\" os=\"winnt\" segment=\"y\" cap=\"cap1\" calendar=\"always\" triggers=\"push\"/>\n"
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "t.xml", 8, "client 'c': segment 'x' does not reach link 'hq' of "
	       "cap 'cap1' going up the tree; fix the segment, the cap or the link "
	       "parents");
}
END_TEST

/* ---- windows and horizons ---------------------------------------------------------- */

START_TEST(bad_windows)
{
	static const char xml[] =
		L1 L2
		"<policy><reboot-window days=\"Mon\" from=\"10:00\" to=\"10:00\"/></policy>\n" /* 3 */
		"<profiles><profile id=\"p\"><level from=\"08:00\" to=\"09:00\" value=\"1\"/></profile></profiles>\n" /* 4 */
		"<calendars><calendar id=\"always\">\n"                                   /* 5 */
		"<on days=\"Mon-Fri\" from=\"08:00\" to=\"08:00\"/>\n"                    /* 6 */
		"<on from=\"08:00\" to=\"09:00\"/>\n"                                     /* 7 */
		"<on days=\"Mon\" from=\"Fri 18:00\" to=\"Mon 08:00\"/>\n"                /* 8 */
		"<on from=\"Fri 18:00\"/>\n"                                              /* 9 */
		"<on/>\n"                                                                 /* 10 */
		"<on from=\"Fri 18:00\" to=\"Fri 18:00\"/>\n"                             /* 11 */
		"<on days=\"Mon\" from=\"24:00\" to=\"08:00\"/>\n"                        /* 12 */
		"<exception from=\"2026-12-02T00:00\" to=\"2026-12-01T00:00\" state=\"off\"/>\n" /* 13 */
		"<exception from=\"2026-12-02T00:00\" to=\"2026-12-02T00:00\" state=\"on\"/>\n"  /* 14 */
		"</calendar></calendars>\n" L4 L5 L6 "<clients/>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 11);
	EXPECT(0, "t.xml", 3, "reboot-window: the window has zero length (from "
	       "equals to); make to differ from from");
	EXPECT(1, "t.xml", 4, "level: without days=, from= and to= need day names; "
	       "write e.g. from=\"Fri 18:00\" to=\"Mon 08:00\"");
	EXPECT(2, "t.xml", 6, "on: the window has zero length (from equals to); "
	       "make to differ from from");
	EXPECT(3, "t.xml", 7, "on: without days=, from= and to= need day names; "
	       "write e.g. from=\"Fri 18:00\" to=\"Mon 08:00\"");
	EXPECT(4, "t.xml", 8, "on: with days=, from= and to= are times of day; "
	       "write e.g. from=\"08:00\" to=\"18:00\"");
	EXPECT(5, "t.xml", 9, "on: from= and to= go together; give both or neither");
	EXPECT(6, "t.xml", 10, "on: a window needs days=, or from= and to= with day "
	       "names; write e.g. days=\"Mon-Fri\"");
	EXPECT(7, "t.xml", 11, "on: the window has zero length (from equals to); "
	       "make to differ from from");
	EXPECT(8, "t.xml", 12, "on: from=\"24:00\" is the end of the day; write "
	       "00:00 and name the next day");
	EXPECT(9, "t.xml", 13, "exception ends before it starts (2026-12-02T00:00 "
	       "to 2026-12-01T00:00); swap from and to");
	EXPECT(10, "t.xml", 14, "exception has zero length (from equals to); make "
	       "to later than from");
}
END_TEST

static void horizon_case(const char *horizon, const char *msg)
{
	char xml[2048];

	snprintf(xml, sizeof xml, L1 "%s\n" L3 L4 L5 L6 "<clients/>\n</site>\n",
		 horizon);
	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "t.xml", 2, msg);
}

START_TEST(bad_horizons)
{
	horizon_case("<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T07:00\"/>",
		     "horizon ends before it starts; make end later than start");
	horizon_case("<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T08:00\"/>",
		     "horizon is shorter than one slot (15 minutes); make it "
		     "longer or the slots shorter");
	horizon_case("<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T08:14\"/>",
		     "horizon is shorter than one slot (15 minutes); make it "
		     "longer or the slots shorter");
	horizon_case("<horizon start=\"2026-01-01T00:00\" end=\"2027-01-02T00:01\" "
		     "slot-minutes=\"1440\"/>",
		     "horizon is longer than 366 days; shorten it");
	horizon_case("<horizon start=\"2026-01-01T00:00\" end=\"2026-04-11T00:00\" "
		     "slot-minutes=\"1\"/>",
		     "horizon has 144000 slots, more than 100000; use longer slots "
		     "or a shorter horizon");
	horizon_case("<horizon start=\"2026-11-30T08:00\" end=\"2026-12-07T08:00\" "
		     "slot-minutes=\"0\"/>",
		     "horizon: slot-minutes=\"0\" is out of range; give a value "
		     "from 1 to 1440");
	horizon_case("<horizon start=\"2026-11-30T08:00\" end=\"2026-12-07T08:00\" "
		     "slot-minutes=\"99999999999999999999999\"/>",
		     "horizon: slot-minutes=\"99999999999999999999999\" is out of "
		     "range; give a value from 1 to 1440");
	/* exactly one slot, exactly 366 days: fine */
	ck_assert_int_eq(load(L1 "<horizon start=\"2026-11-30T08:00\" "
			      "end=\"2026-11-30T08:15\"/>\n" L3 L4 L5 L6
			      "<clients/>\n</site>\n", NULL), RO_OK);
	ck_assert_int_eq(s->horizon.nslots, 1);
	ck_assert_int_eq(load(L1 "<horizon start=\"2026-01-01T00:00\" "
			      "end=\"2027-01-02T00:00\" slot-minutes=\"1440\"/>\n"
			      L3 L4 L5 L6 "<clients/>\n</site>\n", NULL), RO_OK);
	ck_assert_int_eq(s->horizon.nslots, 366);
}
END_TEST

/* A date that does not parse is one error: the horizon checks that would
 * use it (longer than 366 days, ends before it starts) are skipped, for
 * the base and for a scenario taking the base's start. */
START_TEST(impossible_dates)
{
	static const char base_bad[] =
		L1 "<horizon start=\"2026-02-30T08:00\" end=\"2026-12-07T08:00\"/>\n"
		L3 L4 L5 L6 "<clients/>\n"                            /* 7 */
		"<scenarios>\n<scenario id=\"s1\">\n"                 /* 8, 9 */
		"<horizon end=\"2026-12-01T08:00\"/>\n"               /* 10 */
		"</scenario>\n"
		"<scenario id=\"s2\">\n"                             /* 12 */
		"<horizon start=\"2026-12-02T08:00\" end=\"2026-12-01T08:00\"/>\n"
		"</scenario>\n</scenarios>\n</site>\n";
	static const char scen_bad[] =
		HEAD "<clients/>\n"                                   /* 7 */
		"<scenarios>\n<scenario id=\"s1\">\n"                 /* 8, 9 */
		"<horizon start=\"2026-11-31T08:00\"/>\n"             /* 10 */
		"</scenario>\n</scenarios>\n</site>\n";

	ck_assert_int_eq(load(base_bad, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 2);
	EXPECT(0, "t.xml", 2, "horizon: start=\"2026-02-30T08:00\" is not a "
	       "date-time; write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00");
	/* s2 gives both ends, so its own check still runs */
	EXPECT(1, "t.xml", 13, "scenario 's2': horizon ends before it starts; "
	       "make end later than start");

	ck_assert_int_eq(load(scen_bad, "s1"), RO_EINVAL);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "t.xml", 10, "horizon: start=\"2026-11-31T08:00\" is not a "
	       "date-time; write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00");
}
END_TEST

/* ---- numbers ------------------------------------------------------------------------ */

START_TEST(bad_numbers)
{
	static const char xml[] =
		L1 L2 L3 "<network>\n"                                                   /* 4 */
		"<link id=\"hq\" kind=\"lan\" capacity-kbps=\"0\"/>\n"                   /* 5 */
		"<link id=\"w\" kind=\"wan\" capacity-kbps=\"1000000001\" parent=\"hq\" share=\"0\"/>\n"
		"<link id=\"v\" kind=\"wan\" capacity-kbps=\"0.0004\" parent=\"hq\" share=\"1.5\"/>\n"
		"<link id=\"u\" kind=\"wan\" capacity-kbps=\"1" "000000000000000000000000000000\" parent=\"hq\" share=\"100.1%\"/>\n"
		"</network>\n"                                                           /* 9 */
		"<servers><cap id=\"cap1\" link=\"hq\" max-concurrent=\"99999999999\"/></servers>\n"
		"<payload base-mb=\"8.5\"><component id=\"z\" size-mb=\"0\"/>"
		"<component id=\"big\" size-mb=\"1048577\"/></payload>\n"                /* 11 */
		"<clients>\n"                                                            /* 12 */
		GROUP("g", "0")                                                          /* 13 */
		"<client id=\"p\"" ATTRS " priority=\"0\" reboots=\"17\" rate-kbps=\"0\"/>\n"
		"<client id=\"q\" os=\"os2\" segment=\"hq\" cap=\"cap1\" calendar=\"always\" triggers=\"push\"/>\n"
		"<client id=\"r\" os=\"os2\" reboots=\"2\" connection=\"ras\" segment=\"hq\" cap=\"cap1\" calendar=\"always\" triggers=\"push\"/>\n"
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 16);
	EXPECT(0, "t.xml", 5, "link 'hq': capacity-kbps=\"0\" is zero; give a value above 0");
	EXPECT(1, "t.xml", 6, "link 'w': capacity-kbps=\"1000000001\" is too large; "
	       "a link above 1 Tbit/s is not plausible: the unit is kbit/s");
	EXPECT(2, "t.xml", 6, "link 'w': share=\"0\" is zero; give a fraction above 0");
	EXPECT(3, "t.xml", 7, "link 'v': capacity-kbps=\"0.0004\" is zero; give a "
	       "value above 0");
	EXPECT(4, "t.xml", 7, "link 'v': share=\"1.5\" is above 1; give a fraction "
	       "from 0 to 1, or 0% to 100%");
	EXPECT(5, "t.xml", 8, "link 'u': capacity-kbps=\"1000000000000000000000000000000\" "
	       "is too large; a link above 1 Tbit/s is not plausible: the unit is kbit/s");
	EXPECT(6, "t.xml", 8, "link 'u': share=\"100.1%\" is above 1; give a "
	       "fraction from 0 to 1, or 0% to 100%");
	EXPECT(7, "t.xml", 10, "cap 'cap1': max-concurrent=\"99999999999\" is out "
	       "of range; give a value from 0 to 10000000");
	EXPECT(8, "t.xml", 11, "component 'z': size-mb=\"0\" is zero; give a value above 0");
	EXPECT(9, "t.xml", 11, "component 'big': size-mb=\"1048577\" is too large; "
	       "a component above 1 TiB is not plausible: the unit is MB");
	EXPECT(10, "t.xml", 13, "group 'g': count=\"0\" is out of range; give a "
	       "value from 1 to 10000000");
	EXPECT(11, "t.xml", 14, "client 'p': reboots=\"17\" is out of range; give a "
	       "value from 0 to 16");
	EXPECT(12, "t.xml", 14, "client 'p': priority=\"0\" is out of range; give a "
	       "value from 1 to 1000000");
	EXPECT(13, "t.xml", 14, "client 'p': rate-kbps=\"0\" is zero; give a value above 0");
	EXPECT(14, "t.xml", 15, "client 'q': os \"os2\" needs reboots=; give the "
	       "number of reboots its upgrade takes");
	EXPECT(15, "t.xml", 16, "client 'r' connects by ras but has no office "
	       "calendar; add office=\"CALENDAR\" (when it is in the office)");
}
END_TEST

START_TEST(exact_numbers)
{
	static const char xml[] =
		L1 L2 L3
		"<network><link id=\"hq\" kind=\"lan\" capacity-kbps=\"28.8\" share=\"70%\"/>"
		"<link id=\"b\" kind=\"ras\" capacity-kbps=\"0.0005\" share=\"0.000001\" parent=\"hq\"/></network>\n"
		L5 "<payload base-mb=\"8.5\"><component id=\"c\" size-mb=\"0.0000005\"/></payload>\n"
		"<clients>"
		"<client id=\"a\" os=\"os2\" reboots=\"3\" segment=\"hq\" cap=\"cap1\" calendar=\"always\" "
		"triggers=\"push push ccim\" components=\"c c\" rate-kbps=\"33.6\" priority=\"1000000\"/>"
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_OK);
	ck_assert_int_eq(s->links[0].capacity_bps, 28800);
	ck_assert_uint_eq(s->links[0].share_ppm, 700000);
	ck_assert_int_eq(s->links[1].capacity_bps, 1);   /* 0.5 bit/s rounds up */
	ck_assert_int_eq(s->links[1].kind, RO_LINK_RAS);
	ck_assert_uint_eq(s->links[1].share_ppm, 1);
	ck_assert_int_eq(s->base_bytes, 8912896);          /* 8.5 * 1048576 */
	ck_assert_int_eq(s->components[0].bytes, 1);       /* 0.524288 -> 1 */
	ck_assert_int_eq(s->clients[0].bytes, 8912897);    /* a component once */
	ck_assert_int_eq(s->clients[0].rate_bps, 33600);
	ck_assert_int_eq(s->clients[0].reboots, 3);
	ck_assert_int_eq(s->clients[0].priority, 1000000);
	ck_assert_uint_eq(s->clients[0].triggers, RO_TRIG_PUSH | RO_TRIG_CCIM);
}
END_TEST

START_TEST(too_many_clients)
{
	static const char xml[] =
		HEAD "<clients>\n" GROUP("g", "10000000")      /* 7, 8 */
		CLIENT("a")                                     /* 9 */
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_ELIMIT);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "t.xml", 9, "more than 10000000 clients in all; split the site");
	/* exactly the limit is fine, and costs one record */
	ck_assert_int_eq(load(HEAD "<clients>" GROUP("g", "10000000")
			      "</clients></site>", NULL), RO_OK);
	ck_assert_uint_eq(s->nclients, 1);
	ck_assert_int_eq(s->nclients_total, 10000000);
}
END_TEST

/* ---- scenarios naming what does not exist --------------------------------------------- */

START_TEST(scenario_references)
{
	static const char xml[] =
		HEAD "<clients/>\n"                                   /* 7 */
		"<scenarios>\n<scenario id=\"s1\">\n"                 /* 8, 9 */
		"<horizon end=\"2026-11-30T08:05\"/>\n"               /* 10 */
		"<profile id=\"nop\"/>\n"                             /* 11 */
		"<calendar id=\"nocal\"/>\n"                          /* 12 */
		"<exception calendar=\"nocal2\" from=\"2026-12-01T00:00\" to=\"2026-12-02T00:00\" state=\"on\"/>\n"
		"<link id=\"nolink\" background=\"noprof\"/>\n"       /* 14 */
		"<cap id=\"nocap\"/>\n"                               /* 15 */
		"</scenario>\n</scenarios>\n</site>\n";

	/* checked even when no scenario is applied */
	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 7);
	EXPECT(0, "t.xml", 10, "scenario 's1': horizon is shorter than one slot "
	       "(15 minutes); make it longer or the slots shorter");
	EXPECT(1, "t.xml", 11, "scenario 's1': profile 'nop' does not exist; a "
	       "scenario can only replace a profile defined under <profiles>");
	EXPECT(2, "t.xml", 12, "scenario 's1': calendar 'nocal' does not exist; a "
	       "scenario can only replace a calendar defined under <calendars>");
	EXPECT(3, "t.xml", 13, "scenario 's1': calendar=\"nocal2\" names no "
	       "calendar; define it or fix the name");
	EXPECT(4, "t.xml", 14, "scenario 's1': link id=\"nolink\" names no link; "
	       "define it or fix the name");
	EXPECT(5, "t.xml", 14, "scenario 's1': background=\"noprof\" names no "
	       "profile; define it or fix the name");
	EXPECT(6, "t.xml", 15, "scenario 's1': cap id=\"nocap\" names no server; "
	       "define it or fix the name");
}
END_TEST

/* ---- all errors at once ----------------------------------------------------------------- */

START_TEST(all_errors_in_one_run)
{
	static const char xml[] =
		L1 "<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T08:00\"/>\n" /* 2 */
		L3 L4 L5 L6 "<clients>\n"                                            /* 7 */
		"<client id=\"a\" os=\"winnt\" segment=\"nope\" cap=\"cap1\" calendar=\"always\" triggers=\"push\"/>\n"
		CLIENT("a")                                                          /* 9 */
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, "x"), RO_EINVAL);
	ck_assert_uint_eq(d.n, 4);
	EXPECT(0, "t.xml", 0, "unknown scenario 'x'; the site defines no scenarios");
	EXPECT(1, "t.xml", 2, "horizon is shorter than one slot (15 minutes); make "
	       "it longer or the slots shorter");
	EXPECT(2, "t.xml", 8, "client 'a': segment=\"nope\" names no link; define "
	       "it or fix the name");
	EXPECT(3, "t.xml", 9, "client 'a' is defined twice (first at line 8); "
	       "rename one");
}
END_TEST

/* ---- unsafe and broken input ------------------------------------------------------------- */

START_TEST(dtd_xxe_laughs)
{
	static const char *const bad[] = {
		"<!DOCTYPE site [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		"<site version=\"1\">&x;</site>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><site>&c;</site>",
		"<!DOCTYPE site SYSTEM \"http://example.com/site.dtd\"><site/>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(load(bad[i], NULL), RO_EPARSE);
		ck_assert_ptr_null(s);
		ck_assert_uint_eq(d.n, 1);
		/* at the DOCTYPE's line */
		EXPECT(0, "t.xml", i == 1 ? 2 : 1,
		       "DTD not allowed; remove the <!DOCTYPE>");
	}
}
END_TEST

START_TEST(broken_files)
{
	static const char nul[] = L1 L2 "\0" L3;

	ck_assert_int_eq(ro_site_load("data/site/truncated.xml", NULL, &s, &d),
			 RO_EPARSE);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 1);
	/* libxml2 2.9's reader words a truncated file this way */
	EXPECT(0, "data/site/truncated.xml", 2,
	       "text after the end of the root element; remove it (column 58)");
	ro_diag_release(&d);

	ck_assert_int_eq(ro_site_load("data/site/empty.xml", NULL, &s, &d),
			 RO_EPARSE);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "data/site/empty.xml", 1,
	       "the file is empty; it needs a <site> element");
	ro_diag_release(&d);

	ck_assert_int_eq(ro_site_load("data/site/gzip.xml", NULL, &s, &d),
			 RO_EPARSE);
	ck_assert_uint_eq(d.n, 1);
	EXPECT(0, "data/site/gzip.xml", 0,
	       "compressed files are not accepted; decompress it first");
	ro_diag_release(&d);

	ck_assert_int_eq(ro_site_load("data/site/missing.xml", NULL, &s, &d),
			 RO_EIO);
	ck_assert_uint_eq(d.n, 1);
	ro_diag_release(&d);

	ck_assert_int_eq(ro_site_load_memory(nul, sizeof nul - 1, "t.xml", NULL,
					     &s, &d), RO_EPARSE);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 3);
}
END_TEST

START_TEST(schema_errors)
{
	static const char xml[] =
		HEAD "<clients>\n"                                               /* 7 */
		"<client id=\"a\" segment=\"hq\" cap=\"cap1\" calendar=\"always\" triggers=\"push\"/>\n"
		"<client id=\"b\" os=\"winnt\" segment=\"hq\" cap=\"cap1\" calendar=\"always\" triggers=\"bell\"/>\n"
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_ESCHEMA);
	ck_assert_ptr_null(s);
	/* libxml2's second message on 'bell' (the list type) restates the
	 * first and is dropped */
	ck_assert_uint_eq(d.n, 2);
	EXPECT(0, "t.xml", 8, "<client> lacks the required attribute 'os'; add it");
	EXPECT(1, "t.xml", 9, "attribute 'triggers' of <client>: 'bell' is not one "
	       "of ccim, logon, push");
}
END_TEST

/* ---- CSV inventories --------------------------------------------------------------------- */

START_TEST(csv_inventory)
{
	static const char xml[] =
		HEAD "<clients>\n" CLIENT("a")
		"<inventory file=\"data/site/inv.csv\"/>\n</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_OK);
	ck_assert_uint_eq(s->nclients, 3);
	ck_assert_int_eq(s->nclients_total, 5);
	ck_assert_str_eq(ro_site_str(s, s->clients[1].id), "c1");
	ck_assert_str_eq(ro_site_str(s, s->clients[1].user), "Hughes, Ivy");
	ck_assert_str_eq(ro_site_str(s, s->clients[1].file), "data/site/inv.csv");
	ck_assert_int_eq(s->clients[1].line, 2);
	ck_assert_int_eq(s->clients[1].count, 1);
	ck_assert_uint_eq(s->clients[1].reboots, 1);
	ck_assert_str_eq(ro_site_str(s, s->clients[2].user), "Lee \"LJ\" Jones");
	ck_assert_int_eq(s->clients[2].count, 3);
	ck_assert_int_eq(s->clients[2].priority, 2);
	ck_assert_int_eq(s->clients[2].rate_bps, 28800);
	ck_assert_uint_eq(s->clients[2].triggers, RO_TRIG_LOGON | RO_TRIG_PUSH);
	ck_assert_int_eq(s->clients[2].line, 3);
}
END_TEST

START_TEST(csv_bad_rows)
{
	static const char xml[] =
		HEAD "<clients>\n" CLIENT("a")                     /* 7, 8 */
		"<inventory file=\"data/site/bad.csv\"/>\n</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 10);
	EXPECT(0, "data/site/bad.csv", 3, "row has 4 fields, the header has 8; "
	       "quote fields that hold commas");
	EXPECT(1, "data/site/bad.csv", 4, "client 'p1': priority=\"abc\" is not a "
	       "whole number; write digits only");
	EXPECT(2, "data/site/bad.csv", 5, "client 'p2': rate-kbps=\"1e308\" is not "
	       "a decimal number; write digits with an optional decimal point, "
	       "like 28.8");
	EXPECT(3, "data/site/bad.csv", 6, "text after a closing quote; quote the "
	       "whole field and double the quotes inside");
	EXPECT(4, "data/site/bad.csv", 7, "client 'p3': rate-kbps=\"NaN\" is not a "
	       "decimal number; write digits with an optional decimal point, "
	       "like 28.8");
	EXPECT(5, "data/site/bad.csv", 8, "client 'p4': triggers=\"bogus\" is not a "
	       "list of triggers; write one or more of ccim, logon, push");
	EXPECT(6, "data/site/bad.csv", 8, "client 'p4': priority=\"0\" is out of "
	       "range; give a value from 1 to 1000000");
	EXPECT(7, "data/site/bad.csv", 9, "client has no id; give it one");
	EXPECT(8, "data/site/bad.csv", 10, "client 'ok1' is defined twice (first "
	       "at line 2); rename one");
	EXPECT(9, "data/site/bad.csv", 11, "client 'a' is defined twice (first at "
	       "t.xml:8); rename one");
}
END_TEST

START_TEST(csv_bad_header_and_missing)
{
	static const char xml[] =
		HEAD "<clients>\n"                                       /* 7 */
		"<inventory file=\"data/site/badhead.csv\"/>\n"          /* 8 */
		"<inventory file=\"data/site/missing.csv\"/>\n"          /* 9 */
		"</clients>\n</site>\n";

	ck_assert_int_eq(load(xml, NULL), RO_EINVAL);
	ck_assert_uint_eq(d.n, 3);
	EXPECT(0, "data/site/badhead.csv", 1, "unknown column 6 (\"colour\"); the "
	       "columns are id, user, count, os, reboots, segment, cap, components, "
	       "connection, office, calendar, triggers, phase, priority, rate-kbps, "
	       "user-group, installed");
	EXPECT(1, "data/site/badhead.csv", 1, "the header has no column "
	       "\"triggers\"; add it (required)");
	EXPECT(2, "t.xml", 9, "inventory: cannot open 'data/site/missing.csv': No "
	       "such file or directory; check the file= path (relative to the site "
	       "file)");

	/* from memory without a name there is no directory to read from */
	ro_diag_release(&d);
	ck_assert_int_eq(ro_site_load_memory(xml, strlen(xml), NULL, NULL, &s, &d),
			 RO_EINVAL);
	ck_assert_uint_eq(d.n, 2);
	EXPECT(0, "-", 8, "inventory \"data/site/badhead.csv\" cannot be read when "
	       "the site comes from memory; load the site from a file");
}
END_TEST

/* ---- arguments and allocation failures --------------------------------------------------- */

START_TEST(bad_args)
{
	ck_assert_int_eq(ro_site_load(NULL, NULL, &s, &d), RO_EARG);
	ck_assert_int_eq(ro_site_load("x", NULL, NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_site_load("x", NULL, &s, NULL), RO_EARG);
	ck_assert_int_eq(ro_site_load_memory(NULL, 0, "x", NULL, &s, &d), RO_EARG);
	ck_assert_int_eq(ro_site_load_memory("<a/>", 4, "x", NULL, NULL, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_site_load_memory("<a/>", 4, "x", NULL, &s, NULL),
			 RO_EARG);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(alloc_failures)
{
	static const char xml[] =
		L1 L2 "<profiles><profile id=\"p\"/></profiles>\n" L3 L4 L5 L6
		"<clients>\n" CLIENT("a") GROUP("g", "3")
		"<inventory file=\"data/site/inv.csv\"/>\n</clients>\n"
		"<scenarios><scenario id=\"s\"><profile id=\"p\"/></scenario></scenarios>\n"
		"</site>\n";
	int rc;
	long n = 1;

	/* compile the schema first: libxml2's allocations are not counted */
	ck_assert_int_eq(load(xml, "s"), RO_OK);
	ro_site_free(s);
	s = NULL;
	ro_diag_release(&d);
	do {
		long live = ro_alloc_live();

		ro_alloc_fail_at(n, 1);
		rc = ro_site_load_memory(xml, strlen(xml), "t.xml", NULL, &s, &d);
		ro_alloc_fail_at(0, 0);
		ck_assert_msg(rc == RO_OK || rc == RO_ENOMEM, "n=%ld rc=%d", n, rc);
		if (rc != RO_OK)
			ck_assert_ptr_null(s);
		ro_site_free(s);
		s = NULL;
		ro_diag_release(&d);
		ck_assert_int_eq(ro_alloc_live(), live);
		n++;
	} while (rc != RO_OK && n < 10000);
	ck_assert_int_eq(rc, RO_OK);
}
END_TEST

Suite *suite_site_read(void)
{
	Suite *su = suite_create("site_read");
	TCase *good = fx_tcase_create("good");
	TCase *bad = fx_tcase_create("bad");
	TCase *csv = fx_tcase_create("csv");

	tcase_add_checked_fixture(good, setup, teardown);
	tcase_add_test(good, example_small);
	tcase_add_test(good, scenario_weekend);
	tcase_add_test(good, scenario_weekday);
	tcase_add_test(good, scenario_overlays);
	tcase_add_test(good, exact_numbers);
	suite_add_tcase(su, good);

	tcase_add_checked_fixture(bad, setup, teardown);
	tcase_add_test(bad, scenario_unknown);
	tcase_add_test(bad, group_expansion_duplicates);
	tcase_add_test(bad, duplicate_definitions);
	tcase_add_test(bad, unknown_references);
	tcase_add_test(bad, link_cycle);
	tcase_add_test(bad, segment_not_reaching_cap);
	tcase_add_test(bad, bad_windows);
	tcase_add_test(bad, bad_horizons);
	tcase_add_test(bad, impossible_dates);
	tcase_add_test(bad, bad_numbers);
	tcase_add_test(bad, too_many_clients);
	tcase_add_test(bad, scenario_references);
	tcase_add_test(bad, all_errors_in_one_run);
	tcase_add_test(bad, dtd_xxe_laughs);
	tcase_add_test(bad, broken_files);
	tcase_add_test(bad, schema_errors);
	tcase_add_test(bad, bad_args);
	tcase_add_test(bad, alloc_failures);
	suite_add_tcase(su, bad);

	tcase_add_checked_fixture(csv, setup, teardown);
	tcase_add_test(csv, csv_inventory);
	tcase_add_test(csv, csv_bad_rows);
	tcase_add_test(csv, csv_bad_header_and_missing);
	suite_add_tcase(su, csv);
	return su;
}
