#!/usr/bin/env bash
# Lint, build and run the SIMD-core testbench for LANES=4 and LANES=8 (default cycle table),
# plus LANES=4 with a non-default cycle table, then check --vcd.
# SYNTH=1 also runs a generic yosys synthesis (synth; check -assert) of the default core.
# Builds under /tmp (override with TB_BUILD_DIR); single job so it can share a busy machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rtl="$here/.."
build="${TB_BUILD_DIR:-/tmp/lumen_simd_tb}"
srcs=("$rtl/simd_core.v" "$rtl/simd_alu.v" "$rtl/simd_mul.v" "$rtl/simd_redsum.v")
mkdir -p "$build"
# name LANES CYC_ALU CYC_MUL CYC_MEM CYC_RED
for cfg in "l4 4 1 3 1 2" "l8 8 1 3 1 2" "l4slow 4 2 5 3 4"; do
  set -- $cfg
  dir="$build/$1"
  # Parameters go to the RTL (-G) and to the testbench (-D) so both agree.
  gparams=(-GLANES="$2" -GCYC_ALU="$3" -GCYC_MUL="$4" -GCYC_MEM="$5" -GCYC_RED="$6")
  for lang in 1800-2017 1364-2005; do
    verilator --lint-only -Wall --default-language "$lang" -I"$rtl" "${gparams[@]}" \
      --top-module simd_core "${srcs[@]}"
  done
  verilator --cc --exe --build -Wall --trace -j 1 --Mdir "$dir" -o tb -I"$rtl" \
    --top-module simd_core "${gparams[@]}" \
    -CFLAGS "-DTB_LANES=$2 -DTB_CYC_ALU=$3 -DTB_CYC_MUL=$4 -DTB_CYC_MEM=$5 -DTB_CYC_RED=$6" \
    "${srcs[@]}" "$here/simd_core_tb.cpp" >"$dir.log" 2>&1 ||
    { cat "$dir.log"; exit 1; }
  "$dir/tb"
done
# The trace option must produce a non-empty VCD.
vcd="$build/l8.vcd"
rm -f "$vcd"
"$build/l8/tb" --vcd "$vcd" --seed 7
[ -s "$vcd" ] || { echo "FAIL: no VCD written at $vcd"; exit 1; }
echo "VCD OK: $vcd ($(wc -c <"$vcd") bytes)"
if [ "${SYNTH:-0}" = 1 ]; then
  yosys -q -l "$build/synth.log" -p "read_verilog -I$rtl ${srcs[*]}; synth -top simd_core; \
    check -assert" >/dev/null
  echo "SYNTH OK: $(grep -m1 'Found and reported' "$build/synth.log")"
fi
