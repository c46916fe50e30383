// The result of lowering a scenario: one command program per tile, the tensors the programs
// move (for functional mode), and what the lowering decided (block sizes, buffering, bytes),
// which the report shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/compute/tile_program.h"

namespace lumen {

struct GemmPartition {
  std::uint32_t m = 1, n = 1, k = 1;
  std::uint32_t b = 1;  // groups of tiles that take batch items in turn
  std::uint32_t tiles() const { return b * m * n * k; }
};

struct LayerPlan {
  std::string name;
  std::string op = "gemm";  // "gemm" or a vector kernel name
  std::string epilogue;     // vector kernel fused after the GEMM, or empty
  GemmShape shape;          // vector kernels: m = rows, n = cols, k = 1
  std::uint64_t batch = 1;  // independent GEMMs of this shape
  GemmShape block;          // block of the per-tile work held in the scratchpad at once
  DType dtype = DType::kBf16, weight_dtype = DType::kBf16, out_dtype = DType::kBf16;
  bool double_buffered = false;
  std::string loop_order = "mnk";  // GEMM block loops, outermost first: "mnk" or "nmk"
  std::uint32_t tiles_used = 0;
  GemmPartition partition;   // GEMM layers
  std::uint64_t blocks = 0;  // GEMM (or vector) commands over all tiles
  std::uint64_t load_bytes = 0, store_bytes = 0;
  double estimated_ns = 0;  // GEMM layers: the partition's estimate that chose this plan
};

// A tensor in memory, addressed by DMA command regions. Functional mode fills the inputs with
// seeded random values (rotary tables with cos/sin) and reads the outputs back.
enum class TensorRole { kInput, kRotaryTable, kOutput };

struct TensorInfo {
  std::string name;
  std::uint64_t rows = 0, cols = 0;
  DType dtype = DType::kBf16;
  TensorRole role = TensorRole::kInput;
};

struct Workload {
  std::string kind;
  std::vector<TileProgram> programs;                 // index = tile
  std::vector<std::uint64_t> peak_scratchpad_bytes;  // index = tile
  std::vector<LayerPlan> layers;                     // empty for explicit programs
  std::vector<TensorInfo> tensors;                   // empty for explicit programs
  std::uint64_t macs = 0;
};

// Hands out memory addresses: every block a tile moves gets its own range, so functional mode
// can place each block's bytes where its DMA command finds them.
class AddressAllocator {
 public:
  std::uint64_t allocate(std::uint64_t bytes) {
    const std::uint64_t address = next_;
    next_ += (bytes + kAlign - 1) / kAlign * kAlign;
    return address;
  }

 private:
  static constexpr std::uint64_t kAlign = 64;
  std::uint64_t next_ = 0;
};

}  // namespace lumen
