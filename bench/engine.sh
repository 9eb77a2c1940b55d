#!/usr/bin/env bash
# engine.sh: measure the standalone driver's engines against go vet with
# retryvet as its tool: peak RSS (the largest process: GNU time reports
# the maximum over the process and every descendant waited for), wall
# time and CPU time (user+sys of the whole tree), warm (a build cache
# that already holds the results) and cold (an empty GOCACHE for each
# run).
#
# Usage (from anywhere):
#
#   bash bench/engine.sh DIR PATTERN [flags...]
#
# runs, in DIR, one at a time:
#   vet        go vet -vettool=retryvet [flags] PATTERN
#   engine     retryvet [flags] PATTERN            (the vet engine)
#   inprocess  retryvet -engine=inprocess [flags] PATTERN
# warm (after one untimed run of each) and cold, and prints one line per
# run: config, cache, max RSS (MB), wall (s), CPU (s). Set SKIP_INPROCESS=1
# to leave out the in-process engine, RUNS to repeat the warm runs
# (default 1). Exit statuses 0, 1 (go vet's findings) and 3 are accepted.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=$1
pattern=$2
shift 2
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$root" && go build -o "$bin/retryvet" ./cmd/retryvet)
rv=$bin/retryvet

measure() { # name cache cmd...
	local name=$1 cache=$2
	shift 2
	local out=$bin/time.out code=0
	/usr/bin/time -v -o "$out" nice -n 10 "$@" >/dev/null 2>"$bin/stderr" || code=$?
	case $code in 0 | 1 | 3) ;; *)
		echo "$name: exit status $code" >&2
		cat "$bin/stderr" >&2
		exit 1
		;;
	esac
	awk -v name="$name" -v cache="$cache" '
		/Maximum resident set size/ { rss = $NF / 1024 }
		/User time/ { cpu += $NF }
		/System time/ { cpu += $NF }
		/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
		END { printf "%-10s %-5s %8.0f MB %8.2f s wall %8.2f s CPU\n", name, cache, rss, wall, cpu }' "$out"
}

configs=(vet engine)
[[ ${SKIP_INPROCESS:-0} == 1 ]] || configs+=(inprocess)
command_of() {
	case $1 in
	vet) echo go vet -vettool="$rv" ;;
	engine) echo "$rv" ;;
	inprocess) echo "$rv" -engine=inprocess ;;
	esac
}

cd "$dir"
for c in "${configs[@]}"; do
	# shellcheck disable=SC2046
	$(command_of "$c") "$@" "$pattern" >/dev/null 2>&1 || true # warm up
done
for ((i = 0; i < ${RUNS:-1}; i++)); do
	for c in "${configs[@]}"; do
		# shellcheck disable=SC2046
		measure "$c" warm $(command_of "$c") "$@" "$pattern"
	done
done
for c in "${configs[@]}"; do
	cache=$(mktemp -d)
	# shellcheck disable=SC2046
	GOCACHE=$cache measure "$c" cold $(command_of "$c") "$@" "$pattern"
	rm -rf "$cache"
done
