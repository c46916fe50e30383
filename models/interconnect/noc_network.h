// The cycle-level core of the on-chip network, in plain C++ (no SystemC): routers with input
// buffers per virtual channel, credit-based flow control, dimension-ordered (XY) routing and
// round-robin allocation. Noc (noc.h) drives it from TLM-2.0 transactions; the `noc` scenario
// drives it directly with synthetic traffic, as BookSim does.
//
// A router has four mesh ports (N, E, S, W) and one local port per terminal attached to it
// (a tile's network interface, an HBM port). Each cycle, in every router with buffered flits:
//   1. a head flit at the front of an input VC is routed (X first, then Y) and, from one cycle
//      before it may cross the switch, competes for a free VC of the next input buffer;
//   2. `router_latency` cycles after arrival, each input port offers one VC whose front flit
//      holds an output VC and has a credit downstream; each output port grants one of the
//      inputs that offered it (separable input-first allocation, round-robin arbiters);
//   3. the winner crosses the link: it arrives downstream `link_latency` cycles later, and the
//      credit for its buffer slot returns upstream `credit_latency` cycles later. A tail flit
//      frees the output VC.
// A terminal injects one flit per cycle into its router (same flow control) and takes one flit
// per cycle out of it. In packet granularity the unit is a whole packet: it needs credits for
// all its flits and holds the link for its length.
//
// Timing equation (zero load, H router-to-router hops, F flits, cycles from creation to the
// tail's arrival at the destination terminal; checked exactly in tests/models/noc_test.cpp):
//   T0 = ni_latency + (H + 1)·(router_latency + link_latency) + link_latency + F − 1
// which with the defaults (3, 1, 1) is BookSim2's 4H + 5 + F for its iq router with one-cycle
// VC allocation, switch allocation and switch traversal.
// Saturation under uniform random traffic on a k×k mesh is bounded by its bisection:
//   λ ≤ 4/k flits per node per cycle (and by one flit per cycle of injection); DOR with finite
// buffers saturates below the bound, as BookSim2 does (tests/data/booksim2/).
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "models/interconnect/noc_params.h"

namespace lumen {

struct NocDelivery {
  std::uint64_t tag = 0;  // the injector's
  std::uint32_t src = 0, dst = 0, flits = 0;
  std::uint64_t created = 0, injected = 0, delivered = 0;  // cycles
};

// A directed link and how many flits crossed it.
struct NocLinkStats {
  std::string from, to;  // "r1,2", "t5" (terminal)
  std::uint64_t flits = 0;
};

class NocNetwork {
 public:
  // `terminal_router[t]` is the router terminal t attaches to. Throws std::invalid_argument
  // for an impossible geometry (router out of range, zero VCs or buffers).
  NocNetwork(const NocParams& params, std::vector<std::uint32_t> terminal_router);

  const NocParams& params() const { return params_; }
  std::uint32_t terminals() const { return static_cast<std::uint32_t>(terminal_router_.size()); }
  std::uint32_t terminal_router(std::uint32_t t) const { return terminal_router_[t]; }
  std::uint32_t hops(std::uint32_t src_terminal, std::uint32_t dst_terminal) const;
  std::uint64_t zero_load_cycles(std::uint32_t src, std::uint32_t dst, std::uint32_t flits) const;

  // Queues a packet at terminal `src`, created at `cycle` (the current cycle or later).
  void inject(std::uint32_t src, std::uint32_t dst, std::uint32_t flits, std::uint64_t cycle,
              std::uint64_t tag);

  std::uint64_t now() const { return now_; }  // the next cycle to simulate
  bool idle() const;
  // Simulates cycles [now, end). With `stop_after_delivery`, stops after the first cycle in which
  // a packet arrived. Returns whether any packet arrived. An idle network stops early (its clock
  // waits for the next packet's creation cycle).
  bool run(std::uint64_t end, bool stop_after_delivery);
  // Packets that arrived since the last call, in arrival order.
  std::vector<NocDelivery> take_deliveries();

  // Statistics since construction.
  std::vector<NocLinkStats> link_stats() const;
  std::uint64_t cycles_simulated() const { return now_; }
  std::uint64_t packets_delivered() const { return delivered_; }
  std::uint64_t flits_delivered() const { return delivered_flits_; }
  double latency_sum_cycles() const { return latency_sum_; }
  std::uint64_t latency_max_cycles() const { return latency_max_; }
  std::uint64_t terminal_flits_in(std::uint32_t t) const { return terminals_[t].flits_in; }
  std::uint64_t terminal_flits_out(std::uint32_t t) const { return terminals_[t].flits_out; }
  std::uint64_t queued_packets() const;  // waiting at sources, not yet injected

