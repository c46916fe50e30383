// One point: load and validate the inputs, build the chip, lower the scenario, simulate, and
// collect the results. SystemC allows one elaboration per process, so a process runs one point.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/config_document.h"
#include "explore/run_result.h"
#include "explore/simulate.h"

namespace lumen {

struct RunRequest {
  std::filesystem::path platform;
  std::filesystem::path scenario;
  std::vector<std::string> overrides;  // "POINTER=VALUE"
  bool trace = false;
  SimulationLimits limits;  // --max-sim-time, --max-wall-time, progress
  unsigned jobs = 0;        // child processes at once (an LLM run's op batches); 0: the cores
  // `lumen llm-ops` (a child of an LLM run too large for one elaboration): simulate only the
  // distinct ops [llm_ops_first, llm_ops_first + llm_ops_count) and write their figures here.
  std::size_t llm_ops_first = 0, llm_ops_count = 0;
  std::filesystem::path llm_ops_out;

  // A plain run: no trace, no limits.
  static RunRequest of(std::filesystem::path platform, std::filesystem::path scenario,
                       std::vector<std::string> overrides) {
    RunRequest request;
    request.platform = std::move(platform);
    request.scenario = std::move(scenario);
    request.overrides = std::move(overrides);
    return request;
  }
};

// The simulation ran out of events with commands left: a deadlock (exit code 3).
class SimulationStuck : public std::runtime_error {
 public:
  explicit SimulationStuck(std::vector<std::string> states);
  // `headline` says why (e.g. a link down with no other route), the states what was left.
  SimulationStuck(const std::string& headline, std::vector<std::string> states);
  const std::vector<std::string>& states() const { return states_; }

 private:
  std::vector<std::string> states_;
};

// Loads, composes, overrides and validates; throws InputError listing every problem.
ConfigDocument load_run_document(const RunRequest& request);

// Validates one platform, scenario, sweep or roadmap file (told apart by their keys: "kind",
// "axes", "stages").
std::vector<Diagnostic> validate_file(const std::filesystem::path& path);

// The report's `inputs`: the resolved platform and scenario, their hash, files and overrides.
nlohmann::json run_inputs(const RunRequest& request, const ConfigDocument& run);

// Runs the point. Throws InputError (bad input) or SimulationStuck (deadlock); a multi-chip run
// reports being stuck in RunResult::stuck instead.
RunResult run_point(const RunRequest& request);

}  // namespace lumen
