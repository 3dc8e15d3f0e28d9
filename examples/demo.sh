#!/bin/sh
# demo.sh - the bundled examples end to end: validate, info, plan and
# verify each of examples/small.xml and examples/midsize.xml, base site and
# each what-if scenario (weekday, weekend); then, for the mid-size site, the
# unplanned baseline (simulate), the weekday-vs-weekend comparison against
# it, and the HTML report of the weekday and weekend schedules with that
# baseline; everything goes into demo-out/.
#
# Usage: sh examples/demo.sh [path/to/rollout]    (make demo runs it)
# DEMO_TIME_LIMIT: seconds per plan (20); DEMO_OUT: the output folder
# (demo-out, relative to the source tree).
set -eu
cd "$(dirname "$0")/.."
ROLLOUT=${1:-build/rollout}
case $ROLLOUT in /*) ;; *) ROLLOUT=$(pwd)/$ROLLOUT ;; esac
OUT=${DEMO_OUT:-demo-out}
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
	# The what-if scenarios of the KB note: logon scripts enabled for a
	# few users a day during the week, or the upgrade over the weekend.
	for scen in weekday weekend; do
		grep -q "<scenario id=\"$scen\"" "$site" || continue
		case $scen in
		weekday) what="during the working week, logon scripts phased" ;;
		weekend) what="as if it were done over the weekend" ;;
		esac
		step "plan $site $what" "$ROLLOUT" plan "$site" \
			--scenario "$scen" -o "$OUT/$ex-$scen-schedule.xml" \
			--time-limit "$LIMIT"
		step "check that plan too (with its scenario)" "$ROLLOUT" verify \
			"$site" --scenario "$scen" "$OUT/$ex-$scen-schedule.xml"
		done_list="$done_list $OUT/$ex-$scen-schedule.xml"
	done
done

site=examples/midsize.xml
if [ -e "$site" ]; then
	# The baseline is the site as it is, without a plan: what compare's
	# --baseline column shows too.
	step "what happens without a plan (everyone at the first chance)" \
		"$ROLLOUT" simulate "$site" -o "$OUT/midsize-simulation.xml"
	step "weekday against weekend, and against no plan" \
		"$ROLLOUT" compare "$site" --scenarios weekday,weekend --baseline \
		--time-limit "$LIMIT" -o "$OUT/midsize-compare.xml"
	step "the report to look at: weekday against weekend, with the baseline" \
		"$ROLLOUT" report "$OUT/midsize-weekday-schedule.xml" \
		"$OUT/midsize-weekend-schedule.xml" \
		--baseline "$OUT/midsize-simulation.xml" -o "$OUT/midsize-report.html"
	done_list="$done_list $OUT/midsize-simulation.xml $OUT/midsize-compare.xml $OUT/midsize-report.html"
fi

printf '\n== done; the demo wrote:\n'
for f in $done_list; do printf '  %s\n' "$f"; done
