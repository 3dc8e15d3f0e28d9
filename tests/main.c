/*
 * main.c - the one runner for every Check suite (tests/test_*.c).
 *
 * The suite list is generated from the test files (build/gen/suites.h).
 * CK_RUN_SUITE / CK_RUN_CASE select a part; CK_FORK=no for gdb or valgrind.
 * "run --list" prints the suite names, one a line (tests/unit.sh runs them
 * side by side).
 * Tests run from the tests/ directory, so data files are "data/...".
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

int main(int argc, char **argv)
{
	Suite *(*const suites[])(void) = { RO_SUITES };
	static const char *const names[] = { RO_SUITE_NAMES };
	SRunner *sr;
	int failed;

	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			printf("%s\n", names[i]);
		return EXIT_SUCCESS;
	}
	sr = srunner_create(NULL);
	for (size_t i = 0; i < sizeof suites / sizeof *suites; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
