# test-lib.sh - sourced by every tests/cli/tNNNN-*.sh (git t/ style).
#
# Provides $ROLLOUT (the program under test, required), $SRCDIR (the source
# tree), a scratch directory $T (removed on exit, and the current directory),
# and helpers that print what went wrong and exit non-zero.
set -u
: "${ROLLOUT:?set ROLLOUT to the rollout program}"
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/rollout-t.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

fail() {
	echo "FAIL: $*"
	for f in out err; do
		[ -s "$T/$f" ] && { echo "--- std$f:"; sed 's/^/    /' "$T/$f"; }
	done
	exit 1
}

# run EXPECTED_STATUS ARGS...: runs rollout ARGS with stdout in $T/out and
# stderr in $T/err, and checks the exit status.
run() {
	want=$1
	shift
	"$ROLLOUT" "$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] ||
		fail "rollout $*: exit status $got, expected $want"
}

# has FILE TEXT: FILE (out or err) contains the fixed string TEXT, where a
# line break in FILE matches a blank in TEXT (paragraphs are wrapped).
has() {
	tr '\n' ' ' <"$T/$1" | grep -qF -- "$2" || fail "std$1 lacks: $2"
}

# hasnt FILE TEXT
hasnt() {
	! grep -qF -- "$2" "$T/$1" || fail "std$1 should not contain: $2"
}

# empty FILE
empty() {
	[ ! -s "$T/$1" ] || fail "std$1 should be empty"
}

# same FILE EXPECTED_FILE: exact comparison, with a diff on failure.
same() {
	diff -u "$2" "$T/$1" >"$T/diff" 2>&1 ||
		{ cat "$T/diff"; fail "std$1 differs from the expected text"; }
}

# verified SITE SCHEDULE [VERIFY-OPTIONS...]: the schedule a test wrote reads
# back against SITE and passes rollout verify (every constraint, every claim
# of the file, the actions), so that the write -> read -> verify path is
# tested for every schedule the tests make.  $T/out and $T/err are left
# alone.
verified() {
	v_site=$1
	v_sched=$2
	shift 2
	"$ROLLOUT" verify "$@" "$v_site" "$v_sched" >"$T/verify.out" 2>&1 || {
		sed 's/^/    /' "$T/verify.out"
		fail "$v_sched does not pass rollout verify $* $v_site"
	}
	# a per-client schedule is feasible; an SMS 2.0 one is valid: its
	# actions give the forecast it states
	grep -q '^schedule is feasible: \|: valid: its actions give this forecast: ' \
		"$T/verify.out" ||
		fail "rollout verify $v_site $v_sched: no feasible line"
}

# A small valid site: 1 link, 1 CAP, 4 clients (one client, a group of 3).
write_good_site() {
	cat >"$1" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<site version="1" name="t-good">
  <horizon start="2026-11-30T08:00" end="2026-12-01T08:00" slot-minutes="15"/>
  <calendars>
    <calendar id="always"><on days="Mon-Sun"/></calendar>
  </calendars>
  <network>
    <link id="lan" kind="lan" capacity-kbps="10000"/>
  </network>
  <servers>
    <cap id="cap1" link="lan"/>
  </servers>
  <payload base-mb="8"/>
  <clients>
    <client id="A" os="winnt" segment="lan" cap="cap1" calendar="always" triggers="push"/>
    <group id="g" count="3" os="win95" segment="lan" cap="cap1" calendar="always" triggers="push"/>
  </clients>
  <scenarios>
    <scenario id="short">
      <horizon end="2026-11-30T20:00"/>
    </scenario>
  </scenarios>
</site>
XML
}
