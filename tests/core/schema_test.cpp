#include "core/schema.h"

#include <gtest/gtest.h>

#include "core/config_document.h"
#include "support/minimal_platform.h"

namespace lumen {
namespace {

using json = nlohmann::json;

json valid_platform() {
  return json::parse(test::kMinimalPlatform);
}

std::vector<Diagnostic> check_platform(const json& platform) {
  SourceMap sources;
  sources.record_tree(platform, "", Origin{"p.json", ""});
  return platform_schema().validate(platform, "", sources);
}

TEST(Schema, ShippedSchemasUseOnlyEnforcedKeywords) {
  EXPECT_NO_THROW(platform_schema());
  EXPECT_NO_THROW(scenario_schema());
  EXPECT_THROW(Schema(json::parse(R"({"type": "object", "patternProperties": {}})")),
               std::logic_error);
}

TEST(Schema, ValidPlatformHasNoProblems) {
  EXPECT_TRUE(check_platform(valid_platform()).empty());
}

TEST(Schema, UnknownKeySuggestsTheClosestKnownOne) {
  json p = valid_platform();
  p["chip"]["tile"]["matrix"]["rowz"] = 8;
  const auto problems = check_platform(p);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "p.json");
  EXPECT_EQ(problems[0].pointer, "/chip/tile/matrix/rowz");
  EXPECT_EQ(problems[0].hint, "did you mean \"rows\"?");
}

TEST(Schema, WrongTypeNamesExpectedAndFound) {
  json p = valid_platform();
  p["chip"]["tiles"]["rows"] = "two";
  const auto problems = check_platform(p);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/chip/tiles/rows");
  EXPECT_EQ(problems[0].expected, "an integer");
  EXPECT_EQ(problems[0].found, "\"two\"");
}

TEST(Schema, BadAndMissingUnits) {
  json p = valid_platform();
  p["chip"]["clock"] = "1 GB";
  p["chip"]["tile"]["scratchpad"]["size"] = "65536";
  p["chip"]["tile"]["dma"]["bandwidth"] = 16;
  const auto problems = check_platform(p);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].pointer, "/chip/clock");
  EXPECT_NE(problems[0].found.find("unit of size"), std::string::npos);
  EXPECT_EQ(problems[1].pointer, "/chip/tile/dma/bandwidth");
  EXPECT_NE(problems[1].expected.find("bandwidth"), std::string::npos);
  EXPECT_EQ(problems[2].pointer, "/chip/tile/scratchpad/size");
  EXPECT_NE(problems[2].found.find("no unit"), std::string::npos);
}

TEST(Schema, ZeroOrNegativeSizesAndCounts) {
  json p = valid_platform();
  p["chip"]["tile"]["scratchpad"]["size"] = "0 KiB";
  p["chip"]["tile"]["scratchpad"]["banks"] = -2;
  const auto problems = check_platform(p);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].pointer, "/chip/tile/scratchpad/banks");
  EXPECT_EQ(problems[0].expected, "an integer >= 1");
  EXPECT_EQ(problems[1].pointer, "/chip/tile/scratchpad/size");
  EXPECT_EQ(problems[1].expected, "a positive size");
}

TEST(Schema, EnumSuggestsAValue) {
  json p = valid_platform();
  p["chip"]["tile"]["matrix"]["dataflow"] = "wss";
  const auto problems = check_platform(p);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].expected, "one of ws, os, is");
  EXPECT_EQ(problems[0].hint, "did you mean \"ws\"?");
}

TEST(Schema, MissingRequiredKeyIsReportedAtItsObject) {
  json p = valid_platform();
  p["chip"].erase("clock");
  const auto problems = check_platform(p);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/chip");
  EXPECT_NE(problems[0].expected.find("\"clock\""), std::string::npos);
}

TEST(Schema, ScenarioKindPicksTheBranch) {
  SourceMap sources;
  auto check = [&](const json& s) { return scenario_schema().validate(s, "", sources); };
  EXPECT_TRUE(check(json::parse(R"({"kind": "gemm", "m": 1, "n": 2, "k": 3})")).empty());
  const auto unknown = check(json::parse(R"({"kind": "gemmm", "m": 1})"));
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].pointer, "/kind");
  EXPECT_EQ(unknown[0].hint, "did you mean \"gemm\"?");
  const auto missing = check(json::parse(R"({"kind": "gemm", "m": 1, "n": 0})"));
  ASSERT_EQ(missing.size(), 2u);  // k missing, n < 1
}

TEST(Schema, ProblemsPointIntoTheFileThatSuppliedTheValue) {
  ConfigDocument platform{valid_platform(), {}};
  platform.sources.record_tree(platform.value, "", Origin{"base.json", ""});
  platform.sources.record_tree(platform.value["chip"]["tiles"], "/chip/tiles",
                               Origin{"child.json", ""});
  ConfigDocument run = compose_run_document(platform, {json{{"kind", "gemm"}}, {}});
  apply_override(run, "/platform/chip/tile/matrix/cols=0");
  run.value["platform"]["chip"]["tiles"]["rows"] = 0;
  const auto problems = platform_schema().validate(run.value["platform"], "/platform", run.sources);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, "--set /platform/chip/tile/matrix/cols=0");
  EXPECT_EQ(problems[0].pointer, "/platform/chip/tile/matrix/cols");
  EXPECT_EQ(problems[1].file, "child.json");
  EXPECT_EQ(problems[1].pointer, "/chip/tiles/rows");
}

}  // namespace
}  // namespace lumen
