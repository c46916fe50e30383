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

#include <string>

#include "core/source_map.h"
#include "models/compute/vector_ops.h"
#include "platforms/chip_params.h"
#include "workloads/workload.h"

namespace lumen {

struct VectorLayer {
  std::string name;
  VectorKernel kernel = VectorKernel::kResidualAdd;
  std::uint64_t rows = 1, cols = 1;
  DType in = DType::kBf16, out = DType::kBf16;
  bool second = false;  // reads a second operand tensor
};

// One kernel over a rows × cols tensor. Throws InputError (/platform/chip/tile/scratchpad/size)
// when one row does not fit.
Workload lower_vector_layer(const VectorLayer& layer, const ChipParams& chip,
                            const SourceMap& sources);

// `scenario` must have passed scenario_schema() validation.
Workload lower_vector_scenario(const nlohmann::json& scenario, const ChipParams& chip,
                               const SourceMap& sources);

}  // namespace lumen
