// Functional mode of the vector unit: the values a kernel produces, computed lane operation by
// lane operation in the unit's fp32 datapath, in the order of kernel_steps() (vector_ops.h).
// Reductions accumulate lane-wise partials (element i goes to lane i mod L) and then combine
// the L partials pairwise, as the lane tree does, so results match the hardware's order.
//
// Operands: every kernel reads `rows × cols` elements of `in` at `x`; residual_add and rotary
// also read a second tensor of the same shape at `y` (the residual; for rotary the cos/sin
// table, cos θ in even and sin θ in odd elements of each pair). Results of type `out` go to
// `result` (which may equal `x`). Layer-norm and RMS-norm apply unit affine parameters
// (γ = 1, β = 0); their cost is still charged. quantize divides by, and dequantize multiplies by,
// kQuantScale.
#pragma once

#include <cstdint>

#include "models/compute/vector_ops.h"

namespace lumen {

inline constexpr double kQuantScale = 1.0 / 32;
inline constexpr double kNormEpsilon = 1e-5;

// True for the kernels that read a second operand tensor.
bool kernel_has_second_operand(VectorKernel kernel);

void run_vector_kernel(VectorKernel kernel, std::uint32_t lanes, std::uint64_t rows,
                       std::uint64_t cols, DType in, DType out, const unsigned char* x,
                       const unsigned char* y, unsigned char* result);

}  // namespace lumen
