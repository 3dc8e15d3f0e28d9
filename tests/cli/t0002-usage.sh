#!/bin/sh
# Bad command lines exit with status 2 and say what is wrong.
. "$(dirname "$0")/test-lib.sh"
write_good_site site.xml

run 2 frobnicate
has err "rollout: unknown command 'frobnicate'; see 'rollout --help'"
empty out

run 2 validate --bogus site.xml
has err "rollout: validate: unknown option '--bogus'"
has err "see 'rollout validate --help'"
empty out

run 2 validate -x site.xml
has err "unknown option '-x'"

run 2 validate
has err "rollout: validate: missing FILE"

run 2 validate site.xml other.xml
has err "rollout: validate: unexpected argument 'other.xml'"

run 2 validate site.xml --scenario
has err "option '--scenario' needs a value"

run 2 validate --quiet=yes site.xml
has err "option '--quiet' takes no value"

run 2 info
has err "rollout: info: missing FILE"

run 2 plan --control per-client site.xml
has err "rollout: plan: missing -o FILE"

run 2 plan --control per-client site.xml -o s.xml --objective fastest
has err "rollout: plan: invalid value 'fastest' for --objective"

# peak spreads the load up to a deadline: without one, a usage error
run 2 plan --control per-client site.xml -o s.xml --objective peak
has err "rollout: plan: --objective peak needs --deadline DATETIME"
has err "like --deadline 2026-12-04T18:00"
[ ! -e s.xml ] || fail "peak without a deadline wrote a schedule"
run 0 plan --control per-client site.xml -o peak.xml --objective peak --deadline 2026-11-30T20:00 -q
grep -q 'objective="peak" deadline="2026-11-30T20:00"' peak.xml ||
	fail "peak.xml does not record the objective and the deadline"

run 2 plan --control per-client site.xml -o s.xml --gap 2
has err "invalid value '2' for --gap"

run 2 plan --control per-client site.xml -o s.xml --gap 1x
has err "invalid value '1x' for --gap"

run 2 plan --control per-client site.xml -o s.xml --time-limit -5
has err "invalid value '-5' for --time-limit"

run 2 plan --control per-client site.xml -o s.xml --deadline tomorrow
has err "invalid value 'tomorrow' for --deadline"

run 2 plan --control per-client site.xml -o s.xml --deadline 2026-02-30T08:00
has err "invalid value '2026-02-30T08:00' for --deadline"
[ ! -e s.xml ] || fail "a usage error must not write the schedule"
