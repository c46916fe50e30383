// Each vector kernel's cycle count against its hand-derived closed form (vector_ops.h).
// Costs differ per op so that a step charged to the wrong op, kind or count shows up.
#include "models/compute/vector_ops.h"

#include <gtest/gtest.h>

namespace lumen {
namespace {

VectorParams params() {
  VectorParams p;
  p.lanes = 4;
  p.pipeline_depth = 6;
  const std::pair<LaneOp, std::uint32_t> costs[] = {
      {LaneOp::kAdd, 1},       {LaneOp::kMul, 2},       {LaneOp::kFma, 3},
      {LaneOp::kMax, 1},       {LaneOp::kExp, 5},       {LaneOp::kRsqrt, 7},
      {LaneOp::kReduceSum, 1}, {LaneOp::kReduceMax, 2}, {LaneOp::kConvert, 1}};
  for (auto [op, c] : costs) p.cycles[static_cast<std::size_t>(op)].fill(c);
  p.cycles[static_cast<std::size_t>(LaneOp::kExp)][dtype_index(DType::kFp32)] = 9;
  return p;
}

// Row of n = 10 on 4 lanes: an elementwise step issues ⌈10/4⌉ = 3 times, a reduction
// 3 + log2(4) = 5 times, a scalar step once. P = 6, 3 rows.
constexpr std::uint64_t kE = 3, kR = 5, kRows = 3, kP = 6;

struct Case {
  VectorKernel kernel;
  std::uint64_t per_row;  // hand-derived from the step list in vector_ops.h
};

class VectorKernelCycles : public ::testing::TestWithParam<Case> {};

TEST_P(VectorKernelCycles, MatchTheClosedForm) {
  const Case c = GetParam();
  EXPECT_EQ(vector_cycles(params(), c.kernel, DType::kBf16, kRows, 10), kP + kRows * c.per_row)
      << kernel_name(c.kernel);
}

INSTANTIATE_TEST_SUITE_P(
    Kernels, VectorKernelCycles,
    ::testing::Values(
        Case{VectorKernel::kResidualAdd, kE * 1}, Case{VectorKernel::kRelu, kE * 1},
        // max R·2, sub E·1, exp E·5, sum R·1, rsqrt 7, mul 2, mul E·2
        Case{VectorKernel::kSoftmax, kR * 2 + kE * 1 + kE * 5 + kR * 1 + 7 + 2 + kE * 2},
        // sum R, mean 2, sub E, square E·2, sum R, fma 3, rsqrt 7, normalise E·2, affine E·3
        Case{VectorKernel::kLayerNorm, kR + 2 + kE + kE * 2 + kR + 3 + 7 + kE * 2 + kE * 3},
        // square E·2, sum R, fma 3, rsqrt 7, normalise E·2, gamma E·2
        Case{VectorKernel::kRmsNorm, kE * 2 + kR + 3 + 7 + kE * 2 + kE * 2},
        // mul, fma, mul, mul, exp, add, rsqrt, mul, fma, mul, fma
        Case{VectorKernel::kGelu, kE*(2 + 3 + 2 + 2 + 5 + 1 + 7 + 2 + 3 + 2 + 3)},
        // mul, exp, add, rsqrt, mul, mul
        Case{VectorKernel::kSilu, kE*(2 + 5 + 1 + 7 + 2 + 2)},
        Case{VectorKernel::kRotary, kE*(2 + 3)}, Case{VectorKernel::kQuantize, kE*(2 + 1)},
        Case{VectorKernel::kDequantize, kE*(1 + 2)}),
    [](const auto& info) { return std::string(kernel_name(info.param.kernel)); });

TEST(VectorCosts, AreLookedUpPerDtype) {
  // silu in fp32: exp costs 9 instead of 5.
  EXPECT_EQ(vector_cycles(params(), VectorKernel::kSilu, DType::kFp32, 1, 10),
            kP + kE * (2 + 9 + 1 + 7 + 2 + 2));
}

TEST(VectorCosts, OneLaneHasNoReductionTree) {
  VectorParams p = params();
  p.lanes = 1;
  // softmax on one lane, n = 10: reductions are 10 issues, elementwise 10.
  EXPECT_EQ(vector_cycles(p, VectorKernel::kSoftmax, DType::kBf16, 1, 10),
            kP + 10 * 2 + 10 + 10 * 5 + 10 + 7 + 2 + 10 * 2);
}

TEST(VectorCosts, ElementOperationsCountLaneTreeAndScalars) {
  // softmax: 2 reductions of n + L − 1, 3 elementwise of n, 2 scalars.
  EXPECT_EQ(vector_element_ops(params(), VectorKernel::kSoftmax, 2, 10),
            2u * (2 * (10 + 3) + 3 * 10 + 2));
}

TEST(VectorCosts, NamesRoundTrip) {
  for (const char* name : {"softmax", "layernorm", "rmsnorm", "gelu", "silu", "rotary",
                           "residual_add", "relu", "quantize", "dequantize"})
    EXPECT_STREQ(kernel_name(*kernel_from_name(name)), name);
  EXPECT_FALSE(kernel_from_name("tanh"));
  EXPECT_STREQ(lane_op_name(*lane_op_from_name("reduce_max")), "reduce_max");
}

}  // namespace
}  // namespace lumen
