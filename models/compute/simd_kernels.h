// Vector kernels on the SIMD core (rtl/simd/simd_core.v: 4 lanes of 32-bit integers, 8 vector
// registers, 256-word data and program memories), as the RTL transactor runs them and as the
// TLM vector engine times them with `timing: rtl`. The tensor (rows × cols elements, row-major)
// is cut into 4-element vectors, the last one zero-padded, and into programs of at most V
// vectors whose operands the transactor places in the core's data memory:
//   relu          V = 64:  VLI v0, 0;  per vector VLD v1, [i]; VMAX v1, v1, v0; VST v1, [i]; HALT
//   residual_add  V = 48:  per vector VLD v1, [i]; VLD v2, [128 + i]; VADD v1, v1, v2;
//                          VST v1, [i]; HALT
// With the core's cycle contract (a program takes 1 + Σ class cycles; ALU 1, MEM 1, HALT 1),
// a program of v vectors takes
//   relu          3 + 3v cycles        residual_add   2 + 4v cycles
// and a command the sum over its programs. Operands are staged between programs by the host
// port and results read back the same way; like the TLM unit's dedicated scratchpad port, that
// staging takes no kernel time.
#pragma once

#include <cstdint>

#include "models/compute/dtype.h"
#include "models/compute/vector_ops.h"

namespace lumen {

inline constexpr std::uint32_t kSimdCoreLanes = 4;

// Kernels and dtypes the SIMD core runs: relu and residual_add on int4/int8 inputs with an
// integer output.
bool simd_core_runs(VectorKernel kernel, DType in, DType out);
std::uint32_t simd_vectors_per_program(VectorKernel kernel);
std::uint64_t simd_program_cycles_for(VectorKernel kernel, std::uint64_t vectors);
std::uint64_t simd_kernel_cycles(VectorKernel kernel, std::uint64_t rows, std::uint64_t cols);

}  // namespace lumen
