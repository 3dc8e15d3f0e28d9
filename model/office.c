/*
 * office.c - office hours (office.h).
 */
#include "office.h"

bool ro_office_hours_overlap(ro_time from, ro_time to)
{
	if (to <= from)
		return false;
	/* every day that [from, to) touches, from the day of from */
	for (ro_time day = ro_time_day_start(from); day < to;
	     day += RO_DAY_MIN) {
		ro_time a = day + RO_OFFICE_FROM_MIN;
		ro_time b = day + RO_OFFICE_TO_MIN;

		if (((RO_OFFICE_DAYS >> ro_time_dow(day)) & 1u) &&
		    a < to && from < b)
			return true;
	}
	return false;
}

bool ro_office_slot(const struct ro_site *s, int64_t t)
{
	ro_time from;

	if (!s || s->horizon.slot_min < 1)
		return false;
	from = s->horizon.start + t * s->horizon.slot_min;
	return ro_office_hours_overlap(from, from + s->horizon.slot_min);
}
