/*
 * test_import.c - rollout import: addresses and boundaries, the os table,
 * the export's header, every row error with its line, the mapping file,
 * the exact site and CSV written, and allocation failures.
 *
 * Files under data/import/: template.xml (a head office, branch 1 with its
 * own CAP, branch 2 without), boundaries.csv, map.csv, small.csv (plain
 * headers, a BOM, CRLF, a blank line, a quoted name with a comma) and
 * small-expected.xml, what import writes from it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/boundary.h"
#include "../io/import.h"
#include "../io/os_table.h"
#include "../io/starter.h"
#include "../io/site_read.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "fixture.h"

#define DIR "data/import/"

static struct ro_diag d;
static struct ro_import_opts o;
static char *out;
static size_t outlen;
static struct ro_import_stats st;

static void setup(void)
{
	ro_diag_init(&d);
	ro_import_opts_init(&o);
	o.site = DIR "template.xml";
	o.boundaries = DIR "boundaries.csv";
	o.calendar = "office";
	out = NULL;
}

static void teardown(void)
{
	ro_free(out);
	ro_diag_release(&d);
}

static int import_str(const char *csv)
{
	ro_free(out);
	out = NULL;
	return ro_import_buf(&o, csv, strlen(csv), "inv.csv", &out, &outlen, &st,
			     &d);
}

/* Whether d holds exactly msg at inv.csv:line. */
static bool has(long line, const char *msg)
{
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].line == line && d.v[i].file &&
		    strcmp(d.v[i].file, "inv.csv") == 0 &&
		    strcmp(d.v[i].msg, msg) == 0)
			return true;
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "  have %s:%ld: %s\n", d.v[i].file ? d.v[i].file : "",
			d.v[i].line, d.v[i].msg);
	return false;
}

#define HDR "Name,User,Operating System,IP Address,IP Subnet\n"

/* ---- boundaries and the os table ------------------------------------------ */

START_TEST(ipv4)
{
	uint32_t a;
	char buf[16];

	ck_assert(ro_ipv4_parse("10.1.2.3", &a));
	ck_assert_uint_eq(a, 0x0a010203u);
	ck_assert_str_eq(ro_ipv4_format(a, buf), "10.1.2.3");
	ck_assert(ro_ipv4_parse(" 255.255.255.255 ", &a));
	ck_assert_uint_eq(a, 0xffffffffu);
	ck_assert(!ro_ipv4_parse("256.1.1.1", &a));
	ck_assert(!ro_ipv4_parse("1.2.3", &a));
	ck_assert(!ro_ipv4_parse("1.2.3.4.5", &a));
	ck_assert(!ro_ipv4_parse("1.2.3.0004", &a));
	ck_assert(!ro_ipv4_parse("", &a));
	ck_assert(!ro_ipv4_parse(NULL, &a));
}
END_TEST

