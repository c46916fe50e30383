// Loading configuration documents: a file may `extends` another (path relative to the file),
// applied as an RFC 7386 merge patch over its base; a run document {"platform", "scenario"}
// composes two such files and takes --set POINTER=VALUE overrides.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/source_map.h"

namespace lumen {

struct ConfigDocument {
  nlohmann::json value;  // fully resolved: `extends` applied and removed
  SourceMap sources;     // pointers relative to this document
};

// Loads a platform or scenario file with its `extends` chain. Throws InputError.
ConfigDocument load_config_file(const std::filesystem::path& path);

// Builds {"platform": ..., "scenario": ...} with sources rooted at /platform and /scenario.
ConfigDocument compose_run_document(const ConfigDocument& platform, const ConfigDocument& scenario);

// Applies "POINTER=VALUE" to a run document: VALUE is parsed as JSON, else taken as a string.
// POINTER must lie under /platform or /scenario. Throws InputError.
void apply_override(ConfigDocument& run, const std::string& assignment);

}  // namespace lumen
