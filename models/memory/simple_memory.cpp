#include "models/memory/simple_memory.h"

#include <algorithm>

namespace lumen {

using sc_core::sc_time;

SimpleMemory::SimpleMemory(const sc_core::sc_module_name& name, const SimpleMemoryParams& params)
    : sc_core::sc_module(name),
      socket("socket"),
      params_(params),
      latency_(params.latency_s, sc_core::SC_SEC) {
  socket.register_b_transport(this, &SimpleMemory::b_transport);
  socket.register_transport_dbg(this, &SimpleMemory::transport_dbg);
}

void SimpleMemory::write_backdoor(std::uint64_t address, const unsigned char* data,
                                  std::uint64_t len) {
  storage_.write(address, data, len);
}

void SimpleMemory::read_backdoor(std::uint64_t address, unsigned char* data,
                                 std::uint64_t len) const {
  storage_.read(address, data, len);
}

void SimpleMemory::copy_data(tlm::tlm_generic_payload& payload) {
  if (!params_.functional) return;
  if (payload.is_read())
    read_backdoor(payload.get_address(), payload.get_data_ptr(), payload.get_data_length());
  else
    write_backdoor(payload.get_address(), payload.get_data_ptr(), payload.get_data_length());
}

unsigned int SimpleMemory::transport_dbg(int, tlm::tlm_generic_payload& payload) {
  if (!params_.functional) return 0;
  copy_data(payload);
  return payload.get_data_length();
}

void SimpleMemory::b_transport(int, tlm::tlm_generic_payload& payload, sc_time& delay) {
  const std::uint64_t len = payload.get_data_length();
  (payload.is_read() ? read_bytes_ : write_bytes_) += len;
  ++requests_;
  copy_data(payload);
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
  if (params_.ideal) return;
  const sc_time now = sc_core::sc_time_stamp();
  const sc_time arrival = now + delay;
  const sc_time start = std::max(arrival, busy_until_);
  const sc_time occupancy(static_cast<double>(len) / params_.bandwidth_Bps, sc_core::SC_SEC);
  queue_ns_ += (start - arrival).to_seconds() * 1e9;
  busy_ns_ += occupancy.to_seconds() * 1e9;
  busy_until_ = start + occupancy;
  delay = busy_until_ + latency_ - now;
}

void SimpleMemory::collect(StatsCollector& stats, double total_ns) const {
  stats.set(name(), "read_bytes", static_cast<double>(read_bytes_));
  stats.set(name(), "write_bytes", static_cast<double>(write_bytes_));
  stats.set(name(), "requests", static_cast<double>(requests_));
  stats.set(name(), "busy_ns", busy_ns_);
  stats.set(name(), "busy_pct", total_ns > 0 ? 100.0 * busy_ns_ / total_ns : 0.0);
  stats.set(name(), "queue_ns", queue_ns_);
  stats.set(name(), "achieved_GBps", total_ns > 0 ? static_cast<double>(bytes()) / total_ns : 0.0);
}

}  // namespace lumen
