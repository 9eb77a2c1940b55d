#!/usr/bin/env bash
# cost.sh: measure the CPU, wall time and peak RSS of retryvet against the
# floor driver (bench/floor), which pays only what every inspect-based
# analyzer pays: loading, parsing, type-checking and one inspector walk.
#
# Four configurations run per target:
#   floor        the floor
#   factfloor    the floor with a dummy fact type (FLOOR_FACTS=1): every
#                dependency is loaded from source, as with facts
#   retryvet     retryvet as shipped (its idempotency check uses facts);
#                compared with factfloor
#   nofacts      retryvet -facts=false (no fact types); compared with floor
#   vet          the analyzers of cmd/vet in the same driver (bench/vetsuite):
#                the anchor, what users already pay for go vet
#
# Usage (from the repo root):
#
#   bash bench/cost.sh [runs] [target...]
#
# runs defaults to 5, targets default to "std". A target that is a
# directory (a module checked out elsewhere, say) is analysed as ./...
# from inside it; std@N is the first N percent of `go list std` (nested
# subsets, for scaling). Each target is analyzed by
# every configuration, alternating floor, factfloor, retryvet, nofacts, ...
# so that drift in machine load or caches hits all alike, each run as
#   BIN -engine=inprocess [-facts=false] -test=false TARGET
# (the in-process engine: the floor and the suites compared in the same
# process; bench/engine.sh measures the vet engine against go vet)
# under /usr/bin/time. Exit codes 0 and 3 (findings) are accepted; any other
# exit code, or a Go panic / fatal error in stderr, fails the script.
#
# Environment:
#   RETRYVET_BIN  use this retryvet binary instead of building ./cmd/retryvet
#   FLOOR_BIN     use this floor binary instead of building ./bench/floor
#   BENCH_WARMUP  number of untimed floor runs per target before timing
#                 (default 1; fills the OS file cache and the go build cache)
#   BENCH_KEEP    if set to 1, keep the scratch directory (raw timings, stderr)
#
# Exit status: 0 on success, 1 on any failure.
set -euo pipefail

usage() {
	echo "usage: bash bench/cost.sh [runs] [target...]" >&2
	exit 1
}

runs=5
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
	runs=$1
	shift
fi
[[ $runs -ge 1 ]] || usage
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(std)

# Run from the repo root whatever the caller's directory.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

