// Where the tiles and memory ports sit on a chip's network, and which port serves which address.
//
// Mesh: the routers form the tile grid (tile t at router t, row-major). HBM stacks alternate
// between the west and east edges (stack 0 west, 1 east, 2 west, ...); each stack has
// `memory_ports_per_stack` ports spread down its edge, and port j of a stack serves an equal,
// contiguous share of its channels. A simple memory has one port, at the west end of row 0.
// Crossbar: everything on the one router.
// Address → port follows the HBM's own channel interleave: channel = address / granule mod
// channels, so every piece of a transaction enters the port whose channels hold its bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "core/source_map.h"
#include "models/interconnect/noc_target_map.h"
#include "platforms/chip_params.h"

namespace lumen {

struct NocLayout {
  std::vector<std::uint32_t> terminal_router;  // tiles first, then memory ports
  std::vector<std::string> terminal_names;     // "tile3", "memory.port1"
  std::uint32_t memory_ports = 1;
  NocTargetMap targets;
  std::uint32_t first_memory_terminal() const {
    return static_cast<std::uint32_t>(terminal_router.size()) - memory_ports;
  }
};

// /platform/chip/noc (validated) into NocParams for a chip of `rows` × `cols` tiles.
NocParams noc_params_from(const nlohmann::json& noc, const ChipParams& chip);

NocLayout noc_layout(const ChipParams& chip);

// What the schema cannot check: channels that divide into the ports, an HBM mapping the network
// can route (channel interleaved by granule), packets that fit a buffer in packet granularity.
std::vector<Diagnostic> check_noc(const nlohmann::json& platform, const SourceMap& sources);

}  // namespace lumen
