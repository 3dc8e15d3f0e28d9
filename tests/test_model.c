/*
 * test_model.c - rtime, diag, strmap, string pool and client names.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/diag.h"
#include "../model/rtime.h"
#include "../model/site.h"
#include "../model/strmap.h"
#include "fixture.h"

START_TEST(time_roundtrip)
{
	ro_time t;
	char buf[RO_TIME_BUFSZ];

	ck_assert(ro_time_parse("2026-11-30T08:00", &t));
	ck_assert_str_eq(ro_time_format(t, buf), "2026-11-30T08:00");
	ck_assert_int_eq(ro_time_dow(t), 0);   /* a Monday */
	ck_assert_int_eq(ro_time_week_minute(t), 8 * 60);
	ck_assert(ro_time_parse("2026-12-06 23:59:00", &t));
	ck_assert_int_eq(ro_time_dow(t), 6);
	ck_assert_int_eq(ro_time_week_minute(t), RO_WEEK_MIN - 1);
	ck_assert(ro_time_parse("2024-02-29T00:00", &t));
	ck_assert_str_eq(ro_date_format(t + RO_DAY_MIN, buf), "2024-03-01");
	ck_assert(ro_time_parse("1969-12-31T23:00", &t));
	ck_assert_int_eq(t, -60);
	ck_assert_str_eq(ro_time_format(t, buf), "1969-12-31T23:00");
}
END_TEST

START_TEST(time_rejects)
{
	ro_time t = 42;
	static const char *bad[] = {
		"", "2026-02-29T00:00", "2026-13-01T00:00", "2026-11-30T24:00",
		"2026-11-30T08:00:30", "2026-11-30", "2026-11-30T8:00",
		"2026-11-30T08:00Z", "1899-12-31T00:00", "x",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!ro_time_parse(bad[i], &t), "%s", bad[i]);
	ck_assert_int_eq(t, 42);
	ck_assert(!ro_time_parse(NULL, &t));
}
END_TEST

START_TEST(days_and_clock)
{
	unsigned m;
	int c;

	ck_assert(ro_days_parse("Mon-Fri", &m));
	ck_assert_uint_eq(m, 0x1f);
	ck_assert(ro_days_parse("Sat,Sun", &m));
	ck_assert_uint_eq(m, 0x60);
	ck_assert(ro_days_parse("Fri-Mon", &m));
	ck_assert_uint_eq(m, 0x71);
	ck_assert(ro_days_parse("tue", &m));
	ck_assert_uint_eq(m, 0x2);
	ck_assert(!ro_days_parse("Mon-", &m));
	ck_assert(!ro_days_parse("Monday", &m));
	ck_assert(!ro_days_parse("", &m));
	ck_assert(ro_clock_parse("24:00", &c));
	ck_assert_int_eq(c, 1440);
	ck_assert(!ro_clock_parse("24:01", &c));
	ck_assert(!ro_clock_parse("7:00", &c));
	ck_assert(ro_weektime_parse("Fri 18:00", &c));
	ck_assert_int_eq(c, 4 * 1440 + 18 * 60);
	ck_assert(!ro_weektime_parse("Fri 24:00", &c));
}
END_TEST

START_TEST(diag_collects_and_sorts)
{
	struct ro_diag d;

	ro_diag_init(&d);
	ro_diag_add(&d, "b.xml", 3, "third %d", 3);
	ro_diag_add(&d, "a.xml", 9, "second");
	ro_diag_add(&d, "a.xml", 2, "first");
	ro_diag_sort(&d);
	ck_assert_uint_eq(ro_diag_count(&d), 3);
	ck_assert_str_eq(d.v[0].msg, "first");
	ck_assert_str_eq(d.v[2].msg, "third 3");
	for (int i = 0; i < RO_DIAG_MAX + 5; i++)
		ro_diag_add(&d, NULL, 0, "x");
	ck_assert_uint_eq(ro_diag_count(&d), RO_DIAG_MAX + 8);
	ro_diag_release(&d);
	ck_assert_uint_eq(ro_diag_count(&d), 0);
}
END_TEST

START_TEST(strmap_basics)
{
	struct ro_strmap *m = ro_strmap_new(2);
	char keys[1000][16];
	int32_t old = -7;

	ck_assert_ptr_nonnull(m);
	for (int i = 0; i < 1000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		ck_assert_int_eq(ro_strmap_put(m, keys[i], i, NULL), 1);
	}
	ck_assert_int_eq(ro_strmap_put(m, "k7", 99, &old), 0);
	ck_assert_int_eq(old, 7);
	ck_assert_int_eq(ro_strmap_get(m, "k999"), 999);
	ck_assert_int_eq(ro_strmap_get(m, "nope"), -1);
	ck_assert_uint_eq(ro_strmap_size(m), 1000);
	ro_strmap_free(m);
	ro_strmap_free(NULL);
}
END_TEST

START_TEST(client_names_are_padded)
{
	struct ro_site *s = ro_site_new();
	bool ok = true;
	char buf[64];

	ck_assert_ptr_nonnull(s);
	ck_assert(ro_grow((void **)&s->clients, s->nclients, sizeof *s->clients));
	memset(&s->clients[0], 0, sizeof s->clients[0]);
	s->clients[0].id = ro_site_intern(s, "br1", &ok);
	s->clients[0].count = 120;
	s->nclients = 1;
	ck_assert(ok);
	ck_assert_str_eq(ro_client_name(s, 0, 6, buf, sizeof buf), "br1-007");
	ck_assert_str_eq(ro_client_name(s, 0, 119, buf, sizeof buf), "br1-120");
	s->clients[0].count = 1;
	ck_assert_str_eq(ro_client_name(s, 0, 0, buf, sizeof buf), "br1");
	ro_site_free(s);
	ro_site_free(NULL);
}
END_TEST

START_TEST(alloc_failure_injection)
{
	long live = ro_alloc_live();
	void *p;

	ro_alloc_fail_at(2, 0);
	p = ro_malloc(8);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_null(ro_malloc(8));
	ro_free(p);
	ck_assert_int_eq(ro_alloc_live(), live);
	ro_alloc_fail_at(0, 0);
}
END_TEST

/* ro_mallocarray: an overflowing product fails (and counts as a failure),
 * a zero count still gives one element. */
START_TEST(alloc_array_overflow)
{
	long failures = ro_alloc_failures();
	int64_t *p;

	ck_assert_ptr_null(ro_mallocarray(SIZE_MAX / 4, 8));
	ck_assert_int_eq(ro_alloc_failures(), failures + 1);
	p = ro_mallocarray(0, sizeof *p);
	ck_assert_ptr_nonnull(p);
	p[0] = 1;
	ro_free(p);
	p = ro_mallocarray(3, sizeof *p);
	ck_assert_ptr_nonnull(p);
	p[2] = 1;
	ro_free(p);
}
END_TEST

Suite *suite_model(void)
{
	Suite *s = suite_create("model");
	TCase *tc = fx_tcase_create("time");

	tcase_add_test(tc, time_roundtrip);
	tcase_add_test(tc, time_rejects);
	tcase_add_test(tc, days_and_clock);
	suite_add_tcase(s, tc);
	tc = fx_tcase_create("core");
	tcase_add_test(tc, diag_collects_and_sorts);
	tcase_add_test(tc, strmap_basics);
	tcase_add_test(tc, client_names_are_padded);
	tcase_add_test(tc, alloc_failure_injection);
	tcase_add_test(tc, alloc_array_overflow);
	suite_add_tcase(s, tc);
	return s;
}
