#!/bin/sh
# run.sh - runs every tests/cli/tNNNN-*.sh against $ROLLOUT; prints a summary.
# Each test exits non-zero on failure and prints why; its output is shown
# only when it fails.  Usage: ROLLOUT=/path/to/rollout sh tests/cli/run.sh
set -u
: "${ROLLOUT:?set ROLLOUT to the rollout program}"
here=$(cd "$(dirname "$0")" && pwd)
SRCDIR=${SRCDIR:-$(cd "$here/../.." && pwd)}
export ROLLOUT SRCDIR
log=$(mktemp "${TMPDIR:-/tmp}/rollout-clitest.XXXXXX") || exit 1
trap 'rm -f "$log"' EXIT
pass=0 fail=0
for t in "$here"/t[0-9]*.sh; do
	[ -e "$t" ] || continue
	if sh "$t" >"$log" 2>&1; then
		pass=$((pass + 1))
		grep '^skip' "$log" | sed "s/^/$(basename "$t"): /"
	else
		fail=$((fail + 1))
		echo "FAIL: $(basename "$t")"
		sed 's/^/    /' "$log"
	fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
