// The RTL vector engine: takes the same vector kernel commands as the TLM VectorEngine and runs
// them on the Verilated SIMD core (rtl/simd/), program by program, clock by clock: each edge of
// the core advances SystemC time by one period of the tile clock, so the command's time and
// vector_cycles are the RTL's own. Selected by /platform/chip/tile/vector/impl = "rtl".
//
// The core runs the kernels of models/compute/simd_kernels.h (relu and residual_add on int4 and
// int8): each program's operands are written into the core's data memory through its host port
// and the results read back (no kernel time, like the TLM unit's dedicated scratchpad port). In
// functional mode the operands come from the scratchpad and the results go back to it, stored as
// the command's out_dtype; in timing-only mode zeros go in and the cycles are the same.
#pragma once

#include <memory>

#include "models/compute/vector_engine.h"
#include "rtl/simd/simd_rtl.h"

namespace lumen {

class RtlVectorEngine : public VectorEngine {
 public:
  RtlVectorEngine(const sc_core::sc_module_name& name, const VectorParams& params, double clock_hz,
                  bool functional, TileController& controller, TraceRecorder* trace,
                  std::unique_ptr<SimdCoreRtl> rtl);

 protected:
  void execute(const Command& command) override;

 private:
  std::unique_ptr<SimdCoreRtl> rtl_;
  sc_core::sc_time period_;
};

// Factory for Tile (the Verilated core has 4 lanes; the platform check refuses other counts).
VectorEngineFactory rtl_vector_engine_factory();

}  // namespace lumen
