// A sweep's results: results.json and results.csv (a row per point: axes, status, error and
// every metric), summary.md (the best point per objective, the Pareto front, failures) and a
// self-contained report.html (a chart per metric against each axis, the Pareto front of the
// first two objectives with the dominated and rejected points grey, a sortable table). All are
// rewritten atomically from the journal, so an interrupted sweep's files are whole too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <vector>

#include <nlohmann/json.hpp>

#include "explore/sweep_spec.h"

namespace lumen {

// Ids of the points (status ok) no other ok point dominates on the objectives.
std::vector<std::uint32_t> pareto_front(const std::vector<SweepObjective>& objectives,
                                        const std::map<std::uint32_t, nlohmann::json>& records);

void write_sweep_results(const SweepSpec& spec, const std::filesystem::path& out,
                         const std::map<std::uint32_t, nlohmann::json>& records);

}  // namespace lumen
