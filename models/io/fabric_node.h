// A chip as the fabric sees it: a NIC with `nic_outstanding` send engines, a receive side that
// matches arriving messages to receive commands, a reduction engine and a compute engine, running
// one FabricProgram. A command starts as soon as its dependencies have completed (dependents
// are counted down, so a program of n commands costs O(n), not O(n²)); engines serve their ready
// commands in the order they became ready. Timing:
//   send     NIC latency, then the fabric's b_transport (routing, links, contention) to delivery
//   recv     completes when its dependencies are done and its message has been delivered
//   reduce   reduce_fixed + bytes / reduce_Bps on the one reduction engine
//   compute  its stated duration on the one compute engine
// Messages carry no data (timing only): their length is what the links serialise.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "core/stats.h"
#include "core/trace.h"
#include "models/io/fabric_message.h"
#include "models/io/fabric_params.h"
#include "models/io/fabric_program.h"

namespace lumen {

class FabricNode : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<FabricNode> fabric_socket;  // sends
  tlm_utils::simple_target_socket<FabricNode> receive_socket;    // deliveries

  FabricNode(const sc_core::sc_module_name& name, std::uint32_t chip, const FabricParams& params,
             TraceRecorder* trace);
  ~FabricNode() override;

  void load(FabricProgram program);
  const FabricProgram& program() const { return program_; }
  bool finished() const { return completed_count_ == program_.commands.size(); }
  // Completion time of each command (seconds); −1 while not done.
  const std::vector<double>& completed_at() const { return completed_at_; }
  const std::vector<double>& started_at() const { return started_at_; }
  std::vector<std::string> pending_states() const;
  void collect(StatsCollector& stats, const std::string& path, double total_ns) const;

 private:
  using Key = std::pair<std::uint32_t, std::uint32_t>;  // sender, tag

  void start();  // dispatches the commands without dependencies
  // One per outstanding message, each with its payload (owned here: the threads never return).
  void sender(tlm::tlm_generic_payload& payload, FabricMessage& message);
  void reducer();
  void computer();
  void dispatch(std::uint32_t id);
  void complete(std::uint32_t id);
  void receive(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  void record(std::uint32_t id, const char* track);

  std::uint32_t chip_;
  FabricParams params_;
  TraceRecorder* trace_;
  FabricProgram program_;
  std::vector<std::uint32_t> remaining_deps_;
  std::vector<std::vector<std::uint32_t>> dependents_;
  std::vector<double> started_at_, completed_at_;
  std::size_t completed_count_ = 0;
  std::deque<tlm::tlm_generic_payload> payloads_;
  std::deque<FabricMessage> messages_;
  std::deque<std::uint32_t> sends_, reduces_, computes_;
  sc_core::sc_event send_ready_, reduce_ready_, compute_ready_;
  std::map<Key, std::uint32_t> arrived_;                // delivered, not yet received
  std::map<Key, std::deque<std::uint32_t>> receivers_;  // receive commands waiting
  std::uint64_t sent_bytes_ = 0, received_bytes_ = 0, messages_sent_ = 0;
  std::map<const tlm::tlm_generic_payload*, std::vector<unsigned char>> buffers_;  // functional
  std::uint64_t payloads_intact_ = 0, payloads_corrupted_ = 0;
  double send_busy_s_ = 0, reduce_busy_s_ = 0, compute_busy_s_ = 0;
  std::uint32_t sends_in_flight_ = 0;
  sc_core::sc_time sending_since_;
};

}  // namespace lumen
