/*
 * site_attr.c - attribute values of the site reader (XML attributes and CSV
 * fields alike) turned into numbers, fractions and times, each bad value
 * reported once as "KIND 'ID': what is wrong; how to fix it".
 *
 * The parsing itself is site_value.c's; this file adds the messages and
 * the defaults, so that every element and CSV column words them the same.
 */
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "site_priv.h"

void *ro_sr_push(struct ro_site_reader *r, void **v, size_t *n, size_t sz)
{
	if (!ro_grow(v, *n, sz)) {
		r->oom = true;
		return NULL;
	}
	char *p = (char *)*v + *n * sz;
	memset(p, 0, sz);
	(*n)++;
	return p;
}

void ro_sr_bad(struct ro_site_reader *r, const struct ro_where *w,
	       const char *fmt, const char *attr, const char *val,
	       const char *hint)
{
	char msg[600];

	snprintf(msg, sizeof msg, fmt, attr, val);
	if (w->id)
		ERR(r, w->file, w->line, "%s '%s': %s; %s", w->kind, w->id, msg, hint);
	else
		ERR(r, w->file, w->line, "%s: %s; %s", w->kind, msg, hint);
}

/* An integer attribute between lo and hi; absent: dflt.  false on error
 * (reported). */
bool ro_sr_get_int(struct ro_site_reader *r, const struct ro_where *w,
		   const struct ro_attrs *a, int attr, int64_t lo, int64_t hi,
		    int64_t dflt, int64_t *out)
{
	const char *v = a->v[attr];
	char hint[96];
	int rc;

	*out = dflt;
	if (!v)
		return true;
	rc = ro_sv_uint(v, hi, out);
	if (rc == RO_SV_SYNTAX) {
		ro_sr_bad(r, w, "%s=\"%s\" is not a whole number", ro_attr_names[attr], v,
		    "write digits only");
		return false;
	}
	if (rc != RO_SV_OK || *out < lo) {
		snprintf(hint, sizeof hint, "give a value from %lld to %lld",
			 (long long)lo, (long long)hi);
		ro_sr_bad(r, w, "%s=\"%s\" is out of range", ro_attr_names[attr], v, hint);
		*out = dflt;
		return false;
	}
	return true;
}

/* A decimal quantity > 0 (zero_ok: >= 0) times mul, at most max. */
bool ro_sr_get_dec(struct ro_site_reader *r, const struct ro_where *w,
		   const struct ro_attrs *a, int attr, int64_t mul, int64_t max,
		    bool zero_ok, const char *too_large, int64_t *out)
{
	const char *v = a->v[attr];
	int rc;

	*out = 0;
	if (!v)
		return true;
	rc = ro_sv_decimal(v, mul, max, out);
	if (rc == RO_SV_SYNTAX) {
		ro_sr_bad(r, w, "%s=\"%s\" is not a decimal number", ro_attr_names[attr], v,
		    "write digits with an optional decimal point, like 28.8");
		return false;
	}
	if (rc == RO_SV_RANGE) {
		ro_sr_bad(r, w, "%s=\"%s\" is too large", ro_attr_names[attr], v, too_large);
		*out = 0;
		return false;
	}
	if (*out == 0 && !zero_ok) {
		ro_sr_bad(r, w, "%s=\"%s\" is zero", ro_attr_names[attr], v,
		    "give a value above 0");
		return false;
	}
	return true;
}

bool ro_sr_get_frac(struct ro_site_reader *r, const struct ro_where *w,
		    const struct ro_attrs *a, int attr, uint32_t dflt,
		    bool zero_ok, uint32_t *out)
{
	const char *v = a->v[attr];
	int rc;

	*out = dflt;
	if (!v)
		return true;
	rc = ro_sv_fraction(v, out);
	if (rc == RO_SV_SYNTAX) {
		ro_sr_bad(r, w, "%s=\"%s\" is not a fraction", ro_attr_names[attr], v,
		    "write a decimal like 0.8 or a percentage like 80%");
		*out = dflt;
		return false;
	}
	if (rc == RO_SV_RANGE) {
		ro_sr_bad(r, w, "%s=\"%s\" is above 1", ro_attr_names[attr], v,
		    "give a fraction from 0 to 1, or 0% to 100%");
		*out = dflt;
		return false;
	}
	if (*out == 0 && !zero_ok) {
		ro_sr_bad(r, w, "%s=\"%s\" is zero", ro_attr_names[attr], v,
		    "give a fraction above 0");
		*out = dflt;
		return false;
	}
	return true;
}

bool ro_sr_get_time(struct ro_site_reader *r, const struct ro_where *w,
		    const struct ro_attrs *a, int attr, ro_time *out)
{
	const char *v = a->v[attr];

	if (!v)
		return false;
	if (!ro_time_parse(v, out)) {
		ro_sr_bad(r, w, "%s=\"%s\" is not a date-time", ro_attr_names[attr], v,
		    "write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00");
		return false;
	}
	return true;
}
