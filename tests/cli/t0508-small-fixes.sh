#!/bin/sh
# Issue 16, the rest: a schedule whose slots do not divide the horizon
# reads back in report; a start tag with too many attributes is refused
# before libxml2 parses it; a group of one is named by its id; verify says
# when a start is before the CAP is ready; a SIGTERM after the solve is
# status 8; control characters in a site name reach the terminal escaped.
. "$(dirname "$0")/test-lib.sh"
write_good_site s.xml

# slot-minutes that do not divide the horizon: a 7-minute slot over a day,
# a 50-minute slot over a week
sed 's/slot-minutes="15"/slot-minutes="7"/' s.xml >s7.xml
sed 's/slot-minutes="15"/slot-minutes="50"/; s/end="2026-12-01T08:00"/end="2026-12-07T08:00"/' \
	s.xml >s50.xml
for f in s7 s50; do
	run 0 plan --control per-client -q $f.xml -o $f.sched.xml -t 5
	verified $f.xml $f.sched.xml
	run 0 report $f.sched.xml -o $f.html
	grep -q '</html>' $f.html || fail "report of $f: no page"
done
# ... while a horizon a whole slot longer than its slots is still refused
sed 's/ slots="\([0-9]*\)"/ slots="1"/' s50.sched.xml >short.xml
run 1 report short.xml -o short.html
has err "the horizon does not hold 1 slots of 50 minutes"

# 60,000 attributes on one <client> (650 KB): refused at once, at its line
awk 'BEGIN { printf "<site version=\"1\" name=\"a\">\n<clients>\n<client id=\"A\"";
	for (i = 0; i < 60000; i++) printf " x%d=\"1\"", i; print "/>\n</clients></site>" }' >attrs.xml
start=$(date +%s)
run 1 validate attrs.xml
[ $(( $(date +%s) - start )) -le 1 ] || fail "60,000 attributes took more than 1 s"
has err "rollout: attrs.xml:3: an element with more than 64 attributes; no element of the format has that many, remove the extra ones"
run 1 plan --control per-client -q attrs.xml -o out.xml
[ ! -e out.xml ] || fail "a schedule was written"

# a group of count 1 is one client named by its id (docs/site-format.md)
sed 's/count="3"/count="1"/' s.xml >g1.xml
run 0 plan --control per-client -q g1.xml -o g1.sched.xml
grep -q '<client id="g" ' g1.sched.xml || fail "the group of one is not named g"
! grep -q 'id="g-1"' g1.sched.xml || fail "the group of one is named g-1"

# a start before the CAP is ready: verify says so
sed 's|<cap id="cap1" link="lan"/>|<cap id="cap1" link="lan" ready="2026-11-30T10:00"/>|' \
	s.xml >ready.xml
run 0 plan --control per-client -q ready.xml -o ready.sched.xml
sed '/<client id="A" /s/start="[^"]*"/start="2026-11-30T08:00"/; /<client id="A" /s/start-slot="[0-9]*"/start-slot="0"/' \
	ready.sched.xml >early.xml
run 1 verify ready.xml early.xml
has out "client 'A' start slot 0 (2026-11-30T08:00) is not a start opportunity: its CAP 'cap1' is ready only from slot 8"

# control characters in a site name (&#13;&#10;) are escaped on a terminal
sed 's/name="t-good"/name="evil\&#13;\&#10;rollout: forged\&#9;x"/' s.xml >ctl.xml
run 0 info ctl.xml
has out 'site evil\r\nrollout: forged\tx'
! grep -q '^rollout: forged' out || fail "a line break in the site name reached the terminal"
run 0 compare -q ctl.xml -o /dev/null -t 5

# SIGTERM after the solve, while the schedule is written: written, status 8
if ${CC:-cc} -shared -fPIC -o fsync-delay.so "$SRCDIR/tests/cli/fsync-delay.c" \
	-ldl 2>shim.err; then
	RO_FSYNC_DELAY=2 LD_PRELOAD=$T/fsync-delay.so \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$ROLLOUT" plan --control per-client -q s.xml -o late.xml >"$T/out" 2>"$T/err" &
	pid=$!
	wait_for_temp late.xml $pid
	kill -s TERM $pid
	wait $pid
	got=$?
	[ $got -eq 8 ] || fail "SIGTERM after the solve: status $got, expected 8"
	verified s.xml late.xml
else
	echo "skip: SIGTERM after the solve (cannot build the fsync shim)"
fi
