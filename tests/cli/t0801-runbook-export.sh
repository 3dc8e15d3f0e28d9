#!/bin/sh
# rollout runbook and rollout export (docs/runbook.md, docs/export.md) on
# the site of t0701-sms20.sh, worked out by hand there: X and Y triggered
# at 11:00 and 11:15, each copying in one slot.  Each export is parsed
# back by a real consumer (python3's csv, json and configparser); the
# iCalendar one by libical in tests/test_export.c.
. "$(dirname "$0")/test-lib.sh"

D="$SRCDIR/tests/data/export"
cp "$D/two-on-a-wan.xml" site.xml
cp "$D/two-on-a-wan.sched.xml" s.xml
cp "$D/two-on-a-wan.pc.xml" pc.xml

run 0 runbook site.xml s.xml
same out "$D/two-on-a-wan.runbook.txt"
run 0 runbook site.xml s.xml --html -o rb.html
empty out
grep -q '@media print' rb.html || fail "no print stylesheet"
grep -q 'X (xavier): net stop &quot;SMS Client Service&quot;' rb.html ||
	fail "no restart step for X in rb.html"
run 0 runbook site.xml pc.xml
has out "08:00  Push the upgrade to 1 client"
has out "upgrades: 2 clients upgrade (push 2)"

command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

run 0 export site.xml s.xml --to csv -o c.csv
python3 - <<'PY' || fail "c.csv does not read back"
import csv
rows = list(csv.DictReader(open("c.csv", newline="")))
assert [r["id"] for r in rows] == ["X", "Y"], rows
assert rows[1]["user"] == "yvonne" and rows[1]["start"] == "2026-11-30T11:15"
assert rows[0]["cause"] == "trigger" and rows[0]["status"] == "upgraded"
PY
run 0 export site.xml s.xml --to json -o j.json
python3 - <<'PY' || fail "j.json does not read back"
import json
j = json.load(open("j.json"))
assert set(j) == {"format", "version", "generator", "header", "clients",
                  "summary", "actions", "links"}, j.keys()
assert j["summary"] == {"clients": 2, "upgraded": 2, "not_upgraded": 0}
assert [a["kind"] for a in j["actions"]] == ["expire-advertisements",
    "disable-logon-scripts", "apply-service-pack", "trigger", "trigger",
    "reenable-advertisements", "enable-logon-scripts"]
assert j["actions"][4]["clients"] == ["Y"]
PY
run 0 export site.xml s.xml --to collections -o col.csv
python3 - <<'PY' || fail "col.csv does not read back"
import csv
rows = list(csv.DictReader(open("col.csv", newline="")))
assert [(r["collection"], r["name"], r["window_start"], r["window_minutes"])
        for r in rows] == [("two-on-a-wan-wave-01", "X", "2026-11-30T11:00", "15"),
                           ("two-on-a-wan-wave-02", "Y", "2026-11-30T11:15", "15")]
PY
run 0 export site.xml pc.xml --to ansible -o inv.ini
python3 - <<'PY' || fail "inv.ini does not read back"
import configparser
c = configparser.ConfigParser(allow_no_value=True)
c.read("inv.ini")
assert list(c["rollout_waves:children"]) == ["wave_01", "wave_02"]
assert list(c["wave_01"]) == ["x"] and list(c["wave_02"]) == ["y"]
assert c["wave_02:vars"]["rollout_wave_start"] == "2026-11-30T08:15"
PY
run 0 export site.xml s.xml --to ics -o cal.ics
grep -q '^BEGIN:VCALENDAR' cal.ics || fail "no calendar"

# the same input, the same bytes
run 0 export site.xml s.xml --to json -o j2.json
cmp -s j.json j2.json || fail "two JSON exports differ"

# bad input: no partial output, a message that says how to fix it
run 2 export site.xml s.xml --to xlsx -o bad.out
has err "unknown format 'xlsx'; give --to csv, ics, json, collections or ansible"
[ ! -e bad.out ] || fail "bad.out written"
run 2 export site.xml s.xml -o bad.out
has err "no format"
run 2 runbook site.xml s.xml -o s.xml
has err "is the input"
sed 's/<trigger at="2026-11-30T11:15">/<trigger at="2026-11-30T12:00">/' s.xml >late.xml
run 1 runbook site.xml late.xml -o bad.out
has err "late.xml: the schedule does not pass the verifier"
[ ! -e bad.out ] || fail "bad.out written for a wrong schedule"
sed 's/id="Y"/id="Y:1"/; s/user="yvonne"/user="yvonne"/' site.xml >colon.xml
sed 's/id="Y"/id="Y:1"/' pc.xml >pc-colon.xml
run 1 export colon.xml pc-colon.xml --to ansible -o bad.out
has err "colon.xml:18: client id 'Y:1' cannot be an Ansible host name"
[ ! -e bad.out ] || fail "bad.out written for a bad host name"
echo ok
