/*
 * main.c - the one runner for every Check suite (tests/test_*.c).
 *
 * The suite list is generated from the test files (build/gen/suites.h).
 * CK_RUN_SUITE / CK_RUN_CASE select a part; CK_FORK=no for gdb or valgrind.
 * Tests run from the tests/ directory, so data files are "data/...".
 */
#include <check.h>
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	Suite *(*const suites[])(void) = { RO_SUITES };
	SRunner *sr = srunner_create(NULL);
	int failed;

	for (size_t i = 0; i < sizeof suites / sizeof *suites; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
