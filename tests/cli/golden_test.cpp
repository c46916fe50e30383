// Golden figures: a set of runs covering every model (GEMMs, attention, MLP, softmax and the DMA
// probe on the whole chip; the HBM under four standards, closed page, small queues and per-bank
// refresh; the NoC alone; the FPGA and single-tile platforms; an optical multi-chip ping-pong;
// an LLM decode) must give exactly the figures recorded in tests/data/golden/: every whole-run
// metric, and a digest of every component's figures. Speed work must not move a result; a change
// meant to move one regenerates the files (tests/data/golden/README.md) and says so in its commit.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"
#include "core/hash.h"

namespace lumen::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct GoldenCase {
  std::string name;
  std::vector<std::string> args;  // of `lumen run`
};

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.name;
}

std::string set(const std::string& pointer, const std::string& value) {
  return pointer + "=" + value;
}

std::vector<GoldenCase> golden_cases() {
  const std::string d = "configs/default.json";
  std::vector<GoldenCase> cases = {
      {"default_ffn_up", {d, "scenarios/ffn-up.json"}},  // the sweep benchmark's GEMM
      {"default_gemm", {d, "scenarios/gemm.json"}},
      {"default_attention", {d, "scenarios/attention-scores.json"}},
      {"default_mlp", {d, "scenarios/mlp.json"}},
      {"default_softmax", {d, "scenarios/softmax.json"}},
      {"default_dma_probe", {d, "scenarios/dma-probe.json"}},
      {"default_noc_uniform", {d, "scenarios/noc-uniform.json"}},
      {"default_noc_hotspot", {d, "scenarios/noc-hotspot.json"}},
      {"hbm_latency", {d, "scenarios/hbm-latency.json"}},
      {"hbm_closed_page_small_queues",
       {d, "scenarios/gemm.json", "--set", set("/platform/chip/hbm/page_policy", "\"closed\""),
        "--set", set("/platform/chip/hbm/read_queue", "8"), "--set",
        set("/platform/chip/hbm/write_queue", "8")}},
      {"hbm_per_bank_refresh",
       {d, "scenarios/hbm-stream.json", "--set",
        set("/platform/chip/hbm/refresh", "\"per_bank\"")}},
      {"fpga_gemm_small", {"configs/fpga.json", "scenarios/gemm-small.json"}},
      {"single_tile_gemm_int8", {"configs/single-tile.json", "scenarios/gemm-int8.json"}},
      {"ring8_optical_pingpong", {"configs/ring8-optical.json", "scenarios/pingpong.json"}},
      {"decode_llm", {"configs/decode.json", "scenarios/default.json"}},
  };
  for (const std::string standard : {"HBM2-2.0", "HBM2E-3.6", "HBM3-6.4", "HBM3E-9.6"}) {
    std::string name = "hbm_stream_" + standard;
    for (char& ch : name)
      if (ch == '-' || ch == '.') ch = '_';
    cases.push_back({name,
                     {d, "scenarios/hbm-stream.json", "--set",
                      set("/platform/chip/hbm/standard", "\"" + standard + "\"")}});
  }
  return cases;
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, FiguresAreTheRecordedOnes) {
  const GoldenCase& c = GetParam();
  const json report = run_report(scratch_dir("golden_" + c.name), c.args);
  const json figures = {{"args", c.args},
                        {"metrics", report["metrics"]},
                        {"components_digest", fnv1a64_hex(report["components"].dump())}};
  const fs::path file = fs::path(LUMEN_TEST_DATA) / "golden" / (c.name + ".json");
  if (std::getenv("LUMEN_UPDATE_GOLDEN")) {
    std::ofstream(file) << figures.dump(2) << "\n";
    GTEST_SKIP() << "wrote " << file;
  }
  ASSERT_TRUE(fs::exists(file)) << file << " is missing: LUMEN_UPDATE_GOLDEN=1 writes it";
  const json expected = read_json(file);
  EXPECT_EQ(figures["args"], expected["args"]) << "the case changed: regenerate its file";
  for (const auto& [key, value] : expected["metrics"].items()) {
    ASSERT_TRUE(figures["metrics"].contains(key)) << "metric " << key << " is gone";
    EXPECT_EQ(figures["metrics"][key], value) << "metric " << key;
  }
  EXPECT_EQ(figures["metrics"].size(), expected["metrics"].size()) << "metrics were added";
  EXPECT_EQ(figures["components_digest"], expected["components_digest"])
      << "a component's figures changed (see report.json \"components\")";
}

INSTANTIATE_TEST_SUITE_P(Runs, Golden, ::testing::ValuesIn(golden_cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace lumen::test
