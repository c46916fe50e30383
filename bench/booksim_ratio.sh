#!/usr/bin/env bash
# Lumen's NoC against BookSim2 on the same network and traffic: an 8×8 mesh, DOR, 2 VCs × 8
# flits, 4-flit packets, uniform random at 0.3 flits/node/cycle (tests/data/booksim2/mesh.cfg).
# BookSim2 is built outside the tree as tests/data/booksim2/README.md says; point BOOKSIM at the
# binary. Both simulate the same number of cycles (BookSim's own count, read from its log);
# prints the wall times (best of 3), the ratio, and both latencies.
#   BOOKSIM=/tmp/booksim-work/booksim2/src/booksim bash bench/booksim_ratio.sh [build-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
booksim=${BOOKSIM:-/tmp/booksim-work/booksim2/src/booksim}
[ -x "$booksim" ] || { echo "BookSim2 not found at $booksim (see tests/data/booksim2/README.md)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
best() {  # best wall seconds of 3 runs of "$@", output of the last kept in $work/out
  local best=999999
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" > "$work/out" 2>&1 || true
    end=$(date +%s.%N)
    best=$(echo "$end - $start" | bc -l | awk -v b="$best" '{ print ($1 < b) ? $1 : b }')
  done
  echo "$best"
}
cfg=$root/tests/data/booksim2/mesh.cfg
booksim_s=$(best "$booksim" "$cfg" k=8 injection_rate=0.3 packet_size=4)
cycles=$(grep -o 'Time taken is [0-9]*' "$work/out" | awk '{print $4}')
booksim_latency=$(grep 'Packet latency average' "$work/out" | tail -1 | awk '{print $5}')
cat > "$work/s.json" <<JSON
{"kind": "noc", "pattern": "uniform", "packet": "96 B", "rates": [0.3],
 "warmup_cycles": 30000, "measure_cycles": $((cycles - 30000))}
JSON
cat > "$work/p.json" <<JSON
{"extends": "$root/configs/large.json", "chip": {"noc": {"topology": "mesh", "link_width": "32 B"}}}
JSON
lumen_s=$(best "$build/lumen" run "$work/p.json" "$work/s.json" -o "$work/r")
lumen_latency=$(python3 -c "import json;print(round(json.load(open('$work/r/report.json'))['series']['latency_load'][0]['latency_cycles'],2))")
echo "cycles simulated: $cycles (BookSim's count)"
echo "BookSim2: ${booksim_s} s, packet latency ${booksim_latency} cycles"
echo "Lumen:    ${lumen_s} s, packet latency ${lumen_latency} cycles"
echo "speed-up: $(echo "$booksim_s / $lumen_s" | bc -l | xargs printf '%.1f')x"
