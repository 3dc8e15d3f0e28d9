#!/bin/sh
# batch: good sites and one bad one; the good schedules are written and
# valid, the bad one's failure is reported, the exit status is not 0.
. "$(dirname "$0")/test-lib.sh"
mkdir sites
write_good_site sites/a.xml
write_good_site sites/b.xml
sed '/<client/s/segment="lan"/segment="nowhere"/' sites/a.xml >sites/bad.xml
cat >sites/manifest.txt <<'M'
# paths are relative to this file
a.xml                 # the base site
bad.xml
b.xml   base,short    # two runs: b.xml and b.short.xml
M


run 1 batch sites/manifest.txt -j 2 -o res --time-limit 10
for f in a b b.short; do
	[ -s "res/$f.xml" ] || fail "no res/$f.xml"
	[ -e "res/$f.log" ] || fail "no res/$f.log"
done
[ ! -e res/bad.xml ] || fail "a schedule was written for the bad site"
grep -q "bad.xml:15: .*nowhere" res/bad.log || fail "res/bad.log lacks the error"
# the good schedules are valid: the verifier accepts them
verified sites/a.xml res/a.xml
verified sites/b.xml res/b.xml
verified sites/b.xml res/b.short.xml --scenario short
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$SRCDIR/io/schema/schedule.xsd" res/a.xml \
		res/b.xml res/b.short.xml >/dev/null 2>&1 || fail "schedules do not follow schedule.xsd"
fi
# the table: every run in manifest order, with the figures of the schedule.
# The site is planned in the SMS 2.0 mode: released at the horizon start,
# 08:00, the CAP has the files an hour later; the four copies are
# triggered at 09:00, one slot each, and the three Win95 clients restart
# 15 minutes later, one slot: done at 09:45, 1 h 45 after the start, and
# no overload (0.0 MB).
grep -q '^site  *scenario  *exit  *placed  *makespan  *overload MB  *status  *gap  *seconds$' "$T/out" ||
	fail "no table header"
row() {
	grep -q "$1" "$T/out" || fail "no table row like '$1'"
}
row '^a.xml  *base  *0  *4 of 4  *0 d 01:45  *0.0  *optimal  *0.00 %  *[0-9.]*$'
row '^bad.xml  *base  *1  *-  *-  *-  *invalid input  *-  *[0-9.]*$'
row '^b.xml  *base  *0  *4 of 4  *0 d 01:45  *0.0  *optimal'
row '^b.xml  *short  *0  *4 of 4  *0 d 01:45  *0.0  *optimal'
[ "$(sed -n '3p;4p;5p;6p' "$T/out" | cut -c1-7 | tr -d ' ' | tr '\n' ,)" = "a.xml,bad.xml,b.xml,b.xml," ] ||
	fail "rows not in manifest order"
has out "1 of 4 runs failed"
has err "rollout: batch: bad.xml (base): invalid input (exit 1); see res/bad.log"
hasnt err "of 4 done"   # stderr is not a terminal: no progress

# --sites with --scenarios; --progress; all good: status 0.
run 0 batch --sites sites/a.xml sites/b.xml -s base,short -o res2 -j 3 -t 10 --progress
for f in a a.short b b.short; do
	[ -s "res2/$f.xml" ] || fail "no res2/$f.xml"
done
verified sites/a.xml res2/a.xml
verified sites/a.xml res2/a.short.xml --scenario short
verified sites/b.xml res2/b.xml
verified sites/b.xml res2/b.short.xml --scenario short
has err "batch: 4 of 4 done"
hasnt out "failed"

# --quiet: no table, no progress; a failure is still reported.
run 1 batch --sites sites/bad.xml -o res3 -q --progress
empty out
has err "bad.xml (base): invalid input"
hasnt err "done"

