/*
 * exit.h - the exit status of the rollout program.
 *
 * Scripts and CI jobs see these numbers, so they are only ever appended,
 * never renumbered (also docs/cli.md and docs/rollout.1).  Every command
 * maps the library's error codes (model/error.h) onto them with
 * ro_exit_from_err().
 */
#ifndef RO_CLI_EXIT_H
#define RO_CLI_EXIT_H

enum ro_exit {
	RO_EXIT_OK = 0,          /* done; for plan: a verified plan was written
				    (also when the time limit stopped the
				    solver after it had found one) */
	RO_EXIT_INVALID = 1,     /* the input has errors, or a plan failed
				    verification (messages printed) */
	RO_EXIT_USAGE = 2,       /* bad command line */
	RO_EXIT_IO = 3,          /* a file cannot be read or written */
	RO_EXIT_NOPLAN = 4,      /* no plan exists (infeasible) */
	RO_EXIT_TIMELIMIT = 5,   /* time limit reached before any plan */
	RO_EXIT_SOLVER = 6,      /* the solver failed */
	RO_EXIT_NOMEM = 7,       /* out of memory */
	RO_EXIT_INTERRUPTED = 8  /* stopped by SIGINT or SIGTERM; plan writes
				    the best plan it had, if any */
};

/* The exit status for a library error code (enum ro_err). */
int ro_exit_from_err(int err);

#endif
