// The metrics and bottleneck of an `llm` run, from the figures run_llm_point put in
// result.series["llm"]: the headline case (the first) on the platform's fabric (the first).
//   decode:  tpot_ns, tokens_per_s       prefill: ttft_ns, tokens_per_s (prompt tokens)
//   energy_per_token_pJ, kv_bytes, weight_bytes, roofline_ns and roofline_error_pct,
//   memory_utilization_pct (bytes moved / (chip time · memory path bandwidth)),
//   fabric_share_pct, and for a compressed cache against its bf16 baseline at the same
//   context: kv_bytes_saved, kv_read_saved_pct, decode_speedup, decompression_ns.
// With `published` in the scenario: published_value and published_error_pct.
#pragma once

#include "explore/run_result.h"

namespace lumen {

void derive_llm_metrics(RunResult& result, bool decode);

}  // namespace lumen
