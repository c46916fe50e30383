// `lumen cosim rtl systolic`: one GEMM on the Verilated systolic array alone, against the TLM
// model's equation (cycles) and a plain-loop reference (values), with the co-simulation speed.
#pragma once

#include <cstdint>
#include <string>

#include "models/compute/systolic_timing.h"

namespace lumen {

struct SystolicCosimResult {
  std::uint64_t tlm_cycles = 0;  // systolic_cycles(..., SystolicTiming::kRtl)
  std::uint64_t rtl_cycles = 0;  // clock edges the Verilated array took
  std::string first_mismatch;    // empty when every output value equals the reference
  std::uint64_t values_checked = 0;
  double wall_s = 0;  // RTL simulation only
  double cycles_per_s() const { return wall_s > 0 ? static_cast<double>(rtl_cycles) / wall_s : 0; }
};

// Random int8 A and B from `seed`. Throws std::invalid_argument when that array size was not
// Verilated. `vcd_path` non-empty: dump every signal there.
SystolicCosimResult cosim_systolic(ArrayShape array, Dataflow dataflow, GemmShape gemm,
                                   std::uint64_t seed, const std::string& vcd_path);

}  // namespace lumen
