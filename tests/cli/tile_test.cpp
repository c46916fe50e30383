// The whole tile through `lumen run`: data types change the bytes moved and the array's rate,
// double buffering overlaps DMA with compute up to the roofline, functional and timing modes
// agree on time, energy is exactly the sum of events times their energies, and the bottleneck
// names the vector unit when it limits.
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

// Bytes a tile loads for a GEMM of `m`×`n`×`k` blocked as its report's plan says: a block is
// reloaded unless it is the one resident (with one K block, the inner loop reuses the outer
// loop's operand; a loop of one block reuses the other's too).
double expected_load_bytes(const json& layer, double element_bytes) {
  const double m = layer["m"], n = layer["n"], k = layer["k"];
  const double mb = std::ceil(m / layer["block_m"].get<double>());
  const double nb = std::ceil(n / layer["block_n"].get<double>());
  const double kb = std::ceil(k / layer["block_k"].get<double>());
  const bool n_outer = layer["loop_order"] == "nmk";
  const double a_loads = kb == 1 && (!n_outer || mb == 1) ? 1 : nb;
  const double b_loads = kb == 1 && (n_outer || nb == 1) ? 1 : mb;
  return element_bytes * (m * k * a_loads + k * n * b_loads);
}

TEST(TileDtypes, Int8GemmMovesHalfTheBytesOfBf16AndUsesTheRate) {
  const json bf16 =
      run_report(scratch_dir("bf16"), {"configs/single-tile.json", "scenarios/gemm.json"});
  const json int8 =
      run_report(scratch_dir("int8"), {"configs/single-tile.json", "scenarios/gemm-int8.json"});
  const auto& lb = bf16["plan"]["layers"][0];
  const auto& li = int8["plan"]["layers"][0];
  EXPECT_EQ(li["dtype"], "int8");
  // Half the bytes per element; int8 blocks may be larger (more fits), so each is checked
  // against its own blocking, and int8 never moves more than half of bf16's.
  EXPECT_EQ(lb["load_bytes"].get<double>(), expected_load_bytes(lb, 2));
  EXPECT_EQ(li["load_bytes"].get<double>(), expected_load_bytes(li, 1));
  EXPECT_LE(2 * li["load_bytes"].get<double>(), lb["load_bytes"].get<double>());
  EXPECT_EQ(int8["metrics"]["memory_read_bytes"], li["load_bytes"]);
  EXPECT_EQ(bf16["metrics"]["memory_read_bytes"], lb["load_bytes"]);
  EXPECT_EQ(2 * li["store_bytes"].get<double>(), lb["store_bytes"].get<double>());
  // ws on 32x32, 256³: 64 folds of 2·32 + 32 + T − 2, T = 256 (bf16, rate 1) or 128 (int8, 2).
  EXPECT_EQ(bf16["metrics"]["compute_cycles"], 64 * (64 + 32 + 256 - 2));
  EXPECT_EQ(int8["metrics"]["compute_cycles"], 64 * (64 + 32 + 128 - 2));
  EXPECT_EQ(int8["metrics"]["peak_tflops"].get<double>(),
            2 * bf16["metrics"]["peak_tflops"].get<double>());
  EXPECT_LE(int8["metrics"]["pe_utilization_pct"].get<double>(), 100.0);
}

TEST(TileDtypes, Int4WeightsMoveAQuarterOfTheWeightBytesAndComputeAtTheActivationRate) {
  const json bf16 =
      run_report(scratch_dir("w16"), {"configs/single-tile.json", "scenarios/gemm.json"});
  const json w4 = run_report(scratch_dir("w4"), {"configs/single-tile.json", "scenarios/gemm.json",
                                                 "--set", "/scenario/weight_dtype=int4"});
  // 256³: A is 128 KiB in bf16, loaded once per N block; B is 128 KiB in bf16, 32 KiB in int4,
  // loaded once.
  for (const json* r : {&bf16, &w4}) {
    const auto& layer = (*r)["plan"]["layers"][0];
    const double n_blocks = 256 / layer["block_n"].get<double>();
    const double b_bytes = r == &w4 ? 32768 : 131072;
    EXPECT_EQ(layer["load_bytes"].get<double>(), 131072 * n_blocks + b_bytes);
  }
  EXPECT_EQ(w4["plan"]["layers"][0]["weight_dtype"], "int4");
  EXPECT_EQ(w4["metrics"]["compute_cycles"], bf16["metrics"]["compute_cycles"])
      << "the MACs run in bf16";
  EXPECT_GT(w4["components"]["chip0.tile0.matrix"]["macs_bf16"].get<double>(), 0);
}

