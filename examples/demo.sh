#!/bin/sh
# demo.sh - the bundled examples end to end: validate, info, plan and
# verify each of examples/small.xml and examples/midsize.xml in their SMS
# 2.0 mode, base site and each what-if scenario (weekday, weekend and, for
# the mid-size site, weekend-stay-on); then, for the mid-size site, the
# unplanned baseline (simulate), the comparison of the three releases,
# each with its per-client bound, against it, and the HTML report of the
# three schedules with that baseline; everything goes into demo-out/.
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

# The comparison plans the mid-size site's three releases again, each
# twice (SMS 2.0 and per client): it runs beside the plans below, on the
# second core, and its output is shown in its place at the end.
site=examples/midsize.xml
COMPARE="compare $site --scenarios weekday,weekend,weekend-stay-on --baseline --time-limit $LIMIT -o $OUT/midsize-compare.xml"
compare_pid=
if [ -e "$site" ]; then
	# shellcheck disable=SC2086 # COMPARE is split into words on purpose
	"$ROLLOUT" $COMPARE >"$OUT/midsize-compare.txt" 2>&1 &
	compare_pid=$!
	# a step that fails stops the demo: not the comparison with it
	trap '[ -z "$compare_pid" ] || kill "$compare_pid" 2>/dev/null' EXIT
fi

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
	# The what-ifs of a real site: when to apply the service pack.
	# Monday 07:00 with the week ahead, or Friday 18:00 with the quiet
	# weekend links (and Monday morning's catch-up of the PCs switched
	# off), with or without telling users to leave their PCs on.
	for scen in weekday weekend weekend-stay-on; do
		grep -q "<scenario id=\"$scen\"" "$site" || continue
		case $scen in
		weekday) what="released on a working day" ;;
		weekend) what="released on Friday evening" ;;
		weekend-stay-on) what="released on Friday evening, users told to leave their PCs on" ;;
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
	# Each release in the SMS 2.0 mode, then planned per client: what
	# control of every client's start would buy (the optimistic bound).
	printf '\n== %s\n$ %s\n' "the three releases, what per-client control would buy, and no plan" \
		"$ROLLOUT $COMPARE"
	st=0
	wait "$compare_pid" || st=$?
	compare_pid=
	cat "$OUT/midsize-compare.txt"
	rm -f "$OUT/midsize-compare.txt"
	[ "$st" -eq 0 ] || { echo "demo: failed (exit status $st): $ROLLOUT $COMPARE" >&2; exit "$st"; }
	step "the report to look at: the three releases, with the baseline" \
		"$ROLLOUT" report "$OUT/midsize-weekday-schedule.xml" \
		"$OUT/midsize-weekend-schedule.xml" \
		"$OUT/midsize-weekend-stay-on-schedule.xml" \
		--baseline "$OUT/midsize-simulation.xml" -o "$OUT/midsize-report.html"
	done_list="$done_list $OUT/midsize-simulation.xml $OUT/midsize-compare.xml $OUT/midsize-report.html"
fi

printf '\n== done; the demo wrote:\n'
for f in $done_list; do printf '  %s\n' "$f"; done
