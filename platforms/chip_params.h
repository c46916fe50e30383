// Typed parameters of a chip, built from a validated platform document. This is the only place
// that turns platform JSON into model parameters.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/compute/tile.h"
#include "models/interconnect/noc_params.h"
#include "models/memory/hbm.h"
#include "models/memory/simple_memory.h"
#include "platforms/energy_params.h"

namespace lumen {

struct ChipParams {
  std::string name;
  double clock_hz = 1e9;
  std::uint32_t tile_rows = 1, tile_cols = 1;
  TileParams tile;
  SimpleMemoryParams memory;  // when has_hbm is false
  bool has_hbm = false;
  HbmParams hbm;
  bool has_noc = false;  // without it the tiles reach memory directly (an ideal interconnect)
  NocParams noc;
  std::uint32_t memory_ports_per_stack = 4;
  EnergyParams energy;
  AreaParams area;
  bool functional = false;  // set from the scenario's mode, not the platform
  std::uint32_t tiles() const { return tile_rows * tile_cols; }
};

// `platform` must already have passed platform_schema() validation.
ChipParams chip_params_from(const nlohmann::json& platform);

}  // namespace lumen
