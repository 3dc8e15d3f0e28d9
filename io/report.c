/*
 * report.c - schedules in, one self-contained XHTML report out (report.h).
 *
 * The page: its head and stylesheet, the overview, the baseline and one
 * section per schedule, put together from the charts (report_chart.c)
 * and tables (report_table.c) of the schedules report_read.c has read;
 * then the public functions, which read, build, serialise and write.
 * report_priv.h says which file holds what.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "atomic.h"
#include "report_priv.h"
#include "version.h"
#include "xmlsafe.h"

/* The links of s: the overload table of an SMS 2.0 forecast, the heatmap
 * and a load chart each, busiest first and the max_links busiest only. */
static void links_part(struct b *b, xmlNodePtr sec, const struct rsched *s,
		       int max_links, struct sbuf *sb)
{
	size_t *order = ro_rp_busiest_links(s);
	size_t nshow = s->nlinks;
	xmlNodePtr p;
	char buf[512];

	if (!order) {
		b->oom = 1;
		return;
	}
	assert(max_links >= 1);
	if (nshow > (size_t)max_links)
		nshow = (size_t)max_links;
	if (s->head.sms20) {
		ro_rp_el(b, sec, "h3", "Load and overload per link");
		ro_rp_el(b, sec, "p", "The forecast's highest bytes over the "
			 "usable capacity of each link in a slot (past 100 % "
			 "where the links are overloaded) and the bytes above "
			 "it, over the forecast's slots; busiest link first.");
		ro_rp_overload_table(b, sec, s, order);
	}
	ro_rp_el(b, sec, "h3", "Link utilisation");
	p = ro_rp_el(b, sec, "p", NULL);
	snprintf(buf, sizeof buf, "Planned bytes over the usable capacity of "
		 "each link, per time column (%" PRId32 " min), busiest "
		 "link first.", ro_rp_bucket_of(s->nslots) * s->slot_min);
	ro_rp_text(b, p, buf);
	if (nshow < s->nlinks) {
		snprintf(buf, sizeof buf, " The %zu busiest of %zu links are "
			 "shown.", nshow, s->nlinks);
		ro_rp_text(b, p, buf);
	}
	ro_rp_text(b, p, " A cell is the highest utilisation of its slots; "
		   "shaded columns are weekends.");
	ro_rp_heatmap(b, sec, s, order, nshow);

	ro_rp_el(b, sec, "h3", "Load against capacity, per link");
	ro_rp_el(b, sec, "p", "Grey: the usable capacity (what background "
		 "load and the share leave). Blue: the bytes planned. Red "
		 "marks under the axis: saturated slots (99 % or more).");
	for (size_t i = 0; i < nshow; i++)
		ro_rp_load_chart(b, sec, s, &s->links[order[i]], sb);
	ro_free(order);
}

/* The section of schedule index (of n): its summary when the overview has
 * not shown it, its links, its actions and the clients left out. */
static void schedule_section(struct b *b, xmlNodePtr body,
			     const struct rsched *s, size_t index, size_t n,
			     int max_links, struct sbuf *sb)
{
	xmlNodePtr sec = ro_rp_el(b, body, "section", NULL);

	ro_rp_setf(b, sec, "id", "schedule-%zu", index + 1);
	ro_rp_set(b, sec, "class", "schedule");
	ro_rp_elf(b, sec, "h2", "%s: %s", s->head.site,
		  s->head.scenario[0] ? s->head.scenario : "base site");
	if (n > 1)   /* else the overview has shown it */
		ro_rp_summary_table(b, sec, s);
	links_part(b, sec, s, max_links, sb);
	if (s->head.sms20) {
		ro_rp_el(b, sec, "h3", "Actions");
		ro_rp_timeline_table(b, sec, s);
		ro_rp_el(b, sec, "h3", "Clients by cause");
		ro_rp_cause_table(b, sec, s);
		ro_rp_el(b, sec, "h3", "Clients not upgraded");
	} else {
		ro_rp_el(b, sec, "h3", "Actions by day");
		ro_rp_actions_table(b, sec, s);
		ro_rp_el(b, sec, "h3", "Unplaced clients");
	}
	ro_rp_unplaced_table(b, sec, s);
}

