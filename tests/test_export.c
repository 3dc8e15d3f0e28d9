/*
 * test_export.c - the runbook and the exports (io/export.h) of the site
 * of tests/cli/t0701-sms20.sh, whose plan is worked out by hand there:
 * X and Y, NT, on a 64 kbit/s WAN whose 15-minute slot carries exactly
 * one client's 7,200,000 bytes; released at 10:00, the CAPs ready at
 * 11:00, X triggered at 11:00 and Y at 11:15, each done one slot later.
 * The schedules are tests/data/export/two-on-a-wan.sched.xml (SMS 2.0)
 * and .pc.xml (per-client: X pushed at 08:00, Y at 08:15).  Each export
 * is read back by its own consumer: the project's CSV reader, json-c,
 * libical.
 */
#include <check.h>
#include <json.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/csv.h"
#include "../io/export.h"
#include "../io/schedule.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "fixture.h"

#define DATA RO_SRCDIR "/tests/data/export/"

static char dir[64], out[96];

struct loaded {
	struct ro_site *s;
	struct ro_plan *p;
	struct ro_expand *x;
	struct ro_xview v;
	struct ro_diag d;
};

static void load(struct loaded *l, const char *sched, const char *name)
{
	memset(l, 0, sizeof *l);
	ro_diag_init(&l->d);
	ck_assert_int_eq(ro_site_load(DATA "two-on-a-wan.xml", NULL, &l->s,
				      &l->d), RO_OK);
	ck_assert_int_eq(ro_schedule_read(l->s, sched, &l->p, &l->d), RO_OK);
	l->x = ro_expand_new(l->s);
	ck_assert_ptr_nonnull(l->x);
	ck_assert_int_eq(ro_xview_init(&l->v, l->s, l->p, l->x, name, &l->d),
			 RO_OK);
}

static void unload(struct loaded *l)
{
	ro_xview_release(&l->v);
	ro_expand_free(l->x);
	ro_plan_free(l->p);
	ro_site_free(l->s);
	ro_diag_release(&l->d);
}

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/ro-export.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(out, sizeof out, "%s/out", dir);
}

static void teardown(void)
{
	unlink(out);
	rmdir(dir);
}

static char *slurp_out(void)
{
	size_t len;

	return fx_slurp(out, &len);
}

START_TEST(csv_exact)
{
	struct loaded l;
	char *text;

	load(&l, DATA "two-on-a-wan.sched.xml", "s.xml");
	ck_assert_int_eq(ro_export_write(&l.v, RO_EXPORT_CSV, out, &l.d), RO_OK);
	text = slurp_out();
	ck_assert_str_eq(text,
		"id,user,os,segment,cap,start,end,cause,path,reboots,status,reason\r\n"
		"X,xavier,winnt,wan,cap1,2026-11-30T11:00,2026-11-30T11:15,"
		"trigger,lan,0,upgraded,\r\n"
		"Y,yvonne,winnt,wan,cap1,2026-11-30T11:15,2026-11-30T11:30,"
		"trigger,lan,0,upgraded,\r\n");
	free(text);
	unload(&l);
}
END_TEST

/* The project's own RFC 4180 reader takes the file back, row by row. */
START_TEST(csv_read_back)
{
	struct loaded l;
	struct ro_csv *c;
	bool eof;
	int rows = 0;

	load(&l, DATA "two-on-a-wan.pc.xml", "pc.xml");
	ck_assert_int_eq(ro_export_write(&l.v, RO_EXPORT_CSV, out, &l.d), RO_OK);
	ck_assert_int_eq(ro_csv_open(out, NULL, &c, &l.d), RO_OK);
	for (;;) {
		ck_assert_int_eq(ro_csv_next(c, &eof, &l.d), RO_OK);
		if (eof)
			break;
		ck_assert_uint_eq(ro_csv_nfields(c), 12);
		if (rows == 1) {
			ck_assert_str_eq(ro_csv_field(c, 0), "X");
			ck_assert_str_eq(ro_csv_field(c, 5), "2026-11-30T08:00");
			ck_assert_str_eq(ro_csv_field(c, 7), "push");
		}
		rows++;
	}
	ck_assert_int_eq(rows, 3);
	ro_csv_close(c);
	unload(&l);
}
END_TEST

START_TEST(collections_exact)
{
	struct loaded l;
	char *text;

	load(&l, DATA "two-on-a-wan.sched.xml", "s.xml");
	ck_assert_int_eq(ro_export_write(&l.v, RO_EXPORT_COLLECTIONS, out,
					 &l.d), RO_OK);
	text = slurp_out();
	ck_assert_str_eq(text,
		"collection,name,user,window_start,window_minutes,wave_kind\r\n"
		"two-on-a-wan-wave-01,X,xavier,2026-11-30T11:00,15,trigger\r\n"
		"two-on-a-wan-wave-02,Y,yvonne,2026-11-30T11:15,15,trigger\r\n");
	free(text);
	unload(&l);
}
END_TEST

