// A transformer lowered into operations, one chip's share of them under tensor parallelism,
// each a GEMM (of workloads/gemm_lowering.h) or a vector kernel (workloads/vector_lowering.h).
//
// One layer, for T = batch · S tokens (S: prompt length in prefill, 1 in decode), a KV length C
// (prefill: S; decode: the context), TP degree t, h_t = heads / t, k_t = max(1, kv_heads / t)
// query and KV heads per chip, g = h_t / k_t queries per KV head (GQA; MQA is kv_heads = 1),
// hd = head dim, d = hidden, f_t = ffn / t:
//   attn_norm    rmsnorm | layernorm   T × d
//   qkv          GEMM  T × d → (h_t + 2 k_t)·hd                       weights
//   rotary       rotary  T × (h_t + k_t)·hd                           (RoPE models)
//   kv_quantize  quantize  T × 2 k_t·hd                               (compressed KV)
//   q_rotate     GEMM  batch·S·h_t × hd → hd                          (turboquant)
//   kv_dequant   dequantize  2·batch·k_t·C × hd → bf16                (vector decompression)
//   scores       GEMM  batch·k_t items of (g·S) × hd → C              K from the cache
//   softmax      softmax  batch·h_t·S × C
//   attn_v       GEMM  batch·k_t items of (g·S) × C → hd              V from the cache
//   out_rotate   GEMM  batch·S·h_t × hd → hd                          (turboquant)
//   o_proj       GEMM  T × h_t·hd → d                                 weights, then TP all-reduce
//   attn_residual residual_add  T × d
//   mlp_norm     as attn_norm
//   gate         GEMM  T × d → f_t, activation fused        (gated)   weights
//   up           GEMM  T × d → f_t (plain: activation fused)          weights
//   gate_mul     mul   T × f_t                              (gated)
//   down         GEMM  T × f_t → d                                    weights, then TP all-reduce
//   mlp_residual residual_add  T × d
// Head (last pipeline stage), on the last token of each sequence: final_norm (batch × d) and
// lm_head (GEMM batch × d → vocab / t). Embedding lookup (T rows of d gathered) is left out: it
// moves T·d·2 bytes, under 0.1 % of a layer's. Prefill computes the full S × S score square
// (masking, not skipping, the causal half), as simple kernels do.
//
// Closed forms these ops satisfy exactly (tests/workloads/llm_ops_test.cpp):
//   MACs = T · N_linear + 2 · batch · layers · h · S · C · hd + batch · d · vocab  (t = 1)
//   where N_linear = layers · (d·(h + 2kv)·hd + h·hd·d + (2|3)·d·ffn) (the layers' weight matrices)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "workloads/gemm_lowering.h"
#include "workloads/llm/llm_spec.h"
#include "workloads/llm/transformer_model.h"
#include "workloads/vector_lowering.h"

namespace lumen {

enum class LlmOpPart { kAttention, kMlp, kNorm, kHead, kKvCache };

struct LlmOp {
  std::string name;
  LlmOpPart part = LlmOpPart::kAttention;
  bool is_gemm = true;
  GemmLayer gemm;
  VectorLayer vector;
  std::uint64_t macs = 0;
  std::uint64_t weight_bytes = 0;  // weights read (the GEMM's B operand)
  std::uint64_t kv_bytes = 0;      // KV cache read as stored (compressed bytes)
  std::uint64_t elements = 0;      // vector kernels: elements processed
  // The op's KV-cache operand (GEMM B, or the vector kernel's input) is loaded at this fraction
  // of its element type's bytes (stored bits / the type's bits); 1 when not compressed below it.
  double kv_load_scale = 1;
  bool kv_operand = false;
  std::string key() const;  // identical ops (e.g. both residual adds) simulate once
};

// One decoder layer's ops on one chip (its TP share), for a batch of `batch` sequences of S new
// tokens against a KV length C.
std::vector<LlmOp> layer_ops(const TransformerModel& model, const LlmSpec& spec,
                             std::uint64_t batch, std::uint64_t S, std::uint64_t C);
std::vector<LlmOp> head_ops(const TransformerModel& model, const LlmSpec& spec,
                            std::uint64_t batch);

// The TP share of heads: throws std::invalid_argument when heads (or kv_heads, unless the KV
// heads are replicated) or ffn do not divide by t.
void check_tensor_parallel(const TransformerModel& model, std::uint32_t tp);

// Bytes of weights one chip holds (its TP share of its PP stage's layers, plus the embeddings
// and head on the stages that need them) and of KV cache for `batch` sequences of C tokens.
std::uint64_t chip_weight_bytes(const TransformerModel& model, const LlmSpec& spec);
std::uint64_t chip_kv_bytes(const TransformerModel& model, const LlmSpec& spec, std::uint64_t C);

}  // namespace lumen
