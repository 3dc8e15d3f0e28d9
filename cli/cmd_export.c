/*
 * cmd_export.c - rollout export SITE SCHEDULE --to FORMAT [-o FILE]
 *
 * Reads a schedule against its site, has the verifier check it, and
 * writes it in another format (io/export.h, docs/export.md): csv, ics,
 * json, collections or ansible.
 */
#include "../io/export.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

static int write_export(const struct ro_xview *v, const void *arg,
			const char *out, struct ro_diag *d)
{
	return ro_export_write(v, *(const enum ro_export_format *)arg, out, d);
}

int cmd_export(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "to", 't', "FORMAT", NULL,
		  "csv, ics, json, collections or ansible (required)", NULL },
		{ "output", 'o', "FILE", NULL,
		  "write to FILE (default: standard output)", NULL },
		CLI_OPT_SCHEDULE_SCENARIO,
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"export", "SITE SCHEDULE",
		"Writes a verified schedule as CSV, iCalendar, JSON, collection "
		"rows or an\nAnsible inventory (docs/export.md).",
		2, 2, opts,
	};
	char *args[2];
	int nargs, rc, f;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	if (!cli_given(&spec, "to")) {
		cli_error("export: no format; give --to csv, ics, json, "
			  "collections or ansible");
		return RO_EXIT_USAGE;
	}
	f = ro_export_format_parse(cli_opt(&spec, "to"));
	if (f < 0) {
		char buf[64];
		cli_error("export: unknown format '%s'; give --to csv, ics, "
			  "json, collections or ansible",
			  cli_esc(cli_opt(&spec, "to"), buf, sizeof buf));
		return RO_EXIT_USAGE;
	}
	enum ro_export_format fmt = (enum ro_export_format)f;
	return cli_with_view(&spec, "export", args[0], args[1],
			     cli_given(&spec, "output") ? cli_opt(&spec, "output") : "-",
			     write_export, &fmt);
}
