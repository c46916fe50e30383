// Whole-run metrics and the bottleneck, derived from the per-component statistics.
#pragma once

#include "explore/run_result.h"

namespace lumen {

// Fills result.metrics and result.bottleneck from result.components, chip and workload.
void derive_metrics(RunResult& result, double total_ns);

}  // namespace lumen
