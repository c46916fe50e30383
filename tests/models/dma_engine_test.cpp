// DMA channel against its closed forms (see models/compute/dma_engine.h): bandwidth bound when
// enough bursts are in flight, latency bound with one. One simulation per test process.
#include "models/compute/dma_engine.h"

#include <gtest/gtest.h>

#include "models/compute/scratchpad.h"
#include "models/memory/simple_memory.h"

namespace lumen {
namespace {

struct DmaBench {
  DmaBench(const DmaParams& dma, const SimpleMemoryParams& memory, std::uint64_t bytes,
           DmaDirection direction)
      : spm("spm", ScratchpadParams{4 * 1024 * 1024, 8, 64}, 1e9),
        mem("mem", memory),
        channel("channel", direction, dma, controller, nullptr) {
    channel.memory_socket.bind(mem.socket);
    channel.scratchpad_socket.bind(spm.socket);
    TileProgram program;
    Command c;
    c.op = direction == DmaDirection::kLoad ? Opcode::kDmaLoad : Opcode::kDmaStore;
    c.bytes = bytes;
    program.add(c);
    controller.load(program);
    channel.enqueue(&controller.program().commands[0]);
  }
  double run_ns() {
    sc_core::sc_start();
    EXPECT_EQ(controller.remaining(), 0u);
    return sc_core::sc_time_stamp().to_seconds() * 1e9;
  }
  TileController controller;
  Scratchpad spm;
  SimpleMemory mem;
  DmaChannel channel;
};

TEST(DmaEngine, BandwidthBoundLoadMatchesClosedForm) {
  // 256 bursts of 4 KiB; memory 32 GB/s (128 ns a burst) is slower than the 64 GB/s channel and
  // 8 bursts in flight cover the 100 ns latency: T = latency + bytes/32 GB/s + last SPM write.
  DmaBench bench({4096, 8, 64e9}, {false, 100e-9, 32e9}, 1 << 20, DmaDirection::kLoad);
  const double expected = 100 + (1 << 20) / 32.0 + 4096.0 / (8 * 64);
  EXPECT_NEAR(bench.run_ns(), expected, 0.01 * expected);
  EXPECT_EQ(bench.channel.bytes_moved(), 1u << 20);
}

TEST(DmaEngine, LatencyBoundLoadMatchesClosedForm) {
  // One burst in flight: each of 16 bursts waits the full 1 us latency plus its 16 ns transfer.
  DmaBench bench({4096, 1, 256e9}, {false, 1000e-9, 256e9}, 64 * 1024, DmaDirection::kLoad);
  const double expected = 16 * (1000 + 4096 / 256.0) + 8;
  EXPECT_NEAR(bench.run_ns(), expected, 0.01 * expected);
}

TEST(DmaEngine, StoreIsBoundByTheSlowerOfChannelAndMemory) {
  // Channel 16 GB/s is the bottleneck: T ≈ first SPM read + bytes/16 GB/s + latency.
  DmaBench bench({4096, 16, 16e9}, {false, 50e-9, 128e9}, 1 << 20, DmaDirection::kStore);
  const double expected = 8 + (1 << 20) / 16.0 + 50;
  EXPECT_NEAR(bench.run_ns(), expected, 0.01 * expected);
}

TEST(DmaEngine, SetupLatencyIsAddedOncePerCommand) {
  DmaBench bench({4096, 8, 64e9, 250e-9}, {false, 100e-9, 32e9}, 1 << 20, DmaDirection::kLoad);
  const double expected = 250 + 100 + (1 << 20) / 32.0 + 4096.0 / (8 * 64);
  EXPECT_NEAR(bench.run_ns(), expected, 0.01 * expected);
}

TEST(DmaEngine, IdealMemoryLeavesOnlyTheChannelRate) {
  DmaBench bench({1024, 4, 100e9}, {true, 0, 0}, 100 * 1024, DmaDirection::kLoad);
  const double expected = 100 * 1024 / 100.0;
  EXPECT_NEAR(bench.run_ns(), expected, 0.02 * expected);
}

}  // namespace
}  // namespace lumen
