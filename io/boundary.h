/*
 * boundary.h - site boundaries: which network link an IPv4 address is on.
 *
 * As SMS and ConfigMgr assign clients to sites, rollout import assigns
 * each client to the link (its segment) whose boundary holds its address.
 * A boundary is a CIDR subnet ("10.1.2.0/24"), an address range
 * ("10.2.0.1-10.2.0.200") or an SMS 2.0 subnet id ("10.1.2.0", compared
 * with the client's IP subnet, never with its address).  The narrowest
 * boundary holding an address wins; among equally narrow ones, the first
 * added.  The set owns its array; ro_boundaries_release frees it.
 */
#ifndef RO_BOUNDARY_H
#define RO_BOUNDARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ro_boundary {
	uint32_t lo, hi;     /* inclusive */
	bool subnet_id;      /* matches a client's subnet exactly */
	int32_t link;        /* link index in the template site */
	long line;           /* where it was given */
};

struct ro_boundaries {
	struct ro_boundary *v;
	size_t n;
};

/* Dotted-quad IPv4 "a.b.c.d" (each 0-255, no leading '+', at most three
 * digits, surrounding blanks allowed). */
bool ro_ipv4_parse(const char *s, uint32_t *out);
/* "a.b.c.d" into buf (at least 16 bytes). */
char *ro_ipv4_format(uint32_t a, char *buf);

/* Parses one boundary text into *b (lo, hi, subnet_id; link and line are
 * left alone).  Returns NULL, or a message saying what is wrong and how to
 * fix it. */
const char *ro_boundary_parse(const char *text, struct ro_boundary *b);

/* Appends b; returns false on allocation failure. */
bool ro_boundaries_add(struct ro_boundaries *set, const struct ro_boundary *b);
void ro_boundaries_release(struct ro_boundaries *set);   /* NULL-safe */

/* The boundary holding address a (subnet: a is a client's subnet id, which
 * subnet-id boundaries match exactly and the others by containment), or
 * NULL. */
const struct ro_boundary *ro_boundaries_find(const struct ro_boundaries *set,
					     uint32_t a, bool subnet);

#endif
