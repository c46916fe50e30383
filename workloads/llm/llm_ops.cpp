#include "workloads/llm/llm_ops.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "models/compute/vector_functional.h"

namespace lumen {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

LlmOp gemm_op(std::string name, LlmOpPart part, GemmShape shape, std::uint64_t batch,
              const LlmSpec& spec, DType weight_dtype, bool weights) {
  LlmOp op;
  op.name = name;
  op.part = part;
  op.gemm = make_gemm_layer(std::move(name), shape, spec.activation_dtype);
  op.gemm.weight_dtype = weight_dtype;
  op.gemm.batch = batch;
  op.macs = batch * shape.macs();
  if (weights) op.weight_bytes = batch * dtype_bytes(weight_dtype, shape.k * shape.n);
  return op;
}

LlmOp vector_op(std::string name, LlmOpPart part, VectorKernel kernel, std::uint64_t rows,
                std::uint64_t cols, DType in, DType out) {
  LlmOp op;
  op.name = name;
  op.part = part;
  op.is_gemm = false;
  op.vector.name = std::move(name);
  op.vector.kernel = kernel;
  op.vector.rows = rows;
  op.vector.cols = cols;
  op.vector.in = in;
  op.vector.out = out;
  op.vector.second = kernel_has_second_operand(kernel);
  op.elements = rows * cols;
  return op;
}

VectorKernel kernel_for(const std::string& activation) {
  return activation == "relu"   ? VectorKernel::kRelu
         : activation == "silu" ? VectorKernel::kSilu
                                : VectorKernel::kGelu;
}

struct Share {
  std::uint64_t heads, kv_heads, ffn;
};

Share share_of(const TransformerModel& m, std::uint32_t tp) {
  return {m.heads / tp, std::max<std::uint64_t>(1, m.kv_heads / tp), ceil_div(m.ffn, tp)};
}

}  // namespace

DType KvCacheFormat::operand_dtype() const {
  if (!fused || !compressed()) return DType::kBf16;
  if (scheme == "fp8") return DType::kFp8;
  return bits <= 4 ? DType::kInt4 : DType::kInt8;
}

std::string KvCacheFormat::label() const {
  if (scheme != "turboquant") return scheme;
  return fmt::format("turboquant {:g} b ({})", bits, fused ? "fused" : "vector");
}

KvCacheFormat plain_kv_format(const std::string& dtype) {
  KvCacheFormat f;
  f.scheme = dtype;
  f.bits = dtype == "bf16" ? 16 : dtype == "int4" ? 4 : 8;
  // Integer caches carry a 16-bit scale per block; fp8 and bf16 none.
  f.block_overhead_bits = dtype == "int8" || dtype == "int4" ? 16 : 0;
  return f;
}

std::string LlmOp::key() const {
  if (is_gemm)
    return fmt::format("gemm {} {}x{}x{} b{} {} {} {} e{} s{}", name, gemm.shape.m, gemm.shape.n,
                       gemm.shape.k, gemm.batch, dtype_name(gemm.dtype),
                       dtype_name(gemm.weight_dtype), dtype_name(gemm.out_dtype),
                       gemm.epilogue ? kernel_name(*gemm.epilogue) : "-", kv_load_scale);
  return fmt::format("vector {} {}x{} {} {} s{}", kernel_name(vector.kernel), vector.rows,
                     vector.cols, dtype_name(vector.in), dtype_name(vector.out), kv_load_scale);
}

void check_tensor_parallel(const TransformerModel& m, std::uint32_t tp) {
  if (m.heads % tp != 0)
    throw std::invalid_argument(
        fmt::format("a TP degree that divides the {} attention heads", m.heads));
  if (m.kv_heads % tp != 0 && tp % m.kv_heads != 0)
    throw std::invalid_argument(fmt::format(
        "a TP degree that divides the {} KV heads or is a multiple of them", m.kv_heads));
}

