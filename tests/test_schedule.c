/*
 * test_schedule.c - writing and reading the XML schedule.
 *
 * The site is built by hand (no site reader): a horizon of six 1-hour slots
 * from Monday 2026-11-30T22:00, so that it crosses midnight and the phased
 * logon policy has two days; link "hq" (80 kbit/s, 36,000,000 bytes per
 * slot) and below it "wan" (8 kbit/s at share 0.5, 1,800,000 bytes per
 * slot); CAP "cap1" on hq.  The written document is compared byte for byte
 * with tests/data/schedule/small.xml, whose figures are worked out in the
 * comments below.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../io/schedule.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "fixture.h"

static void add_calendar(struct ro_site *s, const char *id,
			 const struct ro_wspan *w, size_t n)
{
	struct ro_calendar *c;

	ck_assert(ro_grow((void **)&s->calendars, s->ncalendars,
			  sizeof *s->calendars));
	c = &s->calendars[s->ncalendars++];
	memset(c, 0, sizeof *c);
	c->id = fx_str(s, id);
	c->weekly = ro_malloc(n * sizeof *c->weekly);
	ck_assert_ptr_nonnull(c->weekly);
	memcpy(c->weekly, w, n * sizeof *w);
	c->nweekly = n;
}

/*
 * Clients (expanded order) and their plan:
 *   HQ-NT01  hq, ccim at 23:10 (slot 1), 450,000 B: d = 1, start 1, e = 2
 *   BR-1     wan, logon|push, 900,000 B: d = 1, q = 900,000;
 *            night calendar on in slots 1, 3, 4 (Mon 23-24, Tue 01-03),
 *            so logon fires in slots 1 and 3: BR-1 logon slot 1, e = 2
 *   BR-2     push slot 1, e = 2 (wan carries 1,800,000 = U in slot 1)
 *   BR-3     logon slot 3 (Tuesday), e = 4
 *   LAP95    hq, push, 1 reboot, K = 1: start 2, reboot slot 4 (no
 *            reboot windows: the first slot after the delay), e = 5
 *   OLD      unplaced, capacity
 * Makespan 5 (03:00), completion sum 2 + 2 + 2 + 4 + 5 = 15.
 */
static struct ro_site *site_small(void)
{
	static const struct ro_wspan always = { 0, RO_WEEK_MIN };
	static const struct ro_wspan night[] = {
		{ 23 * 60, 24 * 60 }, { 1440 + 60, 1440 + 180 },
	};
	struct ro_site *s = ro_site_new();
	struct ro_server *v;
	struct ro_client *c;

	ck_assert_ptr_nonnull(s);
	s->name = fx_str(s, "small & <test>");
	s->scenario = fx_str(s, "night");
	s->horizon.start = fx_time("2026-11-30T22:00");
	s->horizon.end = fx_time("2026-12-01T04:00");
	s->horizon.slot_min = 60;
	s->horizon.nslots = 6;
	s->policy.logon = RO_LOGON_PHASED;
	s->policy.reboot_delay_min = 15;
	s->policy.expire_adverts = true;
	add_calendar(s, "always", &always, 1);
	add_calendar(s, "night", night, 2);
	fx_add_link(s, "hq", -1, 80000, RO_PPM);
	fx_add_link(s, "wan", 0, 8000, 500000);
	ck_assert(ro_grow((void **)&s->servers, 0, sizeof *s->servers));
	v = &s->servers[s->nservers++];
	memset(v, 0, sizeof *v);
	v->id = fx_str(s, "cap1");
	v->link = 0;
	v->ready = s->horizon.start;
	c = fx_add_client(s, "HQ-NT01", 1, 0, 0, RO_TRIG_CCIM, 450000);
	c->has_phase = true;
	c->phase = fx_time("2026-11-30T23:10");
	fx_add_client(s, "BR", 3, 1, 1, RO_TRIG_LOGON | RO_TRIG_PUSH, 900000);
	fx_add_client(s, "LAP95", 1, 0, 0, RO_TRIG_PUSH, 450000)->reboots = 1;
	fx_add_client(s, "OLD", 1, 0, 0, RO_TRIG_PUSH, 450000);
	return s;
}

static void set(struct ro_plan *p, size_t i, int32_t start, unsigned trig)
{
	p->a[i].start = start;
	p->a[i].trigger = (uint8_t)trig;
	p->a[i].reason = RO_REASON_NONE;
}

static struct ro_plan *plan_small(const struct ro_site *s)
{
	struct ro_plan *p = ro_plan_new(s);

	ck_assert_ptr_nonnull(p);
	set(p, 0, 1, RO_TRIG_CCIM);
	set(p, 1, 1, RO_TRIG_LOGON);
	set(p, 2, 1, RO_TRIG_LOGON);
	set(p, 3, 3, RO_TRIG_LOGON);
	set(p, 4, 2, RO_TRIG_PUSH);
	p->a[5].reason = RO_REASON_CAPACITY;
	p->status = RO_STATUS_FEASIBLE;
	p->info.gap = 0.01;
	p->info.time_limit = 60;
	p->nstages = 3;
	strcpy(p->stages[0].name, "placed-weight");
	p->stages[0].maximise = true;
	p->stages[0].value = 5;
	p->stages[0].has_bound = true;
	p->stages[0].bound = 5;
	strcpy(p->stages[1].name, "makespan");
	p->stages[1].value = 5;
	p->stages[1].has_bound = true;
	p->stages[1].bound = 4;
	strcpy(p->stages[2].name, "completion-sum");
	p->stages[2].value = 15;
	return p;
}

