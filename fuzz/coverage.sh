#!/bin/sh
# coverage.sh - line and branch coverage of the parsers (docs/reliability.md)
#
#     sh fuzz/coverage.sh [BUILD_DIR]     (default build-cov)
#
# Builds the library with gcc --coverage, runs the unit tests and the
# command-line tests, prints the coverage of the readers, then replays the
# fuzz corpora ($B-fuzz/corpus/ of `make fuzz`, if present, and the seeds)
# through fuzz/replay.c and prints it again.  Needs gcovr (apt-get install
# gcovr).
set -eu
cd "$(dirname "$0")/.."
B=${1:-build-cov}
FUZZB=${FUZZB:-build-fuzz}
PARSERS='io/(site_read|site_attr|site_client|site_inventory|site_check|site_value|csv|schedule_read|schedule_head|schema_msg|xmlsafe)\.c'
report() {
	gcovr -r . --object-directory "$B" --gcov-ignore-parse-errors --filter "$PARSERS" 2>/dev/null
	gcovr -r . --object-directory "$B" --gcov-ignore-parse-errors --filter "$PARSERS" -b \
		--exclude-unreachable-branches 2>/dev/null
}
rm -rf "$B"
make -s B="$B" CFLAGS='-O0 -g --coverage' all "$B/tests/run" >/dev/null
(cd tests && "../$B/tests/run" >/dev/null 2>&1) || true
ROLLOUT="$PWD/$B/rollout" SRCDIR="$PWD" sh tests/cli/run.sh >/dev/null 2>&1 || true
echo "== unit and command-line tests"
report
for h in site csv schedule; do
	cc -std=c11 -D_POSIX_C_SOURCE=200809L -O0 -g --coverage \
		$(pkg-config --cflags libxml-2.0) -DRO_SRCDIR="\"$PWD\"" \
		-o "$B/replay-$h" fuzz/replay.c "fuzz/fuzz_$h.c" "$B/librollout.a" \
		$(pkg-config --libs libxml-2.0) -lglpk -lm
	dirs=""
	for d in "$FUZZB/corpus/$h" "$FUZZB/seed/$h"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	[ -n "$dirs" ] && "$B/replay-$h" $dirs
done
echo "== unit and command-line tests, and the fuzz corpora"
report
