#include "explore/simulate.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include <systemc>

namespace lumen {

SimulationOutcome simulate(const SimulationLimits& limits) {
  using sc_core::sc_time;
  if (limits.max_sim_time_s <= 0 && limits.max_wall_time_s <= 0 && !limits.progress) {
    sc_core::sc_start();
    return {};
  }
  const auto wall_start = std::chrono::steady_clock::now();
  auto last_report = wall_start;
  const sc_time sim_limit = limits.max_sim_time_s > 0
                                ? sc_time(limits.max_sim_time_s, sc_core::SC_SEC)
                                : sc_core::sc_max_time();
  const sc_time slice(10, sc_core::SC_US);
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // initialisation: before it nothing is pending
  while (sc_core::sc_pending_activity()) {
    const sc_time now = sc_core::sc_time_stamp();
    const sc_time to_next = sc_core::sc_time_to_pending_activity();
    if (now >= sim_limit || to_next >= sim_limit - now)
      return {false, fmt::format("--max-sim-time {} (simulated time reached {:.1f} ns)",
                                 limits.max_sim_time_text, sim_limit.to_seconds() * 1e9)};
    // Step past the next pending event: sc_start(t, SC_EXIT_ON_STARVATION) stops short of an
    // event at exactly now + t and does not advance time over an empty window.
    sc_time step = std::max(slice, to_next) + sc_time::from_value(1);
    if (step > sim_limit - now) step = sim_limit - now;
    sc_core::sc_start(step, sc_core::SC_EXIT_ON_STARVATION);
    const auto wall = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(wall - wall_start).count();
    if (limits.max_wall_time_s > 0 && elapsed >= limits.max_wall_time_s &&
        sc_core::sc_pending_activity())
      return {false,
              fmt::format("--max-wall-time {} (after {:.1f} ns of simulated time)",
                          limits.max_wall_time_text, sc_core::sc_time_stamp().to_seconds() * 1e9)};
    if (limits.progress && std::chrono::duration<double>(wall - last_report).count() >= 2.0) {
      std::cerr << fmt::format("  ... {:.3f} us simulated, {:.0f} s wall\n",
                               sc_core::sc_time_stamp().to_seconds() * 1e6, elapsed);
      last_report = wall;
    }
  }
  return {};
}

}  // namespace lumen
