/*
 * test_xmlsafe.c - safe XML parsing: DTDs, entities, compression, limits,
 * error capture with lines, embedded schemas.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
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

static int parse(const char *text, xmlDocPtr *doc)
{
	return ro_xml_parse(text, strlen(text), "t.xml", doc, &d);
}

START_TEST(parse_ok)
{
	xmlDocPtr doc;

	ck_assert_int_eq(parse("<?xml version=\"1.0\"?>\n<!-- c -->\n<a><b/></a>",
			       &doc), RO_OK);
	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->name, "a");
	ck_assert_uint_eq(ro_diag_count(&d), 0);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(dtd_rejected)
{
	static const char *const bad[] = {
		"<!DOCTYPE a><a/>",
		"<?xml version=\"1.0\"?>\n<!-- x -->\n<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
		/* XXE */
		"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM "
		"\"file:///etc/passwd\">]><a>&x;</a>",
		/* billion laughs */
		"<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;</l>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		xmlDocPtr doc = (xmlDocPtr)1;
		ro_diag_release(&d);
		ck_assert_int_eq(parse(bad[i], &doc), RO_EPARSE);
		ck_assert_ptr_null(doc);
		ck_assert_uint_eq(d.n, 1);
		ck_assert_str_eq(d.v[0].msg, "DTD not allowed; remove the <!DOCTYPE>");
		ck_assert_str_eq(d.v[0].file, "t.xml");
	}
}
END_TEST

START_TEST(dtd_utf16_rejected)
{
	/* not ASCII-compatible: the byte scan cannot see it, the parser hook
	 * must */
	static const char u[] = "\xff\xfe<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0a\0>\0<\0a\0/\0>\0";
	xmlDocPtr doc;

	ck_assert_int_eq(ro_xml_parse(u, sizeof u - 1, "t.xml", &doc, &d),
			 RO_EPARSE);
	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[d.n - 1].msg, "DTD not allowed; remove the <!DOCTYPE>");
}
END_TEST

/* ro_xml_prescan: the encodings in which a DOCTYPE could hide from the
 * byte scan are refused by their first bytes or their declaration. */
START_TEST(prescan_encodings)
{
	static const struct {
		const char *text;
		size_t len;
		const char *msg;   /* NULL: accepted */
	} w[] = {
#define T(s) s, sizeof s - 1
		{ T("<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>"), NULL },
		{ T("<?xml version='1.0' encoding = 'ISO-8859-15'?><a/>"), NULL },
		{ T("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a/>"), NULL },
		{ T("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a/>"), NULL },
		{ T("<?xml version=\"1.0\" standalone=\"yes\"?><a/>"), NULL },
		{ T("\xff\xfe<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0U\0T\0"
		    "F\0-\0\x31\0\x36\0\"\0?\0>\0<\0a\0/\0>\0"), NULL },
		{ T("\0\0\0<\0\0\0a\0\0\0/\0\0\0>"),
		  "the file is in UTF-32 (or UCS-4), which is not accepted; "
		  "convert it to UTF-8" },
		{ T("<\0\0\0a\0\0\0/\0\0\0>\0\0\0"),
		  "the file is in UTF-32 (or UCS-4), which is not accepted; "
		  "convert it to UTF-8" },
		{ T("\xff\xfe\0\0<\0\0\0"),
		  "the file is in UTF-32 (or UCS-4), which is not accepted; "
		  "convert it to UTF-8" },
		{ T("\0\0\xfe\xff\0\0\0<"),
		  "the file is in UTF-32 (or UCS-4), which is not accepted; "
		  "convert it to UTF-8" },
		{ T("\0<\0\0"),
		  "the file is in UTF-32 (or UCS-4), which is not accepted; "
		  "convert it to UTF-8" },
		{ T("\x4c\x6f\xa7\x94\x93\x40"),
		  "the file is in EBCDIC, which is not accepted; convert it to "
		  "UTF-8" },
		/* declared in ASCII, the rest in another encoding */
		{ T("<?xml version=\"1.0\" encoding=\"IBM037\"?>\x4c\x5a"),
		  "encoding 'IBM037' is not accepted; convert the file to UTF-8" },
		{ T("<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-a/>"),
		  "encoding 'UTF-7' is not accepted; convert the file to UTF-8" },
		{ T("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><a/>"),
		  "encoding 'ISO-2022-JP' is not accepted; convert the file to "
		  "UTF-8" },
		{ T("<?xml version=\"1.0\" encoding=\"ISO-8859-17\"?><a/>"),
		  "encoding 'ISO-8859-17' is not accepted; convert the file to "
		  "UTF-8" },
		{ T("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?><\0a\0/\0>\0"),
		  "the file declares encoding 'UTF-16LE' but is not in UTF-16; "
		  "correct the declaration" },
		{ T("<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0'\0U\0C\0S\0-\0"
		    "4\0'\0?\0>\0"),
		  "the file is in UTF-16 but declares encoding 'UCS-4'; correct "
		  "the declaration" },
		{ T("<!DOCTYPE a><a/>"), "DTD not allowed; remove the <!DOCTYPE>" },
#undef T
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		ro_diag_release(&d);
		ck_assert_int_eq(ro_xml_prescan(w[i].text, w[i].len, "t.xml", &d),
				 w[i].msg ? RO_EPARSE : RO_OK);
		if (!w[i].msg) {
			ck_assert_uint_eq(d.n, 0);
			continue;
		}
		ck_assert_uint_eq(d.n, 1);
		ck_assert_str_eq(d.v[0].file, "t.xml");
		ck_assert_int_eq(d.v[0].line, 1);
		ck_assert_str_eq(d.v[0].msg, w[i].msg);
	}
}
END_TEST

