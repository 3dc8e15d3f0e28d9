/*
 * csv.c - RFC 4180 rows from a file or a buffer, one row at a time.
 *
 * Input is read through a fixed 64 KiB window (files) or walked in place
 * (memory), so memory use is one row plus the window whatever the file
 * size.
 */
#include "csv.h"

#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "xmlsafe.h"

#define WINDOW 65536

struct ro_csv {
	FILE *f;              /* NULL: memory input */
	char *win;            /* file window */
	const char *p, *end;  /* unread input */
	bool at_eof, read_error, too_big;
	size_t total;         /* bytes read from the file */
	char *name;
	long line;            /* physical line of the next character */
	long row_line;        /* line where the current row starts */

	char *buf;            /* the row's fields, each NUL-terminated */
	size_t len, cap;
	size_t *off;          /* field offsets into buf */
	size_t nf, offcap;
};

static int open_common(const char *name, struct ro_csv **out)
{
	struct ro_csv *c = ro_calloc(1, sizeof *c);

	if (!c)
		return RO_ENOMEM;
	c->name = ro_strdup(name ? name : "(memory)");
	if (!c->name) {
		ro_free(c);
		return RO_ENOMEM;
	}
	c->line = 1;
	*out = c;
	return RO_OK;
}

int ro_csv_open(const char *path, const char *name, struct ro_csv **out,
		struct ro_diag *d)
{
	struct ro_csv *c;
	int rc;

	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!path || !d)
		return RO_EARG;
	if (!name)
		name = path;
	rc = open_common(name, &c);
	if (rc != RO_OK)
		return rc;
	c->win = ro_malloc(WINDOW);
	if (!c->win) {
		ro_csv_close(c);
		return RO_ENOMEM;
	}
	c->p = c->end = c->win;
	c->f = fopen(path, "rb");
	if (!c->f) {
		ro_diag_add(d, name, 0, "cannot open '%s': %s", path,
			    strerror(errno));
		ro_csv_close(c);
		return RO_EIO;
	}
	if (!ro_file_boundable(fileno(c->f), name, d)) {
		ro_csv_close(c);
		return RO_EIO;
	}
	{
		struct stat st;

		if (fstat(fileno(c->f), &st) == 0 && S_ISREG(st.st_mode) &&
		    (uintmax_t)st.st_size > RO_CSV_MAX_BYTES) {
			ro_diag_add(d, name, 0, "file is larger than %u bytes; "
				    "split the inventory", RO_CSV_MAX_BYTES);
			ro_csv_close(c);
			return RO_ELIMIT;
		}
	}
	*out = c;
	return RO_OK;
}

int ro_csv_open_memory(const char *buf, size_t len, const char *name,
		       struct ro_csv **out)
{
	struct ro_csv *c;
	int rc;

	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!buf)
		return RO_EARG;
	rc = open_common(name, &c);
	if (rc != RO_OK)
		return rc;
	c->p = buf;
	c->end = buf + len;
	c->at_eof = true;
	*out = c;
	return RO_OK;
}

void ro_csv_close(struct ro_csv *c)
{
	if (!c)
		return;
	if (c->f)
		fclose(c->f);
	ro_free(c->win);
	ro_free(c->name);
	ro_free(c->buf);
	ro_free(c->off);
	ro_free(c);
}

/* The next character without consuming it, or -1 at the end. */
static int peek(struct ro_csv *c)
{
	if (c->p == c->end) {
		if (c->at_eof || !c->f)
			return -1;
		size_t n = fread(c->win, 1, WINDOW, c->f);
		if (n == 0) {
			if (ferror(c->f))
				c->read_error = true;
			c->at_eof = true;
			return -1;
		}
		c->total += n;
		if (c->total > RO_CSV_MAX_BYTES) {
			/* a FIFO that never ends: stop here, ro_csv_next
			 * reports it */
			c->too_big = true;
			c->at_eof = true;
			return -1;
		}
		c->p = c->win;
		c->end = c->win + n;
	}
	return (unsigned char)*c->p;
}

static int get(struct ro_csv *c)
{
	int ch = peek(c);

	if (ch >= 0) {
		c->p++;
		if (ch == '\n')
			c->line++;
	}
	return ch;
}

static bool put(struct ro_csv *c, char ch)
{
	if (c->len == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 256;
		char *b = ro_realloc(c->buf, cap);
		if (!b)
			return false;
		c->buf = b;
		c->cap = cap;
	}
	c->buf[c->len++] = ch;
	return true;
}

static bool start_field(struct ro_csv *c)
{
	if (c->nf == c->offcap) {
		size_t cap = c->offcap ? 2 * c->offcap : 16;
		size_t *o = ro_reallocarray(c->off, cap, sizeof *o);
		if (!o)
			return false;
		c->off = o;
		c->offcap = cap;
	}
	c->off[c->nf++] = c->len;
	return true;
}

