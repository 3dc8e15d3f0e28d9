/*
 * cmd_compare.c - rollout compare SITE --scenarios A,B[,...] [options]
 *
 * Plans each scenario of a site (orch/compare.h computes the figures)
 * and prints them side by side, one column per scenario in the site's
 * control mode, for an SMS 2.0 site followed by the scenario planned per
 * client (the optimistic bound), optionally with the unplanned simulation
 * as a baseline column; -o writes the same as XML (orch/compare_xml.h).  SIGINT and SIGTERM stop the solve in progress
 * cleanly and skip the scenarios not yet planned.
 */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../orch/compare_xml.h"
#include "../io/site_read.h"
#include "../model/error.h"
#include "../orch/compare.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"
#include "table.h"

#define CELL 64

/* --- the table: one row per figure, one column per scenario --- */

struct rows {
	struct cli_table *t;
	const struct ro_compare *c;
	int ncols;          /* 1 + c->n */
	int failed;         /* a row was lost to allocation failure */
};

/* Adds the row label: cells[1 + i] from fill(i) for every planned column
 * ("-" for the columns that have no figures). */
static void add_row(struct rows *r, const char *label,
		    void (*fill)(const struct ro_figures *f, char *cell,
				 const void *arg),
		    const void *arg)
{
	char cells[RO_COMPARE_MAX + 1][CELL];
	const char *ptr[RO_COMPARE_MAX + 1];

	snprintf(cells[0], CELL, "%s", label);
	for (size_t i = 0; i < r->c->n; i++) {
		const struct ro_figures *f = &r->c->v[i];

		strcpy(cells[1 + i], "-");
		if (f->err == RO_OK)
			fill(f, cells[1 + i], arg);
	}
	for (int i = 0; i < r->ncols; i++)
		ptr[i] = cells[i];
	if (cli_table_add(r->t, ptr) < 0)
		r->failed = 1;
}

static void fill_horizon(const struct ro_figures *f, char *cell,
			 const void *arg)
{
	char a[RO_TIME_BUFSZ];

	(void)arg;
	snprintf(cell, CELL, "%s", ro_time_format(f->horizon.start, a));
}

static void fill_horizon_end(const struct ro_figures *f, char *cell,
			     const void *arg)
{
	char a[RO_TIME_BUFSZ];

	(void)arg;
	snprintf(cell, CELL, "%s", ro_time_format(f->horizon.end, a));
}

static void fill_clients(const struct ro_figures *f, char *cell,
			 const void *arg)
{
	(void)arg;
	cli_count(f->clients, cell, CELL);
}

static void fill_placed(const struct ro_figures *f, char *cell,
			const void *arg)
{
	(void)arg;
	cli_count(f->placed, cell, CELL);
}

static bool sms20(const struct ro_figures *f)
{
	return f->kind == RO_FIGURES_PLAN && f->control == RO_CONTROL_SMS20;
}

static void fill_control(const struct ro_figures *f, char *cell,
			 const void *arg)
{
	(void)arg;
	snprintf(cell, CELL, "%s", f->kind == RO_FIGURES_SIMULATION ? "none"
		 : sms20(f) ? "sms20" : "per-client");
}

static void fill_release(const struct ro_figures *f, char *cell,
			 const void *arg)
{
	char a[RO_TIME_BUFSZ];

	(void)arg;
	if (sms20(f))
		snprintf(cell, CELL, "%s", f->released
			 ? ro_time_format(f->release, a) : "not released");
}

static void fill_instructed(const struct ro_figures *f, char *cell,
			    const void *arg)
{
	(void)arg;
	if (sms20(f))
		snprintf(cell, CELL, "%" PRId64 " group%s", f->instructed,
			 f->instructed == 1 ? "" : "s");
}

static void fill_triggers(const struct ro_figures *f, char *cell,
			  const void *arg)
{
	(void)arg;
	if (sms20(f))
		cli_count(f->triggers, cell, CELL);
}

static void fill_after(const struct ro_figures *f, char *cell,
		       const void *arg)
{
	(void)arg;
	if (sms20(f))
		cli_count(f->after_horizon, cell, CELL);
}

