/*
 * report.h - a self-contained HTML report of one or more schedules.
 *
 * Input is schedule files only (io/schema/schedule.xsd), read with the safe
 * parser; no site is needed: a schedule states everything the report
 * shows (its header, every client's end or reason, the actions and the
 * bytes against the usable capacity of every link in every slot).  With
 * several schedules (what-if scenarios of one site) their curves share one
 * chart.  Optionally a simulation file (io/schema/simulation.xsd, what
 * `rollout simulate -o` writes without a plan) adds the unplanned peak
 * demand of every link against its capacity.
 *
 * The output is an XHTML document (inline CSS and SVG only: no script, no
 * font, no network) built with libxml2's tree API and serialised so that
 * a browser's HTML parser and an XML parser read the same tree.  The same
 * inputs give the same bytes: no clock, numbers at fixed precision.
 */
#ifndef RO_REPORT_H
#define RO_REPORT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "../model/diag.h"

#define RO_REPORT_MAX_LINKS 40      /* links in the heatmap and charts */
#define RO_REPORT_MAX_UNPLACED 200  /* unplaced clients listed by id */
#define RO_REPORT_MAX_COLUMNS 900   /* time columns; slots are bucketed */
#define RO_REPORT_MAX_SCHEDULES 16

struct ro_report_opts {
	const char *baseline;   /* simulation XML path, or NULL */
	int max_links;          /* default RO_REPORT_MAX_LINKS */
	int max_unplaced;       /* default RO_REPORT_MAX_UNPLACED */
};

void ro_report_opts_init(struct ro_report_opts *o);

/* Reads the n schedules paths[0..n-1] (1 <= n <= RO_REPORT_MAX_SCHEDULES)
 * and o->baseline, and builds the report.  Returns RO_OK with *out set (the
 * caller frees it with xmlFreeDoc), or an error with messages (file:line)
 * in d and *out NULL: RO_EARG, RO_EIO, RO_EPARSE, RO_ESCHEMA, RO_EINVAL (a
 * time off the slot grid, a slot outside the horizon), RO_ELIMIT,
 * RO_ENOMEM. */
int ro_report_build(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, xmlDocPtr *out,
		    struct ro_diag *d);

/* Serialises a report as XHTML that HTML parsers read the same way (no
 * XML declaration; empty elements written as <x></x> except void ones).
 * *buf is owned by the caller (ro_free).  Returns RO_OK or RO_ENOMEM. */
int ro_report_serialise(xmlDocPtr doc, char **buf, size_t *len);

/* ro_report_build, ro_report_serialise, then writes path atomically ("-"
 * for stdout).  Returns RO_OK or an error as above, plus RO_EIO. */
int ro_report_write(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, const char *path,
		    struct ro_diag *d);

#endif