START_TEST(boundary_forms)
{
	struct ro_boundary b;
	struct ro_boundaries set = { NULL, 0 };
	uint32_t a;

	ck_assert_ptr_null(ro_boundary_parse("10.1.0.0/16", &b));
	ck_assert_uint_eq(b.lo, 0x0a010000u);
	ck_assert_uint_eq(b.hi, 0x0a01ffffu);
	ck_assert(!b.subnet_id);
	b.link = 0;
	ck_assert(ro_boundaries_add(&set, &b));
	ck_assert_ptr_null(ro_boundary_parse("10.1.2.10-10.1.2.20", &b));
	b.link = 1;
	ck_assert(ro_boundaries_add(&set, &b));
	ck_assert_ptr_null(ro_boundary_parse("10.9.0.0", &b));
	ck_assert(b.subnet_id);
	b.link = 2;
	ck_assert(ro_boundaries_add(&set, &b));
	ck_assert_ptr_null(ro_boundary_parse("0.0.0.0/0", &b));
	b.link = 3;
	ck_assert(ro_boundaries_add(&set, &b));

	/* the narrowest holding the address wins */
	ro_ipv4_parse("10.1.2.15", &a);
	ck_assert_int_eq(ro_boundaries_find(&set, a, false)->link, 1);
	ro_ipv4_parse("10.1.3.15", &a);
	ck_assert_int_eq(ro_boundaries_find(&set, a, false)->link, 0);
	ro_ipv4_parse("192.168.0.1", &a);
	ck_assert_int_eq(ro_boundaries_find(&set, a, false)->link, 3);
	/* a subnet id matches a subnet, never an address */
	ro_ipv4_parse("10.9.0.0", &a);
	ck_assert_int_eq(ro_boundaries_find(&set, a, true)->link, 2);
	ck_assert_int_eq(ro_boundaries_find(&set, a, false)->link, 3);
	ro_boundaries_release(&set);
	ro_boundaries_release(NULL);

	ck_assert_str_eq(ro_boundary_parse("10.1.2.1/24", &b),
			 "the address has bits set past the prefix length; write "
			 "the network address, like 10.1.2.0/24");
	ck_assert_str_eq(ro_boundary_parse("10.1.2.0/33", &b),
			 "the prefix length after '/' must be 0 to 32, like "
			 "10.1.2.0/24");
	ck_assert_str_eq(ro_boundary_parse("10.1.2.9-10.1.2.1", &b),
			 "the range ends before it starts; write the lower address "
			 "first");
	ck_assert_ptr_nonnull(ro_boundary_parse("net1", &b));
	ck_assert_ptr_nonnull(ro_boundary_parse(NULL, &b));
}
END_TEST

START_TEST(os_names)
{
	size_t n;

	ck_assert_str_eq(ro_os_class("Microsoft Windows NT Workstation 4.0"),
			 "winnt");
	ck_assert_str_eq(ro_os_class("Microsoft Windows NT Server 4.0"), "winnt");
	ck_assert_str_eq(ro_os_class("Microsoft Windows 95"), "win95");
	ck_assert_str_eq(ro_os_class("Windows 95 OSR2"), "win95");
	ck_assert_str_eq(ro_os_class("Microsoft Windows 98"), "win98");
	ck_assert_str_eq(ro_os_class("Windows 98 Second Edition"), "win98");
	ck_assert_str_eq(ro_os_class("  windows   98  second EDITION "), "win98");
	ck_assert_str_eq(ro_os_class("winnt"), "winnt");
	ck_assert_ptr_null(ro_os_class("Windows ME"));
	ck_assert_ptr_null(ro_os_class("Windows 98 Second"));
	ck_assert_ptr_null(ro_os_class(""));
	ck_assert_ptr_null(ro_os_class(NULL));
	ck_assert(ro_os_table(&n) != NULL && n > 20);
	ck_assert_ptr_null(ro_os_known("os2"));
}
END_TEST

/* ---- whole imports --------------------------------------------------------- */

START_TEST(small_exact)
{
	size_t len, ilen;
	char *want = fx_slurp(DIR "small-expected.xml", &len);
	char *inv = fx_slurp(DIR "small.csv", &ilen);
	struct ro_site *s = NULL;

	ck_assert_int_eq(ro_import_buf(&o, inv, ilen, "small.csv", &out, &outlen,
				       &st, &d), RO_OK);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(outlen, len);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(st.clients, 5);
	ck_assert_int_eq(st.by_os[0], 2);
	ck_assert_int_eq(st.by_os[1], 1);
	ck_assert_int_eq(st.by_os[2], 2);
	ck_assert_int_eq(st.links, 3);
	/* it is a site, and the user travels */
	ck_assert_int_eq(ro_site_load_memory(out, outlen, DIR "t.xml", NULL, &s,
					     &d), RO_OK);
	ck_assert_int_eq(s->nclients_total, 5);
	ck_assert_str_eq(ro_site_str(s, s->clients[1].user), "Hughes, Ivy");
	ro_site_free(s);
	/* the same input, the same bytes */
	ro_free(out);
	out = NULL;
	ck_assert_int_eq(ro_import_buf(&o, inv, ilen, "small.csv", &out, &outlen,
				       &st, &d), RO_OK);
	ck_assert_str_eq(out, want);
	free(want);
	free(inv);
}
END_TEST

