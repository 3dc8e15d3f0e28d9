/*
 * cmd_import.c - rollout import INVENTORY --site TEMPLATE -o FILE
 *
 * Turns an inventory export into a site file (the template with the
 * clients added) or a clients CSV (--csv): io/import.h does the work,
 * docs/import.md says how.  Every bad row is printed as file:line:
 * message and nothing is written.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../io/import.h"
#include "../model/error.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

int cmd_import(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "output", 'o', "FILE", NULL,
		  "write the site (or the CSV) to FILE (- for standard output); "
		  "required", NULL },
		{ "site", 0, "FILE", NULL,
		  "the template site: network, servers, calendars, policy; "
		  "required", NULL },
		{ "boundaries", 'b', "FILE", NULL,
		  "CSV of boundary,link rows: which link each subnet or address "
		  "range is on", NULL },
		{ "map", 'm', "FILE", NULL,
		  "mapping file of setting,name,value rows: columns, os names, "
		  "defaults", NULL },
		{ "columns", 0, "LIST", NULL,
		  "export headers of the fields, like id=Computer,user=Login", NULL },
		{ "calendar", 0, "ID", NULL,
		  "calendar of clients that have none (every os class)", NULL },
		{ "office", 0, "ID", NULL,
		  "office calendar of ras clients that have none", NULL },
		{ "triggers", 0, "LIST", NULL,
		  "triggers of clients that have none (default: \"ccim logon\")",
		  NULL },
		{ "csv", 0, NULL, NULL,
		  "write the clients as a CSV inventory in rollout's columns "
		  "instead of a site", NULL },
		{ "quiet", 'q', NULL, NULL, "no summary; errors only", NULL },
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"import", "INVENTORY",
		"Turns an inventory export (CSV; - for standard input) into a site "
		"file that\nvalidates: clients placed on links by their address "
		"(docs/import.md).",
		1, 1, opts,
	};
	struct ro_import_opts o;
	struct ro_import_stats st;
	struct ro_diag d;
	char *args[1];
	const char *out;
	char a[32], b[32], c[32], e[32];
	int nargs, rc;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	out = cli_opt(&spec, "output");
	ro_import_opts_init(&o);
	o.site = cli_opt(&spec, "site");
	if (!out || !o.site) {
		cli_error("import: missing %s", !out
			  ? "-o FILE, where to write the site"
			  : "--site FILE, the template site with the network, "
			    "servers and calendars (rollout init writes one)");
		return RO_EXIT_USAGE;
	}
	o.boundaries = cli_opt(&spec, "boundaries");
	o.map = cli_opt(&spec, "map");
	o.columns = cli_opt(&spec, "columns");
	o.calendar = cli_opt(&spec, "calendar");
	o.office = cli_opt(&spec, "office");
	o.triggers = cli_opt(&spec, "triggers");
	o.format = cli_given(&spec, "csv") ? RO_IMPORT_CSV : RO_IMPORT_SITE;
	{
		const char *in[4] = { args[0], o.site, o.boundaries, o.map };
		int stdin_uses = 0;
		for (int i = 0; i < 4; i++)
			stdin_uses += in[i] && strcmp(in[i], "-") == 0;
		if (stdin_uses > 1) {
			cli_error("import: only one input can be standard input (-)");
			return RO_EXIT_USAGE;
		}
	}
	ro_diag_init(&d);
	rc = ro_import(&o, args[0], out, &st, &d);
	if (rc == RO_OK && !cli_given(&spec, "quiet"))
		fprintf(strcmp(out, "-") == 0 ? stderr : stdout,
			"%s: %s clients imported (winnt %s, win95 %s, win98 %s; "
			"%" PRId64 " ras) on %" PRId64 " link%s\n",
			strcmp(out, "-") == 0 ? "standard output" : out,
			cli_count(st.clients, a, sizeof a),
			cli_count(st.by_os[0], b, sizeof b),
			cli_count(st.by_os[1], c, sizeof c),
			cli_count(st.by_os[2], e, sizeof e), st.ras, st.links,
			st.links == 1 ? "" : "s");
	rc = cli_fail(rc, &d, NULL);
	ro_diag_release(&d);
	return rc;
}
