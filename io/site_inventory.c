/*
 * site_inventory.c - the CSV inventories a site file names with
 * <inventory file="..."/>: a header row naming the columns (the attribute
 * names of <client>), then one client per row, read through io/csv.c and
 * made into clients by site_client.c like the XML ones.
 */
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "csv.h"
#include "inventory.h"
#include "outsafe.h"
#include "site_priv.h"

static const int csv_columns[] = {
	A_ID, A_USER, A_COUNT, A_OS, A_REBOOTS, A_SEGMENT, A_CAP, A_COMPONENTS,
	A_CONNECTION, A_OFFICE, A_CALENDAR, A_TRIGGERS, A_PHASE, A_PRIORITY,
	A_RATE, A_USER_GROUP, A_INSTALLED,
};
#define NCSV (sizeof csv_columns / sizeof *csv_columns)

/* The path of an inventory: relative to the directory of the site file. */
static char *inventory_path(const char *site, const char *file)
{
	const char *slash = strrchr(site, '/');
	size_t dl = slash ? (size_t)(slash - site) + 1 : 0;
	char *p;

	if (file[0] == '/' || dl == 0)
		return ro_strdup(file);
	p = ro_malloc(dl + strlen(file) + 1);
	if (!p)
		return NULL;
	memcpy(p, site, dl);
	strcpy(p + dl, file);
	return p;
}

void ro_sr_read_inventory(struct ro_site_reader *r, long line,
			  const char *file)
{
	struct ro_csv *c = NULL;
	int col[64];            /* column -> attribute */
	size_t ncol;
	bool eof, header_ok = true;
	char *path;
	uint32_t off;
	int rc;

	if (!r->name || !file) {
		ERR(r, r->name, line,
		    "inventory \"%s\" cannot be read when the site comes from "
		    "memory; load the site from a file", file ? file : "");
		return;
	}
	path = inventory_path(r->name, file);
	if (!path) {
		r->oom = true;
		return;
	}
	if (!ro_inventory_inside(r->name, path)) {
		char q[80];

		ERR(r, r->name, line, "inventory \"%s\" is outside the folder "
		    "of the site file; move it there, or allow it with "
		    "--allow-inventory-outside", ro_quote_prefix(file, 60, q,
								   sizeof q));
		ro_free(path);
		return;
	}
	off = ro_sr_intern(r, path);
	{
		/* one message, at the <inventory> line, says it all */
		struct ro_diag tmp;
		ro_diag_init(&tmp);
		rc = ro_csv_open(path, path, &c, &tmp);
		if (rc == RO_ENOMEM)
			r->oom = true;
		else if (rc != RO_OK)
			ERR(r, r->name, line,
			    "inventory: %s; check the file= path (relative to the "
			    "site file)", tmp.n ? tmp.v[0].msg : "cannot open it");
		ro_diag_release(&tmp);
		if (rc == RO_OK && ro_input_note(path) != RO_OK) {
			r->oom = true;
			rc = RO_ENOMEM;
		}
		if (rc != RO_OK) {
			ro_csv_close(c);
			ro_free(path);
			return;
		}
	}
	/* the header */
	do
		rc = ro_csv_next(c, &eof, r->d);
	while (rc == RO_EPARSE);
	if (rc != RO_OK || eof) {
		if (rc == RO_ENOMEM)
			r->oom = true;
		else if (rc == RO_OK)
			ERR(r, path, 1,
			    "the inventory is empty; it needs a header row naming "
			    "the columns");
		goto out_close;
	}
	ncol = ro_csv_nfields(c);
	if (ncol > sizeof col / sizeof *col) {
		ERR(r, path, ro_csv_line(c),
		    "the header has %zu columns, more than %zu; remove the extra ones",
		    ncol, sizeof col / sizeof *col);
		goto out_close;
	}
	{
		int seen[A_N];
		for (size_t k = 0; k < A_N; k++)
			seen[k] = -1;
		for (size_t i = 0; i < ncol; i++) {
			const char *h = ro_csv_field(c, i);
			size_t k;
			col[i] = -1;
			for (k = 0; k < NCSV; k++)
				if (strcmp(h, ro_attr_names[csv_columns[k]]) == 0)
					break;
			if (k == NCSV) {
				char q[80];   /* never the whole line */

				ERR(r, path, ro_csv_line(c),
				    "unknown column %zu (\"%s\"); the columns are id, "
				    "user, count, os, reboots, segment, cap, components, "
				    "connection, office, calendar, triggers, phase, "
				    "priority, rate-kbps, user-group, installed", i + 1,
				    ro_quote_prefix(h, 16, q, sizeof q));
				header_ok = false;
				continue;
			}
			if (seen[csv_columns[k]] >= 0) {
				ERR(r, path, ro_csv_line(c),
				    "column \"%s\" appears twice; remove one", h);
				header_ok = false;
				continue;
			}
			seen[csv_columns[k]] = (int)i;
			col[i] = csv_columns[k];
		}
		for (size_t i = 0; i < RO_SR_NREQUIRED; i++) {
			if (seen[ro_sr_client_required[i]] < 0) {
				ERR(r, path, ro_csv_line(c),
				    "the header has no column \"%s\"; add it (required)",
				    ro_attr_names[ro_sr_client_required[i]]);
				header_ok = false;
			}
		}
	}
	if (!header_ok)
		goto out_close;
	for (;;) {
		struct ro_attrs a;

		rc = ro_csv_next(c, &eof, r->d);
		if (rc == RO_EPARSE)
			continue;   /* reported; the next row may be fine */
		if (rc != RO_OK) {
			if (rc == RO_ENOMEM)
				r->oom = true;
			break;
		}
		if (eof || r->oom)
			break;
		if (ro_csv_nfields(c) != ncol) {
			ERR(r, path, ro_csv_line(c),
			    "row has %zu fields, the header has %zu; quote fields "
			    "that hold commas", ro_csv_nfields(c), ncol);
			continue;
		}
		memset(&a, 0, sizeof a);
		for (size_t i = 0; i < ncol; i++) {
			const char *f = ro_csv_field(c, i);
			if (*f)
				a.v[col[i]] = f;   /* empty: the default */
		}
		ro_sr_add_client(r, path, off, ro_csv_line(c), &a, false);
	}
out_close:
	ro_csv_close(c);
	ro_free(path);
}
