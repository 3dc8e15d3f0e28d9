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
run 0 plan --control per-client tight.xml -o s.xml -q
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
# the claims of the file (with their lines) that no longer match: the sum
# of completions (3 + 3 + ... = 12 stated, 10 now), the peak, g-6's own
# times, and the bytes and utilisation of slots 0 and 2
has out "busy.xml:11: the schedule states a completion sum of 12, the plan gives 10"
has out "busy.xml:11: the schedule states a peak utilisation of 0.7282, the plan gives 1.0923"
has out "busy.xml:19: client 'g-6': the schedule states transfer-end 2026-11-30T08:45, the plan gives 2026-11-30T08:15 (slot 1)"
has out "busy.xml:19: client 'g-6': the schedule states end 2026-11-30T08:45, the plan gives 2026-11-30T08:15 (slot 1)"
has out "busy.xml:40: link 'lan' slot 0 (2026-11-30T08:00): the schedule states 16777216 bytes, the plan gives 25165824"
has out "busy.xml:40: link 'lan' slot 0 (2026-11-30T08:00): the schedule states a utilisation of 0.7282, the plan gives 1.0923"
has out "busy.xml:42: link 'lan' slot 2 (2026-11-30T08:30): the schedule states 16777216 bytes, the plan gives 8388608"
has out "busy.xml:42: link 'lan' slot 2 (2026-11-30T08:30): the schedule states a utilisation of 0.7282, the plan gives 0.3641"
# and the push of 08:30 still lists it
has out "busy.xml:32: client 'g-6' is pushed at 2026-11-30T08:30, but the plan starts it at 2026-11-30T08:00"
has out "10 violations"
empty err

# Stated figures are compared: a stale makespan, a hand-edited peak.
sed 's/makespan-slots="3"/makespan-slots="2"/' s.xml >stale.xml
run 1 verify tight.xml stale.xml
has out "stale.xml:11: the schedule states a makespan of 2 slots (2026-11-30T08:30), the plan gives 3 (2026-11-30T08:45)"
has out "1 violation"
sed 's/peak-utilisation="0.7282"/peak-utilisation="0.5000"/' s.xml >peak.xml
run 1 verify tight.xml peak.xml
has out "peak.xml:11: the schedule states a peak utilisation of 0.5000, the plan gives 0.7282"

# A start that is no opportunity: the CAP is ready only from 08:30.
sed 's/<cap id="cap1" link="lan"\/>/<cap id="cap1" link="lan" ready="2026-11-30T08:30"\/>/' tight.xml >late.xml
run 1 verify late.xml s.xml
has out "s.xml: client 'g-1' start slot 0 (2026-11-30T08:00) is not a start opportunity"