/* Skips the rest of the physical line after an error. */
static void skip_line(struct ro_csv *c)
{
	int ch;

	while ((ch = get(c)) >= 0 && ch != '\n')
		;
}

/* Consumes a line end (LF, CRLF or a lone CR) if one is next. */
static bool eat_newline(struct ro_csv *c)
{
	int ch = peek(c);

	if (ch == '\n') {
		get(c);
		return true;
	}
	if (ch == '\r') {
		get(c);
		if (peek(c) == '\n')
			get(c);
		else
			c->line++;   /* a lone CR ends a line too */
		return true;
	}
	return false;
}

static int row_error(struct ro_csv *c, struct ro_diag *d, long line,
		     const char *msg, bool skip)
{
	ro_diag_add(d, c->name, line, "%s", msg);
	if (skip)
		skip_line(c);
	return RO_EPARSE;
}

int ro_csv_next(struct ro_csv *c, bool *eof, struct ro_diag *d)
{
	if (!c || !eof || !d)
		return RO_EARG;
	*eof = false;
	for (;;) {
		int ch;

		c->len = 0;
		c->nf = 0;
		if (c->line == 1 && c->row_line == 0) {
			/* a UTF-8 byte order mark, once, at the very start */
			c->row_line = 1;
			if (peek(c) == 0xef && c->end - c->p >= 3 &&
			    memcmp(c->p, "\xef\xbb\xbf", 3) == 0)
				c->p += 3;
		}
		c->row_line = c->line;
		ch = peek(c);
		if (ch < 0) {
			if (c->too_big) {
				ro_diag_add(d, c->name, 0, "file is larger than "
					    "%u bytes; split the inventory",
					    RO_CSV_MAX_BYTES);
				return RO_ELIMIT;
			}
			if (c->read_error) {
				ro_diag_add(d, c->name, c->line, "cannot read the file");
				return RO_EIO;
			}
			*eof = true;
			return RO_OK;
		}
		if (eat_newline(c))
			continue;   /* a blank line */
		for (;;) {
			/* one field; empty fields count too, or a row of commas
			 * would grow without bound */
			if (c->len >= RO_CSV_MAX_ROW)
				return row_error(c, d, c->row_line,
						 "row longer than 1 MiB; split it", true);
			if (!start_field(c))
				return RO_ENOMEM;
			ch = peek(c);
			if (ch == '"') {
				long qline = c->line;
				get(c);
				for (;;) {
					ch = get(c);
					if (ch < 0) {
						char msg[128];
						snprintf(msg, sizeof msg,
							 "quoted field starting at line %ld has no "
							 "closing quote; add the missing '\"'", qline);
						return row_error(c, d, c->row_line, msg, false);
					}
					if (ch == '"') {
						if (peek(c) == '"') {
							get(c);
						} else {
							break;
						}
					}
					if (ch == 0)
						return row_error(c, d, c->row_line,
								 "NUL byte in a field; remove it", true);
					if (c->len >= RO_CSV_MAX_ROW)
						return row_error(c, d, c->row_line,
								 "row longer than 1 MiB; is a quote "
								 "missing?", true);
					if (!put(c, (char)ch))
						return RO_ENOMEM;
				}
				ch = peek(c);
				if (ch >= 0 && ch != ',' && ch != '\n' && ch != '\r')
					return row_error(c, d, c->row_line,
							 "text after a closing quote; quote the "
							 "whole field and double the quotes inside",
							 true);
			} else {
				while ((ch = peek(c)) >= 0 && ch != ',' && ch != '\n' &&
				       ch != '\r') {
					if (ch == '"')
						return row_error(c, d, c->row_line,
								 "quote inside an unquoted field; quote "
								 "the whole field and double the quote",
								 true);
					if (ch == 0)
						return row_error(c, d, c->row_line,
								 "NUL byte in a field; remove it", true);
					if (c->len >= RO_CSV_MAX_ROW)
						return row_error(c, d, c->row_line,
								 "row longer than 1 MiB; split it", true);
					if (!put(c, (char)ch))
						return RO_ENOMEM;
					get(c);
				}
			}
			if (!put(c, '\0'))
				return RO_ENOMEM;
			if (peek(c) == ',') {
				get(c);
				continue;
			}
			eat_newline(c);
			return RO_OK;
		}
	}
}

size_t ro_csv_nfields(const struct ro_csv *c)
{
	return c ? c->nf : 0;
}

const char *ro_csv_field(const struct ro_csv *c, size_t i)
{
	if (!c || i >= c->nf)
		return NULL;
	return c->buf + c->off[i];
}

long ro_csv_line(const struct ro_csv *c)
{
	return c ? c->row_line : 0;
}
