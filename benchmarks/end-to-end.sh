#!/usr/bin/env bash
# Times the published app end to end, a new process per run, and prints each run's wall time and
# peak memory, then the minimum, median and maximum (docs/performance.md says why pauses matter).
#   benchmarks/end-to-end.sh [RUNS] [PAUSE_SECONDS] [SCENARIO] [-- extra capsim run arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
pause="${2:-0}"
scenario="${3:-scenarios/meta-superintelligence.yaml}"
shift $(( $# < 3 ? $# : 3 ))
[[ "${1:-}" == "--" ]] && shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
scripts/publish.sh "$work/app" > /dev/null
for i in $(seq 1 "$runs"); do
  (( i > 1 )) && sleep "$pause"
  /usr/bin/time -f "%e %M" -o "$work/time" "$work/app/capsim" run "$scenario" --out "$work/out" "$@" > /dev/null
  read -r seconds kilobytes < "$work/time"
  echo "run $i: $seconds s wall, $(( kilobytes / 1024 )) MB peak"
  echo "$seconds" >> "$work/all"
done
sort -n "$work/all" | awk '{ v[NR] = $1 } END {
  median = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%d runs: min %.2f s, median %.2f s, max %.2f s\n", NR, v[1], median, v[NR] }'
