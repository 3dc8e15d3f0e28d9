/*
 * test_hostile.c - hostile input, class by class, through the site reader
 * as `rollout plan` uses it (ro_site_load / ro_site_load_memory) and the
 * CSV reader: every bad document is refused with its exact first message
 * and line, no site comes out, and nothing leaks.
 *
 * What test_xmlsafe.c checks on ro_xml_parse (DTDs, depth, NUL, empty,
 * tag mismatch, gzip on ro_read_file) is checked here again on the
 * streaming site reader, which is a different libxml2 path (xmlTextReader
 * with a schema plugged in).  The files are in tests/data/hostile/; inputs
 * too large to commit (an 11 MB attribute, a 512 MiB file, 70,000 lines)
 * are made at run time.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/csv.h"
#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "../solver/solve.h"
#include "fixture.h"

static struct ro_diag d;

static void setup(void)
{
	ro_diag_init(&d);
}

static void teardown(void)
{
	ro_xml_prescan_enable(true);
	ro_diag_release(&d);
	ro_xml_cleanup();
}

static void dump(void)
{
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "  %s:%ld: %s\n", d.v[i].file ? d.v[i].file : "-",
			d.v[i].line, d.v[i].msg);
}

/* One refused file: its error code, and its first message exactly. */
struct refusal {
	const char *file;     /* under data/hostile/ */
	int rc;
	long line;
	const char *msg;
	size_t n;             /* messages in all; 0: not checked */
};

static void expect_refusal(const struct refusal *w)
{
	char path[256];
	struct ro_site *s = (struct ro_site *)1;
	int rc;

	snprintf(path, sizeof path, "data/hostile/%s", w->file);
	ro_diag_release(&d);
	rc = ro_site_load(path, NULL, &s, &d);
	if (rc != w->rc || d.n == 0 || strcmp(d.v[0].msg, w->msg) != 0 ||
	    d.v[0].line != w->line || (w->n && d.n != w->n)) {
		fprintf(stderr, "%s: rc %d, %zu messages:\n", w->file, rc, d.n);
		dump();
	}
	ck_assert_int_eq(rc, w->rc);
	ck_assert_ptr_null(s);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[0].file, path);
	ck_assert_int_eq(d.v[0].line, w->line);
	ck_assert_str_eq(d.v[0].msg, w->msg);
	if (w->n)
		ck_assert_uint_eq(d.n, w->n);
}

static void expect_all(const struct refusal *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_refusal(&w[i]);
}

#define DTD_MSG "DTD not allowed; remove the <!DOCTYPE>"
#define UTF32_MSG "the file is in UTF-32 (or UCS-4), which is not accepted; " \
	"convert it to UTF-8"
#define EBCDIC_MSG "the file is in EBCDIC, which is not accepted; convert " \
	"it to UTF-8"

START_TEST(not_well_formed)
{
	static const struct refusal w[] = {
		{ "truncated.xml", RO_EPARSE, 3,
		  "an attribute is not written name=\"value\" (an = or a quote is "
		  "missing, or the tag is cut short); write each attribute as "
		  "name=\"value\" (column 34)", 2 },
		{ "tag-mismatch.xml", RO_EPARSE, 17,
		  "</sites> does not close <site> (opened on line 2); make the "
		  "end tag match (column 9)", 1 },
		{ "bad-encoding.xml", RO_EPARSE, 2,
		  "the text is not UTF-8 (bytes 0xFF 0xFE 0x22 0x3E); save the "
		  "file as UTF-8, or name its encoding in <?xml ... "
		  "encoding=\"...\"?> (column 25)", 1 },
		{ "nul-byte.xml", RO_EPARSE, 13,
		  "character 0x0 is not allowed in XML; remove it (a file with "
		  "it is damaged, or not text) (column 3)", 0 },
		{ "empty.xml", RO_EPARSE, 1,
		  "the file is empty; it needs a <site> element", 1 },
	};
	expect_all(w, sizeof w / sizeof *w);
}
END_TEST

/* Every DOCTYPE is refused before libxml2 reads a declaration, in UTF-8
 * and UTF-16 (either byte order) alike: XXE, billion laughs, quadratic
 * blow-up. */
