/*
 * main.c - the rollout program: finds the command in the table and runs it.
 *
 * Each command lives in cli/cmd_<name>.c (see cli.h for how to add one).
 * After the command, stdout is flushed and checked so that a full disk or a
 * closed pipe is an error, not a silently truncated report.  SIGPIPE is
 * ignored so that a closed pipe reaches the library as EPIPE (io/atomic.c)
 * and ends the command with status 3 instead of killing it mid-write;
 * SIGXFSZ too, for the same reason.
 *
 * Test hook: RO_TEST_FAIL_ALLOC=N makes every allocation of the library
 * and of the program from the Nth on fail (model/alloc.h; 0: none; with
 * RO_TEST_FAIL_ONCE set, the Nth only), and says at exit how many were
 * made; tests/cli/t0505-alloc-failures.sh sweeps N.  Like git's
 * GIT_TEST_* variables, it is for the tests only.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "exit.h"
#include "../io/version.h"
#include "../model/alloc.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "validate", cmd_validate, "check a site file and report every error" },
	{ "info", cmd_info, "summarise a site: clients, bytes, link lower bounds" },
	{ "plan", cmd_plan, "plan the upgrade and write the schedule" },
	{ "verify", cmd_verify, "check a schedule against its site" },
	{ "simulate", cmd_simulate, "simulate the transfers without or with a plan" },
	{ "compare", cmd_compare, "plan several scenarios and compare their figures" },
	{ "batch", cmd_batch, "plan many sites and scenarios, several at once" },
	{ "runbook", cmd_runbook, "print the administrator's actions day by day" },
	{ "export", cmd_export, "write a schedule as CSV, iCalendar, JSON, ..." },
	{ "report", cmd_report, "write an HTML report of one or more schedules" },
	{ "import", cmd_import, "turn an inventory export into a site file" },
	{ "init", cmd_init, "write a commented starter site to edit" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: %s COMMAND [options] [arguments]\n"
		"       %s --help | --version\n\ncommands:\n",
		RO_PROGRAM, RO_PROGRAM);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'%s COMMAND --help' shows the options of a command; "
		"see rollout(1).\n", RO_PROGRAM);
}

static void say_allocations(void)
{
	fprintf(stderr, "%s: test: %ld allocations\n", RO_PROGRAM,
		ro_alloc_count());
}

/* RO_TEST_FAIL_ALLOC (see the top of the file).  The library's and the
 * program's allocations only: libxml2's schema validator crashes on some
 * of its own (docs/reliability.md). */
static void test_hook(void)
{
	const char *v = getenv("RO_TEST_FAIL_ALLOC");

	if (!v)
		return;
	ro_alloc_fail_at(atol(v), !getenv("RO_TEST_FAIL_ONCE"));
	atexit(say_allocations);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	int rc = -1;

	test_hook();

	signal(SIGPIPE, SIG_IGN);
	/* likewise a file size limit (ulimit -f): EFBIG, the temporary file
	 * removed, status 3, instead of being killed with half a file left */
	signal(SIGXFSZ, SIG_IGN);
	if (!cmd) {
		usage(stderr);
		return RO_EXIT_USAGE;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		usage(stdout);
		rc = RO_EXIT_OK;
	} else if (strcmp(cmd, "--version") == 0) {
		printf("%s %s\n", RO_PROGRAM, RO_VERSION);
		rc = RO_EXIT_OK;
	}
	for (size_t i = 0; rc < 0 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			rc = commands[i].fn(argc - 1, argv + 1);
	if (rc < 0) {
		cli_error("unknown command '%s'; see '%s --help'", cmd, RO_PROGRAM);
		return RO_EXIT_USAGE;
	}
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno != EPIPE)   /* the reader left: nobody to tell */
			cli_error("cannot write standard output: %s",
				  errno ? strerror(errno) : "write error");
		return RO_EXIT_IO;
	}
	return rc;
}
