// Whole-run metrics and the bottleneck, derived from the per-component statistics.
#pragma once

#include "explore/run_result.h"

namespace lumen {

// Fills result.metrics and result.bottleneck from result.components, chip and workload.
void derive_metrics(RunResult& result, double total_ns);
// Scenario kind "memory": bandwidth, efficiency and latency of the memory on its own.
void derive_memory_metrics(RunResult& result, double total_ns);
// The hbm_* metrics, for any run on a platform with HBM.
void add_hbm_metrics(RunResult& result, double total_ns);

}  // namespace lumen
