#!/bin/sh
# Inputs that never end or point outside (issue 16, items 3 and 4): every
# reader has a cap and refuses devices; an <inventory> stays in the site
# file's folder unless --allow-inventory-outside; a message never echoes
# a whole line of a file it does not understand.  Hostile inputs are made
# here: /dev/zero, sparse files, links.
. "$(dirname "$0")/test-lib.sh"

# inv_site FILE INVENTORY: a site whose clients come from INVENTORY
inv_site() {
	cat >"$1" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<site version="1" name="t-inv">
  <horizon start="2026-11-30T08:00" end="2026-12-01T08:00" slot-minutes="15"/>
  <calendars><calendar id="always"><on days="Mon-Sun"/></calendar></calendars>
  <network><link id="lan" kind="lan" capacity-kbps="10000"/></network>
  <servers><cap id="cap1" link="lan"/></servers>
  <payload base-mb="8"/>
  <clients>
    <inventory file="$2"/>
  </clients>
</site>
XML
}
mkdir -p a/b/c/d
printf 'id,os,segment,cap,calendar,triggers\nA,winnt,lan,cap1,always,push\n' >a/b/c/d/good.csv

# a relative path climbing out, an absolute path, a link inside pointing out
inv_site a/b/c/d/up.xml ../../../../../../../../etc/passwd
run 1 validate a/b/c/d/up.xml
has err "rollout: a/b/c/d/up.xml:9: inventory \"../../../../../../../../etc/passwd\" is outside the folder of the site file; move it there, or allow it with --allow-inventory-outside"
hasnt err "root:"
inv_site a/b/c/d/abs.xml /etc/passwd
run 1 plan --control per-client -q a/b/c/d/abs.xml -o out.xml
has err "is outside the folder of the site file"
[ ! -e out.xml ] || fail "a schedule was written"
ln -s /etc/passwd a/b/c/d/link.csv
inv_site a/b/c/d/link.xml link.csv
run 1 validate a/b/c/d/link.xml
has err "inventory \"link.csv\" is outside the folder of the site file"
hasnt err "root:"
# inside: the folder itself and a folder under it
inv_site a/b/c/d/in.xml good.csv
run 0 validate a/b/c/d/in.xml
inv_site a/b/c/in.xml d/good.csv
run 0 validate a/b/c/in.xml
# allowed: read, and its first line is named by position and a prefix
printf 'root:x:0:0:root:/root:/bin/bash\tSECRET-TAIL\n' >secret
inv_site a/b/c/d/allowed.xml ../../../../secret
run 1 validate a/b/c/d/allowed.xml --allow-inventory-outside
has err "a/b/c/d/../../../../secret:1: unknown column 1 (\"root:x:0:0:root:...\"); the columns are id"
hasnt err "SECRET-TAIL"
hasnt err "/bin/bash"
run 1 info a/b/c/d/allowed.xml --allow-inventory-outside
run 1 batch -q --sites a/b/c/d/allowed.xml -o res0 --allow-inventory-outside
grep -q "unknown column 1" res0/allowed.log || fail "batch did not pass --allow-inventory-outside"
run 1 batch -q --sites a/b/c/d/allowed.xml -o res1
grep -q "is outside the folder" res1/allowed.log || fail "batch run read outside"

# an inventory of /dev/zero (a link to it, by the folder rule, and allowed)
ln -s /dev/zero a/b/c/d/zero.csv
inv_site a/b/c/d/zero.xml /dev/zero
timeout 10 "$ROLLOUT" validate --allow-inventory-outside a/b/c/d/zero.xml >out 2>err
[ $? -eq 1 ] || fail "inventory /dev/zero: not status 1 within 10 s"
has err "cannot read '/dev/zero': it is a device, not a file; give a file"
# a sparse CSV of 2 GB: refused from its size, unread
truncate -s 2G a/b/c/d/big.csv
inv_site a/b/c/d/big.xml big.csv
start=$(date +%s)
run 1 validate a/b/c/d/big.xml
has err "file is larger than 536870912 bytes; split the inventory"
[ $(( $(date +%s) - start )) -le 2 ] || fail "the 2 GB CSV took more than 2 s to refuse"

# a site file, a schedule, a manifest of /dev/zero; a sparse manifest
timeout 10 "$ROLLOUT" validate /dev/zero >out 2>err
[ $? -eq 3 ] || fail "validate /dev/zero: not status 3 within 10 s"
has err "cannot read '/dev/zero': it is a device, not a file; give a file"
write_good_site s.xml
timeout 10 "$ROLLOUT" verify s.xml /dev/zero >out 2>err
[ $? -eq 3 ] || fail "verify s.xml /dev/zero: not status 3 within 10 s"
timeout 10 "$ROLLOUT" batch -q /dev/zero -o res2 >out 2>err
[ $? -eq 3 ] || fail "batch /dev/zero: not status 3 within 10 s"
has err "rollout: batch: /dev/zero: cannot open the manifest: cannot read '/dev/zero': it is a device, not a file; give a file"
[ ! -e res2 ] || fail "res2 created"
truncate -s 2G manifest
run 1 batch -q manifest -o res3
has err "file is larger than 16777216 bytes"
# a FIFO is read, up to the cap
mkfifo m.fifo
printf 's.xml\n' >m.fifo &
run 0 batch -q m.fifo -o res4
wait
[ -s res4/s.xml ] || fail "a manifest through a FIFO was not read"
# a newline in a site's file name: one escaped row, not two
cp s.xml 'we
ird.xml'
run 0 batch --sites 'we
ird.xml' -o res5 -t 5
has out 'we\nird.xml'
[ "$(grep -c 'ird.xml' out)" -eq 1 ] || fail "the name split the table"
