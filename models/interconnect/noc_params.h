// Parameters of an on-chip network: a 2D mesh of routers (or one crossbar router) with
// credit-based flow control over virtual channels. Built by platforms/ from /platform/chip/noc.
#pragma once

#include <cstdint>

namespace lumen {

enum class NocTopology { kMesh, kCrossbar };

// A router's ports: 4 mesh ports plus one per terminal, at most 64 (allocation uses 64-bit masks).
inline constexpr std::uint32_t kMaxTerminalsPerRouter = 60;

// What moves through the routers as one unit: single flits (wormhole, the default) or whole
// packets (virtual cut-through: a packet advances only when the next buffer holds all of it; it
// occupies each link for its length). Zero-load timing is the same; packet mode is faster to
// simulate and blocks less under load.
enum class NocGranularity { kFlit, kPacket };

struct NocParams {
  NocTopology topology = NocTopology::kMesh;
  std::uint32_t rows = 1, cols = 1;  // routers of the mesh (a crossbar has one)
  std::uint32_t flit_bytes = 32;     // link width: one flit per cycle per link
  std::uint32_t router_latency = 3;  // cycles from a flit's arrival until it may cross the switch
  std::uint32_t link_latency = 1;    // cycles on a link (router–router and router–terminal)
  std::uint32_t ni_latency = 1;      // cycles in the network interface before the first link
  std::uint32_t credit_latency = 1;  // cycles for a freed buffer slot to reach the upstream
  std::uint32_t vcs = 2;             // virtual channels per input port
  std::uint32_t buffer_flits = 8;    // buffer per virtual channel
  std::uint32_t header_flits = 1;    // per packet, ahead of the payload flits
  NocGranularity granularity = NocGranularity::kFlit;
  double clock_hz = 1e9;
  std::uint32_t target_outstanding = 32;  // requests a target port serves at once

  std::uint32_t routers() const { return topology == NocTopology::kMesh ? rows * cols : 1; }
  // Flits of a packet carrying `bytes` of payload.
  std::uint32_t packet_flits(std::uint64_t bytes) const {
    return header_flits + static_cast<std::uint32_t>((bytes + flit_bytes - 1) / flit_bytes);
  }
};

}  // namespace lumen
