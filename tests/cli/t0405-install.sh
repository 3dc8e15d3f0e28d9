#!/bin/sh
# make install DESTDIR=... PREFIX=/usr, then the installed copy used as a
# packager's user would: the files and links of the shared library, its
# exports (only the functions of include/rollout.h), rollout.pc, and
# examples/api_example.c built with pkg-config through examples/Makefile.api,
# once against librollout.so (run with LD_LIBRARY_PATH) and once with
# --static (librollout.a linked in), both planning a site.
# Skipped outside a source tree or without make, a C compiler, pkg-config,
# nm or readelf.
. "$(dirname "$0")/test-lib.sh"
CC=${CC:-cc}
for tool in make "$CC" pkg-config nm readelf; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "skip: no $tool, make install not tested"
		exit 0
	fi
done
if [ ! -f "$SRCDIR/Makefile" ]; then
	echo "skip: no source tree at $SRCDIR, make install not tested"
	exit 0
fi
B=$(dirname "$ROLLOUT")
D=$T/inst
L=$D/usr/lib

# 1. make install of the build $ROLLOUT comes from (make passes its own
#    variables down through MAKEFLAGS: make asan installs the asan build).
make -C "$SRCDIR" B="$B" install DESTDIR="$D" PREFIX=/usr >install.log 2>&1 ||
	{ cat install.log; fail "make install DESTDIR=$D PREFIX=/usr failed"; }
[ -x "$D/usr/bin/rollout" ] || fail "no usr/bin/rollout"
[ -f "$L/librollout.a" ] || fail "no usr/lib/librollout.a"
[ -f "$D/usr/include/rollout/rollout.h" ] || fail "no rollout.h"
# rollout.h is the one header installed: the others are the internals
other=$(cd "$D/usr/include" && find . -type f ! -path ./rollout/rollout.h)
[ -z "$other" ] || fail "headers other than rollout.h installed: $other"
so=$(cd "$L" && ls librollout.so.*.*.* 2>/dev/null)
[ -n "$so" ] && [ -f "$L/$so" ] || fail "no usr/lib/librollout.so.X.Y.Z"
[ "$(readlink "$L/librollout.so.1")" = "$so" ] ||
	fail "librollout.so.1 does not point at $so"
[ "$(readlink "$L/librollout.so")" = librollout.so.1 ] ||
	fail "librollout.so does not point at librollout.so.1"
readelf -d "$L/$so" >dyn.txt
grep -q 'Library soname: \[librollout.so.1\]' dyn.txt || fail "soname is not librollout.so.1"
# position-independent code: no text relocations
! grep -q TEXTREL dyn.txt || fail "$so has text relocations (not built with -fPIC)"
for lib in libxml2 libglpk; do
	grep -q "NEEDED.*\[$lib\.so" dyn.txt || fail "$so does not name $lib"
done

# 2. rollout.pc: for PREFIX, without DESTDIR; dependencies private.
pc=$L/pkgconfig/rollout.pc
grep -qx 'prefix=/usr' "$pc" || fail "rollout.pc: prefix is not /usr"
! grep -qF "$D" "$pc" || fail "rollout.pc names the DESTDIR"
grep -qx 'Libs: -L${libdir} -lrollout' "$pc" || fail "rollout.pc: Libs"
grep -qx 'Requires.private: libxml-2.0 json-c libical' "$pc" || fail "rollout.pc: Requires.private"
grep -q '^Libs.private: .*-lglpk' "$pc" || fail "rollout.pc: Libs.private"

# 3. Exports: exactly the functions rollout.h declares, as the compiler
#    reads the header (gcc -aux-info; else the declarations' lines).
nm -D --defined-only "$L/$so" | awk '{ print $NF }' | sed 's/@.*//' |
	sort -u >exported
grep -v '^ro_' exported >other && fail "exports other than ro_*: $(cat other)"
printf '#include <rollout.h>\n' >aux.c
if "$CC" -std=c11 -I"$SRCDIR/include" -aux-info aux.txt -fsyntax-only aux.c \
	2>/dev/null; then
	grep -o '\bro_[a-z0-9_]* (' aux.txt | tr -d ' (' | sort -u >api
else
	sed -n 's/^[a-z][^(]*[ *]\(ro_[a-z0-9_]*\)(.*/\1/p' \
		"$SRCDIR/include/rollout.h" | sort -u >api
fi
[ "$(wc -l <api)" -gt 20 ] || fail "found too few functions in rollout.h"
diff -u api exported >diff.txt ||
	{ cat diff.txt; fail "the exports differ from the functions of rollout.h"; }
! grep -qx ro_site_load_memory exported || fail "an internal function is exported"

# 4. The example, built with pkg-config against the installed copy.  A
#    library built by make asan needs the sanitizers' runtimes in the program.
SAN=
nm "$L/librollout.a" 2>/dev/null | grep -q __asan_ && SAN=address
nm "$L/librollout.a" 2>/dev/null | grep -q __ubsan_ && SAN=${SAN:+$SAN,}undefined
CFL="-O1 -g -Werror${SAN:+ -fsanitize=$SAN}"
PKG_CONFIG_PATH=$L/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$D
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
pkg-config --cflags rollout | grep -qF -- "-I$D/usr/include/rollout" ||
	fail "pkg-config --cflags: $(pkg-config --cflags rollout)"
pkg-config --libs rollout | grep -qF -- "-L$L -lrollout" ||
	fail "pkg-config --libs: $(pkg-config --libs rollout)"
pkg-config --static --libs rollout | grep -q -- '-lglpk' ||
	fail "pkg-config --static --libs: $(pkg-config --static --libs rollout)"
# not the outer make's variables (B, CFLAGS) for the example's makefile
(unset MAKEFLAGS MAKELEVEL MFLAGS
 make -f "$SRCDIR/examples/Makefile.api" CC="$CC" CFLAGS="$CFL" \
	api_example api_example-static) >api.log 2>&1 ||
	{ cat api.log; fail "examples/Makefile.api did not build"; }

write_good_site site.xml
readelf -d api_example | grep -q 'NEEDED.*\[librollout.so.1\]' ||
	fail "api_example does not use librollout.so.1"
LD_LIBRARY_PATH=$L ./api_example site.xml shared.xml >out 2>err ||
	fail "api_example (shared) failed with status $?"
has out "t-good: placed 4 of 4 clients (status optimal)"
has out "schedule written to shared.xml"
empty err
LD_LIBRARY_PATH=$L ldd ./api_example | grep -qF "$L/librollout.so.1" ||
	fail "api_example did not load the installed librollout.so.1"

! readelf -d api_example-static | grep -q 'librollout' ||
	fail "api_example-static needs librollout.so"
./api_example-static site.xml static.xml >out 2>err ||
	fail "api_example-static failed with status $?"
has out "schedule written to static.xml"
empty err
cmp -s shared.xml static.xml || fail "the two builds wrote different schedules"
run 0 verify site.xml static.xml
exit 0
