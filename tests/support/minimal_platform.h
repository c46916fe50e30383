// The smallest valid platform, shared by tests that break it one key at a time.
#pragma once

namespace lumen::test {

inline constexpr const char* kMinimalPlatform = R"({
  "name": "t",
  "chip": {
    "clock": "1 GHz",
    "tiles": {"rows": 1, "cols": 1},
    "tile": {
      "matrix": {"rows": 8, "cols": 8, "dataflow": "ws"},
      "scratchpad": {"size": "64 KiB"},
      "dma": {"burst": "1 KiB", "bandwidth": "16 GB/s"}
    },
    "memory": {"kind": "ideal"}
  }
})";

}  // namespace lumen::test
