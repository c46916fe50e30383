#include "core/config_document.h"

#include <fstream>

#include <gtest/gtest.h>

#include "core/diagnostics.h"
#include "core/json_text.h"

namespace lumen {
namespace {

namespace fs = std::filesystem;

class ConfigDocumentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lumen_cfg_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  static Diagnostic only_error(const std::function<void()>& action) {
    try {
      action();
    } catch (const InputError& e) {
      EXPECT_EQ(e.diagnostics().size(), 1u);
      return e.diagnostics().front();
    }
    ADD_FAILURE() << "expected InputError";
    return {};
  }
  fs::path dir_;
};

TEST_F(ConfigDocumentTest, ExtendsIsRelativeToTheFileAndMergesDeep) {
  write("sub/base.json",
        R"({"chip": {"clock": "1 GHz", "tiles": {"rows": 1, "cols": 1}}, "name": "base"})");
  const auto child =
      write("child.json",
            R"({"extends": "sub/base.json", "chip": {"tiles": {"rows": 4}}, "name": null})");
  const ConfigDocument doc = load_config_file(child);
  EXPECT_EQ(doc.value["chip"]["tiles"]["rows"], 4);
  EXPECT_EQ(doc.value["chip"]["tiles"]["cols"], 1);
  EXPECT_EQ(doc.value["chip"]["clock"], "1 GHz");
  EXPECT_FALSE(doc.value.contains("extends"));
  EXPECT_FALSE(doc.value.contains("name")) << "null removes a key (RFC 7386)";
  // Each value is traced to the file that supplied it.
  EXPECT_EQ(doc.sources.origin_of("/chip/clock").file,
            (dir_ / "child.json").parent_path() / "sub/base.json");
  EXPECT_EQ(doc.sources.origin_of("/chip/tiles/rows").file, child.string());
}

TEST_F(ConfigDocumentTest, ExtendsCycleIsReported) {
  write("a.json", R"({"extends": "b.json"})");
  write("b.json", R"({"extends": "a.json"})");
  const Diagnostic d = only_error([&] { load_config_file(dir_ / "a.json"); });
  EXPECT_EQ(d.pointer, "/extends");
  EXPECT_NE(d.found.find("cycle"), std::string::npos) << d.message();
}

TEST_F(ConfigDocumentTest, MissingBaseNamesTheExtendingFile) {
  const auto child = write("child.json", R"({"extends": "nowhere.json"})");
  const Diagnostic d = only_error([&] { load_config_file(child); });
  EXPECT_EQ(d.file, child.string());
  EXPECT_EQ(d.pointer, "/extends");
  EXPECT_NE(d.found.find("no such file"), std::string::npos);
}

TEST_F(ConfigDocumentTest, MissingFileIsReported) {
  const Diagnostic d = only_error([&] { load_config_file(dir_ / "absent.json"); });
  EXPECT_EQ(d.file, (dir_ / "absent.json").string());
  EXPECT_EQ(d.found, "no such file");
}

TEST_F(ConfigDocumentTest, MalformedJsonGivesLineAndColumn) {
  const auto bad = write("bad.json", "{\n  \"a\": 1,\n  \"b\": ,\n}\n");
  const Diagnostic d = only_error([&] { load_config_file(bad); });
  EXPECT_NE(d.found.find("line 3, column 8"), std::string::npos) << d.message();
}

TEST_F(ConfigDocumentTest, DuplicateKeyIsAnErrorWithItsPointer) {
  const Diagnostic d = only_error(
      [] { parse_json_text(R"({"chip": {"tiles": [1, {"rows": 1, "rows": 2}]}})", "x.json"); });
  EXPECT_EQ(d.pointer, "/chip/tiles/1/rows");
}

TEST_F(ConfigDocumentTest, OverridesParseJsonElseTakeAString) {
  ConfigDocument platform{nlohmann::json{{"chip", {{"clock", "1 GHz"}}}}, {}};
  ConfigDocument scenario{nlohmann::json{{"kind", "gemm"}, {"m", 1}}, {}};
  ConfigDocument run = compose_run_document(platform, scenario);
  apply_override(run, "/scenario/m=128");
  apply_override(run, "/platform/chip/clock=1.2 GHz");
  apply_override(run, "/platform/chip/dataflow=os");
  EXPECT_EQ(run.value["scenario"]["m"], 128);
  EXPECT_EQ(run.value["platform"]["chip"]["clock"], "1.2 GHz");
  EXPECT_EQ(run.value["platform"]["chip"]["dataflow"], "os");
  EXPECT_EQ(run.sources.origin_of("/scenario/m").file, "--set /scenario/m=128");
}

TEST_F(ConfigDocumentTest, OverrideOutsideTheRunDocumentIsRefused) {
  ConfigDocument run =
      compose_run_document({nlohmann::json::object(), {}}, {nlohmann::json::object(), {}});
  EXPECT_THROW(apply_override(run, "/chip/clock=1 GHz"), InputError);
  EXPECT_THROW(apply_override(run, "/scenario/m"), InputError);
  EXPECT_THROW(apply_override(run, "scenario/m=1"), InputError);
}

TEST_F(ConfigDocumentTest, OverrideThroughAScalarIsRefused) {
  ConfigDocument run =
      compose_run_document({nlohmann::json::object(), {}}, {nlohmann::json{{"m", 4}}, {}});
  EXPECT_THROW(apply_override(run, "/scenario/m/x=1"), InputError);
}

}  // namespace
}  // namespace lumen
