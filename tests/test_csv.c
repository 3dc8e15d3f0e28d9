/*
 * test_csv.c - the RFC 4180 row reader: quoting, line ends, errors with
 * their physical lines, several errors in one pass.
 */
#include <check.h>
#include <string.h>

#include "../io/csv.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "fixture.h"

static struct ro_diag d;
static struct ro_csv *c;

static void setup(void)
{
	ro_diag_init(&d);
	c = NULL;
}

static void teardown(void)
{
	ro_csv_close(c);
	ro_diag_release(&d);
}

static void open_str(const char *s)
{
	ck_assert_int_eq(ro_csv_open_memory(s, strlen(s), "t.csv", &c), RO_OK);
}

/* Reads the next row and checks it is one with n fields on line. */
static void next_row(size_t n, long line)
{
	bool eof = true;

	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_OK);
	ck_assert(!eof);
	ck_assert_uint_eq(ro_csv_nfields(c), n);
	ck_assert_int_eq(ro_csv_line(c), line);
}

static void at_end(void)
{
	bool eof = false;

	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_OK);
	ck_assert(eof);
}

START_TEST(plain_and_quoted)
{
	open_str("id,user,os\n"
		 "a,\"Hughes, Ivy\",win98\n"
		 "b,\"Lee \"\"LJ\"\" Jones\",winnt\n"
		 "c,\"two\nlines\",\n"
		 "d,,\"\"\n");
	next_row(3, 1);
	ck_assert_str_eq(ro_csv_field(c, 0), "id");
	ck_assert_str_eq(ro_csv_field(c, 2), "os");
	next_row(3, 2);
	ck_assert_str_eq(ro_csv_field(c, 1), "Hughes, Ivy");
	next_row(3, 3);
	ck_assert_str_eq(ro_csv_field(c, 1), "Lee \"LJ\" Jones");
	next_row(3, 4);
	ck_assert_str_eq(ro_csv_field(c, 1), "two\nlines");
	ck_assert_str_eq(ro_csv_field(c, 2), "");
	next_row(3, 6);   /* the quoted line break moved it to line 6 */
	ck_assert_str_eq(ro_csv_field(c, 0), "d");
	ck_assert_str_eq(ro_csv_field(c, 1), "");
	ck_assert_str_eq(ro_csv_field(c, 2), "");
	ck_assert_ptr_null(ro_csv_field(c, 3));
	at_end();
	at_end();   /* stays at the end */
	ck_assert_uint_eq(d.n, 0);
}
END_TEST

START_TEST(line_ends_bom_blank)
{
	open_str("\xef\xbb\xbfid,os\r\n\r\na,win95\r\n\nb,win98");
	next_row(2, 1);
	ck_assert_str_eq(ro_csv_field(c, 0), "id");
	next_row(2, 3);
	ck_assert_str_eq(ro_csv_field(c, 1), "win95");
	next_row(2, 5);
	ck_assert_str_eq(ro_csv_field(c, 1), "win98");   /* no final newline */
	at_end();
}
END_TEST

START_TEST(errors_each_reported)
{
	bool eof;

	open_str("id,os\n"
		 "a\"b,win95\n"             /* 2: quote in an unquoted field */
		 "\"a\"x,win95\n"           /* 3: text after the closing quote */
		 "ok,win98\n"               /* 4 */
		 "\"open,win98\n"           /* 5: never closed */
		 "more\n");
	next_row(2, 1);
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	next_row(2, 4);
	ck_assert_str_eq(ro_csv_field(c, 0), "ok");
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	at_end();
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.v[0].file, "t.csv");
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_str_eq(d.v[0].msg, "quote inside an unquoted field; quote the "
			 "whole field and double the quote");
	ck_assert_int_eq(d.v[1].line, 3);
	ck_assert_str_eq(d.v[1].msg, "text after a closing quote; quote the whole "
			 "field and double the quotes inside");
	ck_assert_int_eq(d.v[2].line, 5);
	ck_assert_str_eq(d.v[2].msg, "quoted field starting at line 5 has no "
			 "closing quote; add the missing '\"'");
}
END_TEST

