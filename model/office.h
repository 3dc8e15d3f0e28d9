/*
 * office.h - "office hours", the one definition behind the figure "reboots
 * in office hours" that rollout simulate and rollout compare report
 * (docs/simulate.md, "Reboots in office hours").
 *
 * Office hours are Monday to Friday, 08:00 to 18:00 of the site's local
 * clock, the same for every site and scenario: a reboot then interrupts
 * someone at work.  They are not the policy's reboot windows, which say
 * when a plan may reboot; the simulator reports reboots outside those as a
 * figure of its own.
 */
#ifndef RO_OFFICE_H
#define RO_OFFICE_H

#include <stdbool.h>
#include <stdint.h>

#include "rtime.h"
#include "site.h"

#define RO_OFFICE_DAYS 0x1fu            /* bit 0 = Monday .. bit 4 = Friday */
#define RO_OFFICE_FROM_MIN (8 * 60)     /* 08:00 */
#define RO_OFFICE_TO_MIN (18 * 60)      /* 18:00 */
#define RO_OFFICE_HOURS_TEXT "Mon-Fri 08:00-18:00"

/* Whether any minute of [from, to) lies inside office hours. */
bool ro_office_hours_overlap(ro_time from, ro_time to);

/* Whether slot t of s's horizon touches office hours: a reboot in it is a
 * "reboot in office hours".  t may lie before or after the horizon (a
 * reboot after a transfer that ends near the horizon end); false for a
 * NULL site. */
bool ro_office_slot(const struct ro_site *s, int64_t t);

#endif
