// HBM parameters from a validated platform document: the preset named by /chip/hbm/standard
// (configs/hbm/<standard>.json, built in), with per-key organisation and timing overrides and
// the controller's settings.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"
#include "core/source_map.h"
#include "models/memory/hbm.h"

namespace lumen {

const std::map<std::string, std::string>& hbm_preset_texts();  // standard → file text

// Named address mappings (any explicit field order is accepted too).
std::string resolve_hbm_mapping(const std::string& name);

// `hbm` is /platform/chip/hbm after schema validation.
HbmParams hbm_params_from(const nlohmann::json& hbm);

// Checks what the schema cannot: the address mapping against the organisation, watermarks in
// order, the channel count against the stacks. Empty when the platform has no HBM.
std::vector<Diagnostic> check_hbm(const nlohmann::json& platform, const SourceMap& sources);

}  // namespace lumen
