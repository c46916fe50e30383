// Inputs the fuzzer once crashed on (tests/data/fuzz): each must end in success or InputError.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/diagnostics.h"
#include "core/json_text.h"
#include "core/schema.h"

namespace lumen {
namespace {

TEST(FuzzRegressions, EveryInputEndsInSuccessOrACleanError) {
  int inputs = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(LUMEN_TEST_DATA) + "/fuzz")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    try {
      const auto document = parse_json_text(text.str(), entry.path().string());
      SourceMap sources;
      platform_schema().validate(document, "", sources);
      scenario_schema().validate(document, "", sources);
    } catch (const InputError&) {
    }
    ++inputs;
  }
  EXPECT_GE(inputs, 1);
}

TEST(FuzzRegressions, NumberOverflowIsAMalformedJsonError) {
  try {
    parse_json_text("{\"m\": 1e999}", "x.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].expected, "well-formed JSON");
    EXPECT_NE(e.diagnostics()[0].found.find("number overflow"), std::string::npos);
  }
}

}  // namespace
}  // namespace lumen
