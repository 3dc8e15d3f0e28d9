/*
 * test_schema_msg.c - libxml2's schema messages translated into what to
 * fix (io/schema_msg.c): every template of libxml2 2.9 the embedded
 * schemas can raise, each pattern of io/schema/ in the words of
 * docs/site-format.md, and the messages left alone.  The raw texts are
 * libxml2's own, as xmllint --schema prints them.  The same translations
 * through the readers, with their lines, are in test_hostile.c.
 */
#include <check.h>
#include <string.h>

#include "../io/schema_msg.h"
#include "../io/site_read.h"
#include "../io/xmlsafe.h"
#include "../model/error.h"
#include "fixture.h"

static const struct {
	const char *raw, *msg;
} mapped[] = {
	{ "Element 'link', attribute 'capacity-kbps': [facet 'pattern'] The "
	  "value '-5' is not accepted by the pattern '[0-9]+(\\.[0-9]+)?'.\n",
	  "attribute 'capacity-kbps' of <link>: '-5' is not a decimal number; "
	  "write digits with an optional decimal point, like 28.8" },
	{ "Element 'link', attribute 'share': [facet 'pattern'] The value "
	  "'150x' is not accepted by the pattern '[0-9]+(\\.[0-9]+)?%?'.\n",
	  "attribute 'share' of <link>: '150x' is not a fraction; write a "
	  "decimal like 0.8 or a percentage like 80%" },
	{ "Element 'horizon', attribute 'slot-minutes': [facet 'pattern'] The "
	  "value '1.5' is not accepted by the pattern '[0-9]+'.\n",
	  "attribute 'slot-minutes' of <horizon>: '1.5' is not a whole number; "
	  "write digits only, like 15" },
	{ "Element 'horizon', attribute 'start': [facet 'pattern'] The value "
	  "'2026-13-01T08:00' is not accepted by the pattern '[0-9]{4}-(0[1-9]|"
	  "1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]"
	  "(:00)?'.\n",
	  "attribute 'start' of <horizon>: '2026-13-01T08:00' is not a "
	  "date-time; write YYYY-MM-DDTHH:MM, like 2026-11-30T08:00" },
	{ "Element 'client', attribute 'start': [facet 'pattern'] The value "
	  "'x' is not accepted by the pattern '[0-9]{4}-[0-9]{2}-[0-9]{2}T"
	  "[0-9]{2}:[0-9]{2}'.\n",
	  "attribute 'start' of <client>: 'x' is not a date-time; write "
	  "YYYY-MM-DDTHH:MM, like 2026-11-30T08:00" },
	{ "Element 'reboot-window', attribute 'days': [facet 'pattern'] The "
	  "value 'Mon-Xyz' is not accepted by the pattern '(Mon|Tue|Wed|Thu|"
	  "Fri|Sat|Sun)(-(Mon|Tue|Wed|Thu|Fri|Sat|Sun))?(,(Mon|Tue|Wed|Thu|Fri|"
	  "Sat|Sun)(-(Mon|Tue|Wed|Thu|Fri|Sat|Sun))?)*'.\n",
	  "attribute 'days' of <reboot-window>: 'Mon-Xyz' is not a list of "
	  "days; write day names Mon to Sun, ranges and lists, like Mon-Fri or "
	  "Sat,Sun" },
	{ "Element 'level', attribute 'from': [facet 'pattern'] The value "
	  "'25:00' is not accepted by the pattern '([01][0-9]|2[0-3]):[0-5]"
	  "[0-9]|24:00'.\n",
	  "attribute 'from' of <level>: '25:00' is not a time of day; write "
	  "HH:MM from 00:00 to 24:00, like 18:00" },
	{ "Element 'stage', attribute 'gap': [facet 'pattern'] The value '1' "
	  "is not accepted by the pattern '[0-9]+\\.[0-9]{4}'.\n",
	  "attribute 'gap' of <stage>: '1' is not a ratio; write it with four "
	  "decimals, like 0.8125" },
	{ "Element 'x', attribute 'y': [facet 'pattern'] The value 'v' is not "
	  "accepted by the pattern '[a-z]{9}'.\n",
	  "attribute 'y' of <x>: 'v' does not have the form '[a-z]{9}'" },
	{ "Element 'reboot-window', attribute 'from': '25:00' is not a valid "
	  "value of the union type 'windowTime'.\n",
	  "attribute 'from' of <reboot-window>: '25:00' is not a time; write "
	  "HH:MM with days=, or a day name and a time, like Fri 18:00" },
	{ "Element 'calendar', attribute 'id': 'a b' is not a valid value of "
	  "the atomic type 'id'.\n",
	  "attribute 'id' of <calendar>: 'a b' is not an id; use letters, "
	  "digits and . - _ : only, without blanks" },
	{ "Element 'client', attribute 'components': 'a,b' is not a valid "
	  "value of the atomic type 'xs:NMTOKEN'.\n",
	  "attribute 'components' of <client>: 'a,b' is not an id; use "
	  "letters, digits and . - _ : only, without blanks" },
	{ "Element 'summary', attribute 'placed': 'x' is not a valid value of "
	  "the atomic type 'count'.\n",
	  "attribute 'placed' of <summary>: 'x' is not a whole number; write "
	  "digits only, like 15" },
	{ "Element 'a', attribute 'b': 'x' is not a valid value of the atomic "
	  "type 'odd'.\n",
	  "attribute 'b' of <a>: 'x' is not a valid odd" },
	{ "Element 'link', attribute 'kind': [facet 'enumeration'] The value "
	  "'fibre' is not an element of the set {'lan', 'wan', 'ras'}.\n",
	  "attribute 'kind' of <link>: 'fibre' is not one of lan, wan, ras" },
	{ "Element 'client', attribute 'triggers': [facet 'minLength'] The "
	  "value '' has a length of '0'; this underruns the allowed minimum "
	  "length of '1'.\n",
	  "attribute 'triggers' of <client>: '' is empty; give at least 1 "
	  "value" },
	{ "Element 'summary', attribute 'placed': [facet 'minInclusive'] The "
	  "value '-1' is less than the minimum value allowed ('0').\n",
	  "attribute 'placed' of <summary>: '-1' is below the minimum; give 0 "
	  "or more" },
	{ "Element 'a', attribute 'b': [facet 'maxInclusive'] The value '9' "
	  "is greater than the maximum value allowed ('5').\n",
	  "attribute 'b' of <a>: '9' is above the maximum; give 5 or less" },
	{ "Element 'client': The attribute 'triggers' is required but "
	  "missing.\n",
	  "<client> lacks the required attribute 'triggers'; add it" },
	{ "Element 'link', attribute 'foo': The attribute 'foo' is not "
	  "allowed.\n",
	  "<link> takes no attribute 'foo'; remove it or correct its name" },
	{ "Element 'bogus': This element is not expected. Expected is ( "
	  "clients ).\n",
	  "<bogus> is not expected here; expected <clients>" },
	{ "Element 'x': This element is not expected. Expected is one of ( "
	  "client, group, inventory ).\n",
	  "<x> is not expected here; expected one of <client>, <group>, "
	  "<inventory>" },
	{ "Element 'x': This element is not expected.\n",
	  "<x> is not expected here; remove it or move it" },
	{ "Element 'calendar': Missing child element(s). Expected is ( on ).\n",
	  "<calendar> lacks a child element; add <on>" },
	{ "Element 'clients': Character content other than whitespace is not "
	  "allowed because the content type is 'element-only'.\n",
	  "<clients> holds text, where only elements belong; remove the text" },
	{ "Element 'client': Character content is not allowed, because the "
	  "content type is empty.\n",
	  "<client> holds text; it must be empty" },
	{ "Element 'client': Element content is not allowed, because the "
	  "content type is empty.\n",
	  "<client> holds elements; it must be empty" },
	{ "Element 'plan': No matching global declaration available for the "
	  "validation root.\n",
	  "<plan> is not the root element of this kind of file; check that it "
	  "is the right file" },
};

