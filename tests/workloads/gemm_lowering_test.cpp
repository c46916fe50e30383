// GEMM lowering: blocks must cover the layer's folds exactly (and keep the matrix engine's cycle
// count equal to the unsplit layer's unless the streamed dimension had to be split), produce
// well-formed dependencies, and refuse a scratchpad too small.
#include "workloads/gemm_lowering.h"

#include <gtest/gtest.h>

#include "core/diagnostics.h"

namespace lumen {
namespace {

ChipParams small_chip(std::uint64_t spm_bytes, Dataflow dataflow, std::uint32_t tiles = 1) {
  ChipParams chip;
  chip.tile_rows = 1;
  chip.tile_cols = tiles;
  chip.tile.matrix.array = {8, 8};
  chip.tile.matrix.dataflow = dataflow;
  chip.tile.matrix.timing = SystolicTiming::kScaleSim;
  chip.tile.scratchpad.size_bytes = spm_bytes;
  return chip;
}

std::uint64_t program_cycles(const TileProgram& program, const ChipParams& chip) {
  std::uint64_t cycles = 0;
  for (const auto& c : program.commands)
    if (c.op == Opcode::kGemm)
      cycles += systolic_cycles(chip.tile.matrix.array, chip.tile.matrix.dataflow,
                                chip.tile.matrix.timing, c.gemm, c.layer_start);
  return cycles;
}

class GemmLowering : public ::testing::TestWithParam<Dataflow> {};

TEST_P(GemmLowering, BlocksAddUpToTheWholeLayer) {
  const GemmShape shape{100, 70, 45};
  for (std::uint64_t spm : {1u << 22, 1u << 16, 1u << 13, 6000u}) {
    const ChipParams chip = small_chip(spm, GetParam());
    const Workload w =
        lower_gemm_layers({make_gemm_layer("l", shape, DType::kInt8)}, chip, SourceMap{});
    const auto whole =
        systolic_cycles(chip.tile.matrix.array, GetParam(), SystolicTiming::kScaleSim, shape);
    const auto whole_map = systolic_mapping(chip.tile.matrix.array, GetParam(), shape);
    // The blocks cover the layer's folds in whole folds: Σ folds · streamed is the layer's.
    std::uint64_t fold_rows = 0;
    bool streamed_whole = true;
    for (const auto& c : w.programs[0].commands) {
      if (c.op != Opcode::kGemm) continue;
      const auto map = systolic_mapping(chip.tile.matrix.array, GetParam(), c.gemm);
      fold_rows += map.folds() * map.streamed;
      streamed_whole = streamed_whole && map.streamed == whole_map.streamed;
    }
    EXPECT_EQ(fold_rows, whole_map.folds() * whole_map.streamed) << "scratchpad " << spm;
    // With the streamed dimension whole, the cycles are exactly the unsplit layer's (SCALE-Sim's);
    // a split (only to buy double buffering) adds a fill and drain per extra fold.
    if (streamed_whole) {
      EXPECT_EQ(program_cycles(w.programs[0], chip), whole) << "scratchpad " << spm;
    } else {
      EXPECT_GT(program_cycles(w.programs[0], chip), whole) << "scratchpad " << spm;
    }
    // The smallest block with the streamed dimension whole: one fold (8x8 array, int8 operands,
    // 32-bit accumulators). When two of it fit, the streamed dimension must not be split.
    const std::uint64_t r = std::min<std::uint64_t>(whole_map.row_dim, 8),
                        c = std::min<std::uint64_t>(whole_map.col_dim, 8);
    const std::uint64_t s = whole_map.streamed;
    std::uint64_t one_fold_bytes = 0;
    switch (GetParam()) {
      case Dataflow::kWeightStationary:  // rows K, columns N, streamed M
        one_fold_bytes = s * r + r * c + 4 * s * c;
        break;
      case Dataflow::kOutputStationary:  // rows M, columns N, streamed K
        one_fold_bytes = r * s + s * c + 4 * r * c;
        break;
      case Dataflow::kInputStationary:  // rows K, columns M, streamed N
        one_fold_bytes = c * r + r * s + 4 * c * s;
        break;
    }
    if (2 * one_fold_bytes <= spm) {
      EXPECT_TRUE(streamed_whole) << "scratchpad " << spm;
    }
    EXPECT_LE(w.peak_scratchpad_bytes[0], spm);
    std::uint64_t macs = 0;
    for (const auto& c : w.programs[0].commands) {
      for (auto dep : c.deps) EXPECT_LT(dep, c.id);
      if (c.op == Opcode::kGemm) macs += c.gemm.macs();
    }
    EXPECT_EQ(macs, shape.macs());
  }
}

TEST_P(GemmLowering, ColumnFoldsAreSplitAcrossTiles) {
  const GemmShape shape{64, 64, 64};
  const ChipParams chip = small_chip(1u << 20, GetParam(), 3);
  const Workload w =
      lower_gemm_layers({make_gemm_layer("l", shape, DType::kBf16)}, chip, SourceMap{});
  std::uint64_t macs = 0;
  for (const auto& program : w.programs)
    for (const auto& c : program.commands)
      if (c.op == Opcode::kGemm) macs += c.gemm.macs();
  EXPECT_EQ(macs, shape.macs());
  EXPECT_EQ(w.layers[0].tiles_used, 3u);
}

INSTANTIATE_TEST_SUITE_P(Dataflows, GemmLowering,
                         ::testing::Values(Dataflow::kWeightStationary, Dataflow::kOutputStationary,
                                           Dataflow::kInputStationary));

TEST(GemmLoweringFit, TooSmallScratchpadIsAnInputError) {
  const ChipParams chip = small_chip(100, Dataflow::kWeightStationary);
  try {
    lower_gemm_layers({make_gemm_layer("big", {64, 64, 64}, DType::kBf16)}, chip, SourceMap{});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].pointer, "/platform/chip/tile/scratchpad/size");
    EXPECT_NE(e.diagnostics()[0].expected.find("big"), std::string::npos);
  }
}

}  // namespace
}  // namespace lumen
