#!/usr/bin/env bash
# Installs the Debian packages Lumen builds with, only those that are missing.
set -euo pipefail
packages=(build-essential cmake pkg-config ccache libsystemc-dev nlohmann-json3-dev libcli11-dev
  libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev verilator)
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
