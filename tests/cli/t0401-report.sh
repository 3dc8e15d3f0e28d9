#!/bin/sh
# report: the HTML report of one and of two schedules (what-if scenarios of
# examples/small.xml), with a baseline simulation; reproducible bytes; the
# errors and exit statuses.  The chart figures are checked by the unit
# tests (tests/test_report.c); here: the command around them.
. "$(dirname "$0")/test-lib.sh"
SMALL=$SRCDIR/examples/small.xml

run 0 plan "$SMALL" --scenario weekday -o weekday.xml -q
run 0 plan "$SMALL" --scenario weekend -o weekend.xml -q
verified "$SMALL" weekday.xml --scenario weekday
verified "$SMALL" weekend.xml --scenario weekend
run 0 simulate "$SMALL" --scenario weekday -o sim.xml -q

# One schedule.
run 0 report weekday.xml -o one.html
has out "one.html: report of 1 schedule written"
empty err
head -n 1 one.html | grep -qx '<!DOCTYPE html>' || fail "no doctype"
grep -q '<title>rollout report: small-office, weekday</title>' one.html ||
	fail "title"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout one.html 2>xerr || { cat xerr; fail "not XHTML"; }
fi
# self-contained: no script, no external reference of any kind
! grep -Eq '<script|<link|src=|url\(|href="[a-z]+:' one.html ||
	fail "the report refers to something outside itself"
grep -q 'class="heatmap"' one.html || fail "no heatmap"
grep -q 'class="cumulative-chart"' one.html || fail "no cumulative chart"
[ "$(grep -c 'class="load-chart"' one.html)" -eq 3 ] ||
	fail "expected one load chart per link (3)"

# The same inputs give the same bytes.
run 0 report weekday.xml -o again.html -q
empty out
cmp -s one.html again.html || fail "report not reproducible"

# Two scenarios on one chart, and the baseline.
run 0 report weekday.xml weekend.xml --baseline sim.xml -o two.html
has out "two.html: report of 2 schedules written"
[ "$(grep -c 'class="cumulative"' two.html)" -eq 2 ] ||
	fail "expected two cumulative curves"
grep -q 'class="compare"' two.html || fail "no comparison table"
grep -q 'class="baseline-chart"' two.html || fail "no baseline chart"
grep -q '<g data-link="wan-br1">' two.html || fail "wan-br1 not in the baseline"

# To standard output.
run 0 report weekday.xml -o -
head -n 1 out | grep -qx '<!DOCTYPE html>' || fail "no report on stdout"
cmp -s out one.html || fail "stdout differs from the file"

# Command-line errors: status 2.
run 2 report weekday.xml
has err "rollout: report: missing -o FILE"
run 2 report -o x.html
[ ! -e x.html ] || fail "a report was written without a schedule"

# A missing schedule: status 3, named; nothing written.
run 3 report nosuch.xml -o bad.html
has err "nosuch.xml"
[ ! -e bad.html ] || fail "a report was written for a missing file"

# A site is not a schedule: status 1, with the file and line.
run 1 report "$SMALL" -o bad.html
grep -q "^rollout: .*small.xml:[0-9]*: " err || fail "no file:line error"
[ ! -e bad.html ] || fail "a report was written for a bad input"

# A schedule as the baseline: status 1.
run 1 report weekday.xml --baseline weekend.xml -o bad.html
[ ! -e bad.html ] || fail "a report was written for a bad baseline"

# An unwritable place: status 3, an existing report untouched.
run 3 report weekday.xml -o nosuchdir/r.html
has err "nosuchdir/r.html"
if [ "$(id -u)" -ne 0 ]; then
	mkdir ro && echo old >ro/r.html && chmod a-w ro
	run 3 report weekday.xml -o ro/r.html
	[ "$(cat ro/r.html)" = old ] || fail "existing report changed"
	chmod u+w ro
fi
exit 0
