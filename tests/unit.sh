#!/bin/sh
# unit.sh RUN [WRAPPER...] - the Check suites of RUN (build/tests/run), each
# in its own process (CK_RUN_SUITE), UNIT_JOBS at a time (default 1), under
# WRAPPER when given (make valgrind: valgrind and its options).  Each
# suite's report is printed whole, in the order of "RUN --list"; the status
# is 1 if any suite failed.  Runs from tests/, where the data files are.
set -u
run=$1
shift
cd "$(dirname "$0")" || exit 1
out=$(mktemp -d "${TMPDIR:-/tmp}/rollout-unit.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
trap 'exit 130' INT TERM
# CK_RUN_SUITE=x (make unit CK_RUN_SUITE=x): that suite only
if [ -n "${CK_RUN_SUITE:-}" ]; then
	suites=$CK_RUN_SUITE
else
	suites=$("$run" --list) ||
		{ echo "unit.sh: $run --list failed" >&2; exit 1; }
fi
[ -n "$suites" ] || { echo "unit.sh: no suites in $run" >&2; exit 1; }
# xargs passes each name to a shell that runs the suite and records its
# status next to its report
printf '%s\n' $suites | xargs -P "${UNIT_JOBS:-1}" -I{} sh -c '
	o=$1; shift; s=$1; shift
	CK_RUN_SUITE=$s "$@" >"$o/$s.log" 2>&1
	echo $? >"$o/$s.rc"' sh "$out" {} "$@" "$run"
st=0
n=0
for s in $suites; do
	cat "$out/$s.log"
	rc=$(cat "$out/$s.rc" 2>/dev/null || echo 1)
	n=$((n + 1))
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: suite $s (status $rc)"
		st=1
	fi
done
if [ $st -eq 0 ]; then
	echo "unit: $n of $n suites passed"
else
	echo "unit: a suite failed (of $n)"
fi
exit $st
