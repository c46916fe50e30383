#include "explore/system_variants.h"

#include <fmt/format.h>

#include "core/diagnostics.h"
#include "models/io/fabric_topology.h"
#include "models/io/link_equations.h"

namespace lumen {

using json = nlohmann::json;

namespace {
std::string label_of(const SystemParams& p) {
  return fmt::format("{} {}", p.link_name, topology_name(p.fabric.topology));
}
}  // namespace

std::vector<SystemVariant> system_variants(const ConfigDocument& run) {
  const json& platform = run.value["platform"];
  const json& scenario = run.value["scenario"];
  const std::string kind = scenario.at("kind").get<std::string>();
  if (!platform.contains("system"))
    throw InputError(run.sources.diagnose(
        "/platform/system",
        "a multi-chip system (system.chips and system.fabric) for a " + kind + " scenario",
        "a single chip"));
  std::vector<SystemVariant> variants;
  SystemParams main = system_params_from(platform, run.sources);
  variants.push_back({label_of(main), main});
  if (!scenario.contains("compare")) return variants;
  const json& compare = scenario["compare"];
  for (std::size_t i = 0; i < compare.size(); ++i) {
    const std::string pointer = fmt::format("/scenario/compare/{}", i);
    json alternative = platform;
    json& fabric = alternative["system"]["fabric"];
    fabric.erase("faults");  // faults belong to the platform's own fabric
    if (compare[i].contains("link")) fabric["link"] = compare[i]["link"];
    if (compare[i].contains("topology")) fabric["topology"] = compare[i]["topology"];
    try {
      SystemParams p = system_params_from(alternative, run.sources);
      variants.push_back({compare[i].value("name", label_of(p)), p});
    } catch (const InputError& e) {
      const Diagnostic& d = e.diagnostics().front();
      throw InputError(run.sources.diagnose(pointer, d.expected, d.found));
    }
  }
  return variants;
}

double MessageCost::time_s(std::uint64_t bytes) const {
  const std::uint64_t frames = std::max<std::uint64_t>(1, (bytes + frame_bytes - 1) / frame_bytes);
  return alpha_s + static_cast<double>(frames) * frame_s;
}

MessageCost message_cost(const FabricParams& fabric, std::uint32_t src, std::uint32_t dst) {
  const FabricTopologyGraph graph(fabric);
  const auto route = graph.route(src, dst);
  const LinkParams link =
      fabric.topology == FabricTopology::kOcs ? fabric.link : graph.edges()[route.front()].link;
  MessageCost cost;
  cost.hops = static_cast<std::uint32_t>(route.size());
  cost.frame_bytes = link.frame_bytes;
  cost.frame_s = (link.frame_bytes + link.frame_overhead_bytes) / link.raw_Bps();
  cost.bandwidth_Bps = link.raw_Bps() * framing_efficiency(link);
  const double node = fabric.topology == FabricTopology::kSwitch ? fabric.switch_latency_s
                                                                 : fabric.forward_latency_s;
  cost.alpha_s = fabric.nic_latency_s + cost.hops * fixed_latency_s(link) +
                 (cost.hops - 1) * (cost.frame_s + node);
  return cost;
}

CollectiveCosts collective_costs(const FabricParams& f, CollectiveAlgorithm algorithm,
                                 std::uint64_t reconfigurations) {
  const MessageCost message = message_cost(f, 0, 1);
  CollectiveCosts costs;
  costs.alpha_s = message.alpha_s;
  costs.bandwidth_Bps = message.bandwidth_Bps;
  costs.gamma_s_per_byte = f.reduce_Bps > 0 ? 1 / f.reduce_Bps : 0;
  costs.reduce_fixed_s = f.reduce_fixed_s;
  costs.outstanding = std::max(1u, f.nic_outstanding);
  if (f.topology == FabricTopology::kOcs) {
    costs.reconfigurations = reconfigurations;
    costs.reconfiguration_s = f.ocs_reconfiguration_s;
    if (algorithm == CollectiveAlgorithm::kBidirectionalRing)
      costs.bandwidth_Bps *= static_cast<double>(f.link.ports / 2) / f.link.ports;
  }
  return costs;
}

}  // namespace lumen
