/*
 * cmd_verify.c - rollout verify SITE SCHEDULE [--scenario NAME]
 *
 * Reads a schedule back against its site and runs the independent verifier
 * (model/verify.c) on it: every constraint of docs/semantics.md, plus every
 * claim the file makes (summary, per-client times and figures, per-slot
 * figures) against its recomputation.  Violations are the report, so they go
 * to stdout, one per line, followed by a summary line; problems that stop
 * the check (unreadable files, a schedule of another site) are errors on
 * stderr.  Exit 0 feasible, 1 violations, else as cli/exit.h.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

/* The feasible summary: counts, makespan and peak utilisation. */
static void feasible(const struct ro_site *s, const struct ro_plan *p,
		     const struct ro_eval *ev)
{
	char a[32], b[32], c[32], t[RO_TIME_BUFSZ];

	printf("schedule is feasible: %s placed, %s unplaced",
	       cli_count(ev->placed, a, sizeof a),
	       cli_count((int64_t)p->n - ev->placed, b, sizeof b));
	if (ev->placed > 0)
		printf(", makespan %s (%" PRId32 " slot%s), finishing %s",
		       cli_duration((int64_t)ev->makespan * s->horizon.slot_min,
				    c, sizeof c),
		       ev->makespan, ev->makespan == 1 ? "" : "s",
		       ro_time_format(ro_slot_time(s, ev->makespan), t));
	printf(", peak utilisation %.4f\n", ev->peak_util);
}

/* Prints the verifier's messages: about the schedule, with the line of a
 * claim where they have one. */
static void print_violations(const char *sched_path, const struct ro_diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].line > 0)
			printf("%s:%ld: %s\n", sched_path, d->v[i].line,
			       d->v[i].msg);
		else
			printf("%s: %s\n", sched_path, d->v[i].msg);
	if (d->dropped)
		printf("%s: %zu more violations not shown\n", sched_path,
		       d->dropped);
}

/* An SMS 2.0 schedule: its forecast recomputed from its actions alone. */
static int verify_sms20(const struct cli_spec *spec, const char *sched_path,
			const struct ro_site *s, const struct ro_plan *p,
			struct ro_diag *d)
{
	struct ro_sms_eval *ev = NULL;
	long bad = ro_verify_sms20(s, p, &ev, d);
	char a[32], b[32], c[RO_TIME_BUFSZ];

	if (bad < 0)
		return cli_fail(RO_ENOMEM, d, NULL);
	print_violations(sched_path, d);
	if (bad > 0) {
		printf("%ld %s\n", bad, bad == 1 ? "violation" : "violations");
	} else if (!cli_given(spec, "quiet")) {
		const struct ro_fc_totals *t = &ev->tot;
		printf("schedule is valid: its actions give this forecast: "
		       "%s of %s clients upgraded",
		       cli_count(t->complete, a, sizeof a),
		       cli_count(t->clients, b, sizeof b));
		if (t->complete > 0)
			printf(", the last at %s",
			       ro_time_format(s->horizon.start +
						      (ro_time)t->makespan *
							      s->horizon.slot_min,
					      c));
		printf("; overload %.1f MB, over dial-up %.1f MB\n",
		       (double)t->overload / RO_MB,
		       (double)t->ras_bytes / RO_MB);
	}
	ro_sms_eval_free(ev);
	return bad > 0 ? RO_EXIT_INVALID : RO_EXIT_OK;
}

static int verify(const struct cli_spec *spec, const char *site_path,
		  const char *sched_path)
{
	struct ro_site *s = NULL;
	struct ro_expand *x = NULL;
	struct ro_plan *p = NULL;
	struct ro_eval *ev = NULL;
	struct ro_diag d;
	long bad;
	int ex;

	ro_diag_init(&d);
	ex = cli_load("verify", site_path, cli_opt(spec, "scenario"),
		      sched_path, &s, &p, &x, &d);
	if (ex >= 0)
		goto out_release_diag;
	if (p->control == RO_CONTROL_SMS20) {
		ex = verify_sms20(spec, sched_path, s, p, &d);
		goto out_free_expand;
	}
	bad = ro_verify(s, x, p, &ev, &d);
	if (bad < 0) {
		ex = cli_fail(RO_ENOMEM, &d, NULL);
		goto out_free_expand;
	}
	/* verifier messages carry no file: they are about the schedule, and
	 * those about a claim of the file carry its line */
	print_violations(sched_path, &d);
	if (bad > 0)
		printf("%ld %s\n", bad, bad == 1 ? "violation" : "violations");
	else if (!cli_given(spec, "quiet"))
		feasible(s, p, ev);
	ex = bad > 0 ? RO_EXIT_INVALID : RO_EXIT_OK;
	ro_eval_free(ev);
out_free_expand:
	ro_expand_free(x);
	ro_plan_free(p);
	ro_site_free(s);
out_release_diag:
	ro_diag_release(&d);
	return ex;
}

int cmd_verify(int argc, char **argv)
{
	struct cli_opt opts[] = {
		CLI_OPT_SCHEDULE_SCENARIO,
		{ "quiet", 'q', NULL, NULL,
		  "print nothing when the schedule is feasible", NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"verify", "SITE SCHEDULE",
		"Checks a schedule against its site with the independent "
		"verifier and prints\nevery violation, then a summary line.",
		2, 2, opts,
	};
	char *args[2];
	int nargs, rc;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	return verify(&spec, args[0], args[1]);
}
