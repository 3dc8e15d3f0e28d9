/*
 * schedule_head.c - the figures of a schedule's header, without the site.
 *
 * rollout batch puts the figures of every run in one table and reads them
 * from the schedule each run wrote, a documented format, rather than from
 * the summary text meant for people; verify and simulate read the
 * scenario a refused schedule was planned for (ro_schedule_scenario).  The file is one of ours, but it sits
 * in a directory others may write to and is read with the care of any
 * input: through the streaming reader of io/xmlsafe.c, the first
 * RO_SCHEDULE_HEAD_MAX bytes only (the header is at the top), stopping
 * after </header>.  No schema: the rest of the document is not read.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
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

int ro_schedule_read_head(const char *path, struct ro_schedule_head *h,
			  struct ro_diag *d)
{
	struct ro_xml_errors errs;
	xmlTextReaderPtr rd = NULL;
	bool in_header = false, summary = false, done = false;
	char *buf = NULL;
	size_t len = 0;
	int rc, ret = 0;

	if (!path || !h || !d)
		return RO_EARG;
	memset(h, 0, sizeof *h);
	h->gap = -1;
	h->overload_bytes = -1;
	rc = ro_read_file_head(path, RO_SCHEDULE_HEAD_MAX, &buf, &len, NULL, d);
	if (rc != RO_OK)
		return rc;
	ro_xml_errors_init(&errs, d, path);
	rc = ro_xml_reader_new(buf, len, &errs, &rd);
	if (rc != RO_OK)
		goto out_free;
	while (!done && (ret = xmlTextReaderRead(rd)) == 1) {
		const char *name = (const char *)xmlTextReaderConstLocalName(rd);
		int type = xmlTextReaderNodeType(rd);

		if (!name)
			continue;
		if (type == XML_READER_TYPE_END_ELEMENT) {
			done = strcmp(name, "header") == 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (strcmp(name, "header") == 0) {
			in_header = true;
		} else if (!in_header) {
			continue;
		} else if (strcmp(name, "site") == 0) {
			xmlChar *v = xmlTextReaderGetAttribute(rd,
							       BAD_CAST "scenario");

			if (v && strlen((const char *)v) < sizeof h->scenario)
				strcpy(h->scenario, (const char *)v);
			xmlFree(v);
		} else if (strcmp(name, "horizon") == 0) {
			h->slot_min = attr_count(rd, "slot-minutes", 0);
		} else if (strcmp(name, "options") == 0) {
			xmlChar *v = xmlTextReaderGetAttribute(rd,
							       BAD_CAST "control");

			h->sms20 = v && strcmp((const char *)v, "sms20") == 0;
			xmlFree(v);
		} else if (strcmp(name, "solver") == 0) {
			xmlChar *v = xmlTextReaderGetAttribute(rd, BAD_CAST "status");

			if (v && strlen((const char *)v) < sizeof h->status)
				strcpy(h->status, (const char *)v);
			xmlFree(v);
		} else if (strcmp(name, "stage") == 0) {
			double g = attr_ratio(rd, "gap", -1);

			if (g > h->gap)
				h->gap = g;
		} else if (strcmp(name, "summary") == 0) {
			h->placed = attr_count(rd, "placed", 0);
			h->unplaced = attr_count(rd, "unplaced", 0);
			h->makespan_slots = attr_count(rd, "makespan-slots", 0);
			h->overload_bytes = attr_count(rd, "overload-bytes", -1);
			summary = true;
		}
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
	}
out_free:
	xmlFreeTextReader(rd);
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
