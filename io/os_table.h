/*
 * os_table.h - operating-system names of inventory exports, normalised to
 * rollout's os classes (winnt, win95, win98).
 *
 * Names are compared without regard to case, with runs of blanks as one
 * and blanks at either end ignored.  The table is docs/import.md's; a name
 * it lacks is mapped by the user (an "os" row of the mapping file).
 */
#ifndef RO_OS_TABLE_H
#define RO_OS_TABLE_H

#include <stddef.h>

struct ro_os_name {
	const char *name;    /* as exports write it */
	const char *os;      /* "winnt", "win95" or "win98" */
};

/* The table, in the order docs/import.md lists it. */
const struct ro_os_name *ro_os_table(size_t *n);

/* The class of name, or NULL when the table lacks it. */
const char *ro_os_class(const char *name);

/* Whether a and b are the same name by the rules above (import compares
 * column headers the same way). */
int ro_name_eq(const char *a, const char *b);

/* Whether os is one of rollout's classes; returns the static class string
 * or NULL. */
const char *ro_os_known(const char *os);

#endif