/* arg: offset of an int64_t byte count in struct ro_figures */
static void fill_sms_mb(const struct ro_figures *f, char *cell,
			const void *arg)
{
	if (sms20(f))
		snprintf(cell, CELL, "%.1f",
			 (double)*(const int64_t *)((const char *)f +
						    *(const size_t *)arg) /
				 1048576.0);
}

static void fill_sim_finish(const struct ro_figures *f, char *cell,
			    const void *arg)
{
	char a[RO_TIME_BUFSZ];

	(void)arg;
	if (!sms20(f))
		return;
	if (!f->simulated)
		snprintf(cell, CELL, "%s", f->overload > 0 ? "-"
							   : "as forecast");
	else if (f->sim_unfinished > 0)
		snprintf(cell, CELL, "%" PRId64 " unfinished",
			 f->sim_unfinished);
	else if (f->sim_makespan > 0)
		snprintf(cell, CELL, "%s", ro_time_format(f->sim_finish, a));
}

/* arg: the reason index; -1 never starts, -2 unfinished */
static void fill_unplaced(const struct ro_figures *f, char *cell,
			  const void *arg)
{
	int r = *(const int *)arg;

	/* the plan's reasons and the simulation's are different rows, but
	 * for "unfinished", which both have (an SMS 2.0 forecast's copy or
	 * restart not done) */
	if (r == -2 && f->kind == RO_FIGURES_PLAN) {
		cli_count(f->unplaced[RO_REASON_UNFINISHED], cell, CELL);
		return;
	}
	if ((r < 0) != (f->kind == RO_FIGURES_SIMULATION))
		return;
	cli_count(r == -1 ? f->never : r == -2 ? f->unfinished
					       : f->unplaced[r], cell, CELL);
}

static void fill_makespan(const struct ro_figures *f, char *cell,
			  const void *arg)
{
	(void)arg;
	if (f->makespan > 0)
		cli_duration((int64_t)f->makespan * f->horizon.slot_min, cell,
			     CELL);
}

static void fill_finish(const struct ro_figures *f, char *cell,
			const void *arg)
{
	char a[RO_TIME_BUFSZ];

	(void)arg;
	if (f->makespan > 0)
		snprintf(cell, CELL, "%s", ro_time_format(f->finish, a));
}

/* load / usable as a percentage with two decimals, rounded half up */
static void percent(int64_t num, int64_t den, char *cell)
{
	__extension__ unsigned __int128 v =
		((unsigned __int128)(uint64_t)num * 20000u + (uint64_t)den) /
		((unsigned __int128)(uint64_t)den * 2u);

	snprintf(cell, CELL, "%llu.%02u %%", (unsigned long long)(v / 100),
		 (unsigned)(v % 100));
}

/* arg: the link id */
static void fill_wan(const struct ro_figures *f, char *cell, const void *arg)
{
	for (size_t i = 0; i < f->nwan; i++)
		if (strcmp(f->wan[i].id, arg) == 0) {
			percent(f->wan[i].peak_load, f->wan[i].peak_usable,
				cell);
			return;
		}
}

/* MB (1,048,576 bytes) with one decimal */
static void mb(int64_t bytes, char *cell)
{
	snprintf(cell, CELL, "%.1f", (double)bytes / 1048576.0);
}

/* arg: the day (ro_time at 00:00) */
static void fill_day(const struct ro_figures *f, char *cell, const void *arg)
{
	ro_time day = *(const ro_time *)arg;

	for (size_t i = 0; i < f->ndays; i++)
		if (f->days[i].day == day) {
			mb(f->days[i].bytes, cell);
			return;
		}
}

static void fill_reboots(const struct ro_figures *f, char *cell,
			 const void *arg)
{
	char a[32], b[32];

	(void)arg;
	snprintf(cell, CELL, "%s of %s", cli_count(f->reboots_office, a, sizeof a),
		 cli_count(f->reboots, b, sizeof b));
}

