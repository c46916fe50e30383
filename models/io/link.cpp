#include "models/io/link.h"

#include <algorithm>

namespace lumen {

using sc_core::sc_time;

Link::Link(const sc_core::sc_module_name& name, const LinkParams& params)
    : sc_core::sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket"),
      params_(params),
      random_(params.seed),
      bit_random_(params.seed ^ 0x9e3779b97f4a7c15ull),
      fixed_latency_(fixed_latency_s(params), sc_core::SC_SEC) {
  target_socket.register_b_transport(this, &Link::b_transport);
  derive_timing();
}

void Link::derive_timing() {
  if (params_.channels() == 0) return;
  frame_error_ = frame_error_probability(params_);
  window_ = frames_per_round_trip(params_);
  frame_s_ = (params_.frame_bytes + params_.frame_overhead_bytes) / params_.raw_Bps();
}

void Link::set_channels(std::uint32_t channels) {
  if (params_.kind == LinkKind::kOptical) {
    params_.ports = channels == 0 ? 0 : 1;
    params_.wavelengths = channels;
  } else {
    params_.lanes = channels;
  }
  derive_timing();
}

void Link::b_transport(tlm::tlm_generic_payload& payload, sc_time& delay) {
  if (delay > sc_core::SC_ZERO_TIME) {
    wait(delay);
    delay = sc_core::SC_ZERO_TIME;
  }
  if (params_.channels() == 0) {
    payload.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
    return;
  }
  const sc_time arrival = sc_core::sc_time_stamp();
  const std::uint64_t bytes = payload.get_data_length();
  const std::uint64_t frames =
      std::max<std::uint64_t>(1, (bytes + params_.frame_bytes - 1) / params_.frame_bytes);
  const sc_time start = std::max(arrival, free_at_);
  // Frames hit by errors: each costs a resend (its window under go-back-N), and a hit frame is
  // resent until it passes.
  std::uint64_t resent = 0, corrupted = 0;
  unsigned char* data = payload.get_data_ptr();  // functional mode: the message's bytes
  if (frame_error_ > 0)
    for (std::uint64_t f = 0; f < frames; ++f)
      while (random_.uniform() < frame_error_) {
        if (data) corrupt_frame(data, bytes, f);
        if (params_.retransmission == Retransmission::kNone) {
          ++corrupted;  // delivered as it is
          break;
        }
        ++resent;
        if (data) restore_frame(data, bytes, f);  // the resend carries the sender's bytes again
      }
  const std::uint64_t per_error = params_.retransmission == Retransmission::kGoBackN ? window_ : 1;
  // Durations in seconds, rounded to the kernel's resolution once (a frame time of 531.25 ps
  // would lose a quarter picosecond per frame).
  const sc_time retransmission(frame_s_ * static_cast<double>(resent * per_error), sc_core::SC_SEC);
  sc_time end =
      start + sc_time(frame_s_ * static_cast<double>(frames), sc_core::SC_SEC) + retransmission;
  const sc_time frame(frame_s_, sc_core::SC_SEC);
  CutThrough* cut_through = payload.get_extension<CutThrough>();
  if (cut_through) end = std::max(end, cut_through->tail + frame);
  free_at_ = end;
  const sc_time turnaround = resent > 0 ? 2 * fixed_latency_ : sc_core::SC_ZERO_TIME;
  if (cut_through) {
    cut_through->tail = end + fixed_latency_ + turnaround;
    wait(start + frame + fixed_latency_ - arrival);
  } else {
    wait(end + fixed_latency_ + turnaround - arrival);
  }
  bytes_ += bytes;
  frames_ += frames;
  retransmitted_ += resent * per_error;
  corrupted_ += corrupted;
  retransmission_s_ += (retransmission + turnaround).to_seconds();
  busy_s_ += (end - start).to_seconds();
  ++messages_;
  sc_time far = sc_core::SC_ZERO_TIME;
  initiator_socket->b_transport(payload, far);
  if (far > sc_core::SC_ZERO_TIME) wait(far);
  const sc_time delivered = cut_through ? std::max(cut_through->tail, sc_core::sc_time_stamp())
                                        : sc_core::sc_time_stamp();
  latency_sum_s_ += (delivered - arrival).to_seconds();
}

void Link::corrupt_frame(unsigned char* data, std::uint64_t bytes, std::uint64_t frame) {
  const std::uint64_t first = frame * params_.frame_bytes;
  const std::uint64_t len = std::min<std::uint64_t>(params_.frame_bytes, bytes - first);
  kept_frame_.assign(data + first, data + first + len);
  // One flipped bit: a CRC detects every single-bit error (the check a resend depends on).
  const std::uint64_t bit = bit_random_.next() % (8 * len);
  data[first + bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
}

void Link::restore_frame(unsigned char* data, std::uint64_t bytes, std::uint64_t frame) {
  const std::uint64_t first = frame * params_.frame_bytes;
  const std::uint64_t len = std::min<std::uint64_t>(params_.frame_bytes, bytes - first);
  std::copy(kept_frame_.begin(), kept_frame_.begin() + static_cast<std::ptrdiff_t>(len),
            data + first);
}

double Link::dynamic_energy_J() const {
  const double wire_bytes = static_cast<double>(frames_ + retransmitted_) *
                            (params_.frame_bytes + params_.frame_overhead_bytes);
  return 8 * wire_bytes * params_.energy_J_per_bit;
}

void Link::collect(StatsCollector& stats, double total_ns) const {
  const std::string self = name();
  const double total_s = total_ns * 1e-9;
  stats.set(self, "bytes", static_cast<double>(bytes_));
  stats.set(self, "messages", static_cast<double>(messages_));
  stats.set(self, "frames", static_cast<double>(frames_));
  stats.set(self, "retransmitted_frames", static_cast<double>(retransmitted_));
  stats.set(self, "retransmission_ns", retransmission_s_ * 1e9);
  stats.set(self, "corrupted_frames", static_cast<double>(corrupted_));
  stats.set(self, "busy_pct", total_s > 0 ? 100 * busy_s_ / total_s : 0.0);
  stats.set(self, "achieved_GBps", busy_s_ > 0 ? static_cast<double>(bytes_) / busy_s_ / 1e9 : 0);
  stats.set(self, "message_latency_avg_ns",
            messages_ ? latency_sum_s_ / static_cast<double>(messages_) * 1e9 : 0.0);
  stats.set(self, "energy_dynamic_pJ", dynamic_energy_J() * 1e12);
  stats.set(self, "energy_static_pJ", static_energy_J(total_s) * 1e12);
}

}  // namespace lumen
