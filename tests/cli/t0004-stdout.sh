#!/bin/sh
# A write error on stdout is an error (status 3), not a truncated report.
. "$(dirname "$0")/test-lib.sh"
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 0; }
write_good_site site.xml

"$ROLLOUT" --help >/dev/full 2>err
st=$?
[ "$st" -eq 3 ] || fail "--help to /dev/full: status $st, expected 3"
has err "rollout: cannot write standard output"

"$ROLLOUT" validate site.xml >/dev/full 2>err
st=$?
[ "$st" -eq 3 ] || fail "validate to /dev/full: status $st, expected 3"
