// A multi-chip system from a validated platform document: `system.chips` chips, each the
// platform's `chip`, joined by `system.fabric`. The fabric's link is a built-in preset
// (configs/links/<name>.json) named by a string, or an object: its own keys over the preset
// named by its "preset" key, if any. This is the only place that turns system JSON into
// FabricParams; it also checks what the schema cannot (the torus against the chip count, an OCS
// on an electrical link, more neighbours than channels) and reports it with its JSON pointer.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/source_map.h"
#include "models/io/fabric_params.h"
#include "platforms/chip_params.h"

namespace lumen {

struct SystemParams {
  ChipParams chip;
  FabricParams fabric;
  std::string link_name;  // the preset's name, or "custom"
  std::string link_source;
  bool link_estimate = false;
};

// Throws InputError naming /platform/system/... for what the schema cannot check.
SystemParams system_params_from(const nlohmann::json& platform, const SourceMap& sources);

// `link` as in /platform/system/fabric/link: a preset name or an object; `pointer` names it.
// Throws InputError for an unknown preset or a value of the wrong unit.
nlohmann::json resolve_link_json(const nlohmann::json& link, const std::string& pointer,
                                 const SourceMap& sources);

// How fast the chip reduces (adds) received data into its own: its vector units over all tiles
// (the vector unit's own cycle equation for a residual add of `dtype`) or its memory (read two
// operands, write one: peak / 3), whichever is slower. Bytes of the reduced buffer per second.
double chip_reduce_Bps(const ChipParams& chip, DType dtype);

}  // namespace lumen
