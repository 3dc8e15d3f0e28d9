/*
 * api_example.c - planning a site from C with librollout (include/rollout.h).
 *
 * Loads a site (and a scenario), plans it with a time limit, verifies the
 * plan on its own, prints what was placed, what not and why, and the
 * makespan, and writes the schedule.
 *
 *     usage: api_example SITE SCHEDULE [SCENARIO]
 *
 * Build against an installed library (make install) with pkg-config,
 * shared (api_example) or static (api_example-static):
 *
 *     make -f examples/Makefile.api api_example api_example-static
 *
 * or in the source tree, after make:
 *
 *     cc -std=c11 -Iinclude examples/api_example.c build/librollout.a \
 *        $(pkg-config --libs libxml-2.0) -lglpk -lm
 */
#include <inttypes.h>
#include <stdio.h>

#include <rollout.h>

static void print_diag(struct ro_diag *d)
{
	ro_diag_sort(d);
	for (size_t i = 0; i < d->n; i++) {
		const struct ro_diag_entry *e = &d->v[i];

		if (e->file && e->line)
			fprintf(stderr, "api_example: %s:%ld: %s\n", e->file,
				e->line, e->msg);
		else if (e->file)
			fprintf(stderr, "api_example: %s: %s\n", e->file, e->msg);
		else
			fprintf(stderr, "api_example: %s\n", e->msg);
	}
}

int main(int argc, char **argv)
{
	struct ro_site *site = NULL;
	struct ro_expand *x = NULL;
	struct ro_plan *plan = NULL;
	struct ro_eval *ev = NULL;
	struct ro_solve_opts *opts = NULL;
	struct ro_diag d;
	char when[RO_TIME_BUFSZ];
	int status = 1, rc;
	long bad;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: api_example SITE SCHEDULE [SCENARIO]\n");
		return 2;
	}
	ro_diag_init(&d);

	rc = ro_site_load(argv[1], argc > 3 ? argv[3] : NULL, &site, &d);
	if (rc != RO_OK)
		goto out;
	x = ro_expand_new(site);
	if (!x) {
		rc = RO_ENOMEM;
		goto out;
	}

	opts = ro_solve_opts_new();
	if (!opts) {
		rc = RO_ENOMEM;
		goto out;
	}
	/* seconds; the best plan found is kept */
	rc = ro_solve_opts_set_time_limit(opts, 30);
	if (rc == RO_OK)
		rc = ro_solve(site, x, opts, &plan, &d);
	if (rc != RO_OK)
		goto out;

	/* ro_solve verifies its plans; checking again costs little and
	 * gives the figures the schedule writer needs */
	bad = ro_verify(site, x, plan, &ev, &d);
	if (bad != 0) {
		rc = bad < 0 ? RO_ENOMEM : RO_EVERIFY;
		goto out;
	}

	printf("%s: placed %" PRId64 " of %" PRId64 " clients (status %s)\n",
	       ro_site_name(site), ro_eval_placed(ev), ro_plan_clients(plan),
	       ro_status_name((enum ro_status)ro_plan_status(plan)));
	for (int r = RO_REASON_NO_OPPORTUNITY; r <= RO_REASON_HORIZON; r++) {
		int64_t n = ro_plan_unplaced(plan, r);

		if (n)
			printf("  unplaced, %s: %" PRId64 "\n",
			       ro_reason_name((enum ro_reason)r), n);
	}
	if (ro_eval_placed(ev) > 0)
		printf("makespan: %" PRId32 " slots of %" PRId32 " minutes, "
		       "the last client done at %s\n", ro_eval_makespan(ev),
		       ro_site_slot_minutes(site),
		       ro_time_format(ro_site_slot_time(site,
					ro_eval_makespan(ev)), when));

	rc = ro_schedule_write(site, plan, ev, argv[2], &d);
	if (rc == RO_OK) {
		printf("schedule written to %s\n", argv[2]);
		status = 0;
	}
out:
	if (rc != RO_OK && d.n == 0)
		fprintf(stderr, "api_example: %s\n", ro_strerror(rc));
	print_diag(&d);
	/* reverse order of creation; every _free accepts NULL */
	ro_eval_free(ev);
	ro_plan_free(plan);
	ro_expand_free(x);
	ro_solve_opts_free(opts);
	ro_site_free(site);
	ro_diag_release(&d);
	ro_xml_cleanup();
	return status;
}
