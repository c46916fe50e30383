// Every shipped model description's parameter count, computed from its shape, equals the total
// its source publishes, exactly.
#include <fstream>

#include <gtest/gtest.h>

#include "workloads/llm/transformer_model.h"

namespace lumen {
namespace {

namespace fs = std::filesystem;

TEST(TransformerModel, ParameterCountsEqualThePublishedTotals) {
  int models = 0;
  for (const auto& e : fs::directory_iterator(fs::path(LUMEN_SOURCE_DIR) / "scenarios/models")) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    const TransformerModel m = transformer_model_from(nlohmann::json::parse(in));
    ASSERT_GT(m.published_parameters, 0u) << e.path();
    EXPECT_EQ(count_parameters(m).total(), m.published_parameters) << m.name;
    ++models;
  }
  EXPECT_GE(models, 4);
}

TEST(TransformerModel, Qwen25Splits) {
  std::ifstream in(fs::path(LUMEN_SOURCE_DIR) / "scenarios/models/qwen2.5-1.5b.json");
  const TransformerModel m = transformer_model_from(nlohmann::json::parse(in));
  const ParameterCount c = count_parameters(m);
  EXPECT_EQ(c.embeddings, 151936u * 1536);
  EXPECT_EQ(c.head, 0u);                                 // tied
  EXPECT_EQ(c.non_embedding(), 1310340608u);             // the model card's 1.31 B
  EXPECT_EQ(kv_values_per_token(m), 2u * 28 * 2 * 128);  // GQA: 2 KV heads
}

}  // namespace
}  // namespace lumen
