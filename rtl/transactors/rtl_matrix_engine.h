// The RTL matrix engine: takes the same GEMM commands as the TLM MatrixEngine and runs them on
// the Verilated systolic_array (rtl/systolic/), fold by fold, clock by clock. Each clock edge
// of the array advances SystemC time by one period of the tile clock, so the command's time,
// and compute_cycles, are the RTL's own. Selected by /platform/chip/tile/matrix/impl = "rtl".
//
// The clock is a timed wait per cycle rather than an sc_clock: a free-running sc_clock would
// keep the kernel busy forever, so the end of a run (and a deadlock, exit 3) could no longer be
// told by the event queue running dry.
//
// Values: the array computes int8 × int8 → int32. In functional mode A and B must be int8 or
// int4 (widened to int8); the int32 sums are then handled like the TLM engine's accumulators
// (kept across K blocks, rounded to out_dtype on the last). In timing-only mode zeros go in and
// the cycle count is the same.
#pragma once

#include <memory>

#include "models/compute/matrix_engine.h"
#include "rtl/systolic/systolic_rtl.h"

namespace lumen {

class RtlMatrixEngine : public MatrixEngine {
 public:
  RtlMatrixEngine(const sc_core::sc_module_name& name, const MatrixParams& params, double clock_hz,
                  bool functional, TileController& controller, TraceRecorder* trace,
                  std::unique_ptr<SystolicArrayRtl> rtl);

 protected:
  std::uint64_t perform(const Command& command) override;

 private:
  // Verilated eval() of a 32x32 array keeps large frames on the stack: far beyond SystemC's
  // default thread stack. Reserved, not committed, until touched.
  static constexpr std::size_t kThreadStackBytes = 64u << 20;

  std::unique_ptr<SystolicArrayRtl> rtl_;
  sc_core::sc_time period_;
};

// Factory for Tile: throws std::invalid_argument when the array size was not Verilated.
MatrixEngineFactory rtl_matrix_engine_factory();

}  // namespace lumen