struct fix {
	struct ro_site *s;
	struct ro_expand *x;
	struct ro_plan *p;
	struct ro_eval *ev;
	struct ro_diag d;
	char dir[64];
	char path[128];
};

static struct fix f;

static void setup(void)
{
	memset(&f, 0, sizeof f);
	ro_diag_init(&f.d);
	f.s = site_small();
	f.x = ro_expand_new(f.s);
	ck_assert_ptr_nonnull(f.x);
	f.p = plan_small(f.s);
	ck_assert_int_eq(ro_verify(f.s, f.x, f.p, &f.ev, &f.d), 0);
	strcpy(f.dir, "/tmp/ro-sched-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(f.dir));
	snprintf(f.path, sizeof f.path, "%s/plan.xml", f.dir);
}

static void teardown(void)
{
	DIR *dd = opendir(f.dir);
	struct dirent *e;
	char p[512];

	while (dd && (e = readdir(dd)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof p, "%s/%s", f.dir, e->d_name);
			unlink(p);
		}
	}
	if (dd)
		closedir(dd);
	rmdir(f.dir);
	ro_eval_free(f.ev);
	ro_plan_free(f.p);
	ro_expand_free(f.x);
	ro_site_free(f.s);
	ro_diag_release(&f.d);
	ro_xml_cleanup();
}

static void write_ok(const char *path)
{
	int rc = ro_schedule_write(f.s, f.p, f.ev, path, &f.d);

	ck_assert_msg(rc == RO_OK, "%s", f.d.n ? f.d.v[0].msg : "");
}

START_TEST(write_matches_golden)
{
	char *a, *b;
	size_t la, lb;

	write_ok(f.path);
	a = fx_slurp(f.path, &la);
	b = fx_slurp("data/schedule/small.xml", &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(a, b, la) == 0);
	free(a);
	free(b);
}
END_TEST

/* The <actions> element of the file at path, from "<actions>" on. */
static char *actions_of(const char *path, char **whole)
{
	size_t len;
	char *a;

	*whole = fx_slurp(path, &len);
	a = strstr(*whole, "<actions>");
	ck_assert_ptr_nonnull(a);
	*strstr(a, "</actions>") = '\0';
	return a;
}

/* The <reboot at> claim follows the restart rule (docs/semantics.md,
 * "Reboots"): with a reboot window Tue 03:00-04:00 only (slot 5), LAP95,
 * on all the time, copies in slot 2 (00:00-01:00), may reboot from slot 4
 * (K = 1), waits for the window: reboot at 03:00, end 04:00 (slot 6 = T).
 * The file reads back and verifies. */
START_TEST(write_reboot_waits_for_window)
{
	static const struct ro_wspan win = { 1440 + 180, 1440 + 240 };
	struct ro_plan *q = NULL;
	char *a;
	size_t len;

	f.s->policy.reboot_windows = ro_malloc(sizeof win);
	ck_assert_ptr_nonnull(f.s->policy.reboot_windows);
	f.s->policy.reboot_windows[0] = win;
	f.s->policy.nreboot_windows = 1;
	/* a new expansion: the old one knows the policy without windows */
	ro_expand_free(f.x);
	f.x = ro_expand_new(f.s);
	ck_assert_ptr_nonnull(f.x);
	ro_eval_free(f.ev);
	f.ev = NULL;
	ck_assert_int_eq(ro_verify(f.s, f.x, f.p, &f.ev, &f.d), 0);
	ck_assert_int_eq(f.ev->end[4], 6);
	write_ok(f.path);
	a = fx_slurp(f.path, &len);
	ck_assert_ptr_nonnull(strstr(a, "<client id=\"LAP95\" start=\"2026-12-01T00:00\" "
				     "transfer-end=\"2026-12-01T01:00\" "
				     "end=\"2026-12-01T04:00\""));
	ck_assert_ptr_nonnull(strstr(a, "<reboot at=\"2026-12-01T03:00\"/>"));
	free(a);
	ck_assert_int_eq(ro_schedule_read(f.s, f.path, &q, &f.d), RO_OK);
	ck_assert_int_eq(ro_verify(f.s, f.x, q, NULL, &f.d), 0);
	ro_plan_free(q);
}
END_TEST

/* Logon scripts go off for everyone at the horizon start under every
 * policy; enabled then switches them on for all at the first start by
 * logon (BR-1, slot 1, 23:00), after the expiry of the same time. */
