#!/bin/sh
# Allocation failure in the program as a whole (RO_TEST_FAIL_ALLOC, see
# cli/main.c): for N = 1, 2, ... every allocation of the library and of
# the program from the Nth on fails, then the Nth only.  Each run ends in status 0 or in 7
# with a message that says "out of memory", never in a crash or another
# status, and leaves no output file unless it ended in 0.  The Check
# sweeps (tests/test_faults.c) do the same inside the library, with
# libxml2's allocations too; this covers the commands' own code.
. "$(dirname "$0")/test-lib.sh"
if [ -n "${RO_VALGRIND:-}" ]; then
	echo "skip: allocation failure sweeps under valgrind (too slow)"
	exit 0
fi
write_good_site site.xml

# sweep NAME OUTPUT ARGS...: the sweep of rollout ARGS, whose output file
# (or, for batch, directory) is OUTPUT; - for none.
sweep() {
	name=$1 output=$2
	shift 2
	rm -rf "$output"
	RO_TEST_FAIL_ALLOC=0 "$ROLLOUT" "$@" >out 2>err ||
		fail "$name: status $? without a failure"
	total=$(sed -n 's/^rollout: test: \([0-9]*\) allocations$/\1/p' err)
	[ -n "$total" ] && [ "$total" -gt 0 ] || fail "$name: no allocation count"
	n=1 nomem=0
	while [ $n -le "$total" ]; do
		rm -rf "$output"
		RO_TEST_FAIL_ALLOC=$n "$ROLLOUT" "$@" >out 2>err
		got=$?
		case $got in
		0)	[ "$output" = - ] || [ -e "$output" ] ||
				fail "$name: N=$n: status 0, no $output" ;;
		7)	grep -q 'out of memory' err ||
				fail "$name: N=$n: status 7 without 'out of memory'"
			nomem=$((nomem + 1))
			if [ -f "$output" ] || ls "$output"/*.xml >/dev/null 2>&1; then
				fail "$name: N=$n: status 7 and a file written"
			fi ;;
		*)	fail "$name: N=$n of $total: status $got" ;;
		esac
		ls -A | grep -q '^\.' && fail "$name: N=$n: temporary file left"
		n=$((n + 1))
	done
	echo "$name${RO_TEST_FAIL_ONCE:+ (once)}: $total runs, $nomem out of memory"
	[ $nomem -gt 0 ] || fail "$name: no run ran out of memory"
}

unset RO_TEST_FAIL_ONCE
for once in "" 1; do
	[ -z "$once" ] || export RO_TEST_FAIL_ONCE=1
	sweep validate - validate site.xml
	sweep plan out.xml plan -q site.xml -o out.xml
	sweep compare cmp.xml compare -q site.xml -o cmp.xml
	sweep simulate sim.xml simulate -q site.xml -o sim.xml
	# the batch's own allocations; each run it starts inherits the
	# variable and fails its Nth allocation too
	sweep batch res batch -q --sites site.xml -o res -t 5
done
