#!/bin/sh
# The layers point one way: model/ at the bottom; io/ (files) and solver/
# (GLPK, no files) on model only; orch/ (reads files and runs solves) on
# io, solver and model; cli/ on top.  Fails, naming the line, when a file
# of a lower layer includes one of a higher or a sibling layer
# ("../X/..."), and when a file other than solver/lp*.c and lp_priv.h
# includes glpk.h.
# Run by make check; usage: sh tests/layers.sh [SRCDIR]
cd "${1:-$(dirname "$0")/..}" || exit 2
allowed() {   # allowed LAYER: the folders its files may include
	case $1 in
	model) echo "include" ;;
	io | solver) echo "include model" ;;
	orch) echo "include model io solver" ;;
	cli) echo "include model io solver orch" ;;
	esac
}
out=$(
for layer in model io solver orch cli; do
	ok=" $(allowed $layer) "
	for f in $layer/*.c $layer/*.h; do
		[ -f "$f" ] || continue
		grep -n '^#[[:space:]]*include[[:space:]]*"\.\./[a-z]*/' "$f" |
		while IFS= read -r line; do
			dir=${line#*\"../}
			dir=${dir%%/*}
			case $ok in
			*" $dir "*) ;;
			*) echo "$f:${line%%:*}: $layer/ includes $dir/ (layers: model <- io, solver <- orch <- cli)" ;;
			esac
		done
	done
done
grep -ln '^#[[:space:]]*include[[:space:]]*<glpk\.h>' \
	model/*.[ch] io/*.[ch] orch/*.[ch] cli/*.[ch] solver/*.[ch] 2>/dev/null |
	grep -v '^solver/lp\(_[a-z]*\)\{0,1\}\.c$\|^solver/lp_priv\.h$' |
	sed 's|$|: glpk.h outside solver/lp*.c and lp_priv.h|'
)
if [ -n "$out" ]; then
	printf '%s\n' "$out"
	echo "FAIL: layers"
	exit 1
fi
echo "layers: model <- io, solver <- orch <- cli, one way"
