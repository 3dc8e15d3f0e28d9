/*
 * compare_xml.c - a comparison as XML (compare_xml.h, io/schema/compare.xsd).
 *
 * Same approach as the schedule writer: xmlTextWriter into a memory
 * buffer, every return value checked, the finished buffer must end with
 * the closing tag, then one atomic write.
 */
#include "compare_xml.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "atomic.h"
#include "version.h"

__extension__ typedef unsigned __int128 u128;

struct out {
	xmlTextWriterPtr w;
	int failed;
};

static void start(struct out *o, const char *name)
{
	if (!o->failed && xmlTextWriterStartElement(o->w, BAD_CAST name) < 0)
		o->failed = 1;
}

static void end(struct out *o)
{
	if (!o->failed && xmlTextWriterEndElement(o->w) < 0)
		o->failed = 1;
}

static void attr(struct out *o, const char *name, const char *value)
{
	if (!o->failed &&
	    xmlTextWriterWriteAttribute(o->w, BAD_CAST name, BAD_CAST value) < 0)
		o->failed = 1;
}

static void attr_ll(struct out *o, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	attr(o, name, buf);
}

static void attr_time(struct out *o, const char *name, ro_time t)
{
	char buf[RO_TIME_BUFSZ];

	attr(o, name, ro_time_format(t, buf));
}

/* xs:double text, as in the schedule header */
static void attr_double(struct out *o, const char *name, double v)
{
	char buf[40];

	if (isnan(v))
		strcpy(buf, "NaN");
	else if (isinf(v))
		strcpy(buf, v > 0 ? "INF" : "-INF");
	else
		snprintf(buf, sizeof buf, "%.10g", v);
	attr(o, name, buf);
}

/* num/den (num >= 0, den > 0) rounded half up to four decimals. */
static void attr_ratio(struct out *o, const char *name, int64_t num,
		       int64_t den)
{
	u128 v = ((u128)(uint64_t)num * 20000u + (uint64_t)den) /
		 ((u128)(uint64_t)den * 2u);
	char buf[48];

	snprintf(buf, sizeof buf, "%llu.%04u",
		 (unsigned long long)(v / 10000), (unsigned)(v % 10000));
	attr(o, name, buf);
}

const char *ro_figures_status(const struct ro_figures *f)
{
	if (f->err == RO_ENOPLAN)
		return "no-plan";
	if (f->err)
		return "failed";
	if (f->kind == RO_FIGURES_SIMULATION)
		return "simulated";
	return ro_status_name(f->status);
}

static void unplaced(struct out *o, const char *reason, int64_t n)
{
	if (n <= 0)
		return;
	start(o, "unplaced");
	attr(o, "reason", reason);
	attr_ll(o, "count", n);
	end(o);
}

static void write_column(struct out *o, const struct ro_figures *f)
{
	char buf[RO_TIME_BUFSZ];

	start(o, "column");
	attr(o, "name", f->name ? f->name : "");
	attr(o, "kind", f->kind == RO_FIGURES_SIMULATION ? "simulation"
							 : "plan");
	attr(o, "status", ro_figures_status(f));
	if (f->err) {
		attr(o, "error", f->error ? f->error : ro_strerror(f->err));
		end(o);
		return;
	}
	if (f->gap >= 0)
		attr_double(o, "gap", f->gap);

	start(o, "horizon");
	attr_time(o, "start", f->horizon.start);
	attr_time(o, "end", f->horizon.end);
	attr_ll(o, "slot-minutes", f->horizon.slot_min);
	attr_ll(o, "slots", f->horizon.nslots);
	end(o);

	start(o, "clients");
	attr_ll(o, "total", f->clients);
	attr_ll(o, "placed", f->placed);
	attr_ll(o, "unplaced", f->clients - f->placed);
	for (int r = RO_REASON_NO_OPPORTUNITY; r <= RO_REASON_HORIZON; r++)
		unplaced(o, ro_reason_name((enum ro_reason)r), f->unplaced[r]);
	unplaced(o, "never-starts", f->never);
	unplaced(o, "unfinished", f->unfinished);
	end(o);

	if (f->makespan > 0) {
		start(o, "makespan");
		attr_ll(o, "slots", f->makespan);
		attr_ll(o, "minutes",
			(long long)f->makespan * f->horizon.slot_min);
		attr_time(o, "end", f->finish);
		end(o);
	}

	for (int i = 0; i < f->nstages; i++) {
		const struct ro_stage *st = &f->stages[i];

		start(o, "stage");
		attr(o, "name", st->name);
		attr(o, "sense", st->maximise ? "maximise" : "minimise");
		attr_double(o, "value", st->value);
		if (st->has_bound) {
			attr_double(o, "bound", st->bound);
			attr_double(o, "gap", ro_stage_gap(st));
		}
		end(o);
	}

	for (size_t i = 0; i < f->nwan; i++) {
		const struct ro_wan_figure *w = &f->wan[i];

		start(o, "wan-link");
		attr(o, "id", w->id);
		attr_ratio(o, "peak-utilisation", w->peak_load, w->peak_usable);
		attr_ll(o, "bytes", w->peak_load);
		attr_ll(o, "usable", w->peak_usable);
		if (w->peak_slot >= 0)
			attr_time(o, "at", f->horizon.start +
				  (ro_time)w->peak_slot * f->horizon.slot_min);
		end(o);
	}
	for (size_t i = 0; i < f->ndays; i++) {
		start(o, "wan-day");
		attr(o, "date", ro_date_format(f->days[i].day, buf));
		attr_ll(o, "bytes", f->days[i].bytes);
		end(o);
	}

	start(o, "reboots");
	attr_ll(o, "total", f->reboots);
	attr_ll(o, "office-hours", f->reboots_office);
	end(o);

	start(o, "ras");
	attr_ll(o, "clients", f->ras_clients);
	attr_ll(o, "deferred", f->ras_deferred);
	end(o);

	end(o);
}

