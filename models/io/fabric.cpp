#include "models/io/fabric.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "models/io/fabric_message.h"

namespace lumen {

using sc_core::sc_time;

Fabric::Fabric(const sc_core::sc_module_name& name, const FabricParams& params)
    : sc_core::sc_module(name),
      target_socket("target_socket"),
      initiator_socket("initiator_socket"),
      params_(params),
      graph_(params),
      to_links_("to_links"),
      from_links_("from_links") {
  target_socket.register_b_transport(this, &Fabric::b_transport);
  from_links_.register_b_transport(this, &Fabric::hop_arrived);
  const bool ocs = params.topology == FabricTopology::kOcs;
  for (const FabricEdge& edge : graph_.edges()) {
    LinkParams link = edge.link;
    // Each link draws its own bit errors, seeded apart so parallel links do not err together.
    link.seed = params.link.seed + 0x9e37u * (edge.from * graph_.nodes() + edge.to + 1);
    if (ocs) link.laser_W = link.tuning_W_per_wavelength = 0;  // the chip's, counted once
    const std::string link_name = node_name(edge.from) + "_" + node_name(edge.to);
    links_.push_back(std::make_unique<Link>(link_name.c_str(), link));
    if (ocs) links_.back()->set_channels(0);
    to_links_.bind(links_.back()->target_socket);
    links_.back()->initiator_socket.bind(from_links_);
  }
  routes_.resize(params.chips);
  for (std::uint32_t s = 0; s < params.chips; ++s) {
    routes_[s].resize(params.chips);
    for (std::uint32_t d = 0; d < params.chips; ++d)
      if (s != d) routes_[s][d] = graph_.route(s, d);
  }
  if (ocs)
    for (std::uint32_t i = 0; i < params.chips; ++i) circuits_.emplace_back();
}

std::string Fabric::node_name(std::uint32_t node) const {
  return node == params_.chips ? "switch" : "c" + std::to_string(node);
}

void Fabric::plan_send(std::uint32_t src, std::uint32_t dst, std::uint32_t phase) {
  if (params_.topology != FabricTopology::kOcs) return;
  auto& destinations = circuits_.at(src).destinations[phase];
  destinations.insert(dst);
  if (destinations.size() > params_.link.ports)
    throw std::invalid_argument("phase " + std::to_string(phase) + " of chip " +
                                std::to_string(src) + " sends to " +
                                std::to_string(destinations.size()) + " chips, more than its " +
                                std::to_string(params_.link.ports) + " OCS ports");
}

std::string Fabric::link_name(std::size_t edge) const {
  const FabricEdge& e = graph_.edges()[edge];
  return node_name(e.from) + ">" + node_name(e.to);
}

bool Fabric::link_up(std::size_t edge, double at_s) const {
  const FabricEdge& e = graph_.edges()[edge];
  for (const LinkFault& f : params_.faults)
    if (f.from == e.from && f.to == e.to && at_s >= f.down_s &&
        (f.up_s <= f.down_s || at_s < f.up_s))
      return false;
  return true;
}

std::vector<std::uint32_t> Fabric::detour(std::uint32_t at, std::uint32_t dst, double at_s) const {
  // Breadth first over the links that are up: a minimal detour in hops.
  const std::uint32_t nodes = graph_.nodes();
  std::vector<int> via(nodes, -1);
  std::vector<bool> seen(nodes, false);
  std::deque<std::uint32_t> frontier{at};
  seen[at] = true;
  while (!frontier.empty() && !seen[dst]) {
    const std::uint32_t n = frontier.front();
    frontier.pop_front();
    for (std::size_t e = 0; e < graph_.edges().size(); ++e) {
      const FabricEdge& edge = graph_.edges()[e];
      if (edge.from != n || seen[edge.to] || !link_up(e, at_s)) continue;
      // Chips forward on a ring, a torus or a full mesh; behind a switch or an OCS they do not.
      const bool chips_forward =
          params_.topology != FabricTopology::kSwitch && params_.topology != FabricTopology::kOcs;
      if (edge.to < params_.chips && edge.to != dst && !chips_forward) continue;
      seen[edge.to] = true;
      via[edge.to] = static_cast<int>(e);
      frontier.push_back(edge.to);
    }
  }
  std::vector<std::uint32_t> path;
  if (!seen[dst]) return path;
  for (std::uint32_t n = dst; n != at; n = graph_.edges()[via[n]].from)
    path.insert(path.begin(), static_cast<std::uint32_t>(via[n]));
  return path;
}

void Fabric::acquire_circuits(std::uint32_t src, std::uint32_t phase) {
  Circuits& c = circuits_[src];
  while (c.phase != static_cast<int>(phase)) {
    if (c.reconfiguring || c.in_flight > 0) {
      wait(c.changed);
      continue;
    }
    const std::set<std::uint32_t>& wanted = c.destinations[phase];
    if (wanted != c.current) {
      c.reconfiguring = true;
      const sc_time setup(params_.ocs_reconfiguration_s, sc_core::SC_SEC);
      wait(setup);
      ++reconfigurations_;
      reconfiguration_s_ += setup.to_seconds();
      const std::uint32_t ports = params_.link.ports / static_cast<std::uint32_t>(wanted.size());
      for (std::uint32_t d = 0; d < params_.chips; ++d) {
        const int e = graph_.edge_between(src, d);
        if (e >= 0) links_[e]->set_channels(wanted.count(d) ? ports * params_.link.wavelengths : 0);
      }
      c.current = wanted;
      c.reconfiguring = false;
    }
    c.phase = static_cast<int>(phase);
    c.changed.notify();
  }
  ++c.in_flight;
}

void Fabric::release_circuits(std::uint32_t src) {
  Circuits& c = circuits_[src];
  if (--c.in_flight == 0) c.changed.notify();
}

void Fabric::b_transport(int chip, tlm::tlm_generic_payload& payload, sc_time& delay) {
  if (delay > sc_core::SC_ZERO_TIME) {
    wait(delay);
    delay = sc_core::SC_ZERO_TIME;
  }
  const auto src = static_cast<std::uint32_t>(chip);
  const std::uint32_t dst = fabric_chip_of(payload.get_address());
  if (dst >= params_.chips || dst == src) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const bool ocs = params_.topology == FabricTopology::kOcs;
  if (ocs) {
    const FabricMessage* message = payload.get_extension<FabricMessage>();
    acquire_circuits(src, message ? message->phase : 0);
  }
  CutThrough cut_through;
  cut_through.tail = sc_core::sc_time_stamp();
  payload.set_extension(&cut_through);
  std::vector<std::uint32_t> hops = routes_[src][dst];
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
  bool rerouted = false;
  for (std::size_t h = 0; h < hops.size(); ++h) {
    const double now = sc_core::sc_time_stamp().to_seconds();
    if (!params_.faults.empty() && !link_up(hops[h], now)) {
      const std::uint32_t at = graph_.edges()[hops[h]].from;
      std::vector<std::uint32_t> around = detour(at, dst, now);
      if (around.empty()) {
        if (fault_.empty())
          fault_ = fmt::format(
              "link {} is down at {:.1f} ns and no other route takes the message from chip {} "
              "to chip {}",
              link_name(hops[h]), now * 1e9, src, dst);
        // The message is lost; the run goes on until nothing else can move (sc_stop from a
        // thread confuses AddressSanitizer's view of SystemC's coroutine stacks).
        payload.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        break;
      }
      hops.resize(h);
      hops.insert(hops.end(), around.begin(), around.end());
      rerouted = true;
    }
    if (h > 0) {  // inside the node between two hops: a switch, or a chip forwarding
      const bool at_switch = graph_.edges()[hops[h]].from == params_.chips;
      const sc_time node(at_switch ? params_.switch_latency_s : params_.forward_latency_s,
                         sc_core::SC_SEC);
      if (node > sc_core::SC_ZERO_TIME) {
        wait(node);
        cut_through.tail += node;
      }
    }
    sc_time none = sc_core::SC_ZERO_TIME;
    to_links_[hops[h]]->b_transport(payload, none);
    if (payload.is_response_error()) break;
  }
  payload.clear_extension(&cut_through);
  if (ocs) release_circuits(src);
  if (rerouted) ++rerouted_;
  if (payload.is_response_error()) return;
  if (cut_through.tail > sc_core::sc_time_stamp())
    wait(cut_through.tail - sc_core::sc_time_stamp());
  ++messages_;
  bytes_ += payload.get_data_length();
  sc_time far = sc_core::SC_ZERO_TIME;
  initiator_socket[dst]->b_transport(payload, far);
  if (far > sc_core::SC_ZERO_TIME) wait(far);
}

double Fabric::dynamic_energy_J() const {
  double joules = 0;
  for (const auto& link : links_) joules += link->dynamic_energy_J();
  return joules;
}

double Fabric::static_W() const {
  double watts = 0;
  if (params_.topology == FabricTopology::kOcs) {
    watts = params_.chips * params_.link.static_W() + params_.ocs_W;
  } else {
    for (const auto& link : links_) watts += link->params().static_W();
    if (params_.topology == FabricTopology::kSwitch) watts += params_.switch_W;
  }
  return watts;
}

void Fabric::collect(StatsCollector& stats, const std::string& prefix, double total_ns) const {
  const std::string self = prefix + "fabric";
  stats.set(self, "messages", static_cast<double>(messages_));
  stats.set(self, "bytes", static_cast<double>(bytes_));
  stats.set(self, "links", static_cast<double>(links_.size()));
  stats.set(self, "ocs_reconfigurations", static_cast<double>(reconfigurations_));
  stats.set(self, "rerouted_messages", static_cast<double>(rerouted_));
  stats.set(self, "ocs_reconfiguration_ns", reconfiguration_s_ * 1e9);
  stats.set(self, "energy_dynamic_pJ", dynamic_energy_J() * 1e12);
  stats.set(self, "energy_static_pJ", static_W() * total_ns * 1e-9 * 1e12);
  StatsCollector per_link;
  for (std::size_t e = 0; e < links_.size(); ++e) {
    if (links_[e]->bytes() == 0 && params_.topology == FabricTopology::kOcs) continue;
    links_[e]->collect(per_link, total_ns);
    const FabricEdge& edge = graph_.edges()[e];
    const std::string path = self + ".link." + node_name(edge.from) + ">" + node_name(edge.to);
    for (const auto& [key, value] : per_link.components().at(links_[e]->name()))
      stats.set(path, key, value);
  }
}

}  // namespace lumen
