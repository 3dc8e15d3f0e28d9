/*
 * diag.h - collected diagnostics with locations.
 *
 * Readers and checkers do not stop at the first problem: they append every
 * error of a file to a struct ro_diag, and the caller prints them as
 * "file:line: message".  The library never prints.
 *
 * Ownership: the diag owns copies of every string given to it.  struct
 * ro_diag and the functions a caller needs are public (include/rollout.h);
 * adding and rewinding messages is the library's own.
 */
#ifndef RO_DIAG_H
#define RO_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "../include/rollout.h"

/* Appends one message.  Never fails from the caller's view: on allocation
 * failure it sets d->oom and the entry is lost. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void ro_diag_add(struct ro_diag *d, const char *file, long line,
		 const char *fmt, ...);
void ro_diag_vadd(struct ro_diag *d, const char *file, long line,
		  const char *fmt, va_list ap);
/* A point in d to come back to: ro_diag_rewind(d, m) drops every message
 * added since ro_diag_mark(d) returned m (the errors a failed allocation
 * made libxml2 report, which would only mislead). */
struct ro_diag_mark {
	size_t n, dropped;
	int oom;
};
struct ro_diag_mark ro_diag_mark(const struct ro_diag *d);
void ro_diag_rewind(struct ro_diag *d, struct ro_diag_mark m);

#endif
