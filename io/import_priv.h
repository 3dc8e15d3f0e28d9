/*
 * import_priv.h - what the files of rollout import share (io/import*.c):
 * the fields of a client row, the settings read against the template, the
 * records of the rows and the state that holds them all.
 *
 * Not a public header.  import.c is the entry point (ro_import_buf runs
 * the steps below in order and releases the state); import_settings.c
 * reads the template, the mapping file, --columns, the defaults and the
 * boundaries; import_rows.c matches the export's header to the fields and
 * turns every row into a record or errors at its line; import_write.c
 * writes the records into the template's <clients>, or as CSV.
 */
#ifndef RO_IMPORT_PRIV_H
#define RO_IMPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boundary.h"
#include "import.h"
#include "site_priv.h"   /* ERR(im, file, line, ...): to im->d */
#include "../model/diag.h"
#include "../model/site.h"
#include "../model/strmap.h"

/* ---- fields, os classes, defaults ---------------------------------------- */

enum field {
	F_ID, F_USER, F_OS, F_ADDRESS, F_SUBNET, F_SEGMENT, F_CAP, F_CALENDAR,
	F_TRIGGERS, F_CONNECTION, F_OFFICE, F_PHASE, F_PRIORITY, F_COMPONENTS,
	F_REBOOTS, F_USER_GROUP, F_N
};

/* The fields' names, as --columns and the mapping file write them, and as
 * messages name them (import_settings.c). */
extern const char *const ro_import_fields[F_N];

/* "winnt", "win95", "win98": struct rec's os indexes this (import_settings.c). */
extern const char *const ro_import_os_classes[3];

/* Defaults by os class: [0..2] one class, [3] every class. */
enum dflt { D_CALENDAR, D_OFFICE, D_TRIGGERS, D_CAP, D_N };

struct dval {
	char *v;              /* NULL: not given */
	char *file;           /* where it was given; NULL: the command line */
	long line;
	int32_t idx;          /* resolved: calendar or server index */
	uint8_t trig;
};

struct os_map {
	char *name, *file;
	const char *os;
	long line;
};

/* ---- state ---------------------------------------------------------------- */

/* Chunks of record strings that never move, so that the id map can point
 * into them (import_rows.c). */
struct chunk {
	struct chunk *next;
	size_t used, cap;
	char text[];
};

struct arena {
	struct chunk *head;
};

struct rec {
	const char *id, *user, *phase, *components, *ugroup;
	int32_t priority;      /* 0: not given */
	int32_t reboots;       /* -1: not given */
	int os;                /* index in ro_import_os_classes */
	int32_t segment, cap, calendar, office;
	uint8_t triggers;
	bool ras;
	long line;
};

struct imp {
	const struct ro_import_opts *o;
	struct ro_diag *d;
	bool oom, arg_error;
	char *tbuf;            /* the template's text */
	size_t tlen;
	struct ro_site *s;     /* the template, checked */
	struct ro_boundaries bounds;
	char *header[F_N];     /* explicit headers (mapping, --columns) */
	struct dval dv[4][D_N];
	struct os_map *osm;
	size_t nosm;
	int32_t *link_cap;     /* nearest CAP up the tree from each link */
	bool said_missing[3][D_N];
	struct arena ar;
	struct rec *r;
	size_t n;
	struct ro_strmap *ids;
};

/* ---- shared helpers (import.c) -------------------------------------------- */

/* A copy of s (NULL for NULL), or NULL with im->oom set. */
char *ro_import_dup(struct imp *im, const char *s);
/* Reads a whole input: standard input for "-", else a regular file. */
int ro_import_read_input(const char *path, char **buf, size_t *len,
			 struct ro_diag *d);
/* s without its leading and trailing blanks (cut in place). */
const char *ro_import_trim(char *s);

/* ---- the steps ------------------------------------------------------------ */

/* import_settings.c: reads and checks the template, then the mapping
 * file, --columns, the defaults and the boundaries against it.  RO_EARG
 * when a command-line value is at fault, RO_EINVAL for a file's. */
int ro_import_setup(struct imp *im);

/* import_rows.c: the export in buf, one record per good row in im->r;
 * every bad row reported.  RO_OK may still leave errors in im->d. */
int ro_import_read_rows(struct imp *im, const char *buf, size_t len,
			const char *name);
void ro_import_arena_release(struct arena *a);

/* import_write.c: the result as text (the caller's, ro_free). */
int ro_import_write_site(struct imp *im, char **text, size_t *len);
int ro_import_write_csv(struct imp *im, char **text, size_t *len);

#endif
