// The blocking mapper (workloads/gemm_blocking.h) against closed forms: the traffic of each loop
// order, the choices it must make on the default GEMM's shares (operand reuse for os, double
// buffering for is), the streamed dimension kept whole where SCALE-Sim's count must hold, and
// no block when one fold does not fit.
#include "workloads/gemm_blocking.h"

#include <gtest/gtest.h>

namespace lumen {
namespace {

// A tile of the default chip: 32x32 bf16 array (rtl timing), 512 KiB scratchpad, a 64 GB/s DMA
// channel at 1 GHz, and a sixteenth of the NoC's 1024 GB/s memory ports.
BlockingTarget default_tile(Dataflow dataflow) {
  BlockingTarget target;
  target.matrix.array = {32, 32};
  target.matrix.dataflow = dataflow;
  target.scratchpad_bytes = 512 * 1024;
  target.channel_bytes_per_cycle = 64;
  target.shared_bytes_per_cycle = 64;
  target.load_latency_cycles = 90;
  return target;
}

constexpr GemmTypes kBf16{DType::kBf16, DType::kBf16, DType::kBf16};

std::uint64_t mapped_streamed(Dataflow dataflow, GemmShape g) {
  return systolic_mapping({1, 1}, dataflow, g).streamed;
}

TEST(GemmBlocking, TrafficFollowsTheLoopOrder) {
  // 256x256x1024 in 64x32x1024 blocks: one K block, 4 M blocks, 8 N blocks.
  const GemmShape share{256, 256, 1024};
  const BlockingTarget target = default_tile(Dataflow::kOutputStationary);
  const std::uint64_t a = 256 * 1024 * 2, b = 1024 * 256 * 2;
  const auto m_outer = estimate_blocking(share, kBf16, target, {{64, 32, 1024}, 2, false});
  const auto n_outer = estimate_blocking(share, kBf16, target, {{64, 32, 1024}, 2, true});
  EXPECT_EQ(m_outer.load_bytes, a + 4 * b) << "A once, B once per M block";
  EXPECT_EQ(n_outer.load_bytes, 8 * a + b) << "B once, A once per N block";
  EXPECT_EQ(m_outer.blocks, 32u);
  // Two K blocks: nothing stays resident across the output loops, whatever the order.
  const auto split_k = estimate_blocking(share, kBf16, target, {{64, 32, 512}, 2, false});
  EXPECT_EQ(split_k.load_bytes, 8 * a + 4 * b);
}

TEST(GemmBlocking, OutputStationaryReusesAnOperandAcrossTheInnerLoop) {
  // The default GEMM's os share (ffn-up 512x2048x1024 split 2x8 over 16 tiles). The earlier
  // greedy blocking took 32x64x1024 with M outside: A + 8·B = 4.5 MiB per tile.
  const GemmShape share{256, 256, 1024};
  const BlockingTarget target = default_tile(Dataflow::kOutputStationary);
  const auto choice = choose_block(share, kBf16, target);
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->buffers, 2);
  EXPECT_EQ(choice->block.k, 1024u) << "K (streamed) whole";
  const auto chosen = estimate_blocking(share, kBf16, target, *choice);
  const auto greedy = estimate_blocking(share, kBf16, target, {{32, 64, 1024}, 2, false});
  EXPECT_LE(chosen.load_bytes, 256 * 1024 * 2 + 4 * 1024 * 256 * 2) << "at most A + 4·B";
  EXPECT_LT(chosen.cycles, greedy.cycles);
}

TEST(GemmBlocking, InputStationarySplitsTheStreamedDimensionToDoubleBuffer) {
  // The default GEMM's is share (split 16 ways along M): C of the whole N = 2048 needs 256 KiB,
  // so two buffers only fit with N split; one buffer would serialise 4 MiB of loads.
  const GemmShape share{32, 2048, 1024};
  const BlockingTarget target = default_tile(Dataflow::kInputStationary);
  const auto choice = choose_block(share, kBf16, target);
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->buffers, 2);
  EXPECT_LT(choice->block.n, 2048u);
  EXPECT_LE(block_footprint(choice->block, kBf16).total(2), target.scratchpad_bytes);
  const auto single = estimate_blocking(share, kBf16, target, {{32, 2048, 32}, 1, false});
  EXPECT_LT(estimate_blocking(share, kBf16, target, *choice).cycles, single.cycles);
}

TEST(GemmBlocking, KeepsTheStreamedDimensionWholeWhenTwoBuffersFitWithIt) {
  for (Dataflow dataflow :
       {Dataflow::kWeightStationary, Dataflow::kOutputStationary, Dataflow::kInputStationary}) {
    const GemmShape share{512, 128, 1024};
    const auto choice = choose_block(share, kBf16, default_tile(dataflow));
    ASSERT_TRUE(choice);
    EXPECT_EQ(choice->buffers, 2) << dataflow_name(dataflow);
    EXPECT_EQ(mapped_streamed(dataflow, choice->block), mapped_streamed(dataflow, share))
        << dataflow_name(dataflow);
  }
}

TEST(GemmBlocking, EstimateIsTheClosedFormOfAWholeShare) {
  // A share that fits whole, double buffered, one block: compute = folds · (2R + C + T − 2),
  // then the exposed first loads, last store and two latencies.
  const GemmShape share{64, 64, 64};
  const BlockingTarget target = default_tile(Dataflow::kWeightStationary);
  const auto e = estimate_blocking(share, kBf16, target, {share, 2, false});
  const double compute = 4 * (2 * 32 + 32 + 64 - 2);
  const double bytes = 64 * 64 * 2 * 3;  // A, B and C of the block
  EXPECT_DOUBLE_EQ(e.cycles, compute + bytes / 64 + 2 * 90);
  EXPECT_EQ(e.load_bytes, 2u * 64 * 64 * 2);
  EXPECT_EQ(e.blocks, 1u);
}

TEST(GemmBlocking, NothingWhenOneFoldDoesNotFit) {
  BlockingTarget target = default_tile(Dataflow::kWeightStationary);
  target.scratchpad_bytes = 1024;  // one 32x32 fold with one streamed row: 2 KiB of B alone
  EXPECT_FALSE(choose_block({512, 512, 512}, kBf16, target));
}

}  // namespace
}  // namespace lumen
