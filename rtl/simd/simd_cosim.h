// Co-simulation of the SIMD core: one program on the Verilated RTL (SimdCoreRtl) against the
// C++ reference interpreter (values) and the TLM cycle formula simd_program_cycles (timing).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rtl/simd/simd_isa.h"
#include "rtl/simd/simd_rtl.h"

namespace lumen {

struct SimdCosimResult {
  std::uint64_t tlm_cycles = 0;  // simd_program_cycles(program, table)
  std::uint64_t rtl_cycles = 0;  // SimdCoreRtl::run(): start edge to done edge
  // Empty when every register, every dmem word and the cycle counts agree. Otherwise the
  // first difference, registers (v0..v7, lane by lane) before dmem words before cycles:
  // "v3[2]: rtl 17, reference 18", "dmem[12][1]: rtl 5, reference 6",
  // "cycles: rtl 12, tlm 11".
  std::string first_mismatch;
  std::uint64_t values_checked = 0;  // 32-bit lane values compared (registers + dmem)
  double wall_s = 0;                 // the whole co-simulation, RTL and reference
  bool ok() const { return first_mismatch.empty(); }
};

// Resets `rtl` (registers zero, as the reference assumes), loads `program` into imem (plus a
// HALT word after it when it has none, matching the reference's implicit HALT) and all 256
// dmem words (`dmem`, then zeros; each word lanes() values), runs it and compares the complete
// final state and the cycle count. `table` must match the RTL's CYC_* parameters.
// Throws std::invalid_argument if the program does not fit imem with its HALT.
SimdCosimResult cosim_simd(SimdCoreRtl& rtl, const std::vector<SimdInstruction>& program,
                           const std::vector<SimdVector>& dmem, const SimdCycleTable& table = {});

}  // namespace lumen
