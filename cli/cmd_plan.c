/*
 * cmd_plan.c - rollout plan SITE -o FILE [options]
 *
 * Loads the site, expands it, plans it (solver/), verifies the plan again
 * with the independent verifier as a guard, writes the schedule atomically
 * and prints a short summary.  SIGINT and SIGTERM stop the solver cleanly:
 * the best plan found so far is still verified and written.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/simulate.h"
#include "../model/site.h"
#include "../model/verify.h"
#include "../solver/solve.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

static int bad_value(const char *opt, const char *v, const char *expected)
{
	cli_error("plan: invalid value '%s' for --%s: %s", v, opt, expected);
	return RO_EXIT_USAGE;
}

/* Reads the command-line values into o; returns -1 or an exit status. */
static int read_options(const struct cli_spec *spec, struct ro_solve_opts *o)
{
	const char *v;
	char *end;

	v = cli_opt(spec, "objective");
	if (strcmp(v, "lexicographic") == 0)
		o->objective = RO_OBJ_LEXICOGRAPHIC;
	else if (strcmp(v, "peak") == 0)
		o->objective = RO_OBJ_PEAK;
	else
		return bad_value("objective", v, "use lexicographic or peak");
	if ((v = cli_opt(spec, "deadline"))) {
		if (!ro_time_parse(v, &o->deadline))
			return bad_value("deadline", v,
					 "use a date-time like 2026-12-04T18:00");
		o->has_deadline = true;
	}
	if ((v = cli_opt(spec, "time-limit"))) {
		double t;

		if (!cli_parse_seconds(v, &t))
			return bad_value("time-limit", v,
					 "use a decimal number of seconds, "
					 "0 for none");
		o->time_limit = t;
	}
	if ((v = cli_opt(spec, "gap"))) {
		double g = strtod(v, &end);

		if (end != v && strcmp(end, "%") == 0)
			g /= 100, end++;
		if (end == v || *end || !isfinite(g) || g < 0 || g > 1)
			return bad_value("gap", v,
					 "use a fraction from 0 to 1, like 0.01 or 1%");
		o->gap = g;
	}
	/* docs/semantics.md: the peak objective spreads the load up to a
	 * deadline; without one it would silently mean the horizon end */
	if (o->objective == RO_OBJ_PEAK && !o->has_deadline) {
		cli_error("plan: --objective peak needs --deadline DATETIME, the "
			  "time by which every placed client completes; add "
			  "one, like --deadline 2026-12-04T18:00");
		return RO_EXIT_USAGE;
	}
	if ((v = cli_opt(spec, "control"))) {
		if (strcmp(v, "sms20") == 0)
			o->control = RO_CONTROL_SMS20;
		else if (strcmp(v, "per-client") == 0)
			o->control = RO_CONTROL_PER_CLIENT;
		else
			return bad_value("control", v, "use sms20 or per-client");
	}
	if ((v = cli_opt(spec, "release"))) {
		/* the candidates live until the solve: a static list */
		static ro_time at[256];
		size_t n = 0;
		const char *p = v;
		char one[64];
		while (*p) {
			size_t k = strcspn(p, ",");
			if (k >= sizeof one || n == sizeof at / sizeof *at)
				return bad_value("release", v, "at most 256 "
						 "date-times, comma-separated");
			memcpy(one, p, k);
			one[k] = '\0';
			if (!ro_time_parse(one, &at[n++]))
				return bad_value("release", v, "use date-times "
						 "like 2026-12-04T18:00, "
						 "comma-separated");
			p += k;
			if (*p == ',')
				p++;
		}
		o->releases = at;
		o->nreleases = n;
	}
	o->write_lp = cli_opt(spec, "write-lp");
	o->write_mps = cli_opt(spec, "write-mps");
	v = cli_opt(spec, "lp-form");
	if (strcmp(v, "aggregated") == 0)
		o->write_form = RO_EXPORT_AGGREGATED;
	else if (strcmp(v, "plain") == 0)
		o->write_form = RO_EXPORT_PLAIN;
	else if (strcmp(v, "clients") == 0)
		o->write_form = RO_EXPORT_CLIENTS;
	else
		return bad_value("lp-form", v, "use aggregated, plain or clients");
	return -1;
}

