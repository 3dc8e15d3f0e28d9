/*
 * rtime.c - civil-date arithmetic on naive local minutes.
 *
 * days_from_civil() and civil_from_days() are the proleptic Gregorian
 * algorithms of Howard Hinnant ("chrono-compatible low-level date
 * algorithms"); they are exact for every year we accept.
 */
#include "rtime.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

bool ro_time_parse(const char *s, ro_time *out)
{
	int y, mo, d, h, mi, sec = 0;
	const char *p = s;

	if (!s)
		return false;
	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) ||
	    *p++ != '-' || !digits(&p, 2, &d) || (*p != 'T' && *p != ' '))
		return false;
	p++;
	if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
		return false;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &sec))
			return false;
	}
	if (*p != '\0' || sec != 0)
		return false;
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 23 || mi > 59)
		return false;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * RO_DAY_MIN +
	       h * 60 + mi;
	return true;
}

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

char *ro_time_format(ro_time t, char *buf)
{
	int y, m, d;
	int64_t days = floordiv(t, RO_DAY_MIN);
	int mins = (int)(t - days * RO_DAY_MIN);

	civil_from_days(days, &y, &m, &d);
	snprintf(buf, RO_TIME_BUFSZ, "%04d-%02d-%02dT%02d:%02d", y, m, d, mins / 60,
		 mins % 60);
	return buf;
}

char *ro_date_format(ro_time t, char *buf)
{
	int y, m, d;

	civil_from_days(floordiv(t, RO_DAY_MIN), &y, &m, &d);
	snprintf(buf, RO_TIME_BUFSZ, "%04d-%02d-%02d", y, m, d);
	return buf;
}

int ro_time_dow(ro_time t)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	int64_t days = floordiv(t, RO_DAY_MIN);
	return (int)(((days + 3) % 7 + 7) % 7);
}

int ro_time_week_minute(ro_time t)
{
	int64_t days = floordiv(t, RO_DAY_MIN);
	return ro_time_dow(t) * RO_DAY_MIN + (int)(t - days * RO_DAY_MIN);
}

ro_time ro_time_day_start(ro_time t)
{
	return floordiv(t, RO_DAY_MIN) * RO_DAY_MIN;
}

bool ro_clock_parse(const char *s, int *minutes)
{
	int h, m;
	const char *p = s;

	if (!s || !digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &m) ||
	    *p != '\0')
		return false;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return false;
	*minutes = h * 60 + m;
	return true;
}

static const char *const day_names[] = { "Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat", "Sun" };

const char *ro_dow_name(int dow)
{
	return dow >= 0 && dow < 7 ? day_names[dow] : "???";
}

static int day_index(const char *s, size_t n)
{
	if (n != 3)
		return -1;
	for (int i = 0; i < 7; i++)
		if (strncasecmp(s, day_names[i], 3) == 0)
			return i;
	return -1;
}

bool ro_days_parse(const char *s, unsigned *mask)
{
	unsigned m = 0;
	const char *p = s;

	if (!s || !*s)
		return false;
	for (;;) {
		const char *q = p;
		while (isalpha((unsigned char)*q))
			q++;
		int a = day_index(p, (size_t)(q - p)), b = a;
		if (a < 0)
			return false;
		p = q;
		if (*p == '-') {
			q = ++p;
			while (isalpha((unsigned char)*q))
				q++;
			b = day_index(p, (size_t)(q - p));
			if (b < 0)
				return false;
			p = q;
		}
		for (int d = a;; d = (d + 1) % 7) {
			m |= 1u << d;
			if (d == b)
				break;
		}
		if (*p == '\0')
			break;
		if (*p != ',')
			return false;
		p++;
		while (*p == ' ')
			p++;
	}
	*mask = m;
	return true;
}

bool ro_weektime_parse(const char *s, int *week_minute)
{
	int d, c;

	if (!s || strlen(s) < 5 || s[3] != ' ')
		return false;
	d = day_index(s, 3);
	if (d < 0 || !ro_clock_parse(s + 4, &c) || c == RO_DAY_MIN)
		return false;
	*week_minute = d * RO_DAY_MIN + c;
	return true;
}
