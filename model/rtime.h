/*
 * rtime.h - local date-times as whole minutes.
 *
 * rollout works in naive local time: the times in a site file are wall-clock
 * times of the site, with no time zone and no daylight-saving shifts (a plan
 * across a DST change is off by the shift for the hours after it; see
 * docs/semantics.md).  A ro_time counts minutes since 1970-01-01T00:00 of that
 * local clock, which makes slot arithmetic exact integer arithmetic.
 */
#ifndef RO_RTIME_H
#define RO_RTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "../include/rollout.h"   /* ro_time, ro_time_parse, ro_time_format */

#define RO_DAY_MIN 1440
#define RO_WEEK_MIN 10080

/* Bounds accepted for dates: years 1900 to 9999. */
#define RO_TIME_MIN ((ro_time)-36816480)       /* 1900-01-01T00:00 */
#define RO_TIME_MAX ((ro_time)4102444800 / 60 * 100) /* far enough */

/* Writes "YYYY-MM-DD" into buf (RO_TIME_BUFSZ bytes); returns buf. */
char *ro_date_format(ro_time t, char *buf);

/* Day of the week of t: 0 = Monday ... 6 = Sunday. */
int ro_time_dow(ro_time t);
/* Minutes since the Monday 00:00 that starts t's week: 0..10079. */
int ro_time_week_minute(ro_time t);
/* t rounded down to 00:00 of its day. */
ro_time ro_time_day_start(ro_time t);

/* "HH:MM" with 00:00 <= value <= 24:00; minutes since midnight. */
bool ro_clock_parse(const char *s, int *minutes);

/* A day-of-week set: "Mon-Fri", "Sat,Sun", "Fri-Mon" (wraps), "Mon-Sun",
 * "Tue".  Bit d (0 = Monday) set in *mask.  Case-insensitive three-letter
 * English names. */
bool ro_days_parse(const char *s, unsigned *mask);

/* "Fri 18:00": a point in the week, as minutes since Monday 00:00. */
bool ro_weektime_parse(const char *s, int *week_minute);

/* Three-letter English day name for 0..6. */
const char *ro_dow_name(int dow);

#endif
