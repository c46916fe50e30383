// The shipped link presets (configs/links/*.json): each names its source, parses, and gives the
// headline figure its source publishes (bandwidth per direction, energy per bit).
#include "platforms/link_presets.h"

#include <gtest/gtest.h>

#include "models/io/link_equations.h"

namespace lumen {
namespace {

LinkParams preset(const std::string& name) {
  return link_params_from(nlohmann::json::parse(link_preset_texts().at(name)));
}

TEST(LinkPresets, EveryPresetNamesItsSourceAndParses) {
  ASSERT_GE(link_preset_texts().size(), 5u);
  for (const auto& [name, text] : link_preset_texts()) {
    const auto json = nlohmann::json::parse(text);
    EXPECT_GT(json.at("source").get<std::string>().size(), 40u) << name;
    EXPECT_TRUE(json.at("estimate").is_boolean()) << name;
    const LinkParams p = link_params_from(json);
    EXPECT_EQ(p.name, name);
    EXPECT_GT(p.raw_Bps(), 0) << name;
    EXPECT_GT(p.energy_J_per_bit, 0) << name;
    EXPECT_GT(effective_Bps(p), 0.9 * p.raw_Bps()) << name << ": error-free framing only";
  }
}

TEST(LinkPresets, HeadlineFiguresMatchTheirSources) {
  // TeraPHY class: 8 ports × 16 λ × 32 Gb/s = 4.096 Tb/s per direction.
  EXPECT_DOUBLE_EQ(preset("teraphy").raw_Bps() * 8, 4.096e12);
  EXPECT_EQ(preset("teraphy").kind, LinkKind::kOptical);
  // Co-packaged optics: 200 Gb/s per λ PAM4, ≈ 5.6 pJ/bit including the laser.
  EXPECT_DOUBLE_EQ(preset("cpo-200g").lane_gbps, 200);
  EXPECT_EQ(preset("cpo-200g").modulation, Modulation::kPam4);
  EXPECT_DOUBLE_EQ(preset("cpo-200g").energy_J_per_bit, 5.6e-12);
  // NVLink 5 class: 900 GB/s per direction per GPU.
  EXPECT_DOUBLE_EQ(preset("nvlink5").raw_Bps(), 900e9);
  EXPECT_EQ(preset("nvlink5").kind, LinkKind::kElectrical);
  // UCIe 1.0: standard 16 × 32 GT/s = 64 GB/s at 0.5 pJ/bit; advanced 64 lanes at 0.25 pJ/bit.
  EXPECT_DOUBLE_EQ(preset("ucie-standard").raw_Bps(), 64e9);
  EXPECT_DOUBLE_EQ(preset("ucie-standard").energy_J_per_bit, 0.5e-12);
  EXPECT_DOUBLE_EQ(preset("ucie-advanced").raw_Bps(), 256e9);
  EXPECT_DOUBLE_EQ(preset("ucie-advanced").energy_J_per_bit, 0.25e-12);
  // Optical links pay static laser and tuning power; the die-to-die links do not.
  EXPECT_GT(preset("teraphy").static_W(), 1.5);
  EXPECT_DOUBLE_EQ(preset("ucie-advanced").static_W(), 0);
}

TEST(LinkPresets, BadUnitIsAnError) {
  auto json = nlohmann::json::parse(link_preset_texts().at("teraphy"));
  json["lane_rate"] = "32 GHz";
  EXPECT_ANY_THROW(link_params_from(json));
  json = nlohmann::json::parse(link_preset_texts().at("teraphy"));
  json["kind"] = "wireless";
  EXPECT_THROW(link_params_from(json), std::invalid_argument);
}

}  // namespace
}  // namespace lumen
