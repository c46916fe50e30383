// The run's outputs: report.json (inputs, metrics, components, run), summary.md (for people,
// naming the bottleneck) and, when asked, trace.json (Chrome/Perfetto timeline).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "explore/run_result.h"

namespace lumen {

nlohmann::json report_json(const RunResult& result);
std::string summary_markdown(const RunResult& result);
nlohmann::json chrome_trace(const TraceRecorder& trace);

// Writes the files atomically into `directory`; returns the path of report.json.
std::filesystem::path write_report(const RunResult& result, const std::filesystem::path& directory,
                                   bool with_trace);

}  // namespace lumen
