// Lowering of a `vector` scenario: one vector kernel over a rows × cols tensor in memory.
//
// Rows are split into contiguous ranges, one per tile (row-wise kernels such as softmax and the
// norms need whole rows on one tile). Inside a tile, blocks of whole rows are sized to fit the
// input (and second operand) plus the result in the scratchpad, twice when double buffering
// fits, else once; a single row that does not fit is an input error. Per block: load X (and Y),
// vector kernel, store the result. Dependencies as in GEMM lowering: a load into a buffer
// after the kernel that last read it, a kernel after the store that last drained its result
// buffer.
#pragma once

#include <nlohmann/json.hpp>

#include "core/source_map.h"
#include "platforms/chip_params.h"
#include "workloads/workload.h"

namespace lumen {

// `scenario` must have passed scenario_schema() validation.
Workload lower_vector_scenario(const nlohmann::json& scenario, const ChipParams& chip,
                               const SourceMap& sources);

}  // namespace lumen
