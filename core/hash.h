// Content hash of resolved inputs (FNV-1a, 64 bit): identifies a run's inputs in reports and
// sweeps. Not cryptographic; collisions only matter between points of one study.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace lumen {

inline std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

inline std::string fnv1a64_hex(std::string_view text) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(fnv1a64(text)));
  return buffer;
}

}  // namespace lumen