/* Writes a paragraph, breaking lines only after a ", " or "; " outside
 * parentheses, so that no figure is split from its unit, before column 79
 * where possible. */
static void clause_wrap(FILE *f, const char *text)
{
	size_t line = 0, last = 0, i, depth = 0;   /* last: a break point */

	for (i = 0; text[i]; i++) {
		if (text[i] == '(')
			depth++;
		else if (text[i] == ')' && depth)
			depth--;
		if (i - line >= 79 && last > line) {
			fprintf(f, "%.*s\n", (int)(last - line - 1), text + line);
			line = last;
		}
		if (depth == 0 && (text[i] == ',' || text[i] == ';') &&
		    text[i + 1] == ' ')
			last = i + 2;
	}
	fprintf(f, "%s\n", text + line);
}

/* The end of a summary paragraph built in m (an open_memstream of text):
 * the status and how far each objective stage is from its proven bound;
 * then the paragraph, wrapped, on f. */
static void finish_summary(FILE *f, FILE *m, const char *const *text,
			   const struct ro_plan *p, bool show_time)
{
	fprintf(m, "; status %s", ro_status_name(p->status));
	for (int i = 0; i < p->nstages; i++) {
		const struct ro_stage *st = &p->stages[i];
		double gap = ro_stage_gap(st);

		fprintf(m, "%s %s %.10g", i ? "," : ";", st->name, st->value);
		if (st->has_bound)
			fprintf(m, " (bound %.10g, gap %.2f %%)", st->bound,
				gap < 0 ? 0.0 : 100 * gap);
	}
	if (show_time)
		fprintf(m, "; solved in %.2f s", p->info.solve_seconds);
	fprintf(m, ".");
	/* fclose flushes the stream into *text */
	if (fclose(m) == 0 && *text)
		clause_wrap(f, *text);
	else
		cli_error("out of memory writing the summary");
}

/* " (LEAD: 3 capacity, 1 horizon)": the counts by reason, 1 .. n-1, that
 * are not zero. */
static void reason_counts(FILE *m, const char *lead, const int64_t *by_reason,
			  int n)
{
	const char *sep = "";
	char a[32];

	fprintf(m, " (%s:", lead);
	for (int r = 1; r < n; r++)
		if (by_reason[r]) {
			fprintf(m, "%s %s %s", sep,
				cli_count(by_reason[r], a, sizeof a),
				ro_reason_name((enum ro_reason)r));
			sep = ",";
		}
	fprintf(m, ")");
}

/* The summary paragraph: what was placed, the makespan, the status and
 * how far each objective stage is from its proven bound.  Built in memory,
 * then wrapped. */
static void summary(FILE *f, const char *out, const struct ro_site *s,
		    const struct ro_plan *p, const struct ro_eval *ev,
		    bool show_time)
{
	int64_t by_reason[RO_REASON_HORIZON + 1] = { 0 };
	char a[32], b[32], c[RO_TIME_BUFSZ];
	char *text = NULL;
	size_t len = 0;
	/* libc's buffer (freed with free), not ro_malloc's: open_memstream
	 * cannot take an allocator; its failures are checked */
	FILE *m = open_memstream(&text, &len);

	if (!m) {
		cli_error("out of memory writing the summary");
		return;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->a[i].start < 0 && p->a[i].reason <= RO_REASON_HORIZON)
			by_reason[p->a[i].reason]++;
	fprintf(m, "%s: placed %s of %s clients", out,
		cli_count(ev->placed, a, sizeof a),
		cli_count((int64_t)p->n, b, sizeof b));
	if (ev->placed < (int64_t)p->n) {
		reason_counts(m, "unplaced", by_reason, RO_REASON_HORIZON + 1);
	}
	if (ev->placed > 0)
		fprintf(m, "; makespan %s (%" PRId32 " slot%s), finishing %s",
			cli_duration((int64_t)ev->makespan *
				     s->horizon.slot_min, b, sizeof b),
			ev->makespan, ev->makespan == 1 ? "" : "s",
			ro_time_format(ro_slot_time(s, ev->makespan), c));
	finish_summary(f, m, (const char *const *)&text, p, show_time);
	free(text);
}

