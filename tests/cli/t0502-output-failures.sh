#!/bin/sh
# plan when its output cannot be written: a full device, a file size
# limit, a missing or read-only directory, a block device node, a closed or
# broken standard output; and a FIFO, which is written directly.  Status
# 3, one message, no partial file, no temporary file, an existing schedule
# untouched.
. "$(dirname "$0")/test-lib.sh"
write_good_site site.xml

no_temp() {
	ls -A "${1:-.}" | grep -q '^\.' && fail "temporary file left in ${1:-.}"
	true
}

run 3 plan --control per-client -q site.xml -o /dev/full
same err /dev/stdin <<'MSG'
rollout: cannot write '/dev/full': No space left on device
MSG

# ulimit -f: the write fails with EFBIG (SIGXFSZ is ignored), the old
# schedule stays as it was
echo "old schedule" >big.xml
(ulimit -f 4 && exec "$ROLLOUT" plan --control per-client -q site.xml -o big.xml) >out 2>err
got=$?
[ $got -eq 3 ] || fail "ulimit -f: exit status $got, expected 3"
same err /dev/stdin <<'MSG'
rollout: cannot write 'big.xml': File too large
MSG
[ "$(cat big.xml)" = "old schedule" ] || fail "ulimit -f: big.xml changed"
no_temp

run 3 plan --control per-client -q site.xml -o nodir/s.xml
same err /dev/stdin <<'MSG'
rollout: cannot write 'nodir/s.xml': No such file or directory
MSG
[ ! -e nodir ] || fail "nodir created"

# a read-only directory, with an old schedule in it.  Root writes anyway:
# as root (CI) the program runs as nobody (setpriv), else in a mount
# namespace where the directory is a read-only bind mount (unshare).
mkdir ro && echo "old schedule" >ro/s.xml && chmod 555 ro
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
want="rollout: cannot write 'ro/s.xml': Permission denied"
if [ "$(id -u)" -ne 0 ]; then
	ro_run() { "$ROLLOUT" "$@"; }
elif command -v setpriv >/dev/null 2>&1 &&
	chmod 755 "$T" && as_nobody test -x "$ROLLOUT" 2>/dev/null &&
	as_nobody test -r site.xml 2>/dev/null; then
	ro_run() { as_nobody "$ROLLOUT" "$@"; }
elif command -v unshare >/dev/null 2>&1 &&
	unshare -m sh -c 'mount --bind ro ro && mount -o remount,bind,ro ro' \
		2>/dev/null; then
	ro_run() {
		unshare -m sh -c 'mount --bind ro ro &&
			mount -o remount,bind,ro ro && exec "$0" "$@"' \
			"$ROLLOUT" "$@"
	}
	want="rollout: cannot write 'ro/s.xml': Read-only file system"
else
	echo "skip: read-only directory (root, and neither setpriv nor unshare works)"
fi
if command -v ro_run >/dev/null 2>&1; then
	ro_run plan -q site.xml -o ro/s.xml >out 2>err
	got=$?
	[ $got -eq 3 ] || fail "read-only directory: exit status $got, expected 3"
	[ "$(cat err)" = "$want" ] || fail "read-only directory: $(cat err)"
	[ "$(cat ro/s.xml)" = "old schedule" ] || fail "ro/s.xml changed"
	[ "$(ls -A ro)" = s.xml ] || fail "something written in ro/"
fi
chmod 755 ro

# a block device node: written directly, never replaced by a regular file
# (major 240 has no driver: the open fails, the node stays).  Needs mknod.
if mknod blk b 240 0 2>/dev/null; then
	run 3 plan --control per-client -q site.xml -o blk
	same err /dev/stdin <<'MSG'
rollout: cannot write 'blk': No such device or address
MSG
	[ -b blk ] || fail "the block device node was replaced"
	no_temp
	rm -f blk
else
	echo "skip: block device (mknod is not allowed here)"
fi

# standard output closed, and a reader that goes away (EPIPE).  Not
# under valgrind, which opens its log on the lowest free descriptor.
if [ -n "${RO_VALGRIND:-}" ]; then
	echo "skip: closed standard output under valgrind"
else
	"$ROLLOUT" plan --control per-client -q site.xml -o - >&- 2>err
	got=$?
	[ $got -eq 3 ] || fail "closed stdout: exit status $got, expected 3"
	same err /dev/stdin <<'MSG'
rollout: cannot write '-': Bad file descriptor
MSG
	"$ROLLOUT" validate site.xml >&- 2>err
	got=$?
	[ $got -eq 3 ] || fail "validate, closed stdout: exit status $got, expected 3"
fi
# a schedule large enough not to fit in the pipe before head exits
cp "$SRCDIR/examples/small.xml" "$SRCDIR/examples/small-extra.csv" .
{ "$ROLLOUT" plan --control per-client -q small.xml -o - 2>err; echo $? >status; } |
	head -c 10 >/dev/null
[ "$(cat status)" -eq 3 ] || fail "EPIPE: exit status $(cat status), expected 3"
same err /dev/stdin <<'MSG'
rollout: cannot write '-': Broken pipe
MSG

# a FIFO is written directly, whole
mkfifo fifo
cat fifo >got.xml &
reader=$!
run 0 plan --control per-client -q site.xml -o fifo
wait $reader
verified site.xml got.xml
no_temp

# the model export (--write-lp, --write-mps) follows the same rules: GLPK
# writes a scratch file, which is copied to its place
run 3 plan --control per-client -q site.xml -o s.xml --write-mps /dev/full
same err /dev/stdin <<'MSG'
rollout: cannot write '/dev/full': No space left on device
MSG
run 3 plan --control per-client -q site.xml -o s.xml --write-lp nodir/m.lp
same err /dev/stdin <<'MSG'
rollout: cannot write 'nodir/m.lp': No such file or directory
MSG
# "-" and a FIFO are written directly; the scratch files go under $TMPDIR
# and are gone afterwards
mkdir scratch
mkfifo fifo-m
cat fifo-m >got.mps &
reader=$!
TMPDIR=$T/scratch "$ROLLOUT" plan --control per-client -q site.xml -o s.xml --write-lp - \
	--write-mps fifo-m >out 2>err
got=$?
wait $reader
[ $got -eq 0 ] || fail "--write-lp -, --write-mps FIFO: exit status $got"
empty err
grep -q '^Minimize' out || fail "no CPLEX LP model on standard output"
grep -q '^ROWS' got.mps || fail "no MPS model through the FIFO"
[ -z "$(ls -A scratch)" ] || fail "scratch files left: $(ls -A scratch)"
no_temp
