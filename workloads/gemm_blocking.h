// Blocking of one tile's share of a GEMM in its scratchpad: the block shape, single or double
// buffering, and the order of the two output loops. A small mapper in the manner of Timeloop:
// it enumerates the candidates and keeps the one with the least estimated time.
//
// A block holds A (bm×bk), B (bk×bn) and the C accumulators (bm×bn, 32-bit); `buffers` copies
// of each must fit the scratchpad. Candidates, in the array's terms (rows, columns, streamed;
// systolic_timing.h): each folded dimension halved in whole array folds, the streamed dimension
// halved in whole rows, 1 or 2 buffers, and either output loop outside.
//
// Estimate of a candidate, in cycles of the tile's clock (only used to rank candidates):
//   compute = Σ over blocks of systolic_cycles(block)     (edge blocks counted at their size)
//   loads   = A bytes · (nb, or 1 when kb = 1 and M is the outer loop)
//           + B bytes · (mb, or 1 when kb = 1 and N is the outer loop)
//             (a block is reloaded unless it is the one already resident: with a single K
//             block the inner loop reuses the outer loop's operand; with nb = 1 or mb = 1 the
//             inner operand is reused too)
//   dma     = max(loads / channel, stores / channel, (loads + stores) / shared)   bytes/cycle
//   double buffered:  max(compute, dma, loads / min(channel, shared) + blocks · L) + exposed
//                     (loads and stores hide behind the array, but two buffers prefetch only
//                     one block ahead, so each block's loads wait out the load latency L once;
//                     the first block's loads and the last block's store are exposed:
//                     exposed = (A + B + C bytes of one block) / min(channel, shared) + 2 L)
//   single buffered:  compute + dma + 2 L · blocks   (each block waits for its own loads)
//   L = DMA setup + the memory's unloaded latency (+ the NoC's round trip), in cycles
// When a double-buffered block fits with the streamed dimension whole, only such blocks are
// ranked: the array then runs exactly the unsplit layer's cycles (the sum of its folds), so the
// SCALE-Sim check holds for any scratchpad that fits one. Otherwise every candidate is, and the
// streamed dimension is split where that buys double buffering (it costs a fill and drain per
// fold, which the estimate sees). Each candidate is ranked as it will run: a double-buffered block
// is first cut along the array's row dimension (K for ws/is, M for os), in whole folds, into at
// least 8 blocks where the folds allow, so that loads and stores overlap the array with a short
// prologue (the cut may cost an operand its reuse, which the estimate then sees). The least
// estimate wins; within 2 % of it (as close as the estimate can tell; the partition uses the same
// band), fewer bytes loaded, then fewer blocks.
#pragma once

#include <cstdint>
#include <optional>

#include "models/compute/dtype.h"
#include "models/compute/matrix_engine.h"

namespace lumen {

// Operand and result types of a layer.
struct GemmTypes {
  DType a, b, c;
};

// What the blocking needs to know of a tile.
struct BlockingTarget {
  MatrixParams matrix;
  std::uint64_t scratchpad_bytes = 0;
  double channel_bytes_per_cycle = 0;  // one DMA channel (loads or stores)
  double shared_bytes_per_cycle = 0;   // this tile's share of the memory bandwidth
  double load_latency_cycles = 0;      // L: from a load's issue to its first bytes
};

struct BlockChoice {
  GemmShape block;
  int buffers = 1;
  bool n_outer = false;  // the N block loop outside the M block loop
};

// Scratchpad bytes of one copy of a block's A, B and C (32-bit accumulators).
struct BlockFootprint {
  std::uint64_t a, b, c;
  std::uint64_t total(int buffers) const {
    return static_cast<std::uint64_t>(buffers) * (a + b + c);
  }
};
BlockFootprint block_footprint(GemmShape block, GemmTypes types);

// The best blocking of `share`, or none when not even one fold fits the scratchpad.
std::optional<BlockChoice> choose_block(GemmShape share, GemmTypes types,
                                        const BlockingTarget& target);

// The smallest block the blocking can choose for `shape`: one fold, one streamed row.
GemmShape smallest_block(GemmShape shape, const MatrixParams& matrix);

// The estimate above, in cycles, of running `share` blocked as `choice`.
struct BlockingEstimate {
  double cycles;
  std::uint64_t load_bytes, blocks;
};
BlockingEstimate estimate_blocking(GemmShape share, GemmTypes types, const BlockingTarget& target,
                                   const BlockChoice& choice);

}  // namespace lumen