/* --time-limit bounds the whole command, loading and writing included
 * (a batch of plans is scheduled by wall time).  The solver gets what is
 * left after loading, less the time it takes to hand the plan back and to
 * write the schedule: about 100 bytes of XML per link and slot and 250 per
 * client, written at some 50 MB/s (100,000 clients, 1,199 links, 672
 * slots: 100 MB in 1.9 s on the 2-core development machine); this
 * reserves that at 40 MB/s, and half a second. */
static double solve_budget(double limit, double started,
			   const struct ro_site *s)
{
	double bytes = 250.0 * (double)s->nclients_total +
		       100.0 * (double)s->nlinks * s->horizon.nslots;
	double left = limit - (cli_now() - started) - bytes / 40e6 - 0.5;

	return left > 0.05 ? left : 0.05;
}

/* The SMS 2.0 summary: the levers pulled and the forecast they give. */
static void summary_sms20(FILE *f, const char *out, const struct ro_site *s,
			  const struct ro_plan *p, const struct ro_sms_eval *ev,
			  bool show_time)
{
	const struct ro_fc_totals *t = &ev->tot;
	int64_t by_reason[16] = { 0 };
	char a[32], b[32], c[RO_TIME_BUFSZ];
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m) {
		cli_error("out of memory writing the summary");
		return;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->a[i].reason && p->a[i].reason < 16)
			by_reason[p->a[i].reason]++;
	if (p->lv.released)
		fprintf(m, "%s: release %s; %s of %s clients upgraded in the "
			"forecast", out, ro_time_format(p->lv.release, c),
			cli_count(t->complete, a, sizeof a),
			cli_count(t->clients, b, sizeof b));
	else
		fprintf(m, "%s: not released in this horizon (every candidate "
			"overloads)", out);
	if (t->complete < t->clients) {
		reason_counts(m, "not", by_reason, 16);
	}
	if (t->after_horizon)
		fprintf(m, ", %s of them after the horizon",
			cli_count(t->after_horizon, a, sizeof a));
	fprintf(m, "; %s early trigger%s", cli_count(t->triggers, a, sizeof a),
		t->triggers == 1 ? "" : "s");
	fprintf(m, "; overload %.1f MB, over dial-up %.1f MB",
		(double)t->overload / RO_MB, (double)t->ras_bytes / RO_MB);
	if (t->complete > 0)
		fprintf(m, "; makespan %s (%" PRId64 " slot%s), finishing %s",
			cli_duration(t->makespan * s->horizon.slot_min, b,
				     sizeof b),
			t->makespan, t->makespan == 1 ? "" : "s",
			ro_time_format(ro_slot_time(s, (int32_t)t->makespan), c));
	if (t->overload > 0) {
		/* the forecast charges overloaded links in full; shared
		 * fairly, the copies stretch: when the last one really ends */
		struct ro_sim *sim = NULL;
		struct ro_diag sd;
		ro_diag_init(&sd);
		if (ro_simulate_sms20(s, p, &sim, &sd) == RO_OK && sim->finish > 0)
			fprintf(m, " (with the links shared fairly, %s)",
				ro_time_format(ro_slot_time(s, sim->finish), c));
		ro_sim_free(sim);
		ro_diag_release(&sd);
	}
	finish_summary(f, m, (const char *const *)&text, p, show_time);
	free(text);
}

