/*
 * export_priv.h - what the export writers (io/export_*.c) share; the
 * public entry is ro_export_write (export.h).
 */
#ifndef RO_EXPORT_PRIV_H
#define RO_EXPORT_PRIV_H

#include "export.h"

int ro_export_csv(const struct ro_xview *v, const char *path,
		  struct ro_diag *d);
int ro_export_collections(const struct ro_xview *v, const char *path,
			  struct ro_diag *d);
int ro_export_ansible(const struct ro_xview *v, const char *path,
		      struct ro_diag *d);
int ro_export_json(const struct ro_xview *v, const char *path,
		   struct ro_diag *d);
int ro_export_ics(const struct ro_xview *v, const char *path,
		  struct ro_diag *d);

/* An action's element name in the schedule ("trigger", ...), and for
 * enable-logon-scripts its scope ("all", "group", "ungrouped",
 * "listed"; NULL for the other kinds). */
const char *ro_xaction_name(const struct ro_stated_action *a);
const char *ro_xaction_scope(const struct ro_xview *v,
			     const struct ro_stated_action *a);

/* Writes a finished text buffer (or says it ran out of memory). */
struct ro_tb;
int ro_export_finish(struct ro_tb *b, const char *what, const char *path,
		     struct ro_diag *d);

#endif
