// Scratchpad SRAM: `size` bytes in `banks` banks interleaved every `bank_width` bytes. A TLM-2.0
// target; every access of `len` bytes at `addr` occupies each bank it touches for one cycle per
// word (bank_width bytes), so accesses contend per bank:
//   word w (w = addr/bank_width ...) goes to bank w mod banks
//   bank_free[b] = max(bank_free[b], arrival) + words_on_b · cycle
//   delay = max over touched banks of bank_free[b] − now
// A burst spread over all banks costs ceil(len / (banks·bank_width)) cycles when idle.
// Accesses beyond `size` answer TLM_ADDRESS_ERROR_RESPONSE. In functional mode it stores the
// bytes; transport_dbg gives the engines zero-time access to them.
#pragma once

#include <cstdint>
#include <vector>

#include <tlm_utils/multi_passthrough_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/stats.h"

namespace lumen {

struct ScratchpadParams {
  std::uint64_t size_bytes = 512 * 1024;
  std::uint32_t banks = 8;
  std::uint32_t bank_width_bytes = 64;
  bool functional = false;  // hold real bytes (b_transport and transport_dbg copy data)
};

class Scratchpad : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Scratchpad> socket;

  Scratchpad(const sc_core::sc_module_name& name, const ScratchpadParams& params, double clock_hz);

  void collect(StatsCollector& stats, double total_ns) const;
  // Peak bytes allocated by the program that ran (set by the platform from the lowering).
  void set_peak_allocation(std::uint64_t bytes) { peak_allocation_ = bytes; }

 private:
  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned int transport_dbg(int port, tlm::tlm_generic_payload& payload);
  void copy_data(tlm::tlm_generic_payload& payload);

  ScratchpadParams params_;
  sc_core::sc_time cycle_;
  std::vector<sc_core::sc_time> bank_free_;
  std::vector<unsigned char> data_;  // functional mode only
  std::uint64_t read_bytes_ = 0, write_bytes_ = 0, accesses_ = 0;
  double conflict_ns_ = 0;
  std::uint64_t peak_allocation_ = 0;
};

}  // namespace lumen
