#!/bin/sh
# Plans of the site of t0006-plan.sh (base and scenario) and of every
# scenario of examples/small.xml, verified again with the figures checked.
# (Every other schedule a command-line test writes goes through verify too,
# with the verified helper of test-lib.sh.)
. "$(dirname "$0")/test-lib.sh"

write_good_site site.xml
run 0 plan --control per-client site.xml -o schedule.xml -q
run 0 verify site.xml schedule.xml
has out "schedule is feasible: 4 placed, 0 unplaced, makespan 0 d 00:45 (3 slots), finishing 2026-11-30T08:45"
run 0 plan --control per-client site.xml --scenario short -o short.xml -q
run 0 verify --scenario short site.xml short.xml
has out "schedule is feasible: 4 placed"

for scen in "" weekday weekend; do
	opt=${scen:+--scenario=$scen}
	run 0 plan --control per-client "$SRCDIR/examples/small.xml" $opt -o small.xml -q -t 60
	run 0 verify "$SRCDIR/examples/small.xml" $opt small.xml
	has out "schedule is feasible: "
	empty err
done
