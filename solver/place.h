/*
 * place.h - an integer plan under construction: units of each class placed
 * at candidate starts, with the exact loads they put on links, servers and
 * reboot slots.
 *
 * This is the planner's own bookkeeping (the verifier recomputes everything
 * independently).  All capacity checks are exact integer comparisons, so a
 * plan built here is feasible by construction; rounding an LP solution,
 * greedy repair and local improvement all work through ro_place_add().
 */
#ifndef RO_SOLVER_PLACE_H
#define RO_SOLVER_PLACE_H

#include <stdint.h>

#include "inst.h"

struct ro_place {
	const struct ro_inst *in;
	/* capacities in use: links (U, or scaled, or what other parts
	 * leave), CAPs and reboots per segment (M, R, or what others leave) */
	const int64_t *cap;
	const int32_t *mcap;
	const int32_t *rcap;
	int64_t *load;        /* nlinks * T */
	int32_t *srv;         /* nservers * T */
	int32_t *rb;          /* nlinks * T, reboots by segment link */
	int32_t *cnt;         /* ncand: units placed at each candidate */
	int32_t *placed;      /* ncls: units placed per class */
	int32_t deadline;     /* only candidates with e <= deadline */
};

/* A plan of nothing; capacities cap for links, in->M and in->R for the
 * rest (the caller may point mcap and rcap elsewhere). */
int ro_place_init(struct ro_place *p, const struct ro_inst *in,
		  const int64_t *cap, int32_t deadline);
void ro_place_release(struct ro_place *p);
/* Removes every unit. */
void ro_place_clear(struct ro_place *p);
/* Copies the placement of src into dst (same instance). */
void ro_place_copy(struct ro_place *dst, const struct ro_place *src);

/* How many more units of class c fit at candidate j (global index), limited
 * by links, server, reboot cap, the class size and the deadline. */
int32_t ro_place_room(const struct ro_place *p, int32_t c, int32_t j);
/* Adds k units (negative: removes) of class c at candidate j.  The caller
 * checks room first; this only does the bookkeeping. */
void ro_place_add(struct ro_place *p, int32_t c, int32_t j, int32_t k);

/* Objective figures of the current placement. */
int64_t ro_place_weight(const struct ro_place *p);
int64_t ro_place_completion_sum(const struct ro_place *p);
int32_t ro_place_makespan(const struct ro_place *p);

/* Rounds an LP solution down (y per candidate), as far as it fits, classes
 * in the order repair uses. */
int ro_place_round(struct ro_place *p, const double *y);
/* Rounds following the LP's timing: candidates by end, each class getting
 * its k-th client where the LP's running count passes k - 1/2. */
int ro_place_round_timed(struct ro_place *p, const double *y);
/* Places the remaining units greedily: classes most constrained first,
 * candidates the LP used first (y may be NULL), then by earliest end. */
int ro_place_repair(struct ro_place *p, const double *y);
/* Moves units to earlier-ending candidates while that improves the sum of
 * completions; stops at the deadline time (ro_clock seconds) if > 0.
 * Returns the number of units moved. */
long ro_place_improve(struct ro_place *p, double stop_at);

#endif
