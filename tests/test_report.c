/*
 * test_report.c - the HTML report (io/report.h).
 *
 * The report of tests/data/schedule/small.xml is parsed back as XML (it is
 * XHTML) and its SVG numbers are checked against figures worked out by
 * hand from that schedule: six 1-hour slots from 2026-11-30T22:00, links
 * "hq" (36,000,000 usable bytes per slot) and "wan" (1,800,000), 5 clients
 * placed and 1 unplaced.  Chart geometry (io/report.c): plot from x = 150
 * to 970 (820 px), so a 1-hour column is 136.67 px wide; a load chart's
 * plot spans y = 24 .. 114 (90 px), the cumulative chart's y = 12 .. 232
 * (220 px).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../io/report.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "fixture.h"

#define SMALL "data/schedule/small.xml"

static char tmpdir[64];

static void setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/ro-report.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	ro_xml_cleanup();
}

static char *tmp_path(const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
	return buf;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* The whole of a file, NUL-terminated (plain malloc: test side). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Builds and serialises the report of paths; returns the text (ro_free). */
static char *render(const char *const *paths, size_t n,
		    const struct ro_report_opts *o, size_t *len)
{
	struct ro_diag d;
	xmlDocPtr doc = NULL;
	char *buf = NULL;
	int rc;

	ro_diag_init(&d);
	rc = ro_report_build(paths, n, o, &doc, &d);
	ck_assert_msg(rc == RO_OK, "build: %s (%s)", ro_strerror(rc),
		      d.n ? d.v[0].msg : "no message");
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(ro_report_serialise(doc, &buf, len), RO_OK);
	xmlFreeDoc(doc);
	ro_diag_release(&d);
	return buf;
}

/* The report as an XML document with an XPath context that knows the
 * prefixes h (XHTML) and s (SVG). */
struct parsed {
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

static struct parsed parse(const char *buf, size_t len)
{
	struct parsed p;

	p.doc = xmlReadMemory(buf, (int)len, "report.html", NULL,
			      XML_PARSE_NONET);
	ck_assert_msg(p.doc != NULL, "the report is not well-formed XML");
	p.xp = xmlXPathNewContext(p.doc);
	ck_assert_ptr_nonnull(p.xp);
	xmlXPathRegisterNs(p.xp, BAD_CAST "h",
			   BAD_CAST "http://www.w3.org/1999/xhtml");
	xmlXPathRegisterNs(p.xp, BAD_CAST "s",
			   BAD_CAST "http://www.w3.org/2000/svg");
	return p;
}

static void parsed_free(struct parsed *p)
{
	xmlXPathFreeContext(p->xp);
	xmlFreeDoc(p->doc);
}

static double xnum(struct parsed *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, p->xp);
	double v;

	ck_assert_msg(o != NULL, "bad xpath %s", expr);
	v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

/* The string value of expr, copied into buf. */
static const char *xstr(struct parsed *p, const char *expr, char *buf,
			size_t n)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, p->xp);
	xmlChar *s;

	ck_assert_msg(o != NULL, "bad xpath %s", expr);
	s = xmlXPathCastToString(o);
	snprintf(buf, n, "%s", s ? (const char *)s : "");
	xmlFree(s);
	xmlXPathFreeObject(o);
	return buf;
}

/* The y of a stepped outline (x,y pairs) at x, between its points. */
static double step_y_at(const char *points, double x)
{
	double px, py, qx, qy;
	int k;

	while (sscanf(points, "%lf,%lf %lf,%lf%n", &px, &py, &qx, &qy, &k) ==
	       4) {
		if (py == qy && px <= x && x < qx)
			return py;
		points += k;
		while (*points == ' ')
			points++;
	}
	return NAN;
}

