// Whole chips: the shipped chips run; GEMMs spread over the tiles (2-D output split, K-split with
// a reduction that gives the same values); doubling tiles halves a compute-bound GEMM's time up
// to the 16 tiles of the default chip; every dataflow of the default GEMM is blocked well; the
// NoC section and heat map.
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"
#include "workloads/gemm_lowering.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

TEST(Chips, EveryShippedChipRuns) {
  const fs::path dir = scratch_dir("chips");
  struct Case {
    const char* config;
    double tiles, noc;
  };
  for (const Case& c :
       {Case{"configs/default.json", 16, 1}, Case{"configs/fpga.json", 1, 0},
        Case{"configs/large.json", 64, 1}, Case{"configs/single-tile.json", 1, 0}}) {
    const json r =
        run_report(dir / fs::path(c.config).stem(), {c.config, "scenarios/gemm-small.json"});
    EXPECT_EQ(r["metrics"]["tiles"].get<double>(), c.tiles) << c.config;
    EXPECT_EQ(r["components"].contains("chip0.noc"), c.noc > 0) << c.config;
    EXPECT_GT(r["metrics"]["total_ns"].get<double>(), 0) << c.config;
  }
  // The FPGA prototype runs at 200 MHz on a 4×4 int8 array: 64³ MACs take at least
  // 64³ / 16 / 2 (int8 rate) cycles of 5 ns.
  const json fpga = read_json(dir / "fpga" / "report.json");
  EXPECT_GE(fpga["metrics"]["total_ns"].get<double>(), 64.0 * 64 * 64 / 16 / 2 * 5);
}

TEST(Chips, LargeChipSplitsOutputsInTwoDimensions) {
  const fs::path dir = scratch_dir("large_split");
  const json r = run_report(dir, {"configs/large.json", "scenarios/ffn-up.json"});
  const json& layer = r["plan"]["layers"][0];
  EXPECT_GT(layer["split_m"].get<int>(), 1);
  EXPECT_GT(layer["split_n"].get<int>(), 1);
  EXPECT_EQ(layer["split_k"].get<int>(), 1);
  EXPECT_GE(layer["tiles_used"].get<int>(), 32) << "at least half of the 64 tiles";
}

TEST(Chips, KSplitGivesTheSameValuesAsAnOutputSplit) {
  // int8 operands: partial sums are exact in fp32, so the reduction must reproduce the values.
  const fs::path dir = scratch_dir("ksplit");
  std::ofstream(dir / "g.json")
      << R"({"kind": "gemm", "m": 32, "n": 64, "k": 256, "dtype": "int8", "out_dtype": "fp32",
            "mode": "functional"})";
  const auto split = [&](const char* how) {
    return run_report(dir / how, {"configs/default.json", (dir / "g.json").string(), "--set",
                                  std::string("/scenario/split=\"") + how + "\""});
  };
  const json k = split("k"), output = split("output");
  EXPECT_EQ(k["plan"]["layers"][0]["split_k"].get<int>(), 8);  // 256 / 32-row folds
  EXPECT_EQ(output["plan"]["layers"][0]["split_k"].get<int>(), 1);
  ASSERT_FALSE(k["functional"].empty());
  EXPECT_EQ(k["functional"], output["functional"]);
  // The reduction is real work: partial sums go to memory and come back, the vector units add.
  EXPECT_GT(k["metrics"]["memory_write_bytes"].get<double>(),
            output["metrics"]["memory_write_bytes"].get<double>());
  EXPECT_GT(k["metrics"]["vector_cycles"].get<double>(), 0);
}

TEST(Chips, DoublingTilesHalvesTheTimeOfAComputeBoundGemm) {
  const fs::path dir = scratch_dir("scaling");
  std::ofstream(dir / "g.json") << R"({"kind": "gemm", "m": 1024, "n": 1024, "k": 1024})";
  std::vector<double> times;
  std::vector<std::string> bottlenecks;
  for (auto [rows, cols] : {std::pair{1, 1}, {1, 2}, {2, 2}, {2, 4}, {4, 4}}) {
    const json r = run_report(dir / (std::to_string(rows) + "x" + std::to_string(cols)),
                              {"configs/default.json", (dir / "g.json").string(), "--set",
                               "/platform/chip/tiles/rows=" + std::to_string(rows), "--set",
                               "/platform/chip/tiles/cols=" + std::to_string(cols)});
    times.push_back(r["metrics"]["total_ns"].get<double>());
    bottlenecks.push_back(r["summary"]["bottleneck"].get<std::string>());
  }
  EXPECT_EQ(bottlenecks[0], "compute");
  // 1 → 2 → 4 → 8 → 16 tiles: within 10 % of halving each time. At 16 tiles the partition
  // (2×8, estimated with each share's blocking) keeps the NoC's memory ports below saturation and
  // the array busy; the earlier 1×16 split was bound by the ports (95 µs instead of 83).
  for (int i = 1; i <= 4; ++i) EXPECT_LT(times[i] / times[i - 1], 0.55) << i;
  EXPECT_EQ(bottlenecks[4], "compute");
}

