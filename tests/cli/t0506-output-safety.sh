#!/bin/sh
# Outputs that are inputs, and outputs through planted links (issue 16,
# items 1 and 6): every command refuses with status 2 (3 for a link to a
# device) and writes nothing; "-", /dev/null and a FIFO named directly
# still work.
. "$(dirname "$0")/test-lib.sh"

write_good_site s.xml
cp s.xml s.orig
unchanged() {
	cmp -s s.xml s.orig || fail "$1: the site file was overwritten"
}

# plan: the same file, another name for it, a symbolic and a hard link
ln -s s.xml sym.xml
ln s.xml hard.xml
for o in s.xml ./s.xml "$T/s.xml" sym.xml hard.xml; do
	run 2 plan --control per-client -q s.xml -o "$o"
	has err "rollout: output '$o' is the input 's.xml'; write to another file"
	unchanged "plan -o $o"
done
run 2 plan --control per-client -q s.xml -o x.xml --write-lp s.xml
unchanged "--write-lp"
run 2 plan --control per-client -q s.xml -o x.xml --write-mps ./sym.xml
unchanged "--write-mps"
run 2 plan --control per-client -q s.xml -o x.xml --write-lp ./x.xml
has err "'x.xml' and './x.xml' are the same file"
[ ! -e x.xml ] || fail "plan wrote x.xml although it refused"

# the other commands that write
run 0 plan --control per-client -q s.xml -o sched.xml
cp sched.xml sched.orig
run 2 simulate -q s.xml -o sym.xml
unchanged "simulate -o"
run 2 simulate -q s.xml --schedule sched.xml -o sched.xml
cmp -s sched.xml sched.orig || fail "simulate overwrote its --schedule"
run 2 compare -q s.xml -o hard.xml -t 5
unchanged "compare -o"
run 2 report sched.xml -o sched.xml
cmp -s sched.xml sched.orig || fail "report overwrote its input"
run 0 simulate -q s.xml -o sim.xml
run 2 report sched.xml --baseline sim.xml -o ./sim.xml
has err "is the input 'sim.xml'"

# batch: in the sites' folder, -o . would replace the site files
mkdir sites && cp s.xml sites/leeds.xml && cp s.xml sites/york.xml
(cd sites && "$ROLLOUT" batch -q leeds.xml york.xml) >out 2>err
[ $? -eq 2 ] || fail "batch over its site files: not status 2"
has err "rollout: batch: output './leeds.xml' is the input 'leeds.xml'; give an output folder of its own with -o DIR"
cmp -s sites/leeds.xml s.xml || fail "batch overwrote leeds.xml"
[ ! -e sites/leeds.log ] || fail "batch wrote a log after refusing"
# a log over a site (site 'b' writes b.log, and b.log is a site)
cp s.xml sites/b.log && cp s.xml sites/b
run 2 batch -q --sites sites/b sites/b.log -o sites
has err "output 'sites/b.log' is the input 'sites/b.log'"
cmp -s sites/b.log s.xml || fail "batch overwrote b.log"
# ... and a manifest
printf 'leeds.xml\n' >sites/m
run 2 batch -q sites/m -o sites
has err "output 'sites/leeds.xml' is the input 'leeds.xml'"
run 0 batch -q sites/m -o res
[ -s res/leeds.xml ] || fail "batch -o res wrote no schedule"

# symbolic links to devices are refused; the devices themselves are not
ln -s /dev/null devlink.xml
run 3 plan --control per-client -q s.xml -o devlink.xml
has err "rollout: cannot write 'devlink.xml': it is a symbolic link to a device; give the device itself, or another name"
[ -L devlink.xml ] || fail "the link was replaced"
run 0 plan --control per-client -q s.xml -o /dev/null
run 0 plan --control per-client -q s.xml -o - 
mkfifo fifo
cat fifo >fifo.out &
run 0 plan --control per-client -q s.xml -o fifo
wait
grep -q '</schedule>' fifo.out || fail "the FIFO did not get the schedule"
ln -s fifo fifolink
run 3 plan --control per-client -q s.xml -o fifolink
has err "it is a symbolic link to a FIFO"
run 3 plan --control per-client -q s.xml -o x.xml --write-lp devlink.xml
[ ! -e x.xml ] || fail "plan wrote the schedule although an output was refused"

# batch: a log planted as a link to another file is not written through
mkdir res2
echo precious >victim
ln -s ../victim res2/s.log
run 3 batch -q --sites s.xml -o res2
has err "rollout: batch: s.xml (base): not run: cannot write its log 'res2/s.log': it is a symbolic link; remove it"
[ "$(cat victim)" = precious ] || fail "batch wrote through the planted log link"
hasnt err "cannot run"

# batch into a read-only folder: a file error naming the log, not "exit
# 127" and a log that does not exist.  As root (CI), as nobody (setpriv).
# an inventory the site reads is an input too, though no command line
# names it: known once the site is loaded, refused before anything is
# written (cli_load), and by the atomic writer itself (compare)
mkdir inv
printf 'id,os,segment,cap,calendar,triggers\nA,winnt,lan,cap1,always,push\n' >inv/clients.csv
sed 's|<client id="A".*/>|<inventory file="clients.csv"/>|' s.xml >inv/site.xml
cp inv/clients.csv inv/clients.orig
run 2 plan --control per-client -q inv/site.xml -o inv/clients.csv
has err "rollout: output 'inv/clients.csv' is the inventory 'inv/clients.csv' the site was read from; write to another file"
run 2 simulate -q inv/site.xml -o inv/./clients.csv
has err "rollout: output 'inv/./clients.csv' is the inventory 'inv/clients.csv' the site was read from; write to another file"
run 2 compare -q inv/site.xml -o inv/clients.csv -t 5
has err "is the inventory 'inv/clients.csv' the site was read from"
cmp -s inv/clients.csv inv/clients.orig || fail "an output replaced the inventory"
run 0 plan --control per-client -q inv/site.xml -o inv/sched.xml
verified inv/site.xml inv/sched.xml

mkdir ro
chmod 555 ro
chmod 755 "$T"
chmod 644 s.xml
if [ "$(id -u)" -ne 0 ]; then
	ro_run() { "$ROLLOUT" "$@"; }
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$ROLLOUT" 2>/dev/null; then
	ro_run() { setpriv --reuid=65534 --regid=65534 --clear-groups "$ROLLOUT" "$@"; }
else
	echo "skip: read-only folder (root without setpriv)"
fi
if command -v ro_run >/dev/null 2>&1; then
	ro_run batch -q --sites s.xml -o ro >out 2>err
	got=$?
	[ $got -eq 3 ] || fail "batch into a read-only folder: status $got, expected 3"
	has err "rollout: batch: s.xml (base): not run: cannot write its log 'ro/s.log': Permission denied"
	hasnt err "exit 127"
	[ -z "$(ls -A ro)" ] || fail "something written in ro/"
fi