 private:
  struct Flit {
    std::uint32_t packet;
    std::uint32_t size;  // flits this unit stands for (1, or the packet in packet granularity)
    bool head, tail;
    std::uint64_t ready;  // cycle from which it may cross the switch
  };
  struct InputVc {
    std::vector<Flit> ring;  // circular buffer of `buffer_flits` units
    std::uint32_t first = 0, count = 0, used_flits = 0;
    int out_port = -1, out_vc = -1;
    Flit& front() { return ring[first]; }
  };
  struct OutputPort {
    int to_router = -1, to_port = -1;  // mesh link; or a terminal:
    int to_terminal = -1;
    std::vector<std::uint32_t> credits;  // per downstream VC
    std::vector<bool> owned;             // downstream VC held by a packet
    std::uint64_t busy_until = 0;
    std::uint64_t flits = 0;
    std::uint32_t rotate = 0;  // round-robin pointer over input ports
  };
  struct Upstream {
    int router = -1, port = -1;  // the output port feeding this input, or a terminal:
    int terminal = -1;
  };
  struct Router {
    std::vector<InputVc> inputs;  // port · vcs + vc
    std::vector<OutputPort> outputs;
    std::vector<Upstream> upstream;
    std::uint32_t ports = 0, buffered = 0;
    std::vector<std::uint32_t> vc_rotate;      // per input port
    std::vector<std::uint32_t> port_buffered;  // per input port: units buffered in its VCs
    std::uint32_t row = 0, col = 0;
  };
  struct Packet {
    std::uint32_t src, dst, flits;
    std::uint64_t created, tag, injected;
  };
  struct Terminal {
    std::vector<std::uint32_t> queue;  // packets waiting, FIFO from queue_head
    std::size_t queue_head = 0;
    int current = -1, vc = -1;     // packet being injected and its VC
    std::uint32_t sent = 0;        // flits of it already sent
    std::uint32_t local_port = 0;  // its port on its router
    std::vector<std::uint32_t> credits;
    std::vector<bool> owned;
    std::uint32_t vc_rotate = 0;
    std::uint64_t busy_until = 0;
    std::uint64_t flits_in = 0, flits_out = 0;
  };
  struct Arrival {
    int router, port, vc, terminal;  // terminal ≥ 0: ejection
    Flit flit;
  };
  struct Credit {
    int router, port, vc, terminal;  // terminal ≥ 0: credit to a network interface
    std::uint32_t count;
  };

  enum Direction { kNorth = 0, kEast = 1, kSouth = 2, kWest = 3, kMeshPorts = 4 };

  void step();  // simulates cycle now_
  void inject_from_terminals();
  void allocate_vcs(Router& router);
  void allocate_vc(Router& router, InputVc& in);  // a head flit at the front of `in`
  void traverse_switch(Router& router, std::uint32_t r);
  int route(const Router& router, std::uint32_t dst_terminal) const;
  void send(std::uint32_t r, std::uint32_t in_port, std::uint32_t vc);
  void schedule_arrival(std::uint64_t cycle, Arrival arrival);
  void schedule_credit(std::uint64_t cycle, Credit credit);
  void deliver(std::uint32_t packet);
  std::string router_name(std::uint32_t r) const;

  NocParams params_;
  std::vector<std::uint32_t> terminal_router_;
  std::vector<Router> routers_;
  std::vector<Terminal> terminals_;
  std::vector<Packet> packets_;
  std::vector<std::uint32_t> free_packets_;
  // Calendar of link arrivals and credit returns, indexed by cycle modulo its size.
  std::vector<std::vector<Arrival>> arrivals_;
  std::vector<std::vector<Credit>> credits_;
  // Packet granularity: tails on their way into a terminal, by arrival cycle.
  std::priority_queue<std::pair<std::uint64_t, std::uint32_t>,
                      std::vector<std::pair<std::uint64_t, std::uint32_t>>, std::greater<>>
      ejecting_;
  std::uint64_t in_transit_ = 0, credits_in_transit_ = 0, queued_ = 0, buffered_ = 0;
  std::uint64_t injecting_ = 0;  // terminals part-way through sending a packet
  std::uint64_t now_ = 0;
  std::vector<NocDelivery> deliveries_;
  bool delivered_this_cycle_ = false;
  std::uint64_t delivered_ = 0, delivered_flits_ = 0, latency_max_ = 0;
  double latency_sum_ = 0;
};

}  // namespace lumen