static void fill_ras(const struct ro_figures *f, char *cell, const void *arg)
{
	char a[32], b[32];

	(void)arg;
	if (!sms20(f))
		snprintf(cell, CELL, "%s of %s",
			 cli_count(f->ras_deferred, a, sizeof a),
			 cli_count(f->ras_clients, b, sizeof b));
}

static void fill_dialup(const struct ro_figures *f, char *cell,
			const void *arg)
{
	char a[32], b[32];

	(void)arg;
	if (sms20(f))
		snprintf(cell, CELL, "%s of %s",
			 cli_count(f->ras_dialup, a, sizeof a),
			 cli_count(f->ras_clients, b, sizeof b));
}

static void fill_gap(const struct ro_figures *f, char *cell, const void *arg)
{
	(void)arg;
	if (f->gap >= 0)
		snprintf(cell, CELL, "%.2f %%", 100 * f->gap);
}

/* The status row also names the columns without figures. */
static void add_status(struct rows *r)
{
	char cells[RO_COMPARE_MAX + 1][CELL];
	const char *ptr[RO_COMPARE_MAX + 1];

	snprintf(cells[0], CELL, "status");
	for (size_t i = 0; i < r->c->n; i++)
		snprintf(cells[1 + i], CELL, "%s",
			 ro_figures_status(&r->c->v[i]));
	for (int i = 0; i < r->ncols; i++)
		ptr[i] = cells[i];
	if (cli_table_add(r->t, ptr) < 0)
		r->failed = 1;
}

static int cmp_time(const void *a, const void *b)
{
	ro_time x = *(const ro_time *)a, y = *(const ro_time *)b;

	return (x > y) - (x < y);
}

/* Prints the comparison table; returns 0 or -1 (out of memory). */
static int print_table(FILE *f, const struct ro_compare *c)
{
	const char *head[RO_COMPARE_MAX + 1];
	struct rows r = { NULL, c, (int)c->n + 1, 0 };
	ro_time *days = NULL;
	size_t ndays = 0, cap = 0;
	char label[CELL];
	bool any_sms = false;

	head[0] = "";
	for (size_t i = 0; i < c->n; i++)
		head[1 + i] = c->v[i].name;
	r.t = cli_table_new(r.ncols, head);
	if (!r.t)
		return -1;
	for (size_t i = 0; i < c->n; i++)
		any_sms |= sms20(&c->v[i]) && !c->v[i].err;
	add_row(&r, "horizon start", fill_horizon, NULL);
	add_row(&r, "horizon end", fill_horizon_end, NULL);
	if (any_sms) {
		add_row(&r, "control", fill_control, NULL);
		add_row(&r, "release", fill_release, NULL);
		add_row(&r, "told to stay on", fill_instructed, NULL);
		add_row(&r, "early triggers", fill_triggers, NULL);
	}
	add_row(&r, "clients", fill_clients, NULL);
	add_row(&r, "placed", fill_placed, NULL);
	if (any_sms)
		add_row(&r, "after the horizon", fill_after, NULL);
	for (int k = -2; k < RO_COMPARE_NREASONS; k++) {
		static const int idx[] = { -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8 };
		const int *arg = &idx[k + 2];
		bool any = false;

		if (k == 0 || k == RO_REASON_UNFINISHED)
			continue;
		for (size_t i = 0; i < c->n; i++) {
			const struct ro_figures *v = &c->v[i];

			if (v->err)
				continue;
			any |= k == -1 ? v->never > 0
			     : k == -2 ? v->unfinished > 0 ||
					 v->unplaced[RO_REASON_UNFINISHED] > 0
				       : v->unplaced[k] > 0;
		}
		if (!any)
			continue;
		snprintf(label, sizeof label, "unplaced: %s",
			 k == -1 ? "never starts" : k == -2 ? "unfinished"
			 : ro_reason_name((enum ro_reason)k));
		add_row(&r, label, fill_unplaced, arg);
	}
	if (any_sms) {
		static const size_t over = offsetof(struct ro_figures, overload);
		static const size_t ras = offsetof(struct ro_figures, ras_bytes);

		add_row(&r, "overload MB", fill_sms_mb, &over);
		add_row(&r, "over dial-up MB", fill_sms_mb, &ras);
	}
	add_row(&r, "makespan", fill_makespan, NULL);
	add_row(&r, "finishing", fill_finish, NULL);
	if (any_sms)
		add_row(&r, "finishing, fair sharing", fill_sim_finish, NULL);

	/* WAN links by id, in the order of the first column that has them */
	for (size_t i = 0; i < c->n; i++)
		for (size_t w = 0; w < c->v[i].nwan; w++) {
			const char *id = c->v[i].wan[w].id;
			bool seen = false;

			for (size_t j = 0; j < i && !seen; j++)
				for (size_t u = 0; u < c->v[j].nwan; u++)
					if (strcmp(c->v[j].wan[u].id, id) == 0)
						seen = true;
			for (size_t u = 0; u < w && !seen; u++)
				seen = strcmp(c->v[i].wan[u].id, id) == 0;
			if (seen)
				continue;
			snprintf(label, sizeof label, "peak %s", id);
			add_row(&r, label, fill_wan, id);
		}

	/* WAN bytes per day: every date of any column, in order */
	for (size_t i = 0; i < c->n; i++)
		for (size_t k = 0; k < c->v[i].ndays; k++) {
			if (ndays == cap) {
				ro_time *v = ro_reallocarray(days, cap ? 2 * cap : 16,
								    sizeof *v);

				if (!v) {
					r.failed = 1;
					goto out;
				}
				days = v;
				cap = cap ? 2 * cap : 16;
			}
			days[ndays++] = c->v[i].days[k].day;
		}
	if (ndays)
		qsort(days, ndays, sizeof *days, cmp_time);
	for (size_t k = 0; k < ndays; k++) {
		char d[RO_TIME_BUFSZ];

		if (k > 0 && days[k] == days[k - 1])
			continue;
		snprintf(label, sizeof label, "WAN MB %s %s",
			 ro_dow_name(ro_time_dow(days[k])),
			 ro_date_format(days[k], d));
		add_row(&r, label, fill_day, &days[k]);
	}
	add_row(&r, "reboots in office hours", fill_reboots, NULL);
	add_row(&r, "RAS clients deferred", fill_ras, NULL);
	if (any_sms)
		add_row(&r, "RAS clients over dial-up", fill_dialup, NULL);
	add_status(&r);
	add_row(&r, "gap", fill_gap, NULL);
out:
	if (!r.failed)
		cli_table_print(r.t, f, 0);
	cli_table_free(r.t);
	ro_free(days);
	return r.failed ? -1 : 0;
}

