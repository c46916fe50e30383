#include "platforms/memory_stream.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "platforms/noc_layout.h"

namespace lumen {

StreamCalibration stream_calibration(const std::string& standard) {
  // Measured with the cycle-level model (see the header): η in %, L0 in ns.
  static const std::map<std::string, StreamCalibration> table = {
      {"HBM2-2.0", {0.8969, 36.40}},  {"HBM2-2.4", {0.8793, 36.12}},
      {"HBM2E-3.2", {0.8566, 35.75}}, {"HBM2E-3.6", {0.8284, 35.66}},
      {"HBM3-6.4", {0.8473, 37.87}},  {"HBM3E-9.6", {0.7899, 37.35}}};
  const auto found = table.find(standard);
  return found != table.end() ? found->second : table.at("HBM3-6.4");
}

std::uint64_t memory_capacity_bytes(const ChipParams& chip) {
  if (chip.has_hbm) return chip.hbm.spec.org.channel_bytes() * chip.hbm.used_channels();
  return chip.memory.capacity_bytes;
}

namespace {

// Mean router hops from a tile to a memory port (mesh: Manhattan distance, plus the port's and
// the tile's own router), times the cycles each hop costs.
double noc_mean_latency_s(const ChipParams& chip) {
  const NocLayout layout = noc_layout(chip);
  const std::uint32_t tiles = chip.tiles(), ports = layout.memory_ports;
  const bool mesh = chip.noc.topology == NocTopology::kMesh;
  double hops = 0;
  for (std::uint32_t t = 0; t < tiles; ++t)
    for (std::uint32_t p = 0; p < ports; ++p) {
      const std::uint32_t a = layout.terminal_router[t], b = layout.terminal_router[tiles + p];
      const auto cols = static_cast<int>(chip.noc.cols);
      const int distance =
          mesh ? std::abs(static_cast<int>(a) / cols - static_cast<int>(b) / cols) +
                     std::abs(static_cast<int>(a) % cols - static_cast<int>(b) % cols)
               : 0;
      hops += distance + 1;
    }
  hops /= static_cast<double>(tiles) * ports;
  const double cycles = chip.noc.ni_latency + chip.noc.link_latency +
                        hops * (chip.noc.router_latency + chip.noc.link_latency);
  return 2 * cycles / chip.noc.clock_hz;  // there and back
}

}  // namespace

ChipParams with_streaming_memory(const ChipParams& chip) {
  ChipParams stream = chip;
  double bandwidth = chip.memory.bandwidth_Bps, latency = chip.memory.latency_s;
  if (chip.has_hbm) {
    const StreamCalibration c = stream_calibration(chip.hbm.spec.standard);
    bandwidth = chip.hbm.peak_Bps() * c.efficiency;
    latency = c.latency_ns * 1e-9;
    stream.memory = SimpleMemoryParams{};
    stream.memory.capacity_bytes = memory_capacity_bytes(chip);
  }
  if (chip.has_noc) {
    const double ports = chip.has_hbm ? chip.hbm.stacks * chip.memory_ports_per_stack : 1.0;
    bandwidth = std::min(bandwidth, ports * chip.noc.flit_bytes * chip.noc.clock_hz);
    latency += noc_mean_latency_s(chip);
  }
  stream.memory.bandwidth_Bps = bandwidth;
  stream.memory.latency_s = latency;
  stream.has_hbm = false;
  stream.has_noc = false;
  return stream;
}

}  // namespace lumen
