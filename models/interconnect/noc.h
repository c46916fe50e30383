// The on-chip network as a TLM-2.0 interconnect: initiators (tile DMA channels) bind to
// `target_socket`, targets (HBM ports, memories) are reached through `initiator_socket`, each at
// a terminal of the NocNetwork. b_transport from an initiator is cut where the target map
// changes terminal (e.g. at each HBM port's interleave granule); each piece travels as a request
// packet (header, plus the data for a write) to its target terminal, where one of the port's
// `target_outstanding` servers forwards it to the target with b_transport and sends the response
// packet back (the data for a read). The initiator's call returns when every response has
// arrived, so it sees the network's latency, serialisation and contention as well as the
// target's.
//
// Timing: per piece of B bytes, zero load (NocNetwork's equation, cycles of `clock_hz`):
//   request  = T0(hops, header_flits + [write] ⌈B/flit⌉)
//   response = T0(hops, header_flits + [read]  ⌈B/flit⌉)
//   total    = request + 1 + target delay + response + 1 cycles
// (a packet is seen at the end of its tail's arrival cycle; a call that starts between clock
// edges also waits for the next edge).
//
// Simulation: the cycle-level NocNetwork is advanced lazily by one method. When it wakes, it
// runs the network up to the next event anyone else has scheduled (nothing can be injected
// before it) or the next packet arrival, whichever is first, so the kernel sees one activation
// per arrival rather than one per clock.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/stats.h"
#include "models/interconnect/noc_network.h"
#include "models/interconnect/noc_target_map.h"

namespace lumen {

class Noc : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Noc> target_socket;
  tlm_utils::multi_passthrough_initiator_socket<Noc> initiator_socket;

  // Throws std::invalid_argument for an impossible geometry (see NocNetwork).
  Noc(const sc_core::sc_module_name& name, const NocParams& params,
      std::vector<std::uint32_t> terminal_router, NocTargetMap targets);

  // Binds an initiator's socket to the network at `terminal`. Call once per initiator socket.
  template <typename InitiatorSocket>
  void connect_initiator(InitiatorSocket& socket, std::uint32_t terminal) {
    socket.bind(target_socket);
    initiator_terminal_.push_back(terminal);
  }
  // Binds the network to a target's socket at `terminal` (one target per terminal).
  template <typename TargetSocket>
  void connect_target(TargetSocket& socket, std::uint32_t terminal) {
    initiator_socket.bind(socket);
    add_port(terminal);
  }

  const NocNetwork& network() const { return network_; }
  // `terminal_names[t]` names terminal t in the statistics ("tile3", "hbm.port1").
  void collect(StatsCollector& stats, double total_ns,
               const std::vector<std::string>& terminal_names) const;

 private:
  struct Transaction {
    std::uint32_t remaining = 0;
    sc_core::sc_event done;
  };
  struct Piece {
    Transaction* transaction = nullptr;
    tlm::tlm_command command = tlm::TLM_READ_COMMAND;
    std::uint64_t address = 0;
    unsigned char* data = nullptr;
    std::uint32_t length = 0;
    std::uint32_t initiator = 0, target = 0;  // terminals
  };
  struct Port {
    std::uint32_t terminal = 0, binding = 0;
    std::deque<std::uint32_t> requests;  // pieces waiting for a server
    sc_core::sc_event arrived;
    // One payload per server, owned here: the servers never return, so a payload on their
    // stacks would never be destroyed.
    std::deque<tlm::tlm_generic_payload> payloads;
  };

  void b_transport(int id, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  void add_port(std::uint32_t terminal);
  void serve(Port& port, tlm::tlm_generic_payload& payload);  // a port's servers (threads)
  void advance();                                             // SC_METHOD on wake_
  void kick() { wake_.notify(sc_core::SC_ZERO_TIME); }
  std::uint64_t cycle_at_or_after(const sc_core::sc_time& t) const;
  // A packet whose tail arrives in cycle d is seen at the end of that cycle.
  std::uint64_t seen_at(const NocDelivery& d) const { return (d.delivered + 1) * period_.value(); }
  void handle(const NocDelivery& delivery);
  std::uint32_t new_piece();

  NocParams params_;
  NocNetwork network_;
  NocTargetMap targets_;
  sc_core::sc_time period_;
  std::vector<std::uint32_t> initiator_terminal_;  // by binding index
  std::vector<std::unique_ptr<Port>> ports_;
  std::vector<int> port_of_terminal_;
  std::vector<Piece> pieces_;
  std::vector<std::uint32_t> free_pieces_;
  std::vector<NocDelivery> arrived_;  // ran ahead: delivered at a later time than now
  sc_core::sc_event wake_;
  std::uint64_t requests_ = 0, bytes_ = 0;
};

}  // namespace lumen
