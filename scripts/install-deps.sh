#!/usr/bin/env bash
# Installs the Debian packages Lumen builds with, only those that are missing. --test adds what
# the test suite drives: headless Chromium (the HTML reports) and Slurm with munge (the sweep
# backend, run for real on a one-node cluster).
set -euo pipefail
packages=(build-essential cmake pkg-config ccache libsystemc-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev verilator)
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium slurm-wlm munge)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
fi
