#!/bin/sh
# The public API (include/rollout.h): the header compiles on its own, its
# structs and constants match the library's own headers, and
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

# 1. rollout.h alone is enough to use the API.
cat >alone.c <<'C'
#include <rollout.h>
int main(void)
{
	struct ro_diag d;
	struct ro_solve_opts o;

	ro_diag_init(&d);
	ro_solve_opts_init(&o);
	ro_diag_release(&d);
	return o.objective == RO_OBJ_LEXICOGRAPHIC && ro_strerror(RO_EIO) ? 0 : 1;
}
C
$CC $CFLAGS -I"$INC" alone.c "$LIB" $XML_LIBS -lglpk -lm -o alone 2>cc.err ||
	{ cat cc.err; fail "rollout.h does not compile on its own"; }
./alone || fail "alone: wrong defaults"

# 2. Its accessors are declared as the library declares them.
cat >both.c <<'C'
#include <rollout.h>
#include "model/api.h"
int both(void);
int both(void) { return 0; }
C
$CC $CFLAGS -I"$INC" -I"$SRCDIR" -c both.c -o both.o 2>cc.err ||
	{ cat cc.err; fail "rollout.h and model/api.h disagree"; }

# 3. The structs and constants spelt out in rollout.h have the library's
#    layout and values: the same program built against each header set.
cat >layout.c <<'C'
#include <stddef.h>
#include <stdio.h>
#ifdef PUBLIC
#include <rollout.h>
#else
#include "model/diag.h"
#include "model/error.h"
#include "model/plan.h"
#include "solver/solve.h"
#endif
#define S(t) printf(#t " %zu\n", sizeof(struct t))
#define O(t, f) printf(#t "." #f " %zu\n", offsetof(struct t, f))
#define V(e) printf(#e " %d\n", (int)(e))
int main(void)
{
	S(ro_diag); O(ro_diag, v); O(ro_diag, n); O(ro_diag, cap);
	O(ro_diag, dropped); O(ro_diag, oom);
	S(ro_diag_entry); O(ro_diag_entry, file); O(ro_diag_entry, line);
	O(ro_diag_entry, msg);
	S(ro_solve_opts); O(ro_solve_opts, objective);
	O(ro_solve_opts, has_deadline); O(ro_solve_opts, deadline);
	O(ro_solve_opts, time_limit); O(ro_solve_opts, gap);
	O(ro_solve_opts, mem_limit_mb); O(ro_solve_opts, write_lp);
	O(ro_solve_opts, write_mps); O(ro_solve_opts, progress);
	O(ro_solve_opts, progress_ud); O(ro_solve_opts, interrupt);
	V(RO_OK); V(RO_ENOMEM); V(RO_EIO); V(RO_EPARSE); V(RO_ESCHEMA);
	V(RO_EINVAL); V(RO_ESOLVER); V(RO_ENOPLAN); V(RO_ETIMELIMIT);
	V(RO_EINTR); V(RO_EVERIFY); V(RO_EARG); V(RO_ELIMIT);
	V(RO_OBJ_LEXICOGRAPHIC); V(RO_OBJ_PEAK);
	V(RO_STATUS_OPTIMAL); V(RO_STATUS_FEASIBLE); V(RO_STATUS_TIME_LIMIT);
	V(RO_STATUS_INTERRUPTED); V(RO_STATUS_NO_PLAN);
	V(RO_REASON_NONE); V(RO_REASON_NO_OPPORTUNITY); V(RO_REASON_RAS_ONLY);
	V(RO_REASON_WINDOW); V(RO_REASON_CAPACITY); V(RO_REASON_HORIZON);
	V(RO_TIME_BUFSZ); V(sizeof(ro_time));
	return 0;
}
C
$CC $CFLAGS -DPUBLIC -I"$INC" layout.c -o layout-public 2>cc.err &&
$CC $CFLAGS -I"$SRCDIR" layout.c -o layout-internal 2>>cc.err ||
	{ cat cc.err; fail "layout programs do not build"; }
./layout-public >public.txt && ./layout-internal >internal.txt ||
	fail "layout programs failed"
diff -u internal.txt public.txt || fail "rollout.h differs from the library"

# 4. The example, against the library in the build directory.
$CC $CFLAGS -I"$INC" "$SRCDIR/examples/api_example.c" "$LIB" $XML_LIBS \
	-lglpk -lm -o api_example 2>cc.err ||
	{ cat cc.err; fail "examples/api_example.c does not build"; }
write_good_site site.xml
./api_example site.xml schedule.xml >out 2>err ||
	fail "api_example failed with status $?"
has out "t-good: placed 4 of 4 clients (status optimal)"
has out "makespan: 3 slots of 15 minutes, the last client done at 2026-11-30T08:45"
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
