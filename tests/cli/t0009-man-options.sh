#!/bin/sh
# Every option of every command is in both its --help and the OPTIONS
# section of docs/rollout.1, spelt the same ("-j, --jobs N"), so the two
# cannot drift.  The man page is read as groff renders it; skipped without
# groff.
. "$(dirname "$0")/test-lib.sh"
MAN=$SRCDIR/docs/rollout.1
if ! command -v groff >/dev/null 2>&1; then
	[ "${CI:-}" = true ] && fail "no groff: CI must install groff-base (.ci/run)"
	echo "skip: no groff, the man page not compared with --help"
	exit 0
fi
# plain text, wide enough that no option line is broken; -ww: no warnings
groff -man -ww -Tascii -P-cbou -rLL=200n "$MAN" >man.txt 2>man.err ||
	{ cat man.err; fail "groff cannot render docs/rollout.1"; }
[ ! -s man.err ] || { cat man.err; fail "groff warns about docs/rollout.1"; }
# the OPTIONS section: tags at 7 columns, one subsection (3 columns) per
# command; "general" for the tags before the first subsection
sed -n '/^OPTIONS$/,/^[A-Z]/p' man.txt | awk '
	/^   [a-z]/ { sec = $1; next }
	/^       -/ { sub(/^ +/, ""); print (sec ? sec : "general") "\t" $0 }' \
	>man-opts
grep -q '^general	-h, --help$' man-opts || fail "rollout.1: OPTIONS lacks -h, --help"

run 0 --help
sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' out >commands
[ "$(wc -l <commands)" -ge 8 ] || fail "rollout --help lists too few commands"
for c in $(cat commands); do
	run 0 "$c" --help
	# "  -x, --name ARG   help" or "      --name ARG   help": the tag is
	# what comes before the first two blanks; -h, --help is in every one
	sed -n '/^options:$/,$p' out | sed -n 's/^  \(-., \|    \)\(--.*\)$/\1\2/p' |
		sed 's/^    //; s/  .*//' | grep -vx -- '-h, --help' >help-opts
	sed -n "s/^$c	//p" man-opts >man-c
	diff -u help-opts man-c >diff.txt ||
		{ cat diff.txt; fail "'rollout $c --help' (-) and rollout.1 (+) list different options"; }
done
