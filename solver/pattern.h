/*
 * pattern.h - the ways transfers of a few sizes can share one slot of a
 * link: the maximal packings ("patterns") of a knapsack with few item
 * types.
 *
 * The LP describes each slot of a busy link by these patterns instead of by
 * its knapsack row: the active transfers of each size are at most what a
 * convex combination of patterns holds.  That is the integer hull of the
 * slot, where the knapsack row lets the LP fill the last bytes of every slot
 * with a fraction of a client (docs/solver.md, "The integer program").
 */
#ifndef RO_SOLVER_PATTERN_H
#define RO_SOLVER_PATTERN_H

#include <stdint.h>

struct ro_patset {
	int64_t R;            /* capacity of the slot */
	int32_t ntypes;
	int64_t *q;           /* charges, descending, each <= R */
	int32_t npat;
	uint16_t *a;          /* npat * ntypes: transfers of each size */
};

/* The maximal patterns of sizes q[0..n) (any order, distinct, > 0) in
 * capacity R; sizes above R are left out.  Returns RO_OK, RO_ELIMIT when
 * there are more than maxpat patterns or more than 65535 transfers of a
 * size fit (ps is then empty), RO_ENOMEM. */
int ro_patset_build(struct ro_patset *ps, const int64_t *q, int32_t n,
		    int64_t R, int32_t maxpat);
void ro_patset_release(struct ro_patset *ps);

/* The index of size q in ps, or -1 when it is not one of its types. */
int32_t ro_patset_type(const struct ro_patset *ps, int64_t q);

/* A pattern holding at least use[t] transfers of each type t, or -1 when
 * none does (use is then not a feasible packing). */
int32_t ro_patset_cover(const struct ro_patset *ps, const int32_t *use);

#endif
