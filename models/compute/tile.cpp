#include "models/compute/tile.h"

namespace lumen {
namespace {
template <typename Params>
Params with_functional(Params params, bool functional) {
  params.functional = functional;
  return params;
}
}  // namespace

Tile::Tile(const sc_core::sc_module_name& name, const TileParams& params, BarrierHub& barriers,
           TraceRecorder* trace, const MatrixEngineFactory& make_matrix,
           const VectorEngineFactory& make_vector)
    : sc_core::sc_module(name),
      scratchpad_("scratchpad", with_functional(params.scratchpad, params.functional),
                  params.clock_hz),
      load_("dma_load", DmaDirection::kLoad, with_functional(params.dma, params.functional),
            controller_, trace),
      store_("dma_store", DmaDirection::kStore, with_functional(params.dma, params.functional),
             controller_, trace),
      sync_("sync", barriers, controller_, trace) {
  load_.scratchpad_socket.bind(scratchpad_.socket);
  store_.scratchpad_socket.bind(scratchpad_.socket);
  matrix_ =
      make_matrix("matrix", params.matrix, params.clock_hz, params.functional, controller_, trace);
  matrix_->scratchpad_socket.bind(scratchpad_.socket);
  vector_ =
      make_vector("vector", params.vector, params.clock_hz, params.functional, controller_, trace);
  vector_->scratchpad_socket.bind(scratchpad_.socket);
}

CommandEngine& Tile::engine(EngineKind kind) {
  switch (kind) {
    case EngineKind::kDmaLoad:
      return load_;
    case EngineKind::kDmaStore:
      return store_;
    case EngineKind::kMatrix:
      return *matrix_;
    case EngineKind::kVector:
      return *vector_;
    case EngineKind::kSync:
      return sync_;
  }
  return sync_;
}

void Tile::load(const TileProgram& program, std::uint64_t peak_scratchpad_bytes) {
  controller_.load(program);
  scratchpad_.set_peak_allocation(peak_scratchpad_bytes);
  for (const Command& command : controller_.program().commands)
    engine(engine_for(command.op)).enqueue(&command);
}

std::vector<std::string> Tile::pending_states() const {
  std::vector<std::string> states;
  for (const CommandEngine* e :
       {static_cast<const CommandEngine*>(&load_), static_cast<const CommandEngine*>(&store_),
        static_cast<const CommandEngine*>(matrix_.get()),
        static_cast<const CommandEngine*>(vector_.get()),
        static_cast<const CommandEngine*>(&sync_)}) {
    std::string state = e->pending_state();
    if (!state.empty()) states.push_back(std::move(state));
  }
  return states;
}

void Tile::collect(StatsCollector& stats, double total_ns) const {
  scratchpad_.collect(stats, total_ns);
  load_.collect(stats, total_ns);
  store_.collect(stats, total_ns);
  matrix_->collect(stats, total_ns);
  vector_->collect(stats, total_ns);
  sync_.collect(stats, total_ns);
}

}  // namespace lumen
