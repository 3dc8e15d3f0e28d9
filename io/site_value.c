/*
 * site_value.c - the value syntaxes of the site format (docs/site-format.md,
 * "Units and value syntax"), parsed exactly.
 *
 * Decimals are never read with strtod: "8.5" MB must be 8,912,896 bytes
 * and "28.8" kbit/s 28,800 bits/s exactly, and NaN, Inf or 1e308 must not
 * slip through.  A decimal is read as an integer mantissa and a count of
 * decimals, and scaled in 128-bit arithmetic.
 */
#include "site_priv.h"

#include <string.h>

#include "../model/rtime.h"

__extension__ typedef unsigned __int128 u128;

const char *const ro_attr_names[A_N] = {
	[A_ID] = "id", [A_NAME] = "name", [A_VERSION] = "version",
	[A_START] = "start", [A_END] = "end", [A_SLOT] = "slot-minutes",
	[A_LOGON] = "logon-scripts", [A_DELAY] = "reboot-delay-minutes",
	[A_RCAP] = "reboot-cap", [A_ADVERTS] = "advertisements",
	[A_DAYS] = "days", [A_FROM] = "from", [A_TO] = "to",
	[A_DEFAULT] = "default", [A_VALUE] = "value", [A_STATE] = "state",
	[A_KIND] = "kind", [A_CAPACITY] = "capacity-kbps",
	[A_BACKGROUND] = "background", [A_PARENT] = "parent",
	[A_SHARE] = "share", [A_LINK] = "link", [A_READY] = "ready",
	[A_MAXC] = "max-concurrent", [A_BASE] = "base-mb",
	[A_SIZE] = "size-mb", [A_USER] = "user", [A_COUNT] = "count",
	[A_OS] = "os", [A_REBOOTS] = "reboots", [A_SEGMENT] = "segment",
	[A_CAP] = "cap", [A_COMPONENTS] = "components",
	[A_CONNECTION] = "connection", [A_OFFICE] = "office",
	[A_CALENDAR] = "calendar", [A_TRIGGERS] = "triggers",
	[A_PHASE] = "phase", [A_PRIORITY] = "priority", [A_RATE] = "rate-kbps",
	[A_FILE] = "file", [A_CONTROL] = "control",
	[A_LOGON_PATH] = "logon-path", [A_PROPAGATION] = "propagation-minutes",
	[A_RAS_KBPS] = "ras-kbps", [A_DEFER] = "defer-release", [A_AT] = "at",
	[A_STEP] = "step-minutes", [A_COMPLIANCE] = "compliance", [A_USE] = "use",
	[A_USER_GROUP] = "user-group", [A_INSTALLED] = "installed",
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int ro_sv_uint(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (!s || !*s)
		return RO_SV_SYNTAX;
	for (const char *p = s; *p; p++) {
		if (!is_digit(*p))
			return RO_SV_SYNTAX;
		if (v > (max - (*p - '0')) / 10)
			return RO_SV_RANGE;
		v = v * 10 + (*p - '0');
	}
	*out = v;
	return RO_SV_OK;
}

/* Significant digits kept: 10^30 times a multiplier below 10^7 stays far
 * inside 128 bits. */
#define MAX_DIGITS 30

int ro_sv_decimal(const char *s, int64_t mul, int64_t max, int64_t *out)
{
	u128 m = 0, scale = 1, v;
	int digits = 0, decimals = 0;
	const char *p = s;

	if (!s || !is_digit(*p))
		return RO_SV_SYNTAX;
	for (; is_digit(*p); p++) {
		if (m == 0 && *p == '0')
			continue;   /* leading zeros are not significant */
		if (++digits > MAX_DIGITS)
			return RO_SV_RANGE;
		m = m * 10 + (unsigned)(*p - '0');
	}
	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return RO_SV_SYNTAX;
		for (; is_digit(*p); p++) {
			if (++decimals > MAX_DIGITS)
				return RO_SV_SYNTAX;
			if (m != 0 || *p != '0')
				digits++;
			if (digits > MAX_DIGITS)
				return RO_SV_SYNTAX;
			m = m * 10 + (unsigned)(*p - '0');
			scale *= 10;
		}
	}
	if (*p != '\0')
		return RO_SV_SYNTAX;
	/* round(m * mul / scale), halves up */
	v = (m * (u128)mul * 2 + scale) / (scale * 2);
	if (v > (u128)max)
		return RO_SV_RANGE;
	*out = (int64_t)v;
	return RO_SV_OK;
}

