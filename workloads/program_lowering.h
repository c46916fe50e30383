// Explicit command programs from a "program" scenario: each command names its engine op, its
// operands and the ids (indices) of earlier commands it depends on.
#pragma once

#include <nlohmann/json.hpp>

#include "core/source_map.h"
#include "platforms/chip_params.h"
#include "workloads/workload.h"

namespace lumen {

Workload lower_program(const nlohmann::json& scenario, const ChipParams& chip,
                       const SourceMap& sources);

}  // namespace lumen