// The blocking mapper and the blocking-aware partition on the default GEMM (ffn-up on 16 tiles)
// with each dataflow. Before them, os reloaded B for every M block (75.5 MB, 103.3 µs) and is ran
// single-buffered on a 16×1 split that made every tile load all of B (68.2 MB, 158.6 µs); ws
// took 82.6 µs. Now every dataflow moves at most 15 % more bytes than ws and takes at most 10 %
// longer.
TEST(Chips, EveryDataflowOfTheDefaultGemmIsBlockedForReuseAndOverlap) {
  std::map<std::string, json> runs;
  for (const char* dataflow : {"ws", "os", "is"}) {
    runs[dataflow] = run_report(scratch_dir(std::string("ffn_") + dataflow),
                                {"configs/default.json", "scenarios/ffn-up.json", "--set",
                                 std::string("/platform/chip/tile/matrix/dataflow=") + dataflow});
    EXPECT_TRUE(runs[dataflow]["plan"]["layers"][0]["double_buffered"].get<bool>()) << dataflow;
  }
  const auto metric = [&](const char* dataflow, const char* name) {
    return runs[dataflow]["metrics"][name].get<double>();
  };
  for (const char* dataflow : {"os", "is"}) {
    EXPECT_LE(metric(dataflow, "memory_read_bytes"), 1.15 * metric("ws", "memory_read_bytes"))
        << dataflow;
    EXPECT_LE(metric(dataflow, "total_ns"), 1.1 * metric("ws", "total_ns")) << dataflow;
  }
  // The estimate that chose each plan against the simulation it predicts: at most 15 % under
  // (contention it does not see) and 5 % over. (On configs/large.json it is 3.5x under: mesh-link
  // contention is not estimated, docs/workloads.md.)
  for (const char* dataflow : {"ws", "os", "is"}) {
    const double estimated = runs[dataflow]["plan"]["layers"][0]["estimated_ns"].get<double>();
    EXPECT_GE(estimated, 0.85 * metric(dataflow, "total_ns")) << dataflow;
    EXPECT_LE(estimated, 1.05 * metric(dataflow, "total_ns")) << dataflow;
  }
}

// The partition and blocking estimates count on kSustainedSharedFraction of the shared memory
// path's ceiling. Both halves of that path must sustain at least that much, and the NoC's memory
// ports, when they bound a GEMM, not much more (else the constant would be stale): a 1×16
// `columns` split of a 1024³ GEMM saturates them, and HBM streams on its own.
TEST(Chips, SharedMemoryPathSustainsWhatThePartitionCountsOn) {
  const double fraction_pct = 100 * kSustainedSharedFraction;
  const fs::path dir = scratch_dir("sustained");
  std::ofstream(dir / "g.json") << R"({"kind": "gemm", "m": 1024, "n": 1024, "k": 1024,
                                       "split": "columns"})";
  const json ports = run_report(dir / "ports", {"configs/default.json", (dir / "g.json").string()});
  EXPECT_EQ(ports["summary"]["bottleneck"], "NoC");
  EXPECT_GE(ports["metrics"]["noc_link_util_max_pct"].get<double>(), fraction_pct);
  EXPECT_LE(ports["metrics"]["noc_link_util_max_pct"].get<double>(), fraction_pct + 10);
  const json hbm = run_report(dir / "hbm", {"configs/default.json", "scenarios/hbm-stream.json"});
  EXPECT_GE(hbm["metrics"]["hbm_efficiency_pct"].get<double>(), fraction_pct);
}