// Achieved time against the roofline, for a sweep of arithmetic intensities (M from 16 to 4096
// on a 256x256 weight matrix, 32 GB/s memory): never below max(compute, memory), within 2% when
// memory-bound, and within max + the exposed prologue (first block's loads) and epilogue (last
// block's store) + one C block's store contending with loads + 2%, which is under 20%
// everywhere in this sweep.
TEST(TileOverlap, DoubleBufferedGemmReachesTheRoofline) {
  const double memory_GBps = 32, latency_ns = 100, setup_ns = 20;
  for (int m : {16, 64, 256, 1024, 4096}) {
    const json r = run_report(
        scratch_dir("roof" + std::to_string(m)),
        {"configs/single-tile.json", "scenarios/gemm.json", "--set",
         "/scenario/m=" + std::to_string(m), "--set", "/platform/chip/memory/bandwidth=32 GB/s"});
    const auto& metrics = r["metrics"];
    const auto& layer = r["plan"]["layers"][0];
    ASSERT_TRUE(layer["double_buffered"].get<bool>());
    const double total = metrics["total_ns"].get<double>();
    const double compute = metrics["compute_cycles"].get<double>();  // 1 GHz
    const double memory =
        (metrics["memory_read_bytes"].get<double>() + metrics["memory_write_bytes"].get<double>()) /
        memory_GBps;
    const double roof = std::max(compute, memory);
    const double bm = layer["block_m"], bn = layer["block_n"], bk = layer["block_k"];
    const double prologue = (bm * bk + bk * bn) * 2 / memory_GBps + latency_ns + setup_ns;
    const double epilogue = bm * bn * 2 / memory_GBps + latency_ns + setup_ns;
    // With more than one output block, the store of one C block shares the memory with the
    // next block's loads, which then wait for it once.
    const double c_blocks = std::ceil(m / bm) * std::ceil(256 / bn);
    const double store_contention = c_blocks > 1 ? bm * bn * 2 / memory_GBps : 0;
    EXPECT_GE(total, roof) << "M=" << m;
    EXPECT_GE(total,
              2 * metrics["macs"].get<double>() / (metrics["peak_tflops"].get<double>() * 1e3))
        << "below the peak-FLOP roof";
    EXPECT_LE(total, 1.02 * (roof + prologue + epilogue + store_contention)) << "M=" << m;
    EXPECT_LE(total, 1.20 * roof) << "M=" << m;
    if (memory > 1.5 * compute) {
      EXPECT_LE(total, 1.02 * roof) << "memory-bound M=" << m;
      EXPECT_EQ(r["summary"]["bottleneck"], "memory bandwidth") << "M=" << m;
    }
    if (compute > 1.3 * memory) {
      EXPECT_EQ(r["summary"]["bottleneck"], "compute") << "M=" << m;
    }
  }
}