int ro_sv_fraction(const char *s, uint32_t *ppm)
{
	char buf[64];
	size_t n;
	int64_t v;
	int rc;

	if (!s)
		return RO_SV_SYNTAX;
	n = strlen(s);
	if (n == 0 || n >= sizeof buf)
		return n == 0 ? RO_SV_SYNTAX : RO_SV_RANGE;
	if (s[n - 1] == '%') {
		memcpy(buf, s, n - 1);
		buf[n - 1] = '\0';
		rc = ro_sv_decimal(buf, RO_PPM / 100, RO_PPM, &v);
	} else {
		rc = ro_sv_decimal(s, RO_PPM, RO_PPM, &v);
	}
	if (rc == RO_SV_OK)
		*ppm = (uint32_t)v;
	return rc;
}

const char *ro_sv_window(const char *days, const char *from, const char *to,
			 struct ro_wspan *out, size_t *n)
{
	int f, t;
	unsigned mask;

	*n = 0;
	if ((from == NULL) != (to == NULL))
		return "from= and to= go together; give both or neither";
	if (days) {
		if (!ro_days_parse(days, &mask))
			return "days= is not a list of day names; write e.g. Mon-Fri or Sat,Sun";
		if (!from) {
			f = 0;
			t = RO_DAY_MIN;
		} else {
			if (!ro_clock_parse(from, &f) || !ro_clock_parse(to, &t))
				return "with days=, from= and to= are times of day; write e.g. from=\"08:00\" to=\"18:00\"";
			if (f == RO_DAY_MIN)
				return "from=\"24:00\" is the end of the day; write 00:00 and name the next day";
			if (f == t)
				return "the window has zero length (from equals to); make to differ from from";
			if (t < f)
				t += RO_DAY_MIN;   /* overnight, into the next day */
		}
		for (int dd = 0; dd < 7; dd++) {
			if (!(mask & (1u << dd)))
				continue;
			out[*n].from = dd * RO_DAY_MIN + f;
			out[*n].to = dd * RO_DAY_MIN + t;
			(*n)++;
		}
		return NULL;
	}
	if (!from)
		return "a window needs days=, or from= and to= with day names; write e.g. days=\"Mon-Fri\"";
	if (!ro_weektime_parse(from, &f) || !ro_weektime_parse(to, &t))
		return "without days=, from= and to= need day names; write e.g. from=\"Fri 18:00\" to=\"Mon 08:00\"";
	if (f == t)
		return "the window has zero length (from equals to); make to differ from from";
	if (t < f)
		t += RO_WEEK_MIN;   /* wraps over the weekend */
	out[0].from = f;
	out[0].to = t;
	*n = 1;
	return NULL;
}

bool ro_sv_triggers(const char *s, uint8_t *bits)
{
	static const struct { const char *name; uint8_t bit; } names[] = {
		{ "ccim", RO_TRIG_CCIM }, { "logon", RO_TRIG_LOGON },
		{ "push", RO_TRIG_PUSH },
	};
	uint8_t b = 0;
	const char *p = s;

	if (!s)
		return false;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, " \t\r\n");
		size_t i;
		for (i = 0; i < sizeof names / sizeof *names; i++)
			if (strlen(names[i].name) == len &&
			    memcmp(names[i].name, p, len) == 0)
				break;
		if (i == sizeof names / sizeof *names)
			return false;
		b |= names[i].bit;
		p += len;
	}
	if (!b)
		return false;
	*bits = b;
	return true;
}

bool ro_sv_is_id(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      is_digit(c) || c == '.' || c == '-' || c == '_' || c == ':'))
			return false;
	}
	return true;
}
