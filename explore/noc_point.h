// Scenario kind "noc": the chip's network on its own under synthetic traffic (a latency–load
// sweep over injection rates), with its closed-form references: zero-load latency for the
// pattern's mean hop count and, for uniform and hotspot traffic, the throughput bound (bisection
// or the one ejection port).
#pragma once

#include "core/config_document.h"
#include "explore/run_point.h"

namespace lumen {

RunResult run_noc_point(const RunRequest& request, const ConfigDocument& run, RunResult result);

// Throughput bound of a rows × cols mesh under uniform random traffic (source included), in
// flits per node per cycle: the tighter bisection cut, and one flit per cycle of injection.
double uniform_bisection_bound(std::uint32_t rows, std::uint32_t cols);

}  // namespace lumen
