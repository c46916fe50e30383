#include "workloads/llm/transformer_model.h"

namespace lumen {

using json = nlohmann::json;

TransformerModel transformer_model_from(const json& j) {
  TransformerModel m;
  m.name = j.at("name");
  m.source = j.at("source");
  m.published_parameters = j.value("published_parameters", std::uint64_t{0});
  m.vocab = j.at("vocab");
  m.hidden = j.at("hidden");
  m.layers = j.at("layers");
  m.heads = j.at("heads");
  m.kv_heads = j.at("kv_heads");
  m.head_dim = j.at("head_dim");
  m.ffn = j.at("ffn");
  m.gated_mlp = j.at("mlp") == "gated";
  m.activation = j.value("activation", m.gated_mlp ? "silu" : "gelu");
  m.layernorm = j.at("norm") == "layernorm";
  m.norm_weights = j.value("norm_weights", true);
  m.learned_positions = j.at("position") == "learned";
  m.context = j.at("context");
  m.tied_embeddings = j.at("tied_embeddings");
  m.qkv_bias = j.value("qkv_bias", false);
  m.attn_out_bias = j.value("attn_out_bias", false);
  m.mlp_bias = j.value("mlp_bias", false);
  return m;
}

std::uint64_t ParameterCount::per_layer() const {
  return attention + mlp;
}

std::optional<ModelProblem> check_transformer_model(const TransformerModel& m) {
  if (m.kv_heads > m.heads || m.heads % m.kv_heads != 0)
    return ModelProblem{
        "/kv_heads",
        "a number of KV heads that divides the " + std::to_string(m.heads) + " query heads",
        std::to_string(m.kv_heads)};
  return std::nullopt;
}

ParameterCount count_parameters(const TransformerModel& m) {
  ParameterCount c;
  const std::uint64_t d = m.hidden, qkv = (m.heads + 2 * m.kv_heads) * m.head_dim;
  const std::uint64_t norm = !m.norm_weights ? 0 : m.layernorm ? 2 * d : d;
  c.embeddings = m.vocab * d + (m.learned_positions ? m.context * d : 0);
  c.attention = d * qkv + m.heads * m.head_dim * d + (m.qkv_bias ? qkv : 0) +
                (m.attn_out_bias ? d : 0) + 2 * norm;  // the layer's two norms counted here
  c.mlp =
      (m.gated_mlp ? 3 : 2) * d * m.ffn + (m.mlp_bias ? (m.gated_mlp ? 2 * m.ffn : m.ffn) + d : 0);
  c.layers_total = m.layers * (c.attention + c.mlp);
  c.norms = norm;  // the final norm
  c.head = m.tied_embeddings ? 0 : m.vocab * d;
  return c;
}

}  // namespace lumen
