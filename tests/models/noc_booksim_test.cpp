// The NoC side by side with BookSim2 on the same meshes (tests/data/booksim2/README.md: commit,
// config and commands). Same router (3-cycle pipeline, 1-cycle links, 2 VCs of 8 flits, DOR),
// same traffic (Bernoulli injection in flits, uniform including the source, transpose).
//   - packet latency (with source queueing) within 5 % at every load up to 85 % of BookSim's
//     saturation rate (the worst and median errors are printed: the figures the docs quote);
//   - saturation throughput (highest accepted rate with latency under 500 cycles, BookSim's
//     threshold, on a 0.01 grid) within 5 %.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "models/interconnect/noc_traffic.h"

namespace lumen {
namespace {

struct Row {
  std::uint32_t k, packet;
  std::string traffic;
  double rate, latency;
  bool ok;
};

std::vector<Row> booksim_rows() {
  std::ifstream in(std::string(LUMEN_TEST_DATA) + "/booksim2/booksim_results.csv");
  std::vector<Row> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    if (f.size() < 10) continue;
    const bool ok = f[9] == "ok";
    rows.push_back({static_cast<std::uint32_t>(std::stoul(f[0])),
                    static_cast<std::uint32_t>(std::stoul(f[2])), f[1], std::stod(f[3]),
                    ok ? std::stod(f[4]) : 0.0, ok});
  }
  return rows;
}

NocTrafficResult lumen_point(std::uint32_t k, const std::string& traffic, std::uint32_t packet,
                             double rate) {
  NocParams p;  // defaults: BookSim's iq router with 1-cycle VA, SA, ST
  p.rows = p.cols = k;
  NocTrafficParams t;
  EXPECT_TRUE(parse_noc_pattern(traffic, t.pattern));
  t.rate = rate;
  t.packet_flits = packet;
  t.warmup_cycles = 3000;
  t.measure_cycles = 10000;
  return run_noc_traffic(p, t);
}

// BookSim's saturation (saturation_refine.csv: last stable rate on a 0.01 grid).
const std::map<std::string, double> kBookSimSaturation = {
    {"4 uniform 1", 0.71}, {"4 uniform 4", 0.70}, {"8 uniform 4", 0.38}, {"4 transpose 4", 0.33}};

std::string key(std::uint32_t k, const std::string& traffic, std::uint32_t packet) {
  return std::to_string(k) + " " + traffic + " " + std::to_string(packet);
}

TEST(NocBookSim, PacketLatencyWithinFivePercentBelowSaturation) {
  const auto rows = booksim_rows();
  ASSERT_GE(rows.size(), 30u);
  int compared = 0;
  std::vector<double> errors;
  for (const Row& row : rows) {
    if (!row.ok || row.rate > 0.85 * kBookSimSaturation.at(key(row.k, row.traffic, row.packet)))
      continue;
    const NocTrafficResult r = lumen_point(row.k, row.traffic, row.packet, row.rate);
    EXPECT_NEAR(r.latency_avg_cycles, row.latency, 0.05 * row.latency)
        << key(row.k, row.traffic, row.packet) << " at " << row.rate;
    errors.push_back(100 * std::fabs(r.latency_avg_cycles - row.latency) / row.latency);
    ++compared;
  }
  EXPECT_GE(compared, 20);
  std::sort(errors.begin(), errors.end());
  std::cout << "packet latency vs BookSim2 over " << errors.size() << " rows: median "
            << errors[errors.size() / 2] << " %, worst " << errors.back() << " %\n";
}

TEST(NocBookSim, SaturationThroughputWithinFivePercent) {
  for (const auto& [name, booksim] : kBookSimSaturation) {
    std::stringstream ss(name);
    std::uint32_t k, packet;
    std::string traffic;
    ss >> k >> traffic >> packet;
    double saturation = 0;
    for (int step = static_cast<int>(booksim * 100) - 5; step <= 100; ++step) {
      const NocTrafficResult r = lumen_point(k, traffic, packet, step / 100.0);
      if (r.saturated) break;
      saturation = r.accepted;
    }
    EXPECT_NEAR(saturation, booksim, 0.05 * booksim) << name;
  }
}

}  // namespace
}  // namespace lumen
