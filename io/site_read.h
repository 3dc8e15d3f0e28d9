/*
 * site_read.h - loading a site file (XML, plus referenced CSV inventories).
 *
 * The reader validates against the embedded site.xsd, runs every semantic
 * check of docs/site-format.md, collects all errors of the file with their
 * lines, and applies the named scenario.  It never prints.
 */
#ifndef RO_SITE_READ_H
#define RO_SITE_READ_H

#include <stddef.h>

#include "../model/diag.h"
#include "../model/site.h"

/* ro_site_load: include/rollout.h.  ro_site_load_memory: the same from
 * memory; name is used in messages and as the base for
 * relative inventory paths (NULL: inventories are refused).  For fuzzing
 * and tests. */
int ro_site_load_memory(const char *buf, size_t len, const char *name,
			const char *scenario, struct ro_site **out,
			struct ro_diag *d);

#endif
