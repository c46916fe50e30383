// The on-chip network against its closed forms (models/interconnect/noc_network.h): exact
// zero-load latency for every source/destination pair, the bisection bound on uniform random
// traffic, a hotspot limited by its one ejection port, and the TLM interconnect's end-to-end
// time for one transaction.
#include "models/interconnect/noc.h"

#include <gtest/gtest.h>

#include <tlm_utils/simple_initiator_socket.h>

#include "models/interconnect/noc_traffic.h"
#include "models/memory/simple_memory.h"

namespace lumen {
namespace {

NocParams mesh(std::uint32_t k, NocGranularity granularity = NocGranularity::kFlit) {
  NocParams p;
  p.rows = p.cols = k;
  p.router_latency = 3;
  p.link_latency = 1;
  p.vcs = 2;
  p.buffer_flits = 8;
  p.granularity = granularity;
  return p;
}

std::vector<std::uint32_t> one_terminal_per_router(const NocParams& p) {
  std::vector<std::uint32_t> t(p.routers());
  for (std::uint32_t i = 0; i < t.size(); ++i) t[i] = i;
  return t;
}

TEST(Noc, ZeroLoadLatencyIsTheClosedFormForEveryPair) {
  for (NocGranularity g : {NocGranularity::kFlit, NocGranularity::kPacket}) {
    const NocParams p = mesh(4, g);
    NocNetwork net(p, one_terminal_per_router(p));
    std::uint64_t cycle = 0;
    for (std::uint32_t src = 0; src < 16; ++src) {
      for (std::uint32_t dst = 0; dst < 16; ++dst) {
        for (std::uint32_t flits : {1u, 5u}) {
          net.inject(src, dst, flits, cycle, 7);
          net.run(cycle + 1000, true);
          const auto d = net.take_deliveries();
          ASSERT_EQ(d.size(), 1u);
          // T0 = ni + (H + 1)(router + link) + link + F − 1 with ni 1, router 3, link 1: BookSim2's
          // 4H + 5 + F (tests/data/booksim2/README.md).
          const std::uint64_t expected = 4 * net.hops(src, dst) + 5 + flits;
          EXPECT_EQ(d[0].delivered - d[0].created, expected)
              << src << "->" << dst << " flits " << flits;
          EXPECT_EQ(net.zero_load_cycles(src, dst, flits), expected);
          ASSERT_TRUE(net.run(net.now() + 10, false) == false);
          cycle = net.now() + 5;
        }
      }
    }
  }
}

TEST(Noc, CrossbarIsOneRouterAway) {
  NocParams p;
  p.topology = NocTopology::kCrossbar;
  p.router_latency = 2;
  NocNetwork net(p, {0, 0, 0, 0, 0});
  net.inject(0, 4, 3, 0, 1);
  net.run(100, true);
  const auto d = net.take_deliveries();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].delivered, 1 + (0 + 1) * 3u + 1 + 3 - 1);
}

double saturation(const NocParams& p, NocPattern pattern, double step) {
  double best = 0;
  for (double rate = step; rate <= 1.0 + 1e-9; rate += step) {
    NocTrafficParams t;
    t.pattern = pattern;
    t.rate = rate;
    t.packet_flits = 4;
    t.warmup_cycles = 1000;
    t.measure_cycles = 4000;
    const NocTrafficResult r = run_noc_traffic(p, t);
    best = std::max(best, r.accepted);
    if (r.saturated) break;
  }
  return best;
}

TEST(Noc, UniformSaturationIsBelowButNearTheBisectionBound) {
  // k×k mesh, uniform random: λ ≤ 4/k flits per node per cycle (0.5 for k = 8). Wormhole DOR
  // with 2 VCs of 8 flits saturates at 70–95 % of it (BookSim2: tests/data/booksim2/).
  const double bound = 4.0 / 8;
  const double sat = saturation(mesh(8), NocPattern::kUniform, 0.05);
  EXPECT_LE(sat, bound * 1.02);
  EXPECT_GE(sat, bound * 0.70);
}

