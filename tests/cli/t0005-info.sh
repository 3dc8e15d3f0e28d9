#!/bin/sh
# info on examples/small.xml: counts and link bounds worked out by hand.
. "$(dirname "$0")/test-lib.sh"
site=$SRCDIR/examples/small.xml
[ -e "$site" ] || { echo "skip: no examples/small.xml"; exit 0; }
cp "$site" "$SRCDIR/examples/small-extra.csv" . || fail "cannot copy the example"

run 0 info small.xml
empty err
has out "site small-office"
has out "horizon 2026-11-30T08:00 to 2026-12-07T08:00: 672 slots of 15 min (7 d 00:00)"

# 9 <client>s, a <group> of 8 and 4 CSV rows: 20 clients, 13 records.
has out "clients 20 in 13 records; payload 8.0 MB base, 2 optional components"
# os: winnt HQ-NT01..03, BR1-NT01, BR1-NT02 (csv); win95 HQ-95A, HQ-95B,
# BR1-95A (csv); win98 HQ-98A, LAPTOP7, BR1-98-1..8, HQ-98C, HQ-98D (csv).
grep -Eq '^  winnt +5$' out || fail "winnt 5"
grep -Eq '^  win95 +3$' out || fail "win95 3"
grep -Eq '^  win98 +12$' out || fail "win98 12"
# triggers: ccim on the five NT; push on HQ-NT02, HQ-95A, HQ-98A, HQ-98D;
# logon on the 16 others than HQ-NT01, HQ-NT02, BR1-NT01, BR1-NT02.
grep -Eq '^  ccim +5$' out || fail "ccim 5"
grep -Eq '^  logon +16$' out || fail "logon 16"
grep -Eq '^  push +4$' out || fail "push 4"
grep -Eq '^  ras +1$' out || fail "ras 1"
grep -Eq '^  lan +19$' out || fail "lan 19"

# wan-br1: 12 branch clients, 12 x 8 MB + 6 MB (BR1-NT02's hw-inventory) =
# 102 MB = 106,954,752 bytes.  From the CAP's ready time (Mon 10:00, slot 8)
# a 15-minute slot at 70 % office load carries 256000 * 0.3 * 0.8 * 900 / 8
# = 6,912,000 bytes, so it needs ceil(106954752 / 6912000) = 16 slots:
# 4 hours, done at 14:00 at the earliest.  Usable over the week: 200 office
# slots at 6,912,000, 280 weekday night slots at 20,736,000 (10 %), 192
# weekend slots at 21,888,000 (5 %): 11,390,976,000 bytes = 10863.3 MB.
line=$(grep -E '^  wan-br1 ' out) || fail "no wan-br1 row"
echo "$line" | grep -Eq '^  wan-br1 +wan +256 +hq +12 +102\.0 +10863\.3 +0 d 04:00 +2026-11-30T14:00$' ||
	fail "wan-br1 row: $line"
# hq: all 20 clients, 20 x 8 + 16 + 6 + 10 + 6 = 198 MB, at 270,000,000
# bytes a slot in office hours: one slot.
line=$(grep -E '^  hq ' out) || fail "no hq row"
echo "$line" | grep -Eq '^  hq +lan +10000 +- +20 +198\.0 +[0-9.]+ +0 d 00:15 +2026-11-30T10:15$' ||
	fail "hq row: $line"

# The weekend scenario starts on Friday 18:00 with the CAP ready then.
run 0 info --scenario weekend small.xml
has out "site small-office, scenario weekend"
has out "horizon 2026-12-04T18:00 to 2026-12-07T08:00"

run 1 info --scenario nosuch small.xml
empty out