TEST(TileOverlap, TraceShowsLoadsDuringCompute) {
  const fs::path out = scratch_dir("overlap_trace");
  ASSERT_EQ(run_lumen({"run", "configs/single-tile.json", "scenarios/gemm.json", "-o", out.string(),
                       "--trace", "--set", "/platform/chip/memory/bandwidth=32 GB/s"})
                .exit_code,
            0);
  const json trace = read_json(out / "trace.json");
  std::map<int, std::string> tracks;
  std::vector<std::pair<double, double>> loads, gemms;
  for (const auto& e : trace["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name") tracks[e["tid"]] = e["args"]["name"];
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] != "X") continue;
    const std::string& track = tracks[e["tid"]];
    const std::pair<double, double> span{e["ts"].get<double>(),
                                         e["ts"].get<double>() + e["dur"].get<double>()};
    if (track == "chip0.tile0.dma_load") loads.push_back(span);
    if (track == "chip0.tile0.matrix") gemms.push_back(span);
  }
  int overlapping = 0;
  for (const auto& l : loads)
    for (const auto& g : gemms)
      if (l.first < g.second && g.first < l.second) ++overlapping;
  EXPECT_GE(overlapping, 4) << loads.size() << " loads, " << gemms.size() << " gemms";
  const json report = read_json(out / "report.json");
  const auto& c = report["components"];
  EXPECT_GT(c["chip0.tile0.dma_load"]["busy_ns"].get<double>() +
                c["chip0.tile0.matrix"]["busy_ns"].get<double>(),
            1.2 * report["metrics"]["total_ns"].get<double>())
      << "busy times add up to more than the run: they overlap";
}

TEST(TileFunctional, SameCyclesAsTimingOnlyAndDeterministicValues) {
  const std::vector<std::string> base = {"configs/default.json", "scenarios/mlp-gelu.json"};
  auto functional = base, functional_again = base;
  for (auto* args : {&functional, &functional_again})
    args->insert(args->end(), {"--set", "/scenario/mode=functional"});
  const json t = run_report(scratch_dir("mode_timing"), base);
  const json f = run_report(scratch_dir("mode_functional"), functional);
  const json f2 = run_report(scratch_dir("mode_functional2"), functional_again);
  for (const char* key : {"total_ns", "compute_cycles", "vector_cycles", "memory_read_bytes"})
    EXPECT_EQ(t["metrics"][key], f["metrics"][key]) << key;
  EXPECT_FALSE(t.contains("functional"));
  ASSERT_TRUE(f.contains("functional"));
  EXPECT_EQ(f["functional"], f2["functional"]) << "same seed, same values";
  const json other_seed = run_report(scratch_dir("mode_seed"),
                                     {"configs/default.json", "scenarios/mlp-gelu.json", "--set",
                                      "/scenario/mode=functional", "--set", "/scenario/seed=99"});
  EXPECT_NE(f["functional"], other_seed["functional"]);
}

TEST(TileBottleneck, SoftmaxOnFourLanesIsVectorBound) {
  const json r =
      run_report(scratch_dir("softmax"), {"configs/single-tile.json", "scenarios/softmax.json"});
  EXPECT_EQ(r["summary"]["bottleneck"], "vector unit");
  // 256 rows of 1024 on 4 lanes (exp 4 cycles): per row 2·(256 + 2) + 256 + 1024 + 256 + 4 + 1.
  const double per_row = 2 * (256 + 2) + 256 + 4 * 256 + 256 + 4 + 1;
  const double commands = r["plan"]["layers"][0]["gemm_blocks"];
  EXPECT_EQ(r["metrics"]["vector_cycles"].get<double>(), 256 * per_row + 4 * commands);
}

// Quantities of the energy and area tables, in pJ, pJ/bit, W and mm².
double value(const json& text) {
  const std::string s = text.get<std::string>();
  const double number = std::stod(s);
  const std::string unit = s.substr(s.find(' ') + 1);
  static const std::map<std::string, double> scale = {
      {"pJ", 1},    {"fJ", 1e-3}, {"nJ", 1e3}, {"pJ/bit", 1},  {"fJ/bit", 1e-3},
      {"uW", 1e-6}, {"mW", 1e-3}, {"W", 1},    {"um^2", 1e-6}, {"mm^2", 1}};
  return number * scale.at(unit);
}

