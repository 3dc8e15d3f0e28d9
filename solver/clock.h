/*
 * clock.h - monotonic wall-clock seconds, for the solver's own deadline
 * (GLPK's tm_lim is not a wall-clock cap: see ../shared/SOLVER-NOTES.md).
 */
#ifndef RO_SOLVER_CLOCK_H
#define RO_SOLVER_CLOCK_H

#include <time.h>

static inline double ro_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

#endif
