// Parameters of a chip-to-chip link: optical (ports × wavelengths × Gb/s per wavelength) or
// electrical (lanes × Gb/s per lane), with SerDes and FEC latency, time of flight, bit errors
// with CRC and retransmission, and energy. Built by platforms/ from a link preset or config.
#pragma once

#include <cstdint>
#include <string>

namespace lumen {

enum class LinkKind { kOptical, kElectrical };
enum class Modulation { kNrz, kPam4 };  // bits per symbol: 1, 2
// kNone: a frame a CRC finds bad is delivered anyway (no retry): its time is not lost, its data is.
enum class Retransmission { kGoBackN, kSelectiveRepeat, kNone };

struct LinkParams {
  std::string name;
  LinkKind kind = LinkKind::kElectrical;
  // Optical: ports × wavelengths per port × Gb/s per wavelength. Electrical: lanes × Gb/s.
  std::uint32_t ports = 1, wavelengths = 1, lanes = 1;
  double lane_gbps = 100;  // per wavelength (optical) or per lane (electrical), one direction
  Modulation modulation = Modulation::kNrz;
  double serdes_s = 0;              // serialiser + deserialiser, both ends together
  double fec_s = 0;                 // forward error correction encode + decode
  double length_m = 0;              // fibre or trace length
  double reach_m = 0;               // longest length the link is specified for; 0 = not stated
  double flight_s_per_m = 5e-9;     // ≈ 5 ns/m in fibre (group index 1.5), 5–6 ns/m on copper
  double ber = 0;                   // bit-error rate after FEC
  std::uint32_t frame_bytes = 256;  // payload per frame (the CRC and retransmission unit)
  std::uint32_t frame_overhead_bytes = 16;  // header + CRC per frame
  Retransmission retransmission = Retransmission::kGoBackN;
  std::uint32_t replay_frames = 64;    // replay buffer: frames in flight unacknowledged
  double energy_J_per_bit = 0;         // dynamic, per bit moved (optical engine or SerDes)
  double laser_W = 0;                  // laser wall-plug power, on whether or not traffic flows
  double tuning_W_per_wavelength = 0;  // ring heater / tuning, per wavelength, static
  std::uint64_t seed = 1;              // bit-error draws

  std::uint32_t channels() const {
    return kind == LinkKind::kOptical ? ports * wavelengths : lanes;
  }
  // Line rate of one direction in bytes per second (before framing and retransmission).
  double raw_Bps() const { return channels() * lane_gbps * 1e9 / 8; }
  double flight_s() const { return length_m * flight_s_per_m; }
  double static_W() const {
    return laser_W + (kind == LinkKind::kOptical ? tuning_W_per_wavelength * channels() : 0.0);
  }
};

}  // namespace lumen
