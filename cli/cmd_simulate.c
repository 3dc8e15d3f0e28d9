/*
 * cmd_simulate.c - rollout simulate SITE [--scenario NAME] [--schedule FILE]
 *                  [-o FILE.xml]
 *
 * What the network does with the transfers (model/simulate.h): without a
 * plan, every client starting at its first start opportunity (the logon
 * storm); with --schedule, at the schedule's starts, compared with the ends
 * the plan states (an SMS 2.0 schedule: the forecast of its actions, over
 * the forecast's range, a week past the horizon).  Prints a report on stdout; -o also writes every client's
 * outcome as XML (io/simulate_xml.h, io/schema/simulation.xsd,
 * docs/simulate.md), validated against the schema before it is written
 * atomically.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../io/schedule.h"
#include "../io/simulate_xml.h"
#include "../io/site_read.h"
#include "../model/error.h"
#include "../model/office.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/simulate.h"
#include "../model/site.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"
#include "table.h"

#define NAME_LEN 512
#define MB (1024.0 * 1024.0)

/* --- the text report --- */

static const char *mb(int64_t bytes, char *buf, size_t n)
{
	snprintf(buf, n, "%.2f", (double)bytes / MB);
	return buf;
}

static int print_links(FILE *f, const struct ro_site *s,
		       const struct ro_sim *sim)
{
	static const char *const head[] = {
		"link", "peak demand MB", "usable MB", "ratio", "peak at",
		"overloaded", "moved MB",
	};
	struct cli_table *tb = cli_table_new(7, head);
	int rc = 0;

	if (!tb)
		return -1;
	for (size_t l = 0; l < s->nlinks && rc == 0; l++) {
		const struct ro_sim_link *lk = &sim->links[l];
		char c1[32], c2[32], c3[32], c4[RO_TIME_BUFSZ], c5[32], c6[32];
		const char *row[7];

		row[0] = ro_site_str(s, s->links[l].id);
		row[1] = mb(lk->peak_demand, c1, sizeof c1);
		if (lk->peak_slot >= 0) {
			row[2] = mb(lk->peak_usable, c2, sizeof c2);
			if (lk->peak_usable > 0)
				snprintf(c3, sizeof c3, "%.2f",
					 (double)lk->peak_demand /
					 (double)lk->peak_usable);
			else
				snprintf(c3, sizeof c3, "-");
			row[3] = c3;
			row[4] = ro_time_format(ro_slot_time(s, lk->peak_slot),
						c4);
		} else {
			row[2] = row[3] = row[4] = "-";
		}
		row[5] = cli_duration(lk->overload_minutes, c5, sizeof c5);
		row[6] = mb(lk->moved, c6, sizeof c6);
		rc = cli_table_add(tb, row);
	}
	if (rc == 0)
		cli_table_print(tb, f, 2);
	cli_table_free(tb);
	return rc;
}

static void report(FILE *f, const struct ro_site *s, const char *site_path,
		   const struct ro_sim *sim, const char *sched, bool sms)
{
	char a[32], b[32], c[32], t[RO_TIME_BUFSZ], name[NAME_LEN];
	const char *planned = sms ? "forecast" : "planned";

	fprintf(f, "%s: %s clients, %s\n", site_path,
	       cli_count((int64_t)sim->n, a, sizeof a),
	       sms ? "starting when the forecast of the schedule's actions "
		     "says, simulated to a week after the horizon"
	       : sched ? "starting when the schedule says"
		       : "each starting at its first start opportunity");
	fprintf(f, "  started %s, finished %s, unfinished at the %s end %s, "
	       "never started %s\n", cli_count(sim->started, a, sizeof a),
	       cli_count(sim->finished, b, sizeof b),
	       sms ? "simulation's" : "horizon",
	       cli_count(sim->unfinished, c, sizeof c),
	       cli_count(sim->never, name, sizeof name));
	if (sim->finished == 0)
		fprintf(f, "  no client finishes\n");
	else
		fprintf(f, "  last %s %s (slot %" PRId32 ", %s after the "
		       "horizon start)\n",
		       sim->unfinished ? "finished client completes"
				       : "client completes",
		       ro_time_format(ro_slot_time(s, sim->finish), t),
		       sim->finish,
		       cli_duration((int64_t)sim->finish * s->horizon.slot_min,
				    a, sizeof a));
	/* the figure rollout compare shows too (model/office.h) */
	fprintf(f, "  reboots in office hours (%s): %s of %s, %s client%s\n",
	       RO_OFFICE_HOURS_TEXT, cli_count(sim->reboots_office, a, sizeof a),
	       cli_count(sim->reboots, b, sizeof b),
	       cli_count(sim->reboot_office_clients, c, sizeof c),
	       sim->reboot_office_clients == 1 ? "" : "s");
	if (s->policy.nreboot_windows)
		fprintf(f, "  reboots outside the reboot windows: %s of %s\n",
		       cli_count(sim->reboots_outside, a, sizeof a),
		       cli_count(sim->reboots, b, sizeof b));
	fprintf(f, "  links with demand above capacity: %" PRId32 " of %zu\n",
	       sim->overload_links, s->nlinks);
	if (print_links(f, s, sim) != 0)
		cli_error("out of memory printing the link table");
	if (!sim->with_plan)
		return;
	fprintf(f, "%s: %s", sched, sim->overload_links ? "overloads" : "no overload");
	if (sim->overload_links)
		fprintf(f, " %" PRId32 " %s", sim->overload_links,
		       sim->overload_links == 1 ? "link" : "links");
	if (sim->late == 0)
		fprintf(f, "; every client completes by its %s end\n", planned);
	else
		fprintf(f, "; %s %s later than %s\n",
			cli_count(sim->late, a, sizeof a),
			sim->late == 1 ? "client completes" : "clients complete",
			planned);
	fprintf(f, "  largest difference between simulated and %s "
		"completion: %" PRId32 " %s", planned, sim->max_diff,
		sim->max_diff == 1 ? "slot" : "slots");
	if (sim->max_diff_client >= 0)
		fprintf(f, " (client '%s')",
			ro_sim_client_name(s, sim->max_diff_client, name,
					   sizeof name));
	fprintf(f, "\n");
}

