#!/bin/sh
# Every outcome its own exit status and message (cli/exit.h), and no
# output file unless a verified plan was written: hostile inputs (1, every
# class in t0504-hostile-input.sh), bad numbers on the command line (2),
# an unreadable site (3), the solver or the library out of memory under
# `ulimit -v` (6, 7).  Status 8 is
# t0501-interrupt.sh; 4 and 5 cannot happen from the command line (the
# greedy plan always exists before any time limit).
. "$(dirname "$0")/test-lib.sh"
write_good_site site.xml

run 0 plan --control per-client -q site.xml -o ok.xml
[ -s ok.xml ] || fail "no schedule written"
verified site.xml ok.xml

# hostile site files (status 1): t0504-hostile-input.sh, class by class
run 1 plan --control per-client -q "$SRCDIR/tests/data/hostile/truncated.xml" -o out.xml
[ ! -e out.xml ] || fail "a schedule was written for a bad site"

# numbers on the command line: refused before anything is planned
# time limits are decimal numbers of seconds, nothing strtod also takes
for v in nan inf -1 1e308 0x10 " 5" 5. .5 +5; do
	run 2 plan --control per-client -q site.xml -o out.xml --time-limit "$v"
	has err "use a decimal number of seconds"
	run 2 compare -q site.xml --time-limit "$v"
	run 2 batch -q --sites site.xml -o res-t --time-limit "$v"
done
[ ! -e res-t ] || fail "batch created its output folder for a bad -t"
run 2 plan --control per-client -q site.xml -o out.xml --time-limit 100000000
has err "rollout: time limit must be between 0 and 1e7 seconds"
for v in nan inf 2 -0.1 101%; do
	run 2 plan --control per-client -q site.xml -o out.xml --gap "$v"
done
has err "rollout: plan: invalid value '101%' for --gap: use a fraction from 0 to 1, like 0.01 or 1%"
[ ! -e out.xml ] || fail "a schedule was written"

run 3 plan --control per-client -q missing.xml -o out.xml
same err /dev/stdin <<'MSG'
rollout: missing.xml: cannot open 'missing.xml': No such file or directory
MSG

# Out of memory: a 10,000-client plan under shrinking address-space
# limits.  Each run ends in 0 (a verified schedule), 6 (GLPK's allocator
# failed: "GLPK failed ...") or 7 ("out of memory"), never in a crash, and
# leaves no file unless it succeeded.  Not with AddressSanitizer, which
# needs terabytes of address space.
if [ -n "${RO_VALGRIND:-}" ]; then
	echo "skip: out of memory under valgrind (it needs more address space)"
	exit 0
fi
if ! (ulimit -v 400000 && exec "$ROLLOUT" --version) >/dev/null 2>&1; then
	echo "skip: out of memory (the program cannot start under ulimit -v)"
	exit 0
fi
${CC:-cc} -std=c11 -O2 -o gen "$SRCDIR/bench/gen.c" 2>gen.err || {
	echo "skip: out of memory (cannot build bench/gen.c)"
	exit 0
}
./gen -q --clients 10000 --links 50 --caps 5 -o big.xml
seen=
for v in 30000 45000 55000 60000 65000 70000 80000 100000 400000; do
	rm -f out.xml
	(ulimit -v $v && exec "$ROLLOUT" plan --control per-client -q big.xml -o out.xml -t 2) \
		>"$T/out" 2>"$T/err"
	got=$?
	case $got in
	0)	verified big.xml out.xml ;;
	6)	has err "rollout: GLPK failed while" ;;
	7)	has err "out of memory" ;;
	127)	continue ;;   # the loader could not map a library: not ours
	*)	fail "ulimit -v $v: exit status $got" ;;
	esac
	[ $got -eq 0 ] || [ ! -e out.xml ] ||
		fail "ulimit -v $v: status $got and a schedule written"
	ls -A | grep -q '^\.out' && fail "ulimit -v $v: temporary file left"
	seen="$seen $got"
done
echo "ulimit -v statuses:$seen"
echo "$seen" | grep -q 7 || echo "skip: no limit gave status 7 here ($seen)"
[ "${seen##* }" = 0 ] || fail "no plan even with 400 MB:$seen"
