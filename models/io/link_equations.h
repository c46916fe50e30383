// Closed forms of a link (models/io/link_params.h), used by the link model's reference tests and
// by the report to state what a link should deliver.
//
//   frame error probability   p = 1 − (1 − BER)^(8·(frame + overhead))
//   framing efficiency        f = frame / (frame + overhead)
//   retransmission efficiency selective repeat:  η = 1 − p
//                             go-back-N:         η = (1 − p) / (1 − p + p·W)
//                             with W = frames in flight per round trip, at most the replay buffer:
//                             W = min(replay_frames, ⌈2·(flight + SerDes + FEC)·raw / frame⌉ + 1)
//   effective bandwidth       B = raw · f · η
//   unloaded message latency  T(n) = SerDes + FEC + flight + n / (raw · f)        (no errors)
//   energy of n bytes         E = 8·n·(1 + retransmitted share)·energy_per_bit; static power
//                             laser + tuning·wavelengths counts for the whole run.
#pragma once

#include <cstdint>

#include "models/io/link_params.h"

namespace lumen {

double frame_error_probability(const LinkParams& p);
double framing_efficiency(const LinkParams& p);
std::uint32_t frames_per_round_trip(const LinkParams& p);
double retransmission_efficiency(const LinkParams& p);
double effective_Bps(const LinkParams& p);
double unloaded_latency_s(const LinkParams& p, std::uint64_t bytes);
double fixed_latency_s(const LinkParams& p);  // SerDes + FEC + flight

}  // namespace lumen
