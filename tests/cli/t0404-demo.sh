#!/bin/sh
# examples/demo.sh (make demo) end to end, with 2-second plans and its
# output in the scratch directory: every plan (base, weekday, weekend of
# both examples, weekend-stay-on of the mid-size one), in the SMS 2.0
# mode, is written and verified; compare shows the three releases of the
# mid-size site each with its per-client bound, and the report shows their
# schedules against the unplanned baseline.
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
	grep -q '<options [^>]*control="sms20"' "demo/$ex-schedule.xml" ||
		fail "demo/$ex-schedule.xml is not an SMS 2.0 schedule"
	scens="weekday weekend"
	[ $ex = midsize ] && scens="$scens weekend-stay-on"
	for scen in $scens; do
		verified "$SRCDIR/examples/$ex.xml" "demo/$ex-$scen-schedule.xml" \
			--scenario "$scen"
		has out "\$ $R verify examples/$ex.xml --scenario $scen $T/demo/$ex-$scen-schedule.xml"
	done
done
has out "\$ $R compare examples/midsize.xml --scenarios weekday,weekend,weekend-stay-on --baseline --time-limit 2 -o $T/demo/midsize-compare.xml"
has out "\$ $R report $T/demo/midsize-weekday-schedule.xml $T/demo/midsize-weekend-schedule.xml $T/demo/midsize-weekend-stay-on-schedule.xml --baseline $T/demo/midsize-simulation.xml -o $T/demo/midsize-report.html"

# The report: three schedules, the three releases (not the base site), and
# the baseline simulation of the site as it is.
r=demo/midsize-report.html
[ -s "$r" ] || fail "no $r"
[ "$(grep -c 'class="cumulative"' "$r")" -eq 3 ] ||
	fail "the report does not hold three cumulative curves"
grep -q '<title>rollout report: midsize-enterprise, 3 schedules</title>' "$r" ||
	fail "the report's title"
grep -q '<h2>midsize-enterprise: weekend-stay-on</h2>' "$r" ||
	fail "the report has no section for the weekend-stay-on schedule"
grep -q 'class="overload"' "$r" || fail "no overload table in the report"
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
grep -q '<column name="weekday" kind="plan" status="[a-z-]*" control="sms20"' demo/midsize-compare.xml ||
	fail "compare: no weekday column"
for scen in weekday weekend weekend-stay-on; do
	grep -q "<column name=\"$scen/per-client\" kind=\"plan\" status=\"[a-z-]*\" control=\"per-client\" bound=\"per-client\"" demo/midsize-compare.xml ||
		fail "compare: no per-client bound for $scen"
done
grep -q '<column name="baseline" kind="simulation"' demo/midsize-compare.xml ||
	fail "compare: no baseline column"
