#include "models/compute/matrix_engine.h"

namespace lumen {

MatrixEngine::MatrixEngine(const sc_core::sc_module_name& name, const MatrixParams& params,
                           double clock_hz, TileController& controller, TraceRecorder* trace)
    : CommandEngine(name, controller, trace), params_(params), clock_hz_(clock_hz) {}

void MatrixEngine::execute(const Command& command) {
  const std::uint64_t cycles = systolic_cycles(params_.array, params_.dataflow, params_.timing,
                                               command.gemm, command.layer_start);
  cycles_ += cycles;
  macs_ += command.gemm.macs();
  folds_ += systolic_mapping(params_.array, params_.dataflow, command.gemm).folds();
  wait(sc_core::sc_time(static_cast<double>(cycles) / clock_hz_, sc_core::SC_SEC));
}

void MatrixEngine::collect_own(StatsCollector& stats, double) const {
  const double peak = static_cast<double>(params_.array.rows) * params_.array.cols;
  stats.set(name(), "compute_cycles", static_cast<double>(cycles_));
  stats.set(name(), "macs", static_cast<double>(macs_));
  stats.set(name(), "folds", static_cast<double>(folds_));
  stats.set(
      name(), "pe_utilization_pct",
      cycles_ ? 100.0 * static_cast<double>(macs_) / (peak * static_cast<double>(cycles_)) : 0.0);
}

}  // namespace lumen