TEST(TileEnergy, TotalIsExactlyEventsTimesEnergyPerEventPlusStatic) {
  const json r =
      run_report(scratch_dir("energy"), {"configs/default.json", "scenarios/mlp-gelu.json"});
  const json& e = r["inputs"]["platform"]["energy"];
  const json& tile = r["inputs"]["platform"]["chip"]["tile"];
  const json& c = r["components"];
  const double seconds = r["metrics"]["total_ns"].get<double>() * 1e-9;
  const double pes = tile["matrix"]["rows"].get<double>() * tile["matrix"]["cols"].get<double>();
  const double lanes = tile["vector"]["lanes"];
  const double kib = 512;  // the shipped scratchpad
  const auto count = [&](const std::string& component, const std::string& key) {
    return c[component].contains(key) ? c[component][key].get<double>() : 0.0;
  };
  const int tiles = r["metrics"]["tiles"].get<int>();
  ASSERT_EQ(tiles, 16);
  double expected = 0;
  for (int t = 0; t < tiles; ++t) {
    const std::string p = "chip0.tile" + std::to_string(t);
    for (const char* dtype : {"int4", "int8", "fp8", "bf16", "fp16", "fp32"}) {
      expected += count(p + ".matrix", std::string("macs_") + dtype) * value(e["mac"][dtype]);
      expected +=
          count(p + ".vector", std::string("element_ops_") + dtype) * value(e["vector_op"][dtype]);
    }
    expected += count(p + ".vector", "register_file_accesses") * value(e["register_file_access"]);
    const double reads = count(p + ".scratchpad", "read_bytes") +
                         count(p + ".matrix", "spm_read_bytes") +
                         count(p + ".vector", "spm_read_bytes");
    const double writes = count(p + ".scratchpad", "write_bytes") +
                          count(p + ".matrix", "spm_write_bytes") +
                          count(p + ".vector", "spm_write_bytes");
    expected += 8 * reads * value(e["sram_read"]) + 8 * writes * value(e["sram_write"]);
    expected +=
        (count(p + ".dma_load", "bytes") + count(p + ".dma_store", "bytes")) * value(e["dma_byte"]);
    // Static power in W × s → J, then pJ.
    expected +=
        seconds * 1e12 *
        (pes * value(e["static"]["pe"]) + lanes * value(e["static"]["vector_lane"]) +
         kib * value(e["static"]["scratchpad_kib"]) + 2 * value(e["static"]["dma_channel"]));
  }
  expected += 8 * (count("chip0.memory", "read_bytes") + count("chip0.memory", "write_bytes")) *
              value(e["memory_access"]);
  // The on-chip network: every flit over every link it crosses (128 B flits on the default chip).
  const double flit_bytes = 128;
  EXPECT_GT(count("chip0.noc", "flit_hops"), 0);
  expected += 8 * count("chip0.noc", "flit_hops") * flit_bytes * value(e["noc_bit_hop"]);
  EXPECT_GT(r["metrics"]["energy_noc_pJ"].get<double>(), 0);
  const double reported = r["metrics"]["energy_pJ"];
  EXPECT_GT(reported, 0);
  EXPECT_NEAR(reported, expected, 1e-9 * expected);
  double by_component = 0;
  for (const auto& [path, stats] : c.items())
    if (stats.contains("energy_dynamic_pJ"))
      by_component +=
          stats["energy_dynamic_pJ"].get<double>() + stats["energy_static_pJ"].get<double>();
  EXPECT_NEAR(reported, by_component, 1e-9 * expected);
  EXPECT_GT(count("chip0.tile0.vector", "element_ops"), 0) << "the GELU epilogue ran";
  // TOPS/W and area follow from the same figures.
  EXPECT_NEAR(r["metrics"]["tops_per_W"].get<double>(),
              2 * r["metrics"]["macs"].get<double>() / (reported * 1e-12) / 1e12, 1e-9);
  const json& a = r["inputs"]["platform"]["area"];
  const double area = tiles * (pes * value(a["pe"]["bf16"]) + lanes * value(a["vector_lane"]) +
                               kib * value(a["scratchpad_kib"]) + 2 * value(a["dma_channel"]));
  EXPECT_NEAR(r["metrics"]["area_mm2"].get<double>(), area, 1e-9 * area);
}

}  // namespace
}  // namespace lumen::test
