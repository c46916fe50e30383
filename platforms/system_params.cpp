#include "platforms/system_params.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "core/diagnostics.h"
#include "core/units.h"
#include "models/compute/vector_ops.h"
#include "models/io/fabric_topology.h"
#include "platforms/link_presets.h"

namespace lumen {

using json = nlohmann::json;

namespace {

std::string preset_names() {
  std::string names;
  for (const auto& [name, text] : link_preset_texts()) names += (names.empty() ? "" : ", ") + name;
  return names;
}

double time_or(const json& node, const char* key, double fallback) {
  return node.contains(key) ? parse_quantity(node[key].get<std::string>(), Dimension::kTime)
                            : fallback;
}
double power_or(const json& node, const char* key, double fallback) {
  return node.contains(key) ? parse_quantity(node[key].get<std::string>(), Dimension::kPower)
                            : fallback;
}

// The squarest rows × cols = chips, rows ≤ cols.
std::pair<std::uint32_t, std::uint32_t> squarest(std::uint32_t chips) {
  std::uint32_t rows = static_cast<std::uint32_t>(std::sqrt(static_cast<double>(chips)));
  while (rows > 1 && chips % rows != 0) --rows;
  return {rows, chips / rows};
}

}  // namespace

json resolve_link_json(const json& link, const std::string& pointer, const SourceMap& sources) {
  const auto preset = [&](const std::string& name, const std::string& where) {
    const auto& texts = link_preset_texts();
    const auto it = texts.find(name);
    if (it == texts.end())
      throw InputError(
          sources.diagnose(where, "a link preset (" + preset_names() + ")", "\"" + name + "\""));
    return json::parse(it->second);
  };
  if (link.is_string()) return preset(link.get<std::string>(), pointer);
  json resolved = link.contains("preset")
                      ? preset(link["preset"].get<std::string>(), pointer + "/preset")
                      : json::object();
  for (const auto& [key, value] : link.items())
    if (key != "preset") resolved[key] = value;
  if (!link.contains("name"))
    resolved["name"] = link.contains("preset") ? resolved["name"] : "custom";
  if (!resolved.contains("kind"))
    throw InputError(
        sources.diagnose(pointer, "a link with a \"kind\" (or a \"preset\")", "neither"));
  return resolved;
}

double chip_reduce_Bps(const ChipParams& chip, DType dtype) {
  constexpr std::uint64_t kElements = 1 << 20;  // long enough that fixed costs vanish
  const double bytes = static_cast<double>(dtype_bytes(dtype, kElements));
  const double cycles = static_cast<double>(
      vector_cycles(chip.tile.vector, VectorKernel::kResidualAdd, dtype, 1, kElements));
  const double vector_Bps = bytes / (cycles / chip.clock_hz) * chip.tiles();
  const double memory_Bps = (chip.has_hbm ? chip.hbm.peak_Bps() : chip.memory.bandwidth_Bps) / 3.0;
  return chip.memory.ideal && !chip.has_hbm ? vector_Bps : std::min(vector_Bps, memory_Bps);
}

SystemParams system_params_from(const json& platform, const SourceMap& sources) {
  SystemParams s;
  s.chip = chip_params_from(platform);
  const json& system = platform.at("system");
  const json& fabric = system.at("fabric");
  const std::string base = "/platform/system/fabric";
  FabricParams& f = s.fabric;
  f.chips = system.at("chips").get<std::uint32_t>();
  const std::string topology = fabric.at("topology").get<std::string>();
  for (auto t : {FabricTopology::kRing, FabricTopology::kTorus, FabricTopology::kFullMesh,
                 FabricTopology::kSwitch, FabricTopology::kOcs})
    if (topology == topology_name(t)) f.topology = t;

  const json link = resolve_link_json(fabric.at("link"), base + "/link", sources);
  try {
    f.link = link_params_from(link);
  } catch (const std::exception& e) {
    throw InputError(sources.diagnose(base + "/link", "a link with valid values", e.what()));
  }
  s.link_name = link.value("name", "custom");
  s.link_source = link.value("source", "");
  s.link_estimate = link.value("estimate", false);
  if (f.link.reach_m > 0 && f.link.length_m > f.link.reach_m)
    throw InputError(sources.diagnose(
        base + "/link/length_m",
        fmt::format("a length within the link's reach ({} m for {})", f.link.reach_m, s.link_name),
        fmt::format("{} m", f.link.length_m)));
  if (f.link.channels() == 0 || f.link.lane_gbps <= 0)
    throw InputError(sources.diagnose(base + "/link", "a link with at least one channel",
                                      fmt::format("{} channels", f.link.channels())));

  if (f.topology == FabricTopology::kTorus) {
    auto [rows, cols] = squarest(f.chips);
    if (fabric.contains("torus")) {
      rows = fabric["torus"].at("rows").get<std::uint32_t>();
      cols = fabric["torus"].at("cols").get<std::uint32_t>();
    }
    if (rows * cols != f.chips)
      throw InputError(sources.diagnose(base + "/torus",
                                        fmt::format("rows × cols = {} chips", f.chips),
                                        fmt::format("{} × {} = {}", rows, cols, rows * cols)));
    f.torus_rows = rows;
    f.torus_cols = cols;
  }
  if (f.topology == FabricTopology::kOcs && f.link.kind != LinkKind::kOptical)
    throw InputError(sources.diagnose(base + "/link",
                                      "an optical link for an optical circuit switch",
                                      "an electrical link (" + s.link_name + ")"));
  if (f.topology != FabricTopology::kSwitch && f.topology != FabricTopology::kOcs) {
    FabricParams probe = f;
    probe.link.lanes = probe.link.ports = probe.link.wavelengths = 1u << 10;  // count only
    const std::uint32_t neighbours = FabricTopologyGraph(probe).neighbours_per_chip();
    if (f.link.channels() < neighbours)
      throw InputError(sources.diagnose(
          base + "/link",
          fmt::format("at least one channel per neighbour ({} neighbours in a {} of {} chips)",
                      neighbours, topology, f.chips),
          fmt::format("{} channels ({})", f.link.channels(), s.link_name)));
  }

  f.nic_latency_s = time_or(fabric, "nic_latency", 100e-9);
  f.nic_outstanding = fabric.value("nic_outstanding", 8u);
  f.forward_latency_s = time_or(fabric, "forward_latency", 20e-9);
  if (fabric.contains("switch")) {
    f.switch_latency_s = time_or(fabric["switch"], "latency", f.switch_latency_s);
    f.switch_W = power_or(fabric["switch"], "power", f.switch_W);
  }
  if (f.topology == FabricTopology::kSwitch && !fabric.contains("switch"))
    f.switch_latency_s = 100e-9;
  f.ocs_reconfiguration_s = 10e-6;
  if (fabric.contains("ocs")) {
    f.ocs_reconfiguration_s = time_or(fabric["ocs"], "reconfiguration", f.ocs_reconfiguration_s);
    f.ocs_W = power_or(fabric["ocs"], "power", f.ocs_W);
  }
  f.reduce_fixed_s = 0;
  f.reduce_Bps = chip_reduce_Bps(s.chip, DType::kBf16);
  if (fabric.contains("faults")) {
    const FabricTopologyGraph graph(f);
    const auto node_of = [&](const std::string& name) -> std::uint32_t {
      return name == "switch" ? f.chips : static_cast<std::uint32_t>(std::stoul(name.substr(1)));
    };
    for (std::size_t i = 0; i < fabric["faults"].size(); ++i) {
      const json& fault = fabric["faults"][i];
      const std::string link = fault.at("link").get<std::string>();
      const auto arrow = link.find('>');
      LinkFault lf;
      lf.from = node_of(link.substr(0, arrow));
      lf.to = node_of(link.substr(arrow + 1));
      if (graph.edge_between(lf.from, lf.to) < 0) {
        const FabricEdge& first = graph.edges().front();
        const auto name = [&](std::uint32_t n) {
          return n == f.chips ? std::string("switch") : "c" + std::to_string(n);
        };
        throw InputError(
            sources.diagnose(fmt::format("{}/faults/{}/link", base, i),
                             fmt::format("a link of this {} (from chip to neighbour, e.g. {}>{})",
                                         topology, name(first.from), name(first.to)),
                             "\"" + link + "\""));
      }
      lf.down_s = time_or(fault, "down_at", 0);
      lf.up_s = time_or(fault, "up_at", 0);
      f.faults.push_back(lf);
    }
  }
  return s;
}

}  // namespace lumen
