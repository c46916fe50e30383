// A chip: a grid of tiles sharing one memory target (HBM, or a simple fixed-latency memory),
// reached through the on-chip network when the chip has one (platforms/noc_layout.h places the
// tiles and memory ports on it) or directly through the memory's multi-port socket, and chip-wide
// barriers. Built from ChipParams; programs come from workloads/.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "models/compute/tile.h"
#include "models/interconnect/noc.h"
#include "models/memory/simple_memory.h"
#include "platforms/chip_params.h"
#include "platforms/noc_layout.h"

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
  const Noc* noc() const { return noc_.get(); }
  const NocLayout& noc_layout() const { return layout_; }

  bool finished() const;
  // When the last tile completed its last command (several chips can share one simulation).
  sc_core::sc_time finished_at() const;
  std::vector<std::string> pending_states() const;
  void collect(StatsCollector& stats, double total_ns) const;

 private:
  ChipParams params_;
  BarrierHub barriers_;
  std::unique_ptr<SimpleMemory> simple_memory_;
  std::unique_ptr<Hbm> hbm_;
  MemoryBackdoor* backdoor_ = nullptr;
  std::vector<std::unique_ptr<Tile>> tiles_;
  NocLayout layout_;
  std::unique_ptr<Noc> noc_;
};

}  // namespace lumen
