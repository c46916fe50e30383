// HBM in whole runs: memory scenarios report per-channel figures and are deterministic; a GEMM
// whose operands stream from too little HBM names HBM as its bottleneck.
#include <gtest/gtest.h>

#include <fstream>

#include "cli/lumen_process.h"

namespace lumen::test {
namespace {
namespace fs = std::filesystem;

nlohmann::json run_metrics(const std::vector<std::string>& args, const fs::path& out,
                           nlohmann::json* report = nullptr) {
  std::vector<std::string> full = args;
  full.insert(full.end(), {"-o", out.string()});
  const auto r = run_lumen(full);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto json = read_json(out / "report.json");
  if (report) *report = json;
  return json.at("metrics");
}

TEST(Hbm, GemmStreamingFromTooLittleHbmNamesHbm) {
  const fs::path dir = scratch_dir("hbm_gemv");
  std::ofstream(dir / "gemv.json") << R"({"kind": "gemm", "m": 16, "n": 4096, "k": 4096})";
  nlohmann::json report;
  const auto m =
      run_metrics({"run", "configs/default.json", (dir / "gemv.json").string(), "--set",
                   "/platform/chip/hbm/channels=1", "--set", "/platform/chip/hbm/stacks=1", "--set",
                   "/platform/chip/noc/memory_ports_per_stack=1"},
                  dir / "one", &report);
  EXPECT_EQ(report["summary"]["bottleneck"], "HBM");
  EXPECT_GT(m["hbm_pending_pct"].get<double>(), 90);
  // Stalls: the run is at least as long as its bytes at the channel's peak, and the tiles wait.
  const double bytes = m["memory_read_bytes"].get<double>() + m["memory_write_bytes"].get<double>();
  EXPECT_GE(m["total_ns"].get<double>(), bytes / m["hbm_peak_GBps"].get<double>());
  EXPECT_LT(m["matrix_busy_pct"].get<double>(), 60);
  // A whole stack feeds the same GEMM: HBM is no longer the bottleneck and the run is shorter.
  const auto stack = run_metrics({"run", "configs/default.json", (dir / "gemv.json").string()},
                                 dir / "stack", &report);
  EXPECT_NE(report["summary"]["bottleneck"], "HBM");
  EXPECT_LT(stack["total_ns"].get<double>(), 0.7 * m["total_ns"].get<double>());
  EXPECT_NE(read_text(dir / "one" / "summary.md").find("HBM has requests waiting"),
            std::string::npos);
}

TEST(Hbm, MemoryScenarioReportsEveryChannel) {
  const fs::path dir = scratch_dir("hbm_stream");
  nlohmann::json report;
  const auto m =
      run_metrics({"run", "configs/default.json", "scenarios/hbm-stream.json"}, dir / "a", &report);
  EXPECT_EQ(m["hbm_channels"].get<double>(), 32);
  EXPECT_EQ(m["transaction_bytes"].get<double>(), 1024);
  EXPECT_GT(m["hbm_efficiency_pct"].get<double>(), 80);
  EXPECT_LE(m["hbm_efficiency_pct"].get<double>(), 100 * (1 - 560.0 / 6240));
  const auto& components = report.at("components");
  for (int ch = 0; ch < 32; ++ch) {
    const auto& c = components.at("chip0.memory.ch" + std::to_string(ch));
    EXPECT_GT(c.at("row_hit_pct").get<double>(), 80) << ch;
    EXPECT_GT(c.at("refreshes").get<double>(), 0) << ch;
    EXPECT_GT(c.at("bandwidth_GBps").get<double>(), 0) << ch;
  }
  const std::string summary = read_text(dir / "a" / "summary.md");
  for (const char* part : {"## Channels", "## Read latency", "TLM transactions of 1024 B",
                           "Bottleneck: HBM bandwidth"})
    EXPECT_NE(summary.find(part), std::string::npos) << part;
  // Pictures: one bar per channel (and the peak line), the latency histogram, both linked.
  const std::string channels = read_text(dir / "a" / "hbm_channels.svg");
  EXPECT_EQ(channels.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(channels.find("</svg>"), std::string::npos);
  std::size_t bars = 0;
  for (auto at = channels.find("class=\"bar\""); at != std::string::npos;
       at = channels.find("class=\"bar\"", at + 1))
    ++bars;
  EXPECT_EQ(bars, 32u);
  EXPECT_NE(channels.find("peak 51.2 GB/s"), std::string::npos);
  EXPECT_NE(read_text(dir / "a" / "hbm_latency.svg").find("class=\"bar\""), std::string::npos);
  EXPECT_NE(summary.find("![HBM bandwidth per channel](hbm_channels.svg)"), std::string::npos);
  // Deterministic: the same inputs give the same report.
  const auto again =
      run_metrics({"run", "configs/default.json", "scenarios/hbm-stream.json"}, dir / "b");
  EXPECT_EQ(m.dump(), again.dump());
  EXPECT_EQ(channels, read_text(dir / "b" / "hbm_channels.svg"));
}

TEST(Hbm, TransactionSizeChangesSpeedNotResults) {
  const fs::path dir = scratch_dir("hbm_granularity");
  double bandwidth[2];
  int i = 0;
  for (const char* size : {"32 B", "2 KiB"}) {
    std::ofstream(dir / "s.json") << R"({"kind": "memory", "pattern": "seq_read", "requests": 65536,
                                         "transaction": ")"
                                  << size << "\"}";
    const auto m = run_metrics({"run", "configs/default.json", (dir / "s.json").string()},
                               dir / std::to_string(i));
    bandwidth[i++] = m["hbm_bandwidth_GBps"].get<double>();
  }
  EXPECT_NEAR(bandwidth[0], bandwidth[1], 0.02 * bandwidth[0]);
}

TEST(Hbm, LatencyProbeMeasuresUnloadedLatency) {
  const fs::path dir = scratch_dir("hbm_latency");
  nlohmann::json report;
  const auto m = run_metrics({"run", "configs/default.json", "scenarios/hbm-latency.json"},
                             dir / "a", &report);
  EXPECT_EQ(report["summary"]["bottleneck"], "HBM latency");
  // HBM3-6.4: a closed-bank read is tRCD + CL + BL = (31 + 20 + 2) CK of 0.625 ns = 33 ns and a
  // conflict adds tRP (16 ns); random reads on a stack are mostly misses.
  const double latency = m["read_latency_avg_ns"].get<double>();
  EXPECT_GT(latency, 33.0);
  EXPECT_LT(latency, 50.0);
}

}  // namespace
}  // namespace lumen::test
