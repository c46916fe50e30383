// Matrix engine: an R×C systolic array running GEMM commands. Each command takes
// systolic_cycles(...) cycles of the tile clock (equations in systolic_timing.h); operands are
// assumed to stream from dedicated scratchpad ports at the array's rate, as in SCALE-Sim.
#pragma once

#include <systemc>

#include "models/compute/command_engine.h"
#include "models/compute/dtype.h"

namespace lumen {

struct MatrixParams {
  ArrayShape array{32, 32};
  Dataflow dataflow = Dataflow::kWeightStationary;
  DType dtype = DType::kBf16;
  SystolicTiming timing = SystolicTiming::kRtl;
};

class MatrixEngine : public CommandEngine {
 public:
  MatrixEngine(const sc_core::sc_module_name& name, const MatrixParams& params, double clock_hz,
               TileController& controller, TraceRecorder* trace);

  std::uint64_t compute_cycles() const { return cycles_; }
  std::uint64_t macs() const { return macs_; }

 protected:
  void execute(const Command& command) override;
  void collect_own(StatsCollector& stats, double total_ns) const override;

 private:
  MatrixParams params_;
  double clock_hz_;
  std::uint64_t cycles_ = 0;
  std::uint64_t macs_ = 0;
  std::uint64_t folds_ = 0;
};

}  // namespace lumen
