#!/bin/sh
# examples/batch-cluster.sh: the same manifest through xargs -P, through
# GNU parallel when it is installed, and as a Slurm array script (one task
# run here by hand, as a node would).
. "$(dirname "$0")/test-lib.sh"
script=$SRCDIR/examples/batch-cluster.sh
mkdir sites
write_good_site sites/a.xml
sed '/<client/s/segment="lan"/segment="nowhere"/' sites/a.xml >sites/bad.xml
cat >sites/manifest.txt <<'M'
a.xml  base,short   # two runs
bad.xml
M

# check_dir DIR: the good runs wrote verified schedules, the bad one failed
check_dir() {
	for f in a a.short; do
		[ -s "$1/$f.xml" ] || fail "no $1/$f.xml"
		[ "$(cat "$1/$f.status")" = 0 ] || fail "$1/$f.status is not 0"
	done
	verified sites/a.xml "$1/a.xml"
	verified sites/a.xml "$1/a.short.xml" --scenario short
	[ "$(cat "$1/bad.status")" = 1 ] || fail "$1/bad.status is not 1"
	grep -q "nowhere" "$1/bad.log" || fail "$1/bad.log lacks the error"
	[ ! -e "$1/bad.xml" ] || fail "a schedule for the bad site"
}

ROLLOUT=$ROLLOUT sh "$script" -e xargs -j 2 -t 10 -o viaxargs \
	sites/manifest.txt >"$T/out" 2>"$T/err" && fail "xargs: exit 0 despite bad.xml"
check_dir viaxargs
has out "a: ok"
has out "a.short: ok"
has out "bad: failed (exit 1;"
has out "1 of 3 runs failed"

if parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	ROLLOUT=$ROLLOUT sh "$script" -e parallel -j 2 -t 10 -o viaparallel \
		sites/manifest.txt >"$T/out" 2>"$T/err" &&
		fail "parallel: exit 0 despite bad.xml"
	check_dir viaparallel
	has out "1 of 3 runs failed"
elif [ "${CI:-}" = true ]; then
	fail "GNU parallel not installed: CI must install it (.ci/run)"
else
	echo "skip: GNU parallel not installed, its path not tested"
fi

# Slurm: the script names 3 tasks; run each as the array would.
ROLLOUT=$ROLLOUT sh "$script" -e slurm -j 2 -t 10 -o viaslurm \
	sites/manifest.txt >job.sh 2>"$T/err" || fail "slurm: cannot emit the script"
grep -q '^#SBATCH --array=1-3%2$' job.sh || fail "no --array=1-3%2"
grep -q 'SLURM_ARRAY_TASK_ID' job.sh || fail "the script does not use SLURM_ARRAY_TASK_ID"
for i in 1 2 3; do
	SLURM_ARRAY_TASK_ID=$i sh job.sh
done
check_dir viaslurm

# A bad manifest line is reported with its line.
printf 'a.xml x y\n' >sites/m2.txt
ROLLOUT=$ROLLOUT sh "$script" -e xargs -o m2 sites/m2.txt >"$T/out" 2>"$T/err" &&
	fail "a bad manifest was accepted"
has err "m2.txt:1: unexpected"
