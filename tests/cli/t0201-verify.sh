#!/bin/sh
# verify: a schedule written by plan passes; hand-broken copies fail with
# the exact violation; bad command lines and files get their statuses.
. "$(dirname "$0")/test-lib.sh"

# 6 clients of 8 MB over 256 kbit/s at share 0.8: U = 256000 * 0.8 * 900 / 8
# = 23,040,000 bytes per 15-minute slot, so two transfers (16,777,216
# bytes) fit in a slot and three (25,165,824) do not.  The plan puts g-1,
# g-2 in slot 0, g-3, g-4 in slot 1, g-5, g-6 in slot 2: makespan 3.
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
run 0 plan tight.xml -o s.xml -q
run 0 verify tight.xml s.xml
has out "schedule is feasible: 6 placed, 0 unplaced, makespan 0 d 00:45 (3 slots), finishing 2026-11-30T08:45, peak utilisation 0.7282"
empty err
run 0 verify -q tight.xml s.xml
empty out

# g-6 moved onto the busy slot 0: three transfers there, and the figures
# the file states (loads of slots 0 and 2, the peak) no longer match.
grep -q 'id="g-6" start="2026-11-30T08:30"' s.xml || fail "unexpected plan"
sed '/id="g-6"/s/start="2026-11-30T08:30"/start="2026-11-30T08:00"/; /id="g-6"/s/start-slot="2"/start-slot="0"/' s.xml >busy.xml
run 1 verify tight.xml busy.xml
has out "busy.xml: link 'lan' slot 0 (2026-11-30T08:00): 25165824 bytes planned, 23040000 usable"
has out "busy.xml: link 'lan' slot 0 (2026-11-30T08:00): the schedule states 16777216 bytes, the plan gives 25165824"
has out "busy.xml: link 'lan' slot 2 (2026-11-30T08:30): the schedule states 16777216 bytes, the plan gives 8388608"
has out "busy.xml: the schedule states a peak utilisation of 0.7282, the plan gives 1.0923"
has out "4 violations"
empty err

# Stated figures are compared: a stale makespan, a hand-edited peak.
sed 's/makespan-slots="3"/makespan-slots="2"/' s.xml >stale.xml
run 1 verify tight.xml stale.xml
has out "stale.xml: the schedule states a makespan of 2 slots (2026-11-30T08:30), the plan gives 3 (2026-11-30T08:45)"
has out "1 violation"
sed 's/peak-utilisation="0.7282"/peak-utilisation="0.5000"/' s.xml >peak.xml
run 1 verify tight.xml peak.xml
has out "peak.xml: the schedule states a peak utilisation of 0.5000, the plan gives 0.7282"

# A start that is no opportunity: the CAP is ready only from 08:30.
sed 's/<cap id="cap1" link="lan"\/>/<cap id="cap1" link="lan" ready="2026-11-30T08:30"\/>/' tight.xml >late.xml
run 1 verify late.xml s.xml
has out "s.xml: client 'g-1' start slot 0 (2026-11-30T08:00) is not a start opportunity"

# Files and command line.
run 3 verify tight.xml nosuch.xml
has err "nosuch.xml"
run 3 verify nosuch.xml s.xml
run 2 verify tight.xml
run 2 verify tight.xml s.xml extra.xml
run 2 verify --bogus tight.xml s.xml
run 0 verify --help
has out "SITE SCHEDULE"

# A schedule of another site: the reader refuses it (status 1, stderr).
write_good_site good.xml
run 1 verify good.xml s.xml
has err "rollout: s.xml:"
