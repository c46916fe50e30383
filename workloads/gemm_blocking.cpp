#include "workloads/gemm_blocking.h"

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

namespace lumen {
namespace {

std::uint64_t ceil_div(std::uint64_t a, std::uint64_t b) {
  return (a + b - 1) / b;
}

// A GEMM in the array's terms: rows, columns and streamed dimension.
struct Mapped {
  std::uint64_t row, col, streamed;
};

Mapped to_mapped(Dataflow dataflow, GemmShape g) {
  const SystolicMapping map = systolic_mapping({1, 1}, dataflow, g);
  return {map.row_dim, map.col_dim, map.streamed};
}

// The inverse of to_mapped.
GemmShape from_mapped(Dataflow dataflow, Mapped p) {
  switch (dataflow) {
    case Dataflow::kOutputStationary:
      return {p.row, p.col, p.streamed};
    case Dataflow::kWeightStationary:
      return {p.streamed, p.col, p.row};
    case Dataflow::kInputStationary:
      return {p.col, p.streamed, p.row};
  }
  return {p.row, p.col, p.streamed};
}

// `extent` and its halvings in whole `unit`s, largest first, down to one unit.
std::vector<std::uint64_t> halvings(std::uint64_t extent, std::uint64_t unit) {
  std::vector<std::uint64_t> sizes;
  for (std::uint64_t units = ceil_div(extent, unit);; units = ceil_div(units, 2)) {
    sizes.push_back(std::min(extent, units * unit));
    if (units <= 1) break;
  }
  return sizes;
}

// A dimension cut into blocks: how many full blocks, and the size of the last partial one.
struct Cut {
  std::uint64_t full, rest;
  std::uint64_t blocks() const { return full + (rest ? 1 : 0); }
};
Cut cut(std::uint64_t extent, std::uint64_t block) {
  return {extent / block, extent % block};
}

// Array cycles of every block of `share`, edge blocks at their own size.
double compute_cycles(GemmShape share, GemmShape block, const MatrixParams& matrix, double rate) {
  const Cut m = cut(share.m, block.m), n = cut(share.n, block.n), k = cut(share.k, block.k);
  using Part = std::pair<std::uint64_t, std::uint64_t>;  // how many blocks, of what size
  const auto parts = [](Cut c, std::uint64_t size) {
    return std::array<Part, 2>{Part{c.full, size}, Part{c.rest ? 1 : 0, c.rest}};
  };
  double cycles = 0;
  for (const auto& [mc, ms] : parts(m, block.m)) {
    for (const auto& [nc, ns] : parts(n, block.n)) {
      for (const auto& [kc, ks] : parts(k, block.k)) {
        const std::uint64_t count = mc * nc * kc;
        if (count == 0) continue;
        const GemmShape piece{ms, ns, ks};
        cycles += static_cast<double>(count) *
                  static_cast<double>(systolic_cycles(matrix.array, matrix.dataflow, matrix.timing,
                                                      piece, false, rate));
      }
    }
  }
  return cycles;
}

// Cuts a double-buffered block further along the array's row dimension, in whole folds, until
// the share has at least kMinPipelineBlocks blocks: with a single block nothing overlaps (load,
// compute and store run back to back), with n blocks only the first load and the last store
// are exposed. Row folds keep the cycle count unchanged; for ws and is the cut is along K.
constexpr std::uint64_t kMinPipelineBlocks = 8;

BlockChoice pipeline(BlockChoice choice, GemmShape share, const MatrixParams& matrix) {
  if (choice.buffers < 2) return choice;
  const auto blocks = [&](GemmShape b) {
    return ceil_div(share.m, b.m) * ceil_div(share.n, b.n) * ceil_div(share.k, b.k);
  };
  Mapped p = to_mapped(matrix.dataflow, choice.block);
  while (blocks(from_mapped(matrix.dataflow, p)) < kMinPipelineBlocks &&
         ceil_div(p.row, matrix.array.rows) > 1) {
    const std::uint64_t units = ceil_div(p.row, matrix.array.rows);
    p.row = ceil_div(units, 2) * matrix.array.rows;
  }
  choice.block = from_mapped(matrix.dataflow, p);
  return choice;
}

}  // namespace

BlockFootprint block_footprint(GemmShape block, GemmTypes types) {
  return {dtype_bytes(types.a, block.m * block.k), dtype_bytes(types.b, block.k * block.n),
          block.m * block.n * 4};  // int32 or fp32 accumulators
}

GemmShape smallest_block(GemmShape shape, const MatrixParams& matrix) {
  const Mapped whole = to_mapped(matrix.dataflow, shape);
  return from_mapped(matrix.dataflow, {std::min<std::uint64_t>(whole.row, matrix.array.rows),
                                       std::min<std::uint64_t>(whole.col, matrix.array.cols), 1});
}

BlockingEstimate estimate_blocking(GemmShape share, GemmTypes types, const BlockingTarget& target,
                                   const BlockChoice& choice) {
  const GemmShape& block = choice.block;
  const std::uint64_t mb = ceil_div(share.m, block.m), nb = ceil_div(share.n, block.n),
                      kb = ceil_div(share.k, block.k);
  const std::uint64_t a_bytes = dtype_bytes(types.a, share.m * share.k);
  const std::uint64_t b_bytes = dtype_bytes(types.b, share.k * share.n);
  const bool single_k = kb == 1;
  const std::uint64_t a_loads = (single_k && (!choice.n_outer || mb == 1)) ? 1 : nb;
  const std::uint64_t b_loads = (single_k && (choice.n_outer || nb == 1)) ? 1 : mb;
  const std::uint64_t loads = a_bytes * a_loads + b_bytes * b_loads;
  const auto stores = static_cast<double>(dtype_bytes(types.c, share.m * share.n));
  const std::uint64_t blocks = mb * nb * kb;
  const double load_cycles = static_cast<double>(loads) / target.channel_bytes_per_cycle;
  const double dma =
      std::max({load_cycles, stores / target.channel_bytes_per_cycle,
                (static_cast<double>(loads) + stores) / target.shared_bytes_per_cycle});
  const double latency = target.load_latency_cycles;
  const double rate = target.matrix.rate[dtype_index(mac_dtype(types.a, types.b))];
  const double compute = compute_cycles(share, block, target.matrix, rate);
  if (choice.buffers < 2)  // each block waits for its loads, its store for the block
    return {compute + dma + 2 * latency * static_cast<double>(blocks), loads, blocks};
  // Two buffers prefetch one block ahead, so each block's loads also wait out one latency.
  const double prefetch = static_cast<double>(loads) / std::min(target.channel_bytes_per_cycle,
                                                                target.shared_bytes_per_cycle) +
                          latency * static_cast<double>(blocks);
  // The first block's loads and the last block's store are not hidden.
  const double exposed =
      static_cast<double>(dtype_bytes(types.a, block.m * block.k) +
                          dtype_bytes(types.b, block.k * block.n) +
                          dtype_bytes(types.c, block.m * block.n)) /
          std::min(target.channel_bytes_per_cycle, target.shared_bytes_per_cycle) +
      2 * latency;
  return {std::max({compute, dma, prefetch}) + exposed, loads, blocks};
}

std::optional<BlockChoice> choose_block(GemmShape share, GemmTypes types,
                                        const BlockingTarget& target) {
  const MatrixParams& matrix = target.matrix;
  const Mapped whole = to_mapped(matrix.dataflow, share);
  const auto rows = halvings(whole.row, matrix.array.rows);
  const auto cols = halvings(whole.col, matrix.array.cols);
  const auto streamed = halvings(whole.streamed, 1);
  struct Candidate {
    BlockChoice choice;
    BlockingEstimate estimate;
  };
  std::vector<Candidate> candidates;
  for (int buffers : {2, 1}) {
    for (std::uint64_t r : rows) {
      for (std::uint64_t c : cols) {
        for (std::uint64_t s : streamed) {
          const GemmShape block = from_mapped(matrix.dataflow, {r, c, s});
          // Smaller streamed blocks only shrink the footprint: skip until one fits.
          if (block_footprint(block, types).total(buffers) > target.scratchpad_bytes) continue;
          for (bool n_outer : {false, true}) {
            // Ranked as it will run: pipelined first (which may cost an operand its reuse).
            const BlockChoice choice = pipeline({block, buffers, n_outer}, share, matrix);
            candidates.push_back({choice, estimate_blocking(share, types, target, choice)});
          }
        }
      }
    }
  }
  if (candidates.empty()) return std::nullopt;
  // Double buffering with the streamed dimension whole, where it fits, keeps the array's cycle
  // count the unsplit layer's (SCALE-Sim's): only those candidates are ranked then.
  const auto streamed_whole = [&](const Candidate& c) {
    return c.choice.buffers == 2 &&
           to_mapped(matrix.dataflow, c.choice.block).streamed == whole.streamed;
  };
  const bool keep_streamed_whole =
      std::any_of(candidates.begin(), candidates.end(), streamed_whole);
  const auto ranked = [&](const Candidate& c) { return !keep_streamed_whole || streamed_whole(c); };
  double least = std::numeric_limits<double>::infinity();
  for (const auto& c : candidates)
    if (ranked(c)) least = std::min(least, c.estimate.cycles);
  // Within 2 % of the least time (the partition's band too), move fewer bytes, then issue fewer
  // blocks; the first in enumeration order (larger blocks, double buffering, M outside) breaks
  // remaining ties.
  const Candidate* best = nullptr;
  for (const auto& c : candidates) {
    if (!ranked(c) || c.estimate.cycles > least * 1.02) continue;
    if (!best || c.estimate.load_bytes < best->estimate.load_bytes ||
        (c.estimate.load_bytes == best->estimate.load_bytes &&
         c.estimate.blocks < best->estimate.blocks))
      best = &c;
  }
  return best->choice;
}

}  // namespace lumen
