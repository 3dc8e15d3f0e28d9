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

run 2 plan site.xml
has err "rollout: plan: missing -o FILE"

run 2 plan site.xml -o s.xml --objective fastest
has err "rollout: plan: invalid value 'fastest' for --objective"

run 2 plan site.xml -o s.xml --gap 2
has err "invalid value '2' for --gap"

run 2 plan site.xml -o s.xml --gap 1x
has err "invalid value '1x' for --gap"

run 2 plan site.xml -o s.xml --time-limit -5
has err "invalid value '-5' for --time-limit"

run 2 plan site.xml -o s.xml --deadline tomorrow
has err "invalid value 'tomorrow' for --deadline"

run 2 plan site.xml -o s.xml --deadline 2026-02-30T08:00
has err "invalid value '2026-02-30T08:00' for --deadline"
[ ! -e s.xml ] || fail "a usage error must not write the schedule"
