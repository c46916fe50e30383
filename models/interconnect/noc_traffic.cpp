#include "models/interconnect/noc_traffic.h"

#include <stdexcept>
#include <vector>

#include "core/split_mix.h"
#include "models/interconnect/noc_network.h"

namespace lumen {

const char* noc_pattern_name(NocPattern pattern) {
  switch (pattern) {
    case NocPattern::kUniform:
      return "uniform";
    case NocPattern::kTranspose:
      return "transpose";
    case NocPattern::kHotspot:
      return "hotspot";
    case NocPattern::kNeighbor:
      return "neighbor";
  }
  return "?";
}

bool parse_noc_pattern(const std::string& text, NocPattern& pattern) {
  for (NocPattern p : {NocPattern::kUniform, NocPattern::kTranspose, NocPattern::kHotspot,
                       NocPattern::kNeighbor}) {
    if (text == noc_pattern_name(p)) {
      pattern = p;
      return true;
    }
  }
  return false;
}

NocTrafficResult run_noc_traffic(const NocParams& params, const NocTrafficParams& traffic) {
  const std::uint32_t nodes = params.routers();
  std::vector<std::uint32_t> terminal_router(nodes);
  for (std::uint32_t n = 0; n < nodes; ++n) terminal_router[n] = n;
  if (params.topology == NocTopology::kCrossbar)
    throw std::invalid_argument("synthetic NoC traffic needs a mesh");
  if (traffic.pattern == NocPattern::kTranspose && params.rows != params.cols)
    throw std::invalid_argument("transpose traffic needs a square mesh");
  if (traffic.hotspot >= nodes) throw std::invalid_argument("hotspot node outside the mesh");
  NocNetwork network(params, terminal_router);
  SplitMix64 random(traffic.seed);
  const double packet_probability = traffic.rate / traffic.packet_flits;
  const auto destination = [&](std::uint32_t src) -> std::uint32_t {
    const std::uint32_t row = src / params.cols, col = src % params.cols;
    switch (traffic.pattern) {
      case NocPattern::kUniform:
        return random.below(nodes);
      case NocPattern::kTranspose:
        return col * params.cols + row;
      case NocPattern::kHotspot:
        return traffic.hotspot;
      case NocPattern::kNeighbor:
        return row * params.cols + (col + 1) % params.cols;
    }
    return src;
  };
  const std::uint64_t window_start = traffic.warmup_cycles;
  const std::uint64_t window_end = window_start + traffic.measure_cycles;
  const std::uint64_t drain_end = window_end + 4 * traffic.measure_cycles;
  constexpr std::uint64_t kMeasured = std::uint64_t{1} << 63;  // tag bit: created in the window
  NocTrafficResult result;
  result.offered = traffic.rate;
  std::uint64_t measured_created = 0, flits_in_window = 0;
  double latency_sum = 0, network_latency_sum = 0, hops_sum = 0;
  std::uint64_t queued_at_start = 0, queued_at_end = 0;
  for (std::uint64_t cycle = 0; cycle < drain_end; ++cycle) {
    if (cycle == window_start) queued_at_start = network.queued_packets();
    if (cycle == window_end) queued_at_end = network.queued_packets();
    if (cycle < window_end) {
      const bool measured = cycle >= window_start;
      for (std::uint32_t src = 0; src < nodes; ++src) {
        if (random.uniform() >= packet_probability) continue;
        network.inject(src, destination(src), traffic.packet_flits, cycle,
                       measured ? kMeasured | cycle : cycle);
        measured_created += measured ? 1 : 0;
      }
    } else if (result.packets_measured == measured_created) {
      break;
    }
    network.run(cycle + 1, false);
    for (const NocDelivery& d : network.take_deliveries()) {
      if (d.delivered >= window_start && d.delivered < window_end) flits_in_window += d.flits;
      if (!(d.tag & kMeasured)) continue;
      ++result.packets_measured;
      latency_sum += static_cast<double>(d.delivered - d.created);
      network_latency_sum += static_cast<double>(d.delivered - d.injected);
      hops_sum += network.hops(d.src, d.dst);
    }
  }
  const double packets = static_cast<double>(std::max<std::uint64_t>(1, result.packets_measured));
  result.latency_avg_cycles = latency_sum / packets;
  result.network_latency_avg_cycles = network_latency_sum / packets;
  result.hops_avg = hops_sum / packets;
  result.accepted = static_cast<double>(flits_in_window) /
                    (static_cast<double>(nodes) * static_cast<double>(traffic.measure_cycles));
  const double offered_to_each =
      traffic.pattern == NocPattern::kHotspot ? traffic.rate * nodes : traffic.rate;
  const double accepted_by_each =
      traffic.pattern == NocPattern::kHotspot ? result.accepted * nodes : result.accepted;
  // Source queues that grew through the window by more than 2 % of what was created there: some
  // node is offered more than it can send.
  const bool queues_grow =
      queued_at_end > queued_at_start + std::max<std::uint64_t>(8, measured_created / 50);
  result.saturated = queues_grow || result.packets_measured < measured_created ||
                     accepted_by_each < 0.9 * offered_to_each ||
                     result.latency_avg_cycles > traffic.latency_limit_cycles;
  return result;
}

}  // namespace lumen