START_TEST(dtd_and_entities)
{
	static const struct refusal w[] = {
		{ "dtd-xxe.xml", RO_EPARSE, 2, DTD_MSG, 1 },
		{ "dtd-billion-laughs.xml", RO_EPARSE, 2, DTD_MSG, 1 },
		{ "dtd-quadratic.xml", RO_EPARSE, 2, DTD_MSG, 1 },
		{ "dtd-billion-laughs-utf16le.xml", RO_EPARSE, 2, DTD_MSG, 1 },
		{ "dtd-xxe-utf16be.xml", RO_EPARSE, 2, DTD_MSG, 1 },
		/* encodings the DOCTYPE scan cannot read are refused first */
		{ "dtd-billion-laughs-utf32be.xml", RO_EPARSE, 1, UTF32_MSG, 1 },
		{ "dtd-billion-laughs-utf32le.xml", RO_EPARSE, 1, UTF32_MSG, 1 },
		{ "dtd-xxe-utf32be.xml", RO_EPARSE, 1, UTF32_MSG, 1 },
		{ "dtd-billion-laughs-ebcdic.xml", RO_EPARSE, 1, EBCDIC_MSG, 1 },
		{ "dtd-xxe-ebcdic.xml", RO_EPARSE, 1, EBCDIC_MSG, 1 },
	};
	expect_all(w, sizeof w / sizeof *w);
}
END_TEST

/* The second line of defence, with the prescan off: the reader's node
 * type, or an error inside the declarations, still refuses the DTD and
 * says only that; a UTF-32LE document libxml2 cannot even decode is
 * refused all the same. */
START_TEST(dtd_behind_the_prescan)
{
	static const struct refusal w[] = {
		{ "dtd-xxe.xml", RO_EPARSE, 1, DTD_MSG, 1 },
		{ "dtd-billion-laughs-utf16le.xml", RO_EPARSE, 1, DTD_MSG, 1 },
		{ "dtd-billion-laughs-utf32be.xml", RO_EPARSE, 1, DTD_MSG, 1 },
		{ "dtd-xxe-utf32be.xml", RO_EPARSE, 1, DTD_MSG, 1 },
		{ "dtd-billion-laughs-ebcdic.xml", RO_EPARSE, 1, DTD_MSG, 1 },
		{ "dtd-xxe-ebcdic.xml", RO_EPARSE, 1, DTD_MSG, 1 },
	};
	struct ro_site *s = (struct ro_site *)1;

	ro_xml_prescan_enable(false);
	expect_all(w, sizeof w / sizeof *w);
	ro_diag_release(&d);
	ck_assert_int_eq(ro_site_load("data/hostile/dtd-billion-laughs-utf32le.xml",
				      NULL, &s, &d), RO_EPARSE);
	ro_xml_prescan_enable(true);
	ck_assert_ptr_null(s);
	ck_assert_uint_ge(d.n, 1);
}
END_TEST

START_TEST(doctype_scan_utf16)
{
	static const char le[] = "\xff\xfe<\0!\0-\0-\0 \0x\0 \0-\0-\0>\0\n\0"
				 "<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0a\0>\0";
	static const char be[] = "\0<\0?\0x\0m\0l\0?\0>\0<\0!\0D\0O\0C\0T\0Y"
				 "\0P\0E\0 \0a\0>";
	static const char ok16[] = "\xff\xfe<\0a\0/\0>\0";

	ck_assert(ro_xml_has_doctype(le, sizeof le - 1));
	ck_assert(ro_xml_has_doctype(be, sizeof be - 1));
	ck_assert(!ro_xml_has_doctype(ok16, sizeof ok16 - 1));
	ck_assert(!ro_xml_has_doctype("\xff\xfe", 2));
	ck_assert(!ro_xml_has_doctype("<", 1));
}
END_TEST

START_TEST(limits)
{
	static const struct refusal w[] = {
		/* the schema error at the element comes first, then the cap */
		{ "deep.xml", RO_ELIMIT, 14,
		  "<x> is not expected here; expected one of <client>, <group>, "
		  "<inventory>", 2 },
	};
	struct ro_site *s = (struct ro_site *)1;

	expect_all(w, sizeof w / sizeof *w);
	ck_assert_str_eq(d.v[1].msg,
			 "elements nested deeper than 64; flatten the document");
	ck_assert_int_eq(d.v[1].line, 14);

	/* gzip: refused by its magic, never inflated */
	ro_diag_release(&d);
	ck_assert_int_eq(ro_site_load("data/site/gzip.xml", NULL, &s, &d),
			 RO_EPARSE);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 0);
	ck_assert_str_eq(d.v[0].msg,
			 "compressed files are not accepted; decompress it first");
}
END_TEST

