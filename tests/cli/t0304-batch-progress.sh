#!/bin/sh
# batch's progress line "batch: N of M done": on standard error only when
# it is a terminal, or with --progress; never with --quiet; never on
# standard output, nor in the runs' logs.  script(1) gives the command a
# terminal; skipped where it cannot.
. "$(dirname "$0")/test-lib.sh"
mkdir sites
write_good_site sites/a.xml
write_good_site sites/b.xml
printf 'a.xml\nb.xml\n' >sites/m.txt

# tty CMD: runs the shell command CMD with a terminal as its standard
# input, output and error; what the terminal showed goes to $T/tty
# (without the terminal's carriage returns).  Standard input is /dev/null,
# so that script(1) also runs where there is none.
tty_run() {
	script -qec "$1" /dev/null </dev/null >tty.raw 2>&1
	st=$?
	tr -d '\r' <tty.raw >"$T/tty"
	return $st
}
if ! command -v script >/dev/null 2>&1 || ! tty_run '[ -t 2 ]'; then
	[ "${CI:-}" = true ] && fail "script(1) cannot give a terminal in CI"
	echo "skip: script(1) cannot give a terminal here, progress not tested"
	exit 0
fi
R=$ROLLOUT

# 1. Standard error a terminal, standard output a file: progress on the
#    terminal, the table in the file.
tty_run "'$R' batch sites/m.txt -o r1 -j 1 -t 10 >table.txt" ||
	{ cat tty; fail "batch on a terminal failed"; }
grep -qx 'rollout: batch: 1 of 2 done' tty || { cat tty; fail "no '1 of 2 done' on the terminal"; }
grep -qx 'rollout: batch: 2 of 2 done' tty || { cat tty; fail "no '2 of 2 done' on the terminal"; }
grep -q '^a.xml  *base  *0' table.txt || fail "no table on standard output"
! grep -q 'done' table.txt || fail "progress on standard output"
for f in a b; do
	! grep -q 'rollout: ' "r1/$f.log" || fail "r1/$f.log has progress or errors"
done

# 2. Standard output a terminal, standard error a file: no progress.
tty_run "'$R' batch sites/m.txt -o r2 -j 1 -t 10 2>err.txt" ||
	{ cat tty; fail "batch with stderr to a file failed"; }
[ ! -s err.txt ] || { cat err.txt; fail "progress although stderr is not a terminal"; }
grep -q '^b.xml  *base  *0' tty || { cat tty; fail "no table on the terminal"; }

# 3. --quiet on a terminal: nothing at all, even with --progress.
tty_run "'$R' batch sites/m.txt -o r3 -t 10 --quiet" || fail "batch --quiet failed"
[ ! -s tty ] || { cat tty; fail "batch --quiet printed on a terminal"; }
tty_run "'$R' batch sites/m.txt -o r4 -t 10 -q --progress" || fail "batch -q --progress failed"
[ ! -s tty ] || { cat tty; fail "batch -q --progress printed on a terminal"; }

# 4. Neither a terminal: progress only with --progress, on stderr.
run 0 batch sites/m.txt -o r5 -t 10
hasnt err "done"
run 0 batch sites/m.txt -o r6 -t 10 --progress -j 1
has err "rollout: batch: 1 of 2 done"
has err "rollout: batch: 2 of 2 done"
hasnt out "done"
[ -s r6/a.xml ] && [ -s r6/b.xml ] || fail "schedules missing in r6"
