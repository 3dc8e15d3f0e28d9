#!/bin/sh
# init: the starter site validates and plans as it is; an existing file
# is refused without --force; standard output.
. "$(dirname "$0")/test-lib.sh"

run 0 init -o site.xml
has out "site.xml: starter site written"
run 0 validate site.xml
has out "site.xml: valid (11 clients, 3 links, 2 servers)"
run 0 plan -q site.xml -o schedule.xml -t 20
verified site.xml schedule.xml

echo mine >mine.xml
run 3 init -o mine.xml
has err "rollout: mine.xml: file exists; give --force to overwrite it"
[ "$(cat mine.xml)" = mine ] || fail "mine.xml was overwritten"
run 0 init --force -o mine.xml
cmp site.xml mine.xml || fail "--force wrote something else"

run 0 init -o -
cmp out site.xml || fail "init -o - differs"
run 2 init
has err "missing -o FILE"
run 2 init extra -o x.xml
