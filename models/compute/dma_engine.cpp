#include "models/compute/dma_engine.h"

#include <algorithm>
#include <stdexcept>

namespace lumen {

using sc_core::sc_time;
using sc_core::sc_time_stamp;

DmaChannel::DmaChannel(const sc_core::sc_module_name& name, DmaDirection direction,
                       const DmaParams& params, TileController& controller, TraceRecorder* trace)
    : CommandEngine(name, controller, trace),
      memory_socket("memory_socket"),
      scratchpad_socket("scratchpad_socket"),
      direction_(direction),
      params_(params),
      buffer_(params.burst_bytes) {
  SC_HAS_PROCESS(DmaChannel);
  SC_THREAD(retire);
  // One sender per burst slot: a memory target may wait inside b_transport (HBM does, until its
  // controller has served the burst), so each outstanding burst needs its own thread.
  sc_core::sc_spawn_options options;
  options.set_stack_size(64 * 1024);
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(1, params.outstanding); ++i)
    sc_core::sc_spawn([this] { send(); }, sc_core::sc_gen_unique_name("sender"), &options);
}

void DmaChannel::send() {
  const bool load = direction_ == DmaDirection::kLoad;
  while (true) {
    while (to_send_.empty()) wait(queued_);
    InFlight& burst = *to_send_.front();
    to_send_.pop_front();
    const sc_time delay = transport(
        memory_socket, load ? tlm::TLM_READ_COMMAND : tlm::TLM_WRITE_COMMAND, burst.mem_addr,
        burst.len, params_.functional ? burst.data.data() : buffer_.data());
    burst.done = sc_time_stamp() + delay;
    burst.answered = true;
    answered_.notify(sc_core::SC_ZERO_TIME);
  }
}

sc_time DmaChannel::transport(tlm_utils::simple_initiator_socket<DmaChannel>& socket,
                              tlm::tlm_command command, std::uint64_t address, std::uint32_t len,
                              unsigned char* data) {
  tlm::tlm_generic_payload payload;
  payload.set_command(command);
  payload.set_address(address);
  payload.set_data_ptr(data);
  payload.set_data_length(len);
  payload.set_streaming_width(len);
  payload.set_byte_enable_ptr(nullptr);
  payload.set_dmi_allowed(false);
  payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_time delay = sc_core::SC_ZERO_TIME;
  socket->b_transport(payload, delay);
  if (payload.is_response_error()) {
    throw std::runtime_error(std::string(name()) + ": " + payload.get_response_string() +
                             " at address " + std::to_string(address) + " (" + std::to_string(len) +
                             " bytes)");
  }
  return delay;
}

void DmaChannel::execute(const Command& command) {
  if (command.bytes == 0) return;
  const sc_time start = sc_time_stamp();
  const bool load = direction_ == DmaDirection::kLoad;
  if (params_.setup_s > 0) wait(sc_time(params_.setup_s, sc_core::SC_SEC));
  for (std::uint64_t offset = 0; offset < command.bytes; offset += params_.burst_bytes) {
    const auto len = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(params_.burst_bytes, command.bytes - offset));
    while (in_flight_.size() >= params_.outstanding) wait(retired_);
    if (sc_time_stamp() < next_issue_) wait(next_issue_ - sc_time_stamp());
    next_issue_ = sc_time_stamp() + sc_time(len / params_.bandwidth_Bps, sc_core::SC_SEC);
    std::vector<unsigned char> data;
    if (params_.functional) data.resize(len);
    unsigned char* bytes = params_.functional ? data.data() : buffer_.data();
    if (!load)
      wait(transport(scratchpad_socket, tlm::TLM_READ_COMMAND, command.spm_addr + offset, len,
                     bytes));
    const bool last = offset + len >= command.bytes;
    in_flight_.push_back({sc_core::SC_ZERO_TIME, false, command.mem_addr + offset,
                          command.spm_addr + offset, len, std::move(data),
                          last ? &command : nullptr, start});
    to_send_.push_back(&in_flight_.back());
    queued_.notify();
    issued_.notify(sc_core::SC_ZERO_TIME);
    bytes_ += len;
    ++bursts_;
  }
  defer_completion();  // retire() finishes the command when its last burst lands
}

void DmaChannel::retire() {
  while (true) {
    while (in_flight_.empty()) wait(issued_);
    InFlight& burst = in_flight_.front();
    while (!burst.answered) wait(answered_);
    if (sc_time_stamp() < burst.done) wait(burst.done - sc_time_stamp());
    sc_time landing = sc_core::SC_ZERO_TIME;
    if (direction_ == DmaDirection::kLoad)
      landing = transport(scratchpad_socket, tlm::TLM_WRITE_COMMAND, burst.spm_addr, burst.len,
                          params_.functional ? burst.data.data() : buffer_.data());
    const Command* completes = burst.completes;
    const sc_time command_start = burst.command_start;
    in_flight_.pop_front();
    retired_.notify(sc_core::SC_ZERO_TIME);
    if (completes) {
      wait(landing);  // the last burst is in the scratchpad
      finish(*completes, command_start);
    }
  }
}

void DmaChannel::collect_own(StatsCollector& stats, double) const {
  stats.set(name(), "bytes", static_cast<double>(bytes_));
  stats.set(name(), "bursts", static_cast<double>(bursts_));
  stats.set(name(), "burst_bytes", static_cast<double>(params_.burst_bytes));
  const double busy = busy_ns();
  stats.set(name(), "achieved_GBps", busy > 0 ? static_cast<double>(bytes_) / busy : 0.0);
}

}  // namespace lumen
