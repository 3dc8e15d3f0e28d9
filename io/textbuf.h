/*
 * textbuf.h - a growing text buffer for the writers of plain text, CSV
 * and HTML (io/runbook.c, io/export_*.c), which build their output in
 * memory and write it in one piece (io/atomic.h).
 *
 * An allocation failure sets oom and makes every later call a no-op, so
 * that a writer checks once, at the end.  The buffer owns its text.
 */
#ifndef RO_TEXTBUF_H
#define RO_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

struct ro_tb {
	char *p;        /* NUL-terminated once anything was written */
	size_t n, cap;
	bool oom;
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ro_tb_printf(struct ro_tb *b, const char *fmt, ...);
void ro_tb_puts(struct ro_tb *b, const char *s);
/* s with &, <, >, " and ' as HTML entities. */
void ro_tb_html(struct ro_tb *b, const char *s);
/* s as one RFC 4180 field: quoted (quotes doubled) when it holds a comma,
 * a quote, a line break or leading or trailing blanks. */
void ro_tb_csv(struct ro_tb *b, const char *s);
void ro_tb_release(struct ro_tb *b);   /* frees the text; NULL-safe */

#endif
