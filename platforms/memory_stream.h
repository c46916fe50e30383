// The streaming equivalent of a chip's memory system, for runs too large for the cycle-level
// HBM and the flit-level NoC (LLM inference moves gigabytes per token, one 32 B column access
// at a time would take minutes): one bandwidth-latency server (SimpleMemory) in their place,
//   bandwidth = min(HBM peak · η(standard),  memory ports · NoC link width · NoC clock)
//   latency   = L0(standard) + NoC mean hops tile → memory port · (router + link cycles)
// where η is the sustained fraction of peak and L0 the unloaded read latency that the
// cycle-level model measures for the standard (scenarios/hbm-stream.json and hbm-latency.json on
// configs/default.json with its /chip/hbm/standard set; tests/cli/memory_stream_test.cpp reruns
// them and checks this table within 1 %). A chip without HBM keeps its simple memory (already a
// bandwidth-latency server) and loses only its NoC the same way.
#pragma once

#include <cstdint>
#include <string>

#include "platforms/chip_params.h"

namespace lumen {

struct StreamCalibration {
  double efficiency = 0.85;  // η: sustained sequential-read bandwidth / peak
  double latency_ns = 38;    // L0: one read on an idle HBM
};

// The cycle-level model's figures for a standard (HBM2-2.0 ... HBM3E-9.6); unknown standards get
// the HBM3 figures.
StreamCalibration stream_calibration(const std::string& standard);

// Bytes the memory can hold (HBM: every used channel; a simple memory: its capacity, 0 = no limit).
std::uint64_t memory_capacity_bytes(const ChipParams& chip);

// `chip` with its memory system replaced by the streaming equivalent (no HBM model, no NoC).
ChipParams with_streaming_memory(const ChipParams& chip);

}  // namespace lumen
