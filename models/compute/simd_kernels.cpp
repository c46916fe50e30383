#include "models/compute/simd_kernels.h"

namespace lumen {

bool simd_core_runs(VectorKernel kernel, DType in, DType out) {
  const bool kernel_ok = kernel == VectorKernel::kRelu || kernel == VectorKernel::kResidualAdd;
  const bool in_ok = in == DType::kInt8 || in == DType::kInt4;
  return kernel_ok && in_ok && dtype_is_integer(out);
}

std::uint32_t simd_vectors_per_program(VectorKernel kernel) {
  return kernel == VectorKernel::kResidualAdd ? 48 : 64;
}

std::uint64_t simd_program_cycles_for(VectorKernel kernel, std::uint64_t vectors) {
  return kernel == VectorKernel::kResidualAdd ? 2 + 4 * vectors : 3 + 3 * vectors;
}

std::uint64_t simd_kernel_cycles(VectorKernel kernel, std::uint64_t rows, std::uint64_t cols) {
  const std::uint64_t vectors = (rows * cols + kSimdCoreLanes - 1) / kSimdCoreLanes;
  const std::uint64_t per = simd_vectors_per_program(kernel);
  const std::uint64_t full = vectors / per, rest = vectors % per;
  return full * simd_program_cycles_for(kernel, per) +
         (rest ? simd_program_cycles_for(kernel, rest) : 0);
}

}  // namespace lumen
