#include "core/source_map.h"

#include "core/json_pointer_path.h"

namespace lumen {

void SourceMap::record_tree(const nlohmann::json& value, const std::string& pointer,
                            const Origin& origin) {
  origins_[pointer] = origin;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it)
      record_tree(it.value(), pointer_append(pointer, it.key()), origin);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      record_tree(value[i], pointer_append(pointer, i), origin);
  }
}

SourceMap SourceMap::rooted_at(const std::string& prefix) const {
  SourceMap moved;
  for (const auto& [pointer, origin] : origins_) {
    const bool is_override = origin.file.rfind("--set", 0) == 0;
    moved.origins_[prefix + pointer] =
        Origin{origin.file, is_override ? origin.root : prefix + origin.root};
  }
  return moved;
}

void SourceMap::merge(const SourceMap& other) {
  for (const auto& [pointer, origin] : other.origins_) origins_[pointer] = origin;
}

Origin SourceMap::origin_of(const std::string& pointer) const {
  std::string probe = pointer;
  while (true) {
    auto it = origins_.find(probe);
    if (it != origins_.end()) return it->second;
    if (probe.empty()) return Origin{"<input>", ""};
    probe = probe.substr(0, probe.rfind('/'));
  }
}

Diagnostic SourceMap::diagnose(const std::string& pointer, std::string expected, std::string found,
                               std::string hint) const {
  const Origin origin = origin_of(pointer);
  std::string local = pointer;
  if (pointer_within(pointer, origin.root)) local = pointer.substr(origin.root.size());
  return Diagnostic{origin.file, local, std::move(expected), std::move(found), std::move(hint)};
}

}  // namespace lumen
