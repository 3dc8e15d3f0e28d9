/*
 * cmd_report.c - rollout report SCHEDULE [SCHEDULE...] -o FILE
 *                [--baseline SIMULATION]
 *
 * Reads schedules (and a simulation without a plan) and writes one
 * self-contained HTML page of charts and tables (io/report.h,
 * docs/report.md).  Nothing is written unless every input reads cleanly.
 */
#include <stdio.h>
#include <string.h>

#include "../io/report.h"
#include "../model/error.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

int cmd_report(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "output", 'o', "FILE",  NULL,
		  "write the HTML report to FILE (- for standard output); "
		  "required", NULL },
		{ "baseline", 0, "FILE", NULL,
		  "add the unplanned peak demand from a simulation "
		  "(rollout simulate -o FILE)", NULL },
		{ "quiet", 'q', NULL, NULL, "print nothing but errors", NULL },
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"report", "SCHEDULE [SCHEDULE...]",
		"Writes one self-contained HTML page (inline SVG charts, no\n"
		"scripts) about one or more schedules, for example the what-if\n"
		"scenarios of one site side by side (docs/report.md).",
		1, RO_REPORT_MAX_SCHEDULES, opts,
	};
	char *args[RO_REPORT_MAX_SCHEDULES];
	struct ro_report_opts o;
	struct ro_diag d;
	const char *out;
	int nargs, rc, ex;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	out = cli_opt(&spec, "output");
	if (!out) {
		cli_error("report: missing -o FILE, where to write the report");
		return RO_EXIT_USAGE;
	}
	ro_report_opts_init(&o);
	o.baseline = cli_opt(&spec, "baseline");
	{
		const char *ins[RO_REPORT_MAX_SCHEDULES + 1];

		for (int i = 0; i < nargs; i++)
			ins[i] = args[i];
		ins[nargs] = o.baseline;
		rc = cli_check_outputs(&out, 1, ins, (size_t)nargs + 1);
		if (rc >= 0)
			return rc;
	}
	ro_diag_init(&d);
	rc = ro_report_write((const char *const *)args, (size_t)nargs, &o, out,
			     &d);
	if (rc != RO_OK) {
		ex = cli_fail(rc, &d, out);
	} else {
		cli_print_diag(&d);
		if (!cli_given(&spec, "quiet") && strcmp(out, "-") != 0)
			printf("%s: report of %d schedule%s written\n", out,
			       nargs, nargs == 1 ? "" : "s");
		ex = RO_EXIT_OK;
	}
	ro_diag_release(&d);
	return ex;
}