/* Only characters that read the same in XML and in an HTML <style> (no
 * '<', '>' or '&'), so that the serialiser has nothing to escape. */
static const char css[] =
	"body { font: 14px/1.4 sans-serif; color: #222; margin: 24px; "
	"max-width: 1000px; }\n"
	"h1 { font-size: 22px; } h2 { font-size: 18px; border-top: 2px solid "
	"#ccc; padding-top: 12px; margin-top: 32px; } h3 { font-size: 15px; "
	"margin-top: 20px; }\n"
	"table { border-collapse: collapse; margin: 8px 0; }\n"
	"th, td { text-align: left; padding: 2px 10px 2px 0; "
	"vertical-align: top; }\n"
	"table.compare td, table.actions td, table.unplaced td, "
	"table.compare th, table.actions th, table.unplaced th, "
	"table.overload td, table.timeline td, table.causes td, "
	"table.overload th, table.timeline th, table.causes th { "
	"border-bottom: 1px solid #e4e4e4; padding-right: 18px; }\n"
	"table.summary th { font-weight: normal; color: #666; }\n"
	"svg { display: block; margin: 4px 0 10px 0; }\n"
	"svg text { font: 11px sans-serif; fill: #333; }\n"
	"svg text.chart-title { font-weight: bold; font-size: 12px; }\n"
	"svg text.legend { font-size: 13px; }\n"
	".weekend { fill: #f6f1e4; }\n"
	".grid { stroke: #ddd; stroke-width: 1; }\n"
	".hgrid { stroke: #eee; stroke-width: 1; }\n"
	".axis { stroke: #888; stroke-width: 1; }\n"
	".usable { fill: #d4d4d4; fill-opacity: 0.6; stroke: #8c8c8c; "
	"stroke-width: 1; }\n"
	".load { fill: #3182bd; fill-opacity: 0.6; stroke: #08519c; "
	"stroke-width: 1; }\n"
	".sat { fill: #e4002b; }\n"
	".row { fill: #ececec; fill-opacity: 0.5; }\n"
	".h1 { fill: #deebf7; } .h2 { fill: #9ecae1; } .h3 { fill: #6baed6; } "
	".h4 { fill: #3182bd; } .h5 { fill: #08519c; }\n"
	".cumulative { fill: none; stroke-width: 2.2; }\n"
	".legend-line { stroke-width: 3; }\n"
	".finish { stroke: #fff; stroke-width: 1; }\n"
	".demand { fill: #d55e00; } .planned { fill: #0072b2; }\n"
	".capacity-line { stroke: #e4002b; stroke-width: 1.5; "
	"stroke-dasharray: 4 3; }\n"
	".note { color: #666; }\n"
	"code { background: #f2f2f2; padding: 0 3px; }\n";

/* <head> (title and stylesheet), then the <body> with its heading and the
 * note on what the page was written from; returns the body. */
static xmlNodePtr page_start(struct b *b, xmlNodePtr html,
			     const struct rsched *v, size_t n,
			     const struct rsim *m)
{
	/* room for a site name and a scenario as ro_schedule_head holds them */
	char title[sizeof v->head.site + sizeof v->head.scenario + 32];
	xmlNodePtr head, body, p;

	head = ro_rp_el(b, html, "head", NULL);
	if (n == 1)
		snprintf(title, sizeof title, "rollout report: %s%s%s",
			 v[0].head.site, v[0].head.scenario[0] ? ", " : "",
			 v[0].head.scenario);
	else
		snprintf(title, sizeof title, "rollout report: %s, %zu "
			 "schedules", v[0].head.site, n);
	ro_rp_el(b, head, "title", title);
	ro_rp_el(b, head, "style", css);
	body = ro_rp_el(b, html, "body", NULL);
	ro_rp_el(b, body, "h1", title);
	p = ro_rp_el(b, body, "p", NULL);
	ro_rp_set(b, p, "class", "note");
	ro_rp_text(b, p, "Written by rollout " RO_VERSION " from ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			ro_rp_text(b, p, i + 1 == n ? " and " : ", ");
		ro_rp_el(b, p, "code", v[i].path);
	}
	if (m) {
		ro_rp_text(b, p, ", with the simulation ");
		ro_rp_el(b, p, "code", m->path);
	}
	ro_rp_text(b, p, ".");
	return body;
}