START_TEST(test_load_chart_hand)
{
	const char *paths[] = { SMALL };
	struct parsed p;
	char buf[1024];
	size_t len;
	char *html = render(paths, 1, NULL, &len);

	p = parse(html, len);
	/* wan: usable 1,800,000 in every slot (ymax), so the capacity is one
	 * flat run at the top, y = 24.  Planned: 0, 1,800,000, 0, 900,000,
	 * 0, 0: y = 114, 24, 114, 24 + 90 / 2 = 69, 114 (last two merged) */
	ck_assert_str_eq(xstr(&p, "string(//s:svg[@data-link='wan']"
			      "/s:polygon[@class='usable']/@points)", buf,
			      sizeof buf),
			 "150.00,24.00 970.00,24.00 970.00,114.00 150.00,114.00");
	ck_assert_str_eq(xstr(&p, "string(//s:svg[@data-link='wan']"
			      "/s:polygon[@class='load']/@points)", buf,
			      sizeof buf),
			 "150.00,114.00 286.67,114.00 286.67,24.00 423.33,24.00 "
			 "423.33,114.00 560.00,114.00 560.00,69.00 696.67,69.00 "
			 "696.67,114.00 970.00,114.00 970.00,114.00 150.00,114.00");
	/* slot 1 of wan is full (1.0 >= 0.99): one red mark under it */
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@data-link='wan']"
				   "/s:rect[@class='sat'])"), 1);
	ck_assert_str_eq(xstr(&p, "string(//s:svg[@data-link='wan']"
			      "/s:rect[@class='sat']/@x)", buf, sizeof buf),
			 "286.67");
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@data-link='hq']"
				   "/s:rect[@class='sat'])"), 0);
	/* busiest first: wan (peak 1.0) before hq (0.0625) */
	ck_assert_str_eq(xstr(&p, "string((//s:svg[@class='load-chart'])[1]"
			      "/@data-link)", buf, sizeof buf), "wan");
	parsed_free(&p);
	ro_free(html);
}
END_TEST

/* Every link and slot of the schedule: the planned outline at the middle
 * of the slot's column is at bytes / ymax of the plot, ymax being the
 * largest of bytes and usable over the link's slots. */
START_TEST(test_load_chart_every_slot)
{
	const char *paths[] = { SMALL };
	size_t slen, len;
	/* read by hand: ro_xml_init's entity loader refuses xmlReadFile */
	char *text = slurp(SMALL, &slen);
	xmlDocPtr sched = xmlReadMemory(text, (int)slen, SMALL, NULL,
					XML_PARSE_NONET);
	xmlXPathContextPtr sx;
	struct parsed p;
	char *html = render(paths, 1, NULL, &len);
	int checked = 0;

	ck_assert_ptr_nonnull(sched);
	sx = xmlXPathNewContext(sched);
	p = parse(html, len);
	for (int l = 1; l <= 2; l++) {
		char expr[256], id[64], points[4096];
		double ymax = 0, bytes[6], usable[6];
		struct parsed s = { sched, sx };

		snprintf(expr, sizeof expr, "string(//link[%d]/@id)", l);
		xstr(&s, expr, id, sizeof id);
		for (int t = 0; t < 6; t++) {
			snprintf(expr, sizeof expr, "number(//link[%d]/slot"
				 "[@t='%d']/@bytes)", l, t);
			bytes[t] = xnum(&s, expr);
			snprintf(expr, sizeof expr, "number(//link[%d]/slot"
				 "[@t='%d']/@usable)", l, t);
			usable[t] = xnum(&s, expr);
			ymax = fmax(ymax, fmax(bytes[t], usable[t]));
		}
		snprintf(expr, sizeof expr, "string(//s:svg[@data-link='%s']"
			 "/s:polygon[@class='load']/@points)", id);
		xstr(&p, expr, points, sizeof points);
		for (int t = 0; t < 6; t++) {
			double x = 150 + 820.0 * (t + 0.5) / 6;
			double want = 24 + 90 - bytes[t] / ymax * 90;

			ck_assert_msg(fabs(step_y_at(points, x) - want) < 0.006,
				      "link %s slot %d: y %.2f, expected %.2f",
				      id, t, step_y_at(points, x), want);
			checked++;
		}
	}
	ck_assert_int_eq(checked, 12);
	parsed_free(&p);
	xmlXPathFreeContext(sx);
	xmlFreeDoc(sched);
	free(text);
	ro_free(html);
}
END_TEST

