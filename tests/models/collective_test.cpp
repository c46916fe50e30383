// Collectives against their α-β-γ closed forms (workloads/collective_equations.h) on the fabric
// each algorithm is natural to, where every message of a step has an idle link: within 2 %
// (they agree to rounding). Then what the closed forms leave out: chunking overlaps the
// reduction, contention slows what shares a link, an OCS retunes once per change of partner.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "explore/system_variants.h"
#include "platforms/link_presets.h"
#include "platforms/system.h"
#include "workloads/collective_equations.h"

namespace lumen {
namespace {

struct Case {
  std::string name;
  FabricTopology topology;
  std::string link;
  std::uint32_t chips;
  Collective op;
  CollectiveAlgorithm algorithm;
  std::uint64_t bytes;
  double reduce_Bps = 200e9;  // 0: reduction is free
  double reduce_fixed_s = 50e-9;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

FabricParams fabric_for(const Case& c) {
  FabricParams f;
  f.topology = c.topology;
  f.chips = c.chips;
  f.link = link_params_from(nlohmann::json::parse(link_preset_texts().at(c.link)));
  f.link.ber = 0;
  f.nic_latency_s = 100e-9;
  f.forward_latency_s = 20e-9;
  f.switch_latency_s = 100e-9;
  f.ocs_reconfiguration_s = 5e-6;
  f.nic_outstanding = 8;
  f.reduce_Bps = c.reduce_Bps;
  f.reduce_fixed_s = c.reduce_fixed_s;
  return f;
}

struct Outcome {
  double simulated_s = 0, closed_form_s = 0;
  std::uint64_t reconfigurations = 0;
};

Outcome run(const Case& c, std::uint32_t chunks = 1) {
  const FabricParams f = fabric_for(c);
  SystemParams params;
  params.fabric = f;
  System system("system", params, nullptr);
  CollectiveSpec spec;
  spec.op = c.op;
  spec.algorithm = c.algorithm;
  spec.bytes = c.bytes;
  spec.chunks = chunks;
  system.load(lower_collective(spec, c.chips));
  sc_core::sc_start();
  EXPECT_TRUE(system.finished());
  // Ring-shaped algorithms keep their partner: one circuit set-up; the others change partner
  // every step but the turn from halving to doubling.
  std::uint32_t levels = 0;
  while ((1u << levels) < c.chips) ++levels;
  const std::uint64_t setups = c.algorithm == CollectiveAlgorithm::kRing ? 1 : 2 * levels - 1;
  const CollectiveCosts costs = collective_costs(f, c.algorithm, setups);
  return {system.finished_s(), collective_closed_form(spec, c.chips, costs).total_s(),
          system.fabric().reconfigurations()};
}

class CollectiveClosedForm : public ::testing::TestWithParam<Case> {};

TEST_P(CollectiveClosedForm, WithinTwoPercentOnAnUncontendedFabric) {
  const Case& c = GetParam();
  const Outcome o = run(c);
  EXPECT_NEAR(o.simulated_s, o.closed_form_s, 0.02 * o.closed_form_s)
      << "simulated " << o.simulated_s * 1e9 << " ns, closed form " << o.closed_form_s * 1e9;
  std::cout << c.name << ": simulated " << o.simulated_s * 1e9 << " ns, closed form "
            << o.closed_form_s * 1e9 << " ns, error "
            << 100 * (o.simulated_s - o.closed_form_s) / o.closed_form_s << " %\n";
}

const std::vector<Case> kCases = {
    {"ring_allreduce_optical_ring", FabricTopology::kRing, "teraphy", 8, Collective::kAllReduce,
     CollectiveAlgorithm::kRing, 8 << 20},
    {"ring_allreduce_electrical_ring", FabricTopology::kRing, "nvlink5", 8, Collective::kAllReduce,
     CollectiveAlgorithm::kRing, 8 << 20},
    {"ring_allreduce_ocs", FabricTopology::kOcs, "teraphy", 8, Collective::kAllReduce,
     CollectiveAlgorithm::kRing, 8 << 20},
    {"ring_reduce_scatter", FabricTopology::kRing, "cpo-200g", 16, Collective::kReduceScatter,
     CollectiveAlgorithm::kRing, 16 << 20},
    {"ring_all_gather", FabricTopology::kRing, "teraphy", 4, Collective::kAllGather,
     CollectiveAlgorithm::kRing, 4 << 20},
    {"tree_allreduce_full_mesh", FabricTopology::kFullMesh, "teraphy", 8, Collective::kAllReduce,
     CollectiveAlgorithm::kTree, 1 << 20},
    {"halving_doubling_allreduce_full_mesh", FabricTopology::kFullMesh, "teraphy", 8,
     Collective::kAllReduce, CollectiveAlgorithm::kHalvingDoubling, 4 << 20},
    {"halving_doubling_allreduce_switch", FabricTopology::kSwitch, "nvlink5", 16,
     Collective::kAllReduce, CollectiveAlgorithm::kHalvingDoubling, 4 << 20},
    {"halving_doubling_allreduce_ocs", FabricTopology::kOcs, "teraphy", 8, Collective::kAllReduce,
     CollectiveAlgorithm::kHalvingDoubling, 4 << 20},
    {"halving_doubling_all_gather_full_mesh", FabricTopology::kFullMesh, "ucie-advanced", 4,
     Collective::kAllGather, CollectiveAlgorithm::kHalvingDoubling, 1 << 20},
    {"all_to_all_full_mesh", FabricTopology::kFullMesh, "teraphy", 8, Collective::kAllToAll,
     CollectiveAlgorithm::kDirect, 7 << 20},
    {"broadcast_tree_full_mesh", FabricTopology::kFullMesh, "teraphy", 8, Collective::kBroadcast,
     CollectiveAlgorithm::kTree, 1 << 20},
    {"broadcast_chain_ring", FabricTopology::kRing, "nvlink5", 6, Collective::kBroadcast,
     CollectiveAlgorithm::kRing, 1 << 20},
    {"bidirectional_ring_allreduce_free_reduction", FabricTopology::kRing, "teraphy", 8,
     Collective::kAllReduce, CollectiveAlgorithm::kBidirectionalRing, 8 << 20, 0, 0},
    {"bidirectional_ring_all_gather", FabricTopology::kRing, "nvlink5", 8, Collective::kAllGather,
     CollectiveAlgorithm::kBidirectionalRing, 8 << 20},
};

INSTANTIATE_TEST_SUITE_P(Cases, CollectiveClosedForm, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

TEST(Collective, ChunkingOverlapsTheReductionButCannotBeatTheLink) {
  const Case c = kCases[0];
  const Outcome o = run(c, 8);  // the closed form is the one-chunk, no-overlap one
  EXPECT_LT(o.simulated_s, 0.95 * o.closed_form_s);
  // The link still carries 2(p−1)/p · n at B.
  const FabricParams f = fabric_for(c);
  const double bandwidth_s = 2.0 * 7 / 8 * c.bytes / message_cost(f, 0, 1).bandwidth_Bps;
  EXPECT_GT(o.simulated_s, bandwidth_s);
}

TEST(Collective, BidirectionalRingUsesBothLinksAndItsFormBoundsTheReduction) {
  Case c = kCases[0];  // the one-way ring all-reduce, optical, with reduction
  c.algorithm = CollectiveAlgorithm::kBidirectionalRing;
  const Outcome o = run(c);
  // The reductions of the two directions overlap the other's transfer: at most the form.
  EXPECT_LE(o.simulated_s, o.closed_form_s * 1.001);
  // Both links of every chip carry half the data: faster than the one-way ring's exact form.
  const Case one_way = kCases[0];
  const CollectiveCosts costs = collective_costs(fabric_for(one_way), one_way.algorithm, 0);
  CollectiveSpec spec;
  spec.bytes = one_way.bytes;
  EXPECT_LT(o.simulated_s, 0.9 * collective_closed_form(spec, 8, costs).total_s());
}

TEST(Collective, HalvingDoublingOnARingIsSlowedByContention) {
  Case c = kCases[6];
  c.topology = FabricTopology::kRing;
  const Outcome o = run(c);
  EXPECT_GT(o.simulated_s, 1.2 * o.closed_form_s);
}

TEST(Collective, AnOcsRetunesOncePerChangeOfPartner) {
  EXPECT_EQ(run(kCases[2]).reconfigurations, 8u);  // ring: once per chip
}

TEST(Collective, AnOcsRetunesEveryHalvingDoublingStep) {
  EXPECT_EQ(run(kCases[8]).reconfigurations, 8u * 5);  // 2·log₂8 − 1 per chip
}

}  // namespace
}  // namespace lumen