/* The parser's own DOCTYPE hook (on_doctype), which the prescan leaves
 * nothing to do in practice: with the prescan off, a DTD in any encoding
 * libxml2 reads stops the parse at the DOCTYPE, before a declaration. */
START_TEST(doctype_hook)
{
	static const char *const files[] = {
		"data/hostile/dtd-xxe.xml",
		"data/hostile/dtd-billion-laughs-utf16le.xml",
		"data/hostile/dtd-billion-laughs-utf32be.xml",
		"data/hostile/dtd-xxe-utf32be.xml",
		"data/hostile/dtd-billion-laughs-ebcdic.xml",
		"data/hostile/dtd-xxe-ebcdic.xml",
	};
	ro_xml_prescan_enable(false);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		xmlDocPtr doc = (xmlDocPtr)1;
		char *buf;
		size_t len;

		ro_diag_release(&d);
		ck_assert_int_eq(ro_read_file(files[i], RO_XML_MAX_BYTES, &buf, &len,
					      &d), RO_OK);
		ck_assert_int_eq(ro_xml_parse(buf, len, "t.xml", &doc, &d),
				 RO_EPARSE);
		ro_free(buf);
		ck_assert_ptr_null(doc);
		ck_assert_uint_eq(d.n, 1);
		ck_assert_int_eq(d.v[0].line, 1);
		ck_assert_str_eq(d.v[0].msg, "DTD not allowed; remove the <!DOCTYPE>");
	}
	ro_xml_prescan_enable(true);
}
END_TEST

/* NONET does not stop file:// entities: the loader ro_xml_init installs
 * refuses everything, whatever asks for it. */
START_TEST(entity_loader_refuses)
{
	xmlParserCtxtPtr ctxt;

	ro_xml_init();
	ctxt = xmlNewParserCtxt();
	ck_assert_ptr_nonnull(ctxt);
	ck_assert_ptr_null(xmlLoadExternalEntity("file:///etc/passwd", NULL,
						 ctxt));
	ck_assert_ptr_null(xmlLoadExternalEntity("/etc/passwd", NULL, ctxt));
	ck_assert_ptr_null(xmlLoadExternalEntity("http://example.com/x.dtd",
						 "-//X//DTD X//EN", ctxt));
	xmlFreeParserCtxt(ctxt);
}
END_TEST

/* libxml2's well-formedness errors in the format's words, with a fix,
 * at their line and column. */
