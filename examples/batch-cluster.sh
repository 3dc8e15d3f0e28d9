#!/bin/sh
# batch-cluster.sh - run a rollout batch manifest with an existing engine.
#
#   sh examples/batch-cluster.sh [-e parallel|xargs|slurm] [-j N] [-o OUTDIR]
#                                [-t SEC] MANIFEST
#
# The manifest is the one `rollout batch` reads (docs/batch.md): one line
# per site, "site-path [scenario[,scenario...]]", # comments, site paths
# relative to the manifest.  It is expanded into one run per (site,
# scenario), written to OUTDIR/runs.tsv (site, scenario or "base", output
# name; tab-separated, absolute paths), and then:
#
#   -e parallel  runs them here with GNU parallel (the default when GNU
#                parallel is installed; docs/batch.md shows the same over
#                ssh with --sshloginfile)
#   -e xargs     runs them here with xargs -P (the fallback)
#   -e slurm     writes a Slurm job-array script to standard output, one
#                array task per run (SLURM_ARRAY_TASK_ID picks the line of
#                runs.tsv); submit it with sbatch.  OUTDIR must be on a file
#                system the nodes share.
#
# Every run is `rollout plan`; its schedule goes to OUTDIR/<name>.xml, its
# output to OUTDIR/<name>.log and its exit status to OUTDIR/<name>.status,
# where <name> is the site file's name without .xml, then .<scenario>
# unless it is the base (the names rollout batch uses).  Locally the script
# prints one line per run and exits 1 if any run failed.
#
# ROLLOUT names the program (default: rollout from PATH).  Paths must not
# contain tabs or newlines.
set -u

# One run (called by parallel / xargs / the Slurm script through this file):
# --run-one SITE SCENARIO NAME, with ROLLOUT, OUTDIR, TIME_LIMIT set.
if [ "${1:-}" = --run-one ]; then
	site=$2 scen=$3 name=$4
	set -- "$ROLLOUT" plan -o "$OUTDIR/$name.xml" --time-limit "$TIME_LIMIT"
	[ "$scen" = base ] || set -- "$@" --scenario "$scen"
	"$@" -- "$site" >"$OUTDIR/$name.log" 2>&1
	rc=$?
	echo "$rc" >"$OUTDIR/$name.status"
	exit "$rc"
fi

usage() {
	echo "usage: $0 [-e parallel|xargs|slurm] [-j N] [-o OUTDIR] [-t SEC] MANIFEST" >&2
	exit 2
}

engine= jobs= outdir=batch-out limit=0
while getopts e:j:o:t: opt; do
	case $opt in
	e) engine=$OPTARG ;;
	j) jobs=$OPTARG ;;
	o) outdir=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
manifest=$1
[ -r "$manifest" ] || { echo "$0: cannot read '$manifest'" >&2; exit 3; }

if [ -z "$engine" ]; then
	if parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
		engine=parallel
	else
		engine=xargs
	fi
fi
case $engine in parallel|xargs|slurm) ;; *) usage ;; esac
if [ -z "$jobs" ]; then
	jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
fi
ROLLOUT=${ROLLOUT:-rollout}
case $ROLLOUT in
*/*) ROLLOUT=$(cd "$(dirname "$ROLLOUT")" && pwd)/$(basename "$ROLLOUT") ;;
esac

mkdir -p "$outdir" || exit 3
OUTDIR=$(cd "$outdir" && pwd)
mdir=$(cd "$(dirname "$manifest")" && pwd)
runs=$OUTDIR/runs.tsv
TIME_LIMIT=$limit
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
export ROLLOUT OUTDIR TIME_LIMIT

# Expand the manifest: one line per (site, scenario).  A comment starts at
# a # at the start of a line or after a blank, as in rollout batch.
awk -v dir="$mdir" -v OFS='\t' '
	{
		sub(/^#.*/, ""); sub(/[ \t]#.*/, "")
		if (NF == 0) next
		if (NF > 2) {
			printf "%s:%d: unexpected \"%s\" after the scenarios\n", \
				FILENAME, FNR, $3 > "/dev/stderr"
			bad = 1; next
		}
		site = $1 ~ /^\// ? $1 : dir "/" $1
		n = split(site, parts, "/"); stem = parts[n]
		sub(/\.xml$/, "", stem)
		if (NF == 1) { print site, "base", stem; next }
		k = split($2, sc, ",")
		for (i = 1; i <= k; i++)
			if (sc[i] == "" || sc[i] == "base")
				print site, "base", stem
			else
				print site, sc[i], stem "." sc[i]
	}
	END { exit bad }' "$manifest" >"$runs" || exit 1
total=$(wc -l <"$runs")
[ "$total" -gt 0 ] || { echo "$0: '$manifest' lists no runs" >&2; exit 1; }

sq() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

case $engine in
slurm)
	cat <<EOF
#!/bin/sh
# Slurm job array for $(basename "$manifest"): one task per line of
# runs.tsv ($total runs), at most $jobs at once.  Submit with: sbatch FILE
#SBATCH --job-name=rollout-batch
#SBATCH --array=1-$total%$jobs
#SBATCH --cpus-per-task=1
#SBATCH --output=$OUTDIR/slurm-%A_%a.out
set -u
ROLLOUT=$(sq "$ROLLOUT") OUTDIR=$(sq "$OUTDIR") TIME_LIMIT=$(sq "$TIME_LIMIT")
export ROLLOUT OUTDIR TIME_LIMIT
line=\$(sed -n "\${SLURM_ARRAY_TASK_ID:?run me with sbatch}p" $(sq "$runs"))
[ -n "\$line" ] || { echo "no run \$SLURM_ARRAY_TASK_ID" >&2; exit 2; }
site=\$(printf '%s\n' "\$line" | cut -f1)
scen=\$(printf '%s\n' "\$line" | cut -f2)
name=\$(printf '%s\n' "\$line" | cut -f3)
exec sh $(sq "$self") --run-one "\$site" "\$scen" "\$name"
EOF
	exit 0
	;;
parallel)
	parallel --will-cite -j "$jobs" --colsep '\t' \
		sh "$self" --run-one {1} {2} {3} :::: "$runs"
	;;
xargs)
	tr '\t\n' '\000\000' <"$runs" |
		xargs -0 -n 3 -P "$jobs" sh "$self" --run-one
	;;
esac

# One line per run, in manifest order; exit 1 if any failed.
failed=0
while IFS='	' read -r site scen name; do
	rc=$(cat "$OUTDIR/$name.status" 2>/dev/null || echo '?')
	if [ "$rc" = 0 ]; then
		echo "$name: ok ($OUTDIR/$name.xml)"
	else
		echo "$name: failed (exit $rc; see $OUTDIR/$name.log)"
		failed=$((failed + 1))
	fi
done <"$runs"
echo "$failed of $total runs failed"
[ "$failed" -eq 0 ]
