#!/bin/sh
# demo.sh - the bundled examples end to end: validate, info, plan and
# verify each of examples/small.xml and examples/midsize.xml, then the
# weekday-vs-weekend comparison of the mid-size site against the unplanned
# baseline, and its HTML report; everything goes into demo-out/.
#
# Usage: sh examples/demo.sh [path/to/rollout]    (make demo runs it)
set -eu
cd "$(dirname "$0")/.."
ROLLOUT=${1:-build/rollout}
case $ROLLOUT in /*) ;; *) ROLLOUT=$(pwd)/$ROLLOUT ;; esac
OUT=demo-out
LIMIT=${DEMO_TIME_LIMIT:-20}

[ -x "$ROLLOUT" ] || { echo "demo: no program at $ROLLOUT; run make first" >&2; exit 1; }
mkdir -p "$OUT"
# Call it as plain "rollout" so that the commands shown read as in the docs.
PATH=$(dirname "$ROLLOUT"):$PATH
[ "$(basename "$ROLLOUT")" = rollout ] && ROLLOUT=rollout

# step DESCRIPTION COMMAND...: shows the command, runs it, stops on failure.
step() {
	what=$1
	shift
	printf '\n== %s\n$ %s\n' "$what" "$*"
	"$@" || { st=$?; echo "demo: failed (exit status $st): $*" >&2; exit "$st"; }
}

done_list=""
for ex in small midsize; do
	site=examples/$ex.xml
	if [ ! -e "$site" ]; then
		printf '\n== %s: not in this tree, skipped\n' "$site"
		continue
	fi
	step "is $site a valid site?" "$ROLLOUT" validate "$site"
	step "what is in $site (also in $OUT/$ex-info.txt)" \
		"$ROLLOUT" info "$site"
	"$ROLLOUT" info "$site" >"$OUT/$ex-info.txt"
	step "plan $site (at most $LIMIT s)" "$ROLLOUT" plan "$site" \
		-o "$OUT/$ex-schedule.xml" --time-limit "$LIMIT"
	step "check the plan independently" "$ROLLOUT" verify "$site" \
		"$OUT/$ex-schedule.xml"
	done_list="$done_list $OUT/$ex-info.txt $OUT/$ex-schedule.xml"
	# The what-if scenario of the KB note: upgrade over the weekend.
	if grep -q '<scenario id="weekend"' "$site"; then
		step "plan $site as if it were done over the weekend" \
			"$ROLLOUT" plan "$site" --scenario weekend \
			-o "$OUT/$ex-weekend-schedule.xml" --time-limit "$LIMIT"
		done_list="$done_list $OUT/$ex-weekend-schedule.xml"
	fi
done

site=examples/midsize.xml
if [ -e "$site" ]; then
	step "what happens without a plan (everyone at the first chance)" \
		"$ROLLOUT" simulate "$site" -o "$OUT/midsize-simulation.xml"
	step "weekday against weekend, and against no plan" \
		"$ROLLOUT" compare "$site" --scenarios weekday,weekend --baseline \
		--time-limit "$LIMIT" -o "$OUT/midsize-compare.xml"
	step "the report to look at" "$ROLLOUT" report \
		"$OUT/midsize-schedule.xml" "$OUT/midsize-weekend-schedule.xml" \
		--baseline "$OUT/midsize-simulation.xml" -o "$OUT/midsize-report.html"
	done_list="$done_list $OUT/midsize-simulation.xml $OUT/midsize-compare.xml $OUT/midsize-report.html"
fi

printf '\n== done; the demo wrote:\n'
for f in $done_list; do printf '  %s\n' "$f"; done
