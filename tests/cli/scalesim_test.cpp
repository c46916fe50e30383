// `lumen run` with timing=scalesim and ideal memory reproduces SCALE-Sim v2's compute cycles on
// every row of tests/data/scalesim/scalesim_gemm.csv (see its README for provenance). Exact.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;

TEST(ScaleSimV2, LumenRunMatchesEveryRowExactly) {
  std::ifstream in(std::string(LUMEN_TEST_DATA) + "/scalesim/scalesim_gemm.csv");
  std::string line;
  std::getline(in, line);
  const fs::path out = scratch_dir("scalesim");
  int rows = 0;
  std::set<std::string> dataflows, arrays;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string f[9];
    for (auto& field : f) std::getline(fields, field, ',');
    const auto r = run_lumen({"run",
                              "configs/single-tile.json",
                              "scenarios/gemm.json",
                              "-o",
                              out.string(),
                              "--set",
                              "/platform/chip/tile/matrix/timing=scalesim",
                              "--set",
                              "/platform/chip/memory={\"kind\": \"ideal\"}",
                              "--set",
                              "/platform/chip/tile/scratchpad/size=64 MiB",
                              "--set",
                              "/platform/chip/tile/matrix/dataflow=" + f[0],
                              "--set",
                              "/platform/chip/tile/matrix/rows=" + f[1],
                              "--set",
                              "/platform/chip/tile/matrix/cols=" + f[2],
                              "--set",
                              "/scenario/m=" + f[3],
                              "--set",
                              "/scenario/n=" + f[4],
                              "--set",
                              "/scenario/k=" + f[5]});
    ASSERT_EQ(r.exit_code, 0) << line << "\n" << r.err;
    const auto report = read_json(out / "report.json");
    EXPECT_EQ(report["metrics"]["compute_cycles"].get<double>(), std::stod(f[8])) << line;
    dataflows.insert(f[0]);
    arrays.insert(f[1] + "x" + f[2]);
    ++rows;
  }
  EXPECT_GE(rows, 90);
  EXPECT_EQ(dataflows.size(), 3u);
  EXPECT_TRUE(arrays.count("4x4") && arrays.count("128x128"));
}

}  // namespace
}  // namespace lumen::test
