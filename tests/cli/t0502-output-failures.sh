#!/bin/sh
# plan when its output cannot be written: a full device, a file size
# limit, a missing or read-only directory, a closed or broken standard
# output; and a FIFO, which is written directly.  Status 3, one message,
# no partial file, no temporary file, an existing schedule untouched.
. "$(dirname "$0")/test-lib.sh"
write_good_site site.xml

no_temp() {
	ls -A "${1:-.}" | grep -q '^\.' && fail "temporary file left in ${1:-.}"
	true
}

run 3 plan -q site.xml -o /dev/full
same err /dev/stdin <<'MSG'
rollout: cannot write '/dev/full': No space left on device
MSG

# ulimit -f: the write fails with EFBIG (SIGXFSZ is ignored), the old
# schedule stays as it was
echo "old schedule" >big.xml
(ulimit -f 4 && exec "$ROLLOUT" plan -q site.xml -o big.xml) >out 2>err
got=$?
[ $got -eq 3 ] || fail "ulimit -f: exit status $got, expected 3"
same err /dev/stdin <<'MSG'
rollout: cannot write 'big.xml': File too large
MSG
[ "$(cat big.xml)" = "old schedule" ] || fail "ulimit -f: big.xml changed"
no_temp

run 3 plan -q site.xml -o nodir/s.xml
same err /dev/stdin <<'MSG'
rollout: cannot write 'nodir/s.xml': No such file or directory
MSG
[ ! -e nodir ] || fail "nodir created"

if [ "$(id -u)" -eq 0 ]; then
	echo "skip: read-only directory (root writes anyway)"
else
	mkdir ro && chmod 555 ro
	run 3 plan -q site.xml -o ro/s.xml
	same err /dev/stdin <<'MSG'
rollout: cannot write 'ro/s.xml': Permission denied
MSG
	[ -z "$(ls -A ro)" ] || fail "something written in ro/"
	chmod 755 ro
fi

# standard output closed, and a reader that goes away (EPIPE)
"$ROLLOUT" plan -q site.xml -o - >&- 2>err
got=$?
[ $got -eq 3 ] || fail "closed stdout: exit status $got, expected 3"
same err /dev/stdin <<'MSG'
rollout: cannot write '-': Bad file descriptor
MSG
"$ROLLOUT" validate site.xml >&- 2>err
got=$?
[ $got -eq 3 ] || fail "validate, closed stdout: exit status $got, expected 3"
# a schedule large enough not to fit in the pipe before head exits
cp "$SRCDIR/examples/small.xml" "$SRCDIR/examples/small-extra.csv" .
{ "$ROLLOUT" plan -q small.xml -o - 2>err; echo $? >status; } |
	head -c 10 >/dev/null
[ "$(cat status)" -eq 3 ] || fail "EPIPE: exit status $(cat status), expected 3"
same err /dev/stdin <<'MSG'
rollout: cannot write '-': Broken pipe
MSG

# a FIFO is written directly, whole
mkfifo fifo
cat fifo >got.xml &
reader=$!
run 0 plan -q site.xml -o fifo
wait $reader
verified site.xml got.xml
no_temp
