#include "models/io/link_equations.h"

#include <algorithm>
#include <cmath>

namespace lumen {

double frame_error_probability(const LinkParams& p) {
  const double bits = 8.0 * (p.frame_bytes + p.frame_overhead_bytes);
  return -std::expm1(bits * std::log1p(-p.ber));  // 1 − (1 − BER)^bits, exact for tiny BER
}

double framing_efficiency(const LinkParams& p) {
  return static_cast<double>(p.frame_bytes) / (p.frame_bytes + p.frame_overhead_bytes);
}

double fixed_latency_s(const LinkParams& p) {
  return p.serdes_s + p.fec_s + p.flight_s();
}

std::uint32_t frames_per_round_trip(const LinkParams& p) {
  const double frame_s = (p.frame_bytes + p.frame_overhead_bytes) / p.raw_Bps();
  const double in_flight = std::ceil(2 * fixed_latency_s(p) / frame_s) + 1;
  return static_cast<std::uint32_t>(std::min<double>(p.replay_frames, in_flight));
}

double retransmission_efficiency(const LinkParams& p) {
  const double e = frame_error_probability(p);
  if (p.retransmission == Retransmission::kSelectiveRepeat) return 1 - e;
  return (1 - e) / (1 - e + e * frames_per_round_trip(p));
}

double effective_Bps(const LinkParams& p) {
  return p.raw_Bps() * framing_efficiency(p) * retransmission_efficiency(p);
}

double unloaded_latency_s(const LinkParams& p, std::uint64_t bytes) {
  return fixed_latency_s(p) + static_cast<double>(bytes) / (p.raw_Bps() * framing_efficiency(p));
}

}  // namespace lumen
