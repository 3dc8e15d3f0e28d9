#!/bin/sh
# simulate: the logon storm on examples/small.xml, a schedule simulated
# against its own ends, the XML output and its schema.
. "$(dirname "$0")/test-lib.sh"
SMALL=$SRCDIR/examples/small.xml

# Without a plan: 19 of the 20 clients start at their first opportunity
# (HQ-95B has none).  Tuesday 08:30 everyone logs on: the 256 kbit/s WAN
# (6,912,000 usable bytes per slot at office load) is asked for 41.41 MB
# and stays overloaded for 11 slots (2 h 45); the branch finishes at 12:15.
run 0 simulate "$SMALL" -o sim.xml
has out "examples/small.xml: 20 clients, each starting at its first start opportunity"
has out "started 19, finished 19, unfinished at the horizon end 0, never started 1"
has out "last client completes 2026-12-01T12:15 (slot 113, 1 d 04:15 after the horizon start)"
# reboots (docs/semantics.md, "Reboots": the first reboot-window slot after
# the delay, the clients being on since 08:30): HQ-95A, HQ-98A, HQ-98D
# (pushed Mon 10:00, done 10:15) at Mon 12:00; LAPTOP7 and BR1-98-1..5
# (done Tue 10:30), HQ-98C (10:45) and BR1-98-6..8, BR1-95A (11:45) at Tue
# 12:00: all 14 in office hours (Mon-Fri 08:00-18:00, as rollout compare
# counts them), all inside the lunch reboot window.
has out "reboots in office hours (Mon-Fri 08:00-18:00): 14 of 14, 14 clients"
has out "reboots outside the reboot windows: 0 of 14"
has out "links with demand above capacity: 1 of 3"
grep -q "^  wan-br1  *41.41  *6.59  *6.28  2026-12-01T08:45   0 d 02:45  *102.00$" out ||
	fail "wan-br1 row"
empty err
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRCDIR/io/schema/simulation.xsd" sim.xml \
		2>xerr || { cat xerr; fail "sim.xml does not validate"; }
else
	echo "skip: xmllint not installed, schema check left out"
fi
grep -q '<summary starts="first-opportunity" clients="20" started="19" finished="19" unfinished="0" never="1" reboots="14" reboots-in-office-hours="14" clients-rebooting-in-office-hours="14" reboots-outside-windows="0" overloaded-links="1" finish-slot="113" finish="2026-12-01T12:15"/>' sim.xml ||
	fail "summary element"
grep -q '<link id="wan-br1" peak-demand="43419648" peak-slot="99" peak-at="2026-12-01T08:45" peak-usable="6912000" overload-slots="11" overload-minutes="165" bytes="106954752"/>' sim.xml ||
	fail "wan-br1 element"
grep -q '<client id="HQ-95B" outcome="never"/>' sim.xml || fail "HQ-95B"
grep -q '<client id="BR1-98-8" outcome="finished" start-slot="98" start="2026-12-01T08:30" transfer-end="2026-12-01T11:45" end-slot="113" end="2026-12-01T12:15" reboot-in-office-hours="true"/>' sim.xml ||
	fail "BR1-98-8: a reboot in office hours, inside the lunch window"
grep -q '<client id="HQ-95A" outcome="finished" start-slot="8" start="2026-11-30T10:00" transfer-end="2026-11-30T10:15" end-slot="17" end="2026-11-30T12:15" reboot-in-office-hours="true"/>' sim.xml ||
	fail "HQ-95A: its reboot waits for the lunch window, in office hours"

# The same figure in rollout compare's baseline column (one definition,
# model/office.h): 14 of 14 there too.
run 0 compare "$SMALL" --scenarios weekend --baseline -t 10
grep -q "^reboots in office hours  *3 of 15  *0 of 1  *14 of 14$" out ||
	fail "compare: the baseline's reboots in office hours are not simulate's"

# Deterministic: the same bytes twice; -o - puts the XML on stdout and the
# report on stderr.
cp sim.xml first.xml
run 0 simulate "$SMALL" -o sim.xml -q
empty out
cmp -s first.xml sim.xml || fail "simulation not reproducible"
run 0 simulate "$SMALL" -o -
has out '<simulation version="1"'
has err "each starting at its first start opportunity"

# With a per-client plan's starts: no overload, every client ends when it
# says.
run 0 plan "$SMALL" --control per-client -o schedule.xml -q -t 60
verified "$SMALL" schedule.xml
run 0 simulate "$SMALL" --schedule schedule.xml -o plan-sim.xml
has out "starting when the schedule says"
has out "links with demand above capacity: 0 of 3"
has out "schedule.xml: no overload; every client completes by its planned end"
has out "largest difference between simulated and planned completion: 0 slots"
grep -q 'starts="schedule"' plan-sim.xml || fail "starts attribute"
grep -q 'max-difference-slots="0"' plan-sim.xml || fail "max difference"

