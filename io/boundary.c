/*
 * boundary.c - IPv4 boundaries and the lookup of an address's link (see
 * boundary.h).  A linear scan: a site has hundreds of boundaries at most,
 * and import looks up each client once.
 */
#include "boundary.h"

#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Parses a dotted quad at s; returns the end, or NULL. */
static const char *quad(const char *s, uint32_t *out)
{
	uint32_t a = 0;

	for (int i = 0; i < 4; i++) {
		unsigned v = 0;
		int nd = 0;

		if (i > 0) {
			if (*s != '.')
				return NULL;
			s++;
		}
		while (*s >= '0' && *s <= '9' && nd < 4) {
			v = v * 10 + (unsigned)(*s - '0');
			s++;
			nd++;
		}
		if (nd == 0 || nd > 3 || v > 255)
			return NULL;
		a = a << 8 | v;
	}
	*out = a;
	return s;
}

bool ro_ipv4_parse(const char *s, uint32_t *out)
{
	uint32_t a;

	if (!s || !out)
		return false;
	s = quad(skip_blanks(s), &a);
	if (!s || *skip_blanks(s))
		return false;
	*out = a;
	return true;
}

char *ro_ipv4_format(uint32_t a, char *buf)
{
	snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(a >> 24),
		 (unsigned)(a >> 16 & 255), (unsigned)(a >> 8 & 255),
		 (unsigned)(a & 255));
	return buf;
}

const char *ro_boundary_parse(const char *text, struct ro_boundary *b)
{
	static const char *const syntax =
		"write a subnet 10.1.2.0/24, a range 10.1.2.1-10.1.2.99 or an "
		"SMS subnet id 10.1.2.0";
	const char *p;
	uint32_t lo, hi;

	if (!text || !b)
		return syntax;
	p = quad(skip_blanks(text), &lo);
	if (!p)
		return syntax;
	p = skip_blanks(p);
	if (*p == '/') {
		unsigned bits = 0;
		int nd = 0;

		for (p++; *p >= '0' && *p <= '9' && nd < 3; p++, nd++)
			bits = bits * 10 + (unsigned)(*p - '0');
		if (nd == 0 || bits > 32 || *skip_blanks(p))
			return "the prefix length after '/' must be 0 to 32, "
			       "like 10.1.2.0/24";
		uint32_t mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
		if (lo & ~mask)
			return "the address has bits set past the prefix "
			       "length; write the network address, like "
			       "10.1.2.0/24";
		b->lo = lo;
		b->hi = lo | ~mask;
		b->subnet_id = false;
		return NULL;
	}
	if (*p == '-') {
		p = quad(skip_blanks(p + 1), &hi);
		if (!p || *skip_blanks(p))
			return syntax;
		if (hi < lo)
			return "the range ends before it starts; write the lower "
			       "address first";
		b->lo = lo;
		b->hi = hi;
		b->subnet_id = false;
		return NULL;
	}
	if (*p)
		return syntax;
	b->lo = b->hi = lo;
	b->subnet_id = true;
	return NULL;
}

bool ro_boundaries_add(struct ro_boundaries *set, const struct ro_boundary *b)
{
	struct ro_boundary *v;

	/* doubling at powers of two: the capacity is implied by n */
	if (set->n == 0 || (set->n & (set->n - 1)) == 0) {
		v = ro_reallocarray(set->v, set->n ? 2 * set->n : 1, sizeof *v);
		if (!v)
			return false;
		set->v = v;
	}
	set->v[set->n++] = *b;
	return true;
}

void ro_boundaries_release(struct ro_boundaries *set)
{
	if (!set)
		return;
	ro_free(set->v);
	set->v = NULL;
	set->n = 0;
}

const struct ro_boundary *ro_boundaries_find(const struct ro_boundaries *set,
					     uint32_t a, bool subnet)
{
	const struct ro_boundary *best = NULL;

	if (!set)
		return NULL;
	for (size_t i = 0; i < set->n; i++) {
		const struct ro_boundary *b = &set->v[i];

		if (b->subnet_id && (!subnet || b->lo != a))
			continue;
		if (a < b->lo || a > b->hi)
			continue;
		/* an exact subnet id is the narrowest there is */
		if (!best || b->hi - b->lo < best->hi - best->lo)
			best = b;
	}
	return best;
}