# Every claim a client line makes, on the plan of examples/small.xml.
# HQ-95A (win95, push, 8 MB = one 15-minute slot) starts Monday 10:00, as
# soon as the CAP is ready, its copy ends 10:15 and, on since 08:30, it
# waits for the lunch reboot window: reboot at 12:00, completion 12:15
# (any start up to 11:30 gives the same).  Moved onto the end of the copy,
# the reboot breaks the reboot delay; moved to 10:30, the first slot after
# the delay (where the old rule put it), it is not the plan's reboot time.
SMALL=$SRCDIR/examples/small.xml
run 0 plan --control per-client "$SMALL" -o small.xml -q -t 60
verified "$SMALL" small.xml
ln=$(grep -n '<client id="HQ-95A" user="dave" start="2026-11-30T10:00" transfer-end="2026-11-30T10:15" end="2026-11-30T12:15"' small.xml | cut -d: -f1)
[ -n "$ln" ] || fail "unexpected plan for HQ-95A"
rb=$((ln + 1))
sed -n "${rb}p" small.xml | grep -q '<reboot at="2026-11-30T12:00"/>' || fail "no reboot at 12:00"
sed "${rb}s/12:00/10:15/" small.xml >rb.xml
run 1 verify "$SMALL" rb.xml
has out "rb.xml:$rb: client 'HQ-95A' reboot at 2026-11-30T10:15 is 0 minutes after its transfer ends (2026-11-30T10:15), less than the reboot delay of 15 minutes"
has out "1 violation"
sed "${rb}s/12:00/10:30/" small.xml >rb2.xml
run 1 verify "$SMALL" rb2.xml
has out "rb2.xml:$rb: client 'HQ-95A': the schedule states reboot 1 at 2026-11-30T10:30, the plan gives 2026-11-30T12:00 (slot 16)"
has out "1 violation"
# HQ-NT02 (push at 10:00, one slot of 8 MB from cap1) with its end,
# transfer end, length, bytes and CAP edited (lp1 is the site's logon
# point): five claims, five violations, and the plan itself still holds.
ln=$(grep -n '<client id="HQ-NT02" user="bob" start="2026-11-30T10:00" transfer-end="2026-11-30T10:15" end="2026-11-30T10:15" start-slot="8" slots="1" trigger="push" cap="cap1" bytes="8388608"/>' small.xml | cut -d: -f1)
[ -n "$ln" ] || fail "unexpected plan for HQ-NT02"
sed "${ln}s/ end=\"2026-11-30T10:15\"/ end=\"2026-11-30T09:00\"/; ${ln}s/transfer-end=\"2026-11-30T10:15\"/transfer-end=\"2026-11-30T10:30\"/; ${ln}s/slots=\"1\"/slots=\"7\"/; ${ln}s/bytes=\"8388608\"/bytes=\"1\"/; ${ln}s/cap=\"cap1\"/cap=\"lp1\"/" small.xml >claims.xml
run 1 verify "$SMALL" claims.xml
has out "claims.xml:$ln: client 'HQ-NT02': the schedule states transfer-end 2026-11-30T10:30, the plan gives 2026-11-30T10:15 (slot 9)"
has out "claims.xml:$ln: client 'HQ-NT02': the schedule states end 2026-11-30T09:00, the plan gives 2026-11-30T10:15 (slot 9)"
has out "claims.xml:$ln: client 'HQ-NT02': the schedule states slots 7, the plan gives 1"
has out "claims.xml:$ln: client 'HQ-NT02': the schedule states bytes 1, the site gives 8388608"
has out "claims.xml:$ln: client 'HQ-NT02': the schedule states cap 'lp1', the site gives 'cap1'"
has out "5 violations"
# a CAP the site does not have is the reader's error
sed "${ln}s/cap=\"cap1\"/cap=\"cap9\"/" small.xml >cap9.xml
run 1 verify "$SMALL" cap9.xml
has err "rollout: cap9.xml:$ln: client 'HQ-NT02': unknown cap 'cap9': the site has no cap of that id"
# The summary: 9 placed and 11 unplaced, weight 12 (HQ-95A 3, HQ-98D 2,
# seven of 1), the last completion Tuesday 12:15 (slot 113, HQ-98C),
# completion sum 453 (tests/test_compare.c); all four edited.
grep -q '<summary placed="9" unplaced="11" placed-weight="12" makespan-slots="113" makespan="2026-12-01T12:15" completion-sum="453" peak-utilisation="0.7080"/>' small.xml ||
	fail "unexpected summary"
sed '/<summary/s/ makespan="2026-12-01T12:15"/ makespan="2026-11-30T09:00"/; /<summary/s/placed="9" unplaced="11"/placed="20" unplaced="0"/; /<summary/s/completion-sum="453"/completion-sum="1"/; /<summary/s/placed-weight="12"/placed-weight="13"/' small.xml >sum.xml
run 1 verify "$SMALL" sum.xml
has out "sum.xml:11: the schedule states 20 clients placed, the plan places 9"
has out "sum.xml:11: the schedule states 0 clients unplaced, the plan leaves 11"
has out "sum.xml:11: the schedule states a placed weight of 13, the plan gives 12"
has out "sum.xml:11: the schedule states the last client completes at 2026-11-30T09:00, the plan gives 2026-12-01T12:15 (slot 113)"
has out "sum.xml:11: the schedule states a completion sum of 1, the plan gives 453"
has out "5 violations"
# A link slot: wan-br1 (256 kbit/s at share 0.8, office-load background) has
# 256000 x (1 - 0.7) x 0.8 x 900 s / 8 = 6,912,000 bytes usable per slot
# at 70 % office load (Monday 08:00); its usable bytes and
# utilisation edited.
ln=$(grep -n '<slot t="0" at="2026-11-30T08:00" bytes="0" usable="6912000" utilisation="0.0000"/>' small.xml | head -n 1 | cut -d: -f1)
[ -n "$ln" ] || fail "no wan-br1 slot 0"
sed "${ln}s/usable=\"6912000\" utilisation=\"0.0000\"/usable=\"6912001\" utilisation=\"0.5000\"/" small.xml >slot.xml
run 1 verify "$SMALL" slot.xml
has out "slot.xml:$ln: link 'wan-br1' slot 0 (2026-11-30T08:00): the schedule states 6912001 usable bytes, the site gives 6912000"
has out "slot.xml:$ln: link 'wan-br1' slot 0 (2026-11-30T08:00): the schedule states a utilisation of 0.5000, the plan gives 0.0000"
has out "2 violations"

