#!/usr/bin/env bash
# End-to-end speed of RTL co-simulation against the TLM model: the same `lumen run` with
# /platform/chip/tile/matrix/impl=tlm and =rtl, printing both compute_cycles (they must be
# equal) and the simulation wall times (report run.wall_s) and their ratio.
# Usage: bash bench/rtl_speedup.sh [lumen binary]   (run from the repository root)
set -euo pipefail
lumen="${1:-build/lumen}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
run() {  # $1 = label, then lumen run arguments
  local label="$1"; shift
  for impl in tlm rtl; do
    "$lumen" run "$@" --set /platform/chip/tile/matrix/impl=$impl \
      --set /platform/chip/tile/matrix/rate/int8=1 -o "$out/$label-$impl" >/dev/null
  done
  python3 - "$out/$label-tlm/report.json" "$out/$label-rtl/report.json" "$label" <<'PY'
import json, sys
t, r = (json.load(open(p)) for p in sys.argv[1:3])
ct, cr = t["metrics"]["compute_cycles"], r["metrics"]["compute_cycles"]
wt, wr = t["run"]["wall_s"], r["run"]["wall_s"]
tiles = r["metrics"]["tiles"]
print(f"{sys.argv[3]:<28} cycles tlm {ct:.0f} rtl {cr:.0f} ({'equal' if ct == cr else 'DIFFERENT'})"
      f"  wall tlm {wt:.4f} s rtl {wr:.3f} s  speed-up {wr / wt:.0f}x"
      f"  rtl {r['metrics']['compute_cycles_all_tiles'] / wr:.0f} array-cycles/s")
if ct != cr:
    sys.exit(1)
PY
}
run "single-tile int8 256^3"  configs/single-tile.json scenarios/gemm-int8.json
run "default 2x2 int8 512x2048x1024" configs/default.json scenarios/ffn-up.json --set /scenario/dtype=int8