START_TEST(translations)
{
	char out[512];

	for (size_t i = 0; i < sizeof mapped / sizeof *mapped; i++) {
		out[0] = '\0';
		ck_assert_msg(ro_schema_msg(mapped[i].raw, out, sizeof out) ==
			      RO_SCHEMA_MSG_MAPPED, "not mapped: %s", mapped[i].raw);
		ck_assert_str_eq(out, mapped[i].msg);
	}
}
END_TEST

/* A list type's message only restates its item's error, which comes
 * first; unknown templates are left to libxml2's words. */
START_TEST(repeats_and_unknown)
{
	char out[64] = "untouched";

	ck_assert_int_eq(ro_schema_msg("Element 'client', attribute 'triggers': "
				       "'push bogus' is not a valid value of the "
				       "list type 'triggers'.\n", out, sizeof out),
			 RO_SCHEMA_MSG_REPEAT);
	ck_assert_int_eq(ro_schema_msg("Element 'a': Something new.\n", out,
				       sizeof out), RO_SCHEMA_MSG_RAW);
	ck_assert_int_eq(ro_schema_msg("internal error", out, sizeof out),
			 RO_SCHEMA_MSG_RAW);
	ck_assert_int_eq(ro_schema_msg("Element 'a", out, sizeof out),
			 RO_SCHEMA_MSG_RAW);
	ck_assert_int_eq(ro_schema_msg(NULL, out, sizeof out), RO_SCHEMA_MSG_RAW);
	ck_assert_int_eq(ro_schema_msg("x", NULL, 0), RO_SCHEMA_MSG_RAW);
	ck_assert_str_eq(out, "untouched");
	/* a message longer than the buffer is cut, still terminated */
	ck_assert_int_eq(ro_schema_msg(mapped[0].raw, out, sizeof out),
			 RO_SCHEMA_MSG_MAPPED);
	ck_assert_uint_eq(strlen(out), sizeof out - 1);
}
END_TEST

