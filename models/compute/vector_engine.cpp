#include "models/compute/vector_engine.h"

#include "models/compute/debug_access.h"
#include "models/compute/vector_functional.h"

namespace lumen {

VectorEngine::VectorEngine(const sc_core::sc_module_name& name, const VectorParams& params,
                           double clock_hz, bool functional, TileController& controller,
                           TraceRecorder* trace)
    : CommandEngine(name, controller, trace),
      scratchpad_socket("scratchpad_socket"),
      params_(params),
      clock_hz_(clock_hz),
      functional_(functional) {}

VectorEngineFactory tlm_vector_engine_factory() {
  return [](const char* name, const VectorParams& params, double clock_hz, bool functional,
            TileController& controller, TraceRecorder* trace) {
    return std::make_unique<VectorEngine>(name, params, clock_hz, functional, controller, trace);
  };
}

void VectorEngine::execute(const Command& c) {
  const std::uint64_t cycles = vector_cycles(params_, c.kernel, c.dtype, c.rows, c.cols);
  account(c, cycles);
  if (functional_) compute(c);
  wait(sc_core::sc_time(static_cast<double>(cycles) / clock_hz_, sc_core::SC_SEC));
}

void VectorEngine::account(const Command& c, std::uint64_t cycles) {
  cycles_ += cycles;
  element_ops_[dtype_index(c.dtype)] += vector_element_ops(params_, c.kernel, c.rows, c.cols);
  const std::uint64_t inputs = kernel_has_second_operand(c.kernel) ? 2 : 1;
  spm_read_bytes_ += inputs * dtype_bytes(c.dtype, c.rows * c.cols);
  spm_write_bytes_ += dtype_bytes(c.out_dtype, c.rows * c.cols);
}

void VectorEngine::compute(const Command& c) {
  const std::uint64_t in_bytes = dtype_bytes(c.dtype, c.rows * c.cols);
  const auto x = debug_read(scratchpad_socket, c.spm_a, in_bytes, name());
  const auto y = kernel_has_second_operand(c.kernel)
                     ? debug_read(scratchpad_socket, c.spm_b, in_bytes, name())
                     : std::vector<unsigned char>{};
  std::vector<unsigned char> result(dtype_bytes(c.out_dtype, c.rows * c.cols), 0);
  run_vector_kernel(c.kernel, params_.lanes, c.rows, c.cols, c.dtype, c.out_dtype, x.data(),
                    y.data(), result.data());
  debug_write(scratchpad_socket, c.spm_c, result, name());
}

void VectorEngine::collect_own(StatsCollector& stats, double) const {
  stats.set(name(), "vector_cycles", static_cast<double>(cycles_));
  stats.set(name(), "lanes", params_.lanes);
  std::uint64_t total = 0;
  for (DType t : kAllDTypes) {
    const std::uint64_t ops = element_ops_[dtype_index(t)];
    total += ops;
    if (ops)
      stats.set(name(), std::string("element_ops_") + dtype_name(t), static_cast<double>(ops));
  }
  stats.set(name(), "element_ops", static_cast<double>(total));
  // Two source reads and one result write of the lane register file per element operation.
  stats.set(name(), "register_file_accesses", 3.0 * static_cast<double>(total));
  stats.set(name(), "spm_read_bytes", static_cast<double>(spm_read_bytes_));
  stats.set(name(), "spm_write_bytes", static_cast<double>(spm_write_bytes_));
}

}  // namespace lumen
