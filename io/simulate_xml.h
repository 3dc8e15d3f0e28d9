/*
 * simulate_xml.h - a simulation (model/simulate.h) as XML, following
 * io/schema/simulation.xsd (docs/simulate.md, "rollout simulate -o").
 *
 * Built in memory (io/xmlwrite.h), checked against the schema, then written
 * atomically (io/atomic.h).  Deterministic: the same simulation gives the
 * same bytes.
 */
#ifndef RO_SIMULATE_XML_H
#define RO_SIMULATE_XML_H

#include <stddef.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/simulate.h"
#include "../model/site.h"

/* The id of the client with expanded index i, written into buf (n bytes);
 * "?" when i is out of range.  A linear walk over the records: meant for
 * one or two clients per run.  Returns buf. */
char *ro_sim_client_name(const struct ro_site *s, int64_t i, char *buf,
			 size_t n);

/* Writes every client's outcome in sim to path ("-": standard output).
 * sched is the schedule file the starts came from, NULL when every client
 * started at its first opportunity.  The document is parsed and validated
 * against simulation.xsd before anything is written: RO_EPARSE or
 * RO_ESCHEMA (with messages in d) mean it does not follow the schema, a
 * bug, and nothing was written.  Returns RO_OK, RO_EARG, RO_ENOMEM (no
 * message), RO_EPARSE, RO_ESCHEMA or RO_EIO. */
int ro_sim_write_xml(const struct ro_site *s, const struct ro_sim *sim,
		     const char *sched, const char *path, struct ro_diag *d);

#endif