START_TEST(write_actions_by_policy)
{
	char *whole, *a;

	f.s->policy.logon = RO_LOGON_ENABLED;
	write_ok(f.path);
	a = actions_of(f.path, &whole);
	ck_assert_str_eq(a, "<actions>\n"
		"    <disable-logon-scripts at=\"2026-11-30T22:00\"/>\n"
		"    <expire-advertisements at=\"2026-11-30T23:00\"/>\n"
		"    <enable-logon-scripts at=\"2026-11-30T23:00\" "
		"scope=\"all\"/>\n"
		"    <push at=\"2026-12-01T00:00\">\n"
		"      <client id=\"LAP95\"/>\n"
		"    </push>\n"
		"    <reenable-advertisements at=\"2026-12-01T03:00\"/>\n"
		"  ");
	free(whole);

	/* nothing placed by logon (the BR clients pushed instead): the
	 * scripts stay off */
	f.p->a[1].trigger = RO_TRIG_PUSH;
	f.p->a[2].trigger = RO_TRIG_PUSH;
	f.p->a[3].trigger = RO_TRIG_PUSH;
	write_ok(f.path);
	a = actions_of(f.path, &whole);
	ck_assert_ptr_nonnull(strstr(a, "<disable-logon-scripts "
				     "at=\"2026-11-30T22:00\"/>"));
	ck_assert_ptr_null(strstr(a, "enable-logon-scripts"));
	free(whole);

	/* nothing placed at all: only the logon scripts switched off */
	for (size_t i = 0; i < f.p->n; i++) {
		f.p->a[i].start = -1;
		f.p->a[i].reason = RO_REASON_CAPACITY;
	}
	f.s->policy.logon = RO_LOGON_PHASED;
	ro_eval_free(f.ev);
	f.ev = NULL;
	ck_assert_int_ge(ro_verify(f.s, f.x, f.p, &f.ev, &f.d), 0);
	write_ok(f.path);
	a = actions_of(f.path, &whole);
	ck_assert_str_eq(a, "<actions>\n"
		"    <disable-logon-scripts at=\"2026-11-30T22:00\"/>\n"
		"  ");
	free(whole);
}
END_TEST

