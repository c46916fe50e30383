#!/bin/bash
# HBM speed against Ramulator 2.1: both simulators run the same traffic (same standard, channels,
# queues, mapping, refresh, the same trace of 32 B requests) in this one script, best of three
# wall-clock runs each, and it prints DRAM requests (32 B accesses) per wall second, the peak
# resident memory of each simulator and the ratio.
#
#   bash bench/hbm_ratio.sh [build-dir]        (default: build)
#
# Ramulator 2.1 must be built outside the tree first, as tests/data/ramulator2/README.md says
# (RAM=/tmp/ram21 by default, with its ramulator2_run driver). Without it, only Lumen's rates
# are printed. Lumen is timed as a whole process (start-up, config, report), as Ramulator is
# (YAML, trace load); Lumen's TLM transaction size is shown (32 B = one TLM transaction per DRAM
# request, as in Ramulator; 1 KiB for the sequential patterns is the DMA-like setting).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
LUMEN=$BUILD/lumen
RAM=${RAM:-/tmp/ram21}
WORK=${WORK:-/tmp/lumen_hbm_bench}
HARNESS=$ROOT/tests/data/ramulator2/harness
mkdir -p "$WORK/configs" "$WORK/traces"
for tool in /usr/bin/time bc; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install -y time bc)"; exit 1; }
done

# Least wall time of five runs of "$@" (this kind of machine is noisy); sets BEST (s) and RSS
# (peak resident KiB of that run).
best_of_5() {
  BEST= RSS=
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > /dev/null 2>&1
    read -r t kib < "$WORK/time.txt"
    if [ -z "$BEST" ] || (( $(echo "$t < $BEST" | bc -l) )); then BEST=$t; RSS=$kib; fi
  done
}

have_ramulator=0
if [ -x "$RAM/ramulator2_run" ]; then
  have_ramulator=1
  PYTHONPATH=$RAM/python python3 "$HARNESS/gen_configs.py" "$WORK/configs" "$WORK/traces" > /dev/null
else
  echo "note: no Ramulator 2 at $RAM (see tests/data/ramulator2/README.md); printing Lumen only"
fi

printf '%-6s %3s %-12s %8s %8s | %12s %8s | %12s %12s %8s | %7s %7s\n' standard ch pattern \
  requests "txn" "ramulator/s" "RSS MiB" "lumen32B/s" "lumen txn/s" "RSS MiB" "ratio32" "ratio"
# standard, Ramulator system name, channels, pattern, requests, capacity bytes, Lumen platform
while read -r STD SYS CH PAT N CAP PLAT; do
  TXN="32 B"
  case $PAT in seq_*) TXN="1 KiB" ;; rand_read64) TXN="64 B" ;; esac
  for size in "32 B" "$TXN"; do
    tag=${size// /}
    echo "{\"kind\": \"memory\", \"pattern\": \"$PAT\", \"requests\": $N, \"transaction\": \"$size\"}" \
      > "$WORK/$PAT-$tag.json"
  done
  args=(run "$ROOT/tests/data/ramulator2/$PLAT" --set "/platform/chip/hbm/channels=$CH" -o "$WORK/out")
  best_of_5 "$LUMEN" "${args[@]:0:2}" "$WORK/$PAT-32B.json" "${args[@]:2}"
  l32=$BEST
  best_of_5 "$LUMEN" "${args[@]:0:2}" "$WORK/$PAT-${TXN// /}.json" "${args[@]:2}"
  ltx=$BEST lrss=$((RSS / 1024))
  rate_l32=$(echo "$N / $l32" | bc -l)
  rate_ltx=$(echo "$N / $ltx" | bc -l)
  if [ $have_ramulator = 1 ]; then
    trace=$WORK/traces/${PAT}_N${N}_C${CAP}.trace
    [ -f "$trace" ] || python3 "$HARNESS/gen_trace.py" "$PAT" "$N" "$CAP" "$trace"
    sed "s|TRACE_PATH|$trace|" "$WORK/configs/${SYS}_RoBaRaCoCh_saturate.yaml" > "$WORK/ram.yaml"
    best_of_5 "$RAM/ramulator2_run" "$WORK/ram.yaml" "$WORK/ram.stats.yaml"
    rate_r=$(echo "$N / $BEST" | bc -l)
    printf '%-6s %3s %-12s %8s %8s | %12.0f %8s | %12.0f %12.0f %8s | %6.1fx %6.1fx\n' "$STD" "$CH" \
      "$PAT" "$N" "$TXN" "$rate_r" "$((RSS / 1024))" "$rate_l32" "$rate_ltx" "$lrss" \
      "$(echo "$rate_l32 / $rate_r" | bc -l)" "$(echo "$rate_ltx / $rate_r" | bc -l)"
  else
    printf '%-6s %3s %-12s %8s %8s | %12s %8s | %12.0f %12.0f %8s |\n' "$STD" "$CH" "$PAT" "$N" \
      "$TXN" - - "$rate_l32" "$rate_ltx" "$lrss"
  fi
done <<'CASES'
HBM2 HBM2_2000_1ch 1 seq_read 200000 2147483648 hbm2.json
HBM2 HBM2_2000_8ch 8 seq_read 400000 17179869184 hbm2.json
HBM2 HBM2_2000_8ch 8 mix_2r1w 400000 17179869184 hbm2.json
HBM2 HBM2_2000_8ch 8 rand_read64 400000 17179869184 hbm2.json
HBM3 HBM3_6400_16ch 16 seq_read 400000 17179869184 hbm3.json
HBM3 HBM3_6400_16ch 16 seq_write 400000 17179869184 hbm3.json
HBM3 HBM3_6400_16ch 16 rand_read64 400000 17179869184 hbm3.json
CASES