std::vector<LlmOp> layer_ops(const TransformerModel& m, const LlmSpec& spec, std::uint64_t batch,
                             std::uint64_t S, std::uint64_t C) {
  const Share s = share_of(m, spec.parallel.tp);
  const std::uint64_t d = m.hidden, hd = m.head_dim, T = batch * S, g = s.heads / s.kv_heads;
  const DType act = spec.activation_dtype, w = spec.weight_dtype;
  const KvCacheFormat& kv = spec.kv;
  const VectorKernel norm = m.layernorm ? VectorKernel::kLayerNorm : VectorKernel::kRmsNorm;
  std::vector<LlmOp> ops;
  ops.push_back(vector_op("attn_norm", LlmOpPart::kNorm, norm, T, d, act, act));
  ops.push_back(gemm_op("qkv", LlmOpPart::kAttention, {T, (s.heads + 2 * s.kv_heads) * hd, d}, 1,
                        spec, w, true));
  if (!m.learned_positions)
    ops.push_back(vector_op("rotary", LlmOpPart::kAttention, VectorKernel::kRotary, T,
                            (s.heads + s.kv_heads) * hd, act, act));
  if (kv.compressed())
    ops.push_back(vector_op("kv_quantize", LlmOpPart::kKvCache, VectorKernel::kQuantize, T,
                            2 * s.kv_heads * hd, act, kv.bits <= 4 ? DType::kInt4 : DType::kInt8));
  if (kv.rotation)
    ops.push_back(gemm_op("q_rotate", LlmOpPart::kKvCache, {batch * S * s.heads, hd, hd}, 1, spec,
                          act, true));
  const std::uint64_t kv_values = batch * s.kv_heads * C * hd;  // K (or V) values read
  const auto stored_bytes = [&](std::uint64_t values) {
    return static_cast<std::uint64_t>(
        std::ceil(static_cast<double>(values) * kv.stored_bits() / 8));
  };
  DType cache_operand = kv.operand_dtype();
  double scale = kv.compressed() && kv.fused ? kv.stored_bits() / dtype_bits(cache_operand) : 1.0;
  if (kv.compressed() && !kv.fused) {
    const DType stored = kv.bits <= 4 ? DType::kInt4 : DType::kInt8;
    LlmOp dequant = vector_op("kv_dequant", LlmOpPart::kKvCache, VectorKernel::kDequantize,
                              2 * batch * s.kv_heads * C, hd, stored, act);
    dequant.kv_operand = true;
    dequant.kv_load_scale = kv.stored_bits() / dtype_bits(stored);
    dequant.kv_bytes = stored_bytes(2 * kv_values);
    ops.push_back(dequant);
  }
  LlmOp scores = gemm_op("scores", LlmOpPart::kAttention, {g * S, C, hd}, batch * s.kv_heads, spec,
                         cache_operand, false);
  LlmOp attn_v = gemm_op("attn_v", LlmOpPart::kAttention, {g * S, hd, C}, batch * s.kv_heads, spec,
                         cache_operand, false);
  for (LlmOp* op : {&scores, &attn_v}) {
    op->kv_operand = true;
    op->kv_load_scale = scale;
    op->kv_bytes = kv.compressed() && kv.fused ? stored_bytes(kv_values)
                                               : dtype_bytes(DType::kBf16, kv_values);
  }
  ops.push_back(scores);
  ops.push_back(vector_op("softmax", LlmOpPart::kAttention, VectorKernel::kSoftmax,
                          batch * s.heads * S, C, act, act));
  ops.push_back(attn_v);
  if (kv.rotation)
    ops.push_back(gemm_op("out_rotate", LlmOpPart::kKvCache, {batch * S * s.heads, hd, hd}, 1, spec,
                          act, true));
  ops.push_back(gemm_op("o_proj", LlmOpPart::kAttention, {T, d, s.heads * hd}, 1, spec, w, true));
  ops.push_back(
      vector_op("attn_residual", LlmOpPart::kNorm, VectorKernel::kResidualAdd, T, d, act, act));
  ops.push_back(vector_op("mlp_norm", LlmOpPart::kNorm, norm, T, d, act, act));
  const VectorKernel activation = kernel_for(m.activation);
  if (m.gated_mlp) {
    LlmOp gate = gemm_op("gate", LlmOpPart::kMlp, {T, s.ffn, d}, 1, spec, w, true);
    gate.gemm.epilogue = activation;
    ops.push_back(gate);
    ops.push_back(gemm_op("up", LlmOpPart::kMlp, {T, s.ffn, d}, 1, spec, w, true));
    ops.push_back(vector_op("gate_mul", LlmOpPart::kMlp, VectorKernel::kMul, T, s.ffn, act, act));
  } else {
    LlmOp up = gemm_op("up", LlmOpPart::kMlp, {T, s.ffn, d}, 1, spec, w, true);
    up.gemm.epilogue = activation;
    ops.push_back(up);
  }
  ops.push_back(gemm_op("down", LlmOpPart::kMlp, {T, d, s.ffn}, 1, spec, w, true));
  ops.push_back(
      vector_op("mlp_residual", LlmOpPart::kNorm, VectorKernel::kResidualAdd, T, d, act, act));
  return ops;
}

std::vector<LlmOp> head_ops(const TransformerModel& m, const LlmSpec& spec, std::uint64_t batch) {
  const VectorKernel norm = m.layernorm ? VectorKernel::kLayerNorm : VectorKernel::kRmsNorm;
  std::vector<LlmOp> ops;
  ops.push_back(vector_op("final_norm", LlmOpPart::kHead, norm, batch, m.hidden,
                          spec.activation_dtype, spec.activation_dtype));
  ops.push_back(gemm_op("lm_head", LlmOpPart::kHead,
                        {batch, ceil_div(m.vocab, spec.parallel.tp), m.hidden}, 1, spec,
                        spec.weight_dtype, true));
  return ops;
}

std::uint64_t chip_weight_bytes(const TransformerModel& m, const LlmSpec& spec) {
  const ParameterCount c = count_parameters(m);
  const std::uint64_t layers = ceil_div(m.layers, spec.parallel.pp);
  // Embeddings on the first stage, the head (or the tied embeddings again) on the last: with one
  // stage, both on the same chip, once when tied.
  const std::uint64_t last_stage_head = m.tied_embeddings ? c.embeddings : c.head;
  const std::uint64_t ends =
      spec.parallel.pp == 1 ? c.embeddings + c.head : std::max(c.embeddings, last_stage_head);
  const std::uint64_t params =
      (layers * c.per_layer() + ends) / spec.parallel.tp + c.norms;  // final norm on every chip
  return dtype_bytes(spec.weight_dtype, params);
}

std::uint64_t chip_kv_bytes(const TransformerModel& m, const LlmSpec& spec, std::uint64_t C) {
  const Share s = share_of(m, spec.parallel.tp);
  const std::uint64_t layers = ceil_div(m.layers, spec.parallel.pp);
  const double values =
      2.0 * static_cast<double>(layers * s.kv_heads * m.head_dim * spec.batch * C);
  return static_cast<std::uint64_t>(std::ceil(values * spec.kv.stored_bits() / 8));
}

}  // namespace lumen