START_TEST(test_heatmap)
{
	const char *paths[] = { SMALL };
	struct parsed p;
	char buf[64];
	size_t len;
	char *html = render(paths, 1, NULL, &len);

	p = parse(html, len);
	/* a cell per link and slot with bytes: hq 1, 2, 3; wan 1, 3 */
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@class='heatmap']"
				   "/s:g/s:rect)"), 5);
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@class='heatmap']"
				   "/s:g[@data-link='hq']/s:rect)"), 3);
	/* wan: 1.0 saturated, 0.5 in the 40-60 % bin; hq all below 20 % */
	ck_assert_str_eq(xstr(&p, "string(//s:g[@data-link='wan']/s:rect[1]"
			      "/@class)", buf, sizeof buf), "cell sat");
	ck_assert_str_eq(xstr(&p, "string(//s:g[@data-link='wan']/s:rect[2]"
			      "/@class)", buf, sizeof buf), "h3");
	ck_assert_str_eq(xstr(&p, "string(//s:g[@data-link='wan']/s:rect[2]"
			      "/@x)", buf, sizeof buf), "560.00");
	ck_assert_int_eq((int)xnum(&p, "count(//s:g[@data-link='hq']"
				   "/s:rect[@class='h1'])"), 3);
	/* the row labels, busiest first */
	ck_assert_str_eq(xstr(&p, "string(//s:svg[@class='heatmap']"
			      "/s:text[@class='row-label'][1])", buf,
			      sizeof buf), "wan");
	parsed_free(&p);
	ro_free(html);
}
END_TEST

START_TEST(test_max_links)
{
	const char *paths[] = { SMALL };
	struct ro_report_opts o;
	struct parsed p;
	size_t len;
	char *html;

	ro_report_opts_init(&o);
	o.max_links = 1;
	html = render(paths, 1, &o, &len);
	p = parse(html, len);
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@class='load-chart'])"),
			 1);
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@class='heatmap']"
				   "/s:g)"), 1);
	ck_assert_int_eq((int)xnum(&p, "count(//h:p[contains(., 'The 1 "
				   "busiest of 2 links are shown')])"), 1);
	parsed_free(&p);
	ro_free(html);
}
END_TEST

START_TEST(test_cumulative)
{
	const char *paths[] = { SMALL };
	struct parsed p;
	char buf[512];
	size_t len;
	char *html = render(paths, 1, NULL, &len);

	p = parse(html, len);
	/* 6 clients (y scale), completions: 3 at slot 2 (00:00), 1 at
	 * slot 4, 1 at slot 5: y = 232 - k * 220 / 6 */
	ck_assert_str_eq(xstr(&p, "string(//s:polyline[@class='cumulative']"
			      "/@points)", buf, sizeof buf),
			 "150.00,232.00 423.33,232.00 423.33,122.00 "
			 "696.67,122.00 696.67,85.33 833.33,85.33 "
			 "833.33,48.67 970.00,48.67");
	/* the last point is the placed count: 232 - 5 * 220 / 6 */
	ck_assert_str_eq(xstr(&p, "string(//s:circle[@class='finish']/@cy)",
			      buf, sizeof buf), "48.67");
	ck_assert_str_eq(xstr(&p, "string(//s:circle[@class='finish']/@cx)",
			      buf, sizeof buf), "833.33");
	ck_assert_str_eq(xstr(&p, "string(//s:svg[@class='cumulative-chart']"
			      "//s:text[@class='legend'])", buf, sizeof buf),
			 "night: 5 of 6 clients, the last finishing Tue 1 Dec "
			 "03:00");
	parsed_free(&p);
	ro_free(html);
}
END_TEST

