/*
 * diag.h - collected diagnostics with locations.
 *
 * Readers and checkers do not stop at the first problem: they append every
 * error of a file to a struct ro_diag, and the caller prints them as
 * "file:line: message".  The library never prints.
 *
 * Ownership: the diag owns copies of every string given to it.
 */
#ifndef RO_DIAG_H
#define RO_DIAG_H

#include <stdarg.h>
#include <stddef.h>

struct ro_diag_entry {
	char *file;   /* may be NULL: no file (e.g. a command-line value) */
	long line;    /* 0: no line */
	char *msg;    /* lowercase, no full stop, never NULL */
};

struct ro_diag {
	struct ro_diag_entry *v;
	size_t n, cap;
	size_t dropped;   /* entries not stored past RO_DIAG_MAX */
	int oom;          /* an entry was lost to allocation failure */
};

#define RO_DIAG_MAX 200

void ro_diag_init(struct ro_diag *d);
void ro_diag_release(struct ro_diag *d);
/* Appends one message.  Never fails from the caller's view: on allocation
 * failure it sets d->oom and the entry is lost. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void ro_diag_add(struct ro_diag *d, const char *file, long line,
		 const char *fmt, ...);
void ro_diag_vadd(struct ro_diag *d, const char *file, long line,
		  const char *fmt, va_list ap);
/* Number of errors recorded, including dropped ones. */
size_t ro_diag_count(const struct ro_diag *d);
/* Sorts entries by file then line, keeping the order of equal keys. */
void ro_diag_sort(struct ro_diag *d);

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