START_TEST(write_twice_identical)
{
	char other[160], *a, *b;
	size_t la, lb;

	snprintf(other, sizeof other, "%s/again.xml", f.dir);
	write_ok(f.path);
	/* a fresh expansion and recomputation must not change a byte */
	ro_eval_free(f.ev);
	ro_expand_free(f.x);
	f.x = ro_expand_new(f.s);
	ck_assert_int_eq(ro_verify(f.s, f.x, f.p, &f.ev, &f.d), 0);
	write_ok(other);
	a = fx_slurp(f.path, &la);
	b = fx_slurp(other, &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert(memcmp(a, b, la) == 0);
	free(a);
	free(b);
}
END_TEST

START_TEST(written_file_validates)
{
	char *buf;
	size_t len;
	xmlDocPtr doc;

	f.p->info.show_time = true;
	f.p->info.solve_seconds = 1.25;
	f.p->info.has_deadline = true;
	f.p->info.deadline = fx_time("2026-12-01T03:00");
	write_ok(f.path);
	buf = fx_slurp(f.path, &len);
	ck_assert_ptr_nonnull(strstr(buf, "<solver status=\"feasible\" "
				     "solve-seconds=\"1.250\"/>"));
	ck_assert_ptr_nonnull(strstr(buf, "deadline=\"2026-12-01T03:00\""));
	ck_assert_int_eq(ro_xml_parse(buf, len, f.path, &doc, &f.d), RO_OK);
	ck_assert_int_eq(ro_xml_validate(doc, "schedule.xsd", f.path, &f.d),
			 RO_OK);
	xmlFreeDoc(doc);
	free(buf);
}
END_TEST

START_TEST(round_trip)
{
	struct ro_plan *q = NULL;
	struct ro_eval *ev2 = NULL;

	f.p->info.has_deadline = true;
	f.p->info.deadline = fx_time("2026-12-01T03:00");
	write_ok(f.path);
	ck_assert_int_eq(ro_schedule_read(f.s, f.path, &q, &f.d), RO_OK);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(q->n, f.p->n);
	for (size_t i = 0; i < q->n; i++) {
		ck_assert_int_eq(q->a[i].start, f.p->a[i].start);
		ck_assert_int_eq(q->a[i].trigger,
				 f.p->a[i].start >= 0 ? f.p->a[i].trigger : 0);
		ck_assert_int_eq(q->a[i].reason, f.p->a[i].reason);
	}
	ck_assert_int_eq(q->status, RO_STATUS_FEASIBLE);
	ck_assert_str_eq(q->info.objective, "lexicographic");
	ck_assert(q->info.has_deadline);
	ck_assert_int_eq(q->info.deadline, f.p->info.deadline);
	ck_assert(q->info.time_limit == 60);
	ck_assert(q->info.gap == 0.01);
	ck_assert(!q->info.show_time);
	ck_assert_int_eq(q->nstages, 3);
	ck_assert_str_eq(q->stages[1].name, "makespan");
	ck_assert(!q->stages[1].maximise);
	ck_assert(q->stages[1].value == 5 && q->stages[1].bound == 4);
	ck_assert(!q->stages[2].has_bound);
	/* what the file states is kept for the verifier */
	const struct ro_stated *st = q->stated;
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(st->makespan_slots, 5);
	ck_assert_int_eq(st->makespan_at, fx_time("2026-12-01T03:00"));
	ck_assert_int_eq(st->placed, 5);
	ck_assert_int_eq(st->unplaced, 1);
	ck_assert_int_eq(st->placed_weight, 5);
	ck_assert_int_eq(st->completion_sum, 15);
	ck_assert_int_eq(st->peak4, 10000);
	for (size_t j = 0; j < 2 * 6; j++) {
		ck_assert_int_eq(st->load[j], f.ev->load[j]);
		ck_assert_int_eq(st->usable[j], f.ev->usable[j]);
		ck_assert_int_gt(st->slot_line[j], 0);
	}
	ck_assert_int_eq(st->util4[1], 625);        /* hq slot 1: 0.0625 */
	ck_assert_int_eq(st->util4[6 + 1], 10000);  /* wan slot 1 */
	/* LAP95 (index 4): start 00:00, transfer end 01:00, reboot 02:00 */
	ck_assert_int_gt(st->client[4].line, 0);
	ck_assert_int_eq(st->client[4].xfer_end, fx_time("2026-12-01T01:00"));
	ck_assert_int_eq(st->client[4].end, fx_time("2026-12-01T03:00"));
	ck_assert_int_eq(st->client[4].slots, 1);
	ck_assert_int_eq(st->client[4].bytes, 450000);
	ck_assert_int_eq(st->client[4].server, 0);
	ck_assert_uint_eq(st->client[4].nreboots, 1);
	ck_assert_int_eq(st->reboot[st->client[4].reboot0].at,
			 fx_time("2026-12-01T02:00"));
	ck_assert_int_eq(st->reboot[st->client[4].reboot0].line,
			 st->client[4].line + 1);
	ck_assert_int_eq(st->client[5].line, 0);    /* OLD: unplaced */
	/* actions in file order: logon scripts off, BR-1's and BR-2's
	 * day, expire, BR-3's day, push LAP95, re-enable */
	ck_assert_uint_eq(st->naction, 6);
	ck_assert_int_eq(st->action[0].kind, RO_ACT_LOGON_OFF);
	ck_assert_int_eq(st->action[0].at, fx_time("2026-11-30T22:00"));
	ck_assert_int_eq(st->action[1].kind, RO_ACT_LOGON_ON);
	ck_assert(!st->action[1].scope_all);
	ck_assert_uint_eq(st->action[1].nclients, 2);
	ck_assert_int_eq(st->client_of[st->action[1].client0], 1);
	ck_assert_int_eq(st->client_of[st->action[1].client0 + 1], 2);
	ck_assert_int_eq(st->action[4].kind, RO_ACT_PUSH);
	ck_assert_int_eq(st->action[4].at, fx_time("2026-12-01T00:00"));
	ck_assert_int_eq(st->client_of[st->action[4].client0], 4);
	ck_assert_int_eq(st->action[5].kind, RO_ACT_REENABLE);
	ck_assert_int_eq(st->action[5].at, fx_time("2026-12-01T03:00"));
	ck_assert_int_eq(ro_verify(f.s, f.x, q, &ev2, &f.d), 0);
	ck_assert_int_eq(ev2->makespan, 5);
	ck_assert_int_eq(ev2->completion_sum, 15);
	ro_eval_free(ev2);
	ro_plan_free(q);
}
END_TEST

START_TEST(round_trip_large)
{
	struct ro_site *s = site_small();
	struct ro_expand *x;
	struct ro_plan *p, *q = NULL;
	struct ro_eval *ev = NULL, *ev2 = NULL;
	struct stat st;

	/* 600 more clients of 100,000 bytes on hq, 150 per slot in slots 2 to
	 * 5: a file well past the first read buffer of the reader */
	fx_add_client(s, "PC", 600, 0, 0, RO_TRIG_PUSH, 100000);
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	p = plan_small(s);
	for (int i = 0; i < 600; i++)
		set(p, (size_t)(6 + i), 2 + i / 150, RO_TRIG_PUSH);
	ck_assert_int_eq(ro_verify(s, x, p, &ev, &f.d), 0);
	ck_assert_int_eq(ev->makespan, 6);
	ck_assert_int_eq(ro_schedule_write(s, p, ev, f.path, &f.d), RO_OK);
	ck_assert_int_eq(stat(f.path, &st), 0);
	ck_assert_int_gt(st.st_size, 100000);
	ck_assert_int_eq(ro_schedule_read(s, f.path, &q, &f.d), RO_OK);
	for (size_t i = 0; i < q->n; i++)
		ck_assert_int_eq(q->a[i].start, p->a[i].start);
	ck_assert_int_eq(ro_verify(s, x, q, &ev2, &f.d), 0);
	ck_assert_int_eq(ev2->completion_sum, ev->completion_sum);
	ro_eval_free(ev);
	ro_eval_free(ev2);
	ro_plan_free(p);
	ro_plan_free(q);
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* Each data file is small.xml with one deliberate fault. */
static void read_fails(const char *file, int code, const char *msg)
{
	struct ro_plan *q = (struct ro_plan *)1;
	char path[256];

	snprintf(path, sizeof path, "data/schedule/%s", file);
	ck_assert_int_eq(ro_schedule_read(f.s, path, &q, &f.d), code);
	ck_assert_ptr_null(q);
	ck_assert_uint_ge(f.d.n, 1);
	ck_assert_str_eq(f.d.v[0].file, path);
	ck_assert_str_eq(f.d.v[0].msg, msg);
}

START_TEST(read_unknown_client)
{
	read_fails("unknown-client.xml", RO_EINVAL,
		   "unknown client 'BR-4': the site has no client of that id");
	ck_assert_int_eq(f.d.v[0].line, 17);
	/* and BR-3, whose entry it replaced, is missing */
	ck_assert_uint_eq(f.d.n, 2);
	ck_assert_str_eq(f.d.v[1].msg,
			 "client 'BR-3' is missing from the schedule");
}
END_TEST

START_TEST(read_listed_twice)
{
	read_fails("twice.xml", RO_EINVAL,
		   "client 'BR-2' is listed twice (first at line 16)");
	ck_assert_int_eq(f.d.v[0].line, 17);
}
END_TEST

START_TEST(read_off_slot_boundary)
{
	read_fails("off-boundary.xml", RO_EINVAL,
		   "client 'BR-3' start '2026-12-01T01:30' is not on a slot "
		   "boundary (slots of 60 minutes from the horizon start)");
	ck_assert_int_eq(f.d.v[0].line, 17);
}
END_TEST

START_TEST(read_outside_horizon)
{
	read_fails("outside.xml", RO_EINVAL,
		   "client 'BR-3' start '2026-12-01T04:00' is outside the "
		   "horizon of the site");
}
END_TEST

START_TEST(read_slot_mismatch)
{
	read_fails("slot-mismatch.xml", RO_EINVAL,
		   "client 'BR-3' start-slot '2' does not match its start time "
		   "(slot 3)");
	ck_assert_int_eq(f.d.v[0].line, 17);
}
END_TEST

START_TEST(read_link_slot_mismatch)
{
	read_fails("link-mismatch.xml", RO_EINVAL,
		   "link 'hq' slot 1 does not match its time (slot 2)");
	ck_assert_int_eq(f.d.v[0].line, 41);
}
END_TEST

START_TEST(read_wrong_horizon)
{
	read_fails("wrong-horizon.xml", RO_EINVAL,
		   "the schedule horizon does not match the site (start "
		   "2026-11-30T22:00, 6 slots of 60 minutes); plan again for "
		   "this site");
	ck_assert_int_eq(f.d.v[0].line, 5);
}
END_TEST

/* small.xml with the first from replaced by to, in f.path. */
static void edit_small(const char *from, const char *to)
{
	size_t len;
	char *text = fx_slurp("data/schedule/small.xml", &len);
	char *hit = strstr(text, from);
	FILE *fp = fopen(f.path, "w");

	ck_assert_ptr_nonnull(hit);
	ck_assert_ptr_nonnull(fp);
	fwrite(text, 1, (size_t)(hit - text), fp);
	fputs(to, fp);
	fputs(hit + strlen(from), fp);
	ck_assert_int_eq(fclose(fp), 0);
	free(text);
}

/* f.path refused with msg at line, and msg is the first message. */
static void edited_fails(long line, const char *msg)
{
	struct ro_plan *q = (struct ro_plan *)1;

	ro_diag_release(&f.d);
	ck_assert_int_eq(ro_schedule_read(f.s, f.path, &q, &f.d), RO_EINVAL);
	ck_assert_ptr_null(q);
	ck_assert_uint_ge(f.d.n, 1);
	ck_assert_str_eq(f.d.v[0].msg, msg);
	ck_assert_int_eq(f.d.v[0].line, line);
}

/* The stage figures are xs:double, which lets NaN and INF through the
 * XSD; the reader refuses them, in <options> and <solver> too. */
START_TEST(read_stage_not_finite)
{
	edit_small("value=\"5\" bound=\"4\"", "value=\"NaN\" bound=\"4\"");
	edited_fails(9, "stage 'makespan' value 'NaN' is not a finite number; "
		     "write a number such as 12 or 0.25, or plan again");
	ck_assert_uint_eq(f.d.n, 1);
	edit_small("bound=\"4\" gap=\"0.2\"", "bound=\"INF\" gap=\"-INF\"");
	edited_fails(9, "stage 'makespan' bound 'INF' is not a finite number; "
		     "write a number such as 12 or 0.25, or plan again");
	ck_assert_uint_eq(f.d.n, 2);
	ck_assert_str_eq(f.d.v[1].msg, "stage 'makespan' gap '-INF' is not a "
			 "finite number; write a number such as 12 or 0.25, "
			 "or plan again");
	edit_small("gap=\"0.01\"", "gap=\"NaN\"");
	edited_fails(6, "<options> gap 'NaN' is not a finite number; write a "
		     "number such as 12 or 0.25, or plan again");
}
END_TEST

/* A second <link> block of one link: refused, with the first's line. */
START_TEST(read_link_twice)
{
	edit_small("<link id=\"wan\">", "<link id=\"hq\">");
	edited_fails(47, "link 'hq' is listed twice (first at line 39); keep "
		     "one <link> block per link");
	ck_assert_uint_eq(f.d.n, 1);
}
END_TEST

/* A schedule of another site: one message, like another scenario. */
START_TEST(read_other_site)
{
	edit_small("name=\"small &amp; &lt;test&gt;\"", "name=\"big\"");
	edited_fails(4, "schedule was planned for site 'big', not for site "
		     "'small & <test>'; give the site file it was planned for, "
		     "or plan again for this site");
	ck_assert_uint_eq(f.d.n, 1);
}
END_TEST

/* A loaded link slot deleted from a link the file lists: the verifier
 * says so at the slot before it. */
START_TEST(read_deleted_slot)
{
	struct ro_plan *q = NULL;
	struct ro_eval *ev = NULL;

	edit_small("      <slot t=\"1\" at=\"2026-11-30T23:00\" bytes=\"1800000\" "
		   "usable=\"1800000\" utilisation=\"1.0000\"/>\n", "");
	ck_assert_int_eq(ro_schedule_read(f.s, f.path, &q, &f.d), RO_OK);
	ck_assert_int_eq(ro_verify(f.s, f.x, q, &ev, &f.d), 1);
	ck_assert_str_eq(f.d.v[0].msg, "link 'wan' carries 1800000 bytes in "
			 "slot 1 (2026-11-30T23:00), which the schedule does "
			 "not list; restore its <slot> or plan again");
	ck_assert_int_eq(f.d.v[0].line, 48);
	ro_eval_free(ev);
	ro_plan_free(q);
}
END_TEST

/* small.xml was planned for scenario "night": a site loaded without that
 * scenario, or with another, gets that one message and nothing else (no
 * follow-on horizon or client errors). */
START_TEST(read_other_scenario)
{
	struct ro_plan *q = (struct ro_plan *)1;
	char *scen = NULL;

	f.s->scenario = 0;
	read_fails("small.xml", RO_EINVAL, "schedule was planned for scenario "
		   "'night', not for the base site");
	ck_assert_int_eq(f.d.v[0].line, 4);
	ck_assert_uint_eq(f.d.n, 1);
	ro_diag_release(&f.d);
	f.s->scenario = fx_str(f.s, "day");
	read_fails("small.xml", RO_EINVAL, "schedule was planned for scenario "
		   "'night', not for scenario 'day'");
	ck_assert_uint_eq(f.d.n, 1);
	ro_diag_release(&f.d);
	/* a schedule of the base site read for a scenario */
	f.s->scenario = 0;
	write_ok(f.path);
	f.s->scenario = fx_str(f.s, "night");
	ck_assert_int_eq(ro_schedule_read(f.s, f.path, &q, &f.d), RO_EINVAL);
	ck_assert_ptr_null(q);
	ck_assert_str_eq(f.d.v[0].msg, "schedule was planned for the base "
			 "site, not for scenario 'night'");
	ro_diag_release(&f.d);

	/* which scenario, without a site */
	ck_assert_int_eq(ro_schedule_scenario("data/schedule/small.xml", &scen,
					      &f.d), RO_OK);
	ck_assert_str_eq(scen, "night");
	ro_free(scen);
	ck_assert_int_eq(ro_schedule_scenario(f.path, &scen, &f.d), RO_OK);
	ck_assert_ptr_null(scen);
	ck_assert_int_eq(ro_schedule_scenario("data/schedule/no-such.xml",
					      &scen, &f.d), RO_EIO);
	ck_assert_ptr_null(scen);
	ck_assert_int_eq(ro_schedule_scenario(NULL, &scen, &f.d), RO_EARG);
	ck_assert_int_eq(ro_schedule_scenario(f.path, NULL, &f.d), RO_EARG);
	ck_assert_int_eq(ro_schedule_scenario(f.path, &scen, NULL), RO_EARG);
}
END_TEST

START_TEST(read_schema_error)
{
	struct ro_plan *q = (struct ro_plan *)1;

	ck_assert_int_eq(ro_schedule_read(f.s, "data/schedule/bad-reason.xml",
					  &q, &f.d), RO_ESCHEMA);
	ck_assert_ptr_null(q);
	ck_assert_uint_ge(f.d.n, 1);
	ck_assert_int_eq(f.d.v[0].line, 21);
}
END_TEST

/* small.xml with 70,000 blank lines after <clients> and the first client
 * line edited (from -> to, or bad inserted before it); the fault is on
 * line 70,014, past libxml2 2.9's 65,535 for element lines. */
static void write_tall(const char *bad, const char *from, const char *to)
{
	size_t len, n = 70000;
	char *text = fx_slurp("data/schedule/small.xml", &len);
	char *at = strstr(text, "<clients>\n"), *first, *hit;
	FILE *fp = fopen(f.path, "w");

	ck_assert_ptr_nonnull(at);
	ck_assert_ptr_nonnull(fp);
	at += strlen("<clients>\n");
	first = strchr(at, '\n');
	ck_assert_ptr_nonnull(first);
	fwrite(text, 1, (size_t)(at - text), fp);
	while (n--)
		fputc('\n', fp);
	fputs(bad, fp);
	hit = from ? strstr(at, from) : NULL;
	ck_assert(!from || (hit && hit < first));
	if (hit) {
		fwrite(at, 1, (size_t)(hit - at), fp);
		fputs(to, fp);
		fputs(hit + strlen(from), fp);
	} else {
		fputs(at, fp);
	}
	ck_assert_int_eq(fclose(fp), 0);
	free(text);
}

/* Schema and semantic errors on line 70,014 of a schedule (verify,
 * report and compare read through ro_xml_parse and ro_xml_validate): the
 * true line, not the next text's. */
START_TEST(read_past_line_65535)
{
	static const struct {
		const char *bad, *from, *to;
		int rc;
		const char *msg;
	} w[] = {
		{ "  <bogus/>\n", NULL, NULL, RO_ESCHEMA,
		  "<bogus> is not expected here; expected one of <client>, "
		  "<unplaced>" },
		{ "", "trigger=\"ccim\"", "trigger=\"bell\"", RO_ESCHEMA,
		  "attribute 'trigger' of <client>: 'bell' is not one of ccim, "
		  "logon, push" },
		{ "", "id=\"HQ-NT01\"", "id=\"NOPE\"", RO_EINVAL,
		  "unknown client 'NOPE': the site has no client of that id" },
		{ "  <client id=\"x\"\n", NULL, NULL, RO_EPARSE,
		  "an attribute name is expected here; write each attribute as "
		  "name=\"value\", and end the tag with > or /> (column 5)" },
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		struct ro_plan *q = (struct ro_plan *)1;

		ro_diag_release(&f.d);
		write_tall(w[i].bad, w[i].from, w[i].to);
		ck_assert_int_eq(ro_schedule_read(f.s, f.path, &q, &f.d), w[i].rc);
		ck_assert_ptr_null(q);
		ck_assert_uint_ge(f.d.n, 1);
		ck_assert_str_eq(f.d.v[0].msg, w[i].msg);
		ck_assert_int_eq(f.d.v[0].line, 70014 + (w[i].rc == RO_EPARSE));
	}
}
END_TEST

/* Writes text to f.path; returns f.path. */
static const char *put(const char *text, size_t len)
{
	FILE *fp = fopen(f.path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	return f.path;
}

/* The header figures rollout batch shows, without the site. */
START_TEST(read_head)
{
	struct ro_schedule_head h;
	size_t len;
	char *text = fx_slurp("data/schedule/small.xml", &len), *big;
	const char *end = strstr(text, "</header>");

	ck_assert_int_eq(ro_schedule_read_head("data/schedule/small.xml", &h,
					       &f.d), RO_OK);
	ck_assert_uint_eq(f.d.n, 0);
	ck_assert_str_eq(h.status, "feasible");
	ck_assert_int_eq(h.slot_min, 60);
	ck_assert_int_eq(h.placed, 5);
	ck_assert_int_eq(h.unplaced, 1);
	ck_assert_int_eq(h.makespan_slots, 5);
	ck_assert(h.gap > 0.19 && h.gap < 0.21);

	/* a header at the top of a file larger than what is read: fine, the
	 * rest is never looked at (here it is not even well-formed) */
	ck_assert_ptr_nonnull(end);
	big = malloc(len + 2 * RO_SCHEDULE_HEAD_MAX);
	ck_assert_ptr_nonnull(big);
	memcpy(big, text, (size_t)(end - text) + 10);
	memset(big + (end - text) + 10, '<', 2 * RO_SCHEDULE_HEAD_MAX);
	put(big, (size_t)(end - text) + 10 + 2 * RO_SCHEDULE_HEAD_MAX);
	free(big);
	ck_assert_int_eq(ro_schedule_read_head(f.path, &h, &f.d), RO_OK);
	ck_assert_int_eq(h.placed, 5);
	ck_assert_uint_eq(f.d.n, 0);
	free(text);
}
END_TEST

/* ... read with the care of any input: no DTD, no compressed file,
 * libxml2's errors collected with their lines, nothing printed. */
START_TEST(read_head_refusals)
{
	static const char dtd[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE schedule [<!ENTITY s "
		"\"optimal\">]>\n<schedule><header><solver status=\"&s;\"/>"
		"<summary placed=\"1\" unplaced=\"0\"/></header></schedule>\n";
	static const char broken[] =
		"<schedule>\n<header>\n<solver status=\"optimal\">\n</header>\n";
	static const char site[] = "<site version=\"1\" name=\"x\"/>\n";
	static const char gz[] = "\x1f\x8b\x08\x00";
	struct ro_schedule_head h;

	ck_assert_int_eq(ro_schedule_read_head(put(dtd, sizeof dtd - 1), &h,
					       &f.d), RO_EPARSE);
	ck_assert_uint_eq(f.d.n, 1);
	ck_assert_int_eq(f.d.v[0].line, 2);   /* the DOCTYPE's */
	ck_assert_str_eq(f.d.v[0].msg, "DTD not allowed; remove the <!DOCTYPE>");
	ck_assert_str_eq(h.status, "");

	ro_diag_release(&f.d);
	ck_assert_int_eq(ro_schedule_read_head(put(gz, sizeof gz - 1), &h,
					       &f.d), RO_EPARSE);
	ck_assert_str_eq(f.d.v[0].msg, "compressed files are not accepted; "
			 "decompress it first");

	ro_diag_release(&f.d);
	ck_assert_int_eq(ro_schedule_read_head(put(broken, sizeof broken - 1),
					       &h, &f.d), RO_EPARSE);
	ck_assert_int_eq(f.d.v[0].line, 4);
	ck_assert_str_eq(f.d.v[0].msg, "</header> does not close <solver> "
			 "(opened on line 3); make the end tag match "
			 "(column 10)");

	ro_diag_release(&f.d);
	ck_assert_int_eq(ro_schedule_read_head(put(site, sizeof site - 1), &h,
					       &f.d), RO_ESCHEMA);
	ck_assert_uint_eq(f.d.n, 1);

	ro_diag_release(&f.d);
	ck_assert_int_eq(ro_schedule_read_head("data/schedule/none.xml", &h,
					       &f.d), RO_EIO);
	ck_assert_int_eq(ro_schedule_read_head(NULL, &h, &f.d), RO_EARG);
	ck_assert_int_eq(ro_schedule_read_head(f.path, NULL, &f.d), RO_EARG);
}
END_TEST

START_TEST(read_hand_edited_load)
{
	struct ro_plan *q = NULL;
	struct ro_eval *ev2 = NULL;

	/* valid, but the bytes of wan in slot 1 were edited */
	ck_assert_int_eq(ro_schedule_read(f.s, "data/schedule/edited-load.xml",
					  &q, &f.d), RO_OK);
	ck_assert_int_eq(ro_verify(f.s, f.x, q, &ev2, &f.d), 1);
	ck_assert_str_eq(f.d.v[0].msg, "link 'wan' slot 1 (2026-11-30T23:00): "
			 "the schedule states 900000 bytes, the plan gives "
			 "1800000");
	ro_eval_free(ev2);
	ro_plan_free(q);
}
END_TEST

START_TEST(read_missing_file)
{
	struct ro_plan *q = (struct ro_plan *)1;

	ck_assert_int_eq(ro_schedule_read(f.s, "data/schedule/nope.xml", &q,
					  &f.d), RO_EIO);
	ck_assert_ptr_null(q);
	ck_assert_uint_ge(f.d.n, 1);
}
END_TEST

START_TEST(bad_arguments)
{
	struct ro_plan *q = (struct ro_plan *)1;

	ck_assert_int_eq(ro_schedule_write(NULL, f.p, f.ev, f.path, &f.d),
			 RO_EARG);
	ck_assert_int_eq(ro_schedule_write(f.s, NULL, f.ev, f.path, &f.d),
			 RO_EARG);
	ck_assert_int_eq(ro_schedule_write(f.s, f.p, NULL, f.path, &f.d),
			 RO_EARG);
	ck_assert_int_eq(ro_schedule_write(f.s, f.p, f.ev, NULL, &f.d),
			 RO_EARG);
	ck_assert_int_eq(ro_schedule_read(NULL, f.path, &q, &f.d), RO_EARG);
	ck_assert_ptr_null(q);
	ck_assert_int_eq(ro_schedule_read(f.s, NULL, &q, &f.d), RO_EARG);
	ck_assert_int_eq(ro_schedule_read(f.s, f.path, NULL, &f.d), RO_EARG);
	ro_stated_free(NULL);
	/* an unplaced client without a reason is not writable */
	f.p->a[5].reason = RO_REASON_NONE;
	ro_diag_release(&f.d);
	ck_assert_int_eq(ro_schedule_write(f.s, f.p, f.ev, f.path, &f.d),
			 RO_EARG);
	ck_assert_str_eq(f.d.v[0].msg, "cannot write the schedule: client "
			 "'OLD' has neither a valid start nor a reason");
	ck_assert_int_eq(access(f.path, F_OK), -1);
}
END_TEST

START_TEST(write_failure_leaves_nothing)
{
	char path[200];

	snprintf(path, sizeof path, "%s/missing/plan.xml", f.dir);
	ck_assert_int_eq(ro_schedule_write(f.s, f.p, f.ev, path, &f.d),
			 RO_EIO);
	ck_assert_str_eq(f.d.v[0].msg + strlen(f.d.v[0].msg) -
				 strlen("No such file or directory"),
			 "No such file or directory");
}
END_TEST

START_TEST(write_allocation_failures)
{
	int rc = RO_ENOMEM;

	for (long n = 1; n < 100 && rc != RO_OK; n++) {
		long live = ro_alloc_live();
		ro_alloc_fail_at(n, 1);
		rc = ro_schedule_write(f.s, f.p, f.ev, f.path, &f.d);
		ro_alloc_fail_at(0, 0);
		ro_diag_release(&f.d);
		if (rc != RO_OK) {
			ck_assert_int_eq(rc, RO_ENOMEM);
			ck_assert_int_eq(access(f.path, F_OK), -1);
		}
		ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert_int_eq(rc, RO_OK);
}
END_TEST

START_TEST(read_allocation_failures)
{
	int rc = RO_ENOMEM;
	struct ro_plan *q = NULL;

	write_ok(f.path);
	ro_xml_init();
	for (long n = 1; n < 200 && rc != RO_OK; n++) {
		long live = ro_alloc_live();
		ro_alloc_fail_at(n, 1);
		rc = ro_schedule_read(f.s, f.path, &q, &f.d);
		ro_alloc_fail_at(0, 0);
		ro_diag_release(&f.d);
		if (rc != RO_OK) {
			ck_assert_ptr_null(q);
			ck_assert_int_eq(ro_alloc_live(), live);
		}
	}
	ck_assert_int_eq(rc, RO_OK);
	ro_plan_free(q);
}
END_TEST

Suite *suite_schedule(void)
{
	Suite *s = suite_create("schedule");
	TCase *tc = fx_tcase_create("write");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_matches_golden);
	tcase_add_test(tc, write_actions_by_policy);
	tcase_add_test(tc, write_reboot_waits_for_window);
	tcase_add_test(tc, write_twice_identical);
	tcase_add_test(tc, written_file_validates);
	tcase_add_test(tc, write_failure_leaves_nothing);
	tcase_add_test(tc, write_allocation_failures);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, round_trip_large);
	tcase_add_test(tc, read_unknown_client);
	tcase_add_test(tc, read_listed_twice);
	tcase_add_test(tc, read_off_slot_boundary);
	tcase_add_test(tc, read_outside_horizon);
	tcase_add_test(tc, read_slot_mismatch);
	tcase_add_test(tc, read_link_slot_mismatch);
	tcase_add_test(tc, read_wrong_horizon);
	tcase_add_test(tc, read_other_scenario);
	tcase_add_test(tc, read_stage_not_finite);
	tcase_add_test(tc, read_link_twice);
	tcase_add_test(tc, read_other_site);
	tcase_add_test(tc, read_deleted_slot);
	tcase_add_test(tc, read_schema_error);
	tcase_add_test(tc, read_past_line_65535);
	tcase_add_test(tc, read_head);
	tcase_add_test(tc, read_head_refusals);
	tcase_add_test(tc, read_hand_edited_load);
	tcase_add_test(tc, read_missing_file);
	tcase_add_test(tc, read_allocation_failures);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("limits");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, bad_arguments);
	suite_add_tcase(s, tc);
	return s;
}