/* A sparse file one byte over the cap: refused at once, unread. */
START_TEST(file_over_the_cap)
{
	char path[] = "/tmp/ro-hostile-XXXXXX";
	struct ro_site *s = (struct ro_site *)1;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)RO_XML_MAX_BYTES + 1), 0);
	close(fd);
	ck_assert_int_eq(ro_site_load(path, NULL, &s, &d), RO_ELIMIT);
	unlink(path);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 0);
	ck_assert_str_eq(d.v[0].msg, "file is larger than 536870912 bytes; "
			 "split it or trim it");
}
END_TEST

static char *repeat(const char *head, char c, size_t n, const char *tail,
		    size_t *len)
{
	size_t h = strlen(head), t = strlen(tail);
	char *b = malloc(h + n + t + 1);

	ck_assert_ptr_nonnull(b);
	memcpy(b, head, h);
	memset(b + h, c, n);
	memcpy(b + h + n, tail, t + 1);
	*len = h + n + t;
	return b;
}

/* A valid site with n bytes of c between head and tail inside <clients>,
 * which starts on line 9. */
static char *huge_site(const char *head, char c, size_t n, const char *tail,
		       size_t *len)
{
	static const char site_head[] =
		"<?xml version=\"1.0\"?>\n<site version=\"1\" name=\"t\">\n"
		"<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T10:00\"/>\n"
		"<calendars><calendar id=\"a\"><on days=\"Mon-Sun\"/></calendar>"
		"</calendars>\n"
		"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"10000\"/>"
		"</network>\n"
		"<servers><cap id=\"c\" link=\"lan\"/></servers>\n"
		"<payload base-mb=\"8\"/>\n<clients>\n";
	static const char site_tail[] =
		"\n<client id=\"A\" os=\"winnt\" segment=\"lan\" cap=\"c\" "
		"calendar=\"a\" triggers=\"push\"/>\n</clients>\n</site>\n";
	char h[512], t[512];

	snprintf(h, sizeof h, "%s%s", site_head, head);
	snprintf(t, sizeof t, "%s%s", tail, site_tail);
	return repeat(h, c, n, t, len);
}

#define LOOKUP_MSG "a value, name, comment or CDATA section longer than " \
	"10000000 bytes; shorten it"

/* Text and attribute values over libxml2's limits of 10,000,000 bytes (no
 * XML_PARSE_HUGE): refused as a limit at the line where the value starts,
 * not as out of memory (libxml2 reports a long text as an allocation
 * failure, although nothing failed to allocate).  Each case is legal XML
 * and follows the schema but for its size. */
START_TEST(huge_values)
{
	static const struct {
		const char *head, *tail;
		char c;
		size_t n;          /* messages */
		size_t at;         /* which one is the limit's */
		const char *msg;
	} w[] = {
		/* blanks between elements: the text node */
		{ "", "", ' ', 1, 0, "text longer than 10000000 bytes in one "
		  "element; shorten it" },
		{ "<!--", "-->", ' ', 1, 0, LOOKUP_MSG },
		{ "<client id=\"", "\" os=\"winnt\" segment=\"lan\" cap=\"c\" "
		  "calendar=\"a\" triggers=\"push\"/>", 'x', 1, 0, LOOKUP_MSG },
		/* CDATA is text to the schema, which says so first */
		{ "<![CDATA[", "]]>", ' ', 2, 1, LOOKUP_MSG },
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		struct ro_site *s = (struct ro_site *)1;
		size_t len;
		char *b = huge_site(w[i].head, w[i].c, 11u << 20, w[i].tail, &len);
		int rc;

		ro_diag_release(&d);
		rc = ro_site_load_memory(b, len, "big.xml", NULL, &s, &d);
		free(b);
		if (rc != RO_ELIMIT || d.n != w[i].n) {
			fprintf(stderr, "huge_values %zu: rc %d\n", i, rc);
			dump();
		}
		ck_assert_int_eq(rc, RO_ELIMIT);
		ck_assert_ptr_null(s);
		ck_assert_uint_eq(d.n, w[i].n);
		ck_assert_int_eq(d.v[w[i].at].line, 9);
		ck_assert_str_eq(d.v[w[i].at].msg, w[i].msg);
	}
}
END_TEST

