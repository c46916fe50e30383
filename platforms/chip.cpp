#include "platforms/chip.h"

#include "platforms/instance_names.h"
#include "rtl/transactors/rtl_matrix_engine.h"
#include "rtl/transactors/rtl_vector_engine.h"

namespace lumen {
namespace {
SimpleMemoryParams with_functional(SimpleMemoryParams params, bool functional) {
  params.functional = functional;
  return params;
}
}  // namespace

Chip::Chip(const sc_core::sc_module_name& name, const ChipParams& params, TraceRecorder* trace)
    : sc_core::sc_module(name), params_(params) {
  if (params.has_hbm) {
    HbmParams hbm = params.hbm;
    hbm.functional = params.functional;
    hbm_ = std::make_unique<Hbm>(kMemoryInstance, hbm);
    backdoor_ = hbm_.get();
  } else {
    simple_memory_ = std::make_unique<SimpleMemory>(
        kMemoryInstance, with_functional(params.memory, params.functional));
    backdoor_ = simple_memory_.get();
  }
  if (params.has_noc) {
    layout_ = lumen::noc_layout(params);
    noc_ = std::make_unique<Noc>("noc", params.noc, layout_.terminal_router, layout_.targets);
    const std::uint32_t first_port = layout_.first_memory_terminal();
    for (std::uint32_t j = 0; j < layout_.memory_ports; ++j) {
      if (hbm_)
        noc_->connect_target(hbm_->socket, first_port + j);
      else
        noc_->connect_target(simple_memory_->socket, first_port + j);
    }
  }
  TileParams tile = params.tile;
  tile.functional = params.functional;
  for (std::uint32_t i = 0; i < params.tiles(); ++i) {
    const std::string tile_name = tile_instance(i);
    tiles_.push_back(
        std::make_unique<Tile>(tile_name.c_str(), tile, barriers_, trace,
                               tile.matrix.impl == MatrixImpl::kRtl ? rtl_matrix_engine_factory()
                                                                    : tlm_matrix_engine_factory(),
                               tile.vector.impl == VectorImpl::kRtl ? rtl_vector_engine_factory()
                                                                    : tlm_vector_engine_factory()));
    for (DmaChannel* dma : {&tiles_.back()->load_channel(), &tiles_.back()->store_channel()}) {
      if (noc_)
        noc_->connect_initiator(dma->memory_socket, i);
      else if (hbm_)
        dma->memory_socket.bind(hbm_->socket);
      else
        dma->memory_socket.bind(simple_memory_->socket);
    }
  }
}

bool Chip::finished() const {
  for (const auto& tile : tiles_)
    if (!tile->finished()) return false;
  return true;
}

sc_core::sc_time Chip::finished_at() const {
  sc_core::sc_time latest = sc_core::SC_ZERO_TIME;
  for (const auto& tile : tiles_) latest = std::max(latest, tile->finished_at());
  return latest;
}

std::vector<std::string> Chip::pending_states() const {
  std::vector<std::string> states;
  for (const auto& tile : tiles_)
    for (auto& state : tile->pending_states()) states.push_back(std::move(state));
  return states;
}

void Chip::collect(StatsCollector& stats, double total_ns) const {
  if (hbm_)
    hbm_->collect(stats, total_ns);
  else
    simple_memory_->collect(stats, total_ns);
  if (noc_) noc_->collect(stats, total_ns, layout_.terminal_names);
  for (const auto& tile : tiles_) tile->collect(stats, total_ns);
}

}  // namespace lumen
