#include "explore/noc_point.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "core/diagnostics.h"
#include "core/units.h"
#include "models/interconnect/noc_network.h"
#include "models/interconnect/noc_traffic.h"

namespace lumen {
namespace {

using json = nlohmann::json;

// Mean router-to-router hops of a pattern, over every source and its destination(s).
double mean_hops(const NocParams& p, NocPattern pattern, std::uint32_t hotspot) {
  const std::uint32_t n = p.routers();
  const auto hops = [&](std::uint32_t a, std::uint32_t b) {
    const auto d = [](std::uint32_t x, std::uint32_t y) { return x > y ? x - y : y - x; };
    return static_cast<double>(d(a / p.cols, b / p.cols) + d(a % p.cols, b % p.cols));
  };
  double sum = 0;
  for (std::uint32_t s = 0; s < n; ++s) {
    switch (pattern) {
      case NocPattern::kUniform:
        for (std::uint32_t t = 0; t < n; ++t) sum += hops(s, t) / n;
        break;
      case NocPattern::kTranspose:
        sum += hops(s, (s % p.cols) * p.cols + s / p.cols);
        break;
      case NocPattern::kHotspot:
        sum += hops(s, hotspot);
        break;
      case NocPattern::kNeighbor:
        sum += hops(s, (s / p.cols) * p.cols + (s % p.cols + 1) % p.cols);
        break;
    }
  }
  return sum / n;
}

// Half of a dimension of `size` nodes across its middle cut: λ ≤ size / (left · right).
double cut_bound(std::uint32_t size) {
  if (size < 2) return 1e9;
  const double left = size / 2, right = size - size / 2;
  return size / (left * right);
}

}  // namespace

double uniform_bisection_bound(std::uint32_t rows, std::uint32_t cols) {
  return std::min({1.0, cut_bound(rows), cut_bound(cols)});
}

RunResult run_noc_point(const RunRequest& request, const ConfigDocument& run, RunResult result) {
  const json& scenario = run.value["scenario"];
  const ChipParams& chip = result.chip;
  if (!chip.has_noc || chip.noc.topology != NocTopology::kMesh)
    throw InputError({run.sources.diagnose(
        "/platform/chip/noc", "a mesh NoC (a noc scenario measures the chip's network)",
        chip.has_noc ? "a crossbar" : "no noc")});
  NocTrafficParams traffic;
  parse_noc_pattern(scenario.at("pattern").get<std::string>(), traffic.pattern);
  const NocParams& noc = chip.noc;
  if (traffic.pattern == NocPattern::kTranspose && noc.rows != noc.cols)
    throw InputError(
        {run.sources.diagnose("/scenario/pattern", "a square mesh for transpose traffic",
                              fmt::format("a {}x{} mesh", noc.rows, noc.cols))});
  traffic.hotspot = scenario.value("hotspot", 0u);
  if (traffic.hotspot >= noc.routers())
    throw InputError({run.sources.diagnose(
        "/scenario/hotspot", fmt::format("a node of the mesh (0 to {})", noc.routers() - 1),
        std::to_string(traffic.hotspot))});
  const std::uint64_t packet_bytes =
      scenario.contains("packet")
          ? static_cast<std::uint64_t>(
                parse_quantity(scenario["packet"].get<std::string>(), Dimension::kDataSize))
          : 3 * noc.flit_bytes;
  traffic.packet_flits = noc.packet_flits(packet_bytes);
  if (noc.granularity == NocGranularity::kPacket && traffic.packet_flits > noc.buffer_flits)
    throw InputError({run.sources.diagnose(
        "/scenario/packet",
        fmt::format("a packet of at most {} flits (the VC buffer, packet granularity)",
                    noc.buffer_flits),
        fmt::format("{} flits", traffic.packet_flits))});
  traffic.warmup_cycles = scenario.value("warmup_cycles", std::uint64_t{2000});
  traffic.measure_cycles = scenario.value("measure_cycles", std::uint64_t{10000});
  traffic.seed = scenario.value("seed", std::uint64_t{1});
  std::vector<double> rates;
  const bool explicit_rates = scenario.contains("rates");
  if (explicit_rates) {
    rates = scenario["rates"].get<std::vector<double>>();
  } else {
    rates.push_back(0.02);
    for (int step = 1; step <= 20; ++step) rates.push_back(step * 0.05);
  }
  result.workload.kind = "noc";
  result.inputs = run_inputs(request, run);
  const auto wall_start = std::chrono::steady_clock::now();
  const double period_ns = 1e9 / noc.clock_hz;
  json points = json::array();
  double saturation = 0;
  bool saturated = false;
  for (double rate : rates) {
    traffic.rate = rate;
    const NocTrafficResult r = run_noc_traffic(noc, traffic);
    points.push_back({{"offered", rate},
                      {"accepted", r.accepted},
                      {"latency_cycles", r.latency_avg_cycles},
                      {"latency_ns", r.latency_avg_cycles * period_ns},
                      {"network_latency_cycles", r.network_latency_avg_cycles},
                      {"hops", r.hops_avg},
                      {"packets", r.packets_measured},
                      {"saturated", r.saturated}});
    if (r.saturated) {
      saturated = true;
      if (!explicit_rates) break;
    } else {
      saturation = std::max(saturation, r.accepted);
    }
  }
  result.series["latency_load"] = points;
  result.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  auto& m = result.metrics;
  const double hops = mean_hops(noc, traffic.pattern, traffic.hotspot);
  const double per_router = noc.router_latency + noc.link_latency;
  m["noc_routers"] = noc.routers();
  m["noc_packet_flits"] = traffic.packet_flits;
  m["noc_mean_hops"] = hops;
  m["noc_zero_load_latency_cycles"] =
      noc.ni_latency + (hops + 1) * per_router + noc.link_latency + traffic.packet_flits - 1;
  m["noc_measured_low_load_latency_cycles"] = points[0]["latency_cycles"];
  m["noc_saturation_flits_per_node_cycle"] = saturation;
  m["noc_saturation_GBps_per_node"] = saturation * noc.flit_bytes * noc.clock_hz / 1e9;
  m["noc_saturated_in_sweep"] = saturated;
  double bound = 0;
  if (traffic.pattern == NocPattern::kUniform) bound = uniform_bisection_bound(noc.rows, noc.cols);
  if (traffic.pattern == NocPattern::kHotspot) bound = 1.0 / noc.routers();
  if (bound > 0) {
    m["noc_throughput_bound_flits_per_node_cycle"] = bound;
    m["noc_saturation_of_bound_pct"] = 100 * saturation / bound;
  }
  m["total_ns"] = 0.0;
  const std::string of_bound =
      bound > 0
          ? fmt::format(", {:.0f}% of its {} bound ({:.3f})", 100 * saturation / bound,
                        traffic.pattern == NocPattern::kUniform ? "bisection" : "ejection", bound)
          : "";
  result.bottleneck = {
      "NoC", saturated
                 ? fmt::format("{} traffic saturates the {}x{} mesh at {:.3f} flits per node per "
                               "cycle ({:.1f} GB/s per node){}",
                               noc_pattern_name(traffic.pattern), noc.rows, noc.cols, saturation,
                               m["noc_saturation_GBps_per_node"].get<double>(), of_bound)
                 : fmt::format("{} traffic did not saturate the {}x{} mesh up to {:.3f} flits per "
                               "node per cycle{}",
                               noc_pattern_name(traffic.pattern), noc.rows, noc.cols, saturation,
                               of_bound)};
  return result;
}

}  // namespace lumen
