/*
 * textbuf.c - a growing text buffer (textbuf.h).
 */
#include "textbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"

static bool reserve(struct ro_tb *b, size_t more)
{
	size_t cap;
	char *np;

	if (b->oom)
		return false;
	if (b->cap - b->n > more)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap - b->n <= more) {
		if (cap > (size_t)-1 / 2) {
			b->oom = true;
			return false;
		}
		cap *= 2;
	}
	np = ro_realloc(b->p, cap);
	if (!np) {
		b->oom = true;
		return false;
	}
	b->p = np;
	b->cap = cap;
	return true;
}

void ro_tb_printf(struct ro_tb *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = true;
		return;
	}
	if (!reserve(b, (size_t)k))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)k;
}

void ro_tb_puts(struct ro_tb *b, const char *s)
{
	size_t len = strlen(s);

	if (!reserve(b, len))
		return;
	memcpy(b->p + b->n, s, len + 1);
	b->n += len;
}

void ro_tb_html(struct ro_tb *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': ro_tb_puts(b, "&amp;"); break;
		case '<': ro_tb_puts(b, "&lt;"); break;
		case '>': ro_tb_puts(b, "&gt;"); break;
		case '"': ro_tb_puts(b, "&quot;"); break;
		case '\'': ro_tb_puts(b, "&#39;"); break;
		default: {
			char c[2] = { *s, 0 };
			ro_tb_puts(b, c);
		}
		}
}

void ro_tb_csv(struct ro_tb *b, const char *s)
{
	size_t len = strlen(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL ||
		     (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));

	if (!quote) {
		ro_tb_puts(b, s);
		return;
	}
	ro_tb_puts(b, "\"");
	for (; *s; s++)
		ro_tb_puts(b, *s == '"' ? "\"\"" : (char[2]){ *s, 0 });
	ro_tb_puts(b, "\"");
}

void ro_tb_release(struct ro_tb *b)
{
	if (!b)
		return;
	ro_free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}
