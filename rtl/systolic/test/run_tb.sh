#!/usr/bin/env bash
# Build and run the systolic-array testbench for R=C=4 and R=3,C=5, then check --vcd.
# Builds under /tmp (override with TB_BUILD_DIR); single job so it can share a busy machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${TB_BUILD_DIR:-/tmp/lumen_systolic_tb}"
mkdir -p "$build"
for cfg in "4 4" "3 5"; do
  set -- $cfg
  dir="$build/r$1c$2"
  # R/C go to the RTL (-G) and to the testbench (-D) so both agree on port widths.
  verilator --cc --exe --build -Wall --trace -j 1 --Mdir "$dir" -o tb \
    -GR="$1" -GC="$2" -CFLAGS "-DTB_R=$1 -DTB_C=$2" \
    "$here/../systolic_array.v" "$here/systolic_array_tb.cpp" >"$dir.log" 2>&1 ||
    { cat "$dir.log"; exit 1; }
  "$dir/tb"
done
# The trace option must produce a non-empty VCD.
vcd="$build/r3c5.vcd"
rm -f "$vcd"
"$build/r3c5/tb" --vcd "$vcd" --seed 7
[ -s "$vcd" ] || { echo "FAIL: no VCD written at $vcd"; exit 1; }
echo "VCD OK: $vcd ($(wc -c <"$vcd") bytes)"