# The actions against the plan (docs/schedule-format.md, "What the actions
# mean"), on the weekday plan of examples/small.xml (logon scripts
# phased): HQ-NT02, HQ-95A, HQ-98A and HQ-98D pushed Monday 10:00 (when
# cap1 is ready; the Win9x reboots wait for the lunch window at 12:00),
# HQ-NT03 and HQ-98C on Tuesday's logon list (their logon at 08:30),
# advertisements expired at the first start (10:00).
run 0 plan --control per-client "$SMALL" --scenario weekday -o wd.xml -q -t 60
run 0 verify "$SMALL" --scenario weekday wd.xml
line_of() {   # line_of FILE PATTERN: the line of the first match
	grep -n -- "$2" "$1" | head -n 1 | cut -d: -f1
}
for c in HQ-NT02:10:00 HQ-95A:10:00 HQ-98A:10:00 HQ-98D:10:00; do
	grep -q "<client id=\"${c%%:*}\"[^>]* start=\"2026-11-30T${c#*:}\".* trigger=\"push\"" wd.xml ||
		fail "unexpected weekday plan for ${c%%:*}"
done
for c in HQ-NT03 HQ-98C; do
	grep -q "<client id=\"$c\"[^>]* start=\"2026-12-01T08:30\".* trigger=\"logon\"" wd.xml ||
		fail "unexpected weekday plan for $c"
done
# the push deleted: each pushed client is reported on its own line
sed '/<push at=/,/<\/push>/d' wd.xml >nopush.xml
run 1 verify "$SMALL" --scenario weekday nopush.xml
has out "nopush.xml:$(line_of nopush.xml 'id="HQ-NT02"[^>]* start'): client 'HQ-NT02' starts by push at 2026-11-30T10:00, but no <push> lists it"
has out "nopush.xml:$(line_of nopush.xml 'id="HQ-95A"[^>]* start'): client 'HQ-95A' starts by push at 2026-11-30T10:00, but no <push> lists it"
has out "nopush.xml:$(line_of nopush.xml 'id="HQ-98A"[^>]* start'): client 'HQ-98A' starts by push at 2026-11-30T10:00, but no <push> lists it"
has out "nopush.xml:$(line_of nopush.xml 'id="HQ-98D"[^>]* start'): client 'HQ-98D' starts by push at 2026-11-30T10:00, but no <push> lists it"
has out "4 violations"
# Tuesday's logon list moved to Monday evening
sed 's/<enable-logon-scripts at="2026-12-01T00:00" scope="listed">/<enable-logon-scripts at="2026-11-30T23:00" scope="listed">/' wd.xml >day.xml
run 1 verify "$SMALL" --scenario weekday day.xml
has out "day.xml:$(line_of day.xml '<enable-logon-scripts'): client 'HQ-NT03' starts by logon at 2026-12-01T08:30, but <enable-logon-scripts> at 2026-11-30T23:00 lists it on another day"
has out "day.xml:$(line_of day.xml '<enable-logon-scripts'): client 'HQ-98C' starts by logon at 2026-12-01T08:30, but <enable-logon-scripts> at 2026-11-30T23:00 lists it on another day"
has out "2 violations"
# the logon scripts never switched off for everyone first
sed '/<disable-logon-scripts/d' wd.xml >nodis.xml
run 1 verify "$SMALL" --scenario weekday nodis.xml
has out "nodis.xml:$(line_of nodis.xml '<enable-logon-scripts'): <enable-logon-scripts> at 2026-12-01T00:00 comes before the <disable-logon-scripts> that switches the scripts off for everyone"
has out "nodis.xml: no <disable-logon-scripts> switches the logon scripts off for everyone before the first start at 2026-11-30T10:00 (client 'HQ-NT02')"
has out "2 violations"
# advertisements never expired
sed '/<expire-advertisements/d' wd.xml >noexp.xml
run 1 verify "$SMALL" --scenario weekday noexp.xml
has out "noexp.xml: the policy expires advertisements, but no <expire-advertisements> precedes the first start at 2026-11-30T10:00 (client 'HQ-NT02')"
has out "1 violation"