/* Verifies the SMS 2.0 plan p again and writes its schedule. */
static int write_sms20(const struct cli_spec *spec, const char *out,
		       const struct ro_site *s, const struct ro_plan *p,
		       const struct ro_schedule_wopts *wo, struct ro_diag *d)
{
	struct ro_sms_eval *ev = NULL;
	long bad = ro_verify_sms20(s, p, &ev, d);
	int rc, ex;

	if (bad != 0) {
		if (bad > 0)
			cli_error("internal error: the plan failed verification "
				  "(%ld violations); no schedule written", bad);
		return cli_fail(bad < 0 ? RO_ENOMEM : RO_EVERIFY, d, NULL);
	}
	fflush(stdout);
	rc = ro_schedule_write_sms20(s, p, ev, out, wo, d);
	if (rc) {
		ex = cli_fail(rc, d, out);
		ro_sms_eval_free(ev);
		return ex;
	}
	if (!cli_given(spec, "quiet"))
		summary_sms20(strcmp(out, "-") == 0 ? stderr : stdout,
			      strcmp(out, "-") == 0 ? "standard output" : out,
			      s, p, ev, wo->show_time);
	ro_sms_eval_free(ev);
	return p->status == RO_STATUS_INTERRUPTED ? RO_EXIT_INTERRUPTED
						  : RO_EXIT_OK;
}

static int plan_site(const struct cli_spec *spec, const char *path,
		     struct ro_solve_opts *o)
{
	double started = cli_now();
	const char *out = cli_opt(spec, "output");
	struct ro_schedule_wopts wo = { cli_given(spec, "show-time"), 0 };
	struct ro_site *s = NULL;
	struct ro_expand *x = NULL;
	struct ro_plan *p = NULL;
	struct ro_eval *ev = NULL;
	struct ro_diag d;
	long bad;
	int rc, ex;

	ro_diag_init(&d);
	cli_progress("loading %s", path);
	ex = cli_load("plan", path, cli_opt(spec, "scenario"), NULL, &s, &p, &x,
		      &d);
	if (ex >= 0)
		goto out_release_diag;
	cli_progress("planning %" PRId64 " clients over %" PRId32 " slot%s",
		     s->nclients_total, s->horizon.nslots,
		     s->horizon.nslots == 1 ? "" : "s");
	cli_catch_interrupts();
	o->interrupt = &cli_interrupted;
	/* the header says what was asked: the solver gets less */
	wo.time_limit = o->time_limit;
	if (o->time_limit > 0)
		o->time_limit = solve_budget(o->time_limit, started, s);
	rc = ro_solve_export(s, x, o, &p, &d);
	if (rc) {
		ex = cli_fail(rc, &d, NULL);
		goto out_free_expand;
	}
	cli_print_diag(&d);   /* notes the solver left beside a plan */
	ro_diag_release(&d);
	ro_diag_init(&d);

	if (p->control == RO_CONTROL_SMS20) {
		ex = write_sms20(spec, out, s, p, &wo, &d);
		goto out_free_plan;
	}
	/* The solver verifies its plans; this guards the file we write. */
	bad = ro_verify(s, x, p, &ev, &d);
	if (bad != 0) {
		if (bad > 0)
			cli_error("internal error: the plan failed verification "
				  "(%ld violations); no schedule written", bad);
		ex = cli_fail(bad < 0 ? RO_ENOMEM : RO_EVERIFY, &d, NULL);
		goto out_free_plan;
	}
	fflush(stdout);
	rc = ro_schedule_write_opts(s, p, ev, out, &wo, &d);
	if (rc) {
		ex = cli_fail(rc, &d, out);
		goto out_free_plan;
	}
	if (!cli_given(spec, "quiet"))
		summary(strcmp(out, "-") == 0 ? stderr : stdout,
			strcmp(out, "-") == 0 ? "standard output" : out, s, p, ev,
			wo.show_time);
	/* a signal after the solve (while verifying or writing) is an
	 * interrupt all the same: the plan is written, the status says so */
	ex = p->status == RO_STATUS_INTERRUPTED || cli_interrupted
		     ? RO_EXIT_INTERRUPTED : RO_EXIT_OK;
out_free_plan:
	ro_eval_free(ev);
	ro_plan_free(p);
out_free_expand:
	ro_expand_free(x);
	ro_site_free(s);
out_release_diag:
	ro_diag_release(&d);
	return ex;
}

