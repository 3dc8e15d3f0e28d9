#!/bin/sh
# SIGINT and SIGTERM during a long plan (10,000 clients from bench/gen,
# --time-limit 60, the signal 3 s into the solve): the solve stops within
# seconds with status 8, and the output is either absent or a complete
# schedule marked interrupted that `rollout verify` accepts; never a
# partial file, never a temporary file left behind.
. "$(dirname "$0")/test-lib.sh"

${CC:-cc} -std=c11 -O2 -o gen "$SRCDIR/bench/gen.c" 2>gen.err || {
	echo "skip: cannot build bench/gen.c with ${CC:-cc}"
	exit 0
}
./gen -q --clients 10000 --links 50 --caps 5 -o site.xml ||
	fail "bench/gen could not write the site"

# interrupt SIG: plan, wait for the solve to start, signal it 3 s later.
interrupt() {
	rm -f sched.xml
	"$ROLLOUT" plan site.xml -o sched.xml --time-limit 60 --progress \
		>"$T/out" 2>"$T/err" &
	pid=$!
	i=0
	until grep -q 'rollout: planning' "$T/err"; do
		i=$((i + 1))
		if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
			kill $pid 2>/dev/null
			fail "SIG$1: the solve did not start"
		fi
		sleep 0.1
	done
	sleep 3
	if ! kill -s "$1" $pid 2>/dev/null; then
		wait $pid
		echo "skip: SIG$1: the plan finished before the signal"
		return
	fi
	start=$(date +%s)
	wait $pid
	got=$?
	took=$(($(date +%s) - start))
	[ $got -eq 8 ] || fail "SIG$1: exit status $got, expected 8"
	# the solve stops at once; writing 10,000 clients takes a moment
	[ $took -le 20 ] || fail "SIG$1: $took s from the signal to the exit"
	has err "done: interrupted"
	ls -A | grep -q '^\.sched' && fail "SIG$1: temporary file left behind"
	if [ -e sched.xml ]; then
		grep -q '<solver status="interrupted"/>' sched.xml ||
			fail "SIG$1: the schedule is not marked interrupted"
		tail -n 1 sched.xml | grep -q '^</schedule>$' ||
			fail "SIG$1: the schedule is not complete"
		has out "status interrupted"
		verified site.xml sched.xml
	fi
}

interrupt INT
interrupt TERM

# An interrupted run leaves an existing schedule alone unless it has a
# verified plan to put in its place: the file is whole either way.
