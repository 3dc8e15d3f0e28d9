/*
 * cmd_validate.c - rollout validate FILE [--scenario NAME]
 *
 * Loads the site (schema, semantic checks, scenario) and prints either one
 * line saying it is valid or every error of the file.  Exit statuses as in
 * docs/site-format.md: 0 valid, 1 errors, 2 bad command line, 3 unreadable.
 */
#include <inttypes.h>
#include <stdio.h>

#include "../io/site_read.h"
#include "../model/site.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

static const char *plural(int64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_validate(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "scenario", 's', "NAME", NULL,
		  "apply the what-if scenario NAME first", NULL },
		{ "quiet", 'q', NULL, NULL,
		  "print nothing when the file is valid", NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"validate", "FILE",
		"Checks a site file against the schema and every rule of "
		"docs/site-format.md\nand prints all of its errors as "
		"file:line: message.",
		1, 1, opts,
	};
	char *args[1];
	int nargs, rc;
	struct ro_diag d;
	struct ro_site *s = NULL;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	ro_diag_init(&d);
	rc = ro_site_load(args[0], cli_opt(&spec, "scenario"), &s, &d);
	cli_fail_site(rc, &d, args[0]);
	if (rc == 0 && !cli_given(&spec, "quiet")) {
		int64_t nc = s->nclients_total;

		cli_put_esc(stdout, args[0]);
		printf(": valid (%" PRId64 " %s, %zu %s, %zu %s", nc,
		       plural(nc, "client", "clients"), s->nlinks,
		       plural((int64_t)s->nlinks, "link", "links"), s->nservers,
		       plural((int64_t)s->nservers, "server", "servers"));
		if (s->scenario)
		{
			printf(", scenario ");
			cli_put_esc(stdout, ro_site_str(s, s->scenario));
		}
		printf(")\n");
	}
	ro_site_free(s);
	ro_diag_release(&d);
	return ro_exit_from_err(rc);
}