# A trigger that is not the first firing in the start slot (issue 16):
# tight.xml on Monday 08:00-10:00 only, by logon or push; the logon fires
# in slot 0 as the window opens, and g-2 renamed push there (with its
# <push>) names a later trigger than the first of ccim, logon, push.
sed 's/<on days="Mon-Sun"\/>/<on days="Mon" from="08:00" to="10:00"\/>/; s/triggers="push"/triggers="logon push"/' tight.xml >lp.xml
run 0 plan --control per-client lp.xml -o lps.xml -q
grep -q '<client id="g-2" start="2026-11-30T08:00".* trigger="logon"' lps.xml ||
	fail "unexpected plan for g-2"
ln=$(line_of lps.xml '<client id="g-2"')
al=$(line_of lps.xml '<enable-logon-scripts')
sed "${ln}s/trigger=\"logon\"/trigger=\"push\"/; ${al}s|\$|\n    <push at=\"2026-11-30T08:00\"><client id=\"g-2\"/></push>|" lps.xml >first.xml
run 1 verify lp.xml first.xml
same out - <<E
first.xml:$ln: client 'g-2' start slot 0 (2026-11-30T08:00): trigger 'push' is not the first that fires there (fires: logon push); name 'logon'
1 violation
E

# A schedule planned for a scenario, verified without it or with another:
# one plain message (not dozens of violations about another horizon and
# policy), status 1, nothing on stdout.
run 0 plan --control per-client "$SMALL" --scenario weekend -o weekend.xml -q -t 60
run 1 verify "$SMALL" weekend.xml
same err - <<'E'
rollout: weekend.xml: schedule was planned for scenario 'weekend'; run verify with --scenario weekend
E
empty out
run 1 verify "$SMALL" weekend.xml --scenario weekday
same err - <<'E'
rollout: weekend.xml: schedule was planned for scenario 'weekend'; run verify with --scenario weekend
E
run 1 verify "$SMALL" small.xml --scenario weekend
same err - <<'E'
rollout: small.xml: schedule was planned for the base site; run verify without --scenario
E
run 1 simulate "$SMALL" --schedule weekend.xml
has err "rollout: weekend.xml: schedule was planned for scenario 'weekend'; run simulate with --scenario weekend"
run 0 verify "$SMALL" weekend.xml --scenario weekend

# Files and command line.
run 3 verify tight.xml nosuch.xml
has err "nosuch.xml"
run 3 verify nosuch.xml s.xml
run 2 verify tight.xml
run 2 verify tight.xml s.xml extra.xml
run 2 verify --bogus tight.xml s.xml
run 0 verify --help
has out "SITE SCHEDULE"

# A schedule of another site: the reader refuses it with one message
# (status 1, stderr), as a wrong <site name> in the header.
write_good_site good.xml
run 1 verify good.xml s.xml
same err - <<'E'
rollout: s.xml:4: schedule was planned for site 't-tight', not for site 't-good'; give the site file it was planned for, or plan again for this site
E
sed 's/<site name="t-tight"/<site name="t-tight2"/' s.xml >name.xml
run 1 verify tight.xml name.xml
same err - <<'E'
rollout: name.xml:4: schedule was planned for site 't-tight2', not for site 't-tight'; give the site file it was planned for, or plan again for this site
E
empty out

# Issue 16: stage figures that are no number (xs:double lets NaN and INF
# through the XSD), a <link> block twice, a loaded slot deleted.
sed '/<stage name="makespan"/s/ value="3"/ value="NaN"/; /<stage name="completion-sum"/s/ bound="12"/ bound="-INF"/' s.xml >nan.xml
run 1 verify tight.xml nan.xml
same err - <<'E'
rollout: nan.xml:9: stage 'makespan' value 'NaN' is not a finite number; write a number such as 12 or 0.25, or plan again
rollout: nan.xml:10: stage 'completion-sum' bound '-INF' is not a finite number; write a number such as 12 or 0.25, or plan again
E
sed 's|^  </links>|    <link id="lan"><slot t="0" at="2026-11-30T08:00" bytes="16777216" usable="23040000" utilisation="0.7282"/></link>\n  </links>|' s.xml >twolinks.xml
run 1 verify tight.xml twolinks.xml
same err - <<'E'
rollout: twolinks.xml:49: link 'lan' is listed twice (first at line 39); keep one <link> block per link
E
sed '/<slot t="1" at="2026-11-30T08:15"/d' s.xml >noslot.xml
run 1 verify tight.xml noslot.xml
has out "noslot.xml:40: link 'lan' carries 16777216 bytes in slot 1 (2026-11-30T08:15), which the schedule does not list; restore its <slot> or plan again"
has out "1 violation"
