/*
 * import.h - from an inventory export to a site file (rollout import).
 *
 * An inventory export (CSV: the SMS views' Name0, User_Name0,
 * Operating_System_Name_and0, IP_Addresses0, IP_Subnets0 ..., or plain
 * Name, User, Operating System, IP Address, IP Subnet) becomes the clients
 * of a template site: each client lands on the link whose boundary holds
 * its address (io/boundary.h), on the CAP nearest that link, with its
 * operating system normalised (io/os_table.h) and the calendar and
 * triggers of its os class.  The result is the template with those
 * clients appended to <clients> (comments and layout kept), checked by the
 * site reader, or the clients alone as a CSV inventory in rollout's
 * columns.  docs/import.md is the reference.
 *
 * Every error of every input is collected in d with its file and line;
 * nothing is produced unless there is none.  Inputs are read whole, at
 * most RO_XML_MAX_BYTES each; "-" is standard input (for one of them);
 * other files must be regular files.
 */
#ifndef RO_IMPORT_H
#define RO_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "../model/diag.h"

enum ro_import_format {
	RO_IMPORT_SITE,   /* the template with the clients: a site file */
	RO_IMPORT_CSV     /* the clients as a CSV inventory */
};

struct ro_import_opts {
	const char *site;        /* the template site file; required */
	const char *boundaries;  /* boundaries CSV (boundary,link); NULL: none */
	const char *map;         /* mapping file (setting,name,value); NULL */
	const char *columns;     /* "field=Header,..." from the command line */
	const char *calendar;    /* default calendar of every os class */
	const char *office;      /* default office calendar of ras clients */
	const char *triggers;    /* default triggers of every os class */
	enum ro_import_format format;
};

struct ro_import_stats {
	int64_t clients;
	int64_t by_os[3];        /* winnt, win95, win98 */
	int64_t ras;
	int64_t links;           /* distinct segments the clients landed on */
};

/* All NULL, the site format. */
void ro_import_opts_init(struct ro_import_opts *o);

/* Imports the inventory in buf (len bytes; name for messages) as o says.
 * Returns RO_OK with *text (the caller's, ro_free; NUL-terminated, *len
 * bytes) and *st set, or an error with every message in d and *text NULL:
 * RO_EINVAL (bad rows, a bad template, mapping or boundaries), RO_EARG (a
 * bad option value), RO_EIO, RO_ELIMIT, RO_EPARSE, RO_ENOMEM. */
int ro_import_buf(const struct ro_import_opts *o, const char *buf, size_t len,
		  const char *name, char **text, size_t *text_len,
		  struct ro_import_stats *st, struct ro_diag *d);

/* Reads inventory ("-": standard input), imports it, and writes the result
 * to out through io/atomic.h ("-": standard output).  Nothing is written
 * on any error. */
int ro_import(const struct ro_import_opts *o, const char *inventory,
	      const char *out, struct ro_import_stats *st, struct ro_diag *d);

#endif
