// Scenario kind `llm`: a decoder-only transformer (scenarios/models/*.json) in prefill or decode
// on a chip or a multi-chip system, with tensor and pipeline parallelism and a KV-cache format.
//
// How a run is built (docs/workloads.md, "LLM inference"):
//  - the model is lowered into ops (workloads/llm/llm_ops.h), one chip's TP share; identical ops
//    (both residual adds, both norms, every case's shared GEMMs) are simulated once;
//  - every distinct op runs as its own Chip in one elaboration: its per-tile command programs on
//    the platform's tiles, with the memory system's streaming equivalent
//    (platforms/memory_stream.h) unless the scenario asks for `memory_model: cycle`. An op's time
//    is its chip's finishing time; ops run one after another on a real chip (a barrier between
//    them), so a layer takes the sum of its ops. All layers of a decoder have the same shapes,
//    so one layer is simulated and counted `layers / pp` times (`simulate: all` lowers each
//    layer to check that equality, tests/cli/llm_test.cpp);
//  - one elaboration holds at most `tiles_per_process` tiles (default 512: SystemC's coroutine
//    stacks take memory mappings, of which a process has 65,530); further ops run in child
//    processes (`lumen llm-ops`), a batch each, and their figures come back as JSON;
//  - tensor parallelism adds two all-reduces of T·d activations per layer, pipeline parallelism
//    one message of them between stages; both run on the platform's fabric model (and on each
//    `compare` fabric) in the same elaboration;
//  - per pipeline stage t_s = layers/pp · (layer + 2·all-reduce) + send (+ head on the last);
//    decode: tpot = max(m, pp) · t_max for m micro-batches, tokens/s = batch / tpot;
//    prefill: ttft = (m + pp − 1) · t_max, tokens/s = batch · prompt / ttft.
#pragma once

#include <string>

#include "core/config_document.h"
#include "explore/run_point.h"

namespace lumen {

inline bool is_llm_kind(const std::string& kind) {
  return kind == "llm";
}

RunResult run_llm_point(const RunRequest& request, const ConfigDocument& run, RunResult result);

}  // namespace lumen
