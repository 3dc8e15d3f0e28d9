#!/bin/sh
# compare on examples/small.xml: two scenarios with figures worked out by
# hand (the derivation is in tests/test_compare.c; both plans are proven
# optimal, and every figure below follows from the semantics, not from a
# choice among equal plans), the baseline column, XML against compare.xsd.
. "$(dirname "$0")/test-lib.sh"
cp "$SRCDIR/examples/small.xml" "$SRCDIR/examples/small-extra.csv" .

# row LABEL VALUES: the table row LABEL reads VALUES (blanks squeezed).
row() {
	got=$(grep "^$1  " "$T/out" | tr -s ' ')
	[ "$got" = "$1 $2" ] || fail "row '$1': got '$got', expected '$1 $2'"
}

run 0 compare small.xml --scenarios base,weekend -o compare.xml -t 10
has out "small-office (small.xml)"
row "clients" "20 20"
# base: HQ-95B logs on only before the CAP is ready (no-opportunity); the
# workday logon clients' one logon (Tue 08:30) reboots at the lunch window
# (12:00), but the 10 in the branch cannot copy over the WAN in office
# hours (8,388,608 bytes a slot above 6,912,000 usable: capacity), and
# HQ-98C is placed.  weekend: logon scripts disabled, so the 14 logon-only
# or weekday-only clients cannot start.
row "placed" "9 6"
row "unplaced: no-opportunity" "1 14"
row "unplaced: capacity" "10 0"
hasnt out "window-too-short"
# base: HQ-98C's Tuesday 08:30 logon (slot 98) and its reboot at 12:00
# (slot 112), e = 113; weekend: BR1-NT01's maintenance cycle first fires
# Saturday 15:00.
row "makespan" "1 d 04:15 0 d 21:15"
row "finishing" "2026-12-01T12:15 2026-12-05T15:15"
# BR1-NT02's 14 MB in one slot against 20,736,000 (night) and 21,888,000
# (weekend profile) usable bytes
row "peak wan-br1" "70.80 % 67.07 %"
row "WAN MB Mon 2026-11-30" "22.0 -"
row "WAN MB Fri 2026-12-04" "0.0 14.0"
row "WAN MB Sat 2026-12-05" "0.0 8.0"
# three Win9x reboots at Monday 12:00 and HQ-98C's on Tuesday 12:00 (lunch
# window, office hours) against one on Friday 18:30
row "reboots in office hours" "4 of 4 0 of 1"
row "RAS clients deferred" "1 of 1 1 of 1"
row "status" "optimal optimal"
row "gap" "0.00 % 0.00 %"
has out "Reboots in office hours: reboot slots that touch Mon-Fri 08:00-18:00"
empty err

[ -s compare.xml ] || fail "no compare.xml"
grep -q '<column name="weekend" kind="plan" status="optimal" gap="0">' compare.xml ||
	fail "no weekend column in compare.xml"
grep -q '<makespan slots="113" minutes="1695" end="2026-12-01T12:15"/>' compare.xml ||
	fail "no base makespan in compare.xml"
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
row "status" "optimal simulated"
row "clients" "20 20"
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
# last branch transfer ends 11:45 and reboots at 12:00.
run 0 compare small.xml -s base --baseline -t 10
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

# Without --scenarios: the base and every scenario of the file.
run 0 compare small.xml -t 10
grep -q '^ *base  *weekday  *weekend$' "$T/out" || fail "columns base weekday weekend"

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
run 2 compare small.xml -s a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p
has err "too many scenarios"
run 2 compare
has err "missing SITE"
run 3 compare nosuch.xml -s base
has err "nosuch.xml"
