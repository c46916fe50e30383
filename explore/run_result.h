// Everything a finished run knows, handed from the simulation to the report writers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/stats.h"
#include "core/trace.h"
#include "explore/functional.h"
#include "platforms/chip_params.h"
#include "platforms/instance_names.h"
#include "workloads/workload.h"

namespace lumen {

struct Bottleneck {
  std::string resource;     // "compute", "memory bandwidth", "memory latency", ...
  std::string explanation;  // one sentence for the summary
};

struct RunResult {
  nlohmann::json inputs;   // resolved platform, scenario, their hash, files, overrides
  nlohmann::json metrics;  // flat, units in the names
  nlohmann::json series = nlohmann::json::object();  // curves, e.g. a NoC latency–load sweep
  StatsCollector components;                         // per instance path
  std::string chip_instance = kChipInstance;         // the chip the metrics are derived from
  Bottleneck bottleneck;
  ChipParams chip;
  Workload workload;
  TraceRecorder trace;
  std::vector<FunctionalTensor> tensors;  // functional mode: inputs and outputs
  double wall_s = 0;
  unsigned long long delta_cycles = 0;
  bool complete = true;         // false: stopped by a limit, figures cover the simulated part
  std::string stopped_because;  // why, when not complete
  // Set instead of throwing SimulationStuck by multi-chip runs: an exception thrown after a
  // simulation whose threads are parked mid-message trips AddressSanitizer's view of SystemC's
  // coroutine stacks (a false positive), so the run reports it and the caller exits 3.
  std::string stuck;
};

}  // namespace lumen
