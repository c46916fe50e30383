#include "models/compute/command_engine.h"

#include <algorithm>

namespace lumen {

CommandEngine::CommandEngine(const sc_core::sc_module_name& name, TileController& controller,
                             TraceRecorder* trace, std::size_t stack_bytes)
    : sc_core::sc_module(name), controller_(controller), trace_(trace) {
  SC_HAS_PROCESS(CommandEngine);
  SC_THREAD(run);
  if (stack_bytes) set_stack_size(stack_bytes);
}

void CommandEngine::enqueue(const Command* command) {
  queue_.push_back(command);
  enqueued_.notify(sc_core::SC_ZERO_TIME);
}

void CommandEngine::run() {
  while (true) {
    while (queue_.empty()) wait(enqueued_);
    current_ = queue_.front();
    queue_.pop_front();
    waiting_for_deps_ = true;
    while (!controller_.ready(*current_)) wait(controller_.completion_event());
    waiting_for_deps_ = false;
    const sc_core::sc_time start = sc_core::sc_time_stamp();
    deferred_ = false;
    execute(*current_);
    if (!deferred_) finish(*current_, start);
    current_ = nullptr;
  }
}

void CommandEngine::finish(const Command& command, sc_core::sc_time start) {
  const sc_core::sc_time end = sc_core::sc_time_stamp();
  // Overlapping commands: count (and draw) only the part after the previous one ended.
  const sc_core::sc_time from = std::max(start, last_end_);
  const double duration_ns = end > from ? (end - from).to_seconds() * 1e9 : 0.0;
  busy_ns_ += duration_ns;
  last_end_ = std::max(last_end_, end);
  ++commands_done_;
  if (trace_) trace_->add({name(), command.label, from.to_seconds() * 1e9, duration_ns});
  controller_.complete(command);
}

std::string CommandEngine::pending_state() const {
  if (!current_ && queue_.empty()) return "";
  std::string state = name();
  if (current_) {
    state += waiting_for_deps_ ? " waiting for the dependencies of command " : " stuck in command ";
    state += std::to_string(current_->id) + " (" + current_->label + ")";
    if (waiting_for_deps_) {
      state += ": unfinished";
      for (std::uint32_t dep : current_->deps)
        if (!controller_.completed(dep)) state += " " + std::to_string(dep);
    }
  }
  if (!queue_.empty()) state += "; " + std::to_string(queue_.size()) + " more queued";
  return state;
}

void CommandEngine::collect(StatsCollector& stats, double total_ns) const {
  stats.set(name(), "commands", static_cast<double>(commands_done_));
  stats.set(name(), "busy_ns", busy_ns_);
  stats.set(name(), "busy_pct", total_ns > 0 ? 100.0 * busy_ns_ / total_ns : 0.0);
  collect_own(stats, total_ns);
}

}  // namespace lumen
