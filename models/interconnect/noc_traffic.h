// Synthetic traffic on a NocNetwork, the way BookSim measures a network: every node injects
// packets by a Bernoulli process (rate in flits per node per cycle), the network warms up, the
// packets created in a measurement window are tracked until they arrive, and the accepted rate
// is what the nodes received during the window. One terminal per router.
#pragma once

#include <cstdint>
#include <string>

#include "models/interconnect/noc_params.h"

namespace lumen {

enum class NocPattern {
  kUniform,    // any node, the source included (as BookSim's "uniform")
  kTranspose,  // (row, col) → (col, row) on a square mesh
  kHotspot,    // every node to one node (an HBM port, say)
  kNeighbor,   // (row, col) → (row, col + 1 mod cols)
};

const char* noc_pattern_name(NocPattern pattern);
bool parse_noc_pattern(const std::string& text, NocPattern& pattern);

struct NocTrafficParams {
  NocPattern pattern = NocPattern::kUniform;
  double rate = 0.1;  // offered flits per node per cycle
  std::uint32_t packet_flits = 4;
  std::uint32_t hotspot = 0;  // destination node of kHotspot
  std::uint64_t warmup_cycles = 2000, measure_cycles = 10000;
  std::uint64_t seed = 1;
  double latency_limit_cycles = 500;  // beyond it the network counts as saturated (BookSim's)
};

struct NocTrafficResult {
  double offered = 0;             // flits per node per cycle
  double accepted = 0;            // flits per node per cycle received during the window
  double latency_avg_cycles = 0;  // creation → tail arrival, packets created in the window
  double network_latency_avg_cycles = 0;  // as above without source queueing
  double hops_avg = 0;
  std::uint64_t packets_measured = 0;
  // The window's packets did not drain, accepted < 90 % of offered, or the average latency
  // passed the limit.
  bool saturated = false;
};

NocTrafficResult run_noc_traffic(const NocParams& network, const NocTrafficParams& traffic);

}  // namespace lumen
