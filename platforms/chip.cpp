#include "platforms/chip.h"

#include "platforms/instance_names.h"
#include "rtl/transactors/rtl_matrix_engine.h"

namespace lumen {
namespace {
SimpleMemoryParams with_functional(SimpleMemoryParams params, bool functional) {
  params.functional = functional;
  return params;
}
}  // namespace

Chip::Chip(const sc_core::sc_module_name& name, const ChipParams& params, TraceRecorder* trace)
    : sc_core::sc_module(name),
      params_(params),
      memory_(kMemoryInstance, with_functional(params.memory, params.functional)) {
  TileParams tile = params.tile;
  tile.functional = params.functional;
  for (std::uint32_t i = 0; i < params.tiles(); ++i) {
    const std::string tile_name = tile_instance(i);
    tiles_.push_back(std::make_unique<Tile>(tile_name.c_str(), tile, barriers_, trace,
                                            tile.matrix.impl == MatrixImpl::kRtl
                                                ? rtl_matrix_engine_factory()
                                                : tlm_matrix_engine_factory()));
    tiles_.back()->load_channel().memory_socket.bind(memory_.socket);
    tiles_.back()->store_channel().memory_socket.bind(memory_.socket);
  }
}

bool Chip::finished() const {
  for (const auto& tile : tiles_)
    if (!tile->finished()) return false;
  return true;
}

std::vector<std::string> Chip::pending_states() const {
  std::vector<std::string> states;
  for (const auto& tile : tiles_)
    for (auto& state : tile->pending_states()) states.push_back(std::move(state));
  return states;
}

void Chip::collect(StatsCollector& stats, double total_ns) const {
  memory_.collect(stats, total_ns);
  for (const auto& tile : tiles_) tile->collect(stats, total_ns);
}

}  // namespace lumen