START_TEST(parser_words)
{
	static const struct {
		const char *text;
		long line;
		const char *msg;
	} w[] = {
		{ "id,os\n", 1, "no element where the document should start; "
		  "give an XML file (it starts with <?xml or <) (column 1)" },
		{ "<a>\n&</a>", 2, "a '&' not followed by an entity name; write a "
		  "literal & as &amp; (column 2)" },
		{ "<a x='<'/>", 1, "a '<' inside an attribute value; write it as "
		  "&lt; (column 7)" },
		{ "<a/>\n<b/>", 2, "text after the end of the root element; "
		  "remove it (column 1)" },
		{ "<a>\n<b>", 2, "the file ends inside <b> (opened on line 2); "
		  "it is cut short: complete it or write it again (column 4)" },
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		xmlDocPtr doc;

		ro_diag_release(&d);
		ck_assert_int_eq(parse(w[i].text, &doc), RO_EPARSE);
		ck_assert_ptr_null(doc);
		ck_assert_uint_ge(d.n, 1);
		ck_assert_str_eq(d.v[0].msg, w[i].msg);
		ck_assert_int_eq(d.v[0].line, w[i].line);
	}
}
END_TEST

START_TEST(not_well_formed)
{
	xmlDocPtr doc;

	ck_assert_int_eq(parse("<a>\n<b>\n</a>", &doc), RO_EPARSE);
	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "t.xml");
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_str_eq(d.v[0].msg, "</a> does not close <b> (opened on line "
			 "2); make the end tag match (column 5)");
}
END_TEST

START_TEST(truncated_empty_nul)
{
	xmlDocPtr doc;
	static const char nul[] = "<a>x\0y</a>";

	ck_assert_int_eq(parse("<a><b>", &doc), RO_EPARSE);
	ck_assert_uint_ge(d.n, 1);
	ro_diag_release(&d);
	ck_assert_int_eq(parse("", &doc), RO_EPARSE);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "the document is empty");
	ro_diag_release(&d);
	ck_assert_int_eq(ro_xml_parse(nul, sizeof nul - 1, "t.xml", &doc, &d),
			 RO_EPARSE);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 1);
}
END_TEST

START_TEST(depth_limit)
{
	char buf[4096];
	size_t n = 0;
	xmlDocPtr doc;

	for (int i = 0; i < RO_XML_MAX_DEPTH + 1; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "<e>\n");
	for (int i = 0; i < RO_XML_MAX_DEPTH + 1; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "</e>");
	ck_assert_int_eq(parse(buf, &doc), RO_ELIMIT);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, RO_XML_MAX_DEPTH + 1);
	ck_assert_str_eq(d.v[0].msg,
			 "elements nested deeper than 64; flatten the document");
	/* exactly at the limit is fine */
	ro_diag_release(&d);
	n = 0;
	for (int i = 0; i < RO_XML_MAX_DEPTH; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "<e>");
	for (int i = 0; i < RO_XML_MAX_DEPTH; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "</e>");
	ck_assert_int_eq(parse(buf, &doc), RO_OK);
	xmlFreeDoc(doc);
}
END_TEST

/* A start tag with more attributes than RO_XML_MAX_ATTRS is refused
 * before libxml2 parses it (its time grows with their square), at the
 * tag's line; '=' in quoted values, comments, CDATA and processing
 * instructions does not count; UTF-16 is scanned as well. */
START_TEST(attribute_limit)
{
	char buf[8192], u16[16384];
	size_t n = 0;
	xmlDocPtr doc;

	n += (size_t)snprintf(buf + n, sizeof buf - n, "<a>\n<!-- <b ");
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "x%d='1' ", i);
	n += (size_t)snprintf(buf + n, sizeof buf - n,
			      "--><![CDATA[<c a=1 a=2>]]><?p a=b?>\n<e ");
	for (int i = 0; i < RO_XML_MAX_ATTRS; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "x%d='=a=' ", i);
	snprintf(buf + n, sizeof buf - n, "/>\n</a>");
	ck_assert_int_eq(parse(buf, &doc), RO_OK);   /* exactly the limit */
	xmlFreeDoc(doc);
	snprintf(buf + n, sizeof buf - n, "y='1'/>\n</a>");
	ck_assert_int_eq(parse(buf, &doc), RO_ELIMIT);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_str_eq(d.v[0].msg, "an element with more than 64 "
			 "attributes; no element of the format has that many, "
			 "remove the extra ones");
	/* the same in UTF-16LE, through the prescan alone */
	ro_diag_release(&d);
	n = strlen(buf);
	u16[0] = (char)0xff;
	u16[1] = (char)0xfe;
	for (size_t i = 0; i < n; i++) {
		u16[2 + 2 * i] = buf[i];
		u16[3 + 2 * i] = 0;
	}
	ck_assert_int_eq(ro_xml_prescan(u16, 2 + 2 * n, "u.xml", &d), RO_ELIMIT);
	ck_assert_int_eq(d.v[0].line, 3);
}
END_TEST

