#include "platforms/hbm_params.h"

#include <fmt/format.h>

#include "core/units.h"

namespace lumen {
namespace {

using json = nlohmann::json;

const json& preset(const std::string& standard) {
  static std::map<std::string, json> parsed;
  auto it = parsed.find(standard);
  if (it == parsed.end())
    it = parsed.emplace(standard, json::parse(hbm_preset_texts().at(standard))).first;
  return it->second;
}

template <typename T>
void take(const json& node, const char* key, T& field) {
  if (node.contains(key)) field = node[key].get<T>();
}

DramOrganisation organisation_from(const json& o) {
  DramOrganisation org;
  take(o, "channels_per_stack", org.channels_per_stack);
  take(o, "pseudo_channels", org.pseudo_channels);
  take(o, "stack_ids", org.stack_ids);
  take(o, "bank_groups", org.bank_groups);
  take(o, "banks_per_group", org.banks_per_group);
  take(o, "rows", org.rows);
  take(o, "columns", org.columns);
  take(o, "dq_bits", org.dq_bits);
  take(o, "burst_length", org.burst_length);
  return org;
}

void timings_from(const json& t, DramTimings& d) {
  take(t, "tCK_ps", d.tCK_ps);
  take(t, "rate_mbps", d.rate_mbps);
  take(t, "tick_multiplier", d.tick_multiplier);
  take(t, "act_ck", d.act_ck);
  take(t, "row_cmd_ck", d.row_cmd_ck);
  using Field = std::uint32_t DramTimings::*;
  static const std::pair<const char*, Field> kCycles[] = {
      {"nBL", &DramTimings::nBL},        {"nCL", &DramTimings::nCL},
      {"nCWL", &DramTimings::nCWL},      {"nRCDRD", &DramTimings::nRCDRD},
      {"nRCDWR", &DramTimings::nRCDWR},  {"nRP", &DramTimings::nRP},
      {"nRAS", &DramTimings::nRAS},      {"nRC", &DramTimings::nRC},
      {"nWR", &DramTimings::nWR},        {"nRTP", &DramTimings::nRTP},
      {"nCCDS", &DramTimings::nCCDS},    {"nCCDL", &DramTimings::nCCDL},
      {"nCCDR", &DramTimings::nCCDR},    {"nRRDS", &DramTimings::nRRDS},
      {"nRRDL", &DramTimings::nRRDL},    {"nFAW", &DramTimings::nFAW},
      {"nWTRS", &DramTimings::nWTRS},    {"nWTRL", &DramTimings::nWTRL},
      {"nRTW", &DramTimings::nRTW},      {"nPPD", &DramTimings::nPPD},
      {"nRFC", &DramTimings::nRFC},      {"nRFCpb", &DramTimings::nRFCpb},
      {"nRREFD", &DramTimings::nRREFD},  {"nREFI", &DramTimings::nREFI},
      {"nREFIpb", &DramTimings::nREFIpb}};
  for (const auto& [key, field] : kCycles) take(t, key, d.*field);
}

bool refresh_needs_interval(const HbmParams& p) {
  return p.controller.refresh != RefreshPolicy::kNone;
}

}  // namespace

std::string resolve_hbm_mapping(const std::string& name) {
  if (name == "row_major") return "ro_ba_bg_sid_pc_co";
  if (name == "bank_interleaved") return "ro_ba_sid_co_pc_bg";
  if (name == "line_interleaved") return "ro_ba_sid_co_bg_pc_co2";
  return name;
}

HbmParams hbm_params_from(const json& hbm) {
  const std::string standard = hbm.at("standard").get<std::string>();
  const json& base = preset(standard);
  DramOrganisation org = organisation_from(base.at("organisation"));
  if (hbm.contains("organisation")) {
    json merged = base.at("organisation");
    merged.merge_patch(hbm["organisation"]);
    org = organisation_from(merged);
  }
  DramTimings timing;
  timings_from(base.at("timing"), timing);
  if (hbm.contains("timing")) timings_from(hbm["timing"], timing);

  HbmParams p;
  p.spec = make_dram_spec(standard, org, timing);
  p.stacks = hbm.value("stacks", 1u);
  p.channels = hbm.value("channels", 0u);
  p.mapping = resolve_hbm_mapping(hbm.value("mapping", "line_interleaved"));
  p.interleave_bytes = hbm.contains("interleave")
                           ? static_cast<std::uint64_t>(parse_quantity(
                                 hbm["interleave"].get<std::string>(), Dimension::kDataSize))
                           : 256;
  DramControllerParams& c = p.controller;
  take(hbm, "read_queue", c.read_queue);
  take(hbm, "write_queue", c.write_queue);
  take(hbm, "write_high_watermark", c.write_high_watermark);
  take(hbm, "write_low_watermark", c.write_low_watermark);
  c.page_policy =
      hbm.value("page_policy", "open") == "closed" ? PagePolicy::kClosed : PagePolicy::kOpen;
  const std::string refresh = hbm.value("refresh", "all_bank");
  c.refresh = refresh == "per_bank" ? RefreshPolicy::kPerBank
              : refresh == "none"   ? RefreshPolicy::kNone
                                    : RefreshPolicy::kAllBank;
  return p;
}

std::vector<Diagnostic> check_hbm(const json& platform, const SourceMap& sources) {
  std::vector<Diagnostic> problems;
  const json& chip = platform.at("chip");
  const bool has_hbm = chip.contains("hbm"), has_memory = chip.contains("memory");
  if (has_hbm && has_memory) {
    problems.push_back(sources.diagnose("/platform/chip/memory",
                                        "either memory or hbm (remove one; \"memory\": null in a "
                                        "file that extends another removes the inherited one)",
                                        "both"));
    return problems;
  }
  if (!has_hbm && !has_memory) {
    problems.push_back(
        sources.diagnose("/platform/chip", "a memory: \"memory\" or \"hbm\"", "neither"));
    return problems;
  }
  if (!has_hbm) return problems;
  const HbmParams p = hbm_params_from(chip["hbm"]);
  const std::uint32_t all = p.stacks * p.spec.org.channels_per_stack;
  if (p.channels > all) {
    problems.push_back(sources.diagnose("/platform/chip/hbm/channels",
                                        fmt::format("at most {} channels ({} stacks of {})", all,
                                                    p.stacks, p.spec.org.channels_per_stack),
                                        std::to_string(p.channels)));
  }
  std::string error;
  const std::uint64_t granule = p.interleave_bytes;
  if (!DramAddressMap::make(p.mapping, p.spec.org, p.used_channels(), granule, error)) {
    const bool about_granule = error.find("granule") != std::string::npos;
    problems.push_back(sources.diagnose(
        about_granule ? "/platform/chip/hbm/interleave" : "/platform/chip/hbm/mapping",
        about_granule ? error
                      : "row_major, bank_interleaved, line_interleaved or fields ch, pc, sid, "
                        "bg, ba, ro, co (optionally with a bit count, e.g. co2) joined by _ "
                        "(most significant first): " +
                            error,
        about_granule ? std::to_string(granule) + " B" : "\"" + p.mapping + "\""));
  }
  const DramTimings& t = p.spec.timing;
  if (refresh_needs_interval(p) && t.nREFI <= t.nRFC) {
    problems.push_back(
        sources.diagnose("/platform/chip/hbm/timing/nREFI",
                         fmt::format("a refresh interval longer than tRFC ({} CK)", t.nRFC),
                         std::to_string(t.nREFI)));
  }
  if (t.nCL + t.nBL == 0 || t.nCWL + t.nBL == 0 || t.nBL == 0) {
    problems.push_back(sources.diagnose("/platform/chip/hbm/timing/nBL",
                                        "a data burst of at least one CK", std::to_string(t.nBL)));
  }
  const auto& c = p.controller;
  if (c.write_low_watermark >= c.write_high_watermark) {
    problems.push_back(
        sources.diagnose("/platform/chip/hbm/write_low_watermark",
                         fmt::format("below write_high_watermark ({})", c.write_high_watermark),
                         fmt::format("{}", c.write_low_watermark)));
  }
  return problems;
}

}  // namespace lumen
