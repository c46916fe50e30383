// The result of lowering a scenario: one command program per tile, and what the lowering
// decided (block sizes, buffering, bytes), which the report shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/compute/tile_program.h"

namespace lumen {

struct LayerPlan {
  std::string name;
  GemmShape shape;
  GemmShape block;  // block of the per-tile GEMM held in the scratchpad at once
  bool double_buffered = false;
  std::uint32_t tiles_used = 0;
  std::uint64_t blocks = 0;  // GEMM commands over all tiles
  std::uint64_t load_bytes = 0, store_bytes = 0;
};

struct Workload {
  std::string kind;
  std::vector<TileProgram> programs;                 // index = tile
  std::vector<std::uint64_t> peak_scratchpad_bytes;  // index = tile
  std::vector<LayerPlan> layers;                     // empty for explicit programs
  std::uint64_t macs = 0;
};

}  // namespace lumen
