#!/bin/sh
# import: exports of a few hundred rows in both header styles (SMS views,
# plain), with a BOM, CRLF, blank lines and quoted names with commas,
# imported, validated and planned; the exact site from a small one; a
# messy export with every error at its line and nothing written; standard
# input; the CSV form referenced from a site.
. "$(dirname "$0")/test-lib.sh"
D=$SRCDIR/tests/data/import
cp "$D/template.xml" "$D/boundaries.csv" .
printf 'setting,name,value\ndefault,calendar,office\ndefault,winnt.calendar,always\n' >map.csv

# gen STYLE ROWS MESS: an export on stdout.  STYLE sms or plain; MESS 1 adds
# unknown operating systems and addresses outside every boundary.
gen() {
	awk -v style="$1" -v rows="$2" -v mess="$3" 'BEGIN {
		n = split("Microsoft Windows NT Workstation 4.0|Microsoft Windows NT Server 4.0|Microsoft Windows 95|Windows 95 OSR2|Microsoft Windows 98|Windows 98 Second Edition", os, "|")
		printf "\357\273\277"
		if (style == "sms")
			printf "Name0,User_Name0,Operating_System_Name_and0,IP_Addresses0,IP_Subnets0,Resource_Domain_OR_Workgr0\r\n"
		else
			printf "Name,User,Operating System,IP Address,IP Subnet,Asset Tag\r\n"
		for (i = 1; i <= rows; i++) {
			net = i % 3 + 1
			if (net == 3) { addr = "10.3.0." (i % 250 + 1); snet = "10.3.0.0" }
			else { addr = "10." net "." int(i / 200) "." (i % 200 + 1); snet = "10." net "." int(i / 200) ".0" }
			if (style == "sms" && i % 11 == 0) addr = "\"169.254.7." (i % 200 + 1) ", " addr "\""
			if (i % 7 == 0) user = "\"Surname" i ", First\""
			else user = "user" i
			o = os[i % n + 1]
			if (mess && i % 50 == 0) o = "Windows ME"
			if (mess && i % 60 == 0) { addr = "192.168.5." (i % 200); snet = "" }
			printf "PC%04d,%s,%s,%s,%s,CORP\r\n", i, user, o, addr, snet
			if (i % 40 == 0) printf "\r\n"
		}
	}'
}

gen plain 300 0 >plain.csv
gen sms 300 0 >sms.csv
grep -c "^PC" plain.csv | grep -qx 300 || fail "test setup: 300 rows"

for s in plain sms; do
	run 0 import $s.csv --site template.xml --boundaries boundaries.csv \
		--map map.csv -o $s.xml
	has out "$s.xml: 300 clients imported (winnt 100, win95 100, win98 100; 0 ras) on 3 links"
	empty err
	run 0 validate $s.xml
	has out "$s.xml: valid (300 clients, 5 links, 3 servers"
	# the user travels, with its comma
	grep -q 'id="PC0007" user="Surname7, First" os="winnt"' $s.xml ||
		fail "$s.xml: PC0007 and its user"
	grep -q 'id="PC0001" user="user1" os="winnt" segment="br1-lan" cap="br1-cap" calendar="always"' $s.xml ||
		fail "$s.xml: PC0001"
	grep -q 'id="PC0002" user="user2" os="win95" segment="br2-lan" cap="hq-cap" calendar="office"' $s.xml ||
		fail "$s.xml: PC0002"
done
# the two styles give the same site
cmp plain.xml sms.xml || fail "the plain and the SMS export differ"
run 0 plan -q plain.xml -o plain-schedule.xml -t 30
verified plain.xml plain-schedule.xml
# deterministic
run 0 import plain.csv --site template.xml --boundaries boundaries.csv \
	--map map.csv -q -o again.xml
empty out
cmp plain.xml again.xml || fail "import is not deterministic"

# The exact site of a small export.
run 0 import "$D/small.csv" --site template.xml -b boundaries.csv \
	--calendar office -o small.xml
cmp small.xml "$D/small-expected.xml" || { diff -u "$D/small-expected.xml" small.xml; fail "small.xml"; }

# A messy export: every error at its line, nothing written, an existing
# output file left alone.
gen plain 300 1 >mess.csv
echo keep >mess.xml
run 1 import mess.csv --site template.xml --boundaries boundaries.csv \
	--map map.csv -o mess.xml
empty out
[ "$(cat mess.xml)" = keep ] || fail "mess.xml was touched"
# row i is on line i + 1 + the blank lines before it (one per 40 rows)
has err 'rollout: mess.csv:52: client '"'"'PC0050'"'"': operating system "Windows ME" is not in the table of docs/import.md; map it with a row os,"Windows ME",CLASS in the --map file (CLASS: winnt, win95 or win98)'
has err "rollout: mess.csv:62: client 'PC0060': address 192.168.5.60 is in no boundary; add a row for it to boundaries.csv (like 10.1.2.0/24,LINK) or fix the address"
has err "rollout: mess.csv:308: client 'PC0300'"
[ "$(grep -c 'Windows ME' err)" -eq 6 ] || fail "6 unknown os names"
[ "$(grep -c 'in no boundary' err)" -eq 4 ] || fail "4 addresses outside (300 is both)"
# mapped by the user: a mapping file row for the os, and a boundary
{ cat map.csv; echo 'os,Windows ME,win98'; } >map2.csv
{ cat boundaries.csv; echo '192.168.5.0/24,br1-lan,lab'; } >b2.csv
run 0 import mess.csv --site template.xml --boundaries b2.csv --map map2.csv -o mess.xml
has out "300 clients imported (winnt 98, win95 98, win98 104; 0 ras)"

# Standard input: the inventory, and a site for validate, info and plan.
cat plain.csv | run 0 import - --site template.xml --boundaries boundaries.csv \
	--map map.csv -o stdin.xml
cmp plain.xml stdin.xml || fail "import from standard input differs"
run 0 import plain.csv --site - --boundaries boundaries.csv --map map.csv \
	-o stdin2.xml <template.xml
cmp plain.xml stdin2.xml || fail "a template from standard input differs"
run 0 validate - <small.xml
has out "-: valid (5 clients, 5 links, 3 servers)"
run 0 info - <small.xml
has out "site import-test"
run 0 plan -q - -o small-schedule.xml -t 20 <small.xml
verified small.xml small-schedule.xml
run 1 validate - <mess.csv
has err "rollout: -:1:"
run 2 import - --site - -o x.xml
has err "only one input can be standard input"

# The CSV form, referenced from a site as an inventory.
run 0 import sms.csv --site template.xml -b boundaries.csv --map map.csv --csv -o clients.csv
head -n 1 clients.csv | grep -qx 'id,user,os,segment,cap,calendar,triggers,connection,office,phase,components,priority,reboots,user-group' ||
	fail "clients.csv header"
sed 's|<clients>|<clients><inventory file="clients.csv"/>|' template.xml >with-inv.xml
run 0 validate with-inv.xml
has out "with-inv.xml: valid (300 clients"

# Refused: a device, a missing template, missing options.
run 3 import /dev/zero --site template.xml -b boundaries.csv -o x.xml
has err "rollout: /dev/zero: '/dev/zero' is not a regular file"
run 3 import plain.csv --site nosuch.xml -b boundaries.csv -o x.xml
has err "rollout: nosuch.xml: cannot open"
run 2 import plain.csv -o x.xml
has err "missing --site FILE"
run 2 import plain.csv --site template.xml -b boundaries.csv --triggers soon -o x.xml
has err 'rollout: --triggers: "soon" is not a list of triggers'
[ ! -e x.xml ] || fail "x.xml written"
