// The LLM ops' closed forms: MACs of a prefill equal 2·N_linear·T-style identities exactly (the
// layers' weight matrices once per token, the attention's two S×C products per head, the head on
// the last token), tensor parallelism divides them exactly, GQA shares K and V between query
// heads, and a compressed KV cache reads its stored bits.
#include <fstream>

#include <gtest/gtest.h>

#include "workloads/llm/llm_ops.h"

namespace lumen {
namespace {

namespace fs = std::filesystem;

TransformerModel model(const char* file) {
  std::ifstream in(fs::path(LUMEN_SOURCE_DIR) / "scenarios/models" / file);
  return transformer_model_from(nlohmann::json::parse(in));
}

std::uint64_t macs_of(const std::vector<LlmOp>& ops) {
  std::uint64_t macs = 0;
  for (const LlmOp& op : ops) macs += op.macs;
  return macs;
}

TEST(LlmOps, PrefillMacsEqualTheClosedFormExactly) {
  for (const char* file : {"qwen2.5-1.5b.json", "llama-3-8b.json", "gpt2-small.json"}) {
    const TransformerModel m = model(file);
    LlmSpec spec;
    spec.phase = LlmPhase::kPrefill;
    const std::uint64_t batch = 2, S = 512;
    const std::uint64_t layer = macs_of(layer_ops(m, spec, batch, S, S));
    const std::uint64_t head = macs_of(head_ops(m, spec, batch));
    const std::uint64_t d = m.hidden, h = m.heads, kv = m.kv_heads, hd = m.head_dim;
    const std::uint64_t linear =
        d * (h + 2 * kv) * hd + h * hd * d + (m.gated_mlp ? 3 : 2) * d * m.ffn;
    const std::uint64_t T = batch * S;
    EXPECT_EQ(m.layers * layer + head,
              T * m.layers * linear + 2 * batch * m.layers * h * S * S * hd + batch * d * m.vocab)
        << m.name;
    // 2·params·tokens (Kaplan's forward FLOPs) is the linear part: the layers' matrices are the
    // model's parameters less embeddings, norms and biases.
    const ParameterCount c = count_parameters(m);
    const std::uint64_t norms_and_biases = c.layers_total - m.layers * linear;
    EXPECT_EQ(m.layers * linear, c.total() - c.embeddings - c.head - c.norms - norms_and_biases);
  }
}

TEST(LlmOps, TensorParallelSharesDivideEveryGemmExactly) {
  const TransformerModel m = model("llama-3-8b.json");
  LlmSpec one, eight;
  eight.parallel.tp = 8;
  check_tensor_parallel(m, 8);
  EXPECT_EQ(macs_of(layer_ops(m, one, 8, 1, 4096)), 8 * macs_of(layer_ops(m, eight, 8, 1, 4096)));
  EXPECT_THROW(check_tensor_parallel(m, 3), std::invalid_argument);
}

TEST(LlmOps, GqaReadsEachKvHeadOnceForItsGroupOfQueries) {
  const TransformerModel m = model("qwen2.5-1.5b.json");  // 12 query heads, 2 KV heads
  LlmSpec spec;
  for (const LlmOp& op : layer_ops(m, spec, 1, 1, 4096))
    if (op.name == "scores") {
      EXPECT_EQ(op.gemm.batch, 2u);       // one GEMM per KV head
      EXPECT_EQ(op.gemm.shape.m, 6u);     // its 6 query heads stacked
      EXPECT_EQ(op.gemm.shape.n, 4096u);  // against the whole context
      EXPECT_EQ(op.kv_bytes, 2u * 4096 * 128 * 2);
    }
}

TEST(LlmOps, CompressedCacheReadsItsStoredBits) {
  const TransformerModel m = model("qwen2.5-1.5b.json");
  LlmSpec spec;
  spec.kv.scheme = "turboquant";
  spec.kv.bits = 3.5;
  spec.kv.block_overhead_bits = 32;
  spec.kv.rotation = true;
  EXPECT_DOUBLE_EQ(spec.kv.stored_bits(), 3.75);
  bool rotated = false;
  for (const LlmOp& op : layer_ops(m, spec, 1, 1, 4096)) {
    if (op.name == "scores") {
      EXPECT_EQ(op.gemm.weight_dtype, DType::kInt4);
      EXPECT_DOUBLE_EQ(op.kv_load_scale, 3.75 / 4);
      EXPECT_EQ(op.kv_bytes, 2u * 4096 * 128 * 3.75 / 8);
    }
    rotated |= op.name == "q_rotate";
  }
  EXPECT_TRUE(rotated);
  const std::uint64_t bf16 = chip_kv_bytes(m, LlmSpec{}, 4096);
  EXPECT_EQ(bf16, 2u * 28 * 2 * 128 * 4096 * 2);  // K and V, 28 layers, 2 KV heads, bf16
  EXPECT_NEAR(static_cast<double>(chip_kv_bytes(m, spec, 4096)) / bf16, 3.75 / 16, 1e-9);
}

}  // namespace
}  // namespace lumen
