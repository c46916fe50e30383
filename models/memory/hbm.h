// HBM: stacks of channels, each with its own controller (models/memory/dram/), behind one
// TLM-2.0 target socket. A transaction of any length is cut into access-sized requests (32 B for
// HBM2 pseudo-channels and HBM3), spread over channels by the address map; b_transport returns
// when the last of them has completed (a read: data returned; a write: data written), so the
// caller sees queueing, bank conflicts, refresh and write drain. The TLM transaction size is the
// caller's (the DMA burst): 32 B to a few KiB; the report states it.
//
// Timing equation (per access, closed forms checked in tests/models/hbm_test.cpp):
//   unloaded row hit      = CL + BL                      (ticks · tCK / tick_multiplier)
//   unloaded closed bank  = tRCD + CL + BL,  row conflict = tRP + tRCD + CL + BL
//   peak bandwidth        = channels · pseudo-channels · dq_bits/8 · data rate
//   streaming ceiling     ≈ peak · (1 − tRFC/tREFI)
// Everything else (FR-FCFS reordering, tFAW, tCCD_L, turnarounds) is what the controllers do.
//
// Simulation: the controllers are advanced lazily by one SystemC method, woken only when a
// request can have completed (at the earliest known completion, or one minimum access latency
// after the horizon when work is queued), so the kernel sees a few events per dozens of DRAM
// commands rather than one per clock.
#pragma once

#include <cstdint>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/stats.h"
#include "models/memory/dram/dram_address_map.h"
#include "models/memory/dram/dram_controller.h"
#include "models/memory/dram/dram_spec.h"
#include "models/memory/sparse_storage.h"

namespace lumen {

struct HbmParams {
  DramSpec spec;
  std::uint32_t stacks = 1;
  std::uint32_t channels = 0;  // channels in use over all stacks; 0 = all
  std::string mapping = "ro_ba_bg_sid_pc_co";
  std::uint64_t interleave_bytes = 0;  // channel granule; 0 = one access
  DramControllerParams controller;
  bool functional = false;

  std::uint32_t used_channels() const {
    return channels ? channels : stacks * spec.org.channels_per_stack;
  }
  double peak_Bps() const { return used_channels() * spec.peak_channel_Bps(); }
};

class Hbm : public sc_core::sc_module, public MemoryBackdoor {
 public:
  tlm_utils::multi_passthrough_target_socket<Hbm> socket;

  // Throws std::invalid_argument if the mapping does not fit the organisation (the platform
  // builder checks this first and reports it as an input error).
  Hbm(const sc_core::sc_module_name& name, const HbmParams& params);

  void collect(StatsCollector& stats, double total_ns) const;
  void write_backdoor(std::uint64_t address, const unsigned char* data, std::uint64_t len) override;
  void read_backdoor(std::uint64_t address, unsigned char* data, std::uint64_t len) const override;

  const HbmParams& params() const { return params_; }
  const DramAddressMap& address_map() const { return map_; }
  std::size_t channel_count() const { return controllers_.size(); }
  const DramChannelController& controller(std::size_t channel) const {
    return *controllers_[channel];
  }
  std::uint64_t now_tick() const;  // the tick that holds sc_time_stamp()

 private:
  struct Transaction {
    std::uint32_t unissued = 0;   // accesses whose completion tick is not known yet
    std::uint64_t done_tick = 0;  // the latest completion tick known
    sc_core::sc_event done;
  };
  struct Pending {
    std::uint64_t tick;
    Transaction* transaction;
    bool operator>(const Pending& o) const { return tick > o.tick; }
  };

  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned int transport_dbg(int port, tlm::tlm_generic_payload& payload);
  void wake();  // SC_METHOD: advance the controllers, deliver completions, schedule next wake
  void schedule_wake(std::uint64_t tick);
  sc_core::sc_time time_of(std::uint64_t tick) const;

  HbmParams params_;
  DramAddressMap map_;
  std::vector<std::unique_ptr<DramChannelController>> controllers_;
  SparseStorage storage_;
  sc_core::sc_event wake_event_;
  std::uint64_t wake_at_ = UINT64_MAX;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> completions_;
  std::uint32_t min_latency_ticks_;
  std::uint64_t transactions_ = 0, read_bytes_ = 0, write_bytes_ = 0;
  double transaction_latency_ns_ = 0;
  std::uint64_t outstanding_ = 0;  // transactions inside b_transport
  std::uint64_t outstanding_writes_ = 0;
  sc_core::sc_time pending_since_;
  double pending_ns_ = 0;  // time with at least one transaction outstanding
};

}  // namespace lumen
