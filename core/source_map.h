// Where each value of a composed document came from. A run document is built from a platform
// file, a scenario file, the files they extend, and --set overrides; a diagnostic about any
// pointer must name the file (or override) that supplied that value, and the pointer inside it.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/diagnostics.h"

namespace lumen {

struct Origin {
  std::string file;  // file path, or "--set POINTER=VALUE"
  std::string root;  // pointer of the file's root inside the composed document
};

class SourceMap {
 public:
  // Records `origin` for `pointer` and every node below it in `value` (later records win).
  void record_tree(const nlohmann::json& value, const std::string& pointer, const Origin& origin);
  void record(const std::string& pointer, const Origin& origin) { origins_[pointer] = origin; }

  // Moves every record under `prefix` (used when a file becomes /platform of a run document).
  SourceMap rooted_at(const std::string& prefix) const;
  void merge(const SourceMap& other);

  // The origin of the deepest recorded pointer that contains `pointer`.
  Origin origin_of(const std::string& pointer) const;

  // A diagnostic naming the file and the pointer inside it.
  Diagnostic diagnose(const std::string& pointer, std::string expected, std::string found,
                      std::string hint = "") const;

 private:
  std::map<std::string, Origin> origins_;
};

}  // namespace lumen
