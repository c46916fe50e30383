// Entry point of workloads/: turns a validated scenario document into tile programs for a chip.
// Kinds: "gemm" (one layer), "network" (layers one after another, like a SCALE-Sim topology),
// "program" (explicit per-tile command programs, for micro-benchmarks and model checks).
#pragma once

#include <nlohmann/json.hpp>

#include "core/source_map.h"
#include "platforms/chip_params.h"
#include "workloads/workload.h"

namespace lumen {

// `scenario` sits at /scenario of the run document that `sources` describes. Throws InputError.
Workload lower_scenario(const nlohmann::json& scenario, const ChipParams& chip,
                        const SourceMap& sources);

}  // namespace lumen