# An SMS 2.0 schedule: the forecast of its actions (release Monday 08:00,
# nothing else), simulated to a week after the horizon.  Its Tuesday 08:30
# catch-up storm is the baseline's but for LAPTOP7, whose CCIM run catches
# up at 07:00 at home, over its dial-up line (3 slots at the policy's
# rate, shared with nobody: the forecast's figures), and restarts in the
# 12:00 lunch window: the CAP's 6
# seats and wan-br1's 6,912,000 usable bytes give the same 41.41 MB peak,
# overloaded 10 slots (2 h 30) instead of 11.  The restarts wait for the
# reboot windows, as in the forecast, so the last client still completes
# at 12:15 and none later than forecast; all 15 restarts (LAPTOP7's too)
# are in office hours, all inside a reboot window.
run 0 plan "$SMALL" -o sms.xml -q -t 60
verified "$SMALL" sms.xml
run 0 simulate "$SMALL" --schedule sms.xml -o sms-sim.xml
has out "20 clients, starting when the forecast of the schedule's actions says, simulated to a week after the horizon"
has out "started 20, finished 20, unfinished at the simulation's end 0, never started 0"
has out "last client completes 2026-12-01T12:15 (slot 113, 1 d 04:15 after the horizon start)"
has out "reboots in office hours (Mon-Fri 08:00-18:00): 15 of 15, 15 clients"
has out "reboots outside the reboot windows: 0 of 15"
grep -q "^  wan-br1  *41.41  *6.59  *6.28  2026-12-01T08:45   0 d 02:30  *94.00$" out ||
	fail "wan-br1 row of the SMS 2.0 schedule"
has out "sms.xml: overloads 1 link; every client completes by its forecast end"
has out "largest difference between simulated and forecast completion: 0 slots"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRCDIR/io/schema/simulation.xsd" sms-sim.xml \
		2>xerr || { cat xerr; fail "sms-sim.xml does not validate"; }
fi
grep -q '<client id="LAPTOP7" outcome="finished" start-slot="92" start="2026-12-01T07:00" transfer-end="2026-12-01T07:45" end-slot="113" end="2026-12-01T12:15" planned-end-slot="113" reboot-in-office-hours="true"/>' sms-sim.xml ||
	fail "LAPTOP7: the forecast's dial-up copy"

# The tight site of t0201 without a plan: 6 transfers of 8 MB at once over
# 23,040,000 usable bytes per slot; each gets 3,840,000 per slot, so all
# end after 3 slots, overloaded in the first 2.
cat >tight.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<site version="1" name="t-tight">
  <horizon start="2026-11-30T08:00" end="2026-11-30T10:00" slot-minutes="15"/>
  <calendars>
    <calendar id="always"><on days="Mon-Sun"/></calendar>
  </calendars>
  <network>
    <link id="lan" kind="lan" capacity-kbps="256"/>
  </network>
  <servers>
    <cap id="cap1" link="lan"/>
  </servers>
  <payload base-mb="8"/>
  <clients>
    <group id="g" count="6" os="winnt" segment="lan" cap="cap1" calendar="always" triggers="push"/>
  </clients>
</site>
XML
run 0 simulate tight.xml
has out "last client completes 2026-11-30T08:45 (slot 3, 0 d 00:45 after the horizon start)"
grep -q "^  lan  *48.00  *21.97  *2.18  2026-11-30T08:00   0 d 00:30  *48.00$" out ||
	fail "lan row"

# A hand-edited plan that puts 3 transfers in slot 0: the simulation shows
# the overload and the late client.
run 0 plan tight.xml --control per-client -o s.xml -q
verified tight.xml s.xml
sed '/id="g-6"/s/start="2026-11-30T08:30"/start="2026-11-30T08:00"/; /id="g-6"/s/start-slot="2"/start-slot="0"/' s.xml >busy.xml
run 0 simulate tight.xml --schedule busy.xml
has out "busy.xml: overloads 1 link;"
has out "later than planned"

# Files and command line.
run 3 simulate nosuch.xml
run 3 simulate tight.xml --schedule nosuch.xml
run 3 simulate tight.xml -o nosuchdir/x.xml
run 2 simulate
run 2 simulate --bogus tight.xml
run 0 simulate --help
has out "--schedule FILE"
