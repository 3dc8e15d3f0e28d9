#!/bin/sh
# The SMS 2.0 mode end to end (docs/semantics.md, "The SMS 2.0 mode";
# docs/schedule-format.md, "The SMS 2.0 schedule"): plan a site worked out
# by hand, read its schedule back, and have verify refuse each kind of
# wrong schedule.
#
# The site: a 64 kbit/s WAN (share 1, no background) behind the head-office
# LAN that holds the CAP.  U = 64,000 x 900 / 8 = 7,200,000 bytes a
# 15-minute slot; every client copies 7,200,000 bytes (6.866455078125 MB),
# one slot.  X and Y, NT, always on, tick at 12:00 (slot 16 from 08:00).
# Released at 10:00, the CAPs are ready at 11:00 (slot 12).  Left alone,
# both copy in slot 16: 7,200,000 bytes of overload.  The planner triggers
# both early, in slots 12 and 13 (together they would overload slot 12):
# overload 0, makespan 14 (they end at 13 and 14: 11:15 and 11:30), two
# actions, completion sum 13 + 14 = 27.
. "$(dirname "$0")/test-lib.sh"

cat >site.xml <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<site version="1" name="two-on-a-wan">
  <horizon start="2026-11-30T08:00" end="2026-12-01T08:00" slot-minutes="15"/>
  <policy control="sms20" advertisements="expire">
    <release at="2026-11-30T10:00"/>
  </policy>
  <calendars><calendar id="always"><on days="Mon-Sun"/></calendar></calendars>
  <network>
    <link id="hq" kind="lan" capacity-kbps="10000" share="1"/>
    <link id="wan" kind="wan" capacity-kbps="64" parent="hq" share="1"/>
  </network>
  <servers><cap id="cap1" link="hq"/></servers>
  <payload base-mb="6.866455078125"/>
  <clients>
    <client id="X" user="xavier" os="winnt" segment="wan" cap="cap1"
            calendar="always" triggers="ccim push" phase="2026-11-30T12:00"/>
    <client id="Y" user="yvonne" os="winnt" segment="wan" cap="cap1"
            calendar="always" triggers="ccim push" phase="2026-11-30T12:00"/>
  </clients>
</site>
XML

run 0 plan site.xml -o s.xml -t 30
has out "s.xml: release 2026-11-30T10:00; 2 of 2 clients upgraded in the forecast; 2 early triggers; overload 0.0 MB"
has out "makespan 0 d 03:30 (14 slots), finishing 2026-11-30T11:30; status optimal"
has out "overload 0 (bound 0, gap 0.00 %), makespan 14 (bound 14, gap 0.00 %), actions 2 (bound 2, gap 0.00 %), completion-sum 27 (bound 27, gap 0.00 %)."
grep -q '<summary clients="2" placed="2" unplaced="0" after-horizon="0" overload-bytes="0" ras-bytes="0" makespan-slots="14" makespan="2026-11-30T11:30" completion-sum="27" triggers="2" peak-utilisation="1.0000"/>' s.xml ||
	fail "unexpected summary: $(grep '<summary' s.xml)"
grep -q '<apply-service-pack at="2026-11-30T10:00" ready="2026-11-30T11:00"/>' s.xml ||
	fail "no release action"
grep -q '<trigger at="2026-11-30T11:00">' s.xml || fail "no trigger at 11:00"
grep -q '<trigger at="2026-11-30T11:15">' s.xml || fail "no trigger at 11:15"
grep -q 'user="xavier" how="restart-service"' s.xml || fail "no user name in the trigger"
grep -q 'cause="trigger"' s.xml || fail "no trigger cause"
xmllint --noout --schema "$SRCDIR/io/schema/schedule.xsd" s.xml 2>/dev/null ||
	fail "s.xml does not follow schedule.xsd"
verified site.xml s.xml
run 0 plan site.xml -o again.xml -t 30 -q
cmp -s s.xml again.xml || fail "two plans of one site differ"

# The same clients without push: nothing can be triggered; the forecast
# keeps the overload, and says so.
sed 's/triggers="ccim push"/triggers="ccim"/' site.xml >nopush.xml
run 0 plan nopush.xml -o np.xml -t 30
has out "0 early triggers; overload 6.9 MB"
has out "overload 7200000 (bound 7200000, gap 0.00 %), makespan 17"
grep -q '<slot t="16" at="2026-11-30T12:00" bytes="14400000" usable="7200000" utilisation="2.0000" overload="7200000"/>' np.xml ||
	fail "no overloaded slot 16 in np.xml"
verified nopush.xml np.xml

# --control per-client on the same site: the optimistic bound.
run 0 plan site.xml --control per-client -o pc.xml -t 30 -q
verified site.xml pc.xml

