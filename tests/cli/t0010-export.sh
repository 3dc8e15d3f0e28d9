#!/bin/sh
# --write-lp / --write-mps in every --lp-form: another solver (glpsol,
# from glpk-utils) reads each file and finds the same optimum as rollout
# on examples/small.xml: the least completion sum 453 at full weight (the
# nine clients of tests/test_compare.c: 73 + 9 + 99 + 17 + 17 + 49 + 113 +
# 17 + 59), and with --objective peak the least peak utilisation
# 0.7079506173.  The three forms are the same program written three ways,
# so they must agree.
. "$(dirname "$0")/test-lib.sh"

if ! command -v glpsol >/dev/null 2>&1; then
	[ "${CI:-}" = true ] && fail "glpsol not installed: .ci/deps installs glpk-utils"
	echo "skip: glpsol not installed"
	exit 0
fi
SITE=$SRCDIR/examples/small.xml

# glpsol SOLUTION MODEL-ARGS...: the objective glpsol finds (glpsol removes
# its output files when it starts, so they live in $T only)
objective() {
	out=$1
	shift
	glpsol "$@" --tmlim 60 -o "$T/$out" >"$T/glpsol.log" 2>&1 ||
		fail "glpsol $* failed"
	grep -q 'INTEGER OPTIMAL' "$T/glpsol.log" ||
		fail "glpsol $*: no proven optimum"
	sed -n 's/^Objective: *[A-Za-z0-9_]* = \([0-9.e+-]*\).*/\1/p' "$T/$out"
}

run 0 plan --control per-client "$SITE" -o s.xml
has out "completion-sum 453 (bound 453, gap 0.00 %)"
for form in aggregated plain clients; do
	run 0 plan --control per-client "$SITE" -o s.xml --quiet --lp-form $form \
		--write-lp $form.lp --write-mps $form.mps
	[ -s $form.lp ] && [ -s $form.mps ] || fail "$form: no model written"
	ls -A | grep -q '\.tmp' && fail "$form: a temporary file is left"
	[ "$(objective $form.lp.sol --lp $form.lp)" = 453 ] ||
		fail "$form: glpsol's optimum of the LP file is not 453"
	[ "$(objective $form.mps.sol --freemps $form.mps)" = 453 ] ||
		fail "$form: glpsol's optimum of the MPS file is not 453"
done
# one binary per client: 4 identical clients on a 20 kbit/s link where two
# fit a slot (tests/test_solve.c, four_clients_two_per_slot): the
# aggregated program has one class row, the per-client one four, and both
# have the optimum 1 + 1 + 2 + 2 = 6
cat >four.xml <<'XML'
<?xml version="1.0"?>
<site version="1" name="four">
<horizon start="2026-11-30T00:00" end="2026-11-30T04:00" slot-minutes="15"/>
<calendars><calendar id="always"><on days="Mon-Sun"/></calendar></calendars>
<network><link id="lan" kind="lan" capacity-kbps="20" share="1"/></network>
<servers><cap id="cap" link="lan"/></servers>
<payload base-mb="1"/>
<clients><group id="pc" count="4" os="winnt" segment="lan" cap="cap"
 calendar="always" triggers="push"/></clients>
</site>
XML
for form in aggregated clients; do
	run 0 plan --control per-client four.xml -o s.xml --quiet --lp-form $form --write-lp f$form.lp
	[ "$(objective f$form.sol --lp f$form.lp)" = 6 ] ||
		fail "four, $form: glpsol's optimum is not 6"
done
[ "$(grep -c '^ *class_' faggregated.lp)" -eq 1 ] ||
	fail "aggregated: not one row for the class"
[ "$(grep -c '^ *class_' fclients.lp)" -eq 4 ] ||
	fail "clients: not one row per client"
# GLPK writes 0/1 integers as Generals with bounds 0 and 1
grep -q '^Generals' fclients.lp || fail "clients: no integer columns"
grep ' <= y_' fclients.lp | grep -qv '<= 1$' &&
	fail "clients: a column is not 0/1"

run 0 plan --control per-client "$SITE" -o s.xml --objective peak --deadline 2026-12-02T08:00 \
	--write-lp peak.lp
has out "peak-utilisation 0.7079506173 (bound 0.7079506173, gap 0.00 %)"
z=$(objective peak.sol --lp peak.lp)
case $z in
0.70795061*) ;;
*) fail "peak: glpsol's optimum is $z, not 0.7079506173" ;;
esac

run 2 plan --control per-client "$SITE" -o s.xml --lp-form textbook
has err "invalid value 'textbook' for --lp-form"
exit 0
