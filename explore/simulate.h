// Runs the elaborated SystemC model to the end, or until a limit: simulated time
// (--max-sim-time) or wall-clock time (--max-wall-time). A run stopped by a limit is partial:
// its report is written and marked so (report.json run.complete = false, exit code 4).
// Long runs print progress to stderr.
#pragma once

#include <string>

namespace lumen {

struct SimulationLimits {
  double max_sim_time_s = 0;   // 0 = none
  double max_wall_time_s = 0;  // 0 = none
  bool progress = false;       // a line on stderr every few seconds of wall time
  std::string max_sim_time_text, max_wall_time_text;  // as the user wrote them, for messages
};

struct SimulationOutcome {
  bool complete = true;
  std::string stopped_because;  // when not complete: which limit, at what time
};

SimulationOutcome simulate(const SimulationLimits& limits);

}  // namespace lumen