int cmd_plan(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "output", 'o', "FILE", NULL,
		  "write the schedule to FILE (- for standard output); required",
		  NULL },
		{ "scenario", 's', "NAME", NULL,
		  "apply the what-if scenario NAME first", NULL },
		{ "objective", 0, "OBJ", "lexicographic",
		  "lexicographic (placed, makespan, completion sum) or peak "
		  "(placed, peak link utilisation; needs --deadline)", NULL },
		{ "deadline", 0, "DATETIME", NULL,
		  "every placed client completes by then (YYYY-MM-DDTHH:MM); "
		  "required with --objective peak",
		  NULL },
		{ "time-limit", 't', "SEC", "60",
		  "finish within SEC seconds of wall time, loading and "
		  "writing included, with the best plan found; 0: no limit",
		  NULL },
		{ "gap", 0, "FRAC", "0",
		  "stop once the relative gap is below FRAC (0.01 or 1%)", NULL },
		{ "control", 0, "MODE", NULL,
		  "sms20 (the levers: release, early triggers, logon-script "
		  "cohorts, instructions; every start a forecast) or "
		  "per-client (every client's start); default: the site's "
		  "policy", NULL },
		{ "release", 0, "DATETIME[,...]", NULL,
		  "the release candidates of the sms20 mode, replacing the "
		  "site's", NULL },
		{ "write-lp", 0, "FILE", NULL,
		  "also write the integer program in CPLEX LP format", NULL },
		{ "write-mps", 0, "FILE", NULL,
		  "also write the integer program in free MPS format", NULL },
		{ "lp-form", 0, "FORM", "aggregated",
		  "the program --write-lp/--write-mps write: aggregated (as "
		  "solved), plain (knapsack rows only) or clients (a binary per "
		  "client and start)", NULL },
		{ "show-time", 0, NULL, NULL,
		  "report the solve time (the schedule is then not "
		  "reproducible byte for byte)", NULL },
		{ "quiet", 'q', NULL, NULL,
		  "no summary and no progress; errors only", NULL },
		{ "progress", 0, NULL, NULL,
		  "progress lines on stderr even when it is not a terminal",
		  NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"plan", "SITE",
		"Plans the client upgrade of a site and writes the schedule\n"
		"(docs/schedule-format.md).",
		1, 1, opts,
	};
	struct ro_solve_opts o;
	char *args[1];
	int nargs, rc;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	if (!cli_opt(&spec, "output")) {
		cli_error("plan: missing -o FILE, where to write the schedule");
		return RO_EXIT_USAGE;
	}
	ro_solve_opts_init(&o);
	rc = read_options(&spec, &o);
	if (rc >= 0)
		return rc;
	{
		const char *outs[] = { cli_opt(&spec, "output"), o.write_lp,
				       o.write_mps };
		const char *ins[] = { args[0] };

		rc = cli_check_outputs(outs, 3, ins, 1);
		if (rc >= 0)
			return rc;
	}
	cli_progress_setup(cli_given(&spec, "quiet"),
			   cli_given(&spec, "progress"));
	if (cli_progress_on()) {
		o.progress = cli_progress_line;
		o.progress_ud = NULL;
	}
	return plan_site(&spec, args[0], &o);
}
