/*
 * test_xmlsafe.c - safe XML parsing: DTDs, entities, compression, limits,
 * error capture with lines, embedded schemas.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../io/xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"

static struct ro_diag d;

static void setup(void)
{
	ro_diag_init(&d);
}

static void teardown(void)
{
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

START_TEST(not_well_formed)
{
	xmlDocPtr doc;

	ck_assert_int_eq(parse("<a>\n<b>\n</a>", &doc), RO_EPARSE);
	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "t.xml");
	ck_assert_int_eq(d.v[0].line, 3);
	ck_assert_str_eq(d.v[0].msg, "opening and ending tag mismatch: b line 2 "
			 "and a (column 5)");
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
	ck_assert(strncmp(d.v[0].msg, "element 'bogus': ", 17) == 0);
	ro_diag_release(&d);
	ck_assert_int_eq(ro_xml_validate(doc, "nope.xsd", "t.xml", &d), RO_EARG);
	ck_assert_str_eq(d.v[0].msg, "no embedded schema 'nope.xsd'");
	xmlFreeDoc(doc);
}
END_TEST

Suite *suite_xmlsafe(void)
{
	Suite *s = suite_create("xmlsafe");
	TCase *c = tcase_create("core");

	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, parse_ok);
	tcase_add_test(c, dtd_rejected);
	tcase_add_test(c, dtd_utf16_rejected);
	tcase_add_test(c, not_well_formed);
	tcase_add_test(c, truncated_empty_nul);
	tcase_add_test(c, depth_limit);
	tcase_add_test(c, bad_args);
	tcase_add_test(c, read_file);
	tcase_add_test(c, schema_validate);
	suite_add_tcase(s, c);
	return s;
}
