/*
 * fixture.c - small sites built by hand for the unit tests (fixture.h).
 */
#include "fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#include "../model/alloc.h"

char *fx_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

bool fx_valgrind(void)
{
	return RUNNING_ON_VALGRIND != 0;
}

ro_time fx_time(const char *s)
{
	ro_time t = 0;

	ck_assert_msg(ro_time_parse(s, &t), "%s", s);
	return t;
}

uint32_t fx_str(struct ro_site *s, const char *v)
{
	bool ok = true;
	uint32_t off = ro_site_intern(s, v, &ok);

	ck_assert(ok);
	return off;
}

struct ro_site *fx_site_new(int32_t nslots)
{
	struct ro_site *s = ro_site_new();

	ck_assert_ptr_nonnull(s);
	s->name = fx_str(s, "test");
	s->horizon.start = fx_time(FX_H0);
	s->horizon.slot_min = 15;
	s->horizon.nslots = nslots;
	s->horizon.end = s->horizon.start + 15 * nslots;
	s->policy.reboot_delay_min = 15;
	return s;
}

int32_t fx_add_calendar(struct ro_site *s, const char *id, int32_t from,
			int32_t to)
{
	struct ro_calendar *c;

	ck_assert(ro_grow((void **)&s->calendars, s->ncalendars,
			  sizeof *s->calendars));
	c = &s->calendars[s->ncalendars];
	memset(c, 0, sizeof *c);
	c->id = fx_str(s, id);
	c->weekly = ro_malloc(sizeof *c->weekly);
	ck_assert_ptr_nonnull(c->weekly);
	c->weekly[0].from = from;
	c->weekly[0].to = to;
	c->nweekly = 1;
	return (int32_t)s->ncalendars++;
}

int32_t fx_add_link(struct ro_site *s, const char *id, int32_t parent,
		    int64_t bps, uint32_t share)
{
	struct ro_link *l;

	ck_assert(ro_grow((void **)&s->links, s->nlinks, sizeof *s->links));
	l = &s->links[s->nlinks];
	memset(l, 0, sizeof *l);
	l->id = fx_str(s, id);
	l->parent = parent;
	l->kind = RO_LINK_LAN;
	l->capacity_bps = bps;
	l->profile = -1;
	l->share_ppm = share;
	return (int32_t)s->nlinks++;
}

int32_t fx_add_server(struct ro_site *s, const char *id, int32_t link,
		      int32_t maxc)
{
	struct ro_server *v;

	ck_assert(ro_grow((void **)&s->servers, s->nservers,
			  sizeof *s->servers));
	v = &s->servers[s->nservers];
	memset(v, 0, sizeof *v);
	v->id = fx_str(s, id);
	v->kind = RO_SERVER_CAP;
	v->link = link;
	v->ready = s->horizon.start;
	v->max_concurrent = maxc;
	return (int32_t)s->nservers++;
}

struct ro_client *fx_add_client(struct ro_site *s, const char *id,
				int32_t count, int32_t segment, int32_t cal,
				uint8_t triggers, int64_t bytes)
{
	struct ro_client *c;

	ck_assert(ro_grow((void **)&s->clients, s->nclients,
			  sizeof *s->clients));
	c = &s->clients[s->nclients++];
	memset(c, 0, sizeof *c);
	if (id)
		c->id = fx_str(s, id);
	c->os = fx_str(s, "winnt");
	c->count = count;
	c->segment = segment;
	c->server = 0;
	c->calendar = cal;
	c->office = -1;
	c->conn = RO_CONN_LAN;
	c->triggers = triggers;
	c->phase = s->horizon.start;
	c->bytes = bytes;
	c->priority = 1;
	s->nclients_total += count;
	return c;
}

static long live_at_setup;

static void live_setup(void)
{
	live_at_setup = ro_alloc_live();
}

static void live_check(void)
{
	ck_assert_msg(ro_alloc_live() == live_at_setup,
		      "%ld library blocks left live by the test",
		      ro_alloc_live() - live_at_setup);
}

TCase *fx_tcase_create(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, live_setup, live_check);
	return tc;
}

struct ro_site *fx_sms_site(int32_t nslots, const char *release)
{
	struct ro_site *s = fx_site_new(nslots);

	s->policy.control = RO_CONTROL_SMS20;
	s->policy.propagation_min = 60;
	fx_add_link(s, "hq", -1, 10000000, RO_PPM);
	fx_add_link(s, "wan", 0, 64000, RO_PPM);
	s->links[1].kind = RO_LINK_WAN;
	fx_add_server(s, "cap1", 0, 0);
	s->policy.releases = ro_calloc(1, sizeof *s->policy.releases);
	ck_assert_ptr_nonnull(s->policy.releases);
	s->policy.nreleases = 1;
	s->policy.releases[0].from = s->policy.releases[0].to =
		fx_time(release);
	return s;
}
