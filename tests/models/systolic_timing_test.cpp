// The matrix engine's timing equations against their references: SCALE-Sim v2's reported
// cycles (tests/data/scalesim, exact), and the closed forms of the rtl convention.
#include "models/compute/systolic_timing.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace lumen {
namespace {

struct Row {
  std::string dataflow;
  std::uint32_t rows, cols;
  std::uint64_t m, n, k, cycles;
};

std::vector<Row> scalesim_rows() {
  std::ifstream in(std::string(LUMEN_TEST_DATA) + "/scalesim/scalesim_gemm.csv");
  std::string line;
  std::getline(in, line);  // header
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string f[9];
    for (auto& field : f) std::getline(fields, field, ',');
    rows.push_back({f[0], static_cast<std::uint32_t>(std::stoul(f[1])),
                    static_cast<std::uint32_t>(std::stoul(f[2])), std::stoull(f[3]),
                    std::stoull(f[4]), std::stoull(f[5]), std::stoull(f[8])});
  }
  return rows;
}

TEST(SystolicTiming, ScaleSimConventionEqualsEveryReferenceRow) {
  const auto rows = scalesim_rows();
  ASSERT_GE(rows.size(), 90u);
  for (const Row& r : rows) {
    const auto cycles = systolic_cycles({r.rows, r.cols}, *dataflow_from_name(r.dataflow),
                                        SystolicTiming::kScaleSim, {r.m, r.n, r.k});
    EXPECT_EQ(cycles, r.cycles) << r.dataflow << " " << r.rows << "x" << r.cols << " M=" << r.m
                                << " N=" << r.n << " K=" << r.k;
  }
}

TEST(SystolicTiming, RtlConventionClosedForms) {
  // 4x4 array, one fold: ws preload 4 + stream M + skew 3 + 3.
  EXPECT_EQ(systolic_cycles({4, 4}, Dataflow::kWeightStationary, SystolicTiming::kRtl, {1, 4, 4}),
            4u + 1 + 6);
  // os: stream K + skew 6 + drain R.
  EXPECT_EQ(systolic_cycles({4, 4}, Dataflow::kOutputStationary, SystolicTiming::kRtl, {4, 4, 10}),
            10u + 6 + 4);
  // Partial folds cost full folds: 5 rows of K on a 4-row array is two folds.
  EXPECT_EQ(systolic_cycles({4, 4}, Dataflow::kWeightStationary, SystolicTiming::kRtl, {8, 4, 5}),
            2u * (2 * 4 + 4 + 8 - 2));
  // is streams N with K×M folded.
  EXPECT_EQ(systolic_cycles({8, 16}, Dataflow::kInputStationary, SystolicTiming::kRtl, {17, 5, 9}),
            2u * 2 * (2 * 8 + 16 + 5 - 2));
}

TEST(SystolicTiming, OutputStationaryDifferenceIsTheDrainPlusReportingOffset) {
  const GemmShape g{100, 70, 33};
  const ArrayShape a{16, 16};
  const auto map = systolic_mapping(a, Dataflow::kOutputStationary, g);
  EXPECT_EQ(systolic_cycles(a, Dataflow::kOutputStationary, SystolicTiming::kRtl, g) -
                systolic_cycles(a, Dataflow::kOutputStationary, SystolicTiming::kScaleSim, g),
            map.folds() * a.rows + 1);
}

}  // namespace
}  // namespace lumen

namespace lumen {
namespace {

// Throughput rate: only the streamed term scales, T → ⌈T / rate⌉.
TEST(SystolicRate, ScalesOnlyTheStreamedTerm) {
  const ArrayShape a{8, 4};
  const GemmShape g{100, 10, 20};  // ws: rows K=20 (3 folds), cols N=10 (3 folds), T = M = 100
  const std::uint64_t folds = 3 * 3;
  EXPECT_EQ(systolic_cycles(a, Dataflow::kWeightStationary, SystolicTiming::kRtl, g, true, 1.0),
            folds * (2 * 8 + 4 + 100 - 2));
  EXPECT_EQ(systolic_cycles(a, Dataflow::kWeightStationary, SystolicTiming::kRtl, g, true, 2.0),
            folds * (2 * 8 + 4 + 50 - 2));
  EXPECT_EQ(systolic_cycles(a, Dataflow::kWeightStationary, SystolicTiming::kRtl, g, true, 3.0),
            folds * (2 * 8 + 4 + 34 - 2));  // ⌈100/3⌉
  EXPECT_EQ(systolic_cycles(a, Dataflow::kWeightStationary, SystolicTiming::kRtl, g, true, 0.25),
            folds * (2 * 8 + 4 + 400 - 2));
}

// Scratchpad traffic of the array against hand-counted closed forms.
TEST(SystolicTraffic, OutputStationaryReadsEachOperandOncePerOppositeFold) {
  // os: rows M=10 (3 folds of 4), cols N=6 (2 folds of 4), T = K = 7.
  const auto t = systolic_traffic({4, 4}, Dataflow::kOutputStationary, {10, 6, 7}, false);
  EXPECT_EQ(t.a_reads, 10u * 7 * 2);  // A (M×K) from the left, once per column fold
  EXPECT_EQ(t.b_reads, 6u * 7 * 3);   // B (K×N) from the top, once per row fold
  EXPECT_EQ(t.accumulator_writes, 60u);
  EXPECT_EQ(t.accumulator_reads, 0u);
  EXPECT_EQ(
      systolic_traffic({4, 4}, Dataflow::kOutputStationary, {10, 6, 7}, true).accumulator_reads,
      60u);
}

TEST(SystolicTraffic, WeightStationaryStreamsInputsPerColumnFoldAndPartialSumsPerRowFold) {
  // ws: rows K=9 (3 folds of 4), cols N=5 (2 folds of 4), T = M = 11.
  const auto t = systolic_traffic({4, 4}, Dataflow::kWeightStationary, {11, 5, 9}, true);
  EXPECT_EQ(t.b_reads, 9u * 5);       // stationary weights, once
  EXPECT_EQ(t.a_reads, 11u * 9 * 2);  // streamed inputs, once per column fold
  EXPECT_EQ(t.accumulator_writes, 11u * 5 * 3);
  EXPECT_EQ(t.accumulator_reads, 11u * 5 * (3 - 1 + 1));
}

}  // namespace
}  // namespace lumen
