#!/bin/sh
# --help, --version and the help of every command.
. "$(dirname "$0")/test-lib.sh"

run 0 --help
for c in validate info plan; do has out "  $c "; done
empty err

run 0 --version
grep -Eq '^rollout [0-9]+\.[0-9]+(\.[0-9]+)?' out || fail "version line: $(cat out)"
[ "$(wc -l <out)" -eq 1 ] || fail "--version prints one line"

for c in validate info plan; do
	run 0 "$c" --help
	has out "usage: rollout $c "
	has out "--scenario NAME"
	has out "-h, --help"
	empty err
done
run 0 plan -h
for o in "-o, --output FILE" "--objective OBJ" "(default:" "lexicographic)" \
	"--deadline DATETIME" "--time-limit SEC" "--gap FRAC" "--write-lp FILE" \
	"--write-mps FILE" "--show-time" "-q, --quiet" "--progress"; do
	has out "$o"
done

# No command at all: usage on stderr, status 2.
run 2
has err "usage: rollout COMMAND"
empty out