static int simulate(const struct cli_spec *spec, const char *site_path)
{
	const char *sched = cli_opt(spec, "schedule");
	const char *out = cli_opt(spec, "output");
	struct ro_site *s = NULL;
	struct ro_expand *x = NULL;
	struct ro_plan *p = NULL;
	struct ro_sim *sim = NULL;
	struct ro_diag d;
	int rc, ex;

	ro_diag_init(&d);
	cli_progress("loading %s", site_path);
	ex = cli_load("simulate", site_path, cli_opt(spec, "scenario"), sched,
		      &s, &p, &x, &d);
	if (ex >= 0)
		goto out_release_diag;
	cli_progress("simulating %" PRId64 " clients over %" PRId32 " slot%s",
		     s->nclients_total, s->horizon.nslots,
		     s->horizon.nslots == 1 ? "" : "s");
	/* an SMS 2.0 schedule's starts are a forecast that may pass the
	 * horizon: simulated over the forecast's range */
	rc = p && p->control == RO_CONTROL_SMS20
		? ro_simulate_sms20(s, p, &sim, &d)
		: ro_simulate(s, x, p, &sim, &d);
	if (rc) {
		ex = cli_fail(rc, &d, NULL);
		goto out_free_expand;
	}
	if (out) {
		fflush(stdout);
		rc = ro_sim_write_xml(s, sim, sched, out, &d);
		if (rc == RO_EPARSE || rc == RO_ESCHEMA)
			cli_error("internal error: the simulation does not "
				  "follow simulation.xsd; nothing written");
		if (rc) {
			ex = cli_fail(rc, &d, out);
			goto out_free_sim;
		}
	}
	/* with the XML on stdout, the report goes to stderr */
	if (!cli_given(spec, "quiet"))
		report(out && strcmp(out, "-") == 0 ? stderr : stdout, s,
		       site_path, sim, sched,
		       p && p->control == RO_CONTROL_SMS20);
	ex = RO_EXIT_OK;
out_free_sim:
	ro_sim_free(sim);
out_free_expand:
	ro_expand_free(x);
	ro_plan_free(p);
	ro_site_free(s);
out_release_diag:
	ro_diag_release(&d);
	return ex;
}

int cmd_simulate(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "scenario", 's', "NAME", NULL,
		  "apply the what-if scenario NAME first", NULL },
		{ "schedule", 0, "FILE", NULL,
		  "start the clients when schedule FILE says (an SMS 2.0 "
		  "schedule: its forecast, to a week after the horizon; "
		  "default: at their first start opportunity)", NULL },
		{ "output", 'o', "FILE", NULL,
		  "also write every client's outcome as XML to FILE "
		  "(- for standard output)", NULL },
		{ "quiet", 'q', NULL, NULL, "no report; errors only", NULL },
		{ "progress", 0, NULL, NULL,
		  "progress lines on stderr even when it is not a terminal",
		  NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"simulate", "SITE",
		"Simulates the transfers of a site: every client starting at "
		"its first start\nopportunity (what happens without a plan), "
		"or when --schedule says.",
		1, 1, opts,
	};
	char *args[1];
	int nargs, rc;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	{
		const char *out = cli_opt(&spec, "output");
		const char *ins[] = { args[0], cli_opt(&spec, "schedule") };

		rc = cli_check_outputs(&out, 1, ins, 2);
		if (rc >= 0)
			return rc;
	}
	cli_progress_setup(cli_given(&spec, "quiet"),
			   cli_given(&spec, "progress"));
	return simulate(&spec, args[0]);
}
