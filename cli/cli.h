/*
 * cli.h - what the commands of the rollout program share.
 *
 * The program is a thin front over the library: every command parses its
 * options (opts.h), calls the library, prints what it got back and returns
 * an exit status (exit.h).  To add a command: write cli/cmd_<name>.c with
 * int cmd_<name>(int argc, char **argv) (argv[0] is the command name),
 * declare it here and add a line to the table in main.c.
 */
#ifndef RO_CLI_H
#define RO_CLI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"

#define RO_PROGRAM "rollout"

int cmd_validate(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_runbook(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* runbook and export: refuses an output that is an input, loads the site
 * (with --scenario) and the schedule, has the verifier check it
 * (ro_xview_init) and calls fn with the view and arg.  Returns the exit
 * status, any failure reported. */
struct ro_xview;
struct cli_spec;
int cli_with_view(const struct cli_spec *spec, const char *cmd,
		  const char *site_path, const char *sched_path,
		  const char *out,
		  int (*fn)(const struct ro_xview *v, const void *arg,
			    const char *out, struct ro_diag *d),
		  const void *arg);

/* "rollout: <message>\n" on stderr. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_error(const char *fmt, ...);

/* Prints every entry of d, sorted by file and line (ro_diag_sort), as
 * "rollout: file:line: message" on stderr, then how many were dropped. */
void cli_print_diag(struct ro_diag *d);

/* Prints d (cli_print_diag) and returns the exit status for library error
 * err; when err is not 0 and d holds no message, prints what ro_strerror()
 * says, prefixed with what (a file name; may be NULL). */
int cli_fail(int err, struct ro_diag *d, const char *what);

/* cli_fail for a site file path: after schema errors (RO_ESCHEMA) it also
 * says, once and last, that the other checks did not run, so that more
 * errors may follow once these are fixed. */
int cli_fail_site(int err, struct ro_diag *d, const char *path);

/* Progress lines on stderr: shown when stderr is a terminal, or always with
 * --progress; never with --quiet. */
void cli_progress_setup(bool quiet, bool force);
bool cli_progress_on(void);
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_progress(const char *fmt, ...);

/* The solver's progress callback (ro_solve_opts.progress): each line
 * through cli_progress. */
void cli_progress_line(void *ud, const char *line);

/* SIGINT and SIGTERM set cli_interrupted, which the solver reads between
 * steps (ro_solve_opts.interrupt); SA_RESETHAND: a second signal kills the
 * program the ordinary way, except while a schedule's temporary file
 * exists, when io/atomic.c holds it until the file is renamed or removed.
 * glibc's sig_atomic_t is int, the volatile int the solver expects; a
 * platform where it is not fails to compile at the caller. */
extern volatile sig_atomic_t cli_interrupted;
void cli_catch_interrupts(void);

/* Refuses outputs that are the same file as one another or as one of the
 * inputs, and symbolic links to devices (io/outsafe.h); NULL entries are
 * skipped.  Returns -1 to go on, else the exit status (2, or 3 for a
 * link), the reason printed. */
int cli_check_outputs(const char *const *outs, size_t nout,
		      const char *const *ins, size_t nin);

/* A time limit: a decimal number of seconds, digits with an optional
 * fraction ("60", "2.5"), nothing else (no sign, exponent, hex, inf). */
bool cli_parse_seconds(const char *v, double *out);

/* s for a terminal: control characters as \n, \r, \t or \xHH and a
 * backslash doubled, cut with "..." to fit n bytes; returns buf.
 * cli_esc_dup: the same, whole, in a new string (ro_free; NULL when out
 * of memory); cli_put_esc: the same, written to f.  Every name or text
 * from a file goes to the terminal through one of them. */
const char *cli_esc(const char *s, char *buf, size_t n);
char *cli_esc_dup(const char *s);
void cli_put_esc(FILE *f, const char *s);

/* The option of every command that reads sites: <inventory> files may
 * lie outside the site file's folder (io/inventory.h).  Put it in the
 * option table; cli_inventory_option applies it after parsing. */
#define CLI_OPT_INVENTORY \
	{ "allow-inventory-outside", 0, NULL, NULL, \
	  "read <inventory> files outside the site file's folder", NULL }
/* The option of every command that reads a schedule with its site: the
 * scenario the schedule was planned for. */
#define CLI_OPT_SCHEDULE_SCENARIO \
	{ "scenario", 's', "NAME", NULL, \
	  "apply the what-if scenario NAME first (the one the " \
	  "schedule was planned for)", NULL }
struct cli_spec;
void cli_inventory_option(const struct cli_spec *spec);

/* Monotonic wall-clock seconds. */
double cli_now(void);

/* Writes text (words separated by blanks) to f starting at column at,
 * breaking lines before column 79 and indenting continuation lines by
 * indent; ends with a newline. */
void cli_wrap(FILE *f, const char *text, int at, int indent);

/* minutes as "3 d 04:15" (days, hours, minutes; the day part is always
 * there so that a duration never reads as a time of day). */
char *cli_duration(int64_t minutes, char *buf, size_t n);

/* Thousands grouping for counts: 1234567 -> "1,234,567". */
char *cli_count(int64_t v, char *buf, size_t n);

/* Loads site_path with scenario (NULL: none), then the schedule sched_path
 * when it is not NULL, then the site's calendar expansion.  Returns -1 with
 * *s, *p (NULL without a schedule) and *x set for the caller to free, or,
 * having reported the failure with cli_fail, the exit status with nothing
 * left to free.  A schedule planned for another scenario is reported as
 * that alone, with the --scenario to give command cmd. */
int cli_load(const char *cmd, const char *site_path, const char *scenario,
	     const char *sched_path, struct ro_site **s, struct ro_plan **p,
	     struct ro_expand **x, struct ro_diag *d);

#endif
