// A chip: a grid of tiles sharing one memory target (HBM, or a simple fixed-latency memory)
// through its multi-port socket (the NoC comes later), and chip-wide barriers. Built from
// ChipParams; programs come from workloads/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "models/compute/tile.h"
#include "models/memory/simple_memory.h"
#include "platforms/chip_params.h"

namespace lumen {

class Chip : public sc_core::sc_module {
 public:
  Chip(const sc_core::sc_module_name& name, const ChipParams& params, TraceRecorder* trace);

  const ChipParams& params() const { return params_; }
  std::size_t tile_count() const { return tiles_.size(); }
  Tile& tile(std::size_t index) { return *tiles_.at(index); }
  const Tile& tile(std::size_t index) const { return *tiles_.at(index); }
  MemoryBackdoor& memory() { return *backdoor_; }
  const Hbm* hbm() const { return hbm_.get(); }

  bool finished() const;
  std::vector<std::string> pending_states() const;
  void collect(StatsCollector& stats, double total_ns) const;

 private:
  ChipParams params_;
  BarrierHub barriers_;
  std::unique_ptr<SimpleMemory> simple_memory_;
  std::unique_ptr<Hbm> hbm_;
  MemoryBackdoor* backdoor_ = nullptr;
  std::vector<std::unique_ptr<Tile>> tiles_;
};

}  // namespace lumen
