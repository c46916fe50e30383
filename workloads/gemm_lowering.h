// Lowering of GEMM layers C[M×N] = A[M×K]·B[K×N] onto a chip's tiles.
//
// Split across tiles (choose_partition): M, N and K are cut into contiguous ranges of whole
// array folds; the partition minimises an estimate of the layer's time (the largest share's
// time as its blocking runs it, gemm_blocking.h; the shared memory bandwidth, taken at the 80 %
// that many DMA streams sustain, for the operands each tile loads; and the reduction). A 2-D
// output split has each tile compute a block of C; a K-split has each tile compute fp32 partial
// sums of a K slice, stored to memory; after a chip-wide barrier the tiles of each output block
// sum their share of the partial blocks on the vector unit and store C (split-K with a
// workspace, as GPU GEMM libraries do).
//
// Blocking inside a tile: gemm_blocking.h (block shape, buffers and loop order, chosen by
// estimated time).
//
// Program per tile, for block i of output block j: load A_i, load B_i (skipped when the same
// block is already resident), gemm_i, then after its last K block the optional epilogue (an
// elementwise vector kernel run in place on the C block in the scratchpad: the activation is
// fused, it never goes back to memory) and the store of C_j. Dependencies: gemm_i after its
// loads; a load into a buffer after the gemm that last read it; the first gemm into a C buffer
// after the store that last drained it. Layers follow each other; with more than one tile, a
// barrier separates them. Every block a tile moves has its own memory range
// (AddressAllocator) and a TensorRegion, so functional mode knows where each value lives.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/source_map.h"
#include "models/compute/dtype.h"
#include "platforms/chip_params.h"
#include "workloads/workload.h"

namespace lumen {

// How a layer is spread over the tiles: `auto` picks the partition with the best estimated
// time; `output` splits M and N only (output-stationary 2-D split, every tile owns a block of C);
// `k` splits K only (each tile a slice of K, then a reduction); `columns` splits only the array's
// column dimension (Lumen's first lowering).
enum class GemmSplit { kAuto, kOutput, kK, kColumns };

struct GemmLayer {
  std::string name;
  GemmShape shape;
  std::string pointer = "/scenario";     // where the layer is defined, for diagnostics
  DType dtype = DType::kBf16;            // A (activations)
  DType weight_dtype = DType::kBf16;     // B (weights): int4 weights with bf16 activations...
  DType out_dtype = DType::kBf16;        // C
  std::optional<VectorKernel> epilogue;  // elementwise kernels only (relu, gelu, silu)
  GemmSplit split = GemmSplit::kAuto;
  std::uint64_t batch = 1;  // independent GEMMs of this shape (attention heads, experts...)
};

// The partition of a layer over the tiles: batch items dealt to `b` groups of tiles in turn
// (item i to group i mod b); in a group, M, N and K each cut `m`, `n`, `k` ways into contiguous
// ranges of whole array folds (or rows of the streamed dimension). Tile
// g·(m·n·k) + (i·n + j)·k + kk computes C[i-th M range, j-th N range] over the kk-th K range of
// group g's items. A batch is stacked in its tensors: A is (batch·M)×K, B (batch·K)×N, C
// (batch·M)×N. K-splits are for single GEMMs (batch 1).
GemmPartition choose_partition(const GemmLayer& layer, const ChipParams& chip);

// A layer of `dtype` operands and outputs, no epilogue.
inline GemmLayer make_gemm_layer(std::string name, GemmShape shape, DType dtype) {
  GemmLayer layer;
  layer.name = std::move(name);
  layer.shape = shape;
  layer.dtype = layer.weight_dtype = layer.out_dtype = dtype;
  return layer;
}

// The fraction of the shared memory path's ceiling (HBM peak, NoC memory ports) that the
// partition and blocking estimates count on when many tiles stream at once. A ranking constant
// taken from Lumen's own models, not a model parameter: HBM streaming sustains 84.6 % of peak
// (docs/models/hbm.md), and the memory ports run about 80 % busy when they bound a 16-tile GEMM
// (Chips.SharedMemoryPathSustainsWhatThePartitionCountsOn checks both).
inline constexpr double kSustainedSharedFraction = 0.8;

// A layer lowering to more GEMM blocks than this on one tile is refused: its program would not
// fit in memory. (A larger scratchpad gives larger blocks.)
inline constexpr std::uint64_t kMaxGemmBlocksPerTile = 2'000'000;

// Throws InputError (pointer /platform/chip/tile/scratchpad/size) when one fold does not fit.
// `sources` locates the scratchpad size for that message.
Workload lower_gemm_layers(const std::vector<GemmLayer>& layers, const ChipParams& chip,
                           const SourceMap& sources);

}  // namespace lumen
