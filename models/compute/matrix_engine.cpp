#include "models/compute/matrix_engine.h"

#include <vector>

#include "models/compute/debug_access.h"
#include "models/compute/numeric.h"

namespace lumen {

std::uint64_t matrix_command_cycles(const MatrixParams& params, const Command& command) {
  return systolic_cycles(params.array, params.dataflow, params.timing, command.gemm,
                         command.layer_start, matrix_rate(params, command));
}

double matrix_rate(const MatrixParams& params, const Command& command) {
  return params.rate[dtype_index(mac_dtype(command.dtype, command.weight_dtype))];
}

MatrixEngine::MatrixEngine(const sc_core::sc_module_name& name, const MatrixParams& params,
                           double clock_hz, bool functional, TileController& controller,
                           TraceRecorder* trace, std::size_t stack_bytes)
    : CommandEngine(name, controller, trace, stack_bytes),
      scratchpad_socket("scratchpad_socket"),
      params_(params),
      clock_hz_(clock_hz),
      functional_(functional) {}

MatrixEngineFactory tlm_matrix_engine_factory() {
  return [](const char* name, const MatrixParams& params, double clock_hz, bool functional,
            TileController& controller, TraceRecorder* trace) {
    return std::make_unique<MatrixEngine>(name, params, clock_hz, functional, controller, trace);
  };
}

std::uint64_t MatrixEngine::perform(const Command& command) {
  const std::uint64_t cycles = matrix_command_cycles(params_, command);
  if (functional_) compute(command);
  wait(sc_core::sc_time(static_cast<double>(cycles) / clock_hz_, sc_core::SC_SEC));
  return cycles;
}

void MatrixEngine::execute(const Command& command) {
  const std::uint64_t cycles = perform(command);
  cycles_ += cycles;
  mac_slots_ += static_cast<double>(cycles) * params_.array.rows * params_.array.cols *
                matrix_rate(params_, command);
  macs_ += command.gemm.macs();
  macs_by_dtype_[dtype_index(mac_dtype(command.dtype, command.weight_dtype))] +=
      command.gemm.macs();
  folds_ += systolic_mapping(params_.array, params_.dataflow, command.gemm).folds();
  const SystolicTraffic traffic =
      systolic_traffic(params_.array, params_.dataflow, command.gemm, command.accumulate);
  const std::uint64_t acc_bytes = 4;  // int32 or fp32
  spm_read_bytes_ += dtype_bytes(command.dtype, traffic.a_reads) +
                     dtype_bytes(command.weight_dtype, traffic.b_reads) +
                     traffic.accumulator_reads * acc_bytes;
  spm_write_bytes_ += traffic.accumulator_writes * acc_bytes;
}

std::vector<double> MatrixEngine::read_accumulators(const Command& c) {
  const std::uint64_t count = c.gemm.m * c.gemm.n;
  std::vector<double> acc(count, 0.0);
  if (!c.accumulate) return acc;
  const DType acc_type = accumulator_dtype(c.dtype, c.weight_dtype);
  const auto bytes = debug_read(scratchpad_socket, c.spm_c, dtype_bytes(acc_type, count), name());
  for (std::uint64_t e = 0; e < count; ++e) acc[e] = load_element(acc_type, bytes.data(), e);
  return acc;
}

void MatrixEngine::write_accumulators(const Command& c, const std::vector<double>& acc) {
  const DType type = c.last_k ? c.out_dtype : accumulator_dtype(c.dtype, c.weight_dtype);
  std::vector<unsigned char> bytes(dtype_bytes(type, acc.size()), 0);
  for (std::uint64_t e = 0; e < acc.size(); ++e) store_element(type, bytes.data(), e, acc[e]);
  debug_write(scratchpad_socket, c.spm_c, bytes, name());
}

void MatrixEngine::compute(const Command& c) {
  const std::uint64_t m = c.gemm.m, n = c.gemm.n, k = c.gemm.k;
  const DType w = c.weight_dtype;
  const auto a = debug_read(scratchpad_socket, c.spm_a, dtype_bytes(c.dtype, m * k), name());
  const auto b = debug_read(scratchpad_socket, c.spm_b, dtype_bytes(w, k * n), name());
  std::vector<double> acc = read_accumulators(c);
  const bool integer = accumulator_dtype(c.dtype, w) == DType::kInt32;
  for (std::uint64_t i = 0; i < m; ++i) {
    for (std::uint64_t j = 0; j < n; ++j) {
      double& out = acc[i * n + j];
      if (integer) {
        auto sum = static_cast<std::int64_t>(out);
        for (std::uint64_t p = 0; p < k; ++p)
          sum += static_cast<std::int64_t>(load_element(c.dtype, a.data(), i * k + p)) *
                 static_cast<std::int64_t>(load_element(w, b.data(), p * n + j));
        out = round_to(DType::kInt32, static_cast<double>(sum));  // saturating accumulator
      } else {
        auto sum = static_cast<float>(out);
        for (std::uint64_t p = 0; p < k; ++p)
          sum = sum + static_cast<float>(load_element(c.dtype, a.data(), i * k + p)) *
                          static_cast<float>(load_element(w, b.data(), p * n + j));
        out = sum;
      }
    }
  }
  write_accumulators(c, acc);
}

void MatrixEngine::collect_own(StatsCollector& stats, double) const {
  stats.set(name(), "compute_cycles", static_cast<double>(cycles_));
  stats.set(name(), "macs", static_cast<double>(macs_));
  for (DType t : kAllDTypes)
    if (macs_by_dtype_[dtype_index(t)])
      stats.set(name(), std::string("macs_") + dtype_name(t),
                static_cast<double>(macs_by_dtype_[dtype_index(t)]));
  stats.set(name(), "folds", static_cast<double>(folds_));
  stats.set(name(), "spm_read_bytes", static_cast<double>(spm_read_bytes_));
  stats.set(name(), "spm_write_bytes", static_cast<double>(spm_write_bytes_));
  // Useful MACs over the MACs the busy cycles could have done at each command's dtype rate.
  stats.set(name(), "pe_utilization_pct",
            mac_slots_ > 0 ? 100.0 * static_cast<double>(macs_) / mac_slots_ : 0.0);
}

}  // namespace lumen
