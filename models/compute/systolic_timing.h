// Cycle count of a GEMM C[M×N] = A[M×K]·B[K×N] on an R×C systolic array (M, N, K as in
// SCALE-Sim's GEMM topology files). Pure functions: no SystemC, used by the matrix engine,
// by the workload lowering to size tiles, and by the tests.
//
// Mapping (SCALE-Sim v2's convention, Sr→rows, Sc→columns, T streamed):
//   dataflow  rows  cols  streamed
//   os        M     N     K          outputs stay in the PEs
//   ws        K     N     M          weights (B) preloaded
//   is        K     M     N          inputs (A) preloaded
// folds = ceil(rows_dim / R) · ceil(cols_dim / C); a partial fold costs a full fold because
// operands must cross the whole array (skew R−1 + C−1).
//
// Timing equations, per fold, T = streamed dimension:
//   rtl (default; the array Lumen ships in rtl/):
//     ws, is:  R (preload) + T + (R−1) + (C−1)        = 2R + C + T − 2
//     os:      T + (R−1) + (C−1) + R (output drain)    = 2R + C + T − 2
//   scalesim (SCALE-Sim v2 at commit 22f88b1, checked row by row in tests/data/scalesim):
//     ws, is:  2R + C + T − 2
//     os:      R + C + T − 2            (v2 leaves out the output drain; upstream issue)
//     and SCALE-Sim reports the 0-based index of the last cycle, so a layer's count is one
//     less than the cycles it steps: −1 once per layer (see `layer_start`).
//   total = folds × per_fold  (folds run back to back; no overlap of preload and compute).
//
// Data types: a PE does `rate` MACs per cycle for a given dtype (the matrix engine's
// throughput table, e.g. 2 for int8 on an array built for bf16, 0.25 for fp32 done in four
// passes). Only the streamed term scales: T becomes ⌈T / rate⌉; preload, skew and drain do not.
//
// Scratchpad traffic of the array (elements; the energy model's SRAM events):
//   os:     A row·T·col_folds (left edge), B col·T·row_folds (top edge);
//           accumulators written row·col, read as often when accumulating onto earlier K blocks
//   ws, is: stationary (ws: B, is: A) row·col once, streamed (ws: A, is: B) T·row·col_folds;
//           partial sums T·col written
//           once per row fold and read back row_folds − 1 times (+1 when accumulating).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lumen {

enum class Dataflow { kWeightStationary, kOutputStationary, kInputStationary };
enum class SystolicTiming { kRtl, kScaleSim };

struct GemmShape {
  std::uint64_t m = 1, n = 1, k = 1;
  std::uint64_t macs() const { return m * n * k; }
};

struct ArrayShape {
  std::uint32_t rows = 1, cols = 1;
};

// How a GEMM maps onto the array: which dimension is spread over rows, columns, and streamed.
struct SystolicMapping {
  std::uint64_t row_dim, col_dim, streamed;
  std::uint64_t row_folds, col_folds;
  std::uint64_t folds() const { return row_folds * col_folds; }
};

SystolicMapping systolic_mapping(ArrayShape array, Dataflow dataflow, GemmShape gemm);

std::uint64_t systolic_cycles_per_fold(ArrayShape array, Dataflow dataflow, SystolicTiming timing,
                                       std::uint64_t streamed);

// ⌈streamed / rate⌉: cycles to stream `streamed` operands at `rate` MACs per PE per cycle.
std::uint64_t streamed_cycles(std::uint64_t streamed, double rate);

// Cycles for one GEMM command. `layer_start` marks the first command of a layer on this engine,
// where SCALE-Sim's reporting convention subtracts one.
std::uint64_t systolic_cycles(ArrayShape array, Dataflow dataflow, SystolicTiming timing,
                              GemmShape gemm, bool layer_start = true, double rate = 1.0);

struct SystolicTraffic {
  std::uint64_t a_reads, b_reads;    // A and B elements read from the scratchpad
  std::uint64_t accumulator_writes;  // 32-bit partial sums written
  std::uint64_t accumulator_reads;   // 32-bit partial sums read back
};

SystolicTraffic systolic_traffic(ArrayShape array, Dataflow dataflow, GemmShape gemm,
                                 bool accumulate);

const char* dataflow_name(Dataflow dataflow);
std::optional<Dataflow> dataflow_from_name(const std::string& name);
const char* timing_name(SystolicTiming timing);
std::optional<SystolicTiming> timing_from_name(const std::string& name);

}  // namespace lumen
