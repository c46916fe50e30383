// Scenario kinds on a multi-chip system (platform `system`): `collective` (an all-reduce,
// all-gather, ... over the fabric, with its α-β-γ closed form), `pingpong` (latency and
// bandwidth against message size between two chips) and `pong` (the game split over the chips:
// frame time and the share spent communicating). A scenario's `compare` list adds systems that
// differ in their fabric's link or topology; all run side by side in the same elaboration and
// the report puts them next to each other (electrical against optical). Each system's figures
// are in report.json's series.fabrics; the first system's are also the run's metrics.
#pragma once

#include <string>

#include "core/config_document.h"
#include "explore/run_point.h"

namespace lumen {

bool is_system_kind(const std::string& kind);

RunResult run_system_point(const RunRequest& request, const ConfigDocument& run, RunResult result);

}  // namespace lumen