START_TEST(test_summary_actions_unplaced)
{
	const char *paths[] = { SMALL };
	struct ro_report_opts o;
	struct parsed p;
	char buf[512];
	size_t len;
	char *html = render(paths, 1, NULL, &len);

	p = parse(html, len);
	/* names from the file are escaped, not pasted */
	ck_assert_str_eq(xstr(&p, "string(//h:title)", buf, sizeof buf),
			 "rollout report: small & <test>, night");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='unplaced']/h:td)", buf, sizeof buf),
			 "1 capacity");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='makespan']/h:td)", buf, sizeof buf),
			 "0 d 05:00 (5 slots), the last client finishing "
			 "2026-12-01T03:00 (Tue 1 Dec 03:00)");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='stage makespan']/h:td)", buf, sizeof buf),
			 "5 (bound 4, gap 20.00 %)");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='solver status']/h:td)", buf, sizeof buf),
			 "feasible (objective lexicographic)");
	/* two days of actions */
	ck_assert_int_eq((int)xnum(&p, "count(//h:table[@class='actions']"
				   "/h:tr)"), 3);
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='actions']/h:tr[2]"
			      "/h:td[1])", buf, sizeof buf), "Mon 2026-11-30");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='actions']/h:tr[2]"
			      "/h:td[2])", buf, sizeof buf), "expire");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='actions']/h:tr[2]"
			      "/h:td[3])", buf, sizeof buf),
			 "disable, enable for 2 clients");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='actions']/h:tr[3]"
			      "/h:td[4])", buf, sizeof buf),
			 "1 client in 1 push");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='actions']/h:tr[3]"
			      "/h:td[2])", buf, sizeof buf), "re-enable");
	/* the unplaced client */
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='unplaced']/h:tr[2]"
			      "/h:td[1])", buf, sizeof buf), "OLD");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='unplaced']/h:tr[2]"
			      "/h:td[2])", buf, sizeof buf), "capacity");
	parsed_free(&p);
	ro_free(html);

	/* with none listed: the count */
	ro_report_opts_init(&o);
	o.max_unplaced = 0;
	html = render(paths, 1, &o, &len);
	p = parse(html, len);
	ck_assert_int_eq((int)xnum(&p, "count(//h:table[@class='unplaced']"
				   "/h:tr)"), 1);
	ck_assert_int_eq((int)xnum(&p, "count(//h:p[contains(., 'and 1 more "
				   "unplaced clients')])"), 1);
	parsed_free(&p);
	ro_free(html);
}
END_TEST


/*
 * An SMS 2.0 schedule (data/schedule/sms.xml): two NT clients behind a
 * 64 kbit/s WAN (7,200,000 usable bytes a slot), 24 slots of 15 minutes
 * from Monday 08:00; the release at 10:00, the CAPs ready at 11:00; both
 * copy 7,340,032 bytes in 2 slots from their 12:00 CCIM tick: 7,340,032
 * bytes in each of slots 16 and 17 on wan and on hq (900,000,000 usable),
 * 101.9 % of wan, 140,032 bytes above it twice: 280,064 (0.27 MB).  The
 * report's time axis runs a week past the horizon: 24 + 672 slots.
 */
START_TEST(test_sms20)
{
	const char *paths[] = { "data/schedule/sms.xml" };
	struct parsed p;
	char buf[512];
	size_t len;
	char *html = render(paths, 1, NULL, &len);

	p = parse(html, len);
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='horizon']/h:td)", buf, sizeof buf),
			 "2026-11-30T08:00 to 2026-11-30T14:00, 24 slots of "
			 "15 minutes");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='release']/h:td)", buf, sizeof buf),
			 "2026-11-30T10:00 (Mon 30 Nov 10:00)");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='overload']/h:td)", buf, sizeof buf),
			 "0.27 MB above the usable capacity of the links, "
			 "0.00 MB over dial-up lines");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='summary']/h:tr"
			      "[h:th='clients upgraded']/h:td)", buf,
			      sizeof buf), "2 of 2");
	ck_assert_int_eq((int)xnum(&p, "count(//h:table[@class='summary']"
				   "/h:tr[h:th='control' and contains(h:td, "
				   "'to 2026-12-07T14:00')])"), 1);
	/* busiest first: wan, the only one with overload */
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='overload']/h:tr[2]"
			      "/h:td[1])", buf, sizeof buf), "wan");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='overload']/h:tr[2]"
			      "/h:td[2])", buf, sizeof buf), "101.9 %");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='overload']/h:tr[2]"
			      "/h:td[3])", buf, sizeof buf), "0.27 MB");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='overload']/h:tr[3]"
			      "/h:td[1])", buf, sizeof buf), "hq");
	/* the actions in time order, the release third */
	ck_assert_int_eq((int)xnum(&p, "count(//h:table[@class='timeline']"
				   "/h:tr)"), 6);
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='timeline']/h:tr[4]"
			      "/h:td[2])", buf, sizeof buf),
			 "apply-service-pack");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='timeline']/h:tr[4]"
			      "/h:td[3])", buf, sizeof buf),
			 "the release: every CAP has the files at "
			 "2026-11-30T11:00");
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='timeline']/h:tr[6]"
			      "/h:td[3])", buf, sizeof buf), "all");
	/* both by their CCIM tick */
	ck_assert_int_eq((int)xnum(&p, "count(//h:table[@class='causes']"
				   "/h:tr)"), 2);
	ck_assert_str_eq(xstr(&p, "string(//h:table[@class='causes']/h:tr[2]"
			      "/h:td[2])", buf, sizeof buf), "2");
	ck_assert_int_eq((int)xnum(&p, "count(//h:p[.='The forecast upgrades "
				   "every client.'])"), 1);
	parsed_free(&p);
	ro_free(html);
}
END_TEST

