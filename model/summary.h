/*
 * summary.h - the figures `rollout info FILE` prints about a site: client
 * counts by os, trigger, connection and segment, and per link the clients
 * and bytes that cross it, its usable capacity over the horizon and a lower
 * bound on the time its transfers need.  Computed here; the program only
 * formats it.
 *
 * Ownership: a struct ro_summary owns its arrays (free with
 * ro_summary_free).  Names are string-pool offsets of the site it was
 * computed from (print them with ro_site_str on that site).
 */
#ifndef RO_SUMMARY_H
#define RO_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expand.h"
#include "site.h"

/* Clients per os string. */
struct ro_summary_os {
	uint32_t name;        /* string pool offset of the os string */
	int64_t clients;
};

struct ro_summary_link {
	int64_t segment_clients;  /* clients whose segment is this link */
	int64_t clients;          /* clients whose path crosses it */
	uint64_t bytes;           /* their transfer bytes (count * size) */
	int64_t usable;           /* sum of U(l,t) over the horizon, bytes */
	/* The earliest ready slot (ro_expand_ready_slot) of the CAPs of the
	 * clients crossing the link; -1 when no client crosses it. */
	int32_t ready_slot;
	/* Lower bound on the time the transfers need: the smallest n such that
	 * U(l, ready_slot) + ... + U(l, ready_slot + n - 1) >= bytes (0 when
	 * bytes is 0), so they cannot all be done before slot ready_slot + n.
	 * Valid when fits; -1 otherwise. */
	int32_t bound_slots;
	bool fits;                /* false: the horizon is not enough */
	/* When !fits: bytes / (usable / horizon hours), the hours the bytes
	 * take at the link's average usable rate; -1 when usable is 0. */
	double hours_needed;
};

struct ro_summary {
	int64_t clients;          /* total, counts of groups included */
	size_t records;           /* client records (a group is one) */
	struct ro_summary_os *os; /* sorted by os string (byte order) */
	size_t nos;
	int64_t by_trigger[3];    /* ccim, logon, push: each client in each of
				     its triggers */
	int64_t by_conn[2];       /* lan, ras */
	struct ro_summary_link *links;  /* one per site link, same index */
	size_t nlinks;
	/* Clients without a start opportunity when presence alone is used, and
	 * ras clients that have some when present but none on the LAN
	 * (reasons no-opportunity and ras-only of docs/semantics.md). */
	int64_t no_opportunity, ras_only;
};

/* Computes the summary of site s into *out.  x is an expansion of s to use
 * (its caches are filled as a side effect); NULL: a temporary one is made.
 * Returns RO_OK, RO_EARG (NULL s or out), RO_EINVAL (a client whose segment
 * does not reach its CAP's link, or a bad index: the reader rejects both)
 * or RO_ENOMEM; *out is NULL on failure. */
int ro_summary_compute(const struct ro_site *s, struct ro_expand *x,
		       struct ro_summary **out);
void ro_summary_free(struct ro_summary *sm);   /* accepts NULL */

#endif
