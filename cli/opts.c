/*
 * opts.c - table-driven option parsing and help (see opts.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "exit.h"
#include "opts.h"

static struct cli_opt *find_long(struct cli_spec *spec, const char *name,
				 size_t len)
{
	for (struct cli_opt *o = spec->opts; o && o->name; o++)
		if (strlen(o->name) == len && memcmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

static struct cli_opt *find_short(struct cli_spec *spec, char c)
{
	for (struct cli_opt *o = spec->opts; o && o->name; o++)
		if (o->short_name && o->short_name == c)
			return o;
	return NULL;
}

static int usage_error(const struct cli_spec *spec, const char *fmt,
		       const char *what)
{
	fprintf(stderr, "%s: %s: ", RO_PROGRAM, spec->cmd);
	fprintf(stderr, fmt, what);
	fprintf(stderr, "\n%s: see '%s %s --help'\n", RO_PROGRAM, RO_PROGRAM,
		spec->cmd);
	return RO_EXIT_USAGE;
}

/* Handles one long option at argv[*i]; advances *i past its argument. */
static int parse_long(struct cli_spec *spec, int argc, char **argv, int *i)
{
	const char *a = argv[*i] + 2;
	const char *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	struct cli_opt *o = find_long(spec, a, len);

	if (!o)
		return usage_error(spec, "unknown option '%s'", argv[*i]);
	if (!o->arg) {
		if (eq)
			return usage_error(spec, "option '--%s' takes no value",
					   o->name);
		o->value = "";
		return -1;
	}
	if (eq) {
		o->value = eq + 1;
	} else if (*i + 1 < argc) {
		o->value = argv[++*i];
	} else {
		return usage_error(spec, "option '--%s' needs a value", o->name);
	}
	return -1;
}

/* Handles -x, -xVALUE and -x VALUE at argv[*i]. */
static int parse_short(struct cli_spec *spec, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	struct cli_opt *o = find_short(spec, a[1]);

	if (!o)
		return usage_error(spec, "unknown option '%s'", a);
	if (!o->arg) {
		if (a[2])
			return usage_error(spec, "unknown option '%s'", a);
		o->value = "";
		return -1;
	}
	if (a[2]) {
		o->value = a + 2;
	} else if (*i + 1 < argc) {
		o->value = argv[++*i];
	} else {
		return usage_error(spec, "option '%s' needs a value", a);
	}
	return -1;
}

int cli_opts_parse(struct cli_spec *spec, int argc, char **argv,
		   char **args, int *nargs)
{
	bool only_args = false;

	*nargs = 0;
	for (struct cli_opt *o = spec->opts; o && o->name; o++)
		o->value = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc = -1;

		if (!only_args && strcmp(a, "--") == 0) {
			only_args = true;
			continue;
		}
		if (!only_args && (strcmp(a, "--help") == 0 ||
				   strcmp(a, "-h") == 0)) {
			cli_opts_help(spec, stdout);
			return RO_EXIT_OK;
		}
		if (!only_args && a[0] == '-' && a[1] == '-')
			rc = parse_long(spec, argc, argv, &i);
		else if (!only_args && a[0] == '-' && a[1] != '\0')
			rc = parse_short(spec, argc, argv, &i);
		else if (*nargs < spec->max_args)
			args[(*nargs)++] = argv[i];
		else
			rc = usage_error(spec, "unexpected argument '%s'", a);
		if (rc >= 0)
			return rc;
	}
	if (*nargs < spec->min_args)
		return usage_error(spec, "missing %s", spec->args);
	return -1;
}

const char *cli_opt(const struct cli_spec *spec, const char *name)
{
	for (const struct cli_opt *o = spec->opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o->value ? o->value : o->def;
	return NULL;
}

bool cli_given(const struct cli_spec *spec, const char *name)
{
	for (const struct cli_opt *o = spec->opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o->value != NULL;
	return false;
}

void cli_opts_help(const struct cli_spec *spec, FILE *f)
{
	int width = 10;   /* "-h, --help" */

	fprintf(f, "usage: %s %s %s [options]\n\n%s\n\noptions:\n",
		RO_PROGRAM, spec->cmd, spec->args, spec->summary);
	/* One column for "-x, --name ARG", as wide as the widest. */
	for (const struct cli_opt *o = spec->opts; o && o->name; o++) {
		int w = 6 + (int)strlen(o->name) +
			(o->arg ? 1 + (int)strlen(o->arg) : 0);
		if (w > width)
			width = w;
	}
	for (const struct cli_opt *o = spec->opts; o && o->name; o++) {
		char left[128], help[512];

		snprintf(left, sizeof left, "%c%c%s--%s%s%s",
			 o->short_name ? '-' : ' ',
			 o->short_name ? o->short_name : ' ',
			 o->short_name ? ", " : "  ", o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
		snprintf(help, sizeof help, "%s%s%s%s", o->help,
			 o->def ? " (default: " : "", o->def ? o->def : "",
			 o->def ? ")" : "");
		fprintf(f, "  %-*s  ", width, left);
		cli_wrap(f, help, width + 4, width + 4);
	}
	fprintf(f, "  %-*s  %s\n", width, "-h, --help", "show this help");
}
