#!/bin/sh
# plan on the small test site: a plan worked out by hand, files written.
. "$(dirname "$0")/test-lib.sh"
write_good_site site.xml

# 4 clients, 8 MB each over 10 Mbit/s x 0.8: one 15-minute slot each, all
# in slot 0 (push, always on, no limits).  The three win95 clients reboot
# one slot after the transfer (15 min delay) and finish at the end of slot
# 2: makespan 3 slots = 45 min, 08:45.
run 0 plan --control per-client site.xml -o schedule.xml
[ -s schedule.xml ] || fail "no schedule written"
has out "schedule.xml: placed 4 of 4 clients;"
has out "makespan 0 d 00:45 (3 slots), finishing 2026-11-30T08:45;"
has out "status optimal"
hasnt out "solved in"
verified site.xml schedule.xml

# The same plan twice gives the same bytes.
cp schedule.xml first.xml
run 0 plan --control per-client site.xml -o schedule.xml --quiet
empty out
cmp -s first.xml schedule.xml || fail "schedule not reproducible"
verified site.xml schedule.xml

# To standard output: the schedule on stdout, the summary on stderr.
run 0 plan --control per-client site.xml -o -
has out "<?xml"
has err "standard output: placed 4 of 4 clients"
cp "$T/out" stdout.xml
verified site.xml stdout.xml

# --write-lp and --write-mps write the model too.
run 0 plan --control per-client site.xml -o s2.xml --write-lp model.lp --write-mps model.mps -q
[ -s model.lp ] || fail "no LP file"
[ -s model.mps ] || fail "no MPS file"
verified site.xml s2.xml

# --show-time reports the solve time.
run 0 plan --control per-client site.xml -o s3.xml --show-time
has out "solved in "
verified site.xml s3.xml

# An unwritable output: status 3, the old file untouched.
mkdir ro && echo old >ro/schedule.xml && chmod a-w ro
if [ "$(id -u)" -ne 0 ]; then
	run 3 plan --control per-client site.xml -o ro/schedule.xml
	has err "rollout: "
	[ "$(cat ro/schedule.xml)" = old ] || fail "existing schedule changed"
fi
run 3 plan --control per-client site.xml -o nosuchdir/schedule.xml
has err "nosuchdir/schedule.xml"
chmod u+w ro

# An invalid site: the reader's errors, status 1, nothing written.
sed '/<client/s/segment="lan"/segment="nowhere"/' site.xml >bad.xml
run 1 plan --control per-client bad.xml -o bad-schedule.xml
grep -q "^rollout: bad.xml:15: .*[\"']nowhere[\"']" err || fail "no error for line 15"
[ ! -e bad-schedule.xml ] || fail "a schedule was written for a bad site"

# A deadline before every start of some independent part (here of all of
# examples/small.xml's): nothing of it is placed, the reason is capacity
# (the deadline), and the plan is still written and verified; and the
# export of an empty program works too.
run 0 plan --control per-client "$SRCDIR/examples/small.xml" -o dl.xml --deadline 2026-11-30T09:00 \
	--write-lp dl.lp
has out "placed 0 of 20 clients"
has out "status optimal"
verified "$SRCDIR/examples/small.xml" dl.xml
[ -s dl.lp ] || fail "no model written for an empty program"
# By Tuesday 08:00 (slot 96): the 7 Monday clients (HQ-NT01 ends at 73, the
# last); HQ-NT03 (ends at 99) and HQ-98C (Tuesday's logon, reboot at 12:00)
# miss the deadline, and the 10 branch Win9x fit no link in office hours
# (docs/semantics.md, test_compare.c): 12 capacity.
run 0 plan --control per-client "$SRCDIR/examples/small.xml" -o dl2.xml --deadline 2026-12-01T08:00
has out "dl2.xml: placed 7 of 20 clients (unplaced: 1 no-opportunity, 12 capacity)"
has out "makespan 0 d 18:15 (73 slots), finishing 2026-12-01T02:15;"
verified "$SRCDIR/examples/small.xml" dl2.xml
