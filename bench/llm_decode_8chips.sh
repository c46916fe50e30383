#!/usr/bin/env bash
# Wall time of one Qwen2.5-1.5B decode step on 8 chips (scenarios/qwen-tp8.json: TP 2 x PP 4,
# 4 micro-batches, 4k context, on configs/ring8-optical.json), best of 5 whole `lumen run`
# processes, with the peak resident memory. The goal: under 1 s.
# Usage: bash bench/llm_decode_8chips.sh [LUMEN_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
lumen="${1:-build/lumen}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
best=""
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$lumen" run configs/ring8-optical.json \
    scenarios/qwen-tp8.json -o "$work/out" >/dev/null
  read -r wall rss <"$work/time"
  if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
    best="$wall"
    best_rss="$rss"
  fi
done
sim=$(python3 -c "import json; print(json.load(open('$work/out/report.json'))['run']['wall_s'])")
awk -v w="$best" -v s="$sim" -v rss="$best_rss" 'BEGIN {
  printf "Qwen2.5-1.5B decode step on 8 chips: %.3f s wall for the process (simulation %.3f s), %.1f MiB peak\n", w, s, rss / 1024
  printf "goal: under 1 s: %s (%.1fx margin)\n", (w < 1 ? "met" : "NOT met"), 1 / w
}'
