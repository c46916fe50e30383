// A multi-chip system: a Fabric and one FabricNode per chip, bound through standard TLM-2.0
// sockets (node i's initiator to the fabric's target binding i, the fabric's initiator binding i
// to node i's receive target). Programs come from workloads/ (collectives, ping-pong, Pong).
// Several systems may live in one elaboration (a report comparing fabrics runs them side by
// side); each is named, and its statistics are prefixed with its name.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "models/io/fabric.h"
#include "models/io/fabric_node.h"
#include "platforms/system_params.h"

namespace lumen {

class System : public sc_core::sc_module {
 public:
  System(const sc_core::sc_module_name& name, const SystemParams& params, TraceRecorder* trace);

  const SystemParams& params() const { return params_; }
  std::uint32_t chips() const { return params_.fabric.chips; }
  FabricNode& node(std::size_t chip) { return *nodes_.at(chip); }
  const FabricNode& node(std::size_t chip) const { return *nodes_.at(chip); }
  const Fabric& fabric() const { return *fabric_; }

  // Loads one program per chip and tells the OCS every send's phase. Throws
  // std::invalid_argument when a phase needs more circuits than a chip has ports.
  void load(std::vector<FabricProgram> programs);
  bool finished() const;
  std::vector<std::string> pending_states() const;
  // Latest completion of any command (seconds).
  double finished_s() const;
  void collect(StatsCollector& stats, double total_ns) const;

 private:
  SystemParams params_;
  std::unique_ptr<Fabric> fabric_;
  std::vector<std::unique_ptr<FabricNode>> nodes_;
};

}  // namespace lumen
