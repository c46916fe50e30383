#include "models/compute/command_engine.h"

namespace lumen {

CommandEngine::CommandEngine(const sc_core::sc_module_name& name, TileController& controller,
                             TraceRecorder* trace)
    : sc_core::sc_module(name), controller_(controller), trace_(trace) {
  SC_HAS_PROCESS(CommandEngine);
  SC_THREAD(run);
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
    execute(*current_);
    const double duration_ns = (sc_core::sc_time_stamp() - start).to_seconds() * 1e9;
    busy_ns_ += duration_ns;
    ++commands_done_;
    if (trace_) trace_->add({name(), current_->label, start.to_seconds() * 1e9, duration_ns});
    controller_.complete(*current_);
    current_ = nullptr;
  }
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
