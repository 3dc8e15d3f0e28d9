/*
 * report_fmt.c - numbers, times and durations as the report writes them.
 *
 * Fixed formats, no locale: the same inputs give the same bytes.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../model/rtime.h"
#include "report_priv.h"

/* 1234567 -> "1,234,567" */
char *ro_rp_fmt_count(int64_t v, char *buf, size_t n)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%" PRId64, v < 0 ? -v : v);
	size_t o = 0;

	if (v < 0 && o + 1 < n)
		buf[o++] = '-';
	for (int i = 0; i < len && o + 1 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 1 < n)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* minutes -> "3 d 04:15", as the program prints durations */
char *ro_rp_fmt_duration(int64_t m, char *buf, size_t n)
{
	snprintf(buf, n, "%" PRId64 " d %02" PRId64 ":%02" PRId64,
		 m / RO_DAY_MIN, m % RO_DAY_MIN / 60, m % 60);
	return buf;
}

static const char *const months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* "Mon 30 Nov" (with_dow) or "30 Nov" */
char *ro_rp_fmt_day(ro_time t, bool with_dow, char *buf, size_t n)
{
	char d[RO_TIME_BUFSZ];
	int mon;

	ro_date_format(t, d);   /* YYYY-MM-DD */
	mon = (d[5] - '0') * 10 + (d[6] - '0');
	if (mon < 1 || mon > 12)
		mon = 1;
	snprintf(buf, n, "%s%s%d %s", with_dow ? ro_dow_name(ro_time_dow(t))
					       : "", with_dow ? " " : "",
		 (d[8] - '0') * 10 + (d[9] - '0'), months[mon - 1]);
	return buf;
}

/* "Fri 4 Dec 22:15" */
char *ro_rp_fmt_when(ro_time t, char *buf, size_t n)
{
	char day[24], full[RO_TIME_BUFSZ];

	ro_rp_fmt_day(t, true, day, sizeof day);
	ro_time_format(t, full);
	snprintf(buf, n, "%s %s", day, full + 11);
	return buf;
}

char *ro_rp_fmt_mb(int64_t bytes, char *buf, size_t n)
{
	snprintf(buf, n, "%.2f MB", (double)bytes / 1048576.0);
	return buf;
}

char *ro_rp_fmt_pct(double u, char *buf, size_t n)
{
	if (isinf(u))
		snprintf(buf, n, "over capacity (no usable capacity)");
	else
		snprintf(buf, n, "%.1f %%", 100.0 * u);
	return buf;
}

/* The name a schedule goes by in legends: its scenario, else its file. */
const char *ro_rp_sched_label(const struct rsched *s)
{
	const char *base;

	if (s->head.scenario[0])
		return s->head.scenario;
	base = strrchr(s->path, '/');
	return base ? base + 1 : s->path;
}
