// The fabric against its closed forms: routes and neighbour shares per topology, one message's
// delivery time over every topology (cut-through over several hops), and the energy of the
// links. Each simulation test runs in its own process (gtest_discover_tests).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "explore/system_variants.h"
#include "models/io/fabric_topology.h"
#include "platforms/link_presets.h"
#include "platforms/system.h"

namespace lumen {
namespace {

LinkParams preset(const std::string& name) {
  return link_params_from(nlohmann::json::parse(link_preset_texts().at(name)));
}

FabricParams fabric(FabricTopology topology, std::uint32_t chips, const std::string& link) {
  FabricParams f;
  f.topology = topology;
  f.chips = chips;
  f.link = preset(link);
  f.link.ber = 0;  // no retransmissions: the closed forms are exact
  f.nic_latency_s = 100e-9;
  f.forward_latency_s = 20e-9;
  f.switch_latency_s = 100e-9;
  f.ocs_reconfiguration_s = 10e-6;
  if (topology == FabricTopology::kTorus) f.torus_rows = 4, f.torus_cols = chips / 4;
  return f;
}

SystemParams system_of(const FabricParams& f) {
  SystemParams s;
  s.fabric = f;
  s.link_name = f.link.name;
  return s;
}

TEST(FabricTopology, RoutesAreMinimalAndDimensionOrdered) {
  const FabricTopologyGraph ring(fabric(FabricTopology::kRing, 8, "teraphy"));
  EXPECT_EQ(ring.route(0, 3).size(), 3u);
  EXPECT_EQ(ring.route(0, 5).size(), 3u);  // the other way round
  EXPECT_EQ(ring.edges()[ring.route(0, 5)[0]].to, 7u);
  EXPECT_EQ(ring.route(0, 4).size(), 4u);  // a tie goes clockwise
  EXPECT_EQ(ring.edges()[ring.route(0, 4)[0]].to, 1u);
  const FabricTopologyGraph torus(fabric(FabricTopology::kTorus, 16, "teraphy"));
  const auto r = torus.route(0, 15);  // (0,0) → (3,3): one wrap-around hop in each dimension
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(torus.edges()[r[0]].to, 3u);  // columns first
  EXPECT_EQ(torus.edges()[r[1]].to, 15u);
  EXPECT_EQ(torus.neighbours_per_chip(), 4u);
  const FabricTopologyGraph star(fabric(FabricTopology::kSwitch, 8, "nvlink5"));
  EXPECT_EQ(star.route(2, 5).size(), 2u);
  EXPECT_EQ(star.edges()[star.route(2, 5)[0]].to, 8u);  // the switch
}

TEST(FabricTopology, NeighboursShareTheChipsChannels) {
  const FabricTopologyGraph ring(fabric(FabricTopology::kRing, 8, "teraphy"));
  EXPECT_EQ(ring.edges()[0].link.channels(), 64u);  // 8 ports × 16 λ over two neighbours
  EXPECT_DOUBLE_EQ(ring.edges()[0].link.laser_W, preset("teraphy").laser_W / 2);
  const FabricTopologyGraph mesh(fabric(FabricTopology::kFullMesh, 8, "teraphy"));
  EXPECT_EQ(mesh.edges()[0].link.channels(), 18u);  // ⌊128 / 7⌋
  EXPECT_EQ(mesh.dark_channels_per_chip(), 2u);
  const FabricTopologyGraph two(fabric(FabricTopology::kRing, 2, "nvlink5"));
  EXPECT_EQ(two.neighbours_per_chip(), 1u);
  EXPECT_EQ(two.edges()[0].link.channels(), 36u);
}

// One message of `bytes` from chip 0 to `dst`: its delivery time is the closed form exactly
// (to the kernel's picosecond per hop), plus one reconfiguration on an OCS.
void expect_one_message_closed_form(FabricTopology topology, const std::string& link,
                                    std::uint32_t chips, std::uint32_t dst, std::uint64_t bytes) {
  const FabricParams f = fabric(topology, chips, link);
  System system("system", system_of(f), nullptr);
  std::vector<FabricProgram> programs(chips);
  FabricCommand send;
  send.op = FabricOp::kSend;
  send.peer = dst;
  send.bytes = bytes;
  programs[0].add(send);
  FabricCommand recv;
  recv.op = FabricOp::kRecv;
  recv.peer = 0;
  programs[dst].add(recv);
  system.load(programs);
  sc_core::sc_start();
  ASSERT_TRUE(system.finished());
  const MessageCost cost = message_cost(f, 0, dst);
  const double expected =
      cost.time_s(bytes) + (topology == FabricTopology::kOcs ? f.ocs_reconfiguration_s : 0.0);
  EXPECT_NEAR(system.node(dst).completed_at()[0], expected, 1e-12 * (cost.hops + 2))
      << topology_name(topology) << " " << cost.hops << " hops";
  EXPECT_EQ(system.fabric().reconfigurations(), topology == FabricTopology::kOcs ? 1u : 0u);
}

TEST(FabricMessage, RingThreeHopsCutThrough) {
  expect_one_message_closed_form(FabricTopology::kRing, "teraphy", 8, 3, 64 << 10);
}
TEST(FabricMessage, TorusTwoWrapAroundHops) {
  expect_one_message_closed_form(FabricTopology::kTorus, "teraphy", 16, 15, 256 << 10);
}
TEST(FabricMessage, FullMeshOneHop) {
  expect_one_message_closed_form(FabricTopology::kFullMesh, "cpo-200g", 8, 5, 1 << 20);
}
TEST(FabricMessage, SwitchUpAndDown) {
  expect_one_message_closed_form(FabricTopology::kSwitch, "nvlink5", 8, 6, 4 << 20);
}
TEST(FabricMessage, OcsSetsUpACircuitFirst) {
  expect_one_message_closed_form(FabricTopology::kOcs, "teraphy", 8, 4, 1 << 20);
}
TEST(FabricMessage, SmallerThanOneFrame) {
  expect_one_message_closed_form(FabricTopology::kRing, "ucie-advanced", 4, 2, 8);
}

TEST(FabricEnergy, DynamicIsBitsOnTheWireTimesEnergyPerBitAndStaticIsPowerTimesTime) {
  const FabricParams f = fabric(FabricTopology::kRing, 4, "teraphy");
  System system("system", system_of(f), nullptr);
  std::vector<FabricProgram> programs(4);
  const std::uint64_t bytes = 1 << 20;  // 4096 frames of 256 B, each with 16 B of overhead
  FabricCommand send;
  send.op = FabricOp::kSend;
  send.peer = 2;  // two hops
  send.bytes = bytes;
  programs[0].add(send);
  FabricCommand recv;
  recv.op = FabricOp::kRecv;
  programs[2].add(recv);
  system.load(programs);
  sc_core::sc_start();
  const double wire_bits = 2.0 * 8 * (bytes / 256) * (256 + 16);
  EXPECT_DOUBLE_EQ(system.fabric().dynamic_energy_J(), wire_bits * f.link.energy_J_per_bit);
  // Every chip's laser and every wavelength's tuning, shared out over the links.
  const double chip_static = f.link.laser_W + f.link.tuning_W_per_wavelength * f.link.channels();
  EXPECT_NEAR(system.fabric().static_W(), 4 * chip_static, 1e-12);
}

TEST(FabricDeadlock, AReceiveWithoutASenderIsReportedNotHung) {
  System system("system", system_of(fabric(FabricTopology::kRing, 4, "teraphy")), nullptr);
  std::vector<FabricProgram> programs(4);
  FabricCommand recv;
  recv.op = FabricOp::kRecv;
  recv.peer = 3;
  recv.label = "lonely";
  programs[1].add(recv);
  system.load(programs);
  sc_core::sc_start();
  EXPECT_FALSE(system.finished());
  const auto states = system.pending_states();
  ASSERT_EQ(states.size(), 1u);
  EXPECT_NE(states[0].find("system.chip1"), std::string::npos) << states[0];
  EXPECT_NE(states[0].find("lonely"), std::string::npos) << states[0];
  EXPECT_NE(states[0].find("chip 3"), std::string::npos) << states[0];
}

}  // namespace
}  // namespace lumen