TEST(Noc, BelowSaturationEverythingOfferedIsAccepted) {
  for (NocGranularity g : {NocGranularity::kFlit, NocGranularity::kPacket}) {
    NocTrafficParams t;
    t.rate = 0.2;
    const NocTrafficResult r = run_noc_traffic(mesh(4, g), t);
    EXPECT_FALSE(r.saturated);
    EXPECT_NEAR(r.accepted, 0.2, 0.2 * 0.05);
    // Uniform on 4×4 including the source: mean hops = 2·(k²−1)/(3k) = 2.5.
    EXPECT_NEAR(r.hops_avg, 2.5, 0.1);
    EXPECT_GT(r.latency_avg_cycles, 4 * 2.5 + 5 + 4);  // above zero load
  }
}

TEST(Noc, LatencyRisesWithLoadAndIsDeterministic) {
  double previous = 0;
  for (double rate : {0.05, 0.2, 0.4, 0.6}) {
    NocTrafficParams t;
    t.rate = rate;
    const NocTrafficResult r = run_noc_traffic(mesh(4), t);
    EXPECT_GT(r.latency_avg_cycles, previous);
    previous = r.latency_avg_cycles;
    const NocTrafficResult again = run_noc_traffic(mesh(4), t);
    EXPECT_EQ(again.latency_avg_cycles, r.latency_avg_cycles);
    EXPECT_EQ(again.accepted, r.accepted);
  }
}

TEST(Noc, HotspotIsBoundByItsEjectionPort) {
  // Every node sends to node 0 (an HBM port): it takes at most one flit per cycle.
  NocTrafficParams t;
  t.pattern = NocPattern::kHotspot;
  t.rate = 2.0 / 16;  // twice what one port can take
  const NocTrafficResult r = run_noc_traffic(mesh(4), t);
  EXPECT_TRUE(r.saturated);
  EXPECT_NEAR(r.accepted * 16, 1.0, 0.03);
}

// One initiator, one ideal memory at the far corner of a 4×4 mesh.
struct Initiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<Initiator> socket{"socket"};
  std::vector<unsigned char> data = std::vector<unsigned char>(4096, 0);
  double elapsed_ns = 0;
  tlm::tlm_command command = tlm::TLM_READ_COMMAND;
  std::uint32_t bytes = 256;
  SC_CTOR(Initiator) { SC_THREAD(go); }
  void go() {
    tlm::tlm_generic_payload p;
    p.set_command(command);
    p.set_address(0);
    p.set_data_ptr(data.data());
    p.set_data_length(bytes);
    p.set_streaming_width(bytes);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    socket->b_transport(p, delay);
    wait(delay);
    elapsed_ns = (sc_core::sc_time_stamp() - start).to_seconds() * 1e9;
  }
};

TEST(Noc, TransactionTimeIsRequestPlusTargetPlusResponse) {
  NocParams p = mesh(4);
  p.flit_bytes = 32;
  SimpleMemoryParams ideal;
  ideal.ideal = true;
  Initiator initiator("initiator");
  SimpleMemory memory("memory", ideal);
  // Terminals 0..15 at routers 0..15, terminal 16 (memory) at router 15.
  std::vector<std::uint32_t> routers = one_terminal_per_router(p);
  routers.push_back(15);
  Noc noc("noc", p, routers, NocTargetMap{4096, {16}});
  noc.connect_initiator(initiator.socket, 0);
  noc.connect_target(memory.socket, 16);
  sc_core::sc_start();
  // Read of 256 B = 8 flits + 1 header, 6 hops each way, 1 ns cycles; each packet is seen at the
  // end of its tail's arrival cycle.
  const double request = 4 * 6 + 5 + 1, response = 4 * 6 + 5 + 9;
  EXPECT_DOUBLE_EQ(initiator.elapsed_ns, request + 1 + response + 1);
  EXPECT_EQ(noc.network().packets_delivered(), 2u);
}

}  // namespace
}  // namespace lumen
