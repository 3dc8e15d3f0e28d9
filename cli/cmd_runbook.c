/*
 * cmd_runbook.c - rollout runbook SITE SCHEDULE [--html] [-o FILE]
 *
 * Reads a schedule against its site, has the verifier check it, and
 * writes the administrator's runbook (io/runbook.c, docs/runbook.md):
 * plain text, or a printable HTML page with --html.
 */
#include "../io/export.h"
#include "../model/error.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

/* What runbook and export share: load, verify, then write with fn. */
int cli_with_view(const struct cli_spec *spec, const char *cmd,
		  const char *site_path, const char *sched_path,
		  const char *out,
		  int (*fn)(const struct ro_xview *v, const void *arg,
			    const char *out, struct ro_diag *d),
		  const void *arg)
{
	const char *ins[2] = { site_path, sched_path };
	struct ro_site *s = NULL;
	struct ro_expand *x = NULL;
	struct ro_plan *p = NULL;
	struct ro_xview v;
	struct ro_diag d;
	int ex, rc;

	ex = cli_check_outputs(&out, 1, ins, 2);
	if (ex >= 0)
		return ex;
	ro_diag_init(&d);
	ex = cli_load(cmd, site_path, cli_opt(spec, "scenario"), sched_path,
		      &s, &p, &x, &d);
	if (ex >= 0)
		goto out_release_diag;
	rc = ro_xview_init(&v, s, p, x, sched_path, &d);
	if (rc == RO_OK) {
		rc = fn(&v, arg, out, &d);
		ro_xview_release(&v);
	}
	ex = rc == RO_OK ? RO_EXIT_OK : cli_fail(rc, &d, NULL);
	ro_expand_free(x);
	ro_plan_free(p);
	ro_site_free(s);
out_release_diag:
	ro_diag_release(&d);
	return ex;
}

static int write_runbook(const struct ro_xview *v, const void *arg,
			 const char *out, struct ro_diag *d)
{
	return ro_runbook_write(v, *(const bool *)arg, out, d);
}

int cmd_runbook(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "html", 0, NULL, NULL,
		  "write a printable HTML page instead of plain text", NULL },
		{ "output", 'o', "FILE", NULL,
		  "write the runbook to FILE (default: standard output)", NULL },
		CLI_OPT_SCHEDULE_SCENARIO,
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"runbook", "SITE SCHEDULE",
		"Prints the administrator's actions of a verified schedule day "
		"by day: when,\nwhat, for whom, how, and the forecast that "
		"follows (docs/runbook.md).",
		2, 2, opts,
	};
	char *args[2];
	int nargs, rc;
	bool html;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	html = cli_given(&spec, "html");
	return cli_with_view(&spec, "runbook", args[0], args[1],
			     cli_given(&spec, "output") ? cli_opt(&spec, "output") : "-",
			     write_runbook, &html);
}
