#include "platforms/system.h"

#include <algorithm>

namespace lumen {

System::System(const sc_core::sc_module_name& name, const SystemParams& params,
               TraceRecorder* trace)
    : sc_core::sc_module(name), params_(params) {
  fabric_ = std::make_unique<Fabric>("fabric", params.fabric);
  for (std::uint32_t i = 0; i < params.fabric.chips; ++i) {
    const std::string chip = "chip" + std::to_string(i);
    nodes_.push_back(std::make_unique<FabricNode>(chip.c_str(), i, params.fabric, trace));
    nodes_.back()->fabric_socket.bind(fabric_->target_socket);
    fabric_->initiator_socket.bind(nodes_.back()->receive_socket);
  }
}

void System::load(std::vector<FabricProgram> programs) {
  for (std::uint32_t i = 0; i < chips(); ++i) {
    for (const FabricCommand& c : programs.at(i).commands)
      if (c.op == FabricOp::kSend) fabric_->plan_send(i, c.peer, c.phase);
    nodes_[i]->load(std::move(programs[i]));
  }
}

bool System::finished() const {
  return std::all_of(nodes_.begin(), nodes_.end(), [](const auto& n) { return n->finished(); });
}

std::vector<std::string> System::pending_states() const {
  std::vector<std::string> states;
  for (const auto& node : nodes_)
    for (auto& state : node->pending_states()) states.push_back(std::move(state));
  return states;
}

double System::finished_s() const {
  double latest = 0;
  for (const auto& node : nodes_)
    for (double t : node->completed_at()) latest = std::max(latest, t);
  return latest;
}

void System::collect(StatsCollector& stats, double total_ns) const {
  const std::string prefix = std::string(name()) + ".";
  fabric_->collect(stats, prefix, total_ns);
  for (const auto& node : nodes_) node->collect(stats, node->name(), total_ns);
}

}  // namespace lumen
