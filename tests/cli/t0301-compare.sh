#!/bin/sh
# compare on examples/small.xml: two scenarios in the site's SMS 2.0 mode,
# each with its per-client bound, with figures worked out by hand (the
# derivation is in tests/test_compare.c; every plan is proven optimal, and
# every figure below follows from the semantics, not from a choice among
# equal plans), the baseline column, XML against compare.xsd.
. "$(dirname "$0")/test-lib.sh"
cp "$SRCDIR/examples/small.xml" "$SRCDIR/examples/small-extra.csv" .

# row LABEL VALUES: the table row LABEL reads VALUES (blanks squeezed).
row() {
	got=$(grep "^$1  " "$T/out" | tr -s ' ')
	[ "$got" = "$1 $2" ] || fail "row '$1': got '$got', expected '$1 $2'"
}

run 0 compare small.xml --scenarios base,weekend -o compare.xml -t 10
has out "small-office (small.xml)"
# The site is an SMS 2.0 site: each scenario in that mode, then planned per
# client (the optimistic bound).
grep -q '^ *base  *base/per-client  *weekend  *weekend/per-client$' "$T/out" ||
	fail "columns base base/per-client weekend weekend/per-client"
row "control" "sms20 per-client sms20 per-client"
# base: no release candidates, so the release is the horizon start;
# weekend: its policy's one, Friday 18:00
row "release" "2026-11-30T08:00 - 2026-12-04T18:00 -"
row "told to stay on" "0 groups - 0 groups -"
row "early triggers" "0 - 0 -"
row "clients" "20 20 20 20"
# SMS 2.0: a released client upgrades whatever the links, so the forecast
# upgrades all 20; the weekend's 3 HQ Win9x on the overnight calendar
# only on Monday morning, after the horizon.  Per client (as before):
# base: HQ-95B logs on only before the CAP is ready (no-opportunity); the
# workday logon clients' one logon (Tue 08:30) reboots at the lunch window
# (12:00, the restart rule), HQ-98C placed so, but the 10 in the branch
# cannot copy over the WAN in office hours (8,388,608 bytes a slot above
# 6,912,000 usable: capacity).  weekend: logon scripts disabled, so the
# 14 logon-only or weekday-only clients cannot start.
row "placed" "20 9 20 6"
row "after the horizon" "0 - 3 -"
row "unplaced: no-opportunity" "0 1 0 14"
row "unplaced: capacity" "0 10 0 0"
hasnt out "window-too-short"
# The branch's nine Win9x (BR1-98-1..8, BR1-95A) catch up their CCIM run
# at the same logon: 9 x 8,388,608 = 75,497,472 bytes in one slot, Tue
# 08:30 against 6,912,000 usable (office hours) and Sat 07:30 against
# 21,888,000 (weekend profile): 1092.27 % and 344.93 %, overload
# 68,585,472 (65.4 MB) and 53,609,472 (51.1 MB).  LAPTOP7 copies its 8 MB
# over its dial-up line in the base case.
row "overload MB" "65.4 - 51.1 -"
row "over dial-up MB" "8.0 - 0.0 -"
# base, per client: HQ-98C's Tuesday 08:30 logon (slot 98) and its reboot
# at 12:00 (slot 112), e = 113;
# weekend: BR1-NT01's maintenance cycle first fires Saturday 15:00.
row "makespan" "1 d 04:15 1 d 04:15 2 d 18:15 0 d 21:15"
row "finishing" "2026-12-01T12:15 2026-12-01T12:15 2026-12-07T12:15 2026-12-05T15:15"
# the forecast's starts with the WAN shared fairly end no later: the
# copies stretch, but the restarts already waited for a reboot window
row "finishing, fair sharing" "2026-12-01T12:15 - 2026-12-07T12:15 -"
# BR1-NT02's 14 MB in one slot against 20,736,000 (night) and 21,888,000
# (weekend profile) usable bytes
row "peak wan-br1" "1092.27 % 70.80 % 344.93 % 67.07 %"
row "WAN MB Mon 2026-11-30" "22.0 22.0 - -"
row "WAN MB Tue 2026-12-01" "72.0 0.0 - -"
row "WAN MB Fri 2026-12-04" "0.0 0.0 0.0 14.0"
row "WAN MB Sat 2026-12-05" "0.0 0.0 102.0 8.0"
# per client: three Win9x reboots at Monday 12:00 (lunch window, office
# hours) against one on Friday 18:30
row "reboots in office hours" "15 of 15 4 of 4 3 of 15 0 of 1"
row "RAS clients deferred" "- 1 of 1 - 1 of 1"
row "RAS clients over dial-up" "1 of 1 - 0 of 1 -"
row "status" "optimal optimal optimal optimal"
row "gap" "0.00 % 0.00 % 0.00 % 0.00 %"
has out "Reboots in office hours: reboot slots that touch Mon-Fri 08:00-18:00"
empty err

