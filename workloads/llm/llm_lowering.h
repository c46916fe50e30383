// One LLM op (workloads/llm/llm_ops.h) into per-tile command programs: GEMMs through
// lower_gemm_layers, vector kernels through lower_vector_layer. A compressed KV-cache operand is
// laid out by its element type (so blocks and scratchpad buffers are sized for it) and then
// loaded at its stored size: each DMA load of the operand moves ⌈bytes · kv_load_scale⌉.
#pragma once

#include "core/source_map.h"
#include "platforms/chip_params.h"
#include "workloads/llm/llm_ops.h"
#include "workloads/workload.h"

namespace lumen {

// Throws InputError (a scratchpad too small for one block, or a row) naming the platform's
// scratchpad size.
Workload lower_llm_op(const LlmOp& op, const ChipParams& chip, const SourceMap& sources);

}  // namespace lumen
