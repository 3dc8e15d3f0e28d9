/*
 * cmd_info.c - rollout info FILE [--scenario NAME]
 *
 * Prints what model/summary.h computes about a site, as aligned tables:
 * clients by os, trigger and connection, and per link the clients and
 * bytes crossing it and the lower bound on the time their transfers need.
 * The bound says how long the rollout takes at least, before any planning.
 */
#include <inttypes.h>
#include <stdio.h>

#include "../io/site_read.h"
#include "../model/error.h"
#include "../model/site.h"
#include "../model/summary.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"
#include "table.h"

#define MB 1048576.0

static const char *const link_kinds[] = { "lan", "wan", "ras" };

/* The header lines: site, scenario, horizon, payload. */
static void header(const struct ro_site *s, const struct ro_summary *sm)
{
	const struct ro_horizon *h = &s->horizon;
	char a[RO_TIME_BUFSZ], b[RO_TIME_BUFSZ], c[32], d[32];

	printf("site ");
	cli_put_esc(stdout, ro_site_str(s, s->name));
	if (s->scenario) {
		printf(", scenario ");
		cli_put_esc(stdout, ro_site_str(s, s->scenario));
	}
	printf("\nhorizon %s to %s: %s slots of %" PRId32 " min (%s)\n",
	       ro_time_format(h->start, a), ro_time_format(h->end, b),
	       cli_count(h->nslots, c, sizeof c), h->slot_min,
	       cli_duration((int64_t)h->nslots * h->slot_min, d, sizeof d));
	printf("clients %s in %zu records; payload %.1f MB base, "
	       "%zu optional components\n",
	       cli_count(sm->clients, c, sizeof c), sm->records,
	       (double)s->base_bytes / MB, s->ncomponents);
	if (sm->no_opportunity || sm->ras_only)
		printf("cannot start at all: %s without a start opportunity, "
		       "%s ras clients never on the LAN\n",
		       cli_count(sm->no_opportunity, c, sizeof c),
		       cli_count(sm->ras_only, d, sizeof d));
}

/* One two-column table "name / clients"; returns -1 on allocation failure. */
static int count_table(const char *title, const char *what, size_t n,
		       const char *const *names, const int64_t *counts)
{
	const char *hdr[2] = { what, "clients" };
	struct cli_table *t = cli_table_new(2, hdr);
	char num[32];

	if (!t)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *row[2] = { names[i], cli_count(counts[i], num,
							    sizeof num) };
		if (cli_table_add(t, row) < 0) {
			cli_table_free(t);
			return -1;
		}
	}
	printf("\n%s\n", title);
	cli_table_print(t, stdout, 2);
	cli_table_free(t);
	return 0;
}

static int os_table(const struct ro_site *s, const struct ro_summary *sm)
{
	const char *names[64];
	int64_t counts[64];
	size_t i, n = 0;

	/* Only a handful of os strings exist in practice; a site with more
	 * gets the first 63 and the rest summed as "(other)". */
	for (i = 0; i < sm->nos; i++) {
		if (n < 63) {
			names[n] = ro_site_str(s, sm->os[i].name);
			counts[n++] = sm->os[i].clients;
		} else if (n == 63) {
			names[n] = "(other)";
			counts[n++] = sm->os[i].clients;
		} else {
			counts[63] += sm->os[i].clients;
		}
	}
	return count_table("clients by os", "os", n, names, counts);
}

/* The per-link table: who crosses it, how many bytes, and the lower bound
 * on the time those bytes need from the earliest CAP ready slot. */
static int link_table(const struct ro_site *s, const struct ro_summary *sm)
{
	const char *hdr[9] = { "link", "kind", "kbit/s", "parent", "clients",
			       "MB", "usable MB", "bound", "earliest end" };
	struct cli_table *t = cli_table_new(9, hdr);

	if (!t)
		return -1;
	for (size_t l = 0; l < sm->nlinks && l < s->nlinks; l++) {
		const struct ro_link *k = &s->links[l];
		const struct ro_summary_link *sl = &sm->links[l];
		char cap[32], cl[32], mb[32], us[32], bound[48], end[48];
		const char *row[9];

		snprintf(cap, sizeof cap, "%.10g", (double)k->capacity_bps / 1000);
		cli_count(sl->clients, cl, sizeof cl);
		snprintf(mb, sizeof mb, "%.1f", (double)sl->bytes / MB);
		snprintf(us, sizeof us, "%.1f", (double)sl->usable / MB);
		if (sl->bytes == 0 || sl->ready_slot < 0) {
			snprintf(bound, sizeof bound, "-");
			snprintf(end, sizeof end, "-");
		} else if (sl->fits) {
			cli_duration((int64_t)sl->bound_slots *
				     s->horizon.slot_min, bound, sizeof bound);
			ro_time_format(ro_slot_time(s, sl->ready_slot +
						    sl->bound_slots), end);
		} else if (sl->hours_needed >= 0) {
			snprintf(bound, sizeof bound, "does not fit");
			snprintf(end, sizeof end, "needs %.1f h", sl->hours_needed);
		} else {
			snprintf(bound, sizeof bound, "does not fit");
			snprintf(end, sizeof end, "no usable capacity");
		}
		row[0] = ro_site_str(s, k->id);
		row[1] = (unsigned)k->kind < 3 ? link_kinds[k->kind] : "?";
		row[2] = cap;
		row[3] = k->parent >= 0 ? ro_site_str(s, s->links[k->parent].id)
					: "-";
		row[4] = cl;
		row[5] = mb;
		row[6] = us;
		row[7] = bound;
		row[8] = end;
		if (cli_table_add(t, row) < 0) {
			cli_table_free(t);
			return -1;
		}
	}
	printf("\nlinks (bound: the least time the bytes crossing the link "
	       "need, from the\nearliest ready time of their CAPs, at the "
	       "usable capacity of each slot)\n");
	cli_table_print(t, stdout, 2);
	cli_table_free(t);
	return 0;
}

static int print_summary(const struct ro_site *s, const struct ro_summary *sm)
{
	static const char *const trig[] = { "ccim", "logon", "push" };
	static const char *const conn[] = { "lan", "ras" };

	header(s, sm);
	if (os_table(s, sm) < 0 ||
	    count_table("clients by trigger (a client counts under each of its "
			"triggers)", "trigger", 3, trig, sm->by_trigger) < 0 ||
	    count_table("clients by connection", "connection", 2, conn,
			sm->by_conn) < 0 ||
	    link_table(s, sm) < 0)
		return RO_ENOMEM;
	return RO_OK;
}

int cmd_info(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "scenario", 's', "NAME", NULL,
		  "apply the what-if scenario NAME first", NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"info", "FILE",
		"Summarises a site: clients by os, trigger and connection, and "
		"per link the\nbytes to move and a lower bound on the time "
		"they need.",
		1, 1, opts,
	};
	char *args[1];
	int nargs, rc;
	struct ro_diag d;
	struct ro_site *s = NULL;
	struct ro_summary *sm = NULL;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	ro_diag_init(&d);
	rc = ro_site_load(args[0], cli_opt(&spec, "scenario"), &s, &d);
	if (rc == RO_OK)
		rc = ro_summary_compute(s, NULL, &sm);
	if (rc == RO_OK)
		rc = print_summary(s, sm);
	rc = cli_fail_site(rc, &d, args[0]);
	ro_summary_free(sm);
	ro_site_free(s);
	ro_diag_release(&d);
	return rc;
}
