// The report of an `llm` run: summary.md with the headline (time per token or to first token,
// tokens/s, energy per token, the bottleneck), every case side by side, what KV-cache
// compression buys, the fabric's share, one step op by op with what bounds each, the roofline
// check and the published comparison; pictures of the time per op and tokens/s per case.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "explore/atomic_file.h"
#include "explore/run_result.h"

namespace lumen {

std::string llm_markdown(const RunResult& r);
std::vector<PendingFile> llm_charts(const RunResult& r, const std::filesystem::path& directory);

}  // namespace lumen