/* The schema's words for a capacity that is not a decimal. */
#define NOT_DECIMAL(v) "attribute 'capacity-kbps' of <link>: '" v "' is not " \
	"a decimal number; write digits with an optional decimal point, like " \
	"28.8"

START_TEST(schema_violations)
{
	static const struct refusal w[] = {
		{ "schema-unknown-element.xml", RO_ESCHEMA, 14,
		  "<bogus> is not expected here; expected <clients>", 1 },
		{ "schema-missing-attribute.xml", RO_ESCHEMA, 15,
		  "<client> lacks the required attribute 'triggers'; add it", 1 },
		{ "number-nan.xml", RO_ESCHEMA, 8, NOT_DECIMAL("NaN"), 1 },
		{ "number-inf.xml", RO_ESCHEMA, 8, NOT_DECIMAL("INF"), 1 },
		{ "number-exponent.xml", RO_ESCHEMA, 8, NOT_DECIMAL("1e308"), 1 },
		{ "number-negative.xml", RO_ESCHEMA, 8, NOT_DECIMAL("-5"), 1 },
	};
	expect_all(w, sizeof w / sizeof *w);
}
END_TEST

START_TEST(semantic_errors)
{
	static const struct refusal w[] = {
		{ "semantic-references.xml", RO_EINVAL, 15,
		  "client 'A': segment=\"nowhere\" names no link; define it or "
		  "fix the name", 3 },
	};
	expect_all(w, sizeof w / sizeof *w);
	ck_assert_str_eq(d.v[1].msg, "client 'A': calendar=\"never\" names no "
			 "calendar; define it or fix the name");
	ck_assert_int_eq(d.v[2].line, 16);
	ck_assert_str_eq(d.v[2].msg, "client 'A' is defined twice (first at line "
			 "15); rename one");
}
END_TEST

/* Numbers past every range, and products past 1 TiB or 10,000,000
 * clients, are refused before any arithmetic or GLPK call. */
START_TEST(numbers)
{
	static const struct refusal w[] = {
		{ "number-too-large.xml", RO_EINVAL, 8,
		  "link 'lan': capacity-kbps=\"1000000001\" is too large; a link "
		  "above 1 Tbit/s is not plausible: the unit is kbit/s", 1 },
		{ "number-count-overflow.xml", RO_EINVAL, 15,
		  "group 'g': count=\"99999999999999999999\" is out of range; "
		  "give a value from 1 to 10000000", 1 },
		{ "number-too-many-clients.xml", RO_ELIMIT, 16,
		  "more than 10000000 clients in all; split the site", 1 },
		{ "number-size-sum.xml", RO_EINVAL, 15,
		  "client 'A' transfers more than 1 TiB; check the payload sizes "
		  "(the unit is MB)", 1 },
	};
	expect_all(w, sizeof w / sizeof *w);
}
END_TEST

