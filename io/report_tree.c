/*
 * report_tree.c - the report's XHTML and SVG nodes, built with libxml2.
 *
 * Every node is made through the tree API, never pasted as text, so that
 * every name from a file is escaped by the serialiser.  Coordinates are
 * printed with two decimals, so the same inputs give the same bytes.  A
 * call that runs out of memory sets b->oom and returns NULL; every helper
 * accepts a NULL parent, so a builder need not check each node.
 */
#include <stdarg.h>
#include <stdio.h>

#include "../model/alloc.h"
#include "report_priv.h"

void ro_rp_sb_printf(struct sbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (sb->oom)
		return;
	for (;;) {
		size_t room = sb->cap - sb->n;

		va_start(ap, fmt);
		k = vsnprintf(sb->p ? sb->p + sb->n : NULL, room, fmt, ap);
		va_end(ap);
		if (k < 0) {
			sb->oom = 1;
			return;
		}
		if ((size_t)k < room) {
			sb->n += (size_t)k;
			return;
		}
		size_t ncap = sb->cap ? 2 * sb->cap : 256;
		while (ncap - sb->n <= (size_t)k)
			ncap *= 2;
		char *np = ro_realloc(sb->p, ncap);
		if (!np) {
			sb->oom = 1;
			return;
		}
		sb->p = np;
		sb->cap = ncap;
	}
}

xmlNodePtr ro_rp_el(struct b *b, xmlNodePtr parent, const char *name,
		    const char *text)
{
	xmlNodePtr n;

	if (!parent)
		return NULL;
	n = text ? xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text)
		 : xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (!n)
		b->oom = 1;
	return n;
}

xmlNodePtr ro_rp_elf(struct b *b, xmlNodePtr parent, const char *name,
		     const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ro_rp_el(b, parent, name, buf);
}

void ro_rp_set(struct b *b, xmlNodePtr n, const char *name,
	       const char *value)
{
	if (n && !xmlNewProp(n, BAD_CAST name, BAD_CAST value))
		b->oom = 1;
}

void ro_rp_setf(struct b *b, xmlNodePtr n, const char *name,
		const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	ro_rp_set(b, n, name, buf);
}

/* Moves the text of sb into attribute name of n and empties sb. */
void ro_rp_set_sb(struct b *b, xmlNodePtr n, const char *name,
		  struct sbuf *sb)
{
	if (sb->oom)
		b->oom = 1;
	else
		ro_rp_set(b, n, name, sb->p ? sb->p : "");
	sb->n = 0;
	if (sb->p)
		sb->p[0] = '\0';
}

/* A text node appended to n (for mixed content). */
void ro_rp_text(struct b *b, xmlNodePtr n, const char *s)
{
	xmlNodePtr t;

	if (!n)
		return;
	t = xmlNewText(BAD_CAST s);
	if (!t || !xmlAddChild(n, t)) {
		xmlFreeNode(t);
		b->oom = 1;
	}
}

xmlNodePtr ro_rp_svg_new(struct b *b, xmlNodePtr parent, int w, double h,
			 const char *cls, const char *label)
{
	xmlNodePtr s = ro_rp_el(b, parent, "svg", NULL);
	xmlNsPtr ns;

	if (!s)
		return NULL;
	ns = xmlNewNs(s, BAD_CAST SVG_NS, NULL);
	if (!ns) {
		b->oom = 1;
		return s;
	}
	xmlSetNs(s, ns);
	ro_rp_setf(b, s, "width", "%d", w);
	ro_rp_setf(b, s, "height", "%.0f", h);
	ro_rp_setf(b, s, "viewBox", "0 0 %d %.0f", w, h);
	ro_rp_set(b, s, "class", cls);
	ro_rp_set(b, s, "role", "img");
	ro_rp_set(b, s, "aria-label", label);
	return s;
}

xmlNodePtr ro_rp_rect(struct b *b, xmlNodePtr p, double x, double y,
		      double w, double h, const char *cls)
{
	xmlNodePtr r = ro_rp_el(b, p, "rect", NULL);

	ro_rp_setf(b, r, "x", "%.2f", x);
	ro_rp_setf(b, r, "y", "%.2f", y);
	ro_rp_setf(b, r, "width", "%.2f", w);
	ro_rp_setf(b, r, "height", "%.2f", h);
	if (cls)
		ro_rp_set(b, r, "class", cls);
	return r;
}

xmlNodePtr ro_rp_line(struct b *b, xmlNodePtr p, double x1, double y1,
		      double x2, double y2, const char *cls)
{
	xmlNodePtr l = ro_rp_el(b, p, "line", NULL);

	ro_rp_setf(b, l, "x1", "%.2f", x1);
	ro_rp_setf(b, l, "y1", "%.2f", y1);
	ro_rp_setf(b, l, "x2", "%.2f", x2);
	ro_rp_setf(b, l, "y2", "%.2f", y2);
	ro_rp_set(b, l, "class", cls);
	return l;
}

xmlNodePtr ro_rp_svg_text(struct b *b, xmlNodePtr p, double x, double y,
			  const char *anchor, const char *cls,
			  const char *s)
{
	xmlNodePtr t = ro_rp_el(b, p, "text", s);

	ro_rp_setf(b, t, "x", "%.2f", x);
	ro_rp_setf(b, t, "y", "%.2f", y);
	if (anchor)
		ro_rp_set(b, t, "text-anchor", anchor);
	if (cls)
		ro_rp_set(b, t, "class", cls);
	return t;
}