/* The overview: one schedule's summary or the comparison of several, and
 * the clients finished over time. */
static void overview_section(struct b *b, xmlNodePtr body,
			     const struct rsched *v, size_t n,
			     struct sbuf *sb)
{
	xmlNodePtr sec = ro_rp_el(b, body, "section", NULL);

	ro_rp_set(b, sec, "id", "overview");
	ro_rp_el(b, sec, "h2", "Overview");
	if (n > 1)
		ro_rp_comparison_table(b, sec, v, n);
	else
		ro_rp_summary_table(b, sec, &v[0]);
	ro_rp_el(b, sec, "h3", "Clients finished over time");
	ro_rp_el(b, sec, "p", n > 1 ? "One curve per schedule on one time "
		 "axis; a dot marks the last client. Shaded columns are "
		 "weekends." : "The dot marks the last client. Shaded columns "
		 "are weekends.");
	ro_rp_cumulative_chart(b, sec, v, n, sb);
}

/* Without a plan: what the simulation m says, and its chart. */
static void baseline_section(struct b *b, xmlNodePtr body,
			     const struct rsim *m, const struct rsched *v,
			     size_t n, int max_links)
{
	xmlNodePtr sec = ro_rp_el(b, body, "section", NULL), p;
	char buf[512], x[32];

	ro_rp_set(b, sec, "id", "baseline");
	ro_rp_el(b, sec, "h2", "Without a plan");
	p = ro_rp_el(b, sec, "p", NULL);
	snprintf(buf, sizeof buf, "From the simulation of %s%s%s (clients "
		 "starting: %s): %s of its links carry more than they can at "
		 "their peak. Orange: the peak demand over the usable capacity "
		 "at that moment, when every client starts at its first "
		 "chance; blue: the highest utilisation the plan reaches on "
		 "the link. The dashed line is the capacity.",
		 m->site ? m->site : "", m->scenario ? ", scenario " : "",
		 m->scenario ? m->scenario : "", m->starts ? m->starts : "",
		 ro_rp_fmt_count(m->overloaded, x, sizeof x));
	ro_rp_text(b, p, buf);
	ro_rp_baseline_chart(b, sec, m, v, n, max_links, p);
}

/* The page of the n schedules v and the simulation m (or NULL) into *out;
 * RO_OK or RO_ENOMEM. */
static int build(const struct rsched *v, size_t n, const struct rsim *m,
		 const struct ro_report_opts *o, xmlDocPtr *out)
{
	struct b b = { NULL, 0 };
	struct sbuf sb = { NULL, 0, 0, 0 };
	xmlNodePtr html, body;
	xmlNsPtr ns;

	/* ro_report_build has checked the arguments */
	assert(n >= 1 && n <= RO_REPORT_MAX_SCHEDULES && o->max_links >= 1);
	b.doc = xmlNewDoc(BAD_CAST "1.0");
	html = b.doc ? xmlNewDocNode(b.doc, NULL, BAD_CAST "html", NULL) : NULL;
	if (!html) {
		xmlFreeDoc(b.doc);
		return RO_ENOMEM;
	}
	xmlDocSetRootElement(b.doc, html);
	ns = xmlNewNs(html, BAD_CAST XHTML_NS, NULL);
	if (!ns)
		b.oom = 1;
	xmlSetNs(html, ns);
	ro_rp_set(&b, html, "lang", "en");
	body = page_start(&b, html, v, n, m);
	overview_section(&b, body, v, n, &sb);
	if (m)
		baseline_section(&b, body, m, v, n, o->max_links);
	for (size_t i = 0; i < n; i++)
		schedule_section(&b, body, &v[i], i, n, o->max_links, &sb);
	ro_free(sb.p);
	if (b.oom || sb.oom) {
		xmlFreeDoc(b.doc);
		return RO_ENOMEM;
	}
	*out = b.doc;
	return RO_OK;
}

/* ============================ public ============================ */

void ro_report_opts_init(struct ro_report_opts *o)
{
	if (!o)
		return;
	memset(o, 0, sizeof *o);
	o->max_links = RO_REPORT_MAX_LINKS;
	o->max_unplaced = RO_REPORT_MAX_UNPLACED;
}

