// A decoder-only transformer's shape (scenarios/models/*.json, schema
// scenarios/schema/model.schema.json) and what follows from it: parameter counts per part,
// weight and KV-cache bytes. The LLM lowering (prefill, decode, parallelism) builds on it.
//
//   embeddings   vocab·d (+ context·d with learned positions)
//   per layer    attention  d·(h + 2·kv)·hd + (h·hd)·d   (+ (h + 2·kv)·hd with QKV bias, + d)
//                MLP        plain 2·d·f, gated 3·d·f      (+ f + d, or 2f + d, with biases)
//                norms      2·d (LayerNorm 4·d: weight and bias; none without weights)
//   final norm   d (LayerNorm 2·d)
//   output head  vocab·d unless tied
// d = hidden, h = heads, kv = KV heads, hd = head dim, f = FFN size. KV cache per token:
// 2 · layers · kv · hd values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace lumen {

struct TransformerModel {
  std::string name, source;
  std::uint64_t published_parameters = 0;  // 0: not stated
  std::uint64_t vocab = 0, hidden = 0, layers = 0, heads = 0, kv_heads = 0, head_dim = 0, ffn = 0;
  std::string activation = "gelu";  // relu, gelu or silu (the gate's, when gated)
  bool gated_mlp = false, layernorm = false, norm_weights = true, learned_positions = false;
  bool tied_embeddings = false, qkv_bias = false, attn_out_bias = false, mlp_bias = false;
  std::uint64_t context = 0;
};

struct ParameterCount {
  std::uint64_t embeddings = 0, attention = 0, mlp = 0, norms = 0, head = 0;
  std::uint64_t per_layer() const;  // attention + MLP + norms of one layer
  std::uint64_t layers_total = 0;   // all layers
  std::uint64_t total() const { return embeddings + layers_total + norms + head; }
  std::uint64_t non_embedding() const { return total() - embeddings; }
};

// `model` must have passed model_schema() validation.
TransformerModel transformer_model_from(const nlohmann::json& model);

ParameterCount count_parameters(const TransformerModel& m);

// What a shape must satisfy beyond its schema: query heads come in whole groups per KV head
// (GQA; kv_heads = heads is multi-head, 1 is MQA).
struct ModelProblem {
  std::string pointer, expected, found;
};
std::optional<ModelProblem> check_transformer_model(const TransformerModel& m);

// KV-cache values (K and V) one token adds across all layers.
inline std::uint64_t kv_values_per_token(const TransformerModel& m) {
  return 2 * m.layers * m.kv_heads * m.head_dim;
}

}  // namespace lumen
