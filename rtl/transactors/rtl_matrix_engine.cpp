#include "rtl/transactors/rtl_matrix_engine.h"

#include <stdexcept>
#include <vector>

#include "models/compute/debug_access.h"
#include "models/compute/numeric.h"
#include "rtl/systolic/systolic_gemm.h"

namespace lumen {

RtlMatrixEngine::RtlMatrixEngine(const sc_core::sc_module_name& name, const MatrixParams& params,
                                 double clock_hz, bool functional, TileController& controller,
                                 TraceRecorder* trace, std::unique_ptr<SystolicArrayRtl> rtl)
    : MatrixEngine(name, params, clock_hz, functional, controller, trace, kThreadStackBytes),
      rtl_(std::move(rtl)),
      period_(1.0 / clock_hz, sc_core::SC_SEC) {}

std::uint64_t RtlMatrixEngine::perform(const Command& c) {
  const auto each_cycle = [this] { wait(period_); };
  if (!functional())
    return run_gemm_on_rtl(*rtl_, params().dataflow, c.gemm, nullptr, nullptr, nullptr, each_cycle);
  const std::uint64_t m = c.gemm.m, n = c.gemm.n, k = c.gemm.k;
  const auto to_int8 = [&](std::uint64_t addr, DType t, std::uint64_t count) {
    const auto bytes = debug_read(scratchpad_socket, addr, dtype_bytes(t, count), name());
    std::vector<std::int8_t> v(count);
    for (std::uint64_t i = 0; i < count; ++i)
      v[i] = static_cast<std::int8_t>(load_element(t, bytes.data(), i));
    return v;
  };
  const auto a = to_int8(c.spm_a, c.dtype, m * k);
  const auto b = to_int8(c.spm_b, c.weight_dtype, k * n);
  const std::vector<double> before = read_accumulators(c);
  std::vector<std::int32_t> acc(before.begin(), before.end());
  const std::uint64_t cycles =
      run_gemm_on_rtl(*rtl_, params().dataflow, c.gemm, a.data(), b.data(), acc.data(), each_cycle);
  write_accumulators(c, std::vector<double>(acc.begin(), acc.end()));
  return cycles;
}

MatrixEngineFactory rtl_matrix_engine_factory() {
  return [](const char* name, const MatrixParams& params, double clock_hz, bool functional,
            TileController& controller, TraceRecorder* trace) -> std::unique_ptr<MatrixEngine> {
    auto rtl = make_systolic_rtl(params.array.rows, params.array.cols);
    if (!rtl)
      throw std::invalid_argument("no Verilated " + std::to_string(params.array.rows) + "x" +
                                  std::to_string(params.array.cols) + " systolic array");
    return std::make_unique<RtlMatrixEngine>(name, params, clock_hz, functional, controller, trace,
                                             std::move(rtl));
  };
}

}  // namespace lumen
