#!/usr/bin/env bash
# Builds the libFuzzer target over the config loader and validator and runs it for a bounded
# time (default 60 s), seeded with every shipped config and scenario. Findings are written to
# build-fuzz/findings/ and make this script fail; turn each into a test in tests/data/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v clang++ >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y clang; }
dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "install ok installed" ||
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libclang-rt-14-dev; }
cmake --preset fuzz
cmake --build --preset fuzz -j "$(nproc)"
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/findings
for f in configs/*.json configs/schema/*.json scenarios/*.json scenarios/schema/*.json tests/data/fuzz/*; do
  [ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"
done
ASAN_OPTIONS=detect_leaks=1 ./build-fuzz/fuzz/config_fuzzer "$corpus" -max_total_time="$seconds" \
  -timeout=5 -rss_limit_mb=2048 -artifact_prefix=build-fuzz/findings/ -print_final_stats=1 2>&1 | tail -n 25
