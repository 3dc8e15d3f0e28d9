/*
 * opts.h - one table per command drives option parsing and its --help.
 *
 * A command declares its options as an array of struct cli_opt ending with
 * a NULL name, and a struct cli_spec naming its positional arguments.
 * cli_opts_parse() fills in the values; cli_opt() reads them back with the
 * default applied.  --help and -h are understood by every command.
 *
 * Accepted forms: --name VALUE, --name=VALUE, -x VALUE, -xVALUE, a flag
 * --name or -x, and "--" to end the options.  A lone "-" is an argument.
 * An option given twice keeps the last value.
 */
#ifndef RO_CLI_OPTS_H
#define RO_CLI_OPTS_H

#include <stdbool.h>
#include <stdio.h>

struct cli_opt {
	const char *name;     /* long name without "--"; NULL ends the table */
	char short_name;      /* 0: none */
	const char *arg;      /* argument name for help; NULL: a flag */
	const char *def;      /* default, used when absent; NULL: none */
	const char *help;     /* one line */
	const char *value;    /* set by parsing: the argument ("" for a
				 flag), NULL when not given */
};

struct cli_spec {
	const char *cmd;      /* "plan" */
	const char *args;     /* positional arguments for usage: "SITE" */
	const char *summary;  /* one line: what the command does */
	int min_args, max_args;
	struct cli_opt *opts;
};

/* Parses argv[1 .. argc-1] (argv[0] is the command name) against spec,
 * storing positional arguments in args (room for spec->max_args) and their
 * number in *nargs.  Returns -1 when the command should run, else the exit
 * status to return at once: 0 after printing help to stdout, RO_EXIT_USAGE
 * after printing what is wrong to stderr. */
int cli_opts_parse(struct cli_spec *spec, int argc, char **argv,
		   char **args, int *nargs);

/* The value of option name: as given, else its default (may be NULL). */
const char *cli_opt(const struct cli_spec *spec, const char *name);
/* Whether flag or option name was given on the command line. */
bool cli_given(const struct cli_spec *spec, const char *name);

/* Writes the usage line, summary and option table of spec to f. */
void cli_opts_help(const struct cli_spec *spec, FILE *f);

#endif