START_TEST(test_several_and_deterministic)
{
	const char *paths[] = { SMALL, SMALL };
	struct parsed p;
	size_t len, len2;
	char *a = render(paths, 2, NULL, &len);
	char *b = render(paths, 2, NULL, &len2);

	ck_assert_uint_eq(len, len2);
	ck_assert_int_eq(memcmp(a, b, len), 0);
	ck_assert_int_eq(strncmp(a, "<!DOCTYPE html>\n<html", 21), 0);
	p = parse(a, len);
	/* one curve and one legend entry per schedule, distinct colours */
	ck_assert_int_eq((int)xnum(&p, "count(//s:polyline[@class="
				   "'cumulative'])"), 2);
	ck_assert_int_eq((int)xnum(&p, "count(//s:text[@class='legend'])"), 2);
	ck_assert_int_eq((int)xnum(&p, "count(//h:table[@class='compare']"
				   "/h:tr)"), 3);
	ck_assert_int_eq((int)xnum(&p, "count(//h:section[@class="
				   "'schedule'])"), 2);
	ck_assert_int_eq((int)xnum(&p, "count(//s:polyline[@style="
				   "'stroke:#0072b2'])"), 1);
	ck_assert_int_eq((int)xnum(&p, "count(//s:polyline[@style="
				   "'stroke:#d55e00'])"), 1);
	/* nothing external: no script, no link, no src */
	ck_assert_int_eq((int)xnum(&p, "count(//h:script | //h:link | "
				   "//@src)"), 0);
	parsed_free(&p);
	ro_free(a);
	ro_free(b);
}
END_TEST

static const char simulation[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<simulation version=\"1\" generator=\"rollout 0.1.0\">\n"
	"  <site name=\"small\" scenario=\"night\"/>\n"
	"  <horizon start=\"2026-11-30T22:00\" end=\"2026-12-01T04:00\" "
	"slot-minutes=\"60\" slots=\"6\"/>\n"
	"  <summary starts=\"first-opportunity\" clients=\"6\" started=\"6\" "
	"finished=\"6\" unfinished=\"0\" never=\"0\" "
	"reboots-in-office-hours=\"0\" overloaded-links=\"1\" "
	"finish-slot=\"5\" finish=\"2026-12-01T03:00\"/>\n"
	"  <links>\n"
	"    <link id=\"hq\" peak-demand=\"0\" overload-slots=\"0\" "
	"overload-minutes=\"0\" bytes=\"0\"/>\n"
	"    <link id=\"wan\" peak-demand=\"9000000\" peak-slot=\"1\" "
	"peak-at=\"2026-11-30T23:00\" peak-usable=\"1800000\" "
	"overload-slots=\"2\" overload-minutes=\"120\" bytes=\"4500000\"/>\n"
	"  </links>\n"
	"  <clients/>\n"
	"</simulation>\n";

START_TEST(test_baseline)
{
	const char *paths[] = { SMALL };
	struct ro_report_opts o;
	struct parsed p;
	char sim[128], buf[256];
	size_t len;
	char *html;

	write_text(tmp_path("sim.xml", sim, sizeof sim), simulation);
	ro_report_opts_init(&o);
	o.baseline = sim;
	html = render(paths, 1, &o, &len);
	p = parse(html, len);
	/* only links with demand; wan at 9,000,000 / 1,800,000 = 5 times its
	 * capacity (the full bar, 610 px), planned peak 1.0 (610 / 5) */
	ck_assert_int_eq((int)xnum(&p, "count(//s:svg[@class="
				   "'baseline-chart']/s:g)"), 1);
	ck_assert_str_eq(xstr(&p, "string(//s:g[@data-link='wan']/s:rect"
			      "[@class='demand']/@data-ratio)", buf, sizeof buf),
			 "5.0000");
	ck_assert_str_eq(xstr(&p, "string(//s:g[@data-link='wan']/s:rect"
			      "[@class='demand']/@width)", buf, sizeof buf),
			 "610.00");
	ck_assert_str_eq(xstr(&p, "string(//s:g[@data-link='wan']/s:rect"
			      "[@class='planned']/@width)", buf, sizeof buf),
			 "122.00");
	ck_assert_str_eq(xstr(&p, "string(//s:svg[@class='baseline-chart']"
			      "/s:g/s:text[2])", buf, sizeof buf),
			 "5.00 x at Mon 30 Nov 23:00");
	parsed_free(&p);
	ro_free(html);
}
END_TEST

START_TEST(test_write_file)
{
	const char *paths[] = { SMALL };
	struct ro_diag d;
	char out[128];
	size_t len, flen;
	char *html = render(paths, 1, NULL, &len), *file;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_report_write(paths, 1, NULL,
					 tmp_path("r.html", out, sizeof out),
					 &d), RO_OK);
	file = slurp(out, &flen);
	ck_assert_uint_eq(flen, len);
	ck_assert_int_eq(memcmp(file, html, len), 0);
	free(file);
	/* an unwritable place: RO_EIO, a message naming it */
	ck_assert_int_eq(ro_report_write(paths, 1, NULL,
					 tmp_path("no/such/dir.html", out,
						  sizeof out), &d), RO_EIO);
	ck_assert_uint_ge(d.n, 1);
	ro_diag_release(&d);
	ro_free(html);
}
END_TEST

