#!/usr/bin/env bash
# Builds Lumen and runs the main job: the shipped default platform and scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default
cmake --build --preset default -j "$(nproc)"
./build/lumen run configs/default.json scenarios/default.json -o reports/default
