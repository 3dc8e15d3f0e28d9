/*
 * xmlwrite.c - the checked xmlTextWriter layer (xmlwrite.h).
 */
#include "xmlwrite.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "xmlsafe.h"

__extension__ typedef unsigned __int128 u128;

int ro_xw_open(struct ro_xw *x)
{
	/* libxml2's allocator and silenced messages, as for reading */
	ro_xml_init();
	x->w = NULL;
	x->failed = 0;
	x->failures0 = ro_alloc_failures();
	x->buf = xmlBufferCreate();
	if (!x->buf)
		return RO_ENOMEM;
	x->w = xmlNewTextWriterMemory(x->buf, 0);
	if (!x->w) {
		xmlBufferFree(x->buf);
		x->buf = NULL;
		return RO_ENOMEM;
	}
	if (xmlTextWriterSetIndent(x->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0)
		x->failed = 1;
	return RO_OK;
}

void ro_xw_start(struct ro_xw *x, const char *name)
{
	if (!x->failed && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->failed = 1;
}

void ro_xw_end(struct ro_xw *x)
{
	if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
		x->failed = 1;
}

void ro_xw_attr(struct ro_xw *x, const char *name, const char *value)
{
	if (!x->failed && xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
						      BAD_CAST value) < 0)
		x->failed = 1;
}

void ro_xw_attr_ll(struct ro_xw *x, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	ro_xw_attr(x, name, buf);
}

void ro_xw_attr_time(struct ro_xw *x, const char *name, ro_time t)
{
	char buf[RO_TIME_BUFSZ];

	ro_xw_attr(x, name, ro_time_format(t, buf));
}

void ro_xw_attr_slot(struct ro_xw *x, const char *name,
		     const struct ro_site *s, int64_t slot)
{
	ro_xw_attr_time(x, name, s->horizon.start + slot * s->horizon.slot_min);
}

void ro_xw_attr_double(struct ro_xw *x, const char *name, double v)
{
	char buf[40];

	if (isnan(v))
		strcpy(buf, "NaN");
	else if (isinf(v))
		strcpy(buf, v > 0 ? "INF" : "-INF");
	else
		snprintf(buf, sizeof buf, "%.10g", v);
	ro_xw_attr(x, name, buf);
}

void ro_xw_attr_ratio(struct ro_xw *x, const char *name, int64_t num,
		      int64_t den)
{
	u128 v = ((u128)(uint64_t)num * 20000u + (uint64_t)den) /
		 ((u128)(uint64_t)den * 2u);
	char buf[48];

	snprintf(buf, sizeof buf, "%llu.%04u",
		 (unsigned long long)(v / 10000), (unsigned)(v % 10000));
	ro_xw_attr(x, name, buf);
}

const char *ro_xw_finish(struct ro_xw *x, const char *tail, size_t *len)
{
	const char *text;
	size_t n, tn = tail ? strlen(tail) : 0;

	*len = 0;
	if (!x->buf)
		return NULL;
	if (x->w) {
		if (!x->failed && xmlTextWriterEndDocument(x->w) < 0)
			x->failed = 1;
		xmlFreeTextWriter(x->w);   /* flushes into buf */
		x->w = NULL;
	}
	text = (const char *)xmlBufferContent(x->buf);
	n = text ? (size_t)xmlBufferLength(x->buf) : 0;
	/* an allocation that failed on the way, even one libxml2 did not
	 * report, may have cost a piece of the text */
	if (ro_alloc_failures() != x->failures0)
		x->failed = 1;
	if (x->failed || !text || n < tn ||
	    memcmp(text + n - tn, tail ? tail : "", tn) != 0)
		return NULL;
	*len = n;
	return text;
}

void ro_xw_close(struct ro_xw *x)
{
	if (!x)
		return;
	if (x->w)
		xmlFreeTextWriter(x->w);
	if (x->buf)
		xmlBufferFree(x->buf);
	x->w = NULL;
	x->buf = NULL;
}