static void print_report(FILE *f, const struct ro_compare *c)
{
	bool sim = false, sms = false, bound = false;

	for (size_t i = 0; i < c->n; i++) {
		sim |= c->v[i].kind == RO_FIGURES_SIMULATION;
		sms |= sms20(&c->v[i]) && !c->v[i].err;
		bound |= c->v[i].bound;
	}
	cli_put_esc(f, c->site);
	fputs(" (", f);
	cli_put_esc(f, c->path);
	fputs(")\n\n", f);
	if (print_table(f, c) < 0) {
		cli_error("compare: out of memory printing the table");
		return;
	}
	fputc('\n', f);
	cli_wrap(f, "Reboots in office hours: reboot slots that touch "
		 RO_OFFICE_HOURS_TEXT " local time. RAS clients deferred: "
		 "started after their first opportunity on the LAN, or not "
		 "at all. WAN MB: bytes over all WAN links in the slots "
		 "starting that day (1 MB = 1,048,576 bytes).", 0, 0);
	if (sms)
		cli_wrap(f, "sms20: the administrator's levers (the release, "
			 "users told to stay on, early triggers) and the "
			 "forecast of what SMS 2.0 then does, past the horizon "
			 "too; placed counts the clients it upgrades, its WAN "
			 "peak is the forecast's load over the usable capacity "
			 "and may pass 100 %, overload MB the bytes above it; "
			 "finishing, fair sharing: when the last client really "
			 "completes where overload remains (the forecast's "
			 "starts simulated with the links shared fairly).", 0, 0);
	if (bound)
		cli_wrap(f, "/per-client: the same scenario planned with "
			 "control of every client's start, which SMS 2.0 does "
			 "not give: the optimistic bound, what that control "
			 "would buy.", 0, 0);
	if (sim)
		cli_wrap(f, "baseline: no plan, every client at its first "
			 "opportunity (simulated); placed counts the clients "
			 "complete by the horizon end, its WAN peak is the demand "
			 "over the usable capacity and may pass 100 %, its WAN "
			 "MB the demand capped at the usable capacity.", 0, 0);
}