/* json-c parses the file back; the keys and figures are the schedule's. */
START_TEST(json_read_back)
{
	struct loaded l;
	json_object *root, *o, *a;
	char *text;

	load(&l, DATA "two-on-a-wan.sched.xml", "s.xml");
	ck_assert_int_eq(ro_export_write(&l.v, RO_EXPORT_JSON, out, &l.d),
			 RO_OK);
	text = slurp_out();
	root = json_tokener_parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert(json_object_object_get_ex(root, "header", &o));
	ck_assert(json_object_object_get_ex(o, "control", &a));
	ck_assert_str_eq(json_object_get_string(a), "sms20");
	ck_assert(json_object_object_get_ex(root, "clients", &a));
	ck_assert_uint_eq(json_object_array_length(a), 2);
	o = json_object_array_get_idx(a, 1);
	ck_assert(json_object_object_get_ex(o, "start", &a));
	ck_assert_str_eq(json_object_get_string(a), "2026-11-30T11:15");
	ck_assert(json_object_object_get_ex(root, "actions", &a));
	/* expire, disable, apply, two triggers, reenable, enable all */
	ck_assert_uint_eq(json_object_array_length(a), 7);
	o = json_object_array_get_idx(a, 3);
	ck_assert(json_object_object_get_ex(o, "kind", &a));
	ck_assert_str_eq(json_object_get_string(a), "trigger");
	ck_assert(json_object_object_get_ex(root, "summary", &o));
	ck_assert(json_object_object_get_ex(o, "upgraded", &a));
	ck_assert_int_eq(json_object_get_int64(a), 2);
	json_object_put(root);
	free(text);
	unload(&l);
}
END_TEST

/* libical parses the calendar back: seven actions and one day. */
START_TEST(ics_read_back)
{
	struct loaded l;
	icalcomponent *cal, *ev;
	int n = 0, forecast = 0;
	char *text;

	load(&l, DATA "two-on-a-wan.sched.xml", "s.xml");
	ck_assert_int_eq(ro_export_write(&l.v, RO_EXPORT_ICS, out, &l.d),
			 RO_OK);
	text = slurp_out();
	cal = icalparser_parse_string(text);
	ck_assert_ptr_nonnull(cal);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *sum = icalcomponent_get_summary(ev);
		struct icaltimetype t = icalcomponent_get_dtstart(ev);
		n++;
		if (strcmp(sum, "SMS upgrade: 2 clients upgrade") == 0) {
			forecast++;
			ck_assert_int_eq(t.hour, 11);
			ck_assert_int_eq(t.minute, 0);
			ck_assert_str_eq(icalcomponent_get_description(ev),
					 "X (xavier)\nY (yvonne)");
		}
	}
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(forecast, 1);
	icalcomponent_free(cal);
	free(text);
	unload(&l);
}
END_TEST

START_TEST(runbook_exact)
{
	struct loaded l;
	char *text, *want;
	size_t len;

	load(&l, DATA "two-on-a-wan.sched.xml", "s.xml");
	ck_assert_int_eq(ro_runbook_write(&l.v, false, out, &l.d), RO_OK);
	text = slurp_out();
	want = fx_slurp(DATA "two-on-a-wan.runbook.txt", &len);
	ck_assert_str_eq(text, want);
	free(want);
	free(text);
	ck_assert_int_eq(ro_runbook_write(&l.v, true, out, &l.d), RO_OK);
	text = slurp_out();
	ck_assert_ptr_nonnull(strstr(text, "@media print"));
	ck_assert_ptr_nonnull(strstr(text, "X (xavier)"));
	free(text);
	unload(&l);
}
END_TEST

START_TEST(bad_arguments)
{
	struct ro_xview v;
	struct ro_diag d;
	struct ro_plan *p;
	struct ro_site *s;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_xview_init(&v, NULL, NULL, NULL, "x", &d), RO_EARG);
	ro_xview_release(&v);
	ro_xview_release(NULL);
	/* a plan that was not read from a file has no actions to print */
	ck_assert_int_eq(ro_site_load(DATA "two-on-a-wan.xml", NULL, &s, &d),
			 RO_OK);
	p = ro_plan_new(s);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(ro_xview_init(&v, s, p, NULL, "x", &d), RO_EARG);
	ro_plan_free(p);
	ro_site_free(s);
	memset(&v, 0, sizeof v);
	ck_assert_int_eq(ro_runbook_write(&v, false, out, &d), RO_EARG);
	ck_assert_int_eq(ro_export_write(&v, RO_EXPORT_CSV, out, &d), RO_EARG);
	ck_assert_int_eq(ro_export_format_parse("xlsx"), -1);
	ck_assert_int_eq(ro_export_format_parse(NULL), -1);
	ck_assert_int_eq(ro_export_format_parse("ansible"), RO_EXPORT_ANSIBLE);
	ck_assert_str_eq(ro_export_format_name(RO_EXPORT_ICS), "ics");
	ck_assert_int_eq(access(out, F_OK), -1);
	ro_diag_release(&d);
}
END_TEST

Suite *suite_export(void)
{
	Suite *s = suite_create("export");
	TCase *tc = fx_tcase_create("Formats");
	TCase *bad = fx_tcase_create("Arguments");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, csv_exact);
	tcase_add_test(tc, csv_read_back);
	tcase_add_test(tc, collections_exact);
	tcase_add_test(tc, json_read_back);
	tcase_add_test(tc, ics_read_back);
	tcase_add_test(tc, runbook_exact);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(bad, setup, teardown);
	tcase_add_test(bad, bad_arguments);
	suite_add_tcase(s, bad);
	return s;
}
