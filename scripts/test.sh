#!/usr/bin/env bash
# Builds Lumen and runs every test: the default build, then the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, after a bounded (60 s) libFuzzer run over the
# config loader and validator. --no-sanitizers runs the default build's tests only.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
export LUMEN_WERROR=ON  # -Wall -Wextra clean, or the build fails (CMakeLists.txt)
jobs="$(nproc)"
cmake --preset default
cmake --build --preset default -j "$jobs"
ctest --preset default -j "$jobs"
if [ "${1:-}" != "--no-sanitizers" ]; then
  bash scripts/fuzz.sh 60
  cmake --preset asan
  cmake --build --preset asan -j "$jobs"
  ctest --preset asan -j "$jobs"
fi
