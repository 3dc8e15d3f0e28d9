#!/bin/sh
# validate: a good file, a file with errors, a missing file, a scenario.
. "$(dirname "$0")/test-lib.sh"
write_good_site site.xml

run 0 validate site.xml
echo "site.xml: valid (4 clients, 1 link, 1 server)" >want
same out want
empty err

run 0 validate --scenario short site.xml
has out "site.xml: valid (4 clients, 1 link, 1 server, scenario short)"

run 0 validate -q site.xml
empty out

run 1 validate --scenario nosuch site.xml
has err "rollout: site.xml"
has err "'nosuch'"
empty out

# Two errors, reported in one run: an unknown calendar on line 16 (the
# group) and an unknown segment on line 15 (the client).
sed -e '/<group/s/calendar="always"/calendar="never"/' \
    -e '/<client/s/segment="lan"/segment="nowhere"/' site.xml >bad.xml
grep -n nowhere bad.xml | grep -q '^15:' || fail "test setup: line 15"
grep -n never bad.xml | grep -q '^16:' || fail "test setup: line 16"
run 1 validate bad.xml
empty out
grep -q "^rollout: bad.xml:15: .*[\"']nowhere[\"']" err || fail "no error for line 15"
grep -q "^rollout: bad.xml:16: .*[\"']never[\"']" err || fail "no error for line 16"
# Sorted by line.
[ "$(grep -o 'bad.xml:[0-9]*' err | head -n 1)" = bad.xml:15 ] ||
	fail "errors not sorted by line"

# A file that cannot be read: status 3.
run 3 validate missing.xml
has err "rollout: missing.xml"
empty out

# An error in a CSV inventory is reported with the CSV file and its line.
if [ -e "$SRCDIR/examples/small.xml" ]; then
	cp "$SRCDIR/examples/small.xml" small.xml
	printf 'id,os,segment,cap,calendar,triggers\nX1,winnt,hq,cap1,always,ccim\nX2,winnt,nolink,cap1,always,ccim\n' >small-extra.csv
	run 1 validate small.xml
	grep -q "^rollout: small-extra.csv:3: .*nolink" err || fail "no error for the CSV row"
	empty out
fi

# An impossible date is one error, not also "longer than 366 days" for the
# base horizon and the scenario that takes its start.
sed 's/start="2026-11-30T08:00"/start="2026-02-30T08:00"/' site.xml >feb.xml
run 1 validate feb.xml
[ "$(wc -l <err)" -eq 1 ] || fail "one error expected for feb.xml"
has err 'rollout: feb.xml:3: horizon: start="2026-02-30T08:00" is not a date-time'

# Schema errors stop the other checks: said once, after the schema errors.
# mixed.xml has two schema errors (a negative capacity, line 8; an unknown
# trigger, line 15, which libxml2 reports twice, for the list item and the
# attribute, and io/schema_msg.c says once) and an unknown segment (line
# 16) not reported yet.
sed -e 's/capacity-kbps="10000"/capacity-kbps="-5"/' \
    -e '/<client/s/triggers="push"/triggers="bell"/' \
    -e '/<group/s/segment="lan"/segment="nowhere"/' site.xml >mixed.xml
run 1 validate mixed.xml
empty out
grep -q '^rollout: mixed.xml:8: ' err || fail "no schema error for line 8"
grep -q '^rollout: mixed.xml:15: ' err || fail "no schema error for line 15"
hasnt err "nowhere"
[ "$(tail -n 1 err)" = "rollout: mixed.xml: 2 schema errors; the other checks run once they are fixed" ] ||
	fail "the last line does not say the other checks wait"
[ "$(grep -c 'schema error' err)" -eq 1 ] || fail "the note is not said once"
sed -e 's/capacity-kbps="10000"/capacity-kbps="-5"/' site.xml >neg.xml
run 1 info neg.xml
has err "rollout: neg.xml: 1 schema error; the other checks run once it is fixed"
run 1 plan neg.xml -o neg-s.xml
has err "rollout: neg.xml: 1 schema error; the other checks run once it is fixed"