/* Splits list at commas into v (room for max); an empty entry is the site
 * without a scenario.  Returns the count, or -1 when there are too many. */
static int split(char *list, const char **v, int max)
{
	int n = 0;
	char *p = list;

	for (;;) {
		char *comma = strchr(p, ',');

		if (n == max)
			return -1;
		if (comma)
			*comma = '\0';
		v[n++] = p;
		if (!comma)
			return n;
		p = comma + 1;
	}
}

/* Without --scenarios: the base site and every scenario of the file. */
static int all_scenarios(const char *path, char ***names, int *n)
{
	struct ro_site *s = NULL;
	struct ro_diag d;
	int rc;

	ro_diag_init(&d);
	rc = ro_site_load(path, NULL, &s, &d);
	if (rc) {
		rc = cli_fail_site(rc, &d, path);
		ro_diag_release(&d);
		return rc;
	}
	ro_diag_release(&d);
	*n = 1 + (int)s->nscenarios;
	*names = ro_calloc((size_t)*n, sizeof **names);
	if (!*names) {
		ro_site_free(s);
		cli_error("compare: out of memory");
		return RO_EXIT_NOMEM;
	}
	(*names)[0] = ro_strdup("");
	for (size_t i = 0; i < s->nscenarios; i++)
		(*names)[1 + i] = ro_strdup(ro_site_str(s, s->scenario_names[i]));
	ro_site_free(s);
	for (int i = 0; i < *n; i++)
		if (!(*names)[i]) {
			cli_error("compare: out of memory");
			return RO_EXIT_NOMEM;
		}
	return -1;
}

