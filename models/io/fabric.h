// A multi-chip fabric as a TLM-2.0 interconnect: chip i's NIC binds its initiator socket to
// `target_socket` (binding i) and its receive target to `initiator_socket` (binding i). A
// message is routed by FabricTopologyGraph over Link instances, one per directed edge, which
// model their own contention (busy-until at the line rate, bit errors, retransmission). A
// message crosses its hops cut-through at frame granularity (CutThrough in link.h), waiting
// `switch_latency` inside a packet switch and `forward_latency` at each chip it passes, and is
// delivered when its last bit has arrived. Zero load, over h hops of equal links:
//   T(n) = h·(SerDes + FEC + flight) + (h − 1)·(frame time) + Σ node latencies + n / (raw·f)
// (the sender's NIC latency is the NIC's, models/io/fabric_node.h).
//
// Faults: a link that is down when a message reaches it is routed around (the shortest path over
// the links that are up, from where the message is) or, with no such path, the message fails:
// the fabric records why (fault()), naming the link; the run goes on until nothing can move.
//
// Optical circuit switch: circuits are set per phase. Before chip i sends its first message of
// phase k, the OCS gives each destination i has in phase k an equal share of i's ports
// (⌊ports / destinations⌋ ports × wavelengths); if that differs from i's current circuits, it
// waits until i's messages in flight have left, then `ocs_reconfiguration` for the mirrors to
// move, during which i sends nothing. Phases whose destinations repeat cost nothing more.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/stats.h"
#include "models/io/fabric_topology.h"
#include "models/io/link.h"

namespace lumen {

class Fabric : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Fabric> target_socket;        // from chip NICs
  tlm_utils::multi_passthrough_initiator_socket<Fabric> initiator_socket;  // to chip NICs

  Fabric(const sc_core::sc_module_name& name, const FabricParams& params);

  const FabricParams& params() const { return params_; }
  const FabricTopologyGraph& graph() const { return graph_; }
  const Link& link(std::size_t edge) const { return *links_.at(edge); }
  std::size_t links() const { return links_.size(); }

  // OCS: chip `src` sends to `dst` in `phase` (called for every send before the run). Throws
  // std::invalid_argument when a phase needs more destinations than the chip has ports.
  void plan_send(std::uint32_t src, std::uint32_t dst, std::uint32_t phase);

  std::uint64_t reconfigurations() const { return reconfigurations_; }
  std::uint64_t rerouted_messages() const { return rerouted_; }
  // Why a message could not be delivered (a link down, no other route); empty if none failed.
  const std::string& fault() const { return fault_; }
  bool link_up(std::size_t edge, double at_s) const;
  double reconfiguration_s() const { return reconfiguration_s_; }
  double dynamic_energy_J() const;
  double static_W() const;  // lasers, tuning, switch: on for the whole run
  // Node name in statistics: "c3", or "switch".
  std::string node_name(std::uint32_t node) const;
  void collect(StatsCollector& stats, const std::string& prefix, double total_ns) const;

 private:
  struct Circuits {
    int phase = -1;
    std::map<std::uint32_t, std::set<std::uint32_t>> destinations;  // phase → destinations
    std::set<std::uint32_t> current;                                // destinations with circuits
    std::uint32_t in_flight = 0;
    bool reconfiguring = false;
    sc_core::sc_event changed;
  };

  void b_transport(int chip, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  void hop_arrived(int, tlm::tlm_generic_payload&, sc_core::sc_time&) {}
  void acquire_circuits(std::uint32_t src, std::uint32_t phase);
  // Shortest path from node `at` to chip `dst` over links up at `at_s`; empty if none.
  std::vector<std::uint32_t> detour(std::uint32_t at, std::uint32_t dst, double at_s) const;
  std::string link_name(std::size_t edge) const;
  void release_circuits(std::uint32_t src);

  FabricParams params_;
  FabricTopologyGraph graph_;
  std::vector<std::unique_ptr<Link>> links_;
  tlm_utils::multi_passthrough_initiator_socket<Fabric> to_links_;
  tlm_utils::multi_passthrough_target_socket<Fabric> from_links_;
  std::vector<std::vector<std::vector<std::uint32_t>>> routes_;  // [src][dst] → edges
  std::deque<Circuits> circuits_;  // OCS, per chip (sc_event cannot move)
  std::uint64_t reconfigurations_ = 0, messages_ = 0, bytes_ = 0, rerouted_ = 0;
  std::string fault_;
  double reconfiguration_s_ = 0;
};

}  // namespace lumen
