#!/usr/bin/env bash
# Speed of a sweep: N points (default 1000) of the default GEMM (scenarios/ffn-up.json on
# configs/default.json: a 512x2048x1024 bf16 layer on 16 tiles, the NoC and two HBM3 stacks),
# Latin-hypercube samples of the clock (in 1 MHz steps, so that points are distinct), the array's
# dataflow and the DMA burst (the transaction granularity), on every core. Prints the wall time, points per second and the peak resident
# memory of the largest process. The goal: 1000 points in under 10 minutes on 2 cores.
# Usage: bash bench/sweep_1000.sh [POINTS] [LUMEN_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
points="${1:-1000}"
lumen="${2:-build/lumen}"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cat >"$work/sweep.json" <<JSON
{
  "name": "bench-$points",
  "platform": "$PWD/configs/default.json",
  "scenario": "$PWD/scenarios/ffn-up.json",
  "axes": [
    {"pointer": "/platform/chip/clock", "range": {"from": 0.8, "to": 1.6, "step": 0.001, "unit": "GHz"}},
    {"pointer": "/platform/chip/tile/matrix/dataflow", "values": ["ws", "os", "is"]},
    {"pointer": "/platform/chip/tile/dma/burst", "values": ["4 KiB", "8 KiB", "16 KiB", "32 KiB", "64 KiB"]}
  ],
  "sample": {"method": "latin_hypercube", "points": $points, "seed": 1},
  "objectives": [{"metric": "total_ns", "goal": "min"}, {"metric": "energy_pJ", "goal": "min"}]
}
JSON
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$lumen" sweep "$work/sweep.json" -j "$(nproc)" -o "$work/out" \
  >/dev/null 2>"$work/log"
end=$(date +%s.%N)
ok=$(grep -c ',ok,' "$work/out/results.csv" || true)
distinct=$(tail -n +2 "$work/out/results.csv" | cut -d, -f3-5 | sort -u | wc -l)
awk -v p="$points" -v ok="$ok" -v distinct="$distinct" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" -v cores="$(nproc)" 'BEGIN {
  t = e - s
  printf "sweep of %d points (%d ok, %d distinct) on %d cores: %.1f s, %.2f points/s, %.1f s per point per core\n", p, ok, distinct, cores, t, p / t, t * cores / p
  printf "1000 points would take %.1f min (goal: under 10)\n", 1000 / (p / t) / 60
  printf "peak resident memory of the largest process: %.1f MiB\n", rss / 1024
}'
