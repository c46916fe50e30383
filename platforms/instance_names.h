// SystemC instance names of a built platform. The builder names modules with these and the
// report reads statistics by them, so the two cannot drift apart.
#pragma once

#include <cstddef>
#include <string>

namespace lumen {

inline constexpr const char* kChipInstance = "chip0";
inline constexpr const char* kMemoryInstance = "memory";

inline std::string tile_instance(std::size_t index) {
  return "tile" + std::to_string(index);
}

// Full paths, as they appear in report.json's components (of `chip`: a single-chip run's is
// kChipInstance; an LLM run has one chip per op).
inline std::string tile_path(std::size_t index, const std::string& chip = kChipInstance) {
  return chip + "." + tile_instance(index);
}
inline std::string memory_path(const std::string& chip = kChipInstance) {
  return chip + "." + kMemoryInstance;
}

}  // namespace lumen
