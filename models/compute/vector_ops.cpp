#include "models/compute/vector_ops.h"

#include "models/compute/simd_kernels.h"

namespace lumen {
namespace {

constexpr StepKind E = StepKind::kElementwise;
constexpr StepKind R = StepKind::kReduction;
constexpr StepKind S = StepKind::kScalar;

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

std::uint64_t ceil_log2(std::uint64_t x) {
  std::uint64_t steps = 0;
  while ((std::uint64_t{1} << steps) < x) ++steps;
  return steps;
}

constexpr std::array<LaneOp, kLaneOpCount> kLaneOps = {
    LaneOp::kAdd,   LaneOp::kMul,       LaneOp::kFma,       LaneOp::kMax,    LaneOp::kExp,
    LaneOp::kRsqrt, LaneOp::kReduceSum, LaneOp::kReduceMax, LaneOp::kConvert};

constexpr std::array<VectorKernel, 11> kKernels = {
    VectorKernel::kResidualAdd, VectorKernel::kRelu,    VectorKernel::kSoftmax,
    VectorKernel::kLayerNorm,   VectorKernel::kRmsNorm, VectorKernel::kGelu,
    VectorKernel::kSilu,        VectorKernel::kRotary,  VectorKernel::kQuantize,
    VectorKernel::kDequantize,  VectorKernel::kMul};

}  // namespace

VectorParams::VectorParams() {
  for (auto& per_dtype : cycles) per_dtype.fill(1);
}

const std::vector<VectorStep>& kernel_steps(VectorKernel kernel) {
  using L = LaneOp;
  static const std::vector<VectorStep> residual_add = {{L::kAdd, E}};
  static const std::vector<VectorStep> relu = {{L::kMax, E}};
  static const std::vector<VectorStep> softmax = {{L::kReduceMax, R}, {L::kAdd, E},   {L::kExp, E},
                                                  {L::kReduceSum, R}, {L::kRsqrt, S}, {L::kMul, S},
                                                  {L::kMul, E}};
  static const std::vector<VectorStep> layernorm = {
      {L::kReduceSum, R}, {L::kMul, S},   {L::kAdd, E}, {L::kMul, E}, {L::kReduceSum, R},
      {L::kFma, S},       {L::kRsqrt, S}, {L::kMul, E}, {L::kFma, E}};
  static const std::vector<VectorStep> rmsnorm = {{L::kMul, E},   {L::kReduceSum, R}, {L::kFma, S},
                                                  {L::kRsqrt, S}, {L::kMul, E},       {L::kMul, E}};
  static const std::vector<VectorStep> gelu = {
      {L::kMul, E},   {L::kFma, E}, {L::kMul, E}, {L::kMul, E}, {L::kExp, E}, {L::kAdd, E},
      {L::kRsqrt, E}, {L::kMul, E}, {L::kFma, E}, {L::kMul, E}, {L::kFma, E}};
  static const std::vector<VectorStep> silu = {{L::kMul, E},   {L::kExp, E}, {L::kAdd, E},
                                               {L::kRsqrt, E}, {L::kMul, E}, {L::kMul, E}};
  static const std::vector<VectorStep> rotary = {{L::kMul, E}, {L::kFma, E}};
  static const std::vector<VectorStep> quantize = {{L::kMul, E}, {L::kConvert, E}};
  static const std::vector<VectorStep> dequantize = {{L::kConvert, E}, {L::kMul, E}};
  static const std::vector<VectorStep> mul = {{L::kMul, E}};
  switch (kernel) {
    case VectorKernel::kResidualAdd:
      return residual_add;
    case VectorKernel::kRelu:
      return relu;
    case VectorKernel::kSoftmax:
      return softmax;
    case VectorKernel::kLayerNorm:
      return layernorm;
    case VectorKernel::kRmsNorm:
      return rmsnorm;
    case VectorKernel::kGelu:
      return gelu;
    case VectorKernel::kSilu:
      return silu;
    case VectorKernel::kRotary:
      return rotary;
    case VectorKernel::kQuantize:
      return quantize;
    case VectorKernel::kDequantize:
      return dequantize;
    case VectorKernel::kMul:
      return mul;
  }
  return residual_add;
}

std::uint64_t step_cycles(const VectorParams& params, VectorStep step, DType dtype,
                          std::uint64_t n) {
  const std::uint64_t c = params.cycles[static_cast<std::size_t>(step.op)][dtype_index(dtype)];
  switch (step.kind) {
    case StepKind::kElementwise:
      return ceil_div(n, params.lanes) * c;
    case StepKind::kReduction:
      return (ceil_div(n, params.lanes) + ceil_log2(params.lanes)) * c;
    case StepKind::kScalar:
      return c;
  }
  return c;
}

std::uint64_t vector_cycles(const VectorParams& params, VectorKernel kernel, DType dtype,
                            std::uint64_t rows, std::uint64_t cols) {
  if (params.timing == VectorTiming::kRtl) return simd_kernel_cycles(kernel, rows, cols);
  std::uint64_t per_row = 0;
  for (const VectorStep& step : kernel_steps(kernel))
    per_row += step_cycles(params, step, dtype, cols);
  return params.pipeline_depth + rows * per_row;
}

std::uint64_t vector_element_ops(const VectorParams& params, VectorKernel kernel,
                                 std::uint64_t rows, std::uint64_t cols) {
  if (params.timing == VectorTiming::kRtl) return simd_kernel_cycles(kernel, rows, cols);
  std::uint64_t per_row = 0;
  for (const VectorStep& step : kernel_steps(kernel)) {
    switch (step.kind) {
      case StepKind::kElementwise:
        per_row += cols;
        break;
      case StepKind::kReduction:
        per_row += cols + params.lanes - 1;
        break;
      case StepKind::kScalar:
        per_row += 1;
        break;
    }
  }
  return rows * per_row;
}

const char* lane_op_name(LaneOp op) {
  switch (op) {
    case LaneOp::kAdd:
      return "add";
    case LaneOp::kMul:
      return "mul";
    case LaneOp::kFma:
      return "fma";
    case LaneOp::kMax:
      return "max";
    case LaneOp::kExp:
      return "exp";
    case LaneOp::kRsqrt:
      return "rsqrt";
    case LaneOp::kReduceSum:
      return "reduce_sum";
    case LaneOp::kReduceMax:
      return "reduce_max";
    case LaneOp::kConvert:
      return "convert";
  }
  return "?";
}

std::optional<LaneOp> lane_op_from_name(const std::string& name) {
  for (LaneOp op : kLaneOps)
    if (name == lane_op_name(op)) return op;
  return std::nullopt;
}

const char* kernel_name(VectorKernel kernel) {
  switch (kernel) {
    case VectorKernel::kResidualAdd:
      return "residual_add";
    case VectorKernel::kRelu:
      return "relu";
    case VectorKernel::kSoftmax:
      return "softmax";
    case VectorKernel::kLayerNorm:
      return "layernorm";
    case VectorKernel::kRmsNorm:
      return "rmsnorm";
    case VectorKernel::kGelu:
      return "gelu";
    case VectorKernel::kSilu:
      return "silu";
    case VectorKernel::kRotary:
      return "rotary";
    case VectorKernel::kQuantize:
      return "quantize";
    case VectorKernel::kDequantize:
      return "dequantize";
    case VectorKernel::kMul:
      return "mul";
  }
  return "?";
}

std::optional<VectorKernel> kernel_from_name(const std::string& name) {
  for (VectorKernel k : kKernels)
    if (name == kernel_name(k)) return k;
  return std::nullopt;
}

}  // namespace lumen