int ro_report_build(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, xmlDocPtr *out,
		    struct ro_diag *d)
{
	struct ro_report_opts def;
	struct rsched *v;
	struct rsim sim;
	int rc = RO_OK;

	if (out)
		*out = NULL;
	if (!paths || !out || !d || n < 1 || n > RO_REPORT_MAX_SCHEDULES) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot build the report: give "
				    "1 to %d schedules",
				    RO_REPORT_MAX_SCHEDULES);
		return RO_EARG;
	}
	for (size_t i = 0; i < n; i++)
		if (!paths[i]) {
			ro_diag_add(d, NULL, 0, "cannot build the report: "
				    "schedule %zu has no path", i + 1);
			return RO_EARG;
		}
	if (!o) {
		ro_report_opts_init(&def);
		o = &def;
	}
	if (o->max_links < 1 || o->max_unplaced < 0) {
		ro_diag_add(d, NULL, 0, "cannot build the report: max_links "
			    "must be at least 1 and max_unplaced at least 0");
		return RO_EARG;
	}
	v = ro_calloc(n, sizeof *v);
	if (!v)
		return RO_ENOMEM;
	memset(&sim, 0, sizeof sim);
	ro_xml_init();
	/* read them all, so that every file's errors are reported at once */
	for (size_t i = 0; i < n; i++) {
		int r = ro_rp_read_schedule(paths[i], o->max_unplaced, &v[i],
					    d);

		if (r != RO_OK && (rc == RO_OK || r == RO_ENOMEM))
			rc = r;
	}
	if (o->baseline) {
		int r = ro_rp_read_simulation(o->baseline, &sim, d);

		if (r != RO_OK && (rc == RO_OK || r == RO_ENOMEM))
			rc = r;
	}
	if (rc == RO_OK)
		rc = build(v, n, o->baseline ? &sim : NULL, o, out);
	for (size_t i = 0; i < n; i++)
		ro_rp_sched_release(&v[i]);
	ro_free(v);
	ro_rp_sim_release(&sim);
	return rc;
}

int ro_report_serialise(xmlDocPtr doc, char **buf, size_t *len)
{
	static const char doctype[] = "<!DOCTYPE html>\n";
	xmlBufferPtr xb;
	xmlSaveCtxtPtr ctx;
	int rc = RO_ENOMEM;
	size_t n;

	if (!doc || !buf || !len)
		return RO_EARG;
	*buf = NULL;
	*len = 0;
	xb = xmlBufferCreate();
	if (!xb)
		return RO_ENOMEM;
	/* XHTML rules (no <div/>, a charset meta) are applied only to a
	 * document without a DTD node, so the doctype is written here */
	ctx = xmlSaveToBuffer(xb, "UTF-8", XML_SAVE_XHTML | XML_SAVE_NO_DECL |
			      XML_SAVE_FORMAT);
	if (!ctx)
		goto out_free_buffer;
	if (xmlSaveDoc(ctx, doc) < 0) {
		xmlSaveClose(ctx);
		goto out_free_buffer;
	}
	if (xmlSaveClose(ctx) < 0)
		goto out_free_buffer;
	n = (size_t)xmlBufferLength(xb);
	*buf = ro_malloc(sizeof doctype - 1 + n + 1);
	if (!*buf)
		goto out_free_buffer;
	memcpy(*buf, doctype, sizeof doctype - 1);
	memcpy(*buf + sizeof doctype - 1, xmlBufferContent(xb), n);
	*len = sizeof doctype - 1 + n;
	(*buf)[*len] = '\0';
	rc = RO_OK;
out_free_buffer:
	xmlBufferFree(xb);
	return rc;
}

int ro_report_write(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, const char *path,
		    struct ro_diag *d)
{
	xmlDocPtr doc = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	if (!path) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot write the report: no "
				    "output path");
		return RO_EARG;
	}
	rc = ro_report_build(paths, n, o, &doc, d);
	if (rc != RO_OK)
		return rc;
	rc = ro_report_serialise(doc, &buf, &len);
	xmlFreeDoc(doc);
	if (rc == RO_OK)
		rc = ro_write_file_atomic(path, buf, len, d);
	ro_free(buf);
	return rc;
}