/* Bad solver options never reach GLPK: non-finite and absurd values. */
START_TEST(solver_numbers)
{
	static const char site[] =
		"<site version=\"1\" name=\"t\">\n"
		"<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T10:00\"/>\n"
		"<calendars><calendar id=\"a\"><on days=\"Mon-Sun\"/></calendar>"
		"</calendars>\n"
		"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"10000\"/></network>\n"
		"<servers><cap id=\"c\" link=\"lan\"/></servers>\n"
		"<payload base-mb=\"8\"/>\n<clients><client id=\"A\" os=\"winnt\" "
		"segment=\"lan\" cap=\"c\" calendar=\"a\" triggers=\"push\"/>"
		"</clients>\n</site>\n";
	static const double bad_time[] = { 0.0 / 0.0, 1.0 / 0.0, -1.0 / 0.0,
					   1e308, -1, 1e7 + 1 };
	static const double bad_gap[] = { 0.0 / 0.0, 1.0 / 0.0, -0.5, 1.5 };
	struct ro_site *s = NULL;
	struct ro_expand *x;
	struct ro_plan *p = (struct ro_plan *)1;
	struct ro_solve_opts o;

	ck_assert_int_eq(ro_site_load_memory(site, sizeof site - 1, "t.xml", NULL,
					     &s, &d), RO_OK);
	x = ro_expand_new(s);
	ck_assert_ptr_nonnull(x);
	for (size_t i = 0; i < sizeof bad_time / sizeof *bad_time; i++) {
		ro_solve_opts_init(&o);
		o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
		o.time_limit = bad_time[i];
		ro_diag_release(&d);
		ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_EARG);
		ck_assert_ptr_null(p);
		ck_assert_str_eq(d.v[0].msg,
				 "time limit must be between 0 and 1e7 seconds");
	}
	for (size_t i = 0; i < sizeof bad_gap / sizeof *bad_gap; i++) {
		ro_solve_opts_init(&o);
		o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
		o.gap = bad_gap[i];
		ro_diag_release(&d);
		ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_EARG);
		ck_assert_str_eq(d.v[0].msg, "gap must be a fraction between 0 and 1");
	}
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.mem_limit_mb = -1;
	ro_diag_release(&d);
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "memory limit must not be negative");
	ro_solve_opts_init(&o);
	o.control = RO_CONTROL_PER_CLIENT;   /* the per-client semantics */
	o.has_deadline = true;
	o.deadline = s->horizon.start - 1;
	ro_diag_release(&d);
	ck_assert_int_eq(ro_solve(s, x, &o, &p, &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "deadline is before the horizon start");
	ro_expand_free(x);
	ro_site_free(s);
}
END_TEST

/* 70,000 blank lines, then the error: its true line, past 65,535, from
 * the parser, the schema validator and the semantic checks alike. */
static char *tall_site(const char *bad, size_t *len)
{
	static const char head[] =
		"<site version=\"1\" name=\"t\">\n"   /* line 1 */
		"<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T10:00\"/>\n"
		"<calendars><calendar id=\"a\"><on days=\"Mon-Sun\"/></calendar>"
		"</calendars>\n"
		"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"10000\"/></network>\n"
		"<servers><cap id=\"c\" link=\"lan\"/></servers>\n"
		"<payload base-mb=\"8\"/>\n<clients>";   /* line 7 */
	static const char tail[] = "\n</clients>\n</site>\n";
	size_t h = strlen(head), n = 70000, b = strlen(bad);
	char *buf = malloc(h + n + b + sizeof tail);

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, head, h);
	memset(buf + h, '\n', n);
	memcpy(buf + h + n, bad, b);
	memcpy(buf + h + n + b, tail, sizeof tail);
	*len = h + n + b + sizeof tail - 1;
	return buf;   /* bad is on line 7 + 70000 */
}

START_TEST(lines_past_65535)
{
	static const struct {
		const char *bad;
		int rc;
		const char *msg;
	} w[] = {
		{ "<client id=\"B\" </client>", RO_EPARSE,
		  "an attribute name is expected here; write each attribute as "
		  "name=\"value\", and end the tag with > or /> (column 16)" },
		{ "<bogus/>", RO_ESCHEMA, "<bogus> is not expected here; expected "
		  "one of <client>, <group>, <inventory>" },
		{ "<client id=\"B\" os=\"winnt\" segment=\"nowhere\" cap=\"c\" "
		  "calendar=\"a\" triggers=\"push\"/>", RO_EINVAL,
		  "client 'B': segment=\"nowhere\" names no link; define it or fix "
		  "the name" },
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		struct ro_site *s = (struct ro_site *)1;
		size_t len;
		char *buf = tall_site(w[i].bad, &len);

		ro_diag_release(&d);
		ck_assert_int_eq(ro_site_load_memory(buf, len, "tall.xml", NULL, &s,
						     &d), w[i].rc);
		free(buf);
		ck_assert_ptr_null(s);
		ck_assert_uint_ge(d.n, 1);
		if (d.v[0].line != 70007)
			dump();
		ck_assert_int_eq(d.v[0].line, 70007);
		ck_assert_str_eq(d.v[0].msg, w[i].msg);
	}
}
END_TEST

/* A CSV inventory: wrong field counts, numbers that are not decimals or
 * are out of range, a quote in the wrong place; each at its line, all in
 * one run. */
