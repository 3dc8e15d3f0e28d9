#!/bin/sh
# A plan whose makespan is one slot: the summaries of plan, verify and
# report say "(1 slot)", not "(1 slots)"; the horizon line of one slot too.
. "$(dirname "$0")/test-lib.sh"

# One winnt client of 8 MB over 10 Mbit/s x 0.8 (9,000,000
# usable bytes per 15-minute slot): d = 1, no reboot, start in slot 0, so
# the makespan is 1 slot, 08:15.  The horizon is that single slot.
write_good_site site.xml
sed -e '/<group /d' \
    -e 's/end="2026-12-01T08:00"/end="2026-11-30T08:15"/' site.xml >one.xml
run 0 plan --control per-client one.xml -o one-s.xml
has out "one-s.xml: placed 1 of 1 clients; makespan 0 d 00:15 (1 slot), finishing 2026-11-30T08:15;"
hasnt out "(1 slots)"
run 0 plan --control per-client one.xml -o one-s.xml --progress
# (the solver's own progress lines are solver/solve.c's, not checked here)
grep -qx "rollout: planning 1 clients over 1 slot" err ||
	fail "progress: no 'planning 1 clients over 1 slot'"
verified one.xml one-s.xml
run 0 verify one.xml one-s.xml
has out "schedule is feasible: 1 placed, 0 unplaced, makespan 0 d 00:15 (1 slot), finishing 2026-11-30T08:15"
run 0 report one-s.xml -o one.html -q
grep -q '0 d 00:15 (1 slot), the last client finishing 2026-11-30T08:15' one.html ||
	fail "report: no '(1 slot)' makespan"
grep -q ', 1 slot of 15 minutes' one.html || fail "report: no '1 slot of 15 minutes'"
! grep -q '1 slots' one.html || fail "report says '1 slots'"
