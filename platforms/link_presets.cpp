#include "platforms/link_presets.h"

#include <stdexcept>

#include "core/units.h"

namespace lumen {

using json = nlohmann::json;

LinkParams link_params_from(const json& link) {
  const auto quantity = [&](const char* key, Dimension dimension, double fallback) {
    return link.contains(key) ? parse_quantity(link[key].get<std::string>(), dimension) : fallback;
  };
  LinkParams p;
  p.name = link.value("name", "");
  const std::string kind = link.at("kind").get<std::string>();
  if (kind != "optical" && kind != "electrical")
    throw std::invalid_argument("link kind: expected optical or electrical, found " + kind);
  p.kind = kind == "optical" ? LinkKind::kOptical : LinkKind::kElectrical;
  p.ports = link.value("ports", 1u);
  p.wavelengths = link.value("wavelengths", 1u);
  p.lanes = link.value("lanes", 1u);
  p.lane_gbps = quantity("lane_rate", Dimension::kBandwidth, 12.5e9) * 8 / 1e9;
  p.modulation = link.value("modulation", "NRZ") == "PAM4" ? Modulation::kPam4 : Modulation::kNrz;
  p.serdes_s = quantity("serdes", Dimension::kTime, 0);
  p.fec_s = quantity("fec", Dimension::kTime, 0);
  p.length_m = link.value("length_m", 0.0);
  p.reach_m = link.value("reach_m", 0.0);
  p.ber = link.value("ber", 0.0);
  p.frame_bytes = static_cast<std::uint32_t>(quantity("frame", Dimension::kDataSize, 256));
  p.frame_overhead_bytes =
      static_cast<std::uint32_t>(quantity("frame_overhead", Dimension::kDataSize, 16));
  const std::string retransmission = link.value("retransmission", "go_back_n");
  p.retransmission = retransmission == "selective_repeat" ? Retransmission::kSelectiveRepeat
                     : retransmission == "none"           ? Retransmission::kNone
                                                          : Retransmission::kGoBackN;
  p.replay_frames = link.value("replay_frames", 64u);
  p.energy_J_per_bit = quantity("energy", Dimension::kEnergyPerBit, 0);
  p.laser_W = quantity("laser", Dimension::kPower, 0);
  p.tuning_W_per_wavelength = quantity("tuning_per_wavelength", Dimension::kPower, 0);
  return p;
}

}  // namespace lumen