START_TEST(test_bad_arguments)
{
	const char *paths[] = { SMALL };
	const char *nullpath[] = { NULL };
	struct ro_report_opts o;
	struct ro_diag d;
	xmlDocPtr doc = (xmlDocPtr)1;
	char *buf;
	size_t len;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_report_build(NULL, 1, NULL, &doc, &d), RO_EARG);
	ck_assert_ptr_null(doc);
	ck_assert_int_eq(ro_report_build(paths, 0, NULL, &doc, &d), RO_EARG);
	ck_assert_int_eq(ro_report_build(paths, RO_REPORT_MAX_SCHEDULES + 1,
					 NULL, &doc, &d), RO_EARG);
	ck_assert_int_eq(ro_report_build(nullpath, 1, NULL, &doc, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_report_build(paths, 1, NULL, NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_report_build(paths, 1, NULL, &doc, NULL), RO_EARG);
	ro_report_opts_init(&o);
	o.max_links = 0;
	ck_assert_int_eq(ro_report_build(paths, 1, &o, &doc, &d), RO_EARG);
	ck_assert_int_eq(ro_report_serialise(NULL, &buf, &len), RO_EARG);
	ck_assert_int_eq(ro_report_write(paths, 1, NULL, NULL, &d), RO_EARG);
	ro_report_opts_init(NULL);   /* no crash */
	ck_assert_uint_ge(d.n, 1);
	ro_diag_release(&d);
}
END_TEST

START_TEST(test_bad_inputs)
{
	struct ro_diag d;
	xmlDocPtr doc = NULL;
	char off[128];
	const char *missing[] = { "data/schedule/no-such-file.xml" };
	const char *site[] = { "../examples/small.xml" };
	const char *offgrid[] = { off };
	size_t len;
	char *text = slurp(SMALL, &len), *at;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_report_build(missing, 1, NULL, &doc, &d), RO_EIO);
	ck_assert_ptr_null(doc);
	ro_diag_release(&d);

	/* a site file is not a schedule: the schema says so */
	ro_diag_init(&d);
	ck_assert_int_eq(ro_report_build(site, 1, NULL, &doc, &d),
			 RO_ESCHEMA);
	ro_diag_release(&d);

	/* HQ-NT01 (line 14) ends at 00:30, between two slots */
	at = strstr(text, " end=\"2026-12-01T00:00\"");   /* not transfer-end */
	ck_assert_ptr_nonnull(at);
	memcpy(at + strlen(" end=\"2026-12-01T00:"), "30", 2);
	write_text(tmp_path("off.xml", off, sizeof off), text);
	ro_diag_init(&d);
	ck_assert_int_eq(ro_report_build(offgrid, 1, NULL, &doc, &d),
			 RO_EINVAL);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].file, off);
	ck_assert_int_eq(d.v[0].line, 14);
	ck_assert_str_eq(d.v[0].msg, "'end' is not a slot boundary of the "
			 "horizon; give the schedule rollout wrote");
	ro_diag_release(&d);

	/* the header is read by ro_schedule_read_head, with its checks and
	 * the line of the element (5: <horizon>) */
	free(text);
	text = slurp(SMALL, &len);
	at = strstr(text, "start=\"2026-11-30T22:00\"");
	ck_assert_ptr_nonnull(at);
	memcpy(at + strlen("start=\"2026-11-"), "31", 2);
	at = strstr(text, "slot-minutes=\"60\"");
	ck_assert_ptr_nonnull(at);
	{
		/* a slot of a million minutes: longer than any horizon */
		char *big = malloc(len + 8);

		ck_assert_ptr_nonnull(big);
		at += strlen("slot-minutes=\"");
		sprintf(big, "%.*s1000000%s", (int)(at - text), text, at + 2);
		write_text(tmp_path("head.xml", off, sizeof off), big);
		free(big);
	}
	ro_diag_init(&d);
	ck_assert_int_eq(ro_report_build(offgrid, 1, NULL, &doc, &d),
			 RO_EINVAL);
	ck_assert_ptr_null(doc);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_int_eq(d.v[0].line, 5);
	ck_assert_str_eq(d.v[0].msg, "'start' is not a date-time: "
			 "\"2026-11-31T22:00\"; use YYYY-MM-DDTHH:MM");
	ck_assert_int_eq(d.v[1].line, 5);
	ck_assert_str_eq(d.v[1].msg, "slot-minutes=\"1000000\" is out of "
			 "range (1 to 527040)");
	ro_diag_release(&d);

	/* a baseline that is not a simulation */
	{
		struct ro_report_opts o;
		const char *paths[] = { SMALL };

		ro_report_opts_init(&o);
		o.baseline = SMALL;
		ro_diag_init(&d);
		ck_assert_int_eq(ro_report_build(paths, 1, &o, &doc, &d),
				 RO_ESCHEMA);
		ro_diag_release(&d);
	}
	free(text);
}
END_TEST

