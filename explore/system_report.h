// The report of a multi-chip run (kinds collective, pingpong, pong): summary.md with every
// compared fabric side by side, and its pictures (time per fabric, link utilisation, the
// ping-pong curves, the Pong court and one frame's timeline).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "explore/atomic_file.h"
#include "explore/run_result.h"

namespace lumen {

std::string system_markdown(const RunResult& r);
std::vector<PendingFile> system_charts(const RunResult& r, const std::filesystem::path& directory);

}  // namespace lumen
