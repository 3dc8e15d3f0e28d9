#!/bin/sh
# run.sh - runs every tests/cli/tNNNN-*.sh against $ROLLOUT; prints a summary.
# Each test exits non-zero on failure and prints why; its output is shown
# only when it fails.  Usage: ROLLOUT=/path/to/rollout sh tests/cli/run.sh
# RO_JOBS=N runs N tests at once (make valgrind: 2), reporting in order.
set -u
: "${ROLLOUT:?set ROLLOUT to the rollout program}"
here=$(cd "$(dirname "$0")" && pwd)
SRCDIR=${SRCDIR:-$(cd "$here/../.." && pwd)}
export ROLLOUT SRCDIR
logs=$(mktemp -d "${TMPDIR:-/tmp}/rollout-clitest.XXXXXX") || exit 1
trap 'rm -rf "$logs"' EXIT
for t in "$here"/t[0-9]*.sh; do
	[ -e "$t" ] && echo "$t"
done | xargs -P "${RO_JOBS:-1}" -I{} sh -c \
	'sh "$1" >"$2/$(basename "$1").log" 2>&1; echo $? >"$2/$(basename "$1").rc"' \
	sh {} "$logs"
pass=0 fail=0
for t in "$here"/t[0-9]*.sh; do
	[ -e "$t" ] || continue
	n=$(basename "$t")
	if [ "$(cat "$logs/$n.rc" 2>/dev/null)" = 0 ]; then
		pass=$((pass + 1))
		grep '^skip' "$logs/$n.log" | sed "s/^/$n: /"
	else
		fail=$((fail + 1))
		echo "FAIL: $n"
		sed 's/^/    /' "$logs/$n.log"
	fi
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