# Manifest errors: reported with their line, nothing run.
printf 'a.xml one two\n' >sites/m2.txt
run 1 batch sites/m2.txt -o res4
has err "sites/m2.txt:1: unexpected 'two' after the scenarios"
[ ! -e res4 ] || fail "res4 created for a bad manifest"
printf 'a.xml\n\na.xml base\n' >sites/m3.txt
run 1 batch sites/m3.txt -o res4
has err "sites/m3.txt:3: run 'a.xml' writes 'a.xml' like the run of line 1"
printf '# nothing\n' >sites/m4.txt
run 1 batch sites/m4.txt -o res4
has err "lists no runs"
run 3 batch sites/none.txt
has err "sites/none.txt: cannot open the manifest"
run 2 batch sites/manifest.txt -j 0
has err "invalid value '0' for --jobs"
run 2 batch sites/manifest.txt --scenarios short
has err "give one manifest, or --sites"
run 2 batch --sites sites/a.xml sites/a.xml
has err "both write 'a.xml'"
echo x >file
run 3 batch sites/manifest.txt -o file
has err "cannot create the output directory 'file'"

# A site file without --sites is taken as a site (its root element is
# <site>), not read as a manifest line by line.
run 0 batch sites/a.xml -o res5 -t 10
[ -s res5/a.xml ] || fail "no res5/a.xml"
row '^sites/a.xml  *base  *0  *4 of 4  *0 d 01:45  *0.0  *optimal'
empty err
run 0 batch sites/a.xml sites/b.xml -s base,short -o res6 -t 10 -q
for f in a a.short b b.short; do
	[ -s "res6/$f.xml" ] || fail "no res6/$f.xml"
done
# a site with errors is one failed run, not a flood of manifest errors
run 1 batch sites/bad.xml -o res7 -t 10
has err "rollout: batch: sites/bad.xml (base): invalid input (exit 1)"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "one line expected on stderr"
# other XML: one clear message, nothing run
run 1 batch res5/a.xml -o res8
has err "rollout: batch: 'res5/a.xml' is neither a manifest nor a site file: its root element is <schedule>, not <site>"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "one line expected for a schedule"
[ ! -e res8 ] || fail "res8 created for a schedule given as a manifest"
printf '<site version="1">\n<horizon\n' >broken.xml
run 1 batch broken.xml -o res8
has err "rollout: batch: 'broken.xml' is neither a manifest nor a site file: it looks like XML but does not parse (line"
[ "$(wc -l <"$T/err")" -eq 1 ] || fail "one line expected for broken XML"
run 2 batch sites/a.xml sites/manifest.txt
has err "'sites/a.xml' is a site file but 'sites/manifest.txt' is not"

# The figures of the table come from the header of each schedule, read
# like any input (io/schedule_head.c): a schedule swapped for a compressed
# one, for one with a DTD or for a broken one gives no figures, and
# libxml2 prints nothing.  The output is a FIFO, written directly: the
# test drains what plan writes, then serves the batch's read of the header
# another document.
mkdir res9
mkfifo res9/a.xml
gzip -c res/a.xml >a.xml.gz
sed '1a <!DOCTYPE schedule [<!ENTITY s "optimal">]>' res/a.xml |
	sed 's/status="optimal"/status="\&s;"/' >a-dtd.xml
sed 's/<summary/<summary</' res/a.xml >a-broken.xml
for doc in a.xml.gz a-dtd.xml a-broken.xml; do
	# the subshell itself opens the FIFO each time, so that killing it
	# ends a server nobody came to
	(
		exec 3<res9/a.xml
		cat <&3 >/dev/null
		exec 3<&-
		exec cat "$doc" >res9/a.xml
	) 2>/dev/null &
	server=$!
	"$ROLLOUT" batch --sites sites/a.xml -o res9 -t 10 >"$T/out" 2>"$T/err"
	got=$?
	kill $server 2>/dev/null
	wait $server 2>/dev/null
	[ $got -eq 0 ] || fail "batch with $doc served: exit status $got"
	row '^sites/a.xml  *base  *0  *-  *-  *-  *written  *-  *[0-9.]*$'
	empty err
done
