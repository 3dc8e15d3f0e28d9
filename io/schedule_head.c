/*
 * schedule_head.c - the figures of a schedule's header, without the site.
 *
 * rollout batch puts the figures of every run in one table and reads them
 * from the schedule each run wrote, a documented format, rather than from
 * the summary text meant for people; verify and simulate read the
 * scenario a refused schedule was planned for (ro_schedule_scenario); the
 * report (io/report_read.c) takes its whole header from here.  The file
 * is one of ours, but it sits in a directory others may write to and is
 * read with the care of any input: through the streaming reader of
 * io/xmlsafe.c, the first RO_SCHEDULE_HEAD_MAX bytes only (the header is
 * at the top), stopping after </header>.  No schema: the rest of the
 * document is not read.  What it parses it checks (a date-time, a slot
 * grid in range), with the element's line.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/rtime.h"
#include "../model/site.h"
#include "schedule.h"
#include "xmlsafe.h"

/* Attribute name of the current element as a whole number >= 0; def when
 * absent or not one. */
static int64_t attr_count(xmlTextReaderPtr rd, const char *name, int64_t def)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, BAD_CAST name);
	int64_t x = def;
	char *end;

	if (v) {
		errno = 0;
		long long n = strtoll((const char *)v, &end, 10);
		if (end != (char *)v && !*end && !errno && n >= 0)
			x = n;
		xmlFree(v);
	}
	return x;
}

static double attr_ratio(xmlTextReaderPtr rd, const char *name, double def)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, BAD_CAST name);
	double x = def;
	char *end;

	if (v) {
		x = strtod((const char *)v, &end);
		if (end == (char *)v || *end || !isfinite(x) || x < 0)
			x = def;
		xmlFree(v);
	}
	return x;
}

/* The text of attribute name into buf (n bytes); "" when absent or when
 * it does not fit. */
static void attr_text(xmlTextReaderPtr rd, const char *name, char *buf,
		      size_t n)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, BAD_CAST name);

	buf[0] = '\0';
	if (v && strlen((const char *)v) < n)
		strcpy(buf, (const char *)v);
	xmlFree(v);
}

/* What the header reader carries from element to element. */
struct head_rd {
	xmlTextReaderPtr rd;
	const char *path;
	struct ro_diag *d;
	int nerr;
};

/* The line of the current element, for messages. */
static long head_line(struct head_rd *r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r->rd);

	return n ? xmlGetLineNo(n) : 0;
}

/* Attribute name as a date-time into *t; left alone when absent, and a
 * message when it is not one. */
static void attr_time(struct head_rd *r, const char *name, ro_time *t)
{
	xmlChar *v = xmlTextReaderGetAttribute(r->rd, BAD_CAST name);

	if (v && !ro_time_parse((const char *)v, t)) {
		ro_diag_add(r->d, r->path, head_line(r), "'%s' is not a "
			    "date-time: \"%s\"; use YYYY-MM-DDTHH:MM", name,
			    (const char *)v);
		r->nerr++;
	}
	xmlFree(v);
}

/* Attribute name as a whole number from 1 to max; 0 when absent, and a
 * message when it is out of range (a slot grid the report and the
 * batch table could not hold). */
static int64_t attr_range(struct head_rd *r, const char *name, int64_t max)
{
	xmlChar *v = xmlTextReaderGetAttribute(r->rd, BAD_CAST name);
	int64_t x = attr_count(r->rd, name, -1);

	if (!v)
		return 0;
	if (x < 1 || x > max) {
		ro_diag_add(r->d, r->path, head_line(r), "%s=\"%s\" is out of "
			    "range (1 to %" PRId64 ")", name, (const char *)v,
			    max);
		r->nerr++;
		x = 0;
	}
	xmlFree(v);
	return x;
}

static void head_stage(struct head_rd *r, struct ro_schedule_head *h)
{
	struct ro_schedule_head_stage *st;

	if (h->nstages >= (int)(sizeof h->stages / sizeof *h->stages))
		return;   /* the schema allows four */
	st = &h->stages[h->nstages++];
	attr_text(r->rd, "name", st->name, sizeof st->name);
	attr_text(r->rd, "value", st->value, sizeof st->value);
	attr_text(r->rd, "bound", st->bound, sizeof st->bound);
	st->gap = attr_ratio(r->rd, "gap", -1);
	if (st->gap > h->gap)
		h->gap = st->gap;
}

static void head_summary(struct head_rd *r, struct ro_schedule_head *h)
{
	xmlTextReaderPtr rd = r->rd;

	h->placed = attr_count(rd, "placed", 0);
	h->unplaced = attr_count(rd, "unplaced", 0);
	h->makespan_slots = attr_count(rd, "makespan-slots", 0);
	h->overload_bytes = attr_count(rd, "overload-bytes", -1);
	attr_time(r, "makespan", &h->makespan);
	h->peak = attr_ratio(rd, "peak-utilisation", -1);
	h->clients = attr_count(rd, "clients", 0);
	h->after_horizon = attr_count(rd, "after-horizon", 0);
	h->ras_bytes = attr_count(rd, "ras-bytes", 0);
	h->triggers = attr_count(rd, "triggers", 0);
}

