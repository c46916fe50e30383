#include "workloads/llm/llm_lowering.h"

#include <cmath>

namespace lumen {

Workload lower_llm_op(const LlmOp& op, const ChipParams& chip, const SourceMap& sources) {
  Workload workload = op.is_gemm ? lower_gemm_layers({op.gemm}, chip, sources)
                                 : lower_vector_layer(op.vector, chip, sources);
  workload.kind = "llm";
  if (!op.kv_operand || op.kv_load_scale == 1.0) return workload;
  // The cache is tensor 1 of a GEMM (its B operand: K or V) and tensor 0 of the dequantize pass.
  const std::int32_t cache = op.is_gemm ? 1 : 0;
  for (TileProgram& program : workload.programs)
    for (Command& c : program.commands)
      if (c.op == Opcode::kDmaLoad && c.region.tensor == cache)
        c.bytes =
            static_cast<std::uint64_t>(std::ceil(static_cast<double>(c.bytes) * op.kv_load_scale));
  return workload;
}

}  // namespace lumen
