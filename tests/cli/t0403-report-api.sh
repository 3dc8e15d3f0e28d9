#!/bin/sh
# The public API (include/rollout.h): the header compiles on its own, the
# library's own headers compile beside it, and
# examples/api_example.c builds against librollout.a (next to $ROLLOUT) and
# plans a site.  Skipped when there is no C compiler or no librollout.a.
. "$(dirname "$0")/test-lib.sh"
CC=${CC:-cc}
LIB=$(dirname "$ROLLOUT")/librollout.a
if ! command -v "$CC" >/dev/null 2>&1 || [ ! -f "$LIB" ]; then
	echo "skip: no C compiler or no $LIB, API not built"
	exit 0
fi
CFLAGS="-std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow -Werror"
XML_LIBS=$(pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
# a library built by make asan needs its sanitizers' runtimes to link
SAN=
if command -v nm >/dev/null 2>&1; then
	nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN=address
	nm "$LIB" 2>/dev/null | grep -q __ubsan_ && SAN=${SAN:+$SAN,}undefined
fi
[ -n "$SAN" ] && CFLAGS="$CFLAGS -fsanitize=$SAN"
INC=$SRCDIR/include

# 1. rollout.h alone is enough to use the API, options included.
cat >alone.c <<'C'
#include <rollout.h>
int main(void)
{
	struct ro_diag d;
	struct ro_solve_opts *o = ro_solve_opts_new();
	int ok = o && ro_strerror(RO_EIO) &&
		 ro_solve_opts_set_time_limit(o, 5) == RO_OK &&
		 ro_solve_opts_set_time_limit(o, -1) == RO_EARG &&
		 ro_solve_opts_set_gap(o, 2) == RO_EARG &&
		 ro_solve_opts_set_objective(o, RO_OBJ_PEAK) == RO_OK &&
		 ro_solve_opts_set_export(NULL, NULL, NULL,
					  RO_EXPORT_PLAIN) == RO_EARG;

	ro_diag_init(&d);
	ro_diag_release(&d);
	ro_solve_opts_free(o);
	return ok ? 0 : 1;
}
C
$CC $CFLAGS -I"$INC" alone.c "$LIB" $XML_LIBS -lglpk -lm -o alone 2>cc.err ||
	{ cat cc.err; fail "rollout.h does not compile on its own"; }
./alone || fail "alone: the options' setters misbehave"

# 2. The library's headers include rollout.h for what they share with it
#    (declared once): with it in the same unit, they still compile.
cat >both.c <<'C'
#include <rollout.h>
#include "io/schedule.h"
#include "io/site_read.h"
#include "model/alloc.h"
#include "model/diag.h"
#include "model/error.h"
#include "model/rtime.h"
#include "solver/solve.h"
int both(void);
int both(void) { return RO_OK; }
C
$CC $CFLAGS -I"$INC" -I"$SRCDIR" $(pkg-config --cflags libxml-2.0 2>/dev/null) \
	-c both.c -o both.o 2>cc.err ||
	{ cat cc.err; fail "rollout.h and the library's headers disagree"; }

# 4. The example, against the library in the build directory.
$CC $CFLAGS -I"$INC" "$SRCDIR/examples/api_example.c" "$LIB" $XML_LIBS \
	-lglpk -lm -o api_example 2>cc.err ||
	{ cat cc.err; fail "examples/api_example.c does not build"; }
write_good_site site.xml
./api_example site.xml schedule.xml >out 2>err ||
	fail "api_example failed with status $?"
has out "t-good: placed 4 of 4 clients (status optimal)"
# the site is planned in its SMS 2.0 mode: released at 08:00, the CAP has
# the files at 09:00, the four are triggered then and the Win95 ones
# restart by 09:45 (see t0302-batch.sh)
has out "makespan: 7 slots of 15 minutes, the last client done at 2026-11-30T09:45"
has out "schedule written to schedule.xml"
empty err
verified site.xml schedule.xml
# the same plan as the program's
run 0 plan site.xml -o plan.xml -q --time-limit 30   # as the example
verified site.xml plan.xml
cmp -s schedule.xml plan.xml || fail "the API's schedule differs from rollout plan's"

# errors come back as messages, not prints from the library
./api_example nosuch.xml s.xml >out 2>err && fail "api_example succeeded on a missing site"
has err "api_example: nosuch.xml: cannot open 'nosuch.xml'"
exit 0
