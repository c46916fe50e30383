// Chip-to-chip link presets (configs/links/<name>.json, built in), each naming its public
// source and marked `estimate` where its figures are derived rather than published, and their
// conversion into LinkParams.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "models/io/link_params.h"

namespace lumen {

const std::map<std::string, std::string>& link_preset_texts();  // name → file text

// A preset's (or a config's) link object into LinkParams. Throws std::invalid_argument naming
// the key when a value has the wrong unit or kind.
LinkParams link_params_from(const nlohmann::json& link);

}  // namespace lumen
