// The network section of a chip run's report: a heat map of link utilisation (SVG, one box per
// router, each link drawn in its direction and coloured by how busy it was) and the same figures
// as a table in summary.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "explore/atomic_file.h"
#include "explore/run_result.h"

namespace lumen {

std::string noc_markdown(const RunResult& r);
std::vector<PendingFile> noc_charts(const RunResult& r, const std::filesystem::path& directory);

// Scenario kind "noc": the latency–load sweep as a table and a curve.
std::string noc_sweep_markdown(const RunResult& r);
std::vector<PendingFile> noc_sweep_charts(const RunResult& r,
                                          const std::filesystem::path& directory);

}  // namespace lumen
