/*
 * starter.h - the starter site rollout init writes: a commented site file
 * (policy, a head office and one branch, office-hours and weekend
 * profiles and calendars, a few clients) that validates and plans as it
 * is, for the administrator to edit.  docs/import.md shows where it fits.
 */
#ifndef RO_STARTER_H
#define RO_STARTER_H

#include <stddef.h>

/* The text (static, NUL-terminated); *len its length when len is not
 * NULL. */
const char *ro_starter_site(size_t *len);

#endif
