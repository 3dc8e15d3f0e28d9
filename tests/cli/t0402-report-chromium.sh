#!/bin/sh
# report: the page renders in a real browser (headless Chromium) to a PNG.
# Skipped when /usr/bin/chromium is absent, except in CI (CI=true), which
# installs it (.ci/run).  The flags are those known to work on this kind of
# machine: no sandbox (root), no GPU, every network feature off (the
# network is closed), a fresh profile; and a time limit.
. "$(dirname "$0")/test-lib.sh"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] && [ "${CI:-}" = true ]; then
	fail "$CHROMIUM not installed: CI must install it (.ci/run)"
elif [ ! -x "$CHROMIUM" ]; then
	echo "skip: $CHROMIUM not installed, report not rendered"
	exit 0
fi
SMALL=$SRCDIR/examples/small.xml
run 0 plan "$SMALL" --scenario weekday -o weekday.xml -q
run 0 plan "$SMALL" --scenario weekend -o weekend.xml -q
verified "$SMALL" weekday.xml --scenario weekday
verified "$SMALL" weekend.xml --scenario weekend
run 0 report weekday.xml weekend.xml -o report.html -q

mkdir profile
# --no-sandbox: tests may run as root; every network feature off
timeout -k 10 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$T/profile" \
	--screenshot="$T/out.png" --window-size=1200,2000 \
	"file://$T/report.html" >chromium.log 2>&1 ||
	{ cat chromium.log; fail "chromium failed"; }
[ -s out.png ] || { cat chromium.log; fail "no screenshot"; }
# a PNG: the 8-byte signature, and more than a blank page's worth of bytes
[ "$(od -An -tx1 -N8 out.png | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	fail "out.png is not a PNG"
[ "$(wc -c <out.png)" -gt 20000 ] || fail "the screenshot looks empty"
exit 0