START_TEST(nul_byte)
{
	static const char s[] = "id,os\na\0b,win95\nc,win98\n";
	bool eof;

	ck_assert_int_eq(ro_csv_open_memory(s, sizeof s - 1, "t.csv", &c), RO_OK);
	next_row(2, 1);
	ck_assert_int_eq(ro_csv_next(c, &eof, &d), RO_EPARSE);
	next_row(2, 3);
	at_end();
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].line, 2);
	ck_assert_str_eq(d.v[0].msg, "NUL byte in a field; remove it");
}
END_TEST

START_TEST(empty_input)
{
	ck_assert_int_eq(ro_csv_open_memory("", 0, NULL, &c), RO_OK);
	at_end();
}
END_TEST

START_TEST(from_file)
{
	ck_assert_int_eq(ro_csv_open("../examples/small-extra.csv", NULL, &c, &d),
			 RO_OK);
	next_row(10, 1);
	next_row(10, 2);
	ck_assert_str_eq(ro_csv_field(c, 1), "Hughes, Ivy");
	next_row(10, 3);
	next_row(10, 4);
	next_row(10, 5);
	ck_assert_str_eq(ro_csv_field(c, 1), "Lee \"LJ\" Jones");
	ck_assert_str_eq(ro_csv_field(c, 9), "2026-11-30T22:30");
	at_end();
	ro_csv_close(c);
	c = NULL;
	ck_assert_int_eq(ro_csv_open("data/site/none.csv", "none.csv", &c, &d),
			 RO_EIO);
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].file, "none.csv");
	ck_assert_str_eq(d.v[0].msg, "cannot open 'data/site/none.csv': No such "
			 "file or directory");
}
END_TEST

START_TEST(bad_args)
{
	bool eof;

	ck_assert_int_eq(ro_csv_open(NULL, NULL, &c, &d), RO_EARG);
	ck_assert_int_eq(ro_csv_open("x", NULL, NULL, &d), RO_EARG);
	ck_assert_int_eq(ro_csv_open("x", NULL, &c, NULL), RO_EARG);
	ck_assert_int_eq(ro_csv_open_memory(NULL, 0, NULL, &c), RO_EARG);
	ck_assert_int_eq(ro_csv_open_memory("a", 1, NULL, NULL), RO_EARG);
	ck_assert_int_eq(ro_csv_next(NULL, &eof, &d), RO_EARG);
	ck_assert_uint_eq(ro_csv_nfields(NULL), 0);
	ck_assert_ptr_null(ro_csv_field(NULL, 0));
	ck_assert_int_eq(ro_csv_line(NULL), 0);
	ro_csv_close(NULL);
	ck_assert_ptr_null(c);
}
END_TEST

START_TEST(alloc_failures)
{
	/* every allocation failing in turn: an error, never a crash or leak */
	static const char s[] = "id,os\n\"a,b\",win95\nc,win98\n";
	for (long n = 1; n < 20; n++) {
		long live = ro_alloc_live();
		bool eof = false;
		int rc;
		ro_alloc_fail_at(n, 1);
		rc = ro_csv_open_memory(s, sizeof s - 1, "t.csv", &c);
		while (rc == RO_OK && !eof)
			rc = ro_csv_next(c, &eof, &d);
		ro_alloc_fail_at(0, 0);
		ck_assert(rc == RO_OK || rc == RO_ENOMEM);
		ro_csv_close(c);
		c = NULL;
		ck_assert_int_eq(ro_alloc_live(), live);
	}
}
END_TEST

Suite *suite_csv(void)
{
	Suite *s = suite_create("csv");
	TCase *t = fx_tcase_create("core");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, plain_and_quoted);
	tcase_add_test(t, line_ends_bom_blank);
	tcase_add_test(t, errors_each_reported);
	tcase_add_test(t, nul_byte);
	tcase_add_test(t, empty_input);
	tcase_add_test(t, from_file);
	tcase_add_test(t, bad_args);
	tcase_add_test(t, alloc_failures);
	suite_add_tcase(s, t);
	return s;
}