START_TEST(csv_inventory)
{
	static const struct { long line; const char *msg; } w[] = {
		{ 3, "row has 6 fields, the header has 8; quote fields that hold "
		     "commas" },
		{ 4, "client 'A3': rate-kbps=\"NaN\" is not a decimal number; write "
		     "digits with an optional decimal point, like 28.8" },
		{ 5, "client 'A4': rate-kbps=\"inf\" is not a decimal number; write "
		     "digits with an optional decimal point, like 28.8" },
		{ 6, "client 'A5': rate-kbps=\"1e308\" is not a decimal number; "
		     "write digits with an optional decimal point, like 28.8" },
		{ 7, "client 'A6': rate-kbps=\"-5\" is not a decimal number; write "
		     "digits with an optional decimal point, like 28.8" },
		{ 8, "client 'A7': rate-kbps=\"1000000001\" is too large; a rate "
		     "above 1 Tbit/s is not plausible: the unit is kbit/s" },
		{ 9, "client 'A8': count=\"99999999999999999999\" is out of range; "
		     "give a value from 1 to 10000000" },
		{ 10, "row has 9 fields, the header has 8; quote fields that hold "
		      "commas" },
		{ 11, "text after a closing quote; quote the whole field and double "
		      "the quotes inside" },
	};
	struct ro_site *s = (struct ro_site *)1;

	ck_assert_int_eq(ro_site_load("data/hostile/inventory.xml", NULL, &s, &d),
			 RO_EINVAL);
	ck_assert_ptr_null(s);
	if (d.n != sizeof w / sizeof *w)
		dump();
	ck_assert_uint_eq(d.n, sizeof w / sizeof *w);
	for (size_t i = 0; i < d.n; i++) {
		ck_assert_str_eq(d.v[i].file, "data/hostile/inventory-bad.csv");
		ck_assert_int_eq(d.v[i].line, w[i].line);
		ck_assert_str_eq(d.v[i].msg, w[i].msg);
	}
}
END_TEST

/* The CSV reader alone: a row of nothing but commas over 1 MiB is cut off
 * (it used to grow without bound), a NUL byte, an unterminated quote; the
 * reader goes on with the next line. */
START_TEST(csv_rows)
{
	static const char rest[] = "x,y\n\"a\0b\"\nz\n\"open";
	size_t n = RO_CSV_MAX_ROW + 10, len = n + 1 + sizeof rest - 1;
	char *b = malloc(len + 1);
	struct ro_csv *c;
	bool eof;

	ck_assert_ptr_nonnull(b);
	memset(b, ',', n);
	b[n] = '\n';
	memcpy(b + n + 1, rest, sizeof rest);

	ck_assert_int_eq(ro_csv_open_memory(b, len, "c.csv", &c), RO_OK);
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 1);
	ck_assert_str_eq(d.v[0].msg, "row longer than 1 MiB; split it");
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_OK);
	ck_assert(!eof);
	ck_assert_uint_eq(ro_csv_nfields(c), 2);
	ck_assert_str_eq(ro_csv_field(c, 1), "y");
	ck_assert_int_eq(ro_csv_line(c), 2);
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	ck_assert_int_eq(d.v[1].line, 3);
	ck_assert_str_eq(d.v[1].msg, "NUL byte in a field; remove it");
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_OK);
	ck_assert_str_eq(ro_csv_field(c, 0), "z");
	ck_assert_int_eq(ro_csv_line(c), 4);
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	ck_assert_int_eq(d.v[2].line, 5);
	ck_assert_str_eq(d.v[2].msg, "quoted field starting at line 5 has no "
			 "closing quote; add the missing '\"'");
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_OK);
	ck_assert(eof);
	ro_csv_close(c);
	free(b);
}
END_TEST