/* Through the site reader: the item's message, its line, and no repeat. */
START_TEST(through_the_reader)
{
	static const char xml[] =
		"<site version=\"1\" name=\"t\">\n"
		"<horizon start=\"2026-11-30T08:00\" end=\"2026-11-30T10:00\"/>\n"
		"<calendars><calendar id=\"a\"><on days=\"Mon-Sun\"/></calendar>"
		"</calendars>\n"
		"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"-5\"/>"
		"</network>\n"
		"<servers><cap id=\"c\" link=\"lan\"/></servers>\n"
		"<payload base-mb=\"8\"/>\n<clients>\n"
		"<client id=\"A\" os=\"winnt\" segment=\"lan\" cap=\"c\" "
		"calendar=\"a\" triggers=\"push bell\"/>\n"
		"</clients>\n</site>\n";
	struct ro_site *s = (struct ro_site *)1;
	struct ro_diag d;

	ro_diag_init(&d);
	ck_assert_int_eq(ro_site_load_memory(xml, sizeof xml - 1, "t.xml", NULL,
					     &s, &d), RO_ESCHEMA);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_int_eq(d.v[0].line, 4);
	ck_assert_str_eq(d.v[0].msg, mapped[0].msg);
	ck_assert_int_eq(d.v[1].line, 8);
	ck_assert_str_eq(d.v[1].msg, "attribute 'triggers' of <client>: 'bell' "
			 "is not one of ccim, logon, push");
	ro_diag_release(&d);
	ro_xml_cleanup();
}
END_TEST

Suite *suite_schema_msg(void)
{
	Suite *s = suite_create("schema_msg");
	TCase *tc = fx_tcase_create("core");

	tcase_add_test(tc, translations);
	tcase_add_test(tc, repeats_and_unknown);
	tcase_add_test(tc, through_the_reader);
	suite_add_tcase(s, tc);
	return s;
}
