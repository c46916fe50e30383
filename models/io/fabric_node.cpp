#include "models/io/fabric_node.h"

#include <fmt/format.h>

#include "models/io/fabric_message.h"

namespace lumen {

using sc_core::sc_time;

FabricNode::FabricNode(const sc_core::sc_module_name& name, std::uint32_t chip,
                       const FabricParams& params, TraceRecorder* trace)
    : sc_core::sc_module(name),
      fabric_socket("fabric_socket"),
      receive_socket("receive_socket"),
      chip_(chip),
      params_(params),
      trace_(trace) {
  receive_socket.register_b_transport(this, &FabricNode::receive);
  SC_HAS_PROCESS(FabricNode);
  SC_THREAD(start);
  const std::uint32_t senders = std::max(1u, params.nic_outstanding);
  for (std::uint32_t i = 0; i < senders; ++i) {
    payloads_.emplace_back();
    messages_.emplace_back();
    messages_[i].src = chip;
    payloads_[i].set_extension(&messages_[i]);
    sc_core::sc_spawn_options options;
    sc_core::sc_spawn([this, i] { sender(payloads_[i], messages_[i]); },
                      sc_core::sc_gen_unique_name("sender"), &options);
  }
  SC_THREAD(reducer);
  SC_THREAD(computer);
}

FabricNode::~FabricNode() {
  for (std::size_t i = 0; i < payloads_.size(); ++i) payloads_[i].clear_extension(&messages_[i]);
}

void FabricNode::load(FabricProgram program) {
  program_ = std::move(program);
  const std::size_t n = program_.commands.size();
  remaining_deps_.assign(n, 0);
  dependents_.assign(n, {});
  started_at_.assign(n, -1);
  completed_at_.assign(n, -1);
  completed_count_ = 0;
  for (const FabricCommand& c : program_.commands) {
    remaining_deps_[c.id] = static_cast<std::uint32_t>(c.deps.size());
    for (std::uint32_t d : c.deps) dependents_[d].push_back(c.id);
  }
}

void FabricNode::start() {
  for (const FabricCommand& c : program_.commands)
    if (c.deps.empty()) dispatch(c.id);
}

void FabricNode::dispatch(std::uint32_t id) {
  const FabricCommand& c = program_.commands[id];
  switch (c.op) {
    case FabricOp::kSend:
      sends_.push_back(id);
      send_ready_.notify(sc_core::SC_ZERO_TIME);
      break;
    case FabricOp::kReduce:
      reduces_.push_back(id);
      reduce_ready_.notify(sc_core::SC_ZERO_TIME);
      break;
    case FabricOp::kCompute:
      computes_.push_back(id);
      compute_ready_.notify(sc_core::SC_ZERO_TIME);
      break;
    case FabricOp::kRecv: {
      started_at_[id] = sc_core::sc_time_stamp().to_seconds();
      auto it = arrived_.find({c.peer, c.tag});
      if (it != arrived_.end()) {
        if (--it->second == 0) arrived_.erase(it);
        complete(id);
        record(id, "recv");
      } else {
        receivers_[{c.peer, c.tag}].push_back(id);
      }
      break;
    }
  }
}

void FabricNode::complete(std::uint32_t id) {
  completed_at_[id] = sc_core::sc_time_stamp().to_seconds();
  ++completed_count_;
  for (std::uint32_t next : dependents_[id])
    if (--remaining_deps_[next] == 0) dispatch(next);
}

void FabricNode::record(std::uint32_t id, const char* track) {
  if (!trace_) return;
  const double start = started_at_[id], end = completed_at_[id];
  trace_->add({std::string(name()) + "." + track, program_.commands[id].label, start * 1e9,
               (end - start) * 1e9});
}

void FabricNode::sender(tlm::tlm_generic_payload& payload, FabricMessage& message) {
  const sc_time nic(params_.nic_latency_s, sc_core::SC_SEC);
  while (true) {
    while (sends_.empty()) wait(send_ready_);
    const std::uint32_t id = sends_.front();
    sends_.pop_front();
    const FabricCommand& c = program_.commands[id];
    started_at_[id] = sc_core::sc_time_stamp().to_seconds();
    if (sends_in_flight_++ == 0) sending_since_ = sc_core::sc_time_stamp();
    if (nic > sc_core::SC_ZERO_TIME) wait(nic);
    message.tag = c.tag;
    message.phase = c.phase;
    payload.set_command(tlm::TLM_WRITE_COMMAND);
    payload.set_address(fabric_address(c.peer));
    if (params_.functional) {
      // The message's own bytes (links may flip and restore them on the way).
      buffers_[&payload].resize(c.bytes);
      for (std::uint64_t i = 0; i < c.bytes; ++i)
        buffers_[&payload][i] = fabric_payload_byte(chip_, c.tag, i);
      payload.set_data_ptr(buffers_[&payload].data());
    } else {
      payload.set_data_ptr(nullptr);  // timing only: links serialise the length, read no data
    }
    payload.set_data_length(static_cast<unsigned>(c.bytes));
    payload.set_streaming_width(static_cast<unsigned>(c.bytes));
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay = sc_core::SC_ZERO_TIME;
    fabric_socket->b_transport(payload, delay);
    if (delay > sc_core::SC_ZERO_TIME) wait(delay);
    if (payload.is_response_error()) {
      // Undeliverable (the fabric records why): the command never completes.
      --sends_in_flight_;
      continue;
    }
    if (--sends_in_flight_ == 0)
      send_busy_s_ += (sc_core::sc_time_stamp() - sending_since_).to_seconds();
    sent_bytes_ += c.bytes;
    ++messages_sent_;
    complete(id);
    record(id, "send");
  }
}

void FabricNode::reducer() {
  const sc_time fixed(params_.reduce_fixed_s, sc_core::SC_SEC);
  while (true) {
    while (reduces_.empty()) wait(reduce_ready_);
    const std::uint32_t id = reduces_.front();
    reduces_.pop_front();
    const FabricCommand& c = program_.commands[id];
    started_at_[id] = sc_core::sc_time_stamp().to_seconds();
    const double seconds =
        params_.reduce_Bps > 0 ? static_cast<double>(c.bytes) / params_.reduce_Bps : 0.0;
    const sc_time duration = fixed + sc_time(seconds, sc_core::SC_SEC);
    if (duration > sc_core::SC_ZERO_TIME) wait(duration);
    reduce_busy_s_ += duration.to_seconds();
    complete(id);
    record(id, "reduce");
  }
}

void FabricNode::computer() {
  while (true) {
    while (computes_.empty()) wait(compute_ready_);
    const std::uint32_t id = computes_.front();
    computes_.pop_front();
    const FabricCommand& c = program_.commands[id];
    started_at_[id] = sc_core::sc_time_stamp().to_seconds();
    const sc_time duration(c.seconds, sc_core::SC_SEC);
    if (duration > sc_core::SC_ZERO_TIME) wait(duration);
    compute_busy_s_ += duration.to_seconds();
    complete(id);
    record(id, "compute");
  }
}

void FabricNode::receive(tlm::tlm_generic_payload& payload, sc_time&) {
  const FabricMessage* message = payload.get_extension<FabricMessage>();
  const Key key{message ? message->src : 0, message ? message->tag : 0};
  received_bytes_ += payload.get_data_length();
  if (const unsigned char* data = payload.get_data_ptr()) {
    bool intact = true;
    for (std::uint64_t i = 0; i < payload.get_data_length() && intact; ++i)
      intact = data[i] == fabric_payload_byte(key.first, key.second, i);
    ++(intact ? payloads_intact_ : payloads_corrupted_);
  }
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
  auto it = receivers_.find(key);
  if (it != receivers_.end()) {
    const std::uint32_t id = it->second.front();
    it->second.pop_front();
    if (it->second.empty()) receivers_.erase(it);
    complete(id);
    record(id, "recv");
  } else {
    ++arrived_[key];
  }
}

std::vector<std::string> FabricNode::pending_states() const {
  std::vector<std::string> states;
  std::size_t shown = 0, left = 0;
  for (const FabricCommand& c : program_.commands) {
    if (completed_at_[c.id] >= 0) continue;
    // Only the commands that could run (dependencies done) explain a deadlock.
    if (remaining_deps_[c.id] > 0) continue;
    if (shown++ < 4)
      states.push_back(fmt::format("{}: command {} ({}) {}", name(), c.id, c.label,
                                   c.op == FabricOp::kRecv
                                       ? fmt::format("waits for a message from chip {}", c.peer)
                                       : std::string("never finished")));
    else
      ++left;
  }
  if (left) states.push_back(fmt::format("{}: {} more commands waiting", name(), left));
  return states;
}

void FabricNode::collect(StatsCollector& stats, const std::string& path, double total_ns) const {
  const double total_s = total_ns * 1e-9;
  const auto pct = [&](double s) { return total_s > 0 ? 100 * s / total_s : 0.0; };
  stats.set(path, "commands", static_cast<double>(program_.commands.size()));
  stats.set(path, "messages_sent", static_cast<double>(messages_sent_));
  stats.set(path, "sent_bytes", static_cast<double>(sent_bytes_));
  stats.set(path, "received_bytes", static_cast<double>(received_bytes_));
  stats.set(path, "payloads_intact", static_cast<double>(payloads_intact_));
  stats.set(path, "payloads_corrupted", static_cast<double>(payloads_corrupted_));
  stats.set(path, "send_busy_pct", pct(send_busy_s_));
  stats.set(path, "reduce_busy_pct", pct(reduce_busy_s_));
  stats.set(path, "compute_busy_pct", pct(compute_busy_s_));
  double done = 0;
  for (double t : completed_at_) done = std::max(done, t);
  stats.set(path, "finished_ns", done * 1e9);
}

}  // namespace lumen
