// Parameters of a multi-chip fabric: how many chips, how they are wired (ring, 2D torus, full
// mesh, an electrical packet switch, or an optical circuit switch), the link each chip's I/O is
// made of, and the endpoint (NIC) costs. Built by platforms/system_params.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/io/link_params.h"

namespace lumen {

enum class FabricTopology { kRing, kTorus, kFullMesh, kSwitch, kOcs };

inline const char* topology_name(FabricTopology t) {
  switch (t) {
    case FabricTopology::kRing:
      return "ring";
    case FabricTopology::kTorus:
      return "torus";
    case FabricTopology::kFullMesh:
      return "full_mesh";
    case FabricTopology::kSwitch:
      return "switch";
    case FabricTopology::kOcs:
      return "ocs";
  }
  return "?";
}

// A link that goes down at `down_s` (and comes back at `up_s`, if later): messages reaching it
// while it is down take another minimal route around it, or fail the run when there is none.
struct LinkFault {
  std::uint32_t from = 0, to = 0;  // node ids; the switch is node `chips`
  double down_s = 0, up_s = 0;     // up_s ≤ down_s: stays down
};

struct FabricParams {
  FabricTopology topology = FabricTopology::kRing;
  std::uint32_t chips = 2;
  std::uint32_t torus_rows = 1, torus_cols = 1;  // torus: chips = rows × cols
  // One chip's whole I/O, one direction: its channels are shared out evenly over the chip's
  // neighbour links (ring 2, torus up to 4, full mesh chips − 1), all go to the switch, or are
  // the OCS's ports.
  LinkParams link;
  double nic_latency_s = 0;           // per message, at the sender (descriptor, DMA start)
  std::uint32_t nic_outstanding = 8;  // messages one chip has in flight at once
  double switch_latency_s = 0;        // packet switch: header in to header out (cut-through)
  double forward_latency_s = 0;       // a chip passing a message on (ring, torus)
  double switch_W = 0;                // packet switch static power
  double ocs_reconfiguration_s = 0;   // optical circuit switch: time to set up new circuits
  double ocs_W = 0;                   // OCS static power (mirror actuators, control)
  // A chip's reduction of received data into its own (vector units, bounded by HBM traffic).
  double reduce_fixed_s = 0;  // per reduction command
  double reduce_Bps = 0;      // bytes of the reduced buffer per second; 0 = free
  std::vector<LinkFault> faults;
  // Functional mode: every message carries bytes made from (sender, tag, offset); the receiver
  // regenerates them and counts the messages that arrived intact and those that did not.
  bool functional = false;
};

// Byte `offset` of the message `tag` from chip `src` in functional mode.
inline unsigned char fabric_payload_byte(std::uint32_t src, std::uint32_t tag,
                                         std::uint64_t offset) {
  std::uint64_t z =
      (std::uint64_t{src} << 40) ^ (std::uint64_t{tag} << 8) ^ (offset / 8) ^ 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;  // splitmix64's finaliser
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<unsigned char>(z >> (8 * (offset % 8)));
}

}  // namespace lumen