/* Every allocation of the library failing in turn: RO_ENOMEM, no leak,
 * until the report builds. */
START_TEST(test_out_of_memory)
{
	const char *paths[] = { SMALL };
	long live = ro_alloc_live();
	int rc = RO_ENOMEM;

	for (long k = 1; rc == RO_ENOMEM && k < 100000; k++) {
		struct ro_diag d;
		xmlDocPtr doc = NULL;

		ro_diag_init(&d);
		ro_alloc_fail_at(k, 1);
		rc = ro_report_build(paths, 1, NULL, &doc, &d);
		ro_alloc_fail_at(0, 0);
		ro_diag_release(&d);
		xmlFreeDoc(doc);
		ck_assert_msg(rc == RO_OK || rc == RO_ENOMEM,
			      "allocation %ld failing: %s", k, ro_strerror(rc));
		ck_assert_int_eq(ro_alloc_live(), live);
	}
	ck_assert_int_eq(rc, RO_OK);
}
END_TEST

Suite *suite_report(void)
{
	Suite *s = suite_create("report");
	TCase *c = fx_tcase_create("Charts");
	TCase *e = fx_tcase_create("Errors");

	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, test_load_chart_hand);
	tcase_add_test(c, test_load_chart_every_slot);
	tcase_add_test(c, test_heatmap);
	tcase_add_test(c, test_max_links);
	tcase_add_test(c, test_cumulative);
	tcase_add_test(c, test_summary_actions_unplaced);
	tcase_add_test(c, test_sms20);
	tcase_add_test(c, test_several_and_deterministic);
	tcase_add_test(c, test_baseline);
	tcase_add_test(c, test_write_file);
	suite_add_tcase(s, c);
	tcase_add_checked_fixture(e, setup, teardown);
	tcase_add_test(e, test_bad_arguments);
	tcase_add_test(e, test_bad_inputs);
	tcase_add_test(e, test_out_of_memory);
	suite_add_tcase(s, e);
	return s;
}