/* One element inside <header>, by name; true for <summary>. */
static bool head_element(struct head_rd *r, const char *name,
			 struct ro_schedule_head *h)
{
	xmlTextReaderPtr rd = r->rd;

	if (strcmp(name, "site") == 0) {
		attr_text(rd, "name", h->site, sizeof h->site);
		attr_text(rd, "scenario", h->scenario, sizeof h->scenario);
	} else if (strcmp(name, "horizon") == 0) {
		attr_time(r, "start", &h->start);
		attr_time(r, "end", &h->end);
		h->slot_min = attr_range(r, "slot-minutes", RO_MAX_HORIZON_MIN);
		h->slots = attr_range(r, "slots", RO_MAX_SLOTS);
	} else if (strcmp(name, "options") == 0) {
		char control[16];

		attr_text(rd, "objective", h->objective, sizeof h->objective);
		attr_text(rd, "control", control, sizeof control);
		h->sms20 = strcmp(control, "sms20") == 0;
	} else if (strcmp(name, "solver") == 0) {
		attr_text(rd, "status", h->status, sizeof h->status);
	} else if (strcmp(name, "stage") == 0) {
		head_stage(r, h);
	} else if (strcmp(name, "summary") == 0) {
		head_summary(r, h);
		return true;
	}
	return false;
}

int ro_schedule_read_head(const char *path, struct ro_schedule_head *h,
			  struct ro_diag *d)
{
	struct ro_xml_errors errs;
	struct head_rd r = { NULL, path, d, 0 };
	bool in_header = false, summary = false, done = false;
	char *buf = NULL;
	size_t len = 0;
	int rc, ret = 0;

	if (!path || !h || !d)
		return RO_EARG;
	memset(h, 0, sizeof *h);
	h->gap = -1;
	h->overload_bytes = -1;
	h->peak = -1;
	rc = ro_read_file_head(path, RO_SCHEDULE_HEAD_MAX, &buf, &len, NULL, d);
	if (rc != RO_OK)
		return rc;
	ro_xml_errors_init(&errs, d, path);
	rc = ro_xml_reader_new(buf, len, &errs, &r.rd);
	if (rc != RO_OK)
		goto out_free;
	while (!done && (ret = xmlTextReaderRead(r.rd)) == 1) {
		const char *name =
			(const char *)xmlTextReaderConstLocalName(r.rd);
		int type = xmlTextReaderNodeType(r.rd);

		if (!name)
			continue;
		if (type == XML_READER_TYPE_END_ELEMENT)
			done = strcmp(name, "header") == 0;
		else if (type != XML_READER_TYPE_ELEMENT)
			continue;
		else if (strcmp(name, "header") == 0)
			in_header = true;
		else if (in_header && head_element(&r, name, h))
			summary = true;
	}
	rc = ro_xml_errors_check(&errs);
	if (rc == RO_ENOMEM) {
		/* nothing else to say */
	} else if (errs.dtd) {
		ro_diag_rewind(d, errs.mark);
		ro_diag_add(d, path, 1, "DTD not allowed; remove the <!DOCTYPE>");
		rc = RO_EPARSE;
	} else if (rc == RO_OK && (errs.nerr > 0 || ret < 0)) {
		if (errs.nerr == 0)
			ro_diag_add(d, path, 0, "the schedule is not well-formed");
		rc = RO_EPARSE;
	} else if (rc == RO_OK && (!done || !summary || !h->status[0])) {
		ro_diag_add(d, path, 0, "no <header> with <solver status> and "
			    "<summary>; give a schedule written by rollout plan");
		rc = RO_ESCHEMA;
	} else if (rc == RO_OK && r.nerr) {
		rc = RO_EINVAL;
	}
out_free:
	xmlFreeTextReader(r.rd);
	ro_free(buf);
	return rc;
}

int ro_schedule_scenario(const char *path, char **scenario,
			 struct ro_diag *d)
{
	struct ro_schedule_head h;
	int rc;

	if (scenario)
		*scenario = NULL;
	if (!path || !scenario || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot read the schedule: "
				    "invalid argument");
		return RO_EARG;
	}
	rc = ro_schedule_read_head(path, &h, d);
	if (rc != RO_OK || !h.scenario[0])
		return rc;
	*scenario = ro_strdup(h.scenario);
	if (!*scenario) {
		ro_diag_add(d, path, 0, "cannot read the schedule: out of "
			    "memory");
		return RO_ENOMEM;
	}
	return RO_OK;
}