TEST(Chips, NocSectionAndHeatMap) {
  const fs::path dir = scratch_dir("noc_report");
  const json r = run_report(dir, {"configs/default.json", "scenarios/ffn-up.json"});
  for (const char* key : {"noc_link_util_max_pct", "noc_mesh_link_util_avg_pct",
                          "noc_packet_latency_avg_ns", "noc_bytes"})
    EXPECT_TRUE(r["metrics"].contains(key)) << key;
  EXPECT_GT(r["metrics"]["noc_link_util_max_pct"].get<double>(), 0);
  EXPECT_LE(r["metrics"]["noc_link_util_max_pct"].get<double>(), 100);
  const std::string summary = read_text(dir / "summary.md");
  EXPECT_NE(summary.find("## NoC"), std::string::npos);
  EXPECT_NE(summary.find("| row 3 |"), std::string::npos);
  EXPECT_NE(summary.find("memory.port7"), std::string::npos);
  const std::string svg = read_text(dir / "noc_links.svg");
  std::size_t links = 0, routers = 0;
  for (auto at = svg.find("class=\"link\""); at != std::string::npos;
       at = svg.find("class=\"link\"", at + 1))
    ++links;
  for (auto at = svg.find("class=\"router\""); at != std::string::npos;
       at = svg.find("class=\"router\"", at + 1))
    ++routers;
  EXPECT_EQ(links, 48u);  // 24 links of a 4×4 mesh, both directions
  EXPECT_EQ(routers, 16u);
  // Each tile's traffic crosses its own network link: tile → router bytes = its DMA bytes.
  const json& c = r["components"];
  EXPECT_GT(c["chip0.noc.link.tile5>r1,1"]["util_pct"].get<double>(), 0);
}

TEST(NocScenario, LatencyLoadCurveAgainstItsClosedForms) {
  const fs::path dir = scratch_dir("noc_scenario");
  const json r = run_report(dir / "u", {"configs/default.json", "scenarios/noc-uniform.json"});
  const json& m = r["metrics"];
  // 384 B over 128 B links = 3 flits + 1 header; uniform on 4×4: 2.5 mean hops;
  // T0 = 1 + (H + 1)·(3 + 1) + 1 + F − 1 = 19 cycles.
  EXPECT_DOUBLE_EQ(m["noc_packet_flits"].get<double>(), 4);
  EXPECT_DOUBLE_EQ(m["noc_mean_hops"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(m["noc_zero_load_latency_cycles"].get<double>(), 19);
  EXPECT_NEAR(m["noc_measured_low_load_latency_cycles"].get<double>(), 19, 19 * 0.03);
  // Bisection bound of a 4×4 mesh is 1 flit/node/cycle (= injection); DOR wormhole saturates
  // at 60–75 % of it (BookSim2: 0.70 with 4-flit packets).
  EXPECT_DOUBLE_EQ(m["noc_throughput_bound_flits_per_node_cycle"].get<double>(), 1.0);
  EXPECT_GT(m["noc_saturation_flits_per_node_cycle"].get<double>(), 0.6);
  EXPECT_LT(m["noc_saturation_flits_per_node_cycle"].get<double>(), 0.75);
  const json& curve = r["series"]["latency_load"];
  ASSERT_GE(curve.size(), 10u);
  EXPECT_TRUE(curve.back()["saturated"].get<bool>()) << "the default sweep stops past saturation";
  for (std::size_t i = 1; i + 1 < curve.size(); ++i)
    EXPECT_GE(curve[i]["latency_cycles"].get<double>(),
              curve[i - 1]["latency_cycles"].get<double>() - 0.5)
        << i;
  const std::string svg = read_text(dir / "u" / "noc_latency_load.svg");
  EXPECT_NE(svg.find("class=\"line\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"marker\""), std::string::npos);
  EXPECT_NE(read_text(dir / "u" / "summary.md").find("![Latency against load]"), std::string::npos);
  // Hotspot: one ejection port takes one flit per cycle: 1/16 per node.
  const json h = run_report(dir / "h", {"configs/default.json", "scenarios/noc-hotspot.json"});
  EXPECT_GT(h["metrics"]["noc_saturation_of_bound_pct"].get<double>(), 90);
  EXPECT_LE(h["metrics"]["noc_saturation_of_bound_pct"].get<double>(), 100.5);
  // Deterministic.
  const json again = run_report(dir / "u2", {"configs/default.json", "scenarios/noc-uniform.json"});
  EXPECT_EQ(again["series"], r["series"]);
}

}  // namespace
}  // namespace lumen::test