START_TEST(bad_arguments)
{
	struct ro_site *s = (struct ro_site *)1;
	struct ro_csv *c = (struct ro_csv *)1;
	bool eof;

	ck_assert_int_eq(ro_site_load(NULL, NULL, &s, &d), RO_EARG);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(ro_site_load("x.xml", NULL, NULL, &d), RO_EARG);
	s = (struct ro_site *)1;
	ck_assert_int_eq(ro_site_load("x.xml", NULL, &s, NULL), RO_EARG);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(ro_site_load_memory(NULL, 0, "x", NULL, &s, &d), RO_EARG);
	ck_assert_int_eq(ro_site_load_memory("<a/>", 4, "x", NULL, NULL, &d),
			 RO_EARG);
	ck_assert_int_eq(ro_csv_open_memory(NULL, 0, "x", &c), RO_EARG);
	ck_assert_ptr_null(c);
	ck_assert_int_eq(ro_csv_next(NULL, &eof, &d), RO_EARG);
	ck_assert_uint_eq(ro_csv_nfields(NULL), 0);
	ck_assert_ptr_null(ro_csv_field(NULL, 0));
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

/* ---- fuzz regressions --------------------------------------------------- */

/* Every input the fuzzers found (tests/data/fuzz-regress/HARNESS/), run
 * as its harness in fuzz/ runs it: whatever the outcome, no crash, no
 * leak (the fixture counts blocks), and an error always has a message. */
static size_t each_input(const char *harness, void (*fn)(const char *))
{
	char dpath[128], path[512];
	struct dirent *e;
	size_t n = 0;
	DIR *dd;

	snprintf(dpath, sizeof dpath, "data/fuzz-regress/%s", harness);
	dd = opendir(dpath);
	ck_assert_ptr_nonnull(dd);
	while ((e = readdir(dd)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dpath, e->d_name);
		ro_diag_release(&d);
		fn(path);
		n++;
	}
	closedir(dd);
	return n;
}

static void replay_site(const char *path)
{
	struct ro_site *s = NULL;
	int rc = ro_site_load(path, NULL, &s, &d);

	if (rc == RO_OK) {
		struct ro_expand *x = ro_expand_new(s);
		ck_assert_ptr_nonnull(x);
		ro_expand_free(x);
	} else {
		ck_assert_ptr_null(s);
		ck_assert_uint_ge(ro_diag_count(&d), 1);
	}
	ro_site_free(s);
}

static void replay_csv(const char *path)
{
	struct ro_csv *c = NULL;
	bool eof = false;
	int rc = ro_csv_open(path, NULL, &c, &d);

	ck_assert_int_eq(rc, RO_OK);
	for (int rows = 0; rows < 100000 && !eof; rows++) {
		rc = ro_csv_next(c, &eof, &d);
		if (rc == RO_EPARSE) {
			ck_assert_uint_ge(d.n, 1);
			continue;
		}
		ck_assert_int_eq(rc, RO_OK);
		for (size_t i = 0; i < ro_csv_nfields(c); i++)
			ck_assert_ptr_nonnull(ro_csv_field(c, i));
	}
	ck_assert(eof);
	ro_csv_close(c);
}

static struct ro_site *sched_site;
static struct ro_expand *sched_x;

static void replay_schedule(const char *path)
{
	struct ro_plan *p = NULL;
	struct ro_eval *ev = NULL;
	int rc = ro_schedule_read(sched_site, path, &p, &d);

	if (rc == RO_OK)
		ck_assert_int_ge(ro_verify(sched_site, sched_x, p, &ev, &d), 0);
	else
		ck_assert_uint_ge(ro_diag_count(&d), 1);
	ro_eval_free(ev);
	ro_plan_free(p);
}

START_TEST(fuzz_regressions)
{
	ck_assert_uint_ge(each_input("site", replay_site), 1);
	ck_assert_uint_ge(each_input("csv", replay_csv), 1);
	ck_assert_int_eq(ro_site_load("../fuzz/schedule-site.xml", NULL,
				      &sched_site, &d), RO_OK);
	sched_x = ro_expand_new(sched_site);
	ck_assert_ptr_nonnull(sched_x);
	ck_assert_uint_ge(each_input("schedule", replay_schedule), 1);
	ro_expand_free(sched_x);
	ro_site_free(sched_site);
}
END_TEST

Suite *suite_hostile(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = fx_tcase_create("input");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, not_well_formed);
	tcase_add_test(tc, dtd_and_entities);
	tcase_add_test(tc, dtd_behind_the_prescan);
	tcase_add_test(tc, doctype_scan_utf16);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, file_over_the_cap);
	tcase_add_test(tc, huge_values);
	tcase_add_test(tc, schema_violations);
	tcase_add_test(tc, semantic_errors);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, solver_numbers);
	tcase_add_test(tc, lines_past_65535);
	tcase_add_test(tc, csv_inventory);
	tcase_add_test(tc, csv_rows);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, fuzz_regressions);
	suite_add_tcase(s, tc);
	return s;
}
