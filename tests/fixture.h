/*
 * fixture.h - small sites built by hand for the unit tests.
 *
 * The helpers assert (Check) instead of returning errors: a test that
 * cannot build its site has failed.  Sites start on Monday FX_H0 in slots
 * of 15 minutes; the tests set what else they need.
 */
#ifndef RO_TEST_FIXTURE_H
#define RO_TEST_FIXTURE_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/rtime.h"
#include "../model/site.h"

#define FX_H0 "2026-11-30T08:00"

/* A test case whose every test must leave as many library blocks live
 * (ro_alloc_live) as it found: create every TCase with it.  Its fixture
 * comes first, so its check runs after the suite's own teardown (Check
 * runs teardowns in reverse order of adding). */
TCase *fx_tcase_create(const char *name);

/* Whether the tests run under valgrind, some 50 times slower: the long
 * loops then run a sample, since what valgrind looks for (memory errors,
 * leaks) shows on a few rounds as on all. */
bool fx_valgrind(void);

/* The whole of file path, NUL-terminated (free() it); *len its length. */
char *fx_slurp(const char *path, size_t *len);

/* The time text s means (it must parse). */
ro_time fx_time(const char *s);

/* v interned in s's string pool. */
uint32_t fx_str(struct ro_site *s, const char *v);

/* A site "test" of nslots slots of 15 minutes from FX_H0, reboot delay
 * 15 minutes, nothing else. */
struct ro_site *fx_site_new(int32_t nslots);

/* Calendar id, present every week from minute from to minute to of the
 * week; returns its index. */
int32_t fx_add_calendar(struct ro_site *s, const char *id, int32_t from,
			int32_t to);

/* LAN link id under parent (-1: root) of bps bit/s at share (ppm), no
 * profile; returns its index. */
int32_t fx_add_link(struct ro_site *s, const char *id, int32_t parent,
		    int64_t bps, uint32_t share);

/* CAP id on link, ready at the horizon start, at most maxc concurrent
 * transfers (0: no limit); returns its index. */
int32_t fx_add_server(struct ro_site *s, const char *id, int32_t link,
		      int32_t maxc);

/* A client id (NULL: none) of count members on segment (a link index),
 * CAP 0, calendar cal, triggers, bytes to copy; os winnt, LAN, priority 1,
 * ccim phase at the horizon start, as the site reader leaves a client
 * without them.  The pointer is valid until the next client is added. */
struct ro_client *fx_add_client(struct ro_site *s, const char *id,
				int32_t count, int32_t segment, int32_t cal,
				uint8_t triggers, int64_t bytes);

/* An SMS 2.0 site of nslots slots: hq (10 Mbit/s) with CAP cap1, and a
 * 64 kbit/s WAN link "wan" under it, share 1 and no background (7,200,000
 * usable bytes a slot); one release candidate at release, the CAPs ready
 * 60 minutes later. */
struct ro_site *fx_sms_site(int32_t nslots, const char *release);

#endif
