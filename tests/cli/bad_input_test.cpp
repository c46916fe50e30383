// Bad input, one row per error class: `lumen run` exits 2, names the file and the JSON pointer,
// and writes no report.
#include <fstream>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"
#include "support/minimal_platform.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;

const char* kPlatform = kMinimalPlatform;
const char* kScenario = R"({"kind": "gemm", "m": 16, "n": 16, "k": 16})";

struct BadCase {
  std::string name;
  std::string platform;            // file text ("" = the valid one; "MISSING" = no file)
  std::string scenario;            // same
  std::vector<std::string> extra;  // extra arguments
  std::string file;                // expected in the message: p.json, s.json, base.json, --set ...
  std::string pointer;             // expected in the message
  std::string found;               // expected in the message
};

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

std::vector<BadCase> cases() {
  const std::string p = kPlatform;
  return {
      {"unknown_key",
       replace(p, "\"dataflow\"", "\"rowz\": 4, \"dataflow\""),
       "",
       {},
       "p.json",
       "/chip/tile/matrix/rowz",
       "did you mean \"rows\"?"},
      {"wrong_type",
       replace(p, "\"rows\": 1,", "\"rows\": \"one\","),
       "",
       {},
       "p.json",
       "/chip/tiles/rows",
       "expected an integer, found \"one\""},
      {"bad_unit",
       replace(p, "\"1 GHz\"", "\"1 GB\""),
       "",
       {},
       "p.json",
       "/chip/clock",
       "unit of size"},
      {"missing_unit",
       replace(p, "\"64 KiB\"", "\"65536\""),
       "",
       {},
       "p.json",
       "/chip/tile/scratchpad/size",
       "no unit"},
      {"number_for_quantity",
       replace(p, "\"64 KiB\"", "65536"),
       "",
       {},
       "p.json",
       "/chip/tile/scratchpad/size",
       "found number 65536"},
      {"negative_size",
       replace(p, "\"1 KiB\"", "\"-1 KiB\""),
       "",
       {},
       "p.json",
       "/chip/tile/dma/burst",
       "expected a positive size"},
      {"zero_size",
       replace(p, "\"64 KiB\"", "\"0 KiB\""),
       "",
       {},
       "p.json",
       "/chip/tile/scratchpad/size",
       "expected a positive size"},
      {"negative_count",
       replace(p, "\"cols\": 1", "\"cols\": -3"),
       "",
       {},
       "p.json",
       "/chip/tiles/cols",
       "expected an integer >= 1"},
      {"enum_typo",
       replace(p, "\"ws\"", "\"wss\""),
       "",
       {},
       "p.json",
       "/chip/tile/matrix/dataflow",
       "did you mean \"ws\"?"},
      {"missing_required",
       replace(p, "\"clock\": \"1 GHz\",", ""),
       "",
       {},
       "p.json",
       "/chip",
       "expected the key \"clock\""},
      {"missing_platform_file", "MISSING", "", {}, "p.json", "(document)", "no such file"},
      {"missing_scenario_file", "", "MISSING", {}, "s.json", "(document)", "no such file"},
      {"malformed_json",
       "{\n  \"chip\": {\n    \"clock\": \"1 GHz\"\n  \n",
       "",
       {},
       "p.json",
       "(document)",
       "line 5, column 1"},
      {"number_overflow",
       "{\"chip\": {\"clock\": 1e999}}",
       "",
       {},
       "p.json",
       "(document)",
       "number overflow"},
      {"set_number_overflow",
       "",
       "",
       {"--set", "/scenario/m=1e999"},
       "--set /scenario/m=1e999",
       "/scenario/m",
       "found \"1e999\""},
      {"size_too_large",
       replace(p, "\"64 KiB\"", "\"2 TiB\""),
       "",
       {},
       "p.json",
       "/chip/tile/scratchpad/size",
       "expected a size of at most 1099511627776 B"},
      {"clock_too_slow",
       replace(p, "\"1 GHz\"", "\"10 Hz\""),
       "",
       {},
       "p.json",
       "/chip/clock",
       "expected a frequency of at least 1000 Hz"},
      {"simple_memory_without_latency",
       replace(p, "{\"kind\": \"ideal\"}", "{\"kind\": \"simple\"}"),
       "",
       {},
       "p.json",
       "/chip/memory",
       "expected the key \"latency\""},
      {"negative_latency_beside_ref",
       "",
       "",
       {"--set",
        "/platform/chip/memory={\"kind\": \"simple\", \"latency\": \"-5 ns\", \"bandwidth\": \"1 "
        "GB/s\"}"},
       "--set /platform/chip/memory={\"kind\": \"simple\", \"latency\": \"-5 ns\", \"bandwidth\": "
       "\"1 GB/s\"}",
       "/platform/chip/memory/latency",
       "expected a time that is not negative"},
      {"too_many_blocks",
       "",
       R"({"kind": "gemm", "m": 1048576, "n": 1048576, "k": 1048576})",
       {},
       "s.json",
       "(document)",
       "scratchpad blocks per tile"},
      {"too_many_blocks_in_a_network_layer",
       "",
       R"({"kind": "network", "layers": [{"name": "a", "m": 8, "n": 8, "k": 8},
          {"name": "b", "m": 1048576, "n": 1048576, "k": 1048576}]})",
       {},
       "s.json",
       "/layers/1",
       "scratchpad blocks per tile"},
      {"beyond_systemc_time_limit",
       replace(replace(p, "\"1 GHz\"", "\"1 kHz\""), "\"64 KiB\"", "\"1 TiB\""),
       R"({"kind": "gemm", "m": 1048576, "n": 1048576, "k": 1048576})",
       {},
       "s.json",
       "(document)",
       "simulated-time limit"},
      {"network_without_layers",
       "",
       R"({"kind": "network", "layers": []})",
       {},
       "s.json",
       "/layers",
       "expected at least 1 items, found 0 items"},
      {"dependency_beyond_32_bits",
       "",
       R"({"kind": "program", "tiles": [{"tile": 0, "commands": [{"op": "gemm"}, {"op": "gemm", "deps": [4294967296]}]}]})",
       {},
       "s.json",
       "/tiles/0/commands/1/deps/0",
       "expected an integer <= 4294967295"},
      {"duplicate_key",
       replace(p, "\"name\": \"t\",", "\"name\": \"t\", \"name\": \"u\","),
       "",
       {},
       "p.json",
       "/name",
       "a second time"},
      {"top_level_not_object", "[1, 2]", "", {}, "p.json", "(document)", "found array"},
      {"extends_missing",
       R"({"extends": "nowhere.json"})",
       "",
       {},
       "p.json",
       "/extends",
       "no such file"},
      {"extends_cycle", R"({"extends": "p.json"})", "", {}, "p.json", "/extends", "extends cycle"},
      {"extends_not_string", R"({"extends": 3})", "", {}, "p.json", "/extends", "number"},
      {"unknown_scenario_kind",
       "",
       R"({"kind": "gemmm", "m": 1})",
       {},
       "s.json",
       "/kind",
       "did you mean \"gemm\"?"},
      {"zero_dimension",
       "",
       R"({"kind": "gemm", "m": 0, "n": 16, "k": 16})",
       {},
       "s.json",
       "/m",
       "expected an integer >= 1, found number 0"},
      {"scenario_wrong_dtype",
       "",
       R"({"kind": "gemm", "m": 1, "n": 16, "k": 16, "dtype": "bf61"})",
       {},
       "s.json",
       "/dtype",
       "did you mean \"bf16\"?"},
      {"gemm_does_not_fit",
       replace(p, "\"64 KiB\"", "\"128 B\""),
       "",
       {},
       "p.json",
       "/chip/tile/scratchpad/size",
       "128 bytes"},
      {"gemm_does_not_fit_via_set",
       "",
       R"({"kind": "gemm", "m": 4096, "n": 64, "k": 64})",
       {"--set", "/platform/chip/tile/scratchpad/size=100 B"},
       "--set /platform/chip/tile/scratchpad/size=100 B",
       "/platform/chip/tile/scratchpad/size",
       "100 bytes"},
      {"set_unknown_key",
       "",
       "",
       {"--set", "/platform/chip/tile/matrix/colz=4"},
       "--set /platform/chip/tile/matrix/colz=4",
       "/platform/chip/tile/matrix/colz",
       "did you mean \"cols\"?"},
      {"set_bad_value",
       "",
       "",
       {"--set", "/scenario/m=-1"},
       "--set /scenario/m=-1",
       "/scenario/m",
       "found number -1"},
      {"set_outside_run_document",
       "",
       "",
       {"--set", "/chip/clock=2 GHz"},
       "--set /chip/clock=2 GHz",
       "/chip/clock",
       "under /platform or /scenario"},
      {"set_without_value",
       "",
       "",
       {"--set", "/scenario/m"},
       "--set /scenario/m",
       "(document)",
       "no '='"},
      {"program_forward_dependency",
       "",
       R"({"kind": "program", "tiles": [{"tile": 0, "commands": [{"op": "gemm", "deps": [1]}, {"op": "gemm"}]}]})",
       {},
       "s.json",
       "/tiles/0/commands/0/deps/0",
       "found 1"},
      {"program_tile_out_of_range",
       "",
       R"({"kind": "program", "tiles": [{"tile": 5, "commands": []}]})",
       {},
       "s.json",
       "/tiles/0/tile",
       "below 1"},
      {"program_outside_scratchpad",
       "",
       R"({"kind": "program", "tiles": [{"tile": 0, "commands": [{"op": "dma_load", "bytes": "1 MiB"}]}]})",
       {},
       "s.json",
       "/tiles/0/commands/0",
       "1048576"},
  };
}

void PrintTo(const BadCase& c, std::ostream* os) {
  *os << c.name;
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, ExitsTwoNamingFileAndPointerAndWritesNoReport) {
  const BadCase& c = GetParam();
  const fs::path dir = scratch_dir("bad_" + c.name);
  const auto write = [&](const std::string& name, const std::string& text, const char* fallback) {
    if (text == "MISSING") return;
    std::ofstream(dir / name) << (text.empty() ? fallback : text);
  };
  write("p.json", c.platform, kPlatform);
  write("s.json", c.scenario, kScenario);
  std::vector<std::string> args = {"run", (dir / "p.json").string(), (dir / "s.json").string(),
                                   "-o", (dir / "out").string()};
  args.insert(args.end(), c.extra.begin(), c.extra.end());
  const auto r = run_lumen(args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const std::string file = c.file.rfind("--set", 0) == 0 ? c.file : (dir / c.file).string();
  EXPECT_NE(r.err.find(file + ": " + c.pointer), std::string::npos)
      << "want " << file << ": " << c.pointer << "\n got " << r.err;
  EXPECT_NE(r.err.find(c.found), std::string::npos) << "want " << c.found << "\n got " << r.err;
  EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out")) << "a failed run must not write a report";
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInput, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace lumen::test