[[ -x /usr/bin/time ]] || {
	echo "cost.sh: /usr/bin/time (GNU time) is required" >&2
	exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/retryvet-cost.XXXXXX")
cleanup() {
	if [[ ${BENCH_KEEP:-0} == 1 ]]; then
		echo "cost.sh: kept $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

build() { # build OUT PKG
	echo "cost.sh: building $2" >&2
	go build -o "$1" "$2"
}

vet_bin=${VETSUITE_BIN:-}
if [[ -z $vet_bin ]]; then
	vet_bin=$work/vetsuite
	build "$vet_bin" ./bench/vetsuite
fi
floor_bin=${FLOOR_BIN:-}
if [[ -z $floor_bin ]]; then
	floor_bin=$work/floor
	build "$floor_bin" ./bench/floor
fi
retryvet_bin=${RETRYVET_BIN:-}
if [[ -z $retryvet_bin ]]; then
	retryvet_bin=$work/retryvet
	build "$retryvet_bin" ./cmd/retryvet
fi
for b in "$floor_bin" "$retryvet_bin"; do
	[[ -x $b ]] || {
		echo "cost.sh: $b is not an executable" >&2
		exit 1
	}
done

# run NAME BIN TARGET I: one timed run; appends "cpu wall rss" to
# $work/NAME.TARGET.dat (TARGET sanitized) unless I is "warmup".
run() {
	local name=$1 bin=$2 target=$3 i=$4
	local env=() args=()
	case $name in
	factfloor) env=(FLOOR_FACTS=1) ;;
	nofacts) args=(-facts=false) ;;
	esac
	local tag=${target//[^A-Za-z0-9._-]/_}
	local tf=$work/time.out ef=$work/$name.$tag.$i.stderr
	local rc=0
	local dir=. patterns=("$target")
	if [[ -d $target ]]; then
		dir=$target patterns=(./...)
	elif [[ $target == std@* ]]; then
		local pct=${target#std@} all
		mapfile -t all < <(go list std)
		patterns=("${all[@]:0:$((${#all[@]} * pct / 100))}")
	fi
	(cd "$dir" && env "${env[@]}" /usr/bin/time -o "$tf" -f '%U %S %e %M' \
		"$bin" -engine=inprocess "${args[@]}" -test=false "${patterns[@]}") >/dev/null 2>"$ef" || rc=$?
	if [[ $rc -ne 0 && $rc -ne 3 ]]; then
		echo "cost.sh: $name -test=false $target exited $rc; stderr tail:" >&2
		tail -n 20 "$ef" >&2
		exit 1
	fi
	# A Go panic or fatal error prints "panic: " / "fatal error: " at the start
	# of a line, followed by goroutine dumps. Anchored so that a diagnostic
	# positioned in, say, runtime/panic.go does not count.
	if grep -Eq '^(panic: |fatal error: |goroutine [0-9]+ \[)' "$ef"; then
		echo "cost.sh: $name -test=false $target panicked; stderr tail:" >&2
		tail -n 20 "$ef" >&2
		exit 1
	fi
	# GNU time prefixes "Command exited with non-zero status N" for rc != 0;
	# the figures are on the last line.
	local line
	line=$(tail -n 1 "$tf")
	local user sys wall rss
	read -r user sys wall rss <<<"$line"
	local cpu
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	if [[ $i == warmup ]]; then
		printf '  %-8s %-10s warmup   cpu %7ss  wall %7ss  rss %8d KiB  exit %d\n' \
			"$name" "$target" "$cpu" "$wall" "$rss" "$rc" >&2
		return
	fi
	local nf
	nf=$(grep -c '' "$ef" || true)
	printf '  %-8s %-10s run %-3d  cpu %7ss  wall %7ss  rss %8d KiB  exit %d  (%d stderr lines)\n' \
		"$name" "$target" "$i" "$cpu" "$wall" "$rss" "$rc" "$nf" >&2
	echo "$cpu $wall $rss" >>"$work/$name.$tag.dat"
}

# median FILE COLUMN: median of one column (average of the middle two if
# the count is even).
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		{ v[NR] = $1 }
		END {
			if (NR == 0) { print "NaN"; exit }
			if (NR % 2) print v[(NR + 1) / 2]
			else print (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

echo "cost.sh: floor=$floor_bin" >&2
echo "cost.sh: retryvet=$retryvet_bin" >&2
echo "cost.sh: $runs runs per binary per target; go $(go env GOVERSION), $(nproc) CPUs" >&2

warmup=${BENCH_WARMUP:-1}
for target in "${targets[@]}"; do
	for ((w = 1; w <= warmup; w++)); do
		run floor "$floor_bin" "$target" warmup
	done
	for ((i = 1; i <= runs; i++)); do
		run floor "$floor_bin" "$target" "$i"
		run factfloor "$floor_bin" "$target" "$i"
		run retryvet "$retryvet_bin" "$target" "$i"
		run nofacts "$retryvet_bin" "$target" "$i"
		run vet "$vet_bin" "$target" "$i"
	done
done

echo
printf '%-10s %-9s %12s %12s %14s\n' target config "cpu s (med)" "wall s (med)" "rss MiB (med)"
for target in "${targets[@]}"; do
	tag=${target//[^A-Za-z0-9._-]/_}
	for name in floor factfloor retryvet nofacts vet; do
		f=$work/$name.$tag.dat
		printf '%-10s %-9s %12.2f %12.2f %14.1f\n' "$target" "$name" \
			"$(median "$f" 1)" "$(median "$f" 2)" \
			"$(awk -v k="$(median "$f" 3)" 'BEGIN { print k / 1024 }')"
	done
	ratio() { # ratio NAME BASE [NOTE]: NOTE replaces the budget verdict
		local bc rc br rr note=${3:-}
		bc=$(median "$work/$2.$tag.dat" 1)
		rc=$(median "$work/$1.$tag.dat" 1)
		br=$(median "$work/$2.$tag.dat" 3)
		rr=$(median "$work/$1.$tag.dat" 3)
		awk -v t="$target" -v n="$1/$2" -v bc="$bc" -v rc="$rc" -v br="$br" -v rr="$rr" -v note="$note" 'BEGIN {
			cr = (bc > 0) ? rc / bc : 0
			if (note == "") note = "cpu budget 1.10x: " ((cr <= 1.10) ? "within" : "OVER")
			printf "%-10s %-19s cpu %.3fx  rss %.3fx  (%s)\n", t, n, cr, (br > 0) ? rr / br : 0, note
		}'
	}
	ratio retryvet factfloor
	ratio nofacts floor
	ratio factfloor floor "what facts cost any suite"
	ratio retryvet vet "against go vet's own suite, for scale"
done
