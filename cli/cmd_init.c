/*
 * cmd_init.c - rollout init -o FILE [--force]
 *
 * Writes the starter site (io/starter.h): a commented file that validates
 * and plans as it is.  An existing file is left alone unless --force.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../io/atomic.h"
#include "../io/starter.h"
#include "cli.h"
#include "exit.h"
#include "opts.h"

int cmd_init(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{ "output", 'o', "FILE", NULL,
		  "write the starter site to FILE (- for standard output); "
		  "required", NULL },
		{ "force", 'f', NULL, NULL, "overwrite FILE if it exists", NULL },
		{ NULL, 0, NULL, NULL, NULL, NULL },
	};
	struct cli_spec spec = {
		"init", "",
		"Writes a commented starter site (policy, a head office, one "
		"branch, office\nand weekend calendars) that validates and plans "
		"as it is, for you to edit.",
		0, 0, opts,
	};
	struct ro_diag d;
	struct stat st;
	const char *out, *text;
	size_t len;
	int nargs, rc;

	rc = cli_opts_parse(&spec, argc, argv, NULL, &nargs);
	if (rc >= 0)
		return rc;
	out = cli_opt(&spec, "output");
	if (!out) {
		cli_error("init: missing -o FILE, where to write the site");
		return RO_EXIT_USAGE;
	}
	if (strcmp(out, "-") != 0 && !cli_given(&spec, "force") &&
	    lstat(out, &st) == 0) {
		cli_error("%s: file exists; give --force to overwrite it, or "
			  "another name", out);
		return RO_EXIT_IO;
	}
	text = ro_starter_site(&len);
	ro_diag_init(&d);
	rc = ro_write_file_atomic(out, text, len, &d);
	if (rc == 0 && strcmp(out, "-") != 0)
		printf("%s: starter site written; edit it, then 'rollout "
		       "validate %s'\n", out, out);
	rc = cli_fail(rc, &d, out);
	ro_diag_release(&d);
	return rc;
}
