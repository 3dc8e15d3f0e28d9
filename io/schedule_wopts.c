/*
 * schedule_wopts.c - the schedule writer's options (schedule.h): what a
 * program chooses to write, kept apart from the plan the solver hands out,
 * so that a caller never changes library state to choose its output.
 *
 * The writer (schedule_write.c) still reads the choice from the plan's
 * info; this passes it a shallow copy of the plan carrying the options,
 * read-only, until the writer takes them itself.
 */
#include <stddef.h>

#include "../model/error.h"
#include "schedule.h"

int ro_schedule_write_opts(const struct ro_site *s, const struct ro_plan *p,
			   const struct ro_eval *ev, const char *path,
			   const struct ro_schedule_wopts *wo,
			   struct ro_diag *d)
{
	struct ro_plan q;

	if (!p)
		return ro_schedule_write(s, p, ev, path, d);   /* its RO_EARG */
	q = *p;   /* the arrays stay the plan's: q is only read */
	q.info.show_time = wo && wo->show_time;
	if (wo && wo->time_limit > 0)
		q.info.time_limit = wo->time_limit;
	return ro_schedule_write(s, &q, ev, path, d);
}