[ -s compare.xml ] || fail "no compare.xml"
grep -q '<column name="weekend" kind="plan" status="optimal" control="sms20" gap="0">' compare.xml ||
	fail "no weekend column in compare.xml"
grep -q '<makespan slots="113" minutes="1695" end="2026-12-01T12:15"/>' compare.xml ||
	fail "no base makespan in compare.xml"
grep -q '<column name="base/per-client" kind="plan" status="optimal" control="per-client" bound="per-client" gap="0">' compare.xml ||
	fail "no per-client bound column in compare.xml"
grep -q '<sms20 release="2026-12-04T18:00" instructed-groups="0" cohorts="0" triggers="0" after-horizon="3" overload-bytes="53609472" ras-bytes="0" ras-clients-over-dial-up="0"/>' compare.xml ||
	fail "no weekend sms20 figures in compare.xml"
grep -q '<fair-sharing slots="920" makespan-slots="265" end="2026-12-07T12:15" unfinished="0"/>' compare.xml ||
	fail "no weekend fair-sharing figures in compare.xml"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRCDIR/io/schema/compare.xsd" compare.xml \
		>"$T/err" 2>&1 || fail "compare.xml does not follow compare.xsd"
else
	echo "skip: xmllint not installed, compare.xsd not checked"
fi

# The same comparison gives the same bytes.
cp compare.xml first.xml
run 0 compare small.xml -s ,weekend -o compare.xml -t 10 --quiet
empty out
cmp -s first.xml compare.xml || fail "compare.xml not reproducible"

# The baseline: the unplanned simulation as the last column.
run 0 compare small.xml -s weekend --baseline -t 10 -o base.xml
has out "weekend"
has out "baseline"
row "status" "optimal optimal simulated"
row "clients" "20 20 20"
row "control" "sms20 per-client none"
has out "baseline: no plan, every client at its first opportunity"
grep -q 'kind="simulation" status="simulated"' base.xml || fail "no baseline column"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRCDIR/io/schema/compare.xsd" base.xml \
		>"$T/err" 2>&1 || fail "base.xml does not follow compare.xsd"
fi

# The baseline against the base plan, every figure worked out by hand
# (the slot-by-slot derivation is in tests/test_compare.c,
# small_baseline_column): no plan, the Tuesday 08:30 logon storm queues at
# the CAP's 6 seats and shares the 6,912,000 usable bytes of wan-br1; the
# last branch transfer ends 11:45 and reboots at 12:00.  Planned per
# client (--control): one plan column, no bound.
run 0 compare small.xml -s base --baseline -t 10 --control per-client
hasnt out "per-client  "
hasnt out "release"
row "clients" "20 20"
row "placed" "9 19"
row "unplaced: never starts" "- 1"
row "makespan" "1 d 04:15 1 d 04:15"
row "finishing" "2026-12-01T12:15 2026-12-01T12:15"
# 43,419,648 bytes asked of 6,912,000 at Tue 08:45
row "peak wan-br1" "70.80 % 628.18 %"
row "WAN MB Mon 2026-11-30" "22.0 22.0"
row "WAN MB Tue 2026-12-01" "0.0 80.0"
row "WAN MB Wed 2026-12-02" "0.0 0.0"
# Mon 12:00 (3), Tue 12:00 (11): all office hours, the figure rollout
# simulate gives
row "reboots in office hours" "4 of 4 14 of 14"
row "RAS clients deferred" "1 of 1 0 of 1"
row "status" "optimal simulated"

# --no-per-client: the SMS 2.0 columns alone.
run 0 compare small.xml -s weekend --baseline --no-per-client -t 10
grep -q '^ *weekend  *baseline$' "$T/out" || fail "columns weekend baseline"
row "placed" "20 19"
row "overload MB" "51.1 -"

# Without --scenarios: the base and every scenario of the file.
run 0 compare small.xml -t 10
grep -q '^ *base  *base/per-client  *weekday  *weekday/per-client  *weekend  *weekend/per-client$' "$T/out" ||
	fail "columns base weekday weekend, each with its bound"

# XML to standard output: the table goes to standard error.
run 0 compare small.xml -s weekend -o - -t 10
has out '<comparison version="1"'
has err "small-office (small.xml)"

# Errors: an unknown scenario (nothing planned), bad values, too many.
run 1 compare small.xml -s weekend,holiday
has err "unknown scenario 'holiday'"
empty out
run 2 compare small.xml -t soon
has err "invalid value 'soon' for --time-limit"
run 2 compare small.xml --control free
has err "invalid value 'free' for --control"
# 8 scenarios and their bounds pass 15 columns: nothing is planned
run 2 compare small.xml -s weekend,weekend,weekend,weekend,weekend,weekend,weekend,weekend
has err "16 columns with the per-client bounds, at most 15"
run 2 compare small.xml -s a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p
has err "too many scenarios"
run 2 compare
has err "missing SITE"
run 3 compare nosuch.xml -s base
has err "nosuch.xml"