# Wrong schedules, each refused with its reason and line.
tamper() {   # tamper NAME SED-SCRIPT: s.xml edited into NAME
	sed "$2" s.xml >"$1"
	cmp -s s.xml "$1" && fail "tamper $1 changed nothing"
	run 1 verify site.xml "$1"
}
# a client held back: its trigger removed, its listed start kept
xl=$(grep -n '<client id="X"' s.xml | head -1 | cut -d: -f1)
xs=$(sed -n "${xl}p" s.xml | sed 's/.*start="\([^"]*\)".*/\1/')
ya=$(grep -n 'user="xavier" how=' s.xml | cut -d: -f1)
tamper held.xml "${ya}d"
has out "held.xml:$xl: client 'X' is listed to start at $xs, but the actions make it start at 2026-11-30T12:00 (tick): a released client cannot be held back"
# a trigger before the CAPs are ready
tamper early.xml 's/<trigger at="2026-11-30T11:00">/<trigger at="2026-11-30T10:30">/'
has out "the early trigger at 2026-11-30T10:30 cannot be pulled: the CAPs do not have the files yet"
# a trigger no earlier than the natural start
tamper late.xml 's/<trigger at="2026-11-30T11:15">/<trigger at="2026-11-30T12:00">/'
has out "the early trigger at 2026-11-30T12:00 cannot be pulled: it is not earlier than the client's own upgrade"
# the stated overload, the makespan and a link slot
tamper over.xml 's/overload-bytes="0"/overload-bytes="5"/'
has out "over.xml:12: summary overload-bytes is 5, but the actions give 0"
tamper span.xml 's/makespan-slots="14"/makespan-slots="13"/'
has out "span.xml:12: summary makespan-slots is 13, but the actions give 14"
tamper link.xml 's/bytes="7200000" usable="7200000"/bytes="7000000" usable="7200000"/'
has out "the file states 7000000 bytes (usable 7200000), the forecast 7200000 (usable 7200000)"
# the release's ready time, and a second release
tamper ready.xml 's/ready="2026-11-30T11:00"/ready="2026-11-30T10:00"/'
has out "the CAPs are ready 60 minutes after the service pack is applied, at 2026-11-30T11:00, not 2026-11-30T10:00"
tamper twice.xml 's|\(<apply-service-pack[^>]*>\)|\1\1|'
has err "twice.xml:21: a second <apply-service-pack> (the first at line 21): a site is released once"
# no release at all: every listed start is wrong
tamper norel.xml '/<apply-service-pack/d'
has out "client 'X': the early trigger at 2026-11-30T11:00 cannot be pulled: the site is not released"
has out "summary placed is 2, but the actions give 0"
# a loaded link slot deleted (issue 16): reported at the listed slot of
# its link before it (or after it, or at the summary)
sl=$(grep -n '<slot t=' s.xml | grep -v ' bytes="0"' | head -n 1 | cut -d: -f1)
[ -n "$sl" ] || fail "no loaded slot in s.xml"
st=$(sed -n "${sl}p" s.xml | sed 's/.*<slot t="\([0-9]*\)" at="\([^"]*\)" bytes="\([0-9]*\)".*/\1 \2 \3/')
lk=$(head -n "$sl" s.xml | grep '<link id=' | tail -n 1 | sed 's/.*<link id="\([^"]*\)".*/\1/')
if sed -n "$((sl - 1))p" s.xml | grep -q '<slot '; then near=$((sl - 1))
elif sed -n "$((sl + 1))p" s.xml | grep -q '<slot '; then near=$sl
else near=12; fi
tamper noslot.xml "${sl}d"
set -- $st
has out "noslot.xml:$near: link '$lk' carries $3 bytes in slot $1 ($2), which the schedule does not list; restore its <slot> or plan again"
# a stage figure that is no number, a link block twice, another site
tamper nan.xml '0,/<stage /s/<stage name="\([^"]*\)"\(.*\) value="[^"]*"/<stage name="\1"\2 value="INF"/'
sg=$(grep -n '<stage ' nan.xml | head -n 1 | cut -d: -f1)
sn=$(sed -n "${sg}p" nan.xml | sed 's/.*<stage name="\([^"]*\)".*/\1/')
has err "rollout: nan.xml:$sg: stage '$sn' value 'INF' is not a finite number; write a number such as 12 or 0.25, or plan again"
ll=$(grep -n '<link id=' s.xml | head -n 1 | cut -d: -f1)
tamper duplink.xml "${ll}s|^\(.*\)\(<link id=\"[^\"]*\">\).*|\1\2</link>\n&|"
lk=$(sed -n "${ll}p" s.xml | sed 's/.*<link id="\([^"]*\)".*/\1/')
has err "rollout: duplink.xml:$((ll + 1)): link '$lk' is listed twice (first at line $ll); keep one <link> block per link"
tamper site.xml.other 's/<site name="[^"]*"/<site name="other"/'
has err "rollout: site.xml.other:4: schedule was planned for site 'other', not for site '$(grep -o '<site version="1" name="[^"]*"' site.xml | sed 's/.*name="//; s/"$//')'; give the site file it was planned for, or plan again for this site"
echo ok
