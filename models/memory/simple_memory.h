// Simple memory target (until the HBM model replaces it): one shared port with a fixed latency
// and a bandwidth, serving requests in arrival order. Contention is the target's own:
//   start = max(arrival, busy_until);  busy_until = start + len / bandwidth
//   delay = busy_until + latency − now
// `ideal` memory answers with zero delay (infinite bandwidth, no latency). In functional mode it
// stores the bytes written to it in 4 KiB pages created on first touch (unwritten bytes read 0).
#pragma once

#include <cstdint>

#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/stats.h"
#include "models/memory/sparse_storage.h"

namespace lumen {

struct SimpleMemoryParams {
  bool ideal = false;
  double latency_s = 100e-9;
  double bandwidth_Bps = 256e9;
  bool functional = false;           // hold real bytes (sparse pages)
  std::uint64_t capacity_bytes = 0;  // what it holds, for capacity checks; 0 = no limit
};

class SimpleMemory : public sc_core::sc_module, public MemoryBackdoor {
 public:
  tlm_utils::multi_passthrough_target_socket<SimpleMemory> socket;

  SimpleMemory(const sc_core::sc_module_name& name, const SimpleMemoryParams& params);

  void collect(StatsCollector& stats, double total_ns) const;
  std::uint64_t bytes() const { return read_bytes_ + write_bytes_; }

  // Host access to the functional contents (no time, no statistics).
  void write_backdoor(std::uint64_t address, const unsigned char* data, std::uint64_t len) override;
  void read_backdoor(std::uint64_t address, unsigned char* data, std::uint64_t len) const override;
  double busy_ns() const { return busy_ns_; }

 private:
  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned int transport_dbg(int port, tlm::tlm_generic_payload& payload);
  void copy_data(tlm::tlm_generic_payload& payload);

  SimpleMemoryParams params_;
  SparseStorage storage_;  // functional mode only
  sc_core::sc_time latency_;
  sc_core::sc_time busy_until_ = sc_core::SC_ZERO_TIME;
  std::uint64_t read_bytes_ = 0, write_bytes_ = 0, requests_ = 0;
  double busy_ns_ = 0, queue_ns_ = 0;
};

}  // namespace lumen
