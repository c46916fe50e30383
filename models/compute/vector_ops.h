// Vector unit timing: L lanes, a per-(lane operation, dtype) issue cost table from the
// platform config, and the lowering of the high-level kernels a transformer needs into lane
// operations. Pure functions: no SystemC; used by the vector engine, the lowering and tests.
//
// Lane operations and their cost c(op, dtype) in cycles per issue of L elements:
//   add (also sub), mul, fma, max, exp, rsqrt, reduce_sum, reduce_max, convert.
// A kernel works on a tensor of `rows` rows of n = `cols` elements; rows are independent
// (softmax and the norms reduce along a row). Each step of a kernel is one of
//   elementwise  over the row:  ⌈n/L⌉ · c                issues, n element-ops
//   reduction    over the row:  (⌈n/L⌉ + ⌈log2 L⌉) · c   lane-wise partials, then a lane tree;
//                                                        n + L − 1 element-ops
//   scalar       once per row:  c                        (a per-row constant), 1 element-op
// and a kernel command costs
//   cycles = P + rows · Σ_steps step_cycles              (P = pipeline depth, paid once)
// The steps of each kernel (E elementwise, R reduction, S scalar):
//   residual_add  E add
//   relu          E max
//   softmax       R max; E add (x − max); E exp; R sum; S rsqrt; S mul (1/s = rsqrt(s)²); E mul
//   layernorm     R sum; S mul (mean); E add (x − mean); E mul (square); R sum; S fma (var + ε);
//                 S rsqrt; E mul (normalise); E fma (γ·y + β)
//   rmsnorm       E mul (square); R sum; S fma (mean + ε); S rsqrt; E mul (normalise); E mul (γ)
//   gelu (tanh)   E mul (x²); E fma (1 + 0.044715x²); E mul (x·…); E mul (·2√(2/π)); E exp;
//                 E add (+1); E rsqrt; E mul (reciprocal); E fma (tanh = 1 − 2/(e+1));
//                 E mul (x/2); E fma (x/2 + x/2·tanh)
//   silu          E mul (−x); E exp; E add (+1); E rsqrt; E mul (reciprocal); E mul (x·σ)
//   rotary        E mul (partner · ±sin); E fma (x · cos + …)
//   quantize      E mul (x / scale); E convert
//   dequantize    E convert; E mul (q · scale)
//   mul           E mul (x · y: the gated MLP's silu(gate) · up)
// Each kernel's closed form is checked in tests/models/vector_ops_test.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/compute/dtype.h"

namespace lumen {

enum class LaneOp { kAdd, kMul, kFma, kMax, kExp, kRsqrt, kReduceSum, kReduceMax, kConvert };
inline constexpr std::size_t kLaneOpCount = 9;

enum class VectorKernel {
  kResidualAdd,
  kRelu,
  kSoftmax,
  kLayerNorm,
  kRmsNorm,
  kGelu,
  kSilu,
  kRotary,
  kQuantize,
  kDequantize,
  kMul
};

enum class StepKind { kElementwise, kReduction, kScalar };

struct VectorStep {
  LaneOp op;
  StepKind kind;
};

// `table`: the cost-table equation above. `rtl`: the SIMD core's cycle contract for the kernels
// it runs (models/compute/simd_kernels.h), so that impl=rtl agrees with it cycle for cycle.
enum class VectorTiming { kTable, kRtl };
enum class VectorImpl { kTlm, kRtl };

struct VectorParams {
  VectorTiming timing = VectorTiming::kTable;
  VectorImpl impl = VectorImpl::kTlm;
  std::uint32_t lanes = 4;
  std::uint32_t pipeline_depth = 4;  // P: cycles from first issue to first result
  // cycles[op][dtype]: issue cost of one lane operation on L elements.
  std::array<std::array<std::uint32_t, kDTypeCount>, kLaneOpCount> cycles{};
  VectorParams();  // every cost 1
};

const std::vector<VectorStep>& kernel_steps(VectorKernel kernel);

// Cycles of one step on one row of `n` elements.
std::uint64_t step_cycles(const VectorParams& params, VectorStep step, DType dtype,
                          std::uint64_t n);

// Cycles of a kernel command over rows × cols elements of `dtype`.
std::uint64_t vector_cycles(const VectorParams& params, VectorKernel kernel, DType dtype,
                            std::uint64_t rows, std::uint64_t cols);

// Element operations (lane-op results) of a kernel command: the vector unit's energy events.
std::uint64_t vector_element_ops(const VectorParams& params, VectorKernel kernel,
                                 std::uint64_t rows, std::uint64_t cols);

const char* lane_op_name(LaneOp op);
std::optional<LaneOp> lane_op_from_name(const std::string& name);
const char* kernel_name(VectorKernel kernel);
std::optional<VectorKernel> kernel_from_name(const std::string& name);

}  // namespace lumen
