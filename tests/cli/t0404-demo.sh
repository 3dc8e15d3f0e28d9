#!/bin/sh
# examples/demo.sh (make demo) end to end, with 2-second plans and its
# output in the scratch directory: every plan (base, weekday, weekend of
# both examples) is written and verified, and the report compares the
# mid-size site's weekday and weekend schedules against the unplanned
# baseline.
. "$(dirname "$0")/test-lib.sh"
MID=$SRCDIR/examples/midsize.xml
[ -e "$MID" ] || { echo "skip: examples/midsize.xml not in this tree"; exit 0; }

DEMO_OUT=$T/demo DEMO_TIME_LIMIT=2 sh "$SRCDIR/examples/demo.sh" "$ROLLOUT" \
	>"$T/out" 2>"$T/err" || fail "demo.sh failed with status $?"
# demo.sh shows the program as "rollout" when that is its name (not under
# make valgrind, where it is rollout-vg)
R=rollout
[ "$(basename "$ROLLOUT")" = rollout ] || R=$ROLLOUT
for ex in small midsize; do
	verified "$SRCDIR/examples/$ex.xml" "demo/$ex-schedule.xml"
	for scen in weekday weekend; do
		verified "$SRCDIR/examples/$ex.xml" "demo/$ex-$scen-schedule.xml" \
			--scenario "$scen"
		has out "\$ $R verify examples/$ex.xml --scenario $scen $T/demo/$ex-$scen-schedule.xml"
	done
done
has out "\$ $R report $T/demo/midsize-weekday-schedule.xml $T/demo/midsize-weekend-schedule.xml --baseline $T/demo/midsize-simulation.xml -o $T/demo/midsize-report.html"

# The report: two schedules, the weekday and the weekend scenarios (not
# the base site), and the baseline simulation of the site as it is.
r=demo/midsize-report.html
[ -s "$r" ] || fail "no $r"
[ "$(grep -c 'class="cumulative"' "$r")" -eq 2 ] ||
	fail "the report does not hold two cumulative curves"
grep -q '<title>rollout report: midsize-enterprise, 2 schedules</title>' "$r" ||
	fail "the report's title"
grep -q '<h2>midsize-enterprise: weekday</h2>' "$r" ||
	fail "the report has no section for the weekday schedule"
grep -q '<h2>midsize-enterprise: weekend</h2>' "$r" ||
	fail "the report has no section for the weekend schedule"
! grep -q 'base site' "$r" || fail "the report shows the base site's schedule"
grep -q '<h2>Without a plan</h2>' "$r" || fail "no baseline section"
grep -q 'class="baseline-chart"' "$r" || fail "no baseline chart"
grep -q '<simulation version="1"' demo/midsize-simulation.xml ||
	fail "no baseline simulation"
! grep -q '<site name="midsize-enterprise" scenario=' demo/midsize-simulation.xml ||
	fail "the baseline is not the site as it is"
grep -q '<column name="weekday" kind="plan"' demo/midsize-compare.xml ||
	fail "compare: no weekday column"
grep -q '<column name="baseline" kind="simulation"' demo/midsize-compare.xml ||
	fail "compare: no baseline column"
