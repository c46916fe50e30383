// A compute tile: scratchpad, a load and a store DMA channel, a matrix engine, a vector engine
// and a sync unit,
// run by a command program through the tile's scoreboard. The DMA channels' memory sockets are
// left for the platform to bind (to a memory target, later the NoC).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "models/compute/dma_engine.h"
#include "models/compute/matrix_engine.h"
#include "models/compute/scratchpad.h"
#include "models/compute/sync_engine.h"
#include "models/compute/vector_engine.h"

namespace lumen {

struct TileParams {
  double clock_hz = 1e9;
  bool functional = false;  // engines compute real values on real bytes
  MatrixParams matrix;
  VectorParams vector;
  ScratchpadParams scratchpad;
  DmaParams dma;
};

class Tile : public sc_core::sc_module {
 public:
  Tile(const sc_core::sc_module_name& name, const TileParams& params, BarrierHub& barriers,
       TraceRecorder* trace, const MatrixEngineFactory& make_matrix = tlm_matrix_engine_factory(),
       const VectorEngineFactory& make_vector = tlm_vector_engine_factory());

  // Loads the program and hands each command to its engine (call before sc_start).
  void load(const TileProgram& program, std::uint64_t peak_scratchpad_bytes);

  DmaChannel& load_channel() { return load_; }
  DmaChannel& store_channel() { return store_; }
  const MatrixEngine& matrix() const { return *matrix_; }

  bool finished() const { return controller_.remaining() == 0; }
  sc_core::sc_time finished_at() const { return controller_.last_completion(); }
  std::vector<std::string> pending_states() const;
  void collect(StatsCollector& stats, double total_ns) const;

 private:
  CommandEngine& engine(EngineKind kind);

  TileController controller_;
  Scratchpad scratchpad_;
  DmaChannel load_;
  DmaChannel store_;
  std::unique_ptr<MatrixEngine> matrix_;
  std::unique_ptr<VectorEngine> vector_;
  SyncEngine sync_;
};

}  // namespace lumen