int cmd_compare(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "scenarios", 's', "A,B", NULL,
		  "the scenarios to compare, one column each; 'base' or an "
		  "empty entry: the site without a scenario (default: base "
		  "and every scenario of the file)", NULL },
		{ "baseline", 0, NULL, NULL,
		  "add the unplanned simulation (everyone at the first "
		  "opportunity) of the site as a column", NULL },
		{ "no-per-client", 0, NULL, NULL,
		  "leave out the per-client column (the optimistic bound) "
		  "after each SMS 2.0 scenario", NULL },
		{ "control", 0, "MODE", NULL,
		  "plan every scenario in MODE, sms20 or per-client, "
		  "instead of the site's (per-client: no bound columns)",
		  NULL },
		{ "output", 'o', "FILE", NULL,
		  "also write the comparison as XML to FILE (- for standard "
		  "output)", NULL },
		{ "time-limit", 't', "SEC", "60",
		  "stop each scenario's solve after SEC seconds of wall time "
		  "with its best plan; 0: no limit", NULL },
		{ "quiet", 'q', NULL, NULL,
		  "no table and no progress; errors only", NULL },
		{ "progress", 0, NULL, NULL,
		  "progress lines on stderr even when it is not a terminal",
		  NULL },
		CLI_OPT_INVENTORY,
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"compare", "SITE",
		"Plans several what-if scenarios of a site and prints their\n"
		"figures side by side (docs/cli.md, \"rollout compare\").",
		1, 1, opts,
	};
	struct ro_solve_opts o;
	struct ro_compare *c = NULL;
	struct ro_diag d;
	const char *names[RO_COMPARE_MAX + 1];
	char **owned = NULL, *list = NULL, *args[1];
	const char *v, *out;
	bool baseline;
	unsigned flags;
	int nargs, n = 0, nowned = 0, rc, ex, bad;

	rc = cli_opts_parse(&spec, argc, argv, args, &nargs);
	if (rc >= 0)
		return rc;
	cli_inventory_option(&spec);
	ro_solve_opts_init(&o);
	v = cli_opt(&spec, "time-limit");
	if (!cli_parse_seconds(v, &o.time_limit)) {
		cli_error("compare: invalid value '%s' for --time-limit: use a "
			  "decimal number of seconds, 0 for none", v);
		return RO_EXIT_USAGE;
	}
	baseline = cli_given(&spec, "baseline");
	flags = (baseline ? RO_COMPARE_BASELINE : 0) |
		(cli_given(&spec, "no-per-client") ? RO_COMPARE_NO_BOUND : 0);
	if ((v = cli_opt(&spec, "control"))) {
		if (strcmp(v, "sms20") == 0) {
			o.control = RO_CONTROL_SMS20;
		} else if (strcmp(v, "per-client") == 0) {
			o.control = RO_CONTROL_PER_CLIENT;
		} else {
			cli_error("compare: invalid value '%s' for --control: "
				  "use sms20 or per-client", v);
			return RO_EXIT_USAGE;
		}
	}
	out = cli_opt(&spec, "output");
	{
		const char *ins[] = { args[0] };

		rc = cli_check_outputs(&out, 1, ins, 1);
		if (rc >= 0)
			return rc;
	}
	cli_progress_setup(cli_given(&spec, "quiet"),
			   cli_given(&spec, "progress"));
	if (cli_progress_on())
		o.progress = cli_progress_line;

	if ((v = cli_opt(&spec, "scenarios"))) {
		list = ro_strdup(v);
		if (!list) {
			cli_error("compare: out of memory");
			return RO_EXIT_NOMEM;
		}
		n = split(list, names, RO_COMPARE_MAX - (baseline ? 1 : 0));
	} else {
		rc = all_scenarios(args[0], &owned, &nowned);
		n = nowned;
		if (rc >= 0) {
			ex = rc;
			goto out_free_names;
		}
		if (n > RO_COMPARE_MAX - (baseline ? 1 : 0))
			n = -1;
		for (int i = 0; n > 0 && i < n; i++)
			names[i] = owned[i];
	}
	if (n < 0) {
		cli_error("compare: too many scenarios: at most %d columns%s; "
			  "give fewer with --scenarios", RO_COMPARE_MAX,
			  baseline ? " with the baseline" : "");
		ex = RO_EXIT_USAGE;
		goto out_free_names;
	}

	ro_diag_init(&d);
	cli_catch_interrupts();
	o.interrupt = &cli_interrupted;
	rc = ro_compare_run(args[0], names, (size_t)n, &o, flags, &c, &d);
	if (rc) {
		ex = cli_fail_site(rc, &d, args[0]);
		goto out_release_diag;
	}
	cli_print_diag(&d);   /* solver notes and failures, per scenario */
	ro_diag_release(&d);
	ro_diag_init(&d);

	ex = RO_EXIT_OK;
	if (out) {
		fflush(stdout);
		rc = ro_compare_write(c, out, &d);
		if (rc)
			ex = cli_fail(rc, &d, out);
	}
	if (!cli_given(&spec, "quiet") && ex == RO_EXIT_OK)
		print_report(out && strcmp(out, "-") == 0 ? stderr : stdout, c);
	bad = ro_compare_first_error(c);
	if (ex == RO_EXIT_OK && bad >= 0) {
		for (size_t i = 0; i < c->n; i++)
			if (c->v[i].err)
				cli_error("compare: '%s': %s", c->v[i].name,
					  c->v[i].error ? c->v[i].error
						: ro_strerror(c->v[i].err));
		ex = ro_exit_from_err(c->v[bad].err);
	}
	for (size_t i = 0; ex == RO_EXIT_OK && i < c->n; i++)
		if (!c->v[i].err && c->v[i].kind == RO_FIGURES_PLAN &&
		    c->v[i].status == RO_STATUS_INTERRUPTED)
			ex = RO_EXIT_INTERRUPTED;
	ro_compare_free(c);
out_release_diag:
	ro_diag_release(&d);
out_free_names:
	for (int i = 0; owned && i < nowned; i++)
		ro_free(owned[i]);
	ro_free(owned);
	ro_free(list);
	return ex;
}