START_TEST(bad_args)
{
	xmlDocPtr doc = (xmlDocPtr)1;
	char *buf = (char *)1;
	size_t len = 7;

	ck_assert_int_eq(ro_xml_parse(NULL, 0, "x", &doc, &d), RO_EARG);
	ck_assert_ptr_null(doc);
	ck_assert_int_eq(ro_xml_parse("<a/>", 4, "x", NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_xml_parse("<a/>", 4, "x", &doc, NULL), RO_EARG);
	ck_assert_int_eq(ro_read_file(NULL, 10, &buf, &len, &d), RO_EARG);
	ck_assert_int_eq(ro_read_file("x", 10, NULL, &len, &d), RO_EARG);
	ck_assert_int_eq(ro_xml_validate(NULL, "site.xsd", "x", &d), RO_EARG);
	ck_assert_ptr_null(ro_xml_schema_text(NULL, NULL));
	ck_assert_ptr_null(ro_xml_schema_text("nope.xsd", NULL));
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(read_file)
{
	char *buf;
	size_t len;

	ck_assert_int_eq(ro_read_file("data/site/gzip.xml", 1000, &buf, &len, &d),
			 RO_EPARSE);
	ck_assert_ptr_null(buf);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "data/site/gzip.xml");
	ck_assert_str_eq(d.v[0].msg,
			 "compressed files are not accepted; decompress it first");
	ro_diag_release(&d);

	ck_assert_int_eq(ro_read_file("data/site/no-such-file.xml", 1000, &buf,
				      &len, &d), RO_EIO);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg, "cannot open 'data/site/no-such-file.xml': "
			 "No such file or directory");
	ro_diag_release(&d);

	ck_assert_int_eq(ro_read_file("data/site/empty.xml", 1000, &buf, &len, &d),
			 RO_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(buf[0], '\0');
	ro_free(buf);

	ck_assert_int_eq(ro_read_file("../examples/small.xml", 100, &buf, &len, &d),
			 RO_ELIMIT);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].msg,
			 "file is larger than 100 bytes; split it or trim it");
	ro_diag_release(&d);
	ck_assert_int_eq(ro_read_file("../examples/small.xml", RO_XML_MAX_BYTES,
				      &buf, &len, &d), RO_OK);
	ck_assert_uint_gt(len, 1000);
	ck_assert_uint_eq(strlen(buf), len);
	ro_free(buf);
}
END_TEST

START_TEST(schema_validate)
{
	xmlDocPtr doc;
	size_t len = 0;
	const char *text = ro_xml_schema_text("site.xsd", &len);

	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(strlen(text), len);
	ck_assert(strstr(text, "xs:schema") != NULL);

	ck_assert_int_eq(parse("<site version=\"1\" name=\"x\">\n<bogus/>\n</site>",
			       &doc), RO_OK);
	ck_assert_int_eq(ro_xml_validate(doc, "site.xsd", "t.xml", &d), RO_ESCHEMA);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "t.xml");
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_str_eq(d.v[0].msg, "<bogus> is not expected here; expected "
			 "<horizon>");
	ro_diag_release(&d);
	ck_assert_int_eq(ro_xml_validate(doc, "nope.xsd", "t.xml", &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "no embedded schema 'nope.xsd'");
	xmlFreeDoc(doc);
}
END_TEST

Suite *suite_xmlsafe(void)
{
	Suite *s = suite_create("xmlsafe");
	TCase *c = fx_tcase_create("core");

	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, parse_ok);
	tcase_add_test(c, dtd_rejected);
	tcase_add_test(c, dtd_utf16_rejected);
	tcase_add_test(c, prescan_encodings);
	tcase_add_test(c, doctype_hook);
	tcase_add_test(c, entity_loader_refuses);
	tcase_add_test(c, not_well_formed);
	tcase_add_test(c, parser_words);
	tcase_add_test(c, truncated_empty_nul);
	tcase_add_test(c, depth_limit);
	tcase_add_test(c, attribute_limit);
	tcase_add_test(c, bad_args);
	tcase_add_test(c, read_file);
	tcase_add_test(c, schema_validate);
	suite_add_tcase(s, c);
	return s;
}