int ro_compare_xml(const struct ro_compare *c, char **text, size_t *len,
		   struct ro_diag *d)
{
	static const char tail[] = "</comparison>\n";
	struct out o = { NULL, 0 };
	xmlBufferPtr buf;
	const char *t;
	size_t n;

	if (text)
		*text = NULL;
	if (len)
		*len = 0;
	if (!c || !text || !len || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the comparison: "
				    "invalid argument");
		return RO_EARG;
	}
	buf = xmlBufferCreate();
	if (!buf)
		goto out_nomem;
	o.w = xmlNewTextWriterMemory(buf, 0);
	if (!o.w) {
		xmlBufferFree(buf);
		goto out_nomem;
	}
	if (xmlTextWriterSetIndent(o.w, 1) < 0 ||
	    xmlTextWriterSetIndentString(o.w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(o.w, NULL, "UTF-8", NULL) < 0)
		o.failed = 1;
	start(&o, "comparison");
	attr(&o, "version", "1");
	attr(&o, "generator", "rollout " RO_VERSION);
	start(&o, "site");
	attr(&o, "name", c->site ? c->site : "");
	attr(&o, "file", c->path ? c->path : "");
	end(&o);
	start(&o, "office-hours");
	attr(&o, "days", "Mon-Fri");
	{
		char hm[8];

		snprintf(hm, sizeof hm, "%02d:%02d", RO_OFFICE_FROM_MIN / 60,
			 RO_OFFICE_FROM_MIN % 60);
		attr(&o, "from", hm);
		snprintf(hm, sizeof hm, "%02d:%02d", RO_OFFICE_TO_MIN / 60,
			 RO_OFFICE_TO_MIN % 60);
		attr(&o, "to", hm);
	}
	end(&o);
	for (size_t i = 0; i < c->n; i++)
		write_column(&o, &c->v[i]);
	end(&o);
	if (!o.failed && xmlTextWriterEndDocument(o.w) < 0)
		o.failed = 1;
	xmlFreeTextWriter(o.w);   /* flushes into buf */

	t = (const char *)xmlBufferContent(buf);
	n = t ? (size_t)xmlBufferLength(buf) : 0;
	if (o.failed || n < sizeof tail - 1 ||
	    memcmp(t + n - (sizeof tail - 1), tail, sizeof tail - 1) != 0 ||
	    !(*text = ro_malloc(n + 1))) {
		xmlBufferFree(buf);
		goto out_nomem;
	}
	memcpy(*text, t, n);
	(*text)[n] = '\0';
	*len = n;
	xmlBufferFree(buf);
	return RO_OK;

out_nomem:
	ro_diag_add(d, NULL, 0, "cannot build the comparison: out of memory");
	return RO_ENOMEM;
}

int ro_compare_write(const struct ro_compare *c, const char *path,
		     struct ro_diag *d)
{
	char *text;
	size_t len;
	int rc;

	if (!path) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the comparison: "
				    "invalid argument");
		return RO_EARG;
	}
	rc = ro_compare_xml(c, &text, &len, d);
	if (rc)
		return rc;
	rc = ro_write_file_atomic(path, text, len, d);
	ro_free(text);
	return rc;
}
