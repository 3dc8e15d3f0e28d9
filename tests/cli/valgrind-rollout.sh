#!/bin/sh
# valgrind-rollout.sh - the program under valgrind, as $ROLLOUT for the
# command-line tests (make valgrind copies it next to the program, where
# tests that look for librollout.a beside $ROLLOUT find it).
#
# RO_VALGRIND_BIN: the program; RO_VALGRIND_LOGS: a directory for one log
# per process, which make valgrind checks are all empty afterwards
# (valgrind's own messages stay out of the stderr the tests compare).  A
# process valgrind reports on also exits with status 99, which no test
# expects.  Child processes (rollout batch runs plan) run without
# valgrind.
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--suppressions="${RO_VALGRIND_SUPP:-/dev/null}" \
	--log-file="$RO_VALGRIND_LOGS/vg.%p.log" "$RO_VALGRIND_BIN" "$@"