START_TEST(sms_headers_csv_out)
{
	o.format = RO_IMPORT_CSV;
	o.office = "office";
	ck_assert_int_eq(import_str(
		"Name0,User_Name0,Operating_System_Name_and0,IP_Addresses0,"
		"IP_Subnets0,Resource_Domain_OR_Workgr0,RAS,Last CCIM Cycle,"
		"User Group\n"
		"PC1,CORP\\alice,Microsoft Windows 95,\"169.254.0.1, 10.2.0.5\","
		",CORP,yes,2026-11-29 03:10:27.000,sales\n"
		"PC2,\"Lee \"\"LJ\"\"\",Windows NT,10.1.0.9,,CORP,no,,\n"), RO_OK);
	ck_assert_str_eq(out,
		"id,user,os,segment,cap,calendar,triggers,connection,office,phase,"
		"components,priority,reboots,user-group\n"
		"PC1,CORP\\alice,win95,br1-lan,br1-cap,office,ccim logon,ras,office,"
		"2026-11-29T03:10,,,,sales\n"
		"PC2,\"Lee \"\"LJ\"\"\",winnt,hq-lan,hq-cap,office,ccim logon,,,,,,,\n");
	ck_assert_int_eq(st.ras, 1);
}
END_TEST

START_TEST(row_errors)
{
	o.calendar = NULL;   /* three calendars: none to take by default */
	ck_assert_int_eq(import_str(
		HDR
		"A1,u,Windows NT,10.1.0.1,\n"                 /* 2: no calendar */
		"A1,u,Windows 95,10.1.0.2,\n"                 /* 3: repeat */
		"A3,u,Windows ME,10.1.0.3,\n"                 /* 4: os */
		"A4,u,Windows 98,192.168.1.1,\n"              /* 5: no boundary */
		"A5,u,Windows 98,10.1.x.1,\n"                 /* 6: address */
		"bad name,u,Windows 98,10.1.0.6,\n"           /* 7: id */
		",u,Windows 98,10.1.0.7,\n"                   /* 8: no name */
		"A8,u,,10.1.0.8,\n"                           /* 9: no os */
		"A9,u,Windows 98,,\n"                         /* 10: no address */
		"A10,u,Windows 98,10.1.0.10\n"                /* 11: fields */
		"A11,\"u\"x,Windows 98,10.1.0.11,\n"          /* 12: csv */
		"A12,u,Windows 98,10.3.0.255,10.3.0.0\n"),    /* 13: no boundary */
		RO_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert(has(2, "no calendar for winnt clients; give --calendar ID, a "
		      "default,winnt.calendar,ID row in the --map file, or a "
		      "calendar column"));
	ck_assert(has(3, "client 'A1' appears again (first on line 2); delete the "
		      "duplicate row"));
	ck_assert(has(4, "client 'A3': operating system \"Windows ME\" is not in "
		      "the table of docs/import.md; map it with a row os,\"Windows "
		      "ME\",CLASS in the --map file (CLASS: winnt, win95 or win98)"));
	ck_assert(has(5, "client 'A4': address 192.168.1.1 is in no boundary; add "
		      "a row for it to data/import/boundaries.csv (like "
		      "10.1.2.0/24,LINK) or fix the address"));
	ck_assert(has(6, "client 'A5': address \"10.1.x.1\" is not an IPv4 "
		      "address; write it as 10.1.2.3"));
	ck_assert(has(7, "computer name \"bad name\" is not a valid id; use "
		      "letters, digits and . - _ :"));
	ck_assert(has(8, "the row has no computer name; fill it in or delete the "
		      "row"));
	ck_assert(has(9, "client 'A8' has no operating system; fill it in"));
	ck_assert(has(10, "client 'A9' has no IP address or subnet; fill one in, "
		      "or give a segment column"));
	ck_assert(has(11, "row has 4 fields, the header has 5; quote fields that "
		      "hold commas"));
	ck_assert(has(12, "text after a closing quote; quote the whole field and "
		      "double the quotes inside"));
	ck_assert(has(13, "client 'A12': address 10.3.0.255 is in no boundary; "
		      "add a row for it to data/import/boundaries.csv (like "
		      "10.1.2.0/24,LINK) or fix the address"));
	/* the win95 and win98 calendars are missing too, once each */
	ck_assert_uint_eq(d.n, 14);
}
END_TEST

START_TEST(value_errors)
{
	ck_assert_int_eq(import_str(
		"id,os,address,segment,cap,calendar,triggers,connection,office,"
		"phase,priority,components,reboots,user-group\n"
		"B1,winnt,,nolink,,,,,,,,,,\n"
		"B2,winnt,,br2-lan,br1-cap,,,,,,,,,\n"
		"B3,winnt,,hq-lan,hq-lp,never,soon,maybe,,11/29/2026,0,rc,17,a b\n"
		"B4,win98,,hq-lan,,,,ras,,,,,,\n"),
		RO_EINVAL);
	ck_assert(has(2, "client 'B1': segment \"nolink\" is not in the template "
		      "site; name one of its <link>s"));
	ck_assert(has(3, "client 'B2': CAP 'br1-cap' is not on the way up from "
		      "link 'br2-lan'; choose a CAP on that link or above it"));
	ck_assert(has(4, "client 'B3': cap \"hq-lp\" is not in the template site; "
		      "name one of its <cap>s"));
	ck_assert(has(4, "client 'B3': calendar \"never\" is not in the template "
		      "site; name one of its <calendar>s"));
	ck_assert(has(4, "client 'B3': triggers \"soon\" is not a list of "
		      "triggers; write one or more of ccim, logon, push"));
	ck_assert(has(4, "client 'B3': connection \"maybe\" is neither ras nor "
		      "lan; write ras, lan, yes or no"));
	ck_assert(has(4, "client 'B3': CCIM cycle time \"11/29/2026\" is not a "
		      "date-time; write 2026-11-29 03:10 or 2026-11-29T03:10"));
	ck_assert(has(4, "client 'B3': priority \"0\" is not a whole number from "
		      "1 to 1000000"));
	ck_assert(has(4, "client 'B3': component \"rc\" is not in the template's "
		      "<payload>; add it there or fix the name"));
	ck_assert(has(4, "client 'B3': reboots \"17\" is not a whole number from 0 "
		      "to 16"));
	ck_assert(has(4, "client 'B3': user group \"a b\" is not in the template "
		      "site; name one of its <user-group>s"));
	ck_assert(has(5, "win98 clients connect by ras but have no office "
		      "calendar; give --office ID (when they are in the office) or "
		      "a default,office,ID row"));
	ck_assert_uint_eq(d.n, 12);
}
END_TEST

START_TEST(header_errors)
{
	ck_assert_int_eq(import_str("Serial,Owner\nX,Y\n"), RO_EINVAL);
	ck_assert(has(1, "no column gives the computer name; name it Name0 or "
		      "Name, or map it with --columns id=HEADER"));
	ck_assert(has(1, "no column gives the operating system; name it "
		      "Operating_System_Name_and0 or Operating System, or map it "
		      "with --columns os=HEADER"));
	ck_assert(has(1, "no column gives the IP address or subnet; name it "
		      "IP_Addresses0, IP Address, IP_Subnets0 or IP Subnet, or map "
		      "it with --columns address=HEADER"));
	ck_assert_uint_eq(d.n, 3);
	ro_diag_release(&d);

	ck_assert_int_eq(import_str("Name,Name0,OS,IP Address\n"), RO_EINVAL);
	ck_assert(has(1, "columns \"Name\" and \"Name0\" both give the id; map "
		      "the right one with --columns id=HEADER"));
	ro_diag_release(&d);

	o.columns = "os=Platform";
	ck_assert_int_eq(import_str("Name,OS,IP Address\n"), RO_EINVAL);
	ck_assert(has(1, "no column \"Platform\" (mapped to os); check the "
		      "mapping against the export's header"));
	ro_diag_release(&d);

	o.columns = NULL;
	o.boundaries = NULL;
	ck_assert_int_eq(import_str(HDR "A,u,winnt,10.1.0.1,\n"), RO_EINVAL);
	ck_assert(has(1, "clients are placed by address, but there are no "
		      "boundaries; give --boundaries FILE (boundary,link rows)"));
	ro_diag_release(&d);

	ck_assert_int_eq(import_str(""), RO_EINVAL);
	ck_assert(has(1, "the inventory is empty; it needs a header row naming "
		      "the columns"));
}
END_TEST

START_TEST(mapping_file)
{
	o.map = DIR "map.csv";
	o.calendar = NULL;
	o.format = RO_IMPORT_CSV;
	ck_assert_int_eq(import_str(
		"Computer,Login,Platform,Addr,Name\n"
		"M1,ann,Windows Millennium Edition,10.1.0.1,ignored\n"
		"M2,ben,Windows NT,10.3.0.1,ignored\n"
		"M3,,Windows 95,10.2.0.1,ignored\n"), RO_OK);
	ck_assert_str_eq(out,
		"id,user,os,segment,cap,calendar,triggers,connection,office,phase,"
		"components,priority,reboots,user-group\n"
		"M1,ann,win98,hq-lan,hq-cap,office,logon push,,,,,,,\n"
		"M2,ben,winnt,br2-lan,hq-cap,always,ccim logon,,,,,,,\n"
		"M3,,win95,br1-lan,br1-cap,office,ccim logon,,,,,,,\n");
	/* the command line overrides the file's global default */
	o.calendar = "weekend";
	o.columns = "id=Name";
	ck_assert_int_eq(import_str(
		"Computer,Login,Platform,Addr,Name\n"
		"M1,ann,Windows 95,10.1.0.1,N1\n"), RO_OK);
	ck_assert_str_eq(out,
		"id,user,os,segment,cap,calendar,triggers,connection,office,phase,"
		"components,priority,reboots,user-group\n"
		"N1,ann,win95,hq-lan,hq-cap,weekend,ccim logon,,,,,,,\n");
}
END_TEST

START_TEST(setting_errors)
{
	static const char bad_map[] =
		"setting,name,value\n"
		"column,colour,Colour\n"
		"os,Windows ME,win2000\n"
		"default,os2.calendar,office\n"
		"default,speed,fast\n"
		"default,calendar,never\n"
		"mapping,x,y\n";
	static const char bad_bounds[] =
		"boundary,link\n"
		"10.1.0.1/16,hq-lan\n"
		"10.2.0.0/16,nolink\n"
		"net,hq-lan\n";
	char map[] = "/tmp/ro-import-map-XXXXXX";
	char bounds[] = "/tmp/ro-import-bounds-XXXXXX";
	int fm = mkstemp(map), fb = mkstemp(bounds);

	ck_assert(fm >= 0 && fb >= 0);
	ck_assert(write(fm, bad_map, sizeof bad_map - 1) > 0);
	ck_assert(write(fb, bad_bounds, sizeof bad_bounds - 1) > 0);
	close(fm);
	close(fb);
	o.map = map;
	o.boundaries = bounds;
	o.calendar = NULL;
	o.triggers = "soon";
	ck_assert_int_eq(import_str(HDR "A,u,winnt,10.1.0.1,\n"), RO_EARG);
	ck_assert_uint_eq(d.n, 10);
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_str_eq(d.v[0].msg,
		"unknown field \"colour\"; the fields are id, user, os, address, "
		"subnet, segment, cap, calendar, triggers, connection, office, "
		"phase, priority, components, reboots, user-group");
	ck_assert_str_eq(d.v[1].msg, "os \"Windows ME\": \"win2000\" is not an os "
			 "class; write winnt, win95 or win98");
	ck_assert_str_eq(d.v[2].msg, "default \"os2.calendar\": \"os2\" is not an "
			 "os class; write winnt, win95 or win98 before the dot");
	ck_assert_str_eq(d.v[3].msg, "default \"speed\": \"speed\" has no "
			 "default; write calendar, office, triggers or cap "
			 "(optionally after CLASS.)");
	ck_assert_str_eq(d.v[4].msg, "unknown setting \"mapping\"; write column, "
			 "os or default");
	ck_assert_int_eq(d.v[4].line, 7);
	ck_assert_ptr_null(d.v[6].file);
	ck_assert_str_eq(d.v[6].msg, "--triggers: \"soon\" is not a list of "
			 "triggers; write one or more of ccim, logon, push");
	ck_assert_int_eq(d.v[7].line, 2);
	ck_assert_str_eq(d.v[7].msg, "boundary \"10.1.0.1/16\": the address has "
			 "bits set past the prefix length; write the network "
			 "address, like 10.1.2.0/24");
	ck_assert_str_eq(d.v[8].msg, "link \"nolink\" is not in the template "
			 "site; name one of its <link>s");
	unlink(map);
	unlink(bounds);
}
END_TEST

START_TEST(template_refused)
{
	o.site = DIR "boundaries.csv";
	ck_assert_int_eq(import_str(HDR), RO_EPARSE);
	ck_assert_ptr_null(out);
	ro_diag_release(&d);
	o.site = DIR "missing.xml";
	ck_assert_int_eq(import_str(HDR), RO_EIO);
	ro_diag_release(&d);
	o.site = "/dev/null";
	ck_assert_int_eq(import_str(HDR), RO_EIO);
	ck_assert_str_eq(d.v[0].msg, "'/dev/null' is not a regular file; save "
			 "the export to a file, or pipe it in as -");
}
END_TEST

START_TEST(bad_args)
{
	ck_assert_int_eq(ro_import_buf(NULL, "", 0, "x", &out, &outlen, &st, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_import_buf(&o, NULL, 0, "x", &out, &outlen, &st, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_import_buf(&o, "", 0, "x", NULL, &outlen, &st, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_import_buf(&o, "", 0, "x", &out, &outlen, &st, NULL),
			 RO_EARG);
	ck_assert_int_eq(ro_import(NULL, "a", "b", &st, &d), RO_EARG);
	ck_assert_int_eq(ro_import(&o, NULL, "b", &st, &d), RO_EARG);
	ck_assert_int_eq(ro_import(&o, "a", NULL, &st, &d), RO_EARG);
	ro_import_opts_init(NULL);
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(starter_site)
{
	size_t len;
	const char *t = ro_starter_site(&len);
	struct ro_site *s = NULL;

	ck_assert_uint_eq(strlen(t), len);
	ck_assert_int_eq(ro_site_load_memory(t, len, "starter.xml", NULL, &s, &d),
			 RO_OK);
	ck_assert_int_eq(s->nclients_total, 11);
	ro_site_free(s);
}
END_TEST

START_TEST(alloc_failures)
{
	/* every allocation failing in turn: an error, never a crash or leak */
	size_t len, ilen;
	char *want = fx_slurp(DIR "small-expected.xml", &len);
	char *inv = fx_slurp(DIR "small.csv", &ilen);
	int rc = RO_ENOMEM;

	for (long n = 1; rc != RO_OK && n < 5000; n++) {
		long live = ro_alloc_live();
		ro_alloc_fail_at(n, 1);
		rc = ro_import_buf(&o, inv, ilen, "small.csv", &out, &outlen, &st,
				   &d);
		ro_alloc_fail_at(0, 0);
		if (rc == RO_OK)
			ck_assert_str_eq(out, want);
		else
			ck_assert_ptr_null(out);
		ro_free(out);
		out = NULL;
		ro_diag_release(&d);
		ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert_int_eq(rc, RO_OK);
	free(want);
	free(inv);
}
END_TEST

Suite *suite_import(void)
{
	Suite *s = suite_create("import");
	TCase *t = tcase_create("parts");
	TCase *w = tcase_create("whole");

	tcase_add_test(t, ipv4);
	tcase_add_test(t, boundary_forms);
	tcase_add_test(t, os_names);
	suite_add_tcase(s, t);
	tcase_add_checked_fixture(w, setup, teardown);
	tcase_set_timeout(w, 60);
	tcase_add_test(w, small_exact);
	tcase_add_test(w, sms_headers_csv_out);
	tcase_add_test(w, row_errors);
	tcase_add_test(w, value_errors);
	tcase_add_test(w, header_errors);
	tcase_add_test(w, mapping_file);
	tcase_add_test(w, setting_errors);
	tcase_add_test(w, template_refused);
	tcase_add_test(w, bad_args);
	tcase_add_test(w, starter_site);
	tcase_add_test(w, alloc_failures);
	suite_add_tcase(s, w);
	return s;
}
