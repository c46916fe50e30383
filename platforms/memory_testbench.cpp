#include "platforms/memory_testbench.h"

#include "platforms/instance_names.h"

namespace lumen {

std::uint64_t MemoryTestbench::capacity_bytes(const ChipParams& chip) {
  if (!chip.has_hbm) return 1ull << 30;
  return chip.hbm.spec.org.channel_bytes() * chip.hbm.used_channels();
}

MemoryTestbench::MemoryTestbench(const sc_core::sc_module_name& name, const ChipParams& chip,
                                 TrafficParams traffic)
    : sc_core::sc_module(name) {
  traffic.capacity_bytes = capacity_bytes(chip);
  if (chip.has_hbm) {
    hbm_ = std::make_unique<Hbm>(kMemoryInstance, chip.hbm);
    // Enough transactions in flight to keep every queue (and the activated-request buffer) full.
    const auto& c = chip.hbm.controller;
    const std::uint64_t per_channel =
        c.read_queue + c.write_queue +
        chip.hbm.spec.org.pseudo_channels * chip.hbm.spec.org.banks_per_pc();
    const std::uint64_t per_transaction =
        std::max<std::uint64_t>(1, traffic.transaction_bytes / 32);
    traffic.workers = static_cast<std::uint32_t>(
        std::max<std::uint64_t>(1, per_channel * chip.hbm.used_channels() / per_transaction + 1));
  } else {
    simple_ = std::make_unique<SimpleMemory>(kMemoryInstance, chip.memory);
  }
  traffic_ = std::make_unique<TrafficGenerator>("traffic", traffic);
  if (hbm_)
    traffic_->socket.bind(hbm_->socket);
  else
    traffic_->socket.bind(simple_->socket);
}

void MemoryTestbench::collect(StatsCollector& stats, double total_ns) const {
  if (hbm_)
    hbm_->collect(stats, total_ns);
  else
    simple_->collect(stats, total_ns);
  traffic_->collect(stats, total_ns);
}

}  // namespace lumen
