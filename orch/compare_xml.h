/*
 * compare_xml.h - a comparison of scenarios (compare.h) as XML,
 * following io/schema/compare.xsd (docs/cli.md, "rollout compare").
 *
 * Built in memory with libxml2's xmlTextWriter, written atomically
 * (io/atomic.h).  Deterministic: the same comparison gives the same bytes
 * (solve times are not written); ratios are rounded half up to four
 * decimals from exact integers.
 */
#ifndef RO_COMPARE_XML_H
#define RO_COMPARE_XML_H

#include <stddef.h>

#include "../model/diag.h"
#include "compare.h"

/* Builds the document of c into *text (NUL-terminated, *len bytes without
 * the NUL; free with ro_free).  Returns RO_OK, RO_EARG or RO_ENOMEM. */
int ro_compare_xml(const struct ro_compare *c, char **text, size_t *len,
		   struct ro_diag *d);

/* Writes the document of c to path ("-" for stdout), all or nothing.
 * Returns RO_OK, RO_EARG, RO_EIO or RO_ENOMEM with a message in d. */
int ro_compare_write(const struct ro_compare *c, const char *path,
		     struct ro_diag *d);

/* The status attribute of column f: optimal, feasible, time-limit,
 * interrupted (a plan), simulated (the baseline), no-plan (the solver found
 * none) or failed (error says why). */
const char *ro_figures_status(const struct ro_figures *f);

#endif
