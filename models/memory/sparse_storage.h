// Functional-mode contents of a large memory: 4 KiB pages created on first write; bytes never
// written read as 0. Shared by every memory target.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

namespace lumen {

class SparseStorage {
 public:
  void write(std::uint64_t address, const unsigned char* data, std::uint64_t len) {
    for (std::uint64_t i = 0; i < len;) {
      const std::uint64_t page = (address + i) / kPageBytes, offset = (address + i) % kPageBytes;
      const std::uint64_t n = std::min(len - i, kPageBytes - offset);
      auto& bytes = pages_[page];
      if (bytes.empty()) bytes.assign(kPageBytes, 0);
      std::copy(data + i, data + i + n, bytes.begin() + static_cast<std::ptrdiff_t>(offset));
      i += n;
    }
  }
  void read(std::uint64_t address, unsigned char* data, std::uint64_t len) const {
    for (std::uint64_t i = 0; i < len;) {
      const std::uint64_t page = (address + i) / kPageBytes, offset = (address + i) % kPageBytes;
      const std::uint64_t n = std::min(len - i, kPageBytes - offset);
      const auto it = pages_.find(page);
      if (it == pages_.end())
        std::fill(data + i, data + i + n, 0);
      else
        std::copy(it->second.begin() + static_cast<std::ptrdiff_t>(offset),
                  it->second.begin() + static_cast<std::ptrdiff_t>(offset + n), data + i);
      i += n;
    }
  }

 private:
  static constexpr std::uint64_t kPageBytes = 4096;
  std::map<std::uint64_t, std::vector<unsigned char>> pages_;
};

// What functional mode needs of a memory target: host access without time or statistics.
class MemoryBackdoor {
 public:
  virtual ~MemoryBackdoor() = default;
  virtual void write_backdoor(std::uint64_t address, const unsigned char* data,
                              std::uint64_t len) = 0;
  virtual void read_backdoor(std::uint64_t address, unsigned char* data,
                             std::uint64_t len) const = 0;
};

}  // namespace lumen
