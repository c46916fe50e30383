// The platform's memory on its own, driven by a traffic generator (scenario kind "memory"):
// the chip's HBM (or simple memory) with the same instance names as in the whole chip, so the
// report reads the same statistics.
#pragma once

#include <memory>

#include <systemc>

#include "models/memory/hbm.h"
#include "models/memory/simple_memory.h"
#include "models/memory/traffic_generator.h"
#include "platforms/chip_params.h"

namespace lumen {

class MemoryTestbench : public sc_core::sc_module {
 public:
  MemoryTestbench(const sc_core::sc_module_name& name, const ChipParams& chip,
                  TrafficParams traffic);

  bool finished() const { return traffic_->finished(); }
  const Hbm* hbm() const { return hbm_.get(); }
  void collect(StatsCollector& stats, double total_ns) const;

  // What a pattern may address: the HBM's capacity, or 1 GiB of a simple memory.
  static std::uint64_t capacity_bytes(const ChipParams& chip);

 private:
  std::unique_ptr<Hbm> hbm_;
  std::unique_ptr<SimpleMemory> simple_;
  std::unique_ptr<TrafficGenerator> traffic_;
};

}  // namespace lumen
