#include "rtl/transactors/rtl_vector_engine.h"

#include <algorithm>
#include <stdexcept>

#include "models/compute/debug_access.h"
#include "models/compute/numeric.h"
#include "models/compute/simd_kernels.h"
#include "rtl/simd/simd_isa.h"

namespace lumen {
namespace {

constexpr unsigned kSecondOperandBase = 128;  // residual_add: B at dmem[128 + i]

// The program for `vectors` vectors of `kernel` (layout in models/compute/simd_kernels.h).
std::vector<SimdInstruction> kernel_program(VectorKernel kernel, unsigned vectors) {
  std::vector<SimdInstruction> p;
  const auto at = [](unsigned address) { return static_cast<std::uint16_t>(address); };
  if (kernel == VectorKernel::kRelu) {
    p.push_back({SimdOp::kVli, 0, 0, 0, 0});
    for (unsigned i = 0; i < vectors; ++i) {
      p.push_back({SimdOp::kVld, 1, 0, 0, at(i)});
      p.push_back({SimdOp::kVmax, 1, 1, 0, 0});
      p.push_back({SimdOp::kVst, 0, 1, 0, at(i)});
    }
  } else {
    for (unsigned i = 0; i < vectors; ++i) {
      p.push_back({SimdOp::kVld, 1, 0, 0, at(i)});
      p.push_back({SimdOp::kVld, 2, 0, 0, at(kSecondOperandBase + i)});
      p.push_back({SimdOp::kVadd, 1, 1, 2, 0});
      p.push_back({SimdOp::kVst, 0, 1, 0, at(i)});
    }
  }
  p.push_back({SimdOp::kHalt, 0, 0, 0, 0});
  return p;
}

}  // namespace

RtlVectorEngine::RtlVectorEngine(const sc_core::sc_module_name& name, const VectorParams& params,
                                 double clock_hz, bool functional, TileController& controller,
                                 TraceRecorder* trace, std::unique_ptr<SimdCoreRtl> rtl)
    : VectorEngine(name, params, clock_hz, functional, controller, trace),
      rtl_(std::move(rtl)),
      period_(1.0 / clock_hz, sc_core::SC_SEC) {
  rtl_->reset();
}

void RtlVectorEngine::execute(const Command& c) {
  if (!simd_core_runs(c.kernel, c.dtype, c.out_dtype))
    throw std::logic_error(std::string(name()) + ": the SIMD core does not run " +
                           kernel_name(c.kernel) + " on " + dtype_name(c.dtype));
  const std::uint64_t n = c.rows * c.cols;
  const bool second = c.kernel == VectorKernel::kResidualAdd;
  std::vector<unsigned char> x, y, result;
  if (functional_) {
    x = debug_read(scratchpad_socket, c.spm_a, dtype_bytes(c.dtype, n), name());
    if (second) y = debug_read(scratchpad_socket, c.spm_b, dtype_bytes(c.dtype, n), name());
    result.assign(dtype_bytes(c.out_dtype, n), 0);
  }
  const std::uint64_t vectors = (n + kSimdCoreLanes - 1) / kSimdCoreLanes;
  const unsigned per = simd_vectors_per_program(c.kernel);
  std::uint64_t cycles = 0;
  std::vector<std::int32_t> word(kSimdCoreLanes);
  for (std::uint64_t first = 0; first < vectors; first += per) {
    const auto count = static_cast<unsigned>(std::min<std::uint64_t>(per, vectors - first));
    rtl_->load_program(encode(kernel_program(c.kernel, count)));
    for (unsigned v = 0; v < count; ++v) {
      for (int operand = 0; operand < (second ? 2 : 1); ++operand) {
        for (unsigned l = 0; l < kSimdCoreLanes; ++l) {
          const std::uint64_t e = (first + v) * kSimdCoreLanes + l;
          const auto& source = operand == 0 ? x : y;
          word[l] = functional_ && e < n
                        ? static_cast<std::int32_t>(load_element(c.dtype, source.data(), e))
                        : 0;
        }
        rtl_->write_dmem(operand == 0 ? v : kSecondOperandBase + v, word);
      }
    }
    cycles += rtl_->run([this] { wait(period_); });
    if (!functional_) continue;
    for (unsigned v = 0; v < count; ++v) {
      const auto out = rtl_->read_dmem(v);
      for (unsigned l = 0; l < kSimdCoreLanes; ++l) {
        const std::uint64_t e = (first + v) * kSimdCoreLanes + l;
        if (e < n) store_element(c.out_dtype, result.data(), e, out[l]);
      }
    }
  }
  account(c, cycles);
  if (functional_) debug_write(scratchpad_socket, c.spm_c, result, name());
}

VectorEngineFactory rtl_vector_engine_factory() {
  return [](const char* name, const VectorParams& params, double clock_hz, bool functional,
            TileController& controller, TraceRecorder* trace) -> std::unique_ptr<VectorEngine> {
    return std::make_unique<RtlVectorEngine>(name, params, clock_hz, functional, controller, trace,
                                             make_simd_rtl());
  };
}

}  // namespace lumen
