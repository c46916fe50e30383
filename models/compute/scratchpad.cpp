#include "models/compute/scratchpad.h"

#include <algorithm>

namespace lumen {

using sc_core::sc_time;

Scratchpad::Scratchpad(const sc_core::sc_module_name& name, const ScratchpadParams& params,
                       double clock_hz)
    : sc_core::sc_module(name),
      socket("socket"),
      params_(params),
      cycle_(1.0 / clock_hz, sc_core::SC_SEC),
      bank_free_(params.banks, sc_core::SC_ZERO_TIME) {
  socket.register_b_transport(this, &Scratchpad::b_transport);
  socket.register_transport_dbg(this, &Scratchpad::transport_dbg);
  if (params.functional) data_.assign(params.size_bytes, 0);
}

void Scratchpad::copy_data(tlm::tlm_generic_payload& payload) {
  if (data_.empty()) return;
  unsigned char* mine = data_.data() + payload.get_address();
  if (payload.is_read())
    std::copy(mine, mine + payload.get_data_length(), payload.get_data_ptr());
  else
    std::copy(payload.get_data_ptr(), payload.get_data_ptr() + payload.get_data_length(), mine);
}

unsigned int Scratchpad::transport_dbg(int, tlm::tlm_generic_payload& payload) {
  const std::uint64_t addr = payload.get_address();
  const std::uint64_t len = payload.get_data_length();
  if (data_.empty() || addr + len > params_.size_bytes) return 0;
  copy_data(payload);
  return static_cast<unsigned int>(len);
}

void Scratchpad::b_transport(int, tlm::tlm_generic_payload& payload, sc_time& delay) {
  const std::uint64_t addr = payload.get_address();
  const std::uint64_t len = payload.get_data_length();
  if (len == 0 || addr + len > params_.size_bytes) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const sc_time now = sc_core::sc_time_stamp();
  const sc_time arrival = now + delay;
  const std::uint64_t first_word = addr / params_.bank_width_bytes;
  const std::uint64_t last_word = (addr + len - 1) / params_.bank_width_bytes;
  const std::uint64_t words = last_word - first_word + 1;
  sc_time finish = arrival;
  const std::uint64_t touched = std::min<std::uint64_t>(words, params_.banks);
  for (std::uint64_t i = 0; i < touched; ++i) {
    const std::uint64_t bank = (first_word + i) % params_.banks;
    // Words i, i+banks, i+2·banks... of this access land on the same bank.
    const std::uint64_t words_here = (words - i + params_.banks - 1) / params_.banks;
    const sc_time start = std::max(bank_free_[bank], arrival);
    conflict_ns_ += (start - arrival).to_seconds() * 1e9;
    bank_free_[bank] = start + cycle_ * static_cast<double>(words_here);
    finish = std::max(finish, bank_free_[bank]);
  }
  delay = finish - now;
  (payload.is_read() ? read_bytes_ : write_bytes_) += len;
  ++accesses_;
  copy_data(payload);
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

void Scratchpad::collect(StatsCollector& stats, double) const {
  stats.set(name(), "size_bytes", static_cast<double>(params_.size_bytes));
  stats.set(name(), "banks", params_.banks);
  stats.set(name(), "read_bytes", static_cast<double>(read_bytes_));
  stats.set(name(), "write_bytes", static_cast<double>(write_bytes_));
  stats.set(name(), "accesses", static_cast<double>(accesses_));
  stats.set(name(), "bank_conflict_ns", conflict_ns_);
  stats.set(name(), "peak_allocation_bytes", static_cast<double>(peak_allocation_));
  stats.set(
      name(), "peak_occupancy_pct",
      100.0 * static_cast<double>(peak_allocation_) / static_cast<double>(params_.size_bytes));
}

}  // namespace lumen
