// DMA channel: moves a command's bytes between memory and the scratchpad in bursts through
// TLM-2.0 initiator sockets (b_transport, annotated delay). One channel per direction (loads,
// stores), so a tile can load the next block while storing the previous one.
//
// Timing (per channel): a command first spends `setup` (descriptor fetch), then burst i of
// `len` bytes is issued at
//   issue_i = max(issue_{i-1} + len_{i-1}/bandwidth,  time a slot is free among `outstanding`)
// A load reads memory at issue_i; the memory target answers done_i (its own latency, bandwidth
// and contention); at done_i the data is written into the scratchpad (its bank model adds its
// cycles). A store first reads the scratchpad, then writes memory. The command completes when
// its last burst has landed; the channel does not wait for that before starting the next
// command (its setup and first bursts overlap the previous command's tail, as a DMA engine
// with a descriptor queue does). With enough bursts in flight this gives the closed form
//   T ≈ setup + latency + bytes / min(bandwidth, memory bandwidth)       (bandwidth bound)
// and otherwise T ≈ ceil(bursts/outstanding) · (latency + burst/memory bandwidth) (latency bound),
// both checked in tests/models/dma_engine_test.cpp.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <systemc>
#include <tlm>

#include "models/compute/command_engine.h"

namespace lumen {

struct DmaParams {
  std::uint64_t burst_bytes = 4096;  // transaction granularity
  std::uint32_t outstanding = 8;     // bursts in flight per channel
  double bandwidth_Bps = 64e9;       // issue rate per channel
  double setup_s = 0;       // per command: descriptor fetch and setup before the first burst
  bool functional = false;  // carry real bytes (each burst in flight keeps its own data)
};

enum class DmaDirection { kLoad, kStore };

class DmaChannel : public CommandEngine {
 public:
  tlm_utils::simple_initiator_socket<DmaChannel> memory_socket;
  tlm_utils::simple_initiator_socket<DmaChannel> scratchpad_socket;

  DmaChannel(const sc_core::sc_module_name& name, DmaDirection direction, const DmaParams& params,
             TileController& controller, TraceRecorder* trace);

  std::uint64_t bytes_moved() const { return bytes_; }

 protected:
  void execute(const Command& command) override;
  void collect_own(StatsCollector& stats, double total_ns) const override;

 private:
  struct InFlight {
    sc_core::sc_time done;  // when the memory has answered
    bool answered;
    std::uint64_t mem_addr;
    std::uint64_t spm_addr;
    std::uint32_t len;
    std::vector<unsigned char> data;  // functional mode: the burst's bytes
    const Command* completes;         // the command whose last burst this is, else null
    sc_core::sc_time command_start;
  };

  void retire();  // SC_THREAD: lands bursts in the scratchpad (loads) and frees slots
  void send();    // spawned threads: one memory transaction each at a time
  sc_core::sc_time transport(tlm_utils::simple_initiator_socket<DmaChannel>& socket,
                             tlm::tlm_command command, std::uint64_t address, std::uint32_t len,
                             unsigned char* data);

  DmaDirection direction_;
  DmaParams params_;
  std::vector<unsigned char> buffer_;
  std::deque<InFlight> in_flight_;  // deque: references stay valid as it grows and shrinks
  std::deque<InFlight*> to_send_;
  sc_core::sc_event issued_, retired_, queued_, answered_;
  sc_core::sc_time next_issue_ = sc_core::SC_ZERO_TIME;
  std::uint64_t bytes_ = 0;
  std::uint64_t bursts_ = 0;
};

}  // namespace lumen
