#!/bin/sh
# run.sh - runs every tests/cli/t*.sh against $ROLLOUT; prints a summary.
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0
for t in "$here"/t*.sh; do
	[ -e "$t" ] || continue
	if sh "$t" >"${TMPDIR:-/tmp}/rollout-clitest.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $(basename "$t")"
		sed 's/^/    /' "${TMPDIR:-/tmp}/rollout-clitest.log"
	fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
