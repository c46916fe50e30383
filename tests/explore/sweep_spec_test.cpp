// Sweep expansion and ranking without running anything: the grid order, Latin-hypercube
// stratification, seeded determinism, log ranges with units, derived inputs, and the Pareto front.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "explore/sweep_report.h"
#include "explore/sweep_spec.h"

namespace lumen {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path write_sweep(const std::string& name, json body) {
  const fs::path dir = fs::temp_directory_path() / ("lumen_sweep_spec_" + name);
  fs::create_directories(dir);
  body["platform"] = std::string(LUMEN_SOURCE_DIR) + "/configs/single-tile.json";
  body["scenario"] = std::string(LUMEN_SOURCE_DIR) + "/scenarios/gemm.json";
  std::ofstream(dir / "s.json") << body.dump();
  return dir / "s.json";
}

TEST(SweepSpec, GridVariesTheLastAxisFastestAndDerivesInputs) {
  const SweepSpec s = load_sweep(write_sweep(
      "grid",
      {{"axes",
        {{{"name", "a"}, {"pointer", "/platform/chip/tile/matrix/rows"}, {"values", {8, 16}}},
         {{"pointer", "/platform/chip/tile/matrix/dataflow"}, {"values", {"ws", "os", "is"}}}}},
       {"derived",
        {{{"pointer", "/platform/chip/tile/matrix/cols"}, {"from", "a"}, {"scale", 2}}}}}));
  ASSERT_EQ(s.points.size(), 6u);
  EXPECT_EQ(s.points[1].values[0], 8);
  EXPECT_EQ(s.points[1].values[1], "os");
  EXPECT_EQ(s.points[3].values[0], 16);
  EXPECT_EQ(s.points[3].overrides.back(), "/platform/chip/tile/matrix/cols=32");
}

TEST(SweepSpec, LatinHypercubePutsOnePointInEveryStratumOfEveryAxis) {
  const auto file = write_sweep(
      "lhs", {{"axes",
               {{{"pointer", "/scenario/m"}, {"range", {{"from", 1}, {"to", 100}}}},
                {{"pointer", "/scenario/n"}, {"range", {{"from", 1}, {"to", 100}}}}}},
              {"sample", {{"method", "latin_hypercube"}, {"points", 20}, {"seed", 3}}}});
  const SweepSpec s = load_sweep(file);
  ASSERT_EQ(s.points.size(), 20u);
  for (std::size_t axis = 0; axis < 2; ++axis) {
    std::set<int> strata;  // 100 values in 20 strata of 5
    for (const auto& p : s.points) strata.insert((p.values[axis].get<int>() - 1) / 5);
    EXPECT_EQ(strata.size(), 20u) << "axis " << axis;
  }
  // Seeded: the same file gives the same points.
  const SweepSpec again = load_sweep(file);
  for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(s.points[i].values, again.points[i].values);
  EXPECT_EQ(s.hash, again.hash);
}

TEST(SweepSpec, LogRangeWithAUnitMakesQuantities) {
  const SweepSpec s = load_sweep(write_sweep(
      "log", {{"axes",
               {{{"pointer", "/platform/chip/tile/scratchpad/size"},
                 {"log_range", {{"from", 64}, {"to", 1024}, {"points", 5}, {"unit", "KiB"}}}}}}}));
  ASSERT_EQ(s.points.size(), 5u);
  EXPECT_EQ(s.points[0].values[0], "64 KiB");
  EXPECT_EQ(s.points[2].values[0], "256 KiB");
  EXPECT_EQ(s.points[4].values[0], "1024 KiB");
}

TEST(SweepReport, ParetoFrontKeepsOnlyUndominatedOkPoints) {
  const std::vector<SweepObjective> objectives = {{"t", false}, {"e", false}};
  std::map<std::uint32_t, json> records;
  const auto add = [&](std::uint32_t id, double t, double e, const char* status = "ok") {
    records[id] = {{"id", id}, {"status", status}, {"metrics", {{"t", t}, {"e", e}}}};
  };
  add(0, 1, 9);
  add(1, 2, 5);
  add(2, 3, 6);  // dominated by 1
  add(3, 5, 1);
  add(4, 0.5, 0.5, "rejected");  // would dominate all, but is out of bounds
  add(5, 2, 5);                  // ties with 1: neither dominates
  const auto front = pareto_front(objectives, records);
  EXPECT_EQ(std::set<std::uint32_t>(front.begin(), front.end()),
            (std::set<std::uint32_t>{0, 1, 3, 5}));
}

}  // namespace
}  // namespace lumen
